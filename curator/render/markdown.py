"""Markdown → sanitised HTML. Every place that shows a story body goes through :func:`render_markdown`."""

from __future__ import annotations

import hashlib
import logging
import threading

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

from curator.render.fast_inline import speed_up
from curator.render.limits import (
    NESTED,
    TOO_SLOW,
    RenderTimeout,
    budget_for,
    limit_notice,
    time_budget,
    too_complex,
)
from curator.render.sanitize import prefix_ids, sanitize_html

EXTENSIONS = ["extra", "toc", "sane_lists", "smarty"]
EXTENSION_CONFIGS = {
    # Cyrillic headings keep readable anchors instead of collapsing to "_1".
    "toc": {"slugify": slugify_unicode},
}
# Bump when the pipeline's output changes, so stored renders are redone.
PIPELINE_VERSION = 3
RENDER_KEY = hashlib.sha1(
    f"{PIPELINE_VERSION}|{markdown.__version__}|{getattr(nh3, '__version__', '')}|{EXTENSIONS}".encode()
).hexdigest()[:16]

_local = threading.local()
log = logging.getLogger(__name__)


def _converter() -> markdown.Markdown:
    # Building a Markdown instance costs more than a short story's render; reuse one per thread.
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
        speed_up(md)  # the same HTML, about twice as fast (see curator.render.fast_inline)
        _local.md = md
    return md


def render_markdown(text: str, *, id_prefix: str = "") -> str:
    """Render a story body to sanitised HTML.

    ``id_prefix`` namespaces heading and footnote ids, for pages that show several stories. A body past the limits
    of :mod:`curator.render.limits` (too long, too deeply nested, too slow) comes back as a note and its text.
    """
    reason = too_complex(text)
    if reason:
        return limit_notice(text, reason)
    md = _converter()
    try:
        try:
            with time_budget(budget_for(text)):
                md.reset()
                html = md.convert(text)
        finally:
            md.reset()
        return prefix_ids(sanitize_html(html), id_prefix)
    except RecursionError:
        _local.md = None  # a converter interrupted half-way is not reused
        return limit_notice(text, NESTED)
    except RenderTimeout:
        _local.md = None
        log.warning("a render of %d characters was stopped after %.1f s", len(text), budget_for(text))
        return limit_notice(text, TOO_SLOW)
