"""One story as one self-contained HTML file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from curator.domain.stories import StoryFields
from curator.io.export_html import export_story_html
from curator.services.library import Library
from tests.io.conftest import HOSTILE_BODY, TINY_PNG, html_problems, rich_stories


def test_single_file_carries_everything(library: Library, tmp_path: Path) -> None:
    first, second, _third = rich_stories(library)
    path = export_story_html(library, first, tmp_path / "out" / "talks.html")
    html = path.read_text(encoding="utf-8")
    assert "<style>" in html and "prefers-color-scheme: dark" in html and 'rel="stylesheet"' not in html
    assert '<meta name="color-scheme" content="light dark">' in html
    for element_id in ("story-headline", "story-dek", "story-body"):
        assert f'id="{element_id}"' in html
    assert "By Алия Серикова, Ivan Petrov" in html
    assert "Original author: Айгерим Сапарова" in html
    assert '<img src="https://images.example.org/talks.jpg" alt="иллюстративное фото">' in html
    assert "Photo: Архив редакции" in html
    assert '<time datetime="2025-03-25T13:00:00+00:00">25 March 2025</time>' in html
    assert '<html lang="ru">' in html
    # The related story is not in this file, so its headline is shown but not linked.
    assert "<li>Second: story with a footnote</li>" in html
    (ld,) = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.DOTALL)
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["headline"].startswith("Трудный диалог")
    assert data["datePublished"] == "2025-03-25T13:00:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Алия Серикова"}, {"@type": "Person", "name": "Ivan Petrov"}]
    assert data["image"]["creditText"] == "Архив редакции"
    assert data["keywords"] == ["Oil, gas", "yes", "Дипломатия"]
    # A folder as the target gets the story's slug as file name.
    assert export_story_html(library, second, tmp_path).name == "second-story-with-a-footnote.html"


def test_local_photo_is_embedded(library: Library, tmp_path: Path) -> None:
    photo = tmp_path / "p.png"
    photo.write_bytes(TINY_PNG)
    story = library.stories.create(StoryFields(headline="Photo", photo=str(photo), photo_credit="Desk")).story
    html = export_story_html(library, story.id, tmp_path / "p.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html
    photo.unlink()
    html = export_story_html(library, story.id, tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<img" not in html and "Photo: Desk" in html


def test_hostile_content_never_reaches_the_file(library: Library, tmp_path: Path) -> None:
    story = library.stories.create(
        StoryFields(headline="x</title><script>alert(1)</script>", dek="</script>", body=HOSTILE_BODY)
    ).story
    html = export_story_html(library, story.id, tmp_path / "h.html").read_text(encoding="utf-8")
    assert html_problems(html) == []
    assert "Before." in html and "After." in html
