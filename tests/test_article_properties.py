"""Property tests: any article the model can hold survives dump → load unchanged."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.article.model import EVENT_TYPES, Article, Image, PartialDate, Source, dumps, loads

# Printable text incl. Vietnamese letters, YAML-significant punctuation and markup.
_ALPHABET = st.sampled_from(list("aăâđeêioôơuưyĐẢÃÁẠàảãáạ ủỷừ:-#\"'{}[]<>&|*!%@`,.?\\/\t"))
_text = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())
_nfc_text = _text.map(lambda s: unicodedata.normalize("NFC", s.strip()))
_optional = st.none() | _nfc_text


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1945, 2026))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PartialDate(year, month, day)


articles = st.builds(
    Article,
    title=_nfc_text,
    date=st.none() | partial_dates(),
    event_date=st.none() | partial_dates(),
    provinces=st.lists(_nfc_text, max_size=3),
    event_type=st.sampled_from(EVENT_TYPES),
    tags=st.lists(_nfc_text, max_size=3),
    source=st.builds(Source, _optional, _optional, _optional),
    authors=st.lists(_nfc_text, max_size=3),
    images=st.lists(st.builds(Image, _nfc_text, _optional), max_size=3),
    review=st.lists(st.sampled_from(["date", "event_date", "provinces", "source"]), max_size=2),
    raw=_optional,
    body=_nfc_text,
    extra=st.dictionaries(st.sampled_from(["ghi_chu", "note"]), _nfc_text, max_size=1),
    slug=st.just("bai-viet"),
)


@settings(max_examples=200, deadline=None)
@given(articles)
def test_front_matter_round_trips_every_field(article: Article) -> None:
    assert loads(dumps(article), "bai-viet.md") == article


@settings(max_examples=100, deadline=None)
@given(articles)
def test_dump_is_a_fixed_point(article: Article) -> None:
    text = dumps(article)
    assert dumps(loads(text, "bai-viet.md")) == text
