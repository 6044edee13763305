"""页面长文内容（方法说明、规划）。键与 content_en 相同。"""

MESSAGES: dict[str, str] = {}
