"""Frame codebooks as data: YAML files shipped with the package, validated on load.

A codebook is what human coders and the lexicon classifier share: the frame
ids, names and definitions, the decision rules, and per-language seed
lexicons. Keeping it in a YAML file (``discourse/framing/codebooks/*.yaml``)
rather than in code means the instrument can be cited, versioned, diffed and
printed in an appendix exactly as it was used.

File schema
-----------
Top level: ``name``, ``version``, ``description``, ``unit``, ``source``
(citation), ``frames`` (list), and optional ``notes`` (decision rules; a
string or a list of strings) and ``gold_set`` (the folder of the codebook's
coded passages, relative to the corpus folder; see
:func:`discourse.framing.load_gold`). Each frame: ``id`` (lower_snake_case),
``name``, ``definition``, ``lexicon`` (``{language: [term, ...]}``) and
optional ``exclude`` (same shape). Languages are those of
:data:`discourse.schema.LANGUAGES`. Terms follow :mod:`discourse.terms`: in
en/ru a ``*`` may end a word (suffix wildcard); zh terms are matched as
character strings and may not contain ``*``.

Bundled codebooks
-----------------
``afghanistan``
    Eleven frames for the 2021 US withdrawal study (en, ru, zh lexicons).
``generic``
    The five generic news frames of Semetko & Valkenburg (2000).
``policy``
    The 14 + 1 dimensions of the Policy Frames Codebook (Boydstun et al.
    2014), as used in the Media Frames Corpus (Card et al. 2015).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._validation import check_language
from discourse.paths import PACKAGE_DIR
from discourse.schema import LANGUAGES
from discourse.terms import check_term

__all__ = [
    "CODEBOOK_DIR",
    "LANGUAGES",
    "Codebook",
    "Frame",
    "list_codebooks",
    "load_codebook",
]

#: Folder holding the bundled ``*.yaml`` codebooks.
CODEBOOK_DIR = PACKAGE_DIR / "framing" / "codebooks"
_TOP_REQUIRED = ("name", "version", "description", "unit", "source", "frames")
_TOP_OPTIONAL = ("notes", "gold_set")
_FRAME_REQUIRED = ("id", "name", "definition")
_FRAME_OPTIONAL = ("lexicon", "exclude")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook.

    ``lexicon`` and ``exclude`` map a language code to a tuple of terms;
    treat them as read-only.
    """

    id: str
    name: str
    definition: str
    lexicon: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook (see :func:`load_codebook`).

    Attributes
    ----------
    name, version, description, unit, source : str
        Metadata from the file; ``source`` is the citation to report.
    frames : tuple of Frame
        The frames in file order.
    notes : tuple of str
        Decision rules for coders.
    path : pathlib.Path or None
        The file the codebook was read from.
    gold_set : str or None
        Folder of the codebook's gold set, relative to the corpus folder.
    """

    name: str
    version: str
    description: str
    unit: str
    source: str
    frames: tuple[Frame, ...]
    notes: tuple[str, ...] = ()
    path: Path | None = None
    gold_set: str | None = None

    @property
    def frame_ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return [f.id for f in self.frames]

    @property
    def languages(self) -> list[str]:
        """Languages for which at least one frame has lexicon terms."""
        present = {lang for f in self.frames for lang, terms in f.lexicon.items() if terms}
        return [lang for lang in LANGUAGES if lang in present]

    def frame(self, frame_id: str) -> Frame:
        """Return the frame with id ``frame_id``.

        Raises
        ------
        DiscourseError
            If the codebook has no such frame.
        """
        for f in self.frames:
            if f.id == frame_id:
                return f
        raise ParameterError(invalid_value_message("frame_id", frame_id, self.frame_ids))

    def lexicon(self, language: str) -> dict[str, tuple[str, ...]]:
        """Return ``{frame_id: terms}`` for one language (empty tuples allowed).

        Raises
        ------
        DiscourseError
            If ``language`` is not one of ``LANGUAGES``.

        Examples
        --------
        >>> cb = load_codebook("afghanistan")
        >>> "saigon" in cb.lexicon("en")["us_failure"]
        True
        """
        check_language("language", language)
        return {f.id: f.lexicon.get(language, ()) for f in self.frames}

    def to_frame(self, *, terms: bool = False) -> pd.DataFrame:
        """The codebook as a DataFrame.

        Parameters
        ----------
        terms : bool, default=False
            If False, one row per frame (``frame``, ``name``, ``definition``
            and ``n_terms_<lang>`` per language). If True, a tidy table with
            one row per frame x language x term, with a ``kind`` column
            (``"lexicon"`` or ``"exclude"``).

        Returns
        -------
        DataFrame

        Examples
        --------
        >>> cb = load_codebook("generic")
        >>> cb.to_frame()["frame"].tolist()
        ['conflict', 'human_interest', 'responsibility', 'morality', 'economic']
        """
        if terms:
            rows = [
                {"frame": f.id, "language": lang, "kind": kind, "term": t}
                for f in self.frames
                for kind, lex in (("lexicon", f.lexicon), ("exclude", f.exclude))
                for lang in LANGUAGES
                for t in lex.get(lang, ())
            ]
            return pd.DataFrame(rows, columns=["frame", "language", "kind", "term"])
        rows = []
        for f in self.frames:
            row = {"frame": f.id, "name": f.name, "definition": f.definition}
            for lang in LANGUAGES:
                row[f"n_terms_{lang}"] = len(f.lexicon.get(lang, ()))
            rows.append(row)
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td><code>{esc(f.id)}</code></td><td>{esc(f.name)}</td>"
            f"<td>{esc(f.definition)}</td></tr>"
            for f in self.frames
        )
        notes = "".join(f"<li>{esc(n)}</li>" for n in self.notes)
        return (
            f"<div><strong>Codebook {esc(self.name)}</strong> (version {esc(self.version)})"
            f"<p>{esc(self.description)}</p>"
            f"<p><em>Unit:</em> {esc(self.unit)}<br><em>Source:</em> {esc(self.source)}</p>"
            "<table><thead><tr><th>id</th><th>name</th><th>definition</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            + (f"<p><em>Decision rules</em></p><ul>{notes}</ul>" if notes else "")
            + "</div>"
        )

    def __repr__(self) -> str:
        return (
            f"Codebook(name={self.name!r}, version={self.version!r}, "
            f"frames={self.frame_ids!r})"
        )


def list_codebooks() -> list[str]:
    """Names of the codebooks bundled with the package.

    Examples
    --------
    >>> list_codebooks()
    ['afghanistan', 'generic', 'policy']
    """
    return sorted(p.stem for p in CODEBOOK_DIR.glob("*.yaml"))


def load_codebook(name_or_path: str | PathLike[str] | Codebook) -> Codebook:
    """Load and validate a codebook.

    Parameters
    ----------
    name_or_path : str, path-like or Codebook
        A bundled codebook name (see :func:`list_codebooks`), a path to a
        YAML file with the same schema, or a Codebook (returned unchanged).

    Returns
    -------
    Codebook

    Raises
    ------
    DiscourseError
        If the file breaks the schema: missing or
        unknown keys, a duplicate or malformed frame id, an empty
        definition, an unknown language, or a malformed term. The message
        names the file, the frame and the offending value.
    ParameterError
        If ``name_or_path`` is of another type, or names neither a bundled
        codebook nor a file.

    Examples
    --------
    >>> cb = load_codebook("afghanistan")
    >>> cb.frame_ids[:3]
    ['us_failure', 'abandonment', 'humanitarian']
    >>> cb.languages
    ['en', 'zh', 'ru']
    """
    if isinstance(name_or_path, Codebook):
        return name_or_path
    if not isinstance(name_or_path, (str, PathLike)):
        raise ParameterError(invalid_value_message(
            "name_or_path", name_or_path, must="a codebook name, a path or a Codebook"))
    if isinstance(name_or_path, str) and name_or_path in list_codebooks():
        path = CODEBOOK_DIR / f"{name_or_path}.yaml"
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise ParameterError(invalid_value_message(
                "name_or_path", str(name_or_path), must="a bundled codebook name or an existing YAML file",
                hint=f"Bundled codebooks: {', '.join(map(repr, list_codebooks()))}."))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DiscourseError(f"Codebook file {str(path)!r} is not valid YAML: {exc}") from exc
    return _parse(raw, path)


def _parse(raw: Any, path: Path) -> Codebook:
    where = f"Codebook file {str(path)!r}"
    if not isinstance(raw, dict):
        raise DiscourseError(f"{where}: expected a mapping at the top level, got {type(raw).__name__}.")
    _check_keys(raw, _TOP_REQUIRED, _TOP_OPTIONAL, where)
    meta = {}
    for key in ("name", "version", "description", "unit", "source"):
        value = raw[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            raise DiscourseError(f"{where}: `{key}` is empty.")
        meta[key] = str(value).strip()
    notes = raw.get("notes") or ()
    if isinstance(notes, str):
        notes = (notes,)
    if not isinstance(notes, (list, tuple)) or not all(isinstance(n, str) for n in notes):
        raise DiscourseError(f"{where}: `notes` must be a string or a list of strings.")
    gold_set = raw.get("gold_set")
    if gold_set is not None and (not isinstance(gold_set, str) or not gold_set.strip()):
        raise DiscourseError(f"{where}: `gold_set` must be a folder name (relative to the corpus folder), got {gold_set!r}.")
    frames_raw = raw["frames"]
    if not isinstance(frames_raw, list) or not frames_raw:
        raise DiscourseError(f"{where}: `frames` must be a non-empty list.")
    frames: list[Frame] = []
    seen: set[str] = set()
    for i, fr in enumerate(frames_raw):
        if not isinstance(fr, dict):
            raise DiscourseError(f"{where}, frame #{i + 1}: expected a mapping, got {fr!r}.")
        fid = fr.get("id")
        fwhere = f"{where}, frame {fid!r}" if fid is not None else f"{where}, frame #{i + 1}"
        _check_keys(fr, _FRAME_REQUIRED, _FRAME_OPTIONAL, fwhere)
        if not isinstance(fid, str) or not _ID_RE.match(fid):
            raise DiscourseError(
                f"{fwhere}: invalid frame id {fid!r}; ids are lower_snake_case "
                "(a letter, then letters, digits or underscores)."
            )
        if fid in seen:
            raise DiscourseError(f"{where}: duplicate frame id {fid!r}.")
        seen.add(fid)
        for key in ("name", "definition"):
            value = fr[key]
            if not isinstance(value, str) or not value.strip():
                raise DiscourseError(f"{fwhere}: `{key}` is missing or empty (got {value!r}).")
        frames.append(
            Frame(
                id=fid,
                name=fr["name"].strip(),
                definition=" ".join(fr["definition"].split()),
                lexicon=_parse_terms(fr.get("lexicon"), "lexicon", fwhere),
                exclude=_parse_terms(fr.get("exclude"), "exclude", fwhere),
            )
        )
    return Codebook(
        **meta,
        frames=tuple(frames),
        notes=tuple(" ".join(n.split()) for n in notes),
        path=path,
        gold_set=gold_set.strip() if gold_set else None,
    )


def _check_keys(mapping: dict, required: tuple, optional: tuple, where: str) -> None:
    missing = [k for k in required if k not in mapping]
    if missing:
        raise DiscourseError(f"{where}: missing required key(s) {', '.join(map(repr, missing))}.")
    unknown = [k for k in mapping if k not in required + optional]
    if unknown:
        raise DiscourseError(
            f"{where}: unknown key {unknown[0]!r}; must be one of: "
            + ", ".join(repr(k) for k in required + optional)
            + "."
        )


def _parse_terms(value: Any, key: str, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DiscourseError(f"{where}: `{key}` must map languages to term lists, got {value!r}.")
    out: dict[str, tuple[str, ...]] = {}
    for lang, terms in value.items():
        if lang not in LANGUAGES:
            raise DiscourseError(
                f"{where}: unknown language key {lang!r} in `{key}`; must be one of: "
                + ", ".join(map(repr, LANGUAGES))
                + "."
            )
        terms = terms or []
        if not isinstance(terms, list):
            raise DiscourseError(f"{where}: `{key}.{lang}` must be a list of terms, got {terms!r}.")
        cleaned: list[str] = []
        for t in terms:
            try:
                t = check_term(t, language=lang, where=f"{key}.{lang}")
            except ParameterError as exc:
                raise DiscourseError(f"{where}: invalid term {t!r} in `{key}.{lang}`: {exc}") from None
            if t.lower() in {c.lower() for c in cleaned}:
                raise DiscourseError(f"{where}: duplicate term {t!r} in `{key}.{lang}`.")
            cleaned.append(t)
        out[lang] = tuple(cleaned)
    return out
