"""Persons named in the text (not the askers and answerers of the heading).

A person is recognised after a title or role ("burgemeester Huri Sahin", "president Biden", "het lid
Mutluer", "de leden Stoffelen en Middel", "dhr. Tjebbe van Oostenbruggen"), as a known given name followed
by a surname ("Geert Wilders"), or as a member who moved a motie ("motie-Bruins Slot/Pia Dijkstra").

>>> [m.label for m in find_persons("Volgens burgemeester Huri Sahin en de Turkse president Erdogan gaf Geert Wilders de leden Stoffelen en Middel gelijk.")]
['Huri Sahin', 'Erdogan', 'Geert Wilders', 'Stoffelen', 'Middel']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.extract.base import Mention, fold, make_key
from kg.extract.citations import find_motions
from kg.model import EntityType

__all__ = ["find_persons", "given_names", "surname_key"]

PERSON = EntityType.PERSON
_TUSSEN = r"(?:(?:[Vv]on\s+der|[Vv]an\s+(?:der|den|de|het)|[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]er|[Tt]en|[Tt]e|[Ii]n\s+'t|'t|[Ee]l|[Aa]l|[Ll]e|[Ll]a|[Dd]u|[Dd]a|[Vv]on)\s?)"
_SURNAME = r"[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț'’]+)?(?![\w-])"
_NAME = rf"(?:(?P<first>[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+(?:-[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+)?)\s+)?(?P<last>{_TUSSEN}?{_SURNAME}(?:\s{_SURNAME})?)"
_NAME_PLAIN = rf"(?:[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+(?:-[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+)?\s+)?{_TUSSEN}?{_SURNAME}(?:\s{_SURNAME})?"
_GIVEN_SURNAME = re.compile(rf"(?P<first>[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+(?:-[A-ZÀ-ÖØ-ÞĀ-Žș-ț][a-zß-öø-ÿā-žș-ț]+)?)\s+(?P<last>{_TUSSEN}?{_SURNAME})")
_NAME_RE = re.compile(_NAME)
# words that put a person's name after them ("burgemeester Huri Sahin", "president Biden", "het lid Mutluer")
_TITLE_WORDS = frozenset(
    ["burgemeester", "president", "premier", "minister-president", "minister", "staatssecretaris", "koning", "koningin", "prins", "prinses", "professor", "prof.", "dr.", "mr.", "drs.", "ir.", "dhr.", "mevrouw", "mevr.", "meneer", "kamerlid", "formateur", "informateur", "directeur", "voorzitter", "woordvoerder", "brandweerman", "huisarts", "bondskanselier", "secretaris-generaal", "rijksadviseur", "journalist", "hoogleraar", "onderzoeker", "wethouder", "gedeputeerde", "commandant", "generaal", "oorlogsmisdadiger", "collega", "fractievoorzitter", "partijleider", "lijsttrekker", "kanselier", "eu-commissaris", "eurocommissaris", "commissievoorzitter", "ambassadeur", "topman", "topvrouw", "ceo", "oprichter", "advocaat"]
)
_TITLE_AFTER = {"heer": ("de",), "lid": ("het", "voormalig", "oud"), "navo": ("sg",)}
_WORD_RE = re.compile(r"[^\W\d_][\w.-]*(?=\s+(?:[A-Z]\.\s*)*[A-ZÀ-ÖØ-ÞĀ-Žș-ț])")  # only words that a capital follows
# a capital after a space (initials start with one too), and, in the reversed text, the spaces before it and
# the word before them back to its first letter: faster than trying `_WORD_RE` at every letter
_CAPITAL_AFTER_SPACE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Žș-ț](?<=\s.)")
_WORD_BACK = re.compile(r"\s+([\w.-]*[^\W\d_])")
_NAME_AT = re.compile(rf"\s+(?:[A-Z]\.\s*)*{_NAME}")
_PLACE_ENDINGS = ("laan", "straat", "plein", "gracht", "kade", "singel")
_OFFICES = frozenset(["minister", "staatssecretaris", "secretaris-generaal", "commissaris", "president", "voorzitter", "directeur", "burgemeester"])
_TUSSEN_WORDS = frozenset({"Van", "De", "Den", "Der", "Ter", "Ten", "Te", "El", "Al", "Le", "La", "Du", "Da", "Von"})
_MEMBERS = re.compile(rf"leden\s+(?=[A-ZÀ-ÖØ-ÞĀ-Žș-ț])(?P<list>{_NAME_PLAIN}(?:\s*\([^()]{{1,25}}\))?(?:\s*(?:,|en)\s*{_NAME_PLAIN}(?:\s*\([^()]{{1,25}}\))?)*)")
_NOT_SURNAME = frozenset(
    ["Van", "De", "Den", "Der", "Het", "Een", "En", "In", "Op", "Voor", "Met", "Over", "Kamer", "Staten", "Minister", "Staatssecretaris", "President", "Raad", "Commissie", "Rijksoverheid", "Nederland", "Europa", "Europese", "Brussel", "Kabinet", "Regering", "Tweede", "Eerste", "Wet", "Verenigde", "Naties", "Unie", "Israël", "Amerikaanse", "Chinese", "Russische", "Turkse", "Franse", "Duitse", "Britse", "Oekraïne", "Rusland", "China", "Turkije", "Iran", "Zo", "Ook", "Deze", "Dit", "Die", "Dat", "Ja", "Nee", "Binnenlandse", "Buitenlandse", "Justitie", "Veiligheid", "Financiën", "Defensie", "Volksgezondheid", "Onderwijs", "Sociale", "Economische", "Infrastructuur", "Landbouw", "Klimaat", "Asiel", "Migratie", "Zaken", "Werkgelegenheid", "Welzijn", "Sport", "Cultuur", "Wetenschap", "Koninkrijksrelaties", "Waterstaat", "Natuur", "Voedselkwaliteit", "Vrijheid", "Democratie", "Gemeenten", "Politie", "Defensie", "Zie", "NAVO", "VN", "EU", "Rechtsbescherming", "Medische", "Zorg", "Jeugd", "Primair", "Voortgezet", "Hoger", "Armoedebeleid", "Participatie", "Pensioenen", "Buitenlandse", "Handel", "Ontwikkelingshulp", "Koninkrijk", "Landsadvocaat", "Kinderombudsman"]
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names from kg/data/gazetteer_given_names.tsv."""
    path = Path(__file__).resolve().parent.parent / "data" / "gazetteer_given_names.tsv"
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


def surname_key(name: str) -> str:
    """A folded surname without initials and given name, to compare with askers/answerers ("Van Rijn" → "vanrijn")."""
    name = re.sub(r"\b(?:[A-Z][a-z]?\.)+\s*", "", name).strip()
    words = name.split()
    if len(words) > 1 and words[0] in given_names():
        words = words[1:]
    return fold(" ".join(words))


_ORG_ENDINGS = ("commissie", "raad", "instituut", "bureau", "centrum", "dienst", "autoriteit", "inspectie", "bond", "partij", "ministerie", "beweging", "organisatie", "vereniging", "stichting")


def _valid(last: str) -> bool:
    parts = last.split()
    core = [p for p in parts if p[:1].isupper() and p not in _TUSSEN_WORDS]
    if not core or any(p in _NOT_SURNAME for p in core) or len(core[-1]) < 2:
        return False
    if any(p.lower().endswith(_PLACE_ENDINGS) and len(p) > 7 for p in core):
        return False  # "Prins Bernhardlaan": a street
    return not any(p.lower().endswith(_ORG_ENDINGS) for p in core)


def _mention(text: str, start: int, end: int, rule: str, first: str | None, last: str) -> Mention | None:
    if first in _TUSSEN_WORDS:
        first, last = None, f"{first} {last}"
    if not _valid(last):
        return None
    label = f"{first} {last}" if first and first in given_names() else last
    if first and first not in given_names():
        # a capitalised word before the surname that is not a known given name is still a given name after a title
        label = f"{first} {last}" if rule == "title" else last
    label = label[0].upper() + label[1:] if label.split()[0].lower() in ("van", "de", "den", "ter", "ten", "te") and not first else label
    return Mention(PERSON, label, start, end, make_key(PERSON, label), (("surname", last),), 65 if rule != "given" else 60, f"person-{rule}")


def _words_before_capitals(text: str) -> list[tuple[int, int]]:
    """Spans of the words that a capital follows (after spaces and initials): `_WORD_RE.finditer` as spans,
    found from the capitals after a space (the word before is matched backwards, in the reversed text).

    >>> t = "de burgemeester J. Sahin en 2e-minister Jan"
    >>> [t[a:b] for a, b in _words_before_capitals(t)] == [t[m.start() : m.end()] for m in _WORD_RE.finditer(t)]
    True
    """
    out: list[tuple[int, int]] = []
    rev = text[::-1]
    n = len(text)
    word_back = _WORD_BACK.match
    for cap in _CAPITAL_AFTER_SPACE.finditer(text):
        w = word_back(rev, n - cap.start())
        if w is not None:
            out.append((n - w.end(), n - w.start(1)))
    return out


def find_persons(text: str) -> list[Mention]:
    """Persons named in one text."""
    out: list[Mention] = []
    for w_start, w_end in _words_before_capitals(text):
        word = text[w_start:w_end].lower()
        is_title = (
            word in _TITLE_WORDS
            or word.rstrip(".") + "." in _TITLE_WORDS
            or word.endswith(("-directeur", "president", "premier", "burgemeester", "minister"))
            or word.startswith("oud-")
        )
        if not is_title and word in _TITLE_AFTER:
            before = text[max(0, w_start - 12) : w_start].split()
            is_title = bool(before) and before[-1].lower() in _TITLE_AFTER[word]
        if not is_title:
            continue
        m = _NAME_AT.match(text, w_end)
        if m is None:
            continue
        first, last = m.group("first"), m.group("last")
        start = m.start("first") if first else m.start("last")
        if (not first and last[:1].islower()) or (first is None and re.match(r"(?i:van|voor)\s", text[m.start("last") :]) and last[:1].islower()):
            continue  # "voorzitter van de commissie": "of the", not a tussenvoegsel
        # "Minister van …", "Staatssecretaris voor …" are offices, not names
        if re.match(r"(?:[Vv]an|[Vv]oor)\s", text[m.start("last") :]) and not first and word in _OFFICES:
            continue
        mm = _mention(text, start, m.end(), "title", first, last)
        if mm:
            out.append(mm)
    for m in _MEMBERS.finditer(text) if "leden" in text else ():
        # "leden", "Kamerleden", "SGP-leden", "PVV-Kamerleden" — not "ledenvergadering" or "bestuursleden"
        before = re.search(r"(?:^|[^\w-])([\w-]*)$", text[max(0, m.start() - 30) : m.start()])
        prefix = before.group(1) if before else ""
        if prefix and not (prefix.endswith("-") or prefix.lower().endswith("kamer")):
            continue
        if m.group("list")[:1].islower():
            continue  # "leden van de Gülenbeweging"
        names_text = re.sub(r"\([^()]*\)", lambda x: " " * len(x.group()), m.group("list"))
        for n in _NAME_RE.finditer(names_text):
            last = n.group("last")
            s = m.start("list") + n.start()
            mm = _mention(text, s, m.start("list") + n.end(), "member", n.group("first"), last)
            if mm and not any(o.start <= mm.start < o.end for o in out):
                out.append(mm)
    names = given_names()
    for m in _GIVEN_SURNAME.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isupper() or text[m.start() - 1].isdigit() or text[m.start() - 1] == "-"):
            continue
        if m.group("first") not in names or any(o.start <= m.start() < o.end for o in out):
            continue
        mm = _mention(text, m.start(), m.end(), "given", m.group("first"), m.group("last"))
        if mm:
            out.append(mm)
    for names_, start, end in find_motions(text):
        for n in names_:
            s = text.find(n, start, end + 1)
            if s < 0:
                continue
            words = n.split()
            first = words[0] if len(words) > 1 and words[0] in given_names() else None
            last = " ".join(words[1:]) if first else n
            mm = _mention(text, s, s + len(n), "motie", first, last)
            if mm and not any(o.start <= mm.start < o.end for o in out):
                out.append(mm)
    out.sort(key=lambda x: x.start)
    return out
