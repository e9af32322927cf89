"""Names of new and renamed stories: unique slugs (under a transaction lock on PostgreSQL, so concurrent writers
never collide) and the change numbers that order the list by recency."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from curator.core.text import slugify
from curator.db import models as m
from curator.db.engine import STORY_NAMES_LOCK, lock_for_transaction


def derived_slug(slug: str, headline: str) -> bool:
    """Whether ``slug`` is what the headline gives (maybe numbered), rather than one somebody chose."""
    base = slugify(headline)
    return slug == base or bool(re.fullmatch(re.escape(base) + r"-\d+", slug))


def next_seqs(s: Session, n: int) -> list[int]:
    """Change numbers for ``n`` writes (the list's recency order)."""
    if n == 0:
        return []
    if s.get_bind().dialect.name == "postgresql":
        return list(s.scalars(text("SELECT nextval('story_change_seq') FROM generate_series(1, :n)"), {"n": n}))
    # SQLite: writers hold the database's write lock (BEGIN IMMEDIATE), so max+1 cannot race.
    start = s.scalar(select(func.coalesce(func.max(m.Story.seq), 0))) or 0
    return list(range(start + 1, start + n + 1))


def unique_slugs(s: Session, wanted: Sequence[str]) -> list[str]:
    """Unique slugs for a batch of new stories: one query for the whole batch when nothing clashes."""
    lock_for_transaction(s, STORY_NAMES_LOCK)
    bases = [slugify(w) for w in wanted]
    clashing: set[str] = set()
    distinct = list(dict.fromkeys(bases))
    for start in range(0, len(distinct), 500):
        chunk = distinct[start : start + 500]
        clashing.update(s.scalars(select(m.Story.slug).where(m.Story.slug.in_(chunk))))
    taken: set[str] = set()
    slugs = []
    for base in bases:
        slug = base if base not in clashing and base not in taken else unique_slug(s, base, taken=taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs


def unique_slug(s: Session, wanted: str, *, exclude_id: int | None = None, taken: set[str] | None = None) -> str:
    lock_for_transaction(s, STORY_NAMES_LOCK)
    base = slugify(wanted)
    # "base" and "base-…" as an index range ("-" sorts just before "."): LIKE could not use the index.
    query = select(m.Story.slug).where(
        or_(m.Story.slug == base, and_(m.Story.slug >= f"{base}-", m.Story.slug < f"{base}."))
    )
    if exclude_id is not None:
        query = query.where(m.Story.id != exclude_id)
    used = set(s.scalars(query)) | (taken or set())
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"
