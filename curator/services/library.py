"""The library: every service over one session factory, as the GUI and the command line use them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from curator.factcheck.settings import FactCheckSettings
from curator.services.factcheck import FactCheckService
from curator.services.related import RelatedService
from curator.services.revisions import RevisionService
from curator.services.search import SearchService
from curator.services.stories import StoryService
from curator.services.tags import TagService


class Library:
    """Built once at a composition root (the app, the command line) from its session factory."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        config_dir: Path | None = None,
        factcheck_settings: FactCheckSettings | None = None,
    ) -> None:
        """``config_dir`` holds ``settings.toml`` (read when first needed); ``factcheck_settings`` overrides it."""
        self.session_factory = session_factory
        self.stories = StoryService(session_factory)
        self.search = SearchService(session_factory)
        self.tags = TagService(session_factory)
        self.revisions = RevisionService(session_factory, self.stories)
        self.factcheck = FactCheckService(session_factory, settings=factcheck_settings, config_dir=config_dir)
        # Findings and claims follow every save; Ready and Published wait for open checks (or an override).
        self.stories.add_hook(self.factcheck)
        self.stories.add_status_gate(self.factcheck)
        self.related = RelatedService(session_factory, self.stories, self.search)
        # Suggestions stay current: the related-stories index is updated inside every story write.
        self.stories.add_hook(self.related.hook)
