"""Extraction stage: what a document names (entities) and the numbers its answers state (claims).

`extract(doc)` runs rule-based recognisers over every text place of the document (title, questions,
answers, footnotes), resolves overlaps and abbreviations, and returns the document with `entities` (one
per thing, at its first mention) and `claims` filled. Each entity keeps its place (`where`), offsets into
that place's text (`start`/`end`, so that `place_text[start:end] == surface`), a cross-document `key` and
parsed parts in `attrs`.

>>> from kg.readers.layout import SAMPLE
>>> from kg.readers.layout import parse_text
>>> doc = extract(parse_text(SAMPLE))
>>> all(doc.place_text(e.where)[e.start:e.end] == e.surface for e in doc.entities if e.start is not None)
True
"""

from __future__ import annotations

import re

from kg.extract.abbreviations import find_definitions
from kg.extract.base import Mention, Place
from kg.extract.citations import find_citations, see_also_mentions
from kg.extract.claims import find_claims
from kg.extract.gazetteer import default_gazetteer
from kg.extract.laws import find_laws
from kg.extract.media import find_media
from kg.extract.organisations import find_organisations, is_org_name
from kg.extract.persons import find_persons, surname_key
from kg.extract.resolve import Found, apply_definitions, merge_entities, resolve_overlaps
from kg.extract.titles import find_titles
from kg.extract.treaties import find_treaties
from kg.model import Document, Entity, EntityType, Kind

__all__ = ["extract", "find_mentions"]

_URL = re.compile(r"(?:https?://|www\.)\S+|ECLI:[\w:. -]+?\d{4}:\w+")
_ROLE_BEFORE = re.compile(r"(?:[Mm]inister(?:-[Pp]resident)?s?|[Ss]taatssecretaris(?:sen)?|[Bb]ewindspersonen|[Bb]ewindspersoon)\s+(?:van|voor)\s+(?:het\s+|de\s+)?$")
_ROLE_PORTFOLIO_BEFORE = re.compile(
    r"(?:[Mm]inister|[Ss]taatssecretaris)(?:s|sen)?\s+(?:(?:van|voor)\s+[^().]{3,80}|[A-ZÀ-Þ][\w'’-]+(?:\s[\w'’-]+){0,2})\s*\(\s*$"
)
_AFTER_CITATION = re.compile(r"^[\s,.;:]*(?:\d{1,2}\s+[a-z]+\s+\d{4})?[\s,.;:]*$")
_LAW_HEAD = re.compile(r"^(?:Wet|Wetboek|Besluit|Regeling|Verordening|Richtlijn|Algemene wet)\b|(?:wet|besluit|verordening|richtlijn|Act|Directive|Regulation)$")
_PROGRAMME_HEAD = re.compile(r"(?i)(?:programma|aanpak|therapie|register|databank|systeem|fonds|fund|regeling|initiatief|project|system)\b")
_REPORT_HEAD = re.compile(r"(?i)(?:verkenning|rapport|rapportage|strategie|akkoord|kader|code|monitor|nota|handboek|visie|verslag|agenda)\b")


def _classify_long(text: str) -> EntityType | None:
    """Type of the long form of a defined abbreviation, by its shape; None when unsure."""
    if _LAW_HEAD.search(text):
        return EntityType.LAW
    if is_org_name(text):
        return EntityType.ORGANISATION
    if _PROGRAMME_HEAD.search(text):
        return EntityType.PROGRAMME
    if _REPORT_HEAD.search(text):
        return EntityType.REPORT
    return None


def find_mentions(text: str, where: str, year: int | None = None) -> list[Mention]:
    """Every candidate mention in one place's text, before overlaps are resolved; `year` (of the document)
    leaves out gazetteer names that did not exist then."""
    g = default_gazetteer()
    gaz = [m for m in g.find(text) if m.key not in g.entries or g.entries[m.key].valid_in(year)]
    out: list[Mention] = []
    out += gaz
    out += find_citations(text)
    out += find_treaties(text, gaz)
    out += find_laws(text)
    out += find_organisations(text)
    out += find_titles(text)
    out += find_media(text, in_footnote=where.startswith("footnote"))
    out += find_persons(text)
    urls = [m.span() for m in _URL.finditer(text)] if "http" in text or "www." in text or "ECLI:" in text else []
    out = [m for m in out if m.end > m.start and not any(a <= m.start < b for a, b in urls)]
    return _filter(text, out)


def _filter(text: str, mentions: list[Mention]) -> list[Mention]:
    """Context rules that remove mentions which name an office or a qualifier rather than a thing."""
    g = default_gazetteer()
    quotes = [(m.start, m.end) for m in mentions if m.rule in ("quoted", "citation-title")]
    citations = [m for m in mentions if m.rule == "kamerstuk"]
    out: list[Mention] = []
    for m in mentions:
        before, after = text[max(0, m.start - 40) : m.start], text[m.end : m.end + 14]
        entry = g.entries.get(m.key) if m.rule == "gazetteer" else None
        # "de Minister van VWS", "Staatssecretaris van JenV": an office, not the ministry
        if m.key.startswith("org:min-") and (_ROLE_BEFORE.search(before) or re.match(r"-[a-z]", after)):
            continue
        # "EU-landen", "VN-klimaatconferentie", "EU fondsen": the abbreviation qualifies a noun
        if entry is not None and "adj" in entry.flags and re.match(r"(?:-|\s)[a-z]", after) and not re.match(r"\s(?:en|of|heeft|is|wordt|zal|kan|moet|en|die|dat|de|het|in|op|voor|met|van|te|om|als|bij|aan|over|zelf|ook|niet|nog|al)\b", after):
            continue
        # a party after a member's name "(VVD)" or before "-leden": the member's party, not a subject
        if entry is not None and entry.party and (re.search(r"[A-Z]\w+\s*\($", before) or re.match(r"-(?:leden|lid|Kamerleden|Kamerlid)\b", after)):
            continue
        # inside a quoted title only well-known names count, not shapes
        if m.rule in ("org-shape", "org-cue", "title-head", "title-compound", "title-cue") and any(a <= m.start and m.end <= b for a, b in quotes):
            continue
        # "Kamerstuk 31 839, nr. 1031, 5 november 2024, Voortgangsbrief Jeugd": the title of that Kamerstuk
        if m.type in (EntityType.REPORT, EntityType.MEDIA_ITEM) and any(c.end <= m.start and _AFTER_CITATION.match(text[c.end : m.start]) for c in citations):
            continue
        out.append(m)
    return out


def _year(doc: Document) -> int | None:
    """The document's year: answered, submitted, or the first year of the session."""
    for d in (doc.date_answered, doc.date_submitted):
        if d is not None:
            return d.year
    if doc.session and doc.session[:4].isdigit():
        return int(doc.session[:4]) + 1
    return None


def _excluded_people(doc: Document) -> set[str]:
    names = [m.name for m in doc.askers] + [o.name for o in (*doc.answerers, *doc.on_behalf_of) if o.name]
    return {surname_key(n) for n in names if n}


def _own_keys(doc: Document) -> set[str]:
    keys: set[str] = set()
    if doc.session and doc.number is not None:
        ch = "ek" if doc.chamber and doc.chamber.value == "Eerste Kamer" else "tk"
        keys.add(f"pd:ah-{ch}-{doc.session.replace('-', '')}-{doc.number}")
    if doc.zaak:
        keys.add(f"pd:{doc.zaak.lower()}")
    return keys


def _disambiguate(found: list[Found]) -> list[Found]:
    """Keep an ambiguous abbreviation ("Wpg") only when the document names one of its meanings in full."""
    present = {f.mention.key for f in found if not dict(f.mention.attrs).get("ambiguous")}
    out: list[Found] = []
    for f in found:
        amb = dict(f.mention.attrs).get("ambiguous")
        if not amb:
            out.append(f)
            continue
        choices = [k for k in amb.split("|") if k in present]
        if len(choices) == 1:
            g = default_gazetteer().entry(choices[0])
            m = f.mention
            out.append(Found(f.where, Mention(g.type, g.label, m.start, m.end, g.key, (("source", g.source),), m.priority, m.rule), f.order))
    return out


# parsed parts kept in `Entity.attrs`; the rule that found a mention is added only when DEBUG_RULES is set
ATTR_KEYS = frozenset(
    {"kind", "chamber", "session", "dossier", "suffix", "number", "item", "id", "treaty_key", "article", "paragraph", "sub", "outlet",
     "source", "date", "url", "abbreviation", "surname", "member"}
)
DEBUG_RULES = False


def _public_attrs(m: Mention) -> tuple[tuple[str, str], ...]:
    attrs = tuple(a for a in m.attrs if a[0] in ATTR_KEYS and not (a[0] == "source" and a[1] in ("gazetteer", "refdata")))
    return (*attrs, ("rule", m.rule)) if DEBUG_RULES else attrs


def extract(doc: Document) -> Document:
    """The document with `entities` and `claims` filled (notices name nothing: their entities stay empty)."""
    if doc.kind is Kind.NOTICE:
        return doc.replace(entities=(), claims=())
    # a place name can occur twice (two series of footnotes both numbered from 1): the second one is read
    # under an internal name ("footnote 1#2"); its mentions keep the place name but get no offsets, because
    # `place_text("footnote 1")` returns the first one
    places: list[Place] = []
    seen: dict[str, int] = {}
    for w, t in doc.places():
        if not t:
            continue
        seen[w] = seen.get(w, 0) + 1
        places.append(Place(w if seen[w] == 1 and doc.place_text(w) == t else f"{w}#{seen[w]}", t))
    texts = {p.where: p.text for p in places}
    found: list[Found] = []
    definitions = []
    year = _year(doc)
    for p in places:
        for m in resolve_overlaps(find_mentions(p.text, p.where, year)):
            found.append(Found(p.where, m, 0))
        definitions += [(p.where, d) for d in find_definitions(p.text)]
    found = _disambiguate(found)
    # a motie cited by number anywhere in the document is that Kamerstuk: drop its by-name mentions
    cited = {f.mention.key for f in found if f.mention.rule == "motie-cited"}
    found = [f for f in found if not (f.mention.rule in ("motie", "motie-cited") and f.mention.key in cited)]
    found = apply_definitions(found, definitions, texts, lambda long, where, start: _classify_long(long))
    # a mention found twice at the same span (rule + abbreviation) counts once; keep per-place order
    rank = {p.where: i for i, p in enumerate(places)}
    found.sort(key=lambda f: (rank[f.where], f.mention.start, -(f.mention.end - f.mention.start)))
    per_place: dict[str, list[Mention]] = {}
    for f in found:
        per_place.setdefault(f.where, []).append(f.mention)
    found = [
        Found(w, m, 0)
        for w in texts
        for m in resolve_overlaps(per_place.get(w, []))
        if not (m.key.startswith("org:min-") and _ROLE_PORTFOLIO_BEFORE.search(texts[w][max(0, m.start - 90) : m.start]))
    ]
    found.sort(key=lambda f: (rank[f.where], f.mention.start))

    people = _excluded_people(doc)
    own = _own_keys(doc)
    found = [
        f
        for f in found
        if not (f.mention.type is EntityType.PERSON and surname_key(dict(f.mention.attrs).get("surname", f.mention.label)) in people)
        and f.mention.key not in own
    ]
    see_also: list[Found] = []
    for s in doc.see_also:
        m = see_also_mentions(s.session, s.number, doc.chamber.value if doc.chamber else "Tweede Kamer")
        if m is not None and m.key not in own:
            see_also.append(Found("title", m, 0))
    entities = []
    merged, remap = merge_entities(see_also + found)
    for f in merged:
        m = f.mention
        text = texts.get(f.where, "")
        located = m.start >= 0 and "#" not in f.where
        entities.append(
            Entity(
                type=m.type,
                label=m.label,
                where=f.where.split("#")[0],
                surface=text[m.start : m.end] if m.start >= 0 else "",
                start=m.start if located else None,
                end=m.end if located else None,
                key=m.key,
                attrs=_public_attrs(m),
            )
        )
    sources = [(f.where, f.mention.start, f.mention.end, f.mention.type, remap.get(f.mention.key, f.mention.key)) for f in found]
    claims = find_claims(doc, sources)
    return doc.replace(entities=tuple(entities), claims=tuple(claims))
