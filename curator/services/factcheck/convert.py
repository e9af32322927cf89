"""Fact-check rows turned into the frozen dataclasses the service hands out, and the open items worked out of them.

Every read of findings, claims and sources goes through here, a few queries per batch of stories, so the panel,
the exports and the status gate see the same shapes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curator.db import models as m
from curator.domain.errors import NotFoundError
from curator.domain.factcheck import (
    QUOTED_TERM,
    Claim,
    Evidence,
    Finding,
    FindingKind,
    OpenItem,
    OpenItemKind,
    Snapshot,
    Source,
    SourceKind,
    TextAnchor,
    VerdictScale,
    Verification,
)

# The fact-check tables, by shorter names.
SourceRow = m.FactCheckSource
FindingRow = m.FactCheckFinding
EvidenceRow = m.FactCheckEvidence
ClaimRow = m.FactCheckClaim
SnapshotRow = m.FactCheckSnapshot


def anchor_of(row: Any) -> TextAnchor:
    return TextAnchor(row.exact, row.prefix, row.suffix, row.anchor_start, row.anchor_end)


# ------------------------------------------------------------------------------------------------ findings


def _finding_query() -> Any:
    return select(FindingRow, SourceRow.name).outerjoin(SourceRow, SourceRow.id == FindingRow.source_id)


def finding_dto(row: m.FactCheckFinding, source_name: str | None) -> Finding:
    return Finding(
        id=row.id,
        story_id=row.story_id,
        kind=FindingKind(row.kind),
        pattern=row.pattern,
        anchor=anchor_of(row),
        sentence_start=row.sentence_start,
        sentence_end=row.sentence_end,
        source_id=row.source_id,
        source_name=source_name or "",
        speaker=row.speaker,
        status=Verification(row.status),
        note=row.note,
        checked_by=row.checked_by,
        checked_at=row.checked_at,
        manual=row.manual,
    )


def findings(s: Session, story_id: int) -> tuple[Finding, ...]:
    return findings_of(s, [story_id]).get(story_id, ())


def findings_of(s: Session, story_ids: Sequence[int]) -> dict[int, tuple[Finding, ...]]:
    rows = s.execute(
        _finding_query()
        .where(FindingRow.story_id.in_(story_ids))
        .order_by(FindingRow.story_id, FindingRow.anchor_start, FindingRow.id)
    )
    out: dict[int, list[Finding]] = defaultdict(list)
    for f, name in rows:
        out[f.story_id].append(finding_dto(f, name))
    return {k: tuple(v) for k, v in out.items()}


def finding(s: Session, finding_id: int) -> Finding:
    row = s.execute(_finding_query().where(FindingRow.id == finding_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"finding #{finding_id} is no longer in the story (the text it was found in has changed)")
    return finding_dto(row[0], row[1])


# -------------------------------------------------------------------------------------------------- claims


def claims(s: Session, story_id: int, scale: VerdictScale, claim_id: int | None = None) -> tuple[Claim, ...]:
    query = select(ClaimRow).order_by(ClaimRow.orphaned, ClaimRow.anchor_start, ClaimRow.id)
    query = query.where(ClaimRow.id == claim_id) if claim_id is not None else query.where(ClaimRow.story_id == story_id)
    return claim_dtos(s, list(s.scalars(query)), scale)


def claims_of(s: Session, story_ids: Sequence[int], scale: VerdictScale) -> dict[int, tuple[Claim, ...]]:
    query = (
        select(ClaimRow)
        .where(ClaimRow.story_id.in_(story_ids))
        .order_by(ClaimRow.story_id, ClaimRow.orphaned, ClaimRow.anchor_start, ClaimRow.id)
    )
    out: dict[int, list[Claim]] = defaultdict(list)
    for c in claim_dtos(s, list(s.scalars(query)), scale):
        out[c.story_id].append(c)
    return {k: tuple(v) for k, v in out.items()}


def claim_dtos(s: Session, rows: list[m.FactCheckClaim], scale: VerdictScale) -> tuple[Claim, ...]:
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
    out = []
    for r in rows:
        verdict = scale.get(r.verdict)
        out.append(
            Claim(
                id=r.id,
                story_id=r.story_id,
                anchor=anchor_of(r),
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
                public_rationale=r.public_rationale,
            )
        )
    return tuple(out)


def claim(s: Session, claim_id: int, scale: VerdictScale) -> Claim:
    found = claims(s, 0, scale, claim_id=claim_id)
    if not found:
        raise NotFoundError(f"there is no claim #{claim_id}; it may have been deleted")
    return found[0]


# ------------------------------------------------------------------------------------------------- sources


def sources(s: Session, story_id: int) -> tuple[Source, ...]:
    return source_dtos(s, SourceRow.story_id == story_id)


def sources_of(s: Session, story_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
    out: dict[int, list[Source]] = defaultdict(list)
    for src in source_dtos(s, SourceRow.story_id.in_(story_ids)):
        out[src.story_id].append(src)
    return {k: tuple(v) for k, v in out.items()}


def source(s: Session, source_id: int) -> Source:
    found = source_dtos(s, SourceRow.id == source_id)
    if not found:
        raise NotFoundError(f"there is no source #{source_id}; it may have been merged or removed")
    return found[0]


def source_dtos(s: Session, where: Any) -> tuple[Source, ...]:
    n_findings = (
        select(func.count())
        .where(FindingRow.source_id == SourceRow.id)
        .correlate(SourceRow)
        .scalar_subquery()
        .label("findings")
    )
    n_evidence = (
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
        select(SourceRow, n_findings, n_evidence, *snapshot_cols, in_library)
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
                public=src.public,
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------- open items


def open_items(
    story_id: int, findings: Sequence[Finding], claims: Sequence[Claim], *, check_quotes: bool
) -> tuple[OpenItem, ...]:
    """What still needs checking, in text order (orphaned claims last)."""
    items: list[OpenItem] = []
    for f in findings:
        if not f.is_open or (f.kind is FindingKind.QUOTE and (not check_quotes or f.pattern == QUOTED_TERM)):
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
