"""Dialogs: conflicts, revision history, recovery, import and export."""
