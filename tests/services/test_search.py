"""Search and listing: the query syntax end to end, Cyrillic, paging by keyset in every order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from curator.core.status import Status
from curator.domain.stories import Scope, Sort, StoryFields
from curator.search.query import QuerySyntaxError
from curator.services.library import Library


@pytest.fixture
def newsroom(library: Library) -> dict[str, int]:
    items = {
        "talks": StoryFields(
            headline="US and Russia end talks without a joint statement",
            body="Talks in Riyadh concluded, Steppe Wire reports. According to Capital News, a joint statement "
            "was expected.",
            byline="Aliya Nurlanovna",
            outlet_name="Steppe Wire",
            tags=("Diplomacy",),
            status=Status.FACT_CHECK,
            published_at=datetime(2025, 3, 25, tzinfo=UTC),
        ),
        "pipeline": StoryFields(
            headline="Drone attack hits pipeline terminal",
            body="The pipeline consortium said the terminal was damaged. Oil exports continue.",
            byline="Marat Seitkali",
            outlet_name="Capital News",
            tags=("Energy", "Diplomacy"),
            status=Status.PUBLISHED,
            published_at=datetime(2025, 2, 10, tzinfo=UTC),
        ),
        "ru": StoryFields(
            headline="Переговоры в Эр-Рияде завершились без совместного заявления",
            body="Переговоры завершились, сообщает Orda.kz. Ёлка стоит на площади.",
            byline="Никита Дробный",
            outlet_name="Orda.kz",
            language="ru",
            tags=("Дипломатия",),
        ),
        "kk": StoryFields(
            headline="Қазақстан мұнай экспорты",
            body="Қазақстан мұнайы Каспий құбыры арқылы экспортталады. Café owners said so.",
            language="kk",
            tags=("Energy",),
        ),
    }
    return {key: library.stories.create(fields).story.id for key, fields in items.items()}


def _ids(library: Library, query: str, **kw: object) -> set[int]:
    return {s.id for s in library.search.page(query, limit=100, **kw).items}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("talks", {"talks"}),
        ("TALKS", {"talks"}),
        ('"joint statement"', {"talks"}),
        ('"statement joint"', set()),
        ("pipe*", {"pipeline"}),
        ("p*", {"pipeline"}),
        ("terminal -drone", set()),
        ("terminal -talks", {"pipeline"}),
        ("-pipeline", {"talks", "ru", "kk"}),
        ("tag:diplomacy", {"talks", "pipeline"}),
        ("tag:Diplomacy -tag:energy", {"talks"}),
        ('tag:"дипломатия"', {"ru"}),
        ("status:published", {"pipeline"}),
        ("status:fact-check status:published", {"talks", "pipeline"}),
        ("-status:draft", {"talks", "pipeline"}),
        ("byline:aliya", {"talks"}),
        ("byline:никита", {"ru"}),
        ("outlet:orda.kz", {"ru"}),
        ('outlet:"capital news"', {"pipeline"}),
        ("capital", {"talks", "pipeline"}),
        ("headline:talks", {"talks"}),
        ("after:2025-03-01 tag:diplomacy", {"talks"}),
        ("before:2025-03 tag:diplomacy", {"pipeline"}),
        ("переговоры", {"ru"}),
        ("ПЕРЕГОВОРЫ", {"ru"}),
        ("перег*", {"ru"}),
        ("елка", {"ru"}),
        ("ёлка", {"ru"}),
        ('"совместного заявления"', {"ru"}),
        ("қазақстан", {"kk"}),
        ("ҚАЗАҚСТАН мұнай*", {"kk"}),
        ("cafe", {"kk"}),
        ("café", {"kk"}),
        ("orda.kz", {"ru"}),
        ("nothing-like-this", set()),
        ("", {"talks", "pipeline", "ru", "kk"}),
    ],
)
def test_query_syntax(library: Library, newsroom: dict[str, int], query: str, expected: set[str]) -> None:
    assert _ids(library, query) == {newsroom[k] for k in expected}


def test_bad_field_values_are_clear_errors(library: Library) -> None:
    with pytest.raises(QuerySyntaxError, match="status"):
        library.search.page("status:bogus")
    with pytest.raises(QuerySyntaxError, match="before"):
        library.search.page("before:2025-13-45")


def test_search_follows_saves_and_trash(library: Library, newsroom: dict[str, int]) -> None:
    story = library.stories.get(newsroom["talks"])
    library.stories.save(story.id, story.fields().replace(body="Entirely new words here"), base_version=1)
    assert _ids(library, "riyadh") == set()
    assert _ids(library, "entirely") == {story.id}
    library.stories.trash([story.id])
    assert _ids(library, "entirely") == set()
    assert _ids(library, "entirely", scope=Scope.TRASH) == {story.id}


def test_recency_order_is_last_change_first(library: Library, newsroom: dict[str, int]) -> None:
    first = library.stories.get(newsroom["talks"])
    library.stories.save(first.id, first.fields().replace(dek="touched"), base_version=1)
    items = library.search.page("").items
    assert items[0].id == first.id
    assert next(s.id for s in library.search.page("tag:diplomacy").items) == first.id
    assert next(s.id for s in library.search.page("capital").items) == first.id


def test_relevance_puts_headline_hits_first(library: Library) -> None:
    body_only = library.stories.create(StoryFields(headline="Other", body="grain grain exports")).story.id
    headline = library.stories.create(StoryFields(headline="Grain exports rise", body="numbers")).story.id
    library.stories.create(StoryFields(headline="Unrelated", body="nothing"))
    ranked = [s.id for s in library.search.page("grain", sort=Sort.RELEVANCE).items]
    assert ranked == [headline, body_only]


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("descending", [None, True, False])
def test_keyset_paging_visits_every_story_once(library: Library, sort: Sort, descending: bool | None) -> None:
    statuses = list(Status)
    items = [
        StoryFields(
            headline=f"Story {i % 7} about grain",
            body=f"grain {'wheat ' * (i % 3)}",
            status=statuses[i % len(statuses)],
        )
        for i in range(53)
    ]
    ids = set(library.stories.create_many(items, render=False))
    query = "grain" if sort == Sort.RELEVANCE else ""
    seen: list[int] = []
    cursor = None
    for _ in range(20):
        page = library.search.page(query, sort=sort, descending=descending, cursor=cursor, limit=10)
        seen.extend(s.id for s in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert set(seen) == ids
    whole = [s.id for s in library.search.page(query, sort=sort, descending=descending, limit=100).items]
    assert seen == whole


def test_headline_order_ignores_case_and_accents(library: Library) -> None:
    for h in ("banana", "Apple", "Éclair", "cherry"):
        library.stories.create(StoryFields(headline=h))
    names = [s.headline for s in library.search.page("", sort=Sort.HEADLINE).items]
    assert names == ["Apple", "banana", "cherry", "Éclair"]
    names = [s.headline for s in library.search.page("", sort=Sort.HEADLINE, descending=True).items]
    assert names == ["Éclair", "cherry", "banana", "Apple"]


def test_summaries_matching_and_counts(library: Library, newsroom: dict[str, int]) -> None:
    ids = list(newsroom.values())
    assert set(library.search.summaries(ids)) == set(ids)
    assert library.search.summaries([newsroom["talks"]])[newsroom["talks"]].tags == ("Diplomacy",)
    assert library.search.matching("tag:energy", ids) == {newsroom["pipeline"], newsroom["kk"]}
    assert library.search.count("tag:energy") == 2
    assert library.search.count("") == 4
    assert library.search.status_counts() == {"fact_check": 1, "published": 1, "draft": 2}
