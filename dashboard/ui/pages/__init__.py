"""Pages, registered by :func:`register_pages` (not at import, so every app gets its own)."""

from __future__ import annotations

import dash


def register_pages() -> None:
    from . import not_found, overview

    dash.page_registry.clear()
    overview.register()
    not_found.register()
