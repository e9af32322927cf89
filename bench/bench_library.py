"""Library speed on a 100k-story library: first list page, search latency over a mixed query set, peak RSS.

Targets: search p95 <= 50 ms, first page <= 20 ms. Run: python bench/bench_library.py [N] [--pg URL]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import cached_library

from curator.domain.stories import Sort
from curator.services.library import Library

# (kind, query): what an editor types, from type-as-you-go prefixes to filtered phrases.
QUERIES = [
    ("common word", "the"),
    ("common word", "said"),
    ("common word (ru)", "и"),
    ("rare word", "uranium"),
    ("rare word", "kabedo"),
    ("2-letter prefix", "ka*"),
    ("3-letter prefix", "gov*"),
    ("2-letter prefix (ru)", "ка*"),
    ("3-letter prefix (kk)", "қаз*"),
    ("phrase", '"government officials"'),
    ("phrase (ru)", '"министр президент"'),
    ("Cyrillic word", "переговоры"),
    ("Cyrillic word", "мұнай"),
    ("tag filter", "tag:kazakhstan"),
    ("tag + word", "tag:energy pipeline"),
    ("status filter", "status:fact-check"),
    ("status + word", "status:published grain"),
    ("byline", "byline:drobny"),
    ("outlet + word", "outlet:orda.kz minister"),
    ("exclusion", "the -said"),
    ("dates", "after:2025-06 before:2025-09"),
    ("combined", 'tag:russia status:published "the" -grain after:2025'),
]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    path = cached_library(args.n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    library = Library.open(f"sqlite:///{path}")
    first = library.search.page("")
    open_ms = (time.perf_counter() - t0) * 1000
    print(f"library: {path.name}, {path.stat().st_size / 1e9:.2f} GB")
    print(f"open + first page (cold): {open_ms:.1f} ms, {len(first.items)} rows")

    page_times = timed(lambda: library.search.page(""), args.repeat)
    print(f"first page of the list (warm): median {statistics.median(page_times):.2f} ms  [target <= 20 ms]")
    for sort in (Sort.HEADLINE, Sort.STATUS):
        ts = timed(lambda s=sort: library.search.page("", sort=s), args.repeat)
        print(f"first page sorted by {sort.value}: median {statistics.median(ts):.2f} ms")
    cursor = first.next_cursor
    deep = []
    for _ in range(200):
        t = time.perf_counter()
        page = library.search.page("", cursor=cursor)
        deep.append((time.perf_counter() - t) * 1000)
        cursor = page.next_cursor
    print(f"scrolling 200 pages deep (keyset): median {statistics.median(deep):.2f} ms, max {max(deep):.2f} ms")

    print("\nsearch, first page of 50, newest first:")
    all_times: list[float] = []
    for kind, query in QUERIES:
        library.search.page(query)  # warm the page cache for this query's index pages
        ts = timed(lambda q=query: library.search.page(q), args.repeat)
        all_times += ts
        hits = len(library.search.page(query).items)
        print(f"  {kind:<22} {query:<50} median {statistics.median(ts):7.2f} ms  ({hits} on page)")
    print(
        f"search p50 {pct(all_times, 50):.2f} ms, p95 {pct(all_times, 95):.2f} ms, max {max(all_times):.2f} ms"
        "  [target p95 <= 50 ms]"
    )

    print("\nsearch by relevance (ranks the newest 2,000 matches):")
    rel: list[float] = []
    for _kind, query in QUERIES:
        if ":" in query and not any(c.isalpha() for c in query.split(":")[-1]):
            continue
        ts = timed(lambda q=query: library.search.page(q, sort=Sort.RELEVANCE), max(3, args.repeat // 2))
        rel += ts
    print(f"relevance p50 {pct(rel, 50):.2f} ms, p95 {pct(rel, 95):.2f} ms")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {rss:.0f} MB (before opening the library: {rss_before:.0f} MB)")
    library.close()


if __name__ == "__main__":
    main()
