"""kg: a knowledge graph of Dutch parliamentary written questions (Kamervragen).

The pipeline runs one way: readers (bytes → Document) → extract (entities) → link (external ids)
→ rdf (Document → quads) → store (pyoxigraph) → query / export / graphs / serve.

    import kg
    doc = kg.parse_file("examples/ah-tk-20132014-2290.txt")          # the contract record: doc.to_record()
    store, report = kg.build_store(["examples/"], "kg-store")         # parse, map and store a folder
    df = kg.run_named(store, "questions-per-member").to_dataframe()   # a named query into pandas
    hits = kg.search("kg-store", ["stikstof"], parts=["antwoord"])     # the full-text index, newest first
    g = kg.project(store, "co-asking")                                 # a networkx graph
    kg.write_graph(g, "gexf", "co-asking.gexf")                        # for Gephi

>>> import kg
>>> from kg.readers.layout import SAMPLE
>>> kg.parse_text(SAMPLE).title
'het bericht'
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the public names, imported on first use (the command line starts faster)
    from kg.build import BuildReport
    from kg.errors import KgError
    from kg.graphs import Filters, project, write_graph
    from kg.model import Document
    from kg.pipeline import parse_bytes, parse_file, parse_text
    from kg.query import QueryResult, load_named_queries, run_named, run_sparql
    from kg.store import KgStore
    from kg.textindex import search

_LAZY = {
    "BuildReport": "kg.build", "Document": "kg.model", "Filters": "kg.graphs", "KgError": "kg.errors", "KgStore": "kg.store",
    "QueryResult": "kg.query", "load_named_queries": "kg.query", "parse_bytes": "kg.pipeline", "parse_file": "kg.pipeline",
    "parse_text": "kg.pipeline", "project": "kg.graphs", "run_named": "kg.query", "run_sparql": "kg.query", "search": "kg.textindex",
    "write_graph": "kg.graphs",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "Document",
    "Filters",
    "KgError",
    "KgStore",
    "QueryResult",
    "__version__",
    "build_store",
    "load_named_queries",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "project",
    "run_named",
    "run_sparql",
    "search",
    "write_graph",
]


def build_store(paths: list[str | Path], store: str | Path | KgStore, **options: object) -> tuple[KgStore, BuildReport]:
    """Build files, folders or globs into a store (a folder, created when missing); the store stays open.

    Options are those of `kg.build.build` (jobs, force, prune, strict, refdata, optimize, text_index). Close the store
    (`store.close()`, or use it in a `with` block) to publish it to other readers.
    """
    from kg.build import build
    from kg.store import KgStore

    kg_store = store if isinstance(store, KgStore) else KgStore.open(store)
    report = build(paths, kg_store, **options)  # type: ignore[arg-type]
    return kg_store, report
