"""Page marks: where the date-ordered list of an often named entity can be cut before it is sorted.

A page of an entity's list (`entity-timeline`, `mention-provenance`: the publications naming it, in
the order of their sort keys, `kg:vermeldIn`) needs its first `offset + limit` rows, but a query
can only find them by sorting every publication that names the entity: 13,000 rows for the most
named entity of 100,000 documents, about 15 ms. `…/graph/paginering` marks, for each entity named
in at least `MARK_MIN` publications, the sort key of every `MARK_STEP`-th of them (`kg:Paginagrens`:
`kg:rang`, how many publications naming it have that key or a smaller one; `kg:grenssleutel`, the
key). A page that needs N rows keeps, of each entity, only the publications with a key up to that
of its first mark of rank N or more, and sorts those: every row of the page is among them, since
the page holds at most N of that entity's rows, all among its first N.

The marks are counted from the store as a whole. A build that only adds publications leaves them
true (an added publication can only raise the number of keys up to a mark). One that replaces or
removes publications can lower that number by one each: the graph counts them (`kg:vervangen`,
raised by `note_replaced` before each such publication is taken out, so that a reader of the store
in the middle of a build never sees a mark it no longer covers) and a query uses a mark only while
its rank minus that count still reaches N. At `SLACK` replaced or removed publications the marks are
taken out before the next one goes (and so are marks that keep no count: a remote store's, or a
graph written by another version), and counted again at the end of the build; so they are when the
store has grown by a tenth since they were counted (`kg:publicatiesGeteld`: entities named more
often get marks). A store without the graph (an older build, a build stopped after the marks were
taken out) sorts every row, as before, until its next build counts them.

>>> from kg.store import KgStore
>>> derive_page_marks(KgStore.memory())
0
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.store import KgStore
from kg.vocab import DATA, KG, RDF, XSD, term

__all__ = ["MARK_MIN", "MARK_STEP", "PAGES_GRAPH", "SLACK", "derive_page_marks", "note_replaced", "page_marks"]

PAGES_GRAPH = DATA + "graph/paginering"
MARK_STEP = 250  # publications between two marks of an entity
MARK_MIN = 2 * MARK_STEP  # publications naming an entity before it is marked (fewer are sorted in a millisecond)
SLACK = 100  # publications replaced or removed before the marks are taken out and counted again

_COUNTS = """SELECT ?e (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e kg:vermeldIn ?k } } GROUP BY ?e HAVING (COUNT(*) >= %d)"""
_KEYS = "SELECT ?k WHERE { GRAPH ?g { <%s> kg:vermeldIn ?k } }"
_HEADER = f"SELECT ?n ?counted WHERE {{ GRAPH <{PAGES_GRAPH}> {{ <{PAGES_GRAPH}> kg:vervangen ?n ; kg:publicatiesGeteld ?counted }} }}"


_RANK = term(KG.rang)  # one a mark


def _mark_iri(entity: str, rank: int) -> str:
    return f"{DATA}paginagrens/{hashlib.sha1(entity.encode()).hexdigest()[:16]}/{rank}"


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=term(XSD.integer))


def _header(replaced: int, publications: int) -> list[ox.Quad]:
    g = ox.NamedNode(PAGES_GRAPH)
    return [
        ox.Quad(g, term(KG.stap), _integer(MARK_STEP), g),
        ox.Quad(g, term(KG.vervangen), _integer(replaced), g),
        ox.Quad(g, term(KG.publicatiesGeteld), _integer(publications), g),
    ]


def page_marks(entity: str, keys: Iterable[int], step: int | None = None) -> Iterator[ox.Quad]:
    """The quads of the marks of one entity, from the sort keys of the publications naming it.

    >>> [q.object.value for q in page_marks("urn:e", [5, 1, 4, 2, 3], step=2) if q.predicate.value.endswith("grenssleutel")]
    ['2', '4']
    """
    step = step or MARK_STEP
    ordered = sorted(keys)
    g, e = ox.NamedNode(PAGES_GRAPH), ox.NamedNode(entity)
    for rank in range(step, len(ordered) + 1, step):
        m = ox.NamedNode(_mark_iri(entity, rank))
        yield ox.Quad(e, term(KG.paginagrens), m, g)
        yield ox.Quad(m, term(RDF.type), term(KG.Paginagrens), g)
        yield ox.Quad(m, term(KG.rang), _integer(rank), g)
        yield ox.Quad(m, term(KG.grenssleutel), _integer(ordered[rank - 1]), g)


def _read_header(store: KgStore) -> tuple[int, int] | None:
    """The replaced publications counted since the marks were, and the publications there were then."""
    for row in store.query(_HEADER):
        return int(row["n"].value), int(row["counted"].value)
    return None


def _publications(store: KgStore, known: int | None) -> int:
    """How many publications the store holds: `known` if given (counting the graphs of a large store takes a while)."""
    count = getattr(store, "count_documents", None)
    return known if known is not None else count() if count is not None else 0


def _all_marks(store: KgStore, publications: int) -> Iterator[ox.Quad]:
    yield from _header(0, publications)
    entities = sorted(str(row["e"].value) for row in store.query(_COUNTS % MARK_MIN))
    for e in entities:
        yield from page_marks(e, (int(row["k"].value) for row in store.query(_KEYS % e)))


def note_replaced(store: KgStore) -> bool:
    """Count one more publication replaced or removed, before it is taken out of the store; False when
    there is nothing more to count this build: no marks, or no count kept (a remote store, a graph of
    another version), or `SLACK` reached. In the last two cases the marks are taken out first: pages
    then sort all their rows until the derive counts the marks again.
    """
    if not store.has_graph(PAGES_GRAPH):
        return False
    update = getattr(store, "update", None)
    header = _read_header(store) if update is not None else None
    if update is None or header is None or header[0] >= SLACK:
        store.remove_graph(PAGES_GRAPH)
        return False
    g = f"<{PAGES_GRAPH}>"
    update(f"DELETE DATA {{ GRAPH {g} {{ {g} kg:vervangen {header[0]} }} }} ;\nINSERT DATA {{ GRAPH {g} {{ {g} kg:vervangen {header[0] + 1} }} }}")
    return True


def derive_page_marks(store: KgStore, everything: bool = True, publications: int | None = None) -> int:
    """Write the page marks; returns the number of marks in the graph.

    Unless `everything`, marks there are kept while they hold (fewer than `SLACK` publications replaced
    or removed since they were counted, see `note_replaced`) and the store has not grown by a tenth;
    otherwise, or without the graph, they are counted from the store. A remote store (no SPARQL
    update here) counts them every time. `publications`: how many the store holds, if the caller knows.
    """
    header = _read_header(store) if not everything and getattr(store, "update", None) and store.has_graph(PAGES_GRAPH) else None
    if header is not None:
        replaced, counted = header
        if replaced < SLACK and _publications(store, publications) - counted <= max(SLACK, counted // 10):
            return _marks(store)
    quads = list(_all_marks(store, _publications(store, publications)))
    store.replace_graph(PAGES_GRAPH, quads)
    return sum(1 for q in quads if q.predicate == _RANK)


def _marks(store: KgStore) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PAGES_GRAPH}> {{ ?m a kg:Paginagrens }} }}")
    return next(int(row["n"].value) for row in rows)
