"""Accounts: users, roles, slow password hashes, sessions, and a back-off after failures.

Failed sign-ins are counted per (client address, name) in the database, so every gunicorn
worker enforces the same back-off; after ``MAX_FAILURES`` that pair waits, twice as long after
each further failure (``BACKOFF_SECONDS`` up to ``BACKOFF_MAX_SECONDS``). Only the guesser's
address waits: the owner signing in from elsewhere is not locked out, and nobody can lock an
account for everyone. Unknown names, wrong passwords and a backed-off pair get the same answer
for the same price (one scrypt check). Passwords are hashed with scrypt (Werkzeug's default),
never stored.

``users.session_version`` ends sessions on the server: the sign-in records it in the (signed)
session cookie, and signing out, a new password or disabling the account bumps it, so every
cookie issued before is refused (``dashboard.web.auth``).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, insert, select, update
from werkzeug.security import generate_password_hash

from . import schema
from .account_records import RANK, ROLES, User, user_from_row, utc_now
from .engine import write_transaction
from .sign_in import (
    BACKOFF_MAX_SECONDS,
    BACKOFF_SECONDS,
    FAILURE_MEMORY,
    MAX_FAILURES,
    LoginResult,
    SignInMixin,
)

__all__ = [
    "BACKOFF_MAX_SECONDS",
    "BACKOFF_SECONDS",
    "FAILURE_MEMORY",
    "MAX_FAILURES",
    "MIN_PASSWORD_LENGTH",
    "RANK",
    "ROLES",
    "AccountError",
    "Accounts",
    "LoginResult",
    "User",
]

MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


class Accounts(SignInMixin):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, password: str, role: str) -> User:
        name = (name or "").strip()
        if not name:
            raise AccountError("a user name is needed")
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if len(password or "") < MIN_PASSWORD_LENGTH:
            raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
        with write_transaction(self.engine) as conn:
            taken = conn.execute(
                select(schema.users.c.user_id).where(schema.users.c.name == name)
            ).first()
            if taken:
                raise AccountError(f"a user named {name!r} exists already")
            user_id = conn.execute(
                insert(schema.users)
                .values(
                    name=name,
                    password_hash=generate_password_hash(password),
                    role=role,
                    active=True,
                    created_at=utc_now(),
                    failed_logins=0,
                )
                .returning(schema.users.c.user_id)
            ).scalar_one()
        return User(int(user_id), name, role, True)

    def list(self) -> pd.DataFrame:
        table = schema.users
        columns = [c for c in table.c if c.name != "password_hash"]
        with self.engine.connect() as conn:
            result = conn.execute(select(*columns).order_by(table.c.name))
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def disable(self, name: str) -> None:
        with write_transaction(self.engine) as conn:
            done = conn.execute(
                update(schema.users)
                .where(schema.users.c.name == name)
                .values(active=False, session_version=schema.users.c.session_version + 1)
            )
            if done.rowcount == 0:
                raise AccountError(f"no user named {name!r}")

    def get(self, user_id: int) -> User | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(schema.users).where(schema.users.c.user_id == user_id))
                .mappings()
                .first()
            )
        if row is None or not row["active"]:
            return None
        return user_from_row(row)

    def set_password(self, name: str, password: str) -> User:
        """A new password; every session of the user ends (they sign in again)."""
        if len(password or "") < MIN_PASSWORD_LENGTH:
            raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
        table = schema.users
        with write_transaction(self.engine) as conn:
            done = conn.execute(
                update(table)
                .where(table.c.name == name)
                .values(
                    password_hash=generate_password_hash(password),
                    session_version=table.c.session_version + 1,
                    failed_logins=0,
                    locked_until=None,
                )
            )
            if done.rowcount == 0:
                raise AccountError(f"no user named {name!r}")
            row = conn.execute(select(table).where(table.c.name == name)).mappings().one()
        return user_from_row(row)

    def end_sessions(self, user_id: int) -> None:
        """Refuse every session cookie issued to the user so far (sign-out)."""
        table = schema.users
        with write_transaction(self.engine) as conn:
            conn.execute(
                update(table)
                .where(table.c.user_id == user_id)
                .values(session_version=table.c.session_version + 1)
            )
