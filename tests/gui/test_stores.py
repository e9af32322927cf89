"""The recovery store, the start-up list snapshot, and the diff shown for conflicts and history."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from curator.core.status import Status
from curator.domain.stories import Scope, Sort, StoryFields, StorySummary
from curator.gui.dialogs.conflict import MINE_MARK, THEIRS_MARK, marked_merge
from curator.gui.dialogs.diff_view import body_diff, story_diff_html
from curator.gui.models.story_table import ListQuery
from curator.gui.recovery import RecoveryStore
from curator.gui.snapshot import read_snapshot, write_snapshot


def test_recovery_keeps_drafts_per_library_and_owner(tmp_path: Path) -> None:
    path = tmp_path / "recovery.sqlite"
    mine = RecoveryStore(path, "sqlite:///a.sqlite")
    other_library = RecoveryStore(path, "sqlite:///b.sqlite")
    fields = StoryFields(headline="Переговоры", body="Текст с неразрывным\u00a0пробелом.", tags=("Дипломатия",))
    mine.put(7, 3, fields)
    other_library.put(7, 1, StoryFields(headline="Other"))
    [draft] = mine.mine()
    assert draft.story_id == 7 and draft.base_version == 3
    assert draft.fields.body == fields.body and draft.fields.tags == ("Дипломатия",)
    assert mine.orphans() == []  # it is ours, and we are running
    # Another app on the same machine that has since died left this row: it is an orphan for the next one.
    later = RecoveryStore(path, "sqlite:///a.sqlite")
    assert [d.story_id for d in later.orphans()] == [7]
    later.adopt([7])
    assert [d.story_id for d in later.mine()] == [7] and mine.mine() == []
    later.clear()
    assert later.orphans() == [] and later.mine() == []
    assert [d.headline for d in other_library.mine()] == ["Other"]


def _summary(i: int) -> StorySummary:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    return StorySummary(
        id=i,
        uuid=f"u{i}",
        slug=f"s{i}",
        headline=f"Story {i}",
        status=Status.READY,
        byline="",
        outlet_name="",
        tags=("A",),
        word_count=10,
        created_at=now,
        updated_at=now,
        published_at=None,
        deleted_at=None,
        version=1,
        seq=i,
    )


def test_the_snapshot_is_used_only_while_the_library_file_is_unchanged(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    library.write_bytes(b"x" * 100)
    url = f"sqlite:///{library}"
    query = ListQuery("tag:a", Scope.ACTIVE, Sort.HEADLINE, False)
    rows = [_summary(i) for i in range(3)]
    write_snapshot(tmp_path / "cache", url, query, rows)
    assert read_snapshot(tmp_path / "cache", url) == (query, rows)
    assert read_snapshot(tmp_path / "cache", f"sqlite:///{tmp_path / 'other.sqlite'}") is None
    # Another program writes to the library: the remembered rows may be wrong, so they are not shown.
    library.write_bytes(b"y" * 120)
    assert read_snapshot(tmp_path / "cache", url) is None
    write_snapshot(tmp_path / "cache", url, query, rows)
    Path(f"{library}-wal").write_bytes(b"pending")
    assert read_snapshot(tmp_path / "cache", url) is None
    os.remove(f"{library}-wal")
    assert read_snapshot(tmp_path / "cache", "postgresql://desk/curator") is None


def test_the_diff_marks_changed_words_inside_paragraphs() -> None:
    old = "First paragraph stays.\n\nThe talks ended on Tuesday.\n\nLast one."
    new = "First paragraph stays.\n\nThe talks ended on Wednesday.\n\nLast one.\n\nAdded."
    html, changed = body_diff(old, new)
    assert changed == 2
    assert '<span class="del">Tuesday</span><span class="ins">Wednesday</span>' in html
    assert '<span class="ins">Added.</span>' in html
    page = story_diff_html(
        StoryFields(headline="Old", body=old),
        StoryFields(headline="New", body=new),
        old_label="a",
        new_label="b",
        dark=False,
    )
    assert "Headline" in page


def test_a_marked_merge_keeps_both_sides() -> None:
    merged = marked_merge("Shared.\nMine only.\nShared end.", "Shared.\nTheirs only.\nShared end.")
    lines = merged.split("\n")
    assert lines[0] == "Shared." and lines[-1] == "Shared end."
    assert MINE_MARK in lines and THEIRS_MARK in lines
    assert "Mine only." in lines and "Theirs only." in lines
