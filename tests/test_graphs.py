"""Projections (networkx from SPARQL) and graph writers, on the hand-made corpus in tests/fixtures/graphs/."""

from __future__ import annotations

import csv
import errno
import importlib.util
import io
import json
import os
import re
import stat
import threading
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pyoxigraph as ox
import pytest

import kg.graphs.writers
from kg.errors import UsageError
from kg.graphs import FORMATS, PROJECTIONS, Filters, dumps, export_graph, project, write_graph
from kg.graphs.writers import LIST_SEP, csv_paths, format_for
from kg.store import KgStore

FIXTURES = Path(__file__).parent / "fixtures" / "graphs"
ID = "https://w3id.org/kg-kamervragen/id/"
DE_VRIES = ID + "persoon/tk-0a1b2c3d-0000-4000-8000-000000000001"
JANSEN, BAKKER, VISSER = ID + "persoon/jansen", ID + "persoon/bakker", ID + "persoon/visser"
MIN_JV = ID + "ambt/minister/justitie-en-veiligheid"
STAS_VWS = ID + "ambt/staatssecretaris/volksgezondheid-welzijn-en-sport"
RVDK, IGJ, JEUGDWET = ID + "organisatie/rvdk", ID + "organisatie/igj", ID + "wet/bwbr0034925"


def load_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("graphs_corpus", FIXTURES / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def store() -> KgStore:
    return load_corpus().store()


def labelled_edges(g: nx.Graph) -> set[tuple[str, str, int]]:
    lab = {n: d["label"] for n, d in g.nodes(data=True)}
    out = set()
    for u, v, d in g.edges(data=True):
        a, b = (lab[u], lab[v]) if g.is_directed() else tuple(sorted((lab[u], lab[v])))
        out.add((a, b, d["weight"]))
    return out


# --- projections -------------------------------------------------------------------------------


def test_co_asking(store: KgStore) -> None:
    g = project(store, "co-asking")
    assert type(g) is nx.Graph
    assert labelled_edges(g) == {("De Vries", "Jansen", 2), ("Bakker", "De Vries", 1), ("Bakker", "Visser", 1)}
    assert g.edges[DE_VRIES, JANSEN]["document_ids"] == ["ah-tk-20222023-101", "ah-tk-20232024-201"]
    assert g.edges[DE_VRIES, JANSEN]["relation"] == "co-asking"
    assert {n: d["documents"] for n, d in g.nodes(data=True)} == {DE_VRIES: 3, JANSEN: 2, BAKKER: 2, VISSER: 2}


def test_member_office_weights_and_answerers(store: KgStore) -> None:
    g = project(store, "member-office")
    assert type(g) is nx.DiGraph
    assert g.edges[DE_VRIES, MIN_JV]["weight"] == 2
    assert g.edges[BAKKER, STAS_VWS]["document_ids"] == ["ah-tk-20222023-102"]
    assert not g.has_edge(MIN_JV, DE_VRIES)
    assert g.number_of_edges() == 10
    assert g.nodes[STAS_VWS]["answered_by"] == ["Mulder"]
    assert g.nodes[MIN_JV]["ministry"] == "Ministerie van Justitie en Veiligheid"
    assert g.nodes[MIN_JV]["role"] == "Minister"
    assert g.nodes[ID + "ambt/minister/rechtsbescherming"]["ministry"] == "Ministerie van Justitie en Veiligheid"


def test_node_attributes(store: KgStore) -> None:
    g = project(store, "member-office")
    d = g.nodes[DE_VRIES]
    assert (d["type"], d["label"], d["party"], d["parties"]) == ("Persoon", "De Vries", "PvdA", ["PvdA"])
    assert d["wikidata"] == "http://www.wikidata.org/entity/Q900001"
    assert d["tweedekamer"].endswith("Persoon(0a1b2c3d-0000-4000-8000-000000000001)")
    assert len(d["same_as"]) == 2
    assert "wikidata" not in g.nodes[BAKKER]
    assert g.nodes[MIN_JV]["type"] == "Ambt"


def test_document_entity_is_bipartite_with_mention_counts(store: KgStore) -> None:
    g = project(store, "document-entity")
    doc101 = ID + "doc/ah-tk-20222023-101"
    assert g.edges[doc101, JEUGDWET]["weight"] == 2  # question 1 and answer 1
    assert g.edges[doc101, RVDK]["weight"] == 1
    sides = nx.get_node_attributes(g, "bipartite")
    assert {n for n, s in sides.items() if s == 0} == {ID + "doc/" + i for i in ("ah-tk-20222023-101", "ah-tk-20222023-102", "ah-tk-20232024-202", "kv-tk-2024Z00001")}
    assert nx.is_bipartite(g)
    d = g.nodes[doc101]
    assert (d["type"], d["label"], d["submitted"], d["received"]) == ("Antwoordpublicatie", "ah-tk-20222023-101", "2023-01-10", "2023-01-25")
    assert d["officielebekendmakingen"] == "https://zoek.officielebekendmakingen.nl/ah-tk-20222023-101.html"
    assert g.nodes[RVDK]["wikidata"] == "http://www.wikidata.org/entity/Q900101"
    assert g.nodes[JEUGDWET]["wetten"] == "https://wetten.overheid.nl/BWBR0034925"
    assert g.nodes[RVDK]["documents"] == 3


def test_co_mention(store: KgStore) -> None:
    g = project(store, "co-mention")
    assert g.edges[RVDK, JEUGDWET]["weight"] == 2
    assert g.edges[IGJ, JEUGDWET]["document_ids"] == ["ah-tk-20222023-102", "ah-tk-20232024-202"]
    assert g.number_of_edges() == 8
    assert g.nodes[JEUGDWET]["documents"] == 3


@pytest.mark.parametrize(
    "filters", [{}, {"min_weight": 2}, {"entity_types": ["Organisation", "Law"]}, {"ministry": "justitie"}, {"date_from": "2024-01-01"}]
)
def test_co_mention_pairs_what_a_sparql_pairing_gives(store: KgStore, filters: dict[str, Any]) -> None:
    """Paired in Python, each publication's entities give the edges that pairing them in SPARQL gives."""
    from kg.graphs.projections import _edge_query, _entity_types, _grouped, document_scope

    f = Filters.parse(**filters)
    s = document_scope(f)
    pattern = f"GRAPH ?_g {{ ?_g dcterms:subject ?doc . ?doc kg:vermeldt ?a , ?b }} FILTER (STR(?a) < STR(?b)) {_entity_types(f, '?a')} {_entity_types(f, '?b')}"
    want = sorted(_grouped(store, _edge_query(pattern, s, f.min_weight), "co-mention"))
    assert sorted(PROJECTIONS["co-mention"](store, f, s).edges) == want
    assert want or filters


def test_ministry_organisation(store: KgStore) -> None:
    g = project(store, "ministry-organisation")
    jv, vws = ID + "ministerie/justitie-en-veiligheid", ID + "ministerie/volksgezondheid-welzijn-en-sport"
    assert g.edges[jv, RVDK]["weight"] == 2  # answered by, and on behalf of, the minister of J&V
    assert g.edges[vws, IGJ]["weight"] == 2
    assert g.number_of_edges() == 4
    assert nx.get_node_attributes(g, "bipartite")[jv] == 0
    assert ID + "organisatie/coa" not in g  # mentioned in questions only


def test_entity_graph(store: KgStore) -> None:
    g = project(store, "entities")
    assert type(g) is nx.MultiDiGraph
    doc102 = ID + "doc/ah-tk-20222023-102"
    assert set(g[doc102][MIN_JV]) == {"gerichtAan", "medeNamens"}
    assert g.edges[DE_VRIES, ID + "fractie/pvda", "fractie"]["weight"] == 3
    assert g.edges[MIN_JV, ID + "ministerie/justitie-en-veiligheid", "postIn"]["weight"] == 2
    assert g.has_edge(ID + "verdragsartikel/ivrk-3", ID + "verdrag/ivrk", "verdrag")
    assert g.has_edge(ID + "doc/kv-tk-2024Z00001", ID + "zaak/2024Z00001", "zaak")
    assert g.nodes[ID + "persoon/mulder"]["ministry"] == "Ministerie van Volksgezondheid, Welzijn en Sport"
    types = nx.get_node_attributes(g, "type")
    assert types[ID + "doc/ah-tk-20232024-201"] == "Mededeling"
    assert types[ID + "doc/kv-tk-2024Z00001"] == "Vragenpublicatie"
    assert all(g.degree(n) > 0 for n in g)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"ministry": "justitie"}, {("De Vries", "Jansen", 2), ("Bakker", "De Vries", 1)}),
        ({"party": "SP"}, {("Bakker", "De Vries", 1), ("Bakker", "Visser", 1)}),
        ({"date_from": "2024-01-01"}, {("Bakker", "Visser", 1)}),
        ({"date_to": "2023-06-30"}, {("De Vries", "Jansen", 1), ("Bakker", "De Vries", 1)}),
        ({"min_weight": 2}, {("De Vries", "Jansen", 2)}),
        ({"party": "VVD", "date_from": "2023-06-01"}, {("De Vries", "Jansen", 1)}),
        ({"party": "CDA"}, set()),
    ],
)
def test_filters(store: KgStore, filters: dict[str, Any], expected: set) -> None:
    g = project(store, "co-asking", Filters.parse(**filters))
    assert labelled_edges(g) == expected
    assert g.graph["filters"] == Filters.parse(**filters).describe()


def test_entity_type_filter(store: KgStore) -> None:
    g = project(store, "co-mention", Filters.parse(entity_types=["Organisation"]))
    assert {d["type"] for _, d in g.nodes(data=True)} == {"Organisatie"}
    g = project(store, "entities", Filters.parse(entity_types=["wet"]))
    entity_types = {d["type"] for _, d in g.nodes(data=True)} & {"Organisatie", "Rapport", "Verdragsartikel", "Verdrag", "Wet"}
    assert entity_types == {"Wet"}
    assert project(store, "ministry-organisation", Filters.parse(entity_types=["Law"])).number_of_nodes() == 0


def test_quoting_in_filters_cannot_change_the_query(store: KgStore) -> None:
    before = len(store)
    g = project(store, "co-asking", Filters.parse(ministry='x")) } } DELETE WHERE { ?s ?p ?o } #', party="a> } DROP ALL #"))
    assert g.number_of_nodes() == 0
    assert len(store) == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date_from": "2024-13-01"}, "not a date"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "empty"),
        ({"entity_types": ["Planet"]}, "unknown entity type"),
        ({"min_weight": 0}, "below 1"),
    ],
)
def test_bad_filters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Filters.parse(**kwargs)


def test_unknown_projection(store: KgStore) -> None:
    with pytest.raises(UsageError, match="unknown projection"):
        project(store, "friends")


@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_empty_store_gives_empty_graphs(name: str, tmp_path: Path) -> None:
    g = project(KgStore.memory(), name)
    assert g.number_of_nodes() == 0
    for fmt in FORMATS:
        assert write_graph(g, fmt, tmp_path / f"empty.{fmt}")


def test_stable_order(store: KgStore) -> None:
    a, b = project(store, "entities"), project(store, "entities")
    assert list(a.nodes) == sorted(a.nodes) == list(b.nodes)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))


# --- writers: every file is read back with the same nodes, edges and attributes -----------------


def comparable(value: Any) -> Any:
    """What a list attribute becomes in formats without lists."""
    return LIST_SEP.join(map(str, value)) if isinstance(value, list) else value


def assert_same(g: nx.Graph, h: nx.Graph, *, lists_joined: bool, ignore: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    assert set(h.nodes) == set(g.nodes)
    assert g.is_directed() == h.is_directed()
    for n, d in g.nodes(data=True):
        got = {k: v for k, v in h.nodes[n].items() if k not in ignore}
        want = {k: (comparable(v) if lists_joined else v) for k, v in d.items()}
        assert got == want, n

    def edges(x: nx.Graph) -> dict[tuple, dict]:
        out = {}
        for u, v, d in x.edges(data=True):
            dd = {k: val for k, val in d.items() if k not in ignore}
            key = (u, v, dd.get("relation")) if x.is_directed() else (*sorted((u, v)), dd.get("relation"))
            out[key] = dd
        return out

    ge, he = edges(g), edges(h)
    assert set(he) == set(ge)
    for k, d in ge.items():
        want = {kk: (comparable(v) if lists_joined else v) for kk, v in d.items()}
        got = dict(he[k])
        if "weight" in got:
            got["weight"] = int(got["weight"]) if float(got["weight"]).is_integer() else got["weight"]
        assert got == want, k


GRAPHS = ["entities", "co-asking", "member-office", "document-entity"]


@pytest.mark.parametrize("name", GRAPHS)
def test_graphml_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    [path] = write_graph(g, "graphml", tmp_path / "g.graphml")
    h = nx.read_graphml(path, force_multigraph=g.is_multigraph())
    assert_same(g, h, lists_joined=True, ignore={"id", "key"})
    assert h.graph["projection"] == name


@pytest.mark.parametrize("name", GRAPHS)
def test_gexf_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    [path] = write_graph(g, None, tmp_path / "g.gexf")
    h = nx.read_gexf(path)
    assert_same(g, h, lists_joined=True, ignore={"id", "key"})
    text = path.read_text(encoding="utf-8")
    assert 'title="documents" type="long"' in text  # typed attributes for Gephi
    assert 'title="document_ids" type="string"' in text


@pytest.mark.parametrize("name", GRAPHS)
def test_cytoscape_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    [path] = write_graph(g, "cytoscape", tmp_path / "g.cyjs")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= set(data["elements"])
    assert all("label" in n["data"] and "name" in n["data"] for n in data["elements"]["nodes"])
    h = nx.cytoscape_graph(data)
    assert_same(g, h, lists_joined=False, ignore={"id", "value", "name", "source", "target", "key"})


@pytest.mark.parametrize("name", GRAPHS)
def test_d3_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    [path] = write_graph(g, "d3", tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "links" in data and all("source" in e and "target" in e for e in data["links"])
    h = nx.node_link_graph(data, edges="links")
    assert_same(g, h, lists_joined=False, ignore={"key"})


def to_write(store: KgStore, name: str) -> nx.Graph:
    """A projection of the fixture store, or ("multi") a small directed multigraph with mixed values."""
    if name != "multi":
        return project(store, name)
    g = nx.MultiDiGraph(projection="test", count=2)
    g.add_edge("a", "b", weight=2.5, relation="r", document_ids=["d1", "d2"], ok=True)
    g.add_edge("a", "b", weight=1, relation="s", missing=None)
    g.add_node("c", label="Ç", documents=3)
    return g


def gexf_content(data: bytes) -> tuple[set, list, list]:
    """A GEXF file's attribute declarations, nodes and edges, with values by title (not by id)."""
    root = ElementTree.fromstring(data)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    titles = {(a.get("id"), a.get("title")): a.get("type") for a in root.iterfind(".//g:attribute", ns)}
    by_id = {i: t for i, t in titles}

    def values(el: ElementTree.Element) -> dict[str, str]:
        return {by_id[v.get("for")]: v.get("value") for v in el.iterfind("g:attvalues/g:attvalue", ns)}

    declared = {(t, kind) for (_, t), kind in titles.items()}
    nodes = [(n.get("id"), n.get("label"), values(n)) for n in root.iterfind(".//g:node", ns)]
    edges = [(e.get("id"), e.get("source"), e.get("target"), e.get("weight"), values(e)) for e in root.iterfind(".//g:edge", ns)]
    return declared, nodes, edges


@pytest.mark.parametrize("name", [*GRAPHS, "multi"])
def test_gexf_is_what_networkx_writes(store: KgStore, name: str) -> None:
    """Written element by element, the GEXF holds what networkx's writer (which builds it whole in
    memory) gives: the same declarations, nodes, edges and values, in the same order."""
    g = to_write(store, name)
    buf = io.BytesIO()
    nx.write_gexf(kg.graphs.writers.flat(g), buf, version="1.2draft")
    assert gexf_content(dumps(g, "gexf").encode()) == gexf_content(buf.getvalue())


def graphml_content(data: bytes) -> tuple[set, dict, list, list]:
    """A GraphML file's keys, graph data, nodes and edges, with values by name, scope and type (not by key id)."""
    root = ElementTree.fromstring(data)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iterfind("g:key", ns)}

    def values(el: ElementTree.Element) -> dict[tuple, str | None]:
        return {keys[v.get("key")]: v.text for v in el.iterfind("g:data", ns)}

    graph = root.find("g:graph", ns)
    assert graph is not None
    nodes = [(n.get("id"), values(n)) for n in graph.iterfind("g:node", ns)]
    edges = [(e.get("source"), e.get("target"), e.get("id"), values(e)) for e in graph.iterfind("g:edge", ns)]
    return set(keys.values()), {**values(graph), "edgedefault": graph.get("edgedefault")}, nodes, edges


@pytest.mark.parametrize("name", [*GRAPHS, "multi"])
def test_graphml_is_what_networkx_writes(store: KgStore, name: str) -> None:
    """Written by kg element by element, the GraphML holds what networkx's writer gives."""
    g = to_write(store, name)
    buf = io.BytesIO()
    nx.write_graphml(kg.graphs.writers.flat(g), buf)
    assert graphml_content(dumps(g, "graphml").encode()) == graphml_content(buf.getvalue())


@pytest.mark.parametrize("fmt", FORMATS)
def test_progress_counts_the_nodes_and_edges_written(store: KgStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(kg.graphs.writers, "PROGRESS_EVERY", 50)
    g = project(store, "entities")
    total = g.number_of_nodes() + g.number_of_edges()
    calls: list[tuple[int, int]] = []
    write_graph(g, fmt, tmp_path / f"g.{fmt}", progress=lambda done, all_: calls.append((done, all_)))
    assert calls[-1] == (total, total)
    assert {t for _, t in calls} == {total}
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert [d for d, _ in calls[:-1]] == list(range(50, total + 1, 50))


@pytest.mark.parametrize("name", [*GRAPHS, "multi"])
def test_json_written_line_by_line_is_what_networkx_and_cytoscape_json_give(store: KgStore, name: str) -> None:
    """D3 JSON written element by element is `networkx.node_link_data`; Cytoscape JSON is the object `cytoscape_json` makes."""
    g = to_write(store, name)
    assert json.loads(dumps(g, "d3")) == json.loads(json.dumps(nx.node_link_data(g, edges="links")))
    assert json.loads(dumps(g, "cytoscape")) == json.loads(json.dumps(kg.graphs.writers.cytoscape_json(g)))
    assert json.loads(dumps(nx.Graph(), "d3"))["nodes"] == []


def test_gexf_of_a_graph_with_times_is_networkx_s() -> None:
    """A graph with what networkx writes as more than a value (here a node's start) goes to networkx."""
    g = nx.Graph()
    g.add_node("a", start=1, label="A")
    g.add_edge("a", "b")
    h = nx.read_gexf(io.BytesIO(dumps(g, "gexf").encode()))
    assert h.nodes["a"]["start"] == 1 and h.graph["mode"] == "dynamic"


_DOT_NODE = re.compile(r'^  ("(?:[^"\\]|\\.)*")( \[(.*)\])?;$')
_DOT_EDGE = re.compile(r'^  ("(?:[^"\\]|\\.)*") (->|--) ("(?:[^"\\]|\\.)*")( \[(.*)\])?;$')
_DOT_ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|-?[\d.]+)')


def _dot_value(raw: str) -> Any:
    if raw.startswith('"'):
        return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw[1:-1])
    return int(raw) if re.fullmatch(r"-?\d+", raw) else float(raw)


def read_dot(text: str) -> nx.Graph:
    """A reader for the DOT our writer makes (one statement per line), to check it round-trips."""
    first = text.splitlines()[0]
    g = nx.MultiDiGraph() if first.startswith("digraph") else nx.MultiGraph()
    for line in text.splitlines()[1:-1]:
        if line.startswith("  graph "):
            continue
        if m := _DOT_EDGE.match(line):
            attrs = {k: _dot_value(v) for k, v in _DOT_ATTR.findall(m.group(5) or "")}
            g.add_edge(_dot_value(m.group(1)), _dot_value(m.group(3)), **attrs)
        elif m := _DOT_NODE.match(line):
            g.add_node(_dot_value(m.group(1)), **{k: _dot_value(v) for k, v in _DOT_ATTR.findall(m.group(3) or "")})
        else:
            raise AssertionError(f"unexpected DOT line {line!r}")
    return g


@pytest.mark.parametrize("name", GRAPHS)
def test_dot_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    [path] = write_graph(g, None, tmp_path / "g.dot")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("digraph" if g.is_directed() else "graph")
    assert_same(g, read_dot(text), lists_joined=True)


@pytest.mark.parametrize("name", GRAPHS)
def test_csv_round_trip(store: KgStore, tmp_path: Path, name: str) -> None:
    g = project(store, name)
    nodes_path, edges_path = write_graph(g, "csv", tmp_path / "g.csv")
    assert (nodes_path.name, edges_path.name) == ("g.nodes.csv", "g.edges.csv")
    h = g.__class__()
    with nodes_path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            h.add_node(row.pop("id"), **{k: _typed(v) for k, v in row.items() if v != ""})
    with edges_path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            u, v = row.pop("source"), row.pop("target")
            h.add_edge(u, v, **{k: _typed(val) for k, val in row.items() if val != "" and k != "key"})
    assert_same(g, h, lists_joined=True)


def _typed(value: str) -> Any:
    return int(value) if re.fullmatch(r"-?\d+", value) else value


def test_awkward_text_survives_every_format(tmp_path: Path) -> None:
    g = nx.DiGraph(projection="test")
    label = 'Ministerie "van" <Zaken> & co\\n\nnieuwe regel; a|b'
    g.add_node("http://x/a", label=label, type="Ambt", documents=1)
    g.add_node("http://x/c", label="pagina\x0cvolgende\x00 \ufffe", type="Ambt", documents=1)  # not XML: taken out there
    g.add_node("http://x/b", label="Ω ünïcode", type="Persoon", documents=2)
    g.add_edge("http://x/b", "http://x/a", weight=3, relation="gerichtAan", document_ids=["d1", "d2"])
    [p] = write_graph(g, "graphml", tmp_path / "a.graphml")
    assert nx.read_graphml(p).nodes["http://x/a"]["label"] == label
    assert nx.read_graphml(p).nodes["http://x/c"]["label"] == "paginavolgende "
    [p] = write_graph(g, "gexf", tmp_path / "a.gexf")
    assert nx.read_gexf(p).nodes["http://x/a"]["label"] == label
    assert nx.read_gexf(p).nodes["http://x/c"]["label"] == "paginavolgende "
    [p] = write_graph(g, "d3", tmp_path / "a.json")
    assert json.loads(p.read_text(encoding="utf-8"))["nodes"][0]["label"] == label
    [p] = write_graph(g, "dot", tmp_path / "a.dot")
    assert read_dot(p.read_text(encoding="utf-8")).nodes["http://x/a"]["label"] == label
    nodes_csv, _ = write_graph(g, "csv", tmp_path / "a.csv")
    with nodes_csv.open(encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["label"] == label


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_a_file_holds_what_dumps_gives(store: KgStore, tmp_path: Path, fmt: str) -> None:
    """Written to a file as it is made, or to a string: the same text."""
    g = project(store, "entities")
    [path] = write_graph(g, fmt, tmp_path / f"g.{fmt}")
    assert path.read_text(encoding="utf-8") == dumps(g, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", ["graphml", "d3", "csv"])
def test_an_export_that_fails_leaves_the_older_file(store: KgStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """A failure half-way (here: the disk full after the first bytes) leaves neither a half-written
    file nor a stray part file, and an older export in place (of CSV's two tables, both)."""
    g = project(store, "entities")
    paths = write_graph(g, fmt, tmp_path / "g.out")
    before = {p: p.read_bytes() for p in paths}
    real_open = open

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and str(file).endswith(".part") and (fmt != "csv" or "edges" in str(file)):  # csv: the second table
            real_open(file, mode).close()  # the part file is made, as it would be
            return io.BufferedWriter(Full())
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(kg.graphs.writers, "open", full_open, raising=False)
    with pytest.raises(UsageError, match="No space left"):
        write_graph(project(store, "co-asking"), fmt, tmp_path / "g.out")
    assert {p: p.read_bytes() for p in paths} == before
    assert sorted(tmp_path.iterdir()) == sorted(paths)


def test_an_export_through_a_symlink_keeps_it_and_the_mode_and_a_pipe_is_written_straight(tmp_path: Path) -> None:
    g = nx.path_graph(3)
    real, link = tmp_path / "real.dot", tmp_path / "link.dot"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link.symlink_to(real)
    assert write_graph(g, None, link) == [link]
    assert link.is_symlink() and real.read_text(encoding="utf-8") == dumps(g, "dot")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    if not hasattr(os, "mkfifo"):
        return
    fifo, got = tmp_path / "pipe", []
    os.mkfifo(fifo)
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_graph(g, "dot", fifo)
    reader.join(10)
    assert got == [dumps(g, "dot")] and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_take_what_xml_cannot_hold_out_of_names_and_keep_defaults(fmt: str) -> None:
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    g = nx.Graph()
    g.add_edge("a", "b\x0cc", **{"we\x02ird": 1})
    h = read(io.BytesIO(dumps(g, fmt).encode()))
    assert sorted(h.nodes) == ["a", "bc"] and h.edges["a", "bc"]["weird"] == 1
    d = nx.Graph(node_default={"x": 1})  # written by networkx (kg's writers do not write defaults)
    d.add_node("a", x=2)
    assert read(io.BytesIO(dumps(d, fmt).encode())).nodes["a"]["x"] == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_numpy_numbers_are_written_as_numbers(tmp_path: Path, fmt: str) -> None:
    np = pytest.importorskip("numpy")
    g = nx.Graph()
    g.add_node("a", x=np.float64(1.5), n=np.int64(3))
    g.add_edge("a", "b", weight=np.int32(2))
    paths = write_graph(g, fmt, tmp_path / f"g.{fmt}")
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    assert "np." not in text and "int64" not in text
    if fmt in ("graphml", "gexf"):
        h = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(paths[0])
        assert (h.nodes["a"]["x"], h.nodes["a"]["n"], h.edges["a", "b"]["weight"]) == (1.5, 3, 2)
    if fmt == "d3":
        data = json.loads(text)
        assert (data["nodes"][0]["x"], data["nodes"][0]["n"], data["links"][0]["weight"]) == (1.5, 3, 2)


def test_formats_and_paths() -> None:
    assert format_for(None, "x.gexf") == "gexf"
    assert format_for("cyjs") == "cytoscape"
    assert [p.name for p in csv_paths("out/graph")] == ["graph.nodes.csv", "graph.edges.csv"]
    with pytest.raises(UsageError, match="no graph format"):
        format_for(None, "x.txt")
    with pytest.raises(UsageError, match="unknown graph format"):
        format_for("pajek")
    with pytest.raises(UsageError, match="two tables"):
        dumps(nx.Graph(), "csv")


def test_export_graph_one_call(store: KgStore, tmp_path: Path) -> None:
    text = export_graph(store, "co-asking", "d3")
    assert isinstance(text, str) and json.loads(text)["graph"]["projection"] == "co-asking"
    written = export_graph(store, "member-office", None, tmp_path / "mo.gexf", Filters.parse(party="SP"))
    assert written == [tmp_path / "mo.gexf"]
    assert set(nx.read_gexf(written[0]).nodes) == {BAKKER, DE_VRIES, VISSER, MIN_JV, STAS_VWS, ID + "ambt/minister/asiel-en-migratie"}


def test_store_on_disk(tmp_path: Path) -> None:
    """Projections read a store opened from disk the same as one in memory."""
    corpus = load_corpus()
    from kg.iris import graph_iri
    from kg.rdf import document_quads

    with KgStore.open(tmp_path / "store") as s:
        for doc in corpus.documents():
            s.replace_graph(graph_iri(doc), document_quads(doc, built_at=corpus.BUILT))
        g = project(s, "co-asking")
    assert labelled_edges(g) == labelled_edges(project(corpus.store(), "co-asking"))


def test_pyoxigraph_terms_are_plain_strings(store: KgStore) -> None:
    g = project(store, "entities")
    for _, d in g.nodes(data=True):
        assert all(not isinstance(v, ox.NamedNode | ox.Literal) for v in d.values())
