"""The benchmark corpus generator: deterministic, covering, and loadable as articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import WORDS, write_articles, write_raw
from newsarchive.article.model import EVENT_TYPES, load
from newsarchive.gazetteer import MERGER_DATE, current_units, provinces


def _tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list:
    out = tmp_path_factory.mktemp("corpus")
    return [load(path) for path in write_articles(300, out)]


@pytest.mark.parametrize("writer", [write_articles, write_raw], ids=["articles", "raw"])
def test_same_seed_writes_same_bytes(writer, tmp_path: Path) -> None:
    writer(40, tmp_path / "a")
    writer(40, tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_another_seed_writes_other_articles(tmp_path: Path) -> None:
    write_articles(20, tmp_path / "a", seed=0)
    write_articles(20, tmp_path / "b", seed=1)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_a_bigger_corpus_extends_a_smaller_one(tmp_path: Path) -> None:
    write_articles(30, tmp_path / "small")
    write_articles(31, tmp_path / "big")
    small, big = _tree(tmp_path / "small"), _tree(tmp_path / "big")
    assert {k: big[k] for k in small} == small
    assert len(big) == len(small) + 2  # one article and its raw text


def test_every_event_type_occurs(corpus) -> None:
    assert {a.event_type for a in corpus} == set(EVENT_TYPES)


def test_all_63_provinces_occur_under_their_old_names(corpus) -> None:
    named = {name for a in corpus for name in a.provinces}
    missing = set(provinces()) - named - {"Thừa Thiên Huế"}
    assert not missing
    assert "Thừa Thiên Huế" in named or "Huế" in named


def test_after_the_merger_only_current_units_are_named(corpus) -> None:
    late = [a for a in corpus if a.date and a.date.as_date() >= MERGER_DATE]
    assert late
    assert all(set(a.provinces) <= set(current_units()) for a in late)


def test_bodies_have_600_to_900_words(corpus) -> None:
    counts = [len(a.body.split()) for a in corpus]
    assert WORDS[0] <= min(counts) and max(counts) <= WORDS[1]


def test_raw_key_resolves_to_a_written_file(tmp_path: Path) -> None:
    for path in write_articles(10, tmp_path):
        assert (tmp_path / load(path).raw).is_file()


def test_some_articles_need_review_or_lack_a_province_or_date(corpus) -> None:
    assert any(not a.provinces for a in corpus)
    assert any(a.date is None for a in corpus)
    assert any(a.review for a in corpus)


def test_raw_texts_carry_page_chrome(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in write_raw(40, tmp_path)]
    assert any("trên Google News" in t for t in texts)
    assert any("Ảnh: " in t for t in texts)
    assert any("[GMT+7]" in t for t in texts)
