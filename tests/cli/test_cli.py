"""The command line end to end on a real library file: output, --json, exit codes and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from curator.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_list_search_show_on_the_default_library(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "new",
        "--headline",
        "Переговоры в Эр-Рияде",
        "--body",
        "Orda.kz reports.",
        "--tag",
        "Diplomacy",
        "--outlet",
        "Orda.kz",
    )
    assert code == 0
    assert "peregovory-v-er-riiade" in out
    assert (home / "data" / "library.sqlite").exists()
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Переговоры в Эр-Рияде" in out and "[Diplomacy]" in out
    code, out, _ = run(capsys, "search", "переговоры", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["slug"] for r in rows] == ["peregovory-v-er-riiade"]
    assert rows[0]["tags"] == ["Diplomacy"] and rows[0]["status"] == "draft"
    code, out, _ = run(capsys, "show", "peregovory-v-er-riiade", "--json")
    story = json.loads(out)
    assert story["outlet_name"] == "Orda.kz" and story["body"] == "Orda.kz reports."
    code, out, _ = run(capsys, "show", "1", "--html")
    assert out.strip() == "<p>Orda.kz reports.</p>"
    code, out, _ = run(capsys, "db", "path")
    assert out.strip() == str(home / "data" / "library.sqlite")


def test_db_option_takes_a_path_or_url_on_every_command(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite"
    assert run(capsys, "--db", str(db), "new", "--headline", "One")[0] == 0
    assert run(capsys, "new", "--db", f"sqlite:///{db}", "--headline", "Two")[0] == 0
    _code, out, _ = run(capsys, "list", "--db", str(db), "--json")
    assert [r["headline"] for r in json.loads(out)] == ["Two", "One"]
    assert not (home / "data" / "library.sqlite").exists()


def test_tags_status_trash_history(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "--headline", "A", "--tag", "oil")
    run(capsys, "new", "--headline", "B", "--tag", "Energy")
    assert run(capsys, "tag", "add", "a", "Kazakhstan")[0] == 0
    assert run(capsys, "tag", "merge", "oil", "energy", "--into", "Resources")[0] == 0
    _code, out, _ = run(capsys, "tag", "list", "--json")
    assert {t["name"]: t["count"] for t in json.loads(out)} == {"Kazakhstan": 1, "Resources": 2}
    assert run(capsys, "tag", "rename", "resources", "Natural resources")[0] == 0
    assert run(capsys, "status", "a", "b", "fact-check")[0] == 0
    _code, out, _ = run(capsys, "list", "--status", "fact-check", "--json")
    assert len(json.loads(out)) == 2
    _code, out, _ = run(capsys, "history", "a", "--json")
    history = json.loads(out)
    assert history[0]["note"] == "Status: Draft → Fact-check"
    assert run(capsys, "history", "a", "--restore", str(history[-1]["id"]))[0] == 0
    assert json.loads(run(capsys, "show", "a", "--json")[1])["status"] == "draft"
    assert run(capsys, "trash", "a")[0] == 0
    assert [r["slug"] for r in json.loads(run(capsys, "list", "--json")[1])] == ["b"]
    assert [r["slug"] for r in json.loads(run(capsys, "list", "--trash", "--json")[1])] == ["a"]
    assert run(capsys, "purge", "--all")[0] == 0
    assert json.loads(run(capsys, "list", "--trash", "--json")[1]) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "no-such-story"], "no story has the id, UUID or slug 'no-such-story'"),
        (["search", "status:bogus"], "unknown status 'bogus'"),
        (["purge", "1"], "no story has"),
        (["tag", "rename", "missing", "x"], "there is no tag 'missing'"),
        (["new", "--headline", "X", "--outlet-url", "javascript:alert(1)"], "outlet_url"),
        (["new", "--headline", "X", "--body-file", "/nonexistent/file.md"], "cannot read /nonexistent/file.md"),
    ],
)
def test_user_errors_print_one_clear_line_and_exit_1(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_broken_library_file_is_a_clear_error(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00garbage" * 100)
    code, _, err = run(capsys, "--db", str(junk), "list")
    assert code == 1
    assert f"{junk} is not a Curator library" in err and "Traceback" not in err
    assert junk.read_bytes() == b"\x00garbage" * 100


def test_db_upgrade_and_check(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "created a new library" in out
    code, out, _ = run(capsys, "db", "upgrade")
    assert "is up to date" in out
    code, out, _ = run(capsys, "db", "check")
    assert code == 0 and out.strip().endswith(": ok")


def test_help_everywhere_and_usage_errors_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["search", "--help"], ["tag", "merge", "--help"], ["db", "--help"]):
        with pytest.raises(SystemExit) as caught:
            main(args)
        assert caught.value.code == 0
        assert "usage: curator" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        main(["list", "--sort", "nonsense"])
    assert caught.value.code == 2


def test_the_console_script_runs_as_a_module(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curator", "list", "--json"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_a_plain_curator_opens_the_app_without_loading_the_commands() -> None:
    """The window must not wait for the database layer or the exporters: `import curator.cli` stays light."""
    import subprocess
    import sys

    code = (
        "import sys, curator.cli as c; "
        "print(c._app_options([]), c._app_options(['--db', 'x.sqlite', '--debug']), c._app_options(['list'])); "
        "print(sorted(m for m in ('sqlalchemy', 'curator.io.export_common', 'curator.services.library') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["(None, False) ('x.sqlite', True) None", "[]"]
