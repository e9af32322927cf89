"""Story service: create, read, save (optimistically), trash, restore and purge; stored renders live in renders.py."""

from __future__ import annotations

import json
import logging
import uuid as uuid_mod
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, sessionmaker

from curator.core.iterate import chunks
from curator.core.status import Status
from curator.core.text import sort_key, word_count
from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, retry_conflicts, write_session
from curator.domain.desk import Right
from curator.domain.errors import (
    ConflictError,
    GateBlock,
    NotFoundError,
    StatusGateError,
    ValidationError,
)
from curator.domain.stories import TEXT_FIELDS, ChangeSet, Resolution, SaveResult, Story, StoryFields
from curator.render.limits import is_provisional
from curator.render.markdown import RENDER_KEY, render_markdown
from curator.search.backends import index_for
from curator.search.index import IndexDoc
from curator.services.compare import comparable
from curator.services.convert import fields_to_json, related_dtos, related_targets, story_dto, story_from_row
from curator.services.derived import TextDerived
from curator.services.hooks import GATED_STATUSES, DeskHook, StatusGate, StoryHook, WrittenStory
from curator.services.merging import merge_stale_save
from curator.services.naming import derived_slug, next_seqs, unique_slug, unique_slugs
from curator.services.renders import StoredRenders
from curator.services.story_links import write_tags_and_links
from curator.services.validate import clean_line, normalise

log = logging.getLogger(__name__)


def _dialect(session_factory: sessionmaker[Session]) -> str:
    bind = session_factory.kw.get("bind")
    return bind.dialect.name if bind is not None else "sqlite"


def _json_safe(extra: Any) -> dict[str, Any]:
    try:
        return json.loads(json.dumps(dict(extra), default=str))
    except (TypeError, ValueError) as exc:
        raise ValidationError("extra", f"cannot be stored: {exc}") from None



class StoryService:
    def __init__(self, session_factory: sessionmaker[Session], *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sf = session_factory
        self._clock = clock
        self._hooks: list[StoryHook] = []
        self._gates: list[StatusGate] = []
        self._desk: DeskHook | None = None
        self._dialect = _dialect(session_factory)
        self._fts = index_for(self._dialect)
        self.renders = StoredRenders(session_factory)

    def add_hook(self, hook: StoryHook) -> None:
        """Keep ``hook`` informed of every story written or purged (inside the same transaction)."""
        self._hooks.append(hook)

    def set_desk(self, desk: DeskHook) -> None:
        """Who acts: their rights are checked and every change is announced to the desk (see hooks.DeskHook)."""
        self._desk = desk

    def add_status_gate(self, gate: StatusGate) -> None:
        """Ask ``gate`` before any story moves to Ready or Published (see :class:`StatusGateError`)."""
        self._gates.append(gate)

    # ----------------------------------------------------------------------------------------- reading

    def get(self, story_id: int) -> Story:
        with read_session(self._sf) as s:
            row = s.get(m.Story, story_id)
            if row is None:
                raise NotFoundError(f"there is no story #{story_id}")
            return story_dto(s, row)

    def status_blockers(self, story_id: int, status: Status) -> tuple[str, ...]:
        """What would hold the stored story back from moving to ``status`` now (empty: nothing, or not gated).

        The app asks this when a status is chosen, before the save that the gates then check again.
        """
        if status not in GATED_STATUSES:
            return ()
        with read_session(self._sf) as s:
            if s.get(m.Story, story_id) is None:
                raise NotFoundError(f"there is no story #{story_id}")
            return tuple(p for gate in self._gates for p in gate.status_blockers(s, story_id, status))

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
        """The story body as sanitised HTML (see :class:`StoredRenders`)."""
        return self.renders.html(story_id)

    def rendered_html_many(
        self, story_ids: Sequence[int], *, render_all: Callable[[list[str]], Iterable[str]] | None = None
    ) -> dict[int, str]:
        """Bodies as sanitised HTML, keyed by id (see :meth:`StoredRenders.html_many`)."""
        return self.renders.html_many(story_ids, render_all=render_all)

    def get_many(self, story_ids: Sequence[int]) -> list[Story]:
        """Several stories, read a few hundred at a time, in the order asked (ids that do not exist are left out).

        Reads plain rows (no ORM objects): exports read thousands of stories this way.
        """
        wanted = list(dict.fromkeys(story_ids))
        found: dict[int, Story] = {}
        table = m.table_of(m.Story)
        columns = [c for c in table.c if c.key not in ("body_html", "render_key", "seq", "sort_key", "status_rank")]
        for chunk in chunks(wanted):
            with read_session(self._sf) as s:
                rows = s.execute(select(*columns).where(table.c.id.in_(chunk))).all()
                tags: dict[int, list[str]] = {}
                for story_id, name in s.execute(
                    select(m.story_tag.c.story_id, m.Tag.name)
                    .join(m.Tag, m.Tag.id == m.story_tag.c.tag_id)
                    .where(m.story_tag.c.story_id.in_(chunk))
                ).all():
                    tags.setdefault(story_id, []).append(name)
                links: dict[int, list[Any]] = {}
                link_table = m.table_of(m.RelatedLink)
                for link in s.execute(
                    select(link_table)
                    .where(link_table.c.story_id.in_(chunk))
                    .order_by(link_table.c.story_id, link_table.c.position)
                ).all():
                    links.setdefault(link.story_id, []).append(link)
                targets = related_targets(s, (link for group in links.values() for link in group))
            for row in rows:
                found[row.id] = story_from_row(
                    row, tags.get(row.id, ()), related_dtos(s, links.get(row.id, ()), targets=targets)
                )
        return [found[i] for i in wanted if i in found]

    # ----------------------------------------------------------------------------------------- writing

    def create(
        self, fields: StoryFields, *, author: str = "", note: str = "Created", origin: object | None = None
    ) -> SaveResult:
        (story_id,) = self.create_many([fields], author=author, note=note)
        return SaveResult(self.get(story_id), ChangeSet(created=(story_id,), origin=origin))

    @retry_conflicts
    def create_many(
        self,
        items: Sequence[StoryFields],
        *,
        author: str = "",
        note: str = "Created",
        render: bool = True,
        keep_revision: bool = True,
        uuids: Sequence[str] | None = None,
        defer_derived: bool = False,
        normalised: bool = False,
        derived: Sequence[TextDerived | None] | None = None,
        htmls: Sequence[str | None] | None = None,
    ) -> list[int]:
        """Store several new stories in one transaction: all of them, or (on any error) none.

        ``render=False`` leaves the HTML to be rendered when first needed; ``htmls`` gives renders made ahead
        (an import renders in its parse workers), each made by :func:`render_markdown` from its story's body.
        ``uuids`` gives the new stories their identities (an importer that links stories to each other before
        they exist); a related link may then name its target by ``target_uuid`` alone: it is linked as soon as
        a story with that UUID exists, in this call or a later one.
        ``defer_derived`` lets hooks leave what they can work out on demand (fact-check findings) for when the
        story is first looked at, as a bulk import wants.
        ``normalised`` says the fields went through :func:`normalise` already (an importer does it while parsing,
        in its worker process), so they are not validated a second time. ``derived`` gives, per story, its index
        data worked out ahead (see :func:`curator.services.derived.derive`); an entry that does not fit its
        story's text is worked out again.
        """
        prepared = list(items) if normalised else [normalise(f) for f in items]
        if not prepared:
            return []
        if uuids is not None and len(uuids) != len(prepared):
            raise ValueError("create_many needs one UUID per story")
        new_uuids = [str(u) for u in uuids] if uuids is not None else [str(uuid_mod.uuid4()) for _ in prepared]
        if htmls is not None:
            # Rendered by the caller (an import's worker process) with this same pipeline.
            if len(htmls) != len(prepared):
                raise ValueError("create_many needs one HTML render (or None) per story")
            htmls = [
                h if h is not None or not render else render_markdown(f.body)
                for f, h in zip(prepared, htmls, strict=True)
            ]
        else:
            htmls = [render_markdown(f.body) if render else None for f in prepared]
        ahead = [
            d if d is not None and d.fits(f) else None
            for f, d in zip(prepared, derived if derived is not None else [None] * len(prepared), strict=True)
        ]
        now = self._clock()
        with self._writing() as s:
            seqs = next_seqs(s, len(prepared))
            slugs = unique_slugs(s, [f.slug or f.headline for f in prepared])
            rows = []
            for fields, html, seq, story_uuid, slug, d in zip(
                prepared, htmls, seqs, new_uuids, slugs, ahead, strict=True
            ):
                words = d.words if d is not None else None
                values = self._row_values(fields, slug=slug, seq=seq, now=now, html=html, words=words)
                values.update(uuid=story_uuid, created_at=now, version=1)
                rows.append(values)
            # On the table, not the mapped class: the ORM's bulk path costs more per row than SQLite's insert.
            # A plain executemany, then the ids by UUID: RETURNING in the rows' order makes SQLAlchemy send SQLite
            # one statement per row, five times slower on an import.
            story_table = m.table_of(m.Story)
            s.connection().execute(insert(story_table), rows)
            by_uuid: dict[str, int] = {}
            for chunk in chunks(new_uuids):
                by_uuid.update(s.execute(select(m.Story.uuid, m.Story.id).where(m.Story.uuid.in_(chunk))).all())
            ids = [by_uuid[u] for u in new_uuids]
            stored = write_tags_and_links(s, list(zip(ids, prepared, strict=True)), replace=False)
            if keep_revision:
                self._add_revisions(
                    s, [(i, 1, f, r["slug"]) for i, f, r in zip(ids, stored, rows, strict=True)], author, note, now
                )
            docs = [
                IndexDoc(r["seq"], *d.index)
                if d is not None
                else IndexDoc.of(r["seq"], f.headline, f.dek, f.body, f.byline, f.outlet_name)
                for f, r, d in zip(stored, rows, ahead, strict=True)
            ]
            if uuids is not None:
                # Links stored earlier that named one of these stories by UUID before it existed.
                s.execute(
                    update(m.RelatedLink)
                    .where(m.RelatedLink.target_id.is_(None), m.RelatedLink.target_uuid.in_(new_uuids))
                    .values(
                        target_id=select(m.Story.id).where(m.Story.uuid == m.RelatedLink.target_uuid).scalar_subquery()
                    )
                    .execution_options(synchronize_session=False)
                )
            self._fts.add(s.connection(), docs)
            written = [
                WrittenStory(i, f, created=True, deferrable=defer_derived, terms=d.terms if d is not None else None)
                for i, f, d in zip(ids, stored, ahead, strict=True)
            ]
            for hook in self._hooks:
                hook.stories_written(s, written)
            if self._desk is not None:
                more = f" and {len(ids) - 1} more" if len(ids) > 1 else ""
                self._desk.record(s, "created", ids, f"created “{stored[0].headline if stored else ''}”{more}")
        return ids

    @retry_conflicts
    def save(
        self,
        story_id: int,
        fields: StoryFields,
        *,
        base_version: int,
        author: str = "",
        note: str = "",
        origin: object | None = None,
        override_reason: str | None = None,
    ) -> SaveResult:
        """Store an explicit save of ``fields`` over ``base_version``, keeping a revision.

        Raises :class:`ConflictError` (nothing written) when the story has changed since ``base_version``, and
        :class:`StatusGateError` (nothing written) when it moves to Ready or Published with checks open, unless
        ``override_reason`` says why it may; the reason is kept in the revision's note.
        Saving unchanged fields writes nothing.
        """
        fields = normalise(fields)
        html = self.renders.for_body(story_id, fields.body)
        now = self._clock()
        with self._writing() as s:
            row = s.get(m.Story, story_id)
            if row is None:
                raise NotFoundError(f"there is no story #{story_id}; it may have been purged")
            current = story_dto(s, row)
            merged_with = None
            if row.version != base_version:
                # Merged three ways with what was saved meanwhile, or a ConflictError naming the overlaps.
                fields = merge_stale_save(s, current, fields, base_version)
                merged_with, html = current.version, render_markdown(fields.body)
                who = f" by {self._desk.actor}" if self._desk is not None and self._desk.actor else ""
                note = f"{note or 'Saved'}; merged with version {current.version}{who}"
            if comparable(current.fields()) == comparable(fields) and fields.slug in (None, current.slug):
                return SaveResult(current, ChangeSet(origin=origin), merged_with)
            self._update(
                s,
                row,
                fields,
                html=html,
                now=now,
                author=author,
                note=note,
                override_reason=override_reason,
                previous=current,
            )
            if self._desk is not None:
                kind = "merged" if merged_with else "saved"
                self._desk.record(s, kind, [story_id], f"{kind} “{fields.headline}” (version {base_version + 1})")
            s.expunge_all()
            story = story_dto(s, s.get(m.Story, story_id))
        return SaveResult(story, ChangeSet(updated=(story_id,), origin=origin), merged_with)

    @retry_conflicts
    def set_status(
        self,
        story_ids: Iterable[int],
        status: Status,
        *,
        author: str = "",
        origin: object | None = None,
        override_reason: str | None = None,
    ) -> ChangeSet:
        """Move stories to ``status`` (a revision each records the move): all of them, or none.

        Moving to Ready or Published asks the status gates; when any story is held back this raises
        :class:`StatusGateError` naming every such story, unless ``override_reason`` is given (it is recorded).
        """
        now = self._clock()
        changed = []
        blocked: list[GateBlock] = []
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
                try:
                    self._update(
                        s,
                        row,
                        fields,
                        html=row.body_html,
                        now=now,
                        author=author,
                        note=note,
                        override_reason=override_reason,
                        previous=previous,
                    )
                except StatusGateError as exc:
                    blocked.extend(exc.blocks)  # carry on, to name every story held back
                changed.append(story_id)
            if blocked:
                raise StatusGateError(blocked)
            if changed and self._desk is not None:
                what = "1 story" if len(changed) == 1 else f"{len(changed)} stories"
                self._desk.record(s, "status", changed, f"moved {what} to {status.label}")
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
            if self._desk is not None:
                self._desk.record(s, "trashed", ids, f"moved {len(ids)} to the trash")
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
            if self._desk is not None:
                self._desk.record(s, "restored", ids, f"restored {len(ids)} from the trash")
        return ChangeSet(updated=ids, origin=origin)

    def purge(self, story_ids: Iterable[int], *, origin: object | None = None) -> ChangeSet:
        """Delete trashed stories for good, with their revisions; links to them become broken links."""
        ids = tuple(story_ids)
        with self._writing() as s:
            if self._desk is not None:
                self._desk.require(s, Right.PURGE)
                self._desk.record(s, "purged", ids, f"deleted {len(ids)} for good")
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

    def resolve_conflict(
        self,
        conflict: ConflictError,
        choice: Resolution,
        *,
        merged_body: str | None = None,
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Settle a conflicting save; both texts stay in the history (see :mod:`curator.services.conflicts`)."""
        from curator.services.conflicts import resolve_conflict

        return resolve_conflict(self, conflict, choice, merged_body=merged_body, author=author, origin=origin)

    def empty_trash(self, *, origin: object | None = None) -> ChangeSet:
        with read_session(self._sf) as s:
            ids = s.scalars(select(m.Story.id).where(m.Story.deleted_at.is_not(None))).all()
        return self.purge(ids, origin=origin) if ids else ChangeSet(origin=origin)

    # ---------------------------------------------------------------------------------------- internals

    def _writing(self) -> Any:
        return write_session(self._sf)

    def _require(self, s: Session, ids: Sequence[int]) -> None:
        found = set(s.scalars(select(m.Story.id).where(m.Story.id.in_(ids))))
        missing = set(ids) - found
        if missing:
            raise NotFoundError(f"there is no story #{min(missing)}")

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
        override_reason: str | None = None,
        previous: StoryFields | None = None,
    ) -> None:
        story_id, old_seq, base_version, old_status = row.id, row.seq, row.version, row.status
        (seq,) = next_seqs(s, 1)
        if fields.slug and fields.slug != row.slug:
            slug = unique_slug(s, fields.slug, exclude_id=story_id)
        elif (
            fields.headline != row.headline
            and row.published_at is None
            and fields.published_at is None
            and derived_slug(row.slug, row.headline)
        ):
            # Until a story is published its slug follows the headline (unless someone chose one);
            # afterwards its URL stays put.
            slug = unique_slug(s, fields.headline, exclude_id=story_id)
        else:
            slug = row.slug
        published_at = fields.published_at or row.published_at
        values = self._row_values(fields, slug=slug, seq=seq, now=now, html=html, published_at=published_at)
        # An UPDATE's result is a CursorResult, which the Session's typing does not say.
        result = cast(
            CursorResult[Any],
            s.execute(
                update(m.Story)
                .where(m.Story.id == story_id, m.Story.version == base_version)
                .values({**values, "version": base_version + 1})
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != 1:
            # Another writer got in between our read and this write.
            s.expunge_all()
            theirs = s.get(m.Story, story_id)
            if theirs is None:
                raise NotFoundError(f"there is no story #{story_id}; it was purged meanwhile")
            raise ConflictError(fields, story_dto(s, theirs), base_version)
        if self._desk is not None and fields.status is Status.PUBLISHED and old_status != Status.PUBLISHED.value:
            self._desk.require(s, Right.PUBLISH)
        (fields,) = write_tags_and_links(s, [(story_id, fields)], replace=True)
        self._add_revisions(s, [(story_id, base_version + 1, fields, slug)], author, note or "Saved", now)
        conn = s.connection()
        self._fts.remove(conn, [old_seq])
        self._fts.add(
            conn, [IndexDoc.of(seq, fields.headline, fields.dek, fields.body, fields.byline, fields.outlet_name)]
        )
        for hook in self._hooks:
            hook.stories_written(s, [WrittenStory(story_id, fields, created=False, previous=previous)])
        if fields.status.value != old_status and fields.status in GATED_STATUSES:
            self._pass_gates(s, story_id, base_version + 1, fields, note or "Saved", override_reason)

    def _pass_gates(
        self, s: Session, story_id: int, version: int, fields: StoryFields, note: str, override_reason: str | None
    ) -> None:
        problems = [p for gate in self._gates for p in gate.status_blockers(s, story_id, fields.status)]
        if not problems:
            return
        reason = clean_line(override_reason or "")
        if not reason:
            raise StatusGateError([GateBlock(story_id, fields.headline, fields.status, tuple(problems))])
        if len(reason) > 2_000:
            raise ValidationError("override reason", "is over 2,000 characters long")
        # The override and what it overrode stay in the story's history.
        s.execute(
            update(m.Revision)
            .where(m.Revision.story_id == story_id, m.Revision.story_version == version)
            .values(note=f"{note}; checks overridden: {reason} (open: {', '.join(problems)})")
            .execution_options(synchronize_session=False)
        )

    def _row_values(
        self,
        fields: StoryFields,
        *,
        slug: str,
        seq: int,
        now: datetime,
        html: str | None,
        published_at: datetime | None = None,
        words: int | None = None,
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
            word_count=word_count(fields.body) if words is None else words,
            body_html=None if html is None or is_provisional(html) else html,
            render_key=RENDER_KEY if html is not None and not is_provisional(html) else None,
        )
        return values

    def _add_revisions(
        self,
        s: Session,
        items: Sequence[tuple[int, int, StoryFields, str]],
        author: str,
        note: str,
        now: datetime,
    ) -> None:
        """One revision per (story id, story version, fields, slug)."""
        s.connection().execute(
            insert(m.table_of(m.Revision)),
            [
                {
                    "story_id": story_id,
                    "created_at": now,
                    "author": author,
                    "story_version": version,
                    "note": note,
                    "data": fields_to_json(fields, slug),
                }
                for story_id, version, fields, slug in items
            ],
        )
