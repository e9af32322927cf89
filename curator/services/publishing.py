"""What a story's published pages are made of in the database, read as one short stamp per story.

An incremental site export compares these stamps with the ones it wrote down last time to tell which pages to
rewrite, without reading the stories themselves: a few plain queries per 500 stories. A stamp covers the story row
(version, change number, slug, status, dates, photo), its related links with their targets' slugs and trash state,
and every fact-check row of the story. What lives outside these rows (tag names, which stories an export includes,
the site's settings) the export adds itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session, aliased, sessionmaker

from curator.db import models as m
from curator.db.engine import read_session

CHUNK = 500
# From this many stories on, tables are read whole instead of by chunks of ids.
WHOLE = 2000


@dataclass(frozen=True)
class PageInputs:
    """A story's stamp, the stories its related links point at (in order), its photo and language as stored."""

    stamp: str
    targets: tuple[int | None, ...]
    photo: str
    language: str


class PublishingService:
    """``lib.publishing``: what exports need to know about stories beyond the stories themselves."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def page_inputs(self, story_ids: Iterable[int]) -> dict[int, PageInputs]:
        """Stamps of the given stories (those that exist), keyed by id."""
        return page_inputs(self._sf, story_ids)


def page_inputs(session_factory: sessionmaker[Session], story_ids: Iterable[int]) -> dict[int, PageInputs]:
    """Stamps of the given stories (those that exist), keyed by id."""
    ids = list(dict.fromkeys(story_ids))
    out: dict[int, PageInputs] = {}
    story = m.Story.__table__
    link = m.RelatedLink.__table__
    target = aliased(m.Story)
    claim = m.FactCheckClaim.__table__
    evidence = m.FactCheckEvidence.__table__
    checked = [m.table_of(t) for t in (m.FactCheckState, m.FactCheckSource, m.FactCheckFinding, m.FactCheckClaim)]
    with read_session(session_factory) as s:
        # Many stories (a whole site): each table read once, whole, and filtered here; a long IN list per chunk of
        # 500 costs more to build than the rows it saves.
        batches: list[list[int] | None] = (
            [None] if len(ids) > WHOLE else [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]
        )
        for chunk in batches:
            wanted = ids if chunk is None else chunk

            def where(column: Any, chunk: list[int] | None = chunk) -> Any:
                return true() if chunk is None else column.in_(chunk)

            parts: dict[int, list[str]] = {i: [] for i in wanted}
            targets: dict[int, list[int | None]] = {i: [] for i in wanted}
            photos: dict[int, tuple[str, str]] = {}
            rows = s.execute(
                select(
                    story.c.id,
                    story.c.version,
                    story.c.seq,
                    story.c.slug,
                    story.c.status,
                    story.c.created_at,
                    story.c.updated_at,
                    story.c.published_at,
                    story.c.deleted_at,
                    story.c.photo,
                    story.c.language,
                ).where(where(story.c.id))
            )
            found = set()
            for r in rows:
                if r.id not in parts:
                    continue
                found.add(r.id)
                parts[r.id].append(repr(tuple(r)))
                photos[r.id] = (r.photo or "", r.language or "")
            for r in s.execute(
                select(
                    link.c.story_id,
                    link.c.position,
                    link.c.title,
                    link.c.url,
                    link.c.target_id,
                    target.slug,
                    target.deleted_at,
                )
                .outerjoin(target, target.id == link.c.target_id)
                .where(where(link.c.story_id))
                .order_by(link.c.story_id, link.c.position)
            ):
                if r.story_id in parts:
                    parts[r.story_id].append(repr(tuple(r)))
                    targets[r.story_id].append(r.target_id)
            for table in checked:
                for r in s.execute(select(table).where(where(table.c.story_id)).order_by(*table.primary_key)):
                    if r.story_id in parts:
                        parts[r.story_id].append(f"{table.name}{tuple(r)!r}")
            for r in s.execute(
                select(claim.c.story_id, evidence)
                .join(claim, claim.c.id == evidence.c.claim_id)
                .where(where(claim.c.story_id))
                .order_by(*evidence.primary_key)
            ):
                if r[0] in parts:
                    parts[r[0]].append(f"evidence{tuple(r)!r}")
            for story_id in wanted:
                if story_id in found:
                    digest = hashlib.blake2b("\n".join(parts[story_id]).encode(), digest_size=12).hexdigest()
                    out[story_id] = PageInputs(digest, tuple(targets[story_id]), *photos[story_id])
    return out
