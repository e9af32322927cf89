"""Stored renders: each story's body rendered to sanitised HTML once, kept beside it and reused until the body changes.

A render is stored only if the story was not saved meanwhile (compared by version), so a stale render never
overwrites a newer one; ``RENDER_KEY`` changes whenever the Markdown pipeline's output would, which makes every stored
render stale at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from curator.core.iterate import CHUNK, chunks
from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.errors import NotFoundError
from curator.render.limits import is_provisional
from curator.render.markdown import RENDER_KEY, render_markdown


class StoredRenders:
    """Bodies as HTML, from the stored render when it is current."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def html_many(
        self,
        story_ids: Sequence[int],
        *,
        render_all: Callable[[list[str]], Iterable[str]] | None = None,
    ) -> dict[int, str]:
        """Bodies as sanitised HTML, keyed by id: stored renders where current, the rest rendered and stored.

        ``render_all`` renders a list of Markdown bodies (e.g. in worker processes); by default one after another.
        """
        wanted = list(dict.fromkeys(story_ids))
        out: dict[int, str] = {}
        stale: list[tuple[int, int, str]] = []
        for chunk in chunks(wanted):
            with read_session(self._sf) as s:
                rows = s.execute(
                    select(m.Story.id, m.Story.body, m.Story.body_html, m.Story.render_key, m.Story.version).where(
                        m.Story.id.in_(chunk)
                    )
                ).all()
            for row in rows:
                if row.render_key == RENDER_KEY and row.body_html is not None:
                    out[row.id] = row.body_html
                else:
                    stale.append((row.id, row.version, row.body))
        if stale:
            bodies = [body for _id, _version, body in stale]
            htmls = list(render_all(bodies) if render_all is not None else map(render_markdown, bodies))
            for start in range(0, len(stale), CHUNK):
                with write_session(self._sf) as s:
                    for (story_id, version, _body), html in zip(
                        stale[start : start + CHUNK], htmls[start : start + CHUNK], strict=True
                    ):
                        if is_provisional(html):
                            continue  # a render stopped for time is tried again next time, not stored
                        # Only if the story was not saved meanwhile, as in html().
                        s.execute(
                            update(m.Story)
                            .where(m.Story.id == story_id, m.Story.version == version)
                            .values(body_html=html, render_key=RENDER_KEY)
                            .execution_options(synchronize_session=False)
                        )
            for (story_id, _version, _body), html in zip(stale, htmls, strict=True):
                out[story_id] = html
        missing = set(wanted) - set(out)
        if missing:
            raise NotFoundError(f"there is no story #{min(missing)}")
        return out

    def html(self, story_id: int) -> str:
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
        if is_provisional(html):
            return html  # a render stopped for time is tried again next time, not stored
        with write_session(self._sf) as s:
            # Only if the story was not saved meanwhile; either way the caller gets a render of what it asked.
            s.execute(
                update(m.Story)
                .where(m.Story.id == story_id, m.Story.version == row.version)
                .values(body_html=html, render_key=RENDER_KEY)
                .execution_options(synchronize_session=False)
            )
        return html

    def for_body(self, story_id: int, body: str) -> str:
        """The render of ``body`` for a save of the story: the stored one when the body is unchanged."""
        with read_session(self._sf) as s:
            row = s.execute(
                select(m.Story.body, m.Story.body_html, m.Story.render_key).where(m.Story.id == story_id)
            ).one_or_none()
        if row is not None and row.body == body and row.render_key == RENDER_KEY and row.body_html is not None:
            return row.body_html
        return render_markdown(body)
