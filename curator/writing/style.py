"""House style checks: required fields and their lengths, banned and discouraged words, quotes per language,
numbers and dates, repeated words and double spaces, and readability findings. Each finding says what to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from curator.writing import markup, readability
from curator.writing.findings import Category, Finding
from curator.writing.languages import LATIN, script
from curator.writing.settings import WritingSettings

NUMBER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
                "8": "eight", "9": "nine"}
# Words after which English style keeps figures: percentages, ages, measures, times, money.
_FIGURE_CONTEXT = frozenset(
    "percent per cent am pm a.m p.m km kg m cm mm mph kph mb gb tb years year year-old years-old million billion "
    "trillion seconds minutes hours points degrees x".split()
)
_REPEAT_OK = frozenset({"had", "that", "is", "бы", "что", "ли", "мен"})
_REPEAT_RE = re.compile(r"(?<![\w-])([^\W\d_]+)\s+(\1)(?![\w-])", re.I)
_DOUBLE_SPACE_RE = re.compile(r"(?<=\S)( {2,})(?=\S)")
_NUMERIC_DATE_RE = re.compile(r"(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./]\d)")
_ISO_DATE_RE = re.compile(r"(?<![\d./-])\d{4}-\d{2}-\d{2}(?![\d-])")
_SMALL_NUMBER_RE = re.compile(r"(?<![\w$€£¥₸₽№#.,/:-])([1-9])(?![\w%.,:/-])(?=\s+([^\s]+))")
_SENTENCE_START_NUMBER_RE = re.compile(r"(?:^|[.!?]\s+)(\d[\d,]*)\s+[a-z]")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


class StoryText(Protocol):
    """The fields of a story the checks read (a StoryFields or Story does)."""

    headline: str
    dek: str
    body: str
    byline: str
    photo: str
    photo_credit: str
    photo_caption: str
    language: str


def _finding(category: Category, code: str, fld: str, start: int, end: int, text: str, message: str, advice: str,
             replacement: str | None = None, lang: str = "") -> Finding:
    return Finding(category, code, fld, start, end, text, message, advice, replacement, lang=lang)


def required_findings(story: StoryText, s: WritingSettings) -> Iterator[Finding]:
    headline = story.headline.strip()
    if not headline:
        yield _finding(Category.REQUIRED, "headline-missing", "headline", -1, -1, "", "The story has no headline",
                       "Write a headline")
    elif s.headline_max and len(headline) > s.headline_max:
        over = len(headline) - s.headline_max
        yield _finding(Category.REQUIRED, "headline-length", "headline", s.headline_max, len(story.headline),
                       headline, f"The headline is {len(headline)} characters long; the limit is {s.headline_max}",
                       f"Cut {over} character{'s' if over != 1 else ''}")
    if s.dek_max and len(story.dek.strip()) > s.dek_max:
        over = len(story.dek.strip()) - s.dek_max
        yield _finding(Category.REQUIRED, "dek-length", "dek", s.dek_max, len(story.dek), story.dek.strip(),
                       f"The dek is {len(story.dek.strip())} characters long; the limit is {s.dek_max}",
                       f"Cut {over} character{'s' if over != 1 else ''}")
    if s.require_byline and not story.byline.strip():
        yield _finding(Category.REQUIRED, "byline-missing", "byline", -1, -1, "", "The story has no byline",
                       "Add the author's name in Byline")
    if story.photo.strip():
        if s.require_photo_credit and not story.photo_credit.strip():
            yield _finding(Category.REQUIRED, "photo-credit-missing", "photo_credit", -1, -1, "",
                           "The photo has no credit", "Name the photographer or agency in Photo credit")
        if s.require_photo_caption and not story.photo_caption.strip():
            yield _finding(Category.REQUIRED, "photo-caption-missing", "photo_caption", -1, -1, "",
                           "The photo has no caption", "Say who or what the photo shows in Photo caption")


def _word_lists(s: WritingSettings) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str, bool]]]:
    """One pattern for every listed phrase (longest first), and what each phrase (lower case) stands for."""
    meaning: dict[str, tuple[str, str, bool]] = {}
    for banned, table in ((False, s.discouraged), (True, s.banned)):
        for lang, words in table.items():
            for phrase, preferred in words.items():
                meaning[" ".join(phrase.lower().split())] = (preferred, lang, banned)
    if not meaning:
        return None, meaning
    bodies = [r"\s+".join(re.escape(part) for part in p.split()) for p in sorted(meaning, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(bodies) + r")(?![\w-])", re.I), meaning


def _quote_language(line: str, pos: int, story_language: str) -> str:
    """English for a quotation whose first word is in Latin letters, else Russian/Kazakh style («…»)."""
    for w in markup.words(line[pos:pos + 80], skip_all_caps=False):
        return "en" if script(w.text) == LATIN else "ru"
    return "ru" if story_language in ("ru", "kk") else "en"


def _quote_findings(line: str, offset: int, story_language: str) -> Iterator[Finding]:
    for m in re.finditer(r'"|“|”|«|»|„', line):
        ch, pos = m.group(0), m.start()
        if ch == '"' and pos and line[pos - 1].isdigit():
            continue  # inches: 27"
        after_word = pos > 0 and (line[pos - 1].isalnum() or line[pos - 1] in ".,!?…")
        opening = ch in "“«„" or (ch == '"' and not after_word)
        lang = _quote_language(line, pos + 1, story_language) if opening else None
        if ch == '"':
            if opening:
                want = "“" if lang == "en" else "«"
            else:
                want = "”" if _quote_language_back(line, pos) == "en" else "»"
            yield _finding(Category.STYLE, "straight-quotes", "body", offset + pos, offset + pos + 1, ch,
                           "A straight quotation mark",
                           f"Use {'“…” in English' if want in '“”' else '«…» in Russian and Kazakh'}", want)
        elif ch in "«" and lang == "en":
            yield _finding(Category.STYLE, "quote-style", "body", offset + pos, offset + pos + 1, ch,
                           "Guillemets around English text", "Use “…” in English", "“")
        elif ch == "“" and lang == "ru" and "„" not in line[:pos]:
            yield _finding(Category.STYLE, "quote-style", "body", offset + pos, offset + pos + 1, ch,
                           "English quotation marks around Russian or Kazakh text", "Use «…» in Russian and Kazakh",
                           "«")


def _quote_language_back(line: str, pos: int) -> str:
    words = list(markup.words(line[max(0, pos - 80):pos], skip_all_caps=False))
    return "en" if words and script(words[-1].text) == LATIN else "ru"


def body_findings(story: StoryText, s: WritingSettings) -> Iterator[Finding]:
    listed, meaning = _word_lists(s)
    lang = story.language
    for offset, line, fenced in markup.lines(story.body):
        if fenced:
            continue
        text = markup.masked(line)
        for m in listed.finditer(text) if listed is not None else ():
            found = m.group(0)
            preferred, plang, banned = meaning[" ".join(found.lower().split())]
            # A preferred form that is advice ("тире или «это»", "(the number alone)") is no drop-in fix.
            advice_only = preferred.startswith("(") or any(x in preferred for x in (" или ", ",", "немесе", "«"))
            repl = None if advice_only else preferred
            if repl and found[:1].isupper():
                repl = repl[:1].upper() + repl[1:]
            yield Finding(
                Category.BANNED if banned else Category.STYLE, "banned-word" if banned else "discouraged-word",
                "body", offset + m.start(), offset + m.end(), found,
                f"“{found}” is {'not house style' if banned else 'discouraged'}", f"Write: {preferred}",
                repl, lang=plang)
        if s.quotes:
            yield from _quote_findings(text, offset, lang)
        if s.repeated_words:
            for m in _REPEAT_RE.finditer(text):
                if m.group(1).lower() in _REPEAT_OK:
                    continue
                yield _finding(Category.STYLE, "repeated-word", "body", offset + m.start(), offset + m.end(),
                               m.group(0), f"“{m.group(1)}” twice in a row", "Delete one of them", m.group(1))
        if s.double_spaces and not line.startswith((" ", "\t")):
            # On the line as written (masking leaves runs of spaces), between two characters masking kept.
            for m in _DOUBLE_SPACE_RE.finditer(line.rstrip()):
                if text[m.start() - 1] == " " or text[m.end()] == " ":
                    continue
                yield _finding(Category.STYLE, "double-space", "body", offset + m.start(1), offset + m.end(1),
                               m.group(1), "Two spaces between words", "Use one space", " ")
        if s.dates == "words":
            for m in _NUMERIC_DATE_RE.finditer(text):
                day, month = int(m.group(1)), int(m.group(3))
                if not (1 <= month <= 12 and 1 <= day <= 31) and not (1 <= day <= 12 and 1 <= month <= 31):
                    continue
                yield _finding(Category.STYLE, "numeric-date", "body", offset + m.start(), offset + m.end(),
                               m.group(0), "A date in figures only",
                               "Write the month in words (2 December 2026, 2 декабря 2026 года): readers in different "
                               "countries read 02.12 differently")
            for m in _ISO_DATE_RE.finditer(text):
                yield _finding(Category.STYLE, "numeric-date", "body", offset + m.start(), offset + m.end(),
                               m.group(0), "A date in figures only", "Write the month in words in running text")
        if s.numbers == "ap":
            for m in _SMALL_NUMBER_RE.finditer(text):
                after = m.group(2).strip(".,;:!?)»”").lower()
                if not after or script(after) != LATIN or after in _FIGURE_CONTEXT or after.capitalize() in _MONTHS_EN:
                    continue
                digit = m.group(1)
                yield _finding(Category.STYLE, "small-number", "body", offset + m.start(1), offset + m.end(1), digit,
                               f"The figure {digit} in English text", f"Spell out one to nine: “{NUMBER_WORDS[digit]}”",
                               NUMBER_WORDS[digit], lang="en")


def readability_findings(story: StoryText, s: WritingSettings) -> Iterator[Finding]:
    for start, end, para in readability.paragraphs(story.body):
        plain = "\n".join(markup.masked(x) for x in para.split("\n")).replace("\n", " ")
        if s.sentence_max_words:
            for ss, se, words in readability.sentences(plain, start):
                if len(words) > s.sentence_max_words:
                    text = story.body[ss:se].strip()
                    lead = len(story.body[ss:se]) - len(story.body[ss:se].lstrip())
                    yield _finding(Category.READABILITY, "long-sentence", "body", ss + lead, se, text,
                                   f"A sentence of {len(words)} words",
                                   f"Split it: readers follow sentences under {min(25, s.sentence_max_words)} words")
        r = readability.measure(para, story.language, start, end)
        if r.words < 30:
            continue
        if r.flesch is not None and r.flesch < 30:
            yield _finding(Category.READABILITY, "hard-paragraph", "body", start, end, "",
                           f"A hard paragraph (Flesch reading ease {r.flesch:.0f})",
                           "Shorter sentences and shorter words make it easier", lang=r.lang)
        elif r.flesch is None and (r.words_per_sentence > 25 or r.long_words > 0.45):
            yield _finding(Category.READABILITY, "hard-paragraph", "body", start, end, "",
                           f"A hard paragraph ({r.words_per_sentence:.0f} words a sentence, "
                           f"{r.long_words:.0%} long words)",
                           "Shorter sentences and shorter words make it easier", lang=r.lang)
