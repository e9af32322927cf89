"""Driver errors are sorted once, in the storage layer: the environment becomes a named error, a bug does not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from curator.db import engine as engine_module
from curator.db.engine import make_engine, make_session_factory, read_session, translate_error, write_session
from curator.domain.errors import (
    BusyError,
    ConnectionLostError,
    DamagedLibraryError,
    ReadOnlyLibraryError,
    StorageError,
    StorageFullError,
    WriteConflictError,
)
from curator.domain.stories import StoryFields
from curator.services.library import Library


def _sqlite_error(code: int, message: str) -> DBAPIError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code  # type: ignore[attr-defined]  # set as the sqlite3 module sets it
    return OperationalError("statement", {}, orig)


@pytest.mark.parametrize(
    ("code", "expected", "retryable"),
    [
        (5, BusyError, True),  # SQLITE_BUSY
        (6, BusyError, True),  # SQLITE_LOCKED
        (517, BusyError, True),  # SQLITE_BUSY_SNAPSHOT
        (8, ReadOnlyLibraryError, False),  # SQLITE_READONLY
        (1032, ReadOnlyLibraryError, False),  # SQLITE_READONLY_DBMOVED
        (13, StorageFullError, False),  # SQLITE_FULL
        (11, DamagedLibraryError, False),  # SQLITE_CORRUPT
        (26, DamagedLibraryError, False),  # SQLITE_NOTADB
        (10, ConnectionLostError, True),  # SQLITE_IOERR
        (2067, WriteConflictError, True),  # SQLITE_CONSTRAINT_UNIQUE
    ],
)
def test_sqlite_result_codes_become_named_errors(code: int, expected: type[StorageError], retryable: bool) -> None:
    translated = translate_error(_sqlite_error(code, "whatever the words say"))
    assert type(translated) is expected and translated.retryable is retryable
    assert str(translated)  # a message for the user


@pytest.mark.parametrize("code", [1, 787, 275])  # SQLITE_ERROR (a bug in our SQL), FOREIGNKEY, CHECK violations
def test_bugs_are_not_dressed_up_as_the_environment(code: int) -> None:
    assert translate_error(_sqlite_error(code, "database is locked")) is None  # the words do not matter


def test_a_real_read_only_library_refuses_writes_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(f"sqlite:///{path}") as library:
        library.stories.create(StoryFields(headline="Kept"))
    read_only = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        library = Library(make_session_factory(read_only))
        with pytest.raises(ReadOnlyLibraryError, match="read-only"):
            library.stories.create(StoryFields(headline="Not written"))
        assert [s.headline for s in library.search.page("").items] == ["Kept"]
    finally:
        read_only.dispose()


def test_a_full_database_says_so(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'small.sqlite'}")
    try:
        with write_session(make_session_factory(engine)) as s:
            s.execute(text("CREATE TABLE blob (data BLOB)"))
        with pytest.raises(StorageFullError), write_session(make_session_factory(engine)) as s:
            s.execute(text("PRAGMA max_page_count = 8"))
            s.execute(text("INSERT INTO blob VALUES (zeroblob(200000))"))
    finally:
        engine.dispose()


def test_a_writer_locked_out_past_the_busy_timeout_gets_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "library.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(BusyError, match="busy"), write_session(make_session_factory(engine)) as s:
            s.execute(text("CREATE TABLE t (x INTEGER)"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.dispose()


def test_a_bug_in_sql_comes_out_as_it_is(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        with pytest.raises(OperationalError), read_session(make_session_factory(engine)) as s:
            s.execute(text("SELECT * FROM no_such_table"))
    finally:
        engine.dispose()


@pytest.mark.pg
def test_postgres_unique_races_and_read_only_transactions_are_named(pg_url: str) -> None:
    engine = make_engine(pg_url)
    sf = make_session_factory(engine)
    try:
        with write_session(sf) as s:
            s.execute(text("CREATE TABLE item (name TEXT PRIMARY KEY)"))
            s.execute(text("INSERT INTO item VALUES ('one')"))
        with pytest.raises(WriteConflictError), write_session(sf) as s:
            s.execute(text("INSERT INTO item VALUES ('one')"))
        with pytest.raises(ReadOnlyLibraryError), write_session(sf) as s:
            s.execute(text("SET TRANSACTION READ ONLY"))
            s.execute(text("INSERT INTO item VALUES ('two')"))
        with pytest.raises(DBAPIError) as caught, read_session(sf) as s:
            s.execute(text("SELECT * FROM no_such_table"))
        assert not isinstance(caught.value, StorageError)
    finally:
        engine.dispose()
