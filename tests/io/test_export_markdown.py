"""Markdown export: every field comes back on import, in either front-matter flavour; nothing hostile goes out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
import pytest

from curator.domain.stories import Story, StoryFields
from curator.io.export_markdown import export_markdown
from curator.io.importer import import_paths
from curator.services.library import Library
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.io.conftest import HOSTILE_BODY, html_problems, rich_stories

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"


def _comparable(story: Story) -> dict[str, object]:
    fields = story.fields()
    out = {f.name: getattr(fields, f.name) for f in dataclasses.fields(StoryFields)}
    out["related"] = [(r.title, r.url, r.target_slug) for r in story.related]
    out["slug"] = story.slug
    return out


def _round_trip(source: Library, target: Library, out: Path, flavour: str) -> list[tuple[Story, Story]]:
    report = export_markdown(source, out, flavour=flavour)
    assert report.problems == ()
    imported = import_paths(target, [out])
    assert imported.ok and not imported.duplicates
    pairs = []
    for story in source.stories.get_many([s.id for s in source.search.page(limit=100).items]):
        pairs.append((story, target.stories.get(target.stories.resolve(story.slug))))
    return pairs


def test_yaml_round_trip_keeps_every_field_tag_and_link(
    library: Library, other_library: Library, tmp_path: Path
) -> None:
    rich_stories(library)
    for before, after in _round_trip(library, other_library, tmp_path / "md", "yaml"):
        assert _comparable(after) == _comparable(before)


def test_pelican_round_trip_keeps_what_pelican_metadata_can_hold(
    library: Library, other_library: Library, tmp_path: Path
) -> None:
    rich_stories(library)
    for before, after in _round_trip(library, other_library, tmp_path / "md", "pelican"):
        expected = _comparable(before)
        got = _comparable(after)
        # Pelican's metadata is lines of text: blank lines inside a value and non-text extra values do not survive.
        expected["dek"] = "\n".join(line for line in str(expected["dek"]).split("\n") if line)
        expected["extra"] = {k: v if isinstance(v, str) else str(got["extra"][k]) for k, v in before.extra.items()}  # type: ignore[index]
        assert got == expected


def test_imported_fixtures_survive_export_and_import(library: Library, other_library: Library, tmp_path: Path) -> None:
    assert import_paths(library, [FIXTURES]).ok
    pairs = _round_trip(library, other_library, tmp_path / "md", "yaml")
    assert len(pairs) == len(list(FIXTURES.iterdir()))
    for before, after in pairs:
        assert _comparable(after) == _comparable(before)
    russian = next(a for b, a in pairs if b.headline.startswith("Трудный разговор"))
    assert russian.language == "ru" and russian.outlet_name == "Степной вестник"
    assert russian.slug == "trudnyi-razgovor-delegatsii-zavershili-peregovory-bez-obshchego-zaiavleniia"


def test_exporting_again_into_the_same_library_finds_duplicates(library: Library, tmp_path: Path) -> None:
    rich_stories(library)
    export_markdown(library, tmp_path / "md")
    report = import_paths(library, [tmp_path / "md"])
    assert report.imported == () and len(report.duplicates) == 3


def test_query_and_story_ids_choose_the_stories(library: Library, tmp_path: Path) -> None:
    first, second, _third = rich_stories(library)
    export_markdown(library, tmp_path / "q", query="tag:diplomacy")
    assert sorted(p.name for p in (tmp_path / "q").glob("*.md")) == [
        "second-story-with-a-footnote.md",
        "third-plain.md",
    ]
    export_markdown(library, tmp_path / "ids", story_ids=[first])
    text = (tmp_path / "ids" / "talks-custom-slug.md").read_text(encoding="utf-8")
    # The linked story is not in this export: the link keeps its UUID (it resolves on import into this library)
    # but names no file.
    assert "story: second-story" not in text and f"uuid: {library.stories.get(second).uuid}" in text


@pytest.mark.parametrize("flavour", ["yaml", "pelican"])
def test_hostile_markdown_never_reaches_the_files(library: Library, tmp_path: Path, flavour: str) -> None:
    library.stories.create(
        StoryFields(
            headline="Bad <script>alert(1)</script> headline",
            dek='<img src=x onerror="alert(1)"> dek',
            byline="<iframe src=https://evil.example></iframe>Name",
            body=HOSTILE_BODY,
        )
    )
    export_markdown(library, tmp_path / "md", flavour=flavour)
    (path,) = (tmp_path / "md").glob("*.md")
    text = path.read_text(encoding="utf-8")
    lowered = text.lower()
    for needle in ("<script", "onerror", "javascript:", "<iframe", "<style", "http-equiv", "onclick", "<object"):
        assert needle not in lowered
    # Rendered the way Pelican does (Python-Markdown, extra + meta, no sanitiser), nothing dangerous appears.
    html = markdown.markdown(text, extensions=["extra", "meta"])
    assert html_problems(html) == []
    assert "Before." in html and "After." in html
