"""Desktop app speed and memory: start-up on a 100k-story library next to ReText, keystroke-to-preview latency,
and peak memory with the big library open.

    python bench/bench_gui.py [--stories 100000] [--runs 5] [--retext PYTHON]

Targets: window painted with the first page listed in <= 0.6x the time ReText 8 takes to show an empty window;
keystroke -> preview updated <= 50 ms on a 20k-word story; peak RSS <= 250 MB with the 100k library open.

Start-up is timed from just before the process is started to the first paint of the story list with stories in
it. "cold" is a start with no list snapshot (the first start, or after the library changed elsewhere): the window
paints, then the library opens; "warm" is the usual start, where the list remembered at the last exit is shown
while the library opens (see curator/gui/snapshot.py). ReText runs from its own virtualenv (bench/.cache/
retext-venv, made on first use: `pip install retext`), never as a project dependency. All runs are offscreen.
The machine's CPU is shared with other work: figures are noisy, so medians of several interleaved runs are shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CACHE = HERE / ".cache"
RETEXT_VENV = CACHE / "retext-venv"
PROBE = HERE / "gui_probe.py"


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        CURATOR_HOME=str(home),
        HOME=str(home / "user"),  # ReText keeps its settings under HOME; start it clean too
        PYTHONDONTWRITEBYTECODE="",
    )
    (home / "user").mkdir(parents=True, exist_ok=True)
    return env


def _probe(cmd: list[str], env: dict[str, str], timeout: float = 180) -> dict[str, float]:
    started = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    for line in out.stdout.splitlines():
        if line.startswith("PROBE "):
            values = dict(item.split("=", 1) for item in line.split()[1:])
            result = {k: float(v) for k, v in values.items()}
            result["startup"] = result["painted"] - started
            return result
    raise RuntimeError(f"{cmd[0]} did not report (exit {out.returncode}):\n{out.stderr[-2000:]}")


def retext_python(given: str | None) -> Path:
    if given:
        return Path(given)
    python = RETEXT_VENV / "bin" / "python"
    if not python.exists():
        print("  installing ReText into bench/.cache/retext-venv …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(RETEXT_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "retext"], check=True)
    return python


def bench_startup(library: Path, runs: int, retext: Path | None) -> dict[str, list[float]]:
    home = Path(tempfile.mkdtemp(prefix="curator-bench-"))
    env = _env(home)
    curator = [sys.executable, str(PROBE), "curator-start", str(library)]
    snapshot = home / "cache" / "list-snapshot.json"
    times: dict[str, list[float]] = {"retext": [], "floor": [], "cold": [], "warm": []}
    try:
        _probe(curator, env)  # warm the OS file cache; leaves a snapshot for the first warm run
        for _ in range(runs):
            if retext is not None:
                times["retext"].append(_probe([str(retext), str(PROBE), "retext"], env)["startup"])
            times["floor"].append(_probe([sys.executable, str(PROBE), "pyside-floor"], env)["startup"])
            times["warm"].append(_probe(curator, env)["startup"])
            snapshot.unlink(missing_ok=True)
            times["cold"].append(_probe(curator, env)["startup"])
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return times


def bench_memory(library: Path) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="curator-bench-"))
    try:
        return _probe([sys.executable, str(PROBE), "curator-rss", str(library)], _env(home), timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def bench_latency() -> str:
    home = Path(tempfile.mkdtemp(prefix="curator-bench-"))
    try:
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--latency-child"],
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        return out.stdout
    finally:
        shutil.rmtree(home, ignore_errors=True)


# ------------------------------------------------------------------------------------- latency (child)


def _story_body(words: int, seed: int) -> str:
    """A long story in the shape editors write: paragraphs, a few subheadings, lists and a quote."""
    from corpus import Corpus

    corpus = Corpus(seed)
    out: list[str] = []
    count = 0
    n = 0
    while count < words:
        n += 1
        if n % 12 == 0:
            out.append(f"## Section {n // 12}")
        if n % 17 == 0:
            out.append("\n".join(f"- {' '.join(corpus._words(corpus.en, 8))}" for _ in range(5)))
            count += 40
        if n % 23 == 0:
            out.append("> " + " ".join(corpus._words(corpus.en, 40)))
            count += 40
        size = corpus.rng.randint(40, 110)
        text = " ".join(corpus._words(corpus.en, size))
        out.append(text[:1].upper() + text[1:] + ".")
        count += size
    return "\n\n".join(out)


def latency_child() -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from curator.core.text import word_count
    from curator.domain.stories import StoryFields
    from curator.gui.app import AppContext, make_application
    from curator.gui.main_window import MainWindow
    from curator.paths import AppPaths
    from curator.render.markdown import render_markdown

    make_application()
    home = Path(os.environ["CURATOR_HOME"])
    ctx = AppContext.create(AppPaths.default(), f"sqlite:///{home / 'latency.sqlite'}")
    library = ctx.open_library()
    sizes = (1_000, 5_000, 20_000)
    ids = {}
    for size in sizes:
        body = _story_body(size, seed=size)
        ids[size] = library.stories.create(StoryFields(headline=f"A {size:,}-word story", body=body)).story.id

    window = MainWindow(ctx)
    window.resize(1480, 900)
    window.show()

    def spin_until(done, timeout: float = 60.0) -> None:
        # Wait in a real event loop (idle between events, as the app is), checking after every preview update.
        end = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > end:
                raise TimeoutError("the preview did not update")
            loop = QEventLoop()
            window.preview.updated.connect(loop.quit)
            QTimer.singleShot(50, loop.quit)
            loop.exec()
            window.preview.updated.disconnect(loop.quit)

    window.attach_library()
    spin_until(lambda: window.preview.loaded)
    print("keystroke -> preview updated (median / p95 / max of 40 keystrokes; UI thread = time the key press")
    print("itself took on the UI thread; render = block render on the preview thread)")

    def measure(size: int) -> str:
        window.open_story(ids[size])
        spin_until(lambda: window.editing.story_id == ids[size])
        updates = [0]
        stamp = [0.0]

        def counted() -> None:
            stamp[0] = time.perf_counter()
            updates[0] += 1

        window.preview.updated.connect(counted)
        spin_until(lambda: updates[0] > 0)
        text = window.editor.text()
        full = []
        for _ in range(3):
            t = time.perf_counter()
            render_markdown(text)
            full.append(time.perf_counter() - t)
        renders: list[float] = []
        window.preview.rendered_in.connect(renders.append)
        cursor = window.editor.textCursor()
        cursor.setPosition(text.index(".", len(text) // 2))
        window.editor.setTextCursor(cursor)
        window.editor.setFocus()
        latencies, ui = [], []
        for i in range(40):
            before = updates[0]
            renders.clear()
            t0 = time.perf_counter()
            QTest.keyClick(window.editor, "x" if i % 2 == 0 else Qt.Key.Key_Space)
            ui.append(time.perf_counter() - t0)
            spin_until(lambda before=before: updates[0] > before)
            latencies.append(stamp[0] - t0)
            # A typist's pace: about 8 keys a second.
            pause = QEventLoop()
            QTimer.singleShot(120, pause.quit)
            pause.exec()
        window.editor.moveCursor(QTextCursor.MoveOperation.Start)
        window.preview.updated.disconnect(counted)
        window.preview.rendered_in.disconnect(renders.append)
        window.editing.revert()
        ms = sorted(x * 1000 for x in latencies)
        return (
            f"  {word_count(text):>6,} words: {statistics.median(ms):6.1f} / {ms[int(len(ms) * 0.95) - 1]:6.1f} / "
            f"{ms[-1]:6.1f} ms   (UI thread {statistics.median(ui) * 1000:.1f} ms, render "
            f"{statistics.median(renders or [0]) * 1000:.1f} ms; one full render of the body: "
            f"{min(full) * 1000:.0f} ms)"
        )

    for size in sizes:
        print(measure(size), flush=True)
    window.force_close()
    ctx.close()


# --------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--retext", metavar="PYTHON", help="a Python with ReText 8 installed")
    parser.add_argument("--skip-retext", action="store_true")
    parser.add_argument("--latency-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.latency_child:
        latency_child()
        return

    from corpus import cached_library

    library = cached_library(args.stories)
    retext = None if args.skip_retext else retext_python(args.retext)
    print(f"Curator desktop app benchmark — {args.stories:,}-story library, {os.cpu_count()} CPUs (shared: noisy)")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    times = bench_startup(library, args.runs, retext)
    print(f"\nstart-up to the window painted with the list (median / min of {args.runs} interleaved runs):")
    medians = {k: statistics.median(v) for k, v in times.items() if v}
    for key, label in (
        ("retext", "ReText 8, empty window"),
        ("floor", "bare PySide6 window, 100-row table"),
        ("warm", "Curator, 100k library (usual start)"),
        ("cold", "Curator, 100k library (no snapshot)"),
    ):
        if times[key]:
            print(f"  {label:<38} {medians[key]:6.2f} s / {min(times[key]):.2f} s")
    if "retext" in medians:
        print(f"  ratio warm / ReText: {medians['warm'] / medians['retext']:.2f}x   (target <= 0.6x)")
        print(f"  ratio cold / ReText: {medians['cold'] / medians['retext']:.2f}x")
        print(f"  ratio bare PySide6 window / ReText: {medians['floor'] / medians['retext']:.2f}x (the floor)")

    print()
    print(bench_latency().rstrip())
    print("  (target <= 50 ms at 20k words)")

    memory = bench_memory(library)
    print(
        f"\npeak RSS with the {args.stories:,}-story library open (story shown in the preview, "
        f"{int(memory['rows_loaded'])} rows paged in): {memory['peak_rss_mb']:.0f} MB  (target <= 250 MB)"
    )
    print(f"  QtWebEngine helper processes besides: {memory['helpers_rss_mb']:.0f} MB RSS (shared pages counted)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
