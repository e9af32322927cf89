"""Damaged, read-only, empty and foreign library files (issue 16, case 8): named in one line, never written into.

Real files in tmp_path and real ``curator`` processes: byte-flipped copies of a library, a row with a status no
Curator writes, a zero-byte file, a file that is not a database; a read-only library (simulated when running as
root, where nothing is read-only).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from curator.db import migrate
from curator.domain.errors import ReadOnlyLibraryError
from curator.domain.stories import StoryFields
from curator.services.library import Library
from tests.faults.conftest import Cli


def _library(path: Path, n: int = 40) -> None:
    with Library.open(f"sqlite:///{path}") as library:
        library.stories.create_many(
            [StoryFields(headline=f"Story {i}", body=f"Paragraph {i}. " * 200, tags=("Desk",)) for i in range(n)]
        )
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


@pytest.mark.parametrize("content", [b"", b"just some text, not a database\n" * 10], ids=["zero bytes", "text"])
def test_a_file_that_is_not_a_library_is_refused_and_left_alone(tmp_path: Path, cli: Cli, content: bytes) -> None:
    path = tmp_path / "lib.sqlite"
    path.write_bytes(content)
    for args in (["list"], ["new", "--headline", "X"]):
        done = cli("--db", str(path), *args)
        assert done.returncode == 1 and done.stderr.count("\n") == 1 and "not a Curator library" in done.stderr
    assert path.read_bytes() == content and _siblings(path) == []


def test_byte_flipped_libraries_open_read_only_and_are_never_written(tmp_path: Path, cli: Cli) -> None:
    original = tmp_path / "original.sqlite"
    _library(original)
    data = original.read_bytes()
    page = 4096
    outcomes = []
    pages = len(data) // page
    for n, number in enumerate(sorted({2, 3, pages // 2, pages - 2})):
        damaged = tmp_path / f"damaged-{n}.sqlite"
        flipped = bytearray(data)
        # The page's b-tree header: the kind of damage a torn write or a bad sector leaves.
        for i in range(number * page, number * page + 12):
            flipped[i] ^= 0xFF
        damaged.write_bytes(bytes(flipped))
        before = _digest(damaged)
        listed = cli("--db", str(damaged), "list")
        made = cli("--db", str(damaged), "new", "--headline", "Written into a damaged file")
        for done in (listed, made):
            assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
            assert all(line.startswith("curator: ") for line in done.stderr.splitlines()), done.stderr
        checked = migrate.quick_check(damaged)
        if checked:
            # Damage the quick check sees: opened read-only, with the way out, and the write refused.
            assert made.returncode == 1 and "damaged" in made.stderr and "curator db check" in made.stderr
        outcomes.append((bool(checked), made.returncode))
        assert _digest(damaged) == before or made.returncode == 0
        if made.returncode == 0:
            assert not checked
    assert any(seen for seen, _ in outcomes), outcomes


def test_a_status_no_curator_writes_is_a_named_error(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "lib.sqlite"
    _library(path, 3)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE story SET status = 'drafu' WHERE id = 2")
    done = cli("--db", str(path), "list")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "curator: error: story #2 has the status 'drafu', which Curator never writes: the library is damaged. "
        "Run 'curator db check', or restore the automatic backup beside the library"
    ]


def test_a_read_only_library_opens_read_only_not_damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lib.sqlite"
    _library(path, 3)
    path.chmod(0o444)
    if migrate._writable(path):
        # As root every file can be written: the check is made to say what it says for everyone else.
        monkeypatch.setattr(migrate, "_writable", lambda _p: False)
    before = _digest(path)
    with Library.open(f"sqlite:///{path}") as library:
        assert library.state is not None and not library.state.damaged
        assert "read-only" in library.state.read_only and "damaged" not in library.state.read_only
        assert library.search.count() == 3
        with pytest.raises(ReadOnlyLibraryError):
            library.stories.create(StoryFields(headline="Refused"))
    assert _digest(path) == before


def test_the_quick_check_is_bounded_in_time(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    _library(path, 3)
    assert migrate.quick_check(path) == []
    assert migrate.quick_check(path, seconds=0.0) == []  # stopped at once: not called damaged
