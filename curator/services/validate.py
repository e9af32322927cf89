"""Checking and normalising story fields before they are stored."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from curator.core.status import Status
from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink, StoryFields

MAX_LINE_FIELD = 2_000
MAX_BODY = 5_000_000
MAX_TAG = 100
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_SINGLE_LINE = ("headline", "byline", "original_author", "outlet_name", "outlet_url", "photo", "photo_credit")
_WEB_SCHEMES = {"http", "https"}


def clean_text(value: str) -> str:
    # PostgreSQL refuses NUL in text, and Windows line ends would show up as changes in every diff.
    return value.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())


def tag_name(value: str) -> str:
    """A tag name as stored: single spaces, no surrounding blanks."""
    name = clean_line(value).strip(",")
    if len(name) > MAX_TAG:
        raise ValidationError("tags", f"a tag is at most {MAX_TAG} characters: {name[:40]}…")
    return name


def check_url(field: str, value: str, *, allow_path: bool = False) -> str:
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in _WEB_SCHEMES and parts.netloc:
        return value
    if scheme == "mailto" and field != "photo":
        return value
    if allow_path and (not scheme or len(scheme) == 1 or scheme == "file"):
        # A local path (a one-letter "scheme" is a Windows drive).
        return value
    raise ValidationError(field, f"{value[:80]!r} is not a web address (http:// or https://)")


def normalise(fields: StoryFields) -> StoryFields:
    """Validated, normalised fields; raises :class:`ValidationError` naming the field at fault."""
    changes: dict[str, object] = {}
    for name in _SINGLE_LINE:
        value = clean_line(getattr(fields, name))
        if len(value) > MAX_LINE_FIELD:
            raise ValidationError(name, f"is {len(value)} characters long; at most {MAX_LINE_FIELD} fit")
        changes[name] = value
    for name in ("dek", "body", "photo_caption"):
        changes[name] = clean_text(getattr(fields, name)).strip("\n")
    if len(str(changes["body"])) > MAX_BODY:
        raise ValidationError("body", f"is over {MAX_BODY // 1_000_000} MB of text")
    changes["outlet_url"] = check_url("outlet_url", str(changes["outlet_url"]))
    changes["photo"] = check_url("photo", str(changes["photo"]), allow_path=True)
    language = fields.language.strip() or "en"
    if not _LANG_RE.match(language):
        raise ValidationError("language", f"{language!r} is not a language code such as en, ru or kk")
    changes["language"] = language
    if not isinstance(fields.status, Status):
        try:
            changes["status"] = Status.parse(str(fields.status))
        except ValueError as exc:
            raise ValidationError("status", str(exc)) from None
    if fields.published_at is not None and fields.published_at.tzinfo is None:
        raise ValidationError("published_at", "needs a time zone")
    seen: dict[str, str] = {}
    for raw in fields.tags:
        name = tag_name(raw)
        if name:
            seen.setdefault(name.casefold(), name)
    changes["tags"] = tuple(seen.values())
    related = []
    for i, link in enumerate(fields.related, 1):
        title = clean_line(link.title)
        url = check_url(f"related link {i}", link.url)
        if not title and not url and link.target_id is None and link.target_uuid is None:
            continue
        related.append(RelatedLink(title=title, url=url, target_id=link.target_id, target_uuid=link.target_uuid))
    changes["related"] = tuple(related)
    if fields.slug is not None:
        changes["slug"] = fields.slug.strip()
    return fields.replace(**changes)
