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


@dataclass(frozen=True)
class DeskSettings:
    """``[desk]`` in settings.toml: who may do what, and whether open comments hold a story back."""

    rights: dict[str, list[str]]
    comments_hold_ready: bool = False


def read_desk_settings(config_dir: Path | None) -> DeskSettings:
    if config_dir is None:
        return DeskSettings({})
    path = config_dir / SETTINGS_FILENAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DeskSettings({})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CuratorError(f"{path}: cannot be read ({exc})") from None
    table = data.get("desk") or {}
    rights = table.get("rights") or {}
    hold = table.get("comments_hold_ready", False)
    if not isinstance(rights, dict) or not all(
        isinstance(v, list) and all(isinstance(r, str) for r in v) for v in rights.values()
    ):
        raise CuratorError(f'{path}: [desk] rights must map a right to a list of roles, e.g. publish = ["editor"]')
    if not isinstance(hold, bool):
        raise CuratorError(f"{path}: [desk] comments_hold_ready must be true or false")
    return DeskSettings({str(k): list(v) for k, v in rights.items()}, hold)
