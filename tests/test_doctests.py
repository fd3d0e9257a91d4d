"""The examples in the package's docstrings are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsarchive

MODULES = sorted(m.name for m in pkgutil.walk_packages(newsarchive.__path__, "newsarchive."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
