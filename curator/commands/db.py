"""Database commands: where the library is, upgrading it, and checking it."""

from __future__ import annotations

import argparse

from curator.commands.context import CommandContext
from curator.core.errors import CuratorError


def cmd_db(ctx: CommandContext, args: argparse.Namespace) -> int:
    # Imported here so that starting the app (``curator`` alone) does not pay for SQLAlchemy and Alembic
    # before its window is up.
    from curator.db.engine import make_engine, make_session_factory
    from curator.db.migrate import check_integrity, describe, prepare_library
    from curator.services.indexes import INDEXES, rebuild_stale_indexes

    if args.db_action == "path":
        print(describe(ctx.db_url))
        return 0
    if args.db_action == "upgrade":
        state = prepare_library(ctx.db_url)
        if state.created:
            print(f"created a new library at {describe(ctx.db_url)} (schema {state.revision})")
        elif state.upgraded_from:
            print(f"upgraded {describe(ctx.db_url)} from schema {state.upgraded_from} to {state.revision}")
            if state.backup:
                print(f"a copy of the library as it was is at {state.backup}")
        else:
            print(f"{describe(ctx.db_url)} is up to date (schema {state.revision})")
        engine = make_engine(ctx.db_url)
        try:
            rebuilt = rebuild_stale_indexes(make_session_factory(engine))
        finally:
            engine.dispose()
        for index in INDEXES:
            if index.key in rebuilt:
                print(f"rebuilt the {index.title} from the stories")
        return 0
    if args.db_action == "check":
        prepare_library(ctx.db_url, upgrade=False)
        engine = make_engine(ctx.db_url)
        try:
            problems = check_integrity(engine)
        finally:
            engine.dispose()
        if problems:
            for problem in problems:
                print(f"problem: {problem}")
            raise CuratorError(f"{describe(ctx.db_url)} has {len(problems)} problem(s)")
        print(f"{describe(ctx.db_url)}: ok")
        return 0
    raise AssertionError(args.db_action)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("db", parents=[common], help="the library database: path, upgrade, check")
    db_sub = p.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    db_sub.add_parser("path", parents=[common], help="print where the library is")
    db_sub.add_parser("upgrade", parents=[common], help="create or upgrade the library (backs it up first)")
    db_sub.add_parser("check", parents=[common], help="check the library's integrity")
    p.set_defaults(handler=cmd_db)
