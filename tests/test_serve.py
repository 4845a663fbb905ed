"""`kg serve`: the SPARQL 1.1 Protocol endpoint, the named-query routes and the page.

Most tests use Starlette's TestClient; the protocol tests with real clients (SPARQLWrapper, rdflib's
SPARQLStore) run uvicorn on a free loopback port in a thread.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from starlette.testclient import TestClient

import kg.query
import kg.serve
from kg.errors import StoreError
from kg.serve import create_app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "queries" / "graph.trig"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Antwoordpublicatie }"
CONSTRUCT = "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d dcterms:title ?t }"
# about 10^7 solutions on the fixture: seconds of work, well over a tiny time limit, and it ends
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . VALUES ?k { 1 2 3 4 5 6 7 8 9 10 } }"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk built from the query fixture (the server opens it read-only)."""
    from kg.store import KgStore

    path = tmp_path_factory.mktemp("serve") / "store"
    store = KgStore.open(path, create=True)
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.close()  # publishes the snapshot that readers open
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(store_path, timeout_s=20, max_results=5, max_request_bytes=4096, cors_origins=["https://example.org"])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# --- the protocol -------------------------------------------------------------------------------


def test_default_answer_is_sparql_json(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": COUNT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "5"


@pytest.mark.parametrize(
    ("accept", "ctype", "check"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", lambda t: json.loads(t)["head"]["vars"] == ["n"]),
        ("application/sparql-results+xml", "application/sparql-results+xml", lambda t: "<sparql" in t and "<literal" in t),
        ("text/csv", "text/csv", lambda t: list(csv.reader(io.StringIO(t))) == [["n"], ["5"]]),
        ("text/tab-separated-values", "text/tab-separated-values", lambda t: t.splitlines() == ["?n", "5"]),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", lambda t: "<sparql" in t),
        ("*/*", "application/sparql-results+json", lambda t: "bindings" in t),
    ],
)
def test_results_are_negotiated(client: TestClient, accept: str, ctype: str, check) -> None:
    r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    assert check(r.text)


@pytest.mark.parametrize(
    ("accept", "ctype", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_graphs_are_negotiated(store_path: Path, accept: str | None, ctype: str, rdflib_format: str) -> None:
    app = create_app(store_path, max_results=1000)
    with TestClient(app) as c:
        r = c.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    g = rdflib.Graph().parse(data=r.text, format=rdflib_format)
    assert len(g) == 8  # the titles of the fixture's eight publications


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": COUNT, "format": "csv"}, headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("text/csv")
    assert client.get("/sparql", params={"query": COUNT, "format": "pdf"}).status_code == 400


def test_post_form_and_post_direct(client: TestClient) -> None:
    r = client.post("/sparql", data={"query": COUNT})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "5"
    r = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "5"
    r = client.post("/sparql", content=COUNT, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX ex: <http://example.org/>\n# a comment\ndelete where { ?s ?p ?o }",
        "DROP ALL",
        "CLEAR DEFAULT",
        "LOAD <http://example.org/data.ttl>",
        "CREATE GRAPH <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "\\u0044ROP ALL",
    ],
)
def test_updates_are_refused_with_403(client: TestClient, update: str) -> None:
    r = client.get("/sparql", params={"query": update})
    assert r.status_code == 403 and "read-only" in r.text
    assert client.post("/sparql", data={"query": update}).status_code == 403
    assert client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}).status_code == 403


def test_the_update_operation_is_refused(client: TestClient) -> None:
    assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
    assert client.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert client.get("/sparql", params={"query": COUNT}).json()["results"]["bindings"][0]["n"]["value"] == "5"


def test_malformed_query_is_400_with_the_parsers_message(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "malformed SPARQL" in r.text and "error at 1:" in r.text
    assert "Traceback" not in r.text


def test_missing_query_and_dataset_parameters_are_400(client: TestClient) -> None:
    assert client.get("/sparql").status_code == 400
    r = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "urn:g"})
    assert r.status_code == 400 and "union" in r.text


def test_service_is_refused_unless_enabled(client: TestClient, store_path: Path) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 403 and "SERVICE" in r.text
    # a variable or a prefixed name called "service" is not a SERVICE clause
    assert client.get("/sparql", params={"query": "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1"}).status_code == 200
    app = create_app(store_path, allow_service=True)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 200


def test_results_are_truncated_at_the_limit_and_say_so(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 5
    assert r.headers["x-kg-truncated"] == "true" and r.headers["x-kg-result-limit"] == "5"
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"})
    assert "x-kg-truncated" not in r.headers and r.headers["x-kg-result-limit"] == "5"


def test_request_size_limits(client: TestClient) -> None:
    big = COUNT + " #" + "x" * 5000
    r = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert client.get("/sparql", params={"query": big}).status_code == 414


def test_cors_for_configured_origins_only(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "https://example.org"
    r = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    r = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert r.status_code == 200


def test_a_query_over_the_time_limit_is_503_and_the_server_stays_usable(store_path: Path) -> None:
    app = create_app(store_path, timeout_s=0.2, workers=2)
    with TestClient(app, raise_server_exceptions=False) as c:
        t0 = time.monotonic()
        r = c.get("/sparql", params={"query": HEAVY})
        assert r.status_code == 503 and "time limit of 0.2 s" in r.text
        assert time.monotonic() - t0 < 3
        assert c.get("/sparql", params={"query": COUNT}).status_code == 200  # the other worker


def test_when_every_worker_is_busy_a_query_is_refused_at_once(store_path: Path) -> None:
    app = create_app(store_path, timeout_s=0.2, workers=1)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/sparql", params={"query": HEAVY}).status_code == 503  # still evaluating in its thread
        r = c.get("/sparql", params={"query": COUNT})
        assert r.status_code == 503 and "busy" in r.text and r.headers["retry-after"]


def test_no_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store"):
        create_app(tmp_path / "none")


# --- the named queries ---------------------------------------------------------------------------


def test_named_queries_are_listed(client: TestClient) -> None:
    r = client.get("/queries")
    assert r.status_code == 200
    listed = {q["name"]: q for q in r.json()}
    assert len(listed) >= 12 and listed["questions-per-member"]["params"][0]["name"] == "mp"
    assert listed["publication"]["form"] == "CONSTRUCT"


def test_a_named_query_runs_with_parameters(store_path: Path) -> None:
    app = create_app(store_path)
    with TestClient(app) as c:
        r = c.get("/queries/questions-per-member", params={"mp": "dijk"}, headers={"Accept": "text/csv"})
        assert r.status_code == 200
        assert r.text.splitlines()[1].startswith("Van Dijk,SP,5,7,")
        r = c.get("/queries/publication", params={"doc": "ah-tk-20232024-2100", "format": "nt"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
        assert len(rdflib.Graph().parse(data=r.text, format="nt")) > 40
        r = c.get("/queries/questions-per-member", params={"mp": 'x") } } DROP ALL #'})
        assert r.status_code == 200 and r.json()["results"]["bindings"] == []


def test_a_named_query_answers_page_by_page(client: TestClient) -> None:
    """`limit`/`offset` give one page; a `Link: rel="next"` header says where the next one is. The
    server's row limit (5 here) still holds, and then the answer says it was truncated."""
    whole = [r for r in client.get("/queries/who-asks-whom", params={"format": "csv"}).text.splitlines()[1:]]
    got, url = [], "/queries/who-asks-whom?format=csv&limit=2"
    while url:
        r = client.get(url)
        assert r.status_code == 200 and "X-KG-Truncated" not in r.headers
        got += r.text.splitlines()[1:]
        url = r.headers.get("Link", "").partition(">")[0].removeprefix("<").replace("http://testserver", "")
    assert got[:5] == whole and len(got) == 8  # the whole result is cut at the server's 5 rows; the pages are not
    r = client.get("/queries/entity-timeline", params={"entity": "rivm", "limit": "1", "offset": "1", "format": "csv"})
    assert r.status_code == 200 and len(r.text.splitlines()) == 2 and "ah-tk-20232024-2001" in r.text
    r = client.get("/queries/who-asks-whom", params={"limit": "50"})  # 8 rows
    assert r.headers.get("X-KG-Truncated") == "true" and len(r.json()["results"]["bindings"]) == 5
    for bad in ("-1", "²", "1.5"):
        r = client.get("/queries/questions-per-member", params={"limit": bad})
        assert r.status_code == 400 and "limit must be a whole number" in r.text
    r = client.get("/queries/who-asks-whom", params={"limit": "0"})
    assert r.status_code == 200 and "Link" not in r.headers and r.json()["results"]["bindings"] == []


def test_a_page_tells_the_query_how_many_rows_it_needs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `kg query --limit` does: `?upToPage` lets a list cut at its page marks (kg/pagemarks.py)."""
    bound: list[dict[str, ox.Literal]] = []
    real = kg.query.page_end
    monkeypatch.setattr(kg.query, "page_end", lambda *a: bound.append(real(*a)) or bound[-1])
    r = client.get("/queries/entity-timeline", params={"entity": "rivm", "limit": "1", "offset": "1", "format": "csv"})
    assert r.status_code == 200 and [b["upToPage"].value for b in bound] == ["3"]


def test_named_query_errors(client: TestClient) -> None:
    assert client.get("/queries/no-such-query").status_code == 404
    r = client.get("/queries/questions-per-member", params={"nope": "1"})
    assert r.status_code == 400 and "has no parameter nope" in r.text
    r = client.get("/queries/entity-timeline")
    assert r.status_code == 400 and "needs --param entity" in r.text
    r = client.get("/queries/response-times", params={"days_min": "many"})
    assert r.status_code == 400 and "not a valid int" in r.text


def test_the_page_lists_the_named_queries_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "questions-per-member" in r.text and 'href="/queries/response-times?' in r.text
    assert "<script src" not in r.text and "<link" not in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]


# --- real clients over a real socket -------------------------------------------------------------


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store_path, timeout_s=0.3, workers=2, max_results=1000)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/sparql"
    srv.should_exit = True
    thread.join(timeout=10)


def test_sparqlwrapper_json_and_xml(server: str) -> None:
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    sw = SPARQLWrapper(server)
    sw.setQuery("PREFIX kg: <https://w3id.org/kg-kamervragen/def#> " + COUNT)
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["results"]["bindings"][0]["n"]["value"] == "5"
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == "5"


def test_sparqlwrapper_construct_and_post(server: str) -> None:
    from SPARQLWrapper import POST, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server)
    sw.setMethod(POST)
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 8


def test_sparqlwrapper_sees_the_refusals(server: str) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(server)
    sw.setReturnFormat(JSON)
    sw.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed, match="malformed SPARQL"):
        sw.query()
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # sent as the protocol's update operation
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 403
    sw = SPARQLWrapper(server)
    sw.setReturnFormat(JSON)
    sw.setQuery(HEAVY)
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 503


def test_rdflib_sparqlstore(server: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(query_endpoint=server, returnFormat="xml"))
    rows = list(g.query("PREFIX kg: <https://w3id.org/kg-kamervragen/def#> SELECT ?d WHERE { ?d a kg:Mededeling } ORDER BY ?d"))
    assert [str(r[0]).rsplit("/", 1)[-1] for r in rows] == ["ah-tk-20222023-1002", "ah-tk-20232024-2100"]
    res = g.query("PREFIX dcterms: <http://purl.org/dc/terms/> " + CONSTRUCT)
    assert len(res.graph) == 8
    with pytest.raises(Exception, match="formulating either the URI or your SPARQL query"):  # rdflib's words for a 400
        list(g.query("SELECT ?x WHERE { ?x ?y }"))


def test_plain_http_client_sees_json_errors_as_text(server: str) -> None:
    r = httpx.get(server, params={"query": "DROP ALL"})
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/plain")
