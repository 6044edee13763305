"""Gzip for responses: static bundles compressed once per worker, dynamic JSON per request.

plotly.min.js is 4.8 MB; compressing it on every request costs about 0.17 s of CPU. Static
bundles (Dash's component suites and our assets) never change while a worker lives, so their
gzip bytes are computed once and kept, keyed by path and validator. Callback and layout
responses are small and different every time, so they are compressed as they go.
"""

from __future__ import annotations

import gzip
from threading import Lock

from flask import Flask, Response, request

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/x-javascript",
    "image/svg+xml",
    "font/ttf",
)
MIN_SIZE = 1024
_MAX_CACHED_BYTES = 64 * 1024 * 1024


class _StaticGzipCache:
    """Compressed static bodies by (path, validator); bounded so it cannot grow without end."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], bytes] = {}
        self._size = 0
        self._lock = Lock()

    def get_or_compress(self, key: tuple[str, str], body: bytes) -> bytes:
        with self._lock:
            cached = self._items.get(key)
        if cached is not None:
            return cached
        compressed = gzip.compress(body, compresslevel=9, mtime=0)
        with self._lock:
            if self._size + len(compressed) <= _MAX_CACHED_BYTES:
                self._items[key] = compressed
                self._size += len(compressed)
        return compressed


def init_compression(server: Flask) -> None:
    cache = _StaticGzipCache()

    @server.after_request
    def _gzip(response: Response) -> Response:
        if (
            response.status_code != 200
            or "gzip" not in request.headers.get("Accept-Encoding", "").lower()
            or response.headers.get("Content-Encoding")
            or not (response.mimetype or "").startswith(COMPRESSIBLE)
        ):
            return response
        response.direct_passthrough = False
        body = response.get_data()
        if len(body) < MIN_SIZE:
            return response
        if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
            validator = response.headers.get("ETag") or str(len(body))
            compressed = cache.get_or_compress((request.full_path, validator), body)
        else:
            compressed = gzip.compress(body, compresslevel=5)
        response.set_data(compressed)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(compressed))
        response.vary.add("Accept-Encoding")
        return response
