"""A DCAT-AP (DCAT-AP-NL) description of a built graph, fit for a data.overheid.nl listing.

The description is computed from the store: how many publications, the period they cover
(temporal coverage), and one distribution per export format. Publisher, licence and base URL are
the publisher's to set.

>>> from kg.store import KgStore
>>> ttl = describe(KgStore.memory(), title="Kamervragen", publisher="https://example.org/wij", base_url="https://example.org/kg/")
>>> "dcat:Dataset" in ttl and "dcat:distribution" in ttl
True
"""

from __future__ import annotations

import datetime as dt

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from kg.store import KgStore

__all__ = ["DISTRIBUTIONS", "describe"]

EU_FILE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANG = "http://publications.europa.eu/resource/authority/language/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
OVERHEID = "http://standaarden.overheid.nl/owms/terms/"

# export format → (file name, media type, EU file type)
DISTRIBUTIONS: dict[str, tuple[str, str, str]] = {
    "trig": ("kamervragen.trig", "application/trig", "RDF_TRIG"),
    "nq": ("kamervragen.nq", "application/n-quads", "RDF_N_QUADS"),
    "ttl": ("kamervragen.ttl", "text/turtle", "RDF_TURTLE"),
    "jsonld": ("kamervragen.jsonld", "application/ld+json", "JSON_LD"),
}


def _stats(store: KgStore) -> dict[str, str | None]:
    rows = list(
        store.query(
            """SELECT (COUNT(DISTINCT ?d) AS ?n) (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
                 ?d kg:soort ?k . OPTIONAL { ?d kg:datumIngezonden|kg:datumOntvangen ?date } }"""
        )
    )
    r = rows[0] if rows else None
    return {k: (r[k].value if r is not None and r[k] is not None else None) for k in ("n", "first", "last")}


def describe(
    store: KgStore,
    *,
    title: str = "Schriftelijke Kamervragen als kennisgraaf",
    publisher: str = "https://w3id.org/kg-kamervragen/",
    publisher_name: str = "kg",
    licence: str = "http://creativecommons.org/publicdomain/zero/1.0/",
    base_url: str = "https://example.org/kamervragen/",
    contact: str = "mailto:info@example.org",
) -> str:
    """The DCAT-AP description as Turtle."""
    stats = _stats(store)
    g = rdflib.Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("adms", ADMS), ("vcard", VCARD)):
        g.bind(prefix, ns)
    ds = URIRef(base_url.rstrip("/") + "/dataset")
    now = dt.datetime.now(dt.UTC).date().isoformat()
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(title, lang="nl")))
    g.add((ds, DCTERMS.title, Literal("Written parliamentary questions as a knowledge graph", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        f"{stats['n'] or 0} publicaties van schriftelijke vragen (Aanhangsel van de Handelingen) met vragen, antwoorden, "
        "indieners, bewindspersonen, voetnoten en wat de teksten noemen, als RDF; gekoppeld aan Wikidata, de Tweede Kamer "
        "Open Data, officielebekendmakingen.nl, wetten.overheid.nl en TOOI.", lang="nl")))  # fmt: skip
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCTERMS.issued, Literal(now, datatype=XSD.date)))
    g.add((ds, DCTERMS.modified, Literal(now, datatype=XSD.date)))
    g.add((ds, DCTERMS.language, URIRef(EU_LANG + "NLD")))
    g.add((ds, DCTERMS.spatial, URIRef(EU_COUNTRY + "NLD")))
    g.add((ds, DCAT.theme, URIRef(EU_THEME + "GOVE")))
    g.add((ds, DCAT.theme, URIRef(OVERHEID + "Bestuur")))
    for kw in ("Kamervragen", "schriftelijke vragen", "Tweede Kamer", "Aanhangsel van de Handelingen", "linked data"):
        g.add((ds, DCAT.keyword, Literal(kw, lang="nl")))
    g.add((ds, DCTERMS.accessRights, URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")))
    pub = URIRef(publisher)
    g.add((ds, DCTERMS.publisher, pub))
    g.add((pub, RDF.type, FOAF.Agent))
    g.add((pub, FOAF.name, Literal(publisher_name)))
    point = BNode()
    g.add((ds, DCAT.contactPoint, point))
    g.add((point, RDF.type, VCARD.Organization))
    g.add((point, VCARD.fn, Literal(publisher_name)))
    g.add((point, VCARD.hasEmail, URIRef(contact)))
    if stats["first"] or stats["last"]:
        period = BNode()
        g.add((ds, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if stats["first"]:
            g.add((period, DCAT.startDate, Literal(stats["first"], datatype=XSD.date)))
        if stats["last"]:
            g.add((period, DCAT.endDate, Literal(stats["last"], datatype=XSD.date)))
    g.add((ds, DCTERMS.conformsTo, URIRef("https://w3id.org/kg-kamervragen/def")))
    for fmt, (name, media, filetype) in DISTRIBUTIONS.items():
        dist = URIRef(f"{base_url.rstrip('/')}/{name}")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{title} ({fmt})", lang="nl")))
        g.add((dist, DCAT.accessURL, dist))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCAT.mediaType, URIRef(f"http://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCTERMS["format"], URIRef(EU_FILE + filetype)))
        g.add((dist, DCTERMS.license, URIRef(licence)))
    return g.serialize(format="turtle")
