"""Search: the query syntax and the full-text index backends (SQLite FTS5, PostgreSQL tsvector)."""
