"""Reliability: bad input, kill -9 at any moment, a server that is down or refuses us, two writers.

Every test runs the real command line in a subprocess (tests/harness.py), against both stores
where a store is involved; the Neo4j side uses the real server of NEO4J_URI.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import time

import pytest
from filelock import FileLock

from .conftest import CORPUS
from .harness import Target, cli_env, entente_process, run_entente, write_corpus

GOOD = CORPUS / "001_17cc30498ef1f3d8.txt"
LIMIT = 20 * 1024 * 1024  # readers.DEFAULT_MAX_BYTES, restated: the test pins the documented limit


def _bad_inputs(folder):
    """A folder of every kind of bad input beside good ones; returns (bad names, good article count)."""
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000))
    (folder / "cp1252.txt").write_bytes(
        "date 2023-09-23 Prime Minister Xanana Gusmão met President Xi Jinping in Hangzhou \u2013 “a new era”.".encode(
            "cp1252"
        )
    )
    # 0x81 is no character in Windows-1252, so only Latin-1 reads this file
    (folder / "latin1.txt").write_bytes("Lukashenko met Xi Jinping in Minsk, said Señor Pérez \x81.".encode("latin-1"))
    (folder / "utf16.txt").write_bytes("Xi Jinping met Sadyr Japarov in Bishkek.".encode("utf-16"))
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(LIMIT + 1)  # sparse: over the limit without writing 20 MB
    (folder / "unclosed.html").write_text(
        "<html><body><div><p>Chinese President Xi Jinping met Belarusian President Alexander Lukashenko in Minsk"
        " on Monday.<p>The two sides agreed to elevate ties to a comprehensive strategic partnership.<div><span>",
        encoding="utf-8",
    )
    (folder / "garbage.html").write_text(
        "<<<>>></div></p><p<p<<a href='x>&&&;&#xZZ;<!-- never closed <script>x=1", encoding="utf-8"
    )
    (folder / "feed.jsonl").write_text(
        '{"text": "China and Laos met in Vientiane on Monday to sign a plan.", "published": "2024-01-02"}\n'
        '{"text": "cut off here\n'
        '{"text": "Vietnam and China met in Hanoi on Tuesday.", "published": "2023-02-30"}\n',
        encoding="utf-8",
    )
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 a Word file cut short")
    (folder / "news.rss").write_text("<html><body>a page saved as a feed</body></html>", encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip" * 4)
    (folder / "report.odt").write_bytes(b"PK\x03\x04")  # no reader: skipped and counted, not a problem
    bad = {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary",
        "image.html": "binary",
        "huge.txt": f"over the limit of {LIMIT:,} bytes",
        "garbage.html": "no article text",
        "feed.jsonl:2": "not valid JSON",
        "feed.jsonl:3": '"published" must be a date',
        "report.pdf": "not a readable PDF",
        "notes.docx": "not a readable Word document",
        "news.rss": "not an RSS or Atom feed",
        "crawl.warc.gz": "WARC",
        "memo.odt": "unsupported file type '.odt'",  # named on the command line: it should have been an article
        "missing.txt": "no such file or folder",
    }
    # good.txt, cp1252.txt, latin1.txt, utf16.txt, unclosed.html, feed.jsonl lines 1 and 3
    return bad, 7


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_each_bad_input_is_one_named_line_and_the_rest_is_used(command, cli_target, tmp_path):
    bad, good = _bad_inputs(tmp_path / "in")
    (tmp_path / "memo.odt").write_bytes(b"PK\x03\x04")
    args = [command, "in", "missing.txt", "memo.odt"] + (cli_target.args if command == "ingest" else [])
    result = run_entente(args, cli_target.env, tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    # every bad input named once, the skipped file counted, and the one undated partnership (feed.jsonl:3) counted
    skipped = "entente: skipped 1 file: .odt 1 (page assets and types no reader takes; --include GLOB reads them)"
    undated = "1 partnership claim has no date" if command == "extract" else "1 partnership has no date"
    assert skipped in lines and undated in result.stdout + result.stderr
    assert len(lines) == len(bad) + 1 + (command == "extract"), result.stderr
    for name, problem in bad.items():
        path = name if name in ("missing.txt", "memo.odt") else f"in/{name}"
        named = [line for line in lines if line.startswith(f"entente: {path}: ")]
        assert len(named) == 1 and problem in named[0], (name, result.stderr)
    if command == "ingest":
        assert cli_target.count("Article") == good
    else:
        assert result.stdout.count('"type": "document"') == good


def test_encodings_are_decoded_not_rejected(tmp_path):
    _bad_inputs(tmp_path / "in")
    result = run_entente(
        ["extract", "in/cp1252.txt", "in/latin1.txt", "in/utf16.txt", "in/unclosed.html"], cli_env(), tmp_path
    )
    assert result.returncode == 0, result.stderr
    facts = [line for line in result.stdout.splitlines() if '"type": "leader"' in line]
    leaders = {re.search(r'"id": "([^"]+)"', line).group(1) for line in facts}
    assert {"xanana-gusmao", "alexander-lukashenko", "sadyr-japarov", "xi-jinping"} <= leaders
    assert '"level": "comprehensive strategic partnership"' in result.stdout  # from the unclosed HTML


def test_a_bad_store_folder_is_one_line(tmp_path):
    (tmp_path / "store").write_text("a file where the store folder should be")
    result = run_entente(["ingest", str(GOOD), "--store", "store"], cli_env(), tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "store" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("settings", "args", "line"),
    [
        (
            {"ENTENTE_LOCK_TIMEOUT": "soon"},
            ["--store", "store"],
            "entente: ENTENTE_LOCK_TIMEOUT='soon' is not a number of seconds; use for example 300",
        ),
        (
            {"NEO4J_PASSWORD": "pw-must-not-leak-7f3a"},
            ["--neo4j", "http://127.0.0.1:7474"],
            "entente: Neo4j URI 'http://127.0.0.1:7474' is not valid: use one of bolt://, bolt+s://, bolt+ssc://, "
            "neo4j://, neo4j+s://, neo4j+ssc:// (for example bolt://127.0.0.1:7687; "
            "http:// is Neo4j Browser's address, not Bolt's)",
        ),
    ],
    ids=["lock-timeout", "http-uri"],
)
def test_a_bad_setting_is_one_line(settings, args, line, tmp_path):
    result = run_entente(["ingest", str(GOOD), *args], cli_env(**settings), tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line]
    assert "pw-must-not-leak" not in result.stdout + result.stderr


# -- kill -9 ------------------------------------------------------------------------------------

ARTICLES = 5 + 60


def _kill_after(target, tmp_path, args, committed: int) -> None:
    """Start ``entente ingest``, and kill -9 it once ``committed`` batches (of one article) are in."""
    from neo4j import GraphDatabase

    driver = None
    if target.name == "neo4j":
        driver = GraphDatabase.driver(
            target.env["NEO4J_URI"], auth=(target.env["NEO4J_USERNAME"], target.env["NEO4J_PASSWORD"])
        )

    def count() -> int:
        if driver is None:
            journal = tmp_path / "store" / "journal.jsonl"
            # batches only: the lines recording files read whole carry no article
            return journal.read_bytes().count(b'"label":"Article"') if journal.exists() else 0
        return driver.execute_query("MATCH (a:Article) RETURN count(a) AS n").records[0]["n"]

    process = entente_process(args, target.env, tmp_path)
    try:
        while count() < committed:
            assert process.poll() is None, f"the ingest ended before {committed} batches: {process.communicate()}"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
    finally:
        if driver is not None:
            driver.close()
    assert process.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_an_ingest_killed_at_any_moment_resumes_to_the_clean_graph(cli_target, tmp_path):
    write_corpus(tmp_path / "articles", 60)
    args = ["ingest", "articles", "--batch-size", "1", *cli_target.args]
    clean = run_entente(args, cli_target.env, tmp_path)
    assert clean.returncode == 0, clean.stderr
    expected = cli_target.exported(tmp_path)
    assert cli_target.count("Article") == ARTICLES
    for point in (1, ARTICLES // 2, ARTICLES - 5):
        cli_target.reset()
        _kill_after(cli_target, tmp_path, args, point)
        again = run_entente(args, cli_target.env, tmp_path)
        assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
        # one article per file: the run after the kill skips each stored one, unread (its file was
        # recorded whole) or read and skipped by id (committed, its file not yet recorded)
        unread = re.search(r"(\d+) unchanged files skipped", again.stdout)
        stored = int(re.search(r"\((\d+) already stored\)", again.stdout).group(1)) + int(
            unread.group(1) if unread else 0
        )
        assert point <= stored <= ARTICLES  # a kill after the last commit, before the exit, counts too
        assert cli_target.exported(tmp_path) == expected, f"killed after {point} batches"


def test_a_crash_between_snapshot_and_journal_reset_replays_to_the_same_graph(tmp_path, corpus_facts):
    """The one window compaction leaves: the new snapshot is in place, the old journal not yet emptied."""
    from entente.graph.embedded import EmbeddedStore
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    from .test_store import _comparable

    with EmbeddedStore(tmp_path / "s", writer=True) as store:
        for fact in corpus_facts:
            ingest_facts(store, [fact], load_knowledge())
        journal = (tmp_path / "s" / "journal.jsonl").read_bytes()
    assert journal.count(b"\n") == 5
    compacted = _comparable(EmbeddedStore(tmp_path / "s").read_graph())
    (tmp_path / "s" / "journal.jsonl").write_bytes(journal)
    assert _comparable(EmbeddedStore(tmp_path / "s").read_graph()) == compacted


# -- two writers on one store --------------------------------------------------------------------


@pytest.mark.slow
def test_two_concurrent_ingests_are_serialised(cli_target, tmp_path):
    """Two ingests at once into one store, sharing pairs, end as one ingest of both would: the
    embedded store by its file lock, Neo4j by the lock node each batch's transaction writes first
    (so one batch never derives a group from claims that miss another's uncommitted batch)."""
    write_corpus(tmp_path / "all", 30)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    for i, path in enumerate(sorted((tmp_path / "all").iterdir())):
        shutil.copy(path, tmp_path / ("first" if i % 2 else "second") / path.name)
    runs = [
        entente_process(["ingest", part, "--batch-size", "1", *cli_target.args], cli_target.env, tmp_path)
        for part in ("first", "second")
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    serial_store = str(tmp_path / "serial")
    serial = run_entente(["ingest", "first", "second", "--store", serial_store], cli_env(), tmp_path)
    assert serial.returncode == 0
    assert cli_target.exported(tmp_path) == Target("embedded", ["--store", serial_store]).exported(tmp_path)


def test_a_writer_waits_for_the_lock_then_is_refused_with_one_line(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    with FileLock(str(store / ".lock")):
        refused = run_entente(["ingest", str(GOOD), "--store", "store"], cli_env(ENTENTE_LOCK_TIMEOUT="1"), tmp_path)
        waiting = entente_process(["ingest", str(GOOD), "--store", "store"], cli_env(), tmp_path)
        time.sleep(3)  # long enough to import, open the store and block on the lock
        assert waiting.poll() is None and not (store / "journal.jsonl").exists()
    _, err = waiting.communicate(timeout=600)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines() == [
        f"entente: store: another ingest is writing this store (lock {os.path.join('store', '.lock')}); waited 1 s"
    ]
    assert waiting.returncode == 0, err
    assert Target("embedded", ["--store", str(store)]).count("Article") == 1


# -- Neo4j down, or refusing us ------------------------------------------------------------------

PASSWORD = "pw-must-not-leak-7f3a"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", str(GOOD)],
        ["report", "centrality"],
        ["export", "--format", "json", "--output", "g.json"],
        ["query", "network-as-of", "--param", "date=2023-01-01"],
    ],
)
def test_neo4j_down_is_one_line_naming_the_uri(command, tmp_path):
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    result = run_entente(command, cli_env(NEO4J_URI=uri, NEO4J_PASSWORD=PASSWORD), tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"entente: Neo4j at {uri}: not reachable (ServiceUnavailable); is the server running?"
    ]
    assert PASSWORD not in result.stdout + result.stderr and "Traceback" not in result.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("user", ["neo4j", "entente-nobody"])
def test_a_wrong_password_is_one_line_without_the_password(user, neo4j_store, tmp_path):
    uri = neo4j_store.uri
    env = cli_env(NEO4J_URI=uri, NEO4J_USERNAME=user, NEO4J_PASSWORD=PASSWORD)
    result = run_entente(["ingest", str(GOOD)], env, tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"entente: Neo4j at {uri}: authentication failed for user {user!r} (check NEO4J_USERNAME/NEO4J_PASSWORD)"
    ]
    assert PASSWORD not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert neo4j_store.read_graph().number_of_nodes() == 0


@pytest.mark.neo4j
def test_a_lost_connection_is_one_store_error_line(neo4j_store, corpus_facts):
    """When the driver cannot go on (here: its connection pool is gone; a server that stays down
    past the driver's retries ends the same way), reads and writes fail as one StoreError line,
    which the command line prints; nothing half-written stays."""
    from entente.graph.neo4j_store import Neo4jStore
    from entente.graph.schema import GraphRows
    from entente.graph.store import StoreError, ingest_facts
    from entente.ingest.knowledge import load_knowledge

    store = Neo4jStore(neo4j_store.uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD"))
    store.driver.close()
    with pytest.raises(StoreError) as caught:
        ingest_facts(store, corpus_facts, load_knowledge())
    assert str(caught.value) == f"Neo4j at {neo4j_store.uri}: reading failed: DriverError: Driver closed"
    assert neo4j_store.read_graph().number_of_nodes() == 0
    with pytest.raises(StoreError) as caught:
        store.write_batch(lambda batch: batch.write_base(GraphRows()))
    assert str(caught.value) == f"Neo4j at {neo4j_store.uri}: writing a batch failed: DriverError: Driver closed"
