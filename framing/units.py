"""Articles into units: the headline and each sentence of the body.

One row per unit, as the codebook defines it ("Unit of analysis"): units are
numbered from 0 in reading order, the headline (when present) is unit 0, and
every unit has a ``kind``: ``headline``, ``sentence`` or ``boilerplate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from .articles import iter_article_paths, read_article
from .codebook import UNIT_KINDS
from .boilerplate import boilerplate_reason, sentence_boilerplate_reason
from .sentences import fingerprint, sentence_spans

__all__ = ["UNIT_COLUMNS", "KINDS", "units_from_text", "make_units", "units_from_paths", "iter_units"]

#: Columns of a unit table, in order.
UNIT_COLUMNS = ["article_id", "unit", "kind", "paragraph", "start", "end", "text", "fingerprint"]
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
    records: list[dict] = []
    headline: str | None = None
    offset = 0
    paragraph = 0
    first = True
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if first:
            first = False
            if content.strip():
                headline = content.strip()
                for s, e in sentence_spans(content):
                    records.append(_record(article_id, len(records), "headline", 0, offset + s, offset + e, content[s:e]))
                offset += len(line)
                continue
        if content.strip():
            paragraph += 1
            spans = sentence_spans(content)
            if boilerplate_reason(content, headline=headline, n_sentences=len(spans)):
                lead = len(content) - len(content.lstrip())
                stripped = content.strip()
                records.append(
                    _record(article_id, len(records), "boilerplate", paragraph, offset + lead, offset + lead + len(stripped), stripped)
                )
            else:
                for s, e in spans:
                    sentence = content[s:e]
                    kind = "boilerplate" if sentence_boilerplate_reason(sentence) else "sentence"
                    records.append(_record(article_id, len(records), kind, paragraph, offset + s, offset + e, sentence))
        offset += len(line)
    return records


def _record(article_id: str, unit: int, kind: str, paragraph: int, start: int, end: int, text: str) -> dict:
    return {
        "article_id": article_id,
        "unit": unit,
        "kind": kind,
        "paragraph": paragraph,
        "start": start,
        "end": end,
        "text": text,
        "fingerprint": fingerprint(text),
    }


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=UNIT_COLUMNS)
    return frame.astype({"unit": "int64", "paragraph": "int64", "start": "int64", "end": "int64"})


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
    records: list[dict] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        records.extend(units_from_text(text if isinstance(text, str) else "", article_id=aid))
    return _frame(records)


def iter_units(paths: Iterable[str | Path]) -> Iterator[pd.DataFrame]:
    """Yield one unit table per article file (streaming; memory stays flat)."""
    for p in iter_article_paths(paths):
        art = read_article(p)
        yield _frame(units_from_text(art.text, article_id=art.article_id))


def units_from_paths(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Unit table for article files and folders of ``*.txt`` (article_id = file stem)."""
    frames = list(iter_units(paths))
    return pd.concat(frames, ignore_index=True) if frames else _frame([])
