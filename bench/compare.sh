#!/usr/bin/env bash
# Runs, one after the other on this machine and the local PostgreSQL: the Flowable peer, Countersign's
# HTTP benchmark of the same two-step approval with the same clients and requests, the access-check
# load against Countersign, and the same load against the JDK HttpServer baseline; then prints the
# ratios. See BENCHMARKS.md ("Side by side with Flowable and a bare JDK HTTP server").
#
# Knobs: COMPARE_CLIENTS (16), COMPARE_REQUESTS (4000), COMPARE_WARMUP (24000 lifecycles, for both
# peers alike: the JIT compiles both under load before anything is measured, and on 2 cores the
# service's C2 still compiled for 34-62 s of the measured phases after 16000; its compile time during
# the measured phases is printed), CHECK_DURATION (20s,
# read by check.sh), CHECK_WARMUP (60s of unmeasured check load first), PEERS_DIR (the peers' directory, ../shared/peers from the repository),
# COMPARE_JAVA_OPTS (the service's JVM options), COMPARE_CDS (1: start from the class data archive
# that deploy/cds/archive.sh makes, as the README advises; 0: from the jar), BENCH_DB_SERVER, BENCH_PORT (18090),
# COMPARE_SKIP_FLOWABLE=1 (reuse the figures of the last Flowable run, target/compare-flowable.txt),
# COMPARE_CHECK_ON (listener: the check load goes to the listener for enforcement points, on
# BENCH_PORT + 1, as the README advises since 4 December 2026; main: to the main port, as before).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# the phases' own output goes to stderr through `tee >(cat >&2)`, never `tee /dev/stderr`: reopening
# /dev/stderr truncates a log file that stderr is redirected to

clients=${COMPARE_CLIENTS:-16}
requests=${COMPARE_REQUESTS:-4000}
warmup=${COMPARE_WARMUP:-24000}
peers=${PEERS_DIR:-$repo/../shared/peers}
java_opts=${COMPARE_JAVA_OPTS:--Xms256m -Xmx384m -XX:+UseG1GC}
cds=${COMPARE_CDS:-1}
server="${BENCH_DB_SERVER:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port=${BENCH_PORT:-18090}
check_port=$((port + 1))
check_on=${COMPARE_CHECK_ON:-listener}
case "$check_on" in
  listener) check_base="http://127.0.0.1:$check_port" ;;
  main) check_base="http://127.0.0.1:$port" ;;
  *) echo "compare.sh: COMPARE_CHECK_ON must be listener or main, not '$check_on'" >&2; exit 2 ;;
esac
db="countersign_compare_$(date +%s)"
token="compare-admin-token-$(date +%s)-0123456789"
mkdir -p target

[ -x "$peers/flowable/run.sh" ] || [ -f "$peers/flowable/run.sh" ] \
  || { echo "compare.sh: no Flowable peer under $peers (set PEERS_DIR)" >&2; exit 2; }
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2" | tail -n 1; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }

echo "== 1/4 Flowable peer: $clients clients, $requests requests, $warmup warm-up lifecycles"
if [ "${COMPARE_SKIP_FLOWABLE:-0}" = 1 ] && [ -s target/compare-flowable.txt ]; then
  flowable=$(tail -n 1 target/compare-flowable.txt)
else
  flowable=$(bash "$peers/flowable/run.sh" --clients "$clients" --requests "$requests" --warmup "$warmup" \
    --warmup-cap-s 900 \
    | tee >(cat >&2) | tail -n 1)
  echo "$flowable" > target/compare-flowable.txt
fi
echo "$flowable"

echo "== 2/4 Countersign on PostgreSQL over HTTP: the same clients and requests"
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
launch=(-jar "$(ls target/countersign-*-SNAPSHOT.jar)")
if [ "$cds" = 1 ]; then
  bash deploy/cds/archive.sh target/countersign-*-SNAPSHOT.jar target/cds >/dev/null
  launch=(-XX:SharedArchiveFile=target/cds/countersign.jsa -jar target/cds/countersign.jar)
fi
psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
# shellcheck disable=SC2086
COUNTERSIGN_DB_URL="${server%%/test*}/$db?user=postgres" COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN="$token" \
COUNTERSIGN_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
COUNTERSIGN_PORT="$port" COUNTERSIGN_CHECK_PORT="$check_port" java $java_opts "${launch[@]}" >target/compare-server.log 2>&1 &
server_pid=$!
stop() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" || true
}
trap stop EXIT
started=$(date +%s.%N)
deadline=$(($(date +%s) + 600))
until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat target/compare-server.log >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { echo "compare.sh: the service was not ready after 600 s" >&2; exit 1; }
  sleep 0.25
done
start_seconds=$(python3 -c "import sys, time; print(f'{time.time() - float(sys.argv[1]):.1f}')" "$started")
echo "service ready after ${start_seconds} s (JVM options: $java_opts; class data archive: $cds)"

# the JIT's work in the service while the phases after the warm-up run: a warm-up too short for the
# JIT to settle shows here, and its compiling is then measured as the service's slowness. Two figures:
# jstat's compile time is elapsed time summed over the compiler threads, which on a busy 2-core host
# counts the time they wait for a core and overstates what they cost; the compiler threads' own CPU
# time (from /proc) is what the JIT takes from the service. The JVM stops compiler threads it added
# for a long queue once they are idle, so the time of threads that have ended counts with it
jit_seconds() { { jstat -compiler "$server_pid" 2>/dev/null || true; } | awk 'NR == 2 { print $4 }'; }
jit_cpu_seconds() {
  python3 bench/cpu-ticks.py "$server_pid" | awk -F '\t' -v hz="$(getconf CLK_TCK)" \
    '$1 == "service: JIT compiler" || $1 ~ /^service: threads that have ended/ { ticks += $2 }
     END { printf "%.1f\n", ticks / hz }'
}
# emptied before the benchmark starts: the loop below must not find the last run's warm-up line
: >target/compare-countersign.txt
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.countersign.bench.PeerComparisonBenchmark \
  "http://127.0.0.1:$port" "$token" "$clients" "$requests" "$warmup" >>target/compare-countersign.txt &
bench_pid=$!
until grep -q '^warm-up lifecycles:' target/compare-countersign.txt || ! kill -0 "$bench_pid" 2>/dev/null; do
  sleep 0.2
done
jit_before=$(jit_seconds)
jit_cpu_before=$(jit_cpu_seconds)
wait "$bench_pid"
jit_after=$(jit_seconds)
jit_cpu_after=$(jit_cpu_seconds)
cat target/compare-countersign.txt
difference() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$2" 2>/dev/null || echo "unknown"; }
jit_measured=$(difference "$jit_before" "$jit_after")
jit_cpu_measured=$(difference "$jit_cpu_before" "$jit_cpu_after")
echo "service: JIT compile time (jstat, elapsed) since start ${jit_before:-unknown} s after the warm-up, ${jit_after:-unknown} s after the measured phases"
echo "service: compiler threads' CPU since start ${jit_cpu_before:-unknown} s after the warm-up, ${jit_cpu_after:-unknown} s after the measured phases"
countersign=$(grep '^countersign ' target/compare-countersign.txt | tail -n 1)
value() { sed -n "s/^$1=//p" target/compare-countersign.txt | tail -n 1; }

echo "== 3/4 access checks against Countersign (check.sh), on the $check_on port ($check_base)"
# the same load once unmeasured first: the JIT compiles the check's path under load, as it has the
# creation and decision paths during their warm-up, and a service in production is always warm; on
# 2 cores 10 s left the check at about half its warm rate (10.7k/s after 10 s, 17.5k-19.5k/s after 50 s)
CHECK_DURATION=${CHECK_WARMUP:-60s} bash "$peers/jdk-http/check.sh" "$check_base" "$(value CHECK_TOKEN)" \
  "$(value CHECK_USER)" "$(value CHECK_RESOURCE)" "$(value CHECK_ACCOUNT)" >/dev/null 2>&1 || true
rss_peak=0
( while kill -0 "$server_pid" 2>/dev/null; do ps -o rss= -p "$server_pid"; sleep 1; done ) >target/compare-rss.txt &
rss_pid=$!
check=$(bash "$peers/jdk-http/check.sh" "$check_base" "$(value CHECK_TOKEN)" "$(value CHECK_USER)" \
  "$(value CHECK_RESOURCE)" "$(value CHECK_ACCOUNT)" | tee >(cat >&2) | tail -n 1) || true
kill "$rss_pid" 2>/dev/null || true
rss_peak=$(sort -n target/compare-rss.txt | tail -n 1)

verify=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/audit/verify")
echo "audit after the run: $verify"
stop
trap - EXIT

echo "== 4/4 JDK HttpServer baseline (the same wrk load)"
baseline=$(bash "$peers/jdk-http/baseline.sh" | tee >(cat >&2) | tail -n 1)

echo
echo "== ratios (Countersign / peer), $clients clients, $requests requests, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %12s %12s %8s\n' "" "peer" "countersign" "ratio"
for pair in creations_per_s decisions_per_s lifecycles_per_s; do
  f=$(field "$pair" "$flowable"); c=$(field "$pair" "$countersign")
  printf '%-26s %12s %12s %8s\n' "$pair (Flowable)" "$f" "$c" "$(ratio "$c" "$f")"
done
printf '%-26s %12s %12s\n' "decision p50/p99 ms" \
  "$(field decision_p50_ms "$flowable")/$(field decision_p99_ms "$flowable")" \
  "$(field decision_p50_ms "$countersign")/$(field decision_p99_ms "$countersign")"
b=$(sed -n 's/.*requests_per_s=\([^ ]*\).*/\1/p' <<<"$baseline"); c=$(sed -n 's/.*requests_per_s=\([^ ]*\).*/\1/p' <<<"$check")
printf '%-26s %12s %12s %8s\n' "access checks/s (JDK)" "$b" "$c" "$(ratio "${c:-0}" "${b:-0}")"
printf '%-26s %12s %12s\n' "check p50/p99 ms" \
  "$(sed -n 's/.*p50_ms=\([^ ]*\).*/\1/p' <<<"$baseline")/$(sed -n 's/.*p99_ms=\([^ ]*\).*/\1/p' <<<"$baseline")" \
  "$(sed -n 's/.*p50_ms=\([^ ]*\).*/\1/p' <<<"$check")/$(sed -n 's/.*p99_ms=\([^ ]*\).*/\1/p' <<<"$check")"
echo "service: access checks on the $check_on port"
echo "service: start ${start_seconds} s, peak resident memory under the check load $((rss_peak / 1024)) MiB"
echo "service: during the measured creations, decisions and lifecycles (after $warmup warm-up lifecycles)," \
  "JIT compile time ${jit_measured} (jstat, elapsed), compiler threads' CPU ${jit_cpu_measured}"
echo "audit verify after the run: $verify"
