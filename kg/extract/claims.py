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

import bisect
import re
from dataclasses import replace

from kg.extract.base import finditer_at, sentence_bounds
from kg.model import Claim, Document, EntityType

__all__ = ["find_claims", "parse_number"]

_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
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
_YEAR = re.compile(r"(?:19|20)\d\d")
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
        # where numbers start (a claim starts at a number, or at "€"/"EUR"/"euro" before one)
        numbers = [m.start() for m in _DIGITS.finditer(text)]
        if not numbers:
            continue
        ents = [s for s in sources if s[0] == where]
        k = 0
        for s_start, s_end in sentence_bounds(text):
            while k < len(numbers) and numbers[k] < s_start:
                k += 1
            if k == len(numbers) or numbers[k] >= s_end:
                continue  # no number, no claim
            here = numbers[k : bisect.bisect_left(numbers, s_end, k)]
            sentence = text[s_start:s_end]
            found = len(claims)
            taken: list[tuple[int, int]] = []
            # each pattern matched in the text up to the sentence's end: the same as in the sentence alone,
            # as the character before a sentence is a space or a closing quote
            if "%" in sentence or "procent" in sentence:
                for m in finditer_at(_PERCENT, text, here, s_end):
                    what = (m.group("what") or "").strip()
                    claims.append(Claim(parse_number(m.group("num")), "percent", what, sentence, where, m.start(), m.end(), None))
                    taken.append(m.span())
            if "€" in sentence or "EUR" in sentence or "euro" in sentence:
                for m in _MONEY.finditer(text, s_start, s_end):
                    if any(a <= m.start() < b for a, b in taken):
                        continue
                    num = m.group("num") or m.group("num2")
                    scale = m.group("scale") or m.group("scale2")
                    claims.append(Claim(parse_number(num, scale), "EUR", "", sentence, where, m.start(), m.end(), None))
                    taken.append(m.span())
            for m in finditer_at(_COUNT, text, here, s_end):
                if any(a <= m.start() < b for a, b in taken) or _NOT_COUNT_BEFORE.search(text[max(s_start, m.start() - 16) : m.start()]):
                    continue
                num = m.group("num")
                if _YEAR.fullmatch(num):
                    continue
                claims.append(Claim(parse_number(num, m.group("scale")), "count", m.group("what").strip(), sentence, where, m.start(), m.end(), None))
            if len(claims) > found:
                source = _source_key(ents, where, s_start, s_end)
                if source is not None:
                    claims[found:] = [replace(c, source_key=source) for c in claims[found:]]
    return claims
