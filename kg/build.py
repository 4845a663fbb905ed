"""Build: files, folders and globs → parsed documents → quads → the store.

Parsing, extraction and mapping run on all cores (worker processes); one writer puts whole
documents into the store: new documents in large batches through the bulk loader, a changed one
in a transaction that writes only what changed in its graph. A failing file is reported and skipped (nothing of it
reaches the store); `strict=True` stops at the first failure. Files whose bytes are unchanged since
the last build are skipped without parsing (their hash is in the store's manifest); a file whose
size and modification time are those saved with that hash (`FileStat`) is not even read, and when
no file needs parsing no worker is started. `prune=True` removes the graphs of files that are gone.
The cases graph is then recomputed for the cases the changed documents touch, and the store's text
index (`kg.textindex`) takes in the texts of the documents written and drops those of the graphs removed. A new store of
`OPTIMIZE_DOCS` documents or more is compacted at the end (`KgStore.optimize`), so that the first
builds after it do not wait for what its loads left to merge. Memory stays bounded
by the batch, not the corpus: a build of a new store keeps what each document adds to the derived
graphs on disk until the derive (`_DigestSpool`, about 0.9 KB a document), so that the derive need
not read every document back; the derive then holds them (about 1.5 KB a document).

>>> import tempfile, pathlib
>>> from kg.readers.layout import SAMPLE
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text(SAMPLE)
>>> report = build([d], KgStore.memory(), jobs=1)
>>> report.built, report.failed
(1, 0)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import glob
import hashlib
import multiprocessing
import operator
import os
import pickle
import shutil
import sqlite3
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

import pyoxigraph as ox

from kg import iris
from kg.derive import CASES_GRAPH, STAGE_PREDICATES, derive_cases, record_refdata_sources, stages_of
from kg.errors import KgError, ParseError, StoreError, UsageError
from kg.link import load_index
from kg.pagemarks import PAGES_GRAPH, derive_page_marks, note_replaced
from kg.pipeline import parse_bytes
from kg.rdf import Triple, document_lines
from kg.readers import read_limited
from kg.store import FileStat, KgStore, ManifestEntry, release_memory
from kg.summaries import DIGEST_PREDICATES, SUMMARY_GRAPH, derive_summaries, digests_of, name_lines, summaries_outdated
from kg.textindex import INDEX, TEXT_PREDICATES, DocText, TextIndex, doc_text, fill
from kg.textindex import delete as delete_text_index

__all__ = ["BuildReport", "FileResult", "build", "expand_paths"]

SKIP_SUFFIXES = {".md", ".tsv", ".rq", ".ttl", ".trig", ".py", ".ipynb", ".png", ".svg", ".css", ".js", ".gitignore"}
BATCH_DOCS = 500  # per bulk load: fewer, larger loads cost a store less CPU (see benchmarks/PROFILE.md)
TASK_FILES = 16
RACY_NS = 2_000_000_000  # a file modified this shortly before it was looked at is not remembered as unchanged
INCREMENTAL_DOCS = 2_000  # up to this many changed documents the cases graph is updated, beyond it recomputed
OPTIMIZE_DOCS = 20_000  # a new store of at least this many documents is compacted at the end of its build (at 10,000 no later build was seen waiting)


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
    """Per-file results and totals of one build; `warnings` about the build as a whole (a store left
    uncompacted)."""

    results: list[FileResult] = field(default_factory=list)
    pruned: int = 0
    warnings: list[str] = field(default_factory=list)

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
    return [Path(f) for f in _expand(paths)]


def _expand(paths: Iterable[str | Path]) -> list[str]:
    """`expand_paths` as strings (a folder of 100,000 files is walked in a fraction of a second)."""
    out: dict[str, None] = {}
    for raw in paths:
        text = str(raw)
        matches = sorted(glob.glob(text, recursive=True)) if any(c in text for c in "*?[") else [text]
        if not matches:
            raise UsageError(f"no file matches {raw}")
        for m in map(_normal, matches):
            if os.path.isdir(m):
                out.update(dict.fromkeys(_walk(m, "" if m == os.curdir else os.path.join(m, ""))))  # as Path.joinpath names them
            elif os.path.isfile(m):
                out.setdefault(m, None)
            else:
                raise UsageError(f"{m} does not exist", hint="give files, folders or glob patterns")
    return list(out)


def _normal(path: str) -> str:
    """The path as `pathlib` spells it (the manifest's keys do not depend on how a folder was named).

    >>> _normal("./docs//a.txt")
    'docs/a.txt'
    """
    return str(Path(path))


_NAME = operator.attrgetter("name")


def _suffix(name: str) -> str:
    """The lower-case suffix of a file name not starting with a dot, as `os.path.splitext` finds it (without its cost per call).

    >>> [_suffix(n) for n in ["a.TTL", "a.b.py", "a", "a.", ".x"]]
    ['.ttl', '.py', '', '.', '']
    """
    i = name.rfind(".")
    return name[i:].lower() if i > 0 else ""


def _walk(folder: str, prefix: str) -> Iterator[str]:
    """The files below `folder`, each named `prefix` + its path under it, depth first in name order
    (hidden ones, symlinked folders, skipped suffixes and companion metadata left out)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=_NAME)
    except OSError:
        return
    names = None
    for e in entries:
        name = e.name
        if name.startswith("."):
            continue
        try:
            if e.is_dir() and not e.is_symlink():
                yield from _walk(e.path, prefix + name + os.sep)
            elif e.is_file() and _suffix(name) not in SKIP_SUFFIXES:
                if name.lower() == "metadata.xml":
                    names = names if names is not None else [x.name for x in entries]
                    if _companion_metadata(name, names):
                        continue
                yield prefix + name
        except OSError:
            continue


def _companion_metadata(name: str, siblings: list[str]) -> bool:
    """A metadata.xml next to a publication XML is read with it, not on its own.

    >>> _companion_metadata("metadata.xml", ["metadata.xml", "ah-tk-20232024-1999.xml"])
    True
    >>> _companion_metadata("metadata.xml", ["metadata.xml"])
    False
    """
    return name.lower() == "metadata.xml" and any(x != name and os.path.splitext(x)[1].lower() == ".xml" for x in siblings)


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
    digests: _Digests | None = None  # when asked and made
    texts: DocText | None = None  # when asked (`kg.textindex.doc_text`)


class _Digests(NamedTuple):
    """What the documents of a file (of all files) add to the derived graphs, made as they were mapped."""

    summaries: dict[str, bytes]  # `kg.summaries.digests_of`
    stages: list[tuple[str | None, ...]]  # `kg.derive.stages_of`

    @classmethod
    def of(cls, kept: list[Triple]) -> _Digests:
        """Of one document's statements (`kg.rdf.document_lines` keeping `_DIGESTED`)."""
        return cls(digests_of(kept), stages_of(kept))

    @classmethod
    def of_all(cls, parts: Iterable[_Digests]) -> _Digests:
        """Of all files (each document's once: the digests of a later file of a publication replaced those of the earlier one)."""
        out = cls({}, [])
        for part in parts:
            out.summaries.update(part.summaries)
            out.stages.extend(part.stages)
        return out


_DIGESTED = DIGEST_PREDICATES | STAGE_PREDICATES


class _DigestSpool:
    """The digests of the documents written, kept on disk (an unnamed file in `folder`) until the derive
    reads them: about 1.5 KB a document in memory, which at 100,000 documents would add 150 MB to the
    writer while it loads (pickled: 0.9 KB a document).

    >>> spool = _DigestSpool(None)
    >>> spool.add("g1", _Digests({"a": b"1"}, [])); spool.add("g2", _Digests({"b": b"2"}, [])); spool.add("g1", _Digests({"c": b"3"}, []))
    >>> spool.read().summaries  # a later file of a publication replaces the digests of an earlier one
    {'c': b'3', 'b': b'2'}
    """

    def __init__(self, folder: Path | None) -> None:
        self.file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed once read, or when the build ends: `_spool_closed`)

    def add(self, graph: str, digests: _Digests) -> None:
        pickle.dump((graph, digests), self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def read(self) -> _Digests:
        """Of all documents written (each publication's last), in the order they were first written."""
        latest: dict[str, _Digests] = {}
        self.file.seek(0)
        while True:
            try:
                graph, digests = pickle.load(self.file)
            except EOFError:
                break
            latest[graph] = digests
        return _Digests.of_all(latest.values())

    def close(self) -> None:
        self.file.close()


def _digested(kept: list[Triple]) -> _Digests | None:
    """`_Digests.of`, or None when digesting fails (a bug there must not fail the file: the derive then reads the store)."""
    try:
        return _Digests.of(kept)
    except Exception:  # a bug in digesting
        return None


def _work(
    path: str, old_sha: str | None, force: bool, built_at: dt.datetime, refdata: str | None = None, digest: bool = False, texts: bool = False
) -> _Outcome:
    """Read, hash, parse and map one file (and with `digest`, digest it for the cases and summaries;
    with `texts`, take its texts for the text index). Never raises: failures are outcomes."""
    try:
        data = read_limited(Path(path))
    except KgError as exc:
        return _Outcome(path, "failed", message=str(exc))
    sha = hashlib.sha256(data).hexdigest()
    if old_sha == sha and not force:
        return _Outcome(path, "unchanged", sha)
    try:
        doc = parse_bytes(data, path, refdata=refdata)
        keep = (_DIGESTED if digest else frozenset()) | (TEXT_PREDICATES if texts else frozenset())
        nq, sq, n, kept = document_lines(doc, built_at=built_at, keep=keep)
        digests = _digested(kept) if digest else None
        text = doc_text(kept) if texts else None
    except KgError as exc:
        return _Outcome(path, "failed", sha, str(exc.with_source(path)))
    except Exception as exc:  # a bug must not stop the batch; report it as this file's failure
        return _Outcome(path, "failed", sha, f"{path}: internal error while parsing ({type(exc).__name__}: {exc}); please report it")
    return _Outcome(path, "built", sha, "", iris.graph_iri(doc), nq, sq, n, doc.reader, doc.id, doc.warnings, digests, text)


def _work_many(items: list[tuple[str, str | None]], force: bool, built_at: dt.datetime, refdata: str | None, digest: bool, texts: bool) -> list[_Outcome]:
    return [_work(p, sha, force, built_at, refdata, digest, texts) for p, sha in items]


@dataclass(frozen=True, slots=True)
class _Item:
    """One file to build: its path, the manifest's hash of it, and whether its stat proves it unchanged."""

    path: str
    old_sha: str | None
    known: bool = False


def _outlive_not(build_pid: int, every: float = 1.0) -> None:
    """Worker initializer: end the worker once the build process is gone. A killed build (SIGKILL,
    the OOM killer) does not shut its pool down, and its workers would otherwise wait forever."""

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(build_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass  # it exists (but is not ours to signal)

    threading.Thread(target=watch, name="kg-build-watch", daemon=True).start()


def _worked(
    items: list[tuple[str, str | None]],
    force: bool,
    built_at: dt.datetime,
    jobs: int,
    refdata: str | None,
    digest: bool = False,
    ahead: int = BATCH_DOCS,
    texts: bool = False,
) -> Iterator[_Outcome]:
    """`_work` over the items, in order; parallel over `jobs` processes with a bounded window of tasks:
    about `ahead` files (and at least four tasks a worker) are read ahead of the one the caller takes.
    With `ahead` a whole batch of the writer, the workers fill the next batch while it loads one;
    with 128 files they ran dry during the loads (a 10k build took 10% longer)."""
    if jobs <= 1 or len(items) <= TASK_FILES:
        for p, sha in items:
            yield _work(p, sha, force, built_at, refdata, digest, texts)
        return
    chunks = [items[i : i + TASK_FILES] for i in range(0, len(items), TASK_FILES)]
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_outlive_not, initargs=(os.getpid(),)) as pool:
        window: deque[Future[list[_Outcome]]] = deque()
        it = iter(chunks)
        tasks = max(jobs * 4, -(-ahead // TASK_FILES))
        for chunk in it:
            window.append(pool.submit(_work_many, chunk, force, built_at, refdata, digest, texts))
            if len(window) >= tasks:
                break
        while window:
            done = window.popleft()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(_work_many, nxt, force, built_at, refdata, digest, texts))
            yield from done.result()


def _stat(path: str) -> tuple[int, int] | None:
    """The file's size and modification time, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _stats(files: list[str]) -> dict[str, tuple[int, int] | None]:
    """`_stat` of every file (one after another: threads were slower here, warm or cold, 100k files)."""
    return {f: _stat(f) for f in files}


def _items(
    files: list[str], manifest: dict[str, ManifestEntry], saved: dict[str, FileStat], stats: dict[str, tuple[int, int] | None]
) -> list[_Item]:
    """The files to build; a file is known unchanged when its size and modification time are those
    saved with the hash that the manifest has for it."""
    out = []
    for p in files:
        old, was = manifest.get(p), saved.get(p)
        known = old is not None and was is not None and was[2] == old.sha256 and was[:2] == stats.get(p)
        out.append(_Item(p, old.sha256 if old else None, known))
    return out


# --- the writer side: one process, whole documents ---------------------------------------------


SEEN_SHARED = 400_000  # shared-graph lines remembered to skip repeats (bounded memory)


class _Writer:
    """Batches new documents for the bulk loader; changes the graph of a changed one in place, in one
    transaction (`KgStore.change_graph`).

    Shared-graph statements repeat across documents (the same person, party, office, entity);
    the writer remembers the most recent ones and does not write a repeat again. `fresh`: the
    store was empty when the build began, so a graph not yet written this run cannot be there.
    `names`: where to keep the lines of the entities' names and types it writes (`name_lines`), which
    the derive then reads instead of the store.
    """

    def __init__(self, store: KgStore, batch_docs: int, fresh: bool = False, names: IO[bytes] | None = None) -> None:
        self.store = store
        self.batch_docs = batch_docs
        self.fresh = fresh
        self.names = names
        self.batch: list[bytes] = []
        self.batch_graphs: set[str] = set()
        self._recent: set[int] = set()  # hashes of the shared lines written lately
        self._older: set[int] = set()  # and of those written before them (forgotten at the next turn)

    def _new_shared(self, shared: bytes) -> bytes:
        """The lines of `shared` not written lately (at most `SEEN_SHARED` remembered, in two generations).

        >>> w = _Writer(KgStore.memory(), 1)
        >>> w._new_shared(b"<a> <b> <c> .\\n<d> <e> <f> .\\n<a> <b> <c> .\\n")
        b'<a> <b> <c> .\\n<d> <e> <f> .\\n'
        >>> w._new_shared(b"<d> <e> <f> .\\n<g> <h> <i> .\\n")
        b'<g> <h> <i> .\\n'
        """
        recent, older = self._recent, self._older
        lines = shared.splitlines(keepends=True)
        fresh = {h: line for h, line in zip(map(hash, lines), lines, strict=True) if h not in recent and h not in older}
        recent.update(fresh)
        if len(recent) >= SEEN_SHARED // 2:
            self._older, self._recent = recent, set()
        return b"".join(fresh.values())

    def write(self, graph: str, nquads: bytes, shared: bytes, replace: bool) -> None:
        shared = self._new_shared(shared)
        if self.names is not None:
            self.names.write(name_lines(shared))  # the shared graph has them all (as a test checks)
        if graph in self.batch_graphs:
            self.flush()  # the same publication twice in one batch: the later file replaces it
            replace = True
        if replace or (not self.fresh and self.store.has_graph(graph)):
            self.store.change_graph(graph, nquads, shared)  # new documents batched before it need not be loaded first
            return
        self.batch.append(nquads + shared)
        self.batch_graphs.add(graph)
        if len(self.batch) >= self.batch_docs:
            self.flush()

    def flush(self) -> None:
        """Load the batch. The load runs behind (see `KgStore.add_nquads`) while the workers' next
        outcomes are taken and batched."""
        if self.batch:
            data, graphs = b"".join(self.batch), self.batch_graphs
            self.batch, self.batch_graphs = [], set()
            self.store.add_nquads(data, graphs, lenient=True, behind=True)  # lines from pyoxigraph terms

    def close(self) -> None:
        """Write what is batched, waiting for it, and forget the shared lines seen (at 100k documents ~50 MB the derive can use)."""
        self.flush()
        self.store.settle()
        self._recent, self._older = set(), set()


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
    stage: Callable[[str], None] | None = None,
    optimize: bool | None = None,
    text_index: bool = True,
) -> BuildReport:
    """Parse every file and put its document graph into the store (see the module docstring).

    `progress(result, done, total)` is called after each file, `stage(what)` when the build goes on
    to a step after the files ("deriving", "optimizing", "indexing texts"). `optimize`: compact the
    store at the end (None: when the build made a new store of `OPTIMIZE_DOCS` documents or more).
    `text_index`: keep the store's text index (`kg.textindex`); without it, an index there is marked
    behind at the first change, for the next build that keeps it to make again. Raises the file's
    `ParseError` when `strict` and a file fails; otherwise failures are in the report.
    """
    run, items = _begin(paths, store, force)
    with _texts(run, keep=text_index) as texts, _spool_closed(run):
        built_at = (now or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0)))()
        index_dir = str(refdata) if refdata else None
        # a new store: the names the writer writes are kept aside for the derive, in a file deleted once closed
        with tempfile.TemporaryFile(dir=store.path) if run.empty else contextlib.nullcontext() as names:
            writer = _Writer(store, batch_docs, fresh=run.empty, names=names)
            stopped = True
            try:
                _load(run, items, writer, force=force, built_at=built_at, jobs=jobs or os.cpu_count() or 1, refdata=index_dir, strict=strict, progress=progress)
                stopped = False
            finally:
                try:
                    store.flush()  # waits for the last load, which may fail, or be interrupted
                except BaseException:
                    stopped = True
                    raise
                finally:
                    # stopped after a change: the index may be a document off the store either way (batched, or
                    # written and not yet put in); it is made again by the next build (the store says underived)
                    _keep_texts(run, TextIndex.abandon if stopped and run.changes.started else TextIndex.commit)
            _drop_moved(run)
            if prune:
                _prune(run)
            _derive_stale(run, force=force, refdata=index_dir, names=names, stage=stage)
        if texts is not None and run.texts is None:
            _fill_texts(run, texts, stage)
    if run.local:
        _remember(run, prune)
        if optimize or (optimize is None and run.empty and run.report.built >= OPTIMIZE_DOCS):
            _optimize(run, asked=bool(optimize), stage=stage)
    return run.report


@contextlib.contextmanager
def _texts(run: _Run, keep: bool = True) -> Iterator[TextIndex | None]:
    """The text index of a store folder, open for the build. When it is in step with the store the
    build keeps it current as it writes (`run.texts`); when it is behind (missing, of another format, or a
    build was stopped after it changed documents) the build makes it again from the graphs at its end
    (`_fill_texts`). None for a store without a folder of its own (in memory, a bare database, remote),
    and when not to `keep` it (an index there is marked behind before the build's first change)."""
    store = run.store
    if not run.local or store.path is None or store.bare:
        yield None
        return
    if not keep:
        if (store.path / INDEX).exists():  # not kept: behind from before this build's first change (or now, when it is already)
            if run.underived:
                _texts_behind(run)
            else:
                run.changes.before_first = lambda: _texts_behind(run)
        yield None
        return
    try:
        index = TextIndex.open(store.path)
        if run.empty:  # an empty store: so is its index
            if index.behind or index.graphs():
                index.clear()
                index.set_behind(False)
                index.commit()
        elif run.underived:
            index.set_behind()
        run.texts = None if index.behind else index
    except sqlite3.Error as exc:  # the folder cannot hold it (full, not writable …): the build goes on without
        run.report.warnings.append(f"no text index: {exc} ({store.path / INDEX})")
        yield None
        return
    try:
        yield index
    finally:
        run.texts = None
        with contextlib.suppress(sqlite3.Error):
            index.close()


def _keep_texts(run: _Run, change: Callable[[TextIndex], object]) -> None:
    """Change the text index as the store changes. An index that fails (a full disk, say) is left
    behind its store, for the end of this build or the next to make again; the build goes on."""
    if run.texts is None:
        return
    try:
        change(run.texts)
    except sqlite3.Error as exc:
        index, run.texts = run.texts, None
        run.report.warnings.append(f"the text index fell behind the store ({exc}); it is made again from the graphs")
        index.abandon()


def _texts_behind(run: _Run) -> None:
    """Mark the store's text index behind (a build that does not keep it is about to change documents);
    an index that cannot be marked is deleted, which needs no room, so no search reads it as current."""
    folder = run.store.path
    assert folder is not None
    try:
        with TextIndex.open(folder) as index:
            index.set_behind()
        return
    except sqlite3.Error:
        pass
    try:
        delete_text_index(folder)
    except OSError as exc:
        run.report.warnings.append(f"the text index {folder / INDEX} could not be marked behind the store nor deleted ({exc}); delete it before searching")


def _fill_texts(run: _Run, index: TextIndex, stage: Callable[[str], None] | None) -> None:
    """Make the text index again from the store's graphs, when it is behind; failing, a warning."""
    try:
        if not index.behind:
            return
        if stage:
            stage("indexing texts")
        fill(run.store, index, progress=(lambda done, total: stage(f"indexing the texts for kg search: {done:,} of {total:,} documents")) if stage else None)
    except sqlite3.Error as exc:
        index.abandon()
        run.report.warnings.append(f"the text index was not made ({exc}); `kg search` needs it: run `kg build` again when this is mended")


def _optimize(run: _Run, *, asked: bool, stage: Callable[[str], None] | None) -> None:
    """Compact the store; when the build decided to (not `asked`), a store it cannot compact is left
    as it is, with a warning in the report: the documents are in and saved by then."""
    store = run.store
    if store.path is None:
        return
    if not asked:
        need, free = store.db_bytes(), shutil.disk_usage(store.path).free
        if free < need:
            run.report.warnings.append(f"not compacted: {free / 1e9:.1f} GB free, compacting needs about {need / 1e9:.1f} GB; run `kg optimize` when there is room")
            return
    if stage:
        stage("optimizing")
    try:
        store.optimize()
    except StoreError as exc:
        if asked:
            raise
        run.report.warnings.append(f"not compacted: {exc}")


@dataclass
class _Run:
    """One build's state: what the store held when it began, what the build wrote and removed, and
    what the derive at its end needs.

    `digests`: what each document written adds to the derived graphs, made by the workers; kept (on
    disk, `_DigestSpool`) only for a new store, and dropped (None) once a document comes without them
    (the derive then reads every document back).
    """

    store: KgStore
    local: bool  # a `KgStore` (not a remote one): it keeps a manifest, file stats and a derive journal
    files: list[str]
    manifest: dict[str, ManifestEntry]  # as the store had it
    saved: dict[str, FileStat]  # the file stats the store had
    stats: dict[str, tuple[int, int] | None]  # each file's size and modification time, taken at `looked_at`
    looked_at: int
    empty: bool  # a new store
    underived: bool  # a killed build changed documents after the last derive
    report: BuildReport = field(default_factory=BuildReport)
    graphs_of_run: dict[str, str] = field(default_factory=dict)  # graph → the file this run built or kept it from
    hashes: dict[str, str | None] = field(default_factory=dict)  # of the files read (None: failed)
    after: _ManifestAfter = field(init=False)
    changes: _Changes = field(init=False)
    digests: _DigestSpool | None = field(init=False)
    texts: TextIndex | None = None  # the store's text index, while the build keeps it (see `_texts`)
    moved: set[str] = field(default_factory=set)  # graphs of files that now hold another publication

    def __post_init__(self) -> None:
        self.after = _ManifestAfter(self.manifest)
        self.changes = _Changes(self.store, self.local)
        self.digests = _DigestSpool(self.store.path) if self.empty else None

    def built(self, out: _Outcome) -> None:
        """`out`'s graph was written: the manifest the build leaves, and the digests, take it in."""
        old = self.manifest.get(out.path)
        self.after.built(out.path, out.sha256, out.graph, old.graph if old else None)
        if self.digests is not None:
            if out.digests is None:
                self.digests.close()
                self.digests = None  # not digested: the derive reads every document back
            else:
                self.digests.add(out.graph, out.digests)  # a later file of the same publication replaces it


@contextlib.contextmanager
def _spool_closed(run: _Run) -> Iterator[None]:
    """Close the run's digest spool when the build ends, however it ends (the derive closes it once read)."""
    try:
        yield
    finally:
        if run.digests is not None:
            run.digests.close()


def _begin(paths: Iterable[str | Path], store: KgStore, force: bool) -> tuple[_Run, list[_Item]]:
    """Look at the files and at what the store holds: the run's state, and the files in build order."""
    local = isinstance(store, KgStore)
    with ThreadPoolExecutor(1) as reader:  # the store answers while the folders are walked
        manifest_of = reader.submit(store.manifest)
        files = _expand(paths)
        looked_at = time.time_ns()
        stats = _stats(files)  # before any file is read
        saved = store.file_stats() if local else {}
        manifest = manifest_of.result()
    underived = local and store.derive_pending()
    empty = local and not manifest and next(iter(store.quads()), None) is None
    run = _Run(store, local, files, manifest, saved, stats, looked_at, empty, underived)
    return run, _items(files, manifest, {} if force else saved, stats)


def _load(
    run: _Run,
    items: list[_Item],
    writer: _Writer,
    *,
    force: bool,
    built_at: dt.datetime,
    jobs: int,
    refdata: str | None,
    strict: bool,
    progress: Callable[[FileResult, int, int], None] | None,
) -> None:
    """Write the graph of every file not known unchanged, parsed by `jobs` workers, in the items' order."""
    todo = [(i.path, i.old_sha) for i in items if not i.known]
    # an empty store: the workers digest each document for the cases and summaries, which then need not read them all back
    texts = run.texts is not None
    worked = _worked(todo, force, built_at, jobs, refdata, run.digests is not None, writer.batch_docs, texts)
    for item in items:
        if item.known:
            run.graphs_of_run.setdefault(run.manifest[item.path].graph, item.path)
            result = FileResult(item.path, "unchanged")
        else:
            out = next(worked)
            result = _apply(out, run, writer)
            run.hashes[out.path] = out.sha256 if out.status != "failed" and out.sha256 else None
        run.report.results.append(result)
        if progress:
            progress(result, len(run.report.results), len(run.files))
        if strict and result.status == "failed":
            writer.flush()  # the build waits for it before it stops
            raise ParseError(result.message)
    worked.close()  # the workers exit now, not when the build returns (they held memory through the derive)
    writer.close()


def _drop_moved(run: _Run) -> None:
    """Remove the graphs of the files that now hold another publication, once all files are built:
    only those no file of this build holds now (two files may have swapped publications)."""
    for graph in sorted(run.moved - run.graphs_of_run.keys()):
        _remove(run, graph)


def _remove(run: _Run, graph: str) -> None:
    """Take a document graph out of the store, its text index and the manifest the build leaves."""
    run.store.remove_graph(graph)
    _keep_texts(run, lambda index: index.remove(graph))
    run.after.drop(graph)


def _prune(run: _Run) -> None:
    """Remove the graphs of the manifest's files that are no longer among the files built."""
    present = set(run.files)
    for src, entry in run.manifest.items():
        if src not in present and entry.graph not in run.graphs_of_run:
            run.changes.remove(entry.graph)
            _remove(run, entry.graph)
            run.report.pruned += 1


def _derive_stale(run: _Run, *, force: bool, refdata: str | None, names: IO[bytes] | None, stage: Callable[[str], None] | None = None) -> None:
    """Derive again what the build left behind: what the changed documents touch, or everything
    (a new store, `force`, a killed build before, too many changes); only the summaries when they
    were written by another version; only the page marks when the store has none yet."""
    store, report = run.store, run.report
    derived = store.has_graph(CASES_GRAPH)
    stale = report.built or report.pruned or run.underived or not derived or not store.has_graph(SUMMARY_GRAPH)
    if stale or summaries_outdated(store):
        if stage:
            stage("deriving")
        if not stale:  # the summaries were written by another version: counted again, the cases left alone
            changed: set[str] | None = set()
        elif force or run.underived or not run.changes.started or not derived:
            changed = None
        else:
            changed = run.changes.written()
        every = run.digests.read() if run.digests is not None and changed is None else None
        if run.digests is not None:
            run.digests.close()
        run.digests = None
        if names is not None:
            names.seek(0)  # read only with `every` (see `derive_summaries`)
        _derive(store, refdata, changed, every, run.after.publications(), names)  # consumes `every` as it goes
        store.flush()
        if run.local:
            store.set_derive_pending(False)
    elif not store.has_graph(PAGES_GRAPH):  # a store built before there were page marks
        derive_page_marks(store, publications=run.after.publications())


def _remember(run: _Run, prune: bool) -> None:
    """Save what the next build starts from: the files' stats and hashes, and the manifest (when the store keeps no journal of it)."""
    pruned = set(run.manifest) - set(run.stats) if prune else set()
    _save_stats(run.store, run.saved, run.stats, run.hashes, run.looked_at, pruned=pruned)
    if not run.store.has_saved_manifest():
        run.store.save_manifest(run.after.entries, run.after.changed)


class _ManifestAfter:
    """The manifest as the build leaves it, kept up to date as documents are written and removed, so
    the next build can start from it (`KgStore.save_manifest`) instead of reading every graph.
    (Copied at the first change, and indexed by graph only after a few: most builds change little of
    a large manifest.)

    >>> m = _ManifestAfter({"a.txt": ManifestEntry("a.txt", "1" * 64, "g1")})
    >>> m.built("b.txt", "2" * 64, "g1", None)  # b.txt is the same publication: g1 now names b.txt
    >>> sorted(m.entries)
    ['b.txt']
    """

    SCANS = 8  # graphs looked up by scanning the entries before an index pays

    def __init__(self, manifest: dict[str, ManifestEntry]) -> None:
        self.entries = manifest
        self.changed: set[str] = set()  # the files whose entries were replaced or dropped
        self._copied = False
        self._scans = 0
        self._by_graph: dict[str, set[str]] | None = None

    def _sources(self, graph: str) -> set[str]:
        """The files the manifest has built into `graph` (and the manifest ready to change)."""
        if not self._copied:
            self.entries, self._copied = dict(self.entries), True
        if self._by_graph is None and self._scans < self.SCANS:
            self._scans += 1
            return {src for src, e in self.entries.items() if e.graph == graph}
        if self._by_graph is None:
            self._by_graph = {}
            for src, e in self.entries.items():
                self._by_graph.setdefault(e.graph, set()).add(src)
        return self._by_graph.get(graph, set())

    def publications(self) -> int:
        """How many graphs the files of the manifest are built into."""
        return len({e.graph for e in self.entries.values()})

    def drop(self, graph: str) -> None:
        """`graph` was removed or replaced: the files it named are no longer in the manifest."""
        for src in self._sources(graph):
            self.entries.pop(src, None)
            self.changed.add(src)
        if self._by_graph is not None:
            self._by_graph.pop(graph, None)

    def built(self, path: str, sha256: str, graph: str, old_graph: str | None) -> None:
        """`path` was built into `graph`; its `old_graph`, if another, is dropped when the build removes it (`_drop_moved`)."""
        if old_graph is not None and old_graph != graph and self._by_graph is not None:
            self._by_graph.get(old_graph, set()).discard(path)
        self.drop(graph)
        self.entries[path] = ManifestEntry(path, sha256, graph)
        self.changed.add(path)
        if self._by_graph is not None:
            self._by_graph.setdefault(graph, set()).add(path)


class _Changes:
    """The documents a build wrote or removed (their IRIs), for deriving only what they touch.

    Before the first change the store journals that its derived graphs are behind (see
    `KgStore.derive_pending`), so a killed build is followed by a whole recomputation. `docs` is
    None when the store is not local or too many documents changed to be worth tracking.
    """

    def __init__(self, target: KgStore, local: bool) -> None:
        self.store = target if local else None  # for the documents of a graph (not asked of a remote store)
        self.target = target  # the store written to, local or not: its page marks (see `_replacing`)
        self.started = False
        self.docs: set[str] | None = set() if local else None
        self.graphs: set[str] = set()
        self.replaced: set[str] = set()  # graphs there were before, removed or replaced
        self.before_first: Callable[[], None] | None = None  # called once, before the first change
        self.noting = True  # the page marks count them (see `_replacing`)

    def _start(self) -> None:
        if not self.started and self.store is not None and not self.store.set_derive_pending(True):
            self.docs = None  # no journal: a killed build could not be told from a finished one
        if not self.started and self.before_first is not None:
            self.before_first()
        self.started = True

    def _docs_in(self, graph: str) -> set[str]:
        assert self.store is not None
        rows = self.store.query("SELECT ?d WHERE { GRAPH ?g { ?d kg:soort ?kind } }", {"g": ox.NamedNode(graph)}, union=False)
        return {r["d"].value for r in rows}

    def _tracked(self) -> set[str] | None:
        """The documents so far; None when not tracked (no journal, or so many that deriving all is cheaper)."""
        self._start()
        if self.docs is not None and len(self.docs) + len(self.graphs) > INCREMENTAL_DOCS:
            self.docs = None
        return self.docs

    def _replacing(self, graph: str) -> None:
        """A graph there was is about to be taken out: the page marks count it first, so that no reader
        sees a mark it no longer covers (kg/pagemarks.py; until they will be counted again anyway)."""
        if graph not in self.replaced:
            self.replaced.add(graph)
            self.noting = self.noting and note_replaced(self.target)

    def remove(self, graph: str) -> None:
        """`graph` is about to be removed or replaced: remember the documents it holds now."""
        if (docs := self._tracked()) is not None:
            docs |= self._docs_in(graph)
        self._replacing(graph)

    def write(self, graph: str) -> None:
        """`graph` is about to be written (replacing the graph of that name if there is one)."""
        docs = self._tracked()
        if self.store is None:  # a remote store: whether the graph was there is not asked (a request each)
            self._replacing(graph)
        elif graph not in self.graphs and self.store.has_graph(graph):
            if docs is not None:
                docs |= self._docs_in(graph)
            self._replacing(graph)
        self.graphs.add(graph)

    def written(self) -> set[str] | None:
        """The documents removed, replaced or written, or None when not tracked."""
        if (docs := self._tracked()) is None:
            return None
        out = set(docs)
        for g in sorted(self.graphs):
            out |= self._docs_in(g)
        return out


def _save_stats(
    store: KgStore,
    saved: dict[str, FileStat],
    stats: dict[str, tuple[int, int] | None],
    hashes: dict[str, str | None],
    looked_at: int,
    pruned: set[str],
) -> None:
    """Remember size, modification time and hash of the files read (only when their stat was taken
    well after their last change); what was saved for the other files stays, but for pruned ones."""
    new = dict(saved)
    for p in pruned:
        new.pop(p, None)
    for p, sha in hashes.items():
        st = stats.get(p)
        if sha is not None and st is not None and st[1] < looked_at - RACY_NS:
            new[p] = FileStat(st[0], st[1], sha)
        else:
            new.pop(p, None)
    changed = [p for p in (*pruned, *hashes) if new.get(p) != saved.get(p)]
    if changed:
        store.save_file_stats(new, changed)


def _derive(
    store: KgStore,
    refdata: str | None,
    changed: set[str] | None = None,
    digests: _Digests | None = None,
    publications: int | None = None,
    names: IO[bytes] | None = None,
) -> None:
    """Recompute the graphs that follow from all documents together (cases, summaries, page marks,
    reference-data provenance); with `changed`, only what these documents touch (see `derive_cases`,
    `derive_summaries`, `derive_page_marks`; `digests`: those of every document in the store, made as
    they were mapped, and `names` the lines of the entities' names the writer kept; `publications`:
    how many graphs the manifest lists).
    Each stage reads much of the store: the memory its reads leave free goes back to the system after it."""
    release_memory()  # what the load left
    # the derive makes millions of small objects beside the load's long-lived ones (the manifest, the
    # digests): Python's cycle collector leaves those out of its collections until the derive is done
    gc.freeze()
    try:
        derive_cases(store, changed, digests.stages if digests is not None else None)
        if digests is not None:
            digests.stages.clear()
        release_memory()
        derive_summaries(store, changed, digests.summaries if digests is not None else None, names)  # reads the cases graph; takes the digests out as it counts
        release_memory()
        derive_page_marks(store, everything=changed is None, publications=publications)
        index = load_index(refdata)
        record_refdata_sources(store, index.sources if index else (), facts_only=index is None)
    finally:
        gc.unfreeze()


def _apply(out: _Outcome, run: _Run, writer: _Writer) -> FileResult:
    """Put one worker's outcome into the store (through the writer) and into the run's state."""
    old = run.manifest.get(out.path)
    if out.status == "unchanged":
        run.graphs_of_run.setdefault(old.graph if old else "", out.path)
        return FileResult(out.path, "unchanged")
    if out.status == "failed":
        if old is not None:
            run.graphs_of_run.setdefault(old.graph, out.path)  # a file that fails keeps its graph
        return FileResult(out.path, "failed", out.message)
    if old is not None:
        run.changes.remove(old.graph)
    if old is not None and old.graph != out.graph:
        run.moved.add(old.graph)  # the file now holds another publication: see `_drop_moved`
    message = f"same publication as {run.graphs_of_run[out.graph]}; its graph was replaced" if out.graph in run.graphs_of_run else ""
    run.changes.write(out.graph)
    writer.write(out.graph, out.nquads, out.shared, replace=old is not None or bool(message))
    _keep_texts(run, lambda index: index.put(out.graph, out.texts))
    run.graphs_of_run[out.graph] = out.path
    run.built(out)
    return FileResult(out.path, "built", message, out.reader, out.quads, out.doc_id, out.warnings)
