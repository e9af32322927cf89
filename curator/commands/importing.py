"""``curator import PATH…``: plain-text and Markdown story files and folders into the library."""

from __future__ import annotations

import argparse
import sys

from curator.commands.context import CommandContext
from curator.commands.output import print_json
from curator.commands.progress import ProgressLine, interrupt_flag
from curator.io.decode import check_encoding
from curator.io.errors import Cancelled
from curator.io.importer import ImportReport, import_paths


def _print_report(report: ImportReport, *, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "imported": list(report.imported),
                "duplicates": [{"path": str(p.path), "reason": p.reason} for p in report.duplicates],
                "failed": [
                    {"path": str(p.path), "reason": p.reason, "encodings": list(p.encodings)} for p in report.failed
                ],
            }
        )
        return
    for problem in report.duplicates:
        print(f"skipped {problem}", file=sys.stderr)
    for problem in report.failed:
        print(f"failed {problem}", file=sys.stderr)
    unclear = report.unclear_encodings
    if unclear:
        names = list(dict.fromkeys(e for p in unclear for e in p.encodings))
        print(
            f"{len(unclear)} {'file' if len(unclear) == 1 else 'files'} could be in {' or '.join(names)}: "
            f"import again with --encoding {names[0]} (or another) once you know which",
            file=sys.stderr,
        )
    print(report.summary())


def cmd_import(ctx: CommandContext, args: argparse.Namespace) -> int:
    encoding = check_encoding(args.encoding) if args.encoding else None  # a wrong name fails before any work
    library = ctx.library
    progress = ProgressLine("importing files")
    with interrupt_flag() as cancelled:
        try:
            author = ctx.author(args.author)
            report = import_paths(
                library, args.paths, author=author, progress=progress, cancelled=cancelled, encoding=encoding
            )
        except Cancelled as exc:
            progress.close()
            partial = exc.report if isinstance(exc.report, ImportReport) else ImportReport()
            _print_report(partial, as_json=args.json)
            print("curator: import interrupted; the batch under way was not stored", file=sys.stderr)
            return 130
    progress.close()
    _print_report(report, as_json=args.json)
    return 0 if report.ok else 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import story files (plain text, Markdown with front matter) and folders",
        description="Import plain-text stories (.txt) and Markdown with YAML, TOML or Pelican front matter "
        "(.md, .markdown). Folders are searched recursively. Stories already in the library are skipped; "
        "a file that cannot be imported is reported and the rest are imported. Exit code 1 if any file failed.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    p.add_argument("--author", help="who is importing (kept in the stories' history)")
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="read files that are neither UTF-8 nor marked by a byte-order mark in this encoding "
        "(latin-1, cp1252, cp1251, koi8-r, …) instead of guessing",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=cmd_import)
