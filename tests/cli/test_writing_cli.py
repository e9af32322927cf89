"""`curator spell` and `curator lint`: positions, suggestions, JSON, and exit codes scripts can gate on."""

from __future__ import annotations

import json
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


def _new(capsys: pytest.CaptureFixture[str], body: str, *extra: str) -> str:
    code, out, _ = run(capsys, "new", "--headline", "Talks resume", "--body", body, "--byline", "Aliya", "--json",
                       *extra)
    assert code == 0
    return json.loads(out)["slug"]


def test_spell_lists_misspellings_and_exits_1_until_fixed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slug = _new(capsys, "Talks went well.\n\nМинистр заявил, что перговоры продолжатся. Ол келісөздер туралы айтты.")
    code, out, err = run(capsys, "spell", slug)
    assert code == 1
    assert "3:21" in out and "перговоры" in out and "(Russian)  → переговоры" in out
    assert "келісөздер" in out and "(Kazakh)  → келіссөздер" in out
    assert "2 misspellings" in err
    code, out, _ = run(capsys, "spell", slug, "--json")
    data = json.loads(out)
    assert code == 1
    first = data["misspellings"][0]
    assert first["text"] == "перговоры"
    assert (first["line"], first["column"], first["lang"], first["suggestions"][0]) == (3, 21, "ru", "переговоры")
    clean = _new(capsys, "Talks went well.")
    assert run(capsys, "spell", clean)[0] == 0


def test_lint_marks_blocking_findings_and_takes_a_query(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _new(capsys, "Farmers met in order to talk.")
    code, out, _ = run(capsys, "lint", "farmers")
    assert code == 0  # style advice only
    assert "· " in out and "“in order to” is discouraged. Write: to" in out
    _new(capsys, "The goverment met farmers.")
    code, out, _err = run(capsys, "lint", "farmers", "--json")
    assert code == 1
    data = json.loads(out)
    assert sorted(d["blocking"] for d in data) == [0, 1]
    assert all("readability" in d for d in data)


def test_lint_for_published_counts_required_fields(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "--headline", "No byline here", "--body", "All good.", "--json")
    slug = json.loads(out)["slug"]
    assert run(capsys, "lint", slug, "--status", "ready")[0] == 0
    code, out, _ = run(capsys, "lint", slug, "--status", "published")
    assert code == 1 and "✗" in out and "no byline" in out
