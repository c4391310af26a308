#!/usr/bin/env bash
# Debian's Chromium for the Playwright tests, and axe-core from npm (pinned in package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "    Chromium absent : installation avec apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
if [ -f package.json ] && [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --silent
fi
