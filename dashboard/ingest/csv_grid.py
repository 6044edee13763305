"""Split a CSV file into a grid of text cells, bounded before pandas parses it.

A CSV costs what its lines times its header's columns cost, so both are counted on the text
(and, for a clearer refusal, the filled lines on the bytes) before the parser runs. The
delimiter is guessed from the header, since Excel saves commas, tabs or semicolons by locale,
and a row with too many cells is reported at its own line instead of failing the file.
"""

from __future__ import annotations

import csv
import io
import re
import warnings

import numpy as np
import pandas as pd

from .file_spec import OBSERVATION_FILE, FileSpec
from .limits import (
    MAX_COLUMNS,
    UPLOAD_LIMITS,
    ReadLimits,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from .problems import FileRejected, Problem
from .text_decoding import decode_text

__all__ = ["read_csv_grid"]

_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header_width(first_line: str, sep: str) -> int:
    """The header's cells: counted by the delimiter, then (if too many) parsed, for quotes."""
    rough = first_line.count(sep) + 1
    if rough <= MAX_COLUMNS:
        return rough
    try:
        return len(next(csv.reader([first_line], delimiter=sep)))
    except csv.Error:
        return rough


def _filled_lines(data: bytes, sep: str) -> int:
    """Lines holding more than blanks and delimiters (the header too), counted on the bytes.

    Quoted line breaks count as lines here: an upper bound of the rows, cheap on any file.
    """
    buffer = np.frombuffer(data, dtype=np.uint8)
    telling = np.ones(256, dtype=bool)
    telling[list(b" \t\r\n\f\v" + sep.encode("ascii"))] = False
    line_of = np.cumsum(buffer == ord("\n"), dtype=np.int32)
    filled = line_of[telling[buffer]]
    return int(np.count_nonzero(np.diff(filled))) + 1 if len(filled) else 0


def read_csv_grid(
    data: bytes,
    limits: ReadLimits = UPLOAD_LIMITS,
    row_limit: int | None = None,
    spec: FileSpec = OBSERVATION_FILE,
) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """Cells as text, each frame row's line number, and a problem per over-long row.

    A row with more cells than the header is left out of the frame and reported at its own
    line, so one stray comma does not hide every other problem of the file. The header's
    columns and the grid's cells (lines times columns) are bounded before pandas parses it;
    a file over the cells that has more data lines than ``row_limit`` is refused for those.
    """
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    sep = _delimiter(first_line)
    columns = _header_width(first_line, sep)
    if columns > MAX_COLUMNS:
        raise too_many_columns(columns)
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines * columns > limits.max_cells:
        if row_limit is not None and _filled_lines(data, sep) - 1 > row_limit:
            raise too_many_rows(row_limit, spec)  # the clearer reason, when it holds
        raise too_many_cells(limits)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,  # every cell stays text; a blank line is a row of ""
                skip_blank_lines=False,
                engine="c",
                on_bad_lines="warn",
            )
    except pd.errors.EmptyDataError as exc:
        raise FileRejected(Problem("file_empty")) from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileRejected(Problem("csv_unreadable", params={"detail": str(exc)[:200]})) from exc
    bad = [
        (int(line), int(expected), int(saw))
        for warning in caught
        for line, expected, saw in _BAD_LINE.findall(str(warning.message))
    ]
    lines = np.arange(1, len(frame) + len(bad) + 1)
    if bad:
        lines = np.delete(lines, [line - 1 for line, _, _ in bad])
    problems = [
        Problem("row_too_many_cells", row=line, params={"count": saw, "expected": expected})
        for line, expected, saw in bad
    ]
    return frame, lines, problems
