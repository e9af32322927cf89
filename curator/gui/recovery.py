"""The recovery store: unsaved text kept in a small SQLite file beside (never inside) the library.

Every couple of seconds of idle typing the app writes the stories it has unsaved changes in here. A clean exit
leaves nothing behind (the user saved or discarded); whatever a crash or a kill left is offered back on the next
start. Rows name the running app that owns them, so two windows on one machine do not take each other's drafts.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from curator.domain.stories import StoryFields

RECOVERY_FILENAME = "recovery.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS draft (
    library TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    base_version INTEGER NOT NULL,
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    owner TEXT NOT NULL,
    PRIMARY KEY (library, story_id)
)
"""


@dataclass(frozen=True)
class Draft:
    """Unsaved fields of one story, edited on top of ``base_version``."""

    story_id: int
    base_version: int
    fields: StoryFields
    saved_at: datetime

    @property
    def headline(self) -> str:
        return self.fields.headline or "Untitled story"


def _encode(fields: StoryFields) -> str:
    from curator.services.convert import fields_to_json

    return json.dumps(fields_to_json(fields, fields.slug), ensure_ascii=False, default=str)


def _decode(text: str) -> StoryFields:
    from curator.services.convert import fields_from_json

    return fields_from_json(json.loads(text))


def _owner_alive(owner: str, me: str) -> bool:
    host, _, rest = owner.partition(":")
    pid_text, _, _token = rest.partition(":")
    if owner == me:
        return True
    if host != socket.gethostname() or not pid_text.isdigit():
        # Another machine sharing this folder: assume it is still running.
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # an earlier window of this very process, since closed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RecoveryStore:
    """Drafts per library; safe to call from any thread (each call opens its own connection)."""

    def __init__(self, path: Path, library: str) -> None:
        self.path = path
        self.library = library
        self._ready = False

    @cached_property
    def owner(self) -> str:
        return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            # Made on first use, not at start-up: the window has better things to do before it first paints.
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=5)) as conn, conn:
                conn.execute(_SCHEMA)
            self._ready = True
        with closing(sqlite3.connect(self.path, timeout=5)) as conn:
            conn.execute("PRAGMA synchronous = FULL")
            with conn:
                yield conn

    def put(self, story_id: int, base_version: int, fields: StoryFields) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO draft (library, story_id, base_version, fields, saved_at, owner)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (self.library, story_id, base_version, _encode(fields), datetime.now(UTC).isoformat(), self.owner),
            )

    def delete(self, story_id: int) -> None:
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM draft WHERE library = ? AND story_id = ? AND owner = ?",
                (self.library, story_id, self.owner),
            )

    def clear(self) -> None:
        """Forget every draft this app owns (after a clean save-or-discard exit)."""
        with self._connect() as conn:
            conn.execute("DELETE FROM draft WHERE library = ? AND owner = ?", (self.library, self.owner))

    def mine(self) -> list[Draft]:
        return [d for d, owner in self._all() if owner == self.owner]

    def orphans(self) -> list[Draft]:
        """Drafts left by an app that is no longer running (a crash, a kill, a power cut)."""
        return [d for d, owner in self._all() if not _owner_alive(owner, self.owner)]

    def adopt(self, story_ids: list[int]) -> None:
        """Take over orphaned drafts, so that they are this app's to save or discard."""
        with self._connect() as conn:
            conn.executemany(
                "UPDATE draft SET owner = ? WHERE library = ? AND story_id = ?",
                [(self.owner, self.library, i) for i in story_ids],
            )

    def discard(self, story_ids: list[int]) -> None:
        with self._connect() as conn:
            conn.executemany(
                "DELETE FROM draft WHERE library = ? AND story_id = ?", [(self.library, i) for i in story_ids]
            )

    def _all(self) -> list[tuple[Draft, str]]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT story_id, base_version, fields, saved_at, owner FROM draft WHERE library = ?"
                " ORDER BY saved_at DESC",
                (self.library,),
            ).fetchall()
        out = []
        for story_id, base_version, fields, saved_at, owner in rows:
            try:
                draft = Draft(story_id, base_version, _decode(fields), datetime.fromisoformat(saved_at))
            except (ValueError, TypeError, KeyError):
                continue  # a damaged row is skipped, not fatal; it stays in the file for a human to read
            out.append((draft, owner))
        return out
