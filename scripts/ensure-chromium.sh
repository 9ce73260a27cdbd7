#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests: installs it with apt-get when it can,
# otherwise stops with one line saying why. The browser tests are never skipped.
set -euo pipefail
CHROMIUM="${COSITE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -qi dejavu; then
  exit 0
fi
packages="chromium fonts-dejavu-core"
if [ "$(id -u)" = 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo -n"
else
  echo "cosite tests: $CHROMIUM is missing and cannot be installed (not root, no sudo); install Debian's 'chromium' package or set COSITE_CHROMIUM" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cosite tests: $CHROMIUM is missing and apt-get is not available; install Chromium or set COSITE_CHROMIUM" >&2
  exit 1
fi
echo "Installing Debian's $packages for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! { $run apt-get update -qq && $run apt-get install -y -qq --no-install-recommends $packages; } >/tmp/cosite-apt.log 2>&1; then
  echo "cosite tests: apt-get could not install $packages (see /tmp/cosite-apt.log)" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "cosite tests: $CHROMIUM still missing after installing chromium" >&2
  exit 1
fi
