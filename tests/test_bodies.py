"""The site cache's bodies (site/bodies.py): held compressed, given back whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsarchive.article.model import Article
from newsarchive.site import bodies

BODY = "Đảng bộ Văn phòng UBND tỉnh tổ chức đại hội. " * 100


@pytest.fixture
def held() -> Iterator[Article]:
    article = bodies.hold(Article(title="Đại hội", body=BODY, slug="dai-hoi"))
    yield article
    bodies.release_all_but([])


def test_a_held_body_is_compressed_and_given_back_whole(held: Article) -> None:
    assert held.body == "" and bodies.text(held) == BODY
    assert len(bodies.key(held)) < len(BODY.encode()) / 5


def test_an_article_never_held_reads_its_own_body() -> None:
    article = Article(title="Tin", body="Đoạn.")
    assert bodies.text(article) == "Đoạn." and bodies.key(article) == "Đoạn."


def test_released_bodies_are_forgotten(held: Article) -> None:
    bodies.release_all_but([])
    assert bodies.text(held) == ""
