"""Text clean-up shared by the readers: joining lines, undoing hyphenation, removing footnote markers.

>>> join_lines(["Het Advies-", "en Meldpunt Kindermis-", "handeling en hiv-", "infecties"], {"hiv-infecties"})
'Het Advies- en Meldpunt Kindermishandeling en hiv-infecties'
>>> find_urls("zie http://www.voordejeugd.nl/a.pdf.")
['http://www.voordejeugd.nl/a.pdf']
>>> MarkerState({1, 2}).strip("tegengaan?1 Zo ja, in november 20232 is")
'tegengaan? Zo ja, in november 2023 is'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

__all__ = ["MarkerState", "clean_block", "find_urls", "join_lines", "marker_free", "tidy"]

_NOT_MARKERS = {"co2", "no2", "so2", "h2o", "g7", "g8", "g20", "pm10", "pm2", "f16", "f35", "nis2", "mp3", "mp4", "a2", "a4", "a1", "a12", "b1", "b2", "c1", "c2", "h5n1", "covid-19", "5g", "4g", "3g", "2g", "1g"}


class MarkerState:
    """Removes footnote markers in reading order: the next marker expected is the next footnote number.

    Markers are digits glued to the end of a word or punctuation ("tegengaan?1", "wetgeving3"), to a
    year ("20231" = 2023 + marker 1), or a token of their own ("NIS24" = NIS2 + 4 when 4 is due).
    """

    def __init__(self, numbers: Iterable[int]):
        self.numbers = sorted(set(numbers))
        self.expected = self.numbers[0] if self.numbers else None

    def _advance(self, n: int) -> None:
        later = [k for k in self.numbers if k > n]
        self.expected = later[0] if later else None

    def strip(self, text: str) -> str:
        if self.expected is None:
            return text
        out: list[str] = []
        pos = 0
        pattern = re.compile(r"(?<=[^\s\d\-/.,:+])(\d{1,3})(?=[\s.,;:!?)\]»”\"'’]|$)|(?<=[.?!»”)])(\d{1,3})(?=\s|$)|\b((?:19|20)\d\d)(\d{1,2})\b")
        for m in pattern.finditer(text):
            if self.expected is None:
                break
            if m.group(3):
                digits, keep_end = m.group(4), m.start(4)
            else:
                digits = m.group(1) or m.group(2)
                keep_end = m.start(1) if m.group(1) else m.start(2)
            if int(digits) != self.expected:
                continue
            word = re.search(r"[\w-]*$", text[: keep_end]).group(0)
            if (word + digits).lower() in _NOT_MARKERS:
                continue
            out.append(text[pos:keep_end])
            pos = m.end()
            self._advance(int(digits))
        out.append(text[pos:])
        return "".join(out)


def marker_free(text: str, numbers: Iterable[int]) -> str:
    """`text` without footnote markers for `numbers` (a one-off MarkerState)."""
    return MarkerState(numbers).strip(text)


def join_lines(parts: list[str], vocabulary: set[str] | None = None) -> str:
    """Join the lines of one paragraph: undo end-of-line hyphenation, keep real hyphens.

    A line ending in "letter-" followed by a lower-case word is joined without the hyphen, unless
    the next word is "en"/"of" ("Advies- en Meldpunt"), the part before is an acronym or number
    ("NIS2-richtlijn"), or the document prints the hyphenated word elsewhere ("hiv-infecties").
    """
    vocab = vocabulary or set()
    out = ""
    for raw in parts:
        s = raw.strip()
        if not s:
            continue
        if not out:
            out = s
            continue
        m = re.search(r"([\w]+)-$", out)
        if m and re.search(r"[^\W\d_]-$", out) or (m and re.search(r"\d-$", out)):
            left = m.group(1)
            right_word = re.match(r"[\w-]*", s).group(0)
            if re.match(r"^(?:en|of|tot|t/m)\b", s) or not right_word:
                out += " " + s
            elif s[:1].isupper() or _is_acronym(left) or f"{left}-{right_word}".lower() in vocab:
                out += s  # a real hyphen: Noord-Holland, NIS2-richtlijn, hiv-infecties
            else:
                out = out[:-1] + s
        elif re.search(r"(?:https?://|www\.)\S*[/\-_.%=&?#]$", out) and re.match(r"^[\w%./\-=&?#~]+$", s):
            out += s
        else:
            out += " " + s
    return out


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


class _LineLike(Protocol):
    text: str
    kind: str


def clean_block(lines: list[_LineLike], markers: MarkerState | set[int] | None = None, vocabulary: set[str] | None = None) -> str:
    """The cleaned text of a block: paragraphs (split at blank lines) of joined lines, markers removed."""
    state = markers if isinstance(markers, MarkerState) else MarkerState(markers or ())
    paragraphs: list[list[str]] = [[]]
    for ln in lines:
        if ln.kind == "blank" or not ln.text.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        s = ln.text.strip()
        if re.fullmatch(r"\d{1,3}(?:\s*(?:,|en)\s*\d{1,3})*", s):
            # a line holding only footnote markers (PDF extract prints them apart)
            nums = [int(n) for n in re.findall(r"\d+", s)]
            if state.expected is not None and nums and nums[0] == state.expected:
                for n in nums:
                    if state.expected == n:
                        state._advance(n)
                continue
        paragraphs[-1].append(s)
    texts = []
    for para in paragraphs:
        if not para:
            continue
        joined = join_lines(para, vocabulary)
        joined = state.strip(joined)
        texts.append(tidy(joined, vocabulary))
    return "\n\n".join(t for t in texts if t)


def tidy(text: str, vocabulary: set[str] | None = None) -> str:
    """Collapse spaces; rejoin in-line hyphenation left by extraction ('beschikbaar-heid')."""
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    if vocabulary:
        def fix(m: re.Match[str]) -> str:
            left, right = m.group(1), m.group(2)
            whole = (left + right).lower()
            if whole in vocabulary and f"{left}-{right}".lower() not in _seen_hyphenated(vocabulary, whole):
                return left + right
            return m.group(0)

        text = re.sub(r"\b([^\W\d_]{2,})-([a-zà-ÿ]{2,})\b", fix, text)
    return text


def _seen_hyphenated(vocabulary: set[str], whole: str) -> set[str]:
    return set()


_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>«»\"“”]+|\b(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|int|gov|be|de|uk|info|io|news)/[^\s<>«»\"“”]*",
    re.I,
)


def find_urls(text: str) -> list[str]:
    """URLs in a footnote: http(s), www., or a bare domain with a path; closing punctuation trimmed."""
    out = []
    for m in _URL.finditer(text):
        url = m.group(0)
        while url and url[-1] in ".,;:»”’'":
            url = url[:-1]
        while url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        if url and url not in out:
            out.append(url)
    return out
