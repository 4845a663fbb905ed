"""Laws and regulations by their shape (the gazetteer adds the well-known ones and their abbreviations).

Shapes: a capitalised head ("Wet …", "Besluit …", "Regeling …", "Wetboek van …"), a capitalised compound
("Mijnbouwwet", "Huisvestingswet 2014", "Vuurwerkbesluit"), EU acts by number ("Richtlijn 2006/112/EG",
"Verordening (EU) 2023/1115"), acts by their date and Staatsblad ("Wet van 24 april 1985 (Stb. 230)", as
older texts cite them) and English acts ("Civil Liberties Act of 1988"). When the BWB index of the
reference data is present, a phrase is cut back to the longest citeertitel it starts with.

>>> [m.label for m in find_laws("ga ik de Wet publieke gezondheid en de Mijnbouwwet wijzigen, zie richtlijn 79/7/EEG.")]
['Richtlijn 79/7/EEG', 'Wet publieke gezondheid', 'Mijnbouwwet']
>>> [(m.label, m.key) for m in find_laws("art. 9 der wet van 14 Juli 1 919 (Staats- blad n°. 493) tot wijziging")]
[('wet van 14 Juli 1919 (Staatsblad n°. 493)', 'law:wetvan19190714stb493')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import refdata
from kg.extract.base import (
    MONTH_NUMBERS,
    MONTHS,
    Mention,
    compound_starts,
    finditer_at,
    finditer_fast,
    fold,
    make_key,
    word_start_ok,
)
from kg.extract.phrases import title_extent
from kg.model import EntityType

__all__ = ["find_laws"]

LAW = EntityType.LAW
_HEAD_BODY = (
    r"(?:Wet|Wetboek|Besluit|Regeling|Verordening|Uitvoeringswet|Invoeringswet|Aanpassingswet|Beleidsregels?|"
    r"Subsidieregeling|subsidieregeling(?=\s+[A-Z])|Rijkswet|Kaderwet|Algemene\s+wet|Instructie|Ambtsinstructie|Reglement)(?=\s+[\w(])"
)
_HEAD = re.compile(r"(?<![\w-])" + _HEAD_BODY)
_HEAD_FAST = re.compile(_HEAD_BODY)  # without the look-behind the regex engine skips to the heads' first letters
_COMPOUND = re.compile(r"(?<![\w-])[A-ZÀ-Þ][a-zß-ÿ]+(?:-[a-zß-ÿ]+)?(?:wet|wetboek|besluit|verordening)(?:\s+(?:19|20|18)\d\d)?(?![\w-])")
_LOWER_OR_HYPHEN_BACK = re.compile(r"[a-zß-ÿ-]*")
_EU_NUMBER = re.compile(
    r"(?<![\w-])(?:(?:EG|EEG|EU)-)?(?P<kind>[Rr]ichtlijn|[Vv]erordening)\s*(?:\((?P<org>EU|EG|EEG|Euratom)\)\s*)?(?:nr\.\s*)?"
    r"(?P<num>\d{2,4}/\d{1,4}(?:/(?P<suf>EG|EEG|EU|Euratom))?)"
)
_ENGLISH = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*\s+){1,7}(?:Act|Directive|Regulation|Law)(?:\s+of\s+\d{4})?(?![\w-])(?!\s+[A-Z])")
_NOT_ENGLISH_START = {"The", "This", "That", "De", "Het", "Een", "Rule", "Zie", "En"}
# an act by its date, with its Staatsblad: "Wet van 24 april 1985 (Stb. 230)", "wet van 14 Juli 1919 (Staatsblad n°. 493)"
_DATED = re.compile(
    rf"(?<![\w-])(?P<head>[Ww]et|(?:[Kk]oninklijk\s+)?[Bb]esluit)\s+van\s+(?P<day>3[01]|[12]\d|0?[1-9])\s+(?P<month>(?ai:{MONTHS}))\s+"
    r"(?P<year>1\s?[89]\d\d|2\s?0\d\d)\s*(?:,\s*)?\((?P<stb>(?:Stb|Staats-?\s*blad)\b[^()]{0,30})\)"
)
# (each alternative starts with a letter, not a class, so that the regex engine can skip to them)
_HINT = re.compile(r"Wet|wet|Besluit|besluit|Regeling|regeling|Verordening|verordening|Richtlijn|richtlijn|Act\b|Directive|Regulation|Law\b|Instructie|Reglement")
_GENERIC = {"wet", "besluit", "regeling", "verordening", "wetboek", "grondwet", "reglement", "instructie"}


_COORDINATED = re.compile(r",?\s+(?:en|of)\s+(?:(?:de|het|een)\s+)?(?=[A-ZÀ-Þ])")


def _snap(text: str, start: int, end: int) -> int:
    """Cut the phrase back to the longest known citeertitel it starts with (when the BWB index is loaded);
    without one, before a coordinated name ("Wet publieke gezondheid en de Mijnbouwwet": "en" + a capital;
    "Wet werk en bijstand" stays whole)."""
    titles = refdata.law_titles()
    if not titles:
        m = _COORDINATED.search(text, start, end)
        return m.start() if m else end
    words = list(re.finditer(r"\S+", text[start:end]))
    for k in range(len(words), 0, -1):
        stop = start + words[k - 1].end()
        if fold(text[start:stop]) in titles:
            return stop
    return end


def find_laws(text: str) -> list[Mention]:
    """Law-shaped phrases in one text."""
    out: list[Mention] = []
    if _HINT.search(text) is None:
        return out
    for m in _EU_NUMBER.finditer(text) if "ichtlijn" in text or "erordening" in text else ():
        kind = m.group("kind").capitalize()
        num = m.group("num")
        if m.group("org"):
            label = f"{kind} ({m.group('org')}) {num}"
        elif m.group("suf"):
            label = f"{kind} {num}"
        else:
            label = f"{kind} {num}/EEG" if m.group().startswith("EEG-") else f"{kind} {num}"
        out.append(Mention(LAW, label, m.start(), m.end(), make_key(LAW, label), (("number", num),), 75, "eu-act"))
    out.extend(_dated(text) if "Stb" in text or "blad" in text else ())
    for m in finditer_fast(_HEAD_FAST, _HEAD, text):
        if not word_start_ok(text, m.start()):
            continue
        end = _snap(text, m.start(), title_extent(text, m.start(), 12))
        label = text[m.start() : end]
        words = label.split()
        if len(words) < 2 or label.lower() in _GENERIC:
            continue
        if (
            words[0] in ("Regeling", "Besluit", "Instructie", "Reglement")
            and words[1] in ("van", "de", "het")
            and not re.match(r"(?:Besluit|Regeling) van de (?:Minister|Staatssecretaris)", label)
        ):
            continue
        if re.match(r"(?:Wet|Besluit|Regeling) van \d", label):
            continue
        out.append(Mention(LAW, label, m.start(), end, make_key(LAW, label), (), 60, "law-shape"))
    for m in finditer_at(_COMPOUND, text, compound_starts(text, ("wet", "besluit", "verordening"), _LOWER_OR_HYPHEN_BACK)):
        if not word_start_ok(text, m.start()) or m.group().lower() in _GENERIC:
            continue
        out.append(Mention(LAW, m.group(), m.start(), m.end(), make_key(LAW, m.group()), (), 60, "law-compound"))
    for m in _ENGLISH.finditer(text) if "Act" in text or "Directive" in text or "Regulation" in text or "Law" in text else ():
        first = m.group().split()[0]
        if first in _NOT_ENGLISH_START:
            continue
        out.append(Mention(LAW, m.group(), m.start(), m.end(), make_key(LAW, m.group()), (), 58, "law-english"))
    return out


def _dated(text: str) -> Iterator[Mention]:
    """Acts cited by their date and Staatsblad, keyed by the kind of act, the date and the Staatsblad
    number (several acts can share a day), so that each citation of one act has one key.

    >>> [m.key for m in _dated("koninklijk besluit van 3 mei 2001, (Stb. 2001, 12) en Besluit van 03 Mei 2001 (Stb. 12)")]
    ['law:besluitvan20010503stb12', 'law:besluitvan20010503stb12']
    """
    for m in _DATED.finditer(text):
        year, month = m.group("year").replace(" ", ""), MONTH_NUMBERS[m.group("month").lower()]
        head = " ".join(m.group("head").split())
        stb = " ".join(re.sub(r"Staats-?\s*blad", "Staatsblad", m.group("stb")).split())
        label = f"{head} van {m.group('day')} {m.group('month')} {year} ({stb})"
        date = f"{year}-{month:02d}-{int(m.group('day')):02d}"
        number = re.findall(r"\d+", stb)
        kind = "wet" if head.lower() == "wet" else "besluit"  # a koninklijk besluit is titled "Besluit van …"
        key = make_key(LAW, f"{kind} van {date.replace('-', '')} stb {number[-1] if number else ''}")
        yield Mention(LAW, label, m.start(), m.end(), key, (("date", date),), 70, "law-dated")
