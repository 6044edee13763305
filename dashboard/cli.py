"""The ``dashboard`` command: init-db, db, import, export, briefing, serve."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import config
from .i18n import LANGUAGES, t

__all__ = ["main"]

#: The web upload is limited to a few MB; a file on the server's own disk may be larger.
CLI_MAX_BYTES = 2 * 1024**3


#: Warnings listed by `dashboard import`; the rest are counted.
WARNINGS_SHOWN = 100


def _require_initialised(lang: str = "en") -> str:
    """The database URL, once it is known that ``init-db`` made it; else exit 2 saying so.

    Every command but ``init-db`` (and ``users add``, which creates the schema it needs) starts
    here, so none creates an empty SQLite file or fails on a missing table.
    """
    from .store.engine import default_database_url
    from .store.repository import is_initialised

    url = default_database_url()
    if not is_initialised(url):
        click.echo(t("cli.not_initialised", lang), err=True)
        sys.exit(2)
    _require_schema_up_to_date(url)
    return url


def _require_schema_up_to_date(url: str) -> None:
    """Exit 2 if the schema is not the one this version uses (a migration not yet run)."""
    from .store import migrate

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


def _shown_url(url: str) -> str:
    """The database URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _store(lang: str = "en", *, check: bool = True):
    from .store.repository import Store

    return Store.from_url(_require_initialised(lang) if check else None)


@click.group(help="Vision 2027 Tracker: Chongqing's inland open economy toward its 2027 targets.")
@click.version_option(package_name="dashboard")
def main() -> None:
    from .audit import configure

    configure(default_stderr=False)  # audit lines go to DASHBOARD_AUDIT_LOG when it is set


@main.command("init-db")
@click.option("--empty", is_flag=True, help="Schema and catalogue only, no observations.")
@click.option("--demo", is_flag=True, help="Load the ILLUSTRATIVE demo data instead of real data.")
def init_db_command(empty: bool, demo: bool) -> None:
    """Create the schema, load the catalogue and the shipped data (safe to run twice)."""
    from .services.seed import SeedError, init_db
    from .store.engine import default_database_url

    if empty and demo:
        raise click.UsageError("--empty and --demo exclude each other")
    store = _store(check=False)
    try:
        report = init_db(store, empty=empty, demo=demo)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {_shown_url(default_database_url())}")
    click.echo(f"Catalogue: {report.indicators} indicators.")
    if report.revision_id is not None:
        kind = "ILLUSTRATIVE demo" if demo else "published"
        click.echo(f"Loaded {report.rows} {kind} observations as revision {report.revision_id}.")
    else:
        click.echo(f"No observations loaded: {report.skipped_reason}.")
    labels = {"reach": "corridor reach snapshots", "destinations": "corridor destinations"}
    for dataset, (revision, rows) in (report.corridor_revisions or {}).items():
        click.echo(f"Loaded {rows} {labels[dataset]} as revision {revision}.")


@main.group("db")
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
    from .store import migrate
    from .store.engine import default_database_url
    from .store.repository import is_initialised

    url = default_database_url()
    try:
        done = migrate.upgrade(url, revision)
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {_shown_url(url)}")
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
    from .store import migrate
    from .store.engine import default_database_url

    url = default_database_url()
    try:
        state = migrate.status(url)
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {_shown_url(url)}")
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
    from .store import migrate
    from .store.engine import default_database_url

    try:
        steps = migrate.history(default_database_url())
    except migrate.MigrationError as exc:
        raise click.ClickException(str(exc)) from exc
    width = max(len(step.revision) for step in steps)
    for step in steps:
        state = "current" if step.current else "applied" if step.applied else "pending"
        head = " (head)" if step.head else ""
        click.echo(f"{step.revision:{width}}  {state:7}  {step.message}{head}")


def _problem_table(problems, lang: str) -> str:
    headers = [t(f"column.{c}", lang) for c in ("row", "column", "value", "problem")]
    rows = [
        [
            str(p.row) if p.row else t("column.file", lang),
            p.column or "",
            (p.value[:40] + "…") if len(p.value) > 40 else p.value,
            p.message(lang),
        ]
        for p in problems
    ]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(3)]
    lines = []
    for r in [headers, *rows]:
        lines.append(
            "  ".join(str(c).ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
        )
    return "\n".join(lines)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and show what would change; write nothing.")
@click.option("--user", "user_name", default=None, help="Who is importing (default: $USER).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", help="Language of messages.")
@click.option(
    "--dataset",
    type=click.Choice(["observations", "reach", "destinations"]),
    default="observations",
    show_default=True,
    help="What the file holds: quarterly figures, corridor reach snapshots or destinations.",
)
def import_command(
    file: Path, dry_run: bool, user_name: str | None, strict: bool, lang: str, dataset: str
) -> None:
    """Import a data file (CSV or XLSX): all of it, or nothing."""
    from .services.imports import commit_import, prepare_import

    store = _store(lang)
    prepared = prepare_import(
        store,
        file.read_bytes(),
        file.name,
        max_bytes=CLI_MAX_BYTES,
        preview=dry_run,
        dataset=dataset,
    )
    if not prepared.ok:
        click.echo(_problem_table(prepared.errors, lang), err=True)
        hidden = prepared.validation.error_count - len(prepared.errors)
        if hidden > 0:
            click.echo(t("problem.more", lang, count=hidden), err=True)
        click.echo(t("cli.rejected", lang, count=prepared.validation.error_count), err=True)
        sys.exit(1)
    if prepared.warnings:
        click.echo(t("cli.warnings", lang, count=prepared.validation.warning_count), err=True)
        # A screenful, not thousands of lines (a synthetic or bulk file can warn on every row).
        click.echo(_problem_table(prepared.warnings[:WARNINGS_SHOWN], lang), err=True)
        hidden = prepared.validation.warning_count - min(len(prepared.warnings), WARNINGS_SHOWN)
        if hidden > 0:
            click.echo(t("problem.more", lang, count=hidden), err=True)
        if strict:
            click.echo(t("cli.strict_refused", lang), err=True)
            sys.exit(1)
    preview = prepared.preview
    if dry_run:
        click.echo(t("cli.dry_run", lang, **preview.counts))
        return
    user = user_name or os.environ.get("USER") or "cli"
    result = commit_import(store, prepared, user)
    if result.revision_id is None:
        click.echo(t("cli.no_change", lang, unchanged=result.unchanged))
        if result.same_file_revision:
            click.echo(t("cli.same_file", lang, revision=result.same_file_revision))
        return
    click.echo(t("cli.imported", lang, revision=result.revision_id, **result.counts))
    _warm_views()


def _warm_views() -> None:
    """Build the busiest views for the new data, so no viewer waits for them (a running
    server reads them from the database); ``DASHBOARD_WARM_VIEWS=0`` skips it."""
    if not config.warm_views():
        return
    from .store.engine import default_database_url
    from .web.warm import warm_views_of

    warm_views_of(default_database_url())


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output for CSV).",
)
def export_command(fmt: str, output: Path | None) -> None:
    """Export the current observations in the import file's columns."""
    from .services.exports import export_frame, to_csv_bytes, to_xlsx_bytes

    store = _store()
    frame = export_frame(store.current_observations(), store.indicators())
    data = to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame)
    if output is None:
        if fmt == "xlsx":
            raise click.UsageError("--output is needed for xlsx")
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    click.echo(f"Wrote {len(frame)} observations to {output}", err=True)


@main.command("briefing")
@click.option(
    "--as-of", "as_of", default=None, help="Quarter, e.g. 2025Q3 (default: the newest with data)."
)
@click.option("--pillar", default=None, help="Only this pillar (logistics, platform, ...).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PDF file to write.",
)
def briefing_command(as_of: str | None, pillar: str | None, lang: str, output: Path) -> None:
    """Print the briefing (/briefing) to PDF with headless Chromium.

    Exits with status 2 when no Chromium is installed: the page /briefing can then be saved
    as PDF from any browser.
    """
    from .core.catalogue import PILLAR_IDS
    from .core.periods import PeriodError, parse_quarter, quarter_label
    from .services.briefing_pdf import ChromiumMissing, RenderError, find_chromium, render_briefing

    if as_of is not None:
        try:
            as_of = quarter_label(parse_quarter(as_of))
        except PeriodError as exc:
            raise click.BadParameter(str(exc), param_hint="--as-of") from exc
    if pillar is not None and pillar not in PILLAR_IDS:
        raise click.BadParameter(
            f"{pillar!r} is not one of: {', '.join(PILLAR_IDS)}", param_hint="--pillar"
        )
    _require_initialised(lang)
    try:
        chromium = find_chromium()
    except ChromiumMissing as exc:
        click.echo(t("briefing.cli.no_chromium", lang, detail=str(exc)), err=True)
        sys.exit(2)
    try:
        written = render_briefing(output, as_of=as_of, pillar=pillar, lang=lang, chromium=chromium)
    except RenderError as exc:
        raise click.ClickException(t("briefing.cli.failed", lang, detail=str(exc))) from exc
    click.echo(t("briefing.cli.written", lang, path=str(written), size=written.stat().st_size))


@main.group("users")
def users_group() -> None:
    """Accounts: staff upload, admins also roll back and manage users."""


@users_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["viewer", "staff", "admin"]), default="staff", show_default=True
)
def users_add(name: str, role: str) -> None:
    """Add a user; the password is prompted for (or read from standard input)."""
    from .store.accounts import AccountError

    password = _read_password()
    store = _store(check=False)  # a new database gets the schema it needs for accounts
    store.create_schema()
    try:
        user = store.accounts.add(name, password, role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit("user_added", name=user.name, role=user.role)
    click.echo(f"Added {user.name} ({user.role}).")


def _read_password() -> str:
    """Prompted twice on a terminal, else one line of standard input."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


def _cli_user() -> str:
    return os.environ.get("USER") or "cli"


def _audit(event: str, user: str | None = None, **fields) -> None:
    """One audit line for a command (address ``cli``; never a password)."""
    from .audit import audit

    audit(event, user=user or _cli_user(), **fields)


@users_group.command("passwd")
@click.argument("name")
def users_passwd(name: str) -> None:
    """Set a new password (prompted for, or read from standard input); every session of the
    user ends."""
    from .store.accounts import AccountError

    password = _read_password()
    try:
        _store().accounts.set_password(name, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit("user_password_changed", name=name)
    click.echo(f"Changed the password of {name}; their sessions have ended.")


@users_group.command("list")
def users_list() -> None:
    """List the users with their role and state."""
    frame = _store().accounts.list()
    if frame.empty:
        click.echo("No users.")
        return
    for row in frame.itertuples():
        state = "active" if row.active else "disabled"
        click.echo(f"{row.name:24} {row.role:7} {state:9} last login: {row.last_login or '-'}")


@users_group.command("disable")
@click.argument("name")
def users_disable(name: str) -> None:
    """Disable a user (the account and its history are kept)."""
    from .store.accounts import AccountError

    try:
        _store().accounts.disable(name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit("user_disabled", name=name)
    click.echo(f"Disabled {name}.")


@main.command("history")
@click.option("--revision", type=int, default=None, help="Show what one revision changed.")
def history_command(revision: int | None) -> None:
    """List every revision (newest first), or the changes of one."""
    store = _store()
    if revision is not None:
        changes = store.revision_changes(revision)
        if changes.empty:
            raise click.ClickException(f"revision {revision} has no rows")
        if "indicator_id" not in changes:  # a corridor revision: key, change, changed fields
            _echo_record_changes(changes)
            return
        for row in changes.itertuples():
            old = "-" if row.old_value != row.old_value or row.old_value is None else row.old_value
            new = "-" if row.change == "withdrawn" else row.new_value
            click.echo(f"{row.indicator_id:22} {row.period:7} {row.change:9} {old} -> {new}")
        return
    for row in store.revisions().itertuples():
        what = f"rollback of {int(row.rolls_back)}" if row.action == "rollback" else row.file_name
        click.echo(
            f"{row.revision_id:>5}  {row.created_at:%Y-%m-%d %H:%M}  {row.user_name:12} "
            f"{row.action:8} {row.status:11} +{row.added} ~{row.replaced} ={row.unchanged} "
            f"-{row.withdrawn}  {what or ''}"
        )


def _echo_record_changes(changes) -> None:
    """One line per corridor record: its key, the change, then each field as old -> new."""
    keys = [c for c in changes.columns if c != "change" and not c.startswith(("new_", "old_"))]
    fields = [c.removeprefix("new_") for c in changes.columns if c.startswith("new_")]

    from .core.values import is_missing

    def shown(value) -> str:
        if is_missing(value) or value == "":
            return "-"
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)

    for _, row in changes.iterrows():
        moved = [
            f"{field}: {shown(row[f'old_{field}'])} -> {shown(row[f'new_{field}'])}"
            for field in fields
            if row["change"] != "withdrawn"
            and shown(row[f"old_{field}"]) != shown(row[f"new_{field}"])
        ]
        key = " ".join(str(row[k]) for k in keys)
        click.echo(f"{key:30} {row['change']:9} " + "; ".join(moved))


@main.command("rollback")
@click.argument("revision", type=int)
@click.option("--user", "user_name", default=None, help="Who rolls back (default: $USER).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", help="Language of messages.")
def rollback_command(revision: int, user_name: str | None, lang: str) -> None:
    """Undo one revision by writing a new one that restores the earlier values."""
    from .store.repository import RollbackConflict

    user = user_name or os.environ.get("USER") or "cli"
    try:
        result = _store(lang).rollback(revision, user)
    except RollbackConflict as exc:
        raise click.ClickException(exc.message(lang)) from exc
    _audit("rollback", user=user, revision=revision, new_revision=result.revision_id)
    click.echo(
        f"Rolled back revision {revision} as revision {result.revision_id}: "
        f"{result.replaced} restored, {result.rows_total - result.replaced} withdrawn."
    )
    _warm_views()


@main.command("serve")
@click.option(
    "--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default="127.0.0.1"
)
@click.option(
    "--port", default=lambda: int(os.environ.get("PORT", "8050")), type=int, show_default="8050"
)
@click.option("--debug", is_flag=True, help="Dash debug mode (development only).")
def serve_command(host: str, port: int, debug: bool) -> None:
    """Serve the tracker with Dash's development server (use gunicorn in production)."""
    from .app import create_dash
    from .web.auth import ConfigurationError

    _require_initialised()
    try:
        app = create_dash({"ENV": "development"} if debug else None)
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc
    app.run(host=host, port=port, debug=debug, dev_tools_disable_version_check=True)


if __name__ == "__main__":  # pragma: no cover
    main()
