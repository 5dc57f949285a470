"""Readers for documents that are not plain text or saved pages: PDF, Word, feeds, web archives.

Each module turns one format into :class:`~entente.ingest.model.Article` records (and
:class:`~entente.ingest.readers.ReadProblem` lines for what cannot be used). The registry in
:mod:`entente.ingest.readers` names them, so a format's library is imported only when a file of
that format is read.
"""
