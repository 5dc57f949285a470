"""The cue word lists of ``data/cues.toml``, compiled into the patterns the rules match.

The word lists are data (a person extends them without code); how a list is matched (whole
words, only right before a level, only before "to ... <level>") is grammar and stays here.

>>> from entente.ingest.knowledge import load_knowledge
>>> cues = cues_of(load_knowledge())
>>> bool(cues.meeting.search("The two presidents held talks in Beijing."))
True
>>> bool(cues.meeting.search("The partnership was set up in 2016."))
False
>>> before_level = "decided to take ties to a "  # the text before "comprehensive strategic partnership"
>>> [m.group() for m in cues.upgrade.finditer(before_level)]
['take']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from entente.ingest.knowledge import Knowledge, KnowledgeError

__all__ = ["Cues", "cues_of", "reads_english", "titles_of"]

# What may stand between a verb and the level it governs: "... to a new stage of a".
_TO_LEVEL = (
    r"(?=(?:\s+\S+){{0,8}}?\s+(?:into|to)\s*(?:an?|the)?\s*"
    r"(?:(?:new (?:high |higher )?(?:{stages})|level|status|rank) of (?:an?|the)?\s*)?[\"“‘']?\s*$)"
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled cue patterns; each attribute documents itself in ``data/cues.toml``."""

    meeting: re.Pattern[str]
    joint_document: re.Pattern[str]
    recall: re.Pattern[str]
    future_meeting: re.Pattern[str]
    not_a_meeting: re.Pattern[str]
    together: re.Pattern[str]
    future_after_meeting: re.Pattern[str]
    past_meeting: re.Pattern[str]
    unrealised: re.Pattern[str]
    virtual: re.Pattern[str]
    multilateral: re.Pattern[str]
    event_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    party_words: re.Pattern[str]
    upgrade: re.Pattern[str]
    establish: re.Pattern[str]
    downgrade: re.Pattern[str]
    reaffirm: re.Pattern[str]
    hedge: re.Pattern[str]
    hedge_after: re.Pattern[str]
    history: re.Pattern[str]
    recalled: re.Pattern[str]
    background: re.Pattern[str]
    evolved: re.Pattern[str]
    act: re.Pattern[str]
    sector: re.Pattern[str]
    name_after: re.Pattern[str]
    name_before: re.Pattern[str]
    two_countries: re.Pattern[str]
    support: re.Pattern[str]
    not_support: re.Pattern[str]
    not_a_city: re.Pattern[str]
    not_a_party: re.Pattern[str]
    not_a_name: frozenset[str]
    #: A verb right after a level that tells its change ("eine strategische Partnerschaft vereinbart"),
    #: by change; from the optional ``after_level`` lists (``data/languages.toml``).
    after_level: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _alts(words: tuple[str, ...]) -> str:
    """``words`` as one alternation, the words that start with the same letter grouped behind a
    look-ahead for it, so a position no word can start at is passed over at once (Python's ``re``
    otherwise tries every word at every position; the meeting cues match three times faster).

    The grouping keeps the order in which two words can both match at one position, so every match
    is the one the plain alternation finds. A list with a word that does not start with a plain
    letter ("(?:state )?visit", "a?b") stays a plain alternation.

    >>> _alts(("met", "talks", "meets", "visit"))
    '(?=[mM])(?:met|meets)|talks|visit'
    >>> _alts(("visit", "(?:state )?visit"))
    'visit|(?:state )?visit'
    """
    firsts = [_first_letter(word) for word in words]
    if len(words) < 4 or None in firsts:
        return "|".join(words)
    groups: dict[str, list[str]] = {}
    for first, word in zip(firsts, words, strict=True):
        groups.setdefault(str(first), []).append(word)
    return "|".join(
        group[0] if len(group) == 1 else f"(?=[{first}{first.upper()}])(?:{'|'.join(group)})"
        for first, group in groups.items()
    )


def _first_letter(word: str) -> str | None:
    """The lower-case letter every match of ``word`` starts with, or None if it has none."""
    first = word[:1].lower()
    if not first.isalpha() or len(first.upper()) != 1 or word[1:2] in ("?", "*", "{") or len(_split(word)) > 1:
        return None
    return first


def _starts(word: str) -> frozenset[str] | None:
    r"""The lower-case letters a match of ``word`` can start with, or None if it can start otherwise.

    >>> sorted(_starts(r"(?<!keep )(?:build|building|built)") or ())
    ['b']
    >>> sorted(_starts(r"(?:is|are) planned|will") or ())
    ['a', 'i', 'w']
    >>> _starts(r"(?:\w+ )?(?:days|weeks)"), _starts("a?b")
    (None, None)
    """
    alternatives = _split(word)
    if len(alternatives) > 1:
        found = [_starts(alternative) for alternative in alternatives]
        return None if any(f is None for f in found) else frozenset().union(*(f for f in found if f))
    while word.startswith(("(?<!", "(?<=")):
        word = word[_close(word) + 1 :]
    if word.startswith("(?:"):
        close = _close(word)
        return None if word[close + 1 : close + 2] in ("?", "*", "{") else _starts(word[3:close])
    first = _first_letter(word)
    return frozenset(first) if first else None


def _close(word: str) -> int:
    """Where the group that opens ``word`` closes (its length if it never does)."""
    depth, i = 0, 0
    while i < len(word):
        char = word[i]
        if char == "\\":
            i += 1
        elif char == "[":
            end = word.find("]", i + 2)  # "[]x]" holds a "]"
            i = end if end >= 0 else len(word)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(word)


def _split(word: str) -> list[str]:
    r"""``word``'s alternatives at its top level ("meet|talks"), not those inside a group.

    >>> _split("meet|talks"), _split("visit(?:s|ed)"), _split(r"a\|b[|]")
    (['meet', 'talks'], ['visit(?:s|ed)'], ['a\\|b[|]'])
    """
    parts, depth, i, last = [], 0, 0, 0
    while i < len(word):
        char = word[i]
        if char == "\\":
            i += 1
        elif char == "[":
            end = word.find("]", i + 2)
            i = end if end >= 0 else len(word)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(word[last:i])
            last = i + 1
        i += 1
    return [*parts, word[last:]]


def _words(words: tuple[str, ...], flags: int = re.I) -> re.Pattern[str]:
    return re.compile(rf"{_ahead(words)}\b(?:{_alts(words)})\b", flags)


def _ahead(*lists: tuple[str, ...]) -> str:
    """A look-ahead for the letters the words of ``lists`` can start with ("" if one can start
    otherwise), to put before a pattern that opens with them: ``re`` then passes over every other
    position of a text at once.

    >>> _ahead(("met", "talks", "Visit"), ("(?:held|hold) talks",))
    '(?=[HMTVhmtv])'
    """
    starts = [_starts(word) for words in lists for word in words]
    if not starts or any(start is None for start in starts):
        return ""
    letters = frozenset().union(*(start for start in starts if start))
    return f"(?=[{''.join(sorted(letters | {letter.upper() for letter in letters}))}])"


def _optional(cues: dict[str, dict[str, tuple[str, ...]]], table: str, key: str) -> tuple[str, ...]:
    """A list no English cue file needs to have (the other languages' additions)."""
    return cues.get(table, {}).get(key, ())


# Words that make up a good share of any English text and hardly occur in Spanish, Portuguese,
# French, Italian or German prose ("a", "in", "so" do, so they are not here).
_ENGLISH_WORDS = frozenset("the and of to is was were are with for on that by as at from has have this".split())


def reads_english(text: str) -> bool:
    """Whether ``text`` reads as English: at least one word in twenty is a common English word.

    >>> reads_english("The two presidents held talks in Beijing on the partnership.")
    True
    >>> reads_english("Los dos presidentes acordaron elevar la relación bilateral a asociación estratégica integral.")
    False
    """
    words = text[:4000].lower().split()
    return not words or len([w for w in words if w in _ENGLISH_WORDS]) * 20 >= len(words)


def _with_languages(kb: Knowledge) -> dict[str, dict[str, tuple[str, ...]]]:
    """The English cue lists with the other languages' words added (``data/languages.toml``)."""
    merged = {table: dict(lists) for table, lists in kb.cues.items()}
    for table, lists in kb.language_cues.items():
        for key, words in lists.items():
            merged.setdefault(table, {})[key] = merged.get(table, {}).get(key, ()) + words
    return merged


class _Lists:
    """The cue tables of one knowledge base, with a clear error for a missing list."""

    def __init__(self, cues: dict[str, dict[str, tuple[str, ...]]]):
        self.cues = cues

    def __call__(self, table: str, key: str = "words") -> tuple[str, ...]:
        words = self.cues.get(table, {}).get(key)
        if not words:
            raise KnowledgeError(f"cues: the list [{table}] {key} is missing or empty; see ingest/data/cues.toml")
        return words


# The lists whose words open the establish pattern (for its look-ahead).
_ESTABLISH_STARTS = ("words", "words_right_before", "words_right_before_article", "document_verbs")


def _compile(cues: dict[str, dict[str, tuple[str, ...]]]) -> Cues:
    get = _Lists(cues)
    kinds = get.cues.get("event_kinds", {})
    if not kinds:
        raise KnowledgeError("cues: the table [event_kinds] is missing; see ingest/data/cues.toml")
    doc = get("joint_document", "verbs"), get("joint_document", "nouns")
    future = get("future_meeting", "auxiliaries"), get("future_meeting", "verbs")
    openers = _alts(get("recall", "sentence_openers"))
    topics = _alts(get("establish", "document_topics"))
    signed_document = (
        rf"(?:{_alts(get('establish', 'document_verbs'))})"
        rf"(?=(?:\s+\S+){{0,6}}?\s+(?:{_alts(get('establish', 'documents'))})"
        rf"\s+(?:on|of|for)\s+(?:(?:{topics})\s+)?(?:(?:an?|the|their|its|bilateral)\s+)?[\"“‘']?\s*$)"
    )
    to_level = _TO_LEVEL.format(stages="stage|phase")
    to_level_or_level = _TO_LEVEL.format(stages="stage|phase|level")
    return Cues(
        meeting=_words(get("meeting")),
        joint_document=re.compile(rf"{_ahead(doc[0])}\b(?:{_alts(doc[0])})\b[^.]{{0,40}}\b(?:{_alts(doc[1])})", re.I),
        recall=re.compile(rf"{_ahead(get('recall'))}\b(?:{_alts(get('recall'))})\b|\b^\s*(?:{openers})\b", re.I),
        future_meeting=re.compile(
            rf"{_ahead(future[0], get('future_meeting', 'words'))}"
            # "happy to be able to host today" is now, not a preview
            rf"(?:\b(?:{_alts(future[0])})\s+(?!able\s)(?:\w+\s+){{0,2}}?(?:{_alts(future[1])})\b"
            rf"|\b(?:{_alts(get('future_meeting', 'words'))})\b)",
            re.I,
        ),
        not_a_meeting=_words(get("not_a_meeting")),
        together=_words(get("together")),
        future_after_meeting=re.compile(
            rf"{_ahead(get('meeting'))}\b(?:{_alts(get('meeting'))})\b[^.;]{{0,60}}?"
            rf"\b(?:{_alts(get('future_meeting', 'after_meeting'))})\b",
            re.I,
        ),
        # "he will be received by King Felipe": a passive after "be" is not a past meeting.
        past_meeting=re.compile(rf"(?<!\bbe ){_ahead(get('past_meeting'))}\b(?:{_alts(get('past_meeting'))})\b", re.I),
        unrealised=_words(get("unrealised")),
        virtual=_words(get("virtual")),
        multilateral=_words(get("multilateral")),
        event_kinds=tuple((kind, _words(words)) for kind, words in kinds.items()),
        party_words=re.compile(rf"^\s*(?:{_alts(get('party_words'))})\b", re.I),
        upgrade=re.compile(
            rf"{_ahead(*(get('upgrade', key) for key in ('words', 'words_before_to_or_level', 'words_before_to')))}"
            rf"\b(?:{_alts(get('upgrade'))}"
            rf"|(?:{_alts(get('upgrade', 'words_before_to_or_level'))}){to_level_or_level}"
            rf"|(?:{_alts(get('upgrade', 'words_before_to'))}){to_level})",
            re.I,
        ),
        establish=re.compile(
            rf"{_ahead(*(get('establish', key) for key in _ESTABLISH_STARTS))}"
            rf"\b(?:{_alts(get('establish'))}"
            rf"|(?:{_alts(get('establish', 'words_right_before'))})(?=\s+(?:an?|the|their|its)?\s*[\"“‘']?\s*$)"
            rf"|(?:{_alts(get('establish', 'words_right_before_article'))})"
            rf"(?=\s+(?:(?:an?|the)\s+)?(?:new\s+)?[\"“‘']?\s*$)"
            rf"|{signed_document})\b",
            re.I,
        ),
        downgrade=_words(get("downgrade")),
        reaffirm=_words(get("reaffirm")),
        hedge=_words(get("hedge")),
        hedge_after=re.compile(rf"^[^.;]{{0,60}}?\b(?:{_alts(get('hedge', 'after'))})\b", re.I),
        history=_words(get("history")),
        recalled=_words(get("history", "recalled")),
        background=_words(get("history", "background")),
        evolved=_words(get("history", "evolved")),
        act=_words(get("history", "act")),
        sector=re.compile(rf"\b(?:{_alts(get('sector'))})\s*$", re.I),
        name_after=re.compile(rf"^\s*(?:(?:{_alts(get('name_after'))})|(?i:{_alts(get('name_after', 'any_case'))}))\b"),
        name_before=re.compile(rf"\b(?:{_alts(get('name_before'))})\s+(?:for|on|of)\s+(?:the\s+)?$"),
        two_countries=_words(get("two_countries")),
        support=_words(get("support")),
        not_support=_words(get("not_support")),
        not_a_city=_words(get("not_a_city"), 0),
        not_a_party=_words(get("not_a_party"), 0),
        not_a_name=frozenset(get("not_a_name")),
        after_level=tuple(
            (change, re.compile(rf"^[^.;:]{{0,50}}?\b(?:{_alts(words)})\b", re.I))
            for change in ("upgrade", "establish", "reaffirm")
            if (words := _optional(cues, change, "after_level"))
        ),
    )


_COMPILED: dict[tuple[str, bool], Cues] = {}


def cues_of(kb: Knowledge, *, other_languages: bool = False) -> Cues:
    """The compiled cues of ``kb``, compiled once per knowledge base (by its fingerprint); with
    ``other_languages``, the English lists and the other languages' words together (for an article
    that does not read as English: :func:`reads_english`)."""
    key = (kb.fingerprint or str(id(kb)), other_languages)
    cues = _COMPILED.get(key)
    if cues is None:
        cues = _COMPILED[key] = _compile(_with_languages(kb) if other_languages else kb.cues)
    return cues


def titles_of(kb: Knowledge) -> tuple[str, ...]:
    """The titles that introduce a leader's name ("Prime Minister"), from ``[titles]``, in every language."""
    return _Lists(kb.cues)("titles") + _optional(kb.language_cues, "titles", "words")
