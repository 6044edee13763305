"""English strings. Keys are shared with :mod:`.zh`."""

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
    "problem.value_jump": (
        "The value {value} is more than 50 % away from the current value {old}."
    ),
    "problem.ytd_decreasing": (
        "A year-to-date figure is lower than the quarter before ({previous} in {previous_period})."
    ),
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
    # ----- application -----
    "app.title": "Vision 2027 Tracker",
    "app.subtitle": "Chongqing's inland open economy: progress toward the 2027 targets",
    "app.skip": "Skip to content",
    "lang.switch": "中文",
    "lang.switch_label": "Switch language to Chinese",
    "banner.illustrative": (
        "Illustrative data: the figures on this page are invented for demonstration and are "
        "not official statistics."
    ),
    "overview.heading": "Targets for 2027",
    "overview.as_of": "As of {as_of}",
    "overview.table_caption": (
        "The 15 quantified 2027 targets: latest value, target and status as of {as_of}."
    ),
    "overview.none": "No targets to show.",
    "col.indicator": "Indicator",
    "col.pillar": "Pillar",
    "col.latest": "Latest value",
    "col.period": "Period",
    "col.target": "Target 2027",
    "col.status": "Status",
    "col.source": "Source",
    "target.growth.over": "over {rate} a year",
    "target.growth.about": "about {rate} a year",
    "target.growth.": "{rate} a year",
    "target.qualifier.over": "over {target}",
    "target.qualifier.about": "about {target}",
    "target.qualifier.": "{target}",
    "value.none": "no data yet",
    "source.seed": "Plan document (seed {seed})",
    "source.link": "source",
    # ----- statuses -----
    "status.achieved": "Achieved",
    "status.on_track": "On track",
    "status.needs_acceleration": "Needs acceleration",
    "status.limited_progress": "Limited progress",
    "status.regressing": "Regressing",
    "status.insufficient_data": "Insufficient data",
    # ----- pillars -----
    "pillar.all": "All pillars",
    "pillar.logistics": "Logistics hub and port economy",
    "pillar.platform": "High-level open platforms",
    "pillar.economy": "Open-economy demonstration zone",
    "pillar.environment": "Business environment",
    # ----- errors -----
    "page.not_found": "Page not found",
    "page.not_found_text": "There is no page at this address.",
    "page.back_home": "Back to the overview",
    # ----- navigation and frame -----
    "nav.label": "Main",
    "nav.current": "current",
    "nav.overview": "Overview",
    "nav.plan": "The plan",
    "nav.methodology": "Methodology",
    "footer.text": (
        "Vision 2027 Tracker. Figures from the plan document and published sources, each cited "
        "beside its value; where no figure is published the tracker says so."
    ),
    # ----- overview controls and summary -----
    "overview.as_of_label": "As of quarter",
    "overview.pillar_label": "Pillar",
    "overview.gauge_help": (
        "How to read a gauge: for a level target, 0 % is the baseline and 100 % the 2027 target, "
        "and the black line marks where the indicator should stand by now on the required path; "
        "for a growth target, the gauge shows the observed growth a year and the black line the "
        "target rate."
    ),
    "overview.summary_heading": "Summary by pillar",
    # ----- cards -----
    "card.latest": "Latest",
    "card.target": "Target 2027",
    "card.projected": "Projected 2027",
    "card.no_data": "No data yet",
    "card.baseline_needed": "Baseline needed",
    "card.short_history": "Less than a year since the baseline",
    "card.sentence": "{name}: {value} in {period}, {status}; {target} needed by 2027.",
    "card.sentence_growth": (
        "{name}: {value} in {period}, growing {growth} a year, {status}; {target} a year needed."
    ),
    "card.sentence_no_data": "{name}: no data yet; target {target} by 2027.",
    "gauge.per_year": "% a year",
    # ----- indicator page -----
    "indicator.back": "All targets",
    "indicator.breadcrumb": "Breadcrumb",
    "indicator.target_quote": "The target as the plan states it (seed document 004)",
    "indicator.target_original": "The plan's original wording (English)",
    "indicator.expected_now": "Expected by now",
    "indicator.series": "Values over time",
    "indicator.observations": "Observations",
    "indicator.observations_caption": "The observations in force for this indicator, with source and revision.",
    "indicator.no_observations": "No observation has been published or uploaded for this indicator yet.",
    "indicator.no_yoy": "Year-on-year growth needs values one year apart.",
    "indicator.calculation": "How the status was computed",
    "indicator.method_link": "The method, explained",
    "indicator.unknown": "Unknown indicator",
    "indicator.unknown_text": "There is no indicator with the id {indicator_id}.",
    "chart.observed": "Observed",
    "chart.baseline": "Baseline",
    "chart.target": "Target 2027",
    "chart.required_path": "Required path",
    "chart.projection": "Projection at the observed rate",
    "chart.yoy": "Year-on-year growth",
    "chart.series_caption": "{summary} The chart shows the observed values (flows as trailing twelve months), the baseline, the required path to the 2027 target and the projection; the table below lists every value.",
    "chart.yoy_caption": "Growth of each value over the value one year earlier.",
    "obs.period": "Period",
    "obs.basis": "Basis",
    "obs.value": "Value",
    "obs.confidence": "Confidence",
    "obs.revision": "Revision",
    "basis.quarter": "quarter",
    "basis.ytd": "year to date",
    "basis.annual": "full year",
    "calc.symbol": "Symbol",
    "calc.meaning": "Meaning",
    "calc.value": "Value",
    "calc.undefined": "undefined",
    "calc.b": "baseline period",
    "calc.t": "latest period with a value",
    "calc.T": "target period",
    "calc.n": "quarters from baseline to latest",
    "calc.N": "quarters from baseline to target",
    "calc.x0": "baseline value",
    "calc.xt": "latest value",
    "calc.x_star": "target value",
    "calc.g_star": "target growth a year",
    "calc.a": "observed growth a year, (xₜ/x₀)^(4/n) − 1",
    "calc.r": "required growth a year",
    "calc.R": "ratio of observed to required growth, a / r",
    "calc.p": "progress from baseline to target, (xₜ − x₀)/(x* − x₀)",
    "calc.expected": "expected value now, x₀(1 + r)^(n/4)",
    "calc.projected": "projected value at the target period, xₜ(1 + a)^((N − n)/4)",
    "calc.yoy": "latest year-on-year growth",
    "calc.rule_applied": "Rule applied:",
    "rule.achieved_level": "the latest value meets or passes the target.",
    "rule.achieved_growth": "the target period is reached and the observed growth meets the target.",
    "rule.no_baseline": "there is no value at the baseline period.",
    "rule.no_latest": "there is no value up to the chosen quarter.",
    "rule.short_history": "less than four quarters (n < 4) separate the baseline and the latest value.",
    "rule.growth_undefined": "growth rates are undefined because a value is zero or negative.",
    "rule.baseline_met_then_fell": "the baseline already met the target and the value has fallen below it.",
    "rule.ratio": "R ≥ {on_track} on track; {accelerate} ≤ R < {on_track} needs acceleration; 0 ≤ R < {accelerate} limited progress; R < 0 regressing.",
    "rule.straight_line": "a value is zero or negative, so R = p / (n / N) (straight line); then the thresholds {on_track} and {accelerate}.",
    "rule.ratio_undefined": "the required growth is zero, so the ratio is undefined.",
    "unit.trains": "trains",
    "unit.TEU": "TEU",
    "unit.billion_CNY": "billion CNY",
    "unit.million_t": "million tonnes",
    "unit.routes": "routes",
    "unit.percent": "percent",
    "unit.companies": "companies",
    "unit.billion_USD": "billion USD",
    "unit.entities": "market entities",
    "unit.achievements": "achievements",
    "unit.million_people": "million people",
    # ----- login -----
    "login.title": "Staff sign-in",
    "login.name": "User name",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.invalid": "The user name or the password is not right.",
    "login.locked": "Too many failed attempts: this account is locked for 15 minutes.",
    "login.disabled": "This account is disabled. Ask an administrator.",
    "login.csrf": "The form had expired. Please sign in again.",
    "login.link": "Staff sign-in",
    "login.signed_in_as": "{name} ({role})",
    "login.logout": "Sign out",
    "role.viewer": "viewer",
    "role.staff": "staff",
    "role.admin": "administrator",
    "nav.upload": "Upload",
    "nav.history": "History",
}
