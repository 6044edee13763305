"""Helpers for the benchmarks: synthetic catalogues and observation files, timing, memory."""

from __future__ import annotations

import socket
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

KINDS = ("flow", "stock", "share", "growth")


def synthetic_catalogue(n_indicators: int) -> pd.DataFrame:
    """``n`` indicators cycling through the four kinds; ids SYN-000001 and so on."""
    kinds = [KINDS[i % 4] for i in range(n_indicators)]
    return pd.DataFrame(
        {
            "indicator_id": [f"SYN-{i:06d}" for i in range(n_indicators)],
            "pillar": ["economy"] * n_indicators,
            "name_en": [f"Synthetic {i}" for i in range(n_indicators)],
            "name_zh": [f"合成指标 {i}" for i in range(n_indicators)],
            "kind": kinds,
            "unit": ["percent" if k == "share" else "billion CNY" for k in kinds],
            "unit_zh": ["%" if k == "share" else "十亿元" for k in kinds],
            "direction": ["higher"] * n_indicators,
            "target_qualifier": [""] * n_indicators,
            "target_value": [np.nan if k == "growth" else 90.0 for k in kinds],
            "target_growth": [0.1 if k == "growth" else np.nan for k in kinds],
            "target_period": ["2027Q4"] * n_indicators,
            "baseline_period": ["2022Q4"] * n_indicators,
            "target_text": ["synthetic"] * n_indicators,
            "target_source": ["bench"] * n_indicators,
        }
    )


def synthetic_observations(catalogue: pd.DataFrame, quarters: int, seed: int = 7) -> pd.DataFrame:
    """``quarters`` consecutive quarterly rows per indicator, ending 2025Q4."""
    rng = np.random.default_rng(seed)
    n = len(catalogue)
    last = 2025 * 4 + 3
    q = np.arange(last - quarters + 1, last + 1)
    ids = np.repeat(catalogue["indicator_id"].to_numpy(), quarters)
    qq = np.tile(q, n)
    values = np.round(rng.uniform(20, 80, size=n * quarters), 2)
    return pd.DataFrame(
        {
            "indicator_id": ids,
            "period": [f"{x // 4}Q{x % 4 + 1}" for x in qq],
            "value": values,
            "basis": "quarter",
            "source": "bench",
            "note": "",
        }
    )


def median_ms(function: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def free_port() -> int:
    """A free TCP port on loopback, for a server a benchmark starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
