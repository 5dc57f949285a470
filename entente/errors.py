"""The root of every error Entente raises for something a user can fix.

Each error is raised where the problem is found and derives from :class:`EntenteError`; its
message is one line that names the bad value (a file and line, a URI, a setting) and says what
would be valid. The command line catches :class:`EntenteError` once, in :mod:`entente.cli`, and
prints ``entente: MESSAGE`` with exit code 1.

=====================================================  =============================================
error                                                  raised when
=====================================================  =============================================
:class:`entente.graph.store.StoreError`                a store cannot be opened, read or written
:class:`entente.ingest.knowledge.KnowledgeError`       a knowledge file is missing or malformed
:class:`entente.ingest.pipeline.PipelineError`         the extraction pipeline cannot be built as asked
:class:`entente.ingest.evaluate.GoldError`             a gold file is malformed
:class:`entente.queries.QueryError`                    a named query or its parameters are wrong
=====================================================  =============================================

Each also keeps the built-in base it had before (``RuntimeError`` for stores, ``ValueError`` for
the others), so code that caught those still does.

>>> from entente.ingest.knowledge import KnowledgeError
>>> issubclass(KnowledgeError, EntenteError)
True
"""

from __future__ import annotations

__all__ = ["EntenteError"]


class EntenteError(Exception):
    """Something the user can fix: one line naming the bad value and what would be valid."""
