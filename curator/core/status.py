"""The editorial workflow a story moves through."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    FACT_CHECK = "fact_check"
    COPY_EDIT = "copy_edit"
    READY = "ready"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """Position in the workflow; lists sort by it."""
        return _ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accepts the value, the label or a loose spelling: ``fact-check``, ``Copy edit``, ``factcheck``."""
        key = "".join(ch for ch in text.casefold() if ch.isalnum())
        for status in cls:
            if key in (status.value.replace("_", ""), "".join(c for c in status.label.casefold() if c.isalnum())):
                return status
        names = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown status {text!r} (expected one of: {names})")


_ORDER = list(Status)
_LABELS = {
    Status.DRAFT: "Draft",
    Status.FACT_CHECK: "Fact-check",
    Status.COPY_EDIT: "Copy edit",
    Status.READY: "Ready",
    Status.PUBLISHED: "Published",
    Status.ARCHIVED: "Archived",
}
