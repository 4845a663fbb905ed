"""An interactive view of a graph as ONE self-contained HTML file that works offline.

The page inlines its script and style (kg/static/kgviz.js, kgviz.css: a small force layout
written for kg, no third-party code, no CDN) and the graph as JSON; a Content-Security-Policy
forbids it to load anything. It colours nodes by type, party or ministry, sizes them by degree,
has a search box, category and degree filters, pan/zoom/drag, and a details panel with external
links (Wikidata, Tweede Kamer, officielebekendmakingen.nl) and the publications behind a node.

Large graphs stay usable: only the `max_nodes` nodes with the most connections are drawn and the
page says how many were left out. The page reports what it drew in `document.body.dataset`
(`renderedNodes`, `renderedEdges`, `totalNodes`, `omittedNodes`) and in `#kg-rendered-nodes`.

>>> import networkx as nx
>>> g = nx.path_graph(5)
>>> html = render_html(g, max_nodes=3)
>>> 'data-shown-nodes="3"' in html and 'data-omitted-nodes="2"' in html
True
"""

from __future__ import annotations

import html as htmllib
import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.graphs.projections import Filters, project
from kg.graphs.style import NONE_COLOUR, PALETTE, TYPE_COLOURS
from kg.store import KgStore

__all__ = ["COLOR_BY", "DEFAULT_MAX_NODES", "render_html", "top_nodes", "write_html"]

COLOR_BY = ("type", "party", "ministry")
DEFAULT_MAX_NODES = 500
MAX_DOCS_PER_NODE = 200
_SCALARS = ("label", "type", "party", "ministry", "role", "title", "submitted", "received", "documents",
            "wikidata", "tweedekamer", "officielebekendmakingen", "parlement", "wetten", "page")  # fmt: skip
_LISTS = ("parties", "answered_by", "same_as")


@cache
def _asset(name: str) -> str:
    text = files("kg").joinpath("static", name).read_text(encoding="utf-8")
    if not name.endswith(".html") and re.search(r"</(script|style)", text, re.I):  # would end the inline element
        raise ValueError(f"kg/static/{name} must not contain a closing script or style tag")
    return text


def top_nodes(g: nx.Graph, max_nodes: int) -> list[Any]:
    """The `max_nodes` nodes with the most neighbours (ties: more publications, then label).

    >>> top_nodes(nx.star_graph(4), 2)
    [0, 1]
    """
    def key(n: Any) -> tuple:
        return (-g.degree(n), -int(g.nodes[n].get("documents") or 0), str(g.nodes[n].get("label", n)), str(n))

    return sorted(g.nodes, key=key)[: max(max_nodes, 0)]


def _node_docs(g: nx.Graph, n: Any) -> list[str]:
    docs: set[str] = set()
    edges = list(g.in_edges(n, data=True)) + list(g.out_edges(n, data=True)) if g.is_directed() else list(g.edges(n, data=True))
    for *_, d in edges:
        docs.update(d.get("document_ids") or ())
    if isinstance(n, str) and "/id/doc/" in n:
        docs.add(n.rsplit("/id/doc/", 1)[1])
    return sorted(docs, reverse=True)


def _payload(g: nx.Graph, keep: list[Any], color_by: str, title: str) -> dict[str, Any]:
    index = {n: i for i, n in enumerate(keep)}
    nodes = []
    for n in keep:
        d = g.nodes[n]
        item: dict[str, Any] = {"id": str(n), "label": str(d.get("label", n)), "degree": g.degree(n)}
        for k in _SCALARS:
            v = d.get(k)
            if v is not None and v != "" and k != "label":
                item[k] = v if isinstance(v, int | float) else str(v)
        for k in _LISTS:
            if d.get(k):
                item[k] = [str(x) for x in d[k]]
        docs = _node_docs(g, n)
        item["docs"] = docs[:MAX_DOCS_PER_NODE]
        item["docsTotal"] = len(docs)
        nodes.append(item)
    edges = []
    seen: set[tuple[int, int, str]] = set()
    for u, v, d in g.edges(data=True):
        if u in index and v in index:
            rel = str(d.get("relation", ""))
            key = (index[u], index[v], rel)
            if key not in seen:
                seen.add(key)
                edges.append([index[u], index[v], d.get("weight", 1), rel])
    return {
        "title": title,
        "colorBy": color_by,
        "directed": g.is_directed(),
        "palette": list(PALETTE),
        "typeColours": TYPE_COLOURS,
        "noneColour": NONE_COLOUR,
        "nodes": nodes,
        "edges": edges,
    }


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element (no '<', '>' or '&' that could end it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(g: nx.Graph, *, color_by: str = "type", max_nodes: int = DEFAULT_MAX_NODES, title: str | None = None) -> str:
    """The page for graph `g` (any networkx graph; kg projections carry the richest details)."""
    from kg import __version__

    if color_by not in COLOR_BY:
        raise UsageError(f"cannot colour by {color_by!r}", hint=f"use one of {', '.join(COLOR_BY)}")
    if max_nodes < 1:
        raise UsageError(f"--max-nodes {max_nodes} must be at least 1")
    keep = top_nodes(g, max_nodes)
    total, shown = g.number_of_nodes(), len(keep)
    omitted = total - shown
    name = title or f"kg: {g.graph.get('projection', 'graph')}"
    meta = [f"{total:,} nodes, {g.number_of_edges():,} edges"]
    if g.graph.get("filters"):
        meta.append(f"filters: {g.graph['filters']}")
    message = (
        f"Showing {shown:,} of {total:,} nodes (those with the most connections); {omitted:,} left out. "
        "Narrow the graph with filters (--from, --to, --party, --ministry, --entity-type, --min-weight) or raise --max-nodes."
        if omitted
        else ""
    )
    fields = {
        "TITLE": htmllib.escape(name),
        "VERSION": htmllib.escape(__version__),
        "META": htmllib.escape(" · ".join(meta)),
        "TOTAL_NODES": str(total),
        "SHOWN_NODES": str(shown),
        "OMITTED_NODES": str(omitted),
        "OMITTED_HIDDEN": "" if omitted else " hidden",
        "OMITTED_MESSAGE": htmllib.escape(message),
        "CSS": _asset("kgviz.css"),
        "JS": _asset("kgviz.js"),
        "DATA": _script_json(_payload(g, keep, color_by, name)),
    }
    return re.sub(r"__KG_([A-Z_]+)__", lambda m: fields[m.group(1)], _asset("kgviz.html"))


def write_html(
    store: KgStore,
    output: str | Path,
    *,
    projection: str = "entities",
    filters: Filters | None = None,
    color_by: str = "type",
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
) -> Path:
    """Project the store and write the page to `output` (one call for `kg viz`); the path written."""
    g = project(store, projection, filters)
    page = render_html(g, color_by=color_by, max_nodes=max_nodes, title=title)
    p = Path(output)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {p}: {exc.strerror}") from exc
    return p
