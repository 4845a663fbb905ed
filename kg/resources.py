"""Where the project's own files live: the ontology, the shapes and the named queries.

>>> ontology_path("kg.ttl").name
'kg.ttl'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "ontology_path", "queries_dir"]

ROOT = Path(__file__).resolve().parent.parent


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def ontology_path(name: str) -> Path:
    """A file of `ontology/` (the checkout's copy, else the one shipped in the package)."""
    return _first(ROOT / "ontology" / name, Path(__file__).parent / "data" / "ontology" / name)


def queries_dir() -> Path:
    """The named-query library (`queries/*.rq`)."""
    return _first(ROOT / "queries", Path(__file__).parent / "data" / "queries")
