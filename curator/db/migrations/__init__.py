"""Alembic migrations of the story library, shipped inside the package."""
