"""Readers: bytes of one input file → `Document`. One module per input format, chosen by content.

>>> sniff(b"%PDF-1.7 ...")
'pdf'
>>> sniff("Vragen van het lid Podt (D66) aan de Minister …".encode())
'text'
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError, NotAWrittenQuestion, UnsupportedFormat
from kg.model import Document

__all__ = ["MAX_BYTES", "READERS", "decode", "read_bytes", "read_file", "read_limited", "sniff"]

Reader = Callable[[bytes, str | None], Document]

# format name → "module:function"; modules are imported on first use (PDF/Word libraries are heavy)
READERS: dict[str, str] = {
    "text": "kg.readers.text:read",
    "ocr": "kg.readers.ocr:read",
    "pdf": "kg.readers.pdf:read",
    "docx": "kg.readers.docx:read",
    "xml": "kg.readers.xml:read",
    "html": "kg.readers.xml:read_html",
    "odata": "kg.readers.odata:read",
    "xmlzip": "kg.readers.xml:read_zip",
}

MAX_BYTES = 64 * 1024 * 1024


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    >>> decode("één".encode("utf-16"))
    'één'
    >>> decode("caf\\xe9".encode("cp1252"))
    'café'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head[:4096]:
        return True
    sample = head[:4096]
    control = len(sample) - len(sample.translate(None, _CONTROL))  # bytes < 9 or 13 < b < 32
    return bool(sample) and control / len(sample) > 0.05


_CONTROL = bytes([*range(9), *range(14, 32)])


def sniff(data: bytes) -> str:
    """Name the reader for these bytes by their content, not their file name."""
    head = data[:8192]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "xmlzip" if _is_xml_bundle(data) else "docx"
    if _looks_binary(head):
        raise UnsupportedFormat("binary data that is not a PDF or Word file", hint="give a PDF, .docx, text, XML or JSON file")
    text = decode(head).lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return "odata"
    if text.startswith("<"):
        low = text[:2000].lower()
        if "<html" in low or "<!doctype html" in low:
            return "html"
        return "xml"
    if _looks_ocr(decode(data[:65536])):
        return "ocr"
    return "text"


def _is_xml_bundle(data: bytes) -> bool:
    """A zip of officielebekendmakingen files (publication XML/HTML with its metadata.xml), not Word."""
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # any damage (bad zip, unsupported version, truncation): the Word reader reports it
        return False
    if "word/document.xml" in names or "[Content_Types].xml" in names:
        return False
    return any(n.lower().endswith((".xml", ".html", ".htm")) for n in names)


def _looks_ocr(text: str) -> bool:
    """The 1917–1995 Staten-Generaal Digitaal OCR layout (see `kg.readers.ocr.looks_like_ocr`)."""
    from kg.readers.ocr import looks_like_ocr  # imported here: the OCR reader imports this package

    return looks_like_ocr(text)


def _reader(fmt: str) -> Reader:
    module, _, func = READERS[fmt].partition(":")
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("kg."):
            raise UnsupportedFormat(f"no {fmt} reader in this version of kg") from exc
        raise
    return getattr(mod, func)


def read_bytes(data: bytes, source: str | None = None, fmt: str | None = None) -> Document:
    """Parse one input given as bytes; `fmt` forces a reader, otherwise the content decides.

    Raises a `kg.errors.ParseError` subclass naming `source` when the input is not usable.
    """
    try:
        if not data.strip():
            raise NotAWrittenQuestion("the file is empty")
        if len(data) > MAX_BYTES:
            raise UnsupportedFormat(f"{len(data) // 2**20} MB is larger than the {MAX_BYTES // 2**20} MB a written-question document can be")
        fmt = fmt or sniff(data)
        doc = _reader(fmt)(data, source)
    except KgError as exc:
        if source:
            exc.with_source(source)
        raise
    return doc.replace(sha256=hashlib.sha256(data).hexdigest(), source=source if doc.source is None else doc.source)


def read_limited(p: Path) -> bytes:
    """The bytes of a file, refusing one larger than `MAX_BYTES` before reading it."""
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UnsupportedFormat(
                f"{size / 2**20:.0f} MB is larger than the {MAX_BYTES // 2**20} MB a written-question document can be",
                source=str(p),
                hint="is this a bundle of many documents? split it, or give the documents one by one",
            )
        return p.read_bytes()
    except OSError as exc:
        raise UnsupportedFormat(f"cannot read the file: {exc.strerror}", source=str(p)) from exc


def read_file(path: str | Path, fmt: str | None = None) -> Document:
    """Parse one file (see `read_bytes`).

    A publication XML with a `metadata.xml` beside it (the officielebekendmakingen download) is
    read together with it; the metadata's values take precedence over the text.
    """
    p = Path(path)
    data = read_limited(p)
    meta = _companion_metadata(p, data, fmt)
    if meta is not None:
        from kg.readers.xml import read_publication

        try:
            doc = read_publication(data, meta, str(p))
        except KgError as exc:
            exc.with_source(str(p))
            raise
        return doc.replace(sha256=hashlib.sha256(data + meta).hexdigest(), source=str(p))
    return read_bytes(data, str(p), fmt)


def _companion_metadata(p: Path, data: bytes, fmt: str | None) -> bytes | None:
    sibling = p.parent / "metadata.xml"
    if fmt not in (None, "xml") or p.name.lower() == "metadata.xml" or not sibling.is_file():
        return None
    try:
        if sniff(data) != "xml":
            return None
        return sibling.read_bytes()
    except KgError:
        return None
    except OSError as exc:
        raise UnsupportedFormat(f"cannot read {sibling.name}: {exc.strerror}", source=str(p)) from exc
