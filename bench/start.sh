#!/usr/bin/env bash
# Measures how long the service takes to become ready on its embedded default (H2 under ./data),
# started from the jar as built and from the class data archive that deploy/cds/archive.sh makes:
# START_ROUNDS (5) starts of each, alternating, once on an empty data directory (which includes
# creating the schema) and once on the data the previous start left. Also prints each start's peak
# resident memory up to readiness. Figures go to stdout; see BENCHMARKS.md ("Start with a class
# data archive"). START_JAVA_OPTS sets the JVM options of every start.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=${START_ROUNDS:-5}
java_opts=${START_JAVA_OPTS:--Xms256m -Xmx384m -XX:+UseG1GC}
port=${BENCH_PORT:-18095}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -DskipTests package
jar=$(ls "$repo"/target/countersign-*-SNAPSHOT.jar)
bash deploy/cds/archive.sh "$jar" "$work/app" >/dev/null

# one start: prints seconds to readiness and the peak resident memory (MiB) until then
start() {
  local data=$1
  shift
  local began pid peak=0 rss
  began=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$data" && COUNTERSIGN_PORT=$port COUNTERSIGN_ENCRYPTION_KEY_FILE="$work/key" \
    exec java $java_opts "$@" >"$work/service.log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    sleep 0.05
  done
  local ready
  ready=$(date +%s%N)
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  [ "$rss" -gt "$peak" ] && peak=$rss
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.2f} {int(sys.argv[3]) // 1024}')" \
    "$began" "$ready" "$peak"
}

head -c 32 /dev/urandom | base64 >"$work/key"
declare -A figures
for round in $(seq 1 "$rounds"); do
  for kind in jar archive; do
    if [ "$kind" = jar ]; then args=(-jar "$jar"); else
      args=(-XX:SharedArchiveFile="$work/app/countersign.jsa" -jar "$work/app/countersign.jar"); fi
    data="$work/data-$kind"
    rm -rf "$data" && mkdir -p "$data"
    read -r empty empty_rss < <(start "$data" "${args[@]}")
    read -r again again_rss < <(start "$data" "${args[@]}")
    echo "round $round $kind: empty data ${empty} s (${empty_rss} MiB), again ${again} s (${again_rss} MiB)"
    figures[$kind-empty]+="$empty "
    figures[$kind-again]+="$again "
  done
done
median() { python3 -c "import statistics, sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" $1; }
echo "JVM options: $java_opts"
for kind in jar archive; do
  echo "$kind: median ready after $(median "${figures[$kind-empty]}") s on an empty data directory, $(median "${figures[$kind-again]}") s on existing data"
done
