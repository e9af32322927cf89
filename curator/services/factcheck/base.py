"""What every part of the fact-check service shares: its session factory, settings, clock and write sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import write_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.factcheck import Claim, Finding, OpenItem, Source, VerdictScale, Verification
from curator.factcheck.settings import FactCheckSettings
from curator.services.factcheck import convert
from curator.services.factcheck.sync import FactCheckSync
from curator.services.validate import clean_line


class ServiceBase:
    """Built once per library; ``sync`` is the story hook and status gate ``Library`` registers."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        settings: FactCheckSettings | None = None,
        config_dir: Path | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sf = session_factory
        self._settings = settings
        self._config_dir = config_dir
        self._clock = clock
        self.sync = FactCheckSync(lambda: self.settings, lambda: self._clock())

    # ---------------------------------------------------------------------------------------- settings

    @property
    def settings(self) -> FactCheckSettings:
        """The ``[factcheck]`` settings, read from the config folder on first use."""
        if self._settings is None:
            self._settings = FactCheckSettings.load(self._config_dir)
        return self._settings

    def reload_settings(self) -> FactCheckSettings:
        self._settings = None
        return self.settings

    @property
    def scale(self) -> VerdictScale:
        return self.settings.scale

    # ------------------------------------------------------------------------------------ internals

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with write_session(self._sf) as s:
            yield s

    def _checked(self, status: Verification, checked_by: str) -> dict[str, Any]:
        if status is Verification.UNVERIFIED:
            return {"status": status.value, "checked_by": "", "checked_at": None}
        return {"status": status.value, "checked_by": clean_line(checked_by), "checked_at": self._clock()}

    def _verdict_key(self, verdict: str | None) -> str | None:
        if verdict is None or not verdict.strip():
            return None
        found = self.scale.find(verdict)
        if found is None:
            raise ValidationError("verdict", f"{verdict!r} is not on the scale ({', '.join(self.scale.labels)})")
        return found.key

    @staticmethod
    def _require_story(s: Session, story_id: int) -> None:
        if s.scalar(select(m.Story.id).where(m.Story.id == story_id)) is None:
            raise NotFoundError(f"there is no story #{story_id}")

    @staticmethod
    def _body(s: Session, story_id: int) -> str:
        body = s.scalar(select(m.Story.body).where(m.Story.id == story_id))
        if body is None:
            raise NotFoundError(f"there is no story #{story_id}")
        return body

    @staticmethod
    def _touch_source(s: Session, source_id: int) -> None:
        """A person has worked on this source: detection must no longer remove it."""
        s.execute(update(m.FactCheckSource).where(m.FactCheckSource.id == source_id).values(detected=False))

    @staticmethod
    def _source_row(s: Session, source_id: int) -> m.FactCheckSource:
        row = s.get(m.FactCheckSource, source_id)
        if row is None:
            raise NotFoundError(f"there is no source #{source_id}; it may have been merged or removed")
        return row

    @staticmethod
    def _source_by_key(s: Session, story_id: int, key: str) -> m.FactCheckSource | None:
        for row in s.scalars(select(m.FactCheckSource).where(m.FactCheckSource.story_id == story_id)):
            if row.key == key or key in (row.aliases or []):
                return row
        return None

    def _claim(self, s: Session, claim_id: int) -> Claim:
        return convert.claim(s, claim_id, self.scale)

    @staticmethod
    def _source(s: Session, source_id: int) -> Source:
        return convert.source(s, source_id)

    def _open(self, story_id: int, findings: Sequence[Finding], claims: Sequence[Claim]) -> tuple[OpenItem, ...]:
        return convert.open_items(story_id, findings, claims, check_quotes=self.settings.check_quotes)
