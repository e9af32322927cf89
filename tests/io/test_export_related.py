"""Related headlines in every export: relative links inside a site, external links marked, and never a link to a
story that is in the trash, purged or simply not part of the export."""

from __future__ import annotations

import re
from pathlib import Path

from curator.domain.stories import RelatedLink, StoryFields
from curator.io.export_html import export_story_html
from curator.io.export_markdown import export_markdown
from curator.io.export_site import export_site
from curator.io.importer import import_paths
from curator.services.library import Library


def _linked_library(library: Library) -> dict[str, int]:
    """A story linking to three others and to an outside page."""
    ids = {}
    for slug, headline in (
        ("kept", "Grain corridor reopens"),
        ("trashed", "Port strike ends"),
        ("purged", "Rail tariffs change in May"),
    ):
        ids[slug] = library.stories.create(StoryFields(headline=headline, body=f"{headline}.", slug=slug)).story.id
    ids["main"] = library.stories.create(
        StoryFields(
            headline="Talks in Riyadh end",
            body="The talks ended.",
            slug="main",
            related=(
                RelatedLink(target_id=ids["kept"]),
                RelatedLink(target_id=ids["trashed"]),
                RelatedLink(target_id=ids["purged"]),
                RelatedLink(title="Oil output holds steady", url="https://example.org/oil"),
            ),
        )
    ).story.id
    library.stories.trash([ids["trashed"], ids["purged"]])
    library.stories.purge([ids["purged"]])
    return ids


def test_a_site_links_exported_stories_relatively_and_nothing_else(library: Library, tmp_path: Path) -> None:
    _linked_library(library)
    export_site(library, tmp_path / "site")
    page = (tmp_path / "site" / "stories" / "main.html").read_text(encoding="utf-8")
    related = re.findall(r'<section class="story-related".*?</section>', page, re.S)[0]
    assert '<a href="kept.html">Grain corridor reopens</a>' in related
    assert '<a href="https://example.org/oil" rel="external noopener noreferrer" class="external">' in related
    # The trashed and the purged story keep their headline as plain text, not a link.
    assert "<li>Port strike ends</li>" in related and "<li>Rail tariffs change in May</li>" in related
    assert not (tmp_path / "site" / "stories" / "trashed.html").exists()
    assert related.count("href=") == 2

    # A story not part of this export is not linked either.
    export_site(library, tmp_path / "main-only", query="Riyadh")
    only = (tmp_path / "main-only" / "stories" / "main.html").read_text(encoding="utf-8")
    assert "kept.html" not in only and "<li>Grain corridor reopens</li>" in only


def test_a_single_file_links_only_outside_pages(library: Library, tmp_path: Path) -> None:
    ids = _linked_library(library)
    html = export_story_html(library, ids["main"], tmp_path / "main.html").read_text(encoding="utf-8")
    related = re.findall(r'<section class="story-related".*?</section>', html, re.S)[0]
    assert related.count("href=") == 1 and 'href="https://example.org/oil"' in related
    assert "Port strike ends" in related and "Rail tariffs change in May" in related


def test_markdown_names_only_exported_stories_and_reimports_without_dangling_links(
    library: Library, tmp_path: Path
) -> None:
    ids = _linked_library(library)
    export_markdown(library, tmp_path / "md")
    text = (tmp_path / "md" / "main.md").read_text(encoding="utf-8")
    front = text.split("\n---", 2)[0]
    assert "story: kept" in front
    assert "story: trashed" not in front and "story: purged" not in front
    assert not (tmp_path / "md" / "trashed.md").exists()

    # Into a fresh library: the kept story is linked again; the others come back as headlines only.

    with Library.open(f"sqlite:///{tmp_path / 'fresh.sqlite'}") as fresh:
        assert import_paths(fresh, [tmp_path / "md"]).ok
        main = fresh.stories.get(fresh.stories.resolve("main"))
        links = {link.title: link for link in main.related}
        assert links["Grain corridor reopens"].target_id == fresh.stories.resolve("kept")
        assert links["Port strike ends"].target_id is None and links["Rail tariffs change in May"].target_id is None
        assert fresh.related.broken_links() == [] or all(
            b.title != "Grain corridor reopens" for b in fresh.related.broken_links()
        )
    assert ids["main"]
