"""One story as one self-contained HTML5 file: inline stylesheet, the photo embedded, JSON-LD, no outside links
needed to show it."""

from __future__ import annotations

import base64
from pathlib import Path

from curator.core.files import write_text_atomic
from curator.domain.stories import Story
from curator.io.errors import ExportError
from curator.io.export_common import image_type, local_photo, without_unresolvable_links
from curator.render.page import (
    PageOptions,
    claim_reviews_json_ld,
    factcheck_items,
    news_article_json_ld,
    render_story_page,
)
from curator.services.library import Library

MAX_EMBEDDED_PHOTO = 10 * 1024 * 1024
BODY_ID_PREFIX = "body-"


def embedded_photo(story: Story) -> str:
    """The photo as the file can carry it: a web address as is, a local image as a data: URI, else nothing."""
    path = local_photo(story.photo)
    if path is None:
        return story.photo
    kind = image_type(path)
    try:
        if kind is None or not path.is_file() or path.stat().st_size > MAX_EMBEDDED_PHOTO:
            return ""
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
    except OSError:
        return ""


def story_html(library: Library, story: Story) -> str:
    """The complete self-contained page of ``story``."""
    # Relative images and links pointed somewhere beside the draft; a file sent on its own cannot follow them.
    body, _removed = without_unresolvable_links(library.stories.rendered_html(story.id))
    photo = embedded_photo(story)
    web_photo = photo if photo.startswith(("http://", "https://")) else ""
    check = library.factcheck.overview(story.id)
    sources, claims = factcheck_items(check)
    newsroom = library.factcheck.settings.newsroom
    reviews = claim_reviews_json_ld(story, check, newsroom=newsroom)
    options = PageOptions(
        inline_css=True,
        photo_src=photo,
        id_prefix=BODY_ID_PREFIX,
        show_updated=True,
        json_ld=(news_article_json_ld(story, image=web_photo, newsroom=newsroom), *reviews),
        sources=sources,
        claims=claims,
    )
    return render_story_page(story, body, options)


def export_story_html(library: Library, story_id: int, out_path: Path) -> Path:
    """Write story ``story_id`` to ``out_path`` (or to ``<slug>.html`` inside it, if it is a folder).

    The file is written beside its final place and renamed over it, so an existing file is replaced whole or not
    at all. Returns the path written.
    """
    story = library.stories.get(story_id)
    out_path = Path(out_path).expanduser()
    if out_path.is_dir():
        out_path = out_path / f"{story.slug}.html"
    html = story_html(library, story)
    try:
        return write_text_atomic(out_path, html)
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
