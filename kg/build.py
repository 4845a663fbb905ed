"""Build: files, folders and globs → parsed documents → quads → the store, file by file.

A failing file is reported and skipped (nothing of it reaches the store); `strict=True` stops at
the first failure. Files whose content is unchanged since the last build are skipped (their hash
is in the store's manifest); `prune=True` removes the graphs of files that are gone.

>>> import tempfile, pathlib
>>> from kg.readers.layout import SAMPLE
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text(SAMPLE)
>>> report = build([d], KgStore.memory())
>>> report.built, report.failed
(1, 0)
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import iris
from kg.errors import KgError, ParseError, UsageError
from kg.model import Document
from kg.pipeline import parse_bytes
from kg.rdf import document_quads
from kg.store import KgStore

__all__ = ["BuildReport", "FileResult", "build", "expand_paths"]

SKIP_SUFFIXES = {".md", ".tsv", ".gitignore", ".rq", ".ttl", ".py", ".ipynb", ".png", ".svg", ".html", ".css", ".js"}


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: built, unchanged (skipped), failed, with the reader and a message."""

    path: str
    status: str  # built | unchanged | failed
    message: str = ""
    reader: str | None = None
    quads: int = 0
    doc_id: str | None = None


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
    """Files from files, folders (recursively) and glob patterns, sorted, without duplicates."""
    out: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))] if any(c in str(raw) for c in "*?[") else [p]
        if not matches:
            raise UsageError(f"no file matches {raw}")
        for m in matches:
            if m.is_dir():
                for f in sorted(m.rglob("*")):
                    if f.is_file() and not _ignored(f):
                        out.setdefault(str(f), f)
            elif m.is_file():
                out.setdefault(str(m), m)
            else:
                raise UsageError(f"{m} does not exist", hint="give files, folders or glob patterns")
    return list(out.values())


def _ignored(f: Path) -> bool:
    return f.name.startswith(".") or f.suffix.lower() in SKIP_SUFFIXES or any(part.startswith(".") for part in f.parts[:-1] if part not in (".", ".."))


def _parse(path: Path, data: bytes) -> Document:
    return parse_bytes(data, str(path))


def build(
    paths: Iterable[str | Path],
    store: KgStore,
    *,
    strict: bool = False,
    force: bool = False,
    prune: bool = False,
    now: Callable[[], dt.datetime] | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> BuildReport:
    """Parse every file and replace its document graph in the store.

    Raises the file's `ParseError` when `strict` and a file fails; otherwise failures are in the report.
    """
    files = expand_paths(paths)
    manifest = store.manifest()
    clock = now or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    report = BuildReport()
    seen_graphs: dict[str, str] = {}
    for path, result in _build_files(files, store, manifest, force, clock, seen_graphs):
        report.results.append(result)
        if progress:
            progress(result)
        if strict and result.status == "failed":
            raise ParseError(result.message, source=str(path))
    if prune:
        present = {str(f) for f in files}
        for src, entry in manifest.items():
            if src and src not in present and entry.graph not in seen_graphs:
                store.remove_graph(entry.graph)
                report.pruned += 1
    store.flush()
    return report


def _build_files(
    files: list[Path],
    store: KgStore,
    manifest: dict,
    force: bool,
    clock: Callable[[], dt.datetime],
    seen_graphs: dict[str, str],
) -> Iterator[tuple[Path, FileResult]]:
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield path, FileResult(str(path), "failed", f"{path}: cannot read: {exc.strerror}")
            continue
        sha = hashlib.sha256(data).hexdigest()
        old = manifest.get(str(path))
        if old is not None and old.sha256 == sha and not force:
            seen_graphs[old.graph] = str(path)
            yield path, FileResult(str(path), "unchanged")
            continue
        try:
            doc = _parse(path, data)
            quads = document_quads(doc, built_at=clock())
        except KgError as exc:
            yield path, FileResult(str(path), "failed", str(exc.with_source(str(path))))
            continue
        except Exception as exc:  # a bug must not stop the batch; report it as this file's failure
            yield path, FileResult(str(path), "failed", f"{path}: internal error while parsing ({type(exc).__name__}: {exc}); please report it")
            continue
        graph = iris.graph_iri(doc)
        if old is not None and old.graph != graph:
            store.remove_graph(old.graph)
        store.replace_graph(graph, quads)
        message = f"same publication as {seen_graphs[graph]}; its graph was replaced" if graph in seen_graphs else ""
        seen_graphs[graph] = str(path)
        yield path, FileResult(str(path), "built", message, doc.reader, len(quads), doc.id)
