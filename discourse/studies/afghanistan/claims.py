"""The seed article's claims, as data (``seed_claims.yaml``), ready for :func:`discourse.claims.check_claims`."""
from __future__ import annotations

from pathlib import Path

import yaml

from discourse._errors import DiscourseError
from discourse.claims import Claim
from discourse.framing import load_codebook

from .blocs import BLOCS

CLAIMS_FILE = Path(__file__).with_name("seed_claims.yaml")


def load_seed_claims(path: str | Path = CLAIMS_FILE) -> list[Claim]:
    """The claims of ``seed_claims.yaml``, validated (frames of the study codebook, blocs, directions).

    Raises
    ------
    DiscourseError
        Naming the entry, for an unknown key, frame, bloc or direction.

    Examples
    --------
    >>> claims = load_seed_claims()
    >>> claims[0].frame, claims[0].group, claims[0].reference
    ('engagement_sovereignty', 'CN', 'US')
    """
    frames = set(load_codebook("afghanistan").frame_ids)
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    claims = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path}: claim #{i}"
        if not isinstance(entry, dict) or set(entry) - {"text", "frame", "group", "reference", "direction"}:
            raise DiscourseError(f"{where}: expected text, frame, group, reference and optionally direction; got {entry!r}.")
        if entry.get("frame") not in frames:
            raise DiscourseError(f"{where}: unknown frame {entry.get('frame')!r}.")
        for key in ("group", "reference"):
            if entry.get(key) not in BLOCS:
                raise DiscourseError(f"{where}: `{key}` must be one of {BLOCS}; got {entry.get(key)!r}.")
        if entry.get("direction", "more") not in ("more", "less"):
            raise DiscourseError(f"{where}: `direction` must be 'more' or 'less'; got {entry['direction']!r}.")
        claims.append(Claim(**entry))
    return claims
