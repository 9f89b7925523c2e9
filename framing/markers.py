"""Naming markers: how a unit names the group and the killing of its leader.

The codebook codes articles for word choice, "because word choice is framing"
("Language markers (article level)"):

* how it names the group: ``Daesh``, ``ISIS``, ``ISIL``, ``Islamic State``
  (and ``IS`` where an outlet uses that short name);
* the verbs it uses for the killing of the leader: ``kill``, ``assassinate``,
  ``eliminate``, ``take off the battlefield``, ...

The patterns and their canonical labels are data, in
``framing/data/markers.tsv`` (one row per pattern, with why it is there).
Distancing cues ("claim", "allege" as opposed to "say") belong to the
attribution coder (:mod:`framing.attribution`, column ``distancing``) and are
not repeated here.

Limits: a regular expression does not parse syntax, so a killing verb is
counted wherever it occurs ("killed 13 people" counts as ``kill`` as much as
"killed the leader"); compare outlets on rates, not on single counts.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import pandas as pd

from .errors import InputError
from .resources import read_table

__all__ = ["add_markers", "article_markers", "marker_counts", "MARKER_TYPES", "MARKER_COLUMNS"]

#: The two kinds of marker, and the unit column each fills.
MARKER_TYPES = {"group_name": "group_names", "kill_verb": "kill_verbs"}
#: Columns :func:`add_markers` adds.
MARKER_COLUMNS = tuple(MARKER_TYPES.values())
#: Columns of :func:`article_markers`.
ARTICLE_MARKER_COLUMNS = ["article_id", "marker_type", "marker", "n"]
_CASES = ("insensitive", "sensitive")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


class _Markers:
    """Compiled marker table: one regex per row, tried only when its gate words occur."""

    def __init__(self, table: pd.DataFrame, source: str) -> None:
        self.order: dict[str, list[str]] = {t: [] for t in MARKER_TYPES}
        # rows: (marker_type, label, compiled regex, gate substrings, gate is case-sensitive)
        self.rows: list[tuple[str, str, re.Pattern, tuple[str, ...], bool]] = []
        for n, row in enumerate(table.to_dict("records"), start=1):
            mtype, marker, pattern, case, gate = (
                str(row.get(c, "") or "").strip() for c in ("marker_type", "marker", "pattern", "case", "gate")
            )
            where = f"entry {n} ({marker!r})"
            if mtype not in MARKER_TYPES:
                raise InputError(f"{where}: marker_type must be one of {', '.join(MARKER_TYPES)}, not {mtype!r}", path=source, field="marker_type")
            if not marker or ";" in marker:
                raise InputError(f"{where}: a marker label must be non-empty and contain no ';'", path=source, field="marker")
            case = case or "insensitive"
            if case not in _CASES:
                raise InputError(f"{where}: case must be 'insensitive' or 'sensitive', not {case!r}", path=source, field="case")
            if not pattern:
                raise InputError(f"{where}: empty pattern", path=source, field="pattern")
            try:
                rx = re.compile(pattern, re.IGNORECASE if case == "insensitive" else 0)
            except re.error as err:
                raise InputError(f"{where}: invalid regular expression ({err})", path=source, field="pattern") from None
            words = tuple(gate.split()) if case == "sensitive" else tuple(g.lower() for g in gate.split())
            self.rows.append((mtype, marker, rx, words, case == "sensitive"))
            if marker not in self.order[mtype]:
                self.order[mtype].append(marker)
        # One scan finds which gate words occur; only their rows (and ungated rows) are tried.
        self.by_gate: dict[str, list[int]] = {}
        self.cased_gates: list[tuple[int, tuple[str, ...]]] = []
        self.ungated: list[int] = []
        for k, (_, _, _, gate, cased) in enumerate(self.rows):
            if not gate:
                self.ungated.append(k)
            elif cased:
                self.cased_gates.append((k, gate))
            else:
                for g in gate:
                    self.by_gate.setdefault(g, []).append(k)
        self.gate_items = tuple(self.by_gate.items())

    def find(self, text: str) -> dict[str, list[str]]:
        """Canonical labels of every match, per marker type, in text order.

        Where matches of two rows overlap, the one that starts first wins,
        then the earlier row (spelled-out names are listed before acronyms).
        """
        text = text.translate(_APOSTROPHES)
        todo = set(self.ungated)
        low = text.lower()
        for g, rows in self.gate_items:
            if g in low:
                todo.update(rows)
        for k, gate in self.cased_gates:
            for g in gate:
                if g in text:
                    todo.add(k)
                    break
        if not todo:
            return {t: [] for t in MARKER_TYPES}
        spans: dict[str, list[tuple[int, int, int, str]]] = {t: [] for t in MARKER_TYPES}
        for k in sorted(todo):
            mtype, label, rx, _, _ = self.rows[k]
            for m in rx.finditer(text):
                spans[mtype].append((m.start(), k, m.end(), label))
        out: dict[str, list[str]] = {}
        for mtype, found in spans.items():
            found.sort()
            labels: list[str] = []
            end = -1
            for start, _, stop, label in found:
                if start >= end:
                    labels.append(label)
                    end = max(stop, start + 1)
            out[mtype] = labels
        return out


_COMPILED: dict[tuple, _Markers] = {}


def _compiled(markers: str | Path | pd.DataFrame) -> _Markers:
    if isinstance(markers, pd.DataFrame):
        digest = hashlib.sha1(pd.util.hash_pandas_object(markers.astype(str), index=False).values.tobytes()).hexdigest()
        key: tuple = ("frame", digest, tuple(markers.columns))
    else:
        path = Path(markers)
        key = ("path", str(path.resolve()), path.stat().st_mtime_ns) if path.exists() else ("name", str(markers))
    hit = _COMPILED.get(key)
    if hit is None:
        required = ("marker_type", "marker", "pattern")
        if isinstance(markers, pd.DataFrame):
            missing = [c for c in required if c not in markers.columns]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)}", path="markers table")
            hit = _Markers(markers.fillna("").astype(str), "markers table")
        else:
            hit = _Markers(read_table(markers, required=required), str(markers))
        _COMPILED[key] = hit
    return hit


@functools.lru_cache(maxsize=1)
def _default() -> _Markers:
    return _compiled("markers.tsv")


#: Distinct unit texts whose markers are remembered (bounded so memory stays flat at scale).
CACHE_SIZE = 8_192


@functools.lru_cache(maxsize=CACHE_SIZE)
def _find_default(text: str) -> dict:
    return _default().find(text)


def _check(units, who: str) -> None:
    if not isinstance(units, pd.DataFrame):
        raise InputError(f"{who}: expected a DataFrame of units, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError(f"{who}: the unit table has no 'text' column", field="text")


def _iter_found(units: pd.DataFrame, markers):
    finder = _find_default if isinstance(markers, str) and markers == "markers.tsv" else _compiled(markers).find
    kinds = units["kind"].tolist() if "kind" in units.columns else ["sentence"] * len(units)
    for text, kind in zip(units["text"].tolist(), kinds):
        if kind == "boilerplate" or not isinstance(text, str) or not text:
            yield None
        else:
            yield finder(text)


def add_markers(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Add the naming markers present in each headline and sentence.

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table; needs ``text``; boilerplate rows (``kind``) get "".
    markers : str, Path or DataFrame
        The marker table (default: packaged ``markers.tsv``; columns
        ``marker_type, marker, pattern`` and optional ``case``).

    Returns
    -------
    pandas.DataFrame
        A new table with ``group_names`` and ``kill_verbs``: the canonical
        labels present in the unit, each once, sorted, ";"-joined ("" for none).

    Example
    -------
    >>> import pandas as pd
    >>> add_markers(pd.DataFrame({"text": ["US forces eliminated the Daesh (ISIS) leader."]}))[["group_names", "kill_verbs"]].iloc[0].tolist()
    ['Daesh;ISIS', 'eliminate']
    """
    _check(units, "add_markers")
    out = units.copy()
    cols: dict[str, list[str]] = {c: [] for c in MARKER_COLUMNS}
    for found in _iter_found(out, markers):
        for mtype, col in MARKER_TYPES.items():
            cols[col].append(";".join(sorted(set(found[mtype]))) if found else "")
    for col, values in cols.items():
        out[col] = values
    return out


def marker_counts(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Occurrences of each marker in each unit (tidy long form, only markers that occur).

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (position in `units`), ``marker_type``, ``marker``, ``n``.
    """
    _check(units, "marker_counts")
    rows = []
    for i, found in enumerate(_iter_found(units, markers)):
        if not found:
            continue
        for mtype, labels in found.items():
            for label in dict.fromkeys(labels):
                rows.append({"row": i, "marker_type": mtype, "marker": label, "n": labels.count(label)})
    return pd.DataFrame(rows, columns=["row", "marker_type", "marker", "n"])


def article_markers(units: pd.DataFrame, *, markers: str | Path | pd.DataFrame = "markers.tsv") -> pd.DataFrame:
    """Count each naming marker per article (the codebook's article-level markers).

    Parameters
    ----------
    units : pandas.DataFrame
        A unit table with ``article_id`` and ``text`` (boilerplate rows are
        skipped: a "* A terrorist group outlawed in Russia" footnote is not the
        outlet's prose).
    markers : str, Path or DataFrame
        As for :func:`add_markers`.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``article_id, marker_type, marker, n`` with one row for every
        article and every marker of the table (``n`` = 0 when absent, so
        shares can be computed), articles in order of first appearance,
        markers in table order.

    Example
    -------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"article_id": ["a", "a"], "text": ["ISIS leader killed", "Biden: ISIS chief killed"]})
    >>> t = article_markers(u)
    >>> t[(t.marker == "ISIS") | (t.marker == "kill")]["n"].tolist()
    [2, 2]
    """
    _check(units, "article_markers")
    if "article_id" not in units.columns:
        raise InputError("article_markers: the unit table has no 'article_id' column", field="article_id")
    compiled = _compiled(markers)
    articles = list(dict.fromkeys(units["article_id"].tolist()))
    counts: dict[tuple, int] = {}
    for art, found in zip(units["article_id"].tolist(), _iter_found(units, markers)):
        if not found:
            continue
        for mtype, labels in found.items():
            for label in labels:
                counts[(art, mtype, label)] = counts.get((art, mtype, label), 0) + 1
    rows = [
        (art, mtype, marker, counts.get((art, mtype, marker), 0))
        for art in articles
        for mtype in MARKER_TYPES
        for marker in compiled.order[mtype]
    ]
    return pd.DataFrame(rows, columns=ARTICLE_MARKER_COLUMNS)
