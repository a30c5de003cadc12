#!/usr/bin/env bash
# Resilience suite: two instances of the service jar on one fresh PostgreSQL database, clients
# creating and approving requests through both, kill -9 of one instance per round (alternating),
# then PostgreSQL restarted under load; afterwards the invariants are checked through SQL and the
# API. Exits non-zero on any violation. Needs a local PostgreSQL cluster (pg_ctlcluster) and the
# right to restart it (root or postgres). Summary on stdout; logs in target/resilience/.
#
#   bash bench/resilience.sh                     # 20 kill rounds, 2 PostgreSQL restarts
#   RESILIENCE_ROUNDS=4 RESILIENCE_DB_RESTARTS=0 bash bench/resilience.sh
set -euo pipefail
cd "$(dirname "$0")/.."

pg_host="${RESILIENCE_PG_HOST:-127.0.0.1}"
pg_port="${RESILIENCE_PG_PORT:-5432}"
pg_version="${RESILIENCE_PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)}"
db="countersign_resilience_$(date +%s)"

export RESILIENCE_ROUNDS="${RESILIENCE_ROUNDS:-20}"
export RESILIENCE_DB_RESTARTS="${RESILIENCE_DB_RESTARTS:-2}"
export RESILIENCE_DB_RESTART_COMMAND="${RESILIENCE_DB_RESTART_COMMAND:-pg_ctlcluster --skip-systemctl-redirect $pg_version main restart}"
export RESILIENCE_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$db?user=postgres"
export RESILIENCE_ADMIN_TOKEN="resilience-admin-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export RESILIENCE_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
export RESILIENCE_WORK_DIR="${RESILIENCE_WORK_DIR:-target/resilience}"

if [ "$RESILIENCE_DB_RESTARTS" -gt 0 ] && [ -z "$pg_version" ]; then
  echo "no PostgreSQL cluster under /etc/postgresql; set RESILIENCE_DB_RESTART_COMMAND or RESILIENCE_DB_RESTARTS=0" >&2
  exit 2
fi

./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
jar=$(ls target/countersign-*.jar | grep -v original | head -n 1)
export RESILIENCE_JAR="$jar"

rm -rf "$RESILIENCE_WORK_DIR"
mkdir -p "$RESILIENCE_WORK_DIR"
psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -qc "create database $db"

cleanup() {
  # the driver stops its instances; these pid files catch a driver that died first
  for pidfile in "$RESILIENCE_WORK_DIR"/instance-*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
}
trap cleanup EXIT

echo "resilience run on database $db (PostgreSQL $pg_version), $RESILIENCE_ROUNDS kill rounds, $RESILIENCE_DB_RESTARTS PostgreSQL restarts"
status=0
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.resilience.ResilienceSuite \
  | tee "$RESILIENCE_WORK_DIR/summary.txt" || status=$?

if [ "$status" -eq 0 ]; then
  psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -qc "drop database $db with (force)" || true
else
  echo "kept database $db for inspection; logs in $RESILIENCE_WORK_DIR" >&2
fi
exit "$status"
