"""Partnership claims: a ladder level, the pair it belongs to, and the change the article states.

For every level the gazetteer found (``[level]`` span group):

1. **Not a level** when it is the bare word "partnership", when a sector word stands before it
   ("trade partnership", ``[sector]``) or a
   name word after it ("Strategic Partnership Agreement", ``[name_after]``).
2. **The pair**: the two parties named in the sentence; among more, the article's own pair (the
   parties of its events, else its headline pair); with one, the own pair holding it; with none,
   the own pair when the sentence speaks of "the two countries".
3. **The change**, from the cue verb nearest before the level (``change:<change>-verb``):
   ``[upgrade]``, ``[establish]``, ``[downgrade]``, ``[reaffirm]``; a passive after it ("was
   established"); none is a passing ``mention`` (``change:no-verb``). A stronger verb shortly before
   a reaffirming one governs it ("decided to upgrade ... and deepen"). A hedge before an upgrade
   makes it a wish, so a mention (``change:hedged-<change>``).
4. **From-to**: "from X to Y" or "upgrade X to Y" sets the previous level, and the change from the
   two ranks (``change:from-to``); the "from" side is no claim of its own.
5. **History**: a date well before the article, or a history cue right before the level ("since",
   "was established"), makes the claim historical: the pair's past, not its news.
6. **Other pairs** than the article's own are mentions (``change:other-pair(<change>)``).

Then one claim per pair is kept (:func:`best_claims`): the strongest current one, an upgrade with
its highest level, with the previous level taken from a historical claim when none is stated; a
historical establishment or upgrade becomes a mention (``change:historical(<change>)``). A lower
level the article dates in the pair's past ("established a comprehensive partnership in 2013") is
kept beside it as a dated mention (``change:earlier-level(<change>)``): the attested earlier interval.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

from entente.ingest.clean import MONTHS
from entente.ingest.knowledge import fold
from entente.ingest.model import CHANGE_STRENGTH, FuzzyDate
from entente.ingest.rules.view import ArticleView, Mark, within

__all__ = ["EARLIER_LEVEL", "ClaimDraft", "best_claims", "find_claims"]

#: The rule of a claim kept for a lower level the article dates in the pair's past.
EARLIER_LEVEL = "change:earlier-level"

_AFTER_PASSIVE = re.compile(
    r"^[^.;]{0,40}?\b(?:was|were|has been|had been|have been)?\s*"
    r"(?P<verb>established|upgraded|elevated|set up|forged|launched|downgraded|announced|signed|sealed|"
    r"formali[sz]ed|concluded|adopted)\b",
    re.I,
)
_PASSIVE_CHANGE = {"upgraded": "upgrade", "elevated": "upgrade", "downgraded": "downgrade"}  # the others establish
_RELATIONS_WITH = re.compile(r"\s+(?:relations|ties|relationship|cooperation)\s+with\s+(?:the\s+)?", re.I)
_RELATIONS_BETWEEN = re.compile(r"\b(?:relations|ties|relationship|cooperation)\s+between\s+(?:the\s+)?$", re.I)
_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
# A document's title that ends on the level: "a Joint Declaration on the implementation of a", "the
# Joint Statement on Friendship and"; then the passive of its signing after the level.
_TITLE_BEFORE = re.compile(
    r"\b(?:statement|declaration|treaty|agreement|charter|memorandum|communiqu\w*)\s+(?:on|of|for)\s+"
    r"(?:[\w-]+\s+){0,5}$",
    re.I,
)
_TITLE_SIGNED_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|has been|had been|have been)\s+(?:signed|adopted|concluded|inked|issued)\b", re.I
)
# A verb of change in the past tense ("elevated", "raised", "stepped up", "set up", "signed").
_PAST_FORM = re.compile(r"\w+ed\b|set up\b|took\b|forged\b|signed\b", re.I)
_AUX_BEFORE = re.compile(
    r"\b(?:not|never|no longer|would|could|might|may|should|must|will|shall|be|been|being)\s+(?:have\s+|be\s+|been\s+)*"
    r"(?:\w+ly\s+)?$",
    re.I,
)
# A participle used as an adjective: "the newly-established Strategic Partnership".
_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|their|its|our|his|her|this|newly|recently|jointly)[\s-]+$", re.I)
_NEGATION = re.compile(r"not|never|no longer", re.I)
_NOT_ONLY = re.compile(r"not\s+only\b", re.I)
_TO_BE = re.compile(r"\b(?:to|will|would|shall|could|may|might|must|should)\s+be\s*$", re.I)
# "..., Xi said at the time": a level quoted from then, told after it.
_SAID_THEN = re.compile(r"\bat the time\b(?!\s+of\b)", re.I)
# The old level of "from X to Y", or of "upgrade X (established in 2006) to Y".
_FROM_LEVEL = re.compile(
    r"\b(?:from|upgrad\w*|elevat\w*|rais(?:e|ed|es|ing)|lift\w*|promot\w*|transform\w*"
    # the other languages' verbs and words (data/languages.toml): "elevar el nivel de nuestra ..."
    r"|desde|elev\w*|élev\w*|rehauss\w*|aufwert\w*)\s+"
    r"(?:(?:el|le|il|o|das)\s+(?:nivel|niveau|livello|nível|Niveau)\s+(?:de|di|do|da|des|der)\s+)?"
    r"(?:an?|the|their|its|bilateral|la|el|le|il|lo|o|a|die|der|das|nuestra|nuestro|su|leur|loro|seu|sua|ihre)?\s*"
    r"[\"“'‘]?\s*$",
    re.I,
)
_TO_LEVEL = re.compile(r"\b(?:to|into|a|à|al|ao|hasta|zu|zur|auf)\b", re.I)
# "... strategic partnership to a comprehensive level": the word that makes the higher rung.
_TO_ADJ_LEVEL = re.compile(
    r"^\s*(?:to|into)\s+(?:an?|the)\s+(?:new\s+)?(?P<adj>comprehensive|all-round|all-weather|special|global|"
    r"enhanced|extensive|privileged)\s+level\b",
    re.I,
)
# Names, then "to" and the verb: a headline telling what is ahead ("UK, Iraq to sign ...").
_HEADLINE_TO = re.compile(r"^\s*(?:[A-Z][\w'’.-]*,?\s+(?:(?:and|&)\s+)?){1,6}to\s+$")
# The other order: "elevated the relations to a 'Strategic Partnership' from the existing
# 'Comprehensive Partnership'".
_TO_BEFORE = re.compile(r"\b(?:to|into)\s+(?:an?\s+|the\s+)?[\"“'‘]?\s*$", re.I)
_FROM_AFTER = re.compile(
    r"^[\"”’']?\s*,?\s*from\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
    r"(?:existing\s+|current\s+|previous\s+|earlier\s+|erstwhile\s+|old\s+)?[\"“'‘]?\s*$",
    re.I,
)
_RAISED_ITSELF = re.compile(
    r"\b(?:upgrad\w*|elevat\w*|rais(?:e|ed|es|ing)|lift\w*|promot\w*|tak(?:e|es|ing)|took|bring\w*|brought"
    r"|elev\w*|élev\w*|rehauss\w*|aufwert\w*)\s+"  # the other languages' (data/languages.toml)
    r"(?:the|their|our|its|this|bilateral|the\s+bilateral"
    r"|(?:(?:el|le|il|o|das)\s+(?:nivel|niveau|livello|nível|patamar|Niveau)\s+(?:de|di|do|da|des|der)\s+)?"
    r"(?:la|el|le|il|lo|o|die|der|das|nuestra|nuestro|nossa|nosso|notre|nostro|nostra|su|leur|loro|seu|sua|ihre))"
    r"(?:\s+[\w-]+)?\s*[\"“'‘]?\s*$",
    re.I,
)
_SIGNED_BEFORE = re.compile(
    r"\b(?:(?:sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|conclud\w*|seal(?:s|ed|ing)?)|(?:signing|adoption) of)\s+"
    r"(?:an?|the|their|its)?\s*(?:[\w-]+\s+){0,2}?[\"“‘']?\s*$",
    re.I,
)
# "signed a document to strengthen the strategic partnership": what is signed deepens the level.
_SIGNED_TO_DEEPEN = re.compile(
    r"\bsign(?:s|ed|ing)?\b[^.;]{0,60}?\b(?:to|that will|which will)\s+(?:further\s+)?"
    r"(?:strengthen|deepen|enhance|consolidate|develop|boost)\w*\s+(?:the|their|our|its|bilateral)\b",
    re.I,
)
_DOCUMENT_AFTER = re.compile(r"^[\"”]?\s*(?:agreements?|treaty|declaration|accord|charter)\b", re.I)
_NEW_ERA = re.compile(r"^[\s,\"”]*(?:entering|for|in|of)\s+(?:a|the)?\s*new era\b", re.I)
_RELATIVE_PAST = re.compile(
    r"\b(?:which|that|who)\s+(?:(?:we|they)\s+)?(?:has|have|had|was|were)\b"
    r"[^,;]{0,60}$",
    re.I,
)
# A change told in the simple past passive with a year beside it is the pair's history.
_PASSIVE_PAST = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:elevated|upgraded|raised|lifted|established|set up|forged|launched|signed)\b", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "In November 2015, the two foreign ministers signed ...": a sentence that opens on a month or a
# year tells background; the news of the day is told by its day ("on Monday", "on 28 September").
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# An act told at a visit the sentence dates apart from the article's own: "During the July visit,
# Xi and Fernandez announced ...", "During Vucic's September 2022 visit ...", "this April, you paid
# a state visit to China, during which both sides decided ...".
_DATED_VISIT = re.compile(
    rf"\b(?:during|at|in the course of)\s+(?:the\s+|a\s+|(?:his|her|their|its)\s+|[A-Z][\w'’-]+['’]s\s+)"
    rf"(?:(?P<earlier>previous|last|earlier|former)\s+|(?P<month>{_MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\s+"
    rf"|(?P<year2>(?:19|20)\d\d)\s+)(?:(?:state|official|working)\s+)?(?:visit|trip|tour|summit|talks|meeting)\b"
    rf"|\b(?:this|last)\s+(?P<month2>{_MONTHS})\W[^.]{{0,80}}\bvisit\b[^.]{{0,60}}\bduring which\b",
    re.I,
)
_FRONTED_YEAR = re.compile(
    r"^\W*(?:in|during|back in|as early as)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d\d)\s*,",
    re.I,
)
_DECIDED = re.compile(r"\b(?:decided|agreed|resolved)\s+(?:to|on)\b", re.I)
# "Nigeria and Britain said on Monday they had established ...": reported speech, not the past.
# A clause after a level that tells another time or a comparison: ", just a year after", ", like".
_LATER_CLAUSE = re.compile(
    r"[^.;]*?,[”\"’']?\s*(?:just |only |shortly |barely |some |about |nearly |almost )?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:days?|weeks?|months?|years?|decades?) )?"
    r"(?:after|before|following|since|like|similar to)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:said|says|saying|announced|announcing|stated|stating|told|declared|revealed|revealing|noted|noting|"
    r"added|adding|confirmed|confirming)\b[^.;]{0,60}$",
    re.I,
)
_TOLD_THAT = re.compile(
    r"\b(?:announc\w*|decided|agreed|declared|confirmed)\s+that\b"
    # "Erdoğan announced the two nations would elevate ...": announcing what both will do is the act.
    r"|\b(?:announc\w*|declared)\s+(?:that\s+)?(?:the\s+two|both)\s+(?:\w+\s+)?(?:would|will)\b"
    # "the pair announcing a plan to transform bilateral ties into a strategic partnership": the
    # leaders' announced plan, at their meeting, is their decision.
    r"|\bannounc\w*\s+(?:a\s+)?plans?\s+to\b"
    # "The two leaders said the relationship would become ...": both sides telling it is the act.
    r"|\b(?:the\s+two|both)\s+(?:leaders|sides|countries|governments|presidents|prime\s+ministers)\s+"
    r"(?:said|stated|declared)\b",
    re.I,
)

Pair = tuple[str, str]

# The ladder's lowest label, alone, is what news calls any relationship; it names a level only with
# a word of the ladder beside it ("comprehensive partnership").
_BARE = {"partnership", "partnerships", "partners"}
# A date that belongs to the diplomatic relations named right before it.
_RELATIONS_DATE = re.compile(
    r"\bdiplomatic\s+(?:relations|ties)(?:\s+(?:were|was|had been)?\s*(?:established|set up|forged))?\s+"
    r"(?:in|since|on)\s+(?:the\s+year\s+)?$",
    re.I,
)


@dataclass
class ClaimDraft:
    """One level named in one sentence, read as a claim about one pair."""

    parties: Pair
    level: str
    rank: int
    change: str
    qualifiers: tuple[str, ...]
    previous_level: str | None
    date: FuzzyDate
    historical: bool
    position: int
    sentence: Mark
    rule: str
    start: int  # where the level's words start in the text


def _signed_title(before: str, after: str) -> bool:
    """Whether the level ends a document's title that the sentence says was signed or adopted."""
    return bool(_TITLE_BEFORE.search(before[-240:]) and _TITLE_SIGNED_AFTER.match(after))


def _change(view: ArticleView, sent: Mark, level: Mark) -> tuple[str, str]:
    """The change a level span states, and the rule that decided it."""
    cues = view.cues
    before = view.text[sent.start_char : level.start_char]
    window = before[-240:]
    after = view.text[level.end_char : sent.end_char]
    if _signed_title(window, after):
        # "the Joint Statement on Friendship and Comprehensive Partnership in a New Era between
        # Kyrgyzstan and Japan was signed": the document named after the level, signed, sets it up.
        return "establish", "change:signed-document"
    found = []
    for name, pattern in (
        ("upgrade", cues.upgrade),
        ("establish", cues.establish),
        ("downgrade", cues.downgrade),
        ("reaffirm", cues.reaffirm),
    ):
        for match in pattern.finditer(window):
            found.append((match.end(), name, match.start()))
    passive = _AFTER_PASSIVE.match(after)
    if passive and not found:
        change = _PASSIVE_CHANGE.get(passive.group("verb").lower(), "establish")
        if _TO_BE.search(after[: passive.start("verb")]):
            return "mention", f"change:hedged-{change}"  # 'A "strategic partnership" to be signed during the trip'
        found.append((len(window), change, len(window)))
    if not found:
        # A verb right after the level: German word order, a Romance passive (data/languages.toml).
        after_verbs = [(m.end(), name) for name, pattern in cues.after_level if (m := pattern.match(after))]
        if after_verbs:
            found.append((len(window), min(after_verbs)[1], len(window)))
    if not found:
        return "mention", "change:no-verb"
    found.sort()
    end, name, start = found[-1]
    # A stronger verb shortly before the nearest one governs it ("decided to upgrade ... and deepen").
    if name == "reaffirm":
        stronger = [
            f
            for f in found
            if f[1] in ("upgrade", "establish") and end - f[0] < 60 and re.search(r"\band\b", window[f[0] : end])
        ]
        if stronger:
            end, name, start = stronger[-1]
    clause = window[max(0, end - 90) : end]
    # "Given the immense potential, they decided to elevate ...": a hedge before the decision is not its.
    decided = list(_DECIDED.finditer(clause))
    if decided:
        clause = clause[decided[-1].end() :]
    if name in ("upgrade", "establish") and len(before) == len(window) and _HEADLINE_TO.match(window[:start]):
        return "mention", f"change:hedged-{name}"  # a headline's "UK, Iraq to sign 'strategic partnership'"
    hedge = cues.hedge.search(clause) if name in ("upgrade", "establish", "downgrade") else None
    while (
        hedge
        and _NEGATION.fullmatch(hedge.group())
        and ("," in clause[hedge.end() :] or _NOT_ONLY.match(clause, hedge.start()))
    ):
        # "not only signed ten agreements but also elevated", "noting that trade had never been
        # higher, elevated": a negation outside the verb's own clause does not deny the act.
        hedge = cues.hedge.search(clause, hedge.end())
    if (
        hedge
        and start < end
        and _PAST_FORM.match(window, start)
        and not _AUX_BEFORE.search(window[:start])
        and not _ADJECTIVE_BEFORE.search(window[:start])
    ):
        # "discussed regional issues and elevated ...", "In a move aimed at boosting trade, ...
        # elevated ...": a verb in the past tense tells the act; only a word right before it
        # ("would have elevated", "will be elevated") makes it a wish.
        hedge = None
    # "announced that relations will be upgraded": the act is told, in the future tense of its effect.
    if hedge and not _TOLD_THAT.search(clause[: hedge.end()]):
        return "mention", f"change:hedged-{name}"
    if name in ("upgrade", "establish") and cues.hedge_after.search(after):
        return "mention", f"change:hedged-{name}"  # "... to a special strategic partnership in the near future"
    return name, f"change:{name}-verb"


def _recalled(view: ArticleView, sent: Mark, level: Mark, change: str) -> str | None:
    """Why the level is the pair's past rather than this article's news, or ``None``.

    * a recall cue before it in its sentence ("Xi recalled his visit in June, when ... upgraded");
    * a setting-up verb in the present perfect ("the two countries have built a ...") with no act
      told beside it ("agreed", "announced", "today");
    * a relationship that "has transformed into" or "has grown into" the level, with no act told.
    """
    cues = view.cues
    before = view.text[sent.start_char : level.start_char]
    if _SAID_THEN.search(view.text[level.end_char : sent.end_char]):
        return "recalled"
    recalled = cues.recalled.search(before)
    if (
        recalled
        and not (
            (recalled.group().lower().startswith("had") and _REPORTED.search(before[: recalled.start()]))
            # "To celebrate the 150th anniversary of ... relations, the two countries have decided to
            # upgrade": the anniversary is the occasion of an act told now.
            or (recalled.group().lower().startswith("anniversary") and cues.act.search(before[recalled.end() :]))
        )
    ):
        return "recalled"
    if change == "establish" and cues.background.search(before[-120:]) and not cues.act.search(before):
        return "background"
    if cues.evolved.search(before[-120:]) and not cues.act.search(before):
        return "background"  # "has been steadily strengthened and has transformed into a CSP"
    if change in ("upgrade", "establish") and _FRONTED_YEAR.match(sent.text):
        return "recalled"
    if change in ("upgrade", "establish") and _at_another_visit(view, before):
        return "recalled"
    if _PASSIVE_PAST.search(before[-80:]) and _YEAR.search(sent.text):
        return "recalled"  # "The ties were elevated to a strategic partnership in 2007"
    if _RELATIVE_PAST.search(before[-120:]):
        return "background"  # "... diplomatic ties, which has recently advanced to a CSP level"
    return None


def _at_another_visit(view: ArticleView, before: str) -> bool:
    """Whether the words before a level tell the act at a visit dated apart from the article's
    own news (:data:`_DATED_VISIT`): an earlier visit, another month, or an earlier year."""
    visit = _DATED_VISIT.search(before)
    if visit is None:
        return False
    if visit.group("earlier"):
        return True
    ref = view.ref_day
    if ref is None or not re.match(r"\d{4}-\d\d", ref):
        return False
    year = visit.group("year") or visit.group("year2")
    if year and int(year) != int(ref[:4]):
        return int(year) < int(ref[:4])
    month = visit.group("month") or visit.group("month2")
    return bool(month) and MONTHS.get(month[:3].lower()) != int(ref[5:7])


def _after_old_meeting(view: ArticleView, sent: Mark) -> bool:
    """Whether the sentence before ``sent``, in its paragraph, tells a meeting well before the
    article: "Xi made his first state visit to Germany in March 2014. The leaders agreed to elevate
    ..." (an explainer of 2020) is that visit's act, told again."""
    index = bisect_right(view.sent_starts, sent.start_char) - 1
    if index < 1:
        return False
    before = view.sents[index - 1]
    if "\n" in view.text[before.start_char : sent.start_char] or not view.cues.meeting.search(before.text):
        return False
    dates = [view.resolve(d) for d in view.dates_in(before, when=True)]
    return any(d.known for d in dates) and all(view.is_old(d) for d in dates if d.known)


def _qualifiers(view: ArticleView, sent: Mark, level: Mark) -> tuple[str, ...]:
    """The qualifiers beside a level ("for a new era") and those inside its wording."""
    found = []
    for span in view.spans["qualifier"]:
        if not within(span.start_char, span.end_char, sent):
            continue
        gap_after = view.text[level.end_char : span.start_char]
        gap_before = view.text[span.end_char : level.start_char]
        if 0 <= span.start_char - level.end_char <= 3 and not gap_after.strip(" ,"):
            found.append(span.kb_id_)
        elif 0 <= level.start_char - span.end_char <= 1 and not gap_before.strip():
            found.append(span.kb_id_)
    label, surface = f" {fold(level.kb_id_)} ", f" {fold(level.text)} "
    for qualifier in view.kb.qualifiers.values():
        names = {f" {fold(name)} " for name in (qualifier.text, *qualifier.aliases)}
        if any(name in surface and name not in label for name in names):
            found.append(qualifier.text)
    return tuple(dict.fromkeys(found))


def _from_to(view: ArticleView, previous: str, rank: int, change: str, rule: str) -> tuple[str, str]:
    """The change a level named with its previous one states: up or down the ladder, unless a verb
    already told an upgrade or a hedge made it a wish."""
    if change in ("mention", "reaffirm", "establish") and not rule.startswith("change:hedged"):
        return ("upgrade" if rank > view.kb.levels[previous].rank else "downgrade"), "change:from-to"
    return change, rule


def _to_from(view: ArticleView, sent: Mark, new: Mark, old: Mark) -> bool:
    """Whether ``new`` and ``old`` read "to <new> from <old>" in ``sent``."""
    return bool(
        _FROM_AFTER.match(view.text[new.end_char : old.start_char])
        and _TO_BEFORE.search(view.text[sent.start_char : new.start_char])
    )


def _pair_for(view: ArticleView, sent: Mark, level: Mark, focus: list[Pair]) -> Pair | None:
    # Parties are named as states or through their leaders ("Moon Jae-in signed ... with Mirziyoyev").
    hits = sorted(
        [(h.start, h.end, h.id) for h in view.parties_in(sent)]
        + [(h.start, h.end, h.state) for h in view.leaders_in(sent) if h.state],
    )
    # "signed a joint statement upgrading relations to a strategic partnership, just a year after
    # Mongolia and China reached a similar agreement": a pair told after the level, in a clause of
    # another time or of comparison, is not the level's ("... after the one with South Korea" names
    # no pair of its own and still counts).
    later = _LATER_CLAUSE.match(view.text, level.end_char, sent.end_char)
    if later and len({i for start, _, i in hits if start >= later.end()}) >= 2:
        hits = [hit for hit in hits if hit[0] < later.end()]
    ids = list(dict.fromkeys(i for _, _, i in hits))
    # "the EU-Egypt relationship was upgraded": a hyphenated pair before the level is its pair, and
    # so is "the upgrade of European Union relations with Egypt" or "relations between A and B".
    for (start_a, end_a, a), (start_b, end_b, b) in pairwise(hits):
        if a == b or end_b > level.start_char:
            continue
        between = view.text[end_a:start_b]
        if between in ("-", "–", "—", "/") or _RELATIONS_WITH.fullmatch(between):
            return _sorted_pair(a, b)
        if _AND.fullmatch(between) and _RELATIONS_BETWEEN.search(
            view.text[max(sent.start_char, start_a - 30) : start_a]
        ):
            return _sorted_pair(a, b)
    if len(ids) == 2:
        return _sorted_pair(ids[0], ids[1])
    if len(ids) > 2:
        for pair in focus:
            if set(pair) <= set(ids):
                return pair
        before = [i for _, end, i in hits if end <= level.start_char]
        near = list(dict.fromkeys(reversed(before)))[:2]
        return _sorted_pair(near[0], near[1]) if len(near) == 2 else None
    if len(ids) == 1:
        for pair in focus:
            if ids[0] in pair:
                return pair
        return None
    if focus and view.cues.two_countries.search(sent.text):
        return _latest_pair(view, sent, focus)
    if focus and len(focus) == 1:
        return focus[0]
    return None


def _latest_pair(view: ArticleView, sent: Mark, focus: list[Pair]) -> Pair:
    """The article's own pair "the two" refers to: the one named last before ``sent`` ("A day later,
    Thai prime minister Paetongtarn visited Hanoi ... The two agreed to upgrade"), else the first."""
    for earlier in reversed([s for s in view.sents if s.start_char < sent.start_char]):
        named = {h.id for h in view.parties_in(earlier)} | {h.state for h in view.leaders_in(earlier) if h.state}
        for pair in focus:
            if set(pair) <= named:
                return pair
    return focus[0]


def _sorted_pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def find_claims(view: ArticleView, focus: list[Pair]) -> list[ClaimDraft]:
    """Every level of the article read as a claim; ``focus`` holds the article's own pairs."""
    cues = view.cues
    drafts = []
    levels = list(view.spans["level"])
    sentence_of = [view.sent_at(level.start_char) for level in levels]
    for position, level in enumerate(levels):
        sent = sentence_of[position]
        if fold(level.text) in _BARE:
            continue  # "a long-term partnership for peace", "Transition Partnership": not a rung of the ladder
        if cues.sector.search(view.text[max(sent.start_char, level.start_char - 20) : level.start_char]):
            continue
        if cues.name_before.search(view.text[max(sent.start_char, level.start_char - 30) : level.start_char]):
            continue  # "the Supreme Council for Strategic Partnership": a body, not the pair's level
        signed = None
        if cues.name_after.match(view.text[level.end_char : level.end_char + 20]):
            # "signed a strategic partnership treaty": the document sets the partnership up; any
            # other name ("Strategic Partnership Council", "... Agreement" in passing) is no level.
            signed = _SIGNED_BEFORE.search(view.text[sent.start_char : level.start_char])
            if not (signed and _DOCUMENT_AFTER.match(view.text[level.end_char : level.end_char + 20])):
                continue
        pair = _pair_for(view, sent, level, focus)
        if pair is None or pair[0] == pair[1]:
            continue
        info = view.kb.levels[level.kb_id_]
        change, rule = _change(view, sent, level)
        if signed and change in ("mention", "reaffirm", "establish") and not rule.startswith("change:hedged"):
            change, rule = "establish", "change:signed-document"  # not "The two leaders must sign a"
        if (
            change == "establish"
            and _NEW_ERA.match(view.text[level.end_char : sent.end_char])
            # "the Joint Statement on ... Partnership in a New Era ... was signed": the era is the title's
            and not _signed_title(
                view.text[sent.start_char : level.start_char], view.text[level.end_char : sent.end_char]
            )
        ):
            # "sign a statement on the CSP entering a new era": the pair's level, restated for a new era.
            change, rule = "reaffirm", "change:new-era(establish)"
        previous = None
        old_side = (0, 0)  # where the previous level's words lie, for dates that are its own
        earlier = [m for m, s in zip(levels, sentence_of, strict=True) if s == sent and m.end_char <= level.start_char]
        if (
            earlier
            and fold(earlier[-1].text) != "partnership"  # "upgrade the partnership ... to a CSP": no rung named
            and _FROM_LEVEL.search(view.text[sent.start_char : earlier[-1].start_char])
        ):
            between = view.text[earlier[-1].end_char : level.start_char]
            if _TO_LEVEL.search(between):
                previous = earlier[-1].kb_id_
                old_side = (earlier[-1].start_char, level.start_char)
                change, rule = _from_to(view, previous, info.rank, change, rule)
        later = [m for m, s in zip(levels, sentence_of, strict=True) if s == sent and m.start_char >= level.end_char]
        if earlier and _to_from(view, sent, earlier[-1], level):
            continue  # this is the "from" side of "to Y from X"
        if previous is None and later and _to_from(view, sent, level, later[0]):
            previous = later[0].kb_id_
            old_side = (later[0].start_char, later[1].start_char if len(later) > 1 else sent.end_char)
            change, rule = _from_to(view, previous, info.rank, change, rule)
        if (
            later
            and _FROM_LEVEL.search(view.text[sent.start_char : level.start_char])
            and _TO_LEVEL.search(view.text[level.end_char : later[0].start_char])
        ):
            continue  # this is the "from" side of "from X to Y"
        raised = _TO_ADJ_LEVEL.match(view.text[level.end_char : sent.end_char])
        target = view.kb.levels.get(f"{raised.group('adj').lower()} {info.label}") if raised else None
        if target is not None and target.rank > info.rank and previous is None:
            # "elevate their bilateral strategic partnership to a comprehensive level": the level
            # with that word, raised from the one named.
            previous, info = info.label, target
            if change == "upgrade" or (change == "reaffirm" and rule == "change:reaffirm-verb"):
                change, rule = "upgrade", "change:from-to"
        elif change == "upgrade" and not later and _RAISED_ITSELF.search(view.text[sent.start_char : level.start_char]):
            # "elevate the comprehensive strategic partnership to a new level": the level itself, raised further.
            change, rule = "reaffirm", "change:raised-further"
        dates = [(d, r) for d in view.dates_in(sent, when=True) if not view.is_future(r := view.resolve(d))]
        if previous is not None:
            # "from a comprehensive partnership struck in 2013 to ...", "... from the comprehensive
            # partnership formed in 2014": that date belongs to the old level.
            old_start, old_end = old_side
            dates = [(d, r) for d, r in dates if not old_start <= d.start < old_end]
        # "since diplomatic relations in 1975 and the Strategic Partnership in 2020": 1975 is the
        # relations' date, not the level's.
        dates = [(d, r) for d, r in dates if not _RELATIONS_DATE.search(view.text[max(0, d.start - 60) : d.start])]
        own = FuzzyDate()
        if dates:
            # the date nearest the label: the gap between them, from either side
            dates.sort(key=lambda dr: max(level.start_char - dr[0].end, dr[0].start - level.end_char))
            own = dates[0][1]
        window = max(sent.start_char, level.start_char - 80)
        history = cues.history.search(view.text[window : level.start_char])
        if (
            history
            and history.group().lower().startswith("had")
            and _REPORTED.search(view.text[sent.start_char : window + history.start()])
        ):
            history = None  # "said on Monday they had established": the news, in reported speech
        historical = bool(own.known and view.is_old(own)) or bool(history)
        if (
            own.precision == "year"
            and not view.article.published
            and change in ("upgrade", "establish", "downgrade")
            and not dates[0][0].text.lower().startswith("since")
        ):
            # "resulting in the elevation of the relationship in 2018", in an undated article: news
            # of the article's own day names the day; a bare year tells the pair's history.
            historical = True
        if not historical and not own.known and change in ("upgrade", "establish") and _after_old_meeting(view, sent):
            historical, rule = True, f"change:recalled({change})"
        if (
            not historical
            and change in ("upgrade", "establish", "downgrade")
            and (why := _recalled(view, sent, level, change))
        ):
            historical, rule = True, f"change:{why}({change})"
        if pair not in focus and change != "mention":
            rule = f"change:other-pair({change})"
            change = "mention"
        drafts.append(
            ClaimDraft(
                parties=pair,
                level=info.label,
                rank=info.rank,
                change=change,
                qualifiers=_qualifiers(view, sent, level),
                previous_level=previous,
                date=own,
                historical=historical,
                position=position,
                sentence=sent,
                rule=rule,
                start=level.start_char,
            )
        )
    return drafts


def _short_form(short: str, full: str) -> bool:
    """Whether the level ``short`` reads as ``full`` with words left out.

    >>> _short_form("strategic partnership", "comprehensive strategic partnership")
    True
    >>> _short_form("comprehensive partnership", "strategic partnership")
    False
    """
    return set(short.split()) < set(full.split())


def best_claims(view: ArticleView, drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """One claim per pair: the strongest current one, completed from the pair's other claims."""
    by_pair: dict[Pair, list[ClaimDraft]] = {}
    for draft in drafts:
        by_pair.setdefault(draft.parties, []).append(draft)
    chosen = []
    for pair, claims in sorted(by_pair.items()):
        # The pair's level as the article has it now; a level only wished for ("expect to become
        # strategic partners") is the pair's level only when nothing else names one.
        hedged = [c for c in claims if c.rule.startswith("change:hedged")]
        current = (
            [c for c in claims if not c.historical and c not in hedged]
            or [c for c in claims if c not in hedged]
            or claims
        )
        # Among equally strong claims an upgrade names its highest level, a downgrade its lowest.
        # An intended level ("hopes to raise ties to ...") is not the pair's level when another is named.
        # The level comes before the date: a dated "strategic and global partnership" is the short
        # form of the "Special Strategic and Global Partnership" an undated quote restates.
        best = max(
            current,
            key=lambda c: (
                CHANGE_STRENGTH[c.change],
                not c.rule.startswith("change:hedged"),
                -c.rank if c.change == "downgrade" else c.rank,
                c.date.known,
                -c.position,
            ),
        )
        if best.rule.startswith("change:hedged") and best.previous_level is not None:
            # "the possibility of elevating the strategic partnership to a comprehensive strategic
            # partnership": the pair holds the level it would be raised from.
            held = view.kb.levels[best.previous_level]
            # The held level is named before the goal (where exactly, the draft does not keep).
            best = replace(
                best,
                level=held.label,
                rank=held.rank,
                change="mention",
                previous_level=None,
                qualifiers=(),
                start=best.sentence.start_char,
            )
        # The fuller level may be told as the pair's history ("has recently advanced to a CSP"):
        # a later "this strategic partnership" is still that level, shortened.
        fuller = [c for c in claims if c.rank > best.rank and c not in hedged and _short_form(best.level, c.level)]
        if fuller and best.change != "downgrade":
            # "sign declaration on comprehensive partnership" over a body that names the
            # "comprehensive strategic partnership": a headline or lead shortens the level.
            full = max(fuller, key=lambda c: c.rank)
            best = replace(best, level=full.level, rank=full.rank, qualifiers=best.qualifiers or full.qualifiers)
        previous = best.previous_level
        if previous is None:
            older = [c for c in claims if c.historical and c.rank < best.rank]
            if older:
                previous = max(older, key=lambda c: c.rank).level
        change = best.change
        rule = best.rule
        if change == "establish" and previous and view.kb.levels[previous].rank < best.rank:
            change = "upgrade"
        if best.rule == "change:signed-document" and any(c.historical and c.level == best.level for c in claims):
            # "signed a CSP agreement", where the article says the pair has had a CSP since 2016.
            change, rule = "reaffirm", "change:signed-document(already held)"
        if change == "establish" and any(
            c.change == "reaffirm" and c.level == best.level and _SIGNED_TO_DEEPEN.search(c.sentence.text)
            for c in current
        ):
            # "sign the new strategic partnership agreement", told as "signed a document to
            # strengthen the strategic partnership": the pair's level is restated, not set up.
            change, rule = "reaffirm", "change:signed-document(to deepen)"
        if best.historical and change in ("establish", "upgrade", "downgrade"):
            # "raised their relations to a CSP last year": recalled, not this article's news.
            if not rule.startswith(("change:recalled", "change:background")):
                rule = f"change:historical({change})"
            change = "mention"
        qualifiers = best.qualifiers or next(
            (c.qualifiers for c in current if c.level == best.level and c.qualifiers), ()
        )
        date = best.date
        if best.historical is False and (not date.known or view.is_old(date)):
            date = next(
                (c.date for c in current if c.level == best.level and c.date.known and not view.is_old(c.date)),
                FuzzyDate(),
            )
        chosen.append(
            ClaimDraft(
                parties=pair,
                level=best.level,
                rank=best.rank,
                change=change,
                qualifiers=qualifiers,
                previous_level=previous,
                date=date,
                historical=best.historical,
                position=best.position,
                sentence=best.sentence,
                rule=rule,
                start=best.start,
            )
        )
        # A lower level the article dates in the pair's past ("established a comprehensive
        # partnership in 2013", told in a 2024 report): kept as a dated mention of that level, so
        # the graph holds the attested earlier interval (docs/temporal-model.md).
        earlier_levels = {best.level}
        for c in sorted(claims, key=lambda c: (c.date.value or "", c.position)):
            if (
                c.historical
                and c.change in ("establish", "upgrade")
                and c.date.has_year
                and view.is_old(c.date)
                and c.rank < best.rank
                and c.level not in earlier_levels
            ):
                earlier_levels.add(c.level)
                chosen.append(replace(c, change="mention", previous_level=None, rule=f"{EARLIER_LEVEL}({c.change})"))
    return chosen
