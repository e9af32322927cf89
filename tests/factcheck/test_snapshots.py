"""Sources kept as evidence: saved pages, MHTML and WARC captures, PDFs and images read offline, stored in the
library with their SHA-256 and capture time, and listed with the hash in the fact-check report."""

from __future__ import annotations

import base64
import hashlib
import io
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curator.domain.stories import StoryFields
from curator.factcheck.snapshots import SnapshotError, SnapshotKind, offline_page, read_snapshot
from curator.render.factcheck_report import render_factcheck_report
from curator.services.library import Library

PAGE_URL = "https://ministry.example.kz/news/grain-tariffs"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Tariffs</title>"
    '<link rel="stylesheet" href="/static/site.css"></head>'
    '<body><h1>Rail tariffs for grain</h1><img src="chart.png" alt="chart">'
    '<img src="https://tracker.example.net/pixel.gif" alt=""><a href="/other">Other news</a></body></html>'
)
CSS = "h1 { color: rgb(10, 20, 30); background: url(bg.png); }"


def make_warc(gzip: bool = True, page: str = PAGE) -> bytes:
    """A small web archive of the page, its stylesheet and two pictures, written with warcio."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    resources = [
        (PAGE_URL, "text/html; charset=utf-8", page.encode("utf-8")),
        ("https://ministry.example.kz/static/site.css", "text/css", CSS.encode()),
        ("https://ministry.example.kz/news/chart.png", "image/png", PNG),
        ("https://ministry.example.kz/static/bg.png", "image/png", PNG),
    ]
    for url, content_type, payload in resources:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2026-11-30T08:15:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def make_mhtml(page: str = PAGE) -> bytes:
    message = EmailMessage()
    message["From"] = "<Saved by a browser>"
    message["Subject"] = "Tariffs"
    message["Date"] = "Mon, 30 Nov 2026 09:30:00 +0000"
    message["Snapshot-Content-Location"] = PAGE_URL
    message.make_related()
    html = EmailMessage()
    html.set_content(page, subtype="html", cte="quoted-printable")
    html["Content-Location"] = PAGE_URL
    message.attach(html)
    for url, maintype, subtype, payload in (
        ("https://ministry.example.kz/static/site.css", "text", "css", CSS.encode()),
        ("https://ministry.example.kz/news/chart.png", "image", "png", PNG),
    ):
        part = EmailMessage()
        if maintype == "text":
            part.set_content(payload.decode(), subtype=subtype)
        else:
            part.set_content(payload, maintype=maintype, subtype=subtype)
        part["Content-Location"] = url
        message.attach(part)
    return message.as_bytes()


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_capture_is_read_and_inlined(gzip: bool) -> None:
    data = make_warc(gzip)
    name = "tariffs.warc.gz" if gzip else "tariffs.warc"
    info = read_snapshot(name, data)
    assert info.kind is SnapshotKind.WARC
    assert info.captured_at == datetime(2026, 11, 30, 8, 15, tzinfo=UTC)
    assert info.original_url == PAGE_URL
    html = offline_page(name, data)
    assert "Rail tariffs for grain" in html
    # Picture and stylesheet come from the archive (the stylesheet's own picture too), never from outside.
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html
    assert 'href="data:text/css;base64,' in html and "/static/site.css" not in html
    # What the archive does not hold keeps its address (the viewer refuses it); links stay links.
    assert "https://tracker.example.net/pixel.gif" in html and 'href="/other"' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_mhtml_capture_is_read_and_inlined() -> None:
    data = make_mhtml()
    info = read_snapshot("tariffs.mhtml", data)
    assert info.kind is SnapshotKind.MHTML
    assert info.captured_at == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    assert info.original_url == PAGE_URL
    html = offline_page("tariffs.mhtml", data)
    assert "Rail tariffs for grain" in html and "data:image/png;base64," in html
    assert "data:text/css;base64," in html


def test_other_kinds() -> None:
    assert read_snapshot("a.pdf", b"%PDF-1.4\n...").kind is SnapshotKind.PDF
    image = read_snapshot("chart.png", PNG)
    assert image.kind is SnapshotKind.IMAGE and image.media_type == "image/png"
    assert "data:image/png;base64," in offline_page("chart.png", PNG)
    saved = b"<!-- saved from url=(0042)https://ministry.example.kz/news/tariffs -->\n<html><body>x</body></html>"
    assert read_snapshot("page.html", saved).original_url == "https://ministry.example.kz/news/tariffs"
    with pytest.raises(SnapshotError, match=r"^broken\.warc\.gz (is not a readable web archive|holds no page)"):
        read_snapshot("broken.warc.gz", b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(SnapshotError, match="not a page"):
        offline_page("a.pdf", b"%PDF-1.4\n")


def test_attached_snapshots_are_kept_with_hash_and_capture_time(library: Library, tmp_path: Path) -> None:
    fields = StoryFields(headline="Tariffs", body="According to the ministry, tariffs rise.")
    story = library.stories.create(fields).story
    ministry = next(s for s in library.factcheck.sources(story.id) if "ministry" in s.name.lower())
    warc = tmp_path / "tariffs.warc.gz"
    archive = make_warc()
    warc.write_bytes(archive)
    source = library.factcheck.attach_snapshot(ministry.id, path=warc)
    snap = source.snapshot
    assert snap is not None and snap.in_library and snap.filename == "tariffs.warc.gz"
    assert snap.sha256 == hashlib.sha256(archive).hexdigest()
    assert snap.retrieved_at == datetime(2026, 11, 30, 8, 15, tzinfo=UTC)  # from the archive, not the file
    assert snap.media_type == "application/warc"
    warc.unlink()  # kept in the library: the file is no longer needed
    assert library.factcheck.snapshot_data(ministry.id) == archive

    report = render_factcheck_report(library.stories.get(story.id), library.factcheck.overview(story.id))
    assert snap.sha256 in report and "tariffs.warc.gz" in report and "2026-11-30" in report

    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/1.0\r\nnonsense")
    with pytest.raises(SnapshotError, match=r"broken\.warc"):
        library.factcheck.attach_snapshot(ministry.id, path=broken)
    assert library.factcheck.source(ministry.id).snapshot == snap  # the earlier one is kept

    library.factcheck.attach_snapshot(ministry.id, data=make_mhtml(), filename="tariffs.mhtml")
    again = library.factcheck.source(ministry.id).snapshot
    assert again is not None and again.retrieved_at == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def test_the_report_shows_what_is_public_and_what_is_private(library: Library) -> None:
    story = library.stories.create(
        StoryFields(headline="Tariffs", body="According to the ministry, tariffs rise.")
    ).story
    ministry = library.factcheck.sources(story.id)[0]
    library.factcheck.update_source(ministry.id, public=True)
    start = story.body.index("tariffs rise")
    library.factcheck.mark_claim(story.id, start, start + 12, note="desk only", public_rationale="Tables agree.")
    report = render_factcheck_report(library.stories.get(story.id), library.factcheck.overview(story.id))
    assert "listed on the public page" in report
    assert "Public:</span> Tables agree." in report and "Private:</span> desk only" in report
