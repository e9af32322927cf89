"""Which language a word or a run of words is in: the story's language first, then the script.

A story from Almaty mixes Russian, Kazakh and English in one paragraph, so the language is decided per run of
words in one script, never per story: Latin letters are English (or the story's language when it is written in
Latin letters); Cyrillic is Kazakh when the run has a letter only Kazakh uses (ә ғ қ ң ө ұ ү һ і) or more of its
words are known only to the Kazakh dictionary, and Russian otherwise.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
LATIN, CYRILLIC, OTHER = "latin", "cyrillic", "other"
# The script each language with a dictionary is written in; languages not listed are taken as Latin.
SCRIPTS = {"ru": CYRILLIC, "kk": CYRILLIC, "uk": CYRILLIC, "be": CYRILLIC, "bg": CYRILLIC, "sr": CYRILLIC,
           "ky": CYRILLIC, "tg": CYRILLIC, "mn": CYRILLIC, "tt": CYRILLIC}
# Which dictionary a script's words go to when the story's language does not say.
DEFAULT_FOR_SCRIPT = {LATIN: "en", CYRILLIC: "ru"}


def base_language(tag: str) -> str:
    """``en`` for ``en``, ``en-GB``, ``en_US``."""
    return tag.replace("-", "_").split("_")[0].lower()


def script_of_language(lang: str) -> str:
    return SCRIPTS.get(base_language(lang), LATIN)


def script(word: str) -> str:
    for ch in word:
        code = ord(ch)
        if code < 0x250 or 0x1E00 <= code < 0x1F00:
            if ch.isalpha():
                return LATIN
            continue
        if 0x400 <= code < 0x530:
            return CYRILLIC
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                return LATIN
            if name.startswith("CYRILLIC"):
                return CYRILLIC
            return OTHER
    return OTHER


def mixed_scripts(word: str) -> bool:
    """Latin and Cyrillic letters in one word: "билікten", often a keyboard layout switched mid-word."""
    scripts = {script(ch) for ch in word if ch.isalpha()}
    return LATIN in scripts and CYRILLIC in scripts


def has_kazakh_letters(word: str) -> bool:
    return not KAZAKH_LETTERS.isdisjoint(word)


def candidates(word_script: str, story_language: str, available: Sequence[str]) -> list[str]:
    """The languages whose dictionaries may know a word in ``word_script``, most likely first."""
    story = base_language(story_language)
    langs = [story] if story in available and script_of_language(story) == word_script else []
    default = DEFAULT_FOR_SCRIPT.get(word_script)
    if default and default in available and default not in langs:
        langs.append(default)
    langs += [lang for lang in available if script_of_language(lang) == word_script and lang not in langs]
    return langs


def run_language(
    words: Sequence[str], word_script: str, story_language: str, available: Sequence[str],
    knows: Callable[[str, str], bool],
) -> str | None:
    """The language of a run of words in one script: the dictionary that knows most of them, Kazakh letters
    counting for Kazakh; ties go to the story's language, then to the script's usual language."""
    langs = candidates(word_script, story_language, available)
    if not langs:
        return None
    if len(langs) == 1:
        return langs[0]
    score = dict.fromkeys(langs, 0)
    for word in words:
        if "kk" in score and has_kazakh_letters(word):
            score["kk"] += 2
            continue
        known = [lang for lang in langs if knows(lang, word)]
        if len(known) == 1:
            score[known[0]] += 1
    best = max(score.values())
    return next(lang for lang in langs if score[lang] == best)
