"""Vision 2027 Tracker: progress of Chongqing toward the 2027 targets of its open-economy plan."""

__version__ = "0.1.0"
