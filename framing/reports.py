"""HTML output: the per-article reading view and self-contained notebook reports.

Reading view
    an article as prose, each headline and sentence tinted by the frames it
    carries (the colours of :data:`framing.plots.FRAME_COLORS`; a unit with
    several frames is striped), its speaker, source type and cue shown in a
    badge after it, boilerplate greyed out, a legend on top. It works on any
    coded unit table that has ``text`` (the seed's reference coding, or the
    machine coding of any article).
Notebook reports
    a notebook exported with nbconvert's ``lab`` template and every image
    embedded as a data URI, with the blocks that would load require.js,
    MathJax, Mermaid or widget managers from a CDN removed, so a report opens
    offline and fetches nothing (:func:`external_references` checks this).

Every file is written atomically (:mod:`framing._io`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pandas as pd

from ._io import atomic_write_text
from .codebook import FRAMES, split_values
from .errors import InputError
from .plots import FRAME_COLORS, FRAME_LABELS

__all__ = [
    "TINT_ALPHA",
    "reading_view_html",
    "write_reading_views",
    "export_notebook_html",
    "external_references",
]

#: Opacity of the frame tint behind a sentence (0-1): light enough to keep black text readable (contrast > 7:1).
TINT_ALPHA = 0.22
#: Width in px of each stripe of a unit that carries several frames.
STRIPE_PX = 8
#: Attributes and CSS constructs through which a page would load something.
_LOADING = re.compile(
    r"""(?:\b(?:src|href|data|poster|srcset|action)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+))"""
    r"""|(?:url\(\s*["']?((?:https?:)?//[^)"'\s]+))"""
    r"""|(?:@import\s+["']((?:https?:)?//[^"']+))""",
    re.IGNORECASE,
)
#: nbconvert template: the lab template without the blocks that load scripts from CDNs.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block extra_css %}<style type="text/css">body { max-width: 62rem; margin: 0 auto; }</style>{% endblock extra_css %}
"""
_TEMPLATE_NAME = "framing_offline.html.j2"


def _css() -> str:
    return resources.files("framing.data").joinpath("report.css").read_text(encoding="utf-8")


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _tint(frames: Sequence[str]) -> str:
    colors = [_rgba(FRAME_COLORS.get(f, "#888888"), TINT_ALPHA) for f in frames]
    if not colors:
        return ""
    if len(colors) == 1:
        return f"background: {colors[0]};"
    stops = []
    for i, c in enumerate(colors):
        stops.append(f"{c} {i * STRIPE_PX}px {(i + 1) * STRIPE_PX}px")
    return f"background: repeating-linear-gradient(135deg, {', '.join(stops)});"


def _legend(frames: Sequence[str]) -> str:
    keys = "".join(
        f'<span class="fr-key" style="{_tint([f])}">{html.escape(FRAME_LABELS.get(f, f))}</span>' for f in frames
    )
    both = f'<span class="fr-key" style="{_tint(list(frames[:2]))}">two frames (striped)</span>' if len(frames) > 1 else ""
    return (
        '<div class="fr-legend" role="note"><p><b>Frames:</b> '
        f'{keys}{both}<span class="fr-key" style="border: 1px solid #ccc">no frame</span></p>'
        '<p><b>Sources:</b> <span class="fr-src">Speaker <span class="fr-type">source type</span> '
        '<span class="fr-cue">cue</span></span> after a unit names who it is attributed to; '
        "units with no badge are the outlet's own narration. "
        '<span class="fr-n">3</span> is the unit number.</p></div>'
    )


def _badge(record: dict) -> str:
    speakers = split_values(record.get("speakers", ""))
    types = split_values(record.get("source_types", ""))
    cues = split_values(record.get("cues", ""))
    parts = []
    for i, speaker in enumerate(speakers):
        t = types[i] if i < len(types) else ""
        c = cues[i] if i < len(cues) else ""
        parts.append(
            f'<span class="fr-src">{html.escape(speaker)} <span class="fr-type">{html.escape(t)}</span> '
            f'<span class="fr-cue">{html.escape(c)}</span></span>'
        )
    return "".join(parts)


def _unit_html(record: dict) -> str:
    text = html.escape(str(record["text"]))
    number = f'<span class="fr-n">{int(record["unit"])}</span>'
    if record["kind"] == "boilerplate":
        return f'<span class="fr-boilerplate">{number}{text}</span>'
    frames = [f for f in FRAMES if f in set(split_values(record.get("frames", "")))]
    label = ", ".join(FRAME_LABELS.get(f, f) for f in frames) or "no frame"
    cls = "fr-unit " + (" ".join(f"fr-{f}" for f in frames) or "fr-none")
    return (
        f'{number}<span class="{cls}" style="{_tint(frames)}" title="{html.escape(label)}" '
        f'data-frames="{html.escape(";".join(frames))}">{text}</span>{_badge(record)}'
    )


def reading_view_html(
    units: pd.DataFrame,
    *,
    title: str | None = None,
    subtitle: str = "",
    standalone: bool = True,
) -> str:
    """The reading view of one article as HTML.

    Parameters
    ----------
    units : pandas.DataFrame
        The coded units of ONE article with ``unit, kind, text, frames, speakers,
        source_types, cues`` (``paragraph`` groups sentences into paragraphs when present).
    title : str, optional
        Page title (default: the headline units' text).
    subtitle : str
        A line under the title (outlet, date, which coding is shown).
    standalone : bool
        A complete page (``<!DOCTYPE html>`` ...) or a fragment with its own
        ``<style>`` for a notebook (``IPython.display.HTML``).

    Returns
    -------
    str

    Example
    -------
    >>> view = reading_view_html(load_seed_reference("data"), subtitle="reference coding")  # doctest: +SKIP
    """
    missing = [c for c in ("unit", "kind", "text", "frames", "speakers", "source_types", "cues") if c not in units.columns]
    if missing:
        raise InputError(f"reading view needs column(s) {', '.join(missing)}")
    if "article_id" in units.columns and units["article_id"].nunique() > 1:
        raise InputError("reading_view_html shows one article; select it first (units[units.article_id == ...])")
    records = units.sort_values("unit").astype(object).fillna("").to_dict("records")
    headline = " ".join(str(r["text"]) for r in records if r["kind"] == "headline")
    title = title if title is not None else (headline or "article")
    body_records = [r for r in records if r["kind"] != "headline"]
    head_html = " ".join(_unit_html(r) for r in records if r["kind"] == "headline")
    paragraphs: list[list[dict]] = []
    previous = None
    for r in body_records:
        key = r.get("paragraph")  # None without a paragraph column: one paragraph
        if not paragraphs or key != previous:
            paragraphs.append([])
        paragraphs[-1].append(r)
        previous = key
    body = "\n".join(f'<p class="fr-par">{" ".join(_unit_html(r) for r in p)}</p>' for p in paragraphs)
    fragment = (
        f'<style>{_css()}</style>\n<div class="fr-view">\n<h1>{head_html or html.escape(title)}</h1>\n'
        f'<div class="fr-meta">{html.escape(subtitle)}</div>\n{_legend(FRAMES)}\n{body}\n</div>'
    )
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )


def write_reading_views(
    units: pd.DataFrame,
    folder: str | Path,
    *,
    subtitle: str = "",
    catalog: pd.DataFrame | None = None,
) -> list[Path]:
    """Write one reading view per article, ``folder/<article_id>.html``, and an ``index.html``.

    Parameters
    ----------
    units : pandas.DataFrame
        Coded units with text, any number of articles (``article_id``).
    folder : str or Path
        Destination (created if missing).
    subtitle : str
        Shown under every title (e.g. "machine coding, framing 0.1.0").
    catalog : pandas.DataFrame, optional
        The catalog (``article_id, outlet, date``) to name the outlet and date.

    Returns
    -------
    list of Path
        The article pages, then the index.
    """
    if "article_id" not in units.columns:
        raise InputError("units need an article_id column")
    folder = Path(folder)
    meta = {}
    if catalog is not None and {"article_id", "outlet", "date"} <= set(catalog.columns):
        dates = pd.to_datetime(catalog["date"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("date unknown")
        meta = {aid: f"{outlet}, {date}" for aid, outlet, date in zip(catalog["article_id"], catalog["outlet"], dates)}
    written = []
    links = []
    for article_id, group in units.groupby("article_id", sort=True):
        sub = " \u00b7 ".join(s for s in (meta.get(article_id, ""), subtitle) if s)
        page = reading_view_html(group, subtitle=sub)
        path = folder / f"{article_id}.html"
        atomic_write_text(path, page)
        written.append(path)
        links.append(f'<li><a href="{html.escape(path.name)}">{html.escape(str(article_id))}</a> {html.escape(sub)}</li>')
    index = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Reading views</title>\n'
        f"<style>{_css()}</style>\n</head>\n<body>\n<div class=\"fr-index\">\n<h1>Reading views</h1>\n"
        f"<ul>\n{chr(10).join(links)}\n</ul>\n</div>\n</body>\n</html>\n"
    )
    atomic_write_text(folder / "index.html", index)
    written.append(folder / "index.html")
    return written


def export_notebook_html(notebook, out_path: str | Path, *, title: str | None = None) -> Path:
    """Export an executed notebook as one self-contained, offline HTML file.

    Parameters
    ----------
    notebook : nbformat.NotebookNode or str or Path
        The executed notebook, or a path to an ``.ipynb``.
    out_path : str or Path
        The HTML file to write (atomically).
    title : str, optional
        The page title (default: the notebook's file name).

    Returns
    -------
    Path

    Raises
    ------
    InputError
        If the exported page would still load something from the network.

    Example
    -------
    >>> export_notebook_html("notebooks/02_outlets_compared.ipynb", "reports/02_outlets_compared.html")  # doctest: +SKIP
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    if isinstance(notebook, (str, Path)):
        notebook = nbformat.read(str(notebook), as_version=4)
    out_path = Path(out_path)
    exporter = HTMLExporter(
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _OFFLINE_TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        embed_images=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    page, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title or out_path.stem}})
    remote = external_references(page)
    if remote:
        raise InputError(f"the exported page would load {len(remote)} remote resource(s), e.g. {remote[0]}", path=out_path)
    atomic_write_text(out_path, page)
    return out_path


def external_references(page: str) -> list[str]:
    """URLs a page would fetch: ``src``/``href``/``url()``/``@import`` pointing at http(s) or ``//``.

    Plain text that mentions a URL is not a reference. Links (``<a href>``)
    are reported too: a report should not depend on them to be read.

    Example
    -------
    >>> external_references('<img src="https://example.org/a.png"><p>see https://x.org</p>')
    ['https://example.org/a.png']
    """
    return [next(g for g in m.groups() if g) for m in _LOADING.finditer(page)]
