"""Alembic environment: migrations always run on a connection handed in by curator.db.migrate.

The migration scripts are frozen DDL and SQL: nothing here loads the ORM models, so a migration runs the same
whatever today's models look like (``tests/db/test_migrate.py`` checks that the models match the result).
"""

from __future__ import annotations

from alembic import context


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Curator migrations run through curator.db.migrate, not the alembic command line")
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
