"""Graph → record: a document's contract record read back from the store with SPARQL.

The inverse of `kg.rdf.document_quads` for everything the contract holds (ids of linked persons
aside): what `kg parse --json` prints for a file equals what the graph built from that file says.

>>> from kg.readers.layout import SAMPLE, parse_text
>>> from kg.rdf import document_quads
>>> from kg.iris import doc_iri
>>> from kg.store import KgStore
>>> doc, store = parse_text(SAMPLE), KgStore.memory()
>>> store.raw.extend(document_quads(doc, built_at=None))
>>> record(store, doc_iri(doc))["askers"] == doc.to_record()["askers"]
True
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.store import KgStore

__all__ = ["record"]

_TYPES = {
    "Organisatie": "Organisation", "Rapport": "Report", "Programma": "Programme", "Wet": "Law", "Verdrag": "Treaty",
    "Verdragsartikel": "TreatyArticle", "Kamerstuk": "ParliamentaryDocument", "Mediabericht": "MediaItem", "GenoemdPersoon": "Person",
}  # fmt: skip


def _rows(store: KgStore, sparql: str, d: str) -> list[dict[str, str | None]]:
    res = store.query(sparql, {"d": ox.NamedNode(d)}, union=True)
    names = [v.value for v in res.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in res]


def _one(store: KgStore, sparql: str, d: str) -> dict[str, str | None]:
    rows = _rows(store, sparql, d)
    return rows[0] if rows else {}


def record(store: KgStore, doc: str) -> dict[str, Any]:
    """The contract record of the document with IRI `doc` (raises KeyError when it is not there)."""
    h = _one(
        store,
        """SELECT ?kind ?id ?chamber ?session ?number ?zaak ?title ?sub ?ans ?source WHERE {
             ?d kg:soort ?kind .
             OPTIONAL { ?d dcterms:identifier ?id FILTER(!CONTAINS(?id, ":")) }
             OPTIONAL { ?d kg:kamer/rdfs:label ?chamber }
             OPTIONAL { ?d kg:vergaderjaar ?session } OPTIONAL { ?d kg:aanhangselnummer ?number }
             OPTIONAL { ?d kg:zaaknummer ?zaak } OPTIONAL { ?d dcterms:title ?title }
             OPTIONAL { ?d kg:datumIngezonden ?sub } OPTIONAL { ?d kg:datumOntvangen ?ans }
             OPTIONAL { ?d prov:wasDerivedFrom/dcterms:source ?source }
           } LIMIT 1""",
        doc,
    )
    if not h:
        raise KeyError(doc)
    actors = _rows(
        store,
        """SELECT ?rel ?n ?name ?party ?role ?portfolio WHERE {
             ?d kg:actor ?a . ?a kg:relatie ?rel ; kg:volgorde ?n .
             OPTIONAL { ?a kg:naamAfgedrukt ?name } OPTIONAL { ?a kg:fractieAfgedrukt ?party }
             OPTIONAL { ?a kg:ambt/kg:rol ?role } OPTIONAL { ?a kg:portefeuilleAfgedrukt ?portfolio }
           } ORDER BY ?n""",
        doc,
    )

    def people(*relations: str) -> list[dict[str, Any]]:
        return [a for a in actors if a["rel"] and a["rel"].rsplit("#", 1)[-1] in relations]

    questions = _rows(store, "SELECT ?n ?t WHERE { ?d kg:vraag ?q . ?q kg:nummer ?n ; kg:tekst ?t ; kg:volgorde ?o } ORDER BY ?o", doc)
    answers = _rows(
        store,
        """SELECT ?o ?t (GROUP_CONCAT(STR(?q); separator=" ") AS ?qs) WHERE {
             ?d kg:antwoord ?a . ?a kg:volgorde ?o ; kg:tekst ?t . OPTIONAL { ?a kg:beantwoordt ?q }
           } GROUP BY ?o ?t ORDER BY ?o""",
        doc,
    )
    notes = _rows(
        store,
        """SELECT ?n ?t (GROUP_CONCAT(STR(?u); separator=" ") AS ?urls) WHERE {
             ?d kg:voetnoot ?f . ?f kg:nummer ?n ; kg:tekst ?t . OPTIONAL { ?f kg:url ?u }
           } GROUP BY ?n ?t ORDER BY ?n""",
        doc,
    )
    mentions = _rows(
        store,
        """SELECT ?m ?type ?label ?where WHERE {
             ?m nif:referenceContext ?ctx ; kg:plaats ?where ; itsrdf:taIdentRef ?e .
             FILTER(STRSTARTS(STR(?m), CONCAT(STR(?d), "/vermelding/")))
             ?e a ?type ; rdfs:label ?label .
           }""",
        doc,
    )
    see = _rows(store, "SELECT ?s WHERE { ?d kg:zieOok ?s }", doc)
    return {
        "id": h.get("id"),
        "kind": h["kind"],
        "chamber": h.get("chamber"),
        "session": h.get("session"),
        "number": int(h["number"]) if h.get("number") else None,
        "zaak": h.get("zaak"),
        "title": h.get("title"),
        "date_submitted": h.get("sub"),
        "date_answered": h.get("ans"),
        "askers": [{"name": a["name"], "party": a["party"]} for a in people("Indiener", "Medeindiener")],
        "addressees": [{"role": a["role"], "portfolio": a["portfolio"]} for a in people("GerichtAan")],
        "answerers": [{"name": a["name"], "role": a["role"], "portfolio": a["portfolio"]} for a in people("Beantwoorder")],
        "on_behalf_of": [{"name": a["name"], "role": a["role"], "portfolio": a["portfolio"]} for a in people("MedeNamens")],
        "see_also": [_see_also(r["s"]) for r in see],
        "questions": [{"number": int(q["n"]), "text": q["t"]} for q in questions],
        "answers": [{"questions": sorted(int(x.rsplit("/", 1)[-1]) for x in (a["qs"] or "").split()), "text": a["t"]} for a in answers],
        "footnotes": [{"number": int(f["n"]), "text": f["t"], "urls": (f["urls"] or "").split()} for f in notes],
        "entities": _entities(mentions),
        "source": h.get("source"),
    }


def _see_also(iri: str) -> dict[str, Any]:
    m = re.search(r"/ah-[a-z]+-(\d{4})(\d{4})-(\d+)$", iri)
    return {"kind": "aanhangsel", "session": f"{m.group(1)}-{m.group(2)}", "number": int(m.group(3))} if m else {"kind": "aanhangsel", "session": None, "number": None}


def _entities(rows: list[dict[str, str | None]]) -> list[dict[str, str]]:
    by_mention: dict[int, dict[str, str]] = {}
    for r in rows:
        kind = (r["type"] or "").rsplit("#", 1)[-1]
        if kind not in _TYPES:
            continue
        k = int((r["m"] or "0").rsplit("/", 1)[-1])
        by_mention[k] = {"type": _TYPES[kind], "label": r["label"] or "", "where": r["where"] or ""}
    return [by_mention[k] for k in sorted(by_mention)]
