"""Tests for framing.plots: each figure function on hand-made tidy tables, and reproducible saving.

The committed figures in figures/ are redrawn by executing the notebooks in
tests/test_notebooks.py (test_committed_figures_are_up_to_date).
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framing import plots
from framing.errors import InputError

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent

SHARES = pd.DataFrame(
    {
        "outlet_type": ["wire"] * 3 + ["state"] * 3,
        "frame": ["counter_terror", "civilian_harm", "sovereignty"] * 2,
        "n_units": [10] * 3 + [4] * 3,
        "n_frame": [8, 2, 0, 1, 3, 2],
    }
).assign(share=lambda d: d["n_frame"] / d["n_units"], ci_low=lambda d: d["share"] * 0.5,
         ci_high=lambda d: (d["share"] + 0.1).clip(upper=1))


def simple_figure() -> Figure:
    return plots.plot_frame_shares(SHARES, by="outlet_type", title="test").figure


def test_plot_frame_shares_labels_groups_with_their_unit_counts():
    ax = plots.plot_frame_shares(SHARES, by="outlet_type")
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["wire (n=10)", "state (n=4)"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["civilian harm", "counter-terror", "sovereignty"]


def test_plot_frame_shares_draws_on_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.plot_frame_shares(SHARES, by="outlet_type", ax=ax) is ax


@pytest.mark.parametrize(
    ("kwargs", "n_cells", "first_label"),
    [
        ({"rows": "outlet_type", "columns": "frame"}, 6, "wire (n=10)"),
        ({"rows": "frame", "columns": "outlet_type", "count": None}, 6, "counter_terror"),
    ],
)
def test_plot_share_heatmap_prints_every_cell(kwargs, n_cells, first_label):
    ax = plots.plot_share_heatmap(SHARES, **kwargs)
    assert len(ax.texts) == n_cells
    assert ax.get_yticklabels()[0].get_text() == first_label
    assert ".80" in [t.get_text() for t in ax.texts]  # 8 of 10 shown as .80


def test_plot_sentiment():
    table = pd.DataFrame({"speaker": ["A", "B"], "n_units": [2, 1], "polarity": [0.1, -0.2],
                          "polarity_min": [0.0, -0.2], "polarity_max": [0.2, -0.2]})
    ax = plots.plot_sentiment(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n=2)", "B (n=1)"]
    assert ax.get_xlim() == (-1, 1)


def test_plot_scores_marks_missing_values():
    scores = pd.DataFrame({"frame": ["counter_terror", "sovereignty"] * 2, "alpha": [0.9, float("nan"), 0.5, 0.7],
                           "comparison": ["x", "x", "y", "y"], "n_units": [10, 10, 3, 3]})
    ax = plots.plot_scores(scores, value="alpha")
    labels = [t.get_text() for t in ax.texts]
    assert "n/a" in labels and "0.90" in labels
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x (n=10 units)", "y (n=3 units)"]


def test_plot_confusion_pools_rare_labels():
    table = pd.DataFrame({"reference": ["a", "a", "b", "c"], "coded": ["a", "b", "b", "c"], "n": [5, 1, 3, 1]})
    ax = plots.plot_confusion(table, top=2)
    assert "(other)" in [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(int(t.get_text()) for t in ax.texts) == [1, 1, 3, 5]


def test_plot_distinctive_terms():
    terms = pd.DataFrame({"g": ["a", "b"], "term": ["daesh", "isis"], "z": [2.5, 3.0], "count": [4, 5]})
    ax = plots.plot_distinctive_terms(terms, by="g")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a: daesh (4)", "b: isis (5)"]


def test_missing_column_is_an_input_error():
    with pytest.raises(InputError, match="ci_low"):
        plots.plot_frame_shares(SHARES.drop(columns="ci_low"), by="outlet_type")


def test_save_figure_is_byte_for_byte_reproducible(tmp_path):
    first = plots.save_figure(simple_figure(), "shares", folder=tmp_path / "a")
    second = plots.save_figure(simple_figure(), "shares", folder=tmp_path / "b")
    assert [p.name for p in first] == ["shares.png", "shares.svg"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()


def test_saved_svg_has_no_date_or_version(tmp_path):
    (svg,) = plots.save_figure(simple_figure(), "shares", folder=tmp_path, formats=("svg",))
    text = svg.read_text()
    assert "<dc:date>" not in text
    assert not re.search(r"Matplotlib v\d", text)


def test_saved_png_has_fixed_size(tmp_path):
    from matplotlib.image import imread

    fig = simple_figure()
    (png,) = plots.save_figure(fig, "shares", folder=tmp_path, formats=("png",))
    height, width = imread(png).shape[:2]
    assert (width, height) == (round(fig.get_figwidth() * plots.DPI), round(fig.get_figheight() * plots.DPI))


@pytest.mark.parametrize(("name", "formats"), [("bad name", ("png",)), ("../up", ("png",)), ("ok", ("pdf",))])
def test_save_figure_rejects_bad_names_and_formats(tmp_path, name, formats):
    with pytest.raises(InputError):
        plots.save_figure(simple_figure(), name, folder=tmp_path, formats=formats)
    assert not list(tmp_path.iterdir())


def test_every_committed_figure_has_png_and_svg_and_is_saved_by_a_notebook():
    figures = ROOT / "figures"
    pngs = {p.stem for p in figures.glob("*.png")}
    svgs = {p.stem for p in figures.glob("*.svg")}
    assert pngs and pngs == svgs
    sources = "\n".join(p.read_text() for p in (ROOT / "notebooks").glob("*.py"))
    saved = set(re.findall(r'save_figure\([^,]+,\s*"([\w-]+)"', sources))
    assert pngs == saved, "figures/ and the figures the notebooks save differ: run `make study`"
