"""Presenter mode's addresses: which slides a deck holds, the URL of each, the auto-advance."""

from __future__ import annotations

from ..core.catalogue import PILLAR_IDS
from .components import page_url
from .slides import CHANGES, SLIDES

PATH = "/present"
#: Auto-advance bounds in seconds: below 3 nobody can read a slide; an hour is a still frame.
AUTO_MIN, AUTO_MAX = 3, 3600


def auto_seconds(text: str | None) -> int | None:
    """``auto`` from the URL as whole seconds within bounds, or ``None`` (no auto-advance)."""
    try:
        seconds = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return min(max(seconds, AUTO_MIN), AUTO_MAX) if seconds > 0 else None


def deck(pillar: str | None) -> tuple[str, ...]:
    """The slides for the overview's filter: one pillar and its changes, or all of them."""
    return (pillar, CHANGES) if pillar in PILLAR_IDS else SLIDES


def slide_url(
    pillar: str | None, slide: str, lang: str, as_of: str | None, auto: int | None
) -> str:
    """The address of ``slide`` in the deck of ``pillar`` (the deck's first: no ``slide``)."""
    return page_url(
        PATH,
        pillar=pillar,
        slide=None if slide == deck(pillar)[0] else slide,
        lang=lang,
        as_of=as_of,
        auto=str(auto) if auto else None,
    )
