"""The graph built from the shared corpus (skipped when ../shared is absent) conforms to the shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.store import KgStore
from kg.validate import validate_store

pytestmark = pytest.mark.shared


def test_the_corpus_graph_conforms_to_the_shapes(shared: Path, tmp_path: Path) -> None:
    corpus = shared / "corpus"
    files = sorted((corpus / "txt").glob("*.txt"))[::2] + sorted((corpus / "pdf").glob("*.pdf"))[::3] + sorted((corpus / "docx").glob("*.docx"))
    store = KgStore.open(tmp_path / "s")
    report = build(files, store, jobs=2)
    assert report.failed == 0, [r.message for r in report.results if r.status == "failed"]
    result = validate_store(store)
    assert result.conforms, "\n".join(f"{v.focus} {v.path} {v.message}" for v in result.violations[:20])
