"""The summary graph (kg/summaries.py): tallies that give the same rows as counting over the documents,
a name index that finds the same entities as a scan of every name, and updates that touch only what changed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query import run_named, run_sparql
from kg.store import KgStore
from kg.summaries import SUMMARY_GRAPH, TABLES, derive_summaries
from kg.vocab import KG, term

from .test_queries import FIXTURE, case_query, expected_cases, run_case, solutions


def _fixture(with_summaries: bool = True) -> KgStore:
    store = KgStore.memory()
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    if not with_summaries:
        store.remove_graph(SUMMARY_GRAPH)
    return store


def _summary(store: KgStore) -> set[ox.Quad]:
    return set(store.quads(SUMMARY_GRAPH))


def test_the_fixture_holds_the_summaries_derive_summaries_makes() -> None:
    store = _fixture(with_summaries=False)
    n = derive_summaries(store)
    assert n > 0
    assert _summary(store) == _summary(_fixture())  # graph.trig is up to date (make_graph.py calls derive_summaries)


def test_every_table_has_tallies() -> None:
    store = _fixture()
    tables = {r["t"].value for r in store.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?s kg:tabel ?t }} }}")}
    assert tables == set(TABLES)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("questions-per-member", {}),
        ("questions-per-member", {"mp": "dijk"}),
        ("questions-per-party", {}),
        ("questions-per-party", {"party": "SP"}),
        ("questions-per-ministry", {}),
        ("questions-per-ministry", {"ministry": "justitie"}),
    ],
)
def test_tallies_give_the_rows_counting_over_the_documents_gives(name: str, params: dict[str, str]) -> None:
    """With a date range before every document these queries count over the documents; without, they read tallies."""
    store = _fixture()
    counted = run_named(store, name, {**params, "from": "1900-01-01"}).values()
    assert counted
    assert run_named(store, name, params).values() == counted


@pytest.mark.parametrize("path", [p for p in expected_cases() if p.suffix == ".json"], ids=lambda p: p.stem)
def test_without_summaries_the_queries_count_over_the_documents(path) -> None:
    """A store built before the summary graph existed (or a remote one without it) gives the same rows."""
    import json

    from kg.results import to_json

    store = _fixture(with_summaries=False)
    got = json.loads(to_json(run_case(store, path)))
    want = json.loads(path.read_text(encoding="utf-8"))
    assert solutions(got) == solutions(want), case_query(path)


def test_the_name_index_finds_what_a_scan_of_every_name_finds() -> None:
    store = _fixture()
    for text in ("rivm", "EVRM", "wet", "Inspectie", "artikel 8", "zz-none"):
        scan = run_sparql(
            store,
            """SELECT DISTINCT ?e WHERE { VALUES ?c { kg:Organisatie kg:Rapport kg:Programma kg:Wet kg:Verdrag kg:Verdragsartikel
                 kg:Kamerstuk kg:Mediabericht kg:GenoemdPersoon } ?e a ?c . { ?e kg:sleutel ?n } UNION { ?e rdfs:label ?n }
                 FILTER (CONTAINS(LCASE(STR(?n)), LCASE(STR(?q)))) } ORDER BY ?e""",
            {"q": ox.Literal(text)},
        ).values()
        index = run_sparql(
            store,
            """SELECT DISTINCT ?e WHERE {
                 GRAPH kgid:graph\\/samenvatting { ?block kg:namen ?names } FILTER (CONTAINS(LCASE(?names), LCASE(STR(?q))))
                 GRAPH kgid:graph\\/samenvatting { ?block kg:bevat ?e } VALUES ?p { kg:sleutel rdfs:label } ?e ?p ?n
                 FILTER (CONTAINS(LCASE(STR(?n)), LCASE(STR(?q)))) } ORDER BY ?e""",
            {"q": ox.Literal(text)},
        ).values()
        assert index == scan, text


def test_a_changed_corpus_changes_only_the_tallies_it_touches() -> None:
    store = _fixture()
    doc_graph = next(g for g in store.document_graphs() if g.endswith("ah-tk-20222023-1001"))
    before = _summary(store)
    store.remove_graph(doc_graph)
    derive_summaries(store, {doc_graph})
    fresh = _fixture()
    fresh.remove_graph(doc_graph)
    fresh.remove_graph(SUMMARY_GRAPH)
    derive_summaries(fresh)
    assert _summary(store) == _summary(fresh) != before


def test_nothing_touched_leaves_the_summaries_alone() -> None:
    store = _fixture()
    before = _summary(store)
    store.raw.remove(next(iter(store.raw.quads_for_pattern(None, term(KG.aantalPublicaties), None, ox.NamedNode(SUMMARY_GRAPH)))))
    assert derive_summaries(store, set()) > 0
    assert len(_summary(store)) == len(before) - 1  # not recomputed
    derive_summaries(store)
    assert _summary(store) == before
