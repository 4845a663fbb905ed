"""The records of the reference index: persons with dated mandates, ministries by name and period, parties, sources.

>>> m = Mandate("tk", dt.date(2012, 9, 20), dt.date(2017, 3, 22), party="PvdA", party_key="pvda")
>>> m.covers(dt.date(2014, 5, 23)), m.covers(dt.date(2017, 3, 23)), m.covers(dt.date(2017, 3, 23), slack=7)
(True, False, True)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kg.link.names import NameParts

__all__ = ["GOVERNMENT", "KINDS", "Mandate", "MinistryName", "OrgRecord", "Party", "Person", "SourceInfo", "parse_day"]

# mandate kinds: members of the chambers, government posts, and party membership (dated or not)
KINDS = ("tk", "ek", "minister", "staatssecretaris", "mp", "party")
GOVERNMENT = frozenset({"minister", "staatssecretaris", "mp"})


def parse_day(value: object) -> dt.date | None:
    """A date from '2014-05-23', '2014-05-23T00:00:00+02:00', '+2014-05-23T00:00:00Z' or '2014'; None otherwise.

    >>> parse_day("2012-09-20T00:00:00+02:00"), parse_day("+1994-08-22T00:00:00Z"), parse_day("1999")
    (datetime.date(2012, 9, 20), datetime.date(1994, 8, 22), datetime.date(1999, 1, 1))
    >>> parse_day("13/10/10"), parse_day(None)
    (datetime.date(2010, 10, 13), None)
    """
    if value is None:
        return None
    s = str(value).strip().lstrip("+")
    if not s:
        return None
    try:
        if len(s) >= 10 and s[4] == "-":
            return dt.date.fromisoformat(s[:10])
        if len(s) == 4 and s.isdigit():
            return dt.date(int(s), 1, 1)
        if s.count("/") == 2:  # dd/mm/yy or dd/mm/yyyy
            d, m, y = (int(p) for p in s.split("/"))
            y = y + (2000 if y < 50 else 1900) if y < 100 else y
            return dt.date(y, m, d)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class Mandate:
    """A dated position: member of a chamber (with fractie), a government post (with ministry line), or party."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    party: str | None = None
    party_key: str | None = None
    body: str | None = None
    post: str | None = None
    label: str | None = None
    source: str = ""

    def covers(self, day: dt.date, slack: int = 0) -> bool:
        """Whether the mandate runs on `day` (inclusive), widened by `slack` days on both sides."""
        pad = dt.timedelta(days=slack)
        if self.start and day < self.start - pad:
            return False
        return not (self.end and day > self.end + pad)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the mandate runs at some day in [first, last]."""
        return not ((self.start and last < self.start) or (self.end and first > self.end))


@dataclass(slots=True)
class Person:
    """One person after merging all sources: identifiers, name variants, mandates."""

    pid: int
    tk: str | None = None
    wikidata: str | None = None
    parlement: str | None = None
    names: tuple[NameParts, ...] = ()
    given_names: tuple[str, ...] = ()
    initials: str = ""
    birth: int | None = None
    mandates: tuple[Mandate, ...] = ()
    id_sources: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A readable name: 'Loes Ypma'."""
        n = self.names[0] if self.names else NameParts()
        given = (self.given_names[0] if self.given_names else n.given) or n.initials
        return " ".join(p for p in (given, n.prefix, n.surname) if p) or f"person {self.pid}"

    def has_ids(self) -> bool:
        return bool(self.tk or self.wikidata or self.parlement)


@dataclass(frozen=True, slots=True)
class MinistryName:
    """A ministry under one name for one period (a row of facts_ministries.tsv or an imported organisation)."""

    lineage: str
    name: str
    abbr: str = ""
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    tooi: str = ""
    wikidata: str = ""
    polder_org: str = ""

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_until is None or day < self.valid_until)

    @property
    def tooi_iri(self) -> str:
        if not self.tooi or self.tooi.startswith("http"):
            return self.tooi
        return f"https://identifier.overheid.nl/tooi/id/ministerie/{self.tooi}"


@dataclass(frozen=True, slots=True)
class Party:
    """A party or fractie with its aliases and identifiers."""

    key: str
    name: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    wikidata: str = ""
    tk_fractie: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class OrgRecord:
    """An organisation of the reference data with its identifiers (TOOI IRI, Wikidata, OWMS)."""

    oid: str
    name: str
    abbr: str = ""
    tooi: str = ""
    wikidata: str = ""
    owms: str = ""
    kind: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One imported file: what it is, where it came from, under which licence (for the provenance graph)."""

    id: str
    path: str
    format: str
    rows: int = 0
    sha256: str = ""
    repo: str = ""
    commit: str = ""
    licence: str = ""
    retrieved: str = ""
    url: str = ""
    note: str = ""
