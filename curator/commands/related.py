"""Related headlines: a story's links, the stories linking to it, suggestions; broken links; index upkeep."""

from __future__ import annotations

import argparse
import sys

from curator.commands.context import CommandContext
from curator.commands.output import print_json
from curator.core.errors import CuratorError
from curator.domain.stories import RelatedLink, StorySummary
from curator.services.related import MAX_SUGGESTIONS, LinkMatch, Suggestion


def _where(link: RelatedLink) -> str:
    if link.target_id is not None:
        return f"story {link.target_slug}" + ("  (in the trash)" if link.target_trashed else "")
    if link.is_broken:
        return "broken: its story was purged (fix it in the app)"
    return link.url


def _story(summary: StorySummary) -> str:
    trashed = "  (in the trash)" if summary.deleted_at is not None else ""
    return f"{summary.headline}  ({summary.slug}){trashed}"


def _link_json(link: RelatedLink) -> dict[str, object]:
    return {
        "title": link.title,
        "url": link.url,
        "target_id": link.target_id,
        "target_uuid": link.target_uuid,
        "target_slug": link.target_slug,
        "target_trashed": link.target_trashed,
        "internal": link.is_internal,
        "broken": link.is_broken,
    }


def _suggestion_json(s: Suggestion) -> dict[str, object]:
    """A suggestion and why it is made: the shared words, tags and outlet, and the same in one line."""
    return {
        "story": s.story,
        "score": s.score,
        "shared_terms": list(s.shared_terms),
        "shared_tags": list(s.shared_tags),
        "same_outlet": s.same_outlet,
        "outlet": s.story.outlet_name if s.same_outlet else "",
        "reason": s.reason,
    }


def _match_json(m: LinkMatch) -> dict[str, object]:
    return {
        "position": m.position,
        "title": m.title,
        "url": m.url,
        "suggestions": [_suggestion_json(s) for s in m.suggestions],
    }


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total} stories", end="", file=sys.stderr, flush=True)


def cmd_related(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    if args.rebuild or args.refresh:
        if args.ref:
            raise CuratorError("--refresh and --rebuild work on the whole library; leave out the story")
        redone = lib.related.refresh(full=args.rebuild, progress=None if args.json else _progress)
        if args.json:
            print_json({"stories": redone})
        else:
            print(file=sys.stderr)
            print(f"recomputed the related-stories signatures of {redone} stories")
        return 0
    if args.broken:
        story_id = lib.stories.resolve(args.ref) if args.ref else None
        broken = lib.related.broken_links(story_id)
        if args.json:
            print_json(broken)
        elif not broken:
            print("no broken related headlines", file=sys.stderr)
        for b in broken:
            print(f"{b.story_slug}  #{b.position + 1}  “{b.title}”  (its story was purged)")
        return 0
    if not args.ref:
        raise CuratorError("name a story (id, slug or UUID), or use --broken, --refresh or --rebuild")
    if not 1 <= args.limit <= MAX_SUGGESTIONS:
        raise CuratorError(f"--limit must be between 1 and {MAX_SUGGESTIONS}")
    story = lib.stories.get(lib.stories.resolve(args.ref))
    back = lib.related.back_links(story.id)
    suggestions = lib.related.suggestions(story.id, limit=args.limit)
    matches = lib.related.link_matches(story.id)
    if args.json:
        print_json(
            {
                "story": {"id": story.id, "slug": story.slug, "headline": story.headline},
                "links": [_link_json(link) for link in story.related],
                "back_links": back,
                "suggestions": [_suggestion_json(s) for s in suggestions],
                "link_matches": [_match_json(m) for m in matches],
            }
        )
        return 0
    print(f"{story.headline}  ({story.slug})")
    print("\nRelated headlines:" if story.related else "\nRelated headlines: none")
    matched = {m.position: m for m in matches}
    for n, link in enumerate(story.related, 1):
        print(f"  {n:>2}. {link.title}  — {_where(link)}")
        if n - 1 in matched:
            best = matched[n - 1].suggestions[0]
            print(f"      in the library, by content: {_story(best.story)}  [{best.reason}]")
    print("\nLinked from:" if back else "\nLinked from: no story")
    for back_link in back:
        print(f"      {_story(back_link.story)}")
    print("\nSuggested:" if suggestions else "\nSuggested: nothing found")
    for s in suggestions:
        print(f"  {s.score:5.3f}  {_story(s.story)}")
        if s.reason:
            print(f"         {s.reason}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "related",
        parents=[common],
        help="a story's related headlines, the stories linking to it, and suggestions",
        description="Show a story's related headlines, the stories that link to it, and the stories most "
        "related to it by content. --broken lists links whose story was purged; --refresh and --rebuild "
        "maintain the index the suggestions come from.",
    )
    p.add_argument("ref", nargs="?", metavar="SLUG", help="story id, slug or UUID")
    p.add_argument("--limit", type=int, default=10, help="suggest at most N stories (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--broken", action="store_true", help="list broken related headlines (of SLUG, or all)")
    mode.add_argument("--refresh", action="store_true", help="recompute signatures gone stale as the library grew")
    mode.add_argument("--rebuild", action="store_true", help="recompute the whole related-stories index")
    p.set_defaults(handler=cmd_related)
