"""Before Qt starts on Linux/X11: are the system libraries its window-system plugin needs there?

Without them Qt aborts with a message that names one library at best (often "xcb-cursor0 is needed" when quite
others are missing). This reads what the plugin links against with ``ldd``, adds the cursor library Qt opens at
run time, and says which are missing and the ``apt`` command that installs them. It runs on a first start only
(``ldd`` costs ~0.1 s): once a window has opened, a marker in the cache folder says this Qt is known to work.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Library file names → the Debian/Ubuntu packages that provide them (Qt 6's xcb plugin and QtWebEngine).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libnss3.so": "libnss3",
    "libasound.so.2": "libasound2",
}
MARKER = "qt-platform-ok"


def plugin_path(name: str = "libqxcb.so") -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / name
    return path if path.exists() else None


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries ``plugin`` needs that the system does not have (by ``ldd``), plus Qt's cursor library."""
    missing: list[str] = []
    if shutil.which("ldd"):
        try:
            out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            if "not found" in line:
                missing.append(line.split("=>", 1)[0].strip())
    if ctypes.util.find_library("xcb-cursor") is None:
        missing.append("libxcb-cursor.so.0")  # opened by the plugin when it starts, so ldd does not list it
    return list(dict.fromkeys(missing))


def explanation(missing: list[str]) -> str:
    packages = sorted({DEBIAN_PACKAGES.get(lib, "") for lib in missing} - {""})
    lines = ["curator: Qt cannot open a window: these system libraries are missing:"]
    lines += [
        f"  {lib}" + (f"  (Debian/Ubuntu package {DEBIAN_PACKAGES[lib]})" if lib in DEBIAN_PACKAGES else "")
        for lib in missing
    ]
    if packages:
        lines.append(f"Install them with:\n  sudo apt-get install {' '.join(packages)}")
    lines.append("(The README lists the packages Qt needs on each platform.)")
    return "\n".join(lines)


def uses_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return False
    return bool(os.environ.get("DISPLAY")) and (platform == "xcb" or not os.environ.get("WAYLAND_DISPLAY"))


def check_platform(cache_dir: Path) -> str | None:
    """The message to print (and not start Qt) when the X11 plugin's libraries are missing; else None."""
    if not uses_xcb():
        return None
    plugin = plugin_path()
    if plugin is None:
        return None
    marker = cache_dir / MARKER
    stamp = f"{plugin}:{plugin.stat().st_mtime_ns}"
    try:
        if marker.read_text(encoding="utf-8") == stamp:
            return None
    except OSError:
        pass
    missing = missing_libraries(plugin)
    return explanation(missing) if missing else None


def platform_worked(cache_dir: Path) -> None:
    """A window opened: remember that this Qt's plugin has what it needs (the check is skipped from now on)."""
    plugin = plugin_path()
    if plugin is None or not uses_xcb():
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        (cache_dir / MARKER).write_text(f"{plugin}:{plugin.stat().st_mtime_ns}", encoding="utf-8")
    except OSError:
        pass
