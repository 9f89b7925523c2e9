"""Tests for framing.study: finding the project, loading the seed, coding the corpus, running a notebook."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing import study
from framing.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.mark.parametrize("start", [ROOT, ROOT / "notebooks", ROOT / "framing" / "data"])
def test_find_root_walks_up_to_the_project(start):
    assert study.find_root(start) == ROOT


def test_find_root_fails_outside_a_project(tmp_path):
    with pytest.raises(InputError, match="codebook"):
        study.find_root(tmp_path)


def test_figures_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(study.FIGURES_ENV, raising=False)
    assert study.figures_dir(ROOT) == ROOT / "figures"
    monkeypatch.setenv(study.FIGURES_ENV, str(tmp_path))
    assert study.figures_dir(ROOT) == tmp_path


def test_seed_reference_units_have_paragraphs_and_outlet():
    seed = study.seed_reference_units(DATA)
    assert seed["outlet"].eq("Sputnik").all()
    assert seed.loc[seed["kind"].eq("headline"), "paragraph"].eq(0).all()
    body = seed[seed["kind"].ne("headline")]
    assert body["paragraph"].ge(1).all() and body["paragraph"].is_monotonic_increasing


@pytest.fixture
def small_data(tmp_path) -> Path:
    """A copy of the data release (catalog, reference, seed text) in a temporary folder."""
    data = tmp_path / "data"
    shutil.copytree(DATA / "reference", data / "reference")
    shutil.copytree(DATA / "articles", data / "articles")
    shutil.copy(DATA / "codebook.md", data / "codebook.md")
    return data


def test_code_corpus_writes_the_coding_and_load_reads_it_back(small_data):
    pytest.importorskip("framing.frames", reason="the frame coder (framing.frames) is not installed yet")
    coded = study.code_corpus(small_data, sentiment=False)
    out = small_data / study.CODED_FILE
    assert out.exists()
    assert set(coded["article_id"]) == {"sputnik-2022-02-03-zakharova"}
    assert coded["outlet_type"].eq("state_affiliated").all()
    back = study.load_machine_coding(small_data)
    pd.testing.assert_series_equal(back["frames"], coded["frames"].astype(str), check_dtype=False)
    assert back["unit"].dtype.kind == "i"


def test_run_study_executes_and_exports_a_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv(study.FIGURES_ENV, raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "codebook.md").write_text("# codebook\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A tiny study"),
        nbformat.v4.new_code_cell(
            "from framing import plots, study\nimport pandas as pd\n"
            "shares = pd.DataFrame({'g': ['a'] * 3, 'frame': ['counter_terror', 'civilian_harm', 'sovereignty'],"
            " 'n_units': [4] * 3, 'share': [0.5, 0.25, 0.0], 'ci_low': [0.1, 0.0, 0.0], 'ci_high': [0.9, 0.7, 0.5]})\n"
            "ax = plots.plot_frame_shares(shares, by='g')\n"
            "plots.save_figure(ax.figure, 'tiny', folder=study.figures_dir())\nax.figure"
        ),
    ]
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, str(tmp_path / "notebooks" / "tiny.ipynb"))
    log = study.run_study(tmp_path, notebooks=["tiny"], code=False)
    assert log["step"].tolist() == ["execute", "export"]
    assert (tmp_path / "figures" / "tiny.png").exists() and (tmp_path / "figures" / "tiny.svg").exists()
    page = (tmp_path / "reports" / "tiny.html").read_text()
    assert "data:image/png;base64," in page and "A tiny study" in page
    assert nbformat.read(str(tmp_path / "notebooks" / "tiny.ipynb"), as_version=4).cells[1].outputs == []


def test_run_study_names_a_missing_notebook(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "codebook.md").write_text("# codebook\n")
    with pytest.raises(InputError, match="nope.ipynb"):
        study.run_study(tmp_path, notebooks=["nope"], code=False)
