"""The snapshot viewer shows a saved capture offline: a local listener on 127.0.0.1 that the capture points at
everywhere a page can load from must receive no connection, while the capture's own pictures still show."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curator.domain.stories import StoryFields
from curator.gui.dialogs.snapshot_viewer import SnapshotViewer
from curator.services.library import Library
from tests.factcheck.test_snapshots import PNG, make_mhtml, make_warc

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it is offered (for a bounded time)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for _ in range(600):  # at most two minutes
            if self._stop.is_set():
                return
            try:
                conn, _addr = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    try:
        yield server
    finally:
        server.close()


def _hostile_page(port: int) -> str:
    """Every way a page can reach out, pointed at the listener."""
    base = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html><html><head><title>Tariffs</title>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<link rel="stylesheet" href="{base}/style.css">
<link rel="preload" href="{base}/preload.js" as="script">
<link rel="prefetch" href="{base}/prefetch">
<link rel="icon" href="{base}/favicon.ico">
<style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png"); }}
@font-face {{ font-family: X; src: url("{base}/font.woff2"); }} h1 {{ font-family: X; }}</style>
<script src="{base}/script.js"></script>
<script>fetch("{base}/fetch"); new Image().src = "{base}/js-image";</script>
<base href="{base}/">
</head><body onload="location='{base}/onload'">
<h1>Rail tariffs for grain</h1>
<img src="chart.png" alt="chart"><img src="{base}/pixel.gif" alt="">
<img srcset="{base}/a.png 1x, {base}/b.png 2x" alt="">
<picture><source srcset="{base}/c.webp"><img src="{base}/d.png" alt=""></picture>
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object><embed src="{base}/embed">
<video poster="{base}/poster.png" src="{base}/video.mp4" autoplay></video><audio src="{base}/a.mp3" autoplay></audio>
<form action="{base}/form"><input type="image" src="{base}/input.png"></form>
<svg><image href="{base}/svg.png"/></svg>
<a href="{base}/link">a link</a>
</body></html>"""


def _viewer(qtbot, library: Library, filename: str, data: bytes) -> SnapshotViewer:
    story = library.stories.create(StoryFields(headline="Tariffs", body="According to the ministry, tariffs rise."))
    source_id = library.factcheck.sources(story.story.id)[0].id
    library.factcheck.attach_snapshot(source_id, data=data, filename=filename)
    viewer = SnapshotViewer(library.factcheck.source(source_id), library.factcheck.snapshot_data(source_id))
    qtbot.addWidget(viewer)
    return viewer


def _page_value(qtbot, viewer: SnapshotViewer, code: str) -> Any:
    from PySide6.QtWebEngineCore import QWebEngineScript

    box: list[Any] = []
    viewer.view.page().runJavaScript(code, QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


@pytest.mark.parametrize("kind", ["warc", "mhtml", "html"])
def test_snapshot_viewer_makes_no_network_request(qtbot, tmp_path: Path, listener: Listener, kind: str) -> None:
    # The listener is real: a connection to it is counted.
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    qtbot.waitUntil(lambda: listener.connections == 1, timeout=5_000)
    listener.connections = 0

    page = _hostile_page(listener.port)
    data = {"warc": make_warc(page=page), "mhtml": make_mhtml(page=page), "html": page.encode()}[kind]
    filename = {"warc": "tariffs.warc.gz", "mhtml": "tariffs.mhtml", "html": "tariffs.html"}[kind]
    with Library.open(f"sqlite:///{tmp_path / 'library.sqlite'}") as library:
        viewer = _viewer(qtbot, library, filename, data)
        with qtbot.waitSignal(viewer.loaded, timeout=30_000):
            viewer.show()
        assert _page_value(qtbot, viewer, "document.querySelector('h1').textContent") == "Rail tariffs for grain"
        if kind != "html":
            # The capture's own picture comes from inside it.
            qtbot.waitUntil(lambda: _page_value(qtbot, viewer, "document.images[0].naturalWidth") == 1, timeout=10_000)
        # Give the page every chance to reach out (refresh, onload, autoplay, lazy loads), then count.
        qtbot.wait(2_000)
        # Still the capture: no refresh, onload script or link took the view anywhere.
        assert _page_value(qtbot, viewer, "document.querySelector('h1') !== null") is True
        assert listener.connections == 0
        viewer.close()


def test_pdf_and_image_snapshots_open(qtbot, tmp_path: Path) -> None:
    with Library.open(f"sqlite:///{tmp_path / 'library.sqlite'}") as library:
        pdf = _viewer(qtbot, library, "statement.pdf", MINIMAL_PDF)
        assert pdf.pdf_view is not None and pdf.pdf_view.document().pageCount() == 1
        pdf.close()
        image = _viewer(qtbot, library, "chart.png", PNG)
        with qtbot.waitSignal(image.loaded, timeout=30_000):
            image.show()
        assert _page_value(qtbot, image, "document.images[0].naturalWidth") == 1
        image.close()
