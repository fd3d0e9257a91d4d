"""Typed errors that carry where the problem is.

The package raises these; only the scripts and hooks turn them into printed lines
(``path:line: message``) and exit codes, so the library never prints or exits.
"""

from __future__ import annotations

from pathlib import Path


class ArchiveError(Exception):
    """A problem tied to a file (and a line, when there is one)."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class DataFileError(ArchiveError):
    """A shipped data table (CSV/TOML under ``newsarchive/data``) is malformed."""


class RawInputError(ArchiveError):
    """A raw input cannot be read as an article (empty, binary, too large, undecodable)."""


class ArticleError(ArchiveError):
    """An article file under ``articles/`` has broken front matter or invalid fields."""
