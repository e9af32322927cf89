"""Imports survive any file: bad front-matter values, special files, unreadable folders, hostile file names.

Issue 16, cases 1, 2 and 10 (report forging): one file's failure is named on one line and never stops the others.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.io.errors import ImportFileError
from curator.io.frontmatter import FRONT_MATTER_KEYS, parse_markdown
from curator.io.importer import find_files, import_paths, read_story
from curator.services.library import Library
from tests.faults.conftest import Cli

BAD_VALUES = {
    "month 13": "date: 2025-13-45",
    "5000 digits": "date: " + "9" * 5000,
    "zone past the end of time": "date: 9999-12-31T23:59:59-23:59",
    "zone before the start of time": "date: 0001-01-01T00:00:00+05:00",
    "huge title": "title: " + "7" * 5000,
    "mapping as tags": "tags: {a: b}",
    "bad status": "status: drafu",
    "nested related": "related: [[[1]]]",
    "binary photo": "photo: !!binary aGVsbG8=",
}


def _good(folder: Path, n: int, tag: str = "") -> None:
    for i in range(n):
        (folder / f"good-{i:03}.md").write_text(f"---\ntitle: Good story {i}{tag}\n---\nBody {i}.\n", encoding="utf-8")


def test_bad_front_matter_values_are_named_and_the_other_files_are_imported(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "wires"
    folder.mkdir()
    _good(folder, 99)
    bad = {}
    for i, line in enumerate(BAD_VALUES.values()):
        bad[folder / f"bad-{i}.md"] = line
        (folder / f"bad-{i}.md").write_text(f"---\ntitle: Bad {i}\n{line}\n---\nBody.\n", encoding="utf-8")
    done = cli("--db", str(tmp_path / "lib.sqlite"), "import", str(folder))
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip() == f"imported 99 stories; {len(bad)} files failed"
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert sorted(line.split(": ", 1)[0] for line in lines) == sorted(f"failed {p}" for p in bad)
    listed = cli("--db", str(tmp_path / "lib.sqlite"), "list", "--json", "--limit", "500")
    assert len(json.loads(listed.stdout)) == 99


# Values YAML can carry: text of any kind, numbers of any size, dates at the edges, nesting, nothing at all.
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.datetimes(),
    st.dates(),
    st.sampled_from(["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2025-02-30", "draft", "drafu"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_every_key = sorted({k for keys in FRONT_MATTER_KEYS.values() for k in keys} | {"extra_key"})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_every_key), _values, min_size=1, max_size=6), st.booleans())
def test_any_value_in_any_front_matter_key_is_a_story_or_a_named_error(meta: dict, raw_dates: bool) -> None:
    text = yaml.safe_dump(meta, allow_unicode=True)
    if raw_dates:
        # The same values unquoted, so that YAML itself builds the dates and numbers.
        text = text.replace("'", "")
    try:
        parsed = parse_markdown(f"---\ntitle: Fuzzed\n{text}---\nA body.\n")
    except ImportFileError as exc:
        assert "\n" not in str(exc).strip()
        return
    assert parsed.fields.headline


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(_every_key), _values, min_size=1, max_size=6))
def test_any_front_matter_is_stored_or_reported_never_raised(tmp_path: Path, library: Library, meta: dict) -> None:
    folder = tmp_path / f"fuzz-{threading.get_ident()}-{os.urandom(4).hex()}"
    folder.mkdir()
    (folder / "fuzzed.md").write_text(
        f"---\ntitle: Fuzzed {folder.name}\n{yaml.safe_dump(meta, allow_unicode=True)}---\nA body.\n", encoding="utf-8"
    )
    _good(folder, 2, folder.name)
    report = import_paths(library, [folder])
    assert len(report.imported) + len(report.failed) + len(report.duplicates) == 3
    assert all("internal error" not in p.reason for p in report.failed), report.failed
    assert len(report.imported) >= 2


def test_special_files_in_a_folder_are_refused_by_name(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "wires"
    folder.mkdir()
    _good(folder, 3)
    (folder / "z.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "p.md")
    (folder / "gone.md").symlink_to(folder / "nowhere.md")
    (folder / "ok-link.md").symlink_to(folder / "good-000.md")
    done = cli("--db", str(tmp_path / "lib.sqlite"), "import", str(folder), "--json", timeout=60)
    report = json.loads(done.stdout)
    failed = {Path(p["path"]).name: p["reason"] for p in report["failed"]}
    assert done.returncode == 1
    assert failed == {
        "z.md": "is not a regular file (a device)",
        "p.md": "is not a regular file (a named pipe)",
        "gone.md": "is a link to nothing",
    }
    # The three stories, and the link to one of them found as the same story.
    assert len(report["imported"]) == 3 and len(report["duplicates"]) == 1


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "wires"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    _good(folder, 2)
    _good(locked, 1, " (locked)")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a folder cannot be made unreadable (the next test simulates it)")
        done = cli("--db", str(tmp_path / "lib.sqlite"), "import", str(folder))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert done.returncode == 1 and done.stdout == "imported 2 stories; 1 file failed\n"
    assert done.stderr == f"failed {locked}: folder cannot be read: Permission denied\n"


def test_a_folder_the_walk_cannot_list_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _good(tmp_path, 1)
    _good(locked, 1)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found, problems = find_files([tmp_path])
    assert found == [tmp_path / "good-000.md"]
    assert [str(p) for p in problems] == [f"{locked}: folder cannot be read: Permission denied"]


def test_a_file_swapped_for_a_pipe_after_listing_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "late.md"
    os.mkfifo(pipe)
    with pytest.raises(ImportFileError, match="is not a regular file"):
        read_story(pipe)


def test_an_oversized_file_behind_a_link_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"a" * 2048)
    (tmp_path / "big.md").symlink_to(big)
    found, problems = find_files([tmp_path])
    assert found == [tmp_path / "big.md"] and problems == []
    with pytest.raises(ImportFileError, match="too large"):
        read_story(tmp_path / "big.md", max_bytes=1024)


def test_a_newline_in_a_file_name_cannot_forge_report_lines(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "wires"
    folder.mkdir()
    (folder / "x.md\nimported 500 stories\rfailed nothing.md").write_bytes(b"\x00\x01binary")
    done = cli("--db", str(tmp_path / "lib.sqlite"), "import", str(folder))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "\\nimported 500 stories\\rfailed" in done.stderr
    assert done.stdout == "imported 0 stories; 1 file failed\n"
