"""Crash safety: a build killed at any moment leaves whole documents only, and the next build
completes the store to what a clean build gives; readers work during a build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.store import KgStore

from .conftest import EXAMPLES

KG = [sys.executable, "-m", "kg.cli"]
ENDED = "http://www.w3.org/ns/prov#endedAtTime"


def _corpus(d: Path, n: int) -> Path:
    d.mkdir()
    template = (EXAMPLES / "ah-tk-20232024-9001.txt").read_text()
    for i in range(n):
        (d / f"doc-{i:04d}.txt").write_text(template.replace("9001", str(10000 + i)))
    return d


def _kg(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _state(store: Path) -> set[tuple[str, str, str, str]]:
    s = KgStore.open(store, read_only=True)
    try:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in s.quads() if q.predicate.value != ENDED}
    finally:
        s.close()


def _whole_documents(store: Path) -> None:
    """Every document graph in the published snapshot has its provenance and all four questions."""
    s = KgStore.open(store, read_only=True)
    try:
        rows = s.query(
            "SELECT ?g (COUNT(DISTINCT ?q) AS ?n) (COUNT(DISTINCT ?f) AS ?files) WHERE { GRAPH ?g { ?d a kg:Antwoordpublicatie . "
            "OPTIONAL { ?d kg:vraag ?q } OPTIONAL { ?g kg:bestand ?f } } } GROUP BY ?g",
            union=False,
        )
        for r in rows:
            assert (int(r["n"].value), int(r["files"].value)) == (3, 1), r["g"]
    finally:
        s.close()


@pytest.mark.slow
def test_killed_builds_resume_to_a_clean_build(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "src", 1200)  # several bulk loads (kg.build.BATCH_DOCS)
    clean = tmp_path / "clean"
    started = time.monotonic()
    assert _kg("build", str(src), "--store", str(clean), "-q", "--jobs", "2").wait(timeout=600) == 0
    took = time.monotonic() - started
    expected = _state(clean)
    store = tmp_path / "killed"
    rng = random.Random(7)
    kills = 0
    for i in range(4):
        p = _kg("build", str(src), "--store", str(store), "-q", "--jobs", "2")
        time.sleep(rng.uniform(0.2, 0.6 if i == 0 else 0.95) * took)  # killed while parsing, loading or deriving
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            kills += 1
        p.wait(timeout=60)
        if (store / "current").exists():
            _whole_documents(store)
    assert _kg("build", str(src), "--store", str(store), "-q").wait(timeout=600) == 0
    assert kills >= 1
    assert _state(store) == expected


def test_a_half_loaded_batch_is_dropped_when_the_store_is_reopened(tmp_path: Path) -> None:
    store = KgStore.open(tmp_path / "s")
    g = "https://w3id.org/kg-kamervragen/id/graph/doc/half"
    (tmp_path / "s" / "pending").write_text(g + "\n")
    store.raw.add(ox.Quad(ox.NamedNode("http://x"), ox.NamedNode("http://y"), ox.Literal("z"), ox.NamedNode(g)))
    store.raw.flush()
    del store
    reopened = KgStore.open(tmp_path / "s")
    assert g not in reopened.document_graphs()
    assert not (tmp_path / "s" / "pending").exists()
    reopened.close()


def test_a_build_stopped_while_changing_documents_leaves_each_whole_and_the_next_completes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "src", 6)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    for f in sorted(src.iterdir())[:3]:
        f.write_text(f.read_text().replace("wachttijd", "wachtlijst"))
    real, calls = KgStore.change_graph, []

    def stopped_at_the_second(self: KgStore, graph: str, lines: bytes, also: bytes = b"") -> None:
        calls.append(graph)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(self, graph, lines, also)

    with monkeypatch.context() as m, KgStore.open(tmp_path / "s") as store, pytest.raises(KeyboardInterrupt):
        m.setattr(KgStore, "change_graph", stopped_at_the_second)
        build([src], store, jobs=1)
    _whole_documents(tmp_path / "s")  # what readers see: every document, old or new, whole
    with KgStore.open(tmp_path / "s", read_only=True) as reader:
        assert reader.count_documents() == 6
    with KgStore.open(tmp_path / "s") as store:
        assert build([src], store, jobs=1).built == 2
    with KgStore.open(tmp_path / "clean") as store:
        build([src], store, jobs=1)
    assert _state(tmp_path / "s") == _state(tmp_path / "clean")


@pytest.mark.slow
def test_readers_work_during_a_build_and_see_whole_documents(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "src", 300)
    store = tmp_path / "s"
    assert _kg("build", str(src / "doc-0000.txt"), "--store", str(store), "-q").wait(timeout=120) == 0
    p = _kg("build", str(src), "--store", str(store), "-q", "--jobs", "2")
    seen = 0
    while p.poll() is None:
        _whole_documents(store)
        seen += 1
        time.sleep(0.2)
    assert p.wait() == 0
    assert seen >= 1
    _whole_documents(store)
    s = KgStore.open(store, read_only=True)
    assert s.count_documents() == 300
    s.close()


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, ValueError, IndexError):
            continue
        if fields[0] != "Z":
            out.setdefault(int(fields[1]), []).append(int(d.name))
    return out


def _descendants(pid: int) -> set[int]:
    kids, out, todo = _children(), set(), [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            out.add(c)
            todo.append(c)
    return out


def _alive(pids: set[int]) -> set[int]:
    return {p for p in pids if (Path("/proc") / str(p) / "stat").exists() and " Z " not in (Path("/proc") / str(p) / "stat").read_text()}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_no_worker_outlives_a_killed_build(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "src", 400)
    p = _kg("build", str(src), "--store", str(tmp_path / "s"), "-q", "--jobs", "2")
    deadline = time.monotonic() + 60
    helpers: set[int] = set()
    while len(helpers) < 3 and time.monotonic() < deadline and p.poll() is None:  # the fork server and two workers
        time.sleep(0.2)
        helpers = _descendants(p.pid)
    assert len(helpers) >= 3, "the build ended before its workers were seen"
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    deadline = time.monotonic() + 15
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(helpers), f"processes of the killed build still running: {sorted(_alive(helpers))}"
