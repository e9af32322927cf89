"""The live preview: the story page exactly as the HTML export prints it, updated in place as the editor changes.

The page is loaded once (the same template and stylesheet as the export, built by ``render_story_page``); after
that only the blocks of the body that changed are swapped, and the page's header when the story's fields change.
QtWebEngine is loaded only when the pane is first needed, after the window is on screen. The page runs no script
of its own (JavaScript is off in its main world), and a request interceptor refuses anything but local files and
inline data.
"""

from __future__ import annotations

import collections
import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from curator.gui.preview_render import PreviewRenderer, RenderResult
from curator.gui.widgets.preview_script import PREVIEW_SCRIPT

if TYPE_CHECKING:
    from curator.domain.factcheck import FactCheck
    from curator.domain.stories import Story

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"file", "data", "blob", "qrc", "about"})
_ROOT_VARS = re.compile(r":root\s*\{([^}]*)\}")
_DARK_VARS = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}")


def theme_css(dark: bool) -> str:
    """The stylesheet's own light or dark colours, pinned to follow the app rather than the system."""
    from curator.render.page import stylesheet

    css = stylesheet()
    light_vars = _ROOT_VARS.search(css)
    dark_vars = _DARK_VARS.search(css)
    chosen = dark_vars if dark else light_vars
    if chosen is None:
        return ""
    scheme = "dark" if dark else "light"
    return f":root {{ color-scheme: {scheme}; {chosen.group(1)} }}"


def _web_classes() -> dict[str, Any]:
    """QtWebEngine classes, imported on first use (it is heavy) and subclassed once."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineProfile,
        QWebEngineScript,
        QWebEngineSettings,
        QWebEngineUrlRequestInterceptor,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView

    class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
        """Refuses every request that would leave the machine."""

        def __init__(self, parent: Any = None) -> None:
            super().__init__(parent)
            # The latest refusals (for tests and a curious user), not one entry per keystroke for ever.
            self.refused: collections.deque[str] = collections.deque(maxlen=200)
            self._told: set[str] = set()

        def interceptRequest(self, info: Any) -> None:
            url = info.requestUrl()
            if url.scheme().lower() not in LOCAL_SCHEMES:
                address = url.toString()
                self.refused.append(address)
                info.block(True)
                if address not in self._told and len(self._told) < 1000:
                    # Refusing is the policy working, not an error: said once per address, at debug level.
                    self._told.add(address)
                    log.debug("the preview refused to load %s", address)

    class PreviewPage(QWebEnginePage):
        _console_seen: ClassVar[set[str]] = set()

        def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:
            # Chromium reports every refused image ("Refused to load the image … Content Security Policy") on each
            # render; the page runs no script of the story's, so these are logged once each, at debug level.
            if message not in self._console_seen and len(self._console_seen) < 1000:
                self._console_seen.add(message)
                log.debug("preview console: %s (%s:%d)", message, source, line)

        def acceptNavigationRequest(self, url: QUrl | str, kind: Any, is_main_frame: bool) -> bool:
            url = QUrl(url)
            if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
                # A link in the story opens in the user's browser, never inside the preview.
                if url.scheme() in ("http", "https", "mailto"):
                    QDesktopServices.openUrl(url)
                # PySide6's stub takes only ComponentFormattingOption; Qt's adjusted() takes RemoveFragment too.
                unfragmented = url.adjusted(QUrl.UrlFormattingOption.RemoveFragment)  # type: ignore[arg-type]  # stub
                return url.hasFragment() and unfragmented == self.url()
            return url.scheme().lower() in LOCAL_SCHEMES

    return {
        "Interceptor": LocalOnlyInterceptor,
        "Page": PreviewPage,
        "Profile": QWebEngineProfile,
        "Script": QWebEngineScript,
        "Settings": QWebEngineSettings,
        "View": QWebEngineView,
    }


class PreviewPane(QStackedWidget):
    updated = Signal()  # the page shows the newest body that was asked for
    rendered_in = Signal(float)  # seconds a render took on the render thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self._placeholder = QLabel("Preview")
        self._placeholder.setObjectName("previewPlaceholder")
        self._placeholder.setEnabled(False)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setMinimumWidth(120)
        self.addWidget(self._placeholder)
        self.renderer = PreviewRenderer(self)
        self.renderer.rendered.connect(self._on_rendered)
        self.view: Any = None
        self.interceptor: Any = None
        self._page: Any = None
        self._profile: Any = None
        self._world = 0
        self._loaded = False
        self._load_started = False
        self._queue: list[tuple[str, Any]] = []  # script calls waiting for the page to load
        self._shown: list[str] = []  # the HTML of each block on the page
        self._wanted_generation = 0
        self._dark = False
        self._scroll_busy = False
        self._scroll_next: float | None = None
        self._page_html: str | None = None
        self.last_update_at = 0.0

    # ----------------------------------------------------------------------------------------- set-up

    def ensure_view(self) -> None:
        """Create the web view (loading QtWebEngine) if it is not there yet."""
        if self.view is not None:
            return
        web = _web_classes()
        self._world = web["Script"].ScriptWorldId.ApplicationWorld
        self._profile = web["Profile"](self)  # no storage name: off the record, nothing written to disk
        self._profile.setHttpCacheType(web["Profile"].HttpCacheType.MemoryHttpCache)
        self._profile.setPersistentCookiesPolicy(web["Profile"].PersistentCookiesPolicy.NoPersistentCookies)
        self.interceptor = web["Interceptor"](self._profile)
        self._profile.setUrlRequestInterceptor(self.interceptor)
        self.view = web["View"](self)
        self.view.setObjectName("previewView")
        self._page = web["Page"](self._profile, self.view)
        settings = self._page.settings()
        attr = web["Settings"].WebAttribute
        settings.setAttribute(attr.JavascriptEnabled, False)  # only our isolated-world script runs
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attr.PluginsEnabled, False)
        settings.setAttribute(attr.AutoLoadIconsForPage, False)
        script = web["Script"]()
        script.setName("curator-preview")
        script.setSourceCode(PREVIEW_SCRIPT)
        script.setWorldId(self._world)
        script.setInjectionPoint(web["Script"].InjectionPoint.DocumentReady)
        self._page.scripts().insert(script)
        self._page.loadFinished.connect(self._on_load_finished)
        self.view.setPage(self._page)
        self.view.setContextMenuPolicy(self.view.contextMenuPolicy().NoContextMenu)
        self.addWidget(self.view)
        self.setCurrentWidget(self.view)
        if self._page_html is not None:
            self._load(self._page_html)

    def shutdown(self) -> None:
        self.renderer.shutdown()
        if self.view is not None and self._page is not None:
            import shiboken6

            # Page, then view, then profile: QtWebEngine wants every page gone before its profile.
            page, view, profile = self._page, self.view, self._profile
            self._page = self.view = self._profile = None
            self._loaded = False
            shiboken6.delete(page)
            shiboken6.delete(view)
            shiboken6.delete(profile)
            self.setCurrentWidget(self._placeholder)

    # ------------------------------------------------------------------------------------ content

    def show_story(self, story: Story, body: str) -> None:
        """Show another story (or the same one afresh): fields and body together."""
        self._wanted_generation = self.renderer.request(story=story, text=body)

    def set_story_fields(self, story: Story) -> None:
        self._wanted_generation = self.renderer.request(story=story)

    def set_text(self, body: str) -> None:
        self._wanted_generation = self.renderer.request(text=body)

    def set_factcheck(self, check: FactCheck | None) -> None:
        """Show the public side of the story's (saved) fact check under the story, as the exports print it."""
        from curator.render.page import factcheck_items

        # Only the page around the body changes: what the body is waiting for stays as it was.
        self.renderer.request(public=factcheck_items(check))

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self._loaded:
            self._run(f"curatorPreview.setTheme({json.dumps(theme_css(dark))})")

    def scroll_to_line(self, line: float) -> None:
        """Scroll so the page shows at its top what the editor shows at its top (``inf``: the end)."""
        if not self._loaded:
            return
        if self._scroll_busy:
            self._scroll_next = line
            return
        self._scroll_busy = True
        target = -1 if line == float("inf") else line
        self._run(f"curatorPreview.scrollToLine({target:.3f})", self._scrolled)

    def _scrolled(self, _result: Any) -> None:
        self._scroll_busy = False
        if self._scroll_next is not None:
            line, self._scroll_next = self._scroll_next, None
            self.scroll_to_line(line)

    def run_script(self, code: str, callback: Any = None) -> None:
        """Run ``code`` in the page's isolated world (tests use it to read the page)."""
        self._run(code, callback)

    @property
    def loaded(self) -> bool:
        return self._loaded

    # ----------------------------------------------------------------------------------- internals

    def _on_rendered(self, result: RenderResult) -> None:
        self.rendered_in.emit(result.seconds)
        if result.page_html is not None:
            if self.view is None or not self._load_started:
                self._page_html = result.page_html
                if self.view is not None:
                    self._load(result.page_html)
            else:
                self._run(f"curatorPreview.setPage({json.dumps(result.page_html)})")
        if result.blocks is not None:
            self._apply_blocks(result, final=result.generation >= self._wanted_generation)

    def _apply_blocks(self, result: RenderResult, *, final: bool) -> None:
        assert result.blocks is not None
        new = [b.html for b in result.blocks]
        old = self._shown
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        message = {
            "start": start,
            "remove": end_old - start,
            "insert": new[start:end_new],
            "lines": [b.first_line for b in result.blocks],
            "kinds": [b.anchor_kind for b in result.blocks],
            "anchors": [list(b.anchor_lines) for b in result.blocks],
            "total": result.line_count,
        }
        self._shown = new
        code = f"curatorPreview.splice({json.dumps(message, ensure_ascii=False)})"
        self._run(code, self._spliced if final else None)

    def _spliced(self, _result: Any) -> None:
        self.last_update_at = time.perf_counter()
        self.updated.emit()

    def _load(self, page_html: str) -> None:
        self._load_started = True
        self._loaded = False
        # Relative photo paths resolve against the file system root; the interceptor keeps it local anyway.
        self._page.setHtml(page_html, QUrl("file:///"))

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            log.warning("the preview page did not load")
            return
        self._loaded = True
        self._page.runJavaScript(f"curatorPreview.setTheme({json.dumps(theme_css(self._dark))})", self._world)
        queue, self._queue = self._queue, []
        for code, callback in queue:
            self._run(code, callback)

    def _run(self, code: str, callback: Any = None) -> None:
        if not self._loaded:
            self._queue.append((code, callback))
            return
        if callback is None:
            self._page.runJavaScript(code, self._world)
        else:
            self._page.runJavaScript(code, self._world, callback)
