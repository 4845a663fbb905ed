"""The embedded store: a pyoxigraph database on disk (or in memory), one named graph per document.

On disk a store is a folder:

    kg-store/db/            the database the (single) writer works on
    kg-store/snapshots/N/   immutable checkpoints of it, taken between whole documents
    kg-store/trash/         checkpoints no longer kept, being deleted out of the writer's way
    kg-store/current        the name of the newest checkpoint (replaced atomically)
    kg-store/pending        while a batch of new documents is being loaded: their graph names
    kg-store/underived      while documents changed since the derived graphs were last computed
    kg-store/filestat.tsv   size, mtime and sha-256 of the files last built (a hint, see `FileStat`)
    kg-store/manifest.tsv   the manifest as the last build left it; removed before any write, so
                            while it exists it is exact and the build need not read the graphs

Readers (`kg query`, `kg serve`, `kg export`) open the newest checkpoint, so they work during a
build and never see half a document; the writer publishes a new checkpoint after each batch (at
most every few seconds) and when it closes, but not while a batch is pending. A changed document's
graph is changed in one transaction, writing only what changed (`change_graph`); new documents go
through the bulk loader in batches of whole documents, recorded in `pending` first, so that a
killed build is repaired when the store is next opened for writing (the pending graphs are dropped
and rebuilt); `underived` makes the next build recompute the
derived graphs as a whole. What was built from which file is read back from
the provenance in each document's graph (the manifest), so it can never disagree with the data.

>>> from kg.readers.layout import SAMPLE, parse_text
>>> from kg.rdf import document_quads
>>> from kg.iris import graph_iri
>>> s = KgStore.memory()
>>> doc = parse_text(SAMPLE)
>>> s.replace_graph(graph_iri(doc), document_quads(doc, built_at=None))
>>> s.count_documents()
1
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreLocked
from kg.iris import SHARED_GRAPH
from kg.rdf import PARSER_VERSION
from kg.vocab import DATA, PREFIXES, term

try:
    import fcntl
except ImportError:  # Windows: snapshots are pruned without asking readers
    fcntl = None  # type: ignore[assignment]

__all__ = ["DOC_GRAPH_PREFIX", "FileStat", "KgStore", "ManifestEntry", "release_memory", "with_values"]

DOC_GRAPH_PREFIX = DATA + "graph/doc/"
PUBLISH_EVERY_S = 5.0
REMOVE_STEP = 50_000  # quads deleted per transaction by `KgStore.remove_graph_in_steps`
BULK_QUADS = 100_000  # quads per call of the bulk loader, which holds a call's quads several times over (600k: +490 MB)
KEEP_SNAPSHOTS = 3
TRASH = "trash"  # in the store folder: pruned snapshots, deleted in the background (see `_prune`, `_empty`, `_hand_off`)
FILESTAT = "filestat.tsv"
MANIFEST_CACHE = "manifest.tsv"
# the parser version is in the header: a manifest saved by another version is not read, and the graphs
# then say which version made them (`MANIFEST_QUERY`)
_MANIFEST_HEADER = f"# kg manifest 2 ({PARSER_VERSION}): sha256, graph, source; '-' drops a source; not exact after a last '# dirty'\n"
_DIRTY, _CLEAN = "# dirty\n", "# clean\n"  # appended before any write to db/, and by a build that saved what it changed
_MANIFEST_LINE = re.compile(r"^(?:([0-9a-f]{64})\t([^\t\n]*)|(-)\t)\t(.*)$|^# (dirty|clean)$|^(.*)$", re.M | re.A)
_FILESTAT_LINE = re.compile(r"^(?:(\d+)\t(\d+)\t([0-9a-f]{64})|-)\t(.*)$", re.M | re.A)
JOURNAL_SLACK = 1_000  # lines appended to manifest.tsv or filestat.tsv beyond a quarter of its entries before it is rewritten


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One built source file: where it came from, its hash and the graph built from it (`STALE` when
    another parser version made the graph: the file is to be mapped again)."""

    source: str
    sha256: str
    graph: str


MANIFEST_QUERY = """
SELECT ?g ?src ?sha ?version WHERE {
  GRAPH ?g {
    ?g kg:bestand ?f . ?f kg:sha256 ?sha . OPTIONAL { ?f dcterms:source ?src }
    OPTIONAL { ?g prov:wasGeneratedBy ?run . ?run kg:parserversie ?version }
  }
}"""


STALE = "0" * 64  # the hash in the manifest of a graph made by another parser version: no file has it


def manifest_of(rows: Iterable[Any]) -> dict[str, ManifestEntry]:
    """The manifest from the rows of `MANIFEST_QUERY`. A graph made by another parser version has the
    hash `STALE`, so that the next build maps its file again (and until it does, the saved manifest
    says so)."""
    out: dict[str, ManifestEntry] = {}
    for row in rows:
        src = row["src"].value if row["src"] is not None else ""
        current = row["version"] is not None and row["version"].value == PARSER_VERSION
        out[src] = ManifestEntry(src, row["sha"].value if current else STALE, row["g"].value)
    return out


class FileStat(NamedTuple):
    """A source file's size and modification time when its bytes had this sha-256 (as git's index).

    Only a hint for skipping unchanged files without reading them: a build trusts it only when the
    sha-256 is also the manifest's for that file. (A tuple: 100,000 of them are read and compared
    on every build.)
    """

    size: int
    mtime_ns: int
    sha256: str


def _sparql_quads(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of a SPARQL `INSERT DATA` or `DELETE DATA` (kg writes no blank nodes)."""
    return "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def _ends_a_line(path: Path) -> bool:
    """Whether the file is empty or ends with a newline."""
    with open(path, "rb") as f:
        if f.seek(0, os.SEEK_END) == 0:
            return True
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _read_lines(path: Path) -> str:
    """The text of a journal, line ends as written (a carriage return inside a file name stays one)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _whole_lines(text: str) -> tuple[str, bool]:
    """The text up to its last newline, and whether that was all of it (a cut-off last line is dropped).

    >>> _whole_lines("a\\nb"), _whole_lines("a\\n")
    (('a\\n', False), ('a\\n', True))
    """
    whole = text[: text.rfind("\n") + 1]
    return whole, len(whole) == len(text)


def _save_journal(
    path: Path, entries: dict[str, Any], line: Callable[[str], str], changed: Iterable[str] | None, lines: int | None,
    head: str = "", tail: str = "",
) -> int:  # fmt: skip
    """Save a journal of one `line` per file: with `changed` and the journal's `lines` so far known,
    only their lines and `tail` are appended, while it stays within a quarter (and `JOURNAL_SLACK`)
    of its `entries`; else `head` and every entry's line replace it (atomically). Returns its lines now.
    Files whose names a line cannot hold are left out."""
    if changed is not None and lines is not None and path.exists():
        added = "".join(line(src) for src in sorted(set(changed)) if _in_a_line(src)) + tail
        now = lines + added.count("\n")
        if now <= len(entries) + len(entries) // 4 + JOURNAL_SLACK:
            _append(path, added)
            return now
    _write_atomic(path, head + "".join(line(src) for src in sorted(entries) if _in_a_line(src)))
    return len(entries) + head.count("\n")


def _in_a_line(src: str) -> bool:
    """Whether a journal line can hold file name `src` (the name is the line's last field)."""
    return "\n" not in src and _utf8(src)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8 (kept as surrogates)
        return False
    return True


def _open_db(p: Path, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as exc:
        msg = str(exc)
        if re.search(r"lock|Resource temporarily unavailable|busy", msg, re.I):
            raise StoreLocked(
                f"{p.parent if p.name == 'db' else p} is being written by another kg process",
                hint="wait for the other build to finish, or use another --store",
            ) from exc
        raise StoreError(f"cannot open the store at {p}: {msg}", hint="is it a kg store directory?") from exc


def with_values(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES row binding the given variables at the start of its WHERE clause.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?mp }", {"mp": ox.Literal('a" } DROP ALL')}))
    SELECT ?x WHERE { VALUES (?mp) { ("a\\" } DROP ALL") } ?x ?p ?mp }
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"bad parameter name {name!r}")
    masked = re.sub(r"(?m)#[^\n<>\"]*$", lambda m: " " * len(m.group(0)), sparql)
    where = re.search(r"(?i)\bWHERE\s*\{", masked)
    if where is None:
        raise QueryError("a query with parameters needs a WHERE { … } clause")
    names = " ".join(f"?{n}" for n in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    row = f" VALUES ({names}) {{ ({terms}) }}"
    return sparql[: where.end()] + row + sparql[where.end() :]


def _lease(snapshot: Path) -> int | None:
    """Hold a shared lock on a snapshot folder while reading from it: pruning passes it by.

    (Deleting files a reader has open is not enough: the database opens its files as it needs them.)
    """
    if fcntl is None:
        return None
    fd = os.open(snapshot, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        if os.stat(snapshot).st_ino != os.fstat(fd).st_ino:  # pruned while we waited for the lock
            raise FileNotFoundError(snapshot)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_snapshot(snapshot: Path) -> tuple[ox.Store, int | None]:
    """A snapshot opened read-only, with its lease; `FileNotFoundError` when it was pruned meanwhile."""
    lease = _lease(snapshot)
    try:
        return _open_db(snapshot, True), lease
    except BaseException:
        _release(lease)
        raise


def _release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # the lock goes with it


def _prune(snapshot: Path, trash: Path) -> bool:
    """Retire a snapshot no reader holds: moved into `trash` (one rename, however large it is), from
    which `_empty` deletes it; False (kept, for a later publish) while a reader holds it.

    Deleting a snapshot can take seconds: its hard links may be the last names of database files
    that compactions have replaced since (2.1 s of a 6 s rebuild, the first after a 100k load).
    """
    if fcntl is None:
        shutil.rmtree(snapshot, ignore_errors=True)
        return True
    try:
        fd = os.open(snapshot, os.O_RDONLY)
    except OSError:
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        try:  # a reader waiting for this lock then finds the name gone (see `_lease`)
            trash.mkdir(exist_ok=True)
            os.rename(snapshot, trash / f"{snapshot.name}-{os.getpid()}-{time.monotonic_ns()}")
        except OSError:
            shutil.rmtree(snapshot, ignore_errors=True)
        return True
    finally:
        os.close(fd)


_EMPTYING: dict[Path, threading.Thread] = {}  # the thread deleting each trash folder, while it runs
_EMPTYING_LOCK = threading.Lock()


def _delete(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _empty(trash: Path) -> threading.Thread | None:
    """Delete what is in `trash` in a daemon thread, unless one is at it already; returns the thread.
    What is left when the writer closes goes to `_hand_off`; what a killed process left, the next
    writer that publishes deletes."""
    trash = trash.absolute()  # the thread outlives any change of the working directory
    with _EMPTYING_LOCK:
        running = _EMPTYING.get(trash)
        if running is not None and running.is_alive():
            return running
        try:
            if not any(trash.iterdir()):
                return None
        except OSError:
            return None

        def delete() -> None:
            try:
                for entry in trash.iterdir():
                    _delete(entry)
            except OSError:
                pass
            finally:
                with _EMPTYING_LOCK:
                    _EMPTYING.pop(trash, None)

        thread = _EMPTYING[trash] = threading.Thread(target=delete, name="kg-store-trash", daemon=True)
        thread.start()
        return thread


_DELETERS: list[subprocess.Popen[bytes]] = []  # the processes `_hand_off` started, until they are seen to end
_DELETE = "import shutil, sys\nfor p in sys.argv[1:]:\n    shutil.rmtree(p, ignore_errors=True)"
HAND_OFF_WAIT_S = 0.2  # how long a closing writer lets its thread finish before leaving the rest to a process


def _hand_off(trash: Path) -> None:
    """Leave what is still in `trash` when the writer closes to a process of its own, which outlives
    this one: the deleting thread stops with the process (18 GB of snapshots pruned by one rebuild at
    100k documents took a dozen more rebuilds to delete that way). A small trash is deleted by the
    thread before the writer returns; nothing is started for an empty one."""
    _DELETERS[:] = [p for p in _DELETERS if p.poll() is None]  # reap those that ended
    trash = trash.absolute()
    thread = _EMPTYING.get(trash)
    if thread is not None:
        thread.join(HAND_OFF_WAIT_S)
    try:
        left = [str(p) for p in trash.iterdir()]
    except OSError:
        return
    if not left or not sys.executable or getattr(sys, "frozen", False):
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = subprocess.DEVNULL
        args = [sys.executable, "-I", "-c", _DELETE, *left]  # isolated: no PYTHON* variables, no user site, no current folder on the path
        _DELETERS.append(subprocess.Popen(args, stdin=devnull, stdout=devnull, stderr=devnull, start_new_session=True))


def release_memory() -> bool:
    """Give the C heap's free memory back to the system (glibc's `malloc_trim`, on Linux); True if
    asked. A whole-store read or bulk load leaves hundreds of MB freed but still mapped (at 100k
    documents), which Python's own allocator does not reuse: a long build calls this between stages.

    >>> release_memory() == sys.platform.startswith("linux")
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (musl has no malloc_trim)
        return False
    trim(0)
    return True


def _pending_graphs(pending: Path) -> list[str]:
    """The graphs journalled in `pending` (none when there is no journal)."""
    try:
        return pending.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []


def _load_pending(store: KgStore, load: Callable[[ox.Store], None], pending: Path | None) -> None:
    """Run a bulk load whose graphs are journalled in `pending`; the journal goes once the load is on disk."""
    try:
        load(store._db)
        if pending is not None:
            store._db.flush()
            pending.unlink()
    except (OSError, SyntaxError) as exc:
        traceback.clear_frames(exc.__traceback__)  # the loader's frame holds the database, which must close with the store
        raise StoreError(f"writing documents failed: {exc}", hint="the graphs of this batch are dropped when the store is next opened for writing") from exc


@dataclass(slots=True)
class _Behind:
    """A bulk load running in a thread (`KgStore.add_nquads`): its graphs, and what it raised."""

    graphs: frozenset[str]
    thread: threading.Thread | None = None
    error: Exception | None = None
    done: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def start(cls, store: KgStore, load: Callable[[ox.Store], None], pending: Path | None, graphs: Iterable[str]) -> _Behind:
        job = cls(frozenset(graphs))
        job.thread = threading.Thread(target=job._run, args=(store, load, pending), name="kg-bulk-load")
        job.thread.start()
        return job

    def _run(self, store: KgStore, load: Callable[[ox.Store], None], pending: Path | None) -> None:
        try:
            _load_pending(store, load, pending)
        except Exception as exc:  # raised in the caller's thread by `KgStore.settle`
            traceback.clear_frames(exc.__traceback__)
            self.error = exc
        finally:
            self.done.set()

    def join(self) -> None:
        """Wait for the load to end. Not by `Thread.join` alone: on Python 3.11 and 3.12 a join
        interrupted by Ctrl-C marks the thread as ended while it still runs."""
        self.done.wait()
        if self.thread is not None:
            self.thread.join()


class KgStore:
    """A kg store: thin wrapper over `pyoxigraph.Store` with document-level operations."""

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False, snapshot: str | None = None) -> None:
        self._db = store
        self._behind: _Behind | None = None  # a bulk load running in a thread (see `add_nquads`)
        self.path = path
        self.read_only = read_only
        self.snapshot = snapshot
        self._published_at = 0.0
        self._dirty = False
        self._cache_valid = True  # until this process first writes, a saved manifest.tsv is exact
        self._manifest_lines: int | None = None  # of manifest.tsv, when this process read the manifest from it
        self._filestat_lines: int | None = None  # of filestat.tsv, when read whole by this process
        self._lease: int | None = None  # a reader's lock on its snapshot
        self._previous_lease: int | None = None  # and on the one before a refresh (queries may still read it)

    @property
    def _store(self) -> ox.Store:
        """The database, once a load running behind (see `add_nquads`) is finished: what the caller
        reads or writes then comes after it."""
        if self._behind is not None:
            self.settle()
        return self._db

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def memory(cls) -> KgStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True) -> KgStore:
        """Open the store folder at `path`: for writing (creating it when `create`), or read-only.

        Read-only opens the newest published snapshot. Raises `StoreLocked` when another process
        is writing, `StoreError` when there is no store or it cannot be opened.
        """
        p = Path(path)
        if (p / "CURRENT").exists():  # a bare database folder (made by other tools): open as is
            return cls(_open_db(p, read_only), p, read_only)
        if read_only:
            for _ in range(3):  # the newest snapshot, unless a writer publishes three more meanwhile
                name = cls._current(p)
                if name is None:
                    raise StoreError(f"no kg store at {p}", hint="build one first with `kg build PATH --store DIR`")
                try:
                    db, lease = _open_snapshot(p / "snapshots" / name)
                except FileNotFoundError:
                    continue
                store = cls(db, p, True, name)
                store._lease = lease
                return store
            raise StoreError(f"cannot open a snapshot of {p}: they are replaced faster than they can be opened")
        if not create and not (p / "db").exists():
            raise StoreError(f"no kg store at {p}", hint="build one first with `kg build PATH --store DIR`")
        if p.exists() and not p.is_dir():
            raise StoreError(f"{p} is a file, not a store folder", hint="give --store a folder")
        if p.is_dir() and any(p.iterdir()) and not (p / "db").exists():
            raise StoreError(f"{p} is a folder that is not a kg store", hint="give --store a new or empty folder")
        (p / "snapshots").mkdir(parents=True, exist_ok=True)
        store = cls(_open_db(p / "db", False), p, False)
        store._recover()
        return store

    @staticmethod
    def _current(p: Path) -> str | None:
        try:
            name = (p / "current").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return name if name and (p / "snapshots" / name).is_dir() else None

    def _recover(self) -> None:
        """Drop the graphs of a batch that a killed build left half-loaded (they are rebuilt)."""
        pending = self.path / "pending" if self.path else None
        if pending is None or not pending.exists():
            return
        graphs = _pending_graphs(pending)
        if graphs:
            self._before_write()
            for g in graphs:  # one transaction each (one for a whole batch held hundreds of MB)
                self._store.remove_graph(ox.NamedNode(g))
            self._store.flush()
        pending.unlink()

    def publish(self, *, force: bool = True, keep: int = KEEP_SNAPSHOTS) -> None:
        """Make what was written so far visible to readers as a new snapshot; of the older ones, keep
        `keep` - 1 (and those a reader holds). A load running behind is waited for first."""
        if self.read_only or self.path is None or self.bare:
            return
        self.settle()  # which publishes what it loaded
        if not self._dirty and not force:
            return
        if not force and time.monotonic() - self._published_at < PUBLISH_EVERY_S:
            return
        if (self.path / "pending").exists():  # a batch half-loaded (a load that failed): repaired at the next open for writing
            return
        snaps = self.path / "snapshots"
        existing = sorted(int(d.name) for d in snaps.iterdir() if d.name.isdigit())
        name = f"{(existing[-1] + 1) if existing else 1:08d}"
        self._store.flush()
        self._store.backup(str(snaps / name))
        _write_atomic(self.path / "current", name)
        self._published_at = time.monotonic()
        self._dirty = False
        for old in existing[: max(0, len(existing) + 1 - keep)]:
            _prune(snaps / f"{old:08d}", self.path / TRASH)  # not while a reader holds it (see `_lease`)
        _empty(self.path / TRASH)

    def refresh(self) -> bool:
        """For a long-lived reader: switch to the newest snapshot if there is one. True if switched."""
        if not self.read_only or self.path is None or self.snapshot is None:
            return False
        name = self._current(self.path)
        if name is None or name == self.snapshot:
            return False
        try:
            self._db, lease = _open_snapshot(self.path / "snapshots" / name)
        except FileNotFoundError:
            return False  # already replaced: the next refresh takes a newer one
        _release(self._previous_lease)  # queries still running on the store before the last switch are done by now
        self._previous_lease, self._lease, self.snapshot = self._lease, lease, name
        return True

    def close(self) -> None:
        """Publish what was written (writers), flush and release the database and its lock. A load
        running behind is waited for first; what it raised is raised once the store is closed."""
        behind = self._behind
        with contextlib.suppress(Exception):  # the load's error is raised below, once closed
            self.settle()
        if self._db is not None:
            if not self.read_only:
                never_published = self.path is not None and self._current(self.path) is None
                self.publish(force=self._dirty or never_published)
            self.flush()
            self._db = None  # type: ignore[assignment]
            for lease in (self._lease, self._previous_lease):
                _release(lease)
            self._lease = self._previous_lease = None
            if not self.read_only and self.path is not None:
                _hand_off(self.path / TRASH)
        if behind is not None and behind.error is not None:
            raise behind.error

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def bare(self) -> bool:
        """A bare database folder (made by other tools, opened as is): no snapshots, journals, manifest
        or files beside the database (text index, summaries' sidecar)."""
        return self.path is not None and (self.path / "CURRENT").exists()

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for adapters: serve, export)."""
        return self._store

    # --- writing -------------------------------------------------------------------------------

    def _before_write(self) -> None:
        """Mark the saved manifest (durably) as no longer exact before the first write after it was saved."""
        self._dirty = True
        if not self._cache_valid:
            return
        p = self._manifest_cache_path()
        if p is not None and p.exists():
            try:
                if _ends_a_line(p):
                    _append(p, _DIRTY)
                else:  # cut off: a marker appended would complete the cut line
                    p.unlink()
            except OSError as exc:
                raise StoreError(f"marking {p} failed: {exc}", hint="check that the store folder is writable") from exc
            if self._manifest_lines is not None:
                self._manifest_lines += 1
        self._cache_valid = False

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one document graph (and add its shared quads) in a single transaction."""
        quads = list(quads)
        g = ox.NamedNode(graph)
        self._before_write()
        try:
            if not self._store.contains_named_graph(g):
                self._store.extend(quads)
            else:
                self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{\n{_sparql_quads(quads)}\n}}")
        except OSError as exc:
            raise StoreError(f"writing {graph} failed: {exc}") from exc
        self.publish(force=False)

    def add_documents(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None:
        """Add whole new documents (their quads, and the names of their graphs) through the bulk loader,
        `BULK_QUADS` at a time.

        The graph names are journalled in `pending` first, so a build killed during the load is
        repaired on the next open for writing.
        """

        def load(db: ox.Store) -> None:
            it = iter(quads)
            while chunk := list(islice(it, BULK_QUADS)):
                db.bulk_extend(chunk)

        self._bulk(load, graphs)

    def add_nquads(self, data: bytes, graphs: Iterable[str], *, lenient: bool = False, behind: bool = False) -> None:
        """`add_documents` for documents given as N-Quads bytes: the bulk loader reads them itself, without a
        Python object for each quad (a quarter less CPU for a build's batch of 200 documents). Keep a
        call to a few hundred documents, as the loader holds all of it. Blank node labels are not kept
        (each call gets new ones; kg writes none). `lenient` skips checking each IRI again: only for
        lines made from pyoxigraph's own terms (`kg.rdf.document_nquads`), as the build's writer does.

        `behind`: return at once and load in a thread (the loader does not hold Python's lock), so the
        caller can make the next batch meanwhile. Whatever next uses the database waits for the load
        first, and a load that failed raises its error there (`settle`). `has_graph` does not wait: it
        knows the graphs being loaded.
        """
        self._bulk(lambda db: db.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=lenient), graphs, behind=behind)

    def _bulk(self, load: Callable[[ox.Store], None], graphs: Iterable[str], *, behind: bool = False) -> None:
        graphs = list(graphs)
        self.settle()  # one load behind at a time
        pending = self.path / "pending" if self.path and not self.bare else None
        self._before_write()
        if pending is not None:
            try:
                _write_atomic(pending, "\n".join(_pending_graphs(pending) + graphs))  # with those of a load that failed, if the caller went on
            except OSError as exc:
                raise StoreError(f"writing documents failed: {exc}", hint="check that the store folder is writable") from exc
        if not behind:
            _load_pending(self, load, pending)
            self.publish(force=False)
            return
        self._behind = _Behind.start(self, load, pending, graphs)

    def settle(self) -> None:
        """Wait for a load running behind (`add_nquads`) to end; raise what it raised, else publish it."""
        behind = self._behind
        if behind is None:
            return
        behind.join()
        self._behind = None
        if behind.error is not None:
            raise behind.error
        self.publish(force=False)

    def change_graph(self, graph: str, lines: bytes, also: bytes = b"") -> None:
        """Make the graph `graph` hold the N-Quads `lines` (of that graph), and add the lines `also`
        (of other graphs: the shared one), in one transaction, writing only what changed: the quads
        the graph no longer has are deleted and the lines it does not have yet inserted. A graph that
        loses more than half of its quads is dropped and written whole.

        A document mapped again with few changes (`--force`, a new parser version: the build's time
        and the file's hash) so costs reading its graph back (about 3 ms at 100,000 documents, when
        cached) instead of writing all its quads again (20–45 ms). Lines are compared as pyoxigraph writes them; a
        quad written otherwise is deleted and inserted again, which leaves it as it was.

        >>> s, g = KgStore.memory(), "https://example.org/g"
        >>> line = '<https://example.org/s> <https://example.org/p> "{}" <https://example.org/g> .\\n'
        >>> s.change_graph(g, (line.format("kept") + line.format("old")).encode())
        >>> s.change_graph(g, (line.format("kept") + line.format("new")).encode())
        >>> sorted(q.object.value for q in s.quads(g))
        ['kept', 'new']
        """
        g = ox.NamedNode(graph)
        old = list(self._store.quads_for_pattern(None, None, None, g))
        held = ox.serialize(old, format=ox.RdfFormat.N_QUADS).splitlines() if old else []
        wanted = lines.splitlines()
        keep = set(wanted)
        stale = [q for q, line in zip(old, held, strict=True) if line not in keep]
        whole = 2 * len(stale) > len(old)
        have = set() if whole else set(held)
        new = b"".join(line + b"\n" for line in wanted if line and line not in have) + also
        ops = [f"DROP SILENT GRAPH {g}"] if whole else []
        if stale and not whole:
            ops.append("DELETE DATA {\n" + _sparql_quads(stale) + "\n}")
        if new.strip():
            ops.append("INSERT DATA {\n" + _sparql_quads(ox.parse(new, format=ox.RdfFormat.N_QUADS)) + "\n}")
        self._transact(ops, graph)

    def _transact(self, ops: list[str], graph: str) -> None:
        """Run the SPARQL update operations `ops` (on `graph`) as one transaction, then publish; nothing when there are none."""
        if not ops:
            return
        self._before_write()
        try:
            self._store.update(" ;\n".join(ops))
        except OSError as exc:
            raise StoreError(f"writing {graph} failed: {exc}") from exc
        self.publish(force=False)

    def has_graph(self, graph: str) -> bool:
        """Whether the store has `graph` (or is loading it: this does not wait for a load running behind)."""
        behind = self._behind
        return (behind is not None and graph in behind.graphs) or self._db.contains_named_graph(ox.NamedNode(graph))

    def graph_size(self, graph: str) -> int:
        """The number of quads in `graph` (counted by the store, not read into Python)."""
        for (n,) in self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
            return int(n.value)
        return 0

    def remove_graph(self, graph: str) -> None:
        """Remove one document's graph (the shared graph is kept)."""
        self._before_write()
        try:
            self._store.update(f"DROP SILENT GRAPH <{graph}>")
        except OSError as exc:
            raise StoreError(f"removing {graph} failed: {exc}") from exc

    def remove_graph_in_steps(self, graph: str) -> None:
        """Remove a large graph `REMOVE_STEP` quads a transaction, then its name (all 600k quads of a
        derived graph in one transaction held 800 MB at 100k documents). Not atomic: for the derived
        graphs, which a build that was stopped derives again (see `derive_pending`)."""
        g = f"<{graph}>"
        step = f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} LIMIT {REMOVE_STEP} }} }}"
        self._before_write()
        try:
            for _ in range(self.graph_size(graph) // REMOVE_STEP):
                self._store.update(step)
                self.flush()  # else the removals pile up in memory (+1.2 GB for 1.7M quads)
            self._store.update(f"DROP SILENT GRAPH {g}")  # what is left, and the name
        except OSError as exc:
            raise StoreError(f"removing {graph} failed: {exc}") from exc

    def load_graph(self, data: bytes, fmt: ox.RdfFormat, graph: str) -> None:
        self._before_write()
        self._store.load(data, format=fmt, to_graph=ox.NamedNode(graph))

    def flush(self) -> None:
        """Wait for a load running behind; write what is in memory to disk (a store on disk)."""
        self.settle()
        if not self.read_only and self.path is not None:
            self._store.flush()

    def db_bytes(self) -> int:
        """The size of the database's files on disk (0 in memory)."""
        if self.path is None:
            return 0
        folder = self.path if self.bare else self.path / "db"
        total = 0
        for f in folder.glob("*"):
            with contextlib.suppress(OSError):  # replaced by a compaction meanwhile
                total += f.stat().st_size if f.is_file() else 0
        return total

    def optimize(self) -> None:
        """Compact the store on disk now (RocksDB merges what the loads left in many files), so that
        later writers do not pay for it: a build of one document right after a large load otherwise
        waits for those merges, up to 17 s at 100k documents. The content does not change; a store
        in memory has nothing to compact. About 5 s for 10,000 documents, 100 s for 100,000.

        While it runs the old files stay beside the new ones; then a snapshot of the compacted store
        is published and the older snapshots no reader holds are retired, so that their links to the
        old files go too."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only", hint="open the store for writing to optimize it")
        if self.path is None:
            return
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"optimizing {self.path} failed: {exc}", hint="check the free disk space: compacting rewrites the store's files") from exc
        self.publish(keep=1)

    def replace_subjects(self, graph: str, subjects: Iterable[str], quads: Iterable[ox.Quad]) -> None:
        """Drop what `graph` says about `subjects` and add `quads`, in a single transaction."""
        g = ox.NamedNode(graph)
        drop = " ".join(str(ox.NamedNode(s)) for s in sorted(set(subjects)))
        body = _sparql_quads(quads)
        ops = [f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {drop} }} GRAPH {g} {{ ?s ?p ?o }} }}"] if drop else []
        ops += [f"INSERT DATA {{\n{body}\n}}"] if body else []
        self._transact(ops, graph)

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE as one transaction (for derived graphs; documents go through `replace_graph`)."""
        self._before_write()
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except OSError as exc:
            raise StoreError(f"updating the store failed: {exc}") from exc
        self.publish(force=False)

    def derive_pending(self) -> bool:
        """True while documents were changed after the derived graphs were last computed (a build was killed)."""
        return self.path is not None and (self.path / "underived").exists()

    def set_derive_pending(self, pending: bool) -> bool:
        """Journal (durably) that documents are about to change, or that the derived graphs follow them again.

        False when this store cannot keep the journal (a bare database folder, read-only).
        """
        if self.path is None:
            return True  # in memory: nothing outlives a crash
        if self.read_only or self.bare:
            return False
        marker = self.path / "underived"
        try:
            if pending:
                _write_atomic(marker, "documents changed after the derived graphs were computed\n")
            else:
                self._store.flush()
                marker.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"writing {marker} failed: {exc}") from exc
        return True

    # --- the file-stat hint --------------------------------------------------------------------

    def _filestat_path(self) -> Path | None:
        if self.path is None or self.bare:
            return None
        return self.path / FILESTAT

    def file_stats(self) -> dict[str, FileStat]:
        """The file stats saved by the last builds (empty for a memory store, or when missing or unreadable).

        `filestat.tsv` is a journal: size, modification time, hash and file per line, a later line
        replacing an earlier one of the same file, `-` forgetting it. A damaged line is passed over:
        the stat in a line only ever lets a file go unread when it is the file's stat now.
        """
        p = self._filestat_path()
        self._filestat_lines = None
        out: dict[str, FileStat] = {}
        try:
            text = _read_lines(p) if p is not None else ""
        except (OSError, UnicodeError):
            return out
        text, whole = _whole_lines(text)
        for size, mtime, sha, src in _FILESTAT_LINE.findall(text):
            if size:
                out[src] = FileStat(int(size), int(mtime), sha)
            else:
                out.pop(src, None)
        if whole:  # else the next save rewrites it: a cut-off line must not be completed by an append
            self._filestat_lines = text.count("\n")
        return out

    def save_file_stats(self, stats: dict[str, FileStat], changed: Iterable[str] | None = None) -> None:
        """Save the file stats `stats` (a no-op for a memory store or a bare database). With `changed`,
        the files whose stats differ from those `file_stats` gave, only those are appended, unless the
        journal has grown too long; else it is rewritten (atomically)."""
        p = self._filestat_path()
        if p is None or self.read_only:
            return

        def line(src: str) -> str:
            s = stats.get(src)
            return f"{s.size}\t{s.mtime_ns}\t{s.sha256}\t{src}\n" if s is not None else f"-\t{src}\n"

        try:
            self._filestat_lines = _save_journal(p, stats, line, changed, self._filestat_lines)
        except OSError as exc:
            raise StoreError(f"writing {p} failed: {exc}") from exc

    def _manifest_cache_path(self) -> Path | None:
        if self.path is None or self.read_only or self.bare:
            return None
        return self.path / MANIFEST_CACHE

    def _saved_manifest(self) -> dict[str, ManifestEntry] | None:
        """The manifest `manifest.tsv` holds, when it is exact: a journal of entries (a later one of a
        file replacing an earlier one, `-` dropping it) ending in a state that is not `# dirty`."""
        p = self._manifest_cache_path()
        if p is None or not self._cache_valid:
            return None
        try:
            text = _read_lines(p)
        except (OSError, UnicodeError):
            return None
        text, whole = _whole_lines(text)
        if not whole or not text.startswith(_MANIFEST_HEADER):
            return None
        out: dict[str, ManifestEntry] = {}
        clean, lines = True, 1
        for sha, graph, drop, src, marker, damaged in _MANIFEST_LINE.findall(text, len(_MANIFEST_HEADER), len(text) - 1):
            lines += 1
            if sha:
                out[src] = ManifestEntry(src, sha, graph)
            elif drop:
                out.pop(src, None)
            elif marker:
                clean = marker == "clean"
            elif damaged:
                return None  # read the graphs instead
        if not clean:
            return None
        self._manifest_lines = lines
        return out

    def has_saved_manifest(self) -> bool:
        """True while the manifest saved by the last build stands (nothing was written after it)."""
        if self._manifest_cache_path() is None or not self._cache_valid:
            return False
        if self._manifest_lines is not None:
            return True
        found = self._saved_manifest() is not None
        self._manifest_lines = None  # a later save appends only to a manifest this store gave
        return found

    def save_manifest(self, manifest: dict[str, ManifestEntry], changed: Iterable[str] | None = None) -> None:
        """Save the manifest as it now is (the caller vouches that it is exact), so that the next
        build need not read it from the graphs; the next write marks it as no longer exact. With
        `changed`, the files whose entries differ from the manifest this store gave (`manifest`),
        only those are appended when that was read from the saved one (and the journal is not too long)."""
        p = self._manifest_cache_path()
        if p is None:
            return
        if any(not _in_a_line(src) or "\t" in e.graph for src, e in manifest.items()):
            with contextlib.suppress(OSError):  # it cannot say this manifest (and would only gather '# dirty' lines)
                p.unlink(missing_ok=True)
            self._manifest_lines = None
            return
        self.flush()

        def line(src: str) -> str:
            e = manifest.get(src)
            return f"{e.sha256}\t{e.graph}\t{src}\n" if e is not None else f"-\t\t{src}\n"

        try:
            self._manifest_lines = _save_journal(p, manifest, line, changed, self._manifest_lines, _MANIFEST_HEADER, _CLEAN)
        except OSError as exc:
            raise StoreError(f"writing {p} failed: {exc}") from exc
        self._cache_valid = True

    # --- reading -------------------------------------------------------------------------------

    def manifest(self, *, from_graphs: bool = False) -> dict[str, ManifestEntry]:
        """What was built, by source file, read from each document graph's provenance (or, unless
        `from_graphs`, from the manifest the last build saved, while nothing was written after it)."""
        self._manifest_lines = None  # known again when read from manifest.tsv
        saved = None if from_graphs else self._saved_manifest()
        if saved is not None:
            return saved
        return manifest_of(self._store.query(MANIFEST_QUERY, prefixes=PREFIXES))

    def document_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(DOC_GRAPH_PREFIX))

    def count_documents(self) -> int:
        return len(self.document_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, g)

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None, *, union: bool = True) -> Any:
        """Run a SPARQL query; `bindings` are bound as RDF terms (see `with_values`), never spliced as text.

        Without GRAPH clauses the query sees the union of all graphs (`union=True`).
        """
        try:
            return self._store.query(with_values(sparql, bindings or {}), prefixes=PREFIXES, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}", hint="check the query syntax") from exc
        except OSError as exc:
            raise StoreError(f"reading the store failed: {exc}") from exc
        except RuntimeError as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def dump(self, fmt: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        if graph is not None:
            return self._store.dump(format=fmt, from_graph=ox.NamedNode(graph))
        return self._store.dump(format=fmt)

    def shared_graph(self) -> ox.NamedNode:
        return term(SHARED_GRAPH)
