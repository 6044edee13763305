"""``dashboard init-db``: schema, catalogue, and the shipped data through the import path.

The shipped observations are loaded by the same validation and commit code as any upload, as
revision 1 by user ``init-db``, so their provenance is recorded like everyone else's; so are the
corridor reach snapshots and destinations (issue 5), each as its own revision, which staff then
keep current by upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.catalogue import check_catalogue
from ..store.repository import Store
from .imports import commit_import, prepare_import

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CATALOGUE_FILE = "indicators.csv"
OBSERVATIONS_FILE = "observations.csv"
DEMO_FILE = "demo_observations.csv"
#: The corridor files loaded as their datasets' first revisions (see data/README.md).
CORRIDOR_SEED_FILES = {"reach": "corridor_reach.csv", "destinations": "destinations.csv"}
SEED_USER = "init-db"


class SeedError(RuntimeError):
    """The shipped data failed validation or the database is not in a state to seed."""


@dataclass
class SeedReport:
    indicators: int
    revision_id: int | None
    rows: int
    skipped_reason: str | None = None
    #: dataset -> (revision, rows) for each corridor file loaded
    corridor_revisions: dict[str, tuple[int, int]] | None = None


def load_catalogue(folder: Path | None = None) -> pd.DataFrame:
    path = (folder or DATA_DIR) / CATALOGUE_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return check_catalogue(frame)


def init_db(
    store: Store, *, empty: bool = False, demo: bool = False, folder: Path | None = None
) -> SeedReport:
    """Create the schema, upsert the catalogue and, on an empty database, load one data file.

    Safe to run twice: the catalogue is updated in place and data is loaded only while the
    database has no revision. ``demo`` loads the illustrative file instead of the real one, so
    invented figures never mix with published ones.
    """
    folder = folder or DATA_DIR
    store.create_schema()
    count = store.upsert_catalogue(load_catalogue(folder))
    if empty:
        return SeedReport(count, None, 0, "empty database requested")
    if store.has_revisions("observations"):
        corridors = _seed_corridors(store, folder)
        return SeedReport(count, None, 0, "the database already holds data", corridors)

    file_name = DEMO_FILE if demo else OBSERVATIONS_FILE
    prepared = _prepared(store, folder, file_name, "observations")
    if demo and not prepared.validation.rows["illustrative"].all():
        raise SeedError(f"{file_name}: every row must be marked illustrative")
    result = commit_import(store, prepared, SEED_USER, action="seed")
    corridors = _seed_corridors(store, folder)
    return SeedReport(count, result.revision_id, result.added, None, corridors)


def _prepared(store: Store, folder: Path, file_name: str, dataset: str):
    data = (folder / file_name).read_bytes()
    prepared = prepare_import(store, data, file_name, preview=False, dataset=dataset)
    if not prepared.ok:
        details = "; ".join(f"row {p.row} {p.column}: {p.message()}" for p in prepared.errors[:20])
        raise SeedError(f"{file_name} does not validate: {details}")
    return prepared


def _seed_corridors(store: Store, folder: Path) -> dict[str, tuple[int, int]]:
    """Load each corridor file whose dataset has no revision yet (also into an older database
    that predates corridor uploads); returns the revision written and its rows per dataset."""
    written = {}
    for dataset, file_name in CORRIDOR_SEED_FILES.items():
        if store.has_revisions(dataset) or not (folder / file_name).exists():
            continue
        prepared = _prepared(store, folder, file_name, dataset)
        result = commit_import(store, prepared, SEED_USER, action="seed")
        if result.revision_id is not None:
            written[dataset] = (result.revision_id, result.added)
    return written
