"""services.exports: formula neutralising, exact number text, catalogue order, file shapes."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from dashboard.services.exports import (
    EXPORT_COLUMNS,
    export_frame,
    neutralise,
    to_csv_bytes,
    to_xlsx_bytes,
)
from dashboard.services.seed import load_catalogue

#: OWASP's list of first characters a spreadsheet evaluates: each gets an apostrophe.
DANGEROUS = {
    "=1+2": "'=1+2",
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+86 23 6000 0000": "'+86 23 6000 0000",
    "-5 % year on year": "'-5 % year on year",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1+2": "'\t=1+2",
    "\r=1+2": "'\r=1+2",
}
#: Text a spreadsheet shows as it is: left alone.
SAFE = [
    "customs report",
    "",
    " =1+2",  # a leading space makes it text
    "1+2=3",
    "海关 +12 %",
    "'already quoted",
    "<script>alert(1)</script>",
]
#: Values and the exact text the CSV export must write for them.
NUMBER_TEXT = {
    815.84: "815.84",
    150000.0: "150000",
    0.1 + 0.2: "0.30000000000000004",
    1e-7: "1e-07",
    12345678.9: "12345678.9",
    10.272: "10.272",
    0.0: "0",
    123456.78901234567: "123456.78901234567",
    1e15: "1000000000000000.0",
}


def observations(*records: tuple) -> pd.DataFrame:
    """Export rows: (indicator_id, period, value[, basis[, source[, note]]])."""
    out = []
    for indicator_id, period, value, *rest in records:
        basis = rest[0] if rest else ("annual" if period.isdigit() else "quarter")
        source = rest[1] if len(rest) > 1 else "test"
        note = rest[2] if len(rest) > 2 else None
        out.append((indicator_id, period, float(value), basis, source, note))
    return pd.DataFrame(out, columns=EXPORT_COLUMNS)


def read_csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel in China needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def read_xlsx_cells(data: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in book.worksheets[0].iter_rows()]


@pytest.mark.parametrize("text, expected", DANGEROUS.items(), ids=repr)
def test_neutralise_prefixes_an_apostrophe_to_formula_starts(text, expected):
    assert neutralise(text) == expected


@pytest.mark.parametrize("text", SAFE, ids=repr)
def test_neutralise_leaves_safe_text_alone(text):
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [None, 5, -5.0, 815.84])
def test_neutralise_leaves_non_text_alone(value):
    assert neutralise(value) is value


@pytest.mark.parametrize("value, text", NUMBER_TEXT.items(), ids=repr)
def test_csv_number_text_is_exact_and_reads_back_as_the_same_float(value, text):
    rows = read_csv_rows(to_csv_bytes(observations(("ECO-TRADE", "2025", value))))
    written = rows[1][EXPORT_COLUMNS.index("value")]
    assert written == text
    assert float(written) == value


@pytest.mark.parametrize(
    "value",
    [
        815.84,
        150000.0,
        1e-7,
        12345678.9,
        10.272,
    ],
)
def test_xlsx_number_reads_back_as_the_same_float(value):
    cells = read_xlsx_cells(to_xlsx_bytes(observations(("ECO-TRADE", "2025", value))))
    cell = cells[1][EXPORT_COLUMNS.index("value")]
    assert cell.data_type == "n"
    assert cell.value == value


@pytest.mark.parametrize("value", [0.1 + 0.2, 123456.78901234567], ids=["0.1+0.2", "17_digits"])
def test_xlsx_float_needing_17_digits_round_trips_through_the_importer(value, tmp_path):
    """openpyxl writes 16 digits; such a value is written as its exact text instead."""
    from dashboard.ingest.reader import read_table

    data = to_xlsx_bytes(observations(("ECO-TRADE", "2025", value)))
    cell = read_xlsx_cells(data)[1][EXPORT_COLUMNS.index("value")]
    assert cell.data_type == "s" and float(cell.value) == value
    assert float(read_table(data).frame["value"].iloc[0]) == value


def test_csv_has_exactly_the_import_columns_and_neutralised_text():
    frame = observations(
        ("ECO-TRADE", "2025", 800.68, "annual", "=cmd|' /C calc'!A0", "-12 % year on year"),
        ("ECO-TRADE", "2025Q3", 600, "ytd", "customs", None),
    )
    rows = read_csv_rows(to_csv_bytes(frame))
    assert rows == [
        EXPORT_COLUMNS,
        ["ECO-TRADE", "2025", "800.68", "annual", "'=cmd|' /C calc'!A0", "'-12 % year on year"],
        ["ECO-TRADE", "2025Q3", "600", "ytd", "customs", ""],
    ]


def test_xlsx_text_cells_are_never_formulas():
    frame = observations(("ECO-TRADE", "2025", 800.68, "annual", "@SUM(A1)", "=1+2"))
    header, row = read_xlsx_cells(to_xlsx_bytes(frame))
    assert [c.value for c in header] == EXPORT_COLUMNS
    assert [c.data_type for c in row] == ["s", "s", "n", "s", "s", "s"]
    assert [c.value for c in row] == ["ECO-TRADE", "2025", 800.68, "annual", "'@SUM(A1)", "'=1+2"]


#: Observations in no particular order, and the order the export must give them:
#: catalogue order of the indicators, then period; a quarter before the year ending with it.
SHUFFLED = [
    ("ENV-PERSONNEL", "2024"),
    ("ECO-TRADE", "2025"),
    ("LOG-TRAINS", "2025Q1"),
    ("ECO-TRADE", "2024Q4"),
    ("ECO-TRADE", "2019"),
    ("LOG-TRAINS", "2024"),
    ("ECO-TRADE", "2024"),
    ("ECO-HITECH-SHARE", "2023Q3"),
    ("ECO-TRADE", "2025Q1"),
    ("LOG-ROUTES", "2022Q4"),
    ("LOG-TRAINS", "2024Q2"),
]
EXPECTED_ORDER = [
    ("LOG-TRAINS", "2024Q2"),
    ("LOG-TRAINS", "2024"),
    ("LOG-TRAINS", "2025Q1"),
    ("LOG-ROUTES", "2022Q4"),
    ("ECO-TRADE", "2019"),
    ("ECO-TRADE", "2024Q4"),
    ("ECO-TRADE", "2024"),
    ("ECO-TRADE", "2025Q1"),
    ("ECO-TRADE", "2025"),
    ("ECO-HITECH-SHARE", "2023Q3"),
    ("ENV-PERSONNEL", "2024"),
]


def test_export_order_follows_the_catalogue_then_the_period():
    frame = observations(*((ind, period, i + 1) for i, (ind, period) in enumerate(SHUFFLED)))
    frame["confidence"] = "H"  # columns beyond the export's are dropped
    exported = export_frame(frame, load_catalogue())
    assert list(exported.columns) == EXPORT_COLUMNS
    assert list(zip(exported["indicator_id"], exported["period"], strict=True)) == EXPECTED_ORDER
    values = dict(zip(SHUFFLED, range(1, len(SHUFFLED) + 1), strict=True))
    assert exported["value"].tolist() == [values[key] for key in EXPECTED_ORDER]


def test_catalogue_order_is_the_files_not_the_alphabet():
    catalogue = load_catalogue()
    reversed_catalogue = catalogue.iloc[::-1].reset_index(drop=True)
    frame = observations(("ECO-TRADE", "2025", 1), ("LOG-TRAINS", "2025", 2))
    assert export_frame(frame, catalogue)["indicator_id"].tolist() == ["LOG-TRAINS", "ECO-TRADE"]
    exported = export_frame(frame, reversed_catalogue)
    assert exported["indicator_id"].tolist() == ["ECO-TRADE", "LOG-TRAINS"]
