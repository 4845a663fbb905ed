"""Reader for OCR text of the Aanhangsel van de Handelingen (Staten-Generaal Digitaal scans, 1917–1995).

Each input is the OCR of one scanned page. What such a page looks like:

* furniture on top ("Tweede Kamer der Staten-Generaal / 2 / Zitting 1979-1980 / Aanhangsel van de
  Handelingen / Vragen gesteld door … antwoorden / 222"; before 1979 "AANHANGSEL TOT HET VERSLAG VAN DE
  HANDELINGEN DER TWEEDE KAMER") and at the bottom ("465903F ISSN 0921 • 7398 Sdu Uitgeverij … 1994 /
  Tweede Kamer, vergaderjaar 1993-1994, Aanhangsel / 695"; "Handelingen der Staten-Generaal. — 1923—1924.
  — II. Aanhangsel.");
* the Aanhangsel number before the heading, on its own line ("342") or in front of it ("296. VRAGEN van …");
* the heading "Vragen van het lid X (P) over … (Ingezonden 17februari 1994)" — older: "VRAGEN van den heer X
  betreffende …", "inzake:", "in verband met" — with the questions numbered inline ("1Kent u …? 2 Is …");
* one "Antwoord" heading and the answer line "Antwoord van minister X (P), mede namens … (Ontvangen 1 maart
  1994)" — older: "ANTWOORD van de heer X, Minister van P. (Ingezonden 18 november 1970.)", where the
  "ingezonden" date is the date of the answer — then the answers, numbered inline ("1 Ja. 2, 3 en 4 …");
  a "Mededeling" instead of an answer makes the record a notice;
* footnotes after the questions ("1 O.a. Nova van 14 februan jl. 2 Ter inzage …", "' Vliegende Hollander");
* OCR damage: noise in fixed words ("Asnhangsel", "lngezon-den", "februan"), the hyphens of the printed
  line breaks kept inside the lines ("Groot-Brittan-nië"), glued or split numbers ("6I s" = "6 Is"), numbers
  lost at the start of a paragraph, and a two-column reading order that is sometimes scrambled.

How it is read: fixed words are matched fuzzily (edit distance), numbers are taken in the order they should
come (a best increasing chain of candidate labels, so that "14 PO-Oost" in a table is not answer 14), and a
number the OCR lost is given by position: a paragraph that starts where a number is missing gets that number
(the convention of the gold records). Questions are one paragraph each, so any unnumbered question paragraph
fills a missing number; answers can run over paragraphs, so an unnumbered answer paragraph gets a number only
when exactly as many paragraphs as missing numbers stand between two numbered answers, or when it follows the
last numbered answer while questions are left unanswered. A lower-case fragment cut away from its sentence by
the column order is put back after the dangling sentence it continues, and interrogative paragraphs that the
column order moved into the answers go back to the questions. What cannot be read with confidence stays None:
an item number garbled by the OCR ("20S3."), a date whose year cannot belong to the session, a chamber on
which the furniture contradicts itself; the identifier is derived (`ah-tk-<session>-<number>`) only when
chamber, session and number are all known.

Several publications can stand on one page of the older Aanhangsel (a numbered list: "296. VRAGEN …",
"297. VRAGEN …"). The reader takes the first publication whose heading *starts on this page* — a page that
begins with the end of an earlier publication skips that end — and says nothing about the others. A page with
no heading at all (the continuation of a publication from an earlier page) is refused, as is a page that is
not from the Aanhangsel (a page of the Handelingen, a Kamerstuk) and OCR text that lost its word spacing.

>>> doc = parse_ocr(SAMPLE, source="sample.ocr.txt")
>>> doc.id, doc.session, doc.number, str(doc.date_submitted), str(doc.date_answered)
('ah-tk-19931994-342', '1993-1994', 342, '1994-02-17', '1994-03-01')
>>> [(q.number, q.text[:22]) for q in doc.questions]
[(1, 'Kent u de berichten ov'), (2, 'Kunt u nadere informat'), (3, 'Hoe intensief is de co')]
>>> [(a.questions, a.text[:10]) for a in doc.answers]
[((1,), 'Ja.'), ((2,), 'Het onderz'), ((3,), 'De actuele')]
>>> doc.footnotes[0].text
'O.a. Nova van 14 februari jl.'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kg.errors import NotAWrittenQuestion, ReaderError
from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Office, Official, Question, Role, SeeAlso, Span
from kg.readers import decode, grammar
from kg.readers.textutil import MarkerState, find_urls, join_lines, tidy

__all__ = ["SAMPLE", "fuzzy_word", "looks_like_ocr", "parse_ocr", "read"]

SAMPLE = """Tweede Kamer der Staten-Generaal
2
Vergaderjaar 1993-1994
Asnhangsel van de Handelingen
Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden
342
Vragen van het lid Van Zijl (PvdA) over mogelijke visfraude in Zeeland. (Ingezonden 17februari 1994) 1Kent u de berichten1 over een visfraude in Zeeland?
Kunt u nadere informatie verstrekken over de aard en om-vang van de verdenkingen?
3Hoe intensief is de controle-inspanning?
1 O.a. Nova van 14 februan jl.
Antwoord Antwoord van minister Bukman (Landbouw, Natuurbeheer en Visserij), mede namens de minister van Justitie. (Ontvangen 1 maart 1994) 1Ja.
Het onderzoek naar de visfraude in Zeeland is nog gaande.
3De actuele controle-inspanning bedraagt 10 controleurs.
465903F ISSN 0921 • 7398 Sdu Uitgeverij Plantijnstraat 's-Gravenhage 1994
Tweede Kamer, vergaderjaar 1993-1994, Aanhangsel
695
"""


def read(data: bytes, source: str | None = None) -> Document:
    """Decode the bytes and parse them as the OCR of one Aanhangsel page."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return parse_ocr(text, source=source)


# --- fuzzy fixed words ----------------------------------------------------------------------------


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


def fuzzy_word(word: str, target: str, limit: int | None = None) -> bool:
    """Whether an OCR'd word is the fixed word `target`, case-insensitive, within an edit distance.

    The default distance grows with the length of the word: 0 up to 4 letters, 1 up to 7, else 2.

    >>> fuzzy_word("Asnhangsel", "aanhangsel"), fuzzy_word("lngezonden", "ingezonden"), fuzzy_word("Kamp", "kamer")
    (True, True, False)
    """
    t = target.lower()
    if limit is None:
        limit = 0 if len(t) <= 4 else 1 if len(t) <= 7 else 2
    return _distance(word.lower(), t, limit) <= limit


def _letters(text: str) -> str:
    return re.sub(r"[^A-Za-zÀ-ÿ]", "", text)


# --- detection ------------------------------------------------------------------------------------

_OLD_SESSION = re.compile(r"(?im)^\s*(?:Zitting|Vergaderjaar)\s+(1[89]\d\d)\s*[-–—]\s*(?:1[89]|20)?\d\d")
_FOOTER_SESSION = re.compile(r"(?i)\bKamer,\s*(?:zitting|vergaderjaar)\s+(1[89]\d\d)\s*[-–—]")
_NEW_SESSION = re.compile(r"(?m)^\s*(?:Zitting|Vergaderjaar)\s+(?:199[6-9]|20\d\d)\s*[-–—]")


def looks_like_ocr(text: str) -> bool:
    """Whether a text is Staten-Generaal Digitaal OCR of the Aanhangsel (1917–1995), not a modern text.

    Modern texts (pdftotext, Word) carry "Vraag 1" labels and sessions from 1995-1996 on; the OCR pages carry
    the older furniture, the older "(Ingezonden …)" dates and no labels.

    >>> looks_like_ocr("Zitting 1979-1980\\nAanhangsel van de Handelingen\\nVragen van het lid X (P.v.d.A.)")
    True
    >>> looks_like_ocr("Vragen van het lid Podt (D66) (ingezonden 24 oktober 2024).\\nVraag 1\\nKent u …")
    False
    """
    labels = re.findall(r"(?m)^\s*(?:Vraag|Antwoord)\s+(?:op\s+vraag\s+)?\d{1,3}\s*$", text)
    if len(labels) >= 2 or _NEW_SESSION.search(text):
        return False
    if _OLD_SESSION.search(text) or _FOOTER_SESSION.search(text):
        return True
    if re.search(
        r"(?i)aanhangsel\s*tot\s*het\s*ver[s5]lag|handelingen\s*der\s*sta\s?te[an]|schriftelijk\s*beantwoorde\s*vragen", text
    ):
        return True
    if re.search(r"Sdu\s+Uitgeverij|SDU\s+uitgeverij|ISSN\s*0921\s*[•·]", text) and not re.search(r"20\d\d", text[-600:]):
        return True
    date = re.search(r"\(\s*[Il1]n-?ge-?zon-?den\s+(?:dd\.?\s*)?\d{1,2}\s*[A-Za-z]{3,10}\.?\s*(1[89]\d\d)", text)
    return bool(date and int(date.group(1)) <= 1995)


# --- text with offsets ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mapped:
    """A string and, per character, its offset in the source text (so edits keep their spans)."""

    s: str
    offs: tuple[int, ...]

    @staticmethod
    def of(text: str, start: int = 0) -> _Mapped:
        return _Mapped(text, tuple(range(start, start + len(text))))

    def __len__(self) -> int:
        return len(self.s)

    def cut(self, a: int, b: int | None = None) -> _Mapped:
        b = len(self.s) if b is None else b
        return _Mapped(self.s[a:b], self.offs[a:b])

    def __add__(self, other: _Mapped) -> _Mapped:
        return _Mapped(self.s + other.s, self.offs + other.offs)

    def strip(self) -> _Mapped:
        a = len(self.s) - len(self.s.lstrip())
        return self.cut(a, max(a, len(self.s.rstrip())))

    def sub(self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> _Mapped:
        """`re.sub` that keeps offsets: replaced text takes the offset of the start of its match."""
        parts: list[str] = []
        offs: list[int] = []
        pos = 0
        for m in re.finditer(pattern, self.s):
            parts.append(self.s[pos : m.start()])
            offs.extend(self.offs[pos : m.start()])
            new = m.expand(repl) if isinstance(repl, str) else repl(m)
            anchor = self.offs[m.start()] if m.start() < len(self.offs) else (self.offs[-1] + 1 if self.offs else 0)
            parts.append(new)
            offs.extend([anchor] * len(new))
            pos = m.end()
        parts.append(self.s[pos:])
        offs.extend(self.offs[pos:])
        return _Mapped("".join(parts), tuple(offs))

    def span(self) -> Span | None:
        m = self.strip()
        return Span(m.offs[0], m.offs[-1] + 1) if m.s else None

    @staticmethod
    def join(parts: Sequence[_Mapped], sep: str = "\n") -> _Mapped:
        s: list[str] = []
        offs: list[int] = []
        for i, p in enumerate(parts):
            if i and sep:
                at = offs[-1] + 1 if offs else (p.offs[0] if p.offs else 0)
                s.append(sep)
                offs.extend([at] * len(sep))
            s.append(p.s)
            offs.extend(p.offs)
        return _Mapped("".join(s), tuple(offs))


def _source_lines(text: str) -> list[_Mapped]:
    """The lines of the text with their offsets; soft hyphens, tabs and form feeds tidied."""
    out: list[_Mapped] = []
    pos = 0
    for raw in text.split("\n"):
        line = _Mapped.of(raw, pos).sub("\u00ad\\s*", "").sub(r"[\t\f\u00a0\u2002-\u200a]", " ")
        out.append(line)
        pos += len(raw) + 1
    return out


# --- line-break hyphens kept inside the OCR lines ---------------------------------------------------

_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
_KEEP_PREFIX = {"anti", "ex", "oud", "niet", "vice", "non", "semi", "pseudo", "co", "loco", "adjunct", "oost", "west", "noord", "zuid"}  # fmt: skip
_HYPHEN = re.compile(r"(?:(?<![\w-])|(?<=\s-))([^\W\d_][\w]*(?:-[\w]+)*)")


def dehyphenate(text: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    """Undo the line-break hyphens the OCR kept inside lines; keep real hyphens.

    A hyphen between lower-case letters is a line break unless the two sides make a vowel clash
    ("controle-inspanning"), the left side is an acronym or a prefix that keeps its hyphen ("NAVO-", "anti-"),
    the right side starts with a capital ("Groot-Brittannië"), or the page prints the hyphenated word elsewhere.
    A hyphen before "en"/"of" is a left-out word part ("politie-en" → "politie- en").

    >>> dehyphenate("Groot-Brittan-nië, NAVO-stan-daardisatie, controle-inspanning, politie-en veiligheid")
    'Groot-Brittannië, NAVO-standaardisatie, controle-inspanning, politie- en veiligheid'
    >>> dehyphenate("anti-tankwapens en be-doelde over-leg")
    'anti-tankwapens en bedoelde overleg'
    """

    return _HYPHEN.sub(lambda m: _fix_hyphens(m, vocabulary), text)


def _fix_hyphens(m: re.Match[str], vocabulary: set[str] | frozenset[str]) -> str:
    parts = m.group(1).split("-")
    if len(parts) == 1:
        return m.group(1)
    out = parts[0]
    for i, right in enumerate(parts[1:], 1):
        left = parts[i - 1]
        whole = (out.split("-")[-1] + right).lower()
        if not left or not right:
            out += "-" + right
        elif right in ("en", "of") and i == len(parts) - 1:
            out += "- " + right
        elif _keep_hyphen(left, right, vocabulary, whole):
            out += "-" + right
        else:
            out += right
    return out


def _dehyphenate_mapped(m: _Mapped, vocabulary: set[str]) -> _Mapped:
    return m.sub(_HYPHEN, lambda h: _fix_hyphens(h, vocabulary))


def _keep_hyphen(left: str, right: str, vocabulary: set[str] | frozenset[str], whole: str) -> bool:
    if whole in vocabulary:
        return False
    if not right[0].islower() or not left[-1].isalpha():
        return True
    if sum(c.isupper() for c in left) >= 2 or any(c.isdigit() for c in left + right) or len(left) == 1:
        return True
    if left.lower() in _KEEP_PREFIX or f"{left.lower()}-" in vocabulary:
        return True
    if left[0].isupper() and right in ("de", "den", "der", "van", "ter", "ten", "te", "het", "la", "le"):
        return True  # a double surname: 'Beckers-de Bruijn', 'Kalsbeek-van der Veen'
    if f"{left}-{right}".lower() in vocabulary:
        return True
    return left[-1].lower() in _VOWELS and right[0].lower() in _VOWELS


# --- page furniture --------------------------------------------------------------------------------


@dataclass(slots=True)
class _PageMeta:
    chamber: Chamber | None = None
    session: str | None = None
    aanhangsel: bool = False  # the page carries Aanhangsel furniture


def _words(line: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", line.lower())


def _is_chamber_line(words: list[str]) -> Chamber | None:
    """'Tweede Kamer der Staten-Generaal', 'Eerste Kamer.', 'TWEEDE KAMER' (fuzzy)."""
    if not words or len(words) > 6:
        return None
    if not any(fuzzy_word(w, "kamer", 1) or fuzzy_word(w, "kamee", 1) for w in words):
        return None
    if not all(
        any(fuzzy_word(w, t, 2 if len(t) > 4 else 1) for t in ("tweede", "eerste", "kamer", "der", "staten", "generaal"))
        for w in words
    ):
        return None
    return _chamber_word(words)


def _chamber_word(words: Sequence[str]) -> Chamber | None:
    for w in words:
        if fuzzy_word(w, "eerste", 2) and not fuzzy_word(w, "tweede", 2):
            return Chamber.EERSTE_KAMER
        if fuzzy_word(w, "tweede", 2):
            return Chamber.TWEEDE_KAMER
    return None


def _furniture(line: str) -> str | None:
    """What kind of page furniture a line is ('header', 'footer', 'number', 'junk'), or None for text."""
    s = line.strip()
    if not s:
        return "junk"
    if not re.search(r"[A-Za-zÀ-ÿ0-9]", s) or re.fullmatch(r"[a-zÀ-ÿ]{1,2}(?:\s+[a-zÀ-ÿ]{1,2})?|[^\w]*[A-Za-z][^\w]*", s):
        return "junk"
    if re.fullmatch(r"\d{1,4}", s):
        return "number"
    words = _words(s)
    first = words[0] if words else ""
    if _is_chamber_line(words) is not None:
        return "header"
    if len(words) <= 4 and (fuzzy_word(first, "zitting") or fuzzy_word(first, "vergaderjaar")) and re.search(r"\d{4}", s):
        return "header"
    if len(words) <= 6 and fuzzy_word(first, "aanhangsel") and not re.search(r"\(|\bzie\b", s, re.I):
        return "header"
    if fuzzy_word(first, "vragen") and re.search(r"(?i)\bdoor\s+(?:de\s+)?leden\b", s[:60]):
        return "header"
    if re.search(r"(?i)aanhangsel\s+\S{2,4}\s+\S{2,4}\s+ve\S{2,4}g|schriftelijk\s+(?:beantwoorde|gedane)\s+vragen", s):
        return "header"
    if re.fullmatch(r"(?i)[VT]el\s*\d{1,4}\s*[.,]?", s) or re.fullmatch(r"(?i)herdruk\s*\S{0,3}", s):
        return "header"
    if re.search(r"(?i)\bISSN\b|uitgeverij|uitgevenj|plantijnstraat|^['`’]?\s*s[- ]?Gravenhage\b", s):
        return "footer"
    if re.search(r"(?i)^(?:Tweede|Eerste)\s+Kamer,\s*(?:zitting|vergaderjaar)\b", s):
        return "footer"
    if re.search(r"(?i)^(?:Zitting|Vergaderjaar)\s+\d{4}\s*[-–—]\s*\d{4}\s+Aanhangsel", s):
        return "footer"
    if re.search(r"(?i)^Handelingen\s+der\s+Sta", s) or re.fullmatch(r"(?i)(?:I{1,2}|11|Il)?\.?\s*Aanhangsel\.?", s):
        return "footer"
    return None


def _page_meta(lines: Sequence[_Mapped], furniture: Sequence[str | None]) -> _PageMeta:
    meta = _PageMeta()
    votes: list[Chamber] = []
    for line, kind in zip(lines, furniture, strict=True):
        if kind not in ("header", "footer"):
            continue
        s = line.s
        words = _words(s)
        if any(fuzzy_word(w, "aanhangsel") for w in words):
            meta.aanhangsel = True
        if (chamber := _is_chamber_line(words)) is not None:
            votes.append(chamber)
        else:
            # '… DER TWEEDE KAMEE', 'Tweede Kamer, vergaderjaar …': the word before 'Kamer'
            for k in range(1, len(words)):
                if (fuzzy_word(words[k], "kamer", 1) or words[k] == "kamee") and (
                    chamber := _chamber_word(words[k - 1 : k])
                ) is not None:
                    votes.append(chamber)
                    break
        if kind == "footer" and (m := re.search(r"[—–-]\s*(I{1,2}|11|Il)\s*\.?\s*(?:Aanhangsel\.?)?\s*$", s)):
            votes.append(Chamber.EERSTE_KAMER if m.group(1) == "I" else Chamber.TWEEDE_KAMER)
        if meta.session is None and re.search(r"(?i)zitting|vergaderjaar|handelingen|aanhangsel|^\W*\d{4}\s*[-–—]", s):
            meta.session = grammar.normalise_session(re.sub(r"(?<=\d) (?=\d)", "", s))
    if meta.session is None:
        for line, kind in zip(lines, furniture, strict=True):
            if kind is None and (m := _GLUED_FOOTER.search(line.s)):
                meta.session = grammar.normalise_session(m.group(0))
                if re.search(r"[—–-]\s*I\.?\s*(?:Aanhangsel\.?)?\s*$", m.group(0)):
                    votes.append(Chamber.EERSTE_KAMER)
                if meta.session:
                    break
    tk, ek = votes.count(Chamber.TWEEDE_KAMER), votes.count(Chamber.EERSTE_KAMER)
    if tk != ek:  # furniture that contradicts itself leaves the chamber unknown
        meta.chamber = Chamber.TWEEDE_KAMER if tk > ek else Chamber.EERSTE_KAMER
    return meta


# --- headings --------------------------------------------------------------------------------------

_HEAD_LINE = re.compile(
    r"^\s*[^\w\s(]{0,5}\s*(?P<num>[^\W\d_]{0,2}\s?\d[\w©®]{0,4}?(?:\s\d{1,3})?(?:\s[A-Z](?=\.))?)?\s*[^\w\s(]{0,3}\s*"
    r"(?P<word>(?:[A-Z][A-Za-z]{4,11}\s+)?[A-Za-z]{4,12})\s+(?:van|vau|yan)\b"
)
_ITEM_NUMBER_LINE = re.compile(r"^[^\w(]{0,3}(\d[\d ]{0,5}?)\s*(?:[.,^]\s*)?(?:Herdruk\S{0,3})?\s*$", re.I)


@dataclass(slots=True)
class _Head:
    line: int
    kind: str  # "vragen" | "antwoord" | "mededeling"
    number: int | None
    numbered_prefix: bool


def _head_kind(word: str) -> str | None:
    parts = word.split()
    last = parts[-1]
    if len(parts) == 2 and fuzzy_word(parts[0], "herdruk"):
        return None
    if fuzzy_word(last, "vragen") or fuzzy_word(last, "vraag", 1):
        return "vragen"  # also 'Nadere vragen', 'Aanvullende vragen', 'Mondelinge vragen'
    if (
        len(parts) == 2
        and not fuzzy_word(parts[0], "nader")
        and not fuzzy_word(parts[0], "voorloopig", 2)
        and not fuzzy_word(parts[0], "voorlopig")
    ):
        return None
    if fuzzy_word(last, "antwoord"):
        return "antwoord"
    if fuzzy_word(last, "mededeling"):
        return "mededeling"
    return None


def _digits(text: str) -> int | None:
    """The number of an item label ('296', '25 6' = 256); None when OCR damage makes it uncertain ('20S3')."""
    if not re.fullmatch(r"\s*\d[\d ]*\s*", text):
        return None
    d = re.sub(r"\D", "", text)
    return int(d) if d and len(d) <= 4 and int(d) > 0 else None


def _find_heads(lines: Sequence[_Mapped], furniture: Sequence[str | None], meta: _PageMeta) -> list[_Head]:
    """Headings that start a publication on this page, in order."""
    heads: list[_Head] = []
    for i, line in enumerate(lines):
        if furniture[i] not in (None, "number"):
            continue
        m = _HEAD_LINE.match(line.s)
        lone = re.fullmatch(r"\W*\d*\W*\s*([A-Za-z]{5,10})\s*", line.s)
        if not m and lone and _head_kind(lone.group(1)) and i + 1 < len(lines):
            # one word a line: 'VRAGEN' / 'van' / 'mevrouw' / …
            m = _HEAD_LINE.match(line.s + " " + lines[i + 1].s)
        if not m:
            continue
        kind = _head_kind(m.group("word"))
        if kind is None:
            continue
        if kind == "vragen" and re.match(r"(?i)\s*door\b", line.s[m.end() - 3 :]):
            continue
        number = _digits(m.group("num") or "")
        prefix = bool(m.group("num"))
        before = i - 1
        while before > 0 and furniture[before] == "junk" and before > i - 3:
            before -= 1
        if number is None and before >= 0 and (p := _ITEM_NUMBER_LINE.match(lines[before].s)):
            number = _digits(p.group(1))
            prefix = bool(re.search(r"[.,^]|herdruk", lines[before].s, re.I)) or kind == "vragen"
        elif number is None and i > 0 and meta.aanhangsel and (p := re.search(r"[.?!)]\s+(\d{1,4})\s?\.\s*$", lines[i - 1].s)):
            number = _digits(p.group(1))  # '… achterwege kan blijven. 155.' then 'VRAGEN van …'
            prefix = True
        window = " ".join(ln.s for ln in lines[i : i + 8])[:1500]
        if kind == "vragen":
            if not (_date_paren(window, ("ingezonden",)) or (prefix and meta.aanhangsel)):
                continue
        elif not (prefix and number is not None):
            continue  # an answer heading without an item number belongs to the questions above it
        heads.append(_Head(i, kind, number, prefix))
    return heads


# --- dates -----------------------------------------------------------------------------------------

_DATE_PAREN = re.compile(
    r"(?P<open>[(\[{]?)\s*(?P<word>[^\s\d()]{2,18}(?:\s?-\s?[^\s\d()]{1,12}|[(;:]{1,3}[^\s\d()]{1,12})?)\s*(?:d\.?d\.?\s*)?"
    r"(?P<date>\d(?:\s?\d)?\s*[A-Za-z]{2,10}(?:\s?-\s?[a-z]{2,8})?\.?\s*\d\s?\d\s?\d\s?\d|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4})"
    r"(?P<close>(?:\s+(?P<aan>aan\s+(?:de|den|het)\s[^()]{3,250}?))?\s*\.?\s*[)}\]]?(?:\s*\.(?!\d))?)"
)
_DATE_WORDS = {"ingezonden": 3, "ontvangen": 2}


def _date_paren(text: str, words: Iterable[str], start: int = 0) -> re.Match[str] | None:
    """The first '(Ingezonden 17februari 1994)' / '(Ontvangen 9-2-1993)' in `text` (fuzzy word)."""
    wanted = [w for w in _DATE_WORDS if w in words]
    # tried at every word start (not `finditer`): a failed match must not swallow the start of the right one
    for at in re.finditer(r"(?:(?<=\s)|^)\S|[(\[{]", text[start:]):
        m = _DATE_PAREN.match(text, start + at.start())
        if m is None:
            continue
        letters = _letters(m.group("word"))
        if any(fuzzy_word(letters, w, _DATE_WORDS[w]) for w in wanted) and _parse_date(m.group("date")):
            return m
    return None


_MONTH_ABBR = {
    "oct": "oktober", "okt": "oktober", "sep": "september", "sept": "september", "aug": "augustus", "nov": "november",
    "dec": "december", "jan": "januari", "feb": "februari", "febr": "februari", "apr": "april",
}  # fmt: skip


def _word_paren(text: str, word: str) -> int | None:
    """Where a parenthesis opening with a (fuzzy) fixed word starts: '(Ingezonden 28 april jl.)'."""
    for m in re.finditer(r"[(\[{]\s*([^\s\d()]{5,16})", text):
        if fuzzy_word(_letters(m.group(1)), word, _DATE_WORDS.get(word, 2)):
            return m.start()
    return None


_JL_DATE = re.compile(r"(\d{1,2})\s*([A-Za-z]{3,10})\.?\s+j\.?\s?l\.?")


def _in_session(date: dt.date | None, session: str | None) -> dt.date | None:
    """The date, unless its year cannot belong to the session (an OCR'd year: '1984' on a 1933-1934 page).

    >>> _in_session(dt.date(1984, 7, 21), "1933-1934") is None, _in_session(dt.date(1933, 7, 21), "1933-1934")
    (True, datetime.date(1933, 7, 21))
    """
    if date is None or session is None:
        return date
    start = int(session[:4])
    return date if start - 1 <= date.year <= start + 1 else None


def _resolve_jl(text: str, reference: dt.date | None) -> dt.date | None:
    """'28 april jl.' (jongstleden: the last such day) read against the date of the answer.

    >>> _resolve_jl("(Ingezonden 28 april jl.)", dt.date(1988, 6, 28))
    datetime.date(1988, 4, 28)
    """
    m = _JL_DATE.search(text)
    if not m or reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        date = _parse_date(f"{m.group(1)} {m.group(2)} {year}")
        if date is not None and date <= reference:
            return date
    return None


def _parse_date(text: str) -> dt.date | None:
    """A Dutch date, OCR-tolerant: '17februari 1994', '5 no-vember 1979', '9-2-1993', '11 Augustus 1924'.

    >>> _parse_date("5 no-vember 1979"), _parse_date("9-2-1993"), _parse_date("11 October 1923")
    (datetime.date(1979, 11, 5), datetime.date(1993, 2, 9), datetime.date(1923, 10, 11))
    """
    t = re.sub(r"(?<=[a-z])\s?-\s?(?=[a-z])", "", text)
    t = re.sub(
        r"(?i)\b(oct|okt|sept?|aug|nov|dec|jan|febr?|apr)(?:ober|ember|ustus|uari|il)?\b\.?",
        lambda m: _MONTH_ABBR[m.group(1).lower()],
        t,
    )
    t = re.sub(r"(?<=\d) (?=\d{3}\b)", "", t)
    t = re.sub(r"^\s*(\d) (\d)(?=\s*[A-Za-z])", r"\1\2", t)  # '1 5 maart 1993'
    t = re.sub(r"^\s*(\d)\.(\d)(?=\s+[A-Za-z])", r"\1\2", t)  # '2.1 Juli 1920'
    if m := re.fullmatch(r"\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*", t):
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    date = grammar.parse_date(t)
    if date is None or not 1814 <= date.year <= 2000:
        return None
    return date


# --- the parse ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Parts:
    """A publication cut into its parts (each a list of lines with offsets)."""

    heading: _Mapped | None = None
    heading_kind: str = "vragen"
    questions: list[_Mapped] = field(default_factory=list)
    answer_line: _Mapped | None = None
    answers: list[_Mapped] = field(default_factory=list)


def parse_ocr(text: str, *, source: str | None = None) -> Document:
    """Parse the OCR text of one Aanhangsel page into a `Document` (see the module docstring)."""
    if not text.strip():
        raise NotAWrittenQuestion("the file is empty", source=source)
    _check_spacing(text, source)
    lines = _source_lines(text)
    furniture = _classify(lines)
    meta = _page_meta(lines, furniture)
    heads = _find_heads(lines, furniture, meta)
    if not heads:
        raise _no_heading(meta, source)
    head = heads[0]
    end = next((h.line for h in heads[1:] if h.kind == "vragen" or h.numbered_prefix), len(lines))
    body = [
        lines[i].sub(_GLUED_FOOTER, " ").strip()
        for i in range(head.line, end)
        if furniture[i] is None or (furniture[i] == "number" and i > head.line)
    ]
    body = _drop_trailing_numbers(body)
    region = _Mapped.join(body)
    vocab = _vocabulary(text)
    parts = _cut(region, head)
    return _document(parts, head, meta, vocab, text, source)


_GLUED_FOOTER = re.compile(
    r"\s*Handelingen\s+der\s+Sta\s?te\w\s?-?\s?Genera\s?a\w\.?\s*(?:[—–-]\s*)?(?:Zitting\s+)?\d{4}\s*[—–-]\s*\d{4}\.?"
    r"(?:\s*[;:]?\s*[—–-]?\s*(?:I{1,2}|11|Il)\.)?(?:\s*Aanhangsel\.?)?"
    r"|\s*(?:Tweede|Eerste)\s+Kamer,\s*(?:zitting|vergaderjaar)\s+\d{4}\s*[-–—]\s*\d{4},?\s*Aanhangsel(?:\s+\d{1,4}\b)?",
    re.I,
)


def _check_spacing(text: str, source: str | None) -> None:
    sample = text[:20000]
    letters = sum(c.isalpha() for c in sample)
    spaces = sample.count(" ")
    if letters > 400 and spaces < letters / 40:
        raise ReaderError(
            f"the OCR text has lost its word spacing ({spaces} spaces for {letters} letters), so its words cannot be told apart",
            source=source,
            hint="OCR the page again, or give the PDF or text of the publication",
        )


def _classify(lines: Sequence[_Mapped]) -> list[str | None]:
    kinds = [_furniture(ln.s) for ln in lines]
    # a lone number is furniture at the top (page, column marker) and after the footer; in the body it may
    # be a question number on a line of its own
    first_text = next((i for i, k in enumerate(kinds) if k is None), len(kinds))
    for i in range(first_text):
        if kinds[i] == "number":
            kinds[i] = "header"
    footer = next((i for i, k in enumerate(kinds) if k == "footer" and i >= len(kinds) - 8), None)
    if footer is not None:
        for i in range(footer, len(kinds)):
            if kinds[i] in ("number", None) and (kinds[i] == "number" or len(lines[i].s.strip()) < 40):
                kinds[i] = "footer"
    return kinds


def _drop_trailing_numbers(body: list[_Mapped]) -> list[_Mapped]:
    while body and re.fullmatch(r"\s*\d{1,4}\s*", body[-1].s):
        body = body[:-1]
    return body


def _no_heading(meta: _PageMeta, source: str | None) -> NotAWrittenQuestion:
    if meta.aanhangsel:
        return NotAWrittenQuestion(
            "an Aanhangsel page on which no publication starts: no 'Vragen van …' heading with its '(Ingezonden …)' "
            "date and no numbered 'ANTWOORD van …'; the page continues a publication from an earlier page",
            source=source,
            hint="parse the page on which the publication starts",
        )
    return NotAWrittenQuestion(
        "no Aanhangsel furniture and no 'Vragen van …' heading with an '(Ingezonden …)' date: "
        "this OCR page is not a written question (a page of the Handelingen or a Kamerstuk?)",
        source=source,
        hint="kg reads written questions (Kamervragen) from the Aanhangsel van de Handelingen",
    )


def _vocabulary(text: str) -> set[str]:
    """Words the page prints whole (lower case), to decide whether a hyphen is a line break.

    A first part that the page prints hyphenated before different words ("Lager-onderwijswet",
    "Lager-onderwijs") is added as "lager-": its hyphen is real.
    """
    words = {w.lower() for w in re.findall(r"(?<![\w-])[^\W\d_]{3,}(?![\w-])", text)}
    pairs = {(m.group(1).lower(), m.group(2).lower()) for m in re.finditer(r"(?<![\w-])([^\W\d_]{5,})-([^\W\d_]+)", text)}
    lefts = [left for left, _ in pairs]
    words.update(f"{left}-" for left in set(lefts) if lefts.count(left) >= 2)
    return words


# --- cutting the publication into heading, questions, answer line, answers --------------------------

_ANSWER_WORD = re.compile(
    r"(?<![\w-])(?:(?P<nader>Nader\s+|NADER\s+|Voorlo+pig\s+|VOORLO+PIG\s+)(?P<w2>[A-Za-z]{6,10})|(?P<w1>[A-Z][A-Za-z]{6,10}))\b"
)
_ROLE_HINT = re.compile(r"(?i)\b(?:de|den)?\s*(?:heer|heren|heeren|hoer|mevr|minist|staatss|staatssecr|secretar|premier|bewinds)")


def _is_answer_word(m: re.Match[str]) -> bool:
    """'Antwoord', 'ANTWOORD', 'Nader antwoord', 'VOORLOOPIG ANTWOORD', 'Mededeling' (fuzzy)."""
    word = m.group("w1") or m.group("w2")
    return fuzzy_word(word, "antwoord") or fuzzy_word(word, "mededeling")


def _answer_word(m: re.Match[str] | None) -> str:
    return (m.group("w1") or m.group("w2")) if m else ""


def _answer_heads(s: str, start: int) -> tuple[int, int] | None:
    """Where the answer part starts (the 'Antwoord' heading) and where its 'Antwoord van …' line starts."""
    for m in _ANSWER_WORD.finditer(s, start):
        if not _is_answer_word(m):
            continue
        after = s[m.end() : m.end() + 60]
        if re.match(r"\s+(?:van|vau|yan)\b", after) and _ROLE_HINT.search(after[:50]):
            return m.start(), m.start()
        # a bare 'Antwoord' at the end of a line (or on its own), then 'Antwoord van …'
        if re.match(r"[ \t]*(?:\n|$)", after) or re.match(r"\s+(?:Nader\s+)?[A-Za-z]{6,10}\s+van\b", after):
            nxt = _ANSWER_WORD.search(s, m.end(), m.end() + 40)
            if nxt and _is_answer_word(nxt):
                return m.start(), nxt.start()
            if re.match(r"[ \t]*\n", after):
                return m.start(), m.end()
    return None


def _heading_end(s: str) -> int:
    """End of the heading sentence: after its '(Ingezonden …)' date, else after the first full stop.

    The date is looked for before the first question and before the answer heading (whose own
    '(Ingezonden …)' is the date of the answer in the older Aanhangsel).
    """
    bound = min(1600, len(s))
    if first_q := re.search(r"\n\s*(?:1\s?[.°]?|I\.)\s+[A-Z]", s[:bound]):
        bound = first_q.start()
    if (answer := _answer_heads(s[:bound], 0)) is not None:
        bound = answer[0]
    m = _date_paren(s[:bound], ("ingezonden",))
    p = _word_paren(s[:bound], "ingezonden")
    if m and (p is None or m.start() <= p + 2):
        return m.end()
    if p is not None and (close := re.compile(r"[)}\]]\s*\.?").search(s, p, p + 60)):
        return close.end()  # '(Ingezonden 28 april jl.)', '(Ingezonden 14 Maart 1046.)': no (good) year
    stop = re.search(r"[.)]\s*\n", s[:800])
    if stop:
        return stop.end()
    nl = s.find("\n")
    return nl if nl >= 0 else len(s)


def _answer_line_end(s: str, start: int, own_item: bool) -> int:
    """End of the 'Antwoord van … (Ontvangen …)' line, with its 'zie ook …' reference."""
    m = _date_paren(s[: start + 700], ("ontvangen", "ingezonden"), start)
    if m:
        end = m.end()
    else:
        stop = re.search(r"\)\s*\.|\.\s", s[start : start + 400])
        nl = s.find("\n", start)
        end = start + stop.end() if stop else (nl if nl >= 0 else len(s))
        if nl >= 0 and nl < end:
            end = nl
    end = _see_also_end(s, end)
    # 'ANTWOORD … (ingezonden 30 April 1921), op de vragen van den heer X, betreffende … (Zie …)'
    if own_item and re.match(r"[\s,.]*(?:op|ten\s+vervolge\s+op)\s", s[end : end + 40]):
        nl = s.find("\n", end)
        end = nl if nl >= 0 else len(s)
        for _ in range(2):  # the reference may run on over a line or two
            nxt = s.find("\n", end + 1)
            unbalanced = s.count("(", start, end) > s.count(")", start, end)
            unfinished = not _ends_sentence(s[start:end]) and not re.match(r"\n\s*(?:\d{1,2}|[IVX]{1,4})\s*[.°]", s[end:])
            if end >= len(s) or not (unbalanced or unfinished) or (nxt >= 0 and nxt - end > 250):
                break
            end = nxt if nxt >= 0 else len(s)
    return end


_SEE_TOKEN = re.compile(
    r"\s*(?:[,.;]|\(|aan-?hangsels?|handelingen|tweede|eerste|kamer|der|van|de|en|vergaderjaar|zitting|II|I|"
    r"n[ro]s?\.?|nummers?|bl(?:a?dz|z)\.?|\d{4}\s*[-–—/]\s*\d{2,4}|\d{1,5})(?![\w])",
    re.I,
)


def _see_also_end(s: str, end: int) -> int:
    m = re.match(r"\s*[,.]?\s*\(?\s*[Zz]ie\s+(?:ook\s+)?", s[end:])
    if not m:
        return end
    pos = end + m.end()
    while t := _SEE_TOKEN.match(s, pos):
        if t.end() == pos:
            break
        pos = t.end()
    if s[end:pos].count("(") and (c := re.match(r"\s*\)\s*\.?", s[pos:])):
        pos += c.end()
    return pos


def _cut(region: _Mapped, head: _Head) -> _Parts:
    s = region.s
    parts = _Parts(heading_kind=head.kind)
    m = _HEAD_LINE.match(s)
    head_start = m.start("word") if m else 0
    if head.kind == "vragen":
        h_end = _heading_end(s)
        parts.heading = region.cut(head_start, h_end)
        found = _answer_heads(s, h_end)
        if found is None:
            parts.questions = _split_lines(region.cut(h_end))
            return parts
        a_head, a_line = found
        a_end = _answer_line_end(s, a_line, own_item=False)
        parts.questions = _split_lines(region.cut(h_end, a_head))
        parts.answer_line = region.cut(a_line, a_end)
        again = _answer_heads(s, a_end)  # a second answer heading: the next publication lost its heading
        parts.answers = _split_lines(region.cut(a_end, again[0] if again else len(s)))
        return parts
    # a publication that is only an answer (or notice) to questions printed elsewhere
    a_end = _answer_line_end(s, head_start, own_item=True)
    parts.answer_line = region.cut(head_start, a_end)
    parts.answers = _split_lines(region.cut(a_end))
    return parts


def _split_lines(m: _Mapped) -> list[_Mapped]:
    out = []
    pos = 0
    for piece in m.s.split("\n"):
        line = m.cut(pos, pos + len(piece)).strip()
        pos += len(piece) + 1
        if lead := re.match(r"(?:[•■▪·*|]+|[a-z](?=\s+\d{1,2}\s?[.°]\s))\s*", line.s):
            line = line.cut(lead.end())  # a bullet or a speck before the text
        if line.s and _furniture(line.s) != "junk":
            out.append(line)
    return out


# --- building the document ---------------------------------------------------------------------------


def _document(parts: _Parts, head: _Head, meta: _PageMeta, vocab: set[str], text: str, source: str | None) -> Document:
    heading = _parse_heading(parts.heading, vocab) if parts.heading is not None else None
    line = _parse_answer_line(parts.answer_line, vocab) if parts.answer_line is not None else None
    questions, answers, footnotes = _contents(parts, vocab, notice=bool(line and line.notice))
    kind = Kind.NOTICE if line is not None and line.notice else Kind.ANSWER if (line is not None or answers) else Kind.QUESTIONS
    if kind == Kind.NOTICE:
        answers = ()

    askers: tuple[Member, ...] = heading.askers if heading else ()
    addressees: tuple[Office, ...] = heading.addressees if heading else ()
    title = heading.title if heading else None
    title_span = heading.title_span if heading else None
    date_submitted = heading.date if heading else None
    if heading is None and line is not None:
        askers, title, title_span = line.askers, line.title, line.title_span
    date_answered = line.date if line is not None else None
    if date_submitted is None and heading is not None and heading.partial_date:
        date_submitted = _resolve_jl(heading.partial_date, date_answered)
    session = meta.session or grammar.session_for_date(date_answered or date_submitted)
    date_submitted, date_answered = _in_session(date_submitted, session), _in_session(date_answered, session)
    see_also = tuple(SeeAlso(sa.session or session, sa.number, span=sa.span) for sa in line.see_also) if line else ()
    number = head.number
    chamber = meta.chamber
    pub_id = None
    if number is not None and session and chamber is not None:
        pub_id = f"ah-{'ek' if chamber == Chamber.EERSTE_KAMER else 'tk'}-{session.replace('-', '')}-{number}"

    if not (askers or title or questions or answers or (line and line.answerers)):
        raise ReaderError(
            "found a heading but could read neither askers, title, questions nor answers from it",
            source=source,
            hint="the OCR of this page is too damaged to read",
        )
    return Document(
        kind=kind,
        id=pub_id,
        chamber=chamber,
        session=session,
        number=number,
        title=title,
        date_submitted=date_submitted,
        date_answered=date_answered,
        askers=askers,
        addressees=addressees,
        answerers=line.answerers if line else (),
        on_behalf_of=line.on_behalf_of if line else (),
        see_also=see_also,
        questions=questions,
        answers=answers,
        footnotes=footnotes,
        source=source,
        text=text,
        title_span=title_span,
        reader="ocr",
    )


def _contents(
    parts: _Parts, vocab: set[str], *, notice: bool
) -> tuple[tuple[Question, ...], tuple[Answer, ...], tuple[Footnote, ...]]:
    """Questions, answers and footnotes: order repaired, footnotes lifted out, numbers restored, text cleaned."""
    q_lines, a_lines = _repair_order(_split_labels(parts.questions), _split_labels(parts.answers))
    q_lines, q_notes = _split_footnotes(q_lines, first_label_needed=True)
    a_lines, a_notes = _split_footnotes(a_lines, first_label_needed=False, trailing_only=True)
    q_lines = _lone_labels(q_lines)
    a_lines = _restart(_lone_labels(a_lines))

    q_blocks = _blocks(q_lines, limit=None, kind="question")
    q_max = max((n for b in q_blocks for n in b.numbers), default=0)
    if q_blocks and not notice:
        # answers to questions the page does not show: interrogative paragraphs the column order moved
        a_max = max((n for b in _blocks(a_lines, limit=None, kind="answer") for n in b.numbers), default=0)
        moved = [ln for ln in a_lines if _interrogative(ln.s)] if a_max > q_max else []
        if moved:
            q_lines = q_lines + moved
            a_lines = [ln for ln in a_lines if not _interrogative(ln.s)]
            q_blocks = _blocks(q_lines, limit=None, kind="question")
            q_max = max((n for b in q_blocks for n in b.numbers), default=0)
    if len(q_blocks) <= 1:
        q_max = 0  # unnumbered questions: how many there are is not known
    a_blocks = _blocks(a_lines, limit=q_max + 2 if q_max else None, kind="answer", questions=q_max)

    q_notes_fn, a_notes_fn = _footnotes(q_notes), _footnotes(a_notes)
    q_markers = _Markers(f.number for f in q_notes_fn)
    # the answer part numbers its footnotes anew; without footnotes of its own, those of the questions
    a_markers = _Markers(f.number for f in (a_notes_fn or q_notes_fn))
    questions = tuple(Question(b.numbers[0], t, b.text.span()) for b in q_blocks if (t := _clean(b.text, q_markers, vocab)))
    answers = tuple(Answer(b.numbers, t, b.text.span()) for b in a_blocks if (t := _clean(b.text, a_markers, vocab)))
    return questions, answers, tuple(q_notes_fn + a_notes_fn)


# --- heading ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Heading:
    askers: tuple[Member, ...]
    addressees: tuple[Office, ...]
    title: str | None
    title_span: Span | None
    date: dt.date | None
    partial_date: str | None = None  # '(Ingezonden 28 april jl.)', resolved against the answer date


_SEPARATOR = re.compile(
    r"\s(?:over|inzake:?|in\s+zake|betreffende|betreffend\S?|betr\.|m\.b\.t\.|met\s+betrekking\s+tot|in\s+verband\s+(?:met|rnet)|"
    r"in\s+betrekking\s+tot|omtrent|aangaande|naar\s+aanleiding\s+van)\s",
    re.I,
)


def _tidy_header(text: str, vocab: set[str]) -> str:
    """A heading or answer line as one tidy sentence: hyphens undone, old forms and glue normalised."""
    t = re.sub(r"\s+", " ", text).strip()
    t = dehyphenate(t, vocab)
    t = re.sub(r"(?i)\b(minister|staatssecretaris)(van|voor)\b", r"\1 \2", t)
    t = re.sub(r"\b[A-Za-z]{7,9}\b", _role_word, t)
    t = re.sub(r"(?i)\bd[eo]n\s+h[eo]er\b", "de heer", t)
    t = re.sub(r"\b[Dd]e\s+heeren\b", "de heren", t)
    return t


def _role_word(m: re.Match[str]) -> str:
    """'Ministor' → 'Minister' (OCR noise in the role word; 'Ministers' stays)."""
    w = m.group(0)
    if w.lower() not in ("minister", "ministers") and fuzzy_word(w, "minister", 1) and w[:3].lower() == "min":
        return "Minister" if w[0].isupper() else "minister"
    return w


def _parse_heading(m: _Mapped, vocab: set[str]) -> _Heading:
    """'Vragen van het lid X (P) over … (Ingezonden …)' and its older forms ('VRAGEN van den heer X betreffende …')."""
    m = (
        _dehyphenate_mapped(m, vocab)
        .sub(r"\bbetref[\s,\-f]*en\s?-?\s?de\b", "betreffende")
        .sub(r"\bover(?=(?:de|het|een)\s)", "over ")
    )
    s = m.s
    date_m = _date_paren(s, ("ingezonden",))
    bare = _word_paren(s, "ingezonden") if date_m is None else None
    body_end = date_m.start() if date_m else bare if bare is not None else len(s)
    date = _parse_date(date_m.group("date")) if date_m else None
    partial = s[bare : bare + 60] if bare is not None else None
    van = re.search(r"\s(?:van|vau|yan)\s", s)
    who_start = van.end() if van else 0
    sep = _SEPARATOR.search(s, who_start, body_end) or re.compile(r"\)\s+(?:voor|ovcr|ovor)\s").search(s, who_start, body_end)
    if sep and sep.group(0).startswith(")"):
        who = s[who_start : sep.start() + 1]  # 'X (P.v.d.A.) voor …': the OCR made 'voor' of 'over'
    else:
        who = s[who_start : sep.start()] if sep else s[who_start:body_end]
    title = None
    title_span = None
    if sep:
        raw = m.cut(sep.end(), body_end)
        title = _clean_title(raw.s, vocab)
        title_span = raw.span()
    askers, addressees = _who(who, vocab)
    if not addressees and date_m is not None and date_m.group("aan"):
        # '(Ingezonden 30 Mei 1927 aan de Ministers van Arbeid, … en van Justitie.)'
        _, addressees = _who("X " + _tidy_header(date_m.group("aan"), vocab), vocab)
    return _Heading(tuple(askers), tuple(addressees), title, title_span, date, partial)


def _clean_title(raw: str, vocab: set[str]) -> str | None:
    t = _tidy_header(raw, vocab).strip(" ,;:")
    t = re.sub(r"\s*\.$", "", t).strip()
    return t or None


def _who(text: str, vocab: set[str]) -> tuple[list[Member], list[Office]]:
    """Askers and addressees of '<askers> aan de <offices>'."""
    t = _tidy_header(text, vocab)
    t = re.sub(r"^(?:het|de)\s+(?:lid|leden)\s+", "", t)
    t = re.sub(r"^(?:de\s+heer|mevrouw|mej\.?|mejuffrouw)\s+", "", t, flags=re.I)
    t = re.sub(r"^(?:de\s+)?(?:heren|heeren|dames)\s+", "", t, flags=re.I)
    t = re.sub(r"\s+(?:en|,)\s+(?:de\s+heer|mevrouw|mej\.?)\s+", " en ", t, flags=re.I)
    aan = re.search(
        r"[\s,]+(?:aan|tot)\s+(?:de|den|het|Zijne|Hare)\s+(?=[A-Za-z-]*(?:[Mm]inister|[Ss]taatss|[Ss]ecretaris|[Pp]resident|[Rr]egering))",
        t,
    )
    askers_text, offices_text = (t[: aan.start()], t[aan.end() :]) if aan else (t, "")
    askers_text = re.sub(r"\)\.?\s+(?=[A-Z])", "), ", askers_text.strip(" ,.;"))
    askers_text = re.sub(r",\s+en\s+", " en ", askers_text)  # 'X (P.v.d.A.). Y (P.v.d.A.)', 'X (P) Y (Q)'
    askers_text = re.sub(r"\)\s+(?!en\b)[a-z][^()]*$", ")", askers_text)  # 'X (D'66) om afwijzend te beslissen'

    askers = [mb for mb in grammar.parse_askers(askers_text) if _plausible_name(mb.name)]
    offices = grammar.parse_addressees(_old_portfolios(offices_text)) if offices_text else []
    return askers, offices


def _plausible_name(name: str) -> bool:
    return bool(name) and len(name) <= 60 and bool(re.search(r"[A-Za-zÀ-ÿ]{2}", name)) and not re.search(r"\d", name)


def _old_portfolios(text: str) -> str:
    return re.sub(r"(?i),?\s*(?:a\.\s?i\.?|ad\s+interim)\s*$", "", text.strip(" ,."))


# --- answer line --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _AnswerLine:
    notice: bool
    answerers: tuple[Official, ...]
    on_behalf_of: tuple[Official, ...]
    date: dt.date | None
    see_also: tuple[SeeAlso, ...]
    askers: tuple[Member, ...] = ()
    title: str | None = None
    title_span: Span | None = None


def _parse_answer_line(m: _Mapped, vocab: set[str]) -> _AnswerLine:
    """Parse the answer line in its modern and older forms.

    'Antwoord van minister X (P), mede namens … (Ontvangen …), zie ook …'; 'ANTWOORD van de heer X, Minister van
    P. (Ingezonden …) (Zie ook …)'; 'ANTWOORD van … (ingezonden …), op de vragen van den heer X, betreffende …'.
    """
    m = _dehyphenate_mapped(m, vocab)
    s = m.s
    first = _ANSWER_WORD.match(s)
    notice = bool(first and fuzzy_word(_answer_word(first), "mededeling"))
    date_m = _date_paren(s, ("ontvangen", "ingezonden"))
    date = _parse_date(date_m.group("date")) if date_m else None
    van = re.search(r"\s(?:van|vau|yan)\s", s)
    who_start = van.end() if van else 0
    who_end = date_m.start() if date_m else len(s)
    tail_start = date_m.end() if date_m else who_end
    if date_m is None and (z := re.search(r"(?i)\(?\s*\bzie\b", s[who_start:])):
        who_end = tail_start = who_start + z.start()
    tail = s[tail_start:]
    zie = re.search(r"(?i)\(?\s*\bzie\b", tail)
    see_also = _see_also(tail[zie.start() :]) if zie else []
    answerers, behalf = _officials(s[who_start:who_end], vocab)
    askers: tuple[Member, ...] = ()
    title = None
    title_span = None
    op = re.search(r"(?i)\bop\s+(?:[^()]{0,70}?\s)?vragen\s+van\s+", tail)
    if op:
        rest_start = tail_start + op.end()
        rest_end = tail_start + (zie.start() if zie and zie.start() > op.end() else len(tail))
        if cut := re.search(r"(?i)\s\(?\s*(?:zie\b|bla?dz\.|blz\.)", s[rest_start:rest_end]):
            rest_end = rest_start + cut.start()
        rest = s[rest_start:rest_end]
        sep = _SEPARATOR.search(" " + rest)
        found, _ = _who(rest[: sep.start()] if sep else rest, vocab)
        askers = tuple(found)
        if sep:
            raw = m.cut(rest_start + sep.end() - 1, rest_end)
            title = _clean_title(re.sub(r"\(\s*$", "", raw.s), vocab)
            title_span = raw.span()
    return _AnswerLine(notice, tuple(answerers), tuple(behalf), date, tuple(see_also), askers, title, title_span)


def _officials(text: str, vocab: set[str]) -> tuple[list[Official], list[Official]]:
    """Answerers and 'mede namens' offices, in the modern ('minister X (P)') or older ('de heer X, Minister van P') form."""
    t = _tidy_header(text, vocab).strip(" ,.;:")
    behalf_m = re.search(r"(?i),?\s*\bmede\s*-?\s*namens\b", t)
    main, behalf_text = (t[: behalf_m.start()], t[behalf_m.end() :]) if behalf_m else (t, "")
    answerers = grammar.parse_officials(main) if "(" in main else []
    if not answerers:
        answerers = _old_officials(main)
    if not answerers:
        answerers = [Official(None, o.role, o.portfolio) for o in grammar.parse_addressees(_old_portfolios(main))]
    answerers = [_tidy_official(o) for o in answerers]
    behalf: list[Official] = []
    if behalf_text:
        bt = _old_portfolios(behalf_text)
        behalf = _old_officials(bt) if re.search(r"(?i)\bde\s+heer\b|\bmevrouw\b", bt) else []
        behalf = behalf or grammar.parse_behalf(bt)
        behalf = [_tidy_official(o) for o in behalf]
    return answerers, behalf


_OLD_ROLE = re.compile(
    r"\b(?P<role>Minister-President|Ministers?|Staatssecretariss?en|Staatssecretaris|Staats-\s?secretaris)\b"
    r"(?P<staat>\s+van\s+Staat\b)?",
    re.I,
)


def _old_officials(text: str) -> list[Official]:
    """'de heer Ter Beek, minister van Defensie'; 'de heren A, Minister van X, en B, Staatssecretaris van Y';
    'de heren A en B, Ministers van X en van Y'; 'Minister Vorrink (Volksgezondheid en Milieuhygiëne)'.

    >>> [(o.name, o.portfolio) for o in _old_officials("de heren Polak, Minister van Justitie, en Grapperhaus, "
    ...     "Staatssecretaris van Financiën")]
    [('Polak', 'Justitie'), ('Grapperhaus', 'Financiën')]
    """
    t = text.strip(" ,.;:")
    # 'de Staatssecretaris van Onderwijs en Wetenschappen, de heer Klein': the office first
    if m := re.fullmatch(
        r"(?:de\s+)?(Minister|Staatssecretaris)\s+(?:van|voor)\s+([^,()]+),\s+(?:de\s+heer|mevrouw)\s+([^,()]+)", t, re.I
    ):
        return [Official(grammar.clean_name(m.group(3)), _role(m.group(1)), _portfolio(m.group(2)))]
    t = re.sub(r"^\s*(?:de\s+heer|de\s+heren|mevrouw|mr\.?|jhr\.?)\s+", "", t, flags=re.I)
    segments = re.split(
        r",?\s+en\s+(?:van\s+)?(?:de\s+heer\s+|mevrouw\s+)?(?=(?:(?!\sen\s)[^,()]){1,35},\s*(?:[Mm]inister|[Ss]taatss))", t
    )
    out: list[Official] = []
    pending: list[str] = []
    for seg in segments:
        if not _OLD_ROLE.search(seg):
            pending.append(seg)  # 'de heren A en B, Ministers van X en van Y': B carries the role for both
            continue
        out.extend(_old_person(" en ".join([*pending, seg])))
        pending = []
    return out


def _old_person(seg: str) -> list[Official]:
    roles = [r for r in _OLD_ROLE.finditer(seg) if not r.group("staat")]
    if not roles:
        return []
    first = _OLD_ROLE.search(seg)
    names_text = seg[: first.start()].strip(" ,:;") if first else ""
    role_m = roles[-1]
    role = _role(role_m.group("role"))
    after = seg[role_m.end() :]
    if not names_text:
        # 'Minister Vorrink (Volksgezondheid en Milieuhygiëne)'
        m = re.match(r"\s*([A-Z][^(),]+?)\s*(?:\(([^)]*)\)|$)", after)
        return (
            [Official(grammar.clean_name(m.group(1)), role, _portfolio(m.group(2)))] if m and _plausible_name(m.group(1)) else []
        )
    names = [grammar.clean_name(n) for n in re.split(r"\s+en\s+|\s*,\s*", names_text) if n.strip()]
    names = [n for n in names if _plausible_name(n)]
    if not names:
        return []
    pm = re.match(r"\s+(?:van|voor)\s+(.*)$", after, re.S)
    portfolio_text = _old_portfolios(pm.group(1)) if pm else ""
    plural = role_m.group("role").lower().endswith(("s", "sen")) and len(names) > 1
    portfolios = grammar.split_portfolios(portfolio_text, plural) if portfolio_text else []
    if len(names) > 1 and len(portfolios) == len(names):
        return [Official(n, role, _portfolio(p)) for n, p in zip(names, portfolios, strict=True)]
    if len(names) == 1:
        return [Official(names[0], role, _portfolio(portfolio_text))]
    return [Official(n, role, None) for n in names]


def _role(word: str) -> Role:
    w = re.sub(r"[\s-]", "", word.lower())
    if "president" in w:
        return Role.MINISTER_PRESIDENT
    if w.startswith("staats"):
        return Role.STAATSSECRETARIS
    return Role.MINISTER


def _portfolio(text: str | None) -> str | None:
    if not text:
        return None
    t = _old_portfolios(re.sub(r"\s+", " ", text)).strip(" ,.;:")
    t = re.sub(r"^(?:van|voor)\s+", "", t)
    t = re.sub(r"(?<=[a-zë]{3})(?=[A-Z][a-z])", " ", t)  # 'RuimtelijkeOrdening'
    if t.count(")") > t.count("("):
        t = t.replace(")", "").strip(" ,.;:")
    return t or None


def _tidy_official(o: Official) -> Official:
    portfolio = _portfolio(o.portfolio)
    name = o.name
    if name:
        name = re.sub(r"\s*[,.]\s*$", "", name)
        name = re.sub(r"^(?:de\s+heer|mevrouw)\s+", "", name, flags=re.I)
    return Official(name or None, o.role, portfolio)


def _see_also(text: str) -> list[SeeAlso]:
    """'zie ook aanhangsel Handelingen nr. 610, vergaderjaar 1993-1994' (either order); 'Zie Aanhangsel, bladz. 81'.

    A reference by page only ('bladz. 81') has no number.

    >>> [(s.session, s.number) for s in _see_also("zie ook Aanhangsel Handelingen nr. 243, Vergaderjaar 1994-1995")]
    [('1994-1995', 243)]
    >>> [(s.session, s.number) for s in _see_also("(Zie Aanhangsel, bladz. 81.)")]
    [(None, None)]
    >>> [(s.session, s.number) for s in _see_also("zie ook Aanhangsel nr. 478 en nr. 645, Vergaderjaar 1992-1993")]
    [('1992-1993', 478), ('1992-1993', 645)]
    """
    m = re.match(r"(?i)\s*\(?\s*zie\s+(?:ook\s+)?", text)
    if not m:
        return []
    rest = text[m.end() : m.end() + 160]
    end = _see_also_end("zie " + rest, 0)
    rest = ("zie " + rest)[:end]
    session = grammar.normalise_session(rest.replace("/", "-")) if re.search(r"\d{4}\s*[-–—/]\s*\d{2,4}", rest) else None
    if session is None and (y := re.search(r"\b(1[89]\d\d)\s*/\s*(\d\d)\b", rest)):
        session = grammar.normalise_session(f"{y.group(1)}-{y.group(2)}")
    if not re.search(r"(?i)aan-?hangsel|handelingen", rest):
        return []
    # 'nr. 478 en nr. 645', 'nrs. 678 en 849'
    numbers = [
        int(n)
        for n in re.findall(
            r"\d{1,5}",
            " ".join(re.findall(r"(?i)\bn(?:[ro]s?\.?|ummers?)\s*((?:\d{1,5}(?:\s*(?:,|en)\s*(?:nr\.?\s*)?)?)+)", rest)),
        )
    ]
    return [SeeAlso(session, n) for n in numbers] or [SeeAlso(session, None)]


# --- reading order repairs ------------------------------------------------------------------------------

_TERMINAL = re.compile(r"""(?:[.?!:;]|(?<=\S)[»"'’”)\]])(?:\s?[»"'’”)\]*])*\s*(?:\d{1,2}(?:\s*,\s*\d{1,2})?)?\s*$""")


def _ends_sentence(s: str) -> bool:
    return bool(_TERMINAL.search(s[-40:]))


def _is_orphan(s: str) -> bool:
    """A fragment that starts in the middle of a sentence (lower case word, not an item 'a.')."""
    return bool(re.match(r"[a-zà-ÿ]{2,}\b(?![.)])", s)) and not re.match(r"(?:zie|nl|bijv|o\.a)\b", s)


def _repair_order(questions: list[_Mapped], answers: list[_Mapped]) -> tuple[list[_Mapped], list[_Mapped]]:
    """Put a fragment cut off by a scrambled column order back after the sentence it continues.

    An orphan (a line starting in mid-sentence after a line that ended its sentence) is joined to a dangling
    line (one that stops mid-sentence and is not followed by its continuation), pairing them in order.
    """
    seq = [("q", ln) for ln in questions] + [("a", ln) for ln in answers]
    orphans = [i for i in range(1, len(seq)) if _is_orphan(seq[i][1].s) and _ends_sentence(seq[i - 1][1].s)]
    dangling = [
        i
        for i in range(len(seq))
        if not _ends_sentence(seq[i][1].s)
        and re.search(r"[a-zà-ÿ]{2},?$", seq[i][1].s)
        and len(seq[i][1].s.split()) >= 4
        and (i + 1 >= len(seq) or not _is_orphan(seq[i + 1][1].s))
    ]
    moves: dict[int, list[int]] = {}
    dropped: set[int] = set()
    for o, d in zip(orphans, [d for d in dangling if d not in orphans], strict=False):
        if abs(o - d) <= 1:
            continue
        moves.setdefault(d, []).append(o)
        dropped.add(o)
    if not moves:
        return questions, answers
    out_q: list[_Mapped] = []
    out_a: list[_Mapped] = []
    for i, (part, ln) in enumerate(seq):
        if i in dropped:
            continue
        for o in moves.get(i, []):
            ln = _Mapped.join([ln, seq[o][1]], " ")
        (out_q if part == "q" else out_a).append(ln)
    return out_q, out_a


def _split_labels(lines: list[_Mapped]) -> list[_Mapped]:
    """'2I' at the end of a line and 's het …' on the next: the OCR split 'Is' ('2 Is het …')."""
    out: list[_Mapped] = []
    for ln in lines:
        if out and (m := re.search(r"(?:^|\s)\d{1,2}\s?([I!l|])$", out[-1].s)) and re.match(r"[sn]\s", ln.s):
            fixed = _Mapped(out[-1].s[: m.start(1)] + "I", out[-1].offs)
            out[-1] = _Mapped.join([fixed, ln], "")
            continue
        out.append(ln)
    return out


def _interrogative(s: str) -> bool:
    """A paragraph of questions only (every sentence ends with '?'): questions the column order moved."""
    t = re.sub(r"['’\d]+$", "", s.strip()).rstrip()
    if not t.endswith("?") or len(t) < 25:
        return False
    return not re.search(r"[a-zà-ÿ]{2}\.\s+[A-Z]", t)


def _restart(lines: list[_Mapped]) -> list[_Mapped]:
    """Answers up to a line where the numbering starts again at 1: the questions of a publication that lost its heading."""
    for k, ln in enumerate(lines):
        if (
            k > 0
            and re.match(r"(?:1\s?[.°]?|I\.)\s+[A-Z]", ln.s)
            and any(re.match(r"(?:\d{1,2}|[IVX]{1,4})\s?[.°]?\s", x.s) for x in lines[:k])
        ):
            return lines[:k]
    return lines


def _lone_labels(lines: list[_Mapped]) -> list[_Mapped]:
    """Join a line holding only a number ('2' / '4 en 5') to the text on the next line."""
    out: list[_Mapped] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if i + 1 < len(lines) and re.fullmatch(r"\d{1,2}(?:\s*(?:,|en|tot en met)\s*\d{1,2})*\s*[.°]?", ln.s):
            out.append(_Mapped.join([ln, lines[i + 1]], " "))
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


# --- footnotes ----------------------------------------------------------------------------------------

_FN_START = re.compile(r"^(?:(?P<num>\d{1,2})\s*\)?(?:\s+|(?=[A-Z«„\"]))|(?P<apos>['’`])\s+(?=\S))")


def _split_footnotes(
    lines: list[_Mapped], *, first_label_needed: bool, trailing_only: bool = False
) -> tuple[list[_Mapped], list[_Mapped]]:
    """Lift the footnote block (after the questions, or at the foot of the answers) out of the text."""
    if len(lines) < 2:
        return lines, []
    start = None
    seen_labels: list[int] = []
    for i, ln in enumerate(lines):
        m = _FN_START.match(ln.s)
        if i > 0 and m:
            n = int(m.group("num")) if m.group("num") else 1
            apostrophe = m.group("apos") is not None
            old_style = bool(re.match(r"\d{1,2}\s*\)", ln.s))
            if trailing_only:
                near_end = i >= len(lines) - 3 and len(ln.s) < 400
                if near_end and (apostrophe or old_style or (n == 1 and seen_labels and max(seen_labels) > 1)):
                    start = i
                    break
            elif n == 1 and (apostrophe or old_style or (not first_label_needed or 1 in seen_labels)):
                start = i
                break
        for lab in _LABEL.finditer(ln.s):
            if lab.group("n1") and lab.group("n1").isdigit():
                seen_labels.append(int(lab.group("n1")))
        if i == 0 and re.match(r"\D", ln.s):
            seen_labels.append(1)  # the first question's number may be lost
    if start is None:
        return lines, []
    return lines[:start], lines[start:]


def _footnotes(lines: list[_Mapped]) -> list[Footnote]:
    """Footnotes from their block: '1 O.a. Nova … jl. 2 Ter inzage …', "' Vliegende Hollander".

    Footnote 1 opens the block (its number may be OCR'd as an apostrophe); footnote n + 1 starts at a line
    start or after a space, its number followed by a capital ('… 11 juli 2 EG-richtlijn …').
    """
    if not lines:
        return []
    block = _Mapped.join(lines, "\n")
    s = block.s
    first = re.match(r"(?:1|['’`])\s*\)?\s*(?=\S)", s)
    if not first:
        return []
    starts = [(1, first.end())]  # (number, where its text starts)
    bounds = [0]
    while m := re.compile(rf"(?:(?<=\n)|(?<=\s)){len(starts) + 1}\s*\)?\s+(?=[A-Z«„\"(]|https?:|www\.)").search(s, starts[-1][1]):
        starts.append((len(starts) + 1, m.end()))
        bounds.append(m.start())
    out: list[Footnote] = []
    for k, (n, text_start) in enumerate(starts):
        piece = block.cut(text_start, bounds[k + 1] if k + 1 < len(starts) else len(s))
        text = _fix_month_words(tidy(dehyphenate(join_lines(piece.s.split("\n")))))
        if text:
            out.append(Footnote(n, text, tuple(find_urls(text)), piece.span()))
    return out


def _fix_month_words(text: str) -> str:
    """'14 februan jl.' → '14 februari jl.' (a month name after a day number, OCR-damaged)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(2)
        for name in grammar.MONTHS:
            if word.lower() != name and fuzzy_word(word, name, 2) and word[:4].lower() == name[:4]:
                return m.group(1) + name
        return m.group(0)

    return re.sub(r"(\b\d{1,2}\s*)([a-z]{3,10})\b", fix, text)


# --- numbered blocks ------------------------------------------------------------------------------------

_LABEL = re.compile(
    r"(?:(?P<n1>\d{1,2}|[Il](?=\s*(?:,|en)\s*\d))(?P<sub>[a-h])?(?P<more>(?:\s*(?:,|en|tot\s+en\s+met|t/m|-)\s*\d{1,2}[a-h]?)*)(?:\s?°)?[.,]?"
    r"|(?P<roman>(?:IX|IV|VI{0,3}|I{1,3}|X)(?:\s*(?:,|en)\s*(?:IX|IV|VI{0,3}|I{1,3}|X))*)\s*\.)"
    r"(?:\s+[a-h](?:\s*,\s*[a-h])*\s*\.)?(?P<gap>\s+|(?=[A-ZÀ-Ý«„\"'(]))(?=[A-ZÀ-Ý«„\"'(\u201c])"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@dataclass(frozen=True, slots=True)
class _Label:
    pos: int  # where the label starts in the section string
    text_start: int  # where the item's text starts
    first: int
    last: int
    numbers: tuple[int, ...]
    sub: str
    strength: float


@dataclass(frozen=True, slots=True)
class _Block:
    numbers: tuple[int, ...]
    text: _Mapped


def _labels(s: str, line_starts: set[int], section_start_ok: bool = True) -> list[_Label]:
    """Candidate item numbers at the start of a line or of a sentence, with how sure each is."""
    out: list[_Label] = []
    for m in _LABEL.finditer(s):
        p = m.start()
        if re.match(r"\s*[A-Za-z]{3,9}\b", s[m.end() :]) and _is_month(re.match(r"\s*([A-Za-z]+)", s[m.end() :]).group(1)):
            continue  # '4 October'
        at_line = p in line_starts
        if at_line:
            prev = s[max(0, p - 80) : p].rstrip("\n")
            strength = 3.0
            if prev and not _ends_sentence(prev):
                if not re.match(r"\d{1,2}\s?[.°]", m.group(0)):
                    continue  # '14 PO-Oost' in a table
                strength = 1.5  # '4. Is …' after a line whose end the OCR damaged
        else:
            before = s[max(0, p - 6) : p]
            if re.search(r"""[.?!:;»"'’”)\]]\d{0,2}\s+$""", before):
                strength = 2.5 if re.search(r"[?]\S{0,2}\s+$", before) else 2.0
                if not m.group("gap"):
                    strength += 0.5
            elif (
                not m.group("gap")
                and not m.group("roman")
                and re.search(r"\s$", before)
                and re.match(r"[A-Z][a-z]", s[m.end() :])
            ):
                strength = 1.0  # '2Ja 3Door …': a number glued to its text stays a label without a full stop
            else:
                continue
        if m.group("roman"):
            if not at_line and not re.search(r"[.?!][)'’»\"]?\s+$", s[max(0, p - 4) : p]):
                continue
            numbers: tuple[int, ...] = tuple(_ROMAN[r] for r in re.findall(r"[IVX]+", m.group("roman")))
            sub = ""
        else:
            numbers = grammar.parse_numbers(re.sub(r"^[Il]", "1", m.group("n1")) + (m.group("more") or ""))
            if not numbers or any(k == 0 for k in numbers):
                continue
            sub = m.group("sub") or ""
            if m.group("more") and re.search(r"[a-h]", m.group("more")):
                numbers = tuple(sorted(set(numbers)))
        out.append(_Label(p, m.end(), numbers[0], max(numbers), numbers, sub, strength))
    return out


_GAP_PENALTY = 1.0
_WINDOW = 80  # how many candidates back a label looks for its predecessor (keeps the chain linear on long texts)


def _chain(labels: Sequence[_Label], limit: int | None) -> list[_Label]:
    """The best increasing sequence of labels (numbers lost by the OCR cost a penalty each)."""
    cap = limit if limit else 60
    usable = [lb for lb in labels if lb.last <= cap and lb.first <= 40]
    best: list[float] = []
    back: list[int | None] = []
    for j, b in enumerate(usable):
        start_gap = b.first - 1
        score = b.strength - _GAP_PENALTY * start_gap if start_gap <= 3 else float("-inf")
        prev_best: int | None = None
        for i in range(max(0, j - _WINDOW), j):
            a = usable[i]
            if best[i] == float("-inf") or not _follows(a, b):
                continue
            gap = max(0, b.first - a.last - 1)
            if gap > 3:
                continue
            cand = best[i] + b.strength - _GAP_PENALTY * gap
            if cand > score:
                score, prev_best = cand, i
        best.append(score)
        back.append(prev_best)
    if not usable or max(best) == float("-inf"):
        return []
    length = [0] * len(usable)
    for k in range(len(usable)):
        length[k] = 1 + (length[back[k]] if back[k] is not None else 0)  # type: ignore[index]
    j: int | None = max(range(len(usable)), key=lambda k: (best[k], length[k], -k))
    out: list[_Label] = []
    while j is not None:
        out.append(usable[j])
        j = back[j]
    return out[::-1]


def _follows(a: _Label, b: _Label) -> bool:
    """Whether label b can come after label a: higher numbers, '2b' after '2a', '3 en 5' after '1, 2 en 4'.

    >>> _follows(_Label(0, 0, 3, 3, (3,), "", 3.0), _Label(9, 9, 2, 6, (2, 4, 5, 6), "", 3.0))
    True
    """
    if b.first > a.last:
        return True
    if not set(a.numbers) & set(b.numbers) and (b.first > a.first or len(b.numbers) > 1):
        return True  # also '1 … 3 … 2, 4, 5 en 6 …': a combined answer after the single ones
    return b.first == a.last and bool(a.sub) and bool(b.sub) and b.sub > a.sub


def _is_month(word: str) -> bool:
    w = word.lower()
    return any(w == name or (len(w) >= 4 and fuzzy_word(w, name, 1)) for name in (*grammar.MONTHS, "october"))


def _para_starts(s: str, line_starts: Sequence[int], lo: int, hi: int, include_lo: bool) -> list[int]:
    """Line starts in [lo, hi) where an unnumbered paragraph begins (after a finished sentence, capital).

    A line of one or two words without a full stop ('Jaar', 'Grieken') is a table row, not a paragraph.
    """
    out = []
    for p in line_starts:
        if not lo <= p < hi or (p == lo and not include_lo):
            continue
        if p > 0 and not _ends_sentence(s[max(0, p - 80) : p].rstrip("\n")):
            continue
        line = s[p:].split("\n", 1)[0]
        if len(line.split()) < 3 and not _ends_sentence(line):
            continue
        if re.match(r"[A-ZÀ-Ý«„\"(]", line) and not re.match(r"(?i)toelichting\b", line):
            out.append(p)
    return out


def _blocks(lines: list[_Mapped], *, limit: int | None, kind: str, questions: int = 0) -> list[_Block]:
    """Numbered items of a part, numbers restored by position where the OCR lost them."""
    if not lines:
        return []
    section = _Mapped.join(lines, "\n")
    section = section.sub(r"(?m)(^|(?<=[.?!'’»]\s))(\d{1,2})I\s*\n\s*([sn])\b", r"\1\2 I\3")
    section = section.sub(r"(?m)(^|(?<=[.?!'’»]\s))(\d{1,2})([A-Z]) ([a-z]{1,2})\b(?=\s)", r"\1\2 \3\4")
    s = section.s
    line_starts = [0] + [k + 1 for k, c in enumerate(s) if c == "\n"]
    chain = _chain(_labels(s, set(line_starts)), limit)
    items: list[tuple[int, int, tuple[int, ...]]] = []  # (position, text start, numbers)
    if not chain:
        numbers = (1,) if kind == "question" or questions <= 1 else tuple(range(1, questions + 1))
        if kind == "question":
            paras = _para_starts(s, line_starts, 0, len(s), True)
            if len(paras) > 1 and all(_interrogative_para(s, paras, k) for k in range(len(paras))):
                items = [(p, p, (n,)) for n, p in enumerate(paras, 1)]
        if not items:
            items = [(0, 0, numbers)]
    else:
        previous_last = 0
        bounds = [*chain, None]
        for k, lab in enumerate(bounds):
            lo = 0 if k == 0 else bounds[k - 1].text_start  # type: ignore[union-attr]
            hi = lab.pos if lab is not None else len(s)
            missing = (
                max(0, lab.first - previous_last - 1) if lab is not None else _trailing_missing(kind, previous_last, questions)
            )
            if missing > 0:
                paras = _para_starts(s, line_starts, lo, hi, include_lo=(k == 0))
                if k == 0 and lo not in paras and re.match(r"\S{1,2}[.°]?\s+[A-Z]", s):
                    paras.insert(0, lo)  # the first line's lost number left a speck ('ï. Is het juist')
                if kind == "question" and len(paras) > missing:
                    asking = [p for p in paras if _interrogative_para(s, paras, paras.index(p))]
                    paras = asking if len(asking) >= missing else paras
                if lab is None and kind == "question":
                    paras = [p for p in paras if _interrogative_para(s, paras, paras.index(p))]
                    missing = len(paras)
                # questions are one paragraph each: fill what can be filled; an answer can run over several
                # paragraphs, so only an exact fit (or the paragraphs after the last number) is trusted
                fits = kind == "question" or len(paras) == missing or (lab is None and len(paras) < missing)
                if fits:
                    for n, p in zip(range(previous_last + 1, previous_last + 1 + missing), paras, strict=False):
                        items.append((p, p, (n,)))
            if lab is not None:
                items.append((lab.pos, lab.text_start, lab.numbers))
                previous_last = max(previous_last, lab.last)
        items.sort()
    blocks = []
    for k, (_pos, text_start, numbers) in enumerate(items):
        end = items[k + 1][0] if k + 1 < len(items) else len(s)
        text = section.cut(text_start, end)
        if speck := re.match(r"[^\sA-Z«„\"'(]{1,2}[.°]\s+(?=[A-Z])", text.s):
            text = text.cut(speck.end())
        toel = re.search(r"(?m)^\s*Toelichting\b", text.s)
        if toel:
            text = text.cut(0, toel.start())
        blocks.append(_Block(numbers, text))
    return blocks


def _trailing_missing(kind: str, last: int, questions: int) -> int:
    if kind == "question":
        return 10  # bounded below by the interrogative paragraphs that follow
    return max(0, questions - last)


def _interrogative_para(s: str, paras: Sequence[int], k: int) -> bool:
    end = paras[k + 1] if k + 1 < len(paras) else len(s)
    first_line = s[paras[k] : end].split("\n")[0]
    return "?" in first_line


# --- cleaning block text -------------------------------------------------------------------------------


class _Markers:
    """Footnote markers in reading order, including the apostrophe the OCR makes of a superscript 1.

    A marker repeated later ("deskundigen2" after "Stoffelen2") is removed when glued to a word.
    """

    def __init__(self, numbers: Iterable[int]):
        self.numbers = sorted(set(numbers))
        self.state = MarkerState(self.numbers)

    def strip(self, text: str) -> str:
        if self.state.expected == 1:
            apos = re.search(r"(?<=[a-zà-ÿ?.!»)])['’](?=\s|$)", text)
            digit = re.search(r"(?<=[^\s\d\-/.,:+])1(?=[\s.,;:!?)\]»”\"'’]|$)", text)
            if apos and (digit is None or apos.start() < digit.start()) and not _quoted(text, apos.start()):
                text = text[: apos.start()] + "1" + text[apos.end() :]
        text = self.state.strip(text)
        seen = [n for n in self.numbers if self.state.expected is None or n < self.state.expected]
        if seen:
            alternatives = "|".join(str(n) for n in seen)
            text = re.sub(rf"(?<=[a-zà-ÿ]{{4}})(?:{alternatives})(?=\s)", "", text)
        return text


def _quoted(text: str, at: int) -> bool:
    """Whether the apostrophe at `at` closes a quote opened earlier in the text."""
    return bool(re.search(r"(?:^|\s)['‘][A-Za-zÀ-ÿ]", text[:at]))


def _clean(m: _Mapped, markers: _Markers, vocab: set[str]) -> str:
    """Block text: OCR lines joined (paragraphs kept), hyphens undone, footnote markers removed."""
    lines = [ln.strip() for ln in m.s.split("\n") if ln.strip()]
    paragraphs: list[list[str]] = []
    for ln in lines:
        if paragraphs and not (_ends_sentence(paragraphs[-1][-1]) and re.match(r"[A-ZÀ-Ý«„\"(]", ln)):
            paragraphs[-1].append(ln)
        else:
            paragraphs.append([ln])
    out = []
    for para in paragraphs:
        text = join_lines(para, vocab)
        text = dehyphenate(text, vocab)
        text = markers.strip(text)
        text = re.sub(r"(?<=[a-zà-ÿ?.!»])['’](?=\s|$)", "", text) if not _quoted(text, len(text)) else text
        text = tidy(text)
        if text:
            out.append(text)
    return "\n\n".join(out)
