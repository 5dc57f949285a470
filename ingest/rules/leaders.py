"""Leaders named in an article, resolved conservatively.

* A full name or a listed multi-word alias resolves directly (rule ``leader:name``).
* A bare surname needs a title before it, or an earlier full mention, or the leader's state in the
  article (``leader:surname+title``, ``leader:surname+context``). When two leaders fit equally
  well, nothing is said rather than a guess.
* An unknown name after a title ("Prime Minister Gusmang") resolves to the office holder of that
  state on the article's date only when the spelling is close (``leader:fuzzy``, the ratio
  recorded); otherwise it becomes a new leader with an id made from the name and the state
  (``leader:new``).
* A trained pipeline's ``PERSON`` entity right after a title gives the name's full extent.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from entente.ingest.knowledge import Leader, fold
from entente.ingest.rules.view import LeaderHit, Mark, slug

if TYPE_CHECKING:
    from entente.ingest.rules.view import ArticleView

__all__ = ["find_leaders"]

_NAME_TOKEN = re.compile(r"^[A-Z][\w'’\-]*$")
# "Mohammed bin Salman bin Abdulaziz Al Saud": a name after "bin" is the father's, inside the son's name.
_PATRONYM_LINK = re.compile(r"\b(?:bin|ibn|bint|binti)\s+$", re.I)


def find_leaders(view: ArticleView) -> list[LeaderHit]:
    """Every leader named in the article, in text order, each extent once."""
    hits: list[LeaderHit] = []
    taken = bytearray(len(view.text))  # 1 where a hit already holds the character
    titles = list(view.spans["title"])
    full_named = {span.kb_id_ for span in view.spans["leader"] if span.label_ == "LEADER"}
    article_states = {p.id for p in view.parties}
    by_extent: dict[tuple[int, int], list[Mark]] = {}
    for span in view.spans["leader"]:
        by_extent.setdefault((span.start_char, span.end_char), []).append(span)
    for (start, end), spans in sorted(by_extent.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if taken.find(1, start, end) >= 0 or _PATRONYM_LINK.search(view.text[max(0, start - 6) : start]):
            continue
        title_before = next((t for t in titles if 0 <= start - t.end_char <= 1), None)
        candidates = []
        for span in spans:
            leader = view.kb.leaders.get(span.kb_id_)
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
            if any(o.holds_on(view.ref_day) for o in leader.offices):
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
        hits.append(_hit(view, leader, start, end, span.text, reason))
        taken[start:end] = b"\x01" * (end - start)
    persons = {ent.start: ent for ent in view.doc.ents if ent.label_ == "PERSON"}
    for title in titles:
        person = persons.get(title.end)
        # A trained pipeline's PERSON entity right after the title gives the name's extent.
        name_tokens = list(person) if person is not None else []
        for token in view.doc[title.end : title.end + 4] if person is None else ():
            if not _NAME_TOKEN.match(token.text) or token.text in view.cues.not_a_name or token.is_sent_start:
                break
            if any(h.start <= token.idx < h.end for h in view.parties) and not name_tokens:
                break
            name_tokens.append(token)
        if not name_tokens:
            continue
        start, end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
        if taken.find(1, start, end) >= 0:
            continue
        sent = view.sent_at(title.start_char)
        surface = view.text[start:end]
        state = _state_near(view, title.start_char, end, sent.start_char)
        resolved = _fuzzy(view, surface, title.kb_id_, state)
        if resolved is not None:
            leader, reason = resolved
            hits.append(_hit(view, leader, start, end, surface, reason))
        else:
            hits.append(
                LeaderHit(
                    leader_id=slug(surface) + (f"-{state.lower()}" if state else ""),
                    name=surface,
                    title=title.kb_id_,
                    state=state,
                    start=start,
                    end=end,
                    surface=surface,
                    resolution="new: title and name" + (f", state {state}" if state else ""),
                )
            )
        taken[start:end] = b"\x01" * (end - start)
    return sorted(hits, key=lambda h: h.start)


def _hit(view: ArticleView, leader: Leader, start: int, end: int, surface: str, reason: str) -> LeaderHit:
    return LeaderHit(
        leader_id=leader.id,
        name=leader.name,
        title=leader.title_on(view.ref_day),
        state=leader.state,
        start=start,
        end=end,
        surface=surface,
        resolution=reason,
        offices=tuple((o.title, o.start, o.end) for o in leader.offices),
    )


def _state_near(view: ArticleView, start: int, end: int, sent_start: int) -> str | None:
    """The state a title or name belongs to: "Belarusian President", "... of Timor-Leste"."""
    before = [h for h in view.parties if sent_start <= h.start and h.end <= start and start - h.end <= 4]
    if before:
        return before[-1].id
    match = re.match(r"^\s*(?:,\s*)?of\s+(?:the\s+)?", view.text[end : end + 40])
    if match:
        for h in view.parties:
            if h.start == end + match.end():
                return h.id
    return None


def _office_holders(view: ArticleView, state: str, title: str | None) -> list[Leader]:
    holders = []
    for leader in view.kb.leaders_of(state):
        for office in leader.offices:
            if office.holds_on(view.ref_day) and (title is None or fold(office.title) == fold(title)):
                holders.append(leader)
                break
    return holders


def _fuzzy(view: ArticleView, surface: str, title: str, state: str | None) -> tuple[Leader, str] | None:
    """An office holder whose name is close to ``surface`` ("Gusmang" ~ "Gusmão")."""
    if state is None:
        return None
    target = fold(surface).split()[-1]
    best = None
    for leader in _office_holders(view, state, title) or _office_holders(view, state, None):
        names = {fold(n).split()[-1] for n in (leader.name, *leader.aliases) if n.strip()}
        ratio = max(difflib.SequenceMatcher(None, target, n).ratio() for n in names)
        if best is None or ratio > best[0]:
            best = (ratio, leader)
    if best and best[0] >= 0.6:
        ratio, leader = best
        return leader, (
            f"fuzzy: {surface!r} ~ {leader.name!r} ({ratio:.2f}), {title} of {state} "
            f"on {view.ref_day or 'unknown date'}"
        )
    return None
