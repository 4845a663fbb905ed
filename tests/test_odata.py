"""Tweede Kamer Open Data records (kg.readers.odata): OData v4 JSON and SyncFeed XML."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from kg.errors import KgError, NotAWrittenQuestion, ReaderError
from kg.model import Kind
from kg.readers import read_bytes, sniff
from kg.readers.odata import parse_aanhangselnummer, read, read_all
from kg.readers.xml import read_publication

FIX = Path(__file__).parent / "fixtures" / "odata"
XML_FIX = Path(__file__).parent / "fixtures" / "xml"

VAN_DER_BERG = "8e4f5061-7283-4d94-aea5-c6d7e8f90001"
JANSEN = "8e4f5061-7283-4d94-aea5-c6d7e8f90002"
ZAAK_GUID = "5a1c2d3e-4f50-4a61-8b72-93a4b5c60512"
TITLE = "het bericht «Fietsdiefstal bij stations neemt fors toe»"
ADDRESSEES = [("Minister", "Infrastructuur en Waterstaat"), ("Staatssecretaris", "Justitie en Veiligheid")]

EXPECTED = {
    "zaak-2024Z00512.json": {
        "kind": Kind.ANSWER, "id": "ah-tk-20232024-1402", "number": 1402, "date_answered": "2024-02-08",
        "answerers": [("De Groot", "Minister", "Infrastructuur en Waterstaat")],
        "on_behalf_of": [("Vos", "Staatssecretaris", "Justitie en Veiligheid")],
        "documents": 3,
    },
    "document-2024D04711.json": {
        "kind": Kind.NOTICE, "id": "ah-tk-20232024-1150", "number": 1150, "date_answered": "2024-02-01",
        "answerers": [("De Groot", "Minister", "Infrastructuur en Waterstaat")], "on_behalf_of": [],
        "documents": 1,
    },
    "syncfeed-2024Z00512.xml": {
        "kind": Kind.ANSWER, "id": "ah-tk-20232024-1402", "number": 1402, "date_answered": "2024-02-08",
        "answerers": [("De Groot", "Minister", "Infrastructuur en Waterstaat")], "on_behalf_of": [],
        "documents": 2,
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_record_fixture(name: str) -> None:
    want = EXPECTED[name]
    data = (FIX / name).read_bytes()
    assert sniff(data) == ("xml" if name.endswith(".xml") else "odata")
    doc = read_bytes(data, name)
    assert doc.reader == "odata"
    assert doc.kind is want["kind"] and doc.id == want["id"] and doc.number == want["number"]
    assert (doc.zaak, doc.session, doc.chamber.value, doc.title) == ("2024Z00512", "2023-2024", "Tweede Kamer", TITLE)
    assert str(doc.date_submitted) == "2024-01-12" and str(doc.date_answered) == want["date_answered"]
    assert [(m.name, m.party, m.ids.tk if m.ids else None) for m in doc.askers] == [
        ("Van der Berg", "VVD", VAN_DER_BERG),
        ("Jansen", "GroenLinks-PvdA", JANSEN),
    ]
    assert [(o.role.value, o.portfolio) for o in doc.addressees] == ADDRESSEES
    assert [(o.name, o.role.value, o.portfolio) for o in doc.answerers] == want["answerers"]
    assert [(o.name, o.role.value, o.portfolio) for o in doc.on_behalf_of] == want["on_behalf_of"]
    # no question text in the portal's metadata
    assert doc.questions == () and doc.answers == ()
    schemes = [s for s, _ in doc.identifiers]
    assert ("tk-zaak", ZAAK_GUID) in doc.identifiers
    assert schemes.count("tk-document") == want["documents"]
    assert doc.title_span is not None and doc.text[doc.title_span.start : doc.title_span.end] == TITLE


def test_record_agrees_with_the_publication() -> None:
    record = read((FIX / "zaak-2024Z00512.json").read_bytes(), "zaak.json")
    pub_dir = XML_FIX / "ah-tk-20232024-1402"
    pub = read_publication((pub_dir / "ah-tk-20232024-1402.xml").read_bytes(), (pub_dir / "metadata.xml").read_bytes(), "x")
    for field in ("id", "kind", "chamber", "session", "number", "zaak", "title", "date_submitted", "date_answered", "addressees"):
        assert getattr(record, field) == getattr(pub, field), field
    assert [(m.name, m.party) for m in record.askers] == [(m.name, m.party) for m in pub.askers]


def _zaak(**changes: object) -> dict:
    rec = json.loads((FIX / "zaak-2024Z00512.json").read_text())["value"][0]
    rec.update(changes)
    return rec


def test_kind_follows_the_latest_stage() -> None:
    zaak = _zaak()
    questions_only = [d for d in zaak["Document"] if d["Soort"] == "Schriftelijke vragen"]
    doc = read(json.dumps(_zaak(Document=questions_only)).encode(), "q.json")
    assert doc.kind is Kind.QUESTIONS and doc.id == "kv-tk-2024Z00512" and doc.number is None and doc.date_answered is None
    postponed = [d for d in zaak["Document"] if d["Soort"] != "Antwoord schriftelijke vragen"]
    doc = read(json.dumps(_zaak(Document=postponed)).encode(), "n.json")
    assert doc.kind is Kind.NOTICE and doc.number == 1150


def test_plain_entity_array_and_missing_expansions() -> None:
    bare = {k: v for k, v in _zaak().items() if k not in ("Document",)}
    doc = read(json.dumps([bare]).encode(), "bare.json")
    assert doc.kind is Kind.QUESTIONS and doc.zaak == "2024Z00512" and len(doc.askers) == 2
    assert doc.date_submitted is not None and str(doc.date_submitted) == "2024-01-12"


def test_deleted_actors_and_non_person_actors_are_skipped() -> None:
    actors = _zaak()["ZaakActor"]
    actors[1] = {**actors[1], "Verwijderd": True}
    doc = read(json.dumps(_zaak(ZaakActor=actors)).encode(), "z.json")
    assert [m.name for m in doc.askers] == ["Van der Berg"]


def test_several_cases_need_read_all() -> None:
    two = {"value": [_zaak(), _zaak(Nummer="2024Z00999", Id="5a1c2d3e-4f50-4a61-8b72-93a4b5c60999")]}
    data = json.dumps(two).encode()
    with pytest.raises(ReaderError, match="2 written-question cases"):
        read(data, "two.json")
    assert [d.zaak for d in read_all(data, "two.json")] == ["2024Z00512", "2024Z00999"]


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        (b'{"value": [{"Nummer": "2024Z00512", "Soort": "Schriftelijke vragen",', ReaderError, "malformed JSON at line 1"),
        (b'{"Nummer": "2024Z00512"}\n{"Nummer": "2024Z00513"}\n', ReaderError, r"JSON Lines; the second at line 2\): kg reads one record per file"),
        (b'{"Nummer": "2024Z00512"} {"Nummer": "2024Z00513"}', ReaderError, "malformed JSON at line 1, column 26: Extra data"),
        (b'{"naam": "Jansen", "leeftijd": 42}', NotAWrittenQuestion, "not a Tweede Kamer Open Data record"),
        (b"[]", NotAWrittenQuestion, "not a Tweede Kamer Open Data record"),
        (b'[1, 2, "drie"]', NotAWrittenQuestion, "not a Tweede Kamer"),
        (
            b'{"value": [{"Nummer": "2024Z01000", "Soort": "Motie", "GestartOp": "2024-01-01T00:00:00"}]}',
            NotAWrittenQuestion,
            "Motie",
        ),
        (
            b'{"Id": "x", "Soort": "Schriftelijke vragen", "Nummer": "2024Z00512", "Verwijderd": true}',
            NotAWrittenQuestion,
            "deleted",
        ),
        (
            b'{"error": {"code": "400", "message": "The query specified in the URI is not valid."}}',
            ReaderError,
            "OData error response",
        ),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content/></entry></feed>',
            NotAWrittenQuestion,
            "no Tweede Kamer Open Data entities",
        ),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", ReaderError, "malformed XML"),
    ],
)
def test_refusals(data: bytes, error: type, match: str) -> None:
    with pytest.raises(error, match=match) as info:
        read_bytes(data, "bad.json")
    assert info.value.source == "bad.json"


def test_scalar_json_is_refused() -> None:
    with pytest.raises(NotAWrittenQuestion):
        read(b"42", "n.json")


def test_syncfeed_refuses_xxe(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    evil = (
        f'<!DOCTYPE feed [<!ENTITY x SYSTEM "{secret.as_uri()}">]><feed xmlns="http://www.w3.org/2005/Atom">'
        '<entry><content><zaak xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" id="a"><nummer>&x;</nummer>'
        "</zaak></content></entry></feed>"
    ).encode()
    with pytest.raises(ReaderError, match="DOCTYPE") as info:
        read(evil, "feed.xml")
    assert "geheim" not in str(info.value)
    with pytest.raises(ReaderError, match="DOCTYPE"):
        read_bytes(evil, "feed.xml")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_truncated_records_never_crash(name: str) -> None:
    data = (FIX / name).read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        with contextlib.suppress(KgError):
            read_bytes(data[:cut], name)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("232401402", ("2023-2024", 1402)),
        ("1402", (None, 1402)),
        ("ah-tk-20232024-1402", ("2023-2024", 1402)),
        ("", (None, None)),
    ],
)
def test_aanhangselnummer(value: str, want: tuple) -> None:
    assert parse_aanhangselnummer(value) == want


def test_syncfeed_beside_a_metadata_xml_ignores_it() -> None:
    from kg.readers.xml import read_publication

    feed = (FIX / "syncfeed-2024Z00512.xml").read_bytes()
    meta = (XML_FIX / "ah-tk-20232024-1402" / "metadata.xml").read_bytes()
    assert read_publication(feed, meta, "feed.xml").reader == "odata"


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(ReaderError):
        read_bytes(b'{"value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "deep.json")
    with pytest.raises(KgError):
        read_bytes(
            b'<feed xmlns="http://www.w3.org/2005/Atom">' + b"<entry>" * 50_000 + b"</entry>" * 50_000 + b"</feed>", "deep.xml"
        )
