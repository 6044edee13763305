"""Write ``data/iso3166_countries.csv``: every ISO 3166-1 country with its English and Chinese
name, so that an uploaded destination can be checked against real codes and named in both
languages with no network. Build time only (pycountry is not a dependency of the dashboard).

Run::

    .venv/bin/pip install pycountry==26.2.16      # build only
    .venv/bin/python scripts/build_country_list.py [--check]

Chinese names: pycountry's ``zh_CN`` gettext catalogue (LGPL-2.1, from Debian iso-codes), with
the override tables of ``build_corridor_data.py`` for the short names officials use.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corridor_data import NAME_EN_OVERRIDES, NAME_ZH_OVERRIDES  # noqa: E402

#: China's regions are named as China's official usage names them.
REGIONS_OF_CHINA = {
    "TWN": ("Taiwan, China", "中国台湾"),
    "HKG": ("Hong Kong, China", "中国香港"),
    "MAC": ("Macao, China", "中国澳门"),
}

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "iso3166_countries.csv"


def rows() -> list[dict[str, str]]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    out = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        translated = zh.gettext(english)
        if translated == english:
            translated = zh.gettext(country.name)
        overridden = country.alpha_3 in NAME_ZH_OVERRIDES or country.alpha_3 in REGIONS_OF_CHINA
        name_zh = NAME_ZH_OVERRIDES.get(country.alpha_3, translated)
        if country.alpha_3 in REGIONS_OF_CHINA:
            english, name_zh = REGIONS_OF_CHINA[country.alpha_3]
        out.append(
            {
                "iso3": country.alpha_3,
                "name_en": NAME_EN_OVERRIDES.get(country.alpha_3, english),
                "name_zh": name_zh,
                "name_zh_origin": "override" if overridden else "pycountry",
            }
        )
    return sorted(out, key=lambda row: row["iso3"])


def render(table: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = render(rows())
    old = OUTPUT.read_text("utf-8") if OUTPUT.exists() else None
    if old != text:
        if args.check:
            print(f"out of date: {OUTPUT.name}", file=sys.stderr)
            return 1
        OUTPUT.write_text(text, encoding="utf-8", newline="")
    print(f"{OUTPUT.name}: {text.count(chr(10)) - 1} rows, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
