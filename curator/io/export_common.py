"""What the exports share: choosing stories, rendering bodies not rendered yet, local photos, and
writing a folder atomically so that a failed or cancelled export leaves the previous output as it was."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import html as html_mod
import json
import logging
import mimetypes
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from curator.domain.errors import NotFoundError
from curator.domain.stories import Scope
from curator.io.errors import Cancelled, ExportError
from curator.render.markdown import render_markdown
from curator.services.library import Library

log = logging.getLogger(__name__)

MARKER = ".curator-export"
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

    def summary(self) -> str:
        what = f"exported {self.stories} {'story' if self.stories == 1 else 'stories'} ({self.written} files)"
        return f"{what} to {self.out_dir}"


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


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class AtomicFolder:
    """A folder built beside ``target`` and swapped in whole at the end, or thrown away on any error.

    Refuses to replace a folder that has other things in it than an earlier export of the same kind, so that an
    export can never wipe out somebody's documents.
    """

    def __init__(self, target: Path, kind: str) -> None:
        self.target = Path(os.path.abspath(Path(target).expanduser()))
        self.kind = kind
        self.path: Path | None = None
        self._committed = False

    def __enter__(self) -> AtomicFolder:
        target = self.target
        if target.exists():
            if not target.is_dir():
                raise ExportError(f"{target} is a file, not a folder; nothing was changed")
            if not os.access(target, os.W_OK):
                raise ExportError(f"{target} is read-only; nothing was changed")
            marker = target / MARKER
            if not marker.exists() and any(target.iterdir()):
                raise ExportError(
                    f"{target} is not empty and was not written by a Curator export; choose an empty or new folder "
                    "(nothing was changed)"
                )
            if marker.exists():
                previous = _read_marker(marker)
                if previous and previous != self.kind:
                    raise ExportError(
                        f"{target} holds a {previous} export; choose another folder for a {self.kind} export "
                        "(nothing was changed)"
                    )
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_parts(parent, target.name)
            self.path = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=parent))
        except OSError as exc:
            raise ExportError(f"cannot write in {parent}: {exc.strerror or exc}; nothing was changed") from None
        return self

    def commit(self) -> None:
        """Swap the finished folder in for the previous one (atomically where the system can)."""
        assert self.path is not None
        try:
            write_text(self.path / MARKER, json.dumps({"kind": self.kind, "written": time.time()}) + "\n")
            # A fresh export folder reads like a normal folder, not like the private temporary one.
            os.chmod(self.path, 0o777 & ~_umask())
            if self.target.exists():
                if _exchange(self.path, self.target):
                    old = self.path
                else:
                    old = self.target.with_name(f".{self.target.name}.{os.getpid()}.old")
                    os.rename(self.target, old)
                    try:
                        os.rename(self.path, self.target)
                    except OSError:
                        os.rename(old, self.target)
                        raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(self.path, self.target)
        except OSError as exc:
            raise ExportError(
                f"cannot replace {self.target}: {exc.strerror or exc}; the previous output is as it was"
            ) from None
        self._committed = True

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._committed and self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        if isinstance(exc, OSError):
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise ExportError(
                f"cannot write the export to {self.target}: {exc.strerror or exc}{where}; "
                "the previous output, if any, is as it was"
            ) from exc


def _read_marker(marker: Path) -> str:
    try:
        return str(json.loads(marker.read_text(encoding="utf-8")).get("kind", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_stale_parts(parent: Path, name: str, *, older_than: float = 3600) -> None:
    """Temporary folders left by an export that was killed (not ones a running export may still be writing)."""
    now = time.time()
    for leftover in parent.glob(f".{name}.*.part"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and now - leftover.stat().st_mtime > older_than:
                shutil.rmtree(leftover, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot, so the caller falls back."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err))
