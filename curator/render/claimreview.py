"""schema.org ``ClaimReview`` JSON-LD for a story's judged claims, for exports to place beside ``NewsArticle``.

Only claims that stand in the text with a verdict given on their present words and a public rationale are published:
an orphan, a claim without a verdict or rationale, or one edited since its verdict has nothing to publish yet. The
newsroom (``[newsroom]`` in the settings) signs every review; without one nothing is published as ClaimReview.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from curator.domain.factcheck import Claim, FactCheck, FindingKind, SourceKind, VerdictScale
from curator.domain.newsroom import Newsroom
from curator.domain.stories import Story
from curator.factcheck.attributions import guess_kind, source_key

SCHEMA = "https://schema.org"


def _date(when: datetime | None) -> str | None:
    return when.date().isoformat() if when is not None else None


def _party(name: str, kind: SourceKind | None = None, url: str = "") -> dict[str, Any]:
    kind = kind or guess_kind(name)
    party: dict[str, Any] = {"@type": "Person" if kind is SourceKind.PERSON else "Organization", "name": name}
    if url:
        party["url"] = url
    return party


def publishable(claim: Claim) -> bool:
    """Fit for readers: a verdict on the claim's present words, and a public rationale (see ``Claim.publishable``)."""
    return claim.publishable


def claim_review(
    claim: Claim,
    *,
    scale: VerdictScale,
    newsroom: Newsroom,
    page_url: str = "",
    date_published: datetime | None = None,
    claimant_kind: SourceKind | None = None,
    appearances: Sequence[dict[str, Any]] = (),
    language: str = "",
) -> dict[str, Any]:
    """One ClaimReview object for a judged claim, signed by the newsroom (its ``author`` and ``publisher``).

    ``reviewBody`` is the claim's public rationale, never the checker's private note; ``itemReviewed`` names the
    claimant and the works (``appearances``) the claim appeared in.
    """
    if claim.verdict is None:
        raise ValueError(f"claim #{claim.id} has no verdict to publish")
    if not newsroom:
        raise ValueError("a ClaimReview needs the newsroom that publishes it ([newsroom] name in the settings)")
    verdict = scale.get(claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict_label}
    if verdict is not None and verdict.rating is not None:
        rating.update(ratingValue=verdict.rating, bestRating=scale.best_rating, worstRating=scale.worst_rating)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = _party(claim.claimant, claimant_kind)
    if appearances:
        item["appearance"] = list(appearances)
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "claimReviewed": " ".join(claim.text.split()),
        "reviewRating": rating,
        "itemReviewed": item,
        "author": newsroom.organization(),
        "publisher": newsroom.organization(),
        "datePublished": _date(date_published or claim.checked_at or claim.updated_at),
    }
    if claim.public_rationale.strip():
        review["reviewBody"] = claim.public_rationale.strip()
    if page_url:
        review["url"] = f"{page_url}#claim-{claim.id}"
    if language:
        review["inLanguage"] = language
    return review


def _work(name: str, url: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": name}
    if url:
        work["url"] = url
    return work


def story_claim_reviews(
    story: Story,
    check: FactCheck,
    *,
    newsroom: Newsroom,
    page_url: str = "",
) -> list[dict[str, Any]]:
    """ClaimReview objects for every publishable claim of a story, in text order; none without a newsroom.

    The claimant's kind comes from the story's source of that name when there is one. A claim appeared in the
    works of the sources credited in its sentence that the desk made public (with their web addresses), else in
    the story itself. Nothing private goes in: no note, no status, no source the desk kept off the page.
    """
    if not newsroom:
        return []
    by_key = {source_key(s.name): s for s in check.sources}
    story_work: dict[str, Any] = {"@type": "NewsArticle", "headline": story.headline or "Untitled story"}
    if page_url:
        story_work["url"] = page_url
    reviews = []
    for claim in check.claims:
        if not claim.publishable:
            continue
        source = by_key.get(source_key(claim.claimant)) if claim.claimant else None
        credited = {
            src.id: src
            for f in check.findings
            if f.kind is FindingKind.ATTRIBUTION
            and f.sentence_start <= claim.start < f.sentence_end
            and (src := check.source(f.source_id)) is not None
            and src.public
        }
        appearances = [_work(src.name, src.url) for src in credited.values()] or [story_work]
        reviews.append(
            claim_review(
                claim,
                scale=check.scale,
                newsroom=newsroom,
                page_url=page_url,
                date_published=story.published_at if story.published_at else None,
                claimant_kind=source.kind if source else None,
                appearances=appearances,
                language=story.language,
            )
        )
    return reviews
