"""The format-neutral document model: what every reader produces and every later stage consumes.

A `Document` is exactly the record of the contract (`kg parse FILE --json`), plus the character
spans that tie each field back to the text the reader saw (`Document.text`).

>>> doc = Document(kind=Kind.ANSWER, session="2013-2014", title="het bericht")
>>> doc.to_record()["kind"], doc.to_record()["askers"]
('answer', [])
>>> Document.from_record(doc.to_record()) == doc
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = [
    "Answer",
    "Chamber",
    "Claim",
    "Document",
    "Entity",
    "EntityType",
    "Footnote",
    "Kind",
    "Link",
    "Member",
    "Office",
    "Official",
    "PersonIds",
    "Question",
    "Role",
    "SeeAlso",
    "Span",
]


class Kind(StrEnum):
    """What the publication is: answered questions, open questions, or a notice (Mededeling)."""

    ANSWER = "answer"
    QUESTIONS = "questions"
    NOTICE = "notice"


class Chamber(StrEnum):
    """The chamber whose members asked ("Tweede Kamer" / "Eerste Kamer"), verbatim."""

    TWEEDE_KAMER = "Tweede Kamer"
    EERSTE_KAMER = "Eerste Kamer"


class Role(StrEnum):
    """A government office as printed in the heading (Dutch, verbatim)."""

    MINISTER = "Minister"
    STAATSSECRETARIS = "Staatssecretaris"
    MINISTER_PRESIDENT = "Minister-President"


class EntityType(StrEnum):
    """What an entity mention names (contract `entities[].type`)."""

    ORGANISATION = "Organisation"
    REPORT = "Report"
    PROGRAMME = "Programme"
    LAW = "Law"
    TREATY = "Treaty"
    TREATY_ARTICLE = "TreatyArticle"
    PARLIAMENTARY_DOCUMENT = "ParliamentaryDocument"
    MEDIA_ITEM = "MediaItem"
    PERSON = "Person"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range `[start, end)` into `Document.text`.

    >>> Span(3, 7).slice("de Kinderombudsman")
    'Kind'
    """

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    @staticmethod
    def cover(spans: list[Span | None]) -> Span | None:
        """The smallest span holding all given spans (None when there are none)."""
        real = [s for s in spans if s is not None]
        if not real:
            return None
        return Span(min(s.start for s in real), max(s.end for s in real))


@dataclass(frozen=True, slots=True)
class PersonIds:
    """External identifiers of a person (filled by the linking stage)."""

    tk: str | None = None
    wikidata: str | None = None
    parlement: str | None = None

    def to_record(self) -> dict[str, str | None]:
        return {"tk": self.tk, "wikidata": self.wikidata, "parlement": self.parlement}

    def __bool__(self) -> bool:
        return any((self.tk, self.wikidata, self.parlement))


@dataclass(frozen=True, slots=True)
class Link:
    """An external identifier given to something, with how it was found.

    `scheme` names the identifier system: "wikidata" (QID), "tk" (Tweede Kamer Open Data GUID),
    "tk-fractie", "parlement" (parlement.com), "tooi" (organisation IRI), "bwb" (law id),
    "owms", "ob" (officielebekendmakingen id). `about` says what is linked when a record carries
    more than one thing ("person", "party", "ministry", "post"). `method` is e.g. "exact-name+date",
    `source` the reference data set, `confidence` 0..1.

    >>> Link("wikidata", "Q1194971", method="name+party+date", source="polder").value
    'Q1194971'
    """

    scheme: str
    value: str
    about: str = "self"
    method: str = ""
    source: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Member:
    """A member of parliament who asked: name as printed (surname with tussenvoegsel) and party."""

    name: str
    party: str | None = None
    span: Span | None = field(default=None, compare=False)
    ids: PersonIds | None = None
    links: tuple[Link, ...] = field(default=(), compare=False)

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"name": self.name, "party": self.party}
        if self.ids:
            rec["ids"] = self.ids.to_record()
        return rec


@dataclass(frozen=True, slots=True)
class Office:
    """An office addressed by the questions: role and portfolio (without "van"/"voor")."""

    role: Role
    portfolio: str | None = None
    span: Span | None = field(default=None, compare=False)
    links: tuple[Link, ...] = field(default=(), compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"role": str(self.role), "portfolio": self.portfolio}


@dataclass(frozen=True, slots=True)
class Official:
    """A person in office who answered, or on whose behalf was answered; name None when not printed."""

    name: str | None
    role: Role
    portfolio: str | None = None
    span: Span | None = field(default=None, compare=False)
    ids: PersonIds | None = None
    links: tuple[Link, ...] = field(default=(), compare=False)

    @property
    def office(self) -> Office:
        return Office(self.role, self.portfolio)

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"name": self.name, "role": str(self.role), "portfolio": self.portfolio}
        if self.ids:
            rec["ids"] = self.ids.to_record()
        return rec


@dataclass(frozen=True, slots=True)
class SeeAlso:
    """A "Zie ook" cross-reference to another Aanhangsel publication."""

    session: str | None
    number: int | None
    kind: str = "aanhangsel"
    span: Span | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"kind": self.kind, "session": self.session, "number": self.number}


@dataclass(frozen=True, slots=True)
class Question:
    """A numbered question; `text` is cleaned (de-hyphenated, markers removed, paragraphs by blank line)."""

    number: int
    text: str
    span: Span | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer with the numbers of the questions it answers ("Antwoord 3, 4 en 5" → (3, 4, 5))."""

    questions: tuple[int, ...]
    text: str
    span: Span | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"questions": list(self.questions), "text": self.text}


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its number, cleaned text and the URLs in it (rejoined when broken over lines)."""

    number: int
    text: str
    urls: tuple[str, ...] = ()
    span: Span | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "urls": list(self.urls)}


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention of something the text names.

    `where` is the place ("title", "question 3", "answer 2", "footnote 1"); `start`/`end` are
    offsets into the text of that place (the cleaned text kept in the record), so that
    `place_text[start:end] == surface`. `key` identifies the thing across documents.
    """

    type: EntityType
    label: str
    where: str
    surface: str = field(default="", compare=False)
    start: int | None = field(default=None, compare=False)
    end: int | None = field(default=None, compare=False)
    key: str | None = field(default=None, compare=False)
    attrs: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    links: tuple[Link, ...] = field(default=(), compare=False)

    def to_record(self) -> dict[str, Any]:
        return {"type": str(self.type), "label": self.label, "where": self.where}


@dataclass(frozen=True, slots=True)
class Claim:
    """A number an answer states ("52% van de gemeenten"): value, unit, what it counts, where, source.

    `source_key` is the `Entity.key` of the source named in the same sentence, when there is one.
    """

    value: float
    unit: str
    counts: str
    sentence: str
    where: str
    start: int
    end: int
    source_key: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One written-question publication (contract record plus spans and reading metadata)."""

    kind: Kind
    id: str | None = None
    chamber: Chamber | None = Chamber.TWEEDE_KAMER
    session: str | None = None
    number: int | None = None
    zaak: str | None = None
    title: str | None = None
    date_submitted: dt.date | None = None
    date_answered: dt.date | None = None
    askers: tuple[Member, ...] = ()
    addressees: tuple[Office, ...] = ()
    answerers: tuple[Official, ...] = ()
    on_behalf_of: tuple[Official, ...] = ()
    see_also: tuple[SeeAlso, ...] = ()
    questions: tuple[Question, ...] = ()
    answers: tuple[Answer, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    entities: tuple[Entity, ...] = ()
    source: str | None = None
    # Beyond the contract record: claims, links, spans and reading metadata.
    claims: tuple[Claim, ...] = field(default=(), compare=False)
    links: tuple[Link, ...] = field(default=(), compare=False)
    text: str = field(default="", compare=False, repr=False)
    title_span: Span | None = field(default=None, compare=False)
    reader: str | None = field(default=None, compare=False)
    sha256: str | None = field(default=None, compare=False)
    identifiers: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def replace(self, **changes: Any) -> Document:
        """A copy with some fields changed (documents are immutable)."""
        return replace(self, **changes)

    def place_text(self, where: str) -> str | None:
        """The cleaned text of a place named like `Entity.where` ("title", "answer 2", "footnote 1").

        For answers the place is numbered by position ("answer 3" is the third answer block).
        """
        if where == "title":
            return self.title
        kind, _, num = where.partition(" ")
        if not num.isdigit():
            return None
        n = int(num)
        if kind == "question":
            return next((q.text for q in self.questions if q.number == n), None)
        if kind == "answer":
            return self.answers[n - 1].text if 0 < n <= len(self.answers) else None
        if kind == "footnote":
            return next((f.text for f in self.footnotes if f.number == n), None)
        return None

    def places(self) -> list[tuple[str, str]]:
        """Every text place in reading order: ("title", text), ("question 1", text), …"""
        out: list[tuple[str, str]] = []
        if self.title:
            out.append(("title", self.title))
        out += [(f"question {q.number}", q.text) for q in self.questions]
        out += [(f"answer {i}", a.text) for i, a in enumerate(self.answers, 1)]
        out += [(f"footnote {f.number}", f.text) for f in self.footnotes]
        return out

    def to_record(self) -> dict[str, Any]:
        """The contract record (all keys present, JSON-ready)."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "chamber": str(self.chamber) if self.chamber else None,
            "session": self.session,
            "number": self.number,
            "zaak": self.zaak,
            "title": self.title,
            "date_submitted": self.date_submitted.isoformat() if self.date_submitted else None,
            "date_answered": self.date_answered.isoformat() if self.date_answered else None,
            "askers": [m.to_record() for m in self.askers],
            "addressees": [o.to_record() for o in self.addressees],
            "answerers": [o.to_record() for o in self.answerers],
            "on_behalf_of": [o.to_record() for o in self.on_behalf_of],
            "see_also": [s.to_record() for s in self.see_also],
            "questions": [q.to_record() for q in self.questions],
            "answers": [a.to_record() for a in self.answers],
            "footnotes": [f.to_record() for f in self.footnotes],
            "entities": [e.to_record() for e in self.entities],
            "source": self.source,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        """Rebuild a document from a contract record (spans and reading metadata are lost)."""

        def date(v: str | None) -> dt.date | None:
            return dt.date.fromisoformat(v) if v else None

        def ids(v: dict[str, Any] | None) -> PersonIds | None:
            return PersonIds(v.get("tk"), v.get("wikidata"), v.get("parlement")) if v else None

        return cls(
            id=rec.get("id"),
            kind=Kind(rec["kind"]),
            chamber=Chamber(rec["chamber"]) if rec.get("chamber") else None,
            session=rec.get("session"),
            number=rec.get("number"),
            zaak=rec.get("zaak"),
            title=rec.get("title"),
            date_submitted=date(rec.get("date_submitted")),
            date_answered=date(rec.get("date_answered")),
            askers=tuple(Member(m["name"], m.get("party"), ids=ids(m.get("ids"))) for m in rec.get("askers") or []),
            addressees=tuple(Office(Role(o["role"]), o.get("portfolio")) for o in rec.get("addressees") or []),
            answerers=tuple(
                Official(o.get("name"), Role(o["role"]), o.get("portfolio"), ids=ids(o.get("ids")))
                for o in rec.get("answerers") or []
            ),
            on_behalf_of=tuple(
                Official(o.get("name"), Role(o["role"]), o.get("portfolio"), ids=ids(o.get("ids")))
                for o in rec.get("on_behalf_of") or []
            ),
            see_also=tuple(SeeAlso(s.get("session"), s.get("number"), s.get("kind", "aanhangsel")) for s in rec.get("see_also") or []),
            questions=tuple(Question(q["number"], q["text"]) for q in rec.get("questions") or []),
            answers=tuple(Answer(tuple(a["questions"]), a["text"]) for a in rec.get("answers") or []),
            footnotes=tuple(Footnote(f["number"], f["text"], tuple(f.get("urls") or ())) for f in rec.get("footnotes") or []),
            entities=tuple(Entity(EntityType(e["type"]), e["label"], e["where"]) for e in rec.get("entities") or []),
            source=rec.get("source"),
        )

