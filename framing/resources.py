"""Package data: lexicons, gazetteer, controlled vocabularies.

Every resource is a plain UTF-8 TSV file in ``framing/data/`` with a
header row and a column saying why each entry exists, so that a researcher can
read it, check it and edit a copy for another event (as vaderSentiment ships
its lexicon with its evidence). Lines starting with ``#`` are comments.

Resources are read with :mod:`importlib.resources`, so they work from a wheel,
a zip or an editable install, and never from the network.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import InputError

__all__ = ["read_table", "resource_path", "RESOURCE_PACKAGE"]

#: Where package data lives.
RESOURCE_PACKAGE = "framing.data"


def resource_path(name: str):
    """Return a :class:`importlib.resources` traversable for resource `name`."""
    return resources.files(RESOURCE_PACKAGE).joinpath(name)


def read_table(source: str | Path, *, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a TSV resource (packaged name or a user's file) as a string DataFrame.

    Parameters
    ----------
    source : str or Path
        A bare file name (``"speakers.tsv"``) is looked up in the package data;
        anything with a directory part, or an existing path, is read from disk.
        This lets a researcher point the coder at an edited copy.
    required : tuple of str
        Columns that must be present; a missing one raises :class:`InputError`
        naming the file.

    Returns
    -------
    pandas.DataFrame
        All columns as strings, empty cells as ``""``; comment lines dropped.

    Example
    -------
    >>> read_table("abbreviations.tsv").columns.tolist()[:2]
    ['abbreviation', 'why']
    """
    path = Path(source)
    if path.exists() or len(path.parts) > 1:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("file not found", path=path) from None
        except UnicodeDecodeError as err:
            raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=path) from None
        label = str(path)
    else:
        raw = _packaged(str(source))
        label = f"framing/data/{source}"
    return _parse(raw, label, required)


@functools.lru_cache(maxsize=None)
def _packaged(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


def _parse(raw: str, label: str, required: tuple[str, ...]) -> pd.DataFrame:
    lines = [(i, ln) for i, ln in enumerate(raw.splitlines(), start=1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise InputError("empty table (no header row)", path=label)
    reader = csv.reader(io.StringIO("\n".join(ln for _, ln in lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    header = rows[0]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=label, line=lines[0][0])
    for (lineno, _), row in zip(lines[1:], rows[1:]):
        if len(row) != len(header):
            raise InputError(
                f"expected {len(header)} tab-separated fields, found {len(row)}", path=label, line=lineno
            )
    return pd.DataFrame(rows[1:], columns=header, dtype=str)
