"""The desk in the window: changes saved by others appear as they are committed, who is editing what is shown, and
a story changed elsewhere while it has unsaved edits here offers the merge at once.

A listener thread waits on the library's change feed (its own connection; LISTEN/NOTIFY on PostgreSQL,
``data_version`` on SQLite) and hands each batch of events to the UI thread, which turns them into the same change
sets a local save produces: the list updates those rows, the sidebar its counts, and an open story without unsaved
edits reloads in place (caret and scroll kept). Presence is a heartbeat every 15 s through the serial writer.
"""

from __future__ import annotations

import logging
from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from curator.domain.desk import ChangeEvent, Presence
from curator.domain.stories import ChangeSet

if TYPE_CHECKING:
    from curator.gui.panel_host import PanelHost
    from curator.services.library import Library

log = logging.getLogger(__name__)

HEARTBEAT_MS = 15_000


class ChangeListener(QThread):
    """Waits for other clients' changes off the UI thread and emits them in batches."""

    events = Signal(object)  # list[ChangeEvent]

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._stopping = False

    def run(self) -> None:
        from curator.services.changes import ChangeWatcher

        try:
            watcher = ChangeWatcher(self._library.desk.feed)
        except Exception:  # the library went away: the window still works, without live changes
            log.warning("live changes are off: the change feed cannot be watched", exc_info=True)
            return
        try:
            while not self._stopping:
                try:
                    events = watcher.wait(0.5)
                except Exception:
                    log.warning("the change feed could not be read; trying again", exc_info=True)
                    self.msleep(2000)
                    continue
                if events and not self._stopping:
                    self.events.emit(events)
        finally:
            watcher.close()

    def stop(self) -> None:
        self._stopping = True
        self.wait(5000)


class DeskBanner(QFrame):
    """A bar above the story: who else is editing it, or that it changed elsewhere (with Merge now)."""

    merge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.presence = QLabel()
        self.presence.setAccessibleName(self.tr("Who else is editing this story"))
        self.changed = QLabel()
        self.changed.setWordWrap(True)
        self.merge = QPushButton(self.tr("Merge now"))
        self.merge.setAccessibleName(self.tr("Merge the version saved elsewhere into your text"))
        self.merge.clicked.connect(self.merge_requested)
        layout.addWidget(self.presence)
        layout.addWidget(self.changed, 1)
        layout.addWidget(self.merge)
        self.show_presence([])
        self.show_changed("")

    def show_presence(self, others: list[Presence]) -> None:
        if not others:
            self.presence.setText("")
        else:
            parts = [
                self.tr("{name} is editing since {time}").format(
                    name=p.person or self.tr("Someone"), time=p.since.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
                )
                for p in others
            ]
            self.presence.setText("✎ " + "; ".join(parts))
        self._update_visibility()

    def show_changed(self, text: str) -> None:
        self.changed.setText(text)
        self.merge.setVisible(bool(text))
        self._update_visibility()

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.presence.text() or self.changed.text()))


class DeskController(QObject):
    """Wires the feed, presence and the banner to the window."""

    def __init__(self, host: PanelHost, banner: DeskBanner, set_presence: Any) -> None:
        super().__init__(banner)
        self.host = host
        self.banner = banner
        self._set_presence = set_presence  # {story id: "Aliya is editing since 14:02"} for the list
        self._listener: ChangeListener | None = None
        self._library: Library | None = None
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.beat)
        banner.merge_requested.connect(self._merge_now)
        host.editing.opened.connect(lambda _story: self.beat())
        host.editing.saved.connect(self._saved_here)
        host.on_library_attached(self._attach)

    def _attach(self) -> None:
        bridge = self.host.bridge
        if bridge is None:
            return
        self._library = bridge.library
        self._listener = ChangeListener(bridge.library, self)
        self._listener.events.connect(self._on_events)
        self._listener.start()
        self._heartbeat.start()
        self.beat()

    # ----------------------------------------------------------------------------------------- changes

    def _on_events(self, events: list[ChangeEvent]) -> None:
        bridge = self.host.bridge
        if bridge is None:
            return
        deleted = tuple(i for e in events if e.kind == "purged" for i in e.story_ids)
        created = tuple(i for e in events if e.kind == "created" for i in e.story_ids)
        updated = tuple(
            dict.fromkeys(
                i for e in events if e.kind not in ("purged", "created") for i in e.story_ids if i not in deleted
            )
        )
        bridge.announce(ChangeSet(created=created, updated=updated, deleted=deleted, origin=self))
        story_id = self.host.editing.story_id
        if story_id is None:
            return
        mine = [e for e in events if story_id in e.story_ids and e.kind in ("saved", "merged", "status")]
        if mine and self.host.editing.is_dirty():
            last = mine[-1]
            when = last.at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
            self.banner.show_changed(
                self.tr("{name} saved this story at {time}; your edits are not saved yet.").format(
                    name=last.person or self.tr("Someone"), time=when
                )
            )
        self.beat()

    def _merge_now(self) -> None:
        """Save now: the save merges three ways with the other version (a dialog only if edits overlap)."""
        self.banner.show_changed("")
        self.host.editing.save()

    def _saved_here(self, _story: Any) -> None:
        self.banner.show_changed("")

    # ---------------------------------------------------------------------------------------- presence

    def beat(self) -> None:
        bridge, library = self.host.bridge, self._library
        if bridge is None or library is None:
            return
        desk = library.desk
        client, person, story_id = desk.client, desk.actor or self.host.author, self.host.editing.story_id
        bridge.write(lambda lib: lib.desk.presence.heartbeat(client, person, story_id), None, self._quiet)
        bridge.read(lambda lib: lib.desk.presence.editing(exclude_client=client), self._show_presence, self._quiet)

    def _show_presence(self, present: list[Presence]) -> None:
        story_id = self.host.editing.story_id
        self.banner.show_presence([p for p in present if p.story_id == story_id])
        by_story: dict[int, str] = {}
        for p in present:
            when = p.since.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
            line = self.tr("{name} is editing since {time}").format(name=p.person or self.tr("Someone"), time=when)
            by_story[p.story_id] = f"{by_story[p.story_id]}; {line}" if p.story_id in by_story else line
        self._set_presence(by_story)

    def _quiet(self, exc: BaseException) -> None:
        log.info("presence could not be updated: %s", exc)

    def shutdown(self) -> None:
        """Stop listening and say goodbye (others stop showing this window as editing at once)."""
        self._heartbeat.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._library is not None:
            try:
                self._library.desk.presence.leave(self._library.desk.client)
            except Exception:
                log.info("could not remove this window's presence; it expires by itself", exc_info=True)
