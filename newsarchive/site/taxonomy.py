"""Listings: which articles belong to which province, year, month, event type and tag.

Every browsing axis is one row of :data:`AXES`, an :class:`Axis`: its key, URL prefix,
labels, a function giving an article's :class:`Term` s, its index page, whether it has
feeds and how its listings show entries. Listings, index pages, feeds, breadcrumbs and
the home page's cards are all derived from that row, so an axis is added in one place
(``build_listings(articles, AXES + (publication,))``, see ``tests/test_axes.py``).
:func:`build_listings` sorts the archive once, newest first, then groups it in one pass
into dicts, so each group is already in order and the whole step is linear.

>>> from newsarchive.article.model import Article, PartialDate
>>> bt = Article("Đại hội Chi bộ", date=PartialDate(2020, 6, 5), provinces=["Bến Tre"])
>>> [t.url for t in province_terms(bt)]
['tinh/vinh-long/', 'tinh/ben-tre/']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from newsarchive import gazetteer
from newsarchive.article.model import EVENT_TYPES, Article
from newsarchive.site.display import UNDATED, UNKNOWN, event_label, format_month, format_year
from newsarchive.text import slugify

UNKNOWN_SLUG = "chua-xac-dinh"
UNDATED_SLUG = "chua-ro"
OLD_SUFFIX = "-truoc-2025"  # an old unit whose name is also a current unit's (Vĩnh Long)


@dataclass(frozen=True, slots=True)
class Term:
    """One value on an axis: ``Term("tinh", "ben-tre", "Bến Tre")`` → ``tinh/ben-tre/``.

    Terms hash and compare by (prefix, slug), so "Đảng uỷ" and "Đảng ủy" tags, which
    slugify alike, are one term. ``kind`` is "old", "current" or "unknown" for
    provinces, "undated" for the year of undated articles (no feed: an Atom entry needs
    a date); ``parent`` is an old province's current unit, or a month's year.
    """

    prefix: str
    slug: str
    label: str = field(compare=False)
    kind: str = field(default="", compare=False)
    parent: str | None = field(default=None, compare=False)

    @property
    def url(self) -> str:
        return f"{self.prefix}/{self.slug}/"


@dataclass(frozen=True, slots=True)
class IndexPage:
    """How an axis's index page (``su-kien/``) lists its terms, and its card on the home page.

    ``layout`` names the builder in :data:`newsarchive.site.indexes.LAYOUTS`: "list" (each
    term with its count: the ``known`` terms in their order, empty ones too, else the
    grouped terms most used first), "units" (the 34 current units with their merged
    pre-2025 provinces) or "timeline" (each term with the terms of the axis ``within`` it).
    """

    layout: str
    title: str  # the index page's heading: "Loại sự kiện"
    card: str  # the home page's link to it: "Theo loại sự kiện"
    note: str  # the line under that link
    about: str = ""  # a paragraph under the heading
    css: str = ""  # class of the list ("na-events"), styled in docs/assets/archive/
    known: Callable[[], list[Term]] | None = None  # terms listed even without articles


@dataclass(frozen=True, slots=True)
class Axis:
    """A browsing axis: ``key`` names it in code, ``prefix`` in URLs, ``label`` for readers.

    Every page of the axis follows from its row: a listing per term at ``<prefix>/<slug>/``
    headed ``heading`` ("Thẻ: {label}"), with full entries or ``brief`` ones and, if
    ``feeds``, an Atom feed at ``feeds/<prefix>/<slug>.xml``; a breadcrumb back to the
    axis's index page ``<prefix>/`` labelled ``label``, described by ``index``. An axis
    ``within`` another (months within years) has no index page: its terms' ``parent`` is
    a term of that axis, which its listings link up to and whose listings list them.
    """

    key: str
    prefix: str
    label: str
    terms: Callable[[Article], Iterable[Term]]
    index: IndexPage | None = None
    heading: str = "{label}"
    feeds: bool = True
    brief: bool = True
    within: str = ""

    @property
    def url(self) -> str:
        """The axis's index page: ``su-kien/``."""
        return f"{self.prefix}/"

    @property
    def crumb(self) -> tuple[str, str]:
        """The breadcrumb step to its index page: ``("su-kien/", "Loại sự kiện")``."""
        return (self.url, self.label)

    def title(self, term: Term) -> str:
        """A term's listing heading, which starts a line: "Năm 2017", "Thẻ: chuyển đổi số"."""
        text = self.heading.format(label=term.label)
        return text[:1].upper() + text[1:]


def province_term(name: str, kind: str, parent: str | None = None) -> Term:
    """The /tinh/ term of a unit name; old same-name units get their own slug."""
    slug = _slug(name) + (OLD_SUFFIX if kind == "old" and name == parent else "")
    label = f"{name} (trước 1/7/2025)" if kind == "old" and name == parent else name
    return Term(PROVINCE.prefix, slug, label, kind, parent)


def predecessors(unit: str) -> list[Term]:
    """Old-province terms of the pre-2025 units now in ``unit``; none if it is unchanged.

    >>> [t.label for t in predecessors("Huế")]
    ['Thừa Thiên Huế']
    >>> predecessors("Cao Bằng")
    []
    """
    members = gazetteer.current_units().get(unit, ())
    return [province_term(name, "old", unit) for name in members
            if len(members) > 1 or name != unit]


def province_terms(article: Article) -> list[Term]:
    """Current unit first, then the province as published when it differs, or "unknown".

    "Vĩnh Long" in a 2020 article is the old province (merged with Bến Tre and Trà Vinh
    on 1/7/2025), filed under both ``vinh-long-truoc-2025`` and ``vinh-long``.
    """
    terms: dict[Term, None] = {}
    for name in article.provinces:
        for term in name_terms(name, article):
            terms.setdefault(term, None)
    return list(terms) or [UNKNOWN_PROVINCE]


def name_terms(name: str, article: Article) -> tuple[Term, ...]:
    """[current] or [current, old as published], or [unknown] for a name not in the gazetteer."""
    return _name_terms(name, _before_merger(article))


@cache  # a few hundred distinct spellings; spares re-folding a name per article per axis
def _name_terms(name: str, before_merger: bool) -> tuple[Term, ...]:
    current = gazetteer.current_unit(name)
    if current is None:
        return (UNKNOWN_PROVINCE,)
    terms = [province_term(current, "current")]
    old = gazetteer.lookup(name)
    merged = len(gazetteer.current_units()[current]) > 1  # 11 units were left unchanged
    if old is not None and (old.name != current or (before_merger and merged)):
        terms.append(province_term(old.name, "old", current))
    return tuple(terms)


def _before_merger(article: Article) -> bool:
    published = article.date or article.event_date
    return published is None or published.as_date() < gazetteer.MERGER_DATE


def year_terms(article: Article) -> list[Term]:
    """``nam/2017/`` by event date when known, else publication date; else ``nam/chua-ro/``."""
    when = article.timeline_date
    if when is None:
        return [Term(YEAR.prefix, UNDATED_SLUG, UNDATED, "undated")]
    return [Term(YEAR.prefix, str(when.year), format_year(when.year))]


def month_terms(article: Article) -> list[Term]:
    """``nam/2017/08/`` when the month is known; a year-only date has no month page."""
    when = article.timeline_date
    if when is None or when.month is None:
        return []
    return [_month_term(when.year, when.month)]


@cache  # a few hundred months; Babel formats a date in ~40 µs, 10,000 times a build
def _month_term(year: int, month: int) -> Term:
    return Term(MONTH.prefix, f"{year}/{month:02d}", format_month(year, month), parent=str(year))


def event_terms(article: Article) -> list[Term]:
    return [event_term(article.event_type)]


@cache  # eight event types, a term per article on every listing entry
def event_term(event_type: str) -> Term:
    """``event_term("dai-hoi").url`` → ``su-kien/dai-hoi/``, labelled "Đại hội"."""
    return Term(EVENT_TYPE.prefix, event_type, event_label(event_type))


def event_types() -> list[Term]:
    """Every event type in the schema's order, for its index and chart, used or not."""
    return [event_term(slug) for slug in EVENT_TYPES]


def tag_terms(article: Article) -> list[Term]:
    return list(dict.fromkeys(Term(TAG.prefix, _slug(tag), tag) for tag in article.tags))


@cache  # python-slugify is slow (regexes, unidecode); tags repeat across thousands of articles
def _slug(text: str) -> str:
    return slugify(text)


# The browsing axes, in the order of the home page's cards, the listings and the feeds.
# Vietnamese labels are UI strings; the prefixes are the site's URLs, which links from
# outside rely on (mkdocs.yml keeps each prefix out of the nav; tests/test_axes.py checks).
PROVINCE = Axis("province", "tinh", "Tỉnh, thành phố", province_terms, IndexPage(
    "units", "Tỉnh, thành phố", "Theo tỉnh, thành phố",
    "34 đơn vị từ 1/7/2025 và 63 tỉnh, thành trước đó",
    "Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh. Mỗi đơn vị gồm các tỉnh, thành "
    "phố trước đó được sáp nhập vào; bài được xếp theo tên tỉnh như khi đăng.", "na-units"))
YEAR = Axis("year", "nam", "Thời gian", year_terms, IndexPage(
    "timeline", "Theo thời gian", "Theo thời gian", "Theo năm, tháng diễn ra sự kiện",
    "Bài được xếp theo ngày diễn ra sự kiện; nếu không rõ, theo ngày đăng.", "na-years"))
MONTH = Axis("month", "nam", "Tháng", month_terms, feeds=False, brief=False, within="year")
EVENT_TYPE = Axis("event_type", "su-kien", "Loại sự kiện", event_terms, IndexPage(
    "list", "Loại sự kiện", "Theo loại sự kiện", "Đại hội, hội nghị, sơ kết, tổng kết…",
    css="na-events", known=event_types))
TAG = Axis("tag", "the", "Thẻ", tag_terms, IndexPage(
    "list", "Thẻ", "Theo thẻ", "Các chủ đề được gắn thẻ", css="na-tags"), "Thẻ: {label}")
AXES = (PROVINCE, YEAR, MONTH, EVENT_TYPE, TAG)
UNKNOWN_PROVINCE = Term(PROVINCE.prefix, UNKNOWN_SLUG, UNKNOWN, "unknown")


@dataclass(slots=True)
class Listings:
    """The archive newest first, and for each axis key its terms → articles (in order)."""

    articles: list[Article]
    groups: dict[str, dict[Term, list[Article]]]
    axes: tuple[Axis, ...] = AXES

    def axis(self, key: str) -> Axis:
        """The row of axis ``key`` (``"year"``)."""
        for axis in self.axes:
            if axis.key == key:
                return axis
        raise KeyError(f"no axis {key!r}")

    def within(self, axis: Axis) -> list[Axis]:
        """The axes whose terms sit inside ``axis``'s (months in a year)."""
        return [other for other in self.axes if other.within == axis.key]


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Sort by timeline date, newest first; undated articles last; ties by slug."""
    def key(article: Article) -> tuple[bool, tuple[int, int, int], str]:
        when = article.timeline_date
        parts = (when.year, when.month or 0, when.day or 0) if when else (0, 0, 0)
        return (when is not None, parts, article.slug)
    return sorted(articles, key=key, reverse=True)


def group(articles: Iterable[Article], axis: Axis) -> dict[Term, list[Article]]:
    """One pass: each article appended to each of its terms' lists, order preserved."""
    groups: dict[Term, list[Article]] = {}
    for article in articles:
        for term in axis.terms(article):
            groups.setdefault(term, []).append(article)
    return groups


def build_listings(articles: Iterable[Article], axes: tuple[Axis, ...] = AXES) -> Listings:
    """Sort once, then group along every axis."""
    ordered = newest_first(articles)
    return Listings(ordered, {axis.key: group(ordered, axis) for axis in axes}, axes)


TermArticles = list[tuple[Term, list[Article]]]


def months_by_year(months: dict[Term, list[Article]]) -> dict[str, TermArticles]:
    """Year slug → its month terms and articles, in the months' (newest-first) order; any
    axis ``within`` another is grouped by its terms' ``parent`` the same way."""
    result: dict[str, TermArticles] = {}
    for term, articles in months.items():
        result.setdefault(term.parent or "", []).append((term, articles))
    return result


def paginate(items: list[Article], size: int) -> list[list[Article]]:
    """Pages of at most ``size`` entries; an empty listing still has one (empty) page."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def article_url(article: Article) -> str:
    """``bai-viet/2017/<slug>/`` by timeline year; undated articles under ``chua-ro``."""
    when = article.timeline_date
    return f"bai-viet/{when.year if when else UNDATED_SLUG}/{article.slug}/"


def page_url(base: str, number: int) -> str:
    """``page_url("tinh/ben-tre/", 2)`` → ``tinh/ben-tre/page/2/``; page 1 is the base."""
    return base if number == 1 else f"{base}page/{number}/"


def neighbours(ordered: list[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    """Slug → (newer, older) article in the timeline, for previous/next links."""
    result: dict[str, tuple[Article | None, Article | None]] = {}
    for index, article in enumerate(ordered):
        newer = ordered[index - 1] if index > 0 else None
        older = ordered[index + 1] if index + 1 < len(ordered) else None
        result[article.slug] = (newer, older)
    return result


def related(ordered: list[Article], limit: int = 4) -> dict[str, list[Article]]:
    """Slug → up to ``limit`` articles of the same current unit and event type, nearest
    in time; topped up from the same unit when that group is small.

    Each group (built in one pass) is in timeline order, so the neighbours of an
    article's position are the nearest in time: ``limit`` look-ups each, linear overall.
    """
    same_type = _positions(ordered, lambda a: (province_terms(a)[0].slug, a.event_type))
    same_unit = _positions(ordered, lambda a: (province_terms(a)[0].slug, ""))
    result: dict[str, list[Article]] = {}
    for article in ordered:
        picked = _nearest(*same_type[article.slug], limit)
        if len(picked) < limit:
            seen = {a.slug for a in picked}
            extra = [a for a in _nearest(*same_unit[article.slug], limit) if a.slug not in seen]
            picked += extra[:limit - len(picked)]
        result[article.slug] = picked
    return result


def _positions(ordered: list[Article], key: Callable[[Article], tuple[str, str]],
               ) -> dict[str, tuple[list[Article], int]]:
    """Slug → (the article's group, its index there), groups built in one pass."""
    groups: dict[tuple[str, str], list[Article]] = {}
    where: dict[str, tuple[list[Article], int]] = {}
    for article in ordered:
        members = groups.setdefault(key(article), [])
        where[article.slug] = (members, len(members))
        members.append(article)
    return where


def _nearest(members: list[Article], index: int, limit: int) -> list[Article]:
    picked: list[Article] = []
    for step in range(1, limit + 1):
        for position in (index - step, index + step):
            if 0 <= position < len(members) and len(picked) < limit:
                picked.append(members[position])
    return picked
