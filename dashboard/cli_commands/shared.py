"""What several commands need: a database known to be ready, its store, and the audit trail.

Kept apart from ``dashboard.cli`` so that the command modules can import it without importing
the entry point (which, run as ``python -m dashboard.cli``, would load a second copy of it).
Heavy modules (SQLAlchemy, the store, Flask for the audit) are imported inside the functions:
``dashboard --help`` must start fast.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from .. import config
from ..i18n import t

if TYPE_CHECKING:
    from ..store.repository import Store


def require_initialised(lang: str = "en") -> str:
    """The database URL, once it is known that ``init-db`` made it; else exit 2 saying so.

    Every command but ``init-db`` (and ``users add``, which creates the schema it needs) starts
    here, so none creates an empty SQLite file or fails on a missing table.
    """
    from ..store.engine import default_database_url
    from ..store.repository import is_initialised

    url = default_database_url()
    if not is_initialised(url):
        click.echo(t("cli.not_initialised", lang), err=True)
        sys.exit(2)
    require_schema_up_to_date(url)
    return url


def require_schema_up_to_date(url: str) -> None:
    """Exit 2 if the schema is not the one this version uses (a migration not yet run)."""
    from ..store import migrate

    try:
        state = migrate.status(url)
    except migrate.MigrationError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    if state.unknown:
        click.echo(
            f"Error: the database schema is at revision {state.current}, which this version of "
            "the tracker does not know (a newer version migrated it).",
            err=True,
        )
        sys.exit(2)
    if not state.up_to_date:
        click.echo(
            f"Error: the database schema is at revision {state.revision}; this version needs "
            f"{state.head}: run `dashboard db upgrade`",
            err=True,
        )
        sys.exit(2)


def shown_url(url: str) -> str:
    """The database URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def open_store(lang: str = "en", *, check: bool = True) -> Store:
    """The store of the configured database; with ``check``, only once it is ready to use."""
    from ..store.repository import Store

    return Store.from_url(require_initialised(lang) if check else None)


def warm_views() -> None:
    """Build the busiest views for the new data, so no viewer waits for them (a running
    server reads them from the database); ``DASHBOARD_WARM_VIEWS=0`` skips it."""
    if not config.warm_views():
        return
    from ..store.engine import default_database_url
    from ..web.warm import warm_views_of

    warm_views_of(default_database_url())


def cli_user() -> str:
    """Who runs the command, when no ``--user`` says: ``$USER``, else ``cli``."""
    return os.environ.get("USER") or "cli"


def audit_event(event: str, user: str | None = None, **fields: object) -> None:
    """One audit line for a command (address ``cli``; never a password)."""
    from ..audit import audit

    audit(event, user=user or cli_user(), **fields)
