"""Clean raw article texts and saved pages into front-mattered Markdown under articles/.

Example:
    newsarchive ingest articles/raw          (this is `make ingest`)
    newsarchive ingest --source-url https://vpubnd.laichau.gov.vn/tin/123 page.txt

One line per input ("raw → article", what an editor should review, or why it was not
written), then the totals; control characters in a name are shown escaped (\\n), so a
line is always one input. A name that starts with "-" goes after "--":
    newsarchive ingest -- -rf.txt
Exit status: 0 when every input made an article or was an exact duplicate or skipped,
1 when any input was rejected, 2 on a usage error. While another run writes to the
same articles folder this one waits for it, saying which process holds it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newsarchive.article.checks import is_web_address
from newsarchive.clean.ingest import STATUSES, Outcome, ingest, shown
from newsarchive.errors import ArchiveError

_EPILOG = """statuses:
  written    a new article file was written
  updated    our earlier output, regenerated (nobody had edited it)
  unchanged  the article is already exactly what this input gives
  duplicate  the same text (NFC, whitespace-normalised) was already ingested
  protected  an editor changed the article since ingest wrote it; left alone (see --force)
  skipped    a hidden file or folder, or not .txt/.html, inside a folder given
  rejected   empty, whitespace-only, binary, undecodable, over a budget (2 MB, 20,000
             lines, 20,000 characters a line, 30 s), a link, a pipe or a device, or
             anything else that went wrong with it; the batch goes on
"""


def build_parser(prog: str = "newsarchive ingest") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__,
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="raw .txt or saved .html files, or folders of them")
    parser.add_argument("--source-url", metavar="URL", type=_web_address,
                        help="address the page was saved from; names the publication and "
                             "often the province (e.g. https://vpubnd.laichau.gov.vn/...)")
    parser.add_argument("--output-dir", type=Path, default=Path("articles"), metavar="DIR",
                        help="articles folder (default: articles); raw copies go to DIR/raw")
    parser.add_argument("--force", action="store_true",
                        help="overwrite articles an editor has changed since the last run")
    parser.add_argument("--explain", action="store_true",
                        help="under each article, why its title and event type won: the "
                             "evidence the winner showed, with the runner-up's score")
    return parser


def _web_address(value: str) -> str:
    if not is_web_address(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a web address; give it with http:// or https://")
    return value


def describe(outcome: Outcome) -> str:
    """The report line for one input (always one line: see :func:`ingest.shown`)."""
    if outcome.status in ("rejected", "skipped"):
        rest = outcome.message.removeprefix(outcome.source)  # "path:3: rejected: …"
        rest = rest if rest.startswith(":") else f": {outcome.message}"
        return shown(outcome.source) + shown(rest)
    if outcome.status == "duplicate":
        return f"{shown(outcome.source)}: duplicate, not written ({shown(outcome.message)})"
    details = [outcome.status]
    if outcome.status == "protected":
        details.append("edited since the last ingest; --force to overwrite")
    if outcome.review:
        details.append("review: " + ", ".join(outcome.review))
    if not outcome.provinces:
        details.append("province unknown")
    return f"{shown(outcome.source)} → {shown(outcome.article or '')} ({'; '.join(details)})"


def summary(outcomes: list[Outcome]) -> str:
    counts = Counter(o.status for o in outcomes)
    parts = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
    return f"{len(outcomes)} inputs: {parts}"


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Arguments; a file name taken for an option gets a hint to put it after ``--``."""
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        hint = next((f"; if {name!r} is a file, write: -- {name}" for name in unknown
                     if Path(name).exists()), "")
        parser.error(f"unrecognized arguments: {' '.join(map(shown, unknown))}{hint}")
    if not args.paths:
        parser.error("the following arguments are required: PATH")
    if args.output_dir.exists() and not args.output_dir.is_dir():
        parser.error(f"--output-dir {shown(args.output_dir)} is a file, not a folder")
    return args


def _waiting(folder: Path) -> Callable[[str], None]:
    def say(holder: str) -> None:
        print(f"{shown(folder)}: another ingest is writing here ({shown(holder)}); waiting…",
              file=sys.stderr, flush=True)
    return say


def main(argv: list[str] | None = None, prog: str = "newsarchive ingest") -> int:
    args = _parse(build_parser(prog), argv)
    try:
        outcomes = ingest(args.paths, args.output_dir, args.source_url, args.force,
                          on_wait=_waiting(args.output_dir))
    except ArchiveError as error:
        print(shown(str(error)), file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(describe(outcome))
        if args.explain:
            for line in outcome.why:
                print("    " + shown(line))
    print(summary(outcomes))
    return 1 if any(o.status == "rejected" for o in outcomes) else 0

