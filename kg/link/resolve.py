"""Time-aware linking: who a printed name or office was on the date of the document, and which organisation.

"Ypma (PvdA)" asking on 2014-05-23 is the PvdA member sitting then; "Staatssecretaris van Volksgezondheid,
Welzijn en Sport" answering on 2014-06-25 is Van Rijn, also when the text names no one; "Veiligheid en Justitie"
is the ministry of that name then (its TOOI id), not today's Justitie en Veiligheid. Nothing is linked on a
guess: when two persons fit, the item stays unlinked and says why (a `Link` with scheme "unresolved").

>>> from kg.model import Document, Kind, Member, Official, Role
>>> import datetime as dt
>>> doc = Document(kind=Kind.ANSWER, date_submitted=dt.date(2014, 5, 23), date_answered=dt.date(2014, 6, 25),
...     askers=(Member("Ypma", "PvdA"),), answerers=(Official("Van Rijn", Role.STAATSSECRETARIS, "Volksgezondheid, Welzijn en Sport"),),
...     on_behalf_of=(Official(None, Role.STAATSSECRETARIS, "Veiligheid en Justitie"),))
>>> out = link(doc, None)
>>> out.askers[0].ids.wikidata, out.answerers[0].ids.wikidata, out.on_behalf_of[0].ids.wikidata
('Q1194971', 'Q800091', 'Q2150230')
>>> [(x.scheme, x.value) for x in out.on_behalf_of[0].links if x.about == "ministry"]
[('tooi', 'https://identifier.overheid.nl/tooi/id/ministerie/hv_04795600'), ('wikidata', 'Q1041343')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.iris import ministry_of
from kg.link.facts import FACTS_SOURCE, MinistryMatch
from kg.link.names import compact, given_compatible, portfolio_key, printed_variants, reference_keys
from kg.link.records import GOVERNMENT, Mandate, MinistryName, OrgRecord, Person
from kg.link.refdata import RefIndex
from kg.model import Document, Entity, EntityType, Link, Member, Office, Official, PersonIds, Role

__all__ = ["UNRESOLVED", "Resolution", "facts_index", "is_resolved", "link"]

UNRESOLVED = "unresolved"
SLACK_DAYS = 14


def is_resolved(x: Link) -> bool:
    """False for the marker links that say why something stayed unlinked."""
    return x.scheme != UNRESOLVED


@lru_cache(maxsize=1)
def facts_index() -> RefIndex:
    """The index of the hand-written facts (used when no reference index is installed)."""
    return RefIndex.from_facts()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one person: who, how sure, or why not."""

    person: Person | None = None
    method: str = ""
    confidence: float = 0.0
    status: str = "not-found"  # linked | ambiguous | not-found | no-date | no-identifiers
    reason: str = ""

    @property
    def linked(self) -> bool:
        return self.status == "linked"


@dataclass(frozen=True, slots=True)
class Window:
    """The day (or, without a date, the session) a role must cover."""

    first: dt.date
    last: dt.date

    @property
    def exact(self) -> bool:
        return self.first == self.last

    def covered_by(self, m: Mandate, slack: int = 0) -> bool:
        if self.exact:
            return m.covers(self.first, slack)
        return m.overlaps(self.first, self.last)

    def __str__(self) -> str:
        return self.first.isoformat() if self.exact else f"{self.first.isoformat()}..{self.last.isoformat()}"


def _session_window(session: str | None) -> Window | None:
    m = re.fullmatch(r"(\d{4})-(\d{4})", session or "")
    if not m:
        return None
    return Window(dt.date(int(m.group(1)), 9, 1), dt.date(int(m.group(2)), 9, 30))


def _window(*days: dt.date | None, session: str | None = None) -> Window | None:
    day = next((d for d in days if d), None)
    return Window(day, day) if day else _session_window(session)


# --- candidates by name ---------------------------------------------------------------------------


def _by_name(idx: RefIndex, name: str) -> list[tuple[int, list[Person]]]:
    """Candidates for a printed name, grouped by strength (3 first), each checked against a printed given name."""
    best: dict[int, int] = {}
    persons = idx.persons
    for v in printed_variants(name):
        for pid, strength in idx.candidates(v.key).items():
            p = persons[pid]
            fit = given_compatible(v.given, p.given_names or tuple(n.given for n in p.names if n.given), p.initials)
            if fit is False:
                continue
            if v.initials and p.initials and v.initials[0] != p.initials[0]:
                continue
            level = min(v.strength, strength)
            if level > best.get(pid, 0):
                best[pid] = level
    out = []
    for level in (3, 2, 1):
        group = [persons[pid] for pid, lv in best.items() if lv == level]
        if group:
            out.append((level, group))
    return out


def _same_person(a: Person, b: Person) -> bool:
    """Two index entries that are one person seen by sources that share no identifier."""
    for x, y in ((a.tk, b.tk), (a.wikidata, b.wikidata), (a.parlement, b.parlement)):
        if x and y and x != y:
            return False
    keys_a = {k for n in a.names for k, s in reference_keys(n) if s == 3}
    keys_b = {k for n in b.names for k, s in reference_keys(n) if s == 3}
    if not keys_a & keys_b:
        return False
    if a.birth and b.birth and abs(a.birth - b.birth) > 1:
        return False
    ga = {compact(g.split()[0]) for g in a.given_names if g.strip()} - {""}
    gb = {compact(g.split()[0]) for g in b.given_names if g.strip()} - {""}
    if ga and gb:
        return any(x.startswith(y) or y.startswith(x) for x in ga for y in gb)
    la = {g[0] for g in ga} | ({a.initials[0].lower()} if a.initials else set())
    lb = {g[0] for g in gb} | ({b.initials[0].lower()} if b.initials else set())
    if la and lb:
        return bool(la & lb)
    # nothing to compare: only a record without any identifier can be a mere duplicate
    return not (a.has_ids() and b.has_ids())


def _merge_same(people: list[Person]) -> Person | None:
    """One person when all candidates are the same person (identifiers united), else None."""
    uniq = list({p.pid: p for p in people}.values())
    if len(uniq) == 1:
        return uniq[0]
    if not all(_same_person(a, b) for i, a in enumerate(uniq) for b in uniq[i + 1 :]):
        return None
    tk = next((p.tk for p in uniq if p.tk), None)
    wd = next((p.wikidata for p in uniq if p.wikidata), None)
    pc = next((p.parlement for p in uniq if p.parlement), None)
    src: dict[str, str] = {}
    for p in uniq:
        for k, v in p.id_sources.items():
            src.setdefault(k, v)
    base = uniq[0]
    return Person(base.pid, tk, wd, pc, base.names, base.given_names, base.initials, base.birth, base.mandates, src)


def _labels(people: Iterable[Person]) -> str:
    return ", ".join(sorted({f"{p.label} ({p.wikidata or p.tk or 'no id'})" for p in people}))


# --- members of parliament ------------------------------------------------------------------------


def _parties_on(p: Person, kinds: frozenset[str], when: Window, slack: int) -> set[str]:
    seats = {m.party_key for m in p.mandates if m.kind in kinds and m.party_key and when.covered_by(m, slack)}
    if seats:
        return seats
    return {m.party_key for m in p.mandates if m.kind == "party" and m.party_key and when.covered_by(m, slack)}


def resolve_member(idx: RefIndex, name: str, party: str | None, chamber: str, when: Window | None) -> Resolution:
    """The member of `chamber` ("tk"/"ek") printed as `name (party)` who sat in the window."""
    if when is None:
        return Resolution(status="no-date", reason="the document gives no date or session")
    kinds = frozenset({chamber})
    pkey = idx.parties.key_of(party) if party else None
    # where the reference data knows few of the members of the day, only a confirmed party singles one out
    sparse = idx.path is not None and idx.coverage(chamber, when.first) < idx.min_coverage
    groups = _by_name(idx, name)
    for slack in (0, SLACK_DAYS):
        for level, people in groups:
            sitting = [p for p in people if any(m.kind == chamber and when.covered_by(m, slack) for m in p.mandates)]
            if not sitting:
                continue
            confirmed = [p for p in sitting if pkey and pkey in _parties_on(p, kinds, when, slack)]
            if confirmed:
                pool, method, conf = confirmed, "name+party+date", 1.0
            elif sparse:
                return Resolution(status="not-found", reason=_sparse_reason(idx, chamber, when, sitting))
            elif pkey:
                pool, method, conf = [p for p in sitting if not _parties_on(p, kinds, when, slack)], "name+date", 0.85
                if not pool:
                    parties = sorted({k for p in sitting for k in _parties_on(p, kinds, when, slack)})
                    return Resolution(
                        status="not-found", reason=f"{_labels(sitting)} sat on {when} for {', '.join(parties)}, not {party}"
                    )
            else:
                pool, method, conf = sitting, "name+date", 0.9
            one = _merge_same(pool)
            if one is None:
                return Resolution(status="ambiguous", reason=f"{len(pool)} members named {name!r} on {when}: {_labels(pool)}")
            if level < 3:
                method, conf = method.replace("name", "name-variant", 1), conf - 0.05
            if slack:
                method, conf = method + "±" + str(slack) + "d", conf - 0.1
            if not when.exact:
                method, conf = method.replace("date", "session"), conf - 0.05
            return _found(one, method, conf)
    if pkey and not sparse:
        fuzzy = _fuzzy(
            idx,
            name,
            lambda p: (
                any(m.kind == chamber and when.covered_by(m) for m in p.mandates) and pkey in _parties_on(p, kinds, when, 0)
            ),
        )
        if fuzzy is not None:
            return fuzzy
    house = "Tweede" if chamber == "tk" else "Eerste"
    return Resolution(
        status="not-found", reason=f"no {house} Kamer member {name!r}" + (f" ({party})" if party else "") + f" on {when}"
    )


def _found(one: Person, method: str, conf: float) -> Resolution:
    if one.has_ids():
        return Resolution(one, method, round(conf, 2), "linked")
    return Resolution(one, method, round(conf, 2), "no-identifiers", f"{one.label} has no identifiers in the reference data")


def _sparse_reason(idx: RefIndex, chamber: str, when: Window, sitting: list[Person]) -> str:
    share = idx.coverage(chamber, when.first)
    return f"the reference data knows {share:.0%} of the members on {when}: {_labels(sitting)} fits the name, but no recorded party confirms it"


def _near(a: str, b: str) -> bool:
    """Spellings one edit apart (two for long names): OCR noise, a dropped or doubled letter.

    >>> _near("ypsllon", "ypsilon"), _near("blauw", "blaauw"), _near("jansen", "janssen"), _near("dijk", "dik")
    (True, True, True, False)
    """
    limit = 2 if min(len(a), len(b)) >= 9 else 1
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def _fuzzy(idx: RefIndex, name: str, ok: object) -> Resolution | None:
    """One person with a near spelling (OCR noise: 'Blaauw'/'Blauw'), when exactly one fits the other evidence."""
    keys = [v.key for v in printed_variants(name) if v.strength == 3 and len(v.key) >= 5]
    if not keys:
        return None
    hits: list[Person] = []
    for p in idx.persons.values():
        if not ok(p):  # type: ignore[operator]
            continue
        ref = [k for n in p.names for k, s in reference_keys(n) if s >= 2]
        if any(_near(a, b) for a in keys for b in ref):
            hits.append(p)
    one = _merge_same(hits) if hits else None
    if one is None or not one.has_ids():
        return None
    return Resolution(one, "fuzzy-name+party+date", 0.75, "linked")


# --- government ----------------------------------------------------------------------------------

_ROLE_KINDS = {
    Role.MINISTER: frozenset({"minister", "mp"}),
    Role.STAATSSECRETARIS: frozenset({"staatssecretaris"}),
    Role.MINISTER_PRESIDENT: frozenset({"mp"}),
}


@dataclass(frozen=True, slots=True)
class OfficeKey:
    """A printed office resolved to what mandates record: ministry line and/or special post."""

    role: Role
    ministry: MinistryMatch | None
    post: str | None

    def fits(self, m: Mandate) -> bool | None:
        """True when the mandate is this office, False when it is another, None when the office is unclear."""
        if m.kind not in _ROLE_KINDS[self.role] and not (
            self.role == Role.MINISTER_PRESIDENT and m.kind == "minister" and m.body == "az"
        ):
            return False
        if self.role == Role.MINISTER_PRESIDENT:
            return True
        if self.ministry is not None:
            if m.body != self.ministry.version.lineage:
                return (m.kind == "mp" and self.ministry.version.lineage == "az") or False
            if self.post:
                return None if not m.post else _post_fits(self.post, m.post)
            return not (self.role == Role.MINISTER and m.post)  # the minister of X, not a minister for a post within X
        if self.post:
            return bool(m.post) and _post_fits(self.post, m.post)
        return None


def _post_fits(printed: str, recorded: str) -> bool:
    return printed == recorded or recorded.startswith(printed) or printed.startswith(recorded)


def office_key(idx: RefIndex, role: Role, portfolio: str | None, day: dt.date | None) -> OfficeKey:
    m = idx.ministries.resolve(portfolio, day) if portfolio else None
    post = m.post if m else (portfolio_key(portfolio) or None)
    return OfficeKey(role, m, post)


def _gov_on(p: Person, when: Window, slack: int) -> list[Mandate]:
    return [m for m in p.mandates if m.kind in GOVERNMENT and when.covered_by(m, slack)]


def _firm(idx: RefIndex, p: Person, m: Mandate, when: Window) -> bool:
    """Whether a government mandate is good evidence for the day: the person has identifiers, and the post
    started in the sitting cabinet or another record of the same post confirms it."""
    if not p.has_ids():
        return False
    if not when.exact or m.start is None:
        return True
    formed = idx.cabinet_start(when.first)
    if formed is None or m.start >= formed:
        return True
    return any(
        o is not m and o.kind == m.kind and o.body == m.body and o.source != m.source and when.covered_by(o) for o in p.mandates
    )


def _prefer_firm(idx: RefIndex, people: list[Person], when: Window, slack: int, fits: object = None) -> list[Person]:
    """The candidates whose government post is firm evidence, when there are any; else all."""
    firm = [p for p in people if any(_firm(idx, p, m, when) for m in _gov_on(p, when, slack) if fits is None or fits(m))]  # type: ignore[operator]
    return firm or people


def resolve_official(idx: RefIndex, name: str | None, office: OfficeKey, when: Window | None) -> Resolution:
    """The person in government printed as `role name (portfolio)`, or holding the office when no name is printed."""
    if when is None:
        return Resolution(status="no-date", reason="the document gives no date or session")
    if not name:
        return _office_holder(idx, office, when)
    groups = _by_name(idx, name)
    for slack in (0, SLACK_DAYS):
        for level, people in groups:
            in_gov = [p for p in people if _gov_on(p, when, slack)]
            if not in_gov:
                continue
            same_role = [p for p in in_gov if any(m.kind in _ROLE_KINDS[office.role] for m in _gov_on(p, when, slack))]
            if same_role:
                pool, method, conf = same_role, "name+role+date", 1.0
            else:
                # printed as minister while recorded as staatssecretaris of the same ministry (a change of cabinet)
                lineage = office.ministry.version.lineage if office.ministry else None
                pool = [p for p in in_gov if lineage and any(m.body == lineage for m in _gov_on(p, when, slack))]
                method, conf = "name+ministry+date", 0.85
                if not pool:
                    continue
            one = _merge_same(pool) or _merge_same(_prefer_firm(idx, pool, when, slack))
            if one is None:
                exact = [p for p in pool if any(office.fits(m) for m in _gov_on(p, when, slack))]
                one = _merge_same(exact) if exact else None
                method = "name+office+date"
            if one is None:
                return Resolution(
                    status="ambiguous", reason=f"{len(pool)} persons named {name!r} in government on {when}: {_labels(pool)}"
                )
            if level < 3:
                method, conf = method.replace("name", "name-variant", 1), conf - 0.05
            if slack:
                method, conf = method + f"±{slack}d", conf - 0.1
            if not when.exact:
                method, conf = method.replace("date", "session"), conf - 0.05
            return _found(one, method, conf)
    fuzzy = _fuzzy(idx, name, lambda p: any(office.fits(m) for m in _gov_on(p, when, 0)))
    if fuzzy is not None:
        return replace(fuzzy, method="fuzzy-name+office+date")
    return Resolution(status="not-found", reason=f"no {office.role.value.lower()} {name!r} in government on {when}")


def _office_holder(idx: RefIndex, office: OfficeKey, when: Window) -> Resolution:
    if office.ministry is None and not office.post and office.role != Role.MINISTER_PRESIDENT:
        return Resolution(status="not-found", reason="no portfolio printed")
    for slack in (0, SLACK_DAYS):
        holders = list({p.pid: p for p, m in idx.government if office.fits(m) and when.covered_by(m, slack)}.values())
        if not holders:
            continue
        holders = _prefer_firm(idx, holders, when, slack, office.fits)
        one = _merge_same(holders)
        what = f"{office.role.value}" + (
            f" van {office.ministry.version.name}" if office.ministry else f" voor {office.post}" if office.post else ""
        )
        if one is None:
            return Resolution(status="ambiguous", reason=f"{len(holders)} holders of {what} on {when}: {_labels(holders)}")
        method, conf = "office+date", 0.9
        if slack:
            method, conf = method + f"±{slack}d", conf - 0.1
        if not when.exact:
            method, conf = "office+session", conf - 0.05
        return _found(one, method, conf)
    return Resolution(
        status="not-found",
        reason=f"no holder of {office.role.value} {office.ministry.version.name if office.ministry else office.post or ''} on {when} in the reference data",
    )


# --- links ----------------------------------------------------------------------------------------


def _unresolved(about: str, r: Resolution) -> Link:
    return Link(UNRESOLVED, r.status, about=about, method=r.reason, confidence=0.0)


def _person_links(idx: RefIndex, r: Resolution, about: str = "person") -> tuple[Link, ...]:
    p = r.person
    if p is None or not r.linked:
        return (_unresolved(about, r),)
    out = []
    for scheme, value in (("tk", p.tk), ("wikidata", p.wikidata), ("parlement", p.parlement)):
        if value:
            out.append(Link(scheme, value, about, r.method, idx.source_name(p.id_sources.get(scheme, "")), r.confidence))
    return tuple(out)


def _ids(r: Resolution) -> PersonIds | None:
    p = r.person
    if p is None or not r.linked:
        return None
    return PersonIds(p.tk, p.wikidata, p.parlement)


def _party_links(idx: RefIndex, party: str | None) -> tuple[Link, ...]:
    rec = idx.parties.get(party) if party else None
    if rec is None:
        return ()
    out = []
    if rec.wikidata:
        out.append(Link("wikidata", rec.wikidata, "party", "party-name", idx.source_name(rec.source), 0.95))
    if rec.tk_fractie:
        out.append(Link("tk-fractie", rec.tk_fractie, "party", "party-name", idx.source_name(rec.source), 0.95))
    return tuple(out)


def _ministry_links(version: MinistryName, method: str, about: str = "ministry") -> tuple[Link, ...]:
    out = []
    if version.tooi:
        out.append(Link("tooi", version.tooi_iri, about, method, FACTS_SOURCE, 1.0 if method == "name+date" else 0.9))
    if version.wikidata:
        out.append(Link("wikidata", version.wikidata, about, method, FACTS_SOURCE, 1.0 if method == "name+date" else 0.9))
    if not out:
        out.append(
            Link(UNRESOLVED, "no-identifiers", about, f"no identifier known for {version.name} in this period", confidence=0.0)
        )
    return tuple(out)


def _office_links(
    idx: RefIndex, office: OfficeKey, portfolio: str | None, r: Resolution, when: Window | None
) -> tuple[Link, ...]:
    if office.ministry is not None:
        return _ministry_links(office.ministry.version, office.ministry.method)
    if not portfolio:
        return ()
    # a post without portfolio ("Minister voor Rechtsbescherming") belongs to the ministry its holder's mandate names
    if r.person is not None and r.linked and when is not None:
        bodies = {m.body for m in _gov_on(r.person, when, SLACK_DAYS) if m.body and office.fits(m) is not False and m.post}
        bodies = bodies or {m.body for m in _gov_on(r.person, when, SLACK_DAYS) if m.body and m.post}
        if len(bodies) == 1:
            version = idx.ministries.at(bodies.pop(), when.first if when.exact else when.last)
            if version is not None:
                return _ministry_links(version, "post-holder+date")
    # else the ministry such a post sits in by the known posts table ("Klimaat en Energie" → EZK)
    home = ministry_of(portfolio)
    found = idx.ministries.resolve(home, when.first if when and when.exact else when.last if when else None) if home != portfolio else None
    if found is not None:
        return _ministry_links(found.version, "post-table+date" if found.method == "name+date" else found.method)
    return (
        Link(UNRESOLVED, "not-found", "ministry", f"no ministry named {portfolio!r}; a post without portfolio", confidence=0.0),
    )


def _member_with(idx: RefIndex, m: Member, r: Resolution) -> Member:
    return replace(m, ids=_ids(r) or m.ids, links=(*_person_links(idx, r), *_party_links(idx, m.party)))


def _link_official(idx: RefIndex, o: Official, when: Window | None) -> tuple[Official, OfficeKey, Resolution]:
    office = office_key(idx, o.role, o.portfolio, when.first if when and when.exact else when.last if when else None)
    r = resolve_official(idx, o.name, office, when)
    linked = replace(o, ids=_ids(r) or o.ids, links=(*_person_links(idx, r), *_office_links(idx, office, o.portfolio, r, when)))
    return linked, office, r


def _link_office(idx: RefIndex, o: Office, when: Window | None, answered: list[tuple[OfficeKey, Resolution]]) -> Office:
    office = office_key(idx, o.role, o.portfolio, when.first if when and when.exact else when.last if when else None)
    r = resolve_official(idx, None, office, when)
    if not r.linked and office.ministry is not None:
        # "aan de Staatssecretaris van Financiën", answered by Staatssecretaris Van Rij (Financiën – Fiscaliteit …)
        same = [
            a
            for k, a in answered
            if a.linked
            and k.role == office.role
            and k.ministry is not None
            and k.ministry.version.lineage == office.ministry.version.lineage
        ]
        if len(same) == 1:
            r = replace(same[0], method="answered-by", confidence=0.85)
    return replace(o, links=(*_office_links(idx, office, o.portfolio, r, when), *_person_links(idx, r)))


# --- entities -------------------------------------------------------------------------------------

_MINISTRY_LABEL = re.compile(r"^(?:het\s+)?[Mm]inisterie\s+van\s+(.+)$")
_ARTICLE = re.compile(
    r"^(?:artikel|art\.|article|annex|bijlage)\s+[\w.]+(?:\s*,?\s*(?:\w+\s+lid|lid\s+\w+|sub\s+\w+|onder\s+\w+))*\s+(?:van\s+(?:het|de)\s+)?",
    re.I,
)


def _same_org(a: OrgRecord, b: OrgRecord) -> bool:
    return any(x and x == y for x, y in ((a.tooi, b.tooi), (a.wikidata, b.wikidata), (a.owms, b.owms))) or a.oid == b.oid


def _org_links(idx: RefIndex, label: str, day: dt.date | None) -> tuple[Link, ...]:
    m = _MINISTRY_LABEL.match(label)
    if m:
        found = idx.ministries.resolve(m.group(1), day)
        if found:
            return _ministry_links(found.version, found.method, about="self")
    party = idx.parties.get(label)
    if party and party.wikidata and compact(label) in {compact(party.name), compact(party.short)}:
        return (Link("wikidata", party.wikidata, "self", "party-name", idx.source_name(party.source), 0.95),)
    orgs = idx.organisations(label, day)
    if not orgs:
        return (
            (Link(UNRESOLVED, "not-found", "self", f"no organisation named {label!r} in the reference data", confidence=0.0),)
            if idx.path
            else ()
        )
    groups: list[list[OrgRecord]] = []
    for o in orgs:
        for g in groups:
            if any(_same_org(o, x) for x in g):
                g.append(o)
                break
        else:
            groups.append([o])
    useful = [g for g in groups if any(x.tooi or x.wikidata or x.owms for x in g)]
    registered = [g for g in useful if any(not x.oid.startswith("owms:") for x in g)]
    if len(registered) == 1:
        useful = registered  # an OWMS list entry of the same name is that organisation under its 2016 URI
    if len(useful) != 1:
        if not useful:
            return (Link(UNRESOLVED, "no-identifiers", "self", f"{label!r} is known without identifiers", confidence=0.0),)
        names = ", ".join(sorted({g[0].name for g in useful}))
        return (Link(UNRESOLVED, "ambiguous", "self", f"{len(useful)} organisations named {label!r}: {names}", confidence=0.0),)
    g = useful[0]
    src = idx.source_name(g[0].source)
    out = []
    for scheme, value in (
        ("tooi", next((x.tooi for x in g if x.tooi), "")),
        ("wikidata", next((x.wikidata for x in g if x.wikidata), "")),
        ("owms", next((x.owms for x in g if x.owms), "")),
    ):
        if value:
            out.append(Link(scheme, value, "self", "name", src, 0.9))
    return tuple(out)


def _law_links(idx: RefIndex, label: str, treaty: bool, about: str = "self") -> tuple[Link, ...]:
    laws = [x for x in idx.laws(label) if x.bwb.startswith("BWBV") == treaty]
    if not laws:
        return (
            (
                Link(
                    UNRESOLVED,
                    "not-found",
                    about,
                    f"no {'treaty' if treaty else 'law'} named {label!r} in the BWB index",
                    confidence=0.0,
                ),
            )
            if idx.path
            else ()
        )
    if len({x.bwb for x in laws}) > 1:
        ids = ", ".join(sorted({x.bwb for x in laws})[:5])
        return (Link(UNRESOLVED, "ambiguous", about, f"{len(laws)} regulations cited as {label!r}: {ids}", confidence=0.0),)
    law = laws[0]
    return (Link("bwb", law.bwb, about, "title", idx.source_name(law.source), 0.9),)


def _person_entity_links(idx: RefIndex, label: str, day: dt.date | None, known: dict[str, Resolution]) -> tuple[Link, ...]:
    """A person the text mentions: the asker or official of this document of that name, or a politician in office
    on the day named with given name and surname ('Pia Dijkstra'); a surname alone is not enough."""
    variants = printed_variants(label)
    for v in variants:
        if v.strength == 3 and v.key in known:
            return _person_links(idx, replace(known[v.key], method="same-document", confidence=0.9), about="self")
    if day is None:
        return ()
    named = [v for v in variants if v.given and v.strength == 3]
    if not named:
        return (Link(UNRESOLVED, "not-found", "self", "a surname alone does not identify a person", confidence=0.0),)
    when = Window(day, day)
    people = [p for _, group in _by_name(idx, label) for p in group]
    fits = [
        p
        for p in people
        if any(m.kind != "party" and when.covered_by(m) for m in p.mandates)
        and given_compatible(named[0].given, p.given_names, p.initials)
    ]
    if not fits:
        return (Link(UNRESOLVED, "not-found", "self", f"no member or bewindspersoon named {label!r} on {day}", confidence=0.0),)
    one = _merge_same(fits)
    if one is None:
        return (
            Link(
                UNRESOLVED, "ambiguous", "self", f"{len(fits)} persons named {label!r} on {day}: {_labels(fits)}", confidence=0.0
            ),
        )
    return _person_links(idx, _found(one, "full-name+office+date", 0.8), about="self")


def _link_entity(idx: RefIndex, e: Entity, day: dt.date | None, known: dict[str, Resolution]) -> Entity:
    if e.type == EntityType.ORGANISATION:
        links = _org_links(idx, e.label, day)
    elif e.type == EntityType.LAW:
        links = _law_links(idx, e.label, False)
    elif e.type == EntityType.TREATY:
        links = _law_links(idx, e.label, True)
    elif e.type == EntityType.TREATY_ARTICLE:
        rest = _ARTICLE.sub("", e.label)
        links = _law_links(idx, rest, True, about="treaty") if rest != e.label else ()
    elif e.type == EntityType.PERSON:
        links = _person_entity_links(idx, e.label, day, known)
    else:
        return e
    if not links:
        return e
    mine = {x.scheme for x in links} | {UNRESOLVED}
    return replace(e, links=(*[x for x in e.links if x.scheme not in mine], *links))


# --- the document ---------------------------------------------------------------------------------


def _doc_links(doc: Document) -> tuple[Link, ...]:
    out = []
    chamber = "ek" if doc.chamber and doc.chamber.value == "Eerste Kamer" else "tk"
    if doc.id:
        out.append(Link("ob", doc.id, "publication", "stated", "document", 1.0))
    elif doc.session and doc.number and doc.kind.value in ("answer", "notice"):
        out.append(
            Link(
                "ob",
                f"ah-{chamber}-{doc.session.replace('-', '')}-{doc.number}",
                "publication",
                "session+number",
                "document",
                0.95,
            )
        )
    elif doc.zaak and doc.kind.value == "questions":
        out.append(Link("ob", f"kv-{chamber}-{doc.zaak}", "publication", "zaak", "document", 0.9))
    if doc.zaak:
        out.append(Link("tk-zaak", doc.zaak, "zaak", "stated", "document", 1.0))
    for s in doc.see_also:
        if s.session and s.number:
            out.append(
                Link(
                    "ob", f"ah-{chamber}-{s.session.replace('-', '')}-{s.number}", "see-also", "session+number", "document", 0.95
                )
            )
    return tuple(out)


def link(doc: Document, index: RefIndex | None) -> Document:
    """Give the persons, offices, organisations, laws and the document their external identifiers.

    Without an index the hand-written facts are used (ministries, parties, the persons of the examples).
    Fills `ids` on askers, answerers and on-behalf-of officials and `links` everywhere; what cannot be linked
    without guessing carries a `Link("unresolved", status, method=reason)` instead.
    """
    idx = index or facts_index()
    chamber = "ek" if doc.chamber and doc.chamber.value == "Eerste Kamer" else "tk"
    ask = _window(doc.date_submitted, doc.date_answered, session=doc.session)
    ans = _window(doc.date_answered, doc.date_submitted, session=doc.session)
    sub = _window(doc.date_submitted, doc.date_answered, session=doc.session)
    day = (ans or sub).first if (ans or sub) and (ans or sub).exact else None  # type: ignore[union-attr]
    answerers = [_link_official(idx, o, ans) for o in doc.answerers]
    behalf = [_link_official(idx, o, ans) for o in doc.on_behalf_of]
    answered = [(k, r) for _, k, r in (*answerers, *behalf)]
    askers = [(m, resolve_member(idx, m.name, m.party, chamber, ask)) for m in doc.askers]
    known: dict[str, Resolution] = {}
    for name, r in [(m.name, r) for m, r in askers] + [(o.name, r) for (o, _, r) in (*answerers, *behalf) if o.name]:
        if r.linked:
            for v in printed_variants(name or ""):
                if v.strength == 3:
                    known.setdefault(v.key, r)
    return doc.replace(
        askers=tuple(_member_with(idx, m, r) for m, r in askers),
        answerers=tuple(o for o, _, _ in answerers),
        on_behalf_of=tuple(o for o, _, _ in behalf),
        addressees=tuple(_link_office(idx, o, sub, answered) for o in doc.addressees),
        entities=tuple(_link_entity(idx, e, day, known) for e in doc.entities),
        links=(*[x for x in doc.links if x.scheme not in ("ob", "tk-zaak")], *_doc_links(doc)),
    )
