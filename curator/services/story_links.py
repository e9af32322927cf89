"""Writing a story's tags and related links, for creates and saves alike (one place, in the writer's transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from curator.core.iterate import chunks
from curator.core.text import tag_key
from curator.db import models as m
from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink, StoryFields


def write_tags_and_links(s: Session, items: Sequence[tuple[int, StoryFields]], *, replace: bool) -> list[StoryFields]:
    """Store the tags and related links of stories; returns their fields with links as stored.

    Links to stories get the target's UUID and, when untitled, its headline, so that a link still says
    where it went after its story is purged.
    """
    ids = [story_id for story_id, _ in items]
    if replace:
        s.execute(delete(m.story_tag).where(m.story_tag.c.story_id.in_(ids)))
        s.execute(delete(m.RelatedLink).where(m.RelatedLink.story_id.in_(ids)))
    tag_ids = ensure_tags(s, [name for _, fields in items for name in fields.tags])
    tag_rows = [
        {"story_id": story_id, "tag_id": tag_ids[tag_key(name)]} for story_id, fields in items for name in fields.tags
    ]
    if tag_rows:
        s.connection().execute(insert(m.story_tag), tag_rows)
    by_uuid = {r.target_uuid for _, fields in items for r in fields.related if r.target_id is None and r.target_uuid}
    found: dict[str, int] = {}
    for chunk in chunks(sorted(by_uuid)):
        found.update(s.execute(select(m.Story.uuid, m.Story.id).where(m.Story.uuid.in_(chunk))).all())
    targets = {r.target_id for _, fields in items for r in fields.related if r.target_id is not None}
    targets |= set(found.values())
    known: dict[int, Any] = {}
    for id_chunk in chunks(sorted(targets)):
        query = select(m.Story.id, m.Story.uuid, m.Story.headline).where(m.Story.id.in_(id_chunk))
        known.update((r.id, r) for r in s.execute(query))
    link_rows = []
    stored = []
    for story_id, fields in items:
        links = []
        for position, link in enumerate(fields.related):
            target = link.target_id
            if target is None and link.target_uuid in found:
                # A link naming its story by UUID (an import), now that the story exists.
                target = found[link.target_uuid]
            if target is not None and target not in known:
                raise ValidationError("related", f"story #{target} does not exist")
            if target == story_id:
                raise ValidationError("related", "a story cannot be related to itself")
            if target is None:
                # A headline (and maybe an address) only, as most imported ones are: stored as it is.
                stored_link = link
            else:
                stored_link = RelatedLink(
                    title=link.title or known[target].headline,
                    url=link.url,
                    target_id=target,
                    target_uuid=known[target].uuid,
                )
            links.append(stored_link)
            link_rows.append(
                (
                    story_id,
                    position,
                    stored_link.title,
                    stored_link.url,
                    stored_link.target_id,
                    stored_link.target_uuid,
                )
            )
        stored.append(fields.replace(related=tuple(links)) if fields.related else fields)
    if link_rows:
        _insert_links(s, link_rows)
    return stored


def _insert_links(s: Session, rows: list[tuple[Any, ...]]) -> None:
    """Insert related-link rows (story_id, position, title, url, target_id, target_uuid) straight through the
    driver: an import writes twenty per story, and building each row's parameters through the SQL layer costs
    more than the database's own work."""
    columns = ("story_id", "position", "title", "url", "target_id", "target_uuid")
    conn = s.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO related_link ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, rows)


def ensure_tags(s: Session, names: Sequence[str]) -> dict[str, int]:
    """Tag ids by key for ``names``, creating the tags that do not exist yet."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(tag_key(name), name)
    if not wanted:
        return {}
    found = dict(s.execute(select(m.Tag.key, m.Tag.id).where(m.Tag.key.in_(wanted))).all())
    missing = [{"name": name, "key": key} for key, name in wanted.items() if key not in found]
    if missing:
        if s.get_bind().dialect.name == "postgresql":
            # Another writer may be creating the same tag right now: theirs is taken, not an error (ON CONFLICT
            # waits for their transaction, and a new statement under READ COMMITTED then sees their row).
            s.execute(pg_insert(m.Tag).on_conflict_do_nothing(index_elements=[m.Tag.key]), missing)
            found.update(s.execute(select(m.Tag.key, m.Tag.id).where(m.Tag.key.in_(wanted))).all())
        else:
            # SQLite writers take the write lock up front (BEGIN IMMEDIATE): nobody can have made it meanwhile.
            created = s.execute(
                insert(m.Tag).returning(m.Tag.key, m.Tag.id, sort_by_parameter_order=True), missing
            ).all()
            found.update(dict(created))
    return found
