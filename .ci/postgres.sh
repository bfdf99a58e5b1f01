#!/usr/bin/env bash
# Starts a local PostgreSQL for the workflow/source tests and prints, as its
# last line, the URL to put in MODELBENCH_TEST_PG:
#   export MODELBENCH_TEST_PG="$(bash .ci/postgres.sh | tail -n 1)"
# Idempotent: installs Debian's postgresql when missing, creates and starts
# the cluster listening on loopback only, creates the test role and
# database once. The role is a throwaway test account reachable only from
# this machine; its password is not a secret.
set -euo pipefail
ver="${PG_VERSION:-15}"
cluster=main
role=modelbench_test
db=modelbench_test
password=modelbench-test-only

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if [ ! -x "/usr/lib/postgresql/$ver/bin/postgres" ]; then
  echo "installing postgresql-$ver" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >&2
  as_root apt-get install -y -qq "postgresql-$ver" >/dev/null
fi
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$ver/$cluster"; then
  as_root pg_createcluster "$ver" "$cluster" >&2
fi
as_root pg_conftool -s "$ver" "$cluster" set listen_addresses localhost
port="$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $3}')"
if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$ver" "$cluster" start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port" >&2
psql_pg() { as_postgres psql -X -q -p "$port" -v ON_ERROR_STOP=1 "$@"; }
if [ -z "$(psql_pg -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]; then
  psql_pg -c "CREATE ROLE $role LOGIN PASSWORD '$password'"
fi
if [ -z "$(psql_pg -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
  psql_pg -c "CREATE DATABASE $db OWNER $role"
fi
echo "postgres://$role:$password@127.0.0.1:$port/$db?sslmode=disable"
