"""What every subcommand gets: the parsed arguments, the app's folders, and the library, opened on first use."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curator.paths import AppPaths

if TYPE_CHECKING:
    # The database layer is imported on first use, so that ``curator`` alone opens its window quickly.
    from curator.db.migrate import LibraryState
    from curator.services.library import Library


def resolve_db_url(db: str | None, paths: AppPaths) -> str:
    """``--db``, else ``$CURATOR_DB``, else the default library file; a bare path means a SQLite file."""
    value = db or os.environ.get("CURATOR_DB")
    if not value:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        return paths.default_db_url()
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


@dataclass
class CommandContext:
    args: argparse.Namespace
    paths: AppPaths
    db_url: str
    _library: Library | None = field(default=None, repr=False)
    state: LibraryState | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            from curator.services.library import Library

            self._library = Library.open(self.db_url, config_dir=self.paths.config_dir, actor=self.actor)
            self.state = self._library.state
            if self.state is not None and self.state.read_only:
                print(f"curator: warning: {self.state.read_only}", file=sys.stderr)
        return self._library

    @property
    def actor(self) -> str:
        """Who is working: ``--as``, ``$CURATOR_USER`` or the profile (see :mod:`curator.desk.profile`)."""
        from curator.desk.profile import acting_name

        return acting_name(getattr(self.args, "actor", None), self.paths.config_dir)

    def author(self, explicit: str | None = None) -> str:
        """The name recorded with a change: an explicit ``--author``, else the acting person."""
        return (explicit or "").strip() or self.actor

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
