#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests: installs it with apt-get when it can,
# otherwise stops with one line saying why. The browser tests are never skipped.
set -euo pipefail
CHROMIUM="${COSITE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -qi dejavu; then
  exit 0
fi
source "$(dirname "$0")/apt-install.sh"
apt_install "$CHROMIUM (or set COSITE_CHROMIUM)" chromium fonts-dejavu-core
if [ ! -x "$CHROMIUM" ]; then
  echo "cosite tests: $CHROMIUM still missing after installing chromium" >&2
  exit 1
fi
