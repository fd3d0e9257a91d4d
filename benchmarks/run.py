"""``make bench``: build, rebuild, peers, ingest and search, measured in one run.

Writes ``benchmarks/results/<YYYY-MM-DD>.json`` (after every step, atomically, so an
interrupted run keeps what it measured) and ``<YYYY-MM-DD>.md``, and prints the table.
Corpora come from ``benchmarks/corpus.py`` (seed 0) and are cached in the work dir.

Example::

    python benchmarks/run.py --sizes 1000,10000            # what `make bench` runs
    python benchmarks/run.py --sizes 100000 --only ours    # the 100k build alone
    python benchmarks/run.py --sizes 100000 --only ours,hugo --merge  # add 100k to today's file
    python benchmarks/run.py --sizes 10000 --only ours --profile
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, too

from benchmarks import corpus, report, steps  # noqa: E402

HERE = Path(__file__).resolve().parent
STEPS = ("ours", "serial", "hugo", "blog", "rebuild", "serve", "ingest", "search")


def corpus_dir(n: int, work: Path) -> Path:
    """Articles 0…n-1 in ``work/corpus-<n>``, regenerated only if the generator changed.

    Written into a private temporary folder and renamed into place, so two processes
    sharing ``work`` (search_bench.py uses this too) never see a half-written corpus.
    """
    stamp_text = f"{n} {hashlib.sha256((HERE / 'corpus.py').read_bytes()).hexdigest()}"
    target = work / f"corpus-{n}"
    if _stamped(target, stamp_text):
        return target
    temp = work / f".corpus-{n}.{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    print(f"generating {n} articles in {target}", file=sys.stderr)
    corpus.write_articles(n, temp)
    (temp / ".complete").write_text(stamp_text)
    if _stamped(target, stamp_text):  # another process finished first
        shutil.rmtree(temp, ignore_errors=True)
        return target
    if target.exists():
        stale = work / f".stale-{n}.{os.getpid()}"
        os.rename(target, stale)
        shutil.rmtree(stale, ignore_errors=True)
    os.rename(temp, target)
    return target


def _stamped(target: Path, stamp_text: str) -> bool:
    """Complete, from this generator, and still whole: a cleanup that deleted some of its
    files must not leave a smaller corpus measured under the larger size's name."""
    stamp = target / ".complete"
    if not stamp.exists() or stamp.read_text() != stamp_text:
        return False
    expected = int(stamp_text.split()[0])
    return sum(1 for entry in os.scandir(target) if entry.name.endswith(".md")) == expected


def snapshot(rev: str | None, work: Path) -> Path:
    """The tree to measure: the working tree, or ``rev`` exported with ``git archive``.

    Other people keep editing the working tree during a long run; a snapshot keeps
    every step of one run on the same code (``--commit HEAD``).
    """
    if rev is None:
        return HERE.parent
    sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=HERE.parent, check=True,
                         capture_output=True, text=True).stdout.strip()
    tree = work / f"tree-{sha}"
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", sha], cwd=HERE.parent, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def meta(tree: Path) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent,
                            capture_output=True, text=True, check=False).stdout.strip()
    if tree.name.startswith("tree-"):
        commit = tree.name.removeprefix("tree-")
    else:
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "newsarchive", "hooks",
                                "mkdocs.yml", "docs", "scripts"], cwd=HERE.parent,
                               capture_output=True, text=True, check=False).stdout.strip()
        commit += " + uncommitted changes" if dirty else ""
    return {"date": date.today().isoformat(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "machine": platform.machine(), "commit": commit,
            "load_start": steps.load()}


def save(results: dict[str, Any], out_dir: Path) -> Path:
    """Write JSON and Markdown atomically (temp file + ``os.replace``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / results["meta"]["date"]
    for suffix, text in ((".json", json.dumps(results, ensure_ascii=False, indent=2) + "\n"),
                         (".md", report.render(results))):
        temp = stem.with_suffix(suffix + ".tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, stem.with_suffix(suffix))
    return stem.with_suffix(".md")


def _record(results: dict[str, Any], out: Path, key: str, n: int,
            measure: Callable[[], dict[str, Any]]) -> None:
    print(f"[{key} N={n}] …", file=sys.stderr, flush=True)
    row = measure()
    results.setdefault(key, {})[str(n)] = row
    print(f"[{key} N={n}] {json.dumps(row, ensure_ascii=False)[:300]}", file=sys.stderr)
    save(results, out)


def _sizes(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000],
                        help="corpus sizes for our build and Hugo (default 1000,10000)")
    parser.add_argument("--blog-sizes", type=_sizes, default=[1000, 5000],
                        help="sizes for Material's blog plugin, which grows quadratically")
    parser.add_argument("--rebuild-at", type=int, default=10000,
                        help="archive size for the editor's loop (+1 article), if in --sizes")
    parser.add_argument("--search-size", type=int,
                        help="corpus size for benchmarks/search_*.py (default: the largest "
                             "of --sizes up to 10000)")
    parser.add_argument("--ingest-size", type=int, default=1000, help="raw texts to ingest")
    parser.add_argument("--only", default=",".join(STEPS),
                        help=f"comma-separated steps to run (default all: {','.join(STEPS)})")
    parser.add_argument("--profile", action="store_true",
                        help="also profile our build at the --rebuild-at size (py-spy)")
    parser.add_argument("--commit", metavar="REV",
                        help="measure this commit (git archive) instead of the working tree")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/newsarchive-bench"),
                        help="corpora and scratch sites (default /tmp/newsarchive-bench)")
    parser.add_argument("--results-dir", type=Path, default=HERE / "results")
    parser.add_argument("--merge", action="store_true",
                        help="add to today's results file instead of replacing it (a slow "
                             "100k row after the 1k/10k run); this run's meta goes under "
                             "meta.merged")
    return parser.parse_args(argv)


def _builds(results: dict[str, Any], args: argparse.Namespace, n: int, tree: Path) -> None:
    """Our build and Hugo's at ``n``; at ``--rebuild-at``, also the editor's loop."""
    wanted, work, out = args.wanted, args.work_dir, args.results_dir
    articles, scratch = corpus_dir(n, work), work / "scratch"
    if "ours" in wanted:
        _record(results, out, "ours", n, lambda: steps.ours(articles, scratch, tree))
    if "serial" in wanted:  # the same build without pre-rendering, side by side
        _record(results, out, "serial", n, lambda: steps.ours(articles, scratch, tree, "0"))
    if "hugo" in wanted:
        _record(results, out, "hugo", n, lambda: steps.hugo(articles, scratch))
    if n == args.rebuild_at and "rebuild" in wanted:
        _record(results, out, "rebuild", n, lambda: steps.rebuild(articles, scratch, n, tree))
    if n == args.rebuild_at and "serve" in wanted:
        _record(results, out, "serve", n, lambda: steps.serve(articles, n, tree))


def _others(results: dict[str, Any], args: argparse.Namespace, tree: Path) -> None:
    """The blog plugin, ingest, search and (if asked) the profile."""
    wanted, work, out = args.wanted, args.work_dir, args.results_dir
    scratch = work / "scratch"
    for n in args.blog_sizes if "blog" in wanted else []:
        articles = corpus_dir(n, work)
        _record(results, out, "blog", n, lambda a=articles: steps.blog(a, scratch))
    if "ingest" in wanted:
        _record(results, out, "ingest", args.ingest_size,
                lambda: steps.ingest(args.ingest_size, scratch, tree))
    if "search" in wanted:
        results["search_n"] = args.search_size
        results["search"] = steps.search(corpus_dir(args.search_size, work), scratch)
        save(results, out)
    if args.profile:
        _record(results, out, "profile", args.rebuild_at,
                lambda: steps.profile(corpus_dir(args.rebuild_at, work), scratch, tree))


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    args.wanted = set(args.only.split(","))
    args.search_size = args.search_size or max([n for n in args.sizes if n <= 10000]
                                               or args.sizes[:1])
    (args.work_dir / "scratch").mkdir(parents=True, exist_ok=True)
    tree = snapshot(args.commit, args.work_dir)
    run_meta = meta(tree)
    results = _start(run_meta, args)
    # Sizes up to --rebuild-at first, then the rest, and the slow huge sizes last, so an
    # interrupted 100k run still leaves every other figure saved.
    for n in [n for n in args.sizes if n <= args.rebuild_at]:
        _builds(results, args, n, tree)
    _others(results, args, tree)
    for n in [n for n in args.sizes if n > args.rebuild_at]:
        _builds(results, args, n, tree)
    run_meta["load_end"] = steps.load()
    print(save(results, args.results_dir).read_text(encoding="utf-8"))
    return 0


def _start(run_meta: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """A new results dict, or today's file with this run's meta added (``--merge``)."""
    existing = args.results_dir / f"{run_meta['date']}.json"
    if not (args.merge and existing.exists()):
        return {"meta": run_meta}
    results = json.loads(existing.read_text(encoding="utf-8"))
    results["meta"].setdefault("merged", []).append(run_meta)
    return results


if __name__ == "__main__":
    raise SystemExit(main())
