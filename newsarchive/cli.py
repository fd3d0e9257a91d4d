"""``newsarchive``: the archive's command line (``newsarchive <command> --help`` for each).

Example:
    newsarchive ingest articles/raw      # raw texts → articles/*.md (make ingest)
    newsarchive check                    # validate every article (make check)
    newsarchive review articles/x.md     # the pull-request comment for new articles
    newsarchive accuracy                 # the cleaner against the labelled corpus (make accuracy)
    newsarchive sitesize site/           # the built site fits GitHub Pages' 1 GB (deploy)
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "ingest": "clean raw texts and saved pages into articles/*.md",
    "check": "validate articles' front matter; every problem as path:line: message",
    "review": "the pull-request comment (Markdown) listing new articles' fields to check",
    "accuracy": "run the cleaner over a labelled corpus; ok / wrong / flagged per field",
    "sitesize": "fail when the built site is over the host's limit (GitHub Pages: 1 GB)",
}


def usage() -> str:
    lines = ["usage: newsarchive <command> [options]", "", "commands:"]
    lines += [f"  {name:<10} {summary}" for name, summary in COMMANDS.items()]
    lines += ["", "`newsarchive <command> --help` describes one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Dispatch to ``newsarchive.commands.<command>.main``; exit 2 on an unknown command."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"newsarchive: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"newsarchive.commands.{command}")
    return module.main(rest, prog=f"newsarchive {command}")


if __name__ == "__main__":
    sys.exit(main())
