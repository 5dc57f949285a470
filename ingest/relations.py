"""Facts from one annotated article: leaders, events, partnership claims, initiative support.

The rules read the span groups of :mod:`entente.ingest.pipeline` sentence by sentence. Each fact
records the rule that produced it (``Evidence.rule``) so a wrong fact can be traced to its rule.

The main ideas:

* **Leaders** are resolved conservatively: a full name or listed alias resolves directly; a bare
  surname needs a title before it or the leader's state in the article; an unknown name after a
  title ("Prime Minister Gusmang") resolves to the office holder of that state on that date only
  when the spelling is close, and the reason is recorded.
* **Events** start at a sentence with a meeting word and at least two parties (the states of the
  leaders named, or the states named); later sentences with a meeting word but no new parties
  ("They met in Hangzhou") fill its date and place. Recalled past meetings are not events.
* **Partnership claims**: a ladder label, the pair it belongs to (named in the sentence, or the
  article's main pair for "the two countries"), and the change read from the words before it.
  Pairs other than the article's own are ``mention``; one claim per pair is kept, the strongest.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from .dates import DateMention, resolve
from .knowledge import Knowledge, Leader, fold
from .model import (
    CHANGE_STRENGTH,
    Article,
    ArticleFacts,
    Evidence,
    EventMention,
    FuzzyDate,
    JointDocument,
    LeaderMention,
    PartnershipClaim,
    Party,
    SupportClaim,
    stable_id,
)

__all__ = ["extract_facts"]

_PRECISION = {"day": 3, "month": 2, "year": 1, None: 0}

_MEET = re.compile(
    r"\b(?:met|meets|meet|meeting|talks|talked|held talks|holds talks|hold talks|visit|visits|visited|"
    r"visiting|state visit|official visit|phone call|telephone|phone conversation|video call|video link|"
    r"spoke by phone|spoke over the phone|summit|hosted|hosts|hosting|received|receives|welcomed|"
    r"welcoming ceremony|conversation|exchanged views|held a meeting|sat down with|talks with|negotiations|negotiated)\b",
    re.I,
)
_WEAK_EVENT = re.compile(r"\b(?:issued|issue|signed|sign|inked|adopted)\b[^.]{0,40}\b(?:joint statement|joint declaration|joint communiqu|agreement|declaration)", re.I)
_RECALL = re.compile(
    r"\b(?:recalled|recalling|remembered|remember|recollect\w*|last year|years ago|previous|"
    r"former|in the past|back in|once visited|has visited|had visited|had met|had been|had hosted|had held|had received|"
    r"had attended|(?:days|weeks|months|years) (?:after|before|earlier)|^\s*(?:Before|Earlier|Prior to)\b|"
    r"earlier this (?:week|month|year)|earlier in the (?:week|month|year))\b",
    re.I,
)
# An announced meeting is not an event yet: "Biden is due to meet President Vo Van Thuong on Monday".
_FUTURE_MEET = re.compile(
    r"\b(?:will|shall|is due to|are due to|is scheduled to|are scheduled to|is expected to|are expected to|"
    r"plans? to|is set to|are set to|is to|are to|is due to be|to be)\s+(?:\w+\s+){0,2}?"
    r"(?:meet|visit|hold|travel|attend|host|be received|received|held)\b",
    re.I,
)
# "Analysts compared the visit with Japan's partnership with China": a meeting word after "the"
# points back at the meeting already reported, so it does not make a meeting of other parties.
_BACK_REFERENCE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:(?:state|official|recent|latest)\s+)?$", re.I)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|where|whose)\b|\bwhich (?:was|were|had)\b")
_REGION_BEFORE = re.compile(r"\b(?:South|Latin|Central|North|Pan)[\s-]$")
_MULTILATERAL = re.compile(r"\b(?:trilateral|three-way|four-way|three-party|multilateral|summit|joint|sign\w*|agreement|treaty|ceremony)\b", re.I)
# Meetings that did not happen: "a planned visit ... which he postponed".
_UNREALISED = re.compile(r"\b(?:planned|postponed|scrapped|cancell?ed|called off|put off)\b", re.I)
_VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|video ?link|videoconferenc\w*|video conferenc\w*|online summit|by video|phone|telephone)\b", re.I)
_PAST_MEET = re.compile(r"\b(?:met|held talks|hosted|received|visited|talked|spoke)\b", re.I)
_KIND_RULES = (
    ("call", re.compile(r"\b(?:phone|telephone|video call|video link|spoke by phone|virtual)\b", re.I)),
    ("summit", re.compile(r"\bsummit\b", re.I)),
    ("talks", re.compile(r"\b(?:talks|negotiations)\b", re.I)),
    ("visit", re.compile(r"\b(?:state visit|official visit|visit to|visits|visited|visiting|arrived in)\b", re.I)),
)
_UPGRADE = re.compile(
    r"\b(?:upgrad\w*|elevat\w*|lift\w*|rais(?:e|ed|es|ing)|boost\w*|step(?:ped|ping)? up|"
    r"promot\w*(?=(?:\s+\S+){0,8}?\s+(?:into|to)\s*(?:an?|the)?\s*(?:new (?:high |higher )?(?:stage|phase|level) of (?:an?|the)?\s*)?$)|"
    r"(?:take|took|taken|takes|taking|bring|brings|brought|move|moved|moves|usher\w*|advanc\w*|"
    r"enhanc\w*|develop\w*)(?=(?:\s+\S+){0,8}?\s+(?:into|to)\s*(?:an?|the)?\s*(?:new (?:high |higher )?(?:stage|phase) of (?:an?|the)?\s*)?$)|"
    r"new height|higher level|next level)",
    re.I,
)
_ESTABLISH = re.compile(
    r"\b(?:establish\w*|set up|setting up|sets up|forg(?:e|ed|es|ing)|formed|forming|launch\w*|"
    r"creat(?:e|ed|es|ing)|agreed on|announced the establishment|announce the establishment|"
    r"entered into|enter into|(?<!keep )(?<!continue to )(?<!keep on )(?:build|building|built)|"
    r"announc\w*(?=\s+(?:an?|the|their|its)?\s*[\"“]?\s*$)|sign(?:s|ed|ing)?(?=\s+(?:an?|the)\s*[\"“]?\s*$))\b",
    re.I,
)
_DOWNGRADE = re.compile(r"\b(?:downgrad\w*|lower(?:ed|ing|s)?|reduc\w*|scal\w* back|suspend\w*|demot\w*)\b", re.I)
_REAFFIRM = re.compile(
    r"\b(?:reaffirm\w*|deepen\w*|strengthen\w*|consolidat\w*|enrich\w*|further\w*|continu\w*|"
    r"expand\w*|cement\w*|uphold\w*|committed|commitment|promot\w*|push\w*|implement\w*|"
    r"cherish\w*|solidif\w*|enhanc\w*|advanc\w*|develop\w*|carry forward|guided by|under the framework|"
    r"new level of|in line with|in the spirit of|grow\w*|nurtur\w*|bolster\w*|improv\w*)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(?:hope[sd]?|hoping|could|might|may|would like|consider\w*|explor\w*|discuss\w*|propos\w*|"
    r"aim\w*|seek\w*|wish\w*|desire\w*|look(?:s|ed|ing)? forward|possibility|potential|intend\w*|"
    r"call(?:s|ed)? for|urg\w*|not|never|no longer|stopped short|declined)\b",
    re.I,
)
_AFTER_PASSIVE = re.compile(
    r"^[^.;]{0,40}?\b(?:was|were|has been|had been|have been)?\s*(?P<verb>established|upgraded|elevated|set up|forged|launched|downgraded)\b",
    re.I,
)
_HISTORY = re.compile(r"\b(?:since|years ago|back in|was established|were established|had established|had been|first established|previously|formerly|at the time)\b", re.I)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|arrived in|held in|visit(?:s|ed|ing)?|travel(?:l)?ed to)\s+(?:the\s+(?:city of\s+)?)?$"
)
_SPAN_EDGE = re.compile(r"(?:\b(?:since|from|until|till|through|to|between)\s+(?:the\s+)?|\d\s*[-–]\s*)$", re.I)
# The old level of "from X to Y", or of "upgrade X (established in 2006) to Y".
_FROM_LEVEL = re.compile(
    r"\b(?:from|upgrad\w*|elevat\w*|rais(?:e|ed|es|ing)|lift\w*|promot\w*|transform\w*)\s+"
    r"(?:an?|the|their|its|bilateral)?\s*[\"“'‘]?\s*$",
    re.I,
)
_TO_LEVEL = re.compile(r"\b(?:to|into)\b", re.I)
# Not a partnership level: "Comprehensive Economic Partnership Agreement", "trade partnership".
_SECTOR_BEFORE = re.compile(r"\b(?:economic|trade|investment|energy|digital|green|climate|health|maritime|security)\s*$", re.I)
_NAME_AFTER = re.compile(r"^\s*(?:Agreements?|Framework|Council|Forum|Fund|Programme|Program|Network|Dialogue|Treaty|Act)\b")
_TWO_COUNTRIES = re.compile(
    r"\b(?:two countries|two nations|two states|two sides|both sides|both countries|bilateral|"
    r"the two|their|ties|relations|relationship|partners)\b",
    re.I,
)
_SUPPORT = re.compile(
    r"\b(?:support\w*|welcom\w*|speak\w* highly|spoke highly|spoken highly|appreciat\w*|endors\w*|"
    r"back(?:s|ed|ing)?|join(?:s|ed|ing)?|participat\w*|embrac\w*|commend\w*|applaud\w*|hail\w*|"
    r"prais\w*|echo\w*|take part|takes part|took part|sign(?:s|ed)? up to|subscrib\w*)\b",
    re.I,
)
_NOT_SUPPORT = re.compile(r"\b(?:oppos\w*|reject\w*|criticiz\w*|criticis\w*|skeptic\w*|sceptic\w*|refus\w*|withdr\w*)\b", re.I)
_COORDINATED = re.compile(
    r"\bglobal\s+(?P<list>(?:development|security|civili[sz]ation|governance)"
    r"(?:\s*(?:,|and|as well as|&)\s*(?:the\s+)?(?:global\s+)?(?:development|security|civili[sz]ation|governance))+)"
    r"\s+initiatives?\b",
    re.I,
)
_COORD_IDS = {"development": "GDI", "security": "GSI", "civilization": "GCI", "civilisation": "GCI", "governance": "GGI"}
_DOCUMENT = re.compile(
    r"\b(?:the\s+)?(?P<title>joint (?:statement|declaration|communiqu[eé]|press statement)|"
    r"(?:joint\s+)?action plan|memorandum of understanding|treaty)"
    r"(?P<rest>\s+(?:of|on|between|for)\s+[^.;:]{3,220}?)?(?=[,.;:]|\s+and\s+(?:jointly|signed|witnessed)|\s+(?:emphasi[sz]ed|stressed|said|noted)\b|$)",
    re.I,
)
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)(?:,\s*[A-Z][A-Za-z .]{1,25})?,?\s+"
    r"(?:(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)\s*)?"
    r"(?:(?:\((?P<agency>[A-Za-z .]{2,20})\)\s*)?(?:--|—|–|-|:)\s|\((?P<agency2>[A-Z][A-Za-z .]{1,19})\)\s+(?=[A-Z])"
    r"|/(?P<agency3>[A-Z][A-Za-z .]{1,19})/\s*)",
)
# A report filed where it happened: "here", or "today" in the dateline's paragraph.
_LOCAL = re.compile(r"\b(?:here|today)\b", re.I)
# A city the knowledge files lack, after a meeting word: "held talks in Jaipur".
_MEETING_AT = re.compile(
    r"\b(?:talks|met|meet|meets|meeting|summit|held|hosted|arrived|visit(?:ed|ing|s)?)\b[^.;]{0,40}?\b(?:in|at)\s+"
    r"(?P<city>[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+)?)\b(?!['’]s)"
)
_NOT_A_CITY = re.compile(
    r"\b(?:House|Palace|Hall|Hotel|Centre|Center|Guesthouse|Guest|Office|Building|Complex|Square|Kremlin|"
    r"Parliament|Airport|Summit|Forum|Conference|Session|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|His|Her|"
    r"Their|This|That|President|Prime|Premier|Minister|Chairman|King|Queen|General)\b"
)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’\-]*$")
_STOP_NAME = {
    "The", "And", "Of", "On", "In", "At", "To", "For", "With", "Said", "Says", "Held", "Met", "Who",
    "Has", "Had", "Was", "Is", "Will", "During", "After", "Before", "Xinhua", "Reuters",
}
_ATTACHED_WORDS = re.compile(r"^\s*(?:side|sides|leader|leaders|government|president|counterpart|head|delegation|people|nation|country)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A gazetteer span as plain values (the attribute names of ``Span``)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str
    kb_id_: str
    text: str


@dataclass
class _PartyHit:
    id: str
    start: int
    end: int
    kind: str  # STATE, DEMONYM, ORG
    text: str
    possessive: bool = False


@dataclass
class _LeaderHit:
    leader_id: str
    name: str
    title: str | None
    state: str | None
    start: int
    end: int
    surface: str
    resolution: str
    offices: tuple[tuple[str, str, str], ...] = ()


@dataclass
class _EventDraft:
    parties: list[str]
    leaders: list[str] = field(default_factory=list)
    date: FuzzyDate = field(default_factory=FuzzyDate)
    place: str | None = None
    place_state: str | None = None
    kind: str = "meeting"
    sentence: _Mark | None = None
    rule: str = ""
    weak: bool = False
    virtual: bool = False  # held by video or phone: no place


@dataclass
class _ClaimDraft:
    parties: tuple[str, str]
    level: str
    rank: int
    change: str
    qualifiers: tuple[str, ...]
    previous_level: str | None
    date: FuzzyDate
    historical: bool
    position: int
    sentence: _Mark
    rule: str


def _ref_day(article: Article, dates: list[DateMention]) -> str | None:
    if article.published:
        return article.published
    for mention in dates:
        if mention.kind == "full":
            value = resolve(mention, None).value
            if value:
                return value
    return None


def _in(span_start: int, span_end: int, sent: _Mark) -> bool:
    return sent.start_char <= span_start and span_end <= sent.end_char


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "unknown"


class _Article:
    """The working state of one article's extraction."""

    def __init__(self, doc: Doc, article: Article, kb: Knowledge):
        self.doc = doc
        self.article = article
        self.kb = kb
        self.text = article.text  # the doc was made from it; Doc.text would re-join every token
        # Plain copies of the gazetteer's spans: a Span recomputes its offsets on every access.
        self.spans: dict[str, list[_Mark]] = {
            group: [_Mark(sp.start, sp.end, sp.start_char, sp.end_char, sp.label_, sp.kb_id_, sp.text) for sp in spans]
            for group, spans in doc.spans.items()
        }
        self.dates: list[DateMention] = doc.user_data.get("entente_dates") or []
        self.ref_day = _ref_day(article, self.dates)
        self.sents = [_Mark(sp.start, sp.end, sp.start_char, sp.end_char, "", "", sp.text) for sp in doc.sents]
        self._sent_starts = [sent.start_char for sent in self.sents]
        self.datelines = self._datelines()
        self.parties = self._parties()
        self.leaders = self._leaders()
        self.article_states = {p.id for p in self.parties} | {l.state for l in self.leaders if l.state}

    def sent_at(self, char: int) -> _Mark:
        """The sentence holding character ``char`` (``Span.sent`` recomputes sentences on every call)."""
        return self.sents[max(0, bisect_right(self._sent_starts, char) - 1)]

    # -- evidence -------------------------------------------------------------------------
    def evidence(self, sent: _Mark, rule: str) -> Evidence:
        return Evidence(
            article=self.article.id, source=self.article.source, start=sent.start_char,
            end=sent.end_char, text=sent.text, rule=rule,
        )

    # -- datelines ------------------------------------------------------------------------
    def _datelines(self) -> list[tuple[int, int]]:
        spans = []
        offset = 0
        self.dateline_city: str | None = None
        self.dateline_local = False
        for paragraph in self.text.split("\n"):
            match = _DATELINE.match(paragraph)
            agency = match and (match.group("agency") or match.group("agency2") or match.group("agency3"))
            if match and (agency or match.group("city").isupper() or match.group("date")):
                spans.append((offset + match.start(), offset + match.end()))
                if self.dateline_city is None:
                    self.dateline_city = match.group("city").strip()
                    self.dateline_local = bool(_LOCAL.search(paragraph[match.end():]))
            offset += len(paragraph) + 1
        return spans

    def dateline_place(self) -> tuple[str | None, str | None]:
        """The dateline's city, as the knowledge files name it, when the report says it was filed
        where it happened ("TOKYO, Sep 1 (PTI) India and Japan today ...")."""
        if not (self.dateline_city and self.dateline_local):
            return None, None
        city = self.kb.city_of(self.dateline_city)
        if city is None:
            return None, None
        return city, self.kb.places[city].state if city in self.kb.places else None

    def in_dateline(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.datelines)

    def dateline_date(self) -> FuzzyDate:
        """The date of the first dateline ("BEIJING, Oct. 25 (Xinhua) --"): when the story was filed."""
        for mention in self.dates:
            if self.in_dateline(mention.start):
                return replace(resolve(mention, self.ref_day), basis="dateline")
        return FuzzyDate()

    # -- parties --------------------------------------------------------------------------
    def _parties(self) -> list[_PartyHit]:
        hits = []
        for span in self.spans["state"]:
            if self.in_dateline(span.start_char):
                continue
            after = self.text[span.end_char:span.end_char + 2]
            hits.append(_PartyHit(span.kb_id_, span.start_char, span.end_char, span.label_, span.text, after in ("'s", "’s")))
        for span in self.spans["org"]:
            if span.label_ == "PARTY":
                after = self.text[span.end_char:span.end_char + 2]
                hits.append(_PartyHit(span.kb_id_, span.start_char, span.end_char, "ORG", span.text, after in ("'s", "’s")))
        # "South American leaders", "Latin American states": a region, not the United States.
        hits = [h for h in hits if not (h.kind == "DEMONYM" and _REGION_BEFORE.search(self.text[max(0, h.start - 8):h.start]))]
        # "Samarkand, Uzbekistan": a state that only locates a city is not a party.
        city_ends = {s.end_char for s in self.spans["place"]}
        hits = [h for h in hits if not any(self.text[e:h.start].strip() in (",", "") and 0 <= h.start - e <= 2 for e in city_ends)]
        return sorted(hits, key=lambda h: h.start)

    def parties_in(self, sent: _Mark) -> list[_PartyHit]:
        return [h for h in self.parties if _in(h.start, h.end, sent)]

    # -- leaders --------------------------------------------------------------------------
    def _office_holders(self, state: str, title: str | None) -> list[Leader]:
        day = self.ref_day
        holders = []
        for leader in self.kb.leaders_of(state):
            for office in leader.offices:
                if office.holds_on(day) and (title is None or fold(office.title) == fold(title)):
                    holders.append(leader)
                    break
        return holders

    def _state_near(self, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
        """The state a title or name belongs to: "Belarusian President", "... of Timor-Leste"."""
        before = [h for h in self.parties if sent_start <= h.start and h.end <= start and start - h.end <= 4]
        if before:
            return before[-1].id
        after_text = self.text[end:end + 40]
        match = re.match(r"^\s*(?:,\s*)?of\s+(?:the\s+)?", after_text)
        if match:
            for h in self.parties:
                if h.start == end + match.end():
                    return h.id
        return None

    def _leaders(self) -> list[_LeaderHit]:
        hits: list[_LeaderHit] = []
        taken: list[tuple[int, int]] = []
        titles = list(self.spans["title"])
        full_named = {span.kb_id_ for span in self.spans["leader"] if span.label_ == "LEADER"}
        article_states = {p.id for p in self.parties}
        by_extent: dict[tuple[int, int], list[_Mark]] = {}
        for span in self.spans["leader"]:
            by_extent.setdefault((span.start_char, span.end_char), []).append(span)
        for (start, end), spans in sorted(by_extent.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
            if any(s < end and start < e for s, e in taken):
                continue
            title_before = next((t for t in titles if 0 <= start - t.end_char <= 1), None)
            candidates = []
            for span in spans:
                leader = self.kb.leaders.get(span.kb_id_)
                if leader is None:
                    continue
                score = 0
                if span.label_ == "LEADER":
                    score += 4
                if leader.id in full_named:
                    score += 3
                if leader.state in article_states:
                    score += 2
                if title_before is not None:
                    score += 1
                if any(o.holds_on(self.ref_day) for o in leader.offices):
                    score += 2
                candidates.append((score, leader.id, leader, span))
            if not candidates:
                continue
            candidates.sort(key=lambda c: (-c[0], c[1]))
            score, _, leader, span = candidates[0]
            if len(candidates) > 1 and candidates[1][0] == score:
                continue  # two leaders fit equally well: say nothing rather than guess
            if span.label_ == "ALIAS" and not (title_before or leader.id in full_named or leader.state in article_states):
                continue
            reason = "name" if span.label_ == "LEADER" else "surname+" + ("title" if title_before else "context")
            hits.append(self._hit(leader, start, end, span.text, reason))
            taken.append((start, end))
        persons = {ent.start: ent for ent in self.doc.ents if ent.label_ == "PERSON"}
        for title in titles:
            person = persons.get(title.end)
            # A trained pipeline's PERSON entity right after the title gives the name's extent.
            name_tokens = list(person) if person is not None else []
            for token in self.doc[title.end:title.end + 4] if person is None else ():
                if not _NAME_TOKEN.match(token.text) or token.text in _STOP_NAME or token.is_sent_start:
                    break
                if any(h.start <= token.idx < h.end for h in self.parties) and not name_tokens:
                    break
                name_tokens.append(token)
            if not name_tokens:
                continue
            start, end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
            if any(s < end and start < e for s, e in taken):
                continue
            sent = self.sent_at(title.start_char)
            surface = self.text[start:end]
            state = self._state_near(title.start_char, end, sent.start_char, sent.end_char)
            resolved = self._fuzzy(surface, title.kb_id_, state)
            if resolved is not None:
                leader, reason = resolved
                hits.append(self._hit(leader, start, end, surface, reason))
            else:
                hits.append(
                    _LeaderHit(
                        leader_id=_slug(surface) + (f"-{state.lower()}" if state else ""),
                        name=surface, title=title.kb_id_, state=state, start=start, end=end,
                        surface=surface, resolution="new: title and name" + (f", state {state}" if state else ""),
                    )
                )
            taken.append((start, end))
        return sorted(hits, key=lambda h: h.start)

    def _hit(self, leader: Leader, start: int, end: int, surface: str, reason: str) -> _LeaderHit:
        return _LeaderHit(
            leader_id=leader.id, name=leader.name, title=leader.title_on(self.ref_day), state=leader.state,
            start=start, end=end, surface=surface, resolution=reason,
            offices=tuple((o.title, o.start, o.end) for o in leader.offices),
        )

    def _fuzzy(self, surface: str, title: str, state: str | None) -> tuple[Leader, str] | None:
        """An office holder whose name is close to ``surface`` ("Gusmang" ~ "Gusmão")."""
        if state is None:
            return None
        target = fold(surface).split()[-1]
        best = None
        for leader in self._office_holders(state, title) or self._office_holders(state, None):
            names = {fold(n).split()[-1] for n in (leader.name, *leader.aliases) if n.strip()}
            ratio = max(difflib.SequenceMatcher(None, target, n).ratio() for n in names)
            if best is None or ratio > best[0]:
                best = (ratio, leader)
        if best and best[0] >= 0.6:
            ratio, leader = best
            return leader, (
                f"fuzzy: {surface!r} ~ {leader.name!r} ({ratio:.2f}), {title} of {state} on {self.ref_day or 'unknown date'}"
            )
        return None

    def leaders_in(self, sent: _Mark) -> list[_LeaderHit]:
        return [h for h in self.leaders if _in(h.start, h.end, sent)]

    # -- places ---------------------------------------------------------------------------
    def place_in(self, sent: _Mark) -> tuple[str | None, str | None]:
        venue = None
        for span in self.spans["place"]:
            if not _in(span.start_char, span.end_char, sent) or self.in_dateline(span.start_char):
                continue
            if self.text[span.end_char:span.end_char + 2] in ("'s", "’s"):
                continue  # "Moscow's most significant move": the government, not the venue
            place = self.kb.places.get(span.kb_id_)
            if place is None:
                continue
            before = self.text[max(sent.start_char, span.start_char - 40):span.start_char]
            if place.kind == "venue":
                # "talks at the Casa de Nariño", not "the Casa de Nariño said"
                if venue is None and place.city and re.search(r"\b(?:in|at|to|inside)\s+(?:the\s+)?$", before):
                    venue = place
                continue
            near = _PLACE_BEFORE.search(before)
            if near is None and (place.ambiguous or not re.search(r"\b(?:in|at)\b[^.]{0,25}$", before)):
                continue
            return place.name, place.state
        if venue is not None:
            city = self.kb.places.get(venue.city)
            return venue.city, city.state if city else venue.state
        return self._ner_place_in(sent) if self.doc.ents else self._named_city_in(sent)

    def _named_city_in(self, sent: _Mark) -> tuple[str | None, str | None]:
        """A city the knowledge files lack, named after a meeting word ("held talks in Jaipur")."""
        for match in _MEETING_AT.finditer(sent.text):
            city = match.group("city")
            start = sent.start_char + match.start("city")
            if _NOT_A_CITY.search(city) or any(h.start < start + len(city) and start < h.end for h in self.parties):
                continue
            return city, None
        return None, None

    def _ner_place_in(self, sent: _Mark) -> tuple[str | None, str | None]:
        """A city the knowledge files lack, from a trained pipeline's GPE entities ("talks in Nukunonu")."""
        known = [(h.start, h.end) for h in self.parties] + [(s.start_char, s.end_char) for s in self.spans["place"]]
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or not _in(ent.start_char, ent.end_char, sent):
                continue
            if self.in_dateline(ent.start_char) or any(s < ent.end_char and ent.start_char < e for s, e in known):
                continue
            if self.text[ent.end_char:ent.end_char + 2] in ("'s", "’s"):
                continue
            if _PLACE_BEFORE.search(self.text[max(sent.start_char, ent.start_char - 40):ent.start_char]):
                return ent.text, None
        return None, None

    # -- dates ----------------------------------------------------------------------------
    def dates_in(self, sent: _Mark, *, when: bool = False) -> list[DateMention]:
        """Dates of a sentence, not its dateline's; with ``when``, only those that can say when
        something happened (not "since 18 April", nor the ends of "from 19 to 21 August")."""
        found = [
            d for d in self.dates
            if sent.start_char <= d.start and d.end <= sent.end_char and not self.in_dateline(d.start)
        ]
        if when:
            found = [d for d in found if not _SPAN_EDGE.search(self.text[max(sent.start_char, d.start - 12):d.start])]
        return found

    def is_future(self, value: FuzzyDate) -> bool:
        """Whether a date lies after the article ("next year", "in 2030"): a plan, not news."""
        if not value.has_year or not self.ref_day:
            return False
        return value.value > self.ref_day[:len(value.value)]

    def is_old(self, value: FuzzyDate) -> bool:
        """Whether a date lies well before the article (a recalled past, not the news)."""
        if not value.has_year or not self.ref_day:
            return False
        return value.value[:7] < self.ref_day[:7] and (value.precision != "day" or value.value < _minus_days(self.ref_day, 45))


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _minus_days(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()


def _kind(text: str) -> str:
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return "meeting"


def _headline_pair(state: _Article) -> tuple[str, str] | None:
    """The pair an article leads with: two parties and a level in one of its first sentences."""
    for sent in state.sents[:3]:
        ids = sorted({h.id for h in state.parties_in(sent)})
        if len(ids) == 2 and any(_in(l.start_char, l.end_char, sent) for l in state.spans["level"]):
            return ids[0], ids[1]
    return None


def _refers_back(main: str) -> bool:
    """Every meeting word of ``main`` follows "the"/"this"/...: the meeting told before, not a new one."""
    return all(_BACK_REFERENCE.search(main[:m.start()]) for m in _MEET.finditer(main))


def _events(state: _Article) -> list[_EventDraft]:
    drafts: list[_EventDraft] = []
    current: _EventDraft | None = None
    headline_pair = _headline_pair(state)
    for sent in state.sents:
        text = sent.text
        strong = _MEET.search(text)
        weak = _WEAK_EVENT.search(text) if not strong else None
        # Two leaders of two states acting together ("X and Y jointly announced") is an event too.
        together = len({l.state for l in state.leaders_in(sent) if l.state}) >= 2
        if not strong and not weak and not together:
            continue
        clause = _RELATIVE_CLAUSE.search(text)
        clause_start = sent.start_char + clause.start() if clause else sent.end_char
        # When the meeting is told before a relative clause ("The talks were held in Riyadh, where
        # King Salman hosted ... on a tour that also takes him to Egypt and Iran"), the clause adds
        # neither parties nor a recalled or future meeting.
        main = text[:clause.start()] if clause and _MEET.search(text[:clause.start()]) else text
        # "held talks at the Elysée, where they marked the partnership launched in 1998": a date in a
        # relative clause dates something else.
        dates = [resolve(d, state.ref_day) for d in state.dates_in(sent, when=True) if d.start < clause_start]
        # The most precise date of the sentence: "on Friday (Nov 22)" over "ASEAN chair in 2025".
        known = [d for d in dates if d.known and not state.is_future(d)]
        sentence_date = max(known, key=lambda d: (_PRECISION[d.precision], d.has_year), default=FuzzyDate())
        if _RECALL.search(main) or state.is_old(sentence_date):
            continue
        if (_FUTURE_MEET.search(main) or _UNREALISED.search(main)) and not _PAST_MEET.search(main):
            continue
        main_end = sent.start_char + len(main)  # parties count only in the meeting's own clause
        leaders = [l for l in state.leaders_in(sent) if l.start < main_end]
        leader_states = list(dict.fromkeys(l.state for l in leaders if l.state))
        parties = leader_states
        if len(parties) < 2:
            hits = [h for h in state.parties_in(sent) if h.start < main_end
                    and (h.kind != "DEMONYM" or _ATTACHED_WORDS.match(state.text[h.end:h.end + 20]))]
            if sum(h.kind != "ORG" for h in hits) >= 2:
                # "at the ASEAN-Australia summit": with two states present, an organisation is the setting.
                hits = [h for h in hits if h.kind != "ORG" or h.id in leader_states]
            parties = list(dict.fromkeys(parties + [h.id for h in hits]))
            if len(parties) > 2 and len(leader_states) < 2 and not _MULTILATERAL.search(main):
                continue  # "a tour that took him to France, Serbia and Hungary": a list, not one meeting
        place, place_state = state.place_in(sent)
        if len(parties) == 1 and strong and current is None and headline_pair and parties[0] in headline_pair:
            # "The Prime Minister said the decision was reached during his meeting with To Lam": the
            # other side is the headline pair's, named by a title only.
            parties = list(headline_pair)
        if len(parties) >= 2:
            key = sorted(parties)
            match = next((d for d in drafts if sorted(d.parties) == key), None)
            if match is None and drafts and not leader_states and strong and _refers_back(main):
                continue
            if match is None:
                match = _EventDraft(parties=key, kind=_kind(text) if strong else "meeting", sentence=sent,
                                    rule="event:meeting-sentence" if strong else "event:joint-document", weak=not strong)
                drafts.append(match)
            elif match.weak and strong:
                match.kind, match.sentence, match.rule, match.weak = _kind(text), sent, "event:meeting-sentence", False
            for leader in leaders:
                if leader.state in key and leader.leader_id not in match.leaders:
                    match.leaders.append(leader.leader_id)
            current = match
        elif current is not None and set(parties) <= set(current.parties):
            match = current
        else:
            continue
        if not match.date.known and sentence_date.known:
            match.date = sentence_date
        elif match.date.known and not match.date.has_year and sentence_date.has_year:
            match.date = sentence_date
        elif (match.date.has_year and sentence_date.has_year and sentence_date.value.startswith(match.date.value)
              and _PRECISION[sentence_date.precision] > _PRECISION[match.date.precision]):
            match.date = sentence_date  # "in 2023" first, "on December 7" later
        if _VIRTUAL.search(main) and match.place is None:
            match.virtual = True
        if match.place is None and place and not match.virtual:
            match.place, match.place_state = place, place_state
    return drafts


def _change(state: _Article, sent: _Mark, level: _Mark) -> tuple[str, str]:
    """The change a level span states, and the rule that decided it."""
    before = state.text[sent.start_char:level.start_char]
    window = before[-160:]
    after = state.text[level.end_char:sent.end_char]
    found = []
    for name, pattern in (("upgrade", _UPGRADE), ("establish", _ESTABLISH), ("downgrade", _DOWNGRADE), ("reaffirm", _REAFFIRM)):
        for match in pattern.finditer(window):
            found.append((match.end(), name))
    passive = _AFTER_PASSIVE.match(after)
    if passive and not found:
        verb = passive.group("verb").lower()
        name = {"established": "establish", "set up": "establish", "forged": "establish", "launched": "establish",
                "downgraded": "downgrade"}.get(verb, "upgrade")
        found.append((len(window), name))
    if not found:
        return "mention", "change:no-verb"
    found.sort()
    end, name = found[-1]
    # A stronger verb shortly before the nearest one governs it ("decided to upgrade ... and deepen").
    if name == "reaffirm":
        stronger = [f for f in found if f[1] in ("upgrade", "establish") and end - f[0] < 60]
        if stronger:
            end, name = stronger[-1]
    clause = window[max(0, end - 90):end]
    if name in ("upgrade", "establish", "downgrade") and _HEDGE.search(clause):
        return "mention", f"change:hedged-{name}"
    return name, f"change:{name}-verb"


def _qualifiers(state: _Article, sent: _Mark, level: _Mark) -> tuple[str, ...]:
    found = []
    for span in state.spans["qualifier"]:
        if not _in(span.start_char, span.end_char, sent):
            continue
        gap_after = state.text[level.end_char:span.start_char]
        gap_before = state.text[span.end_char:level.start_char]
        if 0 <= span.start_char - level.end_char <= 3 and not gap_after.strip(" ,"):
            found.append(span.kb_id_)
        elif 0 <= level.start_char - span.end_char <= 1 and not gap_before.strip():
            found.append(span.kb_id_)
    label = level.kb_id_
    surface = fold(level.text)
    for qualifier in state.kb.qualifiers.values():
        if fold(qualifier.text) in surface.split() and fold(qualifier.text) not in fold(label).split():
            found.append(qualifier.text)
    return tuple(dict.fromkeys(found))


def _pair_for(state: _Article, sent: _Mark, level: _Mark, focus: list[tuple[str, str]]) -> tuple[str, str] | None:
    hits = state.parties_in(sent)
    ids = list(dict.fromkeys(h.id for h in hits))
    if len(ids) == 2:
        return tuple(sorted(ids))  # type: ignore[return-value]
    if len(ids) > 2:
        for pair in focus:
            if set(pair) <= set(ids):
                return pair
        before = [h.id for h in hits if h.end <= level.start_char]
        near = list(dict.fromkeys(reversed(before)))[:2]
        return tuple(sorted(near)) if len(near) == 2 else None  # type: ignore[return-value]
    if len(ids) == 1:
        for pair in focus:
            if ids[0] in pair:
                return pair
        return None
    if focus and _TWO_COUNTRIES.search(sent.text):
        return focus[0]
    if focus and len(focus) == 1:
        return focus[0]
    return None


def _claims(state: _Article, focus: list[tuple[str, str]]) -> list[_ClaimDraft]:
    drafts = []
    levels = list(state.spans["level"])
    sentence_of = [state.sent_at(level.start_char) for level in levels]
    for position, level in enumerate(levels):
        sent = sentence_of[position]
        if _SECTOR_BEFORE.search(state.text[max(sent.start_char, level.start_char - 20):level.start_char]) or _NAME_AFTER.match(
            state.text[level.end_char:level.end_char + 20]
        ):
            continue
        pair = _pair_for(state, sent, level, focus)
        if pair is None or pair[0] == pair[1]:
            continue
        info = state.kb.levels[level.kb_id_]
        change, rule = _change(state, sent, level)
        previous = None
        earlier = [l for l, s in zip(levels, sentence_of) if s == sent and l.end_char <= level.start_char]
        if earlier and _FROM_LEVEL.search(state.text[sent.start_char:earlier[-1].start_char]):
            between = state.text[earlier[-1].end_char:level.start_char]
            if _TO_LEVEL.search(between):
                previous = earlier[-1].kb_id_
                if change in ("mention", "reaffirm", "establish"):
                    prev_rank = state.kb.levels[previous].rank
                    change = "upgrade" if info.rank > prev_rank else "downgrade"
                    rule = "change:from-to"
        later = [l for l, s in zip(levels, sentence_of) if s == sent and l.start_char >= level.end_char]
        if later and _FROM_LEVEL.search(state.text[sent.start_char:level.start_char]) and _TO_LEVEL.search(
            state.text[level.end_char:later[0].start_char]
        ):
            continue  # this is the "from" side of "from X to Y"
        dates = [(d, r) for d in state.dates_in(sent) if not state.is_future(r := resolve(d, state.ref_day))]
        if previous is not None:
            # "from a comprehensive partnership struck in 2013 to ...": that date belongs to the old level.
            dates = [(d, r) for d, r in dates if not earlier[-1].start_char <= d.start < level.start_char]
        own = FuzzyDate()
        if dates:
            # the date nearest the label, preferring one after the verb
            dates.sort(key=lambda dr: abs(dr[0].start - level.start_char))
            own = dates[0][1]
        historical = bool(own.known and state.is_old(own)) or bool(_HISTORY.search(state.text[sent.start_char:level.start_char][-80:]))
        if pair not in focus and change != "mention":
            rule = f"change:other-pair({change})"
            change = "mention"
        drafts.append(
            _ClaimDraft(
                parties=pair, level=info.label, rank=info.rank, change=change,
                qualifiers=_qualifiers(state, sent, level), previous_level=previous, date=own,
                historical=historical, position=position, sentence=sent, rule=rule,
            )
        )
    return drafts


def _best_claims(state: _Article, drafts: list[_ClaimDraft]) -> list[_ClaimDraft]:
    by_pair: dict[tuple[str, str], list[_ClaimDraft]] = {}
    for draft in drafts:
        by_pair.setdefault(draft.parties, []).append(draft)
    chosen = []
    for pair, claims in sorted(by_pair.items()):
        current = [c for c in claims if not c.historical] or claims
        # Among equally strong claims an upgrade names its highest level, a downgrade its lowest.
        best = max(current, key=lambda c: (CHANGE_STRENGTH[c.change], c.date.known,
                                           -c.rank if c.change == "downgrade" else c.rank, -c.position))
        previous = best.previous_level
        if previous is None:
            older = [c for c in claims if c.historical and c.rank < best.rank]
            if older:
                previous = max(older, key=lambda c: c.rank).level
        change = best.change
        rule = best.rule
        if change == "establish" and previous and state.kb.levels[previous].rank < best.rank:
            change = "upgrade"
        if best.historical and change in ("establish", "upgrade", "downgrade"):
            # "raised their relations to a CSP last year": recalled, not this article's news.
            rule, change = f"change:historical({change})", "mention"
        qualifiers = best.qualifiers or next((c.qualifiers for c in current if c.level == best.level and c.qualifiers), ())
        date = best.date
        if best.historical is False and (not date.known or state.is_old(date)):
            date = next((c.date for c in current if c.level == best.level and c.date.known and not state.is_old(c.date)), FuzzyDate())
        chosen.append(
            _ClaimDraft(
                parties=pair, level=best.level, rank=best.rank, change=change, qualifiers=qualifiers,
                previous_level=previous, date=date, historical=best.historical, position=best.position,
                sentence=best.sentence, rule=rule,
            )
        )
    return chosen


def _supporter(state: _Article, sent: _Mark, verb_start: int, proposers: set[str]) -> str | None:
    candidates = [
        h for h in state.parties_in(sent)
        if h.end <= verb_start and not h.possessive and h.id not in proposers
        and (h.kind != "DEMONYM" or _ATTACHED_WORDS.match(state.text[h.end:h.end + 20]))
    ]
    leaders = [l for l in state.leaders_in(sent) if l.end <= verb_start and l.state and l.state not in proposers]
    first = sorted(
        [(c.start, c.id) for c in candidates] + [(l.start, l.state) for l in leaders], key=lambda x: x[0]
    )
    if first:
        return first[0][1]
    if re.match(r"^\s*(?:He|She|It|They)\b", sent.text):
        earlier = [l for l in state.leaders if l.end <= sent.start_char and l.state and l.state not in proposers]
        if earlier:
            return earlier[-1].state
    return None


def _initiatives_in(state: _Article, sent: _Mark) -> list[tuple[int, str]]:
    found = [(s.start_char, s.kb_id_) for s in state.spans["initiative"] if _in(s.start_char, s.end_char, sent)]
    for match in _COORDINATED.finditer(sent.text):
        words = re.findall(r"development|security|civili[sz]ation|governance", match.group("list"), re.I)
        for word in words:
            ident = _COORD_IDS[word.lower()]
            if ident in state.kb.initiatives:
                found.append((sent.start_char + match.start(), ident))
    return sorted(set(found))


def _supports(state: _Article) -> tuple[list[tuple[str, str, _Mark]], list[str]]:
    supports = []
    named: list[str] = []
    for sent in state.sents:
        initiatives = _initiatives_in(state, sent)
        if not initiatives:
            continue
        named.extend(i for _, i in initiatives)
        if _NOT_SUPPORT.search(sent.text):
            continue
        for verb in _SUPPORT.finditer(sent.text):
            verb_start = sent.start_char + verb.start()
            after = [i for start, i in initiatives if start >= verb_start]
            if not after:
                continue
            proposers = {state.kb.initiatives[i].proposer for i in after if state.kb.initiatives[i].proposer}
            supporter = _supporter(state, sent, verb_start, proposers)
            if supporter is None:
                continue
            for ident in after:
                supports.append((supporter, ident, sent))
            break
    return supports, list(dict.fromkeys(named))


def _documents(state: _Article, events: list[_EventDraft]) -> list[tuple[str, tuple[str, ...], _Mark]]:
    found = []
    for sent in state.sents:
        if not re.search(r"\b(?:sign\w*|issu\w*|adopt\w*|inked|released)\b", sent.text, re.I):
            continue
        for match in _DOCUMENT.finditer(sent.text):
            title = " ".join((match.group("title") + (match.group("rest") or "")).split())
            parties = tuple(sorted({h.id for h in state.parties_in(sent)})) or (tuple(events[0].parties) if events else ())
            found.append((title, parties, sent))
    return found


def extract_facts(doc: Doc, article: Article, kb: Knowledge) -> ArticleFacts:
    """All facts of one annotated article (``doc`` from the Entente pipeline)."""
    if article.published and not _is_day(article.published):
        article = replace(article, published=None)  # an impossible date is no date: "2023-02-30"
    state = _Article(doc, article, kb)
    events = _events(state)
    focus: list[tuple[str, str]] = []
    for event in events:
        if len(event.parties) == 2:
            focus.append(tuple(event.parties))  # type: ignore[arg-type]
    if not focus and (headline := _headline_pair(state)):
        focus.append(headline)
    if not focus:
        counts = Counter(h.id for h in state.parties if h.kind != "DEMONYM")
        top = [i for i, _ in counts.most_common(2)]
        if len(top) == 2 and state.spans["level"]:
            focus.append(tuple(sorted(top)))  # type: ignore[arg-type]
    focus = list(dict.fromkeys(focus))

    filed = FuzzyDate(article.published, "day", "published") if article.published else state.dateline_date()
    for event in events:
        if not event.date.known and filed.known:
            event.date = filed
        if event.place is None and event.kind != "call" and not event.virtual:
            event.place, event.place_state = state.dateline_place()

    event_ids = {}
    event_records = []
    for event in events:
        ident = stable_id("event", article.id, *event.parties)
        event_ids[tuple(event.parties)] = ident
        event_records.append(
            EventMention(
                id=ident, article=article.id, source=article.source, kind=event.kind,
                parties=tuple(event.parties), leaders=tuple(event.leaders), date=event.date,
                place=event.place, place_state=event.place_state, published=article.published,
                evidence=state.evidence(event.sentence, event.rule),
            )
        )
    by_pair = {tuple(e.parties): e for e in events}

    claims = []
    for draft in _best_claims(state, _claims(state, focus)):
        event = by_pair.get(draft.parties)
        change, rule = draft.change, draft.rule
        if change == "mention" and event is not None and not draft.historical and "other-pair" not in rule:
            # The pair's level named in a report of the pair's meeting is restated there.
            change, rule = "reaffirm", f"change:restated-at-meeting({rule})"
        date = draft.date
        if event is not None and not draft.historical and _PRECISION[event.date.precision] > _PRECISION[date.precision]:
            date = event.date  # "keep building ... (2024 plans)" at talks dated to the day
        if not date.known and filed.known and change != "mention":
            date = filed
        parties = tuple(Party(p, kb.party_name(p), kb.party_kind(p)) for p in draft.parties)
        claims.append(
            PartnershipClaim(
                id=stable_id("claim", article.id, *draft.parties),
                article=article.id, source=article.source, parties=parties,  # type: ignore[arg-type]
                level=draft.level, rank=draft.rank, change=change, qualifiers=draft.qualifiers,
                previous_level=draft.previous_level, date=date,
                place=event.place if event else None,
                event=event_ids.get(draft.parties), evidence=state.evidence(draft.sentence, rule),
            )
        )

    leader_records = {}
    for hit in state.leaders:
        if hit.leader_id in leader_records:
            continue
        leader_records[hit.leader_id] = LeaderMention(
            id=hit.leader_id, name=hit.name, title=hit.title, state=hit.state, surface=hit.surface,
            resolution=hit.resolution, article=article.id, source=article.source,
            evidence=state.evidence(state.sent_at(hit.start), f"leader:{hit.resolution.split(':')[0]}"),
            offices=hit.offices,
        )

    support_records = {}
    support_hits, named = _supports(state)
    for supporter, ident, sent in support_hits:
        key = (supporter, ident)
        if key not in support_records:
            support_records[key] = SupportClaim(
                state=supporter, initiative=ident, initiative_name=kb.initiatives[ident].name,
                article=article.id, source=article.source, evidence=state.evidence(sent, "support:verb-before-initiative"),
            )

    documents = []
    for title, parties, sent in _documents(state, events):
        documents.append(
            JointDocument(
                id=stable_id("document", article.id, title.lower()), title=title, parties=parties,
                event=event_ids.get(tuple(parties)), article=article.id, source=article.source,
                evidence=state.evidence(sent, "document:signed-or-issued"),
            )
        )

    return ArticleFacts(
        article=article,
        partnerships=tuple(claims),
        events=tuple(event_records),
        leaders=tuple(sorted(leader_records.values(), key=lambda l: l.id)),
        supports=tuple(sorted(support_records.values(), key=lambda s: (s.state, s.initiative))),
        documents=tuple({d.id: d for d in documents}.values()),
        initiatives=tuple(sorted(set(named))),
    )
