"""What the writing checks report: findings (each says what is wrong and what to change) and readability."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    SPELLING = "spelling"  # a word no dictionary knows
    REQUIRED = "required"  # a field house style requires is empty or too long
    BANNED = "banned"  # words house style bans outright
    STYLE = "style"  # house style in the text: discouraged words, quotes, numbers, dates, repeats, spaces
    READABILITY = "readability"  # long sentences, hard paragraphs

    @property
    def label(self) -> str:
        return {"spelling": "Spelling", "required": "Required fields", "banned": "Banned words", "style": "House style",
                "readability": "Readability"}[self.value]


@dataclass(frozen=True)
class Finding:
    category: Category
    code: str  # "misspelling", "headline-length", "banned-word", "straight-quotes", …
    field: str  # the story field: "body", "headline", "dek", "byline", "photo_credit", "photo_caption"
    start: int  # offsets into the field; both -1 when the finding is about the whole field
    end: int
    text: str  # the text found (empty for a missing field)
    message: str  # what is wrong, one line
    advice: str  # what to change, one line
    replacement: str | None = None  # a drop-in fix, when there is one
    suggestions: tuple[str, ...] = ()  # for misspellings: from the dictionary of the word's language
    lang: str = ""
    blocking: bool = False  # filled in against the gate settings

    @property
    def summary(self) -> str:
        return f"{self.message}. {self.advice}" if self.advice else self.message


@dataclass(frozen=True)
class Readability:
    """How hard a text (a story or one paragraph) is to read."""

    words: int
    sentences: int
    words_per_sentence: float
    long_words: float  # share of words of seven letters or more
    flesch: float | None  # Flesch reading ease where it is defined for the language (English, Russian)
    lang: str
    start: int = 0
    end: int = 0

    @property
    def label(self) -> str:
        # By sentence length and long words alone where no Flesch formula exists for the language.
        score = self.flesch if self.flesch is not None else 100 - 3 * self.words_per_sentence - 60 * self.long_words
        return "easy" if score >= 70 else "plain" if score >= 50 else "fairly hard" if score >= 30 else "hard"

    @property
    def reading_minutes(self) -> float:
        return self.words / 200

    def describe(self) -> str:
        parts = [f"{self.words:,} words"]
        if self.sentences:
            parts.append(f"{self.words_per_sentence:.0f} words a sentence")
        if self.flesch is not None:
            parts.append(f"Flesch {self.flesch:.0f}")
        parts.append(self.label)
        return " · ".join(parts)


@dataclass(frozen=True)
class Review:
    findings: tuple[Finding, ...]
    readability: Readability
    paragraphs: tuple[Readability, ...] = field(default=())

    @property
    def misspellings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.category is Category.SPELLING)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)
