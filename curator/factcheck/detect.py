"""One pass over a story body: its attributions, quotations and the sources they name."""

from __future__ import annotations

from dataclasses import dataclass

from curator.domain.factcheck import SourceKind
from curator.factcheck.attributions import Attribution, Mention, find_attributions
from curator.factcheck.quotes import Quote, find_quotes
from curator.factcheck.text import Document, Span

# Bump when detection changes, so stored findings are worked out again.
DETECTOR_VERSION = 2  # 2: rule layer over tokens (appositives, pronouns, Russian, Kazakh); quoted terms


@dataclass(frozen=True)
class Analysis:
    text: str
    attributions: tuple[Attribution, ...]
    quotes: tuple[Quote, ...]
    sources: tuple[Mention, ...]  # one per source key, at its first mention, in order of appearance
    sentences: tuple[Span, ...]

    def source(self, key: str) -> Mention | None:
        return next((s for s in self.sources if s.key == key), None)


def _merge_sources(mentions: list[Mention]) -> tuple[Mention, ...]:
    by_key: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        first = by_key.get(m.key)
        if first is None:
            by_key[m.key] = m
            continue
        # The first mention names the source; later ones may tell what kind it is or link to it.
        kind = first.kind if first.kind is not SourceKind.OTHER else m.kind
        url = first.url or m.url
        if kind is not first.kind or url != first.url:
            by_key[m.key] = Mention(first.name, first.key, kind, first.start, first.end, url)
    return tuple(by_key.values())


def analyse(text: str) -> Analysis:
    """Attributions, quotations and sources of a Markdown story body; offsets are into ``text``."""
    doc = Document(text)
    attributions = find_attributions(doc)
    quotes = find_quotes(doc, attributions)
    mentions = [m for a in attributions for m in (a.source, a.speaker, a.via) if m is not None]
    mentions += [q.speaker for q in quotes if q.speaker is not None]
    return Analysis(text, tuple(attributions), tuple(quotes), _merge_sources(mentions), doc.sentences)
