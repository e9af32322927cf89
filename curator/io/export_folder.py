"""An export folder that is only ever changed whole, and only where the export owns it.

Every export is staged in a hidden folder beside the target (``.NAME.XXXX.part``) and swapped in at the end, so
an export that fails, is cancelled or is killed leaves the previous output as it was. The target keeps a manifest
(:data:`MARKER`, a JSON file) naming every file and folder the export wrote, grouped (a story's pages, an index
page, …) with the key of the inputs each group was made from and a hash of each file's content. With it:

* files the export did not write (a ``.git`` folder, a ``CNAME``, a page added by hand) are never deleted or
  replaced: they are kept as they are, and an export that would have to overwrite one refuses, naming it;
* a later export can keep the groups whose inputs did not change and write only the others (incremental export);
* the swap into a folder that already holds an export is a list of renames written down first (a journal beside
  the manifest): a crash in the middle of it is finished by the next export into that folder.

A folder given as a symbolic link is resolved: the export goes into the link's target and the link stays.
Staging folders are locked (``flock``) while their export runs; the next export removes those whose process died.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from curator.io.errors import ExportError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]  # no advisory locks off POSIX; the lock is skipped there

MARKER = ".curator-export"
JOURNAL = ".curator-export.journal"
MANIFEST_FORMAT = 2
# What a site export wrote before exports kept a manifest (for folders written by earlier versions).
_LEGACY_SITE_DIRS = ("stories", "tags", "factcheck", "media")


@dataclass
class Group:
    """Files written together from the same inputs (``key``), with the problems found making them."""

    key: str
    files: dict[str, str] = field(default_factory=dict)  # relative path → content hash
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> list[Any]:
        return [self.key, self.files, self.problems]

    @classmethod
    def from_json(cls, data: Any) -> Group:
        key, files, problems = data
        if not (isinstance(key, str) and isinstance(files, dict) and isinstance(problems, list)):
            raise ValueError("not a manifest group")
        return cls(key, files, problems)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


_O_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class Writer:
    """Writes files under ``root``: one open, write and close per file, each folder made once.

    Used in the export's own process and in its worker processes (it pickles as its root).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._made: set[str] = set()

    def __reduce__(self) -> tuple[type[Writer], tuple[Path]]:
        return Writer, (self.root,)

    def write(self, relative: str, text: str) -> str:
        """Write ``text`` (UTF-8, ``\\n`` line ends) to ``relative``; returns the content's hash."""
        return self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> str:
        folder, _, _ = relative.rpartition("/")
        if folder and folder not in self._made:
            os.makedirs(self.root / folder, exist_ok=True)
            self._made.add(folder)
        path = os.path.join(self.root, relative)
        fd = os.open(path, _O_WRITE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            exc.filename = exc.filename or path
            raise
        finally:
            os.close(fd)
        return content_hash(data)

    def copy(self, relative: str, source: Path) -> str:
        return self.write_bytes(relative, Path(source).read_bytes())


def resolve_target(target: Path | str) -> Path:
    """The folder an export writes: ``~`` expanded, made absolute, symbolic links resolved."""
    return Path(os.path.realpath(Path(target).expanduser()))


def export_target_problem(target: Path | str, kind: str) -> str | None:
    """Why an export of ``kind`` ("site", "markdown") may not go into ``target``, or None when it may (the same
    rules :class:`ExportFolder` applies: a new or empty folder, or an earlier export of the same kind). The app
    asks this before it starts, so the user can choose again with every other choice kept."""
    folder = resolve_target(target)
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder} is read-only"
    marker = folder / MARKER
    if not marker.exists():
        if any(folder.iterdir()):
            return f"{folder} is not empty and was not written by a Curator export; choose an empty or new folder"
        return None
    manifest = _read_json(marker)
    previous_kind = str(manifest.get("kind", "")) if isinstance(manifest, dict) else ""
    if previous_kind and previous_kind != kind:
        return f"{folder} holds a {previous_kind} export; choose another folder for a {kind} export"
    return None


class ExportFolder:
    """See the module's docstring. Use as a context manager; :meth:`commit` swaps the staged files in.

    ``previous`` holds the groups of the export already in the folder (empty for a new folder, a folder written
    by an earlier version, or when ``fresh`` asks for everything to be written again).
    """

    def __init__(self, target: Path | str, kind: str, *, fresh: bool = False) -> None:
        self.shown = Path(os.path.abspath(Path(target).expanduser()))
        self.target = resolve_target(target)
        self.kind = kind
        self.fresh = fresh
        self.path: Path | None = None
        self.writer: Writer | None = None
        self.previous: dict[str, Group] = {}
        self._owned_files: set[str] = set()
        self._owned_dirs: set[str] = set()
        self._exists = False
        self._lock: int | None = None
        self._committed = False

    # ------------------------------------------------------------------------------------------------ opening

    def __enter__(self) -> ExportFolder:
        target = self.target
        try:
            if target.exists():
                self._open_existing()
            parent = target.parent
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale_parts(parent, target.name)
            self.path = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=parent))
            self._lock = _lock(self.path, wait=True)
        except OSError as exc:
            self._release()
            where = exc.filename or target.parent
            raise ExportError(f"cannot write in {where}: {exc.strerror or exc}; nothing was changed") from None
        self.writer = Writer(self.path)
        return self

    def _open_existing(self) -> None:
        target = self.target
        if not target.is_dir():
            raise ExportError(f"{target} is a file, not a folder; nothing was changed")
        if not os.access(target, os.W_OK | os.X_OK):
            raise ExportError(f"{target} is read-only; nothing was changed")
        self._exists = True
        journal = target / JOURNAL
        if journal.exists():
            finish_interrupted(target)
        marker = target / MARKER
        if not marker.exists():
            if any(target.iterdir()):
                raise ExportError(
                    f"{target} is not empty and was not written by a Curator export; choose an empty or new folder "
                    "(nothing was changed)"
                )
            return
        manifest = _read_json(marker)
        previous_kind = str(manifest.get("kind", "")) if isinstance(manifest, dict) else ""
        if previous_kind and previous_kind != self.kind:
            raise ExportError(
                f"{target} holds a {previous_kind} export; choose another folder for a {self.kind} export "
                "(nothing was changed)"
            )
        groups = manifest.get("groups") if isinstance(manifest, dict) else None
        if isinstance(groups, dict) and manifest.get("format") == MANIFEST_FORMAT:
            try:
                parsed = {str(k): Group.from_json(v) for k, v in groups.items()}
            except (TypeError, ValueError):
                parsed = None
            if parsed is not None:
                for group in parsed.values():
                    self._owned_files.update(group.files)
                self._owned_dirs.update(str(d) for d in manifest.get("dirs", ()))
                if not self.fresh:
                    self.previous = parsed
                return
        # An export written before manifests (or a damaged manifest): what that export's layout names.
        self._owned_files, self._owned_dirs = _legacy_owned(target, self.kind)

    # ------------------------------------------------------------------------------------------------ reading

    def present(self, folders: Iterable[str]) -> set[str]:
        """Relative paths of the files now in the target's top level and in ``folders`` (one listing each)."""
        found: set[str] = set()
        if not self._exists:
            return found
        for folder in ("", *folders):
            with contextlib.suppress(OSError), os.scandir(self.target / folder) as entries:
                prefix = f"{folder}/" if folder else ""
                found.update(prefix + e.name for e in entries if not e.is_dir(follow_symlinks=False))
        return found

    # ------------------------------------------------------------------------------------------------ committing

    def commit(
        self,
        groups: Mapping[str, Group],
        staged: Iterable[str],
        dirs: Iterable[str] = (),
        bookkeeping: Mapping[str, bytes] | None = None,
    ) -> None:
        """Make the target hold ``groups``: the ``staged`` files move in, files of earlier groups that are in no
        group any more go, and anything the export did not write stays. ``dirs``: folders the export owns.
        ``bookkeeping``: hidden files of the export's own (beside the manifest) that move in with the rest."""
        assert self.path is not None and self.writer is not None
        staged = set(staged)
        if self._exists and not staged and dict(groups) == self.previous and not self.fresh:
            self._committed = True  # nothing changed: the folder, manifest included, stays as it is
            return
        extra = sorted(bookkeeping or ())
        for name in extra:
            self.writer.write_bytes(name, (bookkeeping or {})[name])
        owned_now = {rel for g in groups.values() for rel in g.files}
        dirs_now = set(dirs) | {rel.rpartition("/")[0] for rel in owned_now if "/" in rel}
        manifest = {
            "kind": self.kind,
            "format": MANIFEST_FORMAT,
            "written": time.time(),
            "dirs": sorted(dirs_now),
            "groups": {name: g.to_json() for name, g in groups.items()},
        }
        text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            if not self._exists or (not self._owned_files and not any(self.target.iterdir())):
                self._swap_whole(text)
            else:
                self._swap_files(groups, staged, owned_now, dirs_now, text, extra)
        except OSError as exc:
            raise ExportError(
                f"cannot replace {self.target}: {exc.strerror or exc}; the previous output is as it was"
            ) from None
        self._committed = True

    def _swap_whole(self, manifest: str) -> None:
        assert self.path is not None
        Path(self.path, MARKER).write_text(manifest, encoding="utf-8")
        # A fresh export folder reads like a normal folder, not like the private temporary one.
        os.chmod(self.path, 0o777 & ~_umask())
        # rename() replaces an empty folder in one step.
        os.rename(self.path, self.target)
        self.path = None

    def _swap_files(
        self,
        groups: Mapping[str, Group],
        staged: set[str],
        owned_now: set[str],
        dirs_now: set[str],
        manifest: str,
        extra: list[str],
    ) -> None:
        assert self.path is not None
        target = self.target
        old_files = self._owned_files
        foreign = sorted(rel for rel in staged if rel not in old_files and os.path.lexists(target / rel))
        foreign += sorted(d for d in dirs_now if os.path.lexists(target / d) and not os.path.isdir(target / d))
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise ExportError(
                f"{target} has files this export would overwrite but an earlier export did not write: {shown}; "
                "move them away or choose another folder (nothing was changed)"
            )
        previous = {rel: h for g in self.previous.values() for rel, h in g.files.items()}
        moves = []
        for rel in sorted(staged):
            if rel in previous and previous[rel] == _staged_hash(groups, rel) and os.path.lexists(target / rel):
                continue  # the same bytes as the file already there: leave it (and its time) alone
            moves.append(rel)
        moves += extra
        deletes = sorted(old_files - owned_now)
        gone_dirs = sorted(self._owned_dirs - dirs_now, key=lambda d: -d.count("/"))
        journal = {
            "staging": self.path.name,
            "moves": moves,
            "deletes": deletes,
            "dirs": gone_dirs,
            "manifest": manifest,
        }
        _write_atomically(target / JOURNAL, json.dumps(journal, ensure_ascii=False) + "\n")
        _apply(target, journal)

    # ------------------------------------------------------------------------------------------------ closing

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        self._release()
        if isinstance(exc, OSError):
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise ExportError(
                f"cannot write the export to {self.target}: {exc.strerror or exc}{where}; "
                "the previous output, if any, is as it was"
            ) from exc

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _staged_hash(groups: Mapping[str, Group], rel: str) -> str | None:
    for g in groups.values():
        if rel in g.files:
            return g.files[rel]
    return None


def _apply(target: Path, journal: dict[str, Any]) -> None:
    """Carry out a journal: move the staged files in, delete the files no group owns, write the manifest.

    Every step can be repeated, so a journal left by a crash is simply carried out again.
    """
    staging = target.parent / str(journal["staging"])
    made: set[Path] = set()
    for rel in journal["moves"]:
        source = staging / rel
        destination = target / rel
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        try:
            os.replace(source, destination)
        except FileNotFoundError:
            if not os.path.lexists(destination):
                raise
            # Moved already, by the run a crash interrupted.
    for rel in journal["deletes"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target / rel)
    for rel in journal["dirs"]:
        # Only when empty: anything somebody put in a folder the export made keeps the folder.
        with contextlib.suppress(OSError):
            os.rmdir(target / rel)
    _write_atomically(target / MARKER, str(journal["manifest"]))
    os.unlink(target / JOURNAL)
    shutil.rmtree(staging, ignore_errors=True)


def finish_interrupted(target: Path) -> None:
    """Finish the swap an export into ``target`` began and did not end (it crashed or was killed)."""
    journal_path = target / JOURNAL
    journal = _read_json(journal_path)
    if not isinstance(journal, dict) or not {"staging", "moves", "deletes", "dirs", "manifest"} <= journal.keys():
        raise ExportError(f"{journal_path} is damaged; move it away and export again with --full")
    staging = target.parent / str(journal["staging"])
    lock = _lock(staging, wait=False) if staging.exists() else None
    if staging.exists() and lock is None:
        raise ExportError(f"another export is writing {target} right now; try again when it is done")
    try:
        _apply(target, journal)
    finally:
        if lock is not None:
            os.close(lock)


def remove_stale_parts(parent: Path, name: str) -> None:
    """Staging folders left by exports into ``parent/name`` whose process died (locked ones are in use)."""
    for leftover in parent.glob(f".{name}.*.part"):
        with contextlib.suppress(OSError):
            if not leftover.is_dir() or leftover.is_symlink():
                continue
            if fcntl is None:
                if time.time() - leftover.stat().st_mtime < 3600:
                    continue
                shutil.rmtree(leftover, ignore_errors=True)
                continue
            lock = _lock(leftover, wait=False)
            if lock is None:
                continue
            try:
                shutil.rmtree(leftover, ignore_errors=True)
            finally:
                os.close(lock)


def _lock(folder: Path, *, wait: bool) -> int | None:
    """An exclusive lock on ``folder`` (its descriptor), or None when ``wait`` is False and another holds it."""
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except OSError:
        os.close(fd)
        raise
    return fd


def _legacy_owned(target: Path, kind: str) -> tuple[set[str], set[str]]:
    files: set[str] = set()
    dirs: set[str] = set()
    with contextlib.suppress(OSError):
        for entry in os.scandir(target):
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if kind == "site" and name in _LEGACY_SITE_DIRS:
                    dirs.add(name)
                    for root, _subdirs, names in os.walk(entry.path):
                        rel_root = os.path.relpath(root, target).replace(os.sep, "/")
                        files.update(f"{rel_root}/{n}" for n in names)
                continue
            if (
                kind == "site"
                and (name in ("style.css", "feed.atom") or (name.startswith("index") and name.endswith(".html")))
            ) or (kind.startswith("markdown") and name.endswith(".md")):
                files.add(name)
    return files, dirs


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
