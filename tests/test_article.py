from datetime import date

import pytest

from newsarchive.article.fields import FieldSpec
from newsarchive.article.model import (
    FIELD_LABELS,
    FIELD_ORDER,
    FIELDS,
    PROVENANCE_FIELDS,
    Article,
    Image,
    PartialDate,
    Source,
    dumps,
    loads,
)
from newsarchive.errors import ArticleError


def _sample() -> Article:
    return Article(
        title="Sơ kết công tác Đảng 6 tháng đầu năm 2024",
        date=PartialDate(2024, 7, 12), event_date=PartialDate.parse("2012-01"),
        provinces=["Gia Lai"], event_type="so-ket", tags=["xây dựng Đảng"],
        source=Source("Báo Gia Lai", "https://baogialai.com.vn/x.html"),
        authors=["Thanh Nhật"], images=[Image("Quang cảnh hội nghị.", "M.Đ")],
        review=["event_date"], raw="raw/000.txt", body="Đoạn một.\n\nĐoạn hai.",
        extra={"ghi_chu": "biên tập viên thêm"}, slug="so-ket",
    )


def test_dump_load_round_trips_every_field() -> None:
    article = _sample()
    assert loads(dumps(article), "so-ket.md") == article


def test_dump_is_deterministic_and_ordered() -> None:
    text = dumps(_sample())
    assert text == dumps(_sample())
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if line[:1].isalpha()]
    assert keys == ["title", "date", "event_date", "provinces", "event_type", "tags", "source",
                    "authors", "images", "review", "raw", "ghi_chu"]


@pytest.mark.parametrize(("value", "expected"), [
    (date(2017, 8, 28), PartialDate(2017, 8, 28)),
    ("2012-01", PartialDate(2012, 1)),
    (2012, PartialDate(2012)),
], ids=["day", "month", "year"])
def test_partial_date_parse(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize("value", ["2021-02-30", "28/08/2017", "2021-13"],
                         ids=["feb-30", "dmy", "month-13"])
def test_partial_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_broken_yaml_names_file_and_line() -> None:
    with pytest.raises(ArticleError) as caught:
        loads("---\ntitle: Tiêu đề\nprovinces: [Gia Lai\n---\nThân bài\n", "articles/x.md")
    assert caught.value.path == "articles/x.md"
    assert caught.value.line is not None
    assert str(caught.value).startswith("articles/x.md:")


def test_missing_front_matter_is_an_error() -> None:
    with pytest.raises(ArticleError, match="front matter"):
        loads("Chỉ có thân bài\n", "articles/y.md")


def test_impossible_yaml_date_is_an_article_error() -> None:
    with pytest.raises(ArticleError, match="impossible date: day is out of range for month"):
        loads("---\ntitle: Tin\ndate: 2021-02-30\n---\n", "articles/z.md")


@pytest.mark.parametrize("spec", FIELDS, ids=[spec.key for spec in FIELDS])
def test_each_field_is_declared_once_with_label_example_and_check(spec: FieldSpec) -> None:
    """The field table (Article) gives every key its label, example and check; the dump
    of a fresh article has exactly the table's keys, in its order."""
    assert spec.label and spec.example and FIELD_LABELS[spec.key] == spec.label
    assert spec.check.__qualname__.startswith("FieldChecks.check_")
    # Ingest's provenance hashes are written only when known (never for a fresh article).
    assert list(Article(title="Tin").front_matter()) == [
        key for key in FIELD_ORDER if key not in PROVENANCE_FIELDS]
    hashed = Article(title="Tin", raw_sha256="0" * 64, ingest_sha256="1" * 64)
    assert list(hashed.front_matter()) == list(FIELD_ORDER)


def test_the_fast_yaml_emitter_writes_what_the_pure_python_one_does() -> None:
    """dumps uses libyaml's emitter; on real cleaned articles it must give the same bytes
    as PyYAML's own SafeDumper (the committed articles' hashes depend on those bytes)."""
    import yaml
    from conftest import ROOT

    from newsarchive.clean.accuracy import load_corpus
    from newsarchive.clean.ingest import clean_raw
    from newsarchive.clean.raw import read_raw

    for case in load_corpus(ROOT / "tests" / "accuracy" / "corpus")[::3]:
        article = clean_raw(read_raw(case.raw), case.source_url)
        pure = yaml.safe_dump(article.front_matter(), allow_unicode=True, sort_keys=False,
                              default_flow_style=None, width=100)
        assert dumps(article) == f"---\n{pure}---\n\n{article.body.strip()}\n", case.id
