"""Static-site export: the pages and their links, stored renders reused, and a previous site never damaged."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from curator.domain.stories import StoryFields
from curator.io import export_folder
from curator.io import export_site as export_site_module
from curator.io.errors import Cancelled, ExportError
from curator.io.export_site import export_site
from curator.io.importer import import_paths
from curator.services.library import Library
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.io.conftest import HOSTILE_BODY, TINY_PNG, html_problems, rich_stories, tree

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"

ATOM = "{http://www.w3.org/2005/Atom}"


def test_site_pages_links_and_feed(library: Library, tmp_path: Path) -> None:
    _first, _second, third = rich_stories(library)
    photo = tmp_path / "photo.png"
    photo.write_bytes(TINY_PNG)
    story = library.stories.get(third)
    library.stories.save(
        third, story.fields().replace(photo=str(photo), photo_caption="Caption"), base_version=story.version
    )
    out = tmp_path / "site"
    report = export_site(library, out, page_size=2, title="Desk")
    assert report.stories == 3 and report.problems == ()
    files = set(tree(out))
    assert {
        "index.html",
        "index-2.html",
        "style.css",
        "feed.atom",
        "tags/index.html",
        "tags/diplomacy.html",
        "stories/talks-custom-slug.html",
        "stories/second-story-with-a-footnote.html",
        "stories/third-plain.html",
        "media/third-plain.png",
    } <= files
    assert len([f for f in files if f.endswith(".css")]) == 1

    index = (out / "index.html").read_text(encoding="utf-8")
    # Newest first: the two undated stories by creation (newest first), then the one dated March 2025.
    assert index.index("third-plain.html") < index.index("second-story-with-a-footnote.html")
    assert "talks-custom-slug.html" not in index and "talks-custom-slug.html" in (out / "index-2.html").read_text()
    assert 'href="index-2.html"' in index and 'href="style.css"' in index

    second_page = (out / "stories" / "second-story-with-a-footnote.html").read_text(encoding="utf-8")
    assert 'href="../style.css"' in second_page and "<style>" not in second_page
    assert 'href="talks-custom-slug.html">Трудный диалог' in second_page
    assert 'href="https://news.example.org/a" rel="external noopener noreferrer"' in second_page
    assert "<li>Just a title</li>" in second_page
    assert 'href="../tags/diplomacy.html" rel="tag"' in second_page
    assert 'id="body-fn:1"' in second_page and 'id="story-headline"' in second_page
    third_page = (out / "stories" / "third-plain.html").read_text(encoding="utf-8")
    assert 'src="../media/third-plain.png"' in third_page

    feed = ET.parse(out / "feed.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert next(e.findtext(f"{ATOM}title") for e in entries) == "Third: plain"
    assert entries[0].find(f"{ATOM}link").get("href") == "stories/third-plain.html"  # type: ignore[union-attr]
    assert "Another note" in (entries[0].findtext(f"{ATOM}content") or "")
    assert json.loads((out / ".curator-export").read_text())["kind"] == "site"


def test_links_never_point_at_stories_outside_the_export(library: Library, tmp_path: Path) -> None:
    _first, second, _third = rich_stories(library)
    export_site(library, tmp_path / "one", story_ids=[second])
    page = (tmp_path / "one" / "stories" / "second-story-with-a-footnote.html").read_text(encoding="utf-8")
    assert "talks-custom-slug.html" not in page and "<li>Трудный диалог: делегации завершили переговоры</li>" in page
    export_site(library, tmp_path / "tagged", query="tag:diplomacy")
    assert sorted(p.name for p in (tmp_path / "tagged" / "stories").iterdir()) == [
        "second-story-with-a-footnote.html",
        "third-plain.html",
    ]


def test_stored_renders_are_reused_and_missing_ones_rendered_once(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert import_paths(library, [FIXTURES]).ok  # bodies rendered with the parse and stored
    library.stories.create_many(
        [StoryFields(headline=f"Not rendered {n}", body=f"Body *{n}*.") for n in range(3)], render=False
    )
    # Write pages (and render) in two worker processes even for this handful.
    monkeypatch.setattr(export_site_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(export_site_module, "JOB_SIZE", 3)
    first = export_site(library, tmp_path / "a")
    assert first.stories == len(list(FIXTURES.iterdir())) + 3 and first.rendered == 3
    second = export_site(library, tmp_path / "a", full=True)
    assert second.rendered == 0
    assert tree(tmp_path / "a")["stories/night-trains-return.html"].count(b'<h2 id="body-timetable">') == 1


def test_an_unrelated_folder_is_never_replaced(library: Library, tmp_path: Path) -> None:
    rich_stories(library)
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty and was not written by a Curator export"):
        export_site(library, documents)
    assert tree(documents) == {"thesis.txt": b"precious"}
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_site(library, tmp_path / "file")


def _previous_site(library: Library, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    rich_stories(library)
    out = tmp_path / "site"
    export_site(library, out)
    library.stories.create(StoryFields(headline="A new story since"))
    return out, tree(out)


def _no_leftovers(tmp_path: Path) -> None:
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_cancelled_export_leaves_the_previous_site(library: Library, tmp_path: Path) -> None:
    out, before = _previous_site(library, tmp_path)
    seen = []
    with pytest.raises(Cancelled):
        export_site(library, out, progress=lambda d, t, p: seen.append(d), cancelled=lambda: len(seen) >= 1)
    assert tree(out) == before
    _no_leftovers(tmp_path)


def test_a_failed_write_leaves_the_previous_site(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = _previous_site(library, tmp_path)
    from curator.io.export_folder import Writer

    calls = []
    real = Writer.write_bytes

    def failing(self: Writer, relative: str, data: bytes) -> str:
        calls.append(relative)
        if len(calls) == 3:
            raise OSError(errno.EROFS, "Read-only file system", str(self.root / relative))
        return real(self, relative, data)

    monkeypatch.setattr(Writer, "write_bytes", failing)
    with pytest.raises(ExportError, match=r"Read-only file system.*previous output, if any, is as it was"):
        export_site(library, out)
    assert tree(out) == before
    _no_leftovers(tmp_path)


def test_a_read_only_place_leaves_the_previous_site(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = _previous_site(library, tmp_path)

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export_folder.tempfile, "mkdtemp", refuse)
    with pytest.raises(ExportError, match=r"cannot write in .*Permission denied; nothing was changed"):
        export_site(library, out)
    assert tree(out) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file permissions do not bind root")
def test_a_read_only_folder_for_real(library: Library, tmp_path: Path) -> None:
    out, before = _previous_site(library, tmp_path)
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(ExportError):
            export_site(library, out)
    finally:
        os.chmod(tmp_path, 0o755)
    assert tree(out) == before


_KILLED_EXPORT = """
import os, signal, sys
from curator.io.export_site import export_site
from curator.services.library import Library

library = Library.open(sys.argv[1])

def progress(done, total, path):
    if done >= 1:
        os.kill(os.getpid(), signal.SIGKILL)

export_site(library, sys.argv[2], progress=progress)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_export_killed_halfway_leaves_the_previous_site(sqlite_url: str, tmp_path: Path) -> None:

    with Library.open(sqlite_url) as library:
        out, before = _previous_site(library, tmp_path)
    result = subprocess.run([sys.executable, "-c", _KILLED_EXPORT, sqlite_url, str(out)], check=False)
    assert result.returncode == -signal.SIGKILL
    assert tree(out) == before
    # The half-built folder stays beside it (hidden), and the next export succeeds.
    assert len([p for p in tmp_path.iterdir() if p.name.endswith(".part")]) == 1
    with Library.open(sqlite_url) as library:
        report = export_site(library, out)
    assert report.stories == 4


def test_hostile_content_never_reaches_the_site(library: Library, tmp_path: Path) -> None:
    victim = library.stories.create(
        StoryFields(
            headline="Bad <script>alert(1)</script> headline",
            dek='"><img src=x onerror=alert(1)>',
            byline="</script><script>alert(1)</script>",
            body=HOSTILE_BODY,
            tags=("<b onmouseover=alert(1)>tag</b>",),
        )
    ).story
    library.stories.create(StoryFields(headline="Other", body="Note[^1]\n\n[^1]: x", related=()))
    out = tmp_path / "site"
    report = export_site(library, out)
    # The relative image of the hostile cases ("x") cannot resolve in a site: left out, and said so.
    assert f"{victim.slug}: left out the image 'x', which points nowhere in a site" in report.problems
    for name, data in tree(out).items():
        text = data.decode("utf-8")
        if name.endswith(".html"):
            assert html_problems(text) == [], name
        if name == "feed.atom":
            for content in ET.fromstring(text).iter(f"{ATOM}content"):
                assert html_problems(content.text or "") == []
    page = (out / "stories" / f"{victim.slug}.html").read_text(encoding="utf-8")
    assert "Before." in page and "After." in page
