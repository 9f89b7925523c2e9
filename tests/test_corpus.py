"""Tests of framing.corpus: the consistency of the shipped release, and the loaders' errors."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from framing import corpus as C
from framing.articles import CATALOG_COLUMNS, OPTIONAL_CATALOG_COLUMNS, read_article
from framing.errors import InputError
from framing.resources import resource_path, read_table
from framing.sentences import fingerprint
from framing.units import KINDS, units_from_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CODEBOOK = DATA / "codebook.md"
SEED_ID = "sputnik-2022-02-03-zakharova"
CODING_FILES = ["coverage_units.tsv", "coverage_units_second_coder.tsv", "seed_units.tsv"]
#: What data/README.md states about the release.
N_ARTICLES, N_OUTLETS, N_SECOND_CODER = 67, 54, 20
FIRST_DATE, LAST_DATE = pd.Timestamp("2022-02-03"), pd.Timestamp("2022-02-14")


# ------------------------------------------------------------ the codebook's controlled lists


def _codebook_table(first_header: str) -> list[str]:
    """The backquoted first cells of the codebook table whose header starts with `first_header`."""
    lines = CODEBOOK.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"| {first_header} |"))
    values = []
    for ln in lines[start + 2:]:
        if not ln.startswith("|"):
            break
        values.append(re.match(r"\|\s*`([^`]+)`", ln).group(1))
    return values


def codebook_kinds() -> list[str]:
    return _codebook_table("kind")


def codebook_frames() -> list[str]:
    return re.findall(r"^### `([a-z_]+)`", CODEBOOK.read_text(encoding="utf-8"), flags=re.M)


def codebook_source_types() -> list[str]:
    """From the packaged ``source_types.tsv`` when a colleague ships it, else the codebook's table."""
    if resource_path("source_types.tsv").is_file():
        return read_table("source_types.tsv", required=("source_type",))["source_type"].tolist()
    return _codebook_table("source type")


def test_constants_follow_the_codebook():
    assert list(C.SOURCE_TYPES) == codebook_source_types() == _codebook_table("source type")
    assert sorted(C.FRAMES) == sorted(codebook_frames()) and list(C.FRAMES) == sorted(C.FRAMES)
    assert list(KINDS) == codebook_kinds()


# ------------------------------------------------------------ the release


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return C.load_catalog(DATA)


@pytest.fixture(scope="module")
def codings() -> dict[str, pd.DataFrame]:
    return {name: C.read_coding(DATA / "reference" / name) for name in CODING_FILES}


def test_catalog_rows_seed_first_outlets_and_dates(catalog):
    assert len(catalog) == N_ARTICLES
    assert catalog.loc[0, "article_id"] == SEED_ID and catalog.loc[0, "text"] == "seed"
    assert catalog["text"].iloc[1:].eq("retrieve").all()
    assert catalog["outlet"].nunique() == N_OUTLETS
    assert "Sputnik" in set(catalog["outlet"])
    assert catalog["date"].min() == FIRST_DATE and catalog["date"].max() == LAST_DATE
    assert catalog["date"].isna().sum() == 1  # one follow-up feature states no date
    assert catalog["url"].str.match(r"https?://").all()
    assert list(catalog.columns) == list(CATALOG_COLUMNS + OPTIONAL_CATALOG_COLUMNS)  # the 9 columns, text, note


def test_catalog_seed_row_matches_articles_csv(catalog):
    shipped = pd.read_csv(DATA / "articles.csv", dtype=str, keep_default_na=False)
    seed = catalog.iloc[0]
    for col in shipped.columns:
        expected = seed[col].strftime("%Y-%m-%d") if col == "date" else seed[col]
        assert shipped.loc[0, col] == expected, col


@pytest.mark.parametrize("name", CODING_FILES)
def test_units_belong_to_catalogued_articles(codings, catalog, name):
    assert set(codings[name]["article_id"]) <= set(catalog["article_id"])


def test_every_catalogued_article_is_coded(codings, catalog):
    coded = set(codings["coverage_units.tsv"]["article_id"]) | set(codings["seed_units.tsv"]["article_id"])
    assert coded == set(catalog["article_id"])
    assert set(codings["seed_units.tsv"]["article_id"]) == {SEED_ID}
    assert SEED_ID not in set(codings["coverage_units.tsv"]["article_id"])


@pytest.mark.parametrize("name", CODING_FILES)
def test_release_follows_the_codebook(codings, name):
    problems = C.coding_problems(
        codings[name], frames=tuple(codebook_frames()), source_types=tuple(codebook_source_types()),
        kinds=tuple(codebook_kinds()),
    )
    assert problems.empty, problems.head(10).to_string()


@pytest.mark.parametrize("name", CODING_FILES)
@pytest.mark.parametrize(
    ("field", "allowed"),
    [("kind", codebook_kinds), ("frames", codebook_frames), ("source_types", codebook_source_types)],
)
def test_values_are_controlled(codings, name, field, allowed):
    values = {v for cell in codings[name][field] for v in cell.split(";") if v}
    assert values <= set(allowed())


@pytest.mark.parametrize("name", CODING_FILES)
def test_codes_line_up(codings, name):
    frame = codings[name]
    coded = frame[frame["kind"] != "boilerplate"]
    n = {f: coded[f].map(lambda c: len(c.split(";")) if c else 0) for f in C.CODING_FIELDS[1:]}
    attributed = n["speakers"] > 0
    assert (n["source_types"][attributed] == n["speakers"][attributed]).all()
    assert (n["cues"][attributed] == n["speakers"][attributed]).all()
    assert coded.loc[~attributed, "source_types"].eq("unattributed").all()
    assert coded.loc[~attributed, "cues"].eq("").all()
    bp = frame[frame["kind"] == "boilerplate"]
    assert (bp[list(C.CODING_FIELDS)] == "").all().all()


@pytest.mark.parametrize("name", CODING_FILES)
def test_units_numbered_from_zero(codings, name):
    for aid, units in codings[name].groupby("article_id", sort=False)["unit"]:
        assert units.tolist() == list(range(len(units))), aid


@pytest.mark.parametrize("name", CODING_FILES)
def test_fingerprints_are_16_hex_digits(codings, name):
    assert codings[name]["fingerprint"].str.fullmatch(C.FINGERPRINT_PATTERN).all()


def test_no_text_in_coverage_units(codings):
    assert "text" not in codings["coverage_units.tsv"].columns
    assert "text" not in codings["coverage_units_second_coder.tsv"].columns


def test_seed_units_text_matches_fingerprint(codings):
    seed = codings["seed_units.tsv"]
    assert [fingerprint(t) for t in seed["text"]] == seed["fingerprint"].tolist()


def test_seed_reference_matches_the_unit_splitter(codings):
    seed = codings["seed_units.tsv"]
    text = read_article(DATA / "articles" / f"{SEED_ID}.txt").text
    units = pd.DataFrame(units_from_text(text, article_id=SEED_ID))
    assert units["fingerprint"].tolist() == seed["fingerprint"].tolist()
    assert units["kind"].tolist() == seed["kind"].tolist()


def test_second_coder_is_a_subset_with_the_same_units(codings):
    first, second = codings["coverage_units.tsv"], codings["coverage_units_second_coder.tsv"]
    assert second["article_id"].nunique() == N_SECOND_CODER
    assert set(second["article_id"]) <= set(first["article_id"])
    keys = ["article_id", "unit", "kind", "fingerprint"]
    both = first[first["article_id"].isin(set(second["article_id"]))][keys]
    assert both.reset_index(drop=True).equals(second[keys].reset_index(drop=True))


@pytest.mark.xfail(
    strict=True,
    reason="release: in 14 coverage articles boilerplate lines (navigation, credits) come before the headline, "
    "although the codebook says the headline, when present, is unit 0; reported, not fixed",
)
def test_headline_when_present_is_unit_zero(codings):
    frame = codings["coverage_units.tsv"]
    heads = frame[frame["kind"] == "headline"].groupby("article_id")["unit"].min()
    assert (heads == 0).all(), heads[heads != 0].to_dict()


def test_load_reference_joins_catalog():
    ref = C.load_reference(DATA)
    assert ref["article_id"].iloc[0] == SEED_ID
    assert ref["outlet"].notna().all() and ref["outlet_type"].notna().all()
    assert len(ref) == sum(len(C.read_coding(DATA / "reference" / n)) for n in ("seed_units.tsv", "coverage_units.tsv"))
    second = C.load_reference(DATA, coder="second", with_catalog=False)
    assert second["article_id"].nunique() == N_SECOND_CODER and "outlet" not in second.columns


# ------------------------------------------------------------ coding_problems on tables written here

GOOD = {"article_id": "a", "unit": 0, "kind": "sentence", "fingerprint": "0123456789abcdef", "frames": "counter_terror",
        "speakers": "John Kirby", "source_types": "us_government", "cues": "say"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "paragraph"}, "kind"),
        ({"fingerprint": "0123456789ABCDEF"}, "fingerprint"),
        ({"fingerprint": "0123"}, "fingerprint"),
        ({"frames": "war"}, "frames"),
        ({"frames": "counter_terror;civilian_harm"}, "frames"),
        ({"frames": "civilian_harm;civilian_harm"}, "frames"),
        ({"source_types": "government"}, "source_types"),
        ({"source_types": "us_government;media"}, "source_types"),
        ({"cues": ""}, "cues"),
        ({"cues": "say;tell"}, "cues"),
        ({"source_types": "unattributed"}, "source_types"),
        ({"speakers": "", "cues": ""}, "source_types"),
        ({"speakers": "", "source_types": "unattributed", "cues": "say"}, "source_types"),
        ({"kind": "boilerplate"}, "frames"),
        ({"unit": 1}, "unit"),
    ],
)
def test_coding_problems_finds(change, field):
    frame = pd.DataFrame([{**GOOD, **change}])
    problems = C.coding_problems(frame)
    assert field in problems["field"].tolist()
    assert C.coding_problems(pd.DataFrame([GOOD])).empty


def test_coding_problems_numbering_gap():
    frame = pd.DataFrame([GOOD, {**GOOD, "unit": 2}])
    problems = C.coding_problems(frame)
    assert problems["field"].tolist() == ["unit"] and problems["article_id"].tolist() == ["a"]


# ------------------------------------------------------------ read_coding errors

HEADER = "\t".join(C.REFERENCE_COLUMNS)


@pytest.mark.parametrize(
    ("content", "line", "field", "message"),
    [
        ("article_id\tunit\tkind\n" "a\t0\tsentence\n", 1, None, "missing column"),
        (HEADER + "\na\tx\tsentence\t0123456789abcdef\t\t\tunattributed\t\n", 2, "unit", "not a whole number"),
        (HEADER + "\na\t0\tsentence\t0123456789abcdef\t\t\tunattributed\t\n"
         "a\t-1\tsentence\t0123456789abcdef\t\t\tunattributed\t\n", 3, "unit", "not a whole number"),
        (HEADER + "\na\t0\tsentence\t0123456789abcdef\t\t\tunattributed\t\textra\tmore\n", 2, None, "found 10"),
        (HEADER + "\n\na\t0\tsentence\t0123456789abcdef\t\t\tunattributed\n", 3, None, "found 7"),
        ("", None, None, "empty coding table"),
    ],
)
def test_read_coding_errors_name_file_line_field(tmp_path, content, line, field, message):
    path = tmp_path / "coding.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        C.read_coding(path)
    assert info.value.path == str(path) and str(path) in str(info.value)
    assert info.value.line == line
    assert info.value.field == field


def test_read_coding_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found") as info:
        C.read_coding(tmp_path / "nope.tsv")
    assert info.value.path == str(tmp_path / "nope.tsv")


def test_load_catalog_error_names_line_and_field(tmp_path):
    ref = tmp_path / "reference"
    ref.mkdir()
    text = (DATA / "reference" / "coverage_articles.tsv").read_text(encoding="utf-8").splitlines()
    bad = text[3].split("\t")
    bad[4] = "tabloid"
    (ref / "coverage_articles.tsv").write_text("\n".join(text[:3] + ["\t".join(bad)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown outlet_type 'tabloid'") as info:
        C.load_catalog(tmp_path)
    assert (info.value.line, info.value.field) == (4, "outlet_type")


# ------------------------------------------------------------ retrieved texts and alignment

OWN_TEXT = (
    "Night raid leaves families counting losses\n\n"
    "Rescue workers said on Thursday that they had pulled four bodies from the building. "
    "The operation began shortly after midnight.\n"
    "A resident said the shooting went on for two hours.\n"
)


def _tiny_data(tmp_path: Path) -> Path:
    """A data folder with the real catalog's first three rows and one retrieved text written here."""
    ref = tmp_path / "reference"
    ref.mkdir()
    lines = (DATA / "reference" / "coverage_articles.tsv").read_text(encoding="utf-8").splitlines()
    (ref / "coverage_articles.tsv").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    shutil.copy(DATA / "articles" / f"{SEED_ID}.txt", tmp_path / "articles")
    second = lines[2].split("\t")[0]
    C.cache_dir(tmp_path).mkdir(parents=True)
    (C.cache_dir(tmp_path) / f"{second}.txt").write_text(OWN_TEXT, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("include_seed", "expected"), [(True, 2), (False, 1)])
def test_load_texts_joins_cache_and_catalog(tmp_path, include_seed, expected):
    data = _tiny_data(tmp_path)
    texts = C.load_texts(data, include_seed=include_seed)
    assert len(texts) == expected  # the third article is not retrieved: left out
    row = texts.iloc[-1]
    assert row["text"] == OWN_TEXT and row["outlet"] == "Sputnik"
    assert Path(row["path"]).parent == C.cache_dir(data)
    if include_seed:
        assert texts.loc[0, "article_id"] == SEED_ID and Path(texts.loc[0, "path"]).parent.name == "articles"


def test_alignment_of_the_seed_is_complete(codings):
    text = read_article(DATA / "articles" / f"{SEED_ID}.txt").text
    got = C.alignment(text, codings["seed_units.tsv"], article_id=SEED_ID)
    coded = codings["seed_units.tsv"]["kind"].ne("boilerplate").sum()
    assert got == {"n_reference_units": coded, "n_aligned": coded, "alignment_rate": 1.0}


def _own_reference(extra: list[tuple[str, str]] = ()) -> pd.DataFrame:
    units = units_from_text(OWN_TEXT, article_id="own")
    rows = [{"article_id": "own", "kind": u["kind"], "fingerprint": u["fingerprint"]} for u in units]
    rows += [{"article_id": "own", "kind": k, "fingerprint": fingerprint(t)} for k, t in extra]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("text", "extra", "n_ref", "n_aligned"),
    [
        (OWN_TEXT, [], 4, 4),
        (OWN_TEXT, [("sentence", "A sentence the text does not have.")], 5, 4),
        (OWN_TEXT, [("boilerplate", "Share this story")], 4, 4),  # boilerplate is not counted
        (OWN_TEXT.replace("A resident said", "Residents said"), [], 4, 3),
        ("", [], 4, 0),
    ],
)
def test_alignment_counts(text, extra, n_ref, n_aligned):
    got = C.alignment(text, _own_reference(extra), article_id="own")
    assert (got["n_reference_units"], got["n_aligned"]) == (n_ref, n_aligned)
    assert got["alignment_rate"] == pytest.approx(n_aligned / n_ref)


def test_alignment_without_reference_is_nan():
    got = C.alignment(OWN_TEXT, _own_reference(), article_id="someone-else")
    assert got["n_reference_units"] == 0 and math.isnan(got["alignment_rate"])


def test_align_texts_one_row_per_article():
    texts = pd.DataFrame({"article_id": ["own", "other"], "text": [OWN_TEXT, OWN_TEXT]})
    out = C.align_texts(texts, _own_reference())
    assert out.columns.tolist() == ["article_id", "n_reference_units", "n_aligned", "alignment_rate"]
    assert out["n_aligned"].tolist() == [4, 0]
