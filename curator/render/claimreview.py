"""schema.org ``ClaimReview`` JSON-LD for a story's judged claims, for exports to place beside ``NewsArticle``.

Only claims that stand in the text with a verdict given on their present words are published: an orphan, a claim
without a verdict, or one edited since its verdict has nothing to publish yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from curator.domain.factcheck import Claim, FactCheck, FindingKind, SourceKind, VerdictScale
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
    return claim.verdict is not None and not claim.orphaned and not claim.text_changed


def claim_review(
    claim: Claim,
    *,
    scale: VerdictScale,
    author_name: str,
    author_url: str = "",
    page_url: str = "",
    date_published: datetime | None = None,
    claimant_kind: SourceKind | None = None,
    appearances: Sequence[str] = (),
    language: str = "",
) -> dict[str, Any]:
    """One ClaimReview object for a judged claim. Without an ``author_name`` the review names no author (the
    fact-checker's organisation is not guessed)."""
    if claim.verdict is None:
        raise ValueError(f"claim #{claim.id} has no verdict to publish")
    verdict = scale.get(claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict_label}
    if verdict is not None and verdict.rating is not None:
        rating.update(ratingValue=verdict.rating, bestRating=scale.best_rating, worstRating=scale.worst_rating)
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "claimReviewed": " ".join(claim.text.split()),
        "reviewRating": rating,
        "itemReviewed": {"@type": "Claim"},
        "datePublished": _date(date_published or claim.checked_at or claim.updated_at),
    }
    if author_name:
        review["author"] = _party(author_name, SourceKind.OUTLET, author_url)
    if page_url:
        review["url"] = f"{page_url}#claim-{claim.id}"
    if language:
        review["inLanguage"] = language
    item = review["itemReviewed"]
    if claim.claimant:
        item["author"] = _party(claim.claimant, claimant_kind)
    if appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": url} for url in dict.fromkeys(appearances)]
    if claim.note:
        review["reviewBody"] = claim.note
    return review


def story_claim_reviews(
    story: Story,
    check: FactCheck,
    *,
    page_url: str = "",
    author_name: str = "",
    author_url: str = "",
) -> list[dict[str, Any]]:
    """ClaimReview objects for every publishable claim of a story, in text order.

    The claimant's kind comes from the story's source of that name when there is one; a claim "appears" at the
    web addresses of the sources credited in its sentence. The author defaults to the story's outlet.
    """
    by_key = {source_key(s.name): s for s in check.sources}
    reviews = []
    for claim in check.claims:
        if not publishable(claim):
            continue
        source = by_key.get(source_key(claim.claimant)) if claim.claimant else None
        appearances = [
            src.url
            for f in check.findings
            if f.kind is FindingKind.ATTRIBUTION
            and f.sentence_start <= claim.start < f.sentence_end
            and (src := check.source(f.source_id)) is not None
            and src.url
        ]
        reviews.append(
            claim_review(
                claim,
                scale=check.scale,
                author_name=author_name or story.outlet_name or story.byline or story.original_author,
                author_url=author_url or (story.outlet_url if not author_name else ""),
                page_url=page_url,
                date_published=story.published_at if story.published_at else None,
                claimant_kind=source.kind if source else None,
                appearances=appearances,
                language=story.language,
            )
        )
    return reviews
