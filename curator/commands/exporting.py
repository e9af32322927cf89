"""``curator export html|site|markdown``: one story as an HTML file, or stories as a static site or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.commands.context import CommandContext
from curator.commands.progress import ProgressLine, interrupt_flag
from curator.core.errors import CuratorError
from curator.io.errors import Cancelled
from curator.io.export_common import ExportReport
from curator.io.export_html import export_story_html
from curator.io.export_markdown import Flavour, export_markdown
from curator.io.export_site import DEFAULT_TITLE, PAGE_SIZE, export_site


def _selection(ctx: CommandContext, args: argparse.Namespace) -> tuple[str, list[int] | None]:
    query = " ".join(args.query)
    if args.story:
        if query:
            raise CuratorError("give either a search query or --story, not both")
        return "", [ctx.library.stories.resolve(ref) for ref in args.story]
    return query, None


def _finish(report: ExportReport) -> int:
    for problem in report.problems:
        print(f"curator: warning: {problem}", file=sys.stderr)
    rendered = f"; rendered {report.rendered} bodies, reused the rest" if report.rendered else ""
    print(f"{report.summary()}{rendered}")
    return 0


def cmd_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    library = ctx.library
    if args.format == "html":
        story_id = library.stories.resolve(args.ref)
        out = Path(args.output) if args.output else Path(f"{library.stories.get(story_id).slug}.html")
        print(f"wrote {export_story_html(library, story_id, out)}")
        return 0
    query, ids = _selection(ctx, args)
    progress = ProgressLine("exporting stories")
    with interrupt_flag() as cancelled:
        try:
            if args.format == "site":
                report = export_site(
                    library,
                    Path(args.out_dir),
                    query=query,
                    story_ids=ids,
                    progress=progress,
                    cancelled=cancelled,
                    title=args.title,
                    site_url=args.site_url or "",
                    page_size=args.page_size,
                    workers=args.workers,
                    full=args.full,
                )
            else:
                report = export_markdown(
                    library,
                    Path(args.out_dir),
                    query=query,
                    story_ids=ids,
                    progress=progress,
                    cancelled=cancelled,
                    flavour=args.flavour,
                )
        except Cancelled as exc:
            progress.close()
            print(f"curator: {exc}", file=sys.stderr)
            return 130
    progress.close()
    return _finish(report)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export a story as an HTML file, or stories as a static site or Markdown files",
    )
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)

    html = formats.add_parser("html", parents=[common], help="one story as a self-contained HTML file")
    html.add_argument("ref", help="story id, slug or UUID")
    html.add_argument("-o", "--output", metavar="PATH", help="file or folder to write (default: ./SLUG.html)")

    selection = argparse.ArgumentParser(add_help=False)
    selection.add_argument("out_dir", metavar="FOLDER", help="folder to write (updated whole when done)")
    selection.add_argument("query", nargs="*", help="search query choosing the stories (default: all)")
    selection.add_argument("--story", action="append", metavar="REF", help="export this story (repeatable)")

    site = formats.add_parser(
        "site",
        parents=[common, selection],
        help="a static site: index, story pages, tag pages, Atom feed",
        description="Build a static site in FOLDER. Exported again into the same FOLDER, only the pages whose "
        "stories, tags or links changed are written and the pages of stories no longer exported are removed; files "
        "the export did not write (.git, CNAME, ...) are kept. Changed files are written beside FOLDER and swapped "
        "in at the end, so an export that fails or is interrupted leaves the previous site as it was.",
    )
    site.add_argument("--title", default=DEFAULT_TITLE, help=f"the site's title (default: {DEFAULT_TITLE})")
    site.add_argument("--site-url", metavar="URL", help="where the site will live, for absolute feed links")
    site.add_argument("--page-size", type=_positive, default=PAGE_SIZE, help=f"stories per index page ({PAGE_SIZE})")
    site.add_argument("--workers", type=_positive, default=2, help="processes writing story pages in big exports")
    site.add_argument("--full", action="store_true", help="write every page again, not only the changed ones")

    md = formats.add_parser(
        "markdown",
        parents=[common, selection],
        help="Markdown files with front matter (Hugo, Jekyll, Pelican, Curator)",
    )
    md.add_argument(
        "--for",
        dest="flavour",
        choices=[f.value for f in Flavour],
        default=Flavour.YAML.value,
        help="front matter as YAML (Hugo, Jekyll; the default) or as Pelican's own metadata lines",
    )
    p.set_defaults(handler=cmd_export)
