"""On PostgreSQL, the desk's rights enforced by the database itself, so a client using another tool cannot bypass
them: every member's database login is in the group role ``curator_member``; editors' logins are also in
``curator_editor``. A trigger on the story table refuses, for anyone not in ``curator_editor``, to move a story to
Published or to delete one (SQLSTATE 42501, insufficient privilege).

``curator db roles setup`` installs the group roles, their grants and the trigger (run it once per library, as the
database's owner); ``curator db roles grant LOGIN --role editor`` puts a member's login in the right group.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from curator.core.errors import CuratorError

MEMBER_ROLE = "curator_member"
EDITOR_ROLE = "curator_editor"

_GUARD = f"""
CREATE OR REPLACE FUNCTION curator_guard_story() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
    IF pg_has_role(current_user, '{EDITOR_ROLE}', 'MEMBER') THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'only editors can delete stories for good' USING ERRCODE = '42501';
    END IF;
    IF NEW.status = 'published' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'published') THEN
        RAISE EXCEPTION 'only editors can move stories to Published' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$guard$
"""


def _require_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise CuratorError("database roles are a PostgreSQL feature; a SQLite library relies on Curator's own checks")


def install_role_guards(engine: Engine) -> str:
    """Create the group roles (if missing), grant them the library's tables, and install the story trigger.
    Returns the schema it was installed in."""
    _require_postgres(engine)
    with engine.begin() as conn:
        schema = str(conn.execute(text("SELECT current_schema()")).scalar())
        conn.execute(
            text(
                f"""
                DO $roles$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER_ROLE}') THEN
                        CREATE ROLE {MEMBER_ROLE} NOLOGIN;
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{EDITOR_ROLE}') THEN
                        CREATE ROLE {EDITOR_ROLE} NOLOGIN IN ROLE {MEMBER_ROLE};
                    END IF;
                END $roles$
                """
            )
        )
        quoted = '"' + schema.replace('"', '""') + '"'
        conn.execute(text(f"GRANT USAGE ON SCHEMA {quoted} TO {MEMBER_ROLE}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {quoted} TO {MEMBER_ROLE}"))
        conn.execute(text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {quoted} TO {MEMBER_ROLE}"))
        conn.execute(text(_GUARD))
        conn.execute(text("DROP TRIGGER IF EXISTS curator_guard_story ON story"))
        conn.execute(
            text(
                "CREATE TRIGGER curator_guard_story BEFORE INSERT OR UPDATE OR DELETE ON story "
                "FOR EACH ROW EXECUTE FUNCTION curator_guard_story()"
            )
        )
    return schema


def grant_login(engine: Engine, login: str, *, editor: bool) -> None:
    """Make the database login ``login`` a member of the desk (and an editor, or not)."""
    _require_postgres(engine)
    quoted = '"' + login.replace('"', '""') + '"'
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login}).scalar()
        if not exists:
            raise CuratorError(f"the database has no login called {login!r}; create it first (CREATE ROLE … LOGIN)")
        conn.execute(text(f"GRANT {MEMBER_ROLE} TO {quoted}"))
        conn.execute(text(f"{'GRANT' if editor else 'REVOKE'} {EDITOR_ROLE} {'TO' if editor else 'FROM'} {quoted}"))
