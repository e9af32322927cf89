"""Writing aids as a service: spell checking with the user's, the desk's and the story's word lists, house style
and readability reviews, and a status gate that holds stories back while blocking findings remain.

Word lists: "my dictionary" is a text file in the config folder (one word a line, the user's own); the desk
dictionary is a table in the library, so everyone working on it shares it; "ignore in this story" is kept per story
in the library. Names the fact-check detector finds in a story (sources, speakers) are accepted in that story.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.errors import NotFoundError, ValidationError, WriteConflictError
from curator.domain.stories import Story, StoryFields
from curator.factcheck.detect import analyse
from curator.services.convert import story_dto
from curator.writing.dictionaries import Dictionaries, DictionaryError, check_pair
from curator.writing.findings import Category, Review
from curator.writing.review import categories_summary, review
from curator.writing.settings import MY_DICTIONARY_FILENAME, WritingSettings
from curator.writing.settings import save as save_settings
from curator.writing.spelling import Accepted, SpellChecker

log = logging.getLogger(__name__)

MAX_WORD = 100


def clean_word(word: str) -> str:
    word = word.strip().strip(".,;:!?«»“”\"'()[]")
    if not word or any(c.isspace() for c in word):
        raise ValidationError("word", "must be one word, without spaces")
    if len(word) > MAX_WORD:
        raise ValidationError("word", f"is over {MAX_WORD} characters long")
    return word


def story_names(body: str) -> set[str]:
    """The names the fact-check detector finds in a story body (sources, speakers), as written and as listed."""
    analysis = analyse(body)
    mentions = [x for a in analysis.attributions for x in (a.source, a.speaker, a.via) if x is not None]
    mentions += [q.speaker for q in analysis.quotes if q.speaker is not None]
    names = {x.name for x in mentions}
    names.update(body[x.start : x.end] for x in mentions if 0 <= x.start < x.end <= len(body))
    return names


class WritingService:
    """Reviews stories; the dictionaries load on first use (a fraction of a second) and stay loaded."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        config_dir: Path | None = None,
        settings: WritingSettings | None = None,
        dictionaries: Dictionaries | None = None,
    ) -> None:
        self._sf = session_factory
        self._config_dir = config_dir
        self._settings = settings
        self._dictionaries = dictionaries
        self._checker: SpellChecker | None = None
        self._owns_dictionaries = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------ set-up

    @property
    def settings(self) -> WritingSettings:
        if self._settings is None:
            self._settings = WritingSettings.load(self._config_dir)
        return self._settings

    @property
    def checker(self) -> SpellChecker:
        with self._lock:
            if self._checker is None:
                if self._dictionaries is None:
                    self._dictionaries = Dictionaries(self.settings.dictionaries)
                    self._owns_dictionaries = True
                self._checker = SpellChecker(self._dictionaries, skip_all_caps=self.settings.skip_all_caps)
            return self._checker

    def save_settings(self, settings: WritingSettings) -> WritingSettings:
        """Store ``settings`` as the ``[writing]`` tables of settings.toml and use them from now on (extra
        dictionaries are checked first; a change to them loads the dictionaries again)."""
        if self._config_dir is None:
            raise CuratorError("there is no config folder to keep the settings in")
        for path in settings.dictionaries:
            check_pair(path)
        save_settings(settings, self._config_dir)
        with self._lock:
            old = self.settings
            if (settings.dictionaries, settings.skip_all_caps) != (old.dictionaries, old.skip_all_caps):
                # A new checker from now on; one still working in a thread keeps its own dictionaries.
                if self._owns_dictionaries:
                    self._dictionaries = None
                self._checker = None
            self._settings = WritingSettings.load(self._config_dir)
        return self._settings

    # ------------------------------------------------------------------------------------ my dictionary

    @property
    def my_dictionary_path(self) -> Path | None:
        return self._config_dir / MY_DICTIONARY_FILENAME if self._config_dir is not None else None

    def my_words(self) -> list[str]:
        path = self.my_dictionary_path
        if path is None:
            return []
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise CuratorError(f"cannot read your dictionary {path}: {exc}") from None
        return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]

    def add_my_word(self, word: str) -> str:
        word = clean_word(word)
        words = self.my_words()
        if word not in words:
            self._write_my_words([*words, word])
        return word

    def remove_my_word(self, word: str) -> None:
        words = self.my_words()
        if word in words:
            self._write_my_words([w for w in words if w != word])

    def _write_my_words(self, words: Sequence[str]) -> None:
        path = self.my_dictionary_path
        if path is None:
            raise CuratorError("there is no config folder to keep your dictionary in")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".dictionary-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("# Curator: my dictionary, one word a line\n")
                f.writelines(f"{w}\n" for w in sorted(set(words), key=str.casefold))
            os.replace(tmp, path)
        except OSError as exc:
            raise CuratorError(f"cannot write your dictionary {path}: {exc.strerror}") from None

    # ------------------------------------------------------------------------------------ desk dictionary

    def desk_words(self) -> list[str]:
        with read_session(self._sf) as s:
            return list(s.scalars(select(m.WritingDeskWord.word).order_by(m.WritingDeskWord.word)))

    def add_desk_word(self, word: str, *, added_by: str = "") -> str:
        word = clean_word(word)
        try:
            with write_session(self._sf) as s:
                if s.scalar(select(m.WritingDeskWord.id).where(m.WritingDeskWord.word == word)) is None:
                    s.add(m.WritingDeskWord(word=word, added_by=added_by.strip()))
        except WriteConflictError:
            pass  # someone on the desk added it at the same moment
        return word

    def remove_desk_word(self, word: str) -> None:
        with write_session(self._sf) as s:
            s.execute(delete(m.WritingDeskWord).where(m.WritingDeskWord.word == word))

    # ------------------------------------------------------------------------------------ ignored per story

    def ignored_words(self, story_id: int) -> list[str]:
        with read_session(self._sf) as s:
            return self._ignored(s, story_id)

    def ignore_in_story(self, story_id: int, word: str) -> str:
        word = clean_word(word)
        with write_session(self._sf) as s:
            if s.scalar(select(m.Story.id).where(m.Story.id == story_id)) is None:
                raise NotFoundError(f"there is no story #{story_id}")
            if s.get(m.WritingIgnoredWord, (story_id, word)) is None:
                s.add(m.WritingIgnoredWord(story_id=story_id, word=word))
        return word

    def unignore_in_story(self, story_id: int, word: str) -> None:
        with write_session(self._sf) as s:
            s.execute(
                delete(m.WritingIgnoredWord).where(
                    m.WritingIgnoredWord.story_id == story_id, m.WritingIgnoredWord.word == word
                )
            )

    # ------------------------------------------------------------------------------------ reviews

    def accepted(self, story_id: int | None, body: str) -> Accepted:
        """Every word list that applies to a story, with the names detected in ``body``."""
        with read_session(self._sf) as s:
            return self._accepted(s, story_id, body)

    def review(self, story_id: int, *, with_suggestions: bool = True) -> tuple[Story, Review]:
        """The story as stored and its review (blocking: whatever holds it back from any gated status)."""
        with read_session(self._sf) as s:
            row = s.get(m.Story, story_id)
            if row is None:
                raise NotFoundError(f"there is no story #{story_id}")
            story = story_dto(s, row)
            accepted = self._accepted(s, story_id, story.body)
        return story, review(story, self.settings, self.checker, accepted, with_suggestions=with_suggestions)

    def review_fields(
        self, fields: StoryFields, story_id: int | None = None, *, with_suggestions: bool = False,
        accepted: Accepted | None = None,
    ) -> Review:
        """A review of unsaved fields (the editor's), with the story's word lists when it has an id."""
        if accepted is None:
            accepted = self.accepted(story_id, fields.body)
        return review(fields, self.settings, self.checker, accepted, with_suggestions=with_suggestions)

    # ------------------------------------------------------------------------------------ the gate

    def status_blockers(self, session: Session, story_id: int, status: Status) -> list[str]:
        """StatusGate: the findings that hold the story back from ``status`` ("2 misspellings")."""
        cats = self.settings.blocking(status.value)
        if not cats:
            return []
        # The story service may have written the row with a statement: read it afresh, not from the session's map.
        row = session.execute(
            select(m.Story).where(m.Story.id == story_id).execution_options(populate_existing=True)
        ).scalar_one_or_none()
        if row is None:
            return []
        story = story_dto(session, row)
        accepted = self._accepted(session, story_id, story.body)
        checker = None
        if Category.SPELLING.value in cats:
            try:
                checker = self.checker
            except DictionaryError as exc:
                # No dictionaries on this machine: the other checks still hold, spelling is left to `curator spell`.
                log.warning("status gate without spell checking: %s", exc)
        result = review(story, self.settings, checker, accepted, with_suggestions=False, blocking=cats)
        return categories_summary(result.blocking)

    # ------------------------------------------------------------------------------------ internals

    def _ignored(self, s: Session, story_id: int) -> list[str]:
        return list(
            s.scalars(
                select(m.WritingIgnoredWord.word)
                .where(m.WritingIgnoredWord.story_id == story_id)
                .order_by(m.WritingIgnoredWord.word)
            )
        )

    def _accepted(self, s: Session, story_id: int | None, body: str) -> Accepted:
        words: list[str] = list(self.my_words())
        words += s.scalars(select(m.WritingDeskWord.word))
        names: set[str] = set()
        if story_id is not None:
            words += self._ignored(s, story_id)
            # The fact check's sources of the story as stored (worked out on every save): no second detection
            # pass over a long story while someone types. The detector runs here only for a story it has not read.
            names.update(s.scalars(select(m.FactCheckSource.name).where(m.FactCheckSource.story_id == story_id)))
            analysed = s.scalar(select(m.FactCheckState.story_id).where(m.FactCheckState.story_id == story_id))
            if analysed is None:
                names |= story_names(body)
        else:
            names = story_names(body)
        return Accepted(words, names)
