"""The archive site as plain data: (path, page renderer) pairs and feed specs, for any generator.

Stages: :func:`load_articles` (read, cached) → :func:`taxonomy.build_listings` (sort
once, group) → :func:`build_site` (a renderer per page, called when the page is
written, so the whole site's HTML is never held at once). Nothing here knows MkDocs.

Parsed articles are cached per process, keyed by (path, mtime_ns, size): during
``mkdocs serve`` one saved file is re-parsed, not the whole archive. A build validates
first (:func:`check_archive`), and the validator hands each article it parsed to this
cache, so every file is parsed once per build. The cache holds
bodies compressed (:mod:`newsarchive.site.bodies`; at 100k articles, 1.99 GB peak instead of 2.49).
A :class:`Memo`
carried from one build to the next keeps rendered article pages and listing entries
whose articles did not change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar

from newsarchive.article.model import Article, article_entries, load
from newsarchive.article.validate import Problem, shared_validator
from newsarchive.errors import ArchiveError
from newsarchive.site import bodies, indexes, stats
from newsarchive.site.feeds import FeedSpec, feed_spec, known_day
from newsarchive.site.pages import (
    ArticleContext,
    EntryCache,
    EntryRenderer,
    Intro,
    Listing,
    Page,
    PageRenderer,
    article_page,
    brief_plain_entry,
    lastmod_meta,
    listing_pages,
    plain_entry,
    review_entry,
)
from newsarchive.site.problems import group_problems, problem_pages, problems_notice, split_valid
from newsarchive.site.render import clear_caches, count_label, esc, link
from newsarchive.site.taxonomy import (
    AXES,
    Axis,
    Listings,
    Term,
    article_url,
    build_listings,
    months_by_year,
    neighbours,
    predecessors,
    province_term,
    related,
)

ARTICLES_DIR = "articles"
SITE_NAME = "Lưu trữ tin Văn phòng UBND tỉnh"
FEED_ALL = "feeds/index.xml"
log = logging.getLogger("newsarchive.site")
_Cache = dict[str, tuple[tuple[int, int], Article]]  # path → ((mtime_ns, size), article)
_CACHE: _Cache = {}
_T = TypeVar("_T")


class _Handoff(Generic[_T]):
    """What one hook computed for a folder, waiting for a later hook of the same build to
    take it once instead of computing it again (each new result replaces the last)."""

    def __init__(self) -> None:
        self._waiting: dict[str, _T] = {}

    def put(self, folder: Path, value: _T) -> None:
        self._waiting = {str(folder): value}

    def take(self, folder: Path, compute: Callable[[Path], object]) -> _T:
        """The waiting value for ``folder``, or ``compute(folder)``'s (which puts it)."""
        if str(folder) not in self._waiting:
            compute(folder)
        return self._waiting.pop(str(folder))


def articles_dir(project: Path) -> Path:
    """The archive's articles folder: ``$NEWSARCHIVE_ARTICLES`` when set (tests and
    benchmarks build other corpora with it), else ``articles/`` in ``project``."""
    configured = os.environ.get("NEWSARCHIVE_ARTICLES")
    return Path(configured) if configured else project / ARTICLES_DIR


def check_archive(articles_dir: Path) -> list[Problem]:
    """Every problem in the archive (the process's validator, cached per file), keeping
    each valid article the validator parsed for :func:`load_articles`, and the problems
    for :func:`checked_problems`."""
    validator = shared_validator()
    validator.keep = _keep
    problems = validator.check_archive(articles_dir)
    _CHECKED.put(articles_dir, problems)
    return problems


_CHECKED: _Handoff[list[Problem]] = _Handoff()


def checked_problems(articles_dir: Path) -> list[Problem]:
    """What :func:`check_archive` last found in ``articles_dir``, taken once, or checked
    now if nothing is waiting.

    A build's validation hook checks the archive first; under ``mkdocs serve`` the archive
    hook then shows the same problems as pages. Taking them, rather than checking again,
    spares each preview rebuild a second look at every file (a stat, its ``raw`` file and
    every slug: ~0.5 s at 10,000 articles).
    """
    return _CHECKED.take(articles_dir, check_archive)


def _keep(path: Path, status: os.stat_result, article: Article) -> None:
    _CACHE[os.path.abspath(path)] = ((status.st_mtime_ns, status.st_size), bodies.hold(article))


def load_articles(articles_dir: Path, skipped: list[ArchiveError] | None = None
                  ) -> list[Article]:
    """Every article file directly under ``articles_dir`` (:func:`model.article_entries`,
    the validator's listing). A file that cannot be loaded is left out and its error
    appended to ``skipped`` (hooks/archive.py refuses a strict build then), else logged."""
    fresh: _Cache = {}
    statuses: list[os.stat_result] = []
    paths, refused = article_entries(articles_dir, statuses)
    errors = [ArchiveError(f"{kind}, not an article file", path) for path, kind in refused]
    # Each file's status from the folder's listing, its absolute path from the folder's:
    # a second stat and an abspath of 10,000 files were ~0.2 s of every preview rebuild.
    folder = os.path.abspath(articles_dir)
    for path, status in zip(paths, statuses, strict=True):
        error = _load_cached(path, fresh, status, os.path.join(folder, path.name))
        if error is not None:
            errors.append(error)
    _CACHE.clear()  # forget deleted files
    _CACHE.update(fresh)
    for error in errors:
        if skipped is not None:
            skipped.append(error)
        else:
            log.warning("%s (skipped)", error)
    articles = [article for _, article in fresh.values()]
    bodies.release_all_but(articles)
    _LOADED.put(articles_dir, articles)
    return articles


_LOADED: _Handoff[list[Article]] = _Handoff()


def loaded_articles(articles_dir: Path) -> list[Article]:
    """The articles :func:`load_articles` last returned for ``articles_dir``, taken once,
    or loaded now if none are waiting.

    The search hook indexes the articles the archive hook built the pages from, in the
    same build: taking that list, rather than loading again, spares a stat of every file
    (~0.25 s at 10,000 articles, on each preview rebuild) and a second warning for each
    file that cannot be read.
    """
    return _LOADED.take(articles_dir, load_articles)


def _load_cached(path: Path, fresh: _Cache, status: os.stat_result, where: str,
                 ) -> ArchiveError | None:
    key = (status.st_mtime_ns, status.st_size)
    cached = _CACHE.get(where)
    if cached is not None and cached[0] == key:
        fresh[where] = cached
        return None
    try:
        fresh[where] = (key, bodies.hold(load(where)))  # bodies compressed
    except ArchiveError as error:
        return error
    return None


@dataclass(slots=True)
class Site:
    """Every page as (src path, renderer) and every feed to write after the build."""

    pages: list[tuple[str, PageRenderer]] = field(default_factory=list)
    feeds: list[FeedSpec] = field(default_factory=list)
    # The article pages among ``pages``, with their sitemap date ("" if undated): a
    # generator may write these itself (hooks/archive.py, newsarchive.site.standalone).
    articles: dict[str, str] = field(default_factory=dict)


class Memo:
    """Rendered article pages and listing entries, reused by the next build in this process.

    An article page is reused while the article and its neighbours and related articles
    are the very same objects (the article cache keeps an object until its file
    changes), so after one saved file only the pages it touches are rendered again.
    """

    def __init__(self) -> None:
        self.entries = EntryCache()
        self.briefs = EntryCache(brief_plain_entry)
        self._articles: dict[str, tuple[tuple[Article | None, ...], Page]] = {}

    def article_page(self, article: Article, context: ArticleContext) -> Page:
        inputs = (article, context.newer, context.older, *context.related)
        hit = self._articles.get(article.slug)
        if hit is not None and len(hit[0]) == len(inputs) and all(
                a is b for a, b in zip(hit[0], inputs, strict=True)):
            return hit[1]
        rendered = article_page(article, context)
        self._articles[article.slug] = (inputs, rendered)
        return rendered

    def keep_only(self, articles: list[Article]) -> None:
        """Forget deleted articles."""
        slugs = {article.slug for article in articles}
        self._articles = {slug: hit for slug, hit in self._articles.items() if slug in slugs}
        self.entries.keep_only(slugs)
        self.briefs.keep_only(slugs)


def build_site(articles: list[Article], site_name: str = SITE_NAME,
               memo: Memo | None = None, problems: Iterable[Problem] = (),
               site_url: str = "", axes: tuple[Axis, ...] = AXES) -> Site:
    """Plan the whole site: one renderer per page; cost is linear in the number of articles.

    ``memo`` (under ``mkdocs serve``) makes each renderer reuse what the previous build
    rendered from the same articles. ``problems`` (also only under ``mkdocs serve``; a
    strict build stops before) turns each invalid article into a page listing its errors
    (:mod:`newsarchive.site.problems`), and the rest of the site is built as usual.
    ``site_url`` ("https://…/") makes the articles' JSON-LD ``url`` absolute. ``axes``
    are the browsing axes (:data:`taxonomy.AXES`), each giving its listings, feeds and
    index page.
    """
    clear_caches()
    invalid = group_problems(problems)
    articles, problem_urls = split_valid(articles, invalid)
    listings = build_listings(articles, axes)
    if memo is not None:
        memo.keep_only(listings.articles)
    site = Site()
    site.pages.extend(_article_pages(listings, memo, site_url))
    site.articles = {article_src(a): lastmod_meta([a]).get("lastmod", "")
                     for a in listings.articles}
    entries = (memo.entries, memo.briefs) if memo is not None else (plain_entry,
                                                                     brief_plain_entry)
    for listing in _listings(listings, *entries):
        site.pages.extend(_as_src(listing_pages(listing)))
    counts: dict[str, int] = {}
    axis_pages: list[tuple[str, PageRenderer]] = []
    for axis in listings.axes:
        if axis.index is None:
            continue
        rendered = indexes.index_pages(indexes.axis_index(axis, listings), listings)  # sized now
        counts[rendered[0][0]] = len(rendered)
        axis_pages.extend((f"{url}index.md", partial(_given, page)) for url, page in rendered)
    site.pages.append(("index.md", partial(indexes.home_page, listings, site_name, FEED_ALL,
                                           counts, problems_notice(invalid, problem_urls))))
    site.pages.extend(problem_pages(invalid, problem_urls))
    site.pages.extend(axis_pages)
    site.pages.append(("thong-ke/index.md", partial(stats.stats_page, listings)))
    site.feeds = _feeds(listings, site_name)
    return site


def robots_txt(site_url: str) -> str:
    """``robots.txt``: crawl everything, and where the sitemap is.

    Nothing is disallowed: the editors' pages (``can-xem-lai/``) say ``noindex`` in their
    ``<head>``, which a crawler only reads if it may fetch them. Crawlers read
    robots.txt only at a host's root, so under a GitHub Pages project path it is a hint.

    >>> print(robots_txt("https://vp.example/"), end="")
    User-agent: *
    Allow: /
    Sitemap: https://vp.example/sitemap.xml
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"


def _given(page: Page) -> Page:
    return page


def render_all(site: Site) -> Iterator[tuple[str, Page]]:
    """Every page rendered, in order: ``dict(render_all(build_site(articles)))``."""
    for src_uri, render in site.pages:
        yield src_uri, render()


def _as_src(pages: Iterator[tuple[str, PageRenderer]]) -> Iterator[tuple[str, PageRenderer]]:
    for url, render in pages:
        yield f"{url}index.md", render


def _article_pages(listings: Listings, memo: Memo | None, site_url: str = "",
                   ) -> Iterator[tuple[str, PageRenderer]]:
    around = neighbours(listings.articles)
    near = related(listings.articles)
    render = memo.article_page if memo is not None else article_page
    for article in listings.articles:
        newer, older = around[article.slug]
        context = ArticleContext(newer, older, near[article.slug], site_url)
        yield article_src(article), partial(render, article, context)


def article_src(article: Article) -> str:
    """The source path of an article's page: ``bai-viet/2017/<slug>.md``."""
    return article_url(article).rstrip("/") + ".md"


def _listings(listings: Listings, entry: EntryRenderer, brief: EntryRenderer,
              ) -> Iterator[Listing]:
    """Every paginated listing: each term of each axis, then the review list.

    Entries are full (title, date, provinces, event type, lede) on a month's page, where
    each article is listed once, and ``brief`` (title, date, provinces) on a province, a
    tag and an event type, whose articles their month pages list in full. A year lists
    its months (its intro, :func:`_inner_intro`) and, as entries, only the articles no
    month lists (dated by year alone): listing a year's articles again beside its months
    cost ~0.4 KB per article, 40 MB of a 100,000-article site.
    """
    for axis in listings.axes:
        render = brief if axis.brief else entry
        crumbs, intro = _crumbs(axis, listings), _intros(axis, listings)
        listed = _listed_within(axis, listings)
        for term, articles in listings.groups[axis.key].items():
            feed = feed_path(term, articles) if axis.feeds else None
            shown = None
            if listed is not None and term.slug in listed:
                shown = [a for a in articles if id(a) not in listed[term.slug]]
            yield Listing(term.url, axis.title(term), articles, intro(term), feed, render,
                          crumbs(term), shown=shown)
    review = [article for article in listings.articles if article.review]
    yield Listing("can-xem-lai/", "Bài cần xem lại", review, _review_intro, None, review_entry,
                  [("huong-dan/", "Hướng dẫn biên tập")], {"robots": "noindex"})


def _listed_within(axis: Axis, listings: Listings) -> dict[str, set[int]] | None:
    """Term slug → ids of the articles that the terms within it list (a year's months),
    or None for an axis with nothing within it."""
    inner = listings.within(axis)
    if not inner:
        return None
    listed: dict[str, set[int]] = {}
    for other in inner:
        for term, articles in listings.groups[other.key].items():
            listed.setdefault(term.parent or "", set()).update(map(id, articles))
    return listed


def feed_path(term: Term, articles: Sequence[Article]) -> str | None:
    """``feeds/tinh/ben-tre.xml``, ``feeds/nam/2017.xml``, ``feeds/the/dang-bo.xml``; none
    for a listing without an article known to the day (the undated year ``nam/chua-ro/``,
    a year whose only article is known to the month): an Atom entry and the feed itself
    need a full date, and an empty feed would have to invent one."""
    if term.kind == "undated" or not any(known_day(a) is not None for a in articles):
        return None
    return f"feeds/{term.prefix}/{term.slug}.xml"


Crumbs = Callable[[Term], list[tuple[str, str]]]


def _crumbs(axis: Axis, listings: Listings) -> Crumbs:
    """Above a listing: its axis's index, or for a term within another (a month), that
    axis's index and the term it is within (Thời gian › Năm 2017)."""
    if not axis.within:
        return lambda term: [axis.crumb]
    outer, parents = _outer(axis, listings)

    def crumbs(term: Term) -> list[tuple[str, str]]:
        parent = parents[term.parent or ""]
        return [outer.crumb, (parent.url, outer.title(parent))]
    return crumbs


def _outer(axis: Axis, listings: Listings) -> tuple[Axis, dict[str, Term]]:
    """The axis ``axis`` is within (months: years), and its terms by slug."""
    outer = listings.axis(axis.within)
    return outer, {parent.slug: parent for parent in listings.groups[outer.key]}


def _intros(axis: Axis, listings: Listings) -> Callable[[Term], Intro | None]:
    """What a listing says above its entries: the province's place in the 2025 merger
    (layout "units"), the terms within it (a year's months), or the term it is within."""
    groups = listings.groups[axis.key]
    if axis.index is not None and axis.index.layout == "units":
        return lambda term: _province_intro(term, groups)
    inner = [(a, months_by_year(listings.groups[a.key])) for a in listings.within(axis)]
    if inner:
        return lambda term: _inner_intro(
            [(a, children[term.slug]) for a, children in inner if term.slug in children])
    if axis.within:
        parents = _outer(axis, listings)[1]
        return lambda term: _parent_intro(parents.get(term.parent or ""))
    return lambda term: None


def _parent_intro(parent: Term | None) -> Intro | None:
    if parent is None:
        return None
    return lambda url: f"<p>Thuộc {link(url, parent.url, parent.label)}.</p>"


def _inner_intro(inner: list[tuple[Axis, list[tuple[Term, list[Article]]]]]) -> Intro | None:
    """"Theo tháng" and a list of the terms within this one (a year's months), each with
    its count and page links: what a year's page lists instead of the articles again."""
    if not inner:
        return None
    return lambda url: "".join(
        f"<h2>Theo {esc(axis.label.lower())}</h2><ul>"
        + "".join(f"<li>{indexes.term_item(indexes.titled(t), a, url)}</li>" for t, a in terms)
        + "</ul>"
        for axis, terms in inner)


def _review_intro(url: str) -> str:
    return ("<p>Trang dành cho biên tập viên (không có trong trang chủ và không cho công cụ "
            "tìm kiếm lập chỉ mục). Các bài dưới đây có thông tin mà bộ làm sạch chưa chắc "
            "chắn: dưới mỗi bài là tệp cần sửa và các trường cần kiểm tra; sửa xong, xóa tên "
            "trường khỏi <code>review:</code>.</p>")


def _province_intro(term: Term, groups: dict[Term, list[Article]]) -> Intro:
    """Old province: the unit it belongs to since 1/7/2025. Current: its merged members."""
    if term.kind == "old":
        current = province_term(term.parent or "", "current")
        return lambda url: (f"<p>Từ 1/7/2025, {link(url, term.url, term.label)} thuộc "
                            f"{link(url, current.url, current.label)}.</p>")
    if term.kind == "unknown":
        return lambda url: "<p>Bài không ghi hoặc ghi tỉnh, thành phố không có trong danh mục.</p>"
    members = predecessors(term.label)
    if not members:
        return lambda url: "<p>Đơn vị hành chính không sáp nhập ngày 1/7/2025.</p>"
    lead = "sáp nhập từ" if len(members) > 1 else "trước đây là"

    def intro(url: str) -> str:
        parts = ", ".join(
            f"{link(url, m.url, m.label) if m in groups else esc(m.label)} "
            f"({count_label(len(groups.get(m, ())))})" for m in members)
        return f"<p>Đơn vị hành chính từ 1/7/2025, {lead}: {parts}.</p>"
    return intro


def _feeds(listings: Listings, site_name: str) -> list[FeedSpec]:
    specs = [feed_spec(FEED_ALL, site_name, "", listings.articles, site_name)]
    for axis in (axis for axis in listings.axes if axis.feeds):
        for term, articles in listings.groups[axis.key].items():
            path = feed_path(term, articles)
            if path is not None:
                specs.append(feed_spec(path, f"{axis.title(term)} — {site_name}", term.url,
                                       articles, site_name))
    return specs
