"""RDF export of the store: Turtle, N-Triples (graphs merged), N-Quads, TriG (graphs kept), JSON-LD.

>>> from kg.store import DOC_GRAPH_PREFIX, KgStore
>>> export_rdf(KgStore.memory(), "nq")
b''
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import UsageError
from kg.progress import Ticks
from kg.store import DOC_GRAPH_PREFIX, KgStore
from kg.vocab import PREFIXES

__all__ = ["EXPORT_FORMATS", "export_rdf"]

EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    # name: (format, keeps named graphs)
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
}


def _triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of the quads, each once. A document graph states only what is about that document
    (kg.rdf), so only the shared and derived graphs can repeat a triple: only theirs are remembered,
    which keeps memory to those graphs, not the corpus."""
    seen: set[ox.Triple] = set()
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(DOC_GRAPH_PREFIX):
            yield t
        elif t not in seen:
            seen.add(t)
            yield t


PROGRESS_EVERY = 20_000  # quads between progress calls


def _counted(items: Iterable[ox.Quad], progress: Callable[[int, int], None], total: int) -> Iterator[ox.Quad]:
    """The items unchanged, calling `progress(done, total)` every `PROGRESS_EVERY` and at the end."""
    ticks = Ticks(progress, total, PROGRESS_EVERY)
    yield from ticks(items)
    ticks.end()


def export_rdf(
    store: KgStore, fmt: str, output: str | None = None, *, progress: Callable[[int, int], None] | None = None
) -> bytes | None:
    """Serialise the whole store; formats without named graphs get the merged triples.

    `progress(done, total)` is called as quads are read (total: the quads in the store).
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(EXPORT_FORMATS)}")
    rdf_format, keeps_graphs = EXPORT_FORMATS[fmt]
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    quads = store.quads() if progress is None else _counted(store.quads(), progress, len(store))
    data = quads if keeps_graphs else _triples(quads)
    if fmt == "jsonld":
        data = list(data)
    return ox.serialize(data, output, format=rdf_format, prefixes=prefixes)
