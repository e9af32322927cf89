"""Related headlines on a real database: editing links, back-links, broken links and their fixes, headline
matching, suggestions by content on a corpus of known topics, and the index kept exact as stories change."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.errors import ConflictError, NotFoundError, ValidationError
from curator.domain.stories import StoryFields
from curator.services.library import Library
from curator.services.related import external_link, with_link_added, with_link_moved
from tests.conftest import FIXTURES

CORPUS = json.loads((FIXTURES / "related_corpus.json").read_text(encoding="utf-8"))["stories"]


def _fields(item: dict) -> StoryFields:
    return StoryFields(
        headline=item["headline"],
        body=item["body"],
        outlet_name=item["outlet"],
        language=item["language"],
        tags=tuple(item["tags"]),
        published_at=datetime.fromisoformat(item["published"]).replace(tzinfo=UTC),
    )


@pytest.fixture
def corpus(library: Library) -> dict[int, str]:
    """The topic corpus stored one story at a time (as editors would): {story id: topic}."""
    return {library.stories.create(_fields(item)).story.id: item["topic"] for item in CORPUS}


def _new(library: Library, headline: str, body: str = "", **kw: object) -> int:
    return library.stories.create(StoryFields(headline=headline, body=body, **kw)).story.id  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------- editing links


def test_links_added_moved_reordered_and_removed_persist(library: Library, db_url: str) -> None:
    a = _new(library, "Talks end without a joint statement")
    b = _new(library, "Ceasefire terms still open")
    c = _new(library, "Pipeline terminal hit by drones")
    rel = library.related

    v = library.stories.get(a).version
    v = rel.add_story_link(a, b, base_version=v).story.version
    v = rel.add_external_link(
        a, "Kremlin comments on talks", "https://news.example/kremlin", base_version=v
    ).story.version
    result = rel.add_story_link(a, c, base_version=v, position=0)
    assert [link.title for link in result.story.related] == [
        "Pipeline terminal hit by drones",
        "Ceasefire terms still open",
        "Kremlin comments on talks",
    ]
    assert result.changes.updated == (a,)
    v = rel.move_link(a, 0, 2, base_version=result.story.version).story.version
    v = rel.reorder_links(a, [2, 0, 1], base_version=v).story.version
    v = rel.remove_link(a, 1, base_version=v).story.version

    # A fresh library on the same database sees exactly what was saved.
    with Library.open(db_url) as fresh:
        again = fresh.stories.get(a)
    assert again.version == v
    assert [(link.title, link.target_id, link.url) for link in again.related] == [
        ("Pipeline terminal hit by drones", c, ""),
        ("Kremlin comments on talks", None, "https://news.example/kremlin"),
    ]
    assert again.related[0].target_slug == "pipeline-terminal-hit-by-drones"
    notes = [r.note for r in library.revisions.history(a)]
    assert notes[:3] == [
        "Removed a related headline",
        "Reordered the related headlines",
        "Reordered the related headlines",
    ]


def test_link_edits_on_a_stale_version_change_nothing(library: Library) -> None:
    a = _new(library, "Grain exports rise")
    b = _new(library, "Wheat harvest record")
    story = library.stories.get(a)
    library.related.add_story_link(a, b, base_version=story.version)
    with pytest.raises(ConflictError) as caught:
        library.related.add_external_link(a, "Other", "https://x.example/", base_version=story.version)
    assert caught.value.theirs.version == story.version + 1
    assert [link.target_id for link in library.stories.get(a).related] == [b]


def test_bad_link_edits_are_refused_with_clear_errors(library: Library) -> None:
    a = _new(library, "Grain exports rise")
    b = _new(library, "Wheat harvest record")
    v = library.related.add_story_link(a, b, base_version=1).story.version
    with pytest.raises(ValidationError, match="already a related headline"):
        library.related.add_story_link(a, b, base_version=v)
    with pytest.raises(ValidationError, match="cannot be related to itself"):
        library.related.add_story_link(a, a, base_version=v)
    with pytest.raises(ValidationError, match="does not exist"):
        library.related.add_story_link(a, 999, base_version=v)
    with pytest.raises(ValidationError, match="not a web address"):
        library.related.add_external_link(a, "Title", "javascript:alert(1)", base_version=v)
    with pytest.raises(ValidationError, match="needs a title"):
        library.related.add_external_link(a, "  ", "https://x.example/", base_version=v)
    with pytest.raises(ValidationError, match="position 5"):
        library.related.remove_link(a, 4, base_version=v)
    with pytest.raises(ValidationError, match="every related headline once"):
        library.related.reorder_links(a, [0, 0], base_version=v)
    with pytest.raises(NotFoundError):
        library.related.remove_link(12345, 0, base_version=1)
    assert library.stories.get(a).version == v


def test_pure_helpers_edit_unsaved_link_lists() -> None:
    one = external_link("One", "https://one.example/")
    two = external_link("Two", "https://two.example/")
    links = with_link_added(with_link_added((), one), two, 0)
    assert [x.title for x in links] == ["Two", "One"]
    assert [x.title for x in with_link_moved(links, 0, 1)] == ["One", "Two"]
    with pytest.raises(ValidationError):
        with_link_added(links, external_link("Again", "https://one.example/"))


# ------------------------------------------------------------------------------------------------ back-links


def test_back_links_list_the_stories_linking_here(library: Library) -> None:
    target = _new(library, "Drone attack on the CPC terminal")
    first = _new(library, "Oil exports fall")
    second = _new(library, "Insurers raise tanker premiums")
    unrelated = _new(library, "Football league resumes")
    library.related.add_story_link(first, target, base_version=1, title="The attack")
    library.related.add_external_link(second, "Elsewhere", "https://x.example/", base_version=1)
    library.related.add_story_link(second, target, base_version=2)
    back = library.related.back_links(target)
    assert [(b.story.id, b.position, b.title) for b in back] == [
        (second, 1, "Drone attack on the CPC terminal"),
        (first, 0, "The attack"),
    ]
    assert library.related.back_links(unrelated) == []
    library.stories.trash([second])
    assert [b.story.deleted_at is not None for b in library.related.back_links(target)] == [True, False]


# --------------------------------------------------------------------------------------- purge, broken links


def test_purging_a_linked_story_leaves_a_broken_link_that_can_be_fixed(library: Library) -> None:
    source = _new(library, "Oil exports fall")
    gone = _new(library, "Drone attack on the CPC terminal", "Drones hit the terminal.")
    spare = _new(library, "Insurers raise tanker premiums")
    library.related.add_story_link(source, gone, base_version=1)
    library.stories.trash([gone])
    assert library.stories.get(source).related[0].target_trashed
    library.stories.purge([gone])

    link = library.stories.get(source).related[0]
    assert link.is_broken and link.target_id is None and link.title == "Drone attack on the CPC terminal"
    broken = library.related.broken_links()
    assert [(b.story_id, b.position, b.title) for b in broken] == [(source, 0, "Drone attack on the CPC terminal")]
    assert library.related.broken_links(spare) == []
    with read_session(library.session_factory) as s:
        # No link points at a story that is not there, and the purged story left nothing in the index.
        dangling = s.execute(
            select(m.RelatedLink.id)
            .outerjoin(m.Story, m.Story.id == m.RelatedLink.target_id)
            .where(m.RelatedLink.target_id.is_not(None), m.Story.id.is_(None))
        ).all()
        assert dangling == []
        assert s.scalar(select(m.RelatedSignature.story_id).where(m.RelatedSignature.story_id == gone)) is None
        assert s.scalar(select(m.RelatedDoc.story_id).where(m.RelatedDoc.story_id == gone)) is None

    version = library.stories.get(source).version
    fixed = library.related.fix_link(source, 0, target_id=spare, base_version=version).story
    assert (fixed.related[0].target_id, fixed.related[0].title) == (spare, "Insurers raise tanker premiums")
    assert library.related.broken_links() == []


def test_a_broken_link_can_become_an_external_headline(library: Library) -> None:
    source = _new(library, "Oil exports fall")
    gone = _new(library, "Drone attack on the CPC terminal")
    library.related.add_story_link(source, gone, base_version=1)
    library.stories.trash([gone])
    library.stories.purge([gone])
    story = library.stories.get(source)
    with pytest.raises(ValidationError, match="either another story or a web address"):
        library.related.fix_link(source, 0, base_version=story.version)
    fixed = library.related.fix_link(source, 0, url="https://news.example/cpc-attack", base_version=story.version).story
    link = fixed.related[0]
    assert (link.title, link.url, link.is_internal, link.is_broken) == (
        "Drone attack on the CPC terminal",
        "https://news.example/cpc-attack",
        False,
        False,
    )


# ------------------------------------------------------------------------------------------ headline matching


def test_headlines_match_ignoring_case_punctuation_and_quote_styles(library: Library) -> None:
    kremlin = _new(library, "Kremlin Spokesperson Says Ukraine’s Non-NATO Status Is Central to Peace Talks")
    kazakh = _new(library, "Kazakhstan Says “Alternative” Oil Export Routes Are Available")
    trashed = _new(library, "Kcell Receives Certification for Information Security")
    library.stories.trash([trashed])
    found = library.related.find_stories_by_headline(
        [
            "kremlin spokesperson says ukraine's non-nato status is central to peace talks",
            'KAZAKHSTAN SAYS "ALTERNATIVE" OIL EXPORT ROUTES ARE AVAILABLE.',
            "Kcell Receives Certification for Information Security",
            "Kazakhstan Says Alternative Oil Export Routes",
            "",
        ]
    )
    assert found == {
        "kremlin spokesperson says ukraine's non-nato status is central to peace talks": kremlin,
        'KAZAKHSTAN SAYS "ALTERNATIVE" OIL EXPORT ROUTES ARE AVAILABLE.': kazakh,
    }


def test_headline_matching_prefers_the_newest_story_and_tells_long_headlines_apart(library: Library) -> None:
    old = _new(library, "Тенге ослаб", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    new = _new(library, "Тенге  ослаб!", published_at=datetime(2025, 1, 1, tzinfo=UTC))
    stem = "Парламент обсудил поправки " * 12
    long_a = _new(library, stem + "в бюджет")
    long_b = _new(library, stem + "в налоговый кодекс")
    found = library.related.find_stories_by_headline(["тенге ослаб", stem + "в налоговый кодекс", stem + "в бюджет"])
    assert found == {"тенге ослаб": new, stem + "в налоговый кодекс": long_b, stem + "в бюджет": long_a}
    assert old not in found.values()


def test_renamed_and_purged_stories_are_matched_by_their_current_headline(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="Draft headline")).story
    library.stories.save(story.id, story.fields().replace(headline="Final Headline"), base_version=1)
    assert library.related.find_stories_by_headline(["Draft headline", "final headline"]) == {
        "final headline": story.id
    }
    library.stories.trash([story.id])
    library.stories.purge([story.id])
    assert library.related.find_stories_by_headline(["final headline"]) == {}


# ------------------------------------------------------------------------------------------------ suggestions


def _precision_at_5(library: Library, corpus: dict[int, str]) -> tuple[float, list[str]]:
    total = 0.0
    misses = []
    for story_id, topic in corpus.items():
        top = library.related.suggestions(story_id, limit=5)
        hits = sum(1 for s in top if corpus.get(s.story.id) == topic)
        total += hits / 5
        if hits < 4:
            misses.append(f"{topic} #{story_id}: {[corpus.get(s.story.id) for s in top]}")
    return total / len(corpus), misses


def test_suggestions_rank_stories_of_the_same_topic_first(library: Library, corpus: dict[int, str]) -> None:
    precision, misses = _precision_at_5(library, corpus)
    # Every story has exactly five others on its topic; the topics share words on purpose (ports, exports,
    # percent, Kazakh/Russian loanwords), and half the Cyrillic stories are in Kazakh, half in Russian.
    assert precision >= 0.9, misses
    assert not misses, misses
    for story_id, topic in corpus.items():
        best = library.related.suggestions(story_id, limit=1)
        assert best and corpus[best[0].story.id] == topic, (story_id, topic)


def test_kazakh_and_russian_stories_on_one_topic_find_each_other(library: Library, corpus: dict[int, str]) -> None:
    languages = {i: item["language"] for i, item in zip(corpus, CORPUS, strict=True)}
    for story_id, topic in corpus.items():
        if topic != "water":
            continue
        top = library.related.suggestions(story_id, limit=5)
        other_language = [s for s in top if languages.get(s.story.id) not in (languages[story_id], None)]
        assert other_language and all(corpus[s.story.id] == "water" for s in other_language)


def test_suggestions_leave_out_the_story_trashed_stories_and_linked_ones(
    library: Library, corpus: dict[int, str]
) -> None:
    grain = [i for i, t in corpus.items() if t == "grain"]
    story, *others = grain
    top = [s.story.id for s in library.related.suggestions(story, limit=10)]
    assert story not in top and others[0] in top and others[1] in top
    library.stories.trash([others[0]])
    library.related.add_story_link(story, others[1], base_version=library.stories.get(story).version)
    top = [s.story.id for s in library.related.suggestions(story, limit=10)]
    assert others[0] not in top and others[1] not in top and story not in top
    assert set(top[:3]) <= set(others[2:])
    with pytest.raises(NotFoundError):
        library.related.suggestions(99999)


def test_suggestions_explain_shared_tags_and_outlet(library: Library) -> None:
    a = _new(library, "Wheat exports climb", "Wheat grain exporters harvest.", tags=("Agriculture", "Trade"))
    b = _new(library, "Wheat harvest record", "Wheat grain harvest elevators.", tags=("agriculture",))
    _new(library, "Football league resumes", "Football league match goals.", tags=("Sport",))
    [suggestion] = library.related.suggestions(a)
    assert suggestion.story.id == b and suggestion.shared_tags == ("Agriculture",)
    assert not suggestion.same_outlet and suggestion.score > 0


def test_tags_alone_find_a_story_the_words_miss(library: Library) -> None:
    a = _new(library, "Ұлттық банк мөлшерлемені көтерді", tags=("Қаржы",))
    b = _new(library, "Rate decision explained", "Analysts comment.", tags=("қаржы",))
    assert [s.story.id for s in library.related.suggestions(a)] == [b]


def test_unsaved_text_gets_suggestions_for_what_it_says_now(library: Library, corpus: dict[int, str]) -> None:
    football = next(i for i, t in corpus.items() if t == "football")
    story = library.stories.get(football)
    pipeline = next(item for item in CORPUS if item["topic"] == "pipeline")
    draft = story.fields().replace(headline=pipeline["headline"], body=pipeline["body"], tags=())
    top = library.related.suggestions(football, limit=5, fields=draft)
    assert sum(corpus[s.story.id] == "pipeline" for s in top) >= 4
    # Nothing was saved: the stored story still finds football.
    assert corpus[library.related.suggestions(football, limit=1)[0].story.id] == "football"


def test_suggestions_follow_saves(library: Library, corpus: dict[int, str]) -> None:
    moved = next(i for i, t in corpus.items() if t == "football")
    elections = next(item for item in CORPUS if item["topic"] == "elections")
    story = library.stories.get(moved)
    library.stories.save(
        moved, story.fields().replace(headline=elections["headline"] + " again", body=elections["body"]), base_version=1
    )
    top = library.related.suggestions(moved, limit=5)
    assert sum(corpus[s.story.id] == "elections" for s in top) >= 4
    # And other election stories now find it among theirs.
    voter = next(i for i, t in corpus.items() if t == "elections")
    assert moved in [s.story.id for s in library.related.suggestions(voter, limit=5)]


def test_an_empty_or_wordless_story_gets_no_suggestions(library: Library, corpus: dict[int, str]) -> None:
    empty = _new(library, "")
    numbers = _new(library, "2025 12 31", "100 200 300 — !!!")
    assert library.related.suggestions(empty) == []
    assert library.related.suggestions(numbers) == []


# --------------------------------------------------------------------------- the index stays exact and current


def _frequencies(library: Library) -> tuple[int, dict[str, int]]:
    with read_session(library.session_factory) as s:
        documents = s.scalar(select(m.RelatedStats.documents)) or 0
        df = {t: n for t, n in s.execute(select(m.RelatedTerm.term, m.RelatedTerm.df)) if n}
    return documents, df


def test_incremental_frequencies_equal_a_rebuild_after_creates_saves_and_purges(
    library: Library, corpus: dict[int, str]
) -> None:
    ids = list(corpus)
    # A bulk import in one batch, edits (text, status, tags), and purges.
    library.stories.create_many([_fields(item) for item in CORPUS[:6]], render=False, keep_revision=False)
    story = library.stories.get(ids[0])
    library.stories.save(
        ids[0], story.fields().replace(body=story.body + "\n\nLivestock farmers protest."), base_version=1
    )
    story = library.stories.get(ids[1])
    library.stories.save(ids[1], story.fields().replace(headline="Grain wagons", body="Short."), base_version=1)
    from curator.core.status import Status

    library.stories.set_status(
        [ids[2], ids[3]], Status.READY, override_reason="status moves are not what this test checks"
    )
    library.tags.tag_stories([ids[4]], ["New tag"])
    library.stories.trash([ids[5], ids[6]])
    library.stories.purge([ids[5], ids[6]])

    incremental = _frequencies(library)
    assert incremental[0] == len(CORPUS) + 6 - 2
    library.related.refresh(full=True)
    assert _frequencies(library) == incremental


def test_stale_signatures_are_refreshed(library: Library) -> None:
    first = _new(library, "Wheat exports climb", "Wheat grain exporters harvest elevators.")
    with read_session(library.session_factory) as s:
        assert s.scalar(select(m.RelatedDoc.signed_docs).where(m.RelatedDoc.story_id == first)) == 1
    library.stories.create_many(
        [StoryFields(headline=f"Story {n}", body=f"Wheat harvest notes {n}") for n in range(12)],
        render=False,
        keep_revision=False,
    )
    # The write that made the library thirteen times bigger also re-signed the oldest signature.
    with read_session(library.session_factory) as s:
        assert s.scalar(select(m.RelatedDoc.signed_docs).where(m.RelatedDoc.story_id == first)) == 13
    with write_session(library.session_factory) as s:
        s.execute(text("UPDATE related_doc SET signed_docs = 1"))
    assert library.related.stale_count() == 13
    progress: list[tuple[int, int]] = []
    assert library.related.refresh(progress=lambda done, total: progress.append((done, total)), batch=5) == 13
    assert progress[-1] == (13, 13) and library.related.stale_count() == 0


def test_a_refresh_can_be_cancelled_between_batches(library: Library) -> None:
    library.stories.create_many([StoryFields(headline=f"S {n}", body="grain") for n in range(10)], render=False)
    with write_session(library.session_factory) as s:
        s.execute(text("UPDATE related_doc SET signed_docs = 1000"))
    calls = iter([False, True])
    assert library.related.refresh(cancelled=lambda: next(calls), batch=4) == 4
    assert library.related.stale_count() == 6


def test_a_failed_write_leaves_the_index_untouched(library: Library) -> None:
    _new(library, "Wheat exports climb", "Wheat grain exporters.")
    before = _frequencies(library)

    class Refusing:
        def stories_written(self, session: object, stories: object) -> None:
            raise ValidationError("headline", "refused")

        def stories_purged(self, session: object, story_ids: object) -> None:
            raise ValidationError("purge", "refused")

    library.stories.add_hook(Refusing())  # runs after the related-stories hook, in the same transaction
    with pytest.raises(ValidationError):
        library.stories.create_many([StoryFields(headline="Wheat harvest", body="Wheat elevators.")] * 3)
    assert _frequencies(library) == before


# ------------------------------------------------------------------------------------- upgrading a library


def test_upgrading_a_library_fills_the_related_index(db_url: str) -> None:
    # Put the library back to the schema before the related-stories index, stories in it, as an older Curator left it.
    library = Library.open(db_url)
    for item in CORPUS[:12]:
        library.stories.create(_fields(item))
    assert library.engine is not None
    with library.engine.begin() as conn:
        for table in ("related_signature", "related_doc", "related_term", "related_stats"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("DROP INDEX ix_related_link_broken"))
        # Tables of later schemas go too (children first).
        for table in ("saved_search", "comment", "assignment", "presence", "change_event", "person",
                      "writing_ignored_word", "writing_desk_word"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        for table in ("related_signature", "related_doc", "related_term", "related_stats"):
            conn.execute(text(f"DROP TABLE {table}"))
        # And columns of later schemas.
        for table, column in (
            ("factcheck_source", "public"),
            ("factcheck_claim", "public_rationale"),
            ("factcheck_finding", "manual"),
        ):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003_factcheck'"))
    library.close()

    with Library.open(db_url) as library:
        assert library.state is not None and library.state.upgraded_from == "0003_factcheck"
        documents, df = _frequencies(library)
        assert documents == 12 and df["wheat"] == 6
        first = library.stories.resolve(1)
        top = library.related.suggestions(first, limit=3)
        assert [library.stories.get(s.story.id).headline for s in top][:1] != []
        assert all(s.story.id <= 6 for s in top)
        assert Counter(library.related.find_stories_by_headline([CORPUS[0]["headline"].upper()]).values()) == Counter(
            [first]
        )


# ------------------------------------------------------------------------------- explained, evaluated, matched

EVAL = json.loads((FIXTURES / "related_eval.json").read_text(encoding="utf-8"))["stories"]


def _eval_fields(item: dict) -> StoryFields:
    return StoryFields(
        headline=item["headline"],
        dek=item["dek"],
        body=item["body"],
        outlet_name=item["outlet"],
        language=item["language"],
        tags=tuple(item["tags"]),
        published_at=datetime.fromisoformat(item["published"]).replace(tzinfo=UTC),
    )


def test_evaluation_corpus_is_labelled_bilingual_and_has_a_held_out_part() -> None:
    topics = Counter(item["topic"] for item in EVAL)
    assert len(EVAL) >= 300 and len(topics) >= 6 and min(topics.values()) >= 40
    assert {item["language"] for item in EVAL} == {"en", "ru"}
    held_out = [item for item in EVAL if item["held_out"]]
    assert len(held_out) >= 60 and {item["topic"] for item in held_out} == set(topics)
    assert len({item["headline"] + item["body"] for item in EVAL}) == len(EVAL)


def test_precision_at_5_on_the_evaluation_corpus_tuned_and_held_out(library: Library) -> None:
    ids = library.stories.create_many([_eval_fields(item) for item in EVAL], render=False)
    topic_of = {sid: item["topic"] for sid, item in zip(ids, EVAL, strict=True)}
    held = {sid for sid, item in zip(ids, EVAL, strict=True) if item["held_out"]}
    hits = {True: 0, False: 0}
    for sid in ids:
        found = library.related.suggestions(sid, limit=5)
        assert len(found) == 5
        hits[sid in held] += sum(topic_of[s.story.id] == topic_of[sid] for s in found)
    assert hits[False] / (5 * (len(ids) - len(held))) >= 0.95
    assert hits[True] / (5 * len(held)) >= 0.95


def test_suggestions_say_which_words_they_share_as_the_story_spells_them(library: Library) -> None:
    a = _new(
        library,
        "Kostanay farmers race to bring in the wheat harvest",
        "Farmers in Kostanay said elevators were full. The wheat harvest is the largest in years.",
        outlet_name="Steppe Wire",
    )
    b = _new(
        library,
        "Wheat elevators overflow in Kostanay",
        "Elevators near Kostanay turned away wheat as the harvest broke records.",
        outlet_name="steppe wire",
    )
    _new(library, "Astana beat Kairat in the league", "Football: the league leaders won again.")
    [top, *_] = library.related.suggestions(a)
    assert top.story.id == b and top.same_outlet
    assert {"wheat", "Kostanay", "elevators"} <= set(top.shared_terms)  # words, not stems; names keep capitals
    assert top.reason.startswith("shares: ") and top.reason.endswith("same outlet")


def test_an_external_headline_worded_differently_finds_the_story_it_means(library: Library) -> None:
    quota = _new(
        library,
        "Kazakhstan raises wheat export quota after bumper harvest",
        "The agriculture ministry lifted the wheat export quota by two million tonnes. Elevators in Kostanay "
        "are full and traders expect grain to go to Afghanistan by rail.",
    )
    _new(library, "Tenge weakens past 520", "The National Bank sold reserves to support the tenge.")
    _new(library, "Astana beat Kairat", "Football: Astana beat Kairat in the league.")
    found = library.related.headline_matches("Astana lets grain traders ship more wheat as elevators fill up")
    assert [s.story.id for s in found][:1] == [quota] and "wheat" in found[0].shared_terms
    assert library.related.headline_matches("Chess olympiad opens with record entry") == []

    story = _new(library, "Farmers count the cost of the frost", "Frost hit the late wheat in the north.")
    v = library.stories.get(story).version
    v = library.related.add_external_link(
        story, "Wheat export limit lifted as Kostanay elevators overflow", "https://wire.example/w", base_version=v
    ).story.version
    library.related.add_story_link(story, quota, base_version=v)
    # Once the story is linked, the external headline's match is not offered again.
    assert library.related.link_matches(story) == []
    other = _new(library, "Grain freight subsidy debated", "Rail freight for grain.")
    library.related.add_external_link(
        other, "Wheat export limit lifted as Kostanay elevators overflow", "https://wire.example/w", base_version=1
    )
    [match] = library.related.link_matches(other)
    assert match.position == 0 and match.suggestions[0].story.id == quota
