"""The ``discourse`` command: reproduce the notebooks, rebuild the corpus and its datasheet."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``discourse`` console script."""
    parser = argparse.ArgumentParser(prog="discourse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("reproduce", help="execute every notebook headless and write figures and tables to outputs/")
    rep.add_argument("notebooks", nargs="*", help="notebook names (default: all, in order)")
    rep.add_argument("--output-dir", default=None, help="default: ./outputs (or $DISCOURSE_OUTPUT_DIR)")
    build = sub.add_parser("build-corpus", help="regenerate corpus/ from the staged sources")
    build.add_argument("--shared", default="../shared", help="folder holding sources/ and seed/ (default ../shared)")
    build.add_argument("--out", default=None, help="corpus folder to write (default: the repository's corpus/)")
    sub.add_parser("readme", help="recompute the README's generated blocks (benchmarks, validation numbers)")
    args = parser.parse_args(argv)

    if args.command == "reproduce":
        from .notebooks import reproduce

        for path, seconds in reproduce(notebooks=args.notebooks or None, output_dir=args.output_dir):
            print(f"executed {path} in {seconds:.1f} s", flush=True)
        from . import paths

        out = Path(args.output_dir) if args.output_dir else paths.output_dir()
        figures = sorted((out / "figures").glob("*.png"))
        print(f"{len(figures)} figures in {out / 'figures'}")
        return 0
    if args.command == "build-corpus":
        from . import paths
        from .datasheet import write_datasheet
        from .sources import build_corpus

        out = Path(args.out) if args.out else paths.REPO_DIR / "corpus"
        manifest = build_corpus(args.shared, out)
        write_datasheet(out)
        print(f"wrote {manifest['documents']} documents in {len(manifest['files'])} files to {out}; "
              f"removed duplicates: {manifest['removed_duplicates']}")
        return 0
    if args.command == "readme":
        from .readme_blocks import update_readme

        print("README updated" if update_readme() else "README already current")
        return 0
    return 2  # pragma: no cover - argparse enforces the choices


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
