"""Entente: diplomatic news in, a temporal partnership graph out.

This folder holds the entry points: :mod:`entente.api` (what each command does, as functions),
:mod:`entente.cli` (the ``entente`` command, which parses options, calls one ``api`` function and
renders the result) and :mod:`entente.errors` (:class:`~entente.errors.EntenteError`, the root of
every error a user can fix). The stages live in the top-level folders, linked in here as
subpackages: ``entente.ingest`` (articles to facts), ``entente.graph`` (facts to the graph),
``entente.queries`` (the Cypher library) and, in a checkout, ``entente.bench``. Data flows one way,
and a module may import only the stages before it: ``ingest`` imports nothing of Entente but
``entente.errors``; ``graph`` imports ``ingest``; ``api`` imports the stages; only ``cli`` imports
click, and nothing imports ``cli``. Always import through ``entente.``, never a bare ``graph``.
"""
