"""Statistics that compare how outlets framed the event and whom they quoted.

Every function takes a coded unit table first (reference coding or machine
coding: the columns ``frames``, ``speakers``, ``source_types``, ``cues`` as
";"-joined strings, see :mod:`framing.corpus`) and returns a new tidy
DataFrame, so notebooks chain them with ``.pipe``. Only ``headline`` and
``sentence`` units are counted; boilerplate never enters a share.

Methods
-------
Shares with 95% Wilson score intervals
    for a share :math:`\\hat p = k / n`, the interval
    :math:`\\frac{\\hat p + z^2/2n \\pm z\\sqrt{\\hat p(1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n}`
    (Wilson 1927), computed by ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.
    It stays inside [0, 1] and behaves at k = 0 and small n, where the Wald interval fails
    (Brown, Cai & DasGupta 2001).
Association of a frame with a grouping
    Pearson's chi-square test of the 2 x g table (unit carries the frame or not, by group),
    without continuity correction, and Cramer's V, :math:`V = \\sqrt{\\chi^2 / (n (\\min(r, c) - 1))}`.
    The minimum expected count is reported: below 5 the chi-square approximation is doubtful.
    Units of one article are not independent (one article's units share a writer), so the
    p-values are optimistic; read V as an effect size, not the p-value as proof.
Distinctive vocabulary
    weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", eqs. 16-22), each group against all the others.

Limits: shares are over units, so long articles weigh more than short ones
(:func:`frame_shares` with ``by="article_id"`` gives per-article shares to
average instead).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportion_confint

from .codebook import CODED_KINDS, FRAMES, split_values
from .errors import InputError

__all__ = [
    "FRAMES",
    "CODED_KINDS",
    "CI_ALPHA",
    "DEFAULT_PRIOR_MASS",
    "coded_units",
    "split_values",
    "explode_field",
    "explode_sources",
    "frame_shares",
    "frame_association",
    "field_shares",
    "source_shares",
    "speaker_frames",
    "sentiment_by_speaker",
    "tokenize",
    "term_counts",
    "log_odds_dirichlet",
    "distinctive_terms",
    "stack",
    "corpus_summary",
    "attach_sentiment",
    "order_by_total",
]

#: 1 - confidence level of every interval: 0.05 gives the conventional 95% intervals.
CI_ALPHA = 0.05
#: Total pseudo-count of the informative Dirichlet prior (Monroe et al. 2008's alpha_0).
#: 500 pseudo-words silences terms seen once or twice in a corpus of a few thousand
#: tokens (their log-odds shrink towards the pooled rate) while frequent differences survive.
DEFAULT_PRIOR_MASS = 500.0
#: Label given to the outlet's own narration by :func:`explode_sources`.
NARRATION = "(narration)"
#: A word for :func:`tokenize`: letters, inner apostrophes and hyphens ("al-qurashi", "biden's").
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def coded_units(units: pd.DataFrame) -> pd.DataFrame:
    """The units that carry codes: headlines and sentences (a new frame).

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["headline", "boilerplate", "sentence"]})
    >>> coded_units(units)["kind"].tolist()
    ['headline', 'sentence']
    """
    _require(units, ("kind",))
    return units.loc[units["kind"].isin(CODED_KINDS)].reset_index(drop=True)


def explode_field(units: pd.DataFrame, field: str, *, keep_empty: bool = False) -> pd.DataFrame:
    """One row per (unit, distinct value of a ";"-joined field).

    Parameters
    ----------
    units : pandas.DataFrame
        A coded unit table.
    field : str
        ``frames``, ``speakers``, ``source_types`` or ``cues`` (any ";"-joined column).
    keep_empty : bool
        Keep units with no value (their `field` becomes ""); otherwise drop them.

    Returns
    -------
    pandas.DataFrame
        The same columns; `field` now holds one value. A value repeated within a
        unit (two ``us_government`` speakers) gives one row, so a unit counts once per value.

    Example
    -------
    >>> units = pd.DataFrame({"unit": [0, 1], "source_types": ["us_government;us_government", "unattributed"]})
    >>> explode_field(units, "source_types")["source_types"].tolist()
    ['us_government', 'unattributed']
    """
    _require(units, (field,))
    values = units[field].map(lambda v: list(dict.fromkeys(split_values(v))) or ([""] if keep_empty else []))
    out = units.assign(**{field: values}).explode(field)
    out = out.loc[out[field].notna()]
    return out.astype({field: str}).reset_index(drop=True)


def explode_sources(units: pd.DataFrame) -> pd.DataFrame:
    """One row per (unit, speaker), with that speaker's source type and cue.

    ``speakers``, ``source_types`` and ``cues`` are parallel lists (codebook,
    "Sources"); they are zipped position by position. The outlet's own
    narration becomes one row with speaker ``"(narration)"`` and source type
    ``unattributed``. Boilerplate is dropped.

    Returns
    -------
    pandas.DataFrame
        The unit columns with ``speaker``, ``source_type``, ``cue`` added
        (one value each).

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"], "speakers": ["Pentagon;Joe Biden"],
    ...     "source_types": ["us_government;us_government"], "cues": ["say;claim"]})
    >>> explode_sources(units)[["speaker", "cue"]].values.tolist()
    [['Pentagon', 'say'], ['Joe Biden', 'claim']]
    """
    _require(units, ("kind", "speakers", "source_types", "cues"))
    rows = []
    for record in coded_units(units).to_dict("records"):
        speakers = split_values(record["speakers"])
        types = split_values(record["source_types"])
        cues = split_values(record["cues"])
        if not speakers:
            rows.append({**record, "speaker": NARRATION, "source_type": "unattributed", "cue": ""})
            continue
        for i, speaker in enumerate(speakers):
            rows.append(
                {
                    **record,
                    "speaker": speaker,
                    "source_type": types[i] if i < len(types) else "",
                    "cue": cues[i] if i < len(cues) else "",
                }
            )
    columns = [*units.columns, "speaker", "source_type", "cue"]
    return pd.DataFrame.from_records(rows, columns=columns)


def frame_shares(
    units: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    frames: Sequence[str] = FRAMES,
    alpha: float = CI_ALPHA,
) -> pd.DataFrame:
    """Share of units carrying each frame, per group, with Wilson intervals.

    Parameters
    ----------
    units : pandas.DataFrame
        Coded units with ``kind``, ``frames`` and the `by` column(s).
        Pipe through :func:`explode_field` first to group by a ";"-joined field
        (``units.pipe(explode_field, "source_types").pipe(frame_shares, by="source_types")``).
    by : str or sequence of str
        Grouping column(s): ``outlet``, ``outlet_type``, ``country``, ``article_id``...
    frames : sequence of str
        The frames to report (default: the codebook's three).
    alpha : float
        1 - confidence level of the Wilson interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``*by, frame, n_units, n_frame, share, ci_low, ci_high``: `n_units`
        coded units in the group, `n_frame` of them carry the frame,
        ``share = n_frame / n_units``. Sorted by group then frame order.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 4, "outlet": ["A", "A", "B", "B"],
    ...     "frames": ["counter_terror", "", "counter_terror;civilian_harm", "civilian_harm"]})
    >>> frame_shares(units, by="outlet", frames=["civilian_harm"])[["outlet", "share"]].values.tolist()
    [['A', 0.0], ['B', 1.0]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    coded = coded_units(units)
    _require(coded, ("frames", *keys))
    present = _frame_matrix(coded["frames"], frames)
    tab = pd.concat([coded[keys].reset_index(drop=True), present], axis=1)
    grouped = tab.groupby(keys, sort=True, dropna=False)
    n_units = grouped.size().rename("n_units")
    counts = grouped[list(frames)].sum()
    long = counts.reset_index().melt(id_vars=keys, var_name="frame", value_name="n_frame")
    long = long.merge(n_units.reset_index(), on=keys)
    low, high = proportion_confint(long["n_frame"], long["n_units"], alpha=alpha, method="wilson")
    long = long.assign(
        n_frame=long["n_frame"].astype("int64"),
        n_units=long["n_units"].astype("int64"),
        share=long["n_frame"] / long["n_units"],
        ci_low=np.asarray(low, dtype=float),
        ci_high=np.asarray(high, dtype=float),
    )
    long["frame"] = pd.Categorical(long["frame"], categories=list(frames), ordered=True)
    long = long.sort_values([*keys, "frame"]).reset_index(drop=True)
    long["frame"] = long["frame"].astype(str)
    return long[[*keys, "frame", "n_units", "n_frame", "share", "ci_low", "ci_high"]]


def frame_association(
    units: pd.DataFrame,
    *,
    by: str = "outlet_type",
    frames: Sequence[str] = FRAMES,
) -> pd.DataFrame:
    """Is carrying a frame associated with the group? Chi-square and Cramer's V per frame.

    For each frame, the 2 x g contingency table (units with / without the
    frame, by group) is tested with Pearson's chi-square (no continuity
    correction) and summarised by Cramer's V,
    :math:`V = \\sqrt{\\chi^2 / (n (\\min(2, g) - 1))}`.

    Parameters
    ----------
    units : pandas.DataFrame
        Coded units with ``kind``, ``frames`` and `by`.
    by : str
        The grouping column (``outlet_type``, ``country``, ``outlet``).
    frames : sequence of str
        Frames to test.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame, by, n_units, n_groups, chi2, dof, p_value, cramers_v, min_expected``.
        A frame that never (or always) occurs, or a single group, gives NaN statistics.

    Limits
    ------
    Units are clustered in articles, so the test's independence assumption is
    violated and p-values are too small; with ``min_expected < 5`` the
    chi-square approximation is unreliable too.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 20, "outlet_type": ["x"] * 10 + ["y"] * 10,
    ...     "frames": ["civilian_harm"] * 8 + [""] * 2 + ["civilian_harm"] * 2 + [""] * 8})
    >>> round(float(frame_association(units, frames=["civilian_harm"])["cramers_v"].iloc[0]), 3)
    0.6
    """
    coded = coded_units(units)
    _require(coded, ("frames", by))
    present = _frame_matrix(coded["frames"], frames)
    groups = coded[by].astype(str).reset_index(drop=True)
    rows = []
    for frame in frames:
        table = pd.crosstab(present[frame], groups)
        n = int(table.to_numpy().sum())
        row = {"frame": frame, "by": by, "n_units": n, "n_groups": int(groups.nunique())}
        if table.shape[0] < 2 or table.shape[1] < 2:
            row.update(chi2=math.nan, dof=0, p_value=math.nan, cramers_v=math.nan, min_expected=math.nan)
        else:
            result = chi2_contingency(table.to_numpy(), correction=False)
            k = min(table.shape) - 1
            row.update(
                chi2=float(result.statistic),
                dof=int(result.dof),
                p_value=float(result.pvalue),
                cramers_v=math.sqrt(float(result.statistic) / (n * k)),
                min_expected=float(np.min(result.expected_freq)),
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=["frame", "by", "n_units", "n_groups", "chi2", "dof", "p_value", "cramers_v", "min_expected"])


def field_shares(
    units: pd.DataFrame,
    *,
    field: str,
    by: str = "outlet",
    empty: str | None = None,
    alpha: float = CI_ALPHA,
) -> pd.DataFrame:
    """Share of units per group that carry each value of a ";"-joined field.

    A unit counts once for every distinct value it carries, so the shares of
    one group can add up to more than 1. Used for source types, group names
    (Daesh/ISIS/ISIL/Islamic State), distancing cues and kill verbs.

    Parameters
    ----------
    units : pandas.DataFrame
        Coded units with ``kind``, `field` and `by`.
    field : str
        The ";"-joined column (``source_types``, ``group_names``, ``distancing``...).
    by : str
        The grouping column.
    empty : str, optional
        Count a unit with no value under this label (``"unattributed"``); None drops such units
        from the counts (they still count in ``n_units``).
    alpha : float
        1 - confidence level of the Wilson interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``by, value, n_units, n_value, share, ci_low, ci_high`` (`n_units`: coded
        units of the group; `n_value`: of them carrying the value), sorted by group and value.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 3, "outlet": ["A"] * 3,
    ...     "group_names": ["Daesh;ISIS", "Daesh", ""]})
    >>> field_shares(units, field="group_names")[["value", "n_value"]].values.tolist()
    [['Daesh', 2], ['ISIS', 1]]
    """
    coded = coded_units(units)
    _require(coded, (field, by))
    columns = [by, "value", "n_units", "n_value", "share", "ci_low", "ci_high"]
    totals = coded.groupby(by, sort=True).size().rename("n_units").reset_index()
    if empty is not None:
        coded = coded.assign(**{field: coded[field].map(lambda v: v if split_values(v) else empty)})
    long = explode_field(coded, field).rename(columns={field: "value"})
    counts = long.groupby([by, "value"], sort=True).size().rename("n_value").reset_index()
    out = counts.merge(totals, on=by)
    if out.empty:
        return pd.DataFrame(columns=columns)
    low, high = proportion_confint(out["n_value"], out["n_units"], alpha=alpha, method="wilson")
    out = out.assign(share=out["n_value"] / out["n_units"], ci_low=np.asarray(low, float), ci_high=np.asarray(high, float))
    return out[columns].reset_index(drop=True)


def source_shares(units: pd.DataFrame, *, by: str = "outlet", alpha: float = CI_ALPHA) -> pd.DataFrame:
    """Which kinds of source each group quotes: share of units citing each source type.

    :func:`field_shares` on ``source_types``, a unit of narration counting for
    ``unattributed``. Shares of one group can add up to more than 1 (a unit
    quoting the Pentagon and residents).

    Returns
    -------
    pandas.DataFrame
        Columns ``by, source_type, n_units, n_source, share, ci_low, ci_high``
        (`n_units`: coded units of the group; `n_source`: of them citing the type).

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 2, "outlet": ["A", "A"],
    ...     "source_types": ["us_government;local_witness", "unattributed"]})
    >>> source_shares(units)[["source_type", "share"]].values.tolist()
    [['local_witness', 0.5], ['unattributed', 0.5], ['us_government', 0.5]]
    """
    out = field_shares(units, field="source_types", by=by, empty="unattributed", alpha=alpha)
    return out.rename(columns={"value": "source_type", "n_value": "n_source"})


def speaker_frames(units: pd.DataFrame, *, frames: Sequence[str] = FRAMES) -> pd.DataFrame:
    """Who is quoted with which frame: units per (speaker, frame).

    Returns
    -------
    pandas.DataFrame
        Columns ``speaker, source_type, n_units`` and one count column per frame
        (units of that speaker carrying the frame), sorted by `n_units` descending
        then speaker. Narration is the speaker ``"(narration)"``.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 2, "speakers": ["Maria Zakharova", ""],
    ...     "source_types": ["russian_government", "unattributed"], "cues": ["say", ""],
    ...     "frames": ["civilian_harm", "counter_terror"]})
    >>> speaker_frames(units)[["speaker", "civilian_harm"]].values.tolist()
    [['(narration)', 0], ['Maria Zakharova', 1]]
    """
    _require(units, ("frames",))
    long = explode_sources(units)
    present = _frame_matrix(long["frames"], frames)
    tab = pd.concat([long[["speaker", "source_type"]].reset_index(drop=True), present.astype("int64")], axis=1)
    out = tab.groupby(["speaker", "source_type"], sort=True).agg(
        n_units=("speaker", "size"), **{f: (f, "sum") for f in frames}
    )
    out = out.reset_index().sort_values(["n_units", "speaker"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def sentiment_by_speaker(units: pd.DataFrame, *, by: Literal["speaker", "source_type"] = "speaker") -> pd.DataFrame:
    """Mean TextBlob polarity and subjectivity of the units attributed to each speaker.

    Parameters
    ----------
    units : pandas.DataFrame
        Coded units with ``polarity`` and ``subjectivity`` (machine coding).
    by : {"speaker", "source_type"}
        Group by speaker name or by source type.

    Returns
    -------
    pandas.DataFrame
        Columns ``by-value, n_units, polarity, subjectivity, polarity_min, polarity_max``,
        sorted by mean polarity. NaN sentiment (boilerplate, sentiment off) is ignored.

    Limits
    ------
    TextBlob's lexicon scores adjectives of product reviews; in news copy most
    sentences score near 0, so differences of a few hundredths mean little.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 2, "speakers": ["A", "A"], "source_types": ["media"] * 2,
    ...     "cues": ["say"] * 2, "polarity": [0.5, -0.1], "subjectivity": [0.2, 0.4]})
    >>> sentiment_by_speaker(units)[["speaker", "n_units", "polarity"]].values.tolist()
    [['A', 2, 0.2]]
    """
    _require(units, ("polarity", "subjectivity"))
    long = explode_sources(units).dropna(subset=["polarity"])
    out = long.groupby(by, sort=True).agg(
        n_units=("polarity", "size"),
        polarity=("polarity", "mean"),
        subjectivity=("subjectivity", "mean"),
        polarity_min=("polarity", "min"),
        polarity_max=("polarity", "max"),
    )
    return out.reset_index().sort_values(["polarity", by], kind="stable").reset_index(drop=True)


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens: letters with inner apostrophes or hyphens; digits dropped.

    Example
    -------
    >>> tokenize("Al-Qurashi's raid: 13 killed.")
    ["al-qurashi's", 'raid', 'killed']
    """
    return [m.group(0).lower().replace("\u2019", "'") for m in _TOKEN.finditer(text or "")]


def term_counts(units: pd.DataFrame, *, by: str, text: str = "text") -> pd.DataFrame:
    """Token counts per group, tidy.

    Returns
    -------
    pandas.DataFrame
        Columns ``by, term, count`` (only terms that occur), sorted by group and term.

    Example
    -------
    >>> units = pd.DataFrame({"kind": ["sentence"] * 2, "g": ["a", "b"], "text": ["raid raid", "raid"]})
    >>> term_counts(units, by="g").values.tolist()
    [['a', 'raid', 2], ['b', 'raid', 1]]
    """
    coded = coded_units(units)
    _require(coded, (by, text))
    tokens = coded[[by]].assign(term=coded[text].map(tokenize)).explode("term").dropna(subset=["term"])
    out = tokens.groupby([by, "term"], sort=True).size().rename("count").reset_index()
    return out.astype({"count": "int64"})


def log_odds_dirichlet(
    counts: pd.DataFrame,
    *,
    by: str,
    prior_mass: float = DEFAULT_PRIOR_MASS,
    background: pd.Series | None = None,
) -> pd.DataFrame:
    """Weighted log-odds ratio of each term, each group against all the others.

    Monroe, Colaresi & Quinn (2008), with an informative Dirichlet prior. For
    group *i*, the rest *j*, term *w* with counts :math:`y_w^i`, :math:`y_w^j`,
    group sizes :math:`n^i, n^j` and prior :math:`\\alpha_w = \\alpha_0 \\pi_w`
    (:math:`\\pi_w` the background share of *w*, :math:`\\alpha_0` = `prior_mass`)::

        delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        var_w   = 1 / (y_i + a_w) + 1 / (y_j + a_w)          (their eq. 20)
        z_w     = delta_w / sqrt(var_w)

    Parameters
    ----------
    counts : pandas.DataFrame
        Tidy counts ``by, term, count`` (as :func:`term_counts` returns).
    by : str
        The group column.
    prior_mass : float
        :math:`\\alpha_0`, the prior's total pseudo-count (> 0).
    background : pandas.Series, optional
        Term -> count in a background corpus giving :math:`\\pi_w`; default: the
        pooled counts of all groups (Monroe et al.'s choice when no larger corpus is at hand).
        Terms absent from the background get no prior mass.

    Returns
    -------
    pandas.DataFrame
        Columns ``by, term, count, rest_count, prior, log_odds, variance, z``, one row per
        (group, term) of the vocabulary, sorted by group and descending z.
        Positive z: the term is more typical of the group than of the rest.

    Example
    -------
    >>> counts = pd.DataFrame({"g": ["a", "a", "b"], "term": ["raid", "civilians", "raid"], "count": [2, 1, 1]})
    >>> res = log_odds_dirichlet(counts, by="g", prior_mass=4)
    >>> res.loc[res["g"].eq("a"), "term"].tolist()
    ['civilians', 'raid']
    """
    _require(counts, (by, "term", "count"))
    if not prior_mass > 0:
        raise ValueError(f"prior_mass must be positive, got {prior_mass!r}")
    wide = counts.pivot_table(index="term", columns=by, values="count", aggfunc="sum", fill_value=0).astype(float)
    pooled = wide.sum(axis=1)
    bg = pooled if background is None else background.reindex(wide.index).fillna(0).astype(float)
    prior = prior_mass * bg / bg.sum() if bg.sum() > 0 else bg * 0.0
    a0 = float(prior.sum())
    out = []
    for group in wide.columns:
        y_i = wide[group]
        y_j = pooled - y_i
        n_i, n_j = float(y_i.sum()), float(y_j.sum())
        delta = np.log((y_i + prior) / (n_i + a0 - y_i - prior)) - np.log((y_j + prior) / (n_j + a0 - y_j - prior))
        var = 1.0 / (y_i + prior) + 1.0 / (y_j + prior)
        out.append(
            pd.DataFrame(
                {
                    by: group,
                    "term": wide.index,
                    "count": y_i.astype("int64").to_numpy(),
                    "rest_count": y_j.astype("int64").to_numpy(),
                    "prior": prior.to_numpy(),
                    "log_odds": delta.to_numpy(),
                    "variance": var.to_numpy(),
                    "z": (delta / np.sqrt(var)).to_numpy(),
                }
            )
        )
    if not out:
        return pd.DataFrame(columns=[by, "term", "count", "rest_count", "prior", "log_odds", "variance", "z"])
    res = pd.concat(out, ignore_index=True)
    return res.sort_values([by, "z", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def distinctive_terms(
    units: pd.DataFrame,
    *,
    by: str = "outlet_type",
    top: int = 10,
    min_count: int = 2,
    prior_mass: float = DEFAULT_PRIOR_MASS,
) -> pd.DataFrame:
    """The `top` most distinctive terms of each group (:func:`log_odds_dirichlet` on :func:`term_counts`).

    Parameters
    ----------
    units : pandas.DataFrame
        Units with ``text`` (only articles whose text is at hand) and `by`.
    by : str
        The grouping column. With fewer than two groups there is nothing to contrast
        and the result is empty.
    top : int
        Terms kept per group, by descending z.
    min_count : int
        Keep a term for a group only if the group uses it at least this often.
    prior_mass : float
        See :func:`log_odds_dirichlet`.

    Returns
    -------
    pandas.DataFrame
        As :func:`log_odds_dirichlet`, with a ``rank`` column (1 = most distinctive).
    """
    counts = term_counts(units, by=by)
    if counts[by].nunique() < 2:
        return pd.DataFrame(columns=[by, "term", "count", "rest_count", "prior", "log_odds", "variance", "z", "rank"])
    scored = log_odds_dirichlet(counts, by=by, prior_mass=prior_mass)
    scored = scored.loc[scored["count"] >= min_count]
    scored = scored.groupby(by, sort=True, group_keys=False).head(top)
    return scored.assign(rank=scored.groupby(by).cumcount() + 1).reset_index(drop=True)


def _frame_matrix(values: pd.Series, frames: Sequence[str]) -> pd.DataFrame:
    sets = values.map(lambda v: set(split_values(v))).reset_index(drop=True)
    return pd.DataFrame({f: sets.map(lambda s, f=f: f in s).astype(bool) for f in frames})


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; have {', '.join(map(str, frame.columns))}")


def stack(tables: Mapping[str, pd.DataFrame], *, label: str) -> pd.DataFrame:
    """Stack tables of the same shape, with a column `label` naming the table each row came from.

    Example
    -------
    >>> stack({"reference": pd.DataFrame({"x": [1]}), "machine": pd.DataFrame({"x": [2]})}, label="coding")
       x     coding
    0  1  reference
    1  2    machine
    """
    return pd.concat([t.assign(**{label: name}) for name, t in tables.items()], ignore_index=True)


def corpus_summary(units: pd.DataFrame, *, by: str = "outlet_type") -> pd.DataFrame:
    """How many articles, outlets and coded units (headlines and sentences) each group has.

    Returns
    -------
    pandas.DataFrame
        Columns `by`, ``articles``, ``outlets``, ``units``.
    """
    coded = coded_units(units)
    return (
        coded.groupby(by)
        .agg(articles=("article_id", "nunique"), outlets=("outlet", "nunique"), units=("unit", "size"))
        .reset_index()
    )


def attach_sentiment(reference: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """The reference units with the machine's ``polarity`` and ``subjectivity``, matched by fingerprint.

    Sentiment is not part of the reference coding; this lets it be grouped by the
    reference's speakers (:func:`sentiment_by_speaker`). Units the machine did not
    produce get NaN.
    """
    scores = coded[["article_id", "fingerprint", "polarity", "subjectivity"]].drop_duplicates(["article_id", "fingerprint"])
    drop = [c for c in ("polarity", "subjectivity") if c in reference.columns]
    return reference.drop(columns=drop).merge(scores, on=["article_id", "fingerprint"], how="left")


def order_by_total(shares: pd.DataFrame, *, column: str, weight: str) -> list[str]:
    """The values of `column`, most frequent first by the summed `weight` (an order for plot axes)."""
    return shares.groupby(column)[weight].sum().sort_values(ascending=False, kind="stable").index.tolist()
