"""Ranking the stories related to one story: candidates from shared rare terms and tags, then scores.

1. The query: the story's text made into a signature with today's frequencies (see
   :meth:`RelatedIndex.query_signature`), its tags, its outlet, and the stories it already links to.
2. Candidates: the posting lists of the query's terms (each cut at ``POSTING_CAP``, heaviest first), and the
   newest stories of each of its tags.
3. The best ``RESCORE`` candidates get whole scores: the cosine of the two signatures (completed for terms
   whose lists were cut), plus shared tags weighted by rarity, plus a little for the same outlet.
4. Stories in the trash, the story itself and the stories it links to are left out; near-equal scores go to
   the newer story (recency only breaks ties).
5. Each suggestion says why: the shared words that weigh most (as the query story spells them), the shared
   tags, and whether the outlet is the same.

A text that is not a stored story (an external headline) can be the query too (:meth:`Suggester.rank_text`).

Every step is an index range scan of bounded length, so the time does not grow with the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from curator.core.text import tag_key
from curator.related.index import RelatedIndex, StoryText
from curator.related.terms import WEIGHT_SCALE, idf, surface_forms

# Postings read per query term, heaviest first: bounds the cost of a term found in thousands of stories.
POSTING_CAP = 200
# Stories per shared tag considered (newest first), so that tags find stories the words miss.
TAG_CANDIDATES = 50
# Tags counted up to this many stories; beyond it a tag is common whatever its exact count.
TAG_COUNT_CAP = 5000
# Candidates given whole scores.
RESCORE = 80
# What shared tags (at most, for the rarest) and the same outlet add to the text similarity (a cosine, 0 to 1).
# The outlet is little more than a tie-breaker: an outlet covers every subject.
TAG_WEIGHT = 0.25
OUTLET_WEIGHT = 0.01
# Scores this close are a tie, which the newer story wins.
SCORE_PRECISION = 3
# Shared words named as the reason for a suggestion.
SHOWN_TERMS = 5

_STORY = "SELECT outlet_name, headline, dek, body FROM story WHERE id = ?"
_STORY_TAGS = "SELECT tag_id FROM story_tag WHERE story_id = ?"
_TAG_IDS = "SELECT id FROM tag WHERE key IN [?]"
_LINKED = "SELECT target_id FROM related_link WHERE story_id = ? AND target_id IS NOT NULL"
_TAG_COUNT = "SELECT count(*) FROM (SELECT 1 FROM story_tag WHERE tag_id = ? LIMIT ?) AS capped"
_TAG_NEWEST = "SELECT story_id FROM story_tag WHERE tag_id = ? ORDER BY story_id DESC LIMIT ?"
_CANDIDATES = (
    "SELECT id, outlet_name, coalesce(published_at, created_at) FROM story WHERE id IN [?] AND deleted_at IS NULL"
)
_SHARED_TAGS = "SELECT story_id, tag_id FROM story_tag WHERE story_id IN [?] AND tag_id IN [?]"
_TAG_NAMES = "SELECT id, name FROM tag WHERE id IN [?]"


@dataclass(frozen=True)
class Query:
    """What a story is searched by: unsaved text may stand in for the stored story."""

    story_id: int
    text: StoryText | None = None
    tags: Sequence[str] | None = None
    outlet: str | None = None
    linked: Sequence[int] | None = None


@dataclass(frozen=True)
class Ranked:
    """A related story's score and why: the words (as the query story spells them), tags and outlet it shares."""

    story_id: int
    score: float
    shared_tags: tuple[str, ...]
    same_outlet: bool
    shared_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Want:
    """A query worked out: text, tag ids, outlet, and stories never to suggest."""

    text: StoryText
    tag_ids: list[int]
    outlet: str
    excluded: set[int]
    stored: bool = True


class Suggester:
    def __init__(self, index: RelatedIndex) -> None:
        self._index = index
        self._raw = index.raw

    def rank(self, conn: Connection, query: Query, limit: int) -> list[Ranked] | None:
        """The ``limit`` best related stories; None when the story does not exist."""
        raw = self._raw
        row = raw.fetch(conn, _STORY, query.story_id)
        if not row:
            return None
        outlet, headline, dek, body = row[0]
        text = query.text or StoryText(query.story_id, headline, dek, body)
        if query.tags is not None:
            keys = sorted({tag_key(t) for t in query.tags})
            tag_ids = [r[0] for r in raw.fetch(conn, _TAG_IDS, keys)] if keys else []
        else:
            tag_ids = [r[0] for r in raw.fetch(conn, _STORY_TAGS, query.story_id)]
        if query.linked is not None:
            linked = set(query.linked)
        else:
            linked = {r[0] for r in raw.fetch(conn, _LINKED, query.story_id)}
        if query.outlet is not None:
            outlet = query.outlet
        return self._rank(conn, _Want(text, tag_ids, outlet or "", linked | {query.story_id}), limit)

    def rank_text(self, conn: Connection, text: StoryText, limit: int, excluded: Sequence[int] = ()) -> list[Ranked]:
        """The stories whose content best matches a text that is not a stored story (an external headline)."""
        return self._rank(conn, _Want(text, [], "", set(excluded), stored=False), limit)

    def _rank(self, conn: Connection, want: _Want, limit: int) -> list[Ranked]:
        raw = self._raw
        signature, term_names = self._index.query_terms(conn, want.text, stored=want.stored)
        partial, cut = self._index.postings(conn, signature, POSTING_CAP)
        documents = max(self._index.documents(conn), 1)
        tag_weights = self._tag_weights(conn, want.tag_ids, documents)
        scale = WEIGHT_SCALE * WEIGHT_SCALE
        prelim = {sid: dot / scale for sid, dot in partial.items()}
        for tag_id, weight in tag_weights.items():
            for (sid,) in raw.fetch(conn, _TAG_NEWEST, tag_id, TAG_CANDIDATES):
                prelim[sid] = prelim.get(sid, 0.0) + TAG_WEIGHT * weight
        for sid in want.excluded:
            prelim.pop(sid, None)
        pool = sorted(prelim, key=lambda sid: (-prelim[sid], -sid))[: max(RESCORE, 4 * limit)]
        if not pool:
            return []

        live = {r[0]: (r[1], r[2]) for r in raw.fetch(conn, _CANDIDATES, pool)}
        # Complete the dot products for terms whose posting lists were cut short.
        dots = {sid: partial.get(sid, 0) for sid in live}
        if cut:
            for sid, weights in self._index.shared_weights(conn, list(live), list(cut)).items():
                for term_id, weight in weights.items():
                    if sid not in cut[term_id]:
                        dots[sid] += weight * signature[term_id]
        shared: dict[int, list[int]] = {}
        names: dict[int, str] = {}
        if tag_weights and live:
            for sid, tag_id in raw.fetch(conn, _SHARED_TAGS, list(live), list(tag_weights)):
                shared.setdefault(sid, []).append(tag_id)
            names = dict(raw.fetch(conn, _TAG_NAMES, list(tag_weights)))
        outlet_key = want.outlet.strip().casefold()
        scored = []
        for sid, (their_outlet, dated) in live.items():
            text_score = dots[sid] / scale
            tags_here = shared.get(sid, [])
            tag_score = TAG_WEIGHT * min(1.0, sum(tag_weights[t] for t in tags_here))
            if text_score <= 0 and tag_score <= 0:
                continue
            same_outlet = bool(outlet_key) and (their_outlet or "").strip().casefold() == outlet_key
            score = text_score + tag_score + (OUTLET_WEIGHT if same_outlet else 0.0)
            tag_names = tuple(sorted((names.get(t, "") for t in tags_here), key=str.casefold))
            scored.append((sid, score, tag_names, same_outlet, dated))
        # Stable sorts, least significant key first: id, then date (as the database gives it), then score.
        # The date only orders scores equal to SCORE_PRECISION places: recency breaks ties, never outranks.
        scored.sort(key=lambda x: x[0], reverse=True)
        scored.sort(key=lambda x: x[4], reverse=True)
        scored.sort(key=lambda x: -round(x[1], SCORE_PRECISION))
        top = scored[:limit]
        terms = self._shared_terms(conn, want.text, signature, term_names, [x[0] for x in top])
        return [Ranked(sid, round(score, 4), tags, same, terms.get(sid, ())) for sid, score, tags, same, _ in top]

    def _shared_terms(
        self,
        conn: Connection,
        text: StoryText,
        signature: dict[int, int],
        term_names: dict[int, str],
        story_ids: Sequence[int],
    ) -> dict[int, tuple[str, ...]]:
        """Per story, the words that weigh most in its likeness to the query (their product of weights), as the
        query's text spells them."""
        if not story_ids or not signature:
            return {}
        best: dict[int, list[str]] = {}
        for sid, weights in self._index.shared_weights(conn, story_ids, list(signature)).items():
            ranked = sorted(weights, key=lambda t: -weights[t] * signature[t])[:SHOWN_TERMS]
            best[sid] = [term_names[t] for t in ranked if t in term_names]
        wanted = {t for terms in best.values() for t in terms}
        forms = surface_forms(text.headline, text.dek, text.body, wanted)
        return {sid: tuple(forms.get(t, t) for t in terms) for sid, terms in best.items()}

    def _tag_weights(self, conn: Connection, tag_ids: Sequence[int], documents: int) -> dict[int, float]:
        """Each tag's rarity: its inverse document frequency (counted up to a cap) against that of a tag on one
        story, so 1.0 for the rarest tag and little for a tag on a third of the library. Absolute, not shared
        out among the story's tags: a story tagged only "Economy" should not find every economy story by it."""
        rarest = idf(1, documents)
        out = {}
        for tag_id in tag_ids:
            count = self._raw.scalar(conn, _TAG_COUNT, tag_id, TAG_COUNT_CAP) or 1
            out[tag_id] = max(idf(count, documents) / rarest, 0.01)
        return out
