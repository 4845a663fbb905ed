"""The parser against the gold records in ../shared (skipped when absent), via the project's scorer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared

KG = str(Path(sys.executable).parent / "kg")


def _score(shared: Path, corpus: Path) -> str:
    cmd = [sys.executable, str(shared / "tools" / "score.py"), "--gold", str(shared / "gold"), "--corpus", str(corpus), "--", KG, "parse", "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _rows(text: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"(?m)^(\S+)\s+(?:\d+\s+)?([01]\.\d{3})$", text)}


def test_seed_scores_one_on_every_field(shared: Path) -> None:
    rows = _rows(_score(shared, shared / "seeds"))
    fields = {k: v for k, v in rows.items() if k not in ("txt",)}
    assert fields and all(v == 1.0 for v in fields.values()), fields


def test_text_formats_reach_the_bar(shared: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in (shared / "corpus" / "txt").glob("*.p*.txt"):  # pdftotext and pdf-extract
        (corpus / f.name).symlink_to(f)
    rows = _rows(_score(shared, corpus))
    assert rows["pdftotext.txt"] >= 0.90 and rows["pdf-extract.txt"] >= 0.90, rows
