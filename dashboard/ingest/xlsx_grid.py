"""Read an XLSX workbook's first sheet into a grid of text cells, refusing zip bombs first.

A workbook is a zip of XML: a few kilobytes can unpack to gigabytes, and openpyxl parses some
parts whole when it opens the workbook. So the zip's directory and the sheets' cells are
checked before openpyxl sees the bytes, and the rows are counted while the sheet is read.
Every cell comes out as the text a person sees (``2024-03-31``, ``12``), and a formula is
reported rather than trusted for its cached result.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
import zlib
from datetime import date, datetime

import pandas as pd

from .file_spec import OBSERVATION_FILE, FileSpec
from .limits import (
    MAX_COLUMNS,
    MAX_XLSX_RATIO,
    UPLOAD_LIMITS,
    ReadLimits,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from .problems import FileRejected, Problem
from .text_decoding import BOM

__all__ = ["read_xlsx_grid"]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text.replace(BOM, "") if BOM in text else text


#: The parts of a workbook openpyxl parses whole: the worksheets and the shared strings.
_PARSED_PART = re.compile(r"^xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)$", re.IGNORECASE)


def _check_zip(data: bytes, limits: ReadLimits = UPLOAD_LIMITS) -> None:
    """Refuse a workbook that would unpack to too much, or whose sheets hold too many cells.

    Sizes come from the zip's directory: reading a part never yields more than its declared
    size (Python's zipfile stops there and checks the CRC). Cells are counted in the sheets'
    XML (a fast byte count), before openpyxl parses any of it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileRejected(Problem("xlsx_unreadable", params={"detail": "broken zip"})) from exc
    with archive:
        names = archive.namelist()
        if "xl/workbook.xml" not in names:
            raise FileRejected(Problem("file_binary", params={"file_type": "ZIP"}))
        unpacked = sum(info.file_size for info in archive.infolist())
        packed = max(1, sum(info.compress_size for info in archive.infolist()))
        if unpacked > limits.max_xlsx_unpacked or (
            unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO
        ):
            raise FileRejected(
                Problem("xlsx_bomb", params={"size": unpacked, "limit": limits.max_xlsx_unpacked})
            )
        # openpyxl parses the shared strings, and every sheet without a <dimension> once over,
        # when it opens the workbook: those parts together are bounded, and their cells.
        parsed = [info for info in archive.infolist() if _PARSED_PART.match(info.filename)]
        size = sum(info.file_size for info in parsed)
        if size > limits.max_xlsx_part:
            raise FileRejected(
                Problem(
                    "xlsx_sheet_too_large", params={"size": size, "limit": limits.max_xlsx_part}
                )
            )
        try:
            cells = sum(
                _cell_elements(archive.read(info))
                for info in parsed
                if info.filename.lower().startswith("xl/worksheets/")
            )
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise FileRejected(
                Problem("xlsx_unreadable", params={"detail": str(exc)[:200]})
            ) from exc
        if cells > limits.max_cells:
            raise too_many_cells(limits)


_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s/>]")


def _cell_elements(xml: bytes) -> int:
    """How many cells a worksheet's XML writes (``<c ...>``, also with a namespace prefix)."""
    cells = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    if b":c " in xml or b":c>" in xml or b":c/>" in xml:
        cells += len(_PREFIXED_CELL.findall(xml))
    return cells


def _header_cells(sheet) -> int:
    """How many cells the first row has, up to its last non-empty one."""
    for row in sheet.iter_rows(min_row=1, max_row=1):
        filled = [c for c, cell in enumerate(row) if _cell_text(getattr(cell, "value", None))]
        return filled[-1] + 1 if filled else 0
    return 0


def read_xlsx_grid(
    data: bytes,
    limits: ReadLimits = UPLOAD_LIMITS,
    row_limit: int | None = None,
    spec: FileSpec = OBSERVATION_FILE,
) -> tuple[pd.DataFrame, list[tuple[int, int, str]]]:
    """The first worksheet as text; formula cells are reported (row, column index, formula).

    Only the header's columns are read (a cell beyond them has no column to belong to). The
    grid's cells (rows, blank ones included, times columns) and the data rows are counted as
    the rows are read; reading stops at the first row over a limit.
    """
    import openpyxl  # local: only uploads of Excel files pay for it

    _check_zip(data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise FileRejected(Problem("xlsx_unreadable", params={"detail": str(exc)[:200]})) from exc
    formulas: list[tuple[int, int, str]] = []
    rows: list[list[str]] = []
    try:
        sheet = book.worksheets[0]
        width = max(_header_cells(sheet), 1)
        if width > MAX_COLUMNS:
            raise too_many_columns(width)
        cells = filled = 0
        for r, row in enumerate(sheet.iter_rows(max_col=width), start=1):
            cells += width
            if cells > limits.max_cells:
                raise too_many_cells(limits)
            texts = []
            for c, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":  # a formula, never its cached result
                    formulas.append((r, c, str(value)))
                texts.append(_cell_text(value))
            rows.append(texts)
            if row_limit is not None and r > 1 and any(text.strip() for text in texts):
                filled += 1
                if filled > row_limit:
                    raise too_many_rows(row_limit, spec)
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return frame, formulas
