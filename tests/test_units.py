"""Tests for framing/units.py: articles into units, checked against the reference."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.corpus import load_seed_reference
from framing.units import UNIT_COLUMNS, make_units, units_from_paths, units_from_text


def test_seed_units_match_reference(seed_path, data_dir):
    ours = units_from_paths([seed_path])
    ref = load_seed_reference(data_dir)
    assert len(ours) == len(ref) == 29
    assert ours["unit"].tolist() == ref["unit"].tolist()
    assert ours["kind"].tolist() == ref["kind"].tolist()
    assert ours["fingerprint"].tolist() == ref["fingerprint"].tolist()


def test_offsets_slice_the_article(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    units = units_from_paths([seed_path])
    assert list(units.columns) == UNIT_COLUMNS
    for row in units.itertuples():
        assert text[row.start : row.end] == row.text


WIRE = """US raid in Syria kills militant chief, officials say

BEIRUT (AP) — A U.S. raid in northwest Syria killed a senior militant on Feb. 3, officials said. Residents described hours of gunfire.
Smoke rises over a house in the village (AP Photo/Jane Roe)
"We could not sleep. The children were crying," said Umm Ali, a mother of four.
US Raid in Syria Kills Militant Chief, Officials Say
Read more: Who are the jihadists of Idlib?
"""


def test_wire_story_units():
    units = pd.DataFrame(units_from_text(WIRE, article_id="wire"))
    assert units["kind"].tolist() == [
        "headline", "sentence", "sentence", "boilerplate", "sentence", "sentence", "boilerplate", "boilerplate"
    ]
    assert units["unit"].tolist() == list(range(8))
    assert units["paragraph"].tolist() == [0, 1, 1, 2, 3, 3, 4, 5]
    assert units.loc[4, "text"] == '"We could not sleep.'


def test_headline_cut_in_two_is_two_headline_units():
    units = units_from_text("Raid kills 13. Monitor blames US\n\nBody.")
    assert [u["kind"] for u in units] == ["headline", "headline", "sentence"]


@pytest.mark.parametrize("text", ["", "\n\n\n", "   "])
def test_empty_text_has_no_units(text):
    assert units_from_text(text) == []


def test_file_starting_with_blank_line_has_no_headline():
    units = units_from_text("\nThe raid ended. Residents returned.\n")
    assert [u["kind"] for u in units] == ["sentence", "sentence"]


def test_make_units_keeps_article_order():
    arts = pd.DataFrame({"article_id": ["b", "a"], "text": ["B head\n\nB body.", "A head\n\nA body."]})
    units = make_units(arts)
    assert units["article_id"].tolist() == ["b", "b", "a", "a"]
    assert units.dtypes["unit"] == "int64"


def test_make_units_empty_table():
    units = make_units(pd.DataFrame({"article_id": [], "text": []}))
    assert units.empty and list(units.columns) == UNIT_COLUMNS


@pytest.mark.parametrize(
    "articles",
    [
        [("wire", WIRE), ("empty", ""), ("blank-first", "\nThe raid ended. Residents returned.\n")],
        [("a", "Raid kills 13. Monitor blames US\n\nBody.\r\nDiscuss\r\n"), ("b", "Ağrı’s “raid”\n\nIt ended… Then it began.")],
        [],
        [("x", "")],
        [(7, "Head\n\nBody."), (8, "Other head\n\nMore body. And more.")],
    ],
)
def test_columns_give_the_same_table_as_records(articles):
    from framing.units import _frame, _frame_from_columns, _unit_columns

    by_records = _frame([u for aid, text in articles for u in units_from_text(text, article_id=aid)])
    by_columns = _frame_from_columns(_unit_columns(articles))
    pd.testing.assert_frame_equal(by_columns, by_records)
    assert [str(by_columns[c].dtype) for c in ("unit", "paragraph", "start", "end")] == ["int64"] * 4  # also when empty
