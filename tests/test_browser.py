"""The built site in Debian's Chromium, headless.

Besides the project's own site, the hand-made fixture archive (tests/fixtures/articles)
is built and served: it has merged provinces, an unknown province, undated and partial
dates, and an article whose title and body carry ``<script>`` and ``<img onerror>``.
Set ``NEWSARCHIVE_SCREENSHOTS=/some/dir`` to keep screenshots of the main pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, build_site, serving

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLE_COUNT = len(list(FIXTURES.glob("*.md")))
HOSTILE = "bai-viet/2024/binh-dinh-hoi-nghi-ma-doc/"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SHOTS = {"home": "", "article": "bai-viet/2020/ben-tre-dai-hoi-dang-bo-van-phong-2020/",
         "province": "tinh/vinh-long/", "year": "nam/2020/", "statistics": "thong-ke/",
         "provinces-index": "tinh/"}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture archive, built strictly and served on a free localhost port."""
    site_dir = tmp_path_factory.mktemp("fixture-site")
    result = build_site(FIXTURES, site_dir)
    assert result.returncode == 0, result.stderr
    with serving(site_dir) as url:
        yield url


def test_home_page_renders_in_vietnamese(page, serve_site: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(serve_site)
    page.wait_for_load_state("networkidle")
    assert failed == []  # no asset, feed or sitemap request goes astray
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Lưu trữ tin Văn phòng UBND tỉnh" in page.title()
    assert page.locator("h1").first.inner_text().startswith("Lưu trữ tin")


def _content_links(page, url: str) -> list[str]:
    """Absolute URLs of the links in a page's main content (not header, nav or footer)."""
    page.goto(url)
    hrefs = page.locator("article.md-content__inner a[href]").evaluate_all(
        "links => links.map(a => a.href)")
    return [href.split("#")[0] for href in hrefs]


def _articles_within_three_clicks(page, base: str, axis: str) -> set[str]:
    """home → axis index → listing page → article, following only links on those pages."""
    axis_url = urljoin(base, axis)
    assert axis_url in _content_links(page, base), f"home has no link to {axis}"
    listings = {u for u in _content_links(page, axis_url)
                if u.startswith(axis_url) and u != axis_url}
    found: set[str] = set()
    for listing in sorted(listings):
        found.update(u for u in _content_links(page, listing) if "/bai-viet/" in u)
    return {urlsplit(u).path for u in found}


@pytest.mark.parametrize("axis", ["tinh/", "nam/", "su-kien/"], ids=["province", "time", "event"])
def test_every_article_is_three_clicks_from_home(page, fixture_site: str, axis: str) -> None:
    reached = _articles_within_three_clicks(page, fixture_site, axis)
    assert len(reached) == ARTICLE_COUNT, sorted(reached)


def test_script_in_title_and_body_shows_as_text_and_never_runs(page, fixture_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(urljoin(fixture_site, HOSTILE))
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    heading = page.locator("h1.na-headline").inner_text()
    assert heading.startswith("<script>alert(1)</script> Hội nghị <img src=x onerror=alert(2)>")
    assert page.locator("img[src='x'], [onerror], [onclick]").count() == 0
    scripts = page.locator("script:not([src]):not([type='application/ld+json'])")
    assert not any("alert(" in text for text in scripts.evaluate_all("s => s.map(e => e.text)"))
    body = page.locator("article.md-content__inner").inner_text()
    assert "<div onclick=\"alert(14)\">Khối HTML</div>" in body


@pytest.mark.parametrize("name", list(SHOTS), ids=list(SHOTS))
@pytest.mark.parametrize("width", list(WIDTHS), ids=list(WIDTHS))
def test_main_pages_fit_the_screen(browser, fixture_site: str, name: str, width: str) -> None:
    """No page scrolls sideways on a phone or desktop; screenshots kept on request."""
    w, h = WIDTHS[width]
    context = browser.new_context(locale="vi-VN", viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(urljoin(fixture_site, SHOTS[name]))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    target = os.environ.get("NEWSARCHIVE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}-{width}.png"), full_page=True)
    context.close()
    assert overflow <= 0
