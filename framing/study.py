"""The study pipeline behind ``make study`` (``framing study``).

Three steps, each a function a notebook or a test can call alone:

1. :func:`code_corpus`: machine-code every article whose text is at hand (the
   seed in ``data/articles/``, plus texts retrieved by ``framing fetch`` into
   ``data/cache/articles/``) and write ``data/processed/coded_units.tsv``;
2. :func:`execute_notebook`: run a study notebook headless (nbclient), from
   its own folder, with figures written to :func:`figures_dir`;
3. :func:`framing.reports.export_notebook_html`: one self-contained HTML report
   per notebook into ``reports/``, and a reading view per coded article into
   ``reports/articles/``.

:func:`run_study` chains them and returns a tidy log of what it did and how
long each step took. The notebooks get their data through :func:`find_root`,
:func:`load_machine_coding` and :func:`seed_reference_units`, so they hold no
file handling of their own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._io import atomic_write
from .corpus import join_catalog, load_catalog, load_seed_reference, load_texts
from .errors import InputError

__all__ = [
    "NOTEBOOKS",
    "FIGURES_ENV",
    "CODED_FILE",
    "find_root",
    "figures_dir",
    "code_corpus",
    "load_machine_coding",
    "seed_reference_units",
    "execute_notebook",
    "run_study",
]

#: The study notebooks, in reading order (``notebooks/<name>.ipynb``, paired with ``.py``).
NOTEBOOKS = ("01_sputnik_article", "02_outlets_compared", "03_reliability", "04_your_own_event")
#: Environment variable that sends the notebooks' figures elsewhere (tests redraw into a temporary folder).
FIGURES_ENV = "FRAMING_FIGURES"
#: The machine coding written by :func:`code_corpus`, relative to the data folder.
CODED_FILE = Path("processed") / "coded_units.tsv"
#: Seconds one notebook cell may take before the run fails (the slowest cell codes a few
#: hundred units; 600 s leaves room for a slow laptop without letting a hung kernel block `make study`).
CELL_TIMEOUT = 600
#: A file that marks the project root.
_ROOT_MARKER = Path("data") / "codebook.md"


def find_root(start: str | Path | None = None) -> Path:
    """The project folder: `start` (default: the working directory) or the first parent holding ``data/codebook.md``.

    Notebooks run from ``notebooks/``; this lets them find ``data/`` and ``figures/``
    without hard-coded relative paths.

    Raises
    ------
    InputError
        When no parent holds ``data/codebook.md``.

    Example
    -------
    >>> find_root("notebooks")  # doctest: +SKIP
    PosixPath('/home/me/framing')
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / _ROOT_MARKER).is_file():
            return folder
    raise InputError(f"no project folder (with {_ROOT_MARKER}) at or above this folder", path=here)


def figures_dir(root: str | Path | None = None) -> Path:
    """Where the notebooks save figures: ``$FRAMING_FIGURES`` if set, else ``<root>/figures``."""
    override = os.environ.get(FIGURES_ENV)
    if override:
        return Path(override)
    return find_root(root) / "figures"


def code_corpus(
    data_dir: str | Path = "data",
    *,
    out: str | Path | None = None,
    sentiment: bool = True,
) -> pd.DataFrame:
    """Machine-code every article whose text is at hand and write the result.

    Parameters
    ----------
    data_dir : str or Path
        The data folder: the seed in ``articles/``, retrieved texts in ``cache/articles/``.
    out : str or Path, optional
        The TSV to write (default ``<data_dir>/processed/coded_units.tsv``), atomically.
    sentiment : bool
        Add TextBlob polarity and subjectivity.

    Returns
    -------
    pandas.DataFrame
        The coded units (:data:`framing.coder.CODED_COLUMNS`) with the catalog's
        outlet, publisher, country, outlet_type and date.

    Example
    -------
    >>> coded = code_corpus("data")  # doctest: +SKIP
    """
    from .coder import code_articles

    data_dir = Path(data_dir)
    texts = load_texts(data_dir)
    coded = code_articles(texts[["article_id", "text"]], sentiment=sentiment)
    coded = join_catalog(coded, data_dir)
    out = Path(out) if out is not None else data_dir / CODED_FILE
    with atomic_write(out) as fh:
        coded.assign(text=coded["text"].str.replace("\t", " ", regex=False)).to_csv(
            fh, sep="\t", index=False, lineterminator="\n"
        )
    return coded


def load_machine_coding(data_dir: str | Path = "data", *, sentiment: bool = True) -> pd.DataFrame:
    """The machine coding of every article at hand, with catalog columns.

    Reads ``<data_dir>/processed/coded_units.tsv`` (written by ``make study``)
    when it is newer than every article text; otherwise codes the texts now
    (without writing), so a notebook opened on a fresh checkout works too.

    Returns
    -------
    pandas.DataFrame
        As :func:`code_corpus`.
    """
    from .coder import code_articles

    data_dir = Path(data_dir)
    texts = load_texts(data_dir)
    path = data_dir / CODED_FILE
    newest_text = max((Path(p).stat().st_mtime for p in texts.get("path", []) if Path(p).exists()), default=0.0)
    if path.exists() and path.stat().st_mtime >= newest_text:
        coded = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
        if set(texts["article_id"]) <= set(coded["article_id"]):
            numeric = {c: pd.to_numeric(coded[c].replace("", None)) for c in ("unit", "paragraph", "start", "end",
                                                                            "polarity", "subjectivity") if c in coded}
            return coded.assign(**numeric)
    coded = code_articles(texts[["article_id", "text"]], sentiment=sentiment)
    return join_catalog(coded, data_dir)


def seed_reference_units(data_dir: str | Path = "data") -> pd.DataFrame:
    """The seed's reference coding with each unit's ``paragraph`` (for the reading view) and catalog columns."""
    from .units import units_from_paths

    data_dir = Path(data_dir)
    ref = load_seed_reference(data_dir)
    units = units_from_paths([data_dir / "articles"])[["article_id", "unit", "paragraph"]]
    ref = ref.merge(units, on=["article_id", "unit"], how="left", validate="one_to_one")
    return join_catalog(ref, data_dir)


def execute_notebook(
    path: str | Path,
    *,
    figures: str | Path | None = None,
    timeout: int = CELL_TIMEOUT,
):
    """Run a notebook top to bottom in a fresh kernel, from its own folder.

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` file (it is not modified).
    figures : str or Path, optional
        Folder for the figures it saves (sets ``$FRAMING_FIGURES`` for the kernel).
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook, with outputs.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        When a cell fails (the message shows the cell and the traceback).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(str(path), as_version=4)
    env = dict(os.environ)
    if figures is not None:
        env[FIGURES_ENV] = str(Path(figures).resolve())
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute(env=env)  # passed on to the kernel manager's start_kernel
    return nb


def run_study(
    root: str | Path = ".",
    *,
    notebooks: Sequence[str] = NOTEBOOKS,
    code: bool = True,
    reports: str | Path | None = None,
    figures: str | Path | None = None,
) -> pd.DataFrame:
    """Code the data, run every notebook and export the HTML reports (``make study``).

    Parameters
    ----------
    root : str or Path
        The project folder (with ``data/``, ``notebooks/``, ``figures/``).
    notebooks : sequence of str
        Notebook names (without ``.ipynb``) to run, in order.
    code : bool
        Run :func:`code_corpus` first.
    reports : str or Path, optional
        Output folder (default ``<root>/reports``).
    figures : str or Path, optional
        Where the notebooks save figures (default ``<root>/figures``); the tests
        redraw into a temporary folder and compare.

    Returns
    -------
    pandas.DataFrame
        The log: ``step, target, seconds``, one row per step.

    Example
    -------
    >>> log = run_study(".")  # doctest: +SKIP
    >>> log["seconds"].sum()  # doctest: +SKIP
    """
    from .reports import export_notebook_html, write_reading_views

    root = find_root(root)
    data_dir = root / "data"
    out = Path(reports) if reports is not None else root / "reports"
    log = []

    def timed(step, target, fn):
        t0 = time.perf_counter()
        result = fn()
        log.append({"step": step, "target": str(target), "seconds": round(time.perf_counter() - t0, 2)})
        return result

    if code:
        coded = timed("code", data_dir / CODED_FILE, lambda: code_corpus(data_dir))
        timed("reading views", out / "articles",
              lambda: write_reading_views(coded, out / "articles", subtitle="machine coding",
                                          catalog=load_catalog(data_dir)))
    for name in notebooks:
        path = root / "notebooks" / f"{name}.ipynb"
        if not path.exists():
            raise InputError("notebook not found (run `jupytext --sync` on its .py)", path=path)
        fig_dir = Path(figures) if figures is not None else root / "figures"
        nb = timed("execute", path, lambda p=path, f=fig_dir: execute_notebook(p, figures=f))
        timed("export", out / f"{name}.html", lambda n=nb, nm=name: export_notebook_html(n, out / f"{nm}.html"))
    return pd.DataFrame(log, columns=["step", "target", "seconds"])
