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
from dataclasses import dataclass

from kg.model import EntityType

__all__ = [
    "CAP",
    "GLUE_WORDS",
    "LOW",
    "UP",
    "Mention",
    "Place",
    "fold",
    "make_key",
    "sentence_bounds",
    "word_end_ok",
    "word_start_ok",
]

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


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (a simple split after . ? ! before a capital, and at line breaks).

    >>> t = "Het is 52%. Dat blijkt uit onderzoek van het CBS."
    >>> [t[a:b] for a, b in sentence_bounds(t)]
    ['Het is 52%.', 'Dat blijkt uit onderzoek van het CBS.']
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT.finditer(text):
        if _ABBR_END.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        end = m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out
