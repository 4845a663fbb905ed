"""Query results as text: SPARQL JSON and XML results, CSV, TSV, and RDF for CONSTRUCT/DESCRIBE.

>>> import pyoxigraph as ox
>>> r = QueryResult("SELECT", ["n"], [[ox.Literal("1")]])
>>> print(to_csv(r).strip())
n
1
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import UsageError
from kg.query import QueryResult
from kg.vocab import PREFIXES, XSD

__all__ = ["FORMATS", "RDF_FORMATS", "render", "to_csv", "to_json", "to_tsv", "to_xml"]

FORMATS = ("table", "csv", "tsv", "json", "xml")
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def _json_term(t: ox.NamedNode | ox.Literal | ox.BlankNode) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != str(XSD.string):
        out["datatype"] = t.datatype.value
    return out


def to_json(r: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if r.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(r.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(r.variables, row, strict=False) if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_xml(r: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if r.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if r.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out)
    out += [f"<variable name={quoteattr(v)}/>" for v in r.variables]
    out += ["</head>", "<results>"]
    for row in r.rows:
        out.append("<result>")
        for v, t in zip(r.variables, row, strict=False):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                val = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                val = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                val = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            elif t.datatype.value != str(XSD.string):
                val = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            else:
                val = f"<literal>{escape(t.value)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{val}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out)


def to_csv(r: QueryResult) -> str:
    """SPARQL 1.1 CSV results: plain values."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.form == "ASK":
        w.writerow(["boolean"])
        w.writerow(["true" if r.boolean else "false"])
        return buf.getvalue()
    w.writerow(r.variables)
    for row in r.rows:
        w.writerow(["" if t is None else t.value for t in row])
    return buf.getvalue()


_BARE = {str(XSD.integer), str(XSD.decimal), str(XSD.boolean)}


def _tsv_term(t: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.Literal) and not t.language and t.datatype.value in _BARE and "\t" not in t.value:
        return t.value  # Turtle's short form for numbers and booleans
    return str(t)


def to_tsv(r: QueryResult) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle syntax."""
    if r.form == "ASK":
        return "?boolean\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in r.variables)]
    for row in r.rows:
        lines.append("\t".join(_tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def to_rdf(r: QueryResult, fmt: str) -> bytes:
    """The triples of a CONSTRUCT/DESCRIBE as RDF (ttl, nt, jsonld, rdfxml)."""
    if fmt not in RDF_FORMATS:
        raise UsageError(f"{fmt!r} is not an RDF format for CONSTRUCT results", hint=f"use one of {', '.join(RDF_FORMATS)}")
    prefixes = PREFIXES if fmt == "ttl" else None
    return ox.serialize(r.triples, format=RDF_FORMATS[fmt], prefixes=prefixes) or b""


def render(r: QueryResult, fmt: str) -> str:
    """Text in one of FORMATS (except 'table', which the CLI draws) or an RDF format for CONSTRUCT."""
    if r.form == "CONSTRUCT":
        return to_rdf(r, "ttl" if fmt in ("table", "json", "csv", "tsv", "xml") else fmt).decode()
    match fmt:
        case "csv":
            return to_csv(r)
        case "tsv":
            return to_tsv(r)
        case "json":
            return to_json(r)
        case "xml":
            return to_xml(r)
    raise UsageError(f"unknown result format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
