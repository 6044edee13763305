"""What counts as "no value" in a progress row: one rule for every page, slide and export."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["is_missing"]


def is_missing(value: object) -> bool:
    """``None``, pandas' ``NA`` or a float NaN (a progress frame holds all three where a
    figure is unknown); ``0`` and empty text are values."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
