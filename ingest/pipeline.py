"""The spaCy pipeline: registered components on ``spacy.blank("en")``, no model download.

==========================  ==========================================================
component (factory)         what it adds to a ``Doc``
==========================  ==========================================================
``entente_sentences``       sentence starts: end punctuation, and every paragraph break
``entente_gazetteer``       span groups from the knowledge files: ``state`` (STATE,
                            DEMONYM), ``org``, ``initiative``, ``level``, ``qualifier``,
                            ``place``, ``leader``, ``title``; each span's ``kb_id_`` is
                            the entity id
``entente_dates``           ``doc.user_data["entente_dates"]``: the date expressions
``entente_relations``       ``doc.user_data["entente_facts"]``: the article's facts
==========================  ==========================================================

:func:`build_pipeline` assembles them; a trained pipeline such as ``en_core_web_sm`` can be named
to add statistical NER (its ``GPE`` and ``PERSON`` entities then widen what the rules see).

>>> nlp = build_pipeline()
>>> doc = nlp("China and Belarus upgraded ties to an all-weather comprehensive strategic partnership.")
>>> sorted(span.kb_id_ for span in doc.spans["state"])
['BLR', 'CHN']
>>> [span.kb_id_ for span in doc.spans["level"]]
['all-weather comprehensive strategic partnership']
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, filter_spans

from entente.errors import EntenteError
from entente.ingest.dates import find_dates, month_number
from entente.ingest.knowledge import Knowledge, load_knowledge
from entente.ingest.rules.cues import titles_of

__all__ = ["GROUPS", "PipelineError", "build_pipeline"]

GROUPS = ("state", "org", "initiative", "level", "qualifier", "place", "leader", "title")


class PipelineError(EntenteError, ValueError):
    """The pipeline cannot be built as asked (for example, an unknown trained pipeline)."""


def _variants(text: str) -> set[str]:
    """Spellings of a phrase that tokenise differently: hyphen or space, with or without "the",
    "al-" or "el-", with or without diacritics.

    >>> sorted(v for v in _variants("Abdel-Fattah El-Sisi") if "-" in v)
    ['Abdel-Fattah El-Sisi', 'Abdel-Fattah al-Sisi']
    """
    out = {text, text.replace("-", " "), re.sub(r"\s+", " ", text)}
    # The Arabic article is written "al-" or "el-": "Abdel-Fattah al-Sisi", "Abdel-Fattah El-Sisi".
    out |= {re.sub(r"\b[Aa]l-", "el-", v) for v in out} | {re.sub(r"\b[Ee]l-", "al-", v) for v in out}
    out.add(re.sub(r"\b(all) (weather|round)\b", r"\1-\2", text, flags=re.I))
    out.add(re.sub(r"\bof the (?=[A-Z])", "of ", text))  # "Great Hall of People"
    out |= {strip_accents(v) for v in out}
    return {v for v in out if v.strip()}


_SCARE_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"))


def level_variants(text: str, themes: tuple[str, ...] = ()) -> set[str]:
    """Wordings of a level that news copy uses beside the listed one: a comma or "and" between its
    adjectives, "cooperation" for "cooperative", scare quotes around its adjectives ("a new
    'strategic' partnership"), and one of ``themes`` (qualifiers that do not change the tier) as
    its last adjective: "a comprehensive and future-oriented partnership".

    >>> quoted = re.compile("['‘“\\x22]")
    >>> for form in sorted(f for f in level_variants("comprehensive strategic partnership") if not quoted.search(f)):
    ...     print(form)
    comprehensive and strategic partner
    comprehensive and strategic partners
    comprehensive and strategic partnership
    comprehensive strategic partner
    comprehensive strategic partners
    comprehensive strategic partnership
    comprehensive, strategic partner
    comprehensive, strategic partners
    comprehensive, strategic partnership
    >>> "all-weather and comprehensive strategic cooperation partnership" in level_variants(
    ...     "all-weather comprehensive strategic cooperative partnership")
    True
    >>> sorted(f for f in level_variants("strategic partnership") if "'" in f or "“" in f)
    ["'strategic' partnership", '“strategic” partnership']
    >>> sorted(f for f in level_variants("comprehensive partnership", ("future-oriented",)) if "future" in f)
    ['comprehensive and future-oriented partnership', 'comprehensive future-oriented partnership', \
'comprehensive, future-oriented partnership']
    """
    words = text.split()
    if "partnership" not in words:
        return {text}
    head = words.index("partnership")
    forms = {" ".join(words)}
    for gap in range(1, head):
        # "comprehensive, strategic" / "comprehensive and strategic": one joint per phrase is enough.
        for joint in (", ", " and "):
            forms.add(" ".join(words[:gap]) + joint + " ".join(words[gap:]))
    forms |= {re.sub(r"\bcooperative partnership\b", "cooperation partnership", f) for f in forms}
    if head >= 1 and words[-1] == "partnership":
        adjectives = " ".join(words[:head])
        forms |= {f"{adjectives}{joint}{theme} partnership" for theme in themes for joint in (" and ", ", ", " ")}
    if words[-1] == "partnership" and head >= 2:
        # "upgrade relations to a comprehensive strategic partner" (machine translation); a bare
        # "strategic partner" is what news calls any close partner, so one adjective is not enough.
        # "the two countries are Comprehensive and Strategic Partners": the plural too.
        forms |= {f[: -len("partnership")] + noun for f in forms for noun in ("partner", "partners")}
    # Scare quotes around the adjectives: "a new 'strategic' partnership", "Sign 'Strategic'
    # Partnership Treaty", 'a “comprehensive strategic” partnership'.
    if head >= 1 and words[-1] == "partnership":
        for first in range(head):
            for last in range(first + 1, head + 1):
                for left, right in _SCARE_QUOTES:
                    quoted = [*words[:first], left + " ".join(words[first:last]) + right, *words[last:]]
                    forms.add(" ".join(quoted))
    return forms


def strip_accents(text: str) -> str:
    """``text`` with each accented letter replaced by its base letter, one character for one, so
    offsets stay valid ("Élysée" -> "Elysee").

    >>> strip_accents("Élysée, Brasília, Gusmão")
    'Elysee, Brasilia, Gusmao'
    """
    if text.isascii():
        return text
    return text.translate(_BASE_LETTERS)


def _base_letter(char: str) -> str:
    if char.isascii() or not char.isalpha():
        return char
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


class _BaseLetters(dict[int, str]):
    """``str.translate``'s table of base letters, filled the first time each character is seen
    (a per-character Python call for every letter of every article cost a tenth of extraction)."""

    def __missing__(self, code: int) -> str:
        base = self[code] = _base_letter(chr(code))
        return base


_BASE_LETTERS = _BaseLetters()


_CASED = {"state", "place", "leader", "org"}


def doc_text(doc: Doc) -> str:
    """The text of ``doc``: the article's own when it rides along (``Doc.text`` re-joins every token)."""
    article = doc.user_data.get("entente_article")
    return article.text if article is not None else doc.text


def _day_number(word: str) -> bool:
    return len(word) <= 2 and word.isdigit()


@Language.factory("entente_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Sentence starts after end punctuation and at every line break.

    Rule-based on purpose: machine-translated copy ("enriched.China first ...") and wire copy
    break statistical sentence splitters, and a headline line never runs into the story.
    """

    _ENDS: ClassVar[frozenset[str]] = frozenset({".", "!", "?", "...", "…", "。"})
    _CLOSING: ClassVar[frozenset[str]] = frozenset({'"', "”", "'", "’"})

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Work on offsets and strings, not Token objects: this runs on every token of every article.
        text = doc_text(doc)
        starts = doc.to_array("IDX").tolist()
        lengths = doc.to_array("LENGTH").tolist()
        words = [text[a : a + n] for a, n in zip(starts, lengths, strict=True)]
        flags = numpy.full(len(words), -1, dtype="int64")
        flags[0] = 1
        for i in range(1, len(words)):
            prev = words[i - 1]
            gap = text[starts[i - 1] + lengths[i - 1] : starts[i]]
            if "\n" in gap or "\n" in prev:
                flags[i] = 1
            elif prev == "." and i >= 2 and _day_number(words[i - 2]) and month_number(words[i]):
                continue  # a German date, "am 5. Juli": the dot marks the day
            elif prev in self._ENDS or (prev in self._CLOSING and i >= 2 and words[i - 2] in self._ENDS):
                first = words[i][:1]
                if first.isupper() or first.isdigit() or (first and first in "\"“'‘("):
                    flags[i] = 1
        # One attribute takes a 1-d array; spaCy's stubs only know the 2-d form.
        doc.from_array(["SENT_START"], flags.view("uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("entente_gazetteer", default_config={"knowledge": None})
def make_gazetteer(nlp: Language, name: str, knowledge: str | None) -> Gazetteer:
    return Gazetteer(nlp, knowledge)


class Gazetteer:
    """Phrase matching of every name in the knowledge files, one span group per kind.

    Patterns are built in :meth:`initialize` from the knowledge files, not at import.
    """

    def __init__(self, nlp: Language, knowledge: str | None = None):
        self.nlp = nlp
        self.knowledge_dir = knowledge
        self.matcher: PhraseMatcher | None = None

    def initialize(
        self, get_examples: object = None, nlp: Language | None = None, knowledge: str | None = None
    ) -> None:
        kb = load_knowledge(knowledge or self.knowledge_dir)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        phrases: dict[str, set[str]] = {}

        def add(group: str, label: str, entity: str, *names: str) -> None:
            for name in names:
                for variant in _variants(name):
                    phrases.setdefault(f"{group}|{label}|{entity}", set()).add(variant)

        for state in kb.states.values():
            add("state", "STATE", state.id, state.name, *state.aliases)
            if state.demonyms:
                add("state", "DEMONYM", state.id, *state.demonyms)
        add("state", "DEMONYM", "CHN", "Sino")
        for org in kb.organizations.values():
            add("org", org.role.upper(), org.id, org.name, *org.aliases)
        for initiative in kb.initiatives.values():
            add("initiative", "INITIATIVE", initiative.id, initiative.name, *initiative.aliases)
        # One-word themes ("future-oriented") may stand inside a label: "comprehensive and
        # future-oriented partnership" (the label's own wording only, to keep the matcher small).
        themes = tuple(
            name
            for qualifier in kb.qualifiers.values()
            if qualifier.kind == "theme"
            for name in (qualifier.text, *qualifier.aliases)
            if " " not in name
        )
        for level in kb.levels.values():
            for name in (level.label, *level.aliases):
                add("level", "LEVEL", level.label, *level_variants(name, themes if name == level.label else ()))
        for qualifier in kb.qualifiers.values():
            add("qualifier", "QUALIFIER", qualifier.text, qualifier.text, *qualifier.aliases)
        for place in kb.places.values():
            add("place", "VENUE" if place.kind == "venue" else "CITY", place.name, place.name, *place.aliases)
        for leader in kb.leaders.values():
            add("leader", "LEADER", leader.id, leader.name)
            for alias in leader.aliases:
                add("leader", "ALIAS" if " " not in alias.strip() else "LEADER", leader.id, alias)
        for title in titles_of(kb):
            add("title", "TITLE", title, title)
        # The names are tokenized once, here: kept out of the tokenizer's cache (a fixed number of
        # chunks), they leave all of it to the articles' words.
        tokenizer = self.nlp.tokenizer
        cache_size, tokenizer.max_cache_size = tokenizer.max_cache_size, 0  # type: ignore[union-attr]
        try:
            for key, names in sorted(phrases.items()):
                self.matcher.add(key, [self.nlp.make_doc(n) for n in sorted(names)])
        finally:
            tokenizer.max_cache_size = cache_size  # type: ignore[union-attr]

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            self.initialize()
        matcher = self.matcher
        assert matcher is not None  # initialize() builds it
        found: dict[str, list[Span]] = {group: [] for group in GROUPS}
        strings = self.nlp.vocab.strings
        matches = set(matcher(doc))
        text = doc_text(doc)
        plain = strip_accents(text)
        if plain != text:
            # "Elysée" in the text, "Élysée" or "Elysee" in the knowledge files: match the text
            # without diacritics too; the same length gives the same tokens, so spans carry over.
            folded = self.nlp.make_doc(plain)
            if len(folded) == len(doc):
                matches |= set(matcher(folded))
        starts = doc.to_array("IDX").tolist() if matches else []
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], m[2], m[0])):
            group, label, entity = strings[match_id].split("|", 2)
            if group in _CASED and not text[starts[start]].isupper():
                continue  # "us", "turkey", "chad": names are capitalised in news copy
            found[group].append(Span(doc, start, end, label=label, kb_id=entity))
        for group, spans in found.items():
            # Leader names keep their overlaps: "Li" may be two premiers, resolved in context.
            kept = spans if group == "leader" else filter_spans(spans)
            doc.spans[group] = sorted(kept, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("entente_dates")
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder()


class DateFinder:
    """Date expressions of the text, in ``doc.user_data["entente_dates"]``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data["entente_dates"] = find_dates(doc_text(doc))
        return doc


@Language.factory("entente_relations", default_config={"knowledge": None})
def make_relations(nlp: Language, name: str, knowledge: str | None) -> RelationExtractor:
    return RelationExtractor(knowledge)


class RelationExtractor:
    """The article's facts, from the spans and dates of the other components.

    Reads the :class:`~entente.ingest.model.Article` from ``doc.user_data["entente_article"]``
    (set by :class:`entente.ingest.extract.Extractor`) and writes its
    :class:`~entente.ingest.model.ArticleFacts` to ``doc.user_data["entente_facts"]``. A ``Doc``
    without an article gets none. Records stay objects: parallel extraction is a process pool
    over whole articles, so no ``Doc`` is serialised.
    """

    def __init__(self, knowledge: str | None = None):
        self.knowledge_dir = knowledge
        self.kb: Knowledge | None = None

    def initialize(
        self, get_examples: object = None, nlp: Language | None = None, knowledge: str | None = None
    ) -> Knowledge:
        self.kb = load_knowledge(knowledge or self.knowledge_dir)
        return self.kb

    def __call__(self, doc: Doc) -> Doc:
        from entente.ingest.rules import extract_facts

        article = doc.user_data.get("entente_article")
        if article is None:
            return doc
        kb = self.kb if self.kb is not None else self.initialize()
        facts = extract_facts(doc, article, kb)
        doc.user_data.pop("entente_dates", None)
        doc.user_data.pop("entente_article", None)
        doc.user_data["entente_facts"] = facts  # the facts carry the article
        return doc


# French and Italian elide an article before a name: "l’Ouzbékistan", "dell’Uzbekistan", "d'Italie".
_ELISION = r"(?:[LlDdNnSs]|[Dd]ell|[Aa]ll|[Nn]ell|[Dd]all|[Ss]ull|[Qq]u)['’](?=[A-ZÀ-Ý])"


# Scraped copy loses the space after a sentence that ends on a number: "im Dezember 2014.In der
# gemeinsamen Erklärung ...", "on May 5.The two leaders". (Between letters spaCy already splits.)
_NUMBER_STOP = r"(?<=[0-9])\.(?=[A-Z][a-z])"
# "U.S.-Indonesia ties", "U.K.-India": a hyphen after an abbreviation's full stop joins two names.
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–—](?=[A-Z])"


def _tune_tokenizer(nlp: Language) -> None:
    """Let the tokenizer split an elided article from the name after it, so the name matches, a
    full stop glued between a number and the next sentence, and a hyphen after an abbreviation."""
    prefixes = [_ELISION, *nlp.Defaults.prefixes] if nlp.Defaults.prefixes else [_ELISION]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[union-attr]
    ours = [_NUMBER_STOP, _ABBREVIATION_HYPHEN]
    infixes = [*nlp.Defaults.infixes, *ours] if nlp.Defaults.infixes else ours
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def build_pipeline(trained: str | None = None, knowledge: str | None = None) -> Language:
    """The extraction pipeline, initialised.

    ``trained`` names an installed trained pipeline (``en_core_web_sm``) whose tokenizer and NER
    are used as well; without it the pipeline is ``spacy.blank("en")`` and needs no download.
    """
    if trained:
        try:
            nlp = spacy.load(trained, exclude=["lemmatizer", "textcat"])
        except OSError as exc:
            raise PipelineError(
                f"trained pipeline {trained!r} is not installed; install it with spaCy's own "
                f"`python -m spacy download {trained}` (for example en_core_web_sm) or leave the option out"
            ) from exc
        for pipe in ("parser", "senter", "sentencizer"):
            if pipe in nlp.pipe_names:
                nlp.disable_pipe(pipe)
    else:
        nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("entente_sentences")
    nlp.add_pipe("entente_gazetteer", config={"knowledge": knowledge})
    nlp.add_pipe("entente_dates")
    nlp.add_pipe("entente_relations", config={"knowledge": knowledge})
    for name in ("entente_gazetteer", "entente_relations"):
        component = nlp.get_pipe(name)
        assert isinstance(component, (Gazetteer, RelationExtractor))
        component.initialize(knowledge=knowledge)
    return nlp
