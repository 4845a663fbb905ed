"""Titles: «quoted» titles and named reports, programmes and plans.

A quoted title is typed by the word before it: "het bericht «…»" is a MediaItem, "het rapport «…»" a
Report, "het programma «…»" a Programme, "de initiatiefnota ‘…’" a ParliamentaryDocument. Unquoted
names are found by their head: a capitalised "Voortgangsrapportage …", "Handreiking …", "Monitor …",
a capitalised compound ending in "-strategie", "-akkoord", "-agenda", and a capitalised name after a
lower-case cue word ("het programma Preventie met Gezag", "actieplan Kinderen Veilig").

>>> [(m.type.value, m.label) for m in find_titles("Kent u het rapport «Preventie van kindermishandeling» en het bericht «Ombudsman: Overheid dwingt burgers tot fraude»?")]
[('Report', 'Preventie van kindermishandeling'), ('MediaItem', 'Ombudsman: Overheid dwingt burgers tot fraude')]
>>> [(m.type.value, m.label) for m in find_titles("via de Voortgangsrapportage Geweld in Afhankelijkheidsrelaties en het programma Preventie met Gezag.")]
[('Report', 'Voortgangsrapportage Geweld in Afhankelijkheidsrelaties'), ('Programme', 'Preventie met Gezag')]
"""

from __future__ import annotations

import itertools
import re

from kg.extract.base import (
    Mention,
    capitals_after_space,
    compound_starts,
    finditer_at,
    finditer_fast,
    make_key,
    occurrences,
    reversed_text,
    word_before,
    word_start_ok,
)
from kg.extract.organisations import is_org_name
from kg.extract.phrases import proper_extent, title_extent
from kg.model import EntityType

__all__ = ["find_titles", "quoted_spans"]

REPORT, PROGRAMME, MEDIA, PD, LAW, ORG = (
    EntityType.REPORT,
    EntityType.PROGRAMME,
    EntityType.MEDIA_ITEM,
    EntityType.PARLIAMENTARY_DOCUMENT,
    EntityType.LAW,
    EntityType.ORGANISATION,
)

_CUE_TYPES: list[tuple[EntityType, str]] = [
    (MEDIA, r"bericht(?:en)?|nieuwsbericht|artikel(?:en)?|krantenartikel|[A-Z]+-artikel|interview|uitzending|aflevering|reportage|column|"
     r"opiniestuk|podcast|documentaire|tweet|item|nieuwsitem|kop|verschenen\s+artikel|de\s+kop|titel"),
    (PD, r"initiatiefnota|initiatiefwetsvoorstel|motie|amendement|Kamerbrief|kamerbrief"),
    (REPORT, r"rapport(?:age)?|onderzoeksrapport|eindrapport|onderzoek|studie|publicatie|advies|evaluatie|verslag|eindverslag|"
     r"handreiking|leidraad|richtlijn|factsheet|analyse|monitor|notitie|visie|verklaring|statement|internetconsultatie|consultatie|"
     r"brief|nota|plan|actieplan|convenant|strategie|agenda|code|position\s+paper|boek|standaardwerk|"
     r"kader|kwaliteitskader|handboek|toolkit|essay|Ambtsbericht|ambtsbericht|jaarverslag"),
    (PROGRAMME, r"programma|campagne|aanpak|project|interventie|gedragsinterventie|beleid|pakket|initiatief|concept|app|platform|"
     r"methode|methodiek|systeem|databank|register|fonds|regeling|maatregel|pilot|proef|training|cursus|keurmerk|label|logo"),
    (LAW, r"wet|wetsvoorstel|wetgeving|Act"),
]
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "”", "‘": "’", "'": "'", '"': '"'}
_OPEN = re.compile(r"[«“„‘'\"]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted strings (inside the quotes); «…» may nest.

    >>> t = "het bericht «Jos de Blok: «VWS en NZa hebben Buurtzorg buitengesloten»» en ‘Kader’"
    >>> [t[a:b] for a, b in quoted_spans(t)]
    ['Jos de Blok: «VWS en NZa hebben Buurtzorg buitengesloten»', 'Kader']
    """
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        m = _OPEN.search(text, i)
        if m is None:
            break
        q = m.group()
        start = m.end()
        if q in "‘'" and (m.start() > 0 and text[m.start() - 1].isalnum()):
            i = m.end()
            continue
        close = _QUOTE_PAIRS[q]
        if q == "«":
            depth, j = 1, start
            while j < n and depth:
                if text[j] == "«":
                    depth += 1
                elif text[j] == "»":
                    depth -= 1
                j += 1
            if depth:
                i = m.end()
                continue
            end = j - 1
        else:
            j = start
            end = -1
            while j < n:
                k = text.find(close, j)
                if k < 0:
                    break
                # an apostrophe inside a word ("regio’s") is not a closing quote
                if close in "’'" and k + 1 < n and text[k + 1].isalpha() and text[k - 1 : k].isalpha():
                    j = k + 1
                    continue
                end = k
                break
            if end < 0 or end - start > 300 or "\n" in text[start:end]:
                i = m.end()
                continue
        if end - start >= 2:
            out.append((start, end))
        i = end + 1
    return out


_CUE_RES = [
    (etype, re.compile(rf"(?<![\w-])(?:{pattern})(?:\s+(?:van|over|met|op|in|de|het|der|getiteld|genaamd|met\s+de\s+titel|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*),?)*\s*[:,]?\s*$"))
    for etype, pattern in _CUE_TYPES
]


def _cue_type(before: str) -> EntityType | None:
    """The type named by the last words before a quote ("… het rapport", "… de campagne")."""
    tail = before[-45:]
    best: tuple[int, EntityType] | None = None
    for etype, rx in _CUE_RES:
        m = rx.search(tail)
        if m is not None and (best is None or m.start() > best[0]):
            best = (m.start(), etype)
    return best[1] if best else None


_POST_CUE = re.compile(r"^\s*-?(?P<w>concept|programma|campagne|aanpak|project|app|initiatief|rapport|onderzoek|advies|akkoord|plan)\b")
_OWN_PROGRAMME = re.compile(r"(?i)(?:^|\s)\S*(?:pakket|programma|aanpak|campagne|regeling|fonds|systeem|register|initiatief|project)$|^\S*(?:aanpak|programma)\b")
_OWN_REPORT = re.compile(r"(?i)(?:^|\s)\S*(?:rapport|rapportage|strategie|akkoord|agenda|code|monitor|nota|plan|visie|verkenning|handreiking|leidraad|richtlijn)(?:\s+(?:19|20)\d\d)?$")


def _after_cue(after: str) -> EntityType | None:
    """A type named right after the quote ("het «One Health» concept")."""
    m = _POST_CUE.match(after)
    if m is None:
        return None
    return REPORT if m.group("w") in ("rapport", "onderzoek", "advies", "akkoord", "plan") else PROGRAMME


def _own_type(title: str) -> EntityType | None:
    """A capitalised quoted name typed by its own head ("«Kind Veilig Preventie Pakket»", «Vierlandenoverleg Zorg»)."""
    words = title.split()
    if not words or not title[:1].isupper() or len(words) > 8 or sum(1 for w in words if w[:1].isupper()) < max(1, len(words) // 2):
        return None
    if is_org_name(title):
        return ORG
    if _OWN_PROGRAMME.search(title):
        return PROGRAMME
    if _OWN_REPORT.search(title):
        return REPORT
    return None


def _clean_title(t: str) -> str:
    return re.sub(r"\s+", " ", t.strip(" ,.;:")).strip()


def _quoted(text: str) -> list[Mention]:
    out: list[Mention] = []
    prev: tuple[int, EntityType] | None = None
    for a, b in quoted_spans(text):
        title = text[a:b]
        if not title.strip() or len(title.split()) > 40:
            continue
        etype = _cue_type(text[max(0, a - 60) : a - 1])
        if etype is None and prev is not None and re.fullmatch(r"[»”’'\"]?\s*(?:,|en|of)\s*", text[prev[0] : a - 1]):
            etype = prev[1]  # "de berichten «A» en «B»"
        if etype is None:
            etype = _after_cue(text[b + 1 : b + 30]) or _own_type(text[a:b])
        prev = (b, etype) if etype is not None else None
        if etype is None:
            continue
        # leading/trailing spaces inside the quotes are not part of the title
        a2 = a + (len(title) - len(title.lstrip()))
        b2 = b - (len(title) - len(title.rstrip()))
        label = _clean_title(text[a2:b2])
        if len(label) < 3 or (etype is not MEDIA and len(label.split()) > 25):
            continue
        out.append(Mention(etype, label, a2, b2, make_key(etype, label), (("quoted", "yes"),), 85, "quoted"))
    return out


# capitalised heads of report/programme names
_REPORT_HEADS = (
    r"Voortgangsrapportage|Voortgangsbrief|Verzamelbrief|Handreiking|Leidraad|Richtlijn(?:en)?|Code|Monitor|Nota|Agenda|Strategie|"
    r"Kader|Kwaliteitskader|Landelijk\s+Kwaliteitskader|Actieplan|Visie|Convenant|Rapport|Verkenning|Jaarverslag|Jaarrapport|Staat\s+van|"
    r"Uitvoeringsagenda|Inventarisatie|Notitie|Signaalrapportage|Evaluatie|Ambtsbericht|Algemeen\s+[Aa]mbtsbericht|Masterplan|Routekaart|"
    r"Werkagenda|Beleidsagenda|Beleidsbrief|Eindverslag|Prioriteitennota|Toekomstvisie|Overzicht"
)
_PROGRAMME_HEADS = (
    r"Programma|Nationaal\s+Programma|Aanpak|Regioaanpak|Actieprogramma|Databank|Register|Basisregistratie|Fonds|Campagne|"
    r"Ondersteuningsprogramma|Stimuleringsregeling|Deltaprogramma|Meerjarenprogramma|Basispakket"
)
_HEAD_RE = re.compile(rf"(?<![\w-])(?:(?P<r>{_REPORT_HEADS})|(?P<p>{_PROGRAMME_HEADS}))(?=\s)")
_HEAD_FAST = re.compile(rf"(?:{_REPORT_HEADS}|{_PROGRAMME_HEADS})(?=\s)")  # the same heads, found by their first letter
_COMPOUND_SUFFIXES = ("strategie", "akkoord", "agenda", "visie", "rapportage", "programma", "nota", "convenant")
_COMPOUND_BODY = (
    r"[A-ZÀ-Þ][a-zß-ÿ]{3,}(?P<suf>" + "|".join(_COMPOUND_SUFFIXES) + ")"
    r"(?:\s+(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)\d\d)?)?(?![\w-])"
)
_COMPOUND_RE = re.compile(r"(?<![\w-])" + _COMPOUND_BODY)
_TAIL_PROGRAMME = frozenset(["pakket", "systeem", "programma", "initiative", "programme", "fund"])
# capitalised names that end in a head: "Fair Practice Code", "Waterinjectie Management Plan", "Early Warning Systeem"
_TAIL_HEADS = r"Code|Plan|Monitor|Pakket|Systeem|Programma|Report|Strategy|Roadmap|Initiative|Programme|Fund|Outlook"
# "{1,5}" written as one word and "{0,4}": the same pattern, but the regex engine sees that it starts with a capital
_TAIL_HEAD = re.compile(rf"[A-ZÀ-Þ][\w&-]+\s+(?:[A-ZÀ-Þ][\w&-]+\s+){{0,4}}(?P<h>{_TAIL_HEADS})(?:\s+(?:19|20)\d\d)?(?![\w-])")
_TAIL_HINT = re.compile(_TAIL_HEADS)
_LOWER_CUE_WORDS = (
    "programma", "actieplan", "actieprogramma", "campagne", "project", "projecten", "maatregel", "gedragsinterventie", "interventie",
    "ondersteuningsprogramma", "aanpak", "plan", "rapport", "nota", "initiatiefnota", "brief", "kamerbrief", "rapportage", "app", "platform",
    "systeem", "register", "internetconsultatie", "consultatie",
)  # fmt: skip
_LOWER_CUE = re.compile(r"(?<![\w-])(?P<cue>" + "|".join(_LOWER_CUE_WORDS) + r")\s+(?P<name>[A-ZÀ-Þ])")
_LOWER_CUE_WORDS_SET = frozenset(_LOWER_CUE_WORDS)
_LOWER_CONTINUATION = frozenset({"Basispakket", "Handreiking", "Leidraad", "Richtlijn", "Richtlijnen", "Notitie", "Voortgangsrapportage", "Voortgangsbrief", "Verzamelbrief", "Actieplan", "Signaalrapportage", "Inventarisatie", "Evaluatie", "Routekaart"})


_SENTENCE_END = re.compile(r"(?:^|[.?!:;•]\s*|\n\s*)$")


def _at_sentence_start(text: str, i: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, i - 4) : i]))


_GENERIC_TITLES = frozenset(
    ["code", "nota", "agenda", "kader", "monitor", "rapport", "visie", "strategie", "programma", "aanpak", "register", "fonds", "campagne", "richtlijn", "richtlijnen", "handreiking", "leidraad", "evaluatie", "verkenning", "notitie", "actieplan", "convenant", "jaarverslag"]
)


def _named(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in finditer_fast(_HEAD_FAST, _HEAD_RE, text):
        if not word_start_ok(text, m.start()):
            continue
        etype = REPORT if m.group("r") else PROGRAMME
        head = m.group()
        end = proper_extent(text, m.start(), 10)
        if end <= m.end() and head.split()[-1] in _LOWER_CONTINUATION:
            # "Handreiking aanpak kindermishandeling", "Richtlijn Veilig optreden bij vuurwerk"
            end = title_extent(text, m.start(), 4)
        label = text[m.start() : end]
        # "Databank Effectieve Interventies van het Nationaal Jeugd Instituut": the owner is not part of the title
        owner = re.search(r"\s+van\s+(?:de\s+|het\s+)?(?=[A-ZÀ-Þ])", label)
        if owner and is_org_name(label[owner.end() :]):
            end = m.start() + owner.start()
            label = text[m.start() : end]
        if label.lower() in _GENERIC_TITLES:
            continue
        if len(label.split()) < 2 and (not re.search(r"[a-z]{5,}(?:kader|rapportage|agenda|strategie|visie|brief|nota)$", label) or _at_sentence_start(text, m.start())):
            continue
        if re.match(r"(?:Code|Nota|Kader|Register|Fonds|Aanpak|Programma|Rapport|Monitor|Overzicht)\s+(?:van|voor|de|het|en)\b", label):
            continue
        out.append(Mention(etype, label, m.start(), end, make_key(etype, label), (), 50, "title-head"))
    for m in finditer_at(_COMPOUND_RE, text, compound_starts(text, _COMPOUND_SUFFIXES)):
        if not word_start_ok(text, m.start()) or m.group().lower() in _GENERIC_TITLES:
            continue
        if any(o.start <= m.start() < o.end for o in out):
            continue
        suf = m.group("suf")
        etype = PROGRAMME if suf in ("programma",) else REPORT
        end = max(m.end(), proper_extent(text, m.start(), 8))
        label = text[m.start() : end]
        out.append(Mention(etype, label, m.start(), end, make_key(etype, label), (), 48, "title-compound"))
    for m in _TAIL_HEAD.finditer(text) if _TAIL_HINT.search(text) else ():
        start = m.start()
        if not word_start_ok(text, start) or _at_sentence_start(text, start) or any(o.start <= start < o.end for o in out):
            continue
        label = m.group()
        if label.split()[0] in ("De", "Het", "Een", "Deze", "Dit", "In", "Op", "Bij", "Met", "Voor"):
            continue
        etype = PROGRAMME if m.group("h").lower() in _TAIL_PROGRAMME else REPORT
        out.append(Mention(etype, label, start, m.end(), make_key(etype, label), (), 46, "title-tail"))
    for m in finditer_at(_LOWER_CUE, text, _lower_cue_starts(text)):
        start = m.start("name")
        end = proper_extent(text, start, 8)
        if end <= start:
            continue
        label = text[start:end]
        cue = m.group("cue")
        if cue in ("rapport", "nota", "brief", "kamerbrief", "rapportage", "internetconsultatie", "consultatie"):
            etype = REPORT
        elif cue == "initiatiefnota":
            etype = PD
        else:
            etype = PROGRAMME
        if label.split()[0] in ("De", "Het", "Een", "Nederland", "Europa", "Rijk") or re.match(r"^[A-Z]+$", label):
            continue
        out.append(Mention(etype, label, start, end, make_key(etype, label), (("cue", cue),), 45, "title-cue"))
    return out


# the first capital is written once before the alternatives, so that the regex engine sees what the name starts with
_KINDS = ("rapport", "onderzoek", "project", "programma", "convenant", "strategie", "akkoord")
_NAME_THEN_KIND = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÀ-Þ][\w]*[A-Z][\w]*|[A-ZÀ-Þ][a-zß-ÿ]+[A-Z][\w]*|[A-ZÀ-Þ][\w]+-[A-ZÀ-Þ][\w]+)(?:-|\s)"
    r"(?P<kind>" + "|".join(_KINDS) + r")\b"
)
_RUN_BACK = re.compile(r"[\w÷×-]*")  # in the reversed text: the rest of a word before a position (÷, × are in [a-zß-ÿ], [A-ZÀ-Þ])


def _name_then_kind_starts(text: str) -> list[int]:
    """Where `_NAME_THEN_KIND` can start: at the capitals of the word before each kind word."""
    rev = reversed_text(text)
    n = len(text)
    out: set[int] = set()
    for q in occurrences(text, _KINDS):
        if q >= 2 and (text[q - 1] == "-" or text[q - 1].isspace()):
            start = q - 1 - len(_RUN_BACK.match(rev, n - q + 1).group())
            out.update(m.start() for m in _CAPITAL_1.finditer(text, start, q - 1))
    return sorted(out)


_KIND_SUFFIXES = ("programma", "campagne", "leidraad", "strategie", "agenda", "aanpak", "monitor", "convenant", "regeling", "register", "visie", "verslag", "plan")
_KIND_FOR_NAME = re.compile(
    r"(?<![\w-])(?P<head>[a-zß-ÿ]{3,}(?P<suf>" + "|".join(_KIND_SUFFIXES) + r"))"
    r"\s+(?:(?:voor|over|tegen|rond)\s+(?:de\s+|het\s+)?)?(?P<name>[A-ZÀ-Þ][\w-]+(?:\s[A-ZÀ-Þ][\w-]+)*)"
)
_BEFORE_NAME = frozenset({"voor", "over", "tegen", "rond", "de", "het"})
_CAPITAL_1 = re.compile(r"[A-ZÀ-Þ]")


def _lower_cue_starts(text: str) -> list[int]:
    """Where `_LOWER_CUE` can start: at a cue word before a capital."""
    _, starts, words = capitals_after_space(text)
    return [starts[k] for k in itertools.compress(range(len(words)), map(_LOWER_CUE_WORDS_SET.__contains__, words))]


def _kind_for_name_starts(text: str) -> list[int]:
    """Where `_KIND_FOR_NAME` can start: at a word ending in a kind ("actieplan") before a capital, or before
    "voor (de)", "over (het)" … before one."""
    _, starts, words = capitals_after_space(text)
    out: set[int] = set()
    for k, word in enumerate(words):
        start = starts[k]
        if word in _BEFORE_NAME:
            if word in ("de", "het"):
                got = word_before(text, start)
                if got is None or got[1] not in _BEFORE_NAME:
                    continue
                start, word = got
            got = word_before(text, start)
            if got is None:
                continue
            start, word = got
        if word.endswith(_KIND_SUFFIXES):
            out.add(start)
            while start > 0 and text[start - 1] == "÷":  # a "÷" (in [a-zß-ÿ], not a word character) may be in the head
                out.add(start - 1)
                start = start - 1 - len(_RUN_BACK.match(reversed_text(text), len(text) - start + 1).group())
                out.add(start)
    return sorted(out)


def _phrases(text: str) -> list[Mention]:
    """ "het HyRegions rapport", "het EGALITE-rapport", "monitoringsprogramma voor Nutri-Score"."""
    out: list[Mention] = []
    for m in finditer_at(_NAME_THEN_KIND, text, _name_then_kind_starts(text)):
        etype = PROGRAMME if m.group("kind") in ("project", "programma") else REPORT
        name = m.group("name")
        if m.group("kind") in ("convenant", "strategie", "akkoord"):
            name = text[m.start("name") : m.end("kind")]
        if name.isupper() and len(name) <= 5:
            continue
        out.append(Mention(etype, name, m.start("name"), m.end("name"), make_key(etype, name), (), 47, "title-named"))
    for m in finditer_at(_KIND_FOR_NAME, text, _kind_for_name_starts(text)):
        suf = m.group("suf")
        etype = REPORT if suf in ("leidraad", "strategie", "agenda", "monitor", "convenant", "visie", "verslag", "plan") else (LAW if suf == "regeling" else PROGRAMME)
        if m.group("head").startswith("actie"):
            etype = PROGRAMME  # "actieplan Kinderen Veilig"
        if m.group("name") in ("De", "Het", "Een", "Nederland", "Europa", "Kamer") or m.group("head") in ("plan", "verslag"):
            continue
        end = max(m.end(), proper_extent(text, m.start("name"), 10))
        label = text[m.start() : end]
        out.append(Mention(etype, label, m.start(), end, make_key(etype, label), (), 46, "title-phrase"))
    return out


_STANDARD = re.compile(r"(?<![\w-])(?:ISO|NEN|EN)(?:/IEC)?[ -]?\d{3,5}(?:-\d{1,2})?(?::\d{4})?(?![\w])")


def _standards(text: str) -> list[Mention]:
    """Standards by number ("ISO 27001", "NEN 2767"): documents, typed Report."""
    if "ISO" not in text and "NEN" not in text and "EN " not in text:
        return []
    return [Mention(REPORT, m.group(), m.start(), m.end(), make_key(REPORT, m.group()), (), 60, "standard") for m in _STANDARD.finditer(text)]


def find_titles(text: str) -> list[Mention]:
    """Quoted titles, named reports/programmes and standards in one text."""
    return _quoted(text) + _named(text) + _phrases(text) + _standards(text)
