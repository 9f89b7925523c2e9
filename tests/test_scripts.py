"""Smoke tests of the measurement scripts in scripts/ (they print figures; these check that they still run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.py")))
def test_script_help_runs(script):
    out = subprocess.run([sys.executable, str(SCRIPTS / script), "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "usage" in out.stdout.lower()


def test_profile_steps_prints_every_step():
    out = subprocess.run(
        [sys.executable, str(SCRIPTS / "profile_steps.py"), "--sentences", "300", "--articles", "5", "--repeat", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rows = {line.split("|")[1].strip(): line for line in out.stdout.splitlines() if line.startswith("| ")}
    for step in ("split", "frames", "attribution", "sentiment", "markers", "write", "total", "units/s"):
        assert step in rows, out.stdout
    total = float(rows["total"].split("|")[2])
    assert total > 0


@pytest.mark.parametrize(("sets", "labels"), [(["seed"], ["seed"]), (["development", "seed"], ["seed", "development"])])
def test_score_coder_scores_only_the_sets_asked_for(sets, labels):
    out = subprocess.run([sys.executable, str(SCRIPTS / "score_coder.py"), "--sets", *sets], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line.split("|")[1].strip() for line in out.stdout.splitlines()[2:] if line.startswith("| ")]
    assert rows == labels


def _script_module(name: str):
    """Import scripts/<name>.py as a module (the scripts are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("source", "named"),
    [("Clinton", True), ("The New York Times", True), ("he", False), ("The official", False), ("Officials", False), ("", False)],
)
def test_polnear_named_source(source, named):
    assert _script_module("polnear_attribution").is_named(source) is named


@pytest.mark.parametrize(
    ("predicted", "sources", "match"),
    [
        ("Hillary Clinton", ["Clinton"], True),
        ("Donald Trump;Mike Pence", ["Gov. Pence"], True),
        ("New York Times", ["new york times"], True),
        ("Hillary Clinton", ["Bill Clinton's campaign"], True),  # a surname suffices: the measure's stated limit
        ("Bernie Sanders", ["Clinton"], False),
        ("", ["Clinton"], False),
    ],
)
def test_polnear_speaker_matches(predicted, sources, match):
    assert _script_module("polnear_attribution").speaker_matches(predicted, sources) is match
