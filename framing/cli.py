"""Command-line interface: ``framing`` (also ``python -m framing``).

Each subcommand is a thin wrapper over a library function; run
``framing SUBCOMMAND --help`` for its options. Bad input ends with a one-line
message naming the file, line and field (exit status 2), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import InputError

__all__ = ["main", "build_parser"]


def _cmd_units(args: argparse.Namespace) -> int:
    from .units import UNIT_COLUMNS, iter_units

    out = sys.stdout
    out.write("\t".join(UNIT_COLUMNS) + "\n")
    for frame in iter_units(args.paths):
        frame = frame.assign(text=frame["text"].str.replace("\t", " ", regex=False))
        frame.to_csv(out, sep="\t", index=False, header=False, lineterminator="\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description=(
            "Code the sentences of news articles by frame (counter_terror, civilian_harm, "
            "sovereignty) and by attributed source, and compare outlets. An article is a UTF-8 "
            "text file: headline line, blank line, body."
        ),
        epilog="Run 'framing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "units",
        help="print the unit table (TSV) of article files or folders",
        description="Split articles into units (headline, sentences, boilerplate) and print them as TSV.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article text file or folder of *.txt files")
    p.set_defaults(func=_cmd_units)

    # further subcommands are registered below, one block each
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as err:
        print(f"framing {args.command}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `framing units data | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
