"""Turn uploaded bytes into a table of text cells, refusing what is not a CSV or an XLSX.

Nothing here interprets a value: every cell comes out as text, numbers included, so the
validation rules are the same for CSV and Excel. The real file type is sniffed from the bytes;
the file name is never trusted.

What a file may cost is bounded before the step it would make costly (:class:`ReadLimits`): the
columns of its header and the cells of its grid before a CSV is parsed, the unpacked size of a
workbook's parts before it is opened, its cells and rows while its sheet is read; the data rows
of each kind of file (:attr:`FileSpec.max_rows`) before a row is validated.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np
import pandas as pd

from .problems import FILE_ROW, HEADER_ROW, FileRejected, Problem

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

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_XLSX_RATIO = 200  # a worksheet's XML compresses about 10:1; a bomb by thousands
#: Columns a header may have: the widest template (destinations) has 13.
MAX_COLUMNS = 50
_BOM = "\ufeff"


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


REQUIRED_COLUMNS = ("indicator_id", "period", "value")
OPTIONAL_COLUMNS = ("basis", "unit", "source", "note", "confidence", "illustrative")

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
    "unit": ("unit", "units", "单位", "计量单位"),
}


@dataclass(frozen=True)
class FileSpec:
    """What a kind of upload file looks like: its columns and the header names accepted.

    ``identity`` is the column that names a row (a row blank there is checked cell by cell);
    a row whose ``filled`` columns are all blank is a template row nobody filled in.

    ``max_rows`` is the most data rows one file may hold, ``max_upload_rows`` (if given) the
    most a web upload may hold; both are checked before any row is validated.
    """

    name: str
    required: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    identity: str
    filled: tuple[str, ...] = ()
    max_rows: int | None = None
    max_upload_rows: int | None = None

    def row_limit(self, upload: bool) -> int | None:
        """The most data rows a file may hold (a web upload, or a file on the server)."""
        limits = [n for n in (self.max_rows, self.max_upload_rows if upload else None) if n]
        return min(limits) if limits else None


_ALIAS_TABLES: dict[str, dict[str, str]] = {}


def _alias_table(spec: FileSpec) -> dict[str, str]:
    table = _ALIAS_TABLES.get(spec.name)
    if table is None:
        table = {alias: col for col, aliases in spec.aliases.items() for alias in aliases}
        _ALIAS_TABLES[spec.name] = table
    return table


#: The quarterly figures file of DOMAIN.md. 15 indicators by quarter since 2000 are about 1,700
#: rows; an upload holds at most 20,000 (a file on the server may hold more: each row's key is
#: an indicator of the catalogue and a period, so what is in force stays bounded anyway).
OBSERVATION_FILE = FileSpec(
    name="observations",
    required=REQUIRED_COLUMNS,
    aliases=COLUMN_ALIASES,
    identity="indicator_id",
    filled=("period", "value"),
    max_upload_rows=20_000,
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
    #: canonical column -> its header as the file wrote it ("指标代码", "value / 数值")
    header_names: dict[str, str] = field(default_factory=dict)

    def named_as_in_file(self, problems: list[Problem]) -> list[Problem]:
        """The problems with each column named as the file names it, so staff find it."""
        return [
            replace(p, column=self.header_names[p.column]) if p.column in self.header_names else p
            for p in problems
        ]


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
    """BOM first, then strict UTF-8, then GB18030 (what Excel in China saves). Never latin-1.

    A file that is not UTF-8 throughout but has rows that are (a UTF-8 file with one note
    pasted in GBK) is refused at the first row in the other encoding: read as GB18030, its
    UTF-8 rows would be stored garbled. Stray byte-order marks (U+FEFF) are removed.
    """
    declared = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if declared else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_mixed_encodings(body)
        if declared:
            raise FileRejected(Problem("file_encoding")) from exc
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError:
            raise FileRejected(Problem("file_encoding")) from exc
    return text.replace(_BOM, "") if _BOM in text else text


def _refuse_mixed_encodings(body: bytes) -> None:
    """Refuse bytes whose lines are partly UTF-8, partly not, naming the first line that differs.

    A line counts as UTF-8 only if it decodes as UTF-8 *and* holds a character of three bytes
    or more (Chinese, for one): short GBK words are valid UTF-8 by chance (之前 reads as a
    Hebrew and a Latin letter), but never as Chinese characters.
    """
    first: tuple[bool, int] | None = None  # (is UTF-8, line number) of the first telling line
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            utf8 = False
        else:
            if not any(ord(ch) >= 0x800 for ch in text):
                continue  # two-byte characters only: could be either
            utf8 = True
        if first is None:
            first = (utf8, number)
        elif utf8 != first[0]:
            raise FileRejected(
                Problem("file_mixed_encoding", row=number, params={"first_row": first[1]})
            )


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _too_many_columns(count: int) -> FileRejected:
    return FileRejected(
        Problem("file_too_many_columns", params={"count": count, "limit": MAX_COLUMNS})
    )


def _too_many_cells(limits: ReadLimits) -> FileRejected:
    return FileRejected(Problem("file_too_many_cells", params={"limit": limits.max_cells}))


def _too_many_rows(limit: int, spec: FileSpec) -> FileRejected:
    return FileRejected(
        Problem("file_too_many_rows", params={"limit": limit, "dataset": spec.name})
    )


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


def _read_csv(
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
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    sep = _delimiter(first_line)
    columns = _header_width(first_line, sep)
    if columns > MAX_COLUMNS:
        raise _too_many_columns(columns)
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines * columns > limits.max_cells:
        if row_limit is not None and _filled_lines(data, sep) - 1 > row_limit:
            raise _too_many_rows(row_limit, spec)  # the clearer reason, when it holds
        raise _too_many_cells(limits)
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
    return text.replace(_BOM, "") if _BOM in text else text


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
            raise _too_many_cells(limits)


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


def _read_xlsx(
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
            raise _too_many_columns(width)
        cells = filled = 0
        for r, row in enumerate(sheet.iter_rows(max_col=width), start=1):
            cells += width
            if cells > limits.max_cells:
                raise _too_many_cells(limits)
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
                    raise _too_many_rows(row_limit, spec)
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return frame, formulas


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
        grid, formulas = _read_xlsx(data, limits, row_limit, spec)
        lines = np.arange(1, len(grid) + 1)
    else:
        _sniff_binary(data)
        kind = "csv"
        grid, lines, problems = _read_csv(data, limits, row_limit, spec)
    if grid.empty:
        raise FileRejected(Problem("file_empty"))

    headers = [str(h) for h in grid.iloc[0].tolist()]
    position_of: dict[str, int] = {}
    header_problems: list[Problem] = []
    for position, header in enumerate(headers):
        column = _match_header(header, spec)
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
        raise _too_many_rows(row_limit, spec)

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
