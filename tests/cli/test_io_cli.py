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
    reason = report["failed"][0]["reason"]
    assert report["failed"] == [{"path": str(bad / "binary.txt"), "reason": reason, "encodings": []}]

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


LATIN1_STORY = (
    "Pub prices climb past £6 a pint\n\n"
    "Brewers in Leeds said a pint would cost £6.20 from Monday, up from £5.80, as barley and energy bills rose.\n\n"
    "Landlords said the café trade was holding up better than the pubs.\n"
)
KOI8_STORY = (
    "Цены на хлеб выросли\n\n"
    "Пекари Павлодара подняли цены на хлеб вслед за мукой.\n\n"
    "Мукомолы ссылаются на подорожание зерна и топлива.\n"
)


def test_import_with_encoding_reads_latin1_and_koi8r_files_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "lib.sqlite")
    wires = tmp_path / "wires"
    wires.mkdir()
    (wires / "pints.txt").write_bytes(LATIN1_STORY.encode("latin-1"))
    # Without a name, a Latin-1 "£" could as well be cp1250's "Ł": refused, with the candidates named.
    code, out, err = run(capsys, "--db", db, "import", str(wires), "--json")
    [failed] = json.loads(out)["failed"]
    assert code == 1 and "cp1252" in failed["encodings"] and "cp1250" in failed["encodings"]
    assert "--encoding" in failed["reason"]
    code, out, err = run(capsys, "--db", db, "import", str(wires))
    assert code == 1 and "could be in " in err and "import again with --encoding " in err

    # Named, it comes in with its pound signs; a UTF-8 file beside it is read as UTF-8 still.
    (wires / "utf8.txt").write_text("Café owners welcome the rain\n\nThe café said: «хорошо».\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", str(wires), "--encoding", "Latin-1")
    assert code == 0 and out.strip() == "imported 2 stories", err
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    ids = {s["headline"]: s["id"] for s in json.loads(out)}
    code, out, _ = run(capsys, "--db", db, "show", str(ids["Pub prices climb past £6 a pint"]), "--json")
    assert "£6.20" in json.loads(out)["body"]
    code, out, _ = run(capsys, "--db", db, "show", str(ids["Café owners welcome the rain"]), "--json")
    assert "«хорошо»" in json.loads(out)["body"]

    (tmp_path / "koi8.txt").write_bytes(KOI8_STORY.encode("koi8-r"))
    code, out, err = run(capsys, "--db", db, "import", str(tmp_path / "koi8.txt"), "--encoding", "koi8-r")
    assert code == 0 and out.strip() == "imported 1 story", err
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert "Цены на хлеб выросли" in [s["headline"] for s in json.loads(out)]

    # Read in the wrong encoding, KOI8-R bytes that are not cp1251 text are refused, not garbled.
    (tmp_path / "utf16ish.txt").write_bytes(KOI8_STORY.encode("koi8-r"))
    code, out, err = run(capsys, "--db", db, "import", str(tmp_path / "utf16ish.txt"), "--encoding", "ascii")
    assert code == 1 and "is not ascii: byte 0x" in err


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64"])
def test_an_unknown_encoding_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "lib.sqlite"), "import", str(tmp_path), "--encoding", name)
    assert code == 1 and err.count("\n") == 1 and repr(name) in err
