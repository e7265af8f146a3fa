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


def test_frames_alias_exposes_the_framing_api():
    from discourse import frames, framing

    assert frames.load_codebook is framing.load_codebook
    assert frames.default_classifier is framing.default_classifier
    assert set(framing.__all__) <= set(dir(frames))
