"""Long-form page content in English (Methodology, Plan). Keys shared with content_zh."""

MESSAGES: dict[str, str] = {}
