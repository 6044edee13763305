"""The overview's closing section: which targets changed status since the quarter before."""

from __future__ import annotations

import pandas as pd
from dash import html

from ..i18n import t
from .format import format_period
from .what_changed import changes_intro, changes_since_last_quarter, what_changed


def changes_section(store, progress: pd.DataFrame, lang: str, pillar: str | None):
    """What changed since the quarter before, as on the presenter's last slide."""
    old, new, changes, reasons = changes_since_last_quarter(store, progress, lang, pillar)
    return html.Section(
        [
            html.H2(
                t("changed.heading", lang, quarter=format_period(old, lang)),
                className="h5",
                id="what-changed-heading",
            ),
            changes_intro(old, new, lang, "small text-muted"),
            what_changed(changes, lang, old, new, reasons=reasons),
        ],
        className="mb-4",
        **{"aria-labelledby": "what-changed-heading"},
    )
