"""Two processes on one library: what one saves appears in the other's window as it is committed, and who is
editing shows up, and goes away once that process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta

from curator.domain.stories import StoryFields
from curator.services import presence as presence_module
from tests.gui.conftest import library_of, open_slug

STORIES = [
    StoryFields(headline="Grain talks", body="The grain talks resumed in Astana."),
    StoryFields(headline="Pipeline repairs", body="Repairs on the pipeline began on Monday."),
]

_OTHER_DESK = """
import sys, time
from curator.services.library import Library
url, story_id = sys.argv[1], int(sys.argv[2])
with Library.open(url, actor="Aliya Nurlanova") as lib:
    lib.desk.presence.heartbeat("aliya-window", "Aliya Nurlanova", story_id)
    story = lib.stories.get(story_id)
    lib.stories.save(story_id, story.fields().replace(headline="Grain talks resume", body=story.body + " Late news."),
                     base_version=story.version, author="Aliya Nurlanova")
    other = lib.stories.resolve("pipeline-repairs")
    s2 = lib.stories.get(other)
    lib.stories.save(other, s2.fields().replace(headline="Pipeline repairs finish"), base_version=s2.version)
    print("saved", flush=True)
    time.sleep(600)
"""


def _headlines(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_a_save_and_presence_from_another_process_reach_the_window(qtbot, make_window, library_url, monkeypatch):  # type: ignore[no-untyped-def]
    window = make_window(stories=STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    other = subprocess.Popen(
        [sys.executable, "-c", _OTHER_DESK, library_url, str(grain)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "saved"
        # The list and the open story (no unsaved edits here) follow, without a reload of the list.
        qtbot.waitUntil(lambda: any("Pipeline repairs finish" in (h or "") for h in _headlines(window)), timeout=15_000)
        qtbot.waitUntil(lambda: window.editor.text().endswith("Late news."), timeout=15_000)
        assert window.fields.headline.text() == "Grain talks resume"
        window.desk.beat()
        qtbot.waitUntil(lambda: "Aliya Nurlanova is editing" in window.desk_banner.presence.text(), timeout=10_000)
        assert any((h or "").startswith("✎ ") for h in _headlines(window))
        # Killed: no goodbye, no more heartbeats. Gone once the timeout passes (shortened here from 60 s).
        os.kill(other.pid, signal.SIGKILL)
        other.wait()
        monkeypatch.setattr(presence_module, "TIMEOUT", timedelta(seconds=1))
        qtbot.wait(1200)
        window.desk.beat()
        qtbot.waitUntil(lambda: window.desk_banner.presence.text() == "", timeout=10_000)
        assert not any((h or "").startswith("✎ ") for h in _headlines(window))
    finally:
        if other.poll() is None:
            other.kill()
            other.wait()


def test_a_change_elsewhere_to_a_story_with_unsaved_edits_offers_the_merge(qtbot, make_window, library_url):  # type: ignore[no-untyped-def]
    window = make_window(stories=STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText("\n\nMy new paragraph.")
    qtbot.waitUntil(window.editing.is_dirty, timeout=5_000)
    code = (
        "import sys\nfrom curator.services.library import Library\n"
        "with Library.open(sys.argv[1], actor='Aliya Nurlanova') as lib:\n"
        "    s = lib.stories.get(int(sys.argv[2]))\n"
        "    lib.stories.save(s.id, s.fields().replace(headline='Grain talks resume'), base_version=s.version)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code, library_url, str(grain)], check=True, env=env)
    qtbot.waitUntil(lambda: "Aliya Nurlanova saved this story" in window.desk_banner.changed.text(), timeout=15_000)
    assert window.desk_banner.merge.isVisible()
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        window.desk_banner.merge.click()
    stored = library_of(window).stories.get(grain)
    assert stored.headline == "Grain talks resume" and stored.body.endswith("My new paragraph.")
    assert window.fields.headline.text() == "Grain talks resume"
    assert window.desk_banner.changed.text() == ""
