"""Story service flows on a real database: create, save, conflicts, slugs, trash, purge, renders."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from curator.core.status import Status
from curator.domain.errors import ConflictError, NotFoundError, ValidationError
from curator.domain.stories import RelatedLink, Scope, StoryFields
from curator.render.markdown import RENDER_KEY
from curator.services.library import Library

TALKS = StoryFields(
    headline="Difficult Dialogue: Talks End Without a Joint Statement",
    dek="Delegations leave Riyadh with no agreed text",
    body="Talks have concluded without a joint statement, Steppe Wire reports.\n\nA second paragraph.",
    byline="Aliya Nurlanovna",
    original_author="Daniyar Sultan",
    outlet_name="Steppe Wire",
    outlet_url="https://steppe-wire.example/news/1",
    photo="https://img.example/talks.jpg",
    photo_credit="Archive",
    photo_caption="illustrative purposes",
    language="en",
    tags=("Diplomacy", "Central Asia"),
)


def test_create_and_get_keep_every_field(library: Library) -> None:
    story = library.stories.create(TALKS, author="aliya").story
    again = library.stories.get(story.id)
    assert again == story
    for name in (
        "headline",
        "dek",
        "body",
        "byline",
        "original_author",
        "outlet_name",
        "outlet_url",
        "photo",
        "photo_credit",
        "photo_caption",
        "language",
    ):
        assert getattr(again, name) == getattr(TALKS, name)
    assert again.tags == ("Central Asia", "Diplomacy")
    assert again.status is Status.DRAFT
    assert again.version == 1
    assert len(again.uuid) == 36
    assert again.slug == "difficult-dialogue-talks-end-without-a-joint-statement"
    assert again.word_count == 13
    assert again.created_at.tzinfo is not None


def test_cyrillic_and_kazakh_headlines_get_readable_unique_slugs(library: Library) -> None:
    ru = library.stories.create(StoryFields(headline="Переговоры в Эр-Рияде завершились")).story
    kk = library.stories.create(StoryFields(headline="Қазақстан мен Әзірбайжан келіссөздері")).story
    ru2 = library.stories.create(StoryFields(headline="Переговоры в Эр-Рияде завершились")).story
    assert ru.slug == "peregovory-v-er-riiade-zavershilis"
    assert kk.slug == "qazaqstan-men-azirbaizhan-kelissozderi"
    assert ru2.slug == "peregovory-v-er-riiade-zavershilis-2"
    assert library.stories.resolve(ru2.slug) == ru2.id
    assert library.stories.resolve(ru2.uuid) == ru2.id
    assert library.stories.resolve(str(ru2.id)) == ru2.id


def test_save_keeps_a_revision_and_bumps_the_version(library: Library) -> None:
    story = library.stories.create(TALKS).story
    result = library.stories.save(story.id, story.fields().replace(body="New body."), base_version=1, author="ed")
    assert result.story.version == 2
    assert result.story.body == "New body."
    assert result.changes.updated == (story.id,)
    history = library.revisions.history(story.id)
    assert [r.story_version for r in history] == [2, 1]
    assert history[0].author == "ed"


def test_saving_unchanged_fields_writes_nothing(library: Library) -> None:
    story = library.stories.create(TALKS).story
    result = library.stories.save(story.id, story.fields(), base_version=1)
    assert result.story.version == 1
    assert not result.changes
    assert library.revisions.count(story.id) == 1


def test_stale_save_raises_conflict_and_both_texts_survive(library: Library) -> None:
    story = library.stories.create(TALKS).story
    theirs = library.stories.save(story.id, story.fields().replace(body="Their text."), base_version=1).story
    mine = story.fields().replace(body="My text.")
    with pytest.raises(ConflictError) as caught:
        library.stories.save(story.id, mine, base_version=1)
    conflict = caught.value
    assert conflict.mine.body == "My text."
    assert conflict.theirs.body == "Their text."
    assert conflict.theirs.version == theirs.version == 2
    assert conflict.base_version == 1
    stored = library.stories.get(story.id)
    assert stored.body == "Their text."
    assert stored.version == 2
    # Resolving: save mine on top of theirs, knowingly.
    merged = library.stories.save(story.id, mine, base_version=conflict.theirs.version).story
    assert merged.body == "My text."
    bodies = [library.revisions.get(r.id).fields.body for r in library.revisions.history(story.id)]
    assert bodies == ["My text.", "Their text.", TALKS.body]


def test_slug_follows_headline_until_published_then_stays(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="Untitled")).story
    assert story.slug == "untitled"
    story = library.stories.save(story.id, story.fields().replace(headline="Real headline"), base_version=1).story
    assert story.slug == "real-headline"
    story = library.stories.save(story.id, story.fields().replace(status=Status.PUBLISHED), base_version=2).story
    assert story.published_at is not None
    story = library.stories.save(story.id, story.fields().replace(headline="Changed after"), base_version=3).story
    assert story.slug == "real-headline"
    story = library.stories.save(story.id, story.fields().replace(slug="Chosen Slug"), base_version=4).story
    assert story.slug == "chosen-slug"


def test_validation_names_the_field(library: Library) -> None:
    with pytest.raises(ValidationError, match="outlet_url"):
        library.stories.create(TALKS.replace(outlet_url="javascript:alert(1)"))
    with pytest.raises(ValidationError, match="language"):
        library.stories.create(TALKS.replace(language="not a language"))
    with pytest.raises(ValidationError, match="related link 1"):
        library.stories.create(TALKS.replace(related=(RelatedLink(title="x", url="javascript:x"),)))
    assert library.search.page("").items == ()


def test_text_is_normalised(library: Library) -> None:
    story = library.stories.create(
        StoryFields(headline="  Two   spaces\n", body="line\r\nnext\x00", tags=("  tag ", "TAG", ""))
    ).story
    assert story.headline == "Two spaces"
    assert story.body == "line\nnext"
    assert story.tags == ("tag",)


def test_trash_restore_and_purge(library: Library) -> None:
    a = library.stories.create(TALKS).story
    b = library.stories.create(StoryFields(headline="Links to A", related=(RelatedLink(target_id=a.id),))).story
    library.stories.trash([a.id])
    assert [s.id for s in library.search.page("").items] == [b.id]
    assert [s.id for s in library.search.page("", scope=Scope.TRASH).items] == [a.id]
    assert library.stories.get(b.id).related[0].target_trashed
    library.stories.restore([a.id])
    assert {s.id for s in library.search.page("").items} == {a.id, b.id}
    with pytest.raises(ValidationError, match="not in the trash"):
        library.stories.purge([a.id])
    library.stories.trash([a.id])
    changes = library.stories.purge([a.id])
    assert changes.deleted == (a.id,)
    with pytest.raises(NotFoundError):
        library.stories.get(a.id)
    link = library.stories.get(b.id).related[0]
    assert link.target_id is None
    assert link.target_uuid == a.uuid
    assert link.is_broken
    assert library.search.page("dialogue").items == ()


def test_related_links_keep_order_and_resolve_targets(library: Library) -> None:
    a = library.stories.create(TALKS).story
    links = (
        RelatedLink(title="External one", url="https://example.org/1"),
        RelatedLink(title="Internal", target_id=a.id),
        RelatedLink(title="External two", url="https://example.org/2"),
    )
    b = library.stories.create(StoryFields(headline="B", related=links)).story
    assert [link.title for link in b.related] == ["External one", "Internal", "External two"]
    assert b.related[1].target_slug == a.slug
    reordered = b.fields().replace(related=(b.related[2], b.related[0]))
    b = library.stories.save(b.id, reordered, base_version=b.version).story
    assert [link.title for link in b.related] == ["External two", "External one"]
    with pytest.raises(ValidationError, match="itself"):
        library.stories.save(b.id, b.fields().replace(related=(RelatedLink(target_id=b.id),)), base_version=b.version)
    with pytest.raises(ValidationError, match="does not exist"):
        library.stories.create(StoryFields(headline="C", related=(RelatedLink(target_id=999_999),)))


def test_rendered_html_is_sanitised_and_stored(library: Library) -> None:
    story = library.stories.create(
        StoryFields(headline="H", body='Hello *there* <script>alert(1)</script><img src=x onerror="alert(1)">')
    ).story
    html = library.stories.rendered_html(story.id)
    assert "<em>there</em>" in html
    assert "script" not in html
    assert "onerror" not in html
    # The save stored its render: nothing is rendered again while the body is unchanged.
    from curator.db import models as m
    from curator.db.engine import read_session

    with read_session(library.session_factory) as s:
        row = s.get(m.Story, story.id)
        assert row.render_key == RENDER_KEY
        assert row.body_html == html


def test_bulk_create_is_all_or_nothing(library: Library) -> None:
    good = StoryFields(headline="Fine", body="Some *text*")
    bad = StoryFields(headline="Bad", related=(RelatedLink(target_id=424242),))
    with pytest.raises(ValidationError):
        library.stories.create_many([good, good, bad])
    assert library.search.page("").items == ()
    ids = library.stories.create_many([good, good], render=False)
    assert len(ids) == 2
    # Rendering was left for later: the first request renders and stores it.
    assert library.stories.rendered_html(ids[0]) == "<p>Some <em>text</em></p>"
    assert {library.stories.get(i).slug for i in ids} == {"fine", "fine-2"}


def test_set_status_records_the_move(library: Library) -> None:
    story = library.stories.create(TALKS).story
    changes = library.stories.set_status([story.id], Status.FACT_CHECK, author="checker")
    assert changes.updated == (story.id,)
    assert library.stories.get(story.id).status is Status.FACT_CHECK
    assert library.revisions.history(story.id)[0].note == "Status: Draft → Fact-check"
    assert not library.stories.set_status([story.id], Status.FACT_CHECK)


def test_published_at_is_kept_and_aware(library: Library) -> None:
    when = datetime(2025, 3, 25, 10, 0, tzinfo=UTC)
    story = library.stories.create(TALKS.replace(status=Status.PUBLISHED, published_at=when)).story
    assert story.published_at == when


def test_duplicate_makes_a_draft_copy(library: Library) -> None:
    story = library.stories.create(TALKS.replace(status=Status.READY)).story
    copy = library.stories.duplicate(story.id).story
    assert copy.id != story.id
    assert copy.headline.endswith("(copy)")
    assert copy.status is Status.DRAFT
    assert copy.body == story.body
    assert copy.tags == story.tags


class _RecordingHook:
    def __init__(self, fail_on: str | None = None) -> None:
        self.written: list[tuple[int, str, bool]] = []
        self.purged: list[int] = []
        self.fail_on = fail_on

    def stories_written(self, session, stories) -> None:
        for item in stories:
            if item.fields.headline == self.fail_on:
                raise ValidationError("headline", "refused by a hook")
            self.written.append((item.id, item.fields.headline, item.created))

    def stories_purged(self, session, story_ids) -> None:
        self.purged.extend(story_ids)


def test_hooks_see_every_write_and_can_abort_it(library: Library) -> None:
    hook = _RecordingHook(fail_on="Forbidden")
    library.stories.add_hook(hook)
    story = library.stories.create(StoryFields(headline="First")).story
    library.stories.save(story.id, story.fields().replace(headline="Second"), base_version=1)
    assert hook.written == [(story.id, "First", True), (story.id, "Second", False)]
    with pytest.raises(ValidationError, match="refused by a hook"):
        library.stories.save(story.id, story.fields().replace(headline="Forbidden"), base_version=2)
    assert library.stories.get(story.id).headline == "Second"
    library.stories.trash([story.id])
    library.stories.purge([story.id])
    assert hook.purged == [story.id]
