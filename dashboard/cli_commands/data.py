"""The data's way in and out: ``init-db`` loads the shipped data, ``import`` a file, ``export``
the current figures.

An import is all or nothing, so most of this module is about telling the user why a file was
refused: the same problems, in the same words, as the web upload shows.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import LANGUAGES, t
from .shared import cli_user, open_store, shown_url, warm_views

if TYPE_CHECKING:
    from ..ingest.problems import Problem

#: The web upload is limited to a few MB; a file on the server's own disk may be larger.
CLI_MAX_BYTES = 2 * 1024**3


#: Warnings listed by `dashboard import`; the rest are counted.
WARNINGS_SHOWN = 100


@click.command("init-db")
@click.option("--empty", is_flag=True, help="Schema and catalogue only, no observations.")
@click.option("--demo", is_flag=True, help="Load the ILLUSTRATIVE demo data instead of real data.")
def init_db_command(empty: bool, demo: bool) -> None:
    """Create the schema, load the catalogue and the shipped data (safe to run twice)."""
    from ..services.seed import SeedError, init_db
    from ..store.engine import default_database_url

    if empty and demo:
        raise click.UsageError("--empty and --demo exclude each other")
    store = open_store(check=False)
    try:
        report = init_db(store, empty=empty, demo=demo)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database: {shown_url(default_database_url())}")
    click.echo(f"Catalogue: {report.indicators} indicators.")
    if report.revision_id is not None:
        kind = "ILLUSTRATIVE demo" if demo else "published"
        click.echo(f"Loaded {report.rows} {kind} observations as revision {report.revision_id}.")
    else:
        click.echo(f"No observations loaded: {report.skipped_reason}.")
    labels = {"reach": "corridor reach snapshots", "destinations": "corridor destinations"}
    for dataset, (revision, rows) in (report.corridor_revisions or {}).items():
        click.echo(f"Loaded {rows} {labels[dataset]} as revision {revision}.")


def problem_table(problems: Sequence[Problem], lang: str) -> str:
    """The problems as aligned columns: row, column, value given (cut at 40 characters), why."""
    headers = [t(f"column.{c}", lang) for c in ("row", "column", "value", "problem")]
    rows = [
        [
            str(p.row) if p.row else t("column.file", lang),
            p.column or "",
            (p.value[:40] + "…") if len(p.value) > 40 else p.value,
            p.message(lang),
        ]
        for p in problems
    ]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(3)]
    lines = []
    for r in [headers, *rows]:
        lines.append(
            "  ".join(str(c).ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
        )
    return "\n".join(lines)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and show what would change; write nothing.")
@click.option("--user", "user_name", default=None, help="Who is importing (default: $USER).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", help="Language of messages.")
@click.option(
    "--dataset",
    type=click.Choice(["observations", "reach", "destinations"]),
    default="observations",
    show_default=True,
    help="What the file holds: quarterly figures, corridor reach snapshots or destinations.",
)
def import_command(
    file: Path, dry_run: bool, user_name: str | None, strict: bool, lang: str, dataset: str
) -> None:
    """Import a data file (CSV or XLSX): all of it, or nothing."""
    from ..services.imports import commit_import, prepare_import

    store = open_store(lang)
    prepared = prepare_import(
        store,
        file.read_bytes(),
        file.name,
        max_bytes=CLI_MAX_BYTES,
        preview=dry_run,
        dataset=dataset,
    )
    if not prepared.ok:
        click.echo(problem_table(prepared.errors, lang), err=True)
        hidden = prepared.validation.error_count - len(prepared.errors)
        if hidden > 0:
            click.echo(t("problem.more", lang, count=hidden), err=True)
        click.echo(t("cli.rejected", lang, count=prepared.validation.error_count), err=True)
        sys.exit(1)
    if prepared.warnings:
        click.echo(t("cli.warnings", lang, count=prepared.validation.warning_count), err=True)
        # A screenful, not thousands of lines (a synthetic or bulk file can warn on every row).
        click.echo(problem_table(prepared.warnings[:WARNINGS_SHOWN], lang), err=True)
        hidden = prepared.validation.warning_count - min(len(prepared.warnings), WARNINGS_SHOWN)
        if hidden > 0:
            click.echo(t("problem.more", lang, count=hidden), err=True)
        if strict:
            click.echo(t("cli.strict_refused", lang), err=True)
            sys.exit(1)
    preview = prepared.preview
    if dry_run:
        click.echo(t("cli.dry_run", lang, **preview.counts))
        return
    user = user_name or cli_user()
    result = commit_import(store, prepared, user)
    if result.revision_id is None:
        click.echo(t("cli.no_change", lang, unchanged=result.unchanged))
        if result.same_file_revision:
            click.echo(t("cli.same_file", lang, revision=result.same_file_revision))
        return
    click.echo(t("cli.imported", lang, revision=result.revision_id, **result.counts))
    warm_views()


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output for CSV).",
)
def export_command(fmt: str, output: Path | None) -> None:
    """Export the current observations in the import file's columns."""
    from ..services.exports import export_frame, to_csv_bytes, to_xlsx_bytes

    store = open_store()
    frame = export_frame(store.current_observations(), store.indicators())
    data = to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame)
    if output is None:
        if fmt == "xlsx":
            raise click.UsageError("--output is needed for xlsx")
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    click.echo(f"Wrote {len(frame)} observations to {output}", err=True)
