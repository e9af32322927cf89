"""A quiet start: GPU and session-bus chatter goes to the log only, real errors stay; and when Qt's X11 plugin
lacks system libraries, the app says which and how to install them instead of letting Qt abort."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType

from curator.gui import platform_check
from curator.gui.errors import qt_message_level


@pytest.mark.parametrize(
    "message",
    [
        "Failed to load vulkan: Cannot load library vulkan",
        "Unable to detect GPU vendor for device: Mesa/X.org llvmpipe",
        "GLX: No DRI3 Extension.",
        "This plugin does not support propagateSizeHints()",
    ],
)
def test_start_up_chatter_is_only_a_debug_detail(message: str) -> None:
    assert qt_message_level(QtMsgType.QtWarningMsg, message) == logging.DEBUG


def test_real_errors_keep_their_level() -> None:
    assert qt_message_level(QtMsgType.QtWarningMsg, "QFile::remove: Empty or null file name") == logging.WARNING
    assert qt_message_level(QtMsgType.QtCriticalMsg, "Could not load the story template") == logging.ERROR


def test_missing_x11_libraries_are_named_with_the_install_command(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: True)
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"]
    monkeypatch.setattr(platform_check, "missing_libraries", lambda _plugin: missing)
    message = platform_check.check_platform(tmp_path)
    assert message is not None
    assert "libxcb-icccm.so.4" in message and "libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message


def test_once_a_window_opened_the_check_is_skipped(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: True)
    calls: list[Path] = []
    monkeypatch.setattr(platform_check, "missing_libraries", lambda plugin: calls.append(plugin) or [])
    assert platform_check.check_platform(tmp_path) is None and len(calls) == 1
    platform_check.platform_worked(tmp_path)
    assert platform_check.check_platform(tmp_path) is None and len(calls) == 1


def test_the_plugin_of_this_installation_has_its_libraries() -> None:
    plugin = platform_check.plugin_path()
    if plugin is None:
        pytest.skip("PySide6 has no X11 plugin here")
    # The test machine installs Qt's system packages (.ci/run): nothing that ldd reads is missing.
    assert [lib for lib in platform_check.missing_libraries(plugin) if lib != "libxcb-cursor.so.0"] == []
