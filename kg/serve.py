"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, the named queries as routes, a query page.

Routes
    GET, POST /sparql     the SPARQL 1.1 Protocol query operation: GET ?query=…, POST
                          application/x-www-form-urlencoded (query=…), POST application/sparql-query
    GET /queries          the named queries (queries/*.rq) as JSON: title, description, parameters, examples
    GET /queries/{name}   run one named query: ?param=value (bound as RDF terms, never spliced);
                          ?limit=N&offset=M for one page of its rows (a `Link: <…>; rel="next"` header
                          when more follow)
    GET /search           the store's full-text index (`kg search`): ?q=… (repeatable: documents holding
                          every one), &in=titel|vraag|antwoord|voetnoot, &from=, &to= (YYYY-MM-DD),
                          &limit=N (default 20), &offset=M, &count=1 for the counts only; 404 when
                          the store has no index
    GET /                 a small page to type a query, with the named queries as examples, and to search
                          the text (`/#q=…&in=…` opens it with that search); no CDN

Results are negotiated on Accept: SPARQL JSON (the default), XML, CSV and TSV for SELECT/ASK; Turtle (the
default), N-Triples, JSON-LD and RDF/XML for CONSTRUCT/DESCRIBE; `?format=json|xml|csv|tsv|ttl|nt|jsonld|rdfxml`
overrides Accept (handy in a browser). No acceptable type: 406.

Policies (each answered in plain text, never with a stack trace):
* Read-only. The store is opened read-only and queries only ever go through `KgStore.query`. A SPARQL
  Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH …), sent as a query or
  through the protocol's update operation, is refused with **403 Forbidden**: the request is
  understood, and not allowed here (a string that is no SPARQL at all is a 400).
* SERVICE (federated query) is refused with 403 unless the server was started with `allow_service`.
* Malformed query: 400 with the parser's message. Missing or unknown parameter: 400; unknown named
  query: 404. `default-graph-uri`/`named-graph-uri` are refused with 400: the default graph is always the
  union of all graphs.
* Time limit: each query runs in a worker thread; after `timeout_s` the client gets **503** with a
  message. pyoxigraph cannot cancel a running query, so the thread goes on until the evaluation ends; to
  bound the damage the number of worker threads is fixed (`workers`): when all are busy a new query gets
  503 at once (with Retry-After), and a result that is produced row by row stops at the deadline.
* Row limit: at most `max_results` rows (or triples) are returned; a longer result is **truncated** and
  the response says so in the headers `X-KG-Truncated: true` and `X-KG-Result-Limit: N` (every response
  carries the limit). A client that needs all rows asks with LIMIT/OFFSET pages or uses `kg query`.
* Request size: a body larger than `max_request_bytes` is refused with 413, a longer query string with 414.
* CORS: only the configured origins (none by default). `serve` binds to 127.0.0.1 unless told otherwise.

>>> _kind_of("PREFIX ex: <http://e/> # DROP ALL\\n SELECT * WHERE { ?s ?p 'INSERT' }")
'query'
>>> _kind_of("prefix ex: <http://e/>\\ninsert data { ex:a ex:b ex:c }")
'update'
>>> _uses_service("SELECT * WHERE { ?service ?p ?o . ex:SERVICE ?p ?o }"), _uses_service("SELECT * { sErViCe <http://x/> { ?s ?p ?o } }")
(False, True)
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import threading
import time
import urllib.parse
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import KgError, QueryError, StoreError, TextIndexBehind
from kg.query import QueryResult, bind, bound_page, collect, load_named_queries
from kg.results import to_csv, to_json, to_rdf, to_tsv, to_xml
from kg.store import KgStore
from kg.textindex import INDEX
from kg.textindex import search as text_search

__all__ = ["DEFAULTS", "create_app", "serve"]

T = TypeVar("T")

DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 7878,
    "timeout_s": 30.0,
    "max_results": 10_000,
    "max_request_bytes": 1_048_576,
    "workers": 4,
}

# media type → (format name for kg.results, content type sent)
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/x-turtle": "ttl",
    "text/plain": "nt",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
}
CONTENT_TYPE: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "rdfxml")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


class _Refused(Exception):
    """A request the server answers with an HTTP error and a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --- reading a query without evaluating it ------------------------------------------------------

_ESCAPES = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_MASK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
)


def _masked(sparql: str) -> str:
    """The query with code-point escapes decoded (as the SPARQL grammar does before parsing) and its
    strings, IRIs and comments blanked out, so that keywords can be looked for safely."""
    text = _ESCAPES.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return _MASK.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)


def _kind_of(sparql: str) -> str:
    """'update' when the request's first operation is a SPARQL Update, else 'query'."""
    text = _masked(sparql)
    text = re.sub(r"(?is)^\s*(?:(?:BASE\s*<>|PREFIX\s+[^\s:]*:\s*<>)\s*)*", "", text)
    m = re.match(r"\s*([A-Za-z]+)", text)
    return "update" if m and m.group(1).upper() in UPDATE_WORDS else "query"


def _uses_service(sparql: str) -> bool:
    """Whether the query contains a SERVICE clause (not a variable or prefixed name called service)."""
    return re.search(r"(?i)(?<![\w?$:.-])SERVICE(?![\w:-])", _masked(sparql)) is not None


# --- content negotiation ------------------------------------------------------------------------


def _accepted(header: str) -> list[tuple[str, float]]:
    out = []
    for part in header.split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q))
    return out


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str | None:
    """The format to answer in: the offered media type the client weighs most (ties: our order).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, "json")
    'xml'
    >>> negotiate("*/*", GRAPH_TYPES, "ttl"), negotiate(None, RESULT_TYPES, "json"), negotiate("image/png", RESULT_TYPES, "json")
    ('ttl', 'json', None)
    """
    if not accept or not accept.strip():
        return default
    ranges = _accepted(accept)
    best: tuple[float, int, str] | None = None
    default_type = next(t for t, f in offered.items() if f == default)
    ordered = [default_type, *[t for t in offered if t != default_type]]
    for rank, media in enumerate(ordered):
        main = media.split("/")[0]
        q, spec = 0.0, -1
        for r, rq in ranges:
            s = 2 if r == media else 1 if r == f"{main}/*" else 0 if r == "*/*" else -1
            if s > spec:
                q, spec = rq, s
        if spec >= 0 and q > 0 and (best is None or q > best[0]):
            best = (q, rank, offered[media])
    return best[2] if best else None


# --- worker threads -----------------------------------------------------------------------------


class _Workers:
    """At most `n` queries evaluating at once, each in a daemon thread; waiting stops at a timeout.

    The thread of a query that timed out keeps its slot until pyoxigraph returns (it cannot be
    cancelled), so a flood of heavy queries fills the slots and later ones are refused at once.
    """

    def __init__(self, n: int) -> None:
        self.slots = threading.BoundedSemaphore(max(1, n))

    async def run(self, fn: Callable[[], T], timeout_s: float) -> T:
        if not self.slots.acquire(blocking=False):
            raise _Refused(503, "the server is busy with other queries; try again shortly", {"Retry-After": "5"})
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()

        def settle(ok: bool, value: Any) -> None:
            if fut.done():
                return
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)

        def work() -> None:
            try:
                outcome: tuple[bool, Any] = (True, fn())
            except BaseException as exc:  # handed to the request, which maps it
                outcome = (False, exc)
            finally:
                self.slots.release()
            with contextlib.suppress(RuntimeError):  # the server stopped meanwhile: nobody is waiting
                loop.call_soon_threadsafe(settle, *outcome)

        threading.Thread(target=work, name="kg-query", daemon=True).start()
        try:
            return await asyncio.wait_for(asyncio.shield(fut), timeout_s)
        except TimeoutError:
            raise _Refused(
                503,
                f"the query did not finish within the time limit of {timeout_s:g} s; "
                "make it more selective (filters, LIMIT) or run it with `kg query`",
            ) from None


# --- the application ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Config:
    timeout_s: float
    max_results: int
    max_request_bytes: int
    allow_service: bool


def create_app(
    store_path: str | Path,
    *,
    timeout_s: float = DEFAULTS["timeout_s"],
    max_results: int = DEFAULTS["max_results"],
    max_request_bytes: int = DEFAULTS["max_request_bytes"],
    cors_origins: Sequence[str] = (),
    allow_service: bool = False,
    workers: int = DEFAULTS["workers"],
    store: KgStore | None = None,
) -> Starlette:
    """The Starlette app over the store at `store_path`, opened read-only (raises `StoreError` if there is none).

    `store` may give an already open store instead (tests); it is used as is and not closed.
    """
    kg_store = store if store is not None else KgStore.open(store_path, read_only=True)
    cfg = _Config(timeout_s, max_results, max_request_bytes, allow_service)
    pool = _Workers(workers)
    queries = load_named_queries()
    refreshed = [time.monotonic()]

    def current_store() -> KgStore:
        if store is None and time.monotonic() - refreshed[0] > 5.0:  # follow new snapshots of a build
            refreshed[0] = time.monotonic()
            with contextlib.suppress(KgError, OSError):
                kg_store.refresh()
        return kg_store

    async def evaluate(request: Request, sparql: str, limit: int | None = None, offset: int = 0, skip: int = 0) -> Response:
        """Run `sparql` and answer with its rows, at most `limit` (a page after the first `offset`, of
        which the query itself gives all but the first `skip`: see `kg.query.paged`) and the row limit."""
        if _kind_of(sparql) == "update":
            raise _Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if not cfg.allow_service and _uses_service(sparql):
            raise _Refused(403, "SERVICE (federated query) is disabled on this endpoint")
        wanted = _wanted(request)
        st = current_store()

        rows = cfg.max_results if limit is None else min(limit, cfg.max_results)

        def work() -> tuple[QueryResult, bytes, str]:
            deadline = time.monotonic() + cfg.timeout_s
            result = collect(st.query(sparql), limit=rows, deadline=deadline, skip=skip)
            result.raw = None  # pyoxigraph's result objects must be dropped on the thread that made them
            fmt = wanted[1] if result.form == "CONSTRUCT" else wanted[0]
            if fmt is None:
                return result, b"", ""
            return result, _serialise(result, fmt), fmt

        result, body, fmt = await pool.run(work, cfg.timeout_s)
        if not fmt:
            offered = GRAPH_TYPES if result.form == "CONSTRUCT" else RESULT_TYPES
            raise _Refused(406, f"cannot answer in the accepted types; this result comes as one of: {', '.join(dict.fromkeys(offered))}")
        headers = {"X-KG-Result-Limit": str(cfg.max_results), "Vary": "Accept"}
        got = len(result.triples) if result.form == "CONSTRUCT" else len(result.rows)
        if result.truncated and (got < rows or limit != rows):  # cut by the time or row limit, not by the page
            headers["X-KG-Truncated"] = "true"
        if result.truncated and limit is not None and got:  # a page, and more rows after it
            headers["Link"] = f'<{request.url.include_query_params(offset=offset + got)}>; rel="next"'
        return Response(body, media_type=CONTENT_TYPE[fmt], headers=headers)

    async def sparql_endpoint(request: Request) -> Response:
        if request.method == "GET":
            if len(request.url.query.encode()) > cfg.max_request_bytes:
                raise _Refused(414, f"the query string is longer than {cfg.max_request_bytes} bytes")
            params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
        else:
            body = await _body(request, cfg.max_request_bytes)
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-query":
                params = {"query": [body.decode("utf-8", errors="replace")]}
            elif ctype == "application/x-www-form-urlencoded":
                params = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            elif ctype == "application/sparql-update":
                raise _Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
            else:
                raise _Refused(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")
        if "update" in params:
            raise _Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise _Refused(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the union of all graphs")
        found = params.get("query") or []
        if len(found) != 1 or not found[0].strip():
            raise _Refused(400, "give exactly one query: ?query=… (see / for a page to type one)")
        return await evaluate(request, found[0])

    async def list_queries(request: Request) -> Response:
        return JSONResponse([_describe(q) for q in queries.values()])

    async def named(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in queries:
            raise _Refused(404, f"no named query {name!r}; GET /queries lists them")
        q = queries[name]
        values = {k: v for k, v in request.query_params.items() if k not in ("format", "limit", "offset")}
        if len(request.url.query.encode()) > cfg.max_request_bytes:
            raise _Refused(414, f"the query string is longer than {cfg.max_request_bytes} bytes")
        limit, offset = _count(request, "limit"), _count(request, "offset") or 0
        size = None if limit is None else min(limit, cfg.max_results)
        text, skip = bound_page(q.sparql, bind(q, values), size, offset)
        return await evaluate(request, text, limit, offset, skip)

    async def search(request: Request) -> Response:
        if len(request.url.query.encode()) > cfg.max_request_bytes:
            raise _Refused(414, f"the query string is longer than {cfg.max_request_bytes} bytes")
        terms, params = request.query_params.getlist("q"), request.query_params
        if not any(t.strip() for t in terms):
            raise _Refused(400, "give the text to search for: /search?q=… (several q: documents holding every one)")
        folder = Path(kg_store.path or store_path)
        if not (folder / INDEX).is_file():
            raise _Refused(404, "this store has no text index yet: run `kg build` on its files once more to make it")
        fmt = _wanted(request)[0]
        if fmt is None:
            raise _Refused(406, f"cannot answer in the accepted types; search results come as one of: {', '.join(dict.fromkeys(RESULT_TYPES))}")
        limit, offset = _count(request, "limit"), _count(request, "offset") or 0
        size = min(20 if limit is None else limit, cfg.max_results)
        options = {"parts": params.getlist("in"), "date_from": params.get("from"), "date_to": params.get("to")}

        def work() -> tuple[QueryResult, bytes]:
            result = text_search(folder, terms, **options, limit=size, offset=offset, count=params.get("count") in ("1", "true"))
            return result, _serialise(result, fmt)

        try:
            result, body = await pool.run(work, cfg.timeout_s)
        except TextIndexBehind as exc:
            raise _Refused(503, str(exc), {"Retry-After": "60"}) from None
        headers = {"X-KG-Result-Limit": str(cfg.max_results), "Vary": "Accept"}
        if result.truncated and result.rows:
            headers["Link"] = f'<{request.url.include_query_params(offset=offset + len(result.rows))}>; rel="next"'
        return Response(body, media_type=CONTENT_TYPE[fmt], headers=headers)

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(queries), headers={"Content-Security-Policy": _CSP})

    async def refusal(request: Request, exc: Exception) -> Response:
        if isinstance(exc, _Refused):
            return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=exc.headers)
        if isinstance(exc, QueryError):
            return PlainTextResponse(str(exc) + "\n", status_code=400)
        if isinstance(exc, StoreError):
            return PlainTextResponse(f"store error: {exc}\n", status_code=500)
        if isinstance(exc, KgError):
            return PlainTextResponse(str(exc) + "\n", status_code=400)
        return PlainTextResponse("internal error (see the server log)\n", status_code=500)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if store is None:
                kg_store.close()

    middleware = []
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["X-KG-Truncated", "X-KG-Result-Limit", "Link"],
            )
        )
    routes = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/queries", list_queries, methods=["GET"]),
        Route("/queries/{name}", named, methods=["GET"]),
        Route("/search", search, methods=["GET"]),
    ]
    handlers = {_Refused: refusal, KgError: refusal, Exception: refusal}
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan)


def _count(request: Request, name: str) -> int | None:
    """A query-string parameter that is a count (0 or more), or None when absent."""
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit()):
        raise _Refused(400, f"{name} must be a whole number of 0 or more, not {value!r}")
    return int(value)


def _wanted(request: Request) -> tuple[str | None, str | None]:
    """The result format and the graph format to answer in (None when nothing acceptable is offered)."""
    fmt = request.query_params.get("format")
    if fmt:
        if fmt not in RESULT_FORMATS and fmt not in GRAPH_FORMATS:
            raise _Refused(400, f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS + GRAPH_FORMATS)}")
        return (fmt if fmt in RESULT_FORMATS else None, fmt if fmt in GRAPH_FORMATS else None)
    accept = request.headers.get("accept")
    return negotiate(accept, RESULT_TYPES, "json"), negotiate(accept, GRAPH_TYPES, "ttl")


def _serialise(result: QueryResult, fmt: str) -> bytes:
    if fmt in GRAPH_FORMATS:
        return to_rdf(result, fmt)
    text = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt](result)
    return text.encode("utf-8")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _Refused(413, f"the request body is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Refused(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(q: Any) -> dict[str, Any]:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "form": q.form,
        "params": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description} for p in q.params],
        "examples": list(q.examples),
        "url": f"/queries/{q.name}",
        "sparql": q.sparql,
    }


def _example_url(name: str, example: str) -> str:
    """`kg query NAME --param a=b --format csv` → `/queries/NAME?a=b&format=csv` (for the page's links)."""
    import shlex

    try:
        words = shlex.split(example)
    except ValueError:
        return f"/queries/{name}"
    params: list[tuple[str, str]] = []
    for flag, value in itertools.pairwise(words):
        if flag in ("--param", "-p") and "=" in value:
            params.append(tuple(value.split("=", 1)))  # type: ignore[arg-type]
        elif flag in ("--format", "-f") and value in RESULT_FORMATS + GRAPH_FORMATS:
            params.append(("format", value))
    return f"/queries/{name}" + (f"?{urllib.parse.urlencode(params)}" if params else "")


# --- the page -----------------------------------------------------------------------------------

_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'self'"

_DEFAULT_QUERY = """SELECT ?member (COUNT(DISTINCT ?doc) AS ?publications)
WHERE { ?doc kg:indiener ?p . ?p rdfs:label ?member }
GROUP BY ?member ORDER BY DESC(?publications) LIMIT 20"""


def _page(queries: dict[str, Any]) -> str:
    items = []
    for name, q in queries.items():
        links = " ".join(f'<a href="{html.escape(_example_url(name, e))}">example {i}</a>' for i, e in enumerate(q.examples, 1))
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
        items.append(
            f'<li><button type="button" data-name="{html.escape(name)}">{html.escape(q.title)}</button> '
            f"<code>{html.escape(name)}</code>{' (' + html.escape(params) + ')' if params else ''} {links}"
            f"<br><small>{html.escape(q.description)}</small></li>"
        )
    sources = json.dumps({n: q.sparql for n, q in queries.items()}).replace("<", "\\u003c")
    return _PAGE.replace("{{ITEMS}}", "\n".join(items)).replace("{{SOURCES}}", sources).replace("{{DEFAULT}}", html.escape(_DEFAULT_QUERY))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg — SPARQL</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#222}
textarea{width:100%;height:14em;font:13px/1.3 ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1em;font-size:13px}td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;text-align:left}
th{background:#f3f3f3}pre{background:#f7f7f7;padding:.6em;overflow:auto}#status{margin-left:1em;color:#555}
li{margin:.3em 0}small{color:#555}button[data-name]{cursor:pointer}
</style></head><body>
<h1>kg — written parliamentary questions, in SPARQL</h1>
<p>Type a SPARQL query (the prefixes <code>kg:</code>, <code>kgid:</code>, <code>rdfs:</code>, <code>dcterms:</code>, <code>prov:</code> … are known)
and run it against <code>/sparql</code>, or pick a named query below. The endpoint is read-only.</p>
<form id="f"><textarea id="q" name="query" spellcheck="false">{{DEFAULT}}</textarea><br>
<button type="submit">Run</button>
<select id="fmt"><option value="json">table</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="xml">XML</option><option value="ttl">Turtle (CONSTRUCT)</option><option value="nt">N-Triples (CONSTRUCT)</option></select>
<span id="status"></span></form>
<div id="out"></div>
<h2>Search the text</h2>
<p>Documents whose titles, questions, answers or footnotes hold the words (any part of a word; case does not matter), newest first
(<code>/search?q=…</code>, as <code>kg search</code>).</p>
<form id="s"><input id="t" name="q" size="40" placeholder="stikstof"> in <select id="in"><option value="">everything</option>
<option value="vraag">questions</option><option value="antwoord">answers</option><option value="titel">titles</option><option value="voetnoot">footnotes</option></select>
<button type="submit">Search</button><span id="sstatus"></span></form>
<div id="sout"></div>
<h2>Named queries</h2>
<p>Click a title to load its SPARQL (optional parameters stay unbound); the example links run it with parameters.
<a href="/queries">/queries</a> lists them as JSON.</p>
<ul>
{{ITEMS}}
</ul>
<script>
const SOURCES = {{SOURCES}};
const q = document.getElementById("q"), out = document.getElementById("out"), status = document.getElementById("status");
for (const b of document.querySelectorAll("button[data-name]")) {
  b.addEventListener("click", () => { q.value = SOURCES[b.dataset.name].replace(/^(#[^\\n]*\\n)+/, ""); q.focus(); });
}
function cell(term) {
  const td = document.createElement("td");
  if (term) {
    if (term.type === "uri") { const a = document.createElement("a"); a.href = term.value; a.textContent = term.value; td.appendChild(a); }
    else td.textContent = term.value;
  }
  return td;
}
function table(data, into) {
  const t = document.createElement("table"), head = t.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const tr = t.insertRow(); for (const v of data.head.vars) tr.appendChild(cell(b[v])); }
  into.appendChild(t);
}
document.getElementById("s").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const sout = document.getElementById("sout"), sstatus = document.getElementById("sstatus");
  const params = new URLSearchParams({format: "json"});
  for (const word of document.getElementById("t").value.match(/"[^"]+"|\\S+/g) || []) params.append("q", word.replace(/^"|"$/g, ""));
  if (document.getElementById("in").value) params.append("in", document.getElementById("in").value);
  history.replaceState(null, "", "#" + new URLSearchParams({q: document.getElementById("t").value, in: document.getElementById("in").value}));
  sstatus.textContent = " searching…"; sout.textContent = "";
  const t0 = performance.now();
  try {
    const resp = await fetch("/search?" + params);
    const text = await resp.text();
    if (!resp.ok) { sstatus.textContent = " " + resp.status + " " + resp.statusText; const p = document.createElement("pre"); p.textContent = text; sout.appendChild(p); return; }
    const data = JSON.parse(text);
    table(data, sout);
    sstatus.textContent = " " + data.results.bindings.length + " documents" + (resp.headers.get("Link") ? " (the newest; more follow)" : "") + ", " + Math.round(performance.now() - t0) + " ms";
  } catch (e) { sstatus.textContent = " failed: " + e; }
});
document.getElementById("f").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const fmt = document.getElementById("fmt").value;
  status.textContent = "running…"; out.textContent = "";
  const t0 = performance.now();
  try {
    const resp = await fetch("/sparql?format=" + encodeURIComponent(fmt), {method: "POST",
      headers: {"Content-Type": "application/sparql-query"}, body: q.value});
    const text = await resp.text();
    const ms = Math.round(performance.now() - t0);
    if (!resp.ok) { status.textContent = resp.status + " " + resp.statusText; const p = document.createElement("pre"); p.textContent = text; out.appendChild(p); return; }
    const note = resp.headers.get("X-KG-Truncated") ? " (truncated at " + resp.headers.get("X-KG-Result-Limit") + ")" : "";
    const type = resp.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) { status.textContent = ms + " ms"; out.textContent = String(data.boolean); return; }
      table(data, out);
      status.textContent = data.results.bindings.length + " rows, " + ms + " ms" + note;
    } else {
      const p = document.createElement("pre"); p.textContent = text; out.appendChild(p);
      status.textContent = ms + " ms" + note;
    }
  } catch (e) { status.textContent = "failed: " + e; }
});
function searchFromHash() {  // /#q=stikstof&in=antwoord: a search one can link to
  const h = new URLSearchParams(location.hash.slice(1));
  if (!h.get("q")) return;
  document.getElementById("t").value = h.get("q");
  document.getElementById("in").value = h.get("in") || "";
  document.getElementById("s").requestSubmit();
}
window.addEventListener("hashchange", searchFromHash);
searchFromHash();
</script>
</body></html>
"""


def serve(
    store_path: str | Path,
    *,
    host: str = DEFAULTS["host"],
    port: int = DEFAULTS["port"],
    timeout_s: float = DEFAULTS["timeout_s"],
    max_results: int = DEFAULTS["max_results"],
    max_request_bytes: int = DEFAULTS["max_request_bytes"],
    cors_origins: Sequence[str] = (),
    allow_service: bool = False,
    workers: int = DEFAULTS["workers"],
    log_level: str = "info",
) -> None:
    """Serve the store over HTTP with uvicorn until interrupted (binds to 127.0.0.1 unless told otherwise)."""
    import uvicorn

    app = create_app(
        store_path,
        timeout_s=timeout_s,
        max_results=max_results,
        max_request_bytes=max_request_bytes,
        cors_origins=cors_origins,
        allow_service=allow_service,
        workers=workers,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
