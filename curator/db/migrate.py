"""Opening a library: create it, upgrade it (after a backup), or refuse it with a clear reason."""

from __future__ import annotations

import ast
import dataclasses
import glob
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from curator.core.errors import CuratorError
from curator.db.engine import make_engine

if TYPE_CHECKING:
    # Alembic is imported where it is used: opening a library that is already current does not need it.
    from alembic.config import Config

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


class LibraryError(CuratorError):
    """A library cannot be opened; the message says which and why. The file has not been changed."""


class NotALibraryError(LibraryError):
    pass


class CorruptLibraryError(LibraryError):
    pass


class NewerLibraryError(LibraryError):
    pass


class LibraryUnavailableError(LibraryError):
    pass


@dataclass(frozen=True)
class LibraryState:
    """What opening a library found and did."""

    url: str
    revision: str
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None
    # Why the library was opened read-only ("" when it can be written): a read-only file or folder, or damage.
    read_only: str = ""
    damaged: bool = False


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Schema comparison filter: the full-text index tables are made by hand per dialect, not from models."""
    return not (type_ == "table" and (name or "").startswith("story_fts"))


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "curator.db:migrations")
    return cfg


@lru_cache(maxsize=1)
def declared_head() -> str | None:
    """The newest schema revision as the migration scripts declare it, read without loading Alembic.

    Opening a library that is already current then costs no Alembic import (a third of a second and some
    10 MB). None when the history is not one straight line; callers then ask Alembic (:func:`head_revision`).
    """
    versions = Path(__file__).parent / "migrations" / "versions"
    parents: dict[str, str | None] = {}
    try:
        for script in versions.glob("*.py"):
            values = {}
            for node in ast.parse(script.read_text(encoding="utf-8")).body:
                if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
                    continue
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    values[target.id] = ast.literal_eval(node.value)
            if "revision" in values:
                parents[values["revision"]] = values.get("down_revision")
    except (OSError, SyntaxError, ValueError):
        return None
    if not all(isinstance(p, str | None) for p in parents.values()):
        return None  # a merge revision
    heads = set(parents) - set(parents.values())
    return heads.pop() if len(heads) == 1 else None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe(url: str | URL) -> str:
    """A URL fit to show a user: the file path for SQLite, no password otherwise."""
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


def _probe_sqlite_file(path: Path) -> str | None:
    """The schema revision of a SQLite file, None for a new or empty one; reads without changing a byte."""
    if not path.exists():
        return None
    if path.is_dir():
        raise NotALibraryError(f"{path} is a folder, not a Curator library file")
    if path.stat().st_size == 0:
        # An empty file is not an empty library: it may be a file being copied, or a mistake in a path.
        raise NotALibraryError(
            f"{path} is an empty file (0 bytes), not a Curator library; remove it to start a new library there"
        )
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryUnavailableError(f"cannot read {path}: {exc.strerror}") from None
    if magic != SQLITE_MAGIC:
        raise NotALibraryError(f"{path} is not a Curator library (it is not an SQLite database); it was left as it was")
    siblings = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    existed = {p for p in siblings if p.exists()}
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LibraryUnavailableError(f"cannot open {path}: {exc}") from None
    try:
        return _probe_revision(conn, path)
    except LibraryError:
        conn.close()
        # A refused file is left exactly as it was: no -wal or -shm beside it that reading it made.
        for sibling in siblings:
            if sibling not in existed:
                sibling.unlink(missing_ok=True)
        raise
    finally:
        conn.close()


def _probe_revision(conn: sqlite3.Connection, path: Path) -> str | None:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise NotALibraryError(f"{path} is an SQLite database but not a Curator library; it was left as it was")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise CorruptLibraryError(f"{path} is damaged: it records no schema version; it was left as it was")
        return str(row[0])
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            raise LibraryUnavailableError(f"{path} is locked by another program; try again shortly") from None
        raise CorruptLibraryError(f"{path} is damaged and cannot be read ({exc}); it was left as it was") from None


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of a SQLite library beside it (WAL content included), before it is changed."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}.bak")
    src = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(schema revision, whether the database holds a story table)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        has_story = inspect(conn).has_table("story")
    return rev, has_story


def _check_known(revision: str, where: str) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise NewerLibraryError(
            f"{where} was written by a newer version of Curator (schema {revision}; this version knows up to "
            f"{head_revision()}). Update Curator to open it; the library was left as it was."
        )


def _upgrade(url: str | URL) -> None:
    # Migrations run with foreign keys off: SQLite's batch mode copies and drops tables, which would
    # otherwise cascade deletes into the tables that refer to them.
    from alembic import command

    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if conn.dialect.name == "sqlite":
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise CorruptLibraryError(f"the upgrade left broken references ({len(problems)}); rolled back")
    finally:
        engine.dispose()


def prepare_library(url: str | URL, *, upgrade: bool = True) -> LibraryState:
    """Make the database at ``url`` ready for this version of Curator.

    A new database is created at the newest schema; an older one is upgraded after a backup copy of its file;
    a newer, foreign, corrupt or locked one raises a :class:`LibraryError` and is not touched.
    """
    where = describe(url)
    path = sqlite_path(url)
    head = declared_head() or head_revision()
    if path is not None:
        if not path.parent.exists():
            raise LibraryUnavailableError(f"cannot create {path}: the folder {path.parent} does not exist")
        current = _probe_sqlite_file(path)
        has_story = current is not None
    else:
        probe = make_engine(url, poolclass=NullPool)
        try:
            current, has_story = _current_revision(probe)
        except DBAPIError as exc:
            raise LibraryUnavailableError(f"cannot connect to {where}: {_first_line(exc)}") from None
        finally:
            probe.dispose()
        if current is None and has_story:
            raise NotALibraryError(f"{where} has a story table but is not a Curator library; it was left as it was")

    if current == head:
        return LibraryState(str(url), head)
    if current is not None:
        _check_known(current, where)
    if not upgrade:
        raise LibraryError(f"{where} needs an upgrade from schema {current} to {head}: run 'curator db upgrade'")

    backup = None
    if current is not None and path is not None:
        backup = backup_sqlite(path, f"schema-{current}")
        log.info("backed up %s to %s before upgrading from schema %s", path, backup, current)
    try:
        _upgrade(url)
    except OperationalError as exc:
        raise LibraryUnavailableError(f"cannot write to {where}: {_first_line(exc)}") from None
    if current is None:
        log.info("created a new library at %s (schema %s)", where, head)
        return LibraryState(str(url), head, created=True)
    log.info("upgraded %s from schema %s to %s", where, current, head)
    return LibraryState(str(url), head, upgraded_from=current, backup=backup)


# The quick check on opening reads the whole file; past this many seconds it stops, and the library opens as usual.
QUICK_CHECK_SECONDS = 1.0


def open_database(url: str | URL, *, upgrade: bool = True) -> tuple[Engine, LibraryState]:
    """Prepare the library at ``url`` and return the app's engine on it.

    A SQLite library whose file or folder cannot be written opens read-only (said in ``state.read_only``), and so
    does one that fails a quick check (``PRAGMA quick_check``, bounded in time): it can be read and exported, and
    every write is refused with a message saying why and what to do.
    """
    path = sqlite_path(url)
    if path is not None and path.is_file() and path.stat().st_size > 0 and not _writable(path):
        state = prepare_library(url, upgrade=False)
        reason = f"{path} cannot be written (the file or its folder is read-only): opened read-only"
        log.info("%s", reason)
        return _read_only_engine(path), dataclasses.replace(state, read_only=reason)
    state = prepare_library(url, upgrade=upgrade)
    if path is not None:
        problems = quick_check(path)
        if problems:
            backups = sorted(path.parent.glob(f"{glob.escape(path.name)}.*.bak"))
            way_out = f"restore the backup {backups[-1]}" if backups else "restore a backup"
            reason = (
                f"{path} is damaged ({' '.join(problems[0].replace('*** in database main ***', '').split())[:160]}"
                f"{' …' if len(problems) > 1 else ''}): opened read-only. "
                f"Run 'curator db check', {way_out}, or export what can be read"
            )
            log.info("%s", reason)  # the entry point tells the user (a warning line, a dialog)
            return _read_only_engine(path), dataclasses.replace(state, read_only=reason, damaged=True)
    return make_engine(url), state


def _writable(path: Path) -> bool:
    # SQLite writes the file and, beside it, its -wal and -shm files: both the file and the folder must be writable.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_engine(path: Path) -> Engine:
    """An engine that can only read ``path`` (writes fail as read-only, translated for the user)."""
    flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
    return make_engine(f"sqlite:///file:{quote(str(path.resolve()))}?{flags}&uri=true")


def quick_check(path: Path, *, seconds: float = QUICK_CHECK_SECONDS) -> list[str]:
    """Problems ``PRAGMA quick_check`` finds in the file within ``seconds`` (an empty list: none found in time)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [f"cannot be opened: {exc}"]
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = conn.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == 9:  # SQLITE_INTERRUPT: the time was up
            log.info("the quick check of %s stopped after %.1f s (a big file); opening it as usual", path, seconds)
            return []
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [str(r[0]) for r in rows if r[0] != "ok"]


def check_integrity(engine: Engine) -> list[str]:
    """Problems found by the database's own integrity checks; an empty list means healthy."""
    from alembic.runtime.migration import MigrationContext

    problems: list[str] = []
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            problems += [str(r[0]) for r in rows if r[0] != "ok"]
            rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            problems += [f"broken reference in {r[0]} row {r[1]} to {r[2]}" for r in rows]
            try:
                conn.exec_driver_sql("INSERT INTO story_fts(story_fts, rank) VALUES ('integrity-check', 1)")
            except DBAPIError as exc:
                problems.append(f"full-text index: {_first_line(exc)}")
            conn.rollback()
        rev = MigrationContext.configure(conn).get_current_revision()
        if rev != head_revision():
            problems.append(f"schema is at {rev}, this version of Curator expects {head_revision()}")
    return problems


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
