"""Editorial comments on passages of a story, and who is assigned to it.

Comments are internal: nothing here ever reaches an export, the preview or a feed. A thread's first comment is
anchored to its passage with the same text-quote anchors as claims, follows the text through edits and merges, and
is kept as an orphan (never dropped) when its passage is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.status import Status
from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, write_session
from curator.desk.merge import mentions
from curator.domain.desk import Assignment, AssignmentRole, Comment
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.factcheck import TextAnchor
from curator.factcheck.anchors import anchor_at, reanchor
from curator.services.changes import ChangeFeed
from curator.services.hooks import WrittenStory
from curator.services.people import PeopleService


def _comment(row: m.Comment, replies: tuple[Comment, ...] = ()) -> Comment:
    anchor = TextAnchor.from_selectors(row.anchor) if row.anchor else None
    return Comment(
        row.id,
        row.story_id,
        row.parent_id,
        row.author,
        row.body,
        anchor,
        row.orphaned,
        row.created_at,
        row.resolved_at,
        row.resolved_by,
        tuple(row.mentions or ()),
        replies,
    )


class CommentService:
    def __init__(self, session_factory: sessionmaker[Session], people: PeopleService, feed: ChangeFeed) -> None:
        self._sf = session_factory
        self._people = people
        self._feed = feed

    # --------------------------------------------------------------------------------------------- comments

    def threads(self, story_id: int, *, include_resolved: bool = True) -> list[Comment]:
        """The story's threads in text order (orphans last), each with its replies."""
        with read_session(self._sf) as s:
            rows = s.scalars(select(m.Comment).where(m.Comment.story_id == story_id).order_by(m.Comment.id)).all()
        replies: dict[int, list[Comment]] = {}
        for r in rows:
            if r.parent_id is not None:
                replies.setdefault(r.parent_id, []).append(_comment(r))
        out = [_comment(r, tuple(replies.get(r.id, ()))) for r in rows if r.parent_id is None]
        if not include_resolved:
            out = [c for c in out if not c.resolved]
        return sorted(out, key=lambda c: (c.orphaned, c.anchor.start if c.anchor else 0, c.id))

    def add(
        self, story_id: int, body: str, *, start: int | None = None, end: int | None = None, quote: str = ""
    ) -> Comment:
        """Comment on the passage ``start:end`` of the saved body (or the first occurrence of ``quote``)."""
        body = body.strip()
        if not body:
            raise ValidationError("comment", "a comment needs some text")
        with write_session(self._sf) as s:
            story = s.get(m.Story, story_id)
            if story is None:
                raise NotFoundError(f"there is no story #{story_id}")
            anchor = None
            if quote:
                at = story.body.find(quote)
                if at < 0:
                    raise ValidationError("quote", f"the story does not contain {quote!r}")
                start, end = at, at + len(quote)
            if start is not None and end is not None:
                if not 0 <= start < end <= len(story.body):
                    raise ValidationError("passage", f"{start}:{end} is outside the story's text")
                anchor = anchor_at(story.body, start, end).selectors()
            row = self._new(s, story_id, None, body, anchor)
            self._feed.record(s, "comment", [story_id], f"{self._people.actor or 'Someone'} commented: {body[:80]}")
            return _comment(row)

    def reply(self, comment_id: int, body: str) -> Comment:
        body = body.strip()
        if not body:
            raise ValidationError("reply", "a reply needs some text")
        with write_session(self._sf) as s:
            parent = s.get(m.Comment, comment_id)
            if parent is None:
                raise NotFoundError(f"there is no comment #{comment_id}")
            root = parent.parent_id or parent.id
            row = self._new(s, parent.story_id, root, body, None)
            self._feed.record(
                s, "comment", [parent.story_id], f"{self._people.actor or 'Someone'} replied: {body[:80]}"
            )
            return _comment(row)

    def resolve(self, comment_id: int, *, resolved: bool = True) -> Comment:
        with write_session(self._sf) as s:
            row = s.get(m.Comment, comment_id)
            if row is None:
                raise NotFoundError(f"there is no comment #{comment_id}")
            row = s.get(m.Comment, row.parent_id) if row.parent_id else row
            assert row is not None
            row.resolved_at = utcnow() if resolved else None
            row.resolved_by = self._people.actor if resolved else ""
            what = "resolved" if resolved else "reopened"
            self._feed.record(s, "comment", [row.story_id], f"{self._people.actor or 'Someone'} {what} a comment")
            return _comment(row)

    def open_count(self, story_id: int) -> int:
        return sum(1 for c in self.threads(story_id) if not c.resolved)

    def mentioning(self, person: str) -> list[Comment]:
        """Comments that name ``person`` with @, newest first."""
        key = person.casefold()
        with read_session(self._sf) as s:
            rows = s.scalars(select(m.Comment).order_by(m.Comment.id.desc()).limit(5000)).all()
            return [_comment(r) for r in rows if key in {p.casefold() for p in (r.mentions or ())}]

    def _new(
        self, s: Session, story_id: int, parent: int | None, body: str, anchor: list[dict[str, Any]] | None
    ) -> m.Comment:
        people = [p.name for p in self._people.all()]
        row = m.Comment(
            story_id=story_id,
            parent_id=parent,
            author=self._people.actor,
            body=body,
            anchor=anchor,
            orphaned=False,
            mentions=list(mentions(body, people)),
            created_at=utcnow(),
            resolved_by="",
        )
        s.add(row)
        s.flush()
        return row

    # --------------------------------------------------------------------------- anchors follow the text

    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None:
        """Story hook: comments' passages follow each saved body; a deleted passage leaves an orphan."""
        for story in stories:
            if story.created or story.previous is None or story.previous.body == story.fields.body:
                continue
            rows = session.scalars(
                select(m.Comment).where(m.Comment.story_id == story.id, m.Comment.anchor.is_not(None))
            ).all()
            for row in rows:
                if not row.anchor:
                    continue
                found = reanchor(TextAnchor.from_selectors(row.anchor or []), story.fields.body)
                if found is None:
                    row.orphaned = True
                else:
                    row.anchor, row.orphaned = found.selectors(), False

    def status_blockers(self, session: Session, story_id: int, status: Status) -> Sequence[str]:
        """Status gate (when the desk's settings ask for it): open comment threads hold Ready and Published."""
        rows = session.scalars(
            select(m.Comment.id).where(
                m.Comment.story_id == story_id, m.Comment.parent_id.is_(None), m.Comment.resolved_at.is_(None)
            )
        ).all()
        n = len(rows)
        return [f"{n} open comment{'s' if n != 1 else ''}"] if n else []

    def stories_purged(self, session: Session, story_ids: Sequence[int]) -> None:
        session.execute(delete(m.Comment).where(m.Comment.story_id.in_(list(story_ids))))

    # ----------------------------------------------------------------------------------------- assignments

    def assign(self, story_id: int, role: AssignmentRole, person: str, *, due_at: datetime | None = None) -> Assignment:
        """Give the story's ``role`` (writer, editor, checker) to ``person``, a member of the desk."""
        member = self._people.get(person)
        if member is None:
            raise ValidationError("assignee", f"nobody called {person!r} is on the desk")
        with write_session(self._sf) as s:
            if s.get(m.Story, story_id) is None:
                raise NotFoundError(f"there is no story #{story_id}")
            row = s.get(m.Assignment, (story_id, role.value))
            if row is None:
                row = m.Assignment(story_id=story_id, role=role.value)
                s.add(row)
            row.person, row.person_key, row.due_at = member.name, member.key, due_at
            row.assigned_by, row.assigned_at = self._people.actor, utcnow()
            s.flush()
            self._feed.record(s, "assigned", [story_id], f"{member.name} is the {role.value} (by {self._people.actor})")
            return Assignment(story_id, role, member.name, due_at, row.assigned_by, row.assigned_at)

    def unassign(self, story_id: int, role: AssignmentRole) -> None:
        with write_session(self._sf) as s:
            s.execute(delete(m.Assignment).where(m.Assignment.story_id == story_id, m.Assignment.role == role.value))
            self._feed.record(s, "assigned", [story_id], f"no {role.value} any more")

    def assignments(self, story_id: int) -> list[Assignment]:
        with read_session(self._sf) as s:
            rows = s.scalars(select(m.Assignment).where(m.Assignment.story_id == story_id)).all()
            return [
                Assignment(r.story_id, AssignmentRole(r.role), r.person, r.due_at, r.assigned_by, r.assigned_at)
                for r in sorted(rows, key=lambda r: list(AssignmentRole).index(AssignmentRole(r.role)))
            ]

    def assigned_to(self, person: str) -> list[int]:
        with read_session(self._sf) as s:
            ids = s.scalars(
                select(m.Assignment.story_id).where(m.Assignment.person_key == person.strip().casefold())
            ).all()
            return sorted(set(ids))

    def unassigned(self) -> list[int]:
        with read_session(self._sf) as s:
            ids = s.scalars(
                select(m.Story.id)
                .where(m.Story.deleted_at.is_(None))
                .where(~select(m.Assignment.story_id).where(m.Assignment.story_id == m.Story.id).exists())
            ).all()
            return sorted(ids)
