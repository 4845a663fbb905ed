"""Consistency checks on a parsed document: things worth a warning, not a refusal.

A publication may print a question number twice or skip one (the record keeps what is printed),
or answer a question number that has no question; each becomes a one-line warning that names
the question numbers, so a user can look at the source.

>>> from kg.model import Answer, Document, Kind, Question
>>> doc = Document(kind=Kind.ANSWER, questions=(Question(1, "a"), Question(1, "b"), Question(3, "c")),
...                answers=(Answer((1,), "x"), Answer((4,), "y")))
>>> check_numbering(doc)
('question 1 is printed twice', 'question 2 is missing (numbers jump from 1 to 3)', 'answer 2 answers question 4, which is not printed')
"""

from __future__ import annotations

import itertools
from collections import Counter

from kg.model import Document, Kind

__all__ = ["check_numbering", "with_warnings"]


def check_numbering(doc: Document) -> tuple[str, ...]:
    """Warnings about duplicated, missing or unanswerable question numbers."""
    out: list[str] = []
    numbers = [q.number for q in doc.questions]
    for n, c in sorted(Counter(numbers).items()):
        if c > 1:
            out.append(f"question {n} is printed {'twice' if c == 2 else f'{c} times'}")
    # a gap is only certain where answers show which questions there are ("Vraag 2 en 3" is one block)
    covered = set(numbers) | {n for a in doc.answers for n in a.questions}
    ordered = sorted(set(numbers)) if doc.answers else []
    for a, b in itertools.pairwise(ordered):
        if all(k in covered for k in range(a + 1, b)):
            continue
        if b - a > 1:
            missing = ", ".join(str(k) for k in range(a + 1, b))
            out.append(f"question {missing} is missing (numbers jump from {a} to {b})" if b - a == 2 else f"questions {missing} are missing (numbers jump from {a} to {b})")
    if numbers and doc.kind == Kind.ANSWER:
        known = set(numbers)
        for i, ans in enumerate(doc.answers, 1):
            unknown = [n for n in ans.questions if n not in known and n > max(known)]
            if unknown:
                out.append(f"answer {i} answers question {', '.join(map(str, unknown))}, which is not printed")
    return tuple(out)


def with_warnings(doc: Document) -> Document:
    """The document with the numbering warnings added to its own."""
    found = check_numbering(doc)
    return doc.replace(warnings=doc.warnings + found) if found else doc
