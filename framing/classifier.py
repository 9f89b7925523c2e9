"""The supervised frame coder: TF-IDF n-grams and one-vs-rest logistic regression.

:class:`FrameClassifier` learns the codebook's frames from any coded unit table
(a study's own hand coding), with scikit-learn's conventions (options in
``__init__``, learned state in ``name_`` attributes, ``fit`` returns ``self``);
:func:`cross_validate_frames` estimates its per-frame precision, recall and F1
with folds grouped by article. Both give the same ``frames`` format as the
lexicon coder (:func:`framing.frames.code_frames`): ";"-joined, sorted, "" for none.

This module is separate from :mod:`framing.frames` so that coding with the
lexicon never imports scikit-learn.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.utils.validation import check_is_fitted

from .codebook import FRAMES
from .errors import InputError
from .frames import _check_units, _text_list, frames_to_matrix, matrix_to_frames

__all__ = ["FrameClassifier", "cross_validate_frames", "DEFAULT_MAX_FEATURES", "DEFAULT_C"]

#: Default vocabulary cap of the TF-IDF features (a news corpus of this size has ~10-30k n-grams).
DEFAULT_MAX_FEATURES = 20_000
#: Default inverse regularisation strength; 4 fits short texts with few positives (tuned on nothing: a common default range 1-10).
DEFAULT_C = 4.0


def _training_data(units, y) -> tuple[list[str], np.ndarray | None, np.ndarray]:
    """Texts, labels (or None) and a keep-mask from a unit table or a list of texts."""
    if isinstance(units, pd.DataFrame):
        _check_units(units, "FrameClassifier")
        texts = _text_list(units)
        keep = np.ones(len(units), dtype=bool)
        if "kind" in units.columns:
            keep = (units["kind"] != "boilerplate").to_numpy()
        if y is None and "frames" in units.columns:
            y = frames_to_matrix(units["frames"].tolist())
    else:
        if isinstance(units, str):
            raise InputError("FrameClassifier: expected a unit table or a list of texts, got one string")
        texts = ["" if t is None else str(t) for t in units]
        keep = np.ones(len(texts), dtype=bool)
    if y is not None:
        if not isinstance(y, np.ndarray) and len(y) and isinstance(next(iter(y)), str):
            y = frames_to_matrix(list(y))
        y = np.asarray(y, dtype=int)
        if y.ndim != 2 or y.shape != (len(texts), len(FRAMES)):
            raise InputError(f"labels must be an indicator matrix of shape ({len(texts)}, {len(FRAMES)}), got {y.shape}")
    return texts, y, keep


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Supervised frame coder: TF-IDF n-grams and one-vs-rest logistic regression.

    For a study with its own hand coding (e.g. another event): it learns from
    any coded unit table (``text`` and ``frames`` columns; boilerplate rows
    are ignored). Each frame is a separate binary logistic regression with
    ``class_weight="balanced"`` (King & Zeng 2001 on rare events), so rare
    frames are not ignored.

    Parameters
    ----------
    max_features : int
        Vocabulary cap of the TF-IDF vectoriser.
    ngram_range : tuple of int
        Word n-gram range.
    min_df : int or float
        Minimum document frequency of an n-gram.
    C : float
        Inverse L2 regularisation strength.
    sublinear_tf : bool
        Use 1 + log(tf).
    random_state : int
        Seed of the solver (liblinear), for determinism.

    Attributes
    ----------
    classes_ : ndarray of str
        The frames, in column order of :meth:`predict`.
    vectorizer_ : TfidfVectorizer
    estimator_ : OneVsRestClassifier

    Example
    -------
    >>> import pandas as pd
    >>> train = pd.DataFrame({"text": ["ISIS militants attacked", "civilians were killed", "rain fell"] * 4,
    ...                       "frames": ["counter_terror", "civilian_harm", ""] * 4})
    >>> FrameClassifier().fit(train).code(pd.DataFrame({"text": ["militants of ISIS"]}))["frames"].tolist()
    ['counter_terror']
    """

    def __init__(
        self,
        *,
        max_features: int = DEFAULT_MAX_FEATURES,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 1,
        C: float = DEFAULT_C,
        sublinear_tf: bool = True,
        random_state: int = 0,
    ) -> None:
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.C = C
        self.sublinear_tf = sublinear_tf
        self.random_state = random_state

    def fit(self, units, y=None) -> FrameClassifier:
        """Learn from a coded unit table (or texts plus an indicator matrix / frame cells).

        Parameters
        ----------
        units : DataFrame or sequence of str
            A unit table with ``text`` and ``frames``, or texts.
        y : array-like, optional
            n x 3 indicator matrix (columns :data:`FRAMES`) or ";"-joined frame
            cells; required when `units` are plain texts.

        Returns
        -------
        FrameClassifier
            self
        """
        texts, y, keep = _training_data(units, y)
        if y is None:
            raise InputError("FrameClassifier.fit: no labels (give a 'frames' column or y)", field="frames")
        texts = [t for t, k in zip(texts, keep) if k]
        y = y[keep]
        if not texts:
            raise InputError("FrameClassifier.fit: no headline or sentence to learn from")
        self.classes_ = np.array(FRAMES)
        self.vectorizer_ = TfidfVectorizer(
            lowercase=True,
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
            token_pattern=r"(?u)\b\w[\w'-]*\w\b|\b\w\b",
        )
        try:
            x = self.vectorizer_.fit_transform(texts)
        except ValueError as err:  # empty vocabulary
            raise InputError(f"FrameClassifier.fit: {err}") from None
        base = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", random_state=self.random_state)
        self.estimator_ = OneVsRestClassifier(base)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "label not present in all training examples"
            self.estimator_.fit(x, y)
        self.n_features_in_ = x.shape[1]
        return self

    def decision_function(self, units) -> np.ndarray:
        """Per-frame scores (n x 3) of each unit; boilerplate rows get -inf."""
        check_is_fitted(self, ["classes_", "vectorizer_", "estimator_"])
        texts, _, keep = _training_data(units, None)
        scores = np.full((len(texts), len(self.classes_)), -np.inf)
        if keep.any():
            x = self.vectorizer_.transform([t for t, k in zip(texts, keep) if k])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                scores[keep] = self._scores(x)
        return scores

    def _scores(self, x) -> np.ndarray:
        cols = []
        for est in self.estimator_.estimators_:
            if hasattr(est, "decision_function"):
                cols.append(est.decision_function(x))
            else:  # a constant label in training: sklearn's _ConstantPredictor
                p = est.predict_proba(x)[:, 1]
                cols.append(np.where(p > 0.5, np.inf, -np.inf))
        return np.column_stack(cols)

    def predict_proba(self, units) -> np.ndarray:
        """Per-frame probabilities (n x 3); boilerplate rows get 0."""
        s = self.decision_function(units)
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-s))

    def predict(self, units) -> np.ndarray:
        """Indicator matrix (n x 3, columns :attr:`classes_`); boilerplate rows are all 0."""
        return (self.decision_function(units) > 0).astype(int)

    def code(self, units: pd.DataFrame) -> pd.DataFrame:
        """Return a copy of the unit table with a predicted ``frames`` column."""
        _check_units(units, "FrameClassifier.code")
        out = units.copy()
        out["frames"] = matrix_to_frames(self.predict(units), classes=self.classes_)
        return out

    def score(self, units, y=None, sample_weight=None) -> float:
        """Subset accuracy (all three frames right), as sklearn's classifiers report."""
        texts, y, keep = _training_data(units, y)
        if y is None:
            raise InputError("FrameClassifier.score: no labels", field="frames")
        pred = self.predict(units)
        return float((pred[keep] == y[keep]).all(axis=1).mean()) if keep.any() else float("nan")


def cross_validate_frames(
    units: pd.DataFrame,
    *,
    n_splits: int = 5,
    groups: str | None = "article_id",
    random_state: int = 0,
    classifier: FrameClassifier | None = None,
    average: Literal["macro"] = "macro",
) -> pd.DataFrame:
    """K-fold estimate of the supervised coder's precision, recall and F1 per frame.

    Parameters
    ----------
    units : pandas.DataFrame
        A coded unit table (``text``, ``frames``; boilerplate rows dropped).
    n_splits : int
        Number of folds (reduced to the number of groups when there are fewer).
    groups : str or None
        Column whose values are kept together in one fold (default
        ``article_id``: an article is never both trained and tested on, which
        would flatter the score with its repeated wording). None: shuffled KFold.
    random_state : int
        Seed for the shuffle (KFold and GroupKFold) and the classifier.
    classifier : FrameClassifier, optional
        Settings to evaluate (cloned per fold); default ``FrameClassifier()``.
    average : {"macro"}
        How the summary row over frames is formed (unweighted mean).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``fold`` ("1".."k", then "mean" over folds), ``frame`` (each
        frame, then ``macro``), ``precision``, ``recall``, ``f1``, ``support``
        (positives in the test fold), ``n_test``.

    Example
    -------
    >>> cv = cross_validate_frames(coded_units, n_splits=3)  # doctest: +SKIP
    >>> cv.query("fold == 'mean' and frame == 'macro'")["f1"]  # doctest: +SKIP
    """
    from sklearn.base import clone

    _check_units(units, "cross_validate_frames")
    if "frames" not in units.columns:
        raise InputError("cross_validate_frames: the unit table has no 'frames' column", field="frames")
    if not isinstance(n_splits, (int, np.integer)) or n_splits < 2:
        raise InputError(f"n_splits must be an integer >= 2, not {n_splits!r}", field="n_splits")
    data = units
    if "kind" in data.columns:
        data = data[data["kind"] != "boilerplate"]
    data = data.reset_index(drop=True)
    y = frames_to_matrix(data["frames"].tolist())
    texts = _text_list(data)
    est = FrameClassifier(random_state=random_state) if classifier is None else clone(classifier)
    if groups is not None:
        if groups not in data.columns:
            raise InputError(f"cross_validate_frames: no column {groups!r} to group folds by", field=groups)
        g = data[groups].astype(str).to_numpy()
        k = min(n_splits, len(set(g)))
        if k < 2:
            raise InputError(f"cross_validate_frames: need at least 2 distinct {groups!r} values to group folds")
        splitter = GroupKFold(n_splits=k, shuffle=True, random_state=random_state)
        splits = splitter.split(texts, y, g)
    else:
        if len(texts) < n_splits:
            raise InputError(f"cross_validate_frames: {len(texts)} units cannot fill {n_splits} folds")
        splits = KFold(n_splits=n_splits, shuffle=True, random_state=random_state).split(texts)
    rows = []
    for fold, (tr, te) in enumerate(splits, start=1):
        model = clone(est).fit([texts[i] for i in tr], y[tr])
        pred = model.predict([texts[i] for i in te])
        p, r, f, s = precision_recall_fscore_support(y[te], pred, average=None, labels=range(len(FRAMES)), zero_division=0)
        for j, frame in enumerate(FRAMES):
            rows.append({"fold": str(fold), "frame": frame, "precision": p[j], "recall": r[j], "f1": f[j], "support": int(s[j]), "n_test": len(te)})
        rows.append({"fold": str(fold), "frame": average, "precision": p.mean(), "recall": r.mean(), "f1": f.mean(), "support": int(s.sum()), "n_test": len(te)})
    table = pd.DataFrame(rows, columns=["fold", "frame", "precision", "recall", "f1", "support", "n_test"])
    mean = table.groupby("frame", sort=False)[["precision", "recall", "f1", "support", "n_test"]].mean().reset_index()
    mean.insert(0, "fold", "mean")
    return pd.concat([table, mean], ignore_index=True)
