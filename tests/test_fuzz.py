"""Property tests: mangled documents (lines cut, shuffled, hyphens and footnote digits inserted,
characters replaced, bytes flipped) either give a record or raise kg's ParseError — nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ParseError
from kg.pipeline import parse_bytes

from .conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + [
    p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "ocr").glob("*.txt"))[:4]
]
BINARIES = [(FIXTURES / "pdf" / "ah-answer.pdf").read_bytes(), (FIXTURES / "docx" / "letter.docx").read_bytes(),
            (FIXTURES / "xml" / "ah-tk-20232024-1150.xml").read_bytes(), (FIXTURES / "odata" / "zaak-2024Z00512.json").read_bytes()]  # fmt: skip


@st.composite
def mangled_text(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(TEXTS)).splitlines()
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "shuffle", "hyphen", "digit", "replace", "drop", "dup"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "cut" and line:
            lines[i : i + 1] = [line[: len(line) // 2], line[len(line) // 2 :]]
        elif op == "shuffle":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "hyphen" and line:
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + "-" + line[k:]
        elif op == "digit":
            lines[i] = line + str(draw(st.integers(0, 99)))
        elif op == "replace" and line:
            k = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:k] + draw(st.characters(blacklist_categories=("Cs",))) + line[k + 1 :]
        elif op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
    return "\n".join(lines)


def _parse(data: bytes) -> None:
    try:
        doc = parse_bytes(data, "fuzz")
    except ParseError:
        return
    assert doc.to_record()["kind"] in ("answer", "questions", "notice")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_text())
def test_mangled_text_gives_a_record_or_a_parse_error(text: str) -> None:
    _parse(text.encode())


@st.composite
def mangled_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(BINARIES)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "truncate", "insert"]))
        k = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[k] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[k:]
        else:
            data[k:k] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_bytes())
def test_mangled_files_give_a_record_or_a_parse_error(data: bytes) -> None:
    _parse(data)
