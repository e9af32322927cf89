"""Story service: create, read, save (optimistically), trash, restore, purge, and rendered HTML."""

from __future__ import annotations

import json
import logging
import re
import uuid as uuid_mod
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from curator.core.status import Status
from curator.core.text import slugify, sort_key, tag_key, word_count
from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, write_session
from curator.render.markdown import RENDER_KEY, render_markdown
from curator.search.index import IndexDoc, index_for
from curator.services.convert import fields_to_json, story_dto
from curator.services.dto import TEXT_FIELDS, ChangeSet, RelatedLink, SaveResult, Story, StoryFields
from curator.services.errors import BusyError, ConflictError, NotFoundError, ValidationError
from curator.services.hooks import StoryHook, WrittenStory
from curator.services.validate import normalise

log = logging.getLogger(__name__)


def _dialect(session_factory: sessionmaker[Session]) -> str:
    bind = session_factory.kw.get("bind")
    return bind.dialect.name if bind is not None else "sqlite"


def _comparable(fields: StoryFields) -> StoryFields:
    related = tuple(type(r)(title=r.title, url=r.url, target_id=r.target_id) for r in fields.related)
    tags = tuple(sorted(fields.tags, key=str.casefold))
    return fields.replace(slug=None, related=related, tags=tags, extra=dict(fields.extra))


def _json_safe(extra: Any) -> dict[str, Any]:
    try:
        return json.loads(json.dumps(dict(extra), default=str))
    except (TypeError, ValueError) as exc:
        raise ValidationError("extra", f"cannot be stored: {exc}") from None


def _derived_slug(slug: str, headline: str) -> bool:
    """Whether ``slug`` is what the headline gives (maybe numbered), rather than one somebody chose."""
    base = slugify(headline)
    return slug == base or bool(re.fullmatch(re.escape(base) + r"-\d+", slug))


class StoryService:
    def __init__(self, session_factory: sessionmaker[Session], *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sf = session_factory
        self._clock = clock
        self._hooks: list[StoryHook] = []
        self._dialect = _dialect(session_factory)
        self._fts = index_for(self._dialect)

    def add_hook(self, hook: StoryHook) -> None:
        """Keep ``hook`` informed of every story written or purged (inside the same transaction)."""
        self._hooks.append(hook)

    # ----------------------------------------------------------------------------------------- reading

    def get(self, story_id: int) -> Story:
        with read_session(self._sf) as s:
            row = s.get(m.Story, story_id)
            if row is None:
                raise NotFoundError(f"there is no story #{story_id}")
            return story_dto(s, row)

    def resolve(self, ref: str | int) -> int:
        """The id of the story named by an id, a UUID or a slug (as typed on the command line)."""
        with read_session(self._sf) as s:
            ref_text = str(ref).strip()
            if ref_text.isdigit():
                found = s.scalar(select(m.Story.id).where(m.Story.id == int(ref_text)))
                if found is not None:
                    return found
            found = s.scalar(select(m.Story.id).where(or_(m.Story.uuid == ref_text, m.Story.slug == ref_text)))
            if found is None:
                raise NotFoundError(f"no story has the id, UUID or slug {ref_text!r}")
            return found

    def rendered_html(self, story_id: int) -> str:
        """The story body as sanitised HTML: the stored render when it is current, otherwise rendered now."""
        with read_session(self._sf) as s:
            row = s.execute(
                select(m.Story.body, m.Story.body_html, m.Story.render_key, m.Story.version).where(
                    m.Story.id == story_id
                )
            ).one_or_none()
        if row is None:
            raise NotFoundError(f"there is no story #{story_id}")
        if row.render_key == RENDER_KEY and row.body_html is not None:
            return row.body_html
        html = render_markdown(row.body)
        with write_session(self._sf) as s:
            # Only if the story was not saved meanwhile; either way the caller gets a render of what it asked.
            s.execute(
                update(m.Story)
                .where(m.Story.id == story_id, m.Story.version == row.version)
                .values(body_html=html, render_key=RENDER_KEY)
                .execution_options(synchronize_session=False)
            )
        return html

    # ----------------------------------------------------------------------------------------- writing

    def create(
        self, fields: StoryFields, *, author: str = "", note: str = "Created", origin: object | None = None
    ) -> SaveResult:
        (story_id,) = self.create_many([fields], author=author, note=note)
        return SaveResult(self.get(story_id), ChangeSet(created=(story_id,), origin=origin))

    def create_many(
        self,
        items: Sequence[StoryFields],
        *,
        author: str = "",
        note: str = "Created",
        render: bool = True,
        keep_revision: bool = True,
    ) -> list[int]:
        """Store several new stories in one transaction: all of them, or (on any error) none.

        ``render=False`` leaves the HTML to be rendered when first needed (fast bulk imports).
        """
        prepared = [normalise(f) for f in items]
        htmls = [render_markdown(f.body) if render else None for f in prepared]
        now = self._clock()
        ids: list[int] = []
        with self._writing() as s:
            seqs = self._next_seqs(s, len(prepared))
            taken: set[str] = set()
            docs = []
            written: list[WrittenStory] = []
            for fields, html, seq in zip(prepared, htmls, seqs, strict=True):
                slug = self._unique_slug(s, fields.slug or fields.headline, taken=taken)
                taken.add(slug)
                values = self._row_values(fields, slug=slug, seq=seq, now=now, html=html)
                values.update(uuid=str(uuid_mod.uuid4()), created_at=now, version=1)
                story_id = s.execute(insert(m.Story).values(values).returning(m.Story.id)).scalar_one()
                fields = self._write_links(s, story_id, fields, replace=False)
                if keep_revision:
                    self._add_revision(s, story_id, 1, fields, slug, author, note, now)
                docs.append(
                    IndexDoc.of(seq, fields.headline, fields.dek, fields.body, fields.byline, fields.outlet_name)
                )
                ids.append(story_id)
                written.append(WrittenStory(story_id, fields, created=True))
            self._fts.add(s.connection(), docs)
            for hook in self._hooks:
                hook.stories_written(s, written)
        return ids

    def save(
        self,
        story_id: int,
        fields: StoryFields,
        *,
        base_version: int,
        author: str = "",
        note: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Store an explicit save of ``fields`` over ``base_version``, keeping a revision.

        Raises :class:`ConflictError` (nothing written) when the story has changed since ``base_version``.
        Saving unchanged fields writes nothing.
        """
        fields = normalise(fields)
        html = self._render_if_changed(story_id, fields.body)
        now = self._clock()
        with self._writing() as s:
            row = s.get(m.Story, story_id)
            if row is None:
                raise NotFoundError(f"there is no story #{story_id}; it may have been purged")
            current = story_dto(s, row)
            if row.version != base_version:
                raise ConflictError(fields, current, base_version)
            if _comparable(current.fields()) == _comparable(fields) and fields.slug in (None, current.slug):
                return SaveResult(current, ChangeSet(origin=origin))
            self._update(s, row, fields, html=html, now=now, author=author, note=note, previous=current)
            s.expunge_all()
            story = story_dto(s, s.get(m.Story, story_id))
        return SaveResult(story, ChangeSet(updated=(story_id,), origin=origin))

    def set_status(
        self, story_ids: Iterable[int], status: Status, *, author: str = "", origin: object | None = None
    ) -> ChangeSet:
        """Move stories to ``status`` (a revision each records the move)."""
        now = self._clock()
        changed = []
        with self._writing() as s:
            for story_id in story_ids:
                row = s.get(m.Story, story_id)
                if row is None:
                    raise NotFoundError(f"there is no story #{story_id}")
                if row.status == status.value:
                    continue
                previous = story_dto(s, row).fields()
                fields = previous.replace(status=status)
                note = f"Status: {Status(row.status).label} → {status.label}"
                self._update(s, row, fields, html=row.body_html, now=now, author=author, note=note, previous=previous)
                changed.append(story_id)
        return ChangeSet(updated=tuple(changed), origin=origin)

    def duplicate(self, story_id: int, *, author: str = "", origin: object | None = None) -> SaveResult:
        source = self.get(story_id)
        fields = source.fields().replace(
            headline=f"{source.headline} (copy)", slug=None, status=Status.DRAFT, published_at=None
        )
        return self.create(fields, author=author, note=f"Duplicated from “{source.headline}”", origin=origin)

    def trash(self, story_ids: Iterable[int], *, origin: object | None = None) -> ChangeSet:
        ids = tuple(story_ids)
        with self._writing() as s:
            self._require(s, ids)
            s.execute(
                update(m.Story)
                .where(m.Story.id.in_(ids), m.Story.deleted_at.is_(None))
                .values(deleted_at=self._clock())
                .execution_options(synchronize_session=False)
            )
        return ChangeSet(updated=ids, origin=origin)

    def restore(self, story_ids: Iterable[int], *, origin: object | None = None) -> ChangeSet:
        ids = tuple(story_ids)
        with self._writing() as s:
            self._require(s, ids)
            s.execute(
                update(m.Story)
                .where(m.Story.id.in_(ids))
                .values(deleted_at=None)
                .execution_options(synchronize_session=False)
            )
        return ChangeSet(updated=ids, origin=origin)

    def purge(self, story_ids: Iterable[int], *, origin: object | None = None) -> ChangeSet:
        """Delete trashed stories for good, with their revisions; links to them become broken links."""
        ids = tuple(story_ids)
        with self._writing() as s:
            rows = s.execute(
                select(m.Story.id, m.Story.seq, m.Story.deleted_at, m.Story.headline).where(m.Story.id.in_(ids))
            ).all()
            missing = set(ids) - {r.id for r in rows}
            if missing:
                raise NotFoundError(f"there is no story #{min(missing)}")
            live = [r for r in rows if r.deleted_at is None]
            if live:
                raise ValidationError("purge", f"“{live[0].headline}” is not in the trash; trash it first")
            self._fts.remove(s.connection(), [r.seq for r in rows])
            for hook in self._hooks:
                hook.stories_purged(s, ids)
            s.execute(delete(m.Story).where(m.Story.id.in_(ids)).execution_options(synchronize_session=False))
        return ChangeSet(deleted=ids, origin=origin)

    def empty_trash(self, *, origin: object | None = None) -> ChangeSet:
        with read_session(self._sf) as s:
            ids = s.scalars(select(m.Story.id).where(m.Story.deleted_at.is_not(None))).all()
        return self.purge(ids, origin=origin) if ids else ChangeSet(origin=origin)

    # ---------------------------------------------------------------------------------------- internals

    def _writing(self) -> Any:
        return _BusyTranslating(write_session(self._sf))

    def _require(self, s: Session, ids: Sequence[int]) -> None:
        found = set(s.scalars(select(m.Story.id).where(m.Story.id.in_(ids))))
        missing = set(ids) - found
        if missing:
            raise NotFoundError(f"there is no story #{min(missing)}")

    def _render_if_changed(self, story_id: int, body: str) -> str:
        with read_session(self._sf) as s:
            row = s.execute(
                select(m.Story.body, m.Story.body_html, m.Story.render_key).where(m.Story.id == story_id)
            ).one_or_none()
        if row is not None and row.body == body and row.render_key == RENDER_KEY and row.body_html is not None:
            return row.body_html
        return render_markdown(body)

    def _update(
        self,
        s: Session,
        row: m.Story,
        fields: StoryFields,
        *,
        html: str | None,
        now: datetime,
        author: str,
        note: str,
        previous: StoryFields | None = None,
    ) -> None:
        story_id, old_seq, base_version = row.id, row.seq, row.version
        (seq,) = self._next_seqs(s, 1)
        if fields.slug and fields.slug != row.slug:
            slug = self._unique_slug(s, fields.slug, exclude_id=story_id)
        elif (
            fields.headline != row.headline
            and row.published_at is None
            and fields.published_at is None
            and _derived_slug(row.slug, row.headline)
        ):
            # Until a story is published its slug follows the headline (unless someone chose one);
            # afterwards its URL stays put.
            slug = self._unique_slug(s, fields.headline, exclude_id=story_id)
        else:
            slug = row.slug
        published_at = fields.published_at or row.published_at
        values = self._row_values(fields, slug=slug, seq=seq, now=now, html=html, published_at=published_at)
        result = s.execute(
            update(m.Story)
            .where(m.Story.id == story_id, m.Story.version == base_version)
            .values({**values, "version": base_version + 1})
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            # Another writer got in between our read and this write.
            s.expunge_all()
            theirs = s.get(m.Story, story_id)
            if theirs is None:
                raise NotFoundError(f"there is no story #{story_id}; it was purged meanwhile")
            raise ConflictError(fields, story_dto(s, theirs), base_version)
        fields = self._write_links(s, story_id, fields, replace=True)
        self._add_revision(s, story_id, base_version + 1, fields, slug, author, note or "Saved", now)
        conn = s.connection()
        self._fts.remove(conn, [old_seq])
        self._fts.add(
            conn, [IndexDoc.of(seq, fields.headline, fields.dek, fields.body, fields.byline, fields.outlet_name)]
        )
        for hook in self._hooks:
            hook.stories_written(s, [WrittenStory(story_id, fields, created=False, previous=previous)])

    def _row_values(
        self,
        fields: StoryFields,
        *,
        slug: str,
        seq: int,
        now: datetime,
        html: str | None,
        published_at: datetime | None = None,
    ) -> dict[str, Any]:
        published = published_at or fields.published_at
        if published is None and fields.status == Status.PUBLISHED:
            published = now
        values: dict[str, Any] = {name: getattr(fields, name) for name in TEXT_FIELDS}
        values.update(
            slug=slug,
            status=fields.status.value,
            status_rank=fields.status.rank,
            extra=_json_safe(fields.extra),
            updated_at=now,
            published_at=published,
            seq=seq,
            sort_key=sort_key(fields.headline),
            word_count=word_count(fields.body),
            body_html=html,
            render_key=RENDER_KEY if html is not None else None,
        )
        return values

    def _write_links(self, s: Session, story_id: int, fields: StoryFields, *, replace: bool) -> StoryFields:
        """Store tags and related links; returns ``fields`` with the links as stored (titles, target UUIDs)."""
        if replace:
            s.execute(delete(m.story_tag).where(m.story_tag.c.story_id == story_id))
            s.execute(delete(m.RelatedLink).where(m.RelatedLink.story_id == story_id))
        tag_ids = self._tag_ids(s, fields.tags)
        if tag_ids:
            s.execute(insert(m.story_tag), [{"story_id": story_id, "tag_id": t} for t in tag_ids])
        if fields.related:
            targets = {r.target_id for r in fields.related if r.target_id is not None}
            known = {
                r.id: r
                for r in s.execute(select(m.Story.id, m.Story.uuid, m.Story.headline).where(m.Story.id.in_(targets)))
            }
            rows = []
            for position, link in enumerate(fields.related):
                if link.target_id is not None and link.target_id not in known:
                    raise ValidationError("related", f"story #{link.target_id} does not exist")
                if link.target_id == story_id:
                    raise ValidationError("related", "a story cannot be related to itself")
                rows.append(
                    {
                        "story_id": story_id,
                        "position": position,
                        # The target's headline is kept, so a link still says where it went if its story is purged.
                        "title": link.title or (known[link.target_id].headline if link.target_id else ""),
                        "url": link.url,
                        "target_id": link.target_id,
                        "target_uuid": known[link.target_id].uuid if link.target_id else link.target_uuid,
                    }
                )
            s.execute(insert(m.RelatedLink), rows)
            stored = tuple(
                RelatedLink(title=r["title"], url=r["url"], target_id=r["target_id"], target_uuid=r["target_uuid"])
                for r in rows
            )
            fields = fields.replace(related=stored)
        return fields

    def _tag_ids(self, s: Session, names: Sequence[str]) -> list[int]:
        if not names:
            return []
        wanted = {tag_key(n): n for n in names}
        found = dict(s.execute(select(m.Tag.key, m.Tag.id).where(m.Tag.key.in_(wanted))).all())
        for key, name in wanted.items():
            if key not in found:
                found[key] = s.execute(insert(m.Tag).values(name=name, key=key).returning(m.Tag.id)).scalar_one()
        return [found[k] for k in wanted]

    def _add_revision(
        self,
        s: Session,
        story_id: int,
        version: int,
        fields: StoryFields,
        slug: str,
        author: str,
        note: str,
        now: datetime,
    ) -> None:
        s.execute(
            insert(m.Revision).values(
                story_id=story_id,
                created_at=now,
                author=author,
                story_version=version,
                note=note,
                data=fields_to_json(fields, slug),
            )
        )

    def _next_seqs(self, s: Session, n: int) -> list[int]:
        if n == 0:
            return []
        if self._dialect == "postgresql":
            return list(s.scalars(text("SELECT nextval('story_change_seq') FROM generate_series(1, :n)"), {"n": n}))
        # SQLite: writers hold the database's write lock (BEGIN IMMEDIATE), so max+1 cannot race.
        start = s.scalar(select(func.coalesce(func.max(m.Story.seq), 0))) or 0
        return list(range(start + 1, start + n + 1))

    def _unique_slug(
        self, s: Session, wanted: str, *, exclude_id: int | None = None, taken: set[str] | None = None
    ) -> str:
        base = slugify(wanted)
        query = select(m.Story.slug).where(or_(m.Story.slug == base, m.Story.slug.like(f"{base}-%")))
        if exclude_id is not None:
            query = query.where(m.Story.id != exclude_id)
        used = set(s.scalars(query)) | (taken or set())
        if base not in used:
            return base
        n = 2
        while f"{base}-{n}" in used:
            n += 1
        return f"{base}-{n}"


class _BusyTranslating:
    """Wraps a write session so that a database locked past the busy timeout becomes a clear error."""

    def __init__(self, cm: Any) -> None:
        self._cm = cm

    def __enter__(self) -> Session:
        try:
            return self._cm.__enter__()
        except OperationalError as exc:
            raise _busy(exc) from None

    def __exit__(self, *exc_info: Any) -> bool | None:
        try:
            return self._cm.__exit__(*exc_info)
        except OperationalError as exc:
            raise _busy(exc) from None


def _busy(exc: OperationalError) -> Exception:
    message = str(exc.orig)
    if "locked" in message or "busy" in message:
        return BusyError("the library is busy: another program is writing to it. Try again in a moment")
    return exc
