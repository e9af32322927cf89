"""The interface in the user's language: Curator's catalogues (English plurals, Russian, Kazakh) and Qt's own.

The language is the one chosen in Preferences, else the system's (``LANG``/the locale); dates and numbers follow
it through ``QLocale``. Catalogues are compiled with ``pyside6-lrelease`` from ``translations/*.ts`` (see
``translations/fill.py``) and shipped in the package under ``curator/resources/i18n``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUES = Path(__file__).resolve().parents[1] / "resources" / "i18n"
LANGUAGES = ("en", "ru", "kk")


def chosen_language(choice: str = "") -> str:
    """``choice`` if Curator speaks it, else the system's language if it does, else English."""
    if choice in LANGUAGES:
        return choice
    system = QLocale.system().name().split("_", 1)[0]
    return system if system in LANGUAGES else "en"


def install_translations(app: QCoreApplication, choice: str = "") -> str:
    """Load the catalogues for the chosen language into ``app``; returns the language used."""
    language = chosen_language(choice)
    QLocale.setDefault(QLocale(language if language != "en" else QLocale.system().name()))
    translators = []
    ours = QTranslator(app)
    if ours.load(str(CATALOGUES / f"curator_{language}.qm")):
        translators.append(ours)
    else:
        log.warning("no interface catalogue for %s in %s", language, CATALOGUES)
    qt = QTranslator(app)
    if language != "en" and qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)  # Qt's own dialogs and standard buttons
    for translator in translators:
        app.installTranslator(translator)
    app._curator_translators = translators  # type: ignore[attr-defined]  # kept alive with the application
    return language
