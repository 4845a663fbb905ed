"""Progress reporting of long library calls: export and reference-data import call back as they go."""

from __future__ import annotations

from pathlib import Path

from kg.export import export_rdf
from kg.iris import graph_iri
from kg.link import import_sources
from kg.pipeline import parse_file
from kg.rdf import document_quads
from kg.store import KgStore

FIXTURES = Path(__file__).parent / "fixtures" / "link"


def test_export_reports_quads_read(seed_path: Path) -> None:
    store = KgStore.memory()
    doc = parse_file(seed_path)
    store.replace_graph(graph_iri(doc), document_quads(doc, built_at=None))
    calls: list[tuple[int, int]] = []
    data = export_rdf(store, "nq", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (len(store), len(store))
    assert data == export_rdf(store, "nq")  # reporting changes nothing in the output


def test_import_reports_each_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    import_sources([FIXTURES], tmp_path, include_facts=False, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert total > 1 and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
