"""Checking a password at sign-in, with a back-off per (client address, name) after failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from . import schema
from .account_records import User, user_from_row, utc_now
from .engine import write_transaction

#: Failed sign-ins from one address for one name before that pair has to wait.
MAX_FAILURES = 5
#: The first wait; it doubles with each further failure, up to the maximum.
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
#: Failures older than this are forgotten (and their rows removed).
FAILURE_MEMORY = timedelta(days=1)


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


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class SignInMixin:
    """The sign-in of :class:`~dashboard.store.accounts.Accounts` and its failure counts."""

    engine: Engine

    def verify(self, name: str, password: str, address: str | None = None) -> LoginResult:
        """Check a password from ``address``; count failures per (address, name) and make that
        pair wait after ``MAX_FAILURES``, with a doubling back-off.

        Every answer that is not a sign-in costs one scrypt check, so the time tells an unknown
        name, a wrong password and a waiting pair apart no better than the answer does.
        """
        table = schema.users
        now = utc_now()
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
        return LoginResult(user_from_row(row))

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
