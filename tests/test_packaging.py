"""Tests of the packaging: pip and conda agree, package data ships, import is light."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

tomllib = pytest.importorskip("tomllib")

_NAME = re.compile(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)$")


def _split(requirement: str) -> tuple[str, str]:
    name, _extras, spec = _NAME.match(requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject_requirements(root) -> dict[str, str]:
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs.extend(extra)
    return dict(_split(r) for r in reqs)


def conda_requirements(root) -> dict[str, str]:
    """The conda dependencies of environment.yml (not python, pip, or the pip: block)."""
    reqs, in_deps, in_pip = {}, False, False
    for line in (root / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped:
            continue
        if not line.startswith(" "):
            in_deps = stripped.startswith("dependencies:")
            continue
        if not in_deps:
            continue
        item = stripped.strip()
        if item.startswith("- pip:"):
            in_pip = True
            continue
        if in_pip and line.startswith("      "):
            continue
        in_pip = False
        name, spec = _split(item.lstrip("- ").strip())
        if name not in ("python", "pip"):
            reqs[name] = spec
    return reqs


def test_environment_yml_matches_pyproject(root):
    pip, conda = pyproject_requirements(root), conda_requirements(root)
    assert pip, "no requirements parsed from pyproject.toml"
    assert sorted(set(pip) ^ set(conda)) == [], "packages listed in only one of pyproject.toml / environment.yml"
    differing = {n: (pip[n], conda[n]) for n in pip if pip[n] != conda[n]}
    assert differing == {}, "version bounds differ"


def test_python_bound_is_the_same_for_pip_and_conda(root):
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conda = re.search(r"^\s*-\s*python\s*(\S+)\s*$", (root / "environment.yml").read_text(encoding="utf-8"), re.M)
    assert conda is not None, "environment.yml does not pin python"
    assert meta["requires-python"].replace(" ", "") == conda.group(1)


def test_running_python_meets_the_bound(root):
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    low = tuple(int(x) for x in re.fullmatch(r">=(\d+)\.(\d+)", meta["requires-python"].replace(" ", "")).groups())
    assert sys.version_info[:2] >= low


def test_required_stack_is_declared(root):
    pip = pyproject_requirements(root)
    for name in ("pandas", "scikit-learn", "matplotlib", "jupyterlab", "textblob"):
        assert name in pip


def test_no_nltk_download_anywhere(root):
    offenders = [
        str(p.relative_to(root))
        for p in (root / "framing").rglob("*.py")
        if re.search(r"nltk\.download|download_corpora|textblob\.download", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_importing_framing_is_light():
    code = "import sys, framing; print(','.join(m for m in ('textblob', 'sklearn', 'matplotlib', 'trafilatura') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing framing loaded heavy modules: {out}"


@pytest.mark.parametrize("name", ["abbreviations.tsv", "boilerplate.tsv", "outlet_types.tsv"])
def test_package_data_has_why_column(name):
    from framing.resources import read_table

    table = read_table(name)
    assert "why" in table.columns
    assert (table["why"].str.strip() != "").all(), f"{name}: every entry says why it is there"


def test_public_api_resolves():
    import framing

    missing = [name for name in framing.__all__ if not hasattr(framing, name)]
    assert missing == []
    with pytest.raises(AttributeError):
        framing.no_such_name  # noqa: B018
