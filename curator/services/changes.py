"""The feed of changes: every write records what it did, in the same transaction, and the other clients of the
library (windows, ``curator watch``) learn of it as soon as it is committed.

How a client learns there is something new, without scanning anything: on PostgreSQL the write sends a NOTIFY that
is delivered at commit (a client LISTENs on its own connection); on SQLite ``PRAGMA data_version`` changes whenever
another connection commits, so a client checks that number (a few microseconds) and reads the feed only when it
moved. Either way the client then reads just the events after the last one it saw.
"""

from __future__ import annotations

import select as select_module
import time
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, write_session
from curator.domain.desk import ChangeEvent

CHANNEL = "curator_changes"
# Events older than this are pruned now and then; a client away for longer reloads its views.
KEEP_EVENTS = timedelta(days=30)


def new_client_id() -> str:
    return uuid.uuid4().hex


def _event(row: m.ChangeEvent) -> ChangeEvent:
    return ChangeEvent(row.id, row.at, row.person, row.kind, tuple(row.story_ids or ()), row.summary, row.client)


class ChangeFeed:
    """Records events for one client (its acting person and client id) and reads everyone's."""

    def __init__(self, session_factory: sessionmaker[Session], *, person: str = "", client: str = "") -> None:
        self._sf = session_factory
        self.person = person
        self.client = client or new_client_id()

    def record(self, session: Session, kind: str, story_ids: Sequence[int], summary: str) -> None:
        """Add an event inside the caller's write transaction (it is seen only if that transaction commits)."""
        row = m.ChangeEvent(
            at=utcnow(),
            person=self.person,
            kind=kind,
            story_ids=[int(i) for i in story_ids],
            summary=summary,
            client=self.client,
        )
        session.add(row)
        session.flush()
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": str(row.id)})

    def latest_id(self) -> int:
        with read_session(self._sf) as s:
            return int(s.scalar(select(func.coalesce(func.max(m.ChangeEvent.id), 0))) or 0)

    def since(self, last_id: int, *, limit: int = 500) -> list[ChangeEvent]:
        """Events after ``last_id``, oldest first."""
        with read_session(self._sf) as s:
            rows = s.scalars(
                select(m.ChangeEvent).where(m.ChangeEvent.id > last_id).order_by(m.ChangeEvent.id).limit(limit)
            )
            return [_event(r) for r in rows]

    def for_story(self, story_id: int, *, limit: int = 200) -> list[ChangeEvent]:
        """The story's activity, newest first (the feed keeps the last 30 days)."""
        with read_session(self._sf) as s:
            rows = s.scalars(select(m.ChangeEvent).order_by(m.ChangeEvent.id.desc()).limit(20000))
            out = [_event(r) for r in rows if story_id in (r.story_ids or ())]
        return out[:limit]

    def prune(self, *, now: datetime | None = None) -> None:
        with write_session(self._sf) as s:
            s.execute(delete(m.ChangeEvent).where(m.ChangeEvent.at < (now or utcnow()) - KEEP_EVENTS))


class ChangeWatcher:
    """Waits for other clients' changes. Owns one connection; ``close()`` it. Not for the UI thread."""

    def __init__(self, feed: ChangeFeed, *, start_after: int | None = None, include_own: bool = False) -> None:
        self._feed = feed
        self._include_own = include_own
        self.last_id = feed.latest_id() if start_after is None else start_after
        engine = feed._sf.kw["bind"]
        self._conn: Connection = engine.connect()
        self._postgres = self._conn.dialect.name == "postgresql"
        if self._postgres:
            self._conn.execution_options(isolation_level="AUTOCOMMIT")
            self._conn.exec_driver_sql(f"LISTEN {CHANNEL}")
        self._version = self._data_version()

    def _data_version(self) -> int:
        if self._postgres:
            return 0
        value = self._conn.exec_driver_sql("PRAGMA data_version").scalar()
        self._conn.rollback()
        return int(value or 0)

    def wait(self, timeout: float) -> list[ChangeEvent]:
        """Events by other clients committed since the last call, waiting up to ``timeout`` seconds for one."""
        deadline = time.monotonic() + timeout
        while True:
            if self._postgres:
                self._drain_notifies(max(0.0, deadline - time.monotonic()))
                events = self._new_events()
            else:
                version = self._data_version()
                events = self._new_events() if version != self._version else []
                self._version = version
            if events or time.monotonic() >= deadline:
                return events
            if not self._postgres:
                time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def _drain_notifies(self, timeout: float) -> None:
        raw = self._conn.connection.driver_connection
        if raw is None:
            return
        ready, _, _ = select_module.select([raw.fileno()], [], [], timeout)
        if ready:
            for _note in raw.notifies(timeout=0, stop_after=1000):
                pass

    def _new_events(self) -> list[ChangeEvent]:
        events = self._feed.since(self.last_id)
        if events:
            self.last_id = events[-1].id
        if self._include_own:
            return events
        return [e for e in events if e.client != self._feed.client]

    def close(self) -> None:
        self._conn.close()
