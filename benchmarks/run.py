"""Benchmarks of kg at the scale of the whole archive: figures, each beside its reference from the same run.

    .venv/bin/python benchmarks/run.py --size 10000 [--workdir DIR] [--keep] [--seed S] [--jobs J]

Generates N documents with `benchmarks/generator.py` (cached in the work folder by size and seed), then
measures and prints a table:

- parse rate of `kg.pipeline.parse_bytes` in one process (reading vs extraction), on a sample;
- `kg.build.build` end to end with all cores into a fresh store on disk (docs/s, quads/s), beside
  (a) pyoxigraph's bulk loader loading the same quads (exported from the built store) into a fresh store,
  (b) the rdflib pipeline a user would otherwise write (parse with kg, `Dataset.add` every quad,
  serialise N-Quads to disk; one process, on a sample); the build's CPU by part (the workers; the
  writer's main thread, bulk loader and RocksDB's compacting threads), and the least wall time these
  CPUs allow (the parse's CPU for every document and the bulk loader's, over all CPUs with none idle);
- peak memory of the build (process tree) and the store's size on disk;
- incremental rebuilds with the `kg build` command: nothing changed, one document changed, one new, 5% changed;
- latency of every named query (per-entity and whole-corpus variants) and of a free-text search;
- export of the whole store (N-Quads, Turtle) and of the largest projection when `kg.graphs` exists;
- the PDF reader per page beside `pdftotext` (when ../shared/corpus/pdf and pdftotext are there).

Benchmarks never assert on time: the targets are printed beside the figures. Results are also written
as JSON into the work folder. Phases that write a store run in a child process (a fresh interpreter), so
that their memory is measured alone.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import re
import resource
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import generator  # noqa: E402

SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
TARGETS = {
    "build_docs_s_2cores": 400.0,  # ≥ 400 docs/s on 2 cores
    "bulk_ratio": 1 / 3,  # ≥ 1/3 of the bulk-load rate
    "rdflib_ratio": 10.0,  # ≥ 10× the rdflib pipeline
    "unchanged_100k_s": 20.0,  # re-run on an unchanged 100k folder < 20 s
    "one_changed_s": 3.0,  # one changed document < 3 s
    "entity_query_ms": 50.0,  # per-entity query median < 50 ms
    "aggregate_query_ms": 1000.0,  # whole-corpus aggregate < 1 s
}
MANY_CHANGED = 0.05  # the share of the documents changed for the "many changed" rebuild
QUERY_DAY = "2025-09-01"  # the fixed `on` date for open questions / response times


# --- helpers -------------------------------------------------------------------------------------


def say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fmt_rate(x: float | None, unit: str = "") -> str:
    if x is None:
        return "–"
    if x >= 100:
        s = f"{x:,.0f}"
    elif x >= 10:
        s = f"{x:.1f}"
    else:
        s = f"{x:.2f}"
    return f"{s} {unit}".strip()


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    if x < 120:
        return f"{x:.2f} s"
    return f"{x / 60:.1f} min"


def fmt_mb(x: float | None) -> str:
    return "–" if x is None else f"{x / 2**20:,.0f} MB"


def disk_usage(path: Path) -> int:
    """Bytes on disk under `path`, hard-linked files (snapshots share files with the database) counted once.
    (`os.walk`, which passes over folders that vanish meanwhile: the store's trash is deleted in the background.)"""
    seen: set[tuple[int, int]] = set()
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            try:
                st = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    return total


_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid → (parent pid, CPU ticks used: user + system) for every process."""
    table: dict[int, tuple[int, int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
            fields = stat[stat.rfind(b")") + 2 :].split()
            table[int(d)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            continue
    return table


def _tree(root: int, table: dict[int, tuple[int, int]]) -> set[int]:
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for c, (pp, _) in table.items():
            if pp == p and c not in tree:
                tree.add(c)
                frontier.append(c)
    return tree


def _rss(pids: Iterable[int]) -> int:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


@dataclass
class Polled:
    """A finished command: wall time, peak RSS and CPU time of its process tree, output, exit status."""

    wall: float
    peak_rss: int
    cpu_s: float
    processes: int
    out: str
    err: str
    rc: int
    loadavg_before: float
    loadavg_after: float


def _mem_total() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return 0


MAX_RSS = int(_mem_total() * 0.4)  # a phase using more than 40% of the machine's memory is stopped (shared machines)


def run_polled(cmd: list[str], timeout: float | None = None, max_rss: int | None = MAX_RSS) -> Polled:
    """Run a command, sampling its process tree every 0.25 s (RSS sum, CPU ticks per process).

    Raises `TimeoutError` (after killing it) when it runs longer than `timeout` seconds, `MemoryError`
    when its process tree uses more than `max_rss` bytes.
    """
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, int] = {}  # pid → CPU ticks last seen (a process's last 0.25 s may be missed)
    stop = threading.Event()
    over = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            table = _proc_table()
            tree = _tree(proc.pid, table)
            rss = _rss(tree)
            peak = max(peak, rss)
            for p in tree:
                if p in table:
                    cpu[p] = max(cpu.get(p, 0), table[p][1])
            if max_rss and rss > max_rss:
                over.set()
                for p in tree:
                    with contextlib.suppress(OSError):
                        os.kill(p, 9)
                return
            stop.wait(0.25)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise TimeoutError(f"{cmd[:4]} ran longer than {timeout} s") from None
    finally:
        stop.set()
        th.join()
    wall = time.perf_counter() - t0
    if over.is_set():
        raise MemoryError(f"{cmd[:4]} used more than {max_rss / 2**30:.1f} GB (killed)")
    return Polled(wall, peak, sum(cpu.values()) / _TICK, len(cpu), out, err, proc.returncode, load0, os.getloadavg()[0])


def run_child(phase: str, payload: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one phase of this script in a fresh interpreter (see `run_polled`); its JSON result with the measurements."""
    r = run_polled([sys.executable, str(Path(__file__).resolve()), "--child", phase, json.dumps(payload)], timeout)
    if r.rc != 0:
        raise RuntimeError(f"child phase {phase} failed ({r.rc}):\n{r.err[-3000:]}")
    result = json.loads(r.out.strip().splitlines()[-1])
    result.update(child_wall_s=r.wall, peak_tree_rss=r.peak_rss, cpu_s=r.cpu_s, processes=r.processes,
                  loadavg_before=r.loadavg_before, loadavg_after=r.loadavg_after)  # fmt: skip
    return result


def timed_runs(fn: Callable[[], Any], runs: int, slow_s: float = 2.0) -> list[float]:
    """Wall times of `runs` calls after one warm-up call; fewer runs when one call takes longer than `slow_s`."""
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    n = runs if first < slow_s else max(2, min(runs, 3))
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def pctl(xs: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, round(q * len(s) + 0.5) - 1))
    return s[k]


# --- documents -----------------------------------------------------------------------------------


def ensure_docs(workdir: Path, size: int, seed: int) -> Path:
    """The generated documents for (size, seed), generated once and cached."""
    d = workdir / f"docs-n{size}-s{seed}"
    done = d / ".complete"
    if done.exists():
        return d
    if d.exists():
        shutil.rmtree(d)
    say(f"generating {size} documents (seed {seed}) into {d}")
    t0 = time.perf_counter()
    total = generator.write(d, size, seed)
    done.write_text(f"{size} {seed} {total}\n")
    say(f"generated {size} documents, {total / 1e6:.1f} MB in {time.perf_counter() - t0:.0f} s")
    return d


def doc_files(d: Path) -> list[Path]:
    return sorted(p for p in d.iterdir() if p.suffix == ".txt")


def link_farm(src: Path, dst: Path) -> Path:
    """A folder of hard links to the cached documents (so one can be changed without touching the cache)."""
    dst.mkdir(parents=True)
    for p in doc_files(src):
        try:
            os.link(p, dst / p.name)
        except OSError:
            shutil.copy2(p, dst / p.name)
    return dst


# --- phase: single-process stages (parse, map, serialise; rdflib pipeline) -----------------------


def bench_stages(files: list[Path], rdflib_out: Path) -> dict[str, Any]:
    """Per stage, in this process: read (reader), extract, map to quads, N-Quads; then the rdflib pipeline.

    Times are CPU time of this process (`time.process_time`), so that other load on the machine does not
    count; the wall time of the whole phase is kept beside them.
    """
    import pyoxigraph as ox
    import rdflib

    from kg.pipeline import parse_bytes
    from kg.rdf import _to_rdflib_term, document_quads
    from kg.readers import read_bytes

    try:
        from kg.extract import extract
    except ImportError:
        extract = None  # type: ignore[assignment]

    datas = [(str(p), p.read_bytes()) for p in files]
    # warm up lazily loaded tables (gazetteers, reference data) outside the timing
    for src, data in datas[:3]:
        with contextlib.suppress(Exception):
            parse_bytes(data, src)
    clock = time.process_time
    wall0 = time.perf_counter()
    gc.collect()
    t_read = t_extract = t_map = t_ser = 0.0
    docs = []
    failed = 0
    quads_all: list[list[Any]] = []
    for src, data in datas:
        t0 = clock()
        try:
            doc = read_bytes(data, src)
        except Exception:
            failed += 1
            continue
        t1 = clock()
        if extract is not None:
            doc = extract(doc)
        t2 = clock()
        quads = document_quads(doc, built_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        t3 = clock()
        ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        t4 = clock()
        t_read += t1 - t0
        t_extract += t2 - t1
        t_map += t3 - t2
        t_ser += t4 - t3
        docs.append(doc)
        quads_all.append(quads)
    n = len(docs)
    # parse_bytes as a whole (the public call), on the same sample
    t0 = clock()
    for src, data in datas:
        with contextlib.suppress(Exception):
            parse_bytes(data, src)
    t_parse_bytes = clock() - t0

    # the rdflib pipeline: Dataset.add for every quad, then N-Quads on disk
    t0 = clock()
    ds = rdflib.Dataset()
    nq = 0
    for quads in quads_all:
        for q in quads:
            ds.add(
                (
                    _to_rdflib_term(q.subject),
                    _to_rdflib_term(q.predicate),
                    _to_rdflib_term(q.object),
                    rdflib.URIRef(q.graph_name.value),
                )
            )
            nq += 1
    t1 = clock()
    ds.serialize(destination=str(rdflib_out), format="nquads")
    t2 = clock()
    t_rdf_add, t_rdf_ser = t1 - t0, t2 - t1
    size = rdflib_out.stat().st_size
    del ds
    gc.collect()
    return {
        "sample": len(datas),
        "parsed": n,
        "failed": failed,
        "quads": sum(len(q) for q in quads_all),
        "t_read": t_read,
        "t_extract": t_extract,
        "t_map": t_map,
        "t_serialise": t_ser,
        "t_parse_bytes": t_parse_bytes,
        "t_rdflib_add": t_rdf_add,
        "t_rdflib_serialise": t_rdf_ser,
        "rdflib_quads": nq,
        "rdflib_bytes": size,
        "has_extract": extract is not None,
        "wall_s": time.perf_counter() - wall0,
        "clock": "process_time",
    }


# --- child phases --------------------------------------------------------------------------------


def vm_hwm() -> int:
    """Peak resident memory of this process (VmHWM; unlike ru_maxrss it is not inherited across exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


class ThreadCpu:
    """CPU time of this process's threads by part, sampled from /proc every `every` seconds while it runs.

    Parts: "main" (the thread that started it), "bulk loader" (Python threads named `kg-bulk-load`, and
    the native threads Python did not start: the loader's own), "RocksDB" (its background threads,
    `rocksdb:*`: compacting, flushing), "pool" (the other Python threads: the worker pool's result
    handling), "sampler". A thread counts from where it stood when the block began (or from its start),
    to its last sample; its part is settled once Python or RocksDB has named it. `unsampled` is the
    process's CPU time in the block less the parts: the last interval of threads that ended between two
    samples, and the clock's ticks cut off.

    >>> with ThreadCpu(every=0.05) as t:
    ...     _ = sum(range(10**6))
    >>> t.parts["main"] > 0
    True
    """

    def __init__(self, every: float = 0.1) -> None:
        self.every, self.main = every, threading.get_native_id()
        self.seen: dict[tuple[int, int], list[Any]] = {}  # (thread id, its start time): [part, settled, first CPU, last CPU]
        self.unsampled = 0.0
        self._began: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-bench-sampler", daemon=True)
        self._tick = os.sysconf("SC_CLK_TCK")

    def _part(self, tid: int, comm: str, python: dict[int, str]) -> tuple[str, bool]:
        """The thread's part, and whether it is settled (a thread may not be named yet when first seen)."""
        if tid == self.main:
            return "main", True
        if comm.startswith("rocksdb"):
            return "RocksDB", True
        name = python.get(tid)
        if name is None:
            return "bulk loader", False  # a native thread (the loader's own), or one Python has not named yet
        return {"kg-bulk-load": "bulk loader", "kg-bench-sampler": "sampler"}.get(name, "pool"), True

    def sample(self) -> None:
        python = {t.native_id: t.name for t in threading.enumerate() if t.native_id is not None}
        for tid in map(int, os.listdir("/proc/self/task")):
            try:
                with open(f"/proc/self/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/self/task/{tid}/comm") as f:
                    comm = f.read().strip()
            except OSError:
                continue  # ended meanwhile
            cpu = (int(fields[11]) + int(fields[12])) / self._tick
            entry = self.seen.get(key := (tid, int(fields[19])))  # a thread id may be given again once its thread ended
            if entry is None:
                entry = self.seen[key] = [*self._part(tid, comm, python), cpu if self._began is None else 0.0, cpu]
            elif not entry[1]:
                entry[:2] = self._part(tid, comm, python)
            entry[3] = cpu

    @property
    def parts(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for part, _, first, last in self.seen.values():
            out[part] = out.get(part, 0.0) + last - first
        return out

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> ThreadCpu:
        self.sample()  # where the threads stand now: what they used before does not count
        self._began = time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
        self.unsampled = max(0.0, time.process_time() - (self._began or 0.0) - sum(self.parts.values()))


def child_build(p: dict[str, Any]) -> dict[str, Any]:
    from kg.build import build
    from kg.store import KgStore

    t0 = time.perf_counter()
    store = KgStore.open(p["store"], create=True)
    t1 = time.perf_counter()
    with ThreadCpu() as threads:
        report = build([p["docs"]], store, jobs=p["jobs"])
        t2 = time.perf_counter()
        store.close()
    t3 = time.perf_counter()
    distinct = None
    with KgStore.open(p["store"], read_only=True) as ro:
        distinct = len(ro)
        ndocs = ro.count_documents()
    return {
        "t_open": t1 - t0,
        "t_build": t2 - t1,
        "t_close": t3 - t2,
        "t_total": t3 - t0,
        "built": report.built,
        "failed": report.failed,
        "skipped": report.skipped,
        "quads_written": report.quads,
        "distinct_quads": distinct,
        "documents": ndocs,
        "failures": [r.message for r in report.results if r.status == "failed"][:5],
        "maxrss_self": vm_hwm(),
        "writer_cpu_s": {**{k: round(v, 2) for k, v in threads.parts.items() if v}, "unsampled": round(threads.unsampled, 2)},
        "self_cpu_s": time.process_time(),  # the rest of the tree's CPU is the workers'
    }


def child_bulk(p: dict[str, Any]) -> dict[str, Any]:
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store(p["store"])
    store.bulk_load(path=p["nq"], format=ox.RdfFormat.N_QUADS)
    store.flush()
    t1 = time.perf_counter()
    n = len(store)
    del store
    return {"t_load": t1 - t0, "quads": n, "maxrss_self": vm_hwm()}


def child_bulk_extend(p: dict[str, Any]) -> dict[str, Any]:
    """bulk_extend of the parsed quads (what the kg writer calls), per batch of the same size as kg's."""
    import pyoxigraph as ox

    data = Path(p["nq"]).read_bytes()
    t0 = time.perf_counter()
    store = ox.Store(p["store"])
    store.bulk_extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    store.flush()
    t1 = time.perf_counter()
    return {"t_load": t1 - t0, "quads": len(store)}


# --- phases in the parent ------------------------------------------------------------------------


def kg_cli(args: list[str]) -> dict[str, Any]:
    """Run the `kg` command; wall time, CPU time and peak memory of its process tree, its last line on stderr."""
    exe = Path(sys.executable).with_name("kg")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli"]
    r = run_polled([*cmd, *args])
    return {"t": r.wall, "cpu_s": r.cpu_s, "peak_rss": r.peak_rss, "summary": (r.err.strip().splitlines() or [""])[-1], "rc": r.rc,
            "loadavg_before": r.loadavg_before}  # fmt: skip


def change_one(folder: Path) -> Path:
    """Change one document of the folder (a sentence added to its last paragraph), replacing its hard link."""
    files = doc_files(folder)
    victim = next(p for p in files[len(files) // 2 :] if p.name.startswith("ah-"))
    _change(victim, " Dit antwoord is aangevuld.")
    return victim


def _change(victim: Path, sentence: str) -> None:
    """Add `sentence` to a document (`_appended`), as a file of its own in place of its hard link."""
    new = _appended(victim.read_text(encoding="utf-8"), sentence)
    victim.unlink()
    victim.write_text(new, encoding="utf-8")


def change_many(folder: Path, share: float) -> int:
    """Change every n-th document of the folder (`share` of them) as `change_one` does: a corrected
    batch of downloads, or what a new version of kg's parser makes of every document. Returns how many."""
    files = doc_files(folder)
    step = max(1, round(1 / share))
    victims = files[step // 2 :: step]
    for victim in victims:
        _change(victim, " Dit antwoord is gecorrigeerd.")
    return len(victims)


def _appended(text: str, sentence: str) -> str:
    """`text` with `sentence` added to the line of its last question (or a line in its middle)."""
    k = text.rfind("\nVraag ")
    k = text.find("\n", k + 1) if k >= 0 else text.find("\n", len(text) // 2)
    return text[:k] + sentence + text[k:]


def add_one(folder: Path) -> Path:
    """Add a new document to the folder: a copy of one under a number no document has, citing a
    Kamerstuk no document cites (a new entity, as every folder of new downloads brings)."""
    files = doc_files(folder)
    model = next(p for p in files[len(files) // 3 :] if re.match(r"ah-tk-\d{8}-\d+\.", p.name))
    old_id = model.name.split(".")[0]
    session, number = old_id.split("-")[2:4]
    new_id = f"ah-tk-{session}-{90_000 + int(number)}"
    text = model.read_text(encoding="utf-8").replace(old_id, new_id)
    text = re.sub(rf"(?m)^{number}$", str(90_000 + int(number)), text)
    text = _appended(text, f" Zie ook Kamerstukken II 2025/26, 99 {number[-3:]:0>3}, nr. 1.")
    new = folder / model.name.replace(old_id, new_id)
    new.write_text(text, encoding="utf-8")
    return new


@dataclass
class QueryCase:
    name: str
    variant: str  # entity | aggregate | search
    params: dict[str, str] = field(default_factory=dict)


RANKED = {  # parameter → SPARQL ranking its values by how often they occur (most frequent first)
    "mp": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?d kg:indiener ?p . ?p rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l",
    "minister": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?d kg:beantwoordDoor ?p . ?p rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l",
    "party": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?a kg:fractie ?f . ?f rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l",
    "cites": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?d kg:vermeldt ?e . ?e a kg:Wet ; rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l",
    "entity": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?d kg:vermeldt ?e . ?e a kg:Organisatie ; rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l",
}
DEFAULTS = {"mp": "Van Nispen", "minister": "Grapperhaus", "party": "SP", "cites": "Jeugdwet", "entity": "RIVM"}


def pick_params(store: Any, typical: bool = False) -> dict[str, str]:
    """Parameter values taken from the built data: the most frequent member, answerer, party, law and
    organisation (the worst case), or with `typical` the one of median frequency (what most lookups meet)."""
    from kg.vocab import PREFIXES

    def ranked(q: str) -> str | None:
        rows = [r[0].value for r in store.raw.query(q, prefixes=PREFIXES, use_default_graph_as_union=True)]
        return (rows[len(rows) // 2] if typical else rows[0]) if rows else None

    picked = {k: ranked(q) or DEFAULTS[k] for k, q in RANKED.items()}
    doc = ranked("SELECT ?id WHERE { ?d kg:zieOok ?o ; dcterms:identifier ?id } ORDER BY ?id") or ranked(
        "SELECT ?id WHERE { ?d a kg:Antwoordpublicatie ; dcterms:identifier ?id } ORDER BY ?id"
    )
    return {
        **picked,
        "minister": picked["minister"].split()[-1],
        "source": picked["entity"],
        "about": "gemeenten",
        "doc": doc or "ah-tk-20232024-1",
        "ministry": "Justitie",
        "office": "Staatssecretaris",
        "year": "2020",
    }


ENTITY_PARAMS = ("mp", "minister", "cites", "entity", "doc", "party", "ministry", "office", "source", "about", "year")


def query_cases(
    names: Iterable[str],
    params_of: dict[str, list[str]],
    required: dict[str, list[str]],
    values: dict[str, str],
    typical: dict[str, str] | None = None,
) -> list[QueryCase]:
    """Per named query: a whole-corpus run (no entity parameter), a per-entity run (the first entity
    parameter, most frequent value) and, with `typical`, one for the value of median frequency."""
    cases = []
    for name in names:
        ps = params_of[name]
        fixed = {"on": QUERY_DAY} if "on" in ps else {}
        if not required[name]:
            cases.append(QueryCase(name, "aggregate", dict(fixed)))
        ent = next((p for p in ENTITY_PARAMS if p in ps), None)
        if ent and all(r in values for r in required[name]):
            cases.append(QueryCase(name, "entity", {**fixed, **{r: values[r] for r in required[name]}, ent: values[ent]}))
            if typical and typical.get(ent) != values[ent] and all(r in typical for r in required[name]):
                cases.append(QueryCase(name, "typical", {**fixed, **{r: typical[r] for r in required[name]}, ent: typical[ent]}))
    return cases


PAGE = 100  # rows in the page of a per-entity list (`kg query … --limit 100`)

SEARCH_COUNT = (
    """SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Antwoord ; kg:tekst ?t . FILTER (CONTAINS(LCASE(STR(?t)), "stikstof")) }"""
)
SEARCH_PAGE = (
    """SELECT ?doc ?a WHERE { ?doc kg:antwoord ?a . ?a kg:tekst ?t . FILTER (CONTAINS(LCASE(STR(?t)), "stikstof")) } LIMIT 20"""
)


def child_query(p: dict[str, Any]) -> dict[str, Any]:
    """Time one query case (named query with parameters, or SPARQL text) against the read-only store."""
    from kg.query import run_named, run_sparql
    from kg.store import KgStore

    store = KgStore.open(p["store"], read_only=True)
    rows = 0

    def go() -> None:
        nonlocal rows
        if p.get("search"):  # the full-text index beside the store (`kg search`), opened each time as the command does
            from kg.textindex import search

            res = search(p["store"], **p["search"])
            rows = int(res.rows[0][1].value) if p["search"].get("count") else len(res.rows)
            return
        res = run_named(store, p["name"], p["params"], limit=p.get("limit")) if p.get("name") else run_sparql(store, p["sparql"])
        rows = len(res.rows) or len(res.triples) or int(bool(res.boolean))

    cpu: list[float] = []

    def go_cpu() -> None:
        c = time.process_time()
        go()
        cpu.append(time.process_time() - c)

    times = timed_runs(go_cpu, p["runs"])
    return {"times": times, "cpu_times": cpu[1:], "rows": rows}


def bench_queries(store_path: Path, runs: int, timeout: float) -> dict[str, Any]:
    """Every named query, whole-corpus and per entity, each case in a child process killed after `timeout` s."""
    from kg.query import load_named_queries
    from kg.store import KgStore

    with KgStore.open(store_path, read_only=True) as store:
        values = pick_params(store)
        typical = pick_params(store, typical=True)
    named = load_named_queries()
    params_of = {n: [p.name for p in q.params] for n, q in named.items()}
    required = {n: [p.name for p in q.params if p.required] for n, q in named.items()}
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for case in query_cases(named, params_of, required, values, typical):
        cases.append(
            ({"name": case.name, "variant": case.variant, "params": case.params}, {"name": case.name, "params": case.params})
        )
        if case.variant in ("entity", "typical"):  # and its first page, as a list shown page by page asks for it
            cases.append(
                (
                    {"name": case.name, "variant": case.variant, "params": case.params, "page": PAGE},
                    {"name": case.name, "params": case.params, "limit": PAGE},
                )
            )
    for label, sparql in (("free-text search (count)", SEARCH_COUNT), ("free-text search (first 20)", SEARCH_PAGE)):
        cases.append(({"name": label, "variant": "search", "params": {"text": "stikstof"}}, {"sparql": sparql}))
    if (store_path / "tekst.sqlite").is_file():  # the same search in the text index: answers holding it (count), the 20 newest documents
        for label, count in (("full-text index (count)", True), ("full-text index (first 20)", False)):
            search = {"terms": ["stikstof"], "parts": ["antwoord"], "count": count, "limit": 20}
            cases.append(({"name": label, "variant": "search", "params": {"text": "stikstof"}}, {"search": search}))
    out: list[dict[str, Any]] = []
    for info, payload in cases:
        try:
            r = run_child("query", {**payload, "store": str(store_path), "runs": runs}, timeout=timeout)
            info.update(times=r["times"], cpu_times=r["cpu_times"], rows=r["rows"], peak_tree_rss=r["peak_tree_rss"])
            say(f"  query {info['name']} [{info['variant']}{', page' if info.get('page') else ''}] median {fmt_s(statistics.median(r['times']))} ({r['rows']} rows)")
        except (TimeoutError, MemoryError):
            info["timeout"] = timeout
            say(f"  query {info['name']} [{info['variant']}{', page' if info.get('page') else ''}] did not finish within {timeout:.0f} s (killed)")
        except RuntimeError as exc:  # a broken query is reported, not fatal
            info["error"] = str(exc).strip().splitlines()[-1][:300]
        out.append(info)
    return {"values": values, "typical": typical, "cases": out}


def child_export(p: dict[str, Any]) -> dict[str, Any]:
    """Export the whole store in one format with `kg.export.export_rdf` (what `kg export` does)."""
    from kg.export import export_rdf
    from kg.store import KgStore

    path = Path(p["out"])
    with KgStore.open(p["store"], read_only=True) as store:
        t0 = time.perf_counter()
        export_rdf(store, p["fmt"], str(path))
        t = time.perf_counter() - t0
    size = path.stat().st_size
    path.unlink()
    return {"t": t, "bytes": size}


def bench_export(store_path: Path, out_dir: Path, timeout: float, export_timeout: float) -> dict[str, Any]:
    """Whole-store export (N-Quads, Turtle) and every projection of kg.graphs when present (the largest is reported)."""
    res: dict[str, Any] = {}
    for fmt in ("nq", "ttl"):
        try:
            res[fmt] = run_child(
                "export", {"store": str(store_path), "fmt": fmt, "out": str(out_dir / f"export.{fmt}")}, export_timeout
            )
            say(
                f"  export {fmt}: {fmt_s(res[fmt]['t'])}, {res[fmt]['bytes'] / 1e6:.0f} MB, peak {fmt_mb(res[fmt]['peak_tree_rss'])}"
            )
        except (TimeoutError, MemoryError) as exc:
            res[fmt] = {"stopped": str(exc)}
            say(f"  export {fmt}: stopped ({exc})")
        (out_dir / f"export.{fmt}").unlink(missing_ok=True)
    res["projection"] = bench_projections(store_path, out_dir, timeout)
    return res


def child_projection(p: dict[str, Any]) -> dict[str, Any]:
    """Project the store with kg.graphs and write the graph as GraphML: the two steps of `kg export graph`, timed apart."""
    from kg.graphs import project, write_graph
    from kg.store import KgStore

    with KgStore.open(p["store"], read_only=True) as store:
        t0 = time.perf_counter()
        g = project(store, p["name"])
        t1 = time.perf_counter()
        write_graph(g, "graphml", p["out"])
        t2 = time.perf_counter()
    size = sum(f.stat().st_size for f in Path(p["out"]).parent.glob(Path(p["out"]).name + "*"))
    return {"t_project": t1 - t0, "t_export": t2 - t1, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "bytes": size}


def bench_projections(store_path: Path, out_dir: Path, timeout: float) -> dict[str, Any]:
    """Each projection of `kg.graphs` exported to GraphML in a child process; skipped when kg.graphs is absent."""
    try:
        from kg.graphs import PROJECTIONS
    except ImportError:
        return {"skipped": "kg.graphs is not there (yet)"}
    results: dict[str, Any] = {}
    for name in PROJECTIONS:
        try:
            results[name] = run_child(
                "projection", {"store": str(store_path), "name": name, "out": str(out_dir / f"{name}.graphml")}, timeout
            )
            say(
                f"  projection {name}: project {fmt_s(results[name]['t_project'])}, write {fmt_s(results[name]['t_export'])}, {results[name]['nodes']} nodes, {results[name]['edges']} edges"
            )
        except (TimeoutError, MemoryError):
            results[name] = {"timeout": timeout}
            say(f"  projection {name}: did not finish within {timeout:.0f} s (killed)")
        except RuntimeError as exc:
            results[name] = {"error": str(exc).strip().splitlines()[-1][:300]}
    ok = {k: v for k, v in results.items() if "t_export" in v}
    if not ok:
        return {"skipped": "no projection could be exported", "all": results}
    largest = max(ok, key=lambda k: (ok[k]["edges"], ok[k]["nodes"]))
    return {"largest": largest, **ok[largest], "all": results}


def bench_pdf(runs: int = 3) -> dict[str, Any]:
    """kg's PDF reader per page beside pdftotext per page, on the shared corpus PDFs."""
    pdf_dir = SHARED / "corpus" / "pdf"
    pdfs = sorted(pdf_dir.glob("*.pdf")) if pdf_dir.is_dir() else []
    if not pdfs:
        return {"skipped": f"no PDFs at {pdf_dir}"}
    try:
        import pypdfium2 as pdfium

        from kg.readers import pdf as kgpdf
    except ImportError as exc:
        return {"skipped": f"kg's PDF reader is not available ({exc})"}
    datas = [(str(p), p.read_bytes()) for p in pdfs]
    pages = sum(len(pdfium.PdfDocument(d)) for _, d in datas)
    kgpdf.read(datas[0][1], datas[0][0])  # warm-up

    def all_kg() -> None:
        for src, d in datas:
            with contextlib.suppress(Exception):
                kgpdf.read(d, src)

    def all_runs() -> None:
        for _, d in datas:
            kgpdf.extract_pages(d)

    def cpu_self() -> float:
        return time.process_time()

    def cpu_children() -> float:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    def best_cpu(fn: Callable[[], None], clock: Callable[[], float]) -> float:
        """The least CPU time of `runs` calls (after a warm-up): robust to other load on the machine."""
        fn()
        out = []
        for _ in range(runs):
            c = clock()
            fn()
            out.append(clock() - c)
        return min(out)

    res: dict[str, Any] = {"files": len(datas), "pages": pages, "clock": "CPU time (least of runs)"}
    res["kg_read"] = best_cpu(all_kg, cpu_self)
    res["kg_text_layer"] = best_cpu(all_runs, cpu_self)
    exe = shutil.which("pdftotext")
    if exe is None:
        res["pdftotext"] = None
        res["note"] = "pdftotext not installed (apt-get install poppler-utils); kg figures only"
        return res

    def all_pdftotext() -> None:
        for src, _ in datas:
            subprocess.run([exe, "-enc", "UTF-8", src, "-"], capture_output=True, check=False)

    def starts() -> None:
        for _ in range(len(datas)):
            subprocess.run([exe, "-v"], capture_output=True, check=False)

    res["pdftotext"] = best_cpu(all_pdftotext, cpu_children)
    res["process_start"] = best_cpu(starts, cpu_children) / len(datas)
    return res


# --- the run -------------------------------------------------------------------------------------


CHILDREN = {
    "build": child_build,
    "bulk": child_bulk,
    "bulk_extend": child_bulk_extend,
    "query": child_query,
    "projection": child_projection,
    "export": child_export,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg benchmarks: figures beside their references (never asserts on time).")
    ap.add_argument("--size", type=int, default=1000, help="number of generated documents (default 1000)")
    ap.add_argument(
        "--workdir", type=Path, default=Path(os.environ.get("KG_BENCH_DIR", Path(tempfile.gettempdir()) / "kg-bench"))
    )
    ap.add_argument("--keep", action="store_true", default=bool(os.environ.get("KG_BENCH_KEEP")),
                    help="keep the stores and exports of this run (documents are always cached); also $KG_BENCH_KEEP=1")  # fmt: skip
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the build (default: all cores)")
    ap.add_argument("--sample", type=int, default=1000, help="documents for the single-process stages and the rdflib pipeline")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per query (after one warm-up)")
    ap.add_argument(
        "--query-timeout", type=float, default=60.0, help="seconds before a query case or projection is killed (default 60)"
    )
    ap.add_argument(
        "--export-timeout", type=float, default=1800.0, help="seconds before a whole-store export is stopped (default 1800)"
    )
    ap.add_argument("--skip", default="", help="comma-separated phases to skip: stages,build,bulk,incremental,queries,export,pdf")
    ap.add_argument(
        "--store", type=Path, help="an existing built store: measure only queries, export and PDF on it (no generation, no build)"
    )
    ap.add_argument("--child", nargs=2, metavar=("PHASE", "JSON"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        phase, payload = args.child
        print(json.dumps(CHILDREN[phase](json.loads(payload))))
        return 0

    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.store:
        skip |= {"stages", "build", "bulk", "incremental"}
    args.workdir.mkdir(parents=True, exist_ok=True)
    docs = ensure_docs(args.workdir, args.size, args.seed)
    files = doc_files(docs)
    run_dir = args.workdir / f"run-n{args.size}-{time.strftime('%Y%m%d-%H%M%S')}"
    run_dir.mkdir()
    R: dict[str, Any] = {
        "size": args.size,
        "seed": args.seed,
        "jobs": args.jobs,
        "runs": args.runs,
        "query_timeout": args.query_timeout,
        "cpus": os.cpu_count(),
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
        "corpus_bytes": sum(p.stat().st_size for p in files),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "loadavg_start": os.getloadavg(),
    }
    if args.store:  # measured on a store built before: say which, not the generator's size
        from kg.store import KgStore

        with KgStore.open(args.store, read_only=True) as st:
            R.update(store=str(args.store), store_documents=st.count_documents())
    try:
        import pyoxigraph
        import rdflib

        R["versions"] = {"pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__}
    except Exception:
        pass

    if "stages" not in skip:
        k = min(args.sample, len(files))
        sample = files[:: max(1, len(files) // k)][:k]
        say(f"single-process stages and the rdflib pipeline on {len(sample)} documents")
        R["stages"] = bench_stages(sample, run_dir / "rdflib.nq")

    farm = link_farm(docs, run_dir / "docs") if "build" not in skip else docs
    store = args.store or run_dir / "store"
    if "build" not in skip:
        say(f"kg build of {len(files)} documents, jobs={args.jobs}")
        R["build"] = run_child("build", {"docs": str(farm), "store": str(store), "jobs": args.jobs})
        R["build"]["disk_db"] = disk_usage(store / "db")
        R["build"]["disk_total"] = disk_usage(store)
        R["build"]["disk_text"] = (store / "tekst.sqlite").stat().st_size if (store / "tekst.sqlite").exists() else 0
        b = R["build"]
        say(f"  built {b['built']} ({b['failed']} failed) in {fmt_s(b['t_build'])}: {b['built'] / b['t_build']:.1f} docs/s")

        if "bulk" not in skip:
            nq = run_dir / "store.nq"
            from kg.store import KgStore

            t0 = time.perf_counter()
            with KgStore.open(store, read_only=True) as ro:
                ro.raw.dump(str(nq), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
            R["dump_nq_s"] = time.perf_counter() - t0
            say(f"pyoxigraph bulk_load of the same {R['build']['distinct_quads']} quads")
            R["bulk"] = run_child("bulk", {"nq": str(nq), "store": str(run_dir / "bulk-store")})
            R["bulk"]["disk"] = disk_usage(run_dir / "bulk-store")
            R["bulk_extend"] = run_child("bulk_extend", {"nq": str(nq), "store": str(run_dir / "bulk-extend-store")})
            if not args.keep:
                nq.unlink(missing_ok=True)
                shutil.rmtree(run_dir / "bulk-store", ignore_errors=True)
                shutil.rmtree(run_dir / "bulk-extend-store", ignore_errors=True)

        if "incremental" not in skip:
            say("incremental: kg build on the unchanged folder, then with one document changed, then with one new")
            R["unchanged"] = kg_cli(["build", str(farm), "--store", str(store), "--quiet"])
            victim = change_one(farm)
            R["one_changed"] = {**kg_cli(["build", str(farm), "--store", str(store), "--quiet"]), "file": victim.name}
            added = add_one(farm)
            R["one_new"] = {**kg_cli(["build", str(farm), "--store", str(store), "--quiet"]), "file": added.name}
            changed = change_many(farm, MANY_CHANGED)
            R["many_changed"] = {**kg_cli(["build", str(farm), "--store", str(store), "--quiet"]), "files": changed}
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import kg.cli, kg.build, kg.store"], check=False)
            R["cli_startup_s"] = time.perf_counter() - t0
            say(
                f"  unchanged {fmt_s(R['unchanged']['t'])} ({R['unchanged']['summary']}); one changed {fmt_s(R['one_changed']['t'])};"
                f" one new {fmt_s(R['one_new']['t'])}; {R['many_changed']['files']} changed {fmt_s(R['many_changed']['t'])}"
            )

    if (store / "db").exists() or (store / "current").exists():
        if "queries" not in skip:
            say("named queries")
            R["queries"] = bench_queries(store, args.runs, args.query_timeout)
        if "export" not in skip:
            say("export")
            R["export"] = bench_export(store, run_dir, args.query_timeout, args.export_timeout)
    if "pdf" not in skip:
        say("PDF reader vs pdftotext")
        R["pdf"] = bench_pdf()

    R["loadavg_end"] = os.getloadavg()
    R["store"] = str(store)
    out = args.workdir / f"results-n{args.size}-s{args.seed}{'-store' if args.store else ''}.json"
    out.write_text(json.dumps(R, indent=1, default=str))
    print(render(R))
    print(f"\n(results: {out})")
    if not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    else:
        print(f"(kept: {run_dir})")
    return 0


# --- the table -----------------------------------------------------------------------------------


def args_timeout(R: dict[str, Any]) -> float | None:
    return R.get("query_timeout")


def build_floor(R: dict[str, Any]) -> float | None:
    """An estimate of the least wall time the build could take on this machine: the single-process
    stages' CPU per document (read, parse, map, N-Quads; measured on the sample) for every document,
    plus loading the quads (the bulk loader's CPU for all of them at once, or the build's own loads with
    RocksDB's merging when those cost less), spread over all CPUs with nothing idle. None without those
    measurements.

    >>> build_floor({"cpus": 2, "build": {"built": 1000}, "bulk": {"cpu_s": 5.0},
    ...              "stages": {"parsed": 100, "t_read": 0.1, "t_extract": 0.3, "t_map": 0.08, "t_serialise": 0.02}})
    5.0
    """
    b, bulk, st = R.get("build"), R.get("bulk"), R.get("stages")
    if not (b and bulk and st and st.get("parsed")):
        return None
    per_doc = (st["t_read"] + st["t_extract"] + st["t_map"] + st["t_serialise"]) / st["parsed"]
    parts = b.get("writer_cpu_s") or {}
    own = parts.get("bulk loader", 0.0) + parts.get("RocksDB", 0.0)
    load = min(bulk["cpu_s"], own) if own else bulk["cpu_s"]
    return (per_doc * b["built"] + load) / R["cpus"]


def render(R: dict[str, Any]) -> str:
    """The figures as a Markdown table (figure | kg | reference | ratio / target)."""
    n = R["size"]
    rows: list[tuple[str, str, str, str]] = []
    notes: list[str] = []
    st = R.get("stages")
    if st:
        k = st["parsed"]
        t_parse = st["t_read"] + st["t_extract"]
        parse_rate = k / t_parse
        per_core_target = TARGETS["build_docs_s_2cores"] / 2
        share = (
            f"read {st['t_read'] / t_parse:.0%} / extract {st['t_extract'] / t_parse:.0%}"
            if st["has_extract"]
            else "no kg.extract"
        )
        rows.append((f"parse rate, 1 process ({k} docs, CPU time)", fmt_rate(parse_rate, "docs/s"),
                     f"{per_core_target:.0f} docs/s per core needed for the build target",
                     f"{parse_rate / per_core_target:.2f}× ({share})"))  # fmt: skip
        rows.append(("  parse_bytes as called (same sample)", fmt_rate(k / st["t_parse_bytes"], "docs/s"), "", ""))
        t_all = t_parse + st["t_map"] + st["t_serialise"]
        rows.append(("  map to quads / N-Quads, per doc", f"{st['t_map'] / k * 1000:.2f} / {st['t_serialise'] / k * 1000:.2f} ms",
                     f"parse {t_parse / k * 1000:.1f} ms per doc", f"map+serialise = {(st['t_map'] + st['t_serialise']) / t_all:.0%} of worker CPU"))  # fmt: skip
    b = R.get("build")
    if b:
        rate = b["built"] / b["t_build"]
        qrate = b["quads_written"] / b["t_build"]
        per_cpu = b["built"] / b["cpu_s"]
        cores = R["jobs"]
        rows.append((f"kg build end to end ({b['built']} docs, {cores} jobs)", f"{fmt_rate(rate, 'docs/s')}, {fmt_rate(qrate, 'quads/s')}",
                     f"target ≥ {TARGETS['build_docs_s_2cores']:.0f} docs/s on 2 cores", f"{rate / TARGETS['build_docs_s_2cores']:.2f}× target"))  # fmt: skip
        rows.append(("  CPU time of the build (all processes)", f"{b['cpu_s']:.0f} CPU-s = {fmt_rate(per_cpu, 'docs/CPU-s')}",
                     f"wall {fmt_s(b['t_build'])} × {R['cpus']} CPUs", f"{b['cpu_s'] / (b['child_wall_s'] * R['cpus']):.0%} of the machine used"))  # fmt: skip
        parts = b.get("writer_cpu_s")
        if parts and "self_cpu_s" in b:
            writer = ", ".join(f"{k} {v:.0f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]) if k != "sampler" and v >= 0.5)
            rows.append(("  CPU by part (CPU-s)", f"workers {b['cpu_s'] - b['self_cpu_s']:.0f}, writer {b['self_cpu_s']:.0f}",
                         f"writer: {writer}", "RocksDB: compacting what the loads wrote"))  # fmt: skip
        bulk = R.get("bulk")
        floor = build_floor(R)
        if floor:
            rows.append(("  least wall time on these CPUs, estimated (parse + load CPU, all CPUs busy)", f"{fmt_s(floor)} = {fmt_rate(b['built'] / floor, 'docs/s')}",
                         f"target ≥ {TARGETS['build_docs_s_2cores']:.0f} docs/s", f"kg build took {b['t_build'] / floor:.1f}× it"))  # fmt: skip
        if bulk:
            brate_q = bulk["quads"] / bulk["t_load"]
            brate_d = b["built"] / bulk["t_load"]
            rows.append(("  (a) pyoxigraph bulk_load of the same quads", f"{fmt_s(b['t_build'])}, {b['cpu_s']:.0f} CPU-s",
                         f"{fmt_s(bulk['t_load'])}, {bulk['cpu_s']:.0f} CPU-s = {fmt_rate(brate_d, 'docs/s')}, {fmt_rate(brate_q, 'quads/s')}",
                         f"{bulk['t_load'] / b['t_build']:.3f} (wall), {bulk['cpu_s'] / b['cpu_s']:.3f} (CPU) of the bulk rate; target ≥ 0.33"))  # fmt: skip
            be = R.get("bulk_extend")
            if be:
                notes.append(
                    f"bulk_extend of the parsed quads in one call: {fmt_s(be['t_load'])}; N-Quads dump of the built store: {fmt_s(R.get('dump_nq_s'))}."
                )
        if st:
            k = st["parsed"]
            t_rdflib = st["t_read"] + st["t_extract"] + st["t_map"] + st["t_rdflib_add"] + st["t_rdflib_serialise"]
            rrate = k / t_rdflib
            rows.append((f"  (b) rdflib pipeline: parse + Dataset.add + N-Quads ({k} docs, 1 process, CPU time)",
                         f"{fmt_rate(rate, 'docs/s')}; {fmt_rate(per_cpu, 'docs/CPU-s')}", fmt_rate(rrate, "docs/s"),
                         f"{rate / rrate:.1f}× (wall), {per_cpu / rrate:.1f}× (per CPU-s); target ≥ {TARGETS['rdflib_ratio']:.0f}×"))  # fmt: skip
            store_side_kg = (st["t_map"] + st["t_serialise"]) / k + (bulk["cpu_s"] / b["built"] if bulk else 0)
            store_side_rdflib = (st["t_map"] + st["t_rdflib_add"] + st["t_rdflib_serialise"]) / k
            rows.append(("      store side only (map + write), CPU per doc", f"{store_side_kg * 1000:.2f} ms (quads + N-Quads + bulk load)",
                         f"rdflib {store_side_rdflib * 1000:.2f} ms", f"{store_side_rdflib / store_side_kg:.1f}×"))  # fmt: skip
            if k < n:
                notes.append(
                    f"The rdflib pipeline and the single-process stages were measured on {k} of the {n} documents (every {n // k}th)."
                )
        rows.append(("peak memory of the build (process tree RSS)", fmt_mb(b["peak_tree_rss"]),
                     f"writer (main process) peak {fmt_mb(b['maxrss_self'])}", f"{b['peak_tree_rss'] / max(1, R['corpus_bytes']):.1f}× the input size"))  # fmt: skip
        ratio_bulk = f"bulk_load store {fmt_mb(bulk['disk'])}" if bulk else ""
        rows.append(("store size on disk (db / with snapshots)", f"{fmt_mb(b['disk_db'])} / {fmt_mb(b['disk_total'])}", ratio_bulk,
                     f"{b['distinct_quads']:,} quads in store, input {R['corpus_bytes'] / 2**20:,.0f} MB; text index {fmt_mb(b.get('disk_text', 0))}"))  # fmt: skip
    un = R.get("unchanged")
    if un:
        target = TARGETS["unchanged_100k_s"] * n / 100_000
        rows.append(("rebuild, nothing changed (kg build CLI)", f"{fmt_s(un['t'])} ({un['cpu_s']:.1f} CPU-s)",
                     f"target < {fmt_s(target)} at this size (20 s per 100k)", f"{un['t'] / target:.2f}× budget; {un['summary'][:40]}"))  # fmt: skip
        oc = R["one_changed"]
        rows.append(("rebuild, one document changed (kg build CLI)", f"{fmt_s(oc['t'])} ({oc['cpu_s']:.1f} CPU-s)",
                     f"target < {fmt_s(TARGETS['one_changed_s'])}", f"import of kg {fmt_s(R.get('cli_startup_s'))}; {oc['summary'][:40]}"))  # fmt: skip
        on = R.get("one_new")
        if on:
            rows.append(("rebuild, one new document naming a new entity (kg build CLI)", f"{fmt_s(on['t'])} ({on['cpu_s']:.1f} CPU-s)",
                         f"target < {fmt_s(TARGETS['one_changed_s'])}", on["summary"][:40]))  # fmt: skip
        mc = R.get("many_changed")
        if mc:
            rows.append((f"rebuild, {mc['files']:,} documents changed ({MANY_CHANGED:.0%}, kg build CLI)", f"{fmt_s(mc['t'])} ({mc['cpu_s']:.1f} CPU-s)",
                         "—", f"{mc['t'] / mc['files'] * 1000:.1f} ms a changed document; {mc['summary'][:40]}"))  # fmt: skip
    q = R.get("queries")
    if q:
        for c in q["cases"]:
            label = f"query {c['name']}" + (
                f" ({', '.join(f'{k}={v}' for k, v in c['params'].items() if k != 'on')})" if c["variant"] in ("entity", "typical") else ""
            ) + (f", first {c['page']} rows" if c.get("page") else "")
            if "error" in c:
                rows.append((label, "error", "", c["error"][:80]))
                continue
            if "timeout" in c:
                rows.append((label, f"> {fmt_s(c['timeout'])} (killed)", f"{c['variant']}", "did not finish"))
                continue
            med, p95 = statistics.median(c["times"]), pctl(c["times"], 0.95)
            if c["variant"] == "search":
                tgt = "search (no target)"
                ratio = f"{c['rows']} rows"
            else:
                limit = TARGETS["entity_query_ms"] if c["variant"] in ("entity", "typical") else TARGETS["aggregate_query_ms"]
                tgt = f"{c['variant']}: median < {limit:.0f} ms"
                ratio = f"{med * 1000 / limit:.2f}× budget, {c['rows']} rows"
            cpu = f", CPU {fmt_s(statistics.median(c['cpu_times']))}" if c.get("cpu_times") else ""
            rows.append((label, f"{fmt_s(med)} (p95 {fmt_s(p95)}{cpu})", tgt, ratio))
        notes.append(
            f"Query parameters from the built data: 'entity' rows take the most frequent entity (worst case): {q['values']};"
            f" 'typical' rows the entity of median frequency: {q.get('typical')}; runs per query: 1 warm-up + up to {R.get('runs', '?')} (3 when one takes over 2 s); each case in its own process."
        )
    ex = R.get("export")
    if ex:
        for fmt in ("nq", "ttl"):
            e = ex.get(fmt)
            if e and "t" in e:
                rows.append(
                    (
                        f"export whole store ({fmt})",
                        fmt_s(e["t"]),
                        f"{e['bytes'] / 1e6:,.0f} MB",
                        f"peak memory {fmt_mb(e.get('peak_tree_rss'))}",
                    )
                )
            elif e:
                rows.append((f"export whole store ({fmt})", "stopped", "", e["stopped"][:80]))
        pj = ex.get("projection", {})
        if "skipped" in pj:
            notes.append(f"Projection export skipped: {pj['skipped']}.")
        else:
            rows.append((f"export largest projection ({pj['largest']}, GraphML)", f"{fmt_s(pj['t_project'] + pj['t_export'])}",
                         f"project {fmt_s(pj['t_project'])}, write {fmt_s(pj['t_export'])}", f"{pj['nodes']:,} nodes, {pj['edges']:,} edges, {pj['bytes'] / 1e6:,.1f} MB"))  # fmt: skip
            slow = [k for k, v in pj["all"].items() if "timeout" in v or "error" in v]
            if slow:
                notes.append(f"Projections that did not finish (timeout {fmt_s(args_timeout(R))}) or failed: {', '.join(slow)}.")
    pdf = R.get("pdf")
    if pdf:
        if "skipped" in pdf:
            notes.append(f"PDF skipped: {pdf['skipped']}.")
        else:
            pages = pdf["pages"]
            ref = f"pdftotext {pdf['pdftotext'] / pages * 1000:.1f} ms/page" if pdf.get("pdftotext") else pdf.get("note", "")
            ratio = f"{pdf['kg_read'] / pdf['pdftotext']:.1f}× pdftotext" if pdf.get("pdftotext") else ""
            rows.append(
                (
                    f"PDF reader per page ({pdf['files']} files, {pages} pages)",
                    f"{pdf['kg_read'] / pages * 1000:.1f} ms/page",
                    ref,
                    ratio,
                )
            )
            rows.append(
                ("  of which the text layer (pypdfium2, CPU)", f"{pdf['kg_text_layer'] / pages * 1000:.1f} ms/page", "", "")
            )
            if pdf.get("process_start"):
                notes.append(
                    f"PDF figures are CPU time; pdftotext's include its process start ({pdf['process_start'] * 1000:.1f} ms CPU per file)."
                )

    what = (f"the store at {R['store']} ({R['store_documents']:,} documents)" if R.get("store_documents") is not None
            else f"{n:,} generated documents ({R['corpus_bytes'] / 2**20:,.0f} MB), seed {R['seed']}")  # fmt: skip
    head = (f"kg benchmarks — {what}, "
            f"{R['cpus']} CPUs, jobs {R['jobs']}, {R['machine']}, {R.get('versions', {})}; "
            f"load average {R['loadavg_start'][0]:.1f} at the start, {R.get('loadavg_end', [0])[0]:.1f} at the end")  # fmt: skip
    w = [max(len(r[i]) for r in [("figure", "kg", "reference", "ratio / target"), *rows]) for i in range(4)]
    lines = [head, "", "| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(("figure", "kg", "reference", "ratio / target"))) + " |",
             "|" + "|".join("-" * (x + 2) for x in w) + "|"]  # fmt: skip
    lines += ["| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |" for r in rows]
    if R["loadavg_start"][0] > 0.5 * R["cpus"]:
        notes.append("The machine was busy with other work (load average above half the CPUs): wall times are pessimistic; "
                     "the CPU-time figures (parse rate, docs/CPU-s) are the ones to compare across runs.")  # fmt: skip
    if notes:
        lines += [""] + [f"- {x}" for x in notes]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
