"""Page marks (kg/pagemarks.py): a page of an entity's list cut at a mark is the page of the whole
list, before and after builds that replace or remove publications."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.pagemarks
from kg.build import build
from kg.pagemarks import PAGES_GRAPH, derive_page_marks, page_marks
from kg.query import bind, named_query, run_sparql
from kg.store import DOC_GRAPH_PREFIX, KgStore

from .conftest import EXAMPLES

LISTS = ("entity-timeline", "mention-provenance")


@pytest.fixture(params=[1, 3], ids=["every rank", "every third"])
def every_rank(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> int:
    """Marks at every (third) rank of every entity named at all: pages are cut as close as they can be
    (or at the next multiple of the step)."""
    monkeypatch.setattr(kg.pagemarks, "MARK_STEP", request.param)
    monkeypatch.setattr(kg.pagemarks, "MARK_MIN", 1)
    return request.param


TEMPLATE = "ah-tk-20232024-9001.txt"
DAYS = (2, 14, 7, 7, 21, 3)  # received in May 2024 (two on the same day: the tie goes by number)


def _src(tmp: Path) -> Path:
    """The examples and six more answers naming the same entities, received on other days."""
    d = tmp / "in"
    shutil.copytree(EXAMPLES, d, ignore=shutil.ignore_patterns("*.py", "*.md", "*.ipynb"))
    text = (EXAMPLES / TEMPLATE).read_text(encoding="utf-8")
    assert "(ontvangen 2 mei 2024)" in text
    for i, day in enumerate(DAYS, 1):
        copy = text.replace("9001", str(9100 + i)).replace("(ontvangen 2 mei 2024)", f"(ontvangen {day} mei 2024)")
        (d / f"ah-tk-20232024-{9100 + i}.txt").write_text(copy, encoding="utf-8")
    return d


def _often_named(store: KgStore) -> list[str]:
    """Labels of entities named in more than one publication (the lists a mark can cut)."""
    q = """SELECT ?l WHERE { { SELECT ?e WHERE { GRAPH ?g { ?e kg:vermeldIn ?k } } GROUP BY ?e HAVING (COUNT(*) > 1) }
                            ?e rdfs:label ?l } ORDER BY ?l"""
    return sorted({str(r["l"].value) for r in store.query(q)})


def _marks(store: KgStore) -> set[tuple[str, str, str]]:
    q = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{PAGES_GRAPH}> {{ ?s ?p ?o }} }}"
    return {(r["s"].value, r["p"].value, r["o"].value) for r in store.query(q)}


def _assert_pages_make_up_the_list(store: KgStore, names: list[str]) -> int:
    """Every page of each list is the slice of the whole list; returns how many pages were compared."""
    compared = 0
    for name in LISTS:
        q = named_query(name)
        for entity in names:
            params = bind(q, {"entity": entity})
            whole = run_sparql(store, q.sparql, params).rows
            for size in (1, 2, 3):
                for offset in range(0, len(whole) + 1, size):
                    page = run_sparql(store, q.sparql, params, limit=size, offset=offset)
                    assert page.rows == whole[offset : offset + size], (name, entity, size, offset)
                    assert page.truncated == (offset + size < len(whole)), (name, entity, size, offset)
                    compared += 1
    return compared


def test_a_page_cut_at_its_mark_is_the_page_of_the_whole_list(tmp_path: Path, every_rank: int) -> None:
    store = KgStore.open(tmp_path / "s")
    build([_src(tmp_path)], store, jobs=1)
    names = _often_named(store)
    assert len(names) >= 3
    assert derive_page_marks(store) > 0  # as the build left it
    assert _assert_pages_make_up_the_list(store, names) > 100


def test_marks_hold_after_publications_are_replaced_or_removed(tmp_path: Path, every_rank: int, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    names = _often_named(store)
    before = _marks(store)
    doomed = [p for p in sorted(src.glob("*.txt")) if any(n in p.read_text(encoding="utf-8") for n in names)][:2]
    assert len(doomed) == 2
    doomed[0].unlink()  # removed
    later = re.sub(r"\(ontvangen [^)]*\)", "(ontvangen 31 december 2024)", doomed[1].read_text(encoding="utf-8"))
    doomed[1].write_text(later, encoding="utf-8")  # replaced, and now at the end of every list it is in
    seen: list[tuple[int, int] | None] = []
    remove = KgStore.remove_graph

    def spy(self: KgStore, graph: str) -> None:
        seen.append(kg.pagemarks._read_header(self) if graph.startswith(DOC_GRAPH_PREFIX) else (-1, -1))
        remove(self, graph)

    monkeypatch.setattr(KgStore, "remove_graph", spy)
    report = build([src], store, jobs=1, prune=True)
    assert report.pruned == 1 and report.built == 1
    assert [h[0] for h in seen if h and h[0] >= 0] == [2]  # counted before the removed publication went
    after = _marks(store)
    assert after - before == {(PAGES_GRAPH, str(kg.pagemarks.KG.vervangen), "2")}  # the marks kept, the count raised
    _assert_pages_make_up_the_list(store, _often_named(store))


def _marks_when_removed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the store had page marks each time a publication's graph was removed."""
    seen: list[bool] = []
    remove = KgStore.remove_graph

    def spy(self: KgStore, graph: str) -> None:
        if graph.startswith(DOC_GRAPH_PREFIX):
            seen.append(self.has_graph(PAGES_GRAPH))
        remove(self, graph)

    monkeypatch.setattr(KgStore, "remove_graph", spy)
    return seen


@pytest.mark.parametrize("why", ["slack", "another version"])
def test_marks_that_cannot_count_are_taken_out_first_and_counted_again(tmp_path: Path, every_rank: int, monkeypatch: pytest.MonkeyPatch, why: str) -> None:
    """At the slack, or with a graph that keeps no count (written by the first version of the marks),
    the marks go before the publication does, and the build ends with marks counted from the store."""
    if why == "slack":
        monkeypatch.setattr(kg.pagemarks, "SLACK", 0)
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    if why == "another version":
        store.update(f"DELETE WHERE {{ GRAPH <{PAGES_GRAPH}> {{ ?s kg:publicatiesGeteld ?n }} }}")
    removed = next(p for p in sorted(src.glob("*.txt")) if any(n in p.read_text(encoding="utf-8") for n in _often_named(store)))
    removed.unlink()
    seen = _marks_when_removed(monkeypatch)
    build([src], store, jobs=1, prune=True)
    assert seen == [False]
    counted = _marks(store)
    assert (PAGES_GRAPH, str(kg.pagemarks.KG.vervangen), "0") in counted
    derive_page_marks(store)
    assert _marks(store) == counted  # what counting from the store gives


def test_a_store_that_keeps_no_count_loses_its_marks_at_the_first_replacement(tmp_path: Path, every_rank: int) -> None:
    """As a remote store (no SPARQL update from here): its marks are counted by every build that changed something."""

    class NoUpdate:
        def __init__(self, store: KgStore) -> None:
            self.has_graph, self.remove_graph, self.query = store.has_graph, store.remove_graph, store.query

    store = KgStore.open(tmp_path / "s")
    build([_src(tmp_path)], store, jobs=1)
    assert store.has_graph(PAGES_GRAPH)
    assert kg.pagemarks.note_replaced(NoUpdate(store)) is False  # type: ignore[arg-type]
    assert not store.has_graph(PAGES_GRAPH)
    assert kg.pagemarks.note_replaced(NoUpdate(store)) is False  # type: ignore[arg-type]


def test_a_store_without_marks_gets_them_from_its_next_build(tmp_path: Path) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    assert store.has_graph(PAGES_GRAPH)
    store.remove_graph(PAGES_GRAPH)
    assert build([src], store, jobs=1).built == 0
    assert store.has_graph(PAGES_GRAPH)


def test_without_a_page_nothing_is_cut(tmp_path: Path, every_rank: int) -> None:
    store = KgStore.open(tmp_path / "s")
    build([_src(tmp_path)], store, jobs=1)
    names = _often_named(store)
    q = named_query("entity-timeline")
    marked = [run_sparql(store, q.sparql, bind(q, {"entity": n})).rows for n in names]
    store.remove_graph(PAGES_GRAPH)
    assert [run_sparql(store, q.sparql, bind(q, {"entity": n})).rows for n in names] == marked


@given(
    lists=st.lists(st.lists(st.integers(0, 30), min_size=0, max_size=25), min_size=1, max_size=4),
    step=st.integers(1, 6),
    need=st.integers(1, 40),
    replaced=st.integers(0, 5),
)
def test_cutting_each_list_at_its_mark_keeps_the_first_rows(lists: list[list[int]], step: int, need: int, replaced: int) -> None:
    """The rule the queries apply, in Python: each entity's keys up to its mark at the first multiple
    of the step that covers `need` plus the replaced publications (none if it has no such mark). The
    marks were counted before `replaced` keys were taken out (any of them: here the smallest)."""
    rows = sorted((k, e) for e, keys in enumerate(lists) for k in sorted(keys)[replaced:])
    kept = []
    for e, keys in enumerate(lists):
        marks = {int(q.subject.value.rsplit("/", 1)[1]): int(q.object.value) for q in page_marks(f"urn:e{e}", keys, step) if q.predicate.value.endswith("grenssleutel")}
        rank = -(-(need + replaced) // step) * step
        now = sorted(keys)[replaced:]
        kept += [(k, e) for k in now if rank not in marks or k <= marks[rank]]
    assert sorted(kept)[:need] == rows[:need]


def test_the_queries_find_the_marks_the_derive_writes(tmp_path: Path, every_rank: int) -> None:
    """Marks moved below every key take the rows of the marked entities out of the pages (so the
    queries make the marks' IRIs as the derive does, with SPARQL's SHA1), but not out of the whole lists."""
    store = KgStore.open(tmp_path / "s")
    build([_src(tmp_path)], store, jobs=1)
    names = _often_named(store)
    cases = [(named_query(name), entity) for name in LISTS for entity in names]
    pages = [run_sparql(store, q.sparql, bind(q, {"entity": e}), limit=2).rows for q, e in cases]
    wholes = [run_sparql(store, q.sparql, bind(q, {"entity": e})).rows for q, e in cases]
    g = f"<{PAGES_GRAPH}>"
    store.update(f"DELETE {{ GRAPH {g} {{ ?m kg:grenssleutel ?k }} }} INSERT {{ GRAPH {g} {{ ?m kg:grenssleutel -1 }} }} WHERE {{ GRAPH {g} {{ ?m kg:grenssleutel ?k }} }}")
    cut = [run_sparql(store, q.sparql, bind(q, {"entity": e}), limit=2).rows for q, e in cases]
    assert [run_sparql(store, q.sparql, bind(q, {"entity": e})).rows for q, e in cases] == wholes
    assert all(all(row in whole for row in rows) for rows, whole in zip(cut, wholes, strict=True))
    assert sum(map(len, cut)) < sum(map(len, pages)) and [] in cut


def test_the_marks_are_counted_again_when_the_store_has_grown(tmp_path: Path, every_rank: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only added publications keep the marks true, but entities named more often get theirs only
    from a new count: after a tenth more publications (or `SLACK`, if more)."""
    monkeypatch.setattr(kg.pagemarks, "SLACK", 1)
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    counted = kg.pagemarks._read_header(store)
    assert counted is not None and counted[1] == store.count_documents() == 10
    text = (EXAMPLES / TEMPLATE).read_text(encoding="utf-8")
    for n, header in ((9198, (0, 10)), (9199, (0, 12))):  # one more is a tenth: the marks are kept; two are more
        (src / f"ah-tk-20232024-{n}.txt").write_text(text.replace("9001", str(n)), encoding="utf-8")
        build([src], store, jobs=1)
        assert kg.pagemarks._read_header(store) == header
