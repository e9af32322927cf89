"""Full-text search on SQLite with FTS5.

The index's rowid is the story's change sequence number, so "newest first" is a rowid-descending walk that
stops after one page, however common the word. Prefix indexes of 1–3 characters keep type-as-you-go prefixes
cheap. Text arrives folded and tokenised (see :class:`IndexDoc`), so both backends match alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    select,
)
from sqlalchemy import table as table_clause
from sqlalchemy import text as sql_text

from curator.search.index import FullTextIndex, IndexDoc, SqlColumn, TextMatch
from curator.search.query import Term

FTS_TABLE = "story_fts"
_COLUMNS = ("headline", "dek", "body", "byline", "outlet")
# bm25 weights in column order: a word in the headline counts far more than one in the body.
_WEIGHTS = (10.0, 4.0, 1.0, 3.0, 3.0)
_FIELD_COLUMNS = {"headline": "headline", "byline": "byline", "outlet": "outlet"}

_fts = table_clause(FTS_TABLE, column("rowid", BigInteger))


def _phrase(term: Term) -> str:
    # Tokens are runs of letters and digits, so they never carry a quote that needs escaping.
    expr = '"' + " ".join(term.tokens) + '"'
    if term.prefix:
        expr += " *"
    column_name = _FIELD_COLUMNS.get(term.field or "")
    if column_name:
        expr = f"{column_name} : {expr}"
    return expr


def match_expression(terms: Sequence[Term]) -> str:
    """An FTS5 MATCH string for ``terms`` (all must hold; negated ones must not)."""
    positive = [_phrase(t) for t in terms if not t.negated]
    negative = [_phrase(t) for t in terms if t.negated]
    if not positive:
        raise ValueError("an FTS5 match needs at least one positive term")
    expr = " AND ".join(f"({p})" for p in positive)
    if negative:
        expr = f"({expr}) NOT ({' OR '.join(f'({n})' for n in negative)})"
    return expr


class SqliteFts(FullTextIndex):
    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            + ", ".join(_COLUMNS)
            + ", tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
        )

    def drop(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def add(self, conn: Connection, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (rowid, headline, dek, body, byline, outlet) VALUES (?, ?, ?, ?, ?, ?)",
            [(d.seq, d.headline, d.dek, d.body, d.byline, d.outlet) for d in docs],
        )

    def remove(self, conn: Connection, seqs: Sequence[int]) -> None:
        if seqs:
            conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [(s,) for s in seqs])

    def match(self, stmt: Select, seq_column: SqlColumn, terms: Sequence[Term]) -> TextMatch:
        matched = stmt.join(_fts, _fts.c.rowid == seq_column).where(
            sql_text(f"{FTS_TABLE} MATCH :fts_match").bindparams(fts_match=match_expression(terms))
        )
        score = func.bm25(literal_column(FTS_TABLE), *_WEIGHTS)
        return TextMatch(stmt=matched, recency=_fts.c.rowid, score=score)

    def excluding(self, seq_column: SqlColumn, terms: Sequence[Term]) -> ColumnElement:
        positive = [Term(t.tokens, t.field, t.prefix, negated=False) for t in terms]
        expr = " OR ".join(f"({_phrase(t)})" for t in positive)
        hits = select(_fts.c.rowid).where(
            sql_text(f"{FTS_TABLE} MATCH :fts_exclude").bindparams(bindparam("fts_exclude", expr))
        )
        return seq_column.not_in(hits)
