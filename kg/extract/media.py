"""Cited sources: "Outlet, date, «Title» (url)" in footnotes and "(Outlet, date)" after a quoted title.

A citation by a news medium becomes a MediaItem (its title, or "Outlet, date" when there is none) and,
when it has a title, an Organisation for the medium. A citation by another body (an institute, a court, an
NGO) becomes a Report with that body as Organisation; "Surname, X. et al." names a Person.

>>> [(m.type.value, m.label) for m in find_media("NOS.nl, 27 juni 2024, «Tuchtrecht Banken wil opheldering» (https://nos.nl/a)")]
[('Organisation', 'Nederlandse Omroep Stichting'), ('MediaItem', 'Tuchtrecht Banken wil opheldering')]
>>> [(m.type.value, m.label) for m in find_media("AD, 16 november 2023 (https://www.ad.nl/x)")]
[('MediaItem', 'AD, 16 november 2023')]
>>> [(m.type.value, m.label) for m in find_media("Mulier Instituut (2023). Sportaccommodaties in Nederland 2023.")]
[('Organisation', 'Mulier Instituut'), ('Report', 'Sportaccommodaties in Nederland 2023')]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from kg.extract.base import Mention, finditer_at, make_key, reversed_text
from kg.extract.gazetteer import default_gazetteer
from kg.extract.organisations import is_org_name
from kg.model import EntityType

__all__ = ["find_media", "source_of"]

MEDIA, REPORT, ORG, PERSON, LAW = (
    EntityType.MEDIA_ITEM,
    EntityType.REPORT,
    EntityType.ORGANISATION,
    EntityType.PERSON,
    EntityType.LAW,
)
_MONTH = r"(?:[Jj]anuari|[Ff]ebruari|[Mm]aart|[Aa]pril|[Mm]ei|[Jj]uni|[Jj]uli|[Aa]ugustus|[Ss]eptember|[Oo]ktober|[Oo]ktber|[Nn]ovember|[Dd]ecember|[Ff]ebuari|jl\.)"
_DATE = rf"(?:\d{{1,2}}\s*{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH}\s+\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}})"
_SRC = r"(?P<src>[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+)?,\s+(?:[A-Z]\.\s*)+(?:et\s+al\.?)?|[A-ZÀ-Þ0-9][^,|()«»\n]{0,60}?)"
_URLISH = r"(?:https?://|www\.)\S+|\([^()]*\.(?:nl|com|org|eu|gov|net|be|int|uk|de|fr|io|news)[^()]*\)"
_CITE_DATE_FIRST = re.compile(
    rf"^\s*(?:\d{{1,2}}\)?\s*)?{_SRC}(?:\s+website)?,\s*(?:d\.d\.\s*)?(?P<date>{_DATE})\s*[,.]?\s*"
    rf"(?P<rest>«[^\n]*|‘[^\n]*|'[^\n]*|[^\n]*)$"
)
_CITE_TITLE_FIRST = re.compile(rf"^{_SRC},\s*«(?P<title>[^\n]+?)»\s*,\s*(?P<date>{_DATE})")
_CITE_YEAR = re.compile(rf"^{_SRC}\s*\((?P<date>\d{{4}})\)\.\s*(?P<rest>.+)$")
_PIPE = re.compile(r"^(?P<title>[^|\n]{6,200}?)\s*\|\s*(?P<site>[^|\n]{2,80})(?:\|\s*(?P<site2>[^|\n]{2,80}))?$")
_DOMAIN_TAIL = re.compile(r"^(?P<title>[^()\n]{8,200}?)\s*\((?P<domain>[\w.-]+\.(?:nl|com|org|eu|gov|net|be|int))(?:,[^()]*)?\)")
_TITLE_AT_URL = re.compile(r"^(?P<title>[A-ZÀ-Þ][^()\n]{8,200}?)\s+(?:op|via)\s+https?://")
_INLINE = re.compile(
    rf"(?:(?<=\s)|^)(?:\d{{1,2}}\)?\s*)?(?P<src>[A-ZÀ-Þ][\w.&'’-]*(?:\s[A-ZÀ-Þ][\w.&'’-]*){{0,4}}),\s*(?:d\.d\.\s*)?(?P<date>{_DATE}),\s*"
    rf"(?P<rest>«[^»\n]{{6,300}}»|[^\n«»]{{6,300}}?(?=,?\s*\(?\s*(?:https?://|www\.)))"
)
# "in het Financieel Dagblad van 24 september 2014", "de NRC van 16 oktober jl.": a newspaper by its issue date
_ISSUE = re.compile(
    rf"(?<![\w-])(?:(?:in|uit)\s+)?(?:(?:het|de)\s+)?(?P<src>(?:[A-ZÀ-Þ][\w.-]*)(?:\s+(?:van\s+het\s+|van\s+de\s+)?[A-ZÀ-Þ][\w.-]*){{0,3}})"
    rf"\s+van\s+(?P<date>\d{{1,2}}\s*{_MONTH}(?:\s+\d{{4}}|\s+jl\.?)?)"
)
_ISSUE_HINT = re.compile(rf"van\s+\d{{1,2}}\s*{_MONTH}")  # what `_ISSUE` needs, found faster (it starts with a literal)
_ISSUE_START = re.compile(r"(?<![\w-])(?:in|uit|het|de|[A-ZÀ-Þ])")
_TOKENS_BACK = re.compile(r"(?:\s*\S+){0,14}")  # in the reversed text: up to 14 words back
_CLOSING_QUOTE = re.compile(r"[»’”']")


def _issue_starts(text: str) -> list[int]:
    """Where `_ISSUE` can start: before each "van <date>", within the words its name part can span."""
    starts: set[int] = set()
    rev = reversed_text(text)
    n = len(text)
    for h in _ISSUE_HINT.finditer(text):
        window = h.start() - len(_TOKENS_BACK.match(rev, n - h.start()).group())
        starts.update(m.start() for m in _ISSUE_START.finditer(text, window, h.start()))
    return sorted(starts)
_AFTER_QUOTE = re.compile(rf"^\s*\((?P<src>[A-ZÀ-Þ][^,()]{{1,50}}),\s*(?:d\.d\.\s*)?(?P<date>{_DATE})[^()]*\)")
_URL = re.compile(r"https?://\S+")
_NEWSY = re.compile(r"(?i)\b(?:dagblad|courant|krant|nieuws|news|times|post|magazine|journal|tribune|omroep|tv|radio|\.nl|\.com|weekblad|minute|world)\b|\.nl$|\.com$")
_NOT_SOURCE = re.compile(
    r"^(?:(?:Zie|Kamerstuk|Kamerstukken|Aanhangsel|Handelingen|Bijlage|Brief|Antwoord|Vraag|Idem|Ibidem|Ibid|In|Op|Dit|Deze|Dat|Die)\b|(?:Het|De|Een)\s+[a-z])"
)
_CITE_DOTS = re.compile(r"^\s*(?P<src>[A-ZÀ-Þ][\w&-]+(?:\s[A-ZÀ-Þ][\w&-]+){0,3})\.\s+(?P<title>[^.\n]{6,160})\.\s+(?:Te raadplegen|Geraadpleegd|Beschikbaar|Online)")
_PERSON_SRC = re.compile(r"^(?P<surname>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?),\s+(?:[A-Z]\.\s*)+(?:et\s+al\.?)?$")


def _newspaper(src: str) -> tuple[str, str] | None:
    """(label, key) when `src` names a news medium: a known outlet, or a name with Dagblad/Courant/Krant/Blad."""
    info = source_of(src)
    if info is None or info[0] is not ORG:
        return None
    if info[3] and (info[2] in default_gazetteer().entries or re.search(r"(?i)(?:dagblad|courant|krant|blad|handelsblad|nieuws)$", src)):
        return info[1], info[2]
    return None


def source_of(src: str) -> tuple[EntityType, str, str, bool] | None:
    """Classify a cited source: (type, label, key, is_news_medium), or None when it names nothing.

    >>> source_of("NOS website")[1:], source_of("Torenvlied, R. et al.")[:2]
    (('Nederlandse Omroep Stichting', 'org:nos', True), (<EntityType.PERSON: 'Person'>, 'Torenvlied'))
    """
    src = re.sub(r"\s+website$", "", src.strip(" .,"))
    if not src or _NOT_SOURCE.match(src) or len(src) > 60:
        return None
    pm = _PERSON_SRC.match(src + ("." if src.endswith(" al") else ""))
    if pm:
        name = pm.group("surname")
        return (PERSON, name, make_key(PERSON, name), False)
    g = default_gazetteer()
    hits = [h for h in g.find(src) if h.start == 0 and h.end >= len(src.rstrip(". ")) - 1]
    if hits:
        h = hits[0]
        if h.type is not ORG:
            return None
        return (ORG, h.label, h.key, g.entry(h.key).outlet)
    if any(c.isdigit() for c in src) or len(src.split()) > 6:
        return None
    news = bool(_NEWSY.search(src))
    if not news and not is_org_name(src) and not src[:1].isupper():
        return None
    label = re.sub(r"\.(?:nl|com)$", "", src) if news and re.search(r"\.(?:nl|com)$", src) and src[:1].isupper() else src
    return (ORG, label, make_key(ORG, label), news or not is_org_name(src))


def _title_of(rest: str) -> tuple[int, int] | None:
    """Span of the title at the start of `rest` (quoted, or up to the URL / the closing parenthesis)."""
    rest_stripped = rest.lstrip(" ,")
    lead = len(rest) - len(rest_stripped)
    if not rest_stripped or rest_stripped[0] == "(":
        return None
    if rest_stripped[0] in "«‘'“":
        close = {"«": "»", "‘": "’", "'": "'", "“": "”"}[rest_stripped[0]]
        depth, j = 0, 0
        for j, c in enumerate(rest_stripped):
            if c == "«":
                depth += 1
            elif c == "»":
                depth -= 1
                if depth == 0:
                    break
            elif close != "»" and c == close and j > 0 and not rest_stripped[j + 1 : j + 2].isalpha():
                break
        return (lead + 1, lead + j)
    m = re.search(rf"\s*(?:,\s*|\s)(?:{_URLISH})|\s*\(\s*(?:https?://|www\.)|,\s*(?:https?://|www\.)|\s+https?://", rest_stripped)
    end = m.start() if m else len(rest_stripped)
    title = rest_stripped[:end].rstrip(" .,;")
    if len(title) < 8 or re.match(r"(?:https?://|www\.)", title):
        return None
    return (lead, lead + len(title))


def _emit(src: str, src_start: int, date: str, title_span: tuple[int, int] | None, text: str, out: list[Mention], default: EntityType | None = None) -> None:
    info = source_of(src)
    if info is None:
        return
    stype, slabel, skey, news = info
    src_end = src_start + len(src.rstrip(" .,"))
    url = _URL.search(text, src_end)
    url_attr = (("url", url.group().rstrip(").,;")),) if url else ()
    if title_span is None:
        if news:
            label = f"{src.strip(' .,')}, {date}"
            out.append(Mention(MEDIA, label, src_start, src_end, make_key(MEDIA, label), (("outlet", skey), ("date", date), *url_attr), 85, "citation"))
        else:
            out.append(Mention(stype, slabel, src_start, src_end, skey, (), 72, "citation-source"))
        return
    a, b = title_span
    # "Title | Section | Site": the title is the first part; "Title, Title (site)": a repeated link text
    bar = text.find(" | ", a, b)
    if bar > 0:
        b = bar
    half = text[a:b].split(", ")
    for k in range(1, len(half)):
        left, right = ", ".join(half[:k]), ", ".join(half[k:])
        if len(left) > 15 and SequenceMatcher(None, left.lower(), right.lower()).ratio() > 0.85:
            b = a + len(left)
            break
    title = re.sub(r"\s+", " ", text[a:b]).strip()
    if len(title) < 3 or re.match(r"(?:Uitspraak|ECLI)\b", title):
        return
    ttype = default or (MEDIA if news else REPORT)
    out.append(Mention(stype, slabel, src_start, src_end, skey, (), 72, "citation-source"))
    attrs = (("source", skey), ("date", date), *url_attr) if date else (("source", skey), *url_attr)
    out.append(Mention(ttype, title, a, b, make_key(ttype, title), attrs, 85, "citation-title"))


def _footnote_like(text: str, out: list[Mention]) -> None:
    m = _CITE_TITLE_FIRST.match(text)
    if m:
        _emit(m.group("src"), m.start("src"), m.group("date"), (m.start("title"), m.end("title")), text, out)
        return
    for m in _CITE_DATE_FIRST.finditer(text):
        rest_start = m.start("rest")
        span = _title_of(m.group("rest"))
        title = (rest_start + span[0], rest_start + span[1]) if span else None
        _emit(m.group("src"), m.start("src"), m.group("date"), title, text, out)
        return
    m = _CITE_DOTS.match(text)
    if m:
        _emit(m.group("src"), m.start("src"), "", (m.start("title"), m.end("title")), text, out)
        return
    m = _CITE_YEAR.match(text)
    if m:
        span = _title_of(m.group("rest"))
        title = (m.start("rest") + span[0], m.start("rest") + span[1]) if span else None
        _emit(m.group("src"), m.start("src"), m.group("date"), title, text, out)
        return
    m = _PIPE.match(text.strip())
    if m:
        off = len(text) - len(text.lstrip())
        title = m.group("title").strip()
        site = m.group("site").strip()
        g = default_gazetteer()
        site_hits = [h for h in g.find(site) if h.type is ORG]
        for s in (site, m.group("site2") or ""):
            for h in g.find(s):
                if h.type is ORG:
                    pos = text.find(s)
                    out.append(Mention(ORG, h.label, pos + h.start, pos + h.end, h.key, (), 70, "citation-source"))
        if re.match(r"Kamerbrief\b", title):
            etype = EntityType.PARLIAMENTARY_DOCUMENT
        elif site_hits and g.entry(site_hits[0].key).outlet:
            etype = MEDIA
        else:
            etype = REPORT
        a = off + m.start("title")
        out.append(Mention(etype, title, a, a + len(title), make_key(etype, title), (), 85, "citation-title"))
        return
    m = _TITLE_AT_URL.match(text.strip())
    if m:
        off = len(text) - len(text.lstrip())
        title = m.group("title").strip(" ,")
        a = off + m.start("title")
        out.append(Mention(REPORT, title, a, a + len(title), make_key(REPORT, title), (), 66, "citation-title"))
        return
    m = _DOMAIN_TAIL.match(text.strip())
    if m and not re.match(r"(?:https?://|www\.|Zie\b|Kamerstuk|\S+\.(?:nl|com|org|eu)\b)", m.group("title")) and len(m.group("title").split()) >= 2:
        off = len(text) - len(text.lstrip())
        title = m.group("title").strip()
        etype = MEDIA if _NEWSY.search(m.group("domain")) and re.search(r"nos|nu\.nl|ad\.nl|telegraaf|volkskrant|nrc|trouw|rtl", m.group("domain")) else REPORT
        a = off + m.start("title")
        out.append(Mention(etype, title, a, a + len(title), make_key(etype, title), (), 66, "citation-title"))


def find_media(text: str, in_footnote: bool = True) -> list[Mention]:
    """Cited sources and titles. In a footnote the whole text is parsed as a citation; elsewhere only
    "(Outlet, date)" right after a quoted title."""
    out: list[Mention] = []
    if in_footnote:
        _footnote_like(text, out)
        m = _ISSUE.match(text.strip())
        if not out and m and _newspaper(m.group("src")):
            # "Algemeen Dagblad van 28 augustus jl.": a cited issue without a title
            label = text.strip()[: m.end()].strip()
            start = text.index(m.group("src"))
            out.append(Mention(MEDIA, label, start, start + len(label) - (label.find(m.group("src"))), make_key(MEDIA, label), (("date", m.group("date")),), 85, "citation"))
    else:
        for m in finditer_at(_ISSUE, text, _issue_starts(text)) if "van " in text else ():
            info = _newspaper(m.group("src"))
            if info is not None:
                out.append(Mention(ORG, info[0], m.start("src"), m.end("src"), info[1], (), 68, "citation-source"))
        # a footnote that PDF extraction left inside the running text: "Trouw, 12 december 2023, Titel, https://…"
        for m in _INLINE.finditer(text) if ("http" in text or "www." in text) else ():
            info = source_of(m.group("src"))
            if info is None or not info[3]:
                continue  # only news media: other "Name, date, …" runs are too ambiguous in running text
            span = _title_of(m.group("rest"))
            title = (m.start("rest") + span[0], m.start("rest") + span[1]) if span else None
            _emit(m.group("src"), m.start("src"), m.group("date"), title, text, out)
    for m in _CLOSING_QUOTE.finditer(text):
        after = _AFTER_QUOTE.match(text, m.end())
        if after:
            info = source_of(after.group("src"))
            if info:
                out.append(Mention(info[0], info[1], after.start("src"), after.start("src") + len(after.group("src")), info[2], (), 70, "citation-source"))
    return out
