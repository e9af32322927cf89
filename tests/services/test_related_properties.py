"""Outside text through the related-stories index: whatever stories, drafts and imported titles say, the index
stays exact and suggestions and headline matching behave."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from curator.db import models as m
from curator.db.engine import read_session
from curator.domain.stories import StoryFields
from curator.related.terms import HeadlineKey
from curator.services.library import Library

# Letters of the languages stories come in, punctuation and quotes of every style, digits, spaces and newlines.
_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ абвгдеёжзийклмнопрстуфхцчшщъыьэюяӘәҒғҚқҢңӨөҰұҮүҺһІі")
    + list("0123456789 \n\t.,;:!?-–—'’‘\"“”«»()[]#*_`<>&%/\\")
    + ["é", "ß", "ﬁ", "\u0301", "\u200b", "🙂"]
)
_text = st.text(alphabet=_ALPHABET, max_size=300)
_line = st.text(alphabet=_ALPHABET.filter(lambda c: c not in "\n\t"), max_size=120)
_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _frequencies(library: Library) -> tuple[int, dict[str, int]]:
    with read_session(library.session_factory) as s:
        documents = s.scalar(select(m.RelatedStats.documents)) or 0
        df = {t: n for t, n in s.execute(select(m.RelatedTerm.term, m.RelatedTerm.df)) if n}
    return documents, df


@_SETTINGS
@given(stories=st.lists(st.tuples(_line, _text), min_size=1, max_size=4), edit=_text, draft=_text)
def test_any_text_keeps_the_index_exact_and_suggestions_sane(
    library: Library, stories: list[tuple[str, str]], edit: str, draft: str
) -> None:
    ids = library.stories.create_many(
        [StoryFields(headline=h, body=b, tags=("Тест",)) for h, b in stories], render=False, keep_revision=False
    )
    story = library.stories.get(ids[0])
    library.stories.save(ids[0], story.fields().replace(body=edit), base_version=story.version)
    if len(ids) > 1:
        library.stories.trash([ids[-1]])

    for story_id in ids[:-1] or ids:
        found = library.related.suggestions(story_id, limit=5)
        returned = [s.story.id for s in found]
        assert story_id not in returned and len(returned) == len(set(returned)) <= 5
        assert all(s.story.deleted_at is None and s.score > 0 for s in found)
        unsaved = library.stories.get(story_id).fields().replace(body=draft)
        assert story_id not in [s.story.id for s in library.related.suggestions(story_id, fields=unsaved)]

    if len(ids) > 1:
        library.stories.purge([ids[-1]])
    incremental = _frequencies(library)
    library.related.refresh(full=True)
    assert _frequencies(library) == incremental


@_SETTINGS
@given(headline=_line, noise=st.sampled_from(["", "!", "  ", "…", " — ", "?!"]))
def test_any_headline_is_found_in_another_case_and_quote_style(library: Library, headline: str, noise: str) -> None:
    story = library.stories.create(StoryFields(headline=headline)).story
    variant = noise + story.headline.upper().replace("'", "’").replace('"', "“") + noise
    found = library.related.find_stories_by_headline([variant, story.headline])
    if any(ch.isalnum() for ch in story.headline):
        assert story.headline in found
        match = library.stories.get(found[story.headline]).headline
        assert HeadlineKey.of(match) == HeadlineKey.of(story.headline)
        # Another story of the same headline may be newer; the match is always one with that headline.
        assert variant in found
    else:
        assert found == {}
