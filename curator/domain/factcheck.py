"""The fact-check vocabulary: source kinds, verification statuses, the verdict scale, text anchors, and the frozen
dataclasses the fact-check service hands out (sources, findings, claims, open items)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from curator.core.text import fold, slugify


class SourceKind(StrEnum):
    OUTLET = "outlet"
    PERSON = "person"
    DOCUMENT = "document"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> SourceKind:
        key = text.strip().casefold()
        for kind in cls:
            if key == kind.value:
                return kind
        raise ValueError(f"unknown source kind {text!r} (expected one of: {', '.join(k.value for k in cls)})")


class Verification(StrEnum):
    """Where checking a source or a finding has got to. Only ``verified`` closes it."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    UNREACHABLE = "unreachable"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> Verification:
        key = text.strip().casefold()
        for status in cls:
            if key == status.value:
                return status
        raise ValueError(f"unknown verification status {text!r} (expected one of: {', '.join(s.value for s in cls)})")


class FindingKind(StrEnum):
    ATTRIBUTION = "attribution"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class TextAnchor:
    """A passage of a text: what it says, what surrounds it, and where it was last seen."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def selectors(self) -> list[dict[str, Any]]:
        """The anchor as W3C Web Annotation selectors (JSON-ready)."""
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]

    @classmethod
    def from_selectors(cls, selectors: list[dict[str, Any]]) -> TextAnchor:
        quote = next(s for s in selectors if s.get("type") == "TextQuoteSelector")
        position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
        start = int(position.get("start", 0))
        return cls(
            exact=str(quote["exact"]),
            prefix=str(quote.get("prefix", "")),
            suffix=str(quote.get("suffix", "")),
            start=start,
            end=int(position.get("end", start + len(str(quote["exact"])))),
        )


@dataclass(frozen=True)
class Verdict:
    key: str  # what is stored with a claim ("mostly-true")
    label: str  # what people read ("Mostly true")
    rating: int | None = None  # place on the numeric scale, when it has one


@dataclass(frozen=True)
class VerdictScale:
    verdicts: tuple[Verdict, ...]

    def __post_init__(self) -> None:
        if not self.verdicts:
            raise ValueError("a verdict scale needs at least one verdict")
        keys = [v.key for v in self.verdicts]
        if len(set(keys)) != len(keys):
            raise ValueError("two verdicts on the scale have the same name")

    @property
    def best_rating(self) -> int | None:
        ratings = [v.rating for v in self.verdicts if v.rating is not None]
        return max(ratings) if ratings else None

    @property
    def worst_rating(self) -> int | None:
        ratings = [v.rating for v in self.verdicts if v.rating is not None]
        return min(ratings) if ratings else None

    def get(self, key: str | None) -> Verdict | None:
        if key is None:
            return None
        return next((v for v in self.verdicts if v.key == key), None)

    def find(self, text: str) -> Verdict | None:
        """The verdict called ``text`` (its key or its label, in any case)."""
        wanted = fold(text.strip())
        return next((v for v in self.verdicts if wanted in (v.key, fold(v.label))), None) or self.get(
            slugify(text) if text.strip() else None
        )

    def label(self, key: str | None) -> str:
        """The label of a stored verdict; a verdict no longer on the scale shows as stored."""
        verdict = self.get(key)
        return verdict.label if verdict else (key or "")

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.verdicts)

    def tone(self, key: str | None) -> str:
        """How a verdict reads at a glance, for colouring: "good", "mixed", "bad", "other" (a verdict off the
        numeric scale, or no longer on the scale) or "none" (no verdict yet)."""
        if key is None:
            return "none"
        verdict = self.get(key)
        best, worst = self.best_rating, self.worst_rating
        if verdict is None or verdict.rating is None or best is None or worst is None or best == worst:
            return "other"
        place = (verdict.rating - worst) / (best - worst)
        return "good" if place >= 0.75 else "bad" if place <= 0.25 else "mixed"


DEFAULT_SCALE = VerdictScale(
    (
        Verdict("true", "True", 5),
        Verdict("mostly-true", "Mostly true", 4),
        Verdict("half-true", "Half true", 3),
        Verdict("mostly-false", "Mostly false", 2),
        Verdict("false", "False", 1),
        Verdict("misleading", "Misleading"),
        Verdict("unverifiable", "Unverifiable"),
    )
)


# The pattern of a quoted term or scare quote of one to three words ("optimistic"): shown, never an open item.
QUOTED_TERM = "term"

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
    QUOTED_TERM: "quoted term (not checked)",
    "ru_govoritsya": "говорится в …",
    "kk_verb": "… деді / мәлімдеді",
    "kk_sozinshe": "… сөзінше",
    "manual": "added by a checker",
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
    public: bool = False  # listed on the story's public page (name and address only, never the status)


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
    manual: bool = False  # added by a checker from a selection, not by detection

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
    public_rationale: str = ""  # why the verdict, written for readers (the note stays private)

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
    def publishable(self) -> bool:
        """Fit for readers: it stands in the text, its verdict was given on its present words, and the desk wrote
        a public rationale for it."""
        return (
            self.verdict is not None
            and not self.orphaned
            and not self.text_changed
            and bool(self.public_rationale.strip())
        )

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

    def mentions(self, source_id: int) -> tuple[Finding, ...]:
        """The attributions and quotations that credit a source, in text order."""
        return tuple(f for f in self.findings if f.source_id == source_id)

    def claimant_near(self, start: int, end: int, *, reach: int = 160) -> str:
        """Who a passage ``start``–``end`` is attributed to: the speaker (else the source) of the attribution
        inside it, else of one in the same sentence, else of the nearest one within ``reach`` characters (the
        sentence before or after); "" when none is near. What Mark Claim offers as the claimant."""
        attributions = [f for f in self.findings if f.kind is FindingKind.ATTRIBUTION and (f.speaker or f.source_name)]

        def who(f: Finding) -> str:
            return f.speaker or f.source_name

        def distance(f: Finding) -> int:
            return max(0, f.start - end, start - f.end)

        inside = [f for f in attributions if f.start < end and start < f.end]
        if inside:
            return who(inside[0])
        same = [f for f in attributions if f.sentence_start < end and start < f.sentence_end]
        if same:
            return who(min(same, key=distance))
        near = [f for f in attributions if distance(f) <= reach]
        return who(min(near, key=distance)) if near else ""

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
