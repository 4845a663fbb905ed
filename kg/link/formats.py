"""Readers for the public reference-data formats, each detected by content, into one `Collector`.

Formats: Tweede Kamer Open Data OData v4 JSON (Persoon, Fractie, FractieZetel, FractieZetelPersoon,
PersoonLoopbaan; paged `value` lists, with or without `$expand`), Wikidata SPARQL query results JSON,
the polder dataset (persons JSONL, mandates TSV, persons index TSV, organisations JSONL/TSV, posts JSONL),
the openkamer Django fixtures (person, parliament, government) and party TSV, the EveryPolitician CSVs,
the persons crosswalk TSV, the OWMS organisation list CSV and a BWB index of laws and treaties (TSV/JSONL).

>>> detect_text('{"@odata.context": "https://x/OData/v4/2.0/$metadata#Persoon", "value": []}', "p.json")
'tk-odata'
>>> detect_text('{"head": {"vars": ["person"]}, "results": {"bindings": []}}', "q.json")
'wikidata-sparql'
>>> detect_text("bwb_id\\tkind\\ttitle_heading\\n", "laws.tsv")
'bwb-index'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.link.facts import Ministries, PartyTable
from kg.link.names import PARTICLES, NameParts, fold, name_key, portfolio_key, split_full_name
from kg.link.records import Mandate, OrgRecord, Party, parse_day

__all__ = ["FORMATS", "Collector", "LawRecord", "PersonRecord", "detect_text", "read_text"]

FORMATS: dict[str, str] = {
    "tk-odata": "Tweede Kamer Open Data Portal, OData v4 JSON",
    "wikidata-sparql": "Wikidata SPARQL query results JSON",
    "polder-persons": "polder persons (JSONL)",
    "polder-persons-index": "polder persons index (TSV)",
    "polder-mandates": "polder mandates (TSV)",
    "polder-orgs": "polder organisations (JSONL)",
    "polder-orgs-index": "polder organisations index (TSV)",
    "polder-posts": "polder posts (JSONL)",
    "openkamer-fixture": "openkamer Django fixture (JSON)",
    "openkamer-parties": "openkamer political parties (TSV)",
    "everypolitician": "EveryPolitician CSV",
    "crosswalk": "persons crosswalk (TSV)",
    "owms": "OWMS organisation list (CSV)",
    "bwb-index": "BWB index of laws and treaties (TSV/JSONL)",
}

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
QID = re.compile(r"Q\d+$")


@dataclass(slots=True)
class PersonRecord:
    """What one source says about one person: identity keys ('tk:…', 'wd:…'), names, mandates."""

    keys: list[str]
    names: list[NameParts] = field(default_factory=list)
    given_names: list[str] = field(default_factory=list)
    initials: str = ""
    birth: int | None = None
    mandates: list[Mandate] = field(default_factory=list)
    source: str = ""


@dataclass(frozen=True, slots=True)
class LawRecord:
    """A law or treaty of the BWB index: id, kind, title and the names it is cited by."""

    bwb: str
    kind: str
    title: str
    names: tuple[str, ...]
    source: str = ""


@dataclass(slots=True)
class Collector:
    """Everything read from the sources, before persons are merged."""

    ministries: Ministries
    parties: PartyTable
    persons: list[PersonRecord] = field(default_factory=list)
    orgs: list[tuple[OrgRecord, tuple[tuple[str, Any, Any], ...]]] = field(default_factory=list)
    laws: list[LawRecord] = field(default_factory=list)
    # cross-file references resolved in `finish`
    odata: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    odata_source: dict[str, str] = field(default_factory=dict)
    openkamer: dict[str, dict[int, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    openkamer_source: dict[str, str] = field(default_factory=dict)
    polder_posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    polder_people: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    polder_rows: list[tuple[dict[str, str], str]] = field(default_factory=list)

    def finish(self) -> None:
        """Turn cross-referenced raw records (OData, openkamer, polder) into person records."""
        self._finish_polder()
        self._finish_odata()
        self._finish_openkamer()

    # --- polder ---------------------------------------------------------------------------------

    def _polder_mandate(self, m: dict[str, Any], source: str) -> Mandate | None:
        post = str(m.get("post_id") or "")
        org = str(m.get("organization_id") or "")
        role = str(m.get("role") or "")
        start, end = parse_day(m.get("start_date")), parse_day(m.get("end_date"))
        if post == "post:kamerlid" or org == "org:tweede-kamer":
            party = re.sub(r"^Kamerlid\s+voor\s+", "", role).strip() or None
            return Mandate("tk", start, end, party, self.parties.key_of(party), label=role, source=source)
        if post == "post:senator" or org == "org:eerste-kamer":
            party = re.sub(r"^Senator\s+voor\s+", "", role).strip() or None
            return Mandate("ek", start, end, party, self.parties.key_of(party), label=role, source=source)
        if post == "post:minister-president":
            if not re.match(r"(?:Nederlandse?\s+)?minister-?president", role.strip(), re.I):
                return None
            return Mandate("mp", start, end, body="az", label=role, source=source)
        body = self.ministries.lineage_of_org(org)
        label = str((self.polder_posts.get(post) or {}).get("label") or role)
        head = re.sub(r"^Nederlandse?\s+", "", role.strip(), flags=re.I).lower()
        if not head.startswith(("minister", "staatssecretaris")) or head.startswith("minister van staat"):
            return None  # an honorary title or another post filed under a government post id
        if re.match(r"post:minister-min-", post):
            return Mandate("minister", start, end, body=body, label=role, source=source)
        if re.match(r"post:staatssecretaris-(?:tweede-)?min-", post):
            return Mandate("staatssecretaris", start, end, body=body, label=role, source=source)
        if post.startswith("post:minister"):
            return Mandate("minister", start, end, body=body, post=_post_of(label) or _post_of(role), label=role, source=source)
        if post.startswith("post:staatssecretaris"):
            return Mandate(
                "staatssecretaris", start, end, body=body, post=_post_of(label) or _post_of(role), label=role, source=source
            )
        return None

    def _finish_polder(self) -> None:
        by_id: dict[str, PersonRecord] = {}
        for rec, source in self.polder_people:
            pid = str(rec.get("id") or "")
            ids = rec.get("identifiers") or {}
            keys = [f"polder:{pid}"] if pid else []
            if _guid(ids.get("tk_persoon_id")):
                keys.append(f"tk:{ids['tk_persoon_id'].lower()}")
            if _qid(ids.get("wikidata")):
                keys.append(f"wd:{ids['wikidata']}")
            name = rec.get("name") or {}
            pr = PersonRecord(keys, source=source)
            full = str(name.get("full") or "")
            if full:
                pr.names.append(split_full_name(full, name.get("given")))
            family = str(name.get("family") or "")
            if family and not re.search(r"\.", family):
                tv = str(name.get("tussenvoegsel") or "")
                pr.names.append(split_full_name(f"{tv} {family}".strip()))
            if _plain_given(name.get("given")):
                pr.given_names.append(str(name["given"]))
            pr.initials = str(name.get("initials") or "").replace(".", "")
            birth = rec.get("birth") or {}
            pr.birth = birth.get("year") if isinstance(birth.get("year"), int) else None
            for m in rec.get("mandaten") or []:
                mandate = self._polder_mandate(m, source)
                if mandate:
                    pr.mandates.append(mandate)
            self.persons.append(pr)
            if pid:
                by_id[pid] = pr
        for row, source in self.polder_rows:
            pid = row.get("person_id", "")
            mandate = self._polder_mandate(row, source)
            if pid in by_id:
                if mandate and not any(_same_mandate(mandate, m) for m in by_id[pid].mandates):
                    by_id[pid].mandates.append(mandate)
                continue
            pr = PersonRecord([f"polder:{pid}"], source=source)
            if row.get("full_name"):
                pr.names.append(split_full_name(row["full_name"]))
            if mandate:
                pr.mandates.append(mandate)
            by_id[pid] = pr
            self.persons.append(pr)

    # --- TK Open Data ---------------------------------------------------------------------------

    def _finish_odata(self) -> None:
        people = self.odata.get("Persoon", {})
        records: dict[str, PersonRecord] = {}
        for pid, p in people.items():
            src = self.odata_source.get(f"Persoon/{pid}", "")
            pr = PersonRecord([f"tk:{pid}"], source=src)
            surname = str(p.get("achternaam") or "")
            if surname:
                pr.names.append(
                    NameParts(str(p.get("roepnaam") or p.get("voornamen") or ""), str(p.get("tussenvoegsel") or ""), surname)
                )
            pr.given_names += [str(v) for v in (p.get("roepnaam"), p.get("voornamen")) if v]
            pr.initials = str(p.get("initialen") or "").replace(".", "")
            born = parse_day(p.get("geboortedatum"))
            pr.birth = born.year if born else None
            records[pid] = pr
            self.persons.append(pr)
        seats = self.odata.get("FractieZetel", {})
        fracties = self.odata.get("Fractie", {})
        for fzp_id, fzp in self.odata.get("FractieZetelPersoon", {}).items():
            pid = str(fzp.get("persoon_id") or "").lower()
            if not pid:
                continue
            seat = seats.get(str(fzp.get("fractiezetel_id") or "").lower(), {})
            fractie = fracties.get(str(seat.get("fractie_id") or "").lower(), {})
            party = fractie.get("afkorting") or fractie.get("naamnl")
            pr = records.get(pid)
            if pr is None:
                pr = records[pid] = PersonRecord([f"tk:{pid}"], source=self.odata_source.get(f"FractieZetelPersoon/{fzp_id}", ""))
                self.persons.append(pr)
            src = self.odata_source.get(f"FractieZetelPersoon/{fzp_id}", pr.source)
            pr.mandates.append(
                Mandate(
                    "tk",
                    parse_day(fzp.get("van")),
                    parse_day(fzp.get("totenmet")),
                    party,
                    self.parties.key_of(party),
                    label=str(fzp.get("functie") or ""),
                    source=src,
                )
            )
        for fid, f in fracties.items():
            if f.get("afkorting") or f.get("naamnl"):
                self.parties.add(
                    Party(
                        "",
                        str(f.get("naamnl") or f.get("afkorting")),
                        str(f.get("afkorting") or ""),
                        tk_fractie=fid,
                        source=self.odata_source.get(f"Fractie/{fid}", ""),
                    )
                )
        for lid, loop in self.odata.get("PersoonLoopbaan", {}).items():
            pid = str(loop.get("persoon_id") or "").lower()
            text = str(loop.get("functie") or loop.get("omschrijvingnl") or "")
            mandate = government_mandate(
                text,
                parse_day(loop.get("van")),
                parse_day(loop.get("totenmet")),
                self.ministries,
                self.odata_source.get(f"PersoonLoopbaan/{lid}", ""),
            )
            if pid and mandate:
                pr = records.get(pid)
                if pr is None:
                    pr = records[pid] = PersonRecord([f"tk:{pid}"], source=mandate.source)
                    self.persons.append(pr)
                pr.mandates.append(mandate)

    # --- openkamer ------------------------------------------------------------------------------

    def _finish_openkamer(self) -> None:
        ok = self.openkamer
        as_of = {m: parse_day(self.openkamer_source.get(f"{m}#as_of")) for m in ok}
        records: dict[int, PersonRecord] = {}
        for pk, f in ok.get("person.person", {}).items():
            keys = [f"openkamer:{pk}"]
            if _guid(f.get("tk_id")):
                keys.append(f"tk:{f['tk_id'].lower()}")
            if _qid(f.get("wikidata_id")):
                keys.append(f"wd:{f['wikidata_id']}")
            if f.get("parlement_and_politiek_id"):
                keys.append(f"pc:{f['parlement_and_politiek_id']}")
            pr = PersonRecord(keys, source=self.openkamer_source.get("person.person", ""))
            if f.get("surname"):
                pr.names.append(
                    NameParts(
                        str(f.get("forename") or ""),
                        str(f.get("surname_prefix") or ""),
                        str(f["surname"]),
                        str(f.get("initials") or "").replace(".", ""),
                    )
                )
            if f.get("forename"):
                pr.given_names.append(str(f["forename"]))
            pr.initials = str(f.get("initials") or "").replace(".", "")
            born = parse_day(f.get("birthdate"))
            pr.birth = born.year if born else None
            records[pk] = pr
            self.persons.append(pr)

        def person(pk: Any, model: str) -> PersonRecord:
            pr = records.get(pk)
            if pr is None:
                pr = records[pk] = PersonRecord([f"openkamer:{pk}"], source=self.openkamer_source.get(model, ""))
                self.persons.append(pr)
            return pr

        parties = ok.get("parliament.politicalparty", {})
        for f in parties.values():
            self.parties.add(
                Party(
                    "",
                    str(f.get("name") or ""),
                    str(f.get("name_short") or ""),
                    wikidata=str(f.get("wikidata_id") or ""),
                    source=self.openkamer_source.get("parliament.politicalparty", ""),
                )
            )
        snap = as_of.get("parliament.parliamentmember")
        for f in ok.get("parliament.parliamentmember", {}).values():
            if f.get("parliament") not in (1, None):
                continue
            end = parse_day(f.get("left")) or snap
            person(f.get("person"), "parliament.parliamentmember").mandates.append(
                Mandate(
                    "tk", parse_day(f.get("joined")), end, source=self.openkamer_source.get("parliament.parliamentmember", "")
                )
            )
        for f in ok.get("parliament.partymember", {}).values():
            party = parties.get(f.get("party")) or {}
            name = party.get("name_short") or party.get("name")
            if not name:
                continue
            person(f.get("person"), "parliament.partymember").mandates.append(
                Mandate(
                    "party",
                    parse_day(f.get("joined")),
                    parse_day(f.get("left")),
                    name,
                    self.parties.key_of(name),
                    source=self.openkamer_source.get("parliament.partymember", ""),
                )
            )
        governments = ok.get("government.government", {})
        ministries_ = ok.get("government.ministry", {})
        positions = ok.get("government.governmentposition", {})
        snap = as_of.get("government.governmentmember")
        for f in ok.get("government.governmentmember", {}).values():
            pos = positions.get(f.get("position")) or {}
            gov = governments.get(pos.get("government")) or {}
            start = parse_day(f.get("start_date")) or parse_day(gov.get("date_formed"))
            end = parse_day(f.get("end_date")) or parse_day(gov.get("date_dissolved")) or snap
            ministry = (ministries_.get(pos.get("ministry")) or {}).get("name")
            code = pos.get("position")
            extra = str(pos.get("extra_info") or "")
            src = self.openkamer_source.get("government.governmentmember", "")
            m = self.ministries.resolve(ministry, start) if ministry else None
            body = m.version.lineage if m else None
            if code == "PMI":
                mandate = Mandate("mp", start, end, body="az", label="Minister-President", source=src)
            elif code == "MIN":
                mandate = Mandate("minister", start, end, body=body, label=f"Minister van {ministry}", source=src)
            elif code == "SOS":
                mandate = Mandate("staatssecretaris", start, end, body=body, label=f"Staatssecretaris van {ministry}", source=src)
            elif code == "MWP":
                mandate = Mandate(
                    "minister",
                    start,
                    end,
                    body=body,
                    post=portfolio_key(extra) or None,
                    label=f"Minister voor {extra}",
                    source=src,
                )
            else:
                continue
            person(f.get("person"), "government.governmentmember").mandates.append(mandate)


def _post_of(label: str) -> str | None:
    """The special post in a label: 'Minister voor Medische Zorg' → 'medischezorg'; 'Staatssecretaris van Financiën – Toeslagen' → 'toeslagen'."""
    label = label.strip()
    m = re.match(r"(?:Nederlands\s+)?(?:minister|staatssecretaris)\s+voor\s+(.+)$", label, re.I)
    if m:
        return portfolio_key(m.group(1)) or None
    m = re.match(r"(?:Nederlands\s+)?(?:minister|staatssecretaris)\s+van\s+.+?\s+[-\u2013\u2014]\s+(.+)$", label, re.I)
    if m:
        return portfolio_key(m.group(1)) or None
    m = re.match(r"(?:staatssecretaris|minister)\s+(?!van\b|voor\b)(.+)$", label, re.I)
    if m:
        return portfolio_key(m.group(1)) or None
    return None


def government_mandate(label: str, start: Any, end: Any, ministries: Ministries, source: str) -> Mandate | None:
    """A government mandate from a role label: 'minister van Justitie', 'staatssecretaris van Financiën', 'minister voor Medische Zorg'.

    >>> from kg.link.facts import ministries
    >>> m = government_mandate("minister van Verkeer en Waterstaat", parse_day("2008-01-01"), None, ministries(), "wd")
    >>> m.kind, m.body
    ('minister', 'ienw')
    >>> government_mandate("minister voor Medische Zorg", None, None, ministries(), "wd").post
    'medischezorg'
    """
    text = re.sub(r"\s+", " ", label or "").strip()
    text = re.sub(r"^(?:Nederlands|Nederlandse)\s+", "", text, flags=re.I)
    low = text.lower()
    if re.match(r"minister-?president", low):
        return Mandate("mp", start, end, body="az", label=text, source=source)
    m = re.match(r"(minister|staatssecretaris)\b\s*(.*)$", text, re.I)
    if not m:
        return None
    kind = "minister" if m.group(1).lower() == "minister" else "staatssecretaris"
    rest = m.group(2)
    if rest.lower().startswith("zonder portefeuille"):
        return Mandate(kind, start, end, post=None, label=text, source=source)
    van = re.match(r"van\s+(.+)$", rest, re.I)
    if van:
        found = ministries.resolve(van.group(1), start)
        if found:
            return Mandate(kind, start, end, body=found.version.lineage, post=found.post, label=text, source=source)
        return Mandate(kind, start, end, post=portfolio_key(van.group(1)) or None, label=text, source=source)
    return Mandate(kind, start, end, post=_post_of(text), label=text, source=source)


def _plain_given(given: Any) -> bool:
    """A source's given-name field that really holds given names (not 'F.Q. Gräper-van' or 'Dieuwke de Graaff-')."""
    if not isinstance(given, str) or not given.strip():
        return False
    words = given.split()
    return not (given.rstrip().endswith("-") or "." in given or any(fold(w) in PARTICLES for w in words[1:]))


def _same_mandate(a: Mandate, b: Mandate) -> bool:
    return (a.kind, a.start, a.end, a.body, a.party_key) == (b.kind, b.start, b.end, b.body, b.party_key)


def _guid(v: Any) -> bool:
    return isinstance(v, str) and bool(GUID.match(v.strip()))


def _qid(v: Any) -> bool:
    return isinstance(v, str) and bool(QID.match(v.strip()))


# --- detection ------------------------------------------------------------------------------------


def _first_json_line(text: str) -> Any:
    for line in text.splitlines():
        line = line.strip()
        if line:
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def detect_text(text: str, name: str) -> str | None:
    """The format of a file by its content (its name only breaks ties); None when not a known format."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith(("{", "[")):
        obj = _first_json_line(text)
        multi = obj is not None and len([ln for ln in text.splitlines()[:3] if ln.strip()]) > 1 and isinstance(obj, dict)
        if not multi:
            try:
                obj = json.loads(text)
            except ValueError:
                return None
            return _detect_json(obj) or (_detect_jsonl(obj) if isinstance(obj, dict) else None)
        return _detect_jsonl(obj)
    first = head.splitlines()[0] if head else ""
    sep = "\t" if "\t" in first else ","
    cols = {c.strip().strip('"').lower() for c in first.split(sep)}
    return _detect_table(cols)


def _detect_json(obj: Any) -> str | None:
    if isinstance(obj, dict):
        if "head" in obj and isinstance(obj.get("results"), dict):
            return "wikidata-sparql"
        if ("value" in obj and isinstance(obj["value"], list)) or any(str(k).startswith("@odata") for k in obj):
            return "tk-odata"
        if {"id", "achternaam"} <= {k.lower() for k in obj}:
            return "tk-odata"
        return None
    if isinstance(obj, list) and obj and isinstance(obj[0], dict):
        keys = {k.lower() for k in obj[0]}
        if {"model", "pk", "fields"} <= keys and str(obj[0].get("model", "")).startswith(
            ("person.", "parliament.", "government.")
        ):
            return "openkamer-fixture"
        if "id" in keys and ("achternaam" in keys or "fractiezetel_id" in keys or "afkorting" in keys):
            return "tk-odata"
    return None


def _detect_jsonl(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    oid = str(obj.get("id") or "")
    keys = {k.lower() for k in obj}
    if oid.startswith("person:") and "name" in keys:
        return "polder-persons"
    if oid.startswith("org:") and "names" in keys:
        return "polder-orgs"
    if oid.startswith("post:"):
        return "polder-posts"
    if "bwb_id" in keys:
        return "bwb-index"
    if "@odata.context" in keys or ("id" in keys and ("achternaam" in keys or "fractiezetel_id" in keys)):
        return "tk-odata"
    return None


def _detect_table(cols: set[str]) -> str | None:
    if "bwb_id" in cols:
        return "bwb-index"
    if {"org_id", "tooi"} <= cols:
        return "polder-orgs-index"
    if {"person_id", "post_id", "role"} <= cols:
        return "polder-mandates"
    if {"person_id", "full_name", "tk_persoon_id"} <= cols:
        return "polder-persons-index"
    if "openkamer_party_pk" in cols:
        return "openkamer-parties"
    if {"tk_persoon_id", "wikidata", "name_variants"} <= cols:
        return "crosswalk"
    if {"owms_uri", "owms_label"} <= cols:
        return "owms"
    if (
        "identifier__parlement" in cols
        or cols == {"name", "id"}
        or cols == {"id", "uuid"}
        or {"id", "sort_name", "group_id"} <= cols
    ):
        return "everypolitician"
    return None


# --- reading ----------------------------------------------------------------------------------------


def read_text(fmt: str, text: str, source: str, col: Collector, name: str = "") -> int:
    """Read one file of a detected format into the collector; returns the number of records read."""
    reader = _READERS[fmt]
    return reader(text, source, col, name)


def _lower(rec: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in rec.items()}


_ODATA_SETS = ("Persoon", "FractieZetelPersoon", "FractieZetel", "Fractie", "PersoonLoopbaan")


def _odata_set(rec: dict[str, Any], context: str) -> str | None:
    m = re.search(r"#(\w+)", context or "")
    if m and m.group(1) in _ODATA_SETS:
        return m.group(1)
    keys = set(rec)
    if "achternaam" in keys:
        return "Persoon"
    if "fractiezetel_id" in keys and "persoon_id" in keys:
        return "FractieZetelPersoon"
    if "fractie_id" in keys and "gewicht" in keys:
        return "FractieZetel"
    if "afkorting" in keys or "naamnl" in keys:
        return "Fractie"
    if "persoon_id" in keys and ("werkgever" in keys or "omschrijvingnl" in keys):
        return "PersoonLoopbaan"
    return None


def _odata_add(rec: dict[str, Any], context: str, source: str, col: Collector) -> int:
    rec = _lower(rec)
    if rec.get("verwijderd") is True:
        return 0
    n = 0
    # $expand: nested entities ("FractieZetel": {...}, "Persoon": {...}) are records of their own
    for key in ("persoon", "fractiezetel", "fractie"):
        sub = rec.get(key)
        if isinstance(sub, dict):
            n += _odata_add(sub, f"#{key.capitalize() if key != 'fractiezetel' else 'FractieZetel'}", source, col)
            rec.setdefault(f"{key}_id", sub.get("Id") or sub.get("id"))
    kind = _odata_set(rec, context)
    rid = str(rec.get("id") or "").lower()
    if not kind or not rid:
        return n
    col.odata[kind][rid] = rec
    col.odata_source[f"{kind}/{rid}"] = source
    return n + 1


def _read_odata(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    obj = _first_json_line(text) if "\n{" in text.strip() else None
    docs: list[Any]
    if obj is not None and isinstance(obj, dict) and "value" not in obj and not any(k.startswith("@odata") for k in obj):
        docs = [json.loads(ln) for ln in text.splitlines() if ln.strip()]
        context = ""
        for rec in docs:
            n += _odata_add(rec, context, source, col)
        return n
    data = json.loads(text)
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        context = str(data.get("@odata.context") or "")
        for rec in data["value"]:
            if isinstance(rec, dict):
                n += _odata_add(rec, context, source, col)
    elif isinstance(data, dict):
        n += _odata_add(data, str(data.get("@odata.context") or ""), source, col)
    elif isinstance(data, list):
        for rec in data:
            if isinstance(rec, dict):
                n += _odata_add(rec, "", source, col)
    return n


def _binding(row: dict[str, Any], *names: str) -> str:
    for n in names:
        v = row.get(n)
        if isinstance(v, dict) and v.get("value") not in (None, ""):
            return str(v["value"])
    return ""


def _entity(value: str) -> str:
    return value.rsplit("/", 1)[-1] if value.startswith("http") else value


TK_MEMBER_POSITION = "Q18887908"  # member of the House of Representatives of the Netherlands


def _read_sparql(text: str, source: str, col: Collector, name: str) -> int:
    data = json.loads(text)
    rows = ((data.get("results") or {}).get("bindings")) or []
    n = 0
    for row in rows:
        qid = _entity(_binding(row, "person", "item", "human"))
        if not QID.match(qid):
            continue
        keys = [f"wd:{qid}"]
        tkid = _binding(row, "tkid", "tk", "tk_id")
        if GUID.match(tkid):
            keys.append(f"tk:{tkid.lower()}")
        pc = _binding(row, "parlement", "parlementID", "pdc")
        if pc:
            keys.append(f"pc:{pc}")
        pr = PersonRecord(keys, source=source)
        label = _binding(row, "personLabel", "itemLabel", "humanLabel")
        given = _binding(row, "givenLabel", "given", "givenName")
        family = _binding(row, "familyLabel", "family", "familyName")
        if label and not QID.match(label):
            pr.names.append(split_full_name(label, given or None))
        if family and not QID.match(family):
            pr.names.append(split_full_name(family))
        if given:
            pr.given_names.append(given)
        start, end = parse_day(_binding(row, "start", "startTime")), parse_day(_binding(row, "end", "endTime"))
        position = _entity(_binding(row, "position", "role"))
        role_label = _binding(row, "positionLabel", "roleLabel")
        party = _binding(row, "partyLabel", "groupLabel", "fractieLabel")
        if position == TK_MEMBER_POSITION or (not position and not role_label and (start or party)):
            pr.mandates.append(Mandate("tk", start, end, party or None, col.parties.key_of(party), source=source))
            party_q = _entity(_binding(row, "party", "group"))
            if party and QID.match(party_q):
                col.parties.add(Party("", party, wikidata=party_q, source=source))
        elif role_label:
            mandate = government_mandate(role_label, start, end, col.ministries, source)
            if mandate:
                pr.mandates.append(mandate)
        col.persons.append(pr)
        n += 1
    return n


def _read_polder_persons(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for line in text.splitlines():
        if line.strip():
            col.polder_people.append((json.loads(line), source))
            n += 1
    return n


def _tsv(text: str) -> Iterator[dict[str, str]]:
    first = text.splitlines()[0] if text else ""
    delim = "\t" if "\t" in first else ","
    for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delim):
        yield {(k or "").strip(): (v or "").strip() for k, v in row.items()}


def _read_polder_mandates(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        col.polder_rows.append((row, source))
        n += 1
    return n


def _read_polder_index(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        keys = [f"polder:{row['person_id']}"] if row.get("person_id") else []
        if _guid(row.get("tk_persoon_id")):
            keys.append(f"tk:{row['tk_persoon_id'].lower()}")
        if _qid(row.get("wikidata")):
            keys.append(f"wd:{row['wikidata']}")
        pr = PersonRecord(keys, source=source)
        if row.get("full_name"):
            pr.names.append(split_full_name(row["full_name"], row.get("given") or None))
        if _plain_given(row.get("given")):
            pr.given_names.append(row["given"])
        pr.initials = row.get("initials", "").replace(".", "")
        pr.birth = int(row["birth_year"]) if row.get("birth_year", "").isdigit() else None
        col.persons.append(pr)
        n += 1
    return n


def _org_names(rec: dict[str, Any]) -> tuple[tuple[str, Any, Any], ...]:
    out = []
    for nm in rec.get("names") or []:
        if isinstance(nm, dict) and nm.get("value"):
            out.append((str(nm["value"]), parse_day(nm.get("valid_from")), parse_day(nm.get("valid_until"))))
            if nm.get("abbr"):
                out.append((str(nm["abbr"]), parse_day(nm.get("valid_from")), parse_day(nm.get("valid_until"))))
    return tuple(out)


def _read_polder_orgs(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        ids = rec.get("identifiers") or {}
        names = _org_names(rec)
        current = [nm for nm in rec.get("names") or [] if isinstance(nm, dict) and not nm.get("valid_until")]
        label = (current[-1] if current else (rec.get("names") or [{}])[-1]).get("value", "")
        abbr = next((nm.get("abbr") for nm in reversed(rec.get("names") or []) if isinstance(nm, dict) and nm.get("abbr")), "")
        col.orgs.append(
            (
                OrgRecord(
                    str(rec.get("id")),
                    str(label),
                    str(abbr or ""),
                    str(ids.get("tooi") or ""),
                    str(ids.get("wikidata") or ""),
                    str(ids.get("owms") or ""),
                    str(rec.get("classification") or rec.get("type") or ""),
                    parse_day(rec.get("valid_from")),
                    parse_day(rec.get("valid_until")),
                    source,
                ),
                names,
            )
        )
        n += 1
    return n


def _read_polder_orgs_index(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        names = [(nm.strip(), None, None) for nm in row.get("all_names", "").split("|") if nm.strip()]
        if row.get("name_current"):
            names.append((row["name_current"], None, None))
        col.orgs.append(
            (
                OrgRecord(
                    row["org_id"],
                    row.get("name_current", ""),
                    row.get("abbr", ""),
                    row.get("tooi", ""),
                    row.get("wikidata", ""),
                    row.get("owms", ""),
                    row.get("type") or row.get("folder", ""),
                    parse_day(row.get("valid_from")),
                    parse_day(row.get("valid_until")),
                    source,
                ),
                tuple(names),
            )
        )
        n += 1
    return n


def _read_polder_posts(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for line in text.splitlines():
        if line.strip():
            rec = json.loads(line)
            col.polder_posts[str(rec.get("id"))] = rec
            n += 1
    return n


def _read_openkamer(text: str, source: str, col: Collector, name: str) -> int:
    data = json.loads(text)
    latest: dict[str, str] = {}
    for rec in data:
        model = str(rec.get("model") or "")
        fields = rec.get("fields") or {}
        col.openkamer[model][rec.get("pk")] = fields
        col.openkamer_source[model] = source
        stamp = max((str(v)[:10] for v in fields.values() if isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\d", v)), default="")
        if stamp > latest.get(model, ""):
            latest[model] = stamp
    # open-ended rows end when the fixture was made (its latest date), not "now"
    snapshot = max(latest.values(), default="")
    for model in latest:
        col.openkamer_source[f"{model}#as_of"] = snapshot
    return len(data)


def _read_openkamer_parties(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        col.parties.add(
            Party("", row.get("name", ""), row.get("name_short", ""), wikidata=row.get("wikidata", ""), source=source)
        )
        n += 1
    return n


def _read_crosswalk(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        if row.get("conflict_flag"):
            continue  # the sources disagree on this person: no merging on this row
        keys = []
        if _guid(row.get("tk_persoon_id")):
            keys.append(f"tk:{row['tk_persoon_id'].lower()}")
        if _qid(row.get("wikidata")):
            keys.append(f"wd:{row['wikidata']}")
        if row.get("parlement_com_id"):
            keys.append(f"pc:{row['parlement_com_id']}")
        if row.get("polder_person_id"):
            keys.append(f"polder:{row['polder_person_id']}")
        if row.get("openkamer_person_pk", "").isdigit():
            keys.append(f"openkamer:{int(row['openkamer_person_pk'])}")
        if row.get("everypolitician_uuid"):
            keys.append(f"ep:{row['everypolitician_uuid']}")
        if not keys:
            continue
        pr = PersonRecord(keys, source=source)
        for variant in row.get("name_variants", "").split("|"):
            if variant.strip():
                pr.names.append(split_full_name(variant.strip()))
        col.persons.append(pr)
        n += 1
    return n


def _read_everypolitician(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        rid = row.get("id", "")
        if "identifier__parlement" in row or (QID.match(rid) and "uuid" not in row):
            if not QID.match(rid):
                continue
            keys = [f"wd:{rid}"]
            if row.get("identifier__parlement"):
                keys.append(f"pc:{row['identifier__parlement']}")
            pr = PersonRecord(keys, source=source)
            for col_name in ("name__nl", "name", "name__en", "original_wikiname"):
                if row.get(col_name):
                    parts = split_full_name(row[col_name], row.get("given_name") or None)
                    if parts not in pr.names:
                        pr.names.append(parts)
            if row.get("given_name"):
                pr.given_names.append(row["given_name"])
        elif "uuid" in row:
            if not (QID.match(rid) and row.get("uuid")):
                continue
            pr = PersonRecord([f"wd:{rid}", f"ep:{row['uuid']}"], source=source)
        elif rid and row.get("name"):
            pr = PersonRecord([f"ep:{rid}"], source=source)
            pr.names.append(split_full_name(row["name"]))
        else:
            continue
        col.persons.append(pr)
        n += 1
    return n


def _read_owms(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    for row in _tsv(text):
        label = row.get("owms_label") or row.get("don_label") or ""
        if not label:
            continue
        names = [(label, None, parse_day(row.get("enddate") or row.get("endDate")))]
        if row.get("afkorting"):
            names.append((row["afkorting"], None, None))
        col.orgs.append(
            (
                OrgRecord(
                    "owms:" + (row.get("owms_uri") or label),
                    label,
                    row.get("afkorting", ""),
                    owms=row.get("owms_uri", ""),
                    kind=row.get("type", ""),
                    valid_until=parse_day(row.get("enddate") or row.get("endDate")),
                    source=source,
                ),
                tuple(names),
            )
        )
        n += 1
    return n


_CITEER = re.compile(r"\(([^()]{3,120})\)\s*$")


def law_names(title: str, slug: str = "", kind: str = "") -> tuple[str, ...]:
    """Names a BWB regulation is cited by: its citeertitel in parentheses, its slug, a treaty's title.

    >>> law_names("Wet van 16 juni 2005, houdende regeling van een sociale verzekering (Zorgverzekeringswet)", "zorgverzekeringswet", "wet")
    ('Zorgverzekeringswet',)
    >>> law_names("Verdrag inzake de rechten van het kind", "convention on the rights of the child", "verdrag")
    ('Verdrag inzake de rechten van het kind', 'convention on the rights of the child')
    """
    out: list[str] = []
    m = _CITEER.search(title)
    if m and not re.match(r"(?:Stb|Trb|Stcrt|PbEG|PbEU)\b", m.group(1)):
        out.append(m.group(1).strip())
    if len(title) <= 160 and not re.match(
        r"(?:Wet|Besluit|Regeling|Beschikking|Koninklijk besluit|Rijkswet)\s+van\s+\d", title, re.I
    ):
        out.append(title.strip())
    if slug and not slug.endswith(" etc") and not slug.startswith(("wijzigingswet", "wijzigingsbesluit", "intrekkingswet")):
        out.append(slug.strip())
    seen: set[str] = set()
    return tuple(n for n in out if n and not (name_key(n) in seen or seen.add(name_key(n))))


def _read_bwb(text: str, source: str, col: Collector, name: str) -> int:
    n = 0
    stripped = text.lstrip()
    if stripped.startswith("{"):
        seen: set[str] = set()
        for line in text.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            bwb = str(rec.get("bwb_id") or "")
            if not bwb or bwb in seen:
                continue
            seen.add(bwb)
            title = str(rec.get("law_title") or rec.get("title") or rec.get("title_heading") or "")
            kind = "verdrag" if bwb.startswith("BWBV") else str(rec.get("kind") or "")
            col.laws.append(LawRecord(bwb, kind, title, law_names(title, "", kind), source))
            n += 1
        return n
    for row in _tsv(text):
        bwb = row.get("bwb_id", "")
        if not re.match(r"BWB[RV]\d+", bwb):
            continue
        title = row.get("title_heading") or row.get("title") or ""
        kind = row.get("kind", "")
        col.laws.append(LawRecord(bwb, kind, title, law_names(title, row.get("path_slug", ""), kind), source))
        n += 1
    return n


_READERS = {
    "tk-odata": _read_odata,
    "wikidata-sparql": _read_sparql,
    "polder-persons": _read_polder_persons,
    "polder-persons-index": _read_polder_index,
    "polder-mandates": _read_polder_mandates,
    "polder-orgs": _read_polder_orgs,
    "polder-orgs-index": _read_polder_orgs_index,
    "polder-posts": _read_polder_posts,
    "openkamer-fixture": _read_openkamer,
    "openkamer-parties": _read_openkamer_parties,
    "everypolitician": _read_everypolitician,
    "crosswalk": _read_crosswalk,
    "owms": _read_owms,
    "bwb-index": _read_bwb,
}
