"""Vocabularies: the kg ontology as a closed rdflib namespace, the reused ones, and pyoxigraph terms.

The `KG` namespace is closed (`DefinedNamespace`): using a term that `ontology/kg.ttl` does not
define raises at import or first use, and a test checks that both list the same terms.

>>> str(KG.Vraag)
'https://w3id.org/kg-kamervragen/def#Vraag'
>>> term(KG.beantwoordt).value
'https://w3id.org/kg-kamervragen/def#beantwoordt'
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = [
    "DATA",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "ITSRDF",
    "KG",
    "NIF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "Nodes",
    "term",
]

DATA = "https://w3id.org/kg-kamervragen/id/"


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl)."""

    _NS = Namespace("https://w3id.org/kg-kamervragen/def#")
    _fail = True

    Actor: URIRef
    Ambt: URIRef
    Antwoord: URIRef
    Antwoordpublicatie: URIRef
    Beantwoorder: URIRef
    Bestand: URIRef
    Bewering: URIRef
    Entiteit: URIRef
    Fractie: URIRef
    GenoemdPersoon: URIRef
    GerichtAan: URIRef
    Indiener: URIRef
    Kamer: URIRef
    Kamerstuk: URIRef
    Koppeling: URIRef
    Lidmaatschap: URIRef
    MedeNamens: URIRef
    Mededeling: URIRef
    Medeindiener: URIRef
    Mediabericht: URIRef
    Ministerie: URIRef
    Namenblok: URIRef
    Organisatie: URIRef
    Paginagrens: URIRef
    Persoon: URIRef
    Programma: URIRef
    Publicatie: URIRef
    Rapport: URIRef
    Relatie: URIRef
    Relaties: URIRef
    Telling: URIRef
    Verdrag: URIRef
    Verdragsartikel: URIRef
    Vermelding: URIRef
    Verwerking: URIRef
    Voetnoot: URIRef
    Vraag: URIRef
    Vragenpublicatie: URIRef
    Wet: URIRef
    Zaak: URIRef
    aanhangselnummer: URIRef
    aantalAlleenVragen: URIRef
    aantalAlsEersteIndiener: URIRef
    aantalAntwoorden: URIRef
    aantalBeantwoord: URIRef
    aantalGetimed: URIRef
    aantalLeden: URIRef
    aantalMededelingen: URIRef
    aantalOpen: URIRef
    aantalPublicaties: URIRef
    aantalTeLaat: URIRef
    aantalUitgesteld: URIRef
    aantalVragen: URIRef
    aantalZaken: URIRef
    actor: URIRef
    ambt: URIRef
    antwoord: URIRef
    beantwoordDoor: URIRef
    beantwoordDoorAmbt: URIRef
    beantwoordt: URIRef
    bevat: URIRef
    bestand: URIRef
    bron: URIRef
    bronIn: URIRef
    bronnaam: URIRef
    datumIngezonden: URIRef
    datumOntvangen: URIRef
    doel: URIRef
    doorlooptijd: URIRef
    eenheid: URIRef
    eersteDatum: URIRef
    fractie: URIRef
    fractieAfgedrukt: URIRef
    gedeeldeFractie: URIRef
    gerichtAan: URIRef
    grenssleutel: URIRef
    indiener: URIRef
    jaar: URIRef
    kamer: URIRef
    kenmerk: URIRef
    koppeling: URIRef
    laatsteDatum: URIRef
    lezer: URIRef
    lidmaatschap: URIRef
    maxDagen: URIRef
    medeNamens: URIRef
    methode: URIRef
    naamAfgedrukt: URIRef
    namen: URIRef
    nummer: URIRef
    overAmbt: URIRef
    overEntiteit: URIRef
    overFractie: URIRef
    overMinisterie: URIRef
    overPersoon: URIRef
    overPersoon2: URIRef
    paginagrens: URIRef
    parserversie: URIRef
    persoon: URIRef
    plaats: URIRef
    portefeuille: URIRef
    portefeuilleAfgedrukt: URIRef
    publicatie: URIRef
    publicatiesGeteld: URIRef
    postIn: URIRef
    rang: URIRef
    relatie: URIRef
    rol: URIRef
    schema: URIRef
    sha256: URIRef
    sleutel: URIRef
    sorteersleutel: URIRef
    somDagen: URIRef
    soort: URIRef
    stap: URIRef
    status: URIRef
    tabel: URIRef
    tekst: URIRef
    telt: URIRef
    trigram: URIRef
    url: URIRef
    verdrag: URIRef
    vergaderjaar: URIRef
    vermeldIn: URIRef
    vermeldt: URIRef
    vervangen: URIRef
    voetnoot: URIRef
    volgorde: URIRef
    vraag: URIRef
    waarde: URIRef
    zaak: URIRef
    zaaknummer: URIRef
    zekerheid: URIRef
    zieOok: URIRef
    zin: URIRef


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgid": DATA,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "dcat": str(DCAT),
}


@cache
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def term(iri: str | ox.NamedNode) -> ox.NamedNode:
    """The pyoxigraph node for an IRI, cached (vocabulary terms are made once)."""
    return iri if isinstance(iri, ox.NamedNode) else _node(str(iri))


class Nodes:
    """pyoxigraph nodes of one namespace by attribute, each made once: `Nodes(KG).Vraag`.

    For hot paths (the RDF mapping makes hundreds of quads per document): an attribute is a
    plain lookup after its first use. A closed namespace refuses names it does not define.

    >>> Nodes(KG).beantwoordt.value
    'https://w3id.org/kg-kamervragen/def#beantwoordt'
    """

    def __init__(self, namespace: object) -> None:
        closed = isinstance(namespace, type) and issubclass(namespace, DefinedNamespace)
        self._base = str(namespace._NS) if closed else str(namespace)
        self._closed = set(namespace.__annotations__) if closed else None

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or (self._closed is not None and name not in self._closed):
            raise AttributeError(f"{name!r} is not a term of {self._base}")
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return self.__getattr__(name)
