"""Shared test fixtures: the examples, the seed, the store, and ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "ah-tk-20132014-seed-kindermishandeling.txt"
SHARED = (ROOT / ".." / "shared").resolve()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared: needs ../shared (skipped when absent)")
    config.addinivalue_line("markers", "slow: takes more than a few seconds")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only test material at ../shared; the test is skipped when it is absent."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.txt"))
