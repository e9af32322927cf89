"""Markdown with YAML, TOML and Pelican front matter, in the spellings of Hugo, Jekyll and Pelican."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.status import Status
from curator.io.errors import ImportFileError
from curator.io.frontmatter import parse_markdown
from curator.io.importer import parse_story
from tests.conftest import FIXTURES as ALL_FIXTURES

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"


def _read(name: str):  # type: ignore[no-untyped-def]
    return parse_markdown((FIXTURES / name).read_text(encoding="utf-8"))


def test_hugo_yaml() -> None:
    story = _read("hugo-story.md")
    f = story.fields
    assert f.headline == "Night Trains Return to the Southern Route"
    assert f.published_at == datetime(2025, 4, 2, 9, 30, tzinfo=timezone(timedelta(hours=5)))
    assert f.status == Status.PUBLISHED
    assert f.tags == ("Transport", "Kazakhstan")
    assert (f.byline, f.slug, f.dek) == (
        "Ivan Petrov",
        "night-trains-return",
        "The rail operator adds two overnight services.",
    )
    assert f.extra == {"categories": ["Business"], "weight": 10}
    assert f.body.startswith("The national rail operator") and "[^1]: Times are local." in f.body


def test_pelican_metadata() -> None:
    f = _read("pelican-story.md").fields
    assert f.headline == "Almaty Exchange Opens Evening Session"
    assert f.published_at == datetime(2025, 4, 3, 18, 0, tzinfo=UTC)
    # Pelican splits tags on semicolons when there are any, else on commas.
    assert f.tags == ("markets, Almaty", "trading")
    assert f.byline == "Dana Karimova, Ivan Petrov"
    assert f.status == Status.DRAFT
    assert f.extra == {"Modified": "2025-04-04 08:00", "Category": "Markets"}
    assert f.body == "The exchange said the evening session would help traders in other time zones."


def test_jekyll_and_toml() -> None:
    jekyll = _read("jekyll-story.markdown").fields
    assert jekyll.status == Status.DRAFT and jekyll.published_at is None
    assert jekyll.dek == "A short note of thanks." and jekyll.tags == ("Ports",)
    assert jekyll.extra == {"layout": "post", "date": "2025-04-05"} or jekyll.extra == {"layout": "post"}
    toml = _read("toml-story.md").fields
    assert toml.headline == "Storm Season Ends on the Caspian"
    assert toml.status == Status.DRAFT and toml.tags == ("Weather",)
    assert toml.extra == {"params": {"region": "west"}}


def test_no_front_matter_takes_the_heading() -> None:
    story = parse_markdown("# A heading\n\nThe body.")
    assert (story.fields.headline, story.fields.body) == ("A heading", "The body.")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nbody", r"malformed front matter: .* \(line 2\)"),
        ("---\ntitle: x\nbody without end", "never closed"),
        ("---\n- a list\n---\nbody", "key: value"),
        ("---\na: &x [1, 2]\nb: *x\n---\nbody", "aliases are not allowed"),
        ("+++\ntitle = \n+++\nbody", "TOML"),
        ("---\ntitle: X\ndate: the day after\n---\nbody", "date"),
        ("---\ntitle: X\nstatus: pending\n---\nbody", "unknown status"),
        ("---\nsummary: no title\n---\nbody", "no title"),
    ],
)
def test_malformed_front_matter_is_reported(text: str, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason):
        parse_markdown(text)


def test_invalid_urls_are_import_errors() -> None:
    with pytest.raises(ImportFileError, match="outlet_url"):
        parse_story(b"---\ntitle: X\noutlet_url: javascript:alert(1)\n---\nbody", markdown=True)
    with pytest.raises(ImportFileError, match="related headline"):
        parse_story(b"---\ntitle: X\nrelated:\n  - title: Y\n    url: javascript:x\n---\nb", markdown=True)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_story_or_an_import_error(data: bytes) -> None:
    try:
        story = parse_story(data, markdown=True)
    except ImportFileError:
        return
    assert story.fields.headline


_KEYS = st.sampled_from(
    ["title", "Title", "date", "tags", "draft", "status", "slug", "summary", "related", "x", "lang"]
)
_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=10), max_size=3),
    st.sampled_from(["2025-03-25", "[a, b", "{", "- x", "&a", "*a", "!!python/object:os.system", "|", "true"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_KEYS, _VALUES), max_size=8), st.sampled_from(["---", "+++", ""]), st.text(max_size=200))
def test_any_front_matter_gives_a_story_or_an_import_error(pairs, fence, body) -> None:  # type: ignore[no-untyped-def]
    sep = " = " if fence == "+++" else ": "
    head = "\n".join(f"{k}{sep}{v}" for k, v in pairs)
    text = f"{fence}\n{head}\n{fence}\n{body}" if fence else f"{head}\n\n{body}"
    try:
        story = parse_story(text.encode("utf-8"), markdown=True)
    except ImportFileError:
        return
    assert story.fields.headline
