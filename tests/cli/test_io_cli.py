"""``curator import`` and ``curator export`` end to end: output, exit codes, files written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import FIXTURES as ALL_FIXTURES

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "lib.sqlite")
    code, out, err = run(capsys, "--db", db, "import", str(FIXTURES), "--author", "Desk")
    n = len(list(FIXTURES.iterdir()))
    assert code == 0 and out.strip() == f"imported {n} stories" and err == ""

    code, out, err = run(capsys, "--db", db, "import", str(FIXTURES / "grain-corridor.txt"))
    assert code == 0 and "skipped 1 already in the library" in out and "already in the library as story #" in err

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    shutil.copy(FIXTURES / "hugo-story.md", bad / "copy.md")
    code, out, err = run(capsys, "--db", db, "import", str(bad), "--json")
    report = json.loads(out)
    assert code == 1 and report["imported"] == [] and len(report["duplicates"]) == 1
    assert report["failed"] == [{"path": str(bad / "binary.txt"), "reason": report["failed"][0]["reason"]}]

    code, out, _ = run(capsys, "--db", db, "export", "site", str(tmp_path / "site"), "tag:transport", "--title", "Desk")
    assert code == 0 and out.startswith("exported 1 story (") and (tmp_path / "site" / "index.html").exists()
    code, out, _ = run(capsys, "--db", db, "export", "markdown", str(tmp_path / "md"), "--for", "pelican")
    assert code == 0 and len(list((tmp_path / "md").glob("*.md"))) == n
    assert (tmp_path / "md" / "night-trains-return.md").read_text(encoding="utf-8").startswith("Title: Night Trains")
    code, out, _ = run(capsys, "--db", db, "export", "html", "night-trains-return", "-o", str(tmp_path))
    assert code == 0 and (tmp_path / "night-trains-return.html").exists()

    # The site folder holds a site: exporting Markdown into it is refused, and it is left alone.
    code, _, err = run(capsys, "--db", db, "export", "markdown", str(tmp_path / "site"))
    assert code == 1 and "holds a site export" in err and (tmp_path / "site" / "index.html").exists()
    code, _, err = run(capsys, "--db", db, "export", "site", str(tmp_path / "x"), "tag:a", "--story", "1")
    assert code == 1 and "not both" in err
