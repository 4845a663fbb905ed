"""Build: files, folders and globs → parsed documents → quads → the store.

Parsing, extraction and mapping run on all cores (worker processes); one writer puts whole
documents into the store: new documents in large batches through the bulk loader, changed ones
by a transactional replace of their graph. A failing file is reported and skipped (nothing of it
reaches the store); `strict=True` stops at the first failure. Files whose bytes are unchanged since
the last build are skipped without parsing (their hash is in the store's manifest); `prune=True`
removes the graphs of files that are gone. Memory stays bounded by the batch, not the corpus.

>>> import tempfile, pathlib
>>> from kg.readers.layout import SAMPLE
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text(SAMPLE)
>>> report = build([d], KgStore.memory(), jobs=1)
>>> report.built, report.failed
(1, 0)
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.derive import CASES_GRAPH, derive_cases, record_refdata_sources
from kg.errors import KgError, ParseError, UsageError
from kg.link import load_index
from kg.pipeline import parse_bytes
from kg.rdf import document_quads
from kg.readers import read_limited
from kg.store import KgStore, ManifestEntry

__all__ = ["BuildReport", "FileResult", "build", "expand_paths"]

SKIP_SUFFIXES = {".md", ".tsv", ".rq", ".ttl", ".trig", ".py", ".ipynb", ".png", ".svg", ".css", ".js", ".gitignore"}
BATCH_DOCS = 200
TASK_FILES = 16


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: built, unchanged (skipped), failed, with the reader and a message."""

    path: str
    status: str  # built | unchanged | failed
    message: str = ""
    reader: str | None = None
    quads: int = 0
    doc_id: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class BuildReport:
    """Per-file results and totals of one build."""

    results: list[FileResult] = field(default_factory=list)
    pruned: int = 0

    def _count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def built(self) -> int:
        return self._count("built")

    @property
    def skipped(self) -> int:
        return self._count("unchanged")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def quads(self) -> int:
        return sum(r.quads for r in self.results)

    def summary(self) -> str:
        return f"{self.built} built, {self.skipped} unchanged, {self.failed} failed, {self.pruned} pruned ({self.quads} quads written)"


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files from files, folders (recursively) and glob patterns, in order, without duplicates."""
    out: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))] if any(c in str(raw) for c in "*?[") else [p]
        if not matches:
            raise UsageError(f"no file matches {raw}")
        for m in matches:
            if m.is_dir():
                for f in sorted(m.rglob("*")):
                    if f.is_file() and not _ignored(f, m):
                        out.setdefault(str(f), f)
            elif m.is_file():
                out.setdefault(str(m), m)
            else:
                raise UsageError(f"{m} does not exist", hint="give files, folders or glob patterns")
    return list(out.values())


def _ignored(f: Path, root: Path) -> bool:
    rel = f.relative_to(root).parts
    return any(part.startswith(".") for part in rel) or f.suffix.lower() in SKIP_SUFFIXES or _companion_metadata(f)


def _companion_metadata(f: Path) -> bool:
    """A metadata.xml next to a publication XML is read with it, not on its own."""
    return f.name.lower() == "metadata.xml" and any(x != f and x.suffix.lower() == ".xml" for x in f.parent.iterdir())


# --- the worker side: bytes → quads, in any process --------------------------------------------


@dataclass(frozen=True, slots=True)
class _Outcome:
    path: str
    status: str
    sha256: str = ""
    message: str = ""
    graph: str = ""
    nquads: bytes = b""  # the document's own graph
    shared: bytes = b""  # what it adds to the shared graph
    quads: int = 0
    reader: str | None = None
    doc_id: str | None = None
    warnings: tuple[str, ...] = ()


def _work(path: str, old_sha: str | None, force: bool, built_at: dt.datetime, refdata: str | None = None) -> _Outcome:
    """Read, hash, parse and map one file. Never raises: failures are outcomes."""
    try:
        data = read_limited(Path(path))
    except KgError as exc:
        return _Outcome(path, "failed", message=str(exc))
    sha = hashlib.sha256(data).hexdigest()
    if old_sha == sha and not force:
        return _Outcome(path, "unchanged", sha)
    try:
        doc = parse_bytes(data, path, refdata=refdata)
        quads = document_quads(doc, built_at=built_at)
    except KgError as exc:
        return _Outcome(path, "failed", sha, str(exc.with_source(path)))
    except Exception as exc:  # a bug must not stop the batch; report it as this file's failure
        return _Outcome(path, "failed", sha, f"{path}: internal error while parsing ({type(exc).__name__}: {exc}); please report it")
    shared_graph = iris.SHARED_GRAPH
    own = [q for q in quads if q.graph_name.value != shared_graph]
    shared = [q for q in quads if q.graph_name.value == shared_graph]
    nq = ox.serialize(own, format=ox.RdfFormat.N_QUADS) or b""
    sq = ox.serialize(shared, format=ox.RdfFormat.N_QUADS) or b""
    return _Outcome(path, "built", sha, "", iris.graph_iri(doc), nq, sq, len(quads), doc.reader, doc.id, doc.warnings)


def _work_many(items: list[tuple[str, str | None]], force: bool, built_at: dt.datetime, refdata: str | None) -> list[_Outcome]:
    return [_work(p, sha, force, built_at, refdata) for p, sha in items]


def _outcomes(
    files: list[Path], manifest: dict[str, ManifestEntry], force: bool, built_at: dt.datetime, jobs: int, refdata: str | None
) -> Iterator[_Outcome]:
    """Outcomes in file order; parallel over `jobs` processes with a bounded window of tasks."""
    items = [(str(f), manifest[str(f)].sha256 if str(f) in manifest else None) for f in files]
    if jobs <= 1 or len(items) <= TASK_FILES:
        for p, sha in items:
            yield _work(p, sha, force, built_at, refdata)
        return
    chunks = [items[i : i + TASK_FILES] for i in range(0, len(items), TASK_FILES)]
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        window: deque[Future[list[_Outcome]]] = deque()
        it = iter(chunks)
        for chunk in it:
            window.append(pool.submit(_work_many, chunk, force, built_at, refdata))
            if len(window) >= jobs * 4:
                break
        while window:
            done = window.popleft()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(_work_many, nxt, force, built_at, refdata))
            yield from done.result()


# --- the writer side: one process, whole documents ---------------------------------------------


SEEN_SHARED = 400_000  # shared-graph lines remembered to skip repeats (bounded memory)


class _Writer:
    """Batches new documents for the bulk loader; replaces existing graphs transactionally.

    Shared-graph statements repeat across documents (the same person, party, office, entity);
    the writer remembers the most recent ones and does not write a repeat again.
    """

    def __init__(self, store: KgStore, batch_docs: int) -> None:
        self.store = store
        self.batch_docs = batch_docs
        self.batch: list[bytes] = []
        self.batch_graphs: set[str] = set()
        self._seen: dict[int, None] = {}

    def _new_shared(self, shared: bytes) -> bytes:
        fresh = []
        for line in shared.splitlines(keepends=True):
            h = hash(line)
            if h in self._seen:
                continue
            self._seen[h] = None
            fresh.append(line)
        while len(self._seen) > SEEN_SHARED:
            del self._seen[next(iter(self._seen))]
        return b"".join(fresh)

    def write(self, graph: str, nquads: bytes, shared: bytes, replace: bool) -> None:
        shared = self._new_shared(shared)
        if graph in self.batch_graphs:
            self.flush()  # the same publication twice in one batch: the later file replaces it
            replace = True
        if replace or self.store.has_graph(graph):
            self.flush()
            self.store.replace_graph(graph, ox.parse(nquads + shared, format=ox.RdfFormat.N_QUADS))
            return
        self.batch.append(nquads + shared)
        self.batch_graphs.add(graph)
        if len(self.batch) >= self.batch_docs:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.store.add_documents(ox.parse(b"".join(self.batch), format=ox.RdfFormat.N_QUADS), self.batch_graphs)
            self.batch, self.batch_graphs = [], set()


def build(
    paths: Iterable[str | Path],
    store: KgStore,
    *,
    strict: bool = False,
    force: bool = False,
    prune: bool = False,
    jobs: int | None = None,
    batch_docs: int = BATCH_DOCS,
    refdata: str | Path | None = None,
    now: Callable[[], dt.datetime] | None = None,
    progress: Callable[[FileResult, int, int], None] | None = None,
) -> BuildReport:
    """Parse every file and put its document graph into the store (see the module docstring).

    `progress(result, done, total)` is called after each file. Raises the file's `ParseError` when
    `strict` and a file fails; otherwise failures are in the report.
    """
    files = expand_paths(paths)
    manifest = store.manifest()
    built_at = (now or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0)))()
    report = BuildReport()
    writer = _Writer(store, batch_docs)
    graphs_of_run: dict[str, str] = {}
    try:
        index_dir = str(refdata) if refdata else None
        for out in _outcomes(files, manifest, force, built_at, jobs or os.cpu_count() or 1, index_dir):
            result = _apply(out, store, writer, manifest, graphs_of_run)
            report.results.append(result)
            if progress:
                progress(result, len(report.results), len(files))
            if strict and result.status == "failed":
                writer.flush()
                raise ParseError(result.message)
        writer.flush()
    finally:
        store.flush()
    if prune:
        present = {str(f) for f in files}
        for src, entry in manifest.items():
            if src not in present and entry.graph not in graphs_of_run:
                store.remove_graph(entry.graph)
                report.pruned += 1
    if report.built or report.pruned or not store.has_graph(CASES_GRAPH):
        _derive(store, str(refdata) if refdata else None)
    return report


def _derive(store: KgStore, refdata: str | None) -> None:
    """Recompute the graphs that follow from all documents together (cases, reference-data provenance)."""
    derive_cases(store)
    index = load_index(refdata)
    record_refdata_sources(store, index.sources if index else (), facts_only=index is None)


def _apply(out: _Outcome, store: KgStore, writer: _Writer, manifest: dict[str, ManifestEntry], graphs_of_run: dict[str, str]) -> FileResult:
    old = manifest.get(out.path)
    if out.status == "unchanged":
        graphs_of_run.setdefault(old.graph if old else "", out.path)
        return FileResult(out.path, "unchanged")
    if out.status == "failed":
        return FileResult(out.path, "failed", out.message)
    if old is not None and old.graph != out.graph:
        writer.flush()
        store.remove_graph(old.graph)  # the file now holds another publication
    message = f"same publication as {graphs_of_run[out.graph]}; its graph was replaced" if out.graph in graphs_of_run else ""
    writer.write(out.graph, out.nquads, out.shared, replace=old is not None or bool(message))
    graphs_of_run[out.graph] = out.path
    return FileResult(out.path, "built", message, out.reader, out.quads, out.doc_id, out.warnings)
