"""Tables. Observations are append-only: a revision writes rows, nothing is updated or deleted.

The current value of (indicator, period) is the row written by the newest revision for that key;
a row with ``withdrawn`` set (written by a rollback) hides the key again. So every value that
was ever shown can be traced to the revision, file and person that wrote it.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

indicators = Table(
    "indicators",
    metadata,
    Column("indicator_id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("pillar", String(20), nullable=False),
    Column("name_en", Text, nullable=False),
    Column("name_zh", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("unit", String(40), nullable=False),
    Column("unit_zh", String(40), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("target_qualifier", String(10), nullable=False, default=""),
    Column("target_value", Float),
    Column("target_growth", Float),
    Column("target_period", String(8), nullable=False),
    Column("baseline_period", String(8), nullable=False),
    Column("target_text", Text, nullable=False),
    Column("target_source", Text, nullable=False),
)

#: One row per accepted upload (or seed load, or rollback): a revision.
revisions = Table(
    "revisions",
    metadata,
    Column("revision_id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(80), nullable=False),
    Column("action", String(16), nullable=False),  # seed | import | rollback
    # Which records it wrote: observations | reach | destinations (see core.corridors)
    Column("dataset", String(16), nullable=False, default="observations"),
    Column("file_name", String(255)),
    Column("sha256", String(64), index=True),
    Column("rows_total", Integer, nullable=False, default=0),
    Column("added", Integer, nullable=False, default=0),
    Column("replaced", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("withdrawn", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False, default="committed"),
    Column("rolls_back", Integer, ForeignKey("revisions.revision_id")),
    Column("raw_file", LargeBinary),
    Column("comment", Text),
)

observations = Table(
    "observations",
    metadata,
    Column("observation_id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("revisions.revision_id"), nullable=False),
    Column("indicator_id", String(40), ForeignKey("indicators.indicator_id"), nullable=False),
    Column("period", String(8), nullable=False),
    Column("basis", String(8)),
    Column("value", Float),
    Column("source", Text),
    Column("note", Text),
    Column("confidence", String(8)),
    Column("illustrative", Boolean, nullable=False, default=False),
    # The value and unit as the uploaded file wrote them ("3,935 亿元"), when it gave a unit.
    Column("as_written", Text),
    Column("withdrawn", Boolean, nullable=False, default=False),
    UniqueConstraint("revision_id", "indicator_id", "period", name="uq_observation_per_revision"),
    # Finds the newest row per key. (Look-ups by revision use the unique constraint's index.)
    Index("ix_observations_key", "indicator_id", "period", "observation_id"),
)

#: Corridor reach snapshots (issue 5), append-only like observations: the newest row per
#: (as_of, corridor) is in force unless withdrawn. Counts are as published (missing if not).
reach_snapshots = Table(
    "reach_snapshots",
    metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("revisions.revision_id"), nullable=False),
    Column("as_of", String(7), nullable=False),
    Column("corridor", String(20), nullable=False),
    Column("ports", Integer),
    Column("countries_regions", Integer),
    Column("provinces", Integer),
    Column("cities", Integer),
    Column("stations", Integer),
    Column("source", Text),
    Column("confidence", String(8)),
    Column("note", Text),
    Column("withdrawn", Boolean, nullable=False, default=False),
    UniqueConstraint("revision_id", "as_of", "corridor", name="uq_reach_per_revision"),
    Index("ix_reach_key", "as_of", "corridor", "row_id"),
)

#: Places the corridors serve (issue 5), append-only: the newest row per destination_id.
destinations = Table(
    "destinations",
    metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("revisions.revision_id"), nullable=False),
    Column("destination_id", String(40), nullable=False),
    Column("name_en", Text),
    Column("name_zh", Text),
    Column("country", String(3)),
    Column("kind", String(20)),
    Column("corridor", String(80)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("first_service", String(10)),
    Column("source", Text),
    Column("confidence", String(8)),
    Column("coordinates_source", Text),
    Column("coordinates_note", Text),
    Column("note", Text),
    Column("withdrawn", Boolean, nullable=False, default=False),
    UniqueConstraint("revision_id", "destination_id", name="uq_destination_per_revision"),
    Index("ix_destinations_key", "destination_id", "row_id"),
)

#: Staff and administrators (viewers need no account unless login is required).
users = Table(
    "users",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(10), nullable=False),  # viewer | staff | admin
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("last_login", DateTime(timezone=True)),
    # Bumped by sign-out, a password change and disabling: sessions carrying an older value
    # are refused (added by 0005).
    Column("session_version", Integer, nullable=False, default=0, server_default="0"),
)

#: Sessions (issue 4): every session cookie carries the user's ``session_version`` at sign-in
#: (see ``users.session_version`` above, added by 0005); signing out, a new password or
#: disabling the account bumps it, which ends every session issued before.

#: Failed sign-ins per (client address, user name) (issue 2): the back-off slows whoever keeps
#: guessing from one address, not the owner of the account signing in from another.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("address", String(64), primary_key=True),
    Column("name", String(80), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("blocked_until", DateTime(timezone=True)),
    Column("last_failure", DateTime(timezone=True), nullable=False),
)

#: Fixed-window counters of the abuse limits (issue 2), shared by every worker: the storage of
#: ``dashboard.web.limits.DatabaseStorage`` when no Redis is configured.
rate_limits = Table(
    "rate_limits",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("hits", Integer, nullable=False),
    Column("expires_at", Float, nullable=False),  # seconds since the epoch
)

#: Answers of read-only requests shared by every worker and host (``dashboard/web/response_cache``):
#: a view is built once per data token by whichever process asks first (or warms it after an
#: upload), and read by the others instead of being built again. Rows of older tokens are
#: deleted as newer ones are written; nothing here is a record of the data (added by 0006).
kept_answers = Table(
    "kept_answers",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the answer's whole key
    Column("token", String(64), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("gzipped", LargeBinary, nullable=False),
    Column("headers", Text, nullable=False),  # JSON: [[name, value], ...]
)
