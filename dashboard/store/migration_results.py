"""What the migration functions answer and raise, shared by every migration module."""

from __future__ import annotations

from dataclasses import dataclass


class MigrationError(RuntimeError):
    """The schema could not be migrated as asked; nothing was changed."""


@dataclass(frozen=True)
class Status:
    """Where a database's schema stands."""

    head: str
    #: Whether there is a database to look at (a SQLite file that does not exist is not).
    exists: bool = True
    #: The revision recorded in ``alembic_version`` (None: none recorded).
    current: str | None = None
    #: A database made before migrations: the revision its tables match (adopted on upgrade).
    unstamped: str | None = None
    #: The recorded revision is not one of ours (a newer version of the tracker wrote it).
    unknown: bool = False

    @property
    def revision(self) -> str | None:
        """The revision the schema is at, recorded or recognised (None: no schema)."""
        return self.current or self.unstamped

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


@dataclass(frozen=True)
class Upgrade:
    """What :func:`upgrade` did."""

    before: str | None  # the revision recorded before (None: none)
    adopted: str | None  # a database made before migrations, stamped with this revision first
    after: str | None  # the revision recorded now

    @property
    def changed(self) -> bool:
        return self.after != (self.before or self.adopted)


@dataclass(frozen=True)
class Step:
    """One migration, for ``dashboard db history``."""

    revision: str
    down_revision: str | None
    message: str
    applied: bool
    current: bool
    head: bool
