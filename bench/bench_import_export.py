"""Import and export at scale: import rate of N plain-text stories, and the time and peak memory of exporting them
as a static site, next to Pelican 4.12 building the same stories from Markdown.

    python bench/bench_import_export.py [--stories 10000] [--skip-pelican]

Every phase runs in a fresh process (cold: nothing imported, no caches). The site export is timed twice: right after
the import, when no story has a stored render yet (every body is rendered, in two worker processes), and again, when
the renders stored by the first export are reused. Pelican (installed into its own virtual environment under
bench/.cache, not a dependency of Curator) builds the same stories from Curator's Pelican-flavoured Markdown export,
with its default theme, pagination of 20 and its caches off. The stories are marked published before the exports
(Pelican leaves drafts out of its index and feeds). Peak RSS is the largest resident size of the process
(and, separately, of its worker processes). The machine's CPU is shared with other work: figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
PELICAN_VERSION = "4.12.0"

_WORDS_EN = [
    "talks",
    "officials",
    "delegation",
    "ceasefire",
    "statement",
    "energy",
    "infrastructure",
    "pipeline",
    "exports",
    "grain",
    "wheat",
    "rail",
    "port",
    "ministry",
    "agreement",
    "sources",
    "reported",
    "analysts",
    "market",
    "prices",
    "border",
    "trade",
    "negotiations",
    "committee",
    "council",
    "government",
    "parliament",
    "region",
    "capital",
    "weather",
    "storm",
    "shipment",
    "terminal",
    "budget",
    "investment",
    "company",
    "project",
]
_WORDS_RU = [
    "переговоры",
    "делегация",
    "заявление",
    "энергетика",
    "инфраструктура",
    "трубопровод",
    "экспорт",
    "зерно",
    "пшеница",
    "порт",
    "министерство",
    "соглашение",
    "источники",
    "аналитики",
    "рынок",
    "цены",
    "граница",
    "торговля",
    "комитет",
    "совет",
    "правительство",
    "регион",
    "столица",
]


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = rng.choices(words, k=rng.randint(8, 18))
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def generate(folder: Path, n: int, seed: int = 7) -> None:
    """N stories in the sample's shape (a fifth in Russian), with "Latest news" lists naming other stories."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    headlines = []
    for i in range(n):
        words = _WORDS_RU if i % 5 == 0 else _WORDS_EN
        headlines.append(f"{' '.join(rng.choices(words, k=6)).capitalize()} {i}")
    for i, headline in enumerate(headlines):
        words = _WORDS_RU if i % 5 == 0 else _WORDS_EN
        ru = i % 5 == 0
        paragraphs = [" ".join(_sentence(rng, words) for _ in range(rng.randint(2, 4))) for _ in range(8)]
        paragraphs[0] = paragraphs[0][:-1] + (", сообщает Orda.kz." if ru else ", Orda.kz reports.")
        related = [headlines[rng.randrange(n)] for _ in range(5)] + [_sentence(rng, words)[:-1] for _ in range(15)]
        lines = [
            headline,
            f"{'Фото' if ru else 'Photo'}: Pixabay, {' '.join(rng.choices(words, k=3))}",
            *paragraphs,
            f"{'Автор оригинала' if ru else 'Original Author'}: Author {i % 97}",
            "Последние новости" if ru else "Latest news",
            *[f"- {r}" for r in related],
        ]
        (folder / f"story-{i:05}.txt").write_text("\n".join(lines), encoding="utf-8")


def _rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def phase(name: str, db: str, arg: str) -> None:
    """One measured step, run in its own process; prints its figures as JSON."""
    from curator.services.library import Library

    library = Library.open(f"sqlite:///{db}")
    engine = library.engine
    start = time.perf_counter()
    if name == "import":
        from curator.io.importer import import_paths

        report = import_paths(library, [arg])
        result = {"stories": len(report.imported), "failed": len(report.failed)}
    elif name == "publish":
        # Set-up, not measured: both tools then list every story (Pelican leaves drafts out of its index and
        # feeds). Straight in the database, as the status service would add a revision per story.
        from sqlalchemy import text

        with engine.begin() as conn:
            conn.execute(text("UPDATE story SET status = 'published', status_rank = 4, published_at = created_at"))
        result = {}
    elif name == "site":
        from curator.io.export_site import export_site

        report = export_site(library, Path(arg))
        result = {"stories": report.stories, "rendered": report.rendered, "files": report.written}
    elif name == "markdown":
        from curator.io.export_markdown import export_markdown

        report = export_markdown(library, Path(arg), flavour="pelican")
        result = {"stories": report.stories}
    else:
        raise SystemExit(f"unknown phase {name}")
    result["seconds"] = time.perf_counter() - start
    result["cpu_s"] = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    result["rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
    result["workers_rss_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    library.close()
    print(json.dumps(result))


def run_phase(name: str, db: Path, arg: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--db", str(db), "--arg", str(arg)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pelican_python() -> Path:
    venv = CACHE / "pelican-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"pelican=={PELICAN_VERSION}", "markdown"], check=True
        )
    return python


def run_pelican(content: Path, output: Path) -> dict[str, float]:
    python = pelican_python()
    settings = CACHE / "pelicanconf.py"
    settings.write_text(
        'SITENAME = "Stories"\nSITEURL = ""\nRELATIVE_URLS = True\nDEFAULT_PAGINATION = 20\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nLOAD_CONTENT_CACHE = False\nCACHE_CONTENT = False\n'
        'FEED_ALL_ATOM = "feeds/all.atom.xml"\n',
        encoding="utf-8",
    )
    if output.exists():
        shutil.rmtree(output)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(python), "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"pelican failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else status}")
    pages = sum(1 for _ in output.rglob("*.html"))
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": seconds, "cpu_s": cpu, "rss_mb": usage.ru_maxrss / 1024, "files": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--skip-pelican", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--arg", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args.phase, args.db, args.arg)
        return

    n = args.stories
    work = CACHE / f"run-{n}"
    stories = CACHE / f"stories-{n}"
    if not (stories / f"story-{n - 1:05}.txt").exists():
        print(f"generating {n} plain-text stories …", file=sys.stderr)
        generate(stories, n)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    db = work / "library.sqlite"
    print(f"{n} stories, {os.cpu_count()} cores (shared with other work: figures are noisy)")

    imp = run_phase("import", db, stories)
    print(
        f"import:      {imp['seconds']:7.1f} s  {imp['stories'] / imp['seconds']:7.0f} stories/s  "
        f"(CPU {imp['cpu_s']:.1f} s: {imp['stories'] / imp['cpu_s']:.0f} stories per CPU-second)  "
        f"peak RSS {imp['rss_mb']:.0f} MB  (target ≥ 500 stories/s; bodies stored unrendered)"
    )
    run_phase("publish", db, work)
    fresh = run_phase("site", db, work / "site")
    print(
        f"site, rendering every body: {fresh['seconds']:6.1f} s (CPU {fresh['cpu_s']:.1f} s)  "
        f"peak RSS {fresh['rss_mb']:.0f} MB "
        f"(+ workers {fresh['workers_rss_mb']:.0f} MB each at most)  rendered {fresh['rendered']:.0f}"
    )
    stored = run_phase("site", db, work / "site")
    print(
        f"site, stored renders:       {stored['seconds']:6.1f} s (CPU {stored['cpu_s']:.1f} s)  "
        f"peak RSS {stored['rss_mb']:.0f} MB  "
        f"rendered {stored['rendered']:.0f}"
    )
    if args.skip_pelican:
        return
    md = run_phase("markdown", db, work / "pelican-content")
    print(f"markdown export for Pelican: {md['seconds']:.1f} s (not counted below)")
    pel = run_pelican(work / "pelican-content", work / "pelican-output")
    print(
        f"pelican {PELICAN_VERSION}:  {pel['seconds']:7.1f} s (CPU {pel['cpu_s']:.1f} s)  "
        f"peak RSS {pel['rss_mb']:.0f} MB  "
        f"({pel['files']:.0f} pages)"
    )
    print(
        f"ratio (Pelican time / Curator time): {pel['seconds'] / stored['seconds']:.1f}× with stored renders, "
        f"{pel['seconds'] / fresh['seconds']:.1f}× rendering every body (target ≥ 10×)"
    )
    print(
        f"ratio of CPU time (less sensitive to other work on the machine): "
        f"{pel['cpu_s'] / stored['cpu_s']:.1f}× with stored renders, {pel['cpu_s'] / fresh['cpu_s']:.1f}× rendering "
        "every body"
    )
    worst = max(fresh["rss_mb"], stored["rss_mb"])
    print(
        f"peak RSS: Curator {worst:.0f} MB (workers {fresh['workers_rss_mb']:.0f} MB each) vs Pelican "
        f"{pel['rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
