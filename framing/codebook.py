"""The codebook's controlled vocabularies, defined once (``data/codebook.md``).

Every module that needs a frame name, a unit kind or a source type takes it
from here, so that a study with another codebook changes one place (and the
package data file ``framing/data/source_types.tsv``).
"""

from __future__ import annotations

from .resources import read_table

__all__ = ["FRAMES", "UNIT_KINDS", "CODED_KINDS", "UNATTRIBUTED", "SOURCE_TYPES", "SOURCE_TYPES_FILE", "split_values"]

#: The frames ("Frames (multi-label)"), in the alphabetical order of a ``frames`` cell.
FRAMES: tuple[str, ...] = ("civilian_harm", "counter_terror", "sovereignty")
#: Unit kinds ("Unit of analysis").
UNIT_KINDS: tuple[str, ...] = ("headline", "sentence", "boilerplate")
#: Kinds that get frames and sources; boilerplate is kept for numbering but never coded or counted.
CODED_KINDS: tuple[str, ...] = ("headline", "sentence")
#: The source type of the outlet's own narration: no speaker, no cue.
UNATTRIBUTED = "unattributed"
#: The package data file listing the source types, with descriptions and reasons.
SOURCE_TYPES_FILE = "source_types.tsv"
#: The source types (the codebook's table under "Sources"), in the codebook's order; ``unattributed`` last.
SOURCE_TYPES: tuple[str, ...] = tuple(
    read_table(SOURCE_TYPES_FILE, required=("source_type", "description", "why"))["source_type"]
)


def split_values(value) -> list[str]:
    """A multi-valued coding cell (``;``-joined) as a list; empty, NaN and None give ``[]``.

    Example
    -------
    >>> split_values("civilian_harm;counter_terror")
    ['civilian_harm', 'counter_terror']
    """
    if not isinstance(value, str) or not value.strip():
        return []
    return [v.strip() for v in value.split(";") if v.strip()]
