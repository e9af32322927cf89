"""What an importer makes of one file: story fields, plus related headlines still to be matched to stories."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from curator.domain.stories import StoryFields
from curator.related.terms import HeadlineKey
from curator.services.derived import TextDerived


@dataclass(frozen=True)
class RelatedRef:
    """A related headline as a file gives it: a title, and maybe a URL or the target story's UUID or slug."""

    title: str = ""
    url: str = ""
    uuid: str = ""
    slug: str = ""
    key: str = ""  # headline_key(title), worked out while parsing (in a worker process on big imports)


@dataclass(frozen=True)
class ParsedStory:
    """One imported story before it is stored. ``fields.related`` is empty: ``related`` holds the references."""

    fields: StoryFields
    related: tuple[RelatedRef, ...] = ()
    # The story's own UUID as the file names it (files Curator exported), so that links between files resolve.
    uuid: str = ""
    # Index data worked out with the parse (in the worker process on big imports), so storing needs less.
    derived: TextDerived | None = field(default=None, compare=False)
    # The body rendered to HTML with the parse (in the worker process on big imports), stored with the story.
    body_html: str | None = field(default=None, compare=False)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str) -> str:
    """en, ru or kk from the alphabet of ``text`` (Kazakh has letters Russian lacks)."""
    sample = text[:20_000]
    if not _CYRILLIC.search(sample):
        return "en"
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic < len(_LATIN.findall(sample)):
        return "en"
    return "kk" if len(_KAZAKH.findall(sample)) >= max(2, cyrillic // 200) else "ru"


@lru_cache(maxsize=65536)
def headline_key(headline: str) -> str:
    """A headline reduced for matching: case, accents, punctuation, quotes and spacing do not count.

    The same key as the library's own headline lookup (``lib.related.find_stories_by_headline``), so a related
    headline an import links to a story is the one the app would find for it."""
    return HeadlineKey.of(headline).full
