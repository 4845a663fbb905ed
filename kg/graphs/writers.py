"""Graph files for network tools: GraphML, GEXF (Gephi), Cytoscape.js JSON, D3 node-link JSON, DOT, CSV.

Lists (the `document_ids` of an edge, a person's `parties`, `same_as`) are kept as JSON lists in the
two JSON formats. GraphML, GEXF, DOT and CSV have no list type, so there they are joined into one
string with `LIST_SEP` ("|"); split on it to get the list back. Attributes without a value are left
out. Numbers stay numbers (typed attributes in GraphML and GEXF).

| format | file | read back with |
|---|---|---|
| `graphml` | .graphml | `networkx.read_graphml`, Gephi, Cytoscape, yEd |
| `gexf` | .gexf | `networkx.read_gexf`, Gephi |
| `cytoscape` | .cyjs / .json | `networkx.cytoscape_graph`, Cytoscape.js, Cytoscape |
| `d3` | .json | `networkx.node_link_graph(data, edges="links")`, D3 |
| `dot` | .dot / .gv | Graphviz |
| `csv` | `<name>.nodes.csv` + `<name>.edges.csv` | pandas, spreadsheets, Gephi's data laboratory |

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("a", "b", weight=2, document_ids=["d1", "d2"])
>>> print(dumps(g, "dot"))
graph "kg" {
  "a";
  "b";
  "a" -- "b" [weight=2, document_ids="d1|d2"];
}
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import numbers
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.errors import UsageError
from kg.graphs.projections import Filters, project
from kg.progress import Progress, Ticks
from kg.store import KgStore

__all__ = ["FORMATS", "LIST_SEP", "dump", "dumps", "export_graph", "flat", "format_for", "write_graph"]

LIST_SEP = "|"
FORMATS = ("graphml", "gexf", "cytoscape", "d3", "dot", "csv")
_ALIASES = {"cyjs": "cytoscape", "json": "d3", "node-link": "d3", "gv": "dot"}
_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".json": "d3", ".dot": "dot", ".gv": "dot", ".csv": "csv"}


def format_for(fmt: str | None, path: str | Path | None = None) -> str:
    """The format name for a `--format` value, or guessed from the output file's suffix.

    >>> format_for(None, "out.gexf"), format_for("json"), format_for("GraphML")
    ('gexf', 'd3', 'graphml')
    """
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise UsageError(f"unknown graph format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
        return name
    if path is not None and Path(path).suffix.lower() in _SUFFIXES:
        return _SUFFIXES[Path(path).suffix.lower()]
    raise UsageError("no graph format given", hint=f"use --format {'|'.join(FORMATS)} or an output file ending in {', '.join(_SUFFIXES)}")


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):  # and numpy's numbers as Python's
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return LIST_SEP.join(str(v) for v in items)
    return str(value)


def _flat_attrs(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ((k, _scalar(v)) for k, v in d.items()) if v is not None}


# the characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; lone
# surrogates): taken out of text for GraphML and GEXF, and for DOT (Graphviz has no use for them either)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    r"""`text` without the characters XML cannot hold (each of them is unprintable: most text is looked at once, in C).

    >>> _xml_safe("pagina\x0cvolgende\n"), _xml_safe("Één")
    ('paginavolgende\n', 'Één')
    """
    return text if text.isprintable() else _NOT_XML.sub("", text)


def _xml_attrs(d: dict[str, Any]) -> dict[str, Any]:
    """`_flat_attrs`, with the characters XML cannot hold taken out of text (a form feed from a PDF's page break).

    >>> _xml_attrs({"label": "a\x0cb", "n": 1, "ids": ["x", "y"]})
    {'label': 'ab', 'n': 1, 'ids': 'x|y'}
    """
    return {k: _xml_safe(v) if isinstance(v, str) else v for k, v in _flat_attrs(d).items()}


_DEFAULTS = ("node_default", "edge_default")


def flat(g: nx.Graph) -> nx.Graph:
    """A copy of the graph whose attributes are scalars that XML can hold (lists joined with `LIST_SEP`,
    None dropped, characters XML cannot hold taken out, of the nodes' names too)."""
    h = g.__class__()
    h.graph.update(_xml_attrs({k: v for k, v in g.graph.items() if k not in _DEFAULTS}))
    h.graph.update({k: _xml_attrs(g.graph[k]) for k in _DEFAULTS if isinstance(g.graph.get(k), dict)})  # networkx's default values
    h.add_nodes_from((_xml_id(n), _xml_attrs(d)) for n, d in g.nodes(data=True))
    if g.is_multigraph():
        h.add_edges_from((_xml_id(u), _xml_id(v), _xml_id(k), _xml_attrs(d)) for u, v, k, d in g.edges(keys=True, data=True))
    else:
        h.add_edges_from((_xml_id(u), _xml_id(v), _xml_attrs(d)) for u, v, d in g.edges(data=True))
    return h


def _xml_id(node: Any) -> Any:
    return _xml_safe(node) if isinstance(node, str) else node


def _element(xf: Any, tag: str, attrib: dict[str, Any] | None = None, **more: Any) -> Any:
    """An element of lxml's incremental writer, its attributes' values as text XML can hold (where the
    streamed GraphML and GEXF clean what they write, but for GraphML's data elements, whose one
    attribute is a key id of kg's; `_text_of` for text between tags)."""
    return xf.element(tag, {k: _xml_safe(str(v)) for k, v in (more if attrib is None else attrib | more).items()})


def _text_of(xf: Any, value: Any) -> None:
    xf.write(_xml_safe(str(value)))


def _edges(g: nx.Graph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """Each edge as (u, v, key, attributes); the key is None but in a multigraph."""
    return g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))


PROGRESS_EVERY = 10_000  # nodes and edges written between progress calls


def _graph_ticks(progress: Progress | None, g: nx.Graph) -> Ticks:
    """The nodes and edges written, counted for `progress` (every `PROGRESS_EVERY`)."""
    return Ticks(progress, g.number_of_nodes() + g.number_of_edges(), PROGRESS_EVERY)


# --- GraphML -------------------------------------------------------------------------------------

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _xml_type(value: Any) -> str:
    """The GraphML and GEXF type of a value, as networkx declares Python's (numpy's numbers by what they are).

    >>> [_xml_type(v) for v in (True, 3, 2.5, "x", None)]
    ['boolean', 'long', 'double', 'string', 'string']
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "long"
    return "double" if isinstance(value, numbers.Real) else "string"


def _graphml_plain(g: nx.Graph) -> bool:
    """Whether the graph has only what `_write_graphml` writes (no defaults, no id of the graph)."""
    return not ({*_DEFAULTS, "id"} & g.graph.keys())


def _graphml_data(xf: Any, keys: dict[tuple[str, str, str], str], scope: str, d: dict[str, Any]) -> None:
    for k, v in d.items():
        with xf.element(_graphml_tag("data"), key=keys[scope, k, _xml_type(v)]):  # a key id of kg's: "d0", "d1", …
            _text_of(xf, v)


def _graphml_tag(name: str) -> str:
    return f"{{{_GRAPHML}}}{name}"


def _write_graphml(g: nx.Graph, out: BinaryIO, ticks: Ticks) -> None:
    """GraphML as `networkx.write_graphml` writes it (a key for each name and type of value, in the order
    first met: the graph's, the nodes', the edges'; a multigraph's edge keys as edge ids), element by
    element, so that progress can be told. Graphs with default values or a graph id go to networkx."""
    if not _graphml_plain(g):
        nx.write_graphml(flat(g), out)
        ticks.end()
        return
    from lxml import etree  # a dependency of kg's; imported where it is used

    multi = g.is_multigraph()
    graph = _flat_attrs(g.graph)  # (without defaults: see `_graphml_plain`)
    keys: dict[tuple[str, str, str], str] = {}
    rows = [("graph", [graph]), ("node", (_flat_attrs(d) for _, d in g.nodes(data=True))), ("edge", (_flat_attrs(d) for *_, d in _edges(g)))]
    for scope, dicts in rows:
        for d in dicts:
            for k, v in d.items():
                keys.setdefault((scope, k, _xml_type(v)), f"d{len(keys)}")
    schema = f"{_GRAPHML} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_graphml_tag("graphml"), {f"{{{_XSI}}}schemaLocation": schema}, nsmap={None: _GRAPHML, "xsi": _XSI}):
            xf.write("\n")
            for (scope, name, kind), key in keys.items():
                with _element(xf, _graphml_tag("key"), {"id": key, "for": scope, "attr.name": name, "attr.type": kind}):
                    pass
                xf.write("\n")
            with _element(xf, _graphml_tag("graph"), edgedefault="directed" if g.is_directed() else "undirected"):
                _graphml_data(xf, keys, "graph", graph)
                xf.write("\n")
                for n, d in ticks(g.nodes(data=True)):
                    with _element(xf, _graphml_tag("node"), id=n):
                        _graphml_data(xf, keys, "node", _flat_attrs(d))
                    xf.write("\n")
                for u, v, k, d in ticks(_edges(g)):
                    with _element(xf, _graphml_tag("edge"), {"source": u, "target": v} | ({"id": k} if multi else {})):
                        _graphml_data(xf, keys, "edge", _flat_attrs(d))
                    xf.write("\n")
    ticks.end()


# --- GEXF ----------------------------------------------------------------------------------------

_GEXF = "http://www.gexf.net/1.2draft"
# what networkx writes as more than an attribute value (times, visuals, hierarchy, its own ids and defaults)
_GEXF_NODE_SPECIAL = frozenset({"id", "key", "networkx_key", "pid", "start", "end", "viz", "parents", "spells", "slices"})
_GEXF_EDGE_SPECIAL = frozenset({"id", "key", "start", "end", "viz", "spells", "slices", "networkx_key"})
_GEXF_EDGE_XML = ("label", "weight", "type")  # written as XML attributes of the edge


def _gexf_value(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    text = str(v)
    return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(text, text) if isinstance(v, float) else text


def _flat_edges(g: nx.Graph) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """Each edge with its flat attributes; a multigraph's key as `networkx_key` (as networkx does)."""
    multi = g.is_multigraph()
    return ((u, v, {**_flat_attrs(d), **({"networkx_key": k} if multi else {})}) for u, v, k, d in _edges(g))


def _gexf_plain(g: nx.Graph) -> bool:
    """Whether the graph has only what `_write_gexf` writes: static, scalar attributes, no defaults."""
    if g.graph.get("mode") == "dynamic" or any(k in g.graph for k in _DEFAULTS):
        return False
    nodes = all(not (_GEXF_NODE_SPECIAL & d.keys()) for _, d in g.nodes(data=True))
    return nodes and all(not (_GEXF_EDGE_SPECIAL & d.keys()) for _, _, d in g.edges(data=True))


def _declared(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each attribute's title and GEXF type, in the order first met (its first value's type, as networkx)."""
    out: dict[str, str] = {}
    for d in rows:
        for k, v in d.items():
            if k not in out:
                out[k] = _xml_type(v)
    return out


def _tag(name: str) -> str:
    return f"{{{_GEXF}}}{name}"


def _gexf_attvalues(xf: Any, ids: dict[str, str], d: dict[str, Any]) -> None:
    if d:
        with xf.element(_tag("attvalues")):
            for k, v in d.items():
                with _element(xf, _tag("attvalue"), {"for": ids[k], "value": _gexf_value(v)}):
                    pass


def _gexf_declare(xf: Any, cls: str, declared: dict[str, str], ids: dict[str, str]) -> None:
    if declared:
        with xf.element(_tag("attributes"), {"class": cls, "mode": "static"}):
            for title, kind in declared.items():
                with _element(xf, _tag("attribute"), id=ids[title], title=title, type=kind):
                    pass


def _gexf_nodes(xf: Any, g: nx.Graph, ids: dict[str, str], ticks: Ticks) -> None:
    with xf.element(_tag("nodes")):
        for n, d in ticks(g.nodes(data=True)):
            values = _flat_attrs(d)
            with _element(xf, _tag("node"), id=n, label=values.pop("label", n)):
                _gexf_attvalues(xf, ids, values)
            xf.write("\n")


def _gexf_edges(xf: Any, g: nx.Graph, ids: dict[str, str], ticks: Ticks) -> None:
    with xf.element(_tag("edges")):
        for i, (u, v, d) in enumerate(ticks(_flat_edges(g))):
            xml = {"id": i, "source": u, "target": v} | {k: d.pop(k) for k in _GEXF_EDGE_XML if k in d}
            with _element(xf, _tag("edge"), xml):
                _gexf_attvalues(xf, ids, d)
            xf.write("\n")


def _write_gexf(g: nx.Graph, out: BinaryIO, ticks: Ticks) -> None:
    """GEXF 1.2 as `networkx.write_gexf` writes it (what `read_gexf` reads back is the same graph), but
    element by element as it is made, not built whole in memory first (at 10k documents the co-mention
    graph took 2.8 GB that way). Graphs with networkx's dynamic or visual attributes go to networkx."""
    if not _gexf_plain(g):
        nx.write_gexf(flat(g), out, version="1.2draft")
        ticks.end()
        return
    from lxml import etree  # a dependency of kg's; imported where it is used

    # the attributes are declared before the nodes: a first pass finds them (ids numbered as networkx does)
    node_attrs = _declared({k: v for k, v in _flat_attrs(d).items() if k != "label"} for _, d in g.nodes(data=True))
    edge_attrs = _declared({k: v for k, v in d.items() if k not in _GEXF_EDGE_XML} for _, _, d in _flat_edges(g))
    node_ids = {k: str(i) for i, k in enumerate(node_attrs)}
    edge_ids = {k: str(i) for i, k in enumerate(edge_attrs, len(node_attrs))}
    head = {f"{{{_XSI}}}schemaLocation": f"{_GEXF} http://www.gexf.net/1.2draft/gexf.xsd", "version": "1.2"}
    graph = {"defaultedgetype": "directed" if g.is_directed() else "undirected", "mode": "static", "name": _flat_attrs(g.graph).get("name", "")}
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_tag("gexf"), head, nsmap={None: _GEXF, "xsi": _XSI}):
            with xf.element(_tag("meta"), lastmodifieddate=time.strftime("%Y-%m-%d")), xf.element(_tag("creator")):
                _text_of(xf, f"kg {g.graph['kg_version']}" if "kg_version" in g.graph else "kg")
            with _element(xf, _tag("graph"), graph):
                _gexf_declare(xf, "node", node_attrs, node_ids)
                _gexf_declare(xf, "edge", edge_attrs, edge_ids)
                xf.write("\n")
                _gexf_nodes(xf, g, node_ids, ticks)
                _gexf_edges(xf, g, edge_ids, ticks)
    ticks.end()


# --- JSON ----------------------------------------------------------------------------------------


def _json_safe(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple | set | frozenset) else v) for k, v in d.items() if v is not None}


def _cytoscape_nodes(g: nx.Graph) -> Iterator[dict[str, Any]]:
    for n, d in g.nodes(data=True):
        yield {"data": {"id": str(n), "value": n, "name": d.get("label", str(n)), **_json_safe(d)}}


def _cytoscape_edges(g: nx.Graph) -> Iterator[dict[str, Any]]:
    for i, (u, v, k, d) in enumerate(_edges(g)):
        data = {"id": f"e{i}", "source": u, "target": v, **_json_safe(d)}
        if k is not None:
            data["key"] = k
        yield {"data": data}


def _cytoscape_head(g: nx.Graph) -> dict[str, Any]:
    return {
        "format_version": "1.0",
        "generated_by": "kg",
        "target_cytoscapejs_version": "~3",
        "data": _json_safe(g.graph),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
    }


def cytoscape_json(g: nx.Graph) -> dict[str, Any]:
    """The Cytoscape.js elements format (also what `networkx.cytoscape_graph` reads)."""
    return {**_cytoscape_head(g), "elements": {"nodes": list(_cytoscape_nodes(g)), "edges": list(_cytoscape_edges(g))}}


def _d3_nodes(g: nx.Graph) -> Iterator[dict[str, Any]]:
    return ({**d, "id": n} for n, d in g.nodes(data=True))


def _d3_links(g: nx.Graph) -> Iterator[dict[str, Any]]:
    multi = g.is_multigraph()
    return ({**d, "source": u, "target": v, **({"key": k} if multi else {})} for u, v, k, d in _edges(g))


def _d3_head(g: nx.Graph) -> dict[str, Any]:
    return {"directed": g.is_directed(), "multigraph": g.is_multigraph(), "graph": g.graph}


def _json_value(value: Any) -> Any:
    """What JSON cannot hold as it is: a set becomes a sorted list, numpy's numbers Python's, anything else its text."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, numbers.Integral):
        return int(value)
    return float(value) if isinstance(value, numbers.Real) else str(value)


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_value)


def _write_json(text: io.TextIOWrapper, head: dict[str, Any], arrays: dict[str, Iterable[Any]], ticks: Ticks, within: str | None = None) -> None:
    """A JSON object: the items of `head`, then the arrays (inside the object `within` when given), one
    element a line, each written as it is made."""
    text.write("{\n" + "".join(f" {_json_dumps(k)}: {_json_dumps(v)},\n" for k, v in head.items()))
    pad = "  " if within is not None else " "
    if within is not None:
        text.write(f" {_json_dumps(within)}: {{\n")
    for i, (name, items) in enumerate(arrays.items()):
        text.write(f"{pad}{_json_dumps(name)}: [")
        first, sep = f"\n{pad} ", f",\n{pad} "
        at = first
        for item in ticks(items):
            text.write(at + _json_dumps(item))
            at = sep
        text.write(("]" if at == first else f"\n{pad}]") + (",\n" if i < len(arrays) - 1 else "\n"))
    text.write(" }\n}\n" if within is not None else "}\n")


# --- DOT -----------------------------------------------------------------------------------------


def _dot_id(value: Any) -> str:
    if isinstance(value, bool):
        return f'"{str(value).lower()}"'
    if isinstance(value, int | float):
        return repr(value)
    text = _xml_safe(str(value)).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{text}"'


def _dot_attrs(d: dict[str, Any]) -> str:
    items = [f"{k}={_dot_id(v)}" for k, v in _flat_attrs(d).items() if k.isidentifier()]
    return f" [{', '.join(items)}]" if items else ""


def _dot_lines(g: nx.Graph, ticks: Ticks) -> Iterator[str]:
    """Graphviz DOT, line by line (no pygraphviz or pydot needed)."""
    kind, arrow = ("digraph", "->") if g.is_directed() else ("graph", "--")
    name = g.graph.get("projection", "kg")
    yield f"{kind} {_dot_id(name)} {{\n"
    graph_attrs = _flat_attrs(g.graph)
    if graph_attrs:
        yield f"  graph{_dot_attrs(graph_attrs)};\n"
    for n, d in ticks(g.nodes(data=True)):
        yield f"  {_dot_id(n)}{_dot_attrs(d)};\n"
    for u, v, d in ticks(g.edges(data=True)):
        yield f"  {_dot_id(u)} {arrow} {_dot_id(v)}{_dot_attrs(d)};\n"
    yield "}\n"


# --- CSV -----------------------------------------------------------------------------------------


_NODE_COLUMNS = ["id", "label", "type", "documents"]


def _edge_columns(g: nx.Graph) -> list[str]:
    return ["source", "target", "key", "weight", "relation"] if g.is_multigraph() else ["source", "target", "weight", "relation"]


def _node_rows(g: nx.Graph) -> Iterator[dict[str, Any]]:
    return ({"id": n, **_flat_attrs(d)} for n, d in g.nodes(data=True))


def _edge_rows(g: nx.Graph) -> Iterator[dict[str, Any]]:
    multi = g.is_multigraph()
    return ({"source": u, "target": v, **({"key": k} if multi else {}), **_flat_attrs(d)} for u, v, k, d in _edges(g))


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """Where the two CSV tables go: `out.csv` → `out.nodes.csv`, `out.edges.csv`.

    >>> [p.name for p in csv_paths("graph.csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    """
    p = Path(path)
    stem = p.with_suffix("") if p.suffix.lower() == ".csv" else p
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


# --- entry points --------------------------------------------------------------------------------


def dump(g: nx.Graph, fmt: str, out: BinaryIO, progress: Callable[[int, int], None] | None = None) -> None:
    """Write the graph in one of `FORMATS` (not csv: that is two files) to a binary stream as UTF-8,
    as it is made: a large graph is never held as one string. `progress(done, total)` is told the nodes
    and edges written.

    >>> buf = io.BytesIO()
    >>> dump(nx.path_graph(2), "d3", buf)
    >>> json.loads(buf.getvalue())["links"]
    [{'source': 0, 'target': 1}]
    """
    name = format_for(fmt)
    if name == "csv":
        raise UsageError("csv writes two tables (nodes and edges)", hint="give an output file, e.g. -o graph.csv")
    ticks = _graph_ticks(progress, g)
    if name == "graphml":
        _write_graphml(g, out, ticks)
        return
    if name == "gexf":
        _write_gexf(g, out, ticks)
        return
    with _text(out) as text:
        if name == "dot":
            text.writelines(_dot_lines(g, ticks))
        elif name == "cytoscape":
            _write_json(text, _cytoscape_head(g), {"nodes": _cytoscape_nodes(g), "edges": _cytoscape_edges(g)}, ticks, within="elements")
        else:
            _write_json(text, _d3_head(g), {"nodes": _d3_nodes(g), "links": _d3_links(g)}, ticks)
    ticks.end()


@contextlib.contextmanager
def _text(out: BinaryIO) -> Iterator[io.TextIOWrapper]:
    """`out` written as UTF-8 text, left open."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def dumps(g: nx.Graph, fmt: str) -> str:
    """The graph as text in one of `FORMATS` (not csv: that is two files)."""
    buf = io.BytesIO()
    dump(g, fmt, buf)
    return buf.getvalue().decode("utf-8")


def _write_csv(out: BinaryIO, rows: Callable[[], Iterator[dict[str, Any]]], first: list[str], ticks: Ticks) -> None:
    """One CSV table: the columns that occur (`first` in front), then the rows, made twice rather than held."""
    seen = dict.fromkeys(first)
    present: set[str] = set()
    for r in rows():
        seen.update(dict.fromkeys(r))
        present.update(r)
    cols = [c for c in seen if c in present] or first
    with _text(out) as text:
        w = csv.DictWriter(text, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(ticks(rows()))


@contextlib.contextmanager
def _replaced(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` once written whole: an export that fails half-way leaves no
    half-written file (and an older one in place, its mode kept). A symlink's target is replaced;
    what is not a regular file (a pipe, /dev/stdout) is written straight."""
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        with open(target, "wb") as f:
            yield f
        return
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(part, "wb") as f:
            yield f
        if target.exists():
            shutil.copymode(target, part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def write_graph(g: nx.Graph, fmt: str | None, path: str | Path, progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write the graph to `path` (format given or guessed from the suffix), streamed; the files written.
    `progress(done, total)`: the nodes and edges written so far (see `dump`)."""
    name = format_for(fmt, path)
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        if name == "csv":
            nodes_path, edges_path = csv_paths(p)
            ticks = _graph_ticks(progress, g)
            with _replaced(nodes_path) as nodes, _replaced(edges_path) as edges:  # both tables, or neither
                _write_csv(nodes, lambda: _node_rows(g), _NODE_COLUMNS, ticks)
                _write_csv(edges, lambda: _edge_rows(g), _edge_columns(g), ticks)
            ticks.end()
            return [nodes_path, edges_path]
        with _replaced(p) as f:
            dump(g, name, f, progress)
    except OSError as exc:
        raise UsageError(f"cannot write {p}: {exc.strerror}") from exc
    return [p]


def export_graph(
    store: KgStore,
    projection: str,
    fmt: str | None = None,
    output: str | Path | None = None,
    filters: Filters | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path] | str:
    """Project the store and write the graph: the files written, or the text when `output` is None.

    One call for `kg export graph`; `progress(done, total)` as the nodes and edges are written.
    """
    g = project(store, projection, filters)
    if output is None:
        return dumps(g, format_for(fmt))
    return write_graph(g, fmt, output, progress)
