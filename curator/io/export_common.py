"""What the exports share: choosing stories, rendering bodies not rendered yet, local photos and relative links.

Writing the export folder (atomically, never touching what the export did not write) is
:mod:`curator.io.export_folder`."""

from __future__ import annotations

import html as html_mod
import logging
import mimetypes
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from curator.domain.errors import NotFoundError
from curator.domain.stories import Scope, StorySummary
from curator.io.errors import Cancelled
from curator.io.export_folder import MARKER, ExportFolder, Group, Writer
from curator.render.markdown import render_markdown
from curator.services.library import Library

log = logging.getLogger(__name__)

# Processes writing a big site's story pages (each renders the bodies of its share that have no stored render).
DEFAULT_WORKERS = 2
CHUNK = 500

Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class ExportReport:
    out_dir: Path
    written: int
    problems: tuple[str, ...] = ()
    # Stories exported, and how many of their bodies had to be rendered (the rest were stored renders).
    stories: int = 0
    rendered: int = 0
    # Files of an earlier export into the same folder left as they were (their inputs did not change).
    kept: int = 0

    def summary(self) -> str:
        files = f"{self.written} files written, {self.kept} unchanged" if self.kept else f"{self.written} files"
        return f"exported {self.stories} {'story' if self.stories == 1 else 'stories'} ({files}) to {self.out_dir}"


def select_ids(library: Library, *, query: str = "", story_ids: Sequence[int] | None = None) -> list[int]:
    """The stories an export covers: the ids given (checked), or every story matching ``query`` (all if empty)."""
    if story_ids is not None:
        ids = list(dict.fromkeys(story_ids))
        found = library.search.summaries(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"there is no story #{missing[0]}")
        return ids
    ids = []
    cursor = None
    while True:
        page = library.search.page(query, cursor=cursor, limit=1000, scope=Scope.ACTIVE)
        ids.extend(item.id for item in page.items)
        cursor = page.next_cursor
        if cursor is None:
            return ids


def select_summaries(
    library: Library, *, query: str = "", story_ids: Sequence[int] | None = None
) -> dict[int, StorySummary]:
    """The stories an export covers (as :func:`select_ids`), with their summaries: read once, not twice."""
    if story_ids is not None:
        ids = select_ids(library, story_ids=story_ids)
        found = library.search.summaries(ids)
        return {i: found[i] for i in ids}
    out: dict[int, StorySummary] = {}
    cursor = None
    while True:
        page = library.search.page(query, cursor=cursor, limit=1000, scope=Scope.ACTIVE)
        out.update((item.id, item) for item in page.items)
        cursor = page.next_cursor
        if cursor is None:
            return out


class BodyRenderer:
    """Bodies as HTML: stored renders reused; missing ones rendered and stored, and counted in ``rendered``."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self.rendered = 0

    def bodies(self, story_ids: Sequence[int]) -> dict[int, str]:
        return self._library.stories.rendered_html_many(story_ids, render_all=self._render_all)

    def _render_all(self, bodies: list[str]) -> Iterable[str]:
        self.rendered += len(bodies)
        return [render_markdown(b) for b in bodies]


def local_photo(photo: str) -> Path | None:
    """The file a story's photo names, if it is a local path or file: URL (None for web addresses)."""
    if not photo:
        return None
    parts = urlsplit(photo)
    if parts.scheme in ("http", "https"):
        return None
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    return Path(photo).expanduser()


def image_type(path: Path) -> str | None:
    kind, _ = mimetypes.guess_type(path.name)
    return kind if kind and kind.startswith("image/") else None


_IMG_TAG = re.compile(r"<img\b[^>]*>")
_A_TAG = re.compile(r"<a\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_HREF = re.compile(r'\shref="([^"]*)"')
_REL = re.compile(r'\srel="[^"]*"')


def _unresolvable(url: str) -> bool:
    """A relative address in a story body: it pointed somewhere next to the draft, never into an export."""
    url = html_mod.unescape(url)
    if url.startswith("#"):
        return False
    parts = urlsplit(url)
    return not parts.scheme


def without_unresolvable_links(body: str) -> tuple[str, list[str]]:
    """The body without images and link targets that cannot resolve in an export (relative addresses).

    Images go (a browser would show a broken image); links keep their text. Returns what was taken out.
    """
    removed: list[str] = []
    if 'src="' not in body and 'href="' not in body:
        return body, removed

    def image(m: re.Match[str]) -> str:
        src = _SRC.search(m.group(0))
        if src and _unresolvable(src.group(1)):
            removed.append(f"image {html_mod.unescape(src.group(1))!r}")
            return ""
        return m.group(0)

    def link(m: re.Match[str]) -> str:
        href = _HREF.search(m.group(0))
        if href and _unresolvable(href.group(1)):
            removed.append(f"link {html_mod.unescape(href.group(1))!r}")
            return _REL.sub("", _HREF.sub("", m.group(0)))
        return m.group(0)

    return _A_TAG.sub(link, _IMG_TAG.sub(image, body)), removed


def check_cancel(cancelled: Callable[[], bool] | None, what: str) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(f"{what} cancelled; the previous output, if any, is as it was")


__all__ = ["MARKER", "ExportFolder", "Group", "Writer"]
