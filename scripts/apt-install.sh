#!/usr/bin/env bash
# apt_install WHAT PACKAGE...: installs Debian packages for the tests (as root, or with password-less sudo), or stops
# with one line saying why. Sourced by ensure-chromium.sh and ensure-postgres.sh.
apt_install() {
  local what="$1"
  shift
  local run
  if [ "$(id -u)" = 0 ]; then
    run=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
  else
    echo "cosite tests: $what is missing and cannot be installed (not root, no sudo); install Debian's $*" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "cosite tests: $what is missing and apt-get is not available; install $*" >&2
    exit 1
  fi
  echo "Installing Debian's $* for the tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ -n "${APT_BEFORE:-}" ]; then $run bash -c "$APT_BEFORE"; fi
  if ! { $run apt-get update -qq && $run apt-get install -y -qq --no-install-recommends "$@"; } >/tmp/cosite-apt.log 2>&1; then
    echo "cosite tests: apt-get could not install $* (see /tmp/cosite-apt.log)" >&2
    exit 1
  fi
}
