"""Tests for framing/articles.py: the catalog and article files, and their errors."""

from __future__ import annotations

import pytest

from framing.articles import (
    CATALOG_COLUMNS,
    attach_texts,
    check_article_id,
    format_article,
    read_article,
    read_articles,
    read_catalog,
)
from framing.errors import InputError

HEADER = ",".join(CATALOG_COLUMNS)
GOOD_ROW = "wire-2022-02-03-raid,Example Wire,example.org,US,wire_agency,en,2022-02-03,https://example.org/a,US raid in Syria"


def write(tmp_path, name, content, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_shipped_catalog_has_the_seed(data_dir):
    cat = read_catalog(data_dir / "articles.csv")
    assert cat["article_id"].tolist() == ["sputnik-2022-02-03-zakharova"]
    row = cat.iloc[0]
    assert row["outlet"] == "Sputnik"
    assert str(row["date"].date()) == "2022-02-03"
    assert row["url"].startswith("https://sputniknews.com/20220203/")


def test_catalog_round_trip_types(tmp_path):
    path = write(tmp_path, "cat.csv", f"{HEADER}\n{GOOD_ROW}\n")
    cat = read_catalog(path)
    assert list(cat.columns) == list(CATALOG_COLUMNS)
    assert str(cat["date"].dtype).startswith("datetime64")


def test_catalog_tsv_with_optional_columns_and_unknown_date(tmp_path):
    header = "\t".join(CATALOG_COLUMNS + ("text", "note"))
    row = "a-1\tX\tx.org\tUK\tcommercial\ten\tunknown\thttps://x.org\tT\tretrieve\tfeature, no date"
    cat = read_catalog(write(tmp_path, "cat.tsv", f"{header}\n{row}\n"))
    assert cat["date"].isna().all()
    assert cat.loc[0, "note"] == "feature, no date"


@pytest.mark.parametrize(
    "content, line, field, words",
    [
        (f"{HEADER.replace(',title', '')}\n", 1, None, "missing column(s): title"),
        (f"{HEADER},extra\n", 1, None, "unexpected column(s): extra"),
        (f"{HEADER}\n{GOOD_ROW.replace('wire_agency', 'tabloid')}\n", 2, "outlet_type", "unknown outlet_type 'tabloid'"),
        (f"{HEADER}\n{GOOD_ROW.replace('2022-02-03,', '03/02/2022,')}\n", 2, "date", "not an ISO date"),
        (f"{HEADER}\n{GOOD_ROW.replace('2022-02-03,', '2022-02-30,')}\n", 2, "date", "not an ISO date"),
        (f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n", 3, "article_id", "duplicate article_id 'wire-2022-02-03-raid' (first on line 2)"),
        (f"{HEADER}\n{GOOD_ROW.replace('wire-2022-02-03-raid', '../x')}\n", 2, "article_id", "'../x' is not a safe file name"),
        (f"{HEADER}\n{GOOD_ROW.replace('wire-2022-02-03-raid', 'a/b')}\n", 2, "article_id", "not a safe file name"),
        (f"{HEADER}\n{GOOD_ROW},surplus\n", 2, None, "expected 9 fields, found 10"),
        (f"{HEADER}\n{GOOD_ROW.replace('Example Wire', '')}\n", 2, "outlet", "empty outlet"),
    ],
)
def test_bad_catalog_names_file_line_and_field(tmp_path, content, line, field, words):
    path = write(tmp_path, "cat.csv", content)
    with pytest.raises(InputError) as info:
        read_catalog(path)
    err = info.value
    assert err.path == str(path) and err.line == line and err.field == field
    message = str(err)
    assert words in message
    assert message.startswith(f"{path}, line {line}")
    if field:
        assert f"field '{field}'" in message


def test_catalog_missing_file(tmp_path):
    with pytest.raises(InputError, match="catalog file not found"):
        read_catalog(tmp_path / "nope.csv")


def test_catalog_not_utf8_names_line(tmp_path):
    path = write(tmp_path, "cat.csv", f"{HEADER}\n".encode() + GOOD_ROW.replace("Example", "Exampl\xe9").encode("latin-1") + b"\n", "wb")
    with pytest.raises(InputError, match=r"line 2: bytes that are not UTF-8"):
        read_catalog(path)


def test_read_seed_article(seed_path):
    art = read_article(seed_path)
    assert art.article_id == "sputnik-2022-02-03-zakharova"
    assert art.headline.startswith("Moscow: Civilian Deaths")
    assert art.body.startswith("The Syrian military confirmed")


@pytest.mark.parametrize(
    "content, words, line",
    [
        (b"", "article text file is empty", None),
        (b"  \n\n \n", "article text file is empty", None),
        (b"Headline\n\nBody with caf\xe9 in Latin-1.\n", "bytes that are not UTF-8 at byte 23", 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", None),
    ],
)
def test_bad_article_file(tmp_path, content, words, line):
    path = write(tmp_path, "bad.txt", content, "wb")
    with pytest.raises(InputError) as info:
        read_article(path)
    assert words in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line == line


def test_missing_article_file(tmp_path):
    with pytest.raises(InputError, match="article text file not found"):
        read_article(tmp_path / "gone.txt")


def test_attach_texts_missing_raises_or_skips(tmp_path):
    cat = read_catalog(write(tmp_path, "cat.csv", f"{HEADER}\n{GOOD_ROW}\n"))
    with pytest.raises(InputError, match="wire-2022-02-03-raid.txt: article text file not found"):
        attach_texts(cat, tmp_path)
    assert attach_texts(cat, tmp_path, missing="skip").empty
    write(tmp_path, "wire-2022-02-03-raid.txt", "US raid\n\nIt happened.\n")
    joined = attach_texts(cat, tmp_path)
    assert joined.loc[0, "text"] == "US raid\n\nIt happened.\n"


def test_windows_newlines_and_bom(tmp_path):
    path = write(tmp_path, "a.txt", "\ufeffHeadline\r\n\r\nBody one.\r\nBody two.\r\n".encode(), "wb")
    art = read_article(path)
    assert art.headline == "Headline"
    assert art.body == "Body one.\nBody two.\n"


def test_format_article_round_trips(tmp_path):
    text = format_article("  A   headline ", "\nFirst para.\nSecond para.\n\n")
    path = write(tmp_path, "x.txt", text)
    art = read_article(path)
    assert (art.headline, art.body) == ("A headline", "First para.\nSecond para.\n")


def test_read_articles_folder_sorted(tmp_path):
    write(tmp_path, "b.txt", "B\n\nb.\n")
    write(tmp_path, "a.txt", "A\n\na.\n")
    frame = read_articles([tmp_path])
    assert frame["article_id"].tolist() == ["a", "b"]


def test_read_articles_rejects_unsafe_stem(tmp_path):
    write(tmp_path, "bad name!.txt", "A\n\na.\n")
    with pytest.raises(InputError, match="not a safe file name"):
        read_articles([tmp_path])


@pytest.mark.parametrize("good", ["a", "sputnik-2022-02-03-zakharova", "A_b.c-1"])
def test_safe_ids(good):
    assert check_article_id(good) == good


@pytest.mark.parametrize("bad", ["", "../x", ".hidden", "a/b", "a\\b", "a..b", "x" * 201, "spa ce"])
def test_unsafe_ids(bad):
    with pytest.raises(InputError, match="not a safe file name"):
        check_article_id(bad)
