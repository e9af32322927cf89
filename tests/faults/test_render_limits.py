"""Pathological Markdown is stored as written and shown as a note with its text, never a hang or a traceback.

Issue 16, case 3: ``- - - …``, runs of asterisks, ``[[[…](](…``, thousands of nested quotes; the time budget and
RecursionError behind the pre-check; the same bodies through real ``curator new``/``show``/``export`` processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.domain.stories import StoryFields
from curator.render import limits
from curator.render.blocks import BlockRenderer
from curator.render.markdown import render_markdown
from curator.services.library import Library
from tests.faults.conftest import Cli

PATHOLOGICAL = {
    "nested list markers": "- " * 10000 + "x",
    "asterisks around a word": "*" * 20000 + "<x>" + "*" * 20000,
    "brackets": "[" * 50000 + "x" + "](" * 50000,
    "nested quotes": "\n".join(">" * min(i, 60) + " quoted <b>" for i in range(1, 3001)),
    "indented lists": "\n".join("    " * i + "- item" for i in range(40)),
    "unclosed brackets": "[a " * 5000,
}


@pytest.mark.parametrize("body", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_pathological_markdown_renders_as_a_note_and_escaped_text(body: str) -> None:
    html = render_markdown(body)
    assert html.startswith('<div class="render-limit" data-render-limit=')
    assert "too deeply nested to render" in html or "too long to render" in html
    # The text is there as written, escaped: nothing in it becomes markup.
    assert "<b>" not in html and "<x>" not in html
    assert "&lt;" in html or "<" not in body
    # The preview's block renderer shows the same note.
    assert "render-limit" in BlockRenderer().render_html(body)


def test_ordinary_markdown_is_not_limited() -> None:
    body = "\n\n".join(
        [
            "> a quote\n>> inside a quote",
            "- one\n    - two\n        - three",
            "Text with *emphasis*, **strong**, [a link](https://example.org) and (parentheses (nested)).",
            "```\n" + "- " * 100 + "\n" + "[" * 100 + "\n```",
            "* * *",
            "*" * 200,
        ]
    )
    html = render_markdown(body)
    assert "render-limit" not in html and "<blockquote>" in html and "<em>emphasis</em>" in html


def test_a_render_past_its_time_budget_is_stopped_and_not_stored(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = library.stories.create_many([StoryFields(headline="Slow", body="*a" * 5000 + " end")], render=False)[0]
    monkeypatch.setattr(limits, "BUDGET_SECONDS", 0.05)
    monkeypatch.setattr(limits, "BUDGET_PER_100K", 0.0)
    html = library.stories.rendered_html(story_id)
    assert "took too long to render" in html and limits.is_provisional(html)
    # Not stored: with time to spare, the next look renders it properly.
    monkeypatch.undo()
    assert "render-limit" not in library.stories.rendered_html(story_id)
    # The thread that rendered is left in a usable state.
    assert render_markdown("still *fine*") == "<p>still <em>fine</em></p>"


def test_recursion_past_the_pre_check_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_NESTING", 10**6)
    html = render_markdown("- " * 3000 + "x")
    assert 'data-render-limit="nested"' in html
    monkeypatch.undo()
    assert render_markdown("- one") == "<ul>\n<li>one</li>\n</ul>"


def test_pathological_stories_are_saved_shown_and_exported_by_real_processes(tmp_path: Path, cli: Cli) -> None:
    db = str(tmp_path / "lib.sqlite")
    for n, (name, body) in enumerate(PATHOLOGICAL.items()):
        path = tmp_path / f"body-{n}.md"
        path.write_text(body, encoding="utf-8")
        done = cli("--db", db, "new", "--headline", f"Pathological {n}", "--body-file", str(path))
        assert done.returncode == 0, (name, done.stderr)
        if n < 2:
            shown = cli("--db", db, "show", f"pathological-{n}", "--html")
            assert shown.returncode == 0 and "render-limit" in shown.stdout, name
    site = tmp_path / "site"
    done = cli("--db", db, "export", "site", str(site))
    assert done.returncode == 0, done.stderr
    page = (site / "stories" / "pathological-0.html").read_text(encoding="utf-8")
    assert "This text is too deeply nested to render" in page
    listed = json.loads(cli("--db", db, "list", "--json").stdout)
    assert len(listed) == len(PATHOLOGICAL)
