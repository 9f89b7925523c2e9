"""The study's data release: catalog of coverage and reference coding.

The release lives in a data folder (``data/`` in the project) laid out as::

    data/
      articles.csv                         catalog of articles whose text ships (the seed)
      articles/<article_id>.txt            their texts
      codebook.md                          the coding protocol
      reference/coverage_articles.tsv      catalog of the seed + 66 related articles (no text)
      reference/coverage_units.tsv         reference coding, one row per unit (fingerprints, no text)
      reference/coverage_units_second_coder.tsv   an independent second coding of 20 articles
      reference/seed_units.tsv             the seed's reference coding, with text
      cache/articles/<article_id>.txt      texts retrieved by ``framing fetch`` (git-ignored)
      cache/fetch_log.tsv                  what ``framing fetch`` did, one row per article

Loaders return tidy DataFrames that join on ``article_id``. Besides loading,
this module checks a coding table against the codebook's controlled lists
(:func:`coding_problems`) and measures how well a retrieved text lines up
with the reference units (:func:`alignment`, :func:`align_texts`): the share
of the reference's coded units (headline and sentences) whose fingerprint is
found among the units of the retrieved text.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import Literal

import pandas as pd

from .articles import attach_texts, read_catalog
from .codebook import FRAMES, SOURCE_TYPES, UNATTRIBUTED
from .errors import InputError
from .units import KINDS, units_from_text

__all__ = [
    "REFERENCE_COLUMNS",
    "CODING_FIELDS",
    "read_coding",
    "load_catalog",
    "load_reference",
    "join_catalog",
    "CATALOG_COLUMNS_JOINED",
    "load_seed_reference",
    "cache_dir",
    "FRAMES",
    "SOURCE_TYPES",
    "UNATTRIBUTED",
    "FINGERPRINT_PATTERN",
    "coding_problems",
    "load_texts",
    "alignment",
    "align_texts",
]

#: Columns of a reference coding table (``text`` is present only where the text may ship).
REFERENCE_COLUMNS = ("article_id", "unit", "kind", "fingerprint", "frames", "speakers", "source_types", "cues")
#: The coded fields, multi-valued and ";"-joined.
CODING_FIELDS = ("frames", "speakers", "source_types", "cues")
#: Catalog columns joined onto unit tables for comparing outlets.
CATALOG_COLUMNS_JOINED = ("article_id", "outlet", "publisher", "country", "outlet_type", "date")
#: Where ``framing fetch`` caches retrieved texts, relative to the data folder.
CACHE_SUBDIR = Path("cache") / "articles"
#: A fingerprint as the codebook defines it: the first 16 hexadecimal digits of a SHA-1.
FINGERPRINT_PATTERN = r"[0-9a-f]{16}"
#: Unit kinds that carry codes; boilerplate is kept for numbering but never coded (codebook).
CODED_KINDS = ("headline", "sentence")


def cache_dir(data_dir: str | Path = "data") -> Path:
    """The folder of retrieved article texts inside `data_dir`."""
    return Path(data_dir) / CACHE_SUBDIR


def read_coding(path: str | Path) -> pd.DataFrame:
    """Read a coding table (reference or machine): one row per unit.

    Parameters
    ----------
    path : str or Path
        TSV with at least :data:`REFERENCE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Strings everywhere ("" for empty), ``unit`` as int.

    Raises
    ------
    InputError
        Missing file or columns, a row with more or fewer fields than the
        header, or a ``unit`` that is not a whole number (naming the line).
    """
    path = Path(path)
    if not path.exists():
        raise InputError("coding table not found", path=path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=path) from None
    reader = csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter="\t")
    header = next(reader, None)
    if not header:
        raise InputError("empty coding table (no header row)", path=path)
    missing = [c for c in REFERENCE_COLUMNS if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=path, line=1)
    rows, lines = [], []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"expected {len(header)} tab-separated fields, found {len(row)}", path=path, line=reader.line_num
                )
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as err:
        raise InputError(f"not a valid TSV table ({err})", path=path, line=reader.line_num) from None
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    bad = ~frame["unit"].str.fullmatch(r"\d+")
    if bad.any():
        first = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(
            f"unit {frame['unit'].iloc[first]!r} is not a whole number", path=path, line=lines[first], field="unit"
        )
    return frame.astype({"unit": "int64"})


def load_catalog(data_dir: str | Path = "data") -> pd.DataFrame:
    """The coverage catalog (seed first), checked by :func:`framing.articles.read_catalog`.

    Returns
    -------
    pandas.DataFrame
        article_id, outlet, publisher, country, outlet_type, language, date, url, title, text, note.
    """
    return read_catalog(Path(data_dir) / "reference" / "coverage_articles.tsv")


def load_reference(
    data_dir: str | Path = "data",
    *,
    coder: Literal["first", "second"] = "first",
    with_seed: bool = True,
    with_catalog: bool = True,
) -> pd.DataFrame:
    """The reference coding of the coverage, joined with the catalog.

    Parameters
    ----------
    data_dir : str or Path
        The data folder.
    coder : {"first", "second"}
        ``first``: the full reference coding; ``second``: the independent
        second coding of 20 articles (for reliability).
    with_seed : bool
        Include the seed's reference units (first coder only).
    with_catalog : bool
        Add outlet, outlet_type, country, date, publisher from the catalog.

    Returns
    -------
    pandas.DataFrame
        One row per unit.

    Example
    -------
    >>> ref = load_reference("data")  # doctest: +SKIP
    >>> ref.groupby("outlet_type").size()  # doctest: +SKIP
    """
    ref_dir = Path(data_dir) / "reference"
    name = "coverage_units.tsv" if coder == "first" else "coverage_units_second_coder.tsv"
    frames = [read_coding(ref_dir / name)]
    if with_seed and coder == "first":
        frames.insert(0, load_seed_reference(data_dir))
    units = pd.concat(frames, ignore_index=True)
    return join_catalog(units, data_dir) if with_catalog else units


def join_catalog(units: pd.DataFrame, data_dir: str | Path = "data") -> pd.DataFrame:
    """Add the catalog's :data:`CATALOG_COLUMNS_JOINED` to a unit table, by ``article_id``.

    Articles missing from the catalog get empty metadata; a broken catalog
    raises :class:`InputError` (it is never silently skipped).
    """
    cat = load_catalog(data_dir)[list(CATALOG_COLUMNS_JOINED)]
    return units.merge(cat, on="article_id", how="left", validate="many_to_one")


def load_seed_reference(data_dir: str | Path = "data") -> pd.DataFrame:
    """The seed article's reference coding (with text)."""
    return read_coding(Path(data_dir) / "reference" / "seed_units.tsv")


def _items(cell: str) -> list[str]:
    return cell.split(";") if cell else []


def coding_problems(
    coding: pd.DataFrame,
    *,
    frames: tuple[str, ...] = FRAMES,
    source_types: tuple[str, ...] = SOURCE_TYPES,
    kinds: tuple[str, ...] = KINDS,
) -> pd.DataFrame:
    """Every way a coding table departs from the codebook, one row per problem.

    Checks, per unit: ``kind`` is a codebook kind; ``fingerprint`` has 16
    hexadecimal digits; ``frames`` are codebook frames, sorted and without
    repeats; ``source_types`` are codebook values; boilerplate has no codes;
    an unattributed unit has empty ``speakers`` and ``cues`` and
    ``source_types`` equal to ``unattributed``; an attributed unit has as many
    source types and cues as speakers, and no ``unattributed`` among them.
    Per article: units are numbered 0..n-1 in order, without gaps or repeats.

    Parameters
    ----------
    coding : pandas.DataFrame
        A coding table (:func:`read_coding`), reference or machine.
    frames, source_types, kinds : tuple of str
        The controlled lists (defaults: the codebook's).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id, unit, field, value, problem``; empty when the
        table follows the codebook. Row order follows the table.

    Example
    -------
    >>> bad = pd.DataFrame([{"article_id": "a", "unit": 0, "kind": "sentence", "fingerprint": "0" * 16,
    ...                      "frames": "war", "speakers": "", "source_types": "unattributed", "cues": ""}])
    >>> coding_problems(bad)[["field", "value"]].values.tolist()
    [['frames', 'war']]
    """
    rows: list[dict] = []

    def problem(aid, unit, field, value, text):
        rows.append({"article_id": aid, "unit": unit, "field": field, "value": value, "problem": text})

    fp = re.compile(FINGERPRINT_PATTERN)
    for rec in coding[list(REFERENCE_COLUMNS)].itertuples(index=False):
        aid, unit, kind = rec.article_id, rec.unit, rec.kind
        if kind not in kinds:
            problem(aid, unit, "kind", kind, f"not a codebook kind ({', '.join(kinds)})")
        if not fp.fullmatch(rec.fingerprint):
            problem(aid, unit, "fingerprint", rec.fingerprint, "not 16 lower-case hexadecimal digits")
        if kind == "boilerplate":
            for field in CODING_FIELDS:
                if getattr(rec, field):
                    problem(aid, unit, field, getattr(rec, field), "boilerplate is never coded")
            continue
        fr = _items(rec.frames)
        for f in fr:
            if f not in frames:
                problem(aid, unit, "frames", f, f"not a codebook frame ({', '.join(frames)})")
        if fr != sorted(set(fr)):
            problem(aid, unit, "frames", rec.frames, "frames must be sorted alphabetically, each once")
        speakers, types, cues = _items(rec.speakers), _items(rec.source_types), _items(rec.cues)
        for t in types:
            if t not in source_types:
                problem(aid, unit, "source_types", t, "not a codebook source type")
        if not speakers:
            if types != [UNATTRIBUTED] or cues:
                problem(aid, unit, "source_types", rec.source_types,
                        "a unit without speakers is 'unattributed' and has no cues")
            continue
        if len(types) != len(speakers):
            problem(aid, unit, "source_types", rec.source_types,
                    f"{len(types)} source type(s) for {len(speakers)} speaker(s)")
        if len(cues) != len(speakers):
            problem(aid, unit, "cues", rec.cues, f"{len(cues)} cue(s) for {len(speakers)} speaker(s)")
        if UNATTRIBUTED in types:
            problem(aid, unit, "source_types", rec.source_types, "an attributed unit cannot be 'unattributed'")
        if any(not s.strip() for s in speakers):
            problem(aid, unit, "speakers", rec.speakers, "empty speaker name")
    for aid, units in coding.groupby("article_id", sort=False)["unit"]:
        got = units.tolist()
        if got != list(range(len(got))):
            problem(aid, None, "unit", ",".join(map(str, got[:12])), f"units must be numbered 0..{len(got) - 1} in order")
    return pd.DataFrame(rows, columns=["article_id", "unit", "field", "value", "problem"])


def load_texts(data_dir: str | Path = "data", *, include_seed: bool = True) -> pd.DataFrame:
    """The article texts available locally, joined with the catalog.

    Retrieved texts come from the cache (:func:`cache_dir`, filled by
    ``framing fetch``); the seed's from ``<data_dir>/articles``. Articles
    not (yet) retrieved are left out, so check the number of rows.

    Parameters
    ----------
    data_dir : str or Path
        The data folder.
    include_seed : bool
        Include the seed article (whose text ships with the project).

    Returns
    -------
    pandas.DataFrame
        The catalog's columns, with ``text`` holding the article's text (the
        catalog's ``seed``/``retrieve`` flag is replaced) and ``path`` the file
        read; catalog order.

    Example
    -------
    >>> texts = load_texts("data")  # doctest: +SKIP
    >>> units = framing.make_units(texts)  # doctest: +SKIP
    """
    cat = load_catalog(data_dir)
    flag = cat["text"] if "text" in cat.columns else pd.Series("retrieve", index=cat.index)
    parts = []
    if include_seed:
        parts.append(attach_texts(cat[flag == "seed"], Path(data_dir) / "articles", missing="skip"))
    parts.append(attach_texts(cat[flag != "seed"], cache_dir(data_dir), missing="skip"))
    out = pd.concat(parts, ignore_index=True)
    order = {aid: i for i, aid in enumerate(cat["article_id"])}
    return out.sort_values("article_id", key=lambda s: s.map(order)).reset_index(drop=True)


def alignment(text: str, reference: pd.DataFrame, *, article_id: str) -> dict:
    """How well one article's text lines up with its reference units.

    ``alignment_rate = n_aligned / n_reference_units``, where
    ``n_reference_units`` counts the article's reference units of kind
    headline or sentence (boilerplate is left out: sites change their
    furniture, and it is never coded) and ``n_aligned`` those whose
    fingerprint is among the fingerprints of
    :func:`framing.units.units_from_text` of `text` (any kind, since a
    retrieved copy may split a line differently). A rate of 1 means every
    coded unit can be found; below about 0.8 the copy is probably a different
    version of the article (updated, truncated, or another site's edit).

    Parameters
    ----------
    text : str
        The article as stored (headline line, blank line, body).
    reference : pandas.DataFrame
        Reference units with ``article_id``, ``kind`` and ``fingerprint``.
    article_id : str
        Whose reference units to use.

    Returns
    -------
    dict
        ``n_reference_units`` (int), ``n_aligned`` (int), ``alignment_rate``
        (float; NaN when the article has no reference units).

    Example
    -------
    >>> ref = pd.DataFrame({"article_id": ["a"], "kind": ["sentence"], "fingerprint": ["a23cf03fa420040e"]})
    >>> alignment("Title\\n\\nSputnik. Other.", ref, article_id="a")["alignment_rate"]
    1.0
    """
    mine = reference[(reference["article_id"] == article_id) & reference["kind"].isin(CODED_KINDS)]
    found = {u["fingerprint"] for u in units_from_text(text, article_id=article_id)}
    n_ref = len(mine)
    n_aligned = int(mine["fingerprint"].isin(found).sum())
    return {
        "n_reference_units": n_ref,
        "n_aligned": n_aligned,
        "alignment_rate": n_aligned / n_ref if n_ref else math.nan,
    }


def align_texts(texts: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """:func:`alignment` for every article of `texts` (as from :func:`load_texts`).

    Returns
    -------
    pandas.DataFrame
        ``article_id, n_reference_units, n_aligned, alignment_rate``, one row
        per row of `texts`.
    """
    rows = [{"article_id": aid, **alignment(text, reference, article_id=aid)}
            for aid, text in zip(texts["article_id"], texts["text"])]
    return pd.DataFrame(rows, columns=["article_id", "n_reference_units", "n_aligned", "alignment_rate"])
