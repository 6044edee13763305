"""Corridor files staff upload (issue 5): reach snapshots and destinations.

They go through the same reader as the quarterly file (sniffing, encodings, formula and size
guards, header aliases in both languages) and are validated whole, with every problem
reported at its row and column; errors block the import, warnings ask for confirmation.

This module is the one door the services use: the file specs and limits
(:mod:`.corridor_file_specs`), the two validators (:mod:`.reach_validation`,
:mod:`.destination_validation`) and what they share (:mod:`.corridor_cells`,
:mod:`.file_checks`) each live in their own module.
"""

from __future__ import annotations

from .corridor_cells import TEXT_LIMITS
from .corridor_file_specs import (
    DESTINATION_FILE,
    MAX_DESTINATIONS,
    MAX_REACH_SNAPSHOTS,
    REACH_FILE,
)
from .destination_validation import validate_destinations
from .reach_validation import validate_reach

__all__ = [
    "DESTINATION_FILE",
    "MAX_DESTINATIONS",
    "MAX_REACH_SNAPSHOTS",
    "REACH_FILE",
    "TEXT_LIMITS",
    "validate_destinations",
    "validate_reach",
]
