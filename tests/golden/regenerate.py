"""Regenerate tests/golden/NNN.md from NNN.txt; review the diff like code.

Usage: .venv/bin/python tests/golden/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from newsarchive.article.model import dumps
from newsarchive.clean.extract import build_article

HERE = Path(__file__).parent


def main() -> None:
    for raw in sorted(HERE.glob("*.txt")):
        article = build_article(raw.read_text("utf-8"))
        article.raw = f"raw/{raw.name}"
        raw.with_suffix(".md").write_text(dumps(article), "utf-8")
        print(f"{raw.name} → {raw.with_suffix('.md').name}")


if __name__ == "__main__":
    main()
