"""Static figures (PNG, SVG or PDF by the file's suffix): a projection drawn with a spring layout,
and the response-time chart (days from submission to answer per publication, 21-day norm marked).

matplotlib is an optional dependency (the "figures" extra): it is imported inside the functions,
and figures are drawn on a `matplotlib.figure.Figure` with the Agg canvas, never through pyplot,
so no global backend is chosen and nothing needs a display.

>>> days_between("2014-05-23", "2014-06-13")
21
>>> late(22), late(21)
(True, False)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.graphs.projections import Filters, doc_id, document_scope, project
from kg.graphs.style import NONE, colours_for
from kg.query import run_sparql
from kg.store import KgStore
from kg.viz import top_nodes

__all__ = ["FIGURES", "NORM_DAYS", "ResponseTime", "draw_graph", "figure", "response_time_chart", "response_times"]

NORM_DAYS = 21
FIGURES = ("graph", "response-times")
SUFFIXES = (".png", ".svg", ".pdf")
DEFAULT_MAX_NODES = 150
_LAYOUT_LIMIT = 499  # networkx's spring layout needs scipy from 500 nodes on


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise UsageError("figures need matplotlib", hint="pip install 'kg[figures]' (or pip install matplotlib)") from exc
    return matplotlib, Figure, FigureCanvasAgg


def _output(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise UsageError(f"cannot tell the figure format of {p.name}", hint=f"end the file name in {', '.join(SUFFIXES)}")
    return p


def _save(fig: Any, canvas_cls: Any, path: Path) -> Path:
    import matplotlib

    canvas_cls(fig)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with matplotlib.rc_context({"svg.hashsalt": "kg"}):  # stable ids in SVG: same graph, same file
            fig.savefig(path, format=path.suffix[1:].lower(), bbox_inches="tight", metadata=_metadata(path))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc
    return path


def _metadata(path: Path) -> dict[str, Any]:
    """Fixed metadata so that the same graph gives the same file (no creation dates)."""
    match path.suffix.lower():
        case ".svg":
            return {"Date": None}
        case ".pdf":
            return {"CreationDate": None}
    return {"Software": "kg"}


# --- a projection ---------------------------------------------------------------------------------


def draw_graph(
    g: nx.Graph,
    path: str | Path,
    *,
    color_by: str = "type",
    max_nodes: int = DEFAULT_MAX_NODES,
    labels: int = 40,
    seed: int = 7,
    title: str | None = None,
    size: tuple[float, float] = (12, 9),
    dpi: int = 150,
) -> Path:
    """Draw `g` (its `max_nodes` best-connected nodes) with a spring layout; the path written.

    Nodes are coloured by `color_by` (a node attribute: type, party, ministry) and sized by degree;
    the `labels` best-connected nodes are labelled; edge width grows with the weight.
    """
    p = _output(path)
    _, Figure, FigureCanvasAgg = _matplotlib()
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    limit = max_nodes if _has_scipy() else min(max_nodes, _LAYOUT_LIMIT)
    keep = top_nodes(g, limit)
    h = g.subgraph(keep).copy()
    simple = nx.Graph(h) if h.is_multigraph() or h.is_directed() else h
    pos = nx.spring_layout(simple, seed=seed, weight=None, k=2.2 / math.sqrt(max(len(simple), 1)), iterations=200) if len(simple) else {}

    fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    cats = {n: (d.get(color_by) or NONE) for n, d in h.nodes(data=True)}
    colours = colours_for(cats.values(), by_type=color_by == "type")
    if h.number_of_edges():
        segs = [(pos[u], pos[v]) for u, v in h.edges()]
        widths = [0.4 + 0.8 * math.log1p(float(d.get("weight", 1))) for *_, d in h.edges(data=True)]
        ax.add_collection(LineCollection(segs, linewidths=widths, colors="#9a9a9a", alpha=0.55, zorder=1))
    nodes = list(h.nodes)
    if nodes:
        ax.scatter(
            [pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
            s=[30 + 55 * math.sqrt(g.degree(n)) for n in nodes], c=[colours[cats[n]] for n in nodes],
            edgecolors="white", linewidths=0.8, zorder=2,
        )  # fmt: skip
        texts = []
        for n in top_nodes(h, labels):
            text = str(h.nodes[n].get("label", n))
            texts.append(ax.annotate(text if len(text) <= 38 else text[:37] + "…", pos[n], xytext=(6, 0), textcoords="offset points",
                                     fontsize=8, va="center", zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7}))  # fmt: skip
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        wx, wy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        ax.set_xlim(min(xs) - 0.05 * wx, max(xs) + 0.3 * wx)  # room for the labels on the right
        ax.set_ylim(min(ys) - 0.06 * wy, max(ys) + 0.06 * wy)
        _drop_overlapping(fig, FigureCanvasAgg, texts)
    handles = [Line2D([], [], marker="o", ls="", color=c, markersize=8, label=k) for k, c in list(colours.items())[:20]]
    if handles:
        fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=9, title=color_by)
    shown = f"{len(keep):,} of {g.number_of_nodes():,} nodes" if len(keep) < g.number_of_nodes() else f"{len(keep):,} nodes"
    sub = " · ".join(x for x in (shown, f"{h.number_of_edges():,} edges", g.graph.get("filters") or "") if x)
    ax.set_title(f"{title or 'kg: ' + str(g.graph.get('projection', 'graph'))}\n{sub}", fontsize=12, loc="left")
    return _save(fig, FigureCanvasAgg, p)


def _drop_overlapping(fig: Any, canvas_cls: Any, texts: list[Any]) -> None:
    """Remove labels that would overlap a better-connected node's label (they come best first)."""
    renderer = canvas_cls(fig).get_renderer()
    kept: list[Any] = []
    for t in texts:
        box = t.get_window_extent(renderer).expanded(1.02, 1.1)
        if any(box.overlaps(k) for k in kept):
            t.remove()
        else:
            kept.append(box)


def _has_scipy() -> bool:
    try:
        import scipy  # noqa: F401
    except ImportError:
        return False
    return True


# --- response times -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResponseTime:
    """One publication's days from submission (datumIngezonden) to answer or notice (datumOntvangen)."""

    id: str
    kind: str
    submitted: dt.date
    received: dt.date
    days: int

    @property
    def state(self) -> str:
        """on time, late (more than 21 days) or notice (a postponement notice)."""
        return _state(self, NORM_DAYS)


def days_between(submitted: str | dt.date, received: str | dt.date) -> int:
    a = submitted if isinstance(submitted, dt.date) else dt.date.fromisoformat(submitted)
    b = received if isinstance(received, dt.date) else dt.date.fromisoformat(received)
    return (b - a).days


def late(days: int, norm: int = NORM_DAYS) -> bool:
    return days > norm


def response_times(store: KgStore, filters: Filters | None = None) -> list[ResponseTime]:
    """Publications with both dates, slowest first (the filters of the projections apply)."""
    s = document_scope(filters or Filters())
    q = f"""SELECT DISTINCT ?doc ?kind ?sub ?rec WHERE {{
  {s.sparql}
  ?doc kg:datumIngezonden ?sub ; kg:datumOntvangen ?rec ; kg:soort ?kind .
}}"""
    res = run_sparql(store, q)
    out = []
    for row in res.records():
        try:
            out.append(ResponseTime(doc_id(row["doc"] or ""), row["kind"] or "", dt.date.fromisoformat(row["sub"] or ""),
                                    dt.date.fromisoformat(row["rec"] or ""), days_between(row["sub"] or "", row["rec"] or "")))  # fmt: skip
        except ValueError:
            continue  # a malformed date in the store: not charted
    return sorted(out, key=lambda r: (-r.days, r.id))


_STATE_COLOURS = {"on time": "#59a14f", "late": "#e15759", "notice": "#bab0ac"}


def response_time_chart(
    store: KgStore,
    path: str | Path,
    *,
    filters: Filters | None = None,
    norm_days: int = NORM_DAYS,
    title: str | None = None,
    max_bars: int = 40,
    dpi: int = 150,
) -> Path:
    """Days to answer per publication (a bar each, up to `max_bars`; a histogram beyond), the norm marked."""
    p = _output(path)
    _, Figure, FigureCanvasAgg = _matplotlib()
    from matplotlib.patches import Patch

    rows = response_times(store, filters)
    answers = [r for r in rows if r.kind != "notice"]
    n_late = sum(1 for r in answers if r.days > norm_days)
    fig = Figure(figsize=(10, max(3.0, min(0.28 * len(rows) + 1.6, 12))) if len(rows) <= max_bars else (10, 5.5), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    if not rows:
        ax.text(0.5, 0.5, "no publication with both dates", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    elif len(rows) <= max_bars:
        ordered = list(reversed(rows))
        ax.barh([r.id for r in ordered], [r.days for r in ordered], color=[_STATE_COLOURS[_state(r, norm_days)] for r in ordered])
        for i, r in enumerate(ordered):
            ax.text(r.days, i, f" {r.days}", va="center", fontsize=8)
        ax.set_xlabel("days from submission to answer (or postponement notice)")
        ax.tick_params(axis="y", labelsize=8)
    else:
        top = max(r.days for r in rows)
        bins = list(range(0, max(top, norm_days) + 8, 7))
        ax.hist([[r.days for r in answers], [r.days for r in rows if r.kind == "notice"]], bins=bins, stacked=True,
                color=[_STATE_COLOURS["on time"], _STATE_COLOURS["notice"]], label=["answers", "postponement notices"])  # fmt: skip
        ax.set_xlabel("days from submission to answer or notice (weeks)")
        ax.set_ylabel("publications")
    if rows:
        ax.axvline(norm_days, color="#333", ls="--", lw=1.2)
        ax.text(norm_days, 1.0, f" {norm_days}-day norm", transform=ax.get_xaxis_transform(), va="bottom", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        handles = [Patch(color=c, label=k) for k, c in _STATE_COLOURS.items()] if len(rows) <= max_bars else None
        ax.legend(handles=handles, frameon=False, fontsize=9, loc="lower right")
    share = f"{n_late} of {len(answers)} answers later than {norm_days} days" if answers else "no answers"
    filt = (filters or Filters()).describe()
    ax.set_title(f"{title or 'Response time of written questions'}\n{share}" + (f" · {filt}" if filt else ""), loc="left", fontsize=12)
    return _save(fig, FigureCanvasAgg, p)


def _state(r: ResponseTime, norm: int) -> str:
    return "notice" if r.kind == "notice" else ("late" if r.days > norm else "on time")


# --- one call for the CLI -------------------------------------------------------------------------


def figure(
    store: KgStore,
    what: str,
    output: str | Path,
    *,
    projection: str = "entities",
    filters: Filters | None = None,
    color_by: str = "type",
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
) -> Path:
    """Draw figure `what` ("graph": a projection; "response-times") from the store; the path written."""
    if what == "graph":
        return draw_graph(project(store, projection, filters), output, color_by=color_by, max_nodes=max_nodes, title=title)
    if what == "response-times":
        return response_time_chart(store, output, filters=filters, title=title)
    raise UsageError(f"unknown figure {what!r}", hint=f"use one of {', '.join(FIGURES)}")
