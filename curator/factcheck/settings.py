"""Fact-check settings from the ``[factcheck]`` table of ``settings.toml`` in the config folder: the verdict scale.

```toml
[factcheck]
# Verdicts, best first. A number places a verdict on the rating scale that ClaimReview publishes;
# verdicts without one (misleading, unverifiable) are published by name only.
verdicts = [
  { label = "True", rating = 5 },
  { label = "Mostly true", rating = 4 },
  "Misleading",
]
check_quotes = true  # unverified quotations count as open items (and hold a story back), like attributions

[newsroom]
# Who signs the published fact checks (ClaimReview author and publisher) and publishes the stories.
name = "Steppe Herald"
url = "https://news.example.org"
logo = "https://news.example.org/logo.png"
```

Without ``[newsroom]``, the older ``organisation``/``organisation_url`` of ``[factcheck]`` name the newsroom.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from curator.core.errors import CuratorError
from curator.core.text import slugify
from curator.domain.factcheck import DEFAULT_SCALE, Verdict, VerdictScale
from curator.domain.newsroom import Newsroom

SETTINGS_FILENAME = "settings.toml"


class SettingsError(CuratorError):
    """The settings file cannot be used; the message names the file and the setting."""


@dataclass(frozen=True)
class FactCheckSettings:
    scale: VerdictScale = DEFAULT_SCALE
    check_quotes: bool = True
    # Who publishes the fact checks (ClaimReview "author"), when the export is not told otherwise.
    organisation: str = ""
    organisation_url: str = ""
    path: Path | None = field(default=None, compare=False)
    newsroom: Newsroom = field(default_factory=Newsroom)

    def __post_init__(self) -> None:
        # The older way to name the newsroom, still honoured when [newsroom] is not set.
        if not self.newsroom and self.organisation:
            object.__setattr__(self, "newsroom", Newsroom(self.organisation, self.organisation_url))

    @classmethod
    def load(cls, config_dir: Path | None) -> FactCheckSettings:
        """The settings in ``config_dir/settings.toml``, or the defaults when there is no such file."""
        if config_dir is None:
            return cls()
        path = config_dir / SETTINGS_FILENAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path=path)
        except OSError as exc:
            raise SettingsError(f"cannot read {path}: {exc.strerror}") from None
        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise SettingsError(f"{path} is not UTF-8 text") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path} is not valid TOML: {exc}") from None
        settings = cls.from_mapping(data.get("factcheck", {}), path=path)
        newsroom = newsroom_from_mapping(data.get("newsroom", {}), path=path)
        return replace(settings, newsroom=newsroom) if newsroom else settings

    @classmethod
    def from_mapping(cls, table: Any, *, path: Path | None = None) -> FactCheckSettings:
        where = f"{path or SETTINGS_FILENAME} [factcheck]"
        if not isinstance(table, Mapping):
            raise SettingsError(f"{where} must be a table")
        scale = DEFAULT_SCALE
        if "verdicts" in table:
            scale = _scale(table["verdicts"], where)
        check_quotes = table.get("check_quotes", True)
        if not isinstance(check_quotes, bool):
            raise SettingsError(f"{where} check_quotes must be true or false")
        org, org_url = table.get("organisation", ""), table.get("organisation_url", "")
        if not isinstance(org, str) or not isinstance(org_url, str):
            raise SettingsError(f"{where} organisation and organisation_url must be text")
        return cls(scale, check_quotes, org.strip(), org_url.strip(), path)


def newsroom_from_mapping(table: Any, *, path: Path | None = None) -> Newsroom:
    """The ``[newsroom]`` table: ``name``, and web addresses ``url`` and ``logo`` (http or https)."""
    where = f"{path or SETTINGS_FILENAME} [newsroom]"
    if not isinstance(table, Mapping):
        raise SettingsError(f"{where} must be a table")
    values = {}
    for key in ("name", "url", "logo"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise SettingsError(f"{where} {key} must be text")
        values[key] = " ".join(value.split())
    parts = urlsplit(values["url"])
    if values["url"] and (parts.scheme.lower() not in ("http", "https") or not parts.netloc):
        raise SettingsError(f"{where} url must be a web address (http or https): {values['url']!r}")
    if (values["url"] or values["logo"]) and not values["name"]:
        raise SettingsError(f"{where} needs a name")
    return Newsroom(values["name"], values["url"], values["logo"])


def _scale(items: Any, where: str) -> VerdictScale:
    if not isinstance(items, list) or not items:
        raise SettingsError(f"{where} verdicts must be a non-empty list")
    verdicts = []
    for i, item in enumerate(items, 1):
        if isinstance(item, str):
            item = {"label": item}
        if not isinstance(item, Mapping) or not isinstance(item.get("label"), str) or not item["label"].strip():
            raise SettingsError(f"{where} verdict {i} needs a label")
        rating = item.get("rating")
        if rating is not None and (not isinstance(rating, int) or isinstance(rating, bool)):
            raise SettingsError(f"{where} verdict {i} ({item['label']}): rating must be a whole number")
        key = item.get("key") or slugify(item["label"])
        verdicts.append(Verdict(str(key), item["label"].strip(), rating))
    try:
        return VerdictScale(tuple(verdicts))
    except ValueError as exc:
        raise SettingsError(f"{where}: {exc}") from None


def scale_of(verdicts: Iterable[tuple[str, int | None]]) -> VerdictScale:
    """A scale from (label, rating) pairs, for callers building one in code."""
    return VerdictScale(tuple(Verdict(slugify(label), label, rating) for label, rating in verdicts))
