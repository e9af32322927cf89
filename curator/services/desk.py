"""The desk, put together: people and rights, the change feed, presence, comments and assignments, registered with
the story service so that every story write checks rights and is announced."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session, sessionmaker

from curator.domain.desk import Right, Role
from curator.services.changes import ChangeFeed
from curator.services.comments import CommentService
from curator.services.people import PeopleService
from curator.services.presence import PresenceService


class Desk:
    """What a library knows of the people working on it; also the story service's :class:`DeskHook`."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        actor: str = "",
        client: str = "",
        rights: Mapping[Right, frozenset[Role]] | None = None,
    ) -> None:
        self.people = PeopleService(session_factory, actor=actor, rights=rights)
        self.feed = ChangeFeed(session_factory, person=self.people.actor, client=client)
        self.presence = PresenceService(session_factory)
        self.comments = CommentService(session_factory, self.people, self.feed)

    @property
    def actor(self) -> str:
        return self.people.actor

    @property
    def client(self) -> str:
        return self.feed.client

    def require(self, session: Session, right: Right) -> None:
        self.people.require(session, right)

    def record(self, session: Session, kind: str, story_ids: Sequence[int], summary: str) -> None:
        self.feed.record(session, kind, story_ids, summary)
