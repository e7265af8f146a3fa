"""Write notebooks/01_corpus_overview.ipynb (kept so the notebook's cells are reviewable as code)."""
import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("# 01 · What is in the corpus\n\n"
       "Real US, Chinese and Russian texts on the 2021 US withdrawal from Afghanistan (and UN General Debate "
       "speeches of other states). This notebook shows what the corpus holds, how many Afghanistan passages each "
       "bloc contributes in July–October 2021, and when they were published. Every number comes from "
       "`discourse`; the datasheet (`corpus/README.md`) has the sources, rights and caveats."),
    code('START = "2021-07-01"\nEND = "2021-10-31"\nFREQ = "W"  # "W" weekly (weeks ending Sunday) or "D" daily timeline', metadata={"tags": ["parameters"]}),
    code("import discourse as dc\nfrom discourse import describing, plotting, results\nfrom discourse.datasheet import CAVEATS\nfrom IPython.display import Markdown"),
    md("## The whole corpus: documents by bloc, genre and language"),
    code("docs = dc.load_corpus()\ncomp = describing.composition(docs, by=[\"bloc\", \"genre\", \"language\"])\n"
         "results.save_table(comp, \"corpus_composition_by_bloc_genre_language\")\ncomp"),
    code("ax = plotting.plot_composition(comp, x=\"n\", y=\"genre\", hue=\"bloc\")\n"
         "ax.set_title(\"Documents by genre and bloc (whole corpus)\")\n"
         "plotting.save_figure(ax, \"corpus_composition_by_bloc_genre\");"),
    md("## July–October 2021: Afghanistan passages per bloc\n\n"
       "A passage is a paragraph (or a whole tweet, headline or post) that matches the multilingual Afghanistan "
       "filter `discourse.passages.AFGHANISTAN_TERMS`."),
    code("window = dc.load_corpus(start=START, end=END)\n"
         "by_bloc = describing.afghanistan_passage_counts(window, by=[\"bloc\"])\n"
         "results.save_table(by_bloc, \"afghanistan_passages_by_bloc\")\nby_bloc"),
    code("by_source = describing.afghanistan_passage_counts(window, by=[\"bloc\", \"source\", \"language\", \"genre\"])\n"
         "results.save_table(by_source, \"afghanistan_passages_by_source\")\nby_source"),
    md("## When: Afghanistan passages per week, with key events\n\nLog scale: the US sources publish far more text."),
    code("timeline = describing.mention_timeline(window, by=\"bloc\", freq=FREQ, start=START, end=END)\n"
         "results.save_table(timeline, \"afghanistan_passages_timeline_by_bloc\")\n"
         "ax = plotting.plot_timeline(timeline, x=\"period\", y=\"n_passages\", hue=\"bloc\", events=describing.KEY_EVENTS)\n"
         "ax.set_ylabel(\"Afghanistan passages\")\nax.set_yscale(\"symlog\", linthresh=1)\nax.set_ylim(bottom=0)\n"
         "plotting.save_figure(ax, \"afghanistan_passages_by_bloc_timeline\");"),
    md("Raw passage counts mix volume with attention: the US sources are many and long. Three sources carry an "
       "unfiltered background sample — CCTV Xinwen Lianbo (every item, Jul–Oct 2021), Channel One (every item in "
       "the scrape, Aug–Sep 2021) and @StateDept (every tweet, Jul–Oct 2021) — so for them we can read the "
       "**share of items that mention Afghanistan**, week by week."),
    code("background_sources = [\"CCTV Xinwen Lianbo\", \"Channel One Russia (1tv.ru)\", \"US Department of State (@StateDept)\"]\n"
         "bg = dc.load_corpus(source=background_sources, start=START, end=END)\n"
         "share = describing.mention_timeline(bg, by=\"source\", freq=\"W\", start=START, end=END)\n"
         "results.save_table(share, \"afghanistan_share_of_items_by_source_weekly\")\n"
         "ax = plotting.plot_timeline(share.dropna(subset=[\"share_mentioning\"]), x=\"period\", y=\"share_mentioning\", hue=\"source\", events=describing.KEY_EVENTS, marker=\"o\")\n"
         "ax.set_ylabel(\"share of items mentioning Afghanistan\")\n"
         "plotting.save_figure(ax, \"afghanistan_share_of_items_by_source_weekly\");"),
    md("## Caveats (from the datasheet)"),
    code("Markdown(CAVEATS)"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
nbf.write(nb, "notebooks/01_corpus_overview.ipynb")
