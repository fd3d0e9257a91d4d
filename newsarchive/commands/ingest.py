"""Clean raw article texts and saved pages into front-mattered Markdown under articles/.

Example:
    newsarchive ingest articles/raw          (this is `make ingest`)
    newsarchive ingest --source-url https://vpubnd.laichau.gov.vn/tin/123 page.txt

One line per input ("raw → article", what an editor should review, or why it was not
written), then the totals. Exit status: 0 when every input made an article or was an
exact duplicate, 1 when any input was rejected, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newsarchive.clean.ingest import STATUSES, Outcome, ingest
from newsarchive.errors import ArchiveError

_EPILOG = """statuses:
  written    a new article file was written
  updated    our earlier output, regenerated (nobody had edited it)
  unchanged  the article is already exactly what this input gives
  duplicate  the same text (NFC, whitespace-normalised) was already ingested
  protected  an editor changed the article since the last run; left alone (see --force)
  rejected   empty, whitespace-only, binary, over 2 MB or undecodable; the batch goes on
"""


def build_parser(prog: str = "newsarchive ingest") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__,
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="raw .txt or saved .html files, or folders of them")
    parser.add_argument("--source-url", metavar="URL",
                        help="address the page was saved from; names the publication and "
                             "often the province (e.g. https://vpubnd.laichau.gov.vn/...)")
    parser.add_argument("--output-dir", type=Path, default=Path("articles"), metavar="DIR",
                        help="articles folder (default: articles); raw copies go to DIR/raw")
    parser.add_argument("--force", action="store_true",
                        help="overwrite articles an editor has changed since the last run")
    return parser


def describe(outcome: Outcome) -> str:
    """The report line for one input."""
    if outcome.status == "rejected":
        return f"{outcome.message}" if outcome.source in outcome.message else \
            f"{outcome.source}: {outcome.message}"
    if outcome.status == "duplicate":
        return f"{outcome.source}: duplicate, not written ({outcome.message})"
    details = [outcome.status]
    if outcome.status == "protected":
        details.append("edited since the last ingest; --force to overwrite")
    if outcome.review:
        details.append("review: " + ", ".join(outcome.review))
    if not outcome.provinces:
        details.append("province unknown")
    return f"{outcome.source} → {outcome.article} ({'; '.join(details)})"


def summary(outcomes: list[Outcome]) -> str:
    counts = Counter(o.status for o in outcomes)
    parts = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
    return f"{len(outcomes)} inputs: {parts}"


def main(argv: list[str] | None = None, prog: str = "newsarchive ingest") -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        outcomes = ingest(args.paths, args.output_dir, args.source_url, args.force)
    except ArchiveError as error:
        print(error, file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(describe(outcome))
    print(summary(outcomes))
    return 1 if any(o.status == "rejected" for o in outcomes) else 0

