"""Text clean-up shared by the readers: joining lines, undoing hyphenation, removing footnote markers.

>>> join_lines(["Het Advies-", "en Meldpunt Kindermis-", "handeling en hiv-", "infecties"], {"hiv-infecties"})
'Het Advies- en Meldpunt Kindermishandeling en hiv-infecties'
>>> find_urls("zie http://www.voordejeugd.nl/a.pdf.")
['http://www.voordejeugd.nl/a.pdf']
>>> MarkerState({1, 2}).strip("tegengaan?1 Zo ja, in november 20232 is")
'tegengaan? Zo ja, in november 2023 is'
>>> unglue("Heeft u kennisgenomen van het onderzoek waaruit blijkt dat paardenhandelaren een rol spelenbij de slacht"
...        " en handel in afgedankte paarden?", Lexicon.from_text("ze spelen, wij spelen"), 86)
'Heeft u kennisgenomen van het onderzoek waaruit blijkt dat paardenhandelaren een rol spelen bij de slacht en handel in afgedankte paarden?'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "FUNCTION_WORDS",
    "Lexicon",
    "MarkerState",
    "clean_block",
    "find_urls",
    "join_lines",
    "marker_free",
    "restore_url_hyphen",
    "tidy",
    "unglue",
]

_NOT_MARKERS = {"co2", "no2", "so2", "h2o", "g7", "g8", "g20", "pm10", "pm2", "f16", "f35", "nis2", "mp3", "mp4", "a2", "a4", "a1", "a12", "b1", "b2", "c1", "c2", "h5n1", "covid-19", "5g", "4g", "3g", "2g", "1g", "f3", "f4", "f1", "f2", "p1", "p2", "q1", "q2", "q3", "q4"}

# Short Dutch words that glue onto their neighbours at line joins ("enVolksgezondheid", "spelenbij").
FUNCTION_WORDS: frozenset[str] = frozenset(
    ["de", "het", "een", "en", "of", "van", "in", "op", "te", "aan", "met", "voor", "bij", "door", "over", "naar", "uit", "om", "tot", "als", "dat", "die", "dit", "deze", "is", "zijn", "was", "wordt", "worden", "werd", "kan", "kunnen", "heeft", "hebben", "had", "er", "ook", "niet", "wel", "nog", "al", "dan", "maar", "u", "ik", "we", "wij", "zij", "hij", "ze", "men", "uw", "mijn", "ons", "onze", "hun", "haar", "welke", "wat", "waarom", "hoe", "wanneer", "waar", "zo", "ja", "nee", "geen", "meer", "zeer", "binnen", "tussen", "tegen", "na", "per", "sinds", "onder", "zonder", "via", "moet", "moeten", "zal", "zullen", "wil", "willen", "gaat", "gaan", "wel", "alle", "elk", "elke", "ieder", "ben", "bent", "mij", "zich", "hem", "hen", "ons", "jij", "je"]
)

_URL_START = r"(?:h?ttps?://|www\.)"


class MarkerState:
    """Removes footnote markers in reading order: the next marker expected is the next footnote number.

    Markers are digits glued to the end of a word or punctuation ("tegengaan?1", "wetgeving3"), to a
    year ("20231" = 2023 + marker 1), a token of their own ("NIS24" = NIS2 + 4 when 4 is due), or the
    Word style " 1)" / "(1)". A marker may skip one number (a marker the text lost).

    >>> MarkerState({1}).strip("bij het UWV 1) ook")
    'bij het UWV ook'
    >>> MarkerState({4}).strip("Zo geeft NIS24 (Network …) aan")
    'Zo geeft NIS2 (Network …) aan'
    >>> MarkerState({2}).strip("op www.voordejeugd.nl.2 Als")
    'op www.voordejeugd.nl. Als'
    """

    def __init__(self, numbers: Iterable[int]):
        self.numbers = sorted(set(numbers))
        self.expected = self.numbers[0] if self.numbers else None

    def _advance(self, n: int) -> None:
        later = [k for k in self.numbers if k > n]
        self.expected = later[0] if later else None

    def due(self, n: int) -> bool:
        """Is `n` the marker expected next (or the one after it)?"""
        if self.expected is None or n not in self.numbers:
            return False
        return self.expected <= n <= self.expected + 2

    _PATTERN = re.compile(
        r"\s\(?(\d{1,3})\)(?=[\s.,;:?!]|$)"  # Word style " 1)" / " (1)"
        r"|(?<=[^\s\d\-/.,:+=#%&(])(\d{1,3})(?=[\s.,;:!?)\]»”\"'’]|$)"  # glued to a word: "tegengaan?1"
        r"|(?<=[.?!»”)])(\d{1,3})(?=\s|$)"
        r"|\b((?:19|20)\d\d)(\d{1,2})\b"  # glued to a year: "20231"
        r"|\b([A-Za-z]{1,4}\d)(\d{1,2})(?=[\s.,;:!?)»]|$)"  # glued to a name ending in a digit: "NIS24"
    )

    def strip(self, text: str) -> str:
        if self.expected is None:
            return text
        out: list[str] = []
        pos = 0
        for m in self._PATTERN.finditer(text):
            if self.expected is None:
                break
            if m.group(6):
                if m.group(6).lower() not in _NOT_MARKERS:
                    continue
                digits, cut_start = m.group(7), m.start(7)
            elif m.group(4):
                digits, cut_start = m.group(5), m.start(5)
            elif m.group(1):
                digits, cut_start = m.group(1), m.start(0)
            else:
                digits = m.group(2) or m.group(3)
                cut_start = m.start(2) if m.group(2) else m.start(3)
            n = int(digits)
            if not self.due(n):
                continue
            if not m.group(1) and not m.group(6):
                word = re.search(r"[\w-]*$", text[:cut_start]).group(0)
                after_url = re.search(r"https?://\S*$|www\.\S*$", text[:cut_start])
                # digits inside a URL are the URL's; after its closing full stop ("…nl.2 ") a marker
                if (word + digits).lower() in _NOT_MARKERS or (after_url and not (m.group(3) and text[cut_start - 1] == ".")):
                    continue
            out.append(text[pos:cut_start])
            pos = m.end()
            self._advance(n)
        out.append(text[pos:])
        return "".join(out)


def marker_free(text: str, numbers: Iterable[int]) -> str:
    """`text` without footnote markers for `numbers` (a one-off MarkerState)."""
    return MarkerState(numbers).strip(text)


def _url_open(text: str) -> bool:
    """Does `text` end inside a URL that may continue on the next line?"""
    m = re.search(rf"{_URL_START}\S*$", text)
    return bool(m)


def _url_continues(left: str, right: str) -> bool:
    """Is `right` (the next line) the rest of a URL that `left` ends in?

    >>> _url_continues("zie https://www.nos.nl/artikel/", "123-bericht)")
    True
    >>> _url_continues("zie https://www.nos.nl/artikel/123", "Tekst van de vraag")
    False
    """
    m = re.search(rf"{_URL_START}\S*$", left)
    if m and re.search(r"https?://$", left) and re.match(r"www\.|[\w-]+\.\w", right):
        return True  # "https://" / "www.movisie.nl/…"
    if not m or re.match(rf"{_URL_START}", right):
        return False
    first = re.match(r"[^\s]+", right)
    if not first:
        return False
    token = first.group(0)
    if not re.fullmatch(r"[\w%./\-=&?#~+:;,()!*'@$]+", token):
        return False
    if left[-1] in "/-_.%=&?#~+:":
        return True
    # the URL broke at an arbitrary character: the next token looks like URL text, not a word
    return bool(re.search(r"[/%_=&#]|\.\w+/|\.(?:pdf|html?|aspx?)\b", token)) and " " not in right[: len(token)]


def join_lines(parts: list[str], vocabulary: set[str] | None = None) -> str:
    """Join the lines of one paragraph: undo end-of-line hyphenation, keep real hyphens, rejoin URLs.

    A line ending in "letter-" followed by a lower-case word is joined without the hyphen, unless
    the next word is "en"/"of" ("Advies- en Meldpunt"), the part before is an acronym or number
    ("NIS2-richtlijn"), or the document prints the hyphenated word elsewhere ("hiv-infecties").
    A URL broken over lines is joined without a space (a hyphen in a URL is kept).

    >>> join_lines(["zie https://nos.nl/artikel/2510977-kritiek-op-", "besluit-provincie)."])
    'zie https://nos.nl/artikel/2510977-kritiek-op-besluit-provincie).'
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
        if _url_continues(out, s):
            out += s
            continue
        m = re.search(r"(\w+)-$", out)
        if m and not out.endswith("--"):
            left = m.group(1)
            right_word = re.match(r"[\w-]*", s).group(0)
            if re.match(r"^(?:en|of|tot|t/m|dan)\b", s) or not right_word:
                out += " " + s
            elif s[:1].isupper() or _is_acronym(left) or f"{left}-{right_word}".lower() in vocab:
                out += s  # a real hyphen: Noord-Holland, NIS2-richtlijn, hiv-infecties
            else:
                out = out[:-1] + s
        else:
            out += " " + s
    return out


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


class _LineLike(Protocol):
    text: str
    kind: str


def _marker_line(s: str, state: MarkerState) -> tuple[bool, str]:
    """A line holding only footnote markers ("2", "5, 6", "2."): (is a marker line, punctuation to keep)."""
    m = re.fullmatch(r"(\d{1,3}(?:\s*(?:,|en)\s*\d{1,3})*)\s*([.,;:]?)", s)
    if not m:
        return False, ""
    nums = [int(n) for n in re.findall(r"\d+", m.group(1))]
    if not nums or not state.due(nums[0]):
        return False, ""
    for n in nums:
        if state.due(n):
            state._advance(n)
    return True, m.group(2)


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
        is_marker, punct = _marker_line(s, state)
        if is_marker:
            # a line holding only footnote markers (PDF extracts print them apart)
            if punct and paragraphs[-1]:
                paragraphs[-1][-1] += punct
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
    """Collapse spaces; rejoin in-line hyphenation left by extraction ('beschikbaar-heid').

    >>> tidy("de beschikbaar-heid van  de Advies- en Meldpunt", {"beschikbaarheid"})
    'de beschikbaarheid van de Advies- en Meldpunt'
    """
    text = re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", text).strip()
    if vocabulary:

        def fix(m: re.Match[str]) -> str:
            left, right = m.group(1), m.group(2)
            whole = (left + right).lower()
            if whole in vocabulary and f"{left}-{right}".lower() not in vocabulary:
                return left + right
            return m.group(0)

        text = re.sub(r"(?<![\w/.-])([^\W\d_]{2,})-([a-zà-ÿ]{2,})\b(?![/-])", fix, text)
    return text


_URL = re.compile(
    rf"{_URL_START}[^\s<>«»\"“”]+|\b(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|int|gov|be|de|uk|info|io|news)/[^\s<>«»\"“”]*",
    re.I,
)


def find_urls(text: str) -> list[str]:
    """URLs in a footnote: http(s), www., or a bare domain with a path; closing punctuation trimmed.

    >>> find_urls("(regiopurmerend.nl/2024/05/03/tieners/).")
    ['regiopurmerend.nl/2024/05/03/tieners/']
    """
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


# --- glued words ---------------------------------------------------------------------------------


def _load_zipf() -> object | None:
    try:  # optional: a Dutch word-frequency list makes splitting glued words far more reliable
        from wordfreq import zipf_frequency
    except ImportError:
        return None
    return zipf_frequency


_ZIPF = _load_zipf()


def _zipf(word: str) -> float | None:
    """Zipf frequency of a Dutch word (None without the optional `wordfreq` package)."""
    if _ZIPF is None:
        return None
    return _ZIPF(word, "nl")  # type: ignore[operator]


@dataclass(slots=True)
class Lexicon:
    """The words a document prints (with counts), to tell real words from words glued at line joins.

    A word is known when the document prints it at least twice, or it is a Dutch function word.

    >>> lex = Lexicon.from_text("de rol de rol spelen")
    >>> lex.known("rol"), lex.known("spelen"), lex.known("en"), lex.known("spelenbij")
    (True, False, True, False)
    """

    counts: Counter[str] = field(default_factory=Counter)
    hyphenated: set[str] = field(default_factory=set)
    bigrams: set[str] = field(default_factory=set)

    @classmethod
    def from_text(cls, text: str) -> Lexicon:
        text = _URL.sub(" ", text)
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
        counts: Counter[str] = Counter()
        hyphenated: set[str] = set()
        for w in words:
            lw = w.lower()
            if "-" in lw:
                hyphenated.add(lw)  # its parts may be hyphenation fragments ("paardentranspor-ten"): not counted
            else:
                counts[lw] += 1
        bigrams = {f"{a.lower()} {b.lower()}" for a, b in re.findall(r"(?=\b([^\W\d_]{2,}) ([^\W\d_]{2,})\b)", text)}
        return cls(counts, hyphenated, bigrams)

    def has_bigram(self, left: str, right: str) -> bool:
        """Does the document print `left right` as two words somewhere?"""
        return f"{left.lower()} {right.lower()}" in self.bigrams

    def strength(self, word: str, own: int = 0) -> float:
        """How surely `word` is a word: a Zipf-like score (function words 6, printed twice 4.5, once 3).

        With the optional `wordfreq` package installed, its Dutch frequencies count too.
        """
        w = word.lower()
        score = 6.0 if w in FUNCTION_WORDS else 0.0
        count = self.counts.get(w, 0) - own
        score = max(score, 4.5 if count >= 2 else 3.0 if count == 1 else 0.0)
        if score < 6.0 and (z := _zipf(w)) is not None:
            score = max(score, z)
        return score

    def known(self, word: str, min_count: int = 2) -> bool:
        w = word.lower()
        return w in FUNCTION_WORDS or self.counts.get(w, 0) >= min_count

    def words(self) -> set[str]:
        """Every word printed (for `join_lines` / `tidy`), hyphenated forms included."""
        return set(self.counts) | self.hyphenated


@dataclass(frozen=True, slots=True)
class _Cut:
    pos: int  # index in the line where the next physical line starts
    kind: str  # "punct" | "word" | "hyphen" | "space"
    score: float


_PUNCT_GLUE = re.compile(r"(?<=[^\W\d_]{2})([,;:?!)»”]|\.(?=[A-Z]))(?=[«“(]?[^\W\d_])|(?<=[^\W\d_]{2}[.?!]»)(?=[A-Z])")


# Real words made of two function words: never split ("omdat", "waaruit", "erover").
_NOT_GLUE = frozenset(
    ["omdat", "zodat", "totdat", "nadat", "doordat", "opdat", "voordat", "alsof", "hoewel", "ofwel", "nogal", "vooral", "meteen", "uiteen", "overeen", "bijeen", "aaneen", "erin", "erop", "ermee", "erbij", "eraan", "erover", "eruit", "ertoe", "ervoor", "erdoor", "ervan", "eraf", "ertegen", "waaruit", "waarin", "waarop", "waarmee", "waarvan", "waarbij", "waardoor", "waarover", "waarna", "waaraan", "waartoe", "waarvoor", "hierbij", "hiervan", "hierop", "hiermee", "hierin", "hierdoor", "hiervoor", "daarbij", "daarvan", "daarop", "daarmee", "daarin", "daarom", "daarna", "daardoor", "daarvoor", "daaraan", "daartoe", "vandaan", "evenals", "vanuit", "tegenover", "alsnog", "alleen", "welke", "inmiddels", "bijna", "zowel", "tevens", "dezelfde", "hetzelfde", "datgene", "degene", "hetgeen"]
)


def _cuts(line: str, lex: Lexicon) -> list[_Cut]:
    """Places in a line where two physical lines may have been glued, with how sure we are."""
    cuts: list[_Cut] = []
    for m in re.finditer(r"\S+", line):
        tok, start = m.group(0), m.start()
        if re.search(r"https?:|www\.|@|\.(?:nl|com|org|eu)\b", tok):
            continue
        # punctuation followed by a letter without a space: "consumptie,vanwege", "bevestigen.Europese"
        for p in _PUNCT_GLUE.finditer(tok):
            if re.search(r"\b[A-Za-z]\.$", tok[: p.end()]):
                continue  # "o.a.", "d.d."
            cuts.append(_Cut(start + p.end(), "punct", 3.0))
        for w in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)?", tok):
            word, wstart = w.group(0), start + w.start()
            if "-" in word:
                left, right = word.split("-", 1)
                if right[:1].islower() and not _is_acronym(left):
                    cuts.append(_Cut(wstart + len(left) + 1, "hyphen", 1.5))
                continue
            camel = bool(re.search(r"[a-zà-ÿ][A-ZÀ-Ý]", word))
            if len(word) < 4 or word.lower() in _NOT_GLUE or (not camel and lex.strength(word, own=1) >= 3.5):
                continue
            for i in range(1, len(word)):
                score = _glue_score(word[:i], word[i:], lex)
                if score:
                    cuts.append(_Cut(wstart + i, "word", score))
    return cuts


def _glue_score(left: str, right: str, lex: Lexicon) -> float:
    """How well 'left right' explains an unknown word as two glued words (0: not at all)."""
    if any(len(p) < 4 and p.lower() not in FUNCTION_WORDS for p in (left, right)):
        return 0.0
    if lex.has_bigram(left, right):
        return 3.0  # the document prints the two words apart elsewhere
    if left[-1].islower() and right[0].isupper():
        if left.islower() and left in FUNCTION_WORDS and len(left) >= 2:
            return 3.0  # "enVolksgezondheid", "hetVerenigd", "hetPVV"
        if right[1:2].isupper():
            return 0.0
        if left.lower() in FUNCTION_WORDS:
            return 3.0  # "enVolksgezondheid", "hetVerenigd"
        return 1.8 if lex.strength(left) >= 3.0 and lex.strength(right) >= 3.0 else 0.0  # "DaniëlleJansen"
    if left.isupper() and len(left) >= 2 and right.islower():
        return 2.5 if lex.strength(right) >= 4.0 else 0.0  # "NVWAis"
    if right[0].isupper() or (left[0].isupper() and left[1:].isupper()):
        return 0.0
    sl, sr, sw = lex.strength(left), lex.strength(right), lex.strength(left + right, own=1)
    low = min(sl, sr)
    if low < 3.0 or low - sw < 1.0:
        return 0.0
    if left.lower() in FUNCTION_WORDS and right.lower() in FUNCTION_WORDS:
        return 2.2  # "opde": two small words, and the whole is no word we know
    if left.lower() in FUNCTION_WORDS or right.lower() in FUNCTION_WORDS:
        return 2.5  # "spelenbij", "overschotaan"
    return 0.0  # two content words may as well be a compound ("Warenautoriteit"): leave it


def unglue(line: str, lex: Lexicon, width: int) -> str:
    """Split words glued where an extraction joined physical lines without a space.

    The joins lie about one line `width` apart; at each, the best-supported place is taken: punctuation
    followed by a letter, two known words ("spelenbij" → "spelen bij"), or an end-of-line hyphen left in
    the text ("beschikbaar-heid" → "beschikbaarheid", "wet-en" → "wet- en").
    """
    if len(line) <= width * 1.2:
        return line
    cuts = sorted(_cuts(line, lex), key=lambda c: c.pos)
    chosen: list[_Cut] = []
    start = 0
    while len(line) - start > width * 1.12:
        lo, hi = start + int(width * 0.62), start + int(width * 1.15)
        strong = [c for c in cuts if start + 8 <= c.pos < lo and c.kind == "punct"]
        if strong:
            chosen.append(strong[0])
            start = strong[0].pos
            continue
        window = [c for c in cuts if lo <= c.pos <= hi]
        expect = start + width * 0.95
        if not window:
            # no evidence: assume the join fell on a space near the expected width and go on
            spaces = [m.start() + 1 for m in re.finditer(r" ", line) if lo <= m.start() + 1 <= hi]
            if not spaces:
                break
            start = min(spaces, key=lambda p: abs(p - (start + width)))
            continue
        best = max(window, key=lambda c: c.score - 0.02 * abs(c.pos - expect))
        chosen.append(best)
        start = best.pos
    if not chosen:
        return line
    out: list[str] = []
    prev = 0
    for c in chosen:
        left = line[prev : c.pos]
        if c.kind == "hyphen":
            right_word = re.match(r"[^\W\d_]*", line[c.pos :]).group(0)
            whole = (left.rsplit(" ", 1)[-1].rstrip("-") + right_word).lower()
            if right_word.lower() in ("en", "of") or (f"{left.rsplit(' ', 1)[-1]}{right_word}".lower() in lex.hyphenated and not lex.counts.get(re.sub(r'\W', '', whole), 0)):
                out.append(left + (" " if right_word.lower() in ("en", "of") else ""))
            else:
                out.append(left[:-1])
        else:
            out.append(left + " ")
        prev = c.pos
    out.append(line[prev:])
    return re.sub(r" {2,}", " ", "".join(out))


def restore_url_hyphen(url: str, lex: Lexicon, region: tuple[int, int] | None = None) -> str:
    """Put back the hyphen pdftotext dropped where a URL slug broke over lines ("woonwijkenligt").

    Only slugs made of hyphenated words are repaired, only a word that the document does not print
    but that splits into two words it does, and (when `region` is given) only a word overlapping that
    character range of the URL, where the physical line must have ended.

    >>> restore_url_hyphen("https://x.nl/in-ruim-400-woonwijkenligt-tot-10000", Lexicon.from_text("woonwijken ligt ligt"))
    'https://x.nl/in-ruim-400-woonwijken-ligt-tot-10000'
    """
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"[^\W\d_]+", url):
        w, a = m.group(0), m.start()
        if region is not None and not (a <= region[1] and m.end() >= region[0]):
            continue
        before, after = url[a - 1 : a], url[m.end() : m.end() + 1]
        if before not in "-/" or after not in ("-", "/", "", ".") or len(w) < 5 or lex.known(w, 1):
            continue
        slug = re.search(r"[^/]*$", url[:a]).group(0) + re.match(r"[^/]*", url[a:]).group(0)
        if slug.count("-") < 2:
            continue
        splits = []
        for i in range(2, len(w) - 1):
            left, right = w[:i], w[i:]
            if region is not None and not region[0] - 2 <= a + i <= region[1] + 2:
                continue
            if lex.known(left, 1) and lex.known(right, 1):
                splits.append((min(lex.counts.get(left.lower(), 9), lex.counts.get(right.lower(), 9)), i))
        if splits:
            _, i = max(splits)
            out.append(url[pos : a + i] + "-")
            pos = a + i
    out.append(url[pos:])
    return "".join(out)
