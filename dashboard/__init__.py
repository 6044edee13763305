"""Vision 2027 Tracker: progress of Chongqing toward the 2027 targets of its open-economy plan."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

__version__ = "0.1.0"

#: Modules that moved into ``web/`` and ``services/`` (issue 15), under their old names, so that
#: scripts and deployments importing ``dashboard.seed`` or ``dashboard.auth`` keep working.
MOVED = {
    **{f"{__name__}.{name}": f"{__name__}.web.{name}" for name in (
        "auth", "security", "limits", "compression", "response_cache", "warm",
    )},
    **{f"{__name__}.{name}": f"{__name__}.services.{name}" for name in (
        "imports", "exports", "seed", "upload_template", "briefing_pdf",
    )},
}  # fmt: skip


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import dashboard.seed`` gives the very module ``dashboard.services.seed`` (one module
    object under two names, so a test's monkeypatch on either name reaches the code)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        module = importlib.import_module(MOVED[spec.name])
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module) -> None:
        """The module ran under its new name already; it keeps that name's spec (the import
        system has just set the old name's)."""
        module.__spec__ = module.__spec__.loader_state


if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
    sys.meta_path.insert(0, _MovedModules())
