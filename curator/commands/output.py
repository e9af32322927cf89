"""Printing results: aligned text for people, ``--json`` for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from curator.core.jsonable import jsonable
from curator.domain.stories import StorySummary


def print_json(value: Any) -> None:
    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def short_time(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_summaries(items: Iterable[StorySummary]) -> int:
    rows = list(items)
    for s in rows:
        tags = f"  [{', '.join(s.tags)}]" if s.tags else ""
        when = short_time(s.updated_at)
        print(f"{s.id:>6}  {s.status.label:<10}  {when}  {s.word_count:>6}w  {_clip(s.headline, 70)}{tags}")
    return len(rows)
