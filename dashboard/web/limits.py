"""Abuse limits (issue 2): Flask-Limiter, counting per client address, shared by every worker.

- ``POST /login``: ``DASHBOARD_LOGIN_LIMIT`` per address (default ``10/minute``). Each attempt
  costs a scrypt hash (~0.1 s of a core); this cap, checked before any hashing, is what keeps
  a sign-in flood from starving the viewers' requests of CPU.
- Dash's callback endpoint: ``DASHBOARD_CALLBACK_LIMIT`` per address (default ``600/minute``).
  Generous on purpose: a meeting room or a ministry behind one NAT shares one address, and a
  page view makes one callback (the router's), so 600 a minute is 600 page views a minute from
  one address: far above any room of people, far below a script hammering the server. Counted
  in the shared storage in batches (:class:`SharedCallbackCounter`), so a viewer's request
  rarely waits for a write.

A breach answers 429 in the API's error shape (``{"ok": false, "error": ..., "status": 429}``,
the message in the form's or page's language) with ``Retry-After`` in seconds.

Where the counters live, so that every worker (and every host) sees the same count:
``DASHBOARD_RATELIMIT_STORAGE_URL`` (``redis://...``, any URI the ``limits`` library knows)
when set; else the database, through :class:`DatabaseStorage` in :mod:`.limit_storage`
(``limits`` has no SQL storage; this one registers the ``trackerdb://`` scheme with
``limits``' storage registry):
fixed-window counters in the ``rate_limits`` table, one upsert per counted request. With
PostgreSQL that is the tracker's database; with SQLite it is a file beside it
(``tracker.db`` -> ``tracker.limits.db``), so that a counter never waits for the write lock an
import holds for seconds. If the storage fails, the limits fall back to per-worker memory
(Flask-Limiter's in-memory fallback) rather than failing the request.

The client address is ``request.remote_addr``: the proxy's address unless
``DASHBOARD_PROXY_COUNT`` says how many proxies to trust, in which case ``ProxyFix`` (see
``dashboard.app``) takes it from ``X-Forwarded-For``. Never trusted without that setting: a
client could otherwise pick a new address for every attempt.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .callback_counter import SharedCallbackCounter as SharedCallbackCounter
from .limit_storage import DatabaseStorage as DatabaseStorage
from .limit_storage import limits_engine as limits_engine
from .too_many_requests import too_many, too_many_until

__all__ = ["DatabaseStorage", "init_limits", "limit_callbacks", "limits_engine"]

_STATE = "tracker_limiter"


def client_address() -> str:
    """The client's address as ``ProxyFix`` (when configured) left it."""
    return get_remote_address() or "unknown"


def init_limits(server: Flask, settings: dict) -> Limiter:
    """The limiter, with the sign-in and callback limits; before the response cache's hook."""
    from . import get_store

    configured = settings.get("RATELIMIT_STORAGE_URL")
    if configured:
        uri, options = configured, {}
    else:
        with server.app_context():
            engine = limits_engine(get_store().engine)
        uri, options = "trackerdb://", {"engine": engine}
    limiter = Limiter(
        key_func=client_address,
        app=server,
        storage_uri=uri,
        storage_options=options,  # type: ignore[arg-type]
        strategy="fixed-window",
        headers_enabled=False,  # Retry-After is set on the 429 itself (too_many)
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        on_breach=too_many,
        key_prefix="tracker",
    )
    server.extensions[_STATE] = limiter
    login = "auth.login_submit"
    server.view_functions[login] = limiter.limit(
        settings.get("LOGIN_LIMIT") or "10/minute", methods=["POST"]
    )(server.view_functions[login])
    return limiter


def limit_callbacks(server: Flask, settings: dict) -> None:
    """The per-address limit on Dash's callback endpoint, counted in a ``before_request`` hook
    registered before the callback guard's and the response cache's (call this right after
    Dash is built): a decorated view would count only the requests that reach the view, and
    a flood of refused or cached callbacks would never be counted. The count is the shared
    one (Redis, or the database), written in batches (:class:`SharedCallbackCounter`)."""
    from limits import parse

    limiter: Limiter = server.extensions[_STATE]
    counter = SharedCallbackCounter(
        limiter.limiter.storage, parse(settings.get("CALLBACK_LIMIT") or "600/minute")
    )
    paths = {
        rule.rule
        for rule in server.url_map.iter_rules()
        if rule.rule.endswith("/_dash-update-component")
    }

    @server.before_request
    def _limit_callbacks() -> Response | None:
        if request.method != "POST" or request.path not in paths:
            return None
        try:
            refused_until = counter.hit(client_address())
        except Exception:  # noqa: BLE001 - a failed counter must not fail the request
            server.logger.exception("callback rate limit not checked")
            return None
        return None if refused_until is None else too_many_until(refused_until)
