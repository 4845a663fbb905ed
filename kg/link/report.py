"""What linking did: per kind of item, how many were linked, ambiguous or left unlinked, and why.

>>> from kg.model import Document, Kind, Member, Link, PersonIds
>>> doc = Document(kind=Kind.QUESTIONS, source="a.txt", askers=(
...     Member("Ypma", "PvdA", ids=PersonIds(wikidata="Q1194971"), links=(Link("wikidata", "Q1194971", "person"),)),
...     Member("Van Dijk", None, links=(Link("unresolved", "ambiguous", "person", "2 members named 'Van Dijk'"),))))
>>> r = report([doc])
>>> r.counts()["asker"]
{'linked': 1, 'ambiguous': 1, 'unlinked': 0}
>>> r.lines()[-1]
"  ambiguous  asker         Van Dijk  (a.txt): 2 members named 'Van Dijk'"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.link.resolve import UNRESOLVED
from kg.model import Document, Link

__all__ = ["LinkItem", "LinkReport", "report"]

STATUSES = ("linked", "ambiguous", "unlinked")


@dataclass(frozen=True, slots=True)
class LinkItem:
    """One thing that was (or was not) linked."""

    document: str
    type: str
    label: str
    status: str
    detail: str


@dataclass(frozen=True, slots=True)
class LinkReport:
    """All link outcomes of a set of documents."""

    items: tuple[LinkItem, ...]
    documents: int = 0

    def counts(self) -> dict[str, dict[str, int]]:
        """{type: {"linked": n, "ambiguous": n, "unlinked": n}} in a stable order."""
        out: dict[str, dict[str, int]] = {}
        for it in self.items:
            row = out.setdefault(it.type, dict.fromkeys(STATUSES, 0))
            row[it.status] += 1
        return out

    def lines(self, details: bool = True) -> list[str]:
        """A table of counts per type, then every ambiguous and unlinked item with its reason."""
        out = [f"{self.documents} documents", f"{'type':<14}{'linked':>8}{'ambiguous':>11}{'unlinked':>10}"]
        for t, c in self.counts().items():
            out.append(f"{t:<14}{c['linked']:>8}{c['ambiguous']:>11}{c['unlinked']:>10}")
        if details:
            for it in self.items:
                if it.status != "linked":
                    out.append(f"  {it.status:<10} {it.type:<13} {it.label}  ({it.document}): {it.detail}")
        return out

    def to_record(self) -> dict[str, object]:
        """JSON-ready form (for `kg link --report --json`)."""
        return {
            "documents": self.documents,
            "counts": self.counts(),
            "items": [
                {"document": i.document, "type": i.type, "label": i.label, "status": i.status, "detail": i.detail}
                for i in self.items
            ],
        }


def _outcome(links: Iterable[Link], about: str = "person") -> tuple[str, str]:
    links = [x for x in links if x.about == about]
    good = [x for x in links if x.scheme != UNRESOLVED]
    if good:
        return "linked", ", ".join(f"{x.scheme}:{x.value}" for x in good) + f" [{good[0].method}]"
    bad = next((x for x in links if x.scheme == UNRESOLVED), None)
    if bad is None:
        return "unlinked", "not attempted (run the linking stage)"
    return ("ambiguous" if bad.value == "ambiguous" else "unlinked"), bad.method or bad.value


def report(docs: Iterable[Document]) -> LinkReport:
    """Collect the outcome of every asker, answerer, on-behalf-of official, addressee, ministry and entity."""
    items: list[LinkItem] = []
    n = 0
    for doc in docs:
        n += 1
        where = doc.source or doc.id or f"document {n}"
        for m in doc.askers:
            items.append(LinkItem(where, "asker", f"{m.name} ({m.party})" if m.party else m.name, *_outcome(m.links)))
        for kind, officials in (("answerer", doc.answerers), ("on_behalf_of", doc.on_behalf_of)):
            for o in officials:
                label = f"{o.role.value} {o.name or ''} ({o.portfolio or ''})".replace("  ", " ")
                items.append(LinkItem(where, kind, label, *_outcome(o.links)))
        for a in doc.addressees:
            label = f"{a.role.value} {a.portfolio or ''}".strip()
            items.append(LinkItem(where, "addressee", label, *_outcome(a.links)))
        ministries = {}
        for o in (*doc.answerers, *doc.on_behalf_of, *doc.addressees):
            if o.portfolio and any(x.about == "ministry" for x in o.links):
                ministries.setdefault(o.portfolio, o.links)
        for portfolio, links in ministries.items():
            items.append(LinkItem(where, "ministry", portfolio, *_outcome(links, "ministry")))
        for e in doc.entities:
            if e.links:
                items.append(
                    LinkItem(
                        where, str(e.type), e.label, *_outcome(e.links, "treaty" if str(e.type) == "TreatyArticle" else "self")
                    )
                )
    return LinkReport(tuple(items), n)
