"""Whole HTML pages of stories from the Jinja2 templates shipped in the package.

The GUI preview, the single-file export and the static site all come through here, so a story looks the same
everywhere. Templates autoescape; the story body arrives already sanitised by :func:`render_markdown`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from curator.domain.factcheck import FactCheck
from curator.domain.newsroom import Newsroom
from curator.domain.stories import Story
from curator.render.sanitize import prefix_ids

TEMPLATE_PACKAGE = "curator.render"
TEMPLATE_DIR = "templates"


@dataclass(frozen=True)
class RelatedItem:
    """A related headline as a page shows it: a title and, when it can be linked, where to."""

    title: str
    href: str | None = None
    external: bool = False


@dataclass(frozen=True)
class SiteNav:
    """The links a page of a static site carries to the rest of the site (relative to that page)."""

    title: str
    home_href: str
    tags_href: str
    feed_href: str = ""
    generated: datetime | None = None


@dataclass(frozen=True)
class SourceItem:
    """A source as a story's public page lists it: its name and, for web addresses, a link. Never its status."""

    name: str
    href: str | None = None


@dataclass(frozen=True)
class ClaimItem:
    """A judged claim as a story page lists it; ``anchor`` is the element id its ClaimReview ``url`` points at."""

    anchor: str
    text: str
    claimant: str
    verdict: str
    tone: str
    rationale: str = ""  # the public rationale, written for readers


def web_href(url: str) -> str | None:
    """A link target fit for a page: web and mail addresses only (never javascript:, file: or relative)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    if parts.scheme.lower() == "mailto" and parts.path:
        return url.strip()
    return None


def factcheck_items(check: FactCheck | None) -> tuple[tuple[SourceItem, ...], tuple[ClaimItem, ...]]:
    """What a story's public page shows of its fact check: the sources the desk made public (names and links,
    no statuses) and the claims with a verdict and a public rationale. Everything else stays internal."""
    if check is None:
        return (), ()
    sources = tuple(SourceItem(s.name, web_href(s.url)) for s in check.sources if s.public)
    claims = tuple(
        ClaimItem(
            f"claim-{c.id}",
            " ".join(c.text.split()),
            c.claimant,
            c.verdict_label,
            check.scale.tone(c.verdict),
            c.public_rationale.strip(),
        )
        for c in check.claims
        if c.publishable
    )
    return sources, claims


def claim_reviews_json_ld(
    story: Story, check: FactCheck | None, *, newsroom: Newsroom, url: str = ""
) -> tuple[dict[str, Any], ...]:
    """schema.org ClaimReview objects for the story's published claims, signed by ``newsroom``."""
    if check is None:
        return ()
    from curator.render.claimreview import story_claim_reviews

    return tuple(story_claim_reviews(story, check, newsroom=newsroom, page_url=url))


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
    # Tags as links (a site's tag pages); None shows the story's tags as plain text.
    tags: tuple[RelatedItem, ...] | None = None
    # The photo's src as the page should use it (a copied file, a data: URI); None uses the story's photo as is,
    # "" shows no image (only credit and caption).
    photo_src: str | None = None
    # Namespace for the ids in the body, so headings and footnotes can never clash with the page's own ids.
    id_prefix: str = ""
    site: SiteNav | None = None
    canonical: str = ""
    show_updated: bool = False
    # The story's sources and judged claims, listed under the story (see :func:`factcheck_items`).
    sources: tuple[SourceItem, ...] = ()
    claims: tuple[ClaimItem, ...] = ()


def isodate(when: object) -> str:
    """A machine-readable time to the second (what HTML's datetime attribute and Atom accept)."""
    return when.isoformat(timespec="seconds") if isinstance(when, datetime) else ""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # Templates ship inside the package and never change while running: no file checks per page.
        auto_reload=False,
    )
    env.filters["isodate"] = isodate
    env.filters["longdate"] = lambda d: f"{d.day} {d:%B %Y}" if isinstance(d, datetime) else ""
    env.filters["json_ld"] = _json_ld
    return env


def _json_ld(data: dict[str, Any]) -> Markup:
    # Inside <script> nothing may look like markup ("</script>", "<!--"): escape <, > and & as JSON allows.
    # One line: the indented form goes through the pure-Python encoder, many times slower on big exports.
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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
    tags = options.tags if options.tags is not None else tuple(RelatedItem(title=t) for t in story.tags)
    photo_src = options.photo_src if options.photo_src is not None else story.photo
    template = environment().get_template("story.html.j2")
    return template.render(
        story=story,
        body=Markup(prefix_ids(body_html, options.id_prefix)),
        related=related,
        tags=tags,
        photo_src=photo_src,
        lang=story.language or "en",
        options=options,
        css=Markup(stylesheet()) if options.inline_css else None,
        extra_head=Markup(options.extra_head),
    )


@dataclass(frozen=True)
class ListEntry:
    """A story as a listing (index, tag page) shows it."""

    href: str
    headline: str
    dek: str = ""
    byline: str = ""
    outlet: str = ""
    date: datetime | None = None
    excerpt: Markup | None = None
    tags: tuple[RelatedItem, ...] = ()
    lang: str = ""


@dataclass(frozen=True)
class Pager:
    number: int = 1
    pages: int = 1
    prev_href: str = ""
    next_href: str = ""


@dataclass(frozen=True)
class CountedLink:
    title: str
    href: str
    count: int


def render_list_entry(entry: ListEntry, lang: str = "en") -> Markup:
    """One story of a listing as HTML (``lang``: the page's language). A site renders each story's entry once
    and puts it on every page that lists it (its index page, its tag pages)."""
    return Markup(environment().get_template("entry.html.j2").render(e=entry, lang=lang) + "\n")


def render_list_page(
    *,
    heading: str,
    entries: tuple[ListEntry | Markup, ...] = (),
    options: PageOptions,
    pager: Pager | None = None,
    intro: str = "",
    links: tuple[CountedLink, ...] = (),
    lang: str = "en",
) -> str:
    """A page listing stories (an index or tag page), or links (the list of tags); ``entries`` as
    :class:`ListEntry` or already rendered by :func:`render_list_entry`."""
    template = environment().get_template("list.html.j2")
    return template.render(
        heading=heading,
        entries=tuple(e if isinstance(e, Markup) else render_list_entry(e, lang) for e in entries),
        pager=pager or Pager(),
        intro=intro,
        links=links,
        lang=lang,
        options=options,
        css=Markup(stylesheet()) if options.inline_css else None,
        extra_head=Markup(options.extra_head),
    )


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _XML_INVALID.sub("", text)


def render_feed(
    *, title: str, feed_id: str, updated: datetime, entries: list[dict[str, Any]], base_url: str = ""
) -> str:
    """An Atom feed; each entry: uuid, href, headline, dek, byline, published, updated, tag_names, content (HTML)."""
    template = environment().get_template("feed.atom.j2")
    return template.render(title=xml_text(title), feed_id=feed_id, updated=updated, entries=entries, base_url=base_url)


def news_article_json_ld(
    story: Story, *, url: str = "", image: str = "", publisher: str = "", newsroom: Newsroom | None = None
) -> dict[str, Any]:
    """schema.org NewsArticle for a story; published by ``newsroom`` when one is set, else by ``publisher``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110] or "Untitled story",
        "inLanguage": story.language or "en",
        "dateCreated": isodate(story.created_at),
        "dateModified": isodate(story.updated_at),
        "wordCount": story.word_count,
        "identifier": f"urn:uuid:{story.uuid}",
    }
    if story.headline and len(story.headline) > 110:
        data["alternativeHeadline"] = story.headline
    if story.published_at:
        data["datePublished"] = isodate(story.published_at)
    if story.dek:
        data["description"] = story.dek
    if story.byline:
        data["author"] = [{"@type": "Person", "name": name.strip()} for name in story.byline.split(",") if name.strip()]
    if story.original_author:
        data["contributor"] = {"@type": "Person", "name": story.original_author}
    if story.outlet_name or story.outlet_url:
        outlet: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": story.outlet_name or story.outlet_url}
        if story.outlet_url:
            outlet["url"] = story.outlet_url
        data["sourceOrganization"] = outlet
    if newsroom:
        data["publisher"] = newsroom.organization()
    elif publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if story.tags:
        data["keywords"] = list(story.tags)
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if image:
        photo: dict[str, Any] = {"@type": "ImageObject", "url": image}
        if story.photo_caption:
            photo["caption"] = story.photo_caption
        if story.photo_credit:
            photo["creditText"] = story.photo_credit
        data["image"] = photo
    return data
