"""The base of every error Curator reports to a user: one clear sentence, no traceback."""


class CuratorError(Exception):
    """An error whose message is written for the user (it names the file, field or story concerned)."""
