"""Full-text index: the text of every document (title, questions, answers, footnotes) beside the
store, so that a search for a word or any part of one costs in proportion to what it finds.

SPARQL can only search text with `CONTAINS`, which reads every literal: 0.7 s over the answers of
10,000 documents, 10 s over 100,000. The index is a SQLite database in the store folder,
`tekst.sqlite` (plain data, like the summaries' sidecar), holding one row per document (`document`:
its IRI, identifier, sort key and title) and one per part (`deel`: titel, vraag, antwoord or voetnoot,
its number, IRI and text), the parts' text indexed by an FTS5 table with the trigram tokenizer. A
trigram index finds any substring of three characters or more, inside Dutch compounds too
("stikstof" finds "stikstofuitstoot"), whatever its case ("één" finds "Één"; `_term_sql` says how);
shorter terms are searched by reading every part. A build stopped while it wrote can leave the index
a batch of documents off its store until the next build, which makes it again.

A build keeps it current as it writes: the workers take each document's texts from the statements
they map (`doc_text`), the build puts them in for the document's graph (replacing what the graph
had) and takes out the graphs it removes. A store whose index is missing, of another format, or
behind (a build was stopped after it changed documents) gets it made again from its graphs at the
end of its next build, which need not parse anything for it (`fill`).

>>> idx = TextIndex.memory()
>>> idx.put("g1", DocText("https://example.org/d1", "ah-1", 202401020000000001, "Vragen over stikstof", (Part("vraag", "1", "https://example.org/d1/vraag/1", "Kent u het bericht over de stikstofuitstoot?"),)))
>>> idx.count(["STIKSTOF"])  # documents, parts
(1, 1)
>>> [r[1].value for r in idx.search(["uitstoot"]).rows]
['ah-1']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.errors import StoreError, TextIndexBehind, UsageError
from kg.query import QueryResult, parse_day
from kg.rdf import Triple, day_key, key_day
from kg.store import KgStore
from kg.vocab import DCTERMS, FOAF, KG, XSD, term

__all__ = ["COLUMNS", "INDEX", "PARTS", "TEXT_PREDICATES", "DocText", "Part", "TextIndex", "delete", "doc_text", "fill", "search"]

INDEX = "tekst.sqlite"  # in the store folder
_FORMAT = "2"  # 2: the document's page at officielebekendmakingen.nl
PARTS = ("titel", "vraag", "antwoord", "voetnoot")  # what a document's text is made of, in its order
COMMIT_DOCS = 500  # documents put in or taken out per transaction while a build writes
MAX_ROWS = 2**62  # larger limits and offsets are refused (SQLite's integers end at 2**63)

_TEKST, _TITLE, _IDENT, _KEY, _PAGE = (term(p) for p in (KG.tekst, DCTERMS.title, DCTERMS.identifier, KG.sorteersleutel, FOAF.page))
TEXT_PREDICATES = frozenset({_TEKST, _TITLE, _IDENT, _KEY, _PAGE})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS document(
  id INTEGER PRIMARY KEY, graph TEXT NOT NULL UNIQUE, iri TEXT NOT NULL, ident TEXT NOT NULL, sleutel INTEGER NOT NULL, titel TEXT NOT NULL,
  pagina TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS document_sleutel ON document(sleutel);
CREATE TABLE IF NOT EXISTS deel(
  id INTEGER PRIMARY KEY, document INTEGER NOT NULL, soort TEXT NOT NULL, nummer TEXT NOT NULL, iri TEXT NOT NULL, tekst TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS deel_document ON deel(document);
CREATE VIRTUAL TABLE IF NOT EXISTS deel_tekst USING fts5(tekst, content='deel', content_rowid='id', tokenize='trigram', detail=none);
"""
_TABLES = ("deel_tekst", "deel", "document", "meta")


class Part(NamedTuple):
    """One text of a document: what it is (`PARTS`), its number in the document ("" for the title), its IRI."""

    soort: str
    nummer: str
    iri: str
    tekst: str


class DocText(NamedTuple):
    """A document's texts, and what a search shows of the document: its IRI, identifier, sort key
    (`kg:sorteersleutel`), title and page at officielebekendmakingen.nl (`foaf:page`; "" when it has none)."""

    iri: str
    ident: str
    sleutel: int
    titel: str
    parts: tuple[Part, ...]
    pagina: str = ""


def _number_key(nummer: str) -> tuple[int, str]:
    head = nummer.split("-", 1)[0]
    return (int(head) if head.isdigit() else 0, nummer)


def doc_text(triples: Iterable[Triple]) -> DocText | None:
    """The texts of one document graph, from its statements with a predicate in `TEXT_PREDICATES`
    (others are ignored); None when they name no document (no sort key).

    >>> from kg.readers.layout import SAMPLE, parse_text
    >>> from kg.rdf import document_lines
    >>> *_, kept = document_lines(parse_text(SAMPLE), built_at=None, keep=TEXT_PREDICATES)
    >>> t = doc_text(kept)
    >>> t.ident, [(p.soort, p.nummer) for p in t.parts][:3]
    ('ah-x-24d1e5e9696b5eed', [('titel', ''), ('vraag', '1'), ('antwoord', '1')])
    """
    doc, key, idents, titles, texts, pages = None, 0, [], [], [], []
    for s, p, o in triples:
        if p == _KEY:
            doc, key = s.value, int(o.value)
        elif p == _TEKST:
            texts.append((s.value, o.value))
        elif p == _TITLE:
            titles.append((s.value, o.value))
        elif p == _IDENT:
            idents.append((s.value, o.value))
        elif p == _PAGE:
            pages.append((s.value, o.value))
    if doc is None:
        return None
    title = next((v for s, v in titles if s == doc), "")
    page = next((v for s, v in pages if s == doc), "")
    ident = next((v for s, v in idents if s == doc and ":" not in v), None) or next((v for s, v in idents if s == doc), doc.rsplit("/", 1)[-1])
    parts = [Part("titel", "", doc, title)] if title else []
    for iri, text in texts:
        soort, _, nummer = iri[len(doc) + 1 :].partition("/") if iri.startswith(doc + "/") else ("", "", "")
        if soort in PARTS and nummer:
            parts.append(Part(soort, nummer, iri, text))
    parts.sort(key=lambda p: (PARTS.index(p.soort), _number_key(p.nummer)))
    return DocText(doc, ident, key, title, tuple(parts), page)


def _pattern(t: str) -> str:
    """A LIKE pattern matching every text that holds `t` (and, where `t` has LIKE's own wildcards,
    some that do not: those are checked exactly). No ESCAPE clause: with one SQLite does not use the index."""
    return "%" + t.replace("%", "_") + "%"


def _holds(text: str, lowered: str) -> bool:
    """`kg_holds(text, term)` in SQL: whether `text` holds `term` (given lowered), ignoring case."""
    return lowered in text.lower()


def _trigram_query(lowered: str) -> str | None:
    """An FTS5 query for the texts holding every trigram of `lowered` (None when it has none): the
    candidates for a term SQLite's LIKE cannot compare (its case folding is ASCII only).

    >>> _trigram_query("één x")
    '"één" AND "én " AND "n x"'
    """
    grams = dict.fromkeys(lowered[i : i + 3] for i in range(len(lowered) - 2))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams) or None


def delete(folder: str | Path) -> None:
    """Delete the index of the store in `folder`, with its write-ahead log (raises `OSError` when it cannot)."""
    path = Path(folder) / INDEX
    for p in (path, path.with_name(INDEX + "-wal"), path.with_name(INDEX + "-shm")):
        p.unlink(missing_ok=True)


def _term_sql(t: str) -> tuple[str, list[object]]:
    """SQL selecting the ids of the parts holding `t`, ignoring case, and its arguments. An ASCII term
    goes through LIKE, which the trigram index answers (ASCII is all LIKE folds: a text's other letters
    cannot equal an ASCII one in any case); another through the trigram index's own matching, which
    folds every letter, then `kg_holds` on the candidates."""
    if t.isascii():
        sql, args = "SELECT rowid FROM deel_tekst WHERE tekst LIKE ?", [_pattern(t)]
        if "%" in t or "_" in t:
            return f"SELECT id FROM deel WHERE id IN ({sql}) AND instr(lower(tekst), lower(?)) > 0", [*args, t]
        return sql, args
    lowered = t.lower()
    query = _trigram_query(lowered)
    found = "SELECT rowid FROM deel_tekst WHERE deel_tekst MATCH ?" if query else "SELECT id FROM deel"
    return f"SELECT id FROM deel WHERE id IN ({found}) AND kg_holds(tekst, ?)", [*([query] if query else []), lowered]


def _fragment(text: str, terms: Sequence[str], width: int = 160) -> str:
    """The part of `text` around the first of `terms` it holds (its start when it holds none), on one
    line, about `width` characters, cut between words where there is a space to cut at.

    >>> _fragment("Een " * 50 + "stikstof" + " twee" * 50, ["STIKSTOF"], 40)
    '… Een Een Een Een stikstof twee twee twee …'
    >>> _fragment("Zie https://www.rijksoverheid.nl/documenten/rapporten/2024/jeugdbescherming voor meer.", ["jeugd"], 30)
    '… porten/2024/jeugdbescherming …'
    """
    folded = text.lower()
    hits = [(i, len(t)) for t in terms if (i := folded.find(t.lower())) >= 0]
    at, size = min(hits) if hits else (0, 0)
    start = max(0, min(at - (width - size) // 2, len(text) - width))
    end = min(len(text), max(start + width, at + size))
    s = start  # forward to the start of a word, not past the term
    while 0 < s < at and not text[s - 1].isspace():
        s += 1
    if s == 0 or text[s - 1].isspace():
        start = s  # else the term is inside a long word: cut where the width says
    e = end  # back to the end of a word, not into the term
    while at + size < e < len(text) and not text[e].isspace():
        e -= 1
    if e == len(text) or text[e].isspace():
        end = e
    body = " ".join(text[start:end].split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


class TextIndex:
    """The full-text index of one store (see the module docstring): `put`, `remove` and `clear` as a
    build writes, `search` and `count` for readers."""

    def __init__(self, con: sqlite3.Connection, path: Path | None = None) -> None:
        self.con = con
        self.path = path
        self._pending = 0
        con.create_function("kg_holds", 2, _holds, deterministic=True)

    @classmethod
    def memory(cls) -> TextIndex:
        """An empty index in memory."""
        con = sqlite3.connect(":memory:", isolation_level=None)
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("INSERT INTO meta VALUES ('format', ?), ('complete', '1')", (_FORMAT,))
        return cls(con)

    @classmethod
    def open(cls, folder: str | Path) -> TextIndex:
        """The index of the store in `folder` for writing; made (empty) when it is missing, damaged or of another format."""
        path = Path(folder) / INDEX
        try:
            return cls._open_for_writing(path)
        except sqlite3.OperationalError:  # locked, full, not writable …: not to be deleted for it
            raise
        except sqlite3.DatabaseError:  # damaged ("file is not a database"): made again
            delete(folder)
            return cls._open_for_writing(path)

    @classmethod
    def _open_for_writing(cls, path: Path) -> TextIndex:
        con = sqlite3.connect(path, timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")  # readers search while a build writes
        con.execute("PRAGMA synchronous=NORMAL")
        found = con.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone()
        fmt = found and con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if not fmt or fmt[0] != _FORMAT:  # new, or of another format: made anew, and behind the store until filled
            con.execute("BEGIN")
            for table in _TABLES:
                con.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute("INSERT INTO meta VALUES ('format', ?), ('complete', '0')", (_FORMAT,))
            con.execute("COMMIT")
        return cls(con, path)

    @classmethod
    def reader(cls, folder: str | Path) -> TextIndex:
        """The index of the store in `folder`, for searching, in one read transaction until closed.
        Raises `UsageError` when there is none, `TextIndexBehind` while it lacks documents (being
        made, or a build was stopped), `StoreError` when it cannot be read or is of another format."""
        path = Path(folder) / INDEX
        if not path.is_file():
            hint = f"run `kg build` on its files once more (`kg build FILES --store {folder}`): it makes the index without parsing them again"
            if not Path(folder).is_dir():
                raise UsageError(f"no store at {folder}", hint="build one first: kg build FILES --store DIR")
            raise UsageError(f"the store at {folder} has no text index yet (it was built before there was one)", hint=hint)
        again = "run `kg build` on the store's files: it makes the index again"
        try:
            con, fmt = _read_only(path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the text index {path}: {exc}", hint=again) from exc
        if not fmt or fmt[0] != _FORMAT:
            con.close()
            raise StoreError(f"the text index {path} was made by another version of kg", hint=again)
        index = cls(con, path)
        if index.behind:
            con.close()
            raise TextIndexBehind(f"the text index {path} is being made, or lacks documents since a build was stopped", hint="wait for the build to end, or run `kg build` on the store's files once more")
        return index

    @property
    def behind(self) -> bool:
        """Whether the index may lack documents of its store (made anew, or a build was stopped while it changed them)."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        return not row or row[0] != "1"

    def set_behind(self, behind: bool = True) -> None:
        """Record that the index is (not) behind its store; being behind is committed at once."""
        self._begin()
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('complete', ?)", ("0" if behind else "1",))
        if behind:
            self.commit()

    # --- writing -----------------------------------------------------------------------------

    def _begin(self) -> None:
        if not self.con.in_transaction:
            self.con.execute("BEGIN")

    def _step(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_DOCS:
            self.commit()

    def remove(self, graph: str) -> None:
        """Take out the texts of `graph` (nothing when it has none)."""
        self._begin()
        con = self.con
        row = con.execute("SELECT id FROM document WHERE graph = ?", (graph,)).fetchone()
        if row is None:
            return
        self._take_out(con.execute("SELECT id, tekst FROM deel WHERE document = ?", row).fetchall())
        con.execute("DELETE FROM document WHERE id = ?", row)
        self._step()

    def put(self, graph: str, text: DocText | None) -> None:
        """Put in the texts of `graph`, in place of those it had (`text` None: it has none). Only the
        parts that changed are taken out of the trigram index and put in again, each in its place (a
        document built again with one answer changed makes the trigrams of that answer only).
        """
        if text is None:
            self.remove(graph)
            return
        self._begin()
        con = self.con
        about = (text.iri, text.ident, text.sleutel, text.titel, text.pagina)
        row = con.execute("SELECT id FROM document WHERE graph = ?", (graph,)).fetchone()
        if row is None:
            doc, old = con.execute("INSERT INTO document(graph, iri, ident, sleutel, titel, pagina) VALUES (?, ?, ?, ?, ?, ?)", (graph, *about)).lastrowid, []
        else:
            (doc,) = row
            con.execute("UPDATE document SET iri = ?, ident = ?, sleutel = ?, titel = ?, pagina = ? WHERE id = ?", (*about, doc))
            old = con.execute("SELECT id, soort, nummer, iri, tekst FROM deel WHERE document = ? ORDER BY id", (doc,)).fetchall()
        for (rowid, *was), part in zip(old, text.parts, strict=False):  # the n-th part in the n-th row: the order stays
            if tuple(was) != part:
                con.execute("INSERT INTO deel_tekst(deel_tekst, rowid, tekst) VALUES ('delete', ?, ?)", (rowid, was[-1]))
                con.execute("UPDATE deel SET soort = ?, nummer = ?, iri = ?, tekst = ? WHERE id = ?", (*part, rowid))
                con.execute("INSERT INTO deel_tekst(rowid, tekst) VALUES (?, ?)", (rowid, part.tekst))
        self._take_out([(rowid, tekst) for rowid, *_, tekst in old[len(text.parts) :]])
        for part in text.parts[len(old) :]:  # after the others, in order
            rowid = con.execute("INSERT INTO deel(document, soort, nummer, iri, tekst) VALUES (?, ?, ?, ?, ?)", (doc, *part)).lastrowid
            con.execute("INSERT INTO deel_tekst(rowid, tekst) VALUES (?, ?)", (rowid, part.tekst))
        self._step()

    def _take_out(self, parts: list[tuple[int, str]]) -> None:
        """Take the parts (row id, text) out of the trigram index and the tables."""
        self.con.executemany("INSERT INTO deel_tekst(deel_tekst, rowid, tekst) VALUES ('delete', ?, ?)", parts)
        self.con.executemany("DELETE FROM deel WHERE id = ?", ((rowid,) for rowid, _ in parts))

    def clear(self) -> None:
        """Take out every text."""
        self._begin()
        self.con.execute("INSERT INTO deel_tekst(deel_tekst) VALUES ('delete-all')")  # the index; the content is the tables
        self.con.execute("DELETE FROM deel")
        self.con.execute("DELETE FROM document")

    def abandon(self) -> None:
        """After a failure: what is not committed is dropped, and the index says it is behind (if it still can)."""
        with contextlib.suppress(sqlite3.Error):
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            self.set_behind()

    def commit(self) -> None:
        if self.con.in_transaction:
            self.con.execute("COMMIT")
        self._pending = 0

    def close(self) -> None:
        """Commit and close (the index then holds what was put in)."""
        self.commit()
        self.con.close()

    def __enter__(self) -> TextIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graphs(self) -> int:
        """How many document graphs the index holds."""
        return self.con.execute("SELECT count(*) FROM document").fetchone()[0]

    # --- reading -----------------------------------------------------------------------------

    def _matches(self, terms: Sequence[str], parts: Sequence[str], date_from: dt.date | None, date_to: dt.date | None) -> tuple[str, list[object]]:
        """SQL naming the parts (`part`, `doc`) that hold any of `terms` (as `_terms` gives them), in documents that hold every one."""
        bad = [p for p in parts if p not in PARTS]
        if bad:
            raise UsageError(f"no part {bad[0]!r} to search in", hint=f"one of {', '.join(PARTS)}")
        where = f" AND p.soort IN ({', '.join('?' * len(parts))})" if parts else ""
        ctes, args = [], []
        for i, t in enumerate(terms):
            found, found_args = _term_sql(t)
            ctes.append(f"t{i}(id, document) AS (SELECT p.id, p.document FROM deel p WHERE p.id IN ({found}){where})")
            args += [*found_args, *parts]
        docs = " INTERSECT ".join(f"SELECT document FROM t{i}" for i in range(len(terms)))
        dated = ""
        if date_from is not None:
            dated += " AND d.sleutel >= ?"
            args.append(day_key(date_from))
        if date_to is not None:
            dated += " AND d.sleutel < ?"
            args.append(day_key(date_to + dt.timedelta(days=1)))
        hits = " UNION ".join(f"SELECT id, document FROM t{i}" for i in range(len(terms)))
        sql = (
            f"WITH {', '.join(ctes)}, docs(id) AS ({docs}), hit(id, document) AS ({hits}) "
            f"SELECT hit.id AS part, d.id AS doc FROM hit JOIN document d ON d.id = hit.document WHERE d.id IN docs{dated}"
        )
        return sql, args

    def _run(self, sql: str, args: Sequence[object]) -> list[tuple]:
        try:
            return self.con.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot search the text index {self.path or ''}: {exc}", hint="try again once the build writing it is done") from exc

    def count(self, terms: Sequence[str], *, parts: Sequence[str] = (), date_from: dt.date | None = None, date_to: dt.date | None = None) -> tuple[int, int]:
        """How many documents hold every term, and how many of their parts hold one of them."""
        sql, args = self._matches(_terms(terms), parts, date_from, date_to)
        return tuple(self._run(f"SELECT count(DISTINCT doc), count(*) FROM ({sql})", args)[0])  # type: ignore[return-value]

    def search(
        self,
        terms: Sequence[str],
        *,
        parts: Sequence[str] = (),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> QueryResult:
        """The documents that hold every term (ignoring case; a term may be a part of a word or several
        words, its spaces counting as one), newest first: document IRI, identifier, date, title, the
        parts that hold a term (`waar`: "vraag 2, antwoord 2"), a fragment of the first of them, and
        the document's page at officielebekendmakingen.nl (`COLUMNS`).
        `parts`: search only titles, questions, answers or footnotes (`PARTS`). A page: `limit`
        documents after `offset`; the result is `truncated` when more follow."""
        terms = _terms(terms)
        if not 0 <= offset <= MAX_ROWS or (limit is not None and not 0 <= limit <= MAX_ROWS):
            raise UsageError(f"a page of {limit} documents after {offset} is out of range", hint=f"limit and offset go from 0 to {MAX_ROWS}")
        sql, args = self._matches(terms, parts, date_from, date_to)
        page = f" LIMIT {limit + 1 if limit is not None else -1} OFFSET {offset}"  # one more: whether more follow
        rows = self._run(
            f"WITH m AS ({sql}), page AS (SELECT DISTINCT d.id, d.sleutel FROM m JOIN document d ON d.id = m.doc ORDER BY d.sleutel DESC, d.id DESC{page}) "
            "SELECT d.id, d.iri, d.ident, d.sleutel, d.titel, d.pagina, p.soort, p.nummer, p.tekst FROM page JOIN document d ON d.id = page.id "
            "JOIN m ON m.doc = d.id JOIN deel p ON p.id = m.part ORDER BY d.sleutel DESC, d.id DESC, p.id",
            args,
        )
        result = _result(rows, terms)
        if limit is not None and len(result.rows) > limit:
            result.rows, result.truncated = result.rows[:limit], True
        return result


def _terms(terms: Sequence[str]) -> list[str]:
    """The terms to search for, each with its runs of spaces as one (raises `UsageError` when there is none).

    >>> _terms(["  stikstof ", "Raad  voor de\\nKinderbescherming", ""])
    ['stikstof', 'Raad voor de Kinderbescherming']
    """
    out = [t for t in (" ".join(t.split()) for t in terms) if t]
    if not out:
        raise UsageError("nothing to search for", hint="give one or more words or parts of words, e.g. kg search stikstof")
    return out


def _read_only(path: Path) -> tuple[sqlite3.Connection, tuple | None]:
    """A connection to the index that cannot write, in a read transaction (what is checked first and
    what is searched then are of one state), and the index's format. In a folder this user cannot
    write (where no build can run either) SQLite cannot share a write-ahead log: the file is read as
    it is."""
    uri = path.resolve().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        con = sqlite3.connect(f"{uri}?{mode}", uri=True, timeout=30, isolation_level=None)
        try:
            con.execute("BEGIN")
            return con, con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.OperationalError:
            con.close()
            if mode != "mode=ro" or os.access(path.parent, os.W_OK):
                raise
    raise AssertionError("unreachable")


COLUMNS = ["document", "id", "datum", "titel", "waar", "fragment", "pagina"]


def _result(rows: list[tuple], terms: Sequence[str]) -> QueryResult:
    """One row per document from the rows of its matching parts (in document order); the fragment is of
    the first part that holds a term, after the title."""
    out: list[list[ox.NamedNode | ox.Literal | None]] = []
    last = None
    where: list[str] = []
    for doc, iri, ident, sleutel, titel, pagina, soort, nummer, tekst in rows:
        if doc != last:
            last, where = doc, []
            day = key_day(sleutel)
            dated = ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date))) if day else None
            out.append([ox.NamedNode(iri), ox.Literal(ident), dated, ox.Literal(titel), None, None, ox.NamedNode(pagina) if pagina else None])
        if out[-1][5] is None or where == ["titel"]:  # the title is shown already: a fragment of the text is more use
            out[-1][5] = ox.Literal(_fragment(tekst, terms))
        where.append(soort if soort == "titel" else f"{soort} {nummer}")
        out[-1][4] = ox.Literal(", ".join(where))
    return QueryResult("SELECT", list(COLUMNS), out)


def search(
    folder: str | Path,
    terms: Sequence[str],
    *,
    parts: Sequence[str] = (),
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    limit: int | None = 20,
    offset: int = 0,
    count: bool = False,
) -> QueryResult:
    """`TextIndex.search` in the index of the store in `folder` (see there); with `count`, one row:
    how many documents hold every term (`documenten`) and how many of their parts hold one (`delen`)."""
    first, last = parse_day(date_from, "from"), parse_day(date_to, "to")
    idx = TextIndex.reader(folder)
    try:
        if count:
            docs, hits = idx.count(terms, parts=parts, date_from=first, date_to=last)
            return QueryResult("SELECT", ["documenten", "delen"], [[_integer(docs), _integer(hits)]])
        return idx.search(terms, parts=parts, date_from=first, date_to=last, limit=limit, offset=offset)
    finally:
        idx.close()


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))


# --- made from the store ----------------------------------------------------------------------


def graph_text(store: KgStore, graph: str) -> DocText | None:
    """`doc_text` of a graph in the store."""
    g = ox.NamedNode(graph)
    raw = store.raw
    return doc_text((q.subject, q.predicate, q.object) for p in TEXT_PREDICATES for q in raw.quads_for_pattern(None, p, None, g))  # type: ignore[misc]


def fill(store: KgStore, index: TextIndex, progress: Callable[[int, int], None] | None = None) -> int:
    """Make the index again from every document graph of the store: the number of graphs with texts.
    Until it is done (and if it is stopped) the index says it is `behind`."""
    index.set_behind()
    index.clear()
    graphs = store.document_graphs()
    n = 0
    for i, g in enumerate(graphs, 1):
        text = graph_text(store, g)
        if text is not None:
            index.put(g, text)
            n += 1
        if progress and (i % 1000 == 0 or i == len(graphs)):
            progress(i, len(graphs))
    index.set_behind(False)
    index.commit()
    return n

