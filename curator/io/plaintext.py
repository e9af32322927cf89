"""Plain-text stories: a headline line, an optional "Photo: CREDIT, CAPTION" line, body paragraphs, an optional
"Original Author: NAME" line and a trailing "Latest news" list of related headlines.

English, Russian and Kazakh labels are recognised. Paragraphs become clean Markdown: list items stay lists,
"> " lines stay quotes, and everything else is escaped so that it shows exactly as written.
"""

from __future__ import annotations

import re

from curator.domain.stories import StoryFields
from curator.io.errors import ImportFileError
from curator.io.mdescape import escape_inline, escape_line
from curator.io.parsed import ParsedStory, RelatedRef, guess_language

_PHOTO = re.compile(r"^(?:photo|фото|сурет)\s*(?:credit)?\s*[:：]\s*(?P<rest>.+)$", re.IGNORECASE)
_ORIGINAL_AUTHOR = re.compile(
    r"^(?:original author|автор оригинала|оригинальный автор|түпнұсқа авторы)\s*[:：]\s*(?P<name>.+)$", re.IGNORECASE
)
_RELATED_HEADING = re.compile(
    r"^(?:latest news|related news|related|read also|последние новости|читайте также|соңғы жаңалықтар)\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-*+•·▪►]|\d{1,3}[.)])\s+(?P<item>.*)$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,3})[.)]\s+(?P<item>.*)$")
_TRAILING_URL = re.compile(r"^(?P<title>.*?)\s*[-–—|(<]?\s*(?P<url>https?://\S+?)[)>]?$")
# "…, Orda.kz reports." and its Russian and Kazakh turns of phrase.
_OUTLET_PATTERNS = (
    re.compile(r",\s+(?P<outlet>[^,]{2,60}?)\s+(?:reports|reported)\.?\s*$"),
    re.compile(r",\s+(?:сообщает|сообщают|пишет|передает|передаёт|информирует)\s+(?P<outlet>[^,]{2,60}?)\.?\s*$"),
    re.compile(r",\s+(?:деп\s+)?(?:хабарлайды|жазады)\s+(?P<outlet>[^,]{2,60}?)\.?\s*$"),
)
_MAX_OUTLET_WORDS = 5


def parse_plaintext(text: str) -> ParsedStory:
    """Parse a plain-text story; raises :class:`ImportFileError` when there is no headline to be found."""
    lines = [line.strip() for line in text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise ImportFileError("the file is empty")
    headline = lines[0].lstrip("#").strip() if lines[0].startswith("# ") else lines[0]
    rest = lines[1:]

    related: list[RelatedRef] = []
    for i, line in enumerate(rest):
        if _RELATED_HEADING.match(line):
            related = [ref for ref in (_related(item) for item in rest[i + 1 :] if item) if ref.title or ref.url]
            rest = rest[:i]
            break

    original_author = ""
    for i in range(len(rest) - 1, -1, -1):
        m = _ORIGINAL_AUTHOR.match(rest[i])
        if m:
            original_author = m.group("name").strip()
            del rest[i]
            break

    photo_credit = photo_caption = ""
    for i, line in enumerate(rest[:3]):
        m = _PHOTO.match(line)
        if m:
            credit, _, caption = m.group("rest").partition(",")
            photo_credit, photo_caption = credit.strip(), caption.strip()
            del rest[i]
            break

    paragraphs = _paragraphs(rest)
    outlet = _outlet(paragraphs[0]) if paragraphs and paragraphs[0][0] == "p" else ""
    body = "\n\n".join(_markdown(block) for block in paragraphs)
    fields = StoryFields(
        headline=headline,
        body=body,
        original_author=original_author,
        outlet_name=outlet,
        photo_credit=photo_credit,
        photo_caption=photo_caption,
        language=guess_language(f"{headline}\n{body}"),
    )
    return ParsedStory(fields=fields, related=tuple(related))


def _related(line: str) -> RelatedRef:
    m = _BULLET.match(line)
    item = m.group("item").strip() if m else line
    url_match = _TRAILING_URL.match(item) if "://" in item else None
    if url_match:
        return RelatedRef(title=url_match.group("title").strip(" -–—|"), url=url_match.group("url"))
    return RelatedRef(title=item)


def _paragraphs(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Blocks of the body: ("p", [line]), ("ul"/"ol", items) or ("quote", lines).

    With blank lines between paragraphs, a paragraph's lines are joined (hard-wrapped text); without any,
    every line is a paragraph of its own.
    """
    wrapped = any(not line for line in lines)
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line:
            blocks.append(("break", []))
            continue
        kind = "p"
        if _NUMBERED.match(line):
            kind = "ol"
        elif _BULLET.match(line):
            kind = "ul"
        elif line.startswith(">"):
            kind = "quote"
        last = blocks[-1] if blocks else None
        if last is not None and last[0] == kind and (kind != "p" or wrapped):
            last[1].append(line)
        else:
            blocks.append((kind, [line]))
    return [b for b in blocks if b[0] != "break"]


def _bullet_item(line: str) -> str:
    found = _BULLET.match(line)
    assert found is not None  # a "ul" block holds only the lines _BULLET matched
    return found.group("item")


def _markdown(block: tuple[str, list[str]]) -> str:
    kind, lines = block
    if kind == "ul":
        return "\n".join(f"- {escape_inline(_bullet_item(line))}" for line in lines)
    if kind == "ol":
        items = [_NUMBERED.match(line) for line in lines]
        return "\n".join(f"{m.group('n')}. {escape_inline(m.group('item'))}" for m in items if m)
    if kind == "quote":
        return "\n".join(f"> {escape_line(line.lstrip('>').strip())}" for line in lines)
    return escape_line(" ".join(lines))


def _outlet(block: tuple[str, list[str]]) -> str:
    first = " ".join(block[1])
    for pattern in _OUTLET_PATTERNS:
        m = pattern.search(first)
        if m:
            outlet = m.group("outlet").strip()
            if len(outlet.split()) <= _MAX_OUTLET_WORDS and (outlet[0].isupper() or outlet[0].isdigit()):
                return outlet
    return ""
