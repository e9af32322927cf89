"""ClaimReview JSON-LD and the HTML fact-check report, built from a checked story in a real library."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from curator.domain.newsroom import Newsroom
from curator.factcheck.settings import FactCheckSettings, SettingsError, scale_of
from curator.render.claimreview import claim_review, story_claim_reviews
from curator.render.factcheck_report import render_factcheck_report
from curator.render.page import PageOptions, render_story_page
from curator.services.library import Library
from tests.factcheck.shapes import fixture_fields

CLAIM = "rail tariffs remain the main point of disagreement"


@pytest.fixture
def checked(library: Library):
    fields = fixture_fields("grain-corridor-talks.txt").replace(published_at=datetime(2025, 3, 26, 8, 0, tzinfo=UTC))
    story = library.stories.create(fields).story
    start = story.body.index(CLAIM)
    claim = library.factcheck.mark_claim(story.id, start, start + len(CLAIM), claimant="Bloomberg")
    bloomberg = next(s for s in library.factcheck.sources(story.id) if s.name == "Bloomberg")
    library.factcheck.update_source(bloomberg.id, url="https://bloomberg.example/tariffs")
    library.factcheck.add_evidence(claim.id, bloomberg.id, note="<b>quoted</b> in paragraph 6")
    library.factcheck.set_verdict(claim.id, "Mostly true", checked_by="Aliya", note="Tariff tables agree & differ")
    library.factcheck.update_claim(claim.id, public_rationale="The tariff tables of both sides differ by 4%.")
    library.factcheck.update_source(bloomberg.id, public=True)
    start = story.body.index("Nobody is walking away")
    library.factcheck.mark_claim(story.id, start, start + len("Nobody is walking away from this corridor"))
    library.factcheck.add_source(story.id, "<script>alert(1)</script>", url="")
    return story, library.factcheck.overview(story.id)


def test_claim_review_json_ld(checked) -> None:
    story, check = checked
    newsroom = Newsroom("Steppe Wire", "https://steppe-wire.example/")
    reviews = story_claim_reviews(
        story, check, newsroom=newsroom, page_url="https://steppe-wire.example/grain-corridor"
    )
    assert len(reviews) == 1  # the claim without a verdict has nothing to publish
    review = json.loads(json.dumps(reviews[0]))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == CLAIM
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Bloomberg"}
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "name": "Bloomberg", "url": "https://bloomberg.example/tariffs"}
    ]
    newsroom_org = {"@type": "NewsMediaOrganization", "name": "Steppe Wire", "url": "https://steppe-wire.example/"}
    assert review["author"] == newsroom_org and review["publisher"] == newsroom_org
    # The private note stays with the desk; readers get the public rationale.
    assert review["reviewBody"] == "The tariff tables of both sides differ by 4%."
    assert "Tariff tables agree" not in json.dumps(reviews)
    assert review["datePublished"] == "2025-03-26"
    assert review["url"].startswith("https://steppe-wire.example/grain-corridor#claim-")
    # Ready to sit next to NewsArticle in an exported page.
    page = render_story_page(story, "<p>body</p>", PageOptions(json_ld=tuple(reviews)))
    assert '"@type": "ClaimReview"' in page


def test_claim_review_off_the_numeric_scale(checked) -> None:
    _story, check = checked
    scale = scale_of([("True", 2), ("False", 1), ("Unproven", None)])
    claim = check.claims[0]
    from dataclasses import replace

    newsroom = Newsroom("X")
    review = claim_review(replace(claim, verdict="unproven", verdict_label="Unproven"), scale=scale, newsroom=newsroom)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    with pytest.raises(ValueError, match="no verdict"):
        claim_review(replace(claim, verdict=None), scale=scale, newsroom=newsroom)
    with pytest.raises(ValueError, match="newsroom"):
        claim_review(replace(claim, verdict="unproven"), scale=scale, newsroom=Newsroom())


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def test_fact_check_report(checked) -> None:
    story, check = checked
    html = render_factcheck_report(story, check, generated_at=datetime(2025, 3, 27, 10, 0, tzinfo=UTC))
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags  # a hostile source name is text, not markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;quoted&lt;/b&gt;" in html and "Tariff tables agree &amp; differ" in html
    assert parser.hrefs == ["https://bloomberg.example/tariffs"] * 2
    assert "Mostly true" in html and "No verdict" in html and "Aliya" in html
    assert "Steppe Wire reports" in html and "Dilshod Rakhimov" in html and "Interfax" in html
    assert "Report made 2025-03-27 10:00 UTC" in html
    assert "claim without a verdict" in html


def test_settings_errors_name_the_file(tmp_path) -> None:
    (tmp_path / "settings.toml").write_text("[factcheck\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"settings\.toml is not valid TOML"):
        FactCheckSettings.load(tmp_path)
    (tmp_path / "settings.toml").write_text('[factcheck]\nverdicts = [{ label = "A", rating = "high" }]\n')
    with pytest.raises(SettingsError, match="rating must be a whole number"):
        FactCheckSettings.load(tmp_path)
    (tmp_path / "settings.toml").write_text('[factcheck]\nverdicts = ["Same", "same"]\n')
    with pytest.raises(SettingsError, match="same name"):
        FactCheckSettings.load(tmp_path)
    (tmp_path / "settings.toml").write_text("[export]\ntheme = 'x'\n")
    assert FactCheckSettings.load(tmp_path).scale.labels[:2] == ("True", "Mostly true")
    assert FactCheckSettings.load(tmp_path / "nowhere").check_quotes is True


def test_verdict_tones_and_what_a_click_lands_on(checked) -> None:
    story, check = checked
    scale = check.scale
    assert [scale.tone(k) for k in ("true", "mostly-true", "half-true", "false", "misleading", None, "gone")] == [
        "good",
        "good",
        "mixed",
        "bad",
        "other",
        "none",
        "other",
    ]
    inside = story.body.index(CLAIM) + 3
    hits = check.at(inside)
    assert [type(h).__name__ for h in hits] == ["Claim"]
    said = story.body.index("Rakhimov said") + 2
    assert [h.text for h in check.at(said)] == ["Rakhimov said"]
    assert check.at(len(story.body) + 10) == ()


def test_newsroom_setting(tmp_path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[newsroom]\nname = "Steppe Herald"\nurl = "https://herald.example.org/"\n'
        'logo = "https://herald.example.org/logo.png"\n',
        encoding="utf-8",
    )
    newsroom = FactCheckSettings.load(tmp_path).newsroom
    assert newsroom == Newsroom("Steppe Herald", "https://herald.example.org/", "https://herald.example.org/logo.png")
    # The older [factcheck] organisation still names it when [newsroom] is not set.
    settings.write_text('[factcheck]\norganisation = "Fact Desk"\n', encoding="utf-8")
    assert FactCheckSettings.load(tmp_path).newsroom == Newsroom("Fact Desk")
    settings.write_text('[newsroom]\nname = "Herald"\nurl = "herald.example"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"settings\.toml \[newsroom\] url must be a web address"):
        FactCheckSettings.load(tmp_path)
    # A logo kept as a local file (Preferences allows it) is not published.
    settings.write_text('[newsroom]\nname = "Herald"\nlogo = "/home/desk/logo.png"\n', encoding="utf-8")
    assert "logo" not in FactCheckSettings.load(tmp_path).newsroom.organization()
    settings.write_text('[newsroom]\nurl = "https://herald.example.org/"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[newsroom\] needs a name"):
        FactCheckSettings.load(tmp_path)
    assert not FactCheckSettings.load(tmp_path / "nowhere").newsroom
