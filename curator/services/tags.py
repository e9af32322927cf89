"""Tag service: counts, completion, rename, merge, delete, and tagging stories in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.text import tag_key
from curator.db import models as m
from curator.db.engine import read_session, retry_conflicts, write_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.stories import ChangeSet, TagCount
from curator.services.validate import tag_name


class TagService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def counts(self, *, include_empty: bool = False) -> list[TagCount]:
        """Every tag with the number of stories (not in the trash) that carry it, by name."""
        live = (
            select(m.story_tag.c.tag_id, func.count().label("n"))
            .join(m.Story, m.Story.id == m.story_tag.c.story_id)
            .where(m.Story.deleted_at.is_(None))
            .group_by(m.story_tag.c.tag_id)
            .subquery()
        )
        stmt = select(m.Tag.name, func.coalesce(live.c.n, 0)).outerjoin(live, live.c.tag_id == m.Tag.id)
        with read_session(self._sf) as s:
            rows = [TagCount(name, n) for name, n in s.execute(stmt)]
        rows.sort(key=lambda t: t.name.casefold())
        return rows if include_empty else [t for t in rows if t.count]

    def complete(self, prefix: str, *, limit: int = 20) -> list[str]:
        """Tag names starting with ``prefix`` (any case), for completion in tag fields."""
        key = tag_key(prefix)
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = select(m.Tag.name).where(m.Tag.key.like(f"{escaped}%", escape="\\")).order_by(m.Tag.key).limit(limit)
        with read_session(self._sf) as s:
            return list(s.scalars(stmt))

    @retry_conflicts
    def rename(self, old: str, new: str, *, origin: object | None = None) -> ChangeSet:
        """Rename a tag; renaming onto an existing tag merges the two. Every story keeps its tags."""
        new_name = tag_name(new)
        if not new_name:
            raise ValidationError("tag", "a tag name cannot be empty")
        with write_session(self._sf) as s:
            source = self._require(s, old)
            target = s.scalar(select(m.Tag).where(m.Tag.key == tag_key(new_name)))
            if target is None or target.id == source.id:
                source.name, source.key = new_name, tag_key(new_name)
                affected = self._stories_of(s, [source.id])
                return ChangeSet(updated=affected, origin=origin)
            affected = self._merge(s, [source], target)
            target.name = new_name
        return ChangeSet(updated=affected, origin=origin)

    @retry_conflicts
    def merge(self, sources: Sequence[str], target: str, *, origin: object | None = None) -> ChangeSet:
        """Fold the ``sources`` tags into ``target`` (created if new); stories keep every link."""
        target_name = tag_name(target)
        if not target_name:
            raise ValidationError("tag", "a tag name cannot be empty")
        with write_session(self._sf) as s:
            tags = [self._require(s, name) for name in sources]
            into = s.scalar(select(m.Tag).where(m.Tag.key == tag_key(target_name)))
            if into is None:
                into = m.Tag(name=target_name, key=tag_key(target_name))
                s.add(into)
                s.flush()
            affected = self._merge(s, [t for t in tags if t.id != into.id], into)
        return ChangeSet(updated=affected, origin=origin)

    @retry_conflicts
    def delete(self, name: str, *, origin: object | None = None) -> ChangeSet:
        """Remove a tag from every story and from the list of tags."""
        with write_session(self._sf) as s:
            tag = self._require(s, name)
            affected = self._stories_of(s, [tag.id])
            s.execute(delete(m.Tag).where(m.Tag.id == tag.id).execution_options(synchronize_session=False))
            s.expunge(tag)
        return ChangeSet(updated=affected, origin=origin)

    @retry_conflicts
    def tag_stories(self, story_ids: Iterable[int], names: Sequence[str], *, origin: object | None = None) -> ChangeSet:
        """Add tags to stories (the ones they already have are left alone)."""
        ids = tuple(story_ids)
        clean = [n for n in (tag_name(x) for x in names) if n]
        if not ids or not clean:
            return ChangeSet(origin=origin)
        with write_session(self._sf) as s:
            tag_ids = []
            for name in clean:
                tag = s.scalar(select(m.Tag).where(m.Tag.key == tag_key(name)))
                if tag is None:
                    tag = m.Tag(name=name, key=tag_key(name))
                    s.add(tag)
                    s.flush()
                tag_ids.append(tag.id)
            existing = {
                (row.story_id, row.tag_id)
                for row in s.execute(
                    select(m.story_tag.c.story_id, m.story_tag.c.tag_id).where(
                        m.story_tag.c.story_id.in_(ids), m.story_tag.c.tag_id.in_(tag_ids)
                    )
                )
            }
            missing = set(ids) - set(s.scalars(select(m.Story.id).where(m.Story.id.in_(ids))))
            if missing:
                raise NotFoundError(f"there is no story #{min(missing)}")
            rows = [{"story_id": sid, "tag_id": tid} for sid in ids for tid in tag_ids if (sid, tid) not in existing]
            if rows:
                s.execute(insert(m.story_tag), rows)
        return ChangeSet(updated=ids, origin=origin)

    @retry_conflicts
    def untag_stories(
        self, story_ids: Iterable[int], names: Sequence[str], *, origin: object | None = None
    ) -> ChangeSet:
        ids = tuple(story_ids)
        keys = [tag_key(n) for n in names]
        with write_session(self._sf) as s:
            tag_ids = list(s.scalars(select(m.Tag.id).where(m.Tag.key.in_(keys))))
            if tag_ids:
                s.execute(delete(m.story_tag).where(m.story_tag.c.story_id.in_(ids), m.story_tag.c.tag_id.in_(tag_ids)))
        return ChangeSet(updated=ids, origin=origin)

    # ---------------------------------------------------------------------------------------- internals

    def _require(self, s: Session, name: str) -> m.Tag:
        tag = s.scalar(select(m.Tag).where(m.Tag.key == tag_key(name)))
        if tag is None:
            raise NotFoundError(f"there is no tag {name!r}")
        return tag

    def _stories_of(self, s: Session, tag_ids: Sequence[int]) -> tuple[int, ...]:
        return tuple(sorted(set(s.scalars(select(m.story_tag.c.story_id).where(m.story_tag.c.tag_id.in_(tag_ids))))))

    def _merge(self, s: Session, sources: Sequence[m.Tag], target: m.Tag) -> tuple[int, ...]:
        source_ids = [t.id for t in sources]
        if not source_ids:
            return ()
        affected = self._stories_of(s, source_ids)
        already = set(s.scalars(select(m.story_tag.c.story_id).where(m.story_tag.c.tag_id == target.id)))
        # Stories that carry both keep one link; the others move over to the target.
        s.execute(delete(m.story_tag).where(m.story_tag.c.tag_id.in_(source_ids), m.story_tag.c.story_id.in_(already)))
        moving = [sid for sid in affected if sid not in already]
        if moving:
            # A story may carry several of the sources: move one link per story, drop the rest.
            s.execute(delete(m.story_tag).where(m.story_tag.c.tag_id.in_(source_ids)))
            s.execute(insert(m.story_tag), [{"story_id": sid, "tag_id": target.id} for sid in moving])
        s.execute(delete(m.Tag).where(m.Tag.id.in_(source_ids)).execution_options(synchronize_session=False))
        for tag in sources:
            s.expunge(tag)
        return affected
