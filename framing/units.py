"""Articles into units: the headline and each sentence of the body.

One row per unit, as the codebook defines it ("Unit of analysis"): units are
numbered from 0 in reading order, the headline (when present) is unit 0, and
every unit has a ``kind``: ``headline``, ``sentence`` or ``boilerplate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .articles import iter_article_paths, read_article
from .codebook import UNIT_KINDS
from .boilerplate import _article_scans, _first_category, _headline_key, _line_reason
from .sentences import _fingerprints, sentence_spans

__all__ = ["UNIT_COLUMNS", "KINDS", "units_from_text", "make_units", "units_from_paths", "iter_units"]

#: Columns of a unit table, in order.
UNIT_COLUMNS = ["article_id", "unit", "kind", "paragraph", "start", "end", "text", "fingerprint"]
#: Unit columns with integer values (the others are text).
INT_COLUMNS = ("unit", "paragraph", "start", "end")
#: The dtype of text columns: pandas' own string dtype from pandas 3 on (missing = NaN), else object.
STRING_DTYPE: Any = "str" if int(pd.__version__.split(".")[0]) >= 3 else object
#: The codebook's unit kinds.
KINDS = UNIT_KINDS


def units_from_text(text: str, *, article_id: str = "article") -> list[dict]:
    """Split one article's text into unit records.

    Parameters
    ----------
    text : str
        The article as stored: headline line, blank line, body (one
        paragraph per line). Any string is accepted; an empty one has no units.
    article_id : str
        Written into every record.

    Returns
    -------
    list of dict
        Keys as :data:`UNIT_COLUMNS`. ``start``/``end`` are character offsets
        into `text`, so ``text[start:end]`` is the unit's text; ``paragraph``
        is 0 for the headline and counts the body's non-blank lines from 1.

    Example
    -------
    >>> [u["kind"] for u in units_from_text("Title\\n\\nOne. Two.\\nDiscuss")]
    ['headline', 'sentence', 'sentence', 'boilerplate']
    """
    kinds, paragraphs, starts, ends = _layout(text)
    texts = [text[s:e] for s, e in zip(starts, ends)]
    fingerprints = _fingerprints(text, starts, ends)
    return [
        {"article_id": article_id, "unit": unit, "kind": kind, "paragraph": paragraph, "start": start,
         "end": end, "text": unit_text, "fingerprint": fp}
        for unit, kind, paragraph, start, end, unit_text, fp
        in zip(range(len(kinds)), kinds, paragraphs, starts, ends, texts, fingerprints)
    ]


def _layout(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """Kind, paragraph, start and end of each unit of one article (see :func:`units_from_text`).

    The unit's text is ``text[start:end]``. The boilerplate patterns that need a literal
    (``outlawed in Russia``, ``contributed to``) are tried only when the article contains one
    (:func:`framing.boilerplate._article_scans`), the headline is normalised once.
    """
    kinds: list[str] = []
    paragraphs: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    headline = None
    scan_lines, scan_sentences = _article_scans(text)
    offset = 0
    paragraph = 0
    first = True
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if first:
            first = False
            if stripped:
                headline = _headline_key(stripped)
                for s, e in sentence_spans(content):
                    kinds.append("headline")
                    paragraphs.append(0)
                    starts.append(offset + s)
                    ends.append(offset + e)
                offset += len(line)
                continue
        if stripped:
            paragraph += 1
            spans = sentence_spans(content)
            if _line_reason(stripped, headline, len(spans), scan_lines):
                lead = offset + len(content) - len(content.lstrip())
                kinds.append("boilerplate")
                paragraphs.append(paragraph)
                starts.append(lead)
                ends.append(lead + len(stripped))
            else:
                for s, e in spans:
                    boilerplate = _first_category(content[s:e], "sentence", scan_sentences)
                    kinds.append("sentence" if boilerplate is None else "boilerplate")
                    paragraphs.append(paragraph)
                    starts.append(offset + s)
                    ends.append(offset + e)
        offset += len(line)
    return kinds, paragraphs, starts, ends


def _unit_columns(articles: Iterable[tuple[str, str]], *, positions: list[int] | None = None) -> dict[str, list]:
    """The unit table of ``(article_id, text)`` pairs as columns (lists keyed by :data:`UNIT_COLUMNS`).

    What :func:`units_from_text` gives for each article, without a dict per unit; pass the
    result to :func:`_frame_from_columns`. When `positions` is a list, it receives each
    unit's article position in `articles` (0, 1, ...), so that callers can attach
    per-article metadata even when ids repeat or an article has no unit.
    """
    columns: dict[str, list] = {name: [] for name in UNIT_COLUMNS}
    ids, units, kinds_col, paragraphs_col = columns["article_id"], columns["unit"], columns["kind"], columns["paragraph"]
    starts_col, ends_col, texts_col, fps_col = columns["start"], columns["end"], columns["text"], columns["fingerprint"]
    for position, (article_id, text) in enumerate(articles):
        kinds, paragraphs, starts, ends = _layout(text)
        n = len(kinds)
        if positions is not None:
            positions.extend([position] * n)
        ids.extend([article_id] * n)
        units.extend(range(n))
        kinds_col.extend(kinds)
        paragraphs_col.extend(paragraphs)
        starts_col.extend(starts)
        ends_col.extend(ends)
        texts_col.extend([text[s:e] for s, e in zip(starts, ends)])
        fps_col.extend(_fingerprints(text, starts, ends))
    return columns


def _frame(records: list[dict]) -> pd.DataFrame:
    """The unit table of :func:`units_from_text` records."""
    return _frame_from_columns({name: [r[name] for r in records] for name in UNIT_COLUMNS})


def _text_array(values: list) -> Any:
    """A text column in :data:`STRING_DTYPE`, built once (no inference, no later conversion)."""
    if STRING_DTYPE is object:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return array
    return pd.array(values, dtype=STRING_DTYPE)


def _frame_from_columns(columns: dict[str, list]) -> pd.DataFrame:
    """The unit table of :func:`_unit_columns` output, each column built in its final dtype
    (int64 for :data:`INT_COLUMNS`, :data:`STRING_DTYPE` for the rest), also when empty."""
    built = {
        name: np.array(columns[name], dtype=np.int64) if name in INT_COLUMNS else _text_array(columns[name])
        for name in UNIT_COLUMNS
    }
    return pd.DataFrame(built, columns=UNIT_COLUMNS, copy=False)


def make_units(articles: pd.DataFrame) -> pd.DataFrame:
    """Turn a table of articles into a table of units.

    Parameters
    ----------
    articles : pandas.DataFrame
        Must have ``article_id`` and ``text`` (as from
        :func:`framing.articles.read_articles` or
        :func:`framing.articles.attach_texts`). Other columns are not copied;
        join them back on ``article_id`` when needed.

    Returns
    -------
    pandas.DataFrame
        One row per unit, columns :data:`UNIT_COLUMNS`, articles in input order.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Biden says leader dead\\n\\nHe said so."]})
    >>> make_units(arts)[["unit", "kind", "text"]].values.tolist()
    [[0, 'headline', 'Biden says leader dead'], [1, 'sentence', 'He said so.']]
    """
    texts = (text if isinstance(text, str) else "" for text in articles["text"])
    return _frame_from_columns(_unit_columns(zip(articles["article_id"], texts)))


def iter_units(paths: Iterable[str | Path]) -> Iterator[pd.DataFrame]:
    """Yield one unit table per article file (streaming; memory stays flat)."""
    for p in iter_article_paths(paths):
        art = read_article(p)
        yield _frame(units_from_text(art.text, article_id=art.article_id))


def units_from_paths(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Unit table for article files and folders of ``*.txt`` (article_id = file stem)."""
    frames = list(iter_units(paths))
    return pd.concat(frames, ignore_index=True) if frames else _frame([])
