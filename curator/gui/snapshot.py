"""The list as it was when the app last closed, shown at start-up while the library opens.

Opening a library means importing SQLAlchemy and checking the schema, which takes longer than showing a window.
So at a clean exit the app writes the first page of its list to the cache folder, together with the size and
modification time of the library file. At the next start, if the file is exactly as it was (nobody wrote to it
since), those rows are shown at once; the live query replaces them as soon as the library is open. Other
databases (PostgreSQL) cannot be checked this cheaply, so they get no snapshot.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from curator.core.status import Status
from curator.domain.stories import Scope, Sort, StorySummary
from curator.gui.models.story_table import ListQuery

log = logging.getLogger(__name__)

SNAPSHOT_FILENAME = "list-snapshot.json"
FORMAT = 1


def sqlite_file(db_url: str) -> Path | None:
    prefix = "sqlite:///"
    if not db_url.startswith(prefix) or db_url == prefix or ":memory:" in db_url:
        return None
    return Path(db_url[len(prefix) :].split("?", 1)[0])


def file_signature(path: Path) -> list[Any] | None:
    """What must not have changed: the library file's size and time, and that no write-ahead log is pending."""
    try:
        st = path.stat()
    except OSError:
        return None
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    return [st.st_size, st.st_mtime_ns]


def _encode(row: StorySummary) -> dict[str, Any]:
    data = {f.name: getattr(row, f.name) for f in fields(row)}  # shallow: asdict deep-copies, slowly
    data["status"] = row.status.value
    for key in ("created_at", "updated_at", "published_at", "deleted_at"):
        value = data[key]
        data[key] = value.isoformat() if isinstance(value, datetime) else None
    data["tags"] = list(row.tags)
    return data


def _decode(data: dict[str, Any]) -> StorySummary:
    data = dict(data)
    data["status"] = Status(data["status"])
    data["tags"] = tuple(data["tags"])
    for key in ("created_at", "updated_at", "published_at", "deleted_at"):
        data[key] = datetime.fromisoformat(data[key]) if data[key] else None
    return StorySummary(**data)


def write_snapshot(cache_dir: Path, db_url: str, query: ListQuery, rows: list[StorySummary]) -> None:
    """Call after the library's engine is closed, so the file is settled."""
    path = sqlite_file(db_url)
    signature = file_signature(path) if path else None
    target = cache_dir / SNAPSHOT_FILENAME
    try:
        if signature is None:
            target.unlink(missing_ok=True)
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": FORMAT,
            "library": db_url,
            "signature": signature,
            "query": {
                "text": query.text,
                "scope": query.scope.value,
                "sort": query.sort.value,
                "desc": query.descending,
            },
            "rows": [_encode(r) for r in rows],
        }
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        log.info("could not write the list snapshot: %s", exc)


def read_snapshot(cache_dir: Path, db_url: str) -> tuple[ListQuery, list[StorySummary]] | None:
    path = sqlite_file(db_url)
    if path is None:
        return None
    try:
        payload = json.loads((cache_dir / SNAPSHOT_FILENAME).read_text(encoding="utf-8"))
        if payload.get("format") != FORMAT or payload.get("library") != db_url:
            return None
        if payload.get("signature") != file_signature(path):
            return None
        q = payload["query"]
        query = ListQuery(q["text"], Scope(q["scope"]), Sort(q["sort"]), bool(q["desc"]))
        return query, [_decode(r) for r in payload["rows"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
