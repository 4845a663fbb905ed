"""The linking stage: importing reference data in each public format, syncing, and time-aware resolution."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from kg.link import RefdataError, default_index_dir, import_sources, link, load_index, report, sync
from kg.link.formats import detect_text
from kg.link.refdata import INDEX_FILE, RefIndex
from kg.model import Chamber, Document, Entity, EntityType, Kind, Member, Office, Official, Role

FIXTURES = Path(__file__).parent / "fixtures" / "link"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> RefIndex:
    folder = tmp_path_factory.mktemp("refdata")
    import_sources([FIXTURES], folder, include_facts=False)
    idx = load_index(folder)
    assert idx is not None
    idx.min_coverage = 0.0  # the fixtures know a handful of members, not the whole chamber
    return idx


def doc(day: str | None = None, answered: str | None = None, **fields: object) -> Document:
    d = dt.date.fromisoformat(day) if day else None
    a = dt.date.fromisoformat(answered) if answered else d
    return Document(kind=Kind.ANSWER, date_submitted=d, date_answered=a, source="test", **fields)  # type: ignore[arg-type]


def asker(idx: RefIndex, name: str, party: str | None, day: str) -> Member:
    return link(doc(day, askers=(Member(name, party),)), idx).askers[0]


def why(links: tuple) -> str:
    return " ".join(f"{x.value}: {x.method}" for x in links if x.scheme == "unresolved")


# --- formats and import ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("tk/Persoon-1.json", "tk-odata"),
        ("tk/FractieZetelPersoon.json", "tk-odata"),
        ("wikidata_tk_members.json", "wikidata-sparql"),
        ("polder_personen.jsonl", "polder-persons"),
        ("polder_mandaten.tsv", "polder-mandates"),
        ("polder_organisaties.jsonl", "polder-orgs"),
        ("polder_posten.jsonl", "polder-posts"),
        ("openkamer_person.json", "openkamer-fixture"),
        ("openkamer_government.json", "openkamer-fixture"),
        ("openkamer_politicalparty.tsv", "openkamer-parties"),
        ("bwb_index.tsv", "bwb-index"),
        ("README.md", None),
    ],
)
def test_each_format_is_detected_by_content(name: str, fmt: str | None) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert detect_text(text, "renamed.dat") == fmt


def test_import_records_sources_and_loads_fast(tmp_path: Path) -> None:
    summary = import_sources([FIXTURES], tmp_path)
    assert summary.index_path == tmp_path / INDEX_FILE and summary.size_bytes > 0
    formats = {s.format for s in summary.sources}
    assert {
        "tk-odata",
        "wikidata-sparql",
        "polder-persons",
        "polder-mandates",
        "polder-orgs",
        "polder-posts",
        "openkamer-fixture",
        "openkamer-parties",
        "bwb-index",
    } <= formats
    polder = next(s for s in summary.sources if s.path.endswith("polder_personen.jsonl"))
    assert (polder.repo, polder.licence, polder.commit[:7]) == ("anneschuth/polder", "CC0-1.0", "82b2d3b")
    assert len(polder.sha256) == 64
    assert next(s for s in summary.sources if s.format == "tk-odata").licence.startswith("CC0")
    assert summary.laws == 4 and summary.organisations == 3
    assert summary.skipped == ()  # README.md and MANIFEST.tsv are documentation, not data
    start = time.perf_counter()
    idx = load_index(tmp_path)
    assert idx is not None and time.perf_counter() - start < 1.0
    assert {s.path for s in idx.sources} == {s.path for s in summary.sources}


def test_odata_pages_fracties_and_deleted_records(index: RefIndex) -> None:
    by_tk = {p.tk: p for p in index.persons.values() if p.tk}
    assert "33333333-3333-4333-8333-333333333333" in by_tk  # from the second page
    assert "99999999-9999-4999-8999-999999999999" not in by_tk  # Verwijderd
    inge = by_tk["33333333-3333-4333-8333-333333333333"]
    assert [m.party_key for m in inge.mandates if m.kind == "tk"] == ["cda"]  # the deleted NSC seat is ignored
    assert index.parties.get("NSC").tk_fractie == "bbbbbbbb-0000-4000-8000-00000000000b"


def test_shared_identifier_within_a_source_is_not_trusted(index: RefIndex) -> None:
    dubbelgang = [p for p in index.persons.values() if p.label.endswith("Dubbelgang")]
    assert len(dubbelgang) == 2 and all(p.tk is None and p.wikidata for p in dubbelgang)


def test_index_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("KG_REFDATA", raising=False)
    assert default_index_dir() == tmp_path / "xdg" / "kg" / "refdata"
    assert load_index() is None
    import_sources([FIXTURES / "bwb_index.tsv"], tmp_path / "env")
    monkeypatch.setenv("KG_REFDATA", str(tmp_path / "env"))
    assert load_index() is not None
    assert load_index(tmp_path / "env" / INDEX_FILE) is not None
    con = sqlite3.connect(tmp_path / "env" / INDEX_FILE)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(RefdataError, match="import"):
        load_index()


def test_import_refuses_missing_and_unknown_input(tmp_path: Path) -> None:
    with pytest.raises(RefdataError, match="no such file"):
        import_sources([tmp_path / "nope"], tmp_path / "idx")
    (tmp_path / "x.txt").write_text("nothing to see\n")
    with pytest.raises(RefdataError, match="no reference data"):
        import_sources([tmp_path / "x.txt"], tmp_path / "idx")
    good = (FIXTURES / "polder_personen.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "bad.jsonl").write_text(good + "\n" + good[:40] + "\n")  # a line cut short
    with pytest.raises(RefdataError, match="malformed polder persons"):
        import_sources([tmp_path / "bad.jsonl"], tmp_path / "idx")


# --- time-aware resolution ------------------------------------------------------------------------


def test_same_surname_two_periods(index: RefIndex) -> None:
    assert asker(index, "Jansen", "SP", "2010-05-01").ids.wikidata == "Q9000001"
    assert asker(index, "Jansen", "SP", "2020-05-01").ids.wikidata == "Q9000002"
    gap = asker(index, "Jansen", "SP", "2015-05-01")
    assert gap.ids is None and "no Tweede Kamer member" in why(gap.links)


def test_party_switch(index: RefIndex) -> None:
    assert asker(index, "Wisselaar", "PVV", "2018-01-10").ids.wikidata == "Q9000003"
    assert asker(index, "Wisselaar", "Groep Wisselaar", "2020-01-10").ids.wikidata == "Q9000003"
    after = asker(index, "Wisselaar", "PVV", "2020-01-10")
    assert after.ids is None and "not PVV" in why(after.links)


def test_ministry_renamed(index: RefIndex) -> None:
    def ministry(portfolio: str, day: str) -> dict[str, str]:
        o = link(doc(day, answerers=(Official("X", Role.MINISTER, portfolio),)), index).answerers[0]
        return {x.scheme: x.value for x in o.links if x.about == "ministry"}

    assert ministry("Justitie", "2008-03-01")["tooi"].endswith("/hv_04793043")
    assert ministry("Veiligheid en Justitie", "2014-06-25")["tooi"].endswith("/hv_04795600")
    assert ministry("Justitie en Veiligheid", "2014-06-25")["tooi"].endswith("/hv_04795600")  # the name then in use
    assert ministry("Justitie en Veiligheid", "2020-01-01")["tooi"].endswith("/mnre1058")
    assert ministry("Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", "2008-01-01")["wikidata"] == "Q954289"
    assert ministry("EL&I", "2011-05-01")["tooi"].endswith("/hv_17252319")


def test_mede_namens_without_a_name(index: RefIndex) -> None:
    d = link(
        doc(
            "2014-05-23",
            "2014-06-25",
            on_behalf_of=(Official(None, Role.STAATSSECRETARIS, "Veiligheid en Justitie"),),
            addressees=(Office(Role.STAATSSECRETARIS, "Veiligheid en Justitie"),),
        ),
        index,
    )
    assert d.on_behalf_of[0].ids.wikidata == "Q9000030"
    person = [x for x in d.addressees[0].links if x.about == "person"]
    assert {x.value for x in person} >= {"Q9000030", "66666666-6666-4666-8666-666666666666"}
    assert all(x.method == "office+date" for x in person)


def test_ambiguity_stays_unlinked_and_is_reported(index: RefIndex) -> None:
    members = link(doc("2018-05-23", askers=(Member("Dubbel", "PvdA"), Member("Mara Dubbel", "PvdA"))), index)
    assert members.askers[0].ids is None and members.askers[1].ids.wikidata == "Q9000004"
    d = link(
        doc(
            "2014-05-23", "2014-06-25", on_behalf_of=(Official(None, Role.STAATSSECRETARIS, "Volksgezondheid, Welzijn en Sport"),)
        ),
        index,
    )
    assert d.on_behalf_of[0].ids is None
    r = report([members, d])
    assert r.counts()["asker"] == {"linked": 1, "ambiguous": 1, "unlinked": 0}
    assert r.counts()["on_behalf_of"]["ambiguous"] == 1
    text = "\n".join(r.lines())
    assert "Bert Bewind" in text and "Carla Zorg" in text


def test_name_variants(index: RefIndex) -> None:
    assert asker(index, "Van der Wal", "CDA", "2022-01-10").ids.tk.startswith("11111111")
    assert asker(index, "Kostic", "PvdD", "2024-02-01").ids.tk.startswith("22222222")
    assert asker(index, "Inge van Dijk", "CDA", "2024-02-01").ids.tk.startswith("33333333")
    assert asker(index, "Olger van Dijk", "Nieuw Sociaal Contract", "2024-02-01").ids.tk.startswith("44444444")
    assert asker(index, "Van Dijk", "CDA", "2024-02-01").ids.tk.startswith("33333333")
    assert asker(index, "van Dijk", None, "2024-02-01").ids is None  # two members, no party printed
    assert asker(index, "L. Ypsilon", "P.v.d.A.", "2014-01-01").ids.wikidata == "Q9000020"
    ocr = asker(index, "Ypsllon", "PvdA", "2014-01-01")
    assert ocr.ids.wikidata == "Q9000020" and ocr.links[0].method.startswith("fuzzy")
    minister = link(doc("1994-07-21", answerers=(Official("De Graaff-Nauta", Role.MINISTER, "Binnenlandse Zaken"),)), index)
    assert minister.answerers[0].ids.wikidata == "Q9000021"


def test_sparse_reference_data_needs_a_confirmed_party(tmp_path: Path) -> None:
    import_sources([FIXTURES], tmp_path, include_facts=False)
    idx = load_index(tmp_path)
    assert idx is not None and idx.coverage("tk", dt.date(2018, 1, 1)) < idx.min_coverage
    assert asker(idx, "Wisselaar", "PVV", "2018-01-10").ids.wikidata == "Q9000003"  # party confirmed
    unsure = asker(idx, "Wisselaar", None, "2018-01-10")
    assert unsure.ids is None and "knows 3% of the members" in why(unsure.links)
    assert asker(idx, "Ypsllon", "PvdA", "2014-01-01").ids is None  # no near spellings either


def test_post_without_portfolio(index: RefIndex) -> None:
    d = link(
        doc(
            "2020-05-01",
            answerers=(Official("Van Rijn", Role.MINISTER, "Medische Zorg"),),
            on_behalf_of=(Official(None, Role.MINISTER, "Medische Zorg"),),
        ),
        index,
    )
    o = d.answerers[0]
    assert o.ids.wikidata == "Q9000022"
    assert {x.scheme: x.value for x in o.links if x.about == "ministry"}["tooi"].endswith("/mnre1025")
    assert d.on_behalf_of[0].ids.wikidata == "Q9000022"
    earlier = link(doc("2018-05-01", on_behalf_of=(Official(None, Role.MINISTER, "Medische Zorg"),)), index)
    assert earlier.on_behalf_of[0].ids.wikidata == "Q9000013"


def test_post_of_an_unknown_holder_sits_in_its_ministry(index: RefIndex) -> None:
    """"Minister voor Klimaat en Energie" with no known holder: the posts table places it in EZK on that day."""
    d = link(doc("2024-06-18", addressees=(Office(Role.MINISTER, "Klimaat en Energie"),)), index)
    links = {x.scheme: x for x in d.addressees[0].links if x.about == "ministry"}
    assert links["tooi"].value.endswith("/hv_41004458") and links["tooi"].method == "post-table+date"


def test_without_index_the_facts_link_the_demo() -> None:
    d = doc(
        "2014-05-23",
        "2014-06-25",
        askers=(Member("Ypma", "PvdA"), Member("Rebel", "PvdA")),
        answerers=(Official("Van Rijn", Role.STAATSSECRETARIS, "Volksgezondheid, Welzijn en Sport"),),
        on_behalf_of=(Official(None, Role.STAATSSECRETARIS, "Veiligheid en Justitie"),),
    )
    out = link(d, None)
    assert [m.ids.tk for m in out.askers] == ["14a5b9c6-b7e3-4a59-9083-ab81f1d50f7e", "a900b4e7-92d9-4903-ab21-3189f17fe2e0"]
    assert out.answerers[0].ids.wikidata == "Q800091" and out.on_behalf_of[0].ids.wikidata == "Q2150230"
    assert out.to_record()["askers"][0]["ids"] == {
        "tk": "14a5b9c6-b7e3-4a59-9083-ab81f1d50f7e",
        "wikidata": "Q1194971",
        "parlement": "vj0rbs37iyln",
    }
    undated = link(Document(kind=Kind.QUESTIONS, askers=(Member("Ypma", "PvdA"),)), None)
    assert undated.askers[0].ids is None and "no date" in why(undated.askers[0].links)


def test_eerste_kamer_members_are_not_tweede_kamer_members(index: RefIndex) -> None:
    d = link(
        Document(
            kind=Kind.ANSWER,
            chamber=Chamber.EERSTE_KAMER,
            date_submitted=dt.date(2014, 1, 1),
            askers=(Member("Ypsilon", "PvdA"),),
        ),
        index,
    )
    assert d.askers[0].ids is None


def test_entities(index: RefIndex) -> None:
    ents = (
        Entity(EntityType.ORGANISATION, "Testautoriteit", "answer 1"),
        Entity(EntityType.ORGANISATION, "Testinspectie", "answer 1"),
        Entity(EntityType.ORGANISATION, "Directie Communicatie", "answer 1"),
        Entity(EntityType.ORGANISATION, "Ministerie van Veiligheid en Justitie", "answer 2"),
        Entity(EntityType.ORGANISATION, "Testpartij", "answer 2"),
        Entity(EntityType.LAW, "Jeugdwet", "question 1"),
        Entity(EntityType.LAW, "Testwet", "question 1"),
        Entity(EntityType.TREATY, "Verdrag inzake de rechten van het kind", "question 2"),
        Entity(EntityType.TREATY_ARTICLE, "artikel 19 Verdrag inzake de rechten van het kind", "question 2"),
        Entity(EntityType.MEDIA_ITEM, "NOS Journaal", "footnote 1"),
    )
    out = link(doc("2014-06-25", entities=ents), index).entities
    links = [{x.scheme: x.value for x in e.links} for e in out]
    assert links[0] == {
        "tooi": "https://identifier.overheid.nl/tooi/id/oorg/oorg99999",
        "wikidata": "Q9000500",
        "owms": "http://standaarden.overheid.nl/owms/terms/testautoriteit",
    }
    assert links[1] == {"unresolved": "not-found"}  # the old name was not in use in 2014
    assert links[2] == {"unresolved": "ambiguous"}
    assert links[3]["tooi"].endswith("/hv_04795600")
    assert links[4] == {"wikidata": "Q9000600"}
    assert links[5] == {"bwb": "BWBR0034925"} and links[6] == {"unresolved": "ambiguous"}
    assert links[7] == {"bwb": "BWBV0002508"} and links[8] == {"bwb": "BWBV0002508"} and out[8].links[0].about == "treaty"
    assert out[9].links == ()
    old = link(doc("2005-06-25", entities=ents[1:2]), index).entities[0]
    assert {x.scheme for x in old.links} == {"tooi", "wikidata", "owms"}


def test_document_links() -> None:
    d = link(
        Document(kind=Kind.ANSWER, session="2013-2014", number=2291, zaak="2014Z10001", date_answered=dt.date(2014, 6, 25)), None
    )
    assert {(x.scheme, x.value, x.about) for x in d.links} == {
        ("ob", "ah-tk-20132014-2291", "publication"),
        ("tk-zaak", "2014Z10001", "zaak"),
    }
    stated = link(Document(kind=Kind.QUESTIONS, id="kv-tk-2024Z18436"), None)
    assert [(x.value, x.method) for x in stated.links] == [("kv-tk-2024Z18436", "stated")]


# --- sync against a local server ------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []
    fail_once: ClassVar[set[str]] = set()
    status: ClassVar[int] = 200

    def do_GET(self) -> None:
        url = urllib.parse.urlparse(self.path)
        self.hits.append((self.path, self.headers.get("User-Agent", "")))
        if type(self).status != 200:
            return self._send(type(self).status, b"{}")
        base = f"http://127.0.0.1:{self.server.server_address[1]}/OData/v4/2.0"
        if url.path.startswith("/OData/v4/2.0/"):
            entity = url.path.rsplit("/", 1)[1]
            if entity in self.fail_once:
                self.fail_once.discard(entity)
                return self._send(503, b"busy", {"Retry-After": "0"})
            name = (
                f"{entity}-2.json" if "skip=2" in url.query else f"{entity}-1.json" if entity == "Persoon" else f"{entity}.json"
            )
            body = (FIXTURES / "tk" / name).read_text(encoding="utf-8")
            return self._send(200, body.replace("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0", base).encode())
        if url.path == "/sparql":
            query = urllib.parse.parse_qs(url.query)["query"][0]
            name = "wikidata_tk_members.json" if "Q18887908" in query else "wikidata_government.json"
            return self._send(200, (FIXTURES / name).read_bytes(), {"Content-Type": "application/sparql-results+json"})
        return self._send(404, b"not found")

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits, _Handler.fail_once, _Handler.status = [], {"FractieZetel"}, 200
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_sync_replays_live_formats(server: str, tmp_path: Path) -> None:
    import_sources([FIXTURES / "bwb_index.tsv"], tmp_path)  # an earlier local import is kept
    lines: list[str] = []
    waits: list[float] = []
    summary = sync(
        tmp_path,
        base_urls={"tk": f"{server}/OData/v4/2.0", "wikidata": f"{server}/sparql"},
        progress=lines.append,
        min_interval=0.0,
        backoff=0.0,
        sleep=waits.append,
    )
    assert summary.records["tk Persoon"] == 5 and summary.records["wikidata tk-members"] == 6
    assert summary.retries == 1 and summary.requests == 8
    assert any("Persoon page 2" in line for line in lines)
    assert all(ua.startswith("kg/") for _, ua in _Handler.hits)
    assert any("%24filter=Verwijderd" in p or "$filter=Verwijderd" in p for p, _ in _Handler.hits)
    idx = load_index(tmp_path)
    assert idx is not None and idx.laws("Jeugdwet")
    assert {p.tk for p in idx.persons.values()} >= {"33333333-3333-4333-8333-333333333333"}
    assert any(s.format == "wikidata-sparql" and s.retrieved and s.url.endswith("/sparql") for s in idx.sources)
    assert asker(idx, "Olger van Dijk", "NSC", "2024-02-01").ids.tk.startswith("44444444")


def test_sync_failure_leaves_the_index(server: str, tmp_path: Path) -> None:
    import_sources([FIXTURES / "bwb_index.tsv"], tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    _Handler.status = 404
    with pytest.raises(RefdataError, match="HTTP 404"):
        sync(
            tmp_path,
            base_urls={"tk": f"{server}/OData/v4/2.0", "wikidata": f"{server}/sparql"},
            min_interval=0.0,
            backoff=0.0,
            sleep=lambda s: None,
        )
    assert (tmp_path / INDEX_FILE).read_bytes() == before
    assert not [p for p in (tmp_path / "downloads").iterdir() if p.name.startswith(".")]


# --- the corpus: right and wrong person links -----------------------------------------------------


def _norm(name: str | None) -> str:
    import re
    import unicodedata

    name = re.sub(r"\b(?:[A-Z][a-z]?\.)+\s*", "", name or "")
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z ]", "", name.lower().replace("-", " ")).strip()


def _pair(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair gold and predicted persons by name: exact names first, then 'Inge van Dijk' ~ 'Van Dijk'."""
    free = list(pred)
    out = []
    for g in gold:
        n = _norm(g.get("name"))
        hit = next((p for p in free if _norm(p.get("name")) == n), None)
        hit = hit or next(
            (p for p in free if _norm(p.get("name")).endswith(" " + n) or n.endswith(" " + _norm(p.get("name")))), None
        )
        if hit is not None:
            free.remove(hit)
        out.append((g, hit))
    return out


def test_person_link_rates_on_the_corpus(tmp_path_factory: pytest.TempPathFactory) -> None:
    refdata, txt, gold_dir = SHARED / "refdata", SHARED / "corpus" / "txt", SHARED / "gold"
    if not (refdata.is_dir() and txt.is_dir() and gold_dir.is_dir()):
        pytest.skip("../shared (reference data, corpus, gold) is absent")
    from kg.errors import KgError
    from kg.readers import read_file

    folder = tmp_path_factory.mktemp("shared-refdata")
    import_sources([refdata], folder)
    idx = load_index(folder)
    files = sorted(txt.glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    right = wrong = known = 0
    wrongs = []
    for f in files:
        g = gold_dir / f"{f.name.split('.')[0]}.json"
        if not g.exists():
            continue
        gold = json.loads(g.read_text(encoding="utf-8"))
        try:
            pred = link(read_file(f), idx).to_record()
        except KgError:
            pred = {}
        for field in ("askers", "answerers"):
            for gp, pp in _pair(gold.get(field) or [], pred.get(field) or []):
                gids = {k: v for k, v in (gp.get("ids") or {}).items() if k in ("tk", "wikidata") and v}
                if not gids:
                    continue
                known += 1
                pids = (pp or {}).get("ids") or {}
                shared = [k for k in gids if pids.get(k)]
                if shared and all(pids[k] == gids[k] for k in shared):
                    right += 1
                elif shared:
                    wrong += 1
                    wrongs.append((f.name, gp.get("name"), gids, pids))
    assert known > 150
    assert right / known >= 0.95, (right, known)
    assert wrong / known < 0.01, wrongs


def test_heading_ministries_resolve_to_tooi_on_the_corpus(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every ministry in a heading since 1995 resolves to a TOOI organisation valid on the document's date;
    older names (WVC, O&W …) resolve to the named version but TOOI has no identifier for them."""
    refdata, corpus = SHARED / "refdata", SHARED / "corpus"
    if not (refdata.is_dir() and corpus.is_dir()):
        pytest.skip("../shared (reference data, corpus) is absent")
    from kg.errors import KgError
    from kg.readers import read_file

    folder = tmp_path_factory.mktemp("shared-refdata-ministries")
    import_sources([refdata], folder)
    idx = load_index(folder)
    files = [f for f in sorted(corpus.rglob("*")) if f.suffix in (".txt", ".pdf", ".docx") and "bulk" not in f.parts]
    checked, missing = 0, []
    for f in files:
        try:
            d = link(read_file(f), idx)
        except KgError:
            continue
        day = d.date_submitted or d.date_answered
        if day is None or day.year < 1995:
            continue
        for o in (*d.addressees, *d.answerers):
            if o.portfolio:
                checked += 1
                if not any(lk.about == "ministry" and lk.scheme == "tooi" for lk in o.links):
                    missing.append((f.name, o.portfolio, str(day)))
    assert checked > 150
    assert not missing, missing
