"""Curator: an offline newsroom tool for drafting, checking and publishing news stories."""

__version__ = "0.1.0"
