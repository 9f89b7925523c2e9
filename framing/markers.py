"""Naming markers: how a unit names the group and the killing of its leader.

The codebook codes articles for word choice, "because word choice is framing"
("Language markers (article level)"):

* how it names the group: ``Daesh``, ``ISIS``, ``ISIL``, ``Islamic State``
  (and ``IS`` where an outlet uses that short name);
* the verbs it uses for the killing of the leader: ``kill``, ``assassinate``,
  ``eliminate``, ``take off the battlefield``, ...

The patterns and their canonical labels are data, in
``framing/data/markers.tsv`` (one row per pattern, with why it is there).
Distancing cues ("claim", "allege" as opposed to "say") belong to the
attribution coder (:mod:`framing.attribution`, column ``distancing``) and are
not repeated here.

Limits: a regular expression does not parse syntax, so a killing verb is
counted wherever it occurs ("killed 13 people" counts as ``kill`` as much as
"killed the leader"); compare outlets on rates, not on single counts.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ._pattern_text import group_end, top_level_split
from .errors import InputError
from .resources import read_table
from .sentences import _replace_chars

__all__ = ["add_markers", "article_markers", "marker_counts", "MARKER_TYPES", "MARKER_COLUMNS"]

#: The two kinds of marker, and the unit column each fills.
MARKER_TYPES = {"group_name": "group_names", "kill_verb": "kill_verbs"}
#: Columns :func:`add_markers` adds.
MARKER_COLUMNS = tuple(MARKER_TYPES.values())
#: Columns of :func:`article_markers`.
ARTICLE_MARKER_COLUMNS = ["article_id", "marker_type", "marker", "n"]
_CASES = ("insensitive", "sensitive")
#: Characters read as a straight apostrophe before matching ("Da’esh" = "Da'esh").
_APOSTROPHE_VARIANTS = "’‘`´"
_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHE_VARIANTS, "'"))
_APOSTROPHE_PAIRS = tuple((ch, "'") for ch in _APOSTROPHE_VARIANTS)
#: Relative frequency (%) of each letter in English text (Lewand 2000, *Cryptological Mathematics*, p. 36).
#: The prefilter anchors each gate word on a rare letter, so that its scan stops on few characters.
LETTER_FREQUENCY = {
    "e": 12.7, "t": 9.1, "a": 8.2, "o": 7.5, "i": 7.0, "n": 6.7, "s": 6.3, "h": 6.1, "r": 6.0, "d": 4.3,
    "l": 4.0, "c": 2.8, "u": 2.8, "m": 2.4, "w": 2.4, "f": 2.2, "g": 2.0, "y": 2.0, "p": 1.9, "b": 1.5,
    "v": 1.0, "k": 0.8, "j": 0.15, "x": 0.15, "q": 0.1, "z": 0.07,
}
#: Frequency given to a character that is not a letter (digits, apostrophes, other scripts).
OTHER_FREQUENCY = 0.5
#: A capital letter is about this many times rarer than its lower-case letter in news prose
#: (sentence starts and names), which matters for anchoring case-sensitive gates ("IS").
CAPITAL_RARITY = 10.0
#: Cost of one more anchor character, in the unit of LETTER_FREQUENCY: each anchor is one more pass over
#: the text (measured: a pass costs about as much as stopping on 3% of the characters), so a few anchors
#: that each cover many gate words beat one rare anchor per gate word.
SCAN_COST = 3.0


def _straighten(text: str) -> str:
    """``text.translate(_APOSTROPHES)``, without the slow per-character path for non-ASCII text."""
    if text.isascii():
        return text.translate(_APOSTROPHES) if "`" in text else text
    return _replace_chars(text, _APOSTROPHE_PAIRS)


def _variants(ch: str) -> str:
    """The characters of a unit that stand for gate character `ch` once apostrophes are straightened."""
    return "'" + _APOSTROPHE_VARIANTS if ch == "'" or ch in _APOSTROPHE_VARIANTS else ch


def _char_class(ch: str) -> str:
    chars = _variants(ch)
    return re.escape(chars) if len(chars) == 1 else "[" + "".join(re.escape(c) for c in chars) + "]"


def _cost(ch: str, cased: bool) -> float:
    """Expected cost of anchoring on `ch`: one pass per character standing for it, plus the share of
    text characters at which the scan stops."""
    low = ch.lower()
    freq = LETTER_FREQUENCY.get(low, OTHER_FREQUENCY)
    if cased and ch != low:
        freq /= CAPITAL_RARITY
    return len(_variants(ch)) * SCAN_COST + freq


def _anchors(gates: list[str], cased: bool) -> dict[str, int]:
    """Position of the anchor character of each gate (greedy weighted set cover: the character that
    covers most remaining gates per unit of cost, until every gate is covered)."""
    chosen: dict[str, int] = {}
    todo = [g for g in dict.fromkeys(gates) if g]
    while todo:
        ch = max(sorted({c for g in todo for c in g}), key=lambda c: sum(c in g for g in todo) / _cost(c, cased))
        for g in [g for g in todo if ch in g]:
            chosen[g] = g.index(ch)
            todo.remove(g)
    return chosen


def _scan_patterns(gates: list[str], cased: bool) -> list[re.Pattern]:
    """Regexes that together find every occurrence of the gate words, one regex per anchor character.

    Each regex begins with one literal character (the anchor), which Python's regex engine finds with a
    fast ``memchr``-like loop, trying the rest of the pattern only there: the rest of a gate after its
    anchor, and the whole gate checked by a look-behind. (A pattern that begins with any of several
    characters is scanned character by character, over ten times slower.)
    """
    bodies: dict[str, list[str]] = {}
    for gate, j in _anchors(gates, cased).items():
        rest = "".join(_char_class(c) for c in gate[j + 1 :])
        behind = f"(?<={''.join(_char_class(c) for c in gate)})" if j > 0 else ""
        for lit in _variants(gate[j]):
            bodies.setdefault(lit, []).append(rest + behind)
    return [re.compile(f"{re.escape(lit)}(?:{'|'.join(dict.fromkeys(alts))})") for lit, alts in sorted(bodies.items())]


_QUANTIFIERS = frozenset("*+?{")


def _lead_letter(pattern: str) -> tuple[str, str, bool] | None:
    """Split a pattern that must begin with one ASCII letter: ``(letter, rest, leading \\b)``.

    Recognises ``\\bkill...`` and ``\\b(?:take|took|...)...`` (every alternative of the first group
    beginning with the same letter, none of them quantified); None for any other pattern.
    """
    lead_b = pattern.startswith("\\b")
    body = pattern[2:] if lead_b else pattern
    if len(top_level_split(body)) > 1:
        return None
    if body[:1].isascii() and body[:1].isalpha() and body[1:2] not in _QUANTIFIERS:
        return body[0], body[1:], lead_b
    if body.startswith("(?:"):
        end = group_end(body, 0)
        if end is None or body[end + 1 : end + 2] in _QUANTIFIERS:
            return None
        alts = top_level_split(body[3:end])
        if len({a[:1] for a in alts}) == 1 and all(a[:1].isascii() and a[:1].isalpha() and a[1:2] not in _QUANTIFIERS for a in alts):
            return alts[0][0], "(?:" + "|".join(a[1:] for a in alts) + ")" + body[end + 1 :], lead_b
    return None


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def _row_regex(pattern: str, insensitive: bool) -> re.Pattern:
    """Compile a row's pattern; the same matches as ``re.compile(pattern, re.I if insensitive else 0)``.

    A pattern that opens on ``\\b`` and a letter is rewritten so that it begins with a character
    class (the letter in both cases and, for case-insensitive rows, every non-ASCII character,
    re-checked by a case-insensitive look-behind) followed by the ``\\b`` as a look-behind: Python's
    regex engine then only tries the pattern where such a character stands, instead of at every
    position (``\\b`` and case-insensitive letters defeat its prefix scan).
    """
    flags = re.IGNORECASE if insensitive else 0
    split = _lead_letter(pattern)
    if split is None:
        return re.compile(pattern, flags)
    letter, rest, lead_b = split
    boundary = "(?<!\\w.)" if lead_b else ""  # \b before a letter: the character before it is not a word character
    if not insensitive:
        return re.compile(re.escape(letter) + boundary + rest)
    first = f"[{re.escape(letter.lower())}{re.escape(letter.upper())}\\x80-\\U0010ffff]"
    return re.compile(f"{first}{boundary}(?i:(?<={re.escape(letter)}){rest})")


def _row_regex_lower(pattern: str, insensitive: bool) -> re.Pattern | None:
    """A regex with the same matches (spans) on the lower-cased form of an ASCII text as the row's
    pattern has on the text, or None.

    For a case-insensitive pattern without inline flags, on ASCII text: lower-casing keeps every
    position, and case-insensitive matching treats a letter and its lower case alike. The leading
    letter is then one lower-case literal, which the regex engine finds with a fast ``memchr`` loop
    (a class of two characters is scanned character by character, over ten times slower).
    """
    split = _lead_letter(pattern) if insensitive and not _INLINE_FLAGS.search(pattern) else None
    if split is None:
        return None
    letter, rest, lead_b = split
    boundary = "(?<!\\w.)" if lead_b else ""
    return re.compile(f"{re.escape(letter.lower())}{boundary}(?i:{rest})")


class _Markers:
    """Compiled marker table: one regex per row, tried only when its gate words occur."""

    def __init__(self, table: pd.DataFrame, source: str) -> None:
        self.order: dict[str, list[str]] = {t: [] for t in MARKER_TYPES}
        # rows: (marker_type, label, compiled regex, gate substrings, gate is case-sensitive)
        self.rows: list[tuple[str, str, re.Pattern, tuple[str, ...], bool]] = []
        self.lower_rx: list[re.Pattern | None] = []  # per row: the same matches on lower-cased ASCII text
        for n, row in enumerate(table.to_dict("records"), start=1):
            mtype, marker, pattern, case, gate = (
                str(row.get(c, "") or "").strip() for c in ("marker_type", "marker", "pattern", "case", "gate")
            )
            where = f"entry {n} ({marker!r})"
            if mtype not in MARKER_TYPES:
                raise InputError(f"{where}: marker_type must be one of {', '.join(MARKER_TYPES)}, not {mtype!r}", path=source, field="marker_type")
            if not marker or ";" in marker:
                raise InputError(f"{where}: a marker label must be non-empty and contain no ';'", path=source, field="marker")
            case = case or "insensitive"
            if case not in _CASES:
                raise InputError(f"{where}: case must be 'insensitive' or 'sensitive', not {case!r}", path=source, field="case")
            if not pattern:
                raise InputError(f"{where}: empty pattern", path=source, field="pattern")
            try:
                re.compile(pattern, re.IGNORECASE if case == "insensitive" else 0)
                rx = _row_regex(pattern, case == "insensitive")
                rx_lower = _row_regex_lower(pattern, case == "insensitive")
            except re.error as err:
                raise InputError(f"{where}: invalid regular expression ({err})", path=source, field="pattern") from None
            words = tuple(gate.split()) if case == "sensitive" else tuple(g.lower() for g in gate.split())
            self.rows.append((mtype, marker, rx, words, case == "sensitive"))
            self.lower_rx.append(rx_lower)
            if marker not in self.order[mtype]:
                self.order[mtype].append(marker)
        # One scan finds which gate words occur; only their rows (and ungated rows) are tried.
        self.by_gate: dict[str, list[int]] = {}
        self.cased_gates: list[tuple[int, tuple[str, ...]]] = []
        self.ungated: list[int] = []
        for k, (_, _, _, gate, cased) in enumerate(self.rows):
            if not gate:
                self.ungated.append(k)
            elif cased:
                self.cased_gates.append((k, gate))
            else:
                for g in gate:
                    self.by_gate.setdefault(g, []).append(k)
        self.gate_items = tuple(self.by_gate.items())
        # Prefilter of a whole column (None when some row has no gate: every unit must then be tried).
        # Case-insensitive gates are sought in the lower-cased texts, case-sensitive ones in the texts as written.
        self.scans: tuple[list[re.Pattern], list[re.Pattern]] | None = None
        if not self.ungated:
            self.scans = (_scan_patterns(list(self.by_gate), False), _scan_patterns([g for _, gate in self.cased_gates for g in gate], True))

    def candidates(self, texts: list) -> np.ndarray:
        """Positions of the texts in which some gate word occurs (and perhaps a few more), ascending.

        A necessary condition for :meth:`find` to return anything, since a row is tried only when one
        of its gate words occurs: case-insensitive gate words in the lower-cased text, case-sensitive
        ones in the text as written (apostrophes straightened in both, as :meth:`find` does). The texts
        are scanned as one string, separated by newlines, which no gate contains: a gate inside a text
        is always found, and a match across the separator can at worst add a text that :meth:`find`
        then rejects. Non-string and empty texts are never candidates.
        """
        strings = [t if isinstance(t, str) else "" for t in texts]
        if self.scans is None:
            return np.flatnonzero(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
        written = "\n".join(strings)
        found: list[np.ndarray] = []
        for lower, scans in ((True, self.scans[0]), (False, self.scans[1])):
            if not scans:
                continue
            pieces = strings
            if not lower:
                joined = written
            elif written.isascii():  # ASCII lower-casing keeps every length; one call is fastest
                joined = written.lower()
            else:  # lower() may change the length of non-ASCII text ("İ" -> "i̇"): offsets from the pieces
                pieces = [t.lower() for t in strings]
                joined = "\n".join(pieces)
            starts = [m.start() for rx in scans for m in rx.finditer(joined)]
            if starts:
                ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)) + 1)
                found.append(np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right"))
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def find(self, text: str) -> dict[str, list[str]]:
        """Canonical labels of every match, per marker type, in text order.

        Where matches of two rows overlap, the one that starts first wins,
        then the earlier row (spelled-out names are listed before acronyms).
        """
        text = _straighten(text)
        todo = set(self.ungated)
        low = text.lower()
        for g, rows in self.gate_items:
            if g in low:
                todo.update(rows)
        for k, gate in self.cased_gates:
            for g in gate:
                if g in text:
                    todo.add(k)
                    break
        if not todo:
            return {t: [] for t in MARKER_TYPES}
        spans: dict[str, list[tuple[int, int, int, str]]] = {t: [] for t in MARKER_TYPES}
        ascii_text = text.isascii()
        for k in sorted(todo):
            mtype, label, rx, _, _ = self.rows[k]
            lower_rx = self.lower_rx[k] if ascii_text else None
            for m in lower_rx.finditer(low) if lower_rx is not None else rx.finditer(text):
                spans[mtype].append((m.start(), k, m.end(), label))
        out: dict[str, list[str]] = {}
        for mtype, found in spans.items():
            found.sort()
            labels: list[str] = []
            end = -1
            for start, _, stop, label in found:
                if start >= end:
                    labels.append(label)
                    end = max(stop, start + 1)
            out[mtype] = labels
        return out


_COMPILED: dict[tuple, _Markers] = {}


def _compiled(markers: str | Path | pd.DataFrame) -> _Markers:
    if isinstance(markers, pd.DataFrame):
        digest = hashlib.sha1(pd.util.hash_pandas_object(markers.astype(str), index=False).values.tobytes()).hexdigest()
        key: tuple = ("frame", digest, tuple(markers.columns))
    else:
        path = Path(markers)
        key = ("path", str(path.resolve()), path.stat().st_mtime_ns) if path.exists() else ("name", str(markers))
    hit = _COMPILED.get(key)
    if hit is None:
        required = ("marker_type", "marker", "pattern")
        if isinstance(markers, pd.DataFrame):
            missing = [c for c in required if c not in markers.columns]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)}", path="markers table")
            hit = _Markers(markers.fillna("").astype(str), "markers table")
        else:
            hit = _Markers(read_table(markers, required=required), str(markers))
        _COMPILED[key] = hit
    return hit


@functools.lru_cache(maxsize=1)
def _default() -> _Markers:
    return _compiled("markers.tsv")


#: Distinct unit texts whose markers are remembered (bounded so memory stays flat at scale).
CACHE_SIZE = 8_192


@functools.lru_cache(maxsize=CACHE_SIZE)
def _find_default(text: str) -> dict:
    return _default().find(text)


def _check(units, who: str) -> None:
    if not isinstance(units, pd.DataFrame):
        raise InputError(f"{who}: expected a DataFrame of units, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError(f"{who}: the unit table has no 'text' column", field="text")


def _found(units: pd.DataFrame, markers) -> dict[int, dict[str, list[str]]]:
    """Row position -> labels found (per marker type), for the rows where some marker may occur.

    Rows left out (boilerplate, missing or empty text, no gate word) have no marker.
    """
    default = isinstance(markers, str) and markers == "markers.tsv"
    compiled = _default() if default else _compiled(markers)
    finder = _find_default if default else compiled.find
    texts = units["text"].tolist()
    if "kind" in units.columns:
        texts = [None if kind == "boilerplate" else text for text, kind in zip(texts, units["kind"].tolist())]
    return {i: finder(texts[i]) for i in compiled.candidates(texts).tolist()}


def _iter_found(units: pd.DataFrame, markers):
    found = _found(units, markers)
    for i in range(len(units)):
        yield found.get(i)


def add_markers(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Add the naming markers present in each headline and sentence.

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table; needs ``text``; boilerplate rows (``kind``) get "".
    markers : str, Path or DataFrame
        The marker table (default: packaged ``markers.tsv``; columns
        ``marker_type, marker, pattern`` and optional ``case``).

    Returns
    -------
    pandas.DataFrame
        A new table with ``group_names`` and ``kill_verbs``: the canonical
        labels present in the unit, each once, sorted, ";"-joined ("" for none).

    Example
    -------
    >>> import pandas as pd
    >>> add_markers(pd.DataFrame({"text": ["US forces eliminated the Daesh (ISIS) leader."]}))[["group_names", "kill_verbs"]].iloc[0].tolist()
    ['Daesh;ISIS', 'eliminate']
    """
    _check(units, "add_markers")
    out = units.copy()
    n = len(out)
    cols: dict[str, list[str]] = {c: [""] * n for c in MARKER_COLUMNS}
    for i, found in _found(out, markers).items():
        for mtype, col in MARKER_TYPES.items():
            if found[mtype]:
                cols[col][i] = ";".join(sorted(set(found[mtype])))
    for col, values in cols.items():
        out[col] = values
    return out


def marker_counts(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Occurrences of each marker in each unit (tidy long form, only markers that occur).

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (position in `units`), ``marker_type``, ``marker``, ``n``.
    """
    _check(units, "marker_counts")
    rows = []
    for i, found in enumerate(_iter_found(units, markers)):
        if not found:
            continue
        for mtype, labels in found.items():
            for label in dict.fromkeys(labels):
                rows.append({"row": i, "marker_type": mtype, "marker": label, "n": labels.count(label)})
    return pd.DataFrame(rows, columns=["row", "marker_type", "marker", "n"])


def article_markers(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Count each naming marker per article (the codebook's article-level markers).

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table with ``article_id`` and ``text`` (boilerplate rows are
        skipped: a "* A terrorist group outlawed in Russia" footnote is not the
        outlet's prose).
    markers : str, Path or DataFrame
        As for :func:`add_markers`.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``article_id, marker_type, marker, n`` with one row for every
        article and every marker of the table (``n`` = 0 when absent, so
        shares can be computed), articles in order of first appearance,
        markers in table order.

    Example
    -------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"article_id": ["a", "a"], "text": ["ISIS leader killed", "Biden: ISIS chief killed"]})
    >>> t = article_markers(u)
    >>> t[(t.marker == "ISIS") | (t.marker == "kill")]["n"].tolist()
    [2, 2]
    """
    _check(units, "article_markers")
    if "article_id" not in units.columns:
        raise InputError("article_markers: the unit table has no 'article_id' column", field="article_id")
    compiled = _compiled(markers)
    articles = list(dict.fromkeys(units["article_id"].tolist()))
    counts: dict[tuple, int] = {}
    for art, found in zip(units["article_id"].tolist(), _iter_found(units, markers)):
        if not found:
            continue
        for mtype, labels in found.items():
            for label in labels:
                counts[(art, mtype, label)] = counts.get((art, mtype, label), 0) + 1
    rows = [
        (art, mtype, marker, counts.get((art, mtype, marker), 0))
        for art in articles
        for mtype in MARKER_TYPES
        for marker in compiled.order[mtype]
    ]
    return pd.DataFrame(rows, columns=ARTICLE_MARKER_COLUMNS)
