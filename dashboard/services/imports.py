"""The one import path, shared by ``dashboard import`` and the web upload.

    prepare_import(store, bytes, name)  -> read, validate, and preview against the values in force
    commit_import(store, prepared, user) -> one transaction: a new revision and its rows, or nothing

Validation happens on the whole file before anything is written; the commit re-compares inside
its write transaction, so a preview that went stale (another upload in between) is still
applied correctly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from ..audit import audit
from ..core.changes import OBSERVATIONS
from ..core.corridors import DESTINATION, REACH
from ..ingest.corridor_files import (
    DESTINATION_FILE,
    REACH_FILE,
    validate_destinations,
    validate_reach,
)
from ..ingest.problems import FileRejected, Problem
from ..ingest.reader import MAX_UPLOAD_BYTES, OBSERVATION_FILE, read_table
from ..ingest.validate import Validation, validate
from ..store.reference import country_codes
from ..store.repository import CommitResult, RevisionMeta, Store

#: What an upload can carry: the quarterly figures, or one of the corridor files (issue 5).
DATASET_NAMES = (OBSERVATIONS.name, REACH.name, DESTINATION.name)
_FILE_SPECS = {
    OBSERVATIONS.name: OBSERVATION_FILE,
    REACH.name: REACH_FILE,
    DESTINATION.name: DESTINATION_FILE,
}

__all__ = [
    "DATASET_NAMES",
    "PreparedImport",
    "commit_import",
    "prepare_import",
    "safe_file_name",
]


@dataclass
class PreparedImport:
    """A validated upload and its preview; commit it only when ``ok``."""

    file_name: str
    sha256: str
    data: bytes
    validation: Validation
    preview: CommitResult | None
    dataset: str = OBSERVATIONS.name

    @property
    def ok(self) -> bool:
        return self.validation.ok

    @property
    def errors(self) -> list[Problem]:
        return self.validation.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.validation.warnings


def safe_file_name(name: str | None) -> str:
    """The base name only, without control characters: ``../../x.csv`` -> ``x.csv``."""
    base = PurePath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"^\.+", "", base).strip()
    return base[:200] or "upload"


def prepare_import(
    store: Store,
    data: bytes,
    file_name: str | None,
    *,
    today: date | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    preview: bool = True,
    dataset: str = OBSERVATIONS.name,
) -> PreparedImport:
    """Read and validate a file and (with ``preview``) compare it with the values in force.

    ``dataset`` says what the file holds: ``observations`` (the quarterly figures), ``reach``
    (corridor reach snapshots) or ``destinations``. Writes nothing. The preview is for showing
    what would change; a caller that commits straight away can skip it, since the commit
    compares again inside its transaction.
    """
    if dataset not in _FILE_SPECS:
        raise ValueError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASET_NAMES)}")
    name = safe_file_name(file_name)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        raw = read_table(data, max_bytes=max_bytes, spec=_FILE_SPECS[dataset])
    except FileRejected as rejected:
        import pandas as pd

        failed = Validation(rows=pd.DataFrame(), errors=[rejected.problem], error_count=1)
        return PreparedImport(name, sha256, data, failed, None, dataset)
    current = store.current_records(dataset)
    if dataset == REACH.name:
        checked = validate_reach(raw, current, today=today)
    elif dataset == DESTINATION.name:
        checked = validate_destinations(raw, country_codes(), current)
    else:
        checked = validate(raw, store.indicators(), current, today=today)
    # Problems name columns as the file does (指标代码, not indicator_id).
    checked.errors = raw.named_as_in_file(checked.errors)
    checked.warnings = raw.named_as_in_file(checked.warnings)
    planned = None
    if checked.ok and preview:
        meta = RevisionMeta(user_name="", file_name=name, sha256=sha256, dataset=dataset)
        planned = store.apply(checked.rows, meta, dry_run=True)
    return PreparedImport(name, sha256, data, checked, planned, dataset)


def commit_import(
    store: Store,
    prepared: PreparedImport,
    user_name: str,
    *,
    action: str = "import",
    keep_raw: bool = True,
) -> CommitResult:
    """Write a validated upload as one revision (or nothing if it changes nothing)."""
    if not prepared.ok:
        raise ValueError("refusing to commit an upload with errors")
    meta = RevisionMeta(
        user_name=user_name,
        action=action,
        file_name=prepared.file_name,
        sha256=prepared.sha256,
        raw_file=prepared.data if keep_raw else None,
        dataset=prepared.dataset,
    )
    result = store.apply(prepared.validation.rows, meta)
    # The one place every commit passes (the web upload and ``dashboard import``).
    audit(
        "commit",
        user=user_name,
        revision=result.revision_id,
        dataset=prepared.dataset,
        file=prepared.file_name,
        sha256=prepared.sha256,
        rows=result.rows_total,
        **result.counts,
    )
    return result
