"""Who is signed in and what they may do: every callback that writes asks here itself."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..store.accounts import RANK, User


def current_account() -> User | None:
    return current_user.user if current_user.is_authenticated else None


def role_of_current_user() -> str:
    user = current_account()
    return user.role if user else "anonymous"


def has_role(role: str) -> bool:
    return RANK[role_of_current_user()] >= RANK[role]


def require_role(role: str) -> User:
    """Refuse the request (403) unless the signed-in user has at least ``role``."""
    user = current_account()
    if user is None or not user.can(role):
        abort(403)
    return user
