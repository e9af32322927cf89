"""The fact-check service: a story's sources, detected attributions and quotations, claims and verdicts.

This is the API the panel, the command line and the exports call. The work is split by job: ``convert`` turns rows
into frozen dataclasses, ``sync`` keeps findings in step with the text inside every story write (the story hook and
status gate), ``sources`` edits sources and their snapshots, ``validators`` checks what a checker types.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update

from curator.core.iterate import chunks
from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.factcheck import (
    QUOTED_TERM,
    Claim,
    FactCheck,
    Finding,
    FindingKind,
    OpenItem,
    Source,
    Verification,
)
from curator.factcheck.anchors import anchor_at
from curator.factcheck.detect import DETECTOR_VERSION
from curator.services.factcheck import convert
from curator.services.factcheck.convert import ClaimRow, EvidenceRow, FindingRow
from curator.services.factcheck.sources import SourceActions
from curator.services.factcheck.validators import body_hash, selection, valid_note, valid_status
from curator.services.validate import clean_line


class FactCheckService(SourceActions):
    """Built once per library; its ``sync`` is registered as a story hook and a status gate (see ``Library``)."""

    # ----------------------------------------------------------------------------------------- reading

    def overview(self, story_id: int) -> FactCheck:
        """Findings, claims, sources and open items of a story (worked out first if never done)."""
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            findings = convert.findings(s, story_id)
            claims = convert.claims(s, story_id, self.scale)
            sources = convert.sources(s, story_id)
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
                findings = convert.findings_of(s, chunk)
                claims = convert.claims_of(s, chunk, self.scale)
                sources = convert.sources_of(s, chunk)
                for story_id in chunk:
                    f, c, src = findings.get(story_id, ()), claims.get(story_id, ()), sources.get(story_id, ())
                    if f or c or src:
                        out[story_id] = FactCheck(story_id, f, c, src, self._open(story_id, f, c), self.scale)
        return out

    def findings(self, story_id: int) -> tuple[Finding, ...]:
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return convert.findings(s, story_id)

    def claims(self, story_id: int) -> tuple[Claim, ...]:
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return convert.claims(s, story_id, self.scale)

    def sources(self, story_id: int) -> tuple[Source, ...]:
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return convert.sources(s, story_id)

    def open_items(self, story_id: int) -> tuple[OpenItem, ...]:
        """What still needs checking, in text order (orphaned claims last)."""
        self.ensure_analysed(story_id)
        with read_session(self._sf) as s:
            self._require_story(s, story_id)
            return self._open(story_id, convert.findings(s, story_id), convert.claims(s, story_id, self.scale))

    def finding(self, finding_id: int) -> Finding:
        with read_session(self._sf) as s:
            return convert.finding(s, finding_id)

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
                        FindingRow.pattern != QUOTED_TERM,
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
        status = valid_status(status)
        values: dict[str, Any] = self._checked(status, checked_by)
        if note is not None:
            values["note"] = valid_note(note)
        with self._writing() as s:
            found = set(s.scalars(select(m.FactCheckFinding.id).where(m.FactCheckFinding.id.in_(ids))))
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFoundError(
                    f"finding #{missing[0]} is no longer in the story (the text it was found in has changed)"
                )
            s.execute(update(m.FactCheckFinding).where(m.FactCheckFinding.id.in_(ids)).values(values))
            return tuple(convert.finding(s, i) for i in ids)

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
        public_rationale: str = "",
    ) -> Claim:
        """Mark ``body[start:end]`` of the saved story as a claim.

        ``note`` is the checker's private note; ``public_rationale`` explains the verdict to readers (a claim is
        published, on the page and as ClaimReview, only with a verdict and a public rationale).

        ``expected`` is the selected text as the editor shows it; when the saved body differs there (unsaved
        edits), nothing is marked and the error says to save first. Surrounding blanks are left out.
        """
        now = self._clock()
        with self._writing() as s:
            body = self._body(s, story_id)
            start, end = selection(body, start, end, expected)
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
                    note=valid_note(note),
                    public_rationale=valid_note(public_rationale, "public rationale"),
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
        public_rationale: str | None = None,
    ) -> Claim:
        """Change a claim's claimant, private note or public rationale (None leaves a field as it is)."""
        values: dict[str, Any] = {"updated_at": self._clock()}
        if claimant is not None:
            values["claimant"] = clean_line(claimant)
        if note is not None:
            values["note"] = valid_note(note)
        if public_rationale is not None:
            values["public_rationale"] = valid_note(public_rationale, "public rationale")
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
                values["note"] = valid_note(note)
            s.execute(update(m.FactCheckClaim).where(m.FactCheckClaim.id == claim_id).values(values))
            return self._claim(s, claim_id)

    def reattach_claim(self, claim_id: int, start: int, end: int, *, expected: str | None = None) -> Claim:
        """Anchor a claim (typically an orphan) to another passage of its story's saved text."""
        with self._writing() as s:
            claim = self._claim(s, claim_id)
            body = self._body(s, claim.story_id)
            start, end = selection(body, start, end, expected)
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
        note = valid_note(note)
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
            self.sync.analyse(s, story_id, body)
        return True

    def refresh(self, story_id: int) -> FactCheck:
        """Work the findings out again from the saved text, even if it has not changed."""
        with self._writing() as s:
            body = s.scalar(select(m.Story.body).where(m.Story.id == story_id).with_for_update())
            if body is None:
                raise NotFoundError(f"there is no story #{story_id}")
            self.sync.analyse(s, story_id, body, force=True)
        return self.overview(story_id)

    # StoryHook: called by the story service inside its write transaction.
