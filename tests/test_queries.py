"""The named-query library (queries/*.rq) on a hand-made fixture graph, against expected results.

One parametrised runner: every file in queries/expected/ names a query (the part of its name before
"--"), the parameters to bind, and the expected result: SPARQL 1.1 JSON results for SELECT/ASK
(`.json`), N-Triples for CONSTRUCT/DESCRIBE (`.nt`, parameters in a `# params:` first line).
After an intended change of a query or of the fixture, regenerate with
`KG_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_queries.py` and review the diff.

The fixture (tests/fixtures/queries/graph.trig) follows kg/rdf.py's mapping and kg/derive.py's cases
graph: eight publications, co-askers across parties, ministers and a state secretary, a postponement
notice, late answers, open questions, "Zie ook" chains, mentions of organisations, reports, programmes,
laws, a treaty and its articles, and claims.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.derive import derive_cases
from kg.errors import QueryError
from kg.model import Answer, Claim, Document, Entity, EntityType, Kind, Member, Question
from kg.query import _PAGE_MARK, bind, load_named_queries, named_query, paged, run_sparql
from kg.rdf import document_quads, order_key
from kg.results import to_json, to_rdf
from kg.store import KgStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "queries" / "graph.trig"
EXPECTED = ROOT / "queries" / "expected"
UPDATE = bool(os.environ.get("KG_UPDATE_EXPECTED"))
QUERIES = load_named_queries()


def fixture_store() -> KgStore:
    store = KgStore.memory()
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def store() -> KgStore:
    return fixture_store()


def expected_cases() -> list[Path]:
    return sorted(p for p in EXPECTED.iterdir() if p.suffix in (".json", ".nt"))


def case_query(path: Path) -> str:
    return path.stem.split("--")[0]


def case_params(path: Path) -> dict[str, str]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8")).get("params", {})
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"#\s*params:\s*(\{.*\})\s*$", first)
    return json.loads(m.group(1)) if m else {}


def solutions(doc: dict, lists: list[str] | tuple[str, ...] = ()) -> list[dict]:
    """Bindings in a comparable form (datatype xsd:string written out or not, the same; the parts of a
    list joined by GROUP_CONCAT, the variables `lists`, whose order SPARQL leaves open, in sorted order)."""
    out = []
    for b in doc["results"]["bindings"]:
        row = {}
        for var, term in b.items():
            t = dict(term)
            if t.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
                del t["datatype"]
            if var in lists:
                t["value"] = ", ".join(sorted(t["value"].split(", ")))
            row[var] = t
        out.append(row)
    return out


def joined(path: Path) -> list[str]:
    """The variables the case's query binds with GROUP_CONCAT (separator ", ")."""
    return re.findall(r"GROUP_CONCAT\([^()]*(?:\([^()]*\)[^()]*)*\)\s+AS\s+\?(\w+)", named_query(case_query(path)).sparql)


def dump_expected(params: dict[str, str], result: dict) -> str:
    """SPARQL JSON results with the parameters, one solution a line (reviewable diffs)."""
    dumps = lambda o: json.dumps(o, ensure_ascii=False)  # noqa: E731
    if "boolean" in result:
        return dumps({"params": params, **result}) + "\n"
    rows = ",\n".join("  " + dumps(b) for b in result["results"]["bindings"])
    return f'{{"params": {dumps(params)},\n "head": {dumps(result["head"])},\n "results": {{"bindings": [\n{rows}\n ]}}}}\n'


def run_case(store: KgStore, path: Path):
    q = named_query(case_query(path))
    return run_sparql(store, q.sparql, bind(q, case_params(path)))


@pytest.mark.parametrize("path", expected_cases(), ids=lambda p: p.stem)
def test_named_query_gives_the_expected_result(store: KgStore, path: Path) -> None:
    result = run_case(store, path)
    if path.suffix == ".nt":
        assert result.form == "CONSTRUCT"
        got = to_rdf(result, "nt").decode()
        if UPDATE:
            lines = sorted(set(got.splitlines()))
            path.write_text(f"# params: {json.dumps(case_params(path))}\n" + "\n".join(lines) + "\n", encoding="utf-8")
        want = rdflib.Graph().parse(data=path.read_text(encoding="utf-8"), format="nt")
        assert isomorphic(rdflib.Graph().parse(data=got, format="nt"), want)
        return
    got = json.loads(to_json(result))
    if UPDATE:
        path.write_text(dump_expected(case_params(path), got), encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got["head"] == want["head"]
    assert solutions(got, joined(path)) == solutions(want, joined(path))  # in order: every named query sorts its rows


@pytest.mark.parametrize("path", [p for p in expected_cases() if p.suffix == ".json"], ids=lambda p: p.stem)
@pytest.mark.parametrize("size", [1, 2])
def test_pages_of_a_named_query_make_up_its_result(store: KgStore, path: Path, size: int) -> None:
    """Pages (`limit`, `offset`), marked in the query or not, follow one another without a gap or an
    overlap; `truncated` says another page follows."""
    q = named_query(case_query(path))
    whole = run_sparql(store, q.sparql, bind(q, case_params(path)))
    if whole.form != "SELECT":
        return
    rows, offset = [], 0
    while True:
        page = run_sparql(store, q.sparql, bind(q, case_params(path)), limit=size, offset=offset)
        assert len(page.rows) <= size
        rows += page.rows
        offset += size
        if not page.truncated:
            break
    as_json = lambda rs: {"results": {"bindings": [{v: {"value": t.value} for v, t in zip(whole.variables, r, strict=True) if t} for r in rs]}}  # noqa: E731
    assert solutions(as_json(rows), joined(path)) == solutions(as_json(whole.rows), joined(path))


def test_the_long_lists_mark_their_page() -> None:
    for name in ("entity-timeline", "documents-citing", "mention-provenance", "claims", "response-times", "open-questions", "see-also-chains"):
        assert paged(QUERIES[name].sparql, 10, 0)[1] == 0, f"{name} is cut into pages where it picks its rows"
    with pytest.raises(QueryError, match="LIMIT or OFFSET already"):
        paged("SELECT ?k WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k LIMIT 5 # page\n } }", 1)
    with pytest.raises(QueryError, match="LIMIT or OFFSET already"):
        paged("SELECT ?k WHERE { { SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k LIMIT 5 # up to page\n } }", 1)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_page_marks_are_where_paging_is_sound(name: str) -> None:
    """Several `# page` lines only in the claims' three branches (one gives rows); every `# up to page` is
    followed by a `# page` that cuts the page among the rows it keeps."""
    marks = list(_PAGE_MARK.finditer(QUERIES[name].sparql))
    pages = [m.start() for m in marks if not m.group(3)]
    up_to = [m.start() for m in marks if m.group(3)]
    assert len(pages) <= (3 if name == "claims" else 1)
    assert all(any(p > u for p in pages) for u in up_to)


def test_a_page_is_cut_where_its_rows_are_picked() -> None:
    """`# up to page` keeps every row up to the page's end; each `# page` (one per branch of a UNION) cuts
    the page itself; a query with only `# up to page` skips the page's offset in its result."""
    text = "SELECT * WHERE {\n{ SELECT ?g WHERE { ?g ?p ?o } ORDER BY ?g # up to page\n}\n{ SELECT ?m WHERE { ?m ?q ?g } ORDER BY ?m # page\n}\nUNION\n{ SELECT ?m WHERE { ?g ?q ?m } ORDER BY ?m # page\n}\n}"
    query, skip = paged(text, 10, 20)
    assert skip == 0
    assert re.findall(r"ORDER BY \?\w((?: [A-Z]+ \d+)*)", query) == [" LIMIT 31", " LIMIT 11 OFFSET 20", " LIMIT 11 OFFSET 20"]
    assert paged("SELECT ?m WHERE { { SELECT ?g WHERE { ?g ?p ?o } ORDER BY ?g # up to page\n } ?g ?q ?m }", 10, 20)[1] == 20
    assert paged(text, None, 5)[0].count("OFFSET 5") == 2 and "LIMIT" not in paged(text, None, 5)[0]
    assert paged("SELECT * WHERE { ?s ?p ?o }\n# page\n", 1, 3) == ("SELECT * WHERE { ?s ?p ?o }\n# page\n", 3)  # a comment line is no mark


def test_every_named_query_has_an_expected_result() -> None:
    covered = {case_query(p) for p in expected_cases()}
    assert sorted(set(QUERIES) - covered) == []
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_is_documented(name: str) -> None:
    q = QUERIES[name]
    assert q.title and q.title != name, "a '# title:' line"
    assert len(q.description) > 40, "a '# description:' of what it answers"
    assert q.examples and all(e.startswith(f"kg query {name}") for e in q.examples), "'# example:' lines"
    for p in q.params:
        assert p.description, f"parameter {p.name} is described"
    # a parameter enters as a VALUES row: its name must not also be bound (BIND … AS, SELECT … AS) by the query
    for p in q.params:
        assert not re.search(rf"\bAS\s+\?{p.name}\b", q.sparql), f"?{p.name} is a parameter and cannot be bound by the query"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_runs_without_parameters_or_with_required_ones(store: KgStore, name: str) -> None:
    q = QUERIES[name]
    params = {
        p.name: {"string": "x", "date": "2024-01-01", "int": "1", "iri": "https://example.org/x"}[p.type]
        for p in q.params
        if p.required
    }
    run_sparql(store, q.sparql, bind(q, params))


def test_a_construct_query_prints_turtle_and_n_triples(store: KgStore) -> None:
    q = named_query("publication")
    result = run_sparql(store, q.sparql, bind(q, {"doc": "ah-tk-20222023-1100"}))
    assert result.form == "CONSTRUCT" and len(result.triples) > 50
    ttl = to_rdf(result, "ttl").decode()
    assert "@prefix kg:" in ttl
    g = rdflib.Graph().parse(data=ttl, format="turtle")
    assert isomorphic(g, rdflib.Graph().parse(data=to_rdf(result, "nt").decode(), format="nt"))


@pytest.mark.parametrize(
    "value", ['x") } } DROP ALL #', 'Van Dijk" . ?s ?p ?o . FILTER("', "'; DROP ALL; '", "} UNION { ?s ?p ?o }"]
)
def test_a_parameter_value_cannot_change_the_query(store: KgStore, value: str) -> None:
    q = named_query("questions-per-member")
    result = run_sparql(store, q.sparql, bind(q, {"mp": value}))
    assert result.rows == []
    assert len(store) > 900  # nothing was dropped


def test_bad_parameters_are_query_errors() -> None:
    q = named_query("response-times")
    with pytest.raises(QueryError, match="not a valid int"):
        bind(q, {"days_min": "three"})
    with pytest.raises(QueryError, match="not a valid date"):
        bind(q, {"on": "31-12-2024"})
    with pytest.raises(QueryError, match="needs --param entity"):
        bind(named_query("entity-timeline"), {})


def test_the_fixture_follows_the_shapes(store: KgStore) -> None:
    from kg.validate import validate_store

    report = validate_store(store)
    assert report.conforms, report.violations[:5]


def test_mention_offsets_in_the_fixture_point_at_the_mention(store: KgStore) -> None:
    rows = run_sparql(
        store,
        """SELECT ?m ?surface ?b ?e ?text WHERE {
             ?m a kg:Vermelding ; nif:anchorOf ?surface ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?p .
             ?p kg:tekst|dcterms:title ?text }""",
    ).records()
    assert len(rows) >= 20
    for r in rows:
        assert r["text"][int(r["b"]) : int(r["e"])] == r["surface"], r["m"]


@pytest.mark.parametrize("params", [{"on": "2024-12-31"}, {"on": "2024-12-31", "year": "2024"}, {"on": "2022-05-15"}, {"on": "2030-01-01"}])
def test_the_response_time_distribution_counts_the_listing_in_bands(store: KgStore, params: dict[str, str]) -> None:
    def run(name: str, p: dict[str, str]) -> list[dict]:
        q = named_query(name)
        return [{k: v or "" for k, v in row.items()} for row in run_sparql(store, q.sparql, bind(q, p)).records()]

    listing = [r for r in run("response-times", {"on": params["on"]}) if "year" not in params or r["submitted"][:4] == params["year"]]
    limits = [(21, "0-21 days (on time)"), (42, "22-42 days"), (84, "43-84 days"), (182, "85-182 days"), (10**9, "183+ days")]
    want: dict[str, list[int]] = {}
    for r in listing:
        band = next(name for top, name in limits if int(r["days"]) <= top)
        want.setdefault(band, [0, 0])[r["status"] != "beantwoord"] += 1
    got = {r["band"]: [int(r["answered"]), int(r["open"])] for r in run("response-time-distribution", params)}
    assert got == want and sum(map(sum, got.values())) == len(listing)


def _claims_store() -> KgStore:
    """Five answers whose claims name three sources that one text matches ("planbureau"): several in one
    publication (in an order of claims that is not the order of their sources), a claim without source, a
    source named where its mention has no place (so no `kg:vermeldIn`), an answer without claims, and two
    publications with the same sort key (9201 and 9202: the graph decides)."""
    cpb, pbl, scp = ("Centraal Planbureau", "cpb"), ("Planbureau voor de Leefomgeving", "pbl"), ("Sociaal en Cultureel Planbureau", "scp")
    plans = {  # number → (day, the sources of its claims in order, None: no source)
        9201: (dt.date(2024, 5, 2), (pbl, cpb, cpb)),
        9202: (dt.date(2024, 5, 2), (pbl,)),
        9203: (dt.date(2024, 4, 1), (scp, cpb, pbl)),
        9204: (dt.date(2024, 6, 1), (None, cpb)),
        9205: (dt.date(2024, 5, 20), ()),
    }
    store, keys = KgStore.memory(), {}
    for number, (day, sources) in plans.items():
        sentences = [f"Volgens het {s[0] if s else 'onderzoek'} zijn {10 + k} woningen {'gebouwd' if k % 2 else 'gesloopt'}." for k, s in enumerate(sources)]
        text = " ".join(sentences)
        entities, claims = [], []
        for k, (s, sentence) in enumerate(zip(sources, sentences, strict=True)):
            at = text.index(sentence)
            if s:
                start = at + len("Volgens het ")
                where = "answer 9" if number == 9204 else "answer 1"  # 9204: a place the answer does not have
                entities.append(Entity(EntityType.ORGANISATION, s[0], where, s[0], start, start + len(s[0]), key=s[1]))
            claims.append(Claim(10 + k, "count", "woningen", sentence, "answer 1", at, at + len(sentence), s[1] if s else None))
        doc = Document(
            kind=Kind.ANSWER, id=f"ah-tk-20232024-{number}", session="2023-2024", number=number, title=f"woningbouw {number}",
            date_answered=day, questions=(Question(1, "Hoeveel woningen zijn er gebouwd?"),), answers=(Answer((1,), text),),
            entities=tuple(entities), claims=tuple(claims), source=f"fixtures/{number}.txt", sha256=str(number % 10) * 64,
        )  # fmt: skip
        keys[number] = str(order_key(doc))
        tied = {keys[number]: keys.get(9201)} if number == 9202 else {}  # 9202 takes 9201's sort key
        for q in document_quads(doc, built_at=None):
            o = q.object
            if isinstance(o, ox.Literal) and o.value in tied:
                o = ox.Literal(tied[o.value], datatype=o.datatype)
            store.raw.add(ox.Quad(q.subject, q.predicate, o, q.graph_name))
    assert len({r["k"].value for r in store.query("SELECT ?k WHERE { ?d kg:sorteersleutel ?k }")}) == len(plans) - 1
    return store


@pytest.mark.parametrize(
    "params", [{"source": "planbureau"}, {"source": "planbureau", "about": "gebouwd"}, {"source": "Centraal"}, {}, {"about": "gebouwd"}]
)
def test_every_page_of_the_claims_of_sources_named_alike_is_a_slice_of_the_whole(params: dict[str, str]) -> None:
    """Pages of the claims of a source, and of all claims (cut at the publications in date order), are
    slices of the whole list (made without a page, by the whole-corpus joins)."""
    store, q = _claims_store(), named_query("claims")
    whole = run_sparql(store, q.sparql, bind(q, params)).records()
    got = [(r["id"][-4:], (r["sourceName"] or "-").split()[0]) for r in whole]
    by_date_publication_source = [("9203", "Centraal", "gebouwd"), ("9203", "Planbureau", ""), ("9203", "Sociaal", ""), ("9201", "Centraal", "gebouwd"),
                                  ("9201", "Centraal", ""), ("9201", "Planbureau", ""), ("9202", "Planbureau", ""),
                                  ("9204", "-", ""), ("9204", "Centraal", "gebouwd")]  # fmt: skip
    keep = {"planbureau": {"Centraal", "Planbureau", "Sociaal"}, "Centraal": {"Centraal"}}.get(params.get("source", ""), {"Centraal", "Planbureau", "Sociaal", "-"})
    want = [(i, s) for i, s, about in by_date_publication_source if s in keep and params.get("about", about) == about]
    assert got == want
    for size in (1, 2, 3):
        for offset in range(len(whole) + 1):
            page = run_sparql(store, q.sparql, bind(q, params), limit=size, offset=offset)
            assert page.records() == whole[offset : offset + size], (params, size, offset)
            assert page.truncated == (offset + size < len(whole)), (params, size, offset)


def _cases_store() -> KgStore:
    """Cases that tie on days: five answered after 30 days (three without a case number, two with one),
    one after 40 (without), and three questions still open, all sent in on one day by one member."""
    sent = dt.date(2024, 3, 1)
    docs = [
        Document(kind=Kind.ANSWER, id=f"ah-tk-20232024-{n}", session="2023-2024", number=n, zaak=zaak, title=f"vragen {n}",
                 askers=(Member("Jansen", "SP"),), date_submitted=sent, date_answered=sent + dt.timedelta(days=days), questions=(Question(1, "Waarom?"),),
                 answers=(Answer((1,), "Daarom."),), source=f"fixtures/{n}.txt", sha256=str(n % 10) * 64)
        for n, zaak, days in ((8101, None, 30), (8102, "2024Z08102", 30), (8103, None, 30), (8104, None, 40), (8105, "2024Z08105", 30), (8106, None, 30))
    ] + [
        Document(kind=Kind.QUESTIONS, id=f"kv-tk-{zaak}", zaak=zaak, title=f"vragen {zaak}", askers=(Member("Jansen", "SP"),), date_submitted=sent,
                 questions=(Question(1, "Wanneer?"),), source=f"fixtures/{zaak}.txt", sha256=str(k) * 64)
        for k, zaak in enumerate(("2024Z08201", "2024Z08202", "2024Z08203"))
    ]  # fmt: skip
    store = KgStore.memory()
    for doc in docs:
        store.raw.extend(document_quads(doc, built_at=None))
    derive_cases(store)
    return store


@pytest.mark.parametrize(("name", "params"), [("response-times", {}), ("response-times", {"state": "beantwoord"}), ("open-questions", {})])
def test_every_page_of_a_list_of_cases_that_tie_is_a_slice_of_the_whole(name: str, params: dict[str, str]) -> None:
    """Cases with the same days are in order of case number (none first), then case node, on every page."""
    store, q = _cases_store(), named_query(name)
    params = {**params, "on": "2024-06-01"}
    whole = run_sparql(store, q.sparql, bind(q, params)).records()
    days = [int(r["days"]) for r in whole]
    assert days == sorted(days, reverse=True) and len(whole) == (3 if name == "open-questions" else 9 if not params.get("state") else 6)
    tied = [r["zaak"] for r in whole if int(r["days"]) == 30]
    if name == "response-times" and tied:
        assert tied == [None, None, None, "2024Z08102", "2024Z08105"]
    for size in (1, 2, 3):
        for offset in range(len(whole) + 1):
            page = run_sparql(store, q.sparql, bind(q, params), limit=size, offset=offset)
            assert page.records() == whole[offset : offset + size], (name, params, size, offset)
            assert page.truncated == (offset + size < len(whole)), (name, params, size, offset)
