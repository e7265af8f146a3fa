import pytest

from discourse.cli import main


def test_reproduce_rejects_unknown_notebook():
    with pytest.raises(ValueError, match=r"Invalid value '99_nothing' for `notebooks`; must be one of: 01_corpus_overview"):
        main(["reproduce", "99_nothing"])


def test_build_corpus_needs_the_staged_sources(tmp_path):
    with pytest.raises(FileNotFoundError, match="No staged sources"):
        main(["build-corpus", "--shared", str(tmp_path), "--out", str(tmp_path / "corpus")])


def test_unknown_command_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err
