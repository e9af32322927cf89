"""``curator related`` on a real library file: links, back-links, suggestions, --json, broken links, upkeep."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.domain.stories import StoryFields
from curator.services.library import Library


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    path = tmp_path / "desk.sqlite"
    with Library.open(f"sqlite:///{path}") as lib:

        def new(headline: str, body: str, tags: tuple[str, ...] = ()) -> int:
            return lib.stories.create(StoryFields(headline=headline, body=body, tags=tags)).story.id

        attack = new("Drones strike pipeline pumping station", "Drones hit a pumping station; oil flows fell.")
        terminal = new("CPC terminal stops loading after drone attack", "The oil terminal stopped loading tankers.")
        new("Insurers raise premiums for oil tankers", "Drone attacks on the pipeline terminal raise costs.")
        new("Astana beat Kairat", "Football: Astana beat Kairat in the league.", ("Sport",))
        gone = new("Pipeline repairs drag on", "Pumping station repairs on the oil pipeline.")
        lib.related.add_story_link(terminal, attack, base_version=1)
        lib.related.add_external_link(terminal, "Oil prices rise", "https://news.example/oil", base_version=2)
        lib.related.add_story_link(terminal, gone, base_version=3)
        lib.stories.trash([gone])
        lib.stories.purge([gone])
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_shows_links_back_links_and_suggestions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "related", "cpc-terminal-stops-loading-after-drone-attack", "--db", str(db))
    assert code == 0
    assert "1. Drones strike pipeline pumping station  — story drones-strike-pipeline-pumping-station" in out
    assert "2. Oil prices rise  — https://news.example/oil" in out
    assert "3. Pipeline repairs drag on  — broken: its story was purged" in out
    assert "Linked from: no story" in out
    suggested = out.split("Suggested:")[1]
    assert "Insurers raise premiums for oil tankers" in suggested
    assert "Drones strike pipeline" not in suggested  # already linked
    assert "Astana" not in suggested

    code, out, _ = run(capsys, "related", "1", "--db", str(db))
    assert "Linked from:\n      CPC terminal stops loading after drone attack" in out


def test_json_output_and_limit(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "related", "drones-strike-pipeline-pumping-station", "--json", "--limit", "1", "--db", str(db)
    )
    data = json.loads(out)
    assert code == 0 and data["story"]["id"] == 1 and data["links"] == []
    assert [b["story"]["slug"] for b in data["back_links"]] == ["cpc-terminal-stops-loading-after-drone-attack"]
    assert len(data["suggestions"]) == 1
    suggestion = data["suggestions"][0]
    assert suggestion["story"]["slug"] and suggestion["score"] > 0 and suggestion["shared_tags"] == []

    _code, out, _ = run(capsys, "related", "2", "--json", "--db", str(db))
    links = json.loads(out)["links"]
    assert [(x["internal"], x["broken"]) for x in links] == [(True, False), (False, False), (True, True)]


def test_broken_links_refresh_and_rebuild(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "related", "--broken", "--db", str(db))
    assert (
        code == 0
        and out.strip()
        == "cpc-terminal-stops-loading-after-drone-attack  #3  “Pipeline repairs drag on”  (its story was purged)"
    )
    code, out, _ = run(capsys, "related", "--broken", "1", "--json", "--db", str(db))
    assert json.loads(out) == []
    code, out, _ = run(capsys, "related", "--rebuild", "--db", str(db))
    assert code == 0 and "of 4 stories" in out
    code, out, _ = run(capsys, "related", "--refresh", "--json", "--db", str(db))
    assert code == 0 and json.loads(out) == {"stories": 0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["related"], "name a story"),
        (["related", "no-such-story"], "no story has the id, UUID or slug 'no-such-story'"),
        (["related", "1", "--limit", "0"], "--limit must be between 1 and 100"),
        (["related", "1", "--refresh"], "leave out the story"),
    ],
)
def test_related_errors_are_one_clear_line(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *args, "--db", str(db))
    assert code == 1 and message in err


def test_json_explains_each_suggestion_and_matches_external_headlines(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(f"sqlite:///{db}") as lib:
        story = lib.stories.create(
            StoryFields(headline="Tanker insurers count drone losses", body="Insurers said drone attacks cost them.")
        ).story
        lib.related.add_external_link(
            story.id, "Insurance premiums for oil tankers climb", "https://wire.example/ins", base_version=1
        )
    code, out, _ = run(capsys, "related", str(story.id), "--json", "--db", str(db))
    data = json.loads(out)
    assert code == 0
    first = data["suggestions"][0]
    assert first["story"]["headline"] == "Insurers raise premiums for oil tankers"
    assert "insurers" in first["shared_terms"] and first["reason"].startswith("shares: insurers")
    assert {"shared_tags", "same_outlet", "outlet", "score"} <= set(first)
    [match] = data["link_matches"]
    assert match["position"] == 0 and match["title"] == "Insurance premiums for oil tankers climb"
    assert match["suggestions"][0]["story"]["headline"] == "Insurers raise premiums for oil tankers"

    code, out, _ = run(capsys, "related", str(story.id), "--db", str(db))
    assert "in the library, by content: Insurers raise premiums for oil tankers" in out
    assert "shares: insurers" in out.split("Suggested:")[1]
