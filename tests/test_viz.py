"""`kg viz`: one self-contained HTML page, checked as text and in headless Chromium (offline).

The browser tests need the Debian package `chromium` (or KG_CHROMIUM=/path/to/chrome); without it
they are skipped with a warning saying so. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.graphs import Filters, project
from kg.store import KgStore
from kg.viz import render_html, top_nodes, write_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = Path(__file__).parent / "fixtures" / "graphs"
ID = "https://w3id.org/kg-kamervragen/id/"
DE_VRIES = ID + "persoon/tk-0a1b2c3d-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def store() -> KgStore:
    spec = importlib.util.spec_from_file_location("graphs_corpus", FIXTURES / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.store()


def page_data(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "no embedded graph data"
    return json.loads(m.group(1))


# --- the page as text ----------------------------------------------------------------------------


def test_page_is_self_contained(store: KgStore) -> None:
    html = render_html(project(store, "entities"))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=", html, re.I), "the page loads nothing"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no remote CSS"
    assert "@import" not in html
    assert html.count("<script") == 2  # the data and the inlined library
    data = page_data(html)
    assert len(data["nodes"]) == 31 and data["colorBy"] == "type" and data["directed"] is True


def test_node_details_travel_with_the_page(store: KgStore) -> None:
    data = page_data(render_html(project(store, "member-office"), color_by="party"))
    node = next(n for n in data["nodes"] if n["id"] == DE_VRIES)
    assert node["label"] == "De Vries" and node["party"] == "PvdA"
    assert node["wikidata"] == "http://www.wikidata.org/entity/Q900001"
    assert node["docs"] == ["ah-tk-20232024-201", "ah-tk-20222023-102", "ah-tk-20222023-101"]
    assert node["degree"] == 3 and node["documents"] == 3
    index = {n["id"]: i for i, n in enumerate(data["nodes"])}
    assert [index[DE_VRIES], index[ID + "ambt/minister/justitie-en-veiligheid"], 2, "gerichtAan"] in data["edges"]


def test_cap_keeps_the_best_connected_and_says_so(store: KgStore) -> None:
    g = project(store, "entities")
    html = render_html(g, max_nodes=10)
    assert 'data-shown-nodes="10"' in html and 'data-omitted-nodes="21"' in html and 'data-total-nodes="31"' in html
    assert "Showing 10 of 31 nodes" in html and "21 left out" in html
    kept = {n["id"] for n in page_data(html)["nodes"]}
    assert kept == set(top_nodes(g, 10))
    assert min(g.degree(n) for n in kept) >= max(g.degree(n) for n in set(g) - kept)
    assert "Showing" not in render_html(g).split('id="kg-omitted"')[1].split("</p>")[0]


def test_markup_in_labels_cannot_escape(tmp_path: Path) -> None:
    g = nx.Graph()
    g.add_edge("a", "b")
    g.nodes["a"]["label"] = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    html = render_html(g, title="<b>t</b>")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;b&gt;t&lt;/b&gt;" in html
    assert page_data(html)["nodes"][0]["label"].startswith("</script>")


def test_any_networkx_graph_renders() -> None:
    g = nx.karate_club_graph()
    data = page_data(render_html(g, max_nodes=20))
    assert len(data["nodes"]) == 20 and all(isinstance(e[0], int) for e in data["edges"])


def test_large_graph_is_capped() -> None:
    g = nx.barabasi_albert_graph(5000, 2, seed=1)
    html = render_html(g)
    assert len(page_data(html)["nodes"]) == 500
    assert "4,500 left out" in html
    assert len(html) < 400_000


def test_bad_options(store: KgStore) -> None:
    g = project(store, "co-asking")
    with pytest.raises(UsageError, match="cannot colour"):
        render_html(g, color_by="size")
    with pytest.raises(UsageError, match="at least 1"):
        render_html(g, max_nodes=0)


def test_write_html_one_call(store: KgStore, tmp_path: Path) -> None:
    path = write_html(store, tmp_path / "g.html", projection="co-asking", filters=Filters.parse(party="SP"), title="SP")
    data = page_data(path.read_text(encoding="utf-8"))
    assert data["title"] == "SP" and len(data["nodes"]) == 3


# --- in a browser ------------------------------------------------------------------------------


def chromium_binary() -> str:
    for candidate in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if candidate and (found := shutil.which(candidate)):
            return found
    reason = "chromium is not installed (apt-get install chromium, or set KG_CHROMIUM): the browser test of `kg viz` did not run"
    warnings.warn(reason, stacklevel=2)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> str:
    return chromium_binary()


def run_chromium(binary: str, url: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium on a file:// URL with the network switched off."""
    cmd = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
        *args, url,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def rendered(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1)))


@pytest.mark.parametrize(("projection", "max_nodes", "expected"), [("entities", 500, 31), ("entities", 10, 10), ("member-office", 500, 8)])
def test_browser_renders_the_nodes(browser: str, store: KgStore, tmp_path: Path, projection: str, max_nodes: int, expected: int) -> None:
    page = write_html(store, tmp_path / "page.html", projection=projection, max_nodes=max_nodes, color_by="party")
    r = run_chromium(browser, page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    attrs = rendered(r.stdout)
    assert attrs.get("ready") == "true", "the script did not finish"
    assert attrs["rendered-nodes"] == str(expected)
    assert int(attrs["rendered-edges"]) > 0
    omitted = re.search(r'<p id="kg-omitted"([^>]*)>', r.stdout)
    assert omitted and (("hidden" in omitted.group(1)) == (max_nodes >= 31 or projection != "entities"))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"viz-{projection}-{max_nodes}.png"
    r = run_chromium(browser, page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,800")
    assert r.returncode == 0 and shot.stat().st_size > 10_000


def test_browser_details_panel_and_escaping(browser: str, store: KgStore, tmp_path: Path) -> None:
    g = project(store, "member-office")
    g.nodes[DE_VRIES]["label"] = "De Vries <img src=x onerror=alert(1)>"
    page = tmp_path / "page.html"
    page.write_text(render_html(g), encoding="utf-8")
    r = run_chromium(browser, f"{page.as_uri()}#node={DE_VRIES}", tmp_path / "profile", "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    attrs = rendered(r.stdout)
    assert attrs["selected"] == DE_VRIES
    details = r.stdout.split('id="kg-details"', 1)[1]
    assert "De Vries &lt;img src=x" in details and "<img" not in r.stdout
    assert 'href="http://www.wikidata.org/entity/Q900001"' in details
    assert 'href="https://zoek.officielebekendmakingen.nl/ah-tk-20222023-101.html"' in details
    assert "Minister van Justitie en Veiligheid" in details


# --- static figures (matplotlib, optional) -------------------------------------------------------


@pytest.fixture(scope="module")
def mpl() -> None:
    pytest.importorskip("matplotlib", reason="figures need matplotlib (pip install 'kg[figures]')")


def test_response_times(store: KgStore) -> None:
    from kg.figures import response_times

    rows = [(r.id, r.days, r.state) for r in response_times(store)]
    assert rows == [
        ("ah-tk-20222023-102", 50, "late"),
        ("ah-tk-20232024-201", 19, "notice"),
        ("ah-tk-20222023-101", 15, "on time"),
        ("ah-tk-20232024-202", 15, "on time"),
    ]
    assert [r.id for r in response_times(store, Filters.parse(party="SP"))] == ["ah-tk-20222023-102"]


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_graph_figure(mpl: None, store: KgStore, tmp_path: Path, suffix: str) -> None:
    from kg.figures import figure

    a = figure(store, "graph", tmp_path / f"a{suffix}", projection="member-office", color_by="party")
    b = figure(store, "graph", tmp_path / f"b{suffix}", projection="member-office", color_by="party")
    data = a.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" if suffix == ".png" else (b"<svg" in data[:500] if suffix == ".svg" else data[:5] == b"%PDF-")
    assert data == b.read_bytes(), "the same graph gives the same file"
    if suffix == ".svg":
        text = data.decode("utf-8")
        assert "De Vries" in text and "PvdA" in text


def test_response_time_figures(mpl: None, store: KgStore, tmp_path: Path) -> None:
    from kg.figures import response_time_chart

    bars = response_time_chart(store, tmp_path / "bars.svg")
    text = bars.read_text(encoding="utf-8")
    assert "21-day norm" in text and "ah-tk-20222023-102" in text and "1 of 3 answers later than 21 days" in text
    hist = response_time_chart(store, tmp_path / "hist.svg", max_bars=2)
    assert "ah-tk-20222023-102" not in hist.read_text(encoding="utf-8")  # a histogram, not a bar per publication
    empty = response_time_chart(KgStore.memory(), tmp_path / "empty.png")
    assert empty.stat().st_size > 0


def test_figure_errors(mpl: None, store: KgStore, tmp_path: Path) -> None:
    from kg.figures import figure

    with pytest.raises(UsageError, match="unknown figure"):
        figure(store, "pie", tmp_path / "x.png")
    with pytest.raises(UsageError, match="figure format"):
        figure(store, "graph", tmp_path / "x.gif")
