"""How well the attribution detector finds who is credited: precision and recall per language and per construction
on the evaluation stories under tests/fixtures/attributions/, and the time to analyse a 5,000-word story.

    python bench/bench_attributions.py [--errors] [--set tuned|heldout|all] [--runs 30]

The stories were written for the project in agency style (English, Russian, Kazakh). Files named ``heldout-*``
are kept aside: the detector is not tuned against them, and their figures are printed apart. ``--errors`` lists
the misses and false finds of the tuned set only.

Matching: an attribution found counts as right when it lies in the sentence of a labelled one and credits the same
source (folded; articles, possessives, titles and case endings aside). Each sentence counts a source once.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curator.factcheck.detect import analyse  # noqa: E402
from curator.factcheck.evaluation import Story, load_stories, match_story  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "attributions"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _row(name: str, t: Tally, labelled: int | None = None) -> str:
    n = t.tp + t.fn if labelled is None else labelled
    return f"  {name:<18} {n:>5} {t.tp:>5} {t.fp:>5} {t.fn:>5}   {t.precision:>6.3f}  {t.recall:>6.3f}"


def evaluate(stories: list[Story], title: str, show_errors: bool) -> None:
    by_lang: dict[str, Tally] = defaultdict(Tally)
    by_construction: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    errors: list[str] = []
    for story in stories:
        result = match_story(story, analyse(story.text))
        t = Tally(len(result.hits), len(result.false), len(result.missed))
        by_lang[story.language].add(t)
        total.add(t)
        for gold in result.hits:
            by_construction[gold.construction].tp += 1
        for gold in result.missed:
            by_construction[gold.construction].fn += 1
            near = result.found_near(gold)
            errors.append(f"{story.id}: MISSED {gold.construction}: {gold.sources[0]!r} at {gold.cue!r}  {near}")
        for found in result.false:
            by_construction[f"(found) {found.construction}"].fp += 1
            errors.append(f"{story.id}: FALSE {found.pattern}: {found.name!r} in {found.sentence_text[:110]!r}")
    labelled = sum(len(s.labels) for s in stories)
    print(f"{title}: {len(stories)} stories, {labelled} labelled attributions")
    print(f"  {'':<18} {'gold':>5} {'hit':>5} {'false':>5} {'miss':>5}   {'prec':>6}  {'recall':>6}")
    for lang in ("en", "ru", "kk"):
        if lang in by_lang:
            print(_row(lang, by_lang[lang]))
    print(_row("all", total))
    print("  per construction (recall over the labels; false finds listed under the detector's own construction):")
    for name in sorted(by_construction):
        print(_row(name, by_construction[name]))
    if show_errors:
        print("\n".join(errors))
    print()


# Paragraphs without attributions, written for the bench: agency copy carries background between its sources.
BACKGROUND = [
    "The corridor links the northern grain belt with the Caspian ports, and most of the wheat that leaves the "
    "country by rail passes through two border crossings built for a fraction of today's traffic.",
    "Freight rates have risen every year since the new terminal opened, while the number of wagons available to "
    "private shippers has fallen, leaving smaller traders to wait weeks for a slot in the schedule.",
    "The region has some of the oldest heating networks in the country; many of its pipes were laid in the 1960s "
    "and have not been replaced since, so breakdowns in the coldest weeks of winter are common.",
]


def _story(pool: list[Story], background: int) -> str:
    paragraphs: list[str] = []
    words = 0
    n = 0
    while words < 5000:
        for s in pool:
            for p in [s.text.strip()] + [BACKGROUND[(n + i) % len(BACKGROUND)] for i in range(background)]:
                paragraphs.append(p)
                words += len(p.split())
            n += 1
            if words >= 5000:
                break
    return "\n\n".join(paragraphs)


def timing(stories: list[Story], runs: int) -> None:
    """Analyse 5,000-word stories made of the evaluation stories: as dense as they are (every language, then
    English only), and with two background paragraphs after each (about the density of real agency copy)."""
    english = [s for s in stories if s.language == "en"]
    for label, pool, background in (
        ("mixed, dense", stories, 0),
        ("English, dense", english, 0),
        ("mixed, agency density", stories, 2),
    ):
        text = _story(pool, background)
        analyse(text)
        cpu, wall = [], []
        for _ in range(runs):
            c, w = time.process_time(), time.perf_counter()
            found = analyse(text)
            cpu.append((time.process_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
        words = len(text.split())
        print(
            f"5k-word story ({label}: {words:,} words, {len(found.attributions)} attributions, one per "
            f"{words / max(1, len(found.attributions)):.0f} words): CPU min {min(cpu):.2f} ms, median "
            f"{statistics.median(cpu):.2f} ms; wall median {statistics.median(wall):.2f} ms (target < 20 ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the tuned set's misses and false finds")
    parser.add_argument("--set", choices=("tuned", "heldout", "all"), default="all")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tuned: list[Story] = []
    heldout: list[Story] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        stories = load_stories(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
        (heldout if path.name.startswith("heldout-") else tuned).extend(stories)
    if args.set in ("tuned", "all") and tuned:
        evaluate(tuned, "Tuned set", args.errors)
    if args.set in ("heldout", "all") and heldout:
        evaluate(heldout, "Held-out set (not tuned against)", False)
    if args.set == "all":
        evaluate(tuned + heldout, "Both sets", False)
    if args.runs:
        timing(tuned + heldout, args.runs)


if __name__ == "__main__":
    main()
