#!/usr/bin/env bash
# Measures how fast one instance on PostgreSQL delivers a burst of webhook events to one endpoint that
# answers at once (a receiver inside the harness). Needs a PostgreSQL server (BENCH_DB_SERVER, a JDBC
# URL whose user may create databases) and psql. WEBHOOK_EVENTS (300) sets the burst. Figures go to
# stdout; see BENCHMARKS.md ("Webhook deliveries to one endpoint").
set -euo pipefail
cd "$(dirname "$0")/.."

server="${BENCH_DB_SERVER:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port="${BENCH_PORT:-19470}"
events="${WEBHOOK_EVENTS:-300}"
db="countersign_webhooks_$(date +%s)"
token="bench-admin-token-$(date +%s)-0123456789"
key=$(head -c 32 /dev/urandom | base64)

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is already in use; set BENCH_PORT" >&2
  exit 1
fi

psql -h 127.0.0.1 -U postgres -d test -qc "create database $db"
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null

COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" COUNTERSIGN_ENCRYPTION_KEY="$key" \
COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" COUNTERSIGN_PORT="$port" \
  java -Xmx512m -jar target/countersign-*-SNAPSHOT.jar >target/webhook-throughput.log 2>&1 &
pid=$!
stop() {
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $db" >/dev/null 2>&1 || true
}
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { tail -50 target/webhook-throughput.log >&2; exit 1; }
  sleep 1
done

java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.WebhookThroughputBenchmark \
  "$token" "http://127.0.0.1:$port" "$events"
