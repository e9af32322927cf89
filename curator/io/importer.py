"""Importing story files: plain text and Markdown, from files and folders, a batch per transaction.

Files are read and parsed a window at a time, checked (duplicates, bad files), their related headlines matched to
stories, and stored in batches of :data:`BATCH_SIZE` with :meth:`StoryService.create_many`, one transaction each:
a batch that fails leaves the library as it was before it. Bodies are rendered with the parse (in the worker process
on big imports) and stored with the stories, so an export never waits for Markdown.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
import uuid as uuid_mod
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.text import printable
from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink, StoryFields
from curator.io import workers as worker_processes
from curator.io.decode import MAX_FILE_BYTES, check_encoding, decode_bytes, file_kind, read_text_file
from curator.io.errors import Cancelled, EncodingUnclear, ImportFileError
from curator.io.frontmatter import parse_markdown
from curator.io.parsed import ParsedStory, RelatedRef, headline_key
from curator.io.plaintext import parse_plaintext
from curator.render.markdown import render_markdown
from curator.services.derived import derive
from curator.services.library import Library
from curator.services.lookup import content_key
from curator.services.validate import check_url, clean_line, normalise

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
BATCH_SIZE = 500
# Files parsed before their batches are stored: related headlines are matched to stories anywhere in a window.
WINDOW_SIZE = 2000
# From this many files on, files are parsed in a worker process while the main one stores the batches.
PARALLEL_THRESHOLD = 400
READ_CHUNK = 200

Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class FileProblem:
    path: Path
    reason: str
    # For a file refused because its legacy encoding cannot be told: the encodings it could be in.
    encodings: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{printable(self.path)}: {printable(self.reason)}"


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[int, ...] = ()
    duplicates: tuple[FileProblem, ...] = ()
    failed: tuple[FileProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def unclear_encodings(self) -> tuple[FileProblem, ...]:
        """The files refused only because their encoding could not be told (someone may name it)."""
        return tuple(p for p in self.failed if p.encodings)

    def summary(self) -> str:
        parts = [f"imported {len(self.imported)} {'story' if len(self.imported) == 1 else 'stories'}"]
        if self.duplicates:
            parts.append(f"skipped {len(self.duplicates)} already in the library")
        if self.failed:
            parts.append(f"{len(self.failed)} {'file' if len(self.failed) == 1 else 'files'} failed")
        return "; ".join(parts)


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def parse_story(data: bytes, *, markdown: bool, encoding: str | None = None) -> ParsedStory:
    """Decode and parse one file's bytes into checked story fields; raises :class:`ImportFileError` only."""
    text = decode_bytes(data, encoding=encoding).text
    return _checked(parse_markdown(text) if markdown else parse_plaintext(text))


def read_story(path: Path, *, max_bytes: int = MAX_FILE_BYTES, encoding: str | None = None) -> ParsedStory:
    """Read and parse one story file; raises :class:`ImportFileError` naming the file. ``encoding`` reads a
    file that is neither UTF-8 nor marked by a byte-order mark in that encoding instead of guessing."""
    try:
        text = read_text_file(path, max_bytes=max_bytes, encoding=encoding).text
        return _checked(parse_markdown(text) if is_markdown(path) else parse_plaintext(text))
    except ImportFileError as exc:
        raise exc.at(path) from None


def _checked(parsed: ParsedStory) -> ParsedStory:
    try:
        fields = normalise(parsed.fields)
    except ValidationError as exc:
        raise ImportFileError(str(exc)) from None
    if not fields.headline:
        raise ImportFileError("has no headline")
    related = []
    for ref in parsed.related:
        url = ref.url
        if url:
            try:
                url = check_url("URL", url)
            except ValidationError as exc:
                raise ImportFileError(f"related headline {ref.title[:60]!r}: {exc}") from None
        title = clean_line(ref.title)
        if title or url or ref.uuid or ref.slug:
            # Cleaned here, as normalise() would, so that storing the batch need not validate it again.
            related.append(dataclasses.replace(ref, title=title, url=url, key=headline_key(title)))
    return ParsedStory(
        fields=fields,
        related=tuple(related),
        uuid=parsed.uuid,
        derived=derive(fields),
        body_html=render_markdown(fields.body),
    )


def find_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[FileProblem]]:
    """The story files named, or found (recursively) in the folders named; hidden files and folders are skipped.

    A file named explicitly is imported whatever its extension (as plain text unless it is Markdown). Only regular
    files are taken: a link is followed only to a regular file; pipes, devices, sockets and broken links are
    reported by name, and so is a folder that cannot be read (its files would otherwise vanish from the report).
    """
    found: list[Path] = []
    problems: list[FileProblem] = []
    seen: set[Path] = set()

    def unreadable(exc: OSError) -> None:
        problems.append(FileProblem(Path(exc.filename or "?"), f"folder cannot be read: {exc.strerror or exc}"))

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if name.startswith(".") or candidate.suffix.lower() not in MARKDOWN_SUFFIXES | TEXT_SUFFIXES:
                        continue
                    if candidate in seen:
                        continue
                    seen.add(candidate)
                    problem = _not_regular(candidate)
                    if problem:
                        problems.append(FileProblem(candidate, problem))
                    else:
                        found.append(candidate)
        elif path.is_file():
            if path not in seen:
                seen.add(path)
                found.append(path)
        elif path.exists():
            problems.append(FileProblem(path, _not_regular(path) or "is not a regular file"))
        elif path.is_symlink():
            problems.append(FileProblem(path, "is a link to nothing"))
        else:
            problems.append(FileProblem(path, "no such file or folder"))
    return found, problems


def _not_regular(path: Path) -> str:
    """Why ``path`` (followed if it is a link) is not a file to read, or "" when it is a regular file."""
    try:
        info = path.stat()
    except OSError as exc:
        if path.is_symlink():
            return "is a link to nothing"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(info.st_mode):
        return ""
    return f"is not a regular file ({file_kind(info.st_mode)})"


@dataclass
class _Pending:
    path: Path
    parsed: ParsedStory
    uuid: str


@dataclass
class _Run:
    """What an import knows while it runs: the stories it stored or will store, and the library's headlines."""

    library: Library
    # Stories of this run by the keys other files may use to point at them → their UUIDs.
    by_key: dict[str, str] = field(default_factory=dict)
    by_file_uuid: dict[str, str] = field(default_factory=dict)
    by_slug: dict[str, str] = field(default_factory=dict)
    # Duplicate detection within the run: (headline, body) → first file.
    contents: dict[tuple[str, str], Path] = field(default_factory=dict)
    used_uuids: set[str] = field(default_factory=set)
    # Related headlines of the window being stored that match a story in the library: title → story id.
    stored_titles: dict[str, int] = field(default_factory=dict)


def import_paths(
    library: Library,
    paths: Sequence[Path | str],
    *,
    author: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = BATCH_SIZE,
    window_size: int = WINDOW_SIZE,
    encoding: str | None = None,
) -> ImportReport:
    """Import story files and folders into ``library``.

    ``encoding`` names the encoding of files that are neither UTF-8 nor marked by a byte-order mark (checked
    first: an unknown name raises :class:`CuratorError` before anything is read); without it such files are
    guessed, and refused with their candidates (:attr:`ImportReport.unclear_encodings`) when that is unclear.

    ``progress(done, total, path)`` follows the files read; ``cancelled()`` is asked between files and batches, and
    when it says yes, :class:`Cancelled` is raised carrying the report of the batches already stored (the batch
    under way is not stored).
    """
    if encoding is not None:
        encoding = check_encoding(encoding)
    files, problems = find_files(paths)
    failed: list[FileProblem] = list(problems)
    duplicates: list[FileProblem] = []
    imported: list[int] = []
    run = _Run(library)
    total = len(files)
    done = 0

    def report() -> ImportReport:
        return ImportReport(tuple(imported), tuple(duplicates), tuple(failed))

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(f"import cancelled: {report().summary()}", report=report())

    reader = _Reader(files, window_size, parallel=len(files) >= PARALLEL_THRESHOLD, encoding=encoding)
    try:
        for start, results in reader.windows():
            window: list[_Pending] = []
            for path, (parsed, reason, candidates) in zip(files[start : start + window_size], results, strict=True):
                check_cancel()
                if parsed is None:
                    failed.append(FileProblem(path, reason, candidates))
                else:
                    pending = _admit(run, path, parsed, duplicates)
                    if pending is not None:
                        window.append(pending)
                done += 1
                if progress is not None:
                    progress(done, total, path)
            _store_window(run, window, duplicates, failed, imported, author, batch_size, check_cancel)
    finally:
        reader.close()
    return report()


def _store_window(
    run: _Run,
    window: list[_Pending],
    duplicates: list[FileProblem],
    failed: list[FileProblem],
    imported: list[int],
    author: str,
    batch_size: int,
    check_cancel: Callable[[], None],
) -> None:
    _find_stored_duplicates(run, window, duplicates)
    _find_stored_headlines(run, window)
    for batch_start in range(0, len(window), batch_size):
        check_cancel()
        batch = window[batch_start : batch_start + batch_size]
        try:
            ids = _store_batch(run, batch, author)
        except Exception as exc:
            if len(batch) == 1:
                failed.append(FileProblem(batch[0].path, f"not imported: {_reason(exc)}"))
                _forget(run, batch)
                continue
            # One file's failure never stops the others: the batch is stored again a file at a time, so that only
            # the files that fail on their own are reported.
            log.warning("an import batch of %d files failed (%s); storing them one by one", len(batch), exc)
            for p in batch:
                check_cancel()
                try:
                    stored = _store_batch(run, [p], author)
                except Exception as one:
                    failed.append(FileProblem(p.path, f"not imported: {_reason(one)}"))
                    _forget(run, [p])
                else:
                    _stored(run, [p], stored, imported)
            continue
        _stored(run, batch, ids, imported)


def _store_batch(run: _Run, batch: list[_Pending], author: str) -> list[int]:
    return run.library.stories.create_many(
        [_with_links(run, p) for p in batch],
        author=author,
        note="Imported",
        render=False,
        htmls=[p.parsed.body_html for p in batch],
        uuids=[p.uuid for p in batch],
        defer_derived=True,
        normalised=True,
        derived=[p.parsed.derived for p in batch],
    )


def _stored(run: _Run, batch: list[_Pending], ids: list[int], imported: list[int]) -> None:
    imported.extend(ids)


def _reason(exc: BaseException) -> str:
    """The one line a report gives for a file that could not be stored or read."""
    if isinstance(exc, CuratorError):
        return str(exc)
    # Not the file's fault as far as we know: a bug, kept whole in the log.
    log.error("importing a file failed unexpectedly", exc_info=exc)
    return f"internal error ({type(exc).__name__}: {str(exc)[:120]}); details in the log"


_Result = tuple[ParsedStory | None, str, tuple[str, ...]]


def _read_files(paths: list[Path], encoding: str | None = None) -> list[_Result]:
    """Read and parse files: (story, "", ()) or (None, reason, candidate encodings). Runs in a worker process
    for big imports."""
    out: list[_Result] = []
    for path in paths:
        try:
            out.append((read_story(path, encoding=encoding), "", ()))
        except EncodingUnclear as exc:
            out.append((None, exc.reason, exc.candidates))
        except ImportFileError as exc:
            out.append((None, exc.reason, ()))
        except Exception as exc:  # any one file's failure is that file's alone
            out.append((None, _reason(exc), ()))
    return out


class _Reader:
    """Files read and parsed a window at a time; with ``parallel``, the next window is parsed in a worker
    process while the current one is being stored, so the two cores share the work."""

    def __init__(self, files: list[Path], window_size: int, *, parallel: bool, encoding: str | None = None) -> None:
        self._files = files
        self._encoding = encoding
        self._window = window_size
        self._pool: ProcessPoolExecutor | None = None
        if parallel:
            self._pool = worker_processes.pool(1)

    def _submit(self, start: int) -> list[Future[list[_Result]]]:
        assert self._pool is not None
        paths = self._files[start : start + self._window]
        pool = self._pool
        # Ctrl-C is held back while the worker may be starting (see curator.io.workers.starting).
        with worker_processes.starting():
            return [
                pool.submit(_read_files, paths[i : i + READ_CHUNK], self._encoding)
                for i in range(0, len(paths), READ_CHUNK)
            ]

    def windows(self) -> Iterator[tuple[int, Iterator[_Result]]]:
        starts = list(range(0, len(self._files), self._window))
        if self._pool is None:
            for start in starts:
                yield (
                    start,
                    (
                        r
                        for path in self._files[start : start + self._window]
                        for r in _read_files([path], self._encoding)
                    ),
                )
            return
        # The first window is read here while the worker process starts and reads the second, so storing never
        # waits for the worker's start-up.
        ahead = self._submit(starts[1]) if len(starts) > 1 else []
        if starts:
            first = _read_files(self._files[starts[0] : starts[0] + self._window], self._encoding)
            yield starts[0], iter(first)
        for i, start in enumerate(starts[1:], 1):
            current = ahead
            ahead = self._submit(starts[i + 1]) if i + 1 < len(starts) and self._pool is not None else []
            yield start, self._results(current, start)

    def _results(self, futures: list[Future[list[_Result]]], start: int) -> Iterator[_Result]:
        paths = self._files[start : start + self._window]
        for n, future in enumerate(futures):
            try:
                if self._pool is None:
                    raise BrokenProcessPool("the pool was closed")
                yield from future.result()
            except (BrokenProcessPool, CancelledError):
                # The worker could not start or died (a frozen app, no resources): read here instead.
                log.warning("reading files in a worker process failed; reading them here", exc_info=True)
                self.close()
                yield from _read_files(paths[n * READ_CHUNK :], self._encoding)
                return

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _content_key(fields: StoryFields) -> tuple[str, str]:
    return content_key(fields.headline, fields.body)


def _admit(run: _Run, path: Path, parsed: ParsedStory, duplicates: list[FileProblem]) -> _Pending | None:
    """Register a parsed file with the run, or report it as a duplicate of an earlier file of the run."""
    key = _content_key(parsed.fields)
    first = run.contents.get(key)
    if first is not None:
        duplicates.append(FileProblem(path, f"the same story as {first}"))
        return None
    run.contents[key] = path
    story_uuid = _valid_uuid(parsed.uuid)
    if not story_uuid or story_uuid in run.used_uuids:
        story_uuid = str(uuid_mod.uuid4())
    run.used_uuids.add(story_uuid)
    if parsed.uuid:
        run.by_file_uuid.setdefault(parsed.uuid, story_uuid)
    if parsed.fields.slug:
        run.by_slug.setdefault(parsed.fields.slug, story_uuid)
    run.by_key[headline_key(parsed.fields.headline)] = story_uuid
    return _Pending(path, parsed, story_uuid)


def _valid_uuid(text: str) -> str:
    try:
        return str(uuid_mod.UUID(text)) if text else ""
    except ValueError:
        return ""


def _find_stored_duplicates(run: _Run, window: list[_Pending], duplicates: list[FileProblem]) -> None:
    """Drop (and report) the files of ``window`` whose story is already stored; give new UUIDs where taken."""
    if not window:
        return
    stored = run.library.lookup.stored_copies((p.parsed.fields.headline, p.parsed.fields.body) for p in window)
    uuids_taken = run.library.lookup.taken_uuids(p.uuid for p in window)
    kept = []
    for p in window:
        hit = stored.get(_content_key(p.parsed.fields))
        if hit is not None:
            where = " (in the trash)" if hit.trashed else ""
            duplicates.append(FileProblem(p.path, f"already in the library as story #{hit.story_id}{where}"))
            # Files pointing at this story by its UUID or slug reach the stored one.
            _forget(run, [p])
            continue
        if p.uuid in uuids_taken:
            # A copy of a stored story that has since changed: a new story, with an identity of its own.
            fresh = str(uuid_mod.uuid4())
            for mapping in (run.by_key, run.by_file_uuid, run.by_slug):
                for k, v in list(mapping.items()):
                    if v == p.uuid:
                        mapping[k] = fresh
            p.uuid = fresh
        kept.append(p)
    window[:] = kept


def _find_stored_headlines(run: _Run, window: list[_Pending]) -> None:
    """Look up, in one go, the stories in the library that the window's related headlines may name (those not
    matched by a story of this import); of several with one headline, the services pick the newest."""
    titles = {
        ref.title
        for p in window
        for ref in p.parsed.related
        if ref.title and (ref.key or headline_key(ref.title)) not in run.by_key
    }
    run.stored_titles = run.library.related.find_stories_by_headline(titles) if titles else {}


def _forget(run: _Run, batch: Iterable[_Pending]) -> None:
    """Stop pointing other files at stories that will not be stored."""
    gone = {p.uuid for p in batch}
    for mapping in (run.by_key, run.by_file_uuid, run.by_slug):
        for k, v in list(mapping.items()):
            if v in gone:
                del mapping[k]


def _with_links(run: _Run, pending: _Pending) -> StoryFields:
    """The story's fields with its related headlines linked to stories where they can be."""
    links = []
    for ref in pending.parsed.related:
        links.append(_link(run, ref, pending.uuid))
    return pending.parsed.fields.replace(related=tuple(links))


def _link(run: _Run, ref: RelatedRef, own_uuid: str) -> RelatedLink:
    target_uuid = ""
    if ref.uuid:
        target_uuid = run.by_file_uuid.get(ref.uuid, "") or _valid_uuid(ref.uuid)
    if not target_uuid and ref.slug:
        target_uuid = run.by_slug.get(ref.slug, "")
        if not target_uuid:
            story_id = run.library.lookup.id_by_slug(ref.slug)
            if story_id is not None:
                return RelatedLink(title=ref.title, url=ref.url, target_id=story_id)
    if not target_uuid and ref.title:
        key = ref.key or headline_key(ref.title)
        target_uuid = run.by_key.get(key, "")
        if not target_uuid:
            story_id = run.stored_titles.get(ref.title)
            if story_id is not None:
                return RelatedLink(title=ref.title, url=ref.url, target_id=story_id)
    if not target_uuid or target_uuid == own_uuid:
        return RelatedLink(title=ref.title, url=ref.url)
    # Linked by UUID: to a story stored already, in this batch, or in a later batch of this import.
    return RelatedLink(title=ref.title, url=ref.url, target_uuid=target_uuid)
