"""Exports and the printed briefing in Simplified Chinese. Keys shared with briefing_en."""

MESSAGES: dict[str, str] = {}
