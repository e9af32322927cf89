"""Import and export from the app: each runs as a background task with a progress dialog, cancel, and a summary.

The work itself is done by ``curator.io`` (the same functions as ``curator import`` and ``curator export``),
imported when first used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from curator.core.errors import CuratorError
from curator.domain.stories import ChangeSet
from curator.gui.dialogs import present
from curator.gui.dialogs.transfer import ExportDialog, SummaryDialog, TaskProgressDialog
from curator.gui.tasks import SerialExecutor, Task

if TYPE_CHECKING:
    from curator.gui.bridge import LibraryBridge

log = logging.getLogger(__name__)


def _cancelled_type() -> type[BaseException]:
    from curator.io.errors import Cancelled

    return Cancelled


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


class Transfers(QObject):
    """Starts imports and exports; the window supplies the selection and the list's query."""

    finished = Signal(str, object)  # kind ("import" | "export"), SummaryDialog
    # Whether there is a site export to republish (its folder and the stories it covers are remembered).
    republishable = Signal(bool)

    def __init__(
        self,
        bridge: LibraryBridge,
        window: QWidget,
        *,
        selected_ids: Callable[[], list[int]],
        list_query: Callable[[], str],
        author: str = "",
    ) -> None:
        super().__init__(window)
        self._bridge = bridge
        self._window = window
        self._selected_ids = selected_ids
        self._list_query = list_query
        self._author = author
        # Imports write on their own sessions; one transfer at a time keeps them out of each other's way.
        self._runner = SerialExecutor("transfers")
        self.last_export_folder = ""
        # The last site export: (which, query, story ids, folder), kept across runs in the app's settings.
        self.last_site: tuple[str, str, list[int] | None, Path] | None = None
        self._settings: Any = None
        self.active: Task | None = None
        self._closed = False

    # ---------------------------------------------------------------------------------------- import

    def choose_and_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import stories", "", "Stories (*.txt *.md *.markdown *.text);;All files (*)"
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder_and_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, "Import every story in a folder")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path]) -> Task:
        library, author = self._bridge.library, self._author
        paths = list(paths)

        def job(task: Task) -> Any:
            from curator.io.importer import import_paths

            return import_paths(library, paths, author=author, progress=task.report, cancelled=task.is_cancelled)

        return self._start("Importing", job, self._imported, kind="import")

    def _imported(self, report: Any, *, cancelled: bool = False) -> tuple[str, list[str]]:
        imported = tuple(getattr(report, "imported", ()) or ())
        if imported:
            self._bridge.announce(ChangeSet(created=imported, origin=self))
        duplicates = list(getattr(report, "duplicates", ()) or ())
        failed = [str(p) for p in getattr(report, "failed", ()) or ()]
        parts = [f"Imported {_plural(len(imported), 'story', 'stories')}."]
        if duplicates:
            parts.append(f"Skipped {_plural(len(duplicates), 'file', 'files')} already in the library.")
        if failed:
            parts.append(f"{_plural(len(failed), 'file', 'files')} could not be imported (listed below).")
        if cancelled:
            parts.insert(0, "Import cancelled. What was imported before that is kept.")
        return " ".join(parts), failed + [f"{p} (already in the library)" for p in map(str, duplicates)]

    # ---------------------------------------------------------------------------------------- export

    def export_story(self, story_id: int, slug: str) -> None:
        start = str(Path(self.last_export_folder or Path.home()) / f"{slug}.html")
        path, _ = QFileDialog.getSaveFileName(self._window, "Export story as HTML", start, "HTML (*.html)")
        if path:
            self.export_story_to(story_id, Path(path))

    def export_story_to(self, story_id: int, out_path: Path) -> Task:
        library = self._bridge.library
        self.last_export_folder = str(out_path.parent)

        def job(_task: Task) -> Any:
            from curator.io.export_html import export_story_html

            return export_story_html(library, story_id, out_path)

        return self._start("Exporting", job, lambda p, cancelled=False: (f"Exported the story to {p}.", []))

    def choose_and_export(self) -> ExportDialog:
        dialog = ExportDialog(
            len(self._selected_ids()), self._list_query(), self._window, folder=self.last_export_folder
        )
        dialog.chosen.connect(self.export_many)
        present(dialog)
        return dialog

    def restore_last_site(self, settings: Any) -> None:
        """Read the last site export from the app's settings (and keep it there from now on)."""
        self._settings = settings
        folder = settings.value("export/last_site_folder", "", str)
        if folder:
            ids = settings.value("export/last_site_ids", "", str)
            self.last_site = (
                settings.value("export/last_site_which", "all", str),
                settings.value("export/last_site_query", "", str),
                [int(i) for i in ids.split(",") if i.strip().isdigit()] if ids else None,
                Path(folder),
            )
        self.republishable.emit(self.last_site is not None)

    def _remember_site(self, which: str, query: str, story_ids: list[int] | None, out_dir: Path) -> None:
        self.last_site = (which, query, story_ids, out_dir)
        if self._settings is not None:
            self._settings.set("export/last_site_folder", str(out_dir))
            self._settings.set("export/last_site_which", which)
            self._settings.set("export/last_site_query", query)
            self._settings.set("export/last_site_ids", ",".join(map(str, story_ids)) if story_ids is not None else "")
        self.republishable.emit(True)

    def republish(self) -> Task | None:
        """Export the last site again into its folder, in the background: only the pages that changed are
        written, the pages of stories since trashed are removed."""
        if self.last_site is None:
            return None
        which, query, story_ids, out_dir = self.last_site
        return self._export_site(which, query, story_ids, out_dir, republish=True)

    def export_many(self, fmt: str, which: str, out_dir: Path) -> Task:
        story_ids = self._selected_ids() if which == "selection" else None
        query = self._list_query() if which == "list" else ""
        self.last_export_folder = str(out_dir)
        if fmt == "site":
            return self._export_site(which, query, story_ids, out_dir)
        return self._export(fmt, query, story_ids, out_dir)

    def _export_site(
        self, which: str, query: str, story_ids: list[int] | None, out_dir: Path, *, republish: bool = False
    ) -> Task:
        task = self._export("site", query, story_ids, out_dir, republish=republish)
        # Remembered once it is done (a cancelled or failed export leaves the previous one to republish).
        task.signals.finished.connect(lambda _report: self._remember_site(which, query, story_ids, out_dir))
        return task

    def _export(
        self, fmt: str, query: str, story_ids: list[int] | None, out_dir: Path, *, republish: bool = False
    ) -> Task:
        library = self._bridge.library

        def job(task: Task) -> Any:
            if fmt == "markdown":
                from curator.io.export_markdown import export_markdown as export
            else:
                from curator.io.export_site import export_site as export
            return export(
                library,
                out_dir,
                query=query,
                story_ids=story_ids,
                progress=task.report,
                cancelled=task.is_cancelled,
            )

        what = "website" if fmt == "site" else "Markdown folder"

        def summary(report: Any, *, cancelled: bool = False) -> tuple[str, list[str]]:
            if cancelled:
                return f"Export cancelled. Nothing was written to {out_dir}.", []
            count = getattr(report, "stories", 0)
            written, kept = getattr(report, "written", 0), getattr(report, "kept", 0)
            problems = [str(p) for p in getattr(report, "problems", ()) or ()]
            verb = "Republished" if republish else "Exported"
            files = f" ({_plural(written, 'file', 'files')} written, {kept:,} unchanged)" if kept else ""
            return f"{verb} {_plural(count, 'story', 'stories')} as a {what} to {out_dir}{files}.", problems

        return self._start("Republishing" if republish else "Exporting", job, summary, kind="export")

    # ------------------------------------------------------------------------------------- running

    def _start(
        self,
        title: str,
        job: Callable[[Task], Any],
        summarise: Callable[..., tuple[str, list[str]]],
        *,
        kind: str = "export",
    ) -> Task:
        try:
            cancelled_type = _cancelled_type()
        except ImportError:
            cancelled_type = type("Cancelled", (Exception,), {})
        task = Task(job, name=title, cancel_exceptions=(cancelled_type,))
        progress = TaskProgressDialog(title, task, self._window)
        heading = f"{title.replace('ing', '')} finished".capitalize()

        def done(result: Any) -> None:
            self._summary(kind, heading, *summarise(result))

        def cancelled(exc: BaseException) -> None:
            self._summary(kind, f"{title} cancelled", *summarise(getattr(exc, "report", None), cancelled=True))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ImportError):
                message = "Import and export are not available in this installation (curator.io is missing)."
            elif isinstance(exc, CuratorError):
                message = str(exc)
            else:
                log.error("%s failed", title, exc_info=exc)
                message = f"{title} failed: {type(exc).__name__}: {exc}"
            self._summary(kind, f"{title} failed", message, [])

        task.signals.finished.connect(done)
        task.signals.cancelled.connect(cancelled)
        task.signals.failed.connect(failed)
        self.active = task
        self._runner.start(task)
        present(progress)
        return task

    def _summary(self, kind: str, title: str, summary: str, problems: list[str]) -> None:
        self.active = None
        if self._closed:
            return
        dialog = SummaryDialog(title, summary, problems, self._window)
        self.finished.emit(kind, dialog)
        present(dialog)

    def wait(self, msecs: int = -1) -> bool:
        return self._runner.wait(msecs)

    def close(self) -> None:
        """Cancel what runs, wait for it, and show nothing more."""
        if self.active is not None:
            self.active.cancel()
        self._runner.wait(10_000)
        self._closed = True
