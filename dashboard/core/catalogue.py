"""Catalogue types: pillars, indicator kinds, bases, and the checks a catalogue must pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .periods import PeriodError, parse_quarter

__all__ = [
    "BASES",
    "CATALOGUE_COLUMNS",
    "DIRECTIONS",
    "KINDS",
    "PILLARS",
    "Pillar",
    "CatalogueError",
    "bases_for_kind",
    "check_catalogue",
]


@dataclass(frozen=True)
class Pillar:
    id: str
    name_en: str
    name_zh: str
    heading_en: str  # the status heading of seed 004


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        "logistics",
        "Inland international logistics hub and port economy",
        "内陆国际物流枢纽和口岸经济",
        "Open Corridor",
    ),
    Pillar("platform", "High-level open platforms", "高能级开放平台", "Open Platform"),
    Pillar(
        "economy",
        "Demonstration zone for high-quality development of an open economy",
        "开放型经济高质量发展示范区",
        "Open Economy",
    ),
    Pillar(
        "environment",
        "International first-class business environment",
        "国际一流营商环境",
        "Open Environment",
    ),
)
PILLAR_IDS = tuple(p.id for p in PILLARS)

KINDS = ("flow", "stock", "share", "growth")
DIRECTIONS = ("higher", "lower")
BASES = ("quarter", "ytd", "annual")

#: A stock or a share is a level at a point in time: a year-to-date level means nothing.
_BASES_BY_KIND = {
    "flow": BASES,
    "growth": BASES,
    "stock": ("quarter", "annual"),
    "share": ("quarter", "annual"),
}

CATALOGUE_COLUMNS = [
    "indicator_id",
    "pillar",
    "name_en",
    "name_zh",
    "kind",
    "unit",
    "unit_zh",
    "direction",
    "target_qualifier",
    "target_value",
    "target_growth",
    "target_period",
    "baseline_period",
    "target_text",
    "target_source",
]


class CatalogueError(ValueError):
    """The catalogue file breaks a rule; the message lists every problem."""


def bases_for_kind(kind: str) -> tuple[str, ...]:
    return _BASES_BY_KIND[kind]


def check_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a catalogue and return it with typed numeric columns.

    A broken catalogue is a developer's or an administrator's mistake, so every problem is
    collected and raised together rather than one at a time.
    """
    problems: list[str] = []
    missing = [c for c in CATALOGUE_COLUMNS if c not in frame.columns]
    if missing:
        raise CatalogueError(f"catalogue lacks columns: {', '.join(missing)}")
    out = frame[CATALOGUE_COLUMNS].copy()
    for column in ("target_value", "target_growth"):
        out[column] = pd.to_numeric(out[column].replace("", np.nan), errors="coerce")
    ids = out["indicator_id"].astype(str)
    for dup in ids[ids.duplicated()].unique():
        problems.append(f"{dup}: id appears more than once")
    for i, row in out.iterrows():
        label = row["indicator_id"] or f"row {i + 2}"
        if row["pillar"] not in PILLAR_IDS:
            problems.append(f"{label}: pillar {row['pillar']!r} is not one of {PILLAR_IDS}")
        if row["kind"] not in KINDS:
            problems.append(f"{label}: kind {row['kind']!r} is not one of {KINDS}")
        if row["direction"] not in DIRECTIONS:
            problems.append(f"{label}: direction {row['direction']!r} is not one of {DIRECTIONS}")
        growth = row["kind"] == "growth"
        if growth and pd.isna(row["target_growth"]):
            problems.append(f"{label}: a growth indicator needs target_growth (a fraction)")
        if not growth and pd.isna(row["target_value"]):
            problems.append(f"{label}: a level indicator needs target_value")
        for column in ("target_period", "baseline_period"):
            try:
                parse_quarter(row[column])
            except PeriodError as exc:
                problems.append(f"{label}: {column}: {exc}")
    if problems:
        raise CatalogueError("; ".join(problems))
    return out.reset_index(drop=True)
