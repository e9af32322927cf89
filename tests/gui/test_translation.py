"""The interface in Russian and Kazakh: catalogues shipped in the package, the menus, fields and dialogs translated
(no English literal left in them), plurals and numbers as the language writes them, and the Russian window laid
out without clipping on a 1366×768 laptop."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from curator.gui.app import AppContext
from curator.gui.dialogs.preferences import PreferencesDialog
from curator.gui.dialogs.transfer import ExportChoices, ExportDialog
from curator.gui.i18n import CATALOGUES, install_translations
from curator.gui.main_window import MainWindow
from tests.gui.test_layout import COMBINATIONS, lay_out, too_narrow

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Words that stay as they are in every language.
KEPT = {
    "Curator",
    "Markdown",
    "HTML",
    "YAML",
    "Hugo",
    "Jekyll",
    "Pelican",
    "http",
    "https",
    "tag",
    "diplomacy",
    "after",
    "example",
    "org",
    "news",
    "settings",
    "toml",
    "Ctrl",
    "Shift",
}


@pytest.fixture
def language(request) -> Iterator[str]:
    app = QApplication.instance()
    install_translations(app, request.param)
    yield request.param
    for translator in getattr(app, "_curator_translators", []):
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def english_left(texts: list[str]) -> list[str]:
    left = []
    for text in texts:
        words = [w for w in LATIN_WORD.findall(text.replace("&", "")) if w not in KEPT]
        if words:
            left.append(text)
    return left


def test_catalogues_are_in_the_package() -> None:
    assert {p.name for p in CATALOGUES.glob("*.qm")} >= {"curator_ru.qm", "curator_kk.qm", "curator_en.qm"}


@pytest.mark.parametrize("language", ["ru", "kk"], indirect=True)
def test_no_english_is_left_in_menus_fields_and_dialogs(qtbot, app_paths, language: str, tmp_path) -> None:
    window = MainWindow(AppContext.create(app_paths, "sqlite:///unused.sqlite"))
    qtbot.addWidget(window, before_close_func=lambda w: w.force_close())
    texts = []
    for menu_action in window.menuBar().actions():
        texts.append(menu_action.text())
        for action in menu_action.menu().actions():
            if (
                not action.isSeparator()
                and action.objectName().startswith("action_")
                and "status_" not in action.objectName()
            ):
                texts += [action.text(), action.toolTip()]
    texts += [lab.text() for lab in window.fields.findChildren(QLabel)]
    prefs = PreferencesDialog(tmp_path, window.settings, window)
    export = ExportDialog(2, ExportChoices(), window)
    for dialog in (prefs, export):
        texts.append(dialog.windowTitle())
        texts += [w.text() for w in dialog.findChildren(QLabel) if w.text() and "/" not in w.text()]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.text()]
        texts += [w.placeholderText() for w in dialog.findChildren(QLineEdit) if w.placeholderText()]
    assert english_left([t for t in texts if t]) == []
    assert window.menus["File"].title() == {"ru": "&Файл", "kk": "&Файл"}[language]


@pytest.mark.parametrize("language", ["ru"], indirect=True)
def test_plurals_and_numbers_follow_the_language(qtbot, language: str) -> None:
    tr = QCoreApplication.translate
    assert tr("SearchStatus", "%Ln stories", "", 1) == "1 материал"
    assert tr("SearchStatus", "%Ln stories", "", 3) == "3 материала"
    assert tr("SearchStatus", "%Ln stories", "", 12345).replace("\u00a0", " ") == "12 345 материалов"


@pytest.mark.parametrize("language", ["ru"], indirect=True)
def test_the_russian_window_fits_a_laptop_without_clipping(qtbot, app_paths, language: str) -> None:
    window = MainWindow(AppContext.create(app_paths, "sqlite:///unused.sqlite"))
    qtbot.addWidget(window, before_close_func=lambda w: w.force_close())
    window.show()
    failures = []
    for combination in COMBINATIONS:
        lay_out(window, (1366, 768), combination)
        if window.width() > 1366 or window.height() > 768:
            failures.append(f"{combination}: the window needs {window.width()}x{window.height()}")
        failures += [f"{combination}: {p}" for p in too_narrow(window)]
    assert not failures, "\n".join(failures[:30])


def test_english_plurals_are_right_without_a_language_chosen(qtbot) -> None:
    app = QApplication.instance()
    install_translations(app, "en")
    try:
        assert QCoreApplication.translate("SearchStatus", "%Ln stories", "", 1) == "1 story"
        assert QCoreApplication.translate("SearchStatus", "%Ln stories match", "", 2) == "2 stories match"
    finally:
        for translator in getattr(app, "_curator_translators", []):
            app.removeTranslator(translator)
