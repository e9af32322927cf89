"""Fact-check data in exports: the sources list and ClaimReview JSON-LD on story pages, and the site's reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import event

from curator.domain.factcheck import SourceKind, Verification
from curator.domain.stories import StoryFields
from curator.io.export_html import export_story_html
from curator.io.export_site import export_site
from curator.services.library import Library
from tests.io.conftest import html_problems

BODY = (
    "According to Reuters, the ministers met in Geneva on Tuesday.\n\n"
    "The deputy minister said the grain corridor would reopen within a week.\n\n"
    "Freight rates fell by a third after the announcement, the port authority told reporters."
)
CLAIM = "the grain corridor would reopen within a week"
HOSTILE_NAME = '</script><script>alert("x")</script> & <b>Desk</b>'


def _checked_story(library: Library, headline: str = "Corridor talks") -> int:
    story = library.stories.create(
        StoryFields(headline=headline, body=BODY, byline="Aliya Sadykova", outlet_name="Steppe Wire")
    ).story
    fc = library.factcheck
    source = fc.add_source(
        story.id, HOSTILE_NAME, kind=SourceKind.DOCUMENT, url="https://example.org/minutes?a=1&b=2", note="<i>x</i>"
    )
    fc.add_source(story.id, "Leaked memo")
    fc.set_source_status(source.id, Verification.DISPUTED, note='"><img src=x onerror=alert(1)>')
    start = story.body.index(CLAIM)
    claim = fc.mark_claim(story.id, start, start + len(CLAIM), expected=CLAIM, claimant="Deputy minister")
    fc.set_verdict(claim.id, "Mostly false", checked_by="Desk")
    fc.add_evidence(claim.id, source.id, note="minutes of the meeting")
    return story.id


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.DOTALL)
    return [json.loads(b) for b in blocks]


def _claim_reviews(html: str) -> list[dict]:
    return [d for d in _json_ld(html) if d.get("@type") == "ClaimReview"]


def test_single_file_lists_sources_and_carries_claim_review(library: Library, tmp_path: Path) -> None:
    story_id = _checked_story(library)
    html = export_story_html(library, story_id, tmp_path).read_text(encoding="utf-8")
    assert html_problems(html) == []
    types = [d["@type"] for d in _json_ld(html)]
    assert types == ["NewsArticle", "ClaimReview"]
    (review,) = _claim_reviews(html)
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == CLAIM
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["bestRating"] == 5 and review["reviewRating"]["worstRating"] == 1
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"]["name"] == "Deputy minister"
    assert review["author"] == {"@type": "Organization", "name": "Steppe Wire"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])

    sources = html[html.index('<section class="story-sources"') :]
    sources = sources[: sources.index("</section>")]
    # Hostile names and notes arrive as text, never as markup; only web addresses become links.
    assert "&lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Desk&lt;/b&gt;" in sources
    assert "<script>alert" not in html and "<b>Desk" not in html
    assert 'href="https://example.org/minutes?a=1&amp;b=2"' in sources
    assert "javascript:" not in html
    assert "Leaked memo" in sources and "Reuters" in sources
    assert "Document" in sources and "Disputed" in sources and "Unverified" in sources
    # The ClaimReview's claim is listed on the page with its verdict.
    assert f'id="claim-{library.factcheck.claims(story_id)[0].id}"' in html
    assert "Mostly false" in html[html.index('class="story-factchecks"') :]


def test_stories_without_verdicts_carry_no_claim_review(library: Library, tmp_path: Path) -> None:
    story = library.stories.create(StoryFields(headline="Plain", body="According to Reuters, it rained.")).story
    start = story.body.index("it rained")
    library.factcheck.mark_claim(story.id, start, start + 9, expected="it rained")
    html = export_story_html(library, story.id, tmp_path).read_text(encoding="utf-8")
    assert _claim_reviews(html) == []
    assert 'class="story-factchecks"' not in html
    assert "Reuters" in html[html.index('class="story-sources"') :]


def test_site_writes_reports_and_claim_reviews(library: Library, tmp_path: Path) -> None:
    story_id = _checked_story(library)
    library.stories.create(StoryFields(headline="Nothing to check", body="Quiet day."))
    out = tmp_path / "site"
    export_site(library, out, title="Desk", site_url="https://news.example.org")
    slug = library.stories.get(story_id).slug
    page = (out / "stories" / f"{slug}.html").read_text(encoding="utf-8")
    assert html_problems(page) == []
    (review,) = _claim_reviews(page)
    claim_id = library.factcheck.claims(story_id)[0].id
    assert review["url"] == f"https://news.example.org/stories/{slug}.html#claim-{claim_id}"
    assert review["author"]["name"] == "Desk"  # the site publishes the fact checks
    assert "story-sources" in page
    report = (out / "factcheck" / f"{slug}.html").read_text(encoding="utf-8")
    assert html_problems(report) == []
    assert CLAIM in report and "Mostly false" in report
    assert "<script>alert" not in report
    # A story with nothing to check gets no report.
    assert sorted(p.name for p in (out / "factcheck").iterdir()) == [f"{slug}.html"]


def test_site_reads_fact_checks_in_bulk(library: Library, tmp_path: Path) -> None:
    for n in range(30):
        _checked_story(library, f"Corridor talks {n}")
    engine = library.session_factory.kw["bind"]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "factcheck" in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        export_site(library, tmp_path / "site", workers=1)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(list((tmp_path / "site" / "factcheck").iterdir())) == 30
    # A few queries per batch of stories, not a few per story.
    assert len(statements) < 30


def test_worker_processes_write_the_same_fact_checks(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.factcheck.settings import FactCheckSettings
    from curator.io import export_site as export_site_module

    with Library.open(sqlite_url, factcheck_settings=FactCheckSettings(organisation="Fact Desk")) as library:
        ids = [_checked_story(library, f"Corridor talks {n}") for n in range(4)]
        monkeypatch.setattr(export_site_module, "PARALLEL_THRESHOLD", 2)
        monkeypatch.setattr(export_site_module, "JOB_SIZE", 2)
        export_site(library, tmp_path / "site", workers=2)
        for story_id in ids:
            slug = library.stories.get(story_id).slug
            page = (tmp_path / "site" / "stories" / f"{slug}.html").read_text(encoding="utf-8")
            (review,) = _claim_reviews(page)
            assert review["author"]["name"] == "Fact Desk"
            assert (tmp_path / "site" / "factcheck" / f"{slug}.html").exists()
