"""Engine and session factory: SQLite pragmas, transaction handling, the session helpers, and the one translator of
driver errors into Curator's errors.

Every read and write goes through :func:`read_session` / :func:`write_session`, which sort a driver's error once:
the environment (busy, locked, read-only, full, damaged, connection lost, a concurrent writer) becomes a
:class:`~curator.domain.errors.StorageError` with a message for the user; anything else is a bug and goes up as it
is. Errors are sorted by SQLite's result codes and PostgreSQL's SQLSTATEs, never by matching words in messages.
"""

from __future__ import annotations

import contextlib
import functools
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from curator.domain.errors import (
    BusyError,
    ConnectionLostError,
    DamagedLibraryError,
    ReadOnlyLibraryError,
    StorageError,
    StorageFullError,
    WriteConflictError,
)

BUSY_TIMEOUT_MS = 5000
_WRITE_OPTION = "curator_write"
# A unit of work that met a concurrent writer (the same new slug or tag, a serialization failure, a deadlock) is
# run again from the start this many times in all, after a short random pause that grows with each attempt.
WRITE_ATTEMPTS = 10
# A unit of work that found the library busy (after waiting BUSY_TIMEOUT_MS) is tried this many times in all.
BUSY_ATTEMPTS = 3

_P = ParamSpec("_P")
_R = TypeVar("_R")


# Keys of PostgreSQL advisory locks (any 64-bit numbers unique to Curator).
STORY_NAMES_LOCK = 0x43757261746F7201  # slugs and sequence numbers of new stories


def lock_for_transaction(session: Session, key: int) -> None:
    """Serialise a short critical section among writers on PostgreSQL: an advisory lock held until this transaction
    ends, so that what it reads next (the slugs taken, the highest sequence number) includes every other writer's
    committed work and nobody else picks the same values before this one commits. SQLite writers are serialised
    already (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def retry_conflicts(unit_of_work: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``unit_of_work`` (a function that opens its own :func:`write_session`) again when it fails with a
    :class:`~curator.domain.errors.WriteConflictError`: its transaction was rolled back whole, and the next attempt
    reads what the other writer committed (a slug taken meanwhile is numbered, a tag made meanwhile is reused).
    Bounded: after :data:`WRITE_ATTEMPTS` the error goes up, naming the situation."""

    @functools.wraps(unit_of_work)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        busy = 0
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return unit_of_work(*args, **kwargs)
            except WriteConflictError:
                if attempt == WRITE_ATTEMPTS:
                    raise
            except BusyError:
                # Each attempt already waited the busy timeout: a long queue of writers gets a little more
                # patience, a library held for good is reported soon.
                busy += 1
                if busy == BUSY_ATTEMPTS or attempt == WRITE_ATTEMPTS:
                    raise
            time.sleep(random.uniform(0.0, 0.005 * 2 ** min(attempt, 6)))
        raise AssertionError("unreachable")

    return run


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str | URL, *, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys, a busy timeout and real transactions."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _configure_sqlite(engine, foreign_keys=foreign_keys)
        return engine
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        # psycopg 3 is the driver we ship with; let plain postgresql:// URLs use it.
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (SAVEPOINTs, DDL).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        with contextlib.suppress(sqlite3.OperationalError):  # a library opened read-only keeps its journal
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the lock up front, so a concurrent writer waits (busy timeout) rather than
        # failing halfway through with a stale snapshot.
        immediate = connection.get_execution_options().get(_WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of a running app; services open one session per unit of work."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in a transaction that will write: committed on success, rolled back on error; driver errors
    from the environment come out as :class:`StorageError`."""
    try:
        with session_factory.begin() as session:
            session.connection(execution_options={_WRITE_OPTION: True})
            yield session
    except DBAPIError as exc:
        translated = translate_error(exc)
        if translated is None:
            raise
        raise translated from exc


@contextmanager
def read_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reading one consistent snapshot; driver errors translated as for writes."""
    try:
        with session_factory.begin() as session:
            yield session
    except DBAPIError as exc:
        translated = translate_error(exc)
        if translated is None:
            raise
        raise translated from exc


# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_READONLY = {8, 23}  # SQLITE_READONLY, SQLITE_AUTH
_SQLITE_FULL = {13}  # SQLITE_FULL
_SQLITE_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_GONE = {10, 14}  # SQLITE_IOERR (the file vanished or the disk failed), SQLITE_CANTOPEN
_SQLITE_CONSTRAINT = 19
_SQLITE_CONSTRAINT_UNIQUE = {1555, 2067}  # SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE

# PostgreSQL SQLSTATEs and classes.
_PG_BUSY = {"55P03", "57014"}  # lock_not_available, query_canceled (statement/lock timeout)
_PG_CONFLICT = {"40001", "40P01", "23505"}  # serialization_failure, deadlock_detected, unique_violation
_PG_READONLY = {"25006", "42501"}  # read_only_sql_transaction, insufficient_privilege
_PG_FULL = {"53100", "53200", "53300"}  # disk_full, out_of_memory, too_many_connections
_PG_DAMAGED = {"XX001", "XX002"}  # data_corrupted, index_corrupted


def translate_error(exc: DBAPIError) -> StorageError | None:
    """The Curator error for a driver error caused by the environment, or None when it is a bug."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _sqlite_error(code, str(orig))
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(sqlstate, str):
        return _postgres_error(sqlstate, str(orig))
    if exc.connection_invalidated:
        return ConnectionLostError(f"the connection to the library was lost ({_first_line(orig)}); try again")
    return None


def _sqlite_error(code: int, message: str) -> StorageError | None:
    primary = code & 0xFF
    if primary in _SQLITE_BUSY:
        return BusyError("the library is busy: another program is writing to it. Try again in a moment")
    if primary in _SQLITE_READONLY:
        return ReadOnlyLibraryError(
            "the library is read-only here (the file, its folder or the disk); nothing was saved"
        )
    if primary in _SQLITE_FULL:
        return StorageFullError(
            "the disk holding the library is full; nothing was saved. Free some space and try again"
        )
    if primary in _SQLITE_DAMAGED:
        return DamagedLibraryError(
            f"the library file is damaged ({_first_line(message)}); run 'curator db check', or restore a backup"
        )
    if primary in _SQLITE_GONE:
        return ConnectionLostError(f"the library file cannot be reached ({_first_line(message)})")
    if primary == _SQLITE_CONSTRAINT and code in _SQLITE_CONSTRAINT_UNIQUE:
        return WriteConflictError("another writer stored the same name at the same moment; try again")
    return None


def _postgres_error(sqlstate: str, message: str) -> StorageError | None:
    if sqlstate in _PG_BUSY:
        return BusyError("the library is busy: another session holds what this one needs. Try again in a moment")
    if sqlstate in _PG_CONFLICT:
        return WriteConflictError("another writer changed the same stories at the same moment; try again")
    if sqlstate in _PG_READONLY:
        return ReadOnlyLibraryError(f"the library cannot be written with this account ({_first_line(message)})")
    if sqlstate in _PG_FULL:
        return StorageFullError(f"the database server is out of room ({_first_line(message)}); nothing was saved")
    if sqlstate in _PG_DAMAGED:
        return DamagedLibraryError(f"the database reports damaged data ({_first_line(message)})")
    if sqlstate.startswith(("08", "57P")):  # connection exceptions; admin/crash shutdown
        return ConnectionLostError(f"the connection to the library was lost ({_first_line(message)}); try again")
    return None


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0] if str(value).strip() else type(value).__name__
