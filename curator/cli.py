"""The command line: ``curator list|search|show|new|tag|check|spell|lint|related|import|export|db …``; no Qt."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from curator import __version__
from curator.commands.context import CommandContext, resolve_db_url
from curator.core.errors import CuratorError
from curator.logs import configure_logging
from curator.paths import AppPaths

log = logging.getLogger(__name__)


def _command_modules() -> tuple[ModuleType, ...]:
    # Imported only when a command is named: their imports (the database layer, export, fact-checking) would
    # otherwise delay the app's window on a plain `curator`.
    from curator.commands import checking as checking_commands
    from curator.commands import db as db_commands
    from curator.commands import desk as desk_commands
    from curator.commands import exporting as export_commands
    from curator.commands import factcheck as factcheck_commands
    from curator.commands import importing as import_commands
    from curator.commands import related as related_commands
    from curator.commands import saved as saved_commands
    from curator.commands import screenshot as screenshot_commands
    from curator.commands import stories as story_commands
    from curator.commands import tags as tag_commands
    from curator.commands import writing as writing_commands

    return (
        story_commands,
        saved_commands,
        tag_commands,
        factcheck_commands,
        checking_commands,
        writing_commands,
        related_commands,
        import_commands,
        desk_commands,
        export_commands,
        db_commands,
        screenshot_commands,
    )


def _app_options(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(--db, --debug) when ``argv`` names no command and so opens the app; None when the full parser is needed."""
    db: str | None = None
    debug = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--debug":
            debug = True
        elif arg == "--db" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            db = argv[i + 1]
            i += 1
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            db = arg[len("--db=") :]
        else:
            return None
        i += 1
    return db, debug


def build_parser() -> argparse.ArgumentParser:
    # Options every subcommand accepts too, so `curator list --db X` works as well as `curator --db X list`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="library to use: an SQLAlchemy URL or a SQLite file path (default: $CURATOR_DB, else the "
        "library in the user data folder)",
    )
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="log details to stderr")
    common.add_argument(
        "--as",
        dest="actor",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is working (default: $CURATOR_USER, else the profile in settings.toml); recorded in the history",
    )

    parser = argparse.ArgumentParser(
        prog="curator",
        description="Curator: draft, check and publish news stories. Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"curator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app_options = _app_options(argv)
    if app_options is not None:
        return _open_app(*app_options)
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    if args.command is None:
        return _open_app(getattr(args, "db", None), debug)
    paths = AppPaths.default()
    log_path = configure_logging(paths.log_dir, debug=debug)
    ctx = None
    try:
        ctx = CommandContext(args=args, paths=paths, db_url=resolve_db_url(getattr(args, "db", None), paths))
        return args.handler(ctx, args)
    except CuratorError as exc:
        print(f"curator: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("curator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.debug("unexpected error", exc_info=True)
        if debug:
            raise
        log.error("unexpected error in 'curator %s'", args.command, exc_info=True)
        first = str(exc).splitlines()[0][:300] if str(exc) else ""
        where = f"details in {log_path}" if log_path is not None else "details with --debug"
        print(f"curator: internal error: {type(exc).__name__}: {first} ({where})", file=sys.stderr)
        return 3
    finally:
        if ctx is not None:
            ctx.close()


def _open_app(db: str | None, debug: bool) -> int:
    paths = AppPaths.default()
    log_path = configure_logging(paths.log_dir, debug=debug)
    try:
        db_url = resolve_db_url(db, paths)
    except CuratorError as exc:
        print(f"curator: error: {exc}", file=sys.stderr)
        return 1
    try:
        # Qt is imported only when the window is wanted; the commands never load it.
        from curator.gui.app import run_app

        return run_app(db_url, paths, debug=debug, log_path=log_path)
    except KeyboardInterrupt:
        # Ctrl-C while the app starts (or before its window takes over): a line, not a traceback.
        print("curator: interrupted", file=sys.stderr)
        return 130
