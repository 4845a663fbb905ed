"""Derived graphs: one case, one node; reference-data provenance."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.build import build
from kg.derive import CASES_GRAPH, REFDATA_GRAPH, _documents
from kg.store import KgStore

from .conftest import EXAMPLES
from .test_queries import FIXTURE


def _store(tmp_path: Path) -> KgStore:
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src, ignore=shutil.ignore_patterns("*.py", "*.md", "*.ipynb"))
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    return store


def test_stages_of_one_case_share_a_node(tmp_path: Path) -> None:
    store = _store(tmp_path)
    rows = store.query(
        f"""SELECT ?c ?status ?days (GROUP_CONCAT(COALESCE(?id, ""); separator=" ") AS ?ids) WHERE {{ GRAPH <{CASES_GRAPH}> {{
              ?c kg:status ?status ; kg:publicatie ?d . OPTIONAL {{ ?c kg:doorlooptijd ?days }} }}
              OPTIONAL {{ ?d dcterms:identifier ?id FILTER(!CONTAINS(?id, ":")) }} }} GROUP BY ?c ?status ?days"""
    )
    cases = sorted((r["status"].value, r["days"].value if r["days"] else None, r["ids"].value.strip() if r["ids"] else "") for r in rows)
    # the seed's answer (which prints no number) and its postponement notice 2290 are one case
    assert cases == [("beantwoord", "33", "ah-tk-20132014-2290"), ("beantwoord", "59", "ah-tk-20232024-9001"), ("open", None, "kv-tk-2024Z90001")]


def test_reference_data_provenance_is_recorded(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.has_graph(REFDATA_GRAPH)
    labels = [r["l"].value for r in store.query(f"SELECT ?l WHERE {{ GRAPH <{REFDATA_GRAPH}> {{ ?s rdfs:label ?l }} }}")]
    assert labels  # the built-in facts, or the imported index's sources


def test_documents_read_property_by_property_are_those_a_join_gives() -> None:
    store = KgStore.memory()
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    iris = {r["d"].value for r in store.query("SELECT DISTINCT ?d WHERE { ?d kg:soort ?k }")}
    streamed = sorted(_documents(store), key=repr)
    assert len(streamed) == len(iris) and streamed == sorted(_documents(store, iris), key=repr)
