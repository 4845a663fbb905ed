"""Treaties and treaty articles.

Treaty names come from the gazetteer (with their abbreviations: IVRK, EVRM, …) and from the shapes
"Verdrag van/inzake/tot …", "…verdrag". An article reference just before a treaty ("artikel 19 van het
VN-kinderrechtenverdrag", "artikelen 2, tweede lid, 23 en 26 van het IVBPR") becomes a TreatyArticle.

>>> from kg.extract.gazetteer import default_gazetteer
>>> t = "artikel 19 van het VN-kinderrechtenverdrag"
>>> [(m.type.value, m.label) for m in find_treaties(t, default_gazetteer().find(t))]
[('Treaty', 'Verdrag inzake de rechten van het kind'), ('TreatyArticle', 'artikel 19 Verdrag inzake de rechten van het kind')]
"""

from __future__ import annotations

import re

from kg.extract.base import Mention, finditer_at, make_key, reversed_text, word_start_ok
from kg.extract.phrases import title_extent
from kg.model import EntityType

__all__ = ["find_treaties"]

TREATY = EntityType.TREATY
ARTICLE = EntityType.TREATY_ARTICLE
_ORD = r"(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|\d+(?:e|ste|de))"
_ITEM = re.compile(
    rf"(?P<head>[Aa]rtikel(?:en)?|[Aa]rt\.|[Aa]nnex|[Bb]ijlage)?\s*(?P<num>\d+[a-z]?)(?![a-z])(?![\d.,]\d)"
    rf"(?P<lid>,?\s*{_ORD}\s+lid)?(?P<sub>,?\s*(?:sub|onder)\s+[a-z0-9]{{1,3}}\b)?"
)
_CHAIN_END = re.compile(
    rf"(?:[Aa]rtikel(?:en)?|[Aa]rt\.|[Aa]nnex)\s*\d+[a-z]?(?:(?:,?\s*{_ORD}\s+lid|,?\s*(?:sub|onder)\s+[a-z0-9]{{1,3}}\b|\s*(?:,|en|juncto|jo\.)\s*(?:(?:[Aa]rtikel(?:en)?|[Aa]rt\.)\s*)?\d+[a-z]?))*"
    rf",?\s*(?:van\s+(?:het|de|dit)\s+|uit\s+(?:het|de)\s+|bij\s+(?:het|de)\s+)?$"
)
_SHAPE = re.compile(
    r"(?<![\w-])(?:(?:Internationaal|Europees|Europese|Verdrag|VN-|Kaderverdrag|Raamverdrag|Vredesverdrag|Overeenkomst|Handvest|Conventie)"
    r"(?=\s+(?:van|inzake|tot|betreffende|voor|tegen|over|ter|inzake|met)\b)|[A-ZÀ-Þ][\w-]{3,}verdrag|[a-zß-ÿ][a-zß-ÿ-]{5,}verdrag)(?![\w-])"
)
_ENGLISH = re.compile(r"(?<![\w-])(?:Convention|Treaty|Agreement|Covenant)\s+(?:on|for|of|against|relating)\b")
_GENERIC = {"verdrag", "belastingverdrag"}
_ENGLISH_WORDS = ("Convention", "Treaty", "Agreement", "Covenant")
_SHAPE_WORDS = re.compile(r"Internationaal|Europees|Europese|Verdrag|VN-|Kaderverdrag|Raamverdrag|Vredesverdrag|Overeenkomst|Handvest|Conventie")
_RUN_BACK = re.compile(r"[\w-]*")  # in the reversed text: the rest of a word before a position


def _shape_starts(text: str) -> list[int]:
    """Where `_SHAPE` can match: at its words, and at the start of every word that holds "verdrag"."""
    starts = {m.start() for m in _SHAPE_WORDS.finditer(text)}
    rev = reversed_text(text)
    n = len(text)
    o = text.find("verdrag")
    while o >= 0:
        starts.add(o - len(_RUN_BACK.match(rev, n - o).group()))
        o = text.find("verdrag", o + 1)
    return sorted(starts)


def _shape_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    english = any(w in text for w in _ENGLISH_WORDS)
    if "erdrag" not in text and "Overeenkomst" not in text and "Handvest" not in text and "Conventie" not in text and not english:
        return out
    for m in finditer_at(_SHAPE, text, _shape_starts(text)):
        if not word_start_ok(text, m.start()):
            continue
        word = m.group()
        if word.lower() in _GENERIC:
            continue
        end = m.end() if word.lower().endswith("verdrag") else title_extent(text, m.start(), 14)
        label = text[m.start() : end]
        if len(label.split()) == 2 and label.split()[1] in ("van", "inzake", "tot"):
            continue
        out.append(Mention(TREATY, label, m.start(), end, make_key(TREATY, label), (), 60, "treaty-shape"))
    for m in _ENGLISH.finditer(text) if english else ():
        end = title_extent(text, m.start(), 12)
        label = text[m.start() : end]
        if len(label.split()) >= 3:
            out.append(Mention(TREATY, label, m.start(), end, make_key(TREATY, label), (), 55, "treaty-shape"))
    return out


def _articles(text: str, treaty: Mention) -> list[Mention]:
    window_start = max(0, treaty.start - 160)
    before = text[window_start : treaty.start]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("; "))
    if cut >= 0:
        window_start += cut + 2
        before = text[window_start : treaty.start]
    m = _CHAIN_END.search(before)
    if m is None:
        return []
    out: list[Mention] = []
    chain_start = window_start + m.start()
    head = "artikel"
    items = list(_ITEM.finditer(text, chain_start, window_start + m.end()))
    for it in items:
        if it.group("head"):
            h = it.group("head").lower()
            head = "Annex" if h == "annex" else ("bijlage" if h == "bijlage" else "artikel")
        num = it.group("num")
        lid = re.sub(r"^,?\s*", "", it.group("lid") or "")
        sub = re.sub(r"^,?\s*", "", it.group("sub") or "")
        ref = f"{head} {num}" + (f", {lid}" if lid else "") + (f" {sub}" if sub else "")
        label = f"{ref} {treaty.label}"
        key = f"{treaty.key.replace('treaty:', 'treaty-art:', 1)}/{re.sub(r'[^0-9a-z]+', '-', ref.lower()).strip('-')}"
        attrs = (("treaty_key", treaty.key), ("article", num), *((("paragraph", lid),) if lid else ()), *((("sub", sub),) if sub else ()))
        start = it.start("num") if not it.group("head") else it.start() + (len(it.group()) - len(it.group().lstrip()))
        # one article: the mention runs to the treaty's name; in a list each article is its own mention
        end = treaty.end if len(items) == 1 else it.end()
        out.append(Mention(ARTICLE, label, start, end, key, attrs, 95, "treaty-article"))
    return out


def find_treaties(text: str, gazetteer_hits: list[Mention]) -> list[Mention]:
    """Treaty mentions (from the gazetteer hits given and from treaty-shaped phrases) and their articles."""
    treaties = [m for m in gazetteer_hits if m.type is TREATY]
    for s in _shape_mentions(text):
        if not any(t.start <= s.start < t.end or s.start <= t.start < s.end for t in treaties):
            treaties.append(s)
    out = list(treaties)
    for t in treaties:
        out.extend(_articles(text, t))
    return out
