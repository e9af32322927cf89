"""The query syntax parser, and its translation to FTS5 for any input."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.status import Status
from curator.search.query import Query, QuerySyntaxError, Term, parse
from curator.search.sqlite_fts import SqliteFts, match_expression


def test_words_phrases_prefixes_and_exclusions() -> None:
    q = parse('grain "joint statement" пер* -drone')
    assert q.terms == (
        Term(("grain",)),
        Term(("joint", "statement")),
        Term(("пер",), prefix=True),
        Term(("drone",), negated=True),
    )


def test_fields_and_filters() -> None:
    q = parse('tag:"Central Asia" -tag:sport status:fact-check byline:Aliya outlet:orda.kz after:2025-03 before:2026')
    assert q.tags == ("central asia",)
    assert q.excluded_tags == ("sport",)
    assert q.statuses == (Status.FACT_CHECK,)
    assert q.terms == (Term(("aliya",), field="byline"), Term(("orda", "kz"), field="outlet"))
    assert q.after == datetime(2025, 3, 1, tzinfo=UTC)
    assert q.before == datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "   ", "-", "*", '""', "- - -", "***", "—"])
def test_text_without_words_is_an_empty_query(text: str) -> None:
    assert parse(text).is_empty


def test_odd_input_is_read_leniently() -> None:
    assert parse("foo:bar").terms == (Term(("foo", "bar")),)
    assert parse("CAFÉ").terms == (Term(("cafe",)),)


@pytest.mark.parametrize("text", ["status:nope", "before:yesterday", "after:2025-02-30", "before:2025-13"])
def test_meaningless_values_are_errors_naming_the_field(text: str) -> None:
    with pytest.raises(QuerySyntaxError, match=text.split(":")[0]):
        parse(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tag:", "tag: needs a value right after the colon"),
        ("grain tag: exports", "tag: needs a value"),
        ("-status:", "status: needs a value"),
        ('tag:""', "tag: the quotes are empty"),
        ('"joint statement', 'the quote in "joint statement is not closed'),
        ('talks "', "is not closed"),
    ],
)
def test_a_field_without_a_value_and_an_unclosed_quote_are_errors_saying_why(text: str, reason: str) -> None:
    with pytest.raises(QuerySyntaxError, match=reason):
        parse(text)


@pytest.fixture(scope="module")
def fts_connection() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE story_fts USING fts5(headline, dek, body, byline, outlet,"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    conn.execute("INSERT INTO story_fts VALUES ('a headline', 'dek', 'body text', 'aliya', 'orda kz')")
    return conn


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_input_parses_or_fails_cleanly_and_runs_on_fts5(fts_connection: sqlite3.Connection, text: str) -> None:
    try:
        q = parse(text)
    except QuerySyntaxError:
        return
    assert isinstance(q, Query)
    positive = [t for t in q.terms if not t.negated]
    if positive:
        # Whatever the user typed, the FTS5 expression is valid syntax.
        fts_connection.execute("SELECT rowid FROM story_fts WHERE story_fts MATCH ?", (match_expression(q.terms),))


def test_match_expression_shapes() -> None:
    q = parse('a "b c" d* -e byline:f')
    assert match_expression(q.terms) == '(("a") AND ("b c") AND ("d" *) AND (byline : "f")) NOT (("e"))'
    assert isinstance(SqliteFts(), SqliteFts)
