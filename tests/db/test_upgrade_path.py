"""Every earlier schema upgrades to today's with its data intact and answers as a fresh import does.

A reference library is made at today's schema through the services: the topic corpus imported in one go, then
worked on (statuses, tags, links to stories and to the web, a link whose story is gone, a story in the trash,
sources, a snapshot, claims with evidence, checked findings). For each earlier schema a library is built by
running the frozen migrations up to it, and filled with the reference's rows by plain SQL, limited to the
tables and columns that schema has (the derived indexes are left to the migrations, or, for "filled", filled
and unmarked as the Curator of that schema left them). It is then opened the normal way. Every row is as
before; stories, revisions, tags, links, claims and sources read the same as in the reference; and search,
suggestions, back-links and headline matching answer as the reference does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, MetaData, create_engine, insert, inspect, select, text
from sqlalchemy.engine import make_url

from curator.core.status import Status
from curator.db.engine import make_engine
from curator.db.migrate import alembic_config, head_revision
from curator.domain.desk import AssignmentRole, Role
from curator.domain.stories import RelatedLink, Scope, Sort, StoryFields
from curator.related.index import RelatedIndex
from curator.search.backends import index_for
from curator.services.indexes import stale_indexes
from curator.services.library import Library
from curator.services.link_edits import external_link, story_link
from tests.conftest import FIXTURES, PG_URL, _pg_schema_url

CORPUS = json.loads((FIXTURES / "related_corpus.json").read_text(encoding="utf-8"))["stories"]
EARLIER = ["0001", "0002", "0003_factcheck", "0004_related", "0005_desk", "0006_saved_search"]
# Tables of data, parents first. The derived indexes (story_fts, related_*) and library_meta are not data.
DATA_TABLES = (
    "story",
    "tag",
    "story_tag",
    "related_link",
    "revision",
    "factcheck_state",
    "factcheck_source",
    "factcheck_snapshot",
    "factcheck_finding",
    "factcheck_claim",
    "factcheck_evidence",
    "person",
    "change_event",
    "presence",
    "assignment",
    "comment",
    "saved_search",
)
QUERIES = (
    "",
    "wheat",
    "harvest export",
    '"export quota"',
    "tag:agriculture",
    "-tag:agriculture",
    "status:fact-check",
    "outlet:steppe",
    "headline:wheat",
    "перег*",
    "пшениц*",
    "after:2025-09",
    "wheat -quota",
    "Kostanay",
)


def _fields(item: dict[str, Any]) -> StoryFields:
    return StoryFields(
        headline=item["headline"],
        body=item["body"],
        outlet_name=item["outlet"],
        language=item["language"],
        tags=tuple(item["tags"]),
        published_at=datetime.fromisoformat(item["published"]).replace(tzinfo=UTC),
    )


def _work_on(library: Library) -> None:
    """Import the corpus in one go (as ``curator import`` does), then work on it without touching any text."""
    ids = library.stories.create_many([_fields(item) for item in CORPUS], author="Night desk")
    first, second, third = ids[0], ids[1], ids[2]
    # A link to a story, a link to the web, and a link to a story that is no longer in the library.
    story = library.stories.get(first)
    links = (
        story_link(second),
        external_link("Grain prices on the exchange", "https://news.example/grain"),
        RelatedLink(title="A story since purged", target_uuid=str(uuid.UUID(int=7))),
    )
    library.stories.save(first, story.fields().replace(related=links), base_version=story.version, author="Aliya")
    story = library.stories.get(second)
    library.stories.save(
        second, story.fields().replace(tags=(*story.tags, "Exports")), base_version=story.version, note="Tagged"
    )
    library.stories.set_status([first, second], Status.FACT_CHECK)
    library.stories.trash([ids[-1]])
    # Fact-checking: a source by hand with a snapshot, a claim with evidence, a checked finding.
    fc = library.factcheck
    source = fc.add_source(third, "Ministry of Agriculture", url="https://gov.example/agri", note="press office")
    fc.attach_snapshot(source.id, data=b"<p>Quota raised.</p>", filename="quota.html", media_type="text/html")
    body = library.stories.get(third).body
    start = body.index(body.split()[3])
    claim = fc.mark_claim(third, start, start + 20, claimant="The ministry", note="check the figure")
    fc.add_evidence(claim.id, source.id, note="page 2")
    for story_id in ids[:6]:
        fc.ensure_analysed(story_id)
        findings = fc.findings(story_id)
        if findings:
            fc.set_finding_status(findings[0].id, "verified", checked_by="Dana")
    # The desk: people, a comment thread on a passage, an assignment (the change feed records them).
    desk = library.desk
    desk.people.join("Aliya Nurlanova", role=Role.EDITOR, initials="AN")
    desk.people.join("Dana Seitkali", role=Role.FACT_CHECKER)
    comment = desk.comments.add(third, "Is this the ministry's figure?", quote=body.split()[3])
    desk.comments.reply(comment.id, "Yes, page 2 of the release.")
    desk.comments.assign(third, AssignmentRole.CHECKER, "Dana Seitkali")
    library.saved_searches.save("Grain", "wheat tag:agriculture")


def _copy_rows(reference: Connection, old: Connection) -> None:
    """Fill ``old`` with the reference's rows: only the tables and columns ``old``'s schema has."""
    ref_md, old_md = MetaData(), MetaData()
    ref_md.reflect(reference, only=[t for t in DATA_TABLES if inspect(reference).has_table(t)])
    present = [t for t in DATA_TABLES if inspect(old).has_table(t)]
    old_md.reflect(old, only=present)
    for name in present:
        target, source = old_md.tables[name], ref_md.tables[name]
        columns = [c.name for c in target.columns if c.name in source.c]
        order = [c for c in source.primary_key.columns]  # parents before children (comment replies)
        query = select(*[source.c[c] for c in columns]).order_by(*order)
        rows = [dict(r) for r in reference.execute(query).mappings()]
        if rows:
            old.execute(insert(target), rows)
    if old.dialect.name == "postgresql":
        # As an older Curator leaves them: the sequences past the rows that used them.
        old.execute(text("SELECT setval('story_change_seq', (SELECT max(seq) FROM story))"))
        for name in present:
            if "id" in old_md.tables[name].c:
                last = f"(SELECT coalesce(max(id), 1) FROM {name})"
                old.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {last})"))


def _rows(conn: Connection, tables: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables`` (name: columns) by plain SQL, in a stable order."""
    out = {}
    for name, columns in tables.items():
        rows = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
        out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def place(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Place]:
    if request.param == "sqlite":
        yield _Place("sqlite", tmp_path_factory.mktemp("upgrade"))
        return
    if not PG_URL:
        pytest.skip("CURATOR_TEST_PG_URL is not set")
    made = _Place("postgresql", None)
    yield made
    made.drop_schemas()


class _Place:
    """Where the test's libraries go: SQLite files in a folder, or PostgreSQL schemas (dropped at the end)."""

    def __init__(self, dialect: str, folder: Path | None) -> None:
        self.dialect = dialect
        self.folder = folder
        self.schemas: list[str] = []

    def new_url(self, name: str) -> str:
        if self.folder is not None:
            return f"sqlite:///{self.folder / (name + '.sqlite')}"
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self._admin() as admin, admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        return _pg_schema_url(schema)

    def drop_schemas(self) -> None:
        with self._admin() as admin, admin.begin() as conn:
            for schema in self.schemas:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    def _admin(self) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def engine() -> Iterator[Engine]:
            admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"))
            try:
                yield admin
            finally:
                admin.dispose()

        return engine()


@pytest.fixture(scope="module")
def reference(place: _Place) -> Iterator[tuple[str, Library]]:
    """A library at today's schema, made and worked on through the services: what the upgrades must equal."""
    url = place.new_url("reference")
    with Library.open(url) as library:
        _work_on(library)
        yield url, library


def _old_library(place: _Place, reference_url: str, revision: str, *, filled: bool) -> str:
    url = place.new_url(f"at-{revision}-{'filled' if filled else 'new'}")
    ref_engine = make_engine(reference_url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn, ref_engine.connect() as ref:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            _copy_rows(ref, conn)
            if filled:
                # The Curator of that schema filled the indexes in its migrations and kept no marker.
                index_for(conn.dialect.name).rebuild(conn)
                if inspect(conn).has_table("related_doc"):
                    RelatedIndex(conn.dialect.name).rebuild(conn)
                conn.execute(text("DROP TABLE library_meta"))
    finally:
        engine.dispose()
        ref_engine.dispose()
    return url


def _columns(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            return {t: [c["name"] for c in inspector.get_columns(t)] for t in DATA_TABLES if inspector.has_table(t)}
    finally:
        engine.dispose()


def _snapshot(url: str, tables: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return _rows(conn, tables)
    finally:
        engine.dispose()


# "filled" at 0002 stands for 0003 too, and at 0006 for 0004 and 0005: the same indexes were filled and unmarked.
CASES = [(rev, False) for rev in EARLIER] + [("0002", True), ("0006_saved_search", True)]


@pytest.mark.parametrize(("revision", "filled"), CASES, ids=[f"{r}-{'filled' if f else 'new'}" for r, f in CASES])
def test_an_earlier_library_upgrades_with_everything_intact(
    place: _Place, reference: tuple[str, Library], revision: str, filled: bool, caplog: pytest.LogCaptureFixture
) -> None:
    reference_url, ref = reference
    url = _old_library(place, reference_url, revision, filled=filled)
    tables = _columns(url)
    before = _snapshot(url, tables)
    assert before["story"] and before["revision"] and before["related_link"] and before["story_tag"]

    caplog.set_level("INFO", logger="curator.services.indexes")
    with Library.open(url) as library:
        state = library.state
        assert state is not None and state.upgraded_from == revision and state.revision == head_revision()
        if place.dialect == "sqlite":
            assert state.backup is not None and state.backup.exists()
        rebuilt = [r.getMessage().split(" of ")[0] for r in caplog.records if r.name == "curator.services.indexes"]
        if not filled:  # the frozen migrations left both stale
            assert rebuilt == ["rebuilt the full-text index", "rebuilt the related-stories index"]
        elif revision != "0002":  # filled by that Curator: 0007 records them as version 1
            assert rebuilt == []
        else:  # the full-text index was filled by that Curator; 0004 added the related one
            assert rebuilt == ["rebuilt the related-stories index"]
        assert stale_indexes(library.session_factory) == []  # recorded as current

        # Every row of every table the old schema had is exactly as it was.
        assert _snapshot(url, tables) == before

        # Stories, revisions, tags, links, claims, sources, search and suggestions: as in the reference.
        kind = {"with_claims": "factcheck_claim" in tables, "with_desk": "comment" in tables}
        kind["with_saved"] = "saved_search" in tables
        key = (reference_url, *kind.values())
        expected = _REFERENCE_ANSWERS.get(key)
        if expected is None:
            expected = _REFERENCE_ANSWERS[key] = _answers(ref, **kind)
        got = _answers(library, **kind)
        assert got.keys() == expected.keys()
        for question, answer in expected.items():
            assert got[question] == answer, question


# The reference's answers, by (its URL, with claims): asked once per module, not once per case.
_REFERENCE_ANSWERS: dict[tuple[Any, ...], dict[tuple[Any, ...], Any]] = {}


def _answers(library: Library, *, with_claims: bool, with_desk: bool, with_saved: bool) -> dict[tuple[Any, ...], Any]:
    """What the library says about everything the test compares, by question."""
    out: dict[tuple[Any, ...], Any] = {}
    ids = [s.id for s in library.search.page("", scope=Scope.ALL, limit=1000).items]
    out["ids",] = ids
    if with_desk:
        out["people",] = library.desk.people.all()
    if with_saved:
        out["saved searches",] = library.saved_searches.list()
    out["tags",] = library.tags.counts(include_empty=True)
    for story_id in ids:
        out["story", story_id] = library.stories.get(story_id)
        history = library.revisions.history(story_id)
        out["history", story_id] = history
        for info in history:
            out["revision", info.id] = library.revisions.get(info.id)
        if with_claims:
            # As they were: the schema had them.
            out["sources", story_id] = library.factcheck.sources(story_id)
            out["claims", story_id] = library.factcheck.claims(story_id)
            out["findings", story_id] = library.factcheck.findings(story_id)
        else:
            # Worked out afresh on first look (the schema had no fact-checking).
            library.factcheck.ensure_analysed(story_id)
            out["findings", story_id] = [(f.kind, f.text, f.source_name) for f in library.factcheck.findings(story_id)]
        if with_desk:
            out["comments", story_id] = library.desk.comments.threads(story_id)
            out["assignments", story_id] = library.desk.comments.assignments(story_id)
        out["suggestions", story_id] = library.related.suggestions(story_id)
        out["back links", story_id] = library.related.back_links(story_id)
    for query in QUERIES:
        for sort in (Sort.UPDATED, Sort.RELEVANCE):
            out["search", query, sort] = library.search.page(query, sort=sort, limit=50).items
    out["trash",] = library.search.page(scope=Scope.TRASH).items
    out["broken links",] = library.related.broken_links()
    headlines = [item["headline"].upper() for item in CORPUS[:8]]
    out["headlines",] = library.related.find_stories_by_headline(headlines)
    return out
