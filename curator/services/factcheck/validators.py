"""Checking what a fact-checker types before it is stored: statuses, kinds, notes, names and selections."""

from __future__ import annotations

import hashlib

from curator.domain.errors import ValidationError
from curator.domain.factcheck import SourceKind, Verification
from curator.services.validate import check_url, clean_line, clean_text

MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
MAX_CLAIM_CHARS = 5_000
MAX_NAME_CHARS = 500
MAX_NOTE_CHARS = 20_000
KEY_LENGTH = 200


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def valid_status(value: Verification | str) -> Verification:
    try:
        return value if isinstance(value, Verification) else Verification.parse(value)
    except ValueError as exc:
        raise ValidationError("status", str(exc)) from None


def valid_kind(value: SourceKind | str) -> SourceKind:
    try:
        return value if isinstance(value, SourceKind) else SourceKind.parse(value)
    except ValueError as exc:
        raise ValidationError("kind", str(exc)) from None


def valid_note(value: str, field: str = "note") -> str:
    text = clean_text(value).strip()
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(field, f"is {len(text):,} characters long; at most {MAX_NOTE_CHARS:,} fit")
    return text


def valid_name(value: str, field: str = "name") -> str:
    text = clean_line(value)
    if not text:
        raise ValidationError(field, "cannot be empty")
    if len(text) > MAX_NAME_CHARS:
        raise ValidationError(field, f"is {len(text)} characters long; at most {MAX_NAME_CHARS} fit")
    return text


def is_web(url: str) -> bool:
    try:
        return bool(check_url("url", url))
    except ValidationError:
        return False


def selection(body: str, start: int, end: int, expected: str | None) -> tuple[int, int]:
    """``body[start:end]`` as a passage to mark, without its surrounding blanks.

    ``expected`` is the selected text as the editor shows it; when the saved body differs there (unsaved edits),
    the error says to save first.
    """
    if not (0 <= start < end <= len(body)):
        raise ValidationError("selection", f"{start}–{end} is not a passage of the saved story")
    if expected is not None and body[start:end] != expected:
        raise ValidationError(
            "selection", "does not match the saved text of the story; save the story, then mark the claim"
        )
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValidationError("selection", "is blank")
    if end - start > MAX_CLAIM_CHARS:
        raise ValidationError(
            "selection", f"is {end - start:,} characters long; a claim is at most {MAX_CLAIM_CHARS:,}"
        )
    return start, end


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding ``body[start:end]``, roughly: from after the last stop or line end before it
    to the next one after it. Enough to tell which claims a hand-added attribution sits beside."""
    left = max(body.rfind(stop, 0, start) for stop in (". ", "! ", "? ", "\n"))
    right_candidates = [i for stop in (". ", "! ", "? ", "\n") if (i := body.find(stop, end)) != -1]
    right = min(right_candidates) + 1 if right_candidates else len(body)
    return (left + 1 if left >= 0 else 0), min(right, len(body))
