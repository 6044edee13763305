"""The table of a file's problems, shared by the upload's rejection and its warnings.

One shape for both, so that staff read an error and a warning the same way: where it is (row
and column), what the file gave, and what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import html

from ..i18n import t
from ..ingest.problems import Problem


def problems_table(problems: Iterable[Problem], lang: str, table_id: str) -> html.Div:
    """Row, column, the value given (shown as text, never as markup) and what is wrong."""
    headers = [t(f"column.{c}", lang) for c in ("row", "column", "value", "problem")]
    rows = [
        html.Tr(
            [
                html.Td(str(p.row) if p.row else t("column.file", lang)),
                html.Td(html.Code(p.column) if p.column else "–"),
                html.Td(p.value[:80]),
                html.Td(p.message(lang)),
            ],
            **{"data-code": p.code, "data-row": str(p.row)},
        )
        for p in problems
    ]
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)],
            className="table table-sm table-striped",
            id=table_id,
        ),
        className="table-responsive",
    )
