"""The study's data release: catalog of coverage and reference coding.

The release lives in a data folder (``data/`` in the project) laid out as::

    data/
      articles.csv                         catalog of articles whose text ships (the seed)
      articles/<article_id>.txt            their texts
      codebook.md                          the coding protocol
      reference/coverage_articles.tsv      catalog of the seed + 66 related articles (no text)
      reference/coverage_units.tsv         reference coding, one row per unit (fingerprints, no text)
      reference/coverage_units_second_coder.tsv   an independent second coding of 20 articles
      reference/seed_units.tsv             the seed's reference coding, with text
      cache/articles/<article_id>.txt      texts retrieved by ``framing fetch`` (git-ignored)

Loaders return tidy DataFrames that join on ``article_id``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from .articles import read_catalog
from .errors import InputError

__all__ = [
    "REFERENCE_COLUMNS",
    "CODING_FIELDS",
    "read_coding",
    "load_catalog",
    "load_reference",
    "load_seed_reference",
    "cache_dir",
]

#: Columns of a reference coding table (``text`` is present only where the text may ship).
REFERENCE_COLUMNS = ("article_id", "unit", "kind", "fingerprint", "frames", "speakers", "source_types", "cues")
#: The coded fields, multi-valued and ";"-joined.
CODING_FIELDS = ("frames", "speakers", "source_types", "cues")
#: Where ``framing fetch`` caches retrieved texts, relative to the data folder.
CACHE_SUBDIR = Path("cache") / "articles"


def cache_dir(data_dir: str | Path = "data") -> Path:
    """The folder of retrieved article texts inside `data_dir`."""
    return Path(data_dir) / CACHE_SUBDIR


def read_coding(path: str | Path) -> pd.DataFrame:
    """Read a coding table (reference or machine): one row per unit.

    Parameters
    ----------
    path : str or Path
        TSV with at least :data:`REFERENCE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Strings everywhere ("" for empty), ``unit`` as int.

    Raises
    ------
    InputError
        Missing file or columns, or a ``unit`` that is not a whole number.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("coding table not found", path=path)
    try:
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        raise InputError(f"not a valid TSV table ({err})", path=path) from None
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=path, line=1)
    bad = ~frame["unit"].str.fullmatch(r"\d+")
    if bad.any():
        line = int(bad.to_numpy().nonzero()[0][0]) + 2
        raise InputError(f"unit {frame['unit'][bad].iloc[0]!r} is not a whole number", path=path, line=line, field="unit")
    return frame.astype({"unit": "int64"})


def load_catalog(data_dir: str | Path = "data") -> pd.DataFrame:
    """The coverage catalog (seed first), checked by :func:`framing.articles.read_catalog`.

    Returns
    -------
    pandas.DataFrame
        article_id, outlet, publisher, country, outlet_type, language, date, url, title, text, note.
    """
    return read_catalog(Path(data_dir) / "reference" / "coverage_articles.tsv")


def load_reference(
    data_dir: str | Path = "data",
    *,
    coder: Literal["first", "second"] = "first",
    with_seed: bool = True,
    with_catalog: bool = True,
) -> pd.DataFrame:
    """The reference coding of the coverage, joined with the catalog.

    Parameters
    ----------
    data_dir : str or Path
        The data folder.
    coder : {"first", "second"}
        ``first``: the full reference coding; ``second``: the independent
        second coding of 20 articles (for reliability).
    with_seed : bool
        Include the seed's reference units (first coder only).
    with_catalog : bool
        Add outlet, outlet_type, country, date, publisher from the catalog.

    Returns
    -------
    pandas.DataFrame
        One row per unit.

    Example
    -------
    >>> ref = load_reference("data")  # doctest: +SKIP
    >>> ref.groupby("outlet_type").size()  # doctest: +SKIP
    """
    ref_dir = Path(data_dir) / "reference"
    name = "coverage_units.tsv" if coder == "first" else "coverage_units_second_coder.tsv"
    frames = [read_coding(ref_dir / name)]
    if with_seed and coder == "first":
        frames.insert(0, load_seed_reference(data_dir))
    units = pd.concat(frames, ignore_index=True)
    if with_catalog:
        cat = load_catalog(data_dir)[["article_id", "outlet", "publisher", "country", "outlet_type", "date"]]
        units = units.merge(cat, on="article_id", how="left", validate="many_to_one")
    return units


def load_seed_reference(data_dir: str | Path = "data") -> pd.DataFrame:
    """The seed article's reference coding (with text)."""
    return read_coding(Path(data_dir) / "reference" / "seed_units.tsv")
