"""The words of a Markdown line worth checking: markup, code, URLs, e-mail addresses and numbers left out.

The editor checks one block (line) at a time, so everything here works line by line; the only state carried from
one line to the next is whether the line sits inside a fenced code block. Offsets are into the line as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# A fence opens or closes a code block: ``` or ~~~ after at most three spaces.
_FENCE_RE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
# Things inside a line that are not prose; each is blanked out (same length) before words are read.
_SKIP_RES = (
    re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)"),  # code spans
    re.compile(r"<!--.*?(?:-->|$)"),  # HTML comments
    re.compile(r"<[A-Za-z/!][^<>]{0,500}>"),  # HTML tags and autolinks
    re.compile(r"\]\((?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)"),  # link targets
    re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s*\S+.*$"),  # reference definitions [id]: url "title"
    re.compile(r"\[\^[^\]]{1,100}\]"),  # footnote marks
    re.compile(r"\b(?:[a-z][a-z0-9+.-]{1,15}://|www\.|mailto:)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"»”]", re.I),  # URLs
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"(?<![\w.])(?:[\w-]+\.)+(?:com|org|net|kz|ru|uk|io|info|gov|edu|de|fr|ua|by|uz|kg)\b(?:/\S*)?", re.I),
    re.compile(r"\{[#.][^}]*\}"),  # attribute lists {#id .class}
    re.compile(r"\b\w*_\w+(?:\(\))?|\b\w+\(\)"),  # identifiers: snake_case, call()
)
# A word: letters, with inner apostrophes or hyphens (don't, well-known, кто-то, Әл-Фараби).
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f]|['’][^\W\d_]|-(?=[^\W\d_]))*")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


def is_fence(line: str) -> bool:
    return bool(_FENCE_RE.match(line))


@lru_cache(maxsize=8192)
def masked(line: str) -> str:
    """``line`` with everything that is not prose blanked out by spaces (offsets unchanged)."""
    for pattern in _SKIP_RES:
        if pattern.search(line):
            line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def _next_to_digit(line: str, start: int, end: int) -> bool:
    """A word glued to a number (5th, 1990-шы, COVID-19, 3D) is a number, not a word."""
    before = line[start - 1] if start else ""
    if before == "-" and start >= 2:
        before = line[start - 2]
    after = line[end] if end < len(line) else ""
    if after == "-" and end + 1 < len(line):
        after = line[end + 1]
    return before.isdigit() or after.isdigit()


def _looks_like_code(word: str) -> bool:
    """camelCase, snake_case and the like are code or brand names, not misspellings."""
    return any(c.isupper() for c in word[1:]) and not word.isupper() and "-" not in word


def words(line: str, *, skip_all_caps: bool = True) -> Iterator[Word]:
    """The words of one line of prose (not inside a fence), in order."""
    text = masked(line)
    for m in _WORD_RE.finditer(text):
        start, end = m.span()
        word = m.group(0)
        if _next_to_digit(text, start, end):
            continue
        if skip_all_caps and len(word) > 1 and word.replace("-", "").isupper():
            continue  # acronyms: NATO, ЕАЭС, ҚР
        if _looks_like_code(word):
            continue
        # Apostrophes closing a quotation ('the deal') belong to the quote, not the word.
        yield Word(start, end, word)


def plain_words(text: str) -> list[str]:
    """The words of text already masked, with no further filtering: for counting (readability)."""
    return _WORD_RE.findall(text)


def lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, line, inside a fence) for every line of a Markdown text; fence lines count as inside."""
    offset = 0
    fenced = False
    for line in text.split("\n"):
        fence = is_fence(line)
        yield offset, line, fenced or fence
        if fence:
            fenced = not fenced
        offset += len(line) + 1
