"""A library from before fact-checking is upgraded to the fact-check schema, and its stories get their findings
when first looked at."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from curator.core.status import Status
from curator.db.engine import make_engine
from curator.db.migrate import alembic_config
from curator.domain.errors import StatusGateError
from curator.services.library import Library


def _library_at_0002(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        now = datetime(2025, 3, 25, 12, 0)
        conn.exec_driver_sql(
            "INSERT INTO story (uuid, slug, headline, dek, body, status, status_rank, byline, original_author,"
            " outlet_name, outlet_url, photo, photo_credit, photo_caption, language, extra, created_at,"
            " updated_at, version, seq, sort_key, word_count) VALUES"
            " (?, 'talks', 'Talks end', '', ?, 'copy_edit', 2, '', '', '', '', '', '', '', 'en', '{}', ?, ?, 1, 1,"
            " 'talks end', 9)",
            (str(uuid.uuid4()), "Talks ended without a statement, Steppe Wire reports.", now, now),
        )
    engine.dispose()


def test_upgrade_adds_the_tables_and_old_stories_are_worked_out_on_first_look(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _library_at_0002(path)
    with Library.open(f"sqlite:///{path}") as library:
        state = library.state
        assert state is not None and state.upgraded_from == "0002" and state.backup is not None
        tables = set(inspect(library.engine).get_table_names())
        assert {"factcheck_source", "factcheck_finding", "factcheck_claim", "factcheck_evidence"} <= tables
        story_id = library.stories.resolve("talks")
        # The gate works the story out before judging it.
        with pytest.raises(StatusGateError) as caught:
            library.stories.set_status([story_id], Status.READY)
        assert caught.value.blocks[0].problems == ("1 unverified attribution",)
        (finding,) = library.factcheck.findings(story_id)
        assert finding.text == "Steppe Wire reports" and finding.source_name == "Steppe Wire"
