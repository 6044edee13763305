"""Adopting databases made before migrations existed: recognise their revision, stamp it."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, inspect, text

from .migration_results import MigrationError

#: The tables a database made before migrations holds at each revision it can match. Frozen:
#: only databases that ``create_all`` made before migrations existed are recognised this way.
LEGACY_TABLES = {
    "0001_foundation": frozenset({"indicators", "revisions", "observations"}),
    "0002_accounts": frozenset({"indicators", "revisions", "observations", "users"}),
    "0003_corridors": frozenset(
        {"indicators", "revisions", "observations", "users", "reach_snapshots", "destinations"}
    ),
}
LEGACY_TABLES["0004_as_written"] = LEGACY_TABLES["0003_corridors"]

#: An index of the very first schema (commit 30b9b9a), removed from schema.py the same day
#: (8c5215a) but never from the databases ``create_all`` had made: it duplicates the index of
#: ``uq_observation_per_revision``. Adoption drops it, so every database ends alike.
LEGACY_INDEX = ("observations", "ix_observations_revision")


def recognise(conn: Connection) -> str | None:
    """The revision a database made before migrations matches (None: it has none of our
    tables). Raises :class:`MigrationError` when it matches none."""
    found = inspect(conn)
    known = set().union(*LEGACY_TABLES.values())
    tables = set(found.get_table_names()) & known
    if not tables:
        return None
    if {"revisions", "observations"} <= tables:
        dataset = "dataset" in {c["name"] for c in found.get_columns("revisions")}
        as_written = "as_written" in {c["name"] for c in found.get_columns("observations")}
    else:
        dataset = as_written = False
    if as_written and dataset:
        revision = "0004_as_written"
    elif dataset and not as_written:
        revision = "0003_corridors"
    elif not dataset and not as_written:
        revision = "0002_accounts" if "users" in tables else "0001_foundation"
    else:
        revision = None
    if revision is None or tables != LEGACY_TABLES[revision]:
        columns = ", ".join(
            name for name, has in (("dataset", dataset), ("as_written", as_written)) if has
        )
        raise MigrationError(
            "the database has no alembic_version table and its schema matches no known "
            f"revision (tables: {', '.join(sorted(tables))}; columns added since: "
            f"{columns or 'none'}); nothing was changed"
        )
    return revision


def adopt(conn: Connection, config: Config) -> str | None:
    """Stamp a database made before migrations with the revision it matches."""
    revision = recognise(conn)
    if revision is None:
        return None
    table, index = LEGACY_INDEX
    if index in {i["name"] for i in inspect(conn).get_indexes(table)}:
        conn.execute(text(f"DROP INDEX {index}"))
    command.stamp(config, revision)
    return revision
