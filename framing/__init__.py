"""framing: code news sentences by frame and attributed source, and compare outlets.

The public API, re-exported from the modules that hold it. Importing
``framing`` loads no data and touches no network.
"""

from .articles import (
    CATALOG_COLUMNS,
    Article,
    attach_texts,
    format_article,
    read_article,
    read_articles,
    read_catalog,
)
from .errors import InputError
from .resources import read_table
from .sentences import fingerprint, split_sentences
from .units import UNIT_COLUMNS, make_units, units_from_paths, units_from_text

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "CATALOG_COLUMNS",
    "UNIT_COLUMNS",
    "Article",
    "InputError",
    "attach_texts",
    "fingerprint",
    "format_article",
    "make_units",
    "read_article",
    "read_articles",
    "read_catalog",
    "read_table",
    "split_sentences",
    "units_from_paths",
    "units_from_text",
]
