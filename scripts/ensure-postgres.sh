#!/usr/bin/env bash
# Makes sure PostgreSQL 15 with PostGIS 3 is installed for the server tests on PostgreSQL (they start their own
# throwaway cluster with initdb; nothing is configured system-wide): installs Debian's packages with apt-get when
# missing, otherwise stops with one line saying why. The PostgreSQL tests are never skipped.
set -euo pipefail
BIN="${COSITE_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  exit 0
fi
packages="postgresql-15 postgresql-15-postgis-3 postgresql-client-15"
if [ "$(id -u)" = 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo -n"
else
  echo "cosite tests: PostgreSQL 15 with PostGIS is missing and cannot be installed (not root, no sudo); install Debian's $packages or set COSITE_PG_BIN" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cosite tests: PostgreSQL 15 with PostGIS is missing and apt-get is not available; install $packages" >&2
  exit 1
fi
echo "Installing Debian's $packages for the server tests on PostgreSQL..." >&2
export DEBIAN_FRONTEND=noninteractive
# The package's own cluster is not wanted: the tests run their own, on their own ports.
$run mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $run tee /etc/postgresql-common/createcluster.d/cosite-no-main.conf >/dev/null
if ! { $run apt-get update -qq && $run apt-get install -y -qq --no-install-recommends $packages; } >/tmp/cosite-apt-pg.log 2>&1; then
  echo "cosite tests: apt-get could not install $packages (see /tmp/cosite-apt-pg.log)" >&2
  exit 1
fi
if [ ! -x "$BIN/initdb" ]; then
  echo "cosite tests: $BIN/initdb still missing after installing $packages" >&2
  exit 1
fi
