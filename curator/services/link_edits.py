"""Editing a story's list of related headlines: pure functions on link tuples (no database), shared by the
related service, which saves the result, and the app, which keeps it as an unsaved change."""

from __future__ import annotations

from collections.abc import Sequence

from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink
from curator.services.validate import check_url, clean_line


def story_link(target_id: int, title: str = "") -> RelatedLink:
    """A link to a stored story (its headline becomes the title when none is given)."""
    return RelatedLink(title=title, target_id=target_id)


def external_link(title: str, url: str) -> RelatedLink:
    """An external headline; raises :class:`ValidationError` for a missing title or a URL that is not a web one."""
    title = clean_line(title)
    url = check_url("related link", url)
    if not title:
        raise ValidationError("related link", "an external headline needs a title")
    if not url:
        raise ValidationError("related link", f"“{title}” needs a web address (http:// or https://)")
    return RelatedLink(title=title, url=url)


def _same_link(a: RelatedLink, b: RelatedLink) -> bool:
    if a.target_id is not None or b.target_id is not None:
        return a.target_id == b.target_id
    return bool(a.url) and a.url == b.url


def _check_position(links: Sequence[RelatedLink], position: int, *, insert: bool = False) -> None:
    upper = len(links) if insert else len(links) - 1
    if not 0 <= position <= upper:
        raise ValidationError("related", f"there is no related headline at position {position + 1}")


def with_link_added(
    links: Sequence[RelatedLink], link: RelatedLink, position: int | None = None
) -> tuple[RelatedLink, ...]:
    """``links`` with ``link`` inserted at ``position`` (default: at the end); refuses duplicates."""
    for existing in links:
        if _same_link(existing, link):
            raise ValidationError("related", f"“{existing.title or link.title}” is already a related headline")
    position = len(links) if position is None else position
    _check_position(links, position, insert=True)
    return (*links[:position], link, *links[position:])


def with_link_moved(links: Sequence[RelatedLink], source: int, target: int) -> tuple[RelatedLink, ...]:
    """``links`` with the one at ``source`` moved to ``target`` (as drag and drop does)."""
    _check_position(links, source)
    _check_position(links, target)
    items = list(links)
    items.insert(target, items.pop(source))
    return tuple(items)


def with_links_ordered(links: Sequence[RelatedLink], order: Sequence[int]) -> tuple[RelatedLink, ...]:
    """``links`` in a new order given as their current positions (a permutation)."""
    if sorted(order) != list(range(len(links))):
        raise ValidationError("related", "the new order must name every related headline once")
    return tuple(links[i] for i in order)


def with_link_removed(links: Sequence[RelatedLink], position: int) -> tuple[RelatedLink, ...]:
    _check_position(links, position)
    return (*links[:position], *links[position + 1 :])


def with_link_replaced(links: Sequence[RelatedLink], position: int, link: RelatedLink) -> tuple[RelatedLink, ...]:
    _check_position(links, position)
    for i, existing in enumerate(links):
        if i != position and _same_link(existing, link):
            raise ValidationError("related", f"“{existing.title or link.title}” is already a related headline")
    return (*links[:position], link, *links[position + 1 :])
