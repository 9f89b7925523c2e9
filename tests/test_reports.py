"""Tests for framing.reports: the reading view, offline notebook export, and both in a real browser."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing import reports
from framing.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

# A tiny article written for these tests, in the style of wire copy.
UNITS = pd.DataFrame(
    {
        "article_id": ["wire-test"] * 5,
        "unit": [0, 1, 2, 3, 4],
        "kind": ["headline", "sentence", "sentence", "boilerplate", "sentence"],
        "paragraph": [0, 1, 1, 2, 3],
        "text": [
            "Officials say raid killed militant chief",
            "The operation killed the group's leader, a spokesman said.",
            'Residents said <children> were among the dead & "many" fled.',
            "Read more",
            "The village lies in the north-west.",
        ],
        "frames": ["counter_terror", "counter_terror", "civilian_harm;counter_terror", "", ""],
        "speakers": ["officials", "spokesman", "residents", "", ""],
        "source_types": ["us_government", "us_government", "local_witness", "", "unattributed"],
        "cues": ["say", "say", "say", "", ""],
    }
)


def test_reading_view_is_a_complete_page_with_a_legend():
    page = reports.reading_view_html(UNITS, subtitle="test coding")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Officials say raid killed militant chief</title>" in page
    assert 'class="fr-legend"' in page and "counter-terror" in page and "no frame" in page
    assert "test coding" in page


@pytest.mark.parametrize(
    ("needle", "count"),
    [
        ('class="fr-unit fr-counter_terror"', 2),
        ('class="fr-unit fr-civilian_harm fr-counter_terror"', 1),
        ('class="fr-unit fr-none"', 1),
        ('class="fr-boilerplate"', 1),
        ('<p class="fr-par">', 3),  # paragraphs 1, 2 (boilerplate) and 3
        ("repeating-linear-gradient", 2),  # the two-frame unit, and the legend's striped key
    ],
)
def test_reading_view_marks_each_unit(needle, count):
    assert reports.reading_view_html(UNITS).count(needle) == count


def test_reading_view_shows_speaker_type_and_cue_and_escapes_text():
    page = reports.reading_view_html(UNITS)
    assert 'residents <span class="fr-type">local_witness</span> <span class="fr-cue">say</span>' in page
    assert "&lt;children&gt;" in page and "&amp;" in page and "<children>" not in page


def test_reading_view_fragment_for_notebooks():
    fragment = reports.reading_view_html(UNITS, standalone=False)
    assert fragment.startswith("<style>") and "<html" not in fragment


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (pd.concat([UNITS, UNITS.assign(article_id="other")]), "one article"),
        (UNITS.drop(columns="cues"), "cues"),
    ],
)
def test_reading_view_rejects_bad_input(units, message):
    with pytest.raises(InputError, match=message):
        reports.reading_view_html(units)


def test_write_reading_views_one_page_per_article_and_an_index(tmp_path):
    two = pd.concat([UNITS, UNITS.assign(article_id="second-test")], ignore_index=True)
    catalog = pd.DataFrame({"article_id": ["wire-test"], "outlet": ["Test Wire"], "date": ["2022-02-03"]})
    written = reports.write_reading_views(two, tmp_path, subtitle="machine coding", catalog=catalog)
    assert [p.name for p in written] == ["second-test.html", "wire-test.html", "index.html"]
    assert "Test Wire, 2022-02-03" in (tmp_path / "wire-test.html").read_text()
    assert 'href="wire-test.html"' in (tmp_path / "index.html").read_text()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    ("page", "found"),
    [
        ('<script src="https://cdn.example.org/require.js"></script>', ["https://cdn.example.org/require.js"]),
        ("<link rel='stylesheet' href='//fonts.example.org/css'>", ["//fonts.example.org/css"]),
        ("<style>@import 'https://x.org/a.css';</style>", ["https://x.org/a.css"]),
        ('<div style="background: url(http://x.org/b.png)"></div>', ["http://x.org/b.png"]),
        ('<img src="data:image/png;base64,AAAA">', []),
        ("<p>The catalog lists https://example.org/article as the source.</p>", []),
    ],
)
def test_external_references(page, found):
    assert reports.external_references(page) == found


def png_bytes() -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1], [1, 0])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def small_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    md = nbformat.v4.new_markdown_cell("# A report\n\nWith a formula $x^2$ and a figure.")
    code = nbformat.v4.new_code_cell("figure")
    code.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": base64.b64encode(png_bytes()).decode(), "text/plain": "<Figure>"}
        )
    ]
    nb.cells = [md, code]
    return nb


def test_export_notebook_html_is_self_contained(tmp_path):
    out = reports.export_notebook_html(small_notebook(), tmp_path / "report.html", title="A report")
    page = out.read_text()
    assert "data:image/png;base64," in page
    assert reports.external_references(page) == []
    assert not re.search(r"<script[^>]+src=", page)
    assert "<title>A report</title>" in page


@pytest.mark.notebooks
def test_exported_reports_of_the_study_load_nothing_remote(study_build):
    reports_dir = study_build[0]
    pages = sorted(reports_dir.glob("*.html")) + sorted((reports_dir / "articles").glob("*.html"))
    assert len(pages) >= 5, "the study exported no reports"
    for page in pages:
        assert reports.external_references(page.read_text()) == [], page.name


# --- a real browser ------------------------------------------------------------------------------------------

BROWSER_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Test-only probe, added to a COPY of the page: counts images that failed to decode.
PROBE = (
    "<script>window.addEventListener('load', () => {"
    "const bad = [...document.images].filter(i => !i.complete || i.naturalWidth === 0);"
    "document.body.setAttribute('data-images', document.images.length);"
    "document.body.setAttribute('data-broken-images', bad.length);"
    "if (bad.length) console.error('broken images: ' + bad.length); });</script>"
)
#: Seconds allowed for one browser run (cold start of Chromium is 1-3 s).
BROWSER_TIMEOUT = 60


def chromium(args: list[str], user_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={user_dir}", *args],
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT,
    )


def check_in_browser(page: Path, tmp_path: Path) -> tuple[int, Path]:
    """Open a copy of `page` with the probe; fail on console messages or broken images. Returns (images, screenshot)."""
    probe_copy = tmp_path / f"probe-{page.name}"
    probe_copy.write_text(page.read_text().replace("</body>", PROBE + "</body>", 1))
    run = chromium(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
                    probe_copy.as_uri()], tmp_path / "profile")
    console = [ln for ln in run.stderr.splitlines() if ":CONSOLE" in ln]
    assert console == [], f"{page.name}: console messages: {console}"
    broken = re.search(r'data-broken-images="(\d+)"', run.stdout)
    assert broken, f"{page.name}: the page did not finish loading in the browser"
    assert broken.group(1) == "0", f"{page.name}: {broken.group(1)} image(s) failed to load"
    images = int(re.search(r'data-images="(\d+)"', run.stdout).group(1))
    shot = tmp_path / f"{page.stem}.png"
    chromium(["--window-size=1200,1600", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()], tmp_path / "profile")
    assert shot.exists() and shot.stat().st_size > 5000, f"{page.name}: no screenshot"
    return images, shot


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_exported_notebook_and_reading_view_render_in_chromium(tmp_path):
    report = reports.export_notebook_html(small_notebook(), tmp_path / "report.html")
    view = tmp_path / "view.html"
    view.write_text(reports.reading_view_html(UNITS))
    assert check_in_browser(report, tmp_path)[0] == 1
    assert check_in_browser(view, tmp_path)[0] == 0


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_broken_image_is_caught_in_chromium(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<html><body><p>x</p><img src='data:image/png;base64,AAAA'></body></html>")
    with pytest.raises(AssertionError, match="broken images|failed to load"):
        check_in_browser(page, tmp_path)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_study_reports_render_in_chromium(study_build, tmp_path):
    reports_dir = study_build[0]
    pages = sorted(reports_dir.glob("*.html"))
    assert pages, "the study exported no reports"
    for page in pages + sorted((reports_dir / "articles").glob("*.html")):
        images, _ = check_in_browser(page, tmp_path)
        source = ROOT / "notebooks" / f"{page.stem}.py"
        if source.exists() and "save_figure(" in source.read_text():
            assert images > 0, f"{page.name} shows no figure"
