"""Schema migrations (Alembic) on real SQLite files and a real PostgreSQL server.

Old databases are built here as the releases that made them did (``create_all`` of a frozen
copy of that release's ``schema.py``, plus its hand-written ALTERs), never by the migrations
under test; then ``init-db`` / ``create_schema()`` / ``dashboard db upgrade`` must keep every row
and end at a schema identical to ``schema.metadata``.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from dashboard.cli import main as cli_main
from dashboard.services.seed import init_db, load_catalogue
from dashboard.store import migrate, schema
from dashboard.store.engine import make_engine
from dashboard.store.repository import Store

SESSIONS = "0005_sessions_and_limits"
KEPT_ANSWERS = "0006_kept_answers"
HEAD = "0007_data_change_notices"
#: The last revision a database made by ``create_all`` before migrations can match.
LAST_LEGACY = "0004_as_written"
NOW = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


# ----- the schema of the release before corridor uploads (commit 67d67d3), frozen -------------


def previous_release(*, accounts: bool = True, first_index: bool = False) -> MetaData:
    """``dashboard/store/schema.py`` as of commit 67d67d3: no ``revisions.dataset``, no
    ``observations.as_written``, no corridor tables. ``accounts=False, first_index=True`` is
    the very first schema (30b9b9a): no users, and an index on observations.revision_id."""
    metadata = MetaData()
    Table(
        "indicators", metadata,
        Column("indicator_id", String(40), primary_key=True),
        Column("position", Integer, nullable=False),
        Column("pillar", String(20), nullable=False),
        Column("name_en", Text, nullable=False),
        Column("name_zh", Text, nullable=False),
        Column("kind", String(10), nullable=False),
        Column("unit", String(40), nullable=False),
        Column("unit_zh", String(40), nullable=False),
        Column("direction", String(10), nullable=False),
        Column("target_qualifier", String(10), nullable=False, default=""),
        Column("target_value", Float),
        Column("target_growth", Float),
        Column("target_period", String(8), nullable=False),
        Column("baseline_period", String(8), nullable=False),
        Column("target_text", Text, nullable=False),
        Column("target_source", Text, nullable=False),
    )  # fmt: skip
    Table(
        "revisions", metadata,
        Column("revision_id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("user_name", String(80), nullable=False),
        Column("action", String(16), nullable=False),
        Column("file_name", String(255)),
        Column("sha256", String(64), index=True),
        Column("rows_total", Integer, nullable=False, default=0),
        Column("added", Integer, nullable=False, default=0),
        Column("replaced", Integer, nullable=False, default=0),
        Column("unchanged", Integer, nullable=False, default=0),
        Column("withdrawn", Integer, nullable=False, default=0),
        Column("status", String(16), nullable=False, default="committed"),
        Column("rolls_back", Integer, ForeignKey("revisions.revision_id")),
        Column("raw_file", LargeBinary),
        Column("comment", Text),
    )  # fmt: skip
    observations = Table(
        "observations", metadata,
        Column("observation_id", Integer, primary_key=True, autoincrement=True),
        Column("revision_id", Integer, ForeignKey("revisions.revision_id"), nullable=False),
        Column("indicator_id", String(40), ForeignKey("indicators.indicator_id"), nullable=False),
        Column("period", String(8), nullable=False),
        Column("basis", String(8)),
        Column("value", Float),
        Column("source", Text),
        Column("note", Text),
        Column("confidence", String(8)),
        Column("illustrative", Boolean, nullable=False, default=False),
        Column("withdrawn", Boolean, nullable=False, default=False),
        UniqueConstraint(
            "revision_id", "indicator_id", "period", name="uq_observation_per_revision"
        ),
        Index("ix_observations_key", "indicator_id", "period", "observation_id"),
    )  # fmt: skip
    if first_index:
        Index("ix_observations_revision", observations.c.revision_id)
    if accounts:
        Table(
            "users", metadata,
            Column("user_id", Integer, primary_key=True, autoincrement=True),
            Column("name", String(80), nullable=False, unique=True),
            Column("password_hash", String(255), nullable=False),
            Column("role", String(10), nullable=False),
            Column("active", Boolean, nullable=False, default=True),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("failed_logins", Integer, nullable=False, default=0),
            Column("locked_until", DateTime(timezone=True)),
            Column("last_login", DateTime(timezone=True)),
        )  # fmt: skip
    return metadata


PASSWORD = "an-old-password-1"


def fill(url: str, metadata: MetaData) -> None:
    """Rows in every table: the catalogue, a seed revision and an upload that replaced one value
    and added one (with its raw file), and a user."""
    tables = metadata.tables
    catalogue = load_catalogue()
    engine = make_engine(url)
    with engine.begin() as conn:
        indicators = [
            {c.name: row.get(c.name) for c in tables["indicators"].c if c.name != "position"}
            | {"position": position, "target_qualifier": row.get("target_qualifier") or ""}
            for position, row in enumerate(catalogue.to_dict("records"))
        ]
        for record in indicators:  # the catalogue file writes numbers as text
            for key in ("target_value", "target_growth"):
                value = record[key]
                record[key] = None if value in (None, "") or value != value else float(value)
        conn.execute(tables["indicators"].insert(), indicators)
        conn.execute(
            tables["revisions"].insert(),
            [
                dict(
                    created_at=NOW, user_name="init-db", action="seed",
                    file_name="observations.csv", sha256="a" * 64, rows_total=2, added=2,
                    replaced=0, unchanged=0, withdrawn=0, status="committed", raw_file=None,
                    comment=None,
                ),
                dict(
                    created_at=NOW, user_name="wang.staff", action="import",
                    file_name="q3.csv", sha256="b" * 64, rows_total=3, added=1, replaced=1,
                    unchanged=1, withdrawn=0, status="committed", raw_file=b"indicator_id,\xe6",
                    comment="third quarter",
                ),
            ],
        )  # fmt: skip
        conn.execute(
            tables["observations"].insert(),
            [
                dict(
                    revision_id=1, indicator_id="ECO-TRADE", period="2019", basis="annual",
                    value=579.28, source="s1", note="n1", confidence="H", illustrative=False,
                    withdrawn=False,
                ),
                dict(
                    revision_id=1, indicator_id="ECO-TRADE", period="2020", basis="annual",
                    value=651.34, source="s2", note=None, confidence="M-H", illustrative=False,
                    withdrawn=False,
                ),
                dict(
                    revision_id=2, indicator_id="ECO-TRADE", period="2020", basis="annual",
                    value=652.0, source="s3", note="revised", confidence="H",
                    illustrative=False, withdrawn=False,
                ),
                dict(
                    revision_id=2, indicator_id="ECO-TRADE", period="2021", basis="annual",
                    value=800.5, source="s4", note=None, confidence=None, illustrative=True,
                    withdrawn=False,
                ),
            ],
        )  # fmt: skip
        if "users" in tables:
            conn.execute(
                tables["users"].insert(),
                dict(
                    name="li.admin", role="admin", active=True, created_at=NOW,
                    failed_logins=0, last_login=NOW,
                    password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
                ),
            )  # fmt: skip
    engine.dispose()


def build_previous_release(url: str, **shape) -> MetaData:
    metadata = previous_release(**shape)
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()
    fill(url, metadata)
    return metadata


def build_corridor_release(url: str) -> None:
    """A database of the release with corridor uploads (5ddd311), made as it was made then:
    a previous-release database that ``create_schema`` gave the corridor tables (create_all)
    and the ``dataset`` column (its hand-written ALTER)."""
    build_previous_release(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        schema.reach_snapshots.create(conn)  # unchanged since 5ddd311
        schema.destinations.create(conn)
        conn.execute(
            text(
                "ALTER TABLE revisions ADD COLUMN dataset VARCHAR(16) "
                "NOT NULL DEFAULT 'observations'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO reach_snapshots (revision_id, as_of, corridor, ports, source,"
                " withdrawn) VALUES (2, '2025-06', 'ilsts', 547, 'report', false)"
            )
        )
    engine.dispose()


def build_today(url: str) -> None:
    """A database made by ``create_all`` just before migrations came (0004: today's tables
    without what 0005 and 0006 added), no alembic_version, with rows."""
    engine = make_engine(url)
    schema.metadata.create_all(engine)
    fill(url, schema.metadata)
    with engine.begin() as conn:
        for table in ("login_throttle", "rate_limits", "kept_answers"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("ALTER TABLE users DROP COLUMN session_version"))
    engine.dispose()


def rows(url: str, metadata: MetaData) -> dict[str, list[tuple]]:
    """Every row of ``metadata``'s tables, read through its (old) columns, in key order."""
    engine = make_engine(url)
    with engine.connect() as conn:
        found = {
            name: conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            for name, table in metadata.tables.items()
        }
    engine.dispose()
    return found


def differences(url: str, **options) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, **options})
        found = compare_metadata(context, schema.metadata)
    engine.dispose()
    return found


def shape(url: str) -> dict:
    """Tables, columns (type, nullability, default), indexes, unique and foreign keys."""
    engine = make_engine(url)
    with engine.connect() as conn:
        found = inspect(conn)
        described = {
            table: {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                    for c in found.get_columns(table)
                ],
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"])) for i in found.get_indexes(table)
                ),
                "unique": sorted(
                    tuple(u["column_names"]) for u in found.get_unique_constraints(table)
                ),
                "foreign": sorted(
                    (tuple(f["constrained_columns"]), f["referred_table"])
                    for f in found.get_foreign_keys(table)
                ),
            }
            for table in found.get_table_names()
        }  # fmt: skip
    engine.dispose()
    return described


def recorded(url: str) -> list[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    engine.dispose()
    return found


# ----- an old database is upgraded: every row kept ---------------------------------------------


def test_previous_release_database_keeps_every_row_through_init_db(database_url):
    old = build_previous_release(database_url)
    before = rows(database_url, old)
    assert migrate.status(database_url).unstamped == "0002_accounts"

    store = Store.from_url(database_url)
    report = init_db(store)  # what `dashboard init-db` runs

    after = rows(database_url, old)
    for table, kept in before.items():  # every old row, every old value
        grown = 2 if table == "revisions" else 0  # the corridor data, below
        assert after[table] == kept + after[table][len(kept) :], table
        assert len(after[table]) == len(kept) + grown, table
    assert recorded(database_url) == [HEAD]
    assert differences(database_url) == []  # the schema is now exactly schema.metadata
    engine = store.engine
    with engine.connect() as conn:
        rev, obs = schema.revisions, schema.observations
        datasets = conn.execute(
            select(rev.c.revision_id, rev.c.dataset).order_by(rev.c.revision_id)
        ).all()
        as_written = set(conn.execute(select(obs.c.as_written)).scalars())
    assert datasets[:2] == [(1, "observations"), (2, "observations")]
    assert as_written == {None}
    # init-db leaves the observations alone (the database holds data) and adds the corridor
    # data this older database never had, as the next revisions
    assert report.revision_id is None
    assert sorted(report.corridor_revisions) == ["destinations", "reach"]
    assert [d for _, d in datasets[2:]] == ["reach", "destinations"]

    current = store.current_observations().set_index(["indicator_id", "period"])
    assert current.loc[("ECO-TRADE", "2020"), "value"] == 652.0
    assert current.loc[("ECO-TRADE", "2020"), "revision_id"] == 2
    assert current.loc[("ECO-TRADE", "2021"), "illustrative"]
    assert len(current) == 3
    assert store.accounts.verify("li.admin", PASSWORD).user is not None
    # a revision written before the migration can still be undone (its dataset is known)
    store.rollback(2, "li.admin")
    assert (
        store.current_observations()
        .set_index(["indicator_id", "period"])
        .loc[("ECO-TRADE", "2020"), "value"]
        == 651.34
    )
    store.engine.dispose()


def test_create_schema_upgrades_in_place_and_adds_nothing_else(database_url):
    old = build_previous_release(database_url)
    before = rows(database_url, old)
    store = Store.from_url(database_url)
    store.create_schema()
    assert rows(database_url, old) == before
    assert rows(database_url, schema.metadata)["reach_snapshots"] == []
    assert len(store.revisions()) == 2
    assert set(store.revisions()["dataset"]) == {"observations"}
    assert store.observation_history()["as_written"].isna().all()
    assert migrate.status(store.engine).up_to_date
    store.engine.dispose()


SHAPES = {
    "first schema (30b9b9a)": (
        lambda url: build_previous_release(url, accounts=False, first_index=True),
        "0001_foundation",
    ),
    "previous release (67d67d3)": (build_previous_release, "0002_accounts"),
    "corridor release (5ddd311)": (build_corridor_release, "0003_corridors"),
    "today's create_all": (build_today, LAST_LEGACY),
}


@pytest.mark.parametrize("made", SHAPES, ids=list(SHAPES))
def test_every_database_made_before_migrations_is_recognised_and_upgraded(database_url, made):
    build, revision = SHAPES[made]
    build(database_url)
    tables = set(shape(database_url))
    reflected = MetaData()
    engine = make_engine(database_url)
    reflected.reflect(engine)
    engine.dispose()
    before = rows(database_url, reflected)
    assert migrate.status(database_url).unstamped == revision

    done = migrate.upgrade(database_url)

    assert (done.before, done.adopted, done.after) == (None, revision, HEAD)
    assert done.changed == (revision != HEAD)
    assert rows(database_url, reflected) == before
    assert set(shape(database_url)) == set(schema.metadata.tables) | {"alembic_version"}
    assert tables <= set(shape(database_url))
    assert differences(database_url) == []
    assert recorded(database_url) == [HEAD]


def test_a_database_made_by_create_all_today_is_stamped_without_change(database_url):
    build_today(database_url)
    before_shape = shape(database_url)
    reflected = MetaData()
    engine = make_engine(database_url)
    reflected.reflect(engine)
    engine.dispose()
    before_rows = rows(database_url, reflected)
    done = migrate.upgrade(database_url)
    assert (done.adopted, done.after, done.changed) == (LAST_LEGACY, HEAD, True)
    after_shape = shape(database_url)
    assert after_shape.pop("alembic_version")
    # Only what 0005 and 0006 added: three tables and users.session_version.
    assert set(after_shape) - set(before_shape) == {"login_throttle", "rate_limits", "kept_answers"}
    assert {t: after_shape[t] for t in before_shape if t != "users"} == {
        t: s for t, s in before_shape.items() if t != "users"
    }
    assert rows(database_url, reflected) == before_rows


def test_a_schema_that_matches_no_revision_is_refused_and_left_alone(database_url):
    engine = make_engine(database_url)
    schema.metadata.create_all(engine)
    with engine.begin() as conn:  # as_written but no dataset: no release ever made this
        conn.execute(text("ALTER TABLE revisions DROP COLUMN dataset"))
    engine.dispose()
    before = shape(database_url)
    with pytest.raises(migrate.MigrationError, match="matches no known revision"):
        migrate.upgrade(database_url)
    assert shape(database_url) == before  # no alembic_version either


# ----- a fresh database ------------------------------------------------------------------------


def test_upgrade_head_on_an_empty_database_is_exactly_the_schema(database_url):
    assert migrate.status(database_url).revision is None
    done = migrate.upgrade(database_url)
    assert (done.before, done.adopted, done.after) == (None, None, HEAD)
    assert differences(database_url) == []
    # The one server default the tables carry: revisions.dataset's 'observations', added by
    # 0003 so older revisions got it (schema.py sets it on the Python side only).
    defaults = differences(database_url, compare_server_default=True)
    assert [(d[0][0], d[0][2], d[0][3]) for d in defaults] == [
        ("modify_default", "revisions", "dataset")
    ]


def test_upgrade_twice_is_a_no_op(database_url):
    migrate.upgrade(database_url)
    before = shape(database_url), recorded(database_url)
    again = migrate.upgrade(database_url)
    assert (again.before, again.adopted, again.after, again.changed) == (HEAD, None, HEAD, False)
    assert (shape(database_url), recorded(database_url)) == before


def test_upgrade_step_by_step_and_down_again(database_url):
    for step in ("0001_foundation", "0002_accounts", "0003_corridors", LAST_LEGACY, SESSIONS, HEAD):
        assert migrate.upgrade(database_url, step).after == step
        assert migrate.current(database_url) == step
    assert migrate.downgrade(database_url, "base") is None
    assert set(shape(database_url)) == {"alembic_version"}
    migrate.upgrade(database_url)
    assert differences(database_url) == []


def test_a_batch_copy_of_a_referenced_table_keeps_rows_and_foreign_keys(sqlite_url):
    """Downgrading past 0003 copies ``revisions`` (referenced by observations) on SQLite: it
    runs with foreign keys off, checks them before committing, and turns them back on."""
    store = Store.from_url(sqlite_url)
    init_db(store)
    observations = rows(sqlite_url, previous_release())["observations"]
    assert migrate.downgrade(store.engine, "0002_accounts") == "0002_accounts"
    assert rows(sqlite_url, previous_release())["observations"] == observations
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.create_schema()
    assert rows(sqlite_url, previous_release())["observations"] == observations
    store.engine.dispose()


def test_looking_creates_no_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'none' / 'tracker.db'}"
    state = migrate.status(url)
    assert (state.exists, state.revision, state.up_to_date) == (False, None, False)
    assert [s.applied for s in migrate.history(url)] == [False] * 7
    assert not (tmp_path / "none").exists()


def test_new_revision_autogenerates_nothing_when_the_schema_is_current(tmp_path, sqlite_url):
    location = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    migrate.upgrade(sqlite_url)
    path = migrate.new_revision("Nothing new", sqlite_url, location=location)
    assert path == location / "versions" / "0008_nothing_new.py"
    written = path.read_text(encoding="utf-8")
    assert f"down_revision: str | Sequence[str] | None = '{HEAD}'" in written
    assert "op." not in written  # schema.metadata and the migrations agree


# ----- the command line ------------------------------------------------------------------------


def run(url: str, *args: str):
    return CliRunner().invoke(cli_main, list(args), env={"DASHBOARD_DATABASE_URL": url})


def shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def test_db_commands_on_an_empty_database(database_url):
    done = run(database_url, "db", "current")
    assert done.exit_code == 0, done.output
    assert "Revision: none, no schema yet" in done.output

    done = run(database_url, "db", "upgrade")
    assert done.exit_code == 0, done.output
    assert done.output == (
        f"Database: {shown(database_url)}\n"
        f"Schema upgraded from an empty database to {HEAD}.\n"
        "No catalogue yet: run `dashboard init-db` to load it and the shipped data.\n"
    )
    assert run(database_url, "db", "current").output == (
        f"Database: {shown(database_url)}\nRevision: {HEAD} (head, up to date).\n"
    )
    again = run(database_url, "db", "upgrade")
    assert f"Schema at revision {HEAD}: nothing to do." in again.output

    history = run(database_url, "db", "history")
    assert history.exit_code == 0
    lines = history.output.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["0001_foundation", "applied"],
        ["0002_accounts", "applied"],
        ["0003_corridors", "applied"],
        [LAST_LEGACY, "applied"],
        [SESSIONS, "applied"],
        [KEPT_ANSWERS, "applied"],
        [HEAD, "current"],
    ]
    assert lines[-1].endswith("(head)")


def test_db_upgrade_to_a_revision_then_the_rest(sqlite_url):
    assert "to 0002_accounts." in run(sqlite_url, "db", "upgrade", "0002_accounts").output
    done = run(sqlite_url, "db", "current")
    assert f"Revision: 0002_accounts; the newest is {HEAD}: run `dashboard db upgrade`." in (
        done.output
    )
    assert [line.split()[1] for line in run(sqlite_url, "db", "history").output.splitlines()] == [
        "applied", "current", "pending", "pending", "pending", "pending", "pending",
    ]  # fmt: skip
    assert f"from 0002_accounts to {HEAD}." in run(sqlite_url, "db", "upgrade").output
    bad = run(sqlite_url, "db", "upgrade", "nonsense")
    assert bad.exit_code == 1
    assert "Can't locate revision identified by 'nonsense'; nothing was changed" in bad.output


def test_db_commands_on_a_database_made_before_migrations(sqlite_url):
    build_previous_release(sqlite_url)
    done = run(sqlite_url, "db", "current")
    assert "Revision: none recorded (made before migrations); its tables match 0002_accounts." in (
        done.output
    )
    assert [line.split()[1] for line in run(sqlite_url, "db", "history").output.splitlines()] == [
        "applied", "current", "pending", "pending", "pending", "pending", "pending",
    ]  # fmt: skip
    done = run(sqlite_url, "db", "upgrade")
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[1:3] == [
        "Made before migrations: its tables match revision 0002_accounts, now recorded as such.",
        f"Schema upgraded from 0002_accounts to {HEAD}.",
    ]
    done = run(sqlite_url, "init-db")
    assert done.exit_code == 0, done.output
    assert "No observations loaded: the database already holds data." in done.output
    assert run(sqlite_url, "export").output.count("ECO-TRADE") == 3


def test_commands_refuse_a_schema_this_version_does_not_know(sqlite_url):
    assert run(sqlite_url, "init-db", "--empty").exit_code == 0
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    done = run(sqlite_url, "export")
    assert done.exit_code == 2
    assert "at revision 0099_from_the_future, which this version of the tracker does not know" in (
        done.output
    )
    assert "unknown to this version" in run(sqlite_url, "db", "current").output
    assert run(sqlite_url, "db", "upgrade").exit_code == 1


def test_commands_refuse_a_schema_behind_this_version(sqlite_url, monkeypatch):
    assert run(sqlite_url, "init-db", "--empty").exit_code == 0
    behind = migrate.Status(head="0005_next", current=HEAD)
    monkeypatch.setattr(migrate, "status", lambda target: behind)
    done = run(sqlite_url, "export")
    assert done.exit_code == 2
    assert done.output == (
        f"Error: the database schema is at revision {HEAD}; this version needs 0005_next: "
        "run `dashboard db upgrade`\n"
    )


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_db_upgrade_on_postgresql_through_the_command_line(database_url):
    build_previous_release(database_url)
    done = run(database_url, "db", "upgrade")
    assert done.exit_code == 0, done.output
    assert f"Schema upgraded from 0002_accounts to {HEAD}." in done.output
    assert differences(database_url) == []
    assert "(head, up to date)" in run(database_url, "db", "current").output


def test_0007_adds_the_notice_triggers_on_postgresql_only_and_takes_them_away(database_url):
    """The triggers that tell the workers of a data change (dashboard/store/version.py)."""
    from sqlalchemy import create_engine, text

    assert run(database_url, "db", "upgrade").exit_code == 0
    engine = create_engine(database_url)
    query = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%notify_data_changed'"
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            assert conn.execute(text(query)).scalar() == 2
        assert migrate.downgrade(database_url, KEPT_ANSWERS) == KEPT_ANSWERS
        with engine.connect() as conn:
            assert conn.execute(text(query)).scalar() == 0
    else:
        with engine.connect() as conn:
            types = conn.execute(text("SELECT DISTINCT type FROM sqlite_master")).scalars()
            assert "trigger" not in set(types)
    engine.dispose()
