"""Answers to read-only requests, kept and served again while the data they show is unchanged.

A room of officials opening the tracker asks for the same few views at once. Building a view
(a page's component tree, serialised to JSON by Dash, then gzipped) costs 10-200 ms; sending a
kept copy costs well under a millisecond. So the serialised, compressed answer is kept per
worker, keyed by everything it is computed from (:mod:`dashboard.web.request_keys`):

- the **data token** (:mod:`dashboard.store.version`): the newest revision and the catalogue's
  digest, read from the database on every request, so an upload through any worker or any host
  is seen by all at once and nothing stale is ever served. This is why a per-process cache stays
  correct when several hosts share one PostgreSQL database: no host can serve an answer keyed by
  a data version the database no longer has as its newest;
- **who asks**: anonymous, or the signed-in user's id and role. One user's view is never
  served to another, and a role change is a new key;
- **what is asked**: for a callback, the checked inputs and states (:mod:`dashboard.ui.guard`
  has refused anything dash-renderer would not send before this runs) and the day (views say
  how old a figure is); for an API read, the path and query string. A read-only callback
  depends on nothing else (not on which input changed, nor on the Referer), so the same view
  has one key however it was reached.

Two levels. Each worker keeps answers in memory; anonymous views are also shared through the
database (:mod:`dashboard.store.kept`), so a view built by one worker, on any host, is read by
the others instead of being built again. After an upload or a rollback the busiest views are
built at once (:mod:`dashboard.web.warm`), so the first visitor after a change finds them ready.

Only requests declared read-only are kept: page HTML, Dash's layout and dependency lists,
``GET /api/v1/indicators`` and ``/api/v1/progress``, and the callbacks marked with
``dashboard.ui.guard.read_only`` plus Dash Pages' router. Writes (upload, roll back) are
never kept. The store
is a byte-bounded LRU (cachetools), so no query string can make it grow without end.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from cachetools import LRUCache
from dash import Dash
from flask import Flask, Response, g, request

from ..store.kept import SharedAnswer, SharedAnswers
from ..store.version import data_token
from . import get_store
from .request_keys import request_key

__all__ = [
    "ResponseCache",
    "init_response_cache",
    "request_key",
    "response_cache",
    "shared_answers",
]

KEPT_HEADERS = ("Content-Type", "Content-Disposition")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024
_STATE = "tracker_response_cache"
_SHARED = "tracker_shared_answers"


@dataclass(frozen=True)
class Kept:
    """One answer as sent: its body, gzipped once, and the headers that describe it."""

    body: bytes
    gzipped: bytes
    headers: tuple[tuple[str, str], ...]

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped) + 256


class ResponseCache:
    """A byte-bounded LRU of answers; entries that depend on the data are dropped as soon as
    a newer data token is seen, since nothing will ask for them again."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._items: LRUCache = LRUCache(maxsize=max_bytes, getsizeof=lambda kept: kept.size)
        self._token: str | None = None
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> Kept | None:
        with self._lock:
            kept = self._items.get(key)
            if kept is None:
                self.misses += 1
            else:
                self.hits += 1
            return kept

    def put(self, key: tuple, kept: Kept) -> None:
        if kept.size > MAX_ENTRY_BYTES:
            return
        with self._lock:
            self._items[key] = kept

    def see_token(self, token: str) -> None:
        """Forget answers computed from older data (the fixed ones are kept)."""
        with self._lock:
            if token == self._token:
                return
            if self._token is not None:
                for key in [k for k in self._items if k[0] != "fixed"]:
                    del self._items[key]
            self._token = token

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._token = None

    def __len__(self) -> int:
        return len(self._items)


def _accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _send(kept: Kept, state: str) -> Response:
    gzipped = _accepts_gzip()
    response = Response(kept.gzipped if gzipped else kept.body, headers=list(kept.headers))
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["X-Tracker-Cache"] = state
    return response


def _build_digest() -> str:
    """A digest of the package's code and page documents: answers built by another version of
    the tracker (during a rolling upgrade, say) are never read from the shared level."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted([*package.rglob("*.py"), *package.glob("content/*.md")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _shared_key(build: str, key: tuple) -> str | None:
    """The shared level's key for an anonymous callback or API answer (others stay local)."""
    kind = key[0]
    if kind not in ("callback", "api") or key[2] != ("anonymous",):
        return None
    return hashlib.sha256(repr((build, *key)).encode()).hexdigest()


def init_response_cache(server: Flask, app: Dash, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Serve kept answers before Dash or the API computes them, and keep new ones.

    Registered after the login gate and the callback guard (``before_request`` hooks run in
    order), so a refused request never reaches the cache; its ``after_request`` runs before
    compression's, so it sees the plain body and gzips it once for every later hit.
    """
    cache = ResponseCache(max_bytes)
    server.extensions[_STATE] = cache
    with server.app_context():
        shared = SharedAnswers(get_store().engine)
    server.extensions[_SHARED] = shared
    build = _build_digest()

    @server.before_request
    def _serve_kept() -> Response | None:
        key = request_key(app)
        if key is None:
            return None
        if key[0] != "fixed":
            token = data_token(get_store().engine)
            cache.see_token(token)
            key = (key[0], token, *key[1:])
        kept = cache.get(key)
        if kept is not None:
            return _send(kept, "hit")
        shared_key = _shared_key(build, key)
        if shared_key is not None:
            found = shared.get(shared_key)
            if found is not None:
                kept = Kept(found.body, found.gzipped, found.headers)
                cache.put(key, kept)
                return _send(kept, "shared")
        g.response_cache_key = key
        g.response_cache_shared = shared_key
        return None

    @server.after_request
    def _keep(response: Response) -> Response:
        key = g.pop("response_cache_key", None)
        if key is None or response.status_code != 200 or response.direct_passthrough:
            return response
        if response.headers.get("Content-Encoding") or response.headers.get("Set-Cookie"):
            return response
        body = response.get_data()
        headers = tuple((k, v) for k in KEPT_HEADERS if (v := response.headers.get(k)))
        kept = Kept(body, gzip.compress(body, compresslevel=6, mtime=0), headers)
        cache.put(key, kept)
        shared_key = g.pop("response_cache_shared", None)
        if shared_key is not None and kept.size <= MAX_ENTRY_BYTES:
            shared.put_later(shared_key, key[1], SharedAnswer(kept.body, kept.gzipped, headers))
        if _accepts_gzip():  # compressed once here, so the gzip hook leaves it alone
            response.set_data(kept.gzipped)
            response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        response.headers["X-Tracker-Cache"] = "miss"
        return response


def response_cache(server: Flask) -> ResponseCache:
    """The worker's cache (tests and the benchmark read its hit counts)."""
    return server.extensions[_STATE]


def shared_answers(server: Flask) -> SharedAnswers:
    """The level shared through the database (tests flush it)."""
    return server.extensions[_SHARED]
