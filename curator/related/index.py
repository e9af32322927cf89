"""The related-stories index on SQLite and PostgreSQL: document frequencies, signatures, and posting lists.

Every story has a signature: its few most distinctive terms (TF-IDF against the library's document
frequencies), stored one row per term with an index on the term, so "stories that share this story's rare
terms" is a handful of short index range scans however large the library.

Document frequencies are kept exact and incrementally: a new story adds one to each of its terms, a save
applies the difference between the old and the new text, a purge takes its terms away. A signature is
computed with the frequencies of its day. As the library grows evenly a term's share of stories, and so its
weight, hardly moves; what does go stale are signatures made when the library was much smaller
(``STALE_FACTOR``), whose frequencies came from a few stories. A few of those are recomputed with every write,
and the related service's ``refresh`` catches up on the rest in the background. :meth:`RelatedIndex.rebuild`
recomputes everything from the stories (after a schema upgrade, see ``curator.services.indexes``).

The paths that run on every suggestion and every bulk write use constant SQL on the DB-API cursor: building
SQLAlchemy statements and rows cost more there than the queries themselves.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from curator.core.iterate import chunks
from curator.db import models as m
from curator.related.terms import QUERY_TERMS, HeadlineKey, signature, story_terms

log = logging.getLogger(__name__)

# A signature made when the library had under 1/STALE_FACTOR of its stories (or over STALE_FACTOR times as
# many) is recomputed. Re-signing then costs, over a library's growth, under one signature per story added.
STALE_FACTOR = 4
# Stale signatures recomputed by a write, per story written.
RESIGN_SHARE = 0.25
BATCH = 500
# The version of what the index holds (terms, signatures, headline keys). A library records the version it was
# filled with (``library_meta``); the services rebuild the index on open when it differs.
INDEX_VERSION = 1
_IN_CHUNK = 2000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StoryText:
    """The text a signature is made from."""

    id: int
    headline: str
    dek: str
    body: str
    # Worked out ahead of time by the writer (an import's worker process); not part of the text's identity.
    known_terms: Mapping[str, int] | None = field(default=None, compare=False)

    def terms(self) -> dict[str, int]:
        if self.known_terms is not None:
            return dict(self.known_terms)
        return story_terms(self.headline, self.dek, self.body)


@dataclass(frozen=True)
class SavedText:
    """A saved story: its new text, and its text before the save when known."""

    new: StoryText
    previous: StoryText | None


_term = m.table_of(m.RelatedTerm)
_sig = m.table_of(m.RelatedSignature)
_doc = m.table_of(m.RelatedDoc)
_stats = m.table_of(m.RelatedStats)


class RawSql:
    """Constant SQL run on the DB-API cursor, written once for both databases.

    Statements use ``?`` placeholders and ``IN [?]`` for a list parameter (given as a Python list); they are
    turned into each driver's form (``%s``, ``= ANY(%s)`` on PostgreSQL; ``json_each`` on SQLite) once.
    """

    def __init__(self, dialect_name: str) -> None:
        self.postgresql = dialect_name == "postgresql"
        self._cache: dict[str, str] = {}

    def sql(self, statement: str) -> str:
        out = self._cache.get(statement)
        if out is None:
            if self.postgresql:
                out = statement.replace("IN [?]", "= ANY(?)").replace("?", "%s")
            else:
                out = statement.replace("IN [?]", "IN (SELECT value FROM json_each(?))")
            self._cache[statement] = out
        return out

    def _param(self, value: Any) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            return list(value) if self.postgresql else json.dumps(list(value), ensure_ascii=False)
        return value

    def fetch(self, conn: Connection, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        cur = conn.connection.cursor()
        try:
            cur.execute(self.sql(statement), tuple(self._param(p) for p in params))
            return list(cur.fetchall())
        finally:
            cur.close()

    def scalar(self, conn: Connection, statement: str, *params: Any) -> Any:
        rows = self.fetch(conn, statement, *params)
        return rows[0][0] if rows else None

    def executemany(self, conn: Connection, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        cur = conn.connection.cursor()
        try:
            cur.executemany(self.sql(statement), rows)
        finally:
            cur.close()


_UPSERT_TERM = (
    "INSERT INTO related_term (term, df) VALUES (?, ?)"
    " ON CONFLICT (term) DO UPDATE SET df = related_term.df + excluded.df"
)
_INSERT_SIGNATURE = "INSERT INTO related_signature (story_id, term_id, weight) VALUES (?, ?, ?)"
_INSERT_DOC = "INSERT INTO related_doc (story_id, signed_docs, headline_key) VALUES (?, ?, ?)"
_VOCABULARY = "SELECT id, term, df FROM related_term WHERE term IN [?]"
_DOCUMENTS = "SELECT documents FROM related_stats WHERE id = 1"
# PostgreSQL: one statement for every term, each list read heaviest first and cut at the cap. SQLite has no
# LATERAL; there one cached statement per term costs microseconds, in process.
_POSTINGS_PG = (
    "SELECT q.t, p.story_id, p.weight FROM unnest(?::integer[]) AS q(t) CROSS JOIN LATERAL"
    " (SELECT story_id, weight FROM related_signature WHERE term_id = q.t ORDER BY weight DESC LIMIT ?) AS p"
)
_POSTING = "SELECT story_id, weight FROM related_signature WHERE term_id = ? ORDER BY weight DESC LIMIT ?"
_SHARED = "SELECT story_id, term_id, weight FROM related_signature WHERE story_id IN [?] AND term_id IN [?]"


class RelatedIndex:
    """Operations on the index tables over a connection already in a transaction."""

    def __init__(self, dialect_name: str) -> None:
        self.raw = RawSql(dialect_name)

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

        Also recomputes up to ``stale_budget`` stale signatures (by default a quarter as many as were written).
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
        budget = stale_budget if stale_budget is not None else int(len(to_sign) * RESIGN_SHARE) + 1
        if budget > 0:
            self.resign(conn, self.stale_ids(conn, budget))

    def stories_purged(self, conn: Connection, story_ids: Sequence[int]) -> None:
        """Take stories about to be deleted out of the document frequencies (their rows go by cascade)."""
        deltas: Counter[str] = Counter()
        gone = 0
        for chunk in chunks(list(story_ids), _IN_CHUNK):
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
        for chunk in chunks(list(story_ids), _IN_CHUNK):
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
                .order_by(_doc.c.signed_docs, _doc.c.story_id)
                .limit(limit)
            )
        )
        if len(ids) < limit:
            ids += conn.scalars(
                select(_doc.c.story_id)
                .where(_doc.c.signed_docs > documents * STALE_FACTOR)
                .order_by(_doc.c.signed_docs.desc(), _doc.c.story_id)
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
        for chunk in chunks(terms, 5000):
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
        return self.raw.scalar(conn, _DOCUMENTS) or 0

    def query_signature(self, conn: Connection, text: StoryText) -> dict[int, int]:
        """The signature to search with for a story's text, made with today's frequencies.

        Unlike a stored signature it leaves out terms that no other story has: they cannot find anything, and
        the room goes to terms that can. Works as well for text that is not stored (unsaved edits).
        """
        return self.query_terms(conn, text)[0]

    def query_terms(
        self, conn: Connection, text: StoryText, *, stored: bool = True
    ) -> tuple[dict[int, int], dict[int, str]]:
        """:meth:`query_signature`, and the term each of its term ids stands for. A text that is not a story of
        the library (``stored=False``, an outside headline) keeps terms only one story has: that story may be
        the very one it means."""
        counts = text.terms()
        vocabulary = self._vocabulary(conn, counts.keys())
        df = {t: v[1] for t, v in vocabulary.items()}
        counts = {t: n for t, n in counts.items() if t in df}
        sig = signature(counts, df, self.documents(conn), size=QUERY_TERMS, min_df=2 if stored else 1)
        return {vocabulary[t][0]: w for t, w in sig.items()}, {vocabulary[t][0]: t for t in sig}

    def postings(
        self, conn: Connection, query: Mapping[int, int], cap: int
    ) -> tuple[dict[int, int], dict[int, set[int]]]:
        """Stories sharing the query's terms with the dot product over the postings read; and, for each term
        whose list was cut, the stories read from it.

        Each term's posting list is read heaviest first and cut at ``cap``, so a common term costs no more
        than a rare one; the caller completes the best candidates' scores with :meth:`shared_weights`.
        """
        scores: dict[int, int] = {}
        read: dict[int, list[int]] = {t: [] for t in query}
        if not query:
            return scores, {}
        if self.raw.postgresql:
            rows = self.raw.fetch(conn, _POSTINGS_PG, list(query), cap)
        else:
            rows = []
            cur = conn.connection.cursor()
            try:
                for term_id in query:
                    cur.execute(_POSTING, (term_id, cap))
                    rows += [(term_id, story_id, weight) for story_id, weight in cur.fetchall()]
            finally:
                cur.close()
        for term_id, story_id, weight in rows:
            scores[story_id] = scores.get(story_id, 0) + weight * query[term_id]
            read[term_id].append(story_id)
        return scores, {t: set(ids) for t, ids in read.items() if len(ids) >= cap}

    def shared_weights(
        self, conn: Connection, story_ids: Sequence[int], term_ids: Iterable[int]
    ) -> dict[int, dict[int, int]]:
        """{story id: {term id: weight}} for the given terms in the given stories' signatures."""
        terms = list(term_ids)
        if not story_ids or not terms:
            return {}
        out: dict[int, dict[int, int]] = {}
        for story_id, term_id, weight in self.raw.fetch(conn, _SHARED, list(story_ids), terms):
            out.setdefault(story_id, {})[term_id] = weight
        return out

    def find_headlines(self, conn: Connection, keys: Iterable[HeadlineKey]) -> dict[str, list[tuple[int, str]]]:
        """Stories whose stored headline key equals one of ``keys``' prefixes: {stored key: [(id, headline)]},
        stories in the trash left out, the most recently published (else created) first.
        """
        stored = sorted({k.stored for k in keys if k.full})
        out: dict[str, list[tuple[int, str]]] = {}
        for chunk in chunks(stored, _IN_CHUNK):
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
        for chunk in chunks(list(story_ids), _IN_CHUNK):
            found.update(conn.scalars(select(_doc.c.story_id).where(_doc.c.story_id.in_(chunk))))
        return found

    def _apply_frequencies(self, conn: Connection, deltas: Mapping[str, int], new_docs: int) -> None:
        # Sorted, so that two writers on PostgreSQL lock terms in the same order and never deadlock.
        self.raw.executemany(conn, _UPSERT_TERM, sorted((t, d) for t, d in deltas.items() if d > 0))
        larger = "greatest" if self.raw.postgresql else "max"
        self.raw.executemany(
            conn,
            f"UPDATE related_term SET df = {larger}(df - ?, 0) WHERE term = ?",
            sorted(((-d, t) for t, d in deltas.items() if d < 0), key=_2nd),
        )
        if new_docs:
            result = conn.execute(
                _stats.update().where(_stats.c.id == 1).values(documents=_stats.c.documents + new_docs)
            )
            if result.rowcount == 0:
                conn.execute(insert(_stats).values(id=1, documents=max(new_docs, 0)))

    def _vocabulary(self, conn: Connection, terms: Iterable[str]) -> dict[str, tuple[int, int]]:
        """{term: (id, df)} for those of ``terms`` the vocabulary has."""
        wanted = sorted(set(terms))
        out: dict[str, tuple[int, int]] = {}
        for chunk in chunks(wanted, 5000):
            for term_id, term, df in self.raw.fetch(conn, _VOCABULARY, chunk):
                out[term] = (term_id, df)
        return out

    def _drop_signatures(self, conn: Connection, story_ids: Sequence[int]) -> None:
        for chunk in chunks(list(story_ids), _IN_CHUNK):
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
        df = {t: v[1] for t, v in vocabulary.items()}
        sig_rows = []
        doc_rows = []
        for story_id, counts, key in items:
            for term, weight in signature(counts, df, documents).items():
                entry = vocabulary.get(term)
                if entry is not None:
                    sig_rows.append((story_id, entry[0], weight))
            doc_rows.append((story_id, documents, key))
        self.raw.executemany(conn, _INSERT_SIGNATURE, sig_rows)
        self.raw.executemany(conn, _INSERT_DOC, doc_rows)

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


def _2nd(pair: Sequence[Any]) -> Any:
    return pair[1]
