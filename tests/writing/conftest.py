"""One set of loaded dictionaries for the writing tests (loading them takes a fraction of a second each time)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from curator.writing.dictionaries import Dictionaries
from curator.writing.spelling import SpellChecker


@pytest.fixture(scope="session")
def dictionaries() -> Iterator[Dictionaries]:
    d = Dictionaries()
    yield d
    d.close()


@pytest.fixture(scope="session")
def checker(dictionaries: Dictionaries) -> SpellChecker:
    return SpellChecker(dictionaries)
