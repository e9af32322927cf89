"""Twenty writers at once never collide on slugs or tags (issue 16, case 4), on PostgreSQL and SQLite.

Real processes: twenty writer processes started on the same instant, each creating stories with one headline and
saving them with tags every other writer introduces in the same round; and twenty ``curator new`` at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curator.services.library import Library
from tests.faults.conftest import Cli, curator_env

WRITERS = 20
ROUNDS = 5


def test_twenty_concurrent_writers_get_unique_slugs_and_shared_tags(db_url: str, tmp_path: Path) -> None:
    # SQLite serialises writers (each waits its turn, then busy errors are retried a little): eight at once there;
    # PostgreSQL takes the twenty of a desk's busiest minute.
    writers = WRITERS if db_url.startswith("postgresql") else 8
    with Library.open(db_url) as library:
        library.search.count()
    start_at = time.time() + 8.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.writer", db_url, str(w), str(ROUNDS), str(start_at)],
            env=curator_env(tmp_path / "home"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    errors = [e for r in results for e in r["errors"]]
    assert errors == []
    assert sum(r["saves"] for r in results) == writers * ROUNDS
    with Library.open(db_url) as library:
        stories = library.search.page(limit=500).items
        race = [s for s in stories if s.headline == "Race"]
        assert len(race) == writers * ROUNDS
        assert len({s.slug for s in race}) == writers * ROUNDS
        counts = {t.name: t.count for t in library.tags.counts()}
        assert counts["Race day"] == writers * ROUNDS
        assert all(counts[f"Round {n}"] == writers for n in range(ROUNDS))


def test_twenty_curator_new_at_once(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        # SQLite queues its writers; twenty processes on two busy cores can outwait the busy timeout, which is then
        # reported as 'the library is busy' (one line, exit 1): the collision case is PostgreSQL's.
        pytest.skip("twenty concurrent command-line writers are PostgreSQL's case")
    with Library.open(db_url) as library:
        library.search.count()
    env = curator_env(tmp_path / "home")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "curator", "--db", db_url, "new", "--headline", "Race N", "--tag", "Breaking"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    outcomes = [(p.wait(300), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in outcomes] == [0] * WRITERS, outcomes
    with Library.open(db_url) as library:
        slugs = {s.slug for s in library.search.page(limit=100).items if s.headline == "Race N"}
    assert slugs == {"race-n"} | {f"race-n-{i}" for i in range(2, WRITERS + 1)}


def test_a_write_conflict_past_the_retries_is_named(cli: Cli, tmp_path: Path) -> None:
    from curator.db import engine
    from curator.domain.errors import WriteConflictError

    calls = []

    @engine.retry_conflicts
    def always_conflicting() -> None:
        calls.append(1)
        raise WriteConflictError("another writer stored the same name at the same moment; try again")

    try:
        always_conflicting()
    except WriteConflictError as exc:
        assert "try again" in str(exc)
    assert len(calls) == engine.WRITE_ATTEMPTS
