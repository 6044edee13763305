"""The translation layer: every user-facing string, in English and Simplified Chinese.

Strings live in :mod:`.en` and :mod:`.zh` (interface), :mod:`.problems_en`/:mod:`.problems_zh`
(upload problems and warnings, the command line), :mod:`.indicator_en`/:mod:`.indicator_zh` (the
indicator page, progress rules, units), :mod:`.content_en` and
:mod:`.content_zh` (long-form page content), :mod:`.present_en`/:mod:`.present_zh` (presenter
mode, "what changed"), :mod:`.briefing_en`/:mod:`.briefing_zh` (exports and the printed
briefing) and :mod:`.review_en`/:mod:`.review_zh` (the overview's first list, the age of
figures), under the same keys in both languages (a test fails if either lacks a key; a test
fails if two modules define the same key). Parameters use ``str.format`` names:
``t("problem.id_unknown", "zh", value="X")``.
"""

from __future__ import annotations

from . import (
    briefing_en,
    briefing_zh,
    content_en,
    content_zh,
    en,
    indicator_en,
    indicator_zh,
    present_en,
    present_zh,
    problems_en,
    problems_zh,
    review_en,
    review_zh,
    staff_en,
    staff_zh,
    zh,
)

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "MODULES", "t", "normalise_language", "catalogue"]

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
#: The message modules of each language, in lookup order (keys never overlap).
MODULES = {
    "en": (en, problems_en, indicator_en, content_en, present_en, briefing_en, review_en, staff_en),
    "zh": (zh, problems_zh, indicator_zh, content_zh, present_zh, briefing_zh, review_zh, staff_zh),
}
_CATALOGUES: dict[str, dict[str, str]] = {
    lang: {key: text for module in modules for key, text in module.MESSAGES.items()}
    for lang, modules in MODULES.items()
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
