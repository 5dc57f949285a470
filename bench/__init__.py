"""Benchmarks and their generated news: importable as ``entente.bench`` in a checkout, not shipped.

This folder holds the generator of synthetic diplomatic news with its own ground truth
(:mod:`.generate`), the timed and one-query-per-row stores the loading figures compare
(:mod:`.loading`), and the scripts that produce the figures of ``docs/performance.md``
(``python bench/run.py``, ``python bench/extraction_speed.py``). It stands outside the data flow,
at the edge like the command line: it may import any part of ``entente`` (always through
``entente.``) and read its settings from the environment, and nothing in the library imports it;
the tests import it as ``entente.bench``.
"""
