"""Related headlines: editing a story's links, back-links, broken links, headline matching, and suggestions.

Links live in the story (``StoryFields.related``), so every change here is an ordinary optimistic save of
the story: it takes the version the caller last saw, makes a revision, and raises a conflict rather than
overwrite someone else's change. The pure helpers (:func:`with_link_added`, :func:`with_link_moved`, …) do
the same edits on a tuple of links, for an editor that keeps unsaved changes of its own.

Suggestions come from the related-stories index (:mod:`curator.related.index`), kept current by
:class:`RelatedIndexHook` inside every story write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.errors import ConflictError, NotFoundError, ValidationError
from curator.domain.stories import RelatedLink, SaveResult, StoryFields, StorySummary
from curator.related.index import RelatedIndex, SavedText, StoryText
from curator.related.suggest import Query, Ranked, Suggester
from curator.related.terms import HeadlineKey
from curator.services.hooks import WrittenStory
from curator.services.indexes import RELATED_KEY, mark_current
from curator.services.link_edits import (
    _check_position,
    external_link,
    story_link,
    with_link_added,
    with_link_moved,
    with_link_removed,
    with_link_replaced,
    with_links_ordered,
)
from curator.services.search import SearchService, summaries_of
from curator.services.stories import StoryService, _dialect

DEFAULT_SUGGESTIONS = 10
MAX_SUGGESTIONS = 100
DEFAULT_HEADLINE_MATCHES = 3
# A headline's few words against a whole story's signature: below this cosine the match is chance.
MIN_HEADLINE_SCORE = 0.12


@dataclass(frozen=True)
class Suggestion:
    """A story suggested as related, with why: its score, the distinctive words it shares (as the asking story
    spells them), the tags it shares, and whether it comes from the same outlet."""

    story: StorySummary
    score: float
    shared_tags: tuple[str, ...] = ()
    same_outlet: bool = False
    shared_terms: tuple[str, ...] = ()
    # Set when the story is suggested for a related headline naming no story (its title).
    matches_headline: str = ""

    @property
    def reason(self) -> str:
        """One line for a reader: "shares: wheat, harvest · tags: Agriculture · same outlet"."""
        parts = []
        if self.matches_headline:
            parts.append(f"matches the headline “{self.matches_headline}”")
        if self.shared_terms:
            parts.append("shares: " + ", ".join(self.shared_terms))
        if self.shared_tags:
            parts.append("tags: " + ", ".join(self.shared_tags))
        if self.same_outlet:
            parts.append("same outlet")
        return " · ".join(parts)


@dataclass(frozen=True)
class LinkMatch:
    """Stories whose content matches a related headline that names no story of the library (an external or
    imported headline worded differently from the story it means)."""

    position: int
    title: str
    url: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class BackLink:
    """A story whose related headlines include the one asked about."""

    story: StorySummary
    position: int
    title: str


@dataclass(frozen=True)
class BrokenLink:
    """A related headline whose story was purged: fix it with :meth:`RelatedService.fix_link`."""

    story_id: int
    story_slug: str
    story_headline: str
    story_version: int
    position: int
    title: str
    target_uuid: str


# ------------------------------------------------------------------------------------------------ the hook


def _text(story_id: int, fields: StoryFields, terms: Mapping[str, int] | None = None) -> StoryText:
    return StoryText(story_id, fields.headline, fields.dek, fields.body, known_terms=terms)


class RelatedIndexHook:
    """Keeps the related-stories index in step with every story write (registered by the library)."""

    def __init__(self, index: RelatedIndex) -> None:
        self._index = index

    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None:
        created = [_text(w.id, w.fields, w.terms) for w in stories if w.created]
        saved = []
        for w in stories:
            if w.created:
                continue
            previous = _text(w.id, w.previous) if w.previous is not None else None
            new = _text(w.id, w.fields)
            if previous != new:  # a status change or a new tag leaves the text, and so the signature, alone
                saved.append(SavedText(new, previous))
        self._index.stories_written(session.connection(), created, saved)

    def stories_purged(self, session: Session, story_ids: Sequence[int]) -> None:
        self._index.stories_purged(session.connection(), story_ids)


def _suggestions(ranked: Sequence[Ranked], summaries: Mapping[int, StorySummary]) -> list[Suggestion]:
    return [
        Suggestion(
            story=summaries[r.story_id],
            score=r.score,
            shared_tags=r.shared_tags,
            same_outlet=r.same_outlet,
            shared_terms=r.shared_terms,
        )
        for r in ranked
        if r.story_id in summaries
    ]


# --------------------------------------------------------------------------------------------- the service


class RelatedService:
    def __init__(self, session_factory: sessionmaker[Session], stories: StoryService, search: SearchService) -> None:
        self._sf = session_factory
        self._stories = stories
        self._search = search
        self.index = RelatedIndex(_dialect(session_factory))
        self.hook = RelatedIndexHook(self.index)
        self._suggester = Suggester(self.index)

    # ----------------------------------------------------------------------------------- link editing

    def add_story_link(
        self,
        story_id: int,
        target_id: int,
        *,
        base_version: int,
        position: int | None = None,
        title: str = "",
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Add a link to another stored story (at the end unless ``position`` says where)."""
        return self._edit(
            story_id,
            base_version,
            lambda links: with_link_added(links, story_link(target_id, title), position),
            note="Added a related headline",
            author=author,
            origin=origin,
        )

    def add_external_link(
        self,
        story_id: int,
        title: str,
        url: str,
        *,
        base_version: int,
        position: int | None = None,
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Add an external headline with its web address."""
        link = external_link(title, url)
        return self._edit(
            story_id,
            base_version,
            lambda links: with_link_added(links, link, position),
            note="Added a related headline",
            author=author,
            origin=origin,
        )

    def move_link(
        self,
        story_id: int,
        source: int,
        target: int,
        *,
        base_version: int,
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Move the link at position ``source`` to position ``target`` (0-based)."""
        return self._edit(
            story_id,
            base_version,
            lambda links: with_link_moved(links, source, target),
            note="Reordered the related headlines",
            author=author,
            origin=origin,
        )

    def reorder_links(
        self,
        story_id: int,
        order: Sequence[int],
        *,
        base_version: int,
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Put the links in a new order, given as their current positions."""
        return self._edit(
            story_id,
            base_version,
            lambda links: with_links_ordered(links, order),
            note="Reordered the related headlines",
            author=author,
            origin=origin,
        )

    def remove_link(
        self, story_id: int, position: int, *, base_version: int, author: str = "", origin: object | None = None
    ) -> SaveResult:
        return self._edit(
            story_id,
            base_version,
            lambda links: with_link_removed(links, position),
            note="Removed a related headline",
            author=author,
            origin=origin,
        )

    def fix_link(
        self,
        story_id: int,
        position: int,
        *,
        base_version: int,
        target_id: int | None = None,
        url: str | None = None,
        title: str | None = None,
        author: str = "",
        origin: object | None = None,
    ) -> SaveResult:
        """Re-point a (broken) link at another story (``target_id``), or make it an external headline (``url``).

        The title stays unless a new one is given (a re-pointed link without a title takes its story's headline).
        """
        if (target_id is None) == (url is None):
            raise ValidationError("related", "give either another story or a web address for the link")

        def fix(links: tuple[RelatedLink, ...]) -> tuple[RelatedLink, ...]:
            _check_position(links, position)
            old = links[position]
            if target_id is not None:
                link = story_link(target_id, title if title is not None else "")
            else:
                link = external_link(title if title is not None else old.title, url or "")
            return with_link_replaced(links, position, link)

        return self._edit(story_id, base_version, fix, note="Fixed a related headline", author=author, origin=origin)

    # -------------------------------------------------------------------------------------- reading links

    def back_links(self, story_id: int) -> list[BackLink]:
        """The stories that list this one among their related headlines, most recently changed first."""
        with read_session(self._sf) as s:
            rows = s.execute(
                select(m.RelatedLink.story_id, m.RelatedLink.position, m.RelatedLink.title)
                .join(m.Story, m.Story.id == m.RelatedLink.story_id)
                .where(m.RelatedLink.target_id == story_id)
                .order_by(m.Story.seq.desc(), m.RelatedLink.position)
            ).all()
        summaries = self._search.summaries(r.story_id for r in rows)
        return [
            BackLink(story=summaries[r.story_id], position=r.position, title=r.title)
            for r in rows
            if r.story_id in summaries
        ]

    def broken_links(self, story_id: int | None = None, *, limit: int = 1000) -> list[BrokenLink]:
        """Links whose story was purged (and which have no web address to fall back on): one story's, or all."""
        stmt = (
            select(
                m.RelatedLink.story_id,
                m.RelatedLink.position,
                m.RelatedLink.title,
                m.RelatedLink.target_uuid,
                m.Story.slug,
                m.Story.headline,
                m.Story.version,
            )
            .join(m.Story, m.Story.id == m.RelatedLink.story_id)
            .where(m.RelatedLink.target_id.is_(None), m.RelatedLink.target_uuid.is_not(None), m.RelatedLink.url == "")
            .order_by(m.RelatedLink.story_id, m.RelatedLink.position)
            .limit(limit)
        )
        if story_id is not None:
            stmt = stmt.where(m.RelatedLink.story_id == story_id)
        with read_session(self._sf) as s:
            rows = s.execute(stmt).all()
        return [
            BrokenLink(
                story_id=r.story_id,
                story_slug=r.slug,
                story_headline=r.headline,
                story_version=r.version,
                # Stored positions are the list's order as saved: 0-based and gapless, as callers count.
                position=r.position,
                title=r.title,
                target_uuid=r.target_uuid,
            )
            for r in rows
        ]

    def find_stories_by_headline(self, titles: Iterable[str]) -> dict[str, int]:
        """Stored stories (not in the trash) whose headline equals each title, ignoring case, accents,
        punctuation, quote styles and spacing: {title: story id}. Titles without a match are left out; of
        several matches the most recently published (else created) wins.
        """
        keys = {title: HeadlineKey.of(title) for title in titles}
        if not keys:
            return {}
        with read_session(self._sf) as s:
            found = self.index.find_headlines(s.connection(), keys.values())
        out: dict[str, int] = {}
        for title, key in keys.items():
            for story_id, headline in found.get(key.stored, ()):
                if HeadlineKey.of(headline).full == key.full:
                    out[title] = story_id
                    break
        return out

    # ---------------------------------------------------------------------------------------- suggestions

    def suggestions(
        self, story_id: int, *, limit: int = DEFAULT_SUGGESTIONS, fields: StoryFields | None = None
    ) -> list[Suggestion]:
        """The stories most related to this one by content, best first.

        Text terms (headline, dek, body) carry most of the score, then shared tags (rare tags more) and the
        same outlet; near-equal scores go to the newer story. The story itself, stories in the trash and
        stories it already links to are left out. ``fields`` scores unsaved text of the story instead.
        """
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        query = Query(story_id)
        if fields is not None:
            query = Query(
                story_id,
                text=_text(story_id, fields),
                tags=fields.tags,
                outlet=fields.outlet_name,
                linked=[r.target_id for r in fields.related if r.target_id is not None],
            )
        with read_session(self._sf) as s:
            ranked = self._suggester.rank(s.connection(), query, limit)
            if ranked is None:
                raise NotFoundError(f"there is no story #{story_id}")
            summaries = summaries_of(s, [r.story_id for r in ranked])
        return _suggestions(ranked, summaries)

    def headline_matches(
        self,
        title: str,
        *,
        limit: int = DEFAULT_HEADLINE_MATCHES,
        exclude: Iterable[int] = (),
        min_score: float = MIN_HEADLINE_SCORE,
    ) -> list[Suggestion]:
        """Stories whose content matches a headline (of another site, or imported without its story): the
        headline's distinctive words against every story's, best first, only those scoring ``min_score`` or
        more. An exact headline match is :meth:`find_stories_by_headline`'s job; this finds a story the
        headline means though worded differently.
        """
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        text = StoryText(0, title, "", "")
        with read_session(self._sf) as s:
            ranked = self._suggester.rank_text(s.connection(), text, limit, excluded=list(exclude))
            ranked = [r for r in ranked if r.score >= min_score]
            summaries = summaries_of(s, [r.story_id for r in ranked])
        return _suggestions(ranked, summaries)

    def link_matches(
        self,
        story_id: int,
        *,
        limit: int = DEFAULT_HEADLINE_MATCHES,
        links: Sequence[RelatedLink] | None = None,
    ) -> list[LinkMatch]:
        """For each of the story's related headlines that names no story (external, or imported without a
        match), the stories whose content matches it; headlines without a match are left out. ``links`` stands
        for the stored links (an editor's unsaved ones)."""
        if links is None:
            links = self._stories.get(story_id).related
        linked = {link.target_id for link in links if link.target_id is not None} | {story_id}
        out = []
        for position, link in enumerate(links):
            if link.target_id is not None or link.target_uuid or not link.title.strip():
                continue
            found = self.headline_matches(link.title, limit=limit, exclude=linked)
            if found:
                marked = tuple(replace(s, matches_headline=link.title) for s in found)
                out.append(LinkMatch(position, link.title, link.url, marked))
        return out

    # -------------------------------------------------------------------------------------- maintenance

    def stale_count(self) -> int:
        """Stories whose suggestions signature was computed at a very different library size."""
        with read_session(self._sf) as s:
            return self.index.stale_count(s.connection())

    def refresh(
        self,
        *,
        full: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        batch: int = 500,
    ) -> int:
        """Recompute stale signatures, a batch per transaction (so it can run beside editing and be cancelled);
        ``full`` rebuilds frequencies and every signature in one transaction. Returns the stories redone.
        """
        if full:
            with write_session(self._sf) as s:
                done = self.index.rebuild(s.connection(), progress)
                mark_current(s, RELATED_KEY)
                return done
        total = self.stale_count()
        done = 0
        while not (cancelled and cancelled()):
            with write_session(self._sf) as s:
                conn = s.connection()
                n = self.index.resign(conn, self.index.stale_ids(conn, batch))
            if n == 0:
                break
            done += n
            if progress:
                progress(min(done, total), max(total, done))
        return done

    # ----------------------------------------------------------------------------------------- internals

    def _edit(
        self,
        story_id: int,
        base_version: int,
        change: Callable[[tuple[RelatedLink, ...]], tuple[RelatedLink, ...]],
        *,
        note: str,
        author: str,
        origin: object | None,
    ) -> SaveResult:
        story = self._stories.get(story_id)
        if story.version != base_version:
            # Positions the caller saw may no longer mean the same links: refuse before editing.
            raise ConflictError(story.fields(), story, base_version)
        fields = story.fields().replace(related=change(story.related))
        return self._stories.save(story_id, fields, base_version=base_version, author=author, note=note, origin=origin)
