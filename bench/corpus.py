"""Synthetic newsroom libraries for benchmarks: realistic lengths, tags, bylines, a Cyrillic share.

Text is drawn from a Zipf-distributed vocabulary so that some words are in nearly every story and most are rare,
as in real news copy. Everything is seeded: the same arguments always build the same library.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from curator.core.status import Status
from curator.domain.stories import StoryFields
from curator.services.library import Library

CACHE = Path(__file__).resolve().parent / ".cache"

EN_COMMON = (
    "the of and to in a that is for on said with as was it by at from his be an have has are were which this "
    "but not they their after its who will been more also one year two new about government officials over "
    "minister president would people than country first could last up other into out percent time there what"
).split()
RU_COMMON = (
    "и в не на что с по как это из за от к о для его а также он было году при был так уже после том были "
    "министр президент правительство страны заявил сообщает отметил переговоры компания тенге"
).split()
KK_COMMON = "және мен бұл үшін деп бар қазақстан үкімет министр жыл елдің туралы мұнай".split()
EN_TOPICS = (
    "grain wheat exports harvest pipeline terminal drone consortium election ballot parliament football match "
    "league inflation tenge bank rate oil gas tariff railway port ceasefire talks delegation statement court "
    "judge appeal prison protest police border ministry hospital vaccine school teachers water drought river "
    "mining uranium copper airline airport tourism startup telecom security cyber energy power plant coal"
).split()
SYLLABLES = (
    "ka ra ta na sa ma la da be ke re te ne se me le de bi ki ri ti ni si mi li di ko ro to no so mo lo do".split()
)
CY_SYLLABLES = "ка ра та на са ма ла да бе ке ре те не се ме ле де би ки ри ти ни си ми ли ди қа ғы ұл өз".split()


def _vocabulary(rng: random.Random, syllables: list[str], size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.en = EN_COMMON + EN_TOPICS + _vocabulary(rng, SYLLABLES, 40_000)
        self.ru = RU_COMMON + _vocabulary(rng, CY_SYLLABLES, 20_000)
        self.kk = KK_COMMON + RU_COMMON[:10] + _vocabulary(rng, CY_SYLLABLES, 10_000)
        self.tags = [f"{rng.choice(EN_TOPICS).title()} {i}" for i in range(250)] + [
            "Kazakhstan",
            "Russia",
            "Ukraine",
            "Central Asia",
            "Energy",
            "Экономика",
            "Политика",
            "Қоғам",
        ]
        self.bylines = [
            f"{rng.choice(['Aliya', 'Marat', 'Daniyar', 'Nikita', 'Gulnara', 'Timur'])} "
            f"{rng.choice(['Sultan', 'Drobny', 'Seitkali', 'Nurlanovna', 'Akhmetov', 'Kim'])}"
            for _ in range(120)
        ]
        self.outlets = ["Orda.kz", "Steppe Wire", "Capital News", "Kursiv", "Vlast.kz", "TASS", "Reuters", ""]
        self._weights = {}

    def _words(self, vocab: list[str], n: int) -> list[str]:
        key = id(vocab)
        if key not in self._weights:
            # Zipf: weight 1/rank, cumulative for fast sampling.
            acc, total = [], 0.0
            for rank in range(1, len(vocab) + 1):
                total += 1.0 / rank
                acc.append(total)
            self._weights[key] = acc
        return self.rng.choices(vocab, cum_weights=self._weights[key], k=n)

    def story(self, i: int, base_time: datetime) -> StoryFields:
        rng = self.rng
        lang = rng.choices(["en", "ru", "kk"], weights=[80, 15, 5])[0]
        vocab = {"en": self.en, "ru": self.ru, "kk": self.kk}[lang]
        length = max(80, int(rng.lognormvariate(6.3, 0.5)))  # median ~550 words, long tail past 2,000
        words = self._words(vocab, length)
        paragraphs = []
        pos = 0
        while pos < len(words):
            n = rng.randint(25, 70)
            sentence = " ".join(words[pos : pos + n])
            paragraphs.append(sentence[:1].upper() + sentence[1:] + ".")
            pos += n
        headline = " ".join(self._words(vocab, rng.randint(6, 12))).capitalize()
        return StoryFields(
            headline=headline,
            dek=" ".join(self._words(vocab, rng.randint(10, 20))).capitalize(),
            body="\n\n".join(paragraphs),
            byline=rng.choice(self.bylines),
            outlet_name=rng.choice(self.outlets),
            language=lang,
            status=rng.choices(list(Status), weights=[30, 10, 10, 10, 35, 5])[0],
            tags=tuple(rng.sample(self.tags, rng.randint(1, 4))),
            published_at=base_time - timedelta(minutes=i * 7),
        )


def stories(n: int, seed: int = 7) -> Iterator[StoryFields]:
    corpus = Corpus(seed)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    for i in range(n):
        yield corpus.story(i, base)


def build_library(path: Path, n: int, *, batch: int = 1000, seed: int = 7) -> Path:
    """Build (or reuse) a library of ``n`` generated stories at ``path``."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for leftover in path.parent.glob(tmp.name + "*"):
        leftover.unlink()
    library = Library.open(f"sqlite:///{tmp}")
    engine = library.engine
    started = time.perf_counter()
    pending: list[StoryFields] = []
    done = 0
    for fields in stories(n, seed):
        pending.append(fields)
        if len(pending) == batch:
            library.stories.create_many(pending, render=False, keep_revision=False, note="Generated")
            done += len(pending)
            pending = []
            rate = done / (time.perf_counter() - started)
            print(f"\r  built {done:,}/{n:,} stories ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    if pending:
        library.stories.create_many(pending, render=False, keep_revision=False, note="Generated")
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("INSERT INTO story_fts(story_fts) VALUES ('optimize')")
    library.close()
    import sqlite3

    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.rename(path)
    for leftover in path.parent.glob(tmp.name + "-*"):
        leftover.unlink()
    print(f"\n  built {n:,} stories in {time.perf_counter() - started:,.0f} s -> {path}", file=sys.stderr)
    return path


def cached_library(n: int) -> Path:
    return build_library(CACHE / f"library-{n}.sqlite", n)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(cached_library(count))
