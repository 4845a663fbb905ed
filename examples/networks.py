"""Networks of members, offices and what the answers mention: networkx analysis, a figure,
files for Gephi, and an interactive page.

    python examples/networks.py [OUTPUT_FOLDER]     (default: ./out)

Figures need matplotlib (pip install 'kg[figures]').
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import networkx as nx

from kg.build import build
from kg.figures import draw_graph
from kg.graphs import Filters, project, write_graph
from kg.store import KgStore
from kg.viz import render_html

EXAMPLES = Path(__file__).resolve().parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, KgStore.open(Path(tmp) / "store") as store:
        build([EXAMPLES / "*.txt"], store)

        # Who asks which minister or state secretary (edges weighted by publications)
        asks = project(store, "member-office")
        print(f"member → office: {asks.number_of_nodes()} nodes, {asks.number_of_edges()} edges")
        for u, v, d in sorted(asks.edges(data=True), key=lambda e: -e[2]["weight"]):
            print(f"  {asks.nodes[u]['label']:12} ({asks.nodes[u].get('party', '?')}) → {asks.nodes[v]['label']}: "
                  f"{d['weight']} ({', '.join(d['document_ids'])})")  # fmt: skip
        offices = [n for n, t in asks.nodes(data="type") if t == "Ambt"]
        busiest = max(offices, key=lambda n: asks.in_degree(n, weight="weight"))
        print(f"most asked office: {asks.nodes[busiest]['label']} (answered by {', '.join(asks.nodes[busiest].get('answered_by', ['?']))})")

        # Members who ask together, across parties
        together = project(store, "co-asking")
        centrality = nx.degree_centrality(together)
        for n in sorted(together, key=lambda n: -centrality[n]):
            print(f"  {together.nodes[n]['label']:12} {together.nodes[n].get('party', ''):6} centrality {centrality[n]:.2f}")

        # The full entity graph, for Gephi (GEXF) and as a picture
        entities = project(store, "entities")
        print("wrote", *write_graph(entities, "gexf", OUT / "entities.gexf"))
        print("wrote", *write_graph(asks, "graphml", OUT / "member-office.graphml"))
        print("wrote", draw_graph(entities, OUT / "entities.png", title="The example documents"))

        # Organisations named in answers, per ministry, only since 2020, as an interactive page
        recent = project(store, "ministry-organisation", Filters.parse(date_from="2020-01-01"))
        page = OUT / "ministry-organisation.html"
        page.write_text(render_html(recent, title="Organisations in answers since 2020"), encoding="utf-8")
        print("wrote", page)


if __name__ == "__main__":
    main()
