"""Tests for framing._pattern_text: reading a regex's source text (group ends, top-level alternatives)."""

from __future__ import annotations

import pytest

from framing._pattern_text import class_end, group_end, top_level_split


@pytest.mark.parametrize(
    ("pattern", "i", "end"),
    [("[abc]d", 0, 5), ("[]a]b", 0, 4), ("[^]a]b", 0, 5), (r"[a\]b]c", 0, 6), ("x[a-z]", 1, 6)],
)
def test_class_end(pattern, i, end):
    assert class_end(pattern, i) == end


@pytest.mark.parametrize(
    ("pattern", "i", "end"),
    [
        ("(?:a|b)c", 0, 6),
        (r"(?:a|\)|[)])x", 0, 11),  # escaped and classed parentheses do not close it
        ("(a(b)c)d", 0, 6),
        ("x(a(b)c)", 3, 5),
        ("(a(b)c", 0, None),  # not closed
        (r"\b(?:kill|slay)\s", 2, 14),
    ],
)
def test_group_end(pattern, i, end):
    assert group_end(pattern, i) == end


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        ("a|b", ["a", "b"]),
        ("a|(b|c)|[|]d", ["a", "(b|c)", "[|]d"]),
        (r"a\|b", [r"a\|b"]),
        ("(?:x|y)z", ["(?:x|y)z"]),
        ("", [""]),
        ("a|", ["a", ""]),
    ],
)
def test_top_level_split(pattern, parts):
    assert top_level_split(pattern) == parts
    assert "|".join(top_level_split(pattern)) == pattern  # nothing lost or added
