"""The fact-check service on a real library: findings kept in step with saves, claims anchored and orphaned,
sources, snapshots, the status gate and its recorded overrides."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.db import models as m
from curator.db.engine import write_session
from curator.domain.errors import NotFoundError, StatusGateError, ValidationError
from curator.domain.factcheck import FindingKind, OpenItemKind, SourceKind, Verification
from curator.domain.stories import Story, StoryFields
from curator.factcheck.settings import FactCheckSettings, scale_of
from curator.services.library import Library
from tests.conftest import NO_WRITING_GATE
from tests.factcheck.shapes import fields_from_shape, fixture_fields

CLAIM = "rail tariffs remain the main point of disagreement"


def _create(library: Library, fields: StoryFields | None = None) -> Story:
    return library.stories.create(fields or fixture_fields("grain-corridor-talks.txt")).story


def _save(library: Library, story: Story, body: str) -> Story:
    current = library.stories.get(story.id)
    return library.stories.save(story.id, current.fields().replace(body=body), base_version=current.version).story


def _mark(library: Library, story: Story, text: str = CLAIM, **kwargs: object):
    start = story.body.index(text)
    return library.factcheck.mark_claim(story.id, start, start + len(text), expected=text, **kwargs)  # type: ignore[arg-type]


def _verify_everything(library: Library, story_id: int) -> None:
    check = library.factcheck.overview(story_id)
    library.factcheck.set_finding_status([f.id for f in check.findings], Verification.VERIFIED, checked_by="Aliya")
    for claim in check.claims:
        library.factcheck.set_verdict(claim.id, "True", checked_by="Aliya")


def test_sample_findings_are_stored_on_create(library: Library, sample_text: str) -> None:
    story = _create(library, fields_from_shape(sample_text, outlet="Orda.kz"))
    check = library.factcheck.overview(story.id)
    by_source: dict[str, list[str]] = {}
    for f in check.attributions:
        by_source.setdefault(f.source_name, []).append(f.text)
    assert by_source["Orda.kz"] == ["Orda.kz reports"]
    assert by_source["CBS News"] == ["According to CBS News", "CBS News described"]
    assert by_source["TASS"][0].endswith("told TASS")
    assert by_source["Associated Press"] == ["The Associated Press notes"]
    assert by_source["Grigory Karasin"] == ["Karasin said"]
    (speech,) = [f for f in check.quotes if f.pattern == "reported"]
    assert speech.speaker == "Grigory Karasin" and speech.text.startswith("We talked about everything.")
    for f in check.findings:
        assert story.body[f.start : f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end
        assert f.status is Verification.UNVERIFIED
    sources = {s.name: s for s in check.sources}
    assert sources["Orda.kz"].kind is SourceKind.OUTLET and sources["Orda.kz"].status is Verification.UNVERIFIED
    assert sources["Grigory Karasin"].kind is SourceKind.PERSON
    assert sources["CBS News"].findings == 3  # two attributions and the quotation it is credited with
    assert all(s.detected for s in check.sources)


def test_statuses_of_unchanged_findings_survive_saves_and_deleted_text_takes_its_findings(library: Library) -> None:
    story = _create(library)
    check = library.factcheck.overview(story.id)
    reuters = [f for f in check.attributions if f.source_name == "Reuters"]
    bloomberg = next(f for f in check.attributions if f.source_name == "Bloomberg")
    library.factcheck.set_finding_status([f.id for f in reuters], "verified", checked_by="Aliya", note="rang them")
    library.factcheck.set_finding_status(bloomberg.id, Verification.DISPUTED, checked_by="Aliya")

    # An edit elsewhere: every finding keeps its checking (and its id), positions follow the text.
    body = "Editor's note: updated on Wednesday.\n\n" + story.body
    story = _save(library, story, body)
    after = {f.id: f for f in library.factcheck.findings(story.id)}
    for f in reuters:
        assert after[f.id].status is Verification.VERIFIED and after[f.id].checked_by == "Aliya"
        assert after[f.id].note == "rang them"
        assert body[after[f.id].start : after[f.id].end] == f.text
    assert after[bloomberg.id].status is Verification.DISPUTED

    # Deleting Bloomberg's paragraph removes its findings, and the source detection had added for it.
    paragraph = next(p for p in body.split("\n\n") if p.startswith("Bloomberg notes"))
    story = _save(library, story, body.replace(paragraph + "\n\n", ""))
    check = library.factcheck.overview(story.id)
    assert bloomberg.id not in {f.id for f in check.findings}
    assert "Bloomberg" not in {s.name for s in check.sources}
    assert all(f.status is Verification.VERIFIED for f in check.attributions if f.source_name == "Reuters")

    # Editing the sentence of a checked attribution makes it a new, unchecked finding.
    story = _save(library, story, story.body.replace("Reuters described the mood", "Reuters described the tone"))
    described = next(f for f in library.factcheck.findings(story.id) if f.text == "Reuters described")
    assert described.status is Verification.UNVERIFIED


def test_claim_survives_edits_before_inside_and_after_and_is_orphaned_not_dropped(library: Library) -> None:
    story = _create(library)
    claim = _mark(library, story, claimant="Bloomberg", note="Check the tariff tables")
    assert claim.text == CLAIM and not claim.orphaned and claim.verdict is None

    edits = [
        lambda body: "A new opening paragraph.\n\n" + body,  # before
        lambda body: body.replace(CLAIM, "rail tariffs still remain the main point of disagreement"),  # inside
        lambda body: body.replace("Traders said", "Grain traders said") + "\n\nA last line.",  # after
    ]
    expected = CLAIM
    for edit in edits:
        story = _save(library, story, edit(story.body))
        claim = library.factcheck.claim(claim.id)
        assert not claim.orphaned
        assert story.body[claim.start : claim.end] == claim.text
        expected = claim.text
    assert expected == "rail tariffs still remain the main point of disagreement"

    # The sentence goes: the claim is kept, as an orphan, and listed as open.
    sentence = next(p for p in story.body.split("\n\n") if "Bloomberg notes" in p)
    story = _save(library, story, story.body.replace(sentence, "Bloomberg declined to comment."))
    claim = library.factcheck.claim(claim.id)
    assert claim.orphaned and claim.text == expected and claim.note == "Check the tariff tables"
    check = library.factcheck.overview(story.id)
    assert check.orphans == (claim,)
    assert [i.item_id for i in check.open_items if i.kind is OpenItemKind.ORPHANED_CLAIM] == [claim.id]

    # Undoing the deletion brings it back.
    story = _save(library, story, story.body.replace("Bloomberg declined to comment.", sentence))
    assert not library.factcheck.claim(claim.id).orphaned

    # An orphan can be re-attached to another passage by hand.
    story = _save(library, story, story.body.replace(sentence, "Bloomberg declined to comment."))
    start = story.body.index("Bloomberg declined")
    claim = library.factcheck.reattach_claim(claim.id, start, start + len("Bloomberg declined to comment"))
    assert not claim.orphaned and claim.text == "Bloomberg declined to comment"


def test_marking_a_claim_checks_the_selection(library: Library) -> None:
    story = _create(library)
    start = story.body.index(CLAIM)
    with pytest.raises(ValidationError, match="save the story"):
        library.factcheck.mark_claim(story.id, start, start + len(CLAIM), expected="unsaved words")
    with pytest.raises(ValidationError, match="not a passage"):
        library.factcheck.mark_claim(story.id, 10, 5)
    with pytest.raises(ValidationError, match="blank"):
        library.factcheck.mark_claim(story.id, start - 1, start)
    with pytest.raises(NotFoundError):
        library.factcheck.mark_claim(9999, 0, 5)
    # Blanks around a selection are left out.
    claim = library.factcheck.mark_claim(story.id, start - 1, start + len(CLAIM) + 0)
    assert claim.text == CLAIM
    with pytest.raises(ValidationError, match="already marked"):
        _mark(library, story)
    with pytest.raises(ValidationError, match="not on the scale"):
        library.factcheck.set_verdict(claim.id, "Pants on fire")


def test_verdicts_notes_and_evidence(library: Library) -> None:
    story = _create(library)
    claim = _mark(library, story)
    bloomberg = next(s for s in library.factcheck.sources(story.id) if s.name == "Bloomberg")
    tables = library.factcheck.add_source(
        story.id, "Ministry tariff tables 2025", kind="document", url="https://gov.example/tariffs.pdf"
    )
    library.factcheck.add_evidence(claim.id, bloomberg.id, note="the article")
    claim = library.factcheck.add_evidence(claim.id, tables.id, note="table 4")
    assert [(e.source_name, e.note) for e in claim.evidence] == [
        ("Bloomberg", "the article"),
        ("Ministry tariff tables 2025", "table 4"),
    ]
    claim = library.factcheck.set_verdict(claim.id, "mostly true", checked_by="Aliya", note="Tables agree")
    assert claim.verdict == "mostly-true" and claim.verdict_label == "Mostly true" and claim.verdict_rating == 4
    assert claim.checked_by == "Aliya" and claim.checked_at is not None and claim.note == "Tables agree"
    assert not claim.is_open
    claim = library.factcheck.update_claim(claim.id, claimant="Bloomberg")
    assert claim.claimant == "Bloomberg" and claim.verdict == "mostly-true"
    claim = library.factcheck.remove_evidence(claim.id, bloomberg.id)
    assert [e.source_name for e in claim.evidence] == ["Ministry tariff tables 2025"]

    # Editing the claim's words after the verdict reopens it.
    story = _save(library, story, story.body.replace(CLAIM, "rail tariffs remain the only point of disagreement"))
    claim = library.factcheck.claim(claim.id)
    assert claim.text_changed and claim.is_open and claim.reviewed_text == CLAIM
    kinds = [i.kind for i in library.factcheck.open_items(story.id)]
    assert OpenItemKind.CLAIM_CHANGED in kinds
    claim = library.factcheck.set_verdict(claim.id, "True", checked_by="Aliya")
    assert not claim.text_changed

    library.factcheck.delete_claim(claim.id)
    with pytest.raises(NotFoundError):
        library.factcheck.claim(claim.id)


def test_sources_by_hand_rename_merge_and_delete(library: Library) -> None:
    story = _create(library)
    sources = {s.name: s for s in library.factcheck.sources(story.id)}
    with pytest.raises(ValidationError, match="already a source"):
        library.factcheck.add_source(story.id, "the Reuters")
    with pytest.raises(ValidationError, match="not a web address"):
        library.factcheck.add_source(story.id, "Some file", url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="kind"):
        library.factcheck.add_source(story.id, "Someone", kind="rumour")

    # A renamed source keeps answering to the name the text uses.
    reuters = library.factcheck.update_source(
        sources["Reuters"].id, name="Reuters news agency", url="https://r.example"
    )
    assert not reuters.detected and "reuters" in reuters.aliases
    story = _save(library, story, story.body + "\n\nReuters reported a second round is planned.")
    after = {s.name: s for s in library.factcheck.sources(story.id)}
    assert "Reuters" not in after and after["Reuters news agency"].findings == 4

    # Merging: the trader's mentions now credit the traders.
    merged = library.factcheck.merge_sources([sources["one trader"].id], into=sources["Traders"].id)
    assert "one trader" in merged.aliases and merged.findings == 3
    story = _save(library, story, story.body + "\n\nAs one trader put it, nothing moves.")
    names = {s.name for s in library.factcheck.sources(story.id)}
    assert "one trader" not in names

    # A source the text still credits cannot just be deleted; a hand-made one nothing uses can.
    with pytest.raises(ValidationError, match="still credits"):
        library.factcheck.delete_source(after["Interfax"].id)
    extra = library.factcheck.add_source(story.id, "Port statistics", kind=SourceKind.DOCUMENT)
    claim = _mark(library, story)
    library.factcheck.add_evidence(claim.id, extra.id)
    with pytest.raises(ValidationError, match="evidence"):
        library.factcheck.delete_source(extra.id)
    library.factcheck.remove_evidence(claim.id, extra.id)
    library.factcheck.delete_source(extra.id)
    with pytest.raises(NotFoundError):
        library.factcheck.source(extra.id)


def test_source_verification_and_hand_work_is_never_pruned(library: Library) -> None:
    story = _create(library)
    interfax = next(s for s in library.factcheck.sources(story.id) if s.name == "Interfax")
    checked = library.factcheck.set_source_status(interfax.id, "unreachable", checked_by="Aliya", note="no answer")
    assert checked.status is Verification.UNREACHABLE and checked.checked_by == "Aliya" and checked.checked_at
    paragraph = next(p for p in story.body.split("\n\n") if "told Interfax" in p)
    story = _save(library, story, story.body.replace(paragraph, "The Uzbek side gave no comment."))
    kept = library.factcheck.source(interfax.id)
    assert kept.findings == 0 and kept.note == "no answer"  # worked on by a person: kept
    back = library.factcheck.set_source_status(interfax.id, Verification.UNVERIFIED)
    assert back.checked_at is None and back.checked_by == ""


def test_snapshots_in_the_library_and_by_path(library: Library, tmp_path: Path) -> None:
    story = _create(library)
    source = next(s for s in library.factcheck.sources(story.id) if s.name == "Steppe Wire")
    page = b"<html><body>Talks ended without a protocol.</body></html>"
    when = datetime(2025, 3, 25, 9, 30, tzinfo=UTC)
    saved = library.factcheck.attach_snapshot(source.id, data=page, filename="steppe.html", retrieved_at=when)
    snap = saved.snapshot
    assert snap is not None and snap.in_library and snap.media_type == "text/html"
    assert snap.sha256 == hashlib.sha256(page).hexdigest() and snap.size == len(page) and snap.retrieved_at == when
    assert library.factcheck.snapshot_data(source.id) == page
    assert not saved.detected

    pdf = tmp_path / "tariffs.pdf"
    pdf.write_bytes(b"%PDF-1.4 tariff tables")
    doc = library.factcheck.add_source(story.id, "Tariff tables", kind="document")
    linked = library.factcheck.attach_snapshot(doc.id, path=pdf, keep_in_library=False)
    assert linked.snapshot is not None and not linked.snapshot.in_library
    assert linked.snapshot.path == str(pdf.resolve()) and linked.snapshot.media_type == "application/pdf"
    assert library.factcheck.snapshot_data(doc.id) == b"%PDF-1.4 tariff tables"
    pdf.write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(CuratorError, match="changed since it was attached"):
        library.factcheck.snapshot_data(doc.id)
    pdf.unlink()
    with pytest.raises(CuratorError, match="cannot be read"):
        library.factcheck.snapshot_data(doc.id)
    with pytest.raises(CuratorError, match="no such file"):
        library.factcheck.attach_snapshot(doc.id, path=tmp_path / "missing.pdf")
    assert library.factcheck.remove_snapshot(doc.id).snapshot is None


def test_status_gate_blocks_ready_and_published_until_checked_or_overridden(library: Library) -> None:
    story = _create(library)
    _mark(library, story)
    # Moving along the workflow before Ready is not gated.
    library.stories.set_status([story.id], Status.FACT_CHECK)
    with pytest.raises(StatusGateError) as caught:
        library.stories.set_status([story.id], Status.READY)
    (block,) = caught.value.blocks
    assert block.story_id == story.id and block.status is Status.READY
    assert any("unverified attribution" in p for p in block.problems)
    assert any("claim without a verdict" in p for p in block.problems)
    assert "cannot move to Ready" in str(caught.value)
    assert library.stories.get(story.id).status is Status.FACT_CHECK  # nothing written

    # Through a save too (the editor's status field), with the same error.
    current = library.stories.get(story.id)
    with pytest.raises(StatusGateError):
        library.stories.save(story.id, current.fields().replace(status=Status.PUBLISHED), base_version=current.version)

    # An override moves it, and the history keeps the reason and what was open.
    library.stories.set_status([story.id], Status.READY, author="Editor", override_reason="  Desk chief approved  ")
    assert library.stories.get(story.id).status is Status.READY
    note = library.revisions.history(story.id)[0].note
    assert note.startswith("Status: Fact-check → Ready; checks overridden: Desk chief approved (open: ")
    assert "unverified attribution" in note

    # Once everything is checked no override is needed.
    library.stories.set_status([story.id], Status.COPY_EDIT)
    _verify_everything(library, story.id)
    assert library.factcheck.open_items(story.id) == ()
    library.stories.set_status([story.id], Status.PUBLISHED)
    assert library.stories.get(story.id).status is Status.PUBLISHED
    assert "overridden" not in library.revisions.history(story.id)[0].note


def test_status_gate_names_every_story_held_back_and_moves_none(library: Library) -> None:
    clean = _create(library, StoryFields(headline="Weather", body="Sunny all week."))
    first = _create(library)
    second = _create(library, fixture_fields("tranzit-nefti.txt", language="ru"))
    with pytest.raises(StatusGateError) as caught:
        library.stories.set_status([clean.id, first.id, second.id], Status.READY)
    assert [b.story_id for b in caught.value.blocks] == [first.id, second.id]
    assert library.stories.get(clean.id).status is Status.DRAFT  # all or none
    # A new story may be created as ready: the gate is about moving stories, not importing them.
    assert (
        _create(library, fixture_fields("grain-corridor-talks.txt").replace(status=Status.READY)).status is Status.READY
    )


def test_quotations_can_be_left_out_of_the_gate(db_url: str) -> None:

    with Library.open(
        db_url, factcheck_settings=FactCheckSettings(check_quotes=False), writing_settings=NO_WRITING_GATE
    ) as library:
        story = _create(library)
        check = library.factcheck.overview(story.id)
        library.factcheck.set_finding_status([f.id for f in check.attributions], "verified")
        assert library.factcheck.open_items(story.id) == ()
        library.stories.set_status([story.id], Status.READY)


def test_open_counts_for_list_views(library: Library) -> None:
    a = _create(library)
    b = _create(library, StoryFields(headline="Weather", body="Sunny all week."))
    counts = library.factcheck.open_counts([a.id, b.id])
    # 10 attributions and 3 quotations; "tense but businesslike." and "seasonal discounts" are quoted terms
    assert counts == {a.id: len(library.factcheck.open_items(a.id))} and counts[a.id] == 13
    _mark(library, a)
    assert library.factcheck.open_counts([a.id])[a.id] == 14


def test_stories_from_before_fact_checking_are_worked_out_when_first_looked_at(library: Library) -> None:
    story = _create(library)
    with write_session(library.session_factory) as s:
        for model in (m.FactCheckFinding, m.FactCheckSource, m.FactCheckState):
            s.execute(delete(model))
    assert library.factcheck.ensure_analysed(story.id) is True
    assert library.factcheck.ensure_analysed(story.id) is False
    assert len(library.factcheck.findings(story.id)) == 15
    # The gate works them out too.
    with write_session(library.session_factory) as s:
        s.execute(delete(m.FactCheckState))
        s.execute(delete(m.FactCheckFinding))
    with pytest.raises(StatusGateError):
        library.stories.set_status([story.id], Status.READY)


def test_bulk_create_and_purge(library: Library) -> None:
    items = [fixture_fields("grain-corridor-talks.txt").replace(headline=f"Talks {i}") for i in range(5)]
    ids = library.stories.create_many(items)
    for story_id in ids:
        check = library.factcheck.overview(story_id)
        assert len(check.findings) == 15 and len({s.name for s in check.sources}) == 9
    claim = _mark(library, library.stories.get(ids[0]))
    library.stories.trash(ids)
    library.stories.purge(ids)
    with write_session(library.session_factory) as s:
        for model in (m.FactCheckFinding, m.FactCheckSource, m.FactCheckClaim, m.FactCheckState):
            assert s.scalars(select(model)).all() == []
    with pytest.raises(NotFoundError):
        library.factcheck.claim(claim.id)


def test_a_verdict_scale_from_settings(tmp_path: Path, db_url: str) -> None:

    (tmp_path / "settings.toml").write_text(
        '[factcheck]\nverdicts = [{ label = "Correct", rating = 3 }, { label = "Wrong", rating = 1 }, "No evidence"]\n',
        encoding="utf-8",
    )
    with Library.open(db_url, config_dir=tmp_path) as library:
        assert library.factcheck.scale == scale_of([("Correct", 3), ("Wrong", 1), ("No evidence", None)])
        story = _create(library)
        claim = _mark(library, story)
        with pytest.raises(ValidationError, match="Correct, Wrong, No evidence"):
            library.factcheck.set_verdict(claim.id, "True")
        claim = library.factcheck.set_verdict(claim.id, "no evidence")
        assert claim.verdict == "no-evidence" and claim.verdict_rating is None


def test_findings_and_claims_kinds(library: Library) -> None:
    story = _create(library)
    check = library.factcheck.overview(story.id)
    assert {f.kind for f in check.findings} == {FindingKind.ATTRIBUTION, FindingKind.QUOTE}
    assert len(check.attributions) == 10 and len(check.quotes) == 5
    told = next(f for f in check.attributions if f.pattern == "told")
    assert told.source_name == "Interfax" and told.speaker == "Dilshod Rakhimov"
    assert told.pattern_label == "… told …"
    with pytest.raises(NotFoundError, match="no longer in the story"):
        library.factcheck.set_finding_status([told.id, 99999], "verified")
