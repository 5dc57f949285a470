"""Articles in, facts out: installed as ``entente.ingest``; pure Python and spaCy, no database.

This folder reads article files (:mod:`.readers`, :mod:`.html`, :mod:`.clean`), holds the domain
knowledge (:mod:`.knowledge` and the TOML files in ``data/``), runs the spaCy pipeline of rule
components (:mod:`.pipeline`, :mod:`.relations`, :mod:`.dates`, :mod:`.events`) and returns the
typed facts of :mod:`.model`, every fact with its evidence; :mod:`.extract` runs it end to end and
:mod:`.evaluate` scores it against labelled articles. It is the first stage: its modules import
each other (as ``entente.ingest.*``), the standard library, spaCy and the parsing libraries, and
of the rest of Entente only ``entente.errors``; never ``entente.graph``, ``entente.queries``,
``entente.api`` or ``entente.cli``.
"""
