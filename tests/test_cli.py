"""Tests for framing/cli.py: the `framing` command."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from framing.cli import build_parser, main
from framing.corpus import load_seed_reference


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("units", "code", "evaluate"):
        assert command in out


def test_every_subcommand_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in sub.choices.items():
        assert subparser.format_help().strip(), name
        assert subparser.description, f"{name} needs a description for --help"


def test_units_prints_the_seed_table(capsys, seed_path, data_dir):
    assert main(["units", str(seed_path.parent)]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), sep="\t", dtype=str, keep_default_na=False)
    ref = load_seed_reference(data_dir)
    assert table["fingerprint"].tolist() == ref["fingerprint"].tolist()
    assert table["kind"].tolist() == ref["kind"].tolist()


def test_bad_input_is_one_line_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Head\n\nBody \xff\n")
    assert main(["units", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"framing units: error: {bad}, line 3: bytes that are not UTF-8" in err


def test_missing_path(tmp_path, capsys):
    assert main(["units", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_python_dash_m(seed_path):
    done = subprocess.run(
        [sys.executable, "-m", "framing", "units", str(seed_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[0].startswith("article_id\tunit\tkind")
    assert len(done.stdout.splitlines()) == 30


# --- framing code at scale (framing/scale.py): formats, --jobs, bad records, --strict, --dask -----------------

#: Articles written for these tests, in wire, state-media, broadcast and NGO styles (no outlet's text).
CODE_ARTICLES = [
    {"id": "w1", "title": "Pentagon says militant leader killed in raid",
     "text": "US special forces killed the leader of Islamic State in a raid in northwest Syria, the Pentagon said.\n"
             "Rescuers said 13 people, including six children, died in the operation.",
     "outlet": "Example Wire"},
    {"id": "s2", "title": "Damascus: the raid violated Syria's sovereignty",
     "text": "The Syrian foreign ministry condemned the operation as a violation of the country's sovereignty.\n"
             "It demanded that foreign troops leave Syrian territory.",
     "outlet": "State Agency"},
    {"id": "t3", "title": "Evening news",
     "text": "ANCHOR: Good evening. Residents of the town said they heard helicopters for two hours.\n"
             "A neighbour said the family had moved in only weeks ago.",
     "outlet": "Channel Nine"},
    {"id": "n4", "headline": "Monitor urges inquiry into deaths",
     "text": "The war monitor said at least 13 civilians were killed and called for an independent investigation.",
     "outlet": "Rights Monitor"},
]


def _write_jsonl(path, records, extra=()):
    import json

    path.write_bytes(b"\n".join([json.dumps(r).encode() for r in records] + list(extra)) + b"\n")
    return path


def _coded(path):
    return pd.read_parquet(path) if str(path).endswith(".parquet") else pd.read_csv(
        path, sep="\t", dtype=str, keep_default_na=False
    )


def test_code_jsonl_to_parquet_jobs_two_equals_one(tmp_path):
    from framing.coder import OUTPUT_COLUMNS

    src = _write_jsonl(tmp_path / "arts.jsonl", CODE_ARTICLES * 6)
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    assert main(["code", str(src), "--out", str(one), "-q", "--chunk-articles", "3"]) == 0
    assert main(["code", str(src), "--out", str(two), "-q", "--chunk-articles", "3", "--jobs", "2"]) == 0
    a, b = _coded(one), _coded(two)
    pd.testing.assert_frame_equal(a, b)
    assert set(OUTPUT_COLUMNS) <= set(a.columns) and "outlet" in a.columns
    assert a.loc[a["article_id"] == "s2", "outlet"].unique().tolist() == ["State Agency"]
    assert a.loc[(a["article_id"] == "w1") & (a["unit"] == 0), "kind"].tolist() == ["headline"] * 6


@pytest.mark.parametrize("out_name, flag, reader", [
    ("coded.tsv", [], "tsv"), ("coded.out", ["--format", "tsv"], "tsv"), ("coded.data", ["--format", "parquet"], "parquet"),
])
def test_code_output_format_from_extension_or_flag(tmp_path, out_name, flag, reader):
    src = _write_jsonl(tmp_path / "arts.jsonl", CODE_ARTICLES)
    out = tmp_path / out_name
    assert main(["code", str(src), "--out", str(out), "-q", "--no-sentiment", *flag]) == 0
    table = pd.read_parquet(out) if reader == "parquet" else pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert table["article_id"].unique().tolist() == ["w1", "s2", "t3", "n4"]


def test_code_tsv_output_is_a_coding_table(tmp_path, seed_path):
    from framing.corpus import read_coding

    out = tmp_path / "seed.tsv"
    assert main(["code", str(seed_path.parent), "--out", str(out), "-q", "--no-sentiment"]) == 0
    coded = read_coding(out)
    assert coded["article_id"].unique().tolist() == [seed_path.stem]


def test_code_skips_bad_records_and_says_so(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "arts.jsonl", CODE_ARTICLES, extra=[b'{"id": "x", "text": ', b'{"id": "y", "text": ""}'])
    out = tmp_path / "coded.parquet"
    assert main(["code", str(src), "--out", str(out), "--no-sentiment"]) == 0
    err = capsys.readouterr().err
    assert f"skipped 2 record(s) (first: {src}, line 5: not valid JSON" in err
    assert f"{out}.skipped.tsv" in err
    assert "from 4 articles" in err
    log = pd.read_csv(f"{out}.skipped.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert log["line"].tolist() == ["5", "6"]


def test_code_strict_stops_at_the_bad_record(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "arts.jsonl", CODE_ARTICLES, extra=[b'{"id": "bad\xff", "text": "x"}'])
    out = tmp_path / "coded.parquet"
    assert main(["code", str(src), "--out", str(out), "-q", "--strict"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"framing code: error: {src}, line 5: bytes that are not UTF-8")
    assert not out.exists()


@pytest.mark.parametrize("args, words", [
    (["--jobs", "0"], "must be at least 1"),
    (["--chunk-articles", "x"], "not a whole number"),
])
def test_code_rejects_bad_numbers(tmp_path, capsys, args, words):
    with pytest.raises(SystemExit) as info:
        main(["code", "x.jsonl", "--out", str(tmp_path / "o.parquet"), *args])
    assert info.value.code == 2
    assert words in capsys.readouterr().err


@pytest.mark.slow
def test_code_on_a_local_dask_cluster_equals_one_job(tmp_path):
    pytest.importorskip("distributed")
    src = _write_jsonl(tmp_path / "arts.jsonl", CODE_ARTICLES * 3)
    one, dask = tmp_path / "one.parquet", tmp_path / "dask.parquet"
    assert main(["code", str(src), "--out", str(one), "-q", "--chunk-articles", "2"]) == 0
    assert main(["code", str(src), "--out", str(dask), "-q", "--chunk-articles", "2", "--dask", "local", "--jobs", "2"]) == 0
    pd.testing.assert_frame_equal(_coded(one), _coded(dask))
