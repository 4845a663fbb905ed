"""Abbreviations a document defines: "Long Name (ABBR)" and "ABBR (Long Name)".

The long form is found with the Schwartz–Hearst rule: the letters of the abbreviation appear in order in
the long form, the first one at the start of its first word, and the long form is no longer than needed.

>>> [(d.short, d.long) for d in find_definitions("het Advies- en Meldpunt Huiselijk Geweld en Kindermishandeling (AMHK) en de AIVD (Algemene Inlichtingen- en Veiligheidsdienst)")]
[('AMHK', 'Advies- en Meldpunt Huiselijk Geweld en Kindermishandeling'), ('AIVD', 'Algemene Inlichtingen- en Veiligheidsdienst')]
>>> [(d.short, d.long) for d in find_definitions("de Nederlandse Zorgautoriteit (NZa) en Preventie met Gezag (PmG)")]
[('NZa', 'Nederlandse Zorgautoriteit'), ('PmG', 'Preventie met Gezag')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.base import finditer_at

__all__ = ["Definition", "find_definitions", "looks_like_abbreviation"]

_ABBR = r"[A-ZÀ-Þ][A-Za-zÀ-ÿ0-9&+]*(?:[-/][A-Za-zÀ-ÿ0-9]+)*"
_SHORT_IN_PARENS = re.compile(r"\(\s*(" + _ABBR + r")-?\s*\)")
_LONG_IN_PARENS = re.compile(r"(?<![\w-])(" + _ABBR + r")\s*\(([^()]{4,120})\)")
_WORD = re.compile(r"[^\s()]+")
# in the reversed text: the spaces before a "(" and the run of abbreviation characters before them
_ABBR_RUN_BACK = re.compile(r"\s*([A-Za-zÀ-ÿ0-9&+/-]+)")
_CAPITAL = re.compile(r"[A-ZÀ-Þ]")


def _long_in_parens_starts(text: str) -> list[int]:
    """Where `_LONG_IN_PARENS` can start: at the capitals of the abbreviation-like run before each "("."""
    rev = text[::-1]
    n = len(text)
    starts: list[int] = []
    p = text.find("(")
    while p >= 0:
        m = _ABBR_RUN_BACK.match(rev, n - p)
        if m is not None:
            starts.extend(c.start() for c in _CAPITAL.finditer(text, n - m.end(), n - m.start(1)))
        p = text.find("(", p + 1)
    return sorted(set(starts))
_NOT_ABBR = {"EU-landen", "NB", "Zie", "Ja", "Nee"}


@dataclass(frozen=True, slots=True)
class Definition:
    """An abbreviation and its long form, with the offsets of both in the text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def looks_like_abbreviation(s: str) -> bool:
    """Two or more capitals (or capital + digit), short, no spaces: "NZa", "AMHK", "QvC-Rijk", "NIS2".

    >>> looks_like_abbreviation("NZa"), looks_like_abbreviation("Wet"), looks_like_abbreviation("Wmo")
    (True, False, False)
    """
    if not s or " " in s or len(s) > 12 or s in _NOT_ABBR:
        return False
    head = re.split(r"[-/]", s)[0]
    caps = sum(1 for c in head if c.isupper())
    return caps >= 2 or (caps == 1 and any(c.isdigit() for c in head) and len(head) <= 6)


def _letters(short: str) -> str:
    return "".join(c.lower() for c in re.split(r"[-/]", short)[0] if c.isalnum())


def _align(short: str, words: list[str]) -> tuple[int, set[int]] | None:
    """Schwartz–Hearst from the end: (index of the first word of the long form, indices of words that hold a letter)."""
    letters = _letters(short)
    if len(letters) < 2 or not words:
        return None
    limit = min(len(letters) + 5, len(letters) * 2, len(words))
    offset = len(words) - limit
    chars: list[tuple[str, int]] = []
    for wi, w in enumerate(words[offset:], offset):
        chars.append((" ", wi))
        chars.extend((c, wi) for c in w)
    s_i, l_i = len(letters) - 1, len(chars) - 1
    used: set[int] = set()
    while s_i >= 0:
        c = letters[s_i]
        while l_i >= 0 and (chars[l_i][0].lower() != c or (s_i == 0 and chars[l_i - 1][0] not in (" ", "-"))):
            l_i -= 1
        if l_i < 0:
            return None
        used.add(chars[l_i][1])
        s_i -= 1
        l_i -= 1
    return min(used), used


def _best_long(short: str, words: list[re.Match[str]]) -> int | None:
    """Index into `words` where the long form starts (Schwartz–Hearst), or None."""
    got = _align(short, [w.group() for w in words])
    return got[0] if got else None


_FUNCTION = frozenset(["en", "van", "de", "het", "der", "den", "voor", "op", "in", "te", "tot", "met", "of", "en", "and", "for", "of", "the", "on", "to", "a", "an"])


def _plausible(short: str, long: str) -> bool:
    """Checks on a long form: its first word capitalised, at most one content word without a letter of the
    abbreviation, and the last content word holding one."""
    words = [w for w in re.split(r"\s+", long) if w]
    if not words or sum(1 for w in words if w[:1].isupper()) == 0:
        return False
    tail = short.split("-", 1)[1] if "-" in short else ""
    if tail and words[-1].lower() == tail.lower() and len(words) > 1:
        words = words[:-1]  # "QvC-Rijk": the part after the hyphen is written out as a word
    if len(words) == 1:
        return len(words[0]) > len(_letters(short))
    got = _align(short, words)
    if got is None or got[0] != 0:
        return False
    used = got[1]
    content = [i for i, w in enumerate(words) if w.lower().strip(",-") not in _FUNCTION]
    missing = [i for i in content if i not in used]
    return len(missing) <= 1 and content[-1] in used


def find_definitions(text: str) -> list[Definition]:
    """Every abbreviation definition in `text`, in order."""
    out: list[Definition] = []
    if "(" not in text:
        return out
    for m in _SHORT_IN_PARENS.finditer(text):
        short = m.group(1)
        if not looks_like_abbreviation(short):
            continue
        words = list(_WORD.finditer(text, max(0, m.start() - 200), m.start()))
        k = _best_long(short, words) if words else None
        if k is None or k >= len(words):
            continue
        long_start, long_end = words[k].start(), words[-1].end()
        while long_end > long_start and text[long_end - 1] in " ,;:":
            long_end -= 1
        long = text[long_start:long_end]
        # a lower-case start is kept when it carries the first letter ("quantumveilige Cryptografie Rijk (QvC-Rijk)");
        # otherwise the long form starts at the first capitalised word
        if (not long[:1].isupper() and not long[:1].isdigit()) and (long.split()[0].lower() in _FUNCTION or long[:1].lower() != _letters(short)[0]):
            cap = re.search(r"(?<![\w-])[A-ZÀ-Þ]", long)
            if not cap or long[cap.start()].lower() != _letters(short)[0]:
                continue
            long_start += cap.start()
            long = text[long_start:long_end]
        if not _plausible(short, long):
            continue
        out.append(Definition(short, long, m.start(1), m.end(1), long_start, long_end))
    for m in finditer_at(_LONG_IN_PARENS, text, _long_in_parens_starts(text)):
        short, inner = m.group(1), m.group(2).strip()
        if not looks_like_abbreviation(short) or not inner[:1].isupper() or looks_like_abbreviation(inner):
            continue
        words = list(_WORD.finditer(inner))
        if not words or _best_long(short, words) != 0 or not _plausible(short, inner):
            continue
        inner_start = m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip()))
        out.append(Definition(short, inner, m.start(1), m.end(1), inner_start, inner_start + len(inner)))
    out.sort(key=lambda d: d.short_start)
    return out


def fold_letters(s: str) -> str:
    return "".join(c.lower() for c in s if c.isalnum())
