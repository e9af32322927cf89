"""When two versions of a story's fields count as the same: the one rule the save path and the editor share.

Kept free of the database (no SQLAlchemy), so the window can import it before the library opens.
"""

from __future__ import annotations

from curator.domain.stories import RelatedLink, StoryFields


def comparable(fields: StoryFields) -> StoryFields:
    """Fields as compared for "has anything changed": tag order and the slug do not count, nor what the library
    says of a related story (its slug, whether it is in the trash), only which story or address a link names."""
    return fields.replace(
        slug=None,
        tags=tuple(sorted(fields.tags, key=str.casefold)),
        related=tuple(
            RelatedLink(
                title=r.title, url=r.url, target_id=r.target_id, target_uuid=None if r.target_id else r.target_uuid
            )
            for r in fields.related
        ),
        extra=dict(fields.extra),
    )
