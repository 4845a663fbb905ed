"""Bad input, file by file: one clear error naming the file and the reason, never a crash; the rest
of the batch goes on and nothing of a failed file reaches the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.badinput import BadInput, catalogue
from kg.build import build
from kg.errors import ParseError
from kg.pipeline import parse_file
from kg.store import KgStore

from .conftest import EXAMPLES, SEED

FIXTURES = Path(__file__).parent / "fixtures"
CASES = catalogue(SEED.read_text(encoding="utf-8"), (FIXTURES / "pdf" / "ah-answer.pdf").read_bytes())
FILES = [
    BadInput("pdf-encrypted", "encrypted.pdf", (FIXTURES / "pdf" / "encrypted.pdf").read_bytes(), "error", "encrypted"),
    BadInput("pdf-scan", "scan.pdf", (FIXTURES / "pdf" / "scan.pdf").read_bytes(), "error", "text layer"),
]


@pytest.mark.parametrize("case", CASES + FILES, ids=lambda c: c.name)
def test_each_bad_input_gets_a_clear_message(tmp_path: Path, case: BadInput) -> None:
    path = case.materialise(tmp_path)
    if case.expect == "error":
        with pytest.raises(ParseError) as info:
            parse_file(path)
        message = str(info.value)
        assert path.name in message and "\n" not in message
        assert case.reason.lower() in message.lower(), message
    else:
        doc = parse_file(path)
        assert doc.questions
        if case.expect == "warn":
            assert any(case.reason in w for w in doc.warnings), doc.warnings


def test_a_batch_with_bad_files_loses_no_document(tmp_path: Path) -> None:
    src = tmp_path / "batch"
    shutil.copytree(EXAMPLES, src, ignore=shutil.ignore_patterns("*.py", "*.md", "*.ipynb"))
    good = len(list(src.glob("*.txt")))
    bad = [c for c in CASES + FILES if c.expect == "error"]
    for c in bad:
        c.materialise(src)
    store = KgStore.open(tmp_path / "s")
    report = build([src], store, jobs=2)
    failed = {Path(r.path).name for r in report.results if r.status == "failed"}
    assert failed == {c.filename for c in bad}
    assert report.built == good and store.count_documents() == good
    assert all(Path(r.path).name in r.message for r in report.results if r.status == "failed")


def test_the_robustness_tally_reports_no_crash_and_no_loss(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "robustness.py"
    out = subprocess.run([sys.executable, str(script), "--mutations", "150", "--shared", str(tmp_path / "none")], capture_output=True, text=True, timeout=600)
    print(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "crashes                 0" in out.stdout and "documents lost 0" in out.stdout
