"""Scoring the attribution detector against stories labelled by hand (tests/fixtures/attributions/).

A labelled attribution names a cue (words found once in the story, inside the attributed sentence), the source
credited (one name, or a list of names that are all acceptable) and the construction it shows. A detected
attribution matches when it lies in that sentence and credits the same source, compared on a loose key: folded,
without articles, possessive pronouns, titles, possessive endings, Russian case endings or Kazakh genitive endings
("the guild's chairman, Dr Bolat Zhaksybekov" / "Bolat Zhaksybekov", "Алмаса Сатқалиева" / "Алмас Сатқалиев").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from curator.core.text import fold
from curator.factcheck.detect import Analysis
from curator.factcheck.text import Span, ru_stem


@dataclass(frozen=True)
class Label:
    cue: str
    sources: tuple[str, ...]
    construction: str


@dataclass(frozen=True)
class Story:
    id: str
    language: str
    text: str
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class Found:
    name: str
    pattern: str
    construction: str
    sentence_text: str


@dataclass
class Result:
    hits: list[Label] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)
    false: list[Found] = field(default_factory=list)
    near: dict[int, list[str]] = field(default_factory=dict)

    def found_near(self, label: Label) -> str:
        names = self.near.get(id(label))
        return f"(found there: {', '.join(names)})" if names else "(nothing found there)"


class FixtureError(ValueError):
    pass


def load_stories(data: object, origin: str) -> list[Story]:
    """Stories from one parsed YAML file; a cue not found exactly once is an error naming the story."""
    if not isinstance(data, list):
        raise FixtureError(f"{origin}: expected a list of stories")
    out = []
    for item in data:
        sid = item["id"]
        text = item["text"]
        labels = []
        for raw in item.get("attributions") or ():
            cue = raw["cue"]
            count = text.count(cue)
            if count != 1:
                raise FixtureError(f"{origin}: {sid}: cue {cue!r} found {count} times")
            sources = raw["source"]
            sources = (sources,) if isinstance(sources, str) else tuple(sources)
            labels.append(Label(cue, sources, raw["construction"]))
        out.append(Story(sid, item["language"], text, tuple(labels)))
    return out


# --------------------------------------------------------------------------------------------- matching

_DROP = frozenset(
    """
    the a an its his her their our one some many several most dr prof professor mr mrs ms sir madam colonel general
    его её ее их он она оно они
    """.split()
)
_QUOTES_RE = re.compile(r"[«»“”„\"]")
_KK_GENITIVE = ("ның", "нің", "тың", "тің", "дың", "дің", "ның")


@lru_cache(maxsize=8192)
def loose_key(name: str) -> str:
    text = _QUOTES_RE.sub(" ", name)
    words = [fold(w).strip(".,;:") for w in text.split()]
    words = [re.sub(r"[’']s?$", "", w) for w in words if w]
    while words and words[0] in _DROP:
        words.pop(0)
    out = []
    for w in words:
        for ending in _KK_GENITIVE:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                w = w[: -len(ending)]
                break
        out.append(ru_stem(w) if len(w) > 4 else w)
    return " ".join(out)


def _sentence_index(sentences: tuple[Span, ...], pos: int) -> int:
    for i, s in enumerate(sentences):
        if s.start <= pos < s.end:
            return i
    return -1


# Which construction a detector pattern shows, for false finds.
def construction_of(pattern: str) -> str:
    if pattern.startswith("kk_"):
        return "kk"
    if pattern.startswith("ru_"):
        return "ru"
    return pattern


def match_story(story: Story, analysis: Analysis) -> Result:
    sentences = analysis.sentences
    text = story.text
    gold: dict[int, list[Label]] = {}
    for label in story.labels:
        gold.setdefault(_sentence_index(sentences, text.index(label.cue)), []).append(label)
    found: dict[int, dict[str, Found]] = {}
    for a in analysis.attributions:
        i = _sentence_index(sentences, a.start)
        credited = a.credited
        key = loose_key(credited.name)
        s = sentences[i] if i >= 0 else Span(a.start, a.end)
        found.setdefault(i, {}).setdefault(
            key, Found(credited.name, a.pattern, construction_of(a.pattern), text[s.start : s.end])
        )
    result = Result()
    for i in set(gold) | set(found):
        labels = gold.get(i, [])
        here = dict(found.get(i, {}))
        for label in labels:
            keys = {loose_key(s) for s in label.sources}
            hit = next((k for k in here if k in keys), None)
            if hit is None:
                result.missed.append(label)
                result.near[id(label)] = [f.name for f in found.get(i, {}).values()]
            else:
                result.hits.append(label)
                del here[hit]
        result.false.extend(here.values())
    return result


def constructions(stories: Iterable[Story]) -> set[str]:
    return {label.construction for s in stories for label in s.labels}
