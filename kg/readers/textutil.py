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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

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
_URL_START_RE = re.compile(_URL_START)
_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"[\w-]*")
_TOKEN_RUN = re.compile(r"\S*")
_LOOK_BEHIND = 200  # characters looked at before falling back to the whole string


def _run_before(text: str, end: int, run: re.Pattern[str]) -> str:
    """The longest run of `run`'s characters (a one-class pattern like "[\\w-]*") that `text[:end]` ends in.

    Only the end of the text is read (backwards): searching the whole prefix for "…$" made joining a
    paragraph quadratic in its length.

    >>> _run_before("zie de NIS2-richtlijn", 21, _WORD_RUN)
    'NIS2-richtlijn'
    """
    start = max(0, end - _LOOK_BEHIND)
    n = run.match(text[start:end][::-1]).end()
    if n == end - start and start > 0:  # the run may go on before the window
        n = run.match(text[:end][::-1]).end()
    return text[end - n : end]


def _token_before(text: str, end: int) -> str:
    """The run of non-space characters `text[:end]` ends in.

    >>> _token_before("zie www.x.nl/a", 14), _token_before("zie ", 4)
    ('www.x.nl/a', '')
    """
    return _run_before(text, end, _TOKEN_RUN)


def _in_url(token: str) -> bool:
    """Does a token (no spaces) hold the start of a URL, so that what ends it is inside the URL?"""
    return "http://" in token or "https://" in token or "www." in token


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

    def _may_hold_marker(self, digits: str) -> bool:
        """Can a run of digits end in the marker due ("1", "20231", "NIS24": the last one to three digits)?"""
        return any(self.due(int(digits[-k:])) for k in (1, 2, 3) if k <= len(digits))

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
        if self.expected is None or not _DIGIT.search(text):
            return text
        out: list[str] = []
        pos = 0
        for m in _near_digits(self._PATTERN, text, self._may_hold_marker):
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
                word = _run_before(text, cut_start, _WORD_RUN)
                after_url = _in_url(_token_before(text, cut_start))
                # digits inside a URL are the URL's; after its closing full stop ("…nl.2 ") a marker
                if (word + digits).lower() in _NOT_MARKERS or (after_url and not (m.group(3) and text[cut_start - 1] == ".")):
                    continue
            out.append(text[pos:cut_start])
            pos = m.end()
            self._advance(n)
        out.append(text[pos:])
        return "".join(out)


_DIGIT_RUN = re.compile(r"\d+")


def _near_digits(pattern: re.Pattern[str], text: str, wanted: Callable[[str], bool] | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for `MarkerState._PATTERN`, searching only around runs of digits.

    Every match holds one run of digits, starts at most four characters before it and ends at most
    one after it (its look-arounds read one more), so windows from five before a run to two after it
    find the same matches; a paragraph is mostly letters, which the whole pattern tries one by one.
    With `wanted`, a window is only searched when it asks `wanted` (then, not before) about one of its
    runs and gets yes.

    >>> [m.group(0) for m in _near_digits(MarkerState._PATTERN, "tegengaan?1 Zo ja, NIS24 ook")]
    ['1', 'NIS24']
    """
    start = end = -1
    runs: list[str] = []
    for d in _DIGIT_RUN.finditer(text):
        a, b = d.start() - 5, d.end() + 2
        if end >= 0 and a <= end:
            end = b  # overlapping windows are searched as one
            runs.append(d.group(0))
            continue
        if end >= 0 and (wanted is None or any(map(wanted, runs))):
            yield from pattern.finditer(text, max(0, start), min(len(text), end))
        start, end, runs = a, b, [d.group(0)]
    if end >= 0 and (wanted is None or any(map(wanted, runs))):
        yield from pattern.finditer(text, max(0, start), min(len(text), end))


def marker_free(text: str, numbers: Iterable[int]) -> str:
    """`text` without footnote markers for `numbers` (a one-off MarkerState)."""
    return MarkerState(numbers).strip(text)


def _url_open(text: str) -> bool:
    """Does `text` end inside a URL that may continue on the next line?"""
    return bool(_URL_START_RE.search(_token_before(text, len(text) - text.endswith("\n"))))  # "$": before a final newline too


_URL_FIRST = re.compile(r"www\.|[\w-]+\.\w")
_FIRST_TOKEN = re.compile(r"[^\s]+")
_URL_TOKEN = re.compile(r"[\w%./\-=&?#~+:;,()!*'@$]+")
_URL_TEXT = re.compile(r"[/%_=&#]|\.\w+/|\.(?:pdf|html?|aspx?)\b")


def _url_continues(left: str, right: str) -> bool:
    """Is `right` (the next line) the rest of a URL that `left` ends in?

    >>> _url_continues("zie https://www.nos.nl/artikel/", "123-bericht)")
    True
    >>> _url_continues("zie https://www.nos.nl/artikel/123", "Tekst van de vraag")
    False
    """
    tail = _token_before(left, len(left) - left.endswith("\n"))  # a URL that `left` ends in lies in its last token
    m = _URL_START_RE.search(tail)
    if m and tail.endswith(("http://", "https://")) and _URL_FIRST.match(right):
        return True  # "https://" / "www.movisie.nl/…"
    if not m or _URL_START_RE.match(right):
        return False
    first = _FIRST_TOKEN.match(right)
    if not first:
        return False
    token = first.group(0)
    if not _URL_TOKEN.fullmatch(token):
        return False
    if left[-1] in "/-_.%=&?#~+:":
        return True
    # the URL broke at an arbitrary character: the next token looks like URL text, not a word
    return bool(_URL_TEXT.search(token)) and " " not in right[: len(token)]


_HYPHEN_END = re.compile(r"(\w+)-\Z")
_FIRST_WORD = re.compile(r"[\w-]*")
_KEEPS_HYPHEN = re.compile(r"(?:en|of|tot|t/m|dan)\b")


def join_lines(parts: list[str], vocabulary: Container[str] | None = None) -> str:
    """Join the lines of one paragraph: undo end-of-line hyphenation, keep real hyphens, rejoin URLs.

    A line ending in "letter-" followed by a lower-case word is joined without the hyphen, unless
    the next word is "en"/"of" ("Advies- en Meldpunt"), the part before is an acronym or number
    ("NIS2-richtlijn"), or the document prints the hyphenated word elsewhere ("hiv-infecties").
    A URL broken over lines is joined without a space (a hyphen in a URL is kept). Only the end of
    the text joined so far is looked at, so a paragraph joins in time linear in its length.

    >>> join_lines(["zie https://nos.nl/artikel/2510977-kritiek-op-", "besluit-provincie)."])
    'zie https://nos.nl/artikel/2510977-kritiek-op-besluit-provincie).'
    """
    vocab = vocabulary or set()
    out = ""
    url = False  # does the text joined so far hold a URL start ("://", "www.")? only then can a URL go on
    for raw in parts:
        s = raw.strip()
        if not s:
            continue
        if not out:
            out = s
        elif url and _url_continues(out, s):
            out += s
        elif out[-1] == "-" and (m := _HYPHEN_END.search(_run_before(out, len(out), _WORD_RUN))) and not out.endswith("--"):
            left = m.group(1)
            right_word = _FIRST_WORD.match(s).group(0)
            if _KEEPS_HYPHEN.match(s) or not right_word:
                out += " " + s
            elif s[:1].isupper() or _is_acronym(left) or f"{left}-{right_word}".lower() in vocab:
                out += s  # a real hyphen: Noord-Holland, NIS2-richtlijn, hiv-infecties
            else:
                out = out[:-1] + s
        else:
            out += " " + s
        if not url:  # a start may also form across the join ("ww-" + "w.nos.nl")
            tail = out[-len(s) - 8 :]
            url = "://" in tail or "www." in tail
    return out


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


class _LineLike(Protocol):
    text: str
    kind: str


_MARKER_LINE = re.compile(r"(\d{1,3}(?:\s*(?:,|en)\s*\d{1,3})*)\s*([.,;:]?)")
_DIGITS = re.compile(r"\d+")


def _marker_line(s: str, state: MarkerState) -> tuple[bool, str]:
    """A line holding only footnote markers ("2", "5, 6", "2."): (is a marker line, punctuation to keep)."""
    m = _MARKER_LINE.fullmatch(s) if s[:1].isdecimal() else None
    if not m:
        return False, ""
    nums = [int(n) for n in _DIGITS.findall(m.group(1))]
    if not nums or not state.due(nums[0]):
        return False, ""
    for n in nums:
        if state.due(n):
            state._advance(n)
    return True, m.group(2)


def clean_block(lines: list[_LineLike], markers: MarkerState | set[int] | None = None, vocabulary: Container[str] | None = None) -> str:
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


def tidy(text: str, vocabulary: Container[str] | None = None) -> str:
    """Collapse spaces; rejoin in-line hyphenation left by extraction ('beschikbaar-heid').

    >>> tidy("de beschikbaar-heid van  de Advies- en Meldpunt", {"beschikbaarheid"})
    'de beschikbaarheid van de Advies- en Meldpunt'
    """
    if "  " in text or "\t" in text or "\u00a0" in text or "\u2009" in text or "\u202f" in text:
        text = _SPACES.sub(" ", text)  # (a single space between words needs no change)
    text = text.strip()
    if vocabulary and "-" in text:

        def fix(m: re.Match[str]) -> str:
            left, right = m.group(1), m.group(2)
            whole = (left + right).lower()
            if whole in vocabulary and f"{left}-{right}".lower() not in vocabulary:
                return left + right
            return m.group(0)

        text = _sub_in_tokens(_INLINE_HYPHEN, fix, text, "-")
    return text


def _sub_in_tokens(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str, mark: str) -> str:
    """`pattern.sub(repl, text)` for a pattern whose matches hold `mark` and no space, only looking at the
    tokens (runs of non-space characters) that hold `mark`; a space before or after a token reads, for
    look-arounds and word boundaries, as the start or end of the text.

    >>> _sub_in_tokens(re.compile("a-b"), lambda m: "ab", "x a-b y-z a-b", "-")
    'x ab y-z ab'
    """
    out: list[str] = []
    pos = 0
    k = text.find(mark)
    while k >= 0:
        a = k - len(_run_before(text, k, _TOKEN_RUN))
        b = _TOKEN_RUN.match(text, k).end()
        out += (text[pos:a], pattern.sub(repl, text[a:b]))
        pos = b
        k = text.find(mark, b)
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# runs of spaces, tabs and thin or non-breaking spaces, but a single " " (replacing it changes nothing)
_SPACES = re.compile(r"[\t\u00a0\u2009\u202f][ \t\u00a0\u2009\u202f]*| [ \t\u00a0\u2009\u202f]+")
_INLINE_HYPHEN = re.compile(r"(?<![\w/.-])([^\W\d_]{2,})-([a-zà-ÿ]{2,})\b(?![/-])")
_URL = re.compile(
    rf"{_URL_START}[^\s<>«»\"“”]+|\b(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|int|gov|be|de|uk|info|io|news)/[^\s<>«»\"“”]*",
    re.I,
)


# every URL holds a "/" or "www." (any case): only tokens holding one are searched (the pattern is slow)
_URL_HINT = re.compile(r"[/wW](?:(?<=/)|[wW]{2}\.)")


def _url_matches(text: str) -> Iterator[re.Match[str]]:
    """`_URL.finditer(text)`, searching only the tokens that can hold a URL (a URL never holds a space).

    >>> [m.group(0) for m in _url_matches("a\\nzie WWW.x.nl en\\nb https://y.nl/c")]
    ['WWW.x.nl', 'https://y.nl/c']
    """
    done = 0
    for hint in _URL_HINT.finditer(text):
        at = hint.start()
        if at < done:
            continue
        start = at - len(_run_before(text, at, _TOKEN_RUN))
        done = _TOKEN_RUN.match(text, at).end()
        yield from _URL.finditer(text, start, done)


def _without_urls(text: str) -> str:
    """`text` with each URL replaced by a space (`_URL.sub(" ", text)`, faster)."""
    pieces: list[str] = []
    pos = 0
    for m in _url_matches(text):
        pieces += (text[pos : m.start()], " ")
        pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def find_urls(text: str) -> list[str]:
    """URLs in a footnote: http(s), www., or a bare domain with a path; closing punctuation trimmed.

    >>> find_urls("(regiopurmerend.nl/2024/05/03/tieners/).")
    ['regiopurmerend.nl/2024/05/03/tieners/']
    """
    out = []
    for m in _url_matches(text):
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
    Counts, hyphenated forms and word pairs are worked out on first use: most documents only ask
    about a few words, which `known`, `count` and `vocabulary` answer by looking them up in the text.

    >>> lex = Lexicon.from_text("de rol de rol spelen")
    >>> lex.known("rol"), lex.known("spelen"), lex.known("en"), lex.known("spelenbij")
    (True, False, True, False)
    >>> lex.count("Rol"), "rol" in lex.vocabulary(), sorted(lex.counts.items())
    (2, True, [('de', 2), ('rol', 2), ('spelen', 1)])
    """

    _counts: Counter[str] | None = None  # None: not computed yet (from `_source`)
    _hyphenated: set[str] | None = None
    _bigrams: set[str] | None = None
    _source: str = field(default="", repr=False, compare=False)  # the text without its URLs
    # `_source.lower()`, when lower case maps character to character (no "İ", no "Σ"): same offsets
    _lower: str | None = field(default=None, repr=False, compare=False)
    _memo: dict[tuple[str, int], float] = field(default_factory=dict, repr=False, compare=False)
    _glue: dict[str, tuple[tuple[int, str, float], ...]] = field(default_factory=dict, repr=False, compare=False)
    _words: set[str] | None = field(default=None, repr=False, compare=False)
    _ends: tuple[set[str], set[str]] | None = field(default=None, repr=False, compare=False)
    _finds: int = field(default=0, repr=False, compare=False)
    _has_words: bool | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> Lexicon:
        text = _without_urls(text)
        lower = text.lower() if "İ" not in text and "Σ" not in text else None
        return cls(None, None, None, text, lower)

    def _build(self) -> None:
        if self._lower is not None:
            # lower case keeps letters letters, so the words of the lower-case text are the lower-case words
            counts = Counter(_WORD.findall(self._lower))
            hyphenated = {w for w in counts if "-" in w}
            for w in hyphenated:
                del counts[w]
        else:
            counts = Counter()
            hyphenated = set()
            for w, n in Counter(_WORD.findall(self._source)).items():
                lw = w.lower()
                if "-" in lw:
                    hyphenated.add(lw)
                else:
                    counts[lw] += n
        # the parts of a hyphenated word may be hyphenation fragments ("paardentranspor-ten"): not counted
        self._counts, self._hyphenated = counts, hyphenated

    @property
    def counts(self) -> Counter[str]:
        """How often each word (lower case, without hyphen) is printed."""
        if self._counts is None:
            self._build()
        return self._counts  # type: ignore[return-value]

    @property
    def hyphenated(self) -> set[str]:
        """The hyphenated words printed (lower case)."""
        if self._hyphenated is None:
            self._build()
        return self._hyphenated  # type: ignore[return-value]

    @property
    def bigrams(self) -> set[str]:
        """Every 'left right' pair of words printed side by side (lower case), computed on first use."""
        if self._bigrams is None:
            if self._lower is not None:
                self._bigrams = set(_BIGRAM.findall(self._lower))
            else:  # "A b".lower() == "a b": lower case is context-free across a space
                self._bigrams = set(map(str.lower, _BIGRAM.findall(self._source)))
        return self._bigrams

    def has_bigram(self, left: str, right: str) -> bool:
        """Does the document print `left right` as two words somewhere?"""
        return self._pair(left.lower(), right.lower())

    def _pair(self, left: str, right: str) -> bool:
        """`f"{left} {right}" in self.bigrams` for lower-case words, looked up in the text until the pairs
        are listed: most pairs asked about hold a part the document never prints as a word."""
        if self._bigrams is not None or self._lower is None:
            return f"{left} {right}" in self.bigrams
        if self._ends is None:
            self._ends = ({h.rsplit("-", 1)[-1] for h in self.hyphenated}, {h.split("-", 1)[0] for h in self.hyphenated})
        counts, (tails, heads) = self.counts, self._ends
        # the first word of a pair is a word or ends a hyphenated one ("anti-hiv patiënten"); the second
        # is a word or starts one
        if not ((left in counts or left in tails) and (right in counts or right in heads)):
            return False
        self._finds += 1
        if self._finds > 16:  # a search reads the whole text: after a few, listing the pairs is cheaper
            return f"{left} {right}" in self.bigrams
        text, pair = self._lower, f"{left} {right}"
        k = text.find(pair)
        while k >= 0:
            m = _PAIR.match(text, k)  # the pair the pattern of `bigrams` finds here
            if m is not None and m.group(1) == left and m.group(2) == right:
                return True
            k = text.find(pair, k + 1)
        return False

    def strength(self, word: str, own: int = 0) -> float:
        """How surely `word` is a word: a Zipf-like score (function words 6, printed twice 4.5, once 3).

        With the optional `wordfreq` package installed, its Dutch frequencies count too. Scores are
        remembered per lexicon (its counts are not to be changed after use).
        """
        key = (word, own)
        score = self._memo.get(key)
        if score is None:
            w = word.lower()
            score = 6.0 if w in FUNCTION_WORDS else 0.0
            count = self.counts.get(w, 0) - own
            score = max(score, 4.5 if count >= 2 else 3.0 if count == 1 else 0.0)
            if score < 6.0 and (z := _zipf(w)) is not None:
                score = max(score, z)
            self._memo[key] = score
        return score

    def count(self, word: str, limit: int | None = None) -> int:
        """How often `word` is printed (any case; 0 for a hyphenated word), counting up to `limit`."""
        w = word.lower()
        if self._counts is not None or self._lower is None:
            return self.counts.get(w, 0)
        return 0 if "-" in w else self._printed(w, limit)

    def known(self, word: str, min_count: int = 2) -> bool:
        w = word.lower()
        return w in FUNCTION_WORDS or self.count(w, min_count) >= min_count

    def words(self) -> set[str]:
        """Every word printed (for `join_lines` / `tidy`), hyphenated forms included; read-only, shared."""
        if self._words is None:
            self._words = set(self.counts) | self.hyphenated
        return self._words

    def vocabulary(self) -> Container[str]:
        """`words()` for membership tests (`in`, truth), answered by a look-up in the text until counted."""
        if self._counts is not None or self._lower is None:
            return self.words()
        return _Vocabulary(self)

    def _printed(self, w: str, limit: int | None = None) -> int:
        """How often the lower-case word `w` (hyphenated or not) is one of the words of the text."""
        text, n, found = self._lower, len(w), 0
        if not w or text is None:
            return 0
        k = text.find(w)
        while k >= 0:
            # a word starts at k: no letter before it, nor a hyphen after a letter ("anti-hiv-infecties")
            if not (k and (_LETTER.match(text, k - 1) or (text[k - 1] == "-" and k > 1 and _LETTER.match(text, k - 2)))):
                m = _WORD.match(text, k)
                if m is not None and m.end() == k + n:
                    found += 1
                    if limit is not None and found >= limit:
                        break
            k = text.find(w, k + 1)
        return found


class _Vocabulary:
    """The words of a `Lexicon` as a container: `word in vocabulary` without listing every word."""

    __slots__ = ("lex",)

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def __contains__(self, word: object) -> bool:
        # the words are lower case (lower() is idempotent): another string is none of them
        return isinstance(word, str) and word == word.lower() and self.lex._printed(word, 1) > 0

    def __bool__(self) -> bool:
        lex = self.lex
        if lex._has_words is None:
            lex._has_words = bool(lex._lower and _WORD.search(lex._lower))
        return lex._has_words


_LETTER = re.compile(r"[^\W\d_]")
_PAIR = re.compile(r"\b([^\W\d_]{2,}) ([^\W\d_]{2,})\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# two words of two letters or more with one space between ("\b…\b"); the pattern steps from word to word
_BIGRAM = re.compile(r"\b(?=([^\W\d_]{2,} [^\W\d_]{2,})\b)[^\W\d_]{2,} ")


class _Cut(NamedTuple):
    pos: int  # index in the line where the next physical line starts
    kind: str  # "punct" | "word" | "hyphen" | "space"
    score: float


# a punctuation mark after two letters and before a letter; the match ends where the cut goes. Each
# branch starts with the mark itself (then looks behind), which lets the search skip to the marks.
_PUNCT_GLUE = re.compile(
    r"[,;:?!)»”](?<=[^\W\d_]{2}[,;:?!)»”])(?=[«“(]?[^\W\d_])"  # "consumptie,vanwege"
    r"|\.(?<=[^\W\d_]{2}\.)(?=[A-Z])"  # "bevestigen.Europese"
    r"|»(?<=[^\W\d_]{2}[.?!]»)(?=[A-Z])"  # "verleidelijk.»Het"
)


# Real words made of two function words: never split ("omdat", "waaruit", "erover").
_NOT_GLUE = frozenset(
    ["omdat", "zodat", "totdat", "nadat", "doordat", "opdat", "voordat", "alsof", "hoewel", "ofwel", "nogal", "vooral", "meteen", "uiteen", "overeen", "bijeen", "aaneen", "erin", "erop", "ermee", "erbij", "eraan", "erover", "eruit", "ertoe", "ervoor", "erdoor", "ervan", "eraf", "ertegen", "waaruit", "waarin", "waarop", "waarmee", "waarvan", "waarbij", "waardoor", "waarover", "waarna", "waaraan", "waartoe", "waarvoor", "hierbij", "hiervan", "hierop", "hiermee", "hierin", "hierdoor", "hiervoor", "daarbij", "daarvan", "daarop", "daarmee", "daarin", "daarom", "daarna", "daardoor", "daarvoor", "daaraan", "daartoe", "vandaan", "evenals", "vanuit", "tegenover", "alsnog", "alleen", "welke", "inmiddels", "bijna", "zowel", "tevens", "dezelfde", "hetzelfde", "datgene", "degene", "hetgeen"]
)


_TOKEN = re.compile(r"\S+")
_URLISH = re.compile(r"https?:|www\.|@|\.(?:nl|com|org|eu)\b")
_ABBREV = re.compile(r"\b[A-Za-z]\.\Z")
_GLUE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_CAMEL = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")


def _punct_cuts(text: str) -> list[_Cut]:
    """Punctuation followed by a letter without a space ("consumptie,vanwege", "bevestigen.Europese").

    Matches never span a space, so a whole line can be searched at once instead of token by token.
    """
    out: list[_Cut] = []
    for p in _PUNCT_GLUE.finditer(text):
        e = p.end()
        if e >= 2 and _ABBREV.match(text, e - 2, e):
            continue  # "o.a.", "d.d."
        out.append(_Cut(e, "punct", 3.0))
    return out


def _word_cuts(word: str, lex: Lexicon) -> tuple[tuple[int, str, float], ...]:
    """The cuts inside one word (offset, kind, score): a hyphen left at a line end, or two glued words.

    Remembered per lexicon: a document repeats its words.
    """
    cached = lex._glue.get(word)
    if cached is not None:
        return cached
    out: tuple[tuple[int, str, float], ...] = ()
    if "-" in word:
        left, right = word.split("-", 1)
        if right[:1].islower() and not _is_acronym(left):
            out = ((len(left) + 1, "hyphen", 1.5),)
    elif not (len(word) < 4 or word.lower() in _NOT_GLUE or (not _CAMEL.search(word) and lex.strength(word, own=1) >= 3.5)):
        out = tuple((i, "word", score) for i, score in _word_splits(word, lex))
    lex._glue[word] = out
    return out


def _token_cuts(tok: str, start: int, lex: Lexicon, words: bool = True) -> tuple[list[_Cut], list[_Cut]]:
    """The cuts inside one token starting at `start`: (punctuation cuts, word and hyphen cuts).

    Each cut lies strictly inside its token. With `words=False` only the (cheap) punctuation cuts are made.
    """
    if _URLISH.search(tok):
        return [], []
    punct = [_Cut(start + c.pos, c.kind, c.score) for c in _punct_cuts(tok)]
    other: list[_Cut] = []
    if words:
        for w in _GLUE_WORD.finditer(tok):
            wstart = start + w.start()
            other += [_Cut(wstart + i, kind, score) for i, kind, score in _word_cuts(w.group(0), lex)]
    return punct, other


_FW_LONGEST = max(map(len, FUNCTION_WORDS))


def _word_splits(word: str, lex: Lexicon) -> list[tuple[int, float]]:
    """Where an unknown word splits into two glued words: (index, `_glue_score`) for each score above 0.

    >>> _word_splits("spelenbij", Lexicon.from_text("wij spelen"))
    [(6, 2.5)]
    """
    n = len(word)
    plain = word.islower()  # no capitals: lower() changes nothing, "dezeVraag" and "NVWAis" cannot occur
    out: list[tuple[int, float]] = []
    for i in range(1, n):
        left, right = word[:i], word[i:]
        if plain:
            left_fw, right_fw = left in FUNCTION_WORDS, right in FUNCTION_WORDS
        else:
            left_fw = i <= _FW_LONGEST and left.lower() in FUNCTION_WORDS
            right_fw = n - i <= _FW_LONGEST and right.lower() in FUNCTION_WORDS
        # both parts must be four letters or more, or a function word (as `_glue_score` demands)
        if (i < 4 and not left_fw) or (n - i < 4 and not right_fw):
            continue
        if not left_fw and not right_fw:
            # then only a pair printed apart, "dezeVraag" or "NVWAis" can score
            if plain:
                if not lex._pair(left, right):
                    continue
            elif not (
                (left[-1].islower() and right[0].isupper())
                or (left.isupper() and len(left) >= 2 and right.islower())
                or lex.has_bigram(left, right)
            ):
                continue
        score = _glue_score_parts(left, right, lex)
        if score:
            out.append((i, score))
    return out


def _cuts(line: str, lex: Lexicon) -> list[_Cut]:
    """Places in a line where two physical lines may have been glued, with how sure we are."""
    cuts: list[_Cut] = []
    for m in _TOKEN.finditer(line):
        punct, other = _token_cuts(m.group(0), m.start(), lex)
        cuts += punct
        cuts += other
    return cuts


class _LineCuts:
    """The cuts of one line (as `sorted(_cuts(line, lex))` gives them), worked out where asked for.

    Punctuation cuts are found for the whole line at once; words are only split in the ranges
    `unglue` looks at (near the expected line joins), so most of a long line's words never are.
    No match spans a space, so searching whole tokens finds what searching token by token does.
    """

    def __init__(self, line: str, lex: Lexicon):
        self.line, self.lex = line, lex
        punct = _punct_cuts(line)
        if punct and _URLISH.search(line):
            punct = [c for c in punct if not _URLISH.search(_token_around(line, c.pos))]
        self.punct = punct
        self.punct_pos = [c.pos for c in punct]

    def punct_between(self, lo: int, hi: int) -> list[_Cut]:
        """Punctuation cuts with lo <= pos < hi, in position order."""
        return self.punct[bisect_left(self.punct_pos, lo) : bisect_left(self.punct_pos, hi)]

    def between(self, lo: int, hi: int) -> list[_Cut]:
        """All cuts with lo <= pos <= hi, in position order."""
        line, lex = self.line, self.lex
        out = self.punct[bisect_left(self.punct_pos, lo) : bisect_right(self.punct_pos, hi)]
        # the whole tokens around [lo, hi]: a cut lies strictly inside a word, a word inside a token
        a = lo - len(_run_before(line, lo, _TOKEN_RUN))
        b = _TOKEN_RUN.match(line, hi).end()
        urlish = _URLISH.search(line, a, b) is not None
        known = lex._glue  # (`_word_cuts` remembers each word's cuts here)
        for m in _GLUE_WORD.finditer(line, a, b):
            word = m.group(0)
            cuts = known.get(word)
            if cuts is None:
                cuts = _word_cuts(word, lex)
            if not cuts:
                continue
            start = m.start()
            if urlish and _URLISH.search(_token_around(line, start)):
                continue  # a URL or e-mail address is never cut
            out += [_Cut(start + i, kind, score) for i, kind, score in cuts if lo <= start + i <= hi]
        return sorted(out, key=_pos)


def _token_around(line: str, pos: int) -> str:
    """The run of non-space characters around `pos` (from before `pos` to after it).

    >>> _token_around("zie www.x.nl/a b", 8)
    'www.x.nl/a'
    """
    return _run_before(line, pos, _TOKEN_RUN) + _TOKEN_RUN.match(line, pos).group(0)


def _pos(cut: _Cut) -> int:
    return cut.pos


def _glue_score(left: str, right: str, lex: Lexicon) -> float:
    """How well 'left right' explains an unknown word as two glued words (0: not at all)."""
    if any(len(p) < 4 and p.lower() not in FUNCTION_WORDS for p in (left, right)):
        return 0.0
    return _glue_score_parts(left, right, lex)


def _glue_score_parts(left: str, right: str, lex: Lexicon) -> float:
    """`_glue_score` for parts already known to be words of four letters or more, or function words."""
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
    cuts = _LineCuts(line, lex)
    chosen: list[_Cut] = []
    start = 0
    while len(line) - start > width * 1.12:
        lo, hi = start + int(width * 0.62), start + int(width * 1.15)
        strong = cuts.punct_between(start + 8, lo)
        if strong:
            chosen.append(strong[0])
            start = strong[0].pos
            continue
        window = cuts.between(lo, hi)
        expect = start + width * 0.95
        if not window:
            # no evidence: assume the join fell on a space near the expected width and go on
            spaces = [m.start() + 1 for m in _SPACE.finditer(line, max(0, lo - 1), hi)]
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
            right_word = _LETTERS.match(line, c.pos).group(0)
            whole = (left.rsplit(" ", 1)[-1].rstrip("-") + right_word).lower()
            if right_word.lower() in ("en", "of") or (f"{left.rsplit(' ', 1)[-1]}{right_word}".lower() in lex.hyphenated and not lex.counts.get(re.sub(r'\W', '', whole), 0)):
                out.append(left + (" " if right_word.lower() in ("en", "of") else ""))
            else:
                out.append(left[:-1])
        else:
            out.append(left + " ")
        prev = c.pos
    out.append(line[prev:])
    return _DOUBLE_SPACE.sub(" ", "".join(out))


_SPACE = re.compile(" ")
_LETTERS = re.compile(r"[^\W\d_]*")
_DOUBLE_SPACE = re.compile(r" {2,}")


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
                splits.append((min(lex.count(left) or 9, lex.count(right) or 9), i))
        if splits:
            _, i = max(splits)
            out.append(url[pos : a + i] + "-")
            pos = a + i
    out.append(url[pos:])
    return "".join(out)
