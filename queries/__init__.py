"""The shipped Cypher library: one named query per ``.cypher`` file in this folder.

Each file starts with a header of ``//`` lines a person can read in Neo4j Browser::

    // title: Partnership history of a state
    // question: Every partnership interval of a state, oldest first.
    // param state: an id or a name; example "Belarus"

then the query, which takes its values only as ``$parameters``. A parameter whose description
says ``(ISO)`` is a day: :meth:`NamedQuery.bind` refuses anything but ``YYYY-MM-DD``; one whose
description says "state's id or name" or "party's id or name" names a party
(:attr:`NamedQuery.party_params`), which the command line resolves to its id first.

Installed as ``entente.queries``, with the ``.cypher`` files as package data, beside
:mod:`.guide` (the library as a Neo4j Browser guide). The queries read the graph that
``entente.graph`` writes, but only through Neo4j: this package imports nothing of Entente but
``entente.errors``, and the command line runs its queries through the Neo4j store.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from entente.errors import EntenteError

__all__ = ["NamedQuery", "QueryError", "load_queries"]


class QueryError(EntenteError, ValueError):
    """A named query is unknown, or its parameters are wrong."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: dict[str, str]  # name -> description with an example
    examples: dict[str, str]
    text: str

    @property
    def party_params(self) -> tuple[str, ...]:
        """The parameters that name a state or organisation."""
        return tuple(key for key, text in self.params.items() if _PARTY.search(text))

    def bind(self, given: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(self.params) or 'none'}"
            )
        missing = sorted(set(self.params) - set(given))
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=VALUE ({self.params[missing[0]]})")
        for key, value in given.items():
            if "(ISO)" in self.params[key] and not _is_day(value):
                raise QueryError(
                    f"--param {key}={value!r} is not a date; "
                    f"use YYYY-MM-DD, for example {self.examples.get(key, '2023-01-01')}"
                )
        return dict(given)


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


_HEADER = re.compile(r"^//\s*(?P<key>title|question|param)(?:\s+(?P<param>[A-Za-z_]\w*))?\s*:\s*(?P<value>.*)$")
_PARTY = re.compile(r"\b(?:state|party)'s id or name\b")
_EXAMPLE = re.compile(r'example\s+"([^"]*)"')


def _parse(name: str, text: str) -> NamedQuery:
    title = description = ""
    params: dict[str, str] = {}
    examples: dict[str, str] = {}
    body = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            key, value = match.group("key"), match.group("value").strip()
            if key == "title":
                title = value
            elif key == "question":
                description = value
            elif key == "param" and match.group("param"):
                params[match.group("param")] = value
                example = _EXAMPLE.search(value)
                if example:
                    examples[match.group("param")] = example.group(1)
        elif not line.strip().startswith("//"):
            body.append(line)
    used = set(re.findall(r"\$([A-Za-z_]\w*)", "\n".join(body)))
    if used != set(params):
        raise QueryError(
            f"queries/{name}.cypher: header parameters {sorted(params)} differ from those used {sorted(used)}"
        )
    return NamedQuery(
        name=name, title=title, description=description, params=params, examples=examples, text="\n".join(body).strip()
    )


def load_queries() -> dict[str, NamedQuery]:
    """All named queries, by name."""
    folder = resources.files("entente.queries")
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            name = entry.name[: -len(".cypher")]
            queries[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return queries
