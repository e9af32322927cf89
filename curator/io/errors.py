"""Errors of importing and exporting; each names the file or folder concerned."""

from __future__ import annotations

from pathlib import Path

from curator.core.errors import CuratorError


class ImportFileError(CuratorError):
    """A file that cannot be imported (binary, empty, too large, undecodable, malformed); ``reason`` says why."""

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(f"{path}: {reason}" if path is not None else reason)
        self.reason = reason
        self.path = path

    def at(self, path: Path) -> ImportFileError:
        """The same problem, naming the file it was found in."""
        return ImportFileError(self.reason, path)


class EncodingUnclear(ImportFileError):  # noqa: N818 - names the situation, like Cancelled
    """A file in a legacy encoding that cannot be told apart from others; ``candidates`` are the encodings it
    could be in (most likely first), for someone to choose from (``curator import --encoding``)."""

    def __init__(self, reason: str, candidates: tuple[str, ...], path: Path | None = None) -> None:
        super().__init__(reason, path)
        self.candidates = candidates

    def at(self, path: Path) -> EncodingUnclear:
        return EncodingUnclear(self.reason, self.candidates, path)


class ExportError(CuratorError):
    """An export that could not be written; the previous output, if any, is as it was."""


class Cancelled(CuratorError):  # noqa: N818 - the name callers use
    """Someone cancelled a long import or export. ``report`` holds what was finished before that, if anything."""

    def __init__(self, message: str = "cancelled", report: object | None = None) -> None:
        super().__init__(message)
        self.report = report
