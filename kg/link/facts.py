"""The small hand-written facts shipped with kg (kg/data/facts_*.tsv): ministries, parties, a few persons.

They make the demo link on a fresh machine and give every index the same ministry table (names by period,
TOOI and Wikidata ids), which imported sources cannot give reliably.

>>> m = ministries().resolve("Veiligheid en Justitie", dt.date(2014, 6, 25))
>>> m.version.name, m.version.tooi, m.method
('Veiligheid en Justitie', 'hv_04795600', 'name+date')
>>> m = ministries().resolve("Justitie en Veiligheid", dt.date(2014, 6, 25))
>>> m.version.name, m.method
('Veiligheid en Justitie', 'renamed')
>>> ministries().resolve("Financiën – Fiscaliteit en Belastingdienst", dt.date(2024, 6, 1)).post
'fiscaliteitenbelastingdienst'
>>> party_table().key_of("P.v.d.A."), party_table().key_of("GL-PvdA")
('pvda', 'glpvda')
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.link.names import NameParts, party_key, portfolio_key
from kg.link.records import Mandate, MinistryName, Party, parse_day

__all__ = ["FACTS_SOURCE", "Ministries", "MinistryMatch", "PartyTable", "fact_persons", "ministries", "party_table"]

FACTS_SOURCE = "kg-facts"


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    for row in csv.reader((line for line in text.splitlines() if line.strip() and not line.startswith("#")), delimiter="\t"):
        yield [c.strip() for c in row]


def _col(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


@dataclass(frozen=True, slots=True)
class MinistryMatch:
    """A portfolio resolved at a date: the ministry version then in use, how, and a special post if printed."""

    version: MinistryName
    method: str
    post: str | None = None


class Ministries:
    """Ministry names by period, looked up by any name, abbreviation or alias."""

    def __init__(self, names: Iterable[MinistryName]):
        self.names = tuple(names)
        self._by_key: dict[str, list[MinistryName]] = {}
        for m in self.names:
            for alias in (m.name, m.abbr, *m.aliases):
                k = portfolio_key(alias)
                if k and m not in self._by_key.setdefault(k, []):
                    self._by_key[k].append(m)
        self._keys_by_length = sorted(self._by_key, key=len, reverse=True)
        self.by_org = {m.polder_org: m for m in self.names if m.polder_org}

    def lineage_of_org(self, org_id: str | None) -> str | None:
        """The ministry line of a reference-data organisation id ('org:min-vws' → 'vws')."""
        m = self.by_org.get(org_id or "")
        return m.lineage if m else None

    def versions(self, lineage: str) -> list[MinistryName]:
        return [m for m in self.names if m.lineage == lineage]

    def at(self, lineage: str, day: dt.date | None) -> MinistryName | None:
        """The version of a ministry line in use on `day` (the current one when no day is given)."""
        versions = self.versions(lineage)
        if day is None:
            return next((m for m in versions if m.valid_until is None), versions[-1] if versions else None)
        return next((m for m in versions if m.valid_on(day)), None)

    def resolve(self, text: str | None, day: dt.date | None) -> MinistryMatch | None:
        """The ministry a printed portfolio names on `day`; None when it names no ministry (a 'Minister voor …' post)."""
        key = portfolio_key(text)
        if not key:
            return None
        post = None
        found = self._by_key.get(key)
        if not found:
            head = next((k for k in self._keys_by_length if len(k) >= 6 and key.startswith(k)), None)
            if head is None:
                return None
            found = self._by_key[head]
            dash = re.split(r"\s+[-\u2010-\u2015\u2212]\s+|\s*[\u2013\u2014]\s*", text or "", maxsplit=1)
            post = portfolio_key(dash[1]) if len(dash) == 2 else None
        lineages = {m.lineage for m in found}
        if len(lineages) != 1:
            return None
        lineage = lineages.pop()
        if day is None:
            return MinistryMatch(found[-1], "name", post)
        same = [m for m in found if m.valid_on(day)]
        if same:
            return MinistryMatch(same[0], "name+date", post)
        current = self.at(lineage, day)
        if current is not None:
            return MinistryMatch(current, "renamed", post)
        closest = min(found, key=lambda m: abs(((m.valid_from or day) - day).days))
        return MinistryMatch(closest, "name", post)


class PartyTable:
    """Parties and fracties with aliases: printed names → canonical keys and records."""

    def __init__(self, parties: Iterable[Party]):
        self.parties: dict[str, Party] = {}
        self._alias: dict[str, str] = {}
        for p in parties:
            self.add(p)

    def add(self, party: Party) -> None:
        """Add a party, merging it into a known one when a name or alias is shared."""
        keys = [party_key(a) for a in (party.key, party.name, party.short, *party.aliases) if a]
        known = next((self._alias[k] for k in keys if k in self._alias), None)
        if known is not None:
            old = self.parties[known]
            merged = Party(
                old.key,
                old.name or party.name,
                old.short or party.short,
                tuple(dict.fromkeys((*old.aliases, *party.aliases, party.name, party.short))),
                old.wikidata or party.wikidata,
                old.tk_fractie or party.tk_fractie,
                old.source or party.source,
            )
            self.parties[known] = merged
            key = known
        else:
            key = party.key or keys[0]
            self.parties[key] = party
        for k in keys:
            self._alias.setdefault(k, key)

    def key_of(self, text: str | None) -> str | None:
        """The canonical key of a printed party name; the plain key when the party is not known."""
        k = party_key(text)
        if not k:
            return None
        return self._alias.get(k, k)

    def get(self, text: str | None) -> Party | None:
        key = self.key_of(text)
        return self.parties.get(key) if key else None


@lru_cache(maxsize=1)
def ministries() -> Ministries:
    """The hand-written ministry table."""
    out = []
    for r in _rows("facts_ministries.tsv"):
        out.append(
            MinistryName(
                lineage=r[0],
                name=r[1],
                abbr=_col(r, 2),
                aliases=tuple(a for a in _col(r, 3).split("|") if a),
                valid_from=parse_day(_col(r, 4)),
                valid_until=parse_day(_col(r, 5)),
                tooi=_col(r, 6),
                wikidata=_col(r, 7),
                polder_org=_col(r, 8),
            )
        )
    return Ministries(out)


def fact_parties() -> list[Party]:
    """The hand-written party table."""
    return [
        Party(r[0], _col(r, 1), _col(r, 2), tuple(a for a in _col(r, 3).split("|") if a), _col(r, 4), source=FACTS_SOURCE)
        for r in _rows("facts_parties.tsv")
    ]


@lru_cache(maxsize=1)
def party_table() -> PartyTable:
    return PartyTable(fact_parties())


def fact_persons() -> list[tuple[dict[str, str], NameParts, Mandate]]:
    """The hand-written persons: (identifiers, name, one mandate) per row."""
    out = []
    table = party_table()
    for r in _rows("facts_persons.tsv"):
        ids = {"tk": r[0], "wikidata": _col(r, 1), "parlement": _col(r, 2)}
        name = NameParts(given=_col(r, 3), prefix=_col(r, 4), surname=_col(r, 5), initials=_col(r, 6).replace(".", ""))
        party = _col(r, 9) or None
        mandate = Mandate(
            kind=_col(r, 7),
            start=parse_day(_col(r, 10)),
            end=parse_day(_col(r, 11)),
            party=party,
            party_key=table.key_of(party),
            body=_col(r, 8) or None,
            source=FACTS_SOURCE,
        )
        out.append(({k: v for k, v in ids.items() if v}, name, mandate))
    return out
