"""Stories in the shape of the shared sample (headline, "Photo:" line, paragraphs, "Original Author:",
"Latest news" list) turned into story fields, the way an import would lay them out in Markdown."""

from __future__ import annotations

from curator.domain.stories import RelatedLink, StoryFields
from tests.conftest import FIXTURES

FACTCHECK_FIXTURES = FIXTURES / "factcheck"


def fields_from_shape(text: str, *, outlet: str = "Steppe Wire", language: str = "en") -> StoryFields:
    lines = [line.strip() for line in text.splitlines()]
    headline = lines[0]
    credit = caption = ""
    rest = lines[1:]
    if rest and rest[0].split(":", 1)[0] in ("Photo", "Фото"):
        credit, _, caption = rest[0].split(":", 1)[1].strip().partition(", ")
        rest = rest[1:]
    paragraphs: list[str] = []
    author = ""
    related: list[RelatedLink] = []
    in_related = False
    for line in rest:
        if not line:
            continue
        if line.startswith("Original Author:"):
            author = line.split(":", 1)[1].strip()
        elif line == "Latest news":
            in_related = True
        elif in_related and line.startswith("- "):
            related.append(RelatedLink(title=line[2:]))
        else:
            paragraphs.append(line)
    return StoryFields(
        headline=headline,
        body="\n\n".join(paragraphs),
        photo_credit=credit,
        photo_caption=caption,
        original_author=author,
        outlet_name=outlet,
        outlet_url="https://steppe-wire.example/",
        language=language,
        related=tuple(related),
    )


def fixture_text(name: str) -> str:
    return (FACTCHECK_FIXTURES / name).read_text(encoding="utf-8")


def fixture_fields(name: str, **kwargs: object) -> StoryFields:
    return fields_from_shape(fixture_text(name), **kwargs)  # type: ignore[arg-type]
