"""Rendering: the one Markdown → sanitised HTML pipeline used by the preview and every export."""

from curator.render.markdown import RENDER_KEY, render_markdown

__all__ = ["RENDER_KEY", "render_markdown"]
