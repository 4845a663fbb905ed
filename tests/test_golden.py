"""Golden graphs: each example document's quads compared with its expected TriG by isomorphism.

Regenerate after an intended change with `KG_UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from kg.pipeline import parse_bytes
from kg.rdf import document_quads, to_rdflib
from kg.vocab import ITSRDF, KG, term

from .conftest import EXAMPLES, ROOT

GOLDEN = Path(__file__).parent / "golden"
KG_VERMELD_IN, KG_BRON, KG_BRON_IN, ITS_IDENT_REF = term(KG.vermeldIn), term(KG.bron), term(KG.bronIn), term(ITSRDF.taIdentRef)
KG_ORDER = term(KG.sorteersleutel)
CASES = sorted(p.name for p in EXAMPLES.glob("*.txt"))


def _dataset(name: str) -> rdflib.Dataset:
    path = EXAMPLES / name
    doc = parse_bytes(path.read_bytes(), str(path.relative_to(ROOT)))
    return to_rdflib(document_quads(doc, built_at=None))


def _graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out = {}
    for ctx in ds.graphs():
        if len(ctx):
            g = rdflib.Graph()
            for t in ctx:
                g.add(t)
            out[str(ctx.identifier)] = g
    return out


def _diff(expected: rdflib.Graph, actual: rdflib.Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)]
    lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)]
    return "\n".join(lines[:80])


@pytest.mark.parametrize("name", CASES)
def test_golden_graph(name: str) -> None:
    golden = GOLDEN / (Path(name).stem + ".trig")
    actual = _dataset(name)
    if os.environ.get("KG_UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual.serialize(format="trig"), encoding="utf-8")
        if not os.environ.get("KG_UPDATE_GOLDEN"):
            pytest.fail(f"{golden} did not exist; written now, review and commit it")
    expected = rdflib.Dataset()
    expected.parse(golden, format="trig")
    exp, act = _graphs(expected), _graphs(actual)
    assert sorted(exp) == sorted(act), "named graphs differ"
    for g in exp:
        assert to_isomorphic(exp[g]) == to_isomorphic(act[g]), f"graph {g} differs from {golden.name}:\n{_diff(exp[g], act[g])}"


def test_what_the_paged_lists_rely_on_holds() -> None:
    """queries/mention-provenance.rq and claims.rq cut their pages on these: every entity a publication's
    graph gives a sort key (`kg:vermeldIn`) has a mention there, and every claim has at most one source;
    the sources of a graph's claims are exactly those it gives the publication's sort key as `kg:bronIn`
    (once each), so that each publication claims.rq reads for a source gives at least one of its claims."""
    keys = claimed = 0
    for name in CASES:
        path = EXAMPLES / name
        quads = document_quads(parse_bytes(path.read_bytes(), str(path.relative_to(ROOT))), built_at=None)
        keyed = {(q.subject.value, q.graph_name.value) for q in quads if q.predicate == KG_VERMELD_IN}
        mentioned = {(q.object.value, q.graph_name.value) for q in quads if q.predicate == ITS_IDENT_REF}
        assert keyed <= mentioned, name
        sources = [(q.subject.value, q.object.value, q.graph_name.value) for q in quads if q.predicate == KG_BRON]
        assert len({c for c, _, _ in sources}) == len(sources), name
        order = {q.graph_name.value: q.object.value for q in quads if q.predicate == KG_ORDER}
        cited = [(q.subject.value, q.graph_name.value, q.object.value) for q in quads if q.predicate == KG_BRON_IN]
        assert sorted(cited) == sorted({(s, g, order[g]) for _, s, g in sources}), name
        keys += len(keyed)
        claimed += len(cited)
    assert keys and claimed
