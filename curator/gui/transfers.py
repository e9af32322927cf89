"""Import and export from the app: each runs as a background task with a progress dialog, cancel, and a summary.

The work itself is done by ``curator.io`` (the same functions as ``curator import`` and ``curator export``),
imported when first used.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from curator.core.errors import CuratorError
from curator.domain.stories import ChangeSet
from curator.gui.dialogs import present
from curator.gui.dialogs.transfer import ExportChoices, ExportDialog, SummaryAction, SummaryDialog, TaskProgressDialog
from curator.gui.tasks import SerialExecutor, Task

if TYPE_CHECKING:
    from curator.gui.bridge import LibraryBridge
    from curator.gui.settings import UiSettings

Summary = tuple[str, list[str], list[SummaryAction]]

log = logging.getLogger(__name__)


def _cancelled_type() -> type[BaseException]:
    from curator.io.errors import Cancelled

    return Cancelled


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


# Offered besides a file's own candidates, so that the right one is there when the guess did not name it.
COMMON_ENCODINGS = ("cp1252", "iso-8859-1", "cp1251", "koi8-r", "cp866", "mac-cyrillic")


def _encoding_choice(report: Any) -> tuple[list[Path], Path, dict[str, str]] | None:
    """For an import report with files whose encoding could not be told: those files, the first of them, and
    its first lines in each of their candidate encodings (the most likely first) and the common ones."""
    from curator.io.decode import check_encoding, preview

    unclear = list(getattr(report, "unclear_encodings", ()) or ())
    if not unclear:
        return None
    names = dict.fromkeys(e for p in unclear for e in p.encodings)
    names.update(dict.fromkeys(check_encoding(e) for e in COMMON_ENCODINGS))
    sample = unclear[0].path
    try:
        data = sample.read_bytes()[: 64 * 1024]
    except OSError:
        return None
    return [p.path for p in unclear], sample, preview(data, list(names))


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
        settings: UiSettings | None = None,
        library_id: str = "",
        open_story: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._bridge = bridge
        self._window = window
        self._selected_ids = selected_ids
        self._list_query = list_query
        self._author = author
        # Imports write on their own sessions; one transfer at a time keeps them out of each other's way.
        self._runner = SerialExecutor("transfers")
        self._settings = settings
        # Export choices are remembered per library: two libraries rarely export to the same folder.
        self._export_key = "export/" + hashlib.sha1(library_id.encode()).hexdigest()[:12] if library_id else "export/x"
        self._library_name = Path(library_id.rsplit("/", 1)[-1]).stem or "library"
        self._open_story = open_story
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests replace it
        self.last_export_folder = self._remembered("story_folder")
        # The last site export: (which, query, story ids, folder), kept across runs in the app's settings.
        self.last_site: tuple[str, str, list[int] | None, Path] | None = None
        self._last_site_choices: ExportChoices | None = None
        self.active: Task | None = None
        self.export_dialog: ExportDialog | None = None
        self._closed = False
        # Files of the last import whose encoding could not be told: (paths, a sample path, previews).
        self._unclear: tuple[list[Path], Path, dict[str, str]] | None = None

    def _remembered(self, key: str, default: str = "") -> str:
        if self._settings is None:
            return default
        return str(self._settings.value(f"{self._export_key}/{key}", default, str) or default)

    def _remember(self, key: str, value: str) -> None:
        if self._settings is not None:
            self._settings.set(f"{self._export_key}/{key}", value)

    def _open_path(self, path: Path) -> None:
        self.open_url(QUrl.fromLocalFile(str(path)))

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

    def import_paths(self, paths: Sequence[Path], *, encoding: str | None = None) -> Task:
        """Import files and folders; ``encoding`` reads the files that are neither UTF-8 nor marked by a
        byte-order mark in it (the summary offers it for files whose encoding could not be told)."""
        library, author = self._bridge.library, self._author
        paths = list(paths)

        def job(task: Task) -> Any:
            from curator.io.importer import import_paths

            report = import_paths(
                library, paths, author=author, progress=task.report, cancelled=task.is_cancelled, encoding=encoding
            )
            # Read here, off the UI thread: the first lines of one unclear file in each possible encoding.
            self._unclear = _encoding_choice(report)
            return report

        self._unclear = None
        return self._start("Importing", job, self._imported, kind="import")

    def _imported(self, report: Any, *, cancelled: bool = False) -> Summary:
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
        actions = []
        if imported and self._open_story is not None:
            first, open_story = imported[0], self._open_story
            text = self.tr("Open Story") if len(imported) == 1 else self.tr("Open the First Story")
            actions.append(SummaryAction(text, lambda: open_story(first), "openStory"))
        return " ".join(parts), failed + [f"{p} (already in the library)" for p in map(str, duplicates)], actions

    # ---------------------------------------------------------------------------------------- export

    def export_story(self, story_id: int, slug: str) -> None:
        start = str(Path(self.last_export_folder or Path.home()) / f"{slug}.html")
        path, _ = QFileDialog.getSaveFileName(self._window, "Export story as HTML", start, "HTML (*.html)")
        if path:
            self.export_story_to(story_id, Path(path))

    def export_story_to(self, story_id: int, out_path: Path) -> Task:
        library = self._bridge.library
        self.last_export_folder = str(out_path.parent)
        self._remember("story_folder", self.last_export_folder)

        def job(_task: Task) -> Any:
            from curator.io.export_html import export_story_html

            return export_story_html(library, story_id, out_path)

        def summary(path: Any, cancelled: bool = False) -> Summary:
            written = Path(path)
            return (
                f"Exported the story to {written}.",
                [],
                [
                    SummaryAction(self.tr("Open in Browser"), lambda: self._open_path(written), "openInBrowser"),
                    SummaryAction(self.tr("Open Folder"), lambda: self._open_path(written.parent), "openFolder"),
                ],
            )

        return self._start("Exporting", job, summary)

    def proposed_folder(self, fmt: str) -> str:
        """A new, empty folder for a first export of this library (numbered past folders that hold other things)."""
        from curator.io.export_folder import export_target_problem

        base = Path.home() / "Curator exports" / f"{self._library_name}-{'site' if fmt == 'site' else 'markdown'}"
        candidate, n = base, 1
        while candidate.exists() and export_target_problem(candidate, fmt):
            n += 1
            candidate = base.with_name(f"{base.name}-{n}")
        return str(candidate)

    def remembered_choices(self) -> ExportChoices:
        fmt = self._remembered("format", "site")
        fmt = fmt if fmt in ("site", "markdown") else "site"
        return ExportChoices(
            fmt=fmt,
            which="selection" if len(self._selected_ids()) > 1 else "list",
            query=self._list_query(),
            folder=self._remembered(f"{fmt}_folder") or self.proposed_folder(fmt),
            title=self._remembered("title"),
            site_url=self._remembered("site_url"),
            flavour=self._remembered("flavour", "yaml"),
            published_only=self._remembered("published_only") == "1",
        )

    def choose_and_export(self, choices: ExportChoices | None = None, error: str | None = None) -> ExportDialog:
        def check(folder: Path, fmt: str) -> str | None:
            from curator.io.export_folder import export_target_problem

            return export_target_problem(folder, fmt)

        dialog = ExportDialog(
            len(self._selected_ids()), choices or self.remembered_choices(), self._window, check_folder=check
        )
        if error:
            dialog.show_error(error)
        dialog.chosen.connect(self.export_with)
        self.export_dialog = dialog
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

    def _remember_site(self, choices: ExportChoices, query: str, story_ids: list[int] | None, out_dir: Path) -> None:
        self.last_site = (choices.which, query, story_ids, out_dir)
        self._last_site_choices = choices
        if self._settings is not None:
            self._settings.set("export/last_site_folder", str(out_dir))
            self._settings.set("export/last_site_which", choices.which)
            self._settings.set("export/last_site_query", query)
            self._settings.set("export/last_site_ids", ",".join(map(str, story_ids)) if story_ids is not None else "")
        self.republishable.emit(True)

    def republish(self) -> Task | None:
        """Export the last site again into its folder, in the background: only the pages that changed are
        written, the pages of stories since trashed are removed."""
        if self.last_site is None:
            return None
        which, query, story_ids, out_dir = self.last_site
        remembered = self.remembered_choices()
        choices = self._last_site_choices or ExportChoices(
            fmt="site",
            which=which,
            query=query,
            folder=str(out_dir),
            title=remembered.title,
            site_url=remembered.site_url,
        )
        return self.export_with(choices, query=query, story_ids=story_ids, republish=True)

    def export_many(self, fmt: str, which: str, out_dir: Path) -> Task:
        """Export as the dialog would with these choices and the rest as remembered."""
        base = self.remembered_choices()
        return self.export_with(
            ExportChoices(fmt=fmt, which=which, query=base.query, folder=str(out_dir), title=base.title)
        )

    def export_with(
        self,
        choices: ExportChoices,
        *,
        query: str | None = None,
        story_ids: list[int] | None = None,
        republish: bool = False,
    ) -> Task:
        library = self._bridge.library
        if query is None:
            story_ids = self._selected_ids() if choices.which == "selection" else None
            query = choices.export_query()
        out_dir = Path(choices.folder).expanduser()
        fmt = choices.fmt
        self.last_export_folder = str(out_dir)
        for key, value in (
            ("format", fmt),
            (f"{fmt}_folder", str(out_dir)),
            ("title", choices.title),
            ("site_url", choices.site_url),
            ("flavour", choices.flavour),
            ("published_only", "1" if choices.published_only else "0"),
        ):
            self._remember(key, value)

        def job(task: Task) -> Any:
            if fmt == "markdown":
                from curator.io.export_markdown import export_markdown

                return export_markdown(
                    library,
                    out_dir,
                    flavour=choices.flavour,
                    query=query,
                    story_ids=story_ids,
                    progress=task.report,
                    cancelled=task.is_cancelled,
                )
            from curator.io.export_site import DEFAULT_TITLE, export_site

            return export_site(
                library,
                out_dir,
                title=choices.title or DEFAULT_TITLE,
                site_url=choices.site_url,
                query=query,
                story_ids=story_ids,
                progress=task.report,
                cancelled=task.is_cancelled,
            )

        what = "website" if fmt == "site" else "Markdown folder"

        def summary(report: Any, *, cancelled: bool = False) -> Summary:
            if cancelled:
                return f"Export cancelled. Nothing was written to {out_dir}.", [], []
            # Stories, not files: a site also writes an index, tag pages and a feed.
            count = int(getattr(report, "stories", 0))
            written, kept = getattr(report, "written", 0), getattr(report, "kept", 0)
            problems = [str(p) for p in getattr(report, "problems", ()) or ()]
            verb = "Republished" if republish else "Exported"
            files = f" ({_plural(written, 'file', 'files')} written, {kept:,} unchanged)" if kept else ""
            text = f"{verb} {_plural(count, 'story', 'stories')} as a {what} to {out_dir}{files}."
            actions = [SummaryAction(self.tr("Open Folder"), lambda: self._open_path(out_dir), "openFolder")]
            if fmt == "site":
                index = out_dir / "index.html"
                actions.insert(
                    0, SummaryAction(self.tr("Open in Browser"), lambda: self._open_path(index), "openInBrowser")
                )
            return text, problems, actions

        def failed_again(message: str) -> None:
            # Back to the dialog with every choice as it was and the reason shown.
            self.choose_and_export(choices, message)

        title = "Republishing" if republish else "Exporting"
        task = self._start(title, job, summary, kind="export", on_error=None if republish else failed_again)
        if fmt == "site":
            # Remembered once it is done (a cancelled or failed export leaves the previous one to republish).
            task.signals.finished.connect(lambda _r: self._remember_site(choices, query, story_ids, out_dir))
        return task

    # ------------------------------------------------------------------------------------- running

    def _start(
        self,
        title: str,
        job: Callable[[Task], Any],
        summarise: Callable[..., Summary],
        *,
        kind: str = "export",
        on_error: Callable[[str], None] | None = None,
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
            if on_error is not None and isinstance(exc, CuratorError):
                self.active = None
                if not self._closed:
                    on_error(message)
                return
            self._summary(kind, f"{title} failed", message, [], [])

        task.signals.finished.connect(done)
        task.signals.cancelled.connect(cancelled)
        task.signals.failed.connect(failed)
        self.active = task
        self._runner.start(task)
        present(progress)
        return task

    def _summary(self, kind: str, title: str, summary: str, problems: list[str], actions: list[SummaryAction]) -> None:
        self.active = None
        if self._closed:
            return
        dialog = SummaryDialog(title, summary, problems, self._window, actions=actions)
        unclear, self._unclear = (self._unclear, None) if kind == "import" else (None, self._unclear)
        if unclear is not None:
            files, sample, previews = unclear
            dialog.offer_encodings(len(files), sample.name, previews)
            dialog.encoding_chosen.connect(lambda encoding: self.import_paths(files, encoding=encoding))
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
