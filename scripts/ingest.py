"""`newsarchive ingest` for a checkout without the console command on PATH.

Example:
    .venv/bin/python scripts/ingest.py articles/raw
"""

import sys

from newsarchive.commands.ingest import main

if __name__ == "__main__":
    sys.exit(main(prog="ingest.py"))
