"""Readability of a story and of each paragraph: sentence length, long words, and Flesch reading ease where a
formula exists for the language (English: Flesch 1948; Russian: Oborneva's adaptation, 206.835 − 1.3·ASL −
60.1·ASW). Kazakh has no established Flesch formula, so Kazakh text is judged by sentence length and long words.

Syllables: Russian and Kazakh count one per vowel letter (exact for Russian); English counts pyphen's hyphenation
points (the LibreOffice patterns it ships), which is what textstat does — textstat itself is not used because its
current releases download a pronunciation corpus at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from curator.writing import markup
from curator.writing.findings import Readability
from curator.writing.languages import CYRILLIC, LATIN, base_language, has_kazakh_letters, script

_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяәөұүіАЕЁИОУЫЭЮЯӘӨҰҮІ")
_LATIN_VOWELS = frozenset("aeiouyAEIOUY")
_SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"”»’)]*|$)")
FLESCH = {"en": (206.835, 1.015, 84.6), "ru": (206.835, 1.3, 60.1)}
LONG_WORD = 7


@lru_cache(maxsize=1)
def _pyphen_en():  # type: ignore[no-untyped-def]
    try:
        import pyphen
    except ImportError:
        return None
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=20_000)
def syllables(word: str) -> int:
    if script(word) == CYRILLIC:
        return max(1, sum(c in _CYRILLIC_VOWELS for c in word))
    hyphenator = _pyphen_en()
    if hyphenator is not None:
        return len(hyphenator.positions(word.lower())) + 1
    groups = re.findall(r"[aeiouy]+", word.lower())
    return max(1, len(groups) - (word.lower().endswith("e") and len(groups) > 1))


def text_language(words: list[str], story_language: str) -> str:
    """The language most of ``words`` are in: English for Latin letters, Kazakh or Russian for Cyrillic."""
    latin = sum(script(w) == LATIN for w in words)
    cyrillic = sum(script(w) == CYRILLIC for w in words)
    if not latin and not cyrillic:
        return base_language(story_language)
    if latin > cyrillic:
        story = base_language(story_language)
        return story if story not in ("ru", "kk") else "en"
    kazakh = sum(has_kazakh_letters(w) for w in words)
    if kazakh * 8 >= cyrillic or (kazakh and base_language(story_language) == "kk"):
        return "kk"
    return "ru"


def sentences(text: str, offset: int = 0) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, words) of each sentence of plain (masked) text."""
    for m in _SENTENCE_RE.finditer(text):
        words = markup.plain_words(m.group(0))
        if words:
            yield offset + m.start(), offset + m.end(), words


def measure(text: str, story_language: str, start: int = 0, end: int | None = None) -> Readability:
    """The readability of a plain or Markdown text (markup is masked first)."""
    plain = "\n".join(markup.masked(line) for line in text.split("\n"))
    sents = [s for s in sentences(plain.replace("\n", " "))]
    words = [w for _s, _e, ws in sents for w in ws]
    lang = text_language(words, story_language)
    n_words, n_sents = len(words), len(sents)
    wps = n_words / n_sents if n_sents else 0.0
    long_share = sum(len(w) >= LONG_WORD for w in words) / n_words if n_words else 0.0
    flesch = None
    if lang in FLESCH and n_words:
        base, a, b = FLESCH[lang]
        spw = sum(syllables(w) for w in words) / n_words
        flesch = round(base - a * wps - b * spw, 1)
    return Readability(n_words, n_sents, wps, long_share, flesch, lang, start, len(text) if end is None else end)


def paragraphs(body: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each prose paragraph: blank-line separated, headings, code and tables left out."""
    start = None
    chunk: list[str] = []
    pos = 0
    for offset, line, fenced in markup.lines(body):
        prose = not fenced and line.strip() and not line.lstrip().startswith(("#", "|", "<", "    ", "\t"))
        if prose:
            if start is None:
                start = offset
            chunk.append(line)
            pos = offset + len(line)
        elif start is not None:
            yield start, pos, "\n".join(chunk)
            start, chunk = None, []
    if start is not None:
        yield start, pos, "\n".join(chunk)
