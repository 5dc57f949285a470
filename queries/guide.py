"""The query library as a Neo4j Browser guide: one slide per query, one click to run it.

Neo4j Browser 5 plays a guide from a URL with ``:guide URL``: it fetches the HTML, splits it at
``<slide>`` elements, puts a ``pre.runnable`` block into the editor on a click (or runs it with
the play icon), and runs an element's ``data-exec`` as a Browser command. Each slide here has a
``:params {...}`` button that sets the query's example parameters, and the query itself.

Browser fetches guides only from hosts in the server setting
``browser.remote_content_hostname_allowlist`` (default ``guides.neo4j.com,localhost``) and across
origins, so :func:`serve_guide` serves the page on ``localhost`` with the CORS headers Browser's
request needs (it sends ``Cache-Control`` and ``Pragma``, which makes the browser ask first with
``OPTIONS``).

The same server serves the Browser style (``entente.grass``, GraSS: states large and blue,
PARTNERSHIP captioned with its level, Claim and Article small and grey) at ``/entente.grass``;
the guide's first slide applies it with one click (Browser's ``:style URL`` command, which fetches
from the same allowed hosts).

>>> from entente.queries import load_queries
>>> page = browser_guide(load_queries())
>>> page.count("<slide")  == len(load_queries()) + 1
True
"""

from __future__ import annotations

import html
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from entente.queries import NamedQuery

__all__ = ["DEFAULT_PORT", "GUIDE_PATH", "STYLE_PATH", "browser_guide", "load_style", "params_command", "serve_guide"]

GUIDE_PATH = "/entente.html"
STYLE_PATH = "/entente.grass"
DEFAULT_PORT = 8765


def load_style() -> str:
    """The shipped Browser style sheet (GraSS), ``queries/entente.grass``."""
    return resources.files("entente.queries").joinpath("entente.grass").read_text(encoding="utf-8")


def params_command(query: NamedQuery) -> str:
    """The Browser command (without the colon) that sets a query's example parameters.

    Browser reads the map of ``:params`` as relaxed JSON, so plain JSON is the safe spelling.
    """
    return "params " + json.dumps({name: query.examples.get(name, "") for name in query.params}, ensure_ascii=False)


def _slide(query: NamedQuery) -> str:
    e = html.escape
    params = "".join(f"<li><code>${e(name)}</code>: {e(text)}</li>" for name, text in query.params.items())
    setter = (
        (
            f'<p><a href="#" data-exec="{e(params_command(query))}">Set the example parameters</a> '
            f"(<code>:{e(params_command(query))}</code>)</p>"
        )
        if query.params
        else "<p>No parameters.</p>"
    )
    return (
        f'<slide class="row-fluid" id="{e(query.name)}">\n'
        f"<h3>{e(query.title)}</h3>\n"
        f'<p class="lead">{e(query.description)}</p>\n'
        f"<p><code>entente query {e(query.name)}</code></p>\n"
        f"<ul>{params}</ul>\n{setter}\n"
        f"<p>Click the query to put it in the editor, or its play icon to run it:</p>\n"
        f'<pre class="runnable">{e(query.text)}</pre>\n'
        "</slide>"
    )


def browser_guide(queries: dict[str, NamedQuery], *, port: int = DEFAULT_PORT) -> str:
    """The guide page: a contents slide (which applies the style served on ``port``), then one
    slide per query in name order."""
    e = html.escape
    contents = "".join(f"<li>{e(q.title)} <code>{e(q.name)}</code></li>" for q in queries.values())
    style = f"style http://localhost:{port}{STYLE_PATH}"
    first = (
        '<slide class="row-fluid" id="contents">\n<h3>Entente: the query library</h3>\n'
        '<p class="lead">Questions to ask the temporal partnership graph. Each slide sets its example '
        "parameters with one click and runs the query with another.</p>\n"
        f'<p><a href="#" data-exec="{e(style)}">Apply the Entente style</a> (<code>:{e(style)}</code>): '
        "states large and blue, partnerships captioned with their level, claims and articles muted. "
        "The queries whose title ends in <em>drawn</em> return nodes and relationships, "
        "which Browser draws.</p>\n"
        f"<ol>{contents}</ol>\n</slide>"
    )
    slides = "\n".join([first, *(_slide(q) for q in queries.values())])
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Entente queries</title></head>\n'
        '<body><article class="guide">\n<carousel class="deck container-fluid">\n'
        f"{slides}\n</carousel>\n</article></body></html>\n"
    )


class _GuideHandler(BaseHTTPRequestHandler):
    page = b""
    style = b""

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers") or "*")

    def do_OPTIONS(self) -> None:  # http.server's naming
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path not in (GUIDE_PATH, STYLE_PATH):
            self.send_error(404, f"the guide is at {GUIDE_PATH}, the style at {STYLE_PATH}")
            return
        body, kind = (self.page, "text/html") if path == GUIDE_PATH else (self.style, "text/plain")
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the CLI says what it serves


def serve_guide(page: str, *, port: int = DEFAULT_PORT, style: str | None = None) -> ThreadingHTTPServer:
    """A server for ``page`` at ``http://localhost:PORT/entente.html`` and ``style`` (default the
    shipped one) at ``/entente.grass`` (loopback only); call ``serve_forever``."""
    grass = load_style() if style is None else style
    handler = type(
        "EntenteGuideHandler", (_GuideHandler,), {"page": page.encode("utf-8"), "style": grass.encode("utf-8")}
    )
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
