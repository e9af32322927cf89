"""The checker's workflow on a real library: a source verified once for all its mentions, sources and attributions
added from a selection, merges and renames, the claimant offered for a new claim, the public flag and rationale."""

from __future__ import annotations

import pytest

from curator.domain.errors import ValidationError
from curator.domain.factcheck import FindingKind, SourceKind, Verification
from curator.domain.stories import Story, StoryFields
from curator.services.library import Library

BODY = (
    "According to CBS News, the talks will resume in March. CBS News described the mood as tense.\n\n"
    "Figures from the Atameken chamber show that tariffs will rise by a fifth next year.\n\n"
    '"We will not sign a bad deal," Karasin said. The deputy minister added that rail tariffs are the sticking point.'
)


def _story(library: Library, body: str = BODY) -> Story:
    return library.stories.create(StoryFields(headline="Talks", body=body)).story


def _save(library: Library, story: Story, body: str) -> Story:
    current = library.stories.get(story.id)
    return library.stories.save(story.id, current.fields().replace(body=body), base_version=current.version).story


def _source(library: Library, story_id: int, name: str):
    return next(s for s in library.factcheck.sources(story_id) if s.name == name)


def test_verifying_a_source_verifies_all_its_mentions(library: Library) -> None:
    story = _story(library)
    cbs = _source(library, story.id, "CBS News")
    check = library.factcheck.overview(story.id)
    mentions = check.mentions(cbs.id)
    assert [m.text for m in mentions] == ["According to CBS News", "CBS News described"]
    assert all(m.status is Verification.UNVERIFIED for m in mentions)
    library.factcheck.set_source_status(cbs.id, Verification.VERIFIED, checked_by="Aliya", note="called the desk")
    check = library.factcheck.overview(story.id)
    mentions = check.mentions(cbs.id)
    assert all(m.status is Verification.VERIFIED and m.checked_by == "Aliya" for m in mentions)
    assert check.source(cbs.id).status is Verification.VERIFIED  # type: ignore[union-attr]
    assert not any(i.text in ("According to CBS News", "CBS News described") for i in check.open_items)
    # Each mention can still be opened and set on its own.
    library.factcheck.set_finding_status(mentions[1].id, Verification.DISPUTED, note="misattributed")
    assert library.factcheck.finding(mentions[1].id).status is Verification.DISPUTED
    assert library.factcheck.finding(mentions[0].id).status is Verification.VERIFIED
    # A mention written later credits a source already verified: it starts verified.
    story = _save(library, story, story.body + "\n\nCBS News reports that the ministers left Geneva.")
    later = [m for m in library.factcheck.overview(story.id).mentions(cbs.id) if m.text == "CBS News reports"]
    assert later and later[0].status is Verification.VERIFIED


def test_adding_a_source_the_detector_missed_from_a_selection(library: Library) -> None:
    story = _story(library)
    text = "Figures from the Atameken chamber"
    start = story.body.index(text)
    finding = library.factcheck.add_mention(
        story.id, start, start + len(text), expected=text, source="Atameken chamber", kind=SourceKind.OUTLET
    )
    assert finding.manual and finding.kind is FindingKind.ATTRIBUTION and finding.text == text
    assert finding.source_name == "Atameken chamber" and finding.status is Verification.UNVERIFIED
    chamber = _source(library, story.id, "Atameken chamber")
    assert chamber.kind is SourceKind.OUTLET and not chamber.detected
    # It is an open item like a detected one, and it follows its words through edits.
    assert any(i.item_id == finding.id for i in library.factcheck.open_items(story.id))
    story = _save(library, story, "A new first paragraph.\n\n" + story.body)
    moved = library.factcheck.finding(finding.id)
    assert story.body[moved.start : moved.end] == text
    library.factcheck.set_source_status(chamber.id, Verification.VERIFIED)
    assert library.factcheck.finding(finding.id).status is Verification.VERIFIED
    # A second mention of the same body reuses the source; the selection names it when no name is given.
    words = "tariffs will rise by a fifth"
    second = story.body.index(words)
    again = library.factcheck.add_mention(story.id, second, second + len(words), source="atameken Chamber")
    assert again.source_id == chamber.id
    assert again.status is Verification.VERIFIED  # the source is verified already
    with pytest.raises(ValidationError, match="already an attribution"):
        library.factcheck.add_mention(story.id, second, second + len(words), source=chamber.id)
    words = "rail tariffs are the sticking point"
    at = story.body.index(words)
    named = library.factcheck.add_mention(story.id, at, at + len(words))
    assert named.source_name == words
    # When its words are deleted, the mention goes with them (the source stays: someone worked on it).
    story = _save(library, story, story.body.replace("Figures from the Atameken chamber show that", "Some say"))
    with pytest.raises(Exception, match="no longer in the story"):
        library.factcheck.finding(finding.id)
    assert _source(library, story.id, "Atameken chamber").id == chamber.id


def test_adding_from_a_stale_selection_asks_to_save_first(library: Library) -> None:
    story = _story(library)
    with pytest.raises(ValidationError, match="save the story"):
        library.factcheck.add_mention(story.id, 0, 9, expected="Something")


def test_merge_and_rename_sources(library: Library) -> None:
    body = "The Associated Press notes the vote. AP reports the count is close. According to AP, it ends today."
    story = _story(library, body)
    ap = _source(library, story.id, "AP")
    assoc = _source(library, story.id, "Associated Press")
    merged = library.factcheck.merge_sources([ap.id], into=assoc.id)
    assert merged.findings == 3
    assert {s.name for s in library.factcheck.sources(story.id)} == {"Associated Press"}
    renamed = library.factcheck.update_source(assoc.id, name="The Associated Press")
    assert renamed.name == "The Associated Press"
    # After saves the mentions still credit the merged, renamed source.
    story = _save(library, story, body + " AP said nothing else.")
    assert [s.name for s in library.factcheck.sources(story.id)] == ["The Associated Press"]
    assert len(library.factcheck.overview(story.id).mentions(assoc.id)) == 4


def test_mark_claim_is_offered_the_claimant_near_the_selection(library: Library) -> None:
    story = _story(library)
    check = library.factcheck.overview(story.id)
    quote = "We will not sign a bad deal"
    start = story.body.index(quote)
    assert check.claimant_near(start, start + len(quote)) == "Karasin"
    claim = "the talks will resume in March"
    start = story.body.index(claim)
    assert check.claimant_near(start, start + len(claim)) == "CBS News"
    tariffs = "rail tariffs are the sticking point"
    start = story.body.index(tariffs)
    assert check.claimant_near(start, start + len(tariffs)) in ("Karasin", "The deputy minister", "deputy minister")
    lone = _story(library, "Prices rose.\n\n" + "Filler sentence here. " * 20 + "\n\nAccording to Reuters, it rained.")
    check = library.factcheck.overview(lone.id)
    assert check.claimant_near(0, len("Prices rose")) == ""


def test_public_flag_and_rationale(library: Library) -> None:
    story = _story(library)
    cbs = _source(library, story.id, "CBS News")
    assert not cbs.public
    assert library.factcheck.update_source(cbs.id, public=True).public
    text = "the talks will resume in March"
    start = story.body.index(text)
    claim = library.factcheck.mark_claim(story.id, start, start + len(text), public_rationale="  Both sides said so. ")
    assert claim.public_rationale == "Both sides said so."
    assert not claim.publishable  # no verdict yet
    claim = library.factcheck.set_verdict(claim.id, "True")
    assert claim.publishable
    claim = library.factcheck.update_claim(claim.id, public_rationale="")
    assert not claim.publishable and claim.verdict == "true"
