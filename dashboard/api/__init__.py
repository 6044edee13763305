"""JSON API (a Flask blueprint on the Dash server)."""

from .routes import api

__all__ = ["api"]
