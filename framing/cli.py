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


def _cmd_code(args: argparse.Namespace) -> int:
    import contextlib

    from .scale import CHUNK_ARTICLES, code_collection, dask_client

    with contextlib.ExitStack() as stack:
        executor = None
        if args.dask:
            client = stack.enter_context(dask_client(args.dask, workers=args.jobs))
            executor = client.get_executor(pure=False)
        run = code_collection(
            args.paths,
            args.out,
            format=args.input_format,
            out_format=args.format,
            jobs=args.jobs,
            executor=executor,
            sentiment=not args.no_sentiment,
            strict=args.strict,
            chunk_articles=args.chunk_articles or CHUNK_ARTICLES,
            lexicon=args.lexicon,
            gazetteer=args.gazetteer,
            cues=args.cues,
            progress=not args.quiet,
        )
    if run.skipped:
        first = run.skipped[0]
        where = first.source + (f", line {first.line}" if first.line is not None else "")
        print(
            f"framing code: skipped {len(run.skipped)} record(s) (first: {where}: {first.reason}); "
            f"all listed in {run.skipped_path}",
            file=sys.stderr,
        )
    if not args.quiet:
        rate = run.articles / run.seconds if run.seconds else float("nan")
        print(
            f"framing code: {run.units} units from {run.articles} articles -> {run.out} "
            f"({run.seconds:.1f} s, {rate:.0f} articles/s)",
            file=sys.stderr,
        )
    return 0


def _positive_int(value: str) -> int:
    """argparse type: a whole number >= 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from .corpus import read_coding
    from .evaluate import confusion, frame_scores, source_scores

    reference = read_coding(args.reference)
    coded = read_coding(args.coded)
    if args.only_coded_articles:
        reference = reference[reference["article_id"].isin(set(coded["article_id"]))]
    frames = frame_scores(reference, coded)
    sources = source_scores(reference, coded)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(f"Frames ({frames['n_units'].iloc[0]} reference units)")
        print(frames.to_string(index=False))
        print()
        print("Sources")
        print(sources.to_string(index=False))
        if args.confusion:
            print()
            print("Source types: reference vs coded")
            print(confusion(reference, coded, field="source_types").to_string(index=False))
    return 0


def _cmd_study(args: argparse.Namespace) -> int:
    from .study import NOTEBOOKS, run_study

    log = run_study(args.root, notebooks=args.notebooks or NOTEBOOKS, code=not args.no_code, reports=args.reports)
    if not args.quiet:
        print(log.to_string(index=False))
        print(f"total: {log['seconds'].sum():.1f} s")
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .corpus import cache_dir, load_catalog, load_reference
    from .fetch import LOG_NAME, fetch_articles

    catalog = load_catalog(args.data)
    has_reference = (Path(args.data) / "reference" / "coverage_units.tsv").exists()
    reference = load_reference(args.data, with_seed=False, with_catalog=False) if has_reference else None
    cache = cache_dir(args.data)
    log = fetch_articles(
        catalog, cache=cache, reference=reference, only=args.only, force=args.force, delay=args.delay,
        timeout=args.timeout, max_bytes=args.max_bytes, retries=args.retries,
        archive_api=args.archive_api or None, progress=None if not args.quiet else False,
    )
    counts = log["outcome"].value_counts()
    for aid, error in zip(log["article_id"], log["error"]):
        if error:
            print(f"framing fetch: {aid}: {error}", file=sys.stderr)
    if not args.quiet:
        print(f"framing fetch: {counts.get('fetched', 0)} fetched, {counts.get('cached', 0)} already cached, "
              f"{counts.get('failed', 0)} failed -> {cache} (log: {cache.parent / LOG_NAME})", file=sys.stderr)
    # exit 1 only when nothing requested is available (e.g. offline); partial failures are in the log
    return 1 if len(log) and (log["outcome"] == "failed").all() else 0


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

    p = sub.add_parser(
        "code",
        help="code articles: frames, attributed sources, sentiment (Parquet or TSV out)",
        description=(
            "Split articles into units and code each unit: frames, speakers, source types, cues, "
            "polarity and subjectivity. PATH is a JSON Lines, CSV, TSV or Parquet file of articles "
            "(id or article_id, text, optional title or headline; other columns are metadata, copied to "
            "every unit; .jsonl.gz, .csv.gz and .tsv.gz are read through gzip), an article text file "
            "(headline line, blank line, body; article_id is the file stem) or a folder of them. "
            "Articles are read, coded and written in chunks, so memory stays flat on millions of them. "
            "Bad records (malformed JSON, no id, no text, bytes that are not UTF-8) are skipped and listed "
            "in OUT.skipped.tsv (use --strict to stop at the first one instead)."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file of articles, article text file, or folder of *.txt")
    p.add_argument("--out", "-o", required=True, metavar="FILE",
                   help="output table, .parquet or .tsv (written atomically: a failed run leaves no half file)")
    p.add_argument("--format", choices=("auto", "parquet", "tsv"), default="auto",
                   help="output format (default: from the extension of --out)")
    p.add_argument("--input-format", choices=("auto", "jsonl", "csv", "tsv", "parquet", "text"), default="auto",
                   help="format of every PATH (default: from each extension; a folder is text)")
    p.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N",
                   help="worker processes (default 1); output is identical whatever N is")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="code on Dask: 'local' starts a local cluster of --jobs workers, or give a scheduler "
                        "address (tcp://host:8786); needs pip install \"framing[dask]\"")
    p.add_argument("--chunk-articles", type=_positive_int, default=None, metavar="N",
                   help="articles per chunk handed to a worker (default: framing.scale.CHUNK_ARTICLES)")
    p.add_argument("--no-sentiment", action="store_true", help="skip TextBlob sentiment (about 10x faster)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record (error names file and line)")
    p.add_argument("--lexicon", default="frame_lexicon.tsv", metavar="TSV", help="frame lexicon (default: packaged)")
    p.add_argument("--gazetteer", default="speakers.tsv", metavar="TSV", help="speaker gazetteer (default: packaged)")
    p.add_argument("--cues", default="cues.tsv", metavar="TSV", help="attribution cue list (default: packaged)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=_cmd_code)

    p = sub.add_parser(
        "evaluate",
        help="score a coding against a reference coding",
        description=(
            "Per-frame precision/recall/F1, macro-F1 and Krippendorff's alpha; source-type agreement, "
            "attributed-vs-unattributed agreement and speaker F1. Units are lined up by "
            "(article_id, fingerprint); a reference unit missing from CODED counts as wrong."
        ),
    )
    p.add_argument("reference", metavar="REFERENCE.tsv")
    p.add_argument("coded", metavar="CODED.tsv")
    p.add_argument("--only-coded-articles", action="store_true",
                   help="score only the reference articles that appear in CODED (e.g. the ones retrieved)")
    p.add_argument("--confusion", action="store_true", help="also print the source-type confusion table")
    p.set_defaults(func=_cmd_evaluate)

    # further subcommands are registered below, one block each
    p = sub.add_parser(
        "study",
        help="code the data, run the study notebooks and export HTML reports (make study)",
        description=(
            "Machine-code every article whose text is at hand (DATA/articles and the fetch cache) into "
            "data/processed/coded_units.tsv, write a reading view per article into REPORTS/articles/, run "
            "each notebook in notebooks/ headless (figures into figures/) and export it as a "
            "self-contained HTML report into REPORTS/."
        ),
    )
    p.add_argument("--root", default=".", metavar="DIR", help="the project folder (default: .)")
    p.add_argument("--reports", default=None, metavar="DIR", help="output folder (default: ROOT/reports)")
    p.add_argument("--notebooks", nargs="+", metavar="NAME", help="run only these notebooks (names without .ipynb)")
    p.add_argument("--no-code", action="store_true", help="skip the coding step (reuse data/processed)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing")
    p.set_defaults(func=_cmd_study)

    from .fetch import ARCHIVE_API, DEFAULT_DELAY, DEFAULT_MAX_BYTES, DEFAULT_RETRIES, DEFAULT_TIMEOUT

    p = sub.add_parser(
        "fetch",
        help="retrieve the related coverage's texts into DATA/cache (not redistributed)",
        description=(
            "Download each catalogued article whose text is 'retrieve' (reference/coverage_articles.tsv), "
            "falling back on the Internet Archive's capture nearest to its date, extract its title and "
            "main text, and store it in DATA/cache/articles/<article_id>.txt (git-ignored). "
            "DATA/cache/fetch_log.tsv records the URL used, the HTTP status, the sha256 of the text and "
            "its alignment rate with the reference units. Already cached articles are skipped. "
            "Exit status 1 when every requested article failed, else 0."
        ),
    )
    p.add_argument("--data", default="data", metavar="DIR", help="the data folder (default: data)")
    p.add_argument("--only", nargs="+", metavar="ID", help="fetch only these article ids")
    p.add_argument("--force", action="store_true", help="fetch again articles already in the cache")
    p.add_argument("--delay", type=float, default=DEFAULT_DELAY, metavar="SECONDS",
                   help=f"pause between two requests to the same host (default: {DEFAULT_DELAY:g})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"seconds to wait for a server at each step (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"largest page accepted (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--retries", type=int, default=DEFAULT_RETRIES, metavar="N",
                   help=f"extra attempts after a 5xx answer or a timeout (default: {DEFAULT_RETRIES})")
    p.add_argument("--archive-api", default=ARCHIVE_API, metavar="URL",
                   help=f"Wayback availability API ('' disables the fallback; default: {ARCHIVE_API})")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=_cmd_fetch)

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
