"""The reader and the validation, driven with real files written to disk.

Every file is built byte by byte (CSV in UTF-8, UTF-8 with a BOM, GBK/GB18030; XLSX saved by
openpyxl; a PNG, UTF-16, an old .xls, a zip bomb) and goes through the one import path,
``prepare_import``, exactly as an upload does. A rejected file must report every problem (code,
row, column, the value given, a message in both languages) and leave the database untouched.

Row numbers count as a spreadsheet does: the header is row 1, the first data row is row 2, and a
file-level problem has row 0.
"""

from __future__ import annotations

import functools
import io
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import FIRST_UPLOAD
from test_corridor_upload import CORRIDOR_CODES_TESTED
from test_defects_data import DEFECT_CODES_TESTED
from test_upload_units import UNIT_CODES_TESTED

from dashboard.i18n import problems_en
from dashboard.ingest.reader import MAX_UPLOAD_BYTES
from dashboard.services.imports import commit_import, prepare_import, safe_file_name
from dashboard.store.repository import Store

HEADER = "indicator_id,period,value,basis,source,note"
HEADER_ZH = "指标代码,期间,数值,口径,来源,备注"
TODAY = date(2025, 11, 1)  # 2025Q4: 2026Q1 is in the future
BOMB_MIB = 150  # unpacked size of the zip bomb's worksheet, over the 100 MB limit
RATIO_BOMB_MIB = 20  # under the limit, but compressed far more than a real worksheet

#: Every problem code the tracker can report: the ``problem.*`` keys of the English messages.
ALL_PROBLEM_CODES = {
    key.removeprefix("problem.")
    for key in problems_en.MESSAGES
    if key.startswith("problem.") and key != "problem.more"
}


# ----- builders ------------------------------------------------------------------------------


def csv_bytes(
    *rows: str, header: str = HEADER, encoding: str = "utf-8", newline: str = "\n"
) -> bytes:
    """A CSV file: the header, the rows, a final newline; encoded as staff's tools save it."""
    return newline.join([header, *rows, ""]).encode(encoding)


def xlsx_bytes(*rows: list | None) -> bytes:
    """A workbook saved by openpyxl; ``None`` leaves a row (or a cell) truly empty.

    A text starting with ``=`` becomes a formula cell, as in Excel.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row or [], start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A valid 1x1 grey PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return buffer.getvalue()


@functools.cache
def zip_bomb(mebibytes: int = BOMB_MIB) -> bytes:
    """An "xlsx" whose worksheet unpacks to ``mebibytes`` MiB of zeros (written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"\0" * (1 << 20)
            for _ in range(mebibytes):
                sheet.write(chunk)
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write the upload to disk (under its base name) and return the path."""
    path = tmp_path / (Path(name.replace("\\", "/")).name or "upload")
    path.write_bytes(data)
    return path


def snapshot(store: Store) -> tuple[pd.DataFrame, pd.DataFrame, bytes | None]:
    """Everything a write would change: history, revisions and, for SQLite, a full SQL dump."""
    dump = None
    if store.engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(store.engine.url.database)) as conn:
            dump = "\n".join(conn.iterdump()).encode("utf-8")
    return store.observation_history(), store.revisions(), dump


def assert_unchanged(store: Store, before: tuple) -> None:
    history, revisions, dump = snapshot(store)
    pd.testing.assert_frame_equal(history, before[0])
    pd.testing.assert_frame_equal(revisions, before[1])
    assert dump == before[2]


def triples(problems) -> list[tuple[str, int, str, str]]:
    return [(p.code, p.row, p.column, p.value) for p in problems]


def assert_bilingual(problems) -> None:
    for problem in problems:
        english, chinese = problem.message("en"), problem.message("zh")
        assert english.strip() and chinese.strip()
        assert english != chinese


# ----- rejected files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejected:
    """A file and exactly the errors it must report: (code, row, column, value given)."""

    name: str
    build: Callable[[], bytes]
    expected: tuple[tuple[str, int, str, str], ...]
    file_name: str = "upload.csv"
    in_message: str = ""  # text the first error's English message must contain


def param(case, *marks):
    """A case as a pytest parameter named after it."""
    return pytest.param(case, id=case.name, marks=marks)


def as_params(cases: list) -> list:
    """Every case as a parameter (those with marks already are)."""
    return [case if hasattr(case, "marks") else param(case) for case in cases]


LONG_NOTE = "x" * 2001

REJECTIONS = [
    # -- the file as a whole --
    param(Rejected("empty_file", lambda: b"", (("file_empty", 0, "", ""),))),
    param(Rejected("only_whitespace", lambda: b"  \r\n\n\t\n", (("file_empty", 0, "", ""),))),
    param(Rejected("header_only", lambda: csv_bytes(), (("file_no_rows", 0, "", ""),))),
    param(
        Rejected(
            "header_only_gbk_chinese",
            lambda: csv_bytes(header=HEADER_ZH, encoding="gbk"),
            (("file_no_rows", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "header_and_blank_lines_only",
            lambda: csv_bytes("", ",,,,,", ""),
            (("file_no_rows", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "png_renamed_csv",
            png_bytes,
            (("file_binary", 0, "", ""),),
            file_name="figures.csv",
            in_message="PNG",
        )
    ),
    param(
        Rejected(
            "utf16_with_bom",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,,", encoding="utf-16"),
            (("file_utf16", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "utf16_without_bom",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,,", encoding="utf-16-le"),
            (("file_utf16", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "latin1_text",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,,café", encoding="latin-1"),
            (("file_encoding", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "bom_then_invalid_utf8",
            lambda: b"\xef\xbb\xbf" + csv_bytes("ECO-TRADE,2025Q3,1,,,café", encoding="latin-1"),
            (("file_encoding", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "old_xls",
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            (("xls_old", 0, "", ""),),
            file_name="data.xls",
        )
    ),
    param(
        Rejected(
            "too_large",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,," + "x" * MAX_UPLOAD_BYTES),
            (("file_too_large", 0, "", ""),),
            in_message=f"the limit is {MAX_UPLOAD_BYTES} bytes",
        )
    ),
    param(
        Rejected(
            "csv_row_with_an_extra_field",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,,+12 %, exports 558"),
            (("row_too_many_cells", 2, "", ""),),
        )
    ),
    param(
        Rejected(
            "csv_unterminated_quote",
            lambda: csv_bytes('ECO-TRADE,2025Q3,1,,,"never closed'),
            (("csv_unreadable", 0, "", ""),),
        )
    ),
    param(
        Rejected(
            "broken_zip",
            lambda: b"PK\x03\x04" + b"not really a zip" * 4,
            (("xlsx_unreadable", 0, "", ""),),
            file_name="q3.xlsx",
        )
    ),
    param(
        Rejected(
            "zip_without_workbook",
            lambda: zip_bytes({"readme.txt": b"hello"}),
            (("file_binary", 0, "", ""),),
            file_name="q3.xlsx",
            in_message="ZIP",
        )
    ),
    param(
        Rejected(
            "xlsx_without_content_types",
            lambda: zip_bytes({"xl/workbook.xml": b"<workbook/>"}),
            (("xlsx_unreadable", 0, "", ""),),
            file_name="q3.xlsx",
        )
    ),
    param(
        Rejected(
            "xlsx_zip_bomb_over_the_size_limit",
            zip_bomb,
            (("xlsx_bomb", 0, "", ""),),
            file_name="bomb.xlsx",
            in_message="104857600-byte limit",
        )
    ),
    param(
        Rejected(
            "xlsx_zip_bomb_by_compression_ratio",
            lambda: zip_bomb(RATIO_BOMB_MIB),
            (("xlsx_bomb", 0, "", ""),),
            file_name="bomb.xlsx",
        )
    ),
    # -- the header --
    param(
        Rejected(
            "missing_required_column_value",
            lambda: csv_bytes("ECO-TRADE,2025Q3,quarter", header="indicator_id,period,basis"),
            (("column_missing", 1, "value", ""),),
        ),
    ),
    param(
        Rejected(
            "duplicate_required_column_value_and_its_chinese_alias",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,2", header="indicator_id,period,value,数值"),
            (("column_duplicate", 1, "value", "数值"),),
        ),
    ),
    # -- cells --
    param(
        Rejected(
            "unknown_id",
            lambda: csv_bytes("ECO-TRAD,2025Q3,1,,,"),
            (("id_unknown", 2, "indicator_id", "ECO-TRAD"),),
            in_message="ECO-TRAD",
        )
    ),
    param(
        Rejected(
            "empty_id",
            lambda: csv_bytes(",2025Q3,1,,,"),
            (("id_empty", 2, "indicator_id", ""),),
        )
    ),
    param(
        Rejected(
            "unparseable_periods",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q5,1,,,", "ECO-TRADE,soon,1,,,", "ECO-TRADE,2025/09,1,,,"
            ),
            (
                ("period_invalid", 2, "period", "2025Q5"),
                ("period_invalid", 3, "period", "soon"),
                ("period_invalid", 4, "period", "2025/09"),
            ),
        )
    ),
    param(
        Rejected(
            "empty_period",
            lambda: csv_bytes("ECO-TRADE,,1,,,"),
            (("period_empty", 2, "period", ""),),
        )
    ),
    param(
        Rejected(
            "non_numeric_values",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q1,N/A,,,", "ECO-TRADE,2025Q2,—,,,", "ECO-TRADE,2025Q3,abc,,,"
            ),
            (
                ("value_not_number", 2, "value", "N/A"),
                ("value_not_number", 3, "value", "—"),
                ("value_not_number", 4, "value", "abc"),
            ),
        ),
    ),
    param(
        Rejected(
            "empty_value",
            lambda: csv_bytes("ECO-TRADE,2025Q3,,,,"),
            (("value_empty", 2, "value", ""),),
        ),
    ),
    param(
        Rejected(
            "percent_sign_for_a_non_percent_indicator",
            lambda: csv_bytes("ECO-TRADE,2025Q3,12%,,,"),
            (("value_percent", 2, "value", "12%"),),
        ),
    ),
    param(
        Rejected(
            "negative_value",
            lambda: csv_bytes("ECO-TRADE,2025Q3,-5,,,"),
            (("value_negative", 2, "value", "-5"),),
        )
    ),
    param(
        Rejected(
            "share_above_100",
            lambda: csv_bytes("ECO-HITECH-SHARE,2025Q3,120,,,", "ECO-HITECH-SHARE,2025Q2,120%,,,"),
            (
                ("share_out_of_range", 2, "value", "120"),
                ("share_out_of_range", 3, "value", "120%"),
            ),
        ),
    ),
    param(
        Rejected(
            "negative_share_is_reported_once_as_negative",
            lambda: csv_bytes("ECO-HITECH-SHARE,2025Q3,-5,,,"),
            (("value_negative", 2, "value", "-5"),),
        )
    ),
    param(
        Rejected(
            "invalid_basis",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,weekly,,"),
            (("basis_invalid", 2, "basis", "weekly"),),
            in_message="weekly",
        )
    ),
    param(
        Rejected(
            "ytd_for_a_stock",
            lambda: csv_bytes("ECO-FORTUNE500,2025Q3,330,ytd,,"),
            (("basis_not_for_kind", 2, "basis", "ytd"),),
            in_message="stock",
        )
    ),
    param(
        Rejected(
            "bare_year_with_basis_quarter",
            lambda: csv_bytes("ECO-TRADE,2023,1,quarter,,"),
            (("basis_year_needs_annual", 2, "basis", "quarter"),),
        )
    ),
    param(
        Rejected(
            "basis_annual_with_a_quarter_period",
            lambda: csv_bytes("ECO-TRADE,2023Q3,1,annual,,"),
            (("basis_annual_needs_year", 2, "basis", "annual"),),
        )
    ),
    param(
        Rejected(
            "same_indicator_and_period_twice_in_two_spellings",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q3,1,,,", "ECO-TRADE,2025Q2,1,,,", "eco-trade,2025-Q3,2,,,"
            ),
            (("duplicate_key", 4, "indicator_id", "eco-trade"),),
            in_message="row 2",
        )
    ),
    param(
        Rejected(
            "formula_cell_in_xlsx_value",
            lambda: xlsx_bytes(
                ["indicator_id", "period", "value"], ["ECO-TRADE", "2025Q3", "=SUM(1,2)"]
            ),
            (("formula_cell", 2, "value", "=SUM(1,2)"),),
            file_name="q3.xlsx",
        ),
    ),
    param(
        Rejected(
            "formula_cell_in_xlsx_note",
            lambda: xlsx_bytes(
                ["indicator_id", "period", "value", "note"], ["ECO-TRADE", "2025Q3", 5, "=A1"]
            ),
            (("formula_cell", 2, "note", "=A1"),),
            file_name="q3.xlsx",
        )
    ),
    param(
        Rejected(
            "invalid_confidence",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q3,1,Z", header="indicator_id,period,value,confidence"
            ),
            (("confidence_invalid", 2, "confidence", "Z"),),
        )
    ),
    param(
        Rejected(
            "invalid_illustrative_flag",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q3,1,maybe", header="indicator_id,period,value,illustrative"
            ),
            (("illustrative_invalid", 2, "illustrative", "maybe"),),
        )
    ),
    param(
        Rejected(
            "note_too_long",
            lambda: csv_bytes(f"ECO-TRADE,2025Q3,1,,,{LONG_NOTE}"),
            (("text_too_long", 2, "note", LONG_NOTE),),
            in_message="2000",
        )
    ),
    # -- where problems are reported --
    param(
        Rejected(
            "every_problem_at_once_in_row_order",
            lambda: csv_bytes(
                "ECO-TRADE,2025Q3,abc,,,", "XX,2025Q9,5,,,", "ECO-TRADE,2025Q2,5,weekly,,"
            ),
            (
                ("value_not_number", 2, "value", "abc"),
                ("id_unknown", 3, "indicator_id", "XX"),
                ("period_invalid", 3, "period", "2025Q9"),
                ("basis_invalid", 4, "basis", "weekly"),
            ),
        ),
    ),
    param(
        Rejected(
            "blank_lines_keep_the_file_line_numbers",
            lambda: csv_bytes("ECO-TRADE,2025Q3,1,,,", "", ",,,,,", "ECO-TRADE,2025Q2,abc,,,"),
            (("value_not_number", 5, "value", "abc"),),
        ),
    ),
    param(
        Rejected(
            "crlf_and_blank_lines_keep_the_file_line_numbers",
            lambda: csv_bytes("", "ECO-TRADE,2025Q2,abc,,,", newline="\r\n"),
            (("value_not_number", 3, "value", "abc"),),
        ),
    ),
    param(
        Rejected(
            "xlsx_blank_rows_keep_the_sheet_row_numbers",
            lambda: xlsx_bytes(
                ["indicator_id", "period", "value"],
                ["ECO-TRADE", "2025Q3", 5],
                None,
                [None, None, None],
                ["ECO-TRADE", "2025Q2", "abc"],
            ),
            (("value_not_number", 5, "value", "abc"),),
            file_name="q3.xlsx",
        ),
    ),
    param(
        Rejected(
            "utf8_bom_file_with_a_bad_value",
            lambda: csv_bytes("ECO-TRADE,2025Q3,12 亿,,,", encoding="utf-8-sig"),
            (("value_not_number", 2, "value", "12 亿"),),
        ),
    ),
    param(
        Rejected(
            "gb18030_chinese_headers_with_a_bad_period",
            lambda: csv_bytes(
                "ECO-TRADE,2025年第五季度,1,当季,重庆海关,说明",
                header=HEADER_ZH,
                encoding="gb18030",
            ),
            # The column as the file names it (issue 12: 期间, not period).
            (("period_invalid", 2, "期间", "2025年第五季度"),),
        )
    ),
]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("case", REJECTIONS)
def test_rejected_file_reports_every_problem_and_writes_nothing(case, seeded_store, tmp_path):
    path = write(tmp_path, case.file_name, case.build())
    before = snapshot(seeded_store)

    prepared = prepare_import(seeded_store, path.read_bytes(), case.file_name, today=TODAY)

    assert not prepared.ok
    assert prepared.preview is None
    assert triples(prepared.errors) == list(case.expected)
    assert prepared.validation.error_count == len(case.expected)
    assert prepared.validation.rows.empty
    assert_bilingual(prepared.errors)
    assert case.in_message in prepared.errors[0].message("en")
    assert_unchanged(seeded_store, before)


def test_a_file_with_many_problems_is_rejected_alike_on_both_databases(seeded_store, tmp_path):
    """The same file on SQLite and PostgreSQL: the same problems, nothing written."""
    data = csv_bytes(
        "ECO-TRADE,2025Q3,-5,,,",
        "XX,2025Q9,5,,,",
        "ECO-FORTUNE500,2025Q2,330,ytd,,",
        "ECO-TRADE,2025-Q3,5,,,",
    )
    path = write(tmp_path, "q3.csv", data)
    before = snapshot(seeded_store)
    prepared = prepare_import(seeded_store, path.read_bytes(), "q3.csv", today=TODAY)
    assert triples(prepared.errors) == [
        ("value_negative", 2, "value", "-5"),
        ("id_unknown", 3, "indicator_id", "XX"),
        ("period_invalid", 3, "period", "2025Q9"),
        ("basis_not_for_kind", 4, "basis", "ytd"),
        ("duplicate_key", 5, "indicator_id", "ECO-TRADE"),
    ]
    assert prepared.errors[-1].params == {"first_row": 2}
    assert_unchanged(seeded_store, before)


def test_the_zip_bomb_is_small_on_disk_but_declares_over_100_mb(tmp_path):
    path = write(tmp_path, "bomb.xlsx", zip_bomb())
    assert path.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(path) as archive:
        assert "xl/workbook.xml" in archive.namelist()
        assert sum(i.file_size for i in archive.infolist()) > 100 * 1024 * 1024


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_row_with_an_extra_field_is_reported_at_its_row(empty_store, tmp_path):
    data = csv_bytes("ECO-TRADE,2025Q2,1,,,fine", "ECO-TRADE,2025Q3,1,,,+12 %, exports 558")
    prepared = prepare_import(empty_store, write(tmp_path, "q3.csv", data).read_bytes(), "q3.csv")
    assert [p.row for p in prepared.errors] == [3]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "header, row",
    [
        ("indicator_id,indicator name,period,value", "ECO-TRADE,Foreign trade,2025Q3,1"),
        ("indicator name,indicator_id,period,value", "Foreign trade,ECO-TRADE,2025Q3,1"),
        ("indicator_id,period,value,unit of value", "ECO-TRADE,2025Q3,1,billion CNY"),
    ],
    ids=["name_after_id", "name_before_id", "unit_of_value"],
)
def test_reference_columns_that_mention_a_column_name_are_ignored(
    empty_store, tmp_path, header, row
):
    path = write(tmp_path, "q3.csv", csv_bytes(row, header=header))
    prepared = prepare_import(empty_store, path.read_bytes(), "q3.csv", today=TODAY)
    assert triples(prepared.errors) == []
    assert prepared.validation.rows["indicator_id"].tolist() == ["ECO-TRADE"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_row_of_only_spaces_is_skipped_like_a_blank_line(empty_store, tmp_path):
    data = csv_bytes("ECO-TRADE,2025Q3,1,,,", "   ", " , ,,,,")
    prepared = prepare_import(empty_store, write(tmp_path, "q.csv", data).read_bytes(), "q.csv")
    assert triples(prepared.errors) == []
    assert prepared.validation.rows["period"].tolist() == ["2025Q3"]


# ----- accepted files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """A file and the clean rows it must yield: (indicator_id, period, basis, value)."""

    name: str
    build: Callable[[], bytes]
    rows: tuple[tuple[str, str, str, float], ...]
    file_name: str = "upload.csv"


ACCEPTANCES = [
    Accepted(
        "utf8_plain",
        lambda: csv_bytes("ECO-TRADE,2025Q3,123.5,quarter,customs,ok"),
        (("ECO-TRADE", "2025Q3", "quarter", 123.5),),
    ),
    Accepted(
        "utf8_bom_with_chinese_headers",
        lambda: csv_bytes(
            "ECO-TRADE,2025Q3,5,当季,重庆海关,说明", header=HEADER_ZH, encoding="utf-8-sig"
        ),
        (("ECO-TRADE", "2025Q3", "quarter", 5.0),),
    ),
    Accepted(
        "gbk_with_chinese_headers",
        lambda: csv_bytes(
            "ECO-TRADE,2025年第三季度,123,当季,重庆海关,说明", header=HEADER_ZH, encoding="gbk"
        ),
        (("ECO-TRADE", "2025Q3", "quarter", 123.0),),
    ),
    Accepted(
        "gb18030_with_chinese_headers",
        lambda: csv_bytes(
            "ECO-TRADE,2025年Q3,456.7,累计,重庆海关,", header=HEADER_ZH, encoding="gb18030"
        ),
        (("ECO-TRADE", "2025Q3", "ytd", 456.7),),
    ),
    param(
        Accepted(
            "thousands_separator",
            # A growth target: no figure alone makes it achieved (that would be a warning).
            lambda: csv_bytes(
                'LOG-FREIGHT-VOLUME,2024,"1,234",annual,,',
                'LOG-FREIGHT-VOLUME,2023,"1,234,567.5",,,',
            ),
            (
                ("LOG-FREIGHT-VOLUME", "2024", "annual", 1234.0),
                ("LOG-FREIGHT-VOLUME", "2023", "annual", 1234567.5),
            ),
        ),
    ),
    param(
        Accepted(
            "full_width_digits",
            lambda: csv_bytes("ECO-TRADE,2025Q1,１２３,,,"),
            (("ECO-TRADE", "2025Q1", "quarter", 123.0),),
        ),
    ),
    param(
        Accepted(
            "full_width_comma_as_thousands_separator",
            lambda: csv_bytes("ECO-TRADE,2025Q2,1，234,,,"),
            (("ECO-TRADE", "2025Q2", "quarter", 1234.0),),
        ),
    ),
    param(
        Accepted(
            "percent_sign_for_the_percent_indicator",
            lambda: csv_bytes("ECO-HITECH-SHARE,2025Q3,12%,,,"),
            (("ECO-HITECH-SHARE", "2025Q3", "quarter", 12.0),),
        ),
    ),
    Accepted(
        "every_period_format",
        lambda: csv_bytes(
            "LOG-TRAINS,2025Q3,1,,,",
            "LOG-ROUTES,2025-Q3,2,,,",
            "ECO-TRADE,2025 Q3,3,,,",
            "ECO-SERVICE-TRADE,Q3 2025,4,,,",
            "ENV-PERSONNEL,2025年第三季度,5,,,",
            "ENV-RMB-SETTLEMENT,2025年Q3,6,,,",
            "ECO-FDI,2024,7,,,",
        ),
        (
            ("LOG-TRAINS", "2025Q3", "quarter", 1.0),
            ("LOG-ROUTES", "2025Q3", "quarter", 2.0),
            ("ECO-TRADE", "2025Q3", "quarter", 3.0),
            ("ECO-SERVICE-TRADE", "2025Q3", "quarter", 4.0),
            ("ENV-PERSONNEL", "2025Q3", "quarter", 5.0),
            ("ENV-RMB-SETTLEMENT", "2025Q3", "quarter", 6.0),
            ("ECO-FDI", "2024", "annual", 7.0),
        ),
    ),
    Accepted(
        "chinese_basis_words",
        lambda: csv_bytes(
            "ECO-TRADE,2025Q3,600,累计,,",
            "ECO-TRADE,2024,715,全年,,",
            "ECO-TRADE,2025Q2,200,当季,,",
        ),
        (
            ("ECO-TRADE", "2025Q3", "ytd", 600.0),
            ("ECO-TRADE", "2024", "annual", 715.0),
            ("ECO-TRADE", "2025Q2", "quarter", 200.0),
        ),
    ),
    Accepted(
        "headers_in_both_languages",
        lambda: csv_bytes(
            "ECO-TRADE,2025Q3,9,ytd,customs,",
            header="indicator_id（指标代码）,期间 period,数值 value,"
            "口径/basis,来源 source,备注(note)",
        ),
        (("ECO-TRADE", "2025Q3", "ytd", 9.0),),
    ),
    Accepted(
        "extra_reference_columns_name_and_unit_ignored",
        lambda: csv_bytes(
            "Foreign trade,ECO-TRADE,billion CNY,2025Q3,9",
            header="name,indicator_id,unit,period,value",
        ),
        (("ECO-TRADE", "2025Q3", "quarter", 9.0),),
    ),
    Accepted(
        "blank_lines_skipped",
        lambda: csv_bytes("", "ECO-TRADE,2025Q3,1,,,", "", ",,,,,", "ECO-TRADE,2025Q2,2,,,", ""),
        (("ECO-TRADE", "2025Q3", "quarter", 1.0), ("ECO-TRADE", "2025Q2", "quarter", 2.0)),
    ),
    Accepted(
        "lower_case_and_padded_cells",
        lambda: csv_bytes(" eco-trade , 2025q3 , 1.5 , YTD ,,"),
        (("ECO-TRADE", "2025Q3", "ytd", 1.5),),
    ),
    Accepted(
        "tab_separated",
        lambda: csv_bytes("ECO-TRADE\t2025Q3\t1234", header="indicator_id\tperiod\tvalue"),
        (("ECO-TRADE", "2025Q3", "quarter", 1234.0),),
    ),
    Accepted(
        "xlsx_numbers_and_text",
        lambda: xlsx_bytes(
            ["indicator_id", "period", "value", "basis"],
            ["ECO-TRADE", 2024, 800.5, None],
            ["ECO-TRADE", "2025Q3", "1234", "ytd"],
            ["ECO-HITECH-SHARE", "2025Q3", 0.1 + 0.2, None],
        ),
        (
            ("ECO-TRADE", "2024", "annual", 800.5),
            ("ECO-TRADE", "2025Q3", "ytd", 1234.0),
            ("ECO-HITECH-SHARE", "2025Q3", "quarter", 0.3),  # openpyxl writes 16 digits
        ),
        file_name="q3.xlsx",
    ),
]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("case", as_params(ACCEPTANCES))
def test_accepted_file_yields_its_rows(case, empty_store, tmp_path):
    path = write(tmp_path, case.file_name, case.build())
    prepared = prepare_import(empty_store, path.read_bytes(), case.file_name, today=TODAY)
    assert triples(prepared.errors) == []
    assert triples(prepared.warnings) == []
    assert prepared.ok
    got = prepared.validation.rows[["indicator_id", "period", "basis", "value"]]
    assert list(got.itertuples(index=False, name=None)) == list(case.rows)
    assert (prepared.preview.added, prepared.preview.replaced) == (len(case.rows), 0)
    assert empty_store.revisions().empty  # a preview writes nothing


FORMULA_LIKE_NOTES = {
    "2025Q1": "=1+2",
    "2025Q2": "+86 23 6000 0000",
    "2025Q3": "-5 % year on year",
    "2025Q4": "@SUM(A1)",
    "2024Q4": "<script>alert(1)</script>",
}


def test_formula_like_and_html_notes_are_stored_verbatim_as_text(empty_store, tmp_path):
    data = csv_bytes(*(f"ECO-TRADE,{p},1,,,{note}" for p, note in FORMULA_LIKE_NOTES.items()))
    prepared = prepare_import(empty_store, write(tmp_path, "q.csv", data).read_bytes(), "q.csv")
    assert prepared.ok, triples(prepared.errors)
    commit_import(empty_store, prepared, "tester")
    current = empty_store.current_observations()
    assert dict(zip(current["period"], current["note"], strict=True)) == FORMULA_LIKE_NOTES


def test_hostile_file_name_is_recorded_as_its_base_name(empty_store, tmp_path):
    data = csv_bytes("ECO-TRADE,2025Q3,1,,,")
    prepared = prepare_import(
        empty_store, write(tmp_path, "x.csv", data).read_bytes(), "../../x.csv"
    )
    assert prepared.file_name == "x.csv"
    result = commit_import(empty_store, prepared, "tester")
    revision = empty_store.revisions().iloc[0]
    assert (revision["revision_id"], revision["file_name"]) == (result.revision_id, "x.csv")
    assert not (tmp_path.parent.parent / "x.csv").exists()


SAFE_NAMES = {
    "../../x.csv": "x.csv",
    "..\\..\\windows.csv": "windows.csv",
    "C:\\Users\\staff\\q3.xlsx": "q3.xlsx",
    "/etc/passwd": "passwd",
    "..hidden.csv": "hidden.csv",
    "bad\x00name\n.csv": "badname.csv",
    "": "upload",
    None: "upload",
    "..": "upload",
}


@pytest.mark.parametrize("given, expected", SAFE_NAMES.items(), ids=repr)
def test_safe_file_name(given, expected):
    assert safe_file_name(given) == expected


# ----- warnings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warned:
    name: str
    rows: tuple[str, ...]
    expected: tuple[tuple[str, int, str, str], ...]
    in_message: str = ""


WARNINGS = [
    Warned(
        "period_in_the_future",
        ("ECO-TRADE,2026Q1,200,,,",),
        (("period_future", 2, "period", "2026Q1"),),
        in_message="2026Q1",
    ),
    Warned(
        "value_more_than_half_away_from_the_current_one",
        ("ECO-TRADE,2025,2000,annual,,",),
        # 2000 also passes the 1,100 target: achieved in one step, so "check the unit" too.
        (("value_jump", 2, "value", "2000"), ("value_makes_achieved", 2, "value", "2000")),
        in_message="800.68",
    ),
    Warned("value_within_half_of_the_current_one", ("ECO-TRADE,2025,1000,annual,,",), ()),
    Warned(
        "ytd_series_falling_within_a_year",
        (
            "LOG-TRAINS,2025Q1,100,ytd,,",
            "LOG-TRAINS,2025Q2,50,ytd,,",
            "LOG-TRAINS,2024Q4,999,ytd,,",
        ),
        (("ytd_decreasing", 3, "value", "50"),),
        in_message="2025Q1",
    ),
]


@pytest.mark.parametrize("case", WARNINGS, ids=lambda case: case.name)
def test_warnings_are_reported_but_do_not_block(case, seeded_store, tmp_path):
    path = write(tmp_path, "q.csv", csv_bytes(*case.rows))
    prepared = prepare_import(seeded_store, path.read_bytes(), "q.csv", today=TODAY)
    assert prepared.ok
    assert triples(prepared.errors) == []
    assert triples(prepared.warnings) == list(case.expected)
    assert prepared.validation.warning_count == len(case.expected)
    assert_bilingual(prepared.warnings)
    if case.expected:
        assert case.in_message in prepared.warnings[0].message("en")
    result = commit_import(seeded_store, prepared, "tester")
    assert result.revision_id == FIRST_UPLOAD
    assert result.added + result.replaced == len(case.rows)


def test_every_problem_code_is_exercised_by_these_tests():
    expected_params = [p.values[0] for p in REJECTIONS]
    covered = {code for case in expected_params for code, *_ in case.expected}
    covered |= {code for case in WARNINGS for code, *_ in case.expected}
    covered |= CORRIDOR_CODES_TESTED  # the corridor files' own codes (test_corridor_upload.py)
    covered |= DEFECT_CODES_TESTED  # limits and mixed encodings (test_defects_data.py)
    covered |= UNIT_CODES_TESTED  # the unit column and plausibility (test_upload_units.py)
    assert covered == ALL_PROBLEM_CODES


def test_openpyxl_parses_workbooks_with_defusedxml():
    """XML bombs inside an .xlsx are defused only when openpyxl finds defusedxml."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
