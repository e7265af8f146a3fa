"""Build the bundled corpus (``corpus/``) from the staged sources in ``../shared``.

This module is the only place that knows the layout of the staged source
folders. It maps each folder's records onto the corpus schema
(:mod:`discourse.schema`, plus the study's ``bloc``), carries each source's
stated rights into every row,
de-duplicates, and writes one deterministic ``.jsonl.gz`` file per source plus
a manifest. Running it twice on the same sources gives byte-identical files.

Nothing else in the package reads ``../shared``; the loader reads ``corpus/``.

What is changed in the texts, and nothing else:

* ``\\r\\n`` and ``\\r`` become ``\\n``; leading and trailing whitespace of
  the whole text and title is stripped.
* An item with a headline but no text (NYT headline-only rows, a few CNN
  RSS items with an empty teaser) has the headline moved into ``text`` and
  an empty ``title``: the headline is the whole unit.
* The seed article (a republished copy) loses the republisher's footer that
  follows the authors' biographies (see ``SEED_FOOTER_MARKER``); its first
  line becomes the title.

Everything else (wording, punctuation, casing, non-breaking spaces, HTML
entities such as ``&amp;`` in tweets, emoji) is kept exactly.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blocs import CORPUS_COLUMNS, bloc_of

#: Line after which the republished seed copy carries the republisher's footer.
SEED_FOOTER_MARKER = "Robbie Gramer is a diplomacy and national security reporter at Foreign Policy."

# Rights as stated in each folder's PROVENANCE.md (quoted or closely summarised there).
RIGHTS = {
    "whitehouse": "CC0 1.0 (source repository licence); White House texts are US federal government works",
    "statedept": "No licence stated; statements of a US federal government account (@StateDept); X/Twitter terms apply to redistribution",
    "nyt": "© The New York Times; NYT Article Search API terms; internal research use only, do not republish",
    "cnn": "© CNN (RSS headlines and teasers; archive repository GPL-3.0); internal research use only",
    "ungdc": "CC0 per the Harvard Dataverse record of UNGDC (not stated in the mirror repository); cite Jankin, Baturo & Dasandi",
    "cctv": "© CCTV / China Media Group; source repository: for study use only (仅供学习使用); internal research use only, do not redistribute",
    "xi": "No licence stated; English text as published by CSIS Interpret: China; research quotation only",
    "chinawatch": "No licence stated; X/Twitter developer terms; internal research use only",
    "1tv": "© Channel One Russia; no licence stated; internal research use only, do not redistribute",
    "rt": "© RT (ANO TV-Novosti); no licence stated; internal research use only, do not redistribute",
    "mfa": "Russian MFA Telegram channel; no licence stated; internal research use only, do not redistribute",
    "seed": "© Foreign Policy (republished copy); research quotation only, do not redistribute",
}


@dataclass(frozen=True)
class SourceSpec:
    """One output file of the corpus and how to read it from the staged sources."""

    key: str
    description: str
    reader: Callable[[Path], Iterator[dict[str, Any]]]


def _iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.strip():
                yield lineno, json.loads(line)


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _flag(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


def _row(**kw: Any) -> dict[str, Any]:
    row = {col: "" for col in CORPUS_COLUMNS}
    row.update({k: _clean(v) if k in ("title", "text") else v for k, v in kw.items()})
    if not row["text"] and row["title"]:
        # A headline with no teaser or body: the headline is the unit's text.
        row["title"], row["text"] = "", row["title"]
    row["bloc"] = bloc_of(row["country"])
    if not row.get("date_precision"):
        row["date_precision"] = "day"
    return row


def _prov(folder: str, file: str, line: int, extra: str = "") -> str:
    out = f"{folder}/{file}:{line}"
    return f"{out} ({extra})" if extra else out


# --------------------------------------------------------------------------- readers


def read_whitehouse(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "whitehouse_briefing_room", "whitehouse_afghanistan_2021_2022.jsonl"
    genre = {
        "speeches-remarks": "official_remarks",
        "press-briefings": "press_briefing",
        "statements-releases": "official_statement",
        "presidential-actions": "official_statement",
        "legislation": "official_statement",
        "blog": "official_statement",
    }
    for line, d in _iter_jsonl(root / folder / name):
        yield _row(
            doc_id=d["doc_id"], country="USA", source="The White House", speaker=d.get("speaker", ""),
            genre=genre[d["category"]], date=d["date"], language="en", title=d["title"], text=d["text"],
            url=d.get("url_or_original_id", ""), sample="topic",
            provenance=_prov(folder, name, line, f"brian14708/wh-briefings: {d['repo_path']}"),
            rights=RIGHTS["whitehouse"],
        )


def read_statedept(root: Path) -> Iterator[dict[str, Any]]:
    folder = "statedept_tweets"
    pattern = re.compile(r"afghan|taliban|kabul|hkia|karzai|doha", re.I)  # the staging filter
    for name in ("statedept_tweets_afghanistan_2019_2023.jsonl", "statedept_tweets_all_2021-07_to_2021-10.jsonl"):
        for line, d in _iter_jsonl(root / folder / name):
            tid = d["url_or_original_id"]
            yield _row(
                doc_id=d["doc_id"], country="USA", source="US Department of State (@StateDept)",
                speaker="@StateDept", genre="tweet", date=d["date"], language="en", title="", text=d["text"],
                url=f"https://twitter.com/StateDept/status/{tid}",
                sample="topic" if pattern.search(d["text"]) else "background",
                provenance=_prov(folder, name, line, f"lockdown-systems/statedept-archive: {d['repo_file']}, tweet {tid}"),
                rights=RIGHTS["statedept"],
            )


def read_nyt(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "us_nyt_afghanistan_withdrawal_kbec19", "nyt_afghanistan_withdrawal_2020-02_2021-09.jsonl"
    opinion = {"Op-Ed", "Editorial", "Letter"}
    for line, d in _iter_jsonl(root / folder / name):
        headline_only = d["doc_id"].startswith("NYT_KBEC19_H")
        genre = "news_headline" if headline_only else ("opinion" if d["genre"] in opinion else "news_lead")
        material = f", material={d['genre']}" if d["genre"] else ""
        yield _row(
            doc_id=d["doc_id"], country="USA", source="The New York Times", speaker=d.get("byline", ""),
            genre=genre, date=d["date"], language="en", title=d["title"], text=d["text"], url=d.get("url", ""),
            sample="topic" if _flag(d.get("kw_match")) else "background",
            provenance=_prov(folder, name, line, f"kbec19/NYT-Analysis, NYT Article Search API{material}"),
            rights=RIGHTS["nyt"],
        )


def read_cnn(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "us_cnn_rss_2021_rumca", "cnn_rss_2021_afghanistan.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        yield _row(
            doc_id=d["doc_id"], country="USA", source="CNN", genre="news_headline", date=d["date"],
            language="en", title=d["title"], text=d["text"], url=d["url"], sample="topic",
            provenance=_prov(folder, name, line, f"rumca-js/RSS-Link-Database-2021: {d['repo_file']}"),
            rights=RIGHTS["cnn"],
        )


def read_ungdc(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "ungdc", "ungdc_2019_2023_subset.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        yield _row(
            doc_id="UNGDC_" + d["doc_id"], country=d["country"], source="UN General Debate",
            speaker=d.get("speaker", ""), genre="un_speech", date=str(d["year"]), date_precision="year",
            language="en", title=d["title"], text=d["text"], url="",
            sample="topic" if _flag(d.get("mentions_afghanistan")) else "background",
            provenance=_prov(folder, name, line, f"UNGDC V13 via SarahFranzen/Emotions_in_the_United_Nations_General_Debates: {d['url_or_original_id']}"),
            rights=RIGHTS["ungdc"],
        )


def read_cctv(root: Path) -> Iterator[dict[str, Any]]:
    """All Afghanistan items 2021-2022, plus every item of Jul-Oct 2021 as background."""
    folder, name = "cn_cctv_xinwenlianbo_2021_2022_chinadata", "xwlb_2021_2022_zh.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        topic = _flag(d.get("mentions_afghanistan"))
        if not (topic or "2021-07-01" <= d["date"] <= "2021-10-31"):
            continue
        if _flag(d.get("text_missing")):
            # Four items have no text at all; none is about Afghanistan. Keeping
            # an empty document would break the schema, so they are counted as
            # excluded in the datasheet instead.
            continue
        yield _row(
            doc_id=d["doc_id"], country="CHN", source="CCTV Xinwen Lianbo", genre="tv_news", date=d["date"],
            language="zh", title=d["title"], text=d["text"], url=d["url"],
            sample="topic" if topic else "background",
            provenance=_prov(folder, name, line, f"china-data/xwlb: {d['original_path']} item {d['item_num']}"),
            rights=RIGHTS["cctv"],
        )


def read_xi(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "xi_speeches_interpret_china", "xi_speeches_2020_2022.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        yield _row(
            doc_id=d["doc_id"], country="CHN", source="Xi Jinping speeches (CSIS Interpret: China)",
            speaker=d.get("speaker", "Xi Jinping"), genre="speech", date=d["date"], language="en",
            title=d["title"], text=d["text"], url="",
            sample="topic" if int(d.get("afghan_mentions") or 0) > 0 else "background",
            provenance=_prov(folder, name, line, f"eggsnblakey/rhetoric-xi: {d['url_or_original_id']}"),
            rights=RIGHTS["xi"],
        )


def read_chinawatch(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "cn_chinadaily_chinawatch_tweets_mz44zhang", "chinadaily_chinawatch_tweets_afghanistan.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        yield _row(
            doc_id=d["doc_id"], country="CHN", source="China Watch Institute (China Daily)",
            speaker="@" + d.get("author_username", "CDchinawatch"), genre="tweet", date=d["date"], language="en",
            title="", text=d["text"], url=d["url"], sample="topic",
            provenance=_prov(folder, name, line, "mz44zhang/Archive_China_State_Media_Twitter: CDchinawatch.csv"),
            rights=RIGHTS["chinawatch"],
        )


def read_channel_one(root: Path) -> Iterator[dict[str, Any]]:
    """1tv: the 2021 Afghanistan items, the 2022 ones, and the Aug-Sep 2021 background."""
    files = [
        ("ru_1tv_channel_one_2021_lobsterbush", "1tv_2021_afghanistan_ru.jsonl", None),
        ("ru_state_media_lobsterbush_2021_2022", "ru_afghanistan_2021_2022.jsonl", "1TV_"),
        ("ru_state_media_lobsterbush_2021_2022", "ru_1tv_background_2021-08-01_2021-09-30.jsonl", None),
    ]
    for folder, name, prefix in files:
        for line, d in _iter_jsonl(root / folder / name):
            if prefix and not d["doc_id"].startswith(prefix):
                continue
            background = "background" in name and not _flag(d.get("afghanistan_match"))
            yield _row(
                doc_id=d["doc_id"], country="RUS", source="Channel One Russia (1tv.ru)", genre="tv_news",
                date=d["date"], language="ru", title=d["title"], text=d["text"], url=d["url"],
                sample="background" if background else "topic",
                provenance=_prov(folder, name, line, "lobsterbush/kremlin-speeches: chunks/chunk_20xx.csv"),
                rights=RIGHTS["1tv"],
            )


def read_rt(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "ru_state_media_lobsterbush_2021_2022", "ru_afghanistan_2021_2022.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        if not d["doc_id"].startswith("RT_EN_"):
            continue
        cut = " (title cut at 120 characters by the source repository)" if _flag(d.get("title_possibly_truncated")) else ""
        yield _row(
            doc_id=d["doc_id"], country="RUS", source="RT (rt.com, English)", genre="news_headline", date=d["date"],
            language="en", title=d["title"], text=d["text"], url=d["url"], sample="topic",
            provenance=_prov(folder, name, line, f"lobsterbush/kremlin-speeches: {d['original_path']}{cut}"),
            rights=RIGHTS["rt"],
        )


def read_mfa(root: Path) -> Iterator[dict[str, Any]]:
    folder, name = "ru_state_media_lobsterbush_2021_2022", "ru_afghanistan_2021_2022.jsonl"
    for line, d in _iter_jsonl(root / folder / name):
        if not d["doc_id"].startswith("MFA_TG_EN_"):
            continue
        yield _row(
            doc_id=d["doc_id"], country="RUS", source="Russian MFA (@MFARussia Telegram, English)",
            speaker="@MFARussia", genre="telegram_post", date=d["date"], language="en", title="", text=d["text"],
            url="", sample="topic",
            provenance=_prov(folder, name, line, f"lobsterbush/kremlin-speeches: {d['original_path']}, index {d.get('index_in_source_file', '')}; first <=120 characters, lower-cased by the source repository"),
            rights=RIGHTS["mfa"],
        )


def read_seed(shared: Path) -> Iterator[dict[str, Any]]:
    path = shared / "seed" / "foreign_policy_2021_china_russia_outflank_us_afghanistan.txt"
    raw = path.read_text(encoding="utf-8")
    body = raw
    if SEED_FOOTER_MARKER in raw:
        body = raw[: raw.index(SEED_FOOTER_MARKER) + len(SEED_FOOTER_MARKER)]
    title, _, text = body.strip().partition("\n")
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
    yield _row(
        doc_id="SEED_FP_2021_CHINA_RUSSIA_OUTFLANK", country="USA", source="Foreign Policy",
        speaker="Colum Lynch; Robbie Gramer", genre="magazine_article", date="2021", date_precision="year",
        language="en", title=title, text=text, url="", sample="seed",
        provenance=f"seed/{path.name} (republished copy, sha256 {sha}…; republisher footer after the authors' bios removed)",
        rights=RIGHTS["seed"],
    )


SOURCES: list[SourceSpec] = [
    SourceSpec("whitehouse", "Biden White House briefing room, 2021-2022, documents mentioning 'afghan'", read_whitehouse),
    SourceSpec("statedept_tweets", "@StateDept tweets: Afghanistan keyword 2019-2023 + all of Jul-Oct 2021", read_statedept),
    SourceSpec("nyt", "New York Times headline/abstract/lead, Feb 2020 - Sep 2021", read_nyt),
    SourceSpec("cnn_rss", "CNN RSS headline + teaser, 2021, Afghanistan keyword", read_cnn),
    SourceSpec("ungdc", "UN General Debate 2019-2023: core states + every speech mentioning Afghanistan", read_ungdc),
    SourceSpec("cctv_xwlb", "CCTV Xinwen Lianbo: Afghanistan items 2021-2022 + all items Jul-Oct 2021", read_cctv),
    SourceSpec("xi_speeches", "Xi Jinping speeches in English (CSIS Interpret: China), 2020-2022", read_xi),
    SourceSpec("chinawatch_tweets", "China Watch Institute (China Daily) tweets on Afghanistan, Aug 2021", read_chinawatch),
    SourceSpec("channel_one", "Channel One Russia items: Afghanistan 2021-2022 + all items Aug-Sep 2021", read_channel_one),
    SourceSpec("rt_headlines", "RT English headlines on Afghanistan, 2021-2022", read_rt),
    SourceSpec("mfa_telegram", "Russian MFA Telegram post openings (English) on Afghanistan, 2021-2022", read_mfa),
]


def _norm_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def collect_documents(shared: Path) -> tuple[OrderedDict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Read every source; return rows per output file and the de-duplication log.

    Two rules, applied in this order over all sources:

    1. the same ``doc_id`` twice (the same record staged in two files): keep
       the first, and if either copy came from a keyword filter keep
       ``sample="topic"``;
    2. the same whitespace-normalised ``title`` + ``text`` twice within one
       ``source`` (e.g. a live-blog headline and abstract under two URLs):
       keep the first.
    """
    shared = Path(shared)
    root = shared / "sources"
    out: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    seen_ids: dict[str, dict[str, Any]] = {}
    seen_text: dict[tuple[str, str, str], str] = {}
    removed: list[dict[str, Any]] = []
    specs = SOURCES + [SourceSpec("seed", "Seed article: Foreign Policy (2021)", lambda _: read_seed(shared))]
    for spec in specs:
        rows = out.setdefault(spec.key, [])
        for row in spec.reader(root):
            if row["doc_id"] in seen_ids:
                kept = seen_ids[row["doc_id"]]
                if row["sample"] == "topic":
                    kept["sample"] = "topic"
                removed.append({"doc_id": row["doc_id"], "source": row["source"], "reason": "same doc_id staged twice",
                                "duplicate_of": kept["doc_id"], "provenance": row["provenance"]})
                continue
            key = (row["source"], _norm_ws(row["title"]), _norm_ws(row["text"]))
            if key in seen_text:
                removed.append({"doc_id": row["doc_id"], "source": row["source"],
                                "reason": "same title and text as another item of the same source",
                                "duplicate_of": seen_text[key], "provenance": row["provenance"]})
                continue
            seen_ids[row["doc_id"]] = row
            seen_text[key] = row["doc_id"]
            rows.append(row)
    return out, removed


def _write_jsonl_gz(path: Path, rows: list[dict[str, Any]]) -> None:
    buf = io.BytesIO()
    # mtime=0 and no file name in the header keep the bytes reproducible.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for row in rows:
            gz.write((json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8"))
    path.write_bytes(buf.getvalue())


def build_corpus(shared: str | Path, out_dir: str | Path) -> dict[str, Any]:
    """Regenerate ``corpus/documents/*.jsonl.gz`` and ``corpus/MANIFEST.json``.

    Parameters
    ----------
    shared : path
        The read-only ``shared`` folder (holding ``sources/`` and ``seed/``).
    out_dir : path
        The corpus folder to write (``corpus/``); ``documents/`` inside it is
        replaced.

    Returns
    -------
    dict
        The manifest: files with row counts and SHA-256, and the
        de-duplication summary.

    Raises
    ------
    FileNotFoundError
        If ``shared/sources`` does not exist.
    """
    shared, out_dir = Path(shared), Path(out_dir)
    if not (shared / "sources").is_dir():
        raise FileNotFoundError(f"No staged sources at {shared / 'sources'}; pass the folder that holds sources/ and seed/.")
    by_file, removed = collect_documents(shared)
    docs_dir = out_dir / "documents"
    docs_dir.mkdir(parents=True, exist_ok=True)
    for old in docs_dir.glob("*.jsonl.gz"):
        old.unlink()
    files = []
    for key, rows in by_file.items():
        rows = sorted(rows, key=lambda r: (r["date"], r["doc_id"]))
        path = docs_dir / f"{key}.jsonl.gz"
        _write_jsonl_gz(path, rows)
        files.append({"file": f"documents/{path.name}", "rows": len(rows),
                      "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    _write_jsonl_gz(out_dir / "deduplication_log.jsonl.gz", removed)
    manifest = {
        "schema": CORPUS_COLUMNS,
        "files": files,
        "documents": sum(f["rows"] for f in files),
        "removed_duplicates": dict(sorted(Counter(r["reason"] for r in removed).items())),
        "removed_duplicates_by_source": dict(sorted(Counter(r["source"] for r in removed).items())),
    }
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
