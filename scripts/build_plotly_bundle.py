"""Build assets/vendor/plotly/plotly-tracker.min.js: plotly.js with only the tracker's traces.

Dash's full plotly.min.js is 4.8 MB (1.47 MB gzipped); the tracker draws five trace types
(``TRACE_TYPES`` in dashboard/ui/plotly_bundle.py). This script, run by hand (never at install
or test time; needs node and npm, and the npm registry):

1. installs npm ``plotly.js@PLOTLY_JS_VERSION`` (with its dependencies) and ``esbuild`` in a
   temporary folder, install scripts off;
2. bundles ``plotly.js/lib/core`` (which registers ``scatter``) plus ``plotly.js/lib/<trace>``
   for the other traces, the way plotly.js's own ``npm run custom-bundle`` does (esbuild, an
   IIFE defining the global ``Plotly``, target es2016, minified, attribute descriptions
   stripped as in plotly's dist bundles). No ``calendars`` component (the tracker's dates are
   Gregorian) and no locale but plotly's built-in English;
3. writes the bundle with a header (version, traces, licence), plotly.js's ``LICENSE`` and
   ``THIRD_PARTY_LICENSES.txt`` (every npm package inside the bundle, with its licence text)
   to assets/vendor/plotly/;
4. checks it in headless Chromium (when ``chromium`` is installed) against plotly.js's own
   ``dist/plotly.min.js`` of the same release: the same version, exactly ``TRACE_TYPES``
   registered, and for those traces the same attributes, defaults and values, descriptions
   aside. A mismatch exits with status 1 and writes nothing;
5. prints the sizes, raw and gzipped (level 9, as dashboard/web/compression.py serves it).

The files it writes are committed: the app serves them as they are, offline, with no build.
Run: ``.venv/bin/python scripts/build_plotly_bundle.py``
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.ui.plotly_bundle import (  # noqa: E402
    BUNDLE,
    PLOTLY_JS_VERSION,
    TRACE_TYPES,
)

ESBUILD_VERSION = "0.28.2"
OUT = ROOT / "assets" / BUNDLE
CHROMIUM = "/usr/bin/chromium"

# The entry point: plotly.js's core (it registers scatter itself) and the other traces.
ENTRY = """'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
%s
]);
module.exports = Plotly;
"""

# esbuild with plotly.js's own settings (its esbuild-config.js) and two small plugins:
# - strip attribute meta (description, hrName, requiredOpts, otherOpts) from plotly.js's
#   sources, as plotly's build does for its dist bundles: text for the schema, never used to
#   draw. Only literal strings and arrays of literal strings joined with a literal are
#   removed; the Chromium check below proves nothing else changed;
# - maplibre-gl's stylesheet, which src/registry.js requires for the map traces only (none
#   here), becomes an empty module; any other stylesheet is an error.
BUILD_JS = r"""
const esbuild = require('esbuild');
const fs = require('fs');
const STR = "'(?:[^'\\\\\\n]|\\\\.)*'";
const prop = (name, value) => new RegExp('\\s*\\b' + name + ': ' + value + ',?', 'g');
const strings = '\\[(?:\\s*' + STR + ',?)*\\s*\\]';
const META = [
  prop('description', strings + '\\.join\\(\\s*' + STR + '\\s*\\)'),
  prop('description', STR),
  prop('hrName', STR),
  prop('requiredOpts', strings),
  prop('otherOpts', strings),
];
const stripMeta = {name: 'strip-attribute-meta', setup(build) {
  build.onLoad({filter: /[\\/]node_modules[\\/]plotly\.js[\\/]src[\\/].*\.js$/}, async (args) => {
    let code = await fs.promises.readFile(args.path, 'utf8');
    for (const re of META) code = code.replace(re, '');
    return {contents: code, loader: 'js'};
  });
}};
const noMapCss = {name: 'no-map-css', setup(build) {
  build.onResolve({filter: /\.css$/}, (args) => {
    if (args.path !== 'maplibre-gl/dist/maplibre-gl.css') {
      throw new Error('unexpected stylesheet ' + args.path + ' in ' + args.importer);
    }
    return {path: args.path, namespace: 'empty'};
  });
  build.onLoad({filter: /.*/, namespace: 'empty'}, () => ({contents: '', loader: 'js'}));
}};
esbuild.build({
  entryPoints: ['entry.js'],
  outfile: 'plotly-tracker.min.js',
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  target: 'es2016',
  define: {global: 'window', 'define.amd': 'false'},
  plugins: [stripMeta, noMapCss],
  metafile: true,
  logLevel: 'warning',
}).then((result) => {
  fs.writeFileSync('meta.json', JSON.stringify(result.metafile));
}).catch(() => process.exit(1));
"""

# Loads plotly's full dist bundle, then ours, and compares what each registers.
CHECK_HTML = """<!doctype html><html><body><pre id="out">pending</pre>
<script src="%(full)s"></script>
<script>window.FullPlotly = window.Plotly; window.Plotly = undefined;</script>
<script src="%(ours)s"></script>
<script>
const META = new Set(['description', 'hrName', 'requiredOpts', 'otherOpts', 'role']);
function clean(x) {
  if (Array.isArray(x)) return x.map(clean);
  if (x && typeof x === 'object') {
    const o = {};
    for (const k of Object.keys(x).sort()) {
      if (META.has(k) || /calendar$/.test(k)) continue;  // no calendars component here
      o[k] = clean(x[k]);
    }
    return o;
  }
  return typeof x === 'function' ? String(x) : x;
}
const same = (a, b) => JSON.stringify(clean(a)) === JSON.stringify(clean(b));
let result;
try {
  const full = window.FullPlotly.PlotSchema.get(), ours = window.Plotly.PlotSchema.get();
  const mismatch = [];
  for (const t of Object.keys(ours.traces)) {
    if (!same(full.traces[t], ours.traces[t])) mismatch.push('traces.' + t);
  }
  for (const k of Object.keys(ours.layout.layoutAttributes)) {
    if (!same(full.layout.layoutAttributes[k], ours.layout.layoutAttributes[k])) {
      mismatch.push('layout.' + k);
    }
  }
  for (const k of ['config', 'animation', 'frames']) {
    if (!same(full[k], ours[k])) mismatch.push(k);
  }
  result = {version: window.Plotly.version, fullVersion: window.FullPlotly.version,
            traces: Object.keys(ours.traces).sort(), mismatch: mismatch};
} catch (e) {
  result = {error: String(e)};
}
document.getElementById('out').textContent = JSON.stringify(result);
</script></body></html>
"""


def npm_install(folder: Path) -> Path:
    manifest = {
        "private": True,
        "dependencies": {"plotly.js": PLOTLY_JS_VERSION, "esbuild": ESBUILD_VERSION},
    }
    (folder / "package.json").write_text(json.dumps(manifest))
    subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder, check=True,
    )  # fmt: skip
    package = folder / "node_modules" / "plotly.js"
    version = json.loads((package / "package.json").read_text())["version"]
    if version != PLOTLY_JS_VERSION:
        raise SystemExit(f"npm installed plotly.js {version}, not {PLOTLY_JS_VERSION}")
    return package


def build(folder: Path) -> tuple[bytes, dict]:
    others = [t for t in TRACE_TYPES if t != "scatter"]  # core registers scatter
    requires = ",\n".join(f"    require('plotly.js/lib/{t}')" for t in others)
    (folder / "entry.js").write_text(ENTRY % requires)
    (folder / "build.js").write_text(BUILD_JS)
    subprocess.run(["node", "build.js"], cwd=folder, check=True)
    meta = json.loads((folder / "meta.json").read_text())
    return (folder / "plotly-tracker.min.js").read_bytes(), meta


def plotly_copyright(package: Path) -> str:
    """ "Copyright 2012-2026, Plotly, Inc." as plotly.js's own dist header says it."""
    head = (package / "dist" / "plotly.min.js").read_text(encoding="utf-8")[:400]
    found = re.search(r"Copyright [0-9-]+, Plotly, Inc\.", head)
    if not found:
        raise SystemExit("no copyright line in plotly.js's dist header")
    return found.group(0)


def header(package: Path) -> str:
    return (
        f"/*! plotly.js v{PLOTLY_JS_VERSION}, custom bundle of the Vision 2027 Tracker\n"
        f" * Traces: {', '.join(TRACE_TYPES)} (no others registered)\n"
        f" * Built by scripts/build_plotly_bundle.py from npm plotly.js@{PLOTLY_JS_VERSION}"
        f" with esbuild {ESBUILD_VERSION}, minified\n"
        f" * plotly.js: {plotly_copyright(package)} All rights reserved.\n"
        " * Licensed under the MIT license: see LICENSE next to this file; the other npm\n"
        " * packages inside this bundle and their licences: THIRD_PARTY_LICENSES.txt\n"
        " */\n"
    )


def bundled_packages(meta: dict, node_modules: Path) -> list[Path]:
    """The folder of every npm package with code in the bundle (esbuild's metafile)."""
    (output,) = meta["outputs"].values()
    found = set()
    for source, info in output["inputs"].items():
        if info["bytesInOutput"] == 0 or "node_modules/" not in source:
            continue
        # the innermost node_modules holds it (nested copies of another version too)
        cut = source.rindex("node_modules/") + len("node_modules/")
        parts = source[cut:].split("/")
        name = "/".join(parts[:2] if parts[0].startswith("@") else parts[:1])
        found.add(node_modules.parent / source[:cut] / name)
    return sorted(found, key=lambda p: str(p.relative_to(node_modules.parent)))


def third_party_licences(packages: list[Path]) -> str:
    lines = [
        "npm packages inside plotly-tracker.min.js (besides plotly.js, see LICENSE),",
        "each with its licence as published in the package.",
        "",
    ]
    seen = {"plotly.js"}
    for folder in packages:
        info = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        if f"{info['name']}@{info['version']}" in seen or info["name"] in seen:
            continue  # plotly.js itself, or a second copy of the same release
        seen.add(f"{info['name']}@{info['version']}")
        licence = info.get("license") or info.get("licenses") or "see below"
        texts = sorted(p for p in folder.iterdir() if re.match(r"(?i)(licen[cs]e|copying)", p.name))
        lines += ["=" * 78, f"{info['name']}@{info['version']}: {licence}", "=" * 78]
        for text in texts:
            lines += [text.read_text(encoding="utf-8", errors="replace").strip(), ""]
        if not texts:
            lines += ["(the package ships no licence file; its package.json says the above)", ""]
    return "\n".join(lines).rstrip() + "\n"


def check_in_chromium(folder: Path, package: Path, bundle: Path) -> None:
    if not Path(CHROMIUM).exists():
        print("chromium not found: the bundle was NOT checked against plotly's dist bundle")
        return
    page = folder / "check.html"
    full = package / "dist" / "plotly.min.js"
    page.write_text(CHECK_HTML % {"full": full.as_uri(), "ours": bundle.as_uri()})
    profile = folder / "chromium-profile"
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--allow-file-access-from-files", f"--user-data-dir={profile}",
         "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
        check=True, capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    text = found.group(1).replace("&quot;", '"') if found else "no result"
    try:
        result = json.loads(text)
    except json.JSONDecodeError:
        raise SystemExit(f"check failed: {text[:300]}") from None
    expected = sorted(TRACE_TYPES)
    problems = []
    if result.get("error"):
        problems.append(result["error"])
    if result.get("version") != PLOTLY_JS_VERSION or result.get("fullVersion") != result.get(
        "version"
    ):
        problems.append(f"versions {result.get('version')} / {result.get('fullVersion')}")
    if result.get("traces") != expected:
        problems.append(f"registered traces {result.get('traces')}, expected {expected}")
    if result.get("mismatch"):
        problems.append(f"differs from plotly's dist bundle in {result['mismatch']}")
    if problems:
        raise SystemExit("check failed: " + "; ".join(problems))
    print(
        f"checked in Chromium: plotly.js {result['version']}, traces {result['traces']}, "
        "attributes as in plotly's dist/plotly.min.js"
    )


#: Outside addresses plotly.js would use by default, and what the tracker's bundle says
#: instead: the world maps' topojson from our own assets (every geo graph also passes
#: ``topojsonURL``), and no "send to cloud" address (the button is off everywhere).
OFFLINE_DEFAULTS = {
    b"https://cdn.plot.ly/un/": b"/assets/topojson/",
    b"https://cloud.plotly.com/newchart": b"about:blank",
}


def offline_defaults(body: bytes) -> bytes:
    """The bundle with no outside host in its defaults: the tracker runs on an intranet."""
    for outside, own in OFFLINE_DEFAULTS.items():
        if body.count(outside) != 1:
            raise SystemExit(f"expected {outside!r} once in the bundle: plotly.js changed")
        body = body.replace(outside, own)
    return body


def main() -> None:
    try:
        import plotly.offline

        shipped = plotly.offline.get_plotlyjs_version()
        if shipped != PLOTLY_JS_VERSION:
            print(f"note: plotly.py ships plotly.js {shipped}; building {PLOTLY_JS_VERSION}")
    except ImportError:
        pass
    with tempfile.TemporaryDirectory(prefix="plotly-bundle-") as name:
        folder = Path(name)
        package = npm_install(folder)
        code, meta = build(folder)
        body = header(package).encode() + code
        candidate = folder / "candidate.min.js"
        candidate.write_bytes(body)
        check_in_chromium(folder, package, candidate)
        body = offline_defaults(body)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_bytes(body)
        shutil.copyfile(package / "LICENSE", OUT.parent / "LICENSE")
        packages = bundled_packages(meta, folder / "node_modules")
        (OUT.parent / "THIRD_PARTY_LICENSES.txt").write_text(
            third_party_licences(packages), encoding="utf-8"
        )
    compressed = len(gzip.compress(body, compresslevel=9, mtime=0))
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(body):,} bytes, {compressed:,} gzipped "
        f"(sha256 {hashlib.sha256(body).hexdigest()[:16]})"
    )


if __name__ == "__main__":
    main()
