#!/usr/bin/env bash
# Makes sure PostgreSQL 15 with PostGIS 3 is installed for the server tests on PostgreSQL (they start their own
# throwaway cluster with initdb; nothing is configured system-wide): installs Debian's packages with apt-get when
# missing, otherwise stops with one line saying why. The PostgreSQL tests are never skipped.
set -euo pipefail
BIN="${COSITE_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  exit 0
fi
source "$(dirname "$0")/apt-install.sh"
# The package's own cluster is not wanted: the tests run their own, on their own ports.
APT_BEFORE="mkdir -p /etc/postgresql-common/createcluster.d && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/cosite-no-main.conf" \
  apt_install "PostgreSQL 15 with PostGIS (or set COSITE_PG_BIN)" postgresql-15 postgresql-15-postgis-3 postgresql-client-15
if [ ! -x "$BIN/initdb" ]; then
  echo "cosite tests: $BIN/initdb still missing after installing PostgreSQL" >&2
  exit 1
fi
