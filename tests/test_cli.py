"""The `discourse` command: paths from the working directory or options, non-zero exit when nothing is done."""
import pytest

from discourse.cli import build_parser, main


def test_reproduce_rejects_unknown_notebook():
    with pytest.raises(ValueError, match=r"`notebooks` must be one of: '01_corpus_overview'.*got '99_nothing'"):
        main(["reproduce", "99_nothing"])


def test_reproduce_with_no_notebooks_exits_non_zero_and_says_where_it_looked(tmp_path, monkeypatch, capsys):
    # Regression: a non-editable install found no notebooks, printed "0 figures" and exited 0.
    monkeypatch.chdir(tmp_path)
    assert main(["reproduce"]) == 1
    assert f"no notebooks (NN_name.ipynb) in {tmp_path / 'notebooks'}" in capsys.readouterr().err
    assert main(["reproduce", "--root", str(tmp_path / "elsewhere")]) == 1


def test_reproduce_runs_a_project_folder_into_the_output_folder(tmp_path):
    import nbformat

    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("N = 2", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import matplotlib\nmatplotlib.use('Agg')\nfrom discourse import plotting\n"
                                  "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot(range(N))\n"
                                  "plotting.save_figure(fig, f'synthetic_line_{N}')"),
    ])
    nbformat.write(nb, tmp_path / "notebooks" / "01_synthetic.ipynb")
    out = tmp_path / "out"
    assert main(["reproduce", "--root", str(tmp_path), "--out", str(out), "--param", "N=3"]) == 0
    assert (out / "figures" / "synthetic_line_3.png").exists()
    assert (out / "notebooks" / "01_synthetic.ipynb").exists()
    with pytest.raises(ValueError, match=r"`parameters` must be one of: 'N'; got 'M'"):
        main(["reproduce", "--root", str(tmp_path), "--out", str(out), "--param", "M=1"])


def test_reproduce_with_relative_paths_writes_under_the_project_folder(tmp_path, monkeypatch):
    # Regression: with the default (relative) output folder the kernel, which
    # runs inside notebooks/, wrote the figures to notebooks/outputs/ and the
    # command then found "0 figures" in outputs/.
    import nbformat

    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import matplotlib\nmatplotlib.use('Agg')\nfrom discourse import plotting\n"
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nplotting.save_figure(fig, 'synthetic_empty')")])
    nbformat.write(nb, tmp_path / "notebooks" / "01_synthetic.ipynb")
    monkeypatch.chdir(tmp_path)
    assert main(["reproduce"]) == 0
    assert (tmp_path / "outputs" / "figures" / "synthetic_empty.png").exists()
    assert not (tmp_path / "notebooks" / "outputs").exists()
    assert main(["reproduce", "--out", "elsewhere"]) == 0
    assert (tmp_path / "elsewhere" / "figures" / "synthetic_empty.png").exists()


def test_study_commands_come_from_entry_points():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"reproduce", "build-corpus", "readme"} <= set(commands)


def test_build_corpus_needs_the_staged_sources(tmp_path):
    with pytest.raises(FileNotFoundError, match="No staged sources"):
        main(["build-corpus", "--shared", str(tmp_path), "--out", str(tmp_path / "corpus")])


def test_readme_without_a_readme_exits_non_zero(tmp_path, capsys):
    assert main(["readme", "--readme", str(tmp_path / "README.md")]) == 1
    assert "no README at" in capsys.readouterr().out


def test_unknown_command_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err
