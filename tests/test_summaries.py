"""The summary graph (kg/summaries.py): tallies that give the same rows as counting over the documents,
a name index that finds the same entities as a scan of every name, and updates that touch only what changed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.summaries as summaries
from kg.query import run_named, run_sparql
from kg.rdf import SHARED_GRAPH
from kg.store import TRASH, KgStore
from kg.summaries import SIDECAR, SUMMARY_GRAPH, TABLES, derive_summaries
from kg.vocab import DATA, KG, term

from .test_queries import FIXTURE, case_query, expected_cases, joined, run_case, solutions


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
    assert solutions(got, joined(path)) == solutions(want, joined(path)), case_query(path)


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


_NAMES = st.dictionaries(
    st.text("abcdef", min_size=1, max_size=3).map(lambda s: f"http://x/{s}"),
    st.lists(st.text("abcXY |", max_size=6), max_size=2).map(tuple),
    max_size=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_NAMES, after=_NAMES)
def test_name_blocks_updated_in_place_are_those_made_from_all_names(
    monkeypatch: pytest.MonkeyPatch, before: dict[str, tuple[str, ...]], after: dict[str, tuple[str, ...]]
) -> None:
    """Entities added, renamed and removed change the blocks around them only, to the blocks all names give."""
    import sqlite3

    from kg.summaries import _Change, _name_blocks, _names_text, _update_names

    monkeypatch.setattr(summaries, "NAME_BLOCK", 3)  # many small blocks
    con = sqlite3.connect(":memory:")
    con.executescript(summaries._SCHEMA)
    con.executemany("INSERT INTO name VALUES (?, ?)", ((e, _names_text(n)) for e, n in before.items()))
    old = _name_blocks(before)
    con.executemany("INSERT INTO block VALUES (?, ?)", ((b.members[0], b.iri) for b in old))
    change = _Change()
    _update_names(con, after, set(before) | set(after), change)
    want = _name_blocks(after)
    assert sorted(con.execute("SELECT first, iri FROM block")) == sorted((b.members[0], b.iri) for b in want)
    graph = ({b.iri for b in old} - change.drop) | {q.subject.value for q in change.add}
    assert graph == {b.iri for b in want}
    assert all(_names_text(n) == t for e, n in after.items() for (t,) in con.execute("SELECT n FROM name WHERE e = ?", (e,)))
    assert not change.drop & {b.iri for b in want if b in old}  # unchanged blocks are left alone


def test_name_blocks_are_runs_cut_before_the_entities_that_start_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.summaries import _name_blocks, _starts_block

    monkeypatch.setattr(summaries, "NAME_BLOCK", 4)
    names = {f"http://x/{i:03}": (f"naam {i}",) for i in range(200)}
    blocks = _name_blocks(names)
    assert [e for b in blocks for e in b.members] == sorted(names)
    assert {e for e in names if _starts_block(e)} <= {b.members[0] for b in blocks}  # every run starts a block
    assert all(len(b.members) <= 4 for b in blocks)  # long runs are cut
    assert 40 < len(blocks) < 120  # a run starts at one entity in four, on average
    first = blocks[0]
    assert first.text == " | ".join(names[e][0] for e in first.members)
    assert first.trigrams() == sorted({names[e][0][i : i + 3] for e in first.members for i in range(len(names[e][0]) - 2)})
    assert _name_blocks({"http://x/a": ("ab", "cd")})[0].trigrams() == []  # none across names: " | " is in none


def _name_index(kind: str, monkeypatch: pytest.MonkeyPatch) -> KgStore:
    """The fixture with its name index as this version writes it ("trigrams"), in blocks of about two
    entities ("small blocks"), as written before it had trigrams ("blocks only"), or none ("none")."""
    if kind == "small blocks":
        monkeypatch.setattr(summaries, "NAME_BLOCK", 2)
        store = _fixture(with_summaries=False)
        derive_summaries(store)
        assert store.graph_size(SUMMARY_GRAPH) > _fixture().graph_size(SUMMARY_GRAPH)  # more blocks
        return store
    store = _fixture(with_summaries=kind != "none")
    if kind == "blocks only":
        store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?b kg:trigram ?t }} }}")
    return store


@pytest.mark.parametrize(("name", "param"), [("entity-timeline", "entity"), ("mention-provenance", "entity"), ("documents-citing", "cites"), ("claims", "source")])
def test_the_queries_find_entities_by_trigrams_as_by_every_name(monkeypatch: pytest.MonkeyPatch, name: str, param: str) -> None:
    """The trigrams pick the blocks; a part shorter than three characters, or a name index without
    trigrams, tests every block; the rows are those of a store without a name index."""
    texts = ("rivm", "EVRM", "wet", "Inspectie", "artikel 8", "Wet politiegegevens", "BWBR0022463", "mv", "8", "zz-none", "Ë")
    want = {t: run_named(_name_index("none", monkeypatch), name, {param: t}).values() for t in texts}
    assert sum(bool(rows) for rows in want.values()) >= 2, name
    for kind in ("trigrams", "small blocks", "blocks only"):
        store = _name_index(kind, monkeypatch)
        for t in texts:
            assert run_named(store, name, {param: t}).values() == want[t], (kind, t)


@pytest.mark.parametrize("text", ["\ua7dcriv", "\ua7dcRIVM", "ƛriv", "rivm-inst", "Ë", "ËË", "ËËË", "ëv"])
def test_letters_lowered_differently_by_python_and_the_store_are_found_alike(text: str) -> None:
    """Letters new to Unicode may be lowered by the store and not by Python (or the other way): only ASCII trigrams are used."""
    label = f"<{DATA}organisatie/rivm> rdfs:label \"\ua7dcRIVM-instituut\", \"ËËvrm\""
    stores = []
    for index in (True, False):
        store = _fixture(with_summaries=False)
        store.update(f"INSERT DATA {{ GRAPH <{store.shared_graph().value}> {{ {label} }} }}")
        if index:
            derive_summaries(store)
        stores.append(store)
    assert run_named(stores[0], "entity-timeline", {"entity": text}).values() == run_named(stores[1], "entity-timeline", {"entity": text}).values()


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


# --- incremental summaries (the sidecar of digests) ----------------------------------------------


def _without_token(store: KgStore) -> set[ox.Quad]:
    from kg.vocab import DCTERMS

    return {q for q in _summary(store) if q.predicate != term(DCTERMS.identifier)}


def _recounted(store: KgStore) -> set[ox.Quad]:
    """The summary graph a full recount gives (the store is left recounted)."""
    derive_summaries(store)
    return _without_token(store)


def _steps(src):
    """Changes to the example folder, one build after each: (what, change)."""
    from .test_build_incremental import ANSWER_HEADING, KV, KV_HEADING, NOTICE, _answer

    kv = src / KV
    notice = (src / NOTICE).read_text()
    return [
        ("a new answer", lambda: (src / "ah-tk-20232024-9101.txt").write_text(_answer(9101))),
        ("a changed document", lambda: kv.write_text(kv.read_text().replace("Vraag 1", "Vraag 1 ", 1))),
        ("the answer to the published questions", lambda: (src / "ah-tk-20242025-9103.txt").write_text(_answer(9103, KV_HEADING))),
        ("a notice removed", lambda: (src / NOTICE).unlink()),
        ("the notice back", lambda: (src / NOTICE).write_text(notice)),
        ("the published questions removed", lambda: kv.unlink()),
        ("an answer changed to another case", lambda: (src / "ah-tk-20242025-9103.txt").write_text(_answer(9103, ANSWER_HEADING))),
        ("an answer removed", lambda: (src / "ah-tk-20232024-9101.txt").unlink()),
    ]


def _count_full_recounts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that gets "full" each time the summaries are recounted from scratch."""
    import kg.summaries

    calls: list[str] = []
    real = kg.summaries._full
    monkeypatch.setattr(kg.summaries, "_full", lambda store, *more: calls.append("full") or real(store, *more))
    return calls


def _sums_are_their_parts(sidecar) -> None:
    """Every row's sum as kept equals its parts added up (a part taken out of a sum leaves no trace)."""
    import json
    import sqlite3

    from kg.summaries import _key, _Sum

    def normal(row: _Sum) -> tuple:
        return (row.parts, row.rows, row.docs, dict(row.counts), {k: n for k, n in row.own.items() if n}, {k: o for k, o in row.others.items() if o},
                row.first, row.last, row.max_days)  # fmt: skip

    con = sqlite3.connect(sidecar)
    try:
        for kid, k, state in con.execute("SELECT id, k, sums FROM rowkey"):
            fresh = _Sum(dict(_key(k)))
            for (part,) in con.execute("SELECT part FROM member WHERE kid = ? AND part IS NOT NULL", (kid,)):
                fresh.add(json.loads(part))
            kept = _Sum.of(_key(k), state) if state is not None else _Sum(dict(_key(k)))
            assert normal(kept) == normal(fresh), k
    finally:
        con.close()


def test_incremental_builds_give_the_summaries_a_full_recount_gives(tmp_path, monkeypatch) -> None:
    """After each of a sequence of builds the graph is what a recount from scratch (of a copy) gives."""
    import shutil

    from kg.build import build

    from .test_build_incremental import _age, _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    calls = _count_full_recounts(monkeypatch)
    with KgStore.open(path) as store:
        build([src], store=store, prune=True)
    for what, change in _steps(src):
        change()
        _age(src)
        calls.clear()
        with KgStore.open(path) as store:
            report = build([src], store=store, prune=True)
            incremental = _summary(store)  # with the token: a hash of the content, the same either way
        assert report.built + report.pruned == 1, what
        assert calls == [], what  # counted incrementally
        _sums_are_their_parts(path / SIDECAR)
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(path, copy, ignore=shutil.ignore_patterns(TRASH))  # being deleted meanwhile
        with KgStore.open(copy) as store:
            derive_summaries(store)
            assert incremental == _summary(store), what


def test_a_ministry_losing_its_label_is_seen_by_an_incremental_build(tmp_path, monkeypatch) -> None:
    """Questions per ministry count only labelled ministries: a label gone from the reference data is
    noticed by the next build (it recounts), as are those of askers, offices and parties."""
    import shutil

    from kg.build import build

    from .test_build_incremental import KV, _age, _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    with KgStore.open(path) as store:
        build([src], store=store)
        # a former ministry, named by a document this build leaves alone (the reference data has it no more)
        store.update(f"DELETE WHERE {{ GRAPH ?g {{ <{DATA}ministerie/veiligheid-en-justitie> rdfs:label ?l }} }}")
    kv = src / KV
    kv.write_text(kv.read_text().replace("Vraag 1", "Vraag 1 ", 1))
    _age(src)
    calls = _count_full_recounts(monkeypatch)
    with KgStore.open(path) as store:
        assert build([src], store=store).built == 1
        assert store.query("ASK { ?_o kg:postIn ?m FILTER NOT EXISTS { ?m rdfs:label ?l } }")
        incremental = _summary(store)
    assert calls == ["full"]
    copy = tmp_path / "copy"
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns(TRASH))
    with KgStore.open(copy) as store:
        derive_summaries(store)
        assert incremental == _summary(store)


def test_a_memory_store_is_recounted() -> None:
    store = _fixture()
    doc_graph = next(g for g in store.document_graphs() if g.endswith("ah-tk-20222023-1001"))
    doc = next(iter(store.query(f"SELECT ?d WHERE {{ GRAPH <{doc_graph}> {{ ?d kg:soort ?k }} }}")))["d"].value
    store.remove_graph(doc_graph)
    derive_summaries(store, {doc})
    assert _graph_token(store) is None
    fresh = _fixture()
    fresh.remove_graph(doc_graph)
    assert _summary(store) == _recounted_memory(fresh)


def _recounted_memory(store: KgStore) -> set[ox.Quad]:
    store.remove_graph(SUMMARY_GRAPH)
    derive_summaries(store)
    return _summary(store)


def _graph_token(store: KgStore) -> str | None:
    from kg.summaries import _graph_token

    return _graph_token(store)


def test_summaries_written_by_another_version_are_recounted_by_a_build_that_changed_nothing(tmp_path, monkeypatch) -> None:
    import sqlite3

    import kg.build
    from kg.build import build
    from kg.summaries import SIDECAR, summaries_outdated

    from .test_build_incremental import _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    with KgStore.open(path) as store:
        build([src], store=store)
        whole = _summary(store)
    con = sqlite3.connect(path / SIDECAR)
    con.execute("UPDATE meta SET v = '1' WHERE k = 'format'")  # as an older kg left it
    con.commit()
    con.close()
    calls = _count_full_recounts(monkeypatch)
    cases: list[object] = []
    real_cases = kg.build.derive_cases
    monkeypatch.setattr(kg.build, "derive_cases", lambda store, changed=None, *more: cases.append(changed) or real_cases(store, changed, *more))
    with KgStore.open(path) as store:
        assert summaries_outdated(store)
        report = build([src], store=store)
        assert cases == [set()]  # the cases are not counted again
        assert (report.built, calls) == (0, ["full"])
        assert not summaries_outdated(store) and _summary(store) == whole
        build([src], store=store)
    assert calls == ["full"]  # once


@pytest.mark.parametrize("damage", ["garbage", "missing", "no token", "other token", "stale sidecar", "empty"])
def test_a_damaged_or_stale_sidecar_is_recounted(tmp_path, monkeypatch, damage: str) -> None:
    import shutil

    from kg.build import build
    from kg.summaries import SIDECAR

    from .test_build_incremental import NOTICE, _age, _answer, _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    calls = _count_full_recounts(monkeypatch)
    with KgStore.open(path) as store:
        build([src], store=store, prune=True)
    shutil.copy(path / SIDECAR, tmp_path / "old")
    (src / "ah-tk-20232024-9101.txt").write_text(_answer(9101))
    _age(src)
    with KgStore.open(path) as store:
        build([src], store=store)  # the sidecar moves on
    sidecar = path / SIDECAR
    (src / NOTICE).unlink()
    calls.clear()
    with KgStore.open(path) as store:
        if damage == "garbage":
            sidecar.write_bytes(b"damaged" * 1000)
        elif damage == "missing":
            sidecar.unlink()
        elif damage == "no token":
            store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> ?p ?o }} }}")
        elif damage == "other token":
            store.update(f"""DELETE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> ?p ?o }} }}
                             INSERT {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> ?p "x" }} }}
                             WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> ?p ?o }} }}""")
        elif damage == "stale sidecar":
            shutil.copy(tmp_path / "old", sidecar)  # one generation behind the graph
        else:
            sidecar.write_bytes(b"")
        build([src], store=store, prune=True)
        assert calls == ["full"]
        got = _without_token(store)
    calls.clear()
    with KgStore.open(path) as store:
        assert got == _recounted(store)
        (src / "ah-tk-20232024-9101.txt").unlink()
        build([src], store=store, prune=True)
        assert calls == ["full"]  # the recount above (no touched documents) ...
        assert _without_token(store) == _recounted(store)  # ... and then incremental again


def test_a_build_failing_after_the_graph_was_written_is_recounted_next_time(tmp_path, monkeypatch) -> None:
    """The graph gets the new token before the sidecar commits: a failure in between leaves them different."""
    import kg.summaries
    from kg.build import build

    from .test_build_incremental import _age, _answer, _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    with KgStore.open(path) as store:
        build([src], store=store, prune=True)
    real = kg.summaries._write_change

    def fail(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        raise OSError("killed")

    monkeypatch.setattr(kg.summaries, "_write_change", fail)
    (src / "ah-tk-20232024-9101.txt").write_text(_answer(9101))
    _age(src)
    with KgStore.open(path) as store, pytest.raises(OSError):
        build([src], store=store, prune=True)
    monkeypatch.setattr(kg.summaries, "_write_change", real)
    calls = _count_full_recounts(monkeypatch)
    with KgStore.open(path) as store:
        derive_summaries(store, {f"{kg.summaries.DATA}doc/ah-tk-20232024-9101"})
        assert calls == ["full"]
        got = _without_token(store)
        assert got == _recounted(store)


def test_mentions_counted_from_streamed_rows_are_those_the_store_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    store = _fixture()
    scan = summaries._Scan(store)
    docs = {r["d"].value for r in store.query("SELECT DISTINCT ?d WHERE { ?d kg:antwoord ?a }")}
    rows = scan.rows("SELECT ?d ?a ?e WHERE { ?d kg:antwoord ?a . ?a kg:vermeldt ?e }")
    assert summaries._mentions_by_answer(rows, set()) is not None  # the store gives an answer's rows together
    streamed = summaries._doc_mentions(scan)
    assert streamed and streamed == summaries._doc_mentions(scan, summaries._values("doc", docs))
    monkeypatch.setattr(summaries, "_mentions_by_answer", lambda rows, mentionable: None)  # rows not answer by answer
    assert summaries._doc_mentions(scan) == streamed
    store.remove_graph(SUMMARY_GRAPH)
    derive_summaries(store)
    assert _summary(store) == _summary(_fixture())


def test_a_recount_giving_the_graph_it_finds_writes_nothing_unless_the_graph_was_cut_short(tmp_path, monkeypatch) -> None:
    from kg.build import build

    from .test_build_incremental import _src

    path = tmp_path / "s"
    with KgStore.open(path) as store:
        build([_src(tmp_path)], store=store)
        whole = _summary(store)
        writes: list[str] = []
        for name in ("add_documents", "remove_graph_in_steps", "update"):
            real = getattr(store, name)
            monkeypatch.setattr(store, name, lambda *a, _real=real, _name=name, **k: writes.append(_name) or _real(*a, **k))
        derive_summaries(store)  # same token, as many quads
        assert writes == [] and _summary(store) == whole
        tally = next(q for q in whole if q.predicate == term(KG.tabel))
        store.raw.remove(tally)  # as a stopped build could leave it: the token is still there
        derive_summaries(store)
        assert writes and _summary(store) == whole


@pytest.mark.parametrize("old", ["blocks of another version", "one tally changed", "one block changed"])
def test_a_recount_replaces_what_differs_in_the_graph_it_finds(old: str) -> None:
    """Blocks are compared by their IRIs (made from their content), tallies quad by quad; either way
    the graph ends as a recount into an empty one makes it."""
    want = _summary(_fixture())
    store = _fixture()
    g = f"<{SUMMARY_GRAPH}>"
    if old == "blocks of another version":  # numbered, without trigrams
        store.update(
            f"DELETE {{ GRAPH {g} {{ ?b ?p ?o }} }} INSERT {{ GRAPH {g} {{ ?old ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?b a kg:Namenblok ; ?p ?o }} "
            f"FILTER (?p != kg:trigram) BIND (IRI(CONCAT(STR(kgid:), \"namenblok/1\")) AS ?old) }}"
        )
    elif old == "one tally changed":
        store.update(f"DELETE {{ GRAPH {g} {{ ?t kg:aantalPublicaties ?n }} }} INSERT {{ GRAPH {g} {{ ?t kg:aantalPublicaties 999 }} }} "
                     f"WHERE {{ {{ SELECT ?t ?n WHERE {{ GRAPH {g} {{ ?t kg:aantalPublicaties ?n }} }} LIMIT 1 }} }}")  # fmt: skip
    else:
        store.update(f"DELETE WHERE {{ GRAPH {g} {{ ?b kg:trigram \"riv\" }} }}")
    assert _summary(store) != want
    derive_summaries(store)
    assert _summary(store) == want


def _digests_both_ways(files) -> tuple[tuple[dict, list], tuple[dict, list]]:
    """The digests and case stages of the documents in `files` read back from a store they were built
    into, and as `digests_of` and `stages_of` make them from the mapped statements (a later file of a
    publication replacing it)."""
    import datetime as dt

    from kg.derive import STAGE_PREDICATES, _all_documents, stages_of
    from kg.errors import KgError
    from kg.iris import graph_iri
    from kg.pipeline import parse_bytes
    from kg.rdf import document_lines

    store, made, stages = KgStore.memory(), {}, {}
    for f in files:
        try:
            doc = parse_bytes(f.read_bytes(), str(f))
        except KgError:
            continue
        keep = summaries.DIGEST_PREDICATES | STAGE_PREDICATES
        own, shared, _, kept = document_lines(doc, built_at=dt.datetime(2026, 1, 1), keep=keep)
        store.remove_graph(graph_iri(doc))
        store.add_nquads(own + shared, [graph_iri(doc)])
        made[graph_iri(doc)], stages[graph_iri(doc)] = summaries.digests_of(kept), stages_of(kept)
    typed: dict[str, set[str]] = {}
    summaries._entity_names(store, typed=typed)
    mentionable = set().union(*(typed[c] for c in summaries.MENTION_CLASSES))
    given = {d: summaries._only_mentionable(summaries._doc_from(b), mentionable) for per in made.values() for d, b in per.items()}
    read_stages = [(d.iri, d.kind, d.zaak, d.submitted, d.received, d.title, d.askers) for d in _all_documents(store)]
    return (summaries._read_docs(store), sorted(read_stages, key=repr)), (given, sorted((r for rs in stages.values() for r in rs), key=repr))


def test_digests_made_from_the_mapped_statements_are_those_read_back(example_files) -> None:
    read, given = _digests_both_ways(example_files)
    assert read[0] and read == given


def test_digests_of_the_corpus_made_from_the_mapped_statements_are_those_read_back(shared) -> None:
    """PDF, Word, OCR, XML and Open Data records, several of them the same publication."""
    files = sorted(p for p in (shared / "corpus").rglob("*") if p.is_file() and p.suffix not in (".tsv", ".md", ".xsd"))
    read, given = _digests_both_ways(files)
    assert len(read[0]) > 50 and len(read[1]) > 50
    assert read == given


def test_a_new_store_is_derived_from_the_digests_the_build_made(tmp_path, monkeypatch) -> None:
    """Its cases and summary graphs and sidecar are those that deriving from the store gives, without reading a document back."""
    import shutil
    import sqlite3

    import kg.derive
    from kg.build import build
    from kg.derive import CASES_GRAPH, derive_cases

    from .test_build_incremental import _answer, _src

    src = _src(tmp_path)
    (src / "ah-tk-20232024-9101.txt").write_text(_answer(9101))
    later = _answer(9101).replace("ontvangen 2 mei 2024", "ontvangen 3 mei 2024")
    assert later != _answer(9101)
    (src / "zz-same-publication.txt").write_text(later)  # replaces the one before, with another date
    reads: list[str] = []
    for module, name in ((summaries, "_read_docs"), (kg.derive, "_documents"), (summaries, "_entity_names")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda store, *a, real=real, name=name, **kw: reads.append(name) or real(store, *a, **kw))
    path = tmp_path / "s"
    with KgStore.open(path) as store:
        report = build([src], store=store)
        built, cases = _summary(store), set(store.quads(CASES_GRAPH))
    assert reads == []
    assert any("same publication" in r.message for r in report.results)
    copy = tmp_path / "copy"
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns(TRASH))  # being deleted meanwhile
    (copy / SIDECAR).unlink()
    with KgStore.open(copy) as store:
        derive_cases(store)
        derive_summaries(store)
        assert set(store.quads(CASES_GRAPH)) == cases
        assert _summary(store) == built  # the token too: the sidecars hold the same
    assert reads == ["_documents", "_entity_names", "_read_docs"]

    def content(p) -> list:
        con = sqlite3.connect(p)
        try:
            return [sorted(con.execute(f"SELECT * FROM {t}").fetchall()) for t in ("doc", "kase", "rowkey", "member", "cand", "name", "block", "meta")]
        finally:
            con.close()

    assert content(path / SIDECAR) == content(copy / SIDECAR)


def test_a_store_with_documents_reads_them_back(tmp_path, monkeypatch) -> None:
    import kg.build
    from kg.build import build

    from .test_build_incremental import _answer, _src

    src = _src(tmp_path)
    path = tmp_path / "s"
    with KgStore.open(path) as store:
        build([src], store=store)
    digested: list[object] = []
    real = kg.build._Digests.of
    monkeypatch.setattr(kg.build._Digests, "of", classmethod(lambda cls, kept: digested.append(kept) or real(kept)))
    (src / "ah-tk-20232024-9101.txt").write_text(_answer(9101))
    with KgStore.open(path) as store:
        build([src], store=store)  # a new document
        build([src], store=store, force=True)  # everything again
    assert digested == []


def test_digests_that_fail_leave_the_derive_to_read_the_store(tmp_path, monkeypatch) -> None:
    import kg.build
    import kg.derive
    from kg.build import build
    from kg.derive import CASES_GRAPH

    from .test_build_incremental import _src

    src = _src(tmp_path)
    with KgStore.open(tmp_path / "a") as store:
        build([src], store=store)
        want = _summary(store), set(store.quads(CASES_GRAPH))
    monkeypatch.setattr(kg.build._Digests, "of", classmethod(lambda cls, kept: 1 / 0))
    reads: list[str] = []
    real = summaries._read_docs
    monkeypatch.setattr(summaries, "_read_docs", lambda store, *more: reads.append("read") or real(store, *more))
    with KgStore.open(tmp_path / "b") as store:
        report = build([src], store=store)
        assert report.failed == 0 and report.built > 0
        assert (_summary(store), set(store.quads(CASES_GRAPH))) == want
    assert reads == ["read"]


def test_the_names_a_build_keeps_as_it_writes_are_those_read_back() -> None:
    """An entity's labels (sorted), then its keys (sorted), each once however often written; every IRI
    with a label is labelled; entities without a name have none."""
    import io

    shared, label, key, typ = f"<{SHARED_GRAPH}>", "<http://www.w3.org/2000/01/rdf-schema#label>", f"<{KG.sleutel}>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    lines = [
        f"<urn:e1> {typ} <{KG.Organisatie}> {shared} .",
        f'<urn:e1> {label} "Zeta \\"Z\\"" {shared} .',
        f'<urn:e1> {label} "Alpha"@nl {shared} .',
        f'<urn:e1> {key} "org:zeta" {shared} .',
        f'<urn:e1> {key} "org:alpha" {shared} .',
        f'<urn:e1> {key} "Alpha" {shared} .',
        f"<urn:e2> {typ} <{KG.Wet}> {shared} .",
        f"<urn:e3> {typ} <{KG.Kamerstuk}> {shared} .",
        f"<urn:e3> {typ} <{KG.Mediabericht}> {shared} .",
        f'<urn:e3> {label} "Kamerstuk 1" {shared} .',
        f'<urn:p> {label} "Een persoon" {shared} .',
        f"<urn:p> {typ} <{KG.Persoon}> {shared} .",
        f'<urn:x> <urn:other> "y" {shared} .',
        f'<urn:x> <http://www.w3.org/2000/01/rdf-schemaXlabel> "y" {shared} .',  # one character off
    ]
    data = "".join(f"{line}\n" for line in lines).encode()
    store = KgStore.memory()
    store.add_nquads(data, [SHARED_GRAPH])
    labelled, typed = set(), {}
    read = summaries._entity_names(store, labelled=labelled, typed=typed)
    kept = summaries.name_lines(data[: data.index(b"\n", len(data) // 2) + 1]) + summaries.name_lines(data)  # some lines written twice
    assert b"urn:other" not in kept and b"schemaXlabel" not in kept and str(KG.Persoon).encode() not in kept
    labelled_kept, typed_kept = set(), {}
    assert summaries._names_of_lines(io.BytesIO(kept), labelled_kept, typed_kept) == read
    assert (labelled_kept, typed_kept) == (labelled, typed)
    assert read == {"urn:e1": ("Alpha", 'Zeta "Z"', "Alpha", "org:alpha", "org:zeta"), "urn:e2": (), "urn:e3": ("Kamerstuk 1",)}
    assert labelled == {"urn:e1", "urn:e3", "urn:p"}
    assert typed[KG.Kamerstuk] == typed[KG.Mediabericht] == {"urn:e3"} and typed[KG.Rapport] == set()


def test_the_names_of_some_entities_are_those_of_all_names_for_them() -> None:
    """Names read for the IRIs a change touches (entities or not) are what reading every name gives for them."""
    store = _fixture()
    every = summaries._entity_names(store)
    others = [r["x"].value for r in store.query("SELECT DISTINCT ?x WHERE { ?x a ?c FILTER (?c NOT IN (kg:Organisatie, kg:Wet)) } LIMIT 50")]
    only = set(sorted(every)[::3]) | set(others)
    assert summaries._entity_names(store, only) == {e: n for e, n in every.items() if e in only}
    typed: dict = {}
    summaries._entity_names(store, typed=typed)
    assert summaries._typed(summaries._Scan(store), only) == {c: es & only for c, es in typed.items()}


def test_the_names_are_stated_in_the_shared_graph_only(example_files) -> None:
    """The writer keeps the names it writes to the shared graph (`name_lines`): a document's own graph has none."""
    import datetime as dt

    from kg.pipeline import parse_bytes
    from kg.rdf import document_lines

    for f in example_files:
        own, shared, _, _ = document_lines(parse_bytes(f.read_bytes(), str(f)), built_at=dt.datetime(2026, 1, 1))
        assert summaries.name_lines(shared), f.name
        assert summaries.name_lines(own) == b"", f.name


def test_the_statements_digested_about_a_document_are_in_its_own_graph(example_files) -> None:
    """What `digests_of` and `stages_of` read of a document is never stated in the shared graph (where
    another document could state it too, and a read of the store would see it twice)."""
    import datetime as dt

    from kg.derive import STAGE_PREDICATES
    from kg.pipeline import parse_bytes
    from kg.rdf import document_lines

    tracked = summaries.DIGEST_PREDICATES | STAGE_PREDICATES
    for f in example_files:
        _, shared, _, kept = document_lines(parse_bytes(f.read_bytes(), str(f)), built_at=dt.datetime(2026, 1, 1), keep=tracked)
        subjects = {s for s, _, _ in kept}
        assert kept
        assert not [q for q in ox.parse(shared, format=ox.RdfFormat.N_QUADS) if q.predicate in tracked and q.subject in subjects], f.name
