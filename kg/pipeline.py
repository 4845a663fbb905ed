"""The parse stage as one call: read an input, then extract what it names (and link when data is loaded).

>>> from kg.readers.layout import SAMPLE
>>> parse_text(SAMPLE).kind.value
'answer'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.checks import with_warnings
from kg.link import RefIndex, link, load_index
from kg.model import Document
from kg.readers import read_bytes, read_file
from kg.readers.layout import parse_text as _parse_layout

__all__ = ["enrich", "parse_bytes", "parse_file", "parse_text"]


@lru_cache(maxsize=4)
def _index(refdata: str | None) -> RefIndex | None:
    """The linking index (explicit folder, $KG_REFDATA or the user's data folder), loaded once per process."""
    return load_index(refdata)


def enrich(doc: Document, refdata: str | Path | None = None) -> Document:
    """Run the stages after reading: consistency warnings, entity extraction, linking.

    Linking uses the reference index at `refdata` (else $KG_REFDATA, else the user's data folder)
    when there is one, and the small built-in table of facts otherwise.
    """
    doc = with_warnings(doc)
    try:
        from kg.extract import extract
    except ImportError:  # pragma: no cover - extract stage not installed
        pass
    else:
        doc = extract(doc)
    return link(doc, _index(str(refdata) if refdata else None))


def parse_file(path: str | Path, fmt: str | None = None, refdata: str | Path | None = None) -> Document:
    """Read and enrich one file; raises `kg.errors.ParseError` when it is not usable."""
    return enrich(read_file(path, fmt), refdata)


def parse_bytes(data: bytes, source: str | None = None, fmt: str | None = None, refdata: str | Path | None = None) -> Document:
    """Read and enrich one input given as bytes."""
    return enrich(read_bytes(data, source, fmt), refdata)


def parse_text(text: str, source: str | None = None, refdata: str | Path | None = None) -> Document:
    """Read and enrich a text in the Aanhangsel layout."""
    return enrich(_parse_layout(text, source=source), refdata)
