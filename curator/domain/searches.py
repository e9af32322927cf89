"""Saved searches as the services hand them out: a query under a name, shared with the desk or one person's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    # Empty for a search shared with everyone on the library; else the name of the person whose own it is.
    owner: str
    position: int

    @property
    def personal(self) -> bool:
        return bool(self.owner)

    @property
    def label(self) -> str:
        """The name, marked with its owner's when it is personal: "my drafts (Aliya)"."""
        return f"{self.name} ({self.owner})" if self.owner else self.name
