"""``curator factcheck``: every action of the Fact Check panel as a command, for scripts and desks that check in
bulk — list a story's items, verify or unverify a source or finding with a note, mark a claim on a passage (by
quote or offsets) with claimant, verdict and evidence, set a verdict, add a source by hand, attach a saved page.

Each action goes through the same fact-check service the app uses (so the same validation), names the items by
the ids ``curator factcheck list`` prints, refuses items of another story, and reports after it what is still
open: the status gate (``curator status STORY ready``) lets the story through only when nothing is.
"""

from __future__ import annotations

import argparse
from typing import Any

from curator.commands.context import CommandContext
from curator.commands.output import print_json
from curator.core.errors import CuratorError
from curator.domain.errors import ValidationError
from curator.domain.factcheck import Verification

EXIT_OPEN = 1


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _gate(ctx: CommandContext, story_id: int) -> dict[str, Any]:
    open_items = ctx.library.factcheck.open_items(story_id)
    return {"open": len(open_items), "may_be_ready": not open_items}


def _done(ctx: CommandContext, args: argparse.Namespace, story_id: int, what: str, item: object) -> int:
    gate = _gate(ctx, story_id)
    if args.json:
        print_json({"result": item, **gate})
    else:
        print(what)
        left = gate["open"]
        print(
            f"{left} open item{'s' if left != 1 else ''} left" if left else "nothing left open: the story may be Ready"
        )
    return 0


def _story(ctx: CommandContext, ref: str) -> int:
    return ctx.library.stories.resolve(ref)


def _own(kind: str, item_id: int, story_of_item: int, story_id: int) -> None:
    if story_of_item != story_id:
        raise ValidationError(kind, f"#{item_id} belongs to another story (#{story_of_item})")


def cmd_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    story_id = _story(ctx, args.story)
    fc = ctx.library.factcheck.overview(story_id)
    if args.json:
        print_json(
            {
                "story_id": story_id,
                "claims": fc.claims,
                "findings": fc.findings,
                "sources": fc.sources,
                "open_items": fc.open_items,
                "verdicts": [v.label for v in fc.scale.verdicts],
                **_gate(ctx, story_id),
            }
        )
        return EXIT_OPEN if fc.open_items else 0
    print("Claims:" if fc.claims else "Claims: none")
    for c in fc.claims:
        verdict = c.verdict_label or "no verdict"
        orphan = "  (orphaned: its text is gone)" if c.orphaned else ""
        who = f"{c.claimant}: " if c.claimant else ""
        print(f"  claim {c.id:>5}  {verdict:<13} {who}“{_clip(c.anchor.exact)}”{orphan}")
    print("Attributions and quotations:" if fc.findings else "Attributions and quotations: none")
    for f in fc.findings:
        print(f"  finding {f.id:>3}  {f.status.label:<11}  {f.kind.value:<11}  “{_clip(f.anchor.exact)}”")
    print("Sources:" if fc.sources else "Sources: none")
    for s in fc.sources:
        snap = "  [saved page]" if s.snapshot else ""
        print(f"  source {s.id:>4}  {s.status.label:<11}  {s.name}{snap}")
    n = len(fc.open_items)
    print(f"\n{n} open item{'s' if n != 1 else ''}" if n else "\nnothing open: the story may be Ready")
    return EXIT_OPEN if n else 0


def cmd_verify(ctx: CommandContext, args: argparse.Namespace) -> int:
    """verify / unverify (and --status disputed or unreachable) a source or a finding, with a note."""
    lib = ctx.library
    story_id = _story(ctx, args.story)
    status = Verification.UNVERIFIED if args.action == "unverify" else Verification.parse(args.status or "verified")
    if status is Verification.UNVERIFIED and args.action == "verify":
        raise CuratorError("to take a verification back, use: curator factcheck unverify")
    checked_by = ctx.author(args.author)
    if args.source is not None:
        source = lib.factcheck.source(args.source)
        _own("source", args.source, source.story_id, story_id)
        result = lib.factcheck.set_source_status(args.source, status, checked_by=checked_by, note=args.note)
        return _done(ctx, args, story_id, f"source {result.id} “{result.name}”: {result.status.label}", result)
    finding = lib.factcheck.finding(args.finding)
    _own("finding", args.finding, finding.story_id, story_id)
    (checked,) = lib.factcheck.set_finding_status(args.finding, status, checked_by=checked_by, note=args.note)
    return _done(
        ctx, args, story_id, f"finding {checked.id} “{_clip(checked.anchor.exact)}”: {checked.status.label}", checked
    )


def _span(body: str, args: argparse.Namespace) -> tuple[int, int, str | None]:
    if args.quote is not None:
        quote = args.quote.strip()
        if not quote:
            raise ValidationError("quote", "give the passage's words")
        places = []
        at = body.find(quote)
        while at >= 0:
            places.append(at)
            at = body.find(quote, at + 1)
        if not places:
            raise ValidationError("quote", f"“{_clip(quote, 60)}” is not in the saved text of the story")
        if args.occurrence is None and len(places) > 1:
            raise ValidationError(
                "quote", f"“{_clip(quote, 60)}” appears {len(places)} times: say which with --occurrence N"
            )
        n = args.occurrence or 1
        if not 1 <= n <= len(places):
            raise ValidationError("occurrence", f"must be between 1 and {len(places)}")
        start = places[n - 1]
        return start, start + len(quote), quote
    if args.start is None or args.end is None:
        raise CuratorError("mark the claim with --quote TEXT, or with --start N and --end N (offsets in the body)")
    return args.start, args.end, None


def cmd_claim(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story_id = _story(ctx, args.story)
    for source_id in args.evidence or ():
        _own("evidence", source_id, lib.factcheck.source(source_id).story_id, story_id)
    start, end, expected = _span(lib.stories.get(story_id).body, args)
    claim = lib.factcheck.mark_claim(
        story_id,
        start,
        end,
        expected=expected,
        claimant=args.claimant or "",
        verdict=args.verdict,
        note=args.note or "",
        author=ctx.author(args.author),
    )
    for source_id in args.evidence or ():
        claim = lib.factcheck.add_evidence(claim.id, source_id)
    verdict = claim.verdict_label or "no verdict yet"
    return _done(ctx, args, story_id, f"claim {claim.id} “{_clip(claim.anchor.exact)}”: {verdict}", claim)


def cmd_verdict(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story_id = _story(ctx, args.story)
    claim = lib.factcheck.claim(args.claim)
    _own("claim", args.claim, claim.story_id, story_id)
    if (args.verdict is None) == (not args.clear):
        raise CuratorError("give a verdict from the scale, or --clear to take the verdict away")
    claim = lib.factcheck.set_verdict(args.claim, None if args.clear else args.verdict,
                                      checked_by=ctx.author(args.author), note=args.note)  # fmt: skip
    verdict = claim.verdict_label or "no verdict"
    return _done(ctx, args, story_id, f"claim {claim.id} “{_clip(claim.anchor.exact)}”: {verdict}", claim)


def cmd_add_source(ctx: CommandContext, args: argparse.Namespace) -> int:
    story_id = _story(ctx, args.story)
    source = ctx.library.factcheck.add_source(
        story_id, args.name, kind=args.kind or "other", url=args.url or "", note=args.note or ""
    )
    return _done(ctx, args, story_id, f"source {source.id} “{source.name}” added (unverified)", source)


def cmd_attach(ctx: CommandContext, args: argparse.Namespace) -> int:
    lib = ctx.library
    story_id = _story(ctx, args.story)
    source = lib.factcheck.source(args.source)
    _own("source", args.source, source.story_id, story_id)
    if args.claim is not None:
        _own("claim", args.claim, lib.factcheck.claim(args.claim).story_id, story_id)
    source = lib.factcheck.attach_snapshot(args.source, path=args.file, keep_in_library=not args.link_only)
    result: object = source
    what = f"saved page {args.file} attached to source {source.id} “{source.name}”"
    if args.claim is not None:
        claim = lib.factcheck.add_evidence(args.claim, args.source)
        result = {"source": source, "claim": claim}
        what += f", evidence for claim {claim.id}"
    return _done(ctx, args, story_id, what, result)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "factcheck",
        parents=[common],
        help="the Fact Check panel's actions: list, verify, claim, verdict, add-source, attach",
        description="Check a story from the command line, as in the Fact Check panel. Items are named by the "
        "ids `curator factcheck list STORY` prints. Every action prints what is still open; "
        "`curator status STORY ready` lets the story through only when nothing is (or with --override).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("story", metavar="STORY", help="story id, slug or UUID")
    shared.add_argument("--json", action="store_true", help="print JSON")

    a = actions.add_parser("list", parents=[common, shared], help="claims, findings, sources and what is open")
    a.set_defaults(handler=cmd_list)

    for name, what in (("verify", "verify a source or a finding"), ("unverify", "take a verification back")):
        a = actions.add_parser(name, parents=[common, shared], help=what)
        item = a.add_mutually_exclusive_group(required=True)
        item.add_argument("--source", type=int, metavar="ID", help="a source of the story")
        item.add_argument("--finding", type=int, metavar="ID", help="an attribution or quotation of the story")
        if name == "verify":
            a.add_argument("--status", choices=["verified", "disputed", "unreachable"], help="default: verified")
        a.add_argument("--note", help="how it was checked")
        a.add_argument("--author", help="who checked (default: you)")
        a.set_defaults(handler=cmd_verify)

    a = actions.add_parser("claim", parents=[common, shared], help="mark a claim on a passage of the saved text")
    a.add_argument("--quote", help="the passage's exact words")
    a.add_argument("--occurrence", type=int, metavar="N", help="which occurrence of --quote (1 for the first)")
    a.add_argument("--start", type=int, metavar="N", help="where the passage starts (character offset in the body)")
    a.add_argument("--end", type=int, metavar="N", help="where the passage ends")
    a.add_argument("--claimant", help="who makes the claim")
    a.add_argument("--verdict", help="a verdict from the scale (settings.toml), e.g. 'Mostly true'")
    a.add_argument("--evidence", type=int, action="append", metavar="SOURCE_ID", help="a source as evidence")
    a.add_argument("--note")
    a.add_argument("--author", help="who marks it (default: you)")
    a.set_defaults(handler=cmd_claim)

    a = actions.add_parser("verdict", parents=[common, shared], help="set (or --clear) a claim's verdict")
    a.add_argument("claim", type=int, metavar="CLAIM_ID")
    a.add_argument("verdict", nargs="?", help="a verdict from the scale")
    a.add_argument("--clear", action="store_true", help="take the verdict away")
    a.add_argument("--note")
    a.add_argument("--author", help="who judged (default: you)")
    a.set_defaults(handler=cmd_verdict)

    a = actions.add_parser("add-source", parents=[common, shared], help="add a source by hand")
    a.add_argument("name", help="the source's name, e.g. 'Ministry of Energy'")
    a.add_argument("--kind", choices=["person", "outlet", "document", "other"], help="default: other")
    a.add_argument("--url", help="its web address")
    a.add_argument("--note")
    a.set_defaults(handler=cmd_add_source)

    a = actions.add_parser("attach", parents=[common, shared], help="attach a saved page to a source (as evidence)")
    a.add_argument("file", help="the saved page (HTML, PDF, text)")
    a.add_argument("--source", type=int, required=True, metavar="ID", help="the source the page is from")
    a.add_argument("--claim", type=int, metavar="ID", help="also make the source evidence for this claim")
    a.add_argument("--link-only", action="store_true", help="keep only the file's path and checksum, not a copy")
    a.set_defaults(handler=cmd_attach)
