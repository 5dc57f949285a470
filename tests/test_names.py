"""Names, not only ids, wherever a user types a party; an empty answer says why (issue 15, item 3)."""

from __future__ import annotations

import json

import pytest

from entente.ingest.knowledge import UnknownPartyError, load_knowledge

from .conftest import CORPUS


@pytest.mark.parametrize(
    ("typed", "party"),
    [
        ("East Timor", "TLS"),  # an alias
        ("Timor-Leste", "TLS"),  # the name
        ("PRC", "CHN"),  # an abbreviation the extractor matches
        ("CN", "CHN"),  # ISO 3166 alpha-2
        ("chn", "CHN"),  # the id, any case
        ("U.S.", "USA"),
        ("Kyrgyz", "KGZ"),  # a demonym
        ("ASEAN", "ASEAN"),  # an organisation
    ],
)
def test_a_party_is_found_by_any_name_extraction_knows(typed, party):
    assert load_knowledge().party_id(typed) == party


def test_an_unknown_name_suggests_the_closest_and_an_ambiguous_one_lists_both():
    kb = load_knowledge()
    with pytest.raises(UnknownPartyError, match=r"^no state or organisation named 'Chna'; did you mean China\?$"):
        kb.party_id("Chna")
    with pytest.raises(UnknownPartyError, match=r"^no state or organisation named 'Xyzzy'$"):
        kb.party_id("Xyzzy")
    with pytest.raises(UnknownPartyError, match=r"could be .*\(VGB\) or .*\(VIR\); use the id"):
        kb.party_id("Virgin Islands")


def _ingested(target, tmp_path):
    done = target.run(tmp_path, "ingest", str(CORPUS))
    assert done.returncode == 0, done.stderr
    return target


def test_report_on_a_day_before_the_graph_says_why(cli_target, tmp_path):
    _ingested(cli_target, tmp_path)
    done = cli_target.run(tmp_path, "report", "centrality", "--as-of", "1990-01-01", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert (
        "entente: no partnerships on 1990-01-01; the graph covers 2022-09-15 to 2023-09-23; "
        "1990-01-01 is before it begins"
    ) in done.stderr
    store = "Neo4j at bolt://" if cli_target.name == "neo4j" else "embedded store "
    assert f"store: {store}" in done.stderr


def test_query_takes_names_and_refuses_unknown_ones(cli_target, tmp_path):
    _ingested(cli_target, tmp_path)

    def partners(state, date="2024-01-01"):
        return cli_target.run(tmp_path, "query", "partners-as-of", "-p", f"state={state}", "-p", f"date={date}",
                              "--format", "json")  # fmt: skip

    typo = partners("Chna")
    assert typo.returncode == 1
    assert typo.stderr.strip() == "entente: no state or organisation named 'Chna'; did you mean China?"
    for typed in ("East Timor", "CN", "PRC"):
        done = partners(typed)
        assert done.returncode == 0, (typed, done.stderr)
        found = [row["partner_id"] for row in json.loads(done.stdout)]
        assert found == (["CHN"] if typed == "East Timor" else ["BLR", "KGZ", "TLS"]), typed
    early = partners("PRC", "1990-01-01")
    assert early.returncode == 0 and json.loads(early.stdout) == []
    assert (
        "entente: partners-as-of: no rows for state=CHN, date=1990-01-01; the graph covers 2022-09-15 to "
        "2023-09-23; 1990-01-01 is before it begins"
    ) in early.stderr
