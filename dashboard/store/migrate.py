"""Schema migrations (Alembic), run from code: the one way the schema changes.

``dashboard init-db`` (through :meth:`Store.create_schema`) and ``dashboard db upgrade`` call
:func:`upgrade`; ``dashboard db current`` and ``db history`` read :func:`status` and
:func:`history`. The migration environment is the folder ``migrations/`` beside this module
(``env.py``, ``script.py.mako``, ``versions/``); there is no alembic.ini: the ``Config`` is
built here and env.py is handed the connection to migrate (``config.attributes``).

Every migration runs in one transaction holding the database's write lock (as
:func:`.engine.write_transaction` does), so two processes upgrading at once take turns and a
failed migration leaves the database as it was. On SQLite foreign keys are switched off for the
migration, as Alembic's batch mode needs to copy a table, and checked before it commits.

Databases made before migrations existed (``create_all`` and hand-written ALTERs, no
``alembic_version`` table) are *adopted*: recognised by their tables and columns, stamped with
the revision they match, then upgraded. Every migration so far only adds tables and columns:
no upgrade deletes or rewrites a row.

A developer writes the next migration with :func:`new_revision` (autogenerate against a database
at head), then reviews it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.engine import make_url

from .engine import make_engine
from .legacy_adoption import adopt, recognise
from .migration_results import MigrationError, Status, Step, Upgrade
from .migration_transaction import migrating

__all__ = [
    "MIGRATIONS",
    "MigrationError",
    "Status",
    "Step",
    "Upgrade",
    "current",
    "head",
    "history",
    "migrating",
    "new_revision",
    "status",
    "upgrade",
]

#: The migration environment: env.py, script.py.mako and versions/.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None, location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(location or MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def _script(location: Path | None = None) -> ScriptDirectory:
    return ScriptDirectory.from_config(_config(location=location))


def head() -> str:
    """The newest revision: the schema this version of the tracker uses."""
    found = _script().get_current_head()
    assert found is not None, "no migrations"
    return found


def _absent(url: str) -> bool:
    """A SQLite file that does not exist or is empty: looking must not create it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return False
    path = Path(parsed.database)
    return not path.is_file() or path.stat().st_size == 0


@contextmanager
def _engine(target: Engine | str) -> Iterator[Engine]:
    if isinstance(target, Engine):
        yield target
        return
    engine = make_engine(str(target))
    try:
        yield engine
    finally:
        engine.dispose()


def _recorded(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _has_version_table(conn: Connection) -> bool:
    return inspect(conn).has_table("alembic_version")


def upgrade(target: Engine | str, revision: str = "head") -> Upgrade:
    """Migrate the database at ``target`` (an engine or URL) to ``revision``.

    An empty database gets the whole schema; one made before migrations is adopted first.
    Running it again is a no-op. Raises :class:`MigrationError` if it cannot be done (nothing
    is changed then).
    """
    with _engine(target) as engine:
        try:
            with migrating(engine) as conn:
                config = _config(conn)
                before = _recorded(conn)
                adopted = adopt(conn, config) if before is None else None
                command.upgrade(config, revision)
                after = _recorded(conn)
        except CommandError as exc:
            raise MigrationError(f"{exc}; nothing was changed") from exc
    return Upgrade(before=before, adopted=adopted, after=after)


def downgrade(target: Engine | str, revision: str) -> str | None:
    """Migrate back to ``revision`` (for development and tests: not offered to operators,
    as it drops columns and tables the audit trail keeps). Returns the revision now."""
    with _engine(target) as engine:
        try:
            with migrating(engine) as conn:
                config = _config(conn)
                command.downgrade(config, revision)
                return _recorded(conn)
        except CommandError as exc:
            raise MigrationError(f"{exc}; nothing was changed") from exc


def status(target: Engine | str) -> Status:
    """Where the schema of the database at ``target`` stands; creates and changes nothing."""
    script = _script()
    newest = script.get_current_head()
    assert newest is not None, "no migrations"
    if isinstance(target, str) and _absent(target):
        return Status(head=newest, exists=False)
    with _engine(target) as engine, engine.connect() as conn:
        if _has_version_table(conn):
            recorded = _recorded(conn)
            unknown = recorded is not None and not _known(script, recorded)
            return Status(head=newest, current=recorded, unknown=unknown)
        return Status(head=newest, unstamped=recognise(conn))


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def current(target: Engine | str) -> str | None:
    """The revision recorded in the database (None: none, or no database)."""
    return status(target).current


def history(target: Engine | str | None = None) -> list[Step]:
    """Every migration, oldest first; with ``target``, which of them the database has."""
    script = _script()
    state = status(target) if target is not None else None
    at = state.revision if state is not None and not state.unknown else None
    applied = {s.revision for s in script.iterate_revisions(at, "base")} if at else set()
    steps = [
        Step(
            revision=s.revision,
            down_revision=s.down_revision,  # type: ignore[arg-type]
            message=s.doc,
            applied=s.revision in applied,
            current=s.revision == at,
            head=s.is_head,
        )
        for s in script.walk_revisions()
    ]
    return steps[::-1]


def new_revision(message: str, target: Engine | str, *, location: Path | None = None) -> Path:
    """Write the next migration, autogenerated by comparing ``schema.metadata`` with the
    database at ``target`` (which must be at head), as ``versions/NNNN_slug.py``. Review it
    (autogenerate misses renames and data moves), run ``ruff format`` and ``ruff check --fix``
    on it, and add a test to tests/test_migrations.py."""
    script = _script(location)
    number = len(list(script.walk_revisions())) + 1
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")
    rev_id = f"{number:04d}_{slug}"[:32].rstrip("_")
    with _engine(target) as engine, migrating(engine) as conn:
        config = _config(conn, location)
        config.set_main_option("file_template", "%%(rev)s")
        state = _recorded(conn)
        if state != script.get_current_head():
            raise MigrationError(f"the database is at {state}, not head: upgrade it first")
        written = command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
    assert written is not None and not isinstance(written, list)
    return Path(written.path)
