"""The study's figures: one function per figure, tidy data in, Axes out.

Each ``plot_*`` function takes the tidy frame that a :mod:`framing.compare`
or :mod:`framing.evaluate` function returns, draws on `ax` (a new figure of
a fixed size when `ax` is None) and returns the Axes. Nothing is computed
here beyond arranging the numbers; nothing is written. :func:`save_figure`
writes a figure as PNG and SVG byte-for-byte reproducibly (fixed size and
dpi, no date or software version in the metadata, a fixed SVG hash salt), so
that the committed files in ``figures/`` change only when the data or the
drawing code changes.

Colours: the frames use the Okabe-Ito palette (Okabe & Ito 2008), which stays
distinguishable under the common colour-vision deficiencies; heat maps use
the perceptually uniform ``cividis`` (Nunez et al. 2018) for the same reason.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ._io import atomic_write_bytes
from .codebook import FRAMES
from .errors import InputError

__all__ = [
    "FRAME_COLORS",
    "FRAME_LABELS",
    "DPI",
    "FIGSIZE",
    "save_figure",
    "plot_frame_shares",
    "plot_share_heatmap",
    "plot_sentiment",
    "plot_scores",
    "plot_confusion",
    "plot_distinctive_terms",
]

#: One colour per frame (Okabe-Ito: blue, vermilion, bluish green), shared with the reading view.
FRAME_COLORS = {"counter_terror": "#0072B2", "civilian_harm": "#D55E00", "sovereignty": "#009E73"}
#: How figures and reports name the frames.
FRAME_LABELS = {"counter_terror": "counter-terror", "civilian_harm": "civilian harm", "sovereignty": "sovereignty"}
#: Resolution of saved PNGs: 100 dpi keeps a 9-inch figure at 900 px, readable on screen and in HTML.
DPI = 100
#: Default figure size in inches (width, height) when a plot makes its own figure.
FIGSIZE = (9.0, 5.5)
#: Constant salt for the ids matplotlib writes into SVGs (otherwise random per run).
SVG_HASHSALT = "framing"
#: Colour map of the heat maps (perceptually uniform, colour-vision-deficiency friendly).
HEATMAP_CMAP = "cividis"
#: Heat-map cells darker than this share of the colour range get white text.
DARK_CELL = 0.55
#: Rendering settings fixed while saving, so the bytes do not depend on a user's matplotlibrc.
_SAVE_RC = {
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font on the reader's machine
    "path.simplify": True,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
}
#: Metadata per format: no date, no software version (both would change the bytes on every run).
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def save_figure(
    fig: Figure,
    name: str,
    *,
    folder: str | Path = "figures",
    formats: Sequence[str] = ("png", "svg"),
) -> list[Path]:
    """Write `fig` as ``folder/name.png`` and ``folder/name.svg``, reproducibly and atomically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (its size is kept; saved at :data:`DPI`).
    name : str
        File name without extension, saying what the figure shows
        (``frame_shares_by_outlet_type``): letters, digits, ``_`` and ``-``.
    folder : str or Path
        Destination folder (created if missing).
    formats : sequence of {"png", "svg"}
        Formats to write.

    Returns
    -------
    list of Path
        The files written.

    Example
    -------
    >>> ax = plot_frame_shares(shares, by="outlet_type")  # doctest: +SKIP
    >>> save_figure(ax.figure, "frame_shares_by_outlet_type", folder="figures")  # doctest: +SKIP
    """
    if not name or not all(c.isalnum() or c in "_-" for c in name):
        raise InputError(f"figure name {name!r} must be letters, digits, '_' or '-'", field="name")
    written = []
    for fmt in formats:
        if fmt not in _METADATA:
            raise InputError(f"unsupported figure format {fmt!r}; use png or svg", field="formats")
        buf = io.BytesIO()
        with mpl.rc_context(_SAVE_RC):
            fig.savefig(buf, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
        path = Path(folder) / f"{name}.{fmt}"
        atomic_write_bytes(path, buf.getvalue())
        written.append(path)
    return written


def _axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    if ax is not None:
        return ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; have {', '.join(map(str, frame.columns))}")


def plot_frame_shares(
    shares: pd.DataFrame,
    *,
    by: str,
    frames: Sequence[str] = FRAMES,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Share of units per frame and group, as points with their 95% Wilson intervals.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`framing.compare.frame_shares` output (``by, frame, n_units, share, ci_low, ci_high``).
    by : str
        The grouping column; one row of the plot per group, labelled with its unit count.
    frames : sequence of str
        Frames to show, in this order.
    title : str, optional
        Axes title.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes

    Example
    -------
    >>> ax = plot_frame_shares(frame_shares(ref, by="outlet_type"), by="outlet_type")  # doctest: +SKIP
    """
    _require(shares, (by, "frame", "n_units", "share", "ci_low", "ci_high"))
    groups = list(dict.fromkeys(shares[by].astype(str)))
    n_by_group = shares.groupby(shares[by].astype(str))["n_units"].first()
    height = max(2.5, 0.55 * len(groups) + 1.2)
    ax = _axes(ax, (FIGSIZE[0], height))
    offsets = np.linspace(-0.22, 0.22, len(frames)) if len(frames) > 1 else np.zeros(1)
    for off, frame in zip(offsets, frames):
        sub = shares.loc[shares["frame"].eq(frame)].set_index(shares.loc[shares["frame"].eq(frame), by].astype(str))
        sub = sub.reindex(groups)
        y = np.arange(len(groups)) + off
        ax.errorbar(
            sub["share"], y,
            xerr=[sub["share"] - sub["ci_low"], sub["ci_high"] - sub["share"]],
            fmt="o", ms=5, capsize=2.5, lw=1.2, color=FRAME_COLORS.get(frame, "0.3"),
            label=FRAME_LABELS.get(frame, frame),
        )
    ax.set_yticks(np.arange(len(groups)), [f"{g} (n={int(n_by_group[g])})" for g in groups])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of units carrying the frame (95% Wilson interval)")
    ax.grid(axis="x", color="0.9")
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_share_heatmap(
    table: pd.DataFrame,
    *,
    rows: str,
    columns: str,
    value: str = "share",
    count: str | None = "n_units",
    row_order: Sequence[str] | None = None,
    column_order: Sequence[str] | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A heat map of shares (0-1) with each cell's value printed, rows labelled with their counts.

    Used for frames by outlet, source types by outlet type, frames by source type.

    Parameters
    ----------
    table : pandas.DataFrame
        Tidy: one row per (rows, columns) cell with `value` (and `count` per row).
    rows, columns : str
        Columns of `table` giving the heat map's rows and columns.
    value : str
        The share to colour (0 to 1); missing cells are 0.
    count : str, optional
        A per-row count shown in the row label (``n=...``); None to omit.
    row_order, column_order : sequence of str, optional
        Order (default: as first seen).
    title : str, optional
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    _require(table, (rows, columns, value))
    wide = table.pivot_table(index=rows, columns=columns, values=value, aggfunc="first", sort=False)
    r_order = list(row_order) if row_order is not None else list(dict.fromkeys(table[rows].astype(str)))
    c_order = list(column_order) if column_order is not None else list(dict.fromkeys(table[columns].astype(str)))
    wide.index = wide.index.astype(str)
    wide.columns = wide.columns.astype(str)
    wide = wide.reindex(index=r_order, columns=c_order).fillna(0.0)
    height = max(2.5, 0.32 * len(r_order) + 1.6)
    width = max(8.0, 0.75 * len(c_order) + 4.5)
    ax = _axes(ax, (width, height))
    image = ax.imshow(wide.to_numpy(), cmap=HEATMAP_CMAP, vmin=0, vmax=1, aspect="auto")
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            v = float(wide.iat[i, j])
            ax.text(j, i, f"{v:.2f}".lstrip("0") if v < 1 else "1", ha="center", va="center", fontsize="x-small",
                    color="white" if v < DARK_CELL else "black")
    labels = r_order
    if count is not None and count in table.columns:
        n = table.groupby(table[rows].astype(str))[count].first()
        labels = [f"{r} (n={int(n[r])})" if r in n.index else r for r in r_order]
    ax.set_yticks(np.arange(len(r_order)), labels, fontsize="small")
    ax.set_xticks(np.arange(len(c_order)), [FRAME_LABELS.get(c, c) for c in c_order], rotation=30, ha="right",
                  fontsize="small")
    ax.figure.colorbar(image, ax=ax, label=value.replace("_", " "), shrink=0.8)
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_sentiment(table: pd.DataFrame, *, by: str = "speaker", title: str | None = None, ax: Axes | None = None) -> Axes:
    """Mean polarity per speaker with the range of its units (TextBlob, -1 to 1).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`framing.compare.sentiment_by_speaker` output.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _require(table, (by, "n_units", "polarity", "polarity_min", "polarity_max"))
    labels = [f"{s} (n={n})" for s, n in zip(table[by].astype(str), table["n_units"])]
    ax = _axes(ax, (FIGSIZE[0], max(2.5, 0.4 * len(labels) + 1.3)))
    y = np.arange(len(labels))
    ax.hlines(y, table["polarity_min"], table["polarity_max"], color="0.7", lw=3, label="range of its units")
    ax.plot(table["polarity"], y, "o", color="black", label="mean polarity")
    ax.axvline(0, color="0.5", lw=0.8, ls="--")
    ax.set_yticks(y, labels, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel("TextBlob polarity (-1 negative ... 1 positive)")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_scores(
    scores: pd.DataFrame,
    *,
    x: str = "frame",
    value: str = "value",
    hue: str = "comparison",
    ylabel: str = "score",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Grouped bars of agreement scores (alpha, F1...) per frame, one bar per comparison.

    Parameters
    ----------
    scores : pandas.DataFrame
        Tidy: `x` (e.g. frame), `hue` (e.g. "coder 2 vs coder 1"), `value`, and ``n_units``
        (shown in the legend).
    ylabel : str
        What the value is ("Krippendorff's alpha").

    Returns
    -------
    matplotlib.axes.Axes
    """
    _require(scores, (x, value, hue))
    xs = list(dict.fromkeys(scores[x].astype(str)))
    hues = list(dict.fromkeys(scores[hue].astype(str)))
    ax = _axes(ax, (FIGSIZE[0], 4.5))
    width = 0.8 / max(1, len(hues))
    palette = ["#56B4E9", "#E69F00", "#CC79A7", "#999999"]
    for k, h in enumerate(hues):
        sub = scores.loc[scores[hue].astype(str).eq(h)].set_index(scores.loc[scores[hue].astype(str).eq(h), x].astype(str))
        sub = sub.reindex(xs)
        vals = sub[value].to_numpy(dtype=float)
        label = h
        if "n_units" in sub.columns and sub["n_units"].notna().any():
            label = f"{h} (n={int(sub['n_units'].dropna().iloc[0])} units)"
        pos = np.arange(len(xs)) - 0.4 + width * (k + 0.5)
        bars = ax.bar(pos, np.nan_to_num(vals), width=width * 0.95, color=palette[k % len(palette)], label=label)
        for b, v in zip(bars, vals):
            ax.annotate("n/a" if np.isnan(v) else f"{v:.2f}", (b.get_x() + b.get_width() / 2, max(0.0, np.nan_to_num(v))),
                        ha="center", va="bottom", fontsize="x-small", xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(np.arange(len(xs)), [FRAME_LABELS.get(v, v) for v in xs])
    ax.axhline(0.8, color="0.4", lw=0.8, ls="--")
    ax.annotate("0.8: Krippendorff's threshold for reliable data", (ax.get_xlim()[0], 0.8), xytext=(4, 3),
                textcoords="offset points", fontsize="x-small", color="0.35")
    ax.set_ylim(min(0.0, float(np.nanmin(scores[value].to_numpy(dtype=float), initial=0.0)) - 0.05), 1.1)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper right", frameon=False, fontsize="small", ncols=min(2, len(hues)))
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_confusion(table: pd.DataFrame, *, title: str | None = None, xlabel: str = "coded", ylabel: str = "reference",
                   top: int = 12, ax: Axes | None = None) -> Axes:
    """A confusion table (reference rows x coded columns) as a heat map of counts.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`framing.evaluate.confusion` output (``reference, coded, n``).
    top : int
        Show the `top` most frequent labels of each side (others pooled as ``(other)``),
        so a long tail of rare combinations does not make the map unreadable.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _require(table, ("reference", "coded", "n"))
    def keep(col):
        order = table.groupby(col)["n"].sum().sort_values(ascending=False, kind="stable")
        return list(order.index[:top])
    ref_keep, cod_keep = keep("reference"), keep("coded")
    t = table.assign(
        reference=table["reference"].where(table["reference"].isin(ref_keep), "(other)"),
        coded=table["coded"].where(table["coded"].isin(cod_keep), "(other)"),
    )
    labels = list(dict.fromkeys(ref_keep + cod_keep + (["(other)"] if "(other)" in set(t["reference"]) | set(t["coded"]) else [])))
    rows = [lab for lab in labels if lab in set(t["reference"])]
    cols = [lab for lab in labels if lab in set(t["coded"])]
    wide = t.pivot_table(index="reference", columns="coded", values="n", aggfunc="sum", fill_value=0).reindex(
        index=rows, columns=cols, fill_value=0)
    ax = _axes(ax, (max(6.0, 0.8 * len(cols) + 4.0), max(3.0, 0.4 * len(rows) + 2.2)))
    data = wide.to_numpy(dtype=float)
    image = ax.imshow(data, cmap=HEATMAP_CMAP, aspect="auto")
    vmax = data.max() if data.size and data.max() > 0 else 1.0
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            if data[i, j]:
                is_diag = rows[i] == cols[j]
                ax.text(j, i, f"{int(data[i, j])}", ha="center", va="center", fontsize="x-small",
                        fontweight="bold" if is_diag else "normal",
                        color="white" if data[i, j] / vmax < DARK_CELL else "black")
    ax.set_yticks(np.arange(len(rows)), rows, fontsize="x-small")
    ax.set_xticks(np.arange(len(cols)), cols, rotation=35, ha="right", fontsize="x-small")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.colorbar(image, ax=ax, label="units", shrink=0.8)
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_distinctive_terms(terms: pd.DataFrame, *, by: str, title: str | None = None, ax: Axes | None = None) -> Axes:
    """The most distinctive terms of each group, as bars of their log-odds z-scores.

    Parameters
    ----------
    terms : pandas.DataFrame
        :func:`framing.compare.distinctive_terms` output (``by, term, z, count``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    _require(terms, (by, "term", "z", "count"))
    groups = list(dict.fromkeys(terms[by].astype(str)))
    labels = [f"{g}: {t} ({c})" for g, t, c in zip(terms[by].astype(str), terms["term"], terms["count"])]
    ax = _axes(ax, (FIGSIZE[0], max(2.5, 0.28 * len(labels) + 1.3)))
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
    colors = [palette[groups.index(g) % len(palette)] for g in terms[by].astype(str)]
    y = np.arange(len(labels))
    ax.barh(y, terms["z"].to_numpy(dtype=float), color=colors)
    ax.set_yticks(y, labels, fontsize="x-small")
    ax.invert_yaxis()
    ax.axvline(1.96, color="0.5", lw=0.8, ls="--")
    ax.set_xlabel("z-score of the log-odds ratio vs the other groups (Monroe et al. 2008); dashed: 1.96")
    if title:
        ax.set_title(title, loc="left")
    return ax
