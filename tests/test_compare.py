"""Tests for framing.compare: numbers checked against hand computation on tiny hand-made tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing import compare
from framing.errors import InputError

Z95 = 1.959963984540054  # the 97.5% standard normal quantile


def wilson_by_hand(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def units_table(rows: list[tuple]) -> pd.DataFrame:
    """rows: (outlet, kind, frames, speakers, source_types, cues)."""
    return pd.DataFrame(rows, columns=["outlet", "kind", "frames", "speakers", "source_types", "cues"])


# Sentences written for these tests, in the styles of wire copy and state media.
TINY = units_table(
    [
        ("Wire", "headline", "counter_terror", "Joe Biden", "us_government", "say"),
        ("Wire", "sentence", "counter_terror;civilian_harm", "", "unattributed", ""),
        ("Wire", "sentence", "", "", "unattributed", ""),
        ("Wire", "boilerplate", "", "", "", ""),
        ("State", "headline", "sovereignty", "Syrian government", "syrian_government", "headline"),
        ("State", "sentence", "civilian_harm", "residents;Pentagon", "local_witness;us_government", "tell;say"),
    ]
)


@pytest.mark.parametrize(
    ("outlet", "frame", "k", "n"),
    [
        ("Wire", "counter_terror", 2, 3),
        ("Wire", "civilian_harm", 1, 3),
        ("Wire", "sovereignty", 0, 3),
        ("State", "civilian_harm", 1, 2),
        ("State", "sovereignty", 1, 2),
    ],
)
def test_frame_shares_counts_and_wilson(outlet, frame, k, n):
    shares = compare.frame_shares(TINY, by="outlet")
    row = shares.loc[shares["outlet"].eq(outlet) & shares["frame"].eq(frame)].iloc[0]
    assert (row["n_frame"], row["n_units"]) == (k, n)
    assert row["share"] == pytest.approx(k / n)
    low, high = wilson_by_hand(k, n)
    assert row["ci_low"] == pytest.approx(low, abs=1e-12)
    assert row["ci_high"] == pytest.approx(high, abs=1e-12)


def test_frame_shares_ignores_boilerplate_and_has_tidy_columns():
    shares = compare.frame_shares(TINY, by="outlet")
    assert shares.columns.tolist() == ["outlet", "frame", "n_units", "n_frame", "share", "ci_low", "ci_high"]
    assert set(shares["n_units"]) == {3, 2}  # the boilerplate line is not a unit of any share
    assert shares["frame"].tolist()[:3] == list(compare.FRAMES)


def test_frame_shares_by_exploded_source_type():
    shares = TINY.pipe(compare.explode_field, "source_types").pipe(compare.frame_shares, by="source_types")
    us = shares.loc[shares["source_types"].eq("us_government")].set_index("frame")
    assert us.loc["counter_terror", "n_frame"] == 1 and us.loc["civilian_harm", "n_frame"] == 1
    assert us["n_units"].iloc[0] == 2


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("us_government;us_government", ["us_government"]),
        ("a;b", ["a", "b"]),
        ("", []),
    ],
)
def test_explode_field_counts_a_value_once_per_unit(cell, expected):
    frame = pd.DataFrame({"unit": [0], "source_types": [cell]})
    assert compare.explode_field(frame, "source_types")["source_types"].tolist() == expected


def test_explode_sources_zips_parallel_lists_and_names_narration():
    long = compare.explode_sources(TINY)
    state = long.loc[long["outlet"].eq("State") & long["kind"].eq("sentence")]
    assert state[["speaker", "source_type", "cue"]].values.tolist() == [
        ["residents", "local_witness", "tell"],
        ["Pentagon", "us_government", "say"],
    ]
    assert (long["speaker"] == compare.NARRATION).sum() == 2
    assert "boilerplate" not in set(long["kind"])


def test_frame_association_matches_hand_computed_chi_square():
    # x: 8 of 10 units carry the frame; y: 2 of 10. Expected counts are 5 everywhere,
    # so chi2 = 4 * 3**2 / 5 = 7.2 and V = sqrt(7.2 / 20) = 0.6.
    units = pd.DataFrame(
        {
            "kind": ["sentence"] * 20,
            "outlet_type": ["x"] * 10 + ["y"] * 10,
            "frames": ["civilian_harm"] * 8 + [""] * 2 + ["civilian_harm"] * 2 + [""] * 8,
        }
    )
    res = compare.frame_association(units, by="outlet_type", frames=["civilian_harm", "sovereignty"]).set_index("frame")
    assert res.loc["civilian_harm", "chi2"] == pytest.approx(7.2)
    assert res.loc["civilian_harm", "cramers_v"] == pytest.approx(0.6)
    assert res.loc["civilian_harm", "dof"] == 1
    assert res.loc["civilian_harm", "min_expected"] == pytest.approx(5.0)
    assert res.loc["civilian_harm", "p_value"] == pytest.approx(math.erfc(math.sqrt(7.2 / 2)))  # chi2(1) tail
    assert math.isnan(res.loc["sovereignty", "chi2"])  # never present: nothing to test


def test_source_shares_counts_each_type_once_per_unit():
    res = compare.source_shares(TINY, by="outlet").set_index(["outlet", "source_type"])
    assert res.loc[("Wire", "unattributed"), "n_source"] == 2
    assert res.loc[("Wire", "us_government"), "share"] == pytest.approx(1 / 3)
    assert res.loc[("State", "local_witness"), "n_units"] == 2


def test_speaker_frames():
    res = compare.speaker_frames(TINY).set_index("speaker")
    assert res.loc["Pentagon", "civilian_harm"] == 1
    assert res.loc[compare.NARRATION, "n_units"] == 2
    assert res.loc[compare.NARRATION, "counter_terror"] == 1


def test_sentiment_by_speaker_means():
    units = TINY.assign(polarity=[0.2, -0.4, 0.0, float("nan"), 0.1, 0.3], subjectivity=[0.5, 0.1, 0.0, float("nan"), 0.2, 0.6])
    res = compare.sentiment_by_speaker(units).set_index("speaker")
    assert res.loc[compare.NARRATION, "polarity"] == pytest.approx(-0.2)
    assert res.loc[compare.NARRATION, "n_units"] == 2
    by_type = compare.sentiment_by_speaker(units, by="source_type").set_index("source_type")
    assert by_type.loc["us_government", "polarity"] == pytest.approx((0.2 + 0.3) / 2)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The raid killed 13 people.", ["the", "raid", "killed", "people"]),
        ("Al-Qurashi\u2019s compound", ["al-qurashi's", "compound"]),
        ("", []),
    ],
)
def test_tokenize(text, tokens):
    assert compare.tokenize(text) == tokens


def test_log_odds_matches_hand_computation():
    # Two groups, hand-made: A says "raid raid civilians", B says "raid terror".
    units = pd.DataFrame(
        {"kind": ["sentence"] * 2, "group": ["A", "B"], "text": ["Raid raid civilians.", "Raid terror."]}
    )
    counts = compare.term_counts(units, by="group")
    res = compare.log_odds_dirichlet(counts, by="group", prior_mass=10).set_index(["group", "term"])
    # pooled: raid 3, civilians 1, terror 1 (5 tokens) -> prior a_w = 10 * share: raid 6, civilians 2, terror 2
    a = {"raid": 6.0, "civilians": 2.0, "terror": 2.0}
    a0, n_a, n_b = 10.0, 3.0, 2.0
    y_a = {"raid": 2, "civilians": 1, "terror": 0}
    y_b = {"raid": 1, "civilians": 0, "terror": 1}
    for term in a:
        delta = math.log((y_a[term] + a[term]) / (n_a + a0 - y_a[term] - a[term])) - math.log(
            (y_b[term] + a[term]) / (n_b + a0 - y_b[term] - a[term])
        )
        var = 1 / (y_a[term] + a[term]) + 1 / (y_b[term] + a[term])
        row = res.loc[("A", term)]
        assert row["prior"] == pytest.approx(a[term])
        assert row["log_odds"] == pytest.approx(delta)
        assert row["variance"] == pytest.approx(var)
        assert row["z"] == pytest.approx(delta / math.sqrt(var))
        # with two groups, B against the rest is A mirrored
        assert res.loc[("B", term), "log_odds"] == pytest.approx(-delta)
    assert res.loc[("A", "civilians"), "z"] > 0 > res.loc[("A", "terror"), "z"]


def test_log_odds_larger_prior_shrinks_towards_zero():
    counts = pd.DataFrame({"g": ["a", "a", "b", "b"], "term": ["x", "y", "x", "y"], "count": [9, 1, 1, 9]})
    weak = compare.log_odds_dirichlet(counts, by="g", prior_mass=1).set_index(["g", "term"])
    strong = compare.log_odds_dirichlet(counts, by="g", prior_mass=1000).set_index(["g", "term"])
    assert abs(strong.loc[("a", "x"), "log_odds"]) < abs(weak.loc[("a", "x"), "log_odds"])


def test_log_odds_rejects_non_positive_prior():
    counts = pd.DataFrame({"g": ["a"], "term": ["x"], "count": [1]})
    with pytest.raises(ValueError, match="prior_mass"):
        compare.log_odds_dirichlet(counts, by="g", prior_mass=0)


def test_distinctive_terms_needs_two_groups_and_ranks():
    one = pd.DataFrame({"kind": ["sentence"], "g": ["a"], "text": ["raid raid"]})
    assert compare.distinctive_terms(one, by="g").empty
    two = pd.DataFrame(
        {"kind": ["sentence"] * 2, "g": ["a", "b"], "text": ["daesh daesh raid raid", "isis isis raid raid"]}
    )
    res = compare.distinctive_terms(two, by="g", top=1, prior_mass=4)
    assert res[["g", "term", "rank"]].values.tolist() == [["a", "daesh", 1], ["b", "isis", 1]]


def test_missing_column_is_an_input_error():
    with pytest.raises(InputError, match="outlet_type"):
        compare.frame_shares(TINY, by="outlet_type")


@pytest.mark.parametrize(
    ("empty", "expected"),
    [
        (None, [["Daesh", 2, 3], ["ISIS", 1, 3]]),
        ("(none)", [["(none)", 1, 3], ["Daesh", 2, 3], ["ISIS", 1, 3]]),
    ],
)
def test_field_shares_counts_distinct_values_per_unit(empty, expected):
    # hand-made: "Daesh" twice in one unit counts once for that unit
    units = pd.DataFrame(
        {"kind": ["sentence"] * 3 + ["boilerplate"], "outlet": ["A"] * 4, "group_names": ["Daesh;Daesh;ISIS", "Daesh", "", "ISIS"]}
    )
    res = compare.field_shares(units, field="group_names", by="outlet", empty=empty)
    assert res[["value", "n_value", "n_units"]].values.tolist() == expected


def test_stack_labels_each_table():
    out = compare.stack({"a": pd.DataFrame({"x": [1, 2]}), "b": pd.DataFrame({"x": [3]})}, label="source")
    assert out["source"].tolist() == ["a", "a", "b"] and out["x"].tolist() == [1, 2, 3]


def test_corpus_summary_counts_coded_units_only():
    units = pd.DataFrame({
        "article_id": ["a", "a", "a", "b"], "unit": [0, 1, 2, 0], "outlet": ["X", "X", "X", "Y"],
        "outlet_type": ["wire_agency"] * 3 + ["commercial"], "kind": ["headline", "sentence", "boilerplate", "sentence"],
    })
    summary = compare.corpus_summary(units, by="outlet_type").set_index("outlet_type")
    assert summary.loc["wire_agency", ["articles", "outlets", "units"]].tolist() == [1, 1, 2]
    assert summary.loc["commercial", "units"] == 1


def test_attach_sentiment_matches_by_fingerprint():
    ref = pd.DataFrame({"article_id": ["a", "a"], "fingerprint": ["f1", "f2"], "speakers": ["X", ""]})
    coded = pd.DataFrame({"article_id": ["a"], "fingerprint": ["f2"], "polarity": [0.5], "subjectivity": [0.1]})
    out = compare.attach_sentiment(ref, coded)
    assert out["polarity"].isna().tolist() == [True, False]
    assert out.loc[1, "subjectivity"] == 0.1


def test_order_by_total():
    shares = pd.DataFrame({"kind": ["x", "y", "x", "z"], "n": [1, 5, 1, 3]})
    assert compare.order_by_total(shares, column="kind", weight="n") == ["y", "z", "x"]
