"""The parse stage as one call: read an input, then extract what it names (and link when data is loaded).

>>> from kg.readers.layout import SAMPLE
>>> parse_text(SAMPLE).kind.value
'answer'
"""

from __future__ import annotations

from pathlib import Path

from kg.checks import with_warnings
from kg.model import Document
from kg.readers import read_bytes, read_file
from kg.readers.layout import parse_text as _parse_layout

__all__ = ["enrich", "parse_bytes", "parse_file", "parse_text"]


def enrich(doc: Document) -> Document:
    """Run the stages after reading: consistency warnings, entity extraction (and linking, once available)."""
    doc = with_warnings(doc)
    try:
        from kg.extract import extract
    except ImportError:  # pragma: no cover - extract stage not installed
        return doc
    return extract(doc)


def parse_file(path: str | Path, fmt: str | None = None) -> Document:
    """Read and enrich one file; raises `kg.errors.ParseError` when it is not usable."""
    return enrich(read_file(path, fmt))


def parse_bytes(data: bytes, source: str | None = None, fmt: str | None = None) -> Document:
    """Read and enrich one input given as bytes."""
    return enrich(read_bytes(data, source, fmt))


def parse_text(text: str, source: str | None = None) -> Document:
    """Read and enrich a text in the Aanhangsel layout."""
    return enrich(_parse_layout(text, source=source))
