"""A static site of stories: an index (newest first, paginated), a page per story, a page per tag, an Atom feed
and one shared stylesheet, every link relative so the folder works from a disk, a USB stick or any web server.

The site is built in a temporary folder beside the target and swapped in at the end (see :class:`AtomicFolder`).
Story bodies come from the renders stored in the library; only stories without a current render are rendered,
in worker processes when there are many, and those renders are stored for next time.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
import shutil
import uuid as uuid_mod
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from curator.core.text import slugify
from curator.domain.factcheck import FactCheck
from curator.domain.stories import Story, StorySummary
from curator.io.export_common import (
    DEFAULT_WORKERS,
    AtomicFolder,
    BodyRenderer,
    ExportReport,
    Progress,
    check_cancel,
    image_type,
    local_photo,
    select_ids,
    without_unresolvable_links,
    write_text,
)
from curator.io.export_html import BODY_ID_PREFIX
from curator.render.factcheck_report import render_factcheck_report
from curator.render.page import (
    CountedLink,
    ListEntry,
    PageOptions,
    Pager,
    RelatedItem,
    SiteNav,
    claim_reviews_json_ld,
    factcheck_items,
    news_article_json_ld,
    render_feed,
    render_list_page,
    render_story_page,
    stylesheet,
    xml_text,
)
from curator.services.library import Library

PAGE_SIZE = 20
FEED_ITEMS = 50
DEFAULT_TITLE = "Stories"

_FIRST_PARAGRAPH = re.compile(r"<p>.*?</p>", re.DOTALL)
_ID_ATTR = re.compile(r'\sid="[^"]*"')
_LOCAL_HREF = re.compile(r'href="#([^"]*)"')


@dataclass
class _Entry:
    id: int
    uuid: str
    slug: str
    headline: str
    dek: str
    byline: str
    outlet: str
    language: str
    date: datetime
    published: datetime | None
    updated: datetime
    tags: tuple[str, ...]
    excerpt: str = ""
    content: str = ""


@dataclass
class _Site:
    root: Path
    title: str
    site_url: str
    ids: set[int]
    tag_slugs: dict[str, str]
    generated: datetime
    # Who publishes the fact checks (ClaimReview author): the settings' organisation, else the site.
    organisation: str = ""
    problems: list[str] = field(default_factory=list)
    written: int = 0

    def nav(self, depth: int) -> SiteNav:
        up = "../" * depth
        return SiteNav(
            title=self.title,
            home_href=f"{up}index.html",
            tags_href=f"{up}tags/index.html",
            feed_href=f"{up}feed.atom",
            generated=self.generated,
        )

    def options(self, depth: int, **kwargs: Any) -> PageOptions:
        return PageOptions(
            inline_css=False, stylesheet_href=f"{'../' * depth}style.css", site=self.nav(depth), **kwargs
        )

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        write_text(path, text)
        self.written += 1
        return path


def export_site(
    library: Library,
    out_dir: Path,
    *,
    query: str = "",
    story_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    title: str = DEFAULT_TITLE,
    site_url: str = "",
    page_size: int = PAGE_SIZE,
    workers: int = DEFAULT_WORKERS,
) -> ExportReport:
    """Write the stories chosen (``story_ids``, else those matching ``query``, else all) as a static site.

    ``site_url`` (optional) makes the feed and the pages' canonical addresses absolute. Raises
    :class:`~curator.io.errors.Cancelled` when ``cancelled()`` says so, and
    :class:`~curator.io.errors.ExportError` when the folder cannot be written; either way the previous site in
    ``out_dir`` is left as it was.
    """
    ids = select_ids(library, query=query, story_ids=story_ids)
    summaries = library.search.summaries(ids)
    order = sorted(ids, key=lambda i: (_date(summaries[i]), i), reverse=True)
    feed_ids = set(order[:FEED_ITEMS])
    total = len(ids)
    with AtomicFolder(out_dir, "site") as folder:
        assert folder.path is not None
        site = _Site(
            root=folder.path,
            title=title.strip() or DEFAULT_TITLE,
            site_url=site_url.rstrip("/"),
            ids=set(ids),
            tag_slugs=_tag_slugs(summaries.values()),
            generated=datetime.now(UTC),
            organisation=library.factcheck.settings.organisation or title.strip() or DEFAULT_TITLE,
        )
        entries: dict[int, _Entry] = {}
        rendered = 0
        done = 0
        for result in _story_pages(library, site, order, feed_ids, workers=workers, cancelled=cancelled):
            entries.update((e.id, e) for e in result.entries)
            site.problems.extend(result.problems)
            site.written += result.written
            rendered += result.rendered
            done += len(result.entries)
            if progress is not None and result.entries:
                progress(done, total, site.root / "stories" / f"{result.entries[-1].slug}.html")
        check_cancel(cancelled, "export")
        ordered = [entries[i] for i in order if i in entries]
        language = Counter(e.language for e in ordered).most_common(1)[0][0] if ordered else "en"
        _write_listing(site, ordered, heading=site.title, base="index", depth=0, page_size=page_size, lang=language)
        _write_tags(site, ordered, page_size=page_size, lang=language)
        _write_feed(site, ordered[:FEED_ITEMS])
        site.write("style.css", stylesheet())
        check_cancel(cancelled, "export")
        folder.commit()
    return ExportReport(
        out_dir=folder.target,
        written=site.written,
        problems=tuple(site.problems),
        stories=len(ordered),
        rendered=rendered,
    )


@dataclass
class _Pages:
    """What writing a run of story pages produced."""

    entries: list[_Entry]
    problems: list[str]
    written: int
    rendered: int


# Stories a worker process writes per job; workers are used from this many stories on.
JOB_SIZE = 250
PARALLEL_THRESHOLD = 300


def _story_pages(
    library: Library,
    site: _Site,
    order: list[int],
    feed_ids: set[int],
    *,
    workers: int,
    cancelled: Callable[[], bool] | None,
) -> Iterator[_Pages]:
    """Story pages, written here or (for big exports) by worker processes that each read, render and write
    their share: the two cores then share the rendering of bodies not rendered yet as well as the pages."""
    url = library.url
    if workers < 2 or len(order) < PARALLEL_THRESHOLD or url is None:
        # Smaller steps here, for finer progress.
        for job in (order[i : i + 25] for i in range(0, len(order), 25)):
            check_cancel(cancelled, "export")
            yield _write_stories(library, site, job, feed_ids, cancelled)
        return
    jobs = [order[i : i + JOB_SIZE] for i in range(0, len(order), JOB_SIZE)]
    bare = dataclasses.replace(site, problems=[], written=0)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(_pages_job, url, bare, job, feed_ids & set(job)) for job in jobs]
        for future in futures:
            while True:
                check_cancel(cancelled, "export")
                try:
                    yield future.result(timeout=0.2)
                    break
                except FutureTimeout:
                    continue
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pages_job(url: str, site: _Site, job: list[int], feed_ids: set[int]) -> _Pages:
    """One worker's share: its own connection to the library, its own renders."""
    with Library.open(url, attach=True) as library:
        return _write_stories(library, site, job, feed_ids, None)


def _write_stories(
    library: Library, site: _Site, job: list[int], feed_ids: set[int], cancelled: Callable[[], bool] | None
) -> _Pages:
    renderer = BodyRenderer(library)
    bodies = renderer.bodies(job)
    checks = library.factcheck.overviews(job)
    written_before = site.written
    problems_before = len(site.problems)
    entries = []
    for story in library.stories.get_many(job):
        check_cancel(cancelled, "export")
        body, removed = without_unresolvable_links(bodies[story.id])
        site.problems.extend(f"{story.slug}: left out the {what}, which points nowhere in a site" for what in removed)
        check = checks.get(story.id)
        _write_story(site, story, body, check)
        if check is not None:
            # The checker's record (open items, notes) goes beside the page, not linked from it.
            site.write(
                f"factcheck/{story.slug}.html", render_factcheck_report(story, check, generated_at=site.generated)
            )
        entries.append(_entry(story, body, with_content=story.id in feed_ids))
    pages = _Pages(
        entries=entries,
        problems=site.problems[problems_before:],
        written=site.written - written_before,
        rendered=renderer.rendered,
    )
    # The caller adds these up.
    del site.problems[problems_before:]
    site.written = written_before
    return pages


def _date(s: StorySummary | Story) -> datetime:
    return s.published_at or s.created_at


def _tag_slugs(summaries: Sequence[StorySummary] | object) -> dict[str, str]:
    """A file name per tag (case-insensitively the same tag), unique even when two tags slugify alike."""
    names: dict[str, str] = {}
    for s in summaries:  # type: ignore[attr-defined]
        for tag in s.tags:
            names.setdefault(tag.casefold(), tag)
    out: dict[str, str] = {}
    used: set[str] = {"index"}
    for key in sorted(names):
        base = slugify(names[key])
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[key] = slug
    return out


def _tag_href(site: _Site, tag: str, depth: int) -> str:
    prefix = "../" * depth
    return f"{prefix}tags/{site.tag_slugs[tag.casefold()]}.html"


def _write_story(site: _Site, story: Story, body: str, check: FactCheck | None = None) -> Path:
    related = []
    for link in story.related:
        title = link.title or link.target_slug or ""
        if link.target_id in site.ids and link.target_slug:
            related.append(RelatedItem(title=title, href=f"{link.target_slug}.html"))
        elif link.url:
            related.append(RelatedItem(title=title or link.url, href=link.url, external=True))
        elif title:
            related.append(RelatedItem(title=title))
    photo_src, photo_url = _photo(site, story)
    url = f"{site.site_url}/stories/{story.slug}.html" if site.site_url else ""
    sources, claims = factcheck_items(check)
    reviews = claim_reviews_json_ld(story, check, url=url, author_name=site.organisation)
    options = site.options(
        1,
        related=tuple(related),
        tags=tuple(RelatedItem(title=t, href=_tag_href(site, t, 1)) for t in story.tags),
        photo_src=photo_src,
        id_prefix=BODY_ID_PREFIX,
        canonical=url,
        show_updated=True,
        json_ld=(news_article_json_ld(story, url=url, image=photo_url, publisher=site.title), *reviews),
        sources=sources,
        claims=claims,
    )
    return site.write(f"stories/{story.slug}.html", render_story_page(story, body, options))


def _photo(site: _Site, story: Story) -> tuple[str, str]:
    """(src for the story page, absolute URL for JSON-LD) of the story's photo; local images are copied in."""
    path = local_photo(story.photo)
    if path is None:
        return story.photo, story.photo
    kind = image_type(path)
    if kind is None or not path.is_file():
        site.problems.append(f"{story.slug}: the photo {story.photo!r} is not an image file that can be read")
        return "", ""
    name = f"{story.slug}{path.suffix.lower()}"
    try:
        (site.root / "media").mkdir(exist_ok=True)
        shutil.copyfile(path, site.root / "media" / name)
    except OSError as exc:
        site.problems.append(f"{story.slug}: cannot copy the photo {path}: {exc.strerror or exc}")
        return "", ""
    site.written += 1
    return f"../media/{name}", f"{site.site_url}/media/{name}" if site.site_url else ""


def _entry(story: Story, body: str, *, with_content: bool) -> _Entry:
    first = _FIRST_PARAGRAPH.search(body)
    return _Entry(
        id=story.id,
        uuid=story.uuid,
        slug=story.slug,
        headline=story.headline,
        dek=story.dek,
        byline=story.byline,
        outlet=story.outlet_name,
        language=story.language or "en",
        date=_date(story),
        published=story.published_at,
        updated=story.updated_at,
        tags=story.tags,
        # Ids stay on the story's own page: several excerpts on one page must not share an id.
        excerpt=_ID_ATTR.sub("", first.group(0)) if first else "",
        content=body if with_content else "",
    )


def _list_entry(site: _Site, e: _Entry, depth: int) -> ListEntry:
    href = f"{'../' * depth}stories/{e.slug}.html"
    excerpt = _LOCAL_HREF.sub(lambda m: f'href="{href}#{BODY_ID_PREFIX}{m.group(1)}"', e.excerpt)
    return ListEntry(
        href=href,
        headline=e.headline,
        dek=e.dek,
        byline=e.byline,
        outlet=e.outlet,
        date=e.date,
        excerpt=Markup(excerpt) if excerpt else None,
        tags=tuple(RelatedItem(title=t, href=_tag_href(site, t, depth)) for t in e.tags),
        lang=e.language,
    )


def _write_listing(
    site: _Site,
    entries: list[_Entry],
    *,
    heading: str,
    base: str,
    depth: int,
    page_size: int,
    lang: str,
    intro: str = "",
) -> None:
    """``base``.html, ``base``-2.html, … in the folder ``depth`` levels down (0: the site's root)."""
    folder = "tags/" if depth else ""
    pages = max(1, -(-len(entries) // page_size))

    def name(n: int) -> str:
        return f"{base}.html" if n == 1 else f"{base}-{n}.html"

    for n in range(1, pages + 1):
        chunk = entries[(n - 1) * page_size : n * page_size]
        pager = Pager(
            number=n,
            pages=pages,
            prev_href=name(n - 1) if n > 1 else "",
            next_href=name(n + 1) if n < pages else "",
        )
        html = render_list_page(
            heading=heading,
            entries=tuple(_list_entry(site, e, depth) for e in chunk),
            options=site.options(depth),
            pager=pager,
            intro=intro,
            lang=lang,
        )
        site.write(f"{folder}{name(n)}", html)


def _write_tags(site: _Site, entries: list[_Entry], *, page_size: int, lang: str) -> None:
    by_tag: dict[str, list[_Entry]] = {}
    names: dict[str, str] = {}
    for e in entries:
        for tag in e.tags:
            by_tag.setdefault(tag.casefold(), []).append(e)
            names.setdefault(tag.casefold(), tag)
    for key, tagged in by_tag.items():
        count = len(tagged)
        _write_listing(
            site,
            tagged,
            heading=f"Tag: {names[key]}",
            base=site.tag_slugs[key],
            depth=1,
            page_size=page_size,
            lang=lang,
            intro=f"{count} {'story' if count == 1 else 'stories'}",
        )
    links = tuple(
        CountedLink(title=names[key], href=f"{site.tag_slugs[key]}.html", count=len(by_tag[key]))
        for key in sorted(by_tag, key=lambda k: (-len(by_tag[k]), k))
    )
    site.write("tags/index.html", render_list_page(heading="Tags", options=site.options(1), links=links, lang=lang))


def _write_feed(site: _Site, newest: list[_Entry]) -> None:
    feed_id = f"urn:uuid:{uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, site.site_url or 'curator-site:' + site.title)}"
    entries = [
        {
            "uuid": e.uuid,
            "href": f"stories/{e.slug}.html",
            "headline": xml_text(e.headline),
            "dek": xml_text(e.dek),
            "byline": xml_text(e.byline),
            "published": e.published,
            "updated": e.updated,
            "tag_names": [xml_text(t) for t in e.tags],
            "content": xml_text(e.content),
        }
        for e in newest
    ]
    updated = max((e.updated for e in newest), default=site.generated)
    base_url = f"{site.site_url}/" if site.site_url else ""
    site.write(
        "feed.atom", render_feed(title=site.title, feed_id=feed_id, updated=updated, entries=entries, base_url=base_url)
    )
