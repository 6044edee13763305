"""Turn uploaded bytes into a table of text cells, refusing what is not a CSV or an XLSX.

Nothing here interprets a value: every cell comes out as text, numbers included, so the
validation rules are the same for CSV and Excel. The real file type is sniffed from the bytes;
the file name is never trusted.

What a file may cost is bounded before the step it would make costly (:class:`ReadLimits`): the
columns of its header and the cells of its grid before a CSV is parsed, the unpacked size of a
workbook's parts before it is opened, its cells and rows while its sheet is read; the data rows
of each kind of file (:attr:`FileSpec.max_rows`) before a row is validated.

This module is the entry point: it picks the reader for the bytes (:mod:`.csv_grid`,
:mod:`.xlsx_grid`), names the columns from the header (:mod:`.file_spec`) and drops blank rows.
The limits live in :mod:`.limits`; the names other code imports from here are re-exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .csv_grid import read_csv_grid
from .file_spec import (
    COLUMN_ALIASES,
    OBSERVATION_FILE,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    FileSpec,
    match_header,
)
from .limits import (
    MAX_COLUMNS,
    MAX_UPLOAD_BYTES,
    SERVER_FILE_LIMITS,
    UPLOAD_LIMITS,
    ReadLimits,
    limits_for,
    too_many_rows,
)
from .problems import FILE_ROW, HEADER_ROW, FileRejected, Problem
from .text_decoding import refuse_binary
from .xlsx_grid import read_xlsx_grid

__all__ = [
    "COLUMN_ALIASES",
    "FileSpec",
    "MAX_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "OBSERVATION_FILE",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "RawTable",
    "ReadLimits",
    "SERVER_FILE_LIMITS",
    "UPLOAD_LIMITS",
    "limits_for",
    "read_table",
]


@dataclass
class RawTable:
    """Text cells keyed by canonical column name, with each row's number in the file."""

    frame: pd.DataFrame  # canonical columns present in the file, all text
    row_numbers: np.ndarray  # spreadsheet row number of each frame row (header = 1)
    kind: str  # "csv" or "xlsx"
    problems: list[Problem] = field(default_factory=list)  # header and formula problems
    #: canonical column -> its header as the file wrote it ("指标代码", "value / 数值")
    header_names: dict[str, str] = field(default_factory=dict)

    def named_as_in_file(self, problems: list[Problem]) -> list[Problem]:
        """The problems with each column named as the file names it, so staff find it."""
        return [
            replace(p, column=self.header_names[p.column]) if p.column in self.header_names else p
            for p in problems
        ]


def read_table(
    data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES, spec: FileSpec = OBSERVATION_FILE
) -> RawTable:
    """Sniff, decode and split a file into text cells under canonical column names.

    Raises :class:`FileRejected` for a file that cannot be a data file at all, or that is over
    a limit (those of :func:`limits_for` ``max_bytes``, and the spec's rows); header problems
    (a missing or duplicated required column) and formula cells are returned as problems.
    """
    if len(data) == 0 or not data.strip():
        raise FileRejected(Problem("file_empty"))
    if len(data) > max_bytes:
        raise FileRejected(
            Problem("file_too_large", params={"size": len(data), "limit": max_bytes})
        )
    limits = limits_for(max_bytes)
    row_limit = spec.row_limit(limits.upload)
    formulas: list[tuple[int, int, str]] = []
    problems: list[Problem] = []
    if data.startswith(b"PK\x03\x04"):
        kind = "xlsx"
        grid, formulas = read_xlsx_grid(data, limits, row_limit, spec)
        lines = np.arange(1, len(grid) + 1)
    else:
        refuse_binary(data)
        kind = "csv"
        grid, lines, problems = read_csv_grid(data, limits, row_limit, spec)
    if grid.empty:
        raise FileRejected(Problem("file_empty"))

    headers = [str(h) for h in grid.iloc[0].tolist()]
    position_of: dict[str, int] = {}
    header_problems: list[Problem] = []
    for position, header in enumerate(headers):
        column = match_header(header, spec)
        if column is None:
            continue  # reference columns (the name) in the template are welcome and ignored
        if column in position_of:
            header_problems.append(
                Problem("column_duplicate", row=HEADER_ROW, column=column, value=header)
            )
            continue
        position_of[column] = position
    for column in spec.required:
        if column not in position_of:
            header_problems.append(Problem("column_missing", row=HEADER_ROW, column=column))

    body = grid.iloc[1:]
    row_numbers = lines[1:]
    blank = _blank_rows(body, position_of.get(spec.identity))
    blank |= _unfilled_template_rows(body, position_of, spec.filled)
    if blank.any():
        body, row_numbers = body[~blank], row_numbers[~blank]
    if row_limit is not None and len(body) > row_limit:
        raise too_many_rows(row_limit, spec)

    frame = pd.DataFrame(
        {column: body.iloc[:, pos].to_numpy(dtype=object) for column, pos in position_of.items()}
    )
    column_at = {pos: column for column, pos in position_of.items()}
    formula_problems = [
        Problem("formula_cell", row=r, column=column_at.get(c, headers[c]), value=formula)
        for r, c, formula in formulas
        if r > 1
    ]
    problems = header_problems + problems + formula_problems
    if not problems and frame.empty:
        raise FileRejected(Problem("file_no_rows", row=FILE_ROW))
    header_names = {column: headers[position].strip() for column, position in position_of.items()}
    return RawTable(
        frame=frame,
        row_numbers=row_numbers,
        kind=kind,
        problems=problems,
        header_names=header_names,
    )


def _unfilled_template_rows(
    body: pd.DataFrame, position_of: dict[str, int], filled: tuple[str, ...]
) -> np.ndarray:
    """Template rows nobody filled in: an indicator named, but neither period nor value (for
    the quarterly file; each file kind names its own ``filled`` columns)."""
    if not filled or any(column not in position_of for column in filled):
        return np.zeros(len(body), dtype=bool)
    unfilled = np.ones(len(body), dtype=bool)
    for column in filled:
        unfilled &= (body.iloc[:, position_of[column]].str.strip() == "").to_numpy()
    return unfilled


def _blank_rows(body: pd.DataFrame, id_position: int | None) -> np.ndarray:
    """Rows with nothing but empty or white-space cells (blank lines, Excel's ",,,,").

    Their line numbers still count, so every reported row number is the file's own. Cheap for
    a large file: only rows whose id cell is blank are looked at cell by cell.
    """
    blank = ~(body != "").to_numpy().any(axis=1)
    key = body.iloc[:, id_position] if id_position is not None else body.iloc[:, 0]
    suspects = ~blank & (key.str.strip() == "").to_numpy()
    if suspects.any():
        rows = body[suspects]
        blank[suspects] = ~rows.apply(lambda col: col.str.strip() != "").to_numpy().any(axis=1)
    return blank
