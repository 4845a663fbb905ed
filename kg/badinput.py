"""A catalogue of bad inputs (and of good inputs in awkward encodings) with what kg must do with each.

Used by the tests and by `benchmarks/robustness.py`, which prints the tally: inputs tried, crashes
(must be 0) and documents lost (must be 0).

>>> cases = {c.name: c for c in catalogue(seed_text="Vragen van het lid X (P) aan de Minister van A over b (ingezonden 1 mei 2014).\\nVraag 1\\nWat?\\n")}
>>> cases["empty"].expect, cases["utf16-bom"].expect
('error', 'parse')
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

__all__ = ["BadInput", "catalogue"]


@dataclass(frozen=True, slots=True)
class BadInput:
    """One input: its file name, bytes (or a writer for big files), and what must happen.

    `expect` is "error" (one clear ParseError naming the file), "parse" (a record) or "warn" (a
    record with a warning); `reason` is a phrase the message must contain.
    """

    name: str
    filename: str
    data: bytes | None
    expect: str
    reason: str = ""
    write: Callable[[Path], None] | None = None

    def materialise(self, folder: Path) -> Path:
        p = folder / self.filename
        if self.write is not None:
            self.write(p)
        else:
            p.write_bytes(self.data or b"")
        return p


def _big(p: Path, size: int = 200 * 2**20) -> None:
    with open(p, "wb") as f:
        f.truncate(size)  # sparse: 200 MB without writing them
        f.seek(0)
        f.write(b"Vragen van het lid X (P) aan de Minister van A over b (ingezonden 1 mei 2014).\n")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><kamervragen><vraag><al>&xxe;</al></vraag></kamervragen></officiele-publicatie>"""
_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<officiele-publicatie><kamervragen><vraag><al>&lol4;</al></vraag></kamervragen></officiele-publicatie>"""
_DOCTYPE = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie SYSTEM "http://example.org/op.dtd">
<officiele-publicatie><kamervragen/></officiele-publicatie>"""


def catalogue(seed_text: str, pdf: bytes | None = None) -> list[BadInput]:
    """Every kind of bad input the issue names, built from a good written-question text (and a good PDF)."""
    rng = os.urandom
    dup = seed_text.replace("Vraag 2", "Vraag 1", 1) if "Vraag 2" in seed_text else seed_text + "\nVraag 1\nNogmaals?\n"
    cases = [
        BadInput("empty", "empty.txt", b"", "error", "empty"),
        BadInput("whitespace", "blank.txt", b"  \n\n\t\n", "error", "empty"),
        BadInput("binary-garbage", "garbage.bin", rng(4096), "error", "binary"),
        BadInput("binary-with-txt-name", "garbage.txt", b"\x00\x01\x02" + rng(2000), "error", "binary"),
        BadInput("not-a-question-news", "nieuws.txt", b"Het kabinet presenteerde vandaag de begroting.\nDe oppositie reageerde kritisch.\n", "error", "not a written-question"),
        BadInput(
            "not-a-question-kamerstuk",
            "kamerstuk.txt",
            "Tweede Kamer der Staten-Generaal\nVergaderjaar 2023–2024\n36 200 VI Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid\nNr. 12 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\nHierbij bied ik u de voortgangsrapportage aan.\n".encode(),
            "error",
            "not a written-question",
        ),
        BadInput("cp1252", "cp1252.txt", seed_text.encode("cp1252", errors="replace"), "parse"),
        BadInput("latin-1", "latin1.txt", seed_text.encode("latin-1", errors="replace"), "parse"),
        BadInput("utf16-bom", "utf16.txt", seed_text.encode("utf-16"), "parse"),
        BadInput("utf8-bom", "utf8bom.txt", b"\xef\xbb\xbf" + seed_text.encode(), "parse"),
        BadInput("crlf", "crlf.txt", seed_text.replace("\n", "\r\n").encode(), "parse"),
        BadInput("200-MB", "huge.txt", None, "error", "larger than", write=_big),
        BadInput("xml-xxe", "xxe.xml", _XXE, "error", "DOCTYPE"),
        BadInput("xml-billion-laughs", "bomb.xml", _BOMB, "error", "DOCTYPE"),
        BadInput("xml-doctype", "doctype.xml", _DOCTYPE, "error", "DOCTYPE"),
        BadInput("xml-truncated", "cut.xml", b"<officiele-publicatie><kamervragen><vraag>", "error", "malformed XML"),
        BadInput("odata-malformed", "zaak.json", b'{"value": [{"Id": "x", "Soort": "Schriftelijke vragen", ', "error", "JSON"),
        BadInput("odata-not-tk", "other.json", b'{"hello": "world"}', "error", ""),
        BadInput("docx-corrupt", "corrupt.docx", b"PK\x03\x04" + rng(3000), "error", ""),
        BadInput("zip-not-word", "sheet.docx", _zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}), "error", ""),
        BadInput("docx-xxe", "xxe.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": _XXE}), "error", "DTD"),
        BadInput("duplicate-question-number", "dup.txt", dup.encode(), "warn", "printed twice"),
    ]
    if pdf:
        cases += [
            BadInput("pdf-truncated", "cut.pdf", pdf[: len(pdf) // 2], "error", ""),
            BadInput("pdf-garbage-after-header", "junk.pdf", b"%PDF-1.7\n" + rng(5000), "error", ""),
            BadInput("pdf-empty-header-only", "header.pdf", b"%PDF-1.4\n%%EOF\n", "error", ""),
        ]
    return cases
