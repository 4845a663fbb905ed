"""The OCR reader (kg.readers.ocr) on small hand-written Staten-Generaal Digitaal pages, and on ../shared.

Each fixture `tests/fixtures/ocr/<name>.ocr.txt` has a `<name>.expected.json` beside it: either the contract
record the reader must produce (without `entities` and `source`, which later stages and the caller fill), or
`{"error": <ParseError subclass>, "message": <start of the message>}` for a page that must be refused.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from kg import errors
from kg.errors import NotAWrittenQuestion, ParseError
from kg.readers import read_bytes
from kg.readers.ocr import dehyphenate, fuzzy_word, looks_like_ocr, parse_ocr, read

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BULK = SHARED / "corpus" / "bulk" / "sgd-aanhangsel.jsonl"
PAGES = sorted(FIXTURES.glob("*.ocr.txt"))


def expected(page: Path) -> dict:
    return json.loads(page.with_name(page.name.replace(".ocr.txt", ".expected.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_fixture(page: Path) -> None:
    """Every fixture page gives its expected record, or is refused with its expected error."""
    want = expected(page)
    data = page.read_bytes()
    if "error" in want:
        with pytest.raises(ParseError) as caught:
            read(data, page.name)
        assert type(caught.value).__name__ == want["error"]
        assert caught.value.message.startswith(want["message"])
        assert page.name in str(caught.value)  # the message says where
        return
    record = read(data, page.name).to_record()
    assert record.pop("source") == page.name
    record.pop("entities")
    assert record == want


def test_fixtures_cover_the_layouts() -> None:
    """Inline numbering, an 'Antwoord' heading, OCR noise, footers, Eerste Kamer, old lists, refusals."""
    names = {p.name.split(".")[0] for p in PAGES}
    assert {"modern_inline", "noisy_words", "eerste_kamer", "old_list", "answer_only", "notice"} <= names
    assert {"kamerverslag", "continuation", "nospaces"} <= names
    for page in PAGES:
        assert page.with_name(page.name.replace(".ocr.txt", ".expected.json")).exists(), page.name


def test_spans_point_into_the_text() -> None:
    """Question, answer and title spans are offsets into the text the reader saw."""
    doc = read((FIXTURES / "modern_inline.ocr.txt").read_bytes(), "modern_inline.ocr.txt")
    assert doc.title_span is not None and doc.title_span.slice(doc.text) == "de sluiting van het postkantoor in Ede."
    q1 = doc.questions[0]
    assert q1.span is not None and q1.span.slice(doc.text).startswith("Kent u het bericht1")
    assert doc.answers[2].span is not None and "De PTT heeft mij" in doc.answers[2].span.slice(doc.text)
    assert doc.reader == "ocr"


def test_read_bytes_with_forced_format() -> None:
    """The reader is registered as 'ocr' in kg.readers.READERS."""
    doc = read_bytes((FIXTURES / "noisy_words.ocr.txt").read_bytes(), "noisy.ocr.txt", fmt="ocr")
    assert doc.id == "ah-tk-19791980-318"
    assert doc.sha256 and doc.source == "noisy.ocr.txt"


@pytest.mark.parametrize(
    ("page", "ocr"),
    [
        ("modern_inline.ocr.txt", True),
        ("noisy_words.ocr.txt", True),
        ("eerste_kamer.ocr.txt", True),
        ("old_list.ocr.txt", True),
        ("answer_only.ocr.txt", True),
        ("nospaces.ocr.txt", True),
        ("kamerverslag.ocr.txt", False),
    ],
)
def test_looks_like_ocr(page: str, ocr: bool) -> None:
    assert looks_like_ocr((FIXTURES / page).read_text(encoding="utf-8")) is ocr


def test_modern_text_is_not_ocr() -> None:
    text = (
        "Vragen van het lid Podt (D66) aan de Minister van Asiel en Migratie over het bericht (ingezonden 24 oktober 2024).\n"
        "Vraag 1\nKent u het bericht?\nAntwoord 1\nJa.\n"
    )
    assert not looks_like_ocr(text)
    assert not looks_like_ocr("Tweede Kamer der Staten-Generaal\nVergaderjaar 2023-2024\nAanhangsel van de Handelingen\n")


def test_fuzzy_fixed_words() -> None:
    assert fuzzy_word("Asnhangsel", "aanhangsel")
    assert fuzzy_word("ANTAVOORD", "antwoord")
    assert not fuzzy_word("Antwerpen", "antwoord")


def test_dehyphenate_keeps_real_hyphens() -> None:
    assert dehyphenate("de uit-komsten van het be-doelde over-leg") == "de uitkomsten van het bedoelde overleg"
    assert (
        dehyphenate("Sovjet-Russische, EG-richtlijn, zee-eenden, politie-en")
        == "Sovjet-Russische, EG-richtlijn, zee-eenden, politie- en"
    )
    assert dehyphenate("Lager-onderwijs", {"lager-"}) == "Lager-onderwijs"


def test_first_publication_that_starts_on_the_page() -> None:
    """A page of a numbered list: the end of an earlier item is skipped, the next item is not read."""
    doc = read((FIXTURES / "old_list.ocr.txt").read_bytes(), "old_list.ocr.txt")
    assert doc.number == 304
    assert "haven van Harlingen" not in " ".join(a.text for a in doc.answers)


def test_refusals_are_specific() -> None:
    with pytest.raises(NotAWrittenQuestion, match="continues a publication"):
        parse_ocr((FIXTURES / "continuation.ocr.txt").read_text(encoding="utf-8"), source="c.txt")
    with pytest.raises(errors.ReaderError, match="word spacing"):
        parse_ocr((FIXTURES / "nospaces.ocr.txt").read_text(encoding="utf-8"), source="n.txt")
    with pytest.raises(NotAWrittenQuestion, match="empty"):
        parse_ocr("  \n", source="e.txt")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01",
        "Vragen van",
        "(Ingezonden 1 januari 1990)",
        "Antwoord\n" * 50,
        "1 2 3 4 5\n" * 40,
        "Vragen van het lid (",
        "ANTWOORD van (ingezonden 3 Maart 1920) op de vragen van",
    ],
)
def test_garbage_never_crashes(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_ocr(text, source="garbage.txt")


# --- ../shared ---------------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_bulk_records_parse_or_are_refused() -> None:
    """All 528 Staten-Generaal Digitaal records: each parses or is refused with a ParseError; none crashes."""
    if not BULK.exists():
        pytest.skip("../shared is not present")
    parsed, refused, crashed = 0, 0, []
    with BULK.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            rec = json.loads(line)
            try:
                doc = read(rec["text"].encode("utf-8"), rec.get("url"))
            except ParseError as exc:
                assert exc.message, f"line {n}: refusal without a message"
                refused += 1
                continue
            except Exception as exc:  # collected and reported below
                crashed.append(f"line {n}: {type(exc).__name__}: {exc}")
                continue
            doc.to_record()
            parsed += 1
    assert not crashed, crashed[:5]
    assert parsed + refused == 528
    assert parsed >= 500


@pytest.mark.shared
def test_gold_pages_header_fields() -> None:
    """The OCR gold pages: identifier, session, number and dates as the gold records have them."""
    pages = sorted((SHARED / "corpus" / "txt").glob("*.ocr.txt"))
    if not pages:
        pytest.skip("../shared is not present")
    keys = ("id", "kind", "chamber", "session", "number", "date_submitted", "date_answered")
    wrong = []
    for page in pages:
        gold = json.loads((SHARED / "gold" / page.name.replace(".ocr.txt", ".json")).read_text(encoding="utf-8"))
        record = read(page.read_bytes(), page.name).to_record()
        wrong += [(page.name, k, record[k], gold[k]) for k in keys if record[k] != gold[k]]
    assert not wrong
