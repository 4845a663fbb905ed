"""The PDF reader: layout zones (header, box, footer, footnotes), the record, and broken inputs.

Fixtures in tests/fixtures/pdf/ are written by tests/fixtures/pdf/make_fixtures.py (reportlab).
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from kg.errors import KgError, ParseError, ReaderError
from kg.model import Kind
from kg.readers import read_bytes, read_file, sniff
from kg.readers.pdf import PageRuns, Run, body_and_footnotes, build_lines, read

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
ANSWER = FIXTURES / "ah-answer.pdf"
QUESTIONS = FIXTURES / "kv-questions.pdf"


@pytest.fixture(scope="module")
def answer():
    return read_file(ANSWER)


# --- the record of an answered question set ---------------------------------------------------


def test_header_facts_come_from_the_furniture(answer):
    assert answer.reader == "pdf"
    assert (answer.id, answer.kind, answer.chamber.value, answer.session, answer.number) == (
        "ah-tk-20232024-4321",
        Kind.ANSWER,
        "Tweede Kamer",
        "2023-2024",
        4321,
    )
    assert answer.title == "het bericht «Fietsen in de stad»"
    assert (str(answer.date_submitted), str(answer.date_answered)) == ("2024-03-06", "2024-04-02")


def test_people_and_offices(answer):
    assert [(m.name, m.party) for m in answer.askers] == [("Jansen", "D66"), ("Kostić", "PvdD")]
    assert unicodedata.is_normalized("NFC", answer.askers[1].name)  # the accent drawn apart is combined
    assert [(o.role.value, o.portfolio) for o in answer.addressees] == [("Minister", "Justitie en Veiligheid")]
    assert [(o.name, o.portfolio) for o in answer.answerers] == [("Van Weel", "Justitie en Veiligheid")]


def test_questions_and_answers_without_markers_or_furniture(answer):
    assert [(q.number, q.text) for q in answer.questions] == [
        (1, "Kent u het bericht «Fietsen in de stad»?"),
        (2, "Hoeveel fietsen zijn in 2023 gestolen volgens de cijfers van de politie?"),
        (3, "Welke maatregelen neemt u om fietsendiefstal tegen te gaan?"),  # on page 2
    ]
    assert [a.questions for a in answer.answers] == [(1,), (2,), (3,)]
    # a short last line ends a paragraph: a blank line
    assert answer.answers[1].text == (
        "In 2023 zijn ongeveer 100.000 fietsen als gestolen gemeld. Het werkelijke aantal ligt hoger, "
        "omdat niet iedere diefstal wordt gemeld.\n\nIk vind dat te veel."
    )
    for furniture in (
        "ISSN",
        "Gravenhage",
        "Staten-Generaal",
        "vergaderjaar 2023–2024, Aanhangsel",
        "Vragen gesteld door",
        "Gedownload",
    ):
        assert furniture not in answer.text


def test_footnotes_from_the_small_type_zone(answer):
    assert [f.number for f in answer.footnotes] == [1, 2, 3]
    one, two, three = answer.footnotes
    # a URL broken at the column edge comes out whole, its real hyphen kept
    assert one.urls == ("https://nos.nl/artikel/2510977-fietsen-in-de-stad-worden-vaker-gestolen-dan-ooit",)
    assert one.text.startswith("NOS, 5 maart 2024, «Fietsen in de stad» (https://nos.nl/")
    assert (two.text, two.urls) == ("Kamerstuk 36 410 VI, nr. 12", ())
    # the link annotation says the hyphen at the break was not part of the URL
    assert three.urls == ("https://example.org/rapporten/2023/fietsendiefstalinnederlandoverhetjaar2023",)
    assert "fietsendiefstalinnederlandoverhetjaar2023" in three.text


def test_spans_point_into_the_text(answer):
    for f in answer.footnotes:
        assert f.span is not None and f.span.slice(answer.text) == f.text
    assert answer.title_span is not None and answer.title_span.slice(answer.text) == answer.title
    for q in answer.questions:
        assert q.span is not None and q.text.split()[0] in q.span.slice(answer.text)


def test_open_questions_kv():
    doc = read_file(QUESTIONS)
    assert (doc.kind, doc.id, doc.zaak, doc.number, doc.session) == (
        Kind.QUESTIONS,
        "kv-tk-2024Z18436",
        "2024Z18436",
        None,
        "2024-2025",
    )
    assert [q.number for q in doc.questions] == [1, 2]
    assert doc.questions[0].text == "Bent u bekend met het artikel «Hiv neemt toe»?"
    assert [(f.number, f.urls) for f in doc.footnotes] == [(1, ("https://nos.nl/artikel/1",))]
    assert [(m.name, m.party) for m in doc.askers] == [("Rooderkerk", "D66"), ("Paulusma", "D66")]


def test_detected_by_content():
    data = ANSWER.read_bytes()
    assert sniff(data) == "pdf"
    assert read_bytes(data, "no-extension").reader == "pdf"


# --- broken inputs ----------------------------------------------------------------------------


def test_scan_without_text_layer():
    with pytest.raises(ReaderError, match="no text layer") as err:
        read_file(FIXTURES / "scan.pdf")
    assert "OCR" in str(err.value) and "scan.pdf" in str(err.value)


@pytest.mark.parametrize("keep", [0.5, 0.9, -3])
def test_truncated(keep):
    data = ANSWER.read_bytes()
    cut = data[: int(len(data) * keep)] if keep > 0 else data[:keep]
    with pytest.raises(ReaderError, match="truncated"):
        read_bytes(cut, "cut.pdf")


def test_encrypted():
    with pytest.raises(ReaderError, match="encrypted"):
        read_file(FIXTURES / "encrypted.pdf")


def test_damaged():
    with pytest.raises(ReaderError, match="damaged"):
        read(b"%PDF-1.4\nnot a PDF body at all\n%%EOF\n", "x.pdf")


def test_corrupted_bytes_never_raise_raw_exceptions():
    data = ANSWER.read_bytes()
    rng = random.Random(7)
    for _ in range(25):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            buf[rng.randrange(200, len(buf) - 200)] = rng.randrange(256)
        try:
            read_bytes(bytes(buf), "noisy.pdf")
        except KgError as exc:
            assert isinstance(exc, ParseError)


# --- lines from runs --------------------------------------------------------------------------


def _run(text: str, x0: float, base: float, size: float = 8.5) -> Run:
    return Run(text, x0, x0 + 0.5 * size * len(text), base - 0.2 * size, base + 0.8 * size, base, size)


def test_raised_marker_joins_its_line_and_columns_split():
    page = PageRuns(
        0,
        558,
        771,
        [
            _run("tegengaan?", 221, 400),
            _run("1", 264, 403.5, 5.5),  # a footnote marker
            _run("Zo ja,", 270, 400),
            _run("’s-Gravenhage 2024", 55, 69.4, 5.9),  # the box beside the footer
            _run("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1", 221, 69.4, 9.1),
        ],
    )
    lines = build_lines(page)
    assert [ln.raw for ln in lines] == [
        "tegengaan?1 Zo ja,",
        "’s-Gravenhage 2024",
        "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1",
    ]
    assert lines[0].raised(lines[0].runs[1])


# --- the corpus (../shared) -------------------------------------------------------------------


def _corpus_pdfs(shared: Path) -> list[Path]:
    pdfs = sorted((shared / "corpus" / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip("no PDFs in ../shared/corpus/pdf")
    return pdfs


@pytest.mark.shared
def test_every_corpus_pdf_parses(shared):
    for path in _corpus_pdfs(shared):
        doc = read_file(path)
        assert doc.id == path.stem, path
        assert doc.questions, path
        assert all(f.span.slice(doc.text) == f.text for f in doc.footnotes), path


def _names(people) -> list[tuple[str | None, ...]]:
    return [
        (unicodedata.normalize("NFC", p.name or "").casefold(), *[str(getattr(p, k, "")) for k in ("party", "role", "portfolio")])
        for p in people
    ]


@pytest.mark.shared
def test_pdf_and_its_pdftotext_twin_agree_on_the_header(shared):
    compared = 0
    for path in _corpus_pdfs(shared):
        twin = shared / "corpus" / "txt" / f"{path.stem}.pdftotext.txt"
        if not twin.exists():
            continue
        pdf, txt = read_file(path), read_file(twin)
        assert (pdf.kind, pdf.session, pdf.number) == (txt.kind, txt.session, txt.number), path
        assert _names(pdf.askers) == _names(txt.askers), path
        assert _names(pdf.answerers) == _names(txt.answerers), path
        assert [q.number for q in pdf.questions] == [q.number for q in txt.questions], path
        compared += 1
    assert compared


def test_markers_dropped_units_kept_footnote_taken_from_the_zone():
    body = [
        _run("Vraag 1", 221, 500),
        _run("Gaat het om 100 m", 221, 490.4),
        _run("2", 293.3, 493.9, 5.5),  # m²: a unit, not a marker
        _run("grond?", 299, 490.4),
        _run("1", 324.8, 493.9, 5.5),  # the marker of footnote 1
        _run("Antwoord 1", 221, 471.2),
        _run("Ja.", 221, 461.6),
    ]
    notes = [_run("1", 221, 178.1, 4.5), _run("Kamerstuk 36 410, nr. 3", 227.3, 175.4, 6.9)]
    parts = body_and_footnotes([PageRuns(0, 558, 771, body + notes)])
    assert "100 m2 grond?\n" in parts.body and "Kamerstuk" not in parts.body
    assert parts.footnotes == [(1, "Kamerstuk 36 410, nr. 3", [])]
