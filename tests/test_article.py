from datetime import date

import pytest

from newsarchive.article.model import Article, Image, PartialDate, Source, dumps, loads
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


def test_packed_article_keeps_its_body_compressed_and_gives_it_back() -> None:
    body = "Đảng bộ Văn phòng UBND tỉnh tổ chức đại hội. " * 100
    article = Article(title="Đại hội", body=body, slug="dai-hoi")
    packed = article.packed()
    assert packed.body == "" and len(packed.packed_body) < len(body.encode()) / 5
    assert packed.full_body() == body and article.full_body() == body
    assert dumps(packed) == dumps(article)  # writing a cached article loses nothing
