"""The Aanhangsel layout as plain text (pdftotext, PDF extracts, Word text) → `Document`.

The text is cut into lines that keep their offsets; page furniture (headers, footers, the first-page
box) is recognised and set aside, footnote bodies are lifted out of the running text page by page,
the heading and answer line are parsed with `kg.readers.grammar`, and the rest is split into labelled
blocks ("Vraag 3, 4 en 5", "Antwoord op vraag 2", "Mededeling", numbered or unnumbered questions) whose
text is cleaned: words glued at line joins split, end-of-line hyphenation undone (real hyphens kept),
footnote markers removed, paragraphs kept as blank lines.

Three flavours of the same layout are told apart by their shape: `pdftotext` (form feeds between
pages, hard line breaks, footnote numbers sometimes printed apart from their bodies and out of order),
`extract` (third-party PDF text: physical lines glued into long lines without a space) and `word`
(the Tweede Kamer's Word version: one paragraph a line, blank lines between). Anything else is read as
`plain` (hard line breaks, like pdftotext without form feeds).

Conventions: a question number printed twice is kept twice, as printed (no renumbering, no error);
unnumbered question paragraphs are numbered by position; a Mededeling (notice) has no answers.

>>> doc = parse_text(SAMPLE)
>>> doc.kind.value, doc.askers[0].name, doc.questions[0].text, doc.answers[0].questions
('answer', 'Ypma', 'Kent u het rapport?', (1,))
>>> doc.askers[0].span.slice(doc.text), doc.footnotes[0].urls
('Ypma', ('http://example.org/rapport',))
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from kg.errors import NotAWrittenQuestion
from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Office, Official, Question, SeeAlso, Span
from kg.readers import grammar
from kg.readers.textutil import Lexicon, MarkerState, clean_block, find_urls, join_lines, restore_url_hyphen, tidy, unglue

__all__ = ["SAMPLE", "Line", "detect_flavour", "find_footnotes", "looks_like_aanhangsel", "parse_text", "split_lines"]

SAMPLE = """Vragen van de leden Ypma en Rebel (beiden PvdA) aan de Staatssecretaris van
Volksgezondheid, Welzijn en Sport over het bericht (ingezonden 23 mei 2014).
Antwoord van Staatssecretaris Van Rijn (Volksgezondheid, Welzijn en Sport) (ontvangen 25 juni 2014)
Vraag 1
Kent u het rapport?1
Antwoord 1
Ja.
1 http://example.org/rapport
"""


@dataclass(slots=True)
class Line:
    """One line of the source with its offsets; `kind` says what it turned out to be."""

    start: int
    end: int
    text: str
    page: int
    kind: str = "body"  # body | blank | furniture | footnote | heading | answerline | label
    _stripped: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def stripped(self) -> str:
        """The text without surrounding white space (worked out once: `text` is not changed)."""
        s = self._stripped
        if s is None:
            s = self._stripped = self.text.strip()
        return s


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; a form feed starts a new page.

    >>> [(ln.text, ln.page, ln.kind) for ln in split_lines("a\\n\\fb\\n ")]
    [('a', 0, 'body'), ('b', 1, 'body'), (' ', 1, 'blank')]
    """
    lines: list[Line] = []
    pos, page = 0, 0
    for raw in text.split("\n"):
        body = raw.rstrip("\r")
        start = pos
        if "\f" in body:
            while body.startswith("\f"):
                page += 1
                body = body[1:]
                start += 1
            body = body.replace("\f", " ")
        line = Line(start, start + len(body), body, page)
        if not line.stripped:
            line.kind = "blank"
        lines.append(line)
        pos += len(raw) + 1
    if lines and lines[-1].kind == "blank" and not lines[-1].text:
        lines.pop()
    return lines


# --- flavour and widths -------------------------------------------------------------------------


def detect_flavour(text: str, lines: list[Line]) -> str:
    """'pdftotext', 'extract', 'word' or 'plain' (see the module docstring).

    >>> detect_flavour("Vraag 1\\n\\nKent u het bericht?\\n\\nAntwoord 1\\n\\nJa.\\n", split_lines("Vraag 1\\n\\nKent u?\\n\\nAntwoord 1\\n\\nJa.\\n"))
    'word'
    """
    if "\f" in text:
        return "pdftotext"
    nonblank = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
    if not nonblank:
        return "plain"
    followed = sum(1 for i in nonblank if i + 1 >= len(lines) or lines[i + 1].kind == "blank")
    if followed / len(nonblank) > 0.6:
        return "word"
    long_lines = sum(1 for i in nonblank if len(lines[i].stripped) > 140 and not _LONG_URL.search(lines[i].text))
    if long_lines >= 2 and _glue_signs(text, 2) >= 2:
        return "extract"
    return "plain"


_LONG_URL = re.compile(r"https?://\S{60,}")
_GLUE_SIGN = re.compile(r"[a-zà-ÿ]{3}[,;:?!][a-zA-Zà-ÿ]{3}|[a-z]{3}\.[A-Z][a-z]{2}")
_GLUE_MARK = re.compile(r"[,;:?!.](?=[a-zA-Zà-ÿ])")  # where a sign's punctuation can stand


def _glue_signs(text: str, limit: int) -> int:
    """`len(_GLUE_SIGN.findall(text))`, counting up to `limit`: "abc,def" / "abc.Def" glued at line joins.

    A sign starts three letters before its mark, so only the marks followed by a letter are tried
    (in order, as the search would find them) instead of every position of the text.

    >>> _glue_signs("de rol,vanwege de slacht.Europese regels", 5), _glue_signs("o.a. nee", 5)
    (2, 0)
    """
    found, pos = 0, 0
    for mark in _GLUE_MARK.finditer(text):
        start = mark.start() - 3
        if start < pos:
            continue
        if m := _GLUE_SIGN.match(text, start):
            found += 1
            if found >= limit:
                break
            pos = m.end()
    return found


def _percentile(values: list[int], q: float, default: int) -> int:
    if len(values) < 5:
        return default
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def _body_width(lines: list[Line], heading: list[Line] | None = None) -> int:
    """The number of characters of a full printed line of running text (about 75 in the Aanhangsel).

    The heading's lines (all but its last) are full lines that no extraction glues; else the longer
    lines of ordinary length are taken.
    """
    full = [len(ln.stripped) for ln in (heading or [])[:-1] if 50 <= len(ln.stripped) <= 100]
    if len(full) >= 2:
        return max(62, min(95, max(full)))
    lengths = [len(ln.stripped) for ln in lines if ln.kind == "body" and 45 <= len(ln.stripped) <= 100]
    return max(62, min(95, _percentile(lengths, 0.8, 78)))


# --- furniture ----------------------------------------------------------------------------------

_DASH = "[-\u2010-\u2015\u2212]"
_RUNNING_FOOTER = re.compile(rf"(?:Tweede|Eerste) Kamer, vergaderjaar \d{{4}}\s*{_DASH}\s*\d{{4}}, (?:Aanhangsel|Vragen)\b(?:\s*\d+)?\s*$")
_FURNITURE = [
    re.compile(r"^(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d?$"),
    re.compile(rf"^Vergaderjaar \d{{4}}\s*{_DASH}\s*\d{{4}}\b.*$"),
    re.compile(r"^Aanhangsel van de Handelingen$"),
    re.compile(r"^Vragen gesteld door de leden der Kamer(?:, met de daarop door de)?$"),
    re.compile(r"^regering gegeven antwoorden$"),
    re.compile(r"^(?:ah|kv)-(?:tk|ek)-\S+$"),
    re.compile(r"^ISSN 0921\s*-\s*7398.*$"),
    re.compile(r"^[’'`]s-Gravenhage \d{4}\b.*$"),
    re.compile(rf"^{_RUNNING_FOOTER.pattern}"),
]
_LONE_INT = re.compile(r"^\d{1,4}$")
_ANY_FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p in _FURNITURE))  # one match instead of nine
_HEADER_FACT = re.compile(r"^AH\s+(\d{1,4})$|^(20\d\d)\s?Z\s?(\d{5})$")
_PUB_ID = re.compile(r"^((?:ah|kv)-(?:tk|ek)-\S+)$")
_VERGADERJAAR = re.compile(r"[Vv]ergaderjaar")
_FOOTER_START = re.compile(r"^(?:Tweede|Eerste) Kamer,|^ISSN|^[’'`]s-Gravenhage")


@dataclass(slots=True)
class Meta:
    """Header facts read from page furniture."""

    chamber: Chamber | None = None
    session: str | None = None
    number: int | None = None
    pub_id: str | None = None
    zaak: str | None = None


def _is_footer(s: str) -> bool:
    return bool(_RUNNING_FOOTER.search(s)) and bool(_FOOTER_START.match(s))


def classify_furniture(lines: list[Line]) -> Meta:
    """Mark page furniture and read the facts it carries (session, number, id, chamber, zaak)."""
    meta = Meta()
    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        s = line.stripped
        if not _ANY_FURNITURE.match(s):
            continue
        line.kind = "furniture"
        if "Kamer der Staten-Generaal" in s:
            meta.chamber = Chamber.EERSTE_KAMER if s.startswith("Eerste") else Chamber.TWEEDE_KAMER
        if m := _PUB_ID.match(s):
            meta.pub_id = meta.pub_id or m.group(1)
        if meta.session is None and _VERGADERJAAR.search(s):
            meta.session = grammar.normalise_session(s)
        _mark_header_numbers(lines, i)
        if _is_footer(s):
            _mark_page_number(lines, i)
    for line in lines:
        if line.kind != "body" or not (m := _HEADER_FACT.match(line.stripped)):
            continue
        line.kind = "furniture"
        if m.group(1):
            meta.number = int(m.group(1))
        else:
            meta.zaak = meta.zaak or f"{m.group(2)}Z{m.group(3)}"
    return meta


_HEADER_TOP = re.compile(r"^(?:Tweede|Eerste) Kamer der Staten-Generaal$|^Vergaderjaar")


def _mark_header_numbers(lines: list[Line], i: int) -> None:
    s = lines[i].stripped
    if _HEADER_TOP.match(s):
        # pdftotext prints the header's page-column "2" on a line of its own
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].kind == "blank":
                continue
            if lines[j].stripped == "2":
                lines[j].kind = "furniture"
            break


def _mark_page_number(lines: list[Line], i: int) -> None:
    """The page number pdftotext prints below the running footer, as the last line of the page."""
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].kind == "blank":
            continue
        if lines[j].page == lines[i].page and _LONE_INT.match(lines[j].stripped):
            rest = [ln for ln in lines[j + 1 : j + 4] if ln.kind != "blank"]
            if not rest or rest[0].page != lines[j].page:
                lines[j].kind = "furniture"
        break


def _number_before_heading(lines: list[Line], head: int) -> int | None:
    """The Aanhangsel number printed on a line of its own just above the heading."""
    for j in range(head - 1, max(-1, head - 5), -1):
        line = lines[j]
        if line.kind == "blank":
            continue
        s = line.stripped
        if _LONE_INT.match(s) and line.kind in ("body", "furniture"):
            line.kind = "furniture"
            return int(s)
        if line.kind != "furniture":
            return None
    return None


def _page_ends(lines: list[Line]) -> list[int]:
    """Indices of the running-footer lines that close the pages."""
    return [i for i, ln in enumerate(lines) if ln.kind == "furniture" and _is_footer(ln.stripped)]


# --- footnotes ----------------------------------------------------------------------------------

_FN_TEXT_START = re.compile(r"(?:h?ttps?:|www\.|[A-ZÀ-Ý«“\"'‘(\[]|[a-z][\w.-]*\.(?:nl|com|org|eu|int|gov)\b)")


_FN_BRACKETED = re.compile(r"^(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})\))\s*(?=\S)")
_FN_NUMBER = re.compile(r"^(\d{1,3})\s?(?=\S)")


def _fn_label(s: str) -> tuple[int, int] | None:
    """(number, offset of the footnote text) when a line starts like a footnote body or is a bare number.

    >>> _fn_label("2Kamerstukken II 2021–2022"), _fn_label("1) AD, 18 november"), _fn_label("3"), _fn_label("1 januari 2015")
    ((2, 1), (1, 3), (3, 1), None)
    """
    if not (s[:1].isdecimal() or s[:1] in ("[", "(")):
        return None  # (every form starts with a digit or a bracket)
    if _LONE_INT.match(s):
        return (int(s), len(s)) if len(s) <= 3 else None
    if m := _FN_BRACKETED.match(s):
        return int(m.group(1) or m.group(2) or m.group(3)), m.end()
    m = _FN_NUMBER.match(s)
    if m and _FN_TEXT_START.match(s, m.end()):
        return int(m.group(1)), m.end()
    return None


def _is_label_line(s: str) -> bool:
    return bool(_is_label(s) or _HEADING_RE.match(s) or _ANSWER_LINE_RE.match(s))


def _zone(lines: list[Line], i: int, end: int) -> list[int]:
    """The lines of a footnote zone starting at `i`: to the page end, or to where indented running text resumes."""
    out: list[int] = []
    seen_text = False
    for j in range(i, end):
        ln = lines[j]
        if ln.kind in ("blank", "furniture"):
            out.append(j)
            continue
        if ln.kind != "body":
            break
        if seen_text and ln.text[:1] in (" ", "\t") and not _fn_label(ln.stripped):
            break  # the seed layout: running text resumes, indented, after the footnote
        seen_text = True
        out.append(j)
    while out and lines[out[-1]].kind in ("blank", "furniture"):
        out.pop()
    return out


def _zone_ok(lines: list[Line], zone: list[int], expected: int) -> bool:
    """A plausible footnote zone: no block labels, distinct numbers just above the last one, some text."""
    numbers: list[int] = []
    text_lines = 0
    for j in zone:
        ln = lines[j]
        if ln.kind != "body":
            continue
        s = ln.stripped
        if _is_label_line(s):
            return False
        lab = _fn_label(s)
        if lab and expected <= lab[0] <= expected + 40:
            if lab[0] in numbers:
                return False
            numbers.append(lab[0])
            if lab[1] < len(s):
                text_lines += 1
        elif _LONE_INT.match(s) and len(s) <= 3:
            return False
        else:
            text_lines += 1
    return text_lines > 0


def _split_score(prev: str, nxt: str, width: int) -> float:
    """How likely a new footnote body starts at `nxt` after `prev` (numbers printed apart)."""
    score = 0.0
    if re.match(r"(?:h?ttps?:|www\.|[A-ZÀ-Ý«“\"'‘(\d])", nxt):
        score += 2
    if re.search(r"[.)»”]$|\.pdf$|\.html?$|\)\.?$", prev) or (re.search(r"https?://\S+$", prev) and not prev.endswith(("/", "-", "_"))):
        score += 1.5
    if len(prev) < 0.7 * width:
        score += 1
    if prev.endswith(("-", ",", "/", "_", "|", "–")) or nxt[:1].islower():
        score -= 4
    return score


def _split_bodies(body: list[Line], count: int, width: int) -> list[list[Line]]:
    """Cut the lines of several footnotes printed after their numbers into `count` bodies."""
    if count <= 1 or len(body) <= 1:
        return [body]
    scored = sorted(range(1, len(body)), key=lambda k: (-_split_score(body[k - 1].stripped, body[k].stripped, width), k))
    cuts = sorted(scored[: count - 1])
    parts, prev = [], 0
    for c in cuts:
        parts.append(body[prev:c])
        prev = c
    parts.append(body[prev:])
    return parts


def _assign_zone(lines: list[Line], zone: list[int], expected: int, notes: dict[int, list[Line]], width: int) -> list[int]:
    """Give each footnote number of a zone its lines; numbers printed apart get the text after them.

    A group of text lines belongs to the numbers from the one printed before it up to the one before
    the next group, so "9 / text / text / 11 / text / 10" gives 9 and 10 the two lines after 9.
    """
    groups: list[tuple[int, list[Line]]] = []
    pending: list[int] = []
    seen: list[int] = []
    for j in zone:
        ln = lines[j]
        if ln.kind != "body":
            continue
        s = ln.stripped
        lab = _fn_label(s)
        if lab and expected <= lab[0] <= expected + 40 and lab[0] not in seen:
            n, off = lab
            seen.append(n)
            ln.kind = "footnote"
            if off < len(s):
                lead = len(ln.text) - len(ln.text.lstrip())
                groups.append((min([n, *pending]) if pending else n, [Line(ln.start + lead + off, ln.end, s[off:], ln.page, "footnote")]))
                pending = []
            else:
                pending.append(n)
            continue
        ln.kind = "footnote"
        if pending:
            groups.append((min(pending), [ln]))
            pending = []
        elif groups:
            groups[-1][1].append(ln)
    if not seen:
        return []
    top = max(seen)
    for gi, (start, body) in enumerate(groups):
        nxt = groups[gi + 1][0] if gi + 1 < len(groups) else top + 1
        numbers = [k for k in sorted(seen) if start <= k < nxt] or [start]
        for k, part in zip(numbers, _split_bodies(body, len(numbers), width), strict=False):
            if k not in notes:
                notes[k] = part
    return seen


def _page_ranges(lines: list[Line]) -> list[tuple[int, int]]:
    ends = _page_ends(lines)
    ranges, prev = [], 0
    for e in ends:
        ranges.append((prev, e))
        prev = e + 1
    ranges.append((prev, len(lines)))
    return ranges


_CAPITAL = re.compile(r"[A-ZÀ-Ý]")


def _fallback_note(lines: list[Line], a: int, b: int, expected: int) -> list[Line] | None:
    """pdftotext may print a footnote number inside a table: take a final URL paragraph whose marker is on the page."""
    tail: list[Line] = []
    for j in range(b - 1, a - 1, -1):
        ln = lines[j]
        if ln.kind == "furniture":
            continue
        if ln.kind == "blank":
            if tail:
                break
            continue
        if ln.kind != "body":
            return None
        tail.insert(0, ln)
    if not tail or not _CAPITAL.match(tail[0].stripped) or not find_urls(" ".join(ln.stripped for ln in tail)):
        return None
    in_tail = {id(ln) for ln in tail}  # (lines at different offsets are different lines)
    page_text = "\n".join(ln.text for ln in lines[a:b] if ln.kind == "body" and id(ln) not in in_tail)
    if not re.search(rf"(?<=[^\s\d]){expected}(?=[\s.,;:!?)»]|$)", page_text, re.M):
        return None
    return tail


def find_footnotes(lines: list[Line], text: str = "", flavour: str = "plain", lexicon: Lexicon | None = None) -> list[Footnote]:
    """Lift footnote bodies out of the running text, page by page, numbering them in sequence."""
    notes: dict[int, list[Line]] = {}
    expected = 1
    fn_lengths = []
    for a, b in _page_ranges(lines):
        i = a
        found = False
        while i < b:
            ln = lines[i]
            lab = _fn_label(ln.stripped) if ln.kind == "body" else None
            if lab is None or lab[0] != expected:
                i += 1
                continue
            zone = _zone(lines, i, b)
            if not zone or not _zone_ok(lines, zone, expected):
                i += 1
                continue
            seen = _assign_zone(lines, zone, expected, notes, 95)
            if not seen:
                i += 1
                continue
            found = True
            expected = max(seen) + 1
            i = zone[-1] + 1
        if not found and flavour == "pdftotext" and (tail := _fallback_note(lines, a, b, expected)):
            for ln in tail:
                ln.kind = "footnote"
            notes[expected] = tail
            expected += 1
    for body in notes.values():
        fn_lengths += [len(ln.stripped) for ln in body]
    width = max(80, min(110, _percentile(fn_lengths, 0.75, 95)))
    lex = lexicon or Lexicon.from_text(text)
    vocab = lex.vocabulary()
    out = []
    for n in sorted(notes):
        body = notes[n]
        if not body:
            continue
        parts = [unglue(ln.stripped, lex, width) if flavour == "extract" else ln.stripped for ln in body]
        raw = tidy(join_lines(parts, vocab))
        printed = find_urls(raw)
        urls = printed
        if flavour == "pdftotext":
            urls = [_restore_url(u, body, lex, width) for u in printed]
            raw = _replace_urls(raw, printed, urls)
        out.append(Footnote(n, raw, tuple(urls), Span(body[0].start, body[-1].end)))
    return out


def _restore_url(url: str, body: list[Line], lex: Lexicon, width: int) -> str:
    """Restore hyphens pdftotext dropped in a URL broken over lines (it joins 'a-\\nb' as 'ab').

    Only URLs on an over-long line (where pdftotext joined physical lines) are repaired.
    """
    for ln in body:
        s = ln.stripped
        if len(s) > width * 0.9 and (url[:25] in s or url[-25:] in s):
            return restore_url_hyphen(url, lex)
    return url


def _replace_urls(text: str, old: list[str], new: list[str]) -> str:
    for a, b in zip(old, new, strict=False):
        if a != b:
            text = text.replace(a, b)
    return text


# --- structure ----------------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^\s*(?:Mondelinge\s+)?[Vv]ra(?:gen|ag)\s+van\s+(?:het|de)\s+(?:lid|leden)\b")
_ANSWER_LINE_RE = re.compile(
    r"^\s*(?:(?:Nader\s+)?[Aa]ntwoord|[Mm]ededeling)\s+(?:van|namens)\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatss?ecretaris)"
)
_NUMS = r"(\d{1,3}(?:\s*(?:,|en|t/m|-|–|\s)\s*\d{1,3})*)"
_Q_LABEL = re.compile(rf"^\s*(?:Vraag|Vragen)\s+{_NUMS}\s*[.:]?\s*$")
_A_LABEL = re.compile(rf"^\s*(?:Antwoord(?:en)?|Reactie)(?:\s+op)?(?:\s+(?:de\s+)?(?:vraag|vragen))?\s+{_NUMS}\s*[.:]?\s*$", re.I)
_A_BARE = re.compile(r"^\s*Antwoord(?:en)?\s*:?\s*$")
_NOTICE_LABEL = re.compile(r"^\s*Mededeling\s*:?\s*$")
_TOELICHTING = re.compile(r"^\s*Toelichting\s*:?\s*$")
_NUMBERED_Q = re.compile(r"^\s*(\d{1,3})(?:[.)]\s*|\s+)(?=\S)(.*)$")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")
# every block label starts so (case aside): a cheap test before the label patterns
_LABEL_START = re.compile(r"\s*(?:vra|antw|reac|mededeling|toelichting)", re.I)


def looks_like_aanhangsel(text: str) -> bool:
    """Does this text read like a written-question publication (heading, labels or answer line)?"""
    head = text[:20000]
    return bool(
        re.search(r"(?m)^\s*(?:Mondelinge\s+)?[Vv]ra(?:gen|ag)\s+van\s+(?:het|de)\s+(?:lid|leden)\b", head)
        or re.search(r"(?m)^\s*(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatss?ecretaris)", head)
        or (re.search(r"(?m)^\s*Vraag\s+1\s*$", head) and re.search(r"(?m)^\s*(?:Vraag|Antwoord)\s+\d", head[200:] or "x"))
    )


@dataclass(slots=True)
class Block:
    label: str  # question | answer | notice | toelichting | preamble
    numbers: tuple[int, ...]
    lines: list[Line]
    label_line: Line | None


def _span_of(lines: list[Line]) -> Span | None:
    real = [ln for ln in lines if ln.kind != "blank"]
    return Span(real[0].start, real[-1].end) if real else None


def _sentence(lines: list[Line]) -> str:
    return _joined_with_offsets(lines)[0]


_EN_OF = re.compile(r"^(?:en|of)\b")


def _joined_with_offsets(lines: list[Line]) -> tuple[str, list[int]]:
    """Join lines with single spaces (undoing line-end hyphens); per character, its offset in the source.

    >>> _joined_with_offsets([Line(0, 8, " Vragen  ", 0), Line(9, 19, "van het  lid", 0)])
    ('Vragen van het lid', [1, 2, 3, 4, 5, 6, 9, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20])
    """
    chars: list[str] = []
    offs: list[int] = []
    for ln in lines:
        s = ln.text
        lead = len(s) - len(s.lstrip())
        s = s.strip()
        base = ln.start + lead
        if chars:
            if chars[-1] == "-" and len(chars) > 1 and chars[-2].isalpha() and s[:1].islower() and not _EN_OF.match(s):
                chars.pop()
                offs.pop()
            else:
                chars.append(" ")
                offs.append(base)
        # each run of white space inside the line becomes one space, at the offset of its first character
        prev_end = 0
        for m in _NON_SPACE.finditer(s):
            a, b = m.span()
            if a:
                chars.append(" ")
                offs.append(base + prev_end)
            chars.extend(m.group(0))
            offs.extend(range(base + a, base + b))
            prev_end = b
    return "".join(chars), offs


_NON_SPACE = re.compile(r"\S+")


def _align(original: str, offs: list[int], repaired: str) -> list[int]:
    """Offsets for `repaired`, a copy of `original` with only spaces added or removed.

    Runs the two strings share are taken whole; character by character only where they differ.

    >>> _align("Sportover de", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "Sport over de")
    [0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11]
    """
    out: list[int] = []
    i = j = 0
    n = len(original)
    while j < len(repaired):
        run = _common_run(original, i, repaired, j)
        if run:
            out += offs[i : i + run]
            i += run
            j += run
            continue
        c = repaired[j]
        while i < n and original[i] != c and original[i] == " ":
            i += 1
        if i < n and original[i] == c:
            out.append(offs[i])
            i += 1
        else:
            out.append(offs[min(i, len(offs) - 1)] if offs else 0)
        j += 1
    return out


def _common_run(a: str, i: int, b: str, j: int) -> int:
    """How many characters `a[i:]` and `b[j:]` share from the start (by halving: slices compare fast)."""
    lo, hi = 0, min(len(a) - i, len(b) - j)
    if a[i : i + hi] == b[j : j + hi]:
        return hi
    while hi - lo > 1:  # a[i:i+lo] == b[j:j+lo], and they differ within hi
        mid = (lo + hi) // 2
        if a[i : i + mid] == b[j : j + mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _find_span(sentence: str, offs: list[int], needle: str | None, start: int = 0) -> tuple[Span | None, int]:
    """The source span of `needle` found in `sentence` at or after `start` (and where to search next)."""
    if not needle:
        return None, start
    k = sentence.find(needle, start)
    if k < 0:
        k = sentence.lower().find(needle.lower(), start)
    if k < 0:
        last = needle.split()[-1]
        k = sentence.find(last, start)
        if k < 0:
            return None, start
        needle = last
    end = k + len(needle)
    return Span(offs[k], offs[end - 1] + 1), end


def _take_heading(lines: list[Line], i: int, flavour: str) -> list[Line]:
    """The heading lines: from 'Vragen van' to the '(ingezonden …)' that closes it."""
    out: list[Line] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "blank":
            if (out and (flavour == "word" or re.search(r"[.)]\s*$", out[-1].text))) or len(out) >= 6:
                break
            j += 1
            continue
        if ln.kind != "body":
            j += 1
            continue
        if out and (_ANSWER_LINE_RE.match(ln.text) or _is_label(ln.text) or (_NUMBERED_Q.match(ln.text) and flavour == "word")):
            break
        out.append(ln)
        joined = " ".join(x.stripped for x in out)
        if re.search(r"\(\s*[Il1]ngezonden\b[^)]*\d{4}\s*\)", joined, re.I):
            # "(ingezonden 6 maart\n2024)." closes; "(Hartvannederland.nl, 16 november 2024 )" on the next line does not
            break
        if len(out) > 12:
            break
        j += 1
    return out


def _take_answer_line(lines: list[Line], i: int) -> list[Line]:
    out: list[Line] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "blank":
            nxt = next((x for x in lines[j + 1 : j + 4] if x.kind != "blank"), None)
            if nxt is not None and re.match(r"^\s*Zie\s+ook\b", nxt.text):
                j += 1
                continue
            if out and not re.search(r"(?:Zie\s+ook|vergaderjaar|Handelingen|Aanhangsel|,)\s*$", out[-1].stripped):
                break
            j += 1
            continue
        if ln.kind != "body":
            j += 1
            continue
        if out and (_is_label(ln.text) or _HEADING_RE.match(ln.text)):
            break
        joined = " ".join(x.stripped for x in out)
        if out and re.search(r"[Oo]ntvangen[^)]*\d{4}\s*\)", joined) and not re.match(
            r"^\s*(?:Zie|Handelingen|Aanhangsel|vergaderjaar|\d{4}|nr\.?)", ln.text
        ) and not re.search(r"(?:Zie\s+ook|Aanhangsel|Handelingen|vergaderjaar\s*\S*|,)\s*$", joined):
            break
        if out and re.search(r"\bnr\.?\s*\d+\.?\s*$", joined):
            break
        out.append(ln)
        if len(out) > 8:
            break
        j += 1
    return out


def _before_first_label(lines: list[Line], i: int) -> bool:
    """The answer line stands above the first question label (a 'Mededeling van' later is body)."""
    first = next((k for k, ln in enumerate(lines) if ln.kind == "body" and _is_label(ln.text)), None)
    return first is None or i < first


def _is_label(s: str) -> bool:
    return bool(_Q_LABEL.match(s) or _A_LABEL.match(s) or _NOTICE_LABEL.match(s) or _A_BARE.match(s))


def _next_body(lines: list[Line], i: int) -> Line | None:
    return next((ln for ln in lines[i + 1 :] if ln.kind == "body"), None)


def _label_of(s: str) -> tuple[str, tuple[int, ...]] | None:
    """The block label a line is, with its question numbers: ('answer', (3, 4)) for "Antwoord 3 en 4".

    >>> _label_of("Vraag 2"), _label_of("Antwoord op vraag 3 en 4"), _label_of("Vragen over het bericht")
    (('question', (2,)), ('answer', (3, 4)), None)
    """
    if not _LABEL_START.match(s):
        return None  # (the patterns below are only tried on lines that may hold a label)
    if m := _Q_LABEL.match(s):
        return "question", grammar.parse_numbers(m.group(1))
    if m := _A_LABEL.match(s):
        return "answer", grammar.parse_numbers(m.group(1))
    if _A_BARE.match(s):
        return "answer", ()
    if _NOTICE_LABEL.match(s):
        return "notice", ()
    if _TOELICHTING.match(s):
        return "toelichting", ()
    return None


def _blocks(lines: list[Line], flavour: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    numbered_mode = not any(ln.kind == "body" and _Q_LABEL.match(ln.text) for ln in lines)
    last_q = 0
    for idx, ln in enumerate(lines):
        if ln.kind not in ("body", "blank"):
            continue
        s = ln.text
        if ln.kind == "body":
            label = _label_of(s)
            if label is not None:
                current = Block(label[0], label[1], [], ln)
                blocks.append(current)
                ln.kind = "label"
                if label[0] == "question" and label[1]:
                    last_q = max(last_q, max(label[1]))
                continue
            if numbered_mode and (q := _numbered_question(lines, idx, last_q, current)):
                last_q, rest = q
                current = Block("question", (last_q,), [], ln)
                blocks.append(current)
                if rest is not None:
                    current.lines.append(Line(rest, ln.end, ln.text[rest - ln.start :], ln.page))
                ln.kind = "label"
                continue
        if current is None:
            if ln.kind == "body":
                current = Block("preamble", (), [], None)
                blocks.append(current)
            else:
                continue
        current.lines.append(ln)
    return blocks


def _numbered_question(lines: list[Line], idx: int, last_q: int, current: Block | None) -> tuple[int, int | None] | None:
    """A question numbered '3.' / '3)' / a bare '3' line, when 3 is the next number (no 'Vraag N' labels)."""
    ln = lines[idx]
    prev = next((lines[k] for k in range(idx - 1, -1, -1) if lines[k].kind != "blank"), None)
    starts_paragraph = prev is None or prev.kind in ("label", "heading", "answerline", "furniture", "footnote") or lines[idx - 1].kind == "blank"
    if not starts_paragraph and not (prev is not None and re.search(r"[.?!:»”)]\s*$", prev.text)):
        return None
    if m := _BARE_NUMBER.match(ln.text):
        nxt = _next_body(lines, idx)
        if int(m.group(1)) == last_q + 1 and nxt is not None and not _is_label(nxt.text) and not _BARE_NUMBER.match(nxt.text):
            return last_q + 1, None
        return None
    m = _NUMBERED_Q.match(ln.text)
    if not m or int(m.group(1)) != last_q + 1 or not re.match(r"[A-ZÀ-Ý«“\"'‘(]", m.group(2)):
        return None
    if current is not None and current.label == "answer" and not re.search(r"\?", ln.text + " ".join(x.text for x in lines[idx + 1 : idx + 4])):
        return None  # a numbered list inside an answer
    return last_q + 1, ln.start + m.start(2)


def _paragraph_lines(lines: list[Line], flavour: str, width: int, lex: Lexicon) -> list[Line]:
    """The block's lines with a blank line where a paragraph ends, and glue undone.

    Word text marks paragraphs with blank lines. In hard-wrapped text (pdftotext, extracts) blank lines
    only surround page furniture and footnotes, so paragraph ends are inferred from the line shape.
    """
    body = [ln for ln in lines if ln.kind in ("body", "blank")]
    if flavour == "word":
        return body
    out: list[Line] = []
    text_lines = [ln for ln in body if ln.kind == "body"]
    # plain text (like the seed) marks paragraphs with blank lines of its own; keep those too
    blank_after = {id(body[i - 1]) for i in range(1, len(body)) if body[i].kind == "blank" and body[i - 1].kind == "body"} if flavour == "plain" else set()
    for k, ln in enumerate(text_lines):
        keep_blank = id(ln) in blank_after
        if flavour == "extract":
            ln = Line(ln.start, ln.end, unglue(ln.stripped, lex, width), ln.page, ln.kind)
        out.append(ln)
        if k + 1 < len(text_lines) and (keep_blank or _ends_paragraph(text_lines[k].stripped, text_lines[k + 1].stripped, width, flavour)):
            out.append(Line(ln.end, ln.end, "", ln.page, "blank"))
    return out


_LIST_ITEM = re.compile(r"^(?:[•·▪–—*-]|\d{1,2}[.)])\s")
_SENTENCE_END = re.compile(r"[.?!:;][»”’\"')]*$")
_PARAGRAPH_START = re.compile(r"[A-ZÀ-Ý0-9«“\"'‘(]")


def _ends_paragraph(line: str, nxt: str, width: int, flavour: str) -> bool:
    """Does a hard-wrapped line end its paragraph? A short line ending a sentence, or a list item next.

    >>> _ends_paragraph("gemeenten.", "In aanvulling op deze minimale dataset kunnen", 75, "plain")
    True
    >>> _ends_paragraph("bijvoorbeeld in het kader van de ontwikkeling van regiovisies van de VNG.", "Best practices", 75, "plain")
    False
    """
    if _LIST_ITEM.match(nxt):
        return True
    if not _SENTENCE_END.search(line) or not _PARAGRAPH_START.match(nxt):
        return False
    length = len(line)
    if length > width * 1.15:
        if flavour == "extract":
            return True
        length = length - width  # pdftotext joined a hyphenated line: the second part ends the paragraph
    return length < width * 0.85


def _records(
    blocks: list[Block], markers: MarkerState, words: Container[str], flavour: str, width: int, lex: Lexicon
) -> tuple[list[Question], list[Answer], str | None]:
    questions: list[Question] = []
    answers: list[Answer] = []
    notice_text = None
    last_question_numbers: tuple[int, ...] = ()
    for b in blocks:
        lines = _paragraph_lines(b.lines, flavour, width, lex)
        text = clean_block(lines, markers, words)
        span = _span_of(b.lines) or (Span(b.label_line.start, b.label_line.end) if b.label_line else None)
        if b.label_line is not None and span is not None:
            span = Span(min(span.start, b.label_line.start), span.end)
        if b.label == "question":
            if not b.numbers:
                continue
            # a number printed twice is kept as printed (the publication's own numbering)
            questions.append(Question(b.numbers[0], text, span))
            last_question_numbers = b.numbers
        elif b.label == "answer":
            nums = b.numbers or last_question_numbers or ((questions[-1].number,) if questions else ())
            if not text:
                continue
            answers.append(Answer(tuple(nums), text, span))
        elif b.label == "notice":
            notice_text = text
        elif b.label == "preamble" and text:
            notice_text = notice_text or text
    return questions, answers, notice_text


def _unnumbered_questions(blocks: list[Block], flavour: str) -> list[Block]:
    """Questions printed as plain paragraphs (Word versions of open questions): one question a paragraph."""
    if flavour != "word" or any(b.label in ("question", "answer") for b in blocks):
        return blocks
    out: list[Block] = []
    n = 0
    for b in blocks:
        if b.label != "preamble":
            out.append(b)
            continue
        para: list[Line] = []
        for ln in [*b.lines, Line(0, 0, "", 0, "blank")]:
            if ln.kind == "blank":
                if para:
                    n += 1
                    out.append(Block("question", (n,), para, None))
                    para = []
                continue
            para.append(ln)
    return out


def parse_text(text: str, *, source: str | None = None, reader: str = "text") -> Document:
    """Parse a written-question publication in the Aanhangsel text layout into a `Document`.

    Raises `NotAWrittenQuestion` when the text has neither a heading, an answer line nor 'Vraag N' labels.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = split_lines(text)
    meta = classify_furniture(lines)
    flavour = detect_flavour(text, lines)
    lex = Lexicon.from_text(text)
    footnotes = find_footnotes(lines, text, flavour, lex)
    head_lines: list[Line] = []

    head_i = next((i for i, ln in enumerate(lines) if ln.kind == "body" and _HEADING_RE.match(ln.text)), None)
    if head_i is not None and not _heading_near_top(lines, head_i):
        head_i = None
    heading = None
    title_span = None
    askers: tuple[Member, ...] = ()
    addressees: tuple[Office, ...] = ()
    if head_i is not None:
        number = _number_before_heading(lines, head_i)
        if number is not None and meta.number is None:
            meta.number = number
        head_lines = _take_heading(lines, head_i, flavour)
        for ln in head_lines:
            ln.kind = "heading"
        raw, raw_offs = _joined_with_offsets(head_lines)
        sentence = grammar.repair_glue(raw)
        offsets = _align(raw, raw_offs, sentence)
        heading = grammar.parse_heading(sentence)
        if heading.title_offset:
            a, b = heading.title_offset
            title_span = Span(offsets[a], offsets[b - 1] + 1) if 0 <= a < b <= len(offsets) else None
        askers, addressees = _heading_people(heading, sentence, offsets)
    date_submitted = heading.date_submitted if heading else None
    if date_submitted is None:
        # "(ingezonden 20 november 2024)" printed apart, before the heading (Word versions)
        for ln in lines:
            if ln.kind == "body" and (m := re.match(r"^\s*\(\s*ingezonden\s+([^)]*)\)\s*\.?\s*$", ln.text, re.I)):
                date_submitted = grammar.parse_date(m.group(1))
                ln.kind = "furniture"
                break

    ans_i = next((i for i, ln in enumerate(lines) if ln.kind == "body" and _ANSWER_LINE_RE.match(ln.text)), None)
    answer_line = None
    answerers: tuple[Official, ...] = ()
    on_behalf: tuple[Official, ...] = ()
    see_also: tuple[SeeAlso, ...] = ()
    if ans_i is not None and _before_first_label(lines, ans_i):
        al_lines = _take_answer_line(lines, ans_i)
        for ln in al_lines:
            ln.kind = "answerline"
        raw, raw_offs = _joined_with_offsets(al_lines)
        sentence = grammar.repair_glue(raw)
        offsets = _align(raw, raw_offs, sentence)
        answer_line = grammar.parse_answer_line(sentence)
        answerers, on_behalf, see_also = _answer_people(answer_line, sentence, offsets)

    width = _body_width(lines, head_lines)
    blocks = _blocks(lines, flavour)
    if heading is None and answer_line is None and not any(b.label_line is not None and _Q_LABEL.match(b.label_line.text) for b in blocks):
        raise NotAWrittenQuestion(
            "no 'Vragen van het lid …' heading, no 'Antwoord van …' line and no 'Vraag N' labels",
            source=source,
            hint="kg reads written questions (Kamervragen) from the Aanhangsel van de Handelingen",
        )
    if heading is not None:
        blocks = _unnumbered_questions(blocks, flavour)
    markers = MarkerState(f.number for f in footnotes)
    words = lex.vocabulary()
    if heading is not None and heading.title:
        heading = dataclasses.replace(heading, title=tidy(markers.strip(heading.title)))
    questions, answers, notice_text = _records(blocks, markers, words, flavour, width, lex)
    kind = Kind.QUESTIONS
    if answer_line is not None:
        kind = Kind.NOTICE if answer_line.notice else Kind.ANSWER
    elif answers:
        kind = Kind.ANSWER
    elif any(b.label == "notice" for b in blocks):
        kind = Kind.NOTICE
    if kind == Kind.NOTICE:
        answers = []

    title = heading.title if heading else None
    date_answered = answer_line.date_answered if answer_line else None
    if kind == Kind.NOTICE and notice_text:
        notice = grammar.parse_notice(notice_text, date_answered)
        if heading is None:
            askers, addressees, title = notice.askers, notice.addressees, notice.title
            date_submitted = date_submitted or notice.date_submitted
        meta.zaak = meta.zaak or notice.zaak
    session = meta.session
    number = meta.number
    chamber = meta.chamber or Chamber.TWEEDE_KAMER
    if session is None:
        session = grammar.session_for_date(date_answered or date_submitted) or _session_from_text(text)
    if meta.pub_id and number is None and (m := re.match(r"^ah-(?:tk|ek)-\d{8}-(\d+)$", meta.pub_id)):
        number = int(m.group(1))
    if kind == Kind.QUESTIONS and meta.zaak is None and meta.pub_id and (m := re.match(r"^kv-tk-(\d{4}Z\d{5})$", meta.pub_id)):
        meta.zaak = m.group(1)
    pub_id = _publication_id(meta, session, number, kind, chamber)
    return Document(
        kind=kind,
        id=pub_id,
        chamber=chamber,
        session=session,
        number=number if kind != Kind.QUESTIONS else None,
        zaak=meta.zaak,
        title=title,
        date_submitted=date_submitted,
        date_answered=date_answered,
        askers=tuple(askers),
        addressees=tuple(addressees),
        answerers=answerers,
        on_behalf_of=on_behalf,
        see_also=see_also,
        questions=tuple(questions),
        answers=tuple(answers),
        footnotes=tuple(footnotes),
        source=source,
        text=text,
        title_span=title_span,
        reader=reader,
    )


def _heading_near_top(lines: list[Line], head_i: int) -> bool:
    """The heading opens the publication: at most a few lines of body text stand above it."""
    before = [ln for ln in lines[:head_i] if ln.kind == "body"]
    return len(before) <= 6


def _heading_people(heading: grammar.Heading, sentence: str, offs: list[int]) -> tuple[tuple[Member, ...], tuple[Office, ...]]:
    """Askers and addressees with their spans in the source."""
    members: list[Member] = []
    pos = 0
    for m in heading.askers:
        span, pos = _find_span(sentence, offs, m.name, pos)
        members.append(dataclasses.replace(m, span=span))
    offices: list[Office] = []
    aan = re.search(r"\s(?:aan|tot)\s+(?:de|het)\s", sentence)
    pos = aan.end() if aan else pos
    for o in heading.addressees:
        span, nxt = _find_span(sentence, offs, o.portfolio or str(o.role), pos)
        role_span, _ = _find_span(sentence, offs, str(o.role).lower()[:8], pos)
        if span is not None and role_span is not None and role_span.start < span.start and span.start - role_span.start < 80:
            span = Span(role_span.start, span.end)
        offices.append(dataclasses.replace(o, span=span))
        pos = nxt
    return tuple(members), tuple(offices)


def _answer_people(
    line: grammar.AnswerLine, sentence: str, offs: list[int]
) -> tuple[tuple[Official, ...], tuple[Official, ...], tuple[SeeAlso, ...]]:
    """Answerers, on-behalf-of offices and see-also references with their spans in the source."""

    def locate(people: Iterable[Official], pos: int) -> tuple[list[Official], int]:
        out = []
        for o in people:
            span, pos2 = _find_span(sentence, offs, o.name or o.portfolio or str(o.role), pos)
            out.append(dataclasses.replace(o, span=span))
            pos = max(pos, pos2)
        return out, pos

    answerers, pos = locate(line.answerers, 0)
    behalf, pos = locate(line.on_behalf_of, pos)
    see: list[SeeAlso] = []
    for s in line.see_also:
        zie = re.search(r"Zie\s+ook\b.*", sentence[pos:], re.I)
        span = None
        if zie:
            a, b = pos + zie.start(), pos + zie.end()
            span = Span(offs[a], offs[b - 1] + 1)
        see.append(dataclasses.replace(s, span=span))
    return tuple(answerers), tuple(behalf), tuple(see)


def _session_from_text(text: str) -> str | None:
    m = re.search(r"[Vv]ergaderjaar\s+(\d{4}\s*[-\u2010-\u2015/]\s*\d{2,4})", text)
    return grammar.normalise_session(m.group(1)) if m else None


def _publication_id(meta: Meta, session: str | None, number: int | None, kind: Kind, chamber: Chamber) -> str | None:
    if meta.pub_id:
        return meta.pub_id
    if kind == Kind.QUESTIONS and meta.zaak:
        return f"kv-tk-{meta.zaak}"
    if number is not None and session:
        house = "ek" if chamber == Chamber.EERSTE_KAMER else "tk"
        return f"ah-{house}-{session.replace('-', '')}-{number}"
    return None
