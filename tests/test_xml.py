"""officielebekendmakingen XML / metadata.xml / HTML reader (kg.readers.xml) and safe XML parsing (kg.readers.safexml)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from kg.errors import KgError, NotAWrittenQuestion, ReaderError
from kg.model import Chamber, Kind
from kg.readers import read_bytes, sniff
from kg.readers.layout import parse_text
from kg.readers.xml import parse_metadata, read, read_bundle, read_html, read_publication, read_zip

FIX = Path(__file__).parent / "fixtures" / "xml"
PUB_DIR = FIX / "ah-tk-20232024-1402"
PUB_XML = PUB_DIR / "ah-tk-20232024-1402.xml"
META_XML = PUB_DIR / "metadata.xml"

HEADER_FIELDS = (
    "id", "kind", "chamber", "session", "number", "zaak", "title", "date_submitted", "date_answered",
    "askers", "addressees", "answerers", "on_behalf_of", "see_also",
)  # fmt: skip


def _load(name: str | Path) -> bytes:
    return (FIX / name).read_bytes() if isinstance(name, str) else name.read_bytes()


def _fields(doc, fields=(*HEADER_FIELDS, "questions", "answers", "footnotes")) -> dict:
    rec = doc.to_record()
    return {k: rec[k] for k in fields}


# --- fixtures read as expected ---------------------------------------------------------------------

EXPECTED = {
    "ah-tk-20232024-1402/ah-tk-20232024-1402.xml": {
        "id": "ah-tk-20232024-1402", "kind": "answer", "chamber": "Tweede Kamer", "session": "2023-2024",
        "number": 1402, "zaak": None, "title": "het bericht «Fietsdiefstal bij stations neemt fors toe»",
        "date_submitted": "2024-01-12", "date_answered": "2024-02-08",
        "askers": [{"name": "Van der Berg", "party": "VVD"}, {"name": "Jansen", "party": "GroenLinks-PvdA"}],
        "addressees": [{"role": "Minister", "portfolio": "Infrastructuur en Waterstaat"},
                       {"role": "Staatssecretaris", "portfolio": "Justitie en Veiligheid"}],
        "answerers": [{"name": "De Groot", "role": "Minister", "portfolio": "Infrastructuur en Waterstaat"}],
        "on_behalf_of": [{"name": None, "role": "Staatssecretaris", "portfolio": "Justitie en Veiligheid"}],
        "see_also": [{"kind": "aanhangsel", "session": "2023-2024", "number": 1150}],
        "n_questions": 5, "answer_numbers": [[1], [2], [3], [4, 5]], "n_footnotes": 3,
    },
    "kv-tk-2024Z01234.xml": {
        "id": "kv-tk-2024Z01234", "kind": "questions", "chamber": "Tweede Kamer", "session": "2023-2024",
        "number": None, "zaak": "2024Z01234", "title": "de inzet van algoritmes bij de rijksoverheid",
        "date_submitted": "2024-01-24", "date_answered": None,
        "askers": [{"name": "Bakker-Smit", "party": "D66"}],
        "addressees": [{"role": "Minister-President", "portfolio": None}],
        "answerers": [], "on_behalf_of": [], "see_also": [],
        "n_questions": 3, "answer_numbers": [], "n_footnotes": 1,
    },
    "ah-tk-20232024-1150.xml": {
        "id": "ah-tk-20232024-1150", "kind": "notice", "chamber": "Tweede Kamer", "session": "2023-2024",
        "number": 1150, "zaak": "2024Z00512", "title": "het bericht «Fietsdiefstal bij stations neemt fors toe»",
        "date_submitted": "2024-01-12", "date_answered": "2024-02-01",
        "askers": [{"name": "Van der Berg", "party": "VVD"}, {"name": "Jansen", "party": "GroenLinks-PvdA"}],
        "addressees": [{"role": "Minister", "portfolio": "Infrastructuur en Waterstaat"},
                       {"role": "Staatssecretaris", "portfolio": "Justitie en Veiligheid"}],
        "answerers": [{"name": "De Groot", "role": "Minister", "portfolio": "Infrastructuur en Waterstaat"}],
        "on_behalf_of": [], "see_also": [],
        "n_questions": 0, "answer_numbers": [], "n_footnotes": 0,
    },
    "ah-ek-20232024-7.xml": {
        "id": "ah-ek-20232024-7", "kind": "answer", "chamber": "Eerste Kamer", "session": "2023-2024",
        "number": 7, "zaak": None, "title": "de vergunning voor een megastal",
        "date_submitted": "2023-11-03", "date_answered": "2023-11-28",
        "askers": [{"name": "Bakker", "party": "PvdD"}],
        "addressees": [{"role": "Minister", "portfolio": "Landbouw, Natuur en Voedselkwaliteit"}],
        "answerers": [{"name": "Van den Heuvel", "role": "Minister", "portfolio": "Landbouw, Natuur en Voedselkwaliteit"}],
        "on_behalf_of": [], "see_also": [],
        "n_questions": 2, "answer_numbers": [[1], [2]], "n_footnotes": 0,
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_xml_fixture(name: str) -> None:
    want = EXPECTED[name]
    doc = read_bytes(_load(name), name)
    assert doc.reader == "xml"
    assert _fields(doc, HEADER_FIELDS) == {k: want[k] for k in HEADER_FIELDS}
    assert len(doc.questions) == want["n_questions"]
    assert [list(a.questions) for a in doc.answers] == want["answer_numbers"]
    assert len(doc.footnotes) == want["n_footnotes"]
    # every span points at the text it stands for
    for q in doc.questions:
        assert q.span is not None and doc.text[q.span.start : q.span.end] == q.text
    for a in doc.answers:
        assert a.span is not None and doc.text[a.span.start : a.span.end] == a.text
    for f in doc.footnotes:
        assert f.span is not None and doc.text[f.span.start : f.span.end] == f.text
    if doc.title:
        assert doc.title_span is not None and doc.text[doc.title_span.start : doc.title_span.end] == doc.title


def test_answer_texts_and_footnotes() -> None:
    doc = read(_load(PUB_XML), "x.xml")
    assert (
        doc.questions[2].text
        == "Klopt het dat slechts een klein deel van de aangiften van fietsdiefstal tot opsporing leidt?\n\nZo ja, hoe verklaart u dat?"
    )
    # the footnote element inside the paragraph is not part of the text
    assert doc.answers[1].text.endswith("in 2022. Een uitsplitsing per station is niet beschikbaar.")
    assert [(f.number, f.urls) for f in doc.footnotes] == [
        (1, ("https://www.example.org/nieuws/fietsdiefstal-bij-stations",)),
        (2, ("https://www.example.org/prorail/jaarverslag-2023.pdf",)),
        (3, ()),
    ]
    assert ("ob", "ah-tk-20232024-1402") in doc.identifiers


def test_kv_list_and_old_style_footnote() -> None:
    doc = read(_load("kv-tk-2024Z01234.xml"), "kv.xml")
    assert doc.questions[1].text.split("\n\n")[1:] == [
        "a. Om hoeveel algoritmes gaat het?",
        "b. Wanneer is de registratie voltooid?",
    ]
    assert doc.questions[0].text.endswith("Algoritmeregister?")
    assert doc.footnotes[0].urls == ("https://algoritmes.example.org/register",)


def test_notice_has_no_answers_and_keeps_its_text() -> None:
    doc = read(_load("ah-tk-20232024-1150.xml"), "n.xml")
    assert doc.kind is Kind.NOTICE and doc.answers == ()
    assert "kunnen niet binnen de gebruikelijke termijn" in doc.text


# --- metadata ---------------------------------------------------------------------------------------


def test_publication_with_metadata() -> None:
    doc = read_publication(_load(PUB_XML), _load(META_XML), "pub.xml")
    alone = read(_load(PUB_XML), "pub.xml")
    assert doc.zaak == "2024Z00512"  # only the metadata says this
    assert _fields(doc) | {"zaak": None} == _fields(alone)


@pytest.mark.parametrize(
    ("old", "new", "field", "want"),
    [
        (
            'datumOntvangst" scheme="DCTERMS.W3CDTF" content="2024-02-08"',
            'datumOntvangst" content="2024-02-09"',
            "date_answered",
            dt.date(2024, 2, 9),
        ),
        (
            'datumIndiening" scheme="DCTERMS.W3CDTF" content="2024-01-12"',
            'datumIndiening" content="11-01-2024"',
            "date_submitted",
            dt.date(2024, 1, 11),
        ),
        ('aanhangselNummer" content="1402"', 'aanhangselNummer" content="1403"', "number", 1403),
        ('vergaderjaar" content="2023-2024"', 'vergaderjaar" content="2024-2025"', "session", "2024-2025"),
        ('identifier" content="ah-tk-20232024-1402"', 'identifier" content="ah-tk-20232024-9999"', "id", "ah-tk-20232024-9999"),
        (
            "over het bericht «Fietsdiefstal bij stations neemt fors toe» (ingezonden",
            "over fietsdiefstal (ingezonden",
            "title",
            "fietsdiefstal",
        ),
        ('content="Kamervragen (Aanhangsel)"', 'content="Mededeling"', "kind", Kind.NOTICE),
        (
            'content="Tweede Kamer der Staten-Generaal"',
            'content="Eerste Kamer der Staten-Generaal"',
            "chamber",
            Chamber.EERSTE_KAMER,
        ),
    ],
)
def test_metadata_takes_precedence(old: str, new: str, field: str, want: object) -> None:
    meta = _load(META_XML).decode()
    assert old in meta
    doc = read_publication(_load(PUB_XML), meta.replace(old, new).encode(), "pub.xml")
    assert getattr(doc, field) == want
    if field == "kind":
        assert doc.answers == ()


def test_metadata_askers_keep_printed_names_and_add_missing() -> None:
    meta = (
        _load(META_XML)
        .decode()
        .replace(
            '<metadata name="OVERHEIDop.indiener" scheme="OVERHEID.TweedeKamerleden" content="P.J. Jansen"/>',
            '<metadata name="OVERHEIDop.indiener" content="Jansen, P.J."/><metadata name="OVERHEIDop.indiener" content="K. de Wit (SP)"/>',
        )
    )
    doc = read_publication(_load(PUB_XML), meta.encode(), "pub.xml")
    assert [(m.name, m.party) for m in doc.askers] == [("Van der Berg", "VVD"), ("Jansen", "GroenLinks-PvdA"), ("De Wit", "SP")]


def test_metadata_alone_is_not_a_document() -> None:
    with pytest.raises(NotAWrittenQuestion, match=r"metadata\.xml"):
        read(_load(META_XML), "metadata.xml")
    with pytest.raises(NotAWrittenQuestion, match=r"metadata\.xml"):
        read_bytes(_load(META_XML), "metadata.xml")


def test_metadata_in_the_wrong_place() -> None:
    with pytest.raises(ReaderError, match=r"expected a metadata\.xml"):
        read_publication(_load(PUB_XML), _load(PUB_XML), "pub.xml")
    with pytest.raises(NotAWrittenQuestion, match=r"metadata\.xml"):
        read_publication(_load(META_XML), None, "metadata.xml")


def test_parse_metadata_values() -> None:
    meta = parse_metadata(_load(META_XML))
    assert meta.all("indiener") == ["H. van der Berg", "P.J. Jansen"]
    assert meta.one("vraagnummer") == "2024Z00512"


# --- bundles: a folder or a zip with the publication and its metadata.xml ---------------------------


def _folder() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in PUB_DIR.iterdir()}


def test_bundle_from_folder() -> None:
    doc = read_bundle(_folder(), str(PUB_DIR))
    assert doc.zaak == "2024Z00512" and doc.id == "ah-tk-20232024-1402"
    assert _fields(doc) == _fields(read_publication(_load(PUB_XML), _load(META_XML), str(PUB_DIR)))


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_bundle_from_zip() -> None:
    data = _zip({f"ah-tk-20232024-1402/{k}": v for k, v in _folder().items()})
    doc = read_zip(data, "bundle.zip")
    assert doc.zaak == "2024Z00512" and len(doc.questions) == 5


@pytest.mark.parametrize(
    ("files", "error", "match"),
    [
        ({"metadata.xml": META_XML}, NotAWrittenQuestion, "only a metadata.xml"),
        ({"a.xml": PUB_XML, "b.xml": FIX / "kv-tk-2024Z01234.xml"}, ReaderError, "2 publications"),
        ({"readme.txt": None}, NotAWrittenQuestion, "no publication"),
    ],
)
def test_bundle_errors(files: dict, error: type, match: str) -> None:
    contents = {name: (path.read_bytes() if path else b"hello") for name, path in files.items()}
    with pytest.raises(error, match=match):
        read_bundle(contents, "bundle")
    with pytest.raises(error, match=match):
        read_zip(_zip(contents), "bundle.zip")


def test_zip_bomb_is_refused() -> None:
    with pytest.raises(ReaderError, match="too large"):
        read_zip(_zip({"big.xml": b"<a>" + b" " * (65 * 1024 * 1024) + b"</a>"}), "bomb.zip")


def test_zip_that_is_not_a_zip() -> None:
    with pytest.raises(ReaderError, match="zip"):
        read_zip(b"PK\x03\x04 truncated", "broken.zip")


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_page_equals_xml_with_metadata() -> None:
    data = _load("ah-tk-20232024-1402.html")
    assert sniff(data) == "html"
    page = read_bytes(data, "page.html")
    assert page.reader == "html"
    assert _fields(page) == _fields(read_publication(_load(PUB_XML), _load(META_XML), "x"))
    assert "niet dit" not in page.text  # script content is not text


def test_html_without_class_structure_is_read_as_text() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Kamervraag</title></head><body><div>"
        b"<p>Vragen van het lid Jansen (SP) aan de Minister van Defensie over de kazerne (ingezonden 4 maart 2024).</p>"
        b"<p>Vraag 1</p><p>Kent u het bericht?</p><p>Vraag 2</p><p>Wat gaat u doen?</p></div></body></html>"
    )
    doc = read_html(page, "plain.html")
    assert doc.reader == "html" and doc.kind is Kind.QUESTIONS
    assert [(q.number, q.text) for q in doc.questions] == [(1, "Kent u het bericht?"), (2, "Wat gaat u doen?")]
    assert doc.askers[0].name == "Jansen"


def test_html_that_is_no_written_question() -> None:
    with pytest.raises(NotAWrittenQuestion):
        read_html(b"<html><body><p>Welkom op onze website.</p></body></html>", "home.html")


# --- XML and its Aanhangsel text give the same record ---------------------------------------------


def test_xml_equals_aanhangsel_text() -> None:
    xml_doc = read(_load(PUB_XML), "ah-tk-20232024-1402")
    text_doc = parse_text(_load("ah-tk-20232024-1402.txt").decode(), source="ah-tk-20232024-1402")
    assert _fields(xml_doc, (*HEADER_FIELDS, "questions", "answers")) == _fields(
        text_doc, (*HEADER_FIELDS, "questions", "answers")
    )


def test_rendered_text_reads_back_in_the_aanhangsel_layout() -> None:
    doc = read(_load(PUB_XML), "x")
    again = parse_text(doc.text, source="x")
    assert _fields(again, HEADER_FIELDS) == _fields(doc, HEADER_FIELDS)


# --- refusals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        (b"<officiele-publicatie><kamervragen><vraag>", ReaderError, "malformed XML at line 1"),
        (b"<rss><channel><title>nieuws</title></channel></rss>", NotAWrittenQuestion, "root <rss>"),
        (b"<officiele-publicatie><kamerstuk><stuk/></kamerstuk></officiele-publicatie>", NotAWrittenQuestion, "Kamerstuk"),
        (
            b"<officiele-publicatie><kamervragen><kamervraagkop/></kamervragen></officiele-publicatie>",
            NotAWrittenQuestion,
            "no heading",
        ),
        (
            b"<officiele-publicatie><kamervragen><vraag><nr>Vraag 1</nr><al>a</al></vraag>"
            b"<vraag><nr>Vraag 1</nr><al>b</al></vraag></kamervragen></officiele-publicatie>",
            KgError,
            "question 1 appears twice",
        ),
    ],
)
def test_refusals(data: bytes, error: type, match: str) -> None:
    with pytest.raises(error, match=match) as info:
        read_bytes(data, "bad.xml")
    assert info.value.source == "bad.xml"


@pytest.mark.parametrize("name", [*sorted(EXPECTED), "ah-tk-20232024-1402.html", "ah-tk-20232024-1402/metadata.xml"])
def test_truncated_inputs_never_crash(name: str) -> None:
    data = _load(name)
    for cut in range(0, len(data), max(1, len(data) // 40)):
        with contextlib.suppress(KgError):
            read_bytes(data[:cut], name)


# --- safety: no DTD, no XXE, no entity bombs ----------------------------------------------------------

SECRET = "geheime-inhoud-die-nooit-gelezen-mag-worden"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text(SECRET)
    return p


def _xxe(secret_file: Path) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE officiele-publicatie [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'
        "<officiele-publicatie><kamervragen><kamervraagomschrijving>Vragen van het lid Jansen (SP) aan de "
        "Minister van Defensie over &xxe; (ingezonden 1 maart 2024).</kamervraagomschrijving>"
        "<vraag><nr>Vraag 1</nr><al>&xxe;</al></vraag></kamervragen></officiele-publicatie>"
    ).encode()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'.encode() for i in range(1, 10))
    + b"]><officiele-publicatie><kamervragen><vraag><al>&lol9;</al></vraag></kamervragen></officiele-publicatie>"
)
PLAIN_DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE officiele-publicatie SYSTEM "http://example.org/op.dtd"><officiele-publicatie/>'
PARAMETER_ENTITY = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % ext SYSTEM "http://example.org/evil.dtd"> %ext;]><r/>'


def test_xxe_file_entity_is_refused(secret_file: Path) -> None:
    with pytest.raises(ReaderError, match="DOCTYPE") as info:
        read_bytes(_xxe(secret_file), "xxe.xml")
    assert SECRET not in str(info.value)


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, PLAIN_DOCTYPE, PARAMETER_ENTITY], ids=["billion-laughs", "doctype", "parameter-entity"]
)
def test_dtd_and_entity_bombs_are_refused(data: bytes) -> None:
    with pytest.raises(ReaderError, match="DOCTYPE"):
        read_bytes(data, "bomb.xml")


def test_every_xml_entry_point_refuses_xxe(secret_file: Path) -> None:
    evil = _xxe(secret_file)
    with pytest.raises(ReaderError):
        read_publication(evil, None, "p.xml")
    with pytest.raises(ReaderError):
        read_publication(_load(PUB_XML), evil, "p.xml")
    with pytest.raises(ReaderError):
        parse_metadata(BILLION_LAUGHS)
    with pytest.raises(ReaderError):
        read_bundle({"a.xml": _load(PUB_XML), "metadata.xml": evil}, "bundle")
    with pytest.raises(ReaderError):
        read_zip(_zip({"a.xml": evil}), "bundle.zip")


def test_html_never_expands_entities(secret_file: Path) -> None:
    page = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]><html><body>'
        "<h1 class='kamervraagomschrijving_kop'>Vragen van het lid Jansen (SP) aan de Minister van Defensie over "
        "&xxe; (ingezonden 1 maart 2024).</h1><div class='vraag'><h2>Vraag 1</h2><p>&xxe;</p></div></body></html>"
    ).encode()
    doc = read_html(page, "x.html")
    assert SECRET not in doc.text and all(SECRET not in q.text for q in doc.questions)


@pytest.mark.parametrize(
    "data",
    [
        b"<officiele-publicatie><kamervragen><vraag><al>"
        + b"<b>" * 50_000
        + b"x"
        + b"</b>" * 50_000
        + b"</al></vraag></kamervragen></officiele-publicatie>",
        b"<html><body>" + b'<div class="vraag">' * 50_000 + b"x</body></html>",
    ],
    ids=["xml", "html"],
)
def test_deep_nesting_is_refused_cleanly(data: bytes) -> None:
    with pytest.raises(ReaderError, match="nested too deeply"):
        read_bytes(data, "deep")


def test_mixed_content_in_a_question_is_one_paragraph() -> None:
    data = (
        b"<officiele-publicatie><kamervragen><kamervraagomschrijving>Vragen van het lid Jansen (SP) aan de Minister van "
        b"Defensie over de kazerne (ingezonden 1 maart 2024).</kamervraagomschrijving><vraag><nr>Vraag 1</nr>Kent u "
        b'<nadruk type="cur">het bericht</nadruk> over<br/>de kazerne?<al>Tweede alinea.</al></vraag></kamervragen>'
        b"</officiele-publicatie>"
    )
    assert read(data, "m.xml").questions[0].text == "Kent u het bericht over de kazerne?\n\nTweede alinea."
