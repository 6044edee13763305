"""The key that signs sessions: configured outside development, kept in instance/ within it."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path


class ConfigurationError(RuntimeError):
    """The app cannot start as configured; the message says what to set."""


def resolve_secret_key(settings: dict) -> str:
    """The signing key for sessions: configured, or (development only) kept in instance/."""
    key = settings.get("SECRET_KEY")  # DASHBOARD_SECRET_KEY, through config.settings()
    if key:
        return key
    if settings.get("ENV") != "development":
        raise ConfigurationError(
            "DASHBOARD_SECRET_KEY is not set. Outside development the tracker needs one secret "
            "key shared by all workers, e.g. DASHBOARD_SECRET_KEY=$(python -c 'import secrets; "
            "print(secrets.token_hex(32))'). For local use set DASHBOARD_ENV=development."
        )
    path = Path(settings.get("INSTANCE_DIR") or "instance") / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Workers start at once: write a private temporary file, then link it into place.
        # link() fails if another worker won, and then everyone reads the winner's key.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.close(fd)
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()
