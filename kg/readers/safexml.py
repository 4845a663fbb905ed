"""Safe XML parsing for every reader: no DTDs, no entities, no network, no local files.

XML from outside is parsed with `defusedxml` with DTDs forbidden, so a `<!DOCTYPE …>` (the carrier of
external entities, XXE, and of entity bombs, "billion laughs") is refused with a `ReaderError` before
anything is expanded or fetched. Parse errors become `ReaderError` naming the line and column.

>>> root = parse(b"<a xmlns='urn:x'><b>tekst</b></a>")
>>> local(root.tag), text_of(root)
('a', 'tekst')
>>> parse(b"<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>")
Traceback (most recent call last):
...
kg.errors.ReaderError: unreadable: the XML has a DOCTYPE declaration, which kg refuses (a DTD can read local files or expand entity bombs) (remove the <!DOCTYPE …> declaration; officielebekendmakingen and Tweede Kamer XML do not need one)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as DET

from kg.errors import ReaderError

__all__ = ["attr", "children", "first", "iter_local", "local", "namespace", "parse", "raw_text", "text_of"]

_DOCTYPE_HINT = "remove the <!DOCTYPE …> declaration; officielebekendmakingen and Tweede Kamer XML do not need one"


def parse(data: bytes, source: str | None = None) -> Element:
    """The root element of `data`, parsed without DTD, entity expansion or external access.

    Raises `ReaderError` for a DOCTYPE, an entity declaration, an external reference or broken XML.
    """
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden as exc:
        raise ReaderError(
            "the XML has a DOCTYPE declaration, which kg refuses (a DTD can read local files or expand entity bombs)",
            source=source,
            hint=_DOCTYPE_HINT,
        ) from exc
    except defusedxml.EntitiesForbidden as exc:
        raise ReaderError(
            "the XML declares entities, which kg refuses (entity bombs, XXE)", source=source, hint=_DOCTYPE_HINT
        ) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ReaderError(
            "the XML refers to an external resource, which kg never fetches", source=source, hint=_DOCTYPE_HINT
        ) from exc
    except defusedxml.DefusedXmlException as exc:  # pragma: no cover - other defusedxml refusals
        raise ReaderError(f"unsafe XML refused: {exc}", source=source) from exc
    except ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        raise ReaderError(
            f"malformed XML at line {line}, column {col}: {_expat_message(exc)}",
            source=source,
            line=line,
            hint="the file is truncated or not well-formed XML",
        ) from exc
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        raise ReaderError(f"cannot parse the XML: {type(exc).__name__}: {exc}", source=source) from exc


def _expat_message(exc: ParseError) -> str:
    return re.sub(r":\s*line \d+, column \d+$", "", str(exc))


def local(tag: str | object) -> str:
    """The local name of a tag ('{ns}zaak' → 'zaak'); comments and PIs give ''.

    >>> local("{http://www.tweedekamer.nl/xsd/tkData/v1-0}zaak")
    'zaak'
    """
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str | object) -> str:
    """The namespace URI of a tag ('' when none).

    >>> namespace("{urn:x}a"), namespace("a")
    ('urn:x', '')
    """
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


def attr(el: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace ('tk:verwijderd' and 'verwijderd')."""
    if name in el.attrib:
        return el.attrib[name]
    for key, value in el.attrib.items():
        if local(key) == name:
            return value
    return None


def children(el: Element, *names: str) -> list[Element]:
    """Direct children with one of the local names (all element children when no names are given)."""
    return [c for c in el if isinstance(c.tag, str) and (not names or local(c.tag) in names)]


def first(el: Element, *names: str) -> Element | None:
    """The first direct child with one of the local names."""
    found = children(el, *names)
    return found[0] if found else None


def iter_local(el: Element, *names: str) -> Iterator[Element]:
    """All descendants (and `el` itself) with one of the local names, in document order."""
    for e in el.iter():
        if isinstance(e.tag, str) and local(e.tag) in names:
            yield e


def text_of(el: Element | None, skip: frozenset[str] = frozenset()) -> str:
    """The text content of `el` with whitespace collapsed, leaving out subtrees named in `skip`.

    >>> text_of(parse(b"<al>Kent u <noot><noot.nr>1</noot.nr></noot>het  bericht?</al>"), frozenset({"noot"}))
    'Kent u het bericht?'
    """
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, skip, parts)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def raw_text(el: Element | None, skip: frozenset[str] = frozenset()) -> str:
    """Like `text_of` but with the whitespace kept as it is (for joining inline pieces)."""
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, skip, parts)
    return "".join(parts)


def _collect(el: Element, skip: frozenset[str], parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and local(child.tag) not in skip:
            _collect(child, skip, parts)
        if child.tail:
            parts.append(child.tail)
