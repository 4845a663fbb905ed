"""Projections of the store as networkx graphs, built from SPARQL (grouped in the store, not in Python).

| name | graph | nodes | edges (weight = number of publications) |
|---|---|---|---|
| `entities` | MultiDiGraph | publications, persons, offices, ministries, parties, cases, entities | one per predicate (key = relation) |
| `co-asking` | Graph | members | asked the same publication |
| `member-office` | DiGraph | members, offices | member asked questions addressed to the office |
| `document-entity` | Graph (bipartite) | publications, entities | the publication mentions the entity (weight = mentions) |
| `co-mention` | Graph | entities | mentioned in the same publication |
| `ministry-organisation` | Graph (bipartite) | ministries, organisations | an answer given by (or on behalf of) the ministry's offices mentions the organisation |

Nodes are IRIs and carry `type` (the class's local name: Persoon, Ambt, Ministerie, Fractie,
Organisatie, Antwoordpublicatie …), `label`, `documents` (number of publications behind the node
in this projection), `party` / `parties` for persons, `ministry` for offices and answering persons,
external ids as URLs (`wikidata`, `tweedekamer`, `officielebekendmakingen`, `parlement`, `wetten`,
and `same_as` with every owl:sameAs / kg:koppeling target) when known. Edges carry `weight`,
`relation` and `document_ids` (sorted publication ids, e.g. "ah-tk-20232024-1314"). Every node has at
least one edge (nodes come from edges).

`Filters` restrict the publications a projection counts (dates, a party among the askers, a
ministry among the offices asked or answering), the entity types shown, and the minimum weight.

>>> f = Filters.parse(date_from="2023-01-01", party="GL-PvdA", entity_types=["organisation"])
>>> f.describe()
'from 2023-01-01; party GL-PvdA; entity types Organisatie'
>>> sorted(PROJECTIONS)[:3]
['co-asking', 'co-mention', 'document-entity']
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import iris
from kg.errors import UsageError
from kg.query import parse_day
from kg.store import KgStore
from kg.vocab import KG, XSD, term

__all__ = ["ENTITY_TYPES", "PROJECTIONS", "Filters", "Scope", "doc_id", "document_scope", "project"]

DOC_PREFIX = iris.DATA + "doc/"
CHUNK = 1000

# Contract entity type → ontology class (local name); both spellings are accepted in filters.
ENTITY_TYPES: dict[str, str] = {
    "Organisation": "Organisatie",
    "Report": "Rapport",
    "Programme": "Programma",
    "Law": "Wet",
    "Treaty": "Verdrag",
    "TreatyArticle": "Verdragsartikel",
    "ParliamentaryDocument": "Kamerstuk",
    "MediaItem": "Mediabericht",
    "Person": "GenoemdPersoon",
}

# When a node has several classes, the first in this order names its type.
_TYPE_ORDER = (
    "Antwoordpublicatie", "Vragenpublicatie", "Mededeling", "Publicatie",
    "Ministerie", "Ambt", "Fractie", "Kamer", "Zaak", "Persoon",
    *ENTITY_TYPES.values(),
)  # fmt: skip
_PUBLICATION_TYPES = frozenset(_TYPE_ORDER[:4])

_EXTERNAL = (
    ("wikidata.org/", "wikidata"),
    ("tweedekamer.nl/", "tweedekamer"),
    ("officielebekendmakingen.nl/", "officielebekendmakingen"),
    ("parlement.com/", "parlement"),
    ("wetten.overheid.nl/", "wetten"),
)


def doc_id(iri: str) -> str:
    """A publication's id from its IRI.

    >>> doc_id("https://w3id.org/kg-kamervragen/id/doc/ah-tk-20232024-1314")
    'ah-tk-20232024-1314'
    """
    return iri[len(DOC_PREFIX) :] if iri.startswith(DOC_PREFIX) else iri


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- filters -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """What a projection counts: publications dated in [date_from, date_to] (submitted, else received),
    asked by a member of `party`, addressed to or answered by an office of a ministry whose name
    contains `ministry`; entity nodes of `entity_types` only (class local names); edges of at least
    `min_weight` publications."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    party: str | None = None
    ministry: str | None = None
    entity_types: tuple[str, ...] = ()
    min_weight: int = 1

    @classmethod
    def parse(
        cls,
        *,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        party: str | None = None,
        ministry: str | None = None,
        entity_types: Iterable[str] = (),
        min_weight: int = 1,
    ) -> Filters:
        """Filters from user input (strings as given on the command line); raises `UsageError`."""
        by_name = {k.lower(): v for k, v in ENTITY_TYPES.items()} | {v.lower(): v for v in ENTITY_TYPES.values()}
        names = [part.strip() for t in entity_types for part in str(t).split(",") if part.strip()]  # "Law,Treaty" too
        for name in names:
            if name.lower() not in by_name:
                raise UsageError(f"unknown entity type {name!r}", hint=f"use one of {', '.join(ENTITY_TYPES)}")
        types = [by_name[name.lower()] for name in names]
        if min_weight < 1:
            raise UsageError(f"minimum weight {min_weight} is below 1")
        f = cls(parse_day(date_from, "from"), parse_day(date_to, "to"), party or None, ministry or None, tuple(dict.fromkeys(types)), min_weight)
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise UsageError(f"the date range {f.date_from} … {f.date_to} is empty", hint="--from must not be after --to")
        return f

    def describe(self) -> str:
        """The filters in words, for captions and graph attributes ('' when there are none)."""
        parts = []
        if self.date_from:
            parts.append(f"from {self.date_from}")
        if self.date_to:
            parts.append(f"to {self.date_to}")
        if self.party:
            parts.append(f"party {self.party}")
        if self.ministry:
            parts.append(f"ministry {self.ministry}")
        if self.entity_types:
            parts.append("entity types " + ", ".join(self.entity_types))
        if self.min_weight > 1:
            parts.append(f"weight ≥ {self.min_weight}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Scope:
    """A SPARQL group pattern restricting ?doc to the filtered publications.

    Filter values enter it as RDF terms serialised by the RDF library (a date literal, the
    party's IRI, an escaped string literal), never as raw user text. All filters form one
    subquery, evaluated once: with Oxigraph this is orders of magnitude faster than FILTER
    EXISTS per row or filters bound through a VALUES row (measured on 20,000 publications).
    """

    sparql: str


def document_scope(f: Filters) -> Scope:
    """The pattern for `f` (see `Scope`): one subquery selecting the publications, put first in
    the WHERE clause so that it is evaluated once and drives the rest ('' without filters).

    >>> print(document_scope(Filters.parse(party="SP")).sparql)
    { SELECT DISTINCT ?doc WHERE { ?_pa kg:fractie <https://w3id.org/kg-kamervragen/id/fractie/sp> . ?doc kg:actor ?_pa . } }
    """
    parts: list[str] = []
    if f.party:  # the most selective first
        parts.append(f"?_pa kg:fractie {ox.NamedNode(iris.party_iri(f.party))} . ?doc kg:actor ?_pa .")
    if f.ministry:
        parts.append(
            f"?_min a kg:Ministerie ; rdfs:label ?_ml . FILTER (CONTAINS(LCASE(STR(?_ml)), {ox.Literal(f.ministry.lower())})) "
            f"?_post kg:postIn ?_min . ?doc {_OFFICE_OF} ?_post ."
        )
    if f.date_from or f.date_to:
        if not parts:
            parts.append("?doc kg:soort ?_kind .")
        parts.append("OPTIONAL { ?doc kg:datumIngezonden ?_sub } OPTIONAL { ?doc kg:datumOntvangen ?_rec } BIND (COALESCE(?_sub, ?_rec) AS ?_date)")
        for op, day in ((">=", f.date_from), ("<=", f.date_to)):
            if day:
                parts.append(f"FILTER (?_date {op} {ox.Literal(day.isoformat(), datatype=term(XSD.date))})")
    return Scope(f"{{ SELECT DISTINCT ?doc WHERE {{ {' '.join(parts)} }} }}" if parts else "")


def _entity_types(f: Filters, var: str) -> str:
    """A pattern restricting entity `var` to the filter's types ('' without a type filter)."""
    if not f.entity_types:
        return ""
    t = f"?_t{var.lstrip('?')}"
    return f"{var} a {t} . VALUES {t} {{ {' '.join(str(term(KG[c])) for c in f.entity_types)} }}"


def _mentions(var: str) -> str:
    """?doc (a publication) mentions `var`: the publication-level kg:vermeldt, read inside the
    publication's own graph (questions, answers and footnotes carry kg:vermeldt too)."""
    return f"GRAPH ?_g {{ ?_g dcterms:subject ?doc . ?doc kg:vermeldt {var} }}"


# --- running queries -----------------------------------------------------------------------------


def _rows(store: KgStore, sparql: str, names: tuple[str, ...]) -> Iterator[tuple[str | None, ...]]:
    """The values of `names` per solution, streamed from the store (no intermediate lists)."""
    for sol in store.query(sparql):
        yield tuple(None if (t := sol[v]) is None else t.value for v in names)


def _edge_query(pattern: str, scope: Scope, min_weight: int, extra: str = "") -> str:
    """Edges ?a–?b grouped in the store: weight = distinct publications, ?docs = their IRIs."""
    return f"""SELECT ?a ?b{extra} (COUNT(DISTINCT ?doc) AS ?w) (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?docs)
WHERE {{
  {scope.sparql}
  {pattern}
}}
GROUP BY ?a ?b{extra}
HAVING (COUNT(DISTINCT ?doc) >= {int(min_weight)})"""


def _docs(value: str) -> list[str]:
    return sorted(doc_id(d) for d in value.split())


Edge = tuple[str, str, str | None, dict[str, Any]]  # source, target, multigraph key, attributes


def _grouped(store: KgStore, sparql: str, relation: str | None = None) -> Iterator[Edge]:
    """Edges from an `_edge_query` (with ?p as the relation when `relation` is None)."""
    names = ("a", "b", "w", "docs") if relation else ("a", "b", "w", "docs", "p")
    for a, b, w, docs, *p in _rows(store, sparql, names):
        rel = relation or _local(p[0] or "")
        yield a or "", b or "", None if relation else rel, {"weight": int(w or 0), "relation": rel, "document_ids": _docs(docs or "")}


def _chunks(nodes: Iterable[str]) -> Iterator[str]:
    """VALUES bodies of at most CHUNK IRIs (IRIs from the store, serialised by the RDF library)."""
    batch: list[str] = []
    for n in nodes:
        batch.append(str(ox.NamedNode(n)))
        if len(batch) >= CHUNK:
            yield " ".join(batch)
            batch = []
    if batch:
        yield " ".join(batch)


# --- node attributes -----------------------------------------------------------------------------

Nodes = dict[str, dict[str, Any]]


def _describe(store: KgStore, nodes: Nodes) -> None:
    """Type, label, external ids, party and ministry of every node: a few queries per CHUNK nodes,
    each only for the nodes it concerns."""
    types: dict[str, set[str]] = defaultdict(set)
    for values in _chunks(nodes):
        for s, t, label in _rows(store, f"SELECT ?s ?t ?l WHERE {{ VALUES ?s {{ {values} }} OPTIONAL {{ ?s a ?t }} OPTIONAL {{ ?s rdfs:label ?l }} }}", ("s", "t", "l")):
            if t:
                types[s].add(_local(t))
            if label:
                nodes[s].setdefault("label", label)
        q = f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} {{ ?s owl:sameAs ?t }} UNION {{ ?s kg:koppeling/kg:doel ?t }} }}"
        for s, t in _rows(store, q, ("s", "t")):
            _external(nodes[s], t or "")
    for n, d in nodes.items():
        t = next((c for c in _TYPE_ORDER if c in types[n]), None)
        d["type"] = t or ("Publicatie" if n.startswith(DOC_PREFIX) else min(types[n], default="Onbekend"))
    by_type: dict[str, list[str]] = defaultdict(list)
    for n, d in nodes.items():
        by_type["Publicatie" if d["type"] in _PUBLICATION_TYPES else d["type"]].append(n)
    _publications(store, nodes, by_type["Publicatie"])
    _offices(store, nodes, by_type["Ambt"])
    _persons(store, nodes, by_type["Persoon"])
    for n in by_type["Ministerie"]:
        nodes[n]["ministry"] = nodes[n].get("label", _local(n))
    for n, d in nodes.items():
        d.setdefault("label", _local(n))


def _external(d: dict[str, Any], target: str) -> None:
    same = d.setdefault("same_as", [])
    if target and target not in same:
        same.append(target)
        same.sort()
    for marker, key in _EXTERNAL:
        if marker in target:
            d.setdefault(key, target)


def _publications(store: KgStore, nodes: Nodes, pubs: list[str]) -> None:
    for values in _chunks(pubs):
        q = f"""SELECT ?s ?title ?sub ?rec ?page WHERE {{ VALUES ?s {{ {values} }}
          OPTIONAL {{ ?s dcterms:title ?title }} OPTIONAL {{ ?s kg:datumIngezonden ?sub }}
          OPTIONAL {{ ?s kg:datumOntvangen ?rec }} OPTIONAL {{ ?s foaf:page ?page }} }}"""
        for s, title, sub, rec, page in _rows(store, q, ("s", "title", "sub", "rec", "page")):
            d = nodes[s]
            for key, value in (("title", title), ("submitted", sub), ("received", rec)):
                if value:
                    d.setdefault(key, value)
            if page:
                d.setdefault("officielebekendmakingen" if "officielebekendmakingen.nl/" in page else "page", page)
    for n in pubs:
        nodes[n]["label"] = doc_id(n)


def _offices(store: KgStore, nodes: Nodes, offices: list[str]) -> None:
    for values in _chunks(offices):
        q = f"SELECT ?s ?ml ?rol WHERE {{ VALUES ?s {{ {values} }} OPTIONAL {{ ?s kg:postIn/rdfs:label ?ml }} OPTIONAL {{ ?s kg:rol ?rol }} }}"
        for s, ml, rol in _rows(store, q, ("s", "ml", "rol")):
            if ml:
                nodes[s].setdefault("ministry", ml)
            if rol:
                nodes[s].setdefault("role", rol)


def _persons(store: KgStore, nodes: Nodes, persons: list[str]) -> None:
    """`party` and `parties` of members (from their memberships; for the few with several, the
    party printed with their latest publication comes first); `ministry` of persons who answered
    (of the office they answered in most often)."""
    shared = ox.NamedNode(iris.SHARED_GRAPH)
    for values in _chunks(persons):
        parties: dict[str, list[str]] = defaultdict(list)
        q = f"SELECT ?s ?fl WHERE {{ VALUES ?s {{ {values} }} ?ms org:member ?s ; org:organization/rdfs:label ?fl }}"
        for s, fl in _rows(store, q, ("s", "fl")):
            parties[s or ""].append(fl or "")
        several = [s for s, ps in parties.items() if len(set(ps)) > 1]
        latest: dict[tuple[str, str], str] = {}
        for more in _chunks(several):
            q = f"""SELECT ?s ?fl (MAX(STR(COALESCE(?sub, ?rec, ""))) AS ?last) WHERE {{ VALUES ?s {{ {more} }}
              ?a kg:persoon ?s ; kg:fractie/rdfs:label ?fl . ?doc kg:actor ?a .
              OPTIONAL {{ ?doc kg:datumIngezonden ?sub }} OPTIONAL {{ ?doc kg:datumOntvangen ?rec }} }} GROUP BY ?s ?fl"""
            latest.update(((s or "", fl or ""), last or "") for s, fl, last in _rows(store, q, ("s", "fl", "last")))
        for s, ps in parties.items():
            ordered = sorted(set(ps), key=lambda p, s=s: (latest.get((s, p), ""), p), reverse=True)
            nodes[s]["party"], nodes[s]["parties"] = ordered[0], ordered
        best: dict[str, tuple[int, str]] = {}
        q = f"""SELECT ?s ?ml (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ VALUES ?s {{ {values} }}
          ?doc kg:beantwoordDoor ?s ; kg:beantwoordDoorAmbt ?o . GRAPH {shared} {{ ?o kg:postIn ?m . ?m rdfs:label ?ml }} }} GROUP BY ?s ?ml"""
        for s, ml, n in _rows(store, q, ("s", "ml", "n")):
            cand = (int(n or 0), ml or "")
            if s not in best or cand > best[s]:
                best[s or ""] = cand
        for s, (_, ml) in best.items():
            nodes[s].setdefault("ministry", ml)


def _count_documents(store: KgStore, nodes: Nodes, edges: list[Edge], pattern: str | None, scope: Scope) -> None:
    """`documents` per node: grouped in the store by `pattern` (binding ?n and ?doc) when given,
    else the publications on the node's edges (a publication node counts itself)."""
    counts: dict[str, int] = {}
    if pattern:
        q = f"SELECT ?n (COUNT(DISTINCT ?doc) AS ?c) WHERE {{ {scope.sparql}\n  {pattern} }} GROUP BY ?n"
        counts = {n: int(c or 0) for n, c in _rows(store, q, ("n", "c")) if n in nodes}
    else:
        docs: dict[str, set[str]] = defaultdict(set)
        for a, b, _, d in edges:
            docs[a].update(d["document_ids"])
            docs[b].update(d["document_ids"])
        counts = {n: 1 if n.startswith(DOC_PREFIX) else len(ds) for n, ds in docs.items()}
    for n, d in nodes.items():
        d["documents"] = counts.get(n, 0)


# --- the projections -----------------------------------------------------------------------------

_DOC_LINKS = "kg:indiener kg:gerichtAan kg:beantwoordDoor kg:beantwoordDoorAmbt kg:medeNamens kg:zaak kg:zieOok"  # domain: kg:Publicatie
_OFFICE_OF = "kg:gerichtAan|kg:beantwoordDoorAmbt|kg:medeNamens"


@dataclass(slots=True)
class _Projection:
    """What a projection function returns: the graph class, its edges, the pattern counting a
    node's publications (None: count the publications on its edges) and extra node attributes."""

    graph: type[nx.Graph]
    edges: list[Edge]
    count_pattern: str | None = None
    extra: Nodes = field(default_factory=dict)


def _entities(store: KgStore, f: Filters, s: Scope) -> _Projection:
    edges: dict[tuple[str, str, str], Edge] = {}
    if f.min_weight <= 1:  # publication-level edges have weight 1: one publication each
        branches = [f"{{ ?doc {p} ?b . BIND ({p} AS ?p) }}" for p in _DOC_LINKS.split()]
        branches.append(f"{{ {_mentions('?b')} {_entity_types(f, '?b')} BIND (kg:vermeldt AS ?p) }}")
        q = "SELECT ?doc ?p ?b WHERE {{ {}\n  {{ {} }} }}".format(s.sparql, "\n  UNION ".join(branches))
        for doc, p, b in _rows(store, q, ("doc", "p", "b")):
            rel = _local(p or "")
            edges[(doc or "", b or "", rel)] = (doc or "", b or "", rel, {"weight": 1, "relation": rel, "document_ids": [doc_id(doc or "")]})
    branches = [
        "{ ?doc kg:actor ?_ac . ?_ac kg:persoon ?a ; kg:fractie ?b . BIND (kg:fractie AS ?p) }",
        f"{{ ?doc {_OFFICE_OF} ?a . ?a kg:postIn ?b . BIND (kg:postIn AS ?p) }}",
    ]
    if not f.entity_types or "Verdragsartikel" in f.entity_types:
        branches.append(f"{{ {_mentions('?a')} ?a kg:verdrag ?b . BIND (kg:verdrag AS ?p) }}")
    q = _edge_query("{ " + "\n  UNION ".join(branches) + " }", s, f.min_weight, " ?p")
    for e in _grouped(store, q):
        edges[(e[0], e[1], e[2] or "")] = e
    return _Projection(nx.MultiDiGraph, list(edges.values()))


def _co_asking(store: KgStore, f: Filters, s: Scope) -> _Projection:
    q = _edge_query("?doc kg:indiener ?a , ?b . FILTER (STR(?a) < STR(?b))", s, f.min_weight)
    return _Projection(nx.Graph, list(_grouped(store, q, "co-asking")), "?doc kg:indiener ?n .")


def _member_office(store: KgStore, f: Filters, s: Scope) -> _Projection:
    edges = list(_grouped(store, _edge_query("?doc kg:indiener ?a ; kg:gerichtAan ?b .", s, f.min_weight), "gerichtAan"))
    offices = {e[1] for e in edges}
    q = f"""SELECT ?o ?pl (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ {s.sparql}
      ?doc kg:beantwoordDoor ?p ; kg:beantwoordDoorAmbt ?o . ?p rdfs:label ?pl }} GROUP BY ?o ?pl"""
    answered: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for o, pl, n in _rows(store, q, ("o", "pl", "n")):
        if o in offices:
            answered[o].append((-int(n or 0), pl or ""))
    extra = {o: {"answered_by": [p for _, p in sorted(people)]} for o, people in answered.items()}
    return _Projection(nx.DiGraph, edges, "{ ?doc kg:indiener ?n } UNION { ?doc kg:gerichtAan ?n }", extra)


def _document_entity(store: KgStore, f: Filters, s: Scope) -> _Projection:
    q = f"""SELECT ?doc ?b (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  {s.sparql}
  {_mentions("?b")} {_entity_types(f, "?b")}
  OPTIONAL {{ GRAPH ?_g {{ ?m itsrdf:taIdentRef ?b }} }}
}} GROUP BY ?doc ?b"""
    edges: list[Edge] = []
    for doc, b, n in _rows(store, q, ("doc", "b", "n")):
        w = max(int(n or 0), 1)  # mentions in the publication (at least the publication-level one)
        if w >= f.min_weight:
            edges.append((doc or "", b or "", None, {"weight": w, "relation": "vermeldt", "document_ids": [doc_id(doc or "")]}))
    return _Projection(nx.Graph, edges)


def _co_mention(store: KgStore, f: Filters, s: Scope) -> _Projection:
    """Entities named in the same publication. The store gives each publication's entities once; they
    are paired here (a publication naming k entities gives k(k-1)/2 pairs: paired in SPARQL, with a
    string comparison and a grouping per pair, 10k documents took over a minute)."""
    q = f"SELECT DISTINCT ?doc ?b WHERE {{ {s.sparql} {_mentions('?b')} {_entity_types(f, '?b')} }}"
    named: dict[str, set[str]] = defaultdict(set)
    for doc, b in _rows(store, q, ("doc", "b")):
        named[doc or ""].add(b or "")
    docs_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d, entities in sorted((doc_id(doc), entities) for doc, entities in named.items()):  # each edge's ids in order
        for pair in itertools.combinations(sorted(entities), 2):
            docs_of[pair].append(d)
    edges: list[Edge] = [
        (a, b, None, {"weight": len(ids), "relation": "co-mention", "document_ids": ids})
        for (a, b), ids in docs_of.items()
        if len(ids) >= f.min_weight
    ]
    return _Projection(nx.Graph, edges, f"{_mentions('?n')} {_entity_types(f, '?n')}")


def _ministry_organisation(store: KgStore, f: Filters, s: Scope) -> _Projection:
    if f.entity_types and "Organisatie" not in f.entity_types:
        return _Projection(nx.Graph, [])
    pattern = f"?doc {_OFFICE_OF.split('|', 1)[1]} ?_o . ?_o kg:postIn ?a . ?doc kg:antwoord ?_ans . ?_ans kg:vermeldt ?b . ?b a kg:Organisatie ."
    return _Projection(nx.Graph, list(_grouped(store, _edge_query(pattern, s, f.min_weight), "vermeldt in antwoord")))


PROJECTIONS: dict[str, Callable[[KgStore, Filters, Scope], _Projection]] = {
    "entities": _entities,
    "co-asking": _co_asking,
    "member-office": _member_office,
    "document-entity": _document_entity,
    "co-mention": _co_mention,
    "ministry-organisation": _ministry_organisation,
}

# The types on side 0 of the bipartite projections (networkx's `bipartite` node attribute).
_BIPARTITE = {"document-entity": _PUBLICATION_TYPES, "ministry-organisation": frozenset({"Ministerie"})}


def project(store: KgStore, name: str, filters: Filters | None = None) -> nx.Graph:
    """The projection `name` of the store as a networkx graph (see the module docstring).

    Nodes and edges are in a stable order (sorted by IRI), so files and pictures do not churn.
    Raises `UsageError` for an unknown projection name.
    """
    if name not in PROJECTIONS:
        raise UsageError(f"unknown projection {name!r}", hint=f"use one of {', '.join(PROJECTIONS)}")
    f = filters or Filters()
    s = document_scope(f)
    proj = PROJECTIONS[name](store, f, s)
    proj.edges.sort(key=lambda e: (e[0], e[1], e[2] or ""))
    nodes: Nodes = {n: {} for n in sorted({e[0] for e in proj.edges} | {e[1] for e in proj.edges})}
    _describe(store, nodes)
    _count_documents(store, nodes, proj.edges, proj.count_pattern, s)
    for n, extra in proj.extra.items():
        nodes[n].update(extra)
    if name in _BIPARTITE:
        for d in nodes.values():
            d["bipartite"] = 0 if d["type"] in _BIPARTITE[name] else 1
    g = proj.graph()
    g.graph.update({"projection": name, "filters": f.describe(), "kg_version": _version()})
    g.add_nodes_from(nodes.items())
    if g.is_multigraph():
        g.add_edges_from(proj.edges)
    else:
        g.add_edges_from((a, b, d) for a, b, _, d in proj.edges)
    return g


def _version() -> str:
    from kg import __version__

    return __version__
