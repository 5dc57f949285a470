"""Meetings an article reports: who met whom, when and where.

An event starts at a sentence with a meeting word (``[meeting]`` cues) and at least two parties:
the states of the leaders named in the meeting's own clause, else the states named there (rule
``event:meeting-sentence``). A sentence where a joint document is signed or issued makes a weaker
event (``event:joint-document``) that a later meeting sentence of the same parties replaces.
Later sentences with a meeting word but no new parties ("They met in Hangzhou") fill the event's
date and place. A leader's own statement or remarks, spoken in the first person, may name only one
side ("along with President Macron, we have decided"): when no sentence gives an event, the
article's two most named states meet (``event:statement``).

These are not events:

* recalled meetings (``[recall]`` cues, or a date well before the article);
* announced or unrealised ones ("is due to meet", "a planned visit ... postponed");
* a list of visited states ("a tour that took him to France, Serbia and Hungary");
* a meeting word pointing back at the meeting already told ("analysts compared the visit with ...").

Merging reports of one meeting across articles is :mod:`entente.ingest.events`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from entente.ingest.model import FuzzyDate
from entente.ingest.rules.view import PRECISION, ArticleView, LeaderHit, Mark

__all__ = ["EventDraft", "find_events", "summit_pairs"]

# "Analysts compared the visit with Japan's partnership with China": a meeting word after "the"
# points back at the meeting already reported, so it does not make a meeting of other parties.
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|its|their"
    # the same words in data/languages.toml's languages: "cette visite", "la visita", "dieser Besuch"
    r"|cette|ce|cet|esta|este|essa|esse|questa|questo|diese[rsnm]?|la|le|el|il|lo|die|der|den|dem|sa|son|su|sua)"
    r"\s+(?:(?:state|official|recent|latest)\s+)?$",
    re.I,
)
# "the ASEAN-New Zealand Commemorative Summit": the words between a hyphenated pair and its meeting.
_NAMED_MEETING = re.compile(r"^(?:\s+[A-Z][a-z]+){0,3}\s+(?:summit|leaders'? meeting|commemorative summit)\b", re.I)
_SUMMIT_WORD = re.compile(r"summit|leaders'? meeting", re.I)
# "met on the sidelines of the ASEAN-Japan summit": a meeting of its own, beside the summit.
_TOPIC = re.compile(
    r"\b(?:amid|amidst|despite|in the face of|against the backdrop of|in the wake of|over|about|regarding|"
    r"concerning|surrounding)\b"
    # "..., as both countries prepare for potential challenges arising from a second Donald Trump
    # presidency in the United States": a clause after the meeting's own leaders tells its setting.
    r"|,\s+(?:as|while|with)\s+(?:both|the two)\b",
    re.I,
)
# A sentence that opens on a visit dated by its year alone: "During his visit to Korea in 2017, ...",
# "In 2019, the two leaders met ...". News tells its own meeting by the day.
_FRONTED_YEAR = re.compile(
    r"^\W*(?:in|during|back in|as early as)\s+(?:[^,.;]{0,60}?\s)?(?:in\s+)?(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d\d)\s*,",
    re.I,
)


def _fronted_year(view: ArticleView, text: str) -> bool:
    """Whether a meeting sentence opens on a year-dated visit other than the article's own year."""
    fronted = _FRONTED_YEAR.match(text)
    if fronted is None:
        return False
    # The article's own year counts only when known from a day (a publication date, a full date):
    # a text whose one year is the fronted one tells nothing else of when it speaks from.
    ref = view.ref_day or ""
    return not (len(ref) >= 7 and ref[:4] == fronted.group("y"))


_WHERE_MET = re.compile(
    r",\s*where\s+(?:he|she|they|the two|both)\b[^,;]{0,30}?\b(?:held talks|met|meets|talked)\b", re.I
)
_SIDELINES = re.compile(r"\b(?:sidelines?|margins?|fringes?|side-lines)\b", re.I)
_SAID_THAT = re.compile(
    r"\b(?:said|says|stated|states|noted|notes|added|stressed|emphasi[sz]ed|underlined|pointed out|recalled)"
    r"\s+that\b",
    re.I,
)
# A date that tells when a visit began or ended, not when its talks were held: "He arrived in
# Indonesia on Wednesday", "left Hanoi at noon on November 5, concluding their visit", "a state visit
# commencing on December 15".
# "their first phone call since Kishida took over as Prime Minister on October 4": a date in a
# "since" clause dates what the meeting came after.
_SINCE_CLAUSE = re.compile(
    r"\bsince\s+(?:\w+\s+){0,3}?(?:took|became|assumed|came|was|were|his|her|their|the)\b[^,;]*$", re.I
)
_VISIT_EDGE = re.compile(
    r"(?:\b(?:arriv(?:ed|es|ing)|land(?:ed|s|ing)|left|leav(?:es|ing)|depart(?:ed|s|ing))\b"
    r"|\b(?:visit|trip|tour|stay)\b[^.;]{0,30}\b(?:commenc|begin|began|start|conclud|end)\w*"
    r"|\b(?:commenc|begin|began|start|conclud|end|wrapp?)\w*(?:\s+up)?\s+(?:(?:his|her|their|a|the)\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:visit|trip|tour|stay)\b)[^.;]{0,50}$",
    re.I,
)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|where|whose|when)\b|\bwhich (?:was|were|had)\b")


@dataclass
class EventDraft:
    """A meeting as one article tells it, before it becomes an ``EventMention``."""

    parties: list[str]
    leaders: list[str] = field(default_factory=list)
    date: FuzzyDate = field(default_factory=FuzzyDate)
    place: str | None = None
    place_state: str | None = None
    kind: str = "meeting"
    sentence: Mark | None = None
    rule: str = ""
    weak: bool = False
    virtual: bool = False  # held by video or phone: no place


def _kind(view: ArticleView, text: str) -> str:
    for kind, pattern in view.cues.event_kinds:
        if pattern.search(text):
            return kind
    return "meeting"


def _refers_back(view: ArticleView, main: str) -> bool:
    """Every meeting word of ``main`` follows "the"/"this"/...: the meeting told before, not a new one."""
    return all(_BACK_REFERENCE.search(main[: m.start()]) for m in view.cues.meeting.finditer(main))


def _summit_pairs_in(view: ArticleView, sent: Mark) -> list[tuple[str, str]]:
    """The two sides of each summit ``sent`` names by a hyphenated pair with an organisation ("the
    ASEAN–New Zealand Commemorative Summit"), unless a meeting is told as beside it ("on the
    sidelines of")."""
    found: list[tuple[str, str]] = []
    hits = sorted((h.start, h.end, h.id, h.kind) for h in view.parties_in(sent))
    for (_, end_a, a, kind_a), (start_b, end_b, b, kind_b) in pairwise(hits):
        if a == b or "ORG" not in (kind_a, kind_b) or view.text[end_a:start_b].strip() not in ("-", "–", "—"):
            continue
        if _NAMED_MEETING.match(view.text[end_b : end_b + 60]) and not _SIDELINES.search(
            view.text[max(sent.start_char, start_b - 80) : start_b]
        ):
            found.append((a, b) if a <= b else (b, a))
    return found


def summit_pairs(view: ArticleView) -> list[tuple[str, str]]:
    """The two sides of each summit the article names by a hyphenated pair with an organisation
    (:func:`_summit_pairs_in`). Such a pair is one of the article's own pairs even when the leaders
    named at the summit are of other states (a member's prime minister)."""
    if not _SUMMIT_WORD.search(view.text):
        return []
    return list(dict.fromkeys(pair for sent in view.sents for pair in _summit_pairs_in(view, sent)))


def find_events(view: ArticleView) -> list[EventDraft]:
    """The meetings ``view``'s article reports, in the order it first tells them."""
    cues = view.cues
    drafts: list[EventDraft] = []
    current: EventDraft | None = None
    headline_pair = view.headline_pair()
    for sent in view.sents:
        text = sent.text
        strong = cues.meeting.search(text)
        weak = cues.joint_document.search(text) if not strong else None
        # Two leaders of two states acting together ("X and Y jointly announced") is an event too.
        together = (
            len({h.state for h in view.leaders_in(sent) if h.state}) >= 2
            and not cues.not_a_meeting.search(text)
            and bool(cues.together.search(text))
        )
        if not strong and not weak and not together:
            continue
        clause = _RELATIVE_CLAUSE.search(text)
        clause_start = sent.start_char + clause.start() if clause else sent.end_char
        # "Hun Sen, who is on an official visit to Laos, on February 13 agreed": the clause ends at
        # its comma, and a date after it is the main clause's again.
        closing = text.find(", ", clause.end()) if clause else -1
        clause_end = sent.start_char + closing if clause and closing >= 0 else sent.end_char
        # When the meeting is told before a relative clause ("The talks were held in Riyadh, where
        # King Salman hosted ... on a tour that also takes him to Egypt and Iran"), the clause adds
        # neither parties nor a recalled or future meeting.
        main = text[: clause.start()] if clause and cues.meeting.search(text[: clause.start()]) else text
        if main is not text and clause and _WHERE_MET.match(text[clause.start() :]):
            # "Petro embarked on an official visit to Beijing, where he held talks with Xi": the
            # clause tells the visit's own meeting, and its other side.
            main = text
        # "held talks at the Elysée, where they marked the partnership launched in 1998": a date in a
        # relative clause dates something else.
        # "Speaking during talks in Bishkek, Putin stated that trade hit a record last year": what a
        # leader said dates what he spoke of, not the talks.
        speech = _SAID_THAT.search(text)
        if speech and not (strong and strong.start() < speech.start()):
            speech = None  # "He stated that he had held talks": the meeting is what he said
        said_from = sent.start_char + speech.end() if speech else sent.end_char
        dates = [
            view.resolve(d)
            for d in view.dates_in(sent, when=True)
            if not clause_start <= d.start < clause_end
            and d.start < said_from
            and not _VISIT_EDGE.search(view.text[sent.start_char : d.start])
            and not _SINCE_CLAUSE.search(view.text[sent.start_char : d.start])
        ]
        # The most precise date of the sentence: "on Friday (Nov 22)" over "ASEAN chair in 2025".
        known = [d for d in dates if d.known and not view.is_future(d)]
        sentence_date = max(known, key=lambda d: (PRECISION[d.precision], d.has_year), default=FuzzyDate())
        # "President Prabowo, who took power last year, was welcomed by ...": what a relative clause
        # recalls is not the time of a meeting told outside it ("Abe, who had hosted Modi at a
        # dinner in Kyoto, said" keeps its recall: the meeting is the clause's).
        told = main[: said_from - sent.start_char]
        if clause and closing >= 0 and closing <= len(told):
            outside = told[: clause.start()] + " " * (closing - clause.start()) + told[closing:]
            if cues.meeting.search(outside) or cues.joint_document.search(outside):
                told = outside
        if cues.recall.search(told) or view.is_old(sentence_date) or _fronted_year(view, sent.text):
            continue
        future = cues.future_meeting.search(main) or cues.future_after_meeting.search(main)
        if (future or cues.unrealised.search(main)) and not cues.past_meeting.search(main):
            continue
        main_end = sent.start_char + len(main)  # parties count only in the meeting's own clause
        # "... agreed to strengthen ties amidst the uncertainty surrounding ... President Donald
        # Trump": a leader named in what the meeting is about did not take part in it.
        topic = _TOPIC.search(main)
        if topic:
            cut = sent.start_char + topic.start()
            if len({h.state for h in view.leaders_in(sent) if h.state and h.start < cut}) >= 2:
                main_end = cut
        leaders = [h for h in view.leaders_in(sent) if h.start < main_end]
        leader_states = list(dict.fromkeys(h.state for h in leaders if h.state))
        parties = leader_states
        if len(parties) < 2:
            hits = [h for h in view.parties_in(sent) if h.start < main_end and view.is_party_word(h)]
            if sum(h.kind != "ORG" for h in hits) >= 2:
                # "at the ASEAN-Australia summit": with two states present, an organisation is the setting.
                hits = [h for h in hits if h.kind != "ORG" or h.id in leader_states]
            parties = list(dict.fromkeys(parties + [h.id for h in hits]))
            if len(parties) > 2 and len(leader_states) < 2 and not cues.multilateral.search(main):
                if not (strong and _SEPARATE.search(main)):
                    continue  # "a tour that took him to France, Serbia and Hungary": a list, not one meeting
        if len(parties) > 2 and strong and _SEPARATE.search(main):
            # "held separate meetings with Philippine President Marcos and Thai Prime Minister
            # Anutin": the leader who held them met each of the others on his own.
            host = next((h.state for h in leaders if h.state), None) or parties[0]
            for other in (p for p in parties if p != host):
                _separate_meeting(view, drafts, sent, sorted((host, other)), leaders, sentence_date)
            continue
        place, place_state = view.place_in(sent)
        if len(parties) == 1 and strong and current is None and headline_pair and parties[0] in headline_pair:
            # "The Prime Minister said the decision was reached during his meeting with To Lam": the
            # other side is the headline pair's, named by a title only.
            parties = list(headline_pair)
        summit = _summit_pairs_in(view, sent) if strong and _SUMMIT_WORD.search(main) else []
        if len(summit) == 1 and len(leader_states) >= 2 and set(leader_states) != set(summit[0]):
            # "At the ASEAN-US Summit, Biden and Hun Manet ...": the summit's two sides met, whoever
            # speaks there for the organisation.
            parties = list(summit[0])
        if len(parties) >= 2:
            key = sorted(parties)
            match = next((d for d in drafts if sorted(d.parties) == key), None)
            if match is None and drafts and not leader_states and strong and _refers_back(view, main):
                continue
            if match is None and drafts and len(leader_states) < 2:
                # A second meeting of other parties, named by states alone ("the EU and Jordan"): a
                # passing context of the article's own meeting, not a meeting it reports.
                continue
            if match is None:
                match = EventDraft(
                    parties=key,
                    kind=_kind(view, text) if strong else "meeting",
                    sentence=sent,
                    rule="event:meeting-sentence" if strong else "event:joint-document",
                    weak=not strong,
                )
                drafts.append(match)
            elif match.weak and strong:
                match.kind, match.sentence, match.rule, match.weak = (
                    _kind(view, text),
                    sent,
                    "event:meeting-sentence",
                    False,
                )
            members = {m for p in key if p in view.kb.organizations for m in view.kb.organizations[p].members}
            for leader in leaders:
                if (leader.state in key or leader.state in members) and leader.leader_id not in match.leaders:
                    match.leaders.append(leader.leader_id)
            current = match
        elif current is not None and set(parties) <= set(current.parties):
            match = current
        else:
            continue
        if sentence_date.precision == "year" and match.sentence is not sent:
            # A later sentence's bare year is another time: "following Fico's visit to China in 2024".
            sentence_date = FuzzyDate()
        if not match.date.known and sentence_date.known:
            match.date = sentence_date
        elif match.date.known and not match.date.has_year and sentence_date.has_year:
            match.date = sentence_date
        elif (
            match.date.has_year
            and sentence_date.has_year
            and (sentence_date.value or "").startswith(match.date.value or "")
            and PRECISION[sentence_date.precision] > PRECISION[match.date.precision]
        ):
            match.date = sentence_date  # "in 2023" first, "on December 7" later
        if cues.virtual.search(main) and match.place is None:
            match.virtual = True
        if match.place is None and place and not match.virtual:
            match.place, match.place_state = place, place_state
    if not drafts:
        drafts.extend(_statement_event(view))
    return drafts


# One leader's meetings with each of several others, one at a time.
_SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|respectively|back-to-back|one-on-one"
    r"|a series of (?:bilateral )?(?:talks|meetings|summits?))\b",
    re.I,
)


def _separate_meeting(
    view: ArticleView,
    drafts: list[EventDraft],
    sent: Mark,
    key: list[str],
    leaders: list[LeaderHit],
    date: FuzzyDate,
) -> None:
    """One of the separate meetings a sentence tells (``event:meeting-sentence(separate)``)."""
    match = next((d for d in drafts if sorted(d.parties) == key), None)
    if match is None:
        match = EventDraft(
            parties=key, kind=_kind(view, sent.text), sentence=sent, rule="event:meeting-sentence(separate)"
        )
        drafts.append(match)
    for leader in leaders:
        if leader.state in key and leader.leader_id not in match.leaders:
            match.leaders.append(leader.leader_id)
    if not match.date.known and date.known:
        match.date = date
    place, place_state = view.place_in(sent)
    if match.place is None and place:
        match.place, match.place_state = place, place_state


# "I", "we", "my", "our" outside quotation marks: a leader speaking in the first person.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|We|we|my|My|our|Our|us)\b")
_QUOTED = re.compile(r"[\"“”‘]")
# A statement's meeting: a welcome, hospitality, talks, a visit, "the Prime Minister and I".
_STATEMENT_MEETING = re.compile(
    r"\b(?:welcom\w*|hospitality|talks|discussions?|met|meeting|visit\w*|(?:and|with) (?:me|I)|along with)\b", re.I
)


def _statement_event(view: ArticleView) -> list[EventDraft]:
    """The meeting a leader's own statement, remarks or press conference transcript reports
    (rule ``event:statement``), when no sentence names both sides: "Prime Minister Morrison, I am
    deeply grateful to you for your extraordinary hospitality". The text must be spoken in the first
    person (four sentences or more), its two most named states must stand clear of the rest, and a
    first-person sentence must tell the meeting."""
    spoken = [s for s in view.sents if _FIRST_PERSON.search(s.text) and not _QUOTED.search(s.text)]
    if len(spoken) < 4:
        return []
    counts: dict[str, int] = {}
    for hit in view.parties:
        if hit.kind == "STATE" or view.is_party_word(hit):
            counts[hit.id] = counts.get(hit.id, 0) + 1
    for leader in view.leaders:
        if leader.state:
            counts[leader.state] = counts.get(leader.state, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) < 2 or ranked[1][1] < 2 or (len(ranked) > 2 and ranked[2][1] >= ranked[1][1]):
        return []
    pair = sorted((ranked[0][0], ranked[1][0]))
    for sent in spoken:
        if not _STATEMENT_MEETING.search(sent.text) or view.cues.recall.search(sent.text):
            continue
        if view.cues.future_meeting.search(sent.text):
            continue
        draft = EventDraft(parties=pair, kind=_kind(view, sent.text), sentence=sent, rule="event:statement")
        opening = [*view.sents[:3], sent]
        for leader in (h for s in opening for h in view.leaders_in(s)):
            if leader.state in pair and leader.leader_id not in draft.leaders:
                draft.leaders.append(leader.leader_id)
        place, place_state = view.place_in(sent)
        if place and place_state in pair and view.cues.meeting.search(sent.text):
            draft.place, draft.place_state = place, place_state
        return [draft]
    return []
