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
when set; else the database, through :class:`DatabaseStorage` below (``limits`` has no SQL
storage; this one registers the ``trackerdb://`` scheme with ``limits``' storage registry):
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

import math
import random
import threading
import time
from typing import Any

from flask import Flask, Response, jsonify, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from limits import RateLimitItem
from limits.storage import Storage
from sqlalchemy import Engine, case, delete, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ..store import schema
from ..store.engine import make_engine

__all__ = ["DatabaseStorage", "init_limits", "limit_callbacks", "limits_engine"]

_STATE = "tracker_limiter"
#: The share of counted requests that also delete expired counters.
_PRUNE_CHANCE = 0.01


class DatabaseStorage(Storage):
    """Fixed-window counters in a SQL table (``schema.rate_limits``), for ``limits``.

    ``storage_from_string("trackerdb://", engine=engine)``. Only the fixed-window strategy
    (``incr``/``get``/``get_expiry``) is supported.
    """

    STORAGE_SCHEME = ["trackerdb"]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        engine: Engine | None = None,
        **options: Any,
    ) -> None:
        super().__init__(uri, wrap_exceptions, **options)
        if engine is None:
            raise ValueError("trackerdb:// needs engine=<SQLAlchemy engine>")
        self.engine = engine

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def _upsert(self):
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        table = schema.rate_limits
        now = time.time()
        expired = table.c.expires_at <= now
        statement = (
            self._upsert()(table)
            .values(key=key, hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "hits": case((expired, amount), else_=table.c.hits + amount),
                    "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
                },
            )
            .returning(table.c.hits)
        )
        with self.engine.begin() as conn:
            hits = int(conn.execute(statement).scalar_one())
            if random.random() < _PRUNE_CHANCE:
                conn.execute(delete(table).where(table.c.expires_at < now))
        return hits

    def get(self, key: str) -> int:
        table = schema.rate_limits
        with self.engine.connect() as conn:
            hits = conn.execute(
                select(table.c.hits).where(table.c.key == key, table.c.expires_at > time.time())
            ).scalar()
        return int(hits or 0)

    def get_expiry(self, key: str) -> float:
        table = schema.rate_limits
        with self.engine.connect() as conn:
            expires = conn.execute(select(table.c.expires_at).where(table.c.key == key)).scalar()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(delete(schema.rate_limits)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(schema.rate_limits).where(schema.rate_limits.c.key == key))


def limits_engine(store_engine: Engine) -> Engine:
    """Where the counters live: the database itself (PostgreSQL), or for SQLite a file beside
    it (its own write lock), with the table made on first use."""
    url = make_url(str(store_engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return store_engine
    database = str(url.database)
    stem = database[: -len(".db")] if database.endswith(".db") else database
    engine = make_engine(str(url.set(database=f"{stem}.limits.db")))
    try:
        schema.rate_limits.create(engine, checkfirst=True)
    except SQLAlchemyError:  # another worker made it in between
        if not engine.dialect.has_table(engine.connect(), "rate_limits"):
            raise
    return engine


def client_address() -> str:
    """The client's address as ``ProxyFix`` (when configured) left it."""
    return get_remote_address() or "unknown"


def _too_many(limit: RequestLimit) -> Response:
    # The window's own end: RequestLimit.reset_at is rounded up a second more (up to 61 s).
    return _too_many_until(limit.window.reset_time)


def _too_many_until(reset_at: float) -> Response:
    """429 in the API's error shape, with Retry-After (seconds) and the message translated."""
    from ..api.routes import request_language
    from ..i18n import t

    seconds = max(1, math.ceil(reset_at - time.time()))
    message = t("errors.rate_limited", request_language(), seconds=seconds)
    response = jsonify({"ok": False, "error": message, "status": 429})
    response.status_code = 429
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


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
        headers_enabled=False,  # Retry-After is set on the 429 itself (_too_many)
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        on_breach=_too_many,
        key_prefix="tracker",
    )
    server.extensions[_STATE] = limiter
    login = "auth.login_submit"
    server.view_functions[login] = limiter.limit(
        settings.get("LOGIN_LIMIT") or "10/minute", methods=["POST"]
    )(server.view_functions[login])
    return limiter


class SharedCallbackCounter:
    """Callbacks per client address, counted in the shared storage in batches.

    Every worker (on every host) adds its own count to the one shared counter per address and
    window, so the limit holds for the whole service. To keep a database write off most
    viewers' requests, a worker adds its hits ``batch`` at a time (a 60th of the limit: 10 for
    600 a minute; 1 for small limits) and decides in between from the shared total it last
    read plus its own hits since. A worker can thus let through at most ``batch - 1`` more
    than the limit before it next reads the total.
    """

    def __init__(self, storage: Storage, limit: RateLimitItem) -> None:
        self.storage = storage
        self.limit = limit
        self.batch = max(1, limit.amount // 60)
        self._local: dict[str, list[float]] = {}  # address -> [unsent hits, total, window end]
        self._lock = threading.Lock()

    def hit(self, address: str) -> float | None:
        """Count one callback; None if allowed, else when the address may call again."""
        now = time.time()
        with self._lock:
            state = self._local.get(address)
            if state is None or now >= state[2]:
                state = self._local[address] = [0, 0, now + self.limit.get_expiry()]
                if len(self._local) > 10_000:  # forget addresses whose windows are over
                    for gone in [a for a, s in self._local.items() if s[2] <= now]:
                        del self._local[gone]
            state[0] += 1
            unsent = int(state[0])
            if unsent < self.batch and state[1] + unsent <= self.limit.amount:
                return None
            state[0] = 0
        key = self.limit.key_for("tracker", "callbacks", address)
        total = self.storage.incr(key, self.limit.get_expiry(), amount=unsent)
        ends = self.storage.get_expiry(key)
        with self._lock:
            state[1], state[2] = total, ends
        return ends if total > self.limit.amount else None


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
        return None if refused_until is None else _too_many_until(refused_until)
