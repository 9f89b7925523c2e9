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
