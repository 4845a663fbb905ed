"""Smoke tests of the benchmark generator: deterministic, realistic enough that kg parses what it says.

Never timed: the benchmarks print figures, they do not assert on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import generator

from kg.readers import read_bytes


@pytest.fixture(scope="module")
def docs() -> list[generator.GeneratedDoc]:
    return list(generator.generate_docs(60, seed=3))


def test_deterministic_and_prefix_stable() -> None:
    a = list(generator.generate(12, seed=5))
    assert a == list(generator.generate(12, seed=5))
    assert a[:7] == list(generator.generate(7, seed=5))
    assert a != list(generator.generate(12, seed=6))


def test_names_are_unique_and_shaped_like_the_corpus(docs: list[generator.GeneratedDoc]) -> None:
    names = [d.name for d in docs]
    assert len(set(names)) == len(names)
    assert all(n.startswith(("ah-tk-", "kv-tk-")) and n.endswith(".pdftotext.txt") for n in names)
    assert {d.kind for d in generator.generate_docs(200, seed=3)} == {"answer", "questions", "notice"}


def test_layout_of_a_document(docs: list[generator.GeneratedDoc]) -> None:
    d = next(d for d in docs if d.kind == "answer" and d.footnotes and "\f" in d.text.rstrip("\f"))
    text = d.text
    assert text.startswith("Tweede Kamer der Staten-Generaal\n\nVergaderjaar ")
    assert "\nAanhangsel van de Handelingen\n" in text
    assert "\nAntwoord van " in text and "(ontvangen " in text
    assert f"\n{d.pub_id}\nISSN 0921 - 7398\n" in text
    assert ", Aanhangsel\n\n1\n" in text and text.endswith("\f")
    assert 1_000 < len(text.encode()) < 40_000


def test_every_document_parses_as_generated(docs: list[generator.GeneratedDoc]) -> None:
    mismatches = []
    for g in docs:
        doc = read_bytes(g.text.encode("utf-8"), g.name)  # raises on failure
        assert doc.kind.value == g.kind, g.name
        assert doc.id == g.pub_id, g.name
        assert [(m.name, m.party) for m in doc.askers] == g.askers, g.name
        assert len(doc.addressees) == len(g.addressees), g.name
        got = ([q.number for q in doc.questions], len(doc.answers), len(doc.footnotes))
        if got != (g.question_labels, g.answers, g.footnotes):
            mismatches.append((g.name, got))
    # wrapped sentences can fool the block labels now and then (see benchmarks/PROFILE.md); most documents must match
    assert len(mismatches) <= len(docs) // 10, mismatches


def test_facts_cover_every_year() -> None:
    for year in range(generator.FIRST_SESSION, generator.LAST_SESSION + 2):
        assert len(generator._members(year)) >= 15, year
        for topic in generator.TOPICS:
            holder = generator._pick_holder(__import__("random").Random(0), topic.lineage, year, "Minister")
            assert holder.start - 1 <= year <= holder.end + 1, (topic.lineage, year, holder)


def test_the_new_document_of_the_incremental_benchmark_is_another_publication_naming_a_new_entity(
    docs: list[generator.GeneratedDoc], tmp_path: Path
) -> None:
    import run

    from kg.pipeline import parse_bytes

    for d in docs:
        (tmp_path / d.name).write_text(d.text, encoding="utf-8")
    before = {p.name for p in tmp_path.iterdir()}
    new = run.add_one(tmp_path)
    assert new.name not in before
    doc = parse_bytes(new.read_bytes(), new.name)
    model = parse_bytes((tmp_path / new.name.replace(f"-{doc.number}.", f"-{doc.number - 90_000}.")).read_bytes(), new.name)
    assert doc.number == model.number + 90_000 and str(doc.number) in doc.id
    assert {e.key for e in doc.entities} - {e.key for e in model.entities}  # a Kamerstuk the model does not cite


def test_the_build_cpu_is_told_by_part() -> None:
    """The build's own process: its main thread, the bulk loader's thread, the rest (never timed)."""
    import threading
    import time

    import run

    def busy() -> None:  # about 0.1 CPU-s, letting the sampler in now and then
        n = 0
        for _ in range(40):
            for i in range(10**5):
                n += i
            time.sleep(0.001)

    began = time.process_time()
    with run.ThreadCpu(every=0.01) as cpu:
        loader = threading.Thread(target=busy, name="kg-bulk-load")
        loader.start()
        loader.join()
        busy()
    spent, parts = time.process_time() - began, cpu.parts
    assert parts["main"] > 0.03 and parts["bulk loader"] > 0.03, parts
    assert sum(parts.values()) + cpu.unsampled == pytest.approx(spent, abs=0.05), (parts, cpu.unsampled, spent)


def test_the_least_build_time_is_parse_and_bulk_load_over_the_cpus() -> None:
    import run

    R = {"cpus": 2, "build": {"built": 1000}, "bulk": {"cpu_s": 5.0},
         "stages": {"parsed": 100, "t_read": 0.1, "t_extract": 0.3, "t_map": 0.08, "t_serialise": 0.02}}  # fmt: skip
    assert run.build_floor(R) == pytest.approx((0.005 * 1000 + 5.0) / 2)
    own = {**R, "build": {"built": 1000, "writer_cpu_s": {"bulk loader": 3.0, "RocksDB": 1.0, "main": 9.0}}}
    assert run.build_floor(own) == pytest.approx((0.005 * 1000 + 4.0) / 2)  # the build's own loads cost less
    assert run.build_floor({**R, "bulk": None}) is None
