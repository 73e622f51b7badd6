#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and saves a PNG, to check that its plots display.
# Usage: scripts/screenshot_report.sh REPORT.html [OUT.png]   (installs Debian's chromium if missing)
set -euo pipefail
report="$(realpath "$1")"
out="${2:-${report%.html}.png}"
if ! command -v chromium > /dev/null; then
  apt-get install -y -q chromium > /dev/null
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,4000 \
  --screenshot="$out" "file://$report" 2> /dev/null
echo "wrote $out"
