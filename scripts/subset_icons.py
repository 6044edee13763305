"""Build the Bootstrap Icons subset served from assets/ (run after using a new icon).

The full icon font is 134 kB compressed for the ten or so icons the tracker shows; the subset
is about 2 kB. This script (build time only; needs ``npm`` and ``pip install fonttools
brotli``):
1. fetches ``bootstrap-icons@VERSION`` from the npm registry (``npm pack``);
2. collects every ``bi-*`` class named in dashboard/**/*.py;
3. writes assets/vendor/bootstrap-icons/fonts/bootstrap-icons-subset.woff2 with only those
   glyphs, and assets/vendor/bootstrap-icons/bootstrap-icons-subset.css with their classes.
A test fails when the code names an icon the subset lacks.
Run: ``.venv/bin/python scripts/subset_icons.py``
"""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.13.2"
OUT = ROOT / "assets" / "vendor" / "bootstrap-icons"
ICON_CLASS = re.compile(r"\bbi-([a-z0-9-]+)")


def icons_in_code() -> list[str]:
    names = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        names |= set(ICON_CLASS.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def main() -> None:
    from fontTools import subset

    names = icons_in_code()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["npm", "pack", f"bootstrap-icons@{VERSION}", "--silent"],
            cwd=folder, check=True, capture_output=True,
        )  # fmt: skip
        with tarfile.open(next(Path(folder).glob("bootstrap-icons-*.tgz"))) as archive:
            archive.extractall(folder, filter="data")
        package = Path(folder) / "package"
        codepoints = json.loads((package / "font" / "bootstrap-icons.json").read_text())
        missing = [n for n in names if n not in codepoints]
        if missing:
            raise SystemExit(f"not Bootstrap Icons {VERSION} names: {missing}")
        font_out = OUT / "fonts" / "bootstrap-icons-subset.woff2"
        font_out.parent.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = []
        options.name_IDs = ["*"]
        font = subset.load_font(str(package / "font" / "fonts" / "bootstrap-icons.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[codepoints[n] for n in names])
        subsetter.subset(font)
        subset.save_font(font, str(font_out), options)
        (OUT / "LICENSE").write_text((package / "LICENSE").read_text())

    rules = "\n".join(f'.bi-{n}::before {{ content: "\\{codepoints[n]:x}"; }}' for n in names)
    (OUT / "bootstrap-icons-subset.css").write_text(
        f"/* Bootstrap Icons {VERSION} (MIT), subset to the icons the tracker uses: "
        "built by scripts/subset_icons.py */\n"
        '@font-face { font-display: block; font-family: "bootstrap-icons";\n'
        '  src: url("fonts/bootstrap-icons-subset.woff2") format("woff2"); }\n'
        '.bi::before, [class^="bi-"]::before, [class*=" bi-"]::before {\n'
        "  display: inline-block; font-family: bootstrap-icons !important; font-style: normal;\n"
        "  font-weight: normal !important; font-variant: normal; text-transform: none;\n"
        "  line-height: 1; vertical-align: -.125em; -webkit-font-smoothing: antialiased; }\n"
        f"{rules}\n"
    )
    print(f"{len(names)} icons -> {font_out.relative_to(ROOT)} ({font_out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
