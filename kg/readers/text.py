"""Reader for plain-text inputs in the Aanhangsel layout (pdftotext, PDF extracts, Word text).

>>> from kg.readers.layout import SAMPLE
>>> read(SAMPLE.encode(), "sample.txt").askers[1].name
'Rebel'
"""

from __future__ import annotations

from kg.model import Document
from kg.readers import decode
from kg.readers.layout import parse_text

__all__ = ["read"]


def read(data: bytes, source: str | None = None) -> Document:
    """Decode the bytes and parse them as Aanhangsel text."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return parse_text(text, source=source, reader="text")
