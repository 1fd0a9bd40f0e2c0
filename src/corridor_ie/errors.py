"""One catalogue of errors. Every message is one line, names the input and says how to fix it.

A ``DocumentError`` costs one document (it goes to the errors file and the run goes on);
a ``SetupError`` (bad pipeline or gazetteer file, missing input) stops the run before any document.
"""

from __future__ import annotations


class CorridorError(Exception):
    """Base class. ``code`` is stable and documented; ``str(err)`` is the one-line message."""

    code = "E000"

    def __init__(self, message: str, *, location: str | None = None, hint: str | None = None):
        self.message = message
        self.location = location
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        parts = []
        if self.location:
            parts.append(f"{self.location}: ")
        parts.append(self.message)
        if self.hint:
            parts.append(f" ({self.hint})")
        return "".join(parts).replace("\n", " ")


class SetupError(CorridorError):
    code = "E100"


class ConfigError(SetupError):
    """A pipeline file is unreadable or invalid (reported as ``file:line: message``)."""

    code = "E101"


class GazetteerError(SetupError):
    """A gazetteer file is invalid (reported as ``file:line: message``)."""

    code = "E102"


class InputNotFound(SetupError):
    code = "E103"


class OutputError(SetupError):
    """An output could not be written (a full disk, an I/O error); the message says what was kept."""

    code = "E104"


class DocumentError(CorridorError):
    """One document could not be processed; ``stage`` says where."""

    code = "E200"
    stage = "unknown"


class ReadError(DocumentError):
    """The bytes could not be read or decoded (empty, binary, truncated, bad encoding)."""

    code = "E201"
    stage = "read"


class LimitExceeded(DocumentError):
    """A document is over a configured limit (size, HTML depth, time, decompressed size)."""

    code = "E202"
    stage = "limits"


class ExtractError(DocumentError):
    """HTML extraction or cleaning failed."""

    code = "E203"
    stage = "clean"


class StageError(DocumentError):
    """An unexpected failure inside a stage; the message names the stage and the exception."""

    code = "E299"
