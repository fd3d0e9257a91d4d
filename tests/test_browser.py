"""The built site in Debian's Chromium, headless.

Besides the project's own site, the hand-made fixture archive (tests/fixtures/articles,
built once per run by conftest) is served: it has merged provinces, an unknown province,
undated and partial dates, and an article whose title and body carry ``<script>`` and
``<img onerror>``. Click depth is a link-graph walk over the built HTML (test_site.py).
Set ``NEWSARCHIVE_SCREENSHOTS=/some/dir`` to keep screenshots of the main pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import page_in, serving

pytestmark = pytest.mark.browser

HOSTILE = "bai-viet/2024/binh-dinh-hoi-nghi-ma-doc/"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SHOTS = {"home": "", "article": "bai-viet/2020/ben-tre-dai-hoi-dang-bo-van-phong-2020/",
         "province": "tinh/vinh-long/", "year": "nam/2020/", "statistics": "thong-ke/",
         "provinces-index": "tinh/"}


@pytest.fixture(scope="module")
def fixture_site(fixture_site_dir: Path) -> Iterator[str]:
    """The fixture archive (built once per run, conftest), served on a free localhost port."""
    with serving(fixture_site_dir) as url:
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
def test_main_pages_fit_the_screen(browser_context, fixture_site: str, name: str,
                                   width: str) -> None:
    """No page scrolls sideways on a phone or desktop; screenshots kept on request."""
    with page_in(browser_context(*WIDTHS[width])) as page:
        page.goto(urljoin(fixture_site, SHOTS[name]))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        target = os.environ.get("NEWSARCHIVE_SCREENSHOTS")
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(target) / f"{name}-{width}.png"), full_page=True)
    assert overflow <= 0
