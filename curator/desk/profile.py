"""Who is working: the profile in settings.toml (``[profile]`` name, initials, role), for the app and the command
line alike. The login name is never used as a byline or an author: it is not a name readers or colleagues know."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import CuratorError

SETTINGS_FILENAME = "settings.toml"


@dataclass(frozen=True)
class Profile:
    name: str = ""
    initials: str = ""
    role: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name)


def read_profile(config_dir: Path | None) -> Profile:
    """The ``[profile]`` table of ``config_dir/settings.toml``; empty when there is none."""
    if config_dir is None:
        return Profile()
    path = config_dir / SETTINGS_FILENAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Profile()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CuratorError(f"{path}: cannot be read ({exc})") from None
    table = data.get("profile") or {}
    if not isinstance(table, dict):
        raise CuratorError(f"{path}: [profile] must be a table")
    values = {key: table.get(key, "") for key in ("name", "initials", "role")}
    for key, value in values.items():
        if not isinstance(value, str):
            raise CuratorError(f"{path}: [profile] {key} must be text")
    return Profile(values["name"].strip(), values["initials"].strip(), values["role"].strip())


def acting_name(explicit: str | None, config_dir: Path | None) -> str:
    """``--as NAME``, else ``$CURATOR_USER``, else the profile's name, else nobody in particular (empty)."""
    for candidate in (explicit, os.environ.get("CURATOR_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    return read_profile(config_dir).name
