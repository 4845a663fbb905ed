"""Reader for PDF files (the official Aanhangsel and kv publications), aware of the page layout.

The text layer is read with pypdfium2 (PDFium) one text object at a time: each object is a run of
text in one font on one baseline, with its box and effective font size (reading whole objects, not
glyphs, keeps the reader about as fast per file as pdftotext). Runs are grouped into lines and the lines sorted
into zones by position and size:

- the first-page header (larger type above the heading): chamber, vergaderjaar, the Aanhangsel
  number (or the zaak number of open questions);
- the left-column box ("ah-tk-20232024-1076 / ISSN 0921 - 7398 / ’s-Gravenhage 2024");
- the running footer ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1");
- the footnotes: smaller type at the page bottom, each opened by a still smaller number;
- the running text, from which footnote markers (small raised digits) are dropped and in which
  vertical gaps and short last lines become blank lines (paragraphs).

The running text — heading, answer line, "Vraag N"/"Antwoord N" labels — is parsed by
`kg.readers.layout.parse_text`; footnotes and header facts come from the zones. `Document.text` is
the running text followed by a footnote section ("1 Hart van Nederland, …"), so every span points
into it.

>>> _footnote_start("12 Kamerstuk 36 410, nr. 3", expected=12)
(12, 'Kamerstuk 36 410, nr. 3')
>>> _join_footnote_lines(["Zie (https://www.ad.nl/a/geen-", "pieten~a9/)."], [True, False])
'Zie (https://www.ad.nl/a/geen-pieten~a9/).'
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.errors import ReaderError
from kg.model import Chamber, Document, Footnote, Kind, Span
from kg.readers import grammar
from kg.readers.layout import parse_text
from kg.readers.textutil import find_urls, join_lines

__all__ = ["PageRuns", "PdfLine", "Run", "body_and_footnotes", "build_lines", "extract_pages", "read"]

try:  # kg.readers imports this module only for PDF input
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - a declared dependency; this only words the error
    pdfium = None  # type: ignore[assignment]
    pdfium_c = None  # type: ignore[assignment]


def read(data: bytes, source: str | None = None) -> Document:
    """Parse the bytes of a PDF publication into a `Document`.

    Raises `ReaderError` for a PDF that is truncated, encrypted, damaged or has no text layer (a
    scan), and `NotAWrittenQuestion` when the text is not a written question.
    """
    pages = extract_pages(data)
    chars = sum(len(r.text.strip()) for p in pages for r in p.runs)
    if chars < 20:
        images = sum(p.images for p in pages)
        what = f"its {len(pages)} page(s) hold {images} image(s) and no text" if images else "no page holds any text"
        raise ReaderError(
            f"the PDF has no text layer ({what}); it looks like a scan",
            hint="run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and parse the result",
        )
    parts = body_and_footnotes(pages)
    images = sum(p.images for p in pages)
    if images >= len(pages) and len(parts.body.strip()) < 100 * len(pages):
        raise ReaderError(
            f"the PDF has no text layer: its {len(pages)} page(s) are images with only {len(parts.body.split())} word(s) of text; it looks like a scan",
            hint="run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and parse the result",
        )
    doc = parse_text(parts.body, source=source, reader="pdf")
    return _finish(doc, parts)


# --- runs: the text objects of a page -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one font on one baseline (one PDF text object), in page space (y up)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    base: float  # baseline: y of the text origin
    size: float  # effective font size in points
    upright: bool = True  # written left to right (not turned, like a stamp up the margin)


@dataclass(frozen=True, slots=True)
class PageRuns:
    """What one page holds: its text runs, how many images, and its URI link annotations."""

    number: int
    width: float
    height: float
    runs: list[Run]
    images: int = 0
    links: tuple[tuple[tuple[float, float, float, float], str], ...] = ()


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: _Matrix, n: _Matrix) -> _Matrix:
    """The matrix applying `m` first, then `n` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


# spacing accents PDF producers draw as glyphs of their own, and the combining marks they stand for
_ACCENTS = {
    "\u00b4": "\u0301", "\u02cb": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303",
    "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02da": "\u030a", "\u02d8": "\u0306", "\u02db": "\u0328",
}  # fmt: skip
_ACCENT_RE = re.compile("[" + "".join(_ACCENTS) + "]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\u00ad": "-"})


class _PageReader:
    """Reads the text runs of one page through PDFium's C API (one object at a time, not per glyph)."""

    def __init__(self, page: object, textpage: object):
        self.page = page
        self.textpage = textpage
        self.buf_chars = 1024
        self.buf = (ctypes.c_ushort * self.buf_chars)()
        self.box = [ctypes.c_float() for _ in range(4)]
        self.matrix = pdfium_c.FS_MATRIX()
        self.size = ctypes.c_float()
        self.images = 0
        self.accent_sides: dict[int | None, list[str]] | None = None

    def runs(self) -> list[Run]:
        out: list[Run] = []
        n = pdfium_c.FPDFPage_CountObjects(self.page)
        self._walk((pdfium_c.FPDFPage_GetObject(self.page, i) for i in range(n)), _IDENTITY, out, 0)
        turned = sum(len(r.text) for r in out if not r.upright)
        if 0 < turned < sum(len(r.text) for r in out) / 2:
            out = [r for r in out if r.upright]  # text set sideways in the margin is no running text
        return self._merge_accents(_carry_marks(out))

    def _walk(self, objects: Iterator[object], outer: _Matrix, out: list[Run], depth: int) -> None:
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                run = self._run(obj, outer)
                if run is not None:
                    out.append(run)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
                inner = _mul(self._matrix(obj), outer)
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                self._walk((pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)), inner, out, depth + 1)

    def _matrix(self, obj: object) -> _Matrix:
        m = self.matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _text(self, obj: object) -> str:
        n = pdfium_c.FPDFTextObj_GetText(obj, self.textpage, self.buf, self.buf_chars * 2)
        if n > self.buf_chars * 2:
            self.buf_chars = n // 2 + 16
            self.buf = (ctypes.c_ushort * self.buf_chars)()
            n = pdfium_c.FPDFTextObj_GetText(obj, self.textpage, self.buf, self.buf_chars * 2)
        chars = max(0, min(n, self.buf_chars * 2) // 2 - 1)
        return ctypes.string_at(self.buf, chars * 2).decode("utf-16-le", errors="replace")

    def _run(self, obj: object, outer: _Matrix) -> Run | None:
        text = _clean_run_text(self._text(obj))
        if not text.strip():
            return None
        if _ACCENT_RE.search(text) and len(text.strip()) > 1:
            text = self._compose_accents(obj, text)
        left, bottom, right, top = self.box
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return None
        m = _mul(self._matrix(obj), outer)
        pdfium_c.FPDFTextObj_GetFontSize(obj, self.size)
        size = (self.size.value or 1.0) * math.hypot(m[2], m[3])
        x0, y0 = _apply(outer, left.value, bottom.value)
        x1, y1 = _apply(outer, right.value, top.value)
        upright = m[0] > 0 and abs(m[1]) <= 0.2 * m[0]
        return Run(text, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), m[5], round(size, 2), upright)

    def _compose_accents(self, obj: object, text: str) -> str:
        """Combine spacing accents inside a run with the letter they are drawn over ("Yes¸ilgöz" → "Yeşilgöz")."""
        key = ctypes.cast(obj, ctypes.c_void_p).value
        if self.accent_sides is None:
            self.accent_sides = self._find_accents()
        sides = iter(self.accent_sides.get(key, []))
        out: list[str] = []
        pending = ""
        for ch in text:
            if ch in _ACCENTS:
                if next(sides, "prev") == "prev" and (not out or out[-1].isalpha()):
                    out.append(_ACCENTS[ch])  # at the start: for the last letter of the run before
                else:
                    pending = _ACCENTS[ch]
                continue
            out.append(ch)
            if pending and ch.isalpha():
                out.append(pending)
                pending = ""
        return unicodedata.normalize("NFC", "".join(out))

    def _find_accents(self) -> dict[int | None, list[str]]:
        """Per text object, for each spacing accent in it: is it drawn over the letter before or after?"""
        tp = self.textpage
        n = pdfium_c.FPDFText_CountChars(tp)
        out: dict[int | None, list[str]] = {}
        for i in range(n):
            if chr(pdfium_c.FPDFText_GetUnicode(tp, i)) not in _ACCENTS:
                continue
            key = ctypes.cast(pdfium_c.FPDFText_GetTextObject(tp, i), ctypes.c_void_p).value
            acc, before, after = self._char_box(i), self._char_box(i - 1), self._char_box(i + 1)
            xc = (acc[0] + acc[1]) / 2
            over_before = before is not None and before[0] <= xc <= before[1]
            nearer_after = after is not None and (
                after[0] <= xc <= after[1] or (before is not None and abs(xc - sum(after) / 2) < abs(xc - sum(before) / 2))
            )
            side = "next" if nearer_after and not over_before else "prev"
            out.setdefault(key, []).append(side)
        return out

    def _char_box(self, i: int) -> tuple[float, float] | None:
        if i < 0 or i >= pdfium_c.FPDFText_CountChars(self.textpage):
            return None
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        if not pdfium_c.FPDFText_GetCharBox(self.textpage, i, left, right, bottom, top):
            return None
        return left.value, right.value

    def _merge_accents(self, runs: list[Run]) -> list[Run]:
        """Put a spacing accent drawn over a letter ("Kostic" + "´") into that letter ("Kostić")."""
        accents = [r for r in runs if r.text.strip() in _ACCENTS and len(r.text.strip()) == 1]
        if not accents:
            return runs
        out = [r for r in runs if r not in accents]
        for acc in accents:
            xc = (acc.x0 + acc.x1) / 2
            host = next(
                (
                    i
                    for i, r in enumerate(out)
                    if r.x0 <= xc <= r.x1 and abs(r.base - acc.base) <= 0.6 * r.size and len(r.text) > 1
                ),
                None,
            )
            if host is None:
                out.append(acc)
                continue
            r = out[host]
            k = self._letter_under(r, xc)
            combined = unicodedata.normalize("NFC", r.text[: k + 1] + _ACCENTS[acc.text.strip()] + r.text[k + 1 :])
            out[host] = Run(combined, r.x0, r.x1, r.y0, max(r.y1, acc.y1), r.base, r.size, r.upright)
        return out

    def _letter_under(self, run: Run, x: float) -> int:
        """Index in `run.text` of the letter at x: the proportional guess, snapped to the letter PDFium finds there."""
        text = run.text
        guess = min(len(text) - 1, max(0, int((x - run.x0) / max(run.x1 - run.x0, 1e-6) * len(text))))
        idx = pdfium_c.FPDFText_GetCharIndexAtPos(self.textpage, x, run.base + 0.2 * run.size, 2.0, 2.0)
        if idx >= 0:
            ch = chr(pdfium_c.FPDFText_GetUnicode(self.textpage, idx))
            hits = [i for i, c in enumerate(text) if c == ch]
            if hits:
                return min(hits, key=lambda i: abs(i - guess))
        while guess > 0 and not text[guess].isalpha():
            guess -= 1
        return guess


def _carry_marks(runs: list[Run]) -> list[Run]:
    """A run that opens with a combining mark gives it to the run before it on the same baseline."""
    out: list[Run] = []
    for run in runs:
        if run.text and unicodedata.combining(run.text[0]):
            mark = run.text[0]
            prev = out[-1] if out else None
            if prev is not None and abs(prev.base - run.base) < 0.3 * run.size and prev.text.rstrip()[-1:].isalpha():
                body = prev.text.rstrip()
                text = unicodedata.normalize("NFC", body + mark) + prev.text[len(body) :]
                out[-1] = Run(text, prev.x0, prev.x1, prev.y0, prev.y1, prev.base, prev.size, prev.upright)
            run = Run(run.text[1:], run.x0, run.x1, run.y0, run.y1, run.base, run.size, run.upright)
            if not run.text.strip():
                continue
        out.append(run)
    return out


def _clean_run_text(text: str) -> str:
    r"""PDFium's text of an object: \x02 is a hyphen it took for a soft one (at a line end); NULs pad.

    >>> _clean_run_text("burge\x02\x00\x00")
    'burge-'
    """
    text = text.split("\x00", 1)[0] if "\x00" in text.rstrip("\x00") else text.rstrip("\x00")
    text = text.replace("\x02", "-").translate(_LIGATURES)
    return re.sub(r"[\r\n\t\x0b\x0c\x01\x03-\x08\x0e-\x1f]", " ", text)


def extract_pages(data: bytes) -> list[PageRuns]:
    """The text runs, image count and link annotations of every page (raises `ReaderError`)."""
    if pdfium is None:
        raise ReaderError("the PDF reader needs the pypdfium2 package", hint="pip install pypdfium2")
    _check_complete(data)
    with _PDFIUM_LOCK:  # PDFium is not thread-safe
        return _extract(data)


_PDFIUM_LOCK = threading.Lock()


def _extract(data: bytes) -> list[PageRuns]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from exc
    pages: list[PageRuns] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    reader = _PageReader(page.raw, textpage.raw)
                    runs = reader.runs()
                    width, height = page.get_size()
                    pages.append(PageRuns(i, width, height, runs, reader.images, tuple(_links(pdf.raw, page.raw))))
                finally:
                    textpage.close()
            finally:
                page.close()
    except (pdfium.PdfiumError, ctypes.ArgumentError, OSError, ValueError) as exc:
        raise ReaderError(
            f"page {len(pages) + 1} cannot be read: {_pdfium_reason(exc)}", hint="the PDF is damaged; download it again"
        ) from exc
    finally:
        pdf.close()
    return pages


def _check_complete(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise ReaderError("the file does not start with a PDF header (%PDF-)", hint="give the PDF file itself")
    if b"%%EOF" not in data[-2048:]:
        raise ReaderError(
            "the PDF is truncated: it does not end with the end-of-file marker %%EOF",
            hint="the download or copy was cut short; fetch the file again",
        )


def _open_error(exc: Exception) -> ReaderError:
    code = pdfium_c.FPDF_GetLastError()
    if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
        return ReaderError(
            "the PDF is encrypted and needs a password to open",
            hint="save a decrypted copy, e.g. with `qpdf --decrypt`, and parse that",
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ReaderError(
            "the PDF uses a security handler PDFium does not support", hint="save an unprotected copy and parse that"
        )
    return ReaderError(
        f"the PDF is damaged and cannot be opened: {_pdfium_reason(exc)}",
        hint="download the file again or repair it, e.g. with `qpdf in.pdf out.pdf`",
    )


def _pdfium_reason(exc: Exception) -> str:
    """PDFium's reason without the wrapper's wording: 'Failed to load document (PDFium: Data format error).' → 'data format error'."""
    text = str(exc)
    m = re.search(r"PDFium:\s*([^)]*)", text)
    return (m.group(1) if m else text).strip(" .").lower() or "unknown error"


def _links(doc: object, page: object) -> list[tuple[tuple[float, float, float, float], str]]:
    """The URI link annotations of a page: (rect, uri)."""
    out = []
    pos = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page, pos, link):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        n = pdfium_c.FPDFAction_GetURIPath(doc, action, None, 0)
        if n <= 1 or n > 8192:
            continue
        buf = ctypes.create_string_buffer(n)
        pdfium_c.FPDFAction_GetURIPath(doc, action, buf, n)
        uri = buf.value.decode("utf-8", errors="replace").strip()
        if uri and pdfium_c.FPDFLink_GetAnnotRect(link, rect):
            out.append(((rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top)), uri))
    return out


# --- lines --------------------------------------------------------------------------------------


class PdfLine:
    """Runs on one baseline that belong together (a line of one column); `kind` is its zone.

    `main` is the run that sets the line's baseline and size (the largest, then the longest);
    `raw` is all runs' text, left to right, spaced by their gaps (markers included).
    """

    __slots__ = ("base", "kind", "main", "page", "raw", "runs", "size", "x0", "x1")

    def __init__(self, runs: list[Run], page: int, kind: str = "body"):
        self.runs = runs
        self.page = page
        self.kind = kind  # body | header | margin | footer | footnote | marker
        self.main = max(runs, key=lambda r: (round(r.size, 1), len(r.text)))
        self.base = self.main.base
        self.size = self.main.size
        self.x0 = runs[0].x0
        self.x1 = max(r.x1 for r in runs)
        self.raw = _join_runs(self, keep=None)

    def raised(self, run: Run) -> bool:
        """Is `run` a smaller run set above the line's baseline (a footnote marker or number)?"""
        return run.size < 0.9 * self.size and run.base > self.base + 0.12 * self.size


def build_lines(page: PageRuns) -> list[PdfLine]:
    """Group a page's runs into lines (one baseline, one column), top to bottom, left to right.

    Runs on one baseline form a row; a row of smaller runs raised above (or sunk below) a larger
    one joins it (footnote markers, a footnote's own number). A wide gap splits a row into columns
    (the left-column box beside the running footer).
    """
    rows: list[list[Run]] = []
    for run in sorted(page.runs, key=lambda r: (-r.base, r.x0)):
        for row in reversed(rows[-4:]):
            ref = max(row, key=lambda r: r.size)
            if abs(ref.base - run.base) <= 0.2 * max(ref.size, run.size) and not _overlaps(row, run):
                row.append(run)
                break
        else:
            rows.append([run])
    lines: list[PdfLine] = []
    for row in _attach_raised(rows):
        for seg in _segments(sorted(row, key=lambda r: r.x0)):
            lines.append(PdfLine(seg, page.number))
    lines.sort(key=lambda ln: (-round(ln.base, 0), ln.x0))
    return lines


def _overlaps(row: list[Run], run: Run) -> bool:
    """Does `run` lie over a run already in the row (text drawn twice, or a second line)?"""
    for r in row:
        inter = min(r.x1, run.x1) - max(r.x0, run.x0)
        if inter > 0.5 * min(r.x1 - r.x0, run.x1 - run.x0) and inter > 0:
            return True
    return False


def _attach_raised(rows: list[list[Run]]) -> list[list[Run]]:
    """Merge rows of small runs into the larger row they are raised above or sunk below."""
    info = []
    for row in rows:
        main = max(row, key=lambda r: r.size)
        info.append((main.size, main.base, min(r.x0 for r in row), max(r.x1 for r in row)))
    target: dict[int, int] = {}
    for i, (size, base, lo, hi) in enumerate(info):
        best, best_d = None, 1e9
        for j in range(max(0, i - 3), min(len(rows), i + 4)):
            if j == i or j in target:
                continue
            osize, obase, olo, ohi = info[j]
            if size > 0.9 * osize:
                continue
            d = base - obase
            if not (0 < d <= 0.65 * osize or 0 < -d <= 0.35 * osize):
                continue
            if lo < olo - 3 * osize or hi > ohi + 3 * osize:
                continue
            if abs(d) < best_d:
                best, best_d = j, abs(d)
        if best is not None and i not in target.values():
            target[i] = best
    out = [list(r) for r in rows]
    for i, j in target.items():
        out[j].extend(rows[i])
    return [row for i, row in enumerate(out) if i not in target]


def _segments(runs: list[Run]) -> list[list[Run]]:
    size = max(r.size for r in runs)
    segs: list[list[Run]] = [[runs[0]]]
    for run in runs[1:]:
        if run.x0 - max(r.x1 for r in segs[-1]) > 3 * size:
            segs.append([run])
        else:
            segs[-1].append(run)
    return segs


def _join_runs(line: PdfLine, keep: Callable[[Run], bool] | None) -> str:
    """The text of a line's runs that `keep(run)` accepts (all when None), spaced by the gaps between runs."""
    out = ""
    prev_x1: float | None = None
    pending_space = False
    for run in line.runs:
        gap_left = run.x0 - prev_x1 if prev_x1 is not None else 0.0
        if keep is not None and not keep(run):
            # a dropped marker keeps the space it stood between ("2023¹ heb" → "2023 heb")
            pending_space = pending_space or gap_left > 0.2 * line.size or run.text[:1].isspace() or run.text[-1:].isspace()
            prev_x1 = run.x1
            continue
        text = run.text
        if out and not out[-1].isspace() and not text[:1].isspace() and (pending_space or gap_left > 0.2 * line.size):
            out += " "
        out += text
        pending_space = False
        prev_x1 = run.x1
    return re.sub(r"[ \u00a0]{2,}", " ", out).strip()


# --- zones --------------------------------------------------------------------------------------

_DASH = "[-\u2010-\u2015\u2212]"
_FOOTER = re.compile(rf"^(Tweede|Eerste) Kamer, vergaderjaar (\d{{4}}\s*{_DASH}\s*\d{{4}}), (Aanhangsel|Vragen)\b(?:\s+\d+)?\s*$")
_CHAMBER = re.compile(r"^(Tweede|Eerste) Kamer der Staten-Generaal\b")
_VERGADERJAAR = re.compile(rf"^Vergaderjaar (\d{{4}}\s*{_DASH}\s*\d{{4}})")
_PUB_ID = re.compile(r"^((?:ah|kv)-(?:tk|ek)-[0-9A-Za-z-]+)$")
_BOX = re.compile(r"^(?:ISSN\s+0921|[’'`]s-Gravenhage\s+\d{4})")
_ZAAK = re.compile(r"^(\d{4})\s?Z\s?(\d{5})$")
_MARKERS = re.compile(r"^\d{1,3}(?:\s*(?:,|en|t/m|–|-)\s*\d{1,3})*$")
_LABEL = re.compile(
    r"^(?:Vraag|Vragen|Antwoord|Antwoorden|Mededeling|Toelichting)\b(?:\s+(?:op\s+)?(?:vraag\s+)?[\d, en-]*)?\s*:?$"
)


@dataclass(slots=True)
class _Stats:
    body_size: float
    body_left: float
    right: float
    pitch: float


def _stats(lines: list[PdfLine]) -> _Stats:
    sizes: Counter[float] = Counter()
    for ln in lines:
        for r in ln.runs:
            sizes[round(r.size, 1)] += len(r.text.strip())
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    body = [ln for ln in lines if abs(ln.size - body_size) <= 0.06 * body_size]
    lefts = Counter(round(ln.x0) for ln in body)
    body_left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(0.95 * (len(rights) - 1))] if rights else 1e9
    gaps = [
        a.base - b.base
        for a, b in itertools.pairwise(body)
        if a.page == b.page and 0.8 * body_size < a.base - b.base < 2.0 * body_size
    ]
    pitch = statistics.median(gaps) if gaps else 1.2 * body_size
    return _Stats(body_size, body_left, right, pitch)


def _is_body_size(ln: PdfLine, st: _Stats) -> bool:
    return abs(ln.size - st.body_size) <= 0.06 * st.body_size


def _mark_furniture(pages: list[list[PdfLine]], sizes: list[tuple[float, float]], st: _Stats) -> None:
    """Set `kind` of header, footer, margin-box and marker-only lines."""
    for p, lines in enumerate(pages):
        _, height = sizes[p]
        for ln in lines:
            s = ln.raw
            if _FOOTER.match(s):
                ln.kind = "footer"
            elif ln.x1 < st.body_left - 5 and (_PUB_ID.match(s) or _BOX.match(s)):
                ln.kind = "margin"
            elif ln.size < 0.9 * st.body_size and _MARKERS.match(s) and (ln.x1 < st.body_left - 2 or len(s) > 3):
                ln.kind = "marker"  # markers printed apart from the text (in the margin)
            elif (
                re.fullmatch(r"\d{1,4}", s) and (ln.base < 0.06 * height or ln.base > 0.96 * height) and not _is_body_size(ln, st)
            ):
                ln.kind = "footer"  # a page number on its own
        if p == 0:
            for ln in lines:  # the header: larger type above the first line of running text
                if _is_body_size(ln, st) and ln.kind == "body":
                    break
                if ln.kind == "body" and ln.size >= 1.03 * st.body_size:
                    ln.kind = "header"
        for ln in lines:  # the header repeated on a later page
            if ln.kind == "body" and (_CHAMBER.match(ln.raw) or _VERGADERJAAR.match(ln.raw)) and ln.size >= 1.03 * st.body_size:
                ln.kind = "header"


# --- footnotes ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Note:
    number: int
    lines: list[str]
    forced: list[bool]  # per line: did the line end because the column was full (not at a paragraph end)?
    indent: float
    boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    last: PdfLine | None = None


def _footnote_start(text: str, expected: int, raised: bool = False) -> tuple[int, str] | None:
    """The footnote number opening a line and the text after it, when the line opens a footnote.

    A raised (smaller) number opens a footnote whatever its value beyond the last one; a number in
    the text's own size only when it is the next one expected and followed by footnote-like text.
    """
    m = re.match(r"^(\d{1,3})\s*(.*)$", text)
    if not m:
        return None
    n, rest = int(m.group(1)), m.group(2)
    if raised:
        return (n, rest) if expected <= n <= expected + 20 else None
    if (
        n != expected
        or not rest
        or not re.match(r"(?:https?:|www\.|[A-Z«“\"'‘(]|[a-z][\w.-]*\.(?:nl|com|org|eu|int|gov)\b)", rest)
    ):
        return None
    if not text[len(m.group(1)) : len(m.group(1)) + 1].isspace() and rest[:1].isdigit():
        return None
    return n, rest


def _footnote_zone(lines: list[PdfLine], st: _Stats) -> list[PdfLine]:
    """The block of small-type lines at the bottom of a page, above the footer."""
    zone: list[PdfLine] = []
    for ln in reversed(lines):
        if ln.kind in ("footer", "margin", "header", "marker"):
            continue
        if ln.size >= 0.92 * st.body_size:
            break
        if zone and ln.base - zone[-1].base > 2.0 * max(ln.size, zone[-1].size):
            break
        zone.append(ln)
    zone.reverse()
    return zone


def _collect_footnotes(pages: list[list[PdfLine]], st: _Stats) -> list[_Note]:
    notes: list[_Note] = []
    for lines in pages:
        zone = _footnote_zone(lines, st)
        current: _Note | None = notes[-1] if notes else None
        started = False
        for ln in zone:
            expected = notes[-1].number + 1 if notes else 1
            first = ln.runs[0]
            start = None
            if (
                re.fullmatch(r"\s*\d{1,3}\s*", first.text)
                and (ln.raised(first) or first.size < 0.9 * ln.size)
                and len(ln.runs) > 1
            ):
                rest = _join_runs(ln, keep=lambda r, f=first: r is not f)
                start = _footnote_start(f"{first.text.strip()} {rest}", expected, raised=True)
                indent = ln.runs[1].x0
            else:
                start = _footnote_start(ln.raw, expected)
                indent = ln.x0 + 2 * st.body_size
            if start is not None:
                current = _Note(start[0], [start[1]], [], indent)
                notes.append(current)
                started = True
            elif current is not None and (started or ln.x0 >= current.indent - 1.5):
                current.lines.append(ln.raw)
            else:
                continue  # small type that is no footnote (a table above the notes): running text
            ln.kind = "footnote"
            current.boxes.append((ln.page, ln.x0, ln.base - 0.3 * ln.size, ln.x1, ln.base + ln.size))
            if current.last is not None and len(current.lines) > 1:
                current.forced.append(_forced_break(current.last, ln, st))
            current.last = ln
    return notes


def _forced_break(line: PdfLine, nxt: PdfLine, st: _Stats) -> bool:
    """Did `line` end because the next word would not fit (rather than at the end of a paragraph or URL)?"""
    text = nxt.raw
    word = text.split(" ", 1)[0] if text else ""
    width = (nxt.x1 - nxt.x0) / max(len(text), 1)
    return line.x1 + width * (len(word) + 1) > st.right - 1


_URL_TAIL = re.compile(r"(?:https?://|www\.|\b[a-z0-9-]+\.(?:nl|com|org|net|eu|int|gov|be|de|uk|info|io|news)/)\S*$", re.I)


def _join_footnote_lines(lines: list[str], forced: list[bool], vocabulary: set[str] | None = None) -> str:
    """Join a footnote's lines: a URL broken at the column edge is rejoined whole (hyphen kept)."""
    out = ""
    for i, s in enumerate(lines):
        s = s.strip()
        if not s:
            continue
        if not out:
            out = s
            continue
        tail = _URL_TAIL.search(out)
        was_full = forced[i - 1] if i - 1 < len(forced) else True
        url_open = (
            tail is not None and not re.search(r"[)»”]\.?$|\.$", tail.group(0)) and (was_full or re.search(r"[/\-_.=&?#%]$", out))
        )
        new_url = re.match(r"^(?:https?:|www\.)", s) and not out.endswith("://")
        if url_open and re.match(r"^[\w%./\-=&?#~+:;,@!$'()*]+", s) and not new_url:
            out += s
        else:
            out = join_lines([out, s], vocabulary)
    return re.sub(r"\s+", " ", out).strip()


def _resolve_with_links(
    urls: list[str], note: _Note, links: dict[int, list[tuple[tuple[float, float, float, float], str]]]
) -> list[str]:
    """Prefer a link annotation's URI over the printed URL when they differ only by line-break damage."""
    if not links:
        return urls
    uris = [uri for page, *box in note.boxes for rect, uri in links.get(page, []) if _intersects(rect, box)]
    out = []
    for url in urls:
        key = re.sub(r"[\s-]", "", url).rstrip("/")
        match = next((u for u in uris if re.sub(r"[\s-]", "", u).rstrip("/").endswith(key) and len(key) > 10), None)
        out.append(match if match and not match.startswith(url + " ") else url)
    return out


def _intersects(a: tuple[float, float, float, float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- the running text ---------------------------------------------------------------------------


@dataclass(slots=True)
class Parts:
    """What the layout analysis gives: running text, footnotes, and header facts from the furniture."""

    body: str
    footnotes: list[tuple[int, str, list[str]]]
    chamber: Chamber | None = None
    session: str | None = None
    number: int | None = None
    zaak: str | None = None
    pub_id: str | None = None


def body_and_footnotes(pages: list[PageRuns]) -> Parts:
    """Split the pages into running text (Aanhangsel text layout), footnotes and furniture facts."""
    page_lines = [build_lines(p) for p in pages]
    st = _stats([ln for lines in page_lines for ln in lines])
    _mark_furniture(page_lines, [(p.width, p.height) for p in pages], st)
    notes = _collect_footnotes(page_lines, st)
    numbers = {n.number for n in notes}
    words = {
        w.lower() for lines in page_lines for ln in lines if ln.kind == "body" for w in re.findall(r"[\w-]+", ln.raw.rstrip("-"))
    }
    links = {p.number: list(p.links) for p in pages if p.links}
    footnotes = []
    for note in notes:
        text = _join_footnote_lines(note.lines, note.forced, words)
        printed = find_urls(text)
        urls = _resolve_with_links(printed, note, links)
        for old, new in zip(printed, urls, strict=True):
            text = text.replace(old, new) if old != new else text
        footnotes.append((note.number, text, urls))
    parts = Parts(_compose(page_lines, st, numbers), footnotes)
    _read_furniture(page_lines, parts)
    return parts


def _markers(line: PdfLine, numbers: set[int]) -> set[int]:
    """Indices of the runs of a line that are footnote markers: raised digits naming footnotes.

    Raised digits after a unit ("m²", "km³") stay text; without footnotes any raised number is a marker.
    """
    out: set[int] = set()
    for i, run in enumerate(line.runs):
        if not line.raised(run) or not _MARKERS.match(run.text.strip()):
            continue
        if i and re.search(r"(?:^|[\s\d(])[kcdm]?m$", line.runs[i - 1].text) and run.text.strip() in ("2", "3"):
            continue
        if not numbers or {int(n) for n in re.findall(r"\d+", run.text)} <= numbers:
            out.add(i)
    return out


def _compose(pages: list[list[PdfLine]], st: _Stats, numbers: set[int]) -> str:
    """The running text: one text line per PDF line, blank lines at paragraph gaps, \\f between pages."""
    out: list[str] = []
    prev: PdfLine | None = None
    seen_label = False
    for lines in pages:
        body = [ln for ln in lines if ln.kind == "body"]
        for ln in body:
            drop = _markers(ln, numbers)
            dropped = {id(ln.runs[i]) for i in drop}
            text = _join_runs(ln, keep=(lambda r, d=dropped: id(r) not in d) if dropped else None)
            if not text:
                continue
            if prev is not None and prev.page == ln.page and abs(prev.base - ln.base) < 0.3 * ln.size:
                out[-1] += " " + text  # another cell of the same row
                prev = ln
                continue
            if prev is not None and _paragraph_break(prev, ln, st, seen_label):
                out.append("")
            if prev is not None and ln.page != prev.page:
                text = "\f" + text
            out.append(text)
            seen_label = seen_label or bool(_LABEL.match(text.lstrip("\f")))
            prev = ln
    return "\n".join(out) + "\n"


def _paragraph_break(prev: PdfLine, ln: PdfLine, st: _Stats, after_labels: bool) -> bool:
    """A blank line between two lines of running text: a wide vertical gap, or a short last line."""
    if prev.page == ln.page and prev.base - ln.base > 1.4 * st.pitch:
        return True
    if not after_labels or not _is_body_size(prev, st):
        return False
    text = prev.raw
    if not re.search(r"[.?!:;»”)]$", text):
        return False
    nxt = ln.raw
    if not re.match(r"^[A-Z0-9(«“•\-–]", nxt):
        return False
    return not _forced_break(prev, ln, st)


def _read_furniture(pages: list[list[PdfLine]], parts: Parts) -> None:
    """Header facts: chamber and vergaderjaar, the Aanhangsel number or zaak, the publication id."""
    header = [ln for lines in pages for ln in lines if ln.kind == "header"]
    for ln in header:
        s = ln.raw
        if m := _CHAMBER.match(s):
            parts.chamber = parts.chamber or Chamber(f"{m.group(1)} Kamer")
        if m := _VERGADERJAAR.match(s):
            parts.session = parts.session or grammar.normalise_session(m.group(1))
        if m := _ZAAK.match(s):
            parts.zaak = f"{m.group(1)}Z{m.group(2)}"
        elif re.fullmatch(r"\d{1,5}", s) and ln.size < 30:
            parts.number = int(s)  # the lowest lone number above the heading
    for lines in pages:
        for ln in lines:
            s = ln.raw
            if ln.kind == "margin" and (m := _PUB_ID.match(s)):
                parts.pub_id = parts.pub_id or m.group(1)
            elif ln.kind == "footer" and (m := _FOOTER.match(s)):
                parts.chamber = parts.chamber or Chamber(f"{m.group(1)} Kamer")
                parts.session = parts.session or grammar.normalise_session(m.group(2))


def _finish(doc: Document, parts: Parts) -> Document:
    """Put the footnotes and furniture facts read from positions into the parsed document."""
    text = parts.body
    footnotes = []
    if parts.footnotes:
        text = text.rstrip("\n") + "\n\n"
        for number, note, urls in parts.footnotes:
            head = f"{number} "
            start = len(text) + len(head)
            text += f"{head}{note}\n"
            footnotes.append(Footnote(number, note, tuple(urls), Span(start, start + len(note))))
    chamber = parts.chamber or doc.chamber
    session = parts.session or doc.session
    zaak, number, pub_id = parts.zaak or doc.zaak, doc.number, parts.pub_id
    if pub_id and (m := re.match(r"^ah-(?:tk|ek)-\d{8}-(\d+)$", pub_id)):
        number = int(m.group(1))
    elif pub_id and (m := re.match(r"^kv-(?:tk|ek)-(\d{4}Z\d{5})$", pub_id)):
        zaak = zaak or m.group(1)
    if parts.number is not None:
        number = parts.number
    if doc.kind == Kind.QUESTIONS:
        number = None
    if pub_id is None:
        house = "ek" if chamber == Chamber.EERSTE_KAMER else "tk"
        if doc.kind == Kind.QUESTIONS and zaak:
            pub_id = f"kv-{house}-{zaak}"
        elif number is not None and session:
            pub_id = f"ah-{house}-{session.replace('-', '')}-{number}"
        else:
            pub_id = doc.id
    return doc.replace(
        text=text,
        footnotes=tuple(footnotes) if parts.footnotes or not doc.footnotes else doc.footnotes,
        chamber=chamber,
        session=session,
        number=number,
        zaak=zaak,
        id=pub_id,
    )
