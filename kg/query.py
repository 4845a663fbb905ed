"""SPARQL over the store: ad-hoc queries and the library of named queries in `queries/*.rq`.

A named query is a `.rq` file whose header comment documents it:

    # title: Questions per member
    # description: How many written questions each member asked, with party and period.
    # param: mp string optional  Member name (case-insensitive substring)
    # example: kg query questions-per-member --param mp=Ypma

Parameters are bound as RDF terms: each value becomes a typed term (a literal, an IRI, a date)
made and serialised by the RDF library, and enters the query as a `VALUES` row at the top of the
WHERE clause. User text is never spliced into the query, so a value cannot change the query.

>>> q = parse_named_query("x", "# title: T\\n# param: mp string optional  Member\\nSELECT ?mp WHERE {}")
>>> q.title, [p.name for p in q.params]
('T', ['mp'])
>>> bind(q, {"mp": "Ypma"})["mp"].value
'Ypma'
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.resources import queries_dir
from kg.store import KgStore, with_values
from kg.vocab import XSD, term

__all__ = [
    "NamedQuery",
    "Param",
    "QueryResult",
    "bind",
    "bind_values",
    "bound_page",
    "collect",
    "load_named_queries",
    "named_query",
    "page_end",
    "paged",
    "parse_day",
    "parse_named_query",
    "python_value",
    "run_named",
    "run_sparql",
    "with_values",
]

PARAM_TYPES = ("string", "iri", "date", "int")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str = "string"
    required: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    sparql: str
    path: Path | None = None

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        body = re.sub(r"(?m)^\s*#.*$", "", self.sparql)
        body = re.sub(r"(?is)^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*)*", "", body)
        m = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body)
        return m.group(1).upper() if m else "SELECT"


@dataclass(slots=True)
class QueryResult:
    """Rows of a SELECT (variables + values), a boolean of an ASK, or triples of a CONSTRUCT."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    raw: Any = None
    truncated: bool = False  # set by `collect` when it stopped at its row limit or deadline

    def values(self) -> list[list[object]]:
        """Rows as Python values: numbers, dates and booleans typed, IRIs and other literals as text."""
        return [[python_value(t) for t in row] for row in self.rows]

    def to_dataframe(self):  # -> pandas.DataFrame (pandas is the optional "analysis" extra)
        """The rows as a pandas DataFrame with typed columns (needs pandas: the 'analysis' extra)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise QueryError("to_dataframe needs pandas", hint="pip install 'kg[analysis]'") from exc
        return pd.DataFrame(self.values(), columns=self.variables)

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal values)."""
        return [{v: (t.value if t is not None else None) for v, t in zip(self.variables, row, strict=False)} for row in self.rows]


_XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_day(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    """A day a user gave as YYYY-MM-DD (or a date; None or "" for none), for the option or parameter
    `what`. Raises `UsageError` on anything else.

    >>> parse_day("2024-01-31"), parse_day("")
    (datetime.date(2024, 1, 31), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what} {value!r} is not a day: not a date of the form YYYY-MM-DD", hint="e.g. 2024-01-31") from None


def python_value(t: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> object:
    """A Python value for an RDF term: int, float, date, datetime, bool; text for the rest.

    >>> python_value(ox.Literal("52.0", datatype=ox.NamedNode(_XSD + "decimal")))
    52.0
    """
    if not isinstance(t, ox.Literal):
        return None if t is None else t.value
    kind = t.datatype.value.removeprefix(_XSD)
    try:
        if kind in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
            return int(t.value)
        if kind in ("decimal", "double", "float"):
            return float(t.value)
        if kind == "date":
            return dt.date.fromisoformat(t.value)
        if kind == "dateTime":
            return dt.datetime.fromisoformat(t.value.replace("Z", "+00:00"))
        if kind == "boolean":
            return t.value in ("true", "1")
    except ValueError:
        return t.value
    return t.value


def parse_named_query(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """Read a named query's header comment (title, description, param, example lines)."""
    title, desc, params, examples = name, [], [], []
    for line in text.splitlines():
        m = re.match(r"^\s*#\s*(title|description|param|example)\s*:\s*(.*)$", line)
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            desc.append(value)
        elif key == "example":
            examples.append(value)
        else:
            pm = re.match(r"(\w+)\s+(string|iri|date|int)\s+(required|optional)\s*(.*)$", value)
            if not pm:
                raise QueryError(f"bad param line {value!r}", source=str(path or name), hint="write '# param: NAME TYPE required|optional DESCRIPTION'")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3) == "required", pm.group(4).strip()))
    return NamedQuery(name, title, " ".join(desc), tuple(params), tuple(examples), text, path)


def load_named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries, by file stem."""
    d = directory or queries_dir()
    return {p.stem: parse_named_query(p.stem, p.read_text(encoding="utf-8"), p) for p in sorted(d.glob("*.rq"))}


def named_query(name: str, directory: Path | None = None) -> NamedQuery:
    queries = load_named_queries(directory)
    if name not in queries:
        raise QueryError(f"no named query {name!r}", hint=f"`kg queries` lists them: {', '.join(queries) or 'none'}")
    return queries[name]


def _term(p: Param, value: str) -> ox.NamedNode | ox.Literal:
    try:
        match p.type:
            case "iri":
                if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                    raise ValueError("not an IRI")
                return ox.NamedNode(value)
            case "date":
                return ox.Literal(dt.date.fromisoformat(value).isoformat(), datatype=term(XSD.date))
            case "int":
                return ox.Literal(str(int(value)), datatype=term(XSD.integer))
    except ValueError as exc:
        raise QueryError(f"parameter {p.name}={value!r} is not a valid {p.type}", hint=p.description or None) from exc
    return ox.Literal(value)


def bind(query: NamedQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed RDF terms for the given parameter values; checks names and required parameters."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)}", hint=f"parameters: {', '.join(known) or 'none'}")
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"{query.name} needs --param {missing[0]}=…", hint=known[missing[0]].description or None)
    return {k: _term(known[k], v) for k, v in values.items()}


_LITERALS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # string literals, long and short, with escapes
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
)


def bind_values(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with VALUES rows binding the parameters: at the start of the query's WHERE clause,
    and of each subquery's WHERE clause for the parameters that subquery uses.

    Like `kg.store.with_values` (the same rows, the same checks), but a filter inside a subquery
    then sees the parameter too, so a query can select early, before it aggregates.

    >>> print(bind_values("SELECT * WHERE { { SELECT ?x WHERE { ?x ?p ?mp } } { SELECT ?y WHERE { ?y ?p ?o } } }", {"mp": ox.Literal("a")}))
    SELECT * WHERE { VALUES (?mp) { ("a") } { SELECT ?x WHERE { VALUES (?mp) { ("a") } ?x ?p ?mp } } { SELECT ?y WHERE { ?y ?p ?o } } }
    >>> bind_values('SELECT * WHERE { ?x ?p "WHERE { ?mp }" }', {"mp": ox.Literal("a")}).count("VALUES")
    1
    """
    if not bindings:
        return sparql
    masked = _LITERALS.sub(lambda m: " " * len(m.group(0)), sparql)
    masked = re.sub(r"(?m)#[^\n<>\"]*$", lambda m: " " * len(m.group(0)), masked)
    wheres = list(re.finditer(r"(?i)\bWHERE\s*\{", masked))
    if not wheres:
        raise QueryError("a query with parameters needs a WHERE { … } clause")
    inserts: list[tuple[int, str]] = []
    for i, m in enumerate(wheres):
        used = bindings if i == 0 else {k: v for k, v in bindings.items() if re.search(rf"[?$]{k}\b", masked[m.end() : _close(masked, m.end())])}
        if used:
            inserts.append((m.end(), with_values("WHERE {", used)[len("WHERE {") :]))
    for pos, row in reversed(inserts):
        sparql = sparql[:pos] + row + sparql[pos:]
    return sparql


def _close(text: str, start: int) -> int:
    """The position of the brace closing the group opened just before `start` (end of text if none)."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def collect(res: Any, *, limit: int | None = None, deadline: float | None = None, skip: int = 0) -> QueryResult:
    """A query result materialised: solutions, a boolean, or triples (quads lose their graph).

    Passes over the first `skip` rows without keeping them. Stops after `limit` rows (or triples), or
    when `time.monotonic()` passes `deadline` between two rows, and then sets `truncated` (evaluation
    that is lazy stops with it).

    >>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    >>> r = collect(s.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), limit=0)
    >>> r.variables, r.rows, r.truncated
    (['s', 'o'], [], True)
    """
    if isinstance(res, ox.QueryBoolean | bool):
        return QueryResult("ASK", boolean=bool(res), raw=res)
    variables = [v.value for v in res.variables] if hasattr(res, "variables") else None
    items: list[Any] = []
    truncated = False
    for item in res:
        if (limit is not None and len(items) >= limit) or (deadline is not None and time.monotonic() > deadline):
            truncated = True
            break
        if skip:
            skip -= 1
            continue
        items.append(item)
    if variables is None:
        triples = [ox.Triple(t.subject, t.predicate, t.object) if isinstance(t, ox.Quad) else t for t in items]
        return QueryResult("CONSTRUCT", triples=triples, raw=res, truncated=truncated)
    rows = [[sol[v] for v in variables] for sol in items]
    return QueryResult("SELECT", variables, rows, raw=res, truncated=truncated)


_PAGE_MARK = re.compile(r"(?m)^([^#\n]*\S)[ \t]+(#[ \t]*(up[ \t]+to[ \t]+)?page[ \t]*)$")


def paged(sparql: str, limit: int | None, offset: int = 0) -> tuple[str, int]:
    """The query to run for the page of `limit` rows after the first `offset`, and how many rows of
    its result to skip.

    A query that ends a line with `# page` gets LIMIT and OFFSET there, so that only the page's rows
    are looked up. The line must end the ORDER BY of the (sub)query that picks the rows, the query must
    give one row per row of that subquery, and nothing before the mark on its line may contain a `#`.
    A line ending with `# up to page` gets the LIMIT of every row up to the page's end (`offset +
    limit`, no OFFSET): it marks the ORDER BY of a subquery of which each row gives at least one row of
    the query, in the same order, so the page's rows come from its first rows. Several lines may be
    marked `# page` in the branches of a UNION of which at most one gives rows (e.g. one branch for
    each way a parameter is given). The page asks for one row more than `limit`, so that a result with
    `limit` rows that is `truncated` has more pages. Any other query is run whole and its first
    `offset` rows are skipped.

    >>> paged("SELECT ?k WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k # page\\n } }", 10, 20)
    ('SELECT ?k WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k LIMIT 11 OFFSET 20 # page\\n } }', 0)
    >>> paged("SELECT ?m WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k # up to page\\n } ?k ?q ?m } ORDER BY ?k ?m # page", 10, 20)
    ('SELECT ?m WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k LIMIT 31 # up to page\\n } ?k ?q ?m } ORDER BY ?k ?m LIMIT 11 OFFSET 20 # page', 0)
    >>> paged("SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k", 10, 20)
    ('SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k', 20)
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"a page needs a limit and an offset of 0 or more, not {limit} and {offset}")
    marks = list(_PAGE_MARK.finditer(sparql))
    pages = [m for m in marks if not m.group(3)]
    if (limit is None and not offset) or not marks:
        return sparql, offset
    if any(re.search(r"(?i)\b(LIMIT|OFFSET)\b", m.group(1)) for m in marks):
        raise QueryError("a line marked '# page' or '# up to page' has a LIMIT or OFFSET already", hint="the page's LIMIT and OFFSET are put there")

    def cut(mark: re.Match[str]) -> str:
        if mark.group(3):
            return f" LIMIT {offset + limit + 1}" if limit is not None else ""
        return (f" LIMIT {limit + 1}" if limit is not None else "") + (f" OFFSET {offset}" if offset else "")

    return _PAGE_MARK.sub(lambda m: f"{m.group(1)}{cut(m)} {m.group(2)}", sparql), 0 if pages else offset


def page_end(sparql: str, limit: int | None, offset: int = 0) -> dict[str, ox.Literal]:
    """`?upToPage` bound to how many rows a page needs (`offset + limit + 1`: it asks for one more), for
    a query with page marks (see `paged`) that uses the variable to cut its lists early (kg/pagemarks.py);
    nothing otherwise (the variable then stays unbound and cuts nothing).

    >>> page_end("SELECT ?k WHERE { ?s ?p ?k FILTER (?k <= ?upToPage) } ORDER BY ?k # page", 10, 20)["upToPage"].value
    '31'
    >>> page_end("SELECT ?k WHERE { ?s ?p ?k FILTER (?k <= ?upToPage) } ORDER BY ?k # page", None)
    {}
    """
    if limit is None or not _PAGE_MARK.search(sparql) or not re.search(r"[?$]upToPage\b", sparql):
        return {}
    return {"upToPage": ox.Literal(str(offset + limit + 1), datatype=term(XSD.integer))}


def bound_page(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal], limit: int | None, offset: int = 0) -> tuple[str, int]:
    """The query for a page (`paged`) with `bindings` and the page's `?upToPage` (`page_end`) bound,
    and how many rows of its result to skip: what `run_sparql` and the HTTP server run.

    >>> print(*bound_page("SELECT ?k WHERE { ?s ?p ?k FILTER (?k <= ?upToPage) } ORDER BY ?k # page", {}, 10, 20))
    SELECT ?k WHERE { VALUES (?upToPage) { ("31"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s ?p ?k FILTER (?k <= ?upToPage) } ORDER BY ?k LIMIT 11 OFFSET 20 # page 0
    """
    text, skip = paged(sparql, limit, offset)
    return bind_values(text, {**bindings, **page_end(text, limit, offset)}), skip


def run_sparql(
    store: KgStore,
    sparql: str,
    bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run any SPARQL query and collect its result; `bindings` are bound by `bind_values`, never spliced as text.

    With `limit` and `offset`, one page of the rows (see `paged`); `truncated` then says there are more.
    `store` is anything with `query(sparql)` answering like `KgStore.query` (e.g. `kg.remote.RemoteStore`).
    """
    text, skip = bound_page(sparql, bindings or {}, limit, offset)
    return collect(store.query(text), limit=limit, skip=skip)


def run_named(
    store: KgStore,
    name: str,
    params: dict[str, str] | None = None,
    directory: Path | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a named query with safely bound parameters; with `limit` and `offset`, one page of its rows."""
    q = named_query(name, directory)
    return run_sparql(store, q.sparql, bind(q, params or {}), limit=limit, offset=offset)
