"""Claims: percentages, counts and amounts stated in the answers.

A claim keeps the value, its unit ("percent", "count", "EUR"), what it counts (the noun after it: "52% van
de gemeenten" counts "gemeenten"), the sentence, its place and offsets, and the key of the source named in
that sentence (an organisation or report entity), when there is one.

>>> from kg.model import Answer, Document, Kind
>>> doc = Document(kind=Kind.ANSWER, answers=(Answer((2,), "Uit het onderzoek blijkt dat 52% van de gemeenten niets doet."),))
>>> [(c.value, c.unit, c.counts) for c in find_claims(doc, [])]
[(52.0, 'percent', 'gemeenten')]
"""

from __future__ import annotations

import re

from kg.extract.base import sentence_bounds
from kg.model import Claim, Document, EntityType

__all__ = ["find_claims", "parse_number"]

_DIGIT = re.compile(r"\d")
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = {"duizend": 1e3, "miljoen": 1e6, "mln": 1e6, "mln.": 1e6, "miljard": 1e9, "mld": 1e9, "mld.": 1e9}
_PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s*(?:%|procent\b)(?:\s+(?:van\s+(?:de|het|alle)\s+|van\s+)?(?P<what>[a-zß-ÿ][\w-]*e\s+[a-zß-ÿ][\w-]*|[a-zß-ÿ][\w-]*))?")
_MONEY = re.compile(rf"(?:€|EUR|euro)\s*(?P<num>{_NUM})\s*(?P<scale>duizend|miljoen|miljard|mln\.?|mld\.?)?|(?<![\w.,])(?P<num2>{_NUM})\s*(?P<scale2>duizend|miljoen|miljard|mln\.?|mld\.?)?\s*euro\b")
_COUNT = re.compile(
    rf"(?<![\w.,€/-])(?P<num>{_NUM})\s+(?P<scale>duizend|miljoen|miljard\s+)?(?P<what>(?:[a-zß-ÿ][\w-]*\s+)?"
    r"(?:gemeenten|kinderen|jongeren|mensen|personen|meldingen|gevallen|aangiftes|aangiften|slachtoffers|leerlingen|studenten|"
    r"patiënten|cliënten|huishoudens|woningen|bedrijven|organisaties|instellingen|scholen|ziekenhuizen|zaken|dossiers|"
    r"medewerkers|werknemers|agenten|banen|arbeidsplaatsen|deelnemers|aanvragen|asielzoekers|vluchtelingen|statushouders|"
    r"gedetineerden|verdachten|doden|gewonden|incidenten|klachten|plaatsen|bedden|locaties|regio’s|regio's|procedures|uitkeringen|"
    r"ouders|gezinnen|vrouwen|mannen|artsen|huisartsen|verpleegkundigen|docenten|leraren|boetes|controles|inspecties))\b"
)
_NOT_COUNT_BEFORE = re.compile(r"(?:artikel|art\.|nr\.|nummer|lid|vraag|vragen|antwoord|pagina|blz\.|p\.)\s*$", re.I)


def parse_number(text: str, scale: str | None = None) -> float:
    """Dutch number notation: "1.234,5" → 1234.5; with a scale word ("miljoen").

    >>> parse_number("7,8", "miljoen"), parse_number("10.000")
    (7800000.0, 10000.0)
    """
    value = float(text.replace(".", "").replace(",", "."))
    if scale:
        value *= _SCALE.get(scale.strip().lower(), 1.0)
    return value


Source = tuple[str, int, int, EntityType, str]  # where, start, end, type, key of one mention


def _source_key(sources: list[Source], where: str, start: int, end: int) -> str | None:
    """The source named in the sentence: a report first, else an organisation."""
    best: str | None = None
    for w, s, e, etype, key in sources:
        if w != where or s < start or e > end:
            continue
        if etype is EntityType.REPORT:
            return key
        if etype is EntityType.ORGANISATION and best is None:
            best = key
    return best


def find_claims(doc: Document, sources: list[Source]) -> list[Claim]:
    """Numbers stated in the answers; `sources` are the document's mentions (place, offsets, type, key)."""
    claims: list[Claim] = []
    for i, answer in enumerate(doc.answers, 1):
        where = f"answer {i}"
        text = answer.text
        ents = [s for s in sources if s[0] == where]
        if _DIGIT.search(text) is None:
            continue
        for s_start, s_end in sentence_bounds(text):
            sentence = text[s_start:s_end]
            source = _source_key(ents, where, s_start, s_end)
            taken: list[tuple[int, int]] = []
            for m in _PERCENT.finditer(sentence):
                what = (m.group("what") or "").strip()
                claims.append(Claim(parse_number(m.group("num")), "percent", what, sentence, where, s_start + m.start(), s_start + m.end(), source))
                taken.append(m.span())
            for m in _MONEY.finditer(sentence):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                num = m.group("num") or m.group("num2")
                scale = m.group("scale") or m.group("scale2")
                claims.append(Claim(parse_number(num, scale), "EUR", "", sentence, where, s_start + m.start(), s_start + m.end(), source))
                taken.append(m.span())
            for m in _COUNT.finditer(sentence):
                if any(a <= m.start() < b for a, b in taken) or _NOT_COUNT_BEFORE.search(sentence[max(0, m.start() - 16) : m.start()]):
                    continue
                num = m.group("num")
                if re.fullmatch(r"(?:19|20)\d\d", num):
                    continue
                claims.append(
                    Claim(parse_number(num, m.group("scale")), "count", m.group("what").strip(), sentence, where, s_start + m.start(), s_start + m.end(), source)
                )
    return claims
