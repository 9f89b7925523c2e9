"""Tests for framing/_io.py: a half-written output never replaces a good one."""

from __future__ import annotations

import pytest

from framing._io import atomic_write, atomic_write_bytes, atomic_write_text


def test_atomic_write_replaces_on_success(tmp_path):
    path = tmp_path / "out" / "table.tsv"
    atomic_write_text(path, "old\n")
    atomic_write_text(path, "new\n")
    assert path.read_text() == "new\n"
    assert [p.name for p in path.parent.iterdir()] == ["table.tsv"]


def test_failure_keeps_the_good_file(tmp_path):
    path = tmp_path / "table.tsv"
    atomic_write_text(path, "good\n")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as fh:
            fh.write("half")
            raise RuntimeError("disk on fire")
    assert path.read_text() == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.tsv"], "temporary file left behind"


def test_bytes(tmp_path):
    atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
