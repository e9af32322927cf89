"""Writing-aid timings: loading the English, Russian and Kazakh dictionaries (time and memory), a full spell
check of a 20,000-word mixed story, the re-check after a keystroke (one paragraph, as the editor does it off the
UI thread; target ≤ 20 ms), suggestions, and a full review with house style and readability. Prints figures;
asserts nothing.

    python bench/bench_writing.py [--words 20000] [--keystrokes 300] [--spylls]

``--spylls`` also times the pure-Python Hunspell (spylls, if installed) on the same story, for the comparison that
chose Enchant. The machine is shared: run it when it is quiet and read the spread, not just one figure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from curator.writing import markup
from curator.writing.dictionaries import Dictionaries
from curator.writing.review import review
from curator.writing.settings import WritingSettings
from curator.writing.spelling import Accepted, SpellChecker

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "writing"
SLIPS = {"government": "goverment", "переговоры": "перговоры", "келіссөздер": "келісөздер", "received": "recieved",
         "деді": "дедi", "weather": "wheather", "заявил": "заявль", "бағасы": "бағаы"}


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def mixed_story(words: int, seed: int = 7) -> str:
    """Paragraphs of the project's English, Russian and Kazakh corpus, shuffled and with a slip every ~150 words,
    numbered so that the text is not one paragraph repeated."""
    rng = random.Random(seed)
    paragraphs = []
    for name in ("clean_en.md", "clean_ru.md", "clean_kk.md"):
        text = (CORPUS / name).read_text(encoding="utf-8")
        paragraphs += [p.replace("\n", " ") for p in text.split("\n\n") if p.strip() and not p.startswith(("#", "-"))]
    out, count, n = [], 0, 0
    while count < words:
        p = rng.choice(paragraphs)
        for right, wrong in SLIPS.items():
            if right in p and rng.random() < 0.5:
                p = p.replace(right, wrong, 1)
        n += 1
        if n % 12 == 0:
            out.append(f"## Part {n // 12}")
        out.append(p)
        count += len(p.split())
    return "\n\n".join(out)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--keystrokes", type=int, default=300)
    ap.add_argument("--spylls", action="store_true", help="also time spylls (pure Python) on the same story")
    args = ap.parse_args()

    story = mixed_story(args.words)
    n_words = sum(1 for _o, line, f in markup.lines(story) if not f for _w in markup.words(line))
    print(f"story: {n_words:,} checked words, {len(story):,} characters, {story.count(chr(10) * 2) + 1} paragraphs")

    before, _ = rss_mb()
    t = time.perf_counter()
    dictionaries = Dictionaries()
    dictionaries.load(["en", "ru", "kk"])
    load = time.perf_counter() - t
    after, peak = rss_mb()
    print(f"load en_US + ru_RU + kk_KZ (Enchant/Hunspell): {ms(load)}, +{after - before:.0f} MB resident")

    checker = SpellChecker(dictionaries)
    t, c = time.perf_counter(), time.thread_time()
    found = checker.check_text(story, "en", Accepted())
    cold, cold_cpu = time.perf_counter() - t, time.thread_time() - c
    t = time.perf_counter()
    checker.check_text(story, "en", Accepted())
    warm = time.perf_counter() - t
    print(f"full check, 20k-word mixed story: {ms(cold)} cold (every word asked; {ms(cold_cpu)} CPU), "
          f"{ms(warm)} warm (cached); "
          f"{len(found)} misspellings; {len(checker._known):,} distinct (language, word) answers cached")

    # A keystroke: one character typed into a word of some paragraph, then that paragraph (editor block) checked
    # again, as the editor's worker does. New words miss the cache; the rest hit it.
    lines = [line for line in story.split("\n") if len(line) > 40]
    rng = random.Random(1)
    times, cpu = [], []
    for _ in range(args.keystrokes):
        line = rng.choice(lines)
        words = list(re.finditer(r"\w{4,}", line))
        w = rng.choice(words)
        pos = rng.randrange(w.start() + 1, w.end())
        edited = line[:pos] + rng.choice("aeiouаеоыі") + line[pos:]
        t, c = time.perf_counter(), time.thread_time()
        checker.check_line(edited, "en", Accepted())
        times.append(time.perf_counter() - t)
        cpu.append(time.thread_time() - c)
    times.sort()
    cpu.sort()
    print(f"re-check after a keystroke (one paragraph, {len(times)} keystrokes): median {ms(statistics.median(times))}"
          f", p95 {ms(times[int(len(times) * 0.95)])}, max {ms(times[-1])} wall (target ≤ 20 ms); "
          f"CPU time of the checking thread: median {ms(statistics.median(cpu))}, p95 {ms(cpu[int(len(cpu) * 0.95)])}"
          f", max {ms(cpu[-1])}")
    print(f"  (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for a "
          "core)")

    for lang, word in (("en", "goverment"), ("ru", "перговоры"), ("kk", "келісөздер")):
        t, c = time.perf_counter(), time.thread_time()
        s = checker.suggestions(word, lang)
        print(f"suggestions for {word!r} ({lang}): {ms(time.perf_counter() - t)} wall, "
              f"{ms(time.thread_time() - c)} CPU → {', '.join(s[:3])}")

    class Fields:
        headline, dek, byline, language = "Grain talks", "", "A. N.", "en"
        photo = photo_credit = photo_caption = ""
        body = story

    t, c = time.perf_counter(), time.thread_time()
    result = review(Fields(), WritingSettings(), checker, Accepted(), with_suggestions=False)
    full, full_cpu = time.perf_counter() - t, time.thread_time() - c
    print(f"full review (spelling warm + house style + readability): {ms(full)} wall, {ms(full_cpu)} CPU, "
          f"{len(result.findings)} findings, "
          f"story: {result.readability.describe()}")
    _, peak = rss_mb()
    print(f"peak resident memory of this process: {peak:.0f} MB")

    if args.spylls:
        try:
            from spylls.hunspell import Dictionary
        except ImportError:
            print("spylls is not installed: pip install spylls")
            return
        before, _ = rss_mb()
        t = time.perf_counter()
        sd = {lang: Dictionary.from_files(f"/usr/share/hunspell/{tag}")
              for lang, tag in (("en", "en_US"), ("ru", "ru_RU"), ("kk", "kk_KZ"))}
        load = time.perf_counter() - t
        after, _ = rss_mb()
        words = [w.text for _o, line, f in markup.lines(story) if not f for w in markup.words(line)]
        t = time.perf_counter()
        for w in words[:2000]:
            sd["en"].lookup(w) or sd["ru"].lookup(w) or sd["kk"].lookup(w)
        per_word = (time.perf_counter() - t) / 2000
        print(f"spylls: load {ms(load)}, +{after - before:.0f} MB; {per_word * 1e6:.0f} µs a word uncached "
              f"(≈ {ms(per_word * len(words))} for the story)")


if __name__ == "__main__":
    main()
