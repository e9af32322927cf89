"""Fault tests of the app: the GUI tests' set-up (offscreen Qt, windows on real libraries in tmp_path)."""

from tests.gui.conftest import app_paths, library_url, make_window, pytest_collection_modifyitems  # noqa: F401
