"""Shared pieces of the extraction stage: the `Mention` a rule finds, keys, and small text helpers.

>>> make_key(EntityType.ORGANISATION, "Nederlands Jeugd-instituut")
'org:nederlandsjeugdinstituut'
>>> word_start_ok("deOvereenkomst van Parijs", 2), word_start_ok("Jeugdwet", 4)
(True, False)
>>> word_end_ok("VWS.", 3), word_end_ok("Wetten", 3)
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.model import EntityType
from kg.readers.grammar import MONTHS as MONTH_NUMBERS  # the month names the readers know, and their numbers

__all__ = [
    "CAP",
    "GLUE_WORDS",
    "LOW",
    "MONTHS",
    "MONTH_NUMBERS",
    "UP",
    "Mention",
    "Place",
    "capitals_after_space",
    "compound_starts",
    "finditer_at",
    "finditer_fast",
    "fold",
    "make_key",
    "occurrences",
    "reversed_text",
    "sentence_bounds",
    "word_before",
    "word_end_ok",
    "word_start_ok",
]

MONTHS = "(?:" + "|".join(MONTH_NUMBERS) + ")"  # a Dutch month name, as a regular expression

UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zß-öø-ÿ"
CAP = f"[{UP}]"

KEY_PREFIX: dict[EntityType, str] = {
    EntityType.ORGANISATION: "org",
    EntityType.REPORT: "report",
    EntityType.PROGRAMME: "prog",
    EntityType.LAW: "law",
    EntityType.TREATY: "treaty",
    EntityType.TREATY_ARTICLE: "treaty-art",
    EntityType.PARLIAMENTARY_DOCUMENT: "pd",
    EntityType.MEDIA_ITEM: "media",
    EntityType.PERSON: "person",
}

# lower-case words that PDF extraction glues to the next capitalised word ("deOvereenkomst", "hetInternationaal")
GLUE_WORDS = frozenset(
    ["de", "het", "een", "van", "en", "in", "op", "aan", "bij", "uit", "tot", "door", "met", "naar", "over", "voor", "om", "als", "of", "dat", "die", "te", "zoals", "conform", "tussen", "onder", "via", "vanuit", "namens", "waaronder", "ook", "zijn", "haar", "hun", "uw"]
)


@dataclass(frozen=True, slots=True)
class Place:
    """One text place of a document: its name ("answer 2") and its text."""

    where: str
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a place's text that a rule recognised as naming something.

    `priority` decides overlaps (higher wins, then longer); `key` identifies the thing across
    documents; `attrs` holds parsed parts ("dossier", "number", …).
    """

    type: EntityType
    label: str
    start: int
    end: int
    key: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    priority: int = 50
    rule: str = ""


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without accents and with every run of non-alphanumerics removed ("&" reads "en").

    >>> fold("Advies- en Meldpunt Kindermis­handeling") == fold("advies en meldpunt kindermishandeling")
    True
    """
    got = _FOLD_CACHE.get(text)
    if got is None:
        low = text.replace("&", " en ").lower()
        if not low.isascii():
            low = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        got = _NON_ALNUM.sub("", low)
        if len(_FOLD_CACHE) < 100_000:
            _FOLD_CACHE[text] = got
    return got


_FOLD_CACHE: dict[str, str] = {}


def make_key(etype: EntityType, label: str) -> str:
    """A stable cross-document key from the type and the canonical label."""
    return f"{KEY_PREFIX[etype]}:{fold(label)}"


def _is_letter(c: str) -> bool:
    return c.isalpha()


def word_start_ok(text: str, i: int) -> bool:
    """True when a word may start at `i`: after a non-letter, or after a glued lower-case function word."""
    if i <= 0 or not _is_letter(text[i - 1]):
        return True
    # a capital glued to a lower-case word: a PDF join ("hetInternationaal") or a name written so ("MijnOverheid")
    return text[i].isupper() and text[i - 1].islower()


def word_end_ok(text: str, i: int) -> bool:
    """True when a word may end at `i` (no letter or digit follows)."""
    return i >= len(text) or not text[i].isalnum()


_SENT = re.compile(r"(?<=[.?!])[\s»”]+(?=[«“\"'‘(]?[" + UP + r"0-9])|\n+")


_ABBR_END = re.compile(
    r"(?:\b(?:nr|nrs|art|jl|bijv|o\.a|d\.d|t\.a\.v|i\.c|e\.a|c\.s|Stb|blz|pag|dhr|mr|drs|dr|ir|prof|mw|e\.v|ca|vs|n\.a\.v|m\.b\.t)|(?<![\w])[A-Z])\.$"
)


_SENT_HINT = re.compile(r"[.?!](?=[\s»”])|\n")  # where `_SENT` can start: after . ? ! or at a line break


def _sentence_break_starts(text: str) -> list[int]:
    return [m.end() if m.group() != "\n" else m.start() for m in _SENT_HINT.finditer(text)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (a simple split after . ? ! before a capital, and at line breaks).

    >>> t = "Het is 52%. Dat blijkt uit onderzoek van het CBS."
    >>> [t[a:b] for a, b in sentence_bounds(t)]
    ['Het is 52%.', 'Dat blijkt uit onderzoek van het CBS.']
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in finditer_at(_SENT, text, _sentence_break_starts(text)):
        if _ABBR_END.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        end = m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


# ----- faster scans ---------------------------------------------------------------------------------------
# Python's regex engine skips quickly through a text only to where a pattern's first character can match (a
# literal or a character class). A pattern that begins with a look-behind, an optional part or a lower-case
# word is instead tried at every position. The helpers below give the same matches as `pattern.finditer`
# while trying the pattern only where it can start.


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` (or `…(text, 0, endpos)`) when every match starts at one of `starts`
    (increasing; a superset is fine).

    >>> t = "het rapport Foo en het plan Bar"
    >>> [m.group() for m in finditer_at(re.compile(r"(?<![\\w-])(?:rapport|plan) [A-Z]"), t, [0, 4, 12, 23])]
    ['rapport F', 'plan B']
    """
    pos = 0
    match = pattern.match
    end = len(text) if endpos is None else endpos
    for p in starts:
        if p < pos:
            continue
        m = match(text, p, end)
        if m is not None:
            yield m
            pos = m.end() if m.end() > p else p + 1


def finditer_fast(fast: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, found by searching for `fast` (which must match wherever `pattern` does, e.g.
    the pattern without its leading look-behind) and trying `pattern` only there.

    >>> full, fast = re.compile(r"(?<![\\w-])Wet \\w+"), re.compile(r"Wet \\w+")
    >>> t = "de Wet publieke gezondheid, Jeugdwet, NWet x"
    >>> [m.group() for m in finditer_fast(fast, full, t)] == [m.group() for m in full.finditer(t)]
    True
    """
    pos = 0
    search, match = fast.search, pattern.match
    while (f := search(text, pos)) is not None:
        p = f.start()
        m = match(text, p)
        if m is None:
            pos = p + 1
            continue
        yield m
        pos = m.end() if m.end() > p else p + 1


# in the reversed text: a capital with the spaces before it and the word (letters, digits, "-") before those
_CAPITAL_AFTER_WORD = re.compile(r"[A-ZÀ-Þ](?=\s+([\w-]*))")
_WORD_BEFORE = re.compile(r"\s+([\w-]*)")


@lru_cache(maxsize=16)
def capitals_after_space(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """The capitals (A-Z, À-Þ) right after a space, where names cued by a lower-case word start ("het
    programma Preventie met Gezag"), with the start of the word before the spaces and that word (letters,
    digits and hyphens; maybe empty); found in one scan of the reversed text, once per text.

    >>> capitals_after_space("het programma Preventie met Gezag")
    ((14, 28), (4, 24), ('programma', 'met'))
    """
    n = len(text)
    caps: list[int] = []
    starts: list[int] = []
    words: list[str] = []
    for m in _CAPITAL_AFTER_WORD.finditer(reversed_text(text)):
        caps.append(n - 1 - m.start())
        starts.append(n - m.end(1))
        words.append(m.group(1)[::-1])
    caps.reverse()
    starts.reverse()
    words.reverse()
    return tuple(caps), tuple(starts), tuple(words)


def word_before(text: str, i: int) -> tuple[int, str] | None:
    """The word (letters, digits, "-"; maybe empty) before the spaces before `i`, with its start; None when no
    space precedes `i`.

    >>> word_before("het programma Preventie", 14)
    (4, 'programma')
    """
    m = _WORD_BEFORE.match(reversed_text(text), len(text) - i)
    return None if m is None else (len(text) - m.end(1), m.group(1)[::-1])


@lru_cache(maxsize=16)
def reversed_text(text: str) -> str:
    """The text reversed, to match the words before a position with an anchored pattern."""
    return text[::-1]


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Offsets of every occurrence of each of `words` in `text`, in order (found with `str.find`, which is
    faster than a regex for a few literal words).

    >>> occurrences("het rapport en het onderzoeksrapport", ("rapport", "onderzoek"))
    [4, 19, 29]
    """
    out: list[int] = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    out.sort()
    return out


_LOWER_BACK = re.compile(r"[a-zß-ÿ]*")  # in the reversed text: the lower-case letters before a position
_CAPITAL_1 = re.compile(r"[A-ZÀ-Þ]")


def compound_starts(text: str, suffixes: tuple[str, ...], back: re.Pattern[str] = _LOWER_BACK) -> list[int]:
    """Where a capitalised compound ending in one of `suffixes` can start ("Preventiestrategie"): before
    each occurrence of a suffix, the capital that the lower-case letters (`back`, reversed) follow."""
    rev = reversed_text(text)
    n = len(text)
    out: set[int] = set()
    for q in occurrences(text, suffixes):
        p = q - len(back.match(rev, n - q).group()) - 1
        if p >= 0 and _CAPITAL_1.match(text, p):
            out.add(p)
    return sorted(out)
