#!/usr/bin/env bash
# What one approval lifecycle (a creation and its two decisions) costs PostgreSQL, in figures that do
# not move with the host's load: statements, WAL records and bytes, and shared buffers touched, per
# lifecycle and per table, from pg_stat_statements. Execution time is printed too, but like every
# timing on a shared 2-core host it moves between runs; the counts do not, so a change that removes
# writes shows here even when the throughput benchmark (compare.sh) cannot resolve it.
#
# Runs the service's jar on a fresh database, warms it up with PeerComparisonBenchmark, resets the
# statistics, then runs the benchmark's phases again (COST_REQUESTS creations, their decisions and as
# many whole lifecycles) and divides by the requests created meanwhile. Needs pg_stat_statements in
# the server's shared_preload_libraries. Knobs: COST_CLIENTS (16), COST_REQUESTS (1000),
# COST_WARMUP (1000 lifecycles), BENCH_DB_SERVER, BENCH_PORT (18091). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=${COST_CLIENTS:-16}
requests=${COST_REQUESTS:-1000}
warmup=${COST_WARMUP:-1000}
server="${BENCH_DB_SERVER:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port=${BENCH_PORT:-18091}
db="countersign_cost_$(date +%s)"
token="cost-admin-token-$(date +%s)-0123456789"
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -X -q "$@"; }

case "$(psql -h 127.0.0.1 -U postgres -d postgres -XAtc 'show shared_preload_libraries')" in
  *pg_stat_statements*) ;;
  *) echo "db-cost.sh: add pg_stat_statements to the server's shared_preload_libraries and restart it" >&2; exit 2 ;;
esac

./mvnw -B -q -DskipTests package
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
mkdir -p target
psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" \
COUNTERSIGN_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" COUNTERSIGN_PORT="$port" \
java -Xms256m -Xmx384m -XX:+UseG1GC -jar "$(ls target/countersign-*-SNAPSHOT.jar)" >target/db-cost-server.log 2>&1 &
server_pid=$!
stop() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" || true
}
trap stop EXIT
deadline=$(($(date +%s) + 600))
until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat target/db-cost-server.log >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { echo "db-cost.sh: the service was not ready after 600 s" >&2; exit 1; }
  sleep 0.25
done

bench() {
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.PeerComparisonBenchmark \
    "http://127.0.0.1:$port" "$token" "$clients" "$1" "$2" | grep -v '^CHECK_'
}
bench 1 "$warmup" >/dev/null
sql -c "create extension if not exists pg_stat_statements"
# the sealer may still be chaining the warm-up's last events: wait until the journal is empty
until [ "$(sql -At -c 'select count(*) from audit_journal')" = 0 ]; do sleep 0.2; done
before=$(sql -At -c "select count(*) from access_requests")
sql -c "select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)" >/dev/null
bench "$requests" 0 | tail -n 1
until [ "$(sql -At -c 'select count(*) from audit_journal')" = 0 ]; do sleep 0.2; done
lifecycles=$(($(sql -At -c "select count(*) from access_requests") - before))

echo "== PostgreSQL's work per lifecycle (creation and two decisions), over $lifecycles lifecycles, $clients clients"
sql -v n="$lifecycles" <<'SQL'
\pset footer off
with s as (
  -- the table a statement names first: the one it selects from, inserts into, updates or deletes from
  select coalesce(substring(query from '\m(?:from|into|update)\s+([a-z_]+)'), '(other)') as "table",
         calls, wal_records, wal_bytes, shared_blks_hit + shared_blks_read as blocks, total_exec_time
  from pg_stat_statements
  where dbid = (select oid from pg_database where datname = current_database())
)
select "table", round(sum(calls)::numeric / :n, 2) as statements, round(sum(wal_records)::numeric / :n, 1) as wal_records,
       round(sum(wal_bytes) / :n) as wal_bytes, round(sum(blocks)::numeric / :n, 1) as buffers,
       round((sum(total_exec_time) / :n)::numeric, 3) as exec_ms
from s group by rollup ("table") order by "table" is null, sum(wal_records) desc, sum(calls) desc;
SQL
