"""The command line: messages and documented exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import KgStore

from .conftest import EXAMPLES, SEED

runner = CliRunner()


def kg(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    s = tmp_path / "store"
    r = kg("build", EXAMPLES, "--store", s, "--quiet")
    assert r.exit_code == 0, r.output
    return s


def test_parse_prints_the_contract_record() -> None:
    r = kg("parse", SEED, "--json")
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)
    assert rec["kind"] == "answer" and {k: rec["askers"][0][k] for k in ("name", "party")} == {"name": "Ypma", "party": "PvdA"}
    assert rec["askers"][0]["ids"]["wikidata"] == "Q1194971"  # linked from the built-in facts


def test_parse_several_files_prints_a_list(example_files: list[Path]) -> None:
    r = kg("parse", *example_files)
    assert r.exit_code == 0
    assert len(json.loads(r.stdout)) == len(example_files)


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 3, "the file is empty"),
        (b"Het kabinet presenteerde vandaag de begroting.\n", 3, "not a written-question document"),
        (bytes(range(256)) * 8, 3, "binary data"),
    ],
)
def test_parse_refuses_bad_input_with_a_clear_message(tmp_path: Path, content: bytes, code: int, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = kg("parse", f)
    assert r.exit_code == code
    assert message in r.stderr and "bad.txt" in r.stderr


def test_parse_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    r = kg("parse", tmp_path / "nope.txt")
    assert r.exit_code == 2 and "does not exist" in r.stderr


def test_parse_mixed_batch_goes_on_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Geen Kamervraag.\n")
    r = kg("parse", SEED, bad)
    assert r.exit_code == 1
    assert len(json.loads(r.stdout)) == 1


def test_build_reports_a_summary(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    (src / "news.txt").write_text("Het kabinet presenteerde vandaag de begroting.\n")
    r = kg("build", src, "--store", tmp_path / "s")
    assert r.exit_code == 1
    assert "4 built, 0 unchanged, 1 failed" in r.stderr
    assert "news.txt" in r.stderr and "not a written-question document" in r.stderr
    r = kg("build", src, "--store", tmp_path / "s", "--strict")
    assert r.exit_code == 3


@pytest.mark.parametrize(("flag", "given"), [((), None), (("--optimize",), True), (("--no-optimize",), False)])
def test_build_passes_on_whether_to_compact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: tuple[str, ...], given: bool | None) -> None:
    import kg.build as kg_build

    seen: dict[str, object] = {}
    real = kg_build.build
    monkeypatch.setattr(kg_build, "build", lambda *a, **k: seen.update(k) or real(*a, **k))
    r = kg("build", EXAMPLES, "--store", tmp_path / "s", "--quiet", *flag)
    assert r.exit_code == 0, r.output
    assert seen["optimize"] is given


def test_a_store_left_uncompacted_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import collections

    import kg.build as kg_build

    monkeypatch.setattr(kg_build, "OPTIMIZE_DOCS", 1)
    monkeypatch.setattr(kg_build.shutil, "disk_usage", lambda p: collections.namedtuple("U", "total used free")(10, 10, 0))
    r = kg("build", EXAMPLES, "--store", tmp_path / "s", "--quiet")
    assert r.exit_code == 0 and "kg: warning: not compacted: 0.0 GB free" in r.stderr


def test_compacting_is_for_the_local_store_and_not_while_another_writer_has_it(store: Path) -> None:
    r = kg("build", EXAMPLES, "--endpoint", "http://127.0.0.1:9/store", "--optimize")
    assert r.exit_code == 2 and "--optimize is for the local store" in r.stderr
    with KgStore.open(store):
        r = kg("optimize", "--store", store)
    assert r.exit_code == 4 and "locked" in r.stderr


def test_optimize_compacts_a_store_and_says_how_large_it_is(store: Path) -> None:
    before = kg("query", "questions-per-member", "--store", store, "--format", "csv").stdout
    r = kg("optimize", "--store", store)
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith(f"optimized {store}: ") and " MB → " in r.stderr and r.stderr.rstrip().endswith(" s")
    assert kg("query", "questions-per-member", "--store", store, "--format", "csv").stdout == before
    r = kg("optimize", "--store", store.parent / "nothing")
    assert r.exit_code == 2 and "no store at" in r.stderr


def test_query_named_with_parameter(store: Path) -> None:
    r = kg("query", "questions-per-member", "--param", "mp=nispen", "--store", store, "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("member,") and len(lines) == 2 and lines[1].startswith("Van Nispen,SP,2,")


def test_query_pages(store: Path) -> None:
    whole = kg("query", "questions-per-member", "--store", store, "--format", "csv").stdout.strip().splitlines()
    r = kg("query", "questions-per-member", "--store", store, "--format", "csv", "--limit", "1", "--offset", "1")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines() == [whole[0], whole[2]]
    r = kg("query", "questions-per-member", "--store", store, "--limit", "1")
    assert "more rows follow: --offset 1" in r.stdout
    assert kg("query", "questions-per-member", "--store", store, "--limit", "-1").exit_code == 2


def test_query_parameter_cannot_change_the_query(store: Path) -> None:
    r = kg("query", "questions-per-member", "--param", 'mp=x") } } DROP ALL #', "--store", store, "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines() == ["member,fractie,publications,questions,first,last"]


def test_query_from_stdin_and_formats(store: Path) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Vragenpublicatie }"
    for fmt, expected in [("csv", "n\n1"), ("tsv", "?n\n1"), ("json", '"value": "1"'), ("xml", "<literal datatype=")]:
        r = kg("query", "-", "--store", store, "--format", fmt, input=q)
        assert r.exit_code == 0, r.output
        assert expected in r.stdout.replace("\r\n", "\n"), (fmt, r.stdout)


def test_query_errors_have_exit_code_5(store: Path) -> None:
    r = kg("query", "no-such-query", "--store", store)
    assert r.exit_code == 5 and "no named query" in r.stderr
    r = kg("query", "-", "--store", store, input="SELEKT nothing")
    assert r.exit_code == 5 and "malformed SPARQL" in r.stderr
    r = kg("query", "questions-per-member", "--param", "nope=1", "--store", store)
    assert r.exit_code == 5 and "has no parameter nope" in r.stderr


def test_query_without_store_is_a_store_error(tmp_path: Path) -> None:
    r = kg("query", "questions-per-member", "--store", tmp_path / "none")
    assert r.exit_code == 4 and "no kg store" in r.stderr


def test_construct_prints_turtle(store: Path) -> None:
    q = "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d dcterms:title ?t }"
    r = kg("query", "-", "--store", store, "--format", "nt", input=q)
    assert r.exit_code == 0 and "<http://purl.org/dc/terms/title>" in r.stdout


def test_queries_lists_the_library() -> None:
    r = kg("queries")
    assert r.exit_code == 0 and "questions-per-member" in r.stdout


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_formats_parse_back(store: Path, tmp_path: Path, fmt: str) -> None:
    import rdflib

    out = tmp_path / f"out.{fmt}"
    r = kg("export", "--format", fmt, "-o", out, "--store", store)
    assert r.exit_code == 0, r.output
    rdflib_fmt = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib_fmt)
    assert sum(len(g) for g in ds.graphs()) > 100


def test_export_merged_triples_each_once(store: Path, tmp_path: Path) -> None:
    """N-Triples merge the graphs: every triple of the store once, none repeated."""
    out = tmp_path / "out.nt"
    assert kg("export", "--format", "nt", "-o", out, "--store", store).exit_code == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    with KgStore.open(store, read_only=True) as s:
        distinct = {(q.subject, q.predicate, q.object) for q in s.quads()}
    assert len(lines) == len(set(lines)) == len(distinct)


def test_validate_conforms(store: Path) -> None:
    r = kg("validate", "--store", store)
    assert r.exit_code == 0, r.output


def test_console_script_runs() -> None:
    exe = Path(sys.executable).parent / "kg"
    r = subprocess.run([str(exe), "parse", str(SEED)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and json.loads(r.stdout)["session"] == "2013-2014"


def test_export_dcat_describes_the_dataset(store: Path) -> None:
    import rdflib

    r = kg("export", "--dcat", "--store", store, "--base-url", "https://data.example.org/kv/")
    assert r.exit_code == 0, r.output
    g = rdflib.Graph().parse(data=r.stdout, format="turtle")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    (ds,) = g.subjects(rdflib.RDF.type, dcat.Dataset)
    assert len(list(g.objects(ds, dcat.distribution))) == 4
    assert str(ds) == "https://data.example.org/kv/dataset"


def test_export_graph_tells_its_progress(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`export graph -o` gives the bar the nodes and edges written; --quiet (or stdout) has no bar."""
    from kg import cli

    seen: list = []

    def bar(quiet: bool, what: str, unit: str = "files"):
        seen.append((quiet, what, unit))
        return (None if quiet else lambda done, total: seen.append((done, total))), lambda: seen.append("finished")

    monkeypatch.setattr(cli, "_bar", bar)
    r = kg("export", "graph", "--projection", "entities", "-o", tmp_path / "g.gexf", "--store", store)
    assert r.exit_code == 0, r.output
    assert seen[0] == (False, "exporting entities", "nodes+edges") and seen[-1] == "finished"
    done, total = seen[-2]
    assert done == total > 0
    seen.clear()
    assert kg("export", "graph", "-o", tmp_path / "g.graphml", "--store", store, "--quiet").exit_code == 0
    assert kg("export", "graph", "-f", "d3", "--store", store).exit_code == 0
    assert seen == [(True, "exporting entities", "nodes+edges"), "finished"] * 2


def test_the_steps_after_the_bar_are_named_by_a_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar is stopped once, at the first step; the spinner names each step."""
    from kg import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown: list[str] = []

    class Status:
        def __init__(self, text: str) -> None:
            shown.append(text)

        def start(self) -> None:
            shown.append("started")

        def update(self, text: str) -> None:
            shown.append(text)

        def stop(self) -> None:
            shown.append("stopped")

    monkeypatch.setattr(cli.err, "status", Status)
    stage, end = cli._stages(False, lambda: shown.append("bar stopped"))
    assert stage is not None
    stage("deriving")
    stage("optimizing")
    end()
    assert shown == ["bar stopped", "deriving the cases and summaries", "started", "compacting the store", "stopped"]
    assert cli._stages(True, lambda: shown.append("bar stopped"))[0] is None


def test_the_build_help_gives_the_size_from_which_a_new_store_is_compacted() -> None:
    from kg.build import OPTIMIZE_DOCS

    text = " ".join(kg("build", "--help").stdout.replace("│", " ").split())
    assert f"new store of {OPTIMIZE_DOCS:,} documents" in text
