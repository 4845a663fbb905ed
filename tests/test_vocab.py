"""The ontology and the code agree: every term the code's closed namespace lists is defined in
ontology/kg.ttl and the other way round; every own term has Dutch and English labels."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDFS, SKOS

from kg.resources import ontology_path
from kg.vocab import KG

NS = str(KG._NS)


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("kg.ttl"))


def test_code_and_ontology_list_the_same_terms() -> None:
    defined = {str(s)[len(NS):] for s in _ontology().subjects() if str(s).startswith(NS)}
    in_code = set(KG.__annotations__)
    assert in_code == defined, f"only in code: {sorted(in_code - defined)}; only in ontology: {sorted(defined - in_code)}"


def test_every_term_has_dutch_and_english_labels_and_definitions() -> None:
    g = _ontology()
    missing = []
    for s in {s for s in g.subjects() if str(s).startswith(NS)}:
        labels = {lit.language for lit in g.objects(s, RDFS.label)} | {lit.language for lit in g.objects(s, SKOS.prefLabel)}
        defs = {lit.language for lit in g.objects(s, SKOS.definition)}
        if not {"nl", "en"} <= labels:
            missing.append(f"{s} labels {labels}")
        if str(s) != NS + "Relaties" and not {"nl", "en"} <= defs:
            missing.append(f"{s} definitions {defs}")
    assert not missing, "\n".join(sorted(missing))


def test_terms_used_by_the_mapping_exist() -> None:
    import kg.rdf  # noqa: F401  (a closed namespace raises on unknown terms at import)

    assert KG.Vraag in set(_ontology().subjects())
