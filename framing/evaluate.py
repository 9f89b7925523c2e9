"""Agreement between two codings of the same units: machine vs reference, or coder vs coder.

Units are lined up by ``(article_id, fingerprint)``; when a fingerprint occurs
more than once in an article (a headline repeated as boilerplate) the
occurrences are paired in reading order. Only reference units of kind
``headline`` or ``sentence`` are scored (boilerplate carries no codes).

A reference unit missing from the coded table counts as wrong:

* for frames, it is coded with the *opposite* of every reference value
  (so it is a false negative for every frame the reference gives it and a
  false positive for every frame it does not): this is what "wrong" means for
  precision, recall and Krippendorff's alpha alike;
* for sources, it disagrees on the source types, on attributed-or-not, and
  contributes its reference speakers as false negatives.

Measures
--------
precision, recall, F1 per frame
    over units, for the binary "unit carries frame f"; macro-F1 is their mean.
Krippendorff's alpha per frame
    nominal alpha for two coders (Krippendorff 2004), from the ``krippendorff``
    package: ``alpha = 1 - D_o / D_e``; NaN when a frame never varies.
source-type agreement
    share of units whose *sets* of source types are equal (``unattributed`` counts as a type).
attributed agreement
    share of units on which both say attributed, or both say unattributed.
speaker precision, recall, F1
    micro-averaged over units on the multisets of speaker names, compared case-insensitively,
    with white space folded and diacritics dropped (NFKD, combining marks removed: "Stéphane
    Dujarric" and "Stephane Dujarric" are one speaker, as outlets transliterate names differently).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from typing import Literal

import numpy as np
import pandas as pd

from .codebook import CODED_KINDS, FRAMES, UNATTRIBUTED, split_values

__all__ = ["FRAMES", "align", "unit_agreement", "frame_scores", "source_scores", "confusion", "evaluate", "SCORED_KINDS"]

#: Reference unit kinds that carry codes and are scored.
SCORED_KINDS = CODED_KINDS
_FIELDS = ("kind", "frames", "speakers", "source_types", "cues")


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in _FIELDS:
        if col not in out.columns:
            out[col] = ""
        out[col] = out[col].fillna("").astype(str)
    out["occurrence"] = out.groupby(["article_id", "fingerprint"]).cumcount()
    return out


def align(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Line coded units up with the reference units they code.

    Parameters
    ----------
    reference : pandas.DataFrame
        Reference coding: article_id, unit, kind, fingerprint, frames, speakers, source_types, cues.
    coded : pandas.DataFrame
        The coding to judge, with at least article_id, fingerprint and the coded fields.

    Returns
    -------
    pandas.DataFrame
        One row per scored reference unit (kind headline or sentence), with
        ``article_id``, ``unit``, ``fingerprint``, ``ref_<field>`` and
        ``coded_<field>`` for kind, frames, speakers, source_types and cues,
        and ``found`` (False when the coded table has no such unit).

    Example
    -------
    >>> ref = pd.DataFrame({"article_id": ["a"], "unit": [0], "kind": ["sentence"], "fingerprint": ["f"],
    ...                     "frames": ["civilian_harm"], "speakers": [""], "source_types": ["unattributed"], "cues": [""]})
    >>> align(ref, ref)["found"].tolist()
    [True]
    """
    ref = _keyed(reference)
    ref = ref[ref["kind"].isin(SCORED_KINDS)]
    cod = _keyed(coded)
    keys = ["article_id", "fingerprint", "occurrence"]
    merged = ref[keys + ["unit", *_FIELDS]].merge(
        cod[keys + list(_FIELDS)].rename(columns={c: f"coded_{c}" for c in _FIELDS}),
        on=keys,
        how="left",
        indicator=True,
        validate="one_to_one",
    )
    merged = merged.rename(columns={c: f"ref_{c}" for c in _FIELDS})
    merged["found"] = merged.pop("_merge").eq("both")
    for c in _FIELDS:
        merged[f"coded_{c}"] = merged[f"coded_{c}"].fillna("")
    return merged.drop(columns="occurrence").reset_index(drop=True)


def unit_agreement(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """:func:`align`, with whether frames and source types agree on each unit (and its text, when known).

    Returns
    -------
    pandas.DataFrame
        The aligned table plus ``frames_agree`` and ``sources_agree`` (exact
        equality of the ";"-joined cells; a missing unit agrees on nothing) and,
        when the reference has a ``text`` column, ``text``.
    """
    aligned = align(reference, coded)
    if "text" in reference.columns:
        texts = reference.drop_duplicates(["article_id", "unit"]).set_index(["article_id", "unit"])["text"]
        aligned["text"] = [texts.get((a, u), "") for a, u in zip(aligned["article_id"], aligned["unit"])]
    return aligned.assign(
        frames_agree=aligned["found"] & (aligned["ref_frames"] == aligned["coded_frames"]),
        sources_agree=aligned["found"] & (aligned["ref_source_types"] == aligned["coded_source_types"]),
    )


def _frame_matrix(values: pd.Series) -> np.ndarray:
    sets = [set(split_values(v)) for v in values]
    return np.array([[f in s for f in FRAMES] for s in sets], dtype=bool).reshape(len(sets), len(FRAMES))


def _alpha(a: np.ndarray, b: np.ndarray) -> float:
    import krippendorff

    data = np.vstack([a.astype(float), b.astype(float)])
    if len(np.unique(data)) < 2:
        return math.nan
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def frame_scores(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Per-frame precision, recall, F1 and Krippendorff's alpha, and their macro means.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame, precision, recall, f1, alpha, support, n_units``; one
        row per frame and a last row ``frame == "macro"`` (unweighted means).
        ``support`` is how many reference units carry the frame.
    """
    aligned = align(reference, coded)
    ref = _frame_matrix(aligned["ref_frames"])
    cod = _frame_matrix(aligned["coded_frames"])
    missing = ~aligned["found"].to_numpy()
    cod[missing] = ~ref[missing]
    rows = []
    for j, frame in enumerate(FRAMES):
        r, c = ref[:, j], cod[:, j]
        tp, fp, fn = int((r & c).sum()), int((~r & c).sum()), int((r & ~c).sum())
        precision = tp / (tp + fp) if tp + fp else math.nan
        recall = tp / (tp + fn) if tp + fn else math.nan
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan
        rows.append(
            {"frame": frame, "precision": precision, "recall": recall, "f1": f1,
             "alpha": _alpha(r, c), "support": int(r.sum()), "n_units": len(aligned)}
        )
    out = pd.DataFrame(rows)
    macro = {"frame": "macro", "support": int(out["support"].sum()), "n_units": len(aligned)}
    for col in ("precision", "recall", "f1", "alpha"):
        macro[col] = float(out[col].mean(skipna=True)) if out[col].notna().any() else math.nan
    return pd.concat([out, pd.DataFrame([macro])], ignore_index=True)


def _norm_name(name: str) -> str:
    """A speaker name as compared: case-folded, white space folded, diacritics dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def source_scores(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Agreement on attributed sources.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric, value, n_units``; metrics ``source_type_agreement``,
        ``attributed_agreement``, ``speaker_precision``, ``speaker_recall``, ``speaker_f1``.
    """
    aligned = align(reference, coded)
    n = len(aligned)
    found = aligned["found"].to_numpy()
    ref_types = [frozenset(split_values(v)) or frozenset({UNATTRIBUTED}) for v in aligned["ref_source_types"]]
    cod_types = [frozenset(split_values(v)) or frozenset({UNATTRIBUTED}) for v in aligned["coded_source_types"]]
    type_agree = [f and r == c for f, r, c in zip(found, ref_types, cod_types)]
    ref_attr = [r != {UNATTRIBUTED} for r in ref_types]
    cod_attr = [c != {UNATTRIBUTED} for c in cod_types]
    attr_agree = [f and r == c for f, r, c in zip(found, ref_attr, cod_attr)]
    tp = fp = fn = 0
    for f, r, c in zip(found, aligned["ref_speakers"], aligned["coded_speakers"]):
        rs = Counter(_norm_name(s) for s in split_values(r))
        cs = Counter(_norm_name(s) for s in split_values(c)) if f else Counter()
        overlap = sum((rs & cs).values())
        tp += overlap
        fp += sum(cs.values()) - overlap
        fn += sum(rs.values()) - overlap
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan
    values = {
        "source_type_agreement": float(np.mean(type_agree)) if n else math.nan,
        "attributed_agreement": float(np.mean(attr_agree)) if n else math.nan,
        "speaker_precision": precision,
        "speaker_recall": recall,
        "speaker_f1": f1,
    }
    return pd.DataFrame({"metric": list(values), "value": list(values.values()), "n_units": n})


def confusion(
    reference: pd.DataFrame,
    coded: pd.DataFrame,
    *,
    field: Literal["source_types", "attributed", "frames"] = "source_types",
) -> pd.DataFrame:
    """Confusion table in tidy form: how often reference value R was coded as C.

    Parameters
    ----------
    field : {"source_types", "attributed", "frames"}
        ``source_types`` and ``frames`` compare the sorted ";"-joined sets
        ("" frames shown as ``none``); ``attributed`` compares attributed vs unattributed.
        Missing coded units appear as ``(missing)``.

    Returns
    -------
    pandas.DataFrame
        Columns ``reference, coded, n``, sorted by n descending.
    """
    aligned = align(reference, coded)

    def label(value: str, found: bool = True) -> str:
        if not found:
            return "(missing)"
        items = sorted(set(split_values(value)))
        if field == "attributed":
            return "unattributed" if not items or items == [UNATTRIBUTED] else "attributed"
        if field == "frames":
            return ";".join(items) or "none"
        return ";".join(items) or UNATTRIBUTED

    col = "frames" if field == "frames" else "source_types"
    ref = [label(v) for v in aligned[f"ref_{col}"]]
    cod = [label(v, f) for v, f in zip(aligned[f"coded_{col}"], aligned["found"])]
    table = pd.DataFrame({"reference": ref, "coded": cod}).value_counts().rename("n").reset_index()
    return table.sort_values(["n", "reference", "coded"], ascending=[False, True, True], ignore_index=True)


def evaluate(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """All scores in one tidy table: ``measure, target, value, n_units``.

    ``measure`` is precision/recall/f1/alpha (``target`` a frame or ``macro``)
    or a source metric (``target`` = ``sources``); ``coverage`` is the share of
    reference units found in the coded table.
    """
    fs = frame_scores(reference, coded)
    long = fs.melt(id_vars=["frame", "n_units"], value_vars=["precision", "recall", "f1", "alpha"],
                   var_name="measure", value_name="value").rename(columns={"frame": "target"})
    ss = source_scores(reference, coded).rename(columns={"metric": "measure"}).assign(target="sources")
    aligned = align(reference, coded)
    cov = pd.DataFrame([{"measure": "coverage", "target": "units", "value": float(aligned["found"].mean()) if len(aligned) else math.nan,
                         "n_units": len(aligned)}])
    return pd.concat([long[["measure", "target", "value", "n_units"]], ss[["measure", "target", "value", "n_units"]], cov],
                     ignore_index=True)
