#!/usr/bin/env bash
# Unpacks Countersign's jar into a directory and records there a class data sharing (CDS) archive of
# the classes a start loads, from one training start that stops as soon as the application context is
# ready. Later starts map those classes from the archive instead of reading, parsing and verifying
# them again, which takes about a third off the start (BENCHMARKS.md, "Start with a class data archive").
#
#   deploy/cds/archive.sh target/countersign-0.1.0-SNAPSHOT.jar /opt/countersign
#   java -XX:SharedArchiveFile=/opt/countersign/countersign.jsa -jar /opt/countersign/countersign.jar
#
# The archive fits only the java that made it and this jar at this path: make it again after
# upgrading either. A java that finds the archive does not fit starts without it and says so
# (-Xshare:on makes that an error instead). The training start uses an in-memory database and a
# throw-away key, so it touches neither the service's data nor its configuration, and asks for no
# fixed port, so it runs beside a Countersign already serving on this host.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 <countersign jar> <directory>" >&2; exit 2; }
jar=$(realpath "$1")
dir=$(realpath -m "$2")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

mkdir -p "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --force --destination "$dir" --application-filename countersign.jar
rm -f "$dir/countersign.jsa"

training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
# the service's own database settings, in whichever form they are given, must never reach the training
# start: Spring's names of them override COUNTERSIGN_DB_URL
unset_settings=(-u COUNTERSIGN_DB_URL -u COUNTERSIGN_ENCRYPTION_KEY_FILE -u COUNTERSIGN_CHECK_PORT
  -u SERVER_PORT -u MANAGEMENT_SERVER_PORT -u SPRING_APPLICATION_JSON)
for name in $(compgen -e); do
  case $name in SPRING_DATASOURCE_* | SPRING_FLYWAY_*) unset_settings+=(-u "$name") ;; esac
done
# spring.context.exit=onRefresh ends the start once every bean exists, before the port is opened; the
# start still checks that its ports are free, so it asks for any free one (0)
(cd "$training" \
  && env "${unset_settings[@]}" \
    COUNTERSIGN_PORT=0 \
    COUNTERSIGN_DB_URL="jdbc:h2:mem:training;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    COUNTERSIGN_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
    "$java" -XX:ArchiveClassesAtExit="$dir/countersign.jsa" -Xlog:cds=error -Xlog:cds+dynamic=error \
    -Dspring.context.exit=onRefresh -jar "$dir/countersign.jar" >"$training/training.log" 2>&1) \
  || { cat "$training/training.log" >&2; echo "$0: the training start failed" >&2; exit 1; }
[ -s "$dir/countersign.jsa" ] || { cat "$training/training.log" >&2; echo "$0: no archive was written" >&2; exit 1; }
echo "start with: $java -XX:SharedArchiveFile=$dir/countersign.jsa -jar $dir/countersign.jar"
