"""Frame coding: which of the codebook's frames each headline and sentence carries.

Two coders share one output format (a ``frames`` column, ";"-joined and
sorted, "" for none):

* :func:`code_frames`, a transparent **lexicon coder**. Each frame has weighted
  patterns in ``framing/data/frame_lexicon.tsv`` (words, phrases, regular
  expressions, each with the codebook question it answers). A unit gets a frame
  when the summed weight of the distinct patterns that fire reaches
  :data:`FRAME_THRESHOLD`; ``frame_evidence`` lists them, so every coded unit
  explains itself. The method is the dictionary approach of content analysis
  (Krippendorff 2018, ch. 9; Grimmer, Roberts & Stewart 2022, ch. 16) with the
  weighting and negation handling of VADER (Hutto & Gilbert 2014).
* :class:`framing.classifier.FrameClassifier`, a **supervised** coder (TF-IDF
  and one-vs-rest logistic regression) for a study that has its own hand
  coding, with :func:`framing.classifier.cross_validate_frames` to estimate its
  per-frame precision and recall. It lives in its own module so that the
  lexicon coder, which ``framing code`` runs, does not import scikit-learn
  (about 0.9 s at every start of a process).

The lexicon coder's rules
-------------------------
For a unit with text *t* and a frame *f*:

    score(f, t) = sum of weight(p) over distinct labels p of f that fire in t
    f is coded  <=>  score(f, t) >= threshold

* Text is normalised (lower case, curly quotes straightened, hyphens between
  letters read as spaces, "n't" read as " not") and split into word and
  punctuation tokens. Word and phrase patterns match whole tokens; at any
  place the longest pattern of a frame wins, so "counter terrorism" is one
  cue, not two, and weight-0 stop phrases ("White House") shadow a shorter cue.
* Negation: patterns marked ``drop`` (the operation *presented as*
  counter-terrorism) do not count when a negator ("not", "no", "never",
  "without", ...) precedes them within :data:`NEGATION_WINDOW` tokens of the
  same clause, when a distancing word precedes them ("so-called", "alleged",
  "pretext of") or when they stand in scare quotes. Every other cue counts
  even when negated, because the codebook's questions ask what a unit speaks
  of: "no civilians were harmed" gives a casualty count and is
  ``civilian_harm``; "there is no safe haven for ISIS" is ``counter_terror``.
* Anaphora: rows of frame ``inherit`` ("the allegations", "do the same",
  "such attacks", "This confirms ...") make a unit take, in addition, the
  frames of the previous unit of the same paragraph (codebook: "reading it with
  the anaphora of its own paragraph resolved").
* Pronouns: rows of ``resolve`` ("they", "them", "their") make a frame for
  which the unit has a half cue below the threshold ("they were not supposed
  to die") coded when the previous unit of the paragraph has it: the pronoun
  supplies the victim or the actor the unit lacks, and counts as a half cue
  (:data:`PRONOUN_WEIGHT`), so a weaker cue (a home, 0.4) is not enough.
* "The group": rows of ``group`` count as the group's name (counter_terror)
  once an earlier unit of the same article was counter_terror ("The group has
  exploited the war to regroup").
* Whose sovereignty: the codebook's frame is Syria's sovereignty. Rows of
  ``place_syria`` and ``place_elsewhere`` name places; ``sovereignty`` is not
  coded in a unit that names another state (Iraq, Yemen, Somalia, ...) and not
  Syria, nor in any unit without Syria of an article whose first named place is
  another state. Stop phrases shadow "Iraq's sovereignty" and the like.

Limits: a lexicon does not read syntax, so it cannot tell who was killed in
"the raid killed the leader and others"; weights are set from the codebook,
not estimated. Unit-level agreement with hand coding is reported by
:mod:`framing.evaluate`.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._pattern_text import group_end, top_level_split
from .codebook import FRAMES
from .errors import InputError
from .resources import read_table
from .sentences import _replace_chars

__all__ = [
    "FRAMES",
    "FRAME_THRESHOLD",
    "code_frames",
    "explain_frames",
    "compile_lexicon",
    "CompiledLexicon",
    "frames_to_matrix",
    "matrix_to_frames",
]

#: Pseudo-frame of the lexicon rows that mark anaphora.
INHERIT = "inherit"
#: Pseudo-frame of plural pronouns ("they", "them"): a frame with a half cue in the unit that the
#: previous unit of the paragraph has is coded (the pronoun supplies the missing victim or actor).
RESOLVE = "resolve"
#: Pseudo-frame of "the group": the group's name (counter_terror) once the article has been counter_terror.
GROUP = "group"
#: Pseudo-frames of places: Syria, and other states where strikes happen (sovereignty scope).
PLACE_SYRIA = "place_syria"
PLACE_ELSEWHERE = "place_elsewhere"
#: Every pseudo-frame a lexicon row may have besides the frames.
PSEUDO_FRAMES: tuple[str, ...] = (INHERIT, RESOLVE, GROUP, PLACE_SYRIA, PLACE_ELSEWHERE)
#: Weight a plural pronoun stands for when it resolves (``resolve`` rows): the victim or actor word the
#: unit lacks, a half cue like "people". A frame is coded through the pronoun only when its own score
#: plus this reaches the threshold, so "they" with a home alone (0.4: "They all came home safe") is not
#: harm, as "a man" with a home is not.
PRONOUN_WEIGHT = 0.5
#: Summed weight a frame needs. 1.0 = one unambiguous cue, or two half-weight cues
#: (the lexicon's weights are on this scale: 1 = "a yes to a codebook question").
FRAME_THRESHOLD = 1.0
#: Tokens looked back from a ``drop`` cue for a negator: "is not a counter-terrorism"
#: (1 token) to "was not in any sense a counter-terrorism" (4); further is another clause.
NEGATION_WINDOW = 4
#: Words that negate a following cue (after "n't" has been read as "not").
NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "none", "nothing", "hardly", "instead", "rather"})
#: Words that distance the writer from a following cue ("so-called counter-terrorism"; "called" only after "so",
#: so that "Biden called it a counterterrorism success" is not distanced).
DISTANCERS = frozenset({"called", "alleged", "allegedly", "purported", "purportedly", "supposed", "supposedly", "ostensible", "ostensibly", "pretext", "guise"})
#: Tokens that end a clause for the negation look-back.
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", '"', "(", ")", "[", "]", "—", "–", "but", "while", "whereas", "although"})
#: Quote tokens that mark a scare-quoted cue.
QUOTE_TOKENS = frozenset({'"', "'"})
#: Number words that the pattern token ``<num>`` matches, besides digits.
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty hundred hundreds thousand thousands dozen dozens "
    "several many scores numerous multiple".split()
)
#: Most alternatives one word or phrase pattern may expand to (guards against typos like nested groups).
MAX_EXPANSIONS = 4096
#: Distinct unit texts whose matches are remembered per lexicon (wire copy repeats verbatim).
#: Kept small so that memory stays flat at scale, in every worker process: 8,192 texts cover the
#: republications of a wire story within a chunk, and a larger cache bought no measurable speed.
CACHE_SIZE = 8_192
#: Pattern kinds a lexicon row may have.
KINDS = ("word", "phrase", "regex", "cased")
#: Lexicon columns that must be present.
LEXICON_COLUMNS = ("frame", "kind", "pattern", "weight", "why")

#: (character, replacement) pairs the lexicon reads text with: curly quotes and primes straightened,
#: hyphens read as spaces, soft hyphens dropped (no replacement contains a mapped character).
_MAPPED = (
    ("’", "'"), ("‘", "'"), ("‚", "'"), ("‛", "'"), ("′", "'"), ("`", "'"), ("´", "'"),
    ("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'), ("″", '"'), ("«", '"'), ("»", '"'),
    ("-", " "), ("\u2010", " "), ("\u2011", " "), ("\u00ad", ""),
)
# Same, but keeping hyphens: for case-sensitive patterns on the original text ("IS-linked").
_MAPPED_CASED = tuple((ch, to) for ch, to in _MAPPED if ch not in "-\u2010\u2011")
# The ASCII pairs of each: the only ones that can occur in ASCII text.
_MAPPED_ASCII = tuple((ch, to) for ch, to in _MAPPED if ch.isascii())
_MAPPED_CASED_ASCII = tuple((ch, to) for ch, to in _MAPPED_CASED if ch.isascii())
# The same mappings as translation tables (their plain definition, for the tests): replacing the
# pairs (only the ASCII ones in ASCII text) with framing.sentences._replace_chars gives the same text.
_TRANSLATE = str.maketrans(dict(_MAPPED))
_TRANSLATE_CASED = str.maketrans(dict(_MAPPED_CASED))


_NT = re.compile(r"n't\b")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_PATTERN_TOKEN = re.compile(r"<num>|\w+|[^\w\s]")
#: Punctuation that :func:`_tokenize` pads with spaces, most frequent first: the marks in at least 1% of
#: news sentences (measured on PolNeAR and the synthetic corpus); a text with any other mark is
#: tokenised by the regex.
_PADDED = (".", ",", "'", '"', ":", ")", "(", "?", "$", ";")
# Each mark with its padded form, built once.
_PADDED_PAIRS = tuple((ch, f" {ch} ") for ch in _PADDED)
# ASCII characters that are neither a word character nor whitespace for the regex engine, minus _PADDED.
_OTHER_MARKS = bytes(
    c for c in range(128) if not re.fullmatch(r"[\w\s]", chr(c)) and chr(c) not in _PADDED
)
_KEEP_ALL = bytes(range(128)).translate(None, _OTHER_MARKS)  # bytes.translate deletes these, leaving marks


def _tokenize(norm: str) -> list[str]:
    """``_TOKEN.findall(norm)`` (words and single punctuation marks), about twice as fast.

    An ASCII text whose marks are all in :data:`_PADDED` is tokenised by padding each mark with
    spaces and splitting on whitespace: a mark is always a token of its own, and what remains
    between whitespace is a run of word characters, one token (``str.split`` and the regex ``\\s``
    agree on whitespace, and for ASCII ``\\w`` is ``[A-Za-z0-9_]``). Other text uses the regex.
    """
    if not norm.isascii() or norm.encode().translate(None, _KEEP_ALL):
        return _TOKEN.findall(norm)
    for ch, padded in _PADDED_PAIRS:
        if ch in norm:
            norm = norm.replace(ch, padded)
    return norm.split()
_GROUP = re.compile(r"\(([^()]*)\)")


def normalize(text: str) -> str:
    """Normalise text as the lexicon sees it.

    Lower case; curly quotes and primes straightened; "U.S.", "U.N.", "U.K."
    read as "us", "un", "uk"; "n't" read as " not"; hyphens read as spaces
    ("rebel-held" = "rebel held").

    Example
    -------
    >>> normalize("Rebel-held Idlib isn’t “safe”")
    'rebel held idlib is not "safe"'
    """
    text = text.lower()
    text = _replace_chars(text, _MAPPED_ASCII if text.isascii() else _MAPPED)
    if "." in text and ("u.s." in text or "u.n." in text or "u.k." in text):
        text = text.replace("u.s.", "us").replace("u.n.", "un").replace("u.k.", "uk")
    if "n't" in text:
        text = _NT.sub(" not", text)
    return text


def _expand(pattern: str) -> list[str]:
    """Expand ``(a|b)`` groups: ``child(|ren)`` -> ``child``, ``children``."""
    out = [pattern]
    done: list[str] = []
    while out:
        p = out.pop()
        m = _GROUP.search(p)
        if m is None:
            done.append(p)
            continue
        for alt in m.group(1).split("|"):
            out.append(p[: m.start()] + alt + p[m.end() :])
        if len(out) + len(done) > MAX_EXPANSIONS:
            raise ValueError(f"expands to more than {MAX_EXPANSIONS} alternatives")
    return sorted(set(done))


def _first_alternative(pattern: str) -> str:
    """A readable default label: each ``(a|b)`` group replaced by its first non-empty alternative."""
    def first(m: re.Match) -> str:
        alts = [a for a in m.group(1).split("|") if a]
        return alts[0] if alts else ""

    while _GROUP.search(pattern):
        pattern = _GROUP.sub(first, pattern)
    return " ".join(pattern.split())


@dataclass(frozen=True)
class _Entry:
    frame: str
    weight: float
    drop: bool
    label: str
    explicit: bool  # the row names its label (rows sharing it count once); else the matched words are shown


@dataclass
class CompiledLexicon:
    """A lexicon ready for matching (build with :func:`compile_lexicon`).

    Attributes
    ----------
    entries : list
        One per lexicon row: frame, weight, negation rule, label.
    index : dict
        First token -> list of (token tuple, entry ids), longest first.
    regexes : list
        (compiled regex, gate words, entry id, cased, how to search, first tokens) for regex/cased
        rows; first tokens: None, or the words a match can begin with and whether it can begin with
        digits (:func:`_first_tokens`).
    source : str
        Where the lexicon came from (for messages).
    """

    entries: list
    index: dict
    regexes: list
    source: str

    def __post_init__(self) -> None:
        self._cache: dict[str, tuple] = {}
        self.keys = frozenset(k for k in self.index if k != "<num>")
        self.has_num = any("<num>" in seq for cands in self.index.values() for seq, _ in cands)
        self.fast = [(x.frame, x.weight, x.drop) for x in self.entries]
        # single[token] -> entry ids; multi2[first][second] -> [(tokens, joined, entry ids)], longest first
        self.single: dict[str, list[int]] = {}
        self.multi2: dict[str, dict[str, list]] = {}
        for first, cands in self.index.items():
            for seq, ids in cands:
                if len(seq) == 1:
                    self.single[first] = ids
                else:
                    self.multi2.setdefault(first, {}).setdefault(seq[1], []).append((seq, " ".join(seq), ids))
        for by_second in self.multi2.values():
            for cands in by_second.values():
                cands.sort(key=lambda c: -len(c[0]))
        # plans[first token] = (phrases by second token or None, the word's hits when nothing blocks it
        # and none of its rows is negatable (else None), the word's rows that can fire or None).
        # A word (one token) never blocks a later position (its frame is free again at the next token);
        # at its own position only the first row of each frame can fire, unless a phrase of that frame
        # covers the position.
        self.plans: dict[str, tuple] = {}
        for first in self.index:
            firsts, frames_seen = [], set()
            for e in self.single.get(first, ()):
                frame, weight, drop = self.fast[e]
                if frame not in frames_seen:
                    frames_seen.add(frame)
                    firsts.append((e, frame, weight, drop))
            quick = None
            if not any(drop for _, _, _, drop in firsts):
                quick = tuple((e, True, first) for e, _, weight, _ in firsts if weight)
            self.plans[first] = (self.multi2.get(first), quick, firsts or None)
        # Regex prefilter: a regex is tried only when a word of its first gate group is a token.
        self.gate_index: dict[str, list[int]] = {}
        self.ungated: list[int] = []
        for k, (_, gate, _, cased, _, _) in enumerate(self.regexes):
            if cased or not gate or "<num>" in gate[0]:
                self.ungated.append(k)
            else:
                for w in gate[0]:
                    self.gate_index.setdefault(w, []).append(k)
        self.gate_words = frozenset(self.gate_index)
        # Each regex row's gate groups after the first (None for none), checked against the unit's tokens.
        self._later: list[tuple[frozenset, ...] | None] = [gate[1:] or None for _, gate, _, _, _, _ in self.regexes]
        # When every ungated row is a case-sensitive row with a gate (the lexicon's 'IS' row), a unit
        # with no gate word can fire one only if a word of one of their first gate groups occurs in
        # its text: these words, or None (no such shortcut).
        self.ungated_first: tuple[str, ...] | None = None
        if self.ungated and all(self.regexes[k][3] and self.regexes[k][1] for k in self.ungated):
            self.ungated_first = tuple(sorted({w for k in self.ungated for w in self.regexes[k][1][0]}))
        self.all_gate_words = frozenset(
            w for _, gate, _, cased, _, _ in self.regexes if not cased for group in gate for w in group if w != "<num>"
        )
        # Every token the matcher looks up (one set intersection per unit finds them all).
        self.lookup = self.keys | self.all_gate_words
        # Regex rows to try, by the set of first-group gate words a unit has (units share few distinct
        # sets): with the ungated rows, and without them (for a unit where none of them can fire).
        self._todo: dict[frozenset, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def matches(self, text: str) -> tuple[tuple[int, bool, str], ...]:
        """Entries that fire in `text`: ``(entry id, counts, matched words)``.

        ``counts`` is False for a ``drop`` cue that is negated or distanced;
        the matched words are "" for regex patterns. Token patterns come
        first, in text order, then regex patterns.
        """
        hit = self._cache.get(text)
        if hit is None:
            hit = self._match(text)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = hit
        return hit

    def _match(self, text: str) -> tuple[tuple[int, bool, str], ...]:
        norm = normalize(text)
        tokens = _tokenize(norm)
        out: list[tuple[int, bool, str]] = []
        found = self.lookup.intersection(tokens)  # one pass: lexicon first tokens and regex gate words
        if self.has_num:
            self._match_tokens_num(tokens, set(tokens), out)
        elif found:
            present = found & self.keys
            if present:
                self._match_tokens(tokens, present, out)
        gated = found & self.gate_words
        # can an ungated row fire? Not when the shortcut words of __post_init__ are all absent
        first_words = self.ungated_first
        ungated_can_fire = bool(self.ungated) and (
            first_words is None
            or (first_words[0] in text if len(first_words) == 1 else any(w in text for w in first_words))
        )
        if gated:
            todos = self._todo.get(gated)
            if todos is None:
                rows = {k for w in gated for k in self.gate_index[w]}
                # (rows to try with the ungated rows, rows to try without them)
                todos = (tuple(sorted(rows.union(self.ungated))), tuple(sorted(rows)))
                if len(self._todo) >= CACHE_SIZE:
                    self._todo.clear()
                self._todo[gated] = todos
            todo = todos[0] if ungated_can_fire else todos[1]
        elif ungated_can_fire:
            todo = self.ungated  # ascending already
        else:
            return tuple(out)  # no row can fire (a necessary condition, see __post_init__)
        # (a gate group's words are lookup words, so `found` has the unit's tokens that are in any group)
        numeric = None
        cased_subject = None
        tset = None  # the unit's distinct tokens (for rows searched from their first tokens)
        decimals = None  # the unit's tokens that are digit runs
        lead = None  # the unit's first word (for anchored rows)
        regexes = self.regexes
        laters = self._later
        for k in todo:
            rx, gate, e, cased, how, first = regexes[k]
            later = laters[k]
            if cased:
                if gate and not _all_groups_in(gate, text):
                    continue
                if cased_subject is None:
                    cased_subject = _replace_chars(text, _MAPPED_CASED_ASCII if text.isascii() else _MAPPED_CASED)
                subject = cased_subject
            else:
                if later is not None:
                    ok = True
                    for group in later:  # the first group was checked by the prefilter
                        if found.isdisjoint(group):
                            if "<num>" in group:
                                if numeric is None:
                                    numeric = not NUMBER_WORDS.isdisjoint(tokens) or any(map(str.isdigit, tokens))
                                if numeric:
                                    continue
                            ok = False
                            break
                    if not ok:
                        continue
                subject = norm
            if how == "^":  # a pattern anchored by ^ can only match at the start: match is search there
                if first is not None:  # and only when the text's first word is one it can begin with
                    if lead is None:  # the first token, unless it is a mark (then the first word after)
                        lead = tokens[0] if tokens and _is_word_char(tokens[0][0]) else _lead_word(tokens)
                    if lead not in first[0] and not (first[1] and lead.isdecimal()):
                        continue
                m = rx.match(subject)
            elif first is not None:  # tried only where one of its first tokens occurs (see _first_tokens)
                if tset is None:
                    tset = set(tokens)
                words, digits = first
                starts = tset.intersection(words)
                if digits:
                    if decimals is None:
                        decimals = list(filter(str.isdecimal, tset))
                    starts.update(decimals)
                m = _match_from(rx, subject, starts)
            elif not how:
                m = rx.search(subject)
            else:  # "b"
                m = _search(rx, subject, True)
            if m is None:
                continue
            counts = True
            if self.entries[e].drop:
                before = _TOKEN.findall(normalize(subject[: m.start()])[-200:])
                counts = not _negated(before + ["x"], len(before), len(before) + 1)
            out.append((e, counts, ""))
        return tuple(out)

    def _fire(self, ids, tokens, i, k, words, free, out) -> None:
        for e in ids:
            frame, weight, drop = self.fast[e]
            if free.get(frame, 0) > i:
                continue
            free[frame] = i + k
            if weight:
                out.append((e, not (drop and _negated(tokens, i, i + k)), words))

    def _match_tokens(self, tokens: list[str], present: set, out: list) -> None:
        """Longest-match-first token patterns, for lexicons without ``<num>``.

        Only the positions of the lexicon's first tokens are visited, in text order; at each, the
        phrases starting there (longest first), then the word.
        """
        fast = self.fast
        n = len(tokens)
        plans = self.plans
        free: dict[str, int] = {}  # frame -> first position a phrase of that frame no longer covers
        covered = 0  # max(free.values()): before it, some frame may be blocked
        for i, tok in enumerate(tokens):  # (one loop: faster than listing the positions first)
            if tok not in present:
                continue
            m2, quick, firsts = plans[tok]
            multi_fired = False
            if m2 is not None and i + 1 < n:
                cands = m2.get(tokens[i + 1])
                if cands:
                    for seq, joined, ids in cands:  # longest first
                        k = len(seq)
                        if k > 2 and tuple(tokens[i : i + k]) != seq:
                            continue
                        for e in ids:
                            frame, weight, drop = fast[e]
                            if free.get(frame, 0) > i:
                                continue
                            free[frame] = i + k
                            multi_fired = True
                            if i + k > covered:
                                covered = i + k
                            if weight:
                                out.append((e, not (drop and _negated(tokens, i, i + k)), joined))
            if firsts is None:
                continue
            if quick is not None and not multi_fired and i >= covered:
                out.extend(quick)  # nothing blocks the word here and none of its rows is negatable
                continue
            for e, frame, weight, drop in firsts:
                if free.get(frame, 0) > i:
                    continue
                if weight:
                    out.append((e, not (drop and _negated(tokens, i, i + 1)), tok))

    def _match_tokens_num(self, tokens: list[str], tset: set, out: list) -> None:
        """The general matcher: also tries ``<num>`` against number tokens (slower)."""
        index = self.index
        free: dict[str, int] = {}
        n = len(tokens)

        def is_num(t: str) -> bool:
            return t.isdigit() or t in NUMBER_WORDS

        for i, tok in enumerate(tokens):
            cands = list(index.get(tok, ()))
            if is_num(tok):
                cands.extend(index.get("<num>", ()))
            if not cands:
                continue
            cands.sort(key=lambda c: -len(c[0]))
            for seq, ids in cands:
                k = len(seq)
                if i + k > n:
                    continue
                if all(w == t or (w == "<num>" and is_num(t)) for w, t in zip(seq, tokens[i : i + k])):
                    self._fire(ids, tokens, i, k, " ".join(tokens[i : i + k]), free, out)


def _all_groups_in(gate: tuple, text: str) -> bool:
    """Does every gate group have one of its substrings in `text` (case-sensitive rows)?"""
    for group in gate:
        for g in group:
            if g in text:
                break
        else:
            return False
    return True


def _top_level_alternation(pattern: str) -> bool:
    """Does `pattern` have a ``|`` outside any group (so a stripped ``\\b`` would bind only its first branch)?"""
    return len(top_level_split(pattern)) > 1


#: A leading ``\\b(?:...)`` group's alternative whose first token can be read off: a literal word,
#: optionally with one optional letter or letter class at its end (``rebels?``, ``escape[sd]?``), then
#: the end of the alternative or a token-ending ``\\s``, ``\\.`` or space (``out\\s+of``, ``u\\.s\\.``).
_FIRST_WORD = re.compile(r"([a-z0-9]+?)(?:([a-z]|\[[a-z]+\])\?)?(?:(?:\\s|\\\.| )(?![*?{]).*)?", re.DOTALL)
#: Alternatives that match a run of decimal digits (``\\d{1,3}``: a count).
_DIGIT_ALTERNATIVES = frozenset({r"\d", r"\d+", r"\d{1,3}"})


def _first_tokens(pattern: str) -> tuple[frozenset[str], bool] | None:
    """The tokens a match of `pattern` can begin with, when the pattern makes that plain.

    For a pattern ``\\b(?:A1|A2|...)REST`` whose alternatives all begin with a literal word (see
    :data:`_FIRST_WORD`) or are a digit run (:data:`_DIGIT_ALTERNATIVES`), and whose ``REST`` begins
    with ``\\s``, a space or ``\\b`` (not made optional by a quantifier), returns the set of words a
    match's first token can be, and whether it can also be a run of digits; otherwise None.

    Why this is exact: a match starts at a ``\\b`` followed by a word character (every alternative
    begins with one), so at the start of a maximal run of word characters, that is, of a token of
    :func:`_tokenize`. The alternative's leading word (with or without its optional letter) is that
    whole run, since what follows it cannot be a word character (``\\s``, ``\\.``, a space, or the
    end of the group followed by ``\\s``, a space or ``\\b``); a digit run is followed by the same.
    So every match starts where one of these tokens occurs in the text: trying ``rx.match`` at each
    occurrence (found by substring search, a superset), in text order, finds the match
    ``rx.search`` finds, without the engine trying every position of the text.
    """
    if not pattern.startswith("\\b(?:"):
        return None
    end = group_end(pattern, 2)
    if end is None:
        return None
    body, rest = pattern[5:end], pattern[end + 1 :]
    if not (rest[:2] in ("\\s", "\\b") or rest[:1] == " ") or rest[2:3] in ("*", "?", "{") or (rest[:1] == " " and rest[1:2] in ("*", "?", "{")):
        return None
    if _top_level_alternation(rest) or "(" in body:
        return None
    words: set[str] = set()
    digits = False
    for alt in body.split("|"):
        if alt in _DIGIT_ALTERNATIVES:
            digits = True
            continue
        m = _FIRST_WORD.fullmatch(alt)
        if m is None:
            return None
        words.update(_word_forms(m))
    return frozenset(words), digits


def _word_forms(m: re.Match) -> list[str]:
    """The words a :data:`_FIRST_WORD` match stands for: the stem, and the stem with each optional letter."""
    stem, optional = m.group(1), m.group(2)
    return [stem] + [stem + ch for ch in optional.strip("[]")] if optional else [stem]


def _lead_tokens(pattern: str) -> tuple[frozenset[str], bool] | None:
    """The words the first word of a text can be for the anchored `pattern` to match it, when plain.

    For ``^\\W*(?:A1|A2|...)REST`` (as :func:`_first_tokens` reads ``\\b(?:A1|A2|...)REST``) or
    ``^\\W*WORD\\s...`` (one literal word, as read by :data:`_FIRST_WORD`), returns the words and
    whether a run of digits can stand there; otherwise None. The caller has checked that the
    pattern has no ``|`` outside a group.

    Why this is exact: every alternative begins with a word character, so ``\\W*`` must take every
    non-word character before the text's first word character, and the alternative's word is that
    whole word (what follows it is not a word character; see :func:`_first_tokens`). So a text is
    matched only when its first word token (the first token of :func:`_tokenize` that begins with a
    word character) is one of these words, or a digit run when the flag is set.
    """
    if not pattern.startswith("^\\W*"):
        return None
    rest = pattern[4:]
    if rest.startswith("(?:"):
        return _first_tokens("\\b" + rest)
    m = _FIRST_WORD.fullmatch(rest)
    if m is None or m.group(1) == rest or "|" in rest.split("(", 1)[0]:
        return None
    return frozenset(_word_forms(m)), False


def _lead_word(tokens: list[str]) -> str:
    """The first word token of `tokens` ("" when there is none)."""
    for tok in tokens:
        if _is_word_char(tok[0]):
            return tok
    return ""


def _has_prefix(pattern: str) -> bool:
    """Can the regex engine skip ahead to where `pattern` may match? Only then does stripping a leading
    ``\\b`` pay (:func:`_search`): when the rest begins with a letter or digit the engine jumps to that
    literal; otherwise it tries every position either way, and the ``\\b`` in the pattern rejects most
    of them faster. (A parse of the pattern would also find prefixes behind groups, but only through
    the ``re`` package's private parser; measured, it gained under 1% of the coder's time.)"""
    return pattern[:1].isalnum()


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _search(rx: re.Pattern, s: str, left_boundary: bool):
    """``rx.search(s)``; with `left_boundary`, as if the pattern began with ``\\b``.

    A leading ``\\b`` stops Python's regex engine from skipping ahead on the
    pattern's possible first characters, so it is stripped at compile time and
    checked here instead (about twice as fast).
    """
    if not left_boundary:
        return rx.search(s)
    pos = 0
    n = len(s)
    while True:
        m = rx.search(s, pos)
        if m is None:
            return None
        st = m.start()
        if (st > 0 and _is_word_char(s[st - 1])) != (st < n and _is_word_char(s[st])):
            return m
        pos = st + 1
        if pos > n:
            return None


def _match_from(rx: re.Pattern, s: str, starts) -> re.Match | None:
    """``rx.search(s)`` when every match of `rx` begins where one of the strings `starts` occurs in `s`.

    ``rx.match`` is tried at each occurrence, in text order; the first success is the leftmost
    match, the one ``rx.search`` returns (a search tries ``match`` at every position in turn, and
    ``\\b`` and look-behinds see the text before the position either way).
    """
    if not starts:
        return None
    find = s.find
    if len(starts) == 1:
        (w,) = starts
        at = find(w)
        while at >= 0:
            m = rx.match(s, at)
            if m is not None:
                return m
            at = find(w, at + 1)
        return None
    positions = []
    for w in starts:
        at = find(w)
        while at >= 0:
            positions.append(at)
            at = find(w, at + 1)
    positions.sort()
    for at in positions:
        m = rx.match(s, at)
        if m is not None:
            return m
    return None


def _negated(tokens: list[str], start: int, end: int) -> bool:
    """Is the cue ``tokens[start:end]`` negated, distanced or in scare quotes?"""
    if 0 < start and end < len(tokens) and tokens[start - 1] in QUOTE_TOKENS and tokens[end] in QUOTE_TOKENS:
        return True
    for j in range(start - 1, max(-1, start - 1 - NEGATION_WINDOW), -1):
        t = tokens[j]
        if t in CLAUSE_BREAKS:
            return False
        if t in NEGATORS or (t in DISTANCERS and (t != "called" or (j > 0 and tokens[j - 1] == "so"))):
            return True
    return False


def _source_key(lexicon) -> tuple:
    if isinstance(lexicon, pd.DataFrame):
        digest = hashlib.sha1(pd.util.hash_pandas_object(lexicon.astype(str), index=False).values.tobytes())
        digest.update("|".join(map(str, lexicon.columns)).encode())
        return ("frame", digest.hexdigest())
    path = Path(lexicon)
    if path.exists():
        st = path.stat()
        return ("path", str(path.resolve()), st.st_mtime_ns, st.st_size)
    return ("name", str(lexicon))


_COMPILED: dict[tuple, CompiledLexicon] = {}


def compile_lexicon(lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv") -> CompiledLexicon:
    """Read, check and compile a frame lexicon (cached per lexicon).

    Parameters
    ----------
    lexicon : str, Path or DataFrame
        A packaged resource name, the path of an edited copy, or a table with
        the columns ``frame, kind, pattern, weight, why`` (optional
        ``negation``, ``gate``, ``label``); see the header of
        ``framing/data/frame_lexicon.tsv``.

    Returns
    -------
    CompiledLexicon

    Raises
    ------
    InputError
        Unknown frame or kind, a weight that is not a finite number, a regex
        that does not compile, a ``word`` that is several tokens.

    Example
    -------
    >>> len(compile_lexicon().entries) > 100
    True
    """
    key = _source_key(lexicon)
    hit = _COMPILED.get(key)
    if hit is not None:
        return hit
    if isinstance(lexicon, pd.DataFrame):
        table, source = lexicon.copy(), "lexicon table"
        missing = [c for c in LEXICON_COLUMNS if c not in table.columns]
        if missing:
            raise InputError(f"missing column(s) {', '.join(missing)}", path=source)
        table = table.fillna("").astype(str)
    else:
        table = read_table(lexicon, required=LEXICON_COLUMNS)
        source = str(lexicon)
    compiled = _compile(table, source)
    _COMPILED[key] = compiled
    return compiled


def _compile(table: pd.DataFrame, source: str) -> CompiledLexicon:
    entries: list[_Entry] = []
    index: dict[str, dict[tuple, list[int]]] = {}
    regexes: list = []
    get = lambda row, col: str(row.get(col, "") or "").strip()  # noqa: E731
    for n, row in enumerate(table.to_dict("records"), start=1):
        where = f"entry {n} ({get(row, 'pattern')!r})"
        frame, kind, pattern = get(row, "frame"), get(row, "kind"), get(row, "pattern")
        if frame not in FRAMES and frame not in PSEUDO_FRAMES:
            raise InputError(f"{where}: unknown frame {frame!r} (expected one of {', '.join(FRAMES + PSEUDO_FRAMES)})", path=source, field="frame")
        if kind not in KINDS:
            raise InputError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})", path=source, field="kind")
        if not pattern:
            raise InputError(f"entry {n}: empty pattern", path=source, field="pattern")
        try:
            weight = float(get(row, "weight"))
        except ValueError:
            raise InputError(f"{where}: weight {get(row, 'weight')!r} is not a number", path=source, field="weight") from None
        if not math.isfinite(weight):
            raise InputError(f"{where}: weight must be finite", path=source, field="weight")
        negation = get(row, "negation") or "keep"
        if negation not in ("keep", "drop"):
            raise InputError(f"{where}: negation must be 'keep' or 'drop', not {negation!r}", path=source, field="negation")
        explicit = bool(get(row, "label"))
        label = get(row, "label") or (_first_alternative(pattern) if kind in ("word", "phrase") else pattern)
        if ";" in label:
            raise InputError(f"{where}: a label may not contain ';'", path=source, field="label")
        entry_id = len(entries)
        entries.append(_Entry(frame, weight, negation == "drop", label, explicit))
        if kind in ("regex", "cased"):
            left_b = pattern.startswith("\\b") and not _top_level_alternation(pattern[2:]) and _has_prefix(pattern[2:])
            try:
                re.compile(pattern)
                rx = re.compile(pattern[2:] if left_b else pattern)
            except re.error as err:
                raise InputError(f"{where}: invalid regular expression ({err})", path=source, field="pattern") from None
            gate = []
            for group in get(row, "gate").split("+"):
                if kind == "cased":  # case-sensitive substrings of the original text
                    words = frozenset(group.split())
                else:  # tokens of the normalised text; <num> = any number
                    words = frozenset(
                        w for g in group.split() for w in (["<num>"] if g == "<num>" else _TOKEN.findall(normalize(g)))
                    )
                if words:
                    gate.append(words)
            # how to search: "b" = the stripped leading \b checked by _search; "^" = anchored at the start
            # (no MULTILINE flag can be set in a lexicon pattern's body without (?m), which re.match honours too)
            how = "b" if left_b else ("^" if pattern.startswith("^") and not _top_level_alternation(pattern[1:]) else "")
            # first tokens: where a search for the row can start (unanchored), or the words the text's first
            # word must be for an anchored row to match (:func:`_lead_tokens`); regex rows only (cased rows
            # search the original text, whose tokens are not the normalised ones)
            first = None
            if kind == "regex":
                first = _first_tokens(pattern) if not how else _lead_tokens(pattern) if how == "^" else None
            regexes.append((rx, tuple(gate), entry_id, kind == "cased", how, first))
            continue
        try:
            variants = _expand(pattern)
        except ValueError as err:
            raise InputError(f"{where}: {err}", path=source, field="pattern") from None
        for variant in variants:
            seq = tuple(_PATTERN_TOKEN.findall(normalize(variant).replace("<num>", " <num> ")))
            if not seq:
                continue
            if kind == "word" and len(seq) != 1:
                raise InputError(f"{where}: a 'word' pattern must be one token; {variant!r} is {len(seq)} (use kind 'phrase')", path=source, field="pattern")
            index.setdefault(seq[0], {}).setdefault(seq, []).append(entry_id)
    flat = {
        first: sorted(((seq, ids) for seq, ids in seqs.items()), key=lambda c: -len(c[0]))
        for first, seqs in index.items()
    }
    return CompiledLexicon(entries=entries, index=flat, regexes=regexes, source=source)


def _decide(lex: CompiledLexicon, hits, threshold: float) -> tuple[set, dict, dict, frozenset]:
    """Frames reaching `threshold`, their evidence labels, the pseudo-frames that fired
    (pseudo-frame -> labels, in order) and the frames below the threshold that a resolved pronoun
    (:data:`PRONOUN_WEIGHT`) would bring to it."""
    seen: set = set()
    score: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    pseudo: dict[str, list[str]] = {}
    for e, counts, words in hits:
        entry = lex.entries[e]
        shown = entry.label if entry.explicit or not words else words
        if entry.frame in PSEUDO_FRAMES:
            labels = pseudo.setdefault(entry.frame, [])
            if shown not in labels:
                labels.append(shown)
            continue
        key = (entry.frame, entry.label) if entry.explicit else e
        if not counts or key in seen:
            continue
        seen.add(key)
        score[entry.frame] = score.get(entry.frame, 0.0) + entry.weight
        evidence.setdefault(entry.frame, []).append(shown)
    frames = {f for f, s in score.items() if s >= threshold - 1e-9}
    partial = frozenset(f for f, s in score.items() if threshold - PRONOUN_WEIGHT - 1e-9 <= s < threshold - 1e-9)
    return frames, evidence, pseudo, partial


def _text_list(units: pd.DataFrame) -> list[str]:
    texts = units["text"].tolist()
    if set(map(type, texts)) <= {str}:  # the usual column: every cell a plain str (one C-level pass)
        return texts
    return [t if isinstance(t, str) else ("" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t)) for t in texts]


def _check_units(units, who: str) -> None:
    if not isinstance(units, pd.DataFrame):
        raise InputError(f"{who}: expected a DataFrame of units, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError(f"{who}: the unit table has no 'text' column", field="text")


def code_frames(
    units: pd.DataFrame,
    *,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    threshold: float = FRAME_THRESHOLD,
) -> pd.DataFrame:
    """Code each headline and sentence for the codebook's frames with the lexicon.

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table (:func:`framing.make_units`). Needs ``text``; uses
        ``kind`` (boilerplate gets no frame), ``article_id`` and ``paragraph``
        (anaphora reach back only inside a paragraph) and ``unit`` when present.
    lexicon : str, Path or DataFrame
        The frame lexicon (default: the packaged ``frame_lexicon.tsv``).
    threshold : float
        Summed weight a frame needs (default :data:`FRAME_THRESHOLD`).

    Returns
    -------
    pandas.DataFrame
        A new table with ``frames`` (";"-joined, sorted, "" for none) and
        ``frame_evidence`` (``frame:label`` items, ";"-joined; an inherited
        frame shows as ``frame:<-label`` with the anaphor's label).

    Example
    -------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"text": ["13 people were killed in the raid on the ISIS leader."]})
    >>> code_frames(u)[["frames", "frame_evidence"]].iloc[0].tolist()
    ['civilian_harm;counter_terror', 'civilian_harm:people;civilian_harm:killed/injured;civilian_harm:<n> killed;counter_terror:isis;counter_terror:leader']
    """
    _check_units(units, "code_frames")
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not math.isfinite(threshold) or threshold <= 0:
        raise InputError(f"threshold must be a positive number, not {threshold!r}", field="threshold")
    lex = compile_lexicon(lexicon)
    out = units.copy()
    n = len(out)
    texts = _text_list(out)
    kinds = out["kind"].tolist() if "kind" in out.columns else ["sentence"] * n
    articles = out["article_id"].tolist() if "article_id" in out.columns else [None] * n
    paragraphs = out["paragraph"].tolist() if "paragraph" in out.columns else [None] * n
    numbers = out["unit"].tolist() if "unit" in out.columns else [None] * n
    frames_col: list[str] = []
    evidence_col: list[str] = []
    prev_key = None
    prev_frames: frozenset = frozenset()
    prev_unit = None
    article = object()  # sentinel: no article yet
    ct_seen = False  # an earlier unit of the article was counter_terror ("the group" resolves)
    location = None  # where the article is first set: PLACE_SYRIA, PLACE_ELSEWHERE or None (not yet)
    memo: dict = {}  # matches -> decision, for this threshold
    cache = lex._cache  # the lexicon's memo of matches by text (as lex.matches fills it, inlined here)
    cached = cache.get
    for text, kind, art, par, num in zip(texts, kinds, articles, paragraphs, numbers):
        if art != article:
            article, ct_seen, location = art, False, None
        if kind == "boilerplate":
            frames_col.append("")
            evidence_col.append("")
            prev_key = None
            continue
        hits = cached(text)
        if hits is None:  # lex.matches(text) without its second look-up
            hits = lex._match(text)
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[text] = hits
        coded = memo.get(hits)
        if coded is None:
            own, ev, pseudo, partial = _decide(lex, hits, threshold)
            coded = (
                frozenset(own),
                ";".join(sorted(own)),
                ";".join(f"{f}:{label}" for f in sorted(own) for label in ev[f]),
                ev,
                pseudo.get(INHERIT, (None,))[0],
                pseudo.get(RESOLVE, (None,))[0] if partial else None,
                pseudo.get(GROUP, (None,))[0],
                PLACE_SYRIA in pseudo,
                PLACE_ELSEWHERE in pseudo,
                partial,
                # context-free: no anaphor, pronoun, "the group" or place, and no sovereignty to scope,
                # so the unit's frames are its own whatever came before (the fast path below)
                not (INHERIT in pseudo or (RESOLVE in pseudo and partial) or GROUP in pseudo
                     or PLACE_SYRIA in pseudo or PLACE_ELSEWHERE in pseudo or "sovereignty" in own),
                "counter_terror" in own,
            )
            if len(memo) < CACHE_SIZE:
                memo[hits] = coded
        if coded[10]:  # context-free (see above): what the general path below would do, in short
            frames_col.append(coded[1])
            evidence_col.append(coded[2])
            if coded[11]:
                ct_seen = True
            prev_key, prev_frames, prev_unit = (art, par), coded[0], num
            continue
        own, own_str, own_ev, ev, anaphor, pronoun, group, in_syria, elsewhere, partial, _, _ = coded
        if location is None and (in_syria or elsewhere):
            location = PLACE_SYRIA if in_syria else PLACE_ELSEWHERE
        extra: dict[str, str] | None = None  # frame added by context -> the anaphor that brought it
        dropped = None
        if group is not None and ct_seen and "counter_terror" not in own:
            extra = {"counter_terror": group}
        if "sovereignty" in own and not in_syria and (elsewhere or location == PLACE_ELSEWHERE):
            dropped = "sovereignty"
        if (anaphor is not None or pronoun is not None) and par is not None and prev_key == (art, par):
            adjacent = True
            if num is not None and prev_unit is not None:
                try:
                    adjacent = int(num) == int(prev_unit) + 1
                except (TypeError, ValueError):
                    pass
            if adjacent:
                if extra is None:
                    extra = {}
                if anaphor is not None:
                    for f in prev_frames:
                        if f not in own and f not in extra:
                            extra[f] = anaphor
                if pronoun is not None:
                    for f in partial & prev_frames:
                        if f not in own and f not in extra:
                            extra[f] = pronoun
        if not extra and dropped is None:
            final = own
            frames_col.append(own_str)
            evidence_col.append(own_ev)
        else:
            extra = extra or {}
            final = (own | frozenset(extra)) - {dropped}
            items = []
            for f in sorted(final):
                if f in own:
                    items.extend(f"{f}:{label}" for label in ev[f])
                else:
                    items.append(f"{f}:<-{extra[f]}")
            frames_col.append(";".join(sorted(final)))
            evidence_col.append(";".join(items))
        if not ct_seen and "counter_terror" in final:
            ct_seen = True
        prev_key, prev_frames, prev_unit = (art, par), final, num
    out["frames"] = frames_col
    out["frame_evidence"] = evidence_col
    return out


def explain_frames(
    text: str,
    *,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
) -> pd.DataFrame:
    """List every lexicon pattern that fires in one text, with its weight.

    Parameters
    ----------
    text : str
        A headline or sentence.
    lexicon : str, Path or DataFrame
        As for :func:`code_frames`.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame, label, matched, weight, counts`` (``matched``: the
        normalised words, "" for regex rows; ``counts`` False when a ``drop``
        cue was negated or distanced), one row per firing. Summing ``weight``
        over the counted rows of a frame, once per lexicon row (once per label
        for rows that name a shared label), gives the score compared with the
        threshold.

    Example
    -------
    >>> explain_frames("It was not a counter-terrorism operation.")[["label", "counts"]].values.tolist()
    [['counter-terrorism', False]]
    """
    lex = compile_lexicon(lexicon)
    rows = []
    for e, c, words in lex.matches(text if isinstance(text, str) else str(text)):
        entry = lex.entries[e]
        rows.append({"frame": entry.frame, "label": entry.label, "matched": words, "weight": entry.weight, "counts": c})
    return pd.DataFrame(rows, columns=["frame", "label", "matched", "weight", "counts"])


# --------------------------------------------------------------------------- frame labels as a matrix


def frames_to_matrix(frames: Sequence[str], *, classes: Sequence[str] = FRAMES) -> np.ndarray:
    """Indicator matrix (n x len(classes)) from ";"-joined frame cells.

    Example
    -------
    >>> frames_to_matrix(["counter_terror", "", "civilian_harm;sovereignty"]).tolist()
    [[0, 1, 0], [0, 0, 0], [1, 0, 1]]
    """
    pos = {c: j for j, c in enumerate(classes)}
    y = np.zeros((len(frames), len(classes)), dtype=int)
    for i, cell in enumerate(frames):
        if not isinstance(cell, str):
            continue
        for f in cell.split(";"):
            f = f.strip()
            if f in pos:
                y[i, pos[f]] = 1
    return y


def matrix_to_frames(y: np.ndarray, *, classes: Sequence[str] = FRAMES) -> list[str]:
    """";"-joined, sorted frame cells from an indicator matrix (inverse of :func:`frames_to_matrix`)."""
    return [";".join(sorted(c for c, v in zip(classes, row) if v)) for row in np.asarray(y)]
