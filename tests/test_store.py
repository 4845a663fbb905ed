"""The store and the build: idempotent builds, graph replacement, manifest skips, pruning, SHACL."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.build
from kg.build import build, expand_paths
from kg.errors import ParseError, StoreError, StoreLocked, UsageError
from kg.store import KEEP_SNAPSHOTS, TRASH, KgStore
from kg.validate import validate_store

from .conftest import EXAMPLES

ENDED = "http://www.w3.org/ns/prov#endedAtTime"


def _quads(store: KgStore) -> set[ox.Quad]:
    return {q for q in store.quads() if q.predicate.value != ENDED}


def _copy_examples(tmp: Path) -> Path:
    d = tmp / "in"
    shutil.copytree(EXAMPLES, d, ignore=shutil.ignore_patterns("*.py", "*.md", "*.ipynb"))
    return d


def test_build_twice_gives_the_same_store(tmp_path: Path) -> None:
    src = _copy_examples(tmp_path)
    a, b = KgStore.open(tmp_path / "a"), KgStore.open(tmp_path / "b")
    ra = build([src], a)
    build([src], b)
    rb = build([src], b, force=True)
    assert ra.failed == 0 and ra.built == len(expand_paths([src]))
    assert rb.built == ra.built
    assert _quads(a) == _quads(b)


def test_unchanged_files_are_skipped_and_changed_ones_replaced(tmp_path: Path) -> None:
    src = _copy_examples(tmp_path)
    store = KgStore.open(tmp_path / "s")
    first = build([src], store)
    again = build([src], store)
    assert again.built == 0 and again.skipped == first.built
    kv = src / "kv-tk-2024Z90001.txt"
    kv.write_text(kv.read_text().replace("noodopvang?", "noodopvang, per gemeente?"))
    third = build([src], store)
    assert third.built == 1 and third.skipped == first.built - 1
    texts = [r["t"].value for r in store.query("SELECT ?t WHERE { ?q a kg:Vraag ; kg:nummer 1 ; kg:tekst ?t }")]
    assert any("per gemeente" in t for t in texts)
    assert not any(t.endswith("in de noodopvang?") for t in texts)
    assert store.count_documents() == first.built


def test_prune_removes_graphs_of_files_that_are_gone(tmp_path: Path) -> None:
    src = _copy_examples(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store)
    (src / "kv-tk-2024Z90001.txt").unlink()
    report = build([src], store, prune=True)
    assert report.pruned == 1
    assert not any("2024Z90001" in g for g in store.document_graphs())


def test_bad_file_is_reported_and_nothing_of_it_is_stored(tmp_path: Path) -> None:
    src = _copy_examples(tmp_path)
    (src / "news.txt").write_text("Het kabinet presenteerde vandaag de begroting.\nDe oppositie reageerde kritisch.\n")
    store = KgStore.open(tmp_path / "s")
    report = build([src], store)
    failed = [r for r in report.results if r.status == "failed"]
    assert [Path(r.path).name for r in failed] == ["news.txt"]
    assert "not a written-question document" in failed[0].message and "news.txt" in failed[0].message
    assert report.built == len(expand_paths([src])) - 1
    with pytest.raises(ParseError):
        build([src / "news.txt"], store, strict=True)


def test_graph_is_replaced_atomically_when_content_changes(tmp_path: Path) -> None:
    src = _copy_examples(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, now=lambda: dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    before = store.count_documents()
    build([src], store, force=True, now=lambda: dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    stamps = {r["t"].value for r in store.query("SELECT ?t WHERE { ?r prov:endedAtTime ?t }")}
    assert stamps == {"2024-01-02T00:00:00Z"}
    assert store.count_documents() == before


def test_second_writer_gets_a_clear_lock_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    first = KgStore.open(tmp_path / "s")
    code = "from kg.store import KgStore\nimport sys\ntry:\n    KgStore.open(sys.argv[1])\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True, timeout=60)
    assert "StoreLocked" in out.stdout, out.stdout + out.stderr
    assert "another kg process" in out.stdout
    del first
    _ = StoreLocked


def test_expand_paths_rejects_what_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        expand_paths([tmp_path / "nope"])
    with pytest.raises(UsageError, match="no file matches"):
        expand_paths([str(tmp_path / "*.none")])


def test_shapes_pass_on_the_examples(tmp_path: Path) -> None:
    store = KgStore.open(tmp_path / "s")
    build([_copy_examples(tmp_path)], store)
    report = validate_store(store)
    assert report.conforms, "\n".join(f"{v.focus} {v.path} {v.message}" for v in report.violations)


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    template = (EXAMPLES / "ah-tk-20232024-9001.txt").read_text()
    for i in range(40):
        text = template.replace("9001", str(9100 + i)).replace("Van Nispen", "Van Nispen" if i % 2 else "Kröger")
        (src / f"doc-{i:02d}.txt").write_text(text)
    at = lambda: dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # noqa: E731
    serial, parallel = KgStore.open(tmp_path / "serial"), KgStore.open(tmp_path / "parallel")
    r1 = build([src], serial, jobs=1, now=at)
    r2 = build([src], parallel, jobs=2, batch_docs=7, now=at)
    assert r1.built == r2.built == 40
    assert [r.path for r in r1.results] == [r.path for r in r2.results]
    assert set(serial.quads()) == set(parallel.quads())


@pytest.mark.parametrize(("ahead", "tasks"), [(500, 32), (16, 8), (130, 9)])
def test_the_workers_read_ahead_a_batch_or_four_tasks_each(monkeypatch: pytest.MonkeyPatch, ahead: int, tasks: int) -> None:
    """While the writer bulk-loads one batch, the workers have the next one to fill."""
    log: list[str] = []

    class Pool:  # runs each task when it is submitted, and says when a result is taken
        def __init__(self, **kw: object) -> None: ...
        def __enter__(self) -> Pool:
            return self
        def __exit__(self, *exc: object) -> None: ...
        def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
            log.append("submit")
            f: Future[object] = Future()
            f.set_result(fn(*args))
            return f

    monkeypatch.setattr(kg.build, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(kg.build, "_work_many", lambda items, *a: [p for p, _ in items])
    files = [(f"f{i}", None) for i in range(1000)]
    at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    out = kg.build._worked(files, False, at, 2, None, ahead=ahead)
    assert next(out) == "f0"
    assert log.count("submit") == tasks + 1  # the window, and the task that takes the first one's place
    assert [*out] == [p for p, _ in files[1:]]


def _writer_and_reader(tmp_path: Path) -> tuple[KgStore, KgStore]:
    """A store built from the examples, open for writing, and a reader of its snapshot."""
    writer = KgStore.open(tmp_path / "s")
    build([_copy_examples(tmp_path)], writer)
    writer.publish()
    return writer, KgStore.open(tmp_path / "s", read_only=True)


def test_a_snapshot_a_reader_holds_is_kept_until_it_lets_go(tmp_path: Path) -> None:
    writer, reader = _writer_and_reader(tmp_path)
    held = tmp_path / "s" / "snapshots" / str(reader.snapshot)
    n = len(reader)
    for _ in range(KEEP_SNAPSHOTS + 2):  # a long export while builds publish again and again
        writer.publish(force=True)
    assert held.is_dir() and len(reader) == n
    reader.close()
    writer.publish(force=True)
    assert not held.exists()
    assert len(list((tmp_path / "s" / "snapshots").iterdir())) == KEEP_SNAPSHOTS
    writer.close()


needs_flock = pytest.mark.skipif(sys.platform == "win32", reason="without flock, pruning deletes snapshots at once")


def _emptied(trash: Path, timeout: float = 30) -> None:
    """Wait for the thread that deletes the trash (the one `publish` started) to end."""
    import kg.store

    thread = kg.store._EMPTYING.get(trash.absolute())
    if thread is not None:
        thread.join(timeout)
    assert thread is None or not thread.is_alive()


@needs_flock
def test_pruned_snapshots_are_deleted_out_of_the_writers_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import kg.store

    writer, reader = _writer_and_reader(tmp_path)
    reader.close()
    gate, real = threading.Event(), kg.store._delete
    monkeypatch.setattr(kg.store, "_delete", lambda path: gate.wait(30) and real(path))
    for _ in range(KEEP_SNAPSHOTS + 1):
        writer.publish(force=True)  # returns while the deletion waits
    snaps, trash = tmp_path / "s" / "snapshots", tmp_path / "s" / TRASH
    assert len(list(snaps.iterdir())) == KEEP_SNAPSHOTS
    assert len(list(trash.iterdir())) >= 2
    gate.set()
    _emptied(trash)
    writer.publish(force=True)  # what the running deletion did not see, the next one deletes
    _emptied(trash)
    assert list(trash.iterdir()) == []
    writer.close()


@needs_flock
def test_a_trash_left_by_a_killed_writer_is_deleted_by_the_next_one(tmp_path: Path) -> None:
    writer, reader = _writer_and_reader(tmp_path)
    reader.close()
    writer.close()
    left = tmp_path / "s" / TRASH / "00000001-123-456"
    left.mkdir(parents=True)
    (left / "000001.sst").write_bytes(b"x" * 1000)
    with KgStore.open(tmp_path / "s") as store:
        store.publish(force=True)
        _emptied(tmp_path / "s" / TRASH)
        assert not left.exists()
    with KgStore.open(tmp_path / "s", read_only=True) as store:
        assert store.count_documents() > 0


@needs_flock
def test_what_the_trash_holds_when_the_writer_closes_is_deleted_by_a_process_that_outlives_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store

    writer, reader = _writer_and_reader(tmp_path)
    reader.close()
    monkeypatch.setattr(kg.store, "_empty", lambda trash: None)  # as if the process ended before its thread deleted anything
    for _ in range(KEEP_SNAPSHOTS + 1):
        writer.publish(force=True)
    trash = tmp_path / "s" / TRASH
    assert any(trash.iterdir())
    before = len(kg.store._DELETERS)
    writer.close()
    assert len(kg.store._DELETERS) == before + 1
    kg.store._DELETERS[-1].wait(30)
    assert list(trash.iterdir()) == []
    kg.store._hand_off(trash)  # an empty trash starts nothing, and the ended process is let go
    assert all(p.poll() is None for p in kg.store._DELETERS)


def test_a_store_is_replaced_while_its_trash_is_being_deleted(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    src = _copy_examples(tmp_path)
    store = tmp_path / "s"
    for _ in range(3):  # --replace-store removes the store the build before left (and its trash, maybe being deleted)
        result = CliRunner().invoke(app, ["build", str(src), "--store", str(store), "--replace-store", "--quiet"])
        assert result.exit_code == 0, result.output


def test_expand_paths_names_files_as_pathlib_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    want = [Path("a.txt"), Path("b.txt"), Path("sub/c.txt")]
    assert expand_paths(["."]) == expand_paths([""]) == expand_paths(["./"]) == want
    assert [str(p) for p in expand_paths(["."])] == ["a.txt", "b.txt", "sub/c.txt"]
    assert expand_paths(["sub", "."]) == [Path("sub/c.txt"), Path("a.txt"), Path("b.txt")]
    assert expand_paths(["./**"]) == want
    assert expand_paths([str(tmp_path) + "/"]) == [tmp_path / p for p in want]


def test_a_refreshed_reader_lets_go_of_its_old_snapshot_one_refresh_later(tmp_path: Path) -> None:
    writer, reader = _writer_and_reader(tmp_path)
    first = tmp_path / "s" / "snapshots" / str(reader.snapshot)
    writer.publish(force=True)
    assert reader.refresh()
    for _ in range(KEEP_SNAPSHOTS + 1):  # queries started before the refresh may still read the first one
        writer.publish(force=True)
    assert first.is_dir()
    assert reader.refresh()
    writer.publish(force=True)
    assert not first.exists()
    reader.close()
    writer.close()


def test_documents_larger_than_a_bulk_call_are_added_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.store.BULK_QUADS", 3)
    g = ox.NamedNode("https://example.org/g")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(str(i)), g) for i in range(10)]
    with KgStore.open(tmp_path / "s") as store:
        store.add_documents(iter(quads), [g.value])
        assert set(store.quads(g.value)) == set(quads)
        assert not (tmp_path / "s" / "pending").exists()


def test_documents_given_as_nquads_are_added_as_their_quads(tmp_path: Path) -> None:
    g = ox.NamedNode("https://example.org/g")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(f"{i} é\n\"x\"", language="nl"), g) for i in range(5)]
    with KgStore.open(tmp_path / "s") as store:
        store.add_nquads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), [g.value])
        assert set(store.quads(g.value)) == set(quads)
        assert store.has_graph(g.value) and not (tmp_path / "s" / "pending").exists()


def test_nquads_that_fail_to_load_leave_their_graphs_to_be_dropped(tmp_path: Path) -> None:
    g = "https://example.org/g"
    with KgStore.open(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="writing documents failed"):
            store.add_nquads(f"<https://example.org/s> <https://example.org/p> \"1\" <{g}> .\n<oops".encode(), [g])
        assert (tmp_path / "s" / "pending").read_text() == g
    with KgStore.open(tmp_path / "s") as store:
        assert not store.has_graph(g) and not (tmp_path / "s" / "pending").exists()


def test_a_load_behind_is_known_at_once_and_waited_for_by_whatever_uses_the_store_next(tmp_path: Path) -> None:
    g = "https://example.org/g"
    line = f'<https://example.org/s> <https://example.org/p> "1" <{g}> .\n'.encode()
    go = threading.Event()

    def load(db: ox.Store) -> None:
        assert go.wait(10)
        db.bulk_load(line, format=ox.RdfFormat.N_QUADS)

    with KgStore.open(tmp_path / "s") as store:
        store.publish()
        store._bulk(load, [g], behind=True)
        assert store.has_graph(g) and not store.has_graph(g + "x")  # known without waiting
        assert (tmp_path / "s" / "pending").read_text() == g
        with KgStore.open(tmp_path / "s", read_only=True) as reader:
            assert not reader.has_graph(g)  # nothing half-loaded is published
        go.set()
        assert [q.object.value for q in store.quads(g)] == ["1"]  # waited for
        assert not (tmp_path / "s" / "pending").exists()
    with KgStore.open(tmp_path / "s", read_only=True) as reader:
        assert reader.has_graph(g)


def test_a_load_behind_that_fails_raises_at_the_next_use_and_its_graphs_are_dropped(tmp_path: Path) -> None:
    g = "https://example.org/g"
    bad = f"<https://example.org/s> <https://example.org/p> \"1\" <{g}> .\n<oops".encode()
    with KgStore.open(tmp_path / "s") as store:
        store.add_nquads(bad, [g], behind=True)  # returns at once
        with pytest.raises(StoreError, match="writing documents failed"):
            len(store)
        assert (tmp_path / "s" / "pending").read_text() == g
        assert len(store) >= 0  # raised once
    with KgStore.open(tmp_path / "s") as store:
        assert not store.has_graph(g) and not (tmp_path / "s" / "pending").exists()


def test_a_store_closed_with_a_failed_load_behind_is_closed_then_raises(tmp_path: Path) -> None:
    g = "https://example.org/g"
    store = KgStore.open(tmp_path / "s")
    store.add_nquads(f"<https://example.org/s> <https://example.org/p> \"1\" <{g}> .\n<oops".encode(), [g], behind=True)
    with pytest.raises(StoreError, match="writing documents failed"):
        store.close()
    with KgStore.open(tmp_path / "s") as again:  # the lock was let go; the batch is dropped
        assert not again.has_graph(g)


def _held_load(go: threading.Event, g: str) -> Callable[[ox.Store], None]:
    def load(db: ox.Store) -> None:
        assert go.wait(10)
        db.bulk_load(f'<https://example.org/s> <https://example.org/p> "1" <{g}> .\n'.encode(), format=ox.RdfFormat.N_QUADS)

    return load


def test_publishing_waits_for_a_load_behind(tmp_path: Path) -> None:
    g, go = "https://example.org/g", threading.Event()
    with KgStore.open(tmp_path / "s") as store:
        store.publish()
        store._bulk(_held_load(go, g), [g], behind=True)
        threading.Timer(0.2, go.set).start()
        store.publish()
        with KgStore.open(tmp_path / "s", read_only=True) as reader:
            assert reader.has_graph(g)
        store._bulk(_held_load(go, g + "2"), [g + "2"], behind=True)
        assert store._behind is not None and store._behind.done.wait(10)  # loaded, not yet waited for
        store.publish()
        with KgStore.open(tmp_path / "s", read_only=True) as reader:
            assert reader.has_graph(g + "2")


def test_ctrl_c_while_waiting_for_a_load_behind_leaves_it_to_be_waited_for(tmp_path: Path) -> None:
    g, go = "https://example.org/g", threading.Event()

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGUSR1, interrupt)
    try:
        with KgStore.open(tmp_path / "s") as store:
            store._bulk(_held_load(go, g), [g], behind=True)
            threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGUSR1)).start()
            with pytest.raises(KeyboardInterrupt):
                len(store)  # waits for the load
            assert store._behind is not None and not store._behind.done.is_set()
            go.set()
        with KgStore.open(tmp_path / "s") as store:  # closed once the load ended: let go of, and whole
            assert store.has_graph(g) and not (tmp_path / "s" / "pending").exists()
    finally:
        signal.signal(signal.SIGUSR1, previous)


def _valued(graph: ox.NamedNode, values: list[str]) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal(v), graph) for v in values]


def _literal(kind: int, text: str) -> ox.Literal:
    """A plain, a Dutch or an integer literal (written as given, leading zeros too)."""
    if kind == 1:
        return ox.Literal(text, language="nl")
    if kind == 2:
        return ox.Literal(str(len(text)).zfill(3), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(text)


SOME_OBJECTS = st.lists(st.tuples(st.integers(0, 2), st.text(max_size=6)), max_size=8)


@settings(max_examples=80, deadline=None)
@given(old=SOME_OBJECTS, new=SOME_OBJECTS.filter(bool))
def test_a_changed_graph_holds_its_new_quads_and_only_those(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> None:
    g, shared = ox.NamedNode("https://example.org/g"), ox.NamedNode("https://example.org/shared")
    s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")

    def quads(objects: list[tuple[int, str]]) -> list[ox.Quad]:
        return [ox.Quad(s, p, _literal(kind, text), g) for kind, text in objects]

    store = KgStore.memory()
    store.add_nquads(ox.serialize(quads(old) + _valued(shared, ["x"]), format=ox.RdfFormat.N_QUADS), [g.value])
    lines = ox.serialize(quads(new), format=ox.RdfFormat.N_QUADS)
    store.change_graph(g.value, lines, ox.serialize(_valued(shared, ["y"]), format=ox.RdfFormat.N_QUADS))
    fresh = KgStore.memory()
    fresh.add_nquads(lines, [g.value])
    assert set(store.quads(g.value)) == set(fresh.quads(g.value))  # as a new store holds them
    assert sorted(q.object.value for q in store.quads(shared.value)) == ["x", "y"]


def test_a_graph_changed_in_few_quads_writes_those_and_one_changed_in_most_is_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    g = ox.NamedNode("https://example.org/g")
    store = KgStore.memory()
    store.add_nquads(ox.serialize(_valued(g, list("abcd")), format=ox.RdfFormat.N_QUADS), [g.value])
    updates: list[str] = []
    real = store.raw.update
    monkeypatch.setattr(store, "_db", _Spy(store.raw, lambda sparql: updates.append(sparql) or real(sparql)))
    store.change_graph(g.value, ox.serialize(_valued(g, list("abce")), format=ox.RdfFormat.N_QUADS))
    (update,) = updates  # one transaction
    assert 'DELETE DATA' in update and '"d"' in update and '"e"' in update and '"a"' not in update and "DROP" not in update
    store.change_graph(g.value, ox.serialize(_valued(g, list("abce")), format=ox.RdfFormat.N_QUADS))
    assert len(updates) == 1  # nothing changed, nothing written
    store.change_graph(g.value, ox.serialize(_valued(g, list("xyz")), format=ox.RdfFormat.N_QUADS))
    assert updates[-1].startswith(f"DROP SILENT GRAPH {g}")
    assert sorted(q.object.value for q in store.quads(g.value)) == list("xyz")


class _Spy:
    """A pyoxigraph store whose updates go through `update`."""

    def __init__(self, store: ox.Store, update: Callable[[str], None]) -> None:
        self._s, self.update = store, update

    def __getattr__(self, name: str) -> object:
        return getattr(self._s, name)


def test_nothing_is_published_while_a_batch_is_pending(tmp_path: Path) -> None:
    g = "https://example.org/g"
    with KgStore.open(tmp_path / "s") as store:
        store.add_nquads(f'<https://example.org/s> <https://example.org/p> "1" <{g}> .\n'.encode(), [g])
    with KgStore.open(tmp_path / "s") as store:
        (tmp_path / "s" / "pending").write_text("https://example.org/half\n")  # a load that failed half-way
        store.raw.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("2"), ox.NamedNode("https://example.org/half")))
        store._dirty = True
    with KgStore.open(tmp_path / "s", read_only=True) as reader:
        assert not reader.has_graph("https://example.org/half") and [q.object.value for q in reader.quads(g)] == ["1"]
    with KgStore.open(tmp_path / "s") as store:  # repaired when opened for writing
        assert not store.has_graph("https://example.org/half") and store.has_graph(g)


def test_a_large_graph_is_removed_in_steps_with_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.store.REMOVE_STEP", 3)
    g, other = ox.NamedNode("https://example.org/g"), ox.NamedNode("https://example.org/h")
    p = ox.NamedNode("https://example.org/p")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p, ox.Literal(str(i)), g) for i in range(10)]
    kept = ox.Quad(ox.NamedNode("https://example.org/s0"), p, ox.Literal("0"), other)
    with KgStore.open(tmp_path / "s") as store:
        store.add_documents([*quads, kept], [g.value, other.value])
        store.remove_graph_in_steps(g.value)
        assert not store.has_graph(g.value) and not list(store.quads(g.value))
        assert list(store.quads(other.value)) == [kept]


# --- compacting --------------------------------------------------------------------------------------


def _count_optimizes(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """A list that gets the store's path each time a store is optimized (the real compaction still runs)."""
    calls: list[Path | None] = []
    real = KgStore.optimize
    monkeypatch.setattr(KgStore, "optimize", lambda self: calls.append(self.path) or real(self))
    return calls


def test_a_new_store_of_many_documents_is_compacted_at_the_end_and_a_rebuild_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _copy_examples(tmp_path)
    calls = _count_optimizes(monkeypatch)
    monkeypatch.setattr(kg.build, "OPTIMIZE_DOCS", 2)
    stages: list[str] = []
    with KgStore.open(tmp_path / "s") as store:
        assert build([src], store=store, stage=stages.append).built > 2
    assert stages == ["deriving", "optimizing"] and calls == [tmp_path / "s"]
    (src / "ah-tk-20232024-9101.txt").write_text((src / "ah-tk-20232024-9001.txt").read_text().replace("9001", "9101"))
    stages.clear()
    with KgStore.open(tmp_path / "s") as store:
        assert build([src], store=store, stage=stages.append).built == 1
        assert build([src], store=store, stage=stages.append).built == 0
    assert stages == ["deriving"] and len(calls) == 1  # nothing to derive the second time


def test_compacting_is_asked_for_or_declined_whatever_the_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _copy_examples(tmp_path)
    calls = _count_optimizes(monkeypatch)
    with KgStore.open(tmp_path / "a") as store:
        build([src], store=store)  # a few documents: not compacted
        build([src], store=store, optimize=True)  # nothing changed, compacted when asked
    monkeypatch.setattr(kg.build, "OPTIMIZE_DOCS", 1)
    with KgStore.open(tmp_path / "b") as store:
        build([src], store=store, optimize=False)
    assert calls == [tmp_path / "a"]


def test_a_compacted_store_holds_what_it_held(tmp_path: Path) -> None:
    """Compacting changes no quad; it publishes a snapshot of the compacted files and retires the
    older snapshots (which link the files it replaced), except one a reader holds."""
    src = _copy_examples(tmp_path)
    snapshots = tmp_path / "s" / "snapshots"
    with KgStore.open(tmp_path / "s") as store:
        build([src], store=store)
        store.publish()
        before = _quads(store)
        reader = KgStore.open(tmp_path / "s", read_only=True)
        held = reader.snapshot
        store.publish()
        assert len(list(snapshots.iterdir())) == 3
        store.optimize()
        assert _quads(store) == before
        assert sorted(d.name for d in snapshots.iterdir()) == sorted({held, KgStore._current(tmp_path / "s")})
        reader.close()
        store.optimize()
        assert [d.name for d in snapshots.iterdir()] == [KgStore._current(tmp_path / "s")]
    with KgStore.open(tmp_path / "s", read_only=True) as store:
        assert _quads(store) == before
        with pytest.raises(StoreError, match="read-only"):
            store.optimize()
    memory = KgStore.memory()
    memory.optimize()  # nothing to compact


def test_a_compaction_the_build_chose_and_could_not_do_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents are in and saved by then: no room, or a failing compaction, leaves the store as it is."""
    import collections

    src = _copy_examples(tmp_path)
    monkeypatch.setattr(kg.build, "OPTIMIZE_DOCS", 1)
    monkeypatch.setattr(kg.build.shutil, "disk_usage", lambda p: collections.namedtuple("U", "total used free")(10, 10, 0))
    with KgStore.open(tmp_path / "a") as store:
        report = build([src], store=store)
    assert report.built > 1 and len(report.warnings) == 1 and report.warnings[0].startswith("not compacted: 0.0 GB free")
    monkeypatch.undo()

    def fail(self: KgStore) -> None:
        raise StoreError("optimizing failed: no space left on device")

    monkeypatch.setattr(kg.build, "OPTIMIZE_DOCS", 1)
    monkeypatch.setattr(KgStore, "optimize", fail)
    with KgStore.open(tmp_path / "b") as store:
        report = build([src], store=store)
        assert report.warnings == ["not compacted: optimizing failed: no space left on device"]
        with pytest.raises(StoreError, match="no space"):
            build([src], store=store, optimize=True)  # asked for: its failure is the build's
