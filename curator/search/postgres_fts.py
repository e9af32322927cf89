"""Full-text search on PostgreSQL with tsvector columns and GIN indexes.

Text arrives folded and tokenised exactly as for SQLite, and is parsed with the ``simple`` configuration (no
stemming), so a query finds the same stories on either database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Double,
    Select,
    and_,
    cast,
    column,
    func,
    literal_column,
    not_,
    or_,
    select,
)
from sqlalchemy import table as table_clause
from sqlalchemy.dialects.postgresql import TSVECTOR

from curator.search.index import FullTextIndex, IndexDoc, SqlColumn, TextMatch
from curator.search.query import Term

FTS_TABLE = "story_fts"
_FIELD_COLUMNS = {None: "document", "headline": "headline", "byline": "byline", "outlet": "outlet"}
_SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")

_fts = table_clause(
    FTS_TABLE,
    column("seq", BigInteger),
    column("document", TSVECTOR),
    column("headline", TSVECTOR),
    column("byline", TSVECTOR),
    column("outlet", TSVECTOR),
)


def _tsquery_text(term: Term) -> str:
    # Tokens are runs of letters and digits: quoting them needs no escaping.
    parts = [f"'{tok}'" for tok in term.tokens]
    if term.prefix:
        parts[-1] += ":*"
    return " <-> ".join(parts) if len(parts) > 1 else parts[0]


def _condition(term: Term) -> ColumnElement:
    col = _fts.c[_FIELD_COLUMNS.get(term.field, "document")]
    return col.bool_op("@@")(func.to_tsquery(_SIMPLE, _tsquery_text(term)))


class PostgresFts(FullTextIndex):
    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {FTS_TABLE} ("
            " seq BIGINT PRIMARY KEY, document TSVECTOR NOT NULL, headline TSVECTOR NOT NULL,"
            " byline TSVECTOR NOT NULL, outlet TSVECTOR NOT NULL)"
        )
        for name in ("document", "headline", "byline", "outlet"):
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{FTS_TABLE}_{name} ON {FTS_TABLE} USING GIN ({name})")

    def drop(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def add(self, conn: Connection, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (seq, document, headline, byline, outlet) VALUES ("
            " %(seq)s,"
            " setweight(to_tsvector('simple', %(headline)s), 'A')"
            " || setweight(to_tsvector('simple', %(dek)s), 'B')"
            " || setweight(to_tsvector('simple', %(byline)s), 'C')"
            " || setweight(to_tsvector('simple', %(outlet)s), 'C')"
            " || setweight(to_tsvector('simple', %(body)s), 'D'),"
            " to_tsvector('simple', %(headline)s), to_tsvector('simple', %(byline)s),"
            " to_tsvector('simple', %(outlet)s))",
            [
                {
                    "seq": d.seq,
                    "headline": d.headline,
                    "dek": d.dek,
                    "body": d.body,
                    "byline": d.byline,
                    "outlet": d.outlet,
                }
                for d in docs
            ],
        )

    def remove(self, conn: Connection, seqs: Sequence[int]) -> None:
        if seqs:
            conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE seq = %(seq)s", [{"seq": s} for s in seqs])

    def match(self, stmt: Select, seq_column: SqlColumn, terms: Sequence[Term]) -> TextMatch:
        conditions = [_condition(t) if not t.negated else not_(_condition(t)) for t in terms]
        matched = stmt.join(_fts, _fts.c.seq == seq_column).where(and_(*conditions))
        positive_all_text = [t for t in terms if not t.negated and t.field is None]
        rank_terms = positive_all_text or [t for t in terms if not t.negated]
        query_text = " & ".join(f"({_tsquery_text(t)})" for t in rank_terms)
        # float8, so the score survives the trip to Python and back exactly (keyset cursors compare it).
        score = cast(-func.ts_rank(_fts.c.document, func.to_tsquery(_SIMPLE, query_text)), Double)
        return TextMatch(stmt=matched, recency=seq_column, score=score)

    def excluding(self, seq_column: SqlColumn, terms: Sequence[Term]) -> ColumnElement:
        positive = [Term(t.tokens, t.field, t.prefix, negated=False) for t in terms]
        hits = select(_fts.c.seq).where(or_(*[_condition(t) for t in positive]))
        return seq_column.not_in(hits)
