"""Tests for framing/evaluate.py: alignment and agreement measures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.evaluate import align, confusion, evaluate, frame_scores, source_scores, unit_agreement


def table(rows):
    cols = ["article_id", "unit", "kind", "fingerprint", "frames", "speakers", "source_types", "cues"]
    return pd.DataFrame(rows, columns=cols)


REF = table([
    ["a", 0, "headline", "h", "counter_terror", "Joe Biden", "us_government", "say"],
    ["a", 1, "sentence", "s1", "civilian_harm;counter_terror", "", "unattributed", ""],
    ["a", 2, "sentence", "s2", "", "residents", "local_witness", "tell"],
    ["a", 3, "boilerplate", "b", "", "", "", ""],
    ["a", 4, "sentence", "s3", "sovereignty", "Syrian government", "syrian_government", "demand"],
])


def test_perfect_agreement():
    fs = frame_scores(REF, REF).set_index("frame")
    assert fs.loc["macro", "f1"] == 1.0
    assert fs.loc["counter_terror", "support"] == 2
    ss = source_scores(REF, REF).set_index("metric")["value"]
    assert ss["source_type_agreement"] == ss["attributed_agreement"] == ss["speaker_f1"] == 1.0


def test_boilerplate_is_not_scored():
    assert "b" not in set(align(REF, REF)["fingerprint"])
    assert frame_scores(REF, REF)["n_units"].iloc[0] == 4


def test_missing_unit_counts_as_wrong():
    coded = REF[REF["fingerprint"] != "s3"]
    fs = frame_scores(REF, coded).set_index("frame")
    assert fs.loc["sovereignty", "recall"] == 0.0
    # the missing unit is also a false positive for the frames it does not have
    assert fs.loc["counter_terror", "precision"] == pytest.approx(2 / 3)
    ss = source_scores(REF, coded).set_index("metric")["value"]
    assert ss["source_type_agreement"] == pytest.approx(3 / 4)
    assert ss["speaker_recall"] == pytest.approx(2 / 3)


def test_hand_computed_scores():
    coded = REF.copy()
    coded.loc[1, "frames"] = "counter_terror"          # misses civilian_harm
    coded.loc[2, "frames"] = "civilian_harm"           # spurious civilian_harm
    coded.loc[2, ["speakers", "source_types", "cues"]] = ["", "unattributed", ""]
    coded.loc[0, "speakers"] = "joe  BIDEN"            # names compare case- and space-insensitively
    fs = frame_scores(REF, coded).set_index("frame")
    assert fs.loc["civilian_harm", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert fs.loc["counter_terror", "f1"] == 1.0
    ss = source_scores(REF, coded).set_index("metric")["value"]
    assert ss["attributed_agreement"] == pytest.approx(3 / 4)
    assert ss["speaker_precision"] == 1.0 and ss["speaker_recall"] == pytest.approx(2 / 3)


def test_alpha_is_nan_without_variation():
    ref = table([["a", 0, "sentence", "x", "", "", "unattributed", ""], ["a", 1, "sentence", "y", "", "", "unattributed", ""]])
    assert math.isnan(frame_scores(ref, ref).set_index("frame").loc["sovereignty", "alpha"])


def test_duplicate_fingerprints_pair_in_order():
    ref = table([["a", 0, "headline", "h", "counter_terror", "", "unattributed", ""],
                 ["a", 1, "sentence", "h", "civilian_harm", "", "unattributed", ""]])
    aligned = align(ref, ref)
    assert aligned["coded_frames"].tolist() == ["counter_terror", "civilian_harm"]


def test_confusion_and_evaluate_are_tidy():
    conf = confusion(REF, REF, field="attributed")
    assert set(conf.columns) == {"reference", "coded", "n"}
    assert conf.set_index(["reference", "coded"])["n"].to_dict() == {("attributed", "attributed"): 3, ("unattributed", "unattributed"): 1}
    long = evaluate(REF, REF)
    assert list(long.columns) == ["measure", "target", "value", "n_units"]
    assert long.set_index(["measure", "target"]).loc[("coverage", "units"), "value"] == 1.0


def test_unit_agreement_flags_each_unit():
    ref = REF.assign(text=["h", "one", "two", "b", "three"])
    coded = REF.copy()
    coded.loc[2, "source_types"] = "media"
    coded = coded[coded["fingerprint"] != "s3"]
    out = unit_agreement(ref, coded)
    assert out["frames_agree"].tolist() == [True, True, True, False]
    assert out["sources_agree"].tolist() == [True, True, False, False]
    assert out["text"].tolist() == ["h", "one", "two", "three"]


@pytest.mark.parametrize(
    ("reference", "coded", "f1"),
    [
        ("Stéphane Dujarric", "Stephane Dujarric", 1.0),
        ("Şêxo Ehmed", "sexo  ehmed", 1.0),
        ("Joe Biden", "JOE BIDEN", 1.0),
        ("Joe Biden", "Jo Biden", 0.0),
        ("Hélène Martin", "Helen Martin", 0.0),
    ],
)
def test_speaker_names_compare_without_case_space_or_diacritics(reference, coded, f1):
    ref = pd.DataFrame([{"article_id": "a", "unit": 1, "kind": "sentence", "fingerprint": "f1", "frames": "",
                         "speakers": reference, "source_types": "un_or_ngo", "cues": "say"}])
    cod = ref.assign(speakers=coded)
    assert source_scores(ref, cod).set_index("metric").loc["speaker_f1", "value"] == f1
