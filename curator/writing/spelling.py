"""Spell checking of Markdown text in several languages at once, one line (editor block) at a time.

Each run of words in one script gets its language (:mod:`curator.writing.languages`); a word is right when the
user's word lists accept it or any dictionary of its script knows it, and a word no dictionary knows is reported
with the language of its run, so suggestions come from the dictionary that fits the text around it. Dictionary
answers are cached per word, so checking an edited paragraph again costs a few dictionary lookups at most.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from curator.writing import kazakh, markup, rank
from curator.writing.dictionaries import Dictionaries
from curator.writing.languages import (
    CYRILLIC,
    OTHER,
    base_language,
    candidates,
    has_kazakh_letters,
    run_language,
    script,
)

_STRESS = "\u0301"  # a stress mark written over a Russian vowel (за́мок) is not part of the spelling
_POSSESSIVES = ("'s", "’s", "'", "’")
_SENTENCE_END = re.compile(r"[.!?…;:]")


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int  # offsets into the text checked
    end: int
    word: str
    lang: str  # the dictionary whose suggestions fit: the language of the word's run


def _normal(word: str) -> str:
    return word.replace(_STRESS, "").replace("’", "'")


def _name_words(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        out.update(w.text for w in markup.words(name, skip_all_caps=False))
    return out


class Accepted:
    """Words taken as right whatever the dictionaries say: the user's, the desk's, the story's and its names.

    A word listed in lower case is accepted in any capitalisation (as Hunspell does); one listed with capitals only
    as listed or in all capitals. Names detected in the story also accept their possessive (Tokayev's) and, in
    Cyrillic, their case endings (Пескова, Пескову).
    """

    def __init__(self, words: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        self.words = {_normal(w.strip()) for w in words if w.strip()}
        self._lower = {w.lower() for w in self.words if w == w.lower()}
        self._upper = {w.upper() for w in self.words}
        self.names = {_normal(w) for w in _name_words(names)}
        self._stems = {n[:-1].lower() for n in self.names if len(n) >= 5 and script(n) == CYRILLIC}

        # Equal for equal word lists: what cached checks of a line are filed under.
        self.key = hash((frozenset(self.words), frozenset(self.names)))

    def knows(self, word: str) -> bool:
        w = _normal(word)
        if w in self.words or w.lower() in self._lower or (w.isupper() and w in self._upper):
            return True
        if w in self.names:
            return True
        for ending in _POSSESSIVES:
            if w.endswith(ending) and w[: -len(ending)] in self.names:
                return True
        if self._stems and len(w) >= 4:
            lw = w.lower()
            return any(lw.startswith(stem) and len(lw) - len(stem) <= 3 for stem in self._stems)
        return False


def supplement(lang: str) -> frozenset[str]:
    """Words Curator adds to a language's dictionary (curator/writing/data/LANG.txt), lower-cased."""
    try:
        text = resources.files("curator.writing").joinpath(f"data/{lang}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class SpellChecker:
    """Checks lines and texts against the dictionaries; thread-safe, with dictionary answers cached."""

    def __init__(self, dictionaries: Dictionaries, *, skip_all_caps: bool = True) -> None:
        self.dictionaries = dictionaries
        self.skip_all_caps = skip_all_caps
        self.available = dictionaries.languages
        self._known: dict[tuple[str, str], bool] = {}
        self._suggested: dict[tuple[str, str], tuple[str, ...]] = {}
        self._lines: dict[tuple[str, str, int], tuple[Misspelling, ...]] = {}
        self._lock = threading.Lock()
        # The Kazakh dictionary knows stems far better than inflected forms: see curator.writing.kazakh.
        loan = (lambda stem: self.dictionaries.check("ru", stem)) if "ru" in self.available else None
        self.supplement = {lang: supplement(lang) for lang in ("kk",)}
        kk_extra = self.supplement["kk"]
        self._kazakh = kazakh.make_acceptor(
            lambda stem: stem in kk_extra or self.dictionaries.check("kk", stem), loan
        )

    def knows(self, lang: str, word: str) -> bool:
        """Whether ``lang``'s dictionary knows ``word`` (or, for a hyphenated word, each of its parts)."""
        key = (lang, word)
        known = self._known.get(key)
        if known is None:
            w = _normal(word)
            known = self.dictionaries.check(lang, w) or w.lower() in self.supplement.get(lang, ())
            if not known and "-" in w:
                known = all(self.knows(lang, part) for part in w.split("-") if part)
            if not known and lang == "kk" and "-" not in w:
                known = self._kazakh(w)
            with self._lock:
                self._known[key] = known
        return known

    def _known_anywhere(self, word: str, langs: Sequence[str]) -> bool:
        return any(self.knows(lang, word) for lang in langs)

    def check_line(
        self, line: str, story_language: str, accepted: Accepted | None = None, *, fenced: bool = False
    ) -> list[Misspelling]:
        """The misspelt words of one line of a Markdown body (none inside a fenced code block)."""
        if fenced or not line.strip():
            return []
        accepted = accepted or Accepted()
        key = (line, story_language, accepted.key)
        cached = self._lines.get(key)
        if cached is None:
            cached = self._check_line(line, story_language, accepted)
            with self._lock:
                if len(self._lines) > 20_000:
                    self._lines.clear()
                self._lines[key] = cached
        return list(cached)

    def _check_line(self, line: str, story_language: str, accepted: Accepted) -> tuple[Misspelling, ...]:
        words = list(markup.words(line, skip_all_caps=self.skip_all_caps))
        out: list[Misspelling] = []
        run: list[markup.Word] = []
        run_script = OTHER

        def flush() -> None:
            if not run or run_script == OTHER:
                return
            langs = candidates(run_script, story_language, self.available)
            if not langs:
                return
            texts = [w.text for w in run]
            lang = run_language(texts, run_script, story_language, self.available, self.knows)
            for w in run:
                if accepted.knows(w.text) or self._known_anywhere(w.text, langs):
                    continue
                wlang = "kk" if "kk" in langs and has_kazakh_letters(w.text) else (lang or langs[0])
                out.append(Misspelling(w.start, w.end, w.text, wlang))

        previous_end = 0
        for w in words:
            s = script(w.text)
            # A run ends where the script changes or a sentence ends: "Министр заявил. Ол келісті деді."
            if s != run_script or _SENTENCE_END.search(line, previous_end, w.start):
                flush()
                run, run_script = [], s
            run.append(w)
            previous_end = w.end
        flush()
        return tuple(out)

    def check_text(self, text: str, story_language: str, accepted: Accepted | None = None) -> list[Misspelling]:
        """The misspelt words of a whole Markdown text, with offsets into ``text``."""
        out: list[Misspelling] = []
        for offset, line, fenced in markup.lines(text):
            for m in self.check_line(line, story_language, accepted, fenced=fenced):
                out.append(Misspelling(m.start + offset, m.end + offset, m.word, m.lang))
        return out

    def suggestions(self, word: str, lang: str, limit: int = 6) -> tuple[str, ...]:
        """What ``lang``'s dictionary offers instead of ``word``, best first (slow: tens of milliseconds)."""
        key = (lang, word)
        found = self._suggested.get(key)
        if found is None:
            w = _normal(word)
            try:
                hunspell = [s for s in self.dictionaries.suggest(lang, w) if s != w]
            except Exception:  # a dictionary that cannot suggest still lets the check go on
                hunspell = []
            found = rank.rank(w, hunspell, base_language(lang), lambda cand: self.knows(lang, cand), limit=12)
            if "’" in word:
                found = tuple(s.replace("'", "’") for s in found)
            with self._lock:
                self._suggested[key] = found
        return found[:limit]

    def known_suggestions(self, word: str, lang: str, limit: int = 6) -> tuple[str, ...]:
        """The suggestions for ``word`` if they were worked out already, else none (never slow)."""
        return self._suggested.get((lang, word), ())[:limit]

    def language_name(self, lang: str) -> str:
        return {"en": "English", "ru": "Russian", "kk": "Kazakh"}.get(base_language(lang), lang)
