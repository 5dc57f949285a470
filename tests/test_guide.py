"""The Neo4j Browser guide: its slides, and the server Browser fetches it from (CORS preflight included)."""

import json
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.queries import load_queries
from entente.queries.guide import GUIDE_PATH, browser_guide, params_command, serve_guide

QUERIES = load_queries()


class _Slides(HTMLParser):
    """Collects each slide's id, its runnable query text and its data-exec command."""

    def __init__(self):
        super().__init__()
        self.slides, self._in_pre = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "slide":
            self.slides.append({"id": attrs.get("id"), "query": "", "exec": None})
        elif tag == "pre" and "runnable" in (attrs.get("class") or ""):
            self._in_pre = True
        elif "data-exec" in attrs:
            self.slides[-1]["exec"] = attrs["data-exec"]

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre:
            self.slides[-1]["query"] += data


def test_guide_has_a_slide_per_query_with_its_text_and_examples():
    parser = _Slides()
    parser.feed(browser_guide(QUERIES))
    assert [s["id"] for s in parser.slides] == ["contents", *QUERIES]
    for slide in parser.slides[1:]:
        query = QUERIES[slide["id"]]
        assert slide["query"] == query.text  # HTML-escaped in the page, the same text in the editor
        assert slide["exec"] == params_command(query)
    assert params_command(QUERIES["partners-as-of"]) == 'params {"state": "China", "date": "2024-01-01"}'
    assert json.loads(params_command(QUERIES["rising-ties"]).removeprefix("params ")) == {
        "from": "2023-01-01",
        "to": "2023-12-31",
    }


def test_server_answers_browsers_preflight_and_serves_the_page():
    server = serve_guide("<html><slide>x</slide></html>", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        preflight = urllib.request.Request(
            base + GUIDE_PATH,
            method="OPTIONS",
            headers={
                "Origin": "http://127.0.0.1:7474",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "cache-control,pragma",
            },
        )
        with urllib.request.urlopen(preflight) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert response.headers["Access-Control-Allow-Headers"] == "cache-control,pragma"
        request = urllib.request.Request(base + GUIDE_PATH, headers={"Pragma": "no-cache", "Cache-Control": "no-cache"})
        with urllib.request.urlopen(request) as response:
            assert response.read() == b"<html><slide>x</slide></html>"
            assert response.headers["Access-Control-Allow-Origin"] == "*"
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(base + "/other.html")
    finally:
        server.shutdown()
        server.server_close()


def test_query_command_writes_the_guide(tmp_path):
    result = CliRunner().invoke(cli, ["query", "--browser-guide", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == browser_guide(QUERIES)
