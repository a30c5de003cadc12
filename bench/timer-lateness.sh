#!/usr/bin/env bash
# Measures how late request time-to-live, step deadline, grant start and grant end timers fire, with
# two instances sharing one PostgreSQL database (each timer must fire once, on either instance).
# Needs a PostgreSQL server (BENCH_DB_SERVER, a JDBC URL whose user may create databases) and psql.
# Figures go to stdout; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${BENCH_DB_SERVER:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port_a="${BENCH_PORT:-19460}"
port_b=$((port_a + 1))
db="countersign_timers_$(date +%s)"
token="bench-admin-token-$(date +%s)-0123456789"
key=$(head -c 32 /dev/urandom | base64)

for port in "$port_a" "$port_b"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use; set BENCH_PORT" >&2
    exit 1
  fi
done

psql -h 127.0.0.1 -U postgres -d test -qc "create database $db"
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null

start() {
  COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" COUNTERSIGN_ENCRYPTION_KEY="$key" \
  COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" COUNTERSIGN_PORT="$1" COUNTERSIGN_INSTANCE_NAME="$2" \
    java -Xmx512m -jar target/countersign-*-SNAPSHOT.jar >"target/timer-lateness-$2.log" 2>&1 &
  echo $!
}
wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0
    sleep 1
  done
  echo "instance on port $1 did not start" >&2
  return 1
}

pid_a=$(start "$port_a" a)
trap 'kill $pid_a ${pid_b:-} 2>/dev/null || true' EXIT
wait_ready "$port_a"
pid_b=$(start "$port_b" b)
wait_ready "$port_b"

java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.TimerLatenessBenchmark \
  "$token" "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b"
