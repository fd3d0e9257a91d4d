"""The shipped data tables (``newsarchive/data/*.csv`` and ``*.toml``), read one way.

Every table is package data (``importlib.resources``), UTF-8, and may carry ``#``
comment lines saying where its facts come from. A malformed table raises
:class:`~newsarchive.errors.DataFileError` naming the file and, when there is one, the
line (``publications.csv:14: bad row: …``). Callers parse rows into frozen dataclasses
and cache the result (``functools.cache``), so each file is read once per process.

>>> number, row = next(csv_rows("provinces.csv"))
>>> row["name"], number > 1
('Hà Nội', True)
>>> sorted(toml_document("tags.toml"))
['min_body', 'tag']
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import Any

from newsarchive.errors import DataFileError

PACKAGE = "newsarchive.data"
_TOML_LINE = re.compile(r"\(at line (\d+)")


def read_text(name: str) -> str:
    """The text of ``newsarchive/data/<name>``."""
    try:
        return resources.files(PACKAGE).joinpath(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"cannot read: {error}", name) from error


def csv_rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a CSV table as ``(file line, {column: cell})``; ``#`` lines are comments.

    The line is the row's own line in the file (comments counted), for ``file:row`` errors.
    """
    numbered = [(number, line) for number, line in
                enumerate(read_text(name).splitlines(keepends=True), start=1)
                if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    for row in reader:
        yield numbered[reader.line_num - 1][0], row


def toml_document(name: str) -> dict[str, Any]:
    """A TOML table file, parsed; a syntax error names the file and line."""
    try:
        return tomllib.loads(read_text(name))
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        raise DataFileError(f"invalid TOML: {error}", name, line) from error
