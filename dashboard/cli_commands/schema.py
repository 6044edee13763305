"""``dashboard db``: the schema's migrations (upgrade, current, history).

These commands must work on a database that is empty, made before migrations or migrated by a
newer version, so unlike the others they do not start by checking that the database is ready.
"""

from __future__ import annotations

import click

from .shared import shown_url


@click.group("db")
def db_group() -> None:
    """The database schema: its migrations (upgrade, current, history)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the schema to REVISION (default: head, the newest).

    An empty database gets the whole schema; a database made before migrations is recognised
    and recorded first. Never deletes a row. Loads no data: `dashboard init-db` (which also
    upgrades the schema) loads the catalogue and the shipped data.
    """
    from ..store import migrate
    from ..store.engine import default_database_url
    from ..store.repository import is_initialised

    url = default_database_url()
    try:
        done = migrate.upgrade(url, revision)
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {shown_url(url)}")
    if done.adopted:
        click.echo(
            f"Made before migrations: its tables match revision {done.adopted}, "
            "now recorded as such."
        )
    if done.changed:
        start = done.before or done.adopted or "an empty database"
        click.echo(f"Schema upgraded from {start} to {done.after}.")
    else:
        click.echo(f"Schema at revision {done.after}: nothing to do.")
    if not is_initialised(url):
        click.echo("No catalogue yet: run `dashboard init-db` to load it and the shipped data.")


@db_group.command("current")
def db_current() -> None:
    """Show the schema's revision and whether a migration is pending (changes nothing)."""
    from ..store import migrate
    from ..store.engine import default_database_url

    url = default_database_url()
    try:
        state = migrate.status(url)
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {shown_url(url)}")
    if state.unknown:
        click.echo(
            f"Revision: {state.current}, unknown to this version of the tracker "
            f"(its newest is {state.head}; a newer version migrated the database)."
        )
    elif state.revision is None:
        click.echo(
            "Revision: none, no schema yet: run `dashboard init-db` (or `dashboard db upgrade`)."
        )
    elif state.current is None:
        click.echo(
            f"Revision: none recorded (made before migrations); its tables match "
            f"{state.unstamped}. `dashboard db upgrade` records it"
            + (" and upgrades it." if not state.up_to_date else ".")
        )
    elif state.up_to_date:
        click.echo(f"Revision: {state.current} (head, up to date).")
    else:
        click.echo(
            f"Revision: {state.current}; the newest is {state.head}: run `dashboard db upgrade`."
        )


@db_group.command("history")
def db_history() -> None:
    """List the migrations, oldest first, and which of them the database has."""
    from ..store import migrate
    from ..store.engine import default_database_url

    try:
        steps = migrate.history(default_database_url())
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    width = max(len(step.revision) for step in steps)
    for step in steps:
        state = "current" if step.current else "applied" if step.applied else "pending"
        head = " (head)" if step.head else ""
        click.echo(f"{step.revision:{width}}  {state:7}  {step.message}{head}")
