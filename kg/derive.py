"""Derived graphs: what follows from many documents together, recomputed after every build.

* `…/graph/zaken` — one case, one node: the questions as published (kv), a postponement notice,
  the answer and a later further answer are stages (`kg:publicatie`) of the same `kg:Zaak`, found
  by the zaak number or, where none is printed, by the same askers, submission date and title.
  Each case gets its status (open, uitgesteld, beantwoord) and how many days it took.
* `…/graph/referentiedata` — which reference data the links came from (source, commit, licence,
  retrieval date), as PROV entities.

Derived graphs are recomputed after every build that changed documents, so they never disagree
with the document graphs: the cases graph for the cases the changed documents touch (or as a whole
when it is missing), the reference-data graph when its sources changed.

>>> from kg.store import KgStore
>>> derive_cases(KgStore.memory())
0
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product

import pyoxigraph as ox

from kg.iris import case_iri
from kg.link.records import SourceInfo
from kg.rdf import Triple
from kg.store import KgStore
from kg.vocab import DATA, DCTERMS, KG, PROV, RDF, RDFS, XSD, term

__all__ = ["CASES_GRAPH", "REFDATA_GRAPH", "STAGE_PREDICATES", "derive_cases", "record_refdata_sources", "stages_of"]

CASES_GRAPH = DATA + "graph/zaken"
REFDATA_GRAPH = DATA + "graph/referentiedata"


@dataclass(slots=True)
class _Doc:
    iri: str
    kind: str
    zaak: str | None
    submitted: str | None
    received: str | None
    title: str
    askers: str


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if c.isalnum() or c.isspace())
    return re.sub(r"\s+", " ", text).strip()


def _documents(store: KgStore, only: set[str] | None = None) -> list[_Doc]:
    """The documents with what ties them to a case: all, or `only` these (by IRI).

    One per document and combination of its values (as a join would give them; a document has one of
    each). All are read property by property, streamed (a GROUP BY over all documents held every
    group at once: 360 MB at 100k documents)."""
    if only is None:
        return _all_documents(store)
    if not only:
        return []
    values = "VALUES ?d { " + " ".join(str(ox.NamedNode(d)) for d in sorted(only)) + " }"
    rows = store.query(
        f"""SELECT ?d ?kind ?zaak ?sub ?rec ?title (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?askers) WHERE {{
             {values} ?d kg:soort ?kind .
             OPTIONAL {{ ?d kg:zaaknummer ?zaak }} OPTIONAL {{ ?d kg:datumIngezonden ?sub }}
             OPTIONAL {{ ?d kg:datumOntvangen ?rec }} OPTIONAL {{ ?d dcterms:title ?title }}
             OPTIONAL {{ ?d kg:indiener ?p }}
           }} GROUP BY ?d ?kind ?zaak ?sub ?rec ?title"""
    )

    def v(sol: ox.QuerySolution, name: str) -> str | None:
        t = sol[name]
        return t.value if t is not None else None

    out = []
    for sol in rows:
        askers = " ".join(sorted((v(sol, "askers") or "").split()))
        out.append(_Doc(v(sol, "d") or "", v(sol, "kind") or "", v(sol, "zaak"), v(sol, "sub"), v(sol, "rec"), v(sol, "title") or "", askers))
    return out


_FIELDS = (KG.soort, KG.zaaknummer, KG.datumIngezonden, KG.datumOntvangen, DCTERMS.title)


def _all_documents(store: KgStore) -> list[_Doc]:
    """`_documents` of every document: each property read on its own, its values kept per document."""
    values: dict[str, list[list[str]]] = {}
    for i, p in enumerate(_FIELDS):
        for s, o in store.query(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
            if type(s) is ox.NamedNode and (i == 0 or s.value in values):
                vs = values.setdefault(s.value, [[] for _ in _FIELDS])[i]
                text = sys.intern(o.value) if i < 4 else o.value
                if text not in vs:
                    vs.append(text)
    askers: dict[str, set[str]] = defaultdict(set)
    for s, o in store.query(f"SELECT ?s ?o WHERE {{ ?s <{KG.indiener}> ?o }}"):
        if s.value in values:
            askers[s.value].add(sys.intern(o.value))
    return list(_combinations(values, askers))


# what `stages_of` reads of a document's own statements
STAGE_PREDICATES = frozenset(term(p) for p in (*_FIELDS, KG.indiener))


def stages_of(triples: Iterable[Triple]) -> list[tuple[str | None, ...]]:
    """What ties each document among `triples` (its own statements, each once, as `kg.rdf.document_lines`
    keeps them; those of a predicate not in `STAGE_PREDICATES` are passed over) to a case: the rows
    `_all_documents` reads back for it. A build of a new store gives these to `derive_cases` instead of reading every
    document back.

    >>> from kg.readers.layout import SAMPLE, parse_text
    >>> from kg.rdf import document_lines
    >>> kept = document_lines(parse_text(SAMPLE), built_at=None, keep=STAGE_PREDICATES)[3]
    >>> [row[1:5] for row in stages_of(kept)]
    [('answer', None, '2014-05-23', '2014-06-25')]
    """
    fields = {term(p): i for i, p in enumerate(_FIELDS)}
    asker = term(KG.indiener)
    values: dict[str, list[list[str]]] = defaultdict(lambda: [[] for _ in _FIELDS])
    askers: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == asker:
            askers[s.value].add(o.value)
        elif (i := fields.get(p)) is not None and o.value not in values[s.value][i]:
            values[s.value][i].append(o.value)
    values = {s: vs for s, vs in values.items() if vs[0]}  # the documents: those with a kind
    return [(d.iri, d.kind, d.zaak, d.submitted, d.received, d.title, d.askers) for d in _combinations(values, askers)]


def _combinations(values: dict[str, list[list[str]]], askers: dict[str, set[str]]) -> Iterator[_Doc]:
    """One `_Doc` per document and combination of its values (as a join would give them), in document order."""
    for d in sorted(values):
        kinds, zaken, subs, recs, titles = values.pop(d)
        joined = " ".join(sorted(" ".join(askers.pop(d, ())).split()))  # as `_documents` splits GROUP_CONCAT
        for kind, zaak, sub, rec, title in product(kinds, zaken or [None], subs or [None], recs or [None], titles or [""]):
            yield _Doc(d, kind, zaak, sub, rec, title, joined)


def _case_keys(docs: list[_Doc]) -> dict[str, list[_Doc]]:
    """Group documents into cases: by zaak number, else by askers + submission date + title.

    A document without a zaak number joins the case of one with the same askers, date and title
    that has one (the smallest number, when several have).
    """
    by_print: dict[tuple[str, str, str], str] = {}
    for d in docs:
        if d.zaak and d.askers and d.submitted:
            printed = (d.askers, d.submitted, _norm(d.title))
            by_print[printed] = min(d.zaak, by_print.get(printed, d.zaak))
    cases: dict[str, list[_Doc]] = defaultdict(list)
    for d in docs:
        printed = (d.askers, d.submitted or "", _norm(d.title))
        if d.zaak:
            key = d.zaak
        elif d.askers and d.submitted:
            key = by_print.get(printed) or "x-" + hashlib.sha1("\x1f".join(printed).encode()).hexdigest()[:16]
        else:
            continue  # nothing to tie it to another stage
        cases[key].append(d)
    return cases


def _affected(store: KgStore, changed: set[str]) -> tuple[set[str], set[str]]:
    """The documents whose case may change when the `changed` documents were written or removed, and
    the case nodes that hold them now.

    Closed by fixpoint: a document sharing a zaak number or a submission date with one of them, or
    a case node with it, is added, until nothing is. A case depends on these alone (`_case_keys`).
    """
    raw, cases_graph = store.raw, ox.NamedNode(CASES_GRAPH)
    soort, publicatie = term(KG.soort), term(KG.publicatie)
    shared_by = (term(KG.zaaknummer), term(KG.datumIngezonden))
    docs, nodes, values = set(changed), set[str](), set[tuple[str, str]]()
    frontier = sorted(changed)
    while frontier:
        found: list[ox.NamedNode | ox.BlankNode] = []
        for d in frontier:
            node = ox.NamedNode(d)
            for p in shared_by:
                for q in raw.quads_for_pattern(node, p, None, None):
                    if (p.value, str(q.object)) not in values and q.graph_name != cases_graph:
                        values.add((p.value, str(q.object)))
                        found += [o.subject for o in raw.quads_for_pattern(None, p, q.object, None) if o.graph_name != cases_graph]
            for q in raw.quads_for_pattern(None, publicatie, node, cases_graph):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value not in nodes:
                    nodes.add(q.subject.value)
                    found += [m.object for m in raw.quads_for_pattern(q.subject, publicatie, None, cases_graph) if isinstance(m.object, ox.NamedNode)]
        frontier = []
        for s in found:
            if isinstance(s, ox.NamedNode) and s.value not in docs and next(raw.quads_for_pattern(s, soort, None, None), None) is not None:
                docs.add(s.value)
                frontier.append(s.value)
    return docs, nodes


def _status(docs: list[_Doc]) -> tuple[str, str | None, int | None]:
    submitted = min((d.submitted for d in docs if d.submitted), default=None)
    answers = sorted(d.received for d in docs if d.kind == "answer" and d.received)
    if answers:
        answered = answers[0]
        days = (dt.date.fromisoformat(answered) - dt.date.fromisoformat(submitted)).days if submitted else None
        return "beantwoord", answered, days
    if any(d.kind == "notice" for d in docs):
        return "uitgesteld", None, None
    return "open", None, None


def derive_cases(store: KgStore, changed: Iterable[str] | None = None, stages: Iterable[tuple[str | None, ...]] | None = None) -> int:
    """Recompute the cases graph; returns the number of cases written.

    With `changed` (the IRIs of the documents written or removed since the graph was derived) on a
    local store, only the cases those documents touch are replaced (see `_affected`), in one
    transaction, with the same result as recomputing all. Otherwise the whole graph is replaced;
    from `stages` when given: the rows `stages_of` made for every document in the store (a build
    of a new store), instead of reading them back.
    """
    if changed is not None and isinstance(store, KgStore) and store.has_graph(CASES_GRAPH):
        docs, nodes = _affected(store, set(changed))
        cases = _case_keys(_documents(store, docs))
        store.replace_subjects(CASES_GRAPH, nodes, _case_quads(cases))
        return len(cases)
    docs = _documents(store) if stages is None else sorted((_Doc(*row) for row in stages), key=lambda d: d.iri)  # type: ignore[arg-type]
    cases = _case_keys(docs)
    if isinstance(store, KgStore):  # a derived graph: a killed build re-derives it (see kg.build), no need for one transaction
        store.remove_graph_in_steps(CASES_GRAPH)
        store.add_documents(_case_quads(cases), [CASES_GRAPH])
    else:
        store.replace_graph(CASES_GRAPH, _case_quads(cases))
    return len(cases)


def _case_quads(cases: dict[str, list[_Doc]]) -> Iterator[ox.Quad]:
    """The quads of the cases, as a stream (the bulk loader takes them as they come: at 100,000
    documents a list of them alone held 250 MB)."""
    g = ox.NamedNode(CASES_GRAPH)

    def q(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal | str) -> ox.Quad:
        return ox.Quad(s, term(p), ox.NamedNode(o) if isinstance(o, str) else o, g)

    for key, docs in sorted(cases.items()):
        c = ox.NamedNode(case_iri(key))
        yield q(c, RDF.type, KG.Zaak)
        if not key.startswith("x-"):
            yield q(c, KG.zaaknummer, ox.Literal(key))
        status, answered, days = _status(docs)
        yield q(c, KG.status, ox.Literal(status))
        submitted = min((d.submitted for d in docs if d.submitted), default=None)
        if submitted:
            yield q(c, KG.datumIngezonden, ox.Literal(submitted, datatype=term(XSD.date)))
        if answered:
            yield q(c, KG.datumOntvangen, ox.Literal(answered, datatype=term(XSD.date)))
        if days is not None:
            yield q(c, KG.doorlooptijd, ox.Literal(str(days), datatype=term(XSD.integer)))
        for d in docs:
            yield q(c, KG.publicatie, d.iri)


def record_refdata_sources(store: KgStore, sources: Iterable[SourceInfo], *, facts_only: bool = False) -> None:
    """Replace the provenance graph of the reference data used for linking."""
    g = ox.NamedNode(REFDATA_GRAPH)
    quads: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        quads.append(ox.Quad(ox.NamedNode(s), term(p), ox.NamedNode(o) if isinstance(o, str) else o, g))

    if facts_only:
        s = REFDATA_GRAPH + "/ingebouwde-feiten"
        add(s, RDF.type, PROV.Entity)
        add(s, RDFS.label, ox.Literal("kg built-in facts (kg/data/facts_*.tsv)"))
    for src in sources:
        s = f"{REFDATA_GRAPH}/{src.sha256 or src.id}"
        add(s, RDF.type, PROV.Entity)
        add(s, RDFS.label, ox.Literal(f"{src.format}: {src.path}"))
        add(s, DCTERMS["format"], ox.Literal(src.format))
        if src.repo:
            add(s, DCTERMS.source, ox.Literal(f"{src.repo}@{src.commit}" if src.commit else src.repo))
        if src.url:
            add(s, PROV.atLocation, ox.Literal(src.url))
        if src.licence:
            add(s, DCTERMS.license, ox.Literal(src.licence))
        if src.retrieved:
            add(s, PROV.generatedAtTime, ox.Literal(src.retrieved))
        if src.sha256:
            add(s, KG.sha256, ox.Literal(src.sha256))
        add(s, DCTERMS.extent, ox.Literal(f"{src.rows} rows"))
    if isinstance(store, KgStore) and set(store.quads(REFDATA_GRAPH)) == set(quads):
        return  # unchanged: no write, no new snapshot
    store.replace_graph(REFDATA_GRAPH, quads)
