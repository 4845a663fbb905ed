"""Round trips: a document's record survives parse → RDF → store → SPARQL → record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ParseError
from kg.iris import doc_iri
from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Office, Official, Question, Role, SeeAlso
from kg.pipeline import parse_file
from kg.rdf import document_quads
from kg.readback import record
from kg.store import KgStore

from .conftest import EXAMPLES


def _normal(rec: dict[str, Any]) -> dict[str, Any]:
    rec = dict(rec)
    for key in ("askers", "answerers", "on_behalf_of"):
        rec[key] = [{k: v for k, v in p.items() if k != "ids"} for p in rec[key]]
    rec["footnotes"] = [{**f, "urls": sorted(f["urls"])} for f in rec["footnotes"]]
    rec["answers"] = [{**a, "questions": sorted(a["questions"])} for a in rec["answers"]]
    # a "Zie ook" that names no publication number (only a page) has no publication to link to
    rec["see_also"] = [s for s in rec["see_also"] if s["number"] is not None]
    return rec


def _round_trip(doc: Document) -> dict[str, Any]:
    store = KgStore.memory()
    store.raw.extend(document_quads(doc, built_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)))
    return record(store, doc_iri(doc))


def _files() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.txt"))
    shared = EXAMPLES.parent.parent / "shared" / "corpus"
    if shared.is_dir():
        files += sorted((shared / "txt").glob("*.txt"))[::4] + sorted((shared / "pdf").glob("*.pdf"))[::4]
    return files


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_parsed_files_round_trip(path: Path) -> None:
    try:
        doc = parse_file(path)
    except ParseError:
        pytest.skip(f"{path.name} is refused by its reader")
    assert _normal(_round_trip(doc)) == _normal(doc.to_record())


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).map(str.strip).filter(bool)
portfolios = st.sampled_from(["Justitie en Veiligheid", "Volksgezondheid, Welzijn en Sport", "Financiën – Fiscaliteit en Belastingdienst", "Asiel en Migratie"])


@st.composite
def documents(draw: st.DrawFn) -> Document:
    kind = draw(st.sampled_from(list(Kind)))
    n = draw(st.integers(1, 6))
    questions = tuple(Question(i + 1, draw(text)) for i in range(n))
    answers = tuple(Answer((q.number,), draw(text)) for q in questions) if kind == Kind.ANSWER else ()
    return Document(
        kind=kind,
        id=draw(st.sampled_from([None, "ah-tk-20132014-2290", "kv-tk-2024Z18435"])),
        chamber=draw(st.sampled_from(list(Chamber))),
        session=draw(st.sampled_from([None, "2013-2014"])),
        number=draw(st.none() | st.integers(1, 5000)),
        zaak=draw(st.none() | st.just("2024Z18435")),
        title=draw(st.none() | text),
        date_submitted=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
        date_answered=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
        askers=tuple(Member(draw(text), draw(st.none() | st.sampled_from(["PvdA", "VVD", "GroenLinks-PvdA"]))) for _ in range(draw(st.integers(0, 3)))),
        addressees=tuple(Office(draw(st.sampled_from(list(Role))), draw(portfolios)) for _ in range(draw(st.integers(0, 2)))),
        answerers=(Official(draw(text), Role.MINISTER, draw(portfolios)),) if kind != Kind.QUESTIONS else (),
        on_behalf_of=(Official(None, Role.STAATSSECRETARIS, draw(portfolios)),) if kind == Kind.ANSWER else (),
        see_also=(SeeAlso("2013-2014", draw(st.integers(1, 3000))),),
        questions=questions,
        answers=answers,
        footnotes=(Footnote(1, "zie https://example.org/a", ("https://example.org/a",)),),
        source="x.txt",
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip(doc: Document) -> None:
    back = _round_trip(doc)
    expected = doc.to_record()
    # one office per role and portfolio: the graph keeps each office once per relation
    assert _normal(back) == _normal(expected)


_printed = st.tuples(
    st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31))),
    st.sampled_from([Chamber.EERSTE_KAMER, Chamber.TWEEDE_KAMER]),
    st.integers(1900, 2999),
    st.integers(1, 99_999),
)


@given(st.lists(_printed, min_size=2, max_size=8, unique_by=lambda p: p[1:]))
def test_sort_keys_follow_date_chamber_year_and_number(printed: list[tuple[dt.date | None, Chamber, int, int]]) -> None:
    """`order_key` sorts publications as (date, chamber, parliamentary year, number) do, and two
    publications printed apart never share a key."""
    from kg.rdf import order_key

    docs = [Document(kind=Kind.ANSWER, chamber=c, session=f"{y}-{y + 1}", number=n, date_answered=d) for d, c, y, n in printed]
    keys = [order_key(d) for d in docs]
    assert len(set(keys)) == len(keys)
    assert all(0 <= k < 2**63 for k in keys)
    by_print = sorted(range(len(docs)), key=lambda i: (printed[i][0] or dt.date.min, printed[i][1] == Chamber.TWEEDE_KAMER, printed[i][2], printed[i][3]))
    assert sorted(range(len(docs)), key=keys.__getitem__) == by_print
