"""What an importer makes of one file: story fields, plus related headlines still to be matched to stories."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from curator.services.derived import TextDerived
from curator.services.dto import StoryFields


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


_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def headline_key(headline: str) -> str:
    """A headline reduced for matching: case, punctuation, quotes and spacing do not count."""
    text = unicodedata.normalize("NFKC", headline).casefold().translate(_APOSTROPHES)
    return _NOT_WORD.sub(" ", text).strip()
