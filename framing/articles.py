"""Articles as data: the catalog of metadata and the article text files.

An article is a UTF-8 text file whose first line is the headline, followed by
a blank line and the body (one paragraph per line). Its metadata live in a
catalog (CSV or TSV) with one row per article and these columns:

``article_id, outlet, publisher, country, outlet_type, language, date, url, title``

and optionally ``text`` (``seed`` or ``retrieve``: whether the text ships with
the project) and ``note``. The article's text file is ``<article_id>.txt``.

Every check raises :class:`framing.errors.InputError` naming the file, the
line and the field, never a traceback from inside pandas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import InputError
from .resources import read_table

__all__ = [
    "CATALOG_COLUMNS",
    "OPTIONAL_CATALOG_COLUMNS",
    "Article",
    "read_article",
    "format_article",
    "read_catalog",
    "attach_texts",
    "iter_article_paths",
    "read_articles",
    "outlet_types",
    "check_article_id",
]

#: Columns every catalog must have, in this order.
CATALOG_COLUMNS = (
    "article_id",
    "outlet",
    "publisher",
    "country",
    "outlet_type",
    "language",
    "date",
    "url",
    "title",
)
#: Columns a catalog may have besides the required ones.
OPTIONAL_CATALOG_COLUMNS = ("text", "note")
#: Written in the date column when the publication date is not known.
UNKNOWN_DATE = "unknown"
#: A safe article id: starts with a letter or digit, then letters, digits, ``.``, ``_`` or ``-``;
#: no path separators, so ``../x`` cannot escape the articles folder.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: How many leading bytes to inspect for NUL when deciding a file is binary.
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Article:
    """One article read from a text file.

    Attributes
    ----------
    article_id : str
        The file stem.
    headline : str
        The first line ("" when the file starts with a blank line).
    body : str
        Everything after the headline and the blank line.
    text : str
        The whole file, as read (newlines normalised to ``\\n``).
    path : str
        Where it was read from.
    """

    article_id: str
    headline: str
    body: str
    text: str
    path: str


def outlet_types() -> list[str]:
    """The controlled ``outlet_type`` values (``framing/data/outlet_types.tsv``)."""
    return read_table("outlet_types.tsv", required=("outlet_type", "why"))["outlet_type"].tolist()


def check_article_id(article_id: str, *, path: str | Path | None = None, line: int | None = None) -> str:
    """Return `article_id` if it is a safe file name, else raise :class:`InputError`.

    Example
    -------
    >>> check_article_id("../x")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: field 'article_id': '../x' is not a safe file name (use letters, digits, '.', '_' and '-'; start with a letter or digit)
    """
    if not SAFE_ID.fullmatch(article_id or "") or ".." in article_id:
        raise InputError(
            f"{article_id!r} is not a safe file name (use letters, digits, '.', '_' and '-'; "
            "start with a letter or digit)",
            path=path,
            line=line,
            field="article_id",
        )
    return article_id


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError("looks like a binary file (it contains NUL bytes), not UTF-8 text", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"bytes that are not UTF-8 at byte {err.start} ({data[err.start:err.start + 4]!r}); "
            "save the file as UTF-8",
            path=path,
            line=line,
        ) from None


def split_article_text(text: str) -> tuple[str, str]:
    """Split an article's text into (headline, body).

    The headline is the first line; the body is the rest with the blank
    separator line(s) removed. A BOM and Windows/Mac newlines are tolerated.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    head, _, body = text.partition("\n")
    return head.strip(), body.lstrip("\n")


def read_article(path: str | Path, *, article_id: str | None = None) -> Article:
    """Read one article text file.

    Parameters
    ----------
    path : str or Path
        The file: headline line, blank line, body.
    article_id : str, optional
        Defaults to the file stem.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        The file is missing, empty, binary or not UTF-8 (the message gives the
        line of the first bad byte).

    Example
    -------
    >>> a = read_article("data/articles/sputnik-2022-02-03-zakharova.txt")  # doctest: +SKIP
    >>> a.headline[:6]  # doctest: +SKIP
    'Moscow'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("article text file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not an article text file", path=path) from None
    text = _decode(data, path)
    if not text.strip():
        raise InputError("article text file is empty", path=path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    headline, body = split_article_text(text)
    return Article(article_id or path.stem, headline, body, text, str(path))


def format_article(headline: str, body: str) -> str:
    """Format an article as the project stores it: headline, blank line, body.

    Example
    -------
    >>> format_article("Title", "First paragraph.\\nSecond.")
    'Title\\n\\nFirst paragraph.\\nSecond.\\n'
    """
    headline = " ".join(headline.split())
    return f"{headline}\n\n{body.strip()}\n"


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield article files from files and folders (folders: ``*.txt``, sorted).

    Raises
    ------
    InputError
        A path that does not exist.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.glob("*.txt") if q.is_file())
        elif p.exists():
            yield p
        else:
            raise InputError("no such file or folder", path=p)


def read_articles(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Read article files into a DataFrame with ``article_id`` and ``text``.

    Parameters
    ----------
    paths : iterable of str or Path
        Files or folders of ``*.txt`` articles; article_id is the file stem.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``text``, ``path``; one row per file.
    """
    rows = []
    for p in iter_article_paths(paths):
        art = read_article(p)
        rows.append({"article_id": check_article_id(art.article_id, path=p), "text": art.text, "path": art.path})
    return pd.DataFrame(rows, columns=["article_id", "text", "path"])


def read_catalog(path: str | Path) -> pd.DataFrame:
    """Read and check an article catalog (CSV, or TSV when the name ends in ``.tsv``).

    Checks: the header has exactly the required columns (plus the optional
    ones); every row has as many fields as the header; ``article_id`` is a
    safe file name and unique; ``outlet_type`` is a controlled value
    (:func:`outlet_types`); ``date`` is ISO ``YYYY-MM-DD`` (or ``unknown``);
    ``article_id`` and ``outlet`` are not empty.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    pandas.DataFrame
        One row per article; ``date`` parsed to ``datetime64`` (NaT when unknown).

    Raises
    ------
    InputError
        Naming the file, line and field of the first problem found.

    Example
    -------
    >>> cat = read_catalog("data/articles.csv")  # doctest: +SKIP
    >>> cat.loc[0, "outlet"]  # doctest: +SKIP
    'Sputnik'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("catalog file not found", path=path) from None
    text = _decode(data, path)
    if not text.strip():
        raise InputError("catalog is empty (no header row)", path=path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    missing = [c for c in CATALOG_COLUMNS if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=path, line=1)
    extra = [c for c in header if c not in CATALOG_COLUMNS + OPTIONAL_CATALOG_COLUMNS]
    if extra:
        raise InputError(
            f"unexpected column(s): {', '.join(extra)} (allowed: {', '.join(CATALOG_COLUMNS + OPTIONAL_CATALOG_COLUMNS)})",
            path=path,
            line=1,
        )
    dupes = {h for h in header if header.count(h) > 1}
    if dupes:
        raise InputError(f"column(s) named twice: {', '.join(sorted(dupes))}", path=path, line=1)
    allowed_types = outlet_types()
    records, seen = [], {}
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} fields, found {len(row)}", path=path, line=lineno)
        rec = dict(zip(header, (cell.strip() for cell in row)))
        aid = check_article_id(rec["article_id"], path=path, line=lineno)
        if aid in seen:
            raise InputError(
                f"duplicate article_id {aid!r} (first on line {seen[aid]})", path=path, line=lineno, field="article_id"
            )
        seen[aid] = lineno
        if not rec["outlet"]:
            raise InputError("empty outlet", path=path, line=lineno, field="outlet")
        if rec["outlet_type"] not in allowed_types:
            raise InputError(
                f"unknown outlet_type {rec['outlet_type']!r} (allowed: {', '.join(allowed_types)})",
                path=path,
                line=lineno,
                field="outlet_type",
            )
        date = rec["date"]
        if date in ("", UNKNOWN_DATE):
            rec["date"] = None
        else:
            try:
                if not _ISO_DATE.fullmatch(date):
                    raise ValueError
                rec["date"] = pd.Timestamp(date)
            except ValueError:
                raise InputError(
                    f"{date!r} is not an ISO date (YYYY-MM-DD, or {UNKNOWN_DATE!r})", path=path, line=lineno, field="date"
                ) from None
        records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=header)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def attach_texts(
    catalog: pd.DataFrame,
    folder: str | Path,
    *,
    missing: str = "raise",
) -> pd.DataFrame:
    """Join each catalog row with its text file ``<folder>/<article_id>.txt``.

    Parameters
    ----------
    catalog : pandas.DataFrame
        From :func:`read_catalog`.
    folder : str or Path
        Folder of article text files.
    missing : {"raise", "skip"}
        What to do when a text file is absent: raise :class:`InputError`, or
        drop the row (retrieved coverage that has not been fetched yet).

    Returns
    -------
    pandas.DataFrame
        The catalog with ``text`` (the file's content) and ``path`` columns.
    """
    folder = Path(folder)
    out = catalog.drop(columns=[c for c in ("text",) if c in catalog.columns]).copy()
    texts, paths, keep = [], [], []
    for aid in out["article_id"]:
        p = folder / f"{aid}.txt"
        if not p.exists() and missing == "skip":
            keep.append(False)
            texts.append(None)
            paths.append(None)
            continue
        art = read_article(p, article_id=aid)
        keep.append(True)
        texts.append(art.text)
        paths.append(str(p))
    out["text"] = texts
    out["path"] = paths
    return out.loc[keep].reset_index(drop=True)
