"""``curator screenshot OUT.png``: a picture of the app's main window, rendered offscreen."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.commands.context import CommandContext
from curator.core.errors import CuratorError


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1480x900, not {text!r}") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError("the size must be between 320x240 and 8000x8000")
    return width, height


def cmd_screenshot(ctx: CommandContext, args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".png":
        raise CuratorError(f"{out}: the screenshot is written as PNG; give a file name ending in .png")
    # Qt is imported only here, when a picture of the window is wanted.
    from curator.gui.screenshot import take_screenshot

    take_screenshot(out, ctx.db_url, ctx.paths, story=args.story, size=args.size, theme=args.theme, panel=args.panel)
    print(out)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "screenshot", parents=[common], help="save a picture of the app's window (rendered offscreen) as a PNG"
    )
    p.add_argument("out", metavar="OUT.png", help="where to write the picture")
    p.add_argument("--story", metavar="SLUG", help="the story to show (id, slug or UUID); default: the newest")
    p.add_argument("--size", type=_size, default=(1480, 900), metavar="WxH", help="window size (default 1480x900)")
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="colour theme (default light)")
    p.add_argument(
        "--panel",
        choices=("factcheck", "related"),
        default="factcheck",
        help="which of the side panels is in front (default factcheck)",
    )
    p.set_defaults(handler=cmd_screenshot)
