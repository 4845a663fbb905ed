"""Deterministic IRIs: the same document, person, party, office or entity always gets the same IRI.

>>> slug("Faber – van de Klashorst")
'faber-van-de-klashorst'
>>> person_key("M.J. van Rijn")
'van-rijn'
>>> party_key("P.v.d.A.")
'pvda'
>>> office_iri("Staatssecretaris", "Volksgezondheid, Welzijn en Sport")
'https://w3id.org/kg-kamervragen/id/ambt/staatssecretaris/volksgezondheid-welzijn-en-sport'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from kg.model import Document, Entity, Kind
from kg.vocab import DATA

__all__ = [
    "answer_iri",
    "case_iri",
    "chamber_iri",
    "doc_iri",
    "doc_key",
    "entity_iri",
    "footnote_iri",
    "graph_iri",
    "membership_iri",
    "ministry_iri",
    "office_iri",
    "party_iri",
    "party_key",
    "person_iri",
    "person_key",
    "publication_iri",
    "question_iri",
    "slug",
]

SHARED_GRAPH = DATA + "graph/gedeeld"
ONTOLOGY_GRAPH = DATA + "graph/ontologie"


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " en ").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    """A person's key from a printed name: initials and titles dropped ('M.J. van Rijn' → 'van-rijn')."""
    name = re.sub(r"\b(?:[A-Z][a-z]?\.)+\s*", "", name)
    name = re.sub(r"^(?:de heer|mevrouw|dhr\.?|mw\.?)\s+", "", name.strip(), flags=re.I)
    return slug(name) or "onbekend"


_PARTY_ALIASES = {
    "pvda": "pvda", "p-v-d-a": "pvda", "partij-van-de-arbeid": "pvda",
    "vvd": "vvd", "v-v-d": "vvd",
    "cda": "cda", "c-d-a": "cda",
    "d66": "d66", "d-66": "d66",
    "gl": "groenlinks", "groen-links": "groenlinks", "groenlinks": "groenlinks",
    "gl-pvda": "groenlinks-pvda", "groenlinks-pvda": "groenlinks-pvda", "groenlinks-partij-van-de-arbeid": "groenlinks-pvda",
    "nsc": "nieuw-sociaal-contract", "nieuw-sociaal-contract": "nieuw-sociaal-contract",
    "cu": "christenunie", "christenunie": "christenunie", "christen-unie": "christenunie",
    "pvdd": "pvdd", "partij-voor-de-dieren": "pvdd",
    "fvd": "fvd", "forum-voor-democratie": "fvd",
    "bbb": "bbb", "boerburgerbeweging": "bbb",
    "pvv": "pvv", "partij-voor-de-vrijheid": "pvv",
    "sp": "sp", "s-p": "sp",
    "sgp": "sgp", "s-g-p": "sgp",
    "gpv": "gpv", "g-p-v": "gpv",
    "denk": "denk", "volt": "volt", "ja21": "ja21", "50plus": "50plus",
}  # fmt: skip


def party_key(party: str) -> str:
    """A party's key, folding printed variants ('P.v.d.A.' / 'PvdA'; 'GL-PvdA' / 'GroenLinks-PvdA')."""
    key = slug(party.replace(".", ""))
    return _PARTY_ALIASES.get(key, key) or "onbekend"


def publication_iri(pub_id: str) -> str:
    return f"{DATA}doc/{pub_id}"


def doc_key(doc: Document) -> str:
    """The document's identity: its publication id, else a hash of what identifies it in print."""
    if doc.id:
        return doc.id
    parts = [
        str(doc.chamber or ""),
        doc.session or "",
        str(doc.kind),
        doc.zaak or "",
        str(doc.number or ""),
        doc.date_submitted.isoformat() if doc.date_submitted else "",
        doc.date_answered.isoformat() if doc.date_answered else "",
        doc.title or "",
        "|".join(m.name for m in doc.askers),
        "|".join(o.name or "" for o in doc.answerers),
    ]
    if not any(parts[3:]):
        parts.append(doc.sha256 or "")
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]
    prefix = {Kind.QUESTIONS: "kv", Kind.ANSWER: "ah", Kind.NOTICE: "ah"}[doc.kind]
    return f"{prefix}-x-{digest}"


def doc_iri(doc: Document) -> str:
    return publication_iri(doc_key(doc))


def graph_iri(doc: Document) -> str:
    """The named graph holding what one document says."""
    return f"{DATA}graph/doc/{doc_key(doc)}"


def question_iri(doc_uri: str, number: int) -> str:
    return f"{doc_uri}/vraag/{number}"


def answer_iri(doc_uri: str, position: int) -> str:
    return f"{doc_uri}/antwoord/{position}"


def footnote_iri(doc_uri: str, number: int) -> str:
    return f"{doc_uri}/voetnoot/{number}"


def case_iri(zaak: str) -> str:
    return f"{DATA}zaak/{zaak}"


def chamber_iri(chamber: str) -> str:
    return f"{DATA}kamer/{slug(chamber)}"


def person_iri(name: str, tk: str | None = None) -> str:
    """A person: by Tweede Kamer GUID when known, else by the printed name's key."""
    return f"{DATA}persoon/tk-{tk.lower()}" if tk else f"{DATA}persoon/{person_key(name)}"


def party_iri(party: str) -> str:
    return f"{DATA}fractie/{party_key(party)}"


def membership_iri(person_uri: str, party: str) -> str:
    return f"{person_uri}/lidmaatschap/{party_key(party)}"


# Ministers "voor" a portfolio without a ministry of their own, and the ministry they sit in.
_PORTFOLIO_MINISTRY = {
    "rechtsbescherming": "Justitie en Veiligheid",
    "klimaat en energie": "Economische Zaken en Klimaat",
    "medische zorg": "Volksgezondheid, Welzijn en Sport",
    "medische zorg en sport": "Volksgezondheid, Welzijn en Sport",
    "langdurige zorg, jeugd en sport": "Volksgezondheid, Welzijn en Sport",
    "basis- en voortgezet onderwijs en media": "Onderwijs, Cultuur en Wetenschap",
    "primair en voortgezet onderwijs": "Onderwijs, Cultuur en Wetenschap",
    "buitenlandse handel en ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "buitenlandse handel en ontwikkelingshulp": "Buitenlandse Zaken",
    "ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "europese zaken": "Buitenlandse Zaken",
    "armoedebeleid, participatie en pensioenen": "Sociale Zaken en Werkgelegenheid",
    "natuur en stikstof": "Landbouw, Natuur en Voedselkwaliteit",
    "volkshuisvesting en ruimtelijke ordening": "Binnenlandse Zaken en Koninkrijksrelaties",
    "wonen en rijksdienst": "Binnenlandse Zaken en Koninkrijksrelaties",
    "jeugd en gezin": "Volksgezondheid, Welzijn en Sport",
    "vreemdelingenzaken en integratie": "Justitie",
    "wonen, wijken en integratie": "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
}


def ministry_of(portfolio: str) -> str:
    """The ministry of a portfolio as printed: its part before a dash, or the ministry a "voor" post sits in.

    >>> ministry_of("Financiën – Fiscaliteit en Belastingdienst"), ministry_of("Rechtsbescherming")
    ('Financiën', 'Justitie en Veiligheid')
    """
    head = re.split(r"\s+[–—-]\s+", portfolio)[0].strip()
    return _PORTFOLIO_MINISTRY.get(head.lower(), head)


def ministry_iri(portfolio: str) -> str:
    return f"{DATA}ministerie/{slug(ministry_of(portfolio))}"


def office_iri(role: str, portfolio: str | None) -> str:
    tail = f"/{slug(portfolio)}" if portfolio else ""
    return f"{DATA}ambt/{slug(role)}{tail}"


_TYPE_PATHS = {
    "Organisation": "organisatie",
    "Report": "rapport",
    "Programme": "programma",
    "Law": "wet",
    "Treaty": "verdrag",
    "TreatyArticle": "verdragsartikel",
    "ParliamentaryDocument": "kamerstuk",
    "MediaItem": "mediabericht",
    "Person": "persoon",
}


def entity_iri(entity: Entity) -> str:
    """An entity by its cross-document key (or its label when the extractor gave none)."""
    path = _TYPE_PATHS[str(entity.type)]
    key = entity.key or slug(entity.label)
    if str(entity.type) == "Person":
        return f"{DATA}persoon/{person_key(entity.label) if not entity.key else slug(key)}"
    return f"{DATA}{path}/{slug(key) or hashlib.sha1(entity.label.encode()).hexdigest()[:12]}"
