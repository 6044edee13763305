"""Turn uploaded bytes into a table of text cells, refusing what is not a CSV or an XLSX.

Nothing here interprets a value: every cell comes out as text, numbers included, so the
validation rules are the same for CSV and Excel. The real file type is sniffed from the bytes;
the file name is never trusted.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from .problems import FILE_ROW, HEADER_ROW, FileRejected, Problem

__all__ = [
    "COLUMN_ALIASES",
    "FileSpec",
    "MAX_UPLOAD_BYTES",
    "OBSERVATION_FILE",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "RawTable",
    "read_table",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_XLSX_RATIO = 200  # a worksheet's XML compresses about 10:1; a bomb by thousands

REQUIRED_COLUMNS = ("indicator_id", "period", "value")
OPTIONAL_COLUMNS = ("basis", "source", "note", "confidence", "illustrative")

#: Header names accepted for each column (compared after NFKC folding and lower-casing).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "indicator id", "indicator", "指标代码", "指标编号", "指标id"),
    "period": ("period", "期间", "时期", "报告期"),
    "value": ("value", "数值", "数据", "值"),
    "basis": ("basis", "口径"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "notes", "备注", "说明"),
    "confidence": ("confidence", "可信度"),
    "illustrative": ("illustrative", "示例", "示例数据"),
}


@dataclass(frozen=True)
class FileSpec:
    """What a kind of upload file looks like: its columns and the header names accepted.

    ``identity`` is the column that names a row (a row blank there is checked cell by cell);
    a row whose ``filled`` columns are all blank is a template row nobody filled in.
    """

    name: str
    required: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    identity: str
    filled: tuple[str, ...] = ()

    def column_of(self, folded_header: str) -> str | None:
        return _alias_table(self).get(folded_header)


_ALIAS_TABLES: dict[str, dict[str, str]] = {}


def _alias_table(spec: FileSpec) -> dict[str, str]:
    table = _ALIAS_TABLES.get(spec.name)
    if table is None:
        table = {alias: col for col, aliases in spec.aliases.items() for alias in aliases}
        _ALIAS_TABLES[spec.name] = table
    return table


#: The quarterly figures file of DOMAIN.md.
OBSERVATION_FILE = FileSpec(
    name="observations",
    required=REQUIRED_COLUMNS,
    aliases=COLUMN_ALIASES,
    identity="indicator_id",
    filled=("period", "value"),
)

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"BM", "BMP"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc


@dataclass
class RawTable:
    """Text cells keyed by canonical column name, with each row's number in the file."""

    frame: pd.DataFrame  # canonical columns present in the file, all text
    row_numbers: np.ndarray  # spreadsheet row number of each frame row (header = 1)
    kind: str  # "csv" or "xlsx"
    problems: list[Problem] = field(default_factory=list)  # header and formula problems


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().lower()


def _match_header(header: str, spec: FileSpec = OBSERVATION_FILE) -> str | None:
    """The column a header names, or None for a reference column to ignore.

    Accepted: ``数值``, ``value``, ``value / 数值``, ``数值(value)``, ``value (billion CNY)``
    (the first part names the column) and ``indicator_id 指标代码`` (every word names it).
    Not matched: ``indicator name``, ``unit of value`` (they only mention a column).
    """
    aliases = _alias_table(spec)
    folded = _fold(header)
    if folded in aliases:
        return aliases[folded]
    parts = [p.strip() for p in re.split(r"[/|()\[\]（）【】,，;；\n]", folded) if p.strip()]
    if len(parts) > 1 and parts[0] in aliases:
        named = {aliases[p] for p in parts if p in aliases}
        return named.pop() if len(named) == 1 else None
    words = folded.split(" ")
    if len(words) > 1 and all(w in aliases for w in words):
        named = {aliases[w] for w in words}
        return named.pop() if len(named) == 1 else None
    return None


def _sniff_binary(data: bytes) -> None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise FileRejected(Problem("file_binary", params={"file_type": kind}))
    if data.startswith(_OLE2):
        raise FileRejected(Problem("xls_old"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(Problem("file_utf16"))
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark looks like ASCII with every other byte NUL.
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise FileRejected(Problem("file_utf16"))
        raise FileRejected(Problem("file_binary", params={"file_type": "binary"}))


def _decode(data: bytes) -> str:
    """BOM first, then strict UTF-8, then GB18030 (what Excel in China saves). Never latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileRejected(Problem("file_encoding")) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected(Problem("file_encoding"))


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _read_csv(data: bytes) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """Cells as text, each frame row's line number, and a problem per over-long row.

    A row with more cells than the header is left out of the frame and reported at its own
    line, so one stray comma does not hide every other problem of the file.
    """
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=_delimiter(first_line),
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
    return str(value)


def _check_zip(data: bytes) -> None:
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
        if unpacked > MAX_XLSX_UNPACKED_BYTES or (
            unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO
        ):
            raise FileRejected(
                Problem("xlsx_bomb", params={"size": unpacked, "limit": MAX_XLSX_UNPACKED_BYTES})
            )


def _read_xlsx(data: bytes) -> tuple[pd.DataFrame, list[tuple[int, int, str]]]:
    """The first worksheet as text; formula cells are reported (row, column index, formula)."""
    import openpyxl  # local: only uploads of Excel files pay for it

    _check_zip(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise FileRejected(Problem("xlsx_unreadable", params={"detail": str(exc)[:200]})) from exc
    formulas: list[tuple[int, int, str]] = []
    rows: list[list[str]] = []
    try:
        sheet = book.worksheets[0]
        for r, row in enumerate(sheet.iter_rows(), start=1):
            texts = []
            for c, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":  # a formula, never its cached result
                    formulas.append((r, c, str(value)))
                texts.append(_cell_text(value))
            rows.append(texts)
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return frame, formulas


def read_table(
    data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES, spec: FileSpec = OBSERVATION_FILE
) -> RawTable:
    """Sniff, decode and split a file into text cells under canonical column names.

    Raises :class:`FileRejected` for a file that cannot be a data file at all; header problems
    (a missing or duplicated required column) and formula cells are returned as problems.
    """
    if len(data) == 0 or not data.strip():
        raise FileRejected(Problem("file_empty"))
    if len(data) > max_bytes:
        raise FileRejected(
            Problem("file_too_large", params={"size": len(data), "limit": max_bytes})
        )
    formulas: list[tuple[int, int, str]] = []
    problems: list[Problem] = []
    if data.startswith(b"PK\x03\x04"):
        kind = "xlsx"
        grid, formulas = _read_xlsx(data)
        lines = np.arange(1, len(grid) + 1)
    else:
        _sniff_binary(data)
        kind = "csv"
        grid, lines, problems = _read_csv(data)
    if grid.empty:
        raise FileRejected(Problem("file_empty"))

    headers = [str(h) for h in grid.iloc[0].tolist()]
    position_of: dict[str, int] = {}
    header_problems: list[Problem] = []
    for position, header in enumerate(headers):
        column = _match_header(header, spec)
        if column is None:
            continue  # reference columns (name, unit) in the template are welcome and ignored
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
    return RawTable(frame=frame, row_numbers=row_numbers, kind=kind, problems=problems)


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
