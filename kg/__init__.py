"""kg: a knowledge graph of Dutch parliamentary written questions (Kamervragen).

The pipeline runs one way: readers (bytes → Document) → extract (entities) → link (external ids)
→ rdf (Document → quads) → store (pyoxigraph) → query / export / serve.

>>> from kg import parse_text
>>> from kg.readers.layout import SAMPLE
>>> parse_text(SAMPLE).title
'het bericht'
"""

from __future__ import annotations

from kg.errors import KgError
from kg.model import Document
from kg.pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

__all__ = [
    "Document",
    "KgError",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
