#!/usr/bin/env bash
# What `make bench` needs beyond Python: wrk (the load generator) and nginx (serves the static
# file that is the benchmark's ceiling), from Debian. Safe to run again: installs only what is
# missing, and stops the stock nginx a fresh install may start (the benchmark runs its own).
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Run as root, or install these Debian packages yourself: wrk nginx" >&2
    exit 1
  fi
}

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Where services may start on install (no policy-rc.d), Debian's nginx now listens on port 80.
  if [[ " ${missing[*]} " == *" nginx "* ]] && [ -s /run/nginx.pid ]; then
    as_root /usr/sbin/nginx -s quit || true
  fi
fi
