"""Vocabularies of the fact-check data: source kinds, verification statuses and finding kinds."""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    OUTLET = "outlet"
    PERSON = "person"
    DOCUMENT = "document"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> SourceKind:
        key = text.strip().casefold()
        for kind in cls:
            if key == kind.value:
                return kind
        raise ValueError(f"unknown source kind {text!r} (expected one of: {', '.join(k.value for k in cls)})")


class Verification(StrEnum):
    """Where checking a source or a finding has got to. Only ``verified`` closes it."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    UNREACHABLE = "unreachable"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> Verification:
        key = text.strip().casefold()
        for status in cls:
            if key == status.value:
                return status
        raise ValueError(f"unknown verification status {text!r} (expected one of: {', '.join(s.value for s in cls)})")


class FindingKind(StrEnum):
    ATTRIBUTION = "attribution"
    QUOTE = "quote"
