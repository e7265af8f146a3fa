"""The install descriptions agree, and the documented entry points exist."""
import re
import sys

import pytest

from conftest import REPO


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_environment_yml_matches_pyproject():
    import tomllib

    import yaml

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = {_name(d): d for d in env["dependencies"] if isinstance(d, str)}
    missing = sorted(set(wanted) - set(conda))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    for name, req in wanted.items():
        bound = re.search(r">=\s*([\w.]+)", req)
        if bound:
            assert f">={bound.group(1)}" in conda[name].replace(" ", ""), (name, req, conda[name])


@pytest.mark.parametrize("alias, target", [("frames", "framing"), ("comparing", "keyness")])
def test_deprecated_alias_modules_warn_and_reexport(alias, target):
    import importlib
    import sys as _sys

    _sys.modules.pop(f"discourse.{alias}", None)
    with pytest.warns(DeprecationWarning, match=f"discourse.{alias}"):
        module = importlib.import_module(f"discourse.{alias}")
    new = importlib.import_module(f"discourse.{target}")
    assert set(new.__all__) <= set(dir(module))
    for name in new.__all__:
        assert getattr(module, name) is getattr(new, name), name


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_lowest_versions_tested_in_ci_are_the_declared_lower_bounds():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {}
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        bound = re.search(r">=\s*([\w.]+)", req)
        if bound:
            declared[_name(req)] = bound.group(1)
    pinned = {}
    for line in (REPO / ".ci" / "constraints-lowest.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pinned[_name(name)] = version.strip()
    assert pinned == declared
