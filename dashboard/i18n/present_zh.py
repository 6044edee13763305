"""Presenter mode and "what changed" in Simplified Chinese. Keys shared with present_en."""

MESSAGES: dict[str, str] = {}
