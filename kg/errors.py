"""The one exception tree of kg. Library code raises these; only the CLI turns them into exit codes.

Every message says what went wrong, where (file, line, question number) and how to fix it.

>>> err = NotAWrittenQuestion("no 'Vragen van …' heading and no numbered questions", source="a.txt")
>>> str(err)
"a.txt: not a written-question document: no 'Vragen van …' heading and no numbered questions"
>>> err.exit_code
3
"""

from __future__ import annotations

__all__ = [
    "EXIT_CODES",
    "DuplicateQuestion",
    "KgError",
    "NotAWrittenQuestion",
    "ParseError",
    "QueryError",
    "ReaderError",
    "RefdataError",
    "ShapeViolation",
    "StoreError",
    "StoreLocked",
    "TextIndexBehind",
    "UnsupportedFormat",
    "UsageError",
]


class KgError(Exception):
    """Root of every error kg raises on purpose."""

    exit_code = 1
    what = "error"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None, hint: str | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def where(self) -> str:
        if self.source and self.line:
            return f"{self.source}:{self.line}: "
        return f"{self.source}: " if self.source else ""

    def __str__(self) -> str:
        text = f"{self.where()}{self.what}: {self.message}" if self.what != "error" else f"{self.where()}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def with_source(self, source: str) -> KgError:
        """The same error, naming the file it came from (when it did not already)."""
        if not self.source:
            self.source = source
            self.args = (str(self),)
        return self


class UsageError(KgError):
    """The command was called wrongly (bad option value, missing argument)."""

    exit_code = 2


class ParseError(KgError):
    """An input could not be read as a written-question document."""

    exit_code = 3
    what = "cannot parse"


class NotAWrittenQuestion(ParseError):
    """The input is readable but is not a written question (a Kamerstuk, a news article …)."""

    what = "not a written-question document"


class UnsupportedFormat(ParseError):
    """No reader recognises the bytes (binary garbage, an unknown format)."""

    what = "unsupported input"


class ReaderError(ParseError):
    """A reader recognised its format but the file is broken (truncated PDF, corrupt .docx, scan without text)."""

    what = "unreadable"


class DuplicateQuestion(ParseError):
    """The same question number appears twice where numbers must be unique."""

    what = "inconsistent numbering"


class StoreError(KgError):
    """The store could not be opened, read or written."""

    exit_code = 4


class StoreLocked(StoreError):
    """Another process holds the store for writing."""

    what = "store is locked"


class TextIndexBehind(StoreError):
    """The store's text index may lack documents: it is being made, or a build was stopped."""

    what = "text index incomplete"


class QueryError(KgError):
    """A SPARQL query is malformed, unknown, or misses a parameter."""

    exit_code = 5
    what = "query error"


class RefdataError(KgError):
    """Reference data could not be imported, fetched or loaded."""

    exit_code = 7
    what = "reference data"


class ShapeViolation(KgError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 6
    what = "SHACL violation"


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "some inputs failed (others were processed); see the per-file messages",
    2: "usage error (bad option or argument)",
    3: "an input could not be parsed (with --strict: the first failure stops the run)",
    4: "store error (cannot open, locked by another writer, or corrupt)",
    5: "query error (malformed SPARQL, unknown named query, missing parameter)",
    6: "validation found SHACL violations",
    7: "reference data error (cannot import, fetch or load the linking index)",
    70: "internal error (a bug: please report it)",
}
