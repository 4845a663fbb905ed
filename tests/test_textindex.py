"""The full-text index beside the store: what it holds, how it searches, and that every build keeps
it equal to one made from the store's graphs."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import string
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kg.build
import kg.store
from kg.build import build
from kg.cli import app
from kg.errors import StoreError, TextIndexBehind, UsageError
from kg.pipeline import parse_file
from kg.rdf import document_lines
from kg.store import KgStore
from kg.textindex import INDEX, TEXT_PREDICATES, DocText, Part, TextIndex, doc_text, fill, search

from .conftest import EXAMPLES, SEED
from .test_build_incremental import _age, _answer, _src

runner = CliRunner()


def _doc(n: int, *texts: str, day: int = 1, title: str = "") -> tuple[str, DocText]:
    iri = f"https://example.org/doc/{n}"
    parts = tuple(Part("vraag", str(i), f"{iri}/vraag/{i}", t) for i, t in enumerate(texts, 1))
    if title:
        parts = (Part("titel", "", iri, title), *parts)
    return f"https://example.org/graph/{n}", DocText(iri, f"ah-{n}", (20240100 + day) * 10**10 + n, title, parts)


def _contents(index: TextIndex) -> list[tuple]:
    """What the index holds, without its row numbers."""
    return sorted(
        index.con.execute(
            "SELECT d.graph, d.iri, d.ident, d.sleutel, d.titel, d.pagina, p.soort, p.nummer, p.iri, p.tekst FROM deel p JOIN document d ON d.id = p.document"
        ).fetchall()
    )


def _change_the_answer(src: Path) -> None:
    """Change an example's waiting times (wachttijd) to waiting lists (wachtlijst), its file dated back."""
    (src / "ah-tk-20232024-9001.txt").write_text(_answer(9001).replace("wachttijd", "wachtlijst").replace("Wachttijd", "Wachtlijst"))
    _age(src)


def _refused_until_a_build_keeps_it(store: KgStore, src: Path) -> None:
    """The index does not answer for the changed answer until a build that keeps it makes it again."""
    with pytest.raises(TextIndexBehind):
        search(store.path, ["wachtlijst"])
    build([src], store, jobs=1)
    assert _ids(search(store.path, ["wachtlijst"])) == ["ah-tk-20232024-9001"]


def _found(index: TextIndex, term: str) -> set[int]:
    """The rows the trigram index finds for `term` (not only those the tables hold)."""
    return {r[0] for r in index.con.execute("SELECT rowid FROM deel_tekst WHERE tekst LIKE ?", (f"%{term}%",))}


# --- what a document's texts are --------------------------------------------------------------


def test_a_documents_texts_are_its_title_questions_answers_and_footnotes_in_order() -> None:
    doc = parse_file(SEED)
    *_, kept = document_lines(doc, built_at=None, keep=TEXT_PREDICATES)
    text = doc_text(kept)
    assert text is not None and text.titel == doc.title
    kinds = [p.soort for p in text.parts]
    assert kinds == ["titel"] + ["vraag"] * len(doc.questions) + ["antwoord"] * len(doc.answers) + ["voetnoot"] * len(doc.footnotes)
    assert [p.tekst for p in text.parts if p.soort == "vraag"] == [q.text for q in doc.questions]
    assert [p.nummer for p in text.parts if p.soort == "vraag"] == [str(q.number) for q in doc.questions]
    assert doc_text([]) is None


# --- searching ----------------------------------------------------------------------------------


INDEXED = [
    _doc(1, "Kent u het bericht over de stikstofuitstoot van Schiphol?", "Wat is 10% van 50_000?", day=3, title="Vragen over Schiphol"),
    _doc(2, "Hoeveel STIKSTOF stoot de veehouderij uit?", day=5),
    _doc(3, "Over asielzoekers en stikstof.", "Over Schiphol.", day=4),
]


@pytest.fixture
def index() -> TextIndex:
    idx = TextIndex.memory()
    for made in INDEXED:
        idx.put(*made)
    return idx


def _ids(result) -> list[str]:
    return [r["id"] for r in result.records()]


def test_any_part_of_a_word_is_found_whatever_its_case_newest_first(index: TextIndex) -> None:
    assert _ids(index.search(["Stikstof"])) == ["ah-2", "ah-3", "ah-1"]
    assert _ids(index.search(["UITSTOOT"])) == ["ah-1"]
    assert _ids(index.search(["de stikstofuitstoot van"])) == ["ah-1"]  # several words: one text holding them in this order
    assert _ids(index.search(["uitstoot van de"])) == []


def test_several_terms_find_documents_holding_all_and_say_where(index: TextIndex) -> None:
    rows = index.search(["stikstof", "schiphol"]).records()
    assert [(r["id"], r["waar"]) for r in rows] == [("ah-3", "vraag 1, vraag 2"), ("ah-1", "titel, vraag 1")]
    assert rows[1]["fragment"].startswith("Kent u het bericht")  # not the title again: it has its own column
    assert rows[1]["datum"] == "2024-01-03" and rows[1]["titel"] == "Vragen over Schiphol"
    assert index.count(["stikstof", "schiphol"]) == (2, 4)


def test_search_in_some_parts_and_dates_only(index: TextIndex) -> None:
    assert _ids(index.search(["schiphol"], parts=["titel"])) == ["ah-1"]
    assert _ids(index.search(["schiphol"], parts=["vraag"])) == ["ah-3", "ah-1"]
    assert _ids(index.search(["stikstof"], date_from=dt.date(2024, 1, 4))) == ["ah-2", "ah-3"]
    assert _ids(index.search(["stikstof"], date_to=dt.date(2024, 1, 4))) == ["ah-3", "ah-1"]
    with pytest.raises(UsageError, match="no part 'bijlage'"):
        index.search(["x"], parts=["bijlage"])
    with pytest.raises(UsageError, match="nothing to search for"):
        index.search(["  "])


def test_pages_of_documents(index: TextIndex) -> None:
    first, second = index.search(["stikstof"], limit=2), index.search(["stikstof"], limit=2, offset=2)
    assert _ids(first) == ["ah-2", "ah-3"] and first.truncated
    assert _ids(second) == ["ah-1"] and not second.truncated
    assert not index.search(["stikstof"], limit=3).truncated  # a full page with nothing after it
    assert _ids(index.search(["stikstof"], limit=None, offset=1)) == ["ah-3", "ah-1"]
    with pytest.raises(UsageError, match="out of range"):
        index.search(["stikstof"], offset=10**20)


def test_case_is_ignored_in_every_letter() -> None:
    idx = TextIndex.memory()
    idx.put(*_doc(1, "Één keer per jaar, op Curaçao. ÉÉN_X"))
    idx.put(*_doc(2, "een keer"))
    for term in ("één", "ÉÉN", "ÉéN KEER", "CURAÇAO", "ÇA", "één_x", "n_x"):
        assert _ids(idx.search([term])) == ["ah-1"], term
    assert _ids(idx.search(["een"])) == ["ah-2"]  # é is another letter, not e in another case
    assert idx.search(["ééé"]).rows == []


def test_a_fragment_shows_the_term_even_in_a_long_word() -> None:
    idx = TextIndex.memory()
    url = "https://www.rijksoverheid.nl/documenten/rapporten/2024/01/15/" + "x" * 200 + "-jeugdbescherming"
    idx.put(*_doc(1, f"Zie {url} voor meer."))
    assert "jeugdbescherming" in idx.search(["JEUGD"]).records()[0]["fragment"]
    assert "rijksoverheid" in idx.search(["rijksoverheid"]).records()[0]["fragment"]
    assert idx.search(["  voor   meer "]).records()[0]["fragment"].endswith("voor meer.")


def test_likes_wildcards_are_plain_characters_and_short_terms_are_found(index: TextIndex) -> None:
    assert _ids(index.search(["10%"])) == ["ah-1"]
    assert _ids(index.search(["0_0"])) == ["ah-1"]
    assert _ids(index.search(["1_%"])) == []  # would match "10%" were _ and % wildcards
    assert _ids(index.search(["?"])) == ["ah-2", "ah-1"]  # one character: every text is read


def test_a_graph_put_again_replaces_its_texts_and_removing_takes_them_out(index: TextIndex) -> None:
    graph, _ = _doc(1)
    index.put(*_doc(1, "Nu over iets anders."))
    assert _ids(index.search(["schiphol"])) == ["ah-3"] and _ids(index.search(["anders"])) == ["ah-1"]
    index.remove(graph)
    assert _ids(index.search(["anders"])) == [] and index.graphs() == 2
    assert _found(index, "anders") == set()  # out of the trigram index too, not only the tables
    index.remove(graph)  # a graph it does not hold: nothing happens
    index.clear()
    assert index.graphs() == 0 and _found(index, "stikstof") == set()


def _intact(index: TextIndex) -> None:
    """The trigram index holds what the tables hold (FTS5's own check; it raises when not)."""
    index.con.execute("INSERT INTO deel_tekst(deel_tekst, rank) VALUES ('integrity-check', 1)")


def test_a_graph_put_again_with_the_same_texts_keeps_their_rows_and_takes_its_new_date(index: TextIndex) -> None:
    graph, text = _doc(2, "Hoeveel STIKSTOF stoot de veehouderij uit?", day=5)
    written = index.con.total_changes
    index.put(graph, text._replace(sleutel=text.sleutel - 3 * 10**10, pagina="https://example.org/2"))  # now the oldest
    assert index.con.total_changes - written == 1  # the document's row: no text taken out or put in
    _intact(index)
    assert _ids(index.search(["stikstof"])) == ["ah-3", "ah-1", "ah-2"]
    assert index.search(["veehouderij"]).records()[0]["pagina"] == "https://example.org/2"
    index.put(graph, text._replace(parts=text.parts[:0]))  # its texts did change: taken out
    assert _ids(index.search(["stikstof"])) == ["ah-3", "ah-1"] and _found(index, "veehouderij") == set()


@pytest.mark.parametrize(
    "texts",
    [
        ("Over asielzoekers en stikstof.", "Over Lelystad."),  # the second changed
        ("Over asielzoekers en stikstof.",),  # the second gone
        ("Over asielzoekers en stikstof.", "Over Schiphol.", "En Lelystad?"),  # a third
        ("Over Schiphol.", "En stikstof?"),  # both
    ],
)
def test_a_graph_put_again_with_some_texts_changed_keeps_the_rows_of_the_others(index: TextIndex, texts: tuple[str, ...]) -> None:
    def rows() -> list[tuple[int, str]]:
        return index.con.execute("SELECT p.id, p.tekst FROM deel p JOIN document d ON d.id = p.document WHERE d.ident = 'ah-3' ORDER BY p.id").fetchall()

    before = rows()
    index.put(*_doc(3, *texts, day=4))
    after = rows()
    _intact(index)
    assert [t for _, t in after] == list(texts)
    assert all(i == j for (i, t), (j, was) in zip(after, before, strict=False) if t == was)  # a text unchanged in its place keeps its row
    fresh = TextIndex.memory()
    for n, made in enumerate(INDEXED, 1):
        fresh.put(*(_doc(3, *texts, day=4) if n == 3 else made))
    assert _contents(index) == _contents(fresh)
    assert index.search(["o"], limit=None).rows == fresh.search(["o"], limit=None).rows  # what each says, where, in order
    for word in ("asielzoekers", "veehouderij", "lelystad", "schiphol", "stikstof"):
        assert len(_found(index, word)) == len(_found(fresh, word)), word  # the trigram index too


SOME_TEXT = st.text(alphabet=string.ascii_letters + " .,%_-'éÉçÇëË\"", min_size=0, max_size=60)


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(SOME_TEXT, min_size=1, max_size=6), pick=st.integers(0, 5), start=st.integers(0, 59), size=st.integers(1, 8))
def test_counts_are_those_of_reading_every_text(texts: list[str], pick: int, start: int, size: int) -> None:
    idx = TextIndex.memory()
    for n, t in enumerate(texts):
        idx.put(*_doc(n, t))
    source = texts[pick % len(texts)]
    term = " ".join(source[start : start + size].split())  # a term's spaces count as one, as the command's
    if not term:
        return
    holding = sum(term.lower() in t.lower() for t in texts)
    assert idx.count([term]) == (holding, holding)
    assert len(idx.search([term], limit=None).rows) == holding


# --- kept by the build ----------------------------------------------------------------------------


def _refilled(store: KgStore) -> list[tuple]:
    """The index made from the store's graphs alone."""
    fresh = TextIndex.memory()
    fill(store, fresh)
    return _contents(fresh)


def test_every_build_keeps_the_index_equal_to_one_made_from_the_graphs(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        with TextIndex.open(store.path) as idx:
            assert not idx.behind and idx.graphs() == store.count_documents() and _contents(idx) == _refilled(store)
        found = search(store.path, ["Raad voor de Kinderbescherming"]).records()
        assert [r["id"] for r in found] == ["ah-tk-20232024-9001"]
        assert found[0]["pagina"] == "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-9001.html"
        # a file changed, one added, one that now holds another publication, one gone (pruned)
        _change_the_answer(src)
        (src / "new.txt").write_text(_answer(9002))
        (src / "ah-tk-20132014-2290.txt").write_text(_answer(9003))
        (src / "kv-tk-2024Z90001.txt").unlink()
        _age(src)
        build([src], store, jobs=1, prune=True)
        with TextIndex.open(store.path) as idx:
            assert _contents(idx) == _refilled(store) and idx.graphs() == store.count_documents()
        assert _ids(search(store.path, ["wachtlijsten"])) == ["ah-tk-20232024-9001"]
        assert sorted(_ids(search(store.path, ["wachttijden"]))) == ["ah-tk-20232024-9002", "ah-tk-20232024-9003"]
        assert search(store.path, ["Asiel en Migratie"]).rows == []  # the pruned file's questions


def test_a_store_without_an_index_gets_one_at_its_next_build_without_parsing(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        before = _contents(TextIndex.open(store.path))
    (tmp_path / "s" / INDEX).unlink()
    with pytest.raises(UsageError, match="has no text index yet"):
        search(tmp_path / "s", ["stikstof"])
    stages: list[str] = []
    with KgStore.open(tmp_path / "s") as store:
        report = build([src], store, jobs=1, stage=stages.append)
        assert report.built == 0 and "indexing texts" in stages
        assert _contents(TextIndex.open(store.path)) == before


def test_a_build_after_a_stopped_one_makes_the_index_again(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        before = _contents(TextIndex.open(store.path))
        store.set_derive_pending(True)  # documents were being written when the build was killed
        stages: list[str] = []
        build([src], store, jobs=1, stage=stages.append)
        assert "indexing texts" in stages and _contents(TextIndex.open(store.path)) == before


def test_an_index_behind_its_store_or_damaged_is_not_searched(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    with TextIndex.open(tmp_path / "s") as idx:
        idx.set_behind()
    with pytest.raises(TextIndexBehind, match="lacks documents"):
        search(tmp_path / "s", ["stikstof"])
    (tmp_path / "s" / INDEX).write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="cannot read the text index"):
        search(tmp_path / "s", ["stikstof"])
    with KgStore.open(tmp_path / "s") as store:  # the next build makes it again
        build([src], store, jobs=1)
    assert search(tmp_path / "s", ["Kinderbescherming"]).rows


def test_an_index_of_another_format_is_made_again(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    con = sqlite3.connect(tmp_path / "s" / INDEX)
    with con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    con.close()
    with pytest.raises(StoreError, match="another version"):
        search(tmp_path / "s", ["stikstof"])
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    assert search(tmp_path / "s", ["Kinderbescherming"]).rows


def test_a_build_that_does_not_keep_the_index_leaves_it_behind_once_it_changes_a_document(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        assert build([src], store, jobs=1, text_index=False).built >= 4
        assert not (store.path / INDEX).exists()  # none made
        build([src], store, jobs=1)  # made from the graphs
        build([src], store, jobs=1, text_index=False)  # nothing changed: still in step
        assert search(store.path, ["Kinderbescherming"]).rows
        _change_the_answer(src)
        assert build([src], store, jobs=1, text_index=False).built == 1
        _refused_until_a_build_keeps_it(store, src)


def test_after_a_stopped_build_one_that_does_not_keep_the_index_leaves_it_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _src(tmp_path)

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt

    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        _change_the_answer(src)
        with monkeypatch.context() as m, pytest.raises(KeyboardInterrupt):
            m.setattr(TextIndex, "put", stopped)  # the graph is replaced, its texts not yet
            build([src], store, jobs=1)
        with pytest.raises(TextIndexBehind):
            search(store.path, ["Kinderbescherming"])  # not answered from an index a document off
        assert build([src], store, jobs=1, text_index=False).built == 0  # changes nothing, derives again
        _refused_until_a_build_keeps_it(store, src)


def test_a_build_stopped_after_a_change_leaves_the_index_behind(tmp_path: Path) -> None:
    src = _src(tmp_path)

    def stopped_once_built(result: kg.build.FileResult, done: int, total: int) -> None:
        if result.status == "built":
            raise KeyboardInterrupt  # Ctrl-C after the changed document

    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        _change_the_answer(src)
        with pytest.raises(KeyboardInterrupt):
            build([src], store, jobs=1, progress=stopped_once_built)
        _refused_until_a_build_keeps_it(store, src)


def test_a_build_whose_last_load_fails_leaves_the_index_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "many"
    src.mkdir()
    template = (EXAMPLES / "ah-tk-20232024-9001.txt").read_text()
    for i in range(8):
        (src / f"doc-{i}.txt").write_text(template.replace("9001", str(9100 + i)))
    loads: list[int] = []
    load = kg.store._load_pending

    def second_fails(*args: object) -> None:
        loads.append(1)
        if len(loads) == 2:
            raise StoreError("writing documents failed: disk full")
        load(*args)  # type: ignore[arg-type]

    def stopped(result: kg.build.FileResult, done: int, total: int) -> None:
        if done == 7:  # after the second batch went to load behind, before the writer waits for it
            raise KeyboardInterrupt

    monkeypatch.setattr(kg.store, "_load_pending", second_fails)
    with KgStore.open(tmp_path / "s") as store, pytest.raises(StoreError, match="disk full"):
        build([src], store, jobs=1, batch_docs=3, progress=stopped)
    with TextIndex.open(tmp_path / "s") as index:
        assert index.behind  # not the texts of documents the store does not have


def test_an_index_that_cannot_be_marked_behind_is_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        _change_the_answer(src)

        def locked(*args: object) -> None:
            raise sqlite3.OperationalError("database is locked")

        with monkeypatch.context() as m:
            m.setattr(TextIndex, "set_behind", locked)
            assert build([src], store, jobs=1, text_index=False).built == 1
        assert not (store.path / INDEX).exists()


def test_a_store_in_memory_or_a_bare_database_has_no_index(tmp_path: Path) -> None:
    src = _src(tmp_path)
    assert build([src], KgStore.memory(), jobs=1).built >= 4
    bare = tmp_path / "bare"
    ox.Store(str(bare)).flush()
    with KgStore.open(bare) as store:
        assert build([src], store, jobs=1).built >= 4
    assert not list(tmp_path.glob(f"**/{INDEX}"))


def test_an_index_that_fails_is_made_again_and_the_build_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _src(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    put, calls = TextIndex.put, []

    def full_once(index: TextIndex, *args: object) -> None:
        calls.append(1)
        return full() if len(calls) == 2 else put(index, *args)  # type: ignore[arg-type]

    with KgStore.open(tmp_path / "s") as store:
        with monkeypatch.context() as m:
            m.setattr(TextIndex, "put", full_once)
            report = build([src], store, jobs=1)
        assert report.built >= 4 and report.failed == 0
        assert any("fell behind" in w for w in report.warnings)
        with TextIndex.open(store.path) as idx:  # made from the graphs at the end of the same build
            assert not idx.behind and _contents(idx) == _refilled(store)
        _change_the_answer(src)
        with monkeypatch.context() as m:
            m.setattr(TextIndex, "put", full)
            m.setattr(kg.build, "fill", full)
            report = build([src], store, jobs=1)
        assert report.built == 1 and any("was not made" in w for w in report.warnings)
    with pytest.raises(TextIndexBehind):
        search(tmp_path / "s", ["wachtlijst"])
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    assert _ids(search(tmp_path / "s", ["wachtlijst"])) == ["ah-tk-20232024-9001"]


# --- the command --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("search")
    shutil.copy(EXAMPLES / "ah-tk-20232024-9001.txt", d / "a.txt")
    shutil.copy(EXAMPLES / "kv-tk-2024Z90001.txt", d / "b.txt")
    with KgStore.open(d / "s") as s:
        build([d / "a.txt", d / "b.txt"], s, jobs=1)
    return d / "s"


def test_kg_search_prints_documents_as_a_table_or_json(store: Path) -> None:
    r = runner.invoke(app, ["search", "kinderbescherming", "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "ah-tk-2023" in r.output and "1 document\n" in r.output and "https://" not in r.output
    r = runner.invoke(app, ["search", "kinderbescherming", "-f", "json", "--store", str(store)])
    rows = json.loads(r.output)["results"]["bindings"]
    assert [b["id"]["value"] for b in rows] == ["ah-tk-20232024-9001"] and rows[0]["document"]["type"] == "uri"
    r = runner.invoke(app, ["search", "de", "--count", "-f", "csv", "--store", str(store)])
    assert r.output.splitlines()[0] == "documenten,delen" and r.output.splitlines()[1].startswith("2,")


def test_kg_search_errors_are_usage_errors(store: Path, tmp_path: Path) -> None:
    for args, message in (
        (["x", "--store", str(tmp_path / "none")], "no store at"),
        (["x", "--in", "bijlage", "--store", str(store)], "no part 'bijlage'"),
        (["x", "--from", "2024-13-01", "--store", str(store)], "is not a day"),
        (["x", "-f", "ttl", "--store", str(store)], "no format 'ttl'"),
    ):
        r = runner.invoke(app, ["search", *args])
        assert r.exit_code == 2 and message in r.output, (args, r.output)


# --- the endpoint -------------------------------------------------------------------------------


def test_the_endpoint_searches_the_index(store: Path, tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from kg.serve import create_app

    with TestClient(create_app(store, max_results=1), raise_server_exceptions=False) as client:
        r = client.get("/search", params={"q": "kinderbescherming"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
        assert [b["id"]["value"] for b in r.json()["results"]["bindings"]] == ["ah-tk-20232024-9001"]
        r = client.get("/search", params={"q": "de", "format": "csv"})  # two documents, one a page here
        assert len(r.text.splitlines()) == 2 and "offset=1" in r.headers["link"]
        r = client.get("/search", params={"q": "de", "count": "1", "format": "csv"})
        assert r.text.splitlines()[0] == "documenten,delen"
        assert client.get("/search").status_code == 400
        page = client.get("/").text
        assert '<form id="s">' in page and 'fetch("/search?"' in page
        assert client.get("/search", params={"q": "x", "in": "bijlage"}).status_code == 400
        assert client.get("/search", params={"q": "x", "format": "ttl"}).status_code == 406
    bare = tmp_path / "bare"
    KgStore.open(bare).close()
    with TestClient(create_app(bare), raise_server_exceptions=False) as client:
        r = client.get("/search", params={"q": "x"})
        assert r.status_code == 404 and "no text index" in r.text
    with TextIndex.open(store) as idx:
        idx.set_behind()
    try:
        with TestClient(create_app(store), raise_server_exceptions=False) as client:
            r = client.get("/search", params={"q": "x"})
            assert r.status_code == 503 and r.headers["retry-after"] and "being made" in r.text
    finally:
        with TextIndex.open(store) as idx:
            idx.set_behind(False)


def test_the_page_searches_in_a_browser(store: Path, tmp_path: Path) -> None:
    import socket
    import subprocess
    import threading
    import time

    import uvicorn

    from kg.serve import create_app

    from .test_viz import chromium_binary

    browser = chromium_binary()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if srv.started:
                break
            time.sleep(0.05)
        # no host name resolves; the test server's address is left out of that rule
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--virtual-time-budget=10000", "--dump-dom",
            f"http://127.0.0.1:{port}/#q=kinderbescherming&in=antwoord",
        ]  # fmt: skip
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False).stdout
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
    found = dom[dom.index('<div id="sout">') :]
    assert "<table>" in found and "ah-tk-20232024-9001" in found and "antwoord 1, antwoord 2" in found, found[:2000]


def test_kg_build_keeps_the_index_unless_told_not_to(tmp_path: Path) -> None:
    src, store = _src(tmp_path), tmp_path / "a"
    r = runner.invoke(app, ["build", str(src), "--store", str(store), "--no-text-index", "-j", "1"])
    assert r.exit_code == 0, r.output
    assert not (store / INDEX).exists()
    r = runner.invoke(app, ["build", str(src), "--store", str(store), "-j", "1"])
    assert r.exit_code == 0 and _ids(search(store, ["Kinderbescherming"])) == ["ah-tk-20232024-9001"]
    _change_the_answer(src)
    r = runner.invoke(app, ["build", str(src), "--store", str(store), "--no-text-index", "-j", "1"])
    assert r.exit_code == 0 and "1 built" in r.output
    r = runner.invoke(app, ["search", "wachtlijst", "--store", str(store)])
    assert r.exit_code == 4 and "being made, or lacks documents" in r.output
