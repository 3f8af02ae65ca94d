#!/usr/bin/env bash
# Make sure headless Chromium and its WebDriver (Debian's chromium, chromium-driver) are installed,
# for the dashboard's browser tests. Idempotent; fast when both are there.
set -euo pipefail

log() { echo "[browser] $*"; }
die() { echo "[browser] ERROR: $*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  priv() { "$@"; }
else
  command -v sudo >/dev/null || die "run as root or install sudo"
  priv() { sudo "$@"; }
fi

pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
if [ ${#pkgs[@]} -gt 0 ]; then
  log "installing ${pkgs[*]}"
  priv env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  priv env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
log "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium: unknown version') ok"
