"""The full-text index interface shared by the SQLite and PostgreSQL backends (picked in :mod:`.backends`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Connection, Select, select
from sqlalchemy.orm import QueryableAttribute

from curator.core.text import index_text
from curator.search.query import Term

REBUILD_BATCH = 500
# The version of what the index holds (folding, tokens, columns). A library records the version it was filled
# with (``library_meta``); the services rebuild the index on open when it differs (curator.services.indexes).
INDEX_VERSION = 1

# A column to search by: a Core column or a model's attribute (``Story.seq``).
SqlColumn: TypeAlias = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True)
class IndexDoc:
    """The searchable text of one story version, keyed by the story's change sequence number."""

    seq: int
    headline: str
    dek: str
    body: str
    byline: str
    outlet: str

    @classmethod
    def of(cls, seq: int, headline: str, dek: str, body: str, byline: str, outlet: str) -> IndexDoc:
        """Build a document from raw story text; folding and tokenising happen here, once for both backends."""
        return cls(seq, index_text(headline), index_text(dek), index_text(body), index_text(byline), index_text(outlet))


@dataclass(frozen=True)
class TextMatch:
    """How a query's text terms join a story select.

    ``stmt`` is the select with the index joined and filtered; ``recency`` is the column that orders matches
    newest first (cheaply, for a DESC walk); ``score`` ranks relevance, lower is better.
    """

    stmt: Select
    recency: SqlColumn
    score: ColumnElement


class FullTextIndex(ABC):
    """A full-text index of stories, maintained by the services in the same transaction as the stories."""

    @abstractmethod
    def create(self, conn: Connection) -> None: ...

    @abstractmethod
    def drop(self, conn: Connection) -> None: ...

    @abstractmethod
    def add(self, conn: Connection, docs: Sequence[IndexDoc]) -> None: ...

    @abstractmethod
    def remove(self, conn: Connection, seqs: Sequence[int]) -> None: ...

    @abstractmethod
    def match(self, stmt: Select, seq_column: SqlColumn, terms: Sequence[Term]) -> TextMatch:
        """Join ``stmt`` (a select over stories) to the stories matching every one of ``terms``.

        At least one term must be positive.
        """

    @abstractmethod
    def excluding(self, seq_column: SqlColumn, terms: Sequence[Term]) -> ColumnElement:
        """A condition true for stories that match none of ``terms`` (for queries of exclusions only)."""

    def rebuild(self, conn: Connection) -> int:
        """Index every story again from the story table; returns how many were indexed."""
        from curator.db.models import Story  # late: matching and querying need no ORM models

        self.drop(conn)
        self.create(conn)
        count = 0
        rows = conn.execute(select(Story.seq, Story.headline, Story.dek, Story.body, Story.byline, Story.outlet_name))
        for batch in _batches(rows, REBUILD_BATCH):
            self.add(conn, [IndexDoc.of(*row) for row in batch])
            count += len(batch)
        return count


def _batches(rows: Iterable, size: int) -> Iterable[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
