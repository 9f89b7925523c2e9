"""Recognise lines that are not the article's own prose (codebook: ``boilerplate``).

Two kinds of evidence:

* patterns kept as package data (``framing/data/boilerplate.tsv``: footnotes,
  widgets, navigation, captions, credits, bylines, datelines), each with its
  reason, which a researcher can extend for other sites;
* shape rules in code: a line with no sentence-final punctuation is a
  heading, label, credit or embedded "related story" headline, not prose; a
  line that repeats the headline is a copy of it.

Boilerplate units are kept (so that unit numbers line up with the reference)
but never coded or counted.
"""

from __future__ import annotations

import functools
import re

from .resources import read_table

__all__ = ["boilerplate_reason", "sentence_boilerplate_reason", "is_boilerplate", "boilerplate_patterns"]

#: A line ending in one of these (after stripping) can be prose; anything else is not.
SENTENCE_FINAL = tuple('.!?:;…"”’\'')
#: Categories whose pattern is matched case-sensitively (datelines are upper case by definition).
CASE_SENSITIVE_CATEGORIES = frozenset({"dateline"})


@functools.lru_cache(maxsize=None)  # one entry per scope; maxsize=1 re-read the table on every call
def boilerplate_patterns(scope: str = "line") -> tuple[tuple[re.Pattern, str], ...]:
    """Compiled patterns and their categories from ``boilerplate.tsv``.

    Parameters
    ----------
    scope : {"line", "sentence"}
        ``line``: patterns for whole lines; ``sentence``: patterns tried on
        each sentence of a prose line (:func:`sentence_boilerplate_reason`).
    """
    table = read_table("boilerplate.tsv", required=("pattern", "category", "scope", "why"))
    out = []
    for pattern, category, where in zip(table["pattern"], table["category"], table["scope"]):
        if where != scope:
            continue
        flags = 0 if category in CASE_SENSITIVE_CATEGORIES else re.IGNORECASE
        out.append((re.compile(pattern, flags), category))
    return tuple(out)


def sentence_boilerplate_reason(sentence: str) -> str | None:
    """Why one sentence of a prose line is boilerplate (a dateline, a credit), or ``None``.

    Example
    -------
    >>> sentence_boilerplate_reason("/TASS/.")
    'dateline'
    >>> sentence_boilerplate_reason("Jane Roe contributed to this report.")
    'credit'
    """
    text = sentence.strip()
    for pattern, category in boilerplate_patterns("sentence"):
        if pattern.fullmatch(text):
            return category
    return None


def boilerplate_reason(line: str, *, headline: str | None = None, n_sentences: int = 1) -> str | None:
    """Why `line` is boilerplate, or ``None`` when it is prose.

    Parameters
    ----------
    line : str
        One line (paragraph) of an article body.
    headline : str, optional
        The article's headline; a line repeating it is a copy.
    n_sentences : int
        How many sentences the line splits into; the shape rule (no final
        punctuation) applies only to single-sentence lines.

    Returns
    -------
    str or None
        A category (``footnote``, ``widget``, ``navigation``, ``caption``,
        ``credit``, ``byline``, ``dateline``, ``heading``, ``headline_copy``)
        or ``None``.

    Example
    -------
    >>> boilerplate_reason("Discuss")
    'widget'
    >>> boilerplate_reason("Terrorists Carry Out Five Attacks on Syria's Idlib Zone - Russian Reconciliation Center")
    'heading'
    >>> boilerplate_reason("The raid lasted two hours.") is None
    True
    """
    text = line.strip()
    if not text:
        return "empty"
    if headline is not None and _norm(text) == _norm(headline):
        return "headline_copy"
    for pattern, category in boilerplate_patterns("line"):
        if pattern.fullmatch(text):
            return category
    if n_sentences == 1 and not text.endswith(SENTENCE_FINAL):
        # a closing bracket ends prose only after final punctuation: "(...)." or "...?)"
        if not (text.endswith((")", "]")) and text.rstrip(")]").endswith(SENTENCE_FINAL)):
            return "heading"
    return None


def is_boilerplate(line: str, *, headline: str | None = None, n_sentences: int = 1) -> bool:
    """True when :func:`boilerplate_reason` gives a reason."""
    return boilerplate_reason(line, headline=headline, n_sentences=n_sentences) is not None


_WS = re.compile(r"\W+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text.lower()).strip()
