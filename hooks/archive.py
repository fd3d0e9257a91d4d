"""MkDocs hooks: hand the archive's generated pages and feeds to MkDocs.

Thin adapter: everything about articles lives in ``newsarchive``; this file only
turns its plain data into ``File.generated`` pages (never in the nav), renders each
page when MkDocs reads it and frees it once written (a 100k archive's HTML would not
fit in memory), puts each page's pre-rendered, escaped HTML around its converted
Markdown, sets the sitemap ``lastmod`` from the page's own date, and writes the feeds
and robots.txt after the build. The articles folder is ``articles/`` beside mkdocs.yml, or
``$NEWSARCHIVE_ARTICLES`` (tests and benchmarks build other corpora with it).

Article pages (most of the site) never become MkDocs pages: once MkDocs has its theme
environment and navigation (``on_env``), worker processes on every core render, lay out
with MkDocs' own template and context, and write them while MkDocs writes the rest
(``newsarchive.site.standalone``); the sitemap lists them through ``archive_pages``. The
other generated pages are rendered ahead in workers too (``newsarchive.site.prerender``):
MkDocs reads an empty source for each and gets the finished content in its place.
``$NEWSARCHIVE_WORKERS`` sets the workers, 0 for one process (the reference build).

Under ``mkdocs serve --dirty`` (``make serve``) a page whose meta, Markdown and HTML
are unchanged since this process last wrote it into the same site folder reports
itself unmodified, so MkDocs skips it: one saved article rewrites the few dozen pages
it shows on, not the whole archive. ``mkdocs build`` always writes every page.
"""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date
from mkdocs.utils.templates import TemplateContext

from newsarchive.article.validate import shown_path
from newsarchive.errors import ArchiveError
from newsarchive.files import atomic_write, remove_dead_temps
from newsarchive.site.build import (
    Memo,
    articles_dir,
    build_site,
    checked_problems,
    load_articles,
    robots_txt,
)
from newsarchive.site.compact import compact_html
from newsarchive.site.feeds import FeedSpec, write_feeds
from newsarchive.site.pages import Page as GeneratedPage
from newsarchive.site.pages import PageRenderer
from newsarchive.site.prerender import (
    HEAVY_META,
    Background,
    Rendered,
    build_workers,
    pack,
    prerender,
    source_of,
    unpack,
)
from newsarchive.site.sitemaps import write_sitemaps
from newsarchive.site.standalone import (
    PageLayout,
    PageView,
    Target,
    page_address,
    sitemap_entries,
    write_pages,
)


class ArchiveFile(File):
    """A generated page whose ``is_modified`` says whether its inputs changed (``--dirty``)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


@dataclass
class _Build:
    """What the hooks share during one build; ``written`` and ``memo`` outlive it (serve)."""

    incremental: bool = False
    serving: bool = False
    renderers: dict[str, PageRenderer] = field(default_factory=dict)
    rendered: dict[str, GeneratedPage] = field(default_factory=dict)  # until inserted
    packed: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # until written
    feeds: list[FeedSpec] = field(default_factory=list)
    pending: dict[str, tuple[int, str]] = field(default_factory=dict)  # src → (print, dest)
    lastmod: dict[str, str] = field(default_factory=dict)
    robots: dict[str, str] = field(default_factory=dict)  # serve: e.g. "noindex", by src
    written: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)  # by site_dir
    written_feeds: dict[str, dict[str, FeedSpec]] = field(default_factory=dict)
    # serve: by site_dir, each article page's (context, Page, fingerprint) of the last build
    known: dict[str, dict[str, tuple[int, GeneratedPage, int]]] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)
    ahead: Generator[tuple[str, Rendered], None, None] | None = None  # full builds: pages in order
    prerendered: dict[str, Rendered] = field(default_factory=dict)  # until inserted
    articles: dict[str, str] = field(default_factory=dict)  # article src → sitemap date
    own: list[tuple[str, PageRenderer]] = field(default_factory=list)  # pages we write
    nav: Navigation | None = None
    writing: Background | None = None


_build = _Build()
log = logging.getLogger("mkdocs.hooks.archive")


def _articles_dir(config: MkDocsConfig) -> Path:
    return articles_dir(Path(config.config_file_path).parent)


def on_startup(command: str, dirty: bool) -> None:
    _build.incremental = command == "serve" and dirty
    _build.serving = command == "serve"


@event_priority(100)  # before the validation hook: the whole rebuild
def on_pre_build(config: MkDocsConfig) -> None:
    """A preview rebuild runs without Python's cycle collector (back on at its end).

    The serving process holds ~300,000 tracked objects at 10k articles (the articles,
    the memo's pages, MkDocs' nav); a rebuild allocates enough to set off two full
    collections, ~0.4 s of a ~2 s rebuild, while it frees almost everything by reference
    counting. Collections resume once the pages are written, off the editor's wait
    (the search index, written a few seconds later, sets them off). Not for the first
    build, whose MkDocs pages leave cyclic garbage (a Markdown converter each).
    """
    if _build.incremental and config.site_dir in _build.written:
        gc.disable()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    memo = _build.memo if _build.incremental else None
    folder = _articles_dir(config)
    # Serve only: hooks/validate.py let invalid articles through; each becomes a page of its
    # problems (a build has stopped before this point): the ones it found, not a second check.
    problems = checked_problems(shown_path(folder)) if _build.serving else []
    skipped: list[ArchiveError] = []
    articles = load_articles(folder, skipped)
    if skipped and config.strict:  # the validator should have refused these first
        raise PluginError("Bài viết không đọc được, trang web sẽ thiếu bài:\n"
                          + "\n".join(str(error) for error in skipped))
    for error in skipped:
        log.warning("%s (bỏ qua)", error)
    site = build_site(articles, config.site_name, memo, problems, config.site_url or "")
    _build.feeds = site.feeds
    _build.renderers = dict(site.pages)
    _build.articles = site.articles
    _build.own = [(src_uri, _build.renderers.pop(src_uri)) for src_uri in site.articles]
    _build.rendered.clear()
    if _build.incremental:
        _plan_incremental(files, config)
    else:
        for src_uri in _build.renderers:
            files.append(ArchiveFile.generated(config, src_uri, content=""))  # read on demand
        workers = build_workers()
        if workers:  # in the order MkDocs will read them, so few wait rendered
            jobs = [(file.src_uri, _build.renderers[file.src_uri])
                    for file in files.documentation_pages() if file.src_uri in _build.renderers]
            _build.ahead = prerender(jobs, config.markdown_extensions,
                                     config.mdx_configs or {}, workers)
    return files


def _plan_incremental(files: Files, config: MkDocsConfig) -> None:
    """Render every page now and mark unchanged ones unmodified, so MkDocs skips them."""
    written = _build.written.get(config.site_dir, {})
    context = _context_fingerprint(config)
    _build.pending, _build.lastmod, _build.robots = {}, {}, {}
    own, _build.own = _build.own, []
    known = _build.known.get(config.site_dir, {})
    _build.known[config.site_dir] = now = {}
    for src_uri, render in own:  # written in on_env if changed, by this process
        page = render()
        hit = known.get(src_uri)
        # The memo gives back the very Page of the last build while the article and its
        # neighbours are unchanged: its fingerprint is known, no need to hash it again
        # (10,000 pages' meta and HTML on every preview rebuild at 10k).
        fingerprint = hit[2] if hit is not None and hit[0] == context and hit[1] is page \
            else _fingerprint(context, page)
        now[src_uri] = (context, page, fingerprint)
        dest = os.path.join(config.site_dir, page_address(src_uri, "")[1])
        if written.get(src_uri) != (fingerprint, dest) or not os.path.isfile(dest):
            _build.own.append((src_uri, partial(_same, page)))
        _build.pending[src_uri] = (fingerprint, dest)
    for src_uri, render in _build.renderers.items():
        page = render()
        fingerprint = _fingerprint(context, page)
        file = ArchiveFile.generated(config, src_uri, content="")
        file.modified = (written.get(src_uri) != (fingerprint, file.abs_dest_path)
                         or not os.path.isfile(file.abs_dest_path))
        if file.modified:
            _build.rendered[src_uri] = page
        _build.pending[src_uri] = (fingerprint, file.abs_dest_path)
        _build.lastmod[src_uri] = str(page.meta.get("lastmod") or "")
        if page.meta.get("robots"):
            _build.robots[src_uri] = str(page.meta["robots"])
        files.append(file)
    _build.renderers.clear()


def _fingerprint(context: int, page: GeneratedPage) -> int:
    """What a page's HTML is made of: unchanged since it was written, it is skipped."""
    return hash((context, repr(page.meta), page.body, page.before, page.after))


def _same(page: GeneratedPage) -> GeneratedPage:
    return page


def _context_fingerprint(config: MkDocsConfig) -> int:
    """What every page's HTML also depends on: the config file, docs and theme overrides."""
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    folders = [config.docs_dir, *(d for d in config.theme.dirs if d.startswith(project))]
    stamps = [(config.config_file_path, os.stat(config.config_file_path).st_mtime_ns)
              if config.config_file_path else ("", 0)]
    for folder in folders:
        for root, _, names in os.walk(folder):
            stamps += [(os.path.join(root, name), os.stat(os.path.join(root, name)).st_mtime_ns)
                       for name in names]
    return hash(tuple(sorted(stamps)))


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    src_uri = page.file.src_uri
    # Only a planned page is waited for: a page of docs/ must not drain the workers' queue.
    if _build.ahead is not None and src_uri in _build.renderers and _take_prerendered(src_uri):
        del _build.renderers[src_uri]
        return source_of("")  # converted already: MkDocs converts an empty page
    generated = _build.rendered.get(src_uri)
    if generated is None:
        render = _build.renderers.pop(src_uri, None)
        if render is None:
            return None  # a page of docs/
        generated = _build.rendered[src_uri] = render()
    return source_of(generated.body)


def _take_prerendered(src_uri: str) -> bool:
    """Move the pre-rendered pages up to ``src_uri`` into ``prerendered``; MkDocs reads
    them in the order they were planned, so this seldom holds more than one."""
    assert _build.ahead is not None
    while src_uri not in _build.prerendered:
        upcoming = next(_build.ahead, None)
        if upcoming is None:
            return False
        _build.prerendered[upcoming[0]] = upcoming[1]
    return True


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build.rendered.get(page.file.src_uri)
    ready = _build.prerendered.get(page.file.src_uri)
    if generated is not None:
        page.meta = dict(generated.meta)
    elif ready is not None:
        page.meta = dict(ready.meta)
    # MkDocs gives every page the build date; an article's sitemap lastmod is its own date.
    if page.meta.get("lastmod"):
        page.update_date = str(page.meta["lastmod"])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    ready = _build.prerendered.pop(page.file.src_uri, None)
    if ready is not None:  # the skip link and any table of contents use page.toc
        page.toc = get_toc(ready.toc)
        _build.packed[page.file.src_uri] = (ready.content, ready.heavy)
        page.markdown = ""
        return ""
    generated = _build.rendered.pop(page.file.src_uri, None)  # freed once used
    if generated is None:
        return html
    # MkDocs converts every page before it writes any, holding all their HTML at once
    # (400 MB at 10k articles): ours waits compressed (~5x smaller) until written, with
    # the meta only the template needs (an article's JSON-LD is ~3 KB).
    heavy = {key: page.meta.pop(key) for key in HEAVY_META if key in page.meta}
    content = f"{generated.before}{html}{generated.after}"
    meta = json.dumps(heavy, ensure_ascii=False)
    _build.packed[page.file.src_uri] = (pack(content), pack(meta))
    page.markdown = ""
    return ""


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
    packed = _build.packed.pop(page.file.src_uri, None)
    if packed is not None:
        page.content = unpack(packed[0])
        page.meta.update(json.loads(unpack(packed[1])))
    return context


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _build.nav = nav  # the article pages' template context, in on_env
    return nav


class _CompiledTemplates(BytecodeCache):
    """Theme templates compiled once per ``mkdocs serve`` process, not on every rebuild.

    MkDocs makes a new Jinja environment for each build, which compiles the ~30 theme
    templates again (~0.2 s of each preview rebuild). Jinja checks each entry against its
    template's source, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> None:
    if _build.serving:
        env.bytecode_cache = _compiled
    # Pages skipped by --dirty were not read: give them their sitemap date all the same.
    for file in files.documentation_pages():
        if isinstance(file, ArchiveFile) and not file.modified and file.page is not None:
            file.page.update_date = _build.lastmod.get(file.src_uri) or file.page.update_date
            # and their robots meta: the sitemap leaves out "noindex" pages (can-xem-lai/).
            if file.src_uri in _build.robots:
                file.page.meta = {"robots": _build.robots[file.src_uri]}
    assert _build.nav is not None
    target = Target(_layout(env, config, _build.nav, files), config.site_dir,
                    config.site_url or "", config.markdown_extensions, config.mdx_configs or {})
    workers = 0 if _build.incremental else build_workers()
    _build.writing = write_pages(_build.own, target, workers)  # MkDocs writes the rest meanwhile
    _build.own = []


def _layout(env: Environment, config: MkDocsConfig, nav: Navigation, files: Files,
            ) -> PageLayout:
    """An article page laid out as MkDocs' ``_build_page`` would: its template with MkDocs'
    own context, then ``on_post_page``'s compaction."""
    pages = files.documentation_pages()
    env.get_template("archive.html")  # compiled once, before the workers fork

    def layout(view: PageView) -> str:
        context = get_context(nav, pages, config, cast(Page, view))
        template = env.get_template(view.meta.get("template", "main.html"))
        return compact_html(template.render(context))
    return layout


def on_template_context(context: TemplateContext, template_name: str,
                        config: MkDocsConfig) -> TemplateContext:
    if template_name == "sitemap.xml":  # the article pages, which are not MkDocs pages
        context["archive_pages"] = sitemap_entries(_build.articles, config.site_url or "",
                                                   get_build_date())
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if isinstance(page.file, ArchiveFile):  # written now; MkDocs would keep it to the end
        # robots stays: overrides/sitemap.xml leaves "noindex" pages out of the sitemap.
        page.content, page.meta = None, {"robots": page.meta.get("robots")}
    return compact_html(output)


def on_post_build(config: MkDocsConfig) -> None:
    if _build.writing is not None:
        writing, _build.writing = _build.writing, None
        writing.wait()
    site_dir = Path(config.site_dir)
    feeds = _build.feeds
    if _build.incremental:
        previous = _build.written_feeds.setdefault(config.site_dir, {})
        for gone in previous.keys() - {spec.path for spec in feeds}:
            (site_dir / previous.pop(gone).path).unlink(missing_ok=True)
        feeds = [spec for spec in feeds if not _same_feed(previous.get(spec.path), spec)
                 or not (site_dir / spec.path).is_file()]
        previous.update((spec.path, spec) for spec in feeds)
        _remove_stale(_build.written.get(config.site_dir, {}), _build.pending)
        _build.written[config.site_dir] = _build.pending
    if not _build.incremental:  # a killed build's temporary files (MkDocs keeps dot files)
        remove_dead_temps([site_dir, *(p for p in (site_dir / "feeds").rglob("*") if p.is_dir())])
    write_feeds(feeds, site_dir, config.site_url or "/")
    atomic_write(site_dir / "robots.txt", robots_txt(config.site_url or "/"))
    write_sitemaps(site_dir, config.site_url or "")
    _build.feeds, _build.pending, _build.renderers = [], {}, {}
    _build.rendered.clear()
    _build.packed.clear()
    _stop_prerendering()
    gc.enable()


def _stop_prerendering() -> None:
    if _build.ahead is not None:
        _build.ahead.close()
    _build.ahead = None
    _build.prerendered.clear()


def _remove_stale(before: dict[str, tuple[int, str]], now: dict[str, tuple[int, str]]) -> None:
    """Delete pages of the last build that this one no longer has (a deleted article, the
    last page of a shorter listing), as a full build would not write them."""
    for src_uri in before.keys() - now.keys():
        Path(before[src_uri][1]).unlink(missing_ok=True)


def _same_feed(old: FeedSpec | None, new: FeedSpec) -> bool:
    return (old is not None and (old.title, old.page) == (new.title, new.page)
            and len(old.articles) == len(new.articles)
            and all(a is b for a, b in zip(old.articles, new.articles, strict=True)))


def on_build_error(error: Exception) -> None:
    # Whatever this build wrote is unknown: the next one rewrites every page.
    gc.enable()
    _stop_prerendering()
    if _build.writing is not None:
        _build.writing.stop()
        _build.writing = None
    _build.own = []
    _build.written.clear()
    _build.written_feeds.clear()
    _build.known.clear()
