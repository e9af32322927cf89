"""Story commands: list, search, show, new, status, trash, restore, purge, history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.commands.context import CommandContext
from curator.commands.output import print_json, print_summaries, short_time
from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.domain.errors import StatusGateError
from curator.domain.stories import Page, Scope, Sort, StoryFields, StorySummary


def _status(value: str) -> Status:
    try:
        return Status.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _paged(ctx: CommandContext, query: str, sort: Sort, args: argparse.Namespace) -> int:
    scope = Scope.TRASH if args.trash else Scope.ACTIVE
    descending = True if args.reverse and sort != Sort.UPDATED else (False if args.reverse else None)
    items: list[StorySummary] = []
    cursor = None
    remaining = args.limit
    while remaining > 0:
        page: Page = ctx.library.search.page(
            query, sort=sort, descending=descending, cursor=cursor, limit=min(remaining, 500), scope=scope
        )
        items.extend(page.items)
        remaining -= len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    if args.json:
        print_json(items)
    elif not print_summaries(items):
        print("no stories match" if query else "no stories", file=sys.stderr)
    return 0


def cmd_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    if args.assigned_to is not None or args.unassigned:
        lib = ctx.library
        comments = lib.desk.comments
        ids = comments.unassigned() if args.unassigned else comments.assigned_to(args.assigned_to or ctx.actor)
        found = lib.search.summaries(ids)
        items = [found[i] for i in ids if i in found and (args.status is None or found[i].status is args.status)]
        if args.json:
            print_json(items)
        elif not print_summaries(items):
            print("no stories", file=sys.stderr)
        return 0
    parts = []
    if args.saved:
        parts.append(ctx.library.saved_searches.get(args.saved).query)
    if args.status:
        parts.append(f"status:{args.status.value}")
    parts += [f'tag:"{t}"' for t in args.tag or ()]
    return _paged(ctx, " ".join(parts), Sort(args.sort), args)


def cmd_search(ctx: CommandContext, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    if args.save:
        saved = ctx.library.saved_searches.save(args.save, query, personal=args.personal, replace=args.replace)
        whose = f"personal, {saved.owner}" if saved.personal else "shared"
        print(f"saved as “{saved.name}” ({whose}): curator list --saved {_quoted(saved.name)}", file=sys.stderr)
    elif args.personal or args.replace:
        raise CuratorError("--personal and --replace go with --save NAME")
    return _paged(ctx, query, Sort(args.sort), args)


def _quoted(name: str) -> str:
    return name if name.replace("-", "").replace("_", "").isalnum() else "'" + name.replace("'", "'\\''") + "'"


def cmd_show(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story = lib.stories.get(lib.stories.resolve(args.ref))
    if args.html:
        sys.stdout.write(lib.stories.rendered_html(story.id) + "\n")
        return 0
    if args.json:
        print_json(story)
        return 0
    print(story.headline)
    if story.dek:
        print(story.dek)
    print()
    meta = [
        ("Slug", story.slug),
        ("Status", story.status.label + ("  (in the trash)" if story.is_trashed else "")),
        ("Byline", story.byline),
        ("Original author", story.original_author),
        ("Outlet", " ".join(x for x in (story.outlet_name, story.outlet_url and f"<{story.outlet_url}>") if x)),
        ("Photo", " — ".join(x for x in (story.photo, story.photo_credit, story.photo_caption) if x)),
        ("Tags", ", ".join(story.tags)),
        ("Language", story.language),
        ("Created", short_time(story.created_at)),
        ("Updated", short_time(story.updated_at)),
        ("Published", short_time(story.published_at)),
        ("Version", str(story.version)),
        ("Words", str(story.word_count)),
    ]
    for label, value in meta:
        if value:
            print(f"{label + ':':<17}{value}")
    print()
    print(story.body)
    if story.related:
        print("\nRelated:")
        for link in story.related:
            where = link.url or (f"story {link.target_slug}" if link.target_slug else "missing story")
            print(f"  - {link.title}  ({where})")
    return 0


def _read_body(args: argparse.Namespace) -> str:
    if args.body is not None:
        return args.body
    if args.body_file is None:
        return ""
    if args.body_file == "-":
        return sys.stdin.read()
    path = Path(args.body_file)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CuratorError(f"{path} is not UTF-8 text; use 'curator import' for other encodings") from None
    except OSError as exc:
        raise CuratorError(f"cannot read {path}: {exc.strerror}") from None


def cmd_new(ctx: CommandContext, args: argparse.Namespace) -> int:
    fields = StoryFields(
        headline=args.headline,
        dek=args.dek or "",
        body=_read_body(args),
        byline=args.byline or "",
        original_author=args.original_author or "",
        outlet_name=args.outlet or "",
        outlet_url=args.outlet_url or "",
        language=args.language,
        status=args.status or Status.DRAFT,
        tags=tuple(args.tag or ()),
    )
    result = ctx.library.stories.create(fields, author=ctx.author(args.author), note="Created from the command line")
    if args.json:
        print_json(result.story)
    else:
        print(f"created story {result.story.id}: {result.story.slug}")
    return 0


def cmd_status(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    ids = [lib.stories.resolve(r) for r in args.refs]
    try:
        author = ctx.author(args.author)
        changes = lib.stories.set_status(ids, args.status, author=author, override_reason=args.override)
    except StatusGateError as exc:
        for block in exc.blocks:
            print(f"{block.headline}: {', '.join(block.problems)}", file=sys.stderr)
        if len(ids) > 1:
            what = f"none of the {len(ids)} stories was moved to {args.status.label}: {len(exc.blocks)} have"
        else:
            what = f"the story was not moved to {args.status.label}: it has"
        raise CuratorError(
            f"{what} fact-check items open ('curator check' lists them); add --override REASON to move anyway"
        ) from None
    print(f"{len(changes.updated)} of {len(ids)} stories moved to {args.status.label}")
    return 0


def cmd_trash(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    ids = [lib.stories.resolve(r) for r in args.refs]
    lib.stories.trash(ids)
    print(f"moved {len(ids)} stories to the trash (restore them with 'curator restore')")
    return 0


def cmd_restore(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    ids = [lib.stories.resolve(r) for r in args.refs]
    lib.stories.restore(ids)
    print(f"restored {len(ids)} stories from the trash")
    return 0


def cmd_purge(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    if args.all:
        changes = lib.stories.empty_trash()
    elif args.refs:
        changes = lib.stories.purge([lib.stories.resolve(r) for r in args.refs])
    else:
        raise CuratorError("name the stories to purge, or use --all to empty the trash")
    print(f"purged {len(changes.deleted)} stories for good")
    return 0


def cmd_history(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story = lib.stories.get(lib.stories.resolve(args.ref))
    if args.restore is not None:
        revision = lib.revisions.get(args.restore)
        if revision.info.story_id != story.id:
            raise CuratorError(f"revision {args.restore} belongs to another story")
        result = lib.revisions.restore(args.restore, base_version=story.version, author=ctx.author(args.author))
        print(f"restored revision {args.restore}; the story is now at version {result.story.version}")
        return 0
    if args.activity:
        events = lib.desk.feed.for_story(story.id)
        if args.json:
            print_json(events)
        for e in events:
            if not args.json:
                print(f"{short_time(e.at)}  {e.person or '—':<20}  {e.summary}")
        return 0
    history = lib.revisions.history(story.id)
    if args.json:
        print_json(history)
        return 0
    for rev in history:
        who = f" by {rev.author}" if rev.author else ""
        print(f"{rev.id:>6}  v{rev.story_version:<4} {short_time(rev.created_at)}{who}  {rev.note}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    listing = argparse.ArgumentParser(add_help=False)
    listing.add_argument("--limit", type=int, default=50, help="show at most N stories (default 50)")
    listing.add_argument("--reverse", action="store_true", help="reverse the sort order")
    listing.add_argument("--trash", action="store_true", help="look in the trash instead")
    listing.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("list", parents=[common, listing], help="list stories, newest first")
    p.add_argument("--status", type=_status, help="only stories with this status")
    p.add_argument("--tag", action="append", help="only stories with this tag (repeatable)")
    p.add_argument("--sort", choices=[s.value for s in Sort if s != Sort.RELEVANCE], default="updated")
    p.add_argument("--assigned-to", metavar="NAME", nargs="?", const="", help="stories assigned to NAME (or to you)")
    p.add_argument("--unassigned", action="store_true", help="stories nobody is assigned to")
    p.add_argument("--saved", metavar="NAME", help="the stories a saved search finds (curator saved lists them)")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser(
        "search",
        parents=[common, listing],
        help="search stories",
        description='Search with words, "phrases", prefix*, -exclusions, tag:, status:, byline:, outlet:, '
        "headline:, before:DATE and after:DATE.",
    )
    p.add_argument("query", nargs="+", help="the search query")
    p.add_argument("--sort", choices=[s.value for s in Sort], default="updated")
    p.add_argument("--save", metavar="NAME", help="also keep the query in the library under NAME (a saved search)")
    p.add_argument("--personal", action="store_true", help="with --save: yours only, not shared with the desk")
    p.add_argument("--replace", action="store_true", help="with --save: give an existing saved search this query")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", parents=[common], help="show one story")
    p.add_argument("ref", help="story id, slug or UUID")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--html", action="store_true", help="print the body rendered to HTML")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("new", parents=[common], help="create a story")
    p.add_argument("--headline", required=True)
    p.add_argument("--dek")
    body = p.add_mutually_exclusive_group()
    body.add_argument("--body", help="the body as Markdown text")
    body.add_argument("--body-file", metavar="FILE", help="read the Markdown body from FILE (- for stdin)")
    p.add_argument("--byline")
    p.add_argument("--original-author")
    p.add_argument("--outlet", help="source outlet name, e.g. Orda.kz")
    p.add_argument("--outlet-url")
    p.add_argument("--language", default="en")
    p.add_argument("--status", type=_status)
    p.add_argument("--tag", action="append", help="a tag (repeatable)")
    p.add_argument("--author", help="who is making this change (kept in the history)")
    p.add_argument("--json", action="store_true", help="print the new story as JSON")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("status", parents=[common], help="move stories to another status")
    p.add_argument("refs", nargs="+", metavar="REF", help="story ids, slugs or UUIDs")
    p.add_argument("status", type=_status, help="draft, fact-check, copy-edit, ready, published or archived")
    p.add_argument("--author")
    p.add_argument(
        "--override",
        metavar="REASON",
        help="move to Ready or Published even with fact-check items open; the reason goes into the history",
    )
    p.set_defaults(handler=cmd_status)

    for name, handler, text in (
        ("trash", cmd_trash, "move stories to the trash"),
        ("restore", cmd_restore, "bring stories back from the trash"),
    ):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("refs", nargs="+", metavar="REF", help="story ids, slugs or UUIDs")
        p.set_defaults(handler=handler)

    p = sub.add_parser("purge", parents=[common], help="delete trashed stories for good")
    p.add_argument("refs", nargs="*", metavar="REF")
    p.add_argument("--all", action="store_true", help="empty the whole trash")
    p.set_defaults(handler=cmd_purge)

    p = sub.add_parser("history", parents=[common], help="list a story's revisions, or restore one")
    p.add_argument("ref", help="story id, slug or UUID")
    p.add_argument("--restore", type=int, metavar="REVISION", help="make this revision current again")
    p.add_argument("--activity", action="store_true", help="who saved, merged, moved, commented, assigned, and when")
    p.add_argument("--author")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)
