"""Data tables are read one way: comments skipped, errors as file:line."""

from __future__ import annotations

import pytest

from newsarchive import datafiles
from newsarchive.errors import DataFileError

CSV = "# source: a comment\nname,kind\nHà Nội,city\n# a note between rows\nHuế,city\n"


def test_csv_rows_carry_their_own_file_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafiles, "read_text", lambda name: CSV)
    assert list(datafiles.csv_rows("x.csv")) == [
        (3, {"name": "Hà Nội", "kind": "city"}), (5, {"name": "Huế", "kind": "city"})]


@pytest.mark.parametrize(("text", "line"), [
    ("a = 1\nb = \n", 2),
    ("[[group]]\nname = 'x'\n[[group\n", 3),
], ids=["missing-value", "open-table"])
def test_bad_toml_names_file_and_line(monkeypatch: pytest.MonkeyPatch, text: str,
                                      line: int) -> None:
    monkeypatch.setattr(datafiles, "read_text", lambda name: text)
    with pytest.raises(DataFileError) as caught:
        datafiles.toml_document("chrome.toml")
    assert (caught.value.path, caught.value.line) == ("chrome.toml", line)
    assert str(caught.value).startswith(f"chrome.toml:{line}: invalid TOML")


@pytest.mark.parametrize("name", ["provinces.csv", "publications.csv"])
def test_shipped_tables_have_rows(name: str) -> None:
    assert next(datafiles.csv_rows(name))[0] > 1
