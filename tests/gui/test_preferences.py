"""Preferences write the settings.toml the command line reads (keeping what is there), refuse bad values without
writing anything, and take effect; Help → User Guide shows the manual."""

from __future__ import annotations

import tomllib

from curator.factcheck.settings import FactCheckSettings
from curator.gui.dialogs.preferences import PreferencesDialog, PreferencesSection
from tests.gui.conftest import library_of


def test_preferences_write_settings_the_command_line_reads(qtbot, make_window) -> None:
    window = make_window()
    config = window.ctx.paths.config_dir
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(
        "# the desk's settings\n[desk]\ncomments_hold_ready = false  # kept as written\n", encoding="utf-8"
    )
    dialog = window.show_preferences()
    assert isinstance(dialog, PreferencesDialog)
    profile, newsroom, editor, verdicts, export = dialog.sections
    profile.name.setText("Aliya Nurlanovna")
    profile.initials.setText("AN")
    newsroom.name.setText("Steppe Herald")
    newsroom.url.setText("https://news.example.org")
    editor.font_size.setValue(15)
    editor.autosave.setValue(5)
    verdicts.table.setRowCount(0)
    verdicts.add_row("Correct", 5)
    verdicts.add_row("Wrong", 1)
    verdicts.add_row("Unproven", None)
    export.site_title.setText("Steppe Herald")
    assert dialog.apply()
    text = (config / "settings.toml").read_text(encoding="utf-8")
    assert "# the desk's settings" in text and "# kept as written" in text
    data = tomllib.loads(text)
    assert data["profile"] == {"name": "Aliya Nurlanovna", "initials": "AN"}
    assert data["newsroom"] == {"name": "Steppe Herald", "url": "https://news.example.org"}
    assert data["export"]["title"] == "Steppe Herald"
    assert data["desk"] == {"comments_hold_ready": False}
    # The fact-check settings the CLI loads, and the open library, use the new scale.
    assert FactCheckSettings.load(config).scale.labels == ("Correct", "Wrong", "Unproven")
    assert library_of(window).factcheck.scale.labels == ("Correct", "Wrong", "Unproven")
    assert window.editor.font().pointSize() == 15
    assert window.settings.autosave_ms == 5000


def test_a_bad_value_is_shown_and_nothing_is_written(qtbot, make_window) -> None:
    window = make_window()
    dialog = window.show_preferences()
    newsroom, verdicts = dialog.sections[1], dialog.sections[3]
    newsroom.url.setText("news.example.org")
    verdicts.add_row("", 3)
    assert not dialog.apply()
    assert dialog.isVisible() and "http" in dialog.error.text()
    assert not (window.ctx.paths.config_dir / "settings.toml").exists()
    newsroom.url.setText("")
    assert not dialog.apply()
    assert "needs a label" in dialog.error.text() and dialog.stack.currentWidget() is verdicts


def test_a_feature_adds_its_own_section(qtbot, make_window) -> None:
    window = make_window()

    class Writing(PreferencesSection):
        title = "Writing"

        def changes(self):  # type: ignore[no-untyped-def]
            return {"writing": {"dictionaries": ["en_GB", "ru_RU"]}}

    window.factcheck.host.add_preferences_section(Writing)
    dialog = window.show_preferences()
    assert [s.title for s in dialog.sections][-1] == "Writing"
    assert dialog.apply()
    data = tomllib.loads((window.ctx.paths.config_dir / "settings.toml").read_text(encoding="utf-8"))
    assert data["writing"]["dictionaries"] == ["en_GB", "ru_RU"]


def test_the_user_guide_is_shown_from_the_help_menu(qtbot, make_window) -> None:
    window = make_window()
    dialog = window.show_guide()
    text = dialog.browser.toPlainText()
    assert "Curator User Guide" in text and "Ctrl+Shift+M" in text and "tag:diplomacy" in text
    assert window.actions["guide"].shortcut().toString() == "F1"
