"""One article's facts, assembled from the rule modules into the records of :mod:`..model`.

The order matters: events first (their pairs are the article's own pairs, the ``focus``), then the
partnership claims read against that focus, then leaders, support and documents. A claim of a pair
that met in the article and whose level is only named there is restated at that meeting
(``change:restated-at-meeting(...)``); claims and events take the dates and places of each other
and, failing those, the publication date or the dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from entente.ingest.knowledge import Knowledge
from entente.ingest.model import (
    Article,
    ArticleFacts,
    EventMention,
    FuzzyDate,
    JointDocument,
    LeaderMention,
    PartnershipClaim,
    Party,
    SupportClaim,
    stable_id,
)
from entente.ingest.rules.documents import find_documents
from entente.ingest.rules.events import EventDraft, find_events, summit_pairs
from entente.ingest.rules.partnerships import EARLIER_LEVEL, ClaimDraft, Pair, best_claims, find_claims
from entente.ingest.rules.support import find_supports
from entente.ingest.rules.view import PRECISION, ArticleView, is_day

__all__ = ["extract_facts", "focus_pairs"]


def _other_day(claimed: FuzzyDate, meeting: FuzzyDate) -> bool:
    """Whether a date the claim's sentence writes is clearly not the day of the meeting reported.

    >>> _other_day(FuzzyDate("2024-11-17", "day", "text"), FuzzyDate("--03-28", "day", "text"))
    True
    >>> _other_day(FuzzyDate("2024-11-17", "day", "text"), FuzzyDate("2024-11-18", "day", "text"))
    False
    """
    if claimed.basis != "text" or claimed.precision != "day" or meeting.precision != "day":
        return False
    said, met = claimed.value or "", meeting.value or ""
    if claimed.has_year and meeting.has_year:
        return abs((dt.date.fromisoformat(said) - dt.date.fromisoformat(met)).days) > 45
    return said[-5:][:2] != met[-5:][:2]  # yearless: another month


def focus_pairs(view: ArticleView, events: list[EventDraft]) -> list[Pair]:
    """The article's own pairs: those that met, else its headline pair, else its two most named."""
    focus: list[Pair] = [(e.parties[0], e.parties[1]) for e in events if len(e.parties) == 2]
    focus += summit_pairs(view)
    if not focus and (headline := view.headline_pair()):
        focus.append(headline)
    if not focus:
        counts = Counter(h.id for h in view.parties if h.kind != "DEMONYM")
        top = sorted(i for i, _ in counts.most_common(2))
        if len(top) == 2 and view.spans["level"]:
            focus.append((top[0], top[1]))
    return list(dict.fromkeys(focus))


# Right before a level, the words that make it the goal of a wish: "to (the level of) a", "into".
_GOAL = re.compile(
    r"\b(?:to|into|towards?)\s+(?:(?:the|a)\s+(?:new\s+)?(?:level|status|stage|rank)\s+of\s+)?"
    r"(?:an?\s+|the\s+)?(?:new\s+|higher\s+)?[\"“‘']?\s*$",
    re.I,
)


def _wished_for(view: ArticleView, draft: ClaimDraft) -> bool:
    """Whether a hedged claim's level is only the goal of the wish: set up ("hopes to establish a
    strategic partnership") or raised to ("seek to take ties to a CSP"), not the level being raised
    ("willing to elevate the comprehensive strategic partnership to new heights")."""
    if draft.rule.startswith("change:hedged-establish"):
        return True
    return bool(_GOAL.search(view.text[max(draft.sentence.start_char, draft.start - 60) : draft.start]))


def extract_facts(doc: Doc, article: Article, kb: Knowledge) -> ArticleFacts:
    """All facts of one annotated article (``doc`` from the Entente pipeline)."""
    if article.published and not is_day(article.published):
        article = replace(article, published=None)  # an impossible date is no date: "2023-02-30"
    view = ArticleView(doc, article, kb)
    events = find_events(view)
    focus = focus_pairs(view, events)

    filed = FuzzyDate(article.published, "day", "published") if article.published else view.dateline_date()
    # "on Monday (Mar 10)" and, in a caption, "in Jakarta on Mar 10, 2025": the year of the same day.
    full_days = {
        (d.value or "")[5:]: d for m in view.dates if m.kind == "full" and (d := view.resolve(m)).precision == "day"
    }
    for event in events:
        if event.date.known and not event.date.has_year and (event.date.value or "")[2:] in full_days:
            event.date = replace(full_days[(event.date.value or "")[2:]], basis="text")
    for event in events:
        if not event.date.known and filed.known:
            event.date = filed
        if event.place is None and event.kind != "call" and not event.virtual:
            event.place, event.place_state = view.dateline_place(event.parties)
        if event.place is None and event.kind != "call" and not event.virtual:
            event.place, event.place_state = view.visit_place(event.parties)
        if event.place is None and event.kind != "call" and not event.virtual:
            event.place, event.place_state = view.dateline_place(event.parties, plain=True)

    event_ids: dict[tuple[str, ...], str] = {}
    event_records = []
    for event in events:
        ident = stable_id("event", article.id, *event.parties)
        event_ids[tuple(event.parties)] = ident
        assert event.sentence is not None  # every draft starts at a sentence
        event_records.append(
            EventMention(
                id=ident,
                article=article.id,
                source=article.source,
                kind=event.kind,
                parties=tuple(event.parties),
                leaders=tuple(event.leaders),
                date=event.date,
                place=event.place,
                place_state=event.place_state,
                published=article.published,
                evidence=view.evidence(event.sentence, event.rule),
            )
        )
    by_pair = {tuple(e.parties): e for e in events}
    for e in events:
        # A summit of more parties (the EU and five Central Asian states) is where each pair of it
        # that names a level met, unless the article reports that pair's own meeting too.
        if len(e.parties) > 2:
            for i, first in enumerate(e.parties):
                for second in e.parties[i + 1 :]:
                    by_pair.setdefault((first, second), e)

    claims = []
    for draft in best_claims(view, find_claims(view, focus)):
        earlier = draft.rule.startswith(EARLIER_LEVEL)
        met = None if earlier else by_pair.get(draft.parties)
        change, rule = draft.change, draft.rule
        if met is not None and change in ("upgrade", "establish") and _other_day(draft.date, met.date):
            # "was elevated to a strategic partnership on November 17, 2024", told at a March meeting.
            change, rule = "mention", f"change:other-date({change})"
        if rule.startswith("change:hedged-") and _wished_for(view, draft):
            # "Japan hopes to elevate its relations with Malaysia to a comprehensive strategic
            # partnership" (at their meeting or before it): a level only wished for is none of the pair's.
            continue
        if change == "mention" and met is not None and "other-pair" not in rule:
            # The pair's level named in a report of the pair's meeting is restated there.
            change, rule = "reaffirm", f"change:restated-at-meeting({rule})"
        date = draft.date
        if (
            met is not None
            and change == "reaffirm"
            and not (
                # the meeting dated by the publication day alone; the sentence names its own day
                met.date.basis == "published" and draft.date.precision == "day" and not view.is_old(draft.date)
            )
        ):
            # Restated at the meeting, so dated by it: "reaffirmed the CSP ... since its inception in
            # 2015" is not a 2015 fact, and neither is a recalled "set up in 1975".
            date = met.date
        elif met is not None and not draft.historical and PRECISION[met.date.precision] > PRECISION[date.precision]:
            date = met.date  # "keep building ... (2024 plans)" at talks dated to the day
        if not date.known and filed.known and change != "mention":
            date = filed
        if date.known and not date.has_year and (date.value or "")[2:] in full_days:
            date = replace(full_days[(date.value or "")[2:]], basis="text")
        a, b = (Party(p, kb.party_name(p), kb.party_kind(p)) for p in draft.parties)
        claims.append(
            PartnershipClaim(
                id=stable_id("claim", article.id, *draft.parties, *((draft.level,) if earlier else ())),
                article=article.id,
                source=article.source,
                parties=(a, b),
                level=draft.level,
                rank=draft.rank,
                change=change,
                qualifiers=draft.qualifiers,
                previous_level=draft.previous_level,
                date=date,
                place=met.place if met else None,
                event=event_ids.get(tuple(met.parties)) if met else None,
                evidence=view.evidence(draft.sentence, rule),
            )
        )

    leader_records: dict[str, LeaderMention] = {}
    for hit in view.leaders:
        if hit.leader_id in leader_records:
            continue
        leader_records[hit.leader_id] = LeaderMention(
            id=hit.leader_id,
            name=hit.name,
            title=hit.title,
            state=hit.state,
            surface=hit.surface,
            resolution=hit.resolution,
            article=article.id,
            source=article.source,
            evidence=view.evidence(view.sent_at(hit.start), f"leader:{hit.resolution.split(':')[0]}"),
            offices=hit.offices,
        )

    support_records: dict[tuple[str, str], SupportClaim] = {}
    support_hits, named = find_supports(view)
    for supporter, ident, sent in support_hits:
        if (supporter, ident) not in support_records:
            support_records[(supporter, ident)] = SupportClaim(
                state=supporter,
                initiative=ident,
                initiative_name=kb.initiatives[ident].name,
                article=article.id,
                source=article.source,
                evidence=view.evidence(sent, "support:verb-before-initiative"),
            )

    documents = [
        JointDocument(
            id=stable_id("document", article.id, title.lower()),
            title=title,
            parties=parties,
            event=event_ids.get(tuple(parties)),
            article=article.id,
            source=article.source,
            evidence=view.evidence(sent, "document:signed-or-issued"),
        )
        for title, parties, sent in find_documents(view, events)
    ]

    return ArticleFacts(
        article=article,
        partnerships=tuple(claims),
        events=tuple(event_records),
        leaders=tuple(sorted(leader_records.values(), key=lambda m: m.id)),
        supports=tuple(sorted(support_records.values(), key=lambda s: (s.state, s.initiative))),
        documents=tuple({d.id: d for d in documents}.values()),
        initiatives=tuple(sorted(set(named))),
    )
