"""``curator saved``: the library's saved searches — list them with their counts, rename, reorder, delete.

Saving is ``curator search QUERY --save NAME`` and running one is ``curator list --saved NAME``; both take the
same names as the app's sidebar.
"""

from __future__ import annotations

import argparse

from curator.commands.context import CommandContext
from curator.commands.output import print_json
from curator.domain.searches import SavedSearch


def _json(saved: SavedSearch, count: int | None = None) -> dict[str, object]:
    out: dict[str, object] = {
        "id": saved.id,
        "name": saved.name,
        "query": saved.query,
        "shared": not saved.personal,
        "owner": saved.owner,
        "position": saved.position,
    }
    if count is not None:
        out["count"] = count
    return out


def _print(rows: list[SavedSearch], counts: dict[int, int] | None = None) -> None:
    if not rows:
        print("no saved searches (curator search QUERY --save NAME keeps one)")
        return
    width = max(len(r.label) for r in rows)
    for n, r in enumerate(rows, 1):
        count = f"{counts.get(r.id, 0):>7,}  " if counts is not None else ""
        print(f"{n:>3}. {r.label:<{width}}  {count}{r.query}")


def cmd_saved(ctx: CommandContext, args: argparse.Namespace) -> int:
    service = ctx.library.saved_searches
    action = args.action or "list"
    if action == "list":
        rows = service.list()
        counts = None if args.no_counts else service.counts()
        if args.json:
            print_json([_json(r, None if counts is None else counts.get(r.id, 0)) for r in rows])
        else:
            _print(rows, counts)
        return 0
    if action == "rename":
        result = service.rename(args.name, args.new_name)
        changed = [result]
    elif action == "move":
        order = service.move(args.name, args.position - 1)
        if args.json:
            print_json([_json(r) for r in order])
        else:
            _print(order)
        return 0
    else:
        changed = [service.delete(args.name)]
    if args.json:
        print_json(_json(changed[0]))
    else:
        verb = "renamed to" if action == "rename" else "deleted"
        print(f"{verb} “{changed[0].name}”")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "saved",
        parents=[common],
        help="saved searches: list (with counts), rename, move, delete",
        description="The library's saved searches: shared ones, and your own (marked with your name). Save one "
        "with curator search QUERY --save NAME [--personal]; run one with curator list --saved NAME.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="the saved searches, with how many stories each finds")
    listing.add_argument("--no-counts", action="store_true", help="leave out the counts (each is a search)")
    listing.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    rename = actions.add_parser("rename", parents=[common], help="rename a saved search")
    rename.add_argument("name")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    move = actions.add_parser("move", parents=[common], help="move a saved search to a place in the order")
    move.add_argument("name")
    move.add_argument("position", type=int, metavar="POSITION", help="1 for the top")
    move.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    delete = actions.add_parser("delete", parents=[common], help="delete a saved search (not its stories)")
    delete.add_argument("name")
    delete.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    p.set_defaults(handler=cmd_saved, no_counts=False)
