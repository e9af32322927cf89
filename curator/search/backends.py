"""Picking the full-text index backend for a database; kept apart from the interface the backends import."""

from __future__ import annotations

from curator.core.errors import CuratorError
from curator.search.index import FullTextIndex


def index_for(dialect_name: str) -> FullTextIndex:
    """The full-text index backend for a database dialect."""
    if dialect_name == "sqlite":
        from curator.search.sqlite_fts import SqliteFts

        return SqliteFts()
    if dialect_name == "postgresql":
        from curator.search.postgres_fts import PostgresFts

        return PostgresFts()
    raise CuratorError(f"Curator cannot search a {dialect_name} database; use SQLite or PostgreSQL")
