"""The Aanhangsel text-layout reader (kg.readers.layout) on small hand-written fixtures of each layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError, NotAWrittenQuestion
from kg.model import Kind
from kg.readers.layout import detect_flavour, parse_text, split_lines

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def parse(name: str):
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"), source=name)


def record(name: str) -> dict:
    return parse(name).to_record()


# name, flavour, field, expected value in the contract record
CASES = [
    ("pdftotext_footnotes.txt", "pdftotext", "id", "ah-tk-20232024-1500"),
    ("pdftotext_footnotes.txt", "pdftotext", "date_answered", "2024-04-24"),
    ("pdftotext_footnotes.txt", "pdftotext", "askers", [{"name": "De Vries", "party": "VVD"}]),
    ("extract_glued.txt", "extract", "on_behalf_of", [{"name": None, "role": "Staatssecretaris", "portfolio": "Volksgezondheid, Welzijn en Sport"}]),
    ("extract_glued.txt", "extract", "askers", [{"name": "Kostić", "party": "PvdD"}]),
    ("extract_glued.txt", "extract", "see_also", [{"kind": "aanhangsel", "session": "2023-2024", "number": 2161}]),
    ("word_answer.txt", "word", "id", "ah-tk-20242025-604"),
    ("word_answer.txt", "word", "zaak", "2024Z18294"),
    ("word_answer.txt", "word", "see_also", [{"kind": "aanhangsel", "session": "2024-2025", "number": 250}]),
    ("word_kv_unnumbered.txt", "word", "kind", "questions"),
    ("word_kv_unnumbered.txt", "word", "date_submitted", "2024-11-20"),
    ("word_kv_unnumbered.txt", "word", "id", "kv-tk-2024Z18883"),
    ("word_notice.txt", "word", "kind", "notice"),
    ("word_notice.txt", "word", "answers", []),
    ("word_notice.txt", "word", "date_submitted", "2024-11-06"),
    ("word_notice.txt", "word", "title", "de berichten dat Zeeuwse buffels te veel PFAS binnenkrijgen"),
    ("seed_like.txt", "plain", "session", "2013-2014"),
    ("seed_like.txt", "plain", "on_behalf_of", [{"name": None, "role": "Staatssecretaris", "portfolio": "Veiligheid en Justitie"}]),
    ("seed_like.txt", "plain", "see_also", [{"kind": "aanhangsel", "session": "2013-2014", "number": 2290}]),
]


@pytest.mark.parametrize(("name", "flavour", "field", "expected"), CASES)
def test_fields(name: str, flavour: str, field: str, expected: object) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert detect_flavour(text, split_lines(text)) == flavour
    assert record(name)[field] == expected


def test_pdftotext_footnotes_lifted_out_of_order_and_urls_repaired() -> None:
    doc = parse("pdftotext_footnotes.txt")
    notes = {f.number: f for f in doc.footnotes}
    assert sorted(notes) == [1, 2, 3]
    # "1 / body / body / 3 / body / 2": the number 2 printed last belongs to the second body after 1
    assert notes[2].text == "Kamerstuk 29 517, nr. 250"
    assert notes[3].text == "Kamerstuk 28 684, nr. 700"
    # pdftotext dropped the hyphen where the URL broke over lines ("vuurwerkopgeslagen")
    assert notes[1].urls == ("https://eenvandaag.avrotros.nl/item/in-ruim-400-woonwijken-ligt-tot-10000-kilo-vuurwerk-opgeslagen/",)
    text = " ".join(q.text for q in doc.questions) + " ".join(a.text for a in doc.answers)
    assert "ISSN" not in text and "Aanhangsel" not in text and "ah-tk-" not in text and "EenVandaag" not in text
    assert doc.questions[0].text.endswith("woonwijken?")  # marker 1 removed
    assert doc.questions[1].text == "Hoeveel opslagplaatsen liggen er in woonwijken? Kunt u dat per provincie aangeven?"
    # a short line that ends a sentence ends the paragraph
    assert doc.answers[1].text.endswith("zomerreces.\n\nDe regels voor de opslag staan in het Vuurwerkbesluit.")
    assert [q.number for q in doc.questions] == [1, 2, 3]


def test_extract_glue_split_and_footnote() -> None:
    doc = parse("extract_glued.txt")
    assert doc.addressees[0].portfolio == "Landbouw, Natuur en Voedselkwaliteit"
    answer = doc.answers[0].text
    assert "gesproken over de rol" in answer
    assert "bevestigd. Europese" in answer and "consumptie, vanwege" in answer
    assert doc.questions[0].text.endswith("slacht?")
    assert [(q.number, a.questions) for q, a in zip(doc.questions, doc.answers, strict=True)] == [(1, (1,)), (2, (2, 3))]
    (note,) = doc.footnotes
    assert note.urls == ("https://www.houseofanimals.nl/2024/06/12/afgedankte-ierse-racepaarden-via-nederland/",)


def test_word_answer_op_vraag_and_word_footnote_marker() -> None:
    doc = parse("word_answer.txt")
    assert [a.questions for a in doc.answers] == [(1,), (3, 4)]
    assert doc.questions[0].text == "Bent u bekend met het bericht over de wachtlijsten bij de rechtspraak?"
    assert doc.answers[1].text == "De wachttijden verschillen per gerecht.\n\nIk ga hierover in gesprek met de Raad voor de rechtspraak."
    assert doc.footnotes[0].urls == ("nos.nl/artikel/2544064-lange-wachttijden",)
    assert doc.answerers[0].name == "Van Weel" and doc.session == "2024-2025"


def test_word_unnumbered_questions_numbered_by_position() -> None:
    doc = parse("word_kv_unnumbered.txt")
    assert [q.number for q in doc.questions] == [1, 2, 3]
    assert doc.questions[0].text.endswith("middeninkomen?")
    assert doc.footnotes[0].number == 1


def test_grouped_question_block_gives_one_record() -> None:
    doc = parse("seed_like.txt")
    assert [q.number for q in doc.questions] == [1, 2, 3]
    assert [a.questions for a in doc.answers] == [(1,), (2,), (3, 4, 5)]
    # end-of-line hyphens undone, real hyphens kept
    assert "Advies- en Meldpunt Kindermishandeling" in doc.answers[0].text
    assert "hiv-infecties" in doc.answers[0].text
    # the footnote is lifted out; the indented running text after it continues the answer
    assert doc.footnotes[0].urls == ("http://www.dekinderombudsman.nl/ul/cms/fck-uploaded/KOMRapportDefGem.Prev.Kindermishandeling.pdf",)
    assert doc.answers[0].text.endswith("om aan gegevens te komen.")


def test_duplicate_question_numbers_are_kept_as_printed() -> None:
    doc = parse("duplicate_numbers.txt")
    assert [q.number for q in doc.questions] == [1, 2, 2]
    assert [a.questions for a in doc.answers] == [(1,), (3,)]


@pytest.mark.parametrize("name", ["news_article.txt", "kamerstuk_letter.txt"])
def test_not_a_written_question_is_refused(name: str) -> None:
    with pytest.raises(NotAWrittenQuestion, match="not a written-question document"):
        parse(name)


@pytest.mark.parametrize("text", ["", "\f\f", "1\n2\n3\n", "Vraag\nAntwoord\n"])
def test_degenerate_input_is_refused_cleanly(text: str) -> None:
    with pytest.raises(NotAWrittenQuestion):
        parse_text(text)


def test_spans_point_into_the_source() -> None:
    doc = parse("seed_like.txt")
    src = doc.text
    assert [m.span.slice(src) for m in doc.askers] == ["Jansen", "Pietersen"]
    assert doc.addressees[1].span.slice(src).endswith("Veiligheid \nen Justitie")
    assert doc.answerers[0].span.slice(src) == "Van Rijn"
    assert doc.on_behalf_of[0].span.slice(src).startswith("Veiligheid en Justitie")
    assert doc.see_also[0].span.slice(src).startswith("Zie ook")
    assert doc.title_span.slice(src).startswith("het bericht")
    assert doc.questions[0].span.slice(src).startswith("Vraag 1\nKent u")
    assert doc.answers[2].span.slice(src).startswith("Antwoord 3, 4 en 5")
    assert doc.footnotes[0].span.slice(src).startswith("http://www.dekinderombudsman.nl")
    notice = parse("word_notice.txt")
    assert notice.answerers[0].span.slice(notice.text) == "Rummenie"


def _corpus_texts() -> list[Path]:
    folder = SHARED / "corpus" / "txt"
    return sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".ocr.txt")) if folder.is_dir() else []


@pytest.mark.skipif(not _corpus_texts(), reason="../shared/corpus is not present")
def test_every_corpus_text_parses_and_matches_gold_headers() -> None:
    """Every text twin parses without a raw exception; kind and id agree with the gold records."""
    wrong = []
    for path in _corpus_texts():
        try:
            doc = parse_text(path.read_text(encoding="utf-8"), source=path.name)
        except KgError as exc:
            wrong.append(f"{path.name}: {exc}")
            continue
        gold_path = SHARED / "gold" / f"{path.name.split('.')[0]}.json"
        if gold_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            for field in ("kind", "id", "session"):
                if gold[field] != doc.to_record()[field]:
                    wrong.append(f"{path.name}: {field} {doc.to_record()[field]!r} != {gold[field]!r}")
        assert doc.kind in (Kind.ANSWER, Kind.QUESTIONS, Kind.NOTICE)
    assert not wrong, "\n".join(wrong)
