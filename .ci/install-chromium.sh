#!/usr/bin/env bash
# Installs Debian's `chromium` when /usr/bin/chromium is missing, so the report's browser
# test (test/report/browser.test.ts, playwright-core) really runs in CI instead of skipping.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: apt-get not found; install Chromium at /usr/bin/chromium by hand or the browser test is skipped" >&2
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq chromium
/usr/bin/chromium --version
