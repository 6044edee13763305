"""Every change to the data is a revision: ``history`` lists them, ``rollback`` undoes one.

A rollback never deletes: it writes a new revision restoring the earlier values, so the
history shows it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..i18n import LANGUAGES
from .shared import audit_event, cli_user, open_store, warm_views

if TYPE_CHECKING:
    import pandas as pd


@click.command("history")
@click.option("--revision", type=int, default=None, help="Show what one revision changed.")
def history_command(revision: int | None) -> None:
    """List every revision (newest first), or the changes of one."""
    store = open_store()
    if revision is not None:
        changes = store.revision_changes(revision)
        if changes.empty:
            raise click.ClickException(f"revision {revision} has no rows")
        if "indicator_id" not in changes:  # a corridor revision: key, change, changed fields
            echo_record_changes(changes)
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


def echo_record_changes(changes: pd.DataFrame) -> None:
    """One line per corridor record: its key, the change, then each field as old -> new."""
    from ..core.values import is_missing

    keys = [c for c in changes.columns if c != "change" and not c.startswith(("new_", "old_"))]
    fields = [c.removeprefix("new_") for c in changes.columns if c.startswith("new_")]

    def shown(value: object) -> str:
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


@click.command("rollback")
@click.argument("revision", type=int)
@click.option("--user", "user_name", default=None, help="Who rolls back (default: $USER).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", help="Language of messages.")
def rollback_command(revision: int, user_name: str | None, lang: str) -> None:
    """Undo one revision by writing a new one that restores the earlier values."""
    from ..store.repository import RollbackConflict

    user = user_name or cli_user()
    try:
        result = open_store(lang).rollback(revision, user)
    except RollbackConflict as exc:
        raise click.ClickException(exc.message(lang)) from exc
    audit_event("rollback", user=user, revision=revision, new_revision=result.revision_id)
    click.echo(
        f"Rolled back revision {revision} as revision {result.revision_id}: "
        f"{result.replaced} restored, {result.rows_total - result.replaced} withdrawn."
    )
    warm_views()
