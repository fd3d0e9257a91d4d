"""Check articles' front matter and print every problem as ``path:line: field: message``.

Example:
    newsarchive check                      # every articles/*.md (this is `make check`)
    newsarchive check articles/hoi-nghi-tong-ket-2011.md

Each problem names the file, the line, the field (as written in the front matter) and,
in Vietnamese, what is wrong and how to fix it; all problems are printed at once.
A warning ("cảnh báo: …", e.g. a pre-2025 province on an article dated after the
1 July 2025 merger) asks for a look but does not fail the check or the build.
Exit status: 0 when every article is valid (warnings or not), 1 when there are errors,
2 on a usage error (an unknown option, a path that does not exist).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from newsarchive.article.validate import Validator, errors, shown_path
from newsarchive.site.build import articles_dir


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files or folders of articles (default: every *.md in "
                             "articles/, or in $NEWSARCHIVE_ARTICLES when set)")
    parser.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="check dates against this day instead of today (to reproduce a "
                             "past check)")
    return parser


def _default_dir(project: Path) -> Path:
    return shown_path(articles_dir(project))


def _article_paths(paths: list[Path], parser: argparse.ArgumentParser,
                   project: Path) -> list[Path]:
    found: list[Path] = []
    for path in paths or [_default_dir(project)]:
        if path.is_dir():
            found.extend(sorted(path.glob("*.md")))
        elif path.exists():
            found.append(path)
        else:
            parser.error(f"không tìm thấy {path}")
    return found


def main(argv: list[str] | None = None, prog: str = "newsarchive check",
         project: Path | None = None) -> int:
    """``project`` holds ``articles/`` (default: the working folder)."""
    parser = _parser(prog)
    args = parser.parse_args(argv)
    paths = _article_paths(args.paths, parser, project or Path.cwd())
    problems = Validator().check_paths(paths, args.today)
    for problem in problems:
        print(problem)
    failing = errors(problems)
    warnings = len(problems) - len(failing)
    noted = f" ({warnings} cảnh báo)" if warnings else ""
    if failing:
        files = len({problem.path for problem in failing})
        print(f"{len(failing)} lỗi trong {files}/{len(paths)} tệp{noted}.", file=sys.stderr)
        return 1
    print(f"Đã kiểm tra {len(paths)} bài viết: không có lỗi{noted}.", file=sys.stderr)
    return 0

