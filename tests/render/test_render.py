"""The Markdown pipeline: typography, Cyrillic anchors, and hostile input that must never survive."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.render.markdown import render_markdown

_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "meta", "svg", "form", "input", "base", "link"}


class _Inspector(HTMLParser):
    """Collects what a browser would act on: element names, attributes and URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "cite") and value.split(":")[0] in (
                "javascript",
                "data",
                "vbscript",
            ):
                self.problems.append(f"{tag}[{name}={value}]")
            if name == "style" and value.replace(" ", "") not in (
                "text-align:left",
                "text-align:right",
                "text-align:center",
            ):
                self.problems.append(f"{tag}[style={value}]")


def _problems(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    return inspector.problems


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    '<a href="javascript&#58;alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>body { display: none }</style>",
    '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<form action="https://evil.example"><input name="x"></form>',
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="#" onclick="alert(1)">x</a>',
    'Paragraph {: onclick="alert(1)" }',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
]


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_never_survives(markdown: str) -> None:
    html = render_markdown(f"Before.\n\n{markdown}\n\nAfter.")
    assert _problems(html) == []
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert "Before." in html and "After." in html


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*HOSTILE, "*em*", "**b**", "[a](https://x.example)", "\n\n", "<div>", "</p>"]), max_size=8
    ).map("".join)
)
def test_hostile_combinations_never_survive(markdown: str) -> None:
    assert _problems(render_markdown(markdown)) == []


def test_typography_headings_tables_and_footnotes() -> None:
    html = render_markdown(
        '## Переговоры в Эр-Рияде\n\n"Quoted" -- text\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: Source.'
    )
    assert '<h2 id="переговоры-в-эр-рияде">' in html
    assert "“Quoted” –" in html
    assert '<td style="text-align:left">1</td>' in html
    assert 'id="fn:1"' in html


def test_id_prefix_keeps_several_stories_apart() -> None:
    html = render_markdown("# Title\n\nNote[^1]\n\n[^1]: x", id_prefix="s7-")
    assert 'id="s7-title"' in html
    assert 'href="#s7-fn:1"' in html
    assert 'id="s7-fn:1"' in html


def test_renders_are_independent_of_each_other() -> None:
    first = render_markdown("A[^1]\n\n[^1]: one\n\n*[HTML]: Hyper")
    second = render_markdown("B[^1]\n\n[^1]: two\n\nHTML here")
    assert "one" not in second
    assert "<abbr" not in second
    assert 'id="fn:1"' in first and 'id="fn:1"' in second


def test_links_keep_safe_schemes() -> None:
    html = render_markdown("[site](https://example.org) [mail](mailto:ed@example.org) [rel](../other.html)")
    assert 'href="https://example.org"' in html
    assert 'href="mailto:ed@example.org"' in html
    assert 'href="../other.html"' in html
