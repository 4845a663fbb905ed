"""Remote stores: push to a real Oxigraph server (SPARQL 1.1 Graph Store HTTP Protocol), build into it, query it.

Each test that needs a server starts `oxigraph serve` (PyPI `oxigraph`) on a free loopback port with
its own folder, and stops it afterwards. Retries, backoff and authentication are tested against a
fake server (httpx.MockTransport).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.errors import StoreError
from kg.pagemarks import PAGES_GRAPH
from kg.query import bind, named_query, run_sparql
from kg.remote import RemoteStore, push, with_prefixes
from kg.store import KgStore

from .test_queries import case_params, case_query, expected_cases, fixture_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI oxigraph) is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server on a free loopback port (default graph = union of the graphs, like the embedded store)."""
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            pytest.fail("the oxigraph server did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def remote_graphs(base: str) -> set[str]:
    r = httpx.post(f"{base}/query", content="SELECT DISTINCT ?g WHERE { GRAPH ?g {} }", headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    return {b["g"]["value"] for b in r.json()["results"]["bindings"]}


def remote_graph(base: str, graph: str) -> rdflib.Graph:
    r = httpx.get(f"{base}/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    return rdflib.Graph().parse(data=r.text, format="nt")


def local_graph(store: KgStore, graph: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=store.dump(ox.RdfFormat.N_TRIPLES, graph=graph).decode(), format="nt")


def local_graphs(store: KgStore) -> set[str]:
    return {g.value for g in store.raw.named_graphs() if isinstance(g, ox.NamedNode)}


def assert_same_dataset(store: KgStore, base: str, but: frozenset[str] = frozenset()) -> None:
    graphs = local_graphs(store)
    assert remote_graphs(base) == graphs
    for g in sorted(graphs - but):
        assert isomorphic(remote_graph(base, g), local_graph(store, g)), g


@needs_oxigraph
def test_push_makes_the_servers_dataset_isomorphic_to_the_store(oxigraph_server: str) -> None:
    store = fixture_store()
    seen: list[tuple[int, int]] = []
    report = push(store, f"{oxigraph_server}/store", batch_docs=3, progress=lambda done, total: seen.append((done, total)))
    assert report.failed == [] and report.retries == 0
    assert report.graphs == len(local_graphs(store)) == 11
    assert report.triples == len(store)
    assert seen[-1] == (11, 11) and len(seen) == 3 + 3  # the shared, cases and summary graphs one by one, then 8 documents in batches of 3
    assert_same_dataset(store, oxigraph_server)


@needs_oxigraph
def test_pushing_again_replaces_each_graph(oxigraph_server: str) -> None:
    store = fixture_store()
    push(store, f"{oxigraph_server}/store")
    doc = "https://w3id.org/kg-kamervragen/id/graph/doc/ah-tk-20222023-1001"
    kept = [q for q in store.quads(doc) if "vermelding" not in q.subject.value]
    store.replace_graph(doc, kept)  # the document lost its mentions
    report = push(store, f"{oxigraph_server}/store")
    assert report.failed == []
    assert_same_dataset(store, oxigraph_server)
    assert len(remote_graph(oxigraph_server, doc)) == len(kept)


def normalised(rows: list[list]) -> list[list]:
    """Rows with the parts of GROUP_CONCAT lists sorted: SPARQL leaves their order to the engine."""
    out = []
    for row in rows:
        cells = []
        for t in row:
            if isinstance(t, ox.Literal) and ", " in t.value:
                cells.append((", ".join(sorted(t.value.split(", "))), t.datatype.value, t.language))
            else:
                cells.append(t)
        out.append(cells)
    return out


@needs_oxigraph
def test_every_named_query_gives_the_same_result_on_the_server(oxigraph_server: str) -> None:
    store = fixture_store()
    push(store, f"{oxigraph_server}/store")
    with RemoteStore.oxigraph(oxigraph_server) as remote:
        for path in expected_cases():
            q = named_query(case_query(path))
            bindings = bind(q, case_params(path))
            here, there = run_sparql(store, q.sparql, bindings), run_sparql(remote, q.sparql, bindings)
            assert here.form == there.form, path.name
            if here.form == "CONSTRUCT":
                to_graph = lambda r: rdflib.Graph().parse(data=ox.serialize(r.triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")  # noqa: E731
                assert isomorphic(to_graph(here), to_graph(there)), path.name
            else:
                assert here.variables == there.variables, path.name
                assert normalised(here.rows) == normalised(there.rows), path.name


@needs_oxigraph
def test_build_into_the_server_equals_a_local_build(oxigraph_server: str, tmp_path: Path) -> None:
    from kg.build import build

    now = lambda: dt.datetime(2024, 12, 1, 10, 0, tzinfo=dt.UTC)  # noqa: E731
    local = KgStore.memory()
    if build([EXAMPLES], local, jobs=1, now=now).failed:
        pytest.skip("the examples do not build locally right now (see tests/test_cli.py)")
    with RemoteStore.oxigraph(oxigraph_server, batch_docs=2) as remote:
        report = build([EXAMPLES], remote, jobs=1, now=now)
        assert report.failed == 0 and report.built == local.count_documents()
    assert_same_dataset(local, oxigraph_server)
    with RemoteStore.oxigraph(oxigraph_server) as remote:  # the manifest is read back: nothing to rebuild
        again = build([EXAMPLES], remote, jobs=1, now=now)
    assert again.built == 0 and again.skipped == report.built


@needs_oxigraph
def test_a_changed_document_built_into_the_server_again_as_into_a_local_store(oxigraph_server: str, tmp_path: Path) -> None:
    from kg.build import build

    now = lambda: dt.datetime(2024, 12, 1, 10, 0, tzinfo=dt.UTC)  # noqa: E731
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src)
    local = KgStore.memory()
    if build([src], local, jobs=1, now=now).failed:
        pytest.skip("the examples do not build locally right now (see tests/test_cli.py)")
    with RemoteStore.oxigraph(oxigraph_server) as remote:
        build([src], remote, jobs=1, now=now)
    answer = src / "ah-tk-20232024-9001.txt"
    answer.write_text(answer.read_text().replace("wachttijd", "wachtlijst"))
    assert build([src], local, jobs=1, now=now).built == 1
    with RemoteStore.oxigraph(oxigraph_server) as remote:  # the cases and summaries derived again on the server
        assert build([src], remote, jobs=1, now=now).built == 1
    # the page marks differ in their bookkeeping alone: a remote store counts them again instead of counting replacements
    assert_same_dataset(local, oxigraph_server, but=frozenset({PAGES_GRAPH}))
    marks = [g for g in (remote_graph(oxigraph_server, PAGES_GRAPH), local_graph(local, PAGES_GRAPH))]
    for g in marks:
        g.remove((rdflib.URIRef(PAGES_GRAPH), None, None))  # the counts
    assert isomorphic(*marks)


@needs_oxigraph
def test_remote_query_errors(oxigraph_server: str) -> None:
    from kg.errors import QueryError

    with RemoteStore.oxigraph(oxigraph_server) as remote:
        with pytest.raises(QueryError, match="refused the query"):
            remote.query("SELEKT nothing")
        assert bool(remote.query("ASK { }")) is True
    with pytest.raises(StoreError, match="no query endpoint"), RemoteStore(f"{oxigraph_server}/store") as remote:
        remote.query("ASK {}")


# --- retries, backoff, refusals and authentication, against a fake server ---------------------


class FakeServer:
    """Answers with the given statuses in turn (then 204), recording requests."""

    def __init__(self, *statuses: int, retry_after: str | None = None) -> None:
        self.statuses = list(statuses)
        self.requests: list[httpx.Request] = []
        self.retry_after = retry_after

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status = self.statuses.pop(0) if self.statuses else 204
        headers = {"Retry-After": self.retry_after} if self.retry_after and status in (429, 503) else {}
        return httpx.Response(status, text="" if status < 400 else f"status {status}", headers=headers)


def test_transient_failures_are_retried_with_growing_backoff() -> None:
    server, sleeps = FakeServer(503, 502, 429), []
    store = fixture_store()
    report = push(store, "http://fake/store", transport=httpx.MockTransport(server), sleep=sleeps.append, workers=1)
    assert report.failed == [] and report.retries == 3
    assert len(sleeps) == 3 and sleeps[0] < sleeps[1] < sleeps[2]
    assert all(r.method == "PUT" and r.headers["content-type"] == "application/n-triples" for r in server.requests)
    assert report.requests == len(server.requests) == report.graphs + 3


def test_retry_after_is_honoured() -> None:
    server, sleeps = FakeServer(429, retry_after="7"), []
    push(fixture_store(), "http://fake/store", transport=httpx.MockTransport(server), sleep=sleeps.append, workers=1)
    assert sleeps == [7.0]


def test_a_refused_graph_is_reported_and_the_push_goes_on() -> None:
    server = FakeServer(204, 400)
    report = push(fixture_store(), "http://fake/store", transport=httpx.MockTransport(server), sleep=lambda s: None, workers=1)
    assert len(report.failed) == 1 and "HTTP 400" in report.failed[0][1]
    assert report.graphs == 10 and report.retries == 0


def test_an_unreachable_server_is_a_store_error() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(StoreError, match="failed after 3 attempts"):
        push(fixture_store(), "http://fake/store", retries=2, transport=httpx.MockTransport(down), sleep=lambda s: None)


@pytest.mark.parametrize(("auth", "header"), [(("kg", "secret"), "Basic a2c6c2VjcmV0"), ("Bearer t0ken", "Bearer t0ken")])
def test_authentication_is_sent(auth: tuple[str, str] | str, header: str) -> None:
    server = FakeServer()
    push(fixture_store(), "http://fake/store", auth=auth, transport=httpx.MockTransport(server))
    assert {r.headers.get("authorization") for r in server.requests} == {header}


def test_graph_names_are_sent_as_the_graph_parameter() -> None:
    server = FakeServer()
    push(fixture_store(), "http://fake/store", transport=httpx.MockTransport(server))
    graphs = {r.url.params["graph"] for r in server.requests}
    assert "https://w3id.org/kg-kamervragen/id/graph/gedeeld" in graphs and len(graphs) == 11


def test_remote_writes_are_batched_and_shared_triples_merged() -> None:
    server = FakeServer()
    doc = fixture_store()
    with RemoteStore("http://fake/store", batch_docs=4, transport=httpx.MockTransport(server)) as remote:
        for g in sorted(doc.document_graphs())[:3]:
            remote.add_documents(doc.quads(g), [g])
        assert server.requests == []  # not yet a batch
        shared = [ox.Quad(ox.NamedNode("https://w3id.org/x"), ox.NamedNode("https://w3id.org/p"), ox.Literal("1"), ox.NamedNode("https://w3id.org/kg-kamervragen/id/graph/gedeeld"))]
        g4 = sorted(doc.document_graphs())[3]
        remote.replace_graph(g4, [*doc.quads(g4), *shared])
        assert [r.method for r in server.requests] == ["POST"] + ["PUT"] * 4  # the merged triples first
    assert server.requests[0].url.params["graph"].endswith("/gedeeld")


def test_remote_documents_given_as_nquads_are_staged_as_their_quads() -> None:
    server = FakeServer()
    doc = fixture_store()
    g = sorted(doc.document_graphs())[0]
    with RemoteStore("http://fake/store", batch_docs=1, transport=httpx.MockTransport(server)) as remote:
        remote.add_nquads(ox.serialize(list(doc.quads(g)), format=ox.RdfFormat.N_QUADS), [g])
    assert [(r.method, r.url.params["graph"]) for r in server.requests] == [("PUT", g)]


def test_with_prefixes_keeps_the_querys_own() -> None:
    text = with_prefixes("PREFIX kg: <urn:mine#>\nSELECT * { ?s kg:p ?o }")
    assert "<urn:mine#>" in text and text.count("PREFIX kg:") == 1 and "PREFIX rdfs:" in text
    assert json.dumps(text)  # plain text
