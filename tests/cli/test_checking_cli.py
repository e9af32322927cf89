"""``curator factcheck``: the Fact Check panel's actions from the command line, on a real library file — list,
verify/unverify a source or finding with a note, mark a claim by quote or offsets with claimant, verdict and
evidence, set a verdict, add a source, attach a saved page — with --json, the same validation, and the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main

BODY = (
    "Delegations met in Riyadh on Monday, Orda.kz reports. The ceasefire will hold for 30 days, according to TASS. "
    "The ceasefire will hold, officials hope."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    path = str(tmp_path / "desk.sqlite")
    assert run(capsys, "--db", path, "new", "--headline", "Talks in Riyadh", "--body", BODY)[0] == 0
    assert run(capsys, "--db", path, "new", "--headline", "Other story", "--body", "Nothing, TASS said.")[0] == 0
    return path


def items(capsys: pytest.CaptureFixture[str], db: str, story: str = "1") -> dict:
    _code, out, _ = run(capsys, "--db", db, "factcheck", "list", story, "--json")
    return json.loads(out)


def test_every_panel_action_as_a_command_and_the_gate(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    listed = items(capsys, db)
    sources = {s["name"]: s["id"] for s in listed["sources"]}
    findings = {f["anchor"]["exact"]: f["id"] for f in listed["findings"]}
    assert {"Orda.kz", "TASS"} <= set(sources) and listed["open"] == 2 and not listed["may_be_ready"]
    code, out, _ = run(capsys, "--db", db, "factcheck", "list", "1")
    assert code == 1 and "2 open items" in out and "source" in out  # exit code 1 while anything is open

    # A claim marked by its quote, with claimant, verdict and a source as evidence.
    code, out, _ = run(
        capsys, "--db", db, "--as", "Aliya", "factcheck", "claim", "1",
        "--quote", "The ceasefire will hold for 30 days", "--claimant", "TASS", "--verdict", "Mostly true",
        "--evidence", str(sources["TASS"]), "--json",
    )  # fmt: skip
    result = json.loads(out)
    claim = result["result"]
    assert code == 0 and claim["claimant"] == "TASS" and claim["verdict_label"] == "Mostly true"
    assert [e["source_id"] for e in claim["evidence"]] == [sources["TASS"]] and claim["created_by"] == "Aliya"
    # A claim by offsets.
    start = BODY.index("Delegations met")
    code, out, _ = run(
        capsys, "--db", db, "factcheck", "claim", "1", "--start", str(start), "--end", str(start + 26), "--json"
    )
    assert code == 0 and json.loads(out)["result"]["anchor"]["exact"] == "Delegations met in Riyadh"

    # Verify and unverify a finding and a source, with notes.
    for exact, finding_id in findings.items():
        code, out, _ = run(capsys, "--db", db, "factcheck", "verify", "1", "--finding", str(finding_id),
                           "--note", "called the desk", "--json")  # fmt: skip
        assert code == 0 and json.loads(out)["result"]["status"] == "verified", exact
    # (A source's status now reaches every attribution crediting it, so a verified source keeps them closed.)
    code, out, _ = run(capsys, "--db", db, "factcheck", "verify", "1", "--source", str(sources["TASS"]),
                       "--note", "confirmed by phone")  # fmt: skip
    assert code == 0 and "“TASS”: Verified" in out

    # One claim still has no verdict: the gate holds; giving it one opens the way.
    after = items(capsys, db)
    assert after["open"] == 1 and [i["kind"] for i in after["open_items"]] == ["claim_without_verdict"]
    code, _, err = run(capsys, "--db", db, "status", "1", "ready")
    assert code == 1 and "open" in err
    second = next(c["id"] for c in after["claims"] if c["verdict"] is None)
    code, out, _ = run(capsys, "--db", db, "factcheck", "verdict", "1", str(second), "True", "--json")
    assert code == 0 and json.loads(out)["may_be_ready"] is True
    assert run(capsys, "--db", db, "status", "1", "ready")[0] == 0
    code, out, _ = run(capsys, "--db", db, "factcheck", "verdict", "1", str(second), "--clear")
    assert code == 0 and "no verdict" in out and "1 open item left" in out
    finding_id = next(iter(findings.values()))
    code, out, _ = run(capsys, "--db", db, "factcheck", "unverify", "1", "--finding", str(finding_id), "--json")
    assert code == 0 and json.loads(out)["result"]["status"] == "unverified" and json.loads(out)["open"] == 2

    # A source added by hand, a saved page attached to it, and made evidence for the first claim.
    code, out, _ = run(capsys, "--db", db, "factcheck", "add-source", "1", "Ministry of Foreign Affairs",
                       "--kind", "document", "--url", "https://mfa.example/kz", "--json")  # fmt: skip
    added = json.loads(out)["result"]
    assert code == 0 and added["kind"] == "document" and not added["detected"]
    page = tmp_path / "statement.html"
    page.write_text("<html><body>The ministry's statement.</body></html>", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "factcheck", "attach", "1", str(page), "--source", str(added["id"]),
                       "--claim", str(claim["id"]), "--json")  # fmt: skip
    attached = json.loads(out)["result"]
    assert code == 0 and attached["source"]["snapshot"]["filename"] == "statement.html"
    assert added["id"] in [e["source_id"] for e in attached["claim"]["evidence"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claim", "1", "--quote", "not in the story"], "is not in the saved text"),
        (["claim", "1", "--quote", "The ceasefire will hold"], "appears 2 times: say which with --occurrence N"),
        (["claim", "1", "--quote", "The ceasefire will hold", "--occurrence", "3"], "must be between 1 and 2"),
        (["claim", "1"], "--quote TEXT, or with --start N and --end N"),
        (["claim", "1", "--quote", "Delegations met", "--verdict", "Nonsense"], "is not on the scale"),
        (["claim", "1", "--start", "5", "--end", "2"], "selection"),
        (["verify", "1", "--source", "999"], "999"),
        (["verdict", "1", "999", "True"], "999"),
        (["add-source", "1", "  "], "name"),
        (["add-source", "1", "Ministry", "--url", "javascript:alert(1)"], "url"),
        (["attach", "1", "/no/such/page.html", "--source", "1"], "no such file"),
    ],
)
def test_the_same_validation_as_the_panel_in_one_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", db, "factcheck", *args)
    assert code == 1 and message in err and err.count("\n") == 1


def test_items_of_another_story_are_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    other = items(capsys, db, "2")
    source = other["sources"][0]["id"]
    code, _, err = run(capsys, "--db", db, "factcheck", "verify", "1", "--source", str(source))
    assert code == 1 and f"#{source} belongs to another story (#2)" in err
    code, _, err = run(capsys, "--db", db, "factcheck", "claim", "1", "--quote", "Delegations met",
                       "--evidence", str(source))  # fmt: skip
    assert code == 1 and "belongs to another story" in err
    assert items(capsys, db)["claims"] == []  # nothing was marked
