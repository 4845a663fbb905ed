"""Name keys for linking: persons (initials, tussenvoegsels, diacritics, glued words), parties, portfolios.

Printed names and reference names are both reduced to *compact keys* (letters only, no accents,
lower case) so that "Yeşilgöz-Zegerius", "Faber – van de Klashorst" and "Hirsch-Ballin" meet
their reference forms. A printed name gives several keys, strongest first.

>>> compact("Faber – van de Klashorst")
'fabervandeklashorst'
>>> [(v.key, v.strength, v.given) for v in printed_variants("Inge van Dijk")]
[('ingevandijk', 3, None), ('vandijk', 3, 'inge'), ('dijk', 2, 'inge')]
>>> party_key("P.v.d.A."), party_key("Groep Van Haga"), party_key("D'66")
('pvda', 'vanhaga', 'd66')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PARTICLES",
    "NameParts",
    "Variant",
    "compact",
    "fold",
    "given_compatible",
    "initials_of",
    "loose_org_key",
    "name_key",
    "party_key",
    "portfolio_key",
    "printed_variants",
    "reference_keys",
    "split_full_name",
    "strip_particles",
]

# Dutch (and a few foreign) surname particles: "van der", "ter", "d'" …
PARTICLES: frozenset[str] = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "la",
        "le",
        "du",
        "d'",
        "des",
        "di",
        "da",
        "del",
        "della",
        "von",
        "zu",
        "'s",
        "uit",
        "aan",
        "bij",
        "onder",
        "tot",
        "voor",
    ]
)
_TITLES = re.compile(
    r"^(?:(?:de\s+heer|mevrouw|mejuffrouw|jonkheer|jonkvrouw|msc|ma|ba|llm|phd)(?:\s+|$)|(?:mevr|mej|mw|dhr|hr|mr|dr|drs|ir|ing|prof|ds|jhr|jkvr|bc)\.\s*)",
    re.I,
)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]{0,2}\.\s*)+(?=\s|$)|^(?:[A-Z]\.)+[A-Z]?(?=\s)")
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@lru_cache(maxsize=1 << 16)  # pure, and the same names come back in every document
def fold(text: str) -> str:
    """Lower case without accents, dashes unified, spaces collapsed.

    >>> fold("  Kostić  –  Gräper ")
    'kostic - graper'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub("-", text.lower()).replace("\u00b4", "'").replace("’", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1 << 16)  # pure, and the same names come back in every document
def compact(text: str) -> str:
    """Letters only (see `fold`): the key every name comparison uses.

    >>> compact("Hirsch-Ballin") == compact("Hirsch Ballin")
    True
    """
    return re.sub(r"[^a-z]", "", fold(text))


def strip_particles(surname: str) -> str:
    """The surname without its leading particles: 'van der Wal-Zeggelink' → 'Wal-Zeggelink'.

    >>> strip_particles("Van 't Wout")
    'Wout'
    """
    words = surname.split()
    i = 0
    while i < len(words) - 1 and fold(words[i]) in PARTICLES:
        i += 1
    return " ".join(words[i:])


def initials_of(text: str | None) -> str:
    """Upper-case initials: 'M.J.' → 'MJ', 'Th.C.' → 'TC', 'Jan Jacob' → 'JJ'.

    >>> initials_of("Th.C."), initials_of("Jan Jacob")
    ('TC', 'JJ')
    """
    if not text:
        return ""
    if "." in text:
        return "".join(p[0] for p in re.findall(r"[A-Za-z]+", text)).upper()
    return "".join(w[0] for w in fold(text).split() if w[0].isalpha()).upper()


@dataclass(frozen=True, slots=True)
class NameParts:
    """A reference name split into given names, particles and surname."""

    given: str = ""
    prefix: str = ""
    surname: str = ""
    initials: str = ""


def _clean_printed(name: str) -> tuple[str, str]:
    """Strip titles and initials; split glued words ('DaniëlleJansen'). Returns (name, initials)."""
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip(" ,;.")
    for _ in range(3):
        name = _TITLES.sub("", name).strip()
    initials = ""
    m = _INITIALS.match(name)
    if m:
        initials = initials_of(m.group(0))
        name = name[m.end() :].strip()
    name = re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", "-", name)  # 'Faber – van de Klashorst' → 'Faber-van de Klashorst'
    name = re.sub(r"(?<=[a-zà-ÿ]{2})(?=[A-Z][a-zà-ÿ])", " ", name)  # 'DaniëlleJansen' → 'Daniëlle Jansen'
    name = re.sub(r"\b(van|de|der|den|ter|ten)(?=[A-Z])", r"\1 ", name)
    return name.strip(), initials


@dataclass(frozen=True, slots=True)
class Variant:
    """One lookup key for a printed name: `strength` 3 (whole surname) … 1 (a part); `given` must then fit."""

    key: str
    strength: int
    given: str | None = None
    initials: str = ""


def printed_variants(name: str) -> list[Variant]:
    """Keys to look a printed name up with, strongest first (surname with and without given names).

    >>> [(v.key, v.strength) for v in printed_variants("Kalsbeek-Jasperse")]
    [('kalsbeekjasperse', 3), ('kalsbeek', 2)]
    >>> [(v.key, v.initials) for v in printed_variants("M.J. van Rijn")][:1]
    [('vanrijn', 'MJ')]
    >>> [v.key for v in printed_variants("Faber-Van de Klashorst")]
    ['fabervandeklashorst', 'faber']
    """
    clean, initials = _clean_printed(name)
    words = clean.split()
    if not words:
        return []
    out: list[Variant] = []
    seen: set[tuple[str, str | None]] = set()

    def add(key: str, strength: int, given: str | None) -> None:
        if len(key) >= 2 and (key, given) not in seen:
            seen.add((key, given))
            out.append(Variant(key, strength, given, initials))

    # where the surname may start: 0, or after leading given names (a particle or a hyphenated word starts it)
    starts = [0]
    if fold(words[0]) not in PARTICLES and "-" not in words[0]:
        for i in range(1, len(words)):
            starts.append(i)
            if fold(words[i]) in PARTICLES or "-" in words[i]:
                break
    for i in starts:
        given = compact(" ".join(words[:i])) or None
        surname = " ".join(words[i:])
        add(compact(surname), 3, given)
    for i in starts:
        given = compact(" ".join(words[:i])) or None
        surname = " ".join(words[i:])
        bare = strip_particles(surname)
        if bare != surname:
            add(compact(bare), 2, given)
        if "-" in surname:
            first = surname.split("-")[0]
            add(compact(first), 2, given)
    return out


def split_full_name(full: str, given: str | None = None) -> NameParts:
    """Split a reference name ('Dieuwke de Graaff-Nauta', 'drs. F.Q. Gräper-van Koolwijk') into parts.

    `given` from the source is used when it fits the full name.

    >>> split_full_name("Dieuwke de Graaff-Nauta", given="Dieuwke de Graaff-")
    NameParts(given='Dieuwke', prefix='de', surname='Graaff-Nauta', initials='D')
    >>> split_full_name("Ernst Hirsch Ballin", given="Ernst")
    NameParts(given='Ernst', prefix='', surname='Hirsch Ballin', initials='E')
    >>> split_full_name("drs. F.Q. Gräper-van Koolwijk").surname
    'Gräper-van Koolwijk'
    """
    clean, initials = _clean_printed(full or "")
    given = (given or "").strip()
    if given and (given.endswith("-") or any(fold(w) in PARTICLES for w in given.split()[1:]) or "." in given):
        given = ""  # a broken split in the source ("Dieuwke de Graaff-")
    words = clean.split()
    if given and clean.startswith(given + " "):
        rest = clean[len(given) :].strip()
    else:
        cut = max(len(words) - 1, 0)
        for i in range(1, len(words)):
            if fold(words[i]) in PARTICLES or "-" in words[i]:
                cut = i
                break
        if words and (fold(words[0]) in PARTICLES or "-" in words[0]):
            cut = 0
        given = " ".join(words[:cut])
        rest = " ".join(words[cut:])
    bare = strip_particles(rest)
    pre = rest[: len(rest) - len(bare)].strip()
    return NameParts(given=given, prefix=pre, surname=bare, initials=initials or initials_of(given))


def reference_keys(parts: NameParts) -> list[tuple[str, int]]:
    """Index keys of a reference name: whole surname (3), bare surname and first part (2).

    >>> reference_keys(NameParts("Carola", "van der", "Wal-Zeggelink"))
    [('vanderwalzeggelink', 3), ('walzeggelink', 2), ('vanderwal', 2)]
    """
    whole = f"{parts.prefix} {parts.surname}".strip()
    out = [(compact(whole), 3)]
    if parts.prefix:
        out.append((compact(parts.surname), 2))
    if "-" in parts.surname:
        first = f"{parts.prefix} {parts.surname.split('-')[0]}".strip()
        out.append((compact(first), 2))
    seen: set[str] = set()
    return [(k, s) for k, s in out if k and not (k in seen or seen.add(k))]


def given_compatible(printed: str | None, given_names: tuple[str, ...], initials: str) -> bool | None:
    """Does a printed given name fit the person? True, False, or None when the person's names are unknown.

    >>> given_compatible("inge", ("Inge",), "I"), given_compatible("olger", ("Inge",), "I")
    (True, False)
    >>> given_compatible("inge", (), "") is None
    True
    """
    if not printed:
        return True
    keys = [compact(g) for g in given_names if g]
    keys += [compact(w) for g in given_names for w in g.split() if w]
    keys = [k for k in keys if k]
    if keys:
        return any(k == printed or k.startswith(printed) or printed.startswith(k) for k in keys)
    if initials:
        return initials[0].lower() == printed[0]
    return None


@lru_cache(maxsize=1 << 16)  # pure, and the same names come back in every document
def party_key(text: str | None) -> str:
    """A comparable key for a party or fractie name (aliases are resolved by the caller).

    >>> party_key("GroenLinks-PvdA"), party_key("Lid Keijzer"), party_key("50PLUS")
    ('groenlinkspvda', 'keijzer', '50plus')
    """
    if not text:
        return ""
    t = fold(text)
    t = re.sub(r"^(?:groep|lid|fractie|fractie-)\s*[- ]?\s*", "", t)
    return re.sub(r"[^a-z0-9]", "", t)


@lru_cache(maxsize=1 << 16)  # pure, and the same names come back in every document
def name_key(text: str | None) -> str:
    """A comparable key for an organisation or law name: letters and digits, '&' read as 'en'.

    >>> name_key("Wet maatschappelijke ondersteuning 2015"), name_key("Centrum Wiskunde & Informatica")
    ('wetmaatschappelijkeondersteuning2015', 'centrumwiskundeeninformatica')
    """
    if not text:
        return ""
    return re.sub(r"[^a-z0-9]", "", fold(text).replace("&", " en "))


_ORG_PREFIX = re.compile(r"^(?:stichting|vereniging|team|de|het|'t)\s+", re.I)


def loose_org_key(text: str | None) -> str:
    """A weaker key for an organisation name: without 'Stichting'/'Team'/'De' and a '/abbreviation' tail.

    >>> loose_org_key("Stichting Nederlands Jeugdinstituut/NJi"), loose_org_key("Team Kinderombudsman")
    ('nederlandsjeugdinstituut', 'kinderombudsman')
    """
    if not text:
        return ""
    t = text.split("/")[0] if "/" in text and not text.startswith("/") else text
    prev = None
    while prev != t:
        prev, t = t, _ORG_PREFIX.sub("", t.strip())
    return name_key(t)


@lru_cache(maxsize=1 << 16)  # pure, and the same names come back in every document
def portfolio_key(text: str | None) -> str:
    """A comparable key for a portfolio: letters only, 'en'/'&' unified ('Klimaaten Groene Groei' fits).

    >>> portfolio_key("Volksgezondheid, Welzijn enSport") == portfolio_key("Volksgezondheid, Welzijn en Sport")
    True
    >>> portfolio_key("EL&I") == portfolio_key("ELenI")
    True
    """
    if not text:
        return ""
    t = fold(text).replace("&", " en ")
    t = re.sub(r"^(?:het\s+)?(?:ministerie|minister|staatssecretaris)\s+(?:van|voor)\s+", "", t)
    t = re.sub(r"^(?:van|voor)\s+", "", t)
    return re.sub(r"[^a-z]", "", t)
