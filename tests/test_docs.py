"""The documentation site lists every public module once (its pages are built in CI with `mkdocs build --strict`)."""
from __future__ import annotations

import re

from conftest import REPO

DEPRECATED_ALIASES = {"discourse.frames", "discourse.comparing"}


def _public_modules() -> set[str]:
    found = set()
    for path in (REPO / "discourse").rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        if any(p.startswith("_") and p != "__init__" for p in parts):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name.startswith("discourse.studies.") and name.count(".") > 2:
            continue     # the study is documented as one package
        found.add(name)
    return found - DEPRECATED_ALIASES - {"discourse", "discourse.studies"}


def test_every_public_module_has_one_place_in_the_api_reference():
    listed = [m for page in sorted((REPO / "docs" / "api").glob("*.md"))
              for m in re.findall(r"^::: (\S+)$", page.read_text(encoding="utf-8"), flags=re.M)]
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert set(listed) == _public_modules()
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"api/{page.name}" in nav for page in (REPO / "docs" / "api").glob("*.md"))
