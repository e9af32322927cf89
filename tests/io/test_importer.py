"""Importing files and folders into a real library: linking, duplicates, bad files, batches, progress, cancel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.domain.stories import StoryFields
from curator.io.errors import Cancelled
from curator.io.importer import import_paths
from curator.services.library import Library
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import SAMPLE_STORY

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"


def _story(library: Library, ref: str):  # type: ignore[no-untyped-def]
    return library.stories.get(library.stories.resolve(ref))


def test_the_shared_sample_imports(library: Library, sample_text: str) -> None:
    report = import_paths(library, [SAMPLE_STORY])
    assert report.ok and len(report.imported) == 1
    story = library.stories.get(report.imported[0])
    assert story.headline == "Difficult Dialogue: US and Russia End Talks Without Joint Statement"
    assert (story.photo_credit, story.photo_caption) == ("Pixabay", "illustrative purposes")
    assert story.original_author == "Nikita Drobny"
    assert story.outlet_name == "Orda.kz"
    lines = sample_text.splitlines()
    expected = [line[2:] for line in lines[lines.index("Latest news") + 1 :]]
    assert [r.title for r in story.related] == expected
    assert all(not r.is_internal and not r.url for r in story.related)


def test_related_headlines_link_to_stored_stories(library: Library, tmp_path: Path) -> None:
    stored = library.stories.create(
        StoryFields(headline="Kremlin Spokesperson Says Ukraine's Non-NATO Status Is Central")
    ).story
    (tmp_path / "a.txt").write_text(
        "A story\nBody, Orda.kz reports.\nLatest news\n"
        "- kremlin spokesperson says Ukraine’s non-NATO status is “central”!\n"
        "- Something else entirely\n",
        encoding="utf-8",
    )
    story = library.stories.get(import_paths(library, [tmp_path / "a.txt"]).imported[0])
    first, second = story.related
    assert first.target_id == stored.id and first.title.startswith("kremlin spokesperson")
    assert not second.is_internal


def test_folder_of_fixtures_links_stories_to_each_other_in_any_order(library: Library) -> None:
    report = import_paths(library, [FIXTURES])
    assert report.ok, report.failed
    assert len(report.imported) == len(list(FIXTURES.iterdir()))
    grain = _story(library, "grain-corridor-reopens-after-two-week-pause-traders-say")
    wheat = _story(library, "wheat-prices-edge-higher-as-caspian-storms-ease")
    # The grain story is read first and points forward to the wheat story; the wheat story points back.
    assert grain.related[0].target_id == wheat.id
    assert grain.related[1].target_slug == "rail-operator-adds-night-trains-to-the-southern-route"
    assert grain.related[2].url == "https://news.example.org/almaty-evening"
    assert wheat.related[0].target_id == grain.id
    cp1251 = _story(library, "dolgii-razgovor-delegatsii-zavershili-peregovory-bez-obshchego-zaiavleniia")
    assert cp1251.outlet_name == "Степной вестник" and cp1251.original_author == "Айгерим Сапарова"
    assert cp1251.language == "ru"
    rail = _story(library, "rail-operator-adds-night-trains-to-the-southern-route")
    assert rail.photo_credit == "Curator Desk" and "9 000 tenge" in rail.body


def test_duplicates_are_skipped_and_bad_files_reported(library: Library, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "grain-corridor.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "grain-corridor.txt", tmp_path / "b.txt")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    (tmp_path / "ignored.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text("Hidden\nbody", encoding="utf-8")
    report = import_paths(library, [tmp_path, tmp_path / "missing.txt"])
    assert len(report.imported) == 1
    assert [(p.path.name, p.reason) for p in report.duplicates] == [
        ("b.txt", f"the same story as {tmp_path / 'a.txt'}")
    ]
    reasons = {p.path.name: p.reason for p in report.failed}
    assert set(reasons) == {"empty.md", "binary.txt", "broken.md", "missing.txt"}
    assert "empty" in reasons["empty.md"] and "binary" in reasons["binary.txt"]
    assert "malformed front matter" in reasons["broken.md"] and "no such file" in reasons["missing.txt"]
    assert not report.ok
    assert report.summary() == "imported 1 story; skipped 1 already in the library; 4 files failed"

    again = import_paths(library, [tmp_path / "a.txt"])
    assert again.imported == ()
    assert again.duplicates[0].reason == f"already in the library as story #{report.imported[0]}"
    library.stories.trash(report.imported)
    assert "(in the trash)" in import_paths(library, [tmp_path / "a.txt"]).duplicates[0].reason


def _write_stories(folder: Path, n: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"story-{i:03}.txt"
        path.write_text(f"Story number {i}\nParagraph of story {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_failed_batch_is_stored_file_by_file_so_only_the_failing_file_is_reported(
    library: Library, tmp_path: Path
) -> None:
    _write_stories(tmp_path / "in", 6)

    class Crash:
        def stories_written(self, session, stories):  # type: ignore[no-untyped-def]
            if any("number 1" in s.fields.headline for s in stories):
                raise RuntimeError("a bug in a hook")

        def stories_purged(self, session, ids):  # type: ignore[no-untyped-def]
            pass

    crash = Crash()
    library.stories.add_hook(crash)
    # An unexpected error fails its own file, reported as an internal error (kept whole in the log) …
    report = import_paths(library, [tmp_path / "in"], batch_size=2)
    assert [p.path.name for p in report.failed] == ["story-001.txt"]
    assert report.failed[0].reason.startswith("not imported: internal error (RuntimeError: a bug in a hook)")
    # … and its batch-mate and the other batches are stored.
    assert library.search.count() == 5
    library.stories._hooks.remove(crash)

    class Refuse:
        def stories_written(self, session, stories):  # type: ignore[no-untyped-def]
            if any("number 3" in s.fields.headline for s in stories):
                from curator.domain.errors import ValidationError

                raise ValidationError("body", "refused by a check")

        def stories_purged(self, session, ids):  # type: ignore[no-untyped-def]
            pass

    library.stories.add_hook(Refuse())
    for path in _write_stories(tmp_path / "again", 6):
        path.write_text(path.read_text(encoding="utf-8").replace("Story", "Second story"), encoding="utf-8")
    report = import_paths(library, [tmp_path / "again"], batch_size=2)
    # The batch holding story 3 (stories 2 and 3) failed, and was stored again file by file: only story 3 failed.
    assert [p.path.name for p in report.failed] == ["story-003.txt"]
    assert all("refused by a check" in p.reason for p in report.failed)
    headlines = {s.headline for s in library.search.page(limit=50).items if s.headline.startswith("Second")}
    assert headlines == {f"Second story number {i}" for i in range(6)} - {"Second story number 3"}


def test_progress_and_cancel_between_files(library: Library, tmp_path: Path) -> None:
    _write_stories(tmp_path / "in", 7)
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, path: Path) -> None:
        seen.append((done, total, path.name))

    report = import_paths(library, [tmp_path / "in"], progress=progress)
    assert [s[:2] for s in seen] == [(i, 7) for i in range(1, 8)] and seen[0][2] == "story-000.txt"
    assert len(report.imported) == 7

    _write_stories(tmp_path / "more", 0)
    for i in range(7):
        (tmp_path / "more" / f"m{i}.txt").write_text(f"More {i}\nBody {i}\n", encoding="utf-8")
    done = []
    with pytest.raises(Cancelled) as caught:
        import_paths(
            library,
            [tmp_path / "more"],
            progress=lambda d, t, p: done.append(d),
            cancelled=lambda: len(done) >= 5,
            batch_size=2,
            window_size=2,
        )
    # Windows of two files: two windows were stored before the fifth file was read; the third window was not.
    partial = caught.value.report
    assert len(partial.imported) == 4
    assert library.search.count() == 7 + 4


@pytest.mark.parametrize("parallel", [False, True])
def test_bodies_are_rendered_with_the_parse_and_stored(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    from curator.io import importer
    from curator.render.markdown import render_markdown

    if parallel:
        # Parsed (and rendered) in the worker process even for this handful.
        monkeypatch.setattr(importer, "PARALLEL_THRESHOLD", 1)
        monkeypatch.setattr(importer, "WINDOW_SIZE", 3)
    report = import_paths(library, [FIXTURES], window_size=3 if parallel else 2000)
    assert report.ok and len(report.imported) == len(list(FIXTURES.iterdir()))

    def must_not_render(bodies: list[str]) -> list[str]:
        raise AssertionError(f"{len(bodies)} bodies were not rendered at import")

    stored = library.stories.rendered_html_many(report.imported, render_all=must_not_render)
    for story in library.stories.get_many(report.imported):
        assert stored[story.id] == render_markdown(story.body)
