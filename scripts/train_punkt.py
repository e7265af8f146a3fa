"""Train the Punkt sentence-splitter parameters shipped in ``discourse/data/punkt/``.

NLTK's pre-trained Punkt models (``punkt``/``punkt_tab``) are a download, and
``discourse`` never downloads at run time. Instead we learn the parameters
(abbreviation types, collocations, frequent sentence starters and the
orthographic context of every word type) unsupervised with
``nltk.tokenize.punkt.PunktTrainer`` on the project's own source texts, and
store them as plain JSON: reviewable in a diff, no pickles.

What it trains on (files under ``--sources``, read in this fixed order, every
document's ``text`` field in file order):

English (``en.json``)
    whitehouse_briefing_room/whitehouse_afghanistan_2021_2022.jsonl,
    ungdc/ungdc_2019_2023_subset.jsonl,
    xi_speeches_interpret_china/xi_speeches_2020_2022.jsonl,
    us_nyt_afghanistan_withdrawal_kbec19/nyt_afghanistan_withdrawal_2020-02_2021-09.jsonl,
    us_cnn_rss_2021_rumca/cnn_rss_2021_afghanistan.jsonl.
    (Tweets and the lower-cased, truncated Russian MFA Telegram posts are left
    out: their casing and URLs would teach Punkt the wrong orthography.)
Russian (``ru.json``)
    ru_state_media_lobsterbush_2021_2022/ru_1tv_background_2021-08-01_2021-09-30.jsonl,
    ru_1tv_channel_one_2021_lobsterbush/1tv_2021_afghanistan_ru.jsonl.

A short reviewed list of abbreviations is added to (and, for Russian, a few
false positives removed from) what Punkt learns; see ``MANUAL_ADDITIONS``
below for why. Each output records the files, document counts, character counts and SHA-256
of every input, and the NLTK version, so the result can be checked and
regenerated. Training is deterministic: same inputs, same JSON.

Usage::

    python scripts/train_punkt.py --sources ../shared/sources
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import nltk
from nltk.tokenize.punkt import PunktTrainer

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "discourse" / "data" / "punkt"

TRAINING_FILES: dict[str, list[str]] = {
    "en": [
        "whitehouse_briefing_room/whitehouse_afghanistan_2021_2022.jsonl",
        "ungdc/ungdc_2019_2023_subset.jsonl",
        "xi_speeches_interpret_china/xi_speeches_2020_2022.jsonl",
        "us_nyt_afghanistan_withdrawal_kbec19/nyt_afghanistan_withdrawal_2020-02_2021-09.jsonl",
        "us_cnn_rss_2021_rumca/cnn_rss_2021_afghanistan.jsonl",
    ],
    "ru": [
        "ru_state_media_lobsterbush_2021_2022/ru_1tv_background_2021-08-01_2021-09-30.jsonl",
        "ru_1tv_channel_one_2021_lobsterbush/1tv_2021_afghanistan_ru.jsonl",
    ],
}


# Punkt learns abbreviations from how often a type ends in a period versus
# not. On our mixed corpus that misses a few that matter: UN speeches write
# "Mr" without a period, so "mr" is penalised; "U.S" also occurs without its
# final period ("U.S.-Taliban"), so "u.s" is penalised. The Russian training
# text (about 1 MB of Channel One news) spells "года", "то есть" out in full
# and yields almost no abbreviations. These reviewed lists correct that; they
# are recorded in the output under "manual_additions"/"manual_removals" so
# nobody mistakes them for learned parameters. English additions must occur
# (with a period) at least MIN_ATTESTED times in the training text; Russian
# ones are standard news-typography abbreviations (г. 'city/year', гг.,
# т.е., т.к., т.д., т.п., им., ул., млн., млрд., тыс., руб., см., др.).
MANUAL_ADDITIONS: dict[str, list[str]] = {
    "en": ["adm", "capt", "col", "dec", "feb", "gen", "gov", "jan", "maj", "mr", "nov",
           "oct", "u.s", "u.s.a"],
    "ru": ["г", "гг", "др", "им", "млн", "млрд", "руб", "см", "т.д", "т.е", "т.к", "т.п",
           "тыс", "ул"],
}
# Learned "abbreviations" that are ordinary words ending sentences in the
# small Russian corpus ("боя." 'battle', "ЦРУ." 'CIA', a surname); left in,
# they would stop Punkt from splitting after them.
MANUAL_REMOVALS: dict[str, list[str]] = {
    "en": [],
    "ru": ["боя", "маругова", "цру"],
}
MIN_ATTESTED = 3


def _default_sources() -> Path:
    return REPO.parent / "shared" / "sources"


def _read_texts(path: Path, language: str) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            # Some files mix languages; files without the field are single-language.
            if doc.get("language", language) != language:
                continue
            text = doc.get("text") or ""
            if text.strip():
                texts.append(text)
    return texts


def train(language: str, sources: Path) -> dict:
    """Train Punkt on the files listed for ``language``; return the JSON payload."""
    trainer = PunktTrainer()
    manifest = []
    all_texts: list[str] = []
    for rel in TRAINING_FILES[language]:
        path = sources / rel
        if not path.is_file():
            raise FileNotFoundError(f"training file not found: {path}")
        texts = _read_texts(path, language)
        for text in texts:
            trainer.train(text, finalize=False)
        all_texts.extend(texts)
        manifest.append(
            {
                "file": rel,
                "documents": len(texts),
                "characters": sum(len(t) for t in texts),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        )
        print(f"[{language}] {rel}: {len(texts)} documents", file=sys.stderr)
    trainer.finalize_training()
    params = trainer.get_params()
    learned = set(params.abbrev_types)
    added = []
    for abbr in MANUAL_ADDITIONS[language]:
        if abbr in learned:
            continue
        if language == "en":
            pattern = re.compile(r"(?<![\w.])" + re.escape(abbr) + r"\.", re.IGNORECASE)
            n = sum(len(pattern.findall(t)) for t in all_texts)
            if n < MIN_ATTESTED:
                print(f"[{language}] not adding {abbr!r}: attested {n} times", file=sys.stderr)
                continue
        added.append(abbr)
    removed = sorted(set(MANUAL_REMOVALS[language]) & learned)
    abbrevs = (learned | set(added)) - set(removed)
    return {
        "language": language,
        "generated_by": "scripts/train_punkt.py (nltk.tokenize.punkt.PunktTrainer, default settings)",
        "nltk_version": nltk.__version__,
        "trained_on": manifest,
        "abbrev_types": sorted(abbrevs),
        "manual_additions": sorted(added),
        "manual_removals": removed,
        "collocations": sorted([list(c) for c in params.collocations]),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": {k: int(v) for k, v in sorted(params.ortho_context.items()) if v},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=_default_sources(),
                        help="folder holding the staged source folders (default: ../shared/sources)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder for {en,ru}.json")
    parser.add_argument("--languages", nargs="+", default=sorted(TRAINING_FILES),
                        choices=sorted(TRAINING_FILES))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.languages:
        payload = train(language, args.sources)
        out = args.out / f"{language}.json"
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n",
                       encoding="utf-8")
        print(f"[{language}] wrote {out} ({len(payload['abbrev_types'])} abbreviations, "
              f"{len(payload['collocations'])} collocations, "
              f"{len(payload['sent_starters'])} sentence starters)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
