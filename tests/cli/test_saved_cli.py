"""Saved searches from the command line: search --save, list --saved, and curator saved (list, rename, move,
delete), on a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    monkeypatch.delenv("CURATOR_USER", raising=False)
    path = str(tmp_path / "desk.sqlite")
    run(capsys, "--db", path, "new", "--headline", "Wheat harvest breaks records", "--tag", "Kazakhstan")
    run(capsys, "--db", path, "new", "--headline", "Grain trains wait", "--tag", "kazakhstan", "--status", "fact-check")
    run(capsys, "--db", path, "new", "--headline", "Tenge falls", "--status", "fact-check")
    return path


def test_save_run_rename_reorder_and_delete(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "search", "tag:kazakhstan status:fact-check", "--save", "KZ to check")
    assert code == 0 and "Grain trains wait" in out and "saved as “KZ to check” (shared)" in err
    code, out, err = run(
        capsys, "--db", db, "--as", "Aliya", "search", "status:fact-check", "--save", "My checks", "--personal"
    )
    assert code == 0 and "(personal, Aliya)" in err

    code, out, _ = run(capsys, "--db", db, "list", "--saved", "kz to check", "--json")
    assert code == 0 and [s["headline"] for s in json.loads(out)] == ["Grain trains wait"]
    code, out, _ = run(capsys, "--db", db, "--as", "Aliya", "saved", "--json")
    listed = json.loads(out)
    assert [(s["name"], s["shared"], s["owner"], s["count"]) for s in listed] == [
        ("KZ to check", True, "", 1),
        ("My checks", False, "Aliya", 2),
    ]
    # Someone else does not see Aliya's own search, and cannot run it.
    code, out, _ = run(capsys, "--db", db, "--as", "Marat", "saved", "list")
    assert code == 0 and "KZ to check" in out and "My checks" not in out
    code, _, err = run(capsys, "--db", db, "--as", "Marat", "list", "--saved", "My checks")
    assert code == 1 and "no saved search named “My checks”" in err

    code, out, _ = run(capsys, "--db", db, "--as", "Aliya", "saved", "move", "my checks", "1")
    assert code == 0 and out.splitlines()[0].startswith("  1. My checks (Aliya)")
    code, out, _ = run(capsys, "--db", db, "saved", "rename", "KZ to check", "Kazakhstan, to check", "--json")
    assert code == 0 and json.loads(out)["name"] == "Kazakhstan, to check"
    code, out, _ = run(capsys, "--db", db, "list", "--saved", "Kazakhstan, to check", "--status", "fact-check")
    assert code == 0 and "Grain trains wait" in out
    code, out, _ = run(capsys, "--db", db, "saved", "delete", "kazakhstan, to check")
    assert code == 0 and out.strip() == "deleted “Kazakhstan, to check”"
    code, out, _ = run(capsys, "--db", db, "saved")
    assert code == 0 and out.strip() == "no saved searches (curator search QUERY --save NAME keeps one)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "tag:x", "--save", "  "], "needs a name"),
        (["search", "after:someday", "--save", "Bad"], "after:"),
        (["search", "tag:x", "--personal"], "--personal and --replace go with --save NAME"),
        (["list", "--saved", "nothing"], "no saved search named “nothing”"),
        (["saved", "rename", "nothing", "x"], "no saved search named “nothing”"),
    ],
)
def test_saved_search_errors_are_one_clear_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", db, *args)
    assert code == 1 and message in err and err.count("\n") == 1


def test_a_name_taken_is_refused_unless_replaced(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db, "search", "tag:kazakhstan", "--save", "KZ")[0] == 0
    code, _, err = run(capsys, "--db", db, "search", "status:draft", "--save", "kz")
    assert code == 1 and "exists already" in err
    assert run(capsys, "--db", db, "search", "status:draft", "--save", "kz", "--replace")[0] == 0
    code, out, _ = run(capsys, "--db", db, "saved", "--json")
    assert [(s["name"], s["query"]) for s in json.loads(out)] == [("KZ", "status:draft")]
