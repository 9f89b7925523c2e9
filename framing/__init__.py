"""framing: code news sentences by frame and attributed source, and compare outlets.

The public API, re-exported from the modules that hold it. Importing ``framing``
loads no data, touches no network and imports the heavy libraries (scikit-learn,
TextBlob, matplotlib, trafilatura) only when a name that needs them is first used
(PEP 562 module ``__getattr__``), so that ``framing --help`` stays fast.

Example
-------
>>> import framing
>>> units = framing.units_from_paths(["data/articles"])   # doctest: +SKIP
>>> coded = units.pipe(framing.code_units)                 # doctest: +SKIP

The study's statistics, figures and reports are submodules:
``framing.compare``, ``framing.plots``, ``framing.reports``, ``framing.study``.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS = {
    # articles and units
    "CATALOG_COLUMNS": "articles",
    "Article": "articles",
    "read_article": "articles",
    "read_articles": "articles",
    "read_catalog": "articles",
    "attach_texts": "articles",
    "format_article": "articles",
    "InputError": "errors",
    "read_table": "resources",
    "fingerprint": "sentences",
    "split_sentences": "sentences",
    "UNIT_COLUMNS": "units",
    "make_units": "units",
    "units_from_paths": "units",
    "units_from_text": "units",
    # the coder
    "CODED_COLUMNS": "coder",
    "code_units": "coder",
    "code_articles": "coder",
    "code_paths": "coder",
    "FRAMES": "frames",
    "FRAME_THRESHOLD": "frames",
    "FrameClassifier": "classifier",
    "code_frames": "frames",
    "cross_validate_frames": "classifier",
    "explain_frames": "frames",
    "ATTRIBUTION_COLUMNS": "attribution",
    "attribute": "attribution",
    "attribute_text": "attribution",
    "explain": "attribution",
    "read_cues": "attribution",
    "read_gazetteer": "attribution",
    "source_types": "attribution",
    "add_sentiment": "sentiment",
    "add_markers": "markers",
    "article_markers": "markers",
    # evaluation and the data release
    "align": "evaluate",
    "frame_scores": "evaluate",
    "source_scores": "evaluate",
    "confusion": "evaluate",
    "read_coding": "corpus",
    "load_catalog": "corpus",
    "load_reference": "corpus",
    "load_seed_reference": "corpus",
    "load_texts": "corpus",
    "coding_problems": "corpus",
    "alignment": "corpus",
    "align_texts": "corpus",
    "fetch_articles": "fetch",
    # large collections
    "code_collection": "scale",
    "code_dask": "scale",
    "iter_articles": "scale",
    "map_coded": "scale",
    "write_units": "scale",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
