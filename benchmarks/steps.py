"""One function per measurement in ``make bench``; each returns a plain result dict.

Every step gets the corpus directory it measures and a scratch directory, and never
writes into the project tree. Steps that depend on code other helpers are still
writing (``scripts/ingest.py``, ``benchmarks/search_*.py``) report
``{"status": "not available"}`` instead of failing the run.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus, peers
from benchmarks.measure import run, site_stats
from newsarchive.article.model import dumps

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def load() -> list[float]:
    """The 1/5/15-minute load averages: other helpers share the 2 cores, so record them."""
    return [round(x, 2) for x in os.getloadavg()]


def _ours_cmd(tree: Path, site_dir: Path) -> list[str]:
    return [*MKDOCS, "build", "--quiet", "--config-file", str(tree / "mkdocs.yml"),
            "--site-dir", str(site_dir)]


def _env(articles: Path, tree: Path = ROOT) -> dict[str, str]:
    """``PYTHONPATH`` puts ``tree``'s newsarchive ahead of the working tree's (.pth)."""
    return {**QUIET, "NEWSARCHIVE_ARTICLES": str(articles), "PYTHONPATH": str(tree)}


def ours(articles: Path, scratch: Path, tree: Path = ROOT, workers: str | None = None,
         ) -> dict[str, Any]:
    """Our full ``mkdocs build`` of ``articles`` (not ``--strict``: we time, not lint).

    ``workers`` sets ``NEWSARCHIVE_WORKERS`` ("0": MkDocs converts every page in one
    process, the build before pre-rendering); unset, the build uses every core.
    """
    site = scratch / "site-ours"
    shutil.rmtree(site, ignore_errors=True)
    before = load()
    env = _env(articles, tree) | ({"NEWSARCHIVE_WORKERS": workers} if workers else {})
    result = run(_ours_cmd(tree, site), env, tree).as_dict()
    result.update(site_stats(site) if site.exists() else {}, load_before=before)
    shutil.rmtree(site, ignore_errors=True)
    return result


def add_article(articles: Path, index: int) -> Path:
    """Write synthetic article ``index`` (and its raw text) into an existing corpus."""
    spec = corpus.plan(index)
    taken = {path.stem for path in articles.glob("*.md")}
    slug = corpus.unique_slug(spec.title, taken)
    (articles / "raw" / spec.raw_name).write_text(corpus.raw_text(spec), encoding="utf-8")
    path = articles / f"{slug}.md"
    path.write_text(dumps(corpus.to_article(spec, slug)), encoding="utf-8")
    return path


def _remove(path: Path) -> None:
    spec_raw = re.search(r"^raw: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    if spec_raw:
        (path.parent / spec_raw.group(1).strip()).unlink(missing_ok=True)
    path.unlink()


def rebuild(articles: Path, scratch: Path, n: int, tree: Path = ROOT) -> dict[str, Any]:
    """The editor's loop with ``make build``: one article added, a second full build."""
    added = add_article(articles, n)
    try:
        return ours(articles, scratch, tree)
    finally:
        _remove(added)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _lines(stream: Any, sink: queue.Queue[tuple[float, str]]) -> None:
    for line in iter(stream.readline, ""):
        sink.put((time.perf_counter(), line))


def _wait_for(sink: queue.Queue[tuple[float, str]], needle: str, timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while True:
        stamp, line = sink.get(timeout=max(0.1, deadline - time.perf_counter()))
        if needle in line:
            return stamp
        if "ERROR" in line or "Traceback" in line:
            time.sleep(1)  # the message's last line names the error
            rest = _drain(sink)
            raise RuntimeError((rest or [line])[-1].strip())


def _drain(sink: queue.Queue[tuple[float, str]]) -> list[str]:
    lines = []
    while not sink.empty():
        lines.append(sink.get_nowait()[1])
    return [line for line in lines if line.strip()]


def _settle(sink: queue.Queue[tuple[float, str]], needle: str, timeout: float) -> float | None:
    """When ``needle`` was logged (the search index of the first build is written in a
    background thread under serve), or None after ``timeout`` seconds: the edit is timed
    once the preview has settled, as an editor who opens a page first would see it."""
    try:
        return _wait_for(sink, needle, timeout)
    except queue.Empty:
        return None


def serve(articles: Path, n: int, tree: Path = ROOT, timeout: float = 1800) -> dict[str, Any]:
    """``mkdocs serve --dirty`` as ``make serve`` runs it: seconds from writing one new
    article to "Reloading browsers" (the rebuild is done and the browser told to reload),
    once the first build's search index is written (up to 120 s)."""
    cmd = [*MKDOCS, "serve", "--dirty", "--no-strict", "--config-file", str(tree / "mkdocs.yml"),
           "--watch",
           str(articles), "--dev-addr", f"127.0.0.1:{_free_port()}"]
    sink: queue.Queue[tuple[float, str]] = queue.Queue()
    with subprocess.Popen(cmd, cwd=tree, env={**os.environ, **_env(articles, tree)}, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        threading.Thread(target=_lines, args=(process.stderr, sink), daemon=True).start()
        added: Path | None = None
        try:
            started = time.perf_counter()
            first = _wait_for(sink, "Serving on", timeout) - started
            settled = _settle(sink, "search index of", 120)
            time.sleep(2)  # let the watcher settle before the edit
            before = load()
            written = time.perf_counter()
            added = add_article(articles, n + 1)
            visible = _wait_for(sink, "Reloading browsers", timeout) - written
            return {"initial_build_s": round(first, 3), "wall_s": round(visible, 3),
                    "search_index_written_s": settled and round(settled - started, 3),
                    "load_before": before}
        except (queue.Empty, RuntimeError) as error:
            return {"status": "failed", "error": str(error) or "timed out"}
        finally:
            process.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs removes its /tmp/mkdocs_* site
            process.wait(timeout=30)
            if added:
                _remove(added)


def hugo(articles: Path, scratch: Path) -> dict[str, Any]:
    """Hugo over the same corpus converted to Hugo content (conversion not timed)."""
    try:
        binary = peers.hugo_binary()
    except FileNotFoundError as error:
        return {"status": "not available", "error": str(error)}
    source = peers.hugo_site(articles, scratch / "hugo-src")
    site = scratch / "site-hugo"
    before = load()
    result = run([binary, "--source", str(source), "--destination", str(site), "--quiet",
                  "--cleanDestinationDir", "--cacheDir", str(scratch / "hugo-cache")]).as_dict()
    result.update(site_stats(site) if site.exists() else {}, load_before=before)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(source, ignore_errors=True)
    return result


def blog(articles: Path, scratch: Path) -> dict[str, Any]:
    """Material's blog plugin (plus search, like ours) over the same corpus as posts."""
    config, posts = peers.blog_site(articles, scratch / "blog-src")
    site = scratch / "site-blog"
    before = load()
    cmd = [*MKDOCS, "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)]
    result = run(cmd, QUIET).as_dict()
    result.update(site_stats(site) if site.exists() else {}, posts=posts, load_before=before)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(config.parent, ignore_errors=True)
    return result


def ingest(n: int, scratch: Path, tree: Path = ROOT) -> dict[str, Any]:
    """``scripts/ingest.py`` over ``n`` raw texts with chrome: articles per second.

    The script is copied into ``scratch/scripts/`` and run there, so any path it derives
    from its own location (``ROOT/articles``) points into the scratch copy, never into
    the project's ``articles/``.
    """
    script = tree / "scripts" / "ingest.py"
    if not script.exists():
        return {"status": "not available", "error": "scripts/ingest.py does not exist yet"}
    home = scratch / "ingest"
    shutil.rmtree(home, ignore_errors=True)
    (home / "scripts").mkdir(parents=True)
    shutil.copy(script, home / "scripts" / "ingest.py")
    raw = home / "articles" / "raw"
    corpus.write_raw(n, raw)
    before = load()
    cmd = [sys.executable, "scripts/ingest.py", "articles/raw"]
    result = run(cmd, _env(home / "articles", tree), home).as_dict()
    written = sum(1 for path in home.rglob("*.md"))
    result.update(raw_texts=n, articles_written=written, load_before=before,
                  articles_per_s=round(n / result["wall_s"], 1) if result["wall_s"] else None)
    shutil.rmtree(home, ignore_errors=True)
    return result


def search(articles: Path, scratch: Path) -> list[dict[str, Any]]:
    """Each ``benchmarks/search_*.py`` (other helpers' index builders), if any exist.

    Contract: ``python benchmarks/search_X.py ARTICLES_DIR SCRATCH_DIR`` builds its index
    and prints one JSON object (e.g. index_s, index_bytes, bytes_per_query) as its last line.
    """
    found = sorted(Path(__file__).resolve().parent.glob("search_*.py"))
    if not found:
        return [{"name": "search", "status": "not measured",
                 "error": "no benchmarks/search_*.py yet"}]
    return [_search_one(script, articles, scratch) for script in found]


def _search_one(script: Path, articles: Path, scratch: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(script), str(articles), str(scratch / script.stem)]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **QUIET}, capture_output=True,
                          text=True, check=False)
    result: dict[str, Any] = {"name": script.stem, "returncode": done.returncode,
                              "wall_s": round(time.perf_counter() - started, 3)}
    try:
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))
    except (IndexError, json.JSONDecodeError):
        result.update(status="failed", error=done.stderr.strip()[-400:])
    return result


# Where a build's time goes. Each py-spy sample is charged to the first part, in this
# order, with a frame matching its pattern (so our code called from MkDocs is ours).
PROFILE_PARTS = (
    ("ours: pre-render workers (pages + Markdown, other cores)", r"_render_chunk"),
    ("search index hook (hooks/search.py, not ours)", r"[(/]search\.py:"),
    ("feeds (feedgen)", r"write_feeds"),
    ("validation hook (hooks/validate.py, not ours)", r"[(/]validate\.py:"),
    ("ours: parse articles (newsarchive/article.py, YAML)", r"load_articles"),
    ("ours: render pages (newsarchive/)", r"[(/]newsarchive/"),
    ("ours: archive hook (plan, compress, sitemap dates)", r"[(/]archive\.py:"),
    ("Python-Markdown: a new converter per page", r"Markdown\.__init__ \(markdown/core\.py"),
    ("Python-Markdown: convert", r"\(markdown/"),
    ("MkDocs: page meta (YAML front matter)", r"get_data \(mkdocs/utils/meta\.py"),
    ("MkDocs: sitemap and 404 (Jinja)", r"_build_theme_template"),
    ("MkDocs: write pages (Jinja, Material templates)", r"_build_page "),
    ("MkDocs: everything else (files, nav, Page objects, startup)", r"."),
)


def profile(articles: Path, scratch: Path, tree: Path = ROOT, rate: int = 100) -> dict[str, Any]:
    """py-spy samples of our full build: CPU seconds by part (:data:`PROFILE_PARTS`).

    Sampling keeps the build at its normal speed, where cProfile's per-call cost
    inflates Jinja's and Markdown's many small calls. py-spy is not a dependency:
    ``.venv/bin/pip install py-spy`` first.
    """
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if spy is None:
        return {"status": "not available", "error": "py-spy is not installed in the venv"}
    raw = scratch / "build.spy.txt"
    cmd = [spy, "record", "--nonblocking", "--subprocesses", "-r", str(rate), "-f", "raw",
           "-o", str(raw), "--",
           *_ours_cmd(tree, scratch / "site-profile")]
    before = load()
    result = run(cmd, _env(articles, tree), tree).as_dict()
    result["load_before"] = before
    shutil.rmtree(scratch / "site-profile", ignore_errors=True)
    if raw.exists():
        result["parts_s"] = spy_parts(raw.read_text(encoding="utf-8"), rate)
    return result


def spy_parts(raw: str, rate: int) -> dict[str, float]:
    """Seconds per :data:`PROFILE_PARTS` entry from py-spy's raw output ("a;b;c 12")."""
    patterns = [(label, re.compile(pattern)) for label, pattern in PROFILE_PARTS]
    seconds = dict.fromkeys([label for label, _ in PROFILE_PARTS], 0.0)
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        label = next((label for label, pattern in patterns if pattern.search(stack)),
                     PROFILE_PARTS[-1][0])
        seconds[label] += int(count) / rate
    return {label: round(value, 2) for label, value in seconds.items()}
