"""Logging set-up, done once by a composition root: a rotating file in the log folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILENAME = "curator.log"


def configure_logging(log_dir: Path | None, *, debug: bool = False, stderr_level: int = logging.WARNING) -> Path | None:
    """Send records to ``log_dir/curator.log`` (rotated) and to stderr; returns the log file's path."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_curator", False):
            root.removeHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if debug else stderr_level)
    console.setFormatter(logging.Formatter("curator: %(levelname)s: %(message)s"))
    if not debug:
        # Tracebacks go to the log file only: a bug reaches the terminal as the one line its entry point prints
        # (with the log's path), never as a traceback unless --debug asks for it.
        console.addFilter(lambda record: not record.exc_info)
    console._curator = True  # type: ignore[attr-defined]  # marks our handlers, replaced when set up again
    root.addHandler(console)
    path = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            path = log_dir / LOG_FILENAME
            file_handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            # A read-only home must not stop the app; it just logs to stderr.
            return None
        file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        file_handler._curator = True  # type: ignore[attr-defined]  # marks our handlers (see above)
        root.addHandler(file_handler)
    return path
