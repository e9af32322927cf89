"""Publishing side by side: the same N Markdown stories built into a site by Curator, Pelican and Hugo.

    python bench/bench_publish.py [--stories 10000] [--keep DIR]

Every run is a fresh process (nothing imported, no caches kept between runs). Curator: import the files into a new
library (bodies are rendered in the import's parse worker and stored), the first site export, a full export again
into a new folder (bodies already rendered), and two republishes into the first folder: after editing one story,
and after editing 100 stories and renaming a tag. Pelican (pip install pelican into this environment, used for the
bench only) builds the same stories with its default theme, pagination of 20 and caches off; Hugo (Debian's `hugo`)
with the minimal theme of the tests (tests/fixtures/hugo). A peer that is not installed is skipped, saying so.

The stories are generated: ~400 words each in Markdown (paragraphs, a subheading, quotes and apostrophes, emphasis,
a link, sometimes a footnote), a fifth in Russian, three tags of 60, dates over two years. Curator and Hugo read the
same files (YAML front matter); Pelican reads the same stories with its own metadata lines (it does not read YAML
front matter without a plugin). Times are wall-clock; "CPU" adds the process's and its workers' user+system time.
Peak RSS is the largest resident size of the main process and, for Curator, the largest of its worker processes
(with two workers the total is about main + 2 × worker). The machine's CPU is shared with other work: figures are
noisy, and every ratio is printed next to the target the issue sets.
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
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUGO_SITE = ROOT / "tests" / "fixtures" / "hugo"

_EN = (
    "talks officials delegation ceasefire statement energy infrastructure pipeline exports grain wheat rail port "
    "ministry agreement sources analysts market prices border trade negotiations committee council government "
    "parliament region capital minister president summit envoy sanctions tariffs harvest freight corridor shipment "
    "budget inflation currency reserves investors banks farmers drivers workers union strike court ruling appeal"
).split()
_RU = (
    "переговоры делегация министр заявление энергетика трубопровод экспорт зерно пшеница железная дорога порт "
    "соглашение источники аналитики рынок цены граница торговля комитет совет правительство парламент регион "
    "столица президент саммит посланник санкции пошлины урожай грузы коридор бюджет инфляция валюта резервы"
).split()
TAGS = [f"{w.capitalize()} {n}" for n in range(1, 4) for w in _EN[:20]]


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = rng.choices(words, k=rng.randint(8, 18))
    if rng.random() < 0.15:
        chosen[rng.randrange(len(chosen))] = f"*{rng.choice(words)}*"
    text = chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."
    if rng.random() < 0.12:
        text = f"“{text[:-1]},” the minister’s office said."
    if rng.random() < 0.08:
        text = text[:-1] + f" -- {rng.choice(words)} {rng.choice(words)}'s plan."
    return text


def _story(rng: random.Random, i: int, base: datetime) -> tuple[dict[str, object], str]:
    words = _RU if i % 5 == 0 else _EN
    title = f"{' '.join(rng.choices(words, k=6)).capitalize()} {i}"
    paragraphs = [" ".join(_sentence(rng, words) for _ in range(rng.randint(2, 3))) for _ in range(9)]
    paragraphs.insert(4, f"## {' '.join(rng.choices(words, k=3)).capitalize()}")
    if rng.random() < 0.3:
        paragraphs[2] += f" See [the report](https://example.org/reports/{i})."
    if rng.random() < 0.1:
        paragraphs[1] += "[^1]"
        paragraphs.append(f"[^1]: {_sentence(rng, words)}")
    meta = {
        "title": title,
        "slug": f"story-{i:05}",
        "date": base + timedelta(minutes=97 * i),
        "tags": rng.sample(TAGS, 3),
        "author": f"Reporter {i % 41}",
        "summary": _sentence(rng, words),
    }
    return meta, "\n\n".join(paragraphs)


def generate(work: Path, n: int, seed: int = 11) -> tuple[Path, Path]:
    """The stories twice: YAML front matter (Curator, Hugo) and Pelican's metadata lines (same stories)."""
    rng = random.Random(seed)
    yaml_dir, pelican_dir = work / "yaml", work / "pelican"
    yaml_dir.mkdir(parents=True)
    pelican_dir.mkdir(parents=True)
    base = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)
    for i in range(n):
        meta, body = _story(rng, i, base)
        date = meta["date"].isoformat()  # type: ignore[attr-defined]
        tags = meta["tags"]
        front = [
            "---",
            f"title: {json.dumps(meta['title'], ensure_ascii=False)}",
            f"slug: {meta['slug']}",
            f"date: {date}",
            "draft: false",
            f"author: {meta['author']}",
            f"summary: {json.dumps(meta['summary'], ensure_ascii=False)}",
            "tags:",
            *[f"  - {t}" for t in tags],  # type: ignore[attr-defined]
            "---",
            "",
        ]
        (yaml_dir / f"{meta['slug']}.md").write_text("\n".join(front) + body + "\n", encoding="utf-8")
        lines = [
            f"Title: {meta['title']}",
            f"Date: {date}",
            f"Slug: {meta['slug']}",
            f"Tags: {', '.join(tags)}",  # type: ignore[arg-type]
            f"Author: {meta['author']}",
            f"Summary: {meta['summary']}",
            "",
        ]
        (pelican_dir / f"{meta['slug']}.md").write_text("\n".join(lines) + body + "\n", encoding="utf-8")
    return yaml_dir, pelican_dir


# ------------------------------------------------------------------------------------------------ Curator phases


def phase(name: str, db: str, arg: str) -> None:
    """One Curator phase, in this (fresh) process; prints its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from curator.services.library import Library

    library = Library.open(f"sqlite:///{db}")
    extra: dict[str, object] = {}
    try:
        if name == "edit1" or name == "edit100":
            _edit(library, 1 if name == "edit1" else 100, rename=name == "edit100")
            return
        start = time.perf_counter()
        cpu_start = time.process_time()
        if name == "import":
            from curator.io.importer import import_paths

            report = import_paths(library, [Path(arg)])
            assert report.ok, report.summary()
            extra["stories"] = len(report.imported)
        else:
            from curator.io.export_site import export_site

            report = export_site(library, Path(arg), title="Bench desk")
            extra.update(stories=report.stories, written=report.written, kept=report.kept, rendered=report.rendered)
        seconds = time.perf_counter() - start
        extra["work_cpu_s"] = time.process_time() - cpu_start
    finally:
        library.close()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                "rss_mb": me.ru_maxrss / 1024,
                "worker_rss_mb": kids.ru_maxrss / 1024,
                **extra,
            }
        )
    )


def _edit(library: object, n: int, *, rename: bool) -> None:
    lib = library  # a Library
    ids = [s.id for s in lib.search.page("", limit=max(n, 1)).items]  # type: ignore[attr-defined]
    rng = random.Random(n)
    for story_id in ids[:n]:
        story = lib.stories.get(story_id)  # type: ignore[attr-defined]
        body = story.body.replace(".", f" (updated {rng.randint(1, 999)}).", 1)
        lib.stories.save(story_id, story.fields().replace(body=body), base_version=story.version)  # type: ignore[attr-defined]
    if rename:
        # The most used tag: every page of its stories and every listing showing them changes.
        name = max(lib.tags.counts(), key=lambda t: t.count).name  # type: ignore[attr-defined]
        lib.tags.rename(name, name + " desk")  # type: ignore[attr-defined]


def _run(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, peer: str = ""
) -> dict[str, float] | None:
    """Run a command; wall time, CPU and peak RSS of that process (and its children) from wait4.

    A peer (Pelican, Hugo) that fails is reported and left out; Curator failing stops the bench."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out_file, stderr=err_file)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode(errors="replace")
        err = err_file.read().decode(errors="replace")
    if status != 0:
        message = f"{peer or cmd[0]} failed (status {status}): {(err or out)[-2000:]}"
        if peer:
            print(message)
            return None
        raise SystemExit(message)
    return {"wall": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "out": out}  # type: ignore[dict-item]


def curator(name: str, db: Path, arg: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = _run([sys.executable, __file__, "--phase", name, "--db", str(db), "--arg", str(arg)], env=env)
    assert run is not None
    if name.startswith("edit"):
        return run
    figures = json.loads(str(run["out"]).strip().splitlines()[-1])
    figures["process_wall"] = run["wall"]
    return figures


def pelican(content: Path, output: Path, work: Path) -> dict[str, float] | None:
    try:
        import pelican as _pelican  # noqa: F401
    except ImportError:
        print("pelican: skipped (not installed here: pip install pelican)")
        return None
    settings = work / "pelicanconf.py"
    settings.write_text(
        "SITENAME = 'Bench desk'\nTIMEZONE = 'UTC'\nDEFAULT_PAGINATION = 20\nLOAD_CONTENT_CACHE = False\n"
        "CACHE_CONTENT = False\nFEED_ALL_ATOM = 'feeds/all.atom.xml'\nRELATIVE_URLS = True\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.extra': {}, 'markdown.extensions.smarty': {}}, "
        "'output_format': 'html5'}\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q"]
    return _run(cmd, peer="pelican")


def hugo(content: Path, work: Path) -> dict[str, float] | None:
    binary = shutil.which("hugo")
    if binary is None:
        print("hugo: skipped (not installed here: apt install hugo)")
        return None
    site = work / "hugo"
    shutil.copytree(HUGO_SITE, site)
    shutil.copytree(content, site / "content" / "posts")
    return _run([binary, "--source", str(site), "--destination", str(site / "public"), "--quiet"], peer="hugo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--arg", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args.phase, args.db, args.arg)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="curator-bench-publish-"))
    work.mkdir(parents=True, exist_ok=True)

    def line(label: str, f: dict[str, float]) -> None:
        wall = f.get("seconds", f.get("wall", 0.0))
        extra = f"  process {f['process_wall']:.2f} s" if "process_wall" in f else ""
        if "work_cpu_s" in f:
            extra += f"  (its own CPU {f['work_cpu_s']:.2f} s)"
        workers = f"  workers ≤ {f['worker_rss_mb']:.0f} MB" if f.get("worker_rss_mb") else ""
        text = f"{label:<46} {wall:8.2f} s  CPU {f['cpu_s']:6.1f} s  RSS {f['rss_mb']:6.0f} MB{workers}{extra}"
        print(text, flush=True)

    try:
        n = args.stories
        print(f"{n:,} stories, {os.cpu_count()} CPUs; work folder {work}", flush=True)
        yaml_dir, pelican_dir = generate(work / "content", n)
        db = work / "library.sqlite"
        imp = curator("import", db, yaml_dir)
        line(f"curator import ({n / imp['seconds']:.0f} stories/s)", imp)
        first = curator("export", db, work / "site")
        line("curator first site export", first)
        full = curator("export", db, work / "site-full")
        line("curator full export (bodies rendered)", full)
        curator("edit1", db, work)
        one = curator("export", db, work / "site")
        line(f"curator republish, 1 edit ({one['written']} files)", one)
        curator("edit100", db, work)
        hundred = curator("export", db, work / "site")
        line(f"curator republish, 100 edits + tag ({hundred['written']} files)", hundred)
        pel = pelican(pelican_dir, work / "pelican-out", work)
        if pel:
            line("pelican build", pel)
        hug = hugo(yaml_dir, work)
        if hug:
            line("hugo build", hug)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    print()
    first_way = imp["seconds"] + first["seconds"]
    print(f"import rate: {n / imp['seconds']:.0f} stories/s (target ≥ 1,000)")
    print(f"republish after 1 edit: {one['seconds']:.2f} s (target ≤ 0.5 s)")
    print(f"republish after 100 edits and a tag rename: {hundred['seconds']:.2f} s (target ≤ 2 s)")
    if pel:
        print(
            f"import + first export {first_way:.1f} s vs Pelican {pel['wall']:.1f} s: "
            f"{pel['wall'] / first_way:.2f}× faster (target ≥ 1.5×)"
        )
    if hug:
        print(
            f"full export {full['seconds']:.2f} s vs Hugo {hug['wall']:.2f} s: {full['seconds'] / hug['wall']:.2f}× "
            f"Hugo's time (target ≤ 0.8×); RSS {full['rss_mb']:.0f} MB + workers vs Hugo {hug['rss_mb']:.0f} MB"
        )
        print(f"republish after 1 edit vs Hugo's full build: {hug['wall'] / one['seconds']:.1f}× faster (target ≥ 10×)")


if __name__ == "__main__":
    main()
