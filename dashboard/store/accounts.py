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

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from . import schema
from .engine import write_transaction

ROLES = ("viewer", "staff", "admin")
#: What each role may do, cumulatively: staff upload, admins also roll back and manage users.
RANK = {"anonymous": 0, "viewer": 1, "staff": 2, "admin": 3}
#: Failed sign-ins from one address for one name before that pair has to wait.
MAX_FAILURES = 5
#: The first wait; it doubles with each further failure, up to the maximum.
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
#: Failures older than this are forgotten (and their rows removed).
FAILURE_MEMORY = timedelta(days=1)
MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class User:
    user_id: int
    name: str
    role: str
    active: bool
    session_version: int = 0

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role``'s rights."""
        return self.active and RANK[self.role] >= RANK[role]


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    reason: str | None = None  # invalid | locked (this address and name wait) | disabled
    #: The failure made this address and name wait (for the audit log's ``locked_out``).
    locked_now: bool = False


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
        return _user(row)

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
        return _user(row)

    def end_sessions(self, user_id: int) -> None:
        """Refuse every session cookie issued to the user so far (sign-out)."""
        table = schema.users
        with write_transaction(self.engine) as conn:
            conn.execute(
                update(table)
                .where(table.c.user_id == user_id)
                .values(session_version=table.c.session_version + 1)
            )

    def verify(self, name: str, password: str, address: str | None = None) -> LoginResult:
        """Check a password from ``address``; count failures per (address, name) and make that
        pair wait after ``MAX_FAILURES``, with a doubling back-off.

        Every answer that is not a sign-in costs one scrypt check, so the time tells an unknown
        name, a wrong password and a waiting pair apart no better than the answer does.
        """
        table = schema.users
        now = _now()
        name = (name or "").strip()
        key = (str(address or "")[:64], name.lower()[:80])
        with write_transaction(self.engine) as conn:
            throttle = self._throttle(conn, key)
            blocked = _aware(throttle["blocked_until"]) if throttle else None
            if blocked is not None and blocked > now:
                check_password_hash(_dummy_hash(), password or "")
                return LoginResult(None, "locked")
            row = conn.execute(select(table).where(table.c.name == name)).mappings().first()
            if row is None:
                # One hash check, as for a known name: the time must not tell names apart.
                check_password_hash(_dummy_hash(), password or "")
                return self._failed(conn, key, throttle, now)
            if not check_password_hash(row["password_hash"], password or ""):
                return self._failed(conn, key, throttle, now)
            if not row["active"]:
                return LoginResult(None, "disabled")
            if throttle:
                conn.execute(delete(schema.login_throttle).where(*_throttle_key(key)))
            conn.execute(
                update(table)
                .where(table.c.user_id == row["user_id"])
                .values(failed_logins=0, locked_until=None, last_login=now)
            )
        return LoginResult(_user(row))

    @staticmethod
    def _throttle(conn, key: tuple[str, str]):
        return (
            conn.execute(select(schema.login_throttle).where(*_throttle_key(key)))
            .mappings()
            .first()
        )

    @staticmethod
    def _failed(conn, key: tuple[str, str], throttle, now: datetime) -> LoginResult:
        """Count one more failure of (address, name); from the fifth, make the pair wait."""
        table = schema.login_throttle
        recent = throttle is not None and _aware(throttle["last_failure"]) > now - FAILURE_MEMORY
        failures = (int(throttle["failures"]) if recent else 0) + 1
        blocked_until = None
        if failures >= MAX_FAILURES:
            wait = min(BACKOFF_SECONDS * 2 ** (failures - MAX_FAILURES), BACKOFF_MAX_SECONDS)
            blocked_until = now + timedelta(seconds=wait)
        values = {"failures": failures, "blocked_until": blocked_until, "last_failure": now}
        if throttle is None:
            conn.execute(insert(table).values(address=key[0], name=key[1], **values))
        else:
            conn.execute(update(table).where(*_throttle_key(key)).values(**values))
        # Forget old failures, so the table holds only the last day's.
        conn.execute(
            delete(table).where(
                table.c.last_failure < now - FAILURE_MEMORY,
                or_(table.c.blocked_until.is_(None), table.c.blocked_until < now),
            )
        )
        if blocked_until is not None:
            return LoginResult(None, "locked", locked_now=True)
        return LoginResult(None, "invalid")


def _throttle_key(key: tuple[str, str]):
    table = schema.login_throttle
    return (and_(table.c.address == key[0], table.c.name == key[1]),)


def _user(row) -> User:
    return User(
        int(row["user_id"]),
        row["name"],
        row["role"],
        bool(row["active"]),
        int(row["session_version"] or 0),
    )
