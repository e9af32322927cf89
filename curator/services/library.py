"""The library: every service over one session factory, as the GUI and the command line use them.

``Library.open(url)`` is the one way in, for the command line, the app, export workers, bench scripts and tests: it
prepares the database (creates, upgrades after a backup, or refuses it), builds the services, and ``close()`` (or
leaving its ``with`` block) releases the connections.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from curator.db.engine import make_engine, make_session_factory
from curator.db.migrate import LibraryState, open_database
from curator.desk.profile import read_desk_settings
from curator.factcheck.settings import FactCheckSettings
from curator.services.desk import Desk
from curator.services.factcheck import FactCheckService
from curator.services.indexes import rebuild_stale_indexes
from curator.services.lookup import StoryLookup
from curator.services.people import parse_rights
from curator.services.publishing import PublishingService
from curator.services.related import RelatedService
from curator.services.revisions import RevisionService
from curator.services.saved_searches import SavedSearchService, login_name
from curator.services.search import SearchService
from curator.services.stories import StoryService
from curator.services.tags import TagService
from curator.services.writing import WritingService
from curator.writing.dictionaries import Dictionaries
from curator.writing.settings import WritingSettings


class Library:
    """Built once at a composition root (the app, the command line), usually by :meth:`open`."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        config_dir: Path | None = None,
        factcheck_settings: FactCheckSettings | None = None,
        writing_settings: WritingSettings | None = None,
        dictionaries: Dictionaries | None = None,
        engine: Engine | None = None,
        state: LibraryState | None = None,
        actor: str = "",
        client: str = "",
    ) -> None:
        """``config_dir`` holds ``settings.toml`` (read when first needed); ``factcheck_settings`` and
        ``writing_settings`` override it; ``dictionaries`` shares loaded spelling dictionaries between libraries.
        ``engine`` is disposed of by :meth:`close` when the library owns it. ``actor`` is the person working
        (their rights are checked, their name recorded); ``client`` names this process in the change feed."""
        self.session_factory = session_factory
        self.engine = engine
        self.state = state
        self.config_dir = config_dir
        self.stories = StoryService(session_factory)
        self.search = SearchService(session_factory)
        self.tags = TagService(session_factory)
        self.revisions = RevisionService(session_factory, self.stories)
        self.lookup = StoryLookup(session_factory)
        self.publishing = PublishingService(session_factory)
        self.factcheck = FactCheckService(session_factory, settings=factcheck_settings, config_dir=config_dir)
        # Findings and claims follow every save; Ready and Published wait for open checks (or an override).
        self.stories.add_hook(self.factcheck.sync)
        self.stories.add_status_gate(self.factcheck.sync)
        self.related = RelatedService(session_factory, self.stories, self.search)
        # Suggestions stay current: the related-stories index is updated inside every story write.
        self.stories.add_hook(self.related.hook)
        # People, rights, the change feed, presence, comments and assignments.
        desk_settings = read_desk_settings(config_dir)
        self.desk = Desk(session_factory, actor=actor, client=client, rights=parse_rights(desk_settings.rights))
        self.stories.set_desk(self.desk)
        self.stories.add_hook(self.desk.comments)
        if desk_settings.comments_hold_ready:
            self.stories.add_status_gate(self.desk.comments)
        # Saved searches: personal ones belong to the acting person (their profile's name), else the login name.
        self.saved_searches = SavedSearchService(
            session_factory, self.search, lambda: self.desk.people.actor or login_name()
        )
        self.writing = WritingService(
            session_factory, config_dir=config_dir, settings=writing_settings, dictionaries=dictionaries
        )
        # Misspellings (and whatever else [writing.gate] names) hold stories back from Ready and Published.
        self.stories.add_status_gate(self.writing)

    @classmethod
    def open(
        cls,
        url: str | URL,
        *,
        config_dir: Path | None = None,
        factcheck_settings: FactCheckSettings | None = None,
        writing_settings: WritingSettings | None = None,
        dictionaries: Dictionaries | None = None,
        upgrade: bool = True,
        attach: bool = False,
        actor: str = "",
    ) -> Library:
        """Open the library at ``url`` (creating or upgrading it as needed); the caller closes it.

        After an upgrade the derived indexes the migrations left stale (full-text, related stories) are filled
        again here, before the library is handed out (see :mod:`curator.services.indexes`).
        ``attach`` skips preparing the database, for worker processes joining a library their parent opened."""
        if attach:
            engine, state = make_engine(url), None
        else:
            engine, state = open_database(url, upgrade=upgrade)
        try:
            session_factory = make_session_factory(engine)
            if not attach and upgrade:
                rebuild_stale_indexes(session_factory)
            return cls(
                session_factory,
                config_dir=config_dir,
                factcheck_settings=factcheck_settings,
                writing_settings=writing_settings,
                dictionaries=dictionaries,
                engine=engine,
                state=state,
                actor=actor,
            )
        except BaseException:
            engine.dispose()
            raise

    @property
    def url(self) -> str | None:
        """The library's database URL with its password, for worker processes; None for an in-memory database."""
        bind = self.engine if self.engine is not None else self.session_factory.kw.get("bind")
        if bind is None or (bind.url.get_backend_name() == "sqlite" and bind.url.database in (None, "", ":memory:")):
            return None
        return str(bind.url.render_as_string(hide_password=False))

    def close(self) -> None:
        """Release the library's connections (when it opened them). Safe to call twice."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
