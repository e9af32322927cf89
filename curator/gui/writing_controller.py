"""Writing aids in the window: red wavy underlines under misspelt words, suggestions and the three word lists in
the editor's context menu, the Writing panel (findings, readability, outline, word goal), readability in the
status bar, and focus mode.

Checking never runs on the UI thread. The highlighter asks for a block's underlines when Qt re-highlights it (only
blocks an edit touched); a block seen before is answered from the cache, a new one goes to the library bridge's
reader threads and is re-highlighted when its answer comes back, while the old underlines that still fit stay in
place. Suggestions for new misspellings are worked out there right after, so the context menu opens at once. The
workers pause now and then: they share the interpreter with the UI thread.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QTextBlock, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox

from curator.factcheck.anchors import from_utf16, to_utf16
from curator.gui.side_panel import PanelHost, SidePanelController
from curator.gui.widgets.writing_panel import WritingPanel

if TYPE_CHECKING:
    from curator.domain.stories import Story
    from curator.writing.findings import Finding, Review
    from curator.writing.settings import WritingSettings
    from curator.writing.spelling import Accepted, SpellChecker

log = logging.getLogger(__name__)

PANEL_SHORTCUT = "F6"
FOCUS_SHORTCUT = "Ctrl+Alt+F"
REVIEW_MS = 1500  # pause in typing before the panel's review is worked out again
PREFETCH_MS = 2500  # pause in typing before suggestions are worked out ahead
MAX_PREFETCH = 12  # suggestions worked out ahead per check; others when the menu opens
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True, slots=True)
class Underline:
    start: int  # Qt (UTF-16) positions in the block
    length: int
    word: str
    lang: str


BlockKey = tuple[str, bool]  # (block text, inside a fenced code block)


def check_blocks(
    checker: SpellChecker, keys: list[BlockKey], lang: str, accepted: Accepted
) -> dict[BlockKey, tuple[Underline, ...]]:
    """The underlines of each block (run on a worker thread)."""
    results: dict[BlockKey, tuple[Underline, ...]] = {}
    for n, (text, fenced) in enumerate(keys, 1):
        if n % 25 == 0:
            time.sleep(0.002)  # let the UI thread have the interpreter (a long story's first check)
        found = checker.check_line(text, lang, accepted, fenced=fenced)
        wide = not text.isascii() and any(ord(c) > 0xFFFF for c in text)
        results[(text, fenced)] = tuple(
            Underline(
                to_utf16(text, m.start) if wide else m.start,
                (to_utf16(text, m.end) - to_utf16(text, m.start)) if wide else m.end - m.start,
                m.word,
                m.lang,
            )
            for m in found
        )
    return results


def prefetch_suggestions(checker: SpellChecker, words: list[tuple[str, str]]) -> int:
    """Work out suggestions ahead, so the context menu opens at once (run on a worker thread); how many."""
    for word, lang in words[:MAX_PREFETCH]:
        checker.suggestions(word, lang)
        time.sleep(0.01)  # each takes tens of milliseconds of the interpreter: the UI thread goes first
    return min(len(words), MAX_PREFETCH)


class WritingController(SidePanelController):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(
            host,
            WritingPanel(),
            title="Writing",
            name="writingDock",
            setting="writing/visible",
            toggle_text="&Writing Panel",
            toggle_shortcut=PANEL_SHORTCUT,
        )
        self.panel: WritingPanel
        self.editor = host.editor
        self.highlighter = self.editor.highlighter
        self.checker: SpellChecker | None = None
        self.accepted: Accepted | None = None
        self.review: Review | None = None
        self._lang = "en"
        self._generation = 0
        self.preferences_dialog: Any = None
        self._preferences_dialog_class: Any = None
        self._cache: dict[BlockKey, tuple[Underline, ...]] = {}
        self._last: dict[int, tuple[Underline, ...]] = {}  # block number -> what it showed last
        self._queued: dict[BlockKey, set[int]] = {}  # waiting for the worker: key -> block numbers
        self._running: dict[BlockKey, set[int]] = {}
        self._suggested: set[tuple[str, str]] = set()
        self._submit_timer = QTimer(self, singleShot=True, interval=0)
        self._submit_timer.timeout.connect(self._submit)
        self._review_timer = QTimer(self, singleShot=True, interval=REVIEW_MS)
        self._review_timer.timeout.connect(self.refresh_review)
        self._to_prefetch: list[tuple[str, str]] = []
        self._prefetch_timer = QTimer(self, singleShot=True, interval=PREFETCH_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._outline_timer = QTimer(self, singleShot=True, interval=400)
        self._outline_timer.timeout.connect(self._refresh_outline)

        self.readability = QLabel()
        self.readability.setObjectName("readabilityLabel")
        self.readability.setContentsMargins(6, 0, 6, 0)
        host.add_status_widget(self.readability)

        self.focus_action = self.action(
            "&Focus Mode", FOCUS_SHORTCUT, "Only the paragraph you are writing at full contrast, kept mid-screen",
        )
        self.focus_action.setCheckable(True)
        self.focus_action.toggled.connect(self.set_focus_mode)
        self.recheck_action = self.action("Check &Spelling Again", "", "Check the whole story's spelling again",
                                          self.recheck_all)
        self.preferences_action = self.action(
            "Writing &Preferences…", "", "House style, the status gate, word lists and extra dictionaries",
            self.edit_preferences,
        )
        view_menu = self.window_menu("View")
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addActions([self.focus_action, self.toggle_action])
        edit_menu = self.window_menu("Edit")
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addActions([self.recheck_action, self.preferences_action])

        self.editor.add_context_menu_provider(self._context_menu)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)
        self.editor.edited.connect(self._edited)
        self.panel.finding_activated.connect(self.go_to_finding)
        self.panel.heading_activated.connect(self.go_to_block)
        self.panel.goal_changed.connect(self._goal_changed)
        self.editing.opened.connect(self._opened)
        self.editing.saved.connect(self._saved)
        self.editing.words_changed.connect(self.panel.set_words)
        host.fields.edited.connect(self._review_timer.start)
        self.highlighter.spelling = self.spans_for

    # ------------------------------------------------------------------------------------ story

    def _attach(self) -> None:
        super()._attach()
        story = self.editing.story
        if story is not None:
            self._opened(story)

    def _opened(self, story: Story | None) -> None:
        self._generation += 1
        self.accepted, self.review = None, None
        self._cache.clear()
        self._last.clear()
        self._queued.clear()
        self._running.clear()
        if story is None:
            self.panel.clear()
            self.readability.clear()
            return
        self._lang = story.language
        self.panel.set_goal(self.host.setting(f"writing/goal/{story.uuid}", 0, int))
        self.panel.set_words(story.word_count)
        self.panel.clear("Checking…")
        self._refresh_outline()
        self.load_word_lists()

    def _saved(self, story: Story) -> None:
        if story.id == self.editing.story_id and story.language != self._lang:
            self._lang = story.language
            self.recheck_all()
        self._review_timer.start()

    def load_word_lists(self) -> None:
        """Read the word lists that apply (yours, the desk's, the story's, its names), then check every block."""
        if self.bridge is None or self.editing.story is None:
            return
        generation = self._generation
        story_id, body = self.editing.story_id, self.editor.text()

        def job(lib: Any) -> tuple[SpellChecker, Accepted]:
            return lib.writing.checker, lib.writing.accepted(story_id, body)

        def done(result: tuple[SpellChecker, Accepted]) -> None:
            if generation != self._generation:
                return
            self.checker, self.accepted = result
            self.recheck_all()
            self._review_timer.start()  # after the underlines, not competing with them

        self.bridge.read(job, done, lambda exc: self.panel.clear(f"Spell checking is not available: {exc}"))

    # ------------------------------------------------------------------------------------ underlines

    def spans_for(self, text: str, fenced: bool, block_number: int) -> list[tuple[int, int]]:
        """The highlighter's question: what to underline in this block (at once; a new block is queued)."""
        if self.accepted is None or self.checker is None:
            return []
        key = (text, fenced)
        found = self._cache.get(key)
        if found is None:
            self._queued.setdefault(key, set()).add(block_number)
            self._submit_timer.start()
            # Meanwhile, what the block showed before, where the same word still stands there.
            found = tuple(u for u in self._last.get(block_number, ())
                          if text[u.start: u.start + u.length] == u.word and u.start + u.length <= len(text))
        else:
            self._last[block_number] = found
        return [(u.start, u.length) for u in found]

    def _submit(self) -> None:
        if not self._queued or self.checker is None or self.accepted is None:
            return
        keys = list(self._queued)
        for key, blocks in self._queued.items():
            self._running.setdefault(key, set()).update(blocks)
        self._queued = {}
        if self.bridge is None:
            return
        checker, lang, accepted, generation = self.checker, self._lang, self.accepted, self._generation
        # On the bridge's reader threads: their results are dropped once the window is closing.
        self.bridge.read(
            lambda _lib: check_blocks(checker, keys, lang, accepted),
            lambda results: self._checked(generation, results),
            lambda exc: log.error("spell checking failed", exc_info=exc),
        )

    def _checked(self, generation: int, results: dict[BlockKey, tuple[Underline, ...]]) -> None:
        if generation != self._generation:
            return
        doc = self.editor.document()
        new_words: list[tuple[str, str]] = []
        for key, found in results.items():
            self._cache[key] = found
            blocks = self._running.pop(key, set())
            for number in blocks:
                block = doc.findBlockByNumber(number)
                if block.isValid() and block.text() == key[0] and (found or self._last.get(number)):
                    self.highlighter.rehighlightBlock(block)
                elif not found:
                    self._last.pop(number, None)
            for u in found:
                if (u.word, u.lang) not in self._suggested:
                    self._suggested.add((u.word, u.lang))
                    new_words.append((u.word, u.lang))
        if new_words:
            self._to_prefetch += new_words
            self._prefetch_timer.start()

    def _prefetch(self) -> None:
        """Suggestions for the misspellings found lately, once typing pauses (they take the interpreter a while)."""
        words, self._to_prefetch = self._to_prefetch, []
        if not words or self.checker is None or self.bridge is None:
            return
        checker = self.checker
        # The panel's advice names the first suggestion once they are in.
        self.bridge.read(
            lambda _lib: prefetch_suggestions(checker, words), lambda _r: self._suggestions_ready(),
            lambda exc: log.error("suggestions failed", exc_info=exc),
        )

    def _suggestions_ready(self) -> None:
        self._review_timer.start()

    def recheck_all(self) -> None:
        """Check every block again (the word lists or the language changed); only blocks whose underlines
        change are re-highlighted."""
        self._generation += 1
        self._cache.clear()
        self._running.clear()
        self._queued = {}
        block = self.editor.document().firstBlock()
        in_fence = False
        while block.isValid():
            text = block.text()
            fence = text.lstrip(" ")[:3] in ("```", "~~~") and len(text) - len(text.lstrip(" ")) <= 3
            key = (text, in_fence or fence)
            if fence:
                in_fence = not in_fence
            if text.strip():
                self._queued.setdefault(key, set()).add(block.blockNumber())
            block = block.next()
        # Blocks re-highlight when their answer comes back if they show or showed underlines (see _checked).
        self._submit()

    def misspelling_at(self, cursor: QTextCursor) -> tuple[QTextBlock, Underline] | None:
        block = cursor.block()
        pos = cursor.positionInBlock()
        for key in ((block.text(), False), (block.text(), True)):
            for u in self._cache.get(key, ()):
                if u.start <= pos <= u.start + u.length:
                    return block, u
        return None

    # ------------------------------------------------------------------------------------ context menu

    def _context_menu(self, menu: QMenu, position: QPoint) -> None:
        cursor = self.editor.cursorForPosition(position)
        hit = self.misspelling_at(cursor)
        if hit is None or self.checker is None:
            return
        block, u = hit
        first = menu.actions()[0] if menu.actions() else None
        items: list[QAction] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            suggestions = self.checker.suggestions(u.word, u.lang)
        finally:
            QApplication.restoreOverrideCursor()
        for word in suggestions[:6]:
            act = QAction(word, menu)
            font = QFont(act.font())
            font.setBold(True)
            act.setFont(font)
            act.triggered.connect(lambda _c=False, w=word: self.replace(block, u, w))
            items.append(act)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            items.append(none)
        items.append(menu.addSeparator())
        language = self.checker.language_name(u.lang)
        add_mine = QAction(f"Add “{u.word}” to My Dictionary", menu)
        add_mine.setToolTip("Accept the word in every story, on this computer")
        add_mine.triggered.connect(lambda: self.add_word(u.word, "mine"))
        add_desk = QAction(f"Add “{u.word}” to Desk Dictionary", menu)
        add_desk.setToolTip("Accept the word for everyone working on this library")
        add_desk.triggered.connect(lambda: self.add_word(u.word, "desk"))
        ignore = QAction("Ignore in This Story", menu)
        ignore.triggered.connect(lambda: self.add_word(u.word, "story"))
        ignore.setEnabled(self.editing.story_id is not None)
        heading = QAction(f"Not in the {language} dictionary", menu)
        heading.setEnabled(False)
        items = [heading, *items, add_mine, add_desk, ignore]
        items.append(QAction(menu))
        items[-1].setSeparator(True)
        for act in items:
            if first is not None:
                menu.insertAction(first, act)
            else:
                menu.addAction(act)

    def replace(self, block: QTextBlock, u: Underline, word: str) -> None:
        """Put ``word`` in place of the misspelling: one undoable edit."""
        if block.text()[u.start: u.start + u.length] != u.word:
            return  # the text moved on since the menu opened
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + u.start)
        cursor.setPosition(block.position() + u.start + u.length, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(word)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)

    def add_word(self, word: str, where: str) -> None:
        """Accept ``word``: in my dictionary ("mine"), the desk dictionary ("desk") or this story ("story")."""
        if self.bridge is None:
            return
        story_id = self.editing.story_id
        author = self.host.author

        def job(lib: Any) -> str:
            if where == "mine":
                return str(lib.writing.add_my_word(word))
            if where == "desk":
                return str(lib.writing.add_desk_word(word, added_by=author))
            assert story_id is not None
            return str(lib.writing.ignore_in_story(story_id, word))

        place = {"mine": "your dictionary", "desk": "the desk dictionary", "story": "this story's ignored words"}

        def done(added: str) -> None:
            self.message(f"“{added}” added to {place[where]}")
            self.load_word_lists()

        self.bridge.write(job, done, lambda exc: self.message(f"“{word}” was not added: {exc}"))

    # ------------------------------------------------------------------------------------ review and panel

    def _edited(self) -> None:
        self._review_timer.start()
        if self._prefetch_timer.isActive():
            self._prefetch_timer.start()
        self._outline_timer.start()

    def refresh_review(self) -> None:
        if self.bridge is None or self.editing.story is None or self.accepted is None:
            return
        fields = self.editing.current_fields()
        story_id, accepted = self.editing.story_id, self.accepted

        def done(review: Review) -> None:
            if self.editing.story_id != story_id:
                return
            self.review = review
            self.panel.show_review(review)
            self._show_readability()

        self.bridge.read(
            lambda lib: lib.writing.review_fields(fields, story_id, accepted=accepted), done,
            lambda exc: self.panel.clear(f"The writing check failed: {exc}"),
        )

    def _show_readability(self) -> None:
        if self.review is None:
            self.readability.clear()
            return
        r = self.review.readability
        score = f"Flesch {r.flesch:.0f}" if r.flesch is not None else f"{r.words_per_sentence:.0f} words/sentence"
        misspelt = len(self.review.misspellings)
        self.readability.setText(f"{score} · {r.label}" + (f" · {misspelt} misspelt" if misspelt else ""))
        self.readability.setToolTip("Readability of the story (the Writing panel, F6, explains it)")
        self._show_paragraph()

    def _show_paragraph(self) -> None:
        if self.review is None:
            return
        text = self.editor.document().toRawText()
        pos = self.editor.textCursor().position()
        offset = from_utf16(text, pos) if not text.isascii() else pos
        para = next((p for p in self.review.paragraphs if p.start <= offset <= p.end), None)
        self.panel.show_paragraph(para)

    def go_to_finding(self, finding: Finding) -> None:
        if finding.field != "body" or finding.start < 0:
            self.message(f"{finding.message}. {finding.advice}")
            return
        text = self.editor.text()
        if finding.end > len(text) or (finding.text and text[finding.start : finding.end] != finding.text):
            self.message("The text changed since the check; it will be checked again in a moment")
            self._review_timer.start()
            return
        wide = not text.isascii()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(to_utf16(text, finding.start) if wide else finding.start)
        cursor.setPosition(to_utf16(text, finding.end) if wide else finding.end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def go_to_block(self, number: int) -> None:
        block = self.editor.document().findBlockByNumber(number)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def _refresh_outline(self) -> None:
        headings = []
        block = self.editor.document().firstBlock()
        in_fence = False
        while block.isValid():
            text = block.text()
            if text.lstrip(" ")[:3] in ("```", "~~~"):
                in_fence = not in_fence
            elif not in_fence:
                m = _HEADING.match(text)
                if m:
                    headings.append((len(m.group(1)), m.group(2), block.blockNumber()))
            block = block.next()
        self.panel.set_outline(headings)

    def _goal_changed(self, goal: int) -> None:
        story = self.editing.story
        if story is not None:
            self.host.set_setting(f"writing/goal/{story.uuid}", goal)

    # ------------------------------------------------------------------------------------ preferences

    def edit_preferences(self) -> None:
        if self.bridge is None:
            return
        from curator.gui.dialogs.writing_settings import WritingSettingsDialog

        self.bridge.read(lambda lib: lib.writing.settings, self._show_preferences,
                         lambda exc: QMessageBox.warning(self.parent_widget, "Writing Preferences", str(exc)))
        self._preferences_dialog_class = WritingSettingsDialog

    def _show_preferences(self, settings: WritingSettings) -> None:
        dialog = self._preferences_dialog_class(settings, self.parent_widget)
        self.preferences_dialog = dialog

        def accepted() -> None:
            chosen = dialog.settings()
            assert self.bridge is not None
            self.bridge.write(
                lambda lib: lib.writing.save_settings(chosen), self._preferences_saved,
                lambda exc: QMessageBox.warning(self.parent_widget, "Writing Preferences not saved", str(exc)),
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    def _preferences_saved(self, settings: WritingSettings) -> None:
        self.message(f"Writing preferences saved in {settings.path}")
        self.checker = None
        self.load_word_lists()

    # ------------------------------------------------------------------------------------ focus mode

    def set_focus_mode(self, on: bool) -> None:
        self.highlighter.focus_block = self.editor.textCursor().blockNumber() if on else None
        self.editor.set_typewriter(on)
        self.highlighter.rehighlight()
        self.message("Focus mode: only the paragraph you are writing stands out" if on else "Focus mode off")

    def _cursor_moved(self) -> None:
        self._show_paragraph()
        old = self.highlighter.focus_block
        if old is None:
            return
        new = self.editor.textCursor().blockNumber()
        if new == old:
            return
        self.highlighter.focus_block = new
        doc = self.editor.document()
        for number in (old, new):
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)


def install_writing(host: PanelHost) -> WritingController:
    return WritingController(host)
