"""The tracker in front of its readers: ``serve`` runs the web app, ``briefing`` prints it.

Both start the Dash app on a database that must be ready: the briefing is the /briefing page
of that app printed by headless Chromium, so the PDF and the web show the same figures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..i18n import LANGUAGES, t
from .shared import require_initialised


@click.command("briefing")
@click.option(
    "--as-of", "as_of", default=None, help="Quarter, e.g. 2025Q3 (default: the newest with data)."
)
@click.option("--pillar", default=None, help="Only this pillar (logistics, platform, ...).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PDF file to write.",
)
def briefing_command(as_of: str | None, pillar: str | None, lang: str, output: Path) -> None:
    """Print the briefing (/briefing) to PDF with headless Chromium.

    Exits with status 2 when no Chromium is installed: the page /briefing can then be saved
    as PDF from any browser.
    """
    from ..core.catalogue import PILLAR_IDS
    from ..core.periods import PeriodError, parse_quarter, quarter_label
    from ..services.briefing_pdf import ChromiumMissing, RenderError, find_chromium, render_briefing

    if as_of is not None:
        try:
            as_of = quarter_label(parse_quarter(as_of))
        except PeriodError as exc:
            raise click.BadParameter(str(exc), param_hint="--as-of") from exc
    if pillar is not None and pillar not in PILLAR_IDS:
        raise click.BadParameter(
            f"{pillar!r} is not one of: {', '.join(PILLAR_IDS)}", param_hint="--pillar"
        )
    require_initialised(lang)
    try:
        chromium = find_chromium()
    except ChromiumMissing as exc:
        click.echo(t("briefing.cli.no_chromium", lang, detail=str(exc)), err=True)
        sys.exit(2)
    try:
        written = render_briefing(output, as_of=as_of, pillar=pillar, lang=lang, chromium=chromium)
    except RenderError as exc:
        raise click.ClickException(t("briefing.cli.failed", lang, detail=str(exc))) from exc
    click.echo(t("briefing.cli.written", lang, path=str(written), size=written.stat().st_size))


@click.command("serve")
@click.option(
    "--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default="127.0.0.1"
)
@click.option(
    "--port", default=lambda: int(os.environ.get("PORT", "8050")), type=int, show_default="8050"
)
@click.option("--debug", is_flag=True, help="Dash debug mode (development only).")
def serve_command(host: str, port: int, debug: bool) -> None:
    """Serve the tracker with Dash's development server (use gunicorn in production)."""
    from ..app import create_dash
    from ..web.auth import ConfigurationError

    require_initialised()
    try:
        app = create_dash({"ENV": "development"} if debug else None)
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc
    # With --debug the server restarts when a page document changes, as it does for the code:
    # an analyst's edit of dashboard/content/*.md shows on the next page load.
    from ..ui.prose import CONTENT

    documents = [str(path) for path in sorted(CONTENT.glob("*.md"))] if debug else None
    app.run(
        host=host,
        port=port,
        debug=debug,
        dev_tools_disable_version_check=True,
        extra_files=documents,
    )
