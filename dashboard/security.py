"""Security headers on every response (issue 14): filled in by the hardening work."""

from __future__ import annotations

from dash import Dash


def init_security(app: Dash) -> None:
    """Attach the security headers; called by the factory after every callback is registered."""
