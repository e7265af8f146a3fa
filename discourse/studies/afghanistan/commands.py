"""The study's subcommands of the ``discourse`` command (registered as entry points in pyproject.toml)."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_build_corpus(subparsers: argparse._SubParsersAction) -> None:
    """``discourse build-corpus``: regenerate ``corpus/`` and its datasheet from the staged sources."""
    cmd = subparsers.add_parser("build-corpus", help="regenerate corpus/ from the staged sources (../shared)")
    cmd.add_argument("--shared", default="../shared", help="folder holding sources/ and seed/ (default ../shared)")
    cmd.add_argument("--out", default="corpus", help="corpus folder to write (default: ./corpus)")
    cmd.set_defaults(func=_build_corpus)


def _build_corpus(args: argparse.Namespace) -> int:
    from .datasheet import write_datasheet
    from .sources import build_corpus

    out = Path(args.out)
    manifest = build_corpus(args.shared, out)
    write_datasheet(out)
    print(f"wrote {manifest['documents']} documents in {len(manifest['files'])} files to {out}; "
          f"removed duplicates: {manifest['removed_duplicates']}")
    return 0


def add_readme(subparsers: argparse._SubParsersAction) -> None:
    """``discourse readme``: recompute the project README's generated blocks."""
    cmd = subparsers.add_parser("readme", help="recompute the README's generated blocks (benchmarks, validation)")
    cmd.add_argument("--readme", default="README.md", help="README to update (default: ./README.md)")
    cmd.set_defaults(func=_readme)


def _readme(args: argparse.Namespace) -> int:
    from .readme import update_readme

    path = Path(args.readme)
    if not path.is_file():
        print(f"discourse readme: no README at {path.resolve()}; run it from the project folder or pass --readme.")
        return 1
    print("README updated" if update_readme(path) else "README already current")
    return 0
