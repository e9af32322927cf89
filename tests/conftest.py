"""Shared fixtures: a real library per test on SQLite in tmp_path, and on PostgreSQL when configured."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from curator.services.library import Library
from curator.writing.settings import WritingSettings

PG_URL = os.environ.get("CURATOR_TEST_PG_URL")


def _shared_dir() -> Path:
    """``$CURATOR_SHARED_DIR``, else the shared folder beside the checkout (also found from a nested worktree)."""
    if os.environ.get("CURATOR_SHARED_DIR"):
        return Path(os.environ["CURATOR_SHARED_DIR"])
    here = Path(__file__).resolve()
    for parent in here.parents[1:]:
        if (parent / "shared" / "samples").is_dir():
            return parent / "shared"
    return here.parents[2] / "shared"


SHARED = _shared_dir()
SAMPLE_STORY = SHARED / "samples" / "orda-us-russia-talks.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _pg_schema_url(schema: str) -> str:
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose default schema is new and empty; dropped afterwards."""
    if not PG_URL:
        pytest.skip("CURATOR_TEST_PG_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty SQLite library at the newest schema, indexes current, made once per test session.

    Tests get a copy of the file (:func:`new_sqlite_library`) instead of running every migration again.
    """
    path = tmp_path_factory.mktemp("template") / "library.sqlite"
    with Library.open(f"sqlite:///{path}") as library:
        assert library.engine is not None
        with library.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def new_sqlite_library(template: Path, path: Path) -> str:
    """A copy of the template library at ``path`` (a new, empty, current library); returns its URL."""
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL per test: an empty SQLite library at the newest schema (a copy of the session's
    template), and (when configured) a fresh, empty PostgreSQL schema (created at the newest schema when opened).
    """
    if request.param == "sqlite":
        return new_sqlite_library(request.getfixturevalue("sqlite_template"), tmp_path / "library.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def new_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL per test where nothing exists yet: a new SQLite path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """An empty SQLite library at the newest schema (a copy of the session's template)."""
    return new_sqlite_library(sqlite_template, tmp_path / "library.sqlite")


# The writing gate (misspellings, byline) is tested on its own in tests/writing and tests/gui/test_writing_panel.py;
# the other service tests move stories between statuses without it, as a desk that turned it off would.
NO_WRITING_GATE = WritingSettings(gate={})


@pytest.fixture
def library(db_url: str) -> Iterator[Library]:
    with Library.open(db_url, writing_settings=NO_WRITING_GATE) as library:
        yield library


@pytest.fixture
def sample_text() -> str:
    if not SAMPLE_STORY.exists():
        pytest.skip(f"the shared sample story is not at {SAMPLE_STORY}")
    return SAMPLE_STORY.read_text(encoding="utf-8")
