"""`curator check` as a publishing gate (exit codes, --json, queries, reports), `curator sources`, and
`curator status … --override`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.domain.factcheck import Verification
from curator.services.library import Library
from tests.factcheck.shapes import FACTCHECK_FIXTURES


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _new(capsys: pytest.CaptureFixture[str], headline: str, body_file: Path) -> str:
    code, out, _ = run(capsys, "new", "--headline", headline, "--body-file", str(body_file), "--json")
    assert code == 0
    return json.loads(out)["slug"]


def _verify_all(home: Path, slug: str) -> None:
    with Library.open(f"sqlite:///{home / 'data' / 'library.sqlite'}") as library:
        story_id = library.stories.resolve(slug)
        findings = library.factcheck.findings(story_id)
        library.factcheck.set_finding_status([f.id for f in findings], Verification.VERIFIED, checked_by="cli test")


def test_check_exit_codes_json_and_report(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "grain.md"
    body.write_text(
        (FACTCHECK_FIXTURES / "grain-corridor-talks.txt").read_text(encoding="utf-8").split("\n", 2)[2],
        encoding="utf-8",
    )
    slug = _new(capsys, "Grain corridor talks stall", body)
    code, out, err = run(capsys, "check", slug)
    assert code == 1
    assert "unverified attribution" in out and "“Steppe Wire reports”" in out
    assert "open items in 1 story" in err

    code, out, _ = run(capsys, "check", slug, "--json")
    assert code == 1
    (result,) = json.loads(out)
    assert result["story"]["slug"] == slug and result["open"] == len(result["open_items"]) > 0
    first = result["open_items"][0]
    assert first["kind"] == "attribution" and first["text"] == "Steppe Wire reports" and first["line"] >= 1

    report = tmp_path / "report.html"
    assert run(capsys, "check", slug, "--report", str(report))[0] == 1
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Grain corridor talks stall" in html

    _verify_all(home, slug)
    code, out, err = run(capsys, "check", slug)
    assert code == 0 and "nothing open" in out and "0 open items" in err


def test_check_takes_a_search_query_and_fails_clearly_on_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("Sunny all week.", encoding="utf-8")
    _new(capsys, "Weather for the week", clean)
    code, out, _ = run(capsys, "check", "weather", "--json")
    assert code == 0 and json.loads(out)[0]["open"] == 0
    body = tmp_path / "ru.md"
    body.write_text("Переговоры завершились, как сообщает ТАСС.", encoding="utf-8")
    _new(capsys, "Переговоры", body)
    code, out, _ = run(capsys, "check", "переговоры", "--json")
    assert code == 1 and json.loads(out)[0]["open_items"][0]["text"] == "как сообщает ТАСС"
    code, _, err = run(capsys, "check", "no-such-thing-anywhere")
    assert code == 1 and "no story has the id, slug or UUID" in err


def test_sources_listing(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "s.md"
    body.write_text("Exports fell, Steppe Wire reports. According to Reuters, prices rose.", encoding="utf-8")
    slug = _new(capsys, "Exports", body)
    code, out, _ = run(capsys, "sources", slug)
    assert code == 0 and "Steppe Wire" in out and "Reuters" in out and "Unverified" in out
    code, out, _ = run(capsys, "sources", slug, "--json")
    assert [s["name"] for s in json.loads(out)] == ["Steppe Wire", "Reuters"]


def test_status_gate_on_the_command_line(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "s.md"
    body.write_text("Exports fell, Steppe Wire reports.", encoding="utf-8")
    slug = _new(capsys, "Exports", body)
    code, _, err = run(capsys, "status", slug, "ready")
    assert code == 1 and "1 unverified attribution" in err and "--override REASON" in err
    code, out, _ = run(capsys, "status", slug, "ready", "--override", "Agency copy, checked upstream")
    assert code == 0 and "moved to Ready" in out
    _, out, _ = run(capsys, "history", slug)
    assert "checks overridden: Agency copy, checked upstream" in out
