"""Fact-check commands: ``check`` (open items; exit code 1 while any is open) and ``sources``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.commands.context import CommandContext
from curator.commands.output import print_json
from curator.core.errors import CuratorError
from curator.core.files import write_text_atomic
from curator.domain.errors import NotFoundError
from curator.domain.factcheck import summarise
from curator.domain.stories import Scope

# Exit status while open items remain: a script can use `curator check` as a publishing gate.
EXIT_OPEN = 1


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _stories(ctx: CommandContext, refs: list[str]) -> list[int]:
    """Stories named by id, slug or UUID; otherwise the words are a search query (every active match)."""
    lib = ctx.library
    if len(refs) == 1:
        try:
            return [lib.stories.resolve(refs[0])]
        except NotFoundError:
            pass
    query = " ".join(refs)
    ids: list[int] = []
    cursor = None
    while True:
        page = lib.search.page(query, cursor=cursor, limit=500, scope=Scope.ACTIVE)
        ids.extend(s.id for s in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    if not ids:
        raise CuratorError(f"no story has the id, slug or UUID {query!r}, and no story matches it as a search")
    return ids


def _line(body: str, offset: int) -> int:
    return body.count("\n", 0, max(0, offset)) + 1


def cmd_check(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    ids = _stories(ctx, args.refs)
    report_dir = None
    if args.report is not None:
        report_dir = Path(args.report)
        if len(ids) > 1 and not report_dir.is_dir():
            raise CuratorError(f"{report_dir} is not a folder; with several stories --report names a folder")
    results = []
    total = 0
    for story_id in ids:
        story = lib.stories.get(story_id)
        check = lib.factcheck.overview(story_id)
        total += len(check.open_items)
        results.append((story, check))
        if report_dir is not None:
            target = report_dir / f"{story.slug}-factcheck.html" if report_dir.is_dir() else report_dir
            try:
                # Imported here: the report pulls in the renderer, which starting the app does not need.
                from curator.render.factcheck_report import render_factcheck_report

                write_text_atomic(target, render_factcheck_report(story, check))
            except OSError as exc:
                raise CuratorError(f"cannot write {target}: {exc.strerror}") from None
    if args.json:
        print_json(
            [
                {
                    "story": {"id": s.id, "slug": s.slug, "headline": s.headline, "status": s.status},
                    "open": len(c.open_items),
                    "summary": summarise(c.open_items),
                    "open_items": [
                        {
                            "kind": item.kind,
                            "id": item.item_id,
                            "start": item.start,
                            "end": item.end,
                            "line": _line(s.body, item.start),
                            "text": item.text,
                            "detail": item.detail,
                        }
                        for item in c.open_items
                    ],
                }
                for s, c in results
            ]
        )
    else:
        for story, check in results:
            if not check.open_items and not args.quiet_clean:
                print(f"{story.headline}  ({story.slug}, {story.status.label}): nothing open")
                continue
            if not check.open_items:
                continue
            print(f"{story.headline}  ({story.slug}, {story.status.label}): {', '.join(summarise(check.open_items))}")
            for item in check.open_items:
                where = "gone" if item.kind.value == "orphaned_claim" else f"line {_line(story.body, item.start)}"
                print(f"  {where:>9}  {item.kind.label:<31} “{_clip(item.text, 60)}”  {item.detail}")
        stories = "story" if len(results) == 1 else "stories"
        print(f"{total} open item{'s' if total != 1 else ''} in {len(results)} {stories}", file=sys.stderr)
    return EXIT_OPEN if total else 0


def cmd_sources(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story_id = lib.stories.resolve(args.ref)
    sources = lib.factcheck.sources(story_id)
    if args.json:
        print_json(sources)
        return 0
    if not sources:
        print("the story names no sources", file=sys.stderr)
    for s in sources:
        snap = "  [snapshot]" if s.snapshot else ""
        snap += "  [public]" if s.public else ""
        url = f"  <{s.url}>" if s.url else ""
        print(f"{s.id:>6}  {s.status.label:<11}  {s.kind.label:<8}  {s.findings:>3}×  {s.name}{url}{snap}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="list a story's open fact-check items (exit code 1 while any is open)",
        description="List the attributions and quotations not yet verified, claims without a verdict, claims "
        "edited since their verdict, and orphaned claims. The exit code is 1 while any item is open, so scripts "
        "can use this as a publishing gate.",
    )
    p.add_argument("refs", nargs="+", metavar="STORY", help="a story id, slug or UUID, or a search query")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--report", metavar="PATH", help="also write the HTML fact-check report (a folder for several)")
    p.add_argument("--quiet-clean", action="store_true", help="say nothing about stories with nothing open")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("sources", parents=[common], help="list a story's sources and their verification")
    p.add_argument("ref", help="story id, slug or UUID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_sources)
