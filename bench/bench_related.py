"""Related-story suggestions on a 100k-story library: latency p50/p95 and precision@5.

Builds (or reuses, from bench/.cache/) a library of generated stories with news-like lengths, a few hundred
topics and a quarter of them in Cyrillic, through the same bulk path an import uses (create_many in batches,
which runs the related-stories hook). Then it times suggestion lists for many stories, and measures
precision@5: on the topic corpus of the tests (alone, and mixed into the big library), and on the generated
topics themselves.

    .venv/bin/python bench/bench_related.py                      # SQLite, 100k stories
    .venv/bin/python bench/bench_related.py --db postgresql://postgres@127.0.0.1:5432/test --schema bench_related
    .venv/bin/python bench/bench_related.py --stories 20000      # a smaller library

Timings depend on the machine and on whatever else runs on it; on a shared machine, repeat and compare.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curator.db import models as m  # noqa: E402
from curator.db.engine import read_session  # noqa: E402
from curator.domain.stories import StoryFields  # noqa: E402
from curator.services.library import Library  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
CORPUS = ROOT / "tests" / "fixtures" / "related_eval.json"
GENERATOR_VERSION = 2
BATCH = 500
SEED = 20261128

# -------------------------------------------------------------------------------------------- generated text

_LATIN_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "st", "tr",
                 "pr", "br", "gr", "ch", "sh", "th", "pl", "cl", "sp"]  # fmt: skip
_LATIN_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
_LATIN_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rt", "ng"]
_CYR_ONSETS = ["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ш", "қ", "ғ", "ст",
               "пр", "тр", "бр", "кр"]  # fmt: skip
_CYR_VOWELS = ["а", "е", "и", "о", "у", "ы", "я", "ә", "ө", "ұ", "ү", "і"]
_CYR_CODAS = ["", "", "н", "р", "с", "т", "л", "м", "й", "нд", "ст", "қ", "ң"]
_EN_FUNCTION_TEXT = ("the of and to in a is that for on was with as by at from it his said be has have are an were "
                "which this but not after its had their they will been who he more also over one new up when "
                "about into than other some there would could two first last year people government officials "
                "country region city week percent million state national minister president")  # fmt: skip
_RU_FUNCTION_TEXT = ("и в не на что с по как это из за к от о для но он так же года уже также было были при его "
                "после или их может который будет время сообщил заявил области страны правительства министр "
                "процентов миллионов года")  # fmt: skip
_EN_FUNCTION = _EN_FUNCTION_TEXT.split()
_RU_FUNCTION = _RU_FUNCTION_TEXT.split()


def _pseudo_words(rng: random.Random, n: int, onsets: list[str], vowels: list[str], codas: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        syllables = rng.choice((2, 2, 3, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables)) + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


class _Zipf:
    def __init__(self, words: Sequence[str], exponent: float = 1.05) -> None:
        self.words = list(words)
        total = 0.0
        self.cum: list[float] = []
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank**exponent
            self.cum.append(total)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)


class Generator:
    """News-like generated stories: Zipf vocabularies, topics with their own words and names, tags, outlets."""

    def __init__(self, seed: int = SEED, topics: int = 400, cyrillic_share: float = 0.25) -> None:
        rng = random.Random(seed)
        self.rng = rng
        latin = _EN_FUNCTION + _pseudo_words(rng, 40_000, _LATIN_ONSETS, _LATIN_VOWELS, _LATIN_CODAS)
        cyr = _RU_FUNCTION + _pseudo_words(rng, 30_000, _CYR_ONSETS, _CYR_VOWELS, _CYR_CODAS)
        self.general = {"latin": _Zipf(latin), "cyr": _Zipf(cyr)}
        self.topics: list[dict[str, Any]] = []
        tag_pool = [w.capitalize() for w in _pseudo_words(rng, 600, _LATIN_ONSETS, _LATIN_VOWELS, _LATIN_CODAS)]
        for i in range(topics):
            script = "cyr" if i < topics * cyrillic_share else "latin"
            vocab = latin if script == "latin" else cyr
            # Topic words come from the middle of the vocabulary: not function words, not hapaxes.
            words = rng.sample(vocab[300:15_000], 60)
            names = [w.capitalize() for w in rng.sample(vocab[15_000:], 12)]
            self.topics.append(
                {
                    "script": script,
                    "words": _Zipf(words, 0.9),
                    "names": names,
                    "tags": rng.sample(tag_pool, 3),
                }
            )
        self.outlets = [f"{w.capitalize()} News" for w in _pseudo_words(rng, 30, _LATIN_ONSETS, _LATIN_VOWELS, [""])]
        self.start = datetime(2023, 1, 1, tzinfo=UTC)

    def story(self, n: int) -> tuple[StoryFields, int]:
        rng = self.rng
        topic_no = rng.randrange(len(self.topics))
        topic = self.topics[topic_no]
        general = self.general[topic["script"]]
        length = int(min(max(rng.lognormvariate(math.log(550), 0.5), 80), 4000))
        share = rng.uniform(0.12, 0.25)

        def words(k: int, topic_share: float) -> list[str]:
            out = general.draw(rng, k)
            for i in range(k):
                r = rng.random()
                if r < topic_share:
                    out[i] = topic["words"].draw(rng, 1)[0]
                elif r < topic_share + 0.02:
                    out[i] = rng.choice(topic["names"])
            return out

        headline = " ".join(words(rng.randint(7, 12), 0.55)).capitalize()
        body_words = words(length, share)
        paragraphs = []
        i = 0
        while i < len(body_words):
            size = rng.randint(40, 90)
            sentence_words = body_words[i : i + size]
            paragraphs.append(" ".join(sentence_words).capitalize() + ".")
            i += size
        tags: list[str] = []
        if rng.random() < 0.6:
            tags.append(rng.choice(topic["tags"]))
        if rng.random() < 0.2:
            tags.append(rng.choice(self.topics[rng.randrange(len(self.topics))]["tags"]))
        fields = StoryFields(
            headline=f"{headline} {n}",
            body="\n\n".join(paragraphs),
            outlet_name=rng.choice(self.outlets),
            language="ru" if topic["script"] == "cyr" else "en",
            tags=tuple(tags),
            published_at=self.start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)),
            extra={"bench_topic": topic_no},
        )
        return fields, topic_no


# ------------------------------------------------------------------------------------------------ libraries


def _corpus() -> list[dict[str, Any]]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))["stories"]


def _corpus_fields(item: dict[str, Any]) -> StoryFields:
    return StoryFields(
        headline=item["headline"],
        dek=item.get("dek", ""),
        body=item["body"],
        outlet_name=item["outlet"],
        language=item["language"],
        tags=tuple(item["tags"]),
        published_at=datetime.fromisoformat(item["published"]).replace(tzinfo=UTC),
        extra={"bench_corpus_topic": item["topic"], "bench_held_out": bool(item.get("held_out"))},
    )


def open_library(url: str) -> tuple[Any, Library]:
    library = Library.open(url)
    return library.engine, library


def build(url: str, stories: int, log: Callable[[str], None]) -> None:
    engine, lib = open_library(url)
    try:
        with read_session(lib.session_factory) as s:
            have = s.scalar(select(func.count()).select_from(m.Story)) or 0
        if have >= stories:
            log(f"reusing {have} stories at {url}")
            return
        gen = Generator()
        for n in range(have):  # keep the generator's sequence when resuming a partial build
            gen.story(n)
        hook = lib.related.hook
        hook_time = 0.0
        original = hook.stories_written

        def timed(session: Any, written: Any) -> None:
            nonlocal hook_time
            t = time.perf_counter()
            original(session, written)
            hook_time += time.perf_counter() - t

        hook.stories_written = timed  # type: ignore[method-assign]
        corpus = _corpus()
        started = time.perf_counter()
        n = have
        while n < stories:
            batch = [gen.story(i)[0] for i in range(n, min(n + BATCH, stories))]
            if n == 0:
                batch += [_corpus_fields(c) for c in corpus]
            lib.stories.create_many(batch, render=False, keep_revision=False, note="Generated", defer_derived=True)
            n += BATCH
            if (n // BATCH) % 20 == 0:
                elapsed = time.perf_counter() - started
                log(f"  {min(n, stories)} stories, {elapsed:.0f} s (related-stories hook {hook_time:.0f} s)")
        elapsed = time.perf_counter() - started
        log(
            f"built {stories - have} stories in {elapsed:.0f} s; the related-stories hook took {hook_time:.0f} s "
            f"({hook_time / max(elapsed, 1e-9):.0%}, {1000 * hook_time / max(stories - have, 1):.2f} ms a story)"
        )
        stale = lib.related.stale_count()
        t = time.perf_counter()
        redone = lib.related.refresh()
        log(f"refresh: {stale} stale signatures, {redone} recomputed in {time.perf_counter() - t:.1f} s")
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------- measurements


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(lib: Library, samples: int, log: Callable[[str], None]) -> dict[str, float]:
    with read_session(lib.session_factory) as s:
        # Stories that exist: a build interrupted on PostgreSQL leaves gaps in the ids.
        existing = list(s.scalars(select(m.Story.id)))
    rng = random.Random(7)
    ids = [rng.choice(existing) for _ in range(samples + 20)]
    for story_id in ids[:20]:  # warm caches and statement compilation
        lib.related.suggestions(story_id)
    times = []
    for story_id in ids[20:]:
        t = time.perf_counter()
        lib.related.suggestions(story_id, limit=10)
        times.append(1000 * (time.perf_counter() - t))
    out = {
        "p50": statistics.median(times),
        "p95": _percentile(times, 0.95),
        "p99": _percentile(times, 0.99),
        "max": max(times),
    }
    log(
        f"suggestions (10) over {samples} stories: p50 {out['p50']:.1f} ms, p95 {out['p95']:.1f} ms, "
        f"p99 {out['p99']:.1f} ms, max {out['max']:.1f} ms  (target p95 <= 50 ms)"
    )
    return out


def _precision(lib: Library, topic_of: dict[int, Any], ids: Sequence[int]) -> float:
    total = 0.0
    for story_id in ids:
        found = lib.related.suggestions(story_id, limit=5)
        total += sum(1 for s in found if topic_of.get(s.story.id) == topic_of[story_id]) / 5
    return total / max(len(ids), 1)


def _split_precision(lib: Library, topic_of: dict[int, Any], held_out: set[int]) -> tuple[float, float]:
    tuned = [i for i in topic_of if i not in held_out]
    return _precision(lib, topic_of, tuned), _precision(lib, topic_of, sorted(held_out))


def precision_in_library(lib: Library, samples: int, log: Callable[[str], None]) -> None:
    with read_session(lib.session_factory) as s:
        rows = s.execute(select(m.Story.id, m.Story.extra)).all()
    corpus_topic = {r.id: r.extra["bench_corpus_topic"] for r in rows if "bench_corpus_topic" in (r.extra or {})}
    if corpus_topic:
        held = {r.id for r in rows if (r.extra or {}).get("bench_held_out")}
        tuned, held_out = _split_precision(lib, corpus_topic, held)
        log(
            f"precision@5, evaluation corpus among {len(rows)} stories: {tuned:.3f} tuned part, "
            f"{held_out:.3f} held-out part ({len(held)} stories)"
        )
    generated = {r.id: r.extra["bench_topic"] for r in rows if "bench_topic" in (r.extra or {})}
    rng = random.Random(11)
    sample = rng.sample(sorted(generated), min(samples, len(generated)))
    p = _precision(lib, generated, sample)
    log(f"precision@5, generated topics ({len(sample)} stories): {p:.3f}")


def precision_small(log: Callable[[str], None]) -> float:
    """Precision@5 on the evaluation corpus alone (its tuned and held-out parts); returns the held-out figure."""
    corpus = _corpus()
    with tempfile.TemporaryDirectory() as tmp:
        engine, lib = open_library(f"sqlite:///{tmp}/corpus.sqlite")
        try:
            # One import: signatures made in one go, as a desk's first import makes them.
            ids = lib.stories.create_many([_corpus_fields(item) for item in corpus], render=False)
            topic_of = {sid: item["topic"] for sid, item in zip(ids, corpus, strict=True)}
            held = {sid for sid, item in zip(ids, corpus, strict=True) if item.get("held_out")}
            tuned, held_out = _split_precision(lib, topic_of, held)
        finally:
            engine.dispose()
    topics = len({item["topic"] for item in corpus})
    log(
        f"precision@5, evaluation corpus on its own ({len(corpus)} stories, {topics} topics, English and Russian): "
        f"{tuned:.3f} tuned part, {held_out:.3f} held-out part ({len(held)} stories)  (target >= 0.95)"
    )
    return held_out


def _pg_url(url: str, schema: str) -> str:
    base = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    admin.dispose()
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--db", help="library URL (default: a SQLite file in bench/.cache/)")
    parser.add_argument("--schema", default="bench_related", help="PostgreSQL schema to build in")
    parser.add_argument("--samples", type=int, default=500, help="stories timed")
    parser.add_argument("--precision-samples", type=int, default=300)
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the related-stories index first (timed: what an upgrade costs)"
    )
    args = parser.parse_args(argv)

    def log(line: str) -> None:
        print(line, flush=True)

    if args.db and make_url(args.db).get_backend_name() == "postgresql":
        url = _pg_url(args.db, args.schema)
    elif args.db:
        url = args.db
    else:
        CACHE.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{CACHE / f'related-{args.stories}-v{GENERATOR_VERSION}.sqlite'}"
    log(f"library: {make_url(url).render_as_string(hide_password=True)}")
    precision_small(log)
    build(url, args.stories, log)
    engine, lib = open_library(url)
    try:
        if args.rebuild:
            t = time.perf_counter()
            n = lib.related.refresh(full=True)
            log(f"rebuilt the related-stories index of {n} stories in {time.perf_counter() - t:.0f} s")
        with read_session(lib.session_factory) as s:
            stories = s.scalar(select(func.count()).select_from(m.Story))
            signatures = s.scalar(select(func.count()).select_from(m.RelatedSignature))
            terms = s.scalar(select(func.count()).select_from(m.RelatedTerm))
        log(f"{stories} stories, {signatures} signature rows, {terms} terms")
        latency(lib, args.samples, log)
        latency(lib, args.samples, log)
        precision_in_library(lib, args.precision_samples, log)
        titles = []
        with read_session(lib.session_factory) as s:
            titles = list(s.scalars(select(m.Story.headline).order_by(m.Story.id.desc()).limit(200)))
        t = time.perf_counter()
        found = lib.related.find_stories_by_headline([x.upper() + "!" for x in titles])
        log(f"find_stories_by_headline: {len(found)}/{len(titles)} found in {1000 * (time.perf_counter() - t):.1f} ms")
    finally:
        engine.dispose()
    log("(CPU is shared with other work on this machine: figures are noisy, repeat to compare)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
