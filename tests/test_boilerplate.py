"""Tests for framing/boilerplate.py: lines that are not the article's own prose."""

from __future__ import annotations

import pytest

from framing.boilerplate import boilerplate_reason


@pytest.mark.parametrize(
    "line, reason",
    [
        ("* A terrorist organisation banned in Russia.", "footnote"),
        ("Islamic State (IS) is a terrorist group outlawed in Russia", "footnote"),
        ("Discuss", "widget"),
        ("Share this", "widget"),
        ("READ MORE: Pentagon says raid went to plan", "widget"),
        ("ADVERTISEMENT", "widget"),
        ("Middle East", "navigation"),
        ("Official websites use .gov", "navigation"),
        ("Updated 14:32 GMT", "navigation"),
        ("Smoke rises over the village after the raid (AP Photo/Omar Haj Kadour)", "caption"),
        ("Rescuers search the rubble [Abdullah Hamid/Al Jazeera]", "caption"),
        ("Abdullah Hamid/ AP", "credit"),
        ("AFP via Getty Images", "credit"),
        ("By Staff, Agencies", "byline"),
        ("By Lina Haddad and Tom Reyes", "byline"),
        ("ATMEH, Syria (AP) —", "dateline"),
        ("Sputnik", "heading"),
        ("Coalition raid in Idlib, Syria", "heading"),
        ("Turkish Drones Strike Kurdish Positions Near Kobani - Monitor", "heading"),
    ],
)
def test_boilerplate_lines(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The raid lasted two hours.",
        '"We will look into it," Austin said.',
        "“They came at night,” said a resident.",
        "KIRBY: Good afternoon, everybody.",
        "The spokeswoman said:",
        "By the time rescuers arrived, the house had collapsed.",
        "Who ordered the raid?",
        "He said the raid was lawful (it was not, critics said).",
    ],
)
def test_prose_is_not_boilerplate(line):
    assert boilerplate_reason(line) is None


def test_repeated_headline_is_a_copy():
    head = "US raid in Idlib kills 13, monitor says"
    assert boilerplate_reason("US Raid in Idlib Kills 13, Monitor Says", headline=head) == "headline_copy"


def test_multi_sentence_line_without_final_stop_is_prose():
    assert boilerplate_reason("The raid ended. Residents counted the dead", n_sentences=2) is None


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("MOSCOW, February 4.", "dateline"),
        ("/TASS/.", "dateline"),
        ("Photograph: Lina Haddad/The Daily Example", "caption"),
        ("Associated Press writer Tom Reyes in Beirut contributed to this report.", "credit"),
        ("This is a developing story and will be updated.", "footnote"),
        ("This is a breaking news story; check back for updates.", "footnote"),
        ("Haddad reported from Washington.", "credit"),
        ("Reporting by Lina Haddad; Editing by Tom Reyes", "credit"),
        ("The ministry said the strike was illegal.", None),
        ("Al Jazeera reported from Idlib that 13 people had died.", None),
        ("MOSCOW, February 4 (TASS) — Russia called for an inquiry.", None),
        ("This is a developing story in more ways than one, the analyst said.", None),
        ("This is a breaking story.", "footnote"),
    ],
)
def test_sentence_level_boilerplate(sentence, reason):
    from framing.boilerplate import sentence_boilerplate_reason

    assert sentence_boilerplate_reason(sentence) == reason


def test_dateline_sentence_inside_a_prose_line_is_its_own_boilerplate_unit():
    from framing.units import units_from_text

    units = units_from_text("Zakharova calls for inquiry\n\nMOSCOW, February 4. /TASS/. Moscow wants answers, the diplomat said.")
    assert [(u["kind"], u["text"]) for u in units][1:] == [
        ("boilerplate", "MOSCOW, February 4."),
        ("boilerplate", "/TASS/."),
        ("sentence", "Moscow wants answers, the diplomat said."),
    ]


# ---------------------------------------------------------------- facts the prefilters rely on


def test_ignorecase_kin_are_the_only_non_ascii_matches_of_ascii_letters():
    import re
    import string
    import sys

    from framing.boilerplate import IGNORECASE_ASCII_KIN

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = set(re.findall("(?i)[a-z]", every)) - set(string.ascii_letters)
    assert found == set(IGNORECASE_ASCII_KIN)


def test_lower_case_of_a_word_character_starts_with_a_word_character():
    import re
    import sys

    word = re.compile(r"\w")
    chars = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert [c for c in chars if word.match(c) and not word.match(c.lower()[:1])] == []


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Fighters of a group banned in Russia \u0130n the area", "footnote"),  # kin character: no prefilter
        ("AFP via Getty \u0130mages", "credit"),
        ("Smoke over the village (AP Pho\u017fo)", "heading"),  # ſ matches s, not t: no caption
        ("Smoke over the village (AP PHOTO)", "caption"),
        ("Rescuers search the rubble \u201c[Ann Roe/Al Jazeera]\u201d.", "credit"),  # "”." is \\W*
        ("Fighters of a group banned in Ru\u017f\u017fia", "footnote"),  # ſ matches s: the literal check must not skip
    ],
)
def test_patterns_with_literals_on_non_ascii_lines(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "article, kinds",
    [
        ("Head\n\nX said.\nDaniel Roe contributed to this report.", ["headline", "sentence", "boilerplate"]),
        ("Head\n\nX said. Reporting by Ann Roe; Editing by Tom Lee", ["headline", "sentence", "boilerplate"]),
        ("Head\n\nX said. Ann Roe wrote the report.", ["headline", "sentence", "sentence"]),
        ("Head\n\nFighters \u2018outlawed in Russia\u2019 fled.\nNext.", ["headline", "boilerplate", "sentence"]),
        ("Head\n\nFighters outlawed in Belarus fled.\nNext.", ["headline", "sentence", "sentence"]),
        ("Head\n\n\u201cX\u201d is a group outlawed in Russia\nNext.", ["headline", "boilerplate", "sentence"]),
    ],
)
def test_articles_with_and_without_literals(article, kinds):
    from framing.units import units_from_text

    assert [u["kind"] for u in units_from_text(article)] == kinds


import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from framing.boilerplate import _first_category, _lead_strings, _plan, boilerplate_patterns  # noqa: E402


@pytest.mark.parametrize(
    "pattern, flags, expected",
    [
        (r"^\*.*", re.IGNORECASE, {"*"}),
        (r"^(?:by|from)\s+x", re.IGNORECASE, {a + b for a in "bB" for b in "yY"} | {a + b + c for a in "fF" for b in "rR" for c in "oO"}),
        (r"^[A-Z][A-Z .'-]+,", 0, None),  # 26 x 30 pairs, checked below
        (r"^(?:\(c\)|©|us)\W*$", re.IGNORECASE, {"(c)", "(C)", "us", "uS", "Us", "US"}),  # © matches no ASCII character
        (r"^notes? to", 0, {"not"}),
        (r"^ab?c", 0, {"a"}),  # the optional b ends what is known
        (r"^(?:ab)?c", 0, {""}),  # an optional group: may begin with anything
        (r"^\bk", re.IGNORECASE, {""}),  # a zero-width assertion is not read
        (r"^k", re.IGNORECASE, {"k", "K"}),  # the Kelvin sign also matches, but is not ASCII
        ("^\u212a", re.IGNORECASE, {"k", "K"}),  # the engine's own case folding: the Kelvin sign matches k and K
        (r"^(?:ab|cd)|ef", 0, {"ab", "cd", "ef"}),
    ],
)
def test_lead_strings_table(pattern, flags, expected):
    got = _lead_strings(pattern, flags)
    if expected is None:
        assert len(got) == 26 * 30 and "A " in got and "Th" not in got
    else:
        assert got == expected


def test_lead_prefilter_is_used_for_lines_and_not_where_most_prose_passes():
    assert _plan("line").lead is not None
    assert _plan("sentence").lead is None


_LINE_STARTS = st.sampled_from(
    ["The ", "THE ", "This story was updated", "SHARE", "Share this", "By Jane Roe", "From our desk", "ATMEH, Syria",
     "A ", "US", "U.S.", "* note", "(c) 2022", "© 2022", "Photo: AP", "Related:", "Read more: x", "İmage", "ſhare", "K", "Watch"]
)


@settings(max_examples=400, deadline=None)
@given(_LINE_STARTS, st.text(alphabet=st.sampled_from(list("abcTHE .,:-'!?\u2019")), max_size=12))
def test_first_category_with_prefilter_equals_the_pattern_loop(start, rest):
    line = (start + rest).strip()
    for scope in ("line", "sentence"):
        expected = next((category for rx, category in boilerplate_patterns(scope) if rx.fullmatch(line)), None)
        assert _first_category(line, scope) == expected


from framing.boilerplate import _guards, _lowered_for_literals, _may_scan, _required_literals  # noqa: E402


@pytest.mark.parametrize(
    "literals, expected",
    [
        ((b"reporting by", b"writing by", b"editing by", b"contributed"),
         ((b"ting by", (b"writing by", b"editing by", b"reporting by")), (b"contributed", (b"contributed",)))),
        ((b"photo", b"/", b" in russia", b" in the russian federation"),
         ((b"/", (b"/",)), (b" russia", (b" in russia", b" in the russian federation")), (b"photo", (b"photo",)))),
        ((b"abcd", b"xabcdx"), ((b"abcd", (b"abcd",)), (b"xabcdx", (b"xabcdx",)))),  # a shared part shorter than MIN_GUARD
        ((), ()),
    ],
)
def test_guards_table(literals, expected):
    assert _guards(literals) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["reporting", "writing", " by", "edit", "ing by", "contributed", "photo", " in ", "russia", "[", "x", " the russian federation", "/"]), max_size=8).map("".join))
def test_article_check_with_guards_equals_a_search_per_literal(text):
    lowered = _lowered_for_literals(text)
    for scope in ("line", "sentence"):
        plan = _plan(scope)
        expected = plan.unfiltered or any(x in text for x in plan.case_literals) or any(x in lowered for x in plan.nocase_literals)
        assert _may_scan(text, lowered, plan) == expected


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        (r".*\b(?:outlawed|banned) in (?:russia|the russian federation)\b.*", re.I, (" in russia", " in the russian federation")),
        (r"^[^.!?]*\bcontributed(?: reporting)?(?: to)? report\.?$", re.I, ("contributed",)),
        (r".*x(?:ab|cd)?ef", 0, ("ef",)),  # an optional group ends the run before it
        (r".*(foo|bar)baz", 0, ("foo", "bar")),  # the run stops after a group
        (r".*\(AP\)\s", re.I, ("(ap)",)),  # escaped characters are literals; lower-cased when case is ignored
        (r".*a+bcd", 0, ("bcd",)),  # a repeated literal is not part of the run
        (r".*ab{2}cd", 0, ("cd",)),
        (r"[^.]*\bwho(?=x)yz", 0, ("who",)),  # a lookaround ends the run
        (r".*(?i:abc)def", 0, ("def",)),  # a flagged group is not read
        (r"a|.*bcd", 0, None),  # a top-level alternative: no required literal
        (r"^Photo: .*", 0, None),  # anchored at its first character: no prefilter needed
    ],
)
def test_required_literals_read_from_the_pattern_text(pattern, flags, literals):
    assert _required_literals(re.compile(pattern, flags)) == literals


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab cdefxyz().!?RUSIAoutlawedinthe")), max_size=40))
def test_required_literals_are_a_necessary_condition(text):
    for pattern, flags, _ in [
        (r".*\b(?:outlawed|banned) in (?:russia|the russian federation)\b.*", re.I, None),
        (r".*x(?:ab|cd)?ef", 0, None),
        (r".*(foo|bar)baz", 0, None),
        (r"[^.]*\bwho(?=x)yz", 0, None),
    ]:
        rx = re.compile(pattern, flags)
        for m in rx.finditer(text):
            hay = m.group(0).lower() if flags & re.I else m.group(0)
            assert any(lit in hay for lit in _required_literals(rx))


from framing.boilerplate import _sequence_items  # noqa: E402


@pytest.mark.parametrize(
    ("pattern", "items"),
    [
        (r"ab", [("literal", "a", ""), ("literal", "b", "")]),
        (r"\.[a-c]+?\s*", [("literal", ".", ""), ("char", "[a-c]", "+"), ("char", r"\s", "*")]),
        (r"^.{2,3}\b$", [("anchor", "^", ""), ("char", ".", "{"), ("anchor", r"\b", ""), ("anchor", "$", "")]),
        (r"(?:x|y)?(z)(?=w)", [("group", "x|y", "?"), ("group", "z", ""), ("other", "", "")]),
        (r"(a)\1", [("group", "a", ""), ("other", r"\1", "")]),  # a back reference is not read
        (r"[]x]\(", [("char", "[]x]", ""), ("literal", "(", "")]),
    ],
)
def test_sequence_items_table(pattern, items):
    assert _sequence_items(pattern) == items
