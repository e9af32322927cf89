"""Listing and searching stories: one query path for the list view, the search box and the command line.

Pages are fetched by keyset (the last row's sort key), never by offset, so the thousandth page costs what the
first does. "Newest first" walks the change sequence number; with search text on SQLite that is the full-text
index's own rowid order, which stops after one page however common the word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.stories import Page, Scope, Sort, StorySummary
from curator.search.backends import index_for
from curator.search.index import SqlColumn
from curator.search.query import Query, parse
from curator.services.convert import summary_dto
from curator.services.stories import _dialect

DEFAULT_PAGE = 50
MAX_PAGE = 1000
# Relevance ranks the newest matches up to this many: ranking every match of a word found in most of a
# 100k-story library costs half a second, and nobody reads past the first screens of a relevance list.
RELEVANCE_WINDOW = 2000

_SUMMARY_COLUMNS = (
    m.Story.id,
    m.Story.uuid,
    m.Story.slug,
    m.Story.headline,
    m.Story.status,
    m.Story.byline,
    m.Story.outlet_name,
    m.Story.word_count,
    m.Story.created_at,
    m.Story.updated_at,
    m.Story.published_at,
    m.Story.deleted_at,
    m.Story.version,
    m.Story.seq,
    m.Story.sort_key,
    m.Story.status_rank,
)


@dataclass(frozen=True)
class _Key:
    column: SqlColumn
    descending: bool
    attr: str


def _keyset(keys: Sequence[_Key], values: Sequence[Any]) -> ColumnElement:
    """Rows strictly after ``values`` in the order given by ``keys`` (directions may be mixed)."""
    alternatives = []
    for i, key in enumerate(keys):
        equal = [keys[j].column == values[j] for j in range(i)]
        beyond = key.column < values[i] if key.descending else key.column > values[i]
        alternatives.append(and_(*equal, beyond))
    first = keys[0]
    # A plain bound on the leading key lets the planner start its index scan at the cursor.
    bound = first.column <= values[0] if first.descending else first.column >= values[0]
    return and_(bound, or_(*alternatives))


class SearchService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory
        self._fts = index_for(_dialect(session_factory))

    def page(
        self,
        query: str | Query = "",
        *,
        sort: Sort = Sort.UPDATED,
        descending: bool | None = None,
        cursor: Sequence[Any] | None = None,
        limit: int = DEFAULT_PAGE,
        scope: Scope = Scope.ACTIVE,
    ) -> Page:
        """One page of the stories matching ``query`` (the search syntax; empty lists everything).

        ``descending`` defaults to the natural order of ``sort``: newest first, A→Z, workflow order, best first.
        Raises :class:`~curator.search.query.QuerySyntaxError` for a query that cannot be understood.
        """
        q = parse(query) if isinstance(query, str) else query
        limit = max(1, min(limit, MAX_PAGE))
        stmt, keys = self._select(q, sort, descending, scope)
        if cursor is not None:
            if len(cursor) != len(keys):
                raise ValueError("this cursor belongs to another sort order")
            stmt = stmt.where(_keyset(keys, cursor))
        stmt = stmt.order_by(*[k.column.desc() if k.descending else k.column.asc() for k in keys]).limit(limit + 1)
        with read_session(self._sf) as s:
            rows = s.execute(stmt).all()
            more = len(rows) > limit
            rows = rows[:limit]
            tags = _tags_of(s, [r.id for r in rows])
        items = tuple(summary_dto(r, tags.get(r.id, ())) for r in rows)
        next_cursor = tuple(getattr(rows[-1], k.attr) for k in keys) if more and rows else None
        return Page(items=items, next_cursor=next_cursor)

    def count(self, query: str | Query = "", *, scope: Scope = Scope.ACTIVE) -> int:
        """How many stories match; costs a pass over all matches, so call it off the UI thread."""
        q = parse(query) if isinstance(query, str) else query
        stmt, _keys = self._select(q, Sort.UPDATED, None, scope)
        with read_session(self._sf) as s:
            return s.scalar(select(func.count()).select_from(stmt.subquery())) or 0

    def summaries(self, story_ids: Iterable[int]) -> dict[int, StorySummary]:
        """Summaries of the given stories (e.g. the rows a change set names), keyed by id."""
        ids = list(dict.fromkeys(story_ids))
        if not ids:
            return {}
        with read_session(self._sf) as s:
            return summaries_of(s, ids)

    def matching(self, query: str | Query, story_ids: Iterable[int], *, scope: Scope = Scope.ACTIVE) -> set[int]:
        """Which of ``story_ids`` the query matches: lets a view decide where changed rows belong."""
        ids = list(story_ids)
        if not ids:
            return set()
        q = parse(query) if isinstance(query, str) else query
        stmt, _keys = self._select(q, Sort.UPDATED, None, scope)
        stmt = stmt.where(m.Story.id.in_(ids))
        with read_session(self._sf) as s:
            return {r.id for r in s.execute(stmt)}

    def status_counts(self, *, scope: Scope = Scope.ACTIVE) -> dict[str, int]:
        stmt = select(m.Story.status, func.count()).group_by(m.Story.status)
        stmt = _scoped(stmt, scope)
        with read_session(self._sf) as s:
            return {status: n for status, n in s.execute(stmt)}

    # ---------------------------------------------------------------------------------------- internals

    def _select(self, q: Query, sort: Sort, descending: bool | None, scope: Scope) -> tuple[Select, list[_Key]]:
        stmt = _scoped(select(*_SUMMARY_COLUMNS), scope)
        stmt = _filtered(stmt, q)
        recency: SqlColumn = m.Story.seq
        score = None
        if q.positive_terms:
            match = self._fts.match(stmt, m.Story.seq, q.terms)
            stmt, recency, score = match.stmt, match.recency, match.score
        elif q.negative_terms:
            stmt = stmt.where(self._fts.excluding(m.Story.seq, q.negative_terms))

        flip = descending is not None and descending != (sort in (Sort.UPDATED,))
        if sort == Sort.RELEVANCE and score is not None:
            # Rank the newest matches (see RELEVANCE_WINDOW), then order those by score.
            inner = stmt.add_columns(score.label("score")).order_by(recency.desc()).limit(RELEVANCE_WINDOW).subquery()
            outer = select(*[inner.c[c.key] for c in _SUMMARY_COLUMNS], inner.c.score)
            flip = bool(descending)
            keys = [_Key(inner.c.score, flip, "score"), _Key(inner.c.seq, not flip, "seq")]
            return outer, keys
        if sort == Sort.HEADLINE:
            keys = [_Key(m.Story.sort_key, flip, "sort_key"), _Key(m.Story.id, flip, "id")]
        elif sort == Sort.STATUS:
            keys = [_Key(m.Story.status_rank, flip, "status_rank"), _Key(recency, not flip, "seq")]
        else:
            keys = [_Key(recency, not flip, "seq")]
        return stmt, keys


def summaries_of(session: Session, story_ids: Sequence[int]) -> dict[int, StorySummary]:
    """Summaries of the given stories read in the caller's session, keyed by id."""
    ids = list(story_ids)
    if not ids:
        return {}
    rows = session.execute(select(*_SUMMARY_COLUMNS).where(m.Story.id.in_(ids))).all()
    tags = _tags_of(session, ids)
    return {r.id: summary_dto(r, tags.get(r.id, ())) for r in rows}


def _scoped(stmt: Select, scope: Scope) -> Select:
    if scope == Scope.ACTIVE:
        return stmt.where(m.Story.deleted_at.is_(None))
    if scope == Scope.TRASH:
        return stmt.where(m.Story.deleted_at.is_not(None))
    return stmt


def _tagged(key: str, *, correlated: bool) -> ColumnElement:
    links = select(m.story_tag.c.story_id).join(m.Tag, m.Tag.id == m.story_tag.c.tag_id).where(m.Tag.key == key)
    if correlated:
        # EXISTS cannot drive the query: the full-text index keeps walking newest first and stops after a page.
        return links.where(m.story_tag.c.story_id == m.Story.id).exists()
    # IN lets the planner start from the tag's stories when nothing else narrows the search.
    return m.Story.id.in_(links)


def _filtered(stmt: Select, q: Query) -> Select:
    correlated = bool(q.positive_terms)
    for key in q.tags:
        stmt = stmt.where(_tagged(key, correlated=correlated))
    for key in q.excluded_tags:
        stmt = stmt.where(~_tagged(key, correlated=True))
    if q.statuses:
        stmt = stmt.where(m.Story.status.in_([s.value for s in q.statuses]))
    if q.excluded_statuses:
        stmt = stmt.where(m.Story.status.not_in([s.value for s in q.excluded_statuses]))
    if q.after is not None or q.before is not None:
        dated = func.coalesce(m.Story.published_at, m.Story.created_at)
        if q.after is not None:
            stmt = stmt.where(dated >= q.after)
        if q.before is not None:
            stmt = stmt.where(dated < q.before)
    return stmt


def _tags_of(s: Session, story_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not story_ids:
        return {}
    rows = s.execute(
        select(m.story_tag.c.story_id, m.Tag.name)
        .join(m.Tag, m.Tag.id == m.story_tag.c.tag_id)
        .where(m.story_tag.c.story_id.in_(story_ids))
    )
    out: dict[int, list[str]] = defaultdict(list)
    for story_id, name in rows:
        out[story_id].append(name)
    return {k: tuple(sorted(v, key=str.casefold)) for k, v in out.items()}
