"""Joint documents signed or issued: joint statements, declarations, action plans, treaties.

A sentence with a signing verb ("signed", "issued", "adopted") and a document title gives a
document of the parties named in that sentence, or of the article's first event when it names none
(rule ``document:signed-or-issued``). The title keeps what follows it ("Joint Statement on
Establishing a Comprehensive Strategic Partnership").
"""

from __future__ import annotations

import re

from entente.ingest.rules.events import EventDraft
from entente.ingest.rules.view import ArticleView, Mark

__all__ = ["find_documents"]

_SIGNING = re.compile(r"\b(?:sign\w*|issu\w*|adopt\w*|inked|released)\b", re.I)
_DOCUMENT = re.compile(
    r"\b(?:the\s+)?(?P<title>joint (?:statement|declaration|communiqu[eé]|press statement)|"
    r"(?:joint\s+)?action plan|memorandum of understanding|treaty)"
    r"(?P<rest>\s+(?:of|on|between|for)\s+[^.;:]{3,220}?)?(?=[,.;:]|\s+and\s+(?:jointly|signed|witnessed)|\s+(?:emphasi[sz]ed|stressed|said|noted)\b|$)",
    re.I,
)


def find_documents(view: ArticleView, events: list[EventDraft]) -> list[tuple[str, tuple[str, ...], Mark]]:
    """The (title, parties, sentence) of every document the article says was signed or issued."""
    found = []
    for sent in view.sents:
        if not _SIGNING.search(sent.text):
            continue
        for match in _DOCUMENT.finditer(sent.text):
            title = " ".join((match.group("title") + (match.group("rest") or "")).split())
            parties = tuple(sorted({h.id for h in view.parties_in(sent)})) or (
                tuple(events[0].parties) if events else ()
            )
            found.append((title, parties, sent))
    return found
