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
import re
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar, TypeVar

import pyoxigraph as ox
import rdflib

from kg import iris, vocab
from kg.iris import SHARED_GRAPH
from kg.model import Document, Entity, EntityType, Kind, Link, Member, Office, Official
from kg.vocab import PREFIXES, Nodes, term

# the vocabulary as pyoxigraph nodes, made once (the mapping makes hundreds of quads per document)
KG, RDF, RDFS, OWL, XSD = Nodes(vocab.KG), Nodes(vocab.RDF), Nodes(vocab.RDFS), Nodes(vocab.OWL), Nodes(vocab.XSD)
DCTERMS, FOAF, ORG, PROV, NIF, ITSRDF = Nodes(vocab.DCTERMS), Nodes(vocab.FOAF), Nodes(vocab.ORG), Nodes(vocab.PROV), Nodes(vocab.NIF), Nodes(vocab.ITSRDF)

__all__ = ["PARSER_VERSION", "SHARED_GRAPH", "Triple", "document_lines", "document_nquads", "document_quads", "link_target", "order_key", "to_rdflib"]

# What a document graph says changes with it: a store whose graphs were made by another version is
# re-mapped by the next build (see `KgStore.manifest`).
PARSER_VERSION = "kg/0.3.0"

T = TypeVar("T")
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]  # a statement of a document graph

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


# Terms and what documents say about shared things repeat across the documents a process maps (the
# same person, party, office, entity, small numbers): they are made once per process and reused. The
# caches are bounded (a full cache is emptied) and hold few objects the garbage collector has to visit.
_CACHE_LIMIT = 5_000  # 20,000 held ~40 MB more in each worker at 100k documents (no CPU difference over 5,000 in one process)
_INTS: dict[int, ox.Literal] = {}
_NODES: dict[str, ox.NamedNode] = {}
_SHARED_NODE = term(SHARED_GRAPH)
_Quad, _NamedNode = ox.Quad, ox.NamedNode


def _int(n: int) -> ox.Literal:
    lit = _INTS.get(n)
    if lit is None:
        lit = ox.Literal(str(n), datatype=XSD.integer)
        if len(_INTS) < 10_000:
            _INTS[n] = lit
    return lit


def _node(iri: str) -> ox.NamedNode:
    """The node for the IRI of a thing many documents name (person, party, office, entity)."""
    n = _NODES.get(iri)
    if n is None:
        if len(_NODES) >= _CACHE_LIMIT:
            _NODES.clear()
        n = _NODES[iri] = _NamedNode(iri)
    return n


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


class _Sharing:
    """Statements about shared things (the shared graph); `_emit` says where they go."""

    def _emit(self, quad: ox.Quad) -> None:
        raise NotImplementedError

    def share(self, s: str, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | str) -> None:
        self._emit(_Quad(_node(s), p, _node(o) if isinstance(o, str) else o, _SHARED_NODE))

    def links(self, about: str, links: Iterable[Link], *, only: str = "self") -> None:
        # links left unresolved (ambiguous, unknown) are reported by `kg link --report`, not stated
        for link in links:
            if link.about != only or link.scheme == "unresolved":
                continue
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


class _Recorder(_Sharing):
    """Records the shared statements of one block (see `_block`)."""

    def __init__(self) -> None:
        self.quads: list[ox.Quad] = []

    def _emit(self, quad: ox.Quad) -> None:
        self.quads.append(quad)


class _Builder(_Sharing):
    """Collects quads for one document; small helpers keep the mapping readable.

    A shared statement is stated once per document (the same quad twice is kept once).
    """

    blocks: ClassVar[dict[tuple[object, ...], tuple[object, tuple[object, ...]]]] = {}  # see `_block`

    def __init__(self, graph: str) -> None:
        self.g = _NamedNode(graph)
        self.quads: list[ox.Quad] = []
        self._seen_shared: set[object] = set()
        self._iris: dict[str, ox.NamedNode] = {}
        self.order: ox.Literal = _int(0)  # the document's `order_key`

    def node(self, iri: str) -> ox.NamedNode:
        """The node for an IRI of this document, made once per document."""
        n = self._iris.get(iri)
        if n is None:
            n = self._iris[iri] = _NamedNode(iri)
        return n

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(_Quad(s, p, o, self.g))

    def _emit(self, quad: ox.Quad) -> None:
        if quad not in self._seen_shared:
            self._seen_shared.add(quad)
            self.quads.append(quad)

    def _kept(self, quads: list[ox.Quad]) -> tuple[object, ...]:
        """How a block's statements are kept for replaying: as quads."""
        return tuple(quads)

    def _replay(self, items: tuple[object, ...]) -> None:
        seen, out = self._seen_shared, self.quads
        for q in items:
            if q not in seen:
                seen.add(q)
                out.append(q)


class _LineBuilder(_Builder):
    """A `_Builder` that writes N-Quads lines instead of quads: the document's graph and the shared graph apart.

    A quad and its N-Quads line determine each other, so keeping one line per distinct line keeps one
    per distinct quad.
    """

    blocks: ClassVar[dict[tuple[object, ...], tuple[object, tuple[object, ...]]]] = {}  # lines, not quads

    def __init__(self, graph: str, keep: frozenset[ox.NamedNode] = frozenset()) -> None:
        super().__init__(graph)
        self._tail = f" {self.g} .\n"
        self.shared: list[str] = []
        self.keep = keep
        self.kept: list[Triple] = []  # the document's own statements whose predicate is in `keep` (as made: some twice)

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(f"{s} {p} {o}{self._tail}")  # type: ignore[arg-type]
        if p in self.keep:
            self.kept.append((s, p, o))

    def _emit(self, quad: ox.Quad) -> None:
        self._replay((f"{quad} .\n",))

    def _kept(self, quads: list[ox.Quad]) -> tuple[object, ...]:
        return tuple(f"{q} .\n" for q in quads)

    def _replay(self, items: tuple[object, ...]) -> None:
        seen, out = self._seen_shared, self.shared
        for line in items:
            if line not in seen:
                seen.add(line)
                out.append(line)  # type: ignore[arg-type]


def _stated(links: Iterable[Link], *about: str) -> tuple[Link, ...]:
    """The links `_Sharing.links` states for these `about`s: what a block's key holds of them (links left
    unresolved name the document's date and would make every key new)."""
    return tuple(lk for lk in links if lk.about in about and lk.scheme != "unresolved")


def _block(b: _Builder, key: tuple[object, ...], make: Callable[[_Sharing], T]) -> T:
    """What `make` says about shared things, made once per process for the same `key`, stated in `b`.

    `key` must hold everything `make` reads; the statements are replayed in order, so `b` gets the
    same quads as from calling `make(b)`.
    """
    blocks = b.blocks
    hit = blocks.get(key)
    if hit is None:
        rec = _Recorder()
        hit = (make(rec), b._kept(rec.quads))
        if len(blocks) >= _CACHE_LIMIT:
            blocks.clear()
        blocks[key] = hit
    b._replay(hit[1])
    return hit[0]  # type: ignore[return-value]


def document_quads(doc: Document, *, built_at: dt.datetime | None, parser_version: str = PARSER_VERSION) -> list[ox.Quad]:
    """All quads for one document: its own named graph plus what it adds to the shared graph."""
    b = _Builder(iris.graph_iri(doc))
    _map(b, doc, built_at, parser_version)
    return b.quads


def document_nquads(doc: Document, *, built_at: dt.datetime | None, parser_version: str = PARSER_VERSION) -> tuple[bytes, bytes, int]:
    """`document_quads` as N-Quads: (the document's graph, what it adds to the shared graph, number of quads).

    The same bytes as serialising the quads of each graph with pyoxigraph, without making the quads.

    >>> from kg.readers.layout import SAMPLE, parse_text
    >>> doc = parse_text(SAMPLE)
    >>> quads = document_quads(doc, built_at=None)
    >>> own, shared, n = document_nquads(doc, built_at=None)
    >>> own == ox.serialize([q for q in quads if q.graph_name.value != SHARED_GRAPH], format=ox.RdfFormat.N_QUADS), n == len(quads)
    (True, True)
    """
    own, shared, n, _ = document_lines(doc, built_at=built_at, parser_version=parser_version)
    return own, shared, n


def document_lines(
    doc: Document, *, built_at: dt.datetime | None, keep: frozenset[ox.NamedNode] = frozenset(), parser_version: str = PARSER_VERSION
) -> tuple[bytes, bytes, int, list[Triple]]:
    """`document_nquads`, and the statements of the document's own graph whose predicate is in `keep`
    (each once, as the store keeps them, in the order the mapping made them), so that a later stage
    can digest them without reading the graph back.

    >>> from kg.readers.layout import SAMPLE, parse_text
    >>> from kg.vocab import KG
    >>> own, shared, n, kept = document_lines(parse_text(SAMPLE), built_at=None, keep=frozenset([term(KG.soort)]))
    >>> [(p.value.rsplit("#")[-1], o.value) for _, p, o in kept]
    [('soort', 'answer')]
    """
    b = _LineBuilder(iris.graph_iri(doc), keep)
    _map(b, doc, built_at, parser_version)
    own: list[str] = b.quads  # type: ignore[assignment]
    return "".join(own).encode(), "".join(b.shared).encode(), len(own) + len(b.shared), list(dict.fromkeys(b.kept))


def _map(b: _Builder, doc: Document, built_at: dt.datetime | None, parser_version: str) -> None:
    d = iris.doc_iri(doc)
    dn = b.node(d)
    b.order = ox.Literal(str(order_key(doc)), datatype=XSD.integer)  # not `_int`: its cache is for small numbers that repeat
    _header(b, d, dn, doc)
    _actors(b, d, dn, doc)
    _parts(b, d, dn, doc)
    places = _Places(b, d, doc)
    _mentions(b, d, dn, doc, places)
    _claims(b, d, doc, places)
    _provenance(b, dn, doc, built_at, parser_version)


_CHAMBER_ORDER = {"Eerste Kamer": 1, "Tweede Kamer": 2}
_ZAAK = re.compile(r"([0-9]{4})Z([0-9]{5})$")


def order_key(doc: Document) -> int:
    """The document's place in date order as one integer (`kg:sorteersleutel`): its date (answer received,
    else questions submitted; none sorts first) as YYYYMMDD, then chamber, parliamentary year and
    Aanhangsel number (else the year and number of its case, else a hash of its identity), so that a
    list can be cut into pages by comparing numbers, not by reading every row's date and id.

    >>> order_key(Document(kind=Kind.ANSWER, session="2016-2017", number=1511, date_answered=dt.date(2017, 3, 2)))
    201703022201601511
    >>> order_key(Document(kind=Kind.QUESTIONS, zaak="2024Z18436", date_submitted=dt.date(2024, 11, 20)))
    202411203202418436
    """
    session, zaak = doc.session or "", _ZAAK.match(doc.zaak or "")
    if doc.number is not None and 0 <= doc.number < 100_000 and session[:4].isdigit() and session[:4].isascii():
        tie = _CHAMBER_ORDER.get(str(doc.chamber), 3) * 10**9 + int(session[:4]) * 100_000 + doc.number
    elif zaak:
        tie = 3 * 10**9 + int(zaak.group(1)) * 100_000 + int(zaak.group(2))
    else:
        tie = 4 * 10**9 + int(hashlib.sha1(iris.doc_key(doc).encode()).hexdigest()[:12], 16) % 10**9
    return day_key(doc.date_answered or doc.date_submitted) + tie


def day_key(date: dt.date | None) -> int:
    """The smallest sort key (`order_key`) of a day (0 for no date): keys of that day are from it up to the next day's.

    >>> day_key(dt.date(2017, 3, 2))
    201703020000000000
    """
    return (date.year * 10_000 + date.month * 100 + date.day) * 10**10 if date else 0


def key_day(key: int) -> dt.date | None:
    """The day of a sort key (`order_key`); None when it has none.

    >>> key_day(201703022201601511)
    datetime.date(2017, 3, 2)
    """
    day = key // 10**10
    try:
        return dt.date(day // 10_000, day // 100 % 100, day % 100) if day else None
    except ValueError:
        return None


def _header(b: _Builder, d: str, dn: ox.NamedNode, doc: Document) -> None:
    add = b.add
    add(dn, KG.sorteersleutel, b.order)
    add(dn, RDF.type, _KIND_CLASS[doc.kind])
    add(dn, KG.soort, _str(str(doc.kind)))
    if doc.id:
        add(dn, DCTERMS.identifier, _str(doc.id))
        add(dn, FOAF.page, b.node(f"https://zoek.officielebekendmakingen.nl/{doc.id}.html"))
    if doc.chamber:
        kamer = iris.chamber_iri(str(doc.chamber))
        add(dn, KG.kamer, _node(kamer))
        b.share(kamer, RDF.type, KG.Kamer)
        b.share(kamer, RDFS.label, _nl(str(doc.chamber)))
        if qid := _CHAMBER_WIKIDATA.get(str(doc.chamber)):
            b.share(kamer, OWL.sameAs, f"http://www.wikidata.org/entity/{qid}")
    if doc.session:
        add(dn, KG.vergaderjaar, _str(doc.session))
    if doc.number is not None:
        add(dn, KG.aanhangselnummer, _int(doc.number))
    if doc.zaak:
        z = iris.case_iri(doc.zaak)
        add(dn, KG.zaaknummer, _str(doc.zaak))
        add(dn, KG.zaak, _node(z))
        b.share(z, RDF.type, KG.Zaak)
        b.share(z, KG.zaaknummer, _str(doc.zaak))
    if doc.title:
        add(dn, DCTERMS.title, _nl(doc.title))
    if doc.date_submitted:
        add(dn, KG.datumIngezonden, _date(doc.date_submitted))
    if doc.date_answered:
        add(dn, KG.datumOntvangen, _date(doc.date_answered))
    for s in doc.see_also:
        if s.session and s.number is not None:
            house = "ek" if str(doc.chamber) == "Eerste Kamer" else "tk"
            add(dn, KG.zieOok, b.node(iris.publication_iri(f"ah-{house}-{s.session.replace('-', '')}-{s.number}")))
    for scheme, value in doc.identifiers:
        add(dn, DCTERMS.identifier, _str(f"{scheme}:{value}"))
    b.links(d, doc.links)


def _person(b: _Builder, m: Member | Official) -> str | None:
    if not m.name:
        return None
    # `_person_facts` states the "self" links, and the reader's ids not among the links' (scheme, value)
    known = tuple((lk.scheme, lk.value) for lk in m.links if lk.scheme in _LEGACY) if m.ids else ()
    return _block(b, ("person", m.name, m.ids, _stated(m.links, "self"), known), lambda r: _person_facts(r, m))


_LEGACY = frozenset({"tk", "wikidata", "parlement"})


def _person_facts(b: _Sharing, m: Member | Official) -> str:
    assert m.name
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
    return _block(b, ("office", str(o.role), o.portfolio, _stated(o.links, "ministry", "post")), lambda r: _office_facts(r, o))


def _office_facts(b: _Sharing, o: Office | Official) -> str:
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


def _party(b: _Sharing, f: str, party: str, links: tuple[Link, ...]) -> None:
    b.share(f, RDF.type, KG.Fractie)
    b.share(f, RDFS.label, _str(party))
    b.links(f, links, only="party")


def _actor(b: _Builder, d: str, n: int, relation: ox.NamedNode, office: Office | Official | None = None) -> ox.NamedNode:
    add = b.add
    a = _NamedNode(f"{d}/actor/{n}")
    add(b.node(d), KG.actor, a)
    add(a, RDF.type, KG.Actor)
    add(a, KG.relatie, relation)
    add(a, KG.volgorde, _int(n))
    if office is not None and office.portfolio:
        add(a, KG.portefeuilleAfgedrukt, _str(office.portfolio))
    return a


def _actors(b: _Builder, d: str, dn: ox.NamedNode, doc: Document) -> None:
    add = b.add
    n = 0
    for i, m in enumerate(doc.askers):
        n += 1
        a = _actor(b, d, n, KG.Indiener if i == 0 else KG.Medeindiener)
        add(a, KG.naamAfgedrukt, _str(m.name))
        p = _person(b, m)
        if p:
            pn = _node(p)
            add(a, KG.persoon, pn)
            add(dn, KG.indiener, pn)
        if m.party:
            f = iris.party_iri(m.party)
            add(a, KG.fractie, _node(f))
            add(a, KG.fractieAfgedrukt, _str(m.party))
            _block(b, ("party", f, m.party, _stated(m.links, "party")), lambda r, m=m, f=f: _party(r, f, m.party, m.links))
            if p:
                ms = iris.membership_iri(p, m.party)
                add(a, KG.lidmaatschap, _node(ms))
                b.share(ms, RDF.type, KG.Lidmaatschap)
                b.share(ms, ORG.member, p)
                b.share(ms, ORG.organization, f)
    for o in doc.addressees:
        n += 1
        _office_actor(b, dn, _actor(b, d, n, KG.GerichtAan, o), o, KG.gerichtAan, None)
    for o in doc.answerers:
        n += 1
        _office_actor(b, dn, _actor(b, d, n, KG.Beantwoorder, o), o, KG.beantwoordDoorAmbt, KG.beantwoordDoor)
    for o in doc.on_behalf_of:
        n += 1
        _office_actor(b, dn, _actor(b, d, n, KG.MedeNamens, o), o, KG.medeNamens, None)


def _office_actor(
    b: _Builder, dn: ox.NamedNode, a: ox.NamedNode, o: Office | Official, via_office: ox.NamedNode, via_person: ox.NamedNode | None
) -> None:
    """An actor in an office: the office, and the person when printed or found by linking."""
    post = _node(_office(b, o))
    b.add(a, KG.ambt, post)
    b.add(dn, via_office, post)
    name = o.name if isinstance(o, Official) else None
    if name:
        p = _person(b, o)
    else:
        links = o.links
        p = _block(b, ("linked", _stated(links, "person")), lambda r: _linked_person(r, links))
    if p is None:
        return
    pn = _node(p)
    if name:
        b.add(a, KG.naamAfgedrukt, _str(name))
    b.add(a, KG.persoon, pn)
    if via_person:
        b.add(dn, via_person, pn)


def _linked_person(b: _Sharing, links: Iterable[Link]) -> str | None:
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


def _parts(b: _Builder, d: str, dn: ox.NamedNode, doc: Document) -> None:
    seen: set[str] = set()
    add, node = b.add, b.node

    def unique(iri: str) -> str:
        """A number printed twice gets a second node (…/vraag/2-2), never a second text on the first."""
        k, out = 1, iri
        while out in seen:
            k += 1
            out = f"{iri}-{k}"
        seen.add(out)
        return out

    vraag, antwoord, voetnoot, nummer, volgorde, tekst, part_of, typ = KG.vraag, KG.antwoord, KG.voetnoot, KG.nummer, KG.volgorde, KG.tekst, DCTERMS.isPartOf, RDF.type
    for i, q in enumerate(doc.questions, 1):
        u = node(unique(iris.question_iri(d, q.number)))
        add(dn, vraag, u)
        add(u, typ, KG.Vraag)
        add(u, nummer, _int(q.number))
        add(u, volgorde, _int(i))
        add(u, tekst, _nl(q.text))
        add(u, part_of, dn)
    for i, a in enumerate(doc.answers, 1):
        u = node(iris.answer_iri(d, i))
        add(dn, antwoord, u)
        add(u, typ, KG.Antwoord)
        add(u, volgorde, _int(i))
        add(u, tekst, _nl(a.text))
        add(u, part_of, dn)
        for n in a.questions:
            add(u, KG.beantwoordt, node(iris.question_iri(d, n)))
    for f in doc.footnotes:
        u = node(unique(iris.footnote_iri(d, f.number)))
        add(dn, voetnoot, u)
        add(u, typ, KG.Voetnoot)
        add(u, nummer, _int(f.number))
        add(u, tekst, _nl(f.text))
        add(u, part_of, dn)
        for url in f.urls:
            add(u, KG.url, ox.Literal(url, datatype=XSD.anyURI))


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


class _Places:
    """`_place_iri` of one document, as nodes, with the place's literal; each place worked out once."""

    def __init__(self, b: _Builder, d: str, doc: Document) -> None:
        self.b, self.d, self.doc = b, d, doc
        self._known: dict[str, tuple[str, ox.NamedNode, ox.Literal] | None] = {}

    def get(self, where: str) -> tuple[str, ox.NamedNode, ox.Literal] | None:
        try:
            return self._known[where]
        except KeyError:
            iri = _place_iri(self.d, self.doc, where)
            hit = self._known[where] = None if iri is None else (iri, self.b.node(iri), _str(where))
            return hit


def _entity(b: _Sharing, e: Entity) -> str:
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


def _mentions(b: _Builder, d: str, dn: ox.NamedNode, doc: Document, places: _Places) -> None:
    add = b.add
    vermeldt, typ, mention, context, plaats, ident = KG.vermeldt, RDF.type, KG.Vermelding, NIF.referenceContext, KG.plaats, ITSRDF.taIdentRef
    vermeldIn = KG.vermeldIn
    for k, e in enumerate(doc.entities, 1):
        un = _node(_block(b, ("entity", e.type, e.label, e.key, e.attrs, _stated(e.links, "self")), lambda r, e=e: _entity(r, e)))
        place = places.get(e.where)
        add(dn, vermeldt, un)
        if place is None:
            continue
        add(un, vermeldIn, b.order)
        iri, pn, where = place
        if iri != d:
            add(pn, vermeldt, un)
        m = _NamedNode(f"{d}/vermelding/{k}")
        add(m, typ, mention)
        add(m, context, pn)
        add(m, plaats, where)
        add(m, ident, un)
        if e.start is not None and e.end is not None:
            add(m, NIF.beginIndex, _int(e.start))
            add(m, NIF.endIndex, _int(e.end))
        if e.surface:
            add(m, NIF.anchorOf, _str(e.surface))


def _claims(b: _Builder, d: str, doc: Document, places: _Places) -> None:
    if not doc.claims:
        return
    add = b.add
    keys = {e.key: e for e in doc.entities if e.key}
    cited: set[str] = set()
    for k, c in enumerate(doc.claims, 1):
        u = _NamedNode(f"{d}/bewering/{k}")
        add(u, RDF.type, KG.Bewering)
        add(u, KG.waarde, _decimal(c.value))
        add(u, KG.eenheid, _str(c.unit))
        add(u, KG.telt, _str(c.counts))
        add(u, KG.zin, _nl(c.sentence))
        place = places.get(c.where)
        if place:
            add(u, PROV.wasDerivedFrom, place[1])
        if c.source_key and c.source_key in keys:
            source = iris.entity_iri(keys[c.source_key])
            add(u, KG.bron, _node(source))
            if source not in cited:  # the claims of a source are paged by these keys (queries/claims.rq)
                cited.add(source)
                add(_node(source), KG.bronIn, b.order)


def _provenance(b: _Builder, dn: ox.NamedNode, doc: Document, built_at: dt.datetime | None, parser_version: str) -> None:
    add = b.add
    gn = b.g
    g = gn.value
    run = _NamedNode(f"{g}/verwerking")
    add(gn, RDF.type, PROV.Entity)
    add(gn, PROV.wasGeneratedBy, run)
    add(gn, DCTERMS.subject, dn)
    add(run, RDF.type, KG.Verwerking)
    add(run, KG.parserversie, _str(parser_version))
    if doc.reader:
        add(run, KG.lezer, _str(doc.reader))
    if built_at is not None:
        add(run, PROV.endedAtTime, ox.Literal(built_at.isoformat(timespec="seconds"), datatype=XSD.dateTime))
    if doc.sha256 or doc.source:
        key = doc.sha256 or "bron-" + hashlib.sha1((doc.source or "").encode()).hexdigest()
        f = _NamedNode(f"{iris.DATA}bestand/{key}")
        add(gn, KG.bestand, f)
        add(dn, PROV.wasDerivedFrom, f)
        add(f, RDF.type, KG.Bestand)
        add(run, PROV.used, f)
        if doc.sha256:
            add(f, KG.sha256, _str(doc.sha256))
        if doc.source:
            add(f, DCTERMS.source, _str(doc.source))


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
