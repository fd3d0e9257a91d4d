"""Shared fixtures: the project root, a site builder and a headless Chromium page."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def build_site(articles_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict ``mkdocs build`` of ``articles_dir`` into ``site_dir``."""
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles_dir), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the project's own ``articles/``."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "articles", site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def fixture_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made fixture archive (tests/fixtures/articles), built once per test run
    and shared: the site tests read its pages, the browser tests serve it, the fault tests
    compare a killed-then-resumed build with it. Nobody writes into it."""
    site_dir = tmp_path_factory.mktemp("fixture-site")
    result = build_site(FIXTURE_ARTICLES, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def serve_site(project_site: Path) -> Iterator[str]:
    """The project's built site, served; its base URL."""
    with serving(project_site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


# No name resolves but this machine's: a page that asked anything of another host (the
# site uses the system's fonts, mkdocs.yml `font: false`) fails at once instead of after a
# DNS timeout (5 s on a machine without a resolver, per page), the same here, in CI and offline.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no downloaded browser), offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", OFFLINE],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """A factory of browser contexts, one per viewport, made once and shared: a context
    costs 0.2–0.4 s to make and each test takes a new page in it. Sharing is safe while
    the site keeps nothing in cookies or local storage (Material's sessionStorage belongs
    to a page); ``page`` checks that after every test."""
    contexts: dict[tuple[int, int] | None, object] = {}

    def get(width: int | None = None, height: int | None = None):
        key = None if width is None or height is None else (width, height)
        if key not in contexts:
            viewport = {} if key is None else {"viewport": {"width": width, "height": height}}
            contexts[key] = browser.new_context(locale="vi-VN", **viewport)
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


@contextmanager
def page_in(context):
    """A new page in a shared context, closed on leaving with every other page the test
    opened there; the context must then hold no state a later test's page would see."""
    page = context.new_page()
    try:
        yield page
    finally:
        held = {other.url: other.evaluate(
                    "() => { try { return localStorage.length } catch { return 0 } }")
                for other in context.pages}
        for other in context.pages:
            other.close()
    assert not any(held.values()), f"localStorage written, contexts can no longer be shared: {held}"
    assert context.cookies() == [], "the site set a cookie: contexts can no longer be shared"


@pytest.fixture
def page(browser_context):
    with page_in(browser_context()) as page:
        yield page


# The fast tier (`make unit`) leaves out whatever builds a whole site or runs the command
# line in a subprocess: these modules, and any test using a built site.
_SUBPROCESS_MODULES = {
    "test_build_refuses_invalid", "test_editor_steps", "test_faults", "test_hostile_inputs",
    "test_ingest_cli", "test_site_build", "test_validate_cli", "test_workflows",
}
_BUILT_SITE_FIXTURES = {"built", "fixture_site_dir", "project_site", "serve_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        name = module.__name__ if module else ""
        if name in _SUBPROCESS_MODULES or _BUILT_SITE_FIXTURES & set(
                getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
