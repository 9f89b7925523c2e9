"""Tests for framing/sentences.py: the splitter on news copy, and the fingerprint."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from framing.sentences import fingerprint, normalise_for_fingerprint, sentence_spans, split_sentences


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The raid began at 1 a.m. It lasted two hours.", ["The raid began at 1 a.m. It lasted two hours."]),
        ("U.S. forces landed near the border. They left before dawn.",
         ["U.S. forces landed near the border.", "They left before dawn."]),
        ("The raid took place on Feb. 3 in Idlib. Officials confirmed it later.",
         ["The raid took place on Feb. 3 in Idlib.", "Officials confirmed it later."]),
        ("BAGHDAD, Jun. 14 (INA) - Two drones struck a depot. Nobody was hurt.",
         ["BAGHDAD, Jun. 14 (INA) - Two drones struck a depot.", "Nobody was hurt."]),
        ("The convoy left on Jul. 9 at dawn. It never arrived.", ["The convoy left on Jul. 9 at dawn.", "It never arrived."]),
        ("The delegation was led by Jun. Talks began at noon.", ["The delegation was led by Jun.", "Talks began at noon."]),
        ("Pentagon spokesman John F. Kirby briefed reporters. He took questions.",
         ["Pentagon spokesman John F. Kirby briefed reporters.", "He took questions."]),
        ("Gen. Kenneth McKenzie oversaw the mission. Lt. Col. Dana Reyes flew with the crews.",
         ["Gen. Kenneth McKenzie oversaw the mission.", "Lt. Col. Dana Reyes flew with the crews."]),
        ('"We heard the helicopters. Then the shooting started. Nobody slept," said Ahmad, a farmer.',
         ['"We heard the helicopters.', "Then the shooting started.", 'Nobody slept," said Ahmad, a farmer.']),
        ('"Why did they come here?" he asked. "We are farmers!" she shouted.',
         ['"Why did they come here?" he asked.', '"We are farmers!" she shouted.']),
        ('"Who will pay for this?" Abu Khaled asked. Nobody answered.',
         ['"Who will pay for this?" Abu Khaled asked.', "Nobody answered."]),
        ("BEIRUT (Reuters) — A U.S. raid killed a militant leader. Residents fled.",
         ["BEIRUT (Reuters) — A U.S. raid killed a militant leader.", "Residents fled."]),
        ("ATMEH, Syria -- The house was destroyed. Rubble filled the yard.",
         ["ATMEH, Syria -- The house was destroyed.", "Rubble filled the yard."]),
        ("The toll rose... Then the rescuers stopped counting.",
         ["The toll rose...", "Then the rescuers stopped counting."]),
        ("The toll rose… and rose again.", ["The toll rose… and rose again."]),
        ("The death toll stood at 13.5 percent higher than first reported. It was No. 2 on the list.",
         ["The death toll stood at 13.5 percent higher than first reported.", "It was No. 2 on the list."]),
        ("He said: “We will look into it.” The review began.", ["He said: “We will look into it.”", "The review began."]),
        ("The U.N. envoy spoke at 3 p.m. on Thursday.", ["The U.N. envoy spoke at 3 p.m. on Thursday."]),
        ("A raid (the second in two years.) Followed.", ["A raid (the second in two years.)", "Followed."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_news_copy(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_spans_point_into_the_paragraph():
    paragraph = '  One sentence here.  "Two?" she asked.   Three.  '
    spans = sentence_spans(paragraph)
    assert [paragraph[s:e] for s, e in spans] == ["One sentence here.", '"Two?" she asked.', "Three."]


def reference_fingerprint(text: str) -> str:
    """The codebook's definition, written out independently of the package."""
    folded = unicodedata.normalize("NFKC", text).lower()
    out, gap = [], False
    for ch in folded:
        if ch.isalnum():
            if gap and out:
                out.append(" ")
            out.append(ch)
            gap = False
        else:
            gap = True
    return hashlib.sha1("".join(out).encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize(
    "text",
    ["Sputnik", "Discuss", "  “U.S. Raid” — 13 killed!  ", "ﬁve ＵＳ raids", "Ağrı, Türkiye", "al-Qurashi's_wife", "١٣ قتيلا", ""],
)
def test_fingerprint_matches_codebook_definition(text):
    assert fingerprint(text) == reference_fingerprint(text)


@pytest.mark.parametrize(
    "text, expected",
    [("Sputnik", "a23cf03fa420040e"), ("Discuss", "1b7949a7060ddc9e")],
)
def test_fingerprint_known_values(text, expected):
    # known values from the reference release (data/reference/seed_units.tsv)
    assert fingerprint(text) == expected


def test_fingerprint_ignores_punctuation_case_and_width():
    assert fingerprint("U.S. raid, Idlib!") == fingerprint("u s   RAID idlib")
    assert normalise_for_fingerprint("Ｉｄｌｉｂ") == "idlib"


# ---------------------------------------------------------------- facts the fast paths rely on

ALL_CHARACTERS = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_printable_text_has_no_white_space_but_the_space():
    # sentence_spans finds the previous word with rfind(" ") in a printable paragraph
    assert [c for c in ALL_CHARACTERS if c.isspace() and c.isprintable()] == [" "]


@pytest.mark.parametrize("char", list(__import__("framing.sentences", fromlist=["x"]).FINGERPRINT_SPACE_LIKE))
def test_space_like_characters_normalise_as_a_space(char):
    assert not char.isalnum() and char.lower() == char
    assert not any(c.isalnum() for c in unicodedata.normalize("NFKC", char))
    assert unicodedata.combining(char) == 0
    for a in map(chr, range(128)):  # no composition with an ASCII neighbour
        for pair in (a + char, char + a):
            assert unicodedata.normalize("NFKC", pair) == "".join(unicodedata.normalize("NFKC", c) for c in pair)


@pytest.mark.parametrize(
    "text",
    ["“We came at night,” he said.", "A\u00a0raid — 13\u2009killed…", "Idlib’s «rebels» – ‘no’", "Ağrı’s ﬁve", "x\u2019\u0301y", ""],
)
def test_fingerprint_fast_path_matches_codebook_definition(text):
    from framing.sentences import _fingerprints

    assert fingerprint(text) == reference_fingerprint(text)
    spans = sentence_spans(text)
    assert _fingerprints(text, [s for s, _ in spans], [e for _, e in spans]) == [
        reference_fingerprint(text[s:e]) for s, e in spans
    ]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("It ended... Then\tMr.\u00a0Kirby spoke. Done!", ["It ended...", "Then\tMr.\u00a0Kirby spoke.", "Done!"]),
        ("Wait?! \u201cYes.\u201d No\u2026 Yes.", ["Wait?!", "\u201cYes.\u201d", "No\u2026", "Yes."]),
        # the no-break space ends the word before "A.": an initial, not a boundary
        ("\tU.S.\u00a0A. Officials said.  ", ["U.S.\u00a0A. Officials said."]),
    ],
)
def test_split_with_tabs_no_break_spaces_and_runs_of_terminators(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(
    "text",
    [
        # some units have a character that needs NFKC (é, ﬁ, a combining accent), the others only space-like ones
        "“We came,” he said. Café owners fled. ‘No’ — never. The ﬁve died. Ce\u0301line left…",
        "He said: «no». Ağrı’s mayor spoke.\nAnd\u00a0then – silence. It’s over.",
    ],
)
def test_fingerprints_of_an_article_with_some_non_ascii_units(text):
    from framing.sentences import _fingerprints

    spans = [(s, e) for line_start, line in _lines(text) for s, e in ((line_start + a, line_start + b) for a, b in sentence_spans(line))]
    assert _fingerprints(text, [s for s, _ in spans], [e for _, e in spans]) == [reference_fingerprint(text[s:e]) for s, e in spans]


def _lines(text):
    at = 0
    for line in text.splitlines(keepends=True):
        yield at, line.rstrip("\n")
        at += len(line)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from framing.sentences import FINGERPRINT_SPACE_LIKE  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z1.,!?\n") + list(FINGERPRINT_SPACE_LIKE) + ["é", "ﬁ", "\u0301", "İ", "ß"]), max_size=60))
def test_fingerprints_equal_the_definition_unit_by_unit(text):
    from framing.sentences import _fingerprints

    cuts = sorted({0, len(text)} | {i for i, c in enumerate(text) if c in ".\n"})
    starts, ends = cuts[:-1], cuts[1:]
    assert _fingerprints(text, starts, ends) == [reference_fingerprint(text[s:e]) for s, e in zip(starts, ends)]
