"""Reader search, measured: our index beside Material's lunr search and plain Pagefind.

For each engine and corpus size: index build time and peak memory, index size on disk,
and for each query, in a fresh headless Chromium context (cold cache), the time to the
first page of results and the bytes the search fetched to get there (counted from
Playwright's ``requestfinished`` events: body + headers of every search request).

* ours: ``newsarchive.search.build_index`` straight from the articles folder, queried
  through ``docs/assets/search/search.js`` (first 10 results + their records);
* pagefind: ``python -m pagefind`` (PyPI ``pagefind[extended]``, requirements-bench.txt)
  over one plain HTML page per article, queried through ``pagefind.js``;
* lunr: ``mkdocs build`` of one Markdown page per article with Material's search plugin,
  queried by typing in Material's header search (its index loads in a worker).

Examples::

    python benchmarks/search_bench.py --sizes 1000,10000 --engines ours,pagefind,lunr
    python benchmarks/search_bench.py --sizes 100000 --engines ours --merge
    python benchmarks/search_bench.py ARTICLES_DIR SCRATCH_DIR   # `make bench` contract:
                                                                 # ours only, JSON last line

Results go to ``benchmarks/results/search-<date>.json`` and ``.md`` (``--merge`` keeps
the rows already there for other sizes and engines).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, too

from benchmarks.measure import run  # noqa: E402
from newsarchive.site.search import iter_articles  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERIES = ("dang bo", "van phong ubnd", "Đảng ủy", "Đảng uỷ", "dai hoi", "kien giang",
           "chuyen doi so", "xyzzy")
# Ours only: a facet, and relevance order (which reads every block of every term).
OUR_EXTRAS = (("dang bo", {"province": "Gia Lai"}, "date"),
              ("dang bo van phong", {}, "relevance"))
QUERY_TIMEOUT_S = 300


# --- serving and measuring in Chromium ---------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()  # a closed browser context drops its connections


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def measure_query(browser, url: str, counts: Callable[[str], bool],
                  ask: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """Load ``url`` in a fresh context, then time ``ask(page)``; count search bytes."""
    context = browser.new_context()
    fetched: list[int] = []

    def finished(request) -> None:
        if counts(request.url):
            sizes = request.sizes()
            fetched.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    context.on("requestfinished", finished)
    page = context.new_page()
    page.set_default_timeout(QUERY_TIMEOUT_S * 1000)
    try:
        page.goto(url, wait_until="domcontentloaded")
        result = ask(page)
        page.wait_for_timeout(50)  # let the last requestfinished events arrive
    except Exception as error:  # noqa: BLE001 - a timed-out engine is a result, not a crash
        result = {"error": str(error).splitlines()[0][:200]}
    finally:
        context.close()
    return {**result, "bytes": sum(fetched), "requests": len(fetched)}


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])


# --- ours --------------------------------------------------------------------------------

OUR_PAGE = '<!doctype html><meta charset="utf-8"><script src="search.js"></script>'
OUR_ASK = """async ([text, filters, sort]) => {
  const ns = window.NewsarchiveSearch, t0 = performance.now();
  const index = new ns.Index(new URL("search/", location.href));
  const search = new ns.Search(index, text, filters, sort);
  const records = await index.records(await search.more());
  return {ms: performance.now() - t0, shown: records.length, total: search.total(),
          more: !search.done, first: records.length ? records[0][0] : null};
}"""


def build_ours(articles: Path, work: Path) -> dict[str, Any]:
    web = work / "web"
    shutil.rmtree(web, ignore_errors=True)
    web.mkdir(parents=True)
    code = ("import sys; from pathlib import Path; from newsarchive.site.search import build_index,"
            " iter_articles; build_index(iter_articles(Path(sys.argv[1])), Path(sys.argv[2]))")
    measured = run([sys.executable, "-c", code, str(articles), str(web / "search")], cwd=ROOT)
    shutil.copy(ROOT / "docs" / "assets" / "search" / "search.js", web / "search.js")
    (web / "index.html").write_text(OUR_PAGE, "utf-8")
    return {**measured.as_dict(), **disk_size(web / "search"), "site": str(web)}


def query_ours(browser, url: str) -> list[dict[str, Any]]:
    rows = []
    for text, filters, sort in [(q, {}, "date") for q in QUERIES] + list(OUR_EXTRAS):
        row = measure_query(browser, url, lambda u: "/search" in u,
                            lambda page, a=(text, filters, sort): page.evaluate(OUR_ASK, list(a)))
        rows.append({"query": text, "filters": filters, "sort": sort, **row})
    return rows


# --- pagefind ----------------------------------------------------------------------------

PF_PAGE = '<!doctype html><meta charset="utf-8"><title>bench</title>'
PF_ASK = """async (text) => {
  const t0 = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const found = await pagefind.search(text);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, shown: data.length, total: found.results.length,
          first: data.length ? data[0].meta.title : null};
}"""


def write_html_pages(articles: Path, site: Path) -> None:
    """One plain page per article: what Pagefind indexes (not part of the timed build)."""
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for article in iter_articles(articles):
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.body.split("\n\n"))
        (site / f"{article.slug}.html").write_text(
            f'<!doctype html><html lang="vi"><meta charset="utf-8">'
            f"<title>{html.escape(article.title)}</title><body><main>"
            f"<h1>{html.escape(article.title)}</h1>{paragraphs}</main></body></html>", "utf-8")
    (site / "bench.html").write_text(PF_PAGE, "utf-8")


def build_pagefind(articles: Path, work: Path) -> dict[str, Any]:
    site = work / "site"
    write_html_pages(articles, site)
    measured = run([sys.executable, "-m", "pagefind", "--site", str(site)], cwd=ROOT)
    return {**measured.as_dict(), **disk_size(site / "pagefind"), "site": str(site)}


def query_pagefind(browser, url: str) -> list[dict[str, Any]]:
    return [{"query": text, **measure_query(
        browser, url + "bench.html", lambda u: "/pagefind/" in u,
        lambda page, t=text: page.evaluate(PF_ASK, t))} for text in QUERIES]


# --- Material's lunr ---------------------------------------------------------------------

# The nav lists the home page only: Material's automatic nav would put every article's
# link on every page (3.5 MB per page at 10k; the build goes quadratic). The search
# index still holds every page.
LUNR_CONFIG = """site_name: bench
docs_dir: docs
nav:
  - index.md
theme:
  name: material
  language: vi
plugins:
  - search
"""


def build_lunr(articles: Path, work: Path) -> dict[str, Any]:
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Bench\n", "utf-8")
    for article in iter_articles(articles):
        (docs / f"{article.slug}.md").write_text(f"# {article.title}\n\n{article.body}\n", "utf-8")
    (work / "mkdocs.yml").write_text(LUNR_CONFIG, "utf-8")
    measured = run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f",
                    str(work / "mkdocs.yml"), "-d", str(work / "site")], cwd=work)
    index = work / "site" / "search" / "search_index.json"
    return {**measured.as_dict(), "index_bytes": index.stat().st_size if index.exists() else 0,
            "index_files": 1, "site": str(work / "site"),
            "note": "whole mkdocs build, nav = home only"}


# Material's results box passes through transient states while its worker loads the
# index (an early "Không tìm thấy" for "van phong ubnd" at 1k, then "1k tài liệu"): wait
# until a final state has held for LUNR_SETTLE_MS, and time the moment it first appeared.
LUNR_SETTLE_MS = 1500
LUNR_WAIT = """(settle) => {
  const meta = document.querySelector(".md-search-result__meta");
  const text = meta ? meta.textContent : "";
  const final = document.querySelector(".md-search-result__item") !== null ||
                /Không tìm thấy|No matching/.test(text);
  const seen = window.__lunrSeen || (window.__lunrSeen = {text: null, since: 0});
  if (!final) { seen.text = null; return false; }
  if (seen.text !== text) { seen.text = text; seen.since = performance.now(); return false; }
  return performance.now() - seen.since >= settle ? seen.since : false;
}"""


def ask_lunr(page, text: str) -> dict[str, Any]:
    started = page.evaluate("performance.now()")
    page.fill(".md-search__input", text)
    settled = page.wait_for_function(LUNR_WAIT, arg=LUNR_SETTLE_MS, polling=50,
                                     timeout=QUERY_TIMEOUT_S * 1000).json_value()
    return {"ms": settled - started,
            "shown": page.locator(".md-search-result__item").count(),
            "total": page.inner_text(".md-search-result__meta").strip()}


def query_lunr(browser, url: str) -> list[dict[str, Any]]:
    return [{"query": text, **measure_query(
        browser, url, lambda u: "search" in u.rsplit("/", 1)[-1] or "/search/" in u
        or "/lunr/" in u,
        lambda page, t=text: ask_lunr(page, t))} for text in QUERIES]


ENGINES: dict[str, tuple[Callable, Callable]] = {
    "ours": (build_ours, query_ours),
    "pagefind": (build_pagefind, query_pagefind),
    "lunr": (build_lunr, query_lunr),
}


# --- running -----------------------------------------------------------------------------

def disk_size(folder: Path) -> dict[str, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"index_bytes": sum(p.stat().st_size for p in files), "index_files": len(files)}


def measure_engine(name: str, articles: Path, work: Path, runs: int) -> dict[str, Any]:
    """Build one engine's index over ``articles``, then run the queries ``runs`` times."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - heavy, bench only

    build, ask = ENGINES[name]
    load = [os.getloadavg()[0]]  # other work shares the 2 cores: say how much
    built = build(articles, work / name)
    load.append(os.getloadavg()[0])
    result: dict[str, Any] = {"engine": name, "build": {k: v for k, v in built.items()
                                                        if k != "site"}, "load": load}
    if built.get("returncode"):
        return result
    with sync_playwright() as playwright, serving(Path(built["site"])) as url:
        browser = launch(playwright)
        rounds = [ask(browser, url) for _ in range(runs)]
        browser.close()
    load.append(os.getloadavg()[0])
    result["queries"] = merge_runs(rounds)
    return result


def merge_runs(rounds: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per query: the median time over runs, with every run's time kept."""
    merged = []
    for rows in zip(*rounds, strict=True):
        times = [r["ms"] for r in rows if "ms" in r]
        row = dict(rows[0])
        if times:
            row.update(ms=round(statistics.median(times), 1), ms_runs=[round(t, 1) for t in times])
        merged.append(row)
    return merged


def corpus(n: int, work: Path) -> Path:
    """Articles 0…n-1 from benchmarks/corpus.py, cached in ``work`` (shared with run.py)."""
    from benchmarks.run import corpus_dir  # noqa: PLC0415 - imports the whole harness

    return corpus_dir(n, work)


def save(results: dict[str, Any], out_dir: Path) -> Path:
    """Write results JSON and its Markdown table atomically; return the JSON path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"search-{results['date']}.json"
    for path, text in ((target, json.dumps(results, ensure_ascii=False, indent=1)),
                       (target.with_suffix(".md"), render(results))):
        temp = path.with_name(path.name + ".tmp")
        temp.write_text(text + "\n", "utf-8")
        os.replace(temp, path)
    return target


def _kb(value: int | None) -> str:
    return "" if value is None else f"{value / 1024:,.1f} KB" if value < 2**20 \
        else f"{value / 2**20:,.2f} MB"


def label(row: dict[str, Any]) -> str:
    """``dang bo [province=Gia Lai]``, ``dang bo van phong [relevance]``."""
    text = row["query"] + "".join(f" [{k}={v}]" for k, v in row.get("filters", {}).items())
    return text + (" [relevance]" if row.get("sort") == "relevance" else "")


def render(results: dict[str, Any]) -> str:
    """Markdown: the summary (``results["summary"]``, written by hand, kept by --merge),
    one build table (with ``results["not_run"]``: engine, size and why), one query table."""
    lines = [f"# Reader search benchmarks {results['date']}", "",
             *([results["summary"].strip(), ""] if results.get("summary") else []),
             "Headless Chromium (Debian), index served by Python's http.server on localhost "
             "(no compression), a fresh browser context per query (cold cache). Time = query "
             "start → first page of results (10) with their titles; bytes = every search "
             "request's body + headers. The machine has 2 cores shared with other work: "
             "times are noisy.", ""]
    runs = sorted(results["runs"], key=lambda r: (r["engine"], r["n"]))
    return "\n".join(lines + _build_table(runs, results.get("not_run", []))
                     + _query_table(runs))


def _build_table(runs: list[dict[str, Any]], not_run: list[dict[str, Any]]) -> list[str]:
    lines = ["## Index build", "", "Load = 1-minute load average before the build, before "
             "the queries and after them (2 cores).", "",
             "| engine | articles | build s | CPU s | peak RSS MB | index size | files | load "
             "| note |", "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in runs:
        b = r["build"]
        load = " → ".join(f"{x:.1f}" for x in r.get("load", []))
        lines.append(f"| {r['engine']} | {r['n']:,} | {b.get('wall_s')} | {b.get('cpu_s', '')} "
                     f"| {b.get('peak_rss_mb')} | {_kb(b.get('index_bytes'))} "
                     f"| {b.get('index_files')} | {load} | {b.get('note', '')} "
                     f"{b.get('error', '')} |")
    for skipped in not_run:
        lines.append(f"| {skipped['engine']} | {skipped['n']:,} | not run | | | | | "
                     f"| {skipped['reason']} |")
    return lines


def _query_table(runs: list[dict[str, Any]]) -> list[str]:
    lines = ["", "## Queries", "", "Time is the median of the runs listed. A relevance "
             "total is complete; a date-order total counts the results found so far "
             "(\"10+\": more follow).", "",
             "| engine | articles | query | first results ms | runs ms | bytes | requests "
             "| results shown / total |", "|---|---:|---|---:|---|---:|---:|---|"]
    for r in runs:
        for q in r.get("queries", []):
            found = q.get("error") or f"{q.get('shown')} / {q.get('total')}" + (
                "+" if q.get("more") and q.get("sort") != "relevance" else "")
            each = ", ".join(f"{t:g}" for t in q.get("ms_runs", []))
            lines.append(f"| {r['engine']} | {r['n']:,} | {label(q)} | {q.get('ms', '')} "
                         f"| {each} | {_kb(q.get('bytes'))} | {q.get('requests')} | {found} |")
    return lines


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("articles", nargs="?", type=Path, help="articles folder (contract mode)")
    parser.add_argument("scratch", nargs="?", type=Path, help="scratch folder (contract mode)")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--engines", default="ours,pagefind,lunr")
    parser.add_argument("--runs", type=int, default=3, help="query rounds (median kept)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsarchive-bench"))
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--merge", action="store_true", help="keep other rows of today's file")
    parser.add_argument("--render", type=Path, metavar="JSON",
                        help="only rewrite the Markdown of a saved results file")
    return parser.parse_args(argv)


def contract(articles: Path, scratch: Path) -> int:
    """`make bench` (benchmarks/steps.py): ours over its corpus, one JSON line."""
    result = measure_engine("ours", articles, scratch, runs=1)
    print(json.dumps({"index_s": result["build"]["wall_s"],
                      "peak_rss_mb": result["build"]["peak_rss_mb"],
                      "index_bytes": result["build"]["index_bytes"],
                      "query_ms": {label(q): q.get("ms") for q in result.get("queries", [])},
                      "query_bytes": {label(q): q["bytes"] for q in result.get("queries", [])}},
                     ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.articles:
        return contract(args.articles, args.scratch or args.work)
    if args.render:
        save(json.loads(args.render.read_text("utf-8")), args.render.parent)
        return 0
    results: dict[str, Any] = {"date": date.today().isoformat(), "runs": []}
    for n in (int(s) for s in args.sizes.split(",")):
        articles = corpus(n, args.work)
        for engine in args.engines.split(","):
            print(f"{engine} at {n:,}…", file=sys.stderr, flush=True)
            row = {"n": n, **measure_engine(engine, articles, args.work / f"{engine}-{n}",
                                            1 if engine == "lunr" else args.runs)}
            results["runs"].append(row)
            save(merged(results, args.out) if args.merge else results, args.out)
    print(render(merged(results, args.out) if args.merge else results))
    return 0


def merged(results: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """Today's file as saved (perhaps by another run meanwhile) with these rows replacing
    rows of the same engine and size."""
    path = out_dir / f"search-{results['date']}.json"
    if not path.exists():
        return results
    saved = json.loads(path.read_text("utf-8"))
    ours = {(r["engine"], r["n"]) for r in results["runs"]}
    return {**saved, "runs": [r for r in saved["runs"] if (r["engine"], r["n"]) not in ours]
            + results["runs"]}


if __name__ == "__main__":
    raise SystemExit(main())
