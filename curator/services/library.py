"""The library: every service over one session factory, as the GUI and the command line use them."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from curator.services.related import RelatedService
from curator.services.revisions import RevisionService
from curator.services.search import SearchService
from curator.services.stories import StoryService
from curator.services.tags import TagService


class Library:
    """Built once at a composition root (the app, the command line) from its session factory."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory
        self.stories = StoryService(session_factory)
        self.search = SearchService(session_factory)
        self.tags = TagService(session_factory)
        self.revisions = RevisionService(session_factory, self.stories)
        self.related = RelatedService(session_factory, self.stories, self.search)
        # Suggestions stay current: the related-stories index is updated inside every story write.
        self.stories.add_hook(self.related.hook)
