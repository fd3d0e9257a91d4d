"""Seconds from saving an article to the reloaded page under ``mkdocs serve`` (the editor's loop).

An editor runs ``make serve``, fixes a field, saves, and looks at the browser. This
script does exactly that over a synthetic archive: it generates N valid articles with
``benchmarks/corpus.py``, starts ``mkdocs serve`` on them, opens one article's page in
headless Chromium (Debian's, driven by Playwright), appends a sentence to that article,
and times how long until the page shows the sentence (MkDocs' livereload). It also
times the validation hook's share: a cold pass over the archive and the pass after one
changed file, which re-reads only that file (cache by path, mtime_ns and size).

    python benchmarks/preview_reload.py                # 1,000 articles, 3 edits
    python benchmarks/preview_reload.py --articles 200 --edits 5
    python benchmarks/preview_reload.py --articles 10000 --output results-10k.json

Writes ``benchmarks/results/preview-reload.json`` (or ``--output``).
Not a test: tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from newsarchive.article.validate import Validator

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "benchmarks" / "results" / "preview-reload.json"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVE_FLAGS = ("--dirty", "--no-strict")  # as `make serve`: rewrite only the pages that changed


def _corpus(count: int, out: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "articles",
                    str(count), str(out)], check=True, capture_output=True)
    return out


def _page_of(article: Path, articles: Path, work: Path) -> tuple[str, str]:
    """(URL path, a sentence of its body) for ``article``: found in a plain build of the site."""
    site = work / "site"
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                    str(ROOT / "mkdocs.yml"), "--site-dir", str(site)], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    slug = article.stem
    for page in site.rglob(f"{slug}/index.html"):
        return "/" + page.parent.relative_to(site).as_posix() + "/", slug
    raise SystemExit(f"no page for {slug} in the built site")


def _serve(articles: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSARCHIVE_ARTICLES": str(articles), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "--config-file",
         str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}", "--watch", str(articles)],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.poll() is not None:
            raise SystemExit("mkdocs serve exited; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"mkdocs serve did not come up in {timeout:.0f}s")


def _wait_for_log(log: Path, needle: str, timeout: float) -> None:
    """Until the serve log shows ``needle``: under serve the search index of the first
    build is written in a background thread, and an editor opens a page before saving."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and needle not in log.read_text("utf-8", "replace"):
        time.sleep(0.5)


def _edit_and_wait(page, article: Path, number: int, timeout_ms: int) -> float:
    marker = f"Câu kiểm tra tải lại số {number} {time.time_ns()}."
    text = article.read_text("utf-8").rstrip("\n") + f"\n\n{marker}\n"
    start = time.monotonic()
    article.write_text(text, "utf-8")
    shows = "m => !!document.body && document.body.innerText.includes(m)"  # null mid-reload
    page.wait_for_function(shows, arg=marker, timeout=timeout_ms, polling=50)
    return time.monotonic() - start


def _browser_seconds(url: str, article: Path, edits: int, timeout_ms: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page()
        page.goto(url, wait_until="load")
        time.sleep(1.0)  # let livereload's long poll connect before the first edit
        seconds = []
        for number in range(1, edits + 1):
            seconds.append(_edit_and_wait(page, article, number, timeout_ms))
            time.sleep(1.0)
        browser.close()
    return seconds


def _validation_seconds(articles: Path) -> dict[str, float | int]:
    """The hook's cost: a cold pass, then a pass after one file changed."""
    validator = Validator()
    start = time.perf_counter()
    validator.check_archive(articles)
    cold = time.perf_counter() - start
    parsed_cold = validator.parsed
    changed = sorted(articles.glob("*.md"))[0]
    changed.write_text(changed.read_text("utf-8") + "\nMột câu mới.\n", "utf-8")
    start = time.perf_counter()
    validator.check_archive(articles)
    warm = time.perf_counter() - start
    return {"cold_seconds": round(cold, 3), "cold_files_parsed": parsed_cold,
            "one_changed_seconds": round(warm, 3),
            "one_changed_files_parsed": validator.parsed - parsed_cold}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="archive size (1000)")
    parser.add_argument("--edits", type=int, default=3, help="saves to time (3)")
    parser.add_argument("--port", type=int, default=8765, help="mkdocs serve port (8765)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per wait (300)")
    parser.add_argument("--output", type=Path, default=RESULT,
                        help="results file (benchmarks/results/preview-reload.json)")
    args = parser.parse_args(argv)
    load_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="preview-reload-") as tmp:
        work = Path(tmp)
        articles = _corpus(args.articles, work / "articles")
        validation = _validation_seconds(articles)
        article = sorted(articles.glob("*.md"))[len(list(articles.glob("*.md"))) // 2]
        path, _ = _page_of(article, articles, work)
        log = work / "serve.log"
        server = _serve(articles, args.port, log)
        try:
            url = f"http://127.0.0.1:{args.port}{path}"
            first_build = _wait_until_up(url, server, args.timeout)
            _wait_for_log(log, "search index of", 120)
            seconds = _browser_seconds(url, article, args.edits, int(args.timeout * 1000))
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs removes its /tmp/mkdocs_* site
            server.wait(timeout=30)
        builds = [float(s) for s in _BUILT.findall(log.read_text("utf-8", "replace"))]
    result = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": args.articles, "edits": args.edits,
        "save_to_reloaded_page_seconds": [round(s, 2) for s in seconds],
        "median_seconds": round(statistics.median(seconds), 2),
        "first_serve_ready_seconds": round(first_build, 2),
        "mkdocs_build_seconds_per_rebuild": builds[1:],
        "validation_hook": validation,
        "serve_flags": list(SERVE_FLAGS),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": load_start,
                    "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
