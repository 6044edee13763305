"""The translation layer: every user-facing string, in English and Simplified Chinese.

Strings live in :mod:`.en` and :mod:`.zh` (interface) and :mod:`.content_en` and
:mod:`.content_zh` (long-form page content), under the same keys in both languages (a test fails
if either lacks a key). Parameters use ``str.format`` names:
``t("problem.id_unknown", "zh", value="X")``.
"""

from __future__ import annotations

from . import content_en, content_zh, en, zh

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "t", "normalise_language", "catalogue"]

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
_CATALOGUES: dict[str, dict[str, str]] = {
    "en": {**en.MESSAGES, **content_en.MESSAGES},
    "zh": {**zh.MESSAGES, **content_zh.MESSAGES},
}


def normalise_language(lang: str | None) -> str:
    """Map ``zh-CN``, ``ZH``, ``zh_Hans`` and the like to a supported code (else English)."""
    code = (lang or "").strip().lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh"
    return "en" if code.startswith("en") or not code else DEFAULT_LANGUAGE


def catalogue(lang: str) -> dict[str, str]:
    return _CATALOGUES[normalise_language(lang)]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``.

    A missing key raises ``KeyError``: an untranslated string is a bug, not a fallback.
    """
    template = catalogue(lang)[key]
    return template.format(**params) if params else template
