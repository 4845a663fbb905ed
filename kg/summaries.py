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
* the name index: `kg:Namenblok`s, each the names and keys of up to 128 entities (80 on average)
  joined in one string, with the trigrams of those names (`kg:trigram`), so a search for part of a
  name reads the few blocks that have all of its trigrams instead of every label and key (see
  `_name_blocks`).

Queries with a date range (`from`, `to`) count over the documents (a tally has no dates to select on),
and so does every query in a store without this graph (built before it existed, or a remote one).

Like the cases graph (kg/derive.py) it follows every build that changed documents (it reads the
cases graph, so it runs after `derive_cases`). Counting from scratch costs a dozen whole-corpus reads
(about 9 CPU-s per 10k documents), a third of it reading every document's digest back; a build of a
new store makes the digests as it maps each document (`digests_of`) and gives them to the count
instead. Every row is the sum of its parts: what each document (case)
adds to it, counted over that document alone (`_parts`, `_Sum`). A store on disk keeps each
document's and case's digest, the rows each counts in with its part of each, the rows as written and
as sums, and the entities' names in a sidecar, `samenvatting.sqlite` (plain data: opening it runs
no code), changed in place for the documents a build touched. A build that changed a few documents
then reads only those (and the cases they are stages of, now or before), takes their old parts out
of the sums of the rows they counted in and adds their new ones (a row is added up anew from all its
parts only when a part taken out held its first or last date or its most days), and rewrites only
those tallies (a few hundredths of a second for one changed document at 100k). The graph carries a
token, a hash of the sidecar's content, which therefore follows from the documents alone (a build gives the same graph however it got there); a sidecar that
is missing, damaged or of another token, or reference data that changed, means counting from
scratch. See `derive_summaries`.

>>> from kg.store import KgStore
>>> derive_summaries(KgStore.memory())
0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

import pyoxigraph as ox

from kg.derive import CASES_GRAPH
from kg.rdf import Triple
from kg.store import KgStore, release_memory
from kg.vocab import DATA, DCTERMS, KG, RDF, RDFS, XSD, term

__all__ = ["DIGEST_PREDICATES", "SIDECAR", "SUMMARY_GRAPH", "TABLES", "derive_summaries", "digests_of", "summaries_outdated"]

SUMMARY_GRAPH = DATA + "graph/samenvatting"
SIDECAR = "samenvatting.sqlite"  # in the store folder: what the summary graph was counted from
_FORMAT = 8  # of the sidecar; another one is not read (7: the values of a digest sorted; 8: the names of an entity sorted)

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
NAME_BLOCK = 128  # entities per run of the name index on average, and per block at most (see `_starts_block`)
MEMBER_BATCH = 50_000  # rows of the sidecar's member table written at a time by a full recount
LATE = 21  # days: the three-week norm of the Reglement van Orde

Key = tuple[tuple[str, str | int], ...]  # a tally's keys, sorted: (("overAmbt", …), ("overPersoon", …))


# --- reading the store ------------------------------------------------------------------------


class _Scan:
    """Reads over all graphs (the union the queries see) as Python values: IRIs as str, literals as ox.Literal.

    SPARQL with only the columns needed, which decodes less than `quads_for_pattern` (about twice as fast).
    """

    def __init__(self, store: KgStore) -> None:
        self.store = store

    def rows(self, sparql: str) -> Iterator[tuple[object, ...]]:
        """The solutions, IRIs as one shared str each (a person's IRI is in thousands of digests)."""
        named, intern = ox.NamedNode, sys.intern
        for sol in self.store.query(sparql):
            yield tuple([intern(t.value) if type(t) is named else t for t in sol])

    def multi(self, p: str, graph: str | None = None, only: str = "") -> dict[str, list[object]]:
        """subject IRI → objects, one per triple (as a join sees them); `only`: a VALUES clause on ?s."""
        pattern = f"GRAPH <{graph}> {{ ?s <{p}> ?o }}" if graph else f"?s <{p}> ?o"
        out: dict[str, list[object]] = defaultdict(list)
        for s, o in self.rows(f"SELECT ?s ?o WHERE {{ {only} {pattern} }}"):
            if isinstance(s, str):
                out[s].append(o)
        return out

    def subjects(self, p: str, o: str | None = None, only: str = "") -> set[str]:
        obj = f"<{o}>" if o else "?o"
        return {s for (s,) in self.rows(f"SELECT DISTINCT ?s WHERE {{ {only} ?s <{p}> {obj} }}") if isinstance(s, str)}


def _values(var: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding `var` to `iris`.

    >>> _values("d", ["http://x/1"])
    'VALUES ?d { <http://x/1> }'
    """
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in sorted(set(iris))) + " }"


def _dates(values: Iterable[object]) -> tuple[str, ...]:
    """The xsd:date values (ISO text) among `values`."""
    return tuple(sys.intern(v.value) for v in values if isinstance(v, ox.Literal) and v.datatype == term(XSD.date))


def _or_none(dates: tuple[str, ...]) -> tuple[str | None, ...]:
    """The dates, or (None,) when there are none (an OPTIONAL that did not match)."""
    return dates or (None,)


def _days(received: str | None, submitted: str | None) -> int | None:
    if received is None or submitted is None:
        return None
    return (dt.date.fromisoformat(received) - dt.date.fromisoformat(submitted)).days


def _strs(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(sys.intern(v.value) for v in values if isinstance(v, ox.Literal))


def _iris(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(v for v in values if isinstance(v, str))


# --- digests: what one document or case contributes -------------------------------------------


class _Doc(NamedTuple):
    """What one document contributes to the tables (values as the whole-corpus reads see them)."""

    askers: tuple[str, ...]  # kg:indiener, one per triple
    submitted: tuple[str, ...]  # xsd:date values of kg:datumIngezonden
    received: tuple[str, ...]
    kinds: tuple[str, ...]  # kg:soort
    questions: int  # kg:vraag triples
    addressed: tuple[str, ...]  # kg:gerichtAan
    answerers: tuple[tuple[str, str], ...]  # (person, office) of each answering actor
    party_actors: tuple[tuple[str, str, str | None, bool], ...]  # (actor, party, person, is an asker)
    answered_by: tuple[str, ...]  # kg:beantwoordDoor
    mentions: tuple[tuple[str, int], ...]  # entities of MENTION_CLASSES its answers name, and how many answers name each

    def sub(self) -> tuple[str | None, ...]:
        return _or_none(self.submitted)

    def rec(self) -> tuple[str | None, ...]:
        return _or_none(self.received)


class _Case(NamedTuple):
    """What one case (of the cases graph) contributes to questions-per-year, and its stages."""

    statuses: tuple[str, ...]
    submitted: tuple[str, ...]
    days: tuple[int, ...]
    postponed: bool
    docs: tuple[str, ...]


class _Fields:
    """The fields of the digests, filled one read at a time (a read's values go in before the next
    read is made: all reads held at once weighed twice the digests at 100k documents)."""

    def __init__(self) -> None:
        self.fields: dict[str, list] = {}
        self.documents: set[str] = set()  # those with askers, addressees, answerers or parties: the documents

    def fill(self, name: str, values: dict[str, object], counts: bool = False) -> None:
        i = _Doc._fields.index(name)
        for d, x in values.items():
            f = self.fields.get(d)
            if f is None:
                f = self.fields[d] = [(), (), (), (), 0, (), (), (), (), ()]  # `_Doc` with nothing
            f[i] = x
            if counts:
                self.documents.add(d)

    def digests(self, only: set[str] | None = None) -> dict[str, _Doc]:
        """The documents' digests, each value in one order whatever order it was read in (the store's or the mapping's)."""
        return {d: _canonical(f) for d, f in self.fields.items() if d in self.documents and (only is None or d in only)}


def _canonical(f: list) -> _Doc:
    return _Doc(
        *(tuple(sorted(x)) for x in f[:4]), f[4], tuple(sorted(f[5])), tuple(sorted(f[6])),
        tuple(sorted(f[7], key=lambda a: (a[0], a[1], a[2] or "", a[3]))), tuple(sorted(f[8])), tuple(sorted(f[9])),
    )  # fmt: skip


# the predicates read one by one: (field, predicate, conversion, whether it makes the subject a document)
_MULTI = (
    ("askers", KG.indiener, _iris, True), ("submitted", KG.datumIngezonden, _dates, False),
    ("received", KG.datumOntvangen, _dates, False), ("kinds", KG.soort, _strs, False),
    ("addressed", KG.gerichtAan, _iris, True), ("answered_by", KG.beantwoordDoor, _iris, True),
)  # fmt: skip


def _read_docs(store: KgStore, only: set[str] | None = None) -> dict[str, _Doc]:
    """The digests of all documents, or of `only` these (those still in the store)."""
    if only is not None and not only:
        return {}
    scan = _Scan(store)
    v = _values("s", only) if only is not None else ""
    vd = _values("doc", only) if only is not None else ""
    f = _Fields()
    for name, p, convert, counts in _MULTI:
        f.fill(name, {d: convert(vs) for d, vs in scan.multi(p, only=v).items()}, counts)
    rows = scan.rows(f"SELECT ?doc (COUNT(?q) AS ?n) WHERE {{ {vd} ?doc kg:vraag ?q }} GROUP BY ?doc")
    f.fill("questions", {str(d): int(n.value) for d, n in rows if isinstance(n, ox.Literal)})
    if only is None:
        answering = """SELECT ?doc ?person ?post WHERE {
                 { SELECT ?a WHERE { ?a kg:relatie kg:Beantwoorder } }
                 { SELECT ?doc ?a WHERE { ?doc kg:actor ?a } }
                 { SELECT ?a ?person WHERE { ?a kg:persoon ?person } }
                 { SELECT ?a ?post WHERE { ?a kg:ambt ?post } } }"""
        with_party = """SELECT ?a ?doc ?f ?person ?first WHERE {
                 { SELECT ?a ?f WHERE { ?a kg:fractie ?f } }
                 { SELECT ?doc ?a WHERE { ?doc kg:actor ?a } }
                 OPTIONAL { SELECT ?a ?person WHERE { ?a kg:persoon ?person } }
                 OPTIONAL { SELECT ?a (true AS ?first) WHERE { ?a kg:relatie kg:Indiener } } }"""
    else:
        answering = f"""SELECT ?doc ?person ?post WHERE {{ {vd} ?doc kg:actor ?a . ?a kg:relatie kg:Beantwoorder .
                 ?a kg:persoon ?person . ?a kg:ambt ?post }}"""
        with_party = f"""SELECT ?a ?doc ?f ?person ?first WHERE {{ {vd} ?doc kg:actor ?a . ?a kg:fractie ?f
                 OPTIONAL {{ ?a kg:persoon ?person }} OPTIONAL {{ ?a kg:relatie kg:Indiener BIND (true AS ?first) }} }}"""
    _fill_actors(f, scan.rows(answering), scan.rows(with_party))
    f.fill("mentions", _doc_mentions(scan, vd))
    return f.digests(only)


def _fill_actors(f: _Fields, answering: Iterable[tuple[object, ...]], with_party: Iterable[tuple[object, ...]]) -> None:
    """The answerers from (document, person, office) rows, the actors with a party from (actor, document, party, person, first) rows."""
    answerers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for d, person, post in answering:
        if isinstance(person, str) and isinstance(post, str):
            answerers[str(d)].append((person, post))
    f.fill("answerers", {d: tuple(a) for d, a in answerers.items()}, True)
    del answerers
    party_actors: dict[str, list[tuple[str, str, str | None, bool]]] = defaultdict(list)
    for a, d, party, person, first in with_party:
        if isinstance(party, str):
            party_actors[str(d)].append((str(a), party, person if isinstance(person, str) else None, first is not None))
    f.fill("party_actors", {d: tuple(a) for d, a in party_actors.items()}, True)


# what `digests_of` reads of a document's own statements
DIGEST_PREDICATES = frozenset(
    term(p) for p in (*(p for _, p, _, _ in _MULTI), KG.vraag, KG.actor, KG.relatie, KG.persoon, KG.ambt, KG.fractie, KG.antwoord, KG.vermeldt)
)


def digests_of(triples: Iterable[Triple]) -> dict[str, bytes]:
    """What each document among `triples` (its own statements, each once, as `kg.rdf.document_lines`
    keeps them; those of a predicate not in `DIGEST_PREDICATES` are passed over) adds to the tables, packed: the digest that reading the store
    back gives (`_read_docs`, over the union of its graphs; a document's statements are all in its own
    graph, as a test checks), except that every entity its answers name is kept, whatever its class
    (`_only_mentionable` drops the others once the classes of all entities are known). A build of a
    new store gives these to `derive_summaries` instead of reading every document back.

    >>> from kg.readers.layout import SAMPLE, parse_text
    >>> from kg.rdf import document_lines
    >>> kept = document_lines(parse_text(SAMPLE), built_at=None, keep=DIGEST_PREDICATES)[3]
    >>> [(_doc_from(b).kinds, _doc_from(b).submitted, len(_doc_from(b).askers)) for b in digests_of(kept).values()]
    [(('answer',), ('2014-05-23',), 2)]
    """
    by: dict[str, dict[str, list[object]]] = {p.value: defaultdict(list) for p in DIGEST_PREDICATES}
    named = ox.NamedNode
    for s, p, o in triples:
        if (objects := by.get(p.value)) is not None:
            objects[s.value].append(o.value if type(o) is named else o)
    f = _Fields()
    for name, p, convert, counts in _MULTI:
        f.fill(name, {d: convert(vs) for d, vs in by[str(p)].items()}, counts)
    f.fill("questions", {d: len(qs) for d, qs in by[str(KG.vraag)].items()})
    relation, person, post, party = (by[str(p)] for p in (KG.relatie, KG.persoon, KG.ambt, KG.fractie))
    answerer, first = str(KG.Beantwoorder), str(KG.Indiener)
    actors = [(d, a) for d, acts in by[str(KG.actor)].items() for a in acts if isinstance(a, str)]
    answering = [(d, who, office) for d, a in actors if answerer in relation.get(a, ()) for who in person.get(a, ()) for office in post.get(a, ())]
    with_party = [
        (a, d, fr, who, True if first in relation.get(a, ()) else None) for d, a in actors for fr in party.get(a, ()) for who in person.get(a) or [None]
    ]
    _fill_actors(f, answering, with_party)
    mentions = by[str(KG.vermeldt)]
    counted = {d: Counter(e for a in answers for e in mentions.get(a, ()) if isinstance(e, str)) for d, answers in by[str(KG.antwoord)].items()}
    f.fill("mentions", {d: tuple(sorted(c.items())) for d, c in counted.items() if c})
    return {d: _pack(doc) for d, doc in f.digests().items()}


def _only_mentionable(doc: _Doc, mentionable: set[str]) -> _Doc:
    """The digest with only the entities of MENTION_CLASSES among those its answers name."""
    return doc._replace(mentions=tuple(m for m in doc.mentions if m[0] in mentionable))


def _read_cases(store: KgStore, only: set[str] | None = None) -> dict[str, _Case]:
    """The digests of all cases, or of `only` these (those still in the cases graph)."""
    if only is not None and not only:
        return {}
    scan = _Scan(store)
    v = _values("s", only) if only is not None else ""
    status, submitted = scan.multi(KG.status, CASES_GRAPH, v), scan.multi(KG.datumIngezonden, CASES_GRAPH, v)
    days, docs = scan.multi(KG.doorlooptijd, CASES_GRAPH, v), scan.multi(KG.publicatie, CASES_GRAPH, v)
    stages = {str(d) for ds in docs.values() for d in ds}
    if only is None:
        notices = {s for (s,) in scan.rows('SELECT ?s WHERE { ?s kg:soort "notice" }')}
    else:
        notices = {s for (s,) in scan.rows(f'SELECT ?s WHERE {{ {_values("s", stages)} ?s kg:soort "notice" }}')} if stages else set()
    return {
        c: _Case(
            _strs(status.get(c, ())),
            _dates(submitted.get(c, ())),
            tuple(int(x.value) for x in days.get(c, ()) if isinstance(x, ox.Literal)),
            any(d in notices for d in docs.get(c, ())),
            _iris(docs.get(c, ())),
        )
        for c in set(status) | set(docs)
    }


@dataclass
class _Globals:
    """What the tables take from the reference data rather than from the documents: which IRIs have a
    label (of those the documents use as persons, offices, parties, ministries), are offices, …"""

    labelled: set[str]
    offices: set[str]
    parties: set[str]
    ministries: set[str]
    mentionable: set[str]
    post_in: dict[str, tuple[str, ...]]
    member_of: dict[str, set[str]]

    @classmethod
    def read(cls, store: KgStore, candidates: set[str] | None, labelled: set[str] | None = None, typed: dict[str, set[str]] | None = None) -> _Globals:
        """With `candidates`, the labels of those IRIs only (all labels is a whole-corpus read, unless
        given as `labelled`); `typed`: the IRIs of the MENTION_CLASSES, when already read."""
        scan = _Scan(store)
        post_in = {s: _iris(o) for s, o in scan.multi(KG.postIn).items()}
        if labelled is not None:
            pass
        elif candidates is None:
            labelled = scan.subjects(RDFS.label)
        else:
            wanted = candidates | _posted(post_in)
            labelled = scan.subjects(RDFS.label, only=_values("s", wanted)) if wanted else set()
        member_of: dict[str, set[str]] = defaultdict(set)  # person → parties, by org:member/org:organization
        for person, party in scan.rows("SELECT ?p ?f WHERE { ?ms org:member ?p ; org:organization ?f }"):
            member_of[str(person)].add(str(party))
        return cls(
            labelled,
            scan.subjects(RDF.type, KG.Ambt),
            scan.subjects(RDF.type, KG.Fractie),
            scan.subjects(RDF.type, KG.Ministerie),
            set().union(*(typed[c] if typed is not None else scan.subjects(RDF.type, c) for c in MENTION_CLASSES)),
            post_in,
            dict(member_of),
        )


def _posted(post_in: dict[str, tuple[str, ...]]) -> set[str]:
    """The ministries that offices are posted in: their labels count too (questions per ministry)."""
    return {m for ms in post_in.values() for m in ms}


def _candidates(doc: _Doc) -> set[str]:
    """The IRIs whose label a table looks at for this document."""
    return {*doc.askers, *doc.addressed, *(p for p, _ in doc.answerers), *(f for _, f, _, _ in doc.party_actors), *doc.answered_by}


# --- the tables (each mirrors the counting part of the named query of the same name) ------------


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

    def publication(self, iri: str, dates: Iterable[str | None]) -> None:
        """Count publication `iri` in this row, dated by `dates`."""
        self.docs.add(iri)
        for d in dates:
            self.date(d)

    def date(self, d: str | None) -> None:
        self.first, self.last = _widen(self.first, self.last, d)


def _widen(first: str | None, last: str | None, d: str | None) -> tuple[str | None, str | None]:
    """The first and last date once `d` is seen too.

    >>> _widen(None, None, "2024-01-02"), _widen("2024-01-02", "2024-01-02", "2023-05-06"), _widen("2023", "2024", None)
    (('2024-01-02', '2024-01-02'), ('2023-05-06', '2024-01-02'), ('2023', '2024'))
    """
    if d is None:
        return first, last
    return (d if first is None or d < first else first), (d if last is None or d > last else last)


class _Table:
    """The rows one document (case) counts in, as its table's counter counts them (see `_parts`)."""

    def __init__(self) -> None:
        self.rows: dict[Key, _Tally] = {}

    def row(self, **keys: str | int) -> _Tally:
        k = tuple(sorted(keys.items()))
        t = self.rows.get(k)
        if t is None:
            t = self.rows[k] = _Tally(dict(keys))
        return t


class _Counter(NamedTuple):
    """How a table counts: what one document (case) adds to the rows it counts in, and how a row's
    counts are completed once everything is added."""

    add: Callable[[str, Any, _Globals, _Table], None]  # a `_Doc` or, for the years, a `_Case`
    finish: Callable[[_Sum, dict[str, int], _Globals], None]  # sets the counts that follow from the sum


def _questions_per_member(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for person in doc.askers:
        if person not in g.labelled:
            continue
        row = t.row(overPersoon=person)
        for date in doc.sub():
            row.rows += 1
            row.counts["aantalVragen"] += doc.questions
            row.date(date)


def _who_asks_whom(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for person in doc.askers:
        for post in doc.addressed:
            if person in g.labelled and post in g.offices and post in g.labelled:
                t.row(overPersoon=person, overAmbt=post).publication(iri, doc.sub())


def _co_askers(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for p1 in doc.askers:
        for p2 in doc.askers:
            if p1 < p2:
                t.row(overPersoon=p1, overPersoon2=p2).publication(iri, doc.sub())


def _answers_per_minister(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for person, post in doc.answerers:
        if person not in g.labelled or not doc.kinds:
            continue
        row = t.row(overPersoon=person, overAmbt=post)
        for kind in doc.kinds:
            for submitted in doc.sub():
                for received in doc.rec():
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


def _minister_mentions(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for person in dict.fromkeys(doc.answered_by):  # a triple in two graphs counts once
        if person not in g.labelled:
            continue
        for entity, answers in doc.mentions:
            if entity in g.mentionable:
                row = t.row(overPersoon=person, overEntiteit=entity)
                row.counts["aantalAntwoorden"] += answers
                row.publication(iri, doc.rec())


def _ministries_of(doc: _Doc, post_in: dict[str, tuple[str, ...]]) -> set[str]:
    return {m for post in doc.addressed for m in post_in.get(post, ())}


def _questions_per_ministry(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    mins = {m for m in _ministries_of(doc, g.post_in) if m in g.ministries and m in g.labelled}
    for mini in mins if doc.kinds else ():
        row = t.row(overMinisterie=mini)
        for kind in doc.kinds:
            for submitted in doc.sub():
                for received in doc.rec():
                    days = _days(received, submitted)
                    timed = kind == "answer" and days is not None
                    row.rows += 1
                    row.counts["aantalAntwoorden"] += kind == "answer"
                    row.counts["aantalMededelingen"] += kind == "notice"
                    row.counts["aantalAlleenVragen"] += kind == "questions"
                    row.counts["aantalTeLaat"] += timed and days > LATE
                    row.counts["somDagen"] += days if timed else 0
                    row.counts["aantalGetimed"] += timed


def _questions_per_party(iri: str, doc: _Doc, g: _Globals, t: _Table) -> None:
    for _actor, party, person, first in doc.party_actors:
        if party not in g.parties or party not in g.labelled:
            continue
        row = t.row(overFractie=party)
        row.publication(iri, doc.sub())
        if first:
            row.distinct["led"].add(iri)
        if person is not None:
            row.distinct["members"].add(person)


def _questions_per_year(iri: str, case: _Case, g: _Globals, t: _Table) -> None:
    for status in case.statuses:
        for submitted in case.submitted:
            row = t.row(jaar=int(submitted[:4]))
            for days in case.days or (None,):
                row.counts["aantalZaken"] += 1
                row.counts["aantalBeantwoord"] += status == "beantwoord"
                row.counts["aantalTeLaat"] += days is not None and days > LATE
                row.counts["aantalUitgesteld"] += case.postponed
                row.counts["aantalOpen"] += status != "beantwoord"
                row.counts["somDagen"] += days or 0
                row.counts["aantalGetimed"] += days is not None


def _as_counted(row: _Sum, counts: dict[str, int], g: _Globals) -> None:
    pass


def _per_row(row: _Sum, counts: dict[str, int], g: _Globals) -> None:
    counts["aantalPublicaties"] = row.rows


def _per_publication(row: _Sum, counts: dict[str, int], g: _Globals) -> None:
    counts["aantalPublicaties"] = row.docs


def _co_askers_done(row: _Sum, counts: dict[str, int], g: _Globals) -> None:
    _per_publication(row, counts, g)
    shared = g.member_of.get(str(row.keys["overPersoon"]), set()) & g.member_of.get(str(row.keys["overPersoon2"]), set())
    counts["gedeeldeFractie"] = int(bool(shared))


def _party_done(row: _Sum, counts: dict[str, int], g: _Globals) -> None:
    counts["aantalLeden"] = row.size("members")
    counts["aantalPublicaties"] = row.docs
    counts["aantalAlsEersteIndiener"] = row.size("led")


_COUNTERS: dict[str, _Counter] = {
    "questions-per-member": _Counter(_questions_per_member, _per_row),
    "who-asks-whom": _Counter(_who_asks_whom, _per_publication),
    "co-askers": _Counter(_co_askers, _co_askers_done),
    "answers-per-minister": _Counter(_answers_per_minister, _as_counted),
    "minister-mentions": _Counter(_minister_mentions, _per_publication),
    "questions-per-ministry": _Counter(_questions_per_ministry, _per_row),
    "questions-per-party": _Counter(_questions_per_party, _party_done),
    "questions-per-year": _Counter(_questions_per_year, _as_counted),
}


def _doc_keys(table: str, doc: _Doc, g: _Globals) -> set[Key]:
    """The rows of `table` a document may count in (before the filters by label): the rows to recount when it changes."""
    if table == "questions-per-member":
        return {(("overPersoon", p),) for p in doc.askers}
    if table == "who-asks-whom":
        return {(("overAmbt", o), ("overPersoon", p)) for p in doc.askers for o in doc.addressed}
    if table == "co-askers":
        return {(("overPersoon", p1), ("overPersoon2", p2)) for p1 in doc.askers for p2 in doc.askers if p1 < p2}
    if table == "answers-per-minister":
        return {(("overAmbt", o), ("overPersoon", p)) for p, o in doc.answerers}
    if table == "minister-mentions":
        return {(("overEntiteit", e), ("overPersoon", p)) for p in doc.answered_by for e, _ in doc.mentions}
    if table == "questions-per-ministry":
        return {(("overMinisterie", m),) for m in _ministries_of(doc, g.post_in)}
    if table == "questions-per-party":
        return {(("overFractie", f),) for _, f, _, _ in doc.party_actors}
    return set()


def _case_keys(case: _Case) -> set[Key]:
    return {(("jaar", int(s[:4])),) for s in case.submitted} if case.statuses else set()


# --- parts: what one document adds to one row, kept per document and row ----------------------------


Part = list  # what one document (case) adds to one row (`_parts`); kept in the sidecar as JSON


def _parts(table: str, iri: str, item: _Doc | _Case, g: _Globals) -> dict[Key, Part]:
    """What document (case) `iri` adds to each row of `table` it counts in: the row counted over that
    document alone, before it is completed (`_Sum.add` adds it to a row); the document itself, where
    a set holds it, as "".

    >>> g = _Globals({"http://x/p"}, set(), set(), set(), set(), {}, {})
    >>> doc = _Doc(("http://x/p",), ("2024-01-02",), (), (), 3, (), (), (), (), ())
    >>> _parts("questions-per-member", "http://x/d", doc, g)
    {(('overPersoon', 'http://x/p'),): [1, {'aantalVragen': 3}, {}, 0, '2024-01-02', '2024-01-02', None]}
    """
    t = _Table()
    _COUNTERS[table].add(iri, item, g, t)
    out = {}
    for k, row in t.rows.items():
        distinct = {n: sorted("" if x == iri else x for x in xs) for n, xs in sorted(row.distinct.items()) if xs}
        out[k] = [row.rows, dict(sorted(row.counts.items())), distinct, int(iri in row.docs), row.first, row.last, row.max_days]
    return out


def _part_text(part: Part | None) -> str | None:
    """A part as the sidecar keeps it.

    >>> _part_text([1, {"aantalVragen": 3}, {}, 0, None, None, None])
    '[1,{"aantalVragen":3},{},0,null,null,null]'
    """
    return None if part is None else _js(part)


@dataclass
class _Sum:
    """A row as the sum of its parts (`_parts`), in a form a part can be taken out of again (`take`):
    counts add up; of each set, the parts that hold their document itself are counted, and each other
    element with the number of parts holding it; the dates and days widen.

    >>> row = _Sum({})
    >>> row.add([1, {"aantalVragen": 3}, {"led": [""], "members": ["p"]}, 1, "2024-01-02", "2024-01-02", 4])
    >>> row.add([1, {"aantalVragen": 2}, {"members": ["p"]}, 1, "2023-05-06", "2023-05-07", None])
    >>> row.rows, dict(row.counts), row.docs, row.size("led"), row.size("members"), row.first, row.last, row.max_days
    (2, {'aantalVragen': 5}, 2, 1, 1, '2023-05-06', '2024-01-02', 4)
    >>> row.take([1, {"aantalVragen": 3}, {"led": [""], "members": ["p"]}, 1, "2024-01-02", "2024-01-02", 4])  # the last date
    False
    >>> row.take([1, {"aantalVragen": 2}, {"members": ["p"]}, 1, "2023-05-06", "2023-05-07", None])  # the first
    False
    >>> row.add([0, {"aantalVragen": 1}, {}, 0, "2023-06-01", "2023-06-01", None])
    >>> row.take([0, {"aantalVragen": 1}, {}, 0, "2023-06-01", "2023-06-01", None]), row.parts, dict(row.counts)
    (True, 2, {'aantalVragen': 5})
    """

    keys: dict[str, str | int]
    parts: int = 0
    rows: int = 0
    docs: int = 0
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    own: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # per set: parts holding their document
    others: dict[str, dict[str, int]] = field(default_factory=dict)  # per set: other elements, and parts holding each
    first: str | None = None
    last: str | None = None
    max_days: int | None = None

    def add(self, part: Part) -> None:
        rows, counts, distinct, doc, first, last, max_days = part
        self.parts += 1
        self.rows += rows
        self.docs += doc
        for k, n in counts.items():
            self.counts[k] += n
        for k, xs in distinct.items():
            other = self.others.setdefault(k, {})
            for x in xs:
                if x:
                    other[x] = other.get(x, 0) + 1
                else:
                    self.own[k] += 1
        for d in (first, last):
            self.first, self.last = _widen(self.first, self.last, d)
        if max_days is not None:
            self.max_days = max_days if self.max_days is None else max(self.max_days, max_days)

    def take(self, part: Part) -> bool:
        """Take a part out again; False (and nothing taken) when it holds the row's first or last
        date or its most days: then the row is added up anew from its parts."""
        rows, counts, distinct, doc, first, last, max_days = part
        if (first is not None and first == self.first) or (last is not None and last == self.last):
            return False
        if max_days is not None and max_days == self.max_days:
            return False
        self.parts -= 1
        self.rows -= rows
        self.docs -= doc
        for k, n in counts.items():
            self.counts[k] -= n
        for k, xs in distinct.items():
            other = self.others.get(k, {})
            for x in xs:
                if not x:
                    self.own[k] -= 1
                elif other.get(x, 0) > 1:
                    other[x] -= 1
                else:
                    other.pop(x, None)
        return True

    def size(self, name: str) -> int:
        """The number of elements of set `name` (as `len` of the union of the parts' sets)."""
        return self.own.get(name, 0) + len(self.others.get(name, ()))

    def frozen(self, finish: Callable[[_Sum, dict[str, int], _Globals], None], g: _Globals) -> tuple:
        """What is written of the row, completed by `finish`, as a value to compare."""
        counts = dict(self.counts)
        finish(self, counts, g)
        return (tuple(sorted(counts.items())), self.max_days, self.first, self.last)

    def state(self) -> str:
        """The sum as the sidecar keeps it (`_Sum.of` reads it back)."""
        return _js([self.parts, self.rows, self.docs, self.counts, self.own, self.others, self.first, self.last, self.max_days])

    @classmethod
    def of(cls, keys: Key, state: str) -> _Sum:
        parts, rows, docs, counts, own, others, first, last, max_days = json.loads(state)
        return cls(dict(keys), parts, rows, docs, defaultdict(int, counts), defaultdict(int, own), others, first, last, max_days)


def _finished(table: str, rows: dict[Key, _Sum], g: _Globals) -> dict[Key, tuple]:
    """The rows completed (`_Counter.finish`), as written."""
    finish = _COUNTERS[table].finish
    return {k: row.frozen(finish, g) for k, row in rows.items()}


def _doc_mentions(scan: _Scan, only: str = "") -> dict[str, tuple[tuple[str, int], ...]]:
    """Per document, the entities (of MENTION_CLASSES) its answers name, each with the number of its
    answers naming it, sorted; `only`: a VALUES clause on ?doc. Counted by the store for some
    documents; for all, from streamed rows (`_mentions_by_answer`; a GROUP BY, or a DISTINCT, over all
    of them holds every row at once: 900 MB and 250 MB at 100k documents)."""
    classes = " ".join(f"<{c}>" for c in MENTION_CLASSES)
    if only:
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        q = f"""SELECT ?doc ?entity (COUNT(DISTINCT ?answer) AS ?n) WHERE {{ {only} ?doc kg:antwoord ?answer .
                ?answer kg:vermeldt ?entity . FILTER EXISTS {{ VALUES ?class {{ {classes} }} ?entity a ?class }} }} GROUP BY ?doc ?entity"""
        for d, e, n in scan.rows(q):
            if isinstance(n, ox.Literal):
                out[str(d)].append((str(e), int(n.value)))
        return {d: tuple(sorted(m)) for d, m in out.items()}
    mentionable = {e for (e,) in scan.rows(f"SELECT DISTINCT ?e WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c }}") if isinstance(e, str)}
    rows = scan.rows("SELECT ?d ?a ?e WHERE { ?d kg:antwoord ?a . ?a kg:vermeldt ?e }")
    counted = _mentions_by_answer(rows, mentionable)
    if counted is None:
        rows = scan.rows("SELECT ?d ?e WHERE { { SELECT DISTINCT ?d ?a ?e WHERE { ?d kg:antwoord ?a . ?a kg:vermeldt ?e } } }")
        counted = _mentions_by_pair(rows, mentionable)
    return {d: tuple(sorted(counted.pop(d).items())) for d in sorted(counted)}


def _mentions_by_answer(rows: Iterable[tuple[object, ...]], mentionable: set[str]) -> dict[str, dict[str, int]] | None:
    """Count (document, answer, entity) rows that come answer by answer, as a join gives them; None
    when an answer's rows are not all together (the caller counts distinct rows instead).

    >>> rows = [("d", "a1", "e"), ("d", "a1", "e"), ("d", "a2", "e"), ("d", "a2", "x"), ("d2", "a3", "f")]
    >>> _mentions_by_answer(rows, {"e", "f"})
    {'d': {'e': 2}, 'd2': {'f': 1}}
    >>> _mentions_by_answer([("d", "a1", "e"), ("d", "a2", "e"), ("d", "a1", "e")], {"e"}) is None
    True
    """
    counts: dict[str, dict[str, int]] = {}
    done: set[int] = set()  # hashes of the answers whose rows ended (a collision only means counting the other way)
    run: tuple[object, object] | None = None
    named: set[str] = set()
    for d, a, e in rows:
        if (d, a) != run:
            if run is not None:
                _count_run(counts, run[0], named)
                done.add(hash(run))
            run, named = (d, a), set()
            if hash(run) in done:
                return None
        if e in mentionable:
            named.add(e)  # type: ignore[arg-type]
    if run is not None:
        _count_run(counts, run[0], named)
    return counts


def _count_run(counts: dict[str, dict[str, int]], doc: object, named: set[str]) -> None:
    if named and isinstance(doc, str):  # an IRI (as the other counts, which skip blank nodes)
        n = counts.setdefault(doc, {})
        for e in named:
            n[e] = n.get(e, 0) + 1


def _mentions_by_pair(rows: Iterable[tuple[object, ...]], mentionable: set[str]) -> dict[str, dict[str, int]]:
    """Count distinct (document, answer, entity) rows, given as (document, entity)."""
    counts: dict[str, dict[str, int]] = {}
    for d, e in rows:
        if e in mentionable:
            _count_run(counts, d, {e})  # type: ignore[arg-type]
    return counts


# --- the name index -------------------------------------------------------------------------------


def _entity_names(
    store: KgStore, only: set[str] | None = None, labelled: set[str] | None = None, typed: dict[str, set[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """The entities (of the classes the texts name) with their names: labels, then keys, each sorted; all
    entities, or those of `only`. Reading all, it adds every IRI with a label to `labelled` and the
    entities of each class to `typed`."""
    if only is not None and not only:
        return {}
    scan = _Scan(store)
    by_class = {c: scan.subjects(RDF.type, c) for c in ENTITY_CLASSES} if only is None else _typed(scan, only)
    if typed is not None:
        typed.update(by_class)
    entities = set().union(*by_class.values())
    ve = _values("e", entities) if only is not None and entities else ""
    names: dict[str, list[tuple[bool, str]]] = {e: [] for e in entities}
    if entities or labelled is not None:
        q = f"SELECT ?e ?n ?l WHERE {{ {ve} {{ ?e rdfs:label ?n BIND (true AS ?l) }} UNION {{ ?e kg:sleutel ?n }} }}"
        for e, name, is_label in scan.rows(q):
            if labelled is not None and is_label is not None and isinstance(e, str):
                labelled.add(e)
            if e in names and isinstance(name, ox.Literal):
                names[str(e)].append((is_label is None, name.value))
    return {e: _in_order(n) for e, n in names.items()}


def _typed(scan: _Scan, iris: set[str]) -> dict[Any, set[str]]:
    """The IRIs among `iris` of each of the `ENTITY_CLASSES`, from each IRI's types looked up: one
    query joining them to a class (`?s a <class>`) scanned the class once for each of them (300
    documents changed at 100k touch 21k IRIs: 110 s, against 1.3 s this way)."""
    classes = {str(c): c for c in ENTITY_CLASSES}
    out: dict[Any, set[str]] = {c: set() for c in ENTITY_CLASSES}
    for s, c in scan.rows(f"SELECT ?s ?c WHERE {{ {_values('s', iris)} ?s <{RDF.type}> ?c }}"):
        if isinstance(s, str) and isinstance(c, str) and c in classes:
            out[classes[c]].add(s)
    return out


def _in_order(names: list[tuple[bool, str]]) -> tuple[str, ...]:
    """An entity's names, (is it a key, name) each, as `_entity_names` gives them: labels, then keys, each sorted and once.

    >>> _in_order([(True, "who"), (False, "WHO"), (False, "Wereldgezondheidsorganisatie"), (True, "who")])
    ('WHO', 'Wereldgezondheidsorganisatie', 'who')
    """
    return tuple(name for _, name in sorted(set(names)))


_NAME_LINE = re.compile(
    rb"^<[^>\n]*> (?:<%s>|<%s>|<%s> <(?:%s)>) [^\n]*\n?"
    % (*(re.escape(str(p).encode()) for p in (RDFS.label, KG.sleutel, RDF.type)), b"|".join(re.escape(str(c).encode()) for c in ENTITY_CLASSES)),
    re.M,
)


def name_lines(nquads: bytes) -> bytes:
    """The lines of `nquads` that `_entity_names` reads (labels, keys, the types of ENTITY_CLASSES), for
    a build of a new store to keep aside as it writes them (see `_names_of_lines`).

    >>> lines = name_lines(b'<urn:e> <http://www.w3.org/2000/01/rdf-schema#label> "WHO" <urn:g> .\\n<urn:e> <urn:p> "x" <urn:g> .\\n')
    >>> lines.decode()
    '<urn:e> <http://www.w3.org/2000/01/rdf-schema#label> "WHO" <urn:g> .\\n'
    >>> name_lines(lines[:-1]) == lines  # a last line without its line break gets one
    True
    """
    return b"".join(line if line.endswith(b"\n") else line + b"\n" for line in _NAME_LINE.findall(nquads))


def _names_of_lines(lines: IO[bytes], labelled: set[str], typed: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """`_entity_names` of all entities, from every line `name_lines` kept of what a new store was given
    (each line once or more) instead of reading the store: the same names, `labelled` and `typed`."""
    classes = {str(c): c for c in ENTITY_CLASSES}
    found: dict[str, set[str]] = {c: set() for c in classes}
    names: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    label, key, intern = str(RDFS.label), str(KG.sleutel), sys.intern
    for q in ox.parse(lines, format=ox.RdfFormat.N_QUADS, lenient=True):
        s, p, o = intern(q.subject.value), q.predicate.value, q.object
        if p == label:
            labelled.add(s)
        if p in (label, key):
            if isinstance(o, ox.Literal) and (name := (p == key, o.value)) not in (have := names[s]):
                have.append(name)  # a line written again (the writer forgets what it wrote long ago)
        else:
            found[o.value].add(s)
    typed.update({classes[c]: es for c, es in found.items()})
    return {e: _in_order(names.get(e, [])) for e in set().union(*found.values())}


class _Block(NamedTuple):
    """A block of the name index: its entities (in IRI order) and the names of each."""

    members: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]

    @property
    def iri(self) -> str:
        """Named by a hash of its content: a block that changed is another block."""
        return f"{DATA}namenblok/{hashlib.sha1(_js(self).encode()).hexdigest()[:16]}"

    @property
    def text(self) -> str:
        """The names joined (`kg:namen`)."""
        return " | ".join(n for names in self.names for n in names)

    def trigrams(self) -> list[str]:
        """The trigrams of the names (`kg:trigram`), sorted."""
        return sorted(_trigrams(n for names in self.names for n in names))


def _starts_block(e: str) -> bool:
    """Whether the entity `e` starts a block of the name index: one in `NAME_BLOCK`, by a hash of its IRI.

    Blocks are runs of entities in IRI order cut before each of these (and a long run in equal parts,
    `_cut`), so they follow from the set of entities alone (a build gives the same blocks however it
    got there), and an entity added or removed changes only the blocks of its own run (splits the
    run, or joins it to the one before, if it starts one).
    """
    return int.from_bytes(hashlib.blake2b(e.encode(), digest_size=8).digest(), "big") % NAME_BLOCK == 0


def _trigrams(names: Iterable[str]) -> set[str]:
    """The three-character pieces of the names, in lower case, that are ASCII: a block holds a text
    only if it holds all of the text's trigrams.

    Only ASCII ones, because the queries lower the text with the store's Unicode tables and these were
    lowered with Python's: the two may differ for letters new to Unicode, never to or from ASCII (and
    a lowered letter is as long either way), so the ASCII trigrams of both are the same. A text without
    any is looked for in every block.

    >>> sorted(_trigrams(["RIVM", "ab", "Één"]))
    ['ivm', 'riv']
    """
    out: set[str] = set()
    for n in names:
        low = n.lower()
        out.update(t for i in range(len(low) - 2) if (t := low[i : i + 3]).isascii())
    return out


def _name_blocks(names: dict[str, tuple[str, ...]]) -> list[_Block]:
    """The entities that have names, in blocks (see `_starts_block`), with their names and keys joined.

    A query looking for an entity by a part of its name takes the blocks that hold every third trigram
    of the part (at 1, 4, …, 40: fewer postings read, a few more blocks tested), tests their joined
    names, and then only the names of their entities: the entities' own labels and keys decide, so the
    answer is that of a scan of every name.

    >>> [(b.text, b.members) for b in _name_blocks({"http://x/b": ("B",), "http://x/a": ("A", "a1"), "http://x/c": ()})]
    [('A | a1 | B', ('http://x/a', 'http://x/b'))]
    """
    return list(_iter_blocks((e, names[e]) for e in sorted(names)))


def _iter_blocks(named: Iterable[tuple[str, tuple[str, ...]]]) -> Iterator[_Block]:
    """`_name_blocks` one at a time, from the entities and their names in IRI order (those without names left out)."""
    run: list[str] = []
    names: dict[str, tuple[str, ...]] = {}
    for e, n in named:
        if not n:
            continue
        if run and _starts_block(e):
            yield from _cut(run, names)
            run, names = [], {}
        run.append(e)
        names[e] = n
    yield from _cut(run, names)


def _cut(run: list[str], names: dict[str, tuple[str, ...]]) -> list[_Block]:
    """A run of entities from one block start to the next, cut into as few blocks of at most
    `NAME_BLOCK` entities as it takes, of sizes as equal as they can be (a query tests every entity
    of a block it picks, so a block is never much longer than the mean).

    >>> [len(b.members) for b in _cut([f"e{i}" for i in range(2 * NAME_BLOCK + 1)], {f"e{i}": ("n",) for i in range(300)})]
    [86, 86, 85]
    """
    if not run:
        return []
    k = -(-len(run) // NAME_BLOCK)
    size, extra = divmod(len(run), k)
    out, at = [], 0
    for i in range(k):
        n = size + (i < extra)
        out.append(_block(run[at : at + n], names))
        at += n
    return out


def _block(members: list[str], names: dict[str, tuple[str, ...]]) -> _Block:
    """The block of `members` (in IRI order), from their `names`."""
    return _Block(tuple(members), tuple(names[e] for e in members))


def _touched_entities(store: KgStore, docs: set[str]) -> set[str]:
    """The IRIs the graphs of `docs` name, and what the shared graph says they refer to: where the names
    of the entities a build added or changed are found (entities are described in the shared graph)."""
    if not docs:
        return set()
    scan = _Scan(store)
    graphs = {str(g) for (g,) in scan.rows(f"SELECT DISTINCT ?g WHERE {{ {_values('d', docs)} GRAPH ?g {{ ?d kg:soort ?k }} }}")}
    if not graphs:
        return set()
    named = {
        str(x)
        for (x,) in scan.rows(
            f"SELECT DISTINCT ?x WHERE {{ {_values('g', graphs)} GRAPH ?g {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} }} FILTER (isIRI(?x)) }}"
        )
    }
    shared = store.shared_graph().value
    hop = {
        str(o)
        for (o,) in scan.rows(f"SELECT DISTINCT ?o WHERE {{ {_values('x', named)} GRAPH <{shared}> {{ ?x ?p ?o }} FILTER (isIRI(?o)) }}")
    } if named else set()
    return named | hop


# --- writing --------------------------------------------------------------------------------------


def _tally_iri(table: str, keys: Key) -> str:
    return f"{DATA}telling/{table}/{hashlib.sha1(repr(keys).encode()).hexdigest()[:16]}"


@functools.cache
def _kg(name: str) -> ox.NamedNode:
    """The term kg:`name` (made once)."""
    return term(KG[name])


_INTEGER, _DATE, _BOOLEAN, _TYPE = (term(x) for x in (XSD.integer, XSD.date, XSD.boolean, RDF.type))


def _tally_quads(table: str, keys: Key, row: tuple) -> list[ox.Quad]:
    """The quads of one tally: `keys` and `row` (`_Sum.frozen`)."""
    g = ox.NamedNode(SUMMARY_GRAPH)
    counts, max_days, first, last = row
    s = ox.NamedNode(_tally_iri(table, keys))
    integer, quad = _INTEGER, ox.Quad
    out = [quad(s, _TYPE, _kg("Telling"), g), quad(s, _kg("tabel"), ox.Literal(table), g)]
    for k, v in keys:
        out.append(quad(s, _kg(k), ox.Literal(str(v), datatype=integer) if isinstance(v, int) else ox.NamedNode(v), g))
    for k, n in counts:
        if k == "gedeeldeFractie":
            out.append(quad(s, _kg(k), ox.Literal("true" if n else "false", datatype=_BOOLEAN), g))
        else:
            out.append(quad(s, _kg(k), ox.Literal(str(int(n)), datatype=integer), g))
    if max_days is not None:
        out.append(quad(s, _kg("maxDagen"), ox.Literal(str(int(max_days)), datatype=integer), g))
    if first is not None:
        out.append(quad(s, _kg("eersteDatum"), ox.Literal(first, datatype=_DATE), g))
        out.append(quad(s, _kg("laatsteDatum"), ox.Literal(last, datatype=_DATE), g))
    return out


def _block_quads(block: _Block) -> Iterator[ox.Quad]:
    g = ox.NamedNode(SUMMARY_GRAPH)
    s = ox.NamedNode(block.iri)
    yield ox.Quad(s, _TYPE, _kg("Namenblok"), g)
    yield ox.Quad(s, _kg("namen"), ox.Literal(block.text), g)
    bevat, trigram = _kg("bevat"), _kg("trigram")
    for e in block.members:
        yield ox.Quad(s, bevat, ox.NamedNode(e), g)
    for t in block.trigrams():
        yield ox.Quad(s, trigram, ox.Literal(t), g)


def _block_size(block: _Block) -> int:
    """The number of quads of `_block_quads`."""
    return 2 + len(block.members) + len(block.trigrams())


def _token_quad(token: str) -> ox.Quad:
    g = ox.NamedNode(SUMMARY_GRAPH)
    return ox.Quad(g, term(DCTERMS.identifier), ox.Literal(token), g)


def _all_tallies(rows: dict[str, dict[Key, tuple]]) -> list[ox.Quad]:
    """The quads of every tally."""
    return [q for table in TABLES for keys, row in sorted(rows[table].items()) for q in _tally_quads(table, keys, row)]


def _write(store: KgStore, rows: dict[str, dict[Key, tuple]], blocks: Callable[[], Iterable[_Block]], token: str | None = None) -> None:
    """Replace the summary graph: nothing when it holds `token` and as many quads, only what changed
    when little did (blocks by their IRIs, tallies quad by quad), else the whole graph through the
    bulk loader (a large INSERT DATA is slow). `blocks` gives the blocks of the name index, made anew
    each time: they and their quads (most of the graph) are made as they are written, never all at
    once (but for a remote store, compared as a set of quads)."""
    tallies = _all_tallies(rows) + ([_token_quad(token)] if token is not None else [])

    def everything() -> Iterator[ox.Quad]:
        yield from tallies[:-1] if token is not None else tallies
        for block in blocks():
            yield from _block_quads(block)
        yield from tallies[-1:] if token is not None else ()  # the token last: a graph cut short has none

    def rewrite() -> None:
        if store.has_graph(SUMMARY_GRAPH):
            store.remove_graph_in_steps(SUMMARY_GRAPH)
        store.add_documents(everything(), [SUMMARY_GRAPH])

    if not store.has_graph(SUMMARY_GRAPH):
        rewrite()
        return
    sizes = {b.iri: _block_size(b) for b in blocks()}
    size = len(tallies) + sum(sizes.values())
    raw = getattr(store, "raw", None)
    if raw is not None and token is not None and _graph_token(store) == token and store.graph_size(SUMMARY_GRAPH) == size:
        return  # the token is the hash of what the graph is made from; one cut short by a stopped build has fewer quads
    if raw is None:  # a remote store: compared as quads, read back with a query
        new_q = set(everything())
        g = ox.NamedNode(SUMMARY_GRAPH)
        if new_q != {ox.Quad(r["s"], r["p"], r["o"], g) for r in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")}:
            store.remove_graph(SUMMARY_GRAPH)
            store.add_documents(new_q, [SUMMARY_GRAPH])
        return
    g = f"<{SUMMARY_GRAPH}>"
    q = f"SELECT ?b (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?b a kg:Namenblok . ?b ?p ?o }} }} GROUP BY ?b"
    found = {str(b): int(n.value) for b, n in _Scan(store).rows(q)}  # type: ignore[union-attr]
    old_blocks = {b for b, n in found.items() if sizes.get(b) == n}  # a block cut short is not the block
    gone_blocks = found.keys() - old_blocks
    added = sum(n for iri, n in sizes.items() if iri not in old_blocks)
    # the tallies and the token compared as N-Triples lines, both written by pyoxigraph (much faster than sets of Python quads)
    nt = ox.RdfFormat.N_TRIPLES
    new = set(ox.serialize([q.triple for q in tallies], format=nt).splitlines())
    old_q = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ {{ ?s a kg:Telling }} UNION {{ BIND ({g} AS ?s) }} ?s ?p ?o }} }}")
    old = set(ox.serialize(old_q, format=nt).splitlines())
    gone, new_lines = old - new, new - old
    if not gone and not new_lines and not gone_blocks and not added:
        return
    if len(gone) + len(new_lines) + added + sum(found[b] for b in gone_blocks) > max(1000, size // 10):
        del new, old, gone, new_lines  # before the graph is rewritten
        rewrite()
        return

    def data(lines: set[bytes]) -> str:
        return "\n".join(f"GRAPH {g} {{ {line.decode()} }}" for line in lines)

    store.update(  # one transaction
        f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ {_values('s', gone_blocks)} GRAPH {g} {{ ?s ?p ?o }} }} ;\n"
        f"DELETE DATA {{\n{data(gone)}\n}} ;\n"
        f"INSERT DATA {{\n{data(new_lines)}\n{_data(q for b in blocks() if b.iri not in old_blocks for q in _block_quads(b))}\n}}"
    )
    if store.graph_size(SUMMARY_GRAPH) != size:  # quads of neither a tally nor a block (a removal in steps cut short)
        rewrite()


def _data(qs: Iterable[ox.Quad]) -> str:
    return "\n".join(f"GRAPH <{SUMMARY_GRAPH}> {{ {q.subject} {q.predicate} {q.object} }}" for q in qs)


# --- the sidecar: what the summary graph was counted from, kept between builds -------------------
#
# An SQLite file in the store folder (plain data: opening it runs no code), changed in place for the
# touched documents only, in one transaction committed after the summary graph is written:
#
#   meta(k, v)            format, token (also in the graph: a different one means stale), globals hash
#   doc(id, iri, digest)  `_Doc` of every document (JSON, compressed)
#   kase(id, iri, digest) `_Case` of every case; stage(doc, c): the cases each document is a stage of
#   rowkey(id, tbl, k, v, sums) the rows of the tables (keys as `_key_text`) and, when counted, as
#                         written (`_Sum.frozen`) and as the sum of their parts (`_Sum.state`)
#   member(kid, d, part)  the rows each document (each case, for the years) may count in (by id), and
#                         what it adds to the row when it does (`_parts`): a row is the sum of its parts
#   cand(iri, lab)        the IRIs whose label a table looks at, and whether they had one
#   name(e, n)            the entities of the name index and their names; block(first, iri): the blocks
#                         of the name index, by their first entity

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE doc (id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, digest BLOB NOT NULL);
CREATE TABLE kase (id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, digest BLOB NOT NULL);
CREATE TABLE stage (doc TEXT, c TEXT, PRIMARY KEY (doc, c)) WITHOUT ROWID;
CREATE TABLE rowkey (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, k TEXT NOT NULL, v TEXT, sums TEXT, UNIQUE (tbl, k));
CREATE TABLE member (kid INTEGER, d INTEGER, part TEXT, PRIMARY KEY (kid, d)) WITHOUT ROWID;
CREATE TABLE cand (iri TEXT PRIMARY KEY, lab INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE name (e TEXT PRIMARY KEY, n TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE block (first TEXT PRIMARY KEY, iri TEXT NOT NULL) WITHOUT ROWID;
"""


def _js(value: object) -> str:
    """Compact JSON (tuples as lists).

    >>> _js((("overPersoon", "http://x/p"),))
    '[["overPersoon","http://x/p"]]'
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


_SEP = "\x1f"  # between the parts of a row's keys and between an entity's names


def _key_text(k: Key) -> str:
    r"""A row's keys as text (an integer marked by #, which no IRI starts with); `_key` reads it back.

    >>> _key_text((("overAmbt", "http://x/a"), ("overPersoon", "http://x/p")))
    'overAmbt\x1fhttp://x/a\x1foverPersoon\x1fhttp://x/p'
    >>> _key(_key_text((("jaar", 2020),)))
    (('jaar', 2020),)
    """
    return _SEP.join(f"{n}{_SEP}{'#' + str(v) if isinstance(v, int) else v}" for n, v in k)


def _key(text: str) -> Key:
    parts = text.split(_SEP)
    return tuple((n, int(v[1:]) if v.startswith("#") else v) for n, v in zip(parts[::2], parts[1::2], strict=True))


def _names_text(names: tuple[str, ...]) -> str:
    r"""An entity's names as text, each after a separator (JSON when one holds the separator); `_names` reads it back.

    >>> [_names(_names_text(n)) for n in [(), ("",), ("A", "b"), ("x\x1fy",)]]
    [(), ('',), ('A', 'b'), ('x\x1fy',)]
    """
    if any(_SEP in n for n in names):
        return _js(names)
    return "".join(_SEP + n for n in names)


def _names(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text.startswith("[") else tuple(text.split(_SEP)[1:])


def _pack(value: object) -> bytes:
    return zlib.compress(_js(value).encode(), 1)


def _doc_from(blob: bytes) -> _Doc:
    f = json.loads(zlib.decompress(blob))
    return _Doc(
        tuple(f[0]), tuple(f[1]), tuple(f[2]), tuple(f[3]), f[4], tuple(f[5]),
        tuple(tuple(a) for a in f[6]), tuple(tuple(a) for a in f[7]),  # type: ignore[misc]
        tuple(f[8]), tuple(tuple(m) for m in f[9]),  # type: ignore[misc]
    )  # fmt: skip


def _case_from(blob: bytes) -> _Case:
    f = json.loads(zlib.decompress(blob))
    return _Case(tuple(f[0]), tuple(f[1]), tuple(f[2]), bool(f[3]), tuple(f[4]))


def _sidecar(store: KgStore) -> Path | None:
    path = getattr(store, "path", None)  # a remote store has none
    if path is None or getattr(store, "read_only", True) or store.bare:
        return None
    return path / SIDECAR


def _graph_token(store: KgStore) -> str | None:
    g = ox.NamedNode(SUMMARY_GRAPH)
    for q in store.raw.quads_for_pattern(g, term(DCTERMS.identifier), None, g):
        return q.object.value
    return None


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)  # transactions begun and ended here
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def summaries_outdated(store: KgStore) -> bool:
    """Whether the store's sidecar is of another format than this version writes: its summary graph
    was written by another version of kg (another name index, say), so even a build that changed
    nothing counts it again.

    >>> summaries_outdated(KgStore.memory())  # a store in memory keeps no sidecar
    False
    """
    opened = _open_sidecar(store)
    if opened is None:
        return False  # none, or damaged: found by the next build that changes something
    con, meta = opened
    con.close()
    return meta.get("format") != str(_FORMAT)


def _open_sidecar(store: KgStore) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """The store's sidecar, open, with its meta table; None when there is none or it cannot be read."""
    path = _sidecar(store)
    if path is None or not path.exists():
        return None
    con = None
    try:
        con = _connect(path)
        return con, dict(con.execute("SELECT k, v FROM meta").fetchall())
    except sqlite3.Error:
        if con is not None:
            con.close()
        return None


def _open_valid(store: KgStore) -> sqlite3.Connection | None:
    """The sidecar, when it is the one the summary graph was last written with; else None."""
    token = _graph_token(store)
    opened = _open_sidecar(store) if token is not None else None
    if opened is None:
        return None
    con, meta = opened
    if meta.get("format") != str(_FORMAT) or meta.get("token") != token:
        con.close()
        return None
    return con


def _globals_hash(g: _Globals) -> str:
    """What the tables take from the reference data, apart from the labels (compared per IRI)."""
    parts = (
        sorted(g.offices), sorted(g.parties), sorted(g.ministries), sorted(g.mentionable),
        sorted((k, sorted(v)) for k, v in g.post_in.items()), sorted((k, sorted(v)) for k, v in g.member_of.items()),
    )  # fmt: skip
    return hashlib.sha1(_js(parts).encode()).hexdigest()


@dataclass
class _Change:
    """What to replace in the summary graph: subjects to drop, quads to add."""

    drop: set[str] = field(default_factory=set)
    add: list[ox.Quad] = field(default_factory=list)
    fp: int = 0  # the change of the sidecar's content hash (see `_fp`)


# --- a full recount --------------------------------------------------------------------------------


def _full(
    store: KgStore,
    members: Callable[[list[tuple[int, int, str | None]]], None] | None = None,
    given: dict[str, bytes] | None = None,
    names_given: IO[bytes] | None = None,
) -> tuple[dict[str, dict[Key, tuple]], Callable[[], Iterator[_Block]], str, Callable[[sqlite3.Connection], None]]:
    """Count everything from the store: the rows, the name blocks (made anew at each call: with their
    trigrams they weigh 300 MB at 100k documents), the token of what they were counted from, and how
    to fill a sidecar with that. Each row is added up from what each document
    (case) adds to it (`_parts`), as an incremental update adds it up; `members` is given the
    sidecar's member rows (row, document, part) as they are counted, in batches; `given`: the packed
    digests of every document (`digests_of`), instead of reading them (taken out as they are counted);
    `names_given`: the lines `name_lines` kept of every statement the store was given, instead of
    reading the entities' names."""
    labelled: set[str] = set()
    typed: dict[str, set[str]] = {}
    if names_given is not None:
        names = _names_of_lines(names_given, labelled, typed)
    else:
        names = _entity_names(store, labelled=labelled, typed=typed)  # first, and kept only as text: the digests are read after
    name_texts = {e: _names_text(n) for e, n in names.items()}
    del names
    g = _Globals.read(store, None, labelled, typed)
    del typed
    release_memory()
    docs, cases = _read_docs(store) if given is None else None, _read_cases(store)
    release_memory()
    doc_ids = {d: i for i, d in enumerate(sorted(docs if docs is not None else given or ()), 1)}
    case_ids = {c: i for i, c in enumerate(sorted(cases), 1)}
    keys: dict[tuple[str, Key], int] = {}
    batch: list[tuple[int, int, str | None]] = []
    sums: dict[str, dict[Key, _Sum]] = {t: {} for t in TABLES}

    def add(table: str, iri: str, item: _Doc | _Case, i: int, may: set[Key]) -> None:
        parts = _parts(table, iri, item, g)
        if members is not None:
            batch.extend((keys.setdefault((table, k), len(keys) + 1), i, _part_text(parts.get(k))) for k in may | parts.keys())
            if len(batch) >= MEMBER_BATCH:
                members(batch)
                batch.clear()
        for k, part in parts.items():
            row = sums[table].get(k)
            (row if row is not None else sums[table].setdefault(k, _Sum(dict(k)))).add(part)

    # each digest is packed as the sidecar keeps it once counted, and let go (all of them weigh 160 MB at 100k documents)
    packed_docs: dict[str, bytes] = {}
    candidates: set[str] = set()
    for d, i in doc_ids.items():
        doc = docs.pop(d) if docs is not None else _only_mentionable(_doc_from(given.pop(d)), g.mentionable)  # type: ignore[union-attr]
        for table in _DOC_TABLES:
            add(table, d, doc, i, _doc_keys(table, doc, g))
        packed_docs[d] = _pack(doc)
        candidates |= _candidates(doc)
    packed_cases: dict[str, bytes] = {}
    stages: list[tuple[str, str]] = []
    for c, i in case_ids.items():
        case = cases.pop(c)
        add("questions-per-year", c, case, i, _case_keys(case))
        packed_cases[c] = _pack(case)
        stages += ((d, c) for d in case.docs)
    if members is not None and batch:
        members(batch)
    rows = {t: _finished(t, sums[t], g) for t in TABLES}
    states = {(t, k): row.state() for t in TABLES for k, row in sums[t].items()}
    sums.clear()
    values = {(t, k): _js(v) for t in TABLES for k, v in rows[t].items()}
    fp = sum(_fp("doc", d, b) for d, b in packed_docs.items()) + sum(_fp("kase", c, b) for c, b in packed_cases.items())
    fp += sum(_fp(t, _key_text(k), v) for (t, k), v in values.items()) + sum(_fp("name", e, n) for e, n in name_texts.items())
    fp %= 2**64
    gh = _globals_hash(g)
    token = _token(fp, gh)

    def blocks() -> Iterator[_Block]:
        return _iter_blocks((e, _names(name_texts[e])) for e in sorted(name_texts))

    def fill(con: sqlite3.Connection) -> None:
        con.executemany("INSERT INTO doc VALUES (?, ?, ?)", ((i, d, packed_docs[d]) for d, i in doc_ids.items()))
        con.executemany("INSERT INTO kase VALUES (?, ?, ?)", ((i, c, packed_cases[c]) for c, i in case_ids.items()))
        con.executemany("INSERT OR IGNORE INTO stage VALUES (?, ?)", stages)
        for t in TABLES:
            for k in rows[t]:
                keys.setdefault((t, k), len(keys) + 1)
        con.executemany(
            "INSERT INTO rowkey VALUES (?, ?, ?, ?, ?)",
            ((i, t, _key_text(k), values.get((t, k)), states.get((t, k))) for (t, k), i in keys.items()),
        )
        con.executemany("INSERT INTO cand VALUES (?, ?)", ((c, int(c in g.labelled)) for c in candidates | _posted(g.post_in)))
        con.executemany("INSERT INTO name VALUES (?, ?)", name_texts.items())
        con.executemany("INSERT INTO block VALUES (?, ?)", ((b.members[0], b.iri) for b in blocks()))
        con.executemany("INSERT INTO meta VALUES (?, ?)", (("format", str(_FORMAT)), ("token", token), ("globals", gh), ("fp", str(fp))))

    return rows, blocks, token, fill


def _fp(*parts: str | bytes) -> int:
    """A 64-bit hash of one digest, row or entity's names; the sidecar's content is the sum of them
    (mod 2**64), kept as documents change.

    >>> _fp("doc", b"x") == _fp("doc", b"x") != _fp("doc", b"y")
    True
    """
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\x1e")
    return int.from_bytes(h.digest(), "big")


def _token(fp: int, globals_hash: str) -> str:
    """The token of a sidecar's content, also written into the graph: the same content gives the same
    graph, however the builds got there."""
    return hashlib.blake2b(f"{_FORMAT}|{fp}|{globals_hash}".encode(), digest_size=8).hexdigest()


_DOC_TABLES = tuple(t for t in TABLES if t != "questions-per-year")  # counted from documents (the years from cases)


# --- an incremental update -------------------------------------------------------------------------


def _incremental(store: KgStore, con: sqlite3.Connection, touched: set[str]) -> _Change | None:
    """Update the sidecar for the `touched` documents and return what changes in the graph; None when
    the reference data changed (then everything is recounted). Runs inside the sidecar's transaction."""
    new_docs = _read_docs(store, touched)
    old = {d: (i, b) for d in touched for i, b in con.execute("SELECT id, digest FROM doc WHERE iri = ?", (d,))}
    old_docs = {d: _doc_from(b) for d, (_, b) in old.items()}
    g = _read_globals(store, con, {c for d in new_docs.values() for c in _candidates(d)})
    if g is None:
        return None
    change = _Change()
    ids = _put(con, "doc", old, {d: _pack(doc) for d, doc in new_docs.items()}, change)
    for table in _DOC_TABLES:
        olds = {ids[d]: _doc_keys(table, doc, g) for d, doc in old_docs.items()}
        news = {ids[d]: (_doc_keys(table, doc, g), _parts(table, d, doc, g)) for d, doc in new_docs.items()}
        _update(con, table, *_move(con, table, olds, news, g), change)
    cases = _changed_cases(store, con, touched)
    old = {c: (i, b) for c in cases for i, b in con.execute("SELECT id, digest FROM kase WHERE iri = ?", (c,))}
    was = {c: _case_from(b) for c, (_, b) in old.items()}
    new_cases = _read_cases(store, cases)
    for c, case in was.items():
        con.executemany("DELETE FROM stage WHERE doc = ? AND c = ?", ((d, c) for d in case.docs))
    con.executemany("INSERT OR IGNORE INTO stage VALUES (?, ?)", ((d, c) for c, case in new_cases.items() for d in case.docs))
    ids = _put(con, "kase", old, {c: _pack(case) for c, case in new_cases.items()}, change)
    table = "questions-per-year"
    news_cases = {ids[c]: (_case_keys(case), _parts(table, c, case, g)) for c, case in new_cases.items()}
    _update(con, table, *_move(con, table, {ids[c]: _case_keys(case) for c, case in was.items()}, news_cases, g), change)
    maybe = _touched_entities(store, set(new_docs))  # the shared graph, where entities are named, only grows
    _update_names(con, _entity_names(store, maybe), maybe, change)
    return change


def _put(con: sqlite3.Connection, table: str, old: dict[str, tuple[int, bytes]], new: dict[str, bytes], change: _Change) -> dict[str, int]:
    """Replace the digests of `old` (IRI → id and digest) by those of `new`, keeping the ids; returns the ids of both."""
    change.fp += sum(_fp(table, iri, b) for iri, b in new.items()) - sum(_fp(table, iri, b) for iri, (_, b) in old.items())
    for iri, (i, _) in old.items():
        if iri in new:
            con.execute(f"UPDATE {table} SET digest = ? WHERE id = ?", (new[iri], i))
        else:
            con.execute(f"DELETE FROM {table} WHERE id = ?", (i,))
    ids = {iri: i for iri, (i, _) in old.items()}
    for iri, digest in new.items():
        if iri not in ids:
            ids[iri] = con.execute(f"INSERT INTO {table} (iri, digest) VALUES (?, ?)", (iri, digest)).lastrowid or 0
    return ids


def _read_globals(store: KgStore, con: sqlite3.Connection, new_candidates: set[str]) -> _Globals | None:
    """The reference data with the labels of all candidates; None when the tables would see it differently than before."""
    known = dict(con.execute("SELECT iri, lab FROM cand").fetchall())
    g = _Globals.read(store, set(known) | new_candidates)
    (was,) = con.execute("SELECT v FROM meta WHERE k = 'globals'").fetchone() or (None,)
    if was != _globals_hash(g) or any(bool(lab) != (c in g.labelled) for c, lab in known.items()):
        return None
    con.executemany("INSERT OR IGNORE INTO cand VALUES (?, ?)", ((c, int(c in g.labelled)) for c in new_candidates | _posted(g.post_in)))
    return g


def _move(
    con: sqlite3.Connection, table: str, old: dict[int, set[Key]], new: dict[int, tuple[set[Key], dict[Key, Part]]], g: _Globals
) -> tuple[dict[Key, int], dict[Key, tuple]]:
    """Replace the rows the documents (cases) `old` counted in by those of `new` (by id: the rows it
    may count in, and its part of those it does); returns all of those rows, with their ids, and
    what they are now (`_resum`)."""
    keys = {k: _row_id(con, table, k) for ks in (*old.values(), *(m | p.keys() for m, p in new.values())) for k in ks}
    taken = [
        (keys[k], json.loads(part))
        for d, ks in old.items()
        for k in ks
        for (part,) in con.execute("SELECT part FROM member WHERE kid = ? AND d = ? AND part IS NOT NULL", (keys[k], d))
    ]
    con.executemany("DELETE FROM member WHERE kid = ? AND d = ?", ((keys[k], d) for d, ks in old.items() for k in ks))
    con.executemany(
        "INSERT OR REPLACE INTO member VALUES (?, ?, ?)",
        ((keys[k], d, _part_text(parts.get(k))) for d, (may, parts) in new.items() for k in may | parts.keys()),
    )
    added = [(keys[k], part) for _, parts in new.values() for k, part in parts.items()]
    return keys, _resum(con, table, keys, taken, added, g)


def _resum(con: sqlite3.Connection, table: str, keys: dict[Key, int], taken: list[tuple[int, Part]], added: list[tuple[int, Part]], g: _Globals) -> dict[Key, tuple]:
    """The rows `keys` of `table` (by id) with the parts `taken` out and `added`, as written (rows no
    part counts in left out): each from its sum as kept, or added up anew from its parts (now in
    the sidecar) when a part taken out held one of its extremes. Keeps the new sums."""
    key_of = {kid: k for k, kid in keys.items()}
    sums: dict[int, _Sum] = {}
    for kid, k in key_of.items():
        (state,) = con.execute("SELECT sums FROM rowkey WHERE id = ?", (kid,)).fetchone()
        sums[kid] = _Sum.of(k, state) if state is not None else _Sum(dict(k))  # no sum: no part yet
    again = {kid for kid, part in taken if not sums[kid].take(part)}
    for kid, part in added:
        if kid not in again:
            sums[kid].add(part)
    for kid in again:
        sums[kid] = _Sum(dict(key_of[kid]))
        for (part,) in con.execute("SELECT part FROM member WHERE kid = ? AND part IS NOT NULL", (kid,)):
            sums[kid].add(json.loads(part))
    con.executemany("UPDATE rowkey SET sums = ? WHERE id = ?", ((row.state() if row.parts else None, kid) for kid, row in sums.items()))
    return _finished(table, {key_of[kid]: row for kid, row in sums.items() if row.parts}, g)


def _row_id(con: sqlite3.Connection, table: str, k: Key) -> int:
    kj = _key_text(k)
    row = con.execute("SELECT id FROM rowkey WHERE tbl = ? AND k = ?", (table, kj)).fetchone()
    if row is not None:
        return row[0]
    return con.execute("INSERT INTO rowkey (tbl, k) VALUES (?, ?)", (table, kj)).lastrowid or 0


def _update(con: sqlite3.Connection, table: str, affected: dict[Key, int], counted: dict[Key, tuple], change: _Change) -> None:
    """Set the `affected` rows of `table` to what was `counted` (dropping those not counted)."""
    for k, kid in affected.items():
        (was,) = con.execute("SELECT v FROM rowkey WHERE id = ?", (kid,)).fetchone()
        now = _js(counted[k]) if k in counted else None
        if was == now:
            continue
        kt = _key_text(k)
        change.fp += (_fp(table, kt, now) if now is not None else 0) - (_fp(table, kt, was) if was is not None else 0)
        con.execute("UPDATE rowkey SET v = ? WHERE id = ?", (now, kid))
        change.drop.add(_tally_iri(table, k))
        if now is not None:
            change.add.extend(_tally_quads(table, k, counted[k]))


def _changed_cases(store: KgStore, con: sqlite3.Connection, touched: set[str]) -> set[str]:
    """The cases that hold a touched document, now or before, closed over their stages now and before."""
    scan = _Scan(store)
    docs, cases, frontier = set(touched), set[str](), set(touched)
    while frontier:
        q = f"SELECT ?c ?d WHERE {{ {_values('d', frontier)} GRAPH <{CASES_GRAPH}> {{ ?c kg:publicatie ?d }} }}"
        found = {str(c) for c, _ in scan.rows(q)}
        found |= {c for d in frontier for (c,) in con.execute("SELECT c FROM stage WHERE doc = ?", (d,))}
        found -= cases
        cases |= found
        q = f"SELECT ?c ?d WHERE {{ {_values('c', found)} GRAPH <{CASES_GRAPH}> {{ ?c kg:publicatie ?d }} }}"
        stages = {str(d) for _, d in scan.rows(q)} if found else set()
        stages |= {d for c in found for (b,) in con.execute("SELECT digest FROM kase WHERE iri = ?", (c,)) for d in _case_from(b).docs}
        frontier = stages - docs
        docs |= frontier
    return cases


def _update_names(con: sqlite3.Connection, found: dict[str, tuple[str, ...]], maybe: set[str], change: _Change) -> None:
    """Update the names of the entities `maybe` (those not `found` are gone), and the blocks of the
    name index where names changed: those between the block starts around each (`_regions`)."""
    changed: list[str] = []
    for e in maybe:
        (was,) = con.execute("SELECT n FROM name WHERE e = ?", (e,)).fetchone() or (None,)
        now = _names_text(found[e]) if e in found else None
        if was == now:
            continue
        changed.append(e)
        change.fp += (_fp("name", e, now) if now is not None else 0) - (_fp("name", e, was) if was is not None else 0)
        if now is None:
            con.execute("DELETE FROM name WHERE e = ?", (e,))
        else:
            con.execute("INSERT OR REPLACE INTO name VALUES (?, ?)", (e, now))
    for lo, hi in _regions(con, changed):
        args = (lo,) if hi is None else (lo, hi)  # a range of the primary key, read as such (no OR in it)
        old = dict(con.execute(f"SELECT first, iri FROM block WHERE {_stretch('first', hi)}", args).fetchall())
        rows = con.execute(f"SELECT e, n FROM name WHERE {_stretch('e', hi)}", args)
        new = {b.members[0]: b for b in _name_blocks({e: _names(n) for e, n in rows})}
        for first, iri in old.items():
            if first not in new or new[first].iri != iri:
                change.drop.add(iri)
                con.execute("DELETE FROM block WHERE first = ?", (first,))
        for first, b in new.items():
            if old.get(first) != b.iri:
                change.add.extend(_block_quads(b))
                con.execute("INSERT OR REPLACE INTO block VALUES (?, ?)", (first, b.iri))


def _stretch(column: str, hi: str | None) -> str:
    """The SQL condition of a stretch of `_regions` on `column` (its bounds as parameters).

    >>> _stretch("e", None), _stretch("e", "x")
    ('e >= ?', 'e >= ? AND e < ?')
    """
    return f"{column} >= ?" + (f" AND {column} < ?" if hi is not None else "")


def _regions(con: sqlite3.Connection, entities: list[str]) -> list[tuple[str, str | None]]:
    """The stretches of the name index (from, to; "" the start, None the end) whose blocks change when
    the names of `entities` do: from the last block start before each to the first one after it.

    The stretches run from one run start (`_starts_block`) to another, merged where they overlap, so
    that each begins and ends where a run starts before and after the change.
    """
    spans: list[tuple[str, str | None]] = []
    for e in sorted(entities):
        before = con.execute("SELECT first FROM block WHERE first < ? ORDER BY first DESC", (e,))
        after = con.execute("SELECT first FROM block WHERE first > ? ORDER BY first", (e,))
        lo = next((f for (f,) in before if _starts_block(f)), "")  # a few rows: the blocks of one run
        hi = next((f for (f,) in after if _starts_block(f)), None)
        if spans and (spans[-1][1] is None or lo < spans[-1][1]):
            last_lo, last_hi = spans.pop()
            spans.append((min(last_lo, lo), None if last_hi is None or hi is None else max(last_hi, hi)))
        else:
            spans.append((lo, hi))
    return spans


def _write_change(store: KgStore, change: _Change, token: str) -> None:
    """Replace the subjects that changed, and the token, in one transaction."""
    change.drop.add(SUMMARY_GRAPH)
    g = f"<{SUMMARY_GRAPH}>"
    store.update(
        f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ {_values('s', change.drop)} GRAPH {g} {{ ?s ?p ?o }} }} ;\n"
        f"INSERT DATA {{\n{_data([*change.add, _token_quad(token)])}\n}}"
    )


# --- the whole ---------------------------------------------------------------------------------------


def derive_summaries(
    store: KgStore, touched: set[str] | None = None, digests: dict[str, bytes] | None = None, names: IO[bytes] | None = None
) -> int:
    """Replace the summary graph; returns the number of tallies written.

    `touched` names the documents this build wrote or removed (None: unknown, recount all). An empty
    set with a summary graph present leaves it as it is. A store on disk keeps what the graph was
    counted from in a sidecar (`SIDECAR`, SQLite), marked with a token also written into the graph:
    with `touched` and a sidecar of the same token, only the touched documents (and the cases they
    are stages of, now or before) are read, and only the rows they count in are recounted, with the
    same result as counting all. Otherwise (no sidecar, a damaged or stale one, changed reference
    data, a store in memory) everything is counted. Run it after `kg.derive.derive_cases` (it reads
    the cases graph).

    `digests` are the packed digests of every document in the store (`digests_of`), when the caller
    made them all (a build of a new store, from the statements it mapped): everything is then
    counted from them instead of reading each document back (a third of a full count); they are
    taken out of the dict as they are counted. `names`, with them: the lines `name_lines` kept of all
    that the store was given, read instead of the entities' names.
    """
    if touched is not None and not touched and store.has_graph(SUMMARY_GRAPH) and not summaries_outdated(store):
        return _tallies(store)
    con = _open_valid(store) if touched is not None else None
    if con is not None:
        try:
            con.execute("BEGIN IMMEDIATE")
            change = _incremental(store, con, set(touched or ()))
            if change is not None:
                meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
                fp = (int(meta["fp"]) + change.fp) % 2**64
                token = _token(fp, meta["globals"])
                con.executemany("UPDATE meta SET v = ? WHERE k = ?", ((token, "token"), (str(fp), "fp")))
                _write_change(store, change, token)  # the graph first: a sidecar not committed is stale
                con.execute("COMMIT")
                return _counted(con)
            con.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        finally:
            con.close()
    return _recount(store, digests, names if digests is not None else None)


def _recount(store: KgStore, digests: dict[str, bytes] | None = None, names: IO[bytes] | None = None) -> int:
    path = _sidecar(store)
    draft = _Draft(path) if path is not None else None  # a store in memory or remote keeps none
    try:
        rows, blocks, token, fill = _full(store, draft.members if draft else None, digests, names)
        if draft:
            draft.complete(fill)  # if that failed, there is no sidecar (or a stale one): the next build counts from scratch
        del fill  # and with it the digests, before the graph is written
        written = token if draft else None  # a store without a sidecar gets no token
        _write(store, rows, blocks, written)
    finally:
        if draft:
            draft.close()
    return sum(len(r) for r in rows.values())


class _Draft:
    """A new sidecar, written beside the old one while everything is counted and put in its place
    when complete (a damaged one is never reused). Failing to write it does not fail the count:
    the old one is removed instead, and the next build counts from scratch again."""

    def __init__(self, path: Path) -> None:
        self.path, self.tmp = path, path.with_name(path.name + ".tmp")
        self.con: sqlite3.Connection | None = None
        try:
            for stale in (self.tmp, self.tmp.with_name(self.tmp.name + "-journal")):
                stale.unlink(missing_ok=True)
            self.con = _connect(self.tmp)
            self.con.executescript(_SCHEMA)
            self.con.execute("BEGIN")
        except (OSError, sqlite3.Error):
            self._failed()

    def _failed(self) -> None:
        self.close()
        with contextlib.suppress(OSError):  # if it stays, its token is not the graph's: it is not used
            self.path.unlink(missing_ok=True)

    def members(self, rows: list[tuple[int, int, str | None]]) -> None:
        if self.con is None:
            return
        try:
            self.con.executemany("INSERT OR IGNORE INTO member VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            self._failed()

    def complete(self, fill: Callable[[sqlite3.Connection], None]) -> None:
        if self.con is None:
            return
        try:
            fill(self.con)
            self.con.execute("COMMIT")
            self.con.close()
            self.con = None
            self.path.with_name(self.path.name + "-journal").unlink(missing_ok=True)  # of the old file (a killed update)
            os.replace(self.tmp, self.path)
        except (OSError, sqlite3.Error):
            self._failed()

    def close(self) -> None:
        """Drop what is not complete."""
        if self.con is not None:
            self.con.close()
            self.con = None
        with contextlib.suppress(OSError):  # else the next draft removes it
            self.tmp.unlink(missing_ok=True)


def _counted(con: sqlite3.Connection) -> int:
    (n,) = con.execute("SELECT COUNT(*) FROM rowkey WHERE v IS NOT NULL").fetchone()
    return n


def _tallies(store: KgStore) -> int:
    return sum(1 for _ in store.raw.quads_for_pattern(None, term(RDF.type), term(KG.Telling), ox.NamedNode(SUMMARY_GRAPH)))
