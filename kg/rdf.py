"""Document → quads: one named graph per document, shared things in one shared graph.

Quads are built once, as pyoxigraph terms; `to_rdflib` adapts them for rdflib users (SHACL, JSON-LD,
isomorphism tests). A document's graph holds what that document says, plus its provenance
(source file, sha256, parser version, build time, PROV-O). Persons, parties, offices, ministries,
cases and entities are described once, in the shared graph `SHARED_GRAPH`, never restated per
document graph (restating makes writers quadratic and union-graph joins slow). A "Zie ook" that
names no publication number (old pages cite a page only) has no publication to link to and is left out.

>>> from kg.readers.layout import SAMPLE, parse_text
>>> quads = document_quads(parse_text(SAMPLE), built_at=None)
>>> len(quads) > 30
True
>>> sorted({q.graph_name.value.rsplit("/", 2)[-2] for q in quads})
['doc', 'graph']
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import rdflib

from kg import iris, vocab
from kg.iris import SHARED_GRAPH
from kg.model import Document, Entity, EntityType, Kind, Link, Member, Office, Official
from kg.vocab import PREFIXES, Nodes, term

# the vocabulary as pyoxigraph nodes, made once (the mapping makes hundreds of quads per document)
KG, RDF, RDFS, OWL, XSD = Nodes(vocab.KG), Nodes(vocab.RDF), Nodes(vocab.RDFS), Nodes(vocab.OWL), Nodes(vocab.XSD)
DCTERMS, FOAF, ORG, PROV, NIF, ITSRDF = Nodes(vocab.DCTERMS), Nodes(vocab.FOAF), Nodes(vocab.ORG), Nodes(vocab.PROV), Nodes(vocab.NIF), Nodes(vocab.ITSRDF)

__all__ = ["PARSER_VERSION", "SHARED_GRAPH", "document_quads", "link_target", "to_rdflib"]

PARSER_VERSION = "kg/0.1.0"

_KIND_CLASS = {Kind.ANSWER: KG.Antwoordpublicatie, Kind.QUESTIONS: KG.Vragenpublicatie, Kind.NOTICE: KG.Mededeling}
_ENTITY_CLASS = {
    EntityType.ORGANISATION: KG.Organisatie,
    EntityType.REPORT: KG.Rapport,
    EntityType.PROGRAMME: KG.Programma,
    EntityType.LAW: KG.Wet,
    EntityType.TREATY: KG.Verdrag,
    EntityType.TREATY_ARTICLE: KG.Verdragsartikel,
    EntityType.PARLIAMENTARY_DOCUMENT: KG.Kamerstuk,
    EntityType.MEDIA_ITEM: KG.Mediabericht,
    EntityType.PERSON: KG.GenoemdPersoon,
}
_CHAMBER_WIKIDATA = {"Tweede Kamer": "Q233262"}


def _nl(text: str) -> ox.Literal:
    return ox.Literal(text, language="nl")


def _str(text: str) -> ox.Literal:
    return ox.Literal(text)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD.integer)


def _decimal(value: float) -> ox.Literal:
    """An xsd:decimal in canonical form ("52.0", "0.95"), so that every RDF library writes it back the same."""
    text = format(value, "f").rstrip("0") if "." in format(value, "f") else format(value, "f")
    return ox.Literal(text + "0" if text.endswith(".") else (text if "." in text else text + ".0"), datatype=XSD.decimal)


def _date(d: dt.date) -> ox.Literal:
    return ox.Literal(d.isoformat(), datatype=XSD.date)


def link_target(link: Link) -> str | None:
    """The IRI an identifier stands for in the open-data portals (None for schemes without IRIs).

    >>> link_target(Link("wikidata", "Q1194971"))
    'http://www.wikidata.org/entity/Q1194971'
    """
    v = link.value
    match link.scheme:
        case "wikidata":
            return f"http://www.wikidata.org/entity/{v}"
        case "tk":
            return f"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon({v})"
        case "tk-fractie":
            return f"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Fractie({v})"
        case "parlement":
            return f"https://www.parlement.com/id/{v}"
        case "tooi" | "owms":
            return v if v.startswith("http") else None
        case "bwb":
            return v if v.startswith("http") else f"https://wetten.overheid.nl/{v}"
        case "ob":
            return f"https://zoek.officielebekendmakingen.nl/{v}"
    return v if v.startswith(("http://", "https://")) else None


class _Builder:
    """Collects quads for one document; small helpers keep the mapping readable."""

    def __init__(self, graph: str) -> None:
        self.g = ox.NamedNode(graph)
        self.shared = term(SHARED_GRAPH)
        self.quads: list[ox.Quad] = []
        self._seen_shared: set[tuple[str, ox.NamedNode, ox.NamedNode | ox.Literal]] = set()
        self._iris: dict[str, ox.NamedNode] = {}

    def node(self, iri: str) -> ox.NamedNode:
        """The node for an IRI, made once per document."""
        n = self._iris.get(iri)
        if n is None:
            n = self._iris[iri] = ox.NamedNode(iri)
        return n

    def add(self, s: str | ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | str) -> None:
        subj = s if isinstance(s, ox.NamedNode) else self.node(s)
        obj = self.node(o) if isinstance(o, str) else o
        self.quads.append(ox.Quad(subj, p, obj, self.g))

    def share(self, s: str, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | str) -> None:
        obj = self.node(o) if isinstance(o, str) else o
        key = (s, p, obj)
        if key in self._seen_shared:
            return
        self._seen_shared.add(key)
        self.quads.append(ox.Quad(self.node(s), p, obj, self.shared))

    def links(self, about: str, links: Iterable[Link], *, only: str = "self") -> None:
        # links left unresolved (ambiguous, unknown) are reported by `kg link --report`, not stated
        for i, link in enumerate(lk for lk in links if lk.about == only and lk.scheme != "unresolved"):
            target = link_target(link)
            # one node per distinct link (value, method, source): the same person linked the same way
            # from many documents is one node; a different way is another node, never a second value
            tag = hashlib.sha1(f"{link.value}|{link.method}|{link.source}|{link.confidence:.3f}".encode()).hexdigest()[:10]
            node = f"{about}/koppeling/{link.scheme}-{tag}"
            if target:
                self.share(about, OWL.sameAs, target)
            self.share(about, KG.koppeling, node)
            self.share(node, RDF.type, KG.Koppeling)
            self.share(node, KG.schema, _str(link.scheme))
            self.share(node, DCTERMS.identifier, _str(link.value))
            if target:
                self.share(node, KG.doel, target)
            if link.method:
                self.share(node, KG.methode, _str(link.method))
            if link.source:
                self.share(node, KG.bronnaam, _str(link.source))
            self.share(node, KG.zekerheid, _decimal(round(link.confidence, 3)))
            _ = i


def document_quads(doc: Document, *, built_at: dt.datetime | None, parser_version: str = PARSER_VERSION) -> list[ox.Quad]:
    """All quads for one document: its own named graph plus what it adds to the shared graph."""
    b = _Builder(iris.graph_iri(doc))
    d = iris.doc_iri(doc)
    _header(b, d, doc)
    _actors(b, d, doc)
    _parts(b, d, doc)
    _mentions(b, d, doc)
    _claims(b, d, doc)
    _provenance(b, d, doc, built_at, parser_version)
    return b.quads


def _header(b: _Builder, d: str, doc: Document) -> None:
    b.add(d, RDF.type, _KIND_CLASS[doc.kind])
    b.add(d, KG.soort, _str(str(doc.kind)))
    if doc.id:
        b.add(d, DCTERMS.identifier, _str(doc.id))
        b.add(d, FOAF.page, f"https://zoek.officielebekendmakingen.nl/{doc.id}.html")
    if doc.chamber:
        kamer = iris.chamber_iri(str(doc.chamber))
        b.add(d, KG.kamer, kamer)
        b.share(kamer, RDF.type, KG.Kamer)
        b.share(kamer, RDFS.label, _nl(str(doc.chamber)))
        if qid := _CHAMBER_WIKIDATA.get(str(doc.chamber)):
            b.share(kamer, OWL.sameAs, f"http://www.wikidata.org/entity/{qid}")
    if doc.session:
        b.add(d, KG.vergaderjaar, _str(doc.session))
    if doc.number is not None:
        b.add(d, KG.aanhangselnummer, _int(doc.number))
    if doc.zaak:
        z = iris.case_iri(doc.zaak)
        b.add(d, KG.zaaknummer, _str(doc.zaak))
        b.add(d, KG.zaak, z)
        b.share(z, RDF.type, KG.Zaak)
        b.share(z, KG.zaaknummer, _str(doc.zaak))
    if doc.title:
        b.add(d, DCTERMS.title, _nl(doc.title))
    if doc.date_submitted:
        b.add(d, KG.datumIngezonden, _date(doc.date_submitted))
    if doc.date_answered:
        b.add(d, KG.datumOntvangen, _date(doc.date_answered))
    for s in doc.see_also:
        if s.session and s.number is not None:
            house = "ek" if str(doc.chamber) == "Eerste Kamer" else "tk"
            b.add(d, KG.zieOok, iris.publication_iri(f"ah-{house}-{s.session.replace('-', '')}-{s.number}"))
    for scheme, value in doc.identifiers:
        b.add(d, DCTERMS.identifier, _str(f"{scheme}:{value}"))
    b.links(d, doc.links)


def _person(b: _Builder, m: Member | Official) -> str | None:
    if not m.name:
        return None
    p = iris.person_iri(m.name, m.ids.tk if m.ids else None)
    b.share(p, RDF.type, KG.Persoon)
    b.share(p, RDFS.label, _str(m.name))
    if m.ids:
        legacy = [Link(s, v, method="reader") for s, v in (("tk", m.ids.tk), ("wikidata", m.ids.wikidata), ("parlement", m.ids.parlement)) if v]
        known = {(lk.scheme, lk.value) for lk in m.links}
        b.links(p, [*m.links, *(lk for lk in legacy if (lk.scheme, lk.value) not in known)], only="self")
    else:
        b.links(p, m.links, only="self")
    return p


def _office(b: _Builder, o: Office | Official) -> str:
    role = str(o.role)
    uri = iris.office_iri(role, o.portfolio)
    b.share(uri, RDF.type, KG.Ambt)
    b.share(uri, KG.rol, _str(role))
    label = f"{role} van {o.portfolio}" if o.portfolio else role
    b.share(uri, RDFS.label, _nl(label))
    if o.portfolio:
        b.share(uri, KG.portefeuille, _str(o.portfolio))
        mini = iris.ministry_iri(o.portfolio)
        b.share(uri, KG.postIn, mini)
        b.share(mini, RDF.type, KG.Ministerie)
        b.share(mini, RDFS.label, _nl(f"Ministerie van {iris.ministry_of(o.portfolio)}"))
        b.links(mini, o.links, only="ministry")
    b.links(uri, o.links, only="post")
    return uri


def _actor(b: _Builder, d: str, n: int, relation: str, office: Office | Official | None = None) -> str:
    a = f"{d}/actor/{n}"
    b.add(d, KG.actor, a)
    b.add(a, RDF.type, KG.Actor)
    b.add(a, KG.relatie, relation)
    b.add(a, KG.volgorde, _int(n))
    if office is not None and office.portfolio:
        b.add(a, KG.portefeuilleAfgedrukt, _str(office.portfolio))
    return a


def _actors(b: _Builder, d: str, doc: Document) -> None:
    n = 0
    for i, m in enumerate(doc.askers):
        n += 1
        a = _actor(b, d, n, KG.Indiener if i == 0 else KG.Medeindiener)
        b.add(a, KG.naamAfgedrukt, _str(m.name))
        p = _person(b, m)
        if p:
            b.add(a, KG.persoon, p)
            b.add(d, KG.indiener, p)
        if m.party:
            f = iris.party_iri(m.party)
            b.add(a, KG.fractie, f)
            b.add(a, KG.fractieAfgedrukt, _str(m.party))
            b.share(f, RDF.type, KG.Fractie)
            b.share(f, RDFS.label, _str(m.party))
            b.links(f, m.links, only="party")
            if p:
                ms = iris.membership_iri(p, m.party)
                b.add(a, KG.lidmaatschap, ms)
                b.share(ms, RDF.type, KG.Lidmaatschap)
                b.share(ms, ORG.member, p)
                b.share(ms, ORG.organization, f)
    for o in doc.addressees:
        n += 1
        _office_actor(b, d, _actor(b, d, n, KG.GerichtAan, o), o, KG.gerichtAan, None)
    for o in doc.answerers:
        n += 1
        _office_actor(b, d, _actor(b, d, n, KG.Beantwoorder, o), o, KG.beantwoordDoorAmbt, KG.beantwoordDoor)
    for o in doc.on_behalf_of:
        n += 1
        _office_actor(b, d, _actor(b, d, n, KG.MedeNamens, o), o, KG.medeNamens, None)


def _office_actor(b: _Builder, d: str, a: str, o: Office | Official, via_office: str, via_person: str | None) -> None:
    """An actor in an office: the office, and the person when printed or found by linking."""
    post = _office(b, o)
    b.add(a, KG.ambt, post)
    b.add(d, via_office, post)
    name = o.name if isinstance(o, Official) else None
    p = _person(b, o) if name else _linked_person(b, o.links)
    if p is None:
        return
    if name:
        b.add(a, KG.naamAfgedrukt, _str(name))
    b.add(a, KG.persoon, p)
    if via_person:
        b.add(d, via_person, p)


def _linked_person(b: _Builder, links: Iterable[Link]) -> str | None:
    """The person holding an office that the text does not name, when linking found them."""
    found = [lk for lk in links if lk.about == "person"]
    tk = next((lk.value for lk in found if lk.scheme == "tk"), None)
    wd = next((lk.value for lk in found if lk.scheme == "wikidata"), None)
    if not (tk or wd):
        return None
    p = iris.person_iri("", tk) if tk else f"{iris.DATA}persoon/wd-{wd}"
    b.share(p, RDF.type, KG.Persoon)
    b.links(p, [Link(lk.scheme, lk.value, "self", lk.method, lk.source, lk.confidence) for lk in found])
    name = next((lk.value for lk in found if lk.scheme == "name"), None)
    if name:
        b.share(p, RDFS.label, _str(name))
    return p


def _parts(b: _Builder, d: str, doc: Document) -> None:
    seen: set[str] = set()

    def unique(iri: str) -> str:
        """A number printed twice gets a second node (…/vraag/2-2), never a second text on the first."""
        k, out = 1, iri
        while out in seen:
            k += 1
            out = f"{iri}-{k}"
        seen.add(out)
        return out

    for i, q in enumerate(doc.questions, 1):
        u = unique(iris.question_iri(d, q.number))
        b.add(d, KG.vraag, u)
        b.add(u, RDF.type, KG.Vraag)
        b.add(u, KG.nummer, _int(q.number))
        b.add(u, KG.volgorde, _int(i))
        b.add(u, KG.tekst, _nl(q.text))
        b.add(u, DCTERMS.isPartOf, d)
    for i, a in enumerate(doc.answers, 1):
        u = iris.answer_iri(d, i)
        b.add(d, KG.antwoord, u)
        b.add(u, RDF.type, KG.Antwoord)
        b.add(u, KG.volgorde, _int(i))
        b.add(u, KG.tekst, _nl(a.text))
        b.add(u, DCTERMS.isPartOf, d)
        for n in a.questions:
            b.add(u, KG.beantwoordt, iris.question_iri(d, n))
    for f in doc.footnotes:
        u = unique(iris.footnote_iri(d, f.number))
        b.add(d, KG.voetnoot, u)
        b.add(u, RDF.type, KG.Voetnoot)
        b.add(u, KG.nummer, _int(f.number))
        b.add(u, KG.tekst, _nl(f.text))
        b.add(u, DCTERMS.isPartOf, d)
        for url in f.urls:
            b.add(u, KG.url, ox.Literal(url, datatype=XSD.anyURI))


def _place_iri(d: str, doc: Document, where: str) -> str | None:
    kind, _, num = where.partition(" ")
    if where == "title":
        return d
    if not num.isdigit():
        return None
    n = int(num)
    if kind == "question" and any(q.number == n for q in doc.questions):
        return iris.question_iri(d, n)
    if kind == "answer" and 0 < n <= len(doc.answers):
        return iris.answer_iri(d, n)
    if kind == "footnote" and any(f.number == n for f in doc.footnotes):
        return iris.footnote_iri(d, n)
    return None


def _entity(b: _Builder, e: Entity) -> str:
    uri = iris.entity_iri(e)
    b.share(uri, RDF.type, _ENTITY_CLASS[e.type])
    b.share(uri, RDFS.label, _str(e.label))
    if e.key:
        b.share(uri, KG.sleutel, _str(e.key))
    for k, v in e.attrs:
        b.share(uri, KG.kenmerk, _str(f"{k}={v}"))
        if k == "treaty_key" and e.type == EntityType.TREATY_ARTICLE:
            treaty = iris.entity_iri(Entity(EntityType.TREATY, v, "", key=v))
            b.share(uri, KG.verdrag, treaty)
            b.share(treaty, RDF.type, KG.Verdrag)
        if k == "url" and v.startswith(("http://", "https://")):
            b.share(uri, FOAF.page, v)
    if pub := _cited_publication(dict(e.attrs)):
        b.share(uri, OWL.sameAs, iris.publication_iri(pub))  # a cited Aanhangsel publication is that publication
    b.links(uri, e.links)
    return uri


def _cited_publication(attrs: dict[str, str]) -> str | None:
    """The publication id of an Aanhangsel citation ("Aanhangsel Handelingen II 2019/20, nr. 89")."""
    session, number = attrs.get("session", ""), attrs.get("number", "")
    if attrs.get("kind") != "aanhangsel" or not number.isdigit() or len(session) != 9:
        return None
    house = "ek" if attrs.get("chamber") == "I" else "tk"
    return f"ah-{house}-{session.replace('-', '')}-{number}"


def _mentions(b: _Builder, d: str, doc: Document) -> None:
    for k, e in enumerate(doc.entities, 1):
        uri = _entity(b, e)
        place = _place_iri(d, doc, e.where)
        b.add(d, KG.vermeldt, uri)
        if place is None:
            continue
        if place != d:
            b.add(place, KG.vermeldt, uri)
        m = f"{d}/vermelding/{k}"
        b.add(m, RDF.type, KG.Vermelding)
        b.add(m, NIF.referenceContext, place)
        b.add(m, KG.plaats, _str(e.where))
        b.add(m, ITSRDF.taIdentRef, uri)
        if e.start is not None and e.end is not None:
            b.add(m, NIF.beginIndex, _int(e.start))
            b.add(m, NIF.endIndex, _int(e.end))
        if e.surface:
            b.add(m, NIF.anchorOf, _str(e.surface))


def _claims(b: _Builder, d: str, doc: Document) -> None:
    keys = {e.key: e for e in doc.entities if e.key}
    for k, c in enumerate(doc.claims, 1):
        u = f"{d}/bewering/{k}"
        b.add(u, RDF.type, KG.Bewering)
        b.add(u, KG.waarde, _decimal(c.value))
        b.add(u, KG.eenheid, _str(c.unit))
        b.add(u, KG.telt, _str(c.counts))
        b.add(u, KG.zin, _nl(c.sentence))
        place = _place_iri(d, doc, c.where)
        if place:
            b.add(u, PROV.wasDerivedFrom, place)
        if c.source_key and c.source_key in keys:
            b.add(u, KG.bron, iris.entity_iri(keys[c.source_key]))


def _provenance(b: _Builder, d: str, doc: Document, built_at: dt.datetime | None, parser_version: str) -> None:
    g = b.g.value
    run = f"{g}/verwerking"
    b.add(g, RDF.type, PROV.Entity)
    b.add(g, PROV.wasGeneratedBy, run)
    b.add(g, DCTERMS.subject, d)
    b.add(run, RDF.type, KG.Verwerking)
    b.add(run, KG.parserversie, _str(parser_version))
    if doc.reader:
        b.add(run, KG.lezer, _str(doc.reader))
    if built_at is not None:
        b.add(run, PROV.endedAtTime, ox.Literal(built_at.isoformat(timespec="seconds"), datatype=XSD.dateTime))
    if doc.sha256 or doc.source:
        key = doc.sha256 or "bron-" + hashlib.sha1((doc.source or "").encode()).hexdigest()
        f = f"{iris.DATA}bestand/{key}"
        b.add(g, KG.bestand, f)
        b.add(d, PROV.wasDerivedFrom, f)
        b.add(f, RDF.type, KG.Bestand)
        b.add(run, PROV.used, f)
        if doc.sha256:
            b.add(f, KG.sha256, _str(doc.sha256))
        if doc.source:
            b.add(f, DCTERMS.source, _str(doc.source))


def _to_rdflib_term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    dtype = t.datatype.value
    if dtype == XSD.string.value:
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(dtype))


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Dataset:
    """The same quads as an rdflib Dataset (for SHACL, JSON-LD, graph comparison)."""
    ds = rdflib.Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for q in quads:
        g = q.graph_name
        ctx = ds.graph(rdflib.URIRef(g.value)) if isinstance(g, ox.NamedNode) else ds.default_graph
        ctx.add((_to_rdflib_term(q.subject), _to_rdflib_term(q.predicate), _to_rdflib_term(q.object)))
    return ds


def iter_triples(quads: Iterable[ox.Quad]) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
    """The triples of some quads, graph names dropped."""
    for q in quads:
        yield q.subject, q.predicate, q.object
