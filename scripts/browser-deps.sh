#!/usr/bin/env bash
# Debian's Chromium for the Playwright tests; axe-core and qc-trousse-sdg from npm (pinned in package.json;
# the toolkit's built files are also vendored in static/vendor/, checked by tests/test_design_system.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "    Chromium absent : installation avec apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
# Reinstall when a package is missing or is not the version package-lock.json pins.
if [ -f package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "    npm absent : installation avec apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq npm >/dev/null
  fi
  for package in axe-core qc-trousse-sdg; do
    wanted=$(node -e "console.log(require('./package-lock.json').packages['node_modules/$package'].version)")
    installed=$(node -e "try { console.log(require('./node_modules/$package/package.json').version) } catch (e) { console.log('') }")
    if [ "$wanted" != "$installed" ]; then
      npm ci --no-audit --no-fund --silent
      break
    fi
  done
fi
