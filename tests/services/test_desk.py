"""The shared desk in the services: people and rights, merges instead of conflicts, the change feed seen by another
process, presence that ends with its process, comments that keep their passages, and assignments."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from curator.core.status import Status
from curator.domain.desk import AssignmentRole, Role
from curator.domain.errors import ConflictError
from curator.domain.stories import StoryFields
from curator.services import presence as presence_module
from curator.services.changes import ChangeWatcher
from curator.services.library import Library
from curator.services.people import PermissionDeniedError
from tests.conftest import NO_WRITING_GATE

BODY = "The talks ended late on Tuesday.\n\nBoth sides called them useful.\n\nA second round is planned for May.\n"


def _desk(url: str) -> tuple[Library, Library]:
    """An editor's and a reporter's library on the same database."""
    aliya = Library.open(url, actor="Aliya Nurlanova")
    aliya.desk.people.join("Aliya Nurlanova", role=Role.EDITOR)
    aliya.desk.people.join("Dana Kim", role=Role.REPORTER)
    return aliya, Library.open(url, actor="Dana Kim")


@pytest.fixture
def desk(db_url: str):  # type: ignore[no-untyped-def]
    aliya, dana = _desk(db_url)
    yield aliya, dana
    aliya.close()
    dana.close()


def test_non_overlapping_edits_merge_with_no_word_lost(desk) -> None:  # type: ignore[no-untyped-def]
    aliya, dana = desk
    story = aliya.stories.create(StoryFields(headline="Talks end", body=BODY), author="Aliya Nurlanova").story
    opened = story.version
    aliya.stories.save(
        story.id,
        story.fields().replace(body=BODY.replace("late on Tuesday", "late on Tuesday night")),
        base_version=opened,
        author="Aliya Nurlanova",
    )
    result = dana.stories.save(
        story.id,
        story.fields().replace(body=BODY.replace("for May", "for early May"), tags=("Diplomacy",)),
        base_version=opened,
        author="Dana Kim",
    )
    assert result.merged_with == opened + 1
    assert "late on Tuesday night" in result.story.body and "for early May" in result.story.body
    assert result.story.tags == ("Diplomacy",)
    note = dana.revisions.history(story.id)[0].note
    assert "merged with version 2 by Dana Kim" in note


def test_overlapping_edits_still_conflict_and_name_the_passage(desk) -> None:  # type: ignore[no-untyped-def]
    aliya, dana = desk
    story = aliya.stories.create(StoryFields(headline="Talks end", body=BODY)).story
    aliya.stories.save(story.id, story.fields().replace(body=BODY.replace("useful", "productive")), base_version=1)
    with pytest.raises(ConflictError) as caught:
        dana.stories.save(story.id, story.fields().replace(body=BODY.replace("useful", "pointless")), base_version=1)
    (overlap,) = caught.value.overlaps
    assert "productive" in overlap.theirs and "pointless" in overlap.mine and overlap.field == "body"
    assert aliya.stories.get(story.id).body == BODY.replace("useful", "productive").strip()


def test_a_reporter_cannot_publish_or_purge_but_an_editor_can(desk) -> None:  # type: ignore[no-untyped-def]
    aliya, dana = desk
    story = dana.stories.create(StoryFields(headline="Grain deal", body="Signed.")).story
    with pytest.raises(PermissionDeniedError, match="Dana Kim \\(reporter\\) cannot move stories to Published"):
        dana.stories.set_status([story.id], Status.PUBLISHED, override_reason="test")
    assert dana.stories.get(story.id).status is Status.DRAFT
    dana.stories.trash([story.id])
    with pytest.raises(PermissionDeniedError, match="cannot delete stories for good"):
        dana.stories.purge([story.id])
    with pytest.raises(PermissionDeniedError):
        dana.desk.people.set_role("Dana Kim", Role.EDITOR)
    aliya.stories.restore([story.id])
    aliya.stories.set_status([story.id], Status.PUBLISHED, override_reason="checked by phone")
    assert aliya.stories.get(story.id).status is Status.PUBLISHED


def test_a_library_with_no_people_is_one_persons_and_allows_everything(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="Solo", body="Text.")).story
    library.stories.set_status([story.id], Status.PUBLISHED, override_reason="solo")
    library.stories.trash([story.id])
    library.stories.purge([story.id])


def test_comments_keep_their_passage_through_edits_merges_and_deletion(desk) -> None:  # type: ignore[no-untyped-def]
    aliya, dana = desk
    story = aliya.stories.create(StoryFields(headline="Talks end", body=BODY)).story
    comment = dana.desk.comments.add(story.id, "Who said so? @Aliya", quote="called them useful")
    assert comment.mentions == ("Aliya Nurlanova",) and comment.anchor is not None
    reply = aliya.desk.comments.reply(comment.id, "The foreign ministry, on the record.")
    # An edit before the passage and a merged edit elsewhere: the passage moves, the anchor follows.
    v2 = aliya.stories.save(story.id, story.fields().replace(body="Update.\n\n" + BODY), base_version=1).story
    dana.stories.save(story.id, story.fields().replace(body=BODY.replace("for May", "for June")), base_version=1)
    body = aliya.stories.get(story.id).body
    (thread,) = aliya.desk.comments.threads(story.id)
    assert thread.anchor is not None and body[thread.anchor.start : thread.anchor.end] == "called them useful"
    assert [r.id for r in thread.replies] == [reply.id]
    # Deleting the passage leaves the comment as an orphan, never dropped.
    current = aliya.stories.get(story.id)
    aliya.stories.save(
        story.id,
        current.fields().replace(body=body.replace("Both sides called them useful.\n\n", "")),
        base_version=current.version,
    )
    (thread,) = aliya.desk.comments.threads(story.id)
    assert thread.orphaned and thread.body == "Who said so? @Aliya"
    assert [c.id for c in aliya.desk.comments.mentioning("Aliya Nurlanova")] == [comment.id]
    aliya.desk.comments.resolve(comment.id)
    assert aliya.desk.comments.open_count(story.id) == 0
    assert v2.version == 2


def test_assignments_and_the_unassigned(desk) -> None:  # type: ignore[no-untyped-def]
    aliya, _dana = desk
    a = aliya.stories.create(StoryFields(headline="A", body="a")).story
    b = aliya.stories.create(StoryFields(headline="B", body="b")).story
    aliya.desk.comments.assign(a.id, AssignmentRole.CHECKER, "dana kim")
    assert aliya.desk.comments.assigned_to("Dana Kim") == [a.id]
    assert aliya.desk.comments.unassigned() == [b.id]
    (assignment,) = aliya.desk.comments.assignments(a.id)
    assert assignment.person == "Dana Kim" and assignment.assigned_by == "Aliya Nurlanova"
    kinds = [e.kind for e in aliya.desk.feed.for_story(a.id)]
    assert kinds == ["assigned", "created"]


_WATCHER = """
import sys
from curator.services.changes import ChangeWatcher
from curator.services.library import Library
with Library.open(sys.argv[1], actor="Watcher") as lib:
    watcher = ChangeWatcher(lib.desk.feed)
    print("ready", flush=True)
    events = []
    while not events:
        events = watcher.wait(10)
    print(events[0].person, events[0].kind, events[0].story_ids[0], flush=True)
    watcher.close()
"""


def test_a_save_in_one_process_is_seen_by_another(db_url: str) -> None:
    aliya, dana = _desk(db_url)
    try:
        story = aliya.stories.create(StoryFields(headline="Live", body="One.")).story
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.Popen([sys.executable, "-c", _WATCHER, db_url], stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        started = time.monotonic()
        dana.stories.save(story.id, story.fields().replace(body="Two."), base_version=story.version)
        line = proc.stdout.readline().strip()
        proc.wait(timeout=20)
        assert line == f"Dana Kim saved {story.id}"
        assert time.monotonic() - started < 10
    finally:
        aliya.close()
        dana.close()


_PRESENT = """
import sys, time
from curator.services.library import Library
with Library.open(sys.argv[1]) as lib:
    lib.desk.presence.heartbeat("client-b", "Dana Kim", int(sys.argv[2]))
    print("editing", flush=True)
    time.sleep(600)
"""


def test_presence_shows_who_is_editing_and_ends_when_the_process_is_killed(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    aliya, dana = _desk(db_url)
    try:
        story = aliya.stories.create(StoryFields(headline="Live", body="One.")).story
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.Popen(
            [sys.executable, "-c", _PRESENT, db_url, str(story.id)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "editing"
        (seen,) = aliya.desk.presence.editing([story.id], exclude_client="client-a")
        assert seen.person == "Dana Kim" and seen.story_id == story.id
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # No more heartbeats: gone once the timeout passes (shortened here from 60 s).
        monkeypatch.setattr(presence_module, "TIMEOUT", timedelta(seconds=1))
        time.sleep(1.2)
        assert aliya.desk.presence.editing([story.id]) == []
    finally:
        aliya.close()
        dana.close()


def test_watcher_ignores_its_own_changes_unless_asked(tmp_path: Path) -> None:
    with Library.open(f"sqlite:///{tmp_path / 'l.sqlite'}", actor="Solo") as lib:
        own = ChangeWatcher(lib.desk.feed)
        everything = ChangeWatcher(lib.desk.feed, include_own=True)
        lib.stories.create(StoryFields(headline="Mine", body="x"))
        assert own.wait(0.2) == []
        assert [e.kind for e in everything.wait(0.2)] == ["created"]
        own.close()
        everything.close()


@pytest.mark.pg
def test_the_database_itself_refuses_a_reporters_publish_or_delete(pg_url: str) -> None:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from curator.db.desk_roles import grant_login, install_role_guards

    reporter, editor = f"rep_{uuid.uuid4().hex[:8]}", f"ed_{uuid.uuid4().hex[:8]}"
    with Library.open(pg_url) as lib:
        story = lib.stories.create(StoryFields(headline="Guarded", body="Text.")).story
        assert lib.engine is not None
        admin = create_engine(make_url(pg_url), poolclass=NullPool)  # SET ROLE must not outlive its connection
        with admin.begin() as conn:
            conn.execute(text(f"CREATE ROLE {reporter} NOLOGIN"))
            conn.execute(text(f"CREATE ROLE {editor} NOLOGIN"))
        try:
            install_role_guards(lib.engine)
            grant_login(lib.engine, reporter, editor=False)
            grant_login(lib.engine, editor, editor=True)
            with admin.connect() as conn:
                conn.execute(text(f"SET ROLE {reporter}"))
                conn.execute(text("UPDATE story SET headline = 'Reporters may edit' WHERE id = :i"), {"i": story.id})
                conn.commit()
                for statement in (
                    "UPDATE story SET status = 'published' WHERE id = :i",
                    "DELETE FROM story WHERE id = :i",
                ):
                    with pytest.raises(DBAPIError) as caught:
                        conn.execute(text(statement), {"i": story.id})
                    assert getattr(caught.value.orig, "sqlstate", None) == "42501"
                    conn.rollback()
                    conn.execute(text(f"SET ROLE {reporter}"))
                conn.execute(text(f"SET ROLE {editor}"))
                conn.execute(text("UPDATE story SET status = 'published' WHERE id = :i"), {"i": story.id})
                conn.commit()
            assert lib.stories.get(story.id).status is Status.PUBLISHED
            assert lib.stories.get(story.id).headline == "Reporters may edit"
        finally:
            with admin.begin() as conn:
                conn.execute(text("DROP TRIGGER IF EXISTS curator_guard_story ON story"))
                for role in (reporter, editor):
                    conn.execute(text(f"DROP OWNED BY {role}"))
                    conn.execute(text(f"DROP ROLE {role}"))
            admin.dispose()


def test_open_comments_hold_ready_when_the_desk_says_so(db_url: str, tmp_path: Path) -> None:
    from curator.domain.errors import StatusGateError

    (tmp_path / "settings.toml").write_text(
        '[desk]\ncomments_hold_ready = true\nrights = { publish = ["editor", "producer"] }\n', encoding="utf-8"
    )
    # The writing gate is tested in tests/writing; here only the comments hold the story back.
    with Library.open(db_url, config_dir=tmp_path, actor="Marat", writing_settings=NO_WRITING_GATE) as lib:
        lib.desk.people.join("Marat", role=Role.PRODUCER)
        fields = StoryFields(headline="Held", byline="Marat", body="Plain text with no sources.")
        story = lib.stories.create(fields).story
        comment = lib.desk.comments.add(story.id, "Check the figure first", quote="Plain text")
        with pytest.raises(StatusGateError, match="1 open comment"):
            lib.stories.set_status([story.id], Status.READY)
        lib.desk.comments.resolve(comment.id)
        lib.stories.set_status([story.id], Status.READY)
        lib.stories.set_status([story.id], Status.PUBLISHED)  # producers may publish on this desk
