"""The layout rules, checked on the source: the library is generic and the study sits beside it.

* No module outside ``discourse/studies/`` imports the studies.
* No module outside ``discourse/studies/`` holds the case study's terms,
  events, blocs or palette in its code (docstring examples may use the
  study's vocabulary; code may not).
* Only ``discourse/plotting.py`` imports a plotting library.
* Each shared constant has one home (``LANGUAGES`` in ``discourse/schema.py``).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "discourse"
LIBRARY = sorted(p for p in PACKAGE.rglob("*.py") if "studies" not in p.relative_to(PACKAGE).parts)
STUDY_MARKERS = re.compile(
    r"afghan|taliban|kabul|kandahar|阿富汗|塔利班|喀布尔|афган|талиб|кабул|KEY_EVENTS|BLOC_PALETTE|BLOC_BY_COUNTRY",
    re.IGNORECASE,
)
BLOC_CODES = {"US", "CN", "RU"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)[:-9]
    names = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def _docstring_nodes(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(REPO)))
def test_library_never_imports_the_studies(path):
    assert not {n for n in _imports(path) if n.startswith("discourse.studies")}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(REPO)))
def test_library_code_holds_no_study_terms_events_or_palettes(path):
    tree = _tree(path)
    docstrings = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if STUDY_MARKERS.search(node.value) or node.value in BLOC_CODES:
                found.append((node.lineno, node.value[:60]))
        elif isinstance(node, ast.Name) and STUDY_MARKERS.search(node.id):
            found.append((node.lineno, node.id))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and STUDY_MARKERS.search(node.name):
            found.append((node.lineno, node.name))
    assert not found, f"{path.relative_to(REPO)}: study-specific code at {found}"


def test_the_checks_above_would_catch_a_leak(tmp_path):
    # The two checks must be able to fail: a synthetic module with a leak.
    leak = tmp_path / "leak.py"
    leak.write_text('"""Docstring about Kabul is fine."""\nfrom discourse.studies import afghanistan\n'
                    'PALETTE = {"CN": "red"}\nterm = r"taliban\\w*"\n', encoding="utf-8")
    tree = _tree(leak)
    docstrings = _docstring_nodes(tree)
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docstrings]
    assert any(STUDY_MARKERS.search(c) for c in constants if isinstance(c, str))
    assert "CN" in constants
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "discourse.studies" in imported


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(REPO)))
def test_only_plotting_imports_matplotlib(path):
    if path.name == "plotting.py":
        return
    plotting_libs = {n for n in _imports(path) if n.split(".")[0] in ("matplotlib", "seaborn")
                     or (n.endswith(".plotting") and not n.startswith("bokeh."))}
    assert not plotting_libs, f"{path.relative_to(REPO)} imports {plotting_libs}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(REPO)))
def test_only_the_explorer_imports_bokeh(path):
    if path.name == "explorer.py":
        return
    bokeh = {n for n in _imports(path) if n.split(".")[0] == "bokeh"}
    assert not bokeh, f"{path.relative_to(REPO)} imports {bokeh}"


def test_one_home_for_the_language_codes():
    homes = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "LANGUAGES" for t in targets):
                    homes.append(path.relative_to(REPO).as_posix())
    assert homes == ["discourse/schema.py"]


def test_the_layout_lists_the_pipeline():
    modules = {p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")}
    stages = {"loading", "schema", "passages", "terms", "tokenizing", "counting", "keyness", "measures",
              "resampling", "concordance", "collocations", "describing", "periods", "reliability", "annotation",
              "prevalence", "claims", "plotting"}
    assert stages <= modules
    assert (PACKAGE / "framing").is_dir() and (PACKAGE / "studies" / "afghanistan").is_dir()
