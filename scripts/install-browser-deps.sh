#!/usr/bin/env bash
# What the browser tests and `make lighthouse` need beyond Python: Debian's Chromium (Playwright
# and Lighthouse may not download their own browsers here), Java for the Nu HTML Checker, and the
# npm packages axe-core, vnu-jar and lighthouse (package-lock.json). Safe to run again: it
# installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Run as root, or install these Debian packages yourself: chromium chromium-driver default-jre-headless" >&2
    exit 1
  fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ] || [ ! -d node_modules/lighthouse ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
