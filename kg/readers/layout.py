"""The Aanhangsel layout as plain text (pdftotext, PDF extracts, Word text) → `Document`.

The text is cut into lines that keep their offsets; page furniture (headers, footers, the first-page
box) is recognised and set aside, footnote bodies are lifted out of the running text, the heading
and answer line are parsed with `kg.readers.grammar`, and the rest is split into labelled blocks
("Vraag 3, 4 en 5", "Antwoord 2", "Mededeling") whose text is cleaned: end-of-line hyphenation
undone (real hyphens kept), footnote markers removed, paragraphs kept as blank lines.

>>> doc = parse_text(SAMPLE)
>>> doc.kind.value, doc.askers[0].name, doc.questions[0].text, doc.answers[0].questions
('answer', 'Ypma', 'Kent u het rapport?', (1,))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import DuplicateQuestion, NotAWrittenQuestion
import dataclasses

from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Question, Span
from kg.readers import grammar
from kg.readers.textutil import MarkerState, clean_block, find_urls

__all__ = ["SAMPLE", "looks_like_aanhangsel", "parse_text"]

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
    kind: str = "body"  # body | blank | furniture | footnote | marker | heading | answerline | label

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; a form feed starts a new page."""
    lines: list[Line] = []
    pos, page = 0, 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start = pos
        while body.startswith("\f"):
            page += 1
            body = body[1:]
            start += 1
        body = body.replace("\f", " ")
        line = Line(start, start + len(body), body, page)
        if not body.strip():
            line.kind = "blank"
        lines.append(line)
        pos += len(raw)
    return lines


# --- furniture ----------------------------------------------------------------------------------

_DASH = "[-\u2010-\u2015\u2212]"
_RUNNING_FOOTER = re.compile(rf"(?:Tweede|Eerste) Kamer, vergaderjaar \d{{4}}\s*{_DASH}\s*\d{{4}}, (?:Aanhangsel|Vragen)\b(?:\s+\d+)?\s*$")
_FURNITURE = [
    re.compile(r"^(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d?$"),
    re.compile(rf"^Vergaderjaar \d{{4}}\s*{_DASH}\s*\d{{4}}\b.*$"),
    re.compile(r"^Aanhangsel van de Handelingen$"),
    re.compile(r"^Vragen gesteld door de leden der Kamer(?:, met de daarop door de)?$"),
    re.compile(r"^regering gegeven antwoorden$"),
    re.compile(r"^(?:ah|kv)-(?:tk|ek)-\S+$"),
    re.compile(r"^ISSN 0921\s*-\s*7398.*$"),
    re.compile(r"^[’'`]s-Gravenhage \d{4}\b.*$"),
    _RUNNING_FOOTER,
]
_LONE_INT = re.compile(r"^\d{1,4}$")


@dataclass(slots=True)
class Meta:
    """Header facts read from page furniture."""

    chamber: Chamber | None = None
    session: str | None = None
    number: int | None = None
    pub_id: str | None = None
    zaak: str | None = None


def classify_furniture(lines: list[Line]) -> Meta:
    """Mark page furniture and read the facts it carries (session, number, id, chamber)."""
    meta = Meta()
    for i, line in enumerate(lines):
        s = line.stripped
        if line.kind == "blank" or not s:
            continue
        if not any(p.search(s) if p is _RUNNING_FOOTER else p.match(s) for p in _FURNITURE):
            continue
        if _RUNNING_FOOTER.search(s) and not _RUNNING_FOOTER.match(s) and not re.match(r"^(?:ISSN|[’'`]s-Gravenhage)", s):
            # footer glued after running text (PDF extract): keep the text, drop the footer part
            continue
        line.kind = "furniture"
        if "Kamer der Staten-Generaal" in s:
            meta.chamber = Chamber.EERSTE_KAMER if s.startswith("Eerste") else Chamber.TWEEDE_KAMER
        if m := re.match(r"^((?:ah|kv)-(?:tk|ek)-\S+)$", s):
            meta.pub_id = meta.pub_id or m.group(1)
        if meta.session is None and re.search(r"[Vv]ergaderjaar", s):
            meta.session = grammar.normalise_session(s)
        # the page-header column number ("2") after the chamber line, the Aanhangsel number before the heading
        _mark_header_numbers(lines, i)
    for line in lines:
        s = line.stripped
        if line.kind != "body":
            continue
        if m := re.match(r"^AH\s+(\d{1,4})$", s):
            line.kind = "furniture"
            meta.number = int(m.group(1))
        elif m := re.match(r"^(20\d\d)\s?Z\s?(\d{5})$", s):
            line.kind = "furniture"
            meta.zaak = meta.zaak or f"{m.group(1)}Z{m.group(2)}"
    return meta


def _mark_header_numbers(lines: list[Line], i: int) -> None:
    s = lines[i].stripped
    if re.match(r"^(?:Tweede|Eerste) Kamer der Staten-Generaal$", s) or re.match(r"^Vergaderjaar", s):
        # pdftotext prints the header's page-column "2" on a line of its own
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].kind == "blank":
                continue
            if lines[j].stripped == "2":
                lines[j].kind = "furniture"
            break


def _number_before_heading(lines: list[Line], head: int) -> int | None:
    """The Aanhangsel number printed on a line of its own just above the heading (or zaak for kv)."""
    for j in range(head - 1, max(-1, head - 4), -1):
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


def _zaak_before_heading(lines: list[Line], head: int) -> str | None:
    for j in range(head - 1, max(-1, head - 6), -1):
        s = lines[j].stripped
        if m := re.match(r"^(20\d\d)\s?Z\s?(\d{5})$", s):
            lines[j].kind = "furniture"
            return f"{m.group(1)}Z{m.group(2)}"
    return None


# --- footnotes ----------------------------------------------------------------------------------

_FN_START = re.compile(r"^(\d{1,3})(?:\s+(?=\S)|(?=[A-Z«“\"'(‘]|https?:|www\.))(.*)$")


def _fn_start(s: str, expected: Iterable[int]) -> int | None:
    """The footnote number a line starts with, when it is one of the expected numbers."""
    if _LONE_INT.match(s):
        n = int(s)
        return n if n in expected else None
    m = _FN_START.match(s)
    if not m:
        return None
    n, rest = int(m.group(1)), m.group(2)
    if n not in expected or not rest:
        return None
    # "1 januari 2015" is running text, "1 http://…" / "2Inspectie …" / "3 Kamerstuk …" a footnote
    if re.match(r"(?:https?:|www\.|[A-Z«“\"'‘(]|[a-z][\w.-]*\.(?:nl|com|org|eu|int|gov)\b)", rest):
        return n
    return None


def _page_ends(lines: list[Line]) -> list[int]:
    """Indices of lines that close a page: running footers, first-page boxes, the last line."""
    ends = []
    for i, line in enumerate(lines):
        s = line.stripped
        if line.kind == "furniture" and (_RUNNING_FOOTER.search(s) or s.startswith("ISSN") or re.match(r"^(?:ah|kv)-", s)):
            ends.append(i)
        elif line.kind == "body" and _RUNNING_FOOTER.search(s):
            ends.append(i)
    return ends


def find_footnotes(lines: list[Line], text: str) -> list[Footnote]:
    """Lift footnote bodies out of the running text, page by page, numbering them in sequence."""
    notes: dict[int, list[Line]] = {}
    expected = 1
    i = 0
    ends = _page_ends(lines)
    n_lines = len(lines)
    while i < n_lines:
        line = lines[i]
        if line.kind != "body":
            i += 1
            continue
        window = range(expected, expected + 25)
        n = _fn_start(line.stripped, window)
        if n is None or not _zone_plausible(lines, i, n, expected):
            i += 1
            continue
        # the zone runs to the next page end (or, without one, to a line that is clearly body text)
        zone_end = next((e for e in ends if e > i), None)
        stop = zone_end if zone_end is not None else n_lines
        j, current = i, None
        orphans: list[list[Line]] = []
        seen_numbers: list[int] = []
        while j < stop:
            ln = lines[j]
            s = ln.stripped
            if ln.kind == "blank":
                if zone_end is None and current is not None and not _url_open(notes.get(current, [])):
                    break
                j += 1
                continue
            if ln.kind != "body":
                j += 1
                continue
            if ln.page != line.page or _is_label(s):
                break
            if ln.text[:1].isspace() and current is not None and notes[current]:
                break  # running text resumes (indented) after the footnote
            k = _fn_start(s, range(expected, expected + 40))
            if k is not None and k not in notes and k not in seen_numbers:
                ln.kind = "footnote"
                seen_numbers.append(k)
                if _LONE_INT.match(s):
                    current = k
                    notes[k] = []
                else:
                    current = k
                    notes[k] = [ln]
                j += 1
                continue
            if current is None:
                break
            if zone_end is None and not _continues_footnote(notes[current], s):
                break
            ln.kind = "footnote"
            if not notes[current] or (_LONE_INT.match(lines[j - 1].stripped) and lines[j - 1].kind == "footnote" and notes[current]):
                notes[current].append(ln)
            elif _starts_new_body(notes[current], ln) and _has_empty(notes, seen_numbers):
                orphans.append([ln])
                current = current  # keep numbering; orphan bodies get the numbers left empty
            else:
                notes[current].append(ln)
            j += 1
        _assign_orphans(notes, seen_numbers, orphans)
        if seen_numbers:
            expected = max(seen_numbers) + 1
        i = j if j > i else i + 1
    out = []
    for n in sorted(notes):
        body = notes[n]
        if not body:
            continue
        raw = _join_footnote(body, n)
        span = Span(body[0].start, body[-1].end)
        out.append(Footnote(n, raw, tuple(find_urls(raw)), span))
    return out


def _zone_plausible(lines: list[Line], i: int, n: int, expected: int) -> bool:
    """A lone number opens a footnote zone only when it is the next number and text follows it."""
    s = lines[i].stripped
    if n != expected:
        return False
    if _LONE_INT.match(s):
        # a lone number followed (after furniture/blank lines) by footnote-ish text or another number
        for j in range(i + 1, min(i + 12, len(lines))):
            if lines[j].kind in ("blank", "furniture"):
                continue
            t = lines[j].stripped
            if re.match(r"^(?:Vraag|Antwoord|Vragen)\b", t):
                return False
            return True
        return False
    prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].kind != "blank"), None)
    if prev is not None and prev.kind == "body" and re.search(r"[a-z,]$", prev.stripped) and not re.match(r"^\d+\s*(?:https?:|www\.)", s):
        # mid-sentence continuation such as "… in\n2 Kamerstukken" is unlikely a footnote, unless a URL
        return bool(re.match(r"^\d+[A-Z«]", s))
    return True


def _url_open(body: list[Line]) -> bool:
    return bool(body) and bool(re.search(r"(?:https?://|www\.)\S*[/\-_.%=&?]$", body[-1].stripped))


def _continues_footnote(body: list[Line], s: str) -> bool:
    """Without a page end to stop at, a footnote continues only with a broken URL or a short tail."""
    if not body:
        return True
    last = body[-1].stripped
    if _url_open(body) and not re.search(r"\s", s):
        return True
    return bool(re.search(r"https?://\S+$", last)) and bool(re.match(r"^[\w./%\-=&?#~]+$", s))


def _starts_new_body(body: list[Line], ln: Line) -> bool:
    """pdftotext sometimes prints a footnote's body without its number: a new title after a finished one."""
    if not body:
        return False
    last = body[-1].stripped
    return bool(re.search(r"(?:\.[a-z]{2,4}\)|\)|\.pdf|\.html?)$", last)) and bool(re.match(r"^[A-Z]", ln.stripped))


def _has_empty(notes: dict[int, list[Line]], seen: list[int]) -> bool:
    return any(not notes.get(k) for k in seen)


def _assign_orphans(notes: dict[int, list[Line]], seen: list[int], orphans: list[list[Line]]) -> None:
    empty = [k for k in sorted(seen) if not notes.get(k)]
    for k, body in zip(empty, orphans):
        notes[k] = body
    for body in orphans[len(empty) :]:
        # no number left: the text belongs to the footnote before it
        prev = max((k for k in notes if notes[k] and notes[k][-1].start < body[0].start), default=None)
        if prev is not None:
            notes[prev].extend(body)


def _join_footnote(body: list[Line], n: int) -> str:
    parts = []
    for idx, ln in enumerate(body):
        s = ln.stripped
        if idx == 0:
            s = re.sub(rf"^{n}(?:\s+|(?=\S))", "", s, count=1)
        parts.append(s)
    out = parts[0] if parts else ""
    for s in parts[1:]:
        if re.search(r"(?:https?://|www\.)\S*$", out) and (re.search(r"[/\-_.%=&?#]$", out) or re.match(r"^[\w%./\-=&?#~]+$", s)) and not re.match(r"^(?:https?:|www\.)", s):
            out += s  # a URL broken over lines
        elif out.endswith("-") and re.search(r"[a-z]-$", out) and s[:1].islower():
            out = out[:-1] + s
        else:
            out += " " + s
    return re.sub(r"\s+", " ", out).strip()


# --- structure ----------------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^\s*(?:Mondelinge\s+)?[Vv]ragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b")
_ANSWER_LINE_RE = re.compile(r"^\s*(?:(?:Nader\s+)?[Aa]ntwoord|[Mm]ededeling)\s+(?:van|namens)\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatss?ecretaris)")
_NUMS = r"(\d{1,3}(?:\s*(?:,|en|t/m|-|–)\s*\d{1,3})*)"
_Q_LABEL = re.compile(rf"^\s*(?:Vraag|Vragen)\s+{_NUMS}\s*[.:]?\s*$")
_A_LABEL = re.compile(rf"^\s*(?:Antwoord(?:en)?|Reactie)(?:\s+op)?(?:\s+(?:vraag|vragen))?\s+{_NUMS}\s*[.:]?\s*$")
_A_BARE = re.compile(r"^\s*Antwoord(?:en)?\s*:?\s*$")
_NOTICE_LABEL = re.compile(r"^\s*Mededeling\s*:?\s*$")
_TOELICHTING = re.compile(r"^\s*Toelichting\s*:?\s*$")
_NUMBERED_Q = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")


def looks_like_aanhangsel(text: str) -> bool:
    """Does this text read like a written-question publication (heading, labels or answer line)?"""
    head = text[:20000]
    return bool(
        re.search(r"(?m)^\s*(?:Mondelinge\s+)?[Vv]ragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b", head)
        or re.search(r"(?m)^\s*(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatss?ecretaris)", head)
        or (re.search(r"(?m)^\s*Vraag\s+1\s*$", head) and re.search(r"(?m)^\s*(?:Vraag|Antwoord)\s+\d", head[200:] or "x"))
    )


@dataclass(slots=True)
class Block:
    label: str  # question | answer | notice | toelichting
    numbers: tuple[int, ...]
    lines: list[Line]
    label_line: Line | None


def _span_of(lines: list[Line]) -> Span | None:
    real = [ln for ln in lines if ln.kind not in ("blank",)]
    return Span(real[0].start, real[-1].end) if real else None


def _sentence(lines: list[Line]) -> str:
    return re.sub(r"\s+", " ", " ".join(_dehyphen_join([ln.stripped for ln in lines]))).strip()


def _dehyphen_join(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if out and re.search(r"[a-zà-ÿ]-$", out[-1]) and p[:1].islower() and not re.match(r"^(?:en|of)\b", p):
            out[-1] = out[-1][:-1] + p
        else:
            out.append(p)
    return out


def parse_text(text: str, *, source: str | None = None, reader: str = "text") -> Document:
    """Parse a written-question publication in the Aanhangsel text layout into a `Document`.

    Raises `NotAWrittenQuestion` when the text has neither a heading, an answer line nor numbered
    questions.
    """
    lines = split_lines(text)
    meta = classify_furniture(lines)
    footnotes = find_footnotes(lines, text)

    body_idx = [i for i, ln in enumerate(lines) if ln.kind == "body"]
    head_i = next((i for i in body_idx if _HEADING_RE.match(lines[i].text)), None)
    # the header region: heading sentence, then answer line
    heading = None
    title_span = None
    pos = 0
    if head_i is not None:
        number = _number_before_heading(lines, head_i)
        if number is not None and meta.number is None:
            meta.number = number
        z = _zaak_before_heading(lines, head_i)
        meta.zaak = meta.zaak or z
        head_lines, pos = _take_heading(lines, head_i)
        for ln in head_lines:
            ln.kind = "heading"
        sentence, offsets = _joined_with_offsets(head_lines)
        heading = grammar.parse_heading(sentence)
        if heading.title_offset:
            a, b = heading.title_offset  # offsets in the joined sentence, mapped back into the source
            title_span = Span(offsets[a], offsets[b - 1] + 1) if 0 <= a < b <= len(offsets) else None
    # submitted date printed apart ("(ingezonden 20 november 2024)" before the heading, Word versions)
    date_submitted = heading.date_submitted if heading else None
    if date_submitted is None:
        for ln in lines:
            if ln.kind == "body" and (m := re.match(r"^\s*\(\s*ingezonden\s+([^)]*)\)\s*$", ln.text, re.I)):
                date_submitted = grammar.parse_date(m.group(1))
                ln.kind = "furniture"
                break

    ans_i = next((i for i in range(pos, len(lines)) if lines[i].kind == "body" and _ANSWER_LINE_RE.match(lines[i].text)), None)
    answer_line = None
    if ans_i is not None and _before_first_label(lines, ans_i):
        al_lines, _ = _take_answer_line(lines, ans_i)
        for ln in al_lines:
            ln.kind = "answerline"
        answer_line = grammar.parse_answer_line(_sentence(al_lines))

    blocks = _blocks(lines)
    if heading is None and answer_line is None and not any(b.label == "question" for b in blocks):
        raise NotAWrittenQuestion(
            "no 'Vragen van het lid …' heading, no 'Antwoord van …' line and no numbered questions",
            source=source,
            hint="kg reads written questions (Kamervragen) from the Aanhangsel van de Handelingen",
        )
    markers = MarkerState(f.number for f in footnotes)
    words = _vocabulary(lines)
    if heading is not None and heading.title:
        heading = heading_with_title(heading, markers.strip(heading.title))
    questions, answers, notice_text = _records(blocks, markers, words, source)
    kind = Kind.QUESTIONS
    if answer_line is not None:
        kind = Kind.NOTICE if answer_line.notice else Kind.ANSWER
    elif answers:
        kind = Kind.ANSWER
    elif notice_text is not None:
        kind = Kind.NOTICE
    if kind == Kind.NOTICE:
        answers = []

    askers = heading.askers if heading else ()
    title = heading.title if heading else None
    if heading is None and notice_text:
        # "De vragen van het lid Flach (SGP) over … (2024Z17067) kunnen niet …" (Word notice)
        askers, title, zaak = _from_notice_sentence(notice_text)
        meta.zaak = meta.zaak or zaak
    session = meta.session
    number = meta.number
    chamber = meta.chamber or Chamber.TWEEDE_KAMER
    date_answered = answer_line.date_answered if answer_line else None
    if session is None:
        session = _session_from_text(text) or grammar.session_for_date(date_answered or date_submitted)
    pub_id = _publication_id(meta, session, number, kind, chamber)
    if meta.pub_id and number is None and (m := re.match(r"^ah-(?:tk|ek)-\d{8}-(\d+)$", meta.pub_id)):
        number = int(m.group(1))
    if kind == Kind.QUESTIONS and meta.zaak is None and meta.pub_id and (m := re.match(r"^kv-tk-(\d{4}Z\d{5})$", meta.pub_id)):
        meta.zaak = m.group(1)
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
        addressees=heading.addressees if heading else (),
        answerers=answer_line.answerers if answer_line else (),
        on_behalf_of=answer_line.on_behalf_of if answer_line else (),
        see_also=answer_line.see_also if answer_line else (),
        questions=tuple(questions),
        answers=tuple(answers),
        footnotes=tuple(footnotes),
        source=source,
        text=text,
        title_span=title_span,
        reader=reader,
    )


def heading_with_title(heading: grammar.Heading, title: str) -> grammar.Heading:
    return dataclasses.replace(heading, title=title)


def _joined_with_offsets(lines: list[Line]) -> tuple[str, list[int]]:
    """Join lines with single spaces; return the string and, per character, its offset in the source."""
    chars: list[str] = []
    offs: list[int] = []
    for ln in lines:
        s = ln.text
        lead = len(s) - len(s.lstrip())
        s = s.strip()
        if chars:
            if chars[-1] == "-" and len(chars) > 1 and chars[-2].isalpha() and s[:1].islower() and not re.match(r"^(?:en|of)\b", s):
                chars.pop()
                offs.pop()
            else:
                chars.append(" ")
                offs.append(ln.start + lead)
        for k, c in enumerate(s):
            if c.isspace():
                if chars and chars[-1] == " ":
                    continue
                c = " "
            chars.append(c)
            offs.append(ln.start + lead + k)
    return "".join(chars), offs


def _take_heading(lines: list[Line], i: int) -> tuple[list[Line], int]:
    """The heading lines: from 'Vragen van' to the '(ingezonden …)' that closes it."""
    out: list[Line] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "blank":
            if out and re.search(r"[.)]\s*$", out[-1].text) or len(out) >= 6:
                break
            j += 1
            continue
        if ln.kind != "body":
            j += 1
            continue
        if out and (_ANSWER_LINE_RE.match(ln.text) or _is_label(ln.text)):
            break
        out.append(ln)
        joined = " ".join(x.stripped for x in out)
        if re.search(r"\(\s*[Il1]ngezonden\b[^)]*\d{4}\s*\)", joined, re.I):
            j += 1
            # "(ingezonden 6 maart\n2024)." closes; a trailing "." on the next line belongs to it
            break
        if len(out) > 12:
            break
        j += 1
    return out, j


def _take_answer_line(lines: list[Line], i: int) -> tuple[list[Line], int]:
    out: list[Line] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "blank":
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
        if out and re.search(r"[Oo]ntvangen[^)]*\d{4}\s*\)", joined) and not re.match(r"^\s*(?:Zie|Handelingen|Aanhangsel|vergaderjaar|\d{4}|nr\.?)", ln.text):
            if not re.search(r"(?:Zie\s+ook|Aanhangsel|Handelingen|vergaderjaar\s*\S*|,)\s*$", joined):
                break
        out.append(ln)
        if len(out) > 8:
            break
        j += 1
    return out, j


def _before_first_label(lines: list[Line], i: int) -> bool:
    """The answer line stands above the first question label (a 'Mededeling van' later is body)."""
    first = next((k for k, ln in enumerate(lines) if ln.kind == "body" and _is_label(ln.text)), None)
    return first is None or i < first


def _is_label(s: str) -> bool:
    return bool(_Q_LABEL.match(s) or _A_LABEL.match(s) or _NOTICE_LABEL.match(s) or _A_BARE.match(s))


def _blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    numbered_mode = not any(ln.kind == "body" and _Q_LABEL.match(ln.text) for ln in lines)
    last_q = 0
    for ln in lines:
        if ln.kind not in ("body", "blank"):
            continue
        s = ln.text
        if ln.kind == "body":
            if m := _Q_LABEL.match(s):
                current = Block("question", grammar.parse_numbers(m.group(1)), [], ln)
                blocks.append(current)
                ln.kind = "label"
                continue
            if m := _A_LABEL.match(s):
                current = Block("answer", grammar.parse_numbers(m.group(1)), [], ln)
                blocks.append(current)
                ln.kind = "label"
                continue
            if _A_BARE.match(s):
                current = Block("answer", (), [], ln)
                blocks.append(current)
                ln.kind = "label"
                continue
            if _NOTICE_LABEL.match(s):
                current = Block("notice", (), [], ln)
                blocks.append(current)
                ln.kind = "label"
                continue
            if _TOELICHTING.match(s):
                current = Block("toelichting", (), [], ln)
                blocks.append(current)
                ln.kind = "label"
                continue
            if numbered_mode and (m := _NUMBERED_Q.match(s)) and int(m.group(1)) == last_q + 1 and (current is None or current.label != "answer" or True):
                if current is None or current.label in ("question", "answer", "preamble") and _prev_blank_or_label(current):
                    last_q = int(m.group(1))
                    current = Block("question", (last_q,), [], ln)
                    blocks.append(current)
                    # the label line carries the first text of the question
                    current.lines.append(Line(ln.start + m.start(2), ln.end, m.group(2), ln.page))
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


def _prev_blank_or_label(block: Block) -> bool:
    body = [ln for ln in block.lines if ln.kind == "body"]
    return not body or block.lines[-1].kind == "blank" or True


def _vocabulary(lines: list[Line]) -> set[str]:
    """Words (lower case) the document prints whole, to decide line-end hyphens: 'hiv-infecties'."""
    words: set[str] = set()
    for ln in lines:
        if ln.kind in ("body",):
            for w in re.findall(r"[\w-]+", ln.text[:-1] if ln.text.endswith("-") else ln.text):
                words.add(w.lower())
    return words


def _records(
    blocks: list[Block], markers: MarkerState, words: set[str], source: str | None
) -> tuple[list[Question], list[Answer], str | None]:
    questions: list[Question] = []
    answers: list[Answer] = []
    notice_text = None
    seen_q: set[int] = set()
    last_question_numbers: tuple[int, ...] = ()
    for b in blocks:
        text = clean_block([ln for ln in b.lines if ln.kind in ("body", "blank")], markers, words)
        span = _span_of(b.lines) or (Span(b.label_line.start, b.label_line.end) if b.label_line else None)
        if b.label == "question":
            if not b.numbers:
                continue
            n = b.numbers[0]
            if n in seen_q:
                if not text:
                    continue
                raise DuplicateQuestion(f"question {n} appears twice", source=source, hint="check the 'Vraag N' labels")
            seen_q.add(n)
            questions.append(Question(n, text, span))
            last_question_numbers = b.numbers
        elif b.label == "answer":
            nums = b.numbers or last_question_numbers or ((questions[-1].number,) if questions else ())
            if not text:
                continue
            answers.append(Answer(tuple(nums), text, span))
        elif b.label == "notice":
            notice_text = text
    return questions, answers, notice_text


def _from_notice_sentence(text: str) -> tuple[tuple[Member, ...], str | None, str | None]:
    m = re.search(r"vragen\s+van\s+(?:het|de)\s+(?:lid|leden)\s+(.+?)\s+(?:over|inzake)\s+(.+?)\s*\((?:ingezonden\s+[^)]*|(\d{4}Z\d{5}))\)", text, re.S)
    if not m:
        return (), None, None
    who = re.split(r"\s+(?:van\s+uw\s+Kamer\s+)?aan\s+de\s+", m.group(1))[0]
    return tuple(grammar.parse_askers(who)), re.sub(r"\s+", " ", m.group(2)).strip(), m.group(3)


def _session_from_text(text: str) -> str | None:
    m = re.search(r"[Vv]ergaderjaar\s+(\d{4}\s*[-\u2010-\u2015]\s*\d{4})", text)
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

