"""officielebekendmakingen (KOOP) publications of written questions: XML, its metadata.xml, and the HTML page.

A publication `ah-tk-…` / `ah-ek-…` (Aanhangsel: questions with answers, or a Mededeling) or `kv-tk-…`
(questions not yet answered) is XML with root `officiele-publicatie` > `kamervragen`:

- `kamervraagkop` (`tekstregel` lines: chamber, vergaderjaar), `kamervraagnummer` (Aanhangsel number);
- `kamervraagomschrijving` — the heading sentence ("Vragen van het lid … (ingezonden …)", `type="vraag"`) and
  the answer line ("Antwoord van …" / "Mededeling van …", `type="antwoord"`), with inline `naam`,
  `kamervraagonderwerp` and `datum isodatum="…"`;
- `vraag` / `antwoord` blocks (`nr` label, `al` paragraphs), `kamervraagopmerking` / `opmerking` (notice text,
  "Zie ook …"), optionally wrapped in `reactie`;
- `noot` footnotes inline (`noot.nr` or `nr` attribute, `noot.al` body, `extref doc="…"` links).

The sentences are parsed with `kg.readers.grammar`; the structure comes from the elements. The companion
`metadata.xml` (`metadata_gegevens` > `metadata name=… content=…`; `meta` elements inside the publication and
the `<meta>` tags of the HTML page are read the same way) takes precedence over what the text says.

How a user gives both files: `read_publication(xml, metadata, source)` is the pure core; `read_bundle(files)`
takes the files of a folder or zip by name (the KOOP repository stores `<id>/<id>.xml` beside
`<id>/metadata.xml`), and `read_zip(data)` opens a zip. Reading a folder is left to the caller (I/O).
The metadata.xml alone is not a document: it is refused with a clear error.

>>> doc = read(SAMPLE_XML.encode(), "ah.xml")
>>> doc.kind.value, doc.number, doc.askers[0].name, doc.questions[0].text, doc.footnotes[0].urls
('answer', 12, 'Jansen', 'Kent u het bericht?', ('https://example.org/bericht',))
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ParamSpec
from xml.etree.ElementTree import Element

from kg.errors import DuplicateQuestion, KgError, NotAWrittenQuestion, ReaderError
from kg.model import Answer, Chamber, Document, Footnote, Kind, Member, Office, Question, Span
from kg.readers import decode, grammar, layout
from kg.readers.odata import parse_aanhangselnummer, printed_name, publication_id, read_syncfeed_root
from kg.readers.safexml import attr, children, first, iter_local, local, namespace, parse, raw_text, text_of
from kg.readers.textutil import find_urls

__all__ = [
    "SAMPLE_XML",
    "Metadata",
    "parse_metadata",
    "read",
    "read_bundle",
    "read_html",
    "read_publication",
    "read_zip",
]

SAMPLE_XML = """<officiele-publicatie><kamervragen>
<kamervraagkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2023-2024</tekstregel></kamervraagkop>
<kamervraagnummer>12</kamervraagnummer>
<kamervraagomschrijving type="vraag">Vragen van het lid Jansen (SP) aan de Minister van Defensie over
<kamervraagonderwerp>het bericht</kamervraagonderwerp> (ingezonden <datum isodatum="2023-10-02">2 oktober 2023</datum>).</kamervraagomschrijving>
<kamervraagomschrijving type="antwoord">Antwoord van Minister De Vries (Defensie) (ontvangen 30 oktober 2023)</kamervraagomschrijving>
<vraag><nr>Vraag 1</nr><al>Kent u het bericht?<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>
<extref soort="URL" doc="https://example.org/bericht">https://example.org/bericht</extref></noot.al></noot></al></vraag>
<antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord>
</kamervragen></officiele-publicatie>"""

_SKIP = frozenset({"noot", "nootref", "noot.nr", "notenr", "voetref", "script", "style"})
_ZAAK = re.compile(r"^\s*(\d{4})\s?Z\s?(\d{5})\s*$")
_ID = re.compile(r"^(ah|kv)-(tk|ek)-[\w-]+$", re.I)
_SEE_ALSO = re.compile(r"^\s*Zie\s+ook\b", re.I)
# which header sentence is which (the sentences themselves are parsed by kg.readers.grammar)
_HEADING_RE = re.compile(r"^\s*(?:Mondelinge\s+)?Vragen\s+van\s+(?:het|de)\s+(?:lid|leden)\b", re.I)
_ANSWER_LINE_RE = re.compile(
    r"^\s*(?:(?:Nader\s+)?Antwoord|Mededeling)\s+(?:van|namens)\s+(?:de\s+)?(?:minister|staatss?ecretaris)", re.I
)
_NOTICE_LABEL = re.compile(r"^\s*Mededeling\s*:?\s*$", re.I)
_MAX_ZIP_MEMBERS = 64
_MAX_MEMBER_BYTES = 64 * 1024 * 1024


# --- metadata -------------------------------------------------------------------------------------

# metadata names (without DC./DCTERMS./OVERHEID./OVERHEIDop. prefix, lower case) this reader uses
_META_KEYS = frozenset(
    {
        "identifier", "title", "type", "creator", "issued", "vergaderjaar", "indiener", "ontvanger",
        "vraagnummer", "aanhangselnummer", "datumindiening", "datumontvangst", "aanhangsel",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata values by normalised name ('OVERHEIDop.vergaderjaar' → 'vergaderjaar'), in file order.

    >>> Metadata.of([("DC.identifier", "ah-tk-20232024-12"), ("OVERHEIDop.indiener", "Jansen")]).one("identifier")
    'ah-tk-20232024-12'
    """

    values: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def key(name: str) -> str:
        n = name.strip().lower()
        return re.sub(r"^(?:dcterms|dc|overheidop|overheid|overheidwetgeving)[.:]", "", n)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Metadata:
        out = []
        for name, value in pairs:
            k, v = cls.key(name), re.sub(r"\s+", " ", value or "").strip()
            if k in _META_KEYS and v:
                out.append((k, v))
        return cls(tuple(out))

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.values if k == key]

    def one(self, key: str) -> str | None:
        found = self.all(key)
        return found[0] if found else None

    def __or__(self, other: Metadata) -> Metadata:
        """Both sets; keys present in `other` replace those of `self` (other wins)."""
        keys = {k for k, _ in other.values}
        return Metadata(tuple((k, v) for k, v in self.values if k not in keys) + other.values)

    def __bool__(self) -> bool:
        return bool(self.values)


def _meta_pairs(root: Element) -> list[tuple[str, str]]:
    """`<metadata name=… content=…>` / `<meta name=… content=…>` elements, and SRU-style DC/OWMS elements."""
    pairs: list[tuple[str, str]] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name, content = attr(el, "name"), attr(el, "content")
        if name and content is not None and local(el.tag) in ("meta", "metadata"):
            pairs.append((name, content))
            continue
        ns = namespace(el.tag).lower()
        if ("overheid" in ns or "purl.org/dc" in ns) and len(el) == 0 and (el.text or "").strip():
            pairs.append((local(el.tag), el.text or ""))
    return pairs


def _is_metadata(root: Element) -> bool:
    if next(iter_local(root, "kamervragen", "vragen", "kamerstuk", "handelingen"), None) is not None:
        return False
    if local(root.tag) in ("metadata_gegevens", "metadata", "gzd", "owmskern", "owmsmantel", "meta"):
        return True
    return bool(Metadata.of(_meta_pairs(root)))


def parse_metadata(data: bytes, source: str | None = None) -> Metadata:
    """Read a `metadata.xml` (or any XML of DC/OVERHEID metadata); `ReaderError` when it holds none.

    >>> parse_metadata(b'<metadata_gegevens><metadata name="OVERHEIDop.vergaderjaar" content="2023-2024"/>'
    ...                b'</metadata_gegevens>').one("vergaderjaar")
    '2023-2024'
    """
    root = parse(data, source)
    if not _is_metadata(root):
        raise ReaderError(
            f"expected a metadata.xml (root <metadata_gegevens>), found <{local(root.tag)}>",
            source=source,
            hint="pass the publication XML first and its metadata.xml second",
        )
    return Metadata.of(_meta_pairs(root))


# --- the publication as an outline ----------------------------------------------------------------


@dataclass(slots=True)
class Block:
    """A labelled block: 'question', 'answer' or 'notice', its numbers and cleaned paragraphs."""

    label: str
    numbers: tuple[int, ...]
    paragraphs: list[str]


@dataclass(slots=True)
class Outline:
    """What the publication's structure says, before the sentences are parsed."""

    kop: list[str] = field(default_factory=list)  # the page-head lines (chamber, vergaderjaar, publication)
    number_text: str | None = None
    heading: str | None = None
    heading_title: str | None = None
    heading_date: dt.date | None = None
    answer_line: str | None = None
    answer_date: dt.date | None = None
    see_also: list[str] = field(default_factory=list)
    notice_label: bool = False
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


def _iso(value: str | None) -> dt.date | None:
    """'2024-01-12', '2024-01-12T00:00:00+01:00' or '12-01-2024' → date.

    >>> _iso("2024-01-12T10:00:00+01:00"), _iso("12-01-2024"), _iso("onbekend")
    (datetime.date(2024, 1, 12), datetime.date(2024, 1, 12), None)
    """
    if not value:
        return None
    v = value.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v) or None
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", v)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def _label_numbers(text: str) -> tuple[int, ...]:
    """'Vraag 2 en 3' / 'Antwoord op vraag 4' / '1.' → question numbers."""
    rest = re.sub(r"^\D*", "", text)
    return grammar.parse_numbers(rest) if rest else ()


def _sentence_date(el: Element) -> dt.date | None:
    d = next(iter_local(el, "datum"), None)
    return _iso(attr(d, "isodatum")) if d is not None else None


def _add_sentence(out: Outline, el: Element, text: str, type_hint: str | None = None) -> None:
    """Sort a header sentence: heading, answer/notice line, 'Zie ook', the bare 'Mededeling' label, or notice text."""
    if not text:
        return
    if (type_hint == "vraag" or _HEADING_RE.match(text)) and out.heading is None:
        out.heading = text
        onderwerp = next(iter_local(el, "kamervraagonderwerp"), None)
        out.heading_title = text_of(onderwerp, _SKIP) or None if onderwerp is not None else None
        out.heading_date = _sentence_date(el)
    elif (type_hint == "antwoord" or _ANSWER_LINE_RE.match(text)) and out.answer_line is None:
        zie = re.search(r"\bZie\s+ook\b", text, re.I)
        out.answer_line = text[: zie.start()].strip() if zie else text
        if zie:
            out.see_also.append(text[zie.start() :])
        out.answer_date = _sentence_date(el)
    elif _SEE_ALSO.match(text):
        out.see_also.append(text)
    elif _NOTICE_LABEL.match(text):
        out.notice_label = True
    else:
        if not out.blocks or out.blocks[-1].label != "notice":
            out.blocks.append(Block("notice", (), []))
        out.blocks[-1].paragraphs.append(text)


_PARA = frozenset({"al", "tussenkop", "kop", "p", "li", "row", "tr"})


def _has_block(el: Element) -> bool:
    return any(local(e.tag) in _PARA for e in el.iter() if e is not el)


def _paragraphs(el: Element, labels: tuple[str, ...] = ("nr", "nummer")) -> tuple[list[str], str | None]:
    """The paragraphs of a vraag/antwoord block and its label text ('Vraag 1').

    Paragraph elements (`al`, list items, table rows) give a paragraph each; text and inline elements
    between them (mixed content) are joined into one paragraph.
    """
    paras: list[str] = []
    label: str | None = None
    buf: list[str] = [el.text or ""]

    def flush() -> None:
        _append(paras, re.sub(r"\s+", " ", "".join(buf)).strip())
        buf.clear()

    for child in el:
        name = local(child.tag)
        if not name or name in _SKIP:
            pass
        elif name in labels and label is None:
            flush()
            label = text_of(child, _SKIP)
        elif name == "li":
            flush()
            nr = first(child, "li.nr")
            body = text_of(child, _SKIP | {"li.nr"})
            _append(paras, f"{text_of(nr)} {body}".strip() if nr is not None else body)
        elif name in ("row", "tr"):
            flush()
            cells = (text_of(c, _SKIP) for c in child.iter() if local(c.tag) in ("entry", "td", "th"))
            _append(paras, " ".join(t for t in cells if t))
        elif name in _PARA:
            flush()
            _append(paras, text_of(child, _SKIP))
        elif _has_block(child):
            flush()
            sub, sub_label = _paragraphs(child, labels)
            paras.extend(sub)
            label = label or sub_label
        elif name == "br":
            buf.append(" ")
        else:
            buf.append(raw_text(child, _SKIP))
        buf.append(child.tail or "")
    flush()
    return paras, label


def _append(paras: list[str], text: str) -> None:
    if text:
        paras.append(text)


def _footnotes(root: Element) -> list[Footnote]:
    """Every `noot` with a number and a body, in number order (first occurrence wins)."""
    notes: dict[int, Footnote] = {}
    for noot in iter_local(root, "noot"):
        nr_el = next((e for e in iter_local(noot, "noot.nr", "notenr") if e is not noot), None)
        nr_el = nr_el if nr_el is not None else first(noot, "nr")
        raw = attr(noot, "nr") or (text_of(nr_el) if nr_el is not None else "") or (attr(noot, "id") or "").rsplit("-", 1)[-1]
        m = re.search(r"\d+", raw)
        if not m:
            continue
        n = int(m.group(0))
        bodies = children(noot, "noot.al", "al")
        text = " ".join(text_of(b, _SKIP) for b in bodies) if bodies else text_of(noot, _SKIP | {"nr", "h5"})
        text = re.sub(r"\s+", " ", text).strip()
        urls: list[str] = []
        for ref in iter_local(noot, "extref"):
            doc = (attr(ref, "doc") or "").strip()
            if re.match(r"(?:https?://|www\.)", doc, re.I) and doc not in urls:
                urls.append(doc)
        urls += [u for u in find_urls(text) if u not in urls and not any(u in known for known in urls)]
        if text and n not in notes:
            notes[n] = Footnote(n, text, tuple(urls))
    return [notes[n] for n in sorted(notes)]


def outline(kv: Element) -> Outline:
    """The outline of a `kamervragen` element (or the element built from an HTML page)."""
    out = Outline()
    _walk(kv, out)
    out.footnotes = _footnotes(kv)
    return out


def _walk(container: Element, out: Outline) -> None:
    for child in children(container):
        name = local(child.tag)
        if name in ("kamervraagkop", "kop"):
            regels = children(child, "tekstregel")
            lines = (
                [text_of(t, _SKIP) for t in regels if attr(t, "inhoud") != "documenttype"] if regels else [text_of(child, _SKIP)]
            )
            out.kop.extend(x for x in lines if x)
        elif name in ("kamervraagnummer", "vraagnummer"):
            out.number_text = out.number_text or text_of(child, _SKIP)
        elif name in ("kamervraagomschrijving", "omschr"):
            _add_sentence(out, child, text_of(child, _SKIP), (attr(child, "type") or "").lower() or None)
        elif name in ("kamervraagopmerking", "opmerking", "al"):
            parts = children(child, "al") if name != "al" else []
            for part in parts or [child]:
                _add_sentence(out, part, text_of(part, _SKIP))
        elif name in ("reactie", "vragen", "kamervragen"):
            _walk(child, out)
        elif name in ("vraag", "antwoord"):
            paras, label = _paragraphs(child)
            numbers = _label_numbers(label) if label else ()
            out.blocks.append(Block("question" if name == "vraag" else "answer", numbers, paras))


# --- outline + metadata → Document ----------------------------------------------------------------


class _Text:
    """Builds `Document.text` (the publication rendered in the Aanhangsel layout) and spans into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def line(self, s: str = "") -> Span:
        start = self.pos
        self.parts.append(s + "\n")
        self.pos += len(s) + 1
        return Span(start, start + len(s))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _records(blocks: list[Block], text: _Text, source: str | None) -> tuple[list[Question], list[Answer]]:
    questions: list[Question] = []
    answers: list[Answer] = []
    seen: set[int] = set()
    last_numbers: tuple[int, ...] = ()
    for b in blocks:
        if b.label == "question":
            n = b.numbers[0] if b.numbers else (questions[-1].number + 1 if questions else 1)
            if n in seen:
                raise DuplicateQuestion(f"question {n} appears twice", source=source, hint="check the <vraag><nr> labels")
            seen.add(n)
            text.line(f"Vraag {_numbers_label(b.numbers or (n,))}")
            span = _paragraph_lines(text, b.paragraphs)
            questions.append(Question(n, "\n\n".join(b.paragraphs), span))
            last_numbers = b.numbers or (n,)
        elif b.label == "answer" and b.paragraphs:
            nums = b.numbers or last_numbers or ((questions[-1].number,) if questions else ())
            text.line(f"Antwoord {_numbers_label(nums)}" if nums else "Antwoord")
            span = _paragraph_lines(text, b.paragraphs)
            answers.append(Answer(tuple(nums), "\n\n".join(b.paragraphs), span))
        elif b.label == "notice" and b.paragraphs:
            text.line("Mededeling")
            _paragraph_lines(text, b.paragraphs)
    return questions, answers


def _numbers_label(numbers: tuple[int, ...]) -> str:
    """(3, 4, 5) → '3, 4 en 5', as the Aanhangsel prints a label.

    >>> _numbers_label((3, 4, 5)), _numbers_label((1,))
    ('3, 4 en 5', '1')
    """
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"


def _paragraph_lines(text: _Text, paragraphs: list[str]) -> Span | None:
    spans = []
    for i, p in enumerate(paragraphs):
        if i:
            text.line()
        spans.append(text.line(p))
    text.line()
    return Span.cover(spans)


def _session_of_id(pub_id: str | None) -> str | None:
    m = re.match(r"^(?:ah|kv)-(?:tk|ek)-(\d{4})(\d{4})-", pub_id or "")
    return grammar.normalise_session(f"{m.group(1)}-{m.group(2)}") if m else None


def _chamber(kop: list[str], pub_id: str | None, meta: Metadata) -> Chamber:
    creator = " ".join(meta.all("creator"))
    if "Eerste Kamer" in creator:
        return Chamber.EERSTE_KAMER
    if "Tweede Kamer" in creator:
        return Chamber.TWEEDE_KAMER
    if pub_id and re.match(r"^(?:ah|kv)-ek-", pub_id, re.I):
        return Chamber.EERSTE_KAMER
    if any(re.search(r"Eerste\s+Kamer", k) for k in kop):
        return Chamber.EERSTE_KAMER
    return Chamber.TWEEDE_KAMER


def _kind_from_meta(meta: Metadata, pub_id: str | None) -> Kind | None:
    types = " | ".join(meta.all("type")).lower()
    if "mededeling" in types:
        return Kind.NOTICE
    if "zonder antwoord" in types or (pub_id or "").lower().startswith("kv-"):
        return Kind.QUESTIONS
    return None


def _name_key(name: str) -> str:
    """A name's core for matching metadata to the heading: last word, lower case ('Inge van Dijk' → 'dijk')."""
    words = re.sub(r"\(.*?\)", "", name).split()
    return words[-1].lower() if words else ""


def _merge_askers(text_askers: tuple[Member, ...], names: list[str]) -> tuple[Member, ...]:
    """Askers in the metadata's order; the printed name and party are kept where the heading names the same person."""
    if not names:
        return text_askers
    by_key = {_name_key(m.name): m for m in text_askers}
    out: list[Member] = []
    used: set[str] = set()
    for raw in names:
        name, party = printed_name(raw)
        key = _name_key(name)
        if not key or key in used:
            continue
        used.add(key)
        printed = by_key.get(key)
        if printed is not None:
            out.append(Member(printed.name, party or printed.party, printed.span, printed.ids))
        else:
            out.append(Member(name, party))
    out += [m for m in text_askers if _name_key(m.name) not in used]
    return tuple(out)


def _title_from_meta(value: str | None) -> str | None:
    """DC.title as a title: the words after 'over' when it is a heading sentence, else the value itself."""
    if not value:
        return None
    if _HEADING_RE.match(value) or re.match(r"^\s*(?:Antwoord\s+op\s+)?[Vv]ragen\s+van\b", value):
        return grammar.parse_heading(value).title
    if re.match(r"^(?:Aanhangsel|Kamervragen|Handelingen)\b|\bnr\.?\s*\d+\s*$", value, re.I):
        return None
    return value.strip().rstrip(".") or None


def _number(text: str | None) -> tuple[int | None, str | None]:
    """kamervraagnummer / aanhangselNummer → (Aanhangsel number, zaak)."""
    if not text:
        return None, None
    if m := _ZAAK.match(text):
        return None, f"{m.group(1)}Z{m.group(2)}"
    _, number = parse_aanhangselnummer(text)
    return number, None


@dataclass(slots=True)
class _Fields:
    """The contract fields while they are being decided (text first, then the metadata)."""

    kind: Kind
    heading: grammar.Heading | None
    line: grammar.AnswerLine | None
    id: str | None = None
    session: str | None = None
    number: int | None = None
    zaak: str | None = None
    title: str | None = None
    date_submitted: dt.date | None = None
    date_answered: dt.date | None = None
    askers: tuple[Member, ...] = ()
    addressees: tuple[Office, ...] = ()


def _from_text(out: Outline, answers: list[Answer], has_questions: bool, source: str | None) -> _Fields:
    """What the publication's own sentences say."""
    heading = grammar.parse_heading(out.heading) if out.heading else None
    line = grammar.parse_answer_line(" ".join([out.answer_line, *out.see_also])) if out.answer_line else None
    notice_text = " ".join(p for b in out.blocks if b.label == "notice" for p in b.paragraphs) or None
    if heading is None and not has_questions and line is None and notice_text is None:
        raise NotAWrittenQuestion(
            "the <kamervragen> element has no heading, no answer line and no <vraag>",
            source=source,
            hint="kg reads written questions (Kamervragen) published by officielebekendmakingen",
        )
    # kind as in the Aanhangsel text: the answer line decides, then the blocks
    kind = Kind.QUESTIONS
    if line is not None:
        kind = Kind.NOTICE if line.notice else Kind.ANSWER
    elif answers:
        kind = Kind.ANSWER
    elif notice_text is not None or out.notice_label:
        kind = Kind.NOTICE
    f = _Fields(kind, heading, line)
    if heading is not None:
        f.askers, f.addressees = heading.askers, heading.addressees
        f.title = out.heading_title or heading.title
        f.date_submitted = out.heading_date or heading.date_submitted
    f.date_answered = out.answer_date or (line.date_answered if line else None)
    if notice_text:
        # "De vragen van het lid … over … (2024Z17067) kunnen niet …": the Mededeling names the questions
        said = grammar.parse_notice(notice_text, f.date_answered)
        f.zaak = said.zaak
        if heading is None:
            f.askers, f.title, f.addressees = said.askers, said.title, said.addressees
            f.date_submitted = f.date_submitted or said.date_submitted
    f.number, zaak = _number(out.number_text)
    f.zaak = zaak or f.zaak
    f.session = grammar.normalise_session(" ".join(out.kop))
    return f


def _apply_metadata(f: _Fields, meta: Metadata) -> None:
    """Overwrite the fields the metadata states (it takes precedence over the text)."""
    pub_id = meta.one("identifier")
    f.id = pub_id if pub_id and _ID.match(pub_id) else None
    f.kind = _kind_from_meta(meta, f.id) or f.kind
    m_session, m_number = _meta_aanhangsel(meta)
    f.session = grammar.normalise_session(meta.one("vergaderjaar") or "") or f.session or _session_of_id(f.id) or m_session
    f.number = m_number if m_number is not None else f.number
    if (vz := meta.one("vraagnummer")) and (m := _ZAAK.match(vz)):
        f.zaak = f"{m.group(1)}Z{m.group(2)}"
    f.date_submitted = _iso(meta.one("datumindiening")) or f.date_submitted
    f.date_answered = _iso(meta.one("datumontvangst")) or f.date_answered
    f.title = _title_from_meta(meta.one("title")) or f.title
    f.askers = _merge_askers(f.askers, meta.all("indiener"))
    offices = [o for v in meta.all("ontvanger") for o in grammar.parse_addressees(v)]
    if offices:
        f.addressees = tuple(dict.fromkeys(offices))


def assemble(out: Outline, meta: Metadata, source: str | None, reader: str) -> Document:
    """The `Document` an outline describes, with the metadata taking precedence over the text.

    `Document.text` is the publication rendered in the Aanhangsel layout; spans point into it.
    """
    text = _Text()
    for k in out.kop:
        text.line(k)
    if out.number_text:
        text.line(out.number_text)
    heading_span = text.line(out.heading) if out.heading else None
    if out.answer_line or out.see_also:
        text.line(" ".join(x for x in [out.answer_line or "", *out.see_also] if x))
    text.line()
    questions, answers = _records(out.blocks, text, source)
    footnotes = []
    for fn in out.footnotes:
        span = text.line(f"{fn.number} {fn.text}")
        footnotes.append(Footnote(fn.number, fn.text, fn.urls, Span(span.start + len(str(fn.number)) + 1, span.end)))

    f = _from_text(out, answers, bool(questions), source)
    _apply_metadata(f, meta)
    chamber = _chamber(out.kop, f.id, meta)
    if f.session is None:
        f.session = grammar.session_for_date(f.date_answered or f.date_submitted or _iso(meta.one("issued")))
    if f.kind == Kind.NOTICE:
        answers = []
    if f.kind == Kind.QUESTIONS:
        f.number, f.date_answered = None, None
    f.id = f.id or publication_id(f.kind, chamber, f.session, f.number, f.zaak)
    title_span = None
    if f.title and heading_span is not None and (at := text.text.find(f.title, heading_span.start, heading_span.end)) >= 0:
        title_span = Span(at, at + len(f.title))
    see_also = f.line.see_also if f.line else tuple(grammar.parse_see_also(" ".join(out.see_also)))
    identifiers = [("ob", f.id)] if f.id else []
    identifiers += [("ob-aanhangsel", v) for v in meta.all("aanhangsel")]
    return Document(
        kind=f.kind,
        id=f.id,
        chamber=chamber,
        session=f.session,
        number=f.number,
        zaak=f.zaak,
        title=f.title,
        date_submitted=f.date_submitted,
        date_answered=f.date_answered,
        askers=tuple(f.askers),
        addressees=f.addressees,
        answerers=f.line.answerers if f.line else (),
        on_behalf_of=f.line.on_behalf_of if f.line else (),
        see_also=tuple(see_also),
        questions=tuple(questions),
        answers=tuple(answers),
        footnotes=tuple(footnotes),
        source=source,
        text=text.text,
        title_span=title_span,
        reader=reader,
        identifiers=tuple(identifiers),
    )


def _meta_aanhangsel(meta: Metadata) -> tuple[str | None, int | None]:
    value = meta.one("aanhangselnummer")
    return parse_aanhangselnummer(value) if value else (None, None)


# --- entry points: XML ----------------------------------------------------------------------------

_P = ParamSpec("_P")


def _guarded(func: Callable[_P, Document]) -> Callable[_P, Document]:
    """Turn what malformed input can still provoke (nesting deeper than Python recursion) into a `ReaderError`."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Document:
        try:
            return func(*args, **kwargs)
        except RecursionError as exc:
            source = kwargs.get("source") or next((a for a in args[1:] if isinstance(a, str)), None)
            raise ReaderError(
                "the document is nested too deeply to be a publication",
                source=source if isinstance(source, str) else None,
                hint="check that the file is a KOOP publication, not generated or corrupted markup",
            ) from exc

    return wrapper


def _root_kind(root: Element) -> str:
    name = local(root.tag)
    if name == "feed" or "tweedekamer.nl/xsd/tkdata" in namespace(root.tag).lower():
        return "tkdata"
    if next(iter_local(root, "kamervragen", "vragen"), None) is not None:
        return "publication"
    if _is_metadata(root):
        return "metadata"
    if next(iter_local(root, "kamerstuk", "handelingen", "stcrt", "staatscourant", "staatsblad"), None) is not None:
        return "other-publication"
    return "other"


def _publication(root: Element, meta: Metadata, source: str | None, reader: str) -> Document:
    kv = next(iter_local(root, "kamervragen", "vragen"))
    embedded = Metadata.of(_meta_pairs(root))
    return assemble(outline(kv), embedded | meta, source, reader)


def _refuse(kind: str, root: Element, source: str | None) -> NotAWrittenQuestion:
    if kind == "metadata":
        return NotAWrittenQuestion(
            "this is a metadata.xml: it describes a publication but holds no questions",
            source=source,
            hint="give the publication XML (ah-tk-….xml / kv-tk-….xml), or both files together in a zip or folder",
        )
    if kind == "other-publication":
        return NotAWrittenQuestion(
            "an officielebekendmakingen publication without <kamervragen> (a Kamerstuk, Handelingen or Staatscourant)",
            source=source,
            hint="kg reads written questions (Aanhangsel van de Handelingen, kamervragen zonder antwoord)",
        )
    return NotAWrittenQuestion(
        f"XML with root <{local(root.tag)}> is neither an officielebekendmakingen publication of written questions "
        "nor a Tweede Kamer Open Data record",
        source=source,
        hint="give an ah-tk-…/kv-tk-… XML, its HTML page, or a TK OData/SyncFeed record",
    )


@_guarded
def read(data: bytes, source: str | None = None) -> Document:
    """Read XML: a KOOP publication of written questions, or a TK SyncFeed record (handed to `kg.readers.odata`)."""
    root = parse(data, source)
    kind = _root_kind(root)
    if kind == "tkdata":
        return read_syncfeed_root(root, source)
    if kind != "publication":
        raise _refuse(kind, root, source)
    return _publication(root, Metadata(), source, "xml")


@_guarded
def read_publication(xml_bytes: bytes, metadata_bytes: bytes | None, source: str | None = None) -> Document:
    """A publication XML with (optionally) its metadata.xml; the metadata wins where both say something.

    This is the call for a file `<id>.xml` with a `metadata.xml` beside it (the KOOP repository layout).

    >>> meta = b'<metadata_gegevens><metadata name="OVERHEIDop.vraagnummer" content="2023Z17001"/></metadata_gegevens>'
    >>> read_publication(SAMPLE_XML.encode(), meta, "ah.xml").zaak
    '2023Z17001'
    """
    root = parse(xml_bytes, source)
    kind = _root_kind(root)
    if kind == "tkdata":  # a SyncFeed page that happens to lie beside a metadata.xml: the metadata is not its own
        return read_syncfeed_root(root, source)
    if kind != "publication":
        raise _refuse(kind, root, source)
    meta = parse_metadata(metadata_bytes, f"{source or 'input'} (metadata.xml)") if metadata_bytes else Metadata()
    return _publication(root, meta, source, "xml")


@_guarded
def read_bundle(files: Mapping[str, bytes], source: str | None = None) -> Document:
    """The publication in a set of named files (a folder or zip): one XML (or HTML) page plus an optional metadata.xml.

    The metadata file is recognised by its content (`metadata_gegevens`), not only by its name.
    """
    pubs: list[tuple[str, bytes, str]] = []
    metas: list[tuple[str, bytes]] = []
    for name, data in sorted(files.items()):
        low = name.lower()
        if low.endswith((".html", ".htm")):
            pubs.append((name, data, "html"))
        elif low.endswith(".xml"):
            kind = _root_kind(parse(data, f"{source}:{name}" if source else name))
            if kind == "metadata":
                metas.append((name, data))
            elif kind == "publication":
                pubs.append((name, data, "xml"))
    xml_pubs = [p for p in pubs if p[2] == "xml"]
    chosen = xml_pubs or pubs
    if not chosen:
        what = "only a metadata.xml" if metas else "no publication XML or HTML"
        raise NotAWrittenQuestion(
            f"the bundle holds {what}", source=source, hint="add the ah-tk-….xml publication beside metadata.xml"
        )
    if len(xml_pubs) > 1 or (not xml_pubs and len(pubs) > 1):
        names = ", ".join(p[0] for p in chosen)
        raise ReaderError(f"the bundle holds {len(chosen)} publications ({names}); kg reads one per bundle", source=source)
    if len(metas) > 1:
        raise ReaderError(f"the bundle holds {len(metas)} metadata files; expected one metadata.xml", source=source)
    name, data, fmt = chosen[0]
    where = f"{source}:{name}" if source else name
    meta = parse_metadata(metas[0][1], where) if metas else Metadata()
    if fmt == "html":
        return _html_document(data, where, meta).replace(source=source or name)
    return _publication(parse(data, where), meta, source or name, "xml")


@_guarded
def read_zip(data: bytes, source: str | None = None) -> Document:
    """A zip holding a publication XML (or HTML) and its metadata.xml (see `read_bundle`)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReaderError(f"not a readable zip archive: {exc}", source=source) from exc
    files: dict[str, bytes] = {}
    total = 0
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
        if len(infos) > _MAX_ZIP_MEMBERS:
            raise ReaderError(f"the zip holds {len(infos)} files; a publication bundle has two or three", source=source)
        for info in infos:
            name = info.filename.rsplit("/", 1)[-1]
            if not name.lower().endswith((".xml", ".html", ".htm")):
                continue
            if info.file_size > _MAX_MEMBER_BYTES:
                raise ReaderError(f"{info.filename} unpacks to {info.file_size} bytes, too large", source=source)
            try:
                with zf.open(info) as fh:
                    body = fh.read(_MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
                raise ReaderError(f"cannot unpack {info.filename}: {exc}", source=source) from exc
            total += len(body)
            if len(body) > _MAX_MEMBER_BYTES or total > _MAX_MEMBER_BYTES:
                raise ReaderError(f"{info.filename} unpacks to more than {_MAX_MEMBER_BYTES} bytes", source=source)
            files[info.filename] = body
    return read_bundle(files, source)


# --- HTML -----------------------------------------------------------------------------------------

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_DROP = frozenset({"script", "style", "noscript", "template", "svg", "button", "form"})
_BLOCK = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "br", "section",
     "article", "main", "header", "footer", "dl", "dt", "dd", "blockquote", "pre", "hr"}
)  # fmt: skip


class _TreeBuilder(HTMLParser):
    """A forgiving HTML → ElementTree builder (unclosed <p>/<li>, void elements, stray end tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("html-document")
        self.stack: list[Element] = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag in _DROP:
                self.dropping += 1
            return
        if tag in _DROP:
            self.dropping = 1
            return
        if tag in ("p", "li") and local(self.stack[-1].tag) == tag:
            self.stack.pop()
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping:
            self.stack[-1].append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in _DROP:
                self.dropping -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        cur = self.stack[-1]
        if len(cur):
            cur[-1].tail = (cur[-1].tail or "") + data
        else:
            cur.text = (cur.text or "") + data


def _html_tree(data: bytes, source: str | None) -> Element:
    parser = _TreeBuilder()
    try:
        parser.feed(decode(data))
        parser.close()
    except (AssertionError, ValueError, RecursionError) as exc:  # pragma: no cover - html.parser rarely raises
        raise ReaderError(f"cannot parse the HTML: {exc}", source=source) from exc
    return parser.root


def _classes(el: Element) -> set[str]:
    return set((el.get("class") or "").split())


def _role(el: Element) -> str | None:
    """The XML element an HTML element stands for, by its class (officielebekendmakingen mirrors the XML)."""
    cls = _classes(el)
    if "kamervraagkop" in cls:
        return "kamervraagkop"
    if "kamervraagnummer" in cls:
        return "kamervraagnummer"
    if any(c.startswith("kamervraagomschrijving") for c in cls):
        return "kamervraagomschrijving"
    if cls & {"kamervraagopmerking", "opmerking"}:
        return "kamervraagopmerking"
    if "reactie" in cls:
        return "reactie"
    if "vraag" in cls:
        return "vraag"
    if "antwoord" in cls:
        return "antwoord"
    if "noot" in cls and el.tag in ("div", "li", "p", "section", "aside"):
        return "noot"
    return None


def _convert(el: Element, role: str | None, inside: str | None = None) -> Element:
    """A copy of an HTML subtree in the XML vocabulary the outline reads."""
    tag = el.tag
    cls = _classes(el)
    if role is None:
        if "nootnum" in cls:
            role = "noot.nr" if inside == "noot" else "nootref"
        elif tag == "sup" and re.fullmatch(r"[\d,\s]+", "".join(el.itertext()) or "x") and inside != "noot":
            role = "nootref"
        elif inside == "noot" and "note-close" in cls:
            role = "nootref"  # the 'X Noot' close button: dropped like a marker
        elif inside in ("vraag", "antwoord") and (re.fullmatch(r"h[1-6]", tag) or cls & {"nummer", "nr"}):
            role = "nr"
        elif inside == "noot" and tag == "p":
            role = "noot.al"
        elif inside == "kamervraagkop" and tag in _BLOCK:
            role = "tekstregel"
        elif tag == "p":
            role = "al"
        elif tag == "a" and el.get("href"):
            role = "extref"
        else:
            role = tag
    out = Element(role)
    if role == "extref":
        out.set("doc", el.get("href") or "")
    if role == "kamervraagomschrijving" and (t := el.get("data-type")):
        out.set("type", t)
    out.text = el.text
    scope = role if role in ("vraag", "antwoord", "noot", "kamervraagkop", "kamervraagomschrijving") else inside
    for child in el:
        converted = _convert(child, None, scope)
        converted.tail = child.tail
        out.append(converted)
    return out


def _html_kamervragen(root: Element) -> Element | None:
    """A synthetic `kamervragen` element holding the recognised parts of the page, in page order."""
    kv = Element("kamervragen")

    def visit(el: Element) -> None:
        for child in el:
            role = _role(child)
            if role:
                kv.append(_convert(child, role))
            else:
                visit(child)

    visit(root)
    names = {local(c.tag) for c in kv}
    return kv if names & {"vraag", "antwoord", "kamervraagomschrijving", "kamervraagopmerking"} else None


def _visible_text(root: Element) -> str:
    """The page text with block elements on lines of their own (for pages without the class structure)."""
    parts: list[str] = []

    def visit(el: Element) -> None:
        block = el.tag in _BLOCK
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag not in ("head", "title", "meta"):
                visit(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    visit(root)
    text = "".join(parts).replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _html_document(data: bytes, source: str | None, meta: Metadata) -> Document:
    root = _html_tree(data, source)
    page_meta = Metadata.of((el.get("name") or el.get("property") or "", el.get("content") or "") for el in root.iter("meta"))
    kv = _html_kamervragen(root)
    if kv is None:
        # no officielebekendmakingen class structure: read the visible text in the Aanhangsel layout
        return layout.parse_text(_visible_text(root), source=source, reader="html")
    return assemble(outline(kv), page_meta | meta, source, "html")


@_guarded
def read_html(data: bytes, source: str | None = None) -> Document:
    """Read the HTML page of a publication (zoek.officielebekendmakingen.nl) with the same logic as the XML.

    Elements are recognised by their classes (`vraag`, `antwoord`, `kamervraagomschrijving…`,
    `kamervraagopmerking`, `voet noot` with `nootnum`); the page's `<meta>` tags act as its metadata.
    A page without those classes is read as text in the Aanhangsel layout.
    """
    try:
        return _html_document(data, source, Metadata())
    except KgError:
        raise
    except (ValueError, IndexError, KeyError) as exc:  # pragma: no cover - defensive: never a raw exception
        raise ReaderError(f"cannot read the HTML page: {exc}", source=source) from exc
