"""Alembic environment: migrations always run on a connection handed in by curator.db.migrate."""

from __future__ import annotations

from alembic import context

from curator.db import models  # noqa: F401  (registers the tables on the metadata)
from curator.db.base import Base
from curator.db.migrate import include_object


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Curator migrations run through curator.db.migrate, not the alembic command line")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
