#!/usr/bin/env bash
# Measures request creation, approval decisions and access checks over HTTP against the service
# running on PostgreSQL. Needs a PostgreSQL server (BENCH_DB_SERVER, a JDBC URL whose user may
# create databases) and wrk (apt-get install wrk). Figures go to stdout; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${BENCH_DB_SERVER:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port="${BENCH_PORT:-18080}"
clients="${BENCH_CLIENTS:-16}"
seconds="${BENCH_SECONDS:-20}"
connections="${BENCH_CONNECTIONS:-32}"
db="countersign_bench_$(date +%s)"
token="bench-admin-token-$(date +%s)-0123456789"

psql -h 127.0.0.1 -U postgres -d test -qc "create database $db"
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null

COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" \
COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" COUNTERSIGN_PORT="$port" \
  java -Xmx1g -jar target/countersign-*-SNAPSHOT.jar >target/bench-server.log 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  sleep 1
done

java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.HttpThroughputBenchmark \
  "http://127.0.0.1:$port" "$token" "$clients" "$seconds" | tee target/bench-throughput.txt
check_token=$(sed -n 's/^CHECK_TOKEN=//p' target/bench-throughput.txt)
check_path=$(sed -n 's/^CHECK_PATH=//p' target/bench-throughput.txt)

echo "access check: wrk, 2 threads, $connections connections, ${seconds}s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $check_token" \
  "http://127.0.0.1:$port$check_path"
