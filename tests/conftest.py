"""Shared fixtures: paths of the project's data, and small corpora written in tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "articles" / "sputnik-2022-02-03-zakharova.txt"
POLNEAR = ROOT.parent / "shared" / "external" / "polnear"


@pytest.fixture
def root() -> Path:
    """The project's root folder."""
    return ROOT


@pytest.fixture
def data_dir() -> Path:
    """The project's data folder."""
    return DATA


@pytest.fixture
def seed_path() -> Path:
    """The seed article's text file."""
    return SEED


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """No test touches the network: only loopback connections are allowed."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and self.family in (socket.AF_INET, socket.AF_INET6):
            try:
                ok = ipaddress.ip_address(host).is_loopback
            except ValueError:
                ok = host == "localhost"
            if not ok:
                raise OSError(f"test tried to reach {host!r}: tests must stay offline")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def study_build(tmp_path_factory):
    """The whole study built once per test session, as `make study` does, into a temporary folder.

    Returns ``(reports, figures, log)``: the folder of HTML reports (with ``articles/``
    reading views), the folder of redrawn figures, and the study's step log.
    """
    from framing.study import run_study

    out = tmp_path_factory.mktemp("study")
    log = run_study(ROOT, reports=out / "reports", figures=out / "figures")
    return out / "reports", out / "figures", log
