"""Tweede Kamer Open Data Portal records (OData v4 JSON and SyncFeed XML) → `Document`.

A written question is a `Zaak` with `Soort` "Schriftelijke vragen". Its `Document`s say what was published
("Schriftelijke vragen", "Antwoord schriftelijke vragen", "… (nader)", "Mededeling (uitstel antwoord)") and
its `ZaakActor`s who asked (`Relatie` "Indiener", "Medeindiener", with `ActorFractie`) and to whom
("Gericht aan", `Functie` "minister van Justitie en Veiligheid"). The record holds no question text, so
`questions`/`answers` stay empty. The portal's GUIDs go to `Document.identifiers` ("tk-zaak",
"tk-document") and, for persons, to `PersonIds.tk`.

Accepted shapes: an OData collection (`{"value": [...]}`), a single entity (`Zaak`, or a `Document` with
its `Zaak` expanded), a JSON array of entities, and the SyncFeed (Atom `feed` whose entries hold
`<zaak>`, `<document>`, `<zaakActor>`, `<persoon>`, `<fractie>` of the tkData namespace, linked by `ref`).

>>> doc = read(SAMPLE_JSON.encode(), "zaak.json")
>>> doc.kind.value, doc.zaak, doc.askers[0].name, doc.askers[0].ids.tk, doc.addressees[0].portfolio
('questions', '2024Z00001', 'Van der Berg', '11111111-1111-1111-1111-111111111111', 'Defensie')
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element

from kg.errors import KgError, NotAWrittenQuestion, ReaderError
from kg.model import Chamber, Document, Kind, Member, Office, Official, PersonIds, Span
from kg.readers import decode, grammar
from kg.readers.safexml import attr, children, local, namespace, parse

__all__ = [
    "SAMPLE_JSON",
    "parse_aanhangselnummer",
    "printed_name",
    "publication_id",
    "read",
    "read_all",
    "read_syncfeed",
    "read_syncfeed_root",
    "record_to_document",
]

SAMPLE_JSON = """{"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak/$entity",
 "Id": "00000000-0000-0000-0000-000000000001", "Nummer": "2024Z00001", "Soort": "Schriftelijke vragen",
 "Onderwerp": "Vragen van het lid Van der Berg (VVD) aan de minister van Defensie over de kazerne",
 "GestartOp": "2024-01-08T00:00:00+01:00", "Vergaderjaar": "2023-2024",
 "ZaakActor": [{"ActorNaam": "H. van der Berg", "ActorFractie": "VVD", "Relatie": "Indiener",
                "Persoon_Id": "11111111-1111-1111-1111-111111111111"},
               {"ActorNaam": "J. de Vries", "Functie": "minister van Defensie", "Relatie": "Gericht aan"}]}"""

TKDATA_NS = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

# Document.Soort → what the publication is
_DOC_KIND: dict[str, Kind] = {
    "schriftelijke vragen": Kind.QUESTIONS,
    "antwoord schriftelijke vragen": Kind.ANSWER,
    "antwoord schriftelijke vragen (nader)": Kind.ANSWER,
    "mededeling (uitstel antwoord)": Kind.NOTICE,
    "mededeling": Kind.NOTICE,
}
_ASKER_RELATIONS = ("indiener", "medeindiener", "mede-indiener", "mede indiener")
_ADDRESSEE_RELATIONS = ("gericht aan",)
_SENDER_RELATIONS = ("afzender", "eerste ondertekenaar", "mede ondertekenaar", "mede afzender", "ondertekenaar")
_BEHALF_RELATIONS = ("mede namens", "namens")


# --- small helpers --------------------------------------------------------------------------------


def _get(obj: dict[str, Any], *names: str) -> Any:
    """A property by any of its names, case-insensitively ('NaamNL' / 'NaamNl')."""
    for n in names:
        if n in obj:
            return obj[n]
    lower = {k.lower(): v for k, v in obj.items() if isinstance(k, str)}
    for n in names:
        if n.lower() in lower:
            return lower[n.lower()]
    return None


def _str(obj: dict[str, Any], *names: str) -> str | None:
    v = _get(obj, *names)
    if v is None or isinstance(v, (dict, list)):
        return None
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or None


def _list(obj: dict[str, Any], name: str) -> list[dict[str, Any]]:
    v = _get(obj, name)
    if isinstance(v, dict):
        v = [v]
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _date(value: str | None) -> dt.date | None:
    """An OData date-time ('2024-01-08T00:00:00+01:00') as the calendar date it names.

    >>> _date("2024-01-08T00:00:00+01:00"), _date(None), _date("gisteren")
    (datetime.date(2024, 1, 8), None, None)
    """
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _guid(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) and _GUID.match(value) else None


def parse_aanhangselnummer(value: str) -> tuple[str | None, int | None]:
    """An Aanhangsel number as the portal or KOOP write it → (vergaderjaar, number).

    The portal writes `YYyyNNNNN` ("242501244" = 2024-2025, nr. 1244); KOOP writes the number ("1244") or an id.

    >>> parse_aanhangselnummer("242501244"), parse_aanhangselnummer("1402")
    (('2024-2025', 1244), (None, 1402))
    >>> parse_aanhangselnummer("ah-tk-20232024-1402")
    ('2023-2024', 1402)
    """
    v = value.strip()
    if m := re.fullmatch(r"(\d{2})(\d{2})(\d{5})", v):
        first, second = int(m.group(1)), int(m.group(2))
        if second == (first + 1) % 100:
            century = 1900 if first >= 50 else 2000
            return f"{century + first}-{century + first + 1}", int(m.group(3))
    if m := re.fullmatch(r"(?:ah|kv)-(?:tk|ek)-(\d{4})(\d{4})-(\d+)", v, re.I):
        return grammar.normalise_session(f"{m.group(1)}-{m.group(2)}"), int(m.group(3))
    nums = re.findall(r"\d+", v)
    return None, int(nums[-1]) if nums and len(nums[-1]) <= 5 else None


def publication_id(kind: Kind, chamber: Chamber | None, session: str | None, number: int | None, zaak: str | None) -> str | None:
    """The officielebekendmakingen id that follows from the record (contract `id`).

    >>> publication_id(Kind.ANSWER, Chamber.TWEEDE_KAMER, "2023-2024", 1402, None)
    'ah-tk-20232024-1402'
    >>> publication_id(Kind.QUESTIONS, Chamber.TWEEDE_KAMER, "2023-2024", None, "2024Z01234")
    'kv-tk-2024Z01234'
    """
    house = "ek" if chamber == Chamber.EERSTE_KAMER else "tk"
    if kind == Kind.QUESTIONS:
        return f"kv-{house}-{zaak}" if zaak else None
    if number is not None and session:
        return f"ah-{house}-{session.replace('-', '')}-{number}"
    return None


# --- persons and offices --------------------------------------------------------------------------


def printed_name(raw: str) -> tuple[str, str | None]:
    """A name as the portal or KOOP metadata give it, in the printed form of a heading, and a party in brackets.

    >>> printed_name("D.M. van Weel"), printed_name("Kröger, S.C."), printed_name("Weel, D.M. van (VVD)")
    (('Van Weel', None), ('Kröger', None), ('Van Weel', 'VVD'))
    """
    party = None
    m = re.search(r"\(([^)]+)\)\s*$", raw)
    if m:
        party, raw = m.group(1).strip() or None, raw[: m.start()]
    raw = raw.strip()
    if "," in raw:
        surname, _, rest = raw.partition(",")
        tussen = re.sub(r"^(?:[A-Z][a-z]?\.\s*|[A-Z]\.-?)+", "", rest.strip())
        raw = f"{tussen} {surname.strip()}".strip()
    raw = re.sub(r"^(?:(?:mr|dr|drs|ir|prof|ing)\.\s*)+", "", raw, flags=re.I)
    raw = re.sub(r"^(?:[A-Z][a-z]?\.\s*|[A-Z]\.-?)+\s*", "", raw)
    out = grammar.clean_name(raw)
    return (out[:1].upper() + out[1:] if out else out), party


def _person_name(actor: dict[str, Any]) -> str | None:
    persoon = _get(actor, "Persoon")
    if isinstance(persoon, dict):
        achternaam = _str(persoon, "Achternaam")
        if achternaam:
            tussen = _str(persoon, "Tussenvoegsel")
            return printed_name(f"{tussen} {achternaam}" if tussen else achternaam)[0]
    naam = _str(actor, "ActorNaam")
    return printed_name(naam)[0] if naam else None


def _party(actor: dict[str, Any]) -> str | None:
    fractie = _get(actor, "Fractie")
    return (
        _str(actor, "ActorFractie")
        or (_str(fractie, "Afkorting") if isinstance(fractie, dict) else None)
        or (_str(_get(actor, "Persoon") or {}, "Fractielabel") if isinstance(_get(actor, "Persoon"), dict) else None)
    )


def _person_ids(actor: dict[str, Any]) -> PersonIds | None:
    persoon = _get(actor, "Persoon")
    guid = _guid(_get(actor, "Persoon_Id")) or (_guid(_get(persoon, "Id")) if isinstance(persoon, dict) else None)
    return PersonIds(tk=guid) if guid else None


def _office(functie: str | None) -> Office | None:
    """'minister van Justitie en Veiligheid' → Office(Minister, 'Justitie en Veiligheid'); the first office only.

    >>> _office("minister-president, minister van Algemene Zaken").role.value
    'Minister-President'
    >>> _office("Tweede Kamerlid") is None
    True
    """
    if not functie:
        return None
    offices = grammar.parse_addressees(f"de {functie}")
    return offices[0] if offices else None


def _relation(actor: dict[str, Any]) -> str:
    return (_str(actor, "Relatie") or "").lower()


def _askers(actors: list[dict[str, Any]], relations: Iterable[str]) -> tuple[Member, ...]:
    """Members in relation order (Indiener before Medeindiener), then in record order."""
    rels = tuple(relations)
    chosen = [a for a in actors if _relation(a) in rels and not _verwijderd(a)]
    chosen.sort(key=lambda a: rels.index(_relation(a)))
    out: list[Member] = []
    for a in chosen:
        name = _person_name(a)
        if name and all(m.name != name for m in out):
            out.append(Member(name, _party(a), ids=_person_ids(a)))
    return tuple(out)


def _officials(actors: list[dict[str, Any]], relations: Iterable[str]) -> tuple[Official, ...]:
    rels = tuple(relations)
    out: list[Official] = []
    for a in actors:
        if _relation(a) not in rels or _verwijderd(a):
            continue
        office = _office(_str(a, "Functie"))
        if office is None:
            continue
        official = Official(_person_name(a), office.role, office.portfolio, ids=_person_ids(a))
        if official not in out:
            out.append(official)
    return tuple(out)


def _verwijderd(obj: dict[str, Any]) -> bool:
    return _get(obj, "Verwijderd") in (True, "true")


# --- record → Document ----------------------------------------------------------------------------


def _doc_kind(document: dict[str, Any]) -> Kind | None:
    return _DOC_KIND.get((_str(document, "Soort") or "").lower())


def _is_zaak(obj: dict[str, Any]) -> bool:
    if obj.get("_type"):
        return str(obj["_type"]).lower() == "zaak"
    nummer = _str(obj, "Nummer") or ""
    return (
        bool(re.match(r"^\d{4}Z\d{5}$", nummer)) or any(k in obj for k in ("GestartOp", "ZaakActor", "Document", "Afgedaan"))
    ) and _get(obj, "DocumentNummer") is None


def _is_document(obj: dict[str, Any]) -> bool:
    if obj.get("_type"):
        return str(obj["_type"]).lower() == "document"
    return not _is_zaak(obj) and (
        any(k in obj for k in ("DocumentNummer", "DocumentActor", "Zaak", "Aanhangselnummer")) or _doc_kind(obj) is not None
    )


def _is_written_zaak(zaak: dict[str, Any]) -> bool:
    soort = (_str(zaak, "Soort") or "").lower()
    if soort:
        return soort == "schriftelijke vragen"
    return any(_doc_kind(d) is not None for d in _list(zaak, "Document"))


def _title(candidates: Iterable[str | None]) -> tuple[str | None, grammar.Heading | None]:
    """The subject from Onderwerp/Titel: the words after 'over' in a heading-like value, else the value."""
    plain = None
    for value in candidates:
        if not value:
            continue
        if re.match(r"^\s*(?:Mondelinge\s+)?Vragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b", value, re.I):
            heading = grammar.parse_heading(value)
            if heading.title:
                return heading.title, heading
        m = re.match(r"^\s*(?:Antwoord|Beantwoording|Uitstel\s+beantwoording)\b.*?\s(?:over|inzake)\s+(.+)$", value, re.I)
        if m:
            return m.group(1).strip().rstrip("."), None
        if plain is None and not re.fullmatch(
            r"(?:Schriftelijke vragen|Antwoord schriftelijke vragen.*|Mededeling.*)", value, re.I
        ):
            plain = value.strip().rstrip(".")
    return plain, None


def _first_of(documents: list[dict[str, Any]], kind: Kind) -> dict[str, Any] | None:
    """The first document of a kind; a first answer ranks before a later 'nader' answer."""
    found = [d for d in documents if _doc_kind(d) == kind]
    found.sort(key=lambda d: ("nader" in (_str(d, "Soort") or "").lower(), _date(_str(d, "Datum")) or dt.date.max))
    return found[0] if found else None


def _doc_date(document: dict[str, Any] | None) -> dt.date | None:
    if document is None:
        return None
    for name in ("DatumOntvangst", "Datum", "DatumRegistratie"):
        d = _date(_str(document, name))
        if d:
            return d
    return None


def record_to_document(
    zaak: dict[str, Any] | None, documents: list[dict[str, Any]], chosen: dict[str, Any] | None, source: str | None
) -> Document:
    """Map a Zaak with its Documents (and ZaakActors/DocumentActors) to a `Document`.

    `chosen` is the publication the input is about (a Document record); without it the case's latest stage
    decides the kind: answered → answer, postponed → notice, else questions.
    """
    zaak = zaak or {}
    live = [d for d in documents if not _verwijderd(d)]
    questions_doc = _first_of(live, Kind.QUESTIONS)
    if chosen is not None:
        kind = _doc_kind(chosen) or Kind.QUESTIONS
        publication = chosen
    else:
        answer, notice = _first_of(live, Kind.ANSWER), _first_of(live, Kind.NOTICE)
        kind = Kind.ANSWER if answer else Kind.NOTICE if notice else Kind.QUESTIONS
        publication = answer or notice or questions_doc
    zaak_actors = _list(zaak, "ZaakActor")
    q_actors = _list(questions_doc, "DocumentActor") if questions_doc else []
    p_actors = _list(publication, "DocumentActor") if publication else []

    askers = _askers(zaak_actors, _ASKER_RELATIONS) or _askers(q_actors, _SENDER_RELATIONS)
    addressees = tuple(dict.fromkeys(o.office for o in _officials(zaak_actors, _ADDRESSEE_RELATIONS)))
    if not addressees:
        addressees = tuple(dict.fromkeys(o.office for o in _officials(q_actors, ("geaddresseerde", "geadresseerde"))))
    answerers = _officials(p_actors, _SENDER_RELATIONS) if kind != Kind.QUESTIONS else ()
    on_behalf = _officials(p_actors, _BEHALF_RELATIONS) if kind != Kind.QUESTIONS else ()

    title, heading = _title(
        [_str(zaak, "Onderwerp"), _str(zaak, "Titel")]
        + ([_str(questions_doc, "Onderwerp"), _str(questions_doc, "Titel")] if questions_doc else [])
        + ([_str(publication, "Onderwerp"), _str(publication, "Titel")] if publication else [])
    )
    if heading is not None:
        askers = askers or heading.askers
        addressees = addressees or heading.addressees

    date_submitted = _date(_str(questions_doc, "Datum")) if questions_doc else None
    date_submitted = (
        date_submitted
        or _date(_str(zaak, "GestartOp"))
        or (_date(_str(questions_doc, "DatumRegistratie")) if questions_doc else None)
    )
    date_answered = _doc_date(publication) if kind != Kind.QUESTIONS else None

    session, number = None, None
    if kind != Kind.QUESTIONS and publication is not None and (ah := _str(publication, "Aanhangselnummer")):
        session, number = parse_aanhangselnummer(ah)
    session = (
        session
        or grammar.normalise_session((_str(publication, "Vergaderjaar") if publication else None) or "")
        or grammar.normalise_session(_str(zaak, "Vergaderjaar") or "")
        or grammar.session_for_date(date_answered or date_submitted)
    )
    kamer = _get(publication, "Kamer") if publication else None
    organisatie = _str(zaak, "Organisatie") or ""
    chamber = Chamber.EERSTE_KAMER if str(kamer) == "1" or organisatie.startswith("Eerste Kamer") else Chamber.TWEEDE_KAMER
    nummer = _str(zaak, "Nummer")
    if nummer is None and chosen is not None:
        nummer = next((n for z in _list(chosen, "Zaak") if (n := _str(z, "Nummer"))), None)
    pub_id = publication_id(kind, chamber, session, number, nummer)

    identifiers: list[tuple[str, str]] = []
    if guid := _guid(_get(zaak, "Id")):
        identifiers.append(("tk-zaak", guid))
    for d in live:
        if guid := _guid(_get(d, "Id")):
            identifiers.append(("tk-document", guid))
        if dn := _str(d, "DocumentNummer"):
            identifiers.append(("tk-documentnummer", dn))
    if pub_id:
        identifiers.append(("ob", pub_id))
    text = _record_text(zaak, live)
    at = text.find(title) if title else -1
    return Document(
        kind=kind,
        id=pub_id,
        chamber=chamber,
        session=session,
        number=number,
        zaak=nummer,
        title=title,
        date_submitted=date_submitted,
        date_answered=date_answered,
        askers=askers,
        addressees=addressees,
        answerers=answerers,
        on_behalf_of=on_behalf,
        source=source,
        text=text,
        title_span=Span(at, at + len(title)) if title and at >= 0 else None,
        reader="odata",
        identifiers=tuple(dict.fromkeys(identifiers)),
    )


def _record_text(zaak: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    """The record's own words (Onderwerp/Titel of the case and its documents), one per line."""
    lines = [v for v in (_str(zaak, "Onderwerp"), _str(zaak, "Titel")) if v]
    for d in documents:
        lines += [v for v in (_str(d, "Soort"), _str(d, "Onderwerp"), _str(d, "Titel")) if v]
    return "\n".join(dict.fromkeys(lines)) + ("\n" if lines else "")


# --- JSON shapes ----------------------------------------------------------------------------------


def _entities(payload: Any) -> list[dict[str, Any]]:
    """The entities of a response; the entity type is taken from `@odata.context` ('…#Zaak(…)') when given."""
    if isinstance(payload, list):
        return [x for x in payload if isinstance(x, dict)]
    if not isinstance(payload, dict):
        return []
    context = str(payload.get("@odata.context") or "")
    m = re.search(r"#(\w+)", context)
    kind = m.group(1) if m and m.group(1) in ("Zaak", "Document") else None
    value = payload.get("value")
    found = [x for x in value if isinstance(x, dict)] if isinstance(value, list) else [payload]
    return [{**x, "_type": kind} if kind and "_type" not in x else x for x in found]


def _cases(entities: list[dict[str, Any]]) -> list[tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Any] | None]]:
    """(zaak, documents, chosen document) for every written-question record among the entities."""
    out = []
    for e in entities:
        if _verwijderd(e):
            continue
        if _is_zaak(e) and _is_written_zaak(e):
            out.append((e, _list(e, "Document"), None))
        elif _is_document(e) and _doc_kind(e) is not None:
            zaken = [z for z in _list(e, "Zaak") if _is_written_zaak(z) or not _str(z, "Soort")]
            if _list(e, "Zaak") and not zaken:
                continue
            zaak = zaken[0] if zaken else None
            docs = _list(zaak, "Document") if zaak else []
            if not any(_get(d, "Id") == _get(e, "Id") for d in docs):
                docs = [*docs, e]
            out.append((zaak, docs, e))
    return out


def _not_written(entities: list[dict[str, Any]], source: str | None) -> NotAWrittenQuestion:
    live = [e for e in entities if not _verwijderd(e)]
    if entities and not live:
        return NotAWrittenQuestion(
            "the Tweede Kamer record is marked as deleted (Verwijderd: true)",
            source=source,
            hint="fetch the current record of the case",
        )
    soorten = sorted({s for e in live if (s := _str(e, "Soort")) and s.lower() not in _DOC_KIND})
    if soorten:
        return NotAWrittenQuestion(
            f"the Tweede Kamer record is about {', '.join(soorten)}, not 'Schriftelijke vragen'",
            source=source,
            hint="kg reads Zaak records with Soort 'Schriftelijke vragen' (and their Documents)",
        )
    return NotAWrittenQuestion(
        "the JSON is not a Tweede Kamer Open Data record of a Zaak or Document",
        source=source,
        hint="give an OData v4 response such as Zaak?$filter=Nummer eq '2024Z…'&$expand=Document,ZaakActor",
    )


def _json_lines(text: str) -> bool:
    r"""Whether the text is JSON Lines: its first line alone is a JSON document.

    >>> _json_lines('{"a": 1}\n{"a": 2}\n'), _json_lines('{"a": 1} x')
    (True, False)
    """
    first = text.split("\n", 1)[0]  # `decode` has taken off a byte-order mark
    try:
        json.loads(first)
    except (json.JSONDecodeError, RecursionError, ValueError):
        return False
    return True


def _load_json(data: bytes, source: str | None) -> Any:
    text = decode(data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _json_lines(text):
            raise ReaderError(
                f"several JSON documents, one per line (JSON Lines; the second at line {exc.lineno}): kg reads one record per file",
                source=source,
                line=exc.lineno,
                hint="split it into one file per line (e.g. `split -l 1 --additional-suffix=.json FILE rec-`), or give one OData response",
            ) from exc
        raise ReaderError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            source=source,
            line=exc.lineno,
            hint="the file is truncated or not JSON",
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise ReaderError(f"cannot parse the JSON: {type(exc).__name__}", source=source) from exc


def _documents(
    cases: list[tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Any] | None]], source: str | None
) -> list[Document]:
    out = []
    for zaak, docs, chosen in cases:
        try:
            out.append(record_to_document(zaak, docs, chosen, source))
        except KgError:
            raise
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            raise ReaderError(f"unexpected value in the Tweede Kamer record: {exc}", source=source) from exc
    return out


def read_all(data: bytes, source: str | None = None) -> list[Document]:
    """Every written-question record in an OData response or SyncFeed page (possibly none)."""
    if decode(data[:64]).lstrip("\ufeff \t\r\n").startswith("<"):
        return _documents(_feed_cases(parse(data, source)), source)
    return _documents(_cases(_entities(_load_json(data, source))), source)


def _one(cases: list[Any], entities_for_error: list[dict[str, Any]], source: str | None) -> Document:
    if not cases:
        raise _not_written(entities_for_error, source)
    if len(cases) > 1:
        numbers = ", ".join(sorted({_str(z or {}, "Nummer") or "?" for z, _, _ in cases}))
        raise ReaderError(
            f"the record holds {len(cases)} written-question cases ({numbers}); kg parses one document per file",
            source=source,
            hint="filter the query on one Zaak (Nummer eq '…'), or use kg.readers.odata.read_all",
        )
    return _documents(cases, source)[0]


def read(data: bytes, source: str | None = None) -> Document:
    """Read one written-question record: OData v4 JSON, or SyncFeed XML (text starting with '<')."""
    try:
        return _read(data, source)
    except RecursionError as exc:
        raise ReaderError("the record is nested too deeply to be a Tweede Kamer record", source=source) from exc


def _read(data: bytes, source: str | None) -> Document:
    if decode(data[:64]).lstrip("\ufeff \t\r\n").startswith("<"):
        return read_syncfeed_root(parse(data, source), source)
    payload = _load_json(data, source)
    if not isinstance(payload, (dict, list)):
        raise _not_written([], source)
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        message = _str(payload["error"], "message") or _str(payload["error"], "code") or "no message"
        raise ReaderError(f"the file is an OData error response, not a record: {message}", source=source)
    entities = _entities(payload)
    return _one(_cases(entities), entities, source)


# --- SyncFeed XML ---------------------------------------------------------------------------------


def _pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def _entity(el: Element) -> dict[str, Any]:
    """A tkData element as an OData-shaped dict: fields in PascalCase, references as `<Name>_Id` / `_refs`."""
    out: dict[str, Any] = {"_type": local(el.tag), "Id": attr(el, "id")}
    out["Verwijderd"] = (attr(el, "verwijderd") or "").lower() == "true"
    refs: dict[str, list[str]] = {}
    for child in children(el):
        name = local(child.tag)
        ref = attr(child, "ref")
        if ref is not None:
            refs.setdefault(name, []).append(ref)
            out.setdefault(f"{_pascal(name)}_Id", ref)
            continue
        nil = (attr(child, "nil") or "").lower() == "true"
        out[_pascal(name)] = None if nil else (child.text or "").strip() or None
    out["_refs"] = refs
    return out


def _feed_entities(root: Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if namespace(root.tag) == TKDATA_NS:
        return [_entity(root)]
    for el in root.iter():
        if not isinstance(el.tag, str) or local(el.tag) != "content":
            continue
        for child in children(el):
            if namespace(child.tag) == TKDATA_NS:
                found.append(_entity(child))
    return found


def _feed_cases(root: Element) -> list[tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Any] | None]]:
    """Link the feed's entities by their `ref`s into OData-shaped Zaak records and pick the written questions."""
    entities = [e for e in _feed_entities(root) if not e["Verwijderd"]]
    by_type: dict[str, dict[str, dict[str, Any]]] = {}
    for e in entities:
        by_type.setdefault(e["_type"].lower(), {})[e["Id"]] = e
    personen, fracties = by_type.get("persoon", {}), by_type.get("fractie", {})
    for actor in [*by_type.get("zaakactor", {}).values(), *by_type.get("documentactor", {}).values()]:
        if (pid := actor.get("Persoon_Id")) in personen:
            actor["Persoon"] = personen[pid]
        if (fid := actor.get("Fractie_Id")) in fracties:
            actor["Fractie"] = fracties[fid]
    documents = by_type.get("document", {})
    for actor in by_type.get("documentactor", {}).values():
        if (doc := documents.get(actor.get("Document_Id"))) is not None:
            doc.setdefault("DocumentActor", []).append(actor)
    zaken = by_type.get("zaak", {})
    for z in zaken.values():
        z["ZaakActor"] = [a for a in by_type.get("zaakactor", {}).values() if a.get("Zaak_Id") == z["Id"]]
        z["Document"] = [d for d in documents.values() if z["Id"] in d["_refs"].get("zaak", [])]
    if zaken:
        return _cases(list(zaken.values()))
    for d in documents.values():
        d["Zaak"] = []
    return _cases(list(documents.values()))


def read_syncfeed_root(root: Element, source: str | None = None) -> Document:
    """One written question from a parsed SyncFeed page (Atom) or a bare tkData entity."""
    entities = _feed_entities(root)
    if not entities:
        raise NotAWrittenQuestion(
            "the XML holds no Tweede Kamer Open Data entities (tkData namespace)",
            source=source,
            hint="give a SyncFeed page (…/SyncFeed/2.0/Feed?category=Zaak) or an OData JSON record",
        )
    return _one(_feed_cases(root), entities, source)


def read_syncfeed(data: bytes, source: str | None = None) -> Document:
    """`read_syncfeed_root` on bytes."""
    return read_syncfeed_root(parse(data, source), source)
