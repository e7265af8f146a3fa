"""The ``discourse`` command: reproduce the notebooks; studies add their own subcommands.

Subcommands other than ``reproduce`` come from entry points in the group
``discourse.commands`` (each a function that adds a subparser whose
``func`` default runs it), so a study registers its commands in its package
metadata and this module imports no study code.
"""
from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points
from pathlib import Path

#: Entry-point group for subcommands contributed by studies.
COMMAND_GROUP = "discourse.commands"


def _parse_param(text: str) -> tuple[str, object]:
    import ast

    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    try:
        return name.strip(), ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name.strip(), value


def _reproduce(args: argparse.Namespace) -> int:
    from .notebooks import missing_glyphs, notebook_paths, reproduce
    from .report import write_report

    root = Path(args.root).resolve()
    folder = root / "notebooks"
    if not notebook_paths(folder):
        print(f"discourse reproduce: no notebooks (NN_name.ipynb) in {folder.resolve()}; run it from the project "
              "folder or pass --root.", file=sys.stderr)
        return 1
    out = Path(args.out).resolve() if args.out else root / "outputs"
    params = dict(args.param or [])
    for path, seconds in reproduce(notebooks=args.notebooks or None, folder=folder, output_dir=out, parameters=params):
        print(f"executed {path} in {seconds:.1f} s", flush=True)
        missing = missing_glyphs(path)
        if missing:
            print(f"warning: {path.name}: {len(missing)} character(s) drawn as boxes, no font has them: "
                  f"{' '.join(missing[:10])}", file=sys.stderr, flush=True)
    figures = sorted((out / "figures").glob("*.png"))
    print(f"{len(figures)} figures in {out / 'figures'}")
    print(f"report: {write_report(out)}")
    return 0 if figures else 1


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser, with every registered study subcommand."""
    parser = argparse.ArgumentParser(prog="discourse", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("reproduce", help="execute every notebook headless and write figures and tables")
    rep.add_argument("notebooks", nargs="*", help="notebook names (default: all, in order)")
    rep.add_argument("--root", default=".", help="project folder holding notebooks/ (default: the current folder)")
    rep.add_argument("--out", default=None, help="output folder (default: <root>/outputs)")
    rep.add_argument("--param", action="append", type=_parse_param, metavar="NAME=VALUE",
                     help="set a notebook parameter (a Python literal or a string); repeatable")
    rep.set_defaults(func=_reproduce)
    for ep in sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name):
        ep.load()(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``discourse`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
