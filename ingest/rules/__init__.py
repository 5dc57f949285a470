"""The extraction rules: one annotated article in, its facts out.

The rules read the span groups and dates that :mod:`entente.ingest.pipeline` puts on a ``Doc``,
through one per-article view (:class:`~.view.ArticleView`), and write the records of
:mod:`entente.ingest.model`. One module per kind of fact:

==================  ========================================================================
module              what it finds (``Evidence.rule`` names)
==================  ========================================================================
:mod:`.view`        sentences, datelines, parties, places, dates of one article
:mod:`.leaders`     leaders named, resolved to the knowledge files (``leader:*``)
:mod:`.events`      meetings the article reports (``event:meeting-sentence``,
                    ``event:joint-document``)
:mod:`.partnerships` levels, their pair and change (``change:*``)
:mod:`.support`     initiative support (``support:verb-before-initiative``)
:mod:`.documents`   joint documents signed or issued (``document:signed-or-issued``)
:mod:`.facts`       the assembly: :func:`extract_facts`
:mod:`.cues`        the cue word lists of ``data/cues.toml``, compiled
==================  ========================================================================

Every fact records the rule that produced it, so ``entente extract`` shows which rule made a wrong
fact. This package may import the rest of :mod:`entente.ingest` (knowledge, model, dates) and
spaCy's types; it never imports :mod:`entente.graph` or a database driver.
"""

from entente.ingest.rules.facts import extract_facts

__all__ = ["extract_facts"]
