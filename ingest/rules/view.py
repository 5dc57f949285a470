"""One article as the rules see it: its sentences, datelines, parties, leaders, places and dates.

:class:`ArticleView` is built once per article from the spans of the pipeline's gazetteer and
date finder, and answers the questions every rule module asks ("which parties are in this
sentence?", "is this date well before the article?", "where did this meeting take place?"). It
holds plain values, not spaCy spans: a ``Span`` recomputes its offsets on every access.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Doc

from entente.ingest.dates import DateMention, resolve
from entente.ingest.knowledge import Knowledge, fold
from entente.ingest.model import Article, Evidence, FuzzyDate
from entente.ingest.rules.cues import Cues, cues_of, reads_english

__all__ = ["PRECISION", "ArticleView", "LeaderHit", "Mark", "PartyHit", "is_day", "within"]

#: How precise a date is, for choosing the most precise of several.
PRECISION = {"day": 3, "month": 2, "year": 1, None: 0}

_PLACE_BEFORE = re.compile(
    # "In Beijing, Mirziyoyev and Xi ...": a sentence may open with the place.
    # "en/em/no/na/à/au/nel/nach/a": the same prepositions in the other languages (data/languages.toml).
    r"(?:\b(?:in|at|In|At|to|arrived in|held in|visit(?:s|ed|ing)?|travel(?:l)?ed to|en|em|no|na|nel|nella|nach|a|в|во)"
    r"|(?<!\w)(?:à|au))\s+"
    r"(?:the\s+(?:[\w'’-]+\s+){0,3}?(?:(?:city|town|resort|capital) of\s+|capital,?\s+)?"
    r"|(?:der|la|a|le)\s+(?:Hauptstadt|capital|capitale|ciudad de|città di|cidade de|ville de)\s+)?$"
)
_VENUE_NOUN = re.compile(
    r"(?:^|\s)(?:Palace|House|Hall|Hotel|Cent(?:re|er)|Building|Office|Residence|Complex|Pavilion|Castle|Fort|"
    r"Square|Mansion|Villa|Kremlin)\b"
)
# A government named by its seat: "could worry the leadership in Beijing", "officials in Moscow".
_SEAT_OF = re.compile(
    r"\b(?:leadership|officials|authorities|government|regime|administration|policymakers|policy-makers)\s+in\s+$",
    re.I,
)
# A venue the knowledge files lack, then its city: "at the Al Ittihadiyah Palace, Cairo".
_VENUE_COMMA = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,5}"
    r"(?:Palace|House|Hall|Cent(?:re|er)|Hotel|Office|Building|Residence|Complex|Pavilion),\s+$"
)
# A place the traveller goes to next: "the European tour that will take him Wednesday to Paris",
# "before heading to Brussels", "then to Berlin".
_ONWARD = re.compile(
    r"(?:\bwill\b[^.;,]{0,30}|\bthen\s+(?:on\s+)?|\bbefore\s+(?:heading|travell?ing|flying|leaving|proceeding|going)"
    r"(?:\s+on)?(?:\s+(?:to|for))?\s+|\bhead(?:s|ing)?\s+(?:on\s+)?to\s+|\bleav(?:e|es|ing)\s+for\s+)(?:to\s+)?$",
    re.I,
)
# Words after which "to <city>" is where someone went: "a visit to", "flew to", "welcomed ... to".
_TOWARD = re.compile(
    r"\b(?:visit\w*|trip|journey|tour|travel\w*|came|come|comes|coming|went|go|goes|going|flew|fly|flies|flying|"
    r"arriv\w*|welcom\w*|return\w*|mission|delegation|invit\w*|way|head\w*|moved?|back|swing|leg|stop|"
    r"accompan\w*|bring\w*|brought|took|take|taking|sent|send)\b[^.;]{0,80}$",
    re.I,
)
_SPAN_EDGE = re.compile(r"(?:\b(?:since|from|until|till|through|to|between)\s+(?:the\s+)?|\d\s*[-–]\s*)$", re.I)
_REGION_BEFORE = re.compile(r"\b(?:South|Latin|Central|North|Pan)[\s-]$")
_DATELINE = re.compile(
    # An aggregator's prefix may come first: "(MENAFN- Kuwait News Agency (KUNA)) MOSCOW, Nov 26 (KUNA) --".
    r"^\s*(?:\([A-Z]{3,10}-\s[^()]*(?:\([^()]*\))?\)\s*)?"
    r"(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,25}?)(?=:\s|,|\s))?"
    r"(?:\s*\[[A-Z][A-Za-z .]{1,25}\])?,?\s*"  # "Phnom Penh [Cambodia], November 12 (ANI):"
    r"(?:(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\.?\s+[A-Za-zéû]{2,9}\.?(?:,?\s*\d{4})?)\s*)?"
    r"(?:(?:\((?P<agency>[A-Za-z .]{2,30})\)\.?\s*)?(?:--|—|–|-|:)\s|\((?P<agency2>[A-Z][A-Za-z .]{1,19})\)\s+(?=[A-Z])"
    r"|/(?P<agency3>[A-Z][A-Za-z .]{1,19})/\s*"
    # "Bakou, 2 février, AZERTAC": the agency after the date.
    r"|,\s*(?P<agency5>[A-Z]{4,12})\s*$"
    # "MOSCOW (UrduPoint News / Sputnik - 15th June, 2023) Russian President ...": outlet and date.
    r"|\((?P<agency4>[A-Z][^()]{1,40}?)\s[-–]\s(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8},?\s+\d{4})\)\s+(?=[A-Z])"
    # "BAKU, Azerbaijan, October 11. Our cooperation ...": a date closed by a full stop.
    r"|(?<=\d)\.\s+(?=[A-Z]))",
)
# A dateline on a line of its own after the wire: "Agencies/Ulan Bator", "AFP/Paris".
_WIRE_CITY = re.compile(
    r"^\s*(?:Agencies|Agency|Wires|AFP|AP|Reuters|[A-Z]{2,6})\s*/\s*(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)\s*$"
)
# A dateline in title case, taken only when its city is one the knowledge files know: "Accra: India
# and Ghana ...", "Accra, July 3 Prime Minister ..." (the wire's name dropped by the page).
_PLAIN_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)"
    r"(?:\s?:\s|,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s+(?=[A-Z]))"
)
# A dateline on a line of its own: "Abu Dhabi (WAM)", "Mexico City, Mexico".
_LINE_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)\s*"
    r"(?:\((?P<agency>[A-Z][A-Za-z .]{1,19})\)|,\s*(?P<state>[A-Z][A-Za-z .]{2,30}))\s*$"
)
# A wire's byline with the city, on a line of its own: "Press Trust of India Accra".
_BYLINE_CITY = re.compile(
    r"^\s*(?:Press\s+Trust\s+of\s+India|Indo-Asian\s+News\s+Service|Asian\s+News\s+International)\s+"
    r"(?P<city>[A-Z][A-Za-z'’.\- ]{1,30}?)\s*$"
)
# A report filed where it happened: "here", or "today" in the dateline's paragraph.
_LOCAL = re.compile(r"\b(?:here|today)\b", re.I)
_SIDELINES = re.compile(r"\bon the (?:sidelines?|margins?|fringes?|side-lines) of\b", re.I)
# A city the knowledge files lack, after a meeting word: "held talks in Jaipur".
_MEETING_AT = re.compile(
    r"\b(?:(?:talks|met|meet|meets|meeting|summit|held|hosted|arrived|visit(?:ed|ing|s)?)\b[^.;]{0,40}?\b(?:in|at)"
    r"|welcom(?:ed|es|ing)\b[^.;]{0,60}?\bto)\s+"
    r"(?P<city>[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+)?)\b(?!['’]s)(?!\.?\s*\d)"  # not "in No 10"
)
_POSSESSIVE = ("'s", "’s")
# ", (the) capital of " right before a state: the city before it lies there.
_CAPITAL_OF = re.compile(r",\s+(?:the\s+)?capital\s+(?:city\s+)?of\s+(?:the\s+)?$", re.I)
# A sentence that can put a visit somewhere: an arrival, a visit, talks, a welcome.
_VISIT = re.compile(
    r"\b(?:arriv\w*|land(?:ed|s)|visit\w*|trip|tour|talks|met|meet(?:s|ing)?|summit|host\w*|receiv\w*|welcom\w*|"
    r"held|ceremony|wrapp\w*|conclud\w*)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A gazetteer span or a sentence as plain values (the attribute names of ``Span``)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str
    kb_id_: str
    text: str


@dataclass
class PartyHit:
    """A state or organisation named in the text."""

    id: str
    start: int
    end: int
    kind: str  # STATE, DEMONYM, ORG
    text: str
    possessive: bool = False


@dataclass
class LeaderHit:
    """A leader named in the text, resolved to the knowledge files or new (see :mod:`.leaders`)."""

    leader_id: str
    name: str
    title: str | None
    state: str | None
    start: int
    end: int
    surface: str
    resolution: str
    offices: tuple[tuple[str, str, str], ...] = ()


def within(start: int, end: int, sent: Mark) -> bool:
    """Whether the characters ``start:end`` lie inside ``sent``."""
    return sent.start_char <= start and end <= sent.end_char


def is_day(value: str) -> bool:
    """Whether ``value`` is a real calendar day in ISO form.

    >>> is_day("2024-02-29"), is_day("2023-02-30"), is_day("2023-02")
    (True, False, False)
    """
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _minus_days(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()


_MONTH_TOKEN = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?![-\d])")


def _month_anchor(text: str) -> str | None:
    """The last day of the month a leading "date 2024-02" token names (a page's month, no day).

    >>> _month_anchor(" date 2024-02 Le président ...")
    '2024-02-29'
    """
    token = _MONTH_TOKEN.match(text)
    if token is None or not 1 <= int(token.group(2)) <= 12:
        return None
    year, month = int(token.group(1)), int(token.group(2))
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - dt.timedelta(days=1)).isoformat()


def _ref_day(article: Article, dates: list[DateMention]) -> str | None:
    """Roughly when the article speaks from: the publication date, else the latest date it writes
    in full (an article that recalls 2007 and reports 2024 is from 2024 at least), else the latest
    year it names. Future dates ("by 2030") do not count."""
    if article.published:
        return article.published
    written = [v for m in dates if not m.future and m.kind in ("full", "numeric") if (v := resolve(m, None).value)]
    if written:
        return max(written)
    years = [f"{m.year:04d}" for m in dates if m.year and not m.future and m.kind in ("year", "month", "range")]
    return max(years) if years else None


def _token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's first and past-the-end character offsets (one array read, no Token objects)."""
    starts: list[int] = doc.to_array("IDX").tolist()
    lengths: list[int] = doc.to_array("LENGTH").tolist()
    return starts, [start + length for start, length in zip(starts, lengths, strict=True)]


def _sentences(doc: Doc, starts: list[int], ends: list[int], text: str) -> list[Mark]:
    """The sentences the pipeline marked, as plain values."""
    if not len(doc):
        return []
    flags: list[int] = doc.to_array("SENT_START").tolist()
    bounds = [i for i, flag in enumerate(flags) if i == 0 or flag == 1] + [len(doc)]
    return [
        Mark(first, last, starts[first], ends[last - 1], "", "", text[starts[first] : ends[last - 1]])
        for first, last in pairwise(bounds)
    ]


def _locates_city(text: str, start: int, city_ends: set[int]) -> bool:
    """Whether a name at ``start`` follows a city's name right away, after a comma ("Samarkand,
    Uzbekistan") or as the state the city is capital of ("Port of Spain, capital of Trinidad and
    Tobago"); not across a line break (a dateline "Lima" above a paragraph that opens with "Peru").

    >>> text = "in Port of Spain, the capital of Trinidad and Tobago"
    >>> _locates_city(text, text.index("Trinidad"), {text.index(",")})
    True
    """
    for end in (start - 2, start - 1, start):
        if end in city_ends and text[end:start].strip() in (",", "") and "\n" not in text[end:start]:
            return True
    capital = _CAPITAL_OF.search(text, max(0, start - 24), start)
    return bool(capital and capital.start() in city_ends)


class ArticleView:
    """The working state of one article's extraction."""

    def __init__(self, doc: Doc, article: Article, kb: Knowledge):
        from entente.ingest.rules.leaders import find_leaders  # the leader rules read this view

        self.doc = doc
        self.article = article
        self.kb = kb
        self.cues: Cues = cues_of(kb, other_languages=not reads_english(article.text))
        self.text = article.text  # the doc was made from it; Doc.text would re-join every token
        # Offsets from one array read: a Span recomputes its character offsets on every access.
        starts, ends = _token_offsets(doc)
        text = self.text
        self.spans: dict[str, list[Mark]] = {}
        for group, spans in doc.spans.items():
            marks = []
            for sp in spans:
                first, last = sp.start, sp.end
                a, b = starts[first], ends[last - 1]
                marks.append(Mark(first, last, a, b, sp.label_, sp.kb_id_, text[a:b]))
            self.spans[group] = marks
        self.dates: list[DateMention] = doc.user_data.get("entente_dates") or []
        # Relative dates ("on Tuesday") resolve against the publication date only: a date the body
        # names may be a recalled one ("the declaration signed on October 3, 2000"). That body date
        # still tells roughly when the article speaks from, for telling old from new (ref_day).
        self.published = article.published
        self.month_anchor = None if article.published else _month_anchor(article.text)
        self.ref_day = self.month_anchor or _ref_day(article, self.dates)
        self.sents = _sentences(doc, starts, ends, text)
        self.sent_starts = [sent.start_char for sent in self.sents]
        self.dateline_city: str | None = None
        self.dateline_local = False
        self.dateline_plain = False  # a title-case dateline ("Accra: ..."): weaker than a visit's place
        self.datelines = self._datelines()
        # Parties and leaders are in text order: a sentence's hits are one slice of each (parties_in).
        self.parties = self._parties()
        self._party_starts = [h.start for h in self.parties]
        self.leaders: list[LeaderHit] = find_leaders(self)
        self._leader_starts = [h.start for h in self.leaders]
        self.article_states = {p.id for p in self.parties} | {h.state for h in self.leaders if h.state}

    def sent_at(self, char: int) -> Mark:
        """The sentence holding character ``char`` (``Span.sent`` recomputes sentences on every call)."""
        return self.sents[max(0, bisect_right(self.sent_starts, char) - 1)]

    def evidence(self, sent: Mark, rule: str) -> Evidence:
        """The evidence of a fact: this article, the sentence's span and text, and the rule."""
        return Evidence(
            article=self.article.id,
            source=self.article.source,
            start=sent.start_char,
            end=sent.end_char,
            text=sent.text,
            rule=rule,
        )

    # -- datelines ------------------------------------------------------------------------
    def _datelines(self) -> list[tuple[int, int]]:
        spans = []
        offset = 0
        for paragraph in self.text.split("\n"):
            wire = _WIRE_CITY.match(paragraph)
            if wire:
                spans.append((offset + wire.start(), offset + wire.end()))
                self.dateline_city = self.dateline_city or wire.group("city").strip()
                offset += len(paragraph) + 1
                continue
            match = _DATELINE.match(paragraph)
            agency = match and (
                match.group("agency")
                or match.group("agency2")
                or match.group("agency3")
                or match.group("agency4")
                or match.group("agency5")
            )
            # "Hanoi, The Gulf Observer: ...": an outlet's name in the place of a region.
            outlet = match and match.group("region") and paragraph[match.end("region") : match.end("region") + 1] == ":"
            if match and (agency or outlet or match.group("city").isupper() or match.group("date")):
                spans.append((offset + match.start(), offset + match.end()))
                if self.dateline_city is None:
                    self.dateline_city = match.group("city").strip()
                    self.dateline_local = bool(_LOCAL.search(paragraph[match.end() :]))
            elif plain := (
                _PLAIN_DATELINE.match(paragraph) or _BYLINE_CITY.match(paragraph) or _LINE_DATELINE.match(paragraph)
            ):
                city = plain.group("city").strip()
                if self.kb.city_of(city):
                    spans.append((offset + plain.start(), offset + plain.end()))
                    if self.dateline_city is None:
                        self.dateline_city, self.dateline_plain = city, True
                        self.dateline_local = bool(_LOCAL.search(paragraph[plain.end() :]))
            offset += len(paragraph) + 1
        return spans

    def dateline_place(
        self, parties: tuple[str, ...] | list[str] = (), *, plain: bool = False
    ) -> tuple[str | None, str | None]:
        """The dateline's city, as the knowledge files name it, when the report says it was filed
        where it happened ("TOKYO, Sep 1 (PTI) India and Japan today ..."), or when the city lies in
        one of the meeting's ``parties`` ("Astana, 12 April 2023 (TDI): President Tokayev ...") or in a
        member of an organisation among them ("VIENTIANE, Laos -- South Korea and ASEAN inked ...")."""
        if not self.dateline_city or self.dateline_plain != plain:
            return None, None
        city = self.kb.city_of(self.dateline_city)
        if city is None:
            return None, None
        state = self.kb.places[city].state if city in self.kb.places else None
        members = {m for p in parties if p in self.kb.organizations for m in self.kb.organizations[p].members}
        # "KUALA LUMPUR: ... held separate bilateral meetings ... on the sidelines of the ASEAN
        # Summit": a report filed from a summit's city tells meetings at its sidelines.
        sidelines = bool(_SIDELINES.search(self.text))
        if not (self.dateline_local or sidelines or (state and (state in parties or state in members))):
            return None, None
        return city, state

    def in_dateline(self, start: int) -> bool:
        for first, end in self.datelines:  # most articles have one dateline or none
            if first <= start < end:
                return True
        return False

    def dateline_date(self) -> FuzzyDate:
        """The date of the first dateline ("BEIJING, Oct. 25 (Xinhua) --"): when the story was filed."""
        for mention in self.dates:
            if self.in_dateline(mention.start):
                return replace(resolve(mention, self.published), basis="dateline")
        return FuzzyDate()

    # -- parties --------------------------------------------------------------------------
    def _parties(self) -> list[PartyHit]:
        hits = []
        for span in self.spans["state"]:
            if self.in_dateline(span.start_char):
                continue
            after = self.text[span.end_char : span.end_char + 2]
            hits.append(
                PartyHit(span.kb_id_, span.start_char, span.end_char, span.label_, span.text, after in _POSSESSIVE)
            )
        for span in self.spans["org"]:
            if span.label_ == "PARTY":
                after = self.text[span.end_char : span.end_char + 2]
                hits.append(
                    PartyHit(span.kb_id_, span.start_char, span.end_char, "ORG", span.text, after in _POSSESSIVE)
                )
        # "South American leaders", "Latin American states": a region, not the United States.
        hits = [
            h
            for h in hits
            if not (h.kind == "DEMONYM" and _REGION_BEFORE.search(self.text[max(0, h.start - 8) : h.start]))
        ]
        # "Agence France-Presse reported": a state inside the name of an outlet or a firm is no party.
        names = [(m.start(), m.end()) for m in self.cues.not_a_party.finditer(self.text)]
        hits = [h for h in hits if not any(start <= h.start and h.end <= end for start, end in names)]
        # "Samarkand, Uzbekistan": a state that only locates a city is not a party.
        city_ends = {s.end_char for s in self.spans["place"]}
        hits = [h for h in hits if not _locates_city(self.text, h.start, city_ends)]
        # "in Port of Spain", "New Mexico": a state's name inside a place of another state is no party.
        inside = [
            (s.start_char, s.end_char, self.kb.places[s.kb_id_].state if s.kb_id_ in self.kb.places else None)
            for s in self.spans["place"]
        ]
        hits = [h for h in hits if not any(a <= h.start and h.end <= b and state != h.id for a, b, state in inside)]
        return sorted(hits, key=lambda h: h.start)

    def parties_in(self, sent: Mark) -> list[PartyHit]:
        first = bisect_left(self._party_starts, sent.start_char)
        last = bisect_right(self._party_starts, sent.end_char, first)
        return [h for h in self.parties[first:last] if h.end <= sent.end_char]

    def is_party_word(self, hit: PartyHit) -> bool:
        """A state name, an organisation, or a demonym used as a party ("the Chinese side")."""
        return hit.kind != "DEMONYM" or bool(self.cues.party_words.match(self.text[hit.end : hit.end + 20]))

    def leaders_in(self, sent: Mark) -> list[LeaderHit]:
        first = bisect_left(self._leader_starts, sent.start_char)
        last = bisect_right(self._leader_starts, sent.end_char, first)
        return [h for h in self.leaders[first:last] if h.end <= sent.end_char]

    # -- places ---------------------------------------------------------------------------
    def place_in(self, sent: Mark) -> tuple[str | None, str | None]:
        """The city (and its state) a sentence says something happened in, if it says one."""
        venue = None
        for span in self.spans["place"]:
            if not within(span.start_char, span.end_char, sent) or self.in_dateline(span.start_char):
                continue
            before = self.text[max(sent.start_char, span.start_char - 40) : span.start_char]
            if self.text[span.end_char : span.end_char + 2] in _POSSESSIVE and not re.search(
                r"\b(?:in|at|inside)\s+$", before
            ):
                # "Moscow's most significant move": the government, not the venue; but "talks at
                # Riyadh's al-Yamamah Palace" are in Riyadh.
                continue
            place = self.kb.places.get(span.kb_id_)
            if place is None or _ONWARD.search(before) or _SEAT_OF.search(before):
                continue
            if place.kind == "venue":
                # "talks at the Casa de Nariño", not "the Casa de Nariño said"
                if (
                    venue is None
                    and place.city
                    and re.search(
                        r"(?:\b(?:in|at|to|inside|al|en|em|no|na|nel|im)|(?<!\w)(?:à|au))\s+(?:the\s+)?"
                        r"(?:[A-Z][\w-]+['’]s\s+)?$",
                        before,
                    )
                ):
                    venue = place
                continue
            near = _PLACE_BEFORE.search(before)
            if near and near.group().startswith("to"):
                # "the visit of President Erdogan to Abu Dhabi", not "would continue its support to
                # Astana" (a government, not where anything happened).
                told = self.text[max(sent.start_char, span.start_char - 120) : span.start_char - len(near.group())]
                near = near if _TOWARD.search(told) else None
            if near is None and not re.match(r"\s+in\s+[A-Z]", self.text[span.end_char : span.end_char + 8]):
                # "at the Al Ittihadiyah Palace, Cairo"; not "the Government House, Victoria in Melbourne"
                near = _VENUE_COMMA.search(before)
            if near is None and (place.ambiguous or not re.search(r"\b(?:in|at)\b[^.]{0,25}$", before)):
                continue
            return place.name, place.state
        if venue is not None:
            city = self.kb.places.get(venue.city) if venue.city else None
            return venue.city, city.state if city else venue.state
        return self._ner_place_in(sent) if self.doc.ents else self._named_city_in(sent)

    def visit_place(self, parties: list[str], skip: Mark | None = None) -> tuple[str | None, str | None]:
        """The one city of the meeting's ``parties`` that the article puts the visit in, when the
        meeting's own sentences name none: "Modi arrived in Riyadh on Tuesday", "talks at the
        Presidential Palace in Hanoi", "during the visit to Seoul". Sentences that recall, announce
        or wish are left out; two different cities give none."""
        cities: dict[str, str | None] = {}
        # A city of a member state hosts an organisation's meeting (the GCC's leaders in Jeddah).
        orgs = self.kb.organizations
        hosts = set(parties) | {m for p in parties if p in orgs for m in orgs[p].members}
        for sent in self.sents:
            if sent is skip:
                continue
            named = {h.id for h in self.parties_in(sent)} | {h.state for h in self.leaders_in(sent) if h.state}
            if not (_VISIT.search(sent.text) or named & set(parties)):
                continue
            if self.cues.recall.search(sent.text) or self.cues.future_meeting.search(sent.text):
                continue
            city, state = self.place_in(sent)
            if city is None or (state is not None and state not in hosts):
                continue
            if state is None and not named & set(parties):
                continue
            cities.setdefault(city, state)
        if len(cities) != 1:
            return None, None
        return next(iter(cities.items()))

    def _named_city_in(self, sent: Mark) -> tuple[str | None, str | None]:
        """A city the knowledge files lack, named after a meeting word ("held talks in Jaipur")."""
        for match in _MEETING_AT.finditer(sent.text):
            city = match.group("city")
            start = sent.start_char + match.start("city")
            if city.endswith(_POSSESSIVE):
                continue  # "at New Delhi’s Hyderabad House": a known city's venue, or a government
            if _VENUE_NOUN.search(city) or _VENUE_NOUN.match(sent.text, match.end("city")):
                continue  # "held talks at Al Alam Palace", "at Blair House": a venue, not its city
            if self.cues.not_a_city.search(city) or any(
                h.start < start + len(city) and start < h.end for h in self.parties
            ):
                continue
            return city, None
        return None, None

    def _ner_place_in(self, sent: Mark) -> tuple[str | None, str | None]:
        """A city the knowledge files lack, from a trained pipeline's GPE entities ("talks in Nukunonu")."""
        known = [(h.start, h.end) for h in self.parties] + [(s.start_char, s.end_char) for s in self.spans["place"]]
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or not within(ent.start_char, ent.end_char, sent):
                continue
            if self.in_dateline(ent.start_char) or any(s < ent.end_char and ent.start_char < e for s, e in known):
                continue
            if self.text[ent.end_char : ent.end_char + 2] in _POSSESSIVE:
                continue
            if _PLACE_BEFORE.search(self.text[max(sent.start_char, ent.start_char - 40) : ent.start_char]):
                return ent.text, None
        return None, None

    # -- dates ----------------------------------------------------------------------------
    def dates_in(self, sent: Mark, *, when: bool = False) -> list[DateMention]:
        """Dates of a sentence, not its dateline's; with ``when``, only those that can say when
        something happened (not "since 18 April", nor the ends of "from 19 to 21 August")."""
        found = [
            d
            for d in self.dates
            if sent.start_char <= d.start and d.end <= sent.end_char and not self.in_dateline(d.start)
        ]
        if when:
            found = [d for d in found if not _SPAN_EDGE.search(self.text[max(sent.start_char, d.start - 12) : d.start])]
        return found

    def resolve(self, mention: DateMention) -> FuzzyDate:
        """The date a mention stands for, relative days counted from the publication date. Without
        one, a page's "date 2024-02" token (a month, no day) still gives a day and month their year:
        the latest such day up to that month's end ("le 29 janvier" -> 2024-01-29)."""
        if self.published is None and self.month_anchor and mention.kind in ("monthday", "weekday+monthday"):
            return replace(resolve(mention, self.month_anchor), basis="text")
        return resolve(mention, self.published)

    def is_future(self, value: FuzzyDate) -> bool:
        """Whether a date lies after the article ("next year", "in 2030"): a plan, not news."""
        if not value.has_year or not value.value or not self.ref_day:
            return False
        return value.value > self.ref_day[: len(value.value)]

    def is_old(self, value: FuzzyDate) -> bool:
        """Whether a date lies well before the article (a recalled past, not the news)."""
        if not value.has_year or not value.value or not self.ref_day:
            return False
        # Compared at the value's own precision: "in 2025" is not before an article of October 2025.
        return value.value[:7] < self.ref_day[: len(value.value[:7])] and (
            value.precision != "day" or value.value < _minus_days(self.ref_day, 45)
        )

    def headline_pair(self) -> tuple[str, str] | None:
        """The pair an article leads with: two parties and a level in one of its first sentences."""
        for sent in self.sents[:3]:
            ids = sorted({h.id for h in self.parties_in(sent)})
            if len(ids) == 2 and any(within(m.start_char, m.end_char, sent) for m in self.spans["level"]):
                return ids[0], ids[1]
        return None


def slug(text: str) -> str:
    """A lower-case ASCII id for a name: ``slug("Xanana Gusmão") == "xanana-gusmao"``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "unknown"
