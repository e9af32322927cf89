"""Fact-check service: a story's sources, detected attributions and quotations, claims and verdicts.

It keeps the findings in step with the text from inside every story write (as a :class:`StoryHook`): detection
runs again on each save, findings of deleted text go away, unchanged findings keep their verification, and claims
are anchored again (those whose text is gone become orphans, listed until someone deals with them). As a
:class:`StatusGate` it holds stories back from Ready and Published while items are open.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from curator.core.errors import CuratorError
from curator.core.iterate import chunks
from curator.core.status import Status
from curator.db import models as m
from curator.db.base import utcnow
from curator.db.engine import read_session, write_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.factcheck import (
    Claim,
    Evidence,
    FactCheck,
    Finding,
    FindingKind,
    OpenItem,
    OpenItemKind,
    Snapshot,
    Source,
    SourceKind,
    VerdictScale,
    Verification,
    summarise,
)
from curator.factcheck.anchors import TextAnchor, anchor_at, reanchor
from curator.factcheck.attributions import source_key
from curator.factcheck.detect import DETECTOR_VERSION, Analysis, analyse
from curator.factcheck.settings import FactCheckSettings
from curator.services.hooks import WrittenStory
from curator.services.validate import check_url, clean_line, clean_text

log = logging.getLogger(__name__)

# The fact-check tables, by shorter names.
SourceRow = m.FactCheckSource
FindingRow = m.FactCheckFinding
EvidenceRow = m.FactCheckEvidence
ClaimRow = m.FactCheckClaim
SnapshotRow = m.FactCheckSnapshot
# Their tables, for bulk statements (Core executemany is several times faster than ORM bulk operations here).
_SOURCES = m.FactCheckSource.__table__
_FINDINGS = m.FactCheckFinding.__table__
_CLAIMS = m.FactCheckClaim.__table__
_STATES = m.FactCheckState.__table__


def _by_id(table: Any, sample: dict[str, Any]) -> Any:
    """An UPDATE of the columns in ``sample`` (besides ``id``), one row per parameter set, matched by id."""
    return update(table).where(table.c.id == bindparam("row_id")).values({k: bindparam(k) for k in sample if k != "id"})


def _keyed(row: dict[str, Any]) -> dict[str, Any]:
    return {("row_id" if k == "id" else k): v for k, v in row.items()}


MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
MAX_CLAIM_CHARS = 5_000
MAX_NAME_CHARS = 500
MAX_NOTE_CHARS = 20_000
_KEY_LENGTH = 200


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _verification(value: Verification | str) -> Verification:
    try:
        return value if isinstance(value, Verification) else Verification.parse(value)
    except ValueError as exc:
        raise ValidationError("status", str(exc)) from None


def _kind(value: SourceKind | str) -> SourceKind:
    try:
        return value if isinstance(value, SourceKind) else SourceKind.parse(value)
    except ValueError as exc:
        raise ValidationError("kind", str(exc)) from None


def _note(value: str, field: str = "note") -> str:
    text = clean_text(value).strip()
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(field, f"is {len(text):,} characters long; at most {MAX_NOTE_CHARS:,} fit")
    return text


def _name(value: str, field: str = "name") -> str:
    text = clean_line(value)
    if not text:
        raise ValidationError(field, "cannot be empty")
    if len(text) > MAX_NAME_CHARS:
        raise ValidationError(field, f"is {len(text)} characters long; at most {MAX_NAME_CHARS} fit")
    return text


def _anchor(row: Any) -> TextAnchor:
    return TextAnchor(row.exact, row.prefix, row.suffix, row.anchor_start, row.anchor_end)


class FactCheckService:
    """Built once per library; also registered as a story hook and a status gate (see ``Library``)."""

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

    # ----------------------------------------------------------------------------------------- reading

    def overview(self, story_id: int) -> FactCheck:
        """Findings, claims, sources and open items of a story (worked out first if never done)."""
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            findings = self._findings(s, story_id)
            claims = self._claims(s, story_id)
            sources = self._sources(s, story_id)
        return FactCheck(story_id, findings, claims, sources, self._open(story_id, findings, claims), self.scale)

    def overviews(self, story_ids: Iterable[int]) -> dict[int, FactCheck]:
        """What is stored of many stories' fact checks, a few queries per 500 stories (for exports).

        Unlike :meth:`overview` nothing is worked out: a story bulk-imported and never looked at has no findings
        yet. Stories with nothing stored are left out.
        """
        ids = list(dict.fromkeys(story_ids))
        out: dict[int, FactCheck] = {}
        with read_session(self._sf) as s:
            for chunk in chunks(ids, 500):
                findings = self._findings_of(s, chunk)
                claims = self._claims_of(s, chunk)
                sources = self._sources_of(s, chunk)
                for story_id in chunk:
                    f, c, src = findings.get(story_id, ()), claims.get(story_id, ()), sources.get(story_id, ())
                    if f or c or src:
                        out[story_id] = FactCheck(story_id, f, c, src, self._open(story_id, f, c), self.scale)
        return out

    def findings(self, story_id: int) -> tuple[Finding, ...]:
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return self._findings(s, story_id)

    def claims(self, story_id: int) -> tuple[Claim, ...]:
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return self._claims(s, story_id)

    def sources(self, story_id: int) -> tuple[Source, ...]:
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return self._sources(s, story_id)

    def open_items(self, story_id: int) -> tuple[OpenItem, ...]:
        """What still needs checking, in text order (orphaned claims last)."""
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return self._open(story_id, self._findings(s, story_id), self._claims(s, story_id))

    def finding(self, finding_id: int) -> Finding:
        with read_session(self._sf) as s:
            return self._finding(s, finding_id)

    def claim(self, claim_id: int) -> Claim:
        with read_session(self._sf) as s:
            return self._claim(s, claim_id)

    def source(self, source_id: int) -> Source:
        with read_session(self._sf) as s:
            return self._source(s, source_id)

    def open_counts(self, story_ids: Iterable[int]) -> dict[int, int]:
        """Open items per story, from what is stored (for a list column); stories with none are left out."""
        ids = list(dict.fromkeys(story_ids))
        if not ids:
            return {}
        counts: dict[int, int] = defaultdict(int)
        kinds = [FindingKind.ATTRIBUTION.value]
        if self.settings.check_quotes:
            kinds.append(FindingKind.QUOTE.value)
        with read_session(self._sf) as s:
            for chunk in chunks(ids, 500):
                rows = s.execute(
                    select(FindingRow.story_id, func.count())
                    .where(
                        FindingRow.story_id.in_(chunk),
                        FindingRow.status != Verification.VERIFIED.value,
                        FindingRow.kind.in_(kinds),
                    )
                    .group_by(FindingRow.story_id)
                )
                for story_id, n in rows:
                    counts[story_id] += n
                changed = and_(
                    ClaimRow.verdict.is_not(None),
                    ClaimRow.reviewed_text.is_not(None),
                    ClaimRow.reviewed_text != ClaimRow.exact,
                )
                rows = s.execute(
                    select(ClaimRow.story_id, func.count())
                    .where(ClaimRow.story_id.in_(chunk), or_(ClaimRow.orphaned, ClaimRow.verdict.is_(None), changed))
                    .group_by(ClaimRow.story_id)
                )
                for story_id, n in rows:
                    counts[story_id] += n
        return dict(counts)

    # ------------------------------------------------------------------------------------ findings

    def set_finding_status(
        self,
        finding_ids: int | Iterable[int],
        status: Verification | str,
        *,
        checked_by: str = "",
        note: str | None = None,
    ) -> tuple[Finding, ...]:
        """Record how far checking attributions or quotations has got (verified, disputed, unreachable …)."""
        ids = [finding_ids] if isinstance(finding_ids, int) else list(dict.fromkeys(finding_ids))
        status = _verification(status)
        values: dict[str, Any] = self._checked(status, checked_by)
        if note is not None:
            values["note"] = _note(note)
        with self._writing() as s:
            found = set(s.scalars(select(m.FactCheckFinding.id).where(m.FactCheckFinding.id.in_(ids))))
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFoundError(
                    f"finding #{missing[0]} is no longer in the story (the text it was found in has changed)"
                )
            s.execute(update(m.FactCheckFinding).where(m.FactCheckFinding.id.in_(ids)).values(values))
            return tuple(self._finding(s, i) for i in ids)

    # -------------------------------------------------------------------------------------- claims

    def mark_claim(
        self,
        story_id: int,
        start: int,
        end: int,
        *,
        expected: str | None = None,
        claimant: str = "",
        verdict: str | None = None,
        note: str = "",
        author: str = "",
    ) -> Claim:
        """Mark ``body[start:end]`` of the saved story as a claim.

        ``expected`` is the selected text as the editor shows it; when the saved body differs there (unsaved
        edits), nothing is marked and the error says to save first. Surrounding blanks are left out.
        """
        now = self._clock()
        with self._writing() as s:
            body = self._body(s, story_id)
            start, end = self._selection(body, start, end, expected)
            exists = s.scalar(
                select(m.FactCheckClaim.id).where(
                    m.FactCheckClaim.story_id == story_id,
                    m.FactCheckClaim.anchor_start == start,
                    m.FactCheckClaim.anchor_end == end,
                    m.FactCheckClaim.orphaned.is_(False),
                )
            )
            if exists is not None:
                raise ValidationError("selection", "that passage is already marked as a claim")
            key = self._verdict_key(verdict)
            anchor = anchor_at(body, start, end)
            claim_id = s.execute(
                insert(m.FactCheckClaim)
                .values(
                    story_id=story_id,
                    exact=anchor.exact,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    anchor_start=anchor.start,
                    anchor_end=anchor.end,
                    orphaned=False,
                    claimant=clean_line(claimant),
                    verdict=key,
                    note=_note(note),
                    reviewed_text=anchor.exact if key else None,
                    created_by=clean_line(author),
                    created_at=now,
                    updated_at=now,
                    checked_by=clean_line(author) if key else "",
                    checked_at=now if key else None,
                )
                .returning(m.FactCheckClaim.id)
            ).scalar_one()
            return self._claim(s, claim_id)

    def update_claim(
        self,
        claim_id: int,
        *,
        claimant: str | None = None,
        note: str | None = None,
    ) -> Claim:
        """Change a claim's claimant or note (None leaves a field as it is)."""
        values: dict[str, Any] = {"updated_at": self._clock()}
        if claimant is not None:
            values["claimant"] = clean_line(claimant)
        if note is not None:
            values["note"] = _note(note)
        with self._writing() as s:
            self._claim(s, claim_id)
            s.execute(update(m.FactCheckClaim).where(m.FactCheckClaim.id == claim_id).values(values))
            return self._claim(s, claim_id)

    def set_verdict(
        self, claim_id: int, verdict: str | None, *, checked_by: str = "", note: str | None = None
    ) -> Claim:
        """Give a claim a verdict from the scale (its key or label), or take it away with None.

        The claim's words at this moment are remembered, so that a later edit of them reopens the claim.
        """
        key = self._verdict_key(verdict)
        now = self._clock()
        with self._writing() as s:
            claim = self._claim(s, claim_id)
            values: dict[str, Any] = {
                "verdict": key,
                "reviewed_text": claim.text if key else None,
                "checked_by": clean_line(checked_by) if key else "",
                "checked_at": now if key else None,
                "updated_at": now,
            }
            if note is not None:
                values["note"] = _note(note)
            s.execute(update(m.FactCheckClaim).where(m.FactCheckClaim.id == claim_id).values(values))
            return self._claim(s, claim_id)

    def reattach_claim(self, claim_id: int, start: int, end: int, *, expected: str | None = None) -> Claim:
        """Anchor a claim (typically an orphan) to another passage of its story's saved text."""
        with self._writing() as s:
            claim = self._claim(s, claim_id)
            body = self._body(s, claim.story_id)
            start, end = self._selection(body, start, end, expected)
            anchor = anchor_at(body, start, end)
            s.execute(
                update(m.FactCheckClaim)
                .where(m.FactCheckClaim.id == claim_id)
                .values(
                    exact=anchor.exact,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    anchor_start=anchor.start,
                    anchor_end=anchor.end,
                    orphaned=False,
                    updated_at=self._clock(),
                )
            )
            return self._claim(s, claim_id)

    def delete_claim(self, claim_id: int) -> None:
        with self._writing() as s:
            self._claim(s, claim_id)
            s.execute(delete(m.FactCheckClaim).where(m.FactCheckClaim.id == claim_id))

    def add_evidence(self, claim_id: int, source_id: int, *, note: str = "") -> Claim:
        """Link a source to a claim as evidence (again: updates the note)."""
        note = _note(note)
        with self._writing() as s:
            claim = self._claim(s, claim_id)
            source = self._source_row(s, source_id)
            if source.story_id != claim.story_id:
                raise ValidationError("evidence", f"“{source.name}” is a source of another story")
            existing = s.scalar(
                select(EvidenceRow.id).where(EvidenceRow.claim_id == claim_id, EvidenceRow.source_id == source_id)
            )
            if existing is not None:
                s.execute(update(EvidenceRow).where(EvidenceRow.id == existing).values(note=note))
            else:
                position = s.scalar(
                    select(func.coalesce(func.max(EvidenceRow.position), -1)).where(EvidenceRow.claim_id == claim_id)
                )
                s.execute(
                    insert(EvidenceRow).values(
                        claim_id=claim_id, source_id=source_id, note=note, position=(position or 0) + 1
                    )
                )
            self._touch_source(s, source_id)
            s.execute(update(m.FactCheckClaim).where(m.FactCheckClaim.id == claim_id).values(updated_at=self._clock()))
            return self._claim(s, claim_id)

    def remove_evidence(self, claim_id: int, source_id: int) -> Claim:
        with self._writing() as s:
            self._claim(s, claim_id)
            s.execute(delete(EvidenceRow).where(EvidenceRow.claim_id == claim_id, EvidenceRow.source_id == source_id))
            return self._claim(s, claim_id)

    # ------------------------------------------------------------------------------------- sources

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
        name = _name(name)
        kind = _kind(kind)
        url = check_url("url", url)
        note = _note(note)
        key = source_key(name)[:_KEY_LENGTH]
        with self._writing() as s:
            self._body(s, story_id)
            clash = self._source_by_key(s, story_id, key)
            if clash is not None:
                raise ValidationError("name", f"“{clash.name}” is already a source of this story")
            source_id = s.execute(
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
            return self._source(s, source_id)

    def update_source(
        self,
        source_id: int,
        *,
        name: str | None = None,
        kind: SourceKind | str | None = None,
        url: str | None = None,
        note: str | None = None,
    ) -> Source:
        """Change a source's details (None leaves a field as it is). A renamed source keeps answering to its old
        name in the text."""
        values: dict[str, Any] = {"detected": False}
        if kind is not None:
            values["kind"] = _kind(kind).value
        if url is not None:
            values["url"] = check_url("url", url)
        if note is not None:
            values["note"] = _note(note)
        with self._writing() as s:
            row = self._source_row(s, source_id)
            if name is not None:
                name = _name(name)
                key = source_key(name)[:_KEY_LENGTH]
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
        """Record the verification of a source (reached, confirmed, disputed …) and who did it."""
        status = _verification(status)
        values = {**self._checked(status, checked_by), "detected": False}
        if note is not None:
            values["note"] = _note(note)
        with self._writing() as s:
            self._source_row(s, source_id)
            s.execute(update(m.FactCheckSource).where(m.FactCheckSource.id == source_id).values(values))
            return self._source(s, source_id)

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
        """Keep an offline copy of a source: a page, PDF or text file a checker saved.

        With ``keep_in_library`` the bytes are stored in the library (up to 64 MB); otherwise only the file's
        path and SHA-256 are, and :meth:`snapshot_data` checks the file is unchanged. Curator fetches nothing.
        """
        if (data is None) == (path is None):
            raise ValidationError("snapshot", "give either the file's bytes or its path")
        stored_path = None
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
            retrieved_at = retrieved_at or datetime.fromtimestamp(info.st_mtime, UTC)
            stored_path = str(file.resolve())
        assert data is not None
        if len(data) > MAX_SNAPSHOT_BYTES and keep_in_library:
            raise ValidationError("snapshot", f"is over {MAX_SNAPSHOT_BYTES // 2**20} MB")
        if retrieved_at is not None and retrieved_at.tzinfo is None:
            raise ValidationError("retrieved_at", "needs a time zone")
        filename = clean_line(filename)
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

    # ------------------------------------------------------------------------------ keeping in step

    def ensure_analysed(self, story_id: int) -> bool:
        """Work out the story's findings if they are missing or stale (older library, newer detector).

        Returns whether anything was done.
        """
        with read_session(self._sf) as s:
            body = s.scalar(select(m.Story.body).where(m.Story.id == story_id))
            if body is None:
                return False
            state = s.get(m.FactCheckState, story_id)
            if state is not None and state.body_hash == body_hash(body) and state.detector_version == DETECTOR_VERSION:
                return False
        with self._writing() as s:
            body = s.scalar(select(m.Story.body).where(m.Story.id == story_id).with_for_update())
            if body is None:
                return False
            self._analyse(s, story_id, body)
        return True

    def refresh(self, story_id: int) -> FactCheck:
        """Work the findings out again from the saved text, even if it has not changed."""
        with self._writing() as s:
            body = s.scalar(select(m.Story.body).where(m.Story.id == story_id).with_for_update())
            if body is None:
                raise NotFoundError(f"there is no story #{story_id}")
            self._analyse(s, story_id, body, force=True)
        return self.overview(story_id)

    # StoryHook: called by the story service inside its write transaction.
    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None:
        # Bulk imports leave detection for when a story is first looked at (see ensure_analysed).
        created = [w for w in stories if w.created and not w.deferrable]
        if created:
            self._analyse_new(session, created)
        for written in stories:
            if not written.created:
                self._analyse(session, written.id, written.fields.body)

    def stories_purged(self, session: Session, story_ids: Sequence[int]) -> None:
        # Foreign keys cascade; deleting explicitly also covers connections where they are off.
        ids = list(story_ids)
        for model in (m.FactCheckClaim, m.FactCheckFinding, m.FactCheckSource, m.FactCheckState):
            session.execute(delete(model).where(model.story_id.in_(ids)).execution_options(synchronize_session=False))

    # StatusGate: asked before a story moves to Ready or Published.
    def status_blockers(self, session: Session, story_id: int, status: Status) -> list[str]:
        body = session.scalar(select(m.Story.body).where(m.Story.id == story_id))
        if body is None:
            return []
        self._analyse(session, story_id, body)
        items = self._open(story_id, self._findings(session, story_id), self._claims(session, story_id))
        return summarise(items)

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

    def _require_story(self, s: Session, story_id: int) -> None:
        if s.scalar(select(m.Story.id).where(m.Story.id == story_id)) is None:
            raise NotFoundError(f"there is no story #{story_id}")

    def _body(self, s: Session, story_id: int) -> str:
        body = s.scalar(select(m.Story.body).where(m.Story.id == story_id))
        if body is None:
            raise NotFoundError(f"there is no story #{story_id}")
        return body

    @staticmethod
    def _selection(body: str, start: int, end: int, expected: str | None) -> tuple[int, int]:
        if not (0 <= start < end <= len(body)):
            raise ValidationError("selection", f"{start}–{end} is not a passage of the saved story")
        if expected is not None and body[start:end] != expected:
            raise ValidationError(
                "selection", "does not match the saved text of the story; save the story, then mark the claim"
            )
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start == end:
            raise ValidationError("selection", "is blank")
        if end - start > MAX_CLAIM_CHARS:
            raise ValidationError(
                "selection", f"is {end - start:,} characters long; a claim is at most {MAX_CLAIM_CHARS:,}"
            )
        return start, end

    def _touch_source(self, s: Session, source_id: int) -> None:
        """A person has worked on this source: detection must no longer remove it."""
        s.execute(update(m.FactCheckSource).where(m.FactCheckSource.id == source_id).values(detected=False))

    def _source_row(self, s: Session, source_id: int) -> m.FactCheckSource:
        row = s.get(m.FactCheckSource, source_id)
        if row is None:
            raise NotFoundError(f"there is no source #{source_id}; it may have been merged or removed")
        return row

    def _source_by_key(self, s: Session, story_id: int, key: str) -> m.FactCheckSource | None:
        for row in s.scalars(select(m.FactCheckSource).where(m.FactCheckSource.story_id == story_id)):
            if row.key == key or key in (row.aliases or []):
                return row
        return None

    # ------------------------------------------------------------------------------------ conversion

    def _finding_query(self) -> Any:
        return select(FindingRow, SourceRow.name).outerjoin(SourceRow, SourceRow.id == FindingRow.source_id)

    @staticmethod
    def _finding_dto(row: m.FactCheckFinding, source_name: str | None) -> Finding:
        return Finding(
            id=row.id,
            story_id=row.story_id,
            kind=FindingKind(row.kind),
            pattern=row.pattern,
            anchor=_anchor(row),
            sentence_start=row.sentence_start,
            sentence_end=row.sentence_end,
            source_id=row.source_id,
            source_name=source_name or "",
            speaker=row.speaker,
            status=Verification(row.status),
            note=row.note,
            checked_by=row.checked_by,
            checked_at=row.checked_at,
        )

    def _findings(self, s: Session, story_id: int) -> tuple[Finding, ...]:
        return self._findings_of(s, [story_id]).get(story_id, ())

    def _findings_of(self, s: Session, story_ids: Sequence[int]) -> dict[int, tuple[Finding, ...]]:
        rows = s.execute(
            self._finding_query()
            .where(FindingRow.story_id.in_(story_ids))
            .order_by(FindingRow.story_id, FindingRow.anchor_start, FindingRow.id)
        )
        out: dict[int, list[Finding]] = defaultdict(list)
        for f, name in rows:
            out[f.story_id].append(self._finding_dto(f, name))
        return {k: tuple(v) for k, v in out.items()}

    def _finding(self, s: Session, finding_id: int) -> Finding:
        row = s.execute(self._finding_query().where(m.FactCheckFinding.id == finding_id)).one_or_none()
        if row is None:
            raise NotFoundError(
                f"finding #{finding_id} is no longer in the story (the text it was found in has changed)"
            )
        return self._finding_dto(row[0], row[1])

    def _claims(self, s: Session, story_id: int, claim_id: int | None = None) -> tuple[Claim, ...]:
        query = select(ClaimRow).order_by(ClaimRow.orphaned, ClaimRow.anchor_start, ClaimRow.id)
        query = (
            query.where(ClaimRow.id == claim_id) if claim_id is not None else query.where(ClaimRow.story_id == story_id)
        )
        return self._claim_dtos(s, list(s.scalars(query)))

    def _claims_of(self, s: Session, story_ids: Sequence[int]) -> dict[int, tuple[Claim, ...]]:
        query = (
            select(ClaimRow)
            .where(ClaimRow.story_id.in_(story_ids))
            .order_by(ClaimRow.story_id, ClaimRow.orphaned, ClaimRow.anchor_start, ClaimRow.id)
        )
        out: dict[int, list[Claim]] = defaultdict(list)
        for claim in self._claim_dtos(s, list(s.scalars(query))):
            out[claim.story_id].append(claim)
        return {k: tuple(v) for k, v in out.items()}

    def _claim_dtos(self, s: Session, rows: list[m.FactCheckClaim]) -> tuple[Claim, ...]:
        evidence: dict[int, list[Evidence]] = defaultdict(list)
        if rows:
            for e, src in s.execute(
                select(EvidenceRow, SourceRow)
                .join(SourceRow, SourceRow.id == EvidenceRow.source_id)
                .where(EvidenceRow.claim_id.in_([r.id for r in rows]))
                .order_by(EvidenceRow.claim_id, EvidenceRow.position, EvidenceRow.id)
            ):
                evidence[e.claim_id].append(
                    Evidence(src.id, src.name, SourceKind(src.kind), src.url, Verification(src.status), e.note)
                )
        scale = self.scale
        out = []
        for r in rows:
            verdict = scale.get(r.verdict)
            out.append(
                Claim(
                    id=r.id,
                    story_id=r.story_id,
                    anchor=_anchor(r),
                    orphaned=r.orphaned,
                    claimant=r.claimant,
                    verdict=r.verdict,
                    verdict_label=scale.label(r.verdict),
                    verdict_rating=verdict.rating if verdict else None,
                    note=r.note,
                    evidence=tuple(evidence.get(r.id, ())),
                    reviewed_text=r.reviewed_text,
                    created_by=r.created_by,
                    created_at=r.created_at,
                    updated_at=r.updated_at,
                    checked_by=r.checked_by,
                    checked_at=r.checked_at,
                )
            )
        return tuple(out)

    def _claim(self, s: Session, claim_id: int) -> Claim:
        found = self._claims(s, 0, claim_id=claim_id)
        if not found:
            raise NotFoundError(f"there is no claim #{claim_id}; it may have been deleted")
        return found[0]

    def _sources(self, s: Session, story_id: int, source_id: int | None = None) -> tuple[Source, ...]:
        where = SourceRow.id == source_id if source_id is not None else SourceRow.story_id == story_id
        return self._source_dtos(s, where)

    def _sources_of(self, s: Session, story_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        out: dict[int, list[Source]] = defaultdict(list)
        for source in self._source_dtos(s, SourceRow.story_id.in_(story_ids)):
            out[source.story_id].append(source)
        return {k: tuple(v) for k, v in out.items()}

    def _source_dtos(self, s: Session, where: Any) -> tuple[Source, ...]:
        findings = (
            select(func.count())
            .where(FindingRow.source_id == SourceRow.id)
            .correlate(SourceRow)
            .scalar_subquery()
            .label("findings")
        )
        evidence = (
            select(func.count())
            .where(EvidenceRow.source_id == SourceRow.id)
            .correlate(SourceRow)
            .scalar_subquery()
            .label("evidence")
        )
        snapshot_cols = (
            SnapshotRow.filename,
            SnapshotRow.media_type,
            SnapshotRow.size,
            SnapshotRow.sha256,
            SnapshotRow.retrieved_at,
            SnapshotRow.stored_at,
            SnapshotRow.path,
        )
        in_library = SnapshotRow.data.is_not(None).label("in_library")
        query = (
            select(SourceRow, findings, evidence, *snapshot_cols, in_library)
            .outerjoin(SnapshotRow, SnapshotRow.source_id == SourceRow.id)
            .where(where)
        )
        # In the order the text first mentions them; sources added by hand after those.
        first = (
            select(func.min(FindingRow.anchor_start))
            .where(FindingRow.source_id == SourceRow.id)
            .correlate(SourceRow)
            .scalar_subquery()
        )
        query = query.order_by(SourceRow.story_id, func.coalesce(first, 2**31 - 1), SourceRow.id)
        out = []
        for row in s.execute(query):
            src = row[0]
            snap = None
            if row.sha256 is not None:
                snap = Snapshot(
                    filename=row.filename,
                    media_type=row.media_type,
                    size=row.size,
                    sha256=row.sha256,
                    retrieved_at=row.retrieved_at,
                    stored_at=row.stored_at,
                    in_library=bool(row.in_library),
                    path=row.path,
                )
            out.append(
                Source(
                    id=src.id,
                    story_id=src.story_id,
                    name=src.name,
                    kind=SourceKind(src.kind),
                    url=src.url,
                    status=Verification(src.status),
                    note=src.note,
                    checked_by=src.checked_by,
                    checked_at=src.checked_at,
                    detected=src.detected,
                    aliases=tuple(src.aliases or ()),
                    snapshot=snap,
                    findings=row.findings,
                    evidence=row.evidence,
                    created_at=src.created_at,
                )
            )
        return tuple(out)

    def _source(self, s: Session, source_id: int) -> Source:
        found = self._sources(s, 0, source_id=source_id)
        if not found:
            raise NotFoundError(f"there is no source #{source_id}; it may have been merged or removed")
        return found[0]

    def _open(self, story_id: int, findings: Sequence[Finding], claims: Sequence[Claim]) -> tuple[OpenItem, ...]:
        items: list[OpenItem] = []
        check_quotes = self.settings.check_quotes
        for f in findings:
            if not f.is_open or (f.kind is FindingKind.QUOTE and not check_quotes):
                continue
            kind = OpenItemKind.ATTRIBUTION if f.kind is FindingKind.ATTRIBUTION else OpenItemKind.QUOTE
            who = f.speaker or f.source_name
            if f.speaker and f.source_name and f.speaker != f.source_name:
                who = f"{f.speaker} ({f.source_name})"
            detail = f.status.label + (f" — {who}" if who else "")
            items.append(OpenItem(kind, story_id, f.id, f.start, f.end, f.text, detail))
        for c in claims:
            if c.orphaned:
                kind, detail = OpenItemKind.ORPHANED_CLAIM, "its text is no longer in the story"
            elif c.verdict is None:
                kind, detail = (
                    OpenItemKind.CLAIM_WITHOUT_VERDICT,
                    "no verdict" + (f" — {c.claimant}" if c.claimant else ""),
                )
            elif c.text_changed:
                kind, detail = OpenItemKind.CLAIM_CHANGED, f"{c.verdict_label}, given before the text was edited"
            else:
                continue
            items.append(OpenItem(kind, story_id, c.id, c.start, c.end, c.text, detail))
        items.sort(key=lambda i: (i.kind is OpenItemKind.ORPHANED_CLAIM, i.start, i.end))
        return tuple(items)

    # -------------------------------------------------------------------------------------- analysis

    def _finding_rows(self, story_id: int, analysis: Analysis) -> list[dict[str, Any]]:
        text = analysis.text
        rows = []

        def row(kind: FindingKind, pattern: str, start: int, end: int, sentence: Any, key: str, speaker: str) -> None:
            anchor = anchor_at(text, start, end)
            rows.append(
                {
                    "story_id": story_id,
                    "kind": kind.value,
                    "pattern": pattern,
                    "exact": anchor.exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                    "anchor_start": start,
                    "anchor_end": end,
                    "sentence_start": sentence.start,
                    "sentence_end": sentence.end,
                    "speaker": speaker,
                    "source_key": key,
                    "fingerprint": _fingerprint(
                        kind.value, pattern, key, speaker, anchor.exact, text[sentence.start : sentence.end]
                    ),
                }
            )

        for a in analysis.attributions:
            speaker = a.speaker.name if a.speaker else ""
            row(FindingKind.ATTRIBUTION, a.pattern, a.start, a.end, a.sentence, a.source.key, speaker)
        for q in analysis.quotes:
            credited = analysis.attributions[q.attribution].source if q.attribution is not None else q.speaker
            key = credited.key if credited else ""
            row(FindingKind.QUOTE, q.style, q.start, q.end, q.sentence, key, q.speaker.name if q.speaker else "")
        return rows

    def _source_rows(self, story_id: int, analysis: Analysis, known: set[str], now: datetime) -> list[dict[str, Any]]:
        return [
            {
                "story_id": story_id,
                "name": mention.name[:MAX_NAME_CHARS],
                "key": mention.key[:_KEY_LENGTH],
                "aliases": [],
                "kind": mention.kind.value,
                "url": mention.url if _is_web(mention.url) else "",
                "status": Verification.UNVERIFIED.value,
                "note": "",
                "checked_by": "",
                "checked_at": None,
                "detected": True,
                "created_at": now,
            }
            for mention in analysis.sources
            if mention.key[:_KEY_LENGTH] not in known
        ]

    def _insert_sources(self, s: Session, rows: list[dict[str, Any]]) -> dict[tuple[int, str], int]:
        if not rows:
            return {}
        result = s.execute(
            insert(_SOURCES).returning(
                _SOURCES.c.id, _SOURCES.c.story_id, _SOURCES.c.key, sort_by_parameter_order=True
            ),
            rows,
        )
        return {(r.story_id, r.key): r.id for r in result}

    def _analyse_new(self, s: Session, stories: Sequence[WrittenStory]) -> None:
        """Findings of newly created stories, written in a few statements for the whole batch."""
        now = self._clock()
        analyses = [(w.id, analyse(w.fields.body), w.fields.body) for w in stories]
        source_rows = [r for story_id, a, _ in analyses for r in self._source_rows(story_id, a, set(), now)]
        ids = self._insert_sources(s, source_rows)
        finding_rows = []
        for story_id, a, _ in analyses:
            for r in self._finding_rows(story_id, a):
                key = r.pop("source_key")
                finding_rows.append(
                    {**r, "source_id": ids.get((story_id, key[:_KEY_LENGTH])), **self._unchecked_values()}
                )
        if finding_rows:
            s.execute(insert(_FINDINGS), finding_rows)
        s.execute(
            insert(_STATES),
            [
                {
                    "story_id": story_id,
                    "body_hash": body_hash(body),
                    "detector_version": DETECTOR_VERSION,
                    "analysed_at": now,
                }
                for story_id, _, body in analyses
            ],
        )

    @staticmethod
    def _unchecked_values() -> dict[str, Any]:
        return {"status": Verification.UNVERIFIED.value, "note": "", "checked_by": "", "checked_at": None}

    def _analyse(self, s: Session, story_id: int, body: str, *, force: bool = False) -> None:
        """Bring one story's findings, sources and claims in step with ``body``."""
        digest = body_hash(body)
        state = s.execute(
            select(m.FactCheckState.body_hash, m.FactCheckState.detector_version).where(
                m.FactCheckState.story_id == story_id
            )
        ).one_or_none()
        if not force and state is not None and tuple(state) == (digest, DETECTOR_VERSION):
            return
        now = self._clock()
        analysis = analyse(body)

        # Sources: those the text names that the story does not have yet are added, unverified.
        key_to_id: dict[str, int] = {}
        for source_id, key, aliases in s.execute(
            select(SourceRow.id, SourceRow.key, SourceRow.aliases).where(SourceRow.story_id == story_id)
        ):
            key_to_id[key] = source_id
            for alias in aliases or ():
                key_to_id.setdefault(alias, source_id)
        added = self._insert_sources(s, self._source_rows(story_id, analysis, set(key_to_id), now))
        key_to_id.update({key: source_id for (_, key), source_id in added.items()})

        # Findings: matched to the stored ones by fingerprint, so unchanged ones keep their checking.
        stored: dict[str, deque[Any]] = defaultdict(deque)
        for row in s.execute(
            select(FindingRow.id, FindingRow.fingerprint, FindingRow.source_id)
            .where(FindingRow.story_id == story_id)
            .order_by(FindingRow.anchor_start, FindingRow.id)
        ):
            stored[row.fingerprint].append(row)
        updates, inserts = [], []
        for r in self._finding_rows(story_id, analysis):
            key = r.pop("source_key")[:_KEY_LENGTH]
            resolved = key_to_id.get(key)
            queue = stored.get(r["fingerprint"])
            if queue:
                old = queue.popleft()
                position = {
                    k: r[k]
                    for k in ("prefix", "suffix", "anchor_start", "anchor_end", "sentence_start", "sentence_end")
                }
                updates.append({"id": old.id, **position, "source_id": old.source_id or resolved})
            else:
                inserts.append({**r, "source_id": resolved, **self._unchecked_values()})
        gone = [row.id for queue in stored.values() for row in queue]
        if gone:
            s.execute(delete(FindingRow).where(FindingRow.id.in_(gone)).execution_options(synchronize_session=False))
        if updates:
            s.execute(_by_id(_FINDINGS, updates[0]), [_keyed(u) for u in updates])
        if inserts:
            s.execute(insert(_FINDINGS), inserts)

        # Sources detection added that the text no longer names, and nobody worked on, go again.
        s.execute(
            delete(SourceRow)
            .where(
                SourceRow.story_id == story_id,
                SourceRow.detected.is_(True),
                SourceRow.id.not_in(
                    select(FindingRow.source_id).where(
                        FindingRow.story_id == story_id, FindingRow.source_id.is_not(None)
                    )
                ),
                SourceRow.id.not_in(
                    select(EvidenceRow.source_id)
                    .join(ClaimRow, ClaimRow.id == EvidenceRow.claim_id)
                    .where(ClaimRow.story_id == story_id)
                ),
                SourceRow.id.not_in(select(SnapshotRow.source_id)),
            )
            .execution_options(synchronize_session=False)
        )

        self._reanchor_claims(s, story_id, body)

        values = {"body_hash": digest, "detector_version": DETECTOR_VERSION, "analysed_at": now}
        if state is None:
            s.execute(insert(m.FactCheckState).values(story_id=story_id, **values))
        else:
            s.execute(update(m.FactCheckState).where(m.FactCheckState.story_id == story_id).values(values))

    def _reanchor_claims(self, s: Session, story_id: int, body: str) -> None:
        changes = []
        for row in s.execute(
            select(
                ClaimRow.id,
                ClaimRow.exact,
                ClaimRow.prefix,
                ClaimRow.suffix,
                ClaimRow.anchor_start,
                ClaimRow.anchor_end,
                ClaimRow.orphaned,
            ).where(ClaimRow.story_id == story_id)
        ):
            found = reanchor(_anchor(row), body)
            if found is None:
                if not row.orphaned:
                    log.info("claim #%s of story #%s lost its text; kept as an orphan", row.id, story_id)
                    changes.append({"id": row.id, "orphaned": True})
                continue
            if row.orphaned or (found.start, found.end, found.exact, found.prefix, found.suffix) != (
                row.anchor_start,
                row.anchor_end,
                row.exact,
                row.prefix,
                row.suffix,
            ):
                changes.append(
                    {
                        "id": row.id,
                        "orphaned": False,
                        "exact": found.exact,
                        "prefix": found.prefix,
                        "suffix": found.suffix,
                        "anchor_start": found.start,
                        "anchor_end": found.end,
                    }
                )
        # One statement per shape of change (an executemany needs the same keys in every row).
        for keys in {tuple(sorted(c)) for c in changes}:
            batch = [c for c in changes if tuple(sorted(c)) == keys]
            s.execute(_by_id(_CLAIMS, batch[0]), [_keyed(c) for c in batch])


def _is_web(url: str) -> bool:
    try:
        return bool(check_url("url", url))
    except ValidationError:
        return False
