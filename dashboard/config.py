"""Configuration: every ``DASHBOARD_*`` environment variable the tracker reads, in one place.

Nothing else in the package reads the environment for the tracker's own settings (gunicorn's
``WEB_CONCURRENCY`` and friends stay in ``gunicorn_conf.py``, click's ``HOST``/``PORT`` and the
user's ``USER`` in the command line). The web app reads :func:`settings` once, when the factory
builds it; the command line and the store read single values when a command starts, so a test
or a shell that sets a variable is seen by the next command. Tests clear every ``DASHBOARD_*``
variable first (``tests/conftest.py``), as Flask's clear ``FLASK_*``.

The variables (default in brackets):

* ``DATABASE_URL``: the SQLAlchemy URL of the database [a SQLite file in ``instance/``];
  ``INSTANCE_DIR``: the folder of that file and of a development secret key [``instance``];
* ``ENV``: ``development`` allows a generated secret key [``production``];
  ``SECRET_KEY``: signs sessions, the same for every worker [required];
* ``REQUIRE_LOGIN``: every page and the API need a signed-in user [off];
  ``HTTPS``: served over HTTPS, so Secure cookies and HSTS [off];
  ``IDLE_MINUTES``: a session ends after this long without a request [30];
* ``RATELIMIT_STORAGE_URL``: Redis for the abuse limits' counters [the database];
  ``LOGIN_LIMIT``, ``CALLBACK_LIMIT``: limits per address [10/minute, 600/minute];
  ``PROXY_COUNT``: reverse proxies in front, whose ``X-Forwarded-For`` is trusted [0];
* ``AUDIT_LOG``: the audit log's file, ``-`` for standard error [standard error];
  ``WARM_VIEWS``: build the busiest views after each upload [on];
* ``CHROMIUM``: the Chromium that prints the briefing PDF [the first ``chromium`` on the PATH];
  read by ``services/briefing_pdf.find_chromium`` at each print, which takes the environment
  as an argument so its tests can give one.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["PREFIX", "flag", "settings", "value", "warm_views"]

PREFIX = "DASHBOARD_"
DEFAULT_IDLE_MINUTES = 30.0
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def value(name: str, default: str | None = None) -> str | None:
    """``DASHBOARD_<name>``; ``default`` when unset or empty."""
    return os.environ.get(PREFIX + name) or default


def flag(name: str, default: bool = False) -> bool:
    """``DASHBOARD_<name>`` as a switch: 1/true/yes/on or 0/false/no/off; else ``default``."""
    text = (value(name) or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return default


def settings() -> dict[str, Any]:
    """The web app's settings from the environment (the factory overrides them for tests)."""
    from .store.engine import default_database_url

    return {
        "DATABASE_URL": default_database_url(),
        "ENV": value("ENV", "production"),
        "INSTANCE_DIR": value("INSTANCE_DIR", "instance"),
        "SECRET_KEY": value("SECRET_KEY"),
        "REQUIRE_LOGIN": flag("REQUIRE_LOGIN"),
        "HTTPS": flag("HTTPS"),
        # Sessions end after this many minutes without a request (issue 4).
        "IDLE_MINUTES": float(value("IDLE_MINUTES") or DEFAULT_IDLE_MINUTES),
        # Abuse limits (issue 2): counters in Redis when given, else in the database.
        "RATELIMIT_STORAGE_URL": value("RATELIMIT_STORAGE_URL"),
        "LOGIN_LIMIT": value("LOGIN_LIMIT", "10/minute"),
        "CALLBACK_LIMIT": value("CALLBACK_LIMIT", "600/minute"),
        # How many reverse proxies stand in front (X-Forwarded-For is trusted only then).
        "PROXY_COUNT": int(value("PROXY_COUNT") or 0),
        # The audit log's file (issue 5); standard error when unset.
        "AUDIT_LOG": value("AUDIT_LOG"),
        # After an upload or a rollback, build the busiest views at once (dashboard/web/warm.py).
        "WARM_VIEWS": warm_views(),
    }


def warm_views() -> bool:
    """Build the busiest views after each upload or rollback (``DASHBOARD_WARM_VIEWS``; on)."""
    return flag("WARM_VIEWS", default=True)
