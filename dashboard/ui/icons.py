"""Bootstrap Icons beside words: decoration only, so screen readers skip them.

Every icon in the tracker stands next to a word that says the same thing (status is never
colour or icon alone), so each is ``aria-hidden``. The icon font is served by the app itself.
"""

from __future__ import annotations

from dash import html


def icon(name: str, gap: str = "") -> html.I:
    """The icon ``name`` (a Bootstrap Icons class, ``bi-printer``), hidden from screen readers;
    ``gap`` is a Bootstrap margin class (``me-1``) that spaces it from its word."""
    return html.I(className=f"bi {name} {gap}".rstrip(), **{"aria-hidden": "true"})
