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
``name``, ``definition``, and optional

``lexicon``
    ``{language: [term, ...]}``: each hit counts one.
``exclude``
    Same shape: a lexicon hit overlapping an exclusion hit does not count
    ("heart failure" silences ``failure*``).
``negation``
    ``{terms: {language: [term, ...]}, window: N}``: a hit with a negation
    term at most ``N`` tokens before it, in the same sentence, does not
    count ("not a failure"; 不是失败; не провал).
``rules``
    A list of proximity rules, each ``{id, terms, near, within}`` and an
    optional ``description``: a ``terms`` hit counts one when a ``near`` hit
    lies within ``within`` tokens of it (either side), or anywhere in the
    same sentence with ``within: sentence``. ``terms`` and ``near`` have the
    shape of ``lexicon``; ``near`` needs every language of ``terms``
    (it may have more, so that one list of actors can serve several
    rules, e.g. through a YAML anchor). Exclusions and
    negation apply to rule hits too; a span already counted by the lexicon
    is not counted again.
``threshold``
    Hits needed to code the frame present: a number, or
    ``{language: number}`` (languages left out use 1).

Languages are those of :data:`discourse.schema.LANGUAGES`. Terms follow
:mod:`discourse.terms`: in en/ru a ``*`` may end a word (suffix wildcard);
zh terms are matched as character strings and may not contain ``*``. YAML
anchors (``&negation`` ... ``*negation``) share one negation list between
frames. Errors name the file, the line, the frame and the offending value.

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
    "Negation",
    "Rule",
    "list_codebooks",
    "load_codebook",
]

#: Folder holding the bundled ``*.yaml`` codebooks.
CODEBOOK_DIR = PACKAGE_DIR / "framing" / "codebooks"
_TOP_REQUIRED = ("name", "version", "description", "unit", "source", "frames")
_TOP_OPTIONAL = ("notes", "gold_set")
_FRAME_REQUIRED = ("id", "name", "definition")
_FRAME_OPTIONAL = ("lexicon", "exclude", "negation", "rules", "threshold")
_RULE_REQUIRED = ("id", "terms", "near", "within")
_RULE_OPTIONAL = ("description",)
_NEGATION_KEYS = ("terms", "window")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Rule:
    """A proximity rule of a frame: a ``terms`` hit near a ``near`` hit counts.

    ``within`` is a number of tokens, or ``"sentence"``. ``terms`` and
    ``near`` map a language to a tuple of terms; treat them as read-only.
    """

    id: str
    terms: dict[str, tuple[str, ...]]
    near: dict[str, tuple[str, ...]]
    within: int | str
    description: str = ""

    @property
    def languages(self) -> list[str]:
        """Languages the rule has terms for."""
        return [lang for lang in LANGUAGES if self.terms.get(lang)]


@dataclass(frozen=True)
class Negation:
    """Negation terms per language, and how many tokens before a hit they reach."""

    terms: dict[str, tuple[str, ...]]
    window: int


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook.

    ``lexicon`` and ``exclude`` map a language code to a tuple of terms;
    ``threshold`` maps a language to the hits needed (languages left out:
    1). Treat them as read-only.
    """

    id: str
    name: str
    definition: str
    lexicon: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    negation: Negation | None = None
    rules: tuple[Rule, ...] = ()
    threshold: dict[str, float] = field(default_factory=dict)


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
        """Languages for which at least one frame has lexicon or rule terms."""
        present = {lang for f in self.frames for lang, terms in f.lexicon.items() if terms}
        present |= {lang for f in self.frames for r in f.rules for lang in r.languages}
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
            If False, one row per frame (``frame``, ``name``, ``definition``,
            ``n_terms_<lang>`` per language and ``n_rules``). If True, a tidy
            table with one row per frame x language x term, with a ``kind``
            column (``"lexicon"``, ``"exclude"``, ``"negation"``,
            ``"rule terms"`` or ``"rule near"``) and the ``rule`` id.

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
            rows = []
            for f in self.frames:
                parts = [("lexicon", None, f.lexicon), ("exclude", None, f.exclude)]
                if f.negation is not None:
                    parts.append(("negation", None, f.negation.terms))
                for r in f.rules:
                    parts += [("rule terms", r.id, r.terms), ("rule near", r.id, r.near)]
                rows += [
                    {"frame": f.id, "language": lang, "kind": kind, "rule": rule, "term": term}
                    for kind, rule, lex in parts
                    for lang in LANGUAGES
                    for term in lex.get(lang, ())
                ]
            return pd.DataFrame(rows, columns=["frame", "language", "kind", "rule", "term"])
        rows = []
        for f in self.frames:
            row = {"frame": f.id, "name": f.name, "definition": f.definition}
            for lang in LANGUAGES:
                row[f"n_terms_{lang}"] = len(f.lexicon.get(lang, ()))
            row["n_rules"] = len(f.rules)
            rows.append(row)
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td><code>{esc(f.id)}</code></td><td>{esc(f.name)}</td>"
            f"<td>{esc(f.definition)}</td>"
            f"<td>{esc(', '.join(r.id for r in f.rules))}</td></tr>"
            for f in self.frames
        )
        notes = "".join(f"<li>{esc(n)}</li>" for n in self.notes)
        return (
            f"<div><strong>Codebook {esc(self.name)}</strong> (version {esc(self.version)})"
            f"<p>{esc(self.description)}</p>"
            f"<p><em>Unit:</em> {esc(self.unit)}<br><em>Source:</em> {esc(self.source)}</p>"
            "<table><thead><tr><th>id</th><th>name</th><th>definition</th><th>rules</th></tr></thead>"
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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise DiscourseError(f"Codebook file {str(path)!r} is not valid YAML: {exc}") from exc
    return _parse(raw, path)


class _Mapping(dict):
    """A YAML mapping that remembers the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are :class:`_Mapping` (for error messages with line numbers)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:  # type: ignore[override]
        # YAML lets a later duplicate key silently replace an earlier one (a
        # frame pasted into another would lose its own lexicon): refuse it.
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        mapping = _Mapping(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {self.construct_object(k, deep=deep): k.start_mark.line + 1 for k, _ in node.value}
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


@dataclass(frozen=True)
class _Where:
    """Where in a codebook file a value sits: the file, a context (frame, rule), a line."""

    file: str
    context: str = ""

    def inside(self, context: str) -> _Where:
        return _Where(self.file, f"{self.context}, {context}" if self.context else context)

    def at(self, mapping: Any = None, key: Any = None) -> str:
        """``Codebook file 'f.yaml', line N, frame 'x'`` for a key of a loaded mapping."""
        line = 0
        if isinstance(mapping, _Mapping):
            line = mapping.key_lines.get(key, mapping.line) if key is not None else mapping.line
        text = f"Codebook file {self.file!r}" + (f", line {line}" if line else "")
        return f"{text}, {self.context}" if self.context else text


def _parse(raw: Any, path: Path) -> Codebook:
    where = _Where(str(path))
    if not isinstance(raw, dict):
        raise DiscourseError(f"{where.at()}: expected a mapping at the top level, got {type(raw).__name__}.")
    _check_keys(raw, _TOP_REQUIRED, _TOP_OPTIONAL, where)
    meta = {}
    for key in ("name", "version", "description", "unit", "source"):
        value = raw[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            raise DiscourseError(f"{where.at(raw, 'key')}: `{key}` is empty.")
        meta[key] = str(value).strip()
    notes = raw.get("notes") or ()
    if isinstance(notes, str):
        notes = (notes,)
    if not isinstance(notes, (list, tuple)) or not all(isinstance(n, str) for n in notes):
        raise DiscourseError(f"{where.at(raw, 'notes')}: `notes` must be a string or a list of strings.")
    gold_set = raw.get("gold_set")
    if gold_set is not None and (not isinstance(gold_set, str) or not gold_set.strip()):
        raise DiscourseError(
            f"{where.at(raw, 'gold_set')}: `gold_set` must be a folder name (relative to the corpus "
            f"folder), got {gold_set!r}.")
    frames_raw = raw["frames"]
    if not isinstance(frames_raw, list) or not frames_raw:
        raise DiscourseError(f"{where.at(raw, 'frames')}: `frames` must be a non-empty list.")
    frames: list[Frame] = []
    seen: set[str] = set()
    for i, fr in enumerate(frames_raw):
        if not isinstance(fr, dict):
            raise DiscourseError(f"{where.at(frames_raw)}, frame #{i + 1}: expected a mapping, got {fr!r}.")
        frames.append(_parse_frame(fr, i, where, seen))
    return Codebook(
        **meta,
        frames=tuple(frames),
        notes=tuple(" ".join(n.split()) for n in notes),
        path=path,
        gold_set=gold_set.strip() if gold_set else None,
    )


def _parse_frame(fr: dict, i: int, where: _Where, seen: set[str]) -> Frame:
    fid = fr.get("id")
    fwhere = where.inside(f"frame {fid!r}" if fid is not None else f"frame #{i + 1}")
    _check_keys(fr, _FRAME_REQUIRED, _FRAME_OPTIONAL, fwhere)
    if not isinstance(fid, str) or not _ID_RE.match(fid):
        raise DiscourseError(
            f"{fwhere.at(fr, 'id')}: invalid frame id {fid!r}; ids are lower_snake_case "
            "(a letter, then letters, digits or underscores)."
        )
    if fid in seen:
        raise DiscourseError(f"{where.at(fr, 'id')}: duplicate frame id {fid!r}.")
    seen.add(fid)
    for key in ("name", "definition"):
        value = fr[key]
        if not isinstance(value, str) or not value.strip():
            raise DiscourseError(f"{fwhere.at(fr, key)}: `{key}` is missing or empty (got {value!r}).")
    rules_raw = fr.get("rules") or []
    if not isinstance(rules_raw, list):
        raise DiscourseError(f"{fwhere.at(fr, 'rules')}: `rules` must be a list of rules, got {rules_raw!r}.")
    rules: list[Rule] = []
    for k, rule in enumerate(rules_raw):
        rules.append(_parse_rule(rule, k, fwhere, {r.id for r in rules}))
    return Frame(
        id=fid,
        name=fr["name"].strip(),
        definition=" ".join(fr["definition"].split()),
        lexicon=_parse_terms(fr.get("lexicon"), "lexicon", fwhere, fr),
        exclude=_parse_terms(fr.get("exclude"), "exclude", fwhere, fr),
        negation=_parse_negation(fr.get("negation"), fwhere, fr),
        rules=tuple(rules),
        threshold=_parse_threshold(fr.get("threshold"), fwhere, fr),
    )


def _parse_rule(rule: Any, k: int, fwhere: _Where, taken: set[str]) -> Rule:
    if not isinstance(rule, dict):
        raise DiscourseError(f"{fwhere.inside(f'rule #{k + 1}').at()}: expected a mapping with {', '.join(_RULE_REQUIRED)}, "
                             f"got {rule!r}.")
    rid = rule.get("id")
    rwhere = fwhere.inside(f"rule {rid!r}" if rid is not None else f"rule #{k + 1}")
    _check_keys(rule, _RULE_REQUIRED, _RULE_OPTIONAL, rwhere)
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        raise DiscourseError(f"{rwhere.at(rule, 'id')}: invalid rule id {rid!r}; ids are lower_snake_case.")
    if rid in taken:
        raise DiscourseError(f"{rwhere.at(rule, 'id')}: duplicate rule id {rid!r} in this frame.")
    within = rule["within"]
    if within != "sentence" and (isinstance(within, bool) or not isinstance(within, int) or within < 1):
        raise DiscourseError(f"{rwhere.at(rule, 'within')}: `within` must be a number of tokens (an "
                             f"integer >= 1) or 'sentence'; got {within!r}.")
    terms = _parse_terms(rule["terms"], "terms", rwhere, rule)
    near = _parse_terms(rule["near"], "near", rwhere, rule)
    for lang in LANGUAGES:
        # `near` may cover more languages than `terms` (a shared list of actors);
        # a language with terms but nothing to be near could never fire.
        if terms.get(lang) and not near.get(lang):
            raise DiscourseError(f"{rwhere.at(rule, 'terms')}: `terms` has {lang!r} terms but `near` has none; a "
                                 "rule needs `near` terms in every language of its `terms`.")
    if not any(terms.values()):
        raise DiscourseError(f"{rwhere.at(rule, 'terms')}: `terms` is empty.")
    description = rule.get("description") or ""
    if not isinstance(description, str):
        raise DiscourseError(f"{rwhere.at(rule, 'description')}: `description` must be a string.")
    return Rule(id=rid, terms=terms, near=near, within=within, description=" ".join(description.split()))


def _parse_negation(value: Any, fwhere: _Where, fr: dict) -> Negation | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise DiscourseError(f"{fwhere.at(fr, 'negation')}: `negation` must be a mapping with `terms` and `window`, got {value!r}.")
    _check_keys(value, _NEGATION_KEYS, (), fwhere.inside("`negation`"))
    window = value["window"]
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise DiscourseError(f"{fwhere.at(value, 'window')}: `negation.window` must be an integer >= 1 "
                             f"(tokens before a hit); got {window!r}.")
    return Negation(terms=_parse_terms(value["terms"], "negation.terms", fwhere, value), window=window)


def _parse_threshold(value: Any, fwhere: _Where, fr: dict) -> dict[str, float]:
    if value is None:
        return {}
    twhere = fwhere.at(fr, "threshold")
    items = value.items() if isinstance(value, dict) else ((lang, value) for lang in LANGUAGES)
    out: dict[str, float] = {}
    for lang, v in items:
        if lang not in LANGUAGES:
            raise DiscourseError(f"{twhere}: unknown language key {lang!r} in `threshold`; must be one of: "
                                 + ", ".join(map(repr, LANGUAGES)) + ".")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
            raise DiscourseError(f"{twhere}: `threshold` must be a positive number of hits (or one per "
                                 f"language); got {v!r}" + (f" for {lang!r}." if isinstance(value, dict) else "."))
        out[lang] = float(v)
    return out


def _check_keys(mapping: dict, required: tuple, optional: tuple, where: _Where) -> None:
    missing = [k for k in required if k not in mapping]
    if missing:
        raise DiscourseError(f"{where.at(mapping)}: missing required key(s) {', '.join(map(repr, missing))}.")
    unknown = [k for k in mapping if k not in required + optional]
    if unknown:
        raise DiscourseError(
            f"{where.at(mapping, unknown[0])}: unknown key {unknown[0]!r}; must be one of: "
            + ", ".join(repr(k) for k in required + optional)
            + "."
        )


def _parse_terms(value: Any, key: str, where: str, parent: Any = None) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    leaf = key.rsplit(".", 1)[-1]
    if not isinstance(value, dict):
        raise DiscourseError(f"{where.at(parent, 'leaf')}: `{key}` must map languages to term lists, "
                             f"got {value!r}.")
    out: dict[str, tuple[str, ...]] = {}
    for lang, terms in value.items():
        lwhere = f"{where.at(value, 'lang')}"
        if lang not in LANGUAGES:
            raise DiscourseError(
                f"{lwhere}: unknown language key {lang!r} in `{key}`; must be one of: "
                + ", ".join(map(repr, LANGUAGES))
                + "."
            )
        terms = terms or []
        if not isinstance(terms, list):
            raise DiscourseError(f"{lwhere}: `{key}.{lang}` must be a list of terms, got {terms!r}.")
        cleaned: list[str] = []
        for term in terms:
            try:
                term = check_term(term, language=lang, where=f"{key}.{lang}")
            except ParameterError as exc:
                raise DiscourseError(f"{lwhere}: invalid term {term!r} in `{key}.{lang}`: {exc}") from None
            if term.lower() in {c.lower() for c in cleaned}:
                raise DiscourseError(f"{lwhere}: duplicate term {term!r} in `{key}.{lang}`.")
            cleaned.append(term)
        out[lang] = tuple(cleaned)
    return out
