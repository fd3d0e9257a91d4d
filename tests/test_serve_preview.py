"""``make serve`` with an invalid article: the preview keeps answering and shows the problems.

Runs ``mkdocs serve`` as the Makefile does (``--dirty --no-strict``) on a free port over
an archive of fixture articles plus broken ones, and reads the pages in Chromium. The
strict build of the same archive is refused (tests/test_build_refuses_invalid.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = FIXTURES / "broken_articles"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen[str], attempts: int = 240) -> None:
    """Poll until the server answers (a fixed number of tries; no clock is asserted)."""
    for _ in range(attempts):
        if process.poll() is not None:
            raise AssertionError(f"mkdocs serve exited: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise AssertionError(f"no answer from {url}")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve") / "articles"


@pytest.fixture(scope="module")
def preview(articles: Path) -> Iterator[str]:
    shutil.copytree(FIXTURES / "articles", articles)
    shutil.copytree(BROKEN / "raw", articles / "raw", dirs_exist_ok=True)
    for name in ("loai-su-kien-la.md", "yaml-sai.md"):
        shutil.copy(BROKEN / name, articles / name)
    port = _free_port()
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
         "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(ROOT / "mkdocs.yml"),
         "--watch", str(articles)],  # mkdocs.yml watches articles/, not this folder
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base, process)
        yield base
    finally:
        # Ctrl-C, as an editor stops it: MkDocs then removes its temporary site folder
        # (/tmp/mkdocs_*, which SIGTERM left behind at every test run).
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_home_answers_and_names_each_invalid_article(page, preview: str) -> None:
    page.goto(preview)
    notice = page.locator(".na-invalid")
    assert "2 bài chưa hợp lệ" in notice.inner_text()
    listed = page.locator(".na-entry, ul.na-list > li")
    assert listed.count() > 0, "the valid articles are still listed"
    notice.get_by_role("link", name="loai-su-kien-la.md").click()
    page.wait_for_load_state()
    assert page.url == preview + "bai-viet/2012/loai-su-kien-la/"
    assert "Bài chưa hợp lệ: loai-su-kien-la.md" in page.locator("h1").inner_text()
    problems = page.locator(".na-problems li").all_inner_texts()
    assert any("dòng 6" in p and "event_type" in p and '"hop-bao"' in p for p in problems)
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"


def test_an_unreadable_article_gets_a_page_of_its_own(page, preview: str) -> None:
    page.goto(preview + "bai-loi/yaml-sai/")
    assert "yaml-sai.md" in page.locator("h1").inner_text()
    assert "YAML không hợp lệ" in page.locator(".na-problems").inner_text()


@pytest.mark.parametrize("path", ["tinh/", "nam/", "thong-ke/", "huong-dan/"],
                         ids=["provinces", "years", "stats", "guide"])
def test_the_rest_of_the_site_keeps_working(page, preview: str, path: str) -> None:
    response = page.goto(preview + path)
    assert response is not None and response.status == 200
    assert "loai-su-kien-la" not in page.content(), "an invalid article is in no listing"


def test_an_article_broken_while_serving_becomes_its_problem_page(page, preview: str,
                                                                  articles: Path) -> None:
    """The editor's loop: save a mistake, the preview rebuilds and shows it (no hang)."""
    good = (BROKEN / "hop-le.md").read_text("utf-8")
    (articles / "vua-luu.md").write_text(
        good.replace("event_type: tong-ket", "event_type: so ket"), "utf-8")
    url = preview + "bai-viet/2012/vua-luu/"
    for _ in range(240):  # a bounded number of polls; no clock is asserted
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if "Bài chưa hợp lệ" in response.read().decode("utf-8"):
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    page.goto(url)
    problems = page.locator(".na-problems").inner_text()
    assert '"so ket" không hợp lệ (có phải "so-ket"?)' in problems
    page.goto(preview)
    assert "vua-luu.md" in page.locator(".na-invalid").inner_text()
