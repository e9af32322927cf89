"""Opening libraries: new, up to date, older (upgraded after a backup), newer, foreign and corrupt files."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from curator.db.base import Base
from curator.db.engine import make_engine, make_session_factory
from curator.db.migrate import (
    CorruptLibraryError,
    LibraryUnavailableError,
    NewerLibraryError,
    NotALibraryError,
    alembic_config,
    check_integrity,
    head_revision,
    include_object,
    open_database,
)
from curator.services.indexes import rebuild_stale_indexes
from curator.services.library import Library


def test_new_library_is_created_at_the_newest_schema(new_db_url: str) -> None:
    engine, state = open_database(new_db_url)
    try:
        assert state.created
        assert state.revision == head_revision()
        assert check_integrity(engine) == []
        _engine2, state2 = open_database(new_db_url)
        _engine2.dispose()
        assert not state2.created and state2.upgraded_from is None
    finally:
        engine.dispose()


def test_models_match_the_migrations(db_url: str) -> None:
    engine, _ = open_database(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        engine.dispose()


def _make_old_library(path: Path) -> None:
    """A library at the first schema, holding two stories, as an older Curator left it."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        now = datetime(2025, 3, 25, 12, 0)
        for seq, (headline, body) in enumerate(
            [("Talks end in Riyadh", "No joint statement was issued."), ("Переговоры завершились", "Без заявления.")],
            start=1,
        ):
            conn.exec_driver_sql(
                "INSERT INTO story (uuid, slug, headline, dek, body, status, status_rank, byline, original_author,"
                " outlet_name, outlet_url, photo, photo_credit, photo_caption, language, extra, created_at,"
                " updated_at, version, seq, sort_key, word_count) VALUES"
                " (?, ?, ?, '', ?, 'draft', 0, '', '', '', '', '', '', '', 'en', '{}', ?, ?, 1, ?, ?, 3)",
                (str(uuid.uuid4()), f"story-{seq}", headline, body, now, now, seq, headline.lower()),
            )
        conn.exec_driver_sql("INSERT INTO tag (name, key) VALUES ('Diplomacy', 'diplomacy')")
        conn.exec_driver_sql("INSERT INTO story_tag (story_id, tag_id) VALUES (1, 1)")
    engine.dispose()


def test_older_library_is_backed_up_then_upgraded_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _make_old_library(path)
    engine, state = open_database(f"sqlite:///{path}")
    try:
        assert state.upgraded_from == "0001"
        assert state.revision == head_revision()
        assert state.backup is not None and state.backup.exists()
        with sqlite3.connect(state.backup) as backup:
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert backup.execute("SELECT count(*) FROM story").fetchone() == (2,)
        session_factory = make_session_factory(engine)
        assert rebuild_stale_indexes(session_factory) == ["index.fulltext", "index.related"]
        library = Library(session_factory)
        assert {s.headline for s in library.search.page("").items} == {"Talks end in Riyadh", "Переговоры завершились"}
        assert [s.headline for s in library.search.page("riyadh").items] == ["Talks end in Riyadh"]
        assert [s.headline for s in library.search.page("переговоры").items] == ["Переговоры завершились"]
        assert [s.headline for s in library.search.page("tag:diplomacy").items] == ["Talks end in Riyadh"]
        assert check_integrity(engine) == []
    finally:
        engine.dispose()


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("These are my notes, not a database.\n" * 50)
    before = _bytes(path)
    with pytest.raises(NotALibraryError, match=str(path)):
        open_database(f"sqlite:///{path}")
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_corrupt_library_gives_a_clear_error_and_stays_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    engine, _ = open_database(f"sqlite:///{path}")
    Library(make_session_factory(engine)).stories.create_many([])
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    data[100:1100] = b"\xde\xad\xbe\xef" * 250  # the schema page's b-tree
    path.write_bytes(bytes(data))
    before = _bytes(path)
    with pytest.raises(CorruptLibraryError, match="damaged"):
        open_database(f"sqlite:///{path}")
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite"]


def test_a_library_from_a_newer_curator_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    engine, _ = open_database(f"sqlite:///{path}")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _bytes(path)
    with pytest.raises(NewerLibraryError, match="newer version of Curator"):
        open_database(f"sqlite:///{path}")
    assert _bytes(path) == before


def test_some_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Aliya')")
    before = _bytes(path)
    with pytest.raises(NotALibraryError, match="not a Curator library"):
        open_database(f"sqlite:///{path}")
    assert _bytes(path) == before


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailableError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'nope' / 'library.sqlite'}")


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(LibraryUnavailableError, match="cannot connect"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_sqlite_connections_use_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine, _ = open_database(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        engine.dispose()


def test_the_declared_head_is_alembics_head() -> None:
    from curator.db.migrate import declared_head

    assert declared_head() == head_revision()


def test_opening_a_current_library_does_not_load_alembic(tmp_path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'current.sqlite'}"
    open_database(url)[0].dispose()  # create it (this one needs Alembic)
    code = (
        "import sys\n"
        "from curator.db.migrate import open_database\n"
        f"open_database({url!r})[0].dispose()\n"
        "assert not any(m.split('.')[0] == 'alembic' for m in sys.modules), 'alembic was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
