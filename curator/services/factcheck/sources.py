"""Editing a story's sources: adding, renaming, merging, verifying, and keeping offline snapshots as evidence."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from curator.core.errors import CuratorError
from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.factcheck import Finding, FindingKind, Source, SourceKind, Verification
from curator.factcheck.anchors import anchor_at
from curator.factcheck.attributions import guess_kind, source_key
from curator.factcheck.snapshots import SnapshotKind, read_snapshot
from curator.services.factcheck import convert
from curator.services.factcheck.base import ServiceBase
from curator.services.factcheck.convert import EvidenceRow, FindingRow, SnapshotRow, SourceRow
from curator.services.factcheck.sync import unchecked_values
from curator.services.factcheck.validators import (
    KEY_LENGTH,
    MAX_SNAPSHOT_BYTES,
    fingerprint,
    selection,
    sentence_around,
    valid_kind,
    valid_name,
    valid_note,
    valid_status,
)
from curator.services.validate import check_url, clean_line


class SourceActions(ServiceBase):
    """The source half of :class:`FactCheckService`."""

    def add_source(
        self,
        story_id: int,
        name: str,
        *,
        kind: SourceKind | str = SourceKind.OTHER,
        url: str = "",
        note: str = "",
    ) -> Source:
        """A source a checker adds by hand (one detection did not find, or a document used as evidence)."""
        name = valid_name(name)
        kind = valid_kind(kind)
        url = check_url("url", url)
        note = valid_note(note)
        key = source_key(name)[:KEY_LENGTH]
        with self._writing() as s:
            self._body(s, story_id)
            clash = self._source_by_key(s, story_id, key)
            if clash is not None:
                raise ValidationError("name", f"“{clash.name}” is already a source of this story")
            source_id = self._new_source(s, story_id, name, key, kind, url, note)
            return self._source(s, source_id)

    def update_source(
        self,
        source_id: int,
        *,
        name: str | None = None,
        kind: SourceKind | str | None = None,
        url: str | None = None,
        note: str | None = None,
        public: bool | None = None,
    ) -> Source:
        """Change a source's details (None leaves a field as it is). A renamed source keeps answering to its old
        name in the text. ``public`` lists it on the story's public page (its name and address, never its status
        or note)."""
        values: dict[str, Any] = {"detected": False}
        if public is not None:
            values["public"] = bool(public)
        if kind is not None:
            values["kind"] = valid_kind(kind).value
        if url is not None:
            values["url"] = check_url("url", url)
        if note is not None:
            values["note"] = valid_note(note)
        with self._writing() as s:
            row = self._source_row(s, source_id)
            if name is not None:
                name = valid_name(name)
                key = source_key(name)[:KEY_LENGTH]
                if key != row.key:
                    clash = self._source_by_key(s, row.story_id, key)
                    if clash is not None and clash.id != source_id:
                        raise ValidationError(
                            "name", f"“{clash.name}” is already a source of this story; merge the two instead"
                        )
                    values["aliases"] = sorted({*(row.aliases or []), row.key} - {key})
                    values["key"] = key
                values["name"] = name
            s.execute(update(m.FactCheckSource).where(m.FactCheckSource.id == source_id).values(values))
            return self._source(s, source_id)

    def set_source_status(
        self, source_id: int, status: Verification | str, *, checked_by: str = "", note: str | None = None
    ) -> Source:
        """Record the verification of a source (reached, confirmed, disputed …) and who did it.

        The status holds for the source once: every attribution that credits it takes the same status (each can
        still be opened, and set on its own afterwards), and attributions found later that credit it start
        verified when it is. Quotations keep their own checking: a real source can still be misquoted.
        """
        status = valid_status(status)
        checked = self._checked(status, checked_by)
        values = {**checked, "detected": False}
        if note is not None:
            values["note"] = valid_note(note)
        with self._writing() as s:
            self._source_row(s, source_id)
            s.execute(update(m.FactCheckSource).where(m.FactCheckSource.id == source_id).values(values))
            s.execute(
                update(FindingRow)
                .where(FindingRow.source_id == source_id, FindingRow.kind == FindingKind.ATTRIBUTION.value)
                .values(checked)
            )
            return self._source(s, source_id)

    def add_mention(
        self,
        story_id: int,
        start: int,
        end: int,
        *,
        expected: str | None = None,
        source: str | int | None = None,
        kind: SourceKind | str | None = None,
        author: str = "",
    ) -> Finding:
        """An attribution detection missed, from a selection of the saved text (``body[start:end]``).

        ``source`` is the source it credits: an existing source's id, or a name (a source of that name, or one
        answering to it, is reused; otherwise one is added). Without ``source`` the selected words name it. The
        mention is kept across saves while its words are in the text, and checked like any other.
        """
        with self._writing() as s:
            body = self._body(s, story_id)
            start, end = selection(body, start, end, expected)
            words = " ".join(body[start:end].split())
            if isinstance(source, int):
                row = self._source_row(s, source)
                if row.story_id != story_id:
                    raise ValidationError("source", f"“{row.name}” is a source of another story")
                source_id = row.id
            else:
                name = valid_name(source if source is not None else words, "source")
                key = source_key(name)[:KEY_LENGTH]
                if not key:
                    raise ValidationError("source", f"“{name}” does not name anyone")
                row_or_none = self._source_by_key(s, story_id, key)
                if row_or_none is not None:
                    source_id = row_or_none.id
                else:
                    source_id = self._new_source(
                        s, story_id, name, key, valid_kind(kind) if kind is not None else guess_kind(name)
                    )
            clash = s.scalar(
                select(FindingRow.id).where(
                    FindingRow.story_id == story_id,
                    FindingRow.kind == FindingKind.ATTRIBUTION.value,
                    FindingRow.anchor_start == start,
                    FindingRow.anchor_end == end,
                )
            )
            if clash is not None:
                raise ValidationError("selection", "that passage is already an attribution")
            anchor = anchor_at(body, start, end)
            sentence_start, sentence_end = sentence_around(body, start, end)
            source_row = self._source_row(s, source_id)
            checked = unchecked_values()
            if source_row.status == Verification.VERIFIED.value:
                checked = {**checked, "status": source_row.status, "checked_by": source_row.checked_by}
                checked["checked_at"] = source_row.checked_at
            finding_id = s.execute(
                insert(FindingRow)
                .values(
                    story_id=story_id,
                    kind=FindingKind.ATTRIBUTION.value,
                    pattern="manual",
                    exact=anchor.exact,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    anchor_start=anchor.start,
                    anchor_end=anchor.end,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    source_id=source_id,
                    speaker="",
                    fingerprint=fingerprint("manual", str(source_id), anchor.exact, clean_line(author)),
                    manual=True,
                    **checked,
                )
                .returning(FindingRow.id)
            ).scalar_one()
            self._touch_source(s, source_id)
            return convert.finding(s, finding_id)

    def _new_source(
        self, s: Session, story_id: int, name: str, key: str, kind: SourceKind, url: str = "", note: str = ""
    ) -> int:
        return s.execute(
            insert(m.FactCheckSource)
            .values(
                story_id=story_id,
                name=name,
                key=key,
                aliases=[],
                kind=kind.value,
                url=url,
                status=Verification.UNVERIFIED.value,
                note=note,
                checked_by="",
                checked_at=None,
                detected=False,
                created_at=self._clock(),
            )
            .returning(m.FactCheckSource.id)
        ).scalar_one()

    def merge_sources(self, source_ids: Iterable[int], into: int) -> Source:
        """Fold sources into one (e.g. "Karasin" and "Grigory Karasin"); mentions of any of them then credit it."""
        others = [i for i in dict.fromkeys(source_ids) if i != into]
        with self._writing() as s:
            target = self._source_row(s, into)
            rows = [self._source_row(s, i) for i in others]
            if any(r.story_id != target.story_id for r in rows):
                raise ValidationError("merge", "sources of different stories cannot be merged")
            snapshots = set(s.scalars(select(SnapshotRow.source_id).where(SnapshotRow.source_id.in_([into, *others]))))
            if len(snapshots) > 1:
                raise ValidationError(
                    "merge", "more than one of these sources has a snapshot; remove all but one first"
                )
            aliases = set(target.aliases or [])
            for row in rows:
                aliases |= {row.key, *(row.aliases or [])}
                s.execute(update(FindingRow).where(FindingRow.source_id == row.id).values(source_id=into))
                s.execute(update(SnapshotRow).where(SnapshotRow.source_id == row.id).values(source_id=into))
                taken = select(EvidenceRow.claim_id).where(EvidenceRow.source_id == into).scalar_subquery()
                s.execute(delete(EvidenceRow).where(EvidenceRow.source_id == row.id, EvidenceRow.claim_id.in_(taken)))
                s.execute(update(EvidenceRow).where(EvidenceRow.source_id == row.id).values(source_id=into))
            s.execute(delete(SourceRow).where(SourceRow.id.in_(others)))
            s.execute(
                update(SourceRow)
                .where(SourceRow.id == into)
                .values(aliases=sorted(aliases - {target.key}), detected=False)
            )
            return self._source(s, into)

    def delete_source(self, source_id: int) -> None:
        """Remove a source that nothing relies on any more."""
        with self._writing() as s:
            row = self._source_row(s, source_id)
            used = s.scalar(select(func.count()).where(m.FactCheckEvidence.source_id == source_id)) or 0
            if used:
                raise ValidationError("source", f"“{row.name}” is evidence for {used} claim(s); take it off them first")
            named = s.scalar(select(func.count()).where(m.FactCheckFinding.source_id == source_id)) or 0
            if named:
                raise ValidationError(
                    "source",
                    f"the story still credits “{row.name}” ({named} finding(s)); edit the text, "
                    "or merge the source into another",
                )
            s.execute(delete(m.FactCheckSource).where(m.FactCheckSource.id == source_id))

    def attach_snapshot(
        self,
        source_id: int,
        *,
        data: bytes | None = None,
        path: Path | str | None = None,
        filename: str = "",
        media_type: str = "",
        retrieved_at: datetime | None = None,
        keep_in_library: bool = True,
    ) -> Source:
        """Keep an offline copy of a source as evidence: a page a browser saved (``.html``, ``.mhtml``), a web
        archive (``.warc``, ``.warc.gz``), a PDF, an image or a text file.

        With ``keep_in_library`` the bytes are stored in the library (up to 64 MB); otherwise only the file's
        path and SHA-256 are, and :meth:`snapshot_data` checks the file is unchanged. The capture time is the one
        given, else the one the capture records (a WARC's date, an MHTML's Date header), else the file's time. A
        web archive or MHTML file that cannot be read is refused. Curator fetches nothing.
        """
        if (data is None) == (path is None):
            raise ValidationError("snapshot", "give either the file's bytes or its path")
        stored_path = None
        file_time: datetime | None = None
        if path is not None:
            file = Path(path).expanduser()
            try:
                info = file.stat()
                if info.st_size > MAX_SNAPSHOT_BYTES and keep_in_library:
                    raise ValidationError("snapshot", f"{file} is over {MAX_SNAPSHOT_BYTES // 2**20} MB")
                data = file.read_bytes()
            except FileNotFoundError:
                raise CuratorError(f"cannot attach {file}: there is no such file") from None
            except IsADirectoryError:
                raise CuratorError(f"cannot attach {file}: it is a folder") from None
            except OSError as exc:
                raise CuratorError(f"cannot read {file}: {exc.strerror}") from None
            filename = filename or file.name
            file_time = datetime.fromtimestamp(info.st_mtime, UTC)
            stored_path = str(file.resolve())
        assert data is not None
        snapshot = read_snapshot(filename or "snapshot", data)
        retrieved_at = retrieved_at or snapshot.captured_at or file_time
        if len(data) > MAX_SNAPSHOT_BYTES and keep_in_library:
            raise ValidationError("snapshot", f"is over {MAX_SNAPSHOT_BYTES // 2**20} MB")
        if retrieved_at is not None and retrieved_at.tzinfo is None:
            raise ValidationError("retrieved_at", "needs a time zone")
        filename = clean_line(filename)
        if snapshot.kind is not SnapshotKind.OTHER:
            media_type = media_type or snapshot.media_type
        media_type = media_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        now = self._clock()
        with self._writing() as s:
            self._source_row(s, source_id)
            s.execute(delete(m.FactCheckSnapshot).where(m.FactCheckSnapshot.source_id == source_id))
            s.execute(
                insert(m.FactCheckSnapshot).values(
                    source_id=source_id,
                    filename=filename,
                    media_type=media_type[:100],
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    retrieved_at=retrieved_at or now,
                    stored_at=now,
                    path=None if keep_in_library else stored_path,
                    data=data if keep_in_library else None,
                )
            )
            self._touch_source(s, source_id)
            return self._source(s, source_id)

    def snapshot_data(self, source_id: int) -> bytes:
        """The bytes of a source's snapshot, checked against the SHA-256 taken when it was attached."""
        with read_session(self._sf) as s:
            source = self._source_row(s, source_id)
            snap = s.scalar(select(m.FactCheckSnapshot).where(m.FactCheckSnapshot.source_id == source_id))
            if snap is None:
                raise NotFoundError(f"“{source.name}” has no snapshot")
            data, path, sha = snap.data, snap.path, snap.sha256
        if data is None:
            try:
                data = Path(path or "").read_bytes()
            except OSError as exc:
                raise CuratorError(
                    f"the snapshot of “{source.name}” cannot be read from {path}: {exc.strerror}"
                ) from None
        if hashlib.sha256(data).hexdigest() != sha:
            where = f"the file {path}" if snap.data is None else "the copy in the library"
            raise CuratorError(f"the snapshot of “{source.name}” has changed since it was attached ({where})")
        return data

    def remove_snapshot(self, source_id: int) -> Source:
        with self._writing() as s:
            self._source_row(s, source_id)
            s.execute(delete(m.FactCheckSnapshot).where(m.FactCheckSnapshot.source_id == source_id))
            return self._source(s, source_id)
