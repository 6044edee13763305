"""What a signed-in session holds, shared by the sign-in view and the user loader that checks it."""

from __future__ import annotations

from flask import session
from flask_login import UserMixin

from ..store.accounts import User

#: The session keys: the user's session version at sign-in, when it began, the last request.
VERSION_KEY, SINCE_KEY, SEEN_KEY = "_sv", "_since", "_seen"
#: What flask-login keeps in the session for a signed-in user.
_LOGIN_KEYS = ("_user_id", "_fresh", "_id", VERSION_KEY, SINCE_KEY, SEEN_KEY)


class SessionUser(UserMixin):
    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return str(self.user.user_id)


def end_session_cookie() -> None:
    """Forget the signed-in user in this session (its CSRF token and language stay)."""
    for key in _LOGIN_KEYS:
        session.pop(key, None)
