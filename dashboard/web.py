"""Wiring between Flask and the store: one Store per process, created after the fork."""

from __future__ import annotations

from flask import Flask, current_app

from .store.repository import Store

_KEY = "tracker_store"


def init_store(server: Flask, url: str | None) -> None:
    server.extensions[_KEY] = Store.from_url(url)


def get_store() -> Store:
    """The store of the app handling this request (API routes and Dash callbacks alike)."""
    return current_app.extensions[_KEY]
