#!/usr/bin/env bash
# What one approval lifecycle (a creation and its two decisions) costs PostgreSQL, in figures that do
# not move with the host's load: statements, WAL records and bytes, and shared buffers touched, per
# lifecycle and per table, from pg_stat_statements. Execution time is printed too, but like every
# timing on a shared 2-core host it moves between runs; the counts do not, so a change that removes
# writes shows here even when the throughput benchmark (compare.sh) cannot resolve it.
#
# It also prints the CPU time a lifecycle takes from each process on the host (the service, split
# by its threads; PostgreSQL's processes; the load client): the benchmark keeps both cores busy, so
# these shares, not the database alone, decide how many lifecycles a second the host can serve.
#
# Runs the service's jar on a fresh database, warms it up with PeerComparisonBenchmark, resets the
# statistics, then runs the benchmark's phases again (COST_REQUESTS creations, their decisions and as
# many whole lifecycles) and divides by the requests created meanwhile. Needs pg_stat_statements in
# the server's shared_preload_libraries. Knobs: COST_CLIENTS (16), COST_REQUESTS (1000),
# COST_WARMUP (1000 lifecycles), COST_NOTIFICATIONS (on; off sets every kind of notification to no
# channel before the warm-up, as an administrator may, which shows what the notification outbox costs),
# COST_JAVA_OPTS (the service's JVM options; compare.sh's by default),
# BENCH_DB_SERVER, BENCH_PORT (18091). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=${COST_CLIENTS:-16}
requests=${COST_REQUESTS:-1000}
warmup=${COST_WARMUP:-1000}
notifications=${COST_NOTIFICATIONS:-on}
java_opts=${COST_JAVA_OPTS:--Xms256m -Xmx384m -XX:+UseG1GC}
case "$notifications" in
  on | off) ;;
  *) echo "db-cost.sh: COST_NOTIFICATIONS must be on or off, not '$notifications'" >&2; exit 2 ;;
esac
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
# shellcheck disable=SC2086
COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" \
COUNTERSIGN_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" COUNTERSIGN_PORT="$port" \
java $java_opts -jar "$(ls target/countersign-*-SNAPSHOT.jar)" >target/db-cost-server.log 2>&1 &
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
    "http://127.0.0.1:$port" "$token" "$clients" "$1" "$2" | grep --line-buffered -v '^CHECK_'
}
if [ "$notifications" = off ]; then
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"step_opened":[],"step_escalated":[],"request_decided":[],"grant_ending":[]}' \
    "http://127.0.0.1:$port/api/v1/settings/subscriptions" >/dev/null
  echo "notifications: off (no channel for any kind a lifecycle sends)"
fi
bench 1 "$warmup" >/dev/null
# CPU ticks used so far, one "group<TAB>ticks" line per thread or process (bench/cpu-ticks.py)
cpu_ticks() { python3 bench/cpu-ticks.py "$server_pid"; }
sql -c "create extension if not exists pg_stat_statements"
# the sealer may still be chaining the warm-up's last events: wait until the journal is empty
until [ "$(sql -At -c 'select count(*) from audit_journal')" = 0 ]; do sleep 0.2; done
before=$(sql -At -c "select count(*) from access_requests")
sql -c "select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)" >/dev/null
# CPU taken as each phase ends (the benchmark prints a line per phase), and once the sealer is done
cpu_ticks >target/db-cost-cpu.0
TIMEFORMAT='%U %S'
# the load client's user and system CPU, from the shell's time
: >target/db-cost-bench.txt  # emptied first: the loop below must not find the last run's lines
{ time bench "$requests" 0 >>target/db-cost-bench.txt 2>&1; } 2>target/db-cost-client.txt &
client=$!
phase=0
for marker in '^creations:' '^requests decided'; do
  until grep -q "$marker" target/db-cost-bench.txt || ! kill -0 "$client" 2>/dev/null; do sleep 0.05; done
  phase=$((phase + 1))
  cpu_ticks >"target/db-cost-cpu.$phase"
done
wait "$client"
tail -n 1 target/db-cost-bench.txt
until [ "$(sql -At -c 'select count(*) from audit_journal')" = 0 ]; do sleep 0.2; done
cpu_ticks >target/db-cost-cpu.3  # the lifecycles phase ends when its events are sealed
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

echo "== CPU (ms) per creation, per request decided (two decisions), per lifecycle (create and decide), and per lifecycle over the whole run"
python3 - "$requests" "$lifecycles" "$(getconf CLK_TCK)" "$(tail -n 1 target/db-cost-client.txt)" <<'PY'
import collections, sys
requests, lifecycles, hz, client = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
def totals(snapshot):
    sums = collections.Counter()
    with open(f"target/db-cost-cpu.{snapshot}") as f:
        for line in f:
            group, ticks = line.rstrip("\n").rsplit("\t", 1)
            sums[group] += int(ticks)
    return sums
snapshots = [totals(i) for i in range(4)]
# a thread that ends within a phase moves its time from its group to the ended threads' group, so a
# group may fall within a phase; the sum over groups stays right
def between(a, b):
    return {g: (b[g] - a[g]) * 1000 / hz for g in set(a) | set(b)}
phases = [between(snapshots[i], snapshots[i + 1]) for i in range(3)]
whole = between(snapshots[0], snapshots[3])
groups = sorted(set(whole) | {g for p in phases for g in p}, key=lambda g: (not g.startswith("service:"), g))
print(f"{'':60} {'creation':>9} {'decided':>9} {'lifecycle':>9} {'whole run':>9}")
def row(name, values):
    print(f"{name:60} " + " ".join(f"{v:9.2f}" for v in values))
def figures(pick):
    return [sum(pick(p).values()) / requests for p in phases] + [sum(pick(whole).values()) / lifecycles]
for g in groups:
    row(g, figures(lambda d: {g: d.get(g, 0)}))
row("service, all threads", figures(lambda d: {k: v for k, v in d.items() if k.startswith("service:")}))
row("service and PostgreSQL", figures(lambda d: d))
client_ms = (float(client[0]) + float(client[1])) * 1000
print(f"{'load client (PeerComparisonBenchmark), whole run only':60} {'':>9} {'':>9} {'':>9} {client_ms / lifecycles:9.2f}")
PY
