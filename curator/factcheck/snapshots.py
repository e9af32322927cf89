"""Saved copies of sources (evidence) read offline: what kind of file, when it was captured, and a page to show.

A checker keeps a page as a browser saved it (``.html``, ``.mhtml``), a web archive (``.warc``, ``.warc.gz``, read
with warcio), a PDF or an image. :func:`read_snapshot` says what it is, when it was captured and from where (as
the file itself records it), and :func:`offline_page` turns an HTML, MHTML or WARC capture into one HTML page whose
pictures, stylesheets and fonts come from inside the capture as ``data:`` addresses. Anything the capture does not
hold keeps its outside address, and the viewer refuses it: nothing is ever fetched.
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from enum import StrEnum
from html import escape
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from curator.core.errors import CuratorError

# The page a viewer shows may load nothing but what it carries inline.
OFFLINE_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:; media-src data:; "
    "form-action 'none'; frame-src 'none'; base-uri 'none'"
)
MAX_INLINED_BYTES = 32 * 1024 * 1024


class SnapshotKind(StrEnum):
    HTML = "html"
    MHTML = "mhtml"
    WARC = "warc"
    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "html": "Saved web page",
            "mhtml": "Web page archive (MHTML)",
            "warc": "Web archive (WARC)",
            "pdf": "PDF document",
            "image": "Image",
            "text": "Text",
            "other": "File",
        }[self.value]


MEDIA_TYPES = {
    SnapshotKind.HTML: "text/html",
    SnapshotKind.MHTML: "multipart/related",
    SnapshotKind.WARC: "application/warc",
    SnapshotKind.PDF: "application/pdf",
    SnapshotKind.TEXT: "text/plain",
}
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"RIFF", "image/webp"),
)
# Extensions a checker may attach, as the file dialog offers them.
ATTACHABLE = "*.html *.htm *.mhtml *.mht *.warc *.warc.gz *.pdf *.png *.jpg *.jpeg *.gif *.webp *.svg *.txt"


class SnapshotError(CuratorError):
    """A snapshot cannot be read; the message names the file."""


@dataclass(frozen=True)
class SnapshotInfo:
    kind: SnapshotKind
    media_type: str
    captured_at: datetime | None  # when the capture says it was taken (WARC-Date, the MHTML Date header)
    original_url: str  # where the capture says it came from ("" when it does not say)


def snapshot_kind(filename: str, data: bytes) -> SnapshotKind:
    """What a saved file is, by its content first and its name second."""
    name = filename.lower()
    head = data[:64]
    if head.startswith(b"%PDF-"):
        return SnapshotKind.PDF
    if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and name.endswith((".warc.gz", ".warc"))):
        return SnapshotKind.WARC
    image = any(head.startswith(magic) for magic, _ in _IMAGE_MAGIC) and not name.endswith((".warc", ".warc.gz"))
    if image and (not head.startswith(b"RIFF") or data[8:12] == b"WEBP"):
        return SnapshotKind.IMAGE
    if name.endswith((".mhtml", ".mht")) or (
        b"multipart/related" in data[:4096].lower() and b"mime-version" in data[:4096].lower()
    ):
        return SnapshotKind.MHTML
    if name.endswith(".svg"):
        return SnapshotKind.IMAGE
    if name.endswith((".html", ".htm", ".xhtml")) or re.match(rb"\s*(<!doctype html|<html|<!--)", head, re.I):
        return SnapshotKind.HTML
    if name.endswith(".txt"):
        return SnapshotKind.TEXT
    return SnapshotKind.OTHER


def _image_type(data: bytes, filename: str) -> str:
    for magic, media_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return media_type
    return "image/svg+xml" if filename.lower().endswith(".svg") else "application/octet-stream"


def read_snapshot(filename: str, data: bytes) -> SnapshotInfo:
    """The kind of a saved file and what it records of its own capture."""
    kind = snapshot_kind(filename, data)
    media_type = _image_type(data, filename) if kind is SnapshotKind.IMAGE else MEDIA_TYPES.get(kind, "")
    captured, url = None, ""
    if kind is SnapshotKind.WARC:
        records = _warc_records(filename, data)
        page = next((r for r in records if r.is_html), records[0] if records else None)
        if page is not None:
            captured, url = page.date, page.url
    elif kind is SnapshotKind.MHTML:
        message = _mhtml(filename, data)
        if message["Date"]:
            try:
                captured = parsedate_to_datetime(str(message["Date"])).astimezone(UTC)
            except (TypeError, ValueError):
                captured = None
        url = str(message["Snapshot-Content-Location"] or "")
        if not url:
            main = _mhtml_main(message)
            url = str(main["Content-Location"] or "") if main is not None else ""
    elif kind is SnapshotKind.HTML:
        # Browsers mark a saved page with where it came from: <!-- saved from url=(0042)https://… -->
        found = re.search(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", data[:2048])
        url = found.group(1).decode("ascii", "replace") if found else ""
    return SnapshotInfo(kind, media_type or "application/octet-stream", captured, url)


# ------------------------------------------------------------------------------------------------ WARC


@dataclass(frozen=True)
class _Record:
    url: str
    date: datetime | None
    content_type: str
    payload: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _warc_records(filename: str, data: bytes) -> list[_Record]:
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # warcio ships no types
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    records = []
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            date = record.rec_headers.get_header("WARC-Date") or ""
            if record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or ""
                if record.rec_type == "response" and not status.startswith("2"):
                    record.content_stream().read()
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            payload = record.content_stream().read()
            records.append(_Record(url, _warc_date(date), content_type, payload))
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        raise SnapshotError(f"{filename} is not a readable web archive: {exc}") from None
    if not records:
        raise SnapshotError(f"{filename} holds no page: it has no response or resource records")
    return records


def _warc_date(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# ----------------------------------------------------------------------------------------------- MHTML


def _mhtml(filename: str, data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.is_multipart():
        raise SnapshotError(f"{filename} is not an MHTML archive (it has no parts)")
    return message


def _part_bytes(part: Any) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _mhtml_main(message: EmailMessage) -> EmailMessage | None:
    return next((p for p in message.walk() if p.get_content_type() in ("text/html", "application/xhtml+xml")), None)


# ----------------------------------------------------------------------------------------------- pages


def _data_uri(content_type: str, payload: bytes) -> str:
    media = content_type.split(";")[0].strip() or "application/octet-stream"
    return f"data:{media};base64,{base64.b64encode(payload).decode('ascii')}"


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


_ATTR = re.compile(r"""(?P<name>\b(?:src|href|poster|background))\s*=\s*(?P<q>["']?)(?P<url>[^"'\s>]+)(?P=q)""", re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(["'])([^"']+)\1""", re.I)


def _inline(html: str, base: str, resources: dict[str, tuple[str, bytes]]) -> str:
    """``html`` with every address it names that the capture holds replaced by a data: address."""
    budget = [MAX_INLINED_BYTES]

    def lookup(url: str) -> str | None:
        url = url.strip()
        if url.startswith(("data:", "#", "javascript:", "mailto:")):
            return None
        absolute = _without_fragment(urljoin(base, url)) if base else url
        found = resources.get(absolute) or resources.get(url)
        if found is None or len(found[1]) > budget[0]:
            return None
        content_type, payload = found
        budget[0] -= len(payload)
        if content_type.startswith("text/css"):
            css = payload.decode("utf-8", "replace")
            payload = _inline_css(css, absolute, resources).encode("utf-8")
        return _data_uri(content_type, payload)

    def attr(match: re.Match[str]) -> str:
        name, url = match.group("name"), match.group("url")
        if name.lower() == "href" and not _is_resource_link(match.string, match.start()):
            return match.group(0)  # an ordinary link stays as it is (the viewer never follows it)
        replaced = lookup(url)
        return f'{name}="{replaced}"' if replaced else match.group(0)

    def srcset(match: re.Match[str]) -> str:
        items = []
        for item in match.group(2).split(","):
            bits = item.split()
            if bits:
                bits[0] = lookup(bits[0]) or bits[0]
            items.append(" ".join(bits))
        return f"srcset={match.group(1)}{', '.join(items)}{match.group(1)}"

    def css_url(match: re.Match[str]) -> str:
        replaced = lookup(match.group(2))
        return f'url("{replaced}")' if replaced else match.group(0)

    html = _ATTR.sub(attr, html)
    html = _SRCSET.sub(srcset, html)
    return _CSS_URL.sub(css_url, html)


def _inline_css(css: str, base: str, resources: dict[str, tuple[str, bytes]]) -> str:
    def url(match: re.Match[str]) -> str:
        found = resources.get(_without_fragment(urljoin(base, match.group(2).strip())))
        return f'url("{_data_uri(found[0], found[1])}")' if found else match.group(0)

    def imported(match: re.Match[str]) -> str:
        found = resources.get(_without_fragment(urljoin(base, match.group(2).strip())))
        return f'@import "{_data_uri(found[0], found[1])}"' if found else match.group(0)

    return _CSS_URL.sub(url, _CSS_IMPORT.sub(imported, css))


def _is_resource_link(html: str, at: int) -> bool:
    """Whether the ``href`` at ``at`` belongs to a <link> (a stylesheet, an icon), not to an <a>."""
    tag_start = html.rfind("<", 0, at)
    return html[tag_start : tag_start + 5].lower() == "<link"


def _decode(payload: bytes, content_type: str) -> str:
    charset = re.search(r"charset=([\w-]+)", content_type, re.I)
    for encoding in (charset.group(1) if charset else None, "utf-8", "windows-1251", "latin-1"):
        if encoding:
            try:
                return payload.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return payload.decode("utf-8", "replace")


def _with_policy(html: str) -> str:
    """The page with a Content-Security-Policy that lets it load only what it carries inline."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{OFFLINE_CSP}">'
    head = re.search(r"<head[^>]*>", html, re.I)
    if head:
        return html[: head.end()] + meta + html[head.end() :]
    return f"<!DOCTYPE html><html><head>{meta}</head><body>{html}</body></html>"


def offline_page(filename: str, data: bytes) -> str:
    """One HTML page showing the capture, its parts inlined; raises :class:`SnapshotError` when it is not one of
    the kinds a page can show (PDFs are shown by a PDF viewer)."""
    kind = snapshot_kind(filename, data)
    if kind is SnapshotKind.HTML:
        return _with_policy(_decode(data, ""))
    if kind is SnapshotKind.WARC:
        records = _warc_records(filename, data)
        page = next((r for r in records if r.is_html), None)
        if page is None:
            raise SnapshotError(f"{filename} holds no web page (only {len(records)} other record(s))")
        archived = {_without_fragment(r.url): (r.content_type, r.payload) for r in records if r is not page}
        return _with_policy(_inline(_decode(page.payload, page.content_type), page.url, archived))
    if kind is SnapshotKind.MHTML:
        message = _mhtml(filename, data)
        main = _mhtml_main(message)
        if main is None:
            raise SnapshotError(f"{filename} holds no web page")
        resources: dict[str, tuple[str, bytes]] = {}
        for part in message.walk():
            if part is main or part.is_multipart():
                continue
            payload = _part_bytes(part)
            for key in (part["Content-Location"], part["Content-ID"]):
                if key:
                    key = str(key).strip()
                    resources[_without_fragment(key)] = (part.get_content_type(), payload)
                    if key.startswith("<") and key.endswith(">"):
                        resources[f"cid:{key[1:-1]}"] = (part.get_content_type(), payload)
        base = str(main["Content-Location"] or "")
        html = _decode(_part_bytes(main), str(main["Content-Type"] or ""))
        return _with_policy(_inline(html, base, resources))
    if kind is SnapshotKind.IMAGE:
        uri = _data_uri(_image_type(data, filename), data)
        body = f'<img src="{uri}" alt="{escape(filename)}" style="max-width:100%">'
        return _with_policy(
            f"<!DOCTYPE html><html><head><title>{escape(filename)}</title></head><body>{body}</body></html>"
        )
    if kind is SnapshotKind.TEXT:
        text = escape(_decode(data, ""))
        return _with_policy(f"<!DOCTYPE html><html><head></head><body><pre>{text}</pre></body></html>")
    raise SnapshotError(f"{filename} is a {kind.label.lower()}, not a page")
