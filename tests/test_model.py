"""The contract record round-trips through the model."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kg.model import Answer, Document, Footnote, Kind, Member, Office, Official, Question, Role, SeeAlso

CONTRACT_KEYS = [
    "id", "kind", "chamber", "session", "number", "zaak", "title", "date_submitted", "date_answered", "askers",
    "addressees", "answerers", "on_behalf_of", "see_also", "questions", "answers", "footnotes", "entities", "source",
]  # fmt: skip

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    n = draw(st.integers(0, 5))
    questions = tuple(Question(i + 1, draw(text)) for i in range(n))
    answers = tuple(Answer((q.number,), draw(text)) for q in questions)
    return Document(
        kind=draw(st.sampled_from(list(Kind))),
        id=draw(st.none() | st.just("ah-tk-20132014-2290")),
        session=draw(st.none() | st.just("2013-2014")),
        number=draw(st.none() | st.integers(1, 5000)),
        title=draw(st.none() | text),
        askers=tuple(Member(draw(text), draw(st.none() | text)) for _ in range(draw(st.integers(0, 3)))),
        addressees=(Office(Role.MINISTER, draw(text)),),
        answerers=(Official(draw(text), Role.STAATSSECRETARIS, draw(text)),),
        see_also=(SeeAlso("2013-2014", 2290),),
        questions=questions,
        answers=answers,
        footnotes=(Footnote(1, "x http://a.nl/b", ("http://a.nl/b",)),),
    )


@given(documents())
def test_record_round_trip(doc: Document) -> None:
    rec = doc.to_record()
    assert list(rec) == CONTRACT_KEYS
    again = Document.from_record(json.loads(json.dumps(rec)))
    assert again == doc
    assert again.to_record() == rec
