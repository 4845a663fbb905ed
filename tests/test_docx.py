"""Tests of the Word reader (kg/readers/docx.py) on generated fixtures, and on the shared corpus when present."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest

from kg.errors import NotAWrittenQuestion, ParseError, ReaderError
from kg.readers import read_bytes
from kg.readers.docx import _load, read
from kg.readers.layout import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

_spec = importlib.util.spec_from_file_location("docx_fixtures", FIXTURES / "make_fixtures.py")
assert _spec and _spec.loader
mf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="module")
def letter():
    return read_bytes(fixture("letter.docx"), "letter.docx")


# --- the ministry letter --------------------------------------------------------------------------


def test_fixture_files_match_their_builder():
    for name, build in mf.FIXTURES.items():
        assert fixture(name) == build(), f"{name} is stale: run tests/fixtures/docx/make_fixtures.py"


def test_letter_header_facts(letter):
    rec = letter.to_record()
    assert rec["kind"] == "answer"
    assert (rec["id"], rec["number"], rec["chamber"]) == (None, None, "Tweede Kamer")
    assert rec["zaak"] == "2024Z13579"
    assert rec["date_submitted"] == "2024-09-12"  # the Kamer's letter ("uw brief van …")
    assert rec["date_answered"] == "2024-10-03"  # the letter's own date (a DOCPROPERTY field result)
    assert rec["session"] == "2024-2025"  # not printed: from the dates
    assert rec["title"] == "wachtlijsten in de jeugdzorg"
    assert rec["askers"] == [{"name": "Bikker", "party": "ChristenUnie"}]
    assert rec["addressees"] == [{"role": "Minister", "portfolio": "Volksgezondheid, Welzijn en Sport"}]
    assert rec["answerers"] == [{"name": "Van der Berg", "role": "Minister", "portfolio": "Volksgezondheid, Welzijn en Sport"}]
    assert rec["on_behalf_of"] == [{"name": None, "role": "Minister", "portfolio": "Sociale Zaken en Werkgelegenheid"}]
    assert letter.reader == "docx"
    assert letter.title_span and letter.title_span.slice(letter.text) == letter.title


def test_letter_questions_and_answers(letter):
    assert [q.number for q in letter.questions] == [1, 2, 3, 4]
    assert letter.questions[0].text == "Kent u het bericht ‘Wachtlijsten in de jeugdzorg groeien’?"  # marker [1] gone
    assert [a.questions for a in letter.answers] == [(1,), (2, 3), (4,)]
    # each Word paragraph is a paragraph of the answer; the footnote reference leaves no trace
    assert letter.answers[1].text == "Het aantal wachtende kinderen is in 2024 gedaald.\n\nIk blijf de wachtlijsten volgen."
    # question 4 is answered without an 'Antwoord' label
    assert letter.questions[3].text == "Bent u bereid de Kamer halfjaarlijks te informeren?"
    assert letter.answers[2].text == "Ja, dat ben ik."
    for q in letter.questions:
        assert q.span is not None and q.span.slice(letter.text)


def test_letter_footnotes_typed_and_word(letter):
    notes = [f.to_record() for f in letter.footnotes]
    assert notes == [
        {"number": 1, "text": "NOS, 1 september 2024, https://nos.nl/artikel/123456-wachtlijsten-jeugdzorg-groeien",
         "urls": ["https://nos.nl/artikel/123456-wachtlijsten-jeugdzorg-groeien"]},
        {"number": 1, "text": "Kamerstuk 31839, nr. 1000, brief over de jeugdzorg",
         "urls": ["https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?id=2024D00001"]},
    ]


@pytest.mark.parametrize("name", ["letter.docx", "publication.docx", "questions.docx"])
def test_field_codes_never_leak(name):
    doc = read(fixture(name), name)
    for code in ("DOCPROPERTY", "DOCVARIABLE", "MERGEFORMAT", "mailing-aan", "PAGE", "Pagina 1", " IF ", "HYPERLINK"):
        assert code not in doc.text
    for place, text in doc.places():
        assert "DOCPROPERTY" not in text and "MERGEFORMAT" not in text, place


def test_field_results_are_read(letter):
    assert "3 oktober 2024" in letter.text and "4567890" in letter.text
    assert "Beantwoording Kamervragen van het lid Bikker" in letter.text  # fldSimple result


def test_text_box_is_read_once():
    headers = [p.text for p in _load(fixture("letter.docx")).headers]
    assert headers.count("Ons kenmerk") == 1 and headers.count("3 oktober 2024") == 1


def test_letter_without_uw_brief_and_with_date_line():
    body = "".join(
        [
            mf.p("Den Haag, 14 maart 2024"),
            mf.p("Hierbij zend ik u, mede namens de minister van Infrastructuur en Waterstaat, de antwoorden op de "
                 "vragen van het lid Kostić (PvdD) aan de staatssecretaris "
                 "van Landbouw, Natuur en Voedselkwaliteit over dierenwelzijn op veemarkten (2024Z01234)."),
            mf.p("De staatssecretaris van Landbouw, Natuur en Voedselkwaliteit,"),
            mf.p("J.A. de Graaf"),
            mf.p("Vraag 1"),
            mf.p("Bent u bekend met het rapport?"),
            mf.p("Antwoord 1"),
            mf.p("Ja."),
        ]
    )
    rec = read(mf.docx(body), "brief.docx").to_record()
    assert rec["zaak"] == "2024Z01234" and rec["date_answered"] == "2024-03-14" and rec["date_submitted"] is None
    assert rec["askers"] == [{"name": "Kostić", "party": "PvdD"}]
    assert rec["title"] == "dierenwelzijn op veemarkten"
    assert rec["on_behalf_of"] == [{"name": None, "role": "Minister", "portfolio": "Infrastructuur en Waterstaat"}]
    assert rec["answerers"] == [{"name": "De Graaf", "role": "Staatssecretaris", "portfolio": "Landbouw, Natuur en Voedselkwaliteit"}]
    assert [a["questions"] for a in rec["answers"]] == [[1]]


def test_postponement_letter_is_a_notice():
    body = "".join(
        [
            mf.p("Datum 2 april 2024"),
            mf.p("In antwoord op uw brief van 12 maart 2024, nr. 2024Z04321, deel ik u mede dat de vragen van het lid "
                 "Van Dijk (SGP) over de visserij niet binnen de gebruikelijke termijn kunnen worden beantwoord."),
        ]
    )
    rec = read(mf.docx(body), "uitstel.docx").to_record()
    assert rec["kind"] == "notice" and rec["answers"] == [] and rec["zaak"] == "2024Z04321"
    assert rec["askers"] == [{"name": "Van Dijk", "party": "SGP"}]


def test_misspelt_portfolios_are_corrected():
    body = "".join(
        [
            mf.p("In antwoord op uw brief van 8 maart 2024, nr. 2024Z04000, deel ik u mede dat de vragen van de leden "
                 "Lahlah en Chakor (GroenLinks-PvdA) aan de ministers van Justitie en Veiligheid en Binnenlandse Zaken en "
                 "Koninkrijkrelaties over boa’s worden beantwoord zoals aangegeven in de bijlage."),
            mf.p("Vraag 1"), mf.p("Klopt het bericht?"), mf.p("Antwoord op vraag 1"), mf.p("Nee."),
        ]
    )
    rec = read(mf.docx(body), "b.docx").to_record()
    assert [a["portfolio"] for a in rec["addressees"]] == ["Justitie en Veiligheid", "Binnenlandse Zaken en Koninkrijksrelaties"]


# --- the Tweede Kamer's Word layout ---------------------------------------------------------------


def test_publication_reads_like_its_text():
    doc = read(fixture("publication.docx"), "p.docx")
    as_text = parse_text("\n".join(mf.PUBLICATION_LINES), source="p.docx")
    rec, expected = doc.to_record(), as_text.to_record()
    assert rec.pop("footnotes") == [{"number": 1, "text": "Rijkswaterstaat, overzicht afsluitingen 2024",
                                     "urls": ["https://www.rijkswaterstaat.nl/afsluitingen-2024"]}]
    expected.pop("footnotes")
    assert rec == expected
    assert (rec["number"], rec["zaak"], rec["date_answered"]) == (777, "2024Z16001", "2024-11-21")


def test_numbered_list_labels_number_the_questions():
    doc = read(fixture("questions.docx"), "q.docx")
    assert doc.kind.value == "questions" and doc.zaak == "2024Z16002"
    assert [(q.number, q.text) for q in doc.questions] == [
        (1, "Kent u het bericht over de toeslagen?"),
        (2, "Hoeveel ouders wachten nog op herstel?"),
    ]


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("corrupt.docx", "not a readable zip"),
        ("no_document.docx", "without word/document.xml"),
        ("spreadsheet.zip", "not a Word document"),
        ("entity_bomb.docx", "DTD"),
        ("xxe.docx", "DTD"),
    ],
)
def test_broken_files_raise_reader_error(name, words):
    with pytest.raises(ReaderError) as info:
        read_bytes(fixture(name), name)  # routed to the Word reader by content (a zip)
    assert words in str(info.value) and name in str(info.value)


def test_xxe_is_not_resolved():
    with pytest.raises(ReaderError) as info:
        read(fixture("xxe.docx"), "xxe.docx")
    assert "root:" not in str(info.value)


def test_word_file_without_questions():
    with pytest.raises(NotAWrittenQuestion):
        read_bytes(fixture("not_a_question.docx"), "n.docx")


def test_damaged_files_never_crash():
    good = fixture("letter.docx")
    rng = random.Random(20241121)
    for _ in range(300):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        with contextlib.suppress(ParseError):
            read_bytes(bytes(data), "damaged.docx")


def test_shuffled_xml_never_crashes():
    """Elements dropped, doubled or swapped inside the parts: a record or a ParseError, nothing else."""
    good = zipfile.ZipFile(io.BytesIO(fixture("letter.docx")))
    parts = {n: good.read(n) for n in good.namelist()}
    rng = random.Random(7)
    for _ in range(300):
        name = rng.choice(sorted(parts))
        tokens = re.split(r"(<[^>]+>)", parts[name].decode("utf-8"))
        for _ in range(rng.randint(1, 6)):
            i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
            op = rng.random()
            if op < 0.3:
                tokens.insert(j, tokens[i])
            elif op < 0.6:
                del tokens[i]
            else:
                tokens[i], tokens[j] = tokens[j], tokens[i]
        with contextlib.suppress(ParseError):
            read_bytes(mf.zip_bytes({**parts, name: "".join(tokens).encode("utf-8")}), "shuffled.docx")


def test_deeply_nested_content_is_refused():
    body = "<w:tbl><w:tr><w:tc>" * 300 + mf.p("Vraag 1") + "</w:tc></w:tr></w:tbl>" * 300
    with pytest.raises(ReaderError, match="nested"):
        read(mf.docx(body), "deep.docx")


# --- the shared corpus (skipped when ../shared is absent) -----------------------------------------


def _corpus(pattern: str) -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted((SHARED / "corpus").glob(pattern))


@pytest.mark.parametrize("path", _corpus("docx/*.docx"), ids=lambda p: p.name)
def test_corpus_letters_match_gold(path):
    gold_path = SHARED / "gold" / (path.stem + ".json")
    if not gold_path.exists():
        pytest.skip("no gold record")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rec = read_bytes(path.read_bytes(), str(path)).to_record()
    for key in ("kind", "chamber", "session", "number", "zaak", "date_submitted", "date_answered", "title"):
        assert rec[key] == gold[key], key
    people = lambda items, keys: [tuple(i.get(k) for k in keys) for i in items]  # noqa: E731
    assert people(rec["askers"], ("name", "party")) == people(gold["askers"], ("name", "party"))
    assert people(rec["answerers"], ("name", "role", "portfolio")) == people(gold["answerers"], ("name", "role", "portfolio"))
    for key in ("addressees", "on_behalf_of"):
        assert people(rec[key], ("role", "portfolio")) == people(gold[key], ("role", "portfolio")), key
    assert [q["number"] for q in rec["questions"]] == [q["number"] for q in gold["questions"]]
    assert [a["questions"] for a in rec["answers"]] == [a["questions"] for a in gold["answers"]]
    for mine, theirs in zip(rec["questions"] + rec["answers"], gold["questions"] + gold["answers"], strict=True):
        assert mine["text"].startswith(theirs["text"][:40])
    assert [(f["number"], f["urls"]) for f in rec["footnotes"]] == [(f["number"], f["urls"]) for f in gold["footnotes"]]


@pytest.mark.parametrize("path", _corpus("txt/*.docx-extract.txt"), ids=lambda p: p.name)
def test_word_version_reads_like_its_extract(path):
    """A Word file holding the paragraphs of a Tweede Kamer Word extract gives the record of that text."""
    raw = path.read_bytes()
    lines = raw.decode("utf-8").replace("\r\n", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    try:
        expected = read_bytes(raw, "x", fmt="text").to_record()
    except ParseError as exc:
        with pytest.raises(type(exc)):
            read_bytes(mf.lines_docx(lines), "x")
        return
    assert read_bytes(mf.lines_docx(lines), "x").to_record() == expected
