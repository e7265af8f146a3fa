"""Blocs: the study's grouping of countries, and one colour per bloc for every figure."""
from __future__ import annotations

from discourse.schema import SCHEMA_COLUMNS

#: The groups the study compares: the three states it is about, and everyone else.
BLOCS: tuple[str, ...] = ("US", "CN", "RU", "other")
#: Bloc of a country code; any other country is "other".
BLOC_BY_COUNTRY: dict[str, str] = {"USA": "US", "CHN": "CN", "RUS": "RU"}
#: One colour per bloc, used by every figure of the study so a reader learns them once.
BLOC_PALETTE: dict[str, str] = {"US": "#1f77b4", "CN": "#d62728", "RU": "#2ca02c", "other": "#7f7f7f"}
#: Columns of the bundled corpus files: the schema, with the study's ``bloc`` after ``country``.
CORPUS_COLUMNS: list[str] = [c for c in SCHEMA_COLUMNS[:2]] + ["bloc"] + SCHEMA_COLUMNS[2:]


def bloc_of(country: str) -> str:
    """The bloc of an ISO 3166-1 alpha-3 code (``"other"`` for every country but USA, CHN, RUS).

    Examples
    --------
    >>> bloc_of("CHN"), bloc_of("PAK")
    ('CN', 'other')
    """
    return BLOC_BY_COUNTRY.get(country, "other")
