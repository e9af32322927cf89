"""The related-headlines panel: adding, reordering and removing links, back-links, suggestions, broken links."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from curator.domain.stories import RelatedLink, StoryFields
from curator.gui.dialogs.related_link import ExternalLinkDialog, StoryPickerDialog
from curator.gui.widgets.related_panel import link_problem
from curator.services.related import external_link
from tests.gui.conftest import library_of, open_slug, wait_writes

TALKS = "Talks in Riyadh: delegations meet on the ceasefire and prisoner exchanges, officials say. " * 6
STORIES = [
    StoryFields(headline="Riyadh talks end without a joint statement", body=TALKS, tags=("Diplomacy",)),
    StoryFields(
        headline="Ceasefire talks resume in Riyadh",
        body="Delegations resumed the ceasefire talks in Riyadh; prisoner exchanges were discussed. " * 6,
        tags=("Diplomacy",),
    ),
    StoryFields(headline="Wheat exports rise", body="Grain and wheat shipments from the port rose in March. " * 6),
    StoryFields(headline="Rail freight tariffs change", body="Railway freight tariffs for grain change in May. " * 6),
]


def titles(links: Any) -> list[str]:
    return [link.title for link in links]


def save(qtbot, window: Any) -> None:
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        window.actions["save"].trigger()
    wait_writes(qtbot, window)


def summary(window: Any, query: str) -> Any:
    return library_of(window).search.page(query, limit=1).items[0]


def test_links_added_reordered_and_removed_persist(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    related = window.related
    story = open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    assert related.add_story(summary(window, '"Ceasefire talks resume"'))
    assert related.add_external(external_link("Oil output holds steady", "https://example.org/oil"))
    model = related.panel.model
    assert titles(model.links) == ["Ceasefire talks resume in Riyadh", "Oil output holds steady"]
    assert window.editing.is_dirty()
    # Adding the same story twice is refused with a message, not a second row.
    assert not related.add_story(summary(window, '"Ceasefire talks resume"'))

    # Drag and drop: a list view's internal move ends in the model's moveRows.
    assert model.moveRow(QModelIndex(), 1, QModelIndex(), 0)
    assert titles(window.fields.related()) == ["Oil output holds steady", "Ceasefire talks resume in Riyadh"]
    # The keyboard: Alt+Down moves the selected headline down again.
    related.panel.select(0)
    qtbot.keyClick(related.panel.links, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(window.fields.related()) == ["Ceasefire talks resume in Riyadh", "Oil output holds steady"]

    # The links are part of the story's unsaved changes: they survive switching stories…
    open_slug(qtbot, window, "wheat-exports-rise")
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    assert titles(related.panel.model.links) == ["Ceasefire talks resume in Riyadh", "Oil output holds steady"]
    assert library_of(window).stories.get(story).related == ()
    # …and are stored by a save.
    save(qtbot, window)
    stored = library_of(window).stories.get(story).related
    assert titles(stored) == ["Ceasefire talks resume in Riyadh", "Oil output holds steady"]
    assert stored[1].url == "https://example.org/oil" and stored[0].target_id is not None
    assert not window.editing.is_dirty()

    # Delete removes the selected headline; Undo brings it back; removing again and saving persists.
    related.panel.select(0)
    qtbot.keyClick(related.panel.links, Qt.Key.Key_Delete)
    assert titles(window.fields.related()) == ["Oil output holds steady"]
    related.panel.undo_button.click()
    assert titles(window.fields.related()) == ["Ceasefire talks resume in Riyadh", "Oil output holds steady"]
    assert not window.editing.is_dirty()  # back to what is stored
    related.remove(1)
    save(qtbot, window)
    open_slug(qtbot, window, "wheat-exports-rise")
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    assert titles(related.panel.model.links) == ["Ceasefire talks resume in Riyadh"]
    assert titles(library_of(window).stories.get(story).related) == ["Ceasefire talks resume in Riyadh"]


def test_picking_a_story_and_entering_an_external_link(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    related = window.related
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")

    related.choose_story()
    picker = related.dialog
    assert isinstance(picker, StoryPickerDialog)
    picker.query.setText("wheat")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=10_000)
    assert picker.results.item(0).text() == "Wheat exports rise"
    picker.buttons.accepted.emit()
    assert titles(window.fields.related()) == ["Wheat exports rise"]

    # The open story itself and stories already linked are not offered.
    related.choose_story()
    picker = related.dialog
    picker.query.setText("talks")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=10_000)
    assert picker.results.item(0).text() == "Ceasefire talks resume in Riyadh"
    picker.query.setText("wheat")
    qtbot.waitUntil(lambda: picker.message.text() == "No story matches.", timeout=10_000)
    assert picker.results.count() == 0
    picker.reject()

    related.choose_external()
    dialog = related.dialog
    assert isinstance(dialog, ExternalLinkDialog)
    dialog.title_edit.setText("Pipeline repairs begin")
    dialog.url_edit.setText("javascript:alert(1)")
    dialog.try_accept()
    assert dialog.isVisible() and "web address" in dialog.error.text()
    assert titles(window.fields.related()) == ["Wheat exports rise"]
    dialog.url_edit.setText("https://example.org/pipeline")
    dialog.try_accept()
    assert not dialog.isVisible()
    assert window.fields.related()[-1] == RelatedLink(
        title="Pipeline repairs begin", url="https://example.org/pipeline"
    )


def test_back_links_show_and_open_the_linking_story(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    library = library_of(window)
    target = library.stories.resolve("wheat-exports-rise")
    source = library.stories.resolve("rail-freight-tariffs-change")
    rail = library.stories.get(source)
    library.stories.save(source, rail.fields().replace(related=(RelatedLink(target_id=target),)), base_version=1)

    open_slug(qtbot, window, "wheat-exports-rise")
    back = window.related.panel.back_links
    qtbot.waitUntil(lambda: back.count() == 1 and back.item(0).data(Qt.ItemDataRole.UserRole) == source, timeout=10_000)
    assert back.item(0).text() == "Rail freight tariffs change"
    with qtbot.waitSignal(window.editing.opened, timeout=10_000):
        back.itemActivated.emit(back.item(0))
    assert window.editing.story_id == source


def test_a_suggestion_is_added_with_its_button(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    related = window.related
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    tree = related.panel.suggestions
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10_000)
    # Same topic first: the other Riyadh story, not the grain ones; a small line under it says why.
    headline, why = related.panel.suggestion_rows()[0]
    assert headline == "Ceasefire talks resume in Riyadh"
    assert why.startswith("shares: ") and "ceasefire" in why and "tags: Diplomacy" in why
    label = tree.itemWidget(tree.topLevelItem(0), 0)
    assert "Ceasefire talks resume in Riyadh" in label.text() and "tags: Diplomacy" in label.text()
    assert "tags: Diplomacy" in tree.topLevelItem(0).toolTip(0)
    related.panel.add_buttons()[0].click()
    assert titles(window.fields.related()) == ["Ceasefire talks resume in Riyadh"]
    assert all(h != "Ceasefire talks resume in Riyadh" for h, _ in related.panel.suggestion_rows())


def test_an_external_headline_brings_the_story_its_content_matches(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    related = window.related
    open_slug(qtbot, window, "rail-freight-tariffs-change")
    assert related.add_external(external_link("Grain shipments climb at the port", "https://example.org/grain"))
    related.load(window.editing.story_id)
    qtbot.waitUntil(lambda: bool(related.panel.suggestion_rows()), timeout=10_000)
    headline, why = related.panel.suggestion_rows()[0]
    assert headline == "Wheat exports rise" and why.startswith("matches the headline “Grain shipments climb")


def test_links_to_trashed_and_purged_stories_show_as_broken_and_can_be_fixed(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    library = library_of(window)
    related = window.related
    story = library.stories.resolve("riyadh-talks-end-without-a-joint-statement")
    wheat = library.stories.resolve("wheat-exports-rise")
    fields = library.stories.get(story).fields()
    library.stories.save(story, fields.replace(related=(RelatedLink(target_id=wheat),)), base_version=1)

    library.stories.trash([wheat])
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    qtbot.waitUntil(lambda: bool(related.panel.model.links), timeout=10_000)
    assert "trash" in link_problem(related.panel.model.links[0])
    assert "1 broken" in related.panel.links_label.text()

    open_slug(qtbot, window, "rail-freight-tariffs-change")
    library.stories.purge([wheat])
    open_slug(qtbot, window, "riyadh-talks-end-without-a-joint-statement")
    link = related.panel.model.links[0]
    assert "deleted" in link_problem(link) and link.title == "Wheat exports rise"
    related.panel.select(0)
    assert related.panel.fix_button.isVisibleTo(related.panel)

    # Fixed by turning it into an external link (the fix menu's second choice), then saved.
    related.choose_fix(0)
    related.dialog.actions()[1].trigger()
    dialog = related.dialog
    assert isinstance(dialog, ExternalLinkDialog) and dialog.title_edit.text() == "Wheat exports rise"
    dialog.url_edit.setText("https://example.org/wheat")
    dialog.try_accept()
    save(qtbot, window)
    assert library.related.broken_links(story) == []
    assert library.stories.get(story).related[0].url == "https://example.org/wheat"
    assert not link_problem(related.panel.model.links[0])


def test_no_two_actions_share_a_shortcut(qtbot, make_window) -> None:
    from PySide6.QtGui import QAction

    window = make_window(stories=STORIES)
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            text = keys.toString()
            if text:
                assert text not in seen or seen[text] == action.text(), f"{text}: {seen.get(text)} and {action.text()}"
                seen[text] = action.text()
    assert seen["F7"] == "&Related Headlines Panel" and seen["F8"].startswith("Fact-check")
