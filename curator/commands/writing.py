"""Writing commands: ``spell`` (misspellings with suggestions) and ``lint`` (house style, readability and spelling);
both exit with code 1 while findings that matter remain, so scripts can use them as publishing gates."""

from __future__ import annotations

import argparse
import sys

from curator.commands.context import CommandContext
from curator.commands.factcheck import _stories as stories_named
from curator.commands.output import print_json
from curator.writing.findings import Category, Finding

EXIT_FINDINGS = 1


def _position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of an offset into a field."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _finding_json(f: Finding, text: str) -> dict[str, object]:
    out: dict[str, object] = {
        "category": f.category.value, "code": f.code, "field": f.field, "start": f.start, "end": f.end,
        "text": f.text, "message": f.message, "advice": f.advice, "blocking": f.blocking,
    }
    if f.start >= 0:
        out["line"], out["column"] = _position(text, f.start)
    if f.replacement is not None:
        out["replacement"] = f.replacement
    if f.category is Category.SPELLING and f.code == "misspelling":
        out["lang"] = f.lang
        out["suggestions"] = list(f.suggestions)
    return out


def _where(f: Finding, text: str) -> str:
    if f.start < 0:
        return f.field.replace("_", " ")
    line, column = _position(text, f.start)
    return f"{line}:{column}" if f.field == "body" else f"{f.field.replace('_', ' ')} {column}"


def cmd_spell(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story, result = lib.writing.review(lib.stories.resolve(args.ref))
    found = [f for f in result.findings if f.code == "misspelling"]
    if args.json:
        print_json(
            {
                "story": {"id": story.id, "slug": story.slug, "headline": story.headline, "language": story.language},
                "misspellings": [_finding_json(f, getattr(story, f.field)) for f in found],
            }
        )
    else:
        for f in found:
            offer = ", ".join(f.suggestions[:5]) or "no suggestions"
            name = lib.writing.checker.language_name(f.lang)
            print(f"{_where(f, getattr(story, f.field)):>10}  {f.text:<20} ({name})  → {offer}")
        n = len(found)
        print(f"{n} misspelling{'s' if n != 1 else ''} in “{story.headline}”", file=sys.stderr)
    return EXIT_FINDINGS if found else 0


def cmd_lint(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    ids = stories_named(ctx, args.refs)
    settings = lib.writing.settings
    blocking = settings.blocking(args.status) if args.status else settings.blocking_any
    results = []
    total_blocking = 0
    for story_id in ids:
        story, result = lib.writing.review(story_id)
        findings = [f.__class__(**{**f.__dict__, "blocking": f.category.value in blocking}) for f in result.findings]
        total_blocking += sum(f.blocking for f in findings)
        results.append((story, findings, result))
    if args.json:
        print_json(
            [
                {
                    "story": {"id": s.id, "slug": s.slug, "headline": s.headline, "status": s.status},
                    "blocking": sum(f.blocking for f in fs),
                    "findings": [_finding_json(f, getattr(s, f.field)) for f in fs],
                    "readability": {
                        "words": r.readability.words,
                        "sentences": r.readability.sentences,
                        "words_per_sentence": round(r.readability.words_per_sentence, 1),
                        "long_words": round(r.readability.long_words, 3),
                        "flesch": r.readability.flesch,
                        "language": r.readability.lang,
                        "label": r.readability.label,
                    },
                }
                for s, fs, r in results
            ]
        )
    else:
        for story, findings, result in results:
            n_block = sum(f.blocking for f in findings)
            print(f"{story.headline}  ({story.slug}, {story.status.label}): {result.readability.describe()}")
            if not findings:
                print("  nothing to change")
            for f in findings:
                mark = "✗" if f.blocking else "·"
                print(f"  {mark} {_where(f, getattr(story, f.field)):>12}  {f.category.label:<15}  {f.summary}")
            if n_block:
                print(f"  {n_block} blocking", file=sys.stderr)
        stories = "story" if len(results) == 1 else "stories"
        print(f"{total_blocking} blocking finding{'s' if total_blocking != 1 else ''} in {len(results)} {stories}",
              file=sys.stderr)
    return EXIT_FINDINGS if total_blocking else 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "spell",
        parents=[common],
        help="list a story's misspellings with suggestions (exit code 1 while any are left)",
        description="Spell-check a story's headline, dek, photo caption and body in English, Russian and Kazakh at "
        "once (each run of words in the language its script and words say), skipping Markdown, code, URLs, "
        "e-mail addresses, numbers and the names the fact-check detector finds. Your dictionary, the desk "
        "dictionary and the story's ignored words are accepted.",
    )
    p.add_argument("ref", metavar="STORY", help="a story id, slug or UUID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_spell)

    p = sub.add_parser(
        "lint",
        parents=[common],
        help="check stories against house style, readability and spelling (exit code 1 while blocking ones remain)",
        description="Report misspellings, banned and discouraged words, quotes, numbers and dates, repeated words, "
        "double spaces, required fields and readability, each with what to change. Findings that hold a story back "
        "from a status ([writing.gate] in settings.toml) are marked ✗ and make the exit code 1.",
    )
    p.add_argument("refs", nargs="+", metavar="STORY", help="a story id, slug or UUID, or a search query")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--status", choices=("ready", "published"),
        help="count as blocking what holds stories back from this status (default: from either)",
    )
    p.set_defaults(handler=cmd_lint)
