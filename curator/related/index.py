"""The related-stories index on SQLite and PostgreSQL: document frequencies, signatures, and posting lists.

Every story has a signature: its few most distinctive terms (TF-IDF against the library's document
frequencies), stored one row per term with an index on the term, so "stories that share this story's rare
terms" is a handful of short index range scans however large the library.

Document frequencies are kept exact and incrementally: a new story adds one to each of its terms, a save
applies the difference between the old and the new text, a purge takes its terms away. A signature is
computed with the frequencies of its day; as the library grows, the signatures made when it was much smaller
(``STALE_FACTOR``) are recomputed a few per write, and the related service's ``refresh`` catches up on the
rest in the background. :meth:`RelatedIndex.rebuild` recomputes everything from the stories (the schema
migration does this once).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, func, insert, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite

from curator.db import models as m
from curator.related.terms import QUERY_TERMS, HeadlineKey, signature, story_terms

log = logging.getLogger(__name__)

# A signature made when the library had fewer than 1/STALE_FACTOR of its stories (or more than STALE_FACTOR
# times as many) is recomputed. Doubling keeps the total re-signing work below one signature per story added.
STALE_FACTOR = 2
BATCH = 500
_IN_CHUNK = 2000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StoryText:
    """The text a signature is made from."""

    id: int
    headline: str
    dek: str
    body: str

    def terms(self) -> dict[str, int]:
        return story_terms(self.headline, self.dek, self.body)


@dataclass(frozen=True)
class SavedText:
    """A saved story: its new text, and its text before the save when known."""

    new: StoryText
    previous: StoryText | None


def _chunks(items: Sequence, size: int = _IN_CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_term = m.RelatedTerm.__table__
_sig = m.RelatedSignature.__table__
_doc = m.RelatedDoc.__table__
_stats = m.RelatedStats.__table__


class RelatedIndex:
    """Operations on the index tables over a connection already in a transaction."""

    def __init__(self, dialect_name: str) -> None:
        self._dialect = dialect_name

    # ------------------------------------------------------------------------------------------- writing

    def stories_written(
        self,
        conn: Connection,
        created: Sequence[StoryText],
        saved: Sequence[SavedText] = (),
        *,
        stale_budget: int | None = None,
    ) -> None:
        """Bring the index up to date with stories just created or saved, in the caller's transaction.

        Also recomputes up to ``stale_budget`` stale signatures (by default half as many as stories written).
        """
        if not created and not saved:
            return
        known = self._documented(conn, [s.new.id for s in saved])
        deltas: Counter[str] = Counter()
        new_docs = 0
        to_sign: list[tuple[int, dict[str, int], str]] = []
        replaced: list[int] = []
        for text in created:
            counts = text.terms()
            deltas.update(counts.keys())
            new_docs += 1
            to_sign.append((text.id, counts, HeadlineKey.of(text.headline).stored))
        for item in saved:
            counts = item.new.terms()
            if item.new.id not in known:
                deltas.update(counts.keys())
                new_docs += 1
            elif item.previous is not None:
                old = item.previous.terms()
                deltas.update(counts.keys() - old.keys())
                deltas.subtract(old.keys() - counts.keys())
                replaced.append(item.new.id)
            else:
                # Without the old text the frequencies cannot be corrected; they stay as they were.
                replaced.append(item.new.id)
            to_sign.append((item.new.id, counts, HeadlineKey.of(item.new.headline).stored))
        self._apply_frequencies(conn, deltas, new_docs)
        self._drop_signatures(conn, replaced)
        self._sign(conn, to_sign)
        budget = stale_budget if stale_budget is not None else len(to_sign) // 2 + 1
        if budget > 0:
            self.resign(conn, self.stale_ids(conn, budget))

    def stories_purged(self, conn: Connection, story_ids: Sequence[int]) -> None:
        """Take stories about to be deleted out of the document frequencies (their rows go by cascade)."""
        deltas: Counter[str] = Counter()
        gone = 0
        for chunk in _chunks(list(story_ids)):
            rows = conn.execute(
                select(m.Story.id, m.Story.headline, m.Story.dek, m.Story.body)
                .join(_doc, _doc.c.story_id == m.Story.id)
                .where(m.Story.id.in_(chunk))
            )
            for row in rows:
                deltas.subtract(StoryText(*row).terms().keys())
                gone += 1
        self._apply_frequencies(conn, deltas, -gone)

    def resign(self, conn: Connection, story_ids: Sequence[int]) -> int:
        """Recompute the signatures of these stories with today's frequencies; returns how many."""
        if not story_ids:
            return 0
        items = []
        for chunk in _chunks(list(story_ids)):
            rows = conn.execute(
                select(m.Story.id, m.Story.headline, m.Story.dek, m.Story.body).where(m.Story.id.in_(chunk))
            )
            items += [(r.id, StoryText(*r).terms(), HeadlineKey.of(r.headline).stored) for r in rows]
        self._drop_signatures(conn, [i[0] for i in items])
        self._sign(conn, items)
        return len(items)

    def stale_ids(self, conn: Connection, limit: int) -> list[int]:
        """Up to ``limit`` stories whose signatures were made at a very different library size, oldest first."""
        documents = self.documents(conn)
        ids = list(
            conn.scalars(
                select(_doc.c.story_id)
                .where(_doc.c.signed_docs * STALE_FACTOR < documents)
                .order_by(_doc.c.signed_docs)
                .limit(limit)
            )
        )
        if len(ids) < limit:
            ids += conn.scalars(
                select(_doc.c.story_id)
                .where(_doc.c.signed_docs > documents * STALE_FACTOR)
                .order_by(_doc.c.signed_docs.desc())
                .limit(limit - len(ids))
            )
        return ids

    def stale_count(self, conn: Connection) -> int:
        documents = self.documents(conn)
        stale = (_doc.c.signed_docs * STALE_FACTOR < documents) | (_doc.c.signed_docs > documents * STALE_FACTOR)
        return conn.scalar(select(func.count()).select_from(_doc).where(stale)) or 0

    def rebuild(self, conn: Connection, progress: Progress | None = None) -> int:
        """Recompute frequencies and every signature from the stories; returns the number of stories."""
        conn.execute(delete(_sig))
        conn.execute(delete(_doc))
        conn.execute(delete(_term))
        conn.execute(delete(_stats))
        total = conn.scalar(select(func.count()).select_from(m.Story)) or 0
        df: Counter[str] = Counter()
        done = 0
        for batch in self._story_batches(conn):
            for text in batch:
                df.update(text.terms().keys())
            done += len(batch)
            if progress:
                progress(done // 2, total)
        conn.execute(insert(_stats).values(id=1, documents=total))
        terms = sorted(df)
        for chunk in _chunks(terms, 5000):
            conn.execute(insert(_term), [{"term": t, "df": df[t]} for t in chunk])
        vocabulary = {row.term: (row.id, row.df) for row in conn.execute(select(_term.c.id, _term.c.term, _term.c.df))}
        done = 0
        for batch in self._story_batches(conn):
            items = [(t.id, t.terms(), HeadlineKey.of(t.headline).stored) for t in batch]
            self._sign(conn, items, vocabulary=vocabulary, documents=total)
            done += len(batch)
            if progress:
                progress(total // 2 + done // 2, total)
        log.info("related-stories index rebuilt: %d stories, %d terms", total, len(terms))
        return total

    # ------------------------------------------------------------------------------------------- reading

    def documents(self, conn: Connection) -> int:
        """How many stories the document frequencies count."""
        return conn.scalar(select(_stats.c.documents).where(_stats.c.id == 1)) or 0

    def signature_of(self, conn: Connection, story_id: int) -> dict[int, int] | None:
        """A stored signature {term id: weight}; None for a story the index has not seen."""
        rows = conn.execute(select(_sig.c.term_id, _sig.c.weight).where(_sig.c.story_id == story_id)).all()
        if rows:
            return {r.term_id: r.weight for r in rows}
        seen = conn.scalar(select(_doc.c.story_id).where(_doc.c.story_id == story_id))
        return {} if seen is not None else None

    def query_signature(self, conn: Connection, text: StoryText) -> dict[int, int]:
        """The signature to search with for a story's text, made with today's frequencies.

        Unlike a stored signature it leaves out terms that no other story has: they cannot find anything, and
        the room goes to terms that can. Works as well for text that is not stored (unsaved edits).
        """
        counts = text.terms()
        vocabulary = self._vocabulary(conn, counts.keys())
        counts = {t: n for t, n in counts.items() if t in vocabulary}
        df = _DfView(vocabulary)
        sig = signature(counts, df, self.documents(conn), size=QUERY_TERMS, min_df=2)
        return {vocabulary[t][0]: w for t, w in sig.items()}

    def signatures(self, conn: Connection, story_ids: Iterable[int]) -> dict[int, dict[int, int]]:
        out: dict[int, dict[int, int]] = {}
        for chunk in _chunks(list(story_ids)):
            for row in conn.execute(
                select(_sig.c.story_id, _sig.c.term_id, _sig.c.weight).where(_sig.c.story_id.in_(chunk))
            ):
                out.setdefault(row.story_id, {})[row.term_id] = row.weight
        return out

    def postings(self, conn: Connection, query: Mapping[int, int], cap: int) -> dict[int, int]:
        """Stories sharing the query's terms, with the partial dot product over what was read.

        Each term's posting list is read heaviest first and cut at ``cap``, so a common term costs no more
        than a rare one; the caller rescores the best of these on whole signatures.
        """
        if not query:
            return {}
        parts = [
            select(_sig.c.story_id, _sig.c.term_id, _sig.c.weight)
            .where(_sig.c.term_id == term_id)
            .order_by(_sig.c.weight.desc())
            .limit(cap)
            .subquery()
            for term_id in query
        ]
        stmt = union_all(*[select(p.c.story_id, p.c.term_id, p.c.weight) for p in parts])
        scores: dict[int, int] = {}
        for story_id, term_id, weight in conn.execute(stmt):
            scores[story_id] = scores.get(story_id, 0) + weight * query[term_id]
        return scores

    def find_headlines(self, conn: Connection, keys: Iterable[HeadlineKey]) -> dict[str, list[tuple[int, str]]]:
        """Stories whose stored headline key equals one of ``keys``' prefixes: {stored key: [(id, headline)]}."""
        stored = sorted({k.stored for k in keys if k.full})
        out: dict[str, list[tuple[int, str]]] = {}
        for chunk in _chunks(stored):
            rows = conn.execute(
                select(_doc.c.headline_key, m.Story.id, m.Story.headline)
                .join(m.Story, m.Story.id == _doc.c.story_id)
                .where(_doc.c.headline_key.in_(chunk), m.Story.deleted_at.is_(None))
                .order_by(func.coalesce(m.Story.published_at, m.Story.created_at).desc(), m.Story.id.desc())
            )
            for key, story_id, headline in rows:
                out.setdefault(key, []).append((story_id, headline))
        return out

    # ----------------------------------------------------------------------------------------- internals

    def _documented(self, conn: Connection, story_ids: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for chunk in _chunks(list(story_ids)):
            found.update(conn.scalars(select(_doc.c.story_id).where(_doc.c.story_id.in_(chunk))))
        return found

    def _apply_frequencies(self, conn: Connection, deltas: Mapping[str, int], new_docs: int) -> None:
        # Sorted, so that two writers on PostgreSQL lock terms in the same order and never deadlock.
        plus = sorted((t, d) for t, d in deltas.items() if d > 0)
        minus = sorted((t, -d) for t, d in deltas.items() if d < 0)
        if plus:
            upsert = self._insert(_term)
            upsert = upsert.on_conflict_do_update(
                index_elements=[_term.c.term], set_={"df": _term.c.df + upsert.excluded.df}
            )
            for chunk in _chunks(plus, 5000):
                conn.execute(upsert, [{"term": t, "df": d} for t, d in chunk])
        if minus:
            larger = func.greatest if self._dialect == "postgresql" else func.max
            stmt = (
                update(_term)
                .where(_term.c.term == bindparam("b_term"))
                .values(df=larger(_term.c.df - bindparam("b_delta"), 0))
            )
            conn.execute(stmt, [{"b_term": t, "b_delta": d} for t, d in minus])
        if new_docs:
            result = conn.execute(
                update(_stats).where(_stats.c.id == 1).values(documents=_stats.c.documents + new_docs)
            )
            if result.rowcount == 0:
                conn.execute(insert(_stats).values(id=1, documents=max(new_docs, 0)))

    def _insert(self, table: object) -> sqlite.Insert | postgresql.Insert:
        if self._dialect == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def _vocabulary(self, conn: Connection, terms: Iterable[str]) -> dict[str, tuple[int, int]]:
        wanted = sorted(set(terms))
        out: dict[str, tuple[int, int]] = {}
        for chunk in _chunks(wanted):
            for row in conn.execute(select(_term.c.id, _term.c.term, _term.c.df).where(_term.c.term.in_(chunk))):
                out[row.term] = (row.id, row.df)
        return out

    def _drop_signatures(self, conn: Connection, story_ids: Sequence[int]) -> None:
        for chunk in _chunks(list(story_ids)):
            conn.execute(delete(_sig).where(_sig.c.story_id.in_(chunk)))
            conn.execute(delete(_doc).where(_doc.c.story_id.in_(chunk)))

    def _sign(
        self,
        conn: Connection,
        items: Sequence[tuple[int, dict[str, int], str]],
        *,
        vocabulary: Mapping[str, tuple[int, int]] | None = None,
        documents: int | None = None,
    ) -> None:
        """Store signatures of (story id, term counts, headline key); the stories have none stored now."""
        if not items:
            return
        if vocabulary is None:
            vocabulary = self._vocabulary(conn, {t for _, counts, _ in items for t in counts})
        if documents is None:
            documents = self.documents(conn)
        df = _DfView(vocabulary)
        sig_rows = []
        doc_rows = []
        for story_id, counts, key in items:
            for term, weight in signature(counts, df, documents).items():
                entry = vocabulary.get(term)
                if entry is not None:
                    sig_rows.append({"story_id": story_id, "term_id": entry[0], "weight": weight})
            doc_rows.append({"story_id": story_id, "signed_docs": documents, "headline_key": key})
        for chunk in _chunks(sig_rows, 10_000):
            conn.execute(insert(_sig), list(chunk))
        conn.execute(insert(_doc), doc_rows)

    def _story_batches(self, conn: Connection) -> Iterator[list[StoryText]]:
        # Keyset batches rather than one streaming cursor: the same on both databases, and bounded in memory.
        last = 0
        while True:
            rows = conn.execute(
                select(m.Story.id, m.Story.headline, m.Story.dek, m.Story.body)
                .where(m.Story.id > last)
                .order_by(m.Story.id)
                .limit(BATCH)
            ).all()
            if not rows:
                return
            yield [StoryText(*r) for r in rows]
            last = rows[-1].id


class _DfView(Mapping[str, int]):
    """Document frequencies read straight out of a vocabulary mapping {term: (id, df)}."""

    def __init__(self, vocabulary: Mapping[str, tuple[int, int]]) -> None:
        self._v = vocabulary

    def __getitem__(self, term: str) -> int:
        return self._v[term][1]

    def get(self, term: str, default: int | None = None) -> int | None:  # type: ignore[override]
        entry = self._v.get(term)
        return entry[1] if entry is not None else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._v)

    def __len__(self) -> int:
        return len(self._v)
