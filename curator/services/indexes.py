"""The derived indexes (full-text search, related-story terms): filled again when a library's copy is stale.

Schema migrations are frozen DDL: a migration that adds or changes a derived index creates its tables empty
and marks it ``stale`` in ``library_meta``, because calling today's index code from an old migration would
break the day the models change. Opening the library then calls :func:`rebuild_stale_indexes`, which refills
every index whose recorded version is not the code's (``INDEX_VERSION``), so raising that version is also how a
change to tokenising or term weighting reaches existing libraries: the same pattern as ``DETECTOR_VERSION``
and ``FactCheckService.ensure_analysed`` for fact-check findings. An index that is current costs one read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.related.index import INDEX_VERSION as RELATED_VERSION
from curator.related.index import RelatedIndex
from curator.search.backends import index_for
from curator.search.index import INDEX_VERSION as FULLTEXT_VERSION

log = logging.getLogger(__name__)

FULLTEXT_KEY = "index.fulltext"
RELATED_KEY = "index.related"
STALE = "stale"


@dataclass(frozen=True)
class DerivedIndex:
    key: str
    version: str
    title: str
    rebuild: Callable[[Connection], int]


def _rebuild_fulltext(conn: Connection) -> int:
    return index_for(conn.dialect.name).rebuild(conn)


def _rebuild_related(conn: Connection) -> int:
    return RelatedIndex(conn.dialect.name).rebuild(conn)


INDEXES = (
    DerivedIndex(FULLTEXT_KEY, str(FULLTEXT_VERSION), "full-text index", _rebuild_fulltext),
    DerivedIndex(RELATED_KEY, str(RELATED_VERSION), "related-stories index", _rebuild_related),
)


def _recorded(s: Session, *, lock: bool = False) -> dict[str, str]:
    stmt = select(m.LibraryMeta.key, m.LibraryMeta.value).where(m.LibraryMeta.key.in_([i.key for i in INDEXES]))
    if lock:
        stmt = stmt.with_for_update()
    return {key: value for key, value in s.execute(stmt)}


def stale_indexes(session_factory: sessionmaker[Session]) -> list[str]:
    """The keys of the derived indexes that need filling again (none for a library that is current)."""
    with read_session(session_factory) as s:
        recorded = _recorded(s)
    return [i.key for i in INDEXES if recorded.get(i.key) != i.version]


def mark_current(session: Session, key: str) -> None:
    """Record, in the caller's transaction, that the index ``key`` was just filled by today's code."""
    index = next(i for i in INDEXES if i.key == key)
    session.execute(delete(m.LibraryMeta).where(m.LibraryMeta.key == key))
    session.execute(insert(m.LibraryMeta).values(key=key, value=index.version))


def rebuild_stale_indexes(session_factory: sessionmaker[Session]) -> list[str]:
    """Fill again every derived index the library holds stale (after a schema upgrade, or a newer index
    version); returns the keys of those rebuilt. Each index is rebuilt in one write transaction, after
    checking again under the write lock, so two programs opening the library at once do the work once.
    """
    wanted = stale_indexes(session_factory)
    done: list[str] = []
    for index in INDEXES:
        if index.key not in wanted:
            continue
        with write_session(session_factory) as s:
            if _recorded(s, lock=True).get(index.key) == index.version:
                continue
            stories = index.rebuild(s.connection())
            mark_current(s, index.key)
        log.info("rebuilt the %s of %d stories (version %s)", index.title, stories, index.version)
        done.append(index.key)
    return done
