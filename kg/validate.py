"""SHACL validation of built graphs against `ontology/shapes.ttl` (pySHACL).

>>> from kg.readers.layout import SAMPLE, parse_text
>>> from kg.rdf import document_quads
>>> validate_quads(document_quads(parse_text(SAMPLE), built_at=None)).conforms
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
import rdflib

from kg.rdf import to_rdflib
from kg.resources import ontology_path
from kg.store import KgStore

__all__ = ["ValidationReport", "Violation", "validate_quads", "validate_store"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node, the property path, the message."""

    focus: str
    path: str
    message: str
    severity: str


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("shapes.ttl"))


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("kg.ttl"))


def _validate_graph(data: rdflib.Graph) -> ValidationReport:
    from pyshacl import validate

    conforms, results, _ = validate(data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        violations.append(
            Violation(
                str(results.value(r, sh.focusNode)),
                str(results.value(r, sh.resultPath) or ""),
                str(results.value(r, sh.resultMessage) or ""),
                str(results.value(r, sh.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    return ValidationReport(bool(conforms), violations)


def validate_quads(quads: Iterable[ox.Quad]) -> ValidationReport:
    """Validate quads (all graphs merged)."""
    merged = rdflib.Graph()
    for ctx in to_rdflib(quads).graphs():
        for t in ctx:
            merged.add(t)
    return _validate_graph(merged)


def validate_store(store: KgStore) -> ValidationReport:
    """Validate everything in a store (all graphs merged)."""
    return validate_quads(store.quads())
