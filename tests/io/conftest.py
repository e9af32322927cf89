"""Helpers for the import/export tests: the project's own fixtures and a way to look inside exported HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
