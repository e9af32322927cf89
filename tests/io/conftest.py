"""Helpers for the import/export tests: the project's own fixtures and a way to look inside exported HTML."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from curator.core.status import Status
from curator.domain.stories import RelatedLink, StoryFields
from curator.services.library import Library
from tests.conftest import FIXTURES, new_sqlite_library
from tests.render.test_render import HOSTILE


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES / "io"


_DANGEROUS = {"script", "iframe", "object", "embed", "style", "meta", "svg", "form", "input", "base", "link", "frame"}


class Inspector(HTMLParser):
    """What a browser would act on in an exported page, apart from what the page itself needs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_json_ld = False
        self.json_ld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        own_meta = tag == "meta" and set(values) <= {"charset", "name", "content"}
        own_link = tag == "link" and values.get("rel") in ("stylesheet", "alternate", "canonical", "prev", "next")
        # The page's own inline stylesheet has no attributes (its text is Curator's, checked in the tests).
        own_style = tag == "style" and not values
        if tag == "script" and values.get("type") == "application/ld+json" and set(values) == {"type"}:
            self._in_json_ld = True
        elif tag in _DANGEROUS and not (own_meta or own_link or own_style):
            self.problems.append(f"<{tag}>")
        for name, value in values.items():
            low = value.strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "cite", "poster"):
                scheme = "".join(low.split()).split(":")[0]
                if scheme in ("javascript", "vbscript") or (scheme == "data" and not low.startswith("data:image/")):
                    self.problems.append(f"{tag}[{name}={value[:40]}]")
            if name == "style" and low.replace(" ", "") not in (
                "text-align:left",
                "text-align:right",
                "text-align:center",
            ):
                self.problems.append(f"{tag}[style={value}]")
            if name == "http-equiv":
                self.problems.append(f"{tag}[http-equiv]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)


def html_problems(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    for block in inspector.json_ld:
        json.loads(block)
    return inspector.problems


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to compare a folder before and after."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def other_library(sqlite_template: Path, tmp_path: Path) -> Iterator[Library]:
    """A second, empty library (SQLite) to import exports into."""
    with Library.open(new_sqlite_library(sqlite_template, tmp_path / "other.sqlite")) as library:
        yield library


HOSTILE_BODY = "Before.\n\n" + "\n\n".join(HOSTILE) + "\n\nAfter."


def rich_stories(library: Library) -> list[int]:
    """A few stories using every field, linked to each other and to the outside."""
    first = library.stories.create(
        StoryFields(
            headline="Трудный диалог: делегации завершили переговоры",
            dek="Первая строка.\n\nВторая: «цитата».",
            body="## Раздел\n\nТекст с примечанием[^1].\n\n> Цитата\n\n[^1]: Источник.\n",
            byline="Алия Серикова, Ivan Petrov",
            original_author="Айгерим Сапарова",
            outlet_name="Степной вестник",
            outlet_url="https://steppe.example.org",
            photo="https://images.example.org/talks.jpg",
            photo_credit="Архив редакции",
            photo_caption="иллюстративное фото",
            language="ru",
            status=Status.COPY_EDIT,
            tags=("Дипломатия", "Oil, gas", "yes"),
            published_at=datetime(2025, 3, 25, 13, 0, tzinfo=UTC),
            slug="talks-custom-slug",
            extra={"weight": 3, "date_seen": "2025-03-25", "flag": "yes", "nested": {"a": [1, "x"]}},
        )
    ).story
    second = library.stories.create(
        StoryFields(
            headline="Second: story with a footnote",
            body="Note[^1] in the first paragraph.\n\n## Heading\n\n[^1]: The note.",
            status=Status.PUBLISHED,
            tags=("Diplomacy",),
            related=(
                RelatedLink(target_id=first.id),
                RelatedLink(title="External", url="https://news.example.org/a"),
                RelatedLink(title="Just a title"),
            ),
        )
    ).story
    library.stories.save(
        first.id, first.fields().replace(related=(RelatedLink(target_id=second.id),)), base_version=first.version
    )
    third = library.stories.create(
        StoryFields(headline="Third: plain", body="Plain body[^1].\n\n[^1]: Another note.", tags=("Diplomacy",))
    ).story
    return [first.id, second.id, third.id]
