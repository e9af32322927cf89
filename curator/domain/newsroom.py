"""The newsroom that publishes: its name, web address and logo, as readers and search engines see them.

It signs the fact checks (ClaimReview ``author`` and ``publisher``) and publishes the stories (NewsArticle
``publisher``). Set in ``[newsroom]`` of ``settings.toml`` (see :mod:`curator.factcheck.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Newsroom:
    name: str = ""
    url: str = ""  # the newsroom's home page (http or https)
    logo: str = ""  # its logo: a web address (published), or a local image file (not published)

    def __bool__(self) -> bool:
        return bool(self.name)

    def organization(self) -> dict[str, Any]:
        """The newsroom as a schema.org ``NewsMediaOrganization``."""
        data: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": self.name}
        if self.url:
            data["url"] = self.url
        if self.logo.startswith(("https://", "http://")):
            data["logo"] = {"@type": "ImageObject", "url": self.logo}
        return data
