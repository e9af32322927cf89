"""Desk commands: people and roles, assignments, comments, and ``watch`` (changes as they happen)."""

from __future__ import annotations

import argparse
import getpass
import signal
import sys
from datetime import datetime

from curator.commands.context import CommandContext
from curator.commands.output import print_json, short_time
from curator.core.errors import CuratorError
from curator.domain.desk import AssignmentRole, Comment, Role


def cmd_people(ctx: CommandContext, args: argparse.Namespace) -> int:
    people = ctx.library.desk.people
    if args.people_action == "join":
        name = args.name or ctx.actor
        if not name:
            raise CuratorError("who is joining? give a name (curator people join NAME) or --as NAME")
        try:
            login = getpass.getuser()
        except (KeyError, OSError):
            login = ""
        person = people.join(name, role=Role.parse(args.role), initials=args.initials or "", login=login)
        print(f"{person.name} ({person.initials}) is on the desk as {person.role.label.lower()}")
        return 0
    if args.people_action == "guard":
        from curator.db.desk_roles import install_role_guards

        lib = ctx.library
        assert lib.engine is not None
        schema = install_role_guards(lib.engine)
        print(f"the database enforces the desk's rights in schema {schema!r} (roles curator_member, curator_editor)")
        return 0
    if args.people_action == "grant":
        from curator.db.desk_roles import grant_login

        lib = ctx.library
        assert lib.engine is not None
        grant_login(lib.engine, args.login, editor=args.editor)
        print(f"database login {args.login!r} is a desk member{' and an editor' if args.editor else ''}")
        return 0
    if args.people_action == "role":
        person = people.set_role(args.name, Role.parse(args.role))
        print(f"{person.name} is now {person.role.label.lower()}")
        return 0
    everyone = people.all()
    if args.json:
        print_json(everyone)
    elif not everyone:
        print("nobody has joined this library's desk yet (curator people join NAME)", file=sys.stderr)
    for p in [] if args.json else everyone:
        print(f"{p.initials:<4} {p.name:<30} {p.role.label}")
    return 0


def _due(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CuratorError(f"--due: {text!r} is not a date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    return when if when.tzinfo else when.astimezone()


def cmd_assign(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story_id = lib.stories.resolve(args.ref)
    chosen = [(role, getattr(args, role.value)) for role in AssignmentRole if getattr(args, role.value)]
    for role, name in chosen:
        lib.desk.comments.assign(story_id, role, name, due_at=_due(args.due))
    for role in AssignmentRole if args.clear else ():
        lib.desk.comments.unassign(story_id, role)
    current = lib.desk.comments.assignments(story_id)
    if args.json:
        print_json(current)
        return 0
    for a in current:
        due = f"  due {short_time(a.due_at)}" if a.due_at else ""
        print(f"{a.role.value:<8} {a.person}{due}")
    if not current:
        print("nobody is assigned", file=sys.stderr)
    return 0


def _print_thread(c: Comment) -> None:
    where = "(passage deleted) " if c.orphaned else (f"on “{c.anchor.exact[:60]}” " if c.anchor else "")
    state = "resolved" if c.resolved else "open"
    print(f"#{c.id} [{state}] {where}— {c.author or 'someone'}, {short_time(c.created_at)}")
    print(f"    {c.body}")
    for r in c.replies:
        print(f"    ↳ #{r.id} {r.author or 'someone'}, {short_time(r.created_at)}: {r.body}")


def cmd_comments(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    comments = lib.desk.comments
    if args.mentions is not None:
        threads = comments.mentioning(args.mentions or ctx.actor)
    else:
        story_id = lib.stories.resolve(args.ref)
        if args.add:
            comments.add(story_id, args.add, quote=args.quote or "")
        threads = comments.threads(story_id)
    if args.reply is not None:
        target, text = args.reply
        if not target.isdigit():
            raise CuratorError(f"--reply: {target!r} is not a comment number")
        comments.reply(int(target), text)
    if args.resolve is not None:
        comments.resolve(args.resolve)
    if args.reopen is not None:
        comments.resolve(args.reopen, resolved=False)
    if args.ref and (args.reply or args.resolve or args.reopen or args.add):
        threads = comments.threads(lib.stories.resolve(args.ref))
    if args.json:
        print_json(threads)
        return 0
    for c in threads:
        _print_thread(c)
    if not threads:
        print("no comments", file=sys.stderr)
    return 0


def cmd_watch(ctx: CommandContext, args: argparse.Namespace) -> int:
    """Print the library's changes as they are committed, until interrupted (or --count events, --seconds)."""
    from curator.services.changes import ChangeWatcher

    lib = ctx.library
    watcher = ChangeWatcher(lib.desk.feed, include_own=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    seen = 0
    waited = 0.0
    try:
        while args.seconds is None or waited < args.seconds:
            for e in watcher.wait(1.0):
                if args.json:
                    print(_json_line(e), flush=True)
                else:
                    ids = ",".join(str(i) for i in e.story_ids)
                    print(f"{short_time(e.at)}  {e.person or '—':<20} {e.kind:<9} [{ids}] {e.summary}", flush=True)
                seen += 1
                if args.count and seen >= args.count:
                    return 0
            waited += 1.0
    finally:
        watcher.close()
    return 0


def _json_line(event: object) -> str:
    import json

    from curator.core.jsonable import jsonable

    return json.dumps(jsonable(event), ensure_ascii=False)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("people", parents=[common], help="the desk's people and their roles")
    people_sub = p.add_subparsers(dest="people_action", metavar="ACTION")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_people, people_action="list")
    j = people_sub.add_parser("join", parents=[common], help="join the desk (the first person may take any role)")
    j.add_argument("name", nargs="?", help="the name colleagues know (default: --as / the profile)")
    j.add_argument("--role", default="editor", help="reporter, editor, fact-checker or producer")
    j.add_argument("--initials")
    g = people_sub.add_parser("guard", parents=[common], help="PostgreSQL: make the database itself enforce rights")
    g = people_sub.add_parser("grant", parents=[common], help="PostgreSQL: put a database login in the desk's roles")
    g.add_argument("login", help="the member's PostgreSQL login")
    g.add_argument("--editor", action="store_true", help="may publish and purge (else a member without those)")
    r = people_sub.add_parser("role", parents=[common], help="change someone's role (editors only)")
    r.add_argument("name")
    r.add_argument("role")

    p = sub.add_parser("assign", parents=[common], help="assign a story's writer, editor or checker")
    p.add_argument("ref", help="story id, slug or UUID")
    for role in AssignmentRole:
        p.add_argument(f"--{role.value}", metavar="NAME", help=f"the story's {role.value}")
    p.add_argument("--due", metavar="WHEN", help="due date and time (YYYY-MM-DD[THH:MM])")
    p.add_argument("--clear", action="store_true", help="remove every assignment first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_assign)

    p = sub.add_parser("comments", parents=[common], help="a story's editorial comments (internal, never exported)")
    p.add_argument("ref", nargs="?", help="story id, slug or UUID")
    p.add_argument("--add", metavar="TEXT", help="add a comment")
    p.add_argument("--quote", metavar="PASSAGE", help="the passage the new comment is about")
    p.add_argument("--reply", nargs=2, metavar=("COMMENT", "TEXT"))
    p.add_argument("--resolve", type=int, metavar="COMMENT")
    p.add_argument("--reopen", type=int, metavar="COMMENT")
    p.add_argument("--mentions", nargs="?", const="", metavar="NAME", help="comments naming NAME (or you) with @")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_comments)

    p = sub.add_parser("watch", parents=[common], help="print changes to the library as they happen")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--count", type=int, help="stop after this many changes")
    p.add_argument("--seconds", type=float, help="stop after this long")
    p.set_defaults(handler=cmd_watch)
