"""Incremental rebuilds: unchanged files skipped by their stat, only the touched cases re-derived,
with the same store as a build from scratch."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build
import kg.rdf
from kg.build import build
from kg.derive import CASES_GRAPH, derive_cases
from kg.store import FILESTAT, STALE, KgStore

from .conftest import EXAMPLES

KV = "kv-tk-2024Z90001.txt"
NOTICE = "ah-tk-20132014-2290.txt"
ANSWER_HEADING = """Vragen van de leden Van Nispen (SP) en Ellian (VVD) aan de Minister van
Justitie en Veiligheid en de Minister voor Rechtsbescherming over de
wachttijden bij de Raad voor de Kinderbescherming (ingezonden 4 maart
2024).
Antwoord van Minister Weerwind (Rechtsbescherming), mede namens de
Minister van Justitie en Veiligheid (ontvangen 2 mei 2024)."""
KV_HEADING = """Vragen van de leden Podt (D66) en Van Nispen (SP) aan de Minister van Asiel
en Migratie over de opvang van alleenstaande minderjarige vreemdelingen
(ingezonden 20 november 2024).
Antwoord van Minister Faber (Asiel en Migratie) (ontvangen 10 december 2024)."""


def _src(tmp: Path) -> Path:
    d = tmp / "in"
    shutil.copytree(EXAMPLES, d, ignore=shutil.ignore_patterns("*.py", "*.md", "*.ipynb"))
    _age(d)
    return d


def _age(d: Path) -> None:
    """Date the files back, as files written long before the build (recent ones are never cached)."""
    old = time.time_ns() - 60 * 10**9
    for f in d.iterdir():
        os.utime(f, ns=(old, old))


def _answer(number: int, heading: str = ANSWER_HEADING) -> str:
    template = (EXAMPLES / "ah-tk-20232024-9001.txt").read_text()
    assert ANSWER_HEADING in template
    return template.replace(ANSWER_HEADING, heading).replace("9001", str(number))


def _cases(store: KgStore) -> set[ox.Quad]:
    return set(store.quads(CASES_GRAPH))


def _assert_same_as_full(store: KgStore) -> set[ox.Quad]:
    incremental = _cases(store)
    derive_cases(store)
    assert incremental == _cases(store)
    return incremental


@pytest.fixture
def derived(monkeypatch: pytest.MonkeyPatch) -> list[set[str] | None]:
    """The `changed` argument of every derive during the test."""
    calls: list[set[str] | None] = []

    def spy(store: KgStore, changed: set[str] | None = None, *more: object) -> int:
        calls.append(None if changed is None else set(changed))
        return derive_cases(store, changed, *more)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.build, "derive_cases", spy)
    return calls


def test_incremental_derive_equals_a_full_derive(tmp_path: Path, derived: list[set[str] | None]) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    assert derived == [None]  # a new store: derived as a whole
    start = _cases(store)

    steps = [
        ("a new document", lambda: (src / "ah-tk-20232024-9002.txt").write_text(_answer(9002))),
        ("the answer to the published questions (kv → answer)", lambda: (src / "ah-tk-20242025-9003.txt").write_text(_answer(9003, KV_HEADING))),
        ("a changed zaak number", lambda: (src / KV).write_text((src / KV).read_text().replace("\n2024Z90001\n", "\n2024Z90777\n"))),
        ("a removed postponement notice", lambda: (src / NOTICE).unlink()),
        ("the published questions removed", lambda: (src / KV).unlink()),
    ]
    seen = [start]
    for what, change in steps:
        change()
        report = build([src], store, jobs=1, prune=True)
        assert report.built + report.pruned == 1, what
        assert derived[-1] is not None and len(derived[-1]) >= 1, what  # only the touched cases
        seen.append(_assert_same_as_full(store))
        assert seen[-1] != seen[-2], what
    # the answer joined the case of the published questions, under their (changed) zaak number
    rows = store.query(f"SELECT ?c WHERE {{ GRAPH <{CASES_GRAPH}> {{ ?c kg:zaaknummer \"2024Z90777\" ; kg:status \"beantwoord\" }} }}")
    assert len(list(rows)) == 0  # removed with the published questions at the end
    assert any("2024Z90777" in str(q.subject) and "beantwoord" in str(q.object) for q in seen[-3])


def test_a_print_with_two_zaak_numbers_takes_the_smallest(tmp_path: Path) -> None:
    src = _src(tmp_path)
    (src / "kv-tk-2024Z90000.txt").write_text((src / KV).read_text().replace("2024Z90001", "2024Z90000"))
    (src / "ah-tk-20242025-9003.txt").write_text(_answer(9003, KV_HEADING))
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    rows = store.query(
        f"""SELECT ?n WHERE {{ ?a dcterms:identifier "ah-tk-20232024-9003" .
            GRAPH <{CASES_GRAPH}> {{ ?c kg:publicatie ?a ; kg:zaaknummer ?n }} }}"""
    )
    assert [r["n"].value for r in rows] == ["2024Z90000"]


def test_unchanged_files_are_not_read_and_no_worker_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    first = build([src], store, jobs=2)
    assert (tmp_path / "s" / FILESTAT).exists()

    def no(*args: object, **kw: object) -> None:
        raise AssertionError("should not be called")

    monkeypatch.setattr(kg.build, "read_limited", no)
    monkeypatch.setattr(kg.build, "ProcessPoolExecutor", no)
    again = build([src], store, jobs=2)
    assert again.skipped == first.built and again.built == 0
    assert [r.path for r in again.results] == [r.path for r in first.results]


def test_the_file_stats_are_only_a_hint(tmp_path: Path) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    first = build([src], store, jobs=1)
    # a document graph lost behind the build's back (say, by a killed build): its file is built again
    kv_graph = next(g for g in store.document_graphs() if "2024Z90001" in g)
    store.remove_graph(kv_graph)
    again = build([src], store, jobs=1)
    assert [Path(r.path).name for r in again.results if r.status == "built"] == [KV]
    # a changed file is read, even with its old size and time
    kv = src / KV
    st = kv.stat()
    kv.write_text(kv.read_text().replace("Vraag 1\nHoeveel", "Vraag 1\nHoevéél"))
    assert kv.stat().st_size != st.st_size
    assert build([src], store, jobs=1).built == 1
    # a corrupt or missing cache is ignored; --force ignores it too
    (tmp_path / "s" / FILESTAT).write_bytes(b"\xff\x00garbage\n1\t2\n")
    assert build([src], store, jobs=1).skipped == first.built
    (tmp_path / "s" / FILESTAT).unlink()
    assert build([src], store, jobs=1).skipped == first.built
    assert build([src], store, jobs=1, force=True).built == first.built


def test_recently_changed_files_are_not_remembered(tmp_path: Path) -> None:
    src = _src(tmp_path)
    (src / KV).touch()  # modified just now: its time may not tell a later change within the same tick
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    remembered = (tmp_path / "s" / FILESTAT).read_text()
    assert KV not in remembered and NOTICE in remembered


def test_a_killed_build_is_followed_by_a_whole_derive(tmp_path: Path, derived: list[set[str] | None]) -> None:
    src = _src(tmp_path)
    store = KgStore.open(tmp_path / "s")
    build([src], store, jobs=1)
    # documents written, then killed before the cases were derived
    store.set_derive_pending(True)
    stale = next(iter(_cases(store)))
    store.raw.remove(stale)
    report = build([src], store, jobs=1)
    assert report.built == 0
    assert derived[-1] is None and stale in _cases(store)
    assert not store.derive_pending()


def _manifest_stands(store: KgStore) -> None:
    assert store.has_saved_manifest()
    assert store.manifest() == store.manifest(from_graphs=True)


def test_the_saved_manifest_is_the_graphs_manifest(tmp_path: Path) -> None:
    """After every kind of build the manifest saved for the next build equals the one in the graphs,
    and any write to the store removes it first."""
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        _manifest_stands(store)
        (src / "ah-tk-20239999-9002.txt").write_text(_answer(9002), encoding="utf-8")  # a new file
        (src / KV).write_text((src / KV).read_text() + "\n", encoding="utf-8")  # a changed file
        build([src], store, jobs=1)
        _manifest_stands(store)
        shutil.copy(src / NOTICE, src / "copy-of-the-notice.txt")  # the same publication twice
        build([src], store, jobs=1)
        _manifest_stands(store)
        (src / "bad.txt").write_text("geen kamervraag", encoding="utf-8")  # a failure changes nothing
        (src / "ah-tk-20239999-9002.txt").unlink()
        build([src], store, jobs=1, prune=True)
        _manifest_stands(store)
        build([src], store, jobs=1, force=True)
        _manifest_stands(store)
        store.remove_graph(next(iter(store.manifest().values())).graph)  # a write outside a build
        assert not store.has_saved_manifest() and (tmp_path / "s" / "manifest.tsv").read_text().endswith("\n# dirty\n")
        assert store.manifest() == store.manifest(from_graphs=True)
    with KgStore.open(tmp_path / "s") as store:
        assert not store.has_saved_manifest()
        build([src], store, jobs=1)
        _manifest_stands(store)


def test_graphs_made_by_another_parser_version_are_mapped_again(tmp_path: Path) -> None:
    """An upgrade that changes what a document graph says (here: the sort keys of paged lists) re-maps
    the files whose graphs an older version made, even when the files did not change."""
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        first = build([src], store, jobs=1)
        graph = store.manifest()[str(src / KV)].graph
        store.raw.update(
            f"""PREFIX kg: <https://w3id.org/kg-kamervragen/def#>
            DELETE {{ GRAPH <{graph}> {{ ?run kg:parserversie ?v . ?d kg:sorteersleutel ?k }} }}
            INSERT {{ GRAPH <{graph}> {{ ?run kg:parserversie "kg/0.1.0" }} }}
            WHERE {{ GRAPH <{graph}> {{ ?run kg:parserversie ?v . ?d kg:sorteersleutel ?k }} }}"""
        )
    saved = tmp_path / "s" / "manifest.tsv"  # as an older version saved it: another header
    saved.write_text(saved.read_text().replace(f" ({kg.rdf.PARSER_VERSION})", "", 1), encoding="utf-8")
    with KgStore.open(tmp_path / "s") as store:
        assert store.manifest()[str(src / KV)].sha256 == STALE
        build([src / NOTICE], store, jobs=1, force=True)  # a build of other files keeps the stale entry, readably
        assert store.has_saved_manifest() and store.manifest()[str(src / KV)].sha256 == STALE
        assert store.manifest() == store.manifest(from_graphs=True)
        again = build([src], store, jobs=1)
        assert (again.built, again.skipped) == (1, first.built - 1)
        assert store.manifest() == store.manifest(from_graphs=True)
        keys = store.query(f"SELECT ?k WHERE {{ GRAPH <{graph}> {{ ?d kg:sorteersleutel ?k }} }}")
        assert len(list(keys)) == 1


def test_a_damaged_saved_manifest_is_not_trusted(tmp_path: Path) -> None:
    src = _src(tmp_path)
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    saved = tmp_path / "s" / "manifest.tsv"
    for damage in ("", "garbage\n", saved.read_text().replace("\t", " ", 1)):
        saved.write_text(damage, encoding="utf-8")
        with KgStore.open(tmp_path / "s") as store:
            assert store.manifest() == store.manifest(from_graphs=True) != {}


def test_the_saved_manifest_and_file_stats_grow_by_what_a_build_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that changed a few files appends their entries to manifest.tsv and filestat.tsv (a
    100k-line file is not rewritten for one document); a cut-off last line or a long journal means
    the next save rewrites it whole."""
    import kg.store

    src = _src(tmp_path)
    manifest, filestat = tmp_path / "s" / "manifest.tsv", tmp_path / "s" / FILESTAT
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
    before_m, before_f = manifest.read_text(), filestat.read_text()
    kv = src / KV

    def change() -> None:  # kv changed, long ago (the other files keep their times)
        kv.write_text(kv.read_text().replace("Vraag 1", "Vraag 1 ", 1))
        old = time.time_ns() - 60 * 10**9
        os.utime(kv, ns=(old, old))

    change()
    (src / NOTICE).unlink()
    with KgStore.open(tmp_path / "s") as store:
        assert build([src], store, jobs=1, prune=True).built == 1
    added_m, added_f = manifest.read_text().removeprefix(before_m), filestat.read_text().removeprefix(before_f)
    assert added_m.startswith("# dirty\n") and added_m.endswith("# clean\n") and f"-\t\t{src / NOTICE}\n" in added_m
    assert sorted(added_f.splitlines()) == sorted([f"-\t{src / NOTICE}", next(x for x in added_f.splitlines() if x.endswith(str(kv)))])
    with KgStore.open(tmp_path / "s") as store:
        _manifest_stands(store)
        stats = store.file_stats()
        assert str(src / NOTICE) not in stats and stats[str(kv)][:2] == (kv.stat().st_size, kv.stat().st_mtime_ns)
        assert build([src], store, jobs=1).skipped == len(stats)  # nothing read again
    # a cut-off last line: not trusted, and rewritten whole by the next save
    for f in (manifest, filestat):
        f.write_text(f.read_text()[:-5])
    change()
    with KgStore.open(tmp_path / "s") as store:
        assert not store.has_saved_manifest() and store.manifest() == store.manifest(from_graphs=True)
        build([src], store, jobs=1)
    assert "\n# dirty\n" not in manifest.read_text() and all(line.count("\t") == 3 for line in filestat.read_text().splitlines())
    with KgStore.open(tmp_path / "s") as store:
        _manifest_stands(store)
    # a journal grown long is rewritten
    monkeypatch.setattr(kg.store, "JOURNAL_SLACK", -1)
    change()
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        _manifest_stands(store)
    assert "# " not in manifest.read_text().split("\n", 1)[1] and not any(x.startswith("-") for x in filestat.read_text().splitlines())


def test_the_journals_keep_odd_file_names(tmp_path: Path) -> None:
    """A carriage return or a tab inside a file name, or a name like a tombstone, reads back as written."""
    from kg.store import FileStat, ManifestEntry

    names = ["a\rb.txt", "tab\there.txt", "-", "-\t-"]
    manifest = {n: ManifestEntry(n, f"{i:064x}", f"urn:g{i}") for i, n in enumerate(names)}
    stats = {n: FileStat(i, i * 10, f"{i:064x}") for i, n in enumerate(names)}
    with KgStore.open(tmp_path / "s") as store:
        store.save_manifest(manifest)
        store.save_file_stats(stats)
    with KgStore.open(tmp_path / "s") as store:
        assert store.manifest() == manifest and store.file_stats() == stats
        store.save_file_stats({n: s for n, s in stats.items() if n != "-"}, changed=["-"])  # appended: a tombstone
    with KgStore.open(tmp_path / "s") as store:
        assert store.file_stats() == {n: s for n, s in stats.items() if n != "-"}


def test_files_that_swap_publications_keep_both(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_answer(9101))
    (src / "b.txt").write_text(_answer(9102))
    with KgStore.open(tmp_path / "s") as store:
        build([src], store, jobs=1)
        (src / "a.txt").write_text(_answer(9102))
        (src / "b.txt").write_text(_answer(9103))
        (src / "c.txt").write_text(_answer(9101))  # a's old publication, now in a file after it
        _age(src)
        assert build([src], store, jobs=1).built == 3
        assert sorted(g.rsplit("-", 1)[-1] for g in store.document_graphs()) == ["9101", "9102", "9103"]
        _manifest_stands(store)
        with KgStore.open(tmp_path / "fresh") as fresh:
            build([src], fresh, jobs=1)
            assert store.manifest(from_graphs=True) == fresh.manifest(from_graphs=True)


def test_a_build_that_stops_closes_its_digest_spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new store's build keeps the documents' digests in an unnamed file until the derive; a build
    that stops before it (strict, a file that fails) closes that file."""
    from kg.build import _DigestSpool
    from kg.errors import ParseError
    from kg.readers.layout import SAMPLE

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text("not a written question", encoding="utf-8")
    spools: list[_DigestSpool] = []
    made = _DigestSpool.__init__

    def spy(self: _DigestSpool, folder: Path | None) -> None:
        made(self, folder)
        spools.append(self)

    monkeypatch.setattr(_DigestSpool, "__init__", spy)
    with KgStore.open(tmp_path / "store", create=True) as store, pytest.raises(ParseError):
        build([tmp_path / "docs"], store, jobs=1, strict=True)
    assert spools and all(spool.file.closed for spool in spools)
