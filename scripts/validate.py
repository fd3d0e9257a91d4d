"""`newsarchive check` for a checkout without the console command on PATH (pre-commit).

Example:
    .venv/bin/python scripts/validate.py articles/hoi-nghi-tong-ket-2011.md
"""

import sys
from pathlib import Path

from newsarchive.commands.check import main

if __name__ == "__main__":
    sys.exit(main(prog="validate.py", project=Path(__file__).resolve().parent.parent))
