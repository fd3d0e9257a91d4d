"""Check articles' front matter and print every problem as ``path:line: field: message``.

Example:
    python scripts/validate.py                      # every articles/*.md (this is `make check`)
    python scripts/validate.py articles/hoi-nghi-tong-ket-2011.md

Each problem names the file, the line, the field (as written in the front matter) and,
in Vietnamese, what is wrong and how to fix it; all problems are printed at once.
Exit status: 0 when every article is valid, 1 when there are problems, 2 on a usage
error (an unknown option, a path that does not exist).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from newsarchive.site import articles_dir
from newsarchive.validate import Validator, shown_path

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="validate.py", description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files or folders of articles (default: every *.md in "
                             "articles/, or in $NEWSARCHIVE_ARTICLES when set)")
    parser.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="check dates against this day instead of today (to reproduce a "
                             "past check)")
    return parser


def _default_dir() -> Path:
    return shown_path(articles_dir(ROOT))


def _article_paths(paths: list[Path], parser: argparse.ArgumentParser) -> list[Path]:
    found: list[Path] = []
    for path in paths or [_default_dir()]:
        if path.is_dir():
            found.extend(sorted(path.glob("*.md")))
        elif path.exists():
            found.append(path)
        else:
            parser.error(f"không tìm thấy {path}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    paths = _article_paths(args.paths, parser)
    problems = Validator().check_paths(paths, args.today)
    for problem in problems:
        print(problem)
    files = len({problem.path for problem in problems})
    if problems:
        print(f"{len(problems)} lỗi trong {files}/{len(paths)} tệp.", file=sys.stderr)
        return 1
    print(f"Đã kiểm tra {len(paths)} bài viết: không có lỗi.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
