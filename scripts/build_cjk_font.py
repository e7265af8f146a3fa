"""Build the Chinese font subset shipped in ``discourse/data/fonts/``.

Figures label bars and points with corpus terms, and a machine without a CJK
font draws Chinese as boxes. So the package carries its own: Noto Sans CJK SC
Regular (SIL Open Font License 1.1), cut down with fontTools to

* every character of the GB2312 set (6,763 hanzi and 682 symbols: the
  characters of everyday simplified Chinese),
* every other character at or above U+2E80 (CJK radicals, punctuation,
  ideographs, full-width forms) that occurs in the bundled corpus
  (``corpus/documents/*.jsonl.gz``, field ``text``) or in the jieba user
  dictionary (``discourse/data/jieba_userdict.txt``),
* printable ASCII, so the face is usable on its own.

Latin and Cyrillic are drawn by matplotlib's own DejaVu Sans first; this face
is the fallback for what DejaVu lacks (see ``discourse.plotting``).

The CFF (PostScript) outlines are converted to TrueType quadratic outlines
(fontTools' cu2qu), because matplotlib embeds TrueType outlines in PDF and
PostScript output but not CFF ones. The family is renamed "Noto Sans SC
Subset" so it never shadows a full Noto Sans CJK SC installed on the machine,
and the name table says what was done (OFL section 2 allows modified
versions under the same licence; the font declares no reserved font name).

The output is deterministic for the same inputs; ``PROVENANCE.md`` beside
it records the source file's SHA-256, its version string and the number of
characters per origin.

Usage::

    apt-get install fonts-noto-cjk       # Debian's package of the source font
    python scripts/build_cjk_font.py     # writes discourse/data/fonts/
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_LICENCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FAMILY = "Noto Sans SC Subset"
OUT_DIR = ROOT / "discourse" / "data" / "fonts"
OUT_FONT = OUT_DIR / "NotoSansSC-Subset.ttf"
#: Maximum distance (in font units, 1,000 per em) of a quadratic curve from the cubic it replaces.
MAX_ERROR = 2.0


def gb2312_characters() -> set[str]:
    """Every character GB2312 encodes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def corpus_characters() -> set[str]:
    """Characters at or above U+2E80 in the bundled corpus texts and the jieba user dictionary."""
    wide = re.compile(r"[\u2e80-\U0010ffff]")
    chars: set[str] = set()
    for path in sorted((ROOT / "corpus" / "documents").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                chars.update(wide.findall(json.loads(line).get("text") or ""))
    chars.update(wide.findall((ROOT / "discourse" / "data" / "jieba_userdict.txt").read_text(encoding="utf-8")))
    return chars


def simplified_face(path: Path) -> TTFont:
    """The "Noto Sans CJK SC" face of the collection."""
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return font
    raise SystemExit(f"{path}: no face named 'Noto Sans CJK SC'")


def cff_to_truetype(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines (in place)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, version: str) -> None:
    """Give the subset its own family name and say in the name table what it is."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    values = {1: FAMILY, 2: "Regular", 3: f"{postscript};{version}", 4: f"{FAMILY} Regular", 6: postscript,
              10: ("A subset of Noto Sans CJK SC Regular (GB2312 and the characters of the discourse corpus), "
                   "outlines converted to TrueType, made for the discourse package."),
              16: FAMILY, 17: "Regular"}
    name.names = [record for record in name.names if record.nameID not in values and record.nameID not in (18, 21, 22)]
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)


def licence_text(path: Path) -> str:
    """The OFL 1.1 text as Debian's copyright file quotes it (de-indented)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "SIL OPEN FONT LICENSE Version 1.1" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("License:"))
    body = [("" if line.strip() == "." else line[1:]) for line in lines[start:end]]
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="Noto Sans CJK collection (.ttc)")
    parser.add_argument("--licence", type=Path, default=SOURCE_LICENCE, help="file quoting the OFL 1.1 text")
    args = parser.parse_args()

    gb2312 = gb2312_characters()
    corpus = corpus_characters()
    ascii_printable = {chr(c) for c in range(0x20, 0x7F)}
    font = simplified_face(args.source)
    cmap = font.getBestCmap()
    wanted = gb2312 | corpus | ascii_printable
    absent = sorted(ch for ch in wanted if ord(ch) not in cmap)
    version = font["name"].getDebugName(5)
    copyright_notice = font["name"].getDebugName(0)

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in wanted])
    subsetter.subset(font)
    cff_to_truetype(font)
    rename(font, version)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    font.save(OUT_FONT)
    (OUT_DIR / "OFL.txt").write_text(f"{copyright_notice}\n\n{licence_text(args.licence)}", encoding="utf-8")
    covered = len(TTFont(OUT_FONT).getBestCmap())
    sha = hashlib.sha256(args.source.read_bytes()).hexdigest()
    (OUT_DIR / "PROVENANCE.md").write_text(
        f"# {OUT_FONT.name}\n\n"
        f"A subset of **Noto Sans CJK SC Regular** ({version}), {copyright_notice} "
        "Licensed under the SIL Open Font License 1.1 (`OFL.txt` beside this file); this subset is a "
        "Modified Version under the same licence, renamed to \"" + FAMILY + "\".\n\n"
        f"* source: `{args.source.name}` from Debian's `fonts-noto-cjk` package, SHA-256 `{sha}`\n"
        f"* characters asked for: {len(wanted):,} (GB2312 {len(gb2312):,}; corpus and jieba user dictionary "
        f"{len(corpus):,}, of which {len(corpus - gb2312):,} outside GB2312; printable ASCII 95)\n"
        f"* characters the source lacks (left out): {len(absent)}"
        + (f" ({''.join(absent[:40])}{'…' if len(absent) > 40 else ''})" if absent else "") + "\n"
        f"* characters in the subset's cmap: {covered:,}\n"
        f"* outlines: CFF converted to TrueType quadratic curves, max error {MAX_ERROR} unit per 1,000/em\n\n"
        "Rebuild with `python scripts/build_cjk_font.py` (see its docstring).\n",
        encoding="utf-8")
    print(f"wrote {OUT_FONT} ({OUT_FONT.stat().st_size / 1e6:.2f} MB, {covered:,} characters)")


if __name__ == "__main__":
    main()
