"""Presenter mode and "what changed" in English. Keys shared with present_zh."""

MESSAGES: dict[str, str] = {}
