"""The subcommands of ``dashboard``, one module per concern; ``dashboard.cli`` gathers them.

They live outside ``cli.py`` so that it stays the small, runnable entry point
(``python -m dashboard.cli``), and none of them imports it back.
"""
