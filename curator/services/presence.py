"""Presence: who has which story open, kept alive by each client's heartbeat. Advisory, never a lock.

A client that dies stops its heartbeat and is no longer shown after ``TIMEOUT`` (60 s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, write_session
from curator.domain.desk import Presence

TIMEOUT = timedelta(seconds=60)
HEARTBEAT_SECONDS = 15


class PresenceService:
    def __init__(
        self, session_factory: sessionmaker[Session], *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._sf = session_factory
        self._clock = clock

    def heartbeat(self, client: str, person: str, story_id: int | None) -> None:
        """Say that ``client`` (``person``) is here, editing ``story_id`` (None: no story open)."""
        now = self._clock()
        with write_session(self._sf) as s:
            row = s.get(m.Presence, client)
            if row is None:
                s.add(m.Presence(client=client, person=person, story_id=story_id, since=now, seen_at=now))
            else:
                if row.story_id != story_id:
                    row.since = now
                row.story_id, row.person, row.seen_at = story_id, person, now
            s.execute(delete(m.Presence).where(m.Presence.seen_at < now - TIMEOUT * 10))

    def leave(self, client: str) -> None:
        with write_session(self._sf) as s:
            s.execute(delete(m.Presence).where(m.Presence.client == client))

    def editing(self, story_ids: Iterable[int] | None = None, *, exclude_client: str = "") -> list[Presence]:
        """Who is editing (these) stories now, longest first."""
        cutoff = self._clock() - TIMEOUT
        query = select(m.Presence).where(m.Presence.seen_at >= cutoff, m.Presence.story_id.is_not(None))
        if story_ids is not None:
            query = query.where(m.Presence.story_id.in_(list(story_ids)))
        if exclude_client:
            query = query.where(m.Presence.client != exclude_client)
        with read_session(self._sf) as s:
            rows = s.scalars(query.order_by(m.Presence.since)).all()
            return [Presence(r.person, int(r.story_id or 0), r.since, r.client) for r in rows]

    def now(self) -> datetime:
        return self._clock()
