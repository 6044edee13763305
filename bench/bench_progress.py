"""Progress computation: the shipped catalogue and a synthetic 1,000 indicators x 40 quarters.

Bars (issue 2): 15 indicators in under 20 ms; 40,000 observations in under 200 ms.
Run: ``.venv/bin/python bench/bench_progress.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_ms, synthetic_catalogue, synthetic_observations  # noqa: E402

from dashboard.core.progress import compute_progress  # noqa: E402
from dashboard.services.seed import init_db  # noqa: E402
from dashboard.store.repository import Store  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.from_url(f"sqlite:///{folder}/bench.db")
        init_db(store)
        catalogue, observations = store.indicators(), store.current_observations()
        shipped = median_ms(lambda: compute_progress(catalogue, observations))
        demo_store = Store.from_url(f"sqlite:///{folder}/demo.db")
        init_db(demo_store, demo=True)
        demo_cat, demo_obs = demo_store.indicators(), demo_store.current_observations()
        demo = median_ms(lambda: compute_progress(demo_cat, demo_obs))
        cached_call = median_ms(lambda: store.progress())

    big_catalogue = synthetic_catalogue(1000)
    big_observations = synthetic_observations(big_catalogue, 40)
    big = median_ms(lambda: compute_progress(big_catalogue, big_observations), repeat=9)

    rows = [
        ("shipped catalogue, published data", f"15 x {len(observations)} obs", shipped, 20),
        ("shipped catalogue, demo data", f"15 x {len(demo_obs)} obs", demo, 20),
        ("store.progress() with cache hit", "15 indicators", cached_call, None),
        ("synthetic", f"1,000 x 40 = {len(big_observations):,} obs", big, 200),
    ]
    print("| case | size | median ms | bar ms |")
    print("|---|---|---:|---:|")
    for name, size, ms, bar in rows:
        verdict = "" if bar is None else (" (ok)" if ms < bar else " (OVER)")
        print(f"| {name} | {size} | {ms:.2f} | {bar or '–'}{verdict} |")


if __name__ == "__main__":
    main()
