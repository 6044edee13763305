"""The ``dashboard`` command group: the one entry point to every subcommand.

This module is the entry point (``dashboard = "dashboard.cli:main"``, ``python -m dashboard.cli``)
and only gathers the commands; each concern lives in its own module of ``cli_commands``. They
never import this module back, which ``python -m`` (running it as ``__main__``) would load twice.
"""

from __future__ import annotations

import click

from .cli_commands.accounts import users_group
from .cli_commands.data import export_command, import_command, init_db_command
from .cli_commands.publish import briefing_command, serve_command
from .cli_commands.revisions import history_command, rollback_command
from .cli_commands.schema import db_group

__all__ = ["main"]


@click.group(help="Vision 2027 Tracker: Chongqing's inland open economy toward its 2027 targets.")
@click.version_option(package_name="dashboard")
def main() -> None:
    from .audit import configure

    configure(default_stderr=False)  # audit lines go to DASHBOARD_AUDIT_LOG when it is set


main.add_command(init_db_command)
main.add_command(db_group)
main.add_command(import_command)
main.add_command(export_command)
main.add_command(briefing_command)
main.add_command(users_group)
main.add_command(history_command)
main.add_command(rollback_command)
main.add_command(serve_command)


if __name__ == "__main__":  # pragma: no cover
    main()
