"""Parliamentary citations: Kamerstukken, Aanhangsel Handelingen, Handelingen, zaak/document numbers, moties.

Each citation becomes a ParliamentaryDocument mention whose `attrs` hold the parsed parts.

>>> [(m.label, dict(m.attrs)["dossier"]) for m in find_citations("zie Kamerstukken II 2019/20, 29 754, nrs. 520 en 548.")]
[('Kamerstukken II 29754, nr. 520', '29754'), ('Kamerstukken II 29754, nr. 548', '29754')]
>>> [m.label for m in find_citations("Aanhangsel Handelingen II 2019/20, nr. 89; Handelingen II 2023/24, nr. 12, item 4")]
['Aanhangsel Handelingen II 2019-2020, nr. 89', 'Handelingen II 2023-2024, nr. 12, item 4']
>>> [m.label for m in find_citations("de motie-Simons c.s. en de motie van het lid Mutluer")]
['motie-Simons c.s.', 'motie Mutluer']
"""

from __future__ import annotations

import re

from kg.extract.base import MONTHS, Mention, finditer_fast
from kg.model import EntityType

__all__ = ["find_citations", "find_motions", "motion_names", "normalise_session", "see_also_mentions"]

PD = EntityType.PARLIAMENTARY_DOCUMENT
_DASH = "-‐‑–—"
_SESSION = rf"(?:19|20)\d\d\s*[{_DASH}/]\s*(?:(?:19|20)?\d\d)"
_ROMAN = r"(?:[IVXL]{1,6}|[A-Z](?![a-z]))"
_DOSSIER = rf"(?P<dossier>\d{{2}}\s?\d{{3}}|\d{{1,4}})(?:(?:\s*[{_DASH}]\s*|\s)(?P<suffix>{_ROMAN}|\d{{1,2}}(?!\d|\s*\d{{3}}))(?![\w]))?"
_NUMS = rf"(?:nrs?\.?|nummers?)\s*(?P<nums>\d{{1,4}}(?:\s*(?:,|en|&)\s*\d{{1,4}}(?!\d)(?!\s*{MONTHS})(?!\s?\d{{3}}\b))*)"
_KST = re.compile(
    rf"(?<![A-Za-z])(?:[Kk]amerstuk(?:-?ken)?|TK|Kamerstukken|Tweede Kamer)(?:\s*(?P<chamber>II|I)(?![A-Za-z]))?"
    rf"[\s,]*(?:vergaderjaar\s*)?(?:(?P<session>{_SESSION})[\s,]*)?{_DOSSIER}[\s,]*{_NUMS}"
)
_KST_EK = re.compile(
    rf"(?<![A-Za-z])(?:[Kk]amerstuk(?:ken)?)?\s*(?P<chamber>I)\s+(?P<session>{_SESSION}),\s*(?P<dossier>\d{{2}}\s?\d{{3}}),\s*(?P<letter>[A-Z]{{1,2}})\b"
)
_CHAINED = re.compile(rf"\s+(?:en|,)\s+{_DOSSIER}[\s,]*{_NUMS}")
_AH = re.compile(
    rf"(?<![A-Za-z])(?:Aanhangsel\s+(?:van\s+de\s+)?Handelingen|Kamervragen\s*\(Aanhangsel\))(?:\s*(?P<chamber>II|I)(?![A-Za-z]))?"
    rf"[\s,]*(?:vergaderjaar\s*)?(?P<session>{_SESSION})[\s,]*(?:nr\.?|nummer)\s*(?P<num>\d{{1,5}})"
)
_AH_ID = re.compile(rf"(?<![\w])ah-(?P<ch>tk|ek)-(?P<y1>(?:19|20)\d\d)\s*[{_DASH}]?\s*(?P<y2>(?:19|20)\d\d)(?:\s*[{_DASH},]\s*(?:nr\.?\s*)?)(?P<num>\d{{1,5}})")
_HAND = re.compile(
    rf"(?<![A-Za-z])(?<!Aanhangsel )(?<!van de )Handelingen(?:\s*(?P<chamber>II|I)(?![A-Za-z]))?[\s,]*(?:vergaderjaar\s*)?(?P<session>{_SESSION})"
    rf"[\s,]*nr\.?\s*(?P<num>\d{{1,4}})(?:[\s,]*item\s*(?P<item>\d{{1,3}}))?"
)
_ZAAK = re.compile(r"(?<![\w/=])(?P<prefix>(?:Kamerstuk|Kamervragen|Kamerbrief)\s+)?(?P<id>(?:19|20)\d\d[ZD]\d{5})(?![\w])")
_KST_DASHED = re.compile(r"(?<![A-Za-z])[Kk]amerstuk(?:ken)?\s+(?P<dossier>\d{5})-(?P<suffix>\d{1,2}|[IVXL]{1,5})-(?P<num>\d{1,4})\b")
_LETTER = re.compile(r"(?<![A-Za-z])[Kk]amerbrief\s*\(?\s*(?P<id>[A-Z]{2,5}\d{5,9})\b\)?")
_BARE = re.compile(rf"(?<=\()\s*{_DOSSIER}[\s,]*{_NUMS}\s*(?=\))")
_ZAAK_HINT = re.compile(r"[ZD]\d{5}")
# patterns the regex engine can skip to (a literal or a rare first letter): where the patterns above can
# start (their look-behinds and optional parts left out), to try those only there (`finditer_fast`)
_AH_FAST = re.compile(r"Aanhangsel|Kamervragen")
_HAND_FAST = re.compile(r"Handelingen")
_KST_FAST = re.compile(r"Kamerstuk|kamerstuk|TK|Tweede Kamer")
_KST_EK_HINT = re.compile(rf"I\s+{_SESSION},")
_KST_DASHED_FAST = re.compile(r"Kamerstuk|kamerstuk")
_LETTER_FAST = re.compile(r"Kamerbrief|kamerbrief")
_MOTIE_FAST = re.compile(r"Motie|motie|Amendement|amendement")
_NAME = r"(?:(?:[Vv]an\s?(?:der|den|de)?|[Dd]e|[Tt]er|[Tt]en|[Ee]l|[Ee]I|[Ll]e|[Dd]en)\s?)?[A-ZÀ-Þ][a-zß-ÿ]+(?:[-\s][A-ZÀ-Þ][a-zß-ÿ]+)?"
_NAME_LIST = rf"{_NAME}(?:\s*(?:/|,|\ben(?=\s|[A-Z]))\s*(?:(?:Olger|Pia|Inge|Henk|Jan)\s)?{_NAME})*"
_MOTIE = re.compile(
    rf"(?<![A-Za-z])(?P<kind>[Mm]otie|[Aa]mendement)(?:(?P<dash>-)|\s+(?:van\s+(?:het\s+lid|de\s+leden)\s+)?)(?P<names>{_NAME_LIST})(?P<cs>\s+c\.s\.)?"
)
_NOT_NAMES = re.compile(
    r"^(?:De|Het|Een|Dit|Deze|Die|Dat|Zij|Hij|In|Op|Over|Van|Voor|Met|Ook|Kamer|Tweede|Eerste|Wet|Motie|Kamerstuk(?:ken)?|TK|Zie)$"
)


def normalise_session(text: str) -> str | None:
    """ "2019/20", "2023–34" (a typo), "2022/2023" → "2019-2020", "2023-2024", "2022-2023".

    >>> normalise_session("2019/20"), normalise_session("2015–16")
    ('2019-2020', '2015-2016')
    """
    m = re.match(r"((?:19|20)\d\d)", text.strip())
    if not m:
        return None
    y = int(m.group(1))
    return f"{y}-{y + 1}"


def _chamber(value: str | None) -> str:
    return value if value in ("I", "II") else "II"


def _dossier(raw: str, suffix: str | None) -> str:
    d = re.sub(r"\s", "", raw)
    if not suffix:
        return d
    return f"{d}-{suffix}" if suffix.isdigit() else f"{d} {suffix}"


def _kst_mention(start: int, end: int, chamber: str, session: str | None, dossier: str, suffix: str | None, number: str) -> Mention:
    dos = _dossier(dossier, suffix)
    label = f"Kamerstukken {chamber} {dos}, nr. {number}"
    attrs = [("kind", "kamerstuk"), ("chamber", chamber), ("dossier", re.sub(r"\s", "", dossier))]
    if suffix:
        attrs.append(("suffix", suffix))
    attrs.append(("number", number))
    if session:
        attrs.append(("session", session))
    key = f"pd:kst-{chamber.lower()}-{dos.replace(' ', '-').lower()}-{number.lower()}"
    return Mention(PD, label, start, end, key, tuple(attrs), 90, "kamerstuk")


def _number_spans(m: re.Match[str], group: str = "nums") -> list[tuple[str, int, int]]:
    """Each number of "nrs. 520 en 548" with a span: the first from the citation's start, the others their own."""
    out = []
    for k, n in enumerate(re.finditer(r"\d{1,4}", m.group(group))):
        start = m.start() if k == 0 else m.start(group) + n.start()
        out.append((n.group(), start, m.start(group) + n.end()))
    return out


def find_citations(text: str) -> list[Mention]:
    """All parliamentary citations in one text."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    has_nr = "nr" in text or "nummer" in text
    ah = has_nr and ("andelingen" in text or "Aanhangsel" in text)
    for m in finditer_fast(_AH_FAST, _AH, text) if ah else ():
        session, num = normalise_session(m.group("session")), m.group("num")
        ch = _chamber(m.group("chamber"))
        attrs = (("kind", "aanhangsel"), ("chamber", ch), ("session", session or ""), ("number", num))
        key = f"pd:ah-{'tk' if ch == 'II' else 'ek'}-{(session or '').replace('-', '')}-{num}"
        out.append(Mention(PD, f"Aanhangsel Handelingen {ch} {session}, nr. {num}", m.start(), m.end(), key, attrs, 90, "aanhangsel"))
        taken.append(m.span())
    for m in _AH_ID.finditer(text) if "ah-" in text else ():
        if not free(*m.span()):
            continue
        ch = "II" if m.group("ch") == "tk" else "I"
        session, num = f"{m.group('y1')}-{m.group('y2')}", m.group("num")
        attrs = (("kind", "aanhangsel"), ("chamber", ch), ("session", session), ("number", num))
        key = f"pd:ah-{m.group('ch')}-{session.replace('-', '')}-{num}"
        out.append(Mention(PD, f"Aanhangsel Handelingen {ch} {session}, nr. {num}", m.start(), m.end(), key, attrs, 90, "aanhangsel"))
        taken.append(m.span())
    for m in finditer_fast(_HAND_FAST, _HAND, text) if ah else ():
        if not free(*m.span()):
            continue
        session, num, item = normalise_session(m.group("session")), m.group("num"), m.group("item")
        ch = _chamber(m.group("chamber"))
        label = f"Handelingen {ch} {session}, nr. {num}" + (f", item {item}" if item else "")
        attrs = [("kind", "handelingen"), ("chamber", ch), ("session", session or ""), ("number", num)]
        if item:
            attrs.append(("item", item))
        key = f"pd:h-{'tk' if ch == 'II' else 'ek'}-{(session or '').replace('-', '')}-{num}" + (f"-{item}" if item else "")
        out.append(Mention(PD, label, m.start(), m.end(), key, tuple(attrs), 90, "handelingen"))
        taken.append(m.span())
    kst = has_nr and ("amerstuk" in text or "TK" in text or "Tweede Kamer" in text)
    for m in finditer_fast(_KST_FAST, _KST, text) if kst else ():
        if not free(*m.span()):
            continue
        ch = _chamber(m.group("chamber"))
        session = normalise_session(m.group("session")) if m.group("session") else None
        for n, a, b in _number_spans(m):
            out.append(_kst_mention(a, b, ch, session, m.group("dossier"), m.group("suffix"), n))
        taken.append(m.span())
        pos = m.end()
        while (c := _CHAINED.match(text, pos)) is not None:
            for k, (n, a, b) in enumerate(_number_spans(c)):
                out.append(_kst_mention(c.start("dossier") if k == 0 else a, b, ch, session, c.group("dossier"), c.group("suffix"), n))
            taken.append((c.start("dossier"), c.end()))
            pos = c.end()
    for m in _KST_EK.finditer(text) if kst and _KST_EK_HINT.search(text) else ():
        if not free(*m.span()):
            continue
        session = normalise_session(m.group("session"))
        dossier, letter = re.sub(r"\s", "", m.group("dossier")), m.group("letter")
        attrs = (("kind", "kamerstuk"), ("chamber", "I"), ("dossier", dossier), ("number", letter), ("session", session or ""))
        out.append(Mention(PD, f"Kamerstukken I {dossier}, {letter}", m.start("chamber"), m.end(), f"pd:kst-i-{dossier}-{letter.lower()}", attrs, 90, "kamerstuk"))
        taken.append(m.span())
    # a bare "(24 587, nr. 969)" right after a motie/amendement
    motie = "otie" in text or "mendement" in text
    for m in _BARE.finditer(text) if motie and has_nr else ():
        if not free(*m.span()) or not re.search(r"(?:motie|amendement)[^()]{0,80}\($", text[max(0, m.start() - 90) : m.start()]):
            continue
        for n, a, b in _number_spans(m):
            out.append(_kst_mention(a, b, "II", None, m.group("dossier"), m.group("suffix"), n))
        taken.append(m.span())
    for m in finditer_fast(_KST_DASHED_FAST, _KST_DASHED, text) if "amerstuk" in text else ():
        if not free(*m.span()):
            continue
        out.append(_kst_mention(m.start(), m.end(), "II", None, m.group("dossier"), m.group("suffix"), m.group("num")))
        taken.append(m.span())
    for m in finditer_fast(_LETTER_FAST, _LETTER, text) if "brief" in text else ():
        ident = m.group("id")
        out.append(Mention(PD, f"Kamerbrief {ident}", m.start(), m.end(), f"pd:brief-{ident.lower()}", (("kind", "brief"), ("id", ident)), 85, "brief"))
        taken.append(m.span())
    for m in _ZAAK.finditer(text) if _ZAAK_HINT.search(text) else ():
        if not free(*m.span()):
            continue
        ident = m.group("id")
        kind = "zaak" if ident[4] == "Z" else "document"
        prefix = (m.group("prefix") or "").strip()
        label = f"{prefix} {ident}".strip()
        out.append(Mention(PD, label, m.start(), m.end(), f"pd:{ident.lower()}", (("kind", kind), ("id", ident)), 85, "zaak"))
        taken.append(m.span())
    if motie:
        out.extend(_motions(text, taken))
    return out


def motion_names(names: str) -> list[str]:
    """The member names of a motie: "Bruins Slot/Pia Dijkstra" → ['Bruins Slot', 'Pia Dijkstra'].

    >>> motion_names("Van Wijngaarden en Stoffer"), motion_names("El Yassini enPeters")
    (['Van Wijngaarden', 'Stoffer'], ['El Yassini', 'Peters'])
    """
    parts = re.split(r"\s*/\s*|\s*,\s*|\s+en\s*|(?<=[a-z])en(?=[A-Z])", names.strip())
    out = []
    for p in parts:
        p = re.sub(r"^EI\s", "El ", p.strip())
        if not p or _NOT_NAMES.match(p):
            break
        out.append(p)
    return out


def find_motions(text: str) -> list[tuple[list[str], int, int]]:
    """Moties and amendementen by member name: (names, start, end) of each.

    >>> find_motions("de aangenomen motie van de leden Erkens en Grinwis (Kamerstuk 36 197, nr. 15)")
    [(['Erkens', 'Grinwis'], 14, 50)]
    """
    if "otie" not in text and "mendement" not in text:
        return []
    return [(names, m.start(), _names_end(m, names)) for m in finditer_fast(_MOTIE_FAST, _MOTIE, text) if (names := motion_names(m.group("names")))]


def _names_end(m: re.Match[str], names: list[str]) -> int:
    """End offset of the last accepted name (the regex may have run on into "…, Kamerstuk")."""
    last = names[-1].split()[-1]
    pos = m.group("names").rfind(last)
    end = m.start("names") + pos + len(last) if pos >= 0 else m.end()
    return m.end() if m.group("cs") and end >= m.start("names") + len(m.group("names").rstrip()) else end


def _motions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for m in finditer_fast(_MOTIE_FAST, _MOTIE, text):
        names = motion_names(m.group("names"))
        if not names:
            continue
        end = _names_end(m, names)
        # cut the name list where a lower-case word follows a glued name ("VanMeenen c.s." is fine)
        after = text[end : end + 40]
        cited = re.match(r"\s*[,(]\s*\(?\s*(?:Kamerstuk|TK\b|\d)", after)
        kind = m.group("kind").lower()
        if cited:
            label = None
        elif m.group("dash"):
            label = f"{kind}-{m.group('names').strip()}" + (" c.s." if m.group("cs") else "")
        else:
            label = f"{kind} {' en '.join(names)}" + (" c.s." if m.group("cs") else "")
        attrs = (("kind", kind), *(("member", n) for n in names))
        key = f"pd:{kind}-" + "-".join(re.sub(r"\W", "", n.lower()) for n in names)
        if label:
            out.append(Mention(PD, label, m.start(), end, key, attrs, 75, "motie"))
        else:
            # cited by number right after: the Kamerstuk is the entity; this marks the motie as cited
            out.append(Mention(PD, f"{kind} {' en '.join(names)}", m.start(), end, key, (*attrs, ("cited", "yes")), 10, "motie-cited"))
    return out


def see_also_mentions(session: str | None, number: int | None, chamber: str) -> Mention | None:
    """The "Zie ook" reference of the heading as a mention without offsets (where "title")."""
    if not session or number is None:
        return None
    ch = "I" if chamber == "Eerste Kamer" else "II"
    key = f"pd:ah-{'tk' if ch == 'II' else 'ek'}-{session.replace('-', '')}-{number}"
    attrs = (("kind", "aanhangsel"), ("chamber", ch), ("session", session), ("number", str(number)))
    return Mention(PD, f"Aanhangsel Handelingen {ch} {session}, nr. {number}", -1, -1, key, attrs, 90, "see-also")
