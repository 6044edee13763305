"""``dashboard users``: the accounts that sign in to upload, roll back and manage users.

Run on the server by whoever administers it; every change is written to the audit log, and a
password is only ever prompted for or read from standard input, never taken as an argument.
"""

from __future__ import annotations

import sys

import click

from .shared import audit_event, open_store


@click.group("users")
def users_group() -> None:
    """Accounts: staff upload, admins also roll back and manage users."""


def read_password() -> str:
    """Prompted twice on a terminal, else one line of standard input."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@users_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["viewer", "staff", "admin"]), default="staff", show_default=True
)
def users_add(name: str, role: str) -> None:
    """Add a user; the password is prompted for (or read from standard input)."""
    from ..store.accounts import AccountError

    password = read_password()
    store = open_store(check=False)  # a new database gets the schema it needs for accounts
    store.create_schema()
    try:
        user = store.accounts.add(name, password, role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    audit_event("user_added", name=user.name, role=user.role)
    click.echo(f"Added {user.name} ({user.role}).")


@users_group.command("passwd")
@click.argument("name")
def users_passwd(name: str) -> None:
    """Set a new password (prompted for, or read from standard input); every session of the
    user ends."""
    from ..store.accounts import AccountError

    password = read_password()
    try:
        open_store().accounts.set_password(name, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    audit_event("user_password_changed", name=name)
    click.echo(f"Changed the password of {name}; their sessions have ended.")


@users_group.command("list")
def users_list() -> None:
    """List the users with their role and state."""
    frame = open_store().accounts.list()
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
    from ..store.accounts import AccountError

    try:
        open_store().accounts.disable(name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    audit_event("user_disabled", name=name)
    click.echo(f"Disabled {name}.")
