"""Score the machine coder against every hand-coded set the project has, and print a table.

Sets, named in the table's first column: ``seed`` (the development reference,
``data/reference/seed_units.tsv``), each fixture set under ``tests/fixtures/`` (``development``,
``development2``, ``development3``: used for error analysis; ``heldout``: never used for tuning), and
``coverage``, the retrieved coverage in ``data/cache/articles`` when present (scored against
``data/reference/coverage_units.tsv``).

Usage::

    python scripts/score_coder.py            # Markdown table on stdout
    python scripts/score_coder.py --sets seed development development2 development3   # tuning: no held-out row
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framing.coder import code_paths
from framing.corpus import cache_dir, read_coding
from framing.evaluate import frame_scores, source_scores

ROOT = Path(__file__).resolve().parent.parent
#: The hand-coded fixture sets: every folder under tests/fixtures/ with a coding.tsv, by folder name
#: (development, development2, ... are used for error analysis; heldout never is: see their READMEs).
FIXTURE_SETS = tuple(sorted(p.parent.name for p in (ROOT / "tests" / "fixtures").glob("*/coding.tsv")))
#: Names accepted by ``--sets``: the seed, each fixture set, and the retrieved coverage.
SET_NAMES = ("seed", *FIXTURE_SETS, "coverage")


def sets(names: tuple[str, ...] = SET_NAMES) -> list[tuple[str, list[Path], Path]]:
    """(name, article paths, reference table) for every hand-coded set present among `names`."""
    out = []
    if "seed" in names:
        out.append(("seed", [ROOT / "data" / "articles"], ROOT / "data" / "reference" / "seed_units.tsv"))
    for name in FIXTURE_SETS:
        folder = ROOT / "tests" / "fixtures" / name
        if name in names:
            out.append((name, [folder / "articles"], folder / "coding.tsv"))
    cache = cache_dir(ROOT / "data")
    if "coverage" in names and cache.exists() and any(cache.glob("*.txt")):
        out.append(("coverage", [cache], ROOT / "data" / "reference" / "coverage_units.tsv"))
    return out


def score(paths: list[Path], reference_path: Path) -> dict:
    """Code `paths` and score them against the reference (restricted to the coded articles)."""
    coded = code_paths(paths, sentiment=False)
    reference = read_coding(reference_path)
    reference = reference[reference["article_id"].isin(set(coded["article_id"]))]
    fs = frame_scores(reference, coded).set_index("frame")
    ss = source_scores(reference, coded).set_index("metric")["value"]
    row = {"articles": coded["article_id"].nunique(), "units": int(fs.loc["macro", "n_units"])}
    for frame in ("counter_terror", "civilian_harm", "sovereignty", "macro"):
        row[f"F1 {frame}"] = fs.loc[frame, "f1"]
    row["alpha (mean)"] = fs.loc["macro", "alpha"]
    row["source-type agr."] = ss["source_type_agreement"]
    row["attributed agr."] = ss["attributed_agreement"]
    row["speaker F1"] = ss["speaker_f1"]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sets", nargs="+", choices=SET_NAMES, default=list(SET_NAMES), metavar="NAME",
        help=f"score only these sets (default: all present; choices: {', '.join(SET_NAMES)}). While tuning the "
        "coder, leave out 'heldout': its scores must not guide any change.",
    )
    args = parser.parse_args(argv)
    rows = []
    for name, paths, ref in sets(tuple(args.sets)):
        rows.append({"set": name, **score(paths, ref)})
    print(markdown(pd.DataFrame(rows)))
    return 0


def markdown(table: pd.DataFrame) -> str:
    """A Markdown table, floats to three decimals (no tabulate dependency)."""
    def cell(v) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
