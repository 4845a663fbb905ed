"""One document, every format: the same publication as text, PDF, Word, officielebekendmakingen XML
(with its metadata) and HTML gives the same record."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = FIXTURES / "xml" / "ah-tk-20232024-1402.txt"

HEADING = (
    "Vragen van de leden Van der Berg (VVD) en Jansen (GroenLinks-PvdA) aan de Minister van Infrastructuur en Waterstaat "
    "en de Staatssecretaris van Justitie en Veiligheid over het bericht «Fietsdiefstal bij stations neemt fors toe» "
    "(ingezonden 12 januari 2024)."
)
ANSWER_LINE = (
    "Antwoord van Minister De Groot (Infrastructuur en Waterstaat), mede namens de Staatssecretaris van Justitie en "
    "Veiligheid (ontvangen 8 februari 2024). Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1150"
)
BLOCKS: list[tuple[str, list[str], dict[str, str]]] = [
    ("Vraag 1", ["Kent u het bericht «Fietsdiefstal bij stations neemt fors toe»?"], {"toe»?": "1"}),
    ("Antwoord 1", ["Ja."], {}),
    ("Vraag 2", ["Hoeveel fietsen zijn er in 2022 en 2023 gestolen uit stallingen bij stations? Kunt u dit uitsplitsen per station?"], {}),
    ("Antwoord 2", ["Uit gegevens van ProRail blijkt dat in 2023 circa 12.000 fietsen uit stallingen bij stations zijn gestolen, tegen circa 10.500 in 2022. Een uitsplitsing per station is niet beschikbaar."], {"2022.": "2"}),
    ("Vraag 3", ["Klopt het dat slechts een klein deel van de aangiften van fietsdiefstal tot opsporing leidt?", "Zo ja, hoe verklaart u dat?"], {}),
    ("Antwoord 3", ["Aangiften van fietsdiefstal leiden inderdaad zelden tot opsporing, omdat er meestal geen opsporingsindicaties zijn.", "De politie geeft voorrang aan zaken waarin een dader in beeld is."], {}),
    ("Vraag 4", ["Bent u bekend met het rapport van het Kennisinstituut voor Mobiliteitsbeleid over fietsparkeervoorzieningen bij stations?"], {"stations?": "3"}),
    ("Vraag 5", ["Welke maatregelen neemt u om fietsdiefstal bij stations terug te dringen?"], {}),
    ("Antwoord 4 en 5", ["Ja. Het rapport laat zien dat bewaakte stallingen het risico op diefstal sterk verkleinen. Daarom investeer ik samen met gemeenten en ProRail in meer bewaakte stallingen."], {}),
]  # fmt: skip
NOTES = [
    ("1", "https://www.example.org/nieuws/fietsdiefstal-bij-stations"),
    ("2", "ProRail, Jaarverslag 2023, https://www.example.org/prorail/jaarverslag-2023.pdf"),
    ("3", "Kamerstuk 31 305, nr. 400"),
]


def _load(module: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(module, path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _pdf(path: Path) -> Path:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    mk = _load("pdf_fixtures", FIXTURES / "pdf" / "make_fixtures.py")
    c = canvas.Canvas(str(path), pagesize=(mk.W, mk.H), invariant=1)
    p = mk.Page(c, 509.1)
    mk._header(p, "1402")
    p.para(HEADING)
    p.para(ANSWER_LINE, gap=5.6)
    for label, paras, markers in BLOCKS[:5]:
        p.label(label)
        for para in paras:
            p.para(para, markers=markers)
    p.footnotes(NOTES[:2])
    mk._box_and_footer(p, "ah-tk-20232024-1402", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1")
    c.showPage()
    p = mk.Page(c, 740.0)
    for i, (label, paras, markers) in enumerate(BLOCKS[5:]):
        if i:
            p.label(label)
        else:
            p.text(label)
            p.y -= mk.PITCH
        for para in paras:
            p.para(para, markers=markers)
    p.footnotes(NOTES[2:])
    p.text("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2", 9.06, y=69.4)
    c.showPage()
    c.save()
    return path


def _docx(path: Path) -> Path:
    mk = _load("docx_fixtures", FIXTURES / "docx" / "make_fixtures.py")
    body = [mk.p(HEADING), mk.p(ANSWER_LINE)]
    notes: dict[int, str] = {}
    for label, paras, markers in BLOCKS:
        body.append(mk.p(label))
        for para in paras:
            runs = []
            for word in para.split(" "):
                runs.append(mk.t(word + " "))
                if word in markers:
                    n = int(markers[word])
                    runs.append(mk.footnote_ref(n))
                    notes[n] = mk.p(NOTES[n - 1][1])
            body.append(mk.p(*runs))
    path.write_bytes(mk.docx("".join(body), footnotes=notes))
    return path


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip()


def _essence(rec: dict[str, Any]) -> dict[str, Any]:
    people = {k: [{f: _norm(v) for f, v in p.items() if f != "ids"} for p in rec[k]] for k in ("askers", "addressees", "answerers", "on_behalf_of")}
    return {
        **{k: rec[k] for k in ("kind", "session", "date_submitted", "date_answered", "see_also")},
        "title": _norm(rec["title"]),
        **people,
        "questions": [(q["number"], _norm(q["text"])) for q in rec["questions"]],
        "answers": [(a["questions"], _norm(a["text"])) for a in rec["answers"]],
        "urls": sorted(u for f in rec["footnotes"] for u in f["urls"]),
    }


def test_one_document_in_every_format_gives_the_same_record(tmp_path: Path) -> None:
    inputs = {
        "text": TEXT,
        "xml": FIXTURES / "xml" / "ah-tk-20232024-1402" / "ah-tk-20232024-1402.xml",
        "html": FIXTURES / "xml" / "ah-tk-20232024-1402.html",
        "pdf": _pdf(tmp_path / "ah-tk-20232024-1402.pdf"),
        "docx": _docx(tmp_path / "ah-tk-20232024-1402.docx"),
    }
    records = {fmt: parse_file(p).to_record() for fmt, p in inputs.items()}
    expected = _essence(records["text"])
    assert expected["questions"][0] == (1, "Kent u het bericht «Fietsdiefstal bij stations neemt fors toe»?")
    for fmt, rec in records.items():
        got = _essence(rec)
        for key in expected:
            assert got[key] == expected[key], f"{fmt}: {key} differs\n{got[key]}\n!=\n{expected[key]}"
    # the formats that carry the Aanhangsel number agree on the publication
    for fmt in ("text", "xml", "html", "pdf"):
        assert (records[fmt]["id"], records[fmt]["number"]) == ("ah-tk-20232024-1402", 1402), fmt
