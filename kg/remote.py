"""Remote stores: write the graphs to any SPARQL 1.1 Graph Store HTTP Protocol server, and query it.

`RemoteStore` speaks two standard protocols and nothing else:

* SPARQL 1.1 Graph Store HTTP Protocol (the `url`, e.g. Oxigraph's `…/store`, Fuseki's `…/ds/data`):
  `PUT ?graph=<iri>` with an N-Triples body replaces a graph (a document's graph is replaced as a
  whole, as in the local store), `POST ?graph=<iri>` merges triples into one (the shared graph, which
  many documents add to), `DELETE ?graph=<iri>` removes one, `HEAD ?graph=<iri>` tells if it exists.
* SPARQL 1.1 Protocol (the optional `query_url`, e.g. `…/query`, `…/ds/sparql`) to read back: the
  manifest of built files, derived graphs, named queries. The server must treat the default graph as
  the union of the named graphs, as the embedded store does (Oxigraph: `serve --union-default-graph`;
  Fuseki/TDB2: `tdb2:unionDefaultGraph true`).

It offers what `kg.build.build` uses of a store (the `GraphWriter` protocol), so `kg build --endpoint
URL` builds straight into a server: document graphs are collected in batches and sent with a few
requests in parallel; every request is retried with exponential backoff on connection errors,
timeouts, 408, 425, 429 and 5xx (honouring Retry-After); other 4xx answers fail at once with the
server's message. `push(store, url)` copies a local store (every named graph) to a server.

>>> RemoteStore.oxigraph("http://127.0.0.1:7878").url
'http://127.0.0.1:7878/store'
>>> _graph_url("http://h/store", "https://w3id.org/kg-kamervragen/id/graph/doc/x")
'http://h/store?graph=https%3A%2F%2Fw3id.org%2Fkg-kamervragen%2Fid%2Fgraph%2Fdoc%2Fx'
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.iris import SHARED_GRAPH
from kg.store import DOC_GRAPH_PREFIX, MANIFEST_QUERY, KgStore, ManifestEntry, manifest_of, with_values
from kg.vocab import PREFIXES

__all__ = ["GraphWriter", "PushReport", "RemoteStore", "push", "with_prefixes"]

RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
NT = "application/n-triples"
CHUNK_TRIPLES = 50_000


class GraphWriter(Protocol):
    """What a build writes to: the embedded `KgStore` or a `RemoteStore`."""

    def manifest(self) -> dict[str, ManifestEntry]: ...
    def has_graph(self, graph: str) -> bool: ...
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...
    def add_documents(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None: ...
    def add_nquads(self, data: bytes, graphs: Iterable[str], *, lenient: bool = False, behind: bool = False) -> None: ...
    def change_graph(self, graph: str, lines: bytes, also: bytes = b"") -> None: ...
    def settle(self) -> None: ...
    def remove_graph(self, graph: str) -> None: ...
    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Any: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


@dataclass(slots=True)
class PushReport:
    """What a push did: graphs and triples sent, HTTP requests and retries, graphs the server refused."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.graphs} graphs, {self.triples} triples pushed in {self.seconds:.1f} s "
            f"({self.requests} requests, {self.retries} retries, {len(self.failed)} failed)"
        )


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX declarations for the kg prefixes it does not declare itself (for servers
    that, unlike the embedded store, do not know them).

    >>> with_prefixes("PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }").count("PREFIX kg:")
    1
    >>> "PREFIX rdfs:" in with_prefixes("SELECT * { ?s rdfs:label ?o }")
    True
    """
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([\w.-]*):", sparql)}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return head + sparql


def _graph_url(base: str, graph: str | None) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}default" if graph is None else f"{base}{sep}graph={quote(graph, safe='')}"


def _nt(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""


class RemoteStore:
    """A store behind a SPARQL 1.1 Graph Store HTTP Protocol server (and optionally its query endpoint).

    Writes are collected and sent in batches of `batch_docs` graphs (`flush()` sends the rest; reads
    flush first). `auth` is a (user, password) pair for basic auth or a full Authorization header value;
    `sleep` and `transport` are there for tests (no real waiting, a fake server).
    """

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        auth: tuple[str, str] | str | None = None,
        batch_docs: int = 200,
        retries: int = 4,
        backoff_s: float = 0.5,
        timeout_s: float = 120.0,
        workers: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url
        self.query_url = query_url
        self.batch_docs = max(1, batch_docs)
        self.retries = max(0, retries)
        self.backoff_s = backoff_s
        self.workers = max(1, workers)
        self._sleep = sleep
        headers = {"User-Agent": "kg (https://w3id.org/kg-kamervragen)"}
        basic = None
        if isinstance(auth, str):
            headers["Authorization"] = auth
        elif auth is not None:
            basic = httpx.BasicAuth(*auth)
        self._http = httpx.Client(auth=basic, headers=headers, timeout=timeout_s, transport=transport)
        self._lock = threading.Lock()
        self._pending: dict[str, list[ox.Triple]] = {}
        self._shared: dict[str, set[ox.Triple]] = defaultdict(set)
        self._known: set[str] | None = None
        self.report = PushReport()

    @classmethod
    def oxigraph(cls, base: str, **kwargs: Any) -> RemoteStore:
        """A store on an Oxigraph server (`oxigraph serve`): Graph Store at /store, queries at /query."""
        base = base.rstrip("/")
        return cls(f"{base}/store", query_url=f"{base}/query", **kwargs)

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Send what is pending, then release the connections."""
        try:
            self.flush()
        finally:
            self._http.close()

    # --- HTTP ----------------------------------------------------------------------------------

    def _request(self, method: str, url: str, *, content: bytes | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
        """One request, retried with exponential backoff and jitter on transient failures."""
        attempt = 0
        while True:
            with self._lock:
                self.report.requests += 1
            try:
                resp = self._http.request(method, url, content=content, headers=headers)
            except httpx.TransportError as exc:
                problem, retry_after = f"{type(exc).__name__}: {exc}", None
            else:
                if resp.status_code not in RETRY_STATUS:
                    return resp
                problem, retry_after = f"HTTP {resp.status_code}: {resp.text.strip()[:200]}", resp.headers.get("retry-after")
            if attempt >= self.retries:
                raise StoreError(f"{method} {url} failed after {attempt + 1} attempts: {problem}", hint="is the server up and writable?")
            attempt += 1
            with self._lock:
                self.report.retries += 1
            delay = self.backoff_s * 2 ** (attempt - 1) * (1 + random.random() / 2)
            if retry_after and retry_after.strip().isdigit():
                delay = max(delay, float(retry_after))
            self._sleep(min(delay, 60.0))

    @staticmethod
    def _check(resp: httpx.Response, what: str) -> None:
        if resp.status_code >= 400:
            raise StoreError(f"{what}: HTTP {resp.status_code}: {resp.text.strip()[:300]}")

    def put_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        """Replace one graph on the server (large graphs: PUT the first chunk, POST the rest)."""
        chunks = [triples[i : i + CHUNK_TRIPLES] for i in range(0, len(triples), CHUNK_TRIPLES)] or [[]]
        for i, chunk in enumerate(chunks):
            resp = self._request("PUT" if i == 0 else "POST", _graph_url(self.url, graph), content=_nt(chunk), headers={"Content-Type": NT})
            self._check(resp, f"writing graph {graph}")
        with self._lock:
            self.report.graphs += 1
            self.report.triples += len(triples)
            if self._known is not None:
                self._known.add(graph)

    def post_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Merge triples into one graph on the server (in chunks)."""
        triples = list(triples)
        for i in range(0, len(triples), CHUNK_TRIPLES):
            chunk = triples[i : i + CHUNK_TRIPLES]
            resp = self._request("POST", _graph_url(self.url, graph), content=_nt(chunk), headers={"Content-Type": NT})
            self._check(resp, f"adding to graph {graph}")
            with self._lock:
                self.report.triples += len(chunk)
        with self._lock:
            if self._known is not None:
                self._known.add(graph)

    # --- GraphWriter ---------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one graph: its own quads replace it; quads of other graphs (the shared graph) are merged."""
        self._stage(quads, {graph})

    def add_documents(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None:
        """Whole new documents: on a server adding and replacing a graph are the same PUT."""
        self._stage(quads, set(graphs))

    def add_nquads(self, data: bytes, graphs: Iterable[str], *, lenient: bool = False, behind: bool = False) -> None:
        """`add_documents` for documents given as N-Quads (`lenient` and `behind` are for the embedded store's loader)."""
        self._stage(ox.parse(data, format=ox.RdfFormat.N_QUADS), set(graphs))

    def settle(self) -> None:
        """The embedded store's `settle`: nothing runs behind here."""

    def change_graph(self, graph: str, lines: bytes, also: bytes = b"") -> None:
        """The embedded store's `change_graph`: on a server the graph is put whole, `also` merged."""
        self._stage(ox.parse(lines + also, format=ox.RdfFormat.N_QUADS), {graph})

    def _stage(self, quads: Iterable[ox.Quad], replaced: set[str]) -> None:
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        for q in quads:
            g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            by_graph[g].append(ox.Triple(q.subject, q.predicate, q.object))
        for g in replaced:
            self._pending[g] = by_graph.pop(g, [])
        for g, triples in by_graph.items():
            if g:
                self._shared[g].update(triples)
        if len(self._pending) >= self.batch_docs:
            self.flush()

    def flush(self) -> None:
        """Send the pending graphs: merged triples first (what documents point to), then the documents."""
        shared, self._shared = self._shared, defaultdict(set)
        pending, self._pending = self._pending, {}
        for g, triples in shared.items():
            self.post_graph(g, sorted(triples, key=str))
        if not pending:
            return
        with ThreadPoolExecutor(max_workers=min(self.workers, len(pending))) as pool:
            for f in [pool.submit(self.put_graph, g, t) for g, t in pending.items()]:
                f.result()

    def remove_graph(self, graph: str) -> None:
        self.flush()
        resp = self._request("DELETE", _graph_url(self.url, graph))
        if resp.status_code not in (404,):
            self._check(resp, f"removing graph {graph}")
        if self._known is not None:
            self._known.discard(graph)

    def has_graph(self, graph: str) -> bool:
        if graph in self._pending:
            return True
        if self._known is None and self.query_url:
            rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
            self._known = {r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode)}
        if self._known is not None:
            return graph in self._known
        resp = self._request("HEAD", _graph_url(self.url, graph))
        return resp.status_code < 300

    def manifest(self) -> dict[str, ManifestEntry]:
        """What was built, read back from the server (empty without a query endpoint: everything is rebuilt)."""
        if not self.query_url:
            return {}
        return manifest_of(self.query(MANIFEST_QUERY))

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
        """Run a query on the server's SPARQL endpoint; answers like `KgStore.query` (solutions, a boolean
        or an iterator of triples). Pending writes are sent first."""
        if not self.query_url:
            raise StoreError("this remote store has no query endpoint", hint="give the SPARQL query URL too (--query-endpoint)")
        self.flush()
        text = with_prefixes(with_values(sparql, bindings or {}))
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        resp = self._request("POST", self.query_url, content=text.encode("utf-8"), headers={"Content-Type": "application/sparql-query", "Accept": accept})
        if resp.status_code == 400:
            raise QueryError(f"the server refused the query: {resp.text.strip()[:300]}")
        self._check(resp, "querying the server")
        ctype = resp.headers.get("content-type", "").split(";")[0].strip()
        if ctype in ("application/n-triples", "text/plain", "text/turtle"):
            fmt = ox.RdfFormat.TURTLE if ctype == "text/turtle" else ox.RdfFormat.N_TRIPLES
            return _Triples(ox.parse(resp.content, format=fmt))
        fmt = ox.QueryResultsFormat.from_media_type(ctype) or ox.QueryResultsFormat.JSON
        return ox.parse_query_results(resp.content, format=fmt)


class _Triples:
    """Triples of a remote CONSTRUCT (an iterator without `variables`, as `kg.query.collect` expects)."""

    def __init__(self, quads: Iterator[ox.Quad]) -> None:
        self._quads = quads

    def __iter__(self) -> Iterator[ox.Triple]:
        return (ox.Triple(q.subject, q.predicate, q.object) for q in self._quads)


def push(
    store: KgStore,
    url: str,
    *,
    batch_docs: int = 200,
    retries: int = 4,
    auth: tuple[str, str] | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 4,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> PushReport:
    """Copy every named graph of the local store to a Graph Store HTTP Protocol server (PUT replaces each).

    The shared graph and the derived graphs go first, then the document graphs in batches of
    `batch_docs`, `workers` requests at a time. A graph the server refuses (4xx) is reported and the
    push goes on; a server that stays unreachable after the retries raises `StoreError`.
    `progress(done, total)` is called after each batch. Graphs on the server that the local store does
    not have are left alone.
    """
    start = time.monotonic()
    remote = RemoteStore(url, auth=auth, batch_docs=batch_docs, retries=retries, workers=workers, sleep=sleep, transport=transport)
    try:
        graphs = sorted(g.value for g in store.raw.named_graphs() if isinstance(g, ox.NamedNode))
        docs = [g for g in graphs if g.startswith(DOC_GRAPH_PREFIX)]
        first = [g for g in graphs if g not in set(docs)]
        first.sort(key=lambda g: g != SHARED_GRAPH)
        total, done = len(graphs), 0
        batches = [[g] for g in first] + [docs[i : i + batch_docs] for i in range(0, len(docs), batch_docs)]
        for batch in batches:
            with ThreadPoolExecutor(max_workers=min(workers, len(batch))) as pool:
                futures = {g: pool.submit(_push_one, remote, store, g) for g in batch}
            for g, f in futures.items():
                problem = f.result()
                if problem:
                    remote.report.failed.append((g, problem))
            done += len(batch)
            if progress:
                progress(done, total)
        default = [ox.Triple(q.subject, q.predicate, q.object) for q in store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        if default:
            resp = remote._request("PUT", _graph_url(url, None), content=_nt(default), headers={"Content-Type": NT})
            remote._check(resp, "writing the default graph")
    finally:
        remote._http.close()
    remote.report.seconds = time.monotonic() - start
    return remote.report


def _push_one(remote: RemoteStore, store: KgStore, graph: str) -> str | None:
    """PUT one graph; the server's refusal (4xx) comes back as a message, transport failures raise."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    try:
        remote.put_graph(graph, triples)
    except StoreError as exc:
        if "failed after" in exc.message:
            raise
        return exc.message
    return None
