"""Which state supports which initiative (the Belt and Road, the Global Development Initiative, ...).

In a sentence that names an initiative, the first ``[support]`` cue verb ("supports", "speaks
highly of", "is ready to join") with an initiative after it makes the first party before the verb
its supporter (rule ``support:verb-before-initiative``). The initiative's own proposer is never its
supporter ("China's proposal"), nor is a possessive ("Kazakhstan's support of ... said Xi"). A
sentence opening with a pronoun ("He said ...") takes the state of the last leader named before
it. A sentence with a ``[not_support]`` cue ("opposes", "withdrew from") states no support.

"China's global development and security initiatives" names two initiatives at once.
"""

from __future__ import annotations

import re

from entente.ingest.rules.view import ArticleView, Mark, within

__all__ = ["find_supports"]

_COORDINATED = re.compile(
    r"\bglobal\s+(?P<list>(?:development|security|civili[sz]ation|governance)"
    r"(?:\s*(?:,|and|as well as|&)\s*(?:the\s+)?(?:global\s+)?(?:development|security|civili[sz]ation|governance))+)"
    r"\s+initiatives?\b",
    re.I,
)
_COORD_IDS = {
    "development": "GDI",
    "security": "GSI",
    "civilization": "GCI",
    "civilisation": "GCI",
    "governance": "GGI",
}


def _supporter(view: ArticleView, sent: Mark, verb_start: int, proposers: set[str]) -> str | None:
    candidates = [
        h
        for h in view.parties_in(sent)
        if h.end <= verb_start and not h.possessive and h.id not in proposers and view.is_party_word(h)
    ]
    leaders = [h for h in view.leaders_in(sent) if h.end <= verb_start and h.state and h.state not in proposers]
    first = sorted(
        [(c.start, c.id) for c in candidates] + [(h.start, h.state) for h in leaders if h.state], key=lambda x: x[0]
    )
    if first:
        return first[0][1]
    if re.match(r"^\s*(?:He|She|It|They)\b", sent.text):
        earlier = [h for h in view.leaders if h.end <= sent.start_char and h.state and h.state not in proposers]
        if earlier:
            return earlier[-1].state
    return None


def _initiatives_in(view: ArticleView, sent: Mark) -> list[tuple[int, str]]:
    found = [(s.start_char, s.kb_id_) for s in view.spans["initiative"] if within(s.start_char, s.end_char, sent)]
    for match in _COORDINATED.finditer(sent.text):
        words = re.findall(r"development|security|civili[sz]ation|governance", match.group("list"), re.I)
        for word in words:
            ident = _COORD_IDS[word.lower()]
            if ident in view.kb.initiatives:
                found.append((sent.start_char + match.start(), ident))
    return sorted(set(found))


def find_supports(view: ArticleView) -> tuple[list[tuple[str, str, Mark]], list[str]]:
    """The (supporter, initiative id, sentence) triples, and every initiative the article names."""
    cues = view.cues
    supports = []
    named: list[str] = []
    for sent in view.sents:
        initiatives = _initiatives_in(view, sent)
        if not initiatives:
            continue
        named.extend(i for _, i in initiatives)
        if cues.not_support.search(sent.text):
            continue
        for verb in cues.support.finditer(sent.text):
            verb_start = sent.start_char + verb.start()
            after = [i for start, i in initiatives if start >= verb_start]
            if not after:
                continue
            proposers = {p for i in after if (p := view.kb.initiatives[i].proposer)}
            supporter = _supporter(view, sent, verb_start, proposers)
            if supporter is None:
                continue
            for ident in after:
                supports.append((supporter, ident, sent))
            break
    return supports, list(dict.fromkeys(named))
