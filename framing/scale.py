"""Coding at scale: stream a collection, code it in parallel, write it by chunks.

Researchers point the coder at whole collections (Media Cloud, GDELT,
newspaper databases: 10^5 to 10^6 articles). This module reads them in chunks
so that memory stays flat, codes each chunk with
:func:`framing.coder.code_units` (in this process, in N worker processes, or on
a Dask cluster) and writes the units chunk by chunk into a temporary file that
replaces the output only when the whole run succeeded::

    iter_articles(sources)  ->  map_coded(chunks, jobs=N)  ->  write_units(chunks, out)
    chunks of articles          chunks of coded units           Parquet or TSV

:func:`code_collection` chains the three (it is what ``framing code`` runs);
:func:`code_dask` codes a :class:`dask.dataframe.DataFrame` of articles on a
local or distributed Dask cluster.

Inputs
------
- JSON Lines (``.jsonl``, ``.ndjson``), CSV (``.csv``), TSV (``.tsv``) or
  Parquet (``.parquet``, ``.pq``) files of articles; ``.jsonl.gz``,
  ``.csv.gz`` and ``.tsv.gz`` are read through gzip. Each record has an id
  (``article_id``, else ``id``), a ``text`` and optionally a ``title`` (or
  ``headline``). With a title the article is *title, blank line, text*, as the
  project stores articles; without one the text is taken as stored, so its
  first line is the headline (as for :func:`framing.units.make_units`).
- Article text files or folders of ``*.txt`` (article_id = file stem).

Every other column is metadata (outlet, date, url, ...): it is passed through
to every unit of its article, as text. The metadata columns are those of the
first valid record (a JSON Lines key that first appears later is dropped, a
missing one is empty); a metadata column named like a coding column is
renamed ``meta_<name>``.

Bad records
-----------
A malformed JSON line, a record with no id or no text, a field with bytes that
are not UTF-8, a CSV row with the wrong number of fields, an unreadable text
file: skipped and listed (:class:`Skipped`: source, line, article_id, field,
reason), so a run over a million articles is never lost to one bad record.
With ``strict=True`` the first one raises :class:`framing.errors.InputError`
naming the file and line instead. A source that cannot be opened at all (a
missing path, a file that is not Parquet) always raises.

Limits: article ids are not checked for duplicates (that would hold every id
in memory); metadata become text (a Parquet timestamp becomes its ISO string);
:func:`code_dask` drops bad rows without listing them (check the Dask frame
first).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gzip
import io
import json
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ._io import atomic_write
from .articles import iter_article_paths, read_article
from .errors import InputError
from .resources import read_table
from .units import INT_COLUMNS, STRING_DTYPE, _frame_from_columns, _unit_columns

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe

__all__ = [
    "CHUNK_ARTICLES",
    "SKIPPED_COLUMNS",
    "Skipped",
    "CodeRun",
    "input_format",
    "output_format",
    "iter_articles",
    "code_chunk",
    "map_coded",
    "write_units",
    "write_skipped",
    "skipped_path",
    "code_collection",
    "code_dask",
    "dask_client",
]

InputFormat = Literal["auto", "jsonl", "csv", "tsv", "parquet", "text"]
OutputFormat = Literal["auto", "parquet", "tsv"]
Coder = Callable[..., pd.DataFrame]

#: Articles per chunk. News articles have about 30 units, so a chunk is about
#: 3,000 units: under a second of coding, small enough that every worker is busy
#: even on a small corpus and that the chunks in flight keep memory low (500
#: articles left one of two workers idle on 10,000 sentences), large enough that
#: handing a chunk to a worker process (pickling it both ways) costs about 1% of coding it.
CHUNK_ARTICLES = 100
#: Chunks handed to each worker ahead of time: one being coded and one waiting,
#: so no worker idles while the reader and the results queue stay bounded.
IN_FLIGHT_PER_JOB = 2
#: The largest CSV field, in characters. The csv module's default (131,072)
#: is shorter than the longest news features and transcripts; 64 Mi characters
#: is far above any article and still bounds a runaway unclosed quote.
CSV_FIELD_LIMIT = 64 * 1024 * 1024
#: Keys that hold the article id, in order of preference.
ID_KEYS = ("article_id", "id")
#: Keys that hold the headline, in order of preference.
TITLE_KEYS = ("title", "headline")
#: The key that holds the article's text.
TEXT_KEY = "text"
#: Prefix of a metadata column whose name is taken by a coding column.
META_PREFIX = "meta_"
#: Appended to the output's name for the list of skipped records.
SKIPPED_SUFFIX = ".skipped.tsv"
#: Columns of the skipped-records list.
SKIPPED_COLUMNS = ["source", "line", "article_id", "field", "reason"]
#: File name suffix -> input format (a trailing ``.gz`` is read through gzip).
INPUT_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "text",
}
#: File name suffix -> output format.
OUTPUT_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".tsv": "tsv"}
#: Entries of Dask's low-level logs (task transitions, events; Dask's default is 100,000): enough to
#: debug the last chunks, and the scheduler's memory stays flat. Measured at 10^6 sentences with
#: ``--dask local``: the client-and-scheduler process peaked at 238 MB with 100 entries, 454 MB with
#: 1,000 and 452 MB with the default (some entries hold whole messages). It takes effect when
#: :func:`dask_client` is the first to import ``distributed`` in the process and the user has not
#: set ``distributed.admin.low-level-log-length``.
DASK_LOG_LENGTH = 100
#: Coding columns with float values (NaN when sentiment is off, and for boilerplate).
FLOAT_COLUMNS = ("polarity", "subjectivity")
#: Coding columns with true/false values (missing counts as false).
BOOL_COLUMNS = ("distancing",)
_SURROGATE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of bytes that are not UTF-8
_TSV_UNSAFE = re.compile(r"[\t\r\n]")
_COLUMN_SEPARATOR = " "  # joins a column's cells for one _TSV_UNSAFE scan (a space can never match it)


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Skipped:
    """A record that was skipped, and why.

    Attributes
    ----------
    source : str
        The file it is in.
    line : int or None
        1-based line of a JSON Lines file, line where a CSV/TSV record starts
        (the header is line 1), row of a Parquet file (1-based); for a text
        file, the line of the problem when known.
    article_id : str
        Its id when it could be read, else "".
    field : str
        The field at fault ("" when the whole record is).
    reason : str
        What is wrong.
    """

    source: str
    line: int | None
    article_id: str
    field: str
    reason: str

    def error(self) -> InputError:
        """The :class:`InputError` that ``strict=True`` raises for this record."""
        return InputError(self.reason, path=self.source, line=self.line, field=self.field or None)


@dataclass
class CodeRun:
    """What :func:`code_collection` did.

    Attributes
    ----------
    out : Path
        The output table.
    articles, units : int
        Articles coded and units written.
    skipped : list of Skipped
        Records skipped (empty with ``strict=True``).
    skipped_path : Path or None
        The list of skipped records (``<out>.skipped.tsv``), when any.
    seconds : float
        Wall-clock time of the run.
    """

    out: Path
    articles: int = 0
    units: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    skipped_path: Path | None = None
    seconds: float = 0.0


class _Bad(Exception):
    """A record to skip (internal: turned into :class:`Skipped`)."""

    def __init__(self, reason: str, *, article_id: str = "", field: str = "", source: str = "") -> None:
        super().__init__(reason)
        self.reason, self.article_id, self.field, self.source = reason, article_id, field, source


def _strip_gz(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def input_format(path: str | Path) -> str:
    """The input format of `path`, from its suffix (a folder is ``"text"``).

    Raises
    ------
    InputError
        The path does not exist, or its suffix is not one of
        :data:`INPUT_SUFFIXES` (optionally followed by ``.gz``).

    Example
    -------
    >>> input_format("mediacloud-2022.jsonl.gz")  # doctest: +SKIP
    'jsonl'
    """
    path = Path(path)
    if path.is_dir():
        return "text"
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    suffix, gz = _strip_gz(path)
    fmt = INPUT_SUFFIXES.get(suffix)
    if fmt is None or (gz and fmt in ("parquet", "text")):
        raise InputError(
            f"cannot tell the format from the name (use one of {', '.join(INPUT_SUFFIXES)}, "
            "optionally with .gz for JSON Lines, CSV and TSV, or give the format)",
            path=path,
        )
    return fmt


def output_format(path: str | Path, format: OutputFormat = "auto") -> str:
    """The output format: `format` unless ``"auto"``, else from the suffix of `path`.

    Example
    -------
    >>> output_format("coded.parquet")
    'parquet'
    """
    if format != "auto":
        if format not in ("parquet", "tsv"):
            raise InputError(f"unknown output format {format!r} (use parquet or tsv)")
        return format
    fmt = OUTPUT_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the output format from the name (use {', '.join(OUTPUT_SUFFIXES)} or give the format)",
            path=path,
        )
    return fmt


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if _strip_gz(path)[1] else open(path, "rb")


def _records_jsonl(path: Path) -> Iterator[tuple[int, dict | _Bad]]:
    with _open_binary(path) as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield lineno, _Bad(
                    f"bytes that are not UTF-8 at byte {err.start} of the line ({raw[err.start:err.start + 4]!r})",
                    article_id=_salvage_id(raw),
                )
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield lineno, _Bad(f"not valid JSON ({err.msg} at column {err.colno})")
                continue
            if not isinstance(record, dict):
                yield lineno, _Bad(f"not a JSON object but a {type(record).__name__}")
                continue
            yield lineno, record


def _salvage_id(raw: bytes) -> str:
    """The id of a JSON line with bad bytes, for the report (best effort)."""
    try:
        record = json.loads(raw.decode("utf-8", errors="replace"))
        return _id_of(record) if isinstance(record, dict) else ""
    except (ValueError, _Bad):
        return ""


def _records_csv(path: Path, delimiter: str) -> Iterator[tuple[int, dict | _Bad]]:
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        with _open_binary(path) as raw, io.TextIOWrapper(
            raw, encoding="utf-8", errors="surrogateescape", newline=""
        ) as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise InputError("empty table (no header row)", path=path, line=1) from None
            if header:
                header[0] = header[0].lstrip("\ufeff")
            if _SURROGATE.search("".join(header)):
                raise InputError("header has bytes that are not UTF-8", path=path, line=1)
            end = reader.line_num
            while True:
                start = end + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    end = reader.line_num
                    yield start, _Bad(f"not a valid {'TSV' if delimiter == chr(9) else 'CSV'} record ({err})")
                    continue
                end = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                record = dict(zip(header, row))
                if len(row) != len(header):
                    yield start, _Bad(
                        f"expected {len(header)} fields, found {len(row)}", article_id=_safe_text(_try_id(record))
                    )
                    continue
                bad = [k for k, v in record.items() if _SURROGATE.search(v)]
                if bad:
                    yield start, _Bad(
                        "bytes that are not UTF-8", article_id=_safe_text(_try_id(record)), field=bad[0]
                    )
                    continue
                yield start, record
    finally:
        csv.field_size_limit(old_limit)


def _records_parquet(path: Path, batch_size: int) -> Iterator[tuple[int, dict | _Bad]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError, ... for a file that is not Parquet
        raise InputError(f"cannot read as Parquet ({err})", path=path) from None
    row = 0
    for batch in parquet.iter_batches(batch_size=batch_size):
        for record in batch.to_pylist():
            row += 1
            yield row, record


def _records_text(path: Path) -> Iterator[tuple[int | None, dict | _Bad]]:
    for p in iter_article_paths([path]):
        try:
            art = read_article(p)
        except InputError as err:
            # reported against the file, not the folder it is in
            yield err.line, _Bad(err.reason, article_id=p.stem, field=err.field or "", source=str(p))
            continue
        yield None, {"article_id": art.article_id, "text": art.text}


def _try_id(record: dict) -> str:
    try:
        return _id_of(record)
    except _Bad:
        return ""


def _safe_text(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value))


def _id_of(record: dict) -> str:
    keys = [k for k in ID_KEYS if k in record]
    if not keys:
        raise _Bad(f"no id (give the article an {ID_KEYS[0]!r} or {ID_KEYS[1]!r})", field=ID_KEYS[0])
    key = next((k for k in keys if not _missing(record[k])), keys[0])  # a table may have both columns
    value = record[key]
    if isinstance(value, bytes):
        value = _decode_field(value, key)
    if _missing(value) or isinstance(value, (dict, list)):
        raise _Bad("no id", field=key)
    value = str(value).strip()
    if not value:
        raise _Bad("empty id", field=key)
    return value


def _decode_field(value: bytes, key: str, article_id: str = "") -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Bad(f"bytes that are not UTF-8 at byte {err.start}", article_id=article_id, field=key) from None


def _normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _article_of(record: dict) -> tuple[str, str]:
    """(article_id, text) of a record; raises :class:`_Bad` when it cannot be coded."""
    article_id = _id_of(record)
    text = record.get(TEXT_KEY)
    if isinstance(text, bytes):
        text = _decode_field(text, TEXT_KEY, article_id)
    if _missing(text):
        raise _Bad("article has no text", article_id=article_id, field=TEXT_KEY)
    if not isinstance(text, str):
        raise _Bad(f"text is a {type(text).__name__}, not a string", article_id=article_id, field=TEXT_KEY)
    if not text.strip():
        raise _Bad("article has no text (empty)", article_id=article_id, field=TEXT_KEY)
    text = _normalise_newlines(text)
    for key in TITLE_KEYS:  # the first title that is there (a table may have both columns)
        title = record.get(key)
        if isinstance(title, bytes):
            title = _decode_field(title, key, article_id)
        if isinstance(title, str) and title.strip():
            return article_id, f"{' '.join(title.split())}\n\n{text.lstrip(chr(10))}"
    return article_id, text


def _meta_value(value: Any) -> str | None:
    """Metadata as text: strings as they are, other JSON values as JSON, timestamps as ISO."""
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (dict, list, bool, int, float)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _meta_keys(record: dict) -> list[str]:
    id_key = next((k for k in ID_KEYS if k in record), None)
    return [k for k in record if k not in (id_key, TEXT_KEY, *TITLE_KEYS)]


def iter_articles(
    sources: Iterable[str | Path] | str | Path,
    *,
    format: InputFormat = "auto",
    chunk_articles: int = CHUNK_ARTICLES,
    strict: bool = False,
    skipped: list[Skipped] | None = None,
) -> Iterator[pd.DataFrame]:
    """Read a collection of articles in chunks (memory stays flat).

    Parameters
    ----------
    sources : path or iterable of paths
        JSON Lines, CSV, TSV or Parquet files of articles, article text files,
        or folders of ``*.txt`` (see the module's documentation).
    format : {"auto", "jsonl", "csv", "tsv", "parquet", "text"}
        The format of every source; ``"auto"`` tells each from its suffix.
    chunk_articles : int
        Articles per chunk (the last chunk may be smaller).
    strict : bool
        Raise :class:`InputError` (file and line) at the first bad record
        instead of skipping it.
    skipped : list, optional
        Receives a :class:`Skipped` for each record skipped.

    Returns
    -------
    iterator of pandas.DataFrame
        Columns ``article_id``, ``text`` and the metadata columns (text, NaN
        when missing), the same in every chunk; articles in input order. At
        least one chunk is yielded (empty when no record could be read).

    Example
    -------
    >>> for chunk in iter_articles("mediacloud.jsonl", chunk_articles=1000):  # doctest: +SKIP
    ...     print(len(chunk), chunk.columns.tolist())
    1000 ['article_id', 'text', 'outlet', 'date']
    """
    if chunk_articles < 1:
        raise InputError(f"chunk_articles must be at least 1, not {chunk_articles}")
    if isinstance(sources, (str, Path)):
        sources = [sources]
    meta: list[str] | None = None
    ids: list[str] = []
    texts: list[str] = []
    values: list[list[str | None]] = []
    yielded = False

    def flush() -> pd.DataFrame:
        columns = {"article_id": ids, "text": texts}
        for j, key in enumerate(meta or []):
            columns[key] = [row[j] for row in values]
        frame = pd.DataFrame(columns, columns=["article_id", "text", *(meta or [])])
        return frame.astype({c: STRING_DTYPE for c in frame.columns})

    for source in sources:
        source = Path(source)
        fmt = input_format(source) if format == "auto" else format
        if fmt == "jsonl":
            records: Iterator = _records_jsonl(source)
        elif fmt in ("csv", "tsv"):
            records = _records_csv(source, "\t" if fmt == "tsv" else ",")
        elif fmt == "parquet":
            records = _records_parquet(source, chunk_articles)
        elif fmt == "text":
            records = _records_text(source)
        else:
            raise InputError(f"unknown input format {fmt!r} (use jsonl, csv, tsv, parquet or text)", path=source)
        for line, record in records:
            try:
                if isinstance(record, _Bad):
                    raise record
                article_id, text = _article_of(record)
            except _Bad as bad:
                item = Skipped(bad.source or str(source), line, _safe_text(bad.article_id), bad.field, bad.reason)
                if strict:
                    raise item.error() from None
                if skipped is not None:
                    skipped.append(item)
                continue
            if meta is None:
                meta = _meta_keys(record)
            ids.append(article_id)
            texts.append(text)
            values.append([_meta_value(record.get(k)) for k in meta])
            if len(ids) >= chunk_articles:
                yield flush()
                yielded = True
                ids, texts, values = [], [], []
    if ids or not yielded:
        yield flush()


# ---------------------------------------------------------------------------------------------- coding


def _default_coder() -> Coder:
    from .coder import code_units

    return code_units


def _as_text(series: pd.Series) -> pd.Series:
    if series.dtype == STRING_DTYPE and STRING_DTYPE is not object:
        return series
    values = series.astype(object)
    values = values.map(_meta_value, na_action="ignore")
    return values.astype(STRING_DTYPE)


def _conformed(name: str, col: pd.Series) -> pd.Series | None:
    """`col` in the output dtype of column `name`, or None when it already is (no copy made)."""
    dtype = col.dtype
    if name in INT_COLUMNS:
        return None if dtype == np.int64 else col.astype("int64")
    if name in FLOAT_COLUMNS:
        return None if dtype == np.float64 else pd.to_numeric(col, errors="coerce").astype("float64")
    if name in BOOL_COLUMNS:
        return None if dtype == np.bool_ else col.astype(object).where(col.notna(), False).astype(bool)
    if STRING_DTYPE is not object and dtype == STRING_DTYPE:
        return None
    return _as_text(col)


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """The output's stable dtypes: int64, float64, bool or text, whatever the chunk held.

    Columns already in their dtype are kept as they are (the coder's own
    output usually is), so a conforming chunk costs no conversion.
    """
    changed = {}
    for name in frame.columns:
        col = _conformed(name, frame[name])
        if col is not None:
            changed[name] = col
    if not changed and isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1:
        return frame
    out = {name: changed.get(name, frame[name]) for name in frame.columns}
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def code_chunk(
    articles: pd.DataFrame,
    *,
    sentiment: bool = True,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
    coder: Coder | None = None,
) -> pd.DataFrame:
    """Split a chunk of articles into units, code them, and attach the articles' metadata.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``article_id``, ``text`` and metadata columns (as from :func:`iter_articles`).
    sentiment : bool
        Add TextBlob polarity and subjectivity; when False both are NaN.
    lexicon, gazetteer, cues : str, Path or DataFrame
        As for :func:`framing.coder.code_units`.
    coder : callable, optional
        ``coder(units, sentiment=..., lexicon=..., gazetteer=..., cues=...)``
        returning the coded unit table, one row per unit in order; defaults to
        :func:`framing.coder.code_units`. Must be picklable (a module-level
        function) to run in worker processes.

    Returns
    -------
    pandas.DataFrame
        The coder's columns, then the metadata columns (renamed
        ``meta_<name>`` when a coding column has the name); one row per unit;
        stable dtypes (``unit``, ``paragraph``, ``start``, ``end`` int64,
        ``polarity``, ``subjectivity`` float64, the rest text but
        ``distancing`` bool), so that every
        chunk, empty or not, has the same schema.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["Raid kills 13\\n\\nResidents said 13 died."],
    ...                      "outlet": ["Wire"]})
    >>> code_chunk(arts, sentiment=False)[["unit", "kind", "outlet"]].values.tolist()  # doctest: +SKIP
    [[0, 'headline', 'Wire'], [1, 'sentence', 'Wire']]
    """
    coder = coder or _default_coder()
    meta = [c for c in articles.columns if c not in ("article_id", "text")]
    rows: list[int] = []  # the article (position in `articles`) of each unit
    pairs = ((str(a), t if isinstance(t, str) else "") for a, t in zip(articles["article_id"], articles["text"]))
    units = _frame_from_columns(_unit_columns(pairs, positions=rows))
    coded = coder(units, sentiment=sentiment, lexicon=lexicon, gazetteer=gazetteer, cues=cues)
    if len(coded) != len(units):
        raise RuntimeError(f"the coder returned {len(coded)} rows for {len(units)} units; it must keep every unit")
    coded = coded.reset_index(drop=True)
    if meta:
        taken = set(coded.columns)
        attached = articles[meta].iloc[rows].reset_index(drop=True)
        attached.columns = [META_PREFIX + c if c in taken else c for c in meta]
        coded = pd.concat([coded, attached], axis=1)
    return _conform(coded)


def _portable(resource: str | Path | pd.DataFrame) -> str | Path | pd.DataFrame:
    """A user's resource file read here, so that workers on other machines need no copy of it."""
    if isinstance(resource, pd.DataFrame):
        return resource
    path = Path(resource)
    if path.exists() or len(path.parts) > 1:
        return read_table(path)
    return resource  # a packaged name: every worker has the package


def _map_ordered(fn: Callable, items: Iterable, executor: Executor, in_flight: int) -> Iterator:
    """``map(fn, items)`` on `executor`, in order, with at most `in_flight` items submitted ahead."""
    pending: deque = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def map_coded(
    chunks: Iterable[pd.DataFrame],
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    in_flight: int | None = None,
    sentiment: bool = True,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
    coder: Coder | None = None,
) -> Iterator[pd.DataFrame]:
    """Code chunks of articles, in this process or in parallel; results in input order.

    Parameters
    ----------
    chunks : iterable of pandas.DataFrame
        Chunks of articles (:func:`iter_articles`); read lazily, at most
        `in_flight` ahead of the chunk being yielded, so memory stays flat.
    jobs : int
        Worker processes (a :class:`concurrent.futures.ProcessPoolExecutor`
        started and stopped here); 1 codes in this process.
    executor : concurrent.futures.Executor, optional
        Use this executor instead (e.g. ``distributed.Client.get_executor()``
        for a Dask cluster); `jobs` then only sets the default `in_flight`.
    in_flight : int, optional
        Chunks submitted ahead; default :data:`IN_FLIGHT_PER_JOB` x `jobs`.
    sentiment, lexicon, gazetteer, cues, coder
        As for :func:`code_chunk`.

    Returns
    -------
    iterator of pandas.DataFrame
        One coded chunk per input chunk, in input order: the same rows in the
        same order whatever `jobs` is.

    Example
    -------
    >>> coded = map_coded(iter_articles("mediacloud.jsonl"), jobs=2)  # doctest: +SKIP
    >>> write_units(coded, "coded.parquet")  # doctest: +SKIP
    """
    if jobs < 1:
        raise InputError(f"jobs must be at least 1, not {jobs}")
    fn = functools.partial(
        code_chunk,
        sentiment=sentiment,
        lexicon=_portable(lexicon),
        gazetteer=_portable(gazetteer),
        cues=_portable(cues),
        coder=coder,
    )
    in_flight = in_flight or IN_FLIGHT_PER_JOB * jobs
    if executor is not None:
        yield from _map_ordered(fn, chunks, executor, in_flight)
    elif jobs == 1:
        yield from map(fn, chunks)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        try:
            yield from _map_ordered(fn, chunks, pool, in_flight)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------- writing


def _arrow_schema(frame: pd.DataFrame):
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
    return pa.schema(fields, metadata=schema.metadata)


def _tsv_column(col: pd.Series) -> list:
    """One column's TSV cells: missing -> "", text with tabs/newlines made spaces, else str()."""
    values = col.tolist()
    dtype = col.dtype
    if dtype == np.float64:
        # repr() is the shortest round-trip form, as pandas writes floats
        return ["" if v != v else repr(v) for v in values]
    if dtype == np.int64 or dtype == np.bool_:
        return values
    cells = ["" if v is None or (isinstance(v, float) and v != v) else v if isinstance(v, str) else str(v) for v in values]
    # one scan of the whole column finds out whether any cell needs mending (most never do)
    if _TSV_UNSAFE.search(_COLUMN_SEPARATOR.join(cells)):
        cells = [_TSV_UNSAFE.sub(" ", v) for v in cells]
    return cells


def _write_tsv_rows(frame: pd.DataFrame, fh: IO[str]) -> None:
    """Write a chunk's rows as TSV (no header): QUOTE_MINIMAL, "\\n" line ends, as pandas' to_csv would."""
    columns = [_tsv_column(frame[name]) for name in frame.columns]
    csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(zip(*columns))


def write_units(
    chunks: Iterable[pd.DataFrame],
    path: str | Path,
    *,
    format: OutputFormat = "auto",
) -> int:
    """Write coded chunks to one Parquet or TSV file, chunk by chunk, atomically.

    The file is written under a temporary name beside `path` and moved into
    place when the last chunk is written; if reading, coding or writing fails,
    `path` keeps its previous content.

    Parameters
    ----------
    chunks : iterable of pandas.DataFrame
        Coded chunks with the same columns and dtypes (:func:`code_chunk`).
    path : str or Path
        The output file.
    format : {"auto", "parquet", "tsv"}
        ``"auto"`` tells it from the suffix (``.parquet``/``.pq``, ``.tsv``).
        Parquet: one row group per non-empty chunk, the schema of the first
        chunk. TSV: a header row; tabs and newlines inside text become spaces;
        missing values are empty.

    Returns
    -------
    int
        Rows written.

    Example
    -------
    >>> write_units(map_coded(iter_articles("arts.jsonl")), "coded.parquet")  # doctest: +SKIP
    48213
    """
    fmt = output_format(path, format)
    rows = 0
    if fmt == "tsv":
        with atomic_write(path) as fh:
            header = False
            for chunk in chunks:
                if not header:
                    fh.write("\t".join(chunk.columns) + "\n")
                    header = True
                if len(chunk):
                    _write_tsv_rows(chunk, fh)
                    rows += len(chunk)
        return rows
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_write(path, "wb") as fh:
        writer = None
        try:
            for chunk in chunks:
                if writer is None:
                    schema = _arrow_schema(chunk)
                    writer = pq.ParquetWriter(fh, schema)
                if len(chunk):
                    table = pa.Table.from_pandas(chunk, schema=schema, preserve_index=False)
                    writer.write_table(table, row_group_size=len(table))
                    rows += len(chunk)
            if writer is None:
                writer = pq.ParquetWriter(fh, pa.schema([]))
        finally:
            if writer is not None:
                writer.close()
    return rows


def skipped_path(out: str | Path) -> Path:
    """Where the records skipped for output `out` are listed: ``<out>.skipped.tsv``."""
    return Path(str(out) + SKIPPED_SUFFIX)


def write_skipped(skipped: Iterable[Skipped], path: str | Path) -> int:
    """Write the skipped records as TSV (:data:`SKIPPED_COLUMNS`), atomically; returns how many."""
    frame = pd.DataFrame(
        [(s.source, "" if s.line is None else s.line, s.article_id, s.field, s.reason) for s in skipped],
        columns=SKIPPED_COLUMNS,
    )
    frame = frame.astype(str)
    with atomic_write(path) as fh:
        fh.write("\t".join(SKIPPED_COLUMNS) + "\n")
        _write_tsv_rows(frame, fh)
    return len(frame)


def code_collection(
    sources: Iterable[str | Path] | str | Path,
    out: str | Path,
    *,
    format: InputFormat = "auto",
    out_format: OutputFormat = "auto",
    jobs: int = 1,
    executor: Executor | None = None,
    sentiment: bool = True,
    strict: bool = False,
    chunk_articles: int = CHUNK_ARTICLES,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
    coder: Coder | None = None,
    progress: bool = False,
) -> CodeRun:
    """Code a whole collection into one output file: read, code and write by chunks.

    Parameters
    ----------
    sources : path or iterable of paths
        Files of articles or folders of text files (:func:`iter_articles`).
    out : str or Path
        The coded unit table (Parquet or TSV), written atomically; the skipped
        records go to :func:`skipped_path` ``(out)`` (a stale list from an
        earlier run is removed when nothing was skipped).
    format, out_format : str
        The input format (:func:`iter_articles`) and the output format
        (:func:`write_units`); ``"auto"`` tells them from the suffixes.
    jobs, executor : int, Executor
        See :func:`map_coded`.
    sentiment, strict, chunk_articles, lexicon, gazetteer, cues, coder
        See :func:`iter_articles` and :func:`code_chunk`.
    progress : bool
        Show a progress bar (tqdm, articles and articles/s) on stderr.

    Returns
    -------
    CodeRun

    Example
    -------
    >>> run = code_collection("mediacloud.jsonl.gz", "coded.parquet", jobs=2)  # doctest: +SKIP
    >>> run.articles, run.units, len(run.skipped)  # doctest: +SKIP
    (100000, 3012877, 4)
    """
    from tqdm import tqdm

    begin = time.perf_counter()
    out = Path(out)
    fmt = output_format(out, out_format)  # fail before reading anything
    run = CodeRun(out=out)
    counts: deque[int] = deque()

    def counted(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for chunk in chunks:
            counts.append(len(chunk))
            yield chunk

    articles = iter_articles(
        sources, format=format, chunk_articles=chunk_articles, strict=strict, skipped=run.skipped
    )
    coded = map_coded(
        counted(articles),
        jobs=jobs,
        executor=executor,
        sentiment=sentiment,
        lexicon=lexicon,
        gazetteer=gazetteer,
        cues=cues,
        coder=coder,
    )
    with tqdm(unit="article", desc="coding", disable=not progress, file=sys.stderr, smoothing=0.1) as bar:

        def tracked(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for chunk in chunks:
                n = counts.popleft()
                run.articles += n
                bar.update(n)
                yield chunk

        run.units = write_units(tracked(coded), out, format=fmt)
    log = skipped_path(out)
    if run.skipped:
        write_skipped(run.skipped, log)
        run.skipped_path = log
    elif log.exists():
        log.unlink()
    run.seconds = time.perf_counter() - begin
    return run


# ---------------------------------------------------------------------------------------------- Dask


def _code_partition(part: pd.DataFrame, **options: Any) -> pd.DataFrame:
    ids, texts, values = [], [], []
    meta = _meta_keys({c: None for c in part.columns})
    for record in part.to_dict("records"):
        try:
            article_id, text = _article_of(record)
        except _Bad:
            continue
        ids.append(article_id)
        texts.append(text)
        values.append([_meta_value(record.get(k)) for k in meta])
    columns = {"article_id": ids, "text": texts}
    for j, key in enumerate(meta):
        columns[key] = [row[j] for row in values]
    articles = pd.DataFrame(columns, columns=["article_id", "text", *meta]).astype(STRING_DTYPE)
    return code_chunk(articles, **options)


def code_dask(
    articles: "dask.dataframe.DataFrame",
    *,
    sentiment: bool = True,
    lexicon: str | Path | pd.DataFrame = "frame_lexicon.tsv",
    gazetteer: str | Path | pd.DataFrame = "speakers.tsv",
    cues: str | Path | pd.DataFrame = "cues.tsv",
    coder: Coder | None = None,
) -> "dask.dataframe.DataFrame":
    """Code a Dask DataFrame of articles, partition by partition, on any Dask scheduler.

    The same call runs on a laptop (the threaded scheduler, or a
    ``distributed.LocalCluster``) and on a cluster (``distributed.Client``
    connected to a scheduler): it is one ``map_partitions`` with an explicit
    ``meta``, so nothing is computed until you ask.

    Parameters
    ----------
    articles : dask.dataframe.DataFrame
        One row per article: ``article_id`` (or ``id``), ``text``, optionally
        ``title``/``headline``, and metadata columns (passed through as text).
        Rows with no id or no text are dropped (they are not listed: check the
        frame first, or use :func:`code_collection`, which lists them).
    sentiment, lexicon, gazetteer, cues, coder
        As for :func:`code_chunk`; a resource given as a path is read here and
        shipped to the workers.

    Returns
    -------
    dask.dataframe.DataFrame
        The coded units (columns and dtypes as :func:`code_chunk`); within each
        partition, articles and units in order.

    Raises
    ------
    ImportError
        Dask is not installed: ``pip install "framing[dask]"``.

    Example
    -------
    >>> import dask.dataframe as dd  # doctest: +SKIP
    >>> units = code_dask(dd.read_parquet("mediacloud/*.parquet"), sentiment=False)  # doctest: +SKIP
    >>> units.to_parquet("coded/")  # doctest: +SKIP
    """
    try:
        import dask.dataframe  # noqa: F401
    except ImportError as err:
        raise ImportError(
            'code_dask needs Dask, an optional extra: pip install "framing[dask]"'
        ) from err
    options = {
        "sentiment": sentiment,
        "lexicon": _portable(lexicon),
        "gazetteer": _portable(gazetteer),
        "cues": _portable(cues),
        "coder": coder,
    }
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in articles.columns})
    meta = _code_partition(empty, **options)
    return articles.map_partitions(_code_partition, meta=meta, **options)


@contextlib.contextmanager
def dask_client(address: str = "local", *, workers: int = 2) -> Iterator[Any]:
    """A :class:`distributed.Client` on a new local cluster, or connected to a scheduler.

    Parameters
    ----------
    address : str
        ``"local"`` starts a ``distributed.LocalCluster`` of `workers`
        single-threaded worker processes on this machine (stopped on exit);
        anything else is a scheduler's address (``tcp://host:8786``).
    workers : int
        Worker processes of a local cluster.

    Returns
    -------
    context manager of distributed.Client
        ``client.get_executor(pure=False)`` is an executor for
        :func:`map_coded` and :func:`code_collection`.

    Raises
    ------
    ImportError
        Dask is not installed: ``pip install "framing[dask]"``.

    Example
    -------
    >>> with dask_client("local", workers=2) as client:  # doctest: +SKIP
    ...     code_collection("arts.jsonl", "coded.parquet", executor=client.get_executor(pure=False))
    """
    try:
        import dask

        if "distributed" not in sys.modules and dask.config.get("distributed.admin.low-level-log-length", None) is None:
            # Dask keeps a log of every task's state transitions (100,000 entries by default) and
            # reads its length when `distributed` is first imported: bounded here (in this process's
            # Dask configuration, unless the user set it), the scheduler's memory no longer grows
            # with the number of chunks.
            dask.config.set({"distributed.admin.low-level-log-length": DASK_LOG_LENGTH})
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ImportError('the Dask path needs Dask, an optional extra: pip install "framing[dask]"') from err
    if address != "local":
        with Client(address) as client:
            yield client
        return
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, Client(cluster) as client:
        yield client
