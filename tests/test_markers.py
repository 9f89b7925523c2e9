"""Tests for framing.markers: group names and killing verbs, per unit and per article.

Sentences are written for these tests in outlets' styles.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import InputError
from framing.markers import MARKER_COLUMNS, add_markers, article_markers, marker_counts
from framing.resources import read_table

# (text, expected group_names, expected kill_verbs)
CASES = [
    ("U.S. forces killed the leader of the Islamic State group in Syria, officials said.", "Islamic State", "kill"),
    ("Biden says IS leader killed in Syria raid", "IS", "kill"),
    ("Moscow: US operation to assassinate Daesh (ISIS)* chief must be probed", "Daesh;ISIS", "assassinate"),
    ("The Pentagon said ISIL's leader blew himself up as troops approached.", "ISIL", "blow himself up"),
    ("The raid took the caliph off the battlefield, the president said.", "", "take off the battlefield"),
    ("Da'esh leader removed from battlefield in overnight raid", "Daesh", "remove from the battlefield"),
    ("Syrian state media said US forces liquidated a Da’ish commander.", "Daesh", "liquidate"),
    ("The Islamic State of Iraq and the Levant lost its second leader in three years.", "ISIL", ""),
    ("The Islamic State of Iraq and Syria was founded in 2013.", "ISIS", ""),
    ("Commandos neutralised the target and eliminated two guards.", "", "eliminate;neutralize"),
    ("The group's media called him a martyr and said he was martyred.", "", "martyr"),
    ("A slain ISIS chief's family was also murdered, activists said.", "ISIS", "murder;slay"),
    ("The White House said the mission was to take him out.", "", "take out"),
    ("WHAT IS NEXT FOR SYRIA AFTER THE RAID", "", ""),  # capitals: "IS" is the verb
    ("It is what it is.", "", ""),
    ("The skilled pilots flew low.", "", ""),  # "skilled" is not "kill"
    ("The Isis river flows through Oxford.", "ISIS", ""),  # known homograph: counted (documented limit)
]


@pytest.mark.parametrize(("text", "groups", "verbs"), CASES)
def test_unit_markers(text, groups, verbs):
    out = add_markers(pd.DataFrame({"text": [text], "kind": ["sentence"]}))
    assert out["group_names"].iloc[0] == groups
    assert out["kill_verbs"].iloc[0] == verbs


def test_boilerplate_and_missing_text_get_nothing():
    units = pd.DataFrame({"text": ["* Daesh is a terrorist group outlawed in Russia", None], "kind": ["boilerplate", "sentence"]})
    out = add_markers(units)
    assert out[list(MARKER_COLUMNS)].values.tolist() == [["", ""], ["", ""]]
    assert "group_names" not in units.columns


def test_article_markers_counts_occurrences_and_zeros():
    units = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b"],
            "kind": ["headline", "sentence", "boilerplate", "sentence"],
            "text": ["Daesh leader killed", "Daesh said ISIS killed and killed again.", "Daesh Daesh", "Nothing here."],
        }
    )
    table = article_markers(units)
    assert list(table.columns) == ["article_id", "marker_type", "marker", "n"]
    get = lambda art, marker: int(table[(table.article_id == art) & (table.marker == marker)]["n"].iloc[0])  # noqa: E731
    assert get("a", "Daesh") == 2  # the boilerplate line is not counted
    assert get("a", "kill") == 3
    assert get("a", "ISIS") == 1
    assert get("b", "Daesh") == 0
    assert table["article_id"].drop_duplicates().tolist() == ["a", "b"]
    markers = read_table("markers.tsv")["marker"].drop_duplicates()
    assert len(table) == 2 * len(markers)


def test_marker_counts_long_form():
    out = marker_counts(pd.DataFrame({"text": ["ISIS, ISIS and Daesh"]}))
    assert sorted(zip(out.marker, out.n)) == [("Daesh", 1), ("ISIS", 2)]


def test_user_marker_table():
    table = pd.DataFrame({"marker_type": ["group_name"], "marker": ["the organisation"], "pattern": [r"\borgani[sz]ation\b"]})
    out = add_markers(pd.DataFrame({"text": ["The organization said"]}), markers=table)
    assert out["group_names"].iloc[0] == "the organisation"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"marker_type": "colour"}, "marker_type"),
        ({"marker": "a;b"}, "marker"),
        ({"pattern": "(open"}, "pattern"),
        ({"case": "upper"}, "case"),
    ],
)
def test_bad_marker_table_raises(row, field):
    base = {"marker_type": "kill_verb", "marker": "x", "pattern": "x", "case": "insensitive", "why": "w"}
    base.update(row)
    with pytest.raises(InputError) as err:
        add_markers(pd.DataFrame({"text": ["x"]}), markers=pd.DataFrame([base]))
    assert err.value.field == field


def test_errors_and_empty():
    with pytest.raises(InputError):
        add_markers(pd.DataFrame({"txt": ["x"]}))
    with pytest.raises(InputError):
        article_markers(pd.DataFrame({"text": ["x"]}))
    empty = add_markers(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert len(empty) == 0 and set(MARKER_COLUMNS) <= set(empty.columns)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text):
    out = add_markers(pd.DataFrame({"text": [text]}))
    assert isinstance(out["group_names"].iloc[0], str)


def test_long_line():
    text = "ISIS killed " * 10_000
    out = add_markers(pd.DataFrame({"text": [text]}))
    assert out["group_names"].iloc[0] == "ISIS"


# --------------------------------------------------------------------------- speed devices change nothing

from framing.markers import _default, _row_regex, _row_regex_lower  # noqa: E402

# Characters that stress case-folding and apostrophes: dotted/dotless i, long s, Kelvin sign, curly quotes.
_TRICKY = st.text(
    alphabet=st.sampled_from(list("kKiIsSlLtTaAeEdDhHmMrRyYuUqQbBnNoOfw -'’`´.;\n\u0130\u0131\u017f\u212a\u00e9")),
    max_size=60,
)


@pytest.mark.parametrize(("pattern", "case"), list(zip(read_table("markers.tsv")["pattern"], read_table("markers.tsv")["case"])))
@settings(max_examples=150, deadline=None)
@given(text=_TRICKY)
def test_row_regex_matches_like_the_plain_pattern(pattern, case, text):
    import re

    plain = re.compile(pattern, re.IGNORECASE if case == "insensitive" else 0)
    fast = _row_regex(pattern, case == "insensitive")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("text", "groups", "verbs"),
    [
        ("KILLED: DAESH CHIEF", "Daesh", "kill"),  # capitals are found by the lower-case scan
        ("Da`ish and Da´esh", "Daesh", ""),  # apostrophe variants
        ("İSIS chief İs dead", "", ""),  # "İ" lower-cases to two characters: no gate word, as before
        ("Sources: IS leader killed in İdlib", "IS", "kill"),  # a non-ASCII text keeps case-sensitive gates
    ],
)
def test_prefilter_edge_cases(text, groups, verbs):
    out = add_markers(pd.DataFrame({"text": ["Nothing to see.", text, "Another plain sentence."]}))
    assert out[["group_names", "kill_verbs"]].values.tolist() == [["", ""], [groups, verbs], ["", ""]]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_TRICKY, st.sampled_from(["ISIS killed", "the IS group", "taking out", "Da’esh"])), max_size=8))
def test_prefilter_misses_no_unit(texts):
    """add_markers over a column equals the per-text matcher on each text (the prefilter only skips work)."""
    out = add_markers(pd.DataFrame({"text": texts}))
    for text, groups, verbs in zip(texts, out["group_names"], out["kill_verbs"]):
        found = _default().find(text) if text else {"group_name": [], "kill_verb": []}
        assert groups == ";".join(sorted(set(found["group_name"])))
        assert verbs == ";".join(sorted(set(found["kill_verb"])))


_ASCII = st.text(alphabet=st.sampled_from(list("kKiIsSlLtTaAeEdDhHmMrRyYoObBnNfFwW -'.;\n")), max_size=60)


@pytest.mark.parametrize("pattern", [p for p, c in zip(read_table("markers.tsv")["pattern"], read_table("markers.tsv")["case"]) if c != "sensitive"] + [r"\b(?:Ab|ac)[A-Z]+\b", r"\bk(?-i:ILL)"])
@settings(max_examples=150, deadline=None)
@given(text=_ASCII)
def test_row_regex_on_lower_case_ascii_matches_like_the_plain_pattern(pattern, text):
    import re

    fast = _row_regex_lower(pattern, True)
    if fast is None:  # inline flags or no leading letter: the plain regex is used
        assert "(?-i" in pattern or not re.match(r"(?:\\b)?[A-Za-z]", pattern)
        return
    plain = re.compile(pattern, re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text.lower())] == [m.span() for m in plain.finditer(text)]


from framing.markers import _APOSTROPHES, _straighten  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Da'esh `´’‘\u02bcé ")), max_size=30))
def test_straighten_equals_translate(text):
    assert _straighten(text) == text.translate(_APOSTROPHES)
