"""The files the site hands out: upload templates, raw uploads and the corridor destinations."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, request

from ..web import get_store
from .blueprint import api
from .errors import ApiError

#: The media type of each table format the API hands out as a file.
TABLE_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _table_file(fmt: str, stem: str, build: dict[str, Callable[[], bytes]], what: str):
    """``<stem>.<fmt>`` as an attachment, built by ``build[fmt]``; 404 for another format."""
    if fmt not in build:
        raise ApiError(f"no {what} in format {fmt!r}; use csv or xlsx", 404)
    return Response(
        build[fmt](),
        mimetype=TABLE_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename={stem}.{fmt}"},
    )


@api.get("/upload/template.<fmt>")
def upload_template(fmt: str):
    """The quarterly file template (CSV or XLSX), bilingual headers, every indicator; its unit
    column in the units Chinese sources use (``?lang=zh``) or the display units."""
    from ..i18n import normalise_language
    from ..services.upload_template import template_csv, template_xlsx

    catalogue = get_store().indicators()
    lang = normalise_language(request.args.get("lang"))
    build = {
        "csv": lambda: template_csv(catalogue, lang),
        "xlsx": lambda: template_xlsx(catalogue, lang),
    }
    return _table_file(fmt, "tracker-template", build, "template")


@api.get("/upload/template-<dataset>.<fmt>")
def corridor_upload_template(dataset: str, fmt: str):
    """The corridor file templates: ``template-reach`` and ``template-destinations``."""
    from ..services.upload_template import (
        CORRIDOR_HEADERS,
        corridor_template_csv,
        corridor_template_xlsx,
    )

    if dataset not in CORRIDOR_HEADERS:
        raise ApiError(f"no template for {dataset!r}; use reach or destinations", 404)
    build = {
        "csv": lambda: corridor_template_csv(dataset),
        "xlsx": lambda: corridor_template_xlsx(dataset),
    }
    return _table_file(fmt, f"tracker-template-{dataset}", build, "template")


@api.get("/history/raw/<int:revision_id>")
def raw_file(revision_id: int):
    """The file of a revision exactly as uploaded (staff only)."""
    import io

    from flask import send_file

    from ..services.imports import safe_file_name
    from ..web.auth import require_role

    require_role("staff")
    store = get_store()
    revision, data = store.revision(revision_id), store.raw_file(revision_id)
    if revision is None or data is None:
        raise ApiError(f"revision {revision_id} has no stored file", 404)
    # send_file encodes a Chinese file name for the header (RFC 5987) with an ASCII fallback.
    return send_file(
        io.BytesIO(data),
        mimetype="application/octet-stream",
        as_attachment=True,
        download_name=safe_file_name(revision["file_name"]),
    )


@api.get("/corridors/destinations.<fmt>")
def corridor_destinations(fmt: str):
    """The destination table (both languages' names, coordinates, sources) as CSV or XLSX."""
    from ..services.exports import to_csv_bytes, to_xlsx_bytes

    frame = get_store().destinations()
    build = {
        "csv": lambda: to_csv_bytes(frame),
        "xlsx": lambda: to_xlsx_bytes(frame, sheet_name="destinations"),
    }
    return _table_file(fmt, "corridor-destinations", build, "download")
