"""What a story's text yields for the indexes, worked out before the story is stored (in an import's worker)."""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.text import index_text, word_count
from curator.domain.stories import StoryFields
from curator.related.terms import story_terms


@dataclass(frozen=True, eq=False)
class TextDerived:
    """Word count, full-text index text and related-story terms of one story's text.

    ``lengths`` guards against use with other text: the story service ignores a value whose lengths differ.
    """

    lengths: tuple[int, int, int, int, int]
    words: int
    index: tuple[str, str, str, str, str]
    terms: dict[str, int]

    def fits(self, fields: StoryFields) -> bool:
        return self.lengths == _lengths(fields)


def _lengths(fields: StoryFields) -> tuple[int, int, int, int, int]:
    return (len(fields.headline), len(fields.dek), len(fields.body), len(fields.byline), len(fields.outlet_name))


def derive(fields: StoryFields) -> TextDerived:
    """The derived data of normalised fields (pure: safe to compute in another process)."""
    return TextDerived(
        lengths=_lengths(fields),
        words=word_count(fields.body),
        index=(
            index_text(fields.headline),
            index_text(fields.dek),
            index_text(fields.body),
            index_text(fields.byline),
            index_text(fields.outlet_name),
        ),
        terms=story_terms(fields.headline, fields.dek, fields.body),
    )
