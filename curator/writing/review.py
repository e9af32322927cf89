"""One review of a story: its misspellings (headline, dek, caption and body), house style and readability."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from curator.writing import readability, style
from curator.writing.findings import Category, Finding, Review
from curator.writing.languages import mixed_scripts
from curator.writing.settings import WritingSettings
from curator.writing.spelling import Accepted, Misspelling, SpellChecker

# The fields spell-checked besides the body: what readers see.
SPELLED_FIELDS = ("headline", "dek", "photo_caption")


def misspelling_finding(fld: str, m: Misspelling, checker: SpellChecker | None, with_suggestions: bool) -> Finding:
    suggestions: tuple[str, ...] = ()
    if checker is not None:
        # Without asking for them, the suggestions worked out before (the editor's worker fetches them ahead).
        ask = checker.suggestions if with_suggestions else checker.known_suggestions
        suggestions = ask(m.word, m.lang)
    advice = f"Did you mean “{suggestions[0]}”?" if suggestions else "Correct it, or add it to a dictionary"
    message = f"“{m.word}” is not in the {checker.language_name(m.lang) if checker else m.lang} dictionary"
    if mixed_scripts(m.word):
        message = f"“{m.word}” mixes Latin and Cyrillic letters"
        advice = "Retype it in one alphabet" + (f": “{suggestions[0]}”?" if suggestions else "")
    return Finding(
        Category.SPELLING, "misspelling", fld, m.start, m.end, m.word, message, advice,
        suggestions[0] if suggestions else None, suggestions, m.lang,
    )


def spelling_findings(
    story: style.StoryText, checker: SpellChecker, accepted: Accepted, *, with_suggestions: bool = True
) -> list[Finding]:
    out = []
    for fld in SPELLED_FIELDS:
        for m in checker.check_line(" ".join(getattr(story, fld).split("\n")), story.language, accepted):
            out.append(misspelling_finding(fld, m, checker, with_suggestions))
    for m in checker.check_text(story.body, story.language, accepted):
        out.append(misspelling_finding("body", m, checker, with_suggestions))
    return out


def review(
    story: style.StoryText,
    settings: WritingSettings,
    checker: SpellChecker | None,
    accepted: Accepted | None = None,
    *,
    with_suggestions: bool = True,
    blocking: Iterable[str] | None = None,
) -> Review:
    """Every finding on ``story``; ``blocking`` (categories) marks which hold it back, by default any gate's."""
    findings: list[Finding] = []
    if checker is not None:
        findings += spelling_findings(story, checker, accepted or Accepted(), with_suggestions=with_suggestions)
    findings += style.required_findings(story, settings)
    findings += style.body_findings(story, settings)
    findings += style.readability_findings(story, settings)
    cats = frozenset(settings.blocking_any if blocking is None else blocking)
    order = {fld: i for i, fld in enumerate(("headline", "dek", "byline", "photo_credit", "photo_caption", "body"))}
    findings = sorted(
        (dataclasses.replace(f, blocking=f.category.value in cats) for f in findings),
        key=lambda f: (order.get(f.field, 9), f.start, f.category.value),
    )
    paras = tuple(readability.measure(t, story.language, s, e) for s, e, t in readability.paragraphs(story.body))
    return Review(tuple(findings), readability.measure(story.body, story.language), paras)


def categories_summary(findings: Iterable[Finding]) -> list[str]:
    """Short phrases for a gate or a status line: "3 misspellings", "byline missing"."""
    counts: dict[Category, int] = {}
    required: list[str] = []
    for f in findings:
        if f.category is Category.REQUIRED:
            required.append(f.message[0].lower() + f.message[1:])
        else:
            counts[f.category] = counts.get(f.category, 0) + 1
    names = {Category.SPELLING: ("misspelling", "misspellings"), Category.BANNED: ("banned word", "banned words"),
             Category.STYLE: ("style finding", "style findings"),
             Category.READABILITY: ("readability finding", "readability findings")}
    out = [f"{n} {names[c][0] if n == 1 else names[c][1]}" for c, n in counts.items()]
    return out + required
