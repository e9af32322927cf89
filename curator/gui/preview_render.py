"""Rendering for the preview on its own thread, so typing never waits for Markdown.

Requests are coalesced: while one render runs, only the newest text (and story fields) waits behind it. The
worker keeps a :class:`~curator.render.blocks.BlockRenderer`, so a keystroke re-renders the one block it changed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from curator.domain.stories import Story
    from curator.render.blocks import RenderedBlock
    from curator.render.page import ClaimItem, SourceItem

log = logging.getLogger(__name__)

# The public side of a story's fact check as its page lists it: (sources, claims).
PublicItems = tuple[tuple["SourceItem", ...], tuple["ClaimItem", ...]]

# The preview page may hold no script and load nothing but local files and inline data.
PREVIEW_CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    'img-src file: data: blob:; font-src file: data:; media-src file: data:">'
)


@dataclass(frozen=True)
class RenderRequest:
    generation: int
    story: Story | None = None  # new fields for the page around the body
    text: str | None = None  # new body text
    public: PublicItems | None = None  # new public side of the fact check (sources, claims) for the page


@dataclass(frozen=True)
class RenderResult:
    generation: int
    page_html: str | None
    blocks: list[RenderedBlock] | None
    line_count: int
    seconds: float


class _Worker(QObject):
    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._renderer: Any = None
        self._story: Story | None = None
        self._public: Any = ((), ())

    @Slot(object)
    def render(self, request: RenderRequest) -> None:
        started = time.perf_counter()
        page_html = None
        blocks = None
        line_count = 0
        try:
            if request.story is not None:
                self._story = request.story
            if request.public is not None:
                self._public = request.public
            if (request.story is not None or request.public is not None) and self._story is not None:
                from curator.render.page import PageOptions, render_story_page

                # The public page exactly: the fact check's public side included, nothing internal.
                sources, claims = self._public
                options = PageOptions(extra_head=PREVIEW_CSP, sources=sources, claims=claims)
                page_html = render_story_page(self._story, "", options)
            if request.text is not None:
                if self._renderer is None:
                    from curator.render.blocks import BlockRenderer

                    self._renderer = BlockRenderer()
                blocks = self._renderer.render(request.text)
                line_count = request.text.count("\n") + 1
        except Exception:
            log.exception("the preview could not be rendered")
        self.done.emit(RenderResult(request.generation, page_html, blocks, line_count, time.perf_counter() - started))


class PreviewRenderer(QObject):
    """Front of the render thread; lives on the UI thread."""

    rendered = Signal(object)  # RenderResult
    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._busy = False
        self._generation = 0
        self._pending_story: Story | None = None
        self._pending_text: str | None = None
        self._pending_public: PublicItems | None = None

    def request(self, *, story: Story | None = None, text: str | None = None, public: PublicItems | None = None) -> int:
        """Ask for a render; returns the generation the result will carry."""
        if public is not None:
            self._pending_public = public
        if story is not None:
            self._pending_story = story
        if text is not None:
            self._pending_text = text
        self._generation += 1
        if not self._busy:
            self._send()
        return self._generation

    @property
    def busy(self) -> bool:
        return self._busy

    def _start_thread(self) -> None:
        # Started on the first render, not at start-up.
        self._thread = QThread()
        self._thread.setObjectName("preview-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.render)
        self._worker.done.connect(self._on_done)
        self._thread.start()

    def _send(self) -> None:
        if self._thread is None:
            self._start_thread()
        request = RenderRequest(self._generation, self._pending_story, self._pending_text, self._pending_public)
        self._pending_story, self._pending_text, self._pending_public = None, None, None
        self._busy = True
        self._submit.emit(request)

    def _on_done(self, result: RenderResult) -> None:
        self._busy = False
        if self._pending_story is not None or self._pending_text is not None or self._pending_public is not None:
            self._send()
        self.rendered.emit(result)

    def shutdown(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
