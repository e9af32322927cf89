"""Where Curator keeps its files: data, config, logs and cache folders from platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Curator"
APP_AUTHOR = "Curator"
LIBRARY_FILENAME = "library.sqlite"


@dataclass(frozen=True)
class AppPaths:
    """The folders one Curator installation uses; built once at the composition root."""

    data_dir: Path
    config_dir: Path
    log_dir: Path
    cache_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        """The per-user platform folders, or folders under ``$CURATOR_HOME`` when it is set."""
        home = os.environ.get("CURATOR_HOME")
        if home:
            root = Path(home)
            return cls(root / "data", root / "config", root / "log", root / "cache")
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        )

    @property
    def default_library(self) -> Path:
        return self.data_dir / LIBRARY_FILENAME

    def default_db_url(self) -> str:
        return f"sqlite:///{self.default_library}"
