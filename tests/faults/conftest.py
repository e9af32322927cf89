"""Fault tests: the command line and the app run as real processes, in a home folder of the test's own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def curator_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a Curator process: its folders under ``home``, the checkout's package first."""
    env = dict(os.environ)
    env["CURATOR_HOME"] = str(home)
    env.pop("CURATOR_DB", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env.update(extra)
    return env


Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run ``curator ARGS…`` as a separate process; returns the finished process (exit code, stdout, stderr)."""
    home = tmp_path / "home"

    def run(*args: str, timeout: float = 120, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "curator", *args],
            env=curator_env(home),
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )

    return run
