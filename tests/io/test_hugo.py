"""Hugo as a real client of the Markdown export: Debian's ``hugo`` builds the exported folder with a minimal theme
shipped beside the tests (tests/fixtures/hugo), and the built pages carry the stories' titles, slugs, dates, tags,
translation keys and bodies; drafts stay out unless asked for."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from curator.io.export_markdown import export_markdown
from curator.services.library import Library
from tests.conftest import FIXTURES
from tests.io.conftest import rich_stories

pytestmark = pytest.mark.slow

SITE = FIXTURES / "hugo"


def _hugo() -> str:
    found = shutil.which("hugo")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("hugo is not installed: CI must run the Hugo client test (.ci/run installs it)")
        pytest.skip("hugo is not installed (Debian: apt install hugo)")
    return found


def _build(site: Path, *extra: str) -> Path:
    public = site / f"public{len(extra)}"
    result = subprocess.run(
        [_hugo(), "--source", str(site), "--destination", str(public), "--cleanDestinationDir", *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return public


def test_hugo_builds_the_markdown_export(library: Library, tmp_path: Path) -> None:
    first, second, third = (library.stories.get(i) for i in rich_stories(library))
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    export_markdown(library, site / "content" / "posts")

    public = _build(site)
    # Hugo writes "+" in attributes as "&#43;".
    page = (public / "posts" / second.slug / "index.html").read_text(encoding="utf-8").replace("&#43;", "+")
    assert "<h1>Second: story with a footnote</h1>" in page
    assert f'data-slug="{second.slug}"' in page and f'data-translation-key="page/{second.uuid}"' in page
    assert 'data-draft="false"' in page
    assert f'datetime="{(second.published_at or second.created_at).strftime("%Y-%m-%dT%H:%M:%S+00:00")}"' in page
    assert '<a href="/tags/diplomacy/">Diplomacy</a>' in page
    assert '<h2 id="heading">Heading</h2>' in page and 'href="#fn:1"' in page
    # Drafts (the two stories not published) are left out, as Hugo does.
    assert not (public / "posts" / first.slug).exists() and not (public / "posts" / third.slug).exists()
    tag_page = (public / "tags" / "diplomacy" / "index.html").read_text(encoding="utf-8")
    assert f'href="/posts/{second.slug}/"' in tag_page

    drafts = _build(site, "--buildDrafts")
    talks = (drafts / "posts" / first.slug / "index.html").read_text(encoding="utf-8").replace("&#43;", "+")
    assert "<h1>Трудный диалог: делегации завершили переговоры</h1>" in talks
    assert 'lang="ru"' in talks and 'data-draft="true"' in talks
    assert 'datetime="2025-03-25T13:00:00+00:00"' in talks and "25 March 2025" in talks
    assert f'data-translation-key="page/{first.uuid}"' in talks
    assert '<p class="byline">Алия Серикова, Ivan Petrov</p>' in talks
    assert "Oil, gas</a>" in talks and "<blockquote>" in talks
