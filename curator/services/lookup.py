"""Finding stories already in the library by what an import knows of them: their text, their UUID, their slug.

The importer asks these instead of querying the tables itself, so every layer above the services sees only frozen
dataclasses and plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.iterate import chunks
from curator.core.text import sort_key
from curator.db import models as m
from curator.db.engine import read_session


def content_key(headline: str, body: str) -> tuple[str, str]:
    """What makes two stories the same story: the headline as written and the body with its spacing folded."""
    return headline, " ".join(body.split())


@dataclass(frozen=True)
class StoredCopy:
    story_id: int
    trashed: bool


class StoryLookup:
    """Read-only look-ups that bulk imports make a window of files at a time."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def stored_copies(self, contents: Iterable[tuple[str, str]]) -> dict[tuple[str, str], StoredCopy]:
        """Stories (trash included) with the same headline and body as each of ``contents`` (see
        :func:`content_key`); of several, the oldest."""
        wanted = {content_key(headline, body) for headline, body in contents}
        keys = sorted({sort_key(headline) for headline, _body in wanted})
        found: dict[tuple[str, str], StoredCopy] = {}
        with read_session(self._sf) as s:
            for chunk in chunks(keys):
                rows = s.execute(
                    select(m.Story.id, m.Story.headline, m.Story.body, m.Story.deleted_at)
                    .where(m.Story.sort_key.in_(chunk))
                    .order_by(m.Story.id)
                )
                for r in rows:
                    key = content_key(r.headline, r.body)
                    if key in wanted:
                        found.setdefault(key, StoredCopy(r.id, r.deleted_at is not None))
        return found

    def taken_uuids(self, uuids: Iterable[str]) -> set[str]:
        """Those of ``uuids`` that a stored story (trash included) already has."""
        wanted = sorted(set(uuids))
        taken: set[str] = set()
        with read_session(self._sf) as s:
            for chunk in chunks(wanted):
                taken.update(s.scalars(select(m.Story.uuid).where(m.Story.uuid.in_(chunk))))
        return taken

    def id_by_slug(self, slug: str) -> int | None:
        """The story with exactly this slug, if there is one."""
        with read_session(self._sf) as s:
            return s.scalar(select(m.Story.id).where(m.Story.slug == slug))
