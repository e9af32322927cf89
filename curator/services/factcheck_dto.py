"""Frozen dataclasses the fact-check service hands out: sources, findings, claims, open items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from curator.factcheck.anchors import TextAnchor
from curator.factcheck.model import FindingKind, SourceKind, Verification
from curator.factcheck.settings import VerdictScale

PATTERN_LABELS = {
    "according_to": "according to …",
    "reports": "… reports",
    "notes": "… notes",
    "says": "… said",
    "added": "… added",
    "confirmed": "… confirmed",
    "cited": "citing …",
    "described": "… described",
    "told": "… told …",
    "wrote": "… wrote",
    "as_put_it": "as … put it",
    "after_quote": "…, NAME said",
    "ru_po_dannym": "по данным …",
    "ru_po_slovam": "по словам …",
    "ru_so_ssylkoy": "со ссылкой на …",
    "ru_kak_soobshchaet": "как сообщает …",
    "ru_soobshchil": "сообщил/заявил …",
    "ru_soobshchaet": "сообщает/пишет …",
    "ru_peredaet": "передаёт …",
    "straight": '"…"',
    "curly": "“…”",
    "low": "„…“",
    "guillemets": "«…»",
    "reported": "reported speech",
}


@dataclass(frozen=True)
class Snapshot:
    """An offline copy of a source. ``in_library``: the bytes are stored in the library; else at ``path``."""

    filename: str
    media_type: str
    size: int
    sha256: str
    retrieved_at: datetime | None
    stored_at: datetime
    in_library: bool
    path: str | None


@dataclass(frozen=True)
class Source:
    id: int
    story_id: int
    name: str
    kind: SourceKind
    url: str
    status: Verification
    note: str
    checked_by: str
    checked_at: datetime | None
    detected: bool  # found by detection and not edited by anyone yet
    aliases: tuple[str, ...]  # other names (folded) that mean this source, e.g. after a merge
    snapshot: Snapshot | None
    findings: int  # attributions and quotations in the text that credit it
    evidence: int  # claims it is evidence for
    created_at: datetime


@dataclass(frozen=True)
class Finding:
    """A detected attribution or quotation: where it is, whom it credits, and whether it has been checked."""

    id: int
    story_id: int
    kind: FindingKind
    pattern: str
    anchor: TextAnchor
    sentence_start: int
    sentence_end: int
    source_id: int | None
    source_name: str
    speaker: str
    status: Verification
    note: str
    checked_by: str
    checked_at: datetime | None

    @property
    def start(self) -> int:
        return self.anchor.start

    @property
    def end(self) -> int:
        return self.anchor.end

    @property
    def text(self) -> str:
        return self.anchor.exact

    @property
    def pattern_label(self) -> str:
        return PATTERN_LABELS.get(self.pattern, self.pattern)

    @property
    def is_open(self) -> bool:
        return self.status is not Verification.VERIFIED


@dataclass(frozen=True)
class Evidence:
    source_id: int
    source_name: str
    source_kind: SourceKind
    source_url: str
    source_status: Verification
    note: str


@dataclass(frozen=True)
class Claim:
    id: int
    story_id: int
    anchor: TextAnchor  # where the claim is now; for an orphan, where it was last seen
    orphaned: bool
    claimant: str
    verdict: str | None  # the verdict's key on the scale
    verdict_label: str
    verdict_rating: int | None
    note: str
    evidence: tuple[Evidence, ...]
    reviewed_text: str | None  # the claim's words when the verdict was given
    created_by: str
    created_at: datetime
    updated_at: datetime
    checked_by: str
    checked_at: datetime | None

    @property
    def start(self) -> int:
        return self.anchor.start

    @property
    def end(self) -> int:
        return self.anchor.end

    @property
    def text(self) -> str:
        return self.anchor.exact

    @property
    def text_changed(self) -> bool:
        """The claim's words were edited after its verdict was given."""
        return self.verdict is not None and self.reviewed_text is not None and self.reviewed_text != self.text

    @property
    def is_open(self) -> bool:
        return self.orphaned or self.verdict is None or self.text_changed


class OpenItemKind(StrEnum):
    ATTRIBUTION = "attribution"  # an attribution not verified
    QUOTE = "quote"  # a quotation not verified
    CLAIM_WITHOUT_VERDICT = "claim_without_verdict"
    CLAIM_CHANGED = "claim_changed"  # edited since its verdict
    ORPHANED_CLAIM = "orphaned_claim"  # its text is gone from the story

    @property
    def label(self) -> str:
        return _OPEN_LABELS[self]


_OPEN_LABELS = {
    OpenItemKind.ATTRIBUTION: "attribution",
    OpenItemKind.QUOTE: "quotation",
    OpenItemKind.CLAIM_WITHOUT_VERDICT: "claim without a verdict",
    OpenItemKind.CLAIM_CHANGED: "claim edited since its verdict",
    OpenItemKind.ORPHANED_CLAIM: "orphaned claim",
}


@dataclass(frozen=True)
class OpenItem:
    """Something that still needs a fact-checker before the story can go out."""

    kind: OpenItemKind
    story_id: int
    item_id: int  # a finding id (attribution, quote) or a claim id
    start: int
    end: int
    text: str
    detail: str  # the status, the source or the claimant: what a list shows beside the text


@dataclass(frozen=True)
class FactCheck:
    """Everything the fact-check panel shows for one story."""

    story_id: int
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    open_items: tuple[OpenItem, ...]
    scale: VerdictScale

    @property
    def attributions(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.ATTRIBUTION)

    @property
    def quotes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.QUOTE)

    @property
    def orphans(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.orphaned)

    def source(self, source_id: int | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def at(self, position: int) -> tuple[Finding | Claim, ...]:
        """Findings and (standing) claims covering ``position`` of the saved body, innermost first: what a click
        in the editor lands on."""
        hits: list[Finding | Claim] = [f for f in self.findings if f.start <= position < f.end]
        hits += [c for c in self.claims if not c.orphaned and c.start <= position < c.end]
        return tuple(sorted(hits, key=lambda item: item.end - item.start))


def summarise(items: tuple[OpenItem, ...] | list[OpenItem]) -> list[str]:
    """Open items counted by kind, as short phrases: "3 unverified attributions", "1 claim without a verdict"."""
    counts: dict[OpenItemKind, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    phrases = {
        OpenItemKind.ATTRIBUTION: ("unverified attribution", "unverified attributions"),
        OpenItemKind.QUOTE: ("unverified quotation", "unverified quotations"),
        OpenItemKind.CLAIM_WITHOUT_VERDICT: ("claim without a verdict", "claims without a verdict"),
        OpenItemKind.CLAIM_CHANGED: ("claim edited since its verdict", "claims edited since their verdicts"),
        OpenItemKind.ORPHANED_CLAIM: ("orphaned claim", "orphaned claims"),
    }
    return [f"{n} {phrases[kind][n != 1]}" for kind, n in ((k, counts[k]) for k in OpenItemKind if k in counts)]
