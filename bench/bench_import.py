"""Import speed and memory: our whole pipeline against a bare read-and-insert of the same file.

For 10k, 100k and 1M-row files (synthetic catalogue of rows/40 indicators x 40 quarters):
- ours: ``prepare_import`` (sniff, decode, parse, validate every cell, diff) and
  ``commit_import`` (one transaction: revision, rows, raw file) into a fresh SQLite file;
- bare: ``pandas.read_csv`` and one bulk ``INSERT`` of the same rows through the same engine.
Each run is a separate process, so its peak RSS is its own. Bar (issue 2): ours <= 4x bare.
Run: ``.venv/bin/python bench/bench_import.py [--sizes 10000,100000,1000000]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUARTERS = 40


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ours(csv_path: Path, db_path: Path) -> dict:
    from common import synthetic_catalogue

    from dashboard.services.imports import commit_import, prepare_import
    from dashboard.store.repository import Store

    rows = sum(1 for _ in csv_path.open()) - 1
    store = Store.from_url(f"sqlite:///{db_path}")
    store.create_schema()
    store.upsert_catalogue(synthetic_catalogue(rows // QUARTERS))
    before = _rss_mb()
    start = time.perf_counter()
    # Exactly what `dashboard import FILE` does.
    prepared = prepare_import(
        store, csv_path.read_bytes(), csv_path.name, max_bytes=2**31, preview=False
    )
    assert prepared.ok, [p.as_dict() for p in prepared.errors[:5]]
    result = commit_import(store, prepared, "bench")
    seconds = time.perf_counter() - start
    assert result.added == rows
    return {"seconds": seconds, "peak_mb": _rss_mb(), "start_mb": before, "rows": rows}


def child_bare(csv_path: Path, db_path: Path) -> dict:
    import pandas as pd
    from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

    from dashboard.store.engine import make_engine

    engine = make_engine(f"sqlite:///{db_path}")
    table = Table(
        "observations", MetaData(),
        Column("observation_id", Integer, primary_key=True),
        Column("indicator_id", String(40)), Column("period", String(8)),
        Column("value", Float), Column("basis", String(8)),
        Column("source", Text), Column("note", Text),
    )  # fmt: skip
    table.metadata.create_all(engine)
    before = _rss_mb()
    start = time.perf_counter()
    frame = pd.read_csv(csv_path, dtype={"value": float}, keep_default_na=False)
    columns = ["indicator_id", "period", "value", "basis", "source", "note"]
    statement = f"INSERT INTO observations ({', '.join(columns)}) VALUES ({', '.join('?' * 6)})"
    with engine.begin() as conn:  # the same driver-level executemany our import uses
        conn.exec_driver_sql(statement, list(frame[columns].itertuples(index=False, name=None)))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _rss_mb(), "start_mb": before, "rows": len(frame)}


def run_child(kind: str, csv_path: Path, folder: Path) -> dict:
    db = folder / f"{kind}-{csv_path.stem}.db"
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(csv_path), str(db)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "CSV", "DB"))
    args = parser.parse_args()
    if args.child:
        kind, csv_path, db_path = args.child
        runner = child_ours if kind == "ours" else child_bare
        print(json.dumps(runner(Path(csv_path), Path(db_path))))
        return

    from common import synthetic_catalogue, synthetic_observations

    print("| rows | bare read+insert s | ours s | ratio (bar <= 4) | bare peak MB | ours peak MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            catalogue = synthetic_catalogue(size // QUARTERS)
            csv_path = folder / f"obs-{size}.csv"
            synthetic_observations(catalogue, QUARTERS).to_csv(csv_path, index=False)
            bare = run_child("bare", csv_path, folder)
            ours = run_child("ours", csv_path, folder)
            ratio = ours["seconds"] / bare["seconds"]
            verdict = "ok" if ratio <= 4 else "OVER"
            print(
                f"| {size:,} | {bare['seconds']:.2f} | {ours['seconds']:.2f} | "
                f"{ratio:.2f} ({verdict}) | {bare['peak_mb']:.0f} | {ours['peak_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
