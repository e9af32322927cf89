"""The public/private line of fact-checking in every export: what readers get (public sources without statuses,
claims with a verdict and a public rationale, ClaimReview signed by the newsroom, schema.org-valid) and what never
leaves the desk (statuses, private notes, unverified and private items, the fact-check report)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from curator.domain.factcheck import SourceKind, Verification
from curator.domain.newsroom import Newsroom
from curator.domain.stories import StoryFields
from curator.factcheck.settings import FactCheckSettings
from curator.io.export_html import export_story_html
from curator.io.export_markdown import export_markdown
from curator.io.export_site import export_site
from curator.services.library import Library
from tests.io.conftest import html_problems
from tests.schemaorg import json_ld_blocks, schema_problems

BODY = (
    "According to Reuters, the ministers met in Geneva on Tuesday.\n\n"
    "The deputy minister said the grain corridor would reopen within a week.\n\n"
    "Freight rates fell by a third after the announcement, the port authority told reporters."
)
CLAIM = "the grain corridor would reopen within a week"
RATIONALE = "Port schedules published on Monday show no sailings booked before the end of the month."
HOSTILE_NAME = '</script><script>alert("x")</script> & <b>Desk</b>'
NEWSROOM = Newsroom("Steppe Herald", "https://herald.example.org/", "https://herald.example.org/logo.png")

# Internal text planted in every internal field: none of it may reach a reader.
SECRET = {
    "source_note": "SECRET-source-note-5b1",
    "source_checker": "SECRET-source-checker-77a",
    "private_source": "SECRET-private-source-c3d",
    "private_source_url": "https://secret-private-source.example/",
    "claim_note": "SECRET-claim-note-e4f",
    "claim_checker": "SECRET-claim-checker-91b",
    "claim_author": "SECRET-claim-author-2aa",
    "unpublished_claimant": "SECRET-unpublished-claimant-0cd",
    "evidence_note": "SECRET-evidence-note-a17",
    "finding_note": "SECRET-finding-note-6e2",
    "finding_checker": "SECRET-finding-checker-d40",
    "snapshot": "SECRET-snapshot-file-3f9.html",
}
# What only the desk's tools show: verification statuses and the report.
INTERNAL_WORDS = ("Unverified", "Unreachable", "Disputed", "status-", "Fact-check report", "Orphaned")


@pytest.fixture
def newsroom_library(db_url: str) -> Iterator[Library]:
    with Library.open(db_url, factcheck_settings=FactCheckSettings(newsroom=NEWSROOM)) as library:
        yield library


def _checked_story(library: Library, headline: str = "Corridor talks") -> int:
    """A story with public and private sources, a published claim and claims that must stay internal."""
    story = library.stories.create(
        StoryFields(headline=headline, body=BODY, byline="Aliya Sadykova", outlet_name="Steppe Wire")
    ).story
    fc = library.factcheck
    minutes = fc.add_source(
        story.id, HOSTILE_NAME, kind=SourceKind.DOCUMENT, url="https://example.org/minutes?a=1&b=2", note="<i>x</i>"
    )
    fc.update_source(minutes.id, public=True)
    fc.set_source_status(minutes.id, Verification.DISPUTED, checked_by=SECRET["source_checker"], note="x")
    private = fc.add_source(story.id, SECRET["private_source"], url=SECRET["private_source_url"])
    fc.update_source(private.id, note=SECRET["source_note"])
    fc.attach_snapshot(private.id, data=b"<p>saved</p>", filename=SECRET["snapshot"])
    reuters = next(s for s in fc.sources(story.id) if s.name == "Reuters")
    fc.update_source(reuters.id, public=True, url="https://reuters.example/geneva")
    for finding in fc.findings(story.id):
        fc.set_finding_status(
            finding.id, Verification.UNREACHABLE, checked_by=SECRET["finding_checker"], note=SECRET["finding_note"]
        )
    start = story.body.index(CLAIM)
    claim = fc.mark_claim(
        story.id,
        start,
        start + len(CLAIM),
        expected=CLAIM,
        claimant="Deputy minister",
        author=SECRET["claim_author"],
        note=SECRET["claim_note"],
        public_rationale=RATIONALE,
    )
    fc.set_verdict(claim.id, "Mostly false", checked_by=SECRET["claim_checker"])
    fc.add_evidence(claim.id, minutes.id, note=SECRET["evidence_note"])
    fc.add_evidence(claim.id, private.id, note=SECRET["evidence_note"])
    # Judged but without a public rationale, and with a rationale but no verdict: neither goes out.
    for text, verdict, rationale in (
        ("the ministers met in Geneva on Tuesday", "True", ""),
        ("Freight rates fell by a third", None, "SECRET-rationale-without-verdict-118"),
    ):
        start = story.body.index(text)
        other = fc.mark_claim(
            story.id,
            start,
            start + len(text),
            claimant=SECRET["unpublished_claimant"],
            public_rationale=rationale,
            note=SECRET["claim_note"],
        )
        if verdict:
            fc.set_verdict(other.id, verdict, checked_by=SECRET["claim_checker"])
    return story.id


def _section(html: str, name: str) -> str:
    part = html[html.index(f'<section class="{name}"') :]
    return part[: part.index("</section>")]


def _claim_reviews(html: str) -> list[dict]:
    return [d for d in json_ld_blocks(html) if d.get("@type") == "ClaimReview"]


def _assert_nothing_internal(text: str, where: str) -> None:
    for field, secret in SECRET.items():
        assert secret not in text, f"{field} leaked into {where}"
    assert "SECRET-" not in text, f"internal text leaked into {where}"
    for word in INTERNAL_WORDS:
        assert word not in text, f"{word!r} leaked into {where}"


def test_single_file_shows_the_public_side_only(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    story_id = _checked_story(library)
    html = export_story_html(library, story_id, tmp_path).read_text(encoding="utf-8")
    assert html_problems(html) == []
    _assert_nothing_internal(html, "the single-file export")

    sources = _section(html, "story-sources")
    # Public sources by name (hostile names as text), linked when they have a web address; no statuses, no kinds.
    assert "&lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Desk&lt;/b&gt;" in sources
    assert 'href="https://example.org/minutes?a=1&amp;b=2"' in sources
    assert 'href="https://reuters.example/geneva"' in sources
    assert sources.count("<li>") == 2
    assert "Document" not in sources and "Verified" not in sources
    assert "<script>alert" not in html and "<b>Desk" not in html and "javascript:" not in html

    checks = _section(html, "story-factchecks")
    claim_id = next(c.id for c in library.factcheck.claims(story_id) if c.text == CLAIM)
    assert f'id="claim-{claim_id}"' in checks
    assert CLAIM in checks and "Mostly false" in checks and RATIONALE in checks and "Deputy minister" in checks
    assert checks.count("<li") == 1


def test_claim_review_is_signed_by_the_newsroom_and_schema_valid(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    story_id = _checked_story(library)
    html = export_story_html(library, story_id, tmp_path).read_text(encoding="utf-8")
    blocks = json_ld_blocks(html)
    assert [b["@type"] for b in blocks] == ["NewsArticle", "ClaimReview"]
    for block in blocks:
        assert schema_problems(block) == []
    article, review = blocks
    organisation = {
        "@type": "NewsMediaOrganization",
        "name": "Steppe Herald",
        "url": "https://herald.example.org/",
        "logo": {"@type": "ImageObject", "url": "https://herald.example.org/logo.png"},
    }
    assert review["author"] == organisation and review["publisher"] == organisation
    assert article["publisher"] == organisation
    assert review["reviewBody"] == RATIONALE
    assert review["claimReviewed"] == CLAIM
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Deputy minister"
    # Where it appeared: no public source is credited in its sentence, so the story itself.
    assert item["appearance"] == [{"@type": "NewsArticle", "headline": "Corridor talks"}]


def test_a_claim_appears_in_the_public_sources_credited_beside_it(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    story = library.stories.create(StoryFields(headline="Geneva", body=BODY)).story
    fc = library.factcheck
    text = "the ministers met in Geneva on Tuesday"
    start = story.body.index(text)
    claim = fc.mark_claim(story.id, start, start + len(text), claimant="Reuters", public_rationale="Minutes agree.")
    fc.set_verdict(claim.id, "True")
    reuters = next(s for s in fc.sources(story.id) if s.name == "Reuters")
    html = export_story_html(library, story.id, tmp_path).read_text(encoding="utf-8")
    (review,) = _claim_reviews(html)
    # Reuters is not public yet: the claim is placed in the story, and Reuters' address stays off the page.
    assert review["itemReviewed"]["appearance"] == [{"@type": "NewsArticle", "headline": "Geneva"}]
    fc.update_source(reuters.id, public=True, url="https://reuters.example/geneva")
    html = export_story_html(library, story.id, tmp_path).read_text(encoding="utf-8")
    (review,) = _claim_reviews(html)
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "name": "Reuters", "url": "https://reuters.example/geneva"}
    ]
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Reuters"}
    assert schema_problems(review) == []


def test_without_a_newsroom_no_claim_review_is_published(library: Library, tmp_path: Path) -> None:
    story_id = _checked_story(library)
    html = export_story_html(library, story_id, tmp_path).read_text(encoding="utf-8")
    assert _claim_reviews(html) == []  # nobody to sign it
    assert RATIONALE in _section(html, "story-factchecks")  # readers still see the fact check
    _assert_nothing_internal(html, "the single-file export without a newsroom")


def test_stories_without_public_items_show_no_sections(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    story = library.stories.create(StoryFields(headline="Plain", body="According to Reuters, it rained.")).story
    start = story.body.index("it rained")
    claim = library.factcheck.mark_claim(story.id, start, start + 9, expected="it rained")
    library.factcheck.set_verdict(claim.id, "True")
    html = export_story_html(library, story.id, tmp_path).read_text(encoding="utf-8")
    assert _claim_reviews(html) == []
    assert '<section class="story-factchecks"' not in html and '<section class="story-sources"' not in html
    assert html.count("Reuters") == 1  # in the body only


def test_site_pages_feed_and_folder_keep_the_line(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    story_id = _checked_story(library)
    library.stories.create(StoryFields(headline="Nothing to check", body="Quiet day."))
    out = tmp_path / "site"
    export_site(library, out, title="Desk", site_url="https://news.example.org")
    slug = library.stories.get(story_id).slug
    page = (out / "stories" / f"{slug}.html").read_text(encoding="utf-8")
    assert html_problems(page) == []
    (review,) = _claim_reviews(page)
    claim_id = next(c.id for c in library.factcheck.claims(story_id) if c.text == CLAIM)
    assert review["url"] == f"https://news.example.org/stories/{slug}.html#claim-{claim_id}"
    assert review["author"]["name"] == "Steppe Herald"  # the newsroom, not the site or the wire
    for block in json_ld_blocks(page):
        assert schema_problems(block) == []
    assert RATIONALE in page and "reuters.example" in page
    # The report never enters the public folder; nothing internal is in any file of the site.
    assert not (out / "factcheck").exists()
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name == "feed.atom" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        _assert_nothing_internal(text, str(path.relative_to(out)))


def test_markdown_exports_carry_nothing_internal(newsroom_library: Library, tmp_path: Path) -> None:
    library = newsroom_library
    _checked_story(library)
    for flavour in ("yaml", "pelican"):
        out = tmp_path / flavour
        export_markdown(library, out, flavour=flavour)
        for path in (p for p in out.rglob("*") if p.is_file()):
            _assert_nothing_internal(path.read_text(encoding="utf-8"), f"{flavour}/{path.name}")


def test_site_without_a_newsroom_is_signed_by_the_site(library: Library, tmp_path: Path) -> None:
    story_id = _checked_story(library)
    export_site(library, tmp_path / "site", title="Desk", site_url="https://news.example.org")
    slug = library.stories.get(story_id).slug
    (review,) = _claim_reviews((tmp_path / "site" / "stories" / f"{slug}.html").read_text(encoding="utf-8"))
    assert review["author"] == {"@type": "NewsMediaOrganization", "name": "Desk", "url": "https://news.example.org"}


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
    pages = list((tmp_path / "site" / "stories").glob("*.html"))
    assert len(pages) == 30 and all(RATIONALE in p.read_text(encoding="utf-8") for p in pages)
    # A few queries per batch of stories, not a few per story.
    assert len(statements) < 30


def test_worker_processes_write_the_same_fact_checks(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.io import export_site as export_site_module

    # The older setting still names the newsroom.
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
            _assert_nothing_internal(page, slug)
        assert not (tmp_path / "site" / "factcheck").exists()


def test_json_ld_check_catches_what_is_not_schema_org() -> None:
    # The validator is real: a misspelt property, a wrong type of value and a bad date are all caught.
    bad = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewd": "x",
        "author": "Steppe Herald",
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "Person", "name": "x"}},
        "datePublished": "26 March",
    }
    problems = "\n".join(schema_problems(bad))
    assert re.search(r"claimReviewd: not a schema.org property", problems)
    assert "author: 'Steppe Herald' is not a Organization/Person" in problems
    assert "appearance: a Person is not allowed" in problems
    assert "datePublished: '26 March' is not a Date/DateTime" in problems
