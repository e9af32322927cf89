"""Kill campaigns at scale (issue 16): SIGKILL during saves, imports and typing; prints runs, failures, lost items.

    python bench/bench_faults.py [--kills 200] [--pg postgresql://postgres@127.0.0.1:5432/test] [--only saves]

- saves: a process saving one story in a loop (``tests/faults/saver.py``) is killed at a random moment; every save
  it acknowledged must be in the library (lost item: an acknowledged version missing) and the library must pass
  ``PRAGMA quick_check`` (SQLite) or answer (PostgreSQL).
- imports: ``curator import`` of 120 files is killed at a random moment; every stored story must equal its file
  (lost item: a story stored half or garbled), and importing again must bring the library to all 120.
- typing: the app typing without pause (``tests/faults/typist.py``) is killed; a failure is more than the last two
  seconds of typing lost (SQLite recovery store; the library's database does not matter to it).
Exports have their own campaign in the exports' bench.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from curator.domain.stories import StoryFields  # noqa: E402
from curator.services.library import Library  # noqa: E402
from tests.faults.conftest import curator_env  # noqa: E402
from tests.faults.test_crash_recovery import PROMISE_SECONDS, kill_while_typing  # noqa: E402


@dataclass
class Tally:
    name: str
    runs: int = 0
    failures: int = 0
    lost: int = 0

    def line(self) -> str:
        return f"{self.name:<28} runs {self.runs:>4}  failures {self.failures:>3}  lost items {self.lost:>3}"


def _pg_schema(base: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _healthy(url: str) -> bool:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///") :]) as conn:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    with Library.open(url) as library:
        library.search.count()
    return True


def kill_saves(url: str, kills: int, work: Path, tally: Tally, rng: random.Random) -> None:
    with Library.open(url) as library:
        story_id = library.stories.create(StoryFields(headline="Saved again and again", body="Start.")).story.id
    for _ in range(kills):
        out = work / "saver.out"
        with out.open("w") as fh:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.saver", url, str(story_id)],
                env=curator_env(work / "home"),
                stdout=fh,
                stderr=subprocess.DEVNULL,
                cwd=REPO,
            )
            # Past start-up (a first acknowledged save), then a random moment among the saves.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not out.read_text().strip() and proc.poll() is None:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 1.5))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        acked = [int(v) for v in out.read_text().split()]
        tally.runs += 1
        with Library.open(url) as library:
            version = library.stories.get(story_id).version
            kept = {r.story_version for r in library.revisions.history(story_id)}
        missing = [v for v in acked if v not in kept or v > version]
        if missing or not _healthy(url):
            tally.failures += 1
            tally.lost += len(missing)


def kill_imports(url: str, kills: int, work: Path, tally: Tally, rng: random.Random) -> None:
    folder = work / "wires"
    folder.mkdir(exist_ok=True)
    files = {}
    for i in range(120):
        body = f"Paragraph one of story {i}.\n\nParagraph two, with *emphasis* {i}."
        (folder / f"story-{i:03}.md").write_text(f"---\ntitle: Wire story {i}\n---\n{body}\n", encoding="utf-8")
        files[f"Wire story {i}"] = body
    for _ in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-m", "curator", "--db", url, "import", str(folder)],
            env=curator_env(work / "home"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        time.sleep(rng.uniform(1.0, 6.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        tally.runs += 1
        with Library.open(url) as library:
            stored = [library.stories.get(s.id) for s in library.search.page(limit=500).items]
        garbled = [s for s in stored if s.headline in files and s.body != files[s.headline]]
        if garbled or not _healthy(url):
            tally.failures += 1
            tally.lost += len(garbled)
    finished = subprocess.run(
        [sys.executable, "-m", "curator", "--db", url, "import", str(folder)],
        env=curator_env(work / "home"),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    with Library.open(url) as library:
        headlines = {s.headline for s in library.search.page(limit=500).items}
    missing = set(files) - headlines
    if finished.returncode != 0 or missing:
        tally.failures += 1
        tally.lost += len(missing)


def kill_typing(kills: int, work: Path, tally: Tally, rng: random.Random) -> None:
    worst = 0.0
    for n in range(kills):
        kill = kill_while_typing(work / f"typing-{n}", after=rng.uniform(2.5, 8.0))
        tally.runs += 1
        worst = max(worst, kill.lost_seconds)
        if kill.lost_seconds > PROMISE_SECONDS or kill.recovered_words == 0:
            tally.failures += 1
            tally.lost += kill.typed_words - kill.recovered_words
    print(f"  typing: the most text lost by one kill: {worst:.2f} s of typing (promise: {PROMISE_SECONDS:.0f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=200, help="kills per campaign and database (default 200)")
    parser.add_argument("--pg", default=os.environ.get("CURATOR_TEST_PG_URL", ""), help="a PostgreSQL server URL")
    parser.add_argument("--only", choices=["saves", "imports", "typing"], action="append")
    args = parser.parse_args()
    rng = random.Random(16)
    wanted = args.only or ["saves", "imports", "typing"]
    tallies: list[Tally] = []
    root = Path(tempfile.mkdtemp(prefix="curator-faults-"))
    started = time.monotonic()
    try:
        databases = [("SQLite", None)] + ([("PostgreSQL", args.pg)] if args.pg else [])
        for campaign in ("saves", "imports"):
            if campaign not in wanted:
                continue
            for db_name, pg in databases:
                work = root / f"{campaign}-{db_name}"
                work.mkdir()
                schema = None
                url = f"sqlite:///{work / 'lib.sqlite'}"
                if pg:
                    url, schema = _pg_schema(pg)
                tally = Tally(f"{campaign} ({db_name})")
                try:
                    (kill_saves if campaign == "saves" else kill_imports)(url, args.kills, work, tally, rng)
                finally:
                    if schema:
                        _drop_schema(pg, schema)
                print(tally.line(), flush=True)
                tallies.append(tally)
        if "typing" in wanted:
            tally = Tally("typing (app, recovery)")
            kill_typing(args.kills, root / "typing", tally, rng)
            print(tally.line(), flush=True)
            tallies.append(tally)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(
        f"total: runs {sum(t.runs for t in tallies)}, failures {sum(t.failures for t in tallies)}, "
        f"lost items {sum(t.lost for t in tallies)} in {time.monotonic() - started:.0f} s"
    )
    return 1 if any(t.failures for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
