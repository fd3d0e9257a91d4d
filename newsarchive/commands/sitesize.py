"""Check that a built site fits the host's limit before it is uploaded.

Example:
    newsarchive sitesize site/                 # GitHub Pages: at most 1 GB
    newsarchive sitesize site/ --limit 900MB

Prints the site's size as the Pages artifact (the tar GitHub weighs: ~15 % more than the
files' bytes, see newsarchive/site/size.py) and its heaviest folders. Exit status: 0 when
it fits, 1 when it is over the limit (the message says by how much and where the bytes
are), 2 on a usage error or a missing folder. The deploy workflow runs it between
`make build` and the upload.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsarchive.errors import ArchiveError
from newsarchive.site.size import PAGES_LIMIT, SiteTooLarge, check_size, human, parse_size


def parse(argv: list[str], prog: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", type=Path, help="the built site (site/)")
    parser.add_argument("--limit", type=parse_size, default=parse_size(PAGES_LIMIT),
                        help=f"largest size allowed, e.g. 1GB, 900MB (default {PAGES_LIMIT}, "
                             "GitHub Pages' limit)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, prog: str = "newsarchive sitesize") -> int:
    args = parse(sys.argv[1:] if argv is None else argv, prog)
    try:
        size = check_size(args.site_dir, args.limit)
    except SiteTooLarge as error:
        print(f"::error::{error}", file=sys.stderr)
        return 1
    except ArchiveError as error:
        print(f"{error}", file=sys.stderr)
        return 2
    heaviest = ", ".join(f"{name} {human(count)}" for name, count in size.largest())
    print(f"{args.site_dir}: {human(size.total)} as the Pages artifact ({human(size.content)} "
          f"in {size.files:,} files), "
          f"{size.total / args.limit:.0%} of the {human(args.limit)} limit; heaviest: {heaviest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
