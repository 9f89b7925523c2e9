"""The sentence coder: frames, attributed sources, sentiment and naming markers per unit.

It chains the steps that each add columns to a unit table:

``units -> code_frames -> attribute -> add_sentiment -> add_markers``

so that ``units.pipe(code_units)`` gives a table with every coding column,
and each step can also be used alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .articles import read_articles
from .attribution import attribute
from .frames import code_frames
from .markers import add_markers
from .sentiment import add_sentiment
from .units import make_units

__all__ = ["CODED_COLUMNS", "OUTPUT_COLUMNS", "code_units", "code_articles", "code_paths"]

#: The columns other tools read from ``framing code`` output (keep these names).
OUTPUT_COLUMNS = [
    "article_id", "unit", "kind", "text", "fingerprint", "frames", "speakers", "source_types", "cues",
    "polarity", "subjectivity",
]
#: Every column of a coded unit table, in output order.
CODED_COLUMNS = OUTPUT_COLUMNS + [
    "paragraph", "start", "end", "distancing", "group_names", "kill_verbs", "frame_evidence", "attribution_evidence",
]


def code_units(
    units: pd.DataFrame,
    *,
    sentiment: bool = True,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
) -> pd.DataFrame:
    """Add every coding column to a unit table.

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table (:data:`framing.units.UNIT_COLUMNS`), one or many articles,
        units in reading order within each article.
    sentiment : bool
        Add TextBlob polarity and subjectivity (the slowest step); when False
        both are NaN.
    lexicon, gazetteer, cues : str, Path or DataFrame
        The frame lexicon, the speaker gazetteer and the cue list: a packaged
        name, a path to an edited copy, or a table.

    Returns
    -------
    pandas.DataFrame
        :data:`CODED_COLUMNS`, one row per unit.

    Example
    -------
    >>> from framing.units import units_from_text
    >>> units = pd.DataFrame(units_from_text("Biden says IS leader killed\\n\\nIt was a blow to ISIS, he said."))
    >>> code_units(units, sentiment=False)[["frames", "speakers"]].iloc[1].tolist()  # doctest: +SKIP
    ['counter_terror', 'Joe Biden']
    """
    if units.empty:
        return pd.DataFrame(columns=CODED_COLUMNS)
    coded = (
        units.pipe(code_frames, lexicon=lexicon)
        .pipe(attribute, gazetteer=gazetteer, cues=cues)
        .pipe(add_sentiment, enabled=sentiment)
        .pipe(add_markers)
    )
    return coded[CODED_COLUMNS]


def code_articles(articles: pd.DataFrame, *, sentiment: bool = True) -> pd.DataFrame:
    """Split a table of articles (``article_id``, ``text``) into units and code them."""
    return code_units(make_units(articles), sentiment=sentiment)


def code_paths(paths: Iterable[str | Path], *, sentiment: bool = True) -> pd.DataFrame:
    """Code article files and folders (article_id = file stem); returns one table.

    For collections too large for memory, stream them with
    :func:`framing.scale.code_collection` (``framing code``), which reads, codes
    and writes in chunks.

    Raises
    ------
    InputError
        An unreadable article file (named in the message).
    """
    return code_articles(read_articles(paths), sentiment=sentiment)
