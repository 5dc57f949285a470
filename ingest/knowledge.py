"""Domain knowledge, loaded from data files.

The partnership ladder, states (every ISO 3166-1 state through :mod:`pycountry`, plus the aliases,
former names and demonyms of ``data/states.toml``), organisations, initiatives, leaders with their
offices, and places live in TOML files under ``ingest/data/``. A user extends them without touching
code by pointing ``--knowledge`` (or ``ENTENTE_KNOWLEDGE``) at a folder of files of the same names
and shapes: entries with a known id extend that entry (aliases are added, other fields replaced),
new ids are added.

>>> kb = load_knowledge()
>>> kb.levels["comprehensive strategic partnership"].rank
40
>>> kb.states["TLS"].name
'Timor-Leste'
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pycountry

from entente.errors import EntenteError

__all__ = [
    "Initiative",
    "Knowledge",
    "KnowledgeError",
    "Leader",
    "Level",
    "Office",
    "Organization",
    "Place",
    "Qualifier",
    "State",
    "UnknownPartyError",
    "fold",
    "load_knowledge",
    "normalise",
]


class KnowledgeError(EntenteError, ValueError):
    """A knowledge file is missing, malformed or inconsistent."""


class UnknownPartyError(EntenteError, ValueError):
    """A name a user typed is no state or organisation the knowledge files know (or is ambiguous)."""


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form of a name, for matching: diacritics dropped, hyphens as spaces.

    >>> fold("Xanana Gusmão")
    'xanana gusmao'
    >>> fold("All-Weather")
    'all weather'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"[-\u2010-\u2015]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def normalise(text: str) -> str:
    """A canonical comparison key: :func:`fold` without punctuation.

    >>> normalise("U.S.")
    'us'
    """
    return re.sub(r"[^a-z0-9 ]", "", fold(text)).strip()


@dataclass(frozen=True)
class Level:
    label: str
    rank: int
    tier: int
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Qualifier:
    text: str
    kind: str
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class State:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    aliases: tuple[str, ...]
    role: str  # "party" or "context"
    source: str
    members: tuple[str, ...] = ()  # member states (ISO3), where the knowledge file lists them


@dataclass(frozen=True)
class Initiative:
    id: str
    name: str
    aliases: tuple[str, ...]
    proposer: str | None
    year: str | None
    source: str


@dataclass(frozen=True)
class Office:
    title: str
    start: str  # ISO date or year, "" when unknown
    end: str  # "" while in office

    def holds_on(self, day: str | None) -> bool:
        """Whether the office was held on ``day`` (ISO, any precision); unknown days count."""
        if not day or day.startswith("--"):
            return True
        start = self.start or "0000"
        end = self.end or "9999"
        return start[: len(day)] <= day <= end[: len(day)] or start[:4] <= day[:4] <= end[:4]


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    aliases: tuple[str, ...]
    state: str | None
    offices: tuple[Office, ...]
    source: str

    def title_on(self, day: str | None) -> str | None:
        """The leader's main title on ``day`` (the first office listed that was held then)."""
        for office in self.offices:
            if office.holds_on(day):
                return office.title
        return self.offices[0].title if self.offices else None


@dataclass(frozen=True)
class Place:
    name: str
    state: str | None
    aliases: tuple[str, ...]
    kind: str  # "city" or "venue"
    city: str | None
    ambiguous: bool
    source: str


@dataclass
class Knowledge:
    """Everything Entente knows before reading an article."""

    levels: dict[str, Level] = field(default_factory=dict)
    qualifiers: dict[str, Qualifier] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    #: Cue word lists of the extraction rules (``data/cues.toml``): table -> key -> alternatives.
    cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: The other languages' cue words (``data/languages.toml``), in the same shape, kept apart: an
    #: article in English is read with the English lists alone (:func:`entente.ingest.rules.cues.cues_of`).
    language_cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    fingerprint: str = ""
    _place_index: dict[str, Place] | None = field(default=None, repr=False, compare=False)
    _party_index: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)

    def place_named(self, name: str) -> Place | None:
        """The place called ``name``: its name or an alias, case and diacritics ignored.

        >>> load_knowledge().place_named("ISLAMABAD").name
        'Islamabad'
        """
        if self._place_index is None:
            index: dict[str, Place] = {}
            for place in sorted(self.places.values(), key=lambda p: (p.kind != "city", p.name)):
                for alias in (place.name, *place.aliases):
                    index.setdefault(fold(alias), place)
            self._place_index = index
        return self._place_index.get(fold(name))

    def city_of(self, name: str | None) -> str | None:
        """The canonical city a place name stands for (a venue for its city), or ``None`` if unknown.

        >>> load_knowledge().city_of("Great Hall of the People")
        'Beijing'
        """
        place = self.place_named(name) if name else None
        if place is None:
            return None
        return place.city if place.kind == "venue" and place.city else place.name

    def party_name(self, party_id: str) -> str:
        if party_id in self.states:
            return self.states[party_id].name
        if party_id in self.organizations:
            return self.organizations[party_id].name
        return party_id

    def party_id(self, text: str) -> str:
        """The id of the state or organisation a user typed: its id, ISO 3166 alpha-2 code, name, an
        alias or former name, or a demonym (the names extraction matches), case, diacritics and dots
        ignored. Raises :class:`UnknownPartyError` with the closest name when there is none.

        >>> kb = load_knowledge()
        >>> [kb.party_id(name) for name in ("East Timor", "PRC", "CN", "chn", "U.S.", "Belarusian")]
        ['TLS', 'CHN', 'CHN', 'CHN', 'USA', 'BLR']
        >>> kb.party_id("Chna")
        Traceback (most recent call last):
        ...
        entente.ingest.knowledge.UnknownPartyError: no state or organisation named 'Chna'; did you mean China?
        """
        key = normalise(text)
        index = self._parties()
        found = index.get(key, set())
        if not found and len(key) == 2:
            country = pycountry.countries.get(alpha_2=key.upper())
            if country is not None and country.alpha_3 in self.states:
                found = {country.alpha_3}
        if len(found) == 1:
            return next(iter(found))
        if found:
            names = " or ".join(f"{self.party_name(p)} ({p})" for p in sorted(found))
            raise UnknownPartyError(f"{text!r} could be {names}; use the id")
        close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.75)
        hint = f"; did you mean {self.party_name(min(index[close[0]]))}?" if close else ""
        raise UnknownPartyError(f"no state or organisation named {text!r}{hint}")

    def _parties(self) -> dict[str, set[str]]:
        if self._party_index is None:
            index: dict[str, set[str]] = {}
            parties: list[tuple[str, tuple[str, ...]]] = [
                (s.id, (s.id, s.name, *s.aliases, *s.demonyms)) for s in self.states.values()
            ]
            parties += [(o.id, (o.id, o.name, *o.aliases)) for o in self.organizations.values()]
            for party, names in parties:
                for name in names:
                    if normalise(name):
                        index.setdefault(normalise(name), set()).add(party)
            self._party_index = index
        return self._party_index

    def party_kind(self, party_id: str) -> str:
        return "organization" if party_id in self.organizations else "state"

    def leaders_of(self, state: str) -> list[Leader]:
        return [leader for leader in self.leaders.values() if leader.state == state]


_SHORT_NAMES = {
    # pycountry's names are formal ("Bolivia, Plurinational State of"); news uses these.
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "CZE": "Czechia",
    "FSM": "Micronesia",
    "GBR": "United Kingdom",
    "IRN": "Iran",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "USA": "United States",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
    "VAT": "Holy See",
    "TUR": "Turkey",
    "CIV": "Côte d'Ivoire",
    "MKD": "North Macedonia",
    "SWZ": "Eswatini",
    "CPV": "Cape Verde",
    "TLS": "Timor-Leste",
    "KGZ": "Kyrgyzstan",
}


def _pycountry_states() -> dict[str, State]:
    states: dict[str, State] = {}
    for country in pycountry.countries:
        names = {country.name}
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
        name = _SHORT_NAMES.get(country.alpha_3) or getattr(country, "common_name", None) or country.name
        if "," in name:  # "Korea, Republic of" style names are not how anyone writes
            name = name.split(",")[0]
        aliases = tuple(sorted(n for n in names if "," not in n and n != name))
        states[country.alpha_3] = State(
            id=country.alpha_3,
            name=name,
            aliases=aliases,
            source="ISO 3166-1 via pycountry",
        )
    return states


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if not entry.get(k) and entry.get(k) != 0]
    if missing:
        raise KnowledgeError(f"{where}: entry {entry!r:.80} lacks {', '.join(missing)}")


def _merge_aliases(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(old + new))


def _apply_cues(cues: dict[str, dict[str, tuple[str, ...]]], data: dict[str, Any], where: str) -> None:
    for table, lists in data.items():
        if not isinstance(lists, dict):
            raise KnowledgeError(f"{where}: [{table}] must be a table of word lists")
        for key, words in lists.items():
            if not (isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)):
                raise KnowledgeError(f"{where}: [{table}] {key} must be a list of non-empty strings")
            old_words = cues.setdefault(table, {}).get(key, ())
            cues[table][key] = _merge_aliases(old_words, tuple(words))


def _apply_language(kb: Knowledge, lang: str, data: dict[str, Any], where: str) -> None:
    """One language's table of ``languages.toml``: its names become aliases of the entries they
    name, its cue words go to ``kb.language_cues`` (the ``dates`` table is read by ``ingest/dates.py``)."""
    tables: tuple[tuple[str, dict[str, Any]], ...] = (
        ("states", kb.states),
        ("organizations", kb.organizations),
        ("places", kb.places),
        ("leaders", kb.leaders),
    )
    for kind, table in tables:
        for key, names in data.get(kind, {}).items():
            old: Any = table.get(key)
            if old is None:
                raise KnowledgeError(f"{where}: [{lang}.{kind}] names {key!r}, which {kind}.toml does not know")
            table[key] = replace(old, aliases=_merge_aliases(old.aliases, _tuple(names)))
    for label, names in data.get("levels", {}).items():
        level = kb.levels.get(label)
        if level is None:
            raise KnowledgeError(f"{where}: [{lang}.levels] names {label!r}, which is no label of ladder.toml")
        kb.levels[label] = replace(level, aliases=_merge_aliases(level.aliases, _tuple(names)))
    _apply_cues(kb.language_cues, data.get("cues", {}), f"{where} [{lang}.cues]")


def _apply(kb: Knowledge, name: str, data: dict[str, Any], where: str) -> None:
    """Apply one knowledge file's entries to ``kb``."""
    if name == "cues":
        _apply_cues(kb.cues, data, where)
    elif name == "languages":
        for lang, table in data.items():
            if not isinstance(table, dict):
                raise KnowledgeError(f"{where}: [{lang}] must be a table (one per language)")
            _apply_language(kb, lang, table, where)
    elif name == "ladder":
        for entry in data.get("level", []):
            _require(entry, ("label", "rank", "source"), where)
            old = kb.levels.get(entry["label"])
            aliases = _merge_aliases(old.aliases if old else (), _tuple(entry.get("aliases")))
            kb.levels[entry["label"]] = Level(
                label=entry["label"],
                rank=int(entry["rank"]),
                tier=int(entry.get("tier", int(entry["rank"]) // 10)),
                aliases=aliases,
                source=entry["source"],
            )
        for entry in data.get("qualifier", []):
            _require(entry, ("text", "source"), where)
            kb.qualifiers[entry["text"]] = Qualifier(
                text=entry["text"],
                kind=entry.get("kind", "theme"),
                aliases=_tuple(entry.get("aliases")),
                source=entry["source"],
            )
    elif name == "states":
        for entry in data.get("state", []):
            _require(entry, ("id",), where)
            sid = entry["id"]
            old_state = kb.states.get(sid)
            aliases = _merge_aliases(
                old_state.aliases if old_state else (),
                _tuple(entry.get("aliases")) + _tuple(entry.get("former_names")),
            )
            name_ = entry.get("name") or (old_state.name if old_state else sid)
            kb.states[sid] = State(
                id=sid,
                name=name_,
                aliases=tuple(a for a in aliases if a != name_),
                demonyms=_merge_aliases(old_state.demonyms if old_state else (), _tuple(entry.get("demonyms"))),
                capital=entry.get("capital") or (old_state.capital if old_state else None),
                source="; ".join(s for s in ((old_state.source if old_state else ""), entry.get("source", "")) if s),
            )
    elif name == "organizations":
        for entry in data.get("organization", []):
            _require(entry, ("id", "name", "source"), where)
            old_org = kb.organizations.get(entry["id"])
            kb.organizations[entry["id"]] = Organization(
                id=entry["id"],
                name=entry["name"],
                aliases=_merge_aliases(old_org.aliases if old_org else (), _tuple(entry.get("aliases"))),
                role=entry.get("role", "context"),
                source=entry["source"],
                members=_tuple(entry.get("members")) or (old_org.members if old_org else ()),
            )
    elif name == "initiatives":
        for entry in data.get("initiative", []):
            _require(entry, ("id", "name", "source"), where)
            old_initiative = kb.initiatives.get(entry["id"])
            kb.initiatives[entry["id"]] = Initiative(
                id=entry["id"],
                name=entry["name"],
                aliases=_merge_aliases(old_initiative.aliases if old_initiative else (), _tuple(entry.get("aliases"))),
                proposer=entry.get("proposer") or None,
                year=str(entry.get("year") or "") or None,
                source=entry["source"],
            )
    elif name == "leaders":
        for entry in data.get("leader", []):
            _require(entry, ("id", "name", "source"), where)
            old_leader = kb.leaders.get(entry["id"])
            offices = tuple(
                Office(title=o.get("title", ""), start=str(o.get("from", "") or ""), end=str(o.get("to", "") or ""))
                for o in entry.get("offices", [])
            )
            kb.leaders[entry["id"]] = Leader(
                id=entry["id"],
                name=entry["name"],
                aliases=_merge_aliases(old_leader.aliases if old_leader else (), _tuple(entry.get("aliases"))),
                state=entry.get("state") or (old_leader.state if old_leader else None),
                offices=offices or (old_leader.offices if old_leader else ()),
                source=entry["source"],
            )
    elif name == "places":
        for entry in data.get("place", []):
            _require(entry, ("name", "source"), where)
            old_place = kb.places.get(entry["name"])
            kb.places[entry["name"]] = Place(
                name=entry["name"],
                state=entry.get("state") or None,
                aliases=_merge_aliases(old_place.aliases if old_place else (), _tuple(entry.get("aliases"))),
                kind=entry.get("kind", "city"),
                city=entry.get("city") or None,
                ambiguous=bool(entry.get("ambiguous", False)),
                source=entry["source"],
            )


_FILES = ("ladder", "states", "organizations", "initiatives", "leaders", "places", "cues", "languages")


def _check(kb: Knowledge) -> None:
    for leader in kb.leaders.values():
        if leader.state and leader.state not in kb.states and leader.state not in kb.organizations:
            raise KnowledgeError(
                f"leaders: {leader.id} names state {leader.state!r}, which is neither an ISO 3166-1 "
                f"alpha-3 code nor an organisation id"
            )
    for place in kb.places.values():
        if place.state and place.state not in kb.states:
            raise KnowledgeError(
                f"places: {place.name} names unknown state {place.state!r}; "
                "use an ISO 3166-1 alpha-3 code such as 'CHN'"
            )
    if not kb.levels:
        raise KnowledgeError(
            "ladder: no partnership levels defined; ladder.toml needs [[level]] entries with a label, rank and source"
        )


@functools.lru_cache(maxsize=8)
def load_knowledge(extra: str | None = None) -> Knowledge:
    """Load the shipped knowledge files, then those of the folder ``extra`` if one is given.

    The result is cached per folder; treat it as read-only. The environment is not read here:
    the command line passes ``--knowledge`` (or ``ENTENTE_KNOWLEDGE``) in as ``extra``.
    """
    kb = Knowledge(states=_pycountry_states())
    fingerprint = []
    base = resources.files("entente.ingest") / "data"
    folders: list[Traversable] = [base]
    if extra:
        extra_path = Path(extra)
        if not extra_path.is_dir():
            raise KnowledgeError(
                f"{extra}: knowledge folder not found; name a folder of TOML files called like those in "
                f"ingest/data/ ({', '.join(f'{name}.toml' for name in _FILES)})"
            )
        folders.append(extra_path)
    for folder in folders:
        for name in _FILES:
            path = folder / f"{name}.toml"
            if not path.is_file():
                continue
            raw = path.read_bytes()
            fingerprint.append(f"{name}:{hashlib.sha256(raw).hexdigest()[:12]}")
            try:
                data = tomllib.loads(raw.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise KnowledgeError(f"{path}: not valid TOML: {exc}") from exc
            _apply(kb, name, data, str(path))
    _check(kb)
    kb.fingerprint = "|".join(fingerprint)
    return kb
