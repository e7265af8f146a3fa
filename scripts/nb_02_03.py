"""Write notebooks/02_distinctive_vocabulary.ipynb and 03_concordances_and_collocates.ipynb."""
import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
META = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}

nb02 = [
    md("# 02 · What each bloc says distinctively about Afghanistan\n\n"
       "Keyness on the Jul–Oct 2021 Afghanistan passages. **Caveat first:** the corpus has no common language "
       "across the three blocs' main outlets — CCTV is Chinese, Channel One Russian, the US sources English — so a "
       "word-level US-vs-CN-vs-RU comparison on one table would mostly measure language. We therefore compare "
       "only like with like:\n\n"
       "1. **Each outlet against its own background** (same outlet, same language, same genre): what CCTV, "
       "Channel One and @StateDept say when they talk about Afghanistan, compared with everything else they said "
       "in the same weeks. The key-word lists are then read side by side.\n"
       "2. **English headlines, US vs RU**: CNN and NYT headlines vs RT headlines (same language, same genre).\n"
       "3. **Three blocs in one table**: the UN General Debate speeches of the USA, China and Russia (same genre, "
       "all in English UN records), 2019–2023, with document-level permutation p-values and bootstrap CIs."),
    code('START = "2021-07-01"\nEND = "2021-10-31"\nMIN_COUNT = 5\nTOP = 12\nBOOTSTRAP = 200\nPERMUTATIONS = 199\nSEED = 2021',
         metadata={"tags": ["parameters"]}),
    code("import discourse as dc\nfrom discourse import plotting, results"),
    md("## 1 · Each outlet against its own background\n\nPassages that mention Afghanistan (`topic`) against the "
       "outlet's other passages in the same period. Stopwords are removed (lists shipped with the package)."),
    code("window = dc.load_corpus(start=START, end=END)\n"
         "outlets = {\"CCTV Xinwen Lianbo\": \"CN\", \"Channel One Russia (1tv.ru)\": \"RU\", \"US Department of State (@StateDept)\": \"US\"}\n"
         "psg = dc.passages(window[window[\"source\"].isin(outlets)])\n"
         "psg = psg.assign(about=dc.mentions_afghanistan(psg).map({True: \"afghanistan\", False: \"other\"}))\n"
         "psg.groupby([\"source\", \"about\"]).size().unstack()"),
    code("own = dc.keyness_by(psg, split=\"source\", by=\"about\", target=\"afghanistan\", min_count=MIN_COUNT,\n"
         "                     remove_stopwords=True, bootstrap=BOOTSTRAP, random_state=SEED)\n"
         "results.save_table(own, \"keyness_afghanistan_vs_own_background_by_outlet\")\n"
         "top_own = dc.top_keywords(own, n=TOP, by=\"source\")\n"
         "top_own"),
    code("for source, name in [(\"CCTV Xinwen Lianbo\", \"cctv\"), (\"Channel One Russia (1tv.ru)\", \"channel_one\"),\n"
         "                     (\"US Department of State (@StateDept)\", \"statedept\")]:\n"
         "    ax = plotting.plot_keyness(own[own[\"source\"] == source], top=TOP)\n"
         "    ax.set_title(f\"{source}: Afghanistan passages vs its other passages\")\n"
         "    plotting.save_figure(ax, f\"keyness_{name}_afghanistan_vs_background\")"),
    md("## 2 · English headlines: US outlets vs RT\n\nCNN and NYT headline units against RT headlines, Afghanistan "
       "passages only. RT's units are a headline plus at most 60 characters of body; US units are headline plus "
       "teaser/lead, so we use only the headline-type genres on both sides."),
    code("heads = dc.passages(window[window[\"genre\"].eq(\"news_headline\")], afghanistan=True)\n"
         "heads.groupby([\"bloc\", \"source\"]).size()"),
    code("us_ru = dc.keyness(heads, by=\"bloc\", target=\"RU\", reference=\"US\", min_count=3, remove_stopwords=True,\n"
         "                   bootstrap=BOOTSTRAP, random_state=SEED)\n"
         "results.save_table(us_ru, \"keyness_headlines_ru_vs_us\")\n"
         "us_ru.head(TOP)"),
    code("ax = plotting.plot_keyness_scatter(us_ru, label_top=TOP)\n"
         "ax.set_title(\"RT vs US headlines on Afghanistan, Jul–Oct 2021 (log-odds z, informative prior)\")\n"
         "plotting.save_figure(ax, \"keyness_headlines_ru_vs_us_logodds_scatter\");"),
    md("## 3 · Three blocs in one table: UN General Debate speeches\n\nOne-vs-rest keyness for USA, CHN and RUS "
       "(5 speeches each, 2019–2023). With five documents per group the document-level permutation p-values "
       "(`p_perm`) and bootstrap CIs are the honest measures: a word used heavily in one speech only is not key."),
    code("un = dc.load_corpus(genre=\"un_speech\", country=[\"USA\", \"CHN\", \"RUS\"])\n"
         "un_key = dc.keyness(un, by=\"bloc\", comparison=\"one_vs_rest\", min_count=MIN_COUNT, remove_stopwords=True,\n"
         "                    permutations=PERMUTATIONS, bootstrap=BOOTSTRAP, random_state=SEED)\n"
         "results.save_table(un_key, \"keyness_un_general_debate_by_bloc\")\n"
         "dc.top_keywords(un_key, n=TOP, by=\"target\")"),
    code("ax = plotting.plot_keyness(un_key, top=TOP)\n"
         "plotting.save_figure(ax, \"keyness_un_general_debate_by_bloc\");"),
    md("## Caveats\n\n* Keyness says *which words* differ, not *why*: read the KWIC lines in notebook 03 before "
       "interpreting a key word.\n* Topic-vs-background keyness partly rediscovers the filter words (阿富汗, "
       "Афганистан, Afghanistan); the interesting rows are the next ones.\n* CCTV and Channel One texts are web "
       "scripts and leads, RT and MFA units are truncated: differences in unit length change token totals, which "
       "the per-million frequencies and the document-level CIs account for, but not differences in style.\n"
       "* UN speeches are UN translations for China and Russia: wording is the translators' as much as the states'."),
]

nb03 = [
    md("# 03 · How the blocs use *Taliban*, *withdrawal* and *responsibility*\n\n"
       "Concordances (KWIC) and collocates in each language's own words: Taliban / талиб* / 塔利班, "
       "withdraw* / вывод* / 撤军, responsib* / ответственност* / 责任. Jul–Oct 2021 Afghanistan passages."),
    code('START = "2021-07-01"\nEND = "2021-10-31"\nWINDOW = 5\nMIN_COUNT = 3\nSHOW = 15', metadata={"tags": ["parameters"]}),
    code("import discourse as dc\nfrom discourse import plotting, results"),
    code("psg = dc.passages(dc.load_corpus(start=START, end=END), afghanistan=True)\n"
         "psg.groupby([\"bloc\", \"language\"]).size()"),
    md("## Taliban"),
    code("taliban = dc.kwic(psg, [\"taliban*\", \"талиб*\", \"塔利班\"], window=WINDOW)\n"
         "results.save_table(taliban.groupby([\"bloc\", \"language\"]).size().rename(\"n\").reset_index(), \"kwic_taliban_hits_by_bloc\")\n"
         "taliban.groupby([\"bloc\", \"language\"]).size()"),
    code("taliban[taliban[\"language\"] == \"zh\"].head(SHOW)"),
    code("taliban[taliban[\"language\"] == \"ru\"].head(SHOW)"),
    code("taliban[(taliban[\"language\"] == \"en\")].sample(SHOW, random_state=0).sort_values(\"bloc\")"),
    md("## Collocates of *Taliban* in each language\n\nlogDice (Rychlý 2008) within ±WINDOW tokens; collocates "
       "with fewer than MIN_COUNT co-occurrences are dropped."),
    code("colls = dc.collocates_by_language(psg, {\"en\": \"taliban*\", \"ru\": \"талиб*\", \"zh\": \"塔利班\"}, by=\"bloc\",\n"
         "                                  window=WINDOW, min_count=MIN_COUNT, remove_stopwords=True)\n"
         "results.save_table(colls, \"collocates_taliban_by_bloc\")\n"
         "colls.groupby([\"language\", \"group\"]).head(5)"),
    code("for lang in [\"zh\", \"ru\", \"en\"]:\n"
         "    ax = plotting.plot_collocates(colls[colls[\"language\"] == lang], top=10)\n"
         "    ax.set_title(f\"Collocates of Taliban ({lang})\")\n"
         "    plotting.save_figure(ax, f\"collocates_taliban_{lang}\")"),
    md("## Withdrawal and responsibility"),
    code("withdrawal = dc.kwic(psg, [\"withdraw*\", \"вывод*\", \"撤军\", \"撤离\"], window=WINDOW)\n"
         "responsibility = dc.kwic(psg, [\"responsib*\", \"ответственн*\", \"责任\"], window=WINDOW)\n"
         "results.save_table(withdrawal.groupby([\"bloc\", \"language\"]).size().rename(\"n\").reset_index(), \"kwic_withdrawal_hits_by_bloc\")\n"
         "results.save_table(responsibility.groupby([\"bloc\", \"language\"]).size().rename(\"n\").reset_index(), \"kwic_responsibility_hits_by_bloc\")\n"
         "responsibility.groupby([\"bloc\", \"language\"]).size()"),
    code("responsibility[responsibility[\"bloc\"] != \"US\"].head(SHOW)"),
    code("responsibility[responsibility[\"bloc\"] == \"US\"].sort_values(\"right\").head(SHOW)"),
    md("## Reading these tables\n\nKWIC lines are the evidence behind every key word and frame: who *bears* "
       "responsibility, who *must* take it, who *withdrew* and who is *evacuating*. The counts above are per bloc "
       "and language; the US side has far more text, so compare the *shape* of the contexts, not the number of lines."),
]
for name, cells in [("02_distinctive_vocabulary", nb02), ("03_concordances_and_collocates", nb03)]:
    nbf.write(nbf.v4.new_notebook(cells=cells, metadata=META), f"notebooks/{name}.ipynb")
