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
from typing import NamedTuple

from ._pattern_text import class_end, group_end, top_level_split
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


#: Most literal alternatives a pattern's prefilter may hold (beyond it, no prefilter).
MAX_PREFILTER_LITERALS = 64

def _sequence_items(pattern: str) -> list[tuple[str, str, str]]:
    """The items of a regex sequence read from its text: ``(kind, text, quantifier)``.

    `kind` is ``"literal"`` (one character, escaped or not; `text` is the character),
    ``"char"`` (one character out of a set: a class ``[...]``, ``.`` or an escape such as ``\\s``;
    `text` is its source), ``"group"`` (`text` is the body of a ``(...)`` or ``(?:...)`` group),
    ``"anchor"`` (``^``, ``$``, ``\\b``, ``\\B``, ``\\A``, ``\\Z``) or ``"other"`` (a back
    reference, a lookaround or flagged group, a stray syntax character: not read further).
    `quantifier` is the first character of the quantifier that follows (``*``, ``+``, ``?``, ``{``:
    the item may be absent or repeated), or "".
    """
    items = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            e = pattern[i + 1 : i + 2]
            if not e or e.isdigit():
                kind = "other"  # a trailing backslash, a back reference
            elif e in ("b", "B", "A", "Z"):
                kind = "anchor"
            else:
                kind = "char" if e.isalnum() else "literal"
            text, i = (e if kind == "literal" else pattern[i : i + 2]), i + 2
        elif c == "[":
            end = class_end(pattern, i)
            kind, text, i = "char", pattern[i:end], end
        elif c == "(":
            end = group_end(pattern, i)
            if end is None:
                return items + [("other", "", "")]
            if pattern.startswith("(?:", i):
                kind, text = "group", pattern[i + 3 : end]
            elif pattern.startswith("(?", i):
                kind, text = "other", ""  # lookaround, flags, named group: not read
            else:
                kind, text = "group", pattern[i + 1 : end]
            i = end + 1
        elif c in "^$":
            kind, text, i = "anchor", c, i + 1
        elif c == ".":
            kind, text, i = "char", c, i + 1
        elif c in _SPECIAL:
            kind, text, i = "other", "", i + 1
        else:
            kind, text, i = "literal", c, i + 1
        quantifier = pattern[i : i + 1] if pattern[i : i + 1] in ("*", "+", "?", "{") else ""
        if quantifier:
            i = pattern.index("}", i) + 1 if quantifier == "{" and "}" in pattern[i:] else i + 1
            if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive
                i += 1
        items.append((kind, text, quantifier))
    return items


def _prefixes(items: list[tuple[str, str, str]]) -> list[str] | None:
    """Literal strings one of which a regex sequence must start with, or None when unknown."""
    out = [""]
    for kind, text, quantifier in items:
        if quantifier:
            break
        if kind == "literal":
            out = [p + text for p in out]
            continue
        if kind != "group":
            break
        subs = []
        for alternative in top_level_split(text):
            r = _prefixes(_sequence_items(alternative))
            if not r or "" in r:
                return None if out == [""] else out
            subs.extend(r)
        out = [p + q for p in out for q in subs]
        if len(out) > MAX_PREFILTER_LITERALS:
            return None
        break  # a group may end with a repeat: do not extend past it
    return None if "" in out else out


def _required_literals(rx: re.Pattern) -> tuple[str, ...] | None:
    """Literals one of which must occur in any text `rx` matches (a necessary condition), or None.

    Only for patterns that begin with a repeat (``.*...``, ``^[^.]*...``), which the engine must retry at
    every position; a pattern anchored at its first character fails fast on its own. Read from the
    pattern's text (:func:`_sequence_items`): every item of the top-level sequence must match, so a
    run of literals there (or a group of alternatives that each begin with literals) must occur.
    The longest such set is kept. Used only to skip patterns that cannot match (speed); the pattern
    still decides.
    """
    if len(top_level_split(rx.pattern)) > 1:
        return None
    items = _sequence_items(rx.pattern)
    lead = next((item for item in items if item[0] != "anchor"), None)
    if lead is None or not lead[2]:
        return None  # fullmatch anchors it at the first character: it fails fast without help
    best = None
    for i in range(len(items)):
        lits = _prefixes(items[i:])
        if lits and (best is None or min(map(len, lits)) > min(map(len, best))):
            best = lits
    if best is None:
        return None
    if rx.flags & re.IGNORECASE:
        if not all(x.isascii() for x in best):
            return None
        best = [x.lower() for x in best]
    return tuple(dict.fromkeys(best))


class _Plan(NamedTuple):
    """How :func:`_first_category` tries the patterns of one scope (built once, by :func:`_plan`)."""

    #: One alternation ``(?P<b0>...)|...`` of the patterns without required literals (mostly
    #: anchored at the first character: each fails fast, and one C call replaces one per pattern).
    anchored: re.Pattern | None
    #: Group number of each alternative in `anchored` -> index of its pattern in the table.
    index_of_group: dict[int, int]
    #: ``(index, regex, literals, ignores case)`` of the patterns with required literals; for a
    #: case-insensitive pattern, a bytes regex finding any of them, lower-cased, in the output of
    #: :func:`_lowered_for_literals` (one C call instead of a loop over the literals).
    scanning: tuple[tuple[int, re.Pattern, tuple[str, ...] | re.Pattern | None, bool], ...]
    #: Category of each pattern, in table order.
    categories: tuple[str, ...]
    #: Every required literal of the scanning patterns, lower-cased ASCII bytes (case-insensitive
    #: patterns) or as written (case-sensitive ones); `unfiltered` when some scanning pattern has none.
    nocase_literals: tuple[bytes, ...]
    case_literals: tuple[str, ...]
    unfiltered: bool
    #: The first characters a text must begin with for `anchored` to fullmatch it, when that text
    #: begins with ASCII (:func:`_lead_strings`): the sets of such strings of 1, 2 and 3 characters;
    #: None when some pattern may begin with anything, or when the check would let most prose
    #: through (:data:`LEAD_FILTER_MAX_PASS`), where it would cost more than it saves.
    lead: tuple[frozenset[str], frozenset[str], frozenset[str]] | None
    #: `nocase_literals` grouped under a shared part (:func:`_guards`): ``(guard, members)``.
    nocase_groups: tuple[tuple[bytes, tuple[bytes, ...]], ...]


@functools.lru_cache(maxsize=None)
def _plan(scope: str) -> _Plan:
    """The :class:`_Plan` of `scope`."""
    table = boilerplate_patterns(scope)
    parts, scanning, nocase = [], [], []
    for k, (rx, _) in enumerate(table):
        literals = _required_literals(rx)
        if literals is None:
            flag = "i" if rx.flags & re.IGNORECASE else "-i"
            parts.append(f"(?P<b{k}>(?{flag}:{rx.pattern}))")
        elif rx.flags & re.IGNORECASE:  # the literals are lower-case ASCII (_required_literals)
            encoded = [x.encode("ascii") for x in literals]
            nocase.extend(encoded)
            scanning.append((k, rx, re.compile(b"|".join(map(re.escape, encoded))), True))
        else:
            scanning.append((k, rx, literals, False))
    anchored, index_of_group = None, {}
    if parts:
        try:
            anchored = re.compile("|".join(parts))
            index_of_group = {number: int(name[1:]) for name, number in anchored.groupindex.items() if name[0] == "b"}
        except re.error:  # pragma: no cover - e.g. a pattern with global inline flags: try them one by one
            anchored, scanning = None, [(k, rx, None, False) for k, (rx, _) in enumerate(table)]
    case = [x for _, _, lits, nc in scanning if not nc and lits for x in lits]
    unfiltered = any(lits is None for _, _, lits, _ in scanning)
    lead = None
    if anchored is not None:
        by_length: list[set[str]] = [set() for _ in range(LEAD_CHARS + 1)]
        for k, (rx, _) in enumerate(table):
            if k in index_of_group.values():
                for prefix in _lead_strings(rx.pattern, rx.flags):
                    by_length[len(prefix)].add(prefix)
        if not by_length[0] and _prose_pass_share(by_length) <= LEAD_FILTER_MAX_PASS:  # "" = may begin with anything
            lead = (frozenset(by_length[1]), frozenset(by_length[2]), frozenset(by_length[3]))
    nocase_literals = _shortest(nocase)
    return _Plan(
        anchored, index_of_group, tuple(scanning), tuple(c for _, c in table), nocase_literals, _shortest(case), unfiltered, lead,
        _guards(nocase_literals),
    )


#: Shortest shared part worth a search of its own (:func:`_guards`): shorter ones occur in most articles.
MIN_GUARD = 5


def _guards(literals: tuple[bytes, ...]) -> tuple[tuple[bytes, tuple[bytes, ...]], ...]:
    """`literals` grouped under shared parts: ``((guard, members), ...)``, every literal in one group.

    Each member contains its guard, so where the guard does not occur none of its members does:
    one search of the article instead of one per member ("ting by" for "reporting by", "writing
    by", "editing by"). Guards are the longest common substrings (at least :data:`MIN_GUARD`
    bytes) of two literals, the one shared by most literals first; a literal sharing none is
    its own guard. Single-byte literals come first (a ``memchr`` each, and often present).
    """
    rest = sorted(literals, key=len)
    groups: list[tuple[bytes, tuple[bytes, ...]]] = []
    while rest:
        best: tuple[int, int, bytes] | None = None
        for i, a in enumerate(rest):
            for b in rest[i + 1 :]:
                common = _longest_common(a, b)
                if len(common) >= MIN_GUARD:
                    key = (sum(common in x for x in rest), len(common), common)
                    if best is None or key[:2] > best[:2]:
                        best = key
        if best is None:
            groups.extend((x, (x,)) for x in rest)
            break
        guard = best[2]
        groups.append((guard, tuple(x for x in rest if guard in x)))
        rest = [x for x in rest if guard not in x]
    return tuple(sorted(groups, key=lambda g: len(g[0]) > 1))


def _longest_common(a: bytes, b: bytes) -> bytes:
    """The longest common substring of `a` and `b` (the first found of that length)."""
    best = b""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


#: How many leading characters the prefilter of the anchored patterns looks at. Three tell most prose
#: from the patterns ("The" from "this story", "In" from the capitals of a dateline). The check in
#: :func:`_first_category` is written for three.
LEAD_CHARS = 3
#: Largest share of prose openings (a capital then a small letter, "Th", "In") that the lead strings
#: may let through for the prefilter to be used. The check costs about half a fullmatch of the
#: sentence patterns; a scope with a pattern such as ``^[A-Z][\\w'-]+ ... reported from`` passes every
#: capitalised text, so there the check would only add its cost (measured: it kept 88% of sentences).
LEAD_FILTER_MAX_PASS = 0.5
#: Most prefix strings one pattern may contribute (a character class in every position makes
#: many); beyond it, the pattern's prefixes are cut one character shorter.
MAX_LEAD_STRINGS = 20_000
_ASCII = [chr(c) for c in range(128)]
#: Regex syntax characters: a pattern character outside them is a literal.
_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def _lead_strings(pattern: str, flags: int) -> set[str]:
    """Every ASCII string of :data:`LEAD_CHARS` characters or fewer that a text ``fullmatch``-ed by
    the pattern could begin with, when the text begins with ASCII; cut where the pattern is not
    plain: the strings are prefixes of the texts' own prefixes, a necessary condition.

    Read from the pattern's text, without the regular expression parser's internals: the pattern
    (or each alternative of a leading ``(?:...|...)`` group or a top-level ``|``) is read as a sequence
    of one-character items (a literal, an escape such as ``\\*`` or ``\\w``, a class ``[...]``, ``.``)
    up to the first item it cannot read or that a quantifier may drop (``?``, ``*``, ``{``) or repeat
    (``+``: the item is kept once, then the prefix ends). The ASCII characters each item matches are
    found by asking the regex engine itself (``re.fullmatch`` of the item, with the pattern's flags,
    on each ASCII character), so case folding is the engine's own. A leading ``^`` is skipped
    (``fullmatch`` anchors the start anyway); any other zero-width item ends the prefix.
    """
    out: set[str] = set()
    for alternative in _alternatives(pattern[1:] if pattern.startswith("^") else pattern):
        items = _leading_items(alternative, flags)
        prefixes = [""]
        for chars in items:
            grown = [p + c for p in prefixes for c in chars]
            if len(grown) > MAX_LEAD_STRINGS:
                break
            prefixes = grown
        out.update(prefixes)
    return out


def _prose_pass_share(by_length: list[set[str]]) -> float:
    """Share of the openings capital + small letter ("Th") that some lead string allows."""
    longer = {x[:2] for x in by_length[3]}
    pairs = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "abcdefghijklmnopqrstuvwxyz"]
    passing = sum(p[:1] in by_length[1] or p in by_length[2] or p in longer for p in pairs)
    return passing / len(pairs)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern`; a pattern that is one ``(?:a|b)`` group followed by
    more is read as ``a...`` and ``b...`` only up to the group's end (what follows is not read)."""
    parts = top_level_split(pattern)
    if len(parts) > 1:
        return [q for p in parts for q in _alternatives(p)]
    if pattern.startswith("(?:"):
        end = group_end(pattern, 0)
        if end is not None and pattern[end + 1 : end + 2] not in ("?", "*", "{"):
            inner = _alternatives(pattern[3:end])
            # the group's text is read alone: append a marker that ends every alternative's prefix
            return [q + "(?=)" for q in inner]
    return [pattern]


def _leading_items(alternative: str, flags: int) -> list[str]:
    """ASCII characters matched by each leading one-character item of `alternative` (see :func:`_lead_strings`)."""
    items: list[str] = []
    for kind, text, quantifier in _sequence_items(alternative):
        if len(items) == LEAD_CHARS or kind not in ("literal", "char") or quantifier in ("?", "*", "{"):
            break  # enough; a group, an anchor or a back reference is not read; the item may be absent
        try:
            compiled = re.compile(re.escape(text) if kind == "literal" else text, flags)
        except re.error:
            break
        items.append("".join(ch for ch in _ASCII if compiled.fullmatch(ch)))
        if quantifier == "+":
            break  # repeated: the next character may be this item or the next one
    return items


def _shortest(literals: list) -> tuple:
    """The literals that contain no other one: "any of them occurs" is then the same test, with
    fewer searches ("getty images" occurs only where "image" does)."""
    unique = list(dict.fromkeys(literals))
    return tuple(x for x in unique if not any(y != x and y in x for y in unique))


#: The only non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter (the ``re``
#: documentation; tests/test_boilerplate.py checks every character).
IGNORECASE_ASCII_KIN = "\u0130\u0131\u017f\u212a"


def _lowered_for_literals(text: str) -> bytes | None:
    """`text` as UTF-8 bytes with ASCII letters lower-cased: a lower-case ASCII literal occurs in
    them exactly where ``re.IGNORECASE`` finds it in `text`; None for text with one of the
    :data:`IGNORECASE_ASCII_KIN` characters, where that is not so.

    Every other non-ASCII character is encoded as bytes of 0x80 and above, which no ASCII
    literal contains, and IGNORECASE matches it to no ASCII character. Encoding and lower-casing
    bytes are plain C loops (``str.lower`` of non-ASCII text is several times slower).
    """
    if text.isascii():
        return text.encode("ascii").lower()
    for c in IGNORECASE_ASCII_KIN:
        if c in text:
            return None
    return text.encode("utf-8").lower()


def _article_scans(text: str) -> tuple[bool, bool]:
    """Whether any ``line`` and any ``sentence`` pattern with required literals can match a part of `text`.

    A necessary condition, checked once per article: a pattern fullmatches a line or sentence
    only when one of its literals occurs in it, hence in the article. Where this says False,
    :func:`_first_category` is given ``scan=False`` for every line or sentence of `text`.
    """
    lowered = _lowered_for_literals(text)
    return _may_scan(text, lowered, _plan("line")), _may_scan(text, lowered, _plan("sentence"))


def _may_scan(text: str, lowered: bytes | None, plan: _Plan) -> bool:
    if plan.unfiltered or any(x in text for x in plan.case_literals):
        return True
    if not plan.nocase_literals:
        return False
    if lowered is None:
        return True
    for guard, members in plan.nocase_groups:  # (_guards)
        if guard in lowered and (len(members) == 1 or any(x in lowered for x in members)):
            return True
    return False


def _first_category(text: str, scope: str, scan: bool = True) -> str | None:
    """Category of the first pattern of `scope` (in table order) that fullmatches `text`.

    The same answer as a loop over :func:`boilerplate_patterns`, faster. ``fullmatch`` of the
    alternation succeeds exactly when one of its patterns fullmatches, and the engine tries
    alternatives in order, so the group that matched is the first of them that matches (the
    last group closed, as each alternative is wrapped whole in its group). A pattern with
    required literals, none of which occurs (:func:`_lowered_for_literals` for the
    case-insensitive ones), cannot match and is not run; ``scan=False`` (from
    :func:`_may_scan`) says that none of them occurs.
    """
    plan = _plan(scope)
    categories = plan.categories
    first = len(categories)
    skip = False
    if plan.lead is not None:
        # exact prefilter: a text beginning with ASCII that begins with none of the anchored
        # patterns' lead strings is fullmatched by none of them (_lead_strings)
        one, two, three = plan.lead
        head = text[:3]
        skip = head.isascii() and not (head in three or head[:2] in two or head[:1] in one)
    if plan.anchored is not None and not skip:
        m = plan.anchored.fullmatch(text)
        if m is not None:
            k = plan.index_of_group.get(m.lastindex)
            if k is None:  # pragma: no cover - a pattern's own groups: read the alternatives
                k = next(int(name[1:]) for name, value in m.groupdict().items() if name[0] == "b" and value is not None)
            first = k
    if scan and plan.scanning and plan.scanning[0][0] < first:
        low: bytes | None = None
        lowered = False
        for k, rx, literals, nocase in plan.scanning:
            if k >= first:
                break
            if literals is not None:
                if not nocase:
                    if not any(x in text for x in literals):
                        continue
                else:
                    if not lowered:
                        low, lowered = _lowered_for_literals(text), True
                    if low is not None and literals.search(low) is None:  # type: ignore[union-attr]
                        continue
            if rx.fullmatch(text):
                return categories[k]
    return categories[first] if first < len(categories) else None


def sentence_boilerplate_reason(sentence: str) -> str | None:
    """Why one sentence of a prose line is boilerplate (a dateline, a credit), or ``None``.

    Example
    -------
    >>> sentence_boilerplate_reason("/TASS/.")
    'dateline'
    >>> sentence_boilerplate_reason("Jane Roe contributed to this report.")
    'credit'
    """
    return _first_category(sentence.strip(), "sentence")


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
    key = None if headline is None else _headline_key(headline)
    return _line_reason(text, key, n_sentences, True)


def _line_reason(text: str, headline: tuple[str, str] | None, n_sentences: int, scan: bool) -> str | None:
    """:func:`boilerplate_reason` of a stripped, non-empty line.

    `headline` is the article's :func:`_headline_key`; `scan` as for :func:`_first_category`.
    """
    if headline is not None and _is_copy(text, headline):
        return "headline_copy"
    category = _first_category(text, "line", scan)
    if category is not None:
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


#: ASCII characters that \W matches, mapped to a space (the fast path of :func:`_norm`).
_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})


def _norm(text: str) -> str:
    if text.isascii():  # same as the regex: runs of non-word characters become one space
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    return _WS.sub(" ", text.lower()).strip()


@functools.lru_cache(maxsize=256)  # the headline is compared with every line of its article
def _headline_key(headline: str) -> tuple[str, str]:
    """``(_norm(headline), its first character)``: what :func:`_is_copy` compares a line with."""
    norm = _norm(headline)
    return norm, norm[:1]


def _is_copy(text: str, headline: tuple[str, str]) -> bool:
    """``_norm(text) == _norm(headline)``, most lines rejected by their first character.

    ``_norm(text)`` begins with the lower case of the first character of `text` when that is a
    word character (lower-casing keeps a word character a word character, and "İ" becomes
    "i" plus a dot: tests/test_boilerplate.py checks every character), so that must be the
    first character of the normalised headline.
    """
    norm, first = headline
    c = text[0]
    if (c.isalnum() or c == "_") and c.lower()[:1] != first:
        return False
    return _norm(text) == norm
