"""Markdown stories with front matter: YAML between ``---`` lines (Hugo, Jekyll, Curator's own export), TOML
between ``+++`` lines (Hugo), or Pelican's ``Key: value`` lines at the top.

Keys are matched without regard to case, in the spellings of those tools; keys Curator has no field for are kept in
``StoryFields.extra``. A file without front matter takes its headline from a leading ``# Heading``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

import yaml

from curator.core.status import Status
from curator.domain.stories import StoryFields
from curator.io.errors import ImportFileError
from curator.io.parsed import ParsedStory, RelatedRef, guess_language

MAX_FRONT_MATTER = 256 * 1024
_PELICAN_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_PELICAN_MORE = re.compile(r"^(?:[ ]{4,}|\t)(?P<value>.*)$")
_ATX = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")

# Our field ← the keys that mean it, first found wins.
FRONT_MATTER_KEYS: dict[str, tuple[str, ...]] = {
    "headline": ("title",),
    "published_at": ("date", "publishdate", "pubdate", "published_at"),
    # Jekyll's "published: false" (and Curator's Pelican export's "Published: no") mean: not published yet.
    "published": ("published",),
    "tags": ("tags", "tag"),
    "byline": ("author", "authors", "byline"),
    "slug": ("slug",),
    "status": ("status",),
    "draft": ("draft",),
    "workflow": ("workflow",),
    "dek": ("summary", "dek", "description", "excerpt", "subtitle"),
    "original_author": ("original_author", "original-author"),
    "outlet_name": ("outlet", "source"),
    "outlet_url": ("outlet_url", "outlet-url", "source_url"),
    "photo": ("photo", "image", "featured_image", "cover"),
    "photo_credit": ("photo_credit", "photo-credit", "image_credit"),
    "photo_caption": ("photo_caption", "photo-caption", "image_caption"),
    "language": ("lang", "language"),
    "related": ("related",),
    "uuid": ("uuid",),
}
_PELICAN_STATUS = {"hidden": Status.ARCHIVED}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: they are never needed in front matter and can blow up in size."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        # PyYAML builds datetimes itself: "2025-13-45" or a zone past ±24 h fail with a bare ValueError.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{_short(node.value)} is not a date ({exc})", node.start_mark
            ) from None

    def construct_yaml_int(self, node: Any) -> Any:
        # Python refuses to convert integers of more than 4,300 digits (and PyYAML lets ValueError through).
        try:
            return super().construct_yaml_int(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {len(str(node.value))} digits is too long", node.start_mark
            ) from None


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasLoader.construct_yaml_timestamp)
_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_yaml_int)


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def parse_markdown(text: str) -> ParsedStory:
    """Parse a Markdown story; raises :class:`ImportFileError` for malformed front matter or no headline."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body, flavour = _split(text)
    fields, related, story_uuid = _fields(meta, flavour)
    body = body.strip("\n")
    if not fields.get("headline"):
        m = _ATX.match(body.lstrip("\n").split("\n", 1)[0]) if body.strip() else None
        if m:
            fields["headline"] = m.group("title")
            body = body.lstrip("\n").split("\n", 1)[1].strip("\n") if "\n" in body.strip("\n") else ""
        elif not meta and body.strip():
            first, _, rest = body.strip("\n").partition("\n")
            fields["headline"], body = first.strip(), rest.strip("\n")
    if not str(fields.get("headline", "")).strip():
        raise ImportFileError("has no title: give it a 'title' in the front matter or start it with '# Headline'")
    fields["body"] = body
    fields.setdefault("language", guess_language(f"{fields['headline']}\n{body}"))
    return ParsedStory(fields=StoryFields(**fields), related=related, uuid=story_uuid)


def _split(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, flavour) where flavour is yaml, toml, pelican or none."""
    first, _, rest = text.partition("\n")
    if first.rstrip() in ("---", "+++"):
        fence = first.rstrip()
        closing = ("---", "...") if fence == "---" else ("+++",)
        lines = rest.split("\n")
        for i, line in enumerate(lines):
            if line.rstrip() in closing:
                raw = "\n".join(lines[:i])
                body = "\n".join(lines[i + 1 :])
                if len(raw) > MAX_FRONT_MATTER:
                    raise ImportFileError("malformed front matter: it is larger than 256 KB")
                return (_yaml(raw) if fence == "---" else _toml(raw)), body, ("yaml" if fence == "---" else "toml")
        raise ImportFileError(f"malformed front matter: the '{fence}' on line 1 is never closed")
    m = _PELICAN_LINE.match(first)
    if m and m.group("key").lower() in ("title", "date", "slug", "tags", "author", "status", "summary", "lang"):
        return _pelican(text)
    return {}, text, "none"


def _load_yaml(raw: str) -> Any:
    """Safe YAML without aliases; with libyaml (C) where PyYAML has it, which is several times faster."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return yaml.load(raw, Loader=_NoAliasLoader)
    # The C loader cannot be told to refuse aliases while it composes: its events are checked first (cheap).
    # Anything but a plain mapping (an alias, an error, a lone scalar) goes through the Python loader, for the
    # same values, refusals and messages as ever.
    try:
        if not any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(raw, Loader=loader)):
            data = yaml.load(raw, Loader=loader)
            if isinstance(data, dict):
                return data
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        # A bad value (2025-13-45, a 5,000-digit number) too: the Python loader names it with its line.
        pass
    return yaml.load(raw, Loader=_NoAliasLoader)


def _yaml(raw: str) -> dict[str, Any]:
    try:
        data = _load_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ImportFileError(f"malformed front matter: {problem}{where}") from None
    except RecursionError:
        raise ImportFileError("malformed front matter: nested too deeply") from None
    except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
        # Whatever else a constructor trips on is still this file's problem, not the import's.
        raise ImportFileError(f"malformed front matter: {_short(exc, 120)[1:-1]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFileError("malformed front matter: it should be 'key: value' lines")
    return data


def _toml(raw: str) -> dict[str, Any]:
    try:
        return tomllib.loads(raw)
    except (ValueError, OverflowError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        raise ImportFileError(f"malformed front matter (TOML): {_short(exc, 120)[1:-1]}") from None


def _pelican(text: str) -> tuple[dict[str, Any], str, str]:
    meta: dict[str, list[str]] = {}
    lines = text.split("\n")
    key = None
    end = len(lines)
    for i, line in enumerate(lines):
        if not line.strip():
            end = i + 1
            break
        m = _PELICAN_LINE.match(line)
        if m:
            key = m.group("key")
            meta.setdefault(key, []).append(m.group("value").strip())
            continue
        more = _PELICAN_MORE.match(line)
        if more and key is not None:
            meta[key].append(more.group("value").strip())
            continue
        # Pelican stops reading metadata at the first line that is not metadata.
        end = i
        break
    out: dict[str, Any] = {}
    for k, values in meta.items():
        out[k] = values if k.lower() == "related" or len(values) > 1 else values[0]
    return out, "\n".join(lines[end:]), "pelican"


def _fields(meta: Mapping[str, Any], flavour: str) -> tuple[dict[str, Any], tuple[RelatedRef, ...], str]:
    lowered: dict[str, str] = {}
    for key in meta:
        lowered.setdefault(str(key).lower(), key)
    used: set[str] = set()

    def take(field: str) -> tuple[str, Any]:
        for spelling in FRONT_MATTER_KEYS[field]:
            if spelling in lowered:
                original = lowered[spelling]
                used.add(original)
                return str(original), meta[original]
        return "", None

    out: dict[str, Any] = {}
    for field, convert in _CONVERTERS.items():
        key, value = take(field)
        if value is None:
            continue
        try:
            out[field] = convert(value, flavour)
        except (TypeError, ValueError, OverflowError, ArithmeticError, RecursionError) as exc:
            # Any value in any key is the file's problem, named by its key: never the whole import's.
            raise ImportFileError(f"front matter '{_short(key)[1:-1]}': {exc}") from None
    related = out.pop("related", ())
    story_uuid = out.pop("uuid", "")
    translation = lowered.get("translationkey")
    if translation is not None and story_uuid and str(meta[translation]).strip() == story_uuid:
        used.add(translation)  # Hugo's translationKey as Curator's YAML export writes it: the story's UUID
    draft = out.pop("draft", None)
    published = out.pop("published", None)
    if published is False:
        out["published_at"] = None
        if draft is None:
            draft = True
    elif isinstance(published, datetime) and "published_at" not in out:
        out["published_at"] = published
    workflow = out.pop("workflow", None)
    if workflow is not None:
        out["status"] = workflow
    elif "status" not in out and draft is not None:
        out["status"] = Status.DRAFT if draft else Status.PUBLISHED
    if "published_at" in out and out["published_at"] is None:
        del out["published_at"]
    extra = {str(k): _json_value(v) for k, v in meta.items() if k not in used}
    if extra:
        out["extra"] = extra
    return out, related, story_uuid


def _text(value: Any, _flavour: str = "") -> str:
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        raise ValueError("expected text, found a mapping")
    if isinstance(value, bytes | bytearray):
        raise ValueError("expected text, found binary data")
    return "" if value is None else str(value)


def _names(value: Any, _flavour: str = "") -> tuple[str, ...]:
    if isinstance(value, str):
        parts = value.split(";") if ";" in value else value.split(",")
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, list | tuple):
        return tuple(_text(v).strip() for v in value if _text(v).strip())
    if value is None:
        return ()
    return (_text(value),)


def _byline(value: Any, _flavour: str = "") -> str:
    return value.strip() if isinstance(value, str) else ", ".join(_names(value))


def _published(value: Any, _flavour: str = "") -> datetime | bool:
    if isinstance(value, bool):
        return value
    raw = _text(value).strip().lower()
    if raw in _TRUE or raw in _FALSE:
        return raw in _TRUE
    when = _when(value)
    return when if when is not None else False


def _when(value: Any, _flavour: str = "") -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in ("no", "none", "false"):
        return None
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime.combine(value, time(), tzinfo=UTC)
    else:
        raw = _text(value).strip()
        try:
            when = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
        except ValueError:
            raise ValueError(f"{raw[:40]!r} is not a date such as 2025-03-25 or 2025-03-25T13:00:00+05:00") from None
    # Dates without a zone are taken as UTC (Pelican and Hugo would use a configured zone).
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    try:
        # Stored in UTC: 9999-12-31T23:59-23:59 (or 0001-01-01 east of Greenwich) has no UTC time.
        when.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError(f"{when.isoformat()[:40]!r} is out of the range of dates that can be stored") from None
    return when


def _status(value: Any, _flavour: str = "") -> Status:
    raw = _text(value).strip()
    if raw.lower() in _PELICAN_STATUS:
        return _PELICAN_STATUS[raw.lower()]
    return Status.parse(raw)


def _flag(value: Any, _flavour: str = "") -> bool:
    if isinstance(value, bool):
        return value
    raw = _text(value).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{raw[:20]!r} is not true or false")


def _photo(value: Any, _flavour: str = "") -> str:
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    return _text(value)


def _uuid(value: Any, _flavour: str = "") -> str:
    return _text(value).strip()


def _related(value: Any, flavour: str = "") -> tuple[RelatedRef, ...]:
    items = value if isinstance(value, list) else [value]
    refs = []
    for item in items:
        if isinstance(item, dict):
            low = {str(k).lower(): v for k, v in item.items()}
            refs.append(
                RelatedRef(
                    title=_text(low.get("title", "")).strip(),
                    url=_text(low.get("url", "")).strip(),
                    uuid=_text(low.get("uuid", "")).strip(),
                    slug=_text(low.get("story", low.get("slug", ""))).strip(),
                )
            )
        elif isinstance(item, str) and item.strip():
            refs.append(_related_line(item.strip()))
        elif item is not None and not isinstance(item, str):
            raise ValueError("each related headline is a title, or a mapping with a title and a url or story")
    return tuple(r for r in refs if r.title or r.url or r.uuid or r.slug)


def _related_line(line: str) -> RelatedRef:
    """Pelican's one-line form: ``Title | https://url`` or ``Title | story:slug uuid:UUID``."""
    title, sep, where = line.rpartition(" | ")
    if not sep:
        return RelatedRef(title=line)
    parts = where.split()
    if parts and all(p.startswith(("http://", "https://", "mailto:", "story:", "uuid:")) for p in parts):
        url = next((p for p in parts if not p.startswith(("story:", "uuid:"))), "")
        slug = next((p[6:] for p in parts if p.startswith("story:")), "")
        story_uuid = next((p[5:] for p in parts if p.startswith("uuid:")), "")
        return RelatedRef(title=title.strip(), url=url, slug=slug, uuid=story_uuid)
    return RelatedRef(title=line)


def _json_value(value: Any) -> Any:
    """Extra keys as JSON can store them (dates become ISO text)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return json.loads(json.dumps(value, default=str))


_CONVERTERS: dict[str, Callable[[Any, str], Any]] = {
    "headline": lambda v, f: _text(v).strip(),
    "published_at": _when,
    "published": _published,
    "tags": _names,
    "byline": _byline,
    "slug": lambda v, f: _text(v).strip() or None,
    "status": _status,
    "draft": _flag,
    "workflow": _status,
    "dek": _text,
    "original_author": _text,
    "outlet_name": _text,
    "outlet_url": _text,
    "photo": _photo,
    "photo_credit": _text,
    "photo_caption": _text,
    "language": lambda v, f: _text(v).strip(),
    "related": _related,
    "uuid": _uuid,
}
