#!/usr/bin/env bash
# Installs (once) and starts (if stopped) the two services n8n's queue mode needs, for the queue-mode
# end-to-end test (test/e2e/n8n-queue/): Redis (the Bull queue) and PostgreSQL (the shared database),
# both from Debian's packages, both on loopback only. Idempotent: a second run only proves they answer.
#
#   eval "$(bash scripts/e2e/ensure-queue-services.sh)"
#   # exports GATEWAYKIT_PG_HOST/PORT/USER/PASSWORD (a role that may create databases) and
#   # GATEWAYKIT_REDIS_HOST/PORT/SERVER (the running Redis, and the redis-server binary: the test starts
#   # a Redis of its own on a free port so that stopping it for a fault affects nobody else)
#
# Needs root (apt-get, su postgres) the first time; CI and the developers' machines run as root.
# Progress goes to stderr; only the `export` lines go to stdout.
set -euo pipefail

pg_user=gatewaykit
# A local test role on a loopback-only server, not a secret: the test databases hold nothing of value.
pg_password=gatewaykit-e2e
redis_port=6379

step() { echo "ensure-queue-services: $(date +%H:%M:%S) $*" >&2; }
fail() { echo "ensure-queue-services: $*" >&2; exit 1; }

# ---- install what is missing -------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "needs root to install ${missing[*]} (apt-get)"
  step "apt-get update"
  apt-get update -qq >&2 || fail "apt-get update failed"
  step "apt-get install ${missing[*]}"
  # policy-rc.d-free: the packages' own service start may fail without an init system; we start them below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || fail "apt-get install ${missing[*]} failed"
fi

# ---- PostgreSQL: Debian's cluster, loopback only -----------------------------------------------------
cluster="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')"
if [ -z "$cluster" ]; then
  step "creating a PostgreSQL cluster"
  pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -n 1)" main >&2 || fail "pg_createcluster failed"
  cluster="$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')"
fi
read -r pg_version pg_name <<<"$cluster"
pg_port="$(pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $3}')"
if ! pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $4}' | grep -q online; then
  step "starting PostgreSQL $pg_version/$pg_name on 127.0.0.1:$pg_port"
  # listen_addresses only for this start (-o): the cluster's own configuration is left as Debian wrote it.
  pg_ctlcluster "$pg_version" "$pg_name" start -o "-c listen_addresses=127.0.0.1" >&2 || fail "PostgreSQL did not start"
fi
as_postgres() { su postgres -s /bin/sh -c "$1"; }
# The role the tests connect as (password over TCP, as n8n does); CREATEDB so each run makes its own database.
if ! as_postgres "psql -p $pg_port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$pg_user'\"" | grep -q 1; then
  step "creating the PostgreSQL role $pg_user"
  as_postgres "psql -p $pg_port -q -c \"CREATE ROLE $pg_user LOGIN CREATEDB PASSWORD '$pg_password'\"" >&2 || fail "CREATE ROLE failed"
fi
# Proof: the role signs in over TCP with its password and runs a query.
if ! out="$(PGPASSWORD="$pg_password" psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -tAc 'select 1' 2>&1)" || [ "$out" != 1 ]; then
  fail "psql select 1 as $pg_user on 127.0.0.1:$pg_port failed: $out"
fi

# ---- Redis: loopback, no persistence -----------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
  step "starting Redis on 127.0.0.1:$redis_port"
  # Started directly (not through an init system, which a CI container may lack); nothing is saved to disk.
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
    --logfile /tmp/gatewaykit-redis-$redis_port.log >&2 || fail "redis-server did not start"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
fi
redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG || fail "redis-cli ping on 127.0.0.1:$redis_port did not answer PONG"

echo "export GATEWAYKIT_PG_HOST=\"127.0.0.1\""
echo "export GATEWAYKIT_PG_PORT=\"$pg_port\""
echo "export GATEWAYKIT_PG_USER=\"$pg_user\""
echo "export GATEWAYKIT_PG_PASSWORD=\"$pg_password\""
echo "export GATEWAYKIT_REDIS_HOST=\"127.0.0.1\""
echo "export GATEWAYKIT_REDIS_PORT=\"$redis_port\""
echo "export GATEWAYKIT_REDIS_SERVER=\"$(command -v redis-server)\""
