"""Exports and the printed briefing in English. Keys shared with briefing_zh."""

MESSAGES: dict[str, str] = {}
