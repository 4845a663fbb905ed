"""Derived summary graph: the whole-corpus counts the named queries report, counted once per build,
and an index of entity names.

`…/graph/samenvatting` holds

* one `kg:Telling` (tally) per row of each aggregate the named queries report: per member, per member
  and office, per pair of co-askers, per answerer and office, per answerer and named entity, per
  ministry, per party and per year. A tally names its table (`kg:tabel`, the named query it serves),
  what it counts for (`kg:overPersoon`, `kg:overAmbt`, …) and the counts (`kg:aantalPublicaties`,
  `kg:somDagen`, `kg:eersteDatum`, …). Averages are not stored: the queries divide `kg:somDagen` by
  `kg:aantalGetimed` as they did when they counted themselves. The counts follow the queries' own
  definitions (each `_questions_per_…`/`_…` counter below mirrors the query of that name, which keeps
  the counting over the documents as its fallback); labels, parties and filters by name stay in the
  queries, which look them up for the rows they return;
* the name index: `kg:Namenblok`s, each the names and keys of 128 entities joined in one string, so a
  search for part of a name reads a few hundred strings instead of every label and key.

Queries with a date range (`from`, `to`) count over the documents (a tally has no dates to select on),
and so does every query in a store without this graph (built before it existed, or a remote one).

Like the cases graph (kg/derive.py) it is recomputed from all documents after a build that changed
any (it reads the cases graph, so it runs after `derive_cases`), and it is written as a difference
when little changed. Reading costs a dozen whole-corpus reads (about 5 CPU-s per 10k documents,
linear in the corpus); see `derive_summaries`.

>>> from kg.store import KgStore
>>> derive_summaries(KgStore.memory())
0
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.derive import CASES_GRAPH
from kg.store import KgStore
from kg.vocab import DATA, KG, RDF, RDFS, XSD, term

__all__ = ["SUMMARY_GRAPH", "TABLES", "derive_summaries"]

SUMMARY_GRAPH = DATA + "graph/samenvatting"

TABLES = (
    "questions-per-member",
    "who-asks-whom",
    "co-askers",
    "answers-per-minister",
    "minister-mentions",
    "questions-per-ministry",
    "questions-per-party",
    "questions-per-year",
)
MENTION_CLASSES = (KG.Organisatie, KG.Rapport, KG.Programma, KG.Wet)
ENTITY_CLASSES = (*MENTION_CLASSES, KG.Verdrag, KG.Verdragsartikel, KG.Kamerstuk, KG.Mediabericht, KG.GenoemdPersoon)
NAME_BLOCK = 128  # entities per block of the name index
LATE = 21  # days: the three-week norm of the Reglement van Orde


# --- reading the store ------------------------------------------------------------------------


class _Scan:
    """Reads over all graphs (the union the queries see) as Python values: IRIs as str, literals as ox.Literal.

    SPARQL with only the columns needed, which decodes less than `quads_for_pattern` (about twice as fast).
    """

    def __init__(self, store: KgStore) -> None:
        self.store = store

    def rows(self, sparql: str) -> Iterator[tuple[object, ...]]:
        res = self.store.query(sparql)
        names = [v.value for v in res.variables]
        for sol in res:
            yield tuple(_value(sol[n]) for n in names)

    def multi(self, p: str, graph: str | None = None) -> dict[str, list[object]]:
        """subject IRI → objects, one per triple (as a join sees them)."""
        pattern = f"GRAPH <{graph}> {{ ?s <{p}> ?o }}" if graph else f"?s <{p}> ?o"
        out: dict[str, list[object]] = defaultdict(list)
        for s, o in self.rows(f"SELECT ?s ?o WHERE {{ {pattern} }}"):
            if isinstance(s, str):
                out[s].append(o)
        return out

    def subjects(self, p: str, o: str | None = None) -> set[str]:
        obj = f"<{o}>" if o else "?o"
        return {s for (s,) in self.rows(f"SELECT DISTINCT ?s WHERE {{ ?s <{p}> {obj} }}") if isinstance(s, str)}


def _value(t: object) -> object:
    if isinstance(t, ox.NamedNode):
        return t.value
    return t


def _dates(values: Iterable[object]) -> list[str | None]:
    """The xsd:date values (ISO text) of a subject, or [None] when it has none (an OPTIONAL that did not match)."""
    out = [v.value for v in values if isinstance(v, ox.Literal) and v.datatype == term(XSD.date)]
    return out or [None]


def _days(received: str | None, submitted: str | None) -> int | None:
    if received is None or submitted is None:
        return None
    return (dt.date.fromisoformat(received) - dt.date.fromisoformat(submitted)).days


def _strs(values: Iterable[object]) -> list[str]:
    return [v.value for v in values if isinstance(v, ox.Literal)]


@dataclass
class _Tally:
    """One row of a table: the things it is about and its counts."""

    keys: dict[str, str | int]
    rows: int = 0
    docs: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    distinct: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first: str | None = None
    last: str | None = None
    max_days: int | None = None

    def date(self, d: str | None) -> None:
        if d is not None:
            self.first = d if self.first is None or d < self.first else self.first
            self.last = d if self.last is None or d > self.last else self.last


class _Table:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: dict[tuple, _Tally] = {}

    def row(self, **keys: str | int) -> _Tally:
        k = tuple(sorted(keys.items()))
        t = self.rows.get(k)
        if t is None:
            t = self.rows[k] = _Tally(dict(keys))
        return t


# --- the tables (each mirrors the counting part of the named query of the same name) ------------


class _Corpus:
    """What the tables are counted from: one read per predicate, joined in the store where that returns fewer rows."""

    def __init__(self, store: KgStore) -> None:
        scan = _Scan(store)
        self.labelled = scan.subjects(RDFS.label)
        self.indiener = scan.multi(KG.indiener)
        self.submitted = scan.multi(KG.datumIngezonden)
        self.received = scan.multi(KG.datumOntvangen)
        self.kind = scan.multi(KG.soort)
        self.n_questions = {
            d: int(n.value) for d, n in scan.rows("SELECT ?doc (COUNT(?q) AS ?n) WHERE { ?doc kg:vraag ?q } GROUP BY ?doc")
        }
        self.addressed = scan.multi(KG.gerichtAan)
        self.answered_by = scan.multi(KG.beantwoordDoor)
        # (doc, person, office) of every answering actor; (doc, party, person, relation) of every actor with a party
        self.answerers = list(
            scan.rows(
                """SELECT ?doc ?person ?post WHERE {
                     { SELECT ?a WHERE { ?a kg:relatie kg:Beantwoorder } }
                     { SELECT ?doc ?a WHERE { ?doc kg:actor ?a } }
                     { SELECT ?a ?person WHERE { ?a kg:persoon ?person } }
                     { SELECT ?a ?post WHERE { ?a kg:ambt ?post } } }"""
            )
        )
        self.party_actors = list(
            scan.rows(
                """SELECT ?a ?doc ?f ?person ?first WHERE {
                     { SELECT ?a ?f WHERE { ?a kg:fractie ?f } }
                     { SELECT ?doc ?a WHERE { ?doc kg:actor ?a } }
                     OPTIONAL { SELECT ?a ?person WHERE { ?a kg:persoon ?person } }
                     OPTIONAL { SELECT ?a (true AS ?first) WHERE { ?a kg:relatie kg:Indiener } } }"""
            )
        )
        self.post_in = scan.multi(KG.postIn)
        self.offices = scan.subjects(RDF.type, KG.Ambt)
        self.parties = scan.subjects(RDF.type, KG.Fractie)
        self.ministries = scan.subjects(RDF.type, KG.Ministerie)
        self.mentionable = set().union(*(scan.subjects(RDF.type, c) for c in MENTION_CLASSES))
        self.member_of: dict[str, set[str]] = defaultdict(set)  # person → parties, by org:member/org:organization
        for person, party in scan.rows("SELECT ?p ?f WHERE { ?ms org:member ?p ; org:organization ?f }"):
            self.member_of[str(person)].add(str(party))
        # per answerer and entity named in their answers, counted by the store (half a million mentions per 10k documents)
        self.mentioned = list(
            scan.rows(
                """SELECT ?person ?entity (COUNT(DISTINCT ?answer) AS ?answers) (COUNT(DISTINCT ?doc) AS ?docs)
                          (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
                     { SELECT ?doc ?person WHERE { ?doc kg:beantwoordDoor ?person } }
                     { SELECT ?doc ?answer WHERE { ?doc kg:antwoord ?answer } }
                     { SELECT ?answer ?entity WHERE { ?answer kg:vermeldt ?entity } }
                     { SELECT DISTINCT ?entity WHERE { VALUES ?class { kg:Organisatie kg:Rapport kg:Programma kg:Wet } ?entity a ?class } }
                     OPTIONAL { SELECT ?doc ?date WHERE { ?doc kg:datumOntvangen ?date } }
                   } GROUP BY ?person ?entity"""
            )
        )
        self.case_status = scan.multi(KG.status, graph=CASES_GRAPH)
        self.case_submitted = scan.multi(KG.datumIngezonden, graph=CASES_GRAPH)
        self.case_days = scan.multi(KG.doorlooptijd, graph=CASES_GRAPH)
        self.case_docs = scan.multi(KG.publicatie, graph=CASES_GRAPH)
        self.notices = {s for (s,) in scan.rows('SELECT ?s WHERE { ?s kg:soort "notice" }')}

    def sub(self, doc: str) -> list[str | None]:
        return _dates(self.submitted.get(doc, ()))

    def rec(self, doc: str) -> list[str | None]:
        return _dates(self.received.get(doc, ()))


def _questions_per_member(c: _Corpus, t: _Table) -> None:
    for doc, people in c.indiener.items():
        for person in people:
            if person not in c.labelled:
                continue
            row = t.row(overPersoon=str(person))
            for date in c.sub(doc):
                row.rows += 1
                row.counts["aantalVragen"] += c.n_questions.get(doc, 0)
                row.date(date)
    for row in t.rows.values():
        row.counts["aantalPublicaties"] = row.rows


def _who_asks_whom(c: _Corpus, t: _Table) -> None:
    posts = c.offices & c.labelled
    for doc, people in c.indiener.items():
        for person in people:
            for post in c.addressed.get(doc, ()):
                if person in c.labelled and post in posts:
                    row = t.row(overPersoon=str(person), overAmbt=str(post))
                    row.docs.add(doc)
                    for date in c.sub(doc):
                        row.date(date)
    for row in t.rows.values():
        row.counts["aantalPublicaties"] = len(row.docs)


def _co_askers(c: _Corpus, t: _Table) -> None:
    for doc, people in c.indiener.items():
        for p1 in people:
            for p2 in people:
                if str(p1) < str(p2):
                    row = t.row(overPersoon=str(p1), overPersoon2=str(p2))
                    row.docs.add(doc)
                    for date in c.sub(doc):
                        row.date(date)
    for row in t.rows.values():
        row.counts["aantalPublicaties"] = len(row.docs)
        shared = c.member_of.get(str(row.keys["overPersoon"]), set()) & c.member_of.get(str(row.keys["overPersoon2"]), set())
        row.counts["gedeeldeFractie"] = int(bool(shared))


def _answers_per_minister(c: _Corpus, t: _Table) -> None:
    for doc, person, post in c.answerers:
        kinds = _strs(c.kind.get(str(doc), ()))
        if person not in c.labelled or not kinds:
            continue
        row = t.row(overPersoon=str(person), overAmbt=str(post))
        for kind in kinds:
            for submitted in c.sub(str(doc)):
                for received in c.rec(str(doc)):
                    days = _days(received, submitted)
                    timed = kind == "answer" and days is not None
                    row.counts["aantalAntwoorden"] += kind == "answer"
                    row.counts["aantalMededelingen"] += kind == "notice"
                    row.counts["aantalTeLaat"] += timed and days > LATE
                    row.counts["somDagen"] += days if timed else 0
                    row.counts["aantalGetimed"] += timed
                    m = days if timed else 0
                    row.max_days = m if row.max_days is None else max(row.max_days, m)
                    row.date(received)


def _minister_mentions(c: _Corpus, t: _Table) -> None:
    for person, entity, answers, docs, first, last in c.mentioned:
        if person not in c.labelled or entity not in c.mentionable:
            continue
        row = t.row(overPersoon=str(person), overEntiteit=str(entity))
        row.counts["aantalAntwoorden"] = int(answers.value)
        row.counts["aantalPublicaties"] = int(docs.value)
        for d in (first, last):
            row.date(d.value if isinstance(d, ox.Literal) else None)


def _questions_per_ministry(c: _Corpus, t: _Table) -> None:
    ministries = c.ministries & c.labelled
    for doc, posts in c.addressed.items():
        mins = {str(m) for post in posts for m in c.post_in.get(str(post), ()) if m in ministries}
        kinds = _strs(c.kind.get(doc, ()))
        for mini in mins if kinds else ():
            row = t.row(overMinisterie=mini)
            for kind in kinds:
                for submitted in c.sub(doc):
                    for received in c.rec(doc):
                        days = _days(received, submitted)
                        timed = kind == "answer" and days is not None
                        row.rows += 1
                        row.counts["aantalAntwoorden"] += kind == "answer"
                        row.counts["aantalMededelingen"] += kind == "notice"
                        row.counts["aantalAlleenVragen"] += kind == "questions"
                        row.counts["aantalTeLaat"] += timed and days > LATE
                        row.counts["somDagen"] += days if timed else 0
                        row.counts["aantalGetimed"] += timed
    for row in t.rows.values():
        row.counts["aantalPublicaties"] = row.rows


def _questions_per_party(c: _Corpus, t: _Table) -> None:
    parties = c.parties & c.labelled
    for _actor, doc, party, person, first in c.party_actors:
        if party not in parties:
            continue
        row = t.row(overFractie=str(party))
        row.docs.add(str(doc))
        if first is not None:
            row.distinct["led"].add(str(doc))
        if person is not None:
            row.distinct["members"].add(str(person))
        for date in c.sub(str(doc)):
            row.date(date)
    for row in t.rows.values():
        row.counts["aantalLeden"] = len(row.distinct["members"])
        row.counts["aantalPublicaties"] = len(row.docs)
        row.counts["aantalAlsEersteIndiener"] = len(row.distinct["led"])


def _questions_per_year(c: _Corpus, t: _Table) -> None:
    for case, statuses in c.case_status.items():
        postponed = any(d in c.notices for d in c.case_docs.get(case, ()))
        for status in _strs(statuses):
            for submitted in _dates(c.case_submitted.get(case, ())):
                if submitted is None:
                    continue
                row = t.row(jaar=int(submitted[:4]))
                days_list = [int(v.value) for v in c.case_days.get(case, ()) if isinstance(v, ox.Literal)] or [None]
                for days in days_list:
                    row.counts["aantalZaken"] += 1
                    row.counts["aantalBeantwoord"] += status == "beantwoord"
                    row.counts["aantalTeLaat"] += days is not None and days > LATE
                    row.counts["aantalUitgesteld"] += postponed
                    row.counts["aantalOpen"] += status != "beantwoord"
                    row.counts["somDagen"] += days or 0
                    row.counts["aantalGetimed"] += days is not None


_COUNTERS = {
    "questions-per-member": _questions_per_member,
    "who-asks-whom": _who_asks_whom,
    "co-askers": _co_askers,
    "answers-per-minister": _answers_per_minister,
    "minister-mentions": _minister_mentions,
    "questions-per-ministry": _questions_per_ministry,
    "questions-per-party": _questions_per_party,
    "questions-per-year": _questions_per_year,
}


# --- the name index -------------------------------------------------------------------------------


def _name_blocks(store: KgStore) -> list[tuple[str, list[str]]]:
    """Entities (of the classes the texts name) in blocks of `NAME_BLOCK`, with their names and keys joined.

    A query looking for an entity by a part of its name tests each block's joined names first (a few
    hundred strings instead of every label and key in the store), then only the entities of the
    blocks that match; the entities' own labels and keys decide, so the answer is the same.
    """
    scan = _Scan(store)
    entities = sorted(set().union(*(scan.subjects(RDF.type, c) for c in ENTITY_CLASSES)))
    wanted = set(entities)
    names: dict[str, list[str]] = defaultdict(list)
    for e, name in scan.rows("SELECT ?e ?n WHERE { { ?e rdfs:label ?n } UNION { ?e kg:sleutel ?n } }"):
        if e in wanted and isinstance(name, ox.Literal):
            names[str(e)].append(name.value)
    blocks = []
    for i in range(0, len(entities), NAME_BLOCK):
        members = [e for e in entities[i : i + NAME_BLOCK] if names.get(e)]
        if members:
            blocks.append((" | ".join(n for e in members for n in names[e]), members))
    return blocks


# --- writing --------------------------------------------------------------------------------------


def _quads(tables: Iterable[_Table], blocks: list[tuple[str, list[str]]]) -> list[ox.Quad]:
    g = ox.NamedNode(SUMMARY_GRAPH)
    out: list[ox.Quad] = []
    for i, (text, members) in enumerate(blocks, 1):
        s = ox.NamedNode(f"{DATA}namenblok/{i}")
        out.append(ox.Quad(s, term(RDF.type), term(KG.Namenblok), g))
        out.append(ox.Quad(s, term(KG.namen), ox.Literal(text), g))
        out.extend(ox.Quad(s, term(KG.bevat), ox.NamedNode(e), g) for e in members)

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(int(n)), datatype=term(XSD.integer))

    for table in tables:
        for keys, row in sorted(table.rows.items()):
            tag = hashlib.sha1(repr(keys).encode()).hexdigest()[:16]
            s = ox.NamedNode(f"{DATA}telling/{table.name}/{tag}")
            out.append(ox.Quad(s, term(RDF.type), term(KG.Telling), g))
            out.append(ox.Quad(s, term(KG.tabel), ox.Literal(table.name), g))
            for k, v in row.keys.items():
                out.append(ox.Quad(s, term(KG[k]), integer(v) if isinstance(v, int) else ox.NamedNode(v), g))
            for k, n in sorted(row.counts.items()):
                if k == "gedeeldeFractie":
                    out.append(
                        ox.Quad(s, term(KG.gedeeldeFractie), ox.Literal("true" if n else "false", datatype=term(XSD.boolean)), g)
                    )
                else:
                    out.append(ox.Quad(s, term(KG[k]), integer(n), g))
            if row.max_days is not None:
                out.append(ox.Quad(s, term(KG.maxDagen), integer(row.max_days), g))
            if row.first is not None:
                out.append(ox.Quad(s, term(KG.eersteDatum), ox.Literal(row.first, datatype=term(XSD.date)), g))
                out.append(ox.Quad(s, term(KG.laatsteDatum), ox.Literal(row.last, datatype=term(XSD.date)), g))
    return out


def derive_summaries(store: KgStore, touched: set[str] | None = None) -> int:
    """Replace the summary graph; returns the number of tallies written.

    `touched` names the documents this build wrote or removed (None: unknown, recompute). The tallies
    are whole-corpus counts, so any change recomputes them all; an empty set with a summary graph
    present leaves it as it is. Run it after `kg.derive.derive_cases` (it reads the cases graph).
    """
    if touched is not None and not touched and store.has_graph(SUMMARY_GRAPH):
        return sum(1 for _ in store.raw.quads_for_pattern(None, term(RDF.type), term(KG.Telling), ox.NamedNode(SUMMARY_GRAPH)))
    corpus = _Corpus(store)
    tables = []
    for name in TABLES:
        table = _Table(name)
        _COUNTERS[name](corpus, table)
        tables.append(table)
    _write(store, _quads(tables, _name_blocks(store)))
    return sum(len(t.rows) for t in tables)


def _write(store: KgStore, quads: list[ox.Quad]) -> None:
    """Replace the summary graph: only the quads that changed when few did (an incremental build changes a
    few tallies), else the whole graph through the bulk loader (a large INSERT DATA is slow)."""
    new = set(quads)
    if not store.has_graph(SUMMARY_GRAPH):
        store.add_documents(new, [SUMMARY_GRAPH])
        return
    old = set(store.quads(SUMMARY_GRAPH))
    gone, added = old - new, new - old
    if not gone and not added:
        return
    if len(gone) + len(added) > max(1000, len(new) // 10):
        store.remove_graph(SUMMARY_GRAPH)
        store.add_documents(new, [SUMMARY_GRAPH])
        return

    def data(qs: set[ox.Quad]) -> str:
        return "\n".join(f"GRAPH <{SUMMARY_GRAPH}> {{ {q.subject} {q.predicate} {q.object} }}" for q in qs)

    store.update(f"DELETE DATA {{\n{data(gone)}\n}} ;\nINSERT DATA {{\n{data(added)}\n}}")  # one transaction
