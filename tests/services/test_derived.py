"""Index data worked out ahead of storing (an import's worker) matches what the story service works out itself."""

from __future__ import annotations

from sqlalchemy import select

from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.stories import StoryFields
from curator.related.terms import story_terms
from curator.search.index import IndexDoc
from curator.services.derived import derive
from curator.services.library import Library

FIELDS = StoryFields(
    headline="Переговоры в Эр-Рияде завершились без заявления",
    dek="Delegations met for four hours",
    body="Orda.kz reports that the talks ended. «Мы договорились продолжить», — сказал Карасин.\n\n- one\n- two",
    byline="Desk",
    outlet_name="Orda.kz",
)


def test_derive_matches_what_the_service_works_out() -> None:
    d = derive(FIELDS)
    doc = IndexDoc.of(1, FIELDS.headline, FIELDS.dek, FIELDS.body, FIELDS.byline, FIELDS.outlet_name)
    assert d.index == (doc.headline, doc.dek, doc.body, doc.byline, doc.outlet)
    assert d.terms == story_terms(FIELDS.headline, FIELDS.dek, FIELDS.body)
    assert d.fits(FIELDS)
    assert not d.fits(FIELDS.replace(body=FIELDS.body + " more"))


def test_stories_stored_with_derived_data_are_found_like_any_other(library: Library) -> None:
    other = FIELDS.replace(headline="Grain exports rise", body="Wheat and grain shipments grew, analysts said.")
    ids = library.stories.create_many(
        [FIELDS, other],
        derived=[derive(FIELDS), derive(FIELDS)],  # the second does not fit its story and must be ignored
    )
    with read_session(library.session_factory) as s:
        counts = dict(s.execute(select(m.Story.id, m.Story.word_count).where(m.Story.id.in_(ids))).all())
    assert counts[ids[1]] == 7
    assert [h.id for h in library.search.page("переговоры").items] == [ids[0]]
    assert [h.id for h in library.search.page("wheat").items] == [ids[1]]
    assert library.search.page("Рияде").items[0].id == ids[0]
