"""Scare quotes and quoted terms of one to three words are shown in the fact-check but are not quotations to check:
they are no open item, count in no list column and hold no story back from Ready. Real library, real status gate."""

from __future__ import annotations

import pytest

from curator.core.status import Status
from curator.domain.errors import StatusGateError
from curator.domain.factcheck import QUOTED_TERM, OpenItemKind, Verification
from curator.domain.stories import StoryFields
from curator.services.library import Library

BODY = (
    'The ministry called the talks "constructive" and the plan "energy infrastructure first". '
    "Officials said the corridor would reopen.\n\n"
    '"We will not sign anything until the tariffs are settled," said Nurlan Sadykov, the deputy minister.'
)


def _verify_attributions(library: Library, story_id: int) -> None:
    check = library.factcheck.overview(story_id)
    library.factcheck.set_finding_status([f.id for f in check.attributions], Verification.VERIFIED, checked_by="Aliya")


def test_quoted_terms_are_shown_but_never_open(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="Corridor", body=BODY)).story
    check = library.factcheck.overview(story.id)
    terms = [f for f in check.quotes if f.pattern == QUOTED_TERM]
    assert sorted(f.text for f in terms) == ["constructive", "energy infrastructure first"]
    assert all(f.pattern_label == "quoted term (not checked)" for f in terms)
    (quotation,) = [f for f in check.quotes if f.pattern != QUOTED_TERM]
    assert quotation.text.startswith("We will not sign anything")

    _verify_attributions(library, story.id)
    items = library.factcheck.open_items(story.id)
    assert [(i.kind, i.text) for i in items] == [(OpenItemKind.QUOTE, quotation.text)]
    assert library.factcheck.open_counts([story.id]) == {story.id: 1}

    # The quotation holds the gate; once it is checked, the quoted terms do not.
    library.stories.set_status([story.id], Status.FACT_CHECK)
    with pytest.raises(StatusGateError) as caught:
        library.stories.set_status([story.id], Status.READY)
    (block,) = caught.value.blocks
    assert list(block.problems) == ["1 unverified quotation"]
    library.factcheck.set_finding_status([quotation.id], Verification.VERIFIED, checked_by="Aliya")
    library.stories.set_status([story.id], Status.READY)
    assert library.stories.get(story.id).status is Status.READY
    assert library.factcheck.open_counts([story.id]) == {}
