"""The embedded store: a pyoxigraph database on disk (or in memory), one named graph per document.

Writing a document replaces its graph in one transaction: the old graph out and the new one in,
so a reader never sees half a document and a killed build leaves whole documents only. What was
built from which file is read back from the provenance in each document's graph (the manifest),
so it can never disagree with the data.

>>> from kg.readers.layout import SAMPLE, parse_text
>>> from kg.rdf import document_quads
>>> from kg.iris import graph_iri
>>> s = KgStore.memory()
>>> doc = parse_text(SAMPLE)
>>> s.replace_graph(graph_iri(doc), document_quads(doc, built_at=None))
>>> s.count_documents()
1
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreLocked
from kg.iris import SHARED_GRAPH
from kg.vocab import DATA, PREFIXES, term

__all__ = ["DOC_GRAPH_PREFIX", "KgStore", "ManifestEntry"]

DOC_GRAPH_PREFIX = DATA + "graph/doc/"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One built source file: where it came from, its hash and the graph built from it."""

    source: str
    sha256: str
    graph: str


class KgStore:
    """A kg store: thin wrapper over `pyoxigraph.Store` with document-level operations."""

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False) -> None:
        self._store = store
        self.path = path
        self.read_only = read_only

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def memory(cls) -> KgStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True) -> KgStore:
        """Open (or create) the on-disk store at `path`.

        Raises `StoreLocked` when another process is writing to it, `StoreError` when it cannot be
        opened (not a store, missing and `create` is false).
        """
        p = Path(path)
        if (read_only or not create) and not (p / "CURRENT").exists():
            raise StoreError(f"no kg store at {p}", hint="build one first with `kg build PATH --store DIR`")
        try:
            store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
        except OSError as exc:
            msg = str(exc)
            if re.search(r"lock|Resource temporarily unavailable|busy", msg, re.I):
                raise StoreLocked(
                    f"{p} is being written by another kg process",
                    hint="wait for the other build to finish, or use another --store",
                ) from exc
            raise StoreError(f"cannot open the store at {p}: {msg}", hint="is it a kg store directory?") from exc
        return cls(store, p, read_only)

    def close(self) -> None:
        """Flush and release the database (and its write lock)."""
        if self._store is not None:
            self.flush()
            self._store = None  # type: ignore[assignment]

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for adapters: serve, export)."""
        return self._store

    # --- writing -------------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one document graph (and add its shared quads) in a single transaction."""
        quads = list(quads)
        g = ox.NamedNode(graph)
        try:
            if not self._store.contains_named_graph(g):
                self._store.extend(quads)
                return
            body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
            self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{\n{body}\n}}")
        except OSError as exc:
            raise StoreError(f"writing {graph} failed: {exc}") from exc

    def add_documents(self, quads: Iterable[ox.Quad]) -> None:
        """Add the quads of documents not yet in the store, through the bulk loader.

        Callers give whole documents per call, so that each call adds whole documents only.
        """
        try:
            self._store.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"writing documents failed: {exc}") from exc

    def has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def remove_graph(self, graph: str) -> None:
        """Remove one document's graph (the shared graph is kept)."""
        try:
            self._store.update(f"DROP SILENT GRAPH <{graph}>")
        except OSError as exc:
            raise StoreError(f"removing {graph} failed: {exc}") from exc

    def load_graph(self, data: bytes, fmt: ox.RdfFormat, graph: str) -> None:
        self._store.load(data, format=fmt, to_graph=ox.NamedNode(graph))

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    # --- reading -------------------------------------------------------------------------------

    def manifest(self) -> dict[str, ManifestEntry]:
        """What was built, by source file, read from each document graph's provenance."""
        q = """
        SELECT ?g ?src ?sha WHERE {
          GRAPH ?g { ?g kg:bestand ?f . ?f kg:sha256 ?sha . OPTIONAL { ?f dcterms:source ?src } }
        }"""
        out: dict[str, ManifestEntry] = {}
        for row in self._store.query(q, prefixes=PREFIXES):
            src = row["src"].value if row["src"] is not None else ""
            out[src] = ManifestEntry(src, row["sha"].value, row["g"].value)
        return out

    def document_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(DOC_GRAPH_PREFIX))

    def count_documents(self) -> int:
        return len(self.document_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, g)

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None, *, union: bool = True) -> Any:
        """Run a SPARQL query; `bindings` substitute variables safely (no string splicing).

        Without GRAPH clauses the query sees the union of all graphs (`union=True`).
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union, substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}", hint="check the query syntax") from exc
        except OSError as exc:
            raise StoreError(f"reading the store failed: {exc}") from exc
        except RuntimeError as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def dump(self, fmt: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        if graph is not None:
            return self._store.dump(format=fmt, from_graph=ox.NamedNode(graph))
        return self._store.dump(format=fmt)

    def shared_graph(self) -> ox.NamedNode:
        return term(SHARED_GRAPH)
