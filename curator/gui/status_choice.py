"""A status chosen in the story's fields is checked at once, not at the next save.

Choosing Ready or Published while the story has open fact-check items (or anything else a status gate holds it
back for) asks right away: give a reason and the story is saved with the move and the reason, or cancel and the
status box shows the status it had before, with the list's unsaved mark as it was.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from curator.core.status import Status
from curator.domain.errors import GateBlock, StatusGateError

if TYPE_CHECKING:
    from curator.gui.editing import EditingController
    from curator.gui.panel_host import PanelHost
    from curator.services.library import Library

log = logging.getLogger(__name__)

GATED = (Status.READY, Status.PUBLISHED)


class StatusChoiceGuard(QObject):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.editing: EditingController = host.editing
        self.box = host.fields.status
        self.dialog: Any = None
        self._shown = self.box.currentIndex()
        # A choice in the box or from Story → Set Status; not a story being shown (the form is loading then).
        self.box.currentIndexChanged.connect(self._changed)
        self.editing.opened.connect(lambda _story: self._remember())
        self.editing.saved.connect(lambda _story: self._remember())

    def _remember(self) -> None:
        self._shown = self.box.currentIndex()

    def _changed(self, index: int) -> None:
        if self.host.fields.is_loading():
            self._shown = index
        elif index != self._shown:
            self._chosen(index)

    def _chosen(self, index: int) -> None:
        previous, self._shown = self._shown, index
        story = self.editing.story
        bridge = self.host.bridge
        status = Status(self.box.itemData(index))
        if story is None or bridge is None or status not in GATED or status == story.status:
            return
        story_id, headline = story.id, self.host.fields.headline.text()

        def blockers(lib: Library) -> tuple[str, ...]:
            return lib.stories.status_blockers(story_id, status)

        def ask(problems: tuple[str, ...]) -> None:
            story = self.editing.story
            if not problems or story is None or story.id != story_id or story.status == status:
                return  # nothing holds it back, another story is shown, or a save moved it meanwhile
            if self.box.currentIndex() != index:
                return  # chosen otherwise meanwhile
            self.ask(StatusGateError([GateBlock(story_id, headline, status, problems)]), previous)

        bridge.read(blockers, ask, lambda exc: log.warning("could not ask the status gates: %s", exc))

    def ask(self, error: StatusGateError, previous: int) -> Any:
        from curator.gui.dialogs.status_gate import ask_override, open_gate_dialog

        if open_gate_dialog(self.host.dialog_parent()) is not None:
            return None  # a save is asking already

        def cancelled() -> None:
            # Everything as before the choice: the status box, and with it the story's unsaved state.
            self.box.setCurrentIndex(previous)
            self._shown = previous
            self.host.show_message(self.tr("Not moved: the status is as it was"), 6000)

        self.dialog = ask_override(
            self.host.dialog_parent(), error, self.host.bridge, self.editing.save_with_override, on_cancel=cancelled
        )
        return self.dialog
