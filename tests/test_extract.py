"""Tests of the extraction stage (kg.extract): entity rules per type and citation form, abbreviations,
keys across documents, claims, offsets, and the score on ../shared when it is present."""

from __future__ import annotations

import json
import string
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.abbreviations import find_definitions
from kg.model import Answer, Document, Entity, EntityType, Footnote, Kind, Question
from kg.readers.layout import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
FOOTNOTES = json.loads((FIXTURES / "footnotes.json").read_text(encoding="utf-8"))


def _doc(answer: str = "", footnote: str | None = None, title: str | None = None, question: str | None = None, year: int | None = None) -> Document:
    return Document(
        kind=Kind.ANSWER,
        session=f"{year - 1}-{year}" if year else None,
        title=title,
        questions=(Question(1, question),) if question else (),
        answers=(Answer((1,), answer),) if answer else (),
        footnotes=(Footnote(1, footnote),) if footnote else (),
    )


def _pairs(doc: Document) -> set[tuple[str, str]]:
    return {(e.type.value, e.label) for e in doc.entities}


def _check_offsets(doc: Document) -> None:
    for e in doc.entities:
        if e.start is None:
            continue
        text = doc.place_text(e.where)
        assert text is not None, e
        assert text[e.start : e.end] == e.surface, e


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rules(case: dict) -> None:
    """One table of (text, expected entities) covering each type and citation form."""
    doc = extract(_doc(case["text"], year=case.get("year")))
    found = _pairs(doc)
    for etype, label in case["expect"]:
        assert (etype, label) in found, f"missing {etype} {label!r}; found {sorted(found)}"
    for etype, label in case.get("forbid", []):
        assert (etype, label) not in found, f"unexpected {etype} {label!r}"
    _check_offsets(doc)


@pytest.mark.parametrize("case", FOOTNOTES, ids=[c["id"] for c in FOOTNOTES])
def test_footnote_citations(case: dict) -> None:
    """Footnotes are read as citations: source, date, title, URL."""
    doc = extract(_doc(footnote=case["text"]))
    found = _pairs(doc)
    for etype, label in case["expect"]:
        assert (etype, label) in found, f"missing {etype} {label!r}; found {sorted(found)}"
    if not case["expect"]:
        assert not found
    _check_offsets(doc)


def test_citation_parts_in_attrs() -> None:
    doc = extract(_doc("Kamerstukken II 2019/20, 29 754, nrs. 520 en 548 en Handelingen II 2023/24, nr. 12, item 4."))
    by_label = {e.label: dict(e.attrs) for e in doc.entities}
    kst = by_label["Kamerstukken II 29754, nr. 548"]
    assert (kst["chamber"], kst["session"], kst["dossier"], kst["number"]) == ("II", "2019-2020", "29754", "548")
    hand = by_label["Handelingen II 2023-2024, nr. 12, item 4"]
    assert (hand["kind"], hand["number"], hand["item"]) == ("handelingen", "12", "4")


def test_see_also_reference_of_the_heading() -> None:
    doc = extract(parse_text((FIXTURES / "doc-jeugdhulp.txt").read_text(encoding="utf-8")))
    ref = next(e for e in doc.entities if e.type is EntityType.PARLIAMENTARY_DOCUMENT and e.where == "title")
    assert ref.label == "Aanhangsel Handelingen II 2023-2024, nr. 1200"
    assert ref.start is None and dict(ref.attrs)["number"] == "1200"


def test_document_fixture() -> None:
    """A whole written question in the Aanhangsel layout: entities (one per thing, at the first mention) and claims."""
    doc = extract(parse_text((FIXTURES / "doc-jeugdhulp.txt").read_text(encoding="utf-8")))
    expected = json.loads((FIXTURES / "doc-jeugdhulp.expected.json").read_text(encoding="utf-8"))
    got = [(e.type.value, e.label, e.where) for e in doc.entities]
    assert sorted(got) == sorted(tuple(x) for x in expected["entities"])
    assert len({e.key for e in doc.entities}) == len(doc.entities)
    claims = [(c.value, c.unit, c.counts, c.where, c.source_key) for c in doc.claims]
    assert claims == [tuple(x) for x in expected["claims"]]
    _check_offsets(doc)


def test_footnotes_numbered_twice() -> None:
    """Two series of footnotes both starting at 1: the second is read too, its mentions keep the place but no offsets."""
    doc = Document(
        kind=Kind.ANSWER,
        answers=(Answer((1,), "Zie de brief."),),
        footnotes=(Footnote(1, "Geen spoed wel brandweer"), Footnote(1, "Kamerstukken, 2022-2023, 29628, nr. 1135")),
    )
    out = extract(doc)
    kst = next(e for e in out.entities if e.label == "Kamerstukken II 29628, nr. 1135")
    assert kst.where == "footnote 1" and kst.start is None and kst.surface.startswith("Kamerstukken")
    _check_offsets(out)


def test_notice_names_nothing() -> None:
    doc = extract(Document(kind=Kind.NOTICE, answers=(Answer((), "De Kinderombudsman en de VNG."),)))
    assert doc.entities == () and doc.claims == ()


def test_askers_and_answerers_are_not_persons() -> None:
    from kg.model import Member, Official, Role

    doc = Document(
        kind=Kind.ANSWER,
        askers=(Member("Van der Staaij", "SGP"),),
        answerers=(Official("Van Rijn", Role.STAATSSECRETARIS, "Volksgezondheid, Welzijn en Sport"),),
        answers=(Answer((1,), "Het lid Van der Staaij vroeg het aan staatssecretaris Van Rijn en aan minister Faber."),),
    )
    labels = {e.label for e in extract(doc).entities if e.type is EntityType.PERSON}
    assert labels == {"Faber"}


# ----- abbreviations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("bij het Advies- en Meldpunt Huiselijk Geweld en Kindermishandeling (AMHK) en", "AMHK", "Advies- en Meldpunt Huiselijk Geweld en Kindermishandeling"),
        ("De AIVD (Algemene Inlichtingen- en Veiligheidsdienst) en", "AIVD", "Algemene Inlichtingen- en Veiligheidsdienst"),
        ("de Nederlandse Zorgautoriteit (NZa) stelt", "NZa", "Nederlandse Zorgautoriteit"),
        ("in de Regeling aanwijzing consumentenvuurwerk (RAC) staat", "RAC", "Regeling aanwijzing consumentenvuurwerk"),
        ("het programma quantumveilige Cryptografie Rijk (QvC-Rijk): zie", "QvC-Rijk", "quantumveilige Cryptografie Rijk"),
    ],
)
def test_abbreviation_definitions(text: str, short: str, long: str) -> None:
    defs = find_definitions(text)
    assert [(d.short, d.long) for d in defs] == [(short, long)]
    d = defs[0]
    assert text[d.long_start : d.long_end] == d.long and text[d.short_start : d.short_end] == d.short


def test_no_definition_for_ordinary_parentheses() -> None:
    assert find_definitions("Het lid Wiebenga (VVD) vroeg om cijfers (zie bijlage).") == []
    assert find_definitions("Daarnaast heb ik aan NEN opdracht gegeven om een praktijkrichtlijn (NPR) te maken.") == []


def test_abbreviation_learned_and_resolved_in_other_places() -> None:
    doc = Document(
        kind=Kind.ANSWER,
        questions=(Question(1, "Wat doet de NOVAG?"),),
        answers=(Answer((1,), "De Nieuwe Orde van Verzekeringsartsen Arbeid & Gezondheid (NOVAG) is een vereniging."),),
    )
    out = extract(doc)
    novag = [e for e in out.entities if e.label == "Nieuwe Orde van Verzekeringsartsen Arbeid & Gezondheid"]
    assert len(novag) == 1
    # the first mention is the short form in the question, resolved to the long form defined later
    assert novag[0].where == "question 1" and novag[0].surface == "NOVAG"
    assert dict(novag[0].attrs).get("abbreviation") == "NOVAG"


def test_known_abbreviation_wins_over_a_variant_long_form() -> None:
    doc = extract(_doc("Databank van het Nationaal Jeugd Instituut (NJI). Het NJI en Movisie werken samen."))
    labels = [e.label for e in doc.entities if e.type is EntityType.ORGANISATION]
    assert "Nederlands Jeugdinstituut" in labels and "Nationaal Jeugd Instituut" not in labels


# ----- keys across documents -----------------------------------------------------------------------------


def _key(text: str, label: str) -> str | None:
    return next((e.key for e in extract(_doc(text)).entities if e.label == label), None)


def test_same_thing_same_key_across_documents() -> None:
    keys = {
        _key("Het NJI en Movisie werken samen.", "Nederlands Jeugdinstituut"),
        _key("Het NJi adviseert gemeenten.", "Nederlands Jeugdinstituut"),
        _key("Het Nederlands Jeugdinstituut adviseert.", "Nederlands Jeugdinstituut"),
        _key("Het Nederlands Jeugd Instituut adviseert.", "Nederlands Jeugdinstituut"),
    }
    assert keys == {"org:nji"}
    assert _key("Zie Kamerstuk 28 828, nr. 66.", "Kamerstukken II 28828, nr. 66") == _key(
        "Kamerstukken II 2014/15, 28 828, nr. 66", "Kamerstukken II 28828, nr. 66"
    )
    assert _key("het Kinderrechtenverdrag", "Verdrag inzake de rechten van het kind") == _key(
        "het IVRK", "Verdrag inzake de rechten van het kind"
    )


def test_shape_found_names_get_folded_keys() -> None:
    a = _key("Het Kenniscentrum Sport en Bewegen meldt dit.", "Kenniscentrum Sport en Bewegen")
    b = _key("Volgens het Kenniscentrum Sport & Bewegen klopt dit.", "Kenniscentrum Sport & Bewegen")
    assert a == b == "org:kenniscentrumsportenbewegen"


# ----- claims --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "counts"),
    [
        ("Uit het onderzoek blijkt dat 52% van de gemeenten niet monitort.", 52.0, "percent", "gemeenten"),
        ("Het gaat om 12,5 procent van alle kinderen.", 12.5, "percent", "kinderen"),
        ("In 2023 waren er 1.234 meldingen.", 1234.0, "count", "meldingen"),
        ("Daarvoor is € 7,8 miljoen beschikbaar.", 7_800_000.0, "EUR", ""),
    ],
)
def test_claims(sentence: str, value: float, unit: str, counts: str) -> None:
    doc = extract(_doc(sentence))
    assert [(c.value, c.unit, c.counts) for c in doc.claims] == [(value, unit, counts)]
    c = doc.claims[0]
    assert c.where == "answer 1" and c.sentence == sentence and doc.answers[0].text[c.start : c.end].startswith(sentence[c.start : c.start + 2])


def test_claim_source_is_named_in_the_sentence() -> None:
    doc = extract(_doc("Volgens de Kinderombudsman heeft 77% van de gemeenten beleid. Daarnaast is 10% van de kinderen bekend."))
    assert [c.source_key for c in doc.claims] == ["org:kinderombudsman", None]


def test_no_claims_from_questions_or_article_numbers() -> None:
    doc = extract(_doc("Zie artikel 12 lid 3 en vraag 4.", question="Waarom heeft 50% van de gemeenten geen beleid?"))
    assert doc.claims == ()


# ----- offsets: property test ----------------------------------------------------------------------------

_FRAGMENTS = [
    "de Kinderombudsman", "het NJi", "de VNG", "CBS", "artikel 19 van het VN-kinderrechtenverdrag", "Kamerstuk 28 828, nr. 66",
    "de Wet publieke gezondheid", "het rapport «Van papier naar werkelijkheid»", "Aanhangsel Handelingen II 2019/20, nr. 89",
    "burgemeester Huri Sahin", "motie-Simons c.s.", "het Advies- en Meldpunt Kindermishandeling (AMK)", "het AMK",
    "52% van de gemeenten", "Raad voor Cultuur", "«Nutri-Score»", "de Mijnbouwwet", "Stichting Vluchteling", "NOS.nl, 27 juni 2024, «Titel»",
    "hetRegeerprogramma", "EU-landen", "de Minister van VWS", "é", "’s", "–", "(", ")", "«", "»", "\n",
]
_words = st.text(alphabet=string.ascii_letters + "ëéï ", min_size=0, max_size=12)
_piece = st.one_of(st.sampled_from(_FRAGMENTS), _words)
_place = st.lists(_piece, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_place, question=_place, answer=_place, footnote=_place)
def test_offsets_cut_out_the_surface(title: str, question: str, answer: str, footnote: str) -> None:
    """For every entity, its offsets cut exactly its surface out of its place's text; places are real."""
    doc = extract(_doc(answer=answer or "x", footnote=footnote or None, title=title or None, question=question or None))
    places = {w for w, _ in doc.places()}
    for e in doc.entities:
        assert isinstance(e, Entity)
        assert e.where in places
        if e.start is not None:
            assert doc.place_text(e.where)[e.start : e.end] == e.surface
            assert e.surface
    for c in doc.claims:
        assert doc.place_text(c.where)[c.start : c.end] in c.sentence


# ----- speed and score ------------------------------------------------------------------------------------


def test_speed_on_a_typical_document() -> None:
    text = (FIXTURES / "doc-jeugdhulp.txt").read_text(encoding="utf-8")
    doc = parse_text(text)
    big = doc.replace(answers=doc.answers * 8)  # about 4000 characters, a typical answer document
    extract(big)
    t = time.perf_counter()
    for _ in range(20):
        extract(big)
    per_doc = (time.perf_counter() - t) / 20
    assert per_doc < 0.05, f"{per_doc * 1000:.1f} ms per document"


@pytest.mark.shared
@pytest.mark.slow
def test_entity_score_on_shared_text_corpus(shared: Path) -> None:
    """Entity F1 on the text files of ../shared/corpus with the scorer's own matching (skipped without ../shared)."""
    import importlib.util

    from kg.errors import KgError
    from kg.readers import read_file

    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(score)
    matched = gold_n = pred_n = 0
    for path in sorted((shared / "corpus" / "txt").glob("*.txt")):
        gold_path = shared / "gold" / f"{path.name.split('.')[0]}.json"
        if not gold_path.exists():
            continue
        try:
            doc = extract(read_file(path))
        except KgError:
            continue
        m, g, p = score.entity_counts(json.loads(gold_path.read_text(encoding="utf-8")), doc.to_record())
        matched, gold_n, pred_n = matched + m, gold_n + g, pred_n + p
    precision, recall = matched / pred_n, matched / gold_n
    f1 = 2 * precision * recall / (precision + recall)
    assert precision >= 0.8 and f1 >= 0.75, f"F1 {f1:.3f} P {precision:.3f} R {recall:.3f}"
