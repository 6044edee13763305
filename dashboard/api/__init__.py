"""JSON API and downloads (a Flask blueprint on the Dash server)."""

from . import progress_export  # noqa: F401  (registers /export/progress.* on the blueprint)
from .routes import api

__all__ = ["api"]
