"""What an account is: the roles and their rank, and the user the account store hands out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

ROLES = ("viewer", "staff", "admin")
#: What each role may do, cumulatively: staff upload, admins also roll back and manage users.
RANK = {"anonymous": 0, "viewer": 1, "staff": 2, "admin": 3}


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


def utc_now() -> datetime:
    return datetime.now(UTC)


def user_from_row(row) -> User:
    return User(
        int(row["user_id"]),
        row["name"],
        row["role"],
        bool(row["active"]),
        int(row["session_version"] or 0),
    )
