"""A static site of stories: an index (newest first, paginated), a page per story, a page per tag, an Atom feed
and one shared stylesheet, every link relative so the folder works from a disk, a USB stick or any web server.

Exports are incremental. The folder's manifest (see :mod:`curator.io.export_folder`) remembers, for every group of
files (a story's page with its photo, an index page, a tag page, the feed), a key of the
inputs it was made from; exporting again into the same folder writes only the groups whose key changed, removes
the pages of stories that left the export, and gives the same bytes a full export would (``full=True`` writes
everything again). Keys are worked out without reading the stories: the story's stamp from
:mod:`curator.services.publishing`, its tags and their file names, which of its related stories are in the
export, its photo file, and the site's settings, templates and renderer. Pages hold no time of export: a listing's
footer shows the newest story it lists, so an unchanged library exports to the same bytes every time.

Changed files are staged beside the target and swapped in at the end, so a failed or interrupted export leaves the
previous site whole. Story bodies come from the renders stored in the library (made when a story is saved or
imported); the few without one are rendered here. Big exports write their story pages in worker processes.
"""

from __future__ import annotations

import hashlib
import re
import uuid as uuid_mod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

import curator
from curator.core.text import slugify
from curator.domain.factcheck import FactCheck
from curator.domain.newsroom import Newsroom
from curator.domain.stories import Story, StorySummary
from curator.io import workers as worker_processes
from curator.io.errors import ExportError
from curator.io.export_common import (
    DEFAULT_WORKERS,
    BodyRenderer,
    ExportReport,
    Progress,
    check_cancel,
    image_type,
    local_photo,
    select_summaries,
    without_unresolvable_links,
)
from curator.io.export_folder import ExportFolder, Group, Writer
from curator.io.export_html import BODY_ID_PREFIX
from curator.render.markdown import RENDER_KEY
from curator.render.page import (
    TEMPLATE_DIR,
    TEMPLATE_PACKAGE,
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
    render_list_entry,
    render_list_page,
    render_story_page,
    stylesheet,
    xml_text,
)
from curator.services.library import Library
from curator.services.publishing import PageInputs

PAGE_SIZE = 20
FEED_ITEMS = 50
DEFAULT_TITLE = "Stories"
# Bump when the pages this module writes change for the same inputs: every page is then written again.
SITE_FORMAT = 4  # 4: only the fact check's public side on pages; no checker's reports in the folder
# "factcheck" held the checker's reports in sites exported before; listed so those files are removed.
FOLDERS = ("stories", "tags", "factcheck", "media")
# An empty site's feed needs some time: the epoch, not the clock.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

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
    # The entry as listings show it, rendered once with a marker where "../" goes on tag pages (see _UP).
    marked: str = ""
    # Only ``marked`` is known (from the entry cache of the previous export).
    cached: bool = False


def _from_cache(story_id: int, marked: str) -> _Entry:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return _Entry(story_id, "", "", "", "", "", "", "", epoch, None, epoch, (), marked=marked, cached=True)


@dataclass
class _Site:
    """What every page of the export shares (sent to the worker processes as it is)."""

    title: str
    site_url: str
    ids: frozenset[int]
    tag_slugs: dict[str, str]
    # Who signs the fact checks and publishes the stories: the settings' [newsroom], else the site by its title.
    newsroom: Newsroom = field(default_factory=Newsroom)
    # The listings' language: the one most stories are in.
    lang: str = "en"

    def nav(self, depth: int, generated: datetime | None = None) -> SiteNav:
        up = "../" * depth
        return SiteNav(
            title=self.title,
            home_href=f"{up}index.html",
            tags_href=f"{up}tags/index.html",
            feed_href=f"{up}feed.atom",
            generated=generated,
        )

    def options(self, depth: int, generated: datetime | None = None, **kwargs: Any) -> PageOptions:
        return PageOptions(
            inline_css=False, stylesheet_href=f"{'../' * depth}style.css", site=self.nav(depth, generated), **kwargs
        )


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
    full: bool = False,
) -> ExportReport:
    """Write the stories chosen (``story_ids``, else those matching ``query``, else all) as a static site.

    Into a folder holding an earlier site export only what changed is written (``full`` writes every page).
    ``site_url`` (optional) makes the feed and the pages' canonical addresses absolute. Raises
    :class:`~curator.io.errors.Cancelled` when ``cancelled()`` says so, and
    :class:`~curator.io.errors.ExportError` when the folder cannot be written; either way the previous site in
    ``out_dir`` is left as it was.
    """
    summaries = select_summaries(library, query=query, story_ids=story_ids)
    ids = list(summaries)
    order = sorted(ids, key=lambda i: (_date(summaries[i]), i), reverse=True)
    feed_ids = set(order[:FEED_ITEMS])
    inputs = library.publishing.page_inputs(ids)
    language = Counter(inputs[i].language or "en" for i in order).most_common(1)[0][0] if order else "en"
    site = _Site(
        title=title.strip() or DEFAULT_TITLE,
        site_url=site_url.rstrip("/"),
        ids=frozenset(ids),
        tag_slugs=_tag_slugs(summaries.values()),
        newsroom=library.factcheck.settings.newsroom or Newsroom(title.strip() or DEFAULT_TITLE, site_url.strip()),
        lang=language,
    )
    site_key = _digest(
        SITE_FORMAT,
        curator.__version__,
        _templates_digest(),
        RENDER_KEY,
        site.title,
        site.site_url,
        repr(site.newsroom),
        repr(library.factcheck.scale),
        page_size,
    )
    total = len(ids)
    with ExportFolder(out_dir, "site", fresh=full) as folder:
        assert folder.writer is not None
        present = folder.present(FOLDERS) if folder.previous else set()
        groups: dict[str, Group] = {}
        staged: set[str] = set()

        # Story pages: kept where their key is the one written last time, the rest written (here or in workers).
        keys: dict[int, str] = {}
        todo: list[int] = []
        for story_id in order:
            key = _story_key(site_key, site, summaries[story_id], inputs[story_id])
            old = folder.previous.get(_story_group(story_id))
            if old is not None and old.key == key and all(f in present for f in old.files):
                groups[_story_group(story_id)] = old
            else:
                keys[story_id] = key
                todo.append(story_id)
        done = total - len(todo)
        if progress is not None and done:
            progress(done, total, folder.target / "stories")
        entries: dict[int, _Entry] = {}
        rendered = 0
        for result in _story_pages(library, site, folder.writer, todo, keys, feed_ids, workers, cancelled):
            entries.update((e.id, e) for e in result.entries)
            for name, group in result.groups.items():
                groups[name] = group
                staged.update(group.files)
            rendered += result.rendered
            done += len(result.entries)
            if progress is not None and result.entries:
                progress(done, total, folder.target / "stories" / f"{result.entries[-1].slug}.html")
        check_cancel(cancelled, "export")

        # Index pages, tag pages, the list of tags and the feed: written where their key changed.
        entry_keys = {i: _digest(inputs[i].stamp, _tag_hrefs(site, summaries[i].tags)) for i in order}
        plans = list(_listing_plans(site, site_key, order, summaries, entry_keys, page_size, language))
        wanted = []
        for plan in plans:
            if _changed(folder.previous.get(plan.group), plan.key, present):
                wanted.append(plan)
            else:
                groups[plan.group] = folder.previous[plan.group]
        # Listings need each story's entry: written just now, else from the previous export's entry cache (when
        # its key still holds), else read and rendered here. The feed needs whole entries (their bodies).
        entry_cache = {i: _digest(site_key, site.lang, entry_keys[i]) for i in order}
        cached = _read_entries(folder.target / ENTRIES) if folder.previous else {}
        for plan in wanted:
            for i in plan.story_ids:
                if i not in entries and cached.get(i, ("", ""))[0] == entry_cache[i]:
                    entries[i] = _from_cache(i, cached[i][1])
        missing = [
            i for p in wanted for i in p.story_ids if i not in entries or (p.path == "feed.atom" and entries[i].cached)
        ]
        if missing:
            entries.update(_entries(library, site, missing, feed_ids))
        fresh = {i: (entry_cache[i], entries[i].marked) for i in order if i in entries}
        for i, (key, marked) in cached.items():
            if i not in fresh and entry_cache.get(i) == key:
                fresh[i] = (key, marked)
        for plan in wanted:
            check_cancel(cancelled, "export")
            text = plan.render(site, [entries[i] for i in plan.story_ids])
            groups[plan.group] = Group(plan.key, {plan.path: folder.writer.write(plan.path, text)})
            staged.add(plan.path)
        check_cancel(cancelled, "export")
        folder.commit(groups, staged, dirs=("stories", "tags"), bookkeeping={ENTRIES: _entries_file(fresh)})
    problems = tuple(p for g in groups.values() for p in g.problems)
    return ExportReport(
        out_dir=folder.shown,
        written=len(staged),
        kept=sum(len(g.files) for g in groups.values()) - len(staged),
        problems=problems,
        stories=len(order),
        rendered=rendered,
    )


ENTRIES = ".curator-export.entries"
_ENTRIES_HEADER = b"curator-export-entries 1\n"


def _entries_file(entries: dict[int, tuple[str, str]]) -> bytes:
    """The listing entries of a site, kept beside its manifest so that the next export need not read and render
    the stories a changed listing shows: per story its id, the key its entry was made from, and the entry."""
    parts = [_ENTRIES_HEADER]
    for story_id, (key, marked) in entries.items():
        data = marked.encode("utf-8")
        parts.append(f"{story_id} {key} {len(data)}\n".encode())
        parts.append(data)
    return b"".join(parts)


def _read_entries(path: Path) -> dict[int, tuple[str, str]]:
    """What :func:`_entries_file` wrote (nothing if the file is missing or damaged: the entries are made again)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_ENTRIES_HEADER):
        return {}
    out: dict[int, tuple[str, str]] = {}
    pos = len(_ENTRIES_HEADER)
    try:
        while pos < len(data):
            end = data.index(b"\n", pos)
            story_id, key, size = data[pos:end].split(b" ")
            start = end + 1
            stop = start + int(size)
            if stop > len(data):
                return {}
            out[int(story_id)] = (key.decode("ascii"), data[start:stop].decode("utf-8"))
            pos = stop
    except (ValueError, UnicodeDecodeError):
        return {}
    return out


def _story_group(story_id: int) -> str:
    return f"story:{story_id}"


def _changed(old: Group | None, key: str, present: set[str]) -> bool:
    return old is None or old.key != key or not all(f in present for f in old.files)


def _digest(*parts: object) -> str:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=12).hexdigest()


@lru_cache(maxsize=1)
def _templates_digest() -> str:
    """The templates and stylesheet the pages are made with (a change rewrites every page)."""
    h = hashlib.blake2b(digest_size=12)
    folder = resources.files(TEMPLATE_PACKAGE) / TEMPLATE_DIR
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_file():
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()


def _tag_hrefs(site: _Site, tags: Iterable[str]) -> str:
    return "|".join(f"{t}>{site.tag_slugs[t.casefold()]}" for t in tags)


def _story_key(site_key: str, site: _Site, summary: StorySummary, inputs: PageInputs) -> str:
    linked = "".join("1" if t in site.ids else "0" for t in inputs.targets)
    return _digest(site_key, inputs.stamp, _tag_hrefs(site, summary.tags), linked, _photo_state(inputs.photo))


def _photo_state(photo: str) -> str:
    path = local_photo(photo)
    if path is None:
        return ""
    try:
        st = path.stat()
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


@dataclass
class _Pages:
    """What writing a run of story pages produced."""

    entries: list[_Entry]
    groups: dict[str, Group]
    rendered: int


# Stories a worker process writes per job; workers are used from this many stories on.
JOB_SIZE = 250
PARALLEL_THRESHOLD = 300


def _story_pages(
    library: Library,
    site: _Site,
    writer: Writer,
    order: list[int],
    keys: dict[int, str],
    feed_ids: set[int],
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
            yield _write_stories(library, site, writer, job, {i: keys[i] for i in job}, feed_ids)
        return
    jobs = [order[i : i + JOB_SIZE] for i in range(0, len(order), JOB_SIZE)]
    pool = worker_processes.pool(workers)
    finished = False
    try:
        with worker_processes.starting():
            futures = [
                pool.submit(_pages_job, url, site, writer, job, {i: keys[i] for i in job}, feed_ids & set(job))
                for job in jobs
            ]
        for future in futures:
            while True:
                check_cancel(cancelled, "export")
                try:
                    yield future.result(timeout=0.2)
                    break
                except FutureTimeout:
                    continue
                except BrokenProcessPool:
                    check_cancel(cancelled, "export")
                    raise ExportError(
                        "a worker process writing story pages stopped unexpectedly; "
                        "the previous output, if any, is as it was"
                    ) from None
        finished = True
    finally:
        worker_processes.stop(pool, kill=not finished)


def _pages_job(
    url: str, site: _Site, writer: Writer, job: list[int], keys: dict[int, str], feed_ids: set[int]
) -> _Pages:
    """One worker's share: its own connection to the library, its own renders."""
    with Library.open(url, attach=True) as library:
        return _write_stories(library, site, writer, job, keys, feed_ids)


def _write_stories(
    library: Library, site: _Site, writer: Writer, job: list[int], keys: dict[int, str], feed_ids: set[int]
) -> _Pages:
    renderer = BodyRenderer(library)
    bodies = renderer.bodies(job)
    checks = library.factcheck.overviews(job)
    entries = []
    groups = {}
    for story in library.stories.get_many(job):
        body, removed = without_unresolvable_links(bodies[story.id])
        group = Group(keys[story.id])
        group.problems.extend(f"{story.slug}: left out the {what}, which points nowhere in a site" for what in removed)
        # Only the public side of the fact check goes out; the checker's report never enters the site folder.
        _write_story(site, writer, group, story, body, checks.get(story.id))
        groups[_story_group(story.id)] = group
        entries.append(_entry(site, story, body, with_content=story.id in feed_ids))
    return _Pages(entries=entries, groups=groups, rendered=renderer.rendered)


def _entries(library: Library, site: _Site, story_ids: list[int], feed_ids: set[int]) -> dict[int, _Entry]:
    """Listing entries of stories whose pages were kept (for the listings that changed)."""
    wanted = list(dict.fromkeys(story_ids))
    bodies = BodyRenderer(library).bodies(wanted)
    out = {}
    for story in library.stories.get_many(wanted):
        body, _removed = without_unresolvable_links(bodies[story.id])
        out[story.id] = _entry(site, story, body, with_content=story.id in feed_ids)
    return out


def _date(s: StorySummary | Story) -> datetime:
    return s.published_at or s.created_at


def _tag_slugs(summaries: Iterable[StorySummary]) -> dict[str, str]:
    """A file name per tag (case-insensitively the same tag), unique even when two tags slugify alike."""
    names: dict[str, str] = {}
    for s in summaries:
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


def _write_story(
    site: _Site, writer: Writer, group: Group, story: Story, body: str, check: FactCheck | None = None
) -> None:
    related = []
    for link in story.related:
        title = link.title or link.target_slug or ""
        if link.target_id in site.ids and link.target_slug:
            related.append(RelatedItem(title=title, href=f"{link.target_slug}.html"))
        elif link.url:
            related.append(RelatedItem(title=title or link.url, href=link.url, external=True))
        elif title:
            related.append(RelatedItem(title=title))
    photo_src, photo_url = _photo(site, writer, group, story)
    url = f"{site.site_url}/stories/{story.slug}.html" if site.site_url else ""
    sources, claims = factcheck_items(check)
    reviews = claim_reviews_json_ld(story, check, url=url, newsroom=site.newsroom)
    options = site.options(
        1,
        related=tuple(related),
        tags=tuple(RelatedItem(title=t, href=_tag_href(site, t, 1)) for t in story.tags),
        photo_src=photo_src,
        id_prefix=BODY_ID_PREFIX,
        canonical=url,
        show_updated=True,
        json_ld=(news_article_json_ld(story, url=url, image=photo_url, newsroom=site.newsroom), *reviews),
        sources=sources,
        claims=claims,
    )
    name = f"stories/{story.slug}.html"
    group.files[name] = writer.write(name, render_story_page(story, body, options))


def _photo(site: _Site, writer: Writer, group: Group, story: Story) -> tuple[str, str]:
    """(src for the story page, absolute URL for JSON-LD) of the story's photo; local images are copied in."""
    path = local_photo(story.photo)
    if path is None:
        return story.photo, story.photo
    kind = image_type(path)
    if kind is None or not path.is_file():
        group.problems.append(f"{story.slug}: the photo {story.photo!r} is not an image file that can be read")
        return "", ""
    name = f"{story.slug}{path.suffix.lower()}"
    try:
        group.files[f"media/{name}"] = writer.copy(f"media/{name}", path)
    except OSError as exc:
        if exc.filename and Path(exc.filename) != path:
            raise  # writing the copy failed: the export cannot be finished
        group.problems.append(f"{story.slug}: cannot copy the photo {path}: {exc.strerror or exc}")
        return "", ""
    return f"../media/{name}", f"{site.site_url}/media/{name}" if site.site_url else ""


def _entry(site: _Site, story: Story, body: str, *, with_content: bool) -> _Entry:
    first = _FIRST_PARAGRAPH.search(body)
    entry = _Entry(
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
    # Rendered once with a marker where the two depths differ (the "../" before relative links), then both made.
    marked = str(render_list_entry(_list_entry(site, entry, _UP), site.lang))
    entry.marked = marked
    return entry


_UP = "\x1f\x1eup\x1e\x1f"


def _list_entry(site: _Site, e: _Entry, up: str) -> ListEntry:
    href = f"{up}stories/{e.slug}.html"
    excerpt = _LOCAL_HREF.sub(lambda m: f'href="{href}#{BODY_ID_PREFIX}{m.group(1)}"', e.excerpt)
    return ListEntry(
        href=href,
        headline=e.headline,
        dek=e.dek,
        byline=e.byline,
        outlet=e.outlet,
        date=e.date,
        excerpt=Markup(excerpt) if excerpt else None,
        tags=tuple(RelatedItem(title=t, href=f"{up}tags/{site.tag_slugs[t.casefold()]}.html") for t in e.tags),
        lang=e.language,
    )


@dataclass(eq=False)
class _Plan:
    """A page other than a story's: where it goes, the key of its inputs, the stories it shows, how to make it."""

    path: str
    key: str
    story_ids: list[int]
    render: Callable[[_Site, list[_Entry]], str]

    @property
    def group(self) -> str:
        return f"page:{self.path}"


def _listing_plans(
    site: _Site,
    site_key: str,
    order: list[int],
    summaries: dict[int, StorySummary],
    entry_keys: dict[int, str],
    page_size: int,
    lang: str,
) -> Iterator[_Plan]:
    dates = {i: _date(summaries[i]) for i in order}
    yield from _listing(site_key, order, dates, entry_keys, site.title, "index", 0, page_size, lang, "")
    by_tag: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for i in order:
        for tag in summaries[i].tags:
            by_tag.setdefault(tag.casefold(), []).append(i)
            names.setdefault(tag.casefold(), tag)
    for key, tagged in by_tag.items():
        count = len(tagged)
        intro = f"{count} {'story' if count == 1 else 'stories'}"
        heading = f"Tag: {names[key]}"
        yield from _listing(
            site_key, tagged, dates, entry_keys, heading, site.tag_slugs[key], 1, page_size, lang, intro
        )
    links = tuple(
        CountedLink(title=names[key], href=f"{site.tag_slugs[key]}.html", count=len(by_tag[key]))
        for key in sorted(by_tag, key=lambda k: (-len(by_tag[k]), k))
    )
    newest = dates[order[0]] if order else None

    def tags_page(site: _Site, _entries: list[_Entry]) -> str:
        return render_list_page(heading="Tags", options=site.options(1, newest), links=links, lang=lang)

    yield _Plan("tags/index.html", _digest(site_key, "tags", lang, links, newest), [], tags_page)
    feed = order[:FEED_ITEMS]
    yield _Plan("feed.atom", _digest(site_key, "feed", *(entry_keys[i] for i in feed)), feed, _feed)
    yield _Plan("style.css", _digest(site_key, "style"), [], lambda _site, _entries: stylesheet())


def _listing(
    site_key: str,
    ids: list[int],
    dates: dict[int, datetime],
    entry_keys: dict[int, str],
    heading: str,
    base: str,
    depth: int,
    page_size: int,
    lang: str,
    intro: str,
) -> Iterator[_Plan]:
    """``base``.html, ``base``-2.html, … in the folder ``depth`` levels down (0: the site's root)."""
    folder = "tags/" if depth else ""
    pages = max(1, -(-len(ids) // page_size))

    def name(n: int) -> str:
        return f"{base}.html" if n == 1 else f"{base}-{n}.html"

    for n in range(1, pages + 1):
        chunk = ids[(n - 1) * page_size : n * page_size]
        pager = Pager(
            number=n,
            pages=pages,
            prev_href=name(n - 1) if n > 1 else "",
            next_href=name(n + 1) if n < pages else "",
        )
        # The footer's time: the newest story the page lists (never the clock).
        generated = dates[chunk[0]] if chunk else None

        def render(
            site: _Site, entries: list[_Entry], pager: Pager = pager, generated: datetime | None = generated
        ) -> str:
            return render_list_page(
                heading=heading,
                entries=tuple(Markup(e.marked.replace(_UP, "../" * depth)) for e in entries),
                options=site.options(depth, generated),
                pager=pager,
                intro=intro,
                lang=lang,
            )

        key = _digest(site_key, heading, base, depth, lang, intro, pager, generated, *(entry_keys[i] for i in chunk))
        yield _Plan(f"{folder}{name(n)}", key, chunk, render)


def _feed(site: _Site, newest: list[_Entry]) -> str:
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
    updated = max((e.updated for e in newest), default=_EPOCH)
    base_url = f"{site.site_url}/" if site.site_url else ""
    return render_feed(title=site.title, feed_id=feed_id, updated=updated, entries=entries, base_url=base_url)
