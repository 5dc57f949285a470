"""The examples in the docstrings run, so the documentation cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest


def _modules() -> list[str]:
    import entente

    names = [info.name for info in pkgutil.walk_packages(entente.__path__, prefix="entente.")]
    finder = doctest.DocTestFinder()
    # Only modules that have examples: a module without any has nothing to check.
    return sorted(n for n in names if any(t.examples for t in finder.find(importlib.import_module(n))))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)  # examples name files such as corpus/001_*.txt
    module = importlib.import_module(name)
    failures, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted and failures == 0
