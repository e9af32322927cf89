"""Revision service: the history of a story's explicit saves, and restoring any of them."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.errors import NotFoundError
from curator.domain.stories import Revision, RevisionInfo, SaveResult, StoryFields
from curator.services.convert import fields_from_json
from curator.services.stories import StoryService


def _info(row: m.Revision) -> RevisionInfo:
    return RevisionInfo(
        id=row.id,
        story_id=row.story_id,
        created_at=row.created_at,
        author=row.author,
        story_version=row.story_version,
        note=row.note,
        headline=str(row.data.get("headline", "")),
    )


class RevisionService:
    def __init__(self, session_factory: sessionmaker[Session], stories: StoryService) -> None:
        self._sf = session_factory
        self._stories = stories

    def history(self, story_id: int) -> list[RevisionInfo]:
        """The story's revisions, newest first."""
        with read_session(self._sf) as s:
            rows = s.scalars(
                select(m.Revision).where(m.Revision.story_id == story_id).order_by(m.Revision.id.desc())
            ).all()
            return [_info(r) for r in rows]

    def count(self, story_id: int) -> int:
        with read_session(self._sf) as s:
            return s.scalar(select(func.count()).where(m.Revision.story_id == story_id)) or 0

    def get(self, revision_id: int) -> Revision:
        with read_session(self._sf) as s:
            row = s.get(m.Revision, revision_id)
            if row is None:
                raise NotFoundError(f"there is no revision #{revision_id}")
            return Revision(info=_info(row), fields=fields_from_json(row.data))

    def restore(
        self,
        revision_id: int,
        *,
        base_version: int,
        author: str = "",
        origin: object | None = None,
        unsaved: StoryFields | None = None,
    ) -> SaveResult:
        """Make a revision's text the story's current text, as a new save (the history keeps everything).

        ``unsaved`` (the editor's changes not saved yet) is saved as a revision first, so it stays in the history.
        Related links to stories purged since the revision are kept as broken links rather than dropped.
        """
        revision = self.get(revision_id)
        if unsaved is not None:
            first = self._stories.save(
                revision.info.story_id,
                unsaved,
                base_version=base_version,
                author=author,
                note="Saved before restoring a revision",
            )
            base_version = first.story.version
        current = self._stories.get(revision.info.story_id)
        fields = revision.fields.replace(slug=None if revision.fields.slug == current.slug else revision.fields.slug)
        existing = {r.target_id for r in current.related if r.target_id is not None}
        live = self._live_ids({r.target_id for r in fields.related if r.target_id is not None} - existing)
        fields = fields.replace(
            related=tuple(
                r
                if r.target_id is None or r.target_id in existing or r.target_id in live
                else r.__class__(title=r.title, url=r.url, target_id=None, target_uuid=r.target_uuid)
                for r in fields.related
            )
        )
        when = revision.info.created_at.strftime("%Y-%m-%d %H:%M")
        return self._stories.save(
            revision.info.story_id,
            fields,
            base_version=base_version,
            author=author,
            note=f"Restored the revision of {when} UTC",
            origin=origin,
        )

    def _live_ids(self, ids: set[int]) -> set[int]:
        if not ids:
            return set()
        with read_session(self._sf) as s:
            return set(s.scalars(select(m.Story.id).where(m.Story.id.in_(ids))))
