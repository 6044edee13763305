"""What reading one file may cost, and the refusal a reader raises when a file costs more.

The CSV and the XLSX readers bound the same things (bytes, header columns, grid cells, data
rows) and must refuse with the same problems, so the limits and those refusals live here once.
A web upload and a file on the server's own disk get different limits: :func:`limits_for`
picks them from the byte limit the caller was given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .problems import FileRejected, Problem

if TYPE_CHECKING:
    from .file_spec import FileSpec

__all__ = [
    "MAX_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_UNPACKED_BYTES",
    "ReadLimits",
    "SERVER_FILE_LIMITS",
    "UPLOAD_LIMITS",
    "limits_for",
    "too_many_cells",
    "too_many_columns",
    "too_many_rows",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_XLSX_RATIO = 200  # a worksheet's XML compresses about 10:1; a bomb by thousands
#: Columns a header may have: the widest template (destinations) has 13.
MAX_COLUMNS = 50


@dataclass(frozen=True)
class ReadLimits:
    """What reading one file may cost at most; each is checked before the step it bounds.

    ``max_cells`` bounds the grid held in memory: its rows (blank ones included) times the
    columns of its header, counted from the bytes before a CSV is parsed and row by row while
    a sheet is read; and the cells a workbook's sheets write, counted in their XML before
    openpyxl parses it. ``max_xlsx_part`` bounds the worksheets and the shared strings
    unpacked (what openpyxl parses), ``max_xlsx_unpacked`` every part of the workbook.
    """

    max_bytes: int
    max_cells: int
    max_xlsx_part: int
    max_xlsx_unpacked: int = MAX_XLSX_UNPACKED_BYTES
    upload: bool = True


#: A web upload: refused or read in seconds, in a worker's memory. 200,000 cells are the
#: largest upload (20,000 rows) with 10 columns (the quarterly template has 8); openpyxl reads
#: some 30,000-50,000 cells a second, so they bound an Excel file's time too. A 20,000-row
#: sheet is about 7 MB of XML.
UPLOAD_LIMITS = ReadLimits(
    max_bytes=MAX_UPLOAD_BYTES, max_cells=200_000, max_xlsx_part=20 * 1024 * 1024
)
#: A file on the server's own disk (``dashboard import``): as large as an administrator needs
#: (the benchmarks import a million rows), bounded only against files that are not data.
SERVER_FILE_LIMITS = ReadLimits(
    max_bytes=2 * 1024**3,
    max_cells=50_000_000,
    max_xlsx_part=MAX_XLSX_UNPACKED_BYTES,
    upload=False,
)


def limits_for(max_bytes: int) -> ReadLimits:
    """The upload's limits for a byte limit up to the upload's own, else a server file's."""
    base = UPLOAD_LIMITS if max_bytes <= MAX_UPLOAD_BYTES else SERVER_FILE_LIMITS
    return replace(base, max_bytes=max_bytes)


def too_many_columns(count: int) -> FileRejected:
    return FileRejected(
        Problem("file_too_many_columns", params={"count": count, "limit": MAX_COLUMNS})
    )


def too_many_cells(limits: ReadLimits) -> FileRejected:
    return FileRejected(Problem("file_too_many_cells", params={"limit": limits.max_cells}))


def too_many_rows(limit: int, spec: FileSpec) -> FileRejected:
    return FileRejected(
        Problem("file_too_many_rows", params={"limit": limit, "dataset": spec.name})
    )
