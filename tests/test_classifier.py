"""Tests for framing.classifier: the supervised FrameClassifier and cross_validate_frames.

The training sentences were written for these tests in news styles; the
expected frames come from the codebook's questions.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from framing.classifier import FrameClassifier, cross_validate_frames
from framing.codebook import FRAMES
from framing.errors import InputError
from framing.frames import frames_to_matrix

CT, CH, SV = "counter_terror", "civilian_harm", "sovereignty"


def _join(*frames: str) -> str:
    return ";".join(sorted(frames))


TRAIN = pd.DataFrame(
    {
        "article_id": [f"a{i % 6}" for i in range(36)],
        "kind": ["sentence"] * 36,
        "text": [
            "ISIS militants attacked a checkpoint.", "Civilians were killed in the strike.", "Damascus demanded respect for its sovereignty.",
            "The jihadist group lost its leader.", "Children died under the rubble.", "Foreign troops must leave Syrian territory.",
            "Terrorist cells regrouped in the desert.", "Families fled their homes in fear.", "The occupation of Syrian land is illegal.",
            "Al-Qaeda fighters ambushed a convoy.", "Residents buried the dead women.", "Rebel-held areas lie outside government control.",
            "The militants planted a bomb.", "Innocent people were wounded.", "Turkey must withdraw its forces under the Astana deal.",
            "Extremists claimed the attack.", "A family of six was killed.", "The raid violated sovereignty and international law.",
            "Daesh terrorists executed hostages.", "Civilian casualties are under investigation.", "Syrian territorial integrity must be respected.",
            "ISIS remnants threaten the region.", "The children were injured.", "The government will restore control of Idlib.",
            "Jihadists fled the village.", "Women and children were among the victims.", "Sovereignty of Syria was violated.",
            "The weather was fine.", "The market opened at nine.", "Officials met on Tuesday.",
            "ISIS militants and civilians were killed.", "The convoy moved slowly.", "The meeting ended early.",
            "A terrorist attack killed children.", "Lunch was served.", "The road was closed.",
        ],
        "frames": [
            CT, CH, SV, CT, CH, SV, CT, CH, SV, CT, CH, SV, CT, CH, SV, CT, CH, SV,
            CT, CH, SV, CT, CH, SV, CT, CH, SV, "", "", "", _join(CH, CT), "", "", _join(CH, CT), "", "",
        ],
    }
)


def test_classifier_learns_and_predicts_held_out_sentences():
    model = FrameClassifier().fit(TRAIN)
    coded = model.code(pd.DataFrame({"text": ["ISIS militants attacked the town.", "Children were killed.", "The road opened."]}))
    assert coded["frames"].tolist() == [CT, CH, ""]


def test_classifier_sklearn_conventions():
    model = FrameClassifier(C=2.0)
    assert model.fit(TRAIN) is model
    assert list(model.classes_) == list(FRAMES)
    for attr in ("classes_", "vectorizer_", "estimator_"):
        assert hasattr(model, attr) and attr.endswith("_")
    twin = clone(model)
    assert twin.get_params() == model.get_params() and not hasattr(twin, "estimator_")
    with pytest.raises(NotFittedError):
        FrameClassifier().predict(["ISIS"])


def test_classifier_fit_on_texts_and_matrix_or_cells():
    texts = TRAIN["text"].tolist()
    y = frames_to_matrix(TRAIN["frames"].tolist())
    a = FrameClassifier().fit(texts, y).predict(texts)
    b = FrameClassifier().fit(texts, TRAIN["frames"].tolist()).predict(texts)
    assert a.shape == (len(texts), 3) and (a == b).all()


def test_classifier_ignores_boilerplate_and_is_deterministic():
    noisy = pd.concat([TRAIN, pd.DataFrame({"text": ["ISIS ISIS ISIS"], "frames": [CH], "kind": ["boilerplate"], "article_id": ["x"]})])
    a = FrameClassifier().fit(noisy).predict_proba(TRAIN)
    b = FrameClassifier().fit(TRAIN).predict_proba(TRAIN)
    assert np.allclose(a, b)
    pred = FrameClassifier().fit(TRAIN).predict(pd.DataFrame({"text": ["ISIS"], "kind": ["boilerplate"]}))
    assert pred.tolist() == [[0, 0, 0]]


def test_classifier_with_a_frame_never_seen():
    only = TRAIN[TRAIN["frames"].isin([CT, ""])]
    model = FrameClassifier().fit(only)
    assert model.predict(["Civilians were killed."])[0, FRAMES.index(SV)] == 0


def test_classifier_fit_errors():
    with pytest.raises(InputError):
        FrameClassifier().fit(pd.DataFrame({"text": ["a"]}))  # no labels
    with pytest.raises(InputError):
        FrameClassifier().fit(["a", "b"], np.zeros((3, 3)))  # wrong shape


def test_cross_validate_frames_tidy_columns():
    cv = cross_validate_frames(TRAIN, n_splits=3)
    assert list(cv.columns) == ["fold", "frame", "precision", "recall", "f1", "support", "n_test"]
    assert set(cv["fold"]) == {"1", "2", "3", "mean"}
    assert set(cv["frame"]) == set(FRAMES) | {"macro"}
    assert cv[["precision", "recall", "f1"]].apply(lambda c: c.between(0, 1)).all().all()
    again = cross_validate_frames(TRAIN, n_splits=3)
    pd.testing.assert_frame_equal(cv, again)


def test_cross_validate_without_groups_and_errors():
    cv = cross_validate_frames(TRAIN, n_splits=4, groups=None)
    assert set(cv["fold"]) == {"1", "2", "3", "4", "mean"}
    with pytest.raises(InputError):
        cross_validate_frames(TRAIN, n_splits=1)
    with pytest.raises(InputError):
        cross_validate_frames(TRAIN, groups="outlet")
    with pytest.raises(InputError):
        cross_validate_frames(TRAIN.drop(columns="frames"))


@pytest.mark.parametrize("module", ["framing.frames", "framing.coder", "framing.scale"])
def test_coding_does_not_import_scikit_learn(module):
    """The lexicon coder's path stays free of scikit-learn (about 0.9 s at every process start)."""
    code = f"import sys, {module}; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
