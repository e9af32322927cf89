"""Block-by-block rendering gives exactly the HTML of one render of the whole body, and reuses unchanged blocks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.render.blocks import ANCHOR_LIST_ITEMS, ANCHOR_TABLE_ROWS, BlockRenderer, split_body
from curator.render.markdown import render_markdown

WORDS = ["grain", "talks", "Riyadh", "переговоры", "Алматы", "ceasefire", "“quoted”", "it's", "--", "...", "5 000"]
INLINE = st.lists(
    st.sampled_from([*WORDS, "*em*", "**strong**", "`code`", "[link](https://example.org)", "[ref][r1]", "HTML"]),
    min_size=1,
    max_size=8,
).map(" ".join)

BLOCKS = st.one_of(
    INLINE,
    INLINE.map(lambda s: f"## {s}"),
    st.sampled_from(["# Talks", "## Talks", "### Итоги"]),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    INLINE.map(lambda s: f"    indented {s}"),
    INLINE.map(lambda s: f"> {s}"),
    INLINE.map(lambda s: f"Term\n: {s}"),
    INLINE.map(lambda s: f"```\n{s}\n\n{s}\n```"),
    INLINE.map(lambda s: f"| a | b |\n|---|:-:|\n| {s} | 1 |\n| x | 2 |"),
    st.just("---"),
    st.just("Heading\n======="),
    st.just('[r1]: https://example.org/ref "Ref"'),
    st.just("*[HTML]: Hyper Text Markup Language"),
    st.just("  - nested under"),
    st.just("\tcode with tab"),
    st.just("* star item\n    continued"),
    st.just("para\n---"),
    st.just("1. one\n\n    indented para\n2. two"),
    st.just("> quote\nlazy line\n> > nested"),
    st.just("  "),
)
SEPARATORS = st.sampled_from(["\n\n", "\n\n\n", "\n", "\n \n", "\n\n\n\n"])


@st.composite
def bodies(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(BLOCKS, min_size=1, max_size=12))
    out = blocks[0]
    for block in blocks[1:]:
        out += draw(SEPARATORS) + block
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_block_render_equals_whole_render(body: str) -> None:
    assert BlockRenderer().render_html(body) == render_markdown(body).strip()


def test_equal_on_the_welcome_story_and_with_duplicate_headings() -> None:
    from curator.gui.welcome import welcome_story

    body = welcome_story().body
    assert BlockRenderer().render_html(body) == render_markdown(body).strip()
    dup = "## Talks\n\ntext\n\n## Talks\n\n## Talks\n\nmore\n\n## Talks_1"
    assert BlockRenderer().render_html(dup) == render_markdown(dup).strip()


def test_an_edit_renders_only_the_block_it_touched() -> None:
    paragraphs = [f"Paragraph {i} about the talks in Riyadh, with *emphasis*." for i in range(200)]
    renderer = BlockRenderer()
    renderer.render("\n\n".join(paragraphs))
    assert renderer.rendered == 200
    paragraphs[120] += " One more word"
    blocks = renderer.render("\n\n".join(paragraphs))
    assert renderer.rendered == 201
    assert "One more word" in blocks[120].html


def test_footnotes_render_the_whole_body() -> None:
    body = "Claim.[^1]\n\nMore.\n\n[^1]: Source."
    split = split_body(body)
    assert split.whole
    assert BlockRenderer().render_html(body) == render_markdown(body).strip()


def test_list_items_and_table_rows_are_anchored_to_their_lines() -> None:
    body = "Intro\n\n- one\n- two\n\n- three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |"
    blocks = split_body(body).blocks
    assert [b.first_line for b in blocks] == [0, 2, 7]
    assert blocks[1].anchor_kind == ANCHOR_LIST_ITEMS and blocks[1].anchor_lines == (2, 3, 5)
    assert blocks[2].anchor_kind == ANCHOR_TABLE_ROWS and blocks[2].anchor_lines == (7, 9, 10)
