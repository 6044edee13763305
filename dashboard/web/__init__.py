"""Wiring between Flask and the store: one Store per process, created after the fork."""

from __future__ import annotations

from flask import Flask, current_app

from ..store.repository import Store

_KEY = "tracker_store"


def init_store(server: Flask, url: str | None) -> None:
    server.extensions[_KEY] = Store.from_url(url)


def get_store() -> Store:
    """The store of the app handling this request (API routes and Dash callbacks alike)."""
    return current_app.extensions[_KEY]


_DATA_CHANGED = "tracker_data_changed"


def on_data_change(server: Flask, hook) -> None:
    """Call ``hook(server)`` after every upload or rollback made through this app."""
    server.extensions.setdefault(_DATA_CHANGED, []).append(hook)


def data_changed() -> None:
    """Tell the app that a request has just written a revision (the views it keeps are stale)."""
    server = current_app._get_current_object()  # type: ignore[attr-defined]
    for hook in server.extensions.get(_DATA_CHANGED, []):
        hook(server)
