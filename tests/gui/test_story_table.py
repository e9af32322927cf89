"""The story list model: Qt's model contract, lazy keyset paging, and change sets applied without reloads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from curator.core.status import Status
from curator.domain.stories import Scope, Sort, StoryFields
from curator.gui.bridge import LibraryBridge
from curator.gui.models.story_table import HEADLINE, STATUS, UPDATED, ListQuery, StoryTableModel
from curator.services.library import Library


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    lib = Library.open(library_url)
    base = datetime(2025, 3, 1, tzinfo=UTC)
    lib.stories.create_many(
        [
            StoryFields(
                headline=f"Story {i:03d} {'Алматы' if i % 7 == 0 else 'Riyadh'}",
                body=f"Body {i} with grain talks." + (" Pipeline." if i % 3 == 0 else ""),
                status=list(Status)[i % 4],
                tags=("Energy",) if i % 5 == 0 else (),
                published_at=base + timedelta(hours=i),
            )
            for i in range(120)
        ]
    )
    yield lib
    lib.close()


@pytest.fixture
def bridge(qtbot, library: Library) -> Iterator[LibraryBridge]:
    b = LibraryBridge(library)
    yield b
    b.wait(10_000)


def loaded_model(qtbot, bridge: LibraryBridge, query: ListQuery | None = None, page_size: int = 25) -> StoryTableModel:
    model = StoryTableModel(bridge.read, page_size=page_size)
    bridge.changed.connect(model.apply_changes)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_query(query or ListQuery(), force=True)
    return model


def headlines(model: StoryTableModel) -> list[str]:
    return [model.index(r, HEADLINE).data() for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge)
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected: paging, moves, inserts and removals are checked as they happen.
    with qtbot.waitSignal(model.page_arrived, timeout=10_000):
        model.fetchMore(QModelIndex())
    story = bridge.library.stories.get(model.summary(30).id)
    with qtbot.waitSignal(model.rowsMoved, timeout=10_000):
        bridge.write(lambda lib: lib.stories.save(story.id, story.fields().replace(dek="New dek"), base_version=1))
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        bridge.write(lambda lib: lib.stories.create(StoryFields(headline="Inserted")))
    with qtbot.waitSignal(model.rowsRemoved, timeout=10_000):
        bridge.write(lambda lib: lib.stories.trash([story.id]))
    # However the tester paged, the rows are exactly what a fresh query returns, in the same order.
    expected = [s.id for s in bridge.library.search.page("", limit=1000).items][: model.rowCount()]
    assert model.ids() == expected


def test_pages_lazily_and_never_holds_more_than_was_scrolled_to(qtbot, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge, page_size=25)
    assert model.rowCount() == 25
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_arrived, timeout=10_000):
        model.fetchMore(QModelIndex())
    # However the tester paged, the rows are exactly what a fresh query returns, in the same order.
    expected = [s.id for s in bridge.library.search.page("", limit=1000).items][: model.rowCount()]
    assert model.ids() == expected
    # Newest first, without duplicates across pages.
    seqs = [model.summary(r).seq for r in range(50)]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 50
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.page_arrived, timeout=10_000):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == 120
    assert not model.canFetchMore(QModelIndex())


def test_scrolling_the_view_fetches_the_next_page(qtbot, bridge: LibraryBridge) -> None:
    from curator.gui.widgets.story_list import StoryListView

    model = loaded_model(qtbot, bridge, page_size=25)
    view = StoryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    with qtbot.waitSignal(model.page_arrived, timeout=10_000):
        view.scrollToBottom()
    assert 25 < model.rowCount() < 120


def test_sorting_is_a_new_query(qtbot, bridge: LibraryBridge, library: Library) -> None:
    model = loaded_model(qtbot, bridge, page_size=200)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.sort(HEADLINE, Qt.SortOrder.AscendingOrder)
    expected = [s.headline for s in library.search.page("", sort=Sort.HEADLINE, limit=200).items]
    assert headlines(model) == expected
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.sort(STATUS, Qt.SortOrder.DescendingOrder)
    ranks = [model.summary(r).status.rank for r in range(model.rowCount())]
    assert ranks == sorted(ranks, reverse=True)
    # Columns the library cannot sort by leave the order alone.
    assert model.sort_section() == (STATUS, Qt.SortOrder.DescendingOrder)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.sort_section() == (STATUS, Qt.SortOrder.DescendingOrder)


class Resets:
    def __init__(self, model: StoryTableModel) -> None:
        self.count = 0
        model.modelAboutToBeReset.connect(self._reset)

    def _reset(self) -> None:
        self.count += 1


def test_a_save_moves_the_row_to_the_top_without_a_reload(qtbot, bridge: LibraryBridge, library: Library) -> None:
    model = loaded_model(qtbot, bridge)
    resets = Resets(model)
    target = model.summary(10)
    story = library.stories.get(target.id)
    with qtbot.waitSignal(model.rowsMoved, timeout=10_000):
        bridge.write(
            lambda lib: lib.stories.save(story.id, story.fields().replace(headline="Renamed story"), base_version=1)
        )
    assert model.summary(0).id == target.id
    assert model.index(0, HEADLINE).data() == "Renamed story"
    assert model.rowCount() == 25
    assert resets.count == 0


def test_new_stories_appear_and_trashed_ones_go_without_a_reload(qtbot, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge)
    resets = Resets(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        bridge.write(lambda lib: lib.stories.create(StoryFields(headline="Brand new")))
    assert model.index(0, HEADLINE).data() == "Brand new"
    doomed = model.summary(3).id
    with qtbot.waitSignal(model.rowsRemoved, timeout=10_000):
        bridge.write(lambda lib: lib.stories.trash([doomed]))
    assert model.row_of(doomed) is None
    assert resets.count == 0


def test_the_trash_view_gains_what_is_trashed(qtbot, bridge: LibraryBridge, library: Library) -> None:
    model = loaded_model(qtbot, bridge, ListQuery(scope=Scope.TRASH))
    assert model.rowCount() == 0
    victim = library.search.page("", limit=1).items[0].id
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        bridge.write(lambda lib: lib.stories.trash([victim]))
    assert model.ids() == [victim]
    with qtbot.waitSignal(model.rowsRemoved, timeout=10_000):
        bridge.write(lambda lib: lib.stories.restore([victim]))
    assert model.rowCount() == 0


def test_a_change_outside_the_query_leaves_the_list_alone(qtbot, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge, ListQuery(text="tag:energy"))
    before = model.ids()
    assert before and all("Energy" in model.summary(r).tags for r in range(model.rowCount()))
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000) as blocker:
        bridge.write(lambda lib: lib.stories.create(StoryFields(headline="Untagged", tags=())))
        bridge.write(lambda lib: lib.stories.create(StoryFields(headline="Tagged", tags=("Energy",))))
    assert blocker.signal_triggered
    assert model.index(0, HEADLINE).data() == "Tagged"
    assert "Untagged" not in headlines(model)


def test_a_query_that_cannot_be_understood_is_reported(qtbot, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge)
    rows = model.rowCount()
    with qtbot.waitSignal(model.query_failed, timeout=10_000) as blocker:
        model.set_query(ListQuery(text="status:nonsense"))
    assert "nonsense" in blocker.args[0]
    assert model.rowCount() == rows  # the last good results stay


def test_unsaved_stories_are_marked(qtbot, bridge: LibraryBridge) -> None:
    model = loaded_model(qtbot, bridge)
    story_id = model.summary(2).id
    with qtbot.waitSignal(model.dataChanged):
        model.set_modified({story_id})
    assert model.index(2, HEADLINE).data().startswith("● ")
    assert model.index(2, HEADLINE).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(2, UPDATED).data()
