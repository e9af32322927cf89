"""Plain-text stories: the sample's shape, Russian labels, lists and quotes kept, everything else shown as typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.io.errors import ImportFileError
from curator.io.importer import parse_story
from curator.io.plaintext import parse_plaintext
from curator.render.markdown import render_markdown
from tests.conftest import FIXTURES as ALL_FIXTURES

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"


def test_the_shared_sample(sample_text: str) -> None:
    story = parse_plaintext(sample_text)
    f = story.fields
    assert f.headline == "Difficult Dialogue: US and Russia End Talks Without Joint Statement"
    assert f.photo_credit == "Pixabay"
    assert f.photo_caption == "illustrative purposes"
    assert f.original_author == "Nikita Drobny"
    assert f.outlet_name == "Orda.kz"
    assert f.language == "en"
    lines = sample_text.splitlines()
    expected = [line[2:] for line in lines[lines.index("Latest news") + 1 :]]
    assert len(expected) == 20
    assert [r.title for r in story.related] == expected
    assert f.body.startswith("Talks between US and Russian officials")
    assert f.body.rstrip().endswith("through which Kazakhstan's oil is exported.")
    assert "Original Author" not in f.body and "Latest news" not in f.body and "Photo:" not in f.body
    # One paragraph per line of the file.
    assert f.body.count("\n\n") == 8


def test_own_fixture_lists_quotes_and_links() -> None:
    story = parse_plaintext((FIXTURES / "grain-corridor.txt").read_text(encoding="utf-8"))
    f = story.fields
    assert f.headline == "Grain Corridor Reopens After Two-Week Pause, Traders Say"
    assert (f.photo_credit, f.photo_caption) == ("Curator Desk", "barges waiting at the Aktau terminal")
    assert f.outlet_name == "Steppe Herald"
    assert f.original_author == "Dana Karimova"
    assert "- the cost of insurance for the crossing\n- delays at the rail border" in f.body
    assert '"We are working around the clock to clear the queue,"' in f.body
    html = render_markdown(f.body)
    assert "<li>a shortage of *covered* wagons</li>" in html
    assert [(r.title, r.url) for r in story.related] == [
        ("Wheat Prices Edge Higher as Caspian Storms Ease", ""),
        ("Rail Operator Adds Night Trains to the Southern Route", ""),
        ("“Almaty Exchange Opens Evening Session”", "https://news.example.org/almaty-evening"),
    ]


def test_russian_labels() -> None:
    story = parse_plaintext((FIXTURES / "talks-ru.txt").read_text(encoding="utf-8"))
    f = story.fields
    assert f.headline.startswith("Трудный разговор")
    assert (f.photo_credit, f.photo_caption) == ("Архив редакции", "иллюстративное фото")
    assert f.outlet_name == "Степной вестник"
    assert f.original_author == "Айгерим Сапарова"
    assert f.language == "ru"
    assert [r.title for r in story.related] == [
        "Эксперты обсудили новые маршруты экспорта зерна",
        "Цены на пшеницу выросли третий день подряд",
    ]


def test_kazakh_is_told_from_russian() -> None:
    text = "Астанада келіссөздер аяқталды\nКеліссөздер бірлескен мәлімдемесіз аяқталды, деп хабарлайды Orda.kz."
    story = parse_plaintext(text)
    assert story.fields.language == "kk"
    assert story.fields.outlet_name == "Orda.kz"


def test_headline_and_paragraphs_only() -> None:
    story = parse_plaintext("Just a headline\n\nFirst paragraph\ncontinues here.\n\nSecond one.\n")
    assert story.fields.headline == "Just a headline"
    assert story.fields.body == "First paragraph continues here.\n\nSecond one."
    assert story.related == () and story.fields.outlet_name == ""


def test_text_that_looks_like_markdown_or_html_shows_as_typed() -> None:
    text = (
        "Headline\n# not a heading\n1986. A year, not a list\n*stars* and _underscores_ and `ticks`\n"
        "<script>alert(1)</script> &amp; [not](a link)\n> a quoted line\n+ plus"
    )
    html = render_markdown(parse_plaintext(text).fields.body)
    assert "<h1" not in html and "<ol" not in html and "<em>" not in html and "<code>" not in html
    assert "# not a heading" in html
    assert "1986. A year" in html
    assert "*stars* and _underscores_ and `ticks`" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; [not](a link)" in html
    assert "<blockquote>" in html
    # A line starting "+ ", "- " or "* " is a list item, as in the sample's "Latest news".
    assert "<li>plus</li>" in html


def test_no_headline_is_an_error() -> None:
    with pytest.raises(ImportFileError, match="empty"):
        parse_plaintext("\n \n")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_story_or_an_import_error(data: bytes) -> None:
    try:
        story = parse_story(data, markdown=False)
    except ImportFileError:
        return
    assert story.fields.headline


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(["Photo: A, b", "Original Author: X", "Latest news", "- item", "", "Фото:", "> q"]),
        ),
        max_size=30,
    ).map("\n".join)
)
def test_any_text_gives_a_story_or_an_import_error(text: str) -> None:
    try:
        story = parse_story(text.encode("utf-8"), markdown=False)
    except ImportFileError:
        return
    assert story.fields.headline
    render_markdown(story.fields.body)
