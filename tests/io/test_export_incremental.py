"""Incremental site export: the same bytes as a full export after any change, only changed pages written, files
the export did not write kept, symlinked folders, interrupted and killed exports (real processes)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from curator.core.status import Status
from curator.domain.errors import StatusGateError
from curator.domain.stories import RelatedLink, StoryFields
from curator.io import export_site as export_site_module
from curator.io.errors import ExportError
from curator.io.export_folder import JOURNAL, MARKER
from curator.io.export_site import export_site
from curator.services.library import Library
from tests.io.conftest import TINY_PNG, rich_stories, tree

BOOKKEEPING = {MARKER, JOURNAL, ".curator-export.entries"}
WORDS = "grain talks rail port wheat council border energy market delegation ministry analysts prices".split()
TAGS = ["Economy", "Politics", "Rail", "Grain", "Energy", "Asia", "Europe"]


def _site(folder: Path) -> dict[str, bytes]:
    """The site's files, the export's own bookkeeping aside."""
    return {name: data for name, data in tree(folder).items() if name not in BOOKKEEPING}


def _parts(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _body(rng: random.Random) -> str:
    paragraphs = [_text(rng, rng.randint(5, 30)).capitalize() + "." for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        paragraphs.append(f"## {_text(rng, 2).title()}\n\nA note[^1].\n\n[^1]: {_text(rng, 3)}.")
    return "\n\n".join(paragraphs)


def _new_story(library: Library, rng: random.Random, n: int) -> int:
    base = datetime(2025, 1, 1, tzinfo=UTC)
    return library.stories.create(
        StoryFields(
            headline=f"{_text(rng, 4).title()} {n}",
            dek=_text(rng, 6) if rng.random() < 0.5 else "",
            body=_body(rng),
            byline=rng.choice(["", "A. Writer", "B. Reporter, C. Editor"]),
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            language=rng.choice(["en", "en", "ru"]),
            published_at=base + timedelta(hours=rng.randint(0, 5000)) if rng.random() < 0.7 else None,
        )
    ).story.id


def _change(library: Library, rng: random.Random, counter: list[int]) -> str:
    """One random change to the library, of the kinds a newsroom makes between two exports."""
    active = [s.id for s in library.search.page("", limit=1000).items]
    trashed = [s.id for s in library.search.page("", limit=1000, scope=_trash_scope()).items]
    kind = rng.choice(
        ["edit", "edit", "headline", "trash", "restore", "tag", "rename", "status", "date", "new", "link", "check"]
    )
    if kind == "new" or not active:
        counter[0] += 1
        _new_story(library, rng, counter[0])
        return "new"
    story_id = rng.choice(active)
    story = library.stories.get(story_id)
    fields = story.fields()
    if kind == "edit":
        fields = fields.replace(body=_body(rng))
    elif kind == "headline":
        fields = fields.replace(headline=f"{_text(rng, 3).title()} {story_id}x{counter[0]}")
        counter[0] += 1
    elif kind == "trash":
        library.stories.trash([story_id])
        return kind
    elif kind == "restore":
        if trashed:
            library.stories.restore([rng.choice(trashed)])
        return kind
    elif kind == "tag":
        fields = fields.replace(tags=tuple(rng.sample(TAGS, rng.randint(0, 3))))
    elif kind == "rename":
        names = [t.name for t in library.tags.counts()]
        if names:
            old = rng.choice(names)
            library.tags.rename(old, rng.choice([old.upper(), old + " news", rng.choice(TAGS)]))
        return kind
    elif kind == "status":
        with contextlib.suppress(StatusGateError):
            library.stories.set_status([story_id], rng.choice(list(Status)), override_reason="test")
        return kind
    elif kind == "date":
        fields = fields.replace(published_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 99)))
    elif kind == "link":
        target = rng.choice(active)
        fields = fields.replace(related=(*fields.related, RelatedLink(target_id=target)))
        if target == story_id:
            return kind
    elif kind == "check":
        source = library.factcheck.add_source(story_id, f"Source {counter[0]}", kind="document")
        counter[0] += 1
        del source
        return kind
    library.stories.save(story_id, fields, base_version=story.version)
    return kind


def _trash_scope() -> object:
    from curator.domain.stories import Scope

    return Scope.TRASH


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_export_equals_a_full_export_after_random_changes(
    library: Library, tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    counter = [0]
    for _ in range(30):
        counter[0] += 1
        _new_story(library, rng, counter[0])
    rich_stories(library)
    out = tmp_path / "site"
    first = export_site(library, out, page_size=4, title="Desk")
    assert first.kept == 0
    # Nothing changed: nothing written, the same bytes.
    before = tree(out)
    again = export_site(library, out, page_size=4, title="Desk")
    assert again.written == 0 and again.kept == first.written and tree(out) == before  # the manifest too
    for round_ in range(6):
        kinds = [_change(library, rng, counter) for _ in range(rng.randint(1, 6))]
        if round_ == 3:
            # One round's story pages written by worker processes.
            monkeypatch.setattr(export_site_module, "PARALLEL_THRESHOLD", 1)
            monkeypatch.setattr(export_site_module, "JOB_SIZE", 3)
        incremental = export_site(library, out, page_size=4, title="Desk")
        monkeypatch.undo()
        full = export_site(library, tmp_path / f"full-{round_}", page_size=4, title="Desk")
        assert _site(out) == _site(tmp_path / f"full-{round_}"), kinds
        assert incremental.stories == full.stories and sorted(incremental.problems) == sorted(full.problems)
        assert incremental.written + incremental.kept == full.written
    # --full into the same folder: the same bytes again.
    rewritten = export_site(library, out, page_size=4, title="Desk", full=True)
    assert rewritten.kept == 0 and _site(out) == _site(tmp_path / "full-5")
    assert _parts(tmp_path) == []


def test_an_edit_rewrites_only_the_pages_showing_the_story(library: Library, tmp_path: Path) -> None:
    rng = random.Random(5)
    ids = [_new_story(library, rng, n) for n in range(40)]
    out = tmp_path / "site"
    export_site(library, out, page_size=5)
    story = library.stories.get(ids[7])
    library.stories.save(ids[7], story.fields().replace(body="A new body."), base_version=story.version)
    report = export_site(library, out, page_size=5)
    # Its page, the index page and tag pages listing it, and the feed (it is among the newest 50).
    assert 3 <= report.written <= 3 + len(story.tags)
    assert "A new body." in (out / "stories" / f"{story.slug}.html").read_text(encoding="utf-8")
    # Two exports of an unchanged library give the same bytes: no time of export in any page.
    assert _site(out) == _site(_full(library, tmp_path, page_size=5))


def _full(library: Library, tmp_path: Path, **kwargs: object) -> Path:
    folder = tmp_path / f"full-{time.monotonic_ns()}"
    export_site(library, folder, **kwargs)  # type: ignore[arg-type]
    return folder


def test_trashed_and_deleted_stories_pages_are_removed(library: Library, tmp_path: Path) -> None:
    first, second, third = rich_stories(library)
    photo = tmp_path / "photo.png"
    photo.write_bytes(TINY_PNG)
    story = library.stories.get(third)
    library.stories.save(third, story.fields().replace(photo=str(photo)), base_version=story.version)
    out = tmp_path / "site"
    export_site(library, out)
    assert (out / "media" / "third-plain.png").exists()
    library.stories.trash([third, first])
    export_site(library, out)
    names = set(_site(out))
    assert "stories/third-plain.html" not in names and "media/third-plain.png" not in names
    assert "stories/talks-custom-slug.html" not in names and "tags/oil-gas.html" not in names
    # The link to the trashed story is plain text now.
    page = (out / "stories" / "second-story-with-a-footnote.html").read_text(encoding="utf-8")
    assert "talks-custom-slug.html" not in page and "<li>Трудный диалог: делегации завершили переговоры</li>" in page
    assert not (out / "media").exists()
    assert _site(out) == _site(_full(library, tmp_path))
    del second


def test_files_the_export_did_not_write_are_kept(library: Library, tmp_path: Path) -> None:
    first, _second, third = rich_stories(library)
    out = tmp_path / "site"
    export_site(library, out)
    # A GitHub Pages set-up: a git repository and a CNAME in the export folder, a page added by hand.
    (out / ".git" / "objects").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / ".git" / "objects" / "ab").write_bytes(b"\x00blob")
    (out / "CNAME").write_text("news.example.org\n")
    (out / "stories" / "about-us.html").write_text("<p>by hand</p>")
    mine = {k: v for k, v in tree(out).items() if k.startswith(".git/") or k in ("CNAME", "stories/about-us.html")}
    library.stories.trash([third])
    library.stories.create(StoryFields(headline="Fourth", tags=("New tag",)))
    export_site(library, out)
    assert {k: v for k, v in tree(out).items() if k in mine} == mine
    export_site(library, out, full=True)
    assert {k: v for k, v in tree(out).items() if k in mine} == mine
    assert "stories/fourth.html" in tree(out) and "stories/third-plain.html" not in tree(out)
    # Trashing everything removes every page the export wrote, and nothing else.
    library.stories.trash([first, *[s.id for s in library.search.page("", limit=100).items]])
    export_site(library, out)
    left = set(tree(out))
    assert set(mine) <= left and not [n for n in left - set(mine) - BOOKKEEPING if n.startswith("stories/")]
    assert _parts(tmp_path) == []


def test_a_file_the_export_would_overwrite_is_refused_by_name(library: Library, tmp_path: Path) -> None:
    rich_stories(library)
    out = tmp_path / "site"
    export_site(library, out)
    (out / "stories" / "fourth.html").write_text("somebody's page")
    before = tree(out)
    library.stories.create(StoryFields(headline="Fourth"))
    with pytest.raises(ExportError, match=r"would overwrite but an earlier export did not write: stories/fourth\.html"):
        export_site(library, out)
    assert tree(out) == before and _parts(tmp_path) == []


def test_a_symlinked_folder_is_exported_into_its_target(library: Library, tmp_path: Path) -> None:
    rich_stories(library)
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "pub"
    link.symlink_to(real, target_is_directory=True)
    report = export_site(library, link)
    assert report.out_dir == link
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "index.html" in tree(real)
    library.stories.create(StoryFields(headline="Fourth"))
    export_site(library, link)
    assert link.is_symlink() and (real / "stories" / "fourth.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite", "pub", "real"] or _parts(tmp_path) == []
    # A link to a folder that does not exist yet: the folder is made where it points.
    dangling = tmp_path / "later"
    dangling.symlink_to(tmp_path / "made-later", target_is_directory=True)
    export_site(library, dangling)
    assert dangling.is_symlink() and (tmp_path / "made-later" / "index.html").exists()
    assert _parts(tmp_path) == []


# ------------------------------------------------------------------------------------------------ real processes

_EXPORT = """
import os, signal, sys
from curator.io import export_folder, export_site as module
from curator.services.library import Library

mode, url, out = sys.argv[1:4]
library = Library.open(url)
if mode == "staging":
    def progress(done, total, path):
        os.kill(os.getpid(), signal.SIGKILL)
    module.export_site(library, out, progress=progress, page_size=2)
elif mode == "swap":
    # Killed in the middle of moving the changed files in.
    real = os.replace
    moved = []
    def replace(a, b):
        real(a, b)
        moved.append(b)
        if len(moved) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    export_folder.os.replace = replace
    module.export_site(library, out, page_size=2)
elif mode == "workers":
    module.PARALLEL_THRESHOLD = 2
    module.JOB_SIZE = 1
    def progress(done, total, path):
        if done >= 1:
            children = [p for p in os.listdir("/proc") if p.isdigit() and _ppid(p) == os.getpid()]
            with open(sys.argv[4], "w") as f:
                f.write(" ".join(children))
            os.kill(os.getpid(), signal.SIGKILL)
    def _ppid(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return -1
    module.export_site(library, out, progress=progress)
"""


def _run(mode: str, url: str, out: Path, *extra: str) -> int:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", _EXPORT, mode, url, str(out), *extra], env=env, check=False).returncode


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_interrupted_incremental_export_leaves_the_site_whole_or_is_finished(
    sqlite_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    with Library.open(sqlite_url) as library:
        first, _second, third = rich_stories(library)
        export_site(library, out, page_size=2)
        story = library.stories.get(first)
        library.stories.save(first, story.fields().replace(body="Edited."), base_version=story.version)
        library.stories.trash([third])
        library.stories.create(StoryFields(headline="Fourth", tags=("Diplomacy",)))
    before = tree(out)
    # Killed while the changed pages are written beside the site: the site is as it was.
    assert _run("staging", sqlite_url, out) == -signal.SIGKILL
    assert tree(out) == before and len(_parts(tmp_path)) == 1
    # Killed halfway through swapping them in: the journal says what is left, and the next export finishes it.
    assert _run("swap", sqlite_url, out) == -signal.SIGKILL
    assert (out / JOURNAL).exists() and tree(out) != before
    with Library.open(sqlite_url) as library:
        export_site(library, out, page_size=2)
        assert _site(out) == _site(_full(library, tmp_path, page_size=2))
    assert not (out / JOURNAL).exists() and _parts(tmp_path) == []


@needs_proc
def test_a_killed_export_leaves_no_worker_processes(sqlite_url: str, tmp_path: Path) -> None:
    with Library.open(sqlite_url) as library:
        rich_stories(library)
        library.stories.create_many(
            [StoryFields(headline=f"Story {n}", body="Text " * 300) for n in range(12)], render=False
        )
    pids_file = tmp_path / "children"
    assert _run("workers", sqlite_url, tmp_path / "site", str(pids_file)) == -signal.SIGKILL
    children = [int(p) for p in pids_file.read_text().split()]
    # Two workers and multiprocessing's resource tracker.
    assert len(children) >= 2
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p for p in children if _alive(p)] == []
    # The dead export's staging folder goes with the next export.
    assert len(_parts(tmp_path)) == 1
    with Library.open(sqlite_url) as library:
        export_site(library, tmp_path / "site")
    assert _parts(tmp_path) == []


@needs_proc
def test_ctrl_c_stops_the_export_and_its_workers(sqlite_url: str, tmp_path: Path) -> None:
    with Library.open(sqlite_url) as library:
        library.stories.create_many(
            [StoryFields(headline=f"Story {n}", body=("Some *text* here. " * 200)) for n in range(700)], render=False
        )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "curator", "--db", sqlite_url.removeprefix("sqlite:///"), "export", "site", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "stderr").open("wb"),
        start_new_session=True,
    )
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == proc.pid]
    assert len(children) >= 2, "the export started no workers"
    # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=120)
    err = (tmp_path / "stderr").read_bytes()
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"cancelled" in err
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p for p in children if _alive(p)] == []
    assert not out.exists() and _parts(tmp_path) == []


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1
