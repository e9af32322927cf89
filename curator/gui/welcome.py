"""The story a new, empty library starts with: a short tour of Curator, written as a news story."""

from __future__ import annotations

from curator.core.status import Status
from curator.domain.stories import RelatedLink, StoryFields

WELCOME_SLUG = "welcome-to-curator"

_BODY = """\
Curator, a desktop tool for drafting, checking and publishing news stories, opened its first library today \
on this computer, the app's own start-up routine reports. The library is a single file in your user data \
folder; nothing in it leaves the machine unless you export it.

According to the story list on the left, this is the only story so far. Editors write in the middle pane in \
Markdown: a line starting with `##` becomes a subheading, `*words in stars*` are set in italics, and a line \
starting with `>` is a quotation. The preview on the right shows the story exactly as the HTML export will \
print it, and it follows your typing as you go.

The search field accepts the library's query syntax, the manual explains. Typing `tag:diplomacy \
-status:draft` lists tagged stories that have left the draft stage; `"joint statement"` finds an exact phrase, \
and a word ending in a star, such as `перег*`, matches as you type. Russian and Kazakh text is searched, \
sorted and exported like any other.

Nothing typed here is lost, the manual promises. Unsaved text is kept in a recovery file every few seconds; \
**Ctrl+S** stores a revision you can compare and restore from *Story → History*. If someone else changes a \
story while you edit it, Curator shows both versions side by side instead of overwriting either.

> We built it for the desk at eleven at night: the connection is gone, the story is due, and the only thing \
that matters is that the text is still there when you press save.

The Fact Check panel on the right lists every attribution and quotation Curator finds in a story (who \
reported what, and who said it) with the source each one names. Fact-checkers select a sentence, \
press **Ctrl+Shift+M** to mark it as a claim, and give it a verdict; a story with unchecked items asks for a \
reason before it moves to *Ready* or *Published*. The Related Headlines tab beside it (**F7**) orders the \
headlines listed under a story and suggests stories on the same subject.

Finished stories go out as a single HTML file, a static site or a folder of Markdown files, each rendered by \
the same template as this preview.

## Getting started

- Press **Ctrl+N** for a new story, or drop text and Markdown files onto the story list to import them.
- Fill in the headline, byline, tags and photo credit above the editor.
- Press **Ctrl+E** to export the story you are reading.

When you no longer need this welcome story, move it to the trash with **Delete**; it will not come back.
"""

_RELATED = (
    "Curator Opens Its First Library on This Computer",
    "How the Preview Stays in Step With the Editor",
    "Searching in Russian and Kazakh: What the Query Syntax Understands",
    "Revisions, Recovery and Conflicts: Why Curator Never Drops a Word",
    "Exporting a Story as One HTML File or a Whole Static Site",
)


def welcome_story() -> StoryFields:
    """The fields of the welcome story (written for Curator; it shows what the app does)."""
    return StoryFields(
        headline="Welcome to Curator: Your Newsroom Library Is Ready",
        dek="Draft offline, check every claim, and publish to HTML — a short tour of the app you just opened.",
        body=_BODY,
        byline="The Curator Desk",
        original_author="Curator",
        outlet_name="Curator",
        photo_credit="Curator",
        photo_caption="illustrative purposes",
        language="en",
        status=Status.DRAFT,
        tags=("Getting started", "Curator"),
        related=tuple(RelatedLink(title=title) for title in _RELATED),
        slug=WELCOME_SLUG,
    )
