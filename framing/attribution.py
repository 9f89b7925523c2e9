"""Attribution: who is quoted or paraphrased in each unit, with which cue.

Implements the codebook's "Sources (attribution)" rules on a unit table
(:func:`framing.units.make_units`). For every headline and sentence it finds
the speech events (a source said, told, announced, claimed, confirmed ...)
and records, in order of appearance:

- ``speakers``: canonical names (gazetteer ``speakers.tsv``; a person's full
  name when the article gives one; unnamed sources by what the article calls
  them: "residents", "US officials");
- ``source_types``: the codebook's controlled value for each speaker;
- ``cues``: the lemma of the first attributing word for each speaker
  (``cues.tsv``), or ``according to``, ``headline``, ``transcript``;
- ``distancing``: whether any cue distances the outlet from the claim
  (claim, allege, insist ...);
- ``attribution_evidence``: which rule fired for each speaker.

Method
------
Rule-based, in the tradition of quotation attribution systems for news
(Pouliquen, Steinberger and Best 2007; Pareti 2016; O'Keefe et al. 2012,
whose "speaker of the nearest speech verb" and "carry the speaker over a
quotation" baselines this follows). Per article, units are read in order with
a small state: whether a quotation is open, who speaks it, the units waiting
for its speech tag, and a history of the persons and bodies mentioned (for
"she said", "the spokeswoman stressed", "the two countries").

1. Quotations are masked, so verbs inside a quote are not speech tags; a
   quotation left open at the end of a unit carries into the next one, and
   into the next paragraph when that paragraph opens with a quotation mark
   (the newspaper convention for a quote running over paragraphs).
2. For every cue verb outside quotations, the subject is the noun phrase
   between the last clause boundary and the verb (skipping auxiliaries and
   adverbs: "Damascus has demanded"), an appositive subject ("Kirby, the
   Pentagon spokesman, said"), or, after a quotation, an inverted subject
   (``"...," said Kirby``). A subject must resolve to a source (gazetteer
   entry, person name, pronoun or description with an antecedent, or a role
   word from ``source_titles.tsv``); otherwise the verb is not attribution
   ("Biden ordered the raid" has no cue; "the data indicate" has no source).
3. "according to X", "X quoted Y as saying", "citing X", headlines of the
   forms "X: ...", "... -X", "X says ...", and transcript turns ("KIRBY:",
   "STEVE INSKEEP, HOST:", "Q:") are separate rules.
4. A cue is not speech when negated ("has not commented"), asked about ("Was Turkey told?"), or a
   listener-taking verb has no listener ("kept the secretary informed"). Subjects reach through
   relative pronouns ("a family who say"), appositive chains ("Abu Khaled, 54, who owns a shop,
   said"), coordinated verbs ("summoned the envoy and said") and fronted adverbials. A document speaks
   for its author ("a statement from the group X"), members for their group ("rescuers with the White
   Helmets"), "the organisation"/"the group" for the latest body of a fitting type, an embedded
   tweet's paragraph for its signer. A government role with no state named takes the state of the
   unit ("Somali forces ..., officials said") or of the dateline's capital ("ANKARA – The Foreign
   Ministry said").

Limits
------
It reads surface patterns, not a parse: long subjects beyond
:data:`MAX_SUBJECT_TOKENS`, quotations with unbalanced marks in the source
text, speech reported without any cue verb ("For Ahmed, the night was
endless"), and speakers named only after a pronoun are missed or wrong.
Unknown single-word names at the start of a sentence are taken for persons.

Example
-------
>>> import pandas as pd
>>> from framing.units import make_units
>>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Moscow: Probe needed\\n\\nZakharova said so."]})
>>> attribute(make_units(arts))[["speakers", "cues"]].values.tolist()
[['Russian government', 'headline'], ['Maria Zakharova', 'say']]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import SOURCE_TYPES
from .errors import InputError
from .resources import read_table

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "Attribution",
    "attribute",
    "attribute_text",
    "explain",
    "source_types",
    "read_gazetteer",
    "read_cues",
]

#: Columns :func:`attribute` adds to a unit table.
ATTRIBUTION_COLUMNS = ["speakers", "source_types", "cues", "distancing", "attribution_evidence"]

#: Characters of left context searched for a verb's subject. Subjects in news
#: copy are short; a long title chain ("Russian Foreign Ministry Spokeswoman
#: Maria Zakharova", ~45 characters) plus an appositive fits well inside.
LEFT_WINDOW = 220
#: Characters searched to the right of a cue for an inverted subject or the
#: object of "according to" / "quoted".
RIGHT_WINDOW = 160
#: A subject longer than this many tokens is a clause, not a noun phrase.
MAX_SUBJECT_TOKENS = 12
#: An appositive ("Kirby, the Pentagon press secretary, said") longer than
#: this is a clause; stop looking.
MAX_APPOSITIVE_TOKENS = 20
#: Comma-separated segments walked back for an appositive subject ("Abu Khaled, 54, who owns a
#: shop, said" has three); more is a list, not a subject with appositives.
MAX_APPOSITIVE_SEGMENTS = 4
#: Cue matches examined per unit: a guard against pathological input (a 100 kB
#: "sentence" of repeated verbs); real sentences have one to three.
MAX_CUES_PER_UNIT = 40
#: Type given to a person named without any title, body or role anywhere in
#: the article. In the coverage reference such people are mostly residents
#: interviewed on the spot (officials and experts come with titles).
UNKNOWN_PERSON_TYPE = "local_witness"
#: Name given to the questioner in a transcript ("Q:"); typed ``media``.
TRANSCRIPT_QUESTIONER = "reporter"
#: Paragraphs back that a pronoun or description looks first (codebook: "the
#: same or the previous paragraph"); beyond it, the most recent compatible
#: antecedent anywhere earlier in the article is taken, marked "(distant)".
ANAPHORA_PARAGRAPHS = 1

_TITLES_FILE = "source_titles.tsv"

# ---------------------------------------------------------------- word lists
# Closed-class words of English grammar (not event-specific, so not data).
_DETERMINERS = frozenset(
    "a an the some several many other others both one two three four five six seven eight nine ten "
    "multiple numerous another his her its their our my various few dozens dozen most all any".split()
)
_AUX_ADVERBS = frozenset(
    "has have had long also further later again earlier previously then now once repeatedly separately quickly "
    "publicly privately reportedly apparently not did does do would could never first initially officially "
    "explicitly bluntly angrily only already recently subsequently himself herself themselves itself today "
    "yesterday tonight last late on monday tuesday wednesday thursday friday saturday sunday morning night "
    "afternoon evening just even still openly specifically directly personally formally flatly categorically "
    "immediately swiftly frequently often has't hasn't haven't didn't doesn't don't".split()
)
_BOUNDARY_WORDS = frozenset(
    "that which who whom whose while whereas but because as when after before since although though if where "
    "so until unless whether what how why whom nor or than once yet adding saying noting amid despite "
    "during".split()
)
_PREPOSITIONS = frozenset(
    "in at from near on with of for inside outside across among around about by within to into "
    "over under".split()
)
_PRONOUNS = {
    "he": ("m", False, True),
    "she": ("f", False, True),
    "they": ("", True, None),
    "it": ("", False, False),
}
_PASSIVE_AUX = frozenset("was were is are be been being 's".split())
#: A contracted "be" fused to its subject ("You're welcome"): the word after it is not a speech verb.
_BE_CONTRACTIONS = ("'re", "’re", "'m", "’m")
#: Negations among the skipped auxiliaries: "has not commented" reports no speech (the codebook counts
#: what a source said, not what it did not say).
_NEGATIONS = frozenset("not never n't hasn't haven't didn't doesn't don't has't".split())
#: Time adverbials skipped between an auxiliary and its verb ("has in the past said").
_TIME_PP_HEADS = frozenset({("in", "the"), ("in", "recent"), ("over", "the"), ("in", "previous"), ("at", "the")})
_TIME_PP_NOUNS = frozenset("past days weeks months years weekend time".split())
#: A sentence opening with one of these (capitalised) is a question: what it asks about is not reported speech.
_QUESTION_AUX = frozenset("Was Were Did Does Do Has Have Had Is Are Will Would Could Can Should".split())
#: Relative pronouns whose antecedent is the speaker ("a family who say", "the ministry, which said").
_RELATIVES = frozenset("who which that".split())
#: Cues that need a listener right after them ("told reporters", "briefed lawmakers"); without one
#: ("kept the secretary informed throughout the night") they are not speech.
_TRANSITIVE_CUES = frozenset("tell inform notify brief assure".split())
#: Singular determiners: "A UN report once described": a cue in its base form after them is a noun.
_SINGULAR_DETERMINERS = frozenset("a an one this that each every".split())
#: Generic nouns for a body that point back to the latest body of a compatible type ("the organisation",
#: "the group", "the ministry"); an empty tuple accepts any type.
_GOVERNMENT_TYPES = ("us_government", "russian_government", "syrian_government", "turkish_government", "other_government")
_BODY_ANAPHORS = {
    "organisation": ("un_or_ngo", "militant", "media", "expert"), "organization": ("un_or_ngo", "militant", "media", "expert"),
    "agency": (), "body": (), "charity": ("un_or_ngo",),
    "group": ("militant", "un_or_ngo"), "monitor": ("un_or_ngo",), "observatory": ("un_or_ngo",),
    "ministry": _GOVERNMENT_TYPES, "department": _GOVERNMENT_TYPES, "command": _GOVERNMENT_TYPES,
}
#: Title terms whose us_government type in source_titles.tsv is this event's default for an unqualified
#: role, not a fact about the word (unlike "senator" or "Democrats"): the unit or dateline may name the state.
_EVENT_DEFAULT_TERMS = frozenset(("official", "officials", "senior official"))
#: Titles held only while in office (a retired general keeps "General"; a former senator is not "Sen."):
#: before "a former Green Beret" they say the person speaks as a sitting official, not an expert.
_SITTING_TITLES = frozenset("rep. sen. senator representative congressman congresswoman lawmaker".split())
#: Head nouns of unnamed people: named as the article calls them, never given the state the unit implies
#: (codebook "Unnamed sources are named by what the article calls them"; a ministry keeps its state).
_UNNAMED_PERSON_HEADS = frozenset("official officials source sources spokesman spokeswoman spokesperson".split())
#: Nouns for a document that speaks for its author ("a statement from X", "X documentation").
_DOCUMENT_NOUNS = frozenset("statement documentation report communique communiqué announcement data figures tally".split())
#: Types of a body whose members speak for it ("rescuers with the White Helmets").
_MEMBER_TYPES = frozenset(("un_or_ngo", "militant", "media"))
#: Words after a nationality adjective that make it describe people, not the speaker's state
#: ("Syrian civilians were killed, officials said" is not about Syrian officials).
_PEOPLE_NOUNS = frozenset("civilians people children women men refugees residents families villagers citizens national nationals".split())
#: Words that open an interposed adverbial, not an appositive ("Al-Shabaab, through its radio, claimed"):
#: the prepositions and a few more.
_ADVERBIAL_STARTS = _PREPOSITIONS | frozenset(
    "through throughout during until via despite however meanwhile speaking writing".split()
)
#: Tokens that end a comma-separated segment when walking back through appositives.
_SEGMENT_STOPS = frozenset([",", ";", ":", "(", ")", '"', "“", "”", "\x01", "—", "–"])
#: Tokens that end a subject when walking back from its verb.
_SUBJECT_STOPS = frozenset([",", ";", ":", "(", ")", "[", "]", "—", "–", "\x01", '"', "“", "”", "!", "?", "|"])
#: Modal auxiliaries: "will say" announces speech that has not happened.
_MODALS = frozenset(("will", "shall", "may", "might", "must", "should"))
_PLURAL_HEADS = frozenset("countries governments nations sides states capitals allies".split())
#: Capitalised words that start sentences but are not names.
_NOT_NAMES = frozenset(
    "The A An This That These Those It He She They We I You There Here Everyone Nobody Others Many Some "
    "Most All Both Each Several Few Data Documents Footage Video Images Photos Records Statistics Figures "
    "Polls Surveys Officials Police Reports According In On At After Before When While But And Or So "
    "Meanwhile However Also Later Earlier Yet Still His Her Their Its Our My Your What Who Why How Such "
    "No None One Two Three Four Five Six Seven Eight Nine Ten".split()
)
#: Modifiers written in lower case when naming an unnamed source ("Senior Officials" in a headline).
_COMMON_MODIFIERS = frozenset(
    "senior local unnamed anonymous top other state military security defense defence foreign "
    "administration young old elderly several".split()
)
#: Honorifics dropped from a name (with the gender they give); "Sir"/"Dame" are British knighthoods, written
#: before the given name ("General Sir Nicholas Pembury" is Nicholas Pembury).
_HONORIFICS = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "dr": "", "dr.": "", "sir": "m", "dame": "f",
}
#: Object pronouns after "according to" ("according to her") and the subject pronoun they stand for.
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
#: Auxiliaries that open an inverted question after a wh-word ("what are people saying", "why do officials
#: say"): what the question asks about is not reported speech.
_QUESTION_INVERSION = frozenset("are is was were do does did".split())
#: Given names read before a surname when a headline's surname takes the full name a later unit gives
#: ("Saeed Khatibzadeh", "Mary Ellen Clark"); more words are a title or a phrase, not given names.
MAX_GIVEN_NAMES = 2
#: Inner marks of a given name ("Jean-Pierre", "D'Arcy"); each part between them is a capitalised word.
_GIVEN_NAME_MARKS = re.compile(r"[-'’]")
#: Capitalised words before a surname that are titles of address or office, not given names: those the
#: title table does not list because they do not type a source ("Chairman Trey Gowdy", "Director Comey");
#: the table's own words ("President", "Senator", "Mayor") are ruled out by the table.
_GIVEN_NAME_STOPS = frozenset("chairman chairwoman director gov judge justice".split())
#: Words that say what kind of body a named body is ("SANA news agency", "SOHR war monitor", "Al Mayadeen
#: TV"): around a gazetteer body they are a description of it, and the gazetteer's name is the speaker.
_BODY_KIND_WORDS = frozenset(
    "news agency wire service monitor monitoring war group rights organisation organization network channel "
    "tv television broadcaster newspaper daily outlet website station radio".split()
)
#: Qualifiers before a named body that describe its standing, not another speaker ("the official SANA").
_BODY_QUALIFIERS = frozenset(
    "official semi-official state state-run state-owned government-run pro-government independent "
    "opposition".split()
)
#: Endings of a possessive ("CNN's", "Fox News'"): a name never has one inside, so one before a name ends it.
_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")
#: Question words that open a topic phrase after a headline colon ("Syria: What we know about ...").
_WH_WORDS = frozenset("what how why who where when which".split())
#: Lower-case words ending in -ly that are nouns, not adverbs to skip between a subject and its verb.
_LY_NOUNS = frozenset("family ally assembly rally supply anomaly monopoly bully belly jelly".split())
#: Shortest -ly word skipped as an adverb between a subject and its verb: shorter ones are mostly
#: adjectives or nouns ("ally", "holy", "ugly"); "only" is listed in _AUX_ADVERBS.
_MIN_LY_ADVERB = 5
#: Shortest -ing word read as a fronted participle opening a comma segment ("Responding to the reports,"):
#: shorter ones are mostly nouns ("thing", "being", "king").
_MIN_PARTICIPLE = 6
#: Characters read after "Name, " for the description of a person introduced there ("Sami Darwish, a
#: Syrian journalist based in Gaziantep"): an article and a role of a few words fit.
_INTRODUCTION_WINDOW = 60

_QUOTE_CHARS = '"“”«»„'
_OPENERS = "“«„"
_CLOSERS = "”»"
_QMARK = "\x01"  # masked quotation content

_WORD = re.compile(r"[^\W\d_]+")
# Tokens: initialisms ("U.S."), abbreviated titles ("Sen."), words (with inner apostrophes, hyphens and
# dots: "al-Qurayshi", "Biden's", "whitehouse.gov"), single punctuation marks. The first two alternatives
# both start with a capital, so a look-ahead skips them at every other position: the tokens are those
# of the pattern without it, found about 15% faster. (Possessive quantifiers on the word would save as
# much again but need Python 3.11; the project supports 3.10.)
_TOKEN = re.compile(
    r"(?=[A-Z])(?:(?:[A-Z]\.){2,}|(?:Sen|Rep|Gen|Col|Mr|Mrs|Ms|Dr|Prof|Lt|Adm|Gov|Sgt|Capt|Maj|Jr|St)\.)|"
    r"[^\W_][\w'’\-]*(?:\.[^\W_][\w'’\-]*)*|[^\w\s]"
)
# What _tokens runs: the tokens of _TOKEN, found faster (about 30%, 2x on ASCII text).
# - Possessive quantifiers: nothing follows the word's two loops that could fail, so the greedy loops
#   never give characters back and possessive ones match the same.
# - A leading possessive ``\s*+`` before the token, captured as group 1 (what findall returns): the
#   scan crosses a run of spaces inside one attempt instead of failing at each of them. A token never
#   starts at a space, and when no token starts after the run the attempt fails as the original's
#   attempts at those positions do.
# - On ASCII text (``str.isascii`` reads a flag), the same pattern compiled with ``re.ASCII`` tests
#   classes by table instead of Unicode lookups. On ASCII characters ``\w`` and ``[^\W_]`` are the
#   same under both; Unicode ``\s`` also holds for \x1c-\x1f (str.isspace), so they are named.
_TOKEN_BODY = (
    r"(?=[A-Z])(?:(?:[A-Z]\.){2,}|(?:Sen|Rep|Gen|Col|Mr|Mrs|Ms|Dr|Prof|Lt|Adm|Gov|Sgt|Capt|Maj|Jr|St)\.)|"
    r"[^\W_][\w'’\-]*+(?:\.[^\W_][\w'’\-]*+)*+|"
)
_TOKEN_FAST = re.compile(r"\s*+(" + _TOKEN_BODY + r"[^\w\s])")
_TOKEN_ASCII = re.compile(r"[\s\x1c-\x1f]*+(" + _TOKEN_BODY + r"[^\w\s\x1c-\x1f])", re.ASCII)
_QUOTE_RE = re.compile(r'["“”«»„]')
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘][^'’\n]{1,200}['’](?!\w)")
_ACCORDING = re.compile(r"\baccording to\b", re.I)
#: Honorifics that may open a transcript's speaker label ("MR. KIRBY:", "SEN. REED:").
_LABEL_HONORIFICS = ("MR", "MS", "MRS", "DR", "SEN", "REP", "GEN", "ADM", "COL")
_TRANSCRIPT_LABEL = re.compile(
    r"^\s*(?P<label>Q|(?:(?:" + "|".join(_LABEL_HONORIFICS) + r")\.?\s+)?[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,5}"
    r"(?:\s*,\s*[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,4})?)\s*:\s*(?:\[[^\]]{0,40}\]\s*)?"
)
_HEADLINE_COLON = re.compile(r"^\s*(?P<prefix>[^:]{1,80}?)\s*:\s+(?P<rest>\S.*)$", re.S)
_HEADLINE_DASH = re.compile(r"\s(?:-|–|—)\s?(?P<suffix>[A-Z][^-–—:]{0,50}?)\s*$")
_INITIAL = re.compile(r"\b[A-Z]\.\s+")
_AS_GERUND = re.compile(r"\s+as\s+(?:having\s+)?(?P<verb>\w+)")
#: A dateline opening an article's first sentence: "ANKARA –", "Damascus, SANA-", "ADEN, Jan 18 (Reuters) -",
#: "MOGADISHU, Somalia —". Its capital (when the gazetteer knows it) gives the state of unqualified
#: government bodies ("the Foreign Ministry" in a Damascus-datelined story is Syria's).
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][\w'’]+(?: [A-Z][\w'’]+)?)(?:,\s*(?:[A-Z0-9][\w.]*\s*){1,4})?(?:\s*\([^)]{1,40}\))?\s*(?:-|–|—)\s+"
)
#: A US legislator's party-and-state tag after the name ("Sen. Ellen Marchetti, D-Vt., said"; "Rep. Alicia
#: Brennan (D-Calif.) said"; "R-S.C.", "D-N.Y."): a label, not an appositive, so it is blanked (same length)
#: before subjects are read, with its commas (one is put back when an appositive follows: ", a former ...").
_PARTY_TAG = re.compile(r"(?:,\s*|\s*\()[DRI]-(?:[A-Z][A-Za-z]{0,7}\.?){1,3}(?:\)|,|(?=\s*$))(?P<next>\s*[\w'’]*)")
#: The signature line of an embedded tweet: "— Name (@handle) February 3, 2022".
_TWEET_SIGNATURE = re.compile(r"[—–-]\s*(?P<name>[^()\n—–]{2,60}?)\s*\(@\w{1,30}\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")
_AS_VERB = re.compile(r"(?<![\w\-])as\s+(?:having\s+)?(?P<verb>\w+)")
# Patterns compiled once (a pattern built or looked up in re's cache at each call costs more than the match):
#: a place after a body named first ("Russian Reconciliation Center for Syria"), matched at the body's end
_BODY_OF = re.compile(r"\s+(?:for|of|in)\s")
#: the passive auxiliary before "quoted" ("was quoted as saying"), at the end of the left context
_PASSIVE_END = re.compile(r"\b(?:was|were|is|are|has been|have been)\s*$")
#: what follows a cue that needs a complement: "that", a colon or a quotation, right after it ...
_COMPLEMENT_AT = re.compile(r"\s*(?:that\b|:|" + _QMARK + r"|,?\s*" + _QMARK + ")")
#: ... or after up to three words ("said on Thursday that"), a colon also after one more ("wrote on Twitter:")
_COMPLEMENT_NEAR = re.compile(r"\s+(?:\w+\s+){0,3}(?:that|" + _QMARK + r"|(?:\w+\s*)?:)")
#: ... or none: a complement clause without "that" ("Republicans argued the response was too limited",
#: "he noted it had"): a determiner or pronoun opening a short subject, then a finite auxiliary; the common
#: US/UK news form of indirect speech. Up to four words of subject, so that a mere object ("argued the case")
#: is not one.
_ZERO_COMPLEMENT = re.compile(
    r"\s+(?:the|a|an|his|her|its|their|this|these|those|it|he|she|they|we|i|there|no|some|most)"
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:was|were|is|are|had|has|have|would|will|could|can|should|might|must|did)\b",
    re.I,
)
#: Characters after a cue searched for a :data:`_ZERO_COMPLEMENT`: a determiner, four words and an auxiliary fit.
_ZERO_COMPLEMENT_WINDOW = 60


# ----------------------------------------------------------------- resources
@dataclass(frozen=True)
class _Entity:
    canonical: str
    source_type: str
    gender: str
    is_person: bool
    roles: frozenset


@dataclass(frozen=True)
class _Gazetteer:
    aliases: dict  # alias -> _Entity
    lower: dict  # alias.lower() -> _Entity (for all-caps transcript labels)
    pattern: re.Pattern | None
    surnames: dict  # surname -> _Entity (persons)
    fast: re.Pattern | None = None  # the aliases as a trie without the leading look-behind (see _gaz_in)
    canonical: dict = field(default_factory=dict)  # canonical name (lower) -> _Entity
    #: aliases that are a state's own name ("Syria"; ``place`` column "country"), not its capital
    countries: frozenset = frozenset()


#: ASCII bytes -> themselves, except those that are neither word characters nor "-": a space. Before a
#: cue form they are exactly the characters that let it start (see :meth:`_Cues.finditer`).
_CUE_GAPS = bytes(i if chr(i).isalnum() or chr(i) in "_-" else 32 for i in range(256))


@dataclass(frozen=True)
class _Cues:
    forms: dict  # form (lower) -> (lemma, distancing, needs_complement)
    first: dict  # first word (lower) -> forms starting with it, longest first
    pattern: re.Pattern | None  # every form, one trie-shaped regex (whole words, case-insensitive)
    lower: re.Pattern | None  # the same forms, case-sensitive, to run over lower-cased text
    #: ``lower`` after ``\b``; None when a form does not start with a letter or digit (see finditer)
    starts: re.Pattern | None = None
    #: ``starts`` compiled with ``re.ASCII``, for ASCII text: on ASCII characters ``\b`` and ``\w`` mean the
    #: same under both flags, and the ASCII tables are faster to test (~20%)
    starts_ascii: re.Pattern | None = None
    #: a space, then the trie as bytes, for ASCII text mapped by :data:`_CUE_GAPS`; None when a form is not
    #: letters, digits, hyphens and spaces starting and ending with a letter or digit (see finditer)
    after_bytes: re.Pattern | None = None

    def finditer(self, text: str, low: str | None = None):
        """(start, end, form as written) of every cue form in `text`, left to right.

        `low` is ``text.lower()`` when the caller has it. The trie over lower-case forms, starting with
        its first letters, lets ``re`` skip ahead to candidate letters (a leading look-behind would make
        it try every position); the word start is then checked here.

        Text without underscores and masked quotations (:data:`_QMARK`) takes a faster way when every form
        is ASCII letters, digits, hyphens and spaces, starting and ending with a letter or digit: its bytes
        (each character outside ASCII one "?"), with every character that is neither a word character nor
        a hyphen made a space (:data:`_CUE_GAPS`) and one more space in front, are searched for a space
        followed by the trie (``after_bytes``). The literal first character lets ``re`` scan for it in a
        tight loop instead of trying the trie (or a ``\\b``) at every position: ~20% faster on ASCII news.
        (Masked quotations are long runs of a gap, where the ``\\b`` search is already fast and a space
        would be tried at every byte.) The same forms are found, or the loop below is used:

        - starts: a form at s > 0 is kept below exactly when ``text[s - 1]`` is not "-" and is "_" or
          not alphanumeric; without underscores, and for ASCII ``text[s - 1]``, that is "becomes a space";
          the added space stands before 0;
        - at one start, the mapping keeps every character a form can contain and turns the others into
          spaces, which the end look-aheads accept exactly where they accepted the character (neither a
          word character nor a hyphen), except a letter or digit outside ASCII. So a form that matches
          the text matches the mapped bytes, and the trie (same order) takes the same form, or an earlier
          one that only matched because a gap became a space ("pointed,out": then ``low[s:e]`` is not in
          ``forms``) or because a letter outside ASCII became "?" (checked on both sides of the match);
          either sends the text to the loop below;
        - every form ends with a letter or digit, so the next one starts at least one character after the
          end of the last, and matches resuming there (the space consumed) miss nothing the loop finds.
        """
        if self.pattern is None:
            return []
        if low is None:
            low = text.lower()
        if len(low) != len(text):  # lower-casing changed lengths (rare scripts): offsets would not line up
            return [(m.start(), m.end(), m.group(0)) for m in self.pattern.finditer(text)]
        if self.after_bytes is not None and _QMARK not in low and "_" not in low:
            search = self.after_bytes.search
            ascii = low.isascii()
            # "replace" makes each other character one "?" (a gap), so offsets stay those of `low`
            spaced = b" " + (low.encode("ascii") if ascii else low.encode("ascii", "replace")).translate(_CUE_GAPS)
            m = search(spaced)
            if m is None:
                return []
            forms = self.forms
            out = []
            while m is not None:
                e = m.end() - 1
                s = m.start()  # the space before the form, one byte ahead of `low`: the form's start there
                if low[s:e] not in forms:
                    break  # a gap inside the match became a space: not the form as written (see above)
                if not ascii and ((s and low[s - 1].isalnum()) or low[e : e + 1].isalnum()):
                    break  # a letter outside ASCII next to the match: not a whole word (see above)
                out.append((s, e, text[s:e]))
                m = search(spaced, e + 1)
            else:
                return out
        out = []
        pos = 0
        if self.starts is not None and "_" not in low:
            search = self.starts_ascii.search if low.isascii() else self.starts.search
        else:
            search = self.lower.search
        while True:
            m = search(low, pos)
            if m is None:
                return out
            s = m.start()
            if s and (text[s - 1] == "-" or (text[s - 1] != "_" and text[s - 1].isalnum())):
                pos = s + 1
                continue
            out.append((s, m.end(), text[s : m.end()]))
            pos = m.end()


@dataclass(frozen=True)
class _Titles:
    terms: dict  # term -> (category, source_type, gender)
    pattern: re.Pattern
    words: frozenset  # every word of every term
    cased: dict  # word (lower) -> its form as written in the table ("UN", "Kurdish", "residents")
    adjective: dict  # nationality term (lower) -> adjective used in names ("iraq's" -> "Iraqi")
    capitalised: frozenset  # terms (lower) that count only when written with a capital
    #: ``pattern`` without ``re.IGNORECASE``, for lower-cased text (see :func:`_title_matches`); None when
    #: a term is not ASCII
    lower: re.Pattern | None = None
    lower_ascii: re.Pattern | None = None  # ``lower`` compiled with ``re.ASCII``, for ASCII text


def _trie(items) -> str:
    """A regex body matching any of `items`, as a character trie ("said|says" -> "sa(?:id|ys)").

    Python's ``re`` tries the branches of a flat alternation one after another at every position; a
    trie shares prefixes, so a gazetteer of 200 aliases costs about as much as one. Longer matches are
    tried first (the end of an item is an optional, greedy suffix), as in a longest-first alternation.
    """
    tree: dict = {}
    for item in items:
        node = tree
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(tree)


def _alternation(items, *, flags: int = 0) -> re.Pattern | None:
    items = sorted({i for i in items if i}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?<![\w\-])(?:" + _trie(items) + r")(?![\w\-])", flags)


def _table(source, required, name):
    if isinstance(source, pd.DataFrame):
        missing = [c for c in required if c not in source.columns]
        if missing:
            raise InputError(f"missing column(s) {', '.join(missing)}", path=name)
        return source.fillna("").astype(str)
    return read_table(source, required=required)


#: British and American spellings of words in body names; an alias written with one also matches the other.
_SPELLINGS = (("Defence", "Defense"), ("Centre", "Center"), ("Organisation", "Organization"), ("Programme", "Program"))
_SPELLING_SWAP = {a: b for a, b in _SPELLINGS} | {b: a for a, b in _SPELLINGS}
_SPELLING_RE = re.compile(r"\b(?:" + "|".join(_SPELLING_SWAP) + r")\b")


def _spelling_variant(alias: str) -> str:
    """`alias` with each word of :data:`_SPELLINGS` in the other spelling ("Civil Defence" -> "Civil Defense")."""
    return _SPELLING_RE.sub(lambda m: _SPELLING_SWAP[m.group(0)], alias)


#: Values of the gazetteer's optional ``place`` column: a state's own name, its capital, or neither.
_PLACES = ("", "country", "capital")


def _build_gazetteer(table: pd.DataFrame) -> _Gazetteer:
    allowed = set(source_types())
    roles: dict[str, set] = {}
    persons: set[str] = set()
    rows = []
    countries = set()
    for i, (alias, canon, stype, gender, role, place) in enumerate(
        zip(
            table["alias"], table["canonical"], table["source_type"], table["gender"],
            table.get("roles", [""] * len(table)), table.get("place", [""] * len(table)),
        ),
        start=2,
    ):
        alias, canon, stype = alias.strip(), canon.strip(), stype.strip()
        if not alias or not canon:
            raise InputError("empty alias or canonical name", path="speakers", line=i)
        if stype not in allowed:
            raise InputError(f"unknown source_type {stype!r}", path="speakers", line=i, field="source_type")
        if place.strip() not in _PLACES:
            raise InputError(f"place must be one of {', '.join(map(repr, _PLACES))}, not {place!r}", path="speakers", line=i, field="place")
        if place.strip() == "country":
            countries.add(alias)
        if gender.strip():
            persons.add(canon)
        roles.setdefault(canon, set()).update(r.strip().lower() for r in role.split(";") if r.strip())
        rows.append((alias, canon, stype, gender.strip()))
    written = {r[0] for r in rows}
    for alias, canon, stype, gender in list(rows):
        variant = _spelling_variant(alias)
        if variant != alias and variant not in written:
            written.add(variant)
            rows.append((variant, canon, stype, gender))  # "Syrian Civil Defense" for "Syrian Civil Defence"
    genders = {}
    for alias, canon, stype, gender in rows:
        if gender:
            genders[canon] = gender
    entities = {}
    for alias, canon, stype, _ in rows:
        role_words = frozenset(w for r in roles.get(canon, ()) for w in r.split()) | frozenset(roles.get(canon, ()))
        entities[alias] = _Entity(canon, stype, genders.get(canon, ""), canon in persons, role_words)
    surnames: dict[str, _Entity | None] = {}
    for ent in entities.values():
        if ent.is_person and " " in ent.canonical:
            last = ent.canonical.split()[-1]
            if last in entities:
                continue
            prev = surnames.get(last)
            surnames[last] = ent if prev is None or prev.canonical == ent.canonical else None
    return _Gazetteer(
        aliases=entities,
        lower={a.lower(): e for a, e in entities.items()},
        pattern=_alternation(entities),
        fast=re.compile(r"(?:" + _trie(sorted(entities, key=len, reverse=True)) + r")(?![\w\-])") if entities else None,
        surnames={k: v for k, v in surnames.items() if v is not None},
        canonical={e.canonical.lower(): e for e in entities.values()},
        countries=frozenset(countries),
    )


def _build_cues(table: pd.DataFrame) -> _Cues:
    forms = {}
    for i, (lemma, fs, dist, needs) in enumerate(
        zip(table["lemma"], table["forms"], table["distancing"], table["needs"]), start=2
    ):
        if dist not in ("yes", "no"):
            raise InputError(f"distancing must be yes or no, not {dist!r}", path="cues", line=i, field="distancing")
        if needs not in ("any", "complement"):
            raise InputError(f"needs must be any or complement, not {needs!r}", path="cues", line=i, field="needs")
        for form in fs.split(";"):
            form = form.strip().lower()
            if form:
                forms[form] = (lemma.strip(), dist == "yes", needs == "complement")
    first: dict[str, list] = {}
    for form in sorted(forms, key=len, reverse=True):
        first.setdefault(form.split()[0], []).append(form)
    # a form starts a word (no letter or digit or hyphen before it) and ends one; case-insensitive
    pattern = re.compile(r"(?<![^\W_])(?<!-)(?:" + _trie(forms) + r")(?![^\W_])(?!-)", re.I) if forms else None
    lower = re.compile(r"(?:" + _trie(forms) + r")(?![^\W_])(?!-)") if forms else None
    starts = None
    if forms and all(f[:1].isalnum() for f in forms):
        starts = re.compile(r"\b(?:" + _trie(forms) + r")(?![^\W_])(?!-)")
    after = None
    if starts is not None and all(f.isascii() and f[-1].isalnum() and f.replace(" ", "").replace("-", "").isalnum() for f in forms):
        # letters, digits, hyphens and spaces, starting and ending with a letter or digit: see _Cues.finditer
        after = re.compile((r" (?:" + _trie(forms) + r")(?![^\W_])(?!-)").encode("ascii"), re.ASCII)
    return _Cues(
        forms=forms, first=first, pattern=pattern, lower=lower, starts=starts,
        starts_ascii=re.compile(starts.pattern, re.ASCII) if starts is not None else None,
        after_bytes=after,
    )


@functools.lru_cache(maxsize=8)
def _packaged_gazetteer(name: str) -> _Gazetteer:
    return _build_gazetteer(read_table(name, required=("alias", "canonical", "source_type", "gender")))


@functools.lru_cache(maxsize=8)
def _packaged_cues(name: str) -> _Cues:
    return _build_cues(read_table(name, required=("lemma", "forms", "distancing", "needs")))


@functools.lru_cache(maxsize=1)
def _titles() -> _Titles:
    table = read_table(_TITLES_FILE, required=("term", "category", "source_type", "gender", "name_as", "match", "why"))
    terms = {}
    cased: dict[str, str] = {}
    adjective: dict[str, str] = {}
    capitalised = set()
    for i, (t, c, s, g, a, mt) in enumerate(
        zip(table["term"], table["category"], table["source_type"], table["gender"], table["name_as"], table["match"]), start=2
    ):
        if mt not in ("any", "capitalised"):
            raise InputError(f"match must be any or capitalised, not {mt!r}", path=_TITLES_FILE, line=i, field="match")
        terms[t.strip().lower()] = (c.strip(), s.strip(), g.strip())
        if a.strip():
            adjective[t.strip().lower()] = a.strip()
        if mt == "capitalised":
            capitalised.add(t.strip().lower())
        for w in t.split():
            cased.setdefault(w.lower(), w)
    words = frozenset(w for t in terms for w in t.split())
    pat = re.compile(r"(?<![\w\-])(?:" + _trie(terms) + r")(?![\w\-])", re.I)
    ascii_terms = all(t.isascii() for t in terms)
    return _Titles(
        terms=terms, pattern=pat, words=words, cased=cased, adjective=adjective, capitalised=frozenset(capitalised),
        lower=re.compile(pat.pattern) if ascii_terms else None,
        lower_ascii=re.compile(pat.pattern, re.ASCII) if ascii_terms else None,
    )


#: Characters that ``re.IGNORECASE`` matches to an ASCII letter although their lower case is not that
#: letter (dotless i and long s match "i" and "s"); the only two in Unicode (checked in the tests).
_FOLD_ONLY = ("ı", "ſ")


def _title_matches(titles: _Titles, text: str) -> list[tuple[int, int, str]]:
    """(start, end, term as lower case) of every title term in `text`: what ``titles.pattern`` finds.

    ``titles.pattern`` is case-insensitive, which ``re`` pays for at every character. When the terms are
    ASCII, lower-casing the text keeps its length (so every character maps to one character, and
    Unicode lower-casing keeps whether a character is a word character) and the text has neither
    character of :data:`_FOLD_ONLY`, a character of the text matches a term character under
    IGNORECASE exactly when its lower case equals it; the case-sensitive pattern over the lower-cased
    text then finds the same spans, about twice as fast.
    """
    low = text.lower()
    if titles.lower is None or len(low) != len(text) or "ı" in text or "ſ" in text:  # _FOLD_ONLY
        return [(m.start(), m.end(), m.group(0).lower()) for m in titles.pattern.finditer(text)]
    pattern = titles.lower_ascii if low.isascii() else titles.lower
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(low)]


@functools.lru_cache(maxsize=1)
def source_types() -> tuple[str, ...]:
    """The codebook's controlled ``source_type`` values, in the codebook's order.

    Returns
    -------
    tuple of str
        From ``framing/data/source_types.tsv``; ``unattributed`` is last.

    Example
    -------
    >>> source_types()[0], source_types()[-1]
    ('us_government', 'unattributed')
    """
    return SOURCE_TYPES


def read_gazetteer(source: str | Path | pd.DataFrame = "speakers.tsv") -> pd.DataFrame:
    """The speaker gazetteer as a table (packaged name, a path, or a DataFrame checked and returned).

    Columns: ``alias, canonical, source_type, gender, roles, place, why`` (``roles`` and ``place`` optional;
    ``place`` is "country" for a state's own name, "capital" for its capital, else empty).

    Example
    -------
    >>> g = read_gazetteer()
    >>> g.loc[g.alias == "Damascus", "canonical"].item()
    'Syrian government'
    """
    table = _table(source, ("alias", "canonical", "source_type", "gender"), "gazetteer")
    _build_gazetteer(table)  # validates
    return table


def read_cues(source: str | Path | pd.DataFrame = "cues.tsv") -> pd.DataFrame:
    """The cue lexicon as a table (columns ``lemma, forms, distancing, needs, why``).

    Example
    -------
    >>> c = read_cues()
    >>> c.loc[c.lemma == "claim", "distancing"].item()
    'yes'
    """
    table = _table(source, ("lemma", "forms", "distancing", "needs"), "cues")
    _build_cues(table)
    return table


def _resources(gazetteer, cues) -> tuple[_Gazetteer, _Cues]:
    if isinstance(gazetteer, pd.DataFrame):
        gaz = _build_gazetteer(_table(gazetteer, ("alias", "canonical", "source_type", "gender"), "gazetteer"))
    elif isinstance(gazetteer, str) and len(Path(gazetteer).parts) == 1 and not Path(gazetteer).exists():
        gaz = _packaged_gazetteer(gazetteer)
    else:
        gaz = _build_gazetteer(read_table(gazetteer, required=("alias", "canonical", "source_type", "gender")))
    if isinstance(cues, pd.DataFrame):
        cue = _build_cues(_table(cues, ("lemma", "forms", "distancing", "needs"), "cues"))
    elif isinstance(cues, str) and len(Path(cues).parts) == 1 and not Path(cues).exists():
        cue = _packaged_cues(cues)
    else:
        cue = _build_cues(read_table(cues, required=("lemma", "forms", "distancing", "needs")))
    return gaz, cue


# ------------------------------------------------------------------ records
@dataclass
class Attribution:
    """One speaker of one unit.

    Attributes
    ----------
    speaker, source_type, cue : str
        Canonical name, codebook type, cue lemma.
    distancing : bool
        Whether the cue distances the outlet from the claim.
    evidence : str
        The rule that fired ("subject-verb", "according-to", "pronoun->X" ...).
    position : int
        Character offset in the unit where the attribution was found (orders speakers).
    """

    speaker: str
    source_type: str
    cue: str
    distancing: bool = False
    evidence: str = ""
    position: int = 0


@dataclass
class _Source:
    canonical: str
    source_type: str
    gender: str = ""
    plural: bool = False
    is_person: bool = False
    roles: frozenset = frozenset()
    rule: str = ""


@dataclass
class _Mention:
    canonical: str
    source_type: str
    gender: str
    plural: bool
    is_person: bool
    words: frozenset
    paragraph: int
    is_government: bool = False
    unit: int = 0


@dataclass
class _State:
    paragraph: int = -1
    depth: int = 0
    quote_speaker: Attribution | None = None
    pending: list = field(default_factory=list)
    pending_whole: list = field(default_factory=list)
    last_quote: tuple | None = None  # (Attribution, paragraph)
    history: list = field(default_factory=list)
    names: dict = field(default_factory=dict)  # surname / name -> _Source of persons seen in this article
    turn: Attribution | None = None
    transcript_labels: int = 0
    #: (speaker, unit index) of a unit ending in a speech tag and a colon ("Darwish said:"): a quotation
    #: opening the next unit, also in the next paragraph, is that speaker's (press-release convention)
    colon_tag: tuple | None = None
    #: turns read so far: the first turn of a broadcast transcript is the programme's host
    n_turns: int = 0


_DOUBLE_APOS_CLOSE = re.compile(r"(?<=\S)''(?=\s|$|[,.;:!?)])")
_DOUBLE_APOS_OPEN = re.compile(r"''")
#: A label's honorific split from its name by the sentence splitter ("MR." from "MR. KIRBY: ...").
_HONORIFIC_STUB = re.compile(r"^\s*(?:" + "|".join(_LABEL_HONORIFICS) + r")\.\s*$")
#: What :data:`_HONORIFIC_STUB` matches, stripped: it matches exactly the texts whose ``str.strip()`` is one of
#: these (``\s`` and ``str.strip`` both take Unicode white space; ``\s*`` consumes a final newline before
#: ``$``). A set lookup instead of a regex call for every sentence (checked in the tests).
_HONORIFIC_STUBS = frozenset(h + "." for h in _LABEL_HONORIFICS)

# ------------------------------------------------------------------ helpers
_CAPS_BEFORE = re.compile(r"(?:[A-Z][\w'’\-]+\s+){1,3}\Z")
#: Characters before a cue whose tokens :meth:`_Coder._left_subject` reads first: a subject with its
#: auxiliaries ("the Pentagon spokesman has") usually fits; a longer one costs a second tokenising of the
#: whole :data:`LEFT_WINDOW`. Chosen by timing on PolNeAR train (48, 64, 96 compared).
_NEAR_WINDOW = 64
#: Returned by :meth:`_Coder._subject_in` when the last tokens before a cue do not decide the subject.
_RETRY = object()
#: Noun phrases kept by :meth:`_Coder._resolve_np` before the memo is emptied (bounds memory on a big corpus).
_MEMO_SIZE = 50_000
_MISSING = object()


#: Words before a cue form that make it a noun or participial adjective ("the reported deaths", "a call").
_NOUN_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "such", "no", "any"))
#: Quotation marks (and masked quotation characters) dropped from a noun phrase before it is resolved.
_NP_MARKS = frozenset(("“", "”", '"', _QMARK))


def _add_span(spans: list[list[int]], start: int, end: int) -> None:
    """Add the range [start, end) to `spans`, whose ranges all end before `end` (quotation marks are
    read left to right), merging it with those it overlaps (a close with no open masks from 0)."""
    while spans and spans[-1][0] >= start:
        spans.pop()
    if spans and spans[-1][1] >= start:
        spans[-1][1] = end
    else:
        spans.append([start, end])


def _person_call(run, head, tail, terms, found, owner="") -> tuple:
    """What :meth:`_Coder._resolve_np` keeps for a phrase whose state-free analysis ends in
    :meth:`_Coder._person` (which reads the persons named so far): the arguments of that call, replayed
    on a hit. The memo's only tuple values (the others are None, a source or a list of sources).

    Tuples of strings, numbers and tuples of them, unlike lists and class instances, are dropped from
    the cyclic garbage collector's lists once it has seen them, so the phrases a memo keeps over one big
    call add little to the collections (garbage collection on PolNeAR train coded in one call: ~2.2 µs
    per unit with lists, ~1.5 with tuples, ~0.6 in calls of 100 articles, ~0.2 without the memo).
    """
    return (tuple(run), tuple(head), tuple(tail), tuple(terms), tuple(found), owner)


#: Characters searched before a surname for the one to three capitalised words of a full name.
_NAME_WINDOW = 300
#: Earlier units searched for a surname's full name or a person's introduction: about the length of a
#: long news article, so a name is not taken from a much earlier, unrelated story in a long transcript.
_RECENT_UNITS = 60


def _name_before(text: str, surname: str) -> tuple[int, int] | None:
    """(start, end) of the first "Given Names Surname" in `text`: one to three capitalised words, then
    `surname` as a whole word (what a search for :data:`_CAPS_BEFORE` words followed by the surname
    finds, without compiling a pattern per surname)."""
    k = text.find(surname)
    n = len(surname)
    while k != -1:
        e = k + n
        if not (e < len(text) and (text[e] == "-" or text[e] == "_" or text[e].isalnum())):
            lo = max(0, k - _NAME_WINDOW)
            # a match is one to three words, each followed by white space, ending at k: it starts inside
            # the last three white-space-free chunks before k, so the search may start at the third
            # (``str.split`` and ``\s`` take the same white space, checked in the tests); the leftmost
            # match found from there is the one found from `lo`, without trying every earlier position
            parts = text[lo:k].rsplit(None, 3)
            m = _CAPS_BEFORE.search(text, lo + len(parts[0]) if len(parts) == 4 else lo, k)
            if m is not None:
                return m.start(), e
        k = text.find(surname, k + 1)
    return None


#: Distinct (roles, name, extra words) whose word sets are kept: the persons and bodies of a corpus.
_MENTION_CACHE = 4096


@functools.lru_cache(maxsize=_MENTION_CACHE)
def _mention_words(roles: frozenset, canonical: str, extra: tuple) -> frozenset:
    """The words a later description can use for a mention (lower-cased, also without a plural -s)."""
    words = set(roles) | {w.lower() for w in canonical.split()} | {w.lower() for w in extra}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return frozenset(words)


def _owner_noun_plain(tokens) -> str:
    """The plain definition of :func:`_owner_noun`: the first token that is a body noun of
    :data:`_BODY_ANAPHORS` with a possessive ending, without it, lower-cased; or ""."""
    for t in tokens:
        if t.endswith(("'s", "’s")) and t[:-2].lower() in _BODY_ANAPHORS:
            return t[:-2].lower()
    return ""


def _owner_noun(tokens) -> str:
    """The body noun of a possessive that points back ("organisation's" in "the organisation's director"), or ""
    (:func:`_owner_noun_plain`)."""
    joined = " ".join(tokens)
    if "'s" not in joined and "’s" not in joined:
        return ""  # no token ends in a possessive (most phrases): one C-level test instead of the loop
    return _owner_noun_plain(tokens)


def _tokens(text: str) -> list[str]:
    """The tokens of :data:`_TOKEN` in `text` (see :data:`_TOKEN_FAST`)."""
    if text.isascii():
        return _TOKEN_ASCII.findall(text)
    return _TOKEN_FAST.findall(text)


def _last_token(text: str) -> list[str]:
    """``_tokens(text)[-1:]``, tokenising only what follows the last space.

    No token contains a space (``\\s``, the characters ``str.split`` splits at), so the tokens of
    `text` restart after each space: those of its last space-separated chunk end the list. Only when
    that chunk has no token (it is all underscores) is the whole text tokenised.
    """
    parts = text.rsplit(None, 1)
    return (_tokens(parts[-1])[-1:] if parts else []) or _tokens(text)[-1:]


#: Characters before a gazetteer name whose words describe the mention ("Pentagon spokesman John Kirby").
_MENTION_WINDOW = 80
#: Characters :func:`_words_before` tokenises first: the walk back nearly always stops at the first word
#: (~0.3 names per unit; an 80-character window costs a few times more to tokenise).
_MENTION_NEAR = 24


def _title_run(tokens: list[str], title_words: frozenset) -> tuple[list[str], bool]:
    """The capitalised or title words ending `tokens` (lower-cased, nearest first), walking back to a
    determiner or any other word; and whether such a word stopped the walk (False: it used every token)."""
    words = []
    for w in reversed(tokens):
        lw = w.lower()
        if lw in _DETERMINERS or not (_is_cap(w) or lw in title_words):
            return words, True
        words.append(lw)
    return words, False


def _words_before_plain(text: str, s: int, title_words: frozenset) -> list[str]:
    """The plain definition of :func:`_words_before`: :func:`_title_run` on the tokens of the whole
    :data:`_MENTION_WINDOW` characters before `s`."""
    return _title_run(_tokens(text[max(0, s - _MENTION_WINDOW) : s]), title_words)[0]


def _words_before(text: str, s: int, title_words: frozenset) -> list[str]:
    """The capitalised or title words (lower-cased, nearest first) right before `s` in `text`, back to a
    determiner or any other word, within :data:`_MENTION_WINDOW` characters (:func:`_words_before_plain`).

    The tokens after the first space of the last :data:`_MENTION_NEAR` characters are the last tokens
    of the whole window (no token contains a space: tokenising restarts after one, as in
    :meth:`_Coder._left_subject`); only when the walk back uses them all is the whole window read.
    """
    near = s - _MENTION_NEAR
    if near > max(0, s - _MENTION_WINDOW):
        cut = text.find(" ", near, s)
        if cut != -1:
            words, stopped = _title_run(_tokens(text[cut + 1 : s]), title_words)
            if stopped:
                return words
    return _words_before_plain(text, s, title_words)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok[:2] in ("al", "el") and "-" in tok[:4])


def _strip_possessive(tok: str) -> str:
    return tok[:-2] if tok.endswith(("'s", "’s")) else tok


#: Tokens :func:`_join_plain` writes without a space before them, and "" (skipped at the start): a list
#: with none of them (and no "(" or "-") is joined with single spaces.
_JOIN_GLUED = frozenset((",", ".", ")", "'s", "’s", ""))


def _join_plain(tokens: list[str]) -> str:
    """The plain definition of :func:`_join`: a space between two tokens, none before ",", ".", ")",
    "'s" or "’s" nor after "(" and "-"; tokens are added while the text is still empty ("" at the start
    is skipped)."""
    out = ""
    for t in tokens:
        if not out:
            out = t
        elif t in (",", ".", ")", "'s", "’s") or out.endswith(("(", "-")):
            out += t
        else:
            out += " " + t
    return out


def _join(tokens: list[str]) -> str:
    """The tokens as text (:func:`_join_plain`), in one ``str.join`` when every gap is a space."""
    if _JOIN_GLUED.isdisjoint(tokens):
        # no glued token, and no "(" or "-" at all (so none ends a token): every gap is a space
        joined = " ".join(tokens)
        if "-" not in joined and "(" not in joined:
            return joined
    return _join_plain(tokens)


#: Lower-case words that may link the capitalised words of an organisation's name ("Doctors of Hope").
_NAME_LINKS = frozenset(("of", "for", "and", "the", "in", "on"))


def _proper_name(tokens: list[str]) -> bool:
    """True when `tokens` read as a proper name of two words or more: each word capitalised or a link word."""
    return len(tokens) > 1 and _is_cap(tokens[0]) and _is_cap(tokens[-1]) and all(
        _is_cap(tok) or tok in _NAME_LINKS for tok in tokens
    )


def _title_case(label: str) -> str:
    return " ".join(w.title() if not re.fullmatch(r"(?:[A-Z]\.)+", w) else w for w in label.split())


class _Coder:
    """Codes the units of one article in reading order (see the module docstring)."""

    def __init__(self, gaz: _Gazetteer, cues: _Cues, memo: dict | None = None):
        self.out: list[list[Attribution]] = []
        self.texts: list[str] = []  # the article's units so far (for a surname's full name)
        self._article_texts: list = []  # all the article's units (read ahead for a surname's full name)
        self._unit_kind = ""  # kind of the unit being coded
        self._needles: dict[str, tuple[int, list[int]]] = {}  # see _texts_with
        self._deferred: list | None = None
        self._looking_up = False  # guards _earlier_full_name against recursion
        self.gaz = gaz
        self.cues = cues
        self.titles = _titles()
        self.state = _State()
        self._in_document = False
        self._memo = {} if memo is None else memo  # see _resolve_np
        self._reads = 0  # reads of article state, counted so _resolve_np knows what it may keep
        self._frames: list[list] = []  # per _resolve_np call: [reads at entry, state-free _person arguments]
        self._unit_text = ""
        self._home: tuple[str, str] | None = None  # (adjective, source_type) of the dateline's capital
        self._dateline_unit = -1
        self._tweets: dict[int, str] = {}  # paragraph -> author of an embedded tweet

    # ---------------------------------------------------------- vocabulary
    def _terms_in(self, text: str):
        """(category, source_type, gender, term) for every title term in `text`, in order."""
        out = []
        capitalised = self.titles.capitalised
        terms = self.titles.terms
        for start, _, term in _title_matches(self.titles, text):
            if term in capitalised and not text[start].isupper():
                continue
            c, s, g = terms[term]
            if c == "organisation" and s.endswith("_government"):
                c = "government"
            out.append((c, s, g, term, start))
        return out

    def _gaz_in(self, text: str, first: re.Match | None = None):
        """(start, end, entity) of every gazetteer alias in `text`, left to right.

        `first` is ``self.gaz.fast.search(text)`` when the caller has run it (and it found something).
        """
        if self.gaz.pattern is None:
            return []
        # the trie starts with the aliases' first letters, so ``re`` skips to candidates; the word start
        # ((?<![\w\-]) in the slow pattern) is checked here, and a rejected candidate resumes one later
        out = []
        search = self.gaz.fast.search
        aliases = self.gaz.aliases
        m = search(text) if first is None else first
        while m is not None:
            s = m.start()
            if s and (text[s - 1] == "-" or text[s - 1] == "_" or text[s - 1].isalnum()):
                m = search(text, s + 1)
                continue
            out.append((s, m.end(), aliases[m.group(0)]))
            m = search(text, m.end())
        return out

    # ----------------------------------------------------------- history
    def _remember(self, src: _Source, paragraph: int, extra_words=()):
        if self._deferred is not None:
            self._deferred.append((src, paragraph, tuple(extra_words)))
            return
        words = _mention_words(src.roles, src.canonical, tuple(extra_words))
        is_gov = src.source_type.endswith("_government") and not src.is_person
        self.state.history.append(
            _Mention(
                src.canonical, src.source_type, src.gender, src.plural, src.is_person, words, paragraph, is_gov,
                len(self.out),
            )
        )
        if len(self.state.history) > 200:
            del self.state.history[:100]
        if src.is_person:
            parts = src.canonical.split()
            self.state.names[src.canonical] = src
            if len(parts) > 1:
                prev = self.state.names.get(parts[-1])
                if prev is None or prev.canonical == src.canonical:
                    self.state.names[parts[-1]] = src  # the latest about the same person ("JAMES ODUYA, BYLINE:")

    def _candidates(self, paragraph: int, test):
        self._reads += 1
        near, far = None, None
        for m in reversed(self.state.history):
            if test(m):
                if paragraph - m.paragraph <= ANAPHORA_PARAGRAPHS:
                    return m, False
                if far is None:
                    far = m
        return (far, True) if far is not None else (near, False)

    def _from_mention(self, m: _Mention, rule: str) -> _Source:
        return _Source(m.canonical, m.source_type, m.gender, m.plural, m.is_person, m.words, rule)

    def _resolve_pronoun(self, word: str, paragraph: int) -> _Source | None:
        gender, plural, person = _PRONOUNS[word]
        if plural:
            test = lambda m: m.plural  # noqa: E731
        elif person:
            test = lambda m: m.is_person and (not m.gender or m.gender == gender)  # noqa: E731
        else:
            test = lambda m: not m.is_person and not m.plural  # noqa: E731
        m, distant = self._candidates(paragraph, test)
        if m is None:
            return None
        return self._from_mention(m, f"pronoun->{m.canonical}" + (" (distant)" if distant else ""))

    def _owner(self, noun: str, paragraph: int) -> _Mention | None:
        """The latest body a possessive body noun ("the organisation's") points back to (see _BODY_ANAPHORS)."""
        types = _BODY_ANAPHORS[noun]
        m, _ = self._candidates(paragraph, lambda m: not m.is_person and not m.plural and (not types or m.source_type in types))
        return m

    def _resolve_description(self, words: list[str], paragraph: int) -> _Source | None:
        want = {w.lower() for w in words}
        want = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in want}
        if not want:
            return None
        m, distant = self._candidates(paragraph, lambda m: want <= m.words)
        if m is None:
            return None
        return self._from_mention(m, f"description->{m.canonical}" + (" (distant)" if distant else ""))

    # -------------------------------------------------------- noun phrases
    def _resolve_np(self, tokens: list[str], paragraph: int, appositive: list[str] = (), at_start: bool = False):
        """Resolve a subject noun phrase to a source, or None when it is not one.

        Memoised: a phrase whose resolution read nothing of the article so far (no history, no earlier
        names, units or dateline; counted in ``_reads``) resolves the same way in every article, so the
        answer is kept in ``_memo`` under the phrase, its appositive, `at_start` and whether a document's
        author is being resolved. The returned sources are shared, never modified.
        """
        key = (tuple(tokens), tuple(appositive), at_start, self._in_document)
        hit = self._memo.get(key, _MISSING)
        if hit is not _MISSING:
            if hit.__class__ is tuple:  # see _person_call
                return self._person(*hit, paragraph)
            return hit
        frame = [self._reads, None]
        self._frames.append(frame)
        try:
            result = self._resolve_np_uncached(tokens, paragraph, appositive, at_start)
        finally:
            self._frames.pop()
        if self._reads == frame[0]:
            keep = result
        elif frame[1] is not None:
            keep = _person_call(*frame[1])  # everything before the person lookup was state-free
        else:
            return result
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = keep
        return result

    def _resolve_np_uncached(self, tokens: list[str], paragraph: int, appositive: list[str] = (), at_start: bool = False):
        toks = list(tokens) if _NP_MARKS.isdisjoint(tokens) else [t for t in tokens if t not in _NP_MARKS]
        while toks and toks[-1] in (",", ".", "'", "’"):
            toks.pop()
        if not toks or len(toks) > MAX_SUBJECT_TOKENS:
            return None
        if len(toks) == 1 and toks[0].lower() in _OBJECT_PRONOUNS:
            return self._resolve_pronoun(_OBJECT_PRONOUNS[toks[0].lower()], paragraph)  # "according to her"
        definite = toks[0].lower() == "the"
        quantified = False
        while toks and toks[0].lower() in _DETERMINERS:
            if toks[0].lower() in ("two", "both"):
                quantified = True
            toks = toks[1:]
        if len(toks) > 1 and toks[0].lower() == "of" and len(toks) < len(tokens):
            # "one of the residents", "some of the relatives": the people as the article calls them
            toks = toks[1:]
            while toks and toks[0].lower() in _DETERMINERS:
                toks = toks[1:]
        if not toks:
            return None
        low = [t.lower() for t in toks]
        # pronouns
        if len(toks) == 1 and low[0] in _PRONOUNS:
            return self._resolve_pronoun(low[0], paragraph)
        # "the two countries have dismissed"
        if quantified and low[-1] in _PLURAL_HEADS:
            self._reads += 1
            # the most recent unit naming two governments other than its own speakers
            by_unit: dict[int, list] = {}
            for m in self.state.history:
                if m.is_government and m.unit < len(self.out):
                    spoke = {a.speaker for a in self.out[m.unit]}
                    lst = by_unit.setdefault(m.unit, [])
                    if m.canonical not in spoke and all(x.canonical != m.canonical for x in lst):
                        lst.append(m)
            for u in sorted(by_unit, reverse=True):
                if len(by_unit[u]) >= 2:
                    ents = by_unit[u][:2]
                    names = ";".join(e.canonical for e in ents)
                    return [self._from_mention(e, "two->" + names) for e in ents]
                if len(self.out) - u > 3:
                    break
            return None
        if len(low) == 2 and low[1] == "side" and low[0] in self.titles.adjective and self.titles.terms[low[0]][0] == "nationality":
            # "the American side", "the Turkish side" (diplomatic usage): that state's government
            name = self.titles.adjective[low[0]] + " government"
            ent = self.gaz.canonical.get(name.lower())
            return _Source(ent.canonical if ent else name, ent.source_type if ent else self.titles.terms[low[0]][1], "", False, False, frozenset(), "side")
        phrase = _join(toks)
        gaz = self.gaz
        # 1. the whole phrase is a gazetteer alias
        ent = gaz.aliases.get(phrase) or gaz.aliases.get(_strip_possessive(phrase))
        if ent is not None:
            return _Source(ent.canonical, ent.source_type, ent.gender, False, ent.is_person, ent.roles, "gazetteer")
        # a generic body noun pointing back: "the organisation is calling for", "the group said"
        if definite and len(low) == 1 and low[0] in _BODY_ANAPHORS:
            r = self._resolve_description(toks, paragraph)
            if r is None:
                types = _BODY_ANAPHORS[low[0]]
                m, distant = self._candidates(
                    paragraph, lambda m: not m.is_person and not m.plural and (not types or m.source_type in types)
                )
                if m is not None:
                    r = self._from_mention(m, f"body->{m.canonical}" + (" (distant)" if distant else ""))
            if r is not None:
                return r
        # a role of a body pointed back to: "the ministry's spokesman" (the Russian Defence Ministry's)
        possessor = _owner_noun(toks[:1]) if definite and len(toks) >= 2 else ""
        if possessor:
            body = self._owner(possessor, paragraph)
            if body is not None and all(not _is_cap(t) or t.lower() in self.titles.terms for t in toks[1:]):
                return _Source(
                    body.canonical + " " + " ".join(t.lower() for t in toks[1:]), body.source_type, "", False, False,
                    frozenset(low), f"owner->{body.canonical}",
                )
        # a document speaks for its author: "a statement from the group X", "NSMN documentation", "a UN report"
        doc = None
        if not _DOCUMENT_NOUNS.isdisjoint(low):
            doc = next(k for k in range(len(low) - 1, -1, -1) if low[k] in _DOCUMENT_NOUNS)
        if doc is not None and not self._in_document:
            self._in_document = True
            try:
                r = None
                if doc + 2 < len(toks) + 1 and doc + 1 < len(toks) and low[doc + 1] in ("from", "by", "of"):
                    r = self._resolve_np(toks[doc + 2 :], paragraph)
                elif doc == len(toks) - 1 and doc > 0:
                    r = self._resolve_np(toks[:doc], paragraph)
            finally:
                self._in_document = False
            if isinstance(r, _Source) and r.source_type != "media":
                return _Source(r.canonical, r.source_type, r.gender, r.plural, r.is_person, r.roles, f"document->{r.canonical}")
        # 2. several sources joined by "and" ("the US and Turkey")
        if "and" in low:
            parts, cur = [], []
            for t in toks:
                if t.lower() == "and":
                    parts.append(cur)
                    cur = []
                else:
                    cur.append(t)
            parts.append(cur)
            if all(parts):
                out = []
                for p in parts:
                    r = self._resolve_np(p, paragraph, appositive)
                    if r is None:
                        out = None
                        break
                    out.extend(r if isinstance(r, list) else [r])
                if out:
                    return out
        # split head part / prepositional tail
        cut = len(toks)
        for i, t in enumerate(low):
            if i > 0 and t in _PREPOSITIONS and not (t in ("of", "for") and i + 1 < len(toks) and _is_cap(toks[i + 1]) and _is_cap(toks[i - 1])):
                cut = i
                break
        head, tail = toks[:cut], toks[cut:]
        # a verb inside the chunk means it is a clause, not a subject ("Witnesses described hearing ...")
        # (checked before the title terms are looked up: that lookup has no effect the check could see)
        title_words = self.titles.words
        cue_forms = self.cues.forms
        for t, lt in zip(head, low):
            if t[:1].islower() and lt not in title_words and (lt in cue_forms or (len(lt) > 4 and lt.endswith(("ed", "ing")))):
                return None
        full_text = phrase  # toks are unchanged since `phrase` was joined
        head_text = _join(head) if tail else full_text
        apps = _join(list(appositive)) if appositive else ""
        context = full_text + " , " + apps if apps else full_text
        terms = self._terms_in(context)
        if apps:
            # the phrase's own words decide over its appositive's ("according to the Syrian ... Ministry, the US raid was")
            # (without an appositive every term lies inside the phrase and the order stays)
            terms = [t for t in terms if t[4] > len(full_text)] + [t for t in terms if t[4] <= len(full_text)]
        head_terms = [t for t in terms if t[4] < len(head_text) + 1 and t[0] != "label"]
        found = self._gaz_in(full_text)
        head_found = [f for f in found if f[0] < len(head_text)] if found else found
        if head_terms and any(t[0] in ("government", "spokesperson") for t in head_terms):
            head_found = found
        bodies_found = [f for f in found if not f[2].is_person] if found else found
        if bodies_found:
            s0, e0, ent0 = max(bodies_found, key=lambda f: f[1] - f[0])
            if s0 == 0 and _BODY_OF.match(full_text, e0):
                # "Russian Reconciliation Center for Syria": the body named first, not the place after it
                return _Source(ent0.canonical, ent0.source_type, ent0.gender, False, False, ent0.roles, "gazetteer")
            if not tail and self._described_body(head_text, s0, e0):
                # "the official SANA news agency", "TASS news agency", "the Britain-based Syrian Observatory for
                # Human Rights war monitor": words saying what kind of body it is -> the gazetteer's name
                return _Source(ent0.canonical, ent0.source_type, ent0.gender, False, False, ent0.roles, "gazetteer")
            if tail and tail[0].lower() in ("with", "from", "of", "for") and s0 >= len(head_text) and ent0.source_type in _MEMBER_TYPES:
                if any(t[0] in ("witness", "ngo", "militant") for t in head_terms) and not any(
                    t[0] in ("government", "spokesperson") for t in head_terms
                ):
                    # "Syrian rescuers with the White Helmets": members speak for their group
                    return _Source(ent0.canonical, ent0.source_type, "", False, False, ent0.roles, f"member->{ent0.canonical}")
        persons = [(s, e, ent) for s, e, ent in head_found if ent.is_person and not full_text[e : e + 2] in ("'s", "’s")] if head_found else head_found
        if persons:
            s, e, ent = persons[-1]
            return _Source(ent.canonical, ent.source_type, ent.gender, False, True, ent.roles | frozenset(w.lower() for w in head), "name")
        # unknown person name: trailing run of capitalised non-term words in the head
        run = []
        title_terms = self.titles.terms
        aliases = gaz.aliases
        for t, lt in zip(reversed(head), reversed(low[: len(head)])):
            if not _is_cap(t) or lt in title_terms:
                break
            if run and t.endswith(_POSSESSIVE_ENDS):
                break  # "Fox News' Dana Pruitt", "Clinton's Brian Fallon": the name follows its owner
            bare = _strip_possessive(t)
            if bare.lower() in title_terms or t in aliases or bare in aliases:
                break
            if t in _NOT_NAMES or lt in _HONORIFICS:
                break
            run.append(t)
        run.reverse()
        if run and len(run) == len(head) and len(run) <= 5 and not head_found:
            # the whole head is capitalised words: a name or an unknown organisation
            run_terms = [t for t in head_terms]
            if run_terms and not (len(run) == 1 and run[0] in _NOT_NAMES):
                cat, stype, gender, term, _ = run_terms[-1]
                return self._typed_group(head, tail, terms, head_found, paragraph, definite, name_override=_join(run))
        if run and not head_text.endswith(("'s", "’s")) and len(run) <= 5 and run[-1].lower() not in self.titles.words:
            if len(run) == 1 and at_start and len(head) == 1 and run[0] in _NOT_NAMES:
                return None
            frame = self._frames[-1]
            owner = _owner_noun(appositive) or _owner_noun(head)
            if self._reads == frame[0]:
                frame[1] = (run, head, tail, terms, head_found, owner)
            return self._person(run, head, tail, terms, head_found, owner, paragraph)
        if head_found and not head_terms:
            # a body named inside the phrase, no role word: "Russia's Foreign Ministry" -> the body
            s, e, ent = head_found[-1]
            return _Source(ent.canonical, ent.source_type, ent.gender, False, ent.is_person, ent.roles, "gazetteer")
        if not head_terms and not head_found:
            return None
        # definite descriptions point back ("the spokeswoman", "the president", "the official")
        if definite and len(head) <= 4 and all(not _is_cap(t) or t.lower() in self.titles.terms for t in head) and not (
            tail and any(_is_cap(t) for t in tail)
        ):
            # (not "the president of the Foundation for Middle East Peace": a role of a named body introduces
            # someone new)
            r = self._resolve_description(head, paragraph)
            if r is not None:
                return r
        return self._typed_group(head, tail, terms, head_found, paragraph, definite, at_start=at_start)

    def _described_body(self, head: str, s: int, e: int) -> bool:
        """Whether the words of `head` around the gazetteer body at [s, e) only say what kind of body it is
        ("the official SANA news agency", "Russian state news agency TASS", "the Britain-based ... war
        monitor"): after it, only :data:`_BODY_KIND_WORDS`; before it, those, :data:`_BODY_QUALIFIERS`, a
        nationality or a "-based" place. A person's role ("Pentagon officials", "SANA reporter") is not."""
        after = _tokens(head[e:])
        before = _tokens(head[:s])
        if not after and not before:
            return False
        if any(t.lower() not in _BODY_KIND_WORDS for t in after):
            return False
        for t in before:
            lt = t.lower()
            if lt in _BODY_KIND_WORDS or lt in _BODY_QUALIFIERS or lt.endswith("-based"):
                continue
            if lt in self.titles.terms and self.titles.terms[lt][0] == "nationality":
                continue
            return False
        return True

    def _texts_with(self, needle: str) -> list[int]:
        """Indices of the units in :attr:`texts` that contain `needle`, ascending.

        Kept per needle and extended only over the units added since the last call, so looking up a
        surname in every later unit does not re-read the whole article each time.
        """
        seen, hits = self._needles.get(needle, (0, []))
        texts = self.texts
        if seen < len(texts):
            hits.extend([i for i in range(seen, len(texts)) if needle in texts[i]])  # (a list: faster than a generator)
            self._needles[needle] = (len(texts), hits)
        return hits

    def _earlier_full_name(self, surname: str, paragraph: int) -> _Source | None:
        """The full name an earlier unit of the article gives for `surname` ("envoy Bassam Sabbagh")."""
        texts = self.texts
        recent = len(texts) - _RECENT_UNITS
        for i in reversed(self._texts_with(surname)):  # a unit without the surname gives no span
            if i < recent:
                break
            src = self._full_name_in(texts[i], surname, paragraph)
            if src is not None:
                return src
        return None

    def _later_full_name(self, surname: str, paragraph: int) -> _Source | None:
        """The full name a later unit of the article gives for `surname`, read ahead: the codebook's "A
        speaker named only by surname gets the full name the article gives elsewhere" also covers a
        headline "Khatibzadeh: ..." or "Marlow says ..." whose body names "Saeed Khatibzadeh" further down.
        The first later unit (within :data:`_RECENT_UNITS`) that gives one decides, when every word of
        it before the surname reads as a given name (:meth:`_given_names`: not "For Obama", "Gov. Mike
        Pence", "Los Angeles-area Sanders"). Only for a headline (the body gives a full name at its first
        mention; a surname in the body before it is the headline's person, filed by :meth:`_remember`)
        and for a surname no earlier unit has given a full name for (see :meth:`_person`)."""
        texts = self._article_texts
        here = len(self.out)  # the unit being coded (its index in the article); the units after it are read ahead
        for i in range(here + 1, min(len(texts), here + 1 + _RECENT_UNITS)):
            text = texts[i]
            if isinstance(text, str) and surname in text:
                src = self._full_name_in(text, surname, paragraph)
                if src is not None and self._given_names(src.canonical.split()[:-1]):
                    return src
        return None

    def _given_names(self, words: list[str]) -> bool:
        """Whether `words` (before a surname) read as given names: one or two capitalised words of letters
        (inner hyphens and apostrophes between capitals: "Jean-Pierre"), none a title ("Gov.",
        "Chairman"), a sentence opener ("For", "Following") or another word the coder knows as something else."""
        if not 1 <= len(words) <= MAX_GIVEN_NAMES:
            return False
        for w in words:
            lw = w.lower()
            if (
                not all(p.isalpha() and p[0].isupper() and not p.isupper() for p in _GIVEN_NAME_MARKS.split(w))
                or w in _NOT_NAMES or lw in _PREPOSITIONS or lw in _BOUNDARY_WORDS
                or lw in _AUX_ADVERBS or lw in self.titles.words or lw in _GIVEN_NAME_STOPS or lw.endswith("ing")
            ):
                return False
        return True

    def _full_name_in(self, text: str, surname: str, paragraph: int) -> _Source | None:
        """The person "Given Names Surname" that `text` names (with the title words before it), or None."""
        span = _name_before(text, surname)
        if span is None:
            return None
        toks = _tokens(text[max(0, span[0] - 80) : span[1]])
        keep = []
        for t in reversed(toks):
            if t in (",", ";", ":", "(", ")", '"', "“", "”", ".") or t.lower() in _BOUNDARY_WORDS:
                break
            keep.insert(0, t)
        keep = keep[-MAX_SUBJECT_TOKENS:]
        src = self._resolve_np(keep, paragraph) if len(keep) >= 2 else None
        if isinstance(src, _Source) and src.is_person and src.canonical.endswith(surname) and src.canonical != surname:
            return _Source(src.canonical, src.source_type, src.gender, src.plural, src.is_person, src.roles, f"surname->{src.canonical}")
        return None

    def _type_from(self, terms, found, *, default: str | None = None) -> str | None:
        """Source type from title terms and gazetteer bodies in a phrase (see source_titles.tsv)."""
        cats = [t[0] for t in terms]
        if "former" in cats:
            former_at = next(t[4] for t in terms if t[0] == "former")
            gov_at = [t[4] for t in terms if t[0] in ("government", "spokesperson")]
            office_before = any(t[3].lower() in _SITTING_TITLES and t[4] < former_at for t in terms)
            if not office_before or any(p > former_at for p in gov_at):
                return "expert"
            # "Rep. Mark Delaney, a former Green Beret": a sitting legislator, and nothing official was former
        nationality = next((t[1] for t in reversed(terms) if t[0] == "nationality"), None)
        gov = [t for t in terms if t[0] in ("government", "spokesperson")]
        other = [t for t in terms if t[0] in ("witness", "ngo", "expert", "media", "militant", "organisation")]
        bodies = [ent for _, _, ent in found if not ent.is_person]
        if terms and terms[-1][0] == "organisation":
            return terms[-1][1]  # "Northern Syria Relief Network": the organisation word, not the place in it
        if nationality and gov:
            return nationality
        if bodies:
            return bodies[-1].source_type
        if gov and other:
            first_other = other[0]
            return first_other[1] if first_other[4] < gov[-1][4] else gov[-1][1]
        if other:
            return other[-1][1]
        if gov:
            return gov[-1][1]
        if nationality:
            return nationality
        return default

    def _typed_group(self, head, tail, terms, found, paragraph, definite, name_override=None, at_start=False):
        cats = [t[0] for t in terms]
        bodies = [ent for _, _, ent in found if not ent.is_person]
        gender = next((t[2] for t in terms if t[2]), "")
        head_low = [t.lower() for t in head]
        spokes = any(t[0] == "spokesperson" for t in terms if t[3] in " ".join(head_low))
        if spokes and bodies:
            ent = bodies[-1]
            return _Source(ent.canonical, ent.source_type, "", False, False, ent.roles, "spokesperson->body")
        if spokes and len(tail) > 1 and tail[0].lower() in ("for", "of"):
            # "a spokesman for the group", "a spokeswoman for the Levant Relief Alliance": a spokesperson of a
            # body is the body (the convention of "a Pentagon spokesman"), also when the body is named after
            # the role or pointed back to ("the group", "the ministry")
            body = self._resolve_np(tail[1:], paragraph)
            if isinstance(body, _Source) and not body.is_person and not body.plural:
                return _Source(body.canonical, body.source_type, "", False, False, body.roles, f"spokesperson->{body.canonical}")
        if spokes and definite and not bodies:
            m, distant = self._candidates(paragraph, lambda m: not m.is_person and not m.plural)
            if m is not None and head_low[-1] == "statement":
                return self._from_mention(m, f"statement->{m.canonical}")
        stype = self._type_from(terms, found)
        if stype is None:
            return None
        if name_override is None and "organisation" in cats and _proper_name(head):
            name_override = _join(head)  # "Levant Relief Alliance": an organisation's name keeps its case
        name = name_override or self._group_name(head, at_start)
        if not name:
            return None
        plural = head_low[-1].endswith("s") and not head_low[-1].endswith("ss")
        name = " ".join(self.titles.adjective.get(w.lower(), w) if w.lower() in self.titles.adjective else w for w in name.split())
        if not bodies and not any(t[0] in ("nationality", "witness", "ngo", "expert", "media", "militant", "former", "organisation") for t in terms):
            generic = [t for t in terms if t[0] in ("government", "spokesperson") and (t[1] == "other_government" or t[3] in _EVENT_DEFAULT_TERMS)]
            gov_words = {w for t in generic for w in t[3].split()}
            if gov_words and len(generic) == len([t for t in terms if t[0] in ("government", "spokesperson")]):
                # a government role with no state named: the state of the unit or of the dateline
                local = "local" in head_low
                self._reads += 1  # the unit's text and the dateline
                ctx = self._context_nationality(local=local)
                nat = (ctx or self._home) if (plural or local) else (self._home or ctx)
                prefix = ""
                if nat is not None:
                    stype = nat[1]
                    prefix = "" if local else nat[0]
                elif stype == "us_government" and any(t[3] in _EVENT_DEFAULT_TERMS for t in generic):
                    prefix = "US"
                if head_low[-1] in _UNNAMED_PERSON_HEADS:
                    # unnamed people are named by what the article calls them (codebook): "officials", not
                    # "US officials"; only their type comes from the state of the unit or dateline. A body
                    # ("the Foreign Ministry") keeps its state: that is its canonical name.
                    prefix = ""
                if prefix and prefix.lower() not in name.lower().split():
                    words = name.split()
                    at = 0 if head[0][:1].isupper() or words[0][:1].isupper() else next((k for k, w in enumerate(words) if w.lower() in gov_words), 0)
                    name = " ".join(words[:at] + [prefix] + words[at:])
        return _Source(name, stype, gender, plural, False, frozenset(head_low), "role")

    def _context_nationality(self, *, local: bool = False) -> tuple[str, str] | None:
        """(adjective, source_type) of the first state named by an adjective in the current unit
        ("U.S. raid ..., officials say"); with `local`, states other than the US only."""
        text = self._unit_text
        for _, end, term in _title_matches(self.titles, text):
            cat, stype, _ = self.titles.terms[term]
            adj = self.titles.adjective.get(term)
            if cat != "nationality" or not adj or (local and stype == "us_government"):
                continue
            nxt = text[end : end + 20].split()[:1]
            if nxt and nxt[0].strip(".,;:").lower() in _PEOPLE_NOUNS:
                continue
            return adj, stype
        return None

    def _group_name(self, head: list[str], at_start: bool = False) -> str:
        """Name an unnamed source by what the article calls it, in running-text case."""
        out = []
        for i, t in enumerate(head):
            lt = t.lower()
            if lt in self.titles.cased:
                out.append(self.titles.cased[lt])
            elif lt in _COMMON_MODIFIERS or (i == 0 and at_start and t not in self.gaz.aliases and not t.isupper()):
                out.append(lt)
            else:
                out.append(t)
        return _join(out)

    def _person(self, run, head, tail, terms, found, owner, paragraph):
        name_toks = [t for t in run]
        if name_toks and name_toks[0].lower() in _HONORIFICS:
            name_toks = name_toks[1:]
        name = _join(name_toks)
        name = _INITIAL.sub("", name + " ").strip() if len(name_toks) > 2 else name
        gender = next((t[2] for t in terms if t[2]), "")
        lowhead = [t.lower() for t in head]
        for h in lowhead:
            if h in _HONORIFICS and _HONORIFICS[h]:
                gender = _HONORIFICS[h]
        ent = self.gaz.aliases.get(name) or (self.gaz.surnames.get(name) if len(name_toks) == 1 else None)
        if ent is not None:
            return _Source(ent.canonical, ent.source_type, ent.gender, False, True, ent.roles | frozenset(lowhead), "surname->" + ent.canonical)
        self._reads += 1  # the persons named so far (and earlier units, below)
        # (a full name ending in this surname would be found here too: _remember files every person's
        # canonical name, and each one with a space under its last word, so no search of the keys is needed)
        known = self.state.names.get(name)
        if known is None and len(name_toks) == 1 and name[:1].isupper() and not self._looking_up:
            self._looking_up = True
            try:
                known = self._earlier_full_name(name, paragraph)
                if known is None and self._unit_kind == "headline":
                    known = self._later_full_name(name, paragraph)
            finally:
                self._looking_up = False
        stype = self._type_from([t for t in terms], [f for f in found])
        if known is not None:
            rule = "name" if known.canonical == name else f"surname->{known.canonical}"
            return _Source(known.canonical, stype or known.source_type, gender or known.gender, False, True, known.roles | frozenset(lowhead), rule)
        if stype is None and owner:
            # "the organisation's Syria director, Hala Darwish": typed like the body the possessive points back to
            body = self._owner(owner, paragraph)
            stype = body.source_type if body is not None else None
        if stype is None and " " in name:
            stype = self._introduced_type(name)
        return _Source(name, stype or UNKNOWN_PERSON_TYPE, gender, False, True, frozenset(lowhead), "name" if stype else "name (untyped)")

    def _introduced_type(self, name: str) -> str | None:
        """Type of a person from an earlier introduction "a local journalist, Hadi Mansour," in the article."""
        key = ", " + name
        texts = self.texts
        recent = len(texts) - _RECENT_UNITS
        for i in reversed(self._texts_with(key)):  # a unit without the key is skipped below anyway
            if i < recent:
                break
            text = texts[i]
            k = text.find(key)
            if k <= 0:
                continue
            desc = _tokens(text[max(0, k - 60) : k])
            cut = max((n + 1 for n, t in enumerate(desc) if t in _SEGMENT_STOPS or t == "."), default=0)
            terms = self._terms_in(" ".join(desc[cut:]))
            stype = self._type_from(terms, [])
            if stype is not None:
                return stype
        key = name + ", "
        for i in reversed(self._texts_with(key)):
            if i < recent:
                break
            text = texts[i]
            k = text.find(key)
            # "we're joined by Sami Darwish, a Syrian journalist based in Gaziantep": the appositive after it
            desc = _tokens(text[k + len(key) : k + len(key) + _INTRODUCTION_WINDOW])
            if not desc or desc[0].lower() not in ("a", "an", "the"):
                continue
            cut = next((n for n, t in enumerate(desc) if t in _SEGMENT_STOPS or t == "."), len(desc))
            stype = self._type_from(self._terms_in(" ".join(desc[:cut])), [])
            if stype is not None:
                return stype
        return None

    # ----------------------------------------------------------- subjects
    def _left_subject(self, masked: str, start: int, paragraph: int, headline: bool):
        """The subject before a cue at `start`: (source(s), rule, tokens) or (None, reason, tokens).

        The subject is looked for in the tokens of the :data:`LEFT_WINDOW` characters before the cue.
        Most subjects end a few words before it, so the tokens after the first space (or masked
        quotation character) of the last :data:`_NEAR_WINDOW` characters are read first. No token
        contains a space, and a masked character is a token of its own, so those tokens are exactly
        the last tokens of the whole window (tokenising restarts after either); when the walk back
        would need a token before them (see :meth:`_subject_in`), the whole window is tokenised.
        """
        lo = max(0, start - LEFT_WINDOW)
        near = start - _NEAR_WINDOW
        if near > lo:
            # cut after the first space or masked character: no token contains a space, and a masked
            # character (not a word character, apostrophe, hyphen or dot) is always a token of its own
            cut = masked.find(" ", near, start)
            masked_at = masked.find(_QMARK, near, cut if cut != -1 else start)
            if masked_at != -1:
                cut = masked_at
            if cut != -1:
                found = self._subject_in(_tokens(masked[cut + 1 : start]), masked, start, paragraph, complete=False)
                if found is not _RETRY:
                    return found
        return self._subject_in(_tokens(masked[lo:start]), masked, start, paragraph, complete=True)

    def _subject_in(self, toks: list[str], masked: str, start: int, paragraph: int, *, complete: bool):
        """:meth:`_left_subject` on `toks`, the tokens before the cue at `start`.

        With ``complete=False``, `toks` are only the last tokens of the window. Every test below reads
        tokens counted back from the end, so it reads the same tokens as on the whole window, except
        where it would reach before the first of `toks` or asks whether it has reached it (``i > 0``,
        ``j > 1``, ``j == 0``, a relative pronoun or comma that sends the walk further back): there it
        returns :data:`_RETRY` before anything with an effect (resolving a phrase) has happened.
        """
        i = len(toks)
        terms = self.titles.terms
        # skip auxiliaries, adverbs, "on Thursday" and "in the past"; a negation means no speech event
        while i > 0:
            lt = toks[i - 1].lower()
            if lt in _AUX_ADVERBS or lt == "n't":
                if lt in _NEGATIONS:
                    return None, "negated", []
                i -= 1
            elif lt.endswith("ly") and len(lt) >= _MIN_LY_ADVERB and toks[i - 1][:1].islower() and lt not in _LY_NOUNS and lt not in terms:
                i -= 1  # any adverb in -ly: "have strongly condemned", "jointly said"
            elif i < 3 and not complete:
                return _RETRY  # "in the past" needs the two tokens before
            elif i >= 3 and (toks[i - 3].lower(), toks[i - 2].lower()) in _TIME_PP_HEADS and lt in _TIME_PP_NOUNS:
                i -= 3
            else:
                break
        if i == 0 and not complete:
            return _RETRY
        prev = lt if i > 0 else ""  # toks[i - 1].lower(): the loop above stopped at it
        if prev in _PASSIVE_AUX and masked[start : start + 30].split(" ", 1)[0].lower().endswith("ing"):
            i -= 1  # progressive: "the organisation is calling for"
            while i > 0 and toks[i - 1].lower() in _AUX_ADVERBS:
                i -= 1
            if i == 0 and not complete:
                return _RETRY
            prev = toks[i - 1].lower() if i > 0 else ""
        elif prev in _PASSIVE_AUX or prev.endswith(_BE_CONTRACTIONS):
            return None, "passive", []
        if prev == "to":
            return None, "infinitive", []
        if prev in _MODALS:
            return None, "future", []
        end = i
        j = i
        while j > 0:
            if j < 2 and not complete:
                return _RETRY  # the tests below read toks[j - 2] or ask whether j > 1
            t = toks[j - 1]
            if t in _SUBJECT_STOPS or ((t == "-" or t == ".") and j > 1):
                break
            lt = t.lower()
            if lt in _BOUNDARY_WORDS:
                break
            if lt == "and":
                if not (j > 1 and (toks[j - 2][:1].isupper() or toks[j - 2].lower() in terms)):
                    break
            j -= 1
            if end - j > MAX_SUBJECT_TOKENS + 2:
                return None, "too long", []
        # from here on (complete or not) j >= 2 or the tokens are the whole window
        chunk = toks[j:end]
        if chunk and chunk[0] in _QUESTION_AUX and (j == 0 or toks[j - 1] in (":", _QMARK, ",")):
            return None, "question", []  # "Was Turkey told before the raid?", "Did Biden say ...?"
        if chunk and chunk[0] in _QUESTION_INVERSION:
            return None, "question", []  # "And what are people there saying?", "why do officials say ..."
        if chunk and chunk[0].lower() in _PREPOSITIONS:
            # a fronted adverbial: "In 2021 the Pentagon admitted" -> "the Pentagon"
            k = 0
            while k < len(chunk) and (chunk[k].lower() in _PREPOSITIONS or chunk[k][:1].isdigit() or chunk[k].lower() in _AUX_ADVERBS):
                k += 1
            chunk = chunk[k:]
            j += k
        if chunk and chunk[0].lower() in _DETERMINERS and len(chunk) == 1:
            return None, "determiner", []
        rel = toks[j - 1].lower() if j > 0 else ""
        if rel in _RELATIVES and j > 1:
            if not complete:
                return _RETRY  # the antecedent lies further back
            # "Syria's government, which calls ...", "a family who say ...", "residents who stayed say ..."
            src = self._relative_antecedent(toks, j - 1, paragraph) if not chunk else None
            if src is None and chunk and rel != "that" and chunk[0][:1].islower() and chunk[0].lower() not in _DETERMINERS:
                src = self._relative_antecedent(toks, j - 1, paragraph)
            if src is not None:
                return src, "relative", chunk
        if not chunk:
            if j > 0 and toks[j - 1] == ",":
                if not complete:
                    return _RETRY  # the appositive's segments lie further back
                return self._appositive_subject(toks, j - 1, paragraph)
            if j > 1 and toks[j - 1].lower() == "and" and toks[j - 2] not in _SEGMENT_STOPS:
                return None, "coordinated", []  # "X summoned the envoy and said": the caller takes X
            return None, "no subject", []
        # a determiner-led noun ("the reported deaths") is not a speech verb: caught by the caller
        src = self._resolve_np(chunk, paragraph, at_start=(j == 0))
        if src is None:
            if "and" in chunk[1:]:
                return None, "coordinated", chunk
            return None, "not a source", chunk
        return src, "subject-verb", chunk

    def _np_before(self, toks: list[str], k: int) -> tuple[int, list[str]]:
        """(start, tokens) of the phrase ending before index `k`, back to a delimiter or boundary word."""
        q = k
        while q > 0 and toks[q - 1] not in _SEGMENT_STOPS and toks[q - 1].lower() not in _BOUNDARY_WORDS and k - q <= MAX_SUBJECT_TOKENS:
            q -= 1
        return q, toks[q:k]

    def _relative_antecedent(self, toks: list[str], k: int, paragraph: int):
        """The noun phrase a relative pronoun at `k` refers to, resolved, or None."""
        if k > 0 and toks[k - 1] == ",":
            k -= 1
        q, np_ = self._np_before(toks, k)
        while np_ and np_[0].lower() in ("and", "but", "or"):
            q, np_ = q + 1, np_[1:]
        if not np_ or np_[0].lower() in _PREPOSITIONS:
            return None
        return self._resolve_np(np_, paragraph, at_start=q == 0)

    def _appositive_subject(self, toks: list[str], comma: int, paragraph: int):
        """Subject of "NAME, APPOSITIVE, ..., said": up to :data:`MAX_APPOSITIVE_SEGMENTS` comma-separated
        segments back. Relative clauses ("who owns a shop"), ages ("54") and interposed adverbials
        ("through its radio station") are skipped; "known as the White Helmets" renames the subject."""
        segs = []  # nearest first: (start, tokens)
        k = comma
        while k > 0 and len(segs) < MAX_APPOSITIVE_SEGMENTS:
            q = k
            while q > 0 and toks[q - 1] not in _SEGMENT_STOPS and k - q <= MAX_APPOSITIVE_TOKENS:
                q -= 1
            segs.append((q, toks[q:k]))
            if q == 0 or toks[q - 1] != ",":
                break
            k = q - 1
        if len(segs) < 2:
            return None, "no subject", []
        # the subject is the first segment that starts a clause; the others describe it
        head_i = len(segs) - 1
        hq, head = segs[head_i]
        while head_i > 1 and head and (
            head[0].lower() in _BOUNDARY_WORDS or head[0].lower() in _ADVERBIAL_STARTS
            or (head[0].lower().endswith("ing") and len(head[0]) >= _MIN_PARTICIPLE and head[0].lower() not in self.titles.words)
            or (head[0].lower().endswith("ed") and len(head) > 1 and head[1].lower() in _PREPOSITIONS)
        ):
            # "Responding to the reports, the group's director, X, said", "Asked about the toll, ...": a fronted
            # participial clause is not the subject
            head_i -= 1
            hq, head = segs[head_i]
        for k in range(head_i - 1, 0, -1):
            if segs[k][1] and segs[k][1][0].lower() in ("and", "but"):
                # "By dawn the house was gone, and the White Helmets, the rescue group, said": a coordinated
                # clause starts at the conjunction
                head_i = k
                hq, head = segs[k][0] + 1, segs[k][1][1:]
                break
        cut = 0
        for n, t in enumerate(head):
            if t.lower() in _BOUNDARY_WORDS:
                cut = n + 1
        head = head[cut:]
        if not head or len(head) > MAX_SUBJECT_TOKENS:
            return None, "no subject", []
        appos, renamed = [], None
        for _, seg in reversed(segs[:head_i]):
            low0 = seg[0].lower() if seg else ""
            if not seg or low0 in _RELATIVES or low0 in _BOUNDARY_WORDS or low0 in _ADVERBIAL_STARTS or all(t[:1].isdigit() for t in seg):
                continue  # a relative clause, an adverbial or an age
            if [t.lower() for t in seg[:2]] == ["known", "as"] or [t.lower() for t in seg[:3]] == ["also", "known", "as"]:
                renamed = seg[seg.index("as") + 1 :] if "as" in seg else None
                continue
            appos.append(seg)
        if renamed:
            src = self._resolve_np(renamed, paragraph)
            if isinstance(src, _Source) and not src.is_person and src.rule in ("gazetteer",):
                return src, "appositive", renamed
        if len(appos) == 1:
            ap = appos[0]
            if all(_is_cap(t) or t in ("-", ".") for t in ap) and len(ap) <= 5:
                # "A spokesman for the group, Farhad Shami, said": the name is the appositive
                src = self._resolve_np(ap, paragraph, appositive=head)
                if isinstance(src, _Source) and src.is_person:
                    # the description is remembered with the name: "the minister" later points back to
                    # "Somalia's information minister, Abdikarim Warsame Jibril," (codebook: descriptions
                    # that point back to a named speaker)
                    return src, "appositive", ap + self._role_words(head)
        flat = [t for ap in appos for t in ap]
        src = self._resolve_np(head, paragraph, appositive=flat, at_start=hq + cut == 0)
        if src is not None:
            # a person's appositive description ("Rana Khoury, Jordan's foreign minister,") is remembered
            # with the name, for a later "the minister"
            return src, "appositive", head + self._role_words(flat) if isinstance(src, _Source) and src.is_person else head
        return None, "no subject", []

    def _role_words(self, description: list[str]) -> list[str]:
        """The role words of a person's description ("Somalia's information minister" -> information,
        minister) that a later "the minister" may point back with: title-table words, not documents; none
        for a former role ("a former governor" is not "the governor" of a later sentence)."""
        low = [t.lower() for t in description]
        if "former" in low or "ex" in low:
            return []
        return [t for t in low if t in self.titles.words and t not in _DOCUMENT_NOUNS]

    def _named_np(self, toks: list[str], appos: list[str], paragraph: int):
        """Resolve a noun phrase to the right of a cue; a name in apposition wins ("says Mr Rahimi's
        elder brother, Noorullah," is Noorullah, typed by the description)."""
        if appos and len(appos) <= 5 and all(_is_cap(t) or t in ("-", ".") for t in appos) and not any(
            t.lower() in self.titles.terms for t in appos
        ):
            src = self._resolve_np(appos, paragraph, appositive=toks)
            if isinstance(src, _Source) and src.is_person:
                return src
        return self._resolve_np(toks, paragraph, appositive=appos)

    def _right_np(self, masked: str, pos: int, *, stop_as: bool = False):
        """Tokens of the noun phrase starting at `pos` and the appositive after it."""
        toks = _tokens(masked[pos : pos + RIGHT_WINDOW])
        out = []
        i = 0
        while i < len(toks) and len(out) <= MAX_SUBJECT_TOKENS:
            t = toks[i]
            lt = t.lower()
            if t in (",", ";", ":", ".", "(", ")", _QMARK, '"', "“", "”", "—", "–", "!", "?"):
                break
            if stop_as and lt == "as":
                break
            if out and lt in _BOUNDARY_WORDS:
                break
            if out and lt in _PREPOSITIONS and not (lt in ("of", "for") and i + 1 < len(toks) and _is_cap(toks[i + 1])) and not (
                lt in ("from", "by", "of") and out[-1].lower() in _DOCUMENT_NOUNS
            ):
                break
            if out and lt in self.cues.forms:
                break
            if out and lt in ("familiar", "speaking", "said", "says", "who", "briefed", "reached", "contacted", "quoted", "cited"):
                break
            out.append(t)
            i += 1
        appos = []
        if i < len(toks) and toks[i] == ",":
            k = i + 1
            while k < len(toks) and toks[k] not in (",", ".", ";", _QMARK, '"') and len(appos) < MAX_APPOSITIVE_TOKENS:
                appos.append(toks[k])
                k += 1
        return out, appos

    # ------------------------------------------------------------ a unit
    def code(self, text: str, kind: str, paragraph: int) -> list[Attribution]:
        st = self.state
        if kind == "boilerplate":
            return []
        self._unit_kind = kind
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        attrs: list[Attribution] = []
        new_para = paragraph != st.paragraph
        body = text
        turn_attr = None
        if kind == "headline":
            st.depth = 0
            st.quote_speaker = None
        elif new_para:
            st.paragraph = paragraph
            if st.pending_whole:  # (with none pending, ending a paragraph has nothing to do)
                self._end_paragraph(paragraph)
            if st.depth == 0:
                st.pending = []  # a closed quotation left untagged is not the next paragraph's speaker's
            lab = _TRANSCRIPT_LABEL.match(text) if st.transcript_labels else None
            if lab is not None:
                turn_attr = self._turn(lab.group("label"), paragraph)
                if turn_attr is not None:
                    st.turn = turn_attr
                    body = text[lab.end():]
                    st.depth = 0
                    st.quote_speaker = None
            elif st.transcript_labels < 2:
                st.turn = None
        if kind != "headline" and st.turn is not None:
            a = st.turn
            attrs.append(Attribution(a.speaker, a.source_type, "transcript", False, "transcript-turn", -3))
        if kind == "sentence" and paragraph in self._tweets:
            # an embedded tweet ("... pic.twitter.com/x — Name (@handle) February 3, 2022"): its author's
            src = self._resolve_np(_tokens(self._tweets[paragraph]), paragraph)
            for x in src if isinstance(src, list) else ([src] if src else []):
                attrs.append(Attribution(x.canonical, x.source_type, "tweet", False, "tweet" + self._rule_suffix(x), -3))
        # ---- quotation structure
        if kind != "headline" and new_para and st.depth > 0:
            s = body.lstrip()
            if s[:1] in _QUOTE_CHARS:
                lead = len(body) - len(s)
                body = body[:lead] + " " + body[lead + 1 :]
            else:
                st.depth = 0
                st.quote_speaker = None
                st.pending = []
        if "''" in body:
            # ''...'' (doubled apostrophes, some US papers' quotation marks) -> one mark, same length
            body = _DOUBLE_APOS_OPEN.sub(' "', _DOUBLE_APOS_CLOSE.sub('" ', body))
        starts_inside = st.depth > 0 if kind != "headline" else False
        masked, depth_end, first_close, first_open = self._mask(body, st.depth if kind != "headline" else 0)
        if kind == "headline":
            masked = _SINGLE_QUOTED.sub(lambda m: _QMARK * len(m.group(0)), masked)
        self._deferred = []
        self._unit_text = body
        # (a tag has a hyphen: the one-character test, ~3x faster than the three pairs, rules out most units)
        if "-" in masked and ("D-" in masked or "R-" in masked or "I-" in masked) and _PARTY_TAG.search(masked):
            masked = _PARTY_TAG.sub(self._blank_party_tag, masked)
        if len(self.out) == self._dateline_unit:
            d = _DATELINE.match(masked)
            if d is not None:
                masked = " " * d.end() + masked[d.end() :]
        try:
            low = masked.lower()
            cue_hits = self.cues.finditer(masked, low)
            # prefilter: no cue form and no "according to" means no speech event detected in the unit
            found = self._detect(body, masked, paragraph, kind, low, cue_hits) if cue_hits or "according to" in low else []
            if kind == "headline":
                found = self._headline(body, masked, paragraph) + found
        finally:
            deferred, self._deferred = self._deferred, None
        self._mentions(body, paragraph)
        self.texts.append(body)
        for src, para, words in deferred:
            self._remember(src, para, words)
        # ---- carry-over and pending quotations
        if kind != "headline":
            stripped = body.strip()
            whole_quote = (
                not attrs
                and not starts_inside
                and stripped[:1] in _QUOTE_CHARS
                and depth_end == 0
                and first_close is not None
                and first_close >= len(body.rstrip()) - 2
            )
            tag = None
            if found:
                closes = first_close if first_close is not None else -1
                after = [a for a in found if a.position >= closes] if (starts_inside or first_close is not None) else []
                tag = after[0] if after else (found[0] if first_open is not None else None)
            if starts_inside:
                if st.quote_speaker is not None:
                    q = st.quote_speaker
                    attrs.append(Attribution(q.speaker, q.source_type, q.cue, q.distancing, "carry-over quote", -2))
                elif tag is not None and (first_close is not None):
                    self._flush(tag)
                elif first_close is None or depth_end > 0:
                    st.pending.append(len(self.out))
            if st.colon_tag is not None and st.colon_tag[1] == len(self.out) - 1 and stripped[:1] in _QUOTE_CHARS and not found and not attrs:
                st.last_quote = (st.colon_tag[0], paragraph)  # 'X said:' then '"...' (next unit, any paragraph)
            st.colon_tag = (found[-1], len(self.out)) if found and stripped.endswith(":") else None
            resumed = (
                not found and not starts_inside and first_open is not None and st.last_quote is not None
                and st.last_quote[1] == paragraph and not attrs
            )
            if resumed:
                # a quotation resumed after its tag in the same paragraph: '"...," said X. "More words."'
                q = st.last_quote[0]
                attrs.append(Attribution(q.speaker, q.source_type, q.cue, q.distancing, "resumed quote", -2))
            if depth_end > 0:
                if starts_inside and first_close is None:
                    pass
                elif resumed:
                    st.quote_speaker = st.last_quote[0]
                else:
                    if found:
                        st.quote_speaker = tag if tag is not None else found[-1]
                    elif not starts_inside or first_close is not None:
                        st.quote_speaker = None
                        st.pending.append(len(self.out))
            else:
                if first_close is not None or first_open is not None:
                    st.quote_speaker = None
            if tag is not None and (first_close is not None or starts_inside):
                self._flush(tag)
                st.last_quote = (tag, paragraph)
            if whole_quote and not found and not attrs:
                st.pending_whole.append((len(self.out), paragraph))
            elif st.pending_whole and not stripped[:1] in _QUOTE_CHARS and first_open is None and not starts_inside and not found:
                self._flush_whole(paragraph)  # (with none pending it has nothing to do)
            st.depth = depth_end
        attrs.extend(found)
        return attrs

    def _mentions(self, text: str, paragraph: int) -> None:
        """Remember the persons and bodies a unit names (for later pronouns and "the two countries")."""
        if self.gaz.pattern is None:
            return
        first = self.gaz.fast.search(text)
        if first is None:
            return  # most units name no one the gazetteer lists: one search, no list
        for s, e, ent in self._gaz_in(text, first):
            words = _words_before(text, s, self.titles.words)
            self._remember(_Source(ent.canonical, ent.source_type, ent.gender, False, ent.is_person, ent.roles), paragraph, words)

    def _flush(self, tag: Attribution):
        st = self.state
        for idx in st.pending + [i for i, _ in st.pending_whole]:
            if idx < len(self.out) and not any(a.speaker == tag.speaker for a in self.out[idx]):
                self.out[idx].append(Attribution(tag.speaker, tag.source_type, tag.cue, tag.distancing, "carry-over quote", -1))
        st.pending = []
        st.pending_whole = []
        st.last_quote = (tag, st.paragraph)

    def _flush_whole(self, paragraph: int):
        st = self.state
        if st.pending_whole and st.last_quote is not None:
            q = st.last_quote[0]
            for idx, para in st.pending_whole:
                if idx < len(self.out) and not self.out[idx] and 0 <= para - st.last_quote[1] <= 1:
                    self.out[idx].append(
                        Attribution(q.speaker, q.source_type, q.cue, q.distancing, f"untagged quote->{q.speaker}", -1)
                    )
        st.pending_whole = []

    def _end_paragraph(self, paragraph: int):
        self._flush_whole(paragraph)

    def _mask(self, text: str, depth: int):
        """Mask quoted text; returns (masked, depth at end, first close offset, first open offset)."""
        if not _QUOTE_RE.search(text) and depth == 0:
            return text, 0, None, None
        spans: list[list[int]] = []  # masked [start, end) ranges, ascending and disjoint
        first_close = first_open = None
        start = 0 if depth > 0 else None
        n = len(text)
        for m in _QUOTE_RE.finditer(text):
            p = m.start()
            c = text[p]
            before = text[p - 1] if p > 0 else " "
            after = text[p + 1] if p + 1 < n else " "
            if c in _OPENERS:
                opening = True
            elif c in _CLOSERS:
                opening = False
            else:
                if before.isspace() or before in "([{—–-/" or p == 0:
                    opening = not (after.isspace() or after in ".,;:!?" or p + 1 >= n)
                elif after.isspace() or after in ".,;:!?)]—–-" or p + 1 >= n:
                    opening = False
                else:
                    opening = depth == 0
            if opening:
                if depth == 0:
                    start = p
                    if first_open is None:
                        first_open = p
                depth = min(depth + 1, 2)
            else:
                if depth == 0:
                    # a close with no open: what came before was quoted
                    start = 0
                    depth = 1
                depth -= 1
                if depth == 0:
                    _add_span(spans, start, p + 1)
                    if first_close is None:
                        first_close = p
                    start = None
        if depth > 0 and start is not None:
            _add_span(spans, start, n)
            depth = 1
        pieces = []
        last = 0
        for a, b in spans:
            pieces.append(text[last:a])
            pieces.append(_QMARK * (b - a))
            last = b
        pieces.append(text[last:])
        return "".join(pieces), depth, first_close, first_open

    def _blank_party_tag(self, m: re.Match) -> str:
        """Blank a legislator's party tag (:data:`_PARTY_TAG`); keep one comma when an appositive follows."""
        nxt = m.group("next")
        tag = m.group(0)[: len(m.group(0)) - len(nxt)]
        word = nxt.strip().lower()
        if word and tag.endswith(",") and word not in self.cues.forms:
            return "," + " " * (len(tag) - 1) + nxt  # "Rep. X, R-Texas, a former Green Beret, wrote"
        return " " * len(tag) + nxt

    # ------------------------------------------------------------ detection
    def _detect(self, text: str, masked: str, paragraph: int, kind: str, low: str, cue_hits: list) -> list[Attribution]:
        out: list[Attribution] = []
        headline = kind == "headline"
        for m in _ACCORDING.finditer(masked) if "according to" in low else ():
            toks, appos = self._right_np(masked, m.end())
            src = self._resolve_np(toks, paragraph, appositive=appos) if toks else None
            for s in src if isinstance(src, list) else ([src] if src else []):
                out.append(Attribution(s.canonical, s.source_type, "according to", False, "according-to" + self._rule_suffix(s), m.start()))
                self._remember(s, paragraph)
        if not self.cues.forms:
            return out
        n = 0
        for s, e, form in cue_hits:
            n += 1
            if n > MAX_CUES_PER_UNIT:
                break
            lemma, dist, needs = self.cues.forms[form.lower()]
            if not headline and form[:1].isupper() and s > 0 and masked[:s].strip(" " + _QMARK) != "":
                continue  # a proper noun ("Islamic State", "Call of Duty") mid-sentence
            nxt = masked[e : e + 12].lower()
            if nxt.startswith((" to have", " to be", " to ")) and lemma in ("say", "report", "claim", "allege", "purport"):
                continue  # "said to have", raising, not speech by the subject
            prev_tok = _last_token(masked[max(0, s - 20) : s])
            if prev_tok and (
                # the end of a listed name in a title-case headline ("Islamic State: Who leads ...")
                (headline and form[:1].isupper() and f"{prev_tok[0]} {form}".lower() in self.gaz.lower)
                # a noun or participial adjective: "the reported deaths", "a call"
                or prev_tok[0].lower() in _NOUN_DETERMINERS
                # the object of a preposition is a noun or gerund: "an inquiry into reports that", "instead of saying"
                or (prev_tok[0] != "to" and prev_tok[0].lower() in _PREPOSITIONS and lemma != "according to")
            ):
                continue
            if lemma in ("quote", "cite") and form.lower().endswith("ing") and (not prev_tok or prev_tok[0] in (",", _QMARK)):
                toks, appos = self._right_np(masked, e, stop_as=True)
                src = self._resolve_np(toks, paragraph, appositive=appos) if toks else None
                for x in src if isinstance(src, list) else ([src] if src else []):
                    out.append(Attribution(x.canonical, x.source_type, lemma, dist, "citing" + self._rule_suffix(x), e))
                    self._remember(x, paragraph)
                continue
            src, rule, chunk = self._left_subject(masked, s, paragraph, headline)
            pos = s
            if src is None and rule in ("passive",) and lemma == "quote":
                # "X was quoted as saying": the subject before "was"
                g = _AS_GERUND.match(masked, e)
                if g:
                    lo = max(0, s - LEFT_WINDOW)
                    left = masked[lo:s]
                    cut = _PASSIVE_END.search(left)
                    if cut:
                        src, rule, chunk = self._left_subject(masked, lo + cut.start(), paragraph, headline)
                        if src is not None:
                            glemma = self.cues.forms.get(g.group("verb").lower(), ("say", False, False))
                            lemma, dist = glemma[0], glemma[1]
            if src is None and rule == "no subject":
                # inverted tag after a quotation or a comma: "...," said Kirby / says Ahmed, a resident
                before = masked[max(0, s - 4) : s].rstrip()
                # not after a participle (", calling the mission a success" has the sentence's subject) nor a
                # listener-taking verb ("..., told Al Jazeera": the outlet listens, codebook)
                inverts = lemma not in _TRANSITIVE_CUES and not form.lower().endswith("ing")
                if inverts and (before.endswith((_QMARK, ",")) or (s == 0 and not headline) or (headline and before == "")):
                    toks, appos = self._right_np(masked, e)
                    if toks and (toks[0].lower() in _DETERMINERS or _is_cap(toks[0]) or toks[0].lower() in _PRONOUNS or toks[0].lower() in self.titles.terms):
                        src = self._named_np(toks, appos, paragraph)
                        if src is not None:
                            rule = "inverted-tag"
                            pos = e
            if src is None and (
                (rule == "no subject" and form.lower().endswith("ing") and masked[:s].rstrip().endswith(","))
                or rule == "coordinated"
            ):
                # "Kasich bemoaned the state of things, saying ...", "The ministry summoned the envoy and
                # said ...": the sentence's subject speaks
                if out and rule != "coordinated":
                    continue  # "Biden said ..., calling the mission a success": the speaker already found
                lead = []
                for t in _tokens(masked[: min(s, LEFT_WINDOW)]):
                    if t in (",", _QMARK, ";", ":", "(") or (
                        lead and t[:1].islower() and _strip_possessive(t).lower() not in self.titles.words
                        and t.lower() not in _DETERMINERS and t.lower() not in _PREPOSITIONS
                    ):
                        break
                    lead.append(t)
                if 0 < len(lead) <= MAX_SUBJECT_TOKENS:
                    src = self._resolve_np(lead, paragraph, at_start=True)
                    if src is not None:
                        rule = "participle"
            if src is None:
                continue
            if lemma == form.lower() and chunk and chunk[0].lower() in _SINGULAR_DETERMINERS and rule == "subject-verb":
                continue  # "A UN report once described him": a base form after a singular subject is a noun
            if lemma in _TRANSITIVE_CUES and rule not in ("inverted-tag",) and _QMARK not in masked[max(0, s - 40) : s]:
                nxt_tok = _tokens(masked[e : e + 20])[:1]
                if not nxt_tok or nxt_tok[0] in (".", ";", ")") or nxt_tok[0].lower() in _ADVERBIAL_STARTS or nxt_tok[0].lower() in _BOUNDARY_WORDS:
                    continue  # "kept the secretary informed throughout": no listener, no speech event
            if needs and rule != "inverted-tag":
                after = masked[e : e + 40]
                before = masked[max(0, s - 80) : s]
                tagpos = _QMARK in before[-60:] or after.strip()[:1] in ("", ".", ",") or _COMPLEMENT_AT.match(after)
                if not tagpos and not _COMPLEMENT_NEAR.match(after) and not _ZERO_COMPLEMENT.match(masked, e, e + _ZERO_COMPLEMENT_WINDOW):
                    continue
            srcs = src if isinstance(src, list) else [src]
            if lemma == "report" and masked[e : e + 6].lower() == " from " and masked[e + 6 : e + 7].isupper():
                # "James Oduya reports from Istanbul": a broadcast hand-over to a reporter, not reported speech;
                # "a journalist ... who has reported from Idlib": a career, not speech either
                if all(isinstance(x, _Source) and x.is_person for x in srcs):  # the reporters are remembered as media
                    for x in srcs:
                        self._remember(_Source(x.canonical, "media", x.gender, False, True, x.roles | {"reporter", "correspondent"}, x.rule), paragraph)
                continue
            before = masked[max(0, pos - 60) : pos]
            quote_rule = "quote-tag-after" if _QMARK in before[-40:] and rule in ("subject-verb", "inverted-tag") else rule
            for x in srcs:
                out.append(Attribution(x.canonical, x.source_type, lemma, dist, quote_rule + self._rule_suffix(x), pos))
                self._remember(x, paragraph, chunk)
            if lemma in ("quote", "cite"):
                # "AFP quoted Biden as claiming": the original speaker too
                toks, appos = self._right_np(masked, e, stop_as=True)
                g = _AS_VERB.search(masked, e, e + RIGHT_WINDOW) if toks else None
                obj = self._named_np(toks, appos, paragraph) if toks else None
                if obj is not None:
                    glemma = self.cues.forms.get(g.group("verb").lower(), (lemma, dist, False)) if g else (lemma, dist, False)
                    for x in obj if isinstance(obj, list) else [obj]:
                        out.append(Attribution(x.canonical, x.source_type, glemma[0], glemma[1], "quoted-as" + self._rule_suffix(x), e + 1))
                        self._remember(x, paragraph)
        return out

    @staticmethod
    def _rule_suffix(src: _Source) -> str:
        r = src.rule
        return "" if r in ("", "gazetteer", "name", "role") else f" ({r})"

    def _headline(self, text: str, masked: str, paragraph: int) -> list[Attribution]:
        out = []
        m = _HEADLINE_COLON.match(text)
        if m is not None:
            prefix = m.group("prefix").strip()
            if prefix[:1] in _QUOTE_CHARS + "'‘":
                # "'We are still shocked': residents recall ..." -> the subject of the rest
                toks = []
                for t in _tokens(m.group("rest")):
                    if toks and not (_is_cap(t) or t.lower() in self.titles.terms or t.lower() in _DETERMINERS):
                        break
                    toks.append(t)
                src = self._resolve_np(toks, paragraph) if toks else None
            elif prefix.lower() in self.titles.terms and self.titles.terms[prefix.lower()][0] == "label":
                src = None
            elif len(_tokens(prefix)) <= 6:
                src = self._resolve_np(_tokens(prefix), paragraph, at_start=True)
                if isinstance(src, _Source) and src.rule == "name (untyped)" and (
                    " " not in src.canonical or "'s" in prefix or "’s" in prefix or len(src.canonical.split()) > 3
                ):
                    src = None  # "Kobani: ...", "Transcript: ...": a place or a label, not a speaker
                if src is not None and self._section_label(prefix, m.group("rest"), src):
                    src = None
            else:
                src = None
            for s in src if isinstance(src, list) else ([src] if src else []):
                out.append(Attribution(s.canonical, s.source_type, "headline", False, "headline-colon" + self._rule_suffix(s), -1))
                self._remember(s, paragraph)
        d = _HEADLINE_DASH.search(masked)
        if d is not None:
            src = self._resolve_np(_tokens(d.group("suffix")), paragraph)
            if isinstance(src, _Source) and src.rule == "name (untyped)" and ("'s" in d.group("suffix") or "’s" in d.group("suffix")):
                src = None  # "... - She's Going": a phrase with a possessive, not a name
            for s in src if isinstance(src, list) else ([src] if src else []):
                out.append(Attribution(s.canonical, s.source_type, "headline", False, "headline-dash" + self._rule_suffix(s), d.start()))
                self._remember(s, paragraph)
        return out

    def _section_label(self, prefix: str, rest: str, src) -> bool:
        """Whether the "X" of a headline "X: ...", resolved to a body (not a person), is a section or topic
        label rather than the speaker of the rest.

        The codebook's "Speaker: claim" headline ("Moscow: Civilian Deaths ... Should Be Investigated") has a
        source before the colon and that source's claim after it; its example of a speaker there is a
        capital, the codebook's metonym for a government. UK and online outlets put a section label in the
        same place: the country's own name ("Syria: Aid groups demand answers ..."), the country with a
        topic noun ("Syria war: ..."), or any name before a topic phrase ("Islamic State: Who is ...",
        "...: What we know"). So a body before the colon is a label when

        - the rest opens with a question word or a headline label word (a topic, not a claim);
        - or it is a country's own name (gazetteer ``place`` "country"), unless the rest opens with a
          quotation (a quotation after the colon is the prefix's claim: "Iran: 'US forces must leave'");
        - or it names a gazetteer body together with a lower-case word that is neither a title term nor a
          determiner or modifier ("Syria war", "Iraq crisis": a topic, not the state).

        Persons before the colon ("Kirby: ...") stay speakers.
        """
        srcs = src if isinstance(src, list) else [src]
        if any(x.is_person for x in srcs):
            return False
        rest = rest.lstrip()
        if rest[:1] in _QUOTE_CHARS or rest[:1] in "'‘":
            return False
        first = _tokens(rest)[:1]
        if first:
            w = first[0].lower()
            if w in _WH_WORDS or (w in self.titles.terms and self.titles.terms[w][0] == "label"):
                return True
        if prefix.strip() in self.gaz.countries:
            return True
        if srcs[0].rule != "gazetteer":
            return False
        inside = [(a, b) for a, b, _ in self._gaz_in(prefix)]
        for t in _WORD.finditer(prefix):
            lt = t.group(0).lower()
            if (
                t.group(0)[:1].islower() and not any(a <= t.start() < b for a, b in inside)
                and lt not in _DETERMINERS and lt not in _COMMON_MODIFIERS and lt not in self.titles.terms
            ):
                return True
        return False

    def _turn(self, label: str, paragraph: int) -> Attribution | None:
        self.state.n_turns += 1
        if label == "Q":
            return Attribution(TRANSCRIPT_QUESTIONER, "media", "transcript", False, "transcript-turn", -3)
        name, _, role = label.partition(",")
        name_tc = _title_case(name.strip())
        toks = _tokens(name_tc)
        while toks and toks[0].lower().rstrip(".") in ("mr", "ms", "mrs", "dr"):
            toks = toks[1:]
        if not toks:
            return None
        joined = _join(toks)
        ent = self.gaz.lower.get(joined.lower()) or self.gaz.lower.get(_INITIAL.sub("", joined + " ").strip().lower())
        if ent is None and len(toks) == 1:
            for surname, e in self.gaz.surnames.items():
                if surname.lower() == joined.lower():
                    ent = e
        if ent is not None:
            return Attribution(ent.canonical, ent.source_type, "transcript", False, "transcript-turn", -3)
        role_terms = self._terms_in(role.lower()) if role else []
        src = self._resolve_np(toks, paragraph, appositive=_tokens(role.lower()))
        if isinstance(src, list):
            src = src[0] if src else None
        if src is None:
            return None
        stype = role_terms[-1][1] if role_terms and role_terms[-1][1] else src.source_type
        if not role_terms and src.is_person and src.rule == "name (untyped)" and self.state.n_turns == 1:
            # "AMY GOODMAN: We begin today's show ...": a broadcast transcript opens with its host, the
            # outlet's own journalist (codebook: media), whose role the label does not give
            stype = "media"
        self._remember(_Source(src.canonical, stype, src.gender, False, src.is_person, src.roles), paragraph)
        return Attribution(src.canonical, stype, "transcript", False, "transcript-turn", -3)

    # ------------------------------------------------------------ article
    def article(self, texts, kinds, paragraphs) -> list[list[Attribution]]:
        self.out: list[list[Attribution]] = []
        self._article_texts = texts
        n_labels = 0
        seen_para = set()
        self._tweets = {}
        for t, k, p in zip(texts, kinds, paragraphs):
            if k != "sentence" or not isinstance(t, str):
                continue
            if "(@" in t:
                sig = _TWEET_SIGNATURE.search(t)
                if sig is not None:
                    self._tweets[p] = sig.group("name").strip()
            if p not in seen_para:
                seen_para.add(p)
                if t.strip() in _HONORIFIC_STUBS:  # (what _HONORIFIC_STUB matches)
                    n_labels += 2
                    continue
                lab = _TRANSCRIPT_LABEL.match(t) if ":" in t else None
                if lab is not None:
                    words = lab.group("label").split()
                    if len(words) >= 2 or "," in lab.group("label") or lab.group("label") == "Q" or "." in words[0]:
                        n_labels += 2
                    else:
                        n_labels += 1
        self.state.transcript_labels = n_labels if n_labels >= 2 else 0
        first = next((i for i, k in enumerate(kinds) if k == "sentence"), None)
        if first is not None and isinstance(texts[first], str):
            d = _DATELINE.match(texts[first])
            if d is not None:
                self._dateline_unit = first
                city = d.group("city")
                ent = self.gaz.lower.get(city.lower())
                if ent is not None and not ent.is_person and ent.canonical.endswith(" government"):
                    self._home = (ent.canonical.split()[0], ent.source_type)
        stub = None
        for i, (t, k, p) in enumerate(zip(texts, kinds, paragraphs)):
            if stub is not None and k == "sentence" and p == paragraphs[stub] and isinstance(t, str):
                t = texts[stub] + " " + t
            elif stub is not None:
                self.out[stub] = self.code(texts[stub], kinds[stub], p)
            if (
                k == "sentence" and isinstance(t, str) and t.strip() in _HONORIFIC_STUBS and i + 1 < len(texts)
                and paragraphs[i + 1] == p and kinds[i + 1] == "sentence"
            ):
                stub = i  # "MR." split from "KIRBY: ..." by the sentence splitter
                self.out.append([])
                continue
            attrs = self.code(t, k, p)
            self.out.append(attrs)
            if stub is not None:
                self.out[stub] = [Attribution(a.speaker, a.source_type, a.cue, a.distancing, a.evidence, a.position) for a in attrs if a.evidence == "transcript-turn"]
                stub = None
        self._end_paragraph(10**9)
        return self.out


def _cells(attrs: list[Attribution], kind: str) -> tuple[str, str, str, bool, str]:
    if kind == "boilerplate":
        return "", "", "", False, ""
    if not attrs:
        return "", "unattributed", "", False, ""
    if len(attrs) == 1:
        a = attrs[0]
        if not a.speaker:
            return "", "unattributed", "", False, ""
        return a.speaker, a.source_type, a.cue, bool(a.distancing), a.evidence
    seen = {}
    for a in sorted(attrs, key=lambda a: a.position):
        if not a.speaker or a.speaker in seen:
            continue
        seen[a.speaker] = a
    if not seen:
        return "", "unattributed", "", False, ""
    items = list(seen.values())
    return (
        ";".join(a.speaker for a in items),
        ";".join(a.source_type for a in items),
        ";".join(a.cue for a in items),
        any(a.distancing for a in attrs if a.speaker),
        "; ".join(a.evidence for a in items),
    )


def attribute(
    units: pd.DataFrame,
    *,
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
) -> pd.DataFrame:
    """Code who is quoted or paraphrased in each unit (codebook "Sources (attribution)").

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table with at least ``article_id, unit, kind, paragraph, text``
        (as from :func:`framing.units.make_units`); several articles allowed,
        units in reading order within each article.
    gazetteer : str, Path or DataFrame
        Speaker gazetteer: the packaged ``"speakers.tsv"``, a path to an edited
        copy, or a table with columns ``alias, canonical, source_type, gender``
        (and optionally ``roles``).
    cues : str, Path or DataFrame
        Cue lexicon: ``"cues.tsv"``, a path, or a table with columns
        ``lemma, forms, distancing, needs``.

    Returns
    -------
    pandas.DataFrame
        A copy of `units` with :data:`ATTRIBUTION_COLUMNS` added:
        ``speakers``, ``source_types``, ``cues`` (";"-joined, aligned, speakers
        in order of appearance, the first cue of each), ``distancing`` (bool)
        and ``attribution_evidence``. Boilerplate rows get "" (and False); an
        unattributed headline or sentence gets speakers "", source_types
        ``unattributed``, cues "".

    Raises
    ------
    InputError
        When a required column is missing or a resource is malformed. Unit
        text is never a reason to raise.

    Example
    -------
    >>> from framing.units import units_from_text
    >>> u = pd.DataFrame(units_from_text('T\\n\\n"We will look," Kirby said. Biden ordered the raid.'))
    >>> attribute(u)[["speakers", "source_types", "cues"]].values.tolist()[1:]
    [['John Kirby', 'us_government', 'say'], ['', 'unattributed', '']]
    """
    if not isinstance(units, pd.DataFrame):
        raise InputError("attribute() needs a pandas DataFrame of units")
    missing = [c for c in ("article_id", "kind", "text") if c not in units.columns]
    if missing:
        raise InputError(f"unit table lacks column(s) {', '.join(missing)}", field=missing[0])
    gaz, cue = _resources(gazetteer, cues)
    memo: dict = {}  # noun phrases resolved without article state, shared by the articles of this call
    n = len(units)
    speakers, types, cue_col, dist, evid = [""] * n, [""] * n, [""] * n, [False] * n, [""] * n
    aids = units["article_id"].tolist()
    kinds = units["kind"].tolist()
    texts = units["text"].tolist()
    paras = units["paragraph"].tolist() if "paragraph" in units.columns else [0] * n
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and aids[stop] == aids[start]:
            stop += 1
        coder = _Coder(gaz, cue, memo)
        results = coder.article(texts[start:stop], kinds[start:stop], [p if p.__class__ is int else _int(p) for p in paras[start:stop]])
        for i, attrs in enumerate(results, start=start):
            speakers[i], types[i], cue_col[i], dist[i], evid[i] = _cells(attrs, kinds[i])
        start = stop
    out = units.copy()
    out["speakers"] = speakers
    out["source_types"] = types
    out["cues"] = cue_col
    out["distancing"] = pd.Series(dist, index=units.index, dtype=bool)
    out["attribution_evidence"] = evid
    return out


def _int(p) -> int:
    try:
        return int(p)
    except (TypeError, ValueError):
        return 0


def attribute_text(
    text: str,
    *,
    article_id: str = "article",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
) -> pd.DataFrame:
    """Split one article's text into units and attribute them (a convenience for notebooks).

    Example
    -------
    >>> attribute_text("Biden says leader dead\\n\\nResidents said they heard blasts.")["speakers"].tolist()
    ['Joe Biden', 'residents']
    """
    from .units import _frame, units_from_text

    return attribute(_frame(units_from_text(text, article_id=article_id)), gazetteer=gazetteer, cues=cues)


def explain(text: str, **options) -> pd.DataFrame:
    """Attribute an article text and show only what explains each unit.

    Returns the columns ``unit, kind, text, speakers, source_types, cues,
    distancing, attribution_evidence``, so a researcher can see which rule
    fired for each unit (and edit the gazetteer or cue list when one is wrong).

    Example
    -------
    >>> explain('T\\n\\n"We will," the spokeswoman said.')["attribution_evidence"].tolist()[1]
    'quote-tag-after'
    """
    coded = attribute_text(text, **options)
    return coded[["unit", "kind", "text", *ATTRIBUTION_COLUMNS]]
