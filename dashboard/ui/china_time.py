"""Times for staff pages, in China Standard Time (Beijing time) with the zone named.

The store keeps UTC; the people who read the history work in Beijing, so every time they see is
converted here, in one place, and says which zone it is in.
"""

from __future__ import annotations

from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from dash import html

from ..i18n import t


def _china_zone() -> tzinfo:
    """Asia/Shanghai from the tz database; without one (a bare container), the same offset:
    China keeps UTC+8 all year (no daylight saving since 1991)."""
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the host
        return timezone(timedelta(hours=8), "CST")


CHINA = _china_zone()


def china_time(moment, lang: str) -> str:
    """A stored time (UTC; SQLite gives it back without a zone) in China Standard Time, with
    the zone: ``2026-11-30 14:05 CST``, ``2026-11-30 14:05（北京时间）``."""
    if moment is None or pd.isna(moment):
        return "–"
    stamp = pd.Timestamp(moment).to_pydatetime()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return t("staff.time", lang, time=stamp.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"))


def china_time_element(moment, lang: str) -> html.Time | str:
    """The time as :func:`china_time`, machine-readable (UTC) and with the zone's full name."""
    if moment is None or pd.isna(moment):
        return "–"
    stamp = pd.Timestamp(moment).to_pydatetime()
    utc = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    return html.Time(
        china_time(moment, lang),
        dateTime=utc.isoformat(timespec="seconds").replace("+00:00", "Z"),
        title=t("staff.time_zone", lang),
    )
