"""Turning ORM rows into the dataclasses the services return, and fields into revision JSON and back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.core.status import Status
from curator.db import models as m
from curator.domain.errors import DamagedLibraryError
from curator.domain.stories import TEXT_FIELDS, RelatedLink, Story, StoryFields, StorySummary

Targets = dict[int, tuple[str, str, datetime | None]]


def related_targets(session: Session, links: Iterable[m.RelatedLink]) -> Targets:
    """UUID, slug and trash time of the stories ``links`` point at, in one query."""
    target_ids = {link.target_id for link in links if link.target_id is not None}
    if not target_ids:
        return {}
    rows = session.execute(
        select(m.Story.id, m.Story.uuid, m.Story.slug, m.Story.deleted_at).where(m.Story.id.in_(target_ids))
    )
    return {r.id: (r.uuid, r.slug, r.deleted_at) for r in rows}


def related_dtos(
    session: Session, links: Iterable[m.RelatedLink], *, targets: Targets | None = None
) -> tuple[RelatedLink, ...]:
    links = list(links)
    if targets is None:
        targets = related_targets(session, links)
    out = []
    for link in links:
        target = targets.get(link.target_id) if link.target_id is not None else None
        out.append(
            RelatedLink(
                title=link.title,
                url=link.url,
                target_id=link.target_id,
                target_uuid=target[0] if target else link.target_uuid,
                target_slug=target[1] if target else None,
                target_trashed=bool(target and target[2] is not None),
            )
        )
    return tuple(out)


def story_dto(session: Session, story: m.Story, *, targets: Targets | None = None) -> Story:
    """A story from its ORM row (tags and links loaded through it)."""
    return story_from_row(story, [t.name for t in story.tags], related_dtos(session, story.related, targets=targets))


def story_from_row(row: Any, tags: Iterable[str], related: tuple[RelatedLink, ...]) -> Story:
    """A story from anything with the story table's columns as attributes: an ORM row or a plain result row."""
    return Story(
        id=row.id,
        uuid=row.uuid,
        slug=row.slug,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        published_at=row.published_at,
        word_count=row.word_count,
        status=stored_status(row),
        tags=tuple(sorted(tags, key=str.casefold)),
        related=related,
        extra=dict(row.extra or {}),
        **{name: getattr(row, name) for name in TEXT_FIELDS},
    )


def summary_dto(row: Any, tags: tuple[str, ...]) -> StorySummary:
    return StorySummary(
        id=row.id,
        uuid=row.uuid,
        slug=row.slug,
        headline=row.headline,
        status=stored_status(row),
        byline=row.byline,
        outlet_name=row.outlet_name,
        tags=tags,
        word_count=row.word_count,
        created_at=row.created_at,
        updated_at=row.updated_at,
        published_at=row.published_at,
        deleted_at=row.deleted_at,
        version=row.version,
        seq=row.seq,
    )


def fields_to_json(fields: StoryFields, slug: str | None) -> dict[str, Any]:
    """The fields as JSON-ready values (a revision's data, a recovery draft, where ``slug`` may be unset)."""
    data: dict[str, Any] = {name: getattr(fields, name) for name in TEXT_FIELDS}
    data.update(
        status=fields.status.value,
        tags=list(fields.tags),
        related=[
            {"title": r.title, "url": r.url, "target_id": r.target_id, "target_uuid": r.target_uuid}
            for r in fields.related
        ],
        published_at=fields.published_at.isoformat() if fields.published_at else None,
        slug=slug,
        extra=dict(fields.extra),
    )
    return data


def fields_from_json(data: Mapping[str, Any]) -> StoryFields:
    published = data.get("published_at")
    return StoryFields(
        **{name: str(data.get(name) or "") for name in TEXT_FIELDS if name != "language"},
        language=str(data.get("language") or "en"),
        status=Status(data.get("status") or Status.DRAFT),
        tags=tuple(data.get("tags") or ()),
        related=tuple(
            RelatedLink(
                title=r.get("title", ""),
                url=r.get("url", ""),
                target_id=r.get("target_id"),
                target_uuid=r.get("target_uuid"),
            )
            for r in data.get("related") or ()
        ),
        published_at=datetime.fromisoformat(published) if published else None,
        slug=data.get("slug"),
        extra=dict(data.get("extra") or {}),
    )


def stored_status(row: Any) -> Status:
    """A row's workflow status; a value no Curator writes (a damaged file, a hand edit) is a named error."""
    try:
        return Status(row.status)
    except ValueError:
        raise DamagedLibraryError(
            f"story #{row.id} has the status {str(row.status)[:40]!r}, which Curator never writes: the library is "
            "damaged. Run 'curator db check', or restore the automatic backup beside the library"
        ) from None
