"""Tag commands: list, add, remove, rename, merge, delete."""

from __future__ import annotations

import argparse

from curator.commands.context import CommandContext
from curator.commands.output import print_json


def cmd_tag(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    action = args.tag_action
    if action == "list":
        counts = lib.tags.counts(include_empty=args.all)
        if args.json:
            print_json(counts)
        else:
            for t in counts:
                print(f"{t.count:>7}  {t.name}")
        return 0
    if action in ("add", "remove"):
        story_id = lib.stories.resolve(args.ref)
        if action == "add":
            lib.tags.tag_stories([story_id], args.names)
        else:
            lib.tags.untag_stories([story_id], args.names)
        print(", ".join(lib.stories.get(story_id).tags) or "(no tags)")
        return 0
    if action == "rename":
        changes = lib.tags.rename(args.old, args.new)
        print(f"renamed {args.old!r} to {args.new!r} on {len(changes.updated)} stories")
        return 0
    if action == "merge":
        changes = lib.tags.merge(args.sources, args.into)
        print(f"merged {len(args.sources)} tags into {args.into!r} ({len(changes.updated)} stories)")
        return 0
    if action == "delete":
        changes = lib.tags.delete(args.name)
        print(f"deleted tag {args.name!r} from {len(changes.updated)} stories")
        return 0
    raise AssertionError(action)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("tag", parents=[common], help="list, rename, merge and apply tags")
    tag_sub = p.add_subparsers(dest="tag_action", metavar="ACTION", required=True)
    t = tag_sub.add_parser("list", parents=[common], help="tags with their story counts")
    t.add_argument("--all", action="store_true", help="include tags no story carries")
    t.add_argument("--json", action="store_true")
    t = tag_sub.add_parser("add", parents=[common], help="tag a story")
    t.add_argument("ref", help="story id, slug or UUID")
    t.add_argument("names", nargs="+", metavar="TAG")
    t = tag_sub.add_parser("remove", parents=[common], help="untag a story")
    t.add_argument("ref", help="story id, slug or UUID")
    t.add_argument("names", nargs="+", metavar="TAG")
    t = tag_sub.add_parser("rename", parents=[common], help="rename a tag (onto an existing one: merge)")
    t.add_argument("old")
    t.add_argument("new")
    t = tag_sub.add_parser("merge", parents=[common], help="merge tags into one")
    t.add_argument("sources", nargs="+", metavar="TAG")
    t.add_argument("--into", required=True, metavar="TAG")
    t = tag_sub.add_parser("delete", parents=[common], help="remove a tag from every story")
    t.add_argument("name")
    p.set_defaults(handler=cmd_tag)
