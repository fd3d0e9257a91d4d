"""The Markdown table of a results file: one row per measurement, ratios to Hugo, targets.

``python benchmarks/report.py benchmarks/results/2026-11-21.json`` reprints a table.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

HEADER = ("| measurement | N | wall s | ours/Hugo (wall) | CPU s | ours/Hugo (CPU) | peak RSS MB "
          "| site MB | KB per article | largest HTML KB | notes |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")


def growth(times: dict[str, dict[str, Any]]) -> list[tuple[int, int, float]]:
    """Exponent k in t ∝ Nᵏ between consecutive sizes: 1.0 is linear, 2.0 quadratic.

    >>> growth({"1000": {"wall_s": 2.0}, "10000": {"wall_s": 20.0}})
    [(1000, 10000, 1.0)]
    """
    sizes = sorted(int(n) for n, row in times.items() if row.get("wall_s") and _ok(row))
    pairs = zip(sizes, sizes[1:], strict=False)
    return [(a, b, round(math.log(times[str(b)]["wall_s"] / times[str(a)]["wall_s"])
                         / math.log(b / a), 2)) for a, b in pairs]


def _ok(row: dict[str, Any]) -> bool:
    return row.get("returncode", 0) == 0 and "status" not in row


def _num(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _row(name: str, n: Any, row: dict[str, Any], hugo: dict[str, Any] | None = None,
         notes: str = "") -> str:
    if not _ok(row):
        reason = row.get("status") or f"exit {row.get('returncode')}"
        detail = (row.get("error") or "").splitlines()[-1:] or [""]
        return f"| {name} | {n} | | | | | | | | | {reason}: {detail[0][:120]} |"
    cells = [name, n, _num(row.get("wall_s")), _ratio(row, hugo, "wall_s"),
             _num(row.get("cpu_s")), _ratio(row, hugo, "cpu_s"), _num(row.get("peak_rss_mb")),
             _num(row.get("site_mb")), _per_article(row, n), _num(row.get("largest_html_kb")),
             notes]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _speedup(row: dict[str, Any], serial: dict[str, Any] | None) -> str:
    """How much faster pre-rendering on every core made the build, measured in this run.

    >>> _speedup({"wall_s": 30.0}, {"wall_s": 45.0})
    '; 0.67× the wall time of the one-process build'
    """
    if not (serial and _ok(serial) and row.get("wall_s") and serial.get("wall_s")):
        return ""
    return f"; {row['wall_s'] / serial['wall_s']:.2f}× the wall time of the one-process build"


def _per_article(row: dict[str, Any], n: Any) -> str:
    """All-in site kilobytes per article (pages, listings, feeds, search index, sitemap).

    >>> _per_article({"site_bytes": 2000000}, "1000")
    '2'
    """
    if not row.get("site_bytes") or not str(n).isdigit():
        return ""
    return f"{row['site_bytes'] / int(n) / 1000:.3g}"


def _parts(results: dict[str, Any]) -> list[str]:
    """Bytes per article by part of the site, for each size of our build that has them."""
    lines = []
    for n, row in sorted(results.get("ours", {}).items(), key=lambda item: int(item[0])):
        parts = row.get("part_bytes") if _ok(row) else None
        if parts:
            cells = ", ".join(f"{name} {size / int(n) / 1000:.2f}"
                              for name, size in sorted(parts.items(), key=lambda kv: -kv[1]))
            artifact = (f"; as the Pages artifact (tar) {row['artifact_bytes'] / int(n) / 1000:.2f}"
                        if row.get("artifact_bytes") else "")
            lines.append(f"- at {n}: {row['site_bytes'] / int(n) / 1000:.2f} KB per article: "
                         f"{cells}{artifact}")
    return ["## Bytes per article, all-in (KB = 1000 bytes)", "", *lines, ""] if lines else []


def _ratio(row: dict[str, Any], hugo: dict[str, Any] | None, key: str) -> str:
    if not (hugo and _ok(hugo) and hugo.get(key) and row.get(key)):
        return ""
    return f"{row[key] / hugo[key]:.1f}×"


def rows(results: dict[str, Any]) -> list[str]:
    """Table rows in reading order: our builds, Hugo, the blog plugin, editor's loop, others."""
    hugo = results.get("hugo", {})
    serial = results.get("serial", {})
    out = [_row("our mkdocs build", n, r, hugo.get(n),
                _pages_note(r) + _speedup(r, serial.get(n)))
           for n, r in results.get("ours", {}).items()]
    out += [_row("our build, one process (NEWSARCHIVE_WORKERS=0)", n, r, hugo.get(n),
                 _pages_note(r)) for n, r in serial.items()]
    out += [_row("Hugo (minimal layouts)", n, r, notes=f"{r.get('html_pages', '')} pages")
            for n, r in hugo.items()]
    out += [_row("Material blog plugin", n, r, hugo.get(n),
                 f"{r.get('posts', '')} posts; {r.get('html_pages', '')} pages")
            for n, r in results.get("blog", {}).items()]
    for n, r in results.get("rebuild", {}).items():
        out.append(_row("rebuild, +1 article (full build)", n, r, hugo.get(n)))
    for n, r in results.get("serve", {}).items():
        note = f"write → 'Reloading browsers'; first build {r.get('initial_build_s')} s"
        out.append(_row("mkdocs serve, +1 article visible", n, r, notes=note))
    for n, r in results.get("ingest", {}).items():
        note = f"{r.get('articles_per_s')} articles/s; {r.get('articles_written')} written"
        out.append(_row("ingest (scripts/ingest.py)", n, r, notes=note))
    for r in results.get("search", []):
        out.append(_row(f"search ({r.get('name')}), index build", results.get("search_n", ""),
                        {**r, "wall_s": r.get("index_s", r.get("wall_s"))}, notes=_search_note(r)))
    return out


def _pages_note(row: dict[str, Any]) -> str:
    note = f"{row.get('html_pages', '')} pages"
    if row.get("search_index_mb") is not None:
        note += f"; lunr search index {row['search_index_mb']} MB"
    return note


def _median(values: dict[str, Any]) -> float | None:
    numbers = sorted(v for v in values.values() if isinstance(v, int | float))
    return numbers[len(numbers) // 2] if numbers else None


def _search_note(row: dict[str, Any]) -> str:
    """Index size, and the median over queries of bytes fetched and ms to first results."""
    parts = []
    if row.get("index_bytes") is not None:
        parts.append(f"index {row['index_bytes'] / 1024:.0f} KB")
    per_query = _median(row.get("query_bytes") or {})
    if per_query is not None:
        parts.append(f"median {per_query / 1024:.0f} KB fetched per query")
    latency = _median(row.get("query_ms") or {})
    if latency is not None:
        parts.append(f"median {latency:g} ms to first results (headless Chromium)")
    return "; ".join(parts) + f" ({len(row.get('query_bytes') or {})} queries)"


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's targets, each with the figure measured (never asserted in tests)."""
    ours, hugo = results.get("ours", {}), results.get("hugo", {})
    lines = [f"- growth exponent of our build {a}→{b}: **{k}** (target ≤ 1.05 at 10k→100k)"
             for a, b, k in growth(ours)]
    lines += [f"- growth exponent of Hugo {a}→{b}: {k}" for a, b, k in growth(hugo)]
    lines += [f"- growth exponent of the blog plugin {a}→{b}: {k}"
              for a, b, k in growth(results.get("blog", {}))]
    if "10000" in ours and "10000" in hugo and _ok(ours["10000"]) and _ok(hugo["10000"]):
        wall = _ratio(ours["10000"], hugo["10000"], "wall_s")
        cpu = _ratio(ours["10000"], hugo["10000"], "cpu_s")
        lines.append(f"- at 10k, ours/Hugo = **{wall}** wall time, {cpu} CPU time "
                     "(target ≤ 3× wall, issue 16)")
    for n, r in results.get("serve", {}).items():
        if _ok(r):
            lines.append(f"- one added article visible via `mkdocs serve` at {n}: "
                         f"**{r.get('wall_s')} s** (target < 3 s, issue 16)")
    lines += [f"- site at {n} as the Pages artifact (the tar GitHub weighs): "
              f"**{r['artifact_bytes'] / 1e9:.3g} GB** (target ≤ 1 GB at 100k)"
              for n, r in ours.items() if _ok(r) and r.get("artifact_bytes")]
    peak = [(int(n), r["peak_rss_mb"]) for n, r in ours.items() if _ok(r)]
    lines += [f"- peak RSS at {n}: {mb:g} MB (target ≤ 2048 MB at 100k)" for n, mb in peak]
    biggest = [(n, r["largest_html_kb"], r.get("largest_html")) for n, r in ours.items()
               if _ok(r) and r.get("largest_html_kb")]
    lines += [f"- largest HTML page at {n}: {kb:g} KB, {page} (target ≤ 60 KB)"
              for n, kb, page in biggest]
    return lines


def _merged(meta: dict[str, Any]) -> list[str]:
    """One line per later run added with ``run.py --merge`` (e.g. the 100k row)."""
    return [f"Added by a later run: commit {m.get('commit')}, load average before "
            f"{m.get('load_start')}, after {m.get('load_end')}." for m in meta.get("merged", [])]


def render(results: dict[str, Any]) -> str:
    """The whole Markdown report for one results file."""
    meta = results.get("meta", {})
    head = [f"# Benchmarks {meta.get('date', '')}", "",
            f"Machine: {meta.get('cpus')} CPUs, Python {meta.get('python')}, commit "
            f"{meta.get('commit')}; load average before the run {meta.get('load_start')}, "
            f"after {meta.get('load_end')}. Other work shared the machine: the numbers are "
            "noisy (single runs, no repetition).", *_merged(meta), "", HEADER]
    return "\n".join([*head, *rows(results), "", *_parts(results),
                      "## Targets (measured, not asserted)", "", *targets(results), ""])


def main(argv: list[str] | None = None) -> int:
    """Example: ``python benchmarks/report.py benchmarks/results/2026-11-21.json``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if args else 2
    print(render(json.loads(Path(args[0]).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
