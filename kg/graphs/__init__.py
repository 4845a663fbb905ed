"""Graphs of the store for network analysis: networkx projections and the files tools read.

>>> from kg.store import KgStore
>>> g = project(KgStore.memory(), "co-asking")
>>> g.number_of_nodes(), g.graph["projection"]
(0, 'co-asking')
"""

from __future__ import annotations

from kg.graphs.projections import ENTITY_TYPES, PROJECTIONS, Filters, doc_id, project
from kg.graphs.writers import FORMATS, dumps, export_graph, write_graph

__all__ = ["ENTITY_TYPES", "FORMATS", "PROJECTIONS", "Filters", "doc_id", "dumps", "export_graph", "project", "write_graph"]
