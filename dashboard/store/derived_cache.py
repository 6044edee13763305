"""Values derived from the data (progress, series, views), computed once per data version."""

from __future__ import annotations

from threading import Lock

import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Engine

from ..core.periods import parse_period, quarter_label
from ..core.progress import compute_progress, value_series
from .version import data_token

#: Catalogue columns that :meth:`Store.progress` adds to each row for display.
PROGRESS_WORDING = ["name_en", "name_zh", "target_qualifier", "target_text", "target_source"]


class DerivedCacheMixin:
    """The per-process cache of :class:`~dashboard.store.repository.Store` and what it holds."""

    engine: Engine
    _cache: LRUCache
    _cache_lock: Lock

    # ----- progress (cached per data version) ----------------------------------------------

    def cache_token(self) -> str:
        """What every derived value depends on: the data version and the catalogue's content
        (one cheap read, :func:`.version.data_token`)."""
        return data_token(self.engine)

    def memoize(self, key: tuple, compute):
        """Compute a value derived from the data once per process, until the data changes.

        For views (a page's component tree for one set of parameters): any revision or a
        changed catalogue gives a new token, so nothing stale is ever served. The value must
        be treated as read-only by its users.
        """
        return self._cached(("memo", self.cache_token(), *key), compute)

    def progress(self, as_of: str | None = None, pillar: str | None = None) -> pd.DataFrame:
        """The progress table for a quarter; recomputed only when data or catalogue change.

        The cache is per process and keyed by the newest revision id and the catalogue's
        content, so each gunicorn worker sees another worker's upload (or an ``init-db`` that
        changed a target) on its next request. The returned frame is a copy.
        """
        key = ("progress", self.cache_token(), as_of)
        cached = self._cached(key, lambda: self._compute_progress(self.indicators(), as_of))
        result = cached if pillar is None else cached[cached["pillar"] == pillar]
        out = result.copy()
        out.attrs = dict(cached.attrs)
        return out

    def _compute_progress(self, catalogue: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
        """Progress plus the catalogue's wording (names, qualifier), so pages need no join."""
        observations = self.current_observations()
        result = compute_progress(catalogue, observations, as_of)
        wording = catalogue[["indicator_id", *PROGRESS_WORDING]]
        merged = result.merge(wording, on="indicator_id", how="left", validate="one_to_one")
        merged.attrs = dict(result.attrs)
        merged.attrs["illustrative"] = bool(observations["illustrative"].any())
        return merged

    def quarters_with_data(self) -> list[str]:
        """Every quarter at which some observation is dated, newest first (years at Q4)."""
        key = ("quarters", self.data_version())

        def compute() -> list[str]:
            periods = self.current_observations()["period"].unique()
            quarters = {parse_period(p).end_index for p in periods}
            return [quarter_label(q) for q in sorted(quarters, reverse=True)]

        return list(self._cached(key, compute))

    def series(self, indicator_id: str) -> pd.DataFrame:
        """One indicator's value at every quarter it has one (flows as trailing twelve months)."""
        key = ("series", self.cache_token(), indicator_id)

        def compute() -> pd.DataFrame:
            catalogue = self.indicators()
            catalogue = catalogue[catalogue["indicator_id"] == indicator_id]
            observations = self.current_observations()
            observations = observations[observations["indicator_id"] == indicator_id]
            return value_series(catalogue, observations)

        return self._cached(key, compute).copy()

    def _cached(self, key: tuple, compute):
        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
        return value
