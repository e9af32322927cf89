"""Stories as a folder of Markdown files with front matter, for static-site generators and for importing again.

Two spellings of the front matter:

* ``yaml`` (the default): YAML between ``---`` lines, as Hugo, Jekyll, Eleventy and Curator read it. Lists are
  indented so that Pelican, which reads ``Key: value`` lines, still reads the file without error.
* ``pelican``: Pelican's own ``Key: value`` lines, exactly as Pelican expects them (comma-separated tags, an
  always-present ``Date``, status draft/published/hidden).

Curator reads both back with every field, tag and related link; stories linked to each other are linked again
(by UUID) however the files are ordered. Bodies and text fields pass through :func:`clean_markdown`, since other
tools render raw HTML in Markdown as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from curator.core.status import Status
from curator.domain.stories import Story
from curator.io.export_common import (
    CHUNK,
    ExportFolder,
    ExportReport,
    Group,
    Progress,
    check_cancel,
    select_ids,
)
from curator.io.frontmatter import FRONT_MATTER_KEYS
from curator.io.mdclean import clean_html, clean_markdown
from curator.services.library import Library

_RESERVED = {spelling for spellings in FRONT_MATTER_KEYS.values() for spelling in spellings} | {
    "draft",
    "workflow",
    "published",
}


class Flavour(StrEnum):
    YAML = "yaml"
    PELICAN = "pelican"


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key (Pelican reads indented lines as continuations, not as the body)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(datetime, _datetime)


def export_markdown(
    library: Library,
    out_dir: Path,
    *,
    query: str = "",
    story_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    flavour: Flavour | str = Flavour.YAML,
) -> ExportReport:
    """Write the stories chosen (``story_ids``, else those matching ``query``, else all) as ``<slug>.md`` files.

    Written atomically like a site: a failed or cancelled export leaves the previous folder as it was.
    """
    flavour = Flavour(flavour)
    ids = select_ids(library, query=query, story_ids=story_ids)
    exported = set(ids)
    problems: list[str] = []
    written = 0
    files: dict[str, str] = {}
    with ExportFolder(out_dir, f"markdown-{flavour.value}") as folder:
        assert folder.path is not None and folder.writer is not None
        for start in range(0, len(ids), CHUNK):
            check_cancel(cancelled, "export")
            for story in library.stories.get_many(ids[start : start + CHUNK]):
                check_cancel(cancelled, "export")
                text = story_markdown(story, exported=exported, flavour=flavour, problems=problems)
                name = f"{story.slug}.md"
                files[name] = folder.writer.write(name, text)
                path = folder.path / name
                written += 1
                if progress is not None:
                    progress(written, len(ids), path)
        check_cancel(cancelled, "export")
        folder.commit({"stories": Group("", files, problems)}, staged=files)
    return ExportReport(out_dir=folder.shown, written=written, problems=tuple(problems), stories=written)


def story_markdown(
    story: Story,
    *,
    exported: set[int] | None = None,
    flavour: Flavour = Flavour.YAML,
    problems: list[str] | None = None,
) -> str:
    """One story as Markdown with front matter."""
    meta = _front_matter(story, exported or set(), problems if problems is not None else [])
    body = clean_markdown(story.body)
    if flavour == Flavour.PELICAN:
        return _pelican(story, meta) + "\n" + body + "\n"
    meta["draft"] = story.status != Status.PUBLISHED
    if not any(k.lower() == "translationkey" for k in meta):
        # Hugo groups a story's translations by this key; the story's own UUID unless it came with one.
        meta["translationKey"] = story.uuid
    ordered = {k: meta[k] for k in _YAML_ORDER if k in meta} | {k: v for k, v in meta.items() if k not in _YAML_ORDER}
    head = yaml.dump(
        ordered,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=4,
    )
    return f"---\n{head}---\n\n{body}\n"


_YAML_ORDER = ("title", "slug", "date", "status", "draft", "summary", "author", "tags", "lang")


def _front_matter(story: Story, exported: set[int], problems: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": clean_html(story.headline), "slug": story.slug}
    if story.published_at:
        meta["date"] = story.published_at
    meta["status"] = story.status.value
    for key, value in (
        ("summary", clean_markdown(story.dek)),
        ("author", clean_html(story.byline)),
        ("tags", [clean_html(t) for t in story.tags]),
        ("lang", story.language),
        ("original_author", clean_html(story.original_author)),
        ("outlet", clean_html(story.outlet_name)),
        ("outlet_url", story.outlet_url),
        ("photo", story.photo),
        ("photo_credit", clean_html(story.photo_credit)),
        ("photo_caption", clean_html(story.photo_caption)),
    ):
        if value:
            meta[key] = value
    related = []
    for link in story.related:
        item: dict[str, str] = {"title": clean_html(link.title)}
        if link.url:
            item["url"] = link.url
        if link.target_slug and link.target_id in exported:
            item["story"] = link.target_slug
        if link.target_uuid:
            item["uuid"] = link.target_uuid
        related.append(item)
    if related:
        meta["related"] = related
    meta["uuid"] = story.uuid
    for key, value in story.extra.items():
        if key.lower() in _RESERVED:
            problems.append(f"{story.slug}: the extra field {key!r} has the name of a standard field; left out")
            continue
        meta[key] = value
    return meta


def _pelican(story: Story, meta: dict[str, Any]) -> str:
    lines: list[str] = []

    def put(key: str, value: Any) -> None:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts = [p.strip() for p in text.split("\n") if p.strip()]
        if parts:
            lines.append(f"{key}: {parts[0]}")
            lines.extend(f"    {p}" for p in parts[1:])

    put("Title", meta["title"])
    put("Date", (story.published_at or story.created_at).isoformat())
    if not story.published_at:
        put("Published", "no")
    put("Slug", story.slug)
    pelican_status = {Status.PUBLISHED: "published", Status.ARCHIVED: "hidden"}.get(story.status, "draft")
    put("Status", pelican_status)
    implied = {"published": Status.PUBLISHED, "hidden": Status.ARCHIVED, "draft": Status.DRAFT}[pelican_status]
    if story.status != implied:
        put("Workflow", story.status.value)
    for key, name in (("summary", "Summary"), ("author", "Author"), ("lang", "Lang")):
        if key in meta:
            put(name, meta[key])
    if "tags" in meta:
        tags = meta["tags"]
        put("Tags", ("; " if any("," in t for t in tags) else ", ").join(tags))
    for key in ("original_author", "outlet", "outlet_url", "photo", "photo_credit", "photo_caption"):
        if key in meta:
            put(key.capitalize(), meta[key])
    if "related" in meta:
        items = []
        for item in meta["related"]:
            where = [item.get("url", ""), f"story:{item['story']}" if "story" in item else ""]
            where.append(f"uuid:{item['uuid']}" if "uuid" in item else "")
            where_text = " ".join(w for w in where if w)
            items.append(f"{item['title']} | {where_text}" if where_text else item["title"])
        lines.append(f"Related: {items[0]}")
        lines.extend(f"    {i}" for i in items[1:])
    put("Uuid", story.uuid)
    for key, value in meta.items():
        if key not in _PELICAN_WRITTEN:
            put(key, value)
    return "\n".join(lines) + "\n"


_PELICAN_WRITTEN = {
    "title",
    "slug",
    "date",
    "status",
    "summary",
    "author",
    "tags",
    "lang",
    "original_author",
    "outlet",
    "outlet_url",
    "photo",
    "photo_credit",
    "photo_caption",
    "related",
    "uuid",
}
