"""Upload problems and warnings, the CLI's messages and a refused rollback, in English.
Keys shared with problems_zh; every ``problem.*`` code of :mod:`dashboard.ingest` is here."""

MESSAGES: dict[str, str] = {
    # ----- file-level problems -----
    "problem.file_empty": "The file is empty.",
    "problem.file_no_rows": "The file has a header but no data rows.",
    "problem.file_too_large": "The file is {size} bytes; the limit is {limit} bytes.",
    "problem.file_binary": "This is a {file_type} file, not a CSV or Excel (.xlsx) file.",
    "problem.file_utf16": (
        "The file is in UTF-16, which is not accepted. Save it as CSV UTF-8 (or as .xlsx)."
    ),
    "problem.file_encoding": (
        "The file's text encoding is not UTF-8 or GB18030/GBK. Save it as CSV UTF-8 (or .xlsx)."
    ),
    "problem.xls_old": "Old Excel (.xls) files are not accepted. Save it as .xlsx or CSV.",
    "problem.xlsx_unreadable": "The Excel file cannot be read: {detail}",
    "problem.xlsx_bomb": (
        "The Excel file expands to {size} bytes when unpacked, over the {limit}-byte limit."
    ),
    "problem.csv_unreadable": "The CSV file cannot be read: {detail}",
    "problem.file_mixed_encoding": "Row {row} is in another text encoding than row {first_row}: the file mixes UTF-8 with GB18030/GBK, and its Chinese text would be stored garbled. Save the whole file as CSV UTF-8 (or as .xlsx).",
    "problem.file_too_many_columns": "The header has {count:,} columns; at most {limit} are accepted.",
    "problem.file_too_many_cells": "The file holds more than {limit:,} cells (rows, blank ones included, times columns), too many for one upload. Remove the empty rows and columns, or split the file.",
    "problem.file_too_many_rows": "The file has more than {limit:,} data rows, the most one file of {dataset} may hold.",
    "problem.records_in_force_too_many": "With this file, {count:,} {dataset} would be in force, more than the limit of {limit:,}.",
    "problem.xlsx_sheet_too_large": "The sheets of the Excel file expand to {size:,} bytes when unpacked, over the {limit:,}-byte limit of an upload.",
    "upload.dataset_noun.observations": "quarterly figures",
    "upload.dataset_noun.reach": "corridor reach snapshots",
    "upload.dataset_noun.destinations": "corridor destinations",
    # ----- columns -----
    "problem.column_missing": "The required column '{column}' is missing.",
    "problem.column_duplicate": "The column '{column}' appears more than once.",
    # ----- cells -----
    "problem.formula_cell": "A formula is not accepted; type the value itself.",
    "problem.id_empty": "The indicator id is empty.",
    "problem.id_unknown": "'{value}' is not an indicator id of the catalogue.",
    "problem.period_empty": "The period is empty.",
    "problem.period_invalid": (
        "'{value}' is not a period. Write a quarter such as 2025Q3 or 2025年第三季度, "
        "or a year such as 2024."
    ),
    "problem.value_empty": "The value is empty.",
    "problem.value_not_number": "'{value}' is not a number.",
    "problem.unit_not_for_indicator": "“{value}” is not a unit of {indicator}; use one of: {accepted}.",
    "problem.value_percent": "A percent sign is only accepted for indicators measured in percent.",
    "problem.value_negative": "The value cannot be negative for this indicator.",
    "problem.share_out_of_range": "A share must be between 0 and 100 (percent).",
    "problem.basis_invalid": "'{value}' is not a basis; use quarter, ytd or annual.",
    "problem.basis_not_for_kind": (
        "The basis '{value}' does not fit a {kind} indicator; use one of: {allowed}."
    ),
    "problem.basis_year_needs_annual": "A year as period needs the basis 'annual'.",
    "problem.basis_annual_needs_year": (
        "The basis 'annual' needs a year as period (for example 2024), not a quarter."
    ),
    "problem.duplicate_key": "This indicator and period already appear in row {first_row}.",
    "problem.confidence_invalid": "'{value}' is not a confidence mark; use H, M, L or M-H.",
    "problem.illustrative_invalid": "'{value}' is not yes or no.",
    "problem.text_too_long": "The text is longer than {limit} characters.",
    "problem.row_too_many_cells": "This row has {count} cells, more than the {expected} columns of the header.",
    "kind.flow": "flow",
    "kind.stock": "stock",
    "kind.share": "share",
    "kind.growth": "growth",
    # ----- warnings -----
    "problem.period_future": "The period {value} is in the future.",
    "problem.value_implausible": "The value {value} is more than three times, or less than a third of, {compared} ({compared_period}): check the unit.",
    "problem.value_makes_achieved": "The value {value} makes this target achieved in one step: check the unit.",
    "problem.value_jump": (
        "The value {value} is more than 50 % away from the current value {old}."
    ),
    "problem.ytd_decreasing": (
        "A year-to-date figure is lower than the quarter before ({previous} in {previous_period})."
    ),
    "problem.as_of_empty": "The date (as_of) is empty.",
    "problem.as_of_invalid": "'{value}' is not a month; write it as YYYY-MM, e.g. 2023-09.",
    "problem.as_of_future": "The month {value} is in the future.",
    "problem.corridor_unknown": "'{value}' is not a corridor; use {allowed}.",
    "problem.count_invalid": "'{value}' is not a whole number of zero or more.",
    "problem.counts_empty": "The row gives no count: fill in at least one of ports, countries and regions, provinces, cities or stations.",
    "problem.source_empty": "The source is empty: every figure needs the source that published it.",
    "problem.record_duplicate": "The same record already appears in row {first_row}.",
    "problem.count_decreased": "{value} is lower than the {previous} of the snapshot of {previous_as_of}.",
    "problem.destination_id_empty": "The destination id is empty.",
    "problem.destination_id_invalid": "'{value}' is not a destination id: use lower-case letters, digits and underscores (at most 40).",
    "problem.name_empty": "The name is empty.",
    "problem.country_unknown": "'{value}' is not an ISO 3166 three-letter country code (e.g. DEU, SGP).",
    "problem.destination_kind_unknown": "'{value}' is not a kind of place; use {allowed}.",
    "problem.coordinate_empty": "The coordinate is empty.",
    "problem.coordinate_out_of_range": "The coordinate must be between -{limit} and {limit}.",
    "problem.first_service_invalid": "'{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD.",
    "problem.more": "… and {count} more problems.",
    # ----- severities and columns -----
    "severity.error": "Error",
    "severity.warning": "Warning",
    "column.row": "Row",
    "column.column": "Column",
    "column.value": "Value given",
    "column.problem": "Problem",
    "column.file": "(file)",
    # ----- CLI -----
    "cli.rejected": "The file was not imported: {count} problem(s). Nothing was written.",
    "cli.warnings": "{count} warning(s):",
    "cli.strict_refused": "Warnings found and --strict given: nothing was written.",
    "cli.dry_run": "Dry run: {added} added, {replaced} replaced, {unchanged} unchanged; nothing written.",
    "cli.imported": "Imported as revision {revision}: {added} added, {replaced} replaced, {unchanged} unchanged.",
    "cli.no_change": (
        "Nothing to change: {unchanged} row(s) already hold these values; no revision written."
    ),
    "cli.same_file": "This identical file was already imported as revision {revision}.",
    "cli.not_initialised": "Error: the database is not initialised: run `dashboard init-db`",
    # ----- rollback refused (the CLI and /history) -----
    "rollback.no_revision": "there is no revision {revision}",
    "rollback.no_values": "revision {revision} wrote no values",
    "rollback.later_changes": "revision {revision} cannot be undone alone: revision(s) {later} changed the same values later; undo them first",
    "rollback.already_rolled_back": "revision {revision} was already rolled back by revision {by}",
}
