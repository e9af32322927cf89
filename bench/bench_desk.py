"""The desk under load: reads on a big library (PostgreSQL next to SQLite), then N desk members as separate processes
opening stories, typing with autosave, saving every ~30 s, searching, commenting and changing status.

    python bench/bench_desk.py --stories 100000 --members 20 --seconds 300          # the issue's figures
    python bench/bench_desk.py --stories 5000 --members 20 --seconds 60             # a quicker look

Prints, per backend: the first list page, search p95 and suggestion p95; then for the members' run: saves made,
saves lost (a save acknowledged but not in the story's history), silent overwrites (a save whose base was stale and
that neither merged nor raised a conflict), save p50/p95, and how long a change took to reach the other members
(p50/p95, from the commit to another member's watcher seeing it). PostgreSQL: --pg URL (default the local server);
a schema of its own is created and dropped.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.corpus import stories as corpus_stories
from curator.core.status import Status
from curator.domain.errors import ConflictError, StorageError
from curator.domain.stories import Scope
from curator.services.library import Library

QUERIES = ["talks", "grain exports", '"joint statement"', "перег*", "tag:energy", "pipeline -drone", "oil after:2024"]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fill(url: str, n: int) -> None:
    with Library.open(url) as lib:
        have = lib.search.count("", scope=Scope.ALL)
        batch: list[Any] = []
        t0 = time.perf_counter()
        for i, fields in enumerate(corpus_stories(n)):
            if i < have:
                continue
            batch.append(fields)
            if len(batch) == 1000:
                lib.stories.create_many(batch, render=False, defer_derived=True)
                batch = []
                print(f"  {i + 1}/{n} stories ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
        if batch:
            lib.stories.create_many(batch, render=False, defer_derived=True)


def reads(url: str, label: str, samples: int = 60) -> dict[str, float]:
    with Library.open(url) as lib:
        lib.search.page("")  # warm
        first = [_timed(lambda: lib.search.page("")) for _ in range(20)]
        search = [_timed(lambda q=q: lib.search.page(q)) for _ in range(samples // len(QUERIES) + 1) for q in QUERIES]
        ids = [s.id for s in lib.search.page("", limit=200).items]
        rng = random.Random(3)
        picks = [rng.choice(ids) for _ in range(samples)]
        suggest = [_timed(lambda i=i: lib.related.suggestions(i)) for i in picks]
    out = {
        "first page p50": statistics.median(first),
        "search p95": pct(search, 0.95),
        "suggest p95": pct(suggest, 0.95),
    }
    print(
        f"{label:<11} first page {out['first page p50']:6.1f} ms   search p95 {out['search p95']:6.1f} ms   "
        f"suggestions p95 {out['suggest p95']:6.1f} ms",
        flush=True,
    )
    return out


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def member(url: str, name: str, story_ids: list[int], seconds: float, out: Any, seed: int) -> None:
    """One desk member: opens stories, types (autosave = drafts, not counted), saves every ~30 s (scaled), searches,
    comments, moves status; records every acknowledged save and how each stale base was settled."""
    from curator.services.changes import ChangeWatcher

    rng = random.Random(seed)
    saves: list[dict[str, Any]] = []
    seen: list[tuple[int, float]] = []
    with Library.open(url, actor=name) as lib:
        watcher = ChangeWatcher(lib.desk.feed)
        deadline = time.monotonic() + seconds
        story_id = rng.choice(story_ids)
        story = lib.stories.get(story_id)
        base_version, fields = story.version, story.fields()
        save_every = max(2.0, seconds / 10)
        next_save = time.monotonic() + rng.uniform(0, save_every)
        while time.monotonic() < deadline:
            for event in watcher.wait(0.2):
                seen.append((event.id, time.time()))
            # Typing: a sentence added to the end of a paragraph of the member's own (edits of different members
            # overlap only when two pick the same paragraph, as on a real desk; such a conflict is counted).
            paragraphs = fields.body.split("\n\n")
            mine = seed % len(paragraphs)
            paragraphs[mine] += f" {name} adds line {len(saves)} at {time.time():.3f}."
            fields = fields.replace(body="\n\n".join(paragraphs))
            roll = rng.random()
            if roll < 0.05:
                lib.search.page(rng.choice(QUERIES))
            elif roll < 0.07:
                lib.desk.comments.add(story_id, f"Check this, @{name.split()[0]}")
            elif roll < 0.08:
                # A status change is a save of its own; the text typed here still derives from base_version, so the
                # next save merges with it (claiming the new version as its base would overwrite others' lines).
                with contextlib.suppress(StorageError, ConflictError):
                    lib.stories.set_status([story_id], rng.choice([Status.DRAFT, Status.FACT_CHECK]))
            if time.monotonic() >= next_save:
                next_save = time.monotonic() + save_every
                marker = f"{name} adds line {len(saves)}"
                t0 = time.perf_counter()
                outcome = "saved"
                try:
                    result = lib.stories.save(story_id, fields, base_version=base_version, author=name)
                    if result.merged_with is not None:
                        outcome = "merged"
                    base_version, fields = result.story.version, result.story.fields()
                except ConflictError as exc:
                    outcome = "conflict"
                    base_version, fields = exc.theirs.version, exc.theirs.fields()
                except StorageError:
                    outcome = "busy"
                ms = (time.perf_counter() - t0) * 1000
                saves.append({"story": story_id, "marker": marker, "outcome": outcome, "ms": ms, "at": time.time()})
                if rng.random() < 0.3:  # open another story
                    story_id = rng.choice(story_ids)
                    story = lib.stories.get(story_id)
                    base_version, fields = story.version, story.fields()
        watcher.close()
    out.put({"name": name, "saves": saves, "seen": seen})


def desk_run(url: str, members: int, seconds: float, stories: int) -> dict[str, Any]:
    with Library.open(url) as lib:
        ids = [s.id for s in lib.search.page("", limit=min(200, stories)).items][: max(members * 2, 10)]
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=member, args=(url, f"Member {i:02d}", ids, seconds, out, i)) for i in range(members)]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    saves = [s for r in results for s in r["saves"]]
    acknowledged = [s for s in saves if s["outcome"] in ("saved", "merged")]
    with Library.open(url) as lib:
        # Members only ever add text, so every acknowledged save's line must still be in its story: missing from
        # every revision = lost; in the history but not in the story now = silently overwritten.
        lost = overwritten = 0
        bodies: dict[int, list[str]] = {}
        for s in acknowledged:
            if s["story"] not in bodies:
                history = lib.revisions.history(s["story"])
                bodies[s["story"]] = [lib.revisions.get(r.id).fields.body for r in history]
            if not any(s["marker"] + " " in b for b in bodies[s["story"]]):
                lost += 1
            elif s["marker"] + " " not in lib.stories.get(s["story"]).body:
                overwritten += 1
        events = {e.id: e for e in lib.desk.feed.since(0, limit=1_000_000)}
    delays = [
        (seen_at - events[event_id].at.timestamp()) * 1000
        for r in results
        for event_id, seen_at in r["seen"]
        if event_id in events
    ]
    ms = [s["ms"] for s in acknowledged]
    return {
        "saves": len(saves),
        "merged": sum(s["outcome"] == "merged" for s in saves),
        "conflicts shown": sum(s["outcome"] == "conflict" for s in saves),
        "busy": sum(s["outcome"] == "busy" for s in saves),
        "lost": lost,
        "silent overwrites": overwritten,
        "save p50 ms": statistics.median(ms) if ms else float("nan"),
        "save p95 ms": pct(ms, 0.95),
        "seen p50 ms": statistics.median(delays) if delays else float("nan"),
        "seen p95 ms": pct(delays, 0.95),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=100_000)
    ap.add_argument("--members", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--pg", default=os.environ.get("CURATOR_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--skip-reads", action="store_true")
    args = ap.parse_args()

    schema = f"bench_desk_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(args.pg).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    pg = make_url(args.pg).set(drivername="postgresql+psycopg")
    pg_url = pg.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    tmp = tempfile.mkdtemp(prefix="bench-desk-")
    sqlite_url = f"sqlite:///{tmp}/desk.sqlite"
    figures: dict[str, Any] = {}
    try:
        for label, url in (("SQLite", sqlite_url), ("PostgreSQL", pg_url)):
            t0 = time.perf_counter()
            fill(url, args.stories)
            print(f"{label}: {args.stories} stories stored in {time.perf_counter() - t0:.0f} s", flush=True)
            if not args.skip_reads:
                figures[f"{label} reads"] = reads(url, label)
        for label, url in (("SQLite", sqlite_url), ("PostgreSQL", pg_url)):
            result = desk_run(url, args.members, args.seconds, args.stories)
            figures[f"{label} desk"] = result
            print(f"{label} desk, {args.members} members for {args.seconds:.0f} s: " + json.dumps(result), flush=True)
        print(
            "targets: first page <= 20 ms, search p95 <= 50 ms, suggestions p95 <= 50 ms; 0 lost saves, "
            "0 silent overwrites, save p95 <= 100 ms, change seen p95 <= 2000 ms"
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
