"""Accounts: users, roles, slow password hashes, and lock-out after repeated failures.

The failure count and lock live in the database, so every gunicorn worker enforces the same
lock. Passwords are hashed with scrypt (Werkzeug's default), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from . import schema
from .engine import write_transaction

ROLES = ("viewer", "staff", "admin")
#: What each role may do, cumulatively: staff upload, admins also roll back and manage users.
RANK = {"anonymous": 0, "viewer": 1, "staff": 2, "admin": 3}
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class User:
    user_id: int
    name: str
    role: str
    active: bool

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role``'s rights."""
        return self.active and RANK[self.role] >= RANK[role]


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    reason: str | None = None  # invalid | locked | disabled


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to check unknown names against, made once per process (not at import)."""
    return generate_password_hash("not a password of anyone")


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class Accounts:
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
                    created_at=_now(),
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
                update(schema.users).where(schema.users.c.name == name).values(active=False)
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
        return User(int(row["user_id"]), row["name"], row["role"], bool(row["active"]))

    def verify(self, name: str, password: str) -> LoginResult:
        """Check a password; count failures and lock the account for a while after five."""
        table = schema.users
        now = _now()
        with write_transaction(self.engine) as conn:
            row = (
                conn.execute(select(table).where(table.c.name == (name or "").strip()))
                .mappings()
                .first()
            )
            if row is None:
                # One hash check, as for a known name: the time must not tell names apart.
                check_password_hash(_dummy_hash(), password or "")
                return LoginResult(None, "invalid")
            locked_until = _aware(row["locked_until"])
            if locked_until is not None and locked_until > now:
                return LoginResult(None, "locked")
            if not check_password_hash(row["password_hash"], password or ""):
                failures = int(row["failed_logins"]) + 1
                values: dict = {"failed_logins": failures}
                if failures >= MAX_FAILURES:
                    values = {
                        "failed_logins": 0,
                        "locked_until": now + timedelta(minutes=LOCK_MINUTES),
                    }
                conn.execute(
                    update(table).where(table.c.user_id == row["user_id"]).values(**values)
                )
                return LoginResult(None, "locked" if failures >= MAX_FAILURES else "invalid")
            if not row["active"]:
                return LoginResult(None, "disabled")
            conn.execute(
                update(table)
                .where(table.c.user_id == row["user_id"])
                .values(failed_logins=0, locked_until=None, last_login=now)
            )
        return LoginResult(User(int(row["user_id"]), row["name"], row["role"], True))
