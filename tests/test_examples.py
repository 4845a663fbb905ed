"""The analyst examples run as written: every examples/*.py script, and the notebook's code cells in
order (executed without Jupyter), each in a temporary working directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))

# What each script leaves in its output folder.
OUTPUTS = {
    "query_to_pandas.py": ["questions-per-member.csv"],
    "networks.py": ["entities.gexf", "member-office.graphml", "entities.png", "ministry-organisation.html"],
    "response_times.py": ["response-times.png"],
}


@pytest.fixture(autouse=True)
def extras() -> None:
    """The examples use the optional extras (analysis: pandas; figures: matplotlib)."""
    pytest.importorskip("pandas", reason="the examples need pandas (pip install 'kg[analysis]')")
    pytest.importorskip("matplotlib", reason="the examples need matplotlib (pip install 'kg[figures]')")


def test_there_are_examples() -> None:
    assert SCRIPTS and NOTEBOOKS
    assert set(OUTPUTS) == {p.name for p in SCRIPTS}, "list what a new example writes in OUTPUTS"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_runs(script: Path, tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, str(script), "out"], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, f"{script.name} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    for name in OUTPUTS[script.name]:
        assert (tmp_path / "out" / name).stat().st_size > 0, f"{script.name} did not write {name}"
    assert "Traceback" not in r.stderr


def code_cells(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    for src in cells:
        assert not any(line.lstrip().startswith(("%", "!")) for line in src.splitlines()), "no IPython magics: the test runs plain Python"
    return cells


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(notebook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for i, src in enumerate(code_cells(notebook), 1):
        try:
            exec(compile(src, f"{notebook.name}, code cell {i}", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"{notebook.name}, code cell {i} failed: {type(exc).__name__}: {exc}") from exc
    assert (tmp_path / "out" / "entities.gexf").exists() and (tmp_path / "out" / "response-times.png").exists()
    members = namespace["members"]
    assert len(members) > 0 and "publications" in members.columns  # type: ignore[attr-defined]


def test_notebook_is_clean() -> None:
    """Committed without outputs, so diffs stay readable and nothing private travels along."""
    for notebook in NOTEBOOKS:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, notebook.name
