"""Sentence sentiment: TextBlob's PatternAnalyzer polarity and subjectivity, fast and offline.

The project records, for every headline and sentence, the ``polarity``
(-1 to 1) and ``subjectivity`` (0 to 1) that TextBlob's default analyzer
(``textblob.en.sentiments.PatternAnalyzer``, the lexicon of De Smedt &
Daelemans's *Pattern*, 2012) gives it. That analyzer needs no NLTK corpora:
it reads ``en-sentiment.xml`` shipped inside the ``textblob`` package.

Speed
-----
``TextBlob(s).sentiment`` costs about 280 microseconds for a news sentence;
most of it is Pattern's general-purpose tokenizer (about 80 us) and the
per-word assessment loop (about 50 us, mostly an emoticon scan over every
non-alphabetic token). This module computes **the same numbers** faster:

* a tokenizer that reproduces Pattern's ``find_tokens`` for ordinary
  sentences (words split from leading/trailing punctuation, abbreviations
  kept, quotes padded, ``n't`` split), and falls back to Pattern itself for the
  rare inputs where its extra rules apply (line breaks, ``!``, emoticons);
* the assessment rules (negation "not good", modifiers "very good",
  "not bad" = slightly good) over precomputed dictionaries;
* a cache of recent sentences, because wire copy is republished verbatim.

``tests/test_sentiment.py`` checks the equality against TextBlob on written
sentences and on random text (hypothesis).

Limits: the lexicon scores adjectives of product reviews; on news prose most
sentences score near 0 and "killed" or "terrorist" carry no polarity. Treat the
columns as a descriptive aside, not as a measure of an outlet's stance.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["add_sentiment", "sentiment_scores", "SENTIMENT_COLUMNS"]

#: Columns that :func:`add_sentiment` adds.
SENTIMENT_COLUMNS = ("polarity", "subjectivity")

#: Distinct sentences remembered; wire copy repeats sentences verbatim across outlets.
#: Kept small so that memory stays flat at scale, in every worker process (see framing.frames.CACHE_SIZE).
CACHE_SIZE = 8_192

#: Pattern's negation words (``Sentiment.negations``).
_NEGATIONS = frozenset(("no", "not", "n't", "never"))
#: Pattern scales the polarity of a negated word by this factor ("not good" = slightly bad).
_NEGATED_POLARITY = -0.5
#: Characters Pattern splits from the start or end of a token (its PUNCTUATION, without the period).
_PUNCT = tuple(".,;:!?()[]{}`''\"@#$^&*+-|=~_".replace(".", ""))
_PUNCT_SET = frozenset(_PUNCT)
_PUNCT_END = frozenset(_PUNCT) | {"."}
#: Quote characters Pattern pads with spaces so that they become tokens.
_QUOTES = ("“", "”", "‘", "’", "'", '"')
_QUOTE_PAD = str.maketrans({q: f" {q} " for q in _QUOTES})
_ABBR1 = re.compile(r"^[A-Za-z]\.$")
_ABBR2 = re.compile(r"^([A-Za-z]\.)+$")
_ABBR3 = re.compile("^[A-Z][" + "|".join("bcdfghjklmnpqrstvwxz") + "]+.$")


@functools.lru_cache(maxsize=1)
def _model():
    """Load Pattern's lexicon once and flatten it for the fast path."""
    import textblob._text as pattern_text
    from textblob.en import sentiment as pattern_sentiment

    len(pattern_sentiment)  # the lazy dictionary loads its XML on first use
    words: dict[str, tuple[float, float, float]] = {}
    modifiers: set[str] = set()
    for word, by_pos in dict.items(pattern_sentiment):
        p, s, i = by_pos[None]
        words[word] = (float(p), float(s), float(i))
        if "RB" in by_pos:
            modifiers.add(word)
    emoticons: dict[str, float] = {}
    for (_, polarity), faces in pattern_text.EMOTICONS.items():
        for face in faces:
            emoticons.setdefault(face.lower(), polarity)
    return {
        "words": words,
        "modifiers": frozenset(modifiers),
        "emoticons": emoticons,
        "abbreviations": frozenset(pattern_text.ABBREVIATIONS),
        "re_emoticons": pattern_text.RE_EMOTICONS,
        "exact": pattern_sentiment,
    }


def _split_token(t: str, out: list[str], abbreviations: frozenset) -> None:
    """Split one whitespace token as Pattern's tokenizer does."""
    while t and t[0] in _PUNCT_SET:
        out.append(t[0])
        t = t[1:]
    tail: list[str] = []
    while t and t[-1] in _PUNCT_END:
        if t[-1] in _PUNCT_SET:
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if t in abbreviations or _ABBR1.match(t) or _ABBR2.match(t) or _ABBR3.match(t):
                break
            tail.append(".")
            t = t[:-1]
    if t:
        out.append(t)
    out.extend(reversed(tail))


def _tokens(text: str, model: dict) -> list[str] | None:
    """Pattern's tokens, lower-cased; None when only Pattern itself is exact."""
    if "\n" in text or "!" in text:
        return None  # paragraph breaks and "(!)" sarcasm: rules not reproduced here
    if "n't" in text:
        text = text.replace("n't", " n't")
    text = text.translate(_QUOTE_PAD)
    abbreviations = model["abbreviations"]
    out: list[str] = []
    for t in text.split():
        if t[0] in _PUNCT_SET or t[-1] in _PUNCT_END:
            _split_token(t, out, abbreviations)
        else:
            out.append(t)
    if model["re_emoticons"].search(" ".join(out)):
        return None  # Pattern re-joins emoticons split by spaces: defer to it
    return [t.lower() for t in out]


def _assess(tokens: list[str], model: dict) -> tuple[float, float]:
    """Pattern's ``Sentiment.assessments`` and averaging, for untagged words.

    A known word starts an assessment, or, after a modifier ("very"), rescales
    the previous one by the modifier's intensity; a pending negation ("not")
    inverts the intensity and marks the assessment negated (its polarity is
    later multiplied by -0.5). A negation survives one-letter tokens only.
    """
    words, modifiers, emoticons = model["words"], model["modifiers"], model["emoticons"]
    found: list[list] = []  # [polarity, subjectivity, intensity, negated]
    m: str | None = None  # the preceding known word, when it is a modifier
    n = False  # a negation is pending
    for w in tokens:
        entry = words.get(w)
        if entry is not None:
            p, s, i = entry
            if m is None:
                found.append([p, s, i, False])
            else:
                last = found[-1]
                last[0] = max(-1.0, min(p * last[2], 1.0))
                last[1] = max(-1.0, min(s * last[2], 1.0))
                last[2] = i
            if n:
                found[-1][2] = 1.0 / found[-1][2]
                found[-1][3] = True
            m = w if w in modifiers else None
            n = w in _NEGATIONS
        else:
            if w in _NEGATIONS:
                n = True
            elif n and len(w.strip("'")) > 1:
                n = False
            if n and m is not None and m.endswith("ly"):
                found[-1][3] = True
                n = False
            elif m is not None and len(w) > 2:
                m = None
            if len(w) <= 5 and w not in _PUNCT_SET and not w.isalpha():
                face = emoticons.get(w)
                if face is not None:
                    found.append([face, 1.0, 1.0, False])
    if not found:
        return 0.0, 0.0
    k = float(len(found))
    pol = sum(p * _NEGATED_POLARITY if neg else p for p, _, _, neg in found) / k
    sub = sum(f[1] for f in found) / k
    return pol, sub


@functools.lru_cache(maxsize=CACHE_SIZE)
def _score(text: str) -> tuple[float, float]:
    model = _model()
    tokens = _tokens(text, model)
    if tokens is not None:
        try:
            return _assess(tokens, model)
        except ZeroDivisionError:  # a zero intensity after a negation: let Pattern decide
            pass
    try:
        p, s = model["exact"](text)
    except Exception:  # noqa: BLE001 - the coder never fails on a sentence
        return math.nan, math.nan
    return float(p), float(s)


def sentiment_scores(text: str) -> tuple[float, float]:
    """Polarity and subjectivity of one text, as ``TextBlob(text).sentiment``.

    Parameters
    ----------
    text : str
        Any string (non-strings are converted with ``str``).

    Returns
    -------
    tuple of float
        ``(polarity, subjectivity)``; polarity in [-1, 1], subjectivity in [0, 1].
        A text with no lexicon word scores ``(0.0, 0.0)``.

    Example
    -------
    >>> sentiment_scores("A good and thorough investigation.")
    (0.7, 0.6000000000000001)
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _score(text)


def add_sentiment(units: pd.DataFrame, *, enabled: bool = True) -> pd.DataFrame:
    """Add TextBlob ``polarity`` and ``subjectivity`` to a unit table.

    Parameters
    ----------
    units : pandas.DataFrame
        Needs a ``text`` column; a ``kind`` column marks boilerplate rows.
    enabled : bool
        False adds both columns filled with NaN (fast runs that skip sentiment).

    Returns
    -------
    pandas.DataFrame
        A new table with ``polarity`` and ``subjectivity`` (float). Boilerplate
        rows and missing texts get NaN.

    Example
    -------
    >>> import pandas as pd
    >>> add_sentiment(pd.DataFrame({"text": ["A good raid."], "kind": ["sentence"]}))["polarity"].tolist()
    [0.7]
    """
    if not isinstance(units, pd.DataFrame):
        raise InputError(f"expected a DataFrame of units, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError("the unit table has no 'text' column", field="text")
    out = units.copy()
    n = len(out)
    pol = np.full(n, np.nan)
    sub = np.full(n, np.nan)
    if enabled and n:
        texts = out["text"].tolist()
        kinds = out["kind"].tolist() if "kind" in out.columns else ["sentence"] * n
        for j, (text, kind) in enumerate(zip(texts, kinds)):
            if kind == "boilerplate" or not isinstance(text, str):
                continue
            pol[j], sub[j] = _score(text)
    out["polarity"] = pol
    out["subjectivity"] = sub
    return out
