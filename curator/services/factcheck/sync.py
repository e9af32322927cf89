"""Keeping fact-check findings in step with the text, from inside every story write.

:class:`FactCheckSync` is a :class:`StoryHook`: detection runs again on each save, findings of deleted text go
away, unchanged findings keep their verification (matched by a fingerprint of the finding and its sentence), and
claims are anchored again (those whose text is gone become orphans, listed until someone deals with them). As a
:class:`StatusGate` it holds stories back from Ready and Published while items are open. ``Library`` registers it,
as it registers the related-stories hook.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from curator.core.status import Status
from curator.db import models as m
from curator.domain.factcheck import QUOTED_TERM, FindingKind, Verification, summarise
from curator.factcheck.anchors import anchor_at, reanchor
from curator.factcheck.detect import DETECTOR_VERSION, Analysis, analyse
from curator.factcheck.settings import FactCheckSettings
from curator.services.factcheck import convert
from curator.services.factcheck.convert import ClaimRow, EvidenceRow, FindingRow, SnapshotRow, SourceRow, anchor_of
from curator.services.factcheck.validators import KEY_LENGTH, MAX_NAME_CHARS, body_hash, fingerprint, is_web
from curator.services.hooks import WrittenStory

log = logging.getLogger(__name__)

# The tables, for bulk statements (Core executemany is several times faster than ORM bulk operations here).
_SOURCES = m.table_of(m.FactCheckSource)
_FINDINGS = m.table_of(m.FactCheckFinding)
_CLAIMS = m.table_of(m.FactCheckClaim)
_STATES = m.table_of(m.FactCheckState)


def _by_id(table: Any, sample: dict[str, Any]) -> Any:
    """An UPDATE of the columns in ``sample`` (besides ``id``), one row per parameter set, matched by id."""
    return update(table).where(table.c.id == bindparam("row_id")).values({k: bindparam(k) for k in sample if k != "id"})


def _keyed(row: dict[str, Any]) -> dict[str, Any]:
    return {("row_id" if k == "id" else k): v for k, v in row.items()}


def unchecked_values() -> dict[str, Any]:
    return {"status": Verification.UNVERIFIED.value, "note": "", "checked_by": "", "checked_at": None}


class FactCheckSync:
    """The story hook and status gate of the fact-check service."""

    def __init__(self, settings: Callable[[], FactCheckSettings], clock: Callable[[], datetime]) -> None:
        self._settings = settings
        self._clock = clock

    # StoryHook: called by the story service inside its write transaction.
    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None:
        # Bulk imports leave detection for when a story is first looked at (see FactCheckService.ensure_analysed).
        created = [w for w in stories if w.created and not w.deferrable]
        if created:
            self._analyse_new(session, created)
        for written in stories:
            if not written.created:
                self.analyse(session, written.id, written.fields.body)

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
        self.analyse(session, story_id, body)
        settings = self._settings()
        items = convert.open_items(
            story_id,
            convert.findings(session, story_id),
            convert.claims(session, story_id, settings.scale),
            check_quotes=settings.check_quotes,
        )
        return summarise(items)

    # ------------------------------------------------------------------------------------------ analysis

    def analyse(self, s: Session, story_id: int, body: str, *, force: bool = False) -> None:
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
        # A source verified once stands verified for every attribution that credits it, new ones included.
        verified: dict[int, dict[str, Any]] = {}
        for source_id, key, aliases, status, checked_by, checked_at in s.execute(
            select(
                SourceRow.id,
                SourceRow.key,
                SourceRow.aliases,
                SourceRow.status,
                SourceRow.checked_by,
                SourceRow.checked_at,
            ).where(SourceRow.story_id == story_id)
        ):
            key_to_id[key] = source_id
            if status == Verification.VERIFIED.value:
                verified[source_id] = {"status": status, "note": "", "checked_by": checked_by, "checked_at": checked_at}
            for alias in aliases or ():
                key_to_id.setdefault(alias, source_id)
        added = self._insert_sources(s, self._source_rows(story_id, analysis, set(key_to_id), now))
        key_to_id.update({key: source_id for (_, key), source_id in added.items()})

        # Findings: matched to the stored ones by fingerprint, so unchanged ones keep their checking.
        stored: dict[str, deque[Any]] = defaultdict(deque)
        for row in s.execute(
            select(FindingRow.id, FindingRow.fingerprint, FindingRow.source_id)
            .where(FindingRow.story_id == story_id, FindingRow.manual.is_(False))
            .order_by(FindingRow.anchor_start, FindingRow.id)
        ):
            stored[row.fingerprint].append(row)
        updates, inserts = [], []
        for r in self._finding_rows(story_id, analysis):
            key = r.pop("source_key")[:KEY_LENGTH]
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
                checked = unchecked_values()
                if r["kind"] == FindingKind.ATTRIBUTION.value and resolved in verified:
                    checked = verified[resolved]
                inserts.append({**r, "source_id": resolved, **checked})
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

        self._reanchor_manual(s, story_id, body)
        self._reanchor_claims(s, story_id, body)

        values = {"body_hash": digest, "detector_version": DETECTOR_VERSION, "analysed_at": now}
        if state is None:
            s.execute(insert(m.FactCheckState).values(story_id=story_id, **values))
        else:
            s.execute(update(m.FactCheckState).where(m.FactCheckState.story_id == story_id).values(values))

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
                    "fingerprint": fingerprint(
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
            pattern = QUOTED_TERM if q.term else q.style  # a quoted term is shown but holds nothing open
            row(FindingKind.QUOTE, pattern, q.start, q.end, q.sentence, key, q.speaker.name if q.speaker else "")
        return rows

    @staticmethod
    def _source_rows(story_id: int, analysis: Analysis, known: set[str], now: datetime) -> list[dict[str, Any]]:
        return [
            {
                "story_id": story_id,
                "name": mention.name[:MAX_NAME_CHARS],
                "key": mention.key[:KEY_LENGTH],
                "aliases": [],
                "kind": mention.kind.value,
                "url": mention.url if is_web(mention.url) else "",
                "status": Verification.UNVERIFIED.value,
                "note": "",
                "checked_by": "",
                "checked_at": None,
                "detected": True,
                "created_at": now,
            }
            for mention in analysis.sources
            if mention.key[:KEY_LENGTH] not in known
        ]

    @staticmethod
    def _insert_sources(s: Session, rows: list[dict[str, Any]]) -> dict[tuple[int, str], int]:
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
                finding_rows.append({**r, "source_id": ids.get((story_id, key[:KEY_LENGTH])), **unchecked_values()})
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
    def _reanchor_manual(s: Session, story_id: int, body: str) -> None:
        """Mentions a checker added follow their text; one whose text is gone goes too."""
        gone, moved = [], []
        for row in s.execute(
            select(
                FindingRow.id,
                FindingRow.exact,
                FindingRow.prefix,
                FindingRow.suffix,
                FindingRow.anchor_start,
                FindingRow.anchor_end,
                FindingRow.sentence_start,
                FindingRow.sentence_end,
            ).where(FindingRow.story_id == story_id, FindingRow.manual.is_(True))
        ):
            found = reanchor(anchor_of(row), body)
            if found is None:
                gone.append(row.id)
                continue
            shift = found.start - row.anchor_start
            if shift or (found.exact, found.prefix, found.suffix) != (row.exact, row.prefix, row.suffix):
                moved.append(
                    {
                        "id": row.id,
                        "exact": found.exact,
                        "prefix": found.prefix,
                        "suffix": found.suffix,
                        "anchor_start": found.start,
                        "anchor_end": found.end,
                        "sentence_start": min(found.start, max(0, row.sentence_start + shift)),
                        "sentence_end": max(found.end, min(len(body), row.sentence_end + shift)),
                    }
                )
        if gone:
            s.execute(delete(FindingRow).where(FindingRow.id.in_(gone)).execution_options(synchronize_session=False))
        if moved:
            s.execute(_by_id(_FINDINGS, moved[0]), [_keyed(c) for c in moved])

    @staticmethod
    def _reanchor_claims(s: Session, story_id: int, body: str) -> None:
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
            found = reanchor(anchor_of(row), body)
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
