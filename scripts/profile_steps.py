"""Where the coder's time goes: CPU microseconds per unit for each step (prints figures; not a test).

``scripts/benchmark.py`` measures the whole ``framing code`` command; this script
splits that time into the steps of :func:`framing.coder.code_units` and the table
work around them, so that a change to one step can be judged by its own share:

- ``split``: articles into units (:func:`framing.units.make_units`: sentences,
  boilerplate, fingerprints);
- ``frames``: :func:`framing.frames.code_frames`;
- ``attribution``: :func:`framing.attribution.attribute`;
- ``sentiment``: :func:`framing.sentiment.add_sentiment` (switched off with
  ``--no-sentiment``, as in the speed target without sentiment);
- ``markers``: :func:`framing.markers.add_markers`;
- ``write``: the output's dtypes and a Parquet file (:func:`framing.scale.write_units`).

Reading the input file (JSON parsing) is not included: about 1 µs per unit.

It runs on two corpora: the synthetic benchmark corpus (our own sentences,
recombined; sentences repeat, which helps the text caches) and, when
``../shared/external/polnear`` is there, the PolNeAR articles (real news, almost
no repeated sentences; read from ``../shared`` and never copied into the
repository). Each corpus is coded in chunks of :data:`framing.scale.CHUNK_ARTICLES`
articles, as ``framing code`` does; each step's CPU time (``time.process_time``) is
the best of ``--repeat`` runs, because the machine may be shared.

Usage::

    python scripts/profile_steps.py [--sentences 40000] [--articles 1500] [--repeat 3] [--sentiment]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchmark  # noqa: E402  (the synthetic corpus of scripts/benchmark.py)

from framing.attribution import attribute  # noqa: E402
from framing.coder import CODED_COLUMNS  # noqa: E402
from framing.frames import code_frames  # noqa: E402
from framing.markers import add_markers  # noqa: E402
from framing.scale import CHUNK_ARTICLES, _conform, code_chunk, iter_articles, write_units  # noqa: E402
from framing.sentiment import add_sentiment  # noqa: E402
from framing.units import make_units  # noqa: E402

#: Where PolNeAR is looked for, relative to the repository (the project's shared folder).
POLNEAR = HERE.parent.parent / "shared" / "external" / "polnear"
#: Synthetic corpus size in body sentences: enough chunks for stable figures, a few seconds per run.
SYNTHETIC_SENTENCES = 40_000
STEPS = ("split", "frames", "attribution", "sentiment", "markers", "write")


def synthetic_articles(folder: Path, n_sentences: int = SYNTHETIC_SENTENCES) -> list[pd.DataFrame]:
    """The benchmark's synthetic corpus, in chunks of articles (``article_id``, ``text``)."""
    path = folder / "synthetic.jsonl"
    benchmark.write_corpus(path, n_sentences)
    return list(iter_articles(path))


def polnear_articles(root: Path = POLNEAR) -> list[pd.DataFrame] | None:
    """PolNeAR's train and dev articles in chunks, or None when it is not there."""
    files = sorted(root.glob("*/text/*.txt")) if root.is_dir() else []
    if not files:
        return None
    frame = pd.DataFrame({"article_id": [f"{p.parent.parent.name}/{p.stem}" for p in files],
                          "text": [p.read_text(encoding="utf-8") for p in files]})
    return [frame.iloc[i:i + CHUNK_ARTICLES].reset_index(drop=True) for i in range(0, len(frame), CHUNK_ARTICLES)]


def profile(chunks: list[pd.DataFrame], *, sentiment: bool, repeat: int, out: Path) -> dict[str, float]:
    """CPU µs per unit for each step (best of `repeat`), plus ``units`` and ``total``."""
    best = dict.fromkeys(STEPS, float("inf"))
    units = 0
    for _ in range(repeat):
        spent = dict.fromkeys(STEPS, 0.0)
        coded_chunks = []
        units = 0
        for articles in chunks:
            t = time.process_time()
            u = make_units(articles)
            spent["split"] += time.process_time() - t
            units += len(u)
            for step, fn in (("frames", code_frames), ("attribution", attribute),
                             ("sentiment", lambda x: add_sentiment(x, enabled=sentiment)), ("markers", add_markers)):
                t = time.process_time()
                u = fn(u)
                spent[step] += time.process_time() - t
            coded_chunks.append(u)
        t = time.process_time()
        write_units((code_chunk_dtypes(c) for c in coded_chunks), out)
        spent["write"] += time.process_time() - t
        for step in STEPS:
            best[step] = min(best[step], spent[step])
    result = {step: best[step] / units * 1e6 for step in STEPS}
    result["total"] = sum(result.values())
    result["units"] = units
    return result


def code_chunk_dtypes(coded: pd.DataFrame) -> pd.DataFrame:
    """A coded chunk in the output's columns and dtypes, as ``framing code`` writes it."""
    return _conform(coded[CODED_COLUMNS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=SYNTHETIC_SENTENCES,
                        help=f"body sentences of the synthetic corpus (default {SYNTHETIC_SENTENCES:,})")
    parser.add_argument("--articles", type=int, default=1500, help="PolNeAR articles to use (default 1500: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus; the best is kept (default 3)")
    parser.add_argument("--sentiment", action="store_true", help="time sentiment too (off by default)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"synthetic": synthetic_articles(Path(tmp), args.sentences)}
        polnear = polnear_articles()
        if polnear is None:
            print(f"PolNeAR not found at {POLNEAR}: profiling the synthetic corpus only", file=sys.stderr)
        else:
            rows = 0
            kept = []
            for chunk in polnear:
                if rows >= args.articles:
                    break
                kept.append(chunk.head(args.articles - rows))
                rows += len(kept[-1])
            corpora["PolNeAR"] = kept
        # warm up: compile lexicons and patterns outside the timed runs
        code_chunk(corpora["synthetic"][0].head(5), sentiment=args.sentiment)
        results = {name: profile(chunks, sentiment=args.sentiment, repeat=args.repeat, out=Path(tmp) / "out.parquet")
                   for name, chunks in corpora.items()}
    names = list(results)
    print(f"CPU µs per unit (best of {args.repeat}; sentiment {'on' if args.sentiment else 'off'})\n")
    print("| step | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for step in (*STEPS, "total"):
        print(f"| {step} | " + " | ".join(f"{results[n][step]:.1f}" for n in names) + " |")
    print("| units/s | " + " | ".join(f"{1e6 / results[n]['total']:,.0f}" for n in names) + " |")
    print("| units | " + " | ".join(f"{results[n]['units']:,}" for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
