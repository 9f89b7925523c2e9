"""Tests for framing.sentiment: same numbers as TextBlob, faster, never failing."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob

from framing.errors import InputError
from framing.sentiment import add_sentiment, sentiment_scores

# Sentences written for the tests; the expected values are TextBlob's own, computed in the test.
SENTENCES = [
    "The president called it a final act of desperate cowardice.",
    "This operation was specifically designed to minimise civilian casualties.",
    "It was not a good day for the group, the spokesman said.",
    "Residents were terribly frightened and not very happy!",
    "A \"thorough investigation\" is necessary, Mr. Smith said.",
    "U.S. officials didn't say whether the raid was a success...",
    "Witnesses described a horrible, horrible scene :(",
    "The raid lasted two hours.",
    "",
    "Local people say they are sad (!) about it",
    "She said: 'We're grateful, really grateful.'",
    "e.g. the strike was an awful mistake, etc.",
    "Two lines\n\nof text, the second one bad.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_as_textblob(text):
    expected = TextBlob(text).sentiment
    got = sentiment_scores(text)
    assert got[0] == pytest.approx(expected.polarity, abs=1e-12)
    assert got[1] == pytest.approx(expected.subjectivity, abs=1e-12)


WORDS = st.sampled_from(
    "not no never very really good bad terrible terribly happy sad a the , . ; : ( ) \" ' “ ” ’ don't isn't "
    "U.S. Mr. etc. ... 8) :) xD ! ? - al-Qurashi 13 $ Gen. e.g. poorly great awful slightly extremely".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", ""])), max_size=25))
def test_same_as_textblob_on_random_word_salad(parts):
    text = "".join(w + sep for w, sep in parts)
    expected = TextBlob(text).sentiment
    got = sentiment_scores(text)
    assert got == pytest.approx((expected.polarity, expected.subjectivity), abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_in_range(text):
    p, s = sentiment_scores(text)
    assert (-1 <= p <= 1 and 0 <= s <= 1) or (math.isnan(p) and math.isnan(s))


def test_add_sentiment_columns_and_boilerplate():
    units = pd.DataFrame({"text": ["A good raid.", "Discuss", None], "kind": ["sentence", "boilerplate", "sentence"]})
    out = add_sentiment(units)
    assert out["polarity"].iloc[0] == pytest.approx(TextBlob("A good raid.").sentiment.polarity)
    assert np.isnan(out["polarity"].iloc[1]) and np.isnan(out["subjectivity"].iloc[1])
    assert np.isnan(out["polarity"].iloc[2])
    assert "polarity" not in units.columns


def test_disabled_gives_nan():
    out = add_sentiment(pd.DataFrame({"text": ["A good raid."]}), enabled=False)
    assert out[["polarity", "subjectivity"]].isna().all().all()


def test_errors_and_empty():
    with pytest.raises(InputError):
        add_sentiment(pd.DataFrame({"txt": ["a"]}))
    with pytest.raises(InputError):
        add_sentiment(["a"])
    out = add_sentiment(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert len(out) == 0 and {"polarity", "subjectivity"} <= set(out.columns)


def test_long_line():
    text = "good " * 20_000
    p, s = sentiment_scores(text)
    assert p == pytest.approx(TextBlob(text).sentiment.polarity)
