"""The study notebooks: paired with their .py, committed without outputs, no code of their own, and they run.

Running them (offline, with nbclient) also redraws every figure into a
temporary folder, which is compared with the committed figures/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import nbformat
import pytest

from framing import study

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
NAMES = list(study.NOTEBOOKS)
#: Largest RMS difference (0-255 grey levels) accepted between a committed PNG and its redraw:
#: anti-aliasing may differ in the last bit across FreeType builds; a changed bar or label moves far more.
PNG_TOLERANCE = 2.0
#: Calls that read or write files; a notebook cell leaves file handling to the library.
FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink", "rmdir",
              "to_csv", "to_parquet", "to_excel", "to_json", "savefig", "touch"}  # not rename/replace: DataFrame methods too


def code_cells(name: str) -> list[str]:
    nb = nbformat.read(str(NOTEBOOKS / f"{name}.ipynb"), as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", NAMES)
def test_ipynb_and_py_are_paired_and_identical(name):
    py = jupytext.read(NOTEBOOKS / f"{name}.py")
    ipynb = nbformat.read(str(NOTEBOOKS / f"{name}.ipynb"), as_version=4)
    assert [(c.cell_type, c.source.strip()) for c in py.cells] == [
        (c.cell_type, c.source.strip()) for c in ipynb.cells
    ], f"{name}: .py and .ipynb differ; run `make sync`"
    assert "py:percent" in ipynb.metadata.get("jupytext", {}).get("formats", "")


@pytest.mark.parametrize("name", NAMES)
def test_committed_ipynb_has_no_outputs(name):
    nb = nbformat.read(str(NOTEBOOKS / f"{name}.ipynb"), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear outputs before committing"


def offences(source: str) -> list[str]:
    """def, class, with-blocks and file calls in a cell's code."""
    found = []
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(f"defines {node.name}")
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            found.append("with-block")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in FILE_CALLS:
                found.append(f"calls {name}()")
    return found


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("def f():\n    return 1", True),
        ("class A:\n    pass", True),
        ("text = open('x').read()", True),
        ("units.to_csv('out.tsv')", True),
        ("with open('x') as fh:\n    pass", True),
        ("shares = compare.frame_shares(ref, by='outlet')", False),
        ("plots.save_figure(ax.figure, 'x', folder=FIGURES)", False),
        ("%matplotlib inline\nimport pandas as pd", False),
    ],
)
def test_offence_checker(source, bad):
    assert bool(offences(source)) is bad


@pytest.mark.parametrize("name", NAMES)
def test_cells_define_nothing_and_handle_no_files(name):
    for source in code_cells(name):
        assert offences(source) == [], f"{name}: {offences(source)} in cell:\n{source}"


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_offline_and_exports_a_report(study_build, name):
    """`make study` ran it top to bottom in a fresh kernel (a failing cell fails the build) and exported it."""
    reports, _, log = study_build
    assert (log["step"] == "execute").sum() == len(NAMES)
    assert (reports / f"{name}.html").stat().st_size > 10_000


@pytest.mark.notebooks
@pytest.mark.slow
def test_committed_figures_are_up_to_date(study_build):
    from matplotlib.testing.compare import compare_images

    _, redrawn, _ = study_build
    committed = sorted(FIGURES.glob("*.png"))
    assert {p.name for p in committed} == {p.name for p in redrawn.glob("*.png")}, "run `make study`"
    for png in committed:
        diff = compare_images(str(png), str(redrawn / png.name), tol=PNG_TOLERANCE)
        assert diff is None, f"{png.name} is out of date (run `make study`): {diff}"
