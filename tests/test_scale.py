"""Tests for framing/scale.py: streaming readers, the parallel map, the writers, the Dask path.

The articles are short news-style texts written for these tests (wire copy,
broadcast, state media, NGO statement, local reporting); none is taken from an outlet.
"""

from __future__ import annotations

import gzip
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.errors import InputError
from framing.scale import (
    SKIPPED_COLUMNS,
    code_chunk,
    code_collection,
    code_dask,
    input_format,
    iter_articles,
    map_coded,
    output_format,
    skipped_path,
    write_units,
)
from framing.units import UNIT_COLUMNS, make_units

# --------------------------------------------------------------------------- fixtures written for these tests

ARTICLES = [
    {
        "id": "wire-1",
        "title": "Raid on house in northern town kills 9, rescuers say",
        "text": (
            "Nine people, including four children, were killed when troops stormed a house before dawn, "
            "rescue workers said on Thursday.\n"
            "\"We pulled two girls from under the stairs,\" a volunteer told reporters. The operation lasted "
            "about two hours."
        ),
        "outlet": "Example Wire",
        "date": "2022-02-03",
    },
    {
        "id": "state-2",
        "title": "Ministry: foreign troops violated the country's sovereignty",
        "text": (
            "The foreign ministry condemned the operation as a gross violation of international law.\n"
            "Officials demanded that all foreign forces leave the territory without delay."
        ),
        "outlet": "State Agency",
        "date": "2022-02-04",
    },
    {
        "id": "tv-3",
        "title": "",
        "text": (
            "Evening bulletin\n\n"
            "ANCHOR: Good evening. The Pentagon says the leader of the militant group is dead.\n"
            "A spokesman said the commander detonated a bomb as soldiers approached."
        ),
        "outlet": "Channel Nine",
        "date": "2022-02-03",
    },
    {
        "id": "ngo-4",
        "headline": "Monitor calls for inquiry into civilian deaths",
        "text": "The monitor said at least 13 people died and urged an independent investigation.",
        "outlet": "Rights Monitor",
        "date": "2022-02-05",
    },
    {
        "article_id": "local-5",
        "title": "Residents count the cost after night raid",
        "text": (
            "Families slept in the olive groves after the raid, neighbours said.\n"
            "Share this article\n"
            "One shopkeeper said his windows were shattered by the blast. He said nobody had warned them."
        ),
        "outlet": "Town Courier",
        "date": "2022-02-06",
    },
]

#: Columns the stand-in coder adds (those of framing.coder.CODED_COLUMNS that tests look at).
STAND_IN_COLUMNS = UNIT_COLUMNS + ["frames", "speakers", "source_types", "cues", "polarity", "subjectivity"]


def stand_in_coder(units, *, sentiment=True, lexicon=None, gazetteer=None, cues=None):
    """A trivial coder with the real one's interface (module level, so worker processes can pickle it)."""
    out = units.copy()
    body = out["kind"] != "boilerplate"
    harm = body & out["text"].str.contains(r"killed|died|children", regex=True)
    out["frames"] = np.where(harm, "civilian_harm", "")
    said = body & out["text"].str.contains(r"\bsaid\b|\bsays\b", regex=True)
    out["speakers"] = np.where(said, "someone", "")
    out["source_types"] = np.where(said, "local_witness", np.where(body, "unattributed", ""))
    out["cues"] = np.where(said, "say", "")
    out["polarity"] = np.where(body, out["text"].str.len() / 1000.0, np.nan) if sentiment else np.nan
    out["subjectivity"] = np.nan
    return out[STAND_IN_COLUMNS]


def _article_text(record: dict) -> str:
    title = record.get("title", record.get("headline", ""))
    return f"{title}\n\n{record['text']}" if title else record["text"]


def write_jsonl(path: Path, records, *, extra_lines=()) -> Path:
    lines = [json.dumps(r).encode() for r in records] + list(extra_lines)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture
def jsonl(tmp_path) -> Path:
    return write_jsonl(tmp_path / "articles.jsonl", ARTICLES)


def many_articles(n: int) -> list[dict]:
    """`n` articles recombined from ARTICLES, with distinct ids."""
    records = []
    for i in range(n):
        record = {k: v for k, v in ARTICLES[i % len(ARTICLES)].items() if k not in ("id", "article_id")}
        records.append({"id": f"a{i:04d}", **record})
    return records


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    "name, expected",
    [
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.CSV", "csv"),
        ("a.csv.gz", "csv"),
        ("a.tsv", "tsv"),
        ("a.parquet", "parquet"),
        ("a.pq", "parquet"),
        ("a.txt", "text"),
    ],
)
def test_input_format_from_suffix(tmp_path, name, expected):
    path = tmp_path / name
    path.write_bytes(b"")
    assert input_format(path) == expected


@pytest.mark.parametrize("name", ["a.json", "a.xlsx", "a.parquet.gz", "noext"])
def test_input_format_unknown_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError, match="cannot tell the format"):
        input_format(path)


def test_input_format_folder_and_missing(tmp_path):
    assert input_format(tmp_path) == "text"
    with pytest.raises(InputError, match="no such file"):
        input_format(tmp_path / "nowhere.jsonl")


@pytest.mark.parametrize(
    "name, given, expected",
    [("out.parquet", "auto", "parquet"), ("out.pq", "auto", "parquet"), ("out.tsv", "auto", "tsv"),
     ("out.dat", "tsv", "tsv"), ("out.tsv", "parquet", "parquet")],
)
def test_output_format(name, given, expected):
    assert output_format(name, given) == expected


def test_output_format_unknown():
    with pytest.raises(InputError, match="output format"):
        output_format("out.csv")


# --------------------------------------------------------------------------- reading


def test_jsonl_title_text_and_metadata(jsonl):
    (chunk,) = list(iter_articles(jsonl))
    assert chunk["article_id"].tolist() == ["wire-1", "state-2", "tv-3", "ngo-4", "local-5"]
    assert chunk["text"].tolist() == [_article_text(r) for r in ARTICLES]
    assert chunk.columns.tolist() == ["article_id", "text", "outlet", "date"]
    assert chunk["outlet"].tolist() == [r["outlet"] for r in ARTICLES]


@pytest.mark.parametrize("chunk_articles, sizes", [(1, [1] * 7), (2, [2, 2, 2, 1]), (3, [3, 3, 1]), (7, [7]), (50, [7])])
def test_chunk_sizes(tmp_path, chunk_articles, sizes):
    path = write_jsonl(tmp_path / "a.jsonl", many_articles(7))
    chunks = list(iter_articles(path, chunk_articles=chunk_articles))
    assert [len(c) for c in chunks] == sizes
    assert all(c.columns.tolist() == chunks[0].columns.tolist() for c in chunks)
    assert pd.concat(chunks)["article_id"].tolist() == [f"a{i:04d}" for i in range(7)]


def test_metadata_keys_of_first_record_and_values_as_text(tmp_path):
    records = [
        {"id": 1, "text": "A.\n\nB.", "year": 2022, "tags": ["raid", "idlib"], "ok": True},
        {"id": 2, "text": "C.\n\nD.", "late_key": "dropped", "ok": False},
    ]
    (chunk,) = list(iter_articles(write_jsonl(tmp_path / "a.jsonl", records)))
    assert chunk.columns.tolist() == ["article_id", "text", "year", "tags", "ok"]
    assert chunk["article_id"].tolist() == ["1", "2"]
    assert chunk.loc[0, ["year", "tags", "ok"]].tolist() == ["2022", '["raid", "idlib"]', "true"]
    assert pd.isna(chunk.loc[1, "year"])


def test_newlines_and_bom_normalised(tmp_path):
    records = [{"id": "w", "text": "\ufeffHead line\r\n\r\nFirst.\rSecond."}]
    (chunk,) = list(iter_articles(write_jsonl(tmp_path / "a.jsonl", records)))
    assert chunk.loc[0, "text"] == "Head line\n\nFirst.\nSecond."


def test_gzip_jsonl(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"\n".join(json.dumps(r).encode() for r in ARTICLES))
    (chunk,) = list(iter_articles(path))
    assert chunk["article_id"].tolist()[:2] == ["wire-1", "state-2"]


def test_csv_with_quoted_multiline_text(tmp_path):
    frame = pd.DataFrame(
        [{"article_id": r.get("id", r.get("article_id")), "title": r.get("title", r.get("headline")),
          "text": r["text"], "outlet": r["outlet"]} for r in ARTICLES]
    )
    path = tmp_path / "a.csv"
    frame.to_csv(path, index=False)
    (chunk,) = list(iter_articles(path))
    assert chunk["text"].tolist() == [_article_text(r) for r in ARTICLES]
    assert chunk["outlet"].tolist() == frame["outlet"].tolist()


def test_tsv_input(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("id\ttext\tsource\nx1\tHeadline\\n\tSome outlet\nx2\tRaid ends.\tOther\n", encoding="utf-8")
    (chunk,) = list(iter_articles(path))
    assert chunk[["article_id", "source"]].values.tolist() == [["x1", "Some outlet"], ["x2", "Other"]]


def test_parquet_input_in_batches(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame(many_articles(5)).to_parquet(path)
    chunks = list(iter_articles(path, chunk_articles=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert pd.concat(chunks)["text"].tolist() == [_article_text(r) for r in many_articles(5)]


def test_text_folder_input(tmp_path):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "b-two.txt").write_text("Second headline\n\nBody two.\n", encoding="utf-8")
    (folder / "a-one.txt").write_text("First headline\n\nBody one.\n", encoding="utf-8")
    (folder / "c-bad.txt").write_bytes(b"Head\n\nBody \xff\n")
    skipped = []
    (chunk,) = list(iter_articles(folder, skipped=skipped))
    assert chunk["article_id"].tolist() == ["a-one", "b-two"]
    assert [(s.source, s.line, s.article_id) for s in skipped] == [(str(folder / "c-bad.txt"), 3, "c-bad")]


def test_multiple_sources_are_read_in_order(tmp_path, jsonl):
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "z", "text": "Late.\n\nBody."}])
    chunks = list(iter_articles([jsonl, second]))
    assert pd.concat(chunks)["article_id"].tolist()[-2:] == ["local-5", "z"]


def test_no_valid_record_yields_one_empty_chunk(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [], extra_lines=[b"{broken"])
    chunks = list(iter_articles(path))
    assert len(chunks) == 1 and chunks[0].empty
    assert chunks[0].columns.tolist() == ["article_id", "text"]


# --------------------------------------------------------------------------- bad records

BAD_LINES = [
    # (the bad line, field at fault, id the report can give, words of the reason)
    (b'{"id": "b1", "text": "unterminated', "", "", "not valid JSON"),
    (b'["a list", "not an object"]', "", "", "not a JSON object"),
    (b'{"id": "b2", "text": ""}', "text", "b2", "no text"),
    (b'{"id": "b3", "text": "   "}', "text", "b3", "no text"),
    (b'{"id": "b4", "title": "Headline only"}', "text", "b4", "no text"),
    (b'{"id": "b5", "text": 42}', "text", "b5", "not a string"),
    (b'{"text": "No id here.\\n\\nBody."}', "article_id", "", "no id"),
    (b'{"id": null, "text": "Null id.\\n\\nBody."}', "id", "", "no id"),
    (b'{"id": " ", "text": "Blank id.\\n\\nBody."}', "id", "", "empty id"),
    (b'{"id": "b6", "text": "Bad byte \xff here."}', "", "b6", "not UTF-8"),
]


@pytest.mark.parametrize("line, field, article_id, reason", BAD_LINES)
def test_bad_jsonl_line_is_skipped_and_listed(tmp_path, line, field, article_id, reason):
    path = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2], extra_lines=[line, json.dumps(ARTICLES[2]).encode()])
    skipped = []
    chunks = list(iter_articles(path, skipped=skipped))
    assert pd.concat(chunks)["article_id"].tolist() == ["wire-1", "state-2", "tv-3"]
    assert len(skipped) == 1
    item = skipped[0]
    assert (item.source, item.line, item.field, item.article_id) == (str(path), 3, field, article_id)
    assert reason in item.reason


@pytest.mark.parametrize("line, field, article_id, reason", BAD_LINES)
def test_bad_jsonl_line_strict_names_file_and_line(tmp_path, line, field, article_id, reason):
    path = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2], extra_lines=[line])
    with pytest.raises(InputError) as info:
        list(iter_articles(path, strict=True))
    assert info.value.path == str(path)
    assert info.value.line == 3
    assert reason in str(info.value)


def test_reading_is_streamed(tmp_path):
    """The first chunk comes out before the reader reaches a bad line further down."""
    path = write_jsonl(tmp_path / "a.jsonl", many_articles(4), extra_lines=[b"{broken"])
    chunks = iter_articles(path, chunk_articles=2, strict=True)
    assert len(next(chunks)) == 2
    assert len(next(chunks)) == 2
    with pytest.raises(InputError, match="line 5"):
        next(chunks)


@pytest.mark.parametrize(
    "body, line, reason",
    [
        (b"id,text\nc1,Fine.\nc2,too,many\nc3,Fine too.\n", 3, "expected 2 fields, found 3"),
        (b"id,text\nc1,Fine.\nc2,Bad \xfe byte\nc3,Fine too.\n", 3, "not UTF-8"),
        (b'id,text\nc1,"Two\nlines"\nc2,\nc3,Fine too.\n', 4, "no text"),
    ],
)
def test_bad_csv_row_is_skipped_with_its_line(tmp_path, body, line, reason):
    path = tmp_path / "a.csv"
    path.write_bytes(body)
    skipped = []
    chunks = list(iter_articles(path, skipped=skipped))
    assert pd.concat(chunks)["article_id"].tolist() == ["c1", "c3"]
    assert [(s.line, s.article_id) for s in skipped] == [(line, "c2")]
    assert reason in skipped[0].reason


def test_parquet_binary_text_with_bad_bytes(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": ["p1", "p2", None], "text": [b"Good.\n\nBody.", b"Bad \xff.", b"No id.\n\nBody."]})
    pq.write_table(table, tmp_path / "a.parquet")
    skipped = []
    (chunk,) = list(iter_articles(tmp_path / "a.parquet", skipped=skipped))
    assert chunk["article_id"].tolist() == ["p1"]
    assert [(s.line, s.article_id, s.field) for s in skipped] == [(2, "p2", "text"), (3, "", "id")]


def test_not_parquet_is_an_error(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read as Parquet"):
        list(iter_articles(path))


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles(tmp_path / "gone.jsonl"))


# --------------------------------------------------------------------------- coding a chunk


def _articles(records=ARTICLES) -> pd.DataFrame:
    return pd.concat(list(iter_articles_from(records)))


def iter_articles_from(records):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        yield from iter_articles(write_jsonl(Path(folder) / "a.jsonl", records))


def test_code_chunk_units_match_make_units_and_carry_metadata():
    articles = _articles()
    coded = code_chunk(articles, coder=stand_in_coder)
    units = make_units(articles)
    assert coded[UNIT_COLUMNS].astype(str).values.tolist() == units[UNIT_COLUMNS].astype(str).values.tolist()
    by_id = dict(zip(articles["article_id"], articles["outlet"]))
    assert coded["outlet"].tolist() == [by_id[a] for a in coded["article_id"]]
    assert coded.columns.tolist() == STAND_IN_COLUMNS + ["outlet", "date"]


def test_code_chunk_dtypes_are_stable_empty_or_not():
    articles = _articles()
    full = code_chunk(articles, coder=stand_in_coder)
    empty = code_chunk(articles.iloc[:0], coder=stand_in_coder)
    assert empty.empty
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert full["unit"].dtype == "int64" and full["polarity"].dtype == "float64"


def test_code_chunk_renames_clashing_metadata():
    articles = _articles().assign(kind="opinion")
    coded = code_chunk(articles, coder=stand_in_coder)
    assert "meta_kind" in coded.columns
    assert set(coded["kind"]) <= {"headline", "sentence", "boilerplate"}
    assert set(coded["meta_kind"]) == {"opinion"}


def test_code_chunk_keeps_duplicate_ids_apart():
    articles = _articles().iloc[[0, 0]].reset_index(drop=True).assign(outlet=["first", "second"])
    coded = code_chunk(articles, coder=stand_in_coder)
    half = len(coded) // 2
    assert coded["outlet"].tolist() == ["first"] * half + ["second"] * half


def test_code_chunk_sentiment_off():
    coded = code_chunk(_articles(), coder=stand_in_coder, sentiment=False)
    assert coded["polarity"].isna().all()


def _dropping_coder(units, **options):
    return stand_in_coder(units, **options).iloc[1:]


def test_code_chunk_refuses_a_coder_that_drops_units():
    with pytest.raises(RuntimeError, match="must keep every unit"):
        code_chunk(_articles(), coder=_dropping_coder)


# --------------------------------------------------------------------------- the parallel map


def _coded(chunks, **options) -> pd.DataFrame:
    return pd.concat(list(map_coded(chunks, coder=stand_in_coder, **options)), ignore_index=True)


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_identical_results(tmp_path, jobs):
    path = write_jsonl(tmp_path / "a.jsonl", many_articles(23))
    one = _coded(iter_articles(path, chunk_articles=4), jobs=1)
    many = _coded(iter_articles(path, chunk_articles=4), jobs=jobs)
    assert len(one) > 50
    pd.testing.assert_frame_equal(one, many)


@pytest.mark.parametrize("sentiment", [True, False])
def test_jobs_give_identical_results_with_the_real_coder(tmp_path, sentiment):
    from framing.coder import CODED_COLUMNS

    path = write_jsonl(tmp_path / "a.jsonl", many_articles(17))
    one = pd.concat(list(map_coded(iter_articles(path, chunk_articles=3), sentiment=sentiment)), ignore_index=True)
    two = pd.concat(list(map_coded(iter_articles(path, chunk_articles=3), sentiment=sentiment, jobs=2)),
                    ignore_index=True)
    pd.testing.assert_frame_equal(one, two)
    assert one.columns.tolist() == CODED_COLUMNS + ["outlet", "date"]
    assert one["frames"].ne("").any() and one["speakers"].ne("").any()
    assert one["polarity"].notna().any() == sentiment


def test_real_coder_dtypes_are_stable_empty_or_not():
    articles = _articles()
    full, empty = code_chunk(articles), code_chunk(articles.iloc[:0])
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert full["distancing"].dtype == bool


def test_executor_keeps_order_and_bounds_the_reader():
    consumed = []
    chunks = [_articles(many_articles(3)) for _ in range(10)]

    def reader():
        for i, chunk in enumerate(chunks):
            consumed.append(i)
            yield chunk

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = map_coded(reader(), executor=pool, in_flight=3, coder=stand_in_coder)
        first = next(results)
        assert len(consumed) == 3  # no more than in_flight chunks read ahead
        rest = list(results)
    got = pd.concat([first, *rest], ignore_index=True)
    expected = pd.concat([code_chunk(c, coder=stand_in_coder) for c in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(got, expected)


def test_jobs_must_be_positive():
    with pytest.raises(InputError, match="jobs"):
        list(map_coded([], jobs=0))


def test_resource_paths_are_read_before_shipping(tmp_path):
    """A user's lexicon file reaches the coder as a table (workers elsewhere need no copy)."""
    lexicon = tmp_path / "my_lexicon.tsv"
    lexicon.write_text("term\tframe\twhy\nraid\tcounter_terror\ttest entry\n", encoding="utf-8")
    seen = []

    def spy(units, **options):
        seen.append(options)
        return stand_in_coder(units, **options)

    list(map_coded([_articles()], coder=spy, lexicon=str(lexicon)))
    assert isinstance(seen[0]["lexicon"], pd.DataFrame)
    assert seen[0]["lexicon"]["term"].tolist() == ["raid"]
    assert seen[0]["gazetteer"] == "speakers.tsv"


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("suffix", [".parquet", ".tsv"])
def test_write_and_read_back(tmp_path, suffix):
    chunks = [code_chunk(_articles(ARTICLES[i:i + 2]), coder=stand_in_coder) for i in (0, 2, 4)]
    out = tmp_path / f"coded{suffix}"
    assert write_units(chunks, out) == sum(map(len, chunks))
    expected = pd.concat(chunks, ignore_index=True)
    if suffix == ".parquet":
        back = pd.read_parquet(out)
        pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    else:
        back = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
        assert back.columns.tolist() == expected.columns.tolist()
        assert back["fingerprint"].tolist() == expected["fingerprint"].tolist()


def test_parquet_has_one_row_group_per_chunk(tmp_path):
    import pyarrow.parquet as pq

    chunks = [code_chunk(_articles(ARTICLES[i:i + 2]), coder=stand_in_coder) for i in (0, 2, 4)]
    empty = chunks[0].iloc[:0]
    write_units([chunks[0], empty, chunks[1], chunks[2]], tmp_path / "c.parquet")
    meta = pq.ParquetFile(tmp_path / "c.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [len(c) for c in chunks]


def test_tsv_output_has_no_tabs_or_newlines_inside_cells(tmp_path):
    articles = _articles([{"id": "t", "text": "Head\n\nA\tsentence with a tab.", "note": "two\nlines"}])
    write_units([code_chunk(articles, coder=stand_in_coder)], tmp_path / "c.tsv")
    lines = (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert all(line.count("\t") == lines[0].count("\t") for line in lines)


@pytest.mark.parametrize("suffix", [".parquet", ".tsv"])
def test_failed_run_leaves_the_previous_output(tmp_path, suffix):
    out = tmp_path / f"coded{suffix}"
    out.write_bytes(b"previous good output")

    def failing():
        yield code_chunk(_articles(), coder=stand_in_coder)
        raise InputError("bad record", path="x.jsonl", line=9)

    with pytest.raises(InputError):
        write_units(failing(), out)
    assert out.read_bytes() == b"previous good output"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_no_chunks_writes_an_empty_table(tmp_path):
    assert write_units([], tmp_path / "c.parquet") == 0
    assert pd.read_parquet(tmp_path / "c.parquet").empty


# --------------------------------------------------------------------------- the whole run


def test_code_collection_lists_skipped_records(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", ARTICLES, extra_lines=[b"{broken", b'{"id": "e", "text": ""}'])
    out = tmp_path / "coded.parquet"
    run = code_collection(path, out, coder=stand_in_coder, chunk_articles=2)
    assert (run.articles, len(run.skipped)) == (5, 2)
    assert run.units == len(pd.read_parquet(out))
    log = pd.read_csv(skipped_path(out), sep="\t", dtype=str, keep_default_na=False)
    assert log.columns.tolist() == SKIPPED_COLUMNS
    assert log[["line", "article_id"]].values.tolist() == [["6", ""], ["7", "e"]]
    # a clean rerun removes the stale list
    clean = write_jsonl(tmp_path / "b.jsonl", ARTICLES)
    run = code_collection(clean, out, coder=stand_in_coder)
    assert run.skipped == [] and not skipped_path(out).exists()


def test_code_collection_strict_keeps_previous_output(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", ARTICLES, extra_lines=[b"{broken"])
    out = tmp_path / "coded.tsv"
    out.write_text("previous\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 6"):
        code_collection(path, out, coder=stand_in_coder, strict=True, chunk_articles=2)
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_code_collection_jobs_two_equals_one(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", many_articles(30))
    code_collection(path, tmp_path / "one.parquet", chunk_articles=4)
    code_collection(path, tmp_path / "two.parquet", chunk_articles=4, jobs=2)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "two.parquet"))


# --------------------------------------------------------------------------- Dask


def test_code_dask_without_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"framing\[dask\]"):
        code_dask(None)


def test_code_dask_threaded_equals_single_process():
    dd = pytest.importorskip("dask.dataframe")
    articles = pd.DataFrame(many_articles(12))
    expected = code_chunk(pd.concat(list(iter_articles_from(many_articles(12)))), coder=stand_in_coder)
    units = code_dask(dd.from_pandas(articles, npartitions=3), coder=stand_in_coder)
    assert units.columns.tolist() == expected.columns.tolist()
    got = units.compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.slow
def test_code_dask_on_a_local_cluster_equals_single_process():
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    articles = pd.DataFrame(many_articles(20))
    expected = code_chunk(pd.concat(list(iter_articles_from(many_articles(20)))))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        units = code_dask(dd.from_pandas(articles, npartitions=4))
        got = client.compute(units).result().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_local_dask_cluster_bounds_its_task_logs():
    """The scheduler's transition log is bounded (DASK_LOG_LENGTH), so its memory does not grow with chunks."""
    pytest.importorskip("distributed")
    import subprocess

    code = (
        "from framing.scale import dask_client, DASK_LOG_LENGTH\n"
        "with dask_client('local', workers=1) as client:\n"
        "    print(client.cluster.scheduler.transition_log.maxlen, DASK_LOG_LENGTH)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    maxlen, wanted = out.stdout.split()[-2:]
    assert maxlen == wanted
