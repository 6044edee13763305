"""The store against a real SQLite file and a real PostgreSQL server, identically."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import until
from sqlalchemy import func, select, text

from dashboard.core.changes import ADDED, REPLACED, UNCHANGED
from dashboard.services.seed import DATA_DIR, init_db, load_catalogue
from dashboard.store import schema
from dashboard.store.repository import OBSERVATION_COLUMNS, RevisionMeta, RollbackConflict, Store


def rows(*records: tuple) -> pd.DataFrame:
    """Observation rows: (indicator_id, period, basis, value[, source[, note]])."""
    out = []
    for record in records:
        indicator_id, period, basis, value, *rest = record
        out.append(
            {
                "indicator_id": indicator_id,
                "period": period,
                "basis": basis,
                "value": float(value),
                "source": rest[0] if rest else "test",
                "note": rest[1] if len(rest) > 1 else None,
                "confidence": None,
                "illustrative": False,
            }
        )
    return pd.DataFrame(out, columns=OBSERVATION_COLUMNS)


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_init_db_loads_catalogue_and_published_data(seeded_store):
    catalogue = seeded_store.indicators()
    assert list(catalogue["indicator_id"]) == list(load_catalogue()["indicator_id"])
    assert len(catalogue) == 15
    current = seeded_store.current_observations()
    shipped = pd.read_csv(DATA_DIR / "observations.csv", dtype=str, keep_default_na=False)
    assert len(current) == len(shipped)
    revisions = seeded_store.revisions().iloc[::-1]  # oldest first
    assert list(revisions["action"]) == ["seed"] * 3
    assert list(revisions["dataset"]) == ["observations", "reach", "destinations"]
    assert list(revisions["file_name"]) == [
        "observations.csv",
        "corridor_reach.csv",
        "destinations.csv",
    ]
    assert set(revisions["user_name"]) == {"init-db"}
    assert not current["illustrative"].any()


def test_init_db_twice_changes_nothing(seeded_store):
    before = seeded_store.observation_history()
    report = init_db(seeded_store)
    assert report.revision_id is None
    assert "already holds data" in report.skipped_reason
    pd.testing.assert_frame_equal(seeded_store.observation_history(), before)
    assert len(seeded_store.indicators()) == 15


def test_init_db_empty_has_catalogue_only(empty_store):
    assert len(empty_store.indicators()) == 15
    assert empty_store.current_observations().empty
    assert empty_store.data_version() == 0


def test_init_db_demo_loads_only_illustrative_rows(database_url):
    store = Store.from_url(database_url)
    report = init_db(store, demo=True)
    current = store.current_observations()
    assert report.rows == len(current) > 100
    assert current["illustrative"].all()
    assert current["source"].str.contains("ILLUSTRATIVE").all()


def test_apply_counts_added_replaced_unchanged(empty_store):
    first = empty_store.apply(
        rows(("ECO-TRADE", "2024", "annual", 715.42), ("ECO-TRADE", "2025", "annual", 800.68)),
        RevisionMeta(user_name="alice", file_name="a.csv", sha256="a" * 64),
    )
    assert (first.revision_id, first.added, first.replaced, first.unchanged) == (1, 2, 0, 0)
    second = empty_store.apply(
        rows(
            ("ECO-TRADE", "2024", "annual", 715.42),  # unchanged
            ("ECO-TRADE", "2025", "annual", 801.0),  # replaced
            ("ECO-FDI", "2020", "annual", 10.272),  # added
        ),
        RevisionMeta(user_name="bob", file_name="b.csv", sha256="b" * 64),
    )
    assert (second.revision_id, second.added, second.replaced, second.unchanged) == (2, 1, 1, 1)
    keys = second.diff["period"] + second.diff["indicator_id"]
    changes = dict(zip(keys, second.diff["change"], strict=True))
    assert changes == {"2024ECO-TRADE": UNCHANGED, "2025ECO-TRADE": REPLACED, "2020ECO-FDI": ADDED}
    current = empty_store.current_observations().set_index(["indicator_id", "period"])
    assert current.loc[("ECO-TRADE", "2025"), "value"] == 801.0
    assert current.loc[("ECO-TRADE", "2025"), "revision_id"] == 2
    assert current.loc[("ECO-TRADE", "2024"), "revision_id"] == 1


def test_observations_are_never_updated_in_place(empty_store):
    meta = RevisionMeta(user_name="alice")
    empty_store.apply(rows(("ECO-TRADE", "2025", "annual", 800.0)), meta)
    empty_store.apply(rows(("ECO-TRADE", "2025", "annual", 900.0)), meta)
    history = empty_store.observation_history("ECO-TRADE")
    assert list(history["value"]) == [800.0, 900.0]
    assert list(history["revision_id"]) == [1, 2]
    assert count(empty_store, schema.observations) == 2


def test_a_change_of_source_alone_replaces(empty_store):
    meta = RevisionMeta(user_name="alice")
    empty_store.apply(rows(("ECO-TRADE", "2025", "annual", 800.0, "old source")), meta)
    result = empty_store.apply(rows(("ECO-TRADE", "2025", "annual", 800.0, "new source")), meta)
    assert result.replaced == 1
    assert empty_store.current_observations().iloc[0]["source"] == "new source"


def test_nothing_written_when_nothing_changes(seeded_store):
    before = (count(seeded_store, schema.revisions), count(seeded_store, schema.observations))
    current = seeded_store.current_observations()
    result = seeded_store.apply(current[OBSERVATION_COLUMNS], RevisionMeta(user_name="x"))
    assert result.revision_id is None
    assert result.unchanged == len(current)
    after = (count(seeded_store, schema.revisions), count(seeded_store, schema.observations))
    assert after == before


def test_dry_run_writes_nothing(empty_store):
    result = empty_store.apply(
        rows(("ECO-TRADE", "2025", "annual", 800.0)), RevisionMeta(user_name="x"), dry_run=True
    )
    assert result.added == 1 and result.revision_id is None
    assert count(empty_store, schema.revisions) == 0
    assert count(empty_store, schema.observations) == 0


def test_failed_write_rolls_back_the_whole_revision(empty_store):
    bad = rows(("ECO-TRADE", "2025", "annual", 800.0), ("NOT-IN-CATALOGUE", "2025", "annual", 1.0))
    with pytest.raises(Exception):  # noqa: B017 - the foreign key refuses, whatever the driver
        empty_store.apply(bad, RevisionMeta(user_name="x"))
    assert count(empty_store, schema.revisions) == 0
    assert count(empty_store, schema.observations) == 0


def test_revision_records_who_what_and_the_raw_file(empty_store):
    meta = RevisionMeta(
        user_name="alice", file_name="q3.csv", sha256="c" * 64, raw_file=b"indicator_id,..."
    )
    result = empty_store.apply(rows(("ECO-TRADE", "2025", "annual", 800.0)), meta)
    revision = empty_store.revisions().iloc[0]
    assert revision["revision_id"] == result.revision_id
    assert (revision["user_name"], revision["file_name"], revision["sha256"]) == (
        "alice",
        "q3.csv",
        "c" * 64,
    )
    assert (revision["rows_total"], revision["added"], revision["status"]) == (1, 1, "committed")
    assert revision["created_at"] is not None
    assert empty_store.raw_file(result.revision_id) == b"indicator_id,..."
    assert empty_store.revision_with_sha("c" * 64) == result.revision_id


def test_progress_is_cached_per_data_version(seeded_store):
    first = seeded_store.progress()
    assert first.attrs["as_of"] == "2025Q4"
    trade = first.set_index("indicator_id").loc["ECO-TRADE"]
    assert trade["status"] == "regressing"
    seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 1200.0)), RevisionMeta(user_name="x"))
    after = seeded_store.progress().set_index("indicator_id").loc["ECO-TRADE"]
    assert after["status"] == "achieved"
    assert after["latest_value"] == 1200.0


def test_progress_pillar_filter(seeded_store):
    logistics = seeded_store.progress(pillar="logistics")
    assert set(logistics["pillar"]) == {"logistics"}
    assert len(logistics) == 5


def test_cache_token_is_stable_and_changes_with_data_or_catalogue(seeded_store):
    token = seeded_store.cache_token()
    assert seeded_store.cache_token() == token  # missing values must not make it unstable
    seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 900.0)), RevisionMeta(user_name="x"))
    after_upload = seeded_store.cache_token()
    assert after_upload != token
    catalogue = load_catalogue()
    catalogue.loc[catalogue["indicator_id"] == "ECO-TRADE", "target_value"] = 1200.0
    seeded_store.upsert_catalogue(catalogue)
    assert seeded_store.cache_token() != after_upload


def test_memoize_reuses_a_view_until_the_data_changes(seeded_store):
    calls = []

    def build():
        calls.append(1)
        return seeded_store.progress().set_index("indicator_id").loc["ECO-TRADE", "latest_value"]

    assert seeded_store.memoize(("trade",), build) == 800.68
    assert seeded_store.memoize(("trade",), build) == 800.68
    assert len(calls) == 1
    seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 900.0)), RevisionMeta(user_name="x"))
    assert seeded_store.memoize(("trade",), build) == 900.0
    assert len(calls) == 2


def test_revision_changes_show_old_and_new_values(seeded_store):
    result = seeded_store.apply(
        rows(("ECO-TRADE", "2025", "annual", 900.0), ("ECO-FDI", "2025", "annual", 12.0)),
        RevisionMeta(user_name="alice"),
    )
    changes = seeded_store.revision_changes(result.revision_id).set_index("indicator_id")
    assert changes.loc["ECO-TRADE", "change"] == "replaced"
    assert (changes.loc["ECO-TRADE", "old_value"], changes.loc["ECO-TRADE", "new_value"]) == (
        800.68,
        900.0,
    )
    assert changes.loc["ECO-FDI", "change"] == "added"
    assert pd.isna(changes.loc["ECO-FDI", "old_value"])


def test_rollback_restores_earlier_values_and_deletes_nothing(seeded_store):
    before = seeded_store.current_observations()
    upload = seeded_store.apply(
        rows(("ECO-TRADE", "2025", "annual", 900.0), ("ECO-FDI", "2025", "annual", 12.0)),
        RevisionMeta(user_name="alice"),
    )
    history_rows = count(seeded_store, schema.observations)
    undo = seeded_store.rollback(upload.revision_id, "admin")
    assert undo.revision_id == upload.revision_id + 1
    assert (undo.replaced, undo.rows_total) == (1, 2)  # one value restored, one withdrawn
    after = seeded_store.current_observations()
    pd.testing.assert_frame_equal(
        after.drop(columns="revision_id").reset_index(drop=True),
        before.drop(columns="revision_id").reset_index(drop=True),
    )
    assert count(seeded_store, schema.observations) == history_rows + 2  # appended, not deleted
    revisions = seeded_store.revisions().set_index("revision_id")
    assert revisions.loc[upload.revision_id, "status"] == "rolled_back"
    assert revisions.loc[undo.revision_id, "action"] == "rollback"
    assert revisions.loc[undo.revision_id, "rolls_back"] == upload.revision_id
    assert revisions.loc[undo.revision_id, "withdrawn"] == 1
    withdrawn = seeded_store.revision_changes(undo.revision_id).set_index("indicator_id")
    assert withdrawn.loc["ECO-FDI", "change"] == "withdrawn"


def test_rollback_refuses_when_a_later_revision_changed_the_same_values(seeded_store):
    first = seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 900.0)), RevisionMeta("a"))
    second = seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 950.0)), RevisionMeta("b"))
    before = count(seeded_store, schema.observations)
    with pytest.raises(RollbackConflict, match=f"revision\\(s\\) {second.revision_id}"):
        seeded_store.rollback(first.revision_id, "admin")
    assert count(seeded_store, schema.observations) == before
    seeded_store.rollback(second.revision_id, "admin")
    seeded_store.rollback(first.revision_id, "admin")
    trade = seeded_store.current_observations().set_index(["indicator_id", "period"])
    assert trade.loc[("ECO-TRADE", "2025"), "value"] == 800.68


def test_rolling_back_a_rollback_redoes_the_upload(seeded_store):
    upload = seeded_store.apply(rows(("ECO-TRADE", "2025", "annual", 900.0)), RevisionMeta("a"))
    undo = seeded_store.rollback(upload.revision_id, "admin")
    seeded_store.rollback(undo.revision_id, "admin")
    trade = seeded_store.current_observations().set_index(["indicator_id", "period"])
    assert trade.loc[("ECO-TRADE", "2025"), "value"] == 900.0


def test_accounts_hash_passwords_and_lock_after_five_failures(empty_store):
    from dashboard.store.accounts import MAX_FAILURES, AccountError

    accounts = empty_store.accounts
    accounts.add("li.wei", "correct horse battery", "staff")
    with pytest.raises(AccountError):
        accounts.add("li.wei", "another long password", "staff")
    with pytest.raises(AccountError):
        accounts.add("short", "short", "staff")
    listed = accounts.list()
    assert "password_hash" not in listed.columns and list(listed["role"]) == ["staff"]
    assert accounts.verify("li.wei", "correct horse battery").user.role == "staff"
    for _ in range(MAX_FAILURES - 1):
        assert accounts.verify("li.wei", "wrong").reason == "invalid"
    assert accounts.verify("li.wei", "wrong").reason == "locked"
    assert accounts.verify("li.wei", "correct horse battery").reason == "locked"
    accounts.disable("li.wei")
    assert accounts.verify("nobody", "x").reason == "invalid"


@pytest.mark.postgres
def test_the_token_leaves_no_transaction_open_and_outlives_a_dropped_connection(postgres):
    """On PostgreSQL the token is read in autocommit through a pool of its own (one round trip
    instead of three); a connection the server dropped is replaced, not reported as an error."""
    from dashboard.store.version import data_token

    store = Store.from_url(postgres.database())
    init_db(store)
    token = data_token(store.engine)
    with store.engine.connect() as watcher:
        sessions = watcher.execute(
            text(
                "SELECT pid, state FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).all()
        assert sessions and all(state == "idle" for _, state in sessions), sessions
        for pid, _ in sessions:  # the server drops every other connection, the token's too
            watcher.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert data_token(store.engine) == token
    store.engine.dispose()


@pytest.mark.postgres
def test_on_postgresql_a_worker_reads_the_token_only_after_a_change_is_notified(
    postgres, monkeypatch
):
    """Two workers on one database: the second keeps its token between changes (no read per
    request) and sees the first one's upload as soon as PostgreSQL delivers the notice."""
    from dashboard.store import version

    url = postgres.database()
    writer, reader = Store.from_url(url), Store.from_url(url)
    init_db(writer)
    reads = []
    real_read = version._read_token
    monkeypatch.setattr(version, "_read_token", lambda e: reads.append(e) or real_read(e))
    version.data_token(reader.engine)  # starts the reader's listener
    listener = version._LISTENERS[reader.engine]
    until(lambda: listener.listening)
    before = version.data_token(reader.engine)
    reads.clear()
    assert {version.data_token(reader.engine) for _ in range(50)} == {before}
    assert reads == []  # fifty requests, no read
    writer.apply(rows(("ECO-TRADE", "2025", "annual", 901.0)), RevisionMeta(user_name="x"))
    until(lambda: version.data_token(reader.engine) != before, timeout=5)
    after = version.data_token(reader.engine)
    assert after == version._read_token(writer.engine) and len(reads) <= 3
    # the server drops the listening connection: reads per request meanwhile, then listens again
    with writer.engine.connect() as admin:
        admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": version.LISTENER_NAME},
        )
    until(lambda: not listener.listening)
    writer.apply(rows(("ECO-TRADE", "2025", "annual", 902.0)), RevisionMeta(user_name="x"))
    assert version.data_token(reader.engine) == version._read_token(writer.engine) != after
    until(lambda: listener.listening)
    writer.engine.dispose()
    reader.engine.dispose()
    until(lambda: not listener._thread.is_alive(), timeout=5)
