"""Related headlines in the window: the panel's dock, its actions, and the edits it makes to the open story.

The links belong to the story's fields, held by the fields form: an edit here is an unsaved change like any other
(saved with Ctrl+S, kept as a draft, recovered after a crash, part of a conflict). Back-links and suggestions are
read in the background when a story opens and after each save; nothing here reads the database on the UI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMenu

from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink, StorySummary
from curator.gui.dialogs import present
from curator.gui.dialogs.related_link import PICK_LIMIT, ExternalLinkDialog, StoryPickerDialog
from curator.gui.side_panel import PanelHost, SidePanelController
from curator.gui.widgets.related_panel import RelatedPanel, link_problem
from curator.services.link_edits import (
    story_link,
    with_link_added,
    with_link_moved,
    with_link_removed,
    with_link_replaced,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from curator.domain.stories import Story

log = logging.getLogger(__name__)

PANEL_SHORTCUT = "F7"
ADD_STORY_SHORTCUT = "Ctrl+Shift+L"
UNDO_DEPTH = 50


class RelatedController(SidePanelController):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(
            host,
            RelatedPanel(),
            title="Related Headlines",
            name="relatedDock",
            setting="related/visible",
            toggle_text="&Related Headlines Panel",
            toggle_shortcut=PANEL_SHORTCUT,
        )
        self.panel: RelatedPanel
        self.form = host.fields
        self._generation = 0
        self._undo: list[tuple[RelatedLink, ...]] = []
        self._undo_story: int | None = None
        self.dialog: Any = None

        self.add_story_action = self.action(
            "Add Related &Story…", ADD_STORY_SHORTCUT, "Link a story from the library", self.choose_story
        )
        self.add_link_action = self.action(
            "Add Related &Link…", "", "Add an external headline with its web address", self.choose_external
        )
        story_menu = self.window_menu("Story")
        if story_menu is not None:
            story_menu.addSeparator()
            story_menu.addActions([self.add_story_action, self.add_link_action])
        view_menu = self.window_menu("View")
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.toggle_action)

        p = self.panel
        p.move_requested.connect(self.move)
        p.remove_requested.connect(self.remove)
        p.add_story_requested.connect(self.choose_story)
        p.add_link_requested.connect(self.choose_external)
        p.fix_requested.connect(self.choose_fix)
        p.undo_requested.connect(self.undo)
        p.open_requested.connect(host.open_story)
        p.suggestion_added.connect(self.add_story)
        self.form.related_changed.connect(self._links_changed)
        self.editing.opened.connect(self._opened)
        self.editing.saved.connect(self._saved)
        self._update_actions()

    def _update_actions(self) -> None:
        has_story = self.editing.story_id is not None
        self.add_story_action.setEnabled(has_story)
        self.add_link_action.setEnabled(has_story)
        self.panel.set_undo_available(bool(self._undo))

    # ------------------------------------------------------------------------------------ loading

    def _opened(self, story: Story | None) -> None:
        self._generation += 1
        if story is None or story.id != self._undo_story:
            self._undo, self._undo_story = [], story.id if story is not None else None
        self.panel.set_enabled_for(story.id if story is not None else None)
        self.panel.set_links(self.form.related())
        self._update_actions()
        if story is not None:
            self.load(story.id)

    def _saved(self, story: Story) -> None:
        if story.id != self.editing.story_id:
            return
        # The stored links say more (a target's slug, whether it is in the trash): show them, unchanged otherwise.
        if _same_links(story.related, self.form.related()):
            self.form.set_related(story.related, edited=False)
        self.load(story.id)

    def _links_changed(self, links: tuple[RelatedLink, ...]) -> None:
        self.panel.set_links(links)

    def load(self, story_id: int) -> None:
        """Read back-links and suggestions for the open story, in the background."""
        if self.bridge is None:
            return
        self._generation += 1
        generation = self._generation
        self.panel.set_back_links(None, "reading…")
        self.panel.set_suggestions(None, "working out…")
        fields = self.editing.current_fields() if self.editing.story_id == story_id else None

        def current(result: Any, show: Callable[[Any], None]) -> None:
            if generation == self._generation and self.editing.story_id == story_id:
                show(result)

        self.bridge.read(
            lambda lib: lib.related.back_links(story_id),
            lambda rows: current(rows, self.panel.set_back_links),
            lambda exc: self.panel.set_back_links(None, f"could not be read: {exc}"),
        )
        links = fields.related if fields is not None else None

        def suggest(lib: Any) -> list[Any]:
            # Stories matching an external headline's content come first, then the stories related by content.
            matched = [m.suggestions[0] for m in lib.related.link_matches(story_id, links=links, limit=1)]
            return matched + lib.related.suggestions(story_id, fields=fields)

        self.bridge.read(
            suggest,
            lambda rows: current(rows, self._show_suggestions),
            lambda exc: self.panel.set_suggestions(None, f"could not be worked out: {exc}"),
        )

    def _show_suggestions(self, rows: list[Any]) -> None:
        linked = {link.target_id for link in self.form.related() if link.target_id is not None}
        seen: set[int] = set()
        shown = []
        for row in rows:
            if row.story.id not in linked and row.story.id not in seen:
                seen.add(row.story.id)
                shown.append(row)
        self.panel.set_suggestions(shown)

    # ------------------------------------------------------------------------------------ editing

    def _edit(self, make: Callable[[tuple[RelatedLink, ...]], tuple[RelatedLink, ...]], done: str = "") -> bool:
        """Apply one edit to the open story's links; a refused edit (a duplicate, say) is explained, not applied."""
        if self.editing.story_id is None:
            return False
        before = self.form.related()
        try:
            after = make(before)
        except ValidationError as exc:
            self.message(str(exc).split(": ", 1)[-1])
            return False
        if after == before:
            return False
        self._undo.append(before)
        del self._undo[:-UNDO_DEPTH]
        self._undo_story = self.editing.story_id
        self.form.set_related(after)
        self._update_actions()
        if done:
            self.message(done)
        return True

    def add_story(self, summary: StorySummary) -> bool:
        """Link a stored story at the end of the list."""
        if summary.id == self.editing.story_id:
            self.message("A story cannot be related to itself.")
            return False
        added = self._edit(lambda links: with_link_added(links, story_link(summary.id, summary.headline)))
        if added:
            self.message(f"Added “{summary.headline}” — save to keep it")
            self.panel.drop_suggestion(summary.id)
        return added

    def add_external(self, link: RelatedLink) -> bool:
        return self._edit(lambda links: with_link_added(links, link), f"Added “{link.title}” — save to keep it")

    def move(self, source: int, target: int) -> bool:
        return self._edit(lambda links: with_link_moved(links, source, target))

    def remove(self, position: int) -> bool:
        links = self.form.related()
        title = links[position].title if 0 <= position < len(links) else ""
        return self._edit(lambda ls: with_link_removed(ls, position), f"Removed “{title}” (Undo brings it back)")

    def replace(self, position: int, link: RelatedLink) -> bool:
        return self._edit(lambda links: with_link_replaced(links, position, link), "Link fixed — save to keep it")

    def undo(self) -> None:
        if not self._undo or self.editing.story_id != self._undo_story:
            return
        self.form.set_related(self._undo.pop())
        self._update_actions()

    # ------------------------------------------------------------------------------------ dialogs

    def _search(
        self, text: str, done: Callable[[list[StorySummary]], None], failed: Callable[[BaseException], None]
    ) -> None:
        if self.bridge is None:
            return
        self.bridge.read(lambda lib: list(lib.search.page(text, limit=PICK_LIMIT).items), done, failed)

    def _picker(self, *, text: str = "", title: str = "Add a Related Story") -> StoryPickerDialog:
        exclude = {link.target_id for link in self.form.related() if link.target_id is not None}
        if self.editing.story_id is not None:
            exclude.add(self.editing.story_id)
        return StoryPickerDialog(self._search, exclude=exclude, text=text, title=title, parent=self.parent_widget)

    def choose_story(self) -> None:
        if self.editing.story_id is None or self.bridge is None:
            return
        dialog = self._picker()
        dialog.accepted.connect(lambda: dialog.chosen is not None and self.add_story(dialog.chosen))
        self.dialog = dialog
        present(dialog)

    def choose_external(self) -> None:
        if self.editing.story_id is None:
            return
        dialog = ExternalLinkDialog(parent=self.parent_widget)
        dialog.accepted.connect(lambda: dialog.link is not None and self.add_external(dialog.link))
        self.dialog = dialog
        present(dialog)

    def choose_fix(self, position: int) -> None:
        """A broken link: relink it to a story, turn it into an external link, or remove it."""
        links = self.form.related()
        if not 0 <= position < len(links):
            return
        link = links[position]
        menu = QMenu(self.parent_widget)
        menu.setObjectName("fixLinkMenu")
        menu.addAction("Link to a Story in the Library…", lambda: self._relink(position, link))
        menu.addAction("Make It an External Link…", lambda: self._make_external(position, link))
        menu.addAction("Remove It", lambda: self.remove(position))
        target = link.target_id
        if link_problem(link) and target is not None:
            menu.addSeparator()
            menu.addAction("Open the Story (in the Trash)", lambda: self.host.open_story(target))
        self.dialog = menu
        view = self.panel.links
        rect = view.visualRect(self.panel.model.index(position, 0))
        menu.popup(view.viewport().mapToGlobal(rect.bottomLeft()))

    def _relink(self, position: int, link: RelatedLink) -> None:
        dialog = self._picker(text=link.title, title="Link to a Story in the Library")
        dialog.accepted.connect(
            lambda: (
                dialog.chosen is not None
                and self.replace(position, story_link(dialog.chosen.id, dialog.chosen.headline))
            )
        )
        self.dialog = dialog
        present(dialog)

    def _make_external(self, position: int, link: RelatedLink) -> None:
        dialog = ExternalLinkDialog(title=link.title, url=link.url, parent=self.parent_widget)
        dialog.accepted.connect(lambda: dialog.link is not None and self.replace(position, dialog.link))
        self.dialog = dialog
        present(dialog)


def _same_links(a: tuple[RelatedLink, ...], b: tuple[RelatedLink, ...]) -> bool:
    def key(r: RelatedLink) -> tuple[Any, ...]:
        return (r.title, r.url, r.target_id, r.target_uuid if r.target_id is None else None)

    return [key(r) for r in a] == [key(r) for r in b]


def install_related(host: PanelHost) -> RelatedController:
    """Dock the related-headlines panel in the window (through ``host``) and add its actions to the menus."""
    return RelatedController(host)
