"""Text helpers: search folding, tokenising, word counts and slugs, Cyrillic and Kazakh included."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

# Tokens are runs of letters and digits; underscores and punctuation separate them. The same rule serves
# SQLite FTS5 and PostgreSQL so that both backends see identical tokens.
TOKEN_RE = re.compile(r"[^\W_]+")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

# Letters that text-unidecode leaves out or renders poorly, so slugs keep a readable trace of them.
_SLUG_REPLACEMENTS = [
    ["ә", "a"],
    ["Ә", "A"],
    ["ғ", "g"],
    ["Ғ", "G"],
    ["қ", "q"],
    ["Қ", "Q"],
    ["ң", "n"],
    ["Ң", "N"],
    ["ө", "o"],
    ["Ө", "O"],
    ["ұ", "u"],
    ["Ұ", "U"],
    ["ү", "u"],
    ["Ү", "U"],
    ["һ", "h"],
    ["Һ", "H"],
    ["і", "i"],
    ["І", "I"],
]
SLUG_MAX_LENGTH = 80

_BREVE = "\u0306"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    marks = decomposed[1:]
    if not marks:
        return ch
    # й is a letter of its own in Russian and Kazakh, not и with an accent: keep it.
    if base in "иИ" and marks == _BREVE:
        return ch
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form of ``text`` for searching (café → cafe, Ёлка → елка)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    # One translate over the text, with a table of just the characters it uses, instead of a call per character.
    table = {ord(ch): _fold_char(ch) for ch in set(text) if not ch.isascii()}
    return text.translate(table)


def tokens(text: str) -> list[str]:
    """The folded search tokens of ``text``."""
    return TOKEN_RE.findall(fold(text))


def index_text(text: str) -> str:
    """``text`` folded and reduced to space-separated tokens, the form stored in the search index."""
    return " ".join(tokens(text))


def word_count(text: str) -> int:
    """Words as a reader counts them: hyphenated and apostrophised words count once."""
    return len(_WORD_RE.findall(text))


def slugify(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A readable ASCII slug; Cyrillic and Kazakh are transliterated. Never empty."""
    slug = _slugify(text, max_length=max_length, word_boundary=True, replacements=_SLUG_REPLACEMENTS)
    return slug or "story"


def tag_key(name: str) -> str:
    """The case-insensitive identity of a tag name ("Central  Asia" is "central asia")."""
    return " ".join(name.split()).casefold()


def sort_key(text: str) -> str:
    """Key for ordering headlines alphabetically regardless of case and accents."""
    return fold(text).strip()[:200]


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` safe to print on one line of a report: control characters (a newline in a file name, a carriage
    return, bidirectional overrides) shown as escapes, so a name can never forge or reorder lines of output."""
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
