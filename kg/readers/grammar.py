"""The fixed sentences of a written-question publication, shared by every reader.

Whatever the format, the same sentences carry the header: the heading ("Vragen van het lid X (P) aan
de Minister van A over … (ingezonden 6 maart 2024)"), the answer line ("Antwoord van Minister X (A)
mede namens … (ontvangen …) Zie ook Aanhangsel Handelingen, vergaderjaar …, nr. …") and the block
labels ("Vraag 3, 4 en 5"). These functions parse them from plain strings; they are pure and
tolerant of the usual extraction damage (glued words, OCR noise in fixed words).

>>> parse_date("17februari 1994")
datetime.date(1994, 2, 17)
>>> parse_numbers("3, 4 en 5")
(3, 4, 5)
>>> [m.name for m in parse_askers("de leden Ypma en Rebel (beiden PvdA)")]
['Ypma', 'Rebel']
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kg.model import Member, Office, Official, Role, SeeAlso

__all__ = [
    "MONTHS",
    "PORTFOLIOS",
    "AnswerLine",
    "Heading",
    "Notice",
    "clean_name",
    "normalise_session",
    "parse_addressees",
    "parse_answer_line",
    "parse_askers",
    "parse_date",
    "parse_heading",
    "parse_notice",
    "parse_numbers",
    "parse_officials",
    "repair_glue",
    "session_for_date",
    "split_portfolios",
]

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

# Portfolios (ministries, ministers without portfolio, "voor" posts) as printed, present and past.
PORTFOLIOS: tuple[str, ...] = (
    "Algemene Zaken", "Asiel en Migratie", "Binnenlandse Zaken", "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Handel en Ontwikkelingssamenwerking", "Buitenlandse Handel en Ontwikkelingshulp",
    "Buitenlandse Zaken", "Defensie", "Economische Zaken", "Economische Zaken en Klimaat",
    "Economische Zaken, Landbouw en Innovatie", "Financiën", "Infrastructuur en Milieu",
    "Infrastructuur en Waterstaat", "Justitie", "Justitie en Veiligheid", "Klimaat en Energie",
    "Klimaat en Groene Groei", "Landbouw, Natuur en Voedselkwaliteit", "Landbouw, Natuurbeheer en Visserij",
    "Landbouw en Visserij", "Landbouw, Visserij, Voedselzekerheid en Natuur", "Medische Zorg",
    "Medische Zorg en Sport", "Langdurige Zorg, Jeugd en Sport", "Milieu en Wonen", "Onderwijs, Cultuur en Wetenschap",
    "Onderwijs en Wetenschappen", "Ontwikkelingssamenwerking", "Primair en Voortgezet Onderwijs",
    "Primair en Voortgezet Onderwijs en Media", "Rechtsbescherming", "Sociale Zaken en Werkgelegenheid",
    "Veiligheid en Justitie", "Verkeer en Waterstaat", "Volkshuisvesting en Ruimtelijke Ordening",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", "Volksgezondheid, Welzijn en Sport",
    "Welzijn, Volksgezondheid en Cultuur", "Wonen en Rijksdienst", "Wonen, Wijken en Integratie",
    "Vreemdelingenzaken en Integratie", "Jeugd en Gezin", "Europese Zaken", "Koninkrijksrelaties",
    "Nederlandse Antillen en Aruba", "Armoedebeleid, Participatie en Pensioenen", "Fiscaliteit en Belastingdienst",
    "Toeslagen en Douane", "Herstel Groningen", "Mijnbouw", "Digitalisering en Koninkrijksrelaties",
    "Volkshuisvesting en Ruimtelijke Ordening", "Natuur en Stikstof", "Onderwijs, Kunsten en Wetenschappen",
    "Financiën – Fiscaliteit en Belastingdienst", "Financiën – Toeslagen en Douane", "Sport", "Cultuur en Media",
)  # fmt: skip
_PORTFOLIO_KEYS = {p.lower() for p in PORTFOLIOS}

_DASH = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_MONTH_RE = r"[a-zA-Z]{3,10}"
# "23 mei 2014", "17februari 1994", "4 juni 19931" (a footnote marker glued to the year)
DATE_RE = re.compile(rf"(\d{{1,2}})\s*({_MONTH_RE})\.?\s*(\d{{4}})")
_SESSION_RE = re.compile(rf"((?:1[89]|20)\d\d)\s*[-{_DASH}/]\s*((?:1[89]|20)?\d\d)")
# the patterns the functions below use on every document, compiled once
_RANGE = re.compile(r"(\d+)\s*(?:t/m|tot en met|-|–)\s*(\d+)")
_NUMBER = re.compile(r"\d+")
_WS = re.compile(r"\s+")
_ACUTE = re.compile(r"(\w) ?\u00b4")
_GRAVE = re.compile(r"(\w) ?`")
_GLUED_TUSSEN = re.compile(r"\b(van|de|der|den|ter|ten)([A-Z])")
_GLUED_NAME = re.compile(r"([a-zà-ÿ]{3})([A-Z][a-zà-ÿ])")
_BROKEN_HYPHEN = re.compile(r"(?<=\S)-\s+(?=\S)|(?<=\S)\s+-(?=\S)")
_TITLE = re.compile(r"^(?:de heer|mevrouw|mw\.|dhr\.|mr\.|dr\.|drs\.|ir\.|prof\.)\s+", re.I)
_GLUED_SMALL = re.compile(r"\b(en|van|voor|aan|over|de|het|bij|mede)([A-Z][a-zà-ÿ])")
_GLUED_OVER = re.compile(r"\bover(de|het|mijn|uw|zijn|hun|deze|dit)\b")
_MEDENAMENS = re.compile(r"\bmedenamens\b")
_SPACES = re.compile(r"\s{2,}")
_MONDELINGE = re.compile(r"Mondelinge", re.I)
_INGEZONDEN_DATE = re.compile(r"\(\s*[Il1]ngezonden\b([^)]*)\)?", re.I)
_AAN_DE = re.compile(r"\s(?:aan|tot)\s+(?:de|het)\s+(?=(?:[Mm]inister|[Ss]taats|[Vv]ice|[Mm]inister-?[Pp]resident))")
_OVER = re.compile(r"\s(?:over|inzake:?|betreffende)\s")
_AAN = re.compile(r"\baan\s+de\b")
_ASKERS_LEAD = re.compile(r"^(?:(?:Mondelinge\s+)?Vragen\s+van\s+)?(?:het|de)\s+(?:lid|leden)\s+", re.I)
_LID = re.compile(r"^(?:lid|leden)\s+", re.I)
_NAME_SEP = re.compile(r"\s+en\s+|\s*,\s*")
_PORTFOLIO_SEP = re.compile(r",?\s+en\s+(?:van|voor)\s+|,\s+(?:van|voor)\s+")
_EN = re.compile(r",?\s+en\s+")
_VAN = re.compile(r"^(?:van|voor)\s+")
_AFWEZIGHEID = re.compile(r",?\s+bij\s+afwezigheid\s+van\b")
_CHUNK_TAIL = re.compile(r",?\s+(?:en\s+)?(?:aan\s+)?(?:de|het)\s*$")
_EMPTY_CHUNK = re.compile(r"(?:,|en|de|het|\s)*")
_VAN_WORD = re.compile(r"\s*(?:van|voor)\b")
_LEAD_VAN = re.compile(r"^\s*(?:van|voor)\s+")
_HEER = re.compile(r"^(?:de\s+heer|mevrouw)\s+")
_VAN_START = re.compile(r"(?:van|voor)\b")
_MEDEDELING = re.compile(r"\s*Mededeling", re.I)
_ZIE_OOK = re.compile(r"\bZie\s+ook\b", re.I)
_ONTVANGEN = re.compile(r"\(+\s*(?:\(?\s*[Oo0]ntvangen\s*)+([^)]*)\)?")
_ANSWER_LEAD = re.compile(r"^\s*(?:Antwoord|Mededeling|Nader\s+antwoord)\s+(?:van|namens)\s+", re.I)


def _month(word: str) -> int | None:
    """The month a (possibly OCR-damaged) Dutch month name means: 'februan' → 2, 'Mei' → 5."""
    w = word.lower()
    if w in MONTHS:
        return MONTHS[w]
    best, best_score = None, 0.0
    for name, num in MONTHS.items():
        # prefix match tolerates truncation and noise in the tail ("februan", "septem")
        common = 0
        for a, b in zip(w, name, strict=False):
            if a != b:
                break
            common += 1
        score = common / max(len(name), len(w))
        if common >= 3 and score > best_score:
            best, best_score = num, score
    return best if best_score >= 0.5 else None


def parse_date(text: str) -> dt.date | None:
    """The first Dutch date in `text` ('ingezonden 23 mei 2014' → 2014-05-23), OCR-tolerant.

    >>> parse_date("(ontvangen 25 juni 2014)")
    datetime.date(2014, 6, 25)
    >>> parse_date("geen datum") is None
    True
    """
    for m in DATE_RE.finditer(text):
        month = _month(m.group(2))
        if month is None:
            continue
        try:
            return dt.date(int(m.group(3)), month, int(m.group(1)))
        except ValueError:
            continue
    return None


def normalise_session(text: str) -> str | None:
    """'2023–2024' / '2023/24' / '1993-1994' → '2023-2024'.

    >>> normalise_session("vergaderjaar 2019/20")
    '2019-2020'
    """
    m = _SESSION_RE.search(text)
    if not m:
        return None
    first, second = m.group(1), m.group(2)
    if len(second) == 2:
        second = first[:2] + second
    if int(second) != int(first) + 1:
        return None
    return f"{first}-{second}"


def session_for_date(date: dt.date | None) -> str | None:
    """The parliamentary year (vergaderjaar, third Tuesday of September) a date falls in.

    >>> session_for_date(dt.date(2024, 11, 20))
    '2024-2025'
    """
    if date is None:
        return None
    start = date.year if date >= _prinsjesdag(date.year) else date.year - 1
    return f"{start}-{start + 1}"


def _prinsjesdag(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    first_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + dt.timedelta(days=14)


def parse_numbers(text: str) -> tuple[int, ...]:
    """Question numbers in a label: '3, 4 en 5' → (3, 4, 5); '6en7' → (6, 7); '1 t/m 3' → (1, 2, 3)."""
    text = text.strip()
    m = _RANGE.fullmatch(text)
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 40:
        return tuple(range(int(m.group(1)), int(m.group(2)) + 1))
    nums = [int(n) for n in _NUMBER.findall(text)]
    out: list[int] = []
    for n in nums:
        if n not in out:
            out.append(n)
    return tuple(out)


# --- names -------------------------------------------------------------------------------------

_TUSSEN = ("van der", "van den", "van de", "van het", "van 't", "in 't", "in het", "op de", "de la", "van", "de", "der", "den", "ter", "te", "ten", "het", "in", "op", "la", "le", "du", "d'")


def clean_name(name: str) -> str:
    """Tidy a printed name: fix a detached accent ('Kostic ´' → 'Kostić'), spaces, glue ('vanDijk').

    >>> clean_name("Kostic ´")
    'Kostić'
    >>> clean_name("Inge vanDijk")
    'Inge van Dijk'
    """
    name = _WS.sub(" ", name).strip(" ,;")
    # a spacing acute accent printed after the letter it belongs to (PDF extraction of 'ć', 'é')
    if "\u00b4" in name:
        name = _ACUTE.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0301"), name)
    if "`" in name:
        name = _GRAVE.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0300"), name)
    name = _GLUED_TUSSEN.sub(r"\1 \2", name)
    name = _GLUED_NAME.sub(r"\1 \2", name)  # "DaniëlleJansen" glued at a line join
    if "-" in name:
        name = _BROKEN_HYPHEN.sub("-", name)  # a hyphen broken over lines; " - " stays
    return name.strip()


def _strip_titles(name: str) -> str:
    return _TITLE.sub("", name)


# --- glue repair -------------------------------------------------------------------------------


def _flex_alternatives(names: list[str]) -> str:
    """Names as regex alternatives with any spacing between their words, grouped by first letter.

    Within a group the order of `names` is kept, and only one group can match where a name starts,
    so the first name to match is the one a plain "A|B|…" finds, with fewer alternatives tried.
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(name)
    out = []
    for first, group in groups.items():
        tails = []
        for name in group:
            words = name.split()
            tails.append(r"\s*".join([re.escape(words[0][1:]), *(re.escape(w) for w in words[1:])]))
        out.append(re.escape(first) + "(?:" + "|".join(tails) + ")")
    return "|".join(out)


_PORTFOLIO_FLEX = re.compile(r"(?<![\w])(?:" + _flex_alternatives(sorted(PORTFOLIOS, key=len, reverse=True)) + r")")
_PORTFOLIO_BY_KEY = {re.sub(r"\s+", "", p): p for p in PORTFOLIOS}
_GLUE_AFTER = re.compile(r"(?:over|en|van|voor|mede|aan|bij|inzake)(?=\s|[A-Z(]|$)")


def repair_glue(text: str) -> str:
    """Undo words glued at line joins in the fixed sentences (heading, answer line).

    Known portfolios are matched whatever their spacing ("Klimaaten Groene Groei"), small words glued to
    a capital are split ("enVolksgezondheid") and "over" is split from its article ("overde").

    >>> repair_glue("aan de Ministers van Klimaaten Groene Groei en van Volksgezondheid, Welzijn en Sportover"
    ...             " de zorg enVolksgezondheid overhet bericht")
    'aan de Ministers van Klimaat en Groene Groei en van Volksgezondheid, Welzijn en Sport over de zorg en Volksgezondheid over het bericht'
    """

    def portfolio(m: re.Match[str]) -> str:
        canonical = _PORTFOLIO_BY_KEY.get(_WS.sub("", m.group(0)), m.group(0))
        end = m.end()
        return canonical + (" " if _GLUE_AFTER.match(text, end) and text[end : end + 1].isalpha() else "")

    text = _PORTFOLIO_FLEX.sub(portfolio, text)
    text = _GLUED_SMALL.sub(r"\1 \2", text)
    if "over" in text:
        text = _GLUED_OVER.sub(r"over \1", text)
    if "medenamens" in text:
        text = _MEDENAMENS.sub("mede namens", text)
    return _SPACES.sub(" ", text)


# --- heading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """What the heading sentence says."""

    askers: tuple[Member, ...]
    addressees: tuple[Office, ...]
    title: str | None
    title_offset: tuple[int, int] | None
    date_submitted: dt.date | None
    chamber_hint: str | None = None
    oral: bool = False


_HEAD_START = re.compile(r"(Mondelinge\s+)?Vra(?:gen|ag)\s+van\s+(?:het|de)\s+(?:lid|leden)\b", re.I)
_INGEZONDEN = re.compile(r"\(\s*[Il1]ngezonden\s+([^)]*?)\)?\s*\.?\s*$|\(\s*[Il1]ngezonden\s+([^)]*)\)", re.I)


def parse_heading(sentence: str) -> Heading:
    """Parse a heading sentence (lines already joined with spaces).

    >>> h = parse_heading("Vragen van het lid Podt (D66) aan de Minister van Asiel en Migratie over het "
    ...                   "bericht «X» (ingezonden 24 oktober 2024).")
    >>> h.askers[0].name, h.askers[0].party, h.addressees[0].portfolio, h.title, str(h.date_submitted)
    ('Podt', 'D66', 'Asiel en Migratie', 'het bericht «X»', '2024-10-24')
    """
    s = repair_glue(_WS.sub(" ", sentence).strip())
    oral = bool(_MONDELINGE.match(s))
    m = _HEAD_START.search(s)
    rest = s[m.end() :] if m else s
    offset = m.end() if m else 0
    date = None
    ing = _INGEZONDEN_DATE.search(rest)
    if ing:
        date = parse_date(ing.group(1))
        body_end = ing.start()
    else:
        body_end = len(rest)
    body = rest[:body_end]
    # split "<askers> aan de <addressees> over <title>"; "inzake:" is the older form of "over"
    over = _find_over(body)
    if over is not None:
        who, title = body[: over[0]], body[over[1] :]
        title_start = offset + over[1]
    else:
        who, title, title_start = body, None, None
    aan = _AAN_DE.search(who)
    if aan:
        askers_text, addressee_text = who[: aan.start()], who[aan.end() :]
    else:
        askers_text, addressee_text = who, ""
    askers = parse_askers(askers_text)
    addressees = parse_addressees(addressee_text) if addressee_text else ()
    title_offset = None
    if title is not None:
        stripped = title.rstrip(" .")
        lead = len(title) - len(title.lstrip())
        title_offset = (title_start + lead, title_start + len(stripped))
        title = stripped.strip() or None
    return Heading(tuple(askers), tuple(addressees), title, title_offset, date, oral=oral)


def _find_over(body: str) -> tuple[int, int] | None:
    """Where ' over ' (or ' inzake:') separates the askers/addressees from the title."""
    # the title follows the first " over " that comes after the closing parenthesis of the askers
    candidates = list(_OVER.finditer(body))
    for c in candidates:
        prefix = body[: c.start()]
        depth = prefix.count("(") - prefix.count(")")
        if (depth <= 0 and "(" in prefix) or (depth <= 0 and _AAN.search(prefix)):
            return c.start(), c.end()
    if candidates:
        c = candidates[0]
        return c.start(), c.end()
    return None


_PARTY_GROUP = re.compile(r"\(\s*(?:beiden|allen|alle\s+drie|alle\s+vier|beide)\s+([^)]+)\)", re.I)


def parse_askers(text: str) -> list[Member]:
    """Members in 'de leden X (P), Y (Q) en Z (beiden R)' order, each with the party printed for it.

    >>> [(m.name, m.party) for m in parse_askers("de leden Olger van Dijk (Nieuw Sociaal Contract) en Pierik (BBB)")]
    [('Olger van Dijk', 'Nieuw Sociaal Contract'), ('Pierik', 'BBB')]
    >>> [(m.name, m.party) for m in parse_askers("het lid Bushoff , Kröger (beiden GroenLinks-PvdA)")]
    [('Bushoff', 'GroenLinks-PvdA'), ('Kröger', 'GroenLinks-PvdA')]
    """
    t = _WS.sub(" ", text).strip()
    t = _ASKERS_LEAD.sub("", t)
    t = _LID.sub("", t)
    members: list[Member] = []
    pending: list[str] = []
    # tokens: names separated by "," / " en ", each optionally followed by "(party)"
    pos = 0
    pattern = re.compile(r"\s*([^(),]+?)\s*(?:\(([^)]*)\)|(?=,|$))\s*(?:,|\ben\b|$)\s*")
    while pos < len(t):
        m = pattern.match(t, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        chunk, party = m.group(1).strip(), m.group(2)
        names = [n for n in _NAME_SEP.split(chunk) if n.strip()]
        if party is None:
            pending.extend(names)
            continue
        g = _PARTY_GROUP.fullmatch(f"({party})")
        party_name = g.group(1).strip() if g else party.strip()
        pending.extend(names)
        for n in pending:
            n = clean_name(_strip_titles(n))
            if n:
                members.append(Member(n, party_name or None))
        pending = []
    for n in pending:
        n = clean_name(_strip_titles(n))
        if n and not re.fullmatch(r"c\.s\.?", n):
            members.append(Member(n, None))
    return members


_ROLE_RE = re.compile(
    r"(?P<role>[Mm]inister[- ][Pp]resident|[Vv]ice-?[Mm]inister-?[Pp]resident|[Mm]inisters?|[Ss]taatss?ecretariss(?:en)?|[Ss]taatss?ecretaris(?:sen)?)"
)


def _role(word: str) -> Role:
    w = word.lower()
    if "president" in w:
        return Role.MINISTER_PRESIDENT if not w.startswith("vice") else Role.MINISTER
    if w.startswith("staats"):
        return Role.STAATSSECRETARIS
    return Role.MINISTER


def split_portfolios(text: str, plural: bool) -> list[str]:
    """Split 'A en (van) B' into portfolios when the role word was plural; keep known names whole.

    >>> split_portfolios("Volksgezondheid, Welzijn en Sport en van Veiligheid en Justitie", True)
    ['Volksgezondheid, Welzijn en Sport', 'Veiligheid en Justitie']
    >>> split_portfolios("Financiën en Sociale Zaken en Werkgelegenheid", True)
    ['Financiën', 'Sociale Zaken en Werkgelegenheid']
    """
    t = _WS.sub(" ", text).strip(" ,.")
    parts = [p.strip(" ,") for p in _PORTFOLIO_SEP.split(t) if p.strip(" ,")]
    if not plural:
        return [t] if len(parts) <= 1 else parts
    out: list[str] = []
    for part in parts:
        out.extend(_split_known(part))
    return out


def _split_known(part: str) -> list[str]:
    if part.lower() in _PORTFOLIO_KEYS:
        return [part]
    pieces = list(_EN.finditer(part))
    for m in pieces:
        left, right = part[: m.start()].strip(), part[m.end() :].strip()
        if left.lower() in _PORTFOLIO_KEYS and (right.lower() in _PORTFOLIO_KEYS or _split_known(right) != [right]):
            return [left, *_split_known(right)]
    for m in reversed(pieces):
        left, right = part[: m.start()].strip(), part[m.end() :].strip()
        if right.lower() in _PORTFOLIO_KEYS and left.lower() in _PORTFOLIO_KEYS:
            return [left, right]
    return [part]


def _portfolio(text: str) -> str:
    t = _WS.sub(" ", text).strip(" ,.;")
    t = _VAN.sub("", t)
    return t


def parse_addressees(text: str) -> list[Office]:
    """Offices in 'de Minister van A en de Staatssecretaris van B' / 'de Ministers van A en van B'.

    >>> [(o.role.value, o.portfolio) for o in parse_addressees(
    ...     "de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Veiligheid en Justitie")]
    [('Staatssecretaris', 'Volksgezondheid, Welzijn en Sport'), ('Staatssecretaris', 'Veiligheid en Justitie')]
    >>> [(o.role.value, o.portfolio) for o in parse_addressees("de Minister-President")]
    [('Minister-President', None)]
    """
    t = _WS.sub(" ", text).strip(" ,.")
    t = _AFWEZIGHEID.split(t)[0]
    offices: list[Office] = []
    roles = list(_ROLE_RE.finditer(t))
    for i, m in enumerate(roles):
        # a role word inside a portfolio ("… en de Minister van …") starts a new office
        end = roles[i + 1].start() if i + 1 < len(roles) else len(t)
        chunk = t[m.end() : end]
        chunk = _CHUNK_TAIL.sub("", chunk).strip(" ,")
        chunk = "" if _EMPTY_CHUNK.fullmatch(chunk) else chunk
        role = _role(m.group("role"))
        if role == Role.MINISTER_PRESIDENT and not _VAN_WORD.match(chunk):
            offices.append(Office(role, None))
            continue
        plural = m.group("role").lower().endswith(("s", "sen"))
        chunk = _LEAD_VAN.sub("", chunk)
        for p in split_portfolios(chunk, plural) if chunk else []:
            offices.append(Office(role, _portfolio(p) or None))
        if not chunk:
            offices.append(Office(role, None))
    # "de Minister en de Staatssecretaris van X": the first office shares the portfolio printed after the second
    for i in range(len(offices) - 2, -1, -1):
        if offices[i].portfolio is None and offices[i].role != Role.MINISTER_PRESIDENT and offices[i + 1].portfolio:
            offices[i] = Office(offices[i].role, offices[i + 1].portfolio)
    return offices


# --- answer line -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """What the 'Antwoord van …' / 'Mededeling van …' line says."""

    notice: bool
    answerers: tuple[Official, ...]
    on_behalf_of: tuple[Official, ...]
    date_answered: dt.date | None
    see_also: tuple[SeeAlso, ...]


_OFFICIAL = re.compile(
    r"(?P<role>[Mm]inister[- ][Pp]resident|[Mm]inister|[Ss]taatss?ecretaris)\s+"
    r"(?P<name>(?!van\s|voor\s)[^()]+?)\s*\((?P<portfolio>[^()]*(?:\([^()]*\)[^()]*)*)\)?"
    r"(?=\s*(?:,|\ben\b|\bmede\b|\(|$|\.))"
)
_BEHALF = re.compile(r"\bmede\s*namens\b(.*)$", re.I)


def parse_officials(text: str) -> list[Official]:
    """'Minister Van Weel (Justitie en Veiligheid) en Staatssecretaris Coenradie (Justitie en Veiligheid)'.

    >>> [(o.name, o.role.value, o.portfolio) for o in parse_officials("minister Bukman (Landbouw, Natuurbeheer en Visserij)")]
    [('Bukman', 'Minister', 'Landbouw, Natuurbeheer en Visserij')]
    """
    out: list[Official] = []
    for m in _OFFICIAL.finditer(text):
        name = clean_name(_strip_titles(m.group("name")))
        name = _HEER.sub("", name)
        if not name or _VAN_START.match(name):
            continue
        out.append(Official(name, _role(m.group("role")), _portfolio(m.group("portfolio")) or None))
    if not out:
        # older form: "de heer Ter Beek, minister van Defensie"
        for m in re.finditer(r"(?:de heer|mevrouw)\s+([A-Z][^,]+?),\s+(minister|staatssecretaris)\s+(?:van|voor)\s+([^,.()]+)", text, re.I):
            out.append(Official(clean_name(m.group(1)), _role(m.group(2)), _portfolio(m.group(3))))
    return out


def parse_behalf(text: str) -> list[Official]:
    """'mede namens de Minister van A en de Staatssecretaris van B' (names when printed)."""
    out: list[Official] = []
    named = parse_officials(text)
    if named:
        return named
    for office in parse_addressees(text):
        out.append(Official(None, office.role, office.portfolio))
    return out


_SEE_ALSO = re.compile(
    r"Zie\s+ook\s+(?:Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+II)?)?\s*,?\s*(?:vergaderjaar\s+)?"
    r"(?P<session>\d{4}\s*[-–—/]\s*\d{2,4})?\s*,?\s*(?:nr\.?|nummer)?\s*(?P<number>\d+)?",
    re.I,
)


def parse_see_also(text: str) -> list[SeeAlso]:
    """'Zie ook Aanhangsel Handelingen, vergaderjaar 2013–2014, nr. 2290' (also without 'nr.')."""
    out = []
    for m in _SEE_ALSO.finditer(text):
        session = normalise_session(m.group("session") or "")
        number = int(m.group("number")) if m.group("number") else None
        if session or number:
            out.append(SeeAlso(session, number))
    return out


def parse_answer_line(text: str) -> AnswerLine:
    """Parse the answer (or notice) line, lines already joined.

    >>> a = parse_answer_line("Antwoord van Staatssecretaris Van Rijn (Volksgezondheid, Welzijn en Sport) mede "
    ...     "namens de Staatssecretaris van Veiligheid en Justitie (ontvangen 25 juni 2014) Zie ook Aanhangsel "
    ...     "Handelingen, vergaderjaar 2013–2014, nr. 2290")
    >>> [(o.name, o.portfolio) for o in a.answerers], [(o.name, o.portfolio) for o in a.on_behalf_of]
    ([('Van Rijn', 'Volksgezondheid, Welzijn en Sport')], [(None, 'Veiligheid en Justitie')])
    >>> str(a.date_answered), a.see_also[0].number
    ('2014-06-25', 2290)
    """
    s = _WS.sub(" ", text).strip()
    notice = bool(_MEDEDELING.match(s))
    zie = _ZIE_OOK.search(s)
    see_also = parse_see_also(s[zie.start() :]) if zie else []
    head = s[: zie.start()] if zie else s
    ontv = _ONTVANGEN.search(head)
    date = parse_date(ontv.group(1)) if ontv else None
    if date is None:
        # '(ontvangen 17 juli\n2024)' split oddly, or the date without parenthesis
        tail = re.search(r"[Oo0]ntvangen\s+(.*)$", head)
        date = parse_date(tail.group(1)) if tail else None
    who = head[: ontv.start()] if ontv else head
    who = _ANSWER_LEAD.sub("", who)
    behalf_m = _BEHALF.search(who)
    behalf_text = behalf_m.group(1) if behalf_m else ""
    main = who[: behalf_m.start()] if behalf_m else who
    answerers = parse_officials(main)
    if not answerers:
        answerers = [Official(None, o.role, o.portfolio) for o in parse_addressees(main)]
    on_behalf = parse_behalf(behalf_text) if behalf_text else []
    return AnswerLine(notice, tuple(answerers), tuple(on_behalf), date, tuple(see_also))


# --- notice ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """What a Mededeling (postponement notice) says about the questions it concerns."""

    askers: tuple[Member, ...]
    addressees: tuple[Office, ...]
    title: str | None
    zaak: str | None
    date_submitted: dt.date | None


_ZAAK_RE = re.compile(r"\b(20\d\d)\s?Z\s?(\d{5})\b")


def parse_notice(text: str, received: dt.date | None = None) -> Notice:
    """Parse the body of a Mededeling: who asked whom about what, and the zaak number.

    `received` supplies the year of a date printed without one ("Op 6 november jl.").

    >>> n = parse_notice("Op 6 november jl. hebben de leden Gabriëls en Bromet (beiden GroenLinks-PvdA) schriftelijke "
    ...     "vragen gesteld aan de minister van Defensie over de berichten dat buffels PFAS binnenkrijgen. Vanwege …",
    ...     dt.date(2024, 11, 20))
    >>> [m.name for m in n.askers], n.addressees[0].portfolio, n.title, str(n.date_submitted)
    (['Gabriëls', 'Bromet'], 'Defensie', 'de berichten dat buffels PFAS binnenkrijgen', '2024-11-06')
    >>> parse_notice("De vragen van het lid Flach (SGP) over de stallen (2024Z17067) kunnen niet …").zaak
    '2024Z17067'
    """
    s = re.sub(r"\s+", " ", text).strip()
    askers: list[Member] = []
    offices: list[Office] = []
    title = zaak = None
    date = None
    m = re.search(
        r"[Vv]ragen\s+van\s+(?:het|de)\s+(?:lid|leden)\s+(?P<who>.+?)\s+(?:van\s+uw\s+Kamer\s+)?"
        r"(?:aan\s+(?:de|het)\s+(?P<to>.+?)\s+)?(?:over|inzake)\s+(?P<title>.+?)\s*"
        r"\((?:ingezonden\s+(?P<date>[^)]*)|(?P<zaak>\d{4}\s?Z\s?\d{5})[^)]*)\)",
        s,
    )
    if m is None:
        m = re.search(
            r"(?:[Oo]p\s+(?P<date>\d{1,2}\s+[a-z]+(?:\s+\d{4})?)\s+(?:jl\.?\s+)?)?(?:hebben|heeft)\s+(?:het\s+lid|de\s+leden)\s+"
            r"(?P<who>.+?)\s+(?:schriftelijke\s+)?vragen\s+(?:gesteld|ingediend)\s+(?:aan\s+(?:de|het)\s+(?P<to>.+?)\s+)?"
            r"(?:over|inzake)\s+(?P<title>.+?)\s*(?:\((?P<zaak>\d{4}\s?Z\s?\d{5})\)|\.(?:\s|$))",
            s,
        )
    if m:
        askers = parse_askers(m.group("who"))
        if m.group("to"):
            offices = parse_addressees(m.group("to"))
        title = m.group("title").strip(" .") or None
        if m.group("zaak"):
            zaak = _ZAAK_RE.search(m.group("zaak"))
            zaak = f"{zaak.group(1)}Z{zaak.group(2)}" if zaak else None
        if m.group("date"):
            date = parse_date(m.group("date"))
            if date is None and received is not None:
                date = parse_date(f"{m.group('date')} {received.year}")
                if date is not None and date > received:
                    date = date.replace(year=received.year - 1)
    if zaak is None and (z := _ZAAK_RE.search(s)):
        zaak = f"{z.group(1)}Z{z.group(2)}"
    return Notice(tuple(askers), tuple(offices), title, zaak, date)
