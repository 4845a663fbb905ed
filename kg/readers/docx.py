"""Reader for Word files (.docx, a zip of XML parts) → `Document`.

Two Word layouts reach the same record:

* the Tweede Kamer's own Word version of a publication ("AH 604", "2024Z18294", "Antwoord van
  minister …", "Vraag 1", "Antwoord op vraag 1"): its paragraphs, one per line, go to
  `kg.readers.layout.parse_text` unchanged;
* a ministry's answer letter: a cover letter (letterhead "Datum", "Onderwerp"/"Betreft", "In antwoord
  op uw brief van 5 juli 2024, nr. 2024Z11859", a signature) and an annex "Vraag N / Antwoord op vraag
  N". The annex goes to `parse_text` (each Word paragraph a paragraph); the header facts come from the
  letter: `date_submitted` is the date of the Kamer's letter, `date_answered` the letter's own date.

Only what Word displays is read: field results, never field instructions (DOCPROPERTY, MERGEFORMAT);
the chosen branch of alternate content (no text box twice); list labels as numbered. Word footnotes
(word/footnotes.xml) become footnotes, with the targets of their hyperlinks. The XML is parsed with
defusedxml and any DTD is refused, so an entity bomb or external entity raises `ReaderError`.

>>> signature_name("D.M. van Weel")
'Van Weel'
>>> [n.number for n in split_note_paragraph("[2] https://a.nl/x [3] https://b.nl/y")]
[2, 3]
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, TypeVar
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as _safe_fromstring

from kg.errors import KgError, NotAWrittenQuestion, ReaderError
from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Office, Official, Question, Span
from kg.readers import grammar
from kg.readers.layout import parse_text
from kg.readers.textutil import find_urls

__all__ = ["Para", "as_heading", "field_value", "fix_offices", "format_number", "parse_xml", "read", "signature_name",
           "split_note_paragraph"]

MAX_PART = 32 * 2**20  # bytes of one unpacked XML part
MAX_DEPTH = 200  # nesting of tables, text boxes and content controls
MAX_FIELDS = 64  # nested Word fields
MAX_HEADERS = 12  # header parts read for letterhead fields

_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m",
    "http://schemas.openxmlformats.org/package/2006/relationships": "pr",
}
_TAGS: dict[str, str] = {}


def _tag(el: Element) -> str:
    """'w:p' for a WordprocessingML paragraph (transitional or strict namespace), '' for others."""
    t = el.tag
    if not isinstance(t, str):
        return ""
    name = _TAGS.get(t)
    if name is None:
        ns, _, local = t[1:].partition("}") if t.startswith("{") else ("", "", t)
        prefix = _NS.get(ns)
        name = f"{prefix}:{local}" if prefix else f"?:{local}"
        _TAGS[t] = name
    return name


def _attr(el: Element, name: str) -> str | None:
    """An attribute by local name in the w: or r: namespace ('val', 'id', 'type' …)."""
    for key, value in el.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


# --- the package: zip, parts, relationships ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rel:
    type: str  # last segment of the relationship type: "hyperlink", "footnotes", "header" …
    target: str  # part name inside the zip, or the external URL
    external: bool


class _Package:
    """The zip archive of a .docx with safe access to its XML parts."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos = {i.filename: i for i in self.zip.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, ValueError, EOFError,
                struct.error, zlib.error) as exc:
            raise ReaderError(
                f"not a readable zip archive ({exc}); a .docx file is a zip of XML parts",
                hint="the file is truncated or corrupt: save it again from Word",
            ) from exc

    def raw(self, name: str) -> bytes | None:
        info = self.infos.get(name)
        if info is None:
            return None
        if info.file_size > MAX_PART:
            raise ReaderError(f"part {name} unpacks to {info.file_size} bytes, more than a Word document holds")
        try:
            with self.zip.open(info) as fh:
                data = fh.read(MAX_PART + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, OSError, ValueError, struct.error) as exc:
            raise ReaderError(f"cannot unpack part {name}: {exc}", hint="the .docx is corrupt or encrypted") from exc
        if len(data) > MAX_PART:
            raise ReaderError(f"part {name} unpacks to more than {MAX_PART} bytes (a zip bomb?)")
        return data

    def xml(self, name: str) -> Element | None:
        data = self.raw(name)
        return None if data is None else parse_xml(data, name)

    def rels(self, part: str) -> dict[str, _Rel]:
        """The relationships of a part ('word/document.xml' → word/_rels/document.xml.rels)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, _Rel] = {}
        if root is None:
            return out
        for rel in root:
            rid, rtype, target = rel.get("Id"), rel.get("Type") or "", rel.get("Target") or ""
            if not rid:
                continue
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rid] = _Rel(rtype.rsplit("/", 1)[-1], target, external)
        return out

    def main_part(self) -> str:
        """The name of the main document part (normally word/document.xml)."""
        for rel in self.rels("").values():
            if rel.type == "officeDocument" and not rel.external and rel.target in self.infos:
                return rel.target
        if "word/document.xml" in self.infos:
            return "word/document.xml"
        names = sorted(self.infos)[:5]
        raise ReaderError(
            f"a zip archive without word/document.xml is not a Word document (it holds {', '.join(names) or 'nothing'})",
            hint="give a .docx file saved by Word or LibreOffice",
        )


def parse_xml(data: bytes, name: str = "part") -> Element:
    """Parse one XML part safely: no DTD, no entities, no external references."""
    try:
        return _safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ReaderError(f"{name} declares a DTD or entities ({type(exc).__name__}); refused, Word never writes them",
                          hint="the file is not a genuine Word document") from exc
    except (XMLParseError, ValueError, LookupError) as exc:
        raise ReaderError(f"{name} is not well-formed XML: {exc}", hint="the .docx is corrupt") from exc


# --- paragraphs: what Word displays ---------------------------------------------------------------


@dataclass(slots=True)
class Para:
    """One displayed paragraph: text (list label first), hyperlinks and note references by offset."""

    text: str
    style: str = ""
    label: str = ""
    links: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, "footnote"/"endnote", id)


@dataclass(slots=True)
class _Field:
    instr: str = ""
    result: bool = False
    link_start: int | None = None
    buf: _Buf | None = None


class _Buf:
    """Text of the paragraph being read, with what sits at which offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.links: list[tuple[int, int, str]] = []
        self.notes: list[tuple[int, str, str]] = []
        self.boxes: list[Element] = []

    def add(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.size += len(s)

    def text(self) -> str:
        return "".join(self.parts)


_HYPERLINK_INSTR = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.I)
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")
_INLINE_CONTAINERS = {"w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:sdt", "w:sdtContent", "w:bdo", "w:dir"}
_BLOCK_CONTAINERS = {"w:body", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo",
                     "w:txbxContent", "w:hdr", "w:ftr", "w:footnote", "w:endnote"}


def _choice(el: Element) -> Element | None:
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback (never both)."""
    for c in el:
        if _tag(c) == "mc:Choice":
            return c
    for c in el:
        if _tag(c) == "mc:Fallback":
            return c
    return None


class _Walker:
    """Reads the paragraphs of one part in display order, keeping Word's field state across paragraphs."""

    def __init__(self, rels: dict[str, _Rel], numbering: _Numbering):
        self.rels = rels
        self.numbering = numbering
        self.fields: list[_Field] = []
        self.out: list[Para] = []

    def blocks(self, el: Element, depth: int = 0) -> list[Para]:
        if depth > MAX_DEPTH:
            raise ReaderError(f"content nested more than {MAX_DEPTH} levels deep")
        for child in el:
            t = _tag(child)
            if t == "w:p":
                self.paragraph(child, depth)
            elif t in _BLOCK_CONTAINERS:
                self.blocks(child, depth + 1)
            elif t == "mc:AlternateContent" and (branch := _choice(child)) is not None:
                self.blocks(branch, depth + 1)
        return self.out

    def paragraph(self, p: Element, depth: int) -> None:
        buf = _Buf()
        ppr = next((c for c in p if _tag(c) == "w:pPr"), None)
        style = ""
        if ppr is not None:
            st = next((c for c in ppr if _tag(c) == "w:pStyle"), None)
            style = (_attr(st, "val") or "") if st is not None else ""
        label = self.numbering.label(ppr, style)
        if label:
            buf.add(label + " ")
        self.inline(p, buf, depth)
        text = buf.text()
        lead = len(text) - len(text.lstrip("\f"))
        text = text.strip("\f").replace("\f", "\n")
        links = [(max(a - lead, 0), max(b - lead, 0), url) for a, b, url in buf.links]
        notes = [(max(off - lead, 0), kind, nid) for off, kind, nid in buf.notes]
        self.out.append(Para(text, style, label, links, notes))
        for box in buf.boxes:
            self.blocks(box, depth + 1)

    def visible(self) -> bool:
        return all(f.result for f in self.fields)

    def inline(self, el: Element, buf: _Buf, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ReaderError(f"content nested more than {MAX_DEPTH} levels deep")
        for child in el:
            t = _tag(child)
            if t == "w:r":
                self.run(child, buf, depth)
            elif t == "w:hyperlink":
                start = buf.size
                self.inline(child, buf, depth + 1)
                rel = self.rels.get(_attr(child, "id") or "")
                if rel is not None and rel.external and buf.size > start:
                    buf.links.append((start, buf.size, rel.target))
            elif t == "w:fldSimple":
                f = _Field(_attr(child, "instr") or "", result=True)
                self.fields.append(f)
                start = buf.size
                self.inline(child, buf, depth + 1)
                self.fields.pop()
                if (m := _HYPERLINK_INSTR.match(f.instr)) and buf.size > start:
                    buf.links.append((start, buf.size, m.group(1)))
            elif t in _INLINE_CONTAINERS:
                self.inline(child, buf, depth + 1)
            elif t == "mc:AlternateContent" and (branch := _choice(child)) is not None:
                self.inline(branch, buf, depth + 1)
            elif t.startswith("m:"):
                self.math(child, buf, depth + 1)

    def math(self, el: Element, buf: _Buf, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ReaderError(f"content nested more than {MAX_DEPTH} levels deep")
        if _tag(el) == "m:t":
            if self.visible():
                buf.add(el.text or "")
            return
        for c in el:
            self.math(c, buf, depth + 1)

    def run(self, r: Element, buf: _Buf, depth: int) -> None:
        for c in r:
            t = _tag(c)
            if t == "w:fldChar":
                self.field_char(_attr(c, "fldCharType") or "", buf)
            elif t == "w:instrText":
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr += c.text or ""
            elif not self.visible():
                continue
            elif t == "w:t":
                buf.add(c.text or "")
            elif t == "w:tab" or t == "w:ptab":
                buf.add("\t")
            elif t in ("w:br", "w:cr"):
                # a page or column break shows nothing at the edge of a paragraph (see `paragraph`)
                buf.add("\f" if _attr(c, "type") in ("page", "column") else "\n")
            elif t == "w:noBreakHyphen":
                buf.add("-")
            elif t == "w:sym":
                buf.add(_symbol(c))
            elif t in ("w:footnoteReference", "w:endnoteReference"):
                buf.notes.append((buf.size, "footnote" if t == "w:footnoteReference" else "endnote", _attr(c, "id") or ""))
            elif t in ("w:drawing", "w:pict", "w:object", "mc:AlternateContent"):
                buf.boxes.extend(_text_boxes(c, depth + 1))

    def field_char(self, kind: str, buf: _Buf) -> None:
        if kind == "begin":
            if len(self.fields) >= MAX_FIELDS:
                raise ReaderError(f"Word fields nested more than {MAX_FIELDS} deep")
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            f = self.fields[-1]
            f.result, f.link_start, f.buf = True, buf.size, buf
        elif kind == "end" and self.fields:
            f = self.fields.pop()
            m = _HYPERLINK_INSTR.match(f.instr)
            if m and f.buf is buf and f.link_start is not None and buf.size > f.link_start and self.visible():
                buf.links.append((f.link_start, buf.size, m.group(1)))


def _symbol(el: Element) -> str:
    font = (_attr(el, "font") or "").lower()
    code = _attr(el, "char") or ""
    if font.startswith(_SYMBOL_FONTS) or not re.fullmatch(r"[0-9A-Fa-f]{2,4}", code):
        return ""
    n = int(code, 16)
    return "" if 0xE000 <= n <= 0xF8FF else chr(n)


def _text_boxes(el: Element, depth: int) -> Iterator[Element]:
    """The text boxes inside a drawing, reading one branch of alternate content only."""
    if depth > MAX_DEPTH:
        raise ReaderError(f"content nested more than {MAX_DEPTH} levels deep")
    t = _tag(el)
    if t == "w:txbxContent":
        yield el
        return
    if t == "mc:AlternateContent":
        branch = _choice(el)
        if branch is not None:
            yield from _text_boxes(branch, depth + 1)
        return
    for c in el:
        yield from _text_boxes(c, depth + 1)


# --- list numbering -------------------------------------------------------------------------------


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                       (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A list counter as Word shows it.

    >>> format_number(3, "lowerLetter"), format_number(4, "upperRoman"), format_number(2, "decimal")
    ('c', 'IV', '2')
    """
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


class _Numbering:
    """List labels ('1.', 'a)', '•') from word/numbering.xml, counted in document order."""

    def __init__(self, numbering: Element | None, styles: Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: Element) -> None:
        for el in root:
            t = _tag(el)
            if t == "w:abstractNum":
                levels: dict[int, _Level] = {}
                for lvl in el:
                    if _tag(lvl) != "w:lvl":
                        continue
                    level = _Level()
                    for c in lvl:
                        ct, val = _tag(c), _attr(c, "val")
                        if ct == "w:start" and val and val.lstrip("-").isdigit():
                            level.start = int(val)
                        elif ct == "w:numFmt" and val:
                            level.fmt = val
                        elif ct == "w:lvlText":
                            level.text = val or ""
                    levels[_int(_attr(lvl, "ilvl"))] = level
                self.abstract[_attr(el, "abstractNumId") or ""] = levels
            elif t == "w:num":
                abstract, overrides = "", {}
                for c in el:
                    if _tag(c) == "w:abstractNumId":
                        abstract = _attr(c, "val") or ""
                    elif _tag(c) == "w:lvlOverride":
                        for s in c:
                            if _tag(s) == "w:startOverride":
                                overrides[_int(_attr(c, "ilvl"))] = _int(_attr(s, "val"), 1)
                self.nums[_attr(el, "numId") or ""] = (abstract, overrides)

    def _read_styles(self, root: Element) -> None:
        for st in root:
            if _tag(st) != "w:style":
                continue
            num_id = ilvl = based = None
            for c in st:
                if _tag(c) == "w:basedOn":
                    based = _attr(c, "val")
                elif _tag(c) == "w:pPr":
                    num_id, ilvl = _num_pr(c)
            self.style_num[_attr(st, "styleId") or ""] = (num_id, ilvl, based)

    def _style_pr(self, style: str) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen and len(seen) < 12:
            seen.add(style)
            num_id, ilvl, based = self.style_num.get(style, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style = based or ""
        return None, None

    def label(self, ppr: Element | None, style: str) -> str:
        num_id, ilvl = _num_pr(ppr) if ppr is not None else (None, None)
        if num_id is None:
            num_id, style_ilvl = self._style_pr(style)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract, {})
        lvl = min(max(ilvl or 0, 0), 8)
        counters = self.counters.setdefault(num_id, [None] * 9)
        level = levels.get(lvl, _Level())
        counters[lvl] = overrides.get(lvl, level.start) if counters[lvl] is None else (counters[lvl] or 0) + 1
        for deeper in range(lvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet":
            return "•"

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters[k] if 0 <= k < 9 and counters[k] is not None else lv.start
            return format_number(n or 0, lv.fmt)

        return re.sub(r"%([1-9])", fill, level.text).strip()


def _num_pr(ppr: Element) -> tuple[str | None, int | None]:
    for c in ppr:
        if _tag(c) == "w:numPr":
            num_id = ilvl = None
            for d in c:
                if _tag(d) == "w:numId":
                    num_id = _attr(d, "val")
                elif _tag(d) == "w:ilvl":
                    ilvl = _int(_attr(d, "val"))
            return num_id, ilvl
    return None, None


def _int(v: str | None, default: int = 0) -> int:
    return int(v) if v and v.lstrip("-").isdigit() else default


# --- reading the parts ----------------------------------------------------------------------------


@dataclass(slots=True)
class _WordFile:
    body: list[Para]
    headers: list[Para]
    notes: dict[tuple[str, str], tuple[str, tuple[str, ...]]]  # (kind, id) → (text, urls)


def _load(data: bytes) -> _WordFile:
    pkg = _Package(data)
    main = pkg.main_part()
    root = pkg.xml(main)
    if root is None or _tag(root) != "w:document":
        raise ReaderError(f"{main} is not a WordprocessingML document", hint="give a .docx file saved by Word")
    rels = pkg.rels(main)
    by_type = {r.type: r.target for r in rels.values() if not r.external}
    numbering = _Numbering(_optional(pkg, by_type.get("numbering")), _optional(pkg, by_type.get("styles")))
    body_el = next((c for c in root if _tag(c) == "w:body"), None)
    if body_el is None:
        raise ReaderError(f"{main} has no body", hint="the .docx is corrupt")
    body = _Walker(rels, numbering).blocks(body_el)
    headers: list[Para] = []
    for target in _header_parts(root, rels):
        part = pkg.xml(target)
        if part is not None:
            headers += _Walker(pkg.rels(target), numbering).blocks(part)
    notes: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for kind in ("footnotes", "endnotes"):
        target = by_type.get(kind)
        part = _optional(pkg, target)
        if part is not None and target:
            notes.update(_read_notes(part, pkg.rels(target), numbering, kind[:-1]))
    return _WordFile(body, headers, notes)


def _optional(pkg: _Package, name: str | None) -> Element | None:
    return pkg.xml(name) if name else None


def _header_parts(root: Element, rels: dict[str, _Rel]) -> list[str]:
    """Header parts, first-page headers first (that is where the letterhead stands)."""
    refs: list[tuple[int, str]] = []
    order = {"first": 0, "default": 1, "even": 2}
    for el in root.iter():
        if _tag(el) == "w:headerReference":
            rel = rels.get(_attr(el, "id") or "")
            if rel is not None and not rel.external:
                refs.append((order.get(_attr(el, "type") or "default", 1), rel.target))
    out: list[str] = []
    for _, target in sorted(refs, key=lambda r: r[0]):
        if target not in out:
            out.append(target)
    return out[:MAX_HEADERS]


def _read_notes(root: Element, rels: dict[str, _Rel], numbering: _Numbering, kind: str) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    out: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for note in root:
        if _tag(note) not in ("w:footnote", "w:endnote") or _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = _Walker(rels, numbering).blocks(note)
        text = re.sub(r"\s+", " ", " ".join(p.text for p in paras)).strip()
        out[(kind, _attr(note, "id") or "")] = (text, tuple(_note_urls(text, [lk for p in paras for lk in _link_texts(p)])))
    return out


def _link_texts(p: Para) -> list[tuple[str, str]]:
    return [(p.text[a:b], url) for a, b, url in p.links]


def _note_urls(text: str, links: Iterable[tuple[str, str]]) -> list[str]:
    """URLs printed in a note, then targets of links whose shown text is not itself a URL."""
    urls = find_urls(text)
    for shown, url in links:
        if not find_urls(shown) and re.match(r"(?:https?|ftp)://", url) and url not in urls:
            urls.append(url)
    return urls


# --- the text handed to the layout parser ---------------------------------------------------------


@dataclass(slots=True)
class _Placed:
    para: Para
    start: int  # offset of para.text[0] in the joined text (the shown part may start later)
    shown: str  # the part of para.text that was put in the text
    pos: int  # offset of `shown` in the joined text


def _join(paras: list[Para], blank: bool) -> tuple[str, list[_Placed]]:
    """One paragraph per line (the Tweede Kamer's Word text), or with a blank line between paragraphs."""
    out: list[str] = []
    placed: list[_Placed] = []
    pos = 0
    for p in paras:
        shown = p.text.strip() if blank else p.text
        if blank and not shown:
            continue
        lead = p.text.find(shown) if shown else 0
        if out:
            sep = "\n\n" if blank else "\n"
            out.append(sep)
            pos += len(sep)
        placed.append(_Placed(p, pos - lead, shown, pos))
        out.append(shown)
        pos += len(shown)
    return "".join(out), placed


def _mask(text: str, keep: tuple[int, int]) -> str:
    """The text with everything outside `keep` blanked (line breaks kept, so offsets stay valid)."""
    a, b = keep
    return _blank(text[:a]) + text[a:b] + _blank(text[b:])


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


# --- manual footnotes typed at the end ("[1] …", "1) …", a numbered list) -------------------------


@dataclass(slots=True)
class _Note:
    number: int
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    style: str = "bracket"  # bracket "[1]" | paren "1)"


_BRACKET = re.compile(r"\[(\d{1,3})\]")
_NOTE_START = re.compile(r"^\s*(?:\[(?P<b>\d{1,3})\]|(?P<p>\d{1,3})\))\s*(?P<rest>.*)$", re.S)


def split_note_paragraph(text: str, label: str = "") -> list[_Note]:
    """The notes a paragraph starts: '[2] url [3] url' holds two; '1) NOS, …' one; a list item one.

    >>> [(n.number, n.text) for n in split_note_paragraph("2) Kamerstuk 33047, nr. 25.")]
    [(2, 'Kamerstuk 33047, nr. 25.')]
    >>> split_note_paragraph("Het antwoord is ja.")
    []
    """
    if label and (m := re.fullmatch(r"\(?(\d{1,3})[.)]?", label)):
        return [_Note(int(m.group(1)), text[len(label):].strip(), style="paren")]
    m = _NOTE_START.match(text)
    if not m:
        return []
    if m.group("p"):
        return [_Note(int(m.group("p")), m.group("rest").strip(), style="paren")]
    notes: list[_Note] = []
    pieces = list(_BRACKET.finditer(text))
    expected = int(pieces[0].group(1))
    starts = []
    for piece in pieces:
        if int(piece.group(1)) == expected:
            starts.append(piece)
            expected += 1
    for i, piece in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        notes.append(_Note(int(piece.group(1)), text[piece.end() : end].strip(), style="bracket"))
    return notes


def _marker_re(n: int, style: str) -> re.Pattern[str]:
    if style == "bracket":
        return re.compile(rf"\s?\[{n}\]")
    return re.compile(rf"(?<=[\w?!.,”\"'’)»])\s?{n}\)(?=\s|$|[.,;:?!])")


def _find_marker(text: str, n: int, style: str, start: int) -> int | None:
    for m in _marker_re(n, style).finditer(text, start):
        if style == "bracket" or _parens_closed(text[: m.start()]):
            return m.start()
    return None


def _parens_closed(before: str) -> bool:
    line = before[before.rfind("\n") + 1 :]
    return line.count("(") <= line.count(")")


def _trailing_notes(placed: list[_Placed], text: str, first: int) -> tuple[int, list[tuple[int, _Note]]]:
    """Typed notes closing the body: (index in `placed` where they start, [(marker offset, note)]).

    They count only when each number has its marker ('[n]' or 'n)') earlier in the text.
    """
    for i in range(len(placed) - 1, first - 1, -1):
        start_notes = split_note_paragraph(placed[i].shown, placed[i].para.label)
        if not start_notes or start_notes[0].number != 1:
            continue
        notes = _collect_notes(placed[i:])
        if notes is None:
            continue
        located = _locate_markers(notes, text, placed[first].pos, placed[i].pos)
        if located is not None:
            return i, located
    return len(placed), []


def _collect_notes(tail: list[_Placed]) -> list[_Note] | None:
    notes: list[_Note] = []
    for pl in tail:
        found = split_note_paragraph(pl.shown, pl.para.label)
        links = _link_texts(pl.para)
        if found and found[0].number == (notes[-1].number + 1 if notes else 1):
            notes += found
            notes[-1].links += links
        elif notes and not found and len(pl.shown) < 600 and not _Q_LABEL.match(pl.shown) and not _LOOSE_A_LABEL.match(pl.shown):
            notes[-1].text += " " + pl.shown  # a note continued in the next paragraph
            notes[-1].links += links
        else:
            return None
    return notes


def _locate_markers(notes: list[_Note], text: str, lo: int, hi: int) -> list[tuple[int, _Note]] | None:
    out: list[tuple[int, _Note]] = []
    pos = lo
    body = text[:hi]
    for note in notes:
        style = "bracket" if note.style == "bracket" else "paren"
        at = _find_marker(body, note.number, style, pos)
        if at is None and style == "paren":
            style, at = "bracket", _find_marker(body, note.number, "bracket", pos)
        if at is None:
            return None
        note.style = style  # how its marker is printed in the text
        out.append((at, note))
        pos = at + 1
    return out


def _strip_markers(text: str, notes: list[_Note]) -> str:
    """Question/answer text without the typed note markers ('gewond zijn geraakt[1],' → '… geraakt,')."""
    for note in notes:
        text = "".join(_drop_markers(text, _marker_re(note.number, note.style), note.style))
    return text


def _drop_markers(text: str, pat: re.Pattern[str], style: str) -> Iterator[str]:
    pos = 0
    for m in pat.finditer(text):
        if style == "paren" and not _parens_closed(text[: m.start()]):
            continue
        yield text[pos : m.start()]
        pos = m.end()
    yield text[pos:]


def _note_text(text: str) -> str:
    """A typed note's text: spaces collapsed, a URL broken after a hyphen rejoined."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"((?:https?://|www\.)\S*-) (?=[a-z0-9])", r"\1", text)


# --- the letter: letterhead, cover, signature, annex heading --------------------------------------

_UW_BRIEF = re.compile(
    r"\buw\s+brief\s+van\s+(?P<date>\d{1,2}\s+[a-zA-Z]{3,10}\.?\s+\d{4})"
    r"(?:\s*,?\s*(?:met\s+)?(?:(?:uw\s+)?kenmerk|nr\.?|nummer|referentie)\s*:?\s*(?P<nr>[\w/.-]*\w))?",
    re.I,
)
_SENDS = re.compile(r"\b(?:zend|stuur|bied|doe)\w*\b.{0,80}?\b(?:antwoorden|beantwoording)\b.{0,60}?vragen\b", re.I | re.S)
_TK_MARK = re.compile(
    r"^\s*(?:AH\s+\d{1,4}\s*$|(?:Nader\s+)?(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?(?:minister|staatssecretaris)\b|"
    r"\(\s*ingezonden\b|(?:Mondelinge\s+)?Vragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b)",
    re.I,
)
_Q_LABEL = re.compile(r"^\s*(?:Vraag|Vragen)\s+\d{1,3}\b")
_LOOSE_A_LABEL = re.compile(r"^Antwoord(?:en)?(?:\s+op)?(?:\s+vra(?:ag|gen))?\s+(\d{1,3}(?:[\s,]*(?:,|en|t/m|-|–)[\s,]*\d{1,3})*)\s*[.:]?$")
_ANNEX_HEAD = re.compile(r"^\s*(?:Antwoord(?:en)?|Beantwoording)\b.{0,600}?(?:Kamer)?vragen\b", re.I | re.S)
_VRAGEN_VAN = re.compile(
    r"(?:Kamer)?vragen\s+(?:van\s+)?(?:(?:het|de)\s+)?(?:(?:Tweede\s+)?Kamer-?)?(?:lid|leden)\s+", re.I
)
_PORTFOLIO_WORDS = r"[A-Z][\w’'-]*(?:(?:,|\s+–)?\s+(?:en\s+)?[A-Z][\w’'-]*)*"
_ROLE_LINE = re.compile(
    rf"^(?:De\s+|de\s+)?(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)(?:\s+(?:van|voor)\s+{_PORTFOLIO_WORDS})?\s*,?$"
)
_BEHALF_IN_TEXT = re.compile(
    rf"\bmede\s+namens\s+(de\s+(?:[Mm]inister|[Ss]taatssecretaris)s?\s+(?:van|voor)\s+{_PORTFOLIO_WORDS}"
    rf"(?:\s+en\s+(?:van\s+|de\s+(?:[Mm]inister|[Ss]taatssecretaris)\s+(?:van|voor)\s+){_PORTFOLIO_WORDS})*)"
)
_BEHALF_LINE = re.compile(r"^\s*[Mm]ede\s+namens\s+(.+?)\s*,?\s*$")
_NAME_LINE = re.compile(
    r"^(?:(?:[A-Z][a-z]{0,2}\.\s*){1,4}(?:[a-z']+\s+){0,3}[A-ZÀ-Ýa-zß-ÿ][\w'’.-]*(?:[ -][\w'’.-]+){0,3})$"
)
_PLACE_DATE = re.compile(r"^(?:Den\s+Haag|[’'`]s-Gravenhage|Rijswijk|Utrecht),?\s+(\d{1,2}\s+[a-z]{3,10}\s+\d{4})\s*$")
_NOTICE = re.compile(r"niet\s+binnen\s+de\s+(?:gebruikelijke\s+)?termijn", re.I)


@dataclass(slots=True)
class _Letter:
    cover: list[str]  # cover-letter paragraphs (before the annex), stripped
    letterhead: list[str]  # cover paragraphs, then header paragraphs
    annex_heading: str | None
    brief_date: dt.date | None
    brief_nr: str | None


def _letter_anchor(placed: list[_Placed]) -> tuple[int, int] | None:
    """For a ministry's letter: (index of the cover paragraph that refers to the questions, index after
    which the annex is sought). None for the Tweede Kamer's own layout ('AH 604', 'Antwoord van …')."""
    end = next((i for i, pl in enumerate(placed) if _TK_MARK.match(pl.shown) or _Q_LABEL.match(pl.shown)), len(placed))
    brief = next((i for i in range(end) if _UW_BRIEF.search(placed[i].shown)), None)
    if brief is not None:
        return brief, brief
    other = next((i for i in range(end) if _SENDS.search(placed[i].shown) or _ANNEX_HEAD.match(placed[i].shown)), None)
    return (other, other - 1) if other is not None else None


def _annex_start(placed: list[_Placed], after: int) -> tuple[int, str | None] | None:
    """Where the annex begins (its heading, else the first 'Vraag N' label), and its heading."""
    first_q = next((i for i in range(after + 1, len(placed)) if _Q_LABEL.match(placed[i].shown)), None)
    head = None
    if first_q is not None:
        for j in range(first_q - 1, max(after, first_q - 6), -1):
            s = placed[j].shown
            if _ANNEX_HEAD.match(s) or re.match(r"^\s*(?:Mondelinge\s+)?Vragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b", s):
                head = j
                break
        if head is None:
            return first_q, None
        heading = placed[head].shown
        for pl in placed[head + 1 : first_q]:
            if re.search(r"[.!?]\s*$", heading):
                break
            heading += " " + pl.shown  # a heading broken over paragraphs ("… op Kamervragen" / "van de leden …")
        return head, heading
    for j in range(after + 1, len(placed)):
        if _ANNEX_HEAD.match(placed[j].shown):
            return j, placed[j].shown
    return None


def field_value(lines: list[str], labels: tuple[str, ...], check: Callable[[str], bool] | None = None) -> str | None:
    """The value of a letterhead field: 'Datum 25 juli 2024', or 'Datum' with the value on the next line.

    >>> field_value(["Datum", "", "25 juli 2024", "Betreft", "Vragen"], ("Datum",))
    '25 juli 2024'
    """
    label_re = re.compile(rf"^(?:{'|'.join(map(re.escape, labels))})\b\s*:?\s*(.*)$", re.S)
    for i, line in enumerate(lines):
        m = label_re.match(line.strip())
        if not m:
            continue
        value = m.group(1).strip()
        if not value:
            value = next((ln.strip() for ln in lines[i + 1 : i + 4] if ln.strip()), "")
        if value and (check is None or check(value)):
            return value
    return None


def as_heading(text: str) -> str | None:
    """A subject or heading naming the askers, rewritten as a heading sentence for `grammar.parse_heading`.

    >>> as_heading("Beantwoording Kamervragen leden Mutluer en Lahlah (GroenLinks-PvdA) over X")
    'Vragen van de leden Mutluer en Lahlah (GroenLinks-PvdA) over X'
    """
    m = _VRAGEN_VAN.search(text)
    if not m:
        return None
    return "Vragen van de leden " + text[m.end() :].strip()


_COVER_TAIL = re.compile(
    r",?\s+(?:(?:worden|wordt|zijn|is)\s+(?:hierbij\s+)?beantwoord|(?:kunnen|kan)\s+(?:helaas\s+)?niet|niet\s+binnen)\b.*$", re.S
)


def _heading_candidates(letter: _Letter, subject: str | None, project: str | None) -> list[grammar.Heading]:
    texts: list[str] = []
    if letter.annex_heading:
        texts.append(letter.annex_heading)
    texts += [t for t in (subject, project) if t]
    for para in letter.cover:
        if re.search(r"\bvragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b", para, re.I):
            texts.append(_COVER_TAIL.sub("", para))
            break
    out = []
    for t in texts:
        h = as_heading(re.sub(r"\s*\(\s*(?:nr\.\s*)?\d{4}\s?Z\s?\d{5}\s*\)", "", t))  # "(2024Z01234)" is the zaak
        if h:
            out.append(grammar.parse_heading(h))
    return out


def _answering_office(heading: str | None) -> tuple[list[Office], list[Official]]:
    """'Antwoorden van de minister van A mede namens de minister van B op Kamervragen …' → (A, [B])."""
    if not heading:
        return [], []
    m = re.match(r"^\s*(?:Antwoord(?:en)?|Beantwoording)\s+(?:van\s+)?(?P<who>.+?)\s+(?:op|inzake|betreffende)\s+(?:de\s+)?"
                 r"(?:schriftelijke\s+)?(?:Kamer)?vragen\b", heading, re.I | re.S)
    if not m:
        return [], []
    who = m.group("who")
    behalf = re.search(r",?\s+mede\s*namens\s+", who, re.I)
    main = who[: behalf.start()] if behalf else who
    offices = grammar.parse_addressees(main)
    others = grammar.parse_behalf(who[behalf.end() :]) if behalf else []
    return offices, others


def _signature(cover: list[str]) -> tuple[list[Official], list[Official]]:
    """Signers ('De Minister van Justitie en Veiligheid,' + 'D. Yeşilgöz-Zegerius') and 'mede namens'."""
    signers: list[Official] = []
    behalf: list[Official] = []
    for i, line in enumerate(cover):
        s = line.strip()
        if (m := _BEHALF_LINE.match(s)) and len(s) < 200:
            behalf += grammar.parse_behalf(m.group(1))
            continue
        if not _ROLE_LINE.match(s) or len(s) > 160:
            continue
        offices = grammar.parse_addressees(s.rstrip(","))
        if not offices:
            continue
        name = next((signature_name(n) for n in cover[i + 1 : i + 9] if _NAME_LINE.match(n.strip())), None)
        signers += [Official(name, o.role, o.portfolio) for o in offices]
    if not behalf:
        behalf = [o for line in cover if (m := _BEHALF_IN_TEXT.search(line)) for o in grammar.parse_behalf(m.group(1))]
    return signers, behalf


def signature_name(printed: str) -> str:
    """A signer's name as the Aanhangsel prints it: initials dropped, tussenvoegsel capitalised.

    >>> signature_name("D. Yeşilgöz-Zegerius")
    'Yeşilgöz-Zegerius'
    """
    name = re.sub(r"^(?:[A-Z][a-z]{0,2}\.\s*)+", "", printed.strip())
    name = grammar.clean_name(name)
    return name[:1].upper() + name[1:]


# --- portfolios printed with a typo ---------------------------------------------------------------

_KNOWN = {p.lower(): p for p in grammar.PORTFOLIOS}
_O = TypeVar("_O", Office, Official)


def _snap(portfolio: str) -> str | None:
    """The known portfolio a printed one means ('Binnenlandse Zaken en Koninkrijkrelaties' → '…Koninkrijksrelaties')."""
    key = portfolio.lower().strip()
    if key in _KNOWN:
        return _KNOWN[key]
    best = max(_KNOWN, key=lambda k: SequenceMatcher(None, key, k).ratio())
    return _KNOWN[best] if SequenceMatcher(None, key, best).ratio() >= 0.93 else None


def _split_snapped(portfolio: str) -> list[str] | None:
    if (hit := _snap(portfolio)) is not None:
        return [hit]
    for m in re.finditer(r",?\s+en\s+(?:van\s+)?", portfolio):
        left, right = _snap(portfolio[: m.start()]), _split_snapped(portfolio[m.end() :])
        if left is not None and right is not None:
            return [left, *right]
    return None


def fix_offices(offices: Iterable[_O]) -> list[_O]:
    """Offices whose portfolio is misspelt or two portfolios run together, corrected against the known list."""
    out: list[Any] = []
    for o in offices:
        parts = _split_snapped(o.portfolio) if o.portfolio else None
        if not parts:
            out.append(o)
        elif isinstance(o, Official):
            out += [Official(o.name if k == 0 else None, o.role, p) for k, p in enumerate(parts)]
        else:
            out += [Office(o.role, p) for p in parts]
    return out


# --- assembling the record ------------------------------------------------------------------------


def _word_notes(word: _WordFile, placed: list[_Placed]) -> list[tuple[int, Footnote]]:
    """Word's own footnotes, numbered in reference order, with the offset of their reference."""
    out: list[tuple[int, Footnote]] = []
    counters: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for pl in placed:
        for off, kind, nid in pl.para.notes:
            if (kind, nid) in seen or (kind, nid) not in word.notes:
                continue
            seen.add((kind, nid))
            counters[kind] = counters.get(kind, 0) + 1
            text, urls = word.notes[(kind, nid)]
            if text or urls:
                out.append((pl.start + off, Footnote(counters[kind], text, urls)))
    return out


def _split_unlabelled_answers(doc: Document) -> Document:
    """A question without any answer block whose text continues after its last '?' paragraph: that rest
    is the answer printed without an 'Antwoord' label."""
    answered = {n for a in doc.answers for n in a.questions}
    if not doc.answers:
        return doc
    questions, answers = list(doc.questions), list(doc.answers)
    for qi, q in enumerate(questions):
        if q.number in answered:
            continue
        paras = q.text.split("\n\n")
        last_q = max((k for k, p in enumerate(paras) if re.search(r"\?[\s\d)\]”\"'’]*$", p)), default=None)
        if last_q is None or last_q + 1 >= len(paras):
            continue
        rest = paras[last_q + 1 :]
        numbers: tuple[int, ...] = (q.number,)
        if (label := _LOOSE_A_LABEL.match(rest[0])) and len(rest) > 1:
            # an answer label the layout parser did not take ("Antwoord op vragen 7, 8, en 9")
            numbers, rest = grammar.parse_numbers(label.group(1)) or numbers, rest[1:]
        questions[qi] = Question(q.number, "\n\n".join(paras[: last_q + 1]), q.span)
        new = Answer(numbers, "\n\n".join(rest), q.span)
        at = next((k for k, a in enumerate(answers) if a.span and q.span and a.span.start > q.span.start), len(answers))
        answers.insert(at, new)
    return doc.replace(questions=tuple(questions), answers=tuple(answers))


def _read_letter(word: _WordFile, source: str | None, anchor: tuple[int, int]) -> Document:
    text, placed = _join(word.body, blank=True)
    found = _annex_start(placed, anchor[1])
    brief_m = next((m for pl in placed[: found[0] if found else len(placed)] if (m := _UW_BRIEF.search(pl.shown))), None)
    cover_end = found[0] if found else len(placed)
    cover = [pl.shown for pl in placed[:cover_end]]
    letter = _Letter(
        cover=cover,
        letterhead=cover + [p.text.strip() for p in word.headers],
        annex_heading=found[1] if found else None,
        brief_date=grammar.parse_date(brief_m.group("date")) if brief_m else None,
        brief_nr=brief_m.group("nr") if brief_m else None,
    )
    notes_at, manual = _trailing_notes(placed, text, cover_end) if found else (len(placed), [])
    a = placed[cover_end].pos if found else len(text)
    b = placed[notes_at].pos if notes_at < len(placed) else len(text)
    if found:
        doc = parse_text(_mask(text, (a, b)), source=source, reader="docx")
        doc = doc.replace(text=text)
    elif _NOTICE.search(" ".join(cover)):
        doc = Document(kind=Kind.NOTICE, source=source, text=text, reader="docx")
    else:
        raise NotAWrittenQuestion(
            "a letter answering 'uw brief' without questions ('Vraag 1' …) or a postponement notice",
            source=source, hint="kg reads written questions and their answers",
        )
    note_list = [nt for _, nt in manual]
    doc = doc.replace(
        questions=tuple(Question(q.number, _strip_markers(q.text, note_list), q.span) for q in doc.questions),
        answers=tuple(Answer(x.questions, _strip_markers(x.text, note_list), x.span) for x in doc.answers),
    )
    doc = _split_unlabelled_answers(doc)
    footnotes = [(off, Footnote(nt.number, _note_text(nt.text), tuple(_note_urls(_note_text(nt.text), nt.links)))) for off, nt in manual]
    footnotes += _word_notes(word, placed)
    footnotes.sort(key=lambda f: f[0])
    return _letter_record(doc, letter, [f for _, f in footnotes] + list(doc.footnotes), text)


def _letter_record(doc: Document, letter: _Letter, footnotes: list[Footnote], text: str) -> Document:
    subject = field_value(letter.letterhead, ("Onderwerp", "Betreft"))
    project = field_value(letter.letterhead, ("Projectnaam",))
    candidates = _heading_candidates(letter, subject, project)
    askers: tuple[Member, ...] = doc.askers or next((h.askers for h in candidates if h.askers), ())
    title = doc.title or next((h.title for h in candidates if h.title), None)
    addressees = list(doc.addressees) or next((list(h.addressees) for h in candidates if h.addressees), [])
    signers, signed_behalf = _signature(letter.cover)
    head_offices, head_behalf = _answering_office(letter.annex_heading)
    answerers = list(doc.answerers) or signers or [Official(None, o.role, o.portfolio) for o in head_offices]
    behalf = list(doc.on_behalf_of) or head_behalf or signed_behalf
    datum = field_value(letter.letterhead, ("Datum",), check=lambda v: grammar.parse_date(v) is not None) or next(
        (m.group(1) for ln in letter.cover if (m := _PLACE_DATE.match(ln))), None
    )
    date_answered = grammar.parse_date(datum) if datum else doc.date_answered
    date_submitted = letter.brief_date or doc.date_submitted or next((h.date_submitted for h in candidates if h.date_submitted), None)
    zaak = _zaak(letter.brief_nr) or doc.zaak or next((z for ln in letter.letterhead if (z := _zaak(ln))), None)
    cover_text = " ".join(letter.cover)
    chamber = Chamber.EERSTE_KAMER if re.search(r"\bEerste\s+Kamer\b", cover_text) and not re.search(r"\bTweede\s+Kamer\b", cover_text) else Chamber.TWEEDE_KAMER
    kind = doc.kind if doc.kind == Kind.NOTICE or not doc.answers else Kind.ANSWER
    if kind == Kind.NOTICE and not askers:
        askers = next((h.askers for h in candidates if h.askers), ())
    start = text.find(title) if title else -1
    return doc.replace(
        kind=kind,
        chamber=chamber,
        session=grammar.session_for_date(date_answered or date_submitted),
        id=None if doc.number is None else doc.id,
        zaak=zaak,
        title=title,
        title_span=Span(start, start + len(title)) if title and start >= 0 else None,
        date_submitted=date_submitted,
        date_answered=date_answered,
        askers=tuple(askers),
        addressees=tuple(fix_offices(addressees)),
        answerers=tuple(fix_offices(answerers)),
        on_behalf_of=tuple(fix_offices(behalf)),
        footnotes=tuple(footnotes),
    )


def _zaak(text: str | None) -> str | None:
    m = re.search(r"\b(20\d\d|19\d\d)\s?Z\s?(\d{5})\b", text or "")
    return f"{m.group(1)}Z{m.group(2)}" if m else None


def _read_publication(word: _WordFile, source: str | None) -> Document:
    """The Tweede Kamer's Word version: one paragraph per line, as the layout parser reads Word text."""
    text, placed = _join(word.body, blank=False)
    doc = parse_text(text, source=source, reader="docx")
    extra = [f for _, f in sorted(_word_notes(word, placed), key=lambda f: f[0])]
    return doc.replace(footnotes=doc.footnotes + tuple(extra)) if extra else doc


def read(data: bytes, source: str | None = None) -> Document:
    """Parse a Word file: a ministry's answer letter or the Tweede Kamer's Word version of a publication.

    Raises `ReaderError` for a corrupt or non-Word zip (or XML with a DTD), `NotAWrittenQuestion` for a
    Word file that holds no written question.
    """
    try:
        word = _load(data)
        _, placed = _join(word.body, blank=True)
        anchor = _letter_anchor(placed)
        if anchor is not None:
            return _read_letter(word, source, anchor)
        return _read_publication(word, source)
    except KgError:
        raise
    except (RecursionError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ReaderError(f"unexpected Word structure ({type(exc).__name__}: {exc})", source=source,
                          hint="the .docx may be damaged; save it again from Word") from exc
