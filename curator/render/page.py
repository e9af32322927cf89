"""Whole HTML pages of stories from the Jinja2 templates shipped in the package.

The GUI preview, the single-file export and the static site all come through here, so a story looks the same
everywhere. Templates autoescape; the story body arrives already sanitised by :func:`render_markdown`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from curator.services.dto import Story

TEMPLATE_PACKAGE = "curator.render"
TEMPLATE_DIR = "templates"


@dataclass(frozen=True)
class RelatedItem:
    """A related headline as a page shows it: a title and, when it can be linked, where to."""

    title: str
    href: str | None = None
    external: bool = False


@dataclass(frozen=True)
class PageOptions:
    """How a page is assembled: inline or linked stylesheet, extra head content for the preview, …"""

    inline_css: bool = True
    stylesheet_href: str = "style.css"
    # Related headlines already resolved to links by the caller (export decides what may be linked).
    related: tuple[RelatedItem, ...] | None = None
    json_ld: tuple[dict[str, Any], ...] = ()
    extra_head: str = ""
    base_path: str = ""
    meta: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["isodate"] = lambda d: d.isoformat() if isinstance(d, datetime) else ""
    env.filters["longdate"] = lambda d: f"{d:%-d %B %Y}" if isinstance(d, datetime) else ""
    env.filters["json_ld"] = _json_ld
    return env


def _json_ld(data: dict[str, Any]) -> Markup:
    # Inside <script>, "</" must not appear or it would close the element early.
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return Markup(text)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The one stylesheet every page uses (inlined in single files and the preview, linked in a site)."""
    return (resources.files(TEMPLATE_PACKAGE) / TEMPLATE_DIR / "style.css").read_text(encoding="utf-8")


def default_related(story: Story) -> tuple[RelatedItem, ...]:
    """Related headlines linked the simple way: external URLs as they are, stories in the library unlinked."""
    items = []
    for link in story.related:
        title = link.title or link.target_slug or ""
        if link.url:
            items.append(RelatedItem(title=title, href=link.url, external=True))
        elif title:
            items.append(RelatedItem(title=title))
    return tuple(items)


def render_story_page(story: Story, body_html: str, options: PageOptions | None = None) -> str:
    """A complete HTML5 document for one story."""
    options = options or PageOptions()
    related = options.related if options.related is not None else default_related(story)
    template = environment().get_template("story.html.j2")
    return template.render(
        story=story,
        body=Markup(body_html),
        related=related,
        options=options,
        css=Markup(stylesheet()) if options.inline_css else None,
        extra_head=Markup(options.extra_head),
    )
