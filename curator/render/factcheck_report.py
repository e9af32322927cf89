"""The fact-check report of a story as one self-contained HTML page: claims and verdicts with their evidence,
attributions, quotations, sources and their statuses, and what is still open."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from markupsafe import Markup

from curator.db.base import utcnow
from curator.domain.factcheck import FactCheck, summarise
from curator.domain.stories import Story
from curator.render.page import environment

TEMPLATE = "factcheck_report.html.j2"


def _web_href(url: str) -> str | None:
    """A link target fit for the report: web and mail addresses only."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    if parts.scheme.lower() == "mailto":
        return url.strip()
    return None


def _line_of(body: str, offset: int) -> int:
    return body.count("\n", 0, max(0, min(offset, len(body)))) + 1


def render_factcheck_report(
    story: Story, check: FactCheck, *, generated_at: datetime | None = None, extra_head: str = ""
) -> str:
    """A complete HTML5 document reporting a story's fact check (autoescaped; links only to web addresses)."""
    env = environment()
    template = env.get_template(TEMPLATE)
    return template.render(
        story=story,
        check=check,
        summary=summarise(check.open_items),
        generated_at=generated_at or utcnow(),
        web_href=_web_href,
        line_of=lambda offset: _line_of(story.body, offset),
        verdict_tone=lambda claim: check.scale.tone(claim.verdict),
        plural=lambda n, word: f"{n} {word}" + ("" if n == 1 else "s"),
        extra_head=Markup(extra_head),
    )
